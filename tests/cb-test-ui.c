/* cb-test-ui.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gdk/x11/gdkx.h>

#include "cb-demo.h"
#include "cb-field-row.h"
#include "cb-form-store.h"
#include "cb-option.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"

/* What the tests of the window share: the real application under Xvfb,
 * with its own data folder and the demo project in it, and ways to reach
 * and change its widgets as a user would.
 */

static CbApplication *app;
static char *home;

#define wait_until(cond) cb_test_wait_until (cond, 10)

/**
 * cb_test_ui_init:
 *
 * Initializes GTK and the test framework, with a data folder of the
 * test's own (the demo copied into it), the build's translations, and
 * the application registered.
 */
void
cb_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;

  home = cb_test_make_tempdir ();
  data_home = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  {
    /* The demo first; icons and MIME data from the system */
    g_autofree char *dirs = g_strdup_printf ("%s:%s", g_getenv ("CB_TEST_DEMO_DATA_DIR"),
                                             g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                                        : "/usr/local/share:/usr/share");

    g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  }

  /* The demo's runners skip their pauses */
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);

  gtk_test_init (argc, argv, NULL);

  /* As main.c does: the build's own translations */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_free (cb_demo_ensure_copy (&error));
  g_assert_no_error (error);
}

void
cb_test_ui_finish (void)
{
  g_clear_object (&app);
  cb_test_remove_tree (home);
  g_clear_pointer (&home, g_free);
}

CbApplication *
cb_test_ui_get_app (void)
{
  return app;
}

char *
cb_test_ui_demo_dir (void)
{
  return g_build_filename (home, "data", "cmdbuilder", "demo", NULL);
}

void
cb_test_ui_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * cb_test_ui_open_window:
 *
 * Returns: (transfer none): the window of the project in @dir, with its
 *   first page built, and active: a run that ends in an inactive window
 *   sends a notification, which needs a notification service
 */
CbWindow *
cb_test_ui_open_window (const char *dir)
{
  CbWindow *window = cb_application_open_project (app, dir);

  wait_until (cb_window_get_visible_page (window) != NULL &&
              CB_IS_PAGE (cb_window_get_visible_page (window)) &&
              cb_page_is_built (CB_PAGE (cb_window_get_visible_page (window))) &&
              gtk_window_is_active (GTK_WINDOW (window)));
  return window;
}

CbWindow *
cb_test_ui_open_demo (void)
{
  g_autofree char *dir = cb_test_ui_demo_dir ();

  return cb_test_ui_open_window (dir);
}

/**
 * cb_test_ui_close_window:
 *
 * Closes @window and checks that it goes, with its session, its pages
 * and their forms: nothing keeps them alive once the window is closed.
 */
void
cb_test_ui_close_window (CbWindow *window)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  CbSession *session = cb_window_get_session (window);

  g_ptr_array_add (objects, g_object_ref (window));
  for (guint i = 0; i < cb_window_get_n_pages (window); i++)
    {
      GtkWidget *page = cb_window_get_page (window, i);

      g_ptr_array_add (objects, g_object_ref (page));
      if (CB_IS_PAGE (page) && cb_page_is_built (CB_PAGE (page)))
        g_ptr_array_add (objects, g_object_ref (cb_page_get_form (CB_PAGE (page))));
    }
  if (session != NULL)
    g_ptr_array_add (objects, g_object_ref (session));

  gtk_window_close (GTK_WINDOW (window));
  cb_test_ui_drain ();

  /* In order: each holds the next */
  for (guint i = 0; i < objects->len; i++)
    if (!CB_IS_FORM (g_ptr_array_index (objects, i)))
      g_assert_finalize_object (g_ptr_array_index (objects, i));
  for (guint i = 0; i < objects->len; i++)
    if (CB_IS_FORM (g_ptr_array_index (objects, i)))
      g_assert_finalize_object (g_ptr_array_index (objects, i));
}

guint
cb_test_ui_field_index (CbPage     *page,
                        const char *key)
{
  CbField *field = cb_schema_lookup_field (cb_page_get_schema (page), key);

  g_assert_nonnull (field);
  return field->index;
}

/**
 * cb_test_ui_input_of:
 *
 * Returns: (transfer none): the widget a user changes in the row of @key
 */
GtkWidget *
cb_test_ui_input_of (CbPage     *page,
                     const char *key)
{
  GtkWidget *row = cb_page_get_row (page, cb_test_ui_field_index (page, key));

  g_assert_nonnull (row);
  return cb_field_row_get_input (CB_FIELD_ROW (row));
}

void
cb_test_ui_select_option (GtkWidget  *dropdown,
                          const char *value)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  gint64 pos = cb_options_find (model, value);

  g_assert_cmpint (pos, >=, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), pos);
}

/**
 * cb_test_ui_find_descendant:
 * @type: a type, or 0 for any
 * @name: a widget name, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first widget under @root,
 *   depth first, of type @type and named @name
 */
GtkWidget *
cb_test_ui_find_descendant (GtkWidget  *root,
                            GType       type,
                            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if ((type == 0 || G_TYPE_CHECK_INSTANCE_TYPE (child, type)) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      if ((found = cb_test_ui_find_descendant (child, type, name)) != NULL)
        return found;
    }

  return NULL;
}

/**
 * cb_test_ui_find_toplevel:
 * @type: a window type
 *
 * Returns: (transfer none) (nullable): the first shown window of @type
 */
GtkWidget *
cb_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/**
 * cb_test_ui_press:
 *
 * Does what the keys @accel do on @widget, as the shortcut controllers
 * on it (the window's has the application's accelerators) would on a key
 * press; fails when no shortcut there has these keys.
 */
void
cb_test_ui_press (GtkWidget  *widget,
                  const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, accel))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_assertion_message_expr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, accel);
}

/* Forgets the stored values of @page's form */
void
cb_test_ui_reset_settings (CbPage *page)
{
  g_autoptr(GSettings) settings = NULL;
  CbProject *project = cb_form_get_project (cb_page_get_form (page));

  settings = cb_form_store_create_settings (cb_project_get_root (project),
                                            cb_schema_get_id (cb_page_get_schema (page)));
  g_settings_reset (settings, "values");
}

/**
 * cb_test_ui_reset_demo:
 *
 * Builds every page of the demo in @window and resets its form and its
 * stored values, the newest pages first: the next test starts afresh.
 */
void
cb_test_ui_reset_demo (CbWindow *window)
{
  for (guint i = cb_window_get_n_pages (window); i-- > 0;)
    {
      CbPage *page = CB_PAGE (cb_window_get_page (window, i));

      cb_page_build (page);
      cb_test_ui_reset_settings (page);
      cb_form_reset (cb_page_get_form (page));
    }
}

/**
 * cb_test_ui_xdotool:
 * @x: where in @widget, from its left
 * @y: where in @widget, from its top
 * @...: what xdotool does there, such as "click", "5", and %NULL
 *
 * Moves the real pointer of the X display over @widget and does what a
 * user does there, through xdotool (XTEST): the events GTK gets are the
 * ones a mouse makes.
 *
 * Returns: %FALSE when xdotool cannot be run
 */
gboolean
cb_test_ui_xdotool (GtkWidget *widget,
                    double     x,
                    double     y,
                    ...)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  graphene_point_t point;
  double dx, dy;
  int status;
  va_list args;
  const char *arg;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup ("--window"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (surface)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int)(point.x + dx)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int)(point.y + dy)));
  va_start (args, y);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

/**
 * cb_test_ui_resize_window:
 *
 * Resizes @window as a user would: its surface is @width by @height (the
 * window widget is smaller by the frame it draws itself); a size below
 * the window's minimum, or over the screen's, is never reached, and fails
 * the test.
 */
void
cb_test_ui_resize_window (CbWindow *window,
                          int       width,
                          int       height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  /* A size asked for before the first one is in place would be lost */
  wait_until (gtk_widget_get_width (GTK_WIDGET (window)) > 0);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  wait_until (gdk_surface_get_width (surface) == width &&
              gdk_surface_get_height (surface) == height);
  cb_test_ui_drain ();
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *left = data;

  if (*left > 0)
    (*left)--;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/**
 * cb_test_ui_wait_frames:
 *
 * Iterates the main loop until @widget's frame clock has drawn @n more
 * frames: what changed is laid out.
 */
void
cb_test_ui_wait_frames (GtkWidget *widget,
                        guint      n)
{
  guint left = n;

  gtk_widget_add_tick_callback (widget, count_frame, &left, NULL);
  gtk_widget_queue_draw (widget);
  wait_until (left == 0);
}

/* GNU gettext's counter of catalog changes: glibc caches what it found
 * for the language it had
 */
#ifdef __GLIBC__
extern int _nl_msg_cat_cntr;
#endif

/**
 * cb_test_ui_catalogs_changed:
 *
 * Makes gettext look for its translations again: the language changed.
 */
void
cb_test_ui_catalogs_changed (void)
{
#ifdef __GLIBC__
  _nl_msg_cat_cntr++;
#endif
}
