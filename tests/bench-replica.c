/* bench-replica.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "bench-first-frame.h"
#include "bench-replica.h"
#include "cb-resources.h"

/* The start-up benchmark's floor: the app's first screen as plain GTK
 * widgets. The app, at its first frame, writes what it shows (its mapped
 * widgets, with their texts, style classes, sizes and alignments) as a
 * GtkBuilder file; the replica builds a window from that file alone,
 * with the app's style sheet and none of its code, and ends after its
 * first frame as the app does. What the replica costs over the bare
 * window is the cost of those widgets in GTK; what the app costs over
 * the replica is its own.
 *
 * The app's own widgets are written as the GTK widget they derive from,
 * or a box; a child of a widget that lays its children out itself gets
 * the size it had.
 */

static void write_widget (GString *out, GtkWidget *widget, int depth, GtkWidget *fixed_in);

static void
indent (GString *out,
        int      depth)
{
  g_string_append_printf (out, "%*s", depth * 2, "");
}

static void
property (GString    *out,
          int         depth,
          const char *name,
          const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  indent (out, depth);
  g_string_append_printf (out, "<property name=\"%s\">%s</property>\n", name, escaped);
}

static void
property_int (GString    *out,
              int         depth,
              const char *name,
              int         value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  property (out, depth, name, text);
}

static void
property_bool (GString    *out,
               int         depth,
               const char *name,
               gboolean    value)
{
  property (out, depth, name, value ? "True" : "False");
}

/* A property of @object written as GtkBuilder reads it, when it is not
 * its default */
static void
property_of (GString    *out,
             int         depth,
             GObject    *object,
             const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;

  if (pspec == NULL)
    return;
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, name, &value);
  if (g_param_value_defaults (pspec, &value))
    return;

  if (G_VALUE_HOLDS_BOOLEAN (&value))
    property_bool (out, depth, name, g_value_get_boolean (&value));
  else if (G_VALUE_HOLDS_ENUM (&value))
    {
      GEnumValue *enum_value = g_enum_get_value (g_type_class_peek (pspec->value_type),
                                                 g_value_get_enum (&value));

      if (enum_value != NULL)
        property (out, depth, name, enum_value->value_nick);
    }
  else if (G_VALUE_HOLDS_STRING (&value) || G_VALUE_HOLDS_INT (&value) ||
           G_VALUE_HOLDS_UINT (&value) || G_VALUE_HOLDS_FLOAT (&value) ||
           G_VALUE_HOLDS_DOUBLE (&value))
    {
      g_value_init (&text, G_TYPE_STRING);
      g_value_transform (&value, &text);
      if (g_value_get_string (&text) != NULL)
        property (out, depth, name, g_value_get_string (&text));
    }
}

static void
properties_of (GString            *out,
               int                 depth,
               gpointer            object,
               const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    property_of (out, depth, object, names[i]);
}

static gboolean lays_out_itself (GtkWidget *widget);

/* The GTK class the replica builds for @widget */
static const char *
replica_class (GtkWidget *widget)
{
  GType type = G_OBJECT_TYPE (widget);

  if (GTK_IS_STACK_SWITCHER (widget))
    return "GtkBox";
  while (type != GTK_TYPE_WIDGET &&
         (!g_str_has_prefix (g_type_name (type), "Gtk") || G_TYPE_IS_ABSTRACT (type)))
    type = g_type_parent (type);
  if ((type == GTK_TYPE_WIDGET || type == GTK_TYPE_BOX) && lays_out_itself (widget))
    return "GtkFixed";
  if (type == GTK_TYPE_WIDGET)
    return "GtkBox";
  return g_type_name (type);
}

/* Whether @widget lays its children out itself: the app's own widgets
 * and layouts */
static gboolean
lays_out_itself (GtkWidget *widget)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);
  GType type = G_OBJECT_TYPE (widget);

  if (layout != NULL && !g_str_has_prefix (G_OBJECT_TYPE_NAME (layout), "Gtk"))
    return TRUE;
  /* an own widget, laid out other than as a box */
  if (layout != NULL && !g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Gtk"))
    return !GTK_IS_BOX_LAYOUT (layout) && gtk_widget_get_first_child (widget) != NULL;
  if (layout != NULL)
    return FALSE;
  /* an own widget with no GTK widget above it but GtkWidget */
  while (!g_str_has_prefix (g_type_name (type), "Gtk"))
    type = g_type_parent (type);
  return type == GTK_TYPE_WIDGET && gtk_widget_get_first_child (widget) != NULL;
}

static void
child (GString    *out,
       GtkWidget  *widget,
       int         depth,
       const char *type,
       GtkWidget  *fixed_in)
{
  if (widget == NULL || !gtk_widget_get_mapped (widget))
    return;
  indent (out, depth);
  if (type != NULL)
    g_string_append_printf (out, "<child type=\"%s\">\n", type);
  else
    g_string_append (out, "<child>\n");
  write_widget (out, widget, depth + 1, fixed_in);
  indent (out, depth);
  g_string_append (out, "</child>\n");
}

static void
children (GString   *out,
          GtkWidget *widget,
          int        depth)
{
  GtkWidget *fixed_in = lays_out_itself (widget) ? widget : NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    child (out, c, depth, NULL, fixed_in);
}

static void
object_child (GString    *out,
              GtkWidget  *widget,
              int         depth,
              const char *name)
{
  if (widget == NULL || !gtk_widget_get_mapped (widget))
    return;
  indent (out, depth);
  g_string_append_printf (out, "<property name=\"%s\">\n", name);
  write_widget (out, widget, depth + 1, NULL);
  indent (out, depth);
  g_string_append (out, "</property>\n");
}

/* The text shown in @widget's first label */
static const char *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *text = first_label (c);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
write_header_bar (GString   *out,
                  GtkWidget *bar,
                  int        depth)
{
  GtkWidget *center_box = gtk_widget_get_first_child (gtk_widget_get_first_child (bar));
  GtkWidget *start = gtk_center_box_get_start_widget (GTK_CENTER_BOX (center_box));
  GtkWidget *end = gtk_center_box_get_end_widget (GTK_CENTER_BOX (center_box));

  for (GtkWidget *c = gtk_widget_get_first_child (start); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (!GTK_IS_WINDOW_CONTROLS (c))
      child (out, c, depth, "start", NULL);
  child (out, gtk_center_box_get_center_widget (GTK_CENTER_BOX (center_box)), depth, "title", NULL);
  /* packed from the end */
  for (GtkWidget *c = gtk_widget_get_last_child (end); c != NULL;
       c = gtk_widget_get_prev_sibling (c))
    if (!GTK_IS_WINDOW_CONTROLS (c))
      child (out, c, depth, "end", NULL);
}

static void
write_content (GString   *out,
               GtkWidget *widget,
               int        depth)
{
  static const char * const label_names[] = {
    "label", "use-markup", "use-underline", "wrap", "wrap-mode", "xalign", "yalign",
    "justify", "ellipsize", "width-chars", "max-width-chars", "lines", "selectable", NULL
  };
  static const char * const box_names[] = { "orientation", "spacing", "homogeneous", NULL };

  if (GTK_IS_HEADER_BAR (widget))
    write_header_bar (out, widget, depth);
  else if (GTK_IS_LABEL (widget))
    properties_of (out, depth, widget, label_names);
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      static const char * const names[] = {
        "icon-name", "label", "use-underline", "has-frame", NULL
      };

      properties_of (out, depth, widget, names);
      object_child (out, gtk_menu_button_get_child (GTK_MENU_BUTTON (widget)), depth, "child");
      /* without one it is insensitive, and drawn so */
      indent (out, depth);
      g_string_append (out, "<property name=\"popover\">"
                            "<object class=\"GtkPopover\"/></property>\n");
    }
  else if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *content = gtk_button_get_child (GTK_BUTTON (widget));

      property_of (out, depth, G_OBJECT (widget), "has-frame");
      if (GTK_IS_TOGGLE_BUTTON (widget))
        property_of (out, depth, G_OBJECT (widget), "active");
      if (GTK_IS_LABEL (content))
        {
          property (out, depth, "label", gtk_label_get_label (GTK_LABEL (content)));
          property_of (out, depth, G_OBJECT (widget), "use-underline");
        }
      else if (GTK_IS_IMAGE (content) && gtk_image_get_icon_name (GTK_IMAGE (content)) != NULL)
        property (out, depth, "icon-name", gtk_image_get_icon_name (GTK_IMAGE (content)));
      else
        child (out, content, depth, NULL, NULL);
    }
  else if (GTK_IS_SWITCH (widget))
    property_of (out, depth, G_OBJECT (widget), "active");
  else if (GTK_IS_IMAGE (widget))
    {
      static const char * const names[] = { "icon-name", "pixel-size", "icon-size", NULL };

      properties_of (out, depth, widget, names);
    }
  else if (GTK_IS_SPIN_BUTTON (widget))
    {
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget));

      indent (out, depth);
      g_string_append_printf (out, "<property name=\"adjustment\"><object class=\"GtkAdjustment\">"
                              "<property name=\"lower\">%g</property>"
                              "<property name=\"upper\">%g</property>"
                              "<property name=\"value\">%g</property>"
                              "<property name=\"step-increment\">1</property>"
                              "</object></property>\n",
                              gtk_adjustment_get_lower (adjustment),
                              gtk_adjustment_get_upper (adjustment),
                              gtk_adjustment_get_value (adjustment));
      property_of (out, depth, G_OBJECT (widget), "digits");
    }
  else if (GTK_IS_ENTRY (widget))
    {
      static const char * const names[] = {
        "placeholder-text", "width-chars", "max-width-chars", NULL
      };

      property (out, depth, "text", gtk_editable_get_text (GTK_EDITABLE (widget)));
      properties_of (out, depth, widget, names);
    }
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      static const char * const names[] = {
        "wrap-mode", "monospace", "editable", "cursor-visible", "left-margin", "right-margin",
        "top-margin", "bottom-margin", NULL
      };
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      escaped = g_markup_escape_text (text, -1);
      indent (out, depth);
      g_string_append_printf (out, "<property name=\"buffer\"><object class=\"GtkTextBuffer\">"
                              "<property name=\"text\">%s</property></object></property>\n",
                              escaped);
      properties_of (out, depth, widget, names);
    }
  else if (GTK_IS_DROP_DOWN (widget))
    {
      const char *shown = first_label (widget);
      g_autofree char *escaped = g_markup_escape_text (shown ? shown : "", -1);

      indent (out, depth);
      g_string_append_printf (out, "<property name=\"model\"><object class=\"GtkStringList\">"
                              "<items><item>%s</item></items></object></property>\n", escaped);
    }
  else if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      static const char * const names[] = {
        "hscrollbar-policy", "vscrollbar-policy", "min-content-width", "min-content-height",
        "propagate-natural-width", "propagate-natural-height", "has-frame", NULL
      };

      properties_of (out, depth, widget, names);
      object_child (out, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget)), depth,
                    "child");
    }
  else if (GTK_IS_VIEWPORT (widget))
    object_child (out, gtk_viewport_get_child (GTK_VIEWPORT (widget)), depth, "child");
  else if (GTK_IS_STACK (widget))
    {
      static const char * const names[] = { "hhomogeneous", "vhomogeneous", NULL };

      properties_of (out, depth, widget, names);
      child (out, gtk_stack_get_visible_child (GTK_STACK (widget)), depth, NULL, NULL);
    }
  else if (GTK_IS_STACK_SWITCHER (widget))
    children (out, widget, depth);
  else if (GTK_IS_OVERLAY (widget))
    {
      GtkWidget *main = gtk_overlay_get_child (GTK_OVERLAY (widget));

      object_child (out, main, depth, "child");
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (c != main)
          child (out, c, depth, "overlay", NULL);
    }
  else if (GTK_IS_REVEALER (widget))
    {
      property_bool (out, depth, "reveal-child", TRUE);
      object_child (out, gtk_revealer_get_child (GTK_REVEALER (widget)), depth, "child");
    }
  else if (GTK_IS_LIST_BOX (widget))
    {
      property_of (out, depth, G_OBJECT (widget), "selection-mode");
      children (out, widget, depth);
    }
  else if (GTK_IS_LIST_BOX_ROW (widget))
    {
      static const char * const names[] = { "activatable", "selectable", NULL };

      properties_of (out, depth, widget, names);
      object_child (out, gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget)), depth, "child");
    }
  else if (GTK_IS_FLOW_BOX (widget))
    {
      static const char * const names[] = {
        "selection-mode", "homogeneous", "min-children-per-line", "max-children-per-line",
        "column-spacing", "row-spacing", NULL
      };

      properties_of (out, depth, widget, names);
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_FLOW_BOX_CHILD (c))
          child (out, gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c)), depth, NULL, NULL);
    }
  else if (GTK_IS_SEPARATOR (widget) || GTK_IS_PROGRESS_BAR (widget))
    property_of (out, depth, G_OBJECT (widget), "orientation");
  else if (GTK_IS_SPINNER (widget))
    property_of (out, depth, G_OBJECT (widget), "spinning");
  else if (g_str_equal (replica_class (widget), "GtkFixed"))
    children (out, widget, depth);
  else if (GTK_IS_BOX (widget))
    {
      properties_of (out, depth, widget, box_names);
      children (out, widget, depth);
    }
  else if (g_str_equal (replica_class (widget), "GtkBox"))
    {
      /* an own widget laid out as a box, or with one child */
      if (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)))
        properties_of (out, depth, gtk_widget_get_layout_manager (widget), box_names);
      children (out, widget, depth);
    }
}

static void
write_widget (GString   *out,
              GtkWidget *widget,
              int        depth,
              GtkWidget *fixed_in)
{
  static const char * const names[] = {
    "halign", "valign", "hexpand", "vexpand", "margin-start", "margin-end", "margin-top",
    "margin-bottom", "sensitive", "opacity", NULL
  };
  static const char * const size_names[] = { "width-request", "height-request", NULL };
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  graphene_rect_t bounds;

  indent (out, depth);
  g_string_append_printf (out, "<object class=\"%s\">\n", replica_class (widget));
  /* a stack switcher's buttons expand within it, not the box that
   * stands for it */
  if (GTK_IS_STACK_SWITCHER (gtk_widget_get_parent (widget)))
    property (out, depth + 1, "hexpand", "True");
  else
    properties_of (out, depth + 1, widget, names);

  /* Its size: where the app's own layout put it, the size it had; a
   * scrolled window as high as it was; any other as it asks */
  if (fixed_in != NULL && gtk_widget_compute_bounds (widget, fixed_in, &bounds))
    {
      property_int (out, depth + 1, "width-request", bounds.size.width);
      property_int (out, depth + 1, "height-request", bounds.size.height);
      indent (out, depth + 1);
      g_string_append_printf (out, "<layout><property name=\"transform\">"
                              "translate(%g, %g)</property></layout>\n",
                              bounds.origin.x - gtk_widget_get_margin_start (widget),
                              bounds.origin.y - gtk_widget_get_margin_top (widget));
    }
  else if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      property_of (out, depth + 1, G_OBJECT (widget), "width-request");
      property_int (out, depth + 1, "height-request", gtk_widget_get_height (widget));
    }
  else
    properties_of (out, depth + 1, widget, size_names);
  write_content (out, widget, depth + 1);
  if (classes[0] != NULL)
    {
      indent (out, depth + 1);
      g_string_append (out, "<style>");
      for (guint i = 0; classes[i] != NULL; i++)
        g_string_append_printf (out, "<class name=\"%s\"/>", classes[i]);
      g_string_append (out, "</style>\n");
    }
  indent (out, depth);
  g_string_append (out, "</object>\n");
}

/**
 * bench_replica_write:
 * @window: a window, mapped and drawn
 * @path: where to write it
 *
 * Writes what @window shows as a GtkBuilder file, its window's id `window`
 */
void
bench_replica_write (GtkWindow  *window,
                     const char *path)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<interface>\n");
  g_autoptr(GError) error = NULL;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_string_append (out, "  <object class=\"GtkApplicationWindow\" id=\"window\">\n");
  property_int (out, 2, "default-width", width);
  property_int (out, 2, "default-height", height);
  property (out, 2, "title", gtk_window_get_title (window) ? gtk_window_get_title (window) : "");
  object_child (out, gtk_window_get_titlebar (window), 2, "titlebar");
  object_child (out, gtk_window_get_child (window), 2, "child");
  g_string_append (out, "  </object>\n</interface>\n");

  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
}

static void
on_replica_activate (GtkApplication *app,
                     const char     *path)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_file (path);
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));

  gtk_window_set_application (window, app);
  gtk_window_present (window);
}

static void
on_replica_startup (GtkApplication *app)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/**
 * bench_replica_run:
 * @path: a file bench_replica_write() wrote
 *
 * Shows the window of @path with the app's style sheet, prints the
 * milliseconds from the start of main() to its first frame, and ends
 *
 * Returns: the exit status
 */
int
bench_replica_run (const char *path)
{
  g_autoptr(GtkApplication) app = NULL;

  bench_mark_main_start ();
  cb_register_resource ();
  app = gtk_application_new (APPLICATION_ID ".Replica", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_replica_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_replica_activate), (gpointer)path);
  bench_quit_after_first_frame (app);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
