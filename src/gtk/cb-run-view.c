/* cb-run-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-run-charts.h"
#include "cb-run-view-private.h"
#include "cb-session-jobs.h"

/**
 * CbRunView:
 *
 * Runs a page's command through its #CbSession and shows the run: Run and
 * Stop (`run-view.stop`, Escape), the status with progress and elapsed
 * time, and the output as it arrives.
 *
 * What it shows is a #CbExecution: a run on this computer, or a Slurm job
 * followed as one. When the project has a `slurm:` section, a switch
 * above Run says where the command runs; on Slurm, Run is Submit, Stop
 * asks before it cancels the job, and a job array's tasks can be picked
 * to follow each one's output.
 *
 * The output follows its end while the run writes, as a terminal does,
 * until the user scrolls up to read; then it stays where the user is, and
 * a button brings it back to the end. The lines that speak of a problem
 * are listed in a popover that jumps to each. The view keeps the last
 * %CB_RUN_MAX_LINES lines and says how many went; the run's log file
 * keeps everything, and opens in a #CbLogViewer.
 *
 * Beside the output, in a tab of its own, the curves of the metrics the
 * run prints (#CbRunCharts); the tab is there while the page's runs are
 * read for metrics.
 */

G_DEFINE_FINAL_TYPE (CbRunView, cb_run_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_EXPANDED,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
problem_line_clear (ProblemLine *problem)
{
  g_free (problem->text);
}

void
_cb_run_view_set_status (CbRunView  *self,
                         const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
}

/* With the property it notifies; the output follows its end in
 * cb-run-view-output.c */
void
_cb_run_view_set_following (CbRunView *self,
                            gboolean   following)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->jump_revealer), !following);
  if (following == self->following)
    return;

  self->following = following;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

/* Status */

static char *
progress_text (CbExecution *execution)
{
  int percent = (int)(cb_execution_get_progress (execution) * 100);

  switch (cb_execution_get_state (execution))
    {
    case CB_RUN_STATE_STOPPED:
      /* Translators: on the progress bar of a run the user stopped */
      return g_strdup_printf (_("Stopped at %d%%"), percent);
    case CB_RUN_STATE_FAILED:
    case CB_RUN_STATE_ERROR:
      /* Translators: on the progress bar of a run that failed */
      return g_strdup_printf (_("Failed at %d%%"), percent);
    case CB_RUN_STATE_NEW:
    case CB_RUN_STATE_RUNNING:
    case CB_RUN_STATE_SUCCEEDED:
    default:
      /* Translators: a percentage on a progress bar */
      return g_strdup_printf (_("%d%%"), percent);
    }
}

/* The bar shows how the run ended, never a stale value that looks like
 * it still runs */
static void
update_progress (CbRunView *self)
{
  static const char * const ends[] = { "succeeded", "stopped", "failed" };
  double fraction = cb_execution_get_progress (self->execution);
  CbRunState state = cb_execution_get_state (self->execution);
  const char *end = state == CB_RUN_STATE_SUCCEEDED ? "succeeded"
                  : state == CB_RUN_STATE_STOPPED ? "stopped"
                  : state == CB_RUN_STATE_FAILED || state == CB_RUN_STATE_ERROR ? "failed"
                  : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->progress, fraction >= 0);
  if (fraction < 0)
    return;

  text = progress_text (self->execution);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress), text);
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (g_strcmp0 (ends[i], end) != 0)
      gtk_widget_remove_css_class (self->progress, ends[i]);
  if (end != NULL)
    gtk_widget_add_css_class (self->progress, end);
}

/* Run may start another while a job runs: a job is submitted and left
 * to the cluster; a command on this computer runs one at a time */
void
_cb_run_view_update_buttons (CbRunView *self)
{
  gboolean running = self->execution != NULL && cb_execution_is_running (self->execution);
  gboolean job = CB_IS_JOB_RUN (self->execution);

  gtk_widget_set_sensitive (self->run_button,
                            !self->submitting &&
                            (!running || (_cb_run_view_is_slurm_target (self) && job)));
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (self->spinner, running || self->submitting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running || self->submitting);
}

void
_cb_run_view_update_status (CbRunView *self)
{
  g_autofree char *text = NULL;
  const char *progress;

  if (self->execution == NULL)
    return;

  text = cb_execution_get_status_text (self->execution);
  progress = cb_execution_get_progress_text (self->execution);
  /* While a job runs, another submission may be refused: its reason stays
   * until the next is shown, or the form's errors are fixed */
  if (!self->status_pinned && progress != NULL && cb_execution_is_running (self->execution))
    {
      g_autofree char *with = g_strdup_printf ("%s · %s", text, progress);

      _cb_run_view_set_status (self, with);
    }
  else if (!self->status_pinned)
    _cb_run_view_set_status (self, text);

  update_progress (self);
  _cb_run_view_update_problems (self);
  _cb_run_view_update_buttons (self);
  _cb_run_view_update_tasks (self);
}

static gboolean
on_tick (gpointer user_data)
{
  _cb_run_view_update_status (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_running (CbRunView *self)
{
  gboolean running = self->execution != NULL && cb_execution_is_running (self->execution);

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
on_finished (CbExecution *execution,
             CbRunView   *self)
{
  update_running (self);
  _cb_run_view_update_status (self);
  _cb_run_view_update_dropped (self);
}

static void
on_progress_changed (CbRunView *self)
{
  update_progress (self);
}

/* A job's state changed: the status says so at once, not at the next tick */
void
_cb_run_view_on_job_changed (CbRunView *self)
{
  _cb_run_view_update_status (self);
}

static void
disconnect_execution (CbRunView *self)
{
  GPtrArray *tasks;

  if (self->shown != NULL)
    g_clear_signal_handler (&self->output_id, self->shown);
  if (self->execution == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->execution, self);
  tasks = CB_IS_JOB_RUN (self->execution) ? cb_job_run_get_tasks (CB_JOB_RUN (self->execution))
                                          : NULL;
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (tasks, i), self);
}

/* A button's label with a mnemonic: GTK 4.8 sets the label, underscore
 * and all, as the button's accessible name, which a screen reader then
 * reads before the label's own text; the label alone names it */
void
_cb_run_view_set_button_label (GtkWidget  *button,
                               const char *label)
{
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
    return;
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Stop cancels a job, and says so */
static void
update_stop_button (CbRunView *self)
{
  gboolean job = CB_IS_JOB_RUN (self->execution);

  _cb_run_view_set_button_label (self->stop_button, job ? _("_Cancel Job") : _("_Stop"));
  gtk_widget_set_tooltip_text (self->stop_button,
                               job ? _("Cancel the job on the cluster, after asking (Escape in "
                                       "the output)")
                                   : _("Stop the command and everything it started (Escape in "
                                       "the output)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stop_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  job ? _("Cancels the job on the cluster, after asking (Escape "
                                          "in the output)")
                                      : _("Stops the command and everything it started (Escape "
                                          "in the output)"),
                                  -1);
}

/* Follows @execution from now on: the view's run or job, until the next.
 * Its output so far shows too: a run of the page before the page was
 * built again (after a reload), or a job followed again at start.
 */
void
_cb_run_view_show_execution (CbRunView   *self,
                             CbExecution *execution)
{
  disconnect_execution (self);
  g_set_object (&self->execution, execution);
  self->status_pinned = FALSE;
  if (execution != NULL)
    {
      g_signal_connect (execution, "finished", G_CALLBACK (on_finished), self);
      g_signal_connect_swapped (execution, "notify::progress", G_CALLBACK (on_progress_changed),
                                self);
      g_signal_connect_swapped (execution, "notify::state", G_CALLBACK (on_progress_changed), self);
      if (CB_IS_JOB_RUN (execution))
        g_signal_connect_swapped (execution, "changed", G_CALLBACK (_cb_run_view_on_job_changed),
                                  self);
    }
  /* The curves of a local run; a job's output is a file the charts do not
   * read as it grows */
  cb_run_charts_set_run (CB_RUN_CHARTS (self->charts),
                         CB_IS_RUN (execution) ? CB_RUN (execution) : NULL);
  update_stop_button (self);
  _cb_run_view_fill_tasks (self);
  _cb_run_view_follow_output (self, execution);
  update_running (self);
  _cb_run_view_update_status (self);
}

/* Enlarging */

static void
on_expand_toggled (CbRunView *self)
{
  gboolean expanded = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->expand_button));
  const char *tip = expanded ? _("Restore the Layout") : _("Enlarge the Output");

  if (expanded == self->expanded)
    return;

  self->expanded = expanded;
  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button),
                            expanded ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (self->expand_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* The curves: a tab while the page's runs have metrics */
static void
update_curves_tab (CbRunView *self)
{
  gboolean enabled = cb_run_charts_get_enabled (CB_RUN_CHARTS (self->charts));

  gtk_widget_set_visible (self->output_switcher, enabled);
  gtk_widget_set_visible (self->output_heading, !enabled);
  if (!enabled)
    gtk_stack_set_visible_child_name (GTK_STACK (self->output_stack), "output");
}

/* A form with errors */

void
_cb_run_view_forget_refused_form (CbRunView *self)
{
  if (self->refused_form != NULL)
    g_signal_handlers_disconnect_by_data (self->refused_form, self);
  g_clear_object (&self->refused_form);
}

/* The errors that kept the form from running are fixed: the status says
 * what it said before */
static void
on_refused_form_changed (CbRunView *self)
{
  if (cb_form_has_errors (self->refused_form))
    return;
  _cb_run_view_forget_refused_form (self);
  self->status_pinned = FALSE;
  if (self->execution != NULL)
    _cb_run_view_update_status (self);
  else
    _cb_run_view_set_status (self, _cb_run_view_is_slurm_target (self) ? _("Not submitted yet")
                                                                        : _("Not run yet"));
}

/* The status says the form has errors until they are fixed */
void
_cb_run_view_watch_refused_form (CbRunView *self)
{
  _cb_run_view_forget_refused_form (self);
  self->refused_form = g_object_ref (cb_session_get_form (self->session, self->index));
  g_signal_connect_object (self->refused_form, "changed", G_CALLBACK (on_refused_form_changed),
                           self, G_CONNECT_SWAPPED);
}

/**
 * cb_run_view_run:
 *
 * Runs the page's command: the form's argv, or the edited command split
 * as a shell would, never run through one. A command that cannot be split,
 * or a form with errors, does not run, and the status says why.
 *
 * When the page runs on Slurm, submits its batch script instead: the job
 * shows once sbatch has taken it, or the status says why it was not.
 *
 * Returns: whether the command started, or the job is being submitted
 */
gboolean
cb_run_view_run (CbRunView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  CbRun *run;

  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);

  if (_cb_run_view_is_slurm_target (self))
    return _cb_run_view_submit (self);
  if (CB_IS_RUN (self->execution) && cb_execution_is_running (self->execution))
    return FALSE;

  if (self->command_func != NULL)
    edited = self->command_func (self->command_data);
  run = cb_session_start_run (self->session, self->index, edited, &error);
  _cb_run_view_forget_refused_form (self);
  if (run == NULL)
    {
      _cb_run_view_set_status (self, error->message);
      if (g_error_matches (error, CB_ERROR, CB_ERROR_VALIDATION))
        _cb_run_view_watch_refused_form (self);
      return FALSE;
    }

  _cb_run_view_show_execution (self, CB_EXECUTION (run));
  _cb_run_view_note_log_fell_back (self, run);

  return cb_run_is_running (run);
}

/* Stopping */

/**
 * cb_run_view_stop:
 *
 * Stops the running command and everything it started. A Slurm job is
 * cancelled (scancel) once the user says so, in a dialog.
 */
void
cb_run_view_stop (CbRunView *self)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  if (self->execution == NULL || !cb_execution_is_running (self->execution))
    return;

  if (CB_IS_JOB_RUN (self->execution))
    {
      _cb_run_view_ask_cancel (self);
      return;
    }
  cb_execution_stop (self->execution);
  _cb_run_view_set_status (self, _("Stopping…"));
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
  _cb_run_view_forget_refused_form (self);
  disconnect_execution (self);
  g_clear_object (&self->execution);
  g_clear_object (&self->shown);
  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_clear_object (&self->slurm);
  if (self->cancel_dialog != NULL)
    {
      GtkWidget *dialog = self->cancel_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->cancel_dialog);
      self->cancel_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->problems_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_RUN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_run_view_parent_class)->dispose (object);
}

static void
cb_run_view_finalize (GObject *object)
{
  CbRunView *self = CB_RUN_VIEW (object);

  g_array_unref (self->problems);

  G_OBJECT_CLASS (cb_run_view_parent_class)->finalize (object);
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
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CbRunView *self = CB_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      cb_run_view_set_expanded (self, g_value_get_boolean (value));
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
  object_class->finalize = cb_run_view_finalize;
  object_class->get_property = cb_run_view_get_property;
  object_class->set_property = cb_run_view_set_property;
  widget_class->css_changed = cb_run_view_css_changed;

  /**
   * CbRunView:running:
   *
   * Whether the view's run is running.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbRunView:expanded:
   *
   * Whether the user enlarged the output: the page gives it all its room.
   */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbRunView:following:
   *
   * Whether the output keeps its end in view as lines arrive: until the
   * user scrolls up, and again once back at the end.
   */
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Escape stops the run, from anywhere in the view (its output, say) */
  gtk_widget_class_install_action (widget_class, "run-view.stop", NULL, stop_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "run-view.stop", NULL);

  g_type_ensure (CB_TYPE_RUN_CHARTS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRunView, target_box);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, target_local);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, target_slurm);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, run_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, status);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, progress);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, dropped_box);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, dropped);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, task_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, task_names);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_popover);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_list);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_note);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, expand_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, jump_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, log_view);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, log);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, text_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, stderr_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problem_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, output_heading);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, output_switcher);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, output_stack);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, charts);
  gtk_widget_class_bind_template_callback (widget_class, on_expand_toggled);
  _cb_run_view_class_output_init (klass);
  _cb_run_view_class_jobs_init (klass);
}

static void
cb_run_view_init (CbRunView *self)
{
  self->following = TRUE;
  self->problems = g_array_new (FALSE, FALSE, sizeof (ProblemLine));
  g_array_set_clear_func (self->problems, (GDestroyNotify)problem_line_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (self->problems_popover, self->problems_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run-view.stop", FALSE);
  _cb_run_view_output_init (self);
}

/**
 * cb_run_view_new:
 * @session: the session that runs the command
 * @index: the schema file of @session whose command it is
 *
 * Shows the run or job the session has for it already, if any: the page
 * was built again after a reload, or a job of the history is followed
 * again. A job submitted for the page (from the history, say) shows as
 * it is submitted.
 */
GtkWidget *
cb_run_view_new (CbSession *session,
                 guint      index)
{
  CbRunView *self;
  CbExecution *execution;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);

  self = g_object_new (CB_TYPE_RUN_VIEW, NULL);
  self->session = g_object_ref (session);
  self->index = index;
  cb_run_charts_set_page (CB_RUN_CHARTS (self->charts), session,
                          cb_session_get_schema_id (session, index));
  g_signal_connect_object (self->charts, "notify::enabled", G_CALLBACK (update_curves_tab), self,
                           G_CONNECT_SWAPPED);
  update_curves_tab (self);
  if ((execution = cb_session_get_execution (session, index)) != NULL)
    _cb_run_view_show_execution (self, execution);
  g_signal_connect_object (session, "job-submitted", G_CALLBACK (_cb_run_view_on_job_submitted),
                           self, G_CONNECT_SWAPPED);

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
 * cb_run_view_set_check_func:
 * @func: (scope notified): returns why the page cannot be submitted as
 *   the user typed it (a resource that is no value of its kind), or %NULL
 */
void
cb_run_view_set_check_func (CbRunView          *self,
                            CbRunViewCheckFunc  func,
                            gpointer            user_data)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  self->check_func = func;
  self->check_data = user_data;
}

/**
 * cb_run_view_get_run:
 *
 * Returns: (transfer none) (nullable): the current or last run, when it
 *   ran on this computer
 */
CbRun *
cb_run_view_get_run (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return CB_IS_RUN (self->execution) ? CB_RUN (self->execution) : NULL;
}

/**
 * cb_run_view_get_execution:
 *
 * Returns: (transfer none) (nullable): the current or last run or job
 */
CbExecution *
cb_run_view_get_execution (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->execution;
}

/**
 * cb_run_view_get_shown:
 *
 * Returns: (transfer none) (nullable): whose output shows: the run or
 *   job, or the task of its array picked
 */
CbExecution *
cb_run_view_get_shown (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->shown;
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

/**
 * cb_run_view_get_log_view:
 *
 * Returns: (transfer none): the text view of the output
 */
GtkTextView *
cb_run_view_get_log_view (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->log_view;
}

/**
 * cb_run_view_get_expanded:
 *
 * Returns: whether the user enlarged the output (#CbRunView:expanded)
 */
gboolean
cb_run_view_get_expanded (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);
  return self->expanded;
}

void
cb_run_view_set_expanded (CbRunView *self,
                          gboolean   expanded)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->expand_button), expanded);
}
