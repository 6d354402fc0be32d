/* cb-run-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-run-view.h"

/**
 * CbRunView:
 *
 * Runs a page's command through its #CbSession and shows the run: Run and
 * Stop (`run-view.stop`, Escape), the status with progress and elapsed
 * time, and the output as it arrives. The view keeps the last
 * %CB_RUN_MAX_LINES lines and says how many went; the run's log file
 * keeps everything.
 */
struct _CbRunView
{
  GtkWidget             parent_instance;

  CbSession            *session;
  guint                 index;
  CbRun                *run;
  CbRunViewCommandFunc  command_func;
  gpointer              command_data;
  guint                 tick_id;
  gboolean              running;
  guint64               n_view_lines;
  guint64               n_view_dropped;

  GtkWidget            *run_button;
  GtkWidget            *stop_button;
  GtkWidget            *status;
  GtkWidget            *problems;
  GtkWidget            *progress;
  GtkWidget            *dropped;
  GtkWidget            *scroller;
  GtkTextView          *log_view;
  GtkTextBuffer        *log;
  GtkTextTag           *stderr_tag;
  GtkTextTag           *problem_tag;
  GtkTextMark          *end_mark;
};

G_DEFINE_FINAL_TYPE (CbRunView, cb_run_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (CbRunView  *self,
            const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
}

static void
update_status (CbRunView *self)
{
  g_autofree char *text = NULL;
  guint problems;

  if (self->run == NULL)
    return;

  text = cb_run_get_status_text (self->run);
  if (cb_run_get_progress_text (self->run) != NULL && cb_run_is_running (self->run))
    {
      g_autofree char *with = g_strdup_printf ("%s · %s", text, cb_run_get_progress_text (self->run));

      set_status (self, with);
    }
  else
    set_status (self, text);

  problems = cb_run_get_n_problems (self->run);
  if (problems > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem line",
                                                             "%u problem lines", problems),
                                                problems);

      gtk_label_set_text (GTK_LABEL (self->problems), count);
    }
  gtk_widget_set_visible (self->problems, problems > 0);

  if (cb_run_get_progress (self->run) >= 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), cb_run_get_progress (self->run));
  gtk_widget_set_visible (self->progress, cb_run_get_progress (self->run) >= 0);

  gtk_widget_set_sensitive (self->run_button, !cb_run_is_running (self->run));
  gtk_widget_set_visible (self->stop_button, cb_run_is_running (self->run));
}

static gboolean
on_tick (gpointer user_data)
{
  update_status (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
at_end (CbRunView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

  return gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) -
                                           gtk_adjustment_get_page_size (adj) - 4;
}

static void
update_dropped (CbRunView *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->n_view_dropped == 0)
    {
      gtk_widget_set_visible (self->dropped, FALSE);
      return;
    }

  count = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_view_dropped);
  /* Translators: %s is a number of lines, then a file */
  text = g_strdup_printf (_("%s earlier lines are not shown; the full output is in %s"),
                          count,
                          self->run && cb_run_get_log_path (self->run) ? cb_run_get_log_path (self->run) : "");
  gtk_label_set_text (GTK_LABEL (self->dropped), text);
  gtk_widget_set_visible (self->dropped, TRUE);
}

static void
append_lines (CbRunView *self,
              GPtrArray *lines)
{
  gboolean follow = at_end (self);
  GtkTextIter end;

  for (guint i = 0; i < lines->len; i++)
    {
      CbRunLine *line = g_ptr_array_index (lines, i);

      gtk_text_buffer_get_end_iter (self->log, &end);
      if (line->flags & CB_RUN_LINE_PROBLEM)
        gtk_text_buffer_insert_with_tags (self->log, &end, line->text, -1, self->problem_tag,
                                          line->flags & CB_RUN_LINE_STDERR ? self->stderr_tag : NULL,
                                          NULL);
      else if (line->flags & CB_RUN_LINE_STDERR)
        gtk_text_buffer_insert_with_tags (self->log, &end, line->text, -1, self->stderr_tag, NULL);
      else
        gtk_text_buffer_insert (self->log, &end, line->text, -1);
      if (line->flags & CB_RUN_LINE_CUT)
        {
          gtk_text_buffer_get_end_iter (self->log, &end);
          gtk_text_buffer_insert (self->log, &end, _(" [cut; see the log file]"), -1);
        }
      gtk_text_buffer_get_end_iter (self->log, &end);
      gtk_text_buffer_insert (self->log, &end, "\n", 1);
    }
  self->n_view_lines += lines->len;

  /* Memory stays bounded: the view keeps the last lines only */
  if (self->n_view_lines > CB_RUN_MAX_LINES)
    {
      GtkTextIter start, cut;
      guint64 extra = self->n_view_lines - CB_RUN_MAX_LINES;

      gtk_text_buffer_get_start_iter (self->log, &start);
      gtk_text_buffer_get_iter_at_line (self->log, &cut, (int)extra);
      gtk_text_buffer_delete (self->log, &start, &cut);
      self->n_view_lines -= extra;
      self->n_view_dropped += extra;
      update_dropped (self);
    }

  /* Follow the end, unless the user scrolled up to read */
  if (follow)
    gtk_text_view_scroll_to_mark (self->log_view, self->end_mark, 0, TRUE, 0, 1);

  update_status (self);
}

static void
on_output (CbRun     *run,
           GPtrArray *lines,
           CbRunView *self)
{
  append_lines (self, lines);
}

static void
update_running (CbRunView *self)
{
  gboolean running = self->run != NULL && cb_run_is_running (self->run);

  if (running == self->running)
    return;

  self->running = running;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run-view.stop", running);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (running)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_finished (CbRun     *run,
             CbRunView *self)
{
  update_running (self);
  update_status (self);
  update_dropped (self);
}

static void
clear_log (CbRunView *self)
{
  gtk_text_buffer_set_text (self->log, "", 0);
  self->n_view_lines = 0;
  self->n_view_dropped = 0;
  gtk_widget_set_visible (self->dropped, FALSE);
}

/* Follows @run from now on: the view's run, until the next */
static void
show_run (CbRunView *self,
          CbRun     *run)
{
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_set_object (&self->run, run);
  g_signal_connect (self->run, "output", G_CALLBACK (on_output), self);
  g_signal_connect (self->run, "finished", G_CALLBACK (on_finished), self);
  update_running (self);
  update_status (self);
}

/* The run of the page before the page was built again (after the
 * project was reloaded): its kept lines when it ended; when it still
 * runs, its lines from now on, the earlier ones being in its log file
 */
static void
adopt_run (CbRunView *self,
           CbRun     *run)
{
  if (cb_run_is_running (run))
    self->n_view_dropped = cb_run_get_n_lines (run);
  else
    {
      g_autoptr(GPtrArray) lines = cb_run_get_lines (run);

      self->n_view_dropped = cb_run_get_n_dropped (run);
      append_lines (self, lines);
    }
  show_run (self, run);
  update_dropped (self);
}

/**
 * cb_run_view_run:
 *
 * Runs the page's command: the form's argv, or the edited command split
 * as a shell would, never run through one. A command that cannot be split,
 * or a form with errors, does not run, and the status says why.
 *
 * Returns: whether the command started
 */
gboolean
cb_run_view_run (CbRunView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  CbRun *run;

  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);

  if (self->run != NULL && cb_run_is_running (self->run))
    return FALSE;

  if (self->command_func != NULL)
    edited = self->command_func (self->command_data);
  run = cb_session_start_run (self->session, self->index, edited, &error);
  if (run == NULL)
    {
      set_status (self, error->message);
      return FALSE;
    }

  clear_log (self);
  show_run (self, run);

  if (cb_run_get_log_fell_back (run))
    {
      g_autofree char *note = g_strdup_printf (_("The outputs folder cannot be written; the log goes to %s"),
                                               cb_run_get_log_path (run));
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (self->log, &end);
      gtk_text_buffer_insert_with_tags (self->log, &end, note, -1, self->problem_tag, NULL);
      gtk_text_buffer_insert (self->log, &end, "\n", 1);
      self->n_view_lines++;
    }

  return cb_run_is_running (run);
}

/**
 * cb_run_view_stop:
 *
 * Stops the running command and everything it started.
 */
void
cb_run_view_stop (CbRunView *self)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  if (self->run != NULL && cb_run_is_running (self->run))
    {
      cb_run_stop (self->run);
      set_status (self, _("Stopping…"));
    }
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  cb_run_view_stop (CB_RUN_VIEW (widget));
}

/* The log's colours come from the style (style.css, and style-dark.css in
 * the dark style): text tags have no CSS of their own
 */
static void
update_tag_colors (CbRunView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  if (gtk_style_context_lookup_color (context, "cb_stderr_color", &color))
    g_object_set (self->stderr_tag, "foreground-rgba", &color, NULL);
  if (gtk_style_context_lookup_color (context, "cb_problem_bg_color", &color))
    g_object_set (self->problem_tag, "background-rgba", &color, NULL);
}

static void
cb_run_view_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cb_run_view_parent_class)->css_changed (widget, change);

  update_tag_colors (CB_RUN_VIEW (widget));
}

static void
cb_run_view_dispose (GObject *object)
{
  CbRunView *self = CB_RUN_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_RUN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_run_view_parent_class)->dispose (object);
}

static void
cb_run_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CbRunView *self = CB_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_view_class_init (CbRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_run_view_dispose;
  object_class->get_property = cb_run_view_get_property;
  widget_class->css_changed = cb_run_view_css_changed;

  /**
   * CbRunView:running:
   *
   * Whether the view's run is running.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Escape stops the run, from anywhere in the view (its log, say) */
  gtk_widget_class_install_action (widget_class, "run-view.stop", NULL, stop_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "run-view.stop", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRunView, run_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, status);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, progress);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, dropped);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, log_view);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, log);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, stderr_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problem_tag);
}

static void
cb_run_view_init (CbRunView *self)
{
  GtkTextIter end;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run-view.stop", FALSE);

  gtk_text_buffer_get_end_iter (self->log, &end);
  self->end_mark = gtk_text_buffer_create_mark (self->log, "end", &end, FALSE);
}

/**
 * cb_run_view_new:
 * @session: the session that runs the command
 * @index: the schema file of @session whose command it is
 *
 * Shows the run the session has for it already, if any: the page was built
 * again after a reload.
 */
GtkWidget *
cb_run_view_new (CbSession *session,
                 guint      index)
{
  CbRunView *self;
  CbRun *run;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);

  self = g_object_new (CB_TYPE_RUN_VIEW, NULL);
  self->session = g_object_ref (session);
  self->index = index;
  if ((run = cb_session_get_run (session, index)) != NULL)
    adopt_run (self, run);

  return GTK_WIDGET (self);
}

/**
 * cb_run_view_set_command_func:
 * @func: (scope notified): returns the command the user edited, or %NULL
 *   to run the form's
 */
void
cb_run_view_set_command_func (CbRunView            *self,
                              CbRunViewCommandFunc  func,
                              gpointer              user_data)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  self->command_func = func;
  self->command_data = user_data;
}

/**
 * cb_run_view_get_run:
 *
 * Returns: (transfer none) (nullable): the current or last run
 */
CbRun *
cb_run_view_get_run (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->run;
}

/**
 * cb_run_view_get_running:
 *
 * Returns: whether the view's run is running (#CbRunView:running)
 */
gboolean
cb_run_view_get_running (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);
  return self->running;
}

const char *
cb_run_view_get_status (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->status));
}

/**
 * cb_run_view_get_log:
 *
 * Returns: (transfer none): the buffer of the output view
 */
GtkTextBuffer *
cb_run_view_get_log (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->log;
}
