/* cb-log-viewer.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-line-splitter.h"
#include "cb-log-viewer.h"

/**
 * CbLogViewer:
 *
 * A window that shows the log file of a run, read-only, in the app:
 * handing a `.log` file to the desktop opens whatever program claims
 * text files, which may be a terminal editor with no terminal to run in.
 * Lines that speak of a problem stand out as in the run's output; Ctrl+F
 * searches; Show in Folder asks the file manager to show the file.
 *
 * A log can be large (up to the run's log limit): the viewer reads its
 * last %CB_LOG_VIEWER_MAX_BYTES, from a line's start, in a thread, and
 * says what it left out.
 */

/* The most matches that are highlighted; the search still finds the rest */
#define MAX_MATCHES 10000

struct _CbLogViewer
{
  GtkWindow      parent_instance;

  char          *path;
  GCancellable  *cancellable;
  gboolean       loaded;
  guint          n_matches;

  GtkWidget     *title_label;
  GtkWidget     *subtitle_label;
  GtkWidget     *search_bar;
  GtkWidget     *search_entry;
  GtkWidget     *matches_label;
  GtkWidget     *notice_label;
  GtkTextView   *text_view;
  GtkTextBuffer *buffer;
  GtkTextTag    *text_tag;
  GtkTextTag    *problem_tag;
  GtkTextTag    *match_tag;
};

G_DEFINE_FINAL_TYPE (CbLogViewer, cb_log_viewer, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reading, in a thread */

typedef struct
{
  GBytes  *bytes;
  goffset  size;     /* of the file */
  goffset  skipped;  /* bytes left out at its start */
} Tail;

static void
tail_free (Tail *tail)
{
  g_clear_pointer (&tail->bytes, g_bytes_unref);
  g_free (tail);
}

static gboolean
read_all (int     fd,
          char   *data,
          gsize   length,
          gsize  *n_read)
{
  *n_read = 0;
  while (*n_read < length)
    {
      gssize n = read (fd, data + *n_read, length - *n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      *n_read += n;
    }

  return TRUE;
}

/* The last CB_LOG_VIEWER_MAX_BYTES of the file, from the start of a line */
static Tail *
read_tail (const char  *path,
           GError     **error)
{
  g_autofree char *data = NULL;
  Tail *tail;
  GStatBuf st;
  gsize length, n_read;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The log %s cannot be read: %s."), path, g_strerror (saved));
      return NULL;
    }

  tail = g_new0 (Tail, 1);
  tail->size = st.st_size;
  length = (gsize)MIN (st.st_size, CB_LOG_VIEWER_MAX_BYTES);
  if ((goffset)length < tail->size)
    tail->skipped = tail->size - length;
  data = g_malloc (length + 1);
  if (lseek (fd, tail->skipped, SEEK_SET) < 0 || !read_all (fd, data, length, &n_read))
    {
      int saved = errno;

      close (fd);
      tail_free (tail);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The log %s cannot be read: %s."), path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  if (tail->skipped > 0)
    {
      /* From the start of the next line */
      char *newline = memchr (data, '\n', n_read);
      gsize cut = newline ? (gsize)(newline - data) + 1 : 0;

      memmove (data, data + cut, n_read - cut);
      n_read -= cut;
      tail->skipped += cut;
    }
  tail->bytes = g_bytes_new_take (g_steal_pointer (&data), n_read);

  return tail;
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  Tail *tail = read_tail (task_data, &error);

  if (tail == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tail, (GDestroyNotify)tail_free);
}

/* Showing */

static void
tag_problems (CbLogViewer *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  while (!gtk_text_iter_is_end (&start))
    {
      g_autofree char *line = NULL;

      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      line = gtk_text_iter_get_slice (&start, &end);
      if (cb_line_is_problem (line))
        gtk_text_buffer_apply_tag (self->buffer, self->problem_tag, &start, &end);
      if (!gtk_text_iter_forward_line (&start))
        break;
    }
}

static void
show_notice (CbLogViewer *self,
             const char  *text)
{
  gtk_label_set_text (GTK_LABEL (self->notice_label), text);
  gtk_widget_set_visible (self->notice_label, text != NULL);
}

static void
show_tail (CbLogViewer *self,
           Tail        *tail)
{
  gsize length;
  const char *data = g_bytes_get_data (tail->bytes, &length);
  g_autofree char *text = g_utf8_make_valid (data, length);
  GtkTextIter start;

  gtk_text_buffer_set_text (self->buffer, "", 0);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_insert_with_tags (self->buffer, &start, text, -1, self->text_tag, NULL);
  tag_problems (self);

  /* At the end, where a run says how it ended */
  gtk_text_buffer_get_end_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer), 0, TRUE,
                                0, 1);

  if (tail->skipped > 0)
    {
      g_autofree char *skipped = g_format_size (tail->skipped);
      g_autofree char *size = g_format_size (tail->size);
      g_autofree char *note = NULL;

      /* Translators: the first %s is a size, the second the log's size */
      note = g_strdup_printf (_("The first %s of this %s log are not shown. Show in Folder to open "
                                "the whole file with another program."), skipped, size);
      show_notice (self, note);
    }
  else if (length == 0)
    show_notice (self, _("The log is empty: the run wrote no output."));
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CbLogViewer *self = CB_LOG_VIEWER (source);
  g_autoptr(GError) error = NULL;
  Tail *tail = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (tail == NULL)
    show_notice (self, error->message);
  else
    {
      show_tail (self, tail);
      tail_free (tail);
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
load (CbLogViewer *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_read, NULL);

  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, read_in_thread);
}

/* Search */

static void
clear_matches (CbLogViewer *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &start, &end);
  self->n_matches = 0;
}

static gboolean
find (CbLogViewer       *self,
      const GtkTextIter *from,
      gboolean           backward,
      GtkTextIter       *match_start,
      GtkTextIter       *match_end)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;

  if (text[0] == '\0')
    return FALSE;
  if (backward)
    return gtk_text_iter_backward_search (from, text, flags, match_start, match_end, NULL);
  return gtk_text_iter_forward_search (from, text, flags, match_start, match_end, NULL);
}

static void
select_match (CbLogViewer *self,
              GtkTextIter *start,
              GtkTextIter *end)
{
  gtk_text_buffer_select_range (self->buffer, start, end);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer),
                                0.1, FALSE, 0, 0);
}

/* The next match after the selection (or before it), around the end */
static gboolean
go_to_match (CbLogViewer *self,
             gboolean     backward)
{
  GtkTextIter sel_start, sel_end, from, start, end;

  gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end);
  from = backward ? sel_start : sel_end;
  if (!find (self, &from, backward, &start, &end))
    {
      if (backward)
        gtk_text_buffer_get_end_iter (self->buffer, &from);
      else
        gtk_text_buffer_get_start_iter (self->buffer, &from);
      if (!find (self, &from, backward, &start, &end))
        return FALSE;
    }

  select_match (self, &start, &end);
  return TRUE;
}

static void
update_matches_label (CbLogViewer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *count = NULL;

  if (text[0] == '\0')
    count = g_strdup ("");
  else if (self->n_matches == 0)
    count = g_strdup (_("No matches"));
  else if (self->n_matches >= MAX_MATCHES)
    count = g_strdup_printf (_("Over %u matches"), MAX_MATCHES);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches",
                                          self->n_matches),
                             self->n_matches);
  gtk_label_set_text (GTK_LABEL (self->matches_label), count);
}

static void
on_search_changed (CbLogViewer *self)
{
  GtkTextIter from, start, end;

  clear_matches (self);
  gtk_text_buffer_get_start_iter (self->buffer, &from);
  while (self->n_matches < MAX_MATCHES && find (self, &from, FALSE, &start, &end))
    {
      gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &start, &end);
      self->n_matches++;
      from = end;
    }
  update_matches_label (self);

  /* The first match from where the user is */
  if (self->n_matches > 0)
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_selection_bounds (self->buffer, &cursor, NULL);
      if (!find (self, &cursor, FALSE, &start, &end))
        {
          gtk_text_buffer_get_start_iter (self->buffer, &cursor);
          find (self, &cursor, FALSE, &start, &end);
        }
      select_match (self, &start, &end);
    }
}

static void
on_next_match (CbLogViewer *self)
{
  go_to_match (self, FALSE);
}

static void
on_previous_match (CbLogViewer *self)
{
  go_to_match (self, TRUE);
}

static void
on_stop_search (CbLogViewer *self)
{
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Show in Folder */

static void
on_show_folder_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CbLogViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_CLOSE,
                                   _("The Folder Cannot Be Shown"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("No file manager could show it (%s). The log is %s."),
                                            error->message, self->path);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* No file manager answers on the bus: the folder, opened as any folder */
static void
show_folder (CbLogViewer *self)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *uri = g_filename_to_uri (folder, NULL, NULL);

  if (uri != NULL)
    gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, on_show_folder_done,
                       g_object_ref (self));
}

static void
on_show_items_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CbLogViewer) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_debug ("The file manager did not show %s: %s", self->path, error->message);
      show_folder (self);
    }
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(CbLogViewer) self = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
  const char *uris[] = { uri, NULL };

  if (bus == NULL || uri == NULL)
    {
      show_folder (self);
      return;
    }

  /* The file manager's interface, as GNOME Files, Dolphin and others
   * implement it: the file is shown selected in its folder */
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          10000, NULL, on_show_items_done, g_object_ref (self));
}

/**
 * cb_log_viewer_show_in_folder:
 *
 * Asks the file manager to show the log in its folder (the
 * `org.freedesktop.FileManager1` interface); when none answers, opens
 * the folder as the desktop opens folders; when that fails too, says
 * where the log is.
 */
void
cb_log_viewer_show_in_folder (CbLogViewer *self)
{
  g_return_if_fail (CB_IS_LOG_VIEWER (self));

  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_bus, g_object_ref (self));
}

static void
show_in_folder_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  cb_log_viewer_show_in_folder (CB_LOG_VIEWER (widget));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CbLogViewer *self = CB_LOG_VIEWER (widget);

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* The colours of the tags come from the style, as the run view's */
static void
update_tag_colors (CbLogViewer *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  if (gtk_style_context_lookup_color (context, "cb_problem_bg_color", &color))
    g_object_set (self->problem_tag, "background-rgba", &color, NULL);
  if (gtk_style_context_lookup_color (context, "cb_match_bg_color", &color))
    g_object_set (self->match_tag, "background-rgba", &color, NULL);
}

static void
cb_log_viewer_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cb_log_viewer_parent_class)->css_changed (widget, change);

  update_tag_colors (CB_LOG_VIEWER (widget));
}

static void
cb_log_viewer_dispose (GObject *object)
{
  CbLogViewer *self = CB_LOG_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_LOG_VIEWER);

  G_OBJECT_CLASS (cb_log_viewer_parent_class)->dispose (object);
}

static void
cb_log_viewer_finalize (GObject *object)
{
  CbLogViewer *self = CB_LOG_VIEWER (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);

  G_OBJECT_CLASS (cb_log_viewer_parent_class)->finalize (object);
}

static void
cb_log_viewer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CbLogViewer *self = CB_LOG_VIEWER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_log_viewer_class_init (CbLogViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_log_viewer_dispose;
  object_class->finalize = cb_log_viewer_finalize;
  object_class->get_property = cb_log_viewer_get_property;
  widget_class->css_changed = cb_log_viewer_css_changed;

  /**
   * CbLogViewer:loaded:
   *
   * Whether the log has been read (or could not be, and the viewer says
   * why).
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "log.show-in-folder", NULL,
                                   show_in_folder_activated);
  gtk_widget_class_install_action (widget_class, "log.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "log.close", NULL, close_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "log.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "log.close",
                                       NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-log-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, matches_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, text_view);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, buffer);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, text_tag);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, problem_tag);
  gtk_widget_class_bind_template_child (widget_class, CbLogViewer, match_tag);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
cb_log_viewer_init (CbLogViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar),
                                GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar), GTK_WIDGET (self));
}

/**
 * cb_log_viewer_new:
 * @parent: (nullable): the window it belongs to
 * @path: the log file: one the caller checked may be opened (see
 *   cb_history_resolve_log())
 * @title: what it is the log of, such as "Log of Train"
 *
 * Returns: (transfer none): a window showing the log, read as it opens;
 *   it is destroyed when closed
 */
GtkWidget *
cb_log_viewer_new (GtkWindow  *parent,
                   const char *path,
                   const char *title)
{
  CbLogViewer *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CB_TYPE_LOG_VIEWER,
                       "title", title,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->path = g_strdup (path);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), path);
  gtk_widget_set_tooltip_text (self->subtitle_label, path);
  load (self);

  return GTK_WIDGET (self);
}

const char *
cb_log_viewer_get_path (CbLogViewer *self)
{
  g_return_val_if_fail (CB_IS_LOG_VIEWER (self), NULL);
  return self->path;
}

/**
 * cb_log_viewer_is_loaded:
 *
 * Returns: whether the log has been read (#CbLogViewer:loaded)
 */
gboolean
cb_log_viewer_is_loaded (CbLogViewer *self)
{
  g_return_val_if_fail (CB_IS_LOG_VIEWER (self), FALSE);
  return self->loaded;
}

/**
 * cb_log_viewer_get_buffer:
 *
 * Returns: (transfer none): the text shown
 */
GtkTextBuffer *
cb_log_viewer_get_buffer (CbLogViewer *self)
{
  g_return_val_if_fail (CB_IS_LOG_VIEWER (self), NULL);
  return self->buffer;
}

/**
 * cb_log_viewer_get_notice:
 *
 * Returns: (nullable): what the viewer says above the log: that a part
 *   is left out, or why it could not be read
 */
const char *
cb_log_viewer_get_notice (CbLogViewer *self)
{
  g_return_val_if_fail (CB_IS_LOG_VIEWER (self), NULL);

  if (!gtk_widget_get_visible (self->notice_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->notice_label));
}

/**
 * cb_log_viewer_search:
 * @text: what to find, case aside
 *
 * Searches as the search bar does: every match is highlighted, and the
 * first one selected.
 *
 * Returns: how many matches there are, at most 10000
 */
guint
cb_log_viewer_search (CbLogViewer *self,
                      const char  *text)
{
  g_return_val_if_fail (CB_IS_LOG_VIEWER (self), 0);

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry waits a moment before it says the text changed */
  on_search_changed (self);
  return self->n_matches;
}
