/* cb-run-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-run-policy.h"
#include "cb-run-view.h"

/**
 * CbRunView:
 *
 * Runs a page's command and shows it: Run and Stop, the status with
 * progress and elapsed time, and the output as it arrives. The view keeps
 * the last %CB_RUN_MAX_LINES lines and says how many went; the run's log
 * file keeps everything.
 */
struct _CbRunView
{
  GtkWidget             parent_instance;

  CbForm               *form;
  CbHistory            *history;
  CbRun                *run;
  CbRunViewCommandFunc  command_func;
  gpointer              command_data;
  guint                 tick_id;
  guint64               n_view_lines;
  guint64               n_view_dropped;

  GtkWidget            *box;
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
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
on_finished (CbRun     *run,
             CbRunView *self)
{
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(GVariant) values = NULL;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  update_status (self);
  update_dropped (self);

  if (self->history != NULL)
    {
      g_autoptr(GError) error = NULL;

      values = self->form ? cb_form_get_user_values (self->form) : NULL;
      record = cb_history_record_new_from_run (run, values);
      if (!cb_history_add (self->history, record, &error))
        g_warning ("Cannot record the run: %s", error->message);
    }

  g_signal_emit (self, signals[FINISHED], 0, run);
}

static void
clear_log (CbRunView *self)
{
  gtk_text_buffer_set_text (self->log, "", 0);
  self->n_view_lines = 0;
  self->n_view_dropped = 0;
  gtk_widget_set_visible (self->dropped, FALSE);
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
  g_autoptr(CbRun) run = NULL;
  g_autofree char *edited = NULL;

  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);

  if (self->run != NULL && cb_run_is_running (self->run))
    return FALSE;

  if (self->command_func != NULL)
    edited = self->command_func (self->command_data);
  run = cb_run_policy_new_run (self->form, edited, &error);
  if (run == NULL)
    {
      set_status (self, error->message);
      return FALSE;
    }

  clear_log (self);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  self->run = g_steal_pointer (&run);

  g_signal_connect (self->run, "output", G_CALLBACK (on_output), self);
  g_signal_connect (self->run, "finished", G_CALLBACK (on_finished), self);

  if (!cb_run_start (self->run, &error))
    {
      update_status (self);
      on_finished (self->run, self);
      return FALSE;
    }

  if (cb_run_get_log_fell_back (self->run))
    {
      g_autofree char *note = g_strdup_printf (_("The outputs folder cannot be written; the log goes to %s"),
                                               cb_run_get_log_path (self->run));
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (self->log, &end);
      gtk_text_buffer_insert_with_tags (self->log, &end, note, -1, self->problem_tag, NULL);
      gtk_text_buffer_insert (self->log, &end, "\n", 1);
      self->n_view_lines++;
    }

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
  update_status (self);
  return TRUE;
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

static gboolean
on_log_key (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state,
            CbRunView             *self)
{
  if (keyval == GDK_KEY_Escape && self->run != NULL && cb_run_is_running (self->run))
    {
      cb_run_view_stop (self);
      return TRUE;
    }
  return FALSE;
}

static void
cb_run_view_dispose (GObject *object)
{
  CbRunView *self = CB_RUN_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  g_clear_object (&self->form);
  g_clear_object (&self->history);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cb_run_view_parent_class)->dispose (object);
}

static void
cb_run_view_class_init (CbRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_run_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * CbRunView::finished:
   * @run: the run that ended
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_RUN);
}

static void
cb_run_view_init (CbRunView *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->run_button = gtk_button_new_with_mnemonic (_("_Run"));
  gtk_widget_add_css_class (self->run_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.run");
  gtk_widget_set_tooltip_text (self->run_button, _("Run the command (Ctrl+Return)"));

  self->stop_button = gtk_button_new_with_mnemonic (_("_Stop"));
  gtk_widget_add_css_class (self->stop_button, "destructive-action");
  gtk_widget_set_tooltip_text (self->stop_button, _("Stop the command and everything it started (Escape in the log)"));
  gtk_widget_set_visible (self->stop_button, FALSE);
  g_signal_connect_swapped (self->stop_button, "clicked", G_CALLBACK (cb_run_view_stop), self);

  self->status = gtk_label_new (_("Not run yet"));
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_set_hexpand (self->status, TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");

  self->problems = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->problems, "cb-field-message");
  gtk_widget_set_visible (self->problems, FALSE);

  gtk_box_append (GTK_BOX (buttons), self->run_button);
  gtk_box_append (GTK_BOX (buttons), self->stop_button);
  gtk_box_append (GTK_BOX (buttons), self->status);
  gtk_box_append (GTK_BOX (buttons), self->problems);
  gtk_box_append (GTK_BOX (self->box), buttons);

  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->progress);

  self->dropped = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->dropped), 0);
  gtk_label_set_wrap (GTK_LABEL (self->dropped), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->dropped), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->dropped, "dim-label");
  gtk_widget_set_visible (self->dropped, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->dropped);

  self->log = gtk_text_buffer_new (NULL);
  self->stderr_tag = gtk_text_buffer_create_tag (self->log, "stderr", "foreground", "#c64600", NULL);
  self->problem_tag = gtk_text_buffer_create_tag (self->log, "problem", "background", "rgba(224,27,36,0.18)",
                                                  "weight", PANGO_WEIGHT_BOLD, NULL);
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (self->log, &end);
    self->end_mark = gtk_text_buffer_create_mark (self->log, "end", &end, FALSE);
  }
  self->log_view = GTK_TEXT_VIEW (gtk_text_view_new_with_buffer (self->log));
  g_object_unref (self->log);
  gtk_text_view_set_editable (self->log_view, FALSE);
  gtk_text_view_set_monospace (self->log_view, TRUE);
  gtk_text_view_set_wrap_mode (self->log_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->log_view, 8);
  gtk_text_view_set_top_margin (self->log_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Output"), -1);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_log_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->log_view), keys);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), 160);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_add_css_class (self->scroller, "cb-code-frame");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->log_view));
  gtk_box_append (GTK_BOX (self->box), self->scroller);
}

/**
 * cb_run_view_new:
 * @history: (nullable): where finished runs are recorded
 */
GtkWidget *
cb_run_view_new (CbForm    *form,
                 CbHistory *history)
{
  CbRunView *self = g_object_new (CB_TYPE_RUN_VIEW, NULL);

  self->form = g_object_ref (form);
  self->history = history ? g_object_ref (history) : NULL;
  return GTK_WIDGET (self);
}

/**
 * cb_run_view_set_form:
 *
 * Runs another form's command from now on: the one of a reloaded schema.
 */
void
cb_run_view_set_form (CbRunView *self,
                      CbForm    *form)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  g_set_object (&self->form, form);
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

gboolean
cb_run_view_is_running (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);
  return self->run != NULL && cb_run_is_running (self->run);
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
