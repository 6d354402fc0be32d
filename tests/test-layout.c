/* test-layout.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cb-field-layout.h"
#include "cb-field-row.h"
#include "cb-history-view.h"
#include "cb-page.h"
#include "cb-setup-card.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"
#include "cb-window.h"

/* The window at GNOME's smallest size, 360 by 500, as a user sees it:
 * every page fits its width, in English and in Korean; and at 1400 px,
 * every field's widget beside its label.
 */

#define wait_until(cond) cb_test_wait_until (cond, 10)

/* The widget under @root, depth first, that sticks out furthest to the
 * right of @viewport; its right edge in @right */
static GtkWidget *
widest_under (GtkWidget *root,
              GtkWidget *viewport,
              double    *right)
{
  GtkWidget *widest = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkWidget *found;
      double child_right = 0;

      if (!gtk_widget_get_mapped (child) || GTK_IS_NATIVE (child))
        continue;
      g_assert_true (gtk_widget_compute_bounds (child, viewport, &bounds));
      if (bounds.origin.x + bounds.size.width > *right)
        {
          *right = bounds.origin.x + bounds.size.width;
          widest = child;
        }
      if ((found = widest_under (child, viewport, &child_right)) != NULL && child_right > *right)
        {
          *right = child_right;
          widest = found;
        }
    }
  return widest;
}

/* Every row of the form of @page, and everything above the rows, is
 * inside the form's viewport: nothing scrolls sideways, nothing is cut.
 * Returns how many rows were checked. */
static guint
assert_form_fits (CbPage *page)
{
  GtkWidget *form_view = cb_page_get_form_view (page);
  GtkWidget *scroller = cb_test_ui_find_descendant (form_view, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  int width = gtk_widget_get_width (viewport);
  guint rows = 0;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (width, <, 360);

  for (guint i = 0; i < cb_schema_get_n_fields (cb_page_get_schema (page)); i++)
    {
      GtkWidget *row = cb_page_get_row (page, i);
      graphene_rect_t bounds;

      if (row == NULL || !gtk_widget_get_mapped (row))
        continue;
      g_assert_true (gtk_widget_compute_bounds (row, viewport, &bounds));
      if (bounds.origin.x + bounds.size.width > width)
        g_error ("The row of %s is %g px wide, and ends at %g in a viewport of %d px",
                 cb_schema_get_field (cb_page_get_schema (page), i)->key, bounds.size.width,
                 bounds.origin.x + bounds.size.width, width);
      rows++;
    }

  {
    double right = 0;
    GtkWidget *widest = widest_under (viewport, viewport, &right);

    if (right > width + 0.5)
      g_error ("A %s (%s) ends at %g in a viewport of %d px", G_OBJECT_TYPE_NAME (widest),
               GTK_IS_LABEL (widest) ? gtk_label_get_text (GTK_LABEL (widest)) : "",
               right, width);
  }
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment));
  return rows;
}

/* The rows of the command panel's messages under @root: each is seen
 * whole, not cut by a scrolled window around it. Returns how many. */
static guint
assert_messages_whole (GtkWidget *root)
{
  guint checked = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (!gtk_widget_has_css_class (child, "cb-message"))
        {
          checked += assert_messages_whole (child);
          continue;
        }
      for (GtkWidget *above = gtk_widget_get_parent (child); above != NULL;
           above = gtk_widget_get_parent (above))
        {
          graphene_rect_t bounds;

          if (!GTK_IS_SCROLLED_WINDOW (above))
            continue;
          g_assert_true (gtk_widget_compute_bounds (child, above, &bounds));
          if (bounds.origin.y + bounds.size.height > gtk_widget_get_height (above) + 0.5)
            g_error ("A message %g px high is cut at %d px", bounds.size.height,
                     gtk_widget_get_height (above));
        }
      checked++;
    }
  return checked;
}

static void
check_smallest_window (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  g_autofree char *layout = NULL;
  guint checked = 0;

  /* The title bar's buttons as GNOME has them: Close only */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout", &layout,
                NULL);
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout",
                "appmenu:close", NULL);
  cb_test_ui_reset_demo (window);
  cb_test_ui_resize_window (window, 360, 500);

  for (guint p = 0; p < cb_window_get_n_pages (window); p++)
    {
      CbPage *page = CB_PAGE (cb_window_get_page (window, p));
      guint rows;

      cb_window_set_visible_page (window, p);
      wait_until (cb_page_get_one_column (page) &&
                  gtk_widget_get_mapped (cb_page_get_form_view (page)));
      /* Every row is built, and laid out at the window's width */
      cb_page_get_row (page, 0);
      cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
      rows = assert_form_fits (page);
      g_assert_cmpuint (rows, >, 3);
      checked += rows;
    }
  g_test_message ("%u rows fit 360 px", checked);

  /* The Test page's command, before any checkpoint: its hint is read
   * whole */
  {
    CbPage *page = CB_PAGE (cb_window_get_page (window, 1));

    cb_window_set_visible_page (window, 1);
    cb_page_show_panel (page, TRUE);
    wait_until (gtk_widget_get_mapped (cb_page_get_panel (page)));
    cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpuint (assert_messages_whole (cb_page_get_panel (page)), ==, 1);
    cb_page_show_panel (page, FALSE);
  }

  /* The history's popover, which GTK does not narrow to the window */
  {
    GtkWidget *history = cb_test_ui_find_descendant (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW,
                                                     NULL);
    GtkWidget *popover = gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER);

    gtk_popover_popup (GTK_POPOVER (popover));
    wait_until (gtk_widget_get_mapped (history));
    cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpint (gtk_widget_get_width (history), <=, 360 - 24);
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout", layout,
                NULL);
  cb_test_ui_close_window (window);
}

static void
test_layout_smallest (void)
{
  check_smallest_window ();
}

/* Korean words are kept whole where lines break: they must fit too */
static void
test_layout_smallest_korean (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ko", TRUE);
  cb_test_ui_catalogs_changed ();

  check_smallest_window ();

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved_locale);
  cb_test_ui_catalogs_changed ();
}

/* The top of the row under @root whose layout puts the widget beside or
 * under the label */
static GtkWidget *
find_field_top (GtkWidget *root)
{
  if (CB_IS_FIELD_LAYOUT (gtk_widget_get_layout_manager (root)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_field_top (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* In every row of @page that has a widget, the widget is right of the
 * label, on the same line. Returns how many rows were checked. */
static guint
assert_side_by_side (CbPage *page)
{
  CbSchema *schema = cb_page_get_schema (page);
  guint rows = 0;

  for (guint i = 0; i < cb_schema_get_n_fields (schema); i++)
    {
      GtkWidget *row = cb_page_get_row (page, i);
      GtkWidget *top, *text, *input;
      graphene_rect_t text_bounds, input_bounds;

      if (row == NULL || !gtk_widget_get_mapped (row))
        continue;
      top = find_field_top (row);
      g_assert_nonnull (top);
      text = gtk_widget_get_first_child (top);
      input = gtk_widget_get_next_sibling (text);
      if (input == NULL || !gtk_widget_get_visible (input))
        continue;
      g_assert_false (cb_field_layout_get_stacked (CB_FIELD_LAYOUT (gtk_widget_get_layout_manager (top))));
      g_assert_true (gtk_widget_compute_bounds (text, top, &text_bounds));
      g_assert_true (gtk_widget_compute_bounds (input, top, &input_bounds));
      if (input_bounds.origin.x < text_bounds.origin.x + text_bounds.size.width ||
          input_bounds.origin.y >= text_bounds.origin.y + text_bounds.size.height)
        g_error ("The widget of %s (%g, %g) is not beside its label (%g, %g, %g wide)",
                 cb_schema_get_field (schema, i)->key, input_bounds.origin.x,
                 input_bounds.origin.y, text_bounds.origin.x, text_bounds.origin.y,
                 text_bounds.size.width);
      rows++;
    }
  return rows;
}

/* 1400 px, or the screen's width when it is narrower (the suite's
 * screen, in build-aux/test, is 1400 px wide; a window is never wider
 * than its screen) */
static int
wide_width (CbWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget),
                                                            surface);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  if (geometry.width < 1400)
    g_test_message ("The screen is %d px wide: the wide layout is checked at that width",
                    geometry.width);
  return MIN (geometry.width, 1400);
}

static void
test_layout_wide (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  guint checked = 0;
  int width;

  cb_test_ui_reset_demo (window);
  wait_until (gtk_widget_get_width (GTK_WIDGET (window)) > 0);
  width = wide_width (window);
  cb_test_ui_resize_window (window, width, 900);

  for (guint p = 0; p < cb_window_get_n_pages (window); p++)
    {
      CbPage *page = CB_PAGE (cb_window_get_page (window, p));
      guint rows;

      cb_window_set_visible_page (window, p);
      wait_until (!cb_page_get_one_column (page) &&
                  gtk_widget_get_mapped (cb_page_get_form_view (page)));
      cb_page_get_row (page, 0);
      cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
      rows = assert_side_by_side (page);
      g_assert_cmpuint (rows, >, 3);
      checked += rows;
    }
  g_test_message ("%u rows side by side at %d px", checked, width);

  cb_test_ui_close_window (window);
}

/* The label of @root, depth first, that shows @text */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A project with a long name at 360 px: its name is cut with an
 * ellipsis, and the header bar stays as wide as the window */
static void
test_layout_long_project_name (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *name = g_strnfill (12, 'x');
  g_autofree char *long_name = g_strjoin (" ", "A project whose name is long", name, name, name,
                                          name, name, "and goes on", NULL);
  g_autofree char *project = g_strdup_printf ("name: \"%s\"\n", long_name);
  g_autofree char *layout = NULL;
  CbWindow *window;
  GtkWidget *header, *label;
  int natural;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", project));
  g_free (cb_test_write (dir, "schemas/train.yaml",
                         "ui_elements:\n"
                         "  - key: exp_name\n    type: text_input\n    label: Experiment\n"
                         "    default: x\n    hydra_override: exp\n"));
  window = cb_test_ui_open_window (dir);
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout", &layout,
                NULL);
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout",
                "appmenu:close", NULL);
  cb_test_ui_resize_window (window, 360, 500);
  cb_test_ui_wait_frames (GTK_WIDGET (window), 2);

  header = gtk_window_get_titlebar (GTK_WINDOW (window));
  label = find_label (header, long_name);
  g_assert_nonnull (label);
  g_assert_cmpint (gtk_widget_get_width (header), <=, gtk_widget_get_width (GTK_WIDGET (window)));
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (label), <, natural);
  g_assert_cmpint (gtk_widget_get_width (label), >, 0);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout", layout,
                NULL);
  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cb_test_ui_init (&argc, &argv);

  g_test_add_func ("/layout/smallest", test_layout_smallest);
  g_test_add_func ("/layout/smallest-korean", test_layout_smallest_korean);
  g_test_add_func ("/layout/wide", test_layout_wide);
  g_test_add_func ("/layout/long-project-name", test_layout_long_project_name);

  status = g_test_run ();

  cb_test_ui_finish ();
  return status;
}
