/* cb-run-view-jobs.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-run-view-private.h"
#include "cb-session-jobs.h"

/* The Slurm side: a switch says where the command runs; on Slurm, Run
 * submits the page's batch script, Stop asks before it cancels the job,
 * and a drop-down picks the task of a job array whose output shows.
 */

/* An array's tasks: the output of the array (its tasks' ends) or of one
 * task, picked from a drop-down that says how each task fares */

static char *
task_text (CbJobRun *task)
{
  CbSlurmJob *job = cb_job_run_get_job (task);
  g_autofree char *status = cb_slurm_job_get_status_text (job);
  const char *label = cb_job_run_get_label (task);

  /* Translators: an array task (its values, such as “seed=2”), its state */
  if (label != NULL && label[0] != '\0')
    return g_strdup_printf (_("Task %d (%s): %s"), cb_slurm_job_get_task_id (job), label, status);
  /* Translators: an array task's number, its state */
  return g_strdup_printf (_("Task %d: %s"), cb_slurm_job_get_task_id (job), status);
}

static GPtrArray *
shown_tasks (CbRunView *self)
{
  if (!CB_IS_JOB_RUN (self->execution))
    return NULL;
  return cb_job_run_get_tasks (CB_JOB_RUN (self->execution));
}

void
_cb_run_view_fill_tasks (CbRunView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  GPtrArray *tasks = shown_tasks (self);

  if (tasks != NULL)
    {
      g_strv_builder_add (builder, _("All Tasks"));
      for (guint i = 0; i < tasks->len; i++)
        {
          g_autofree char *text = task_text (g_ptr_array_index (tasks, i));

          g_strv_builder_add (builder, text);
          g_signal_connect_swapped (g_ptr_array_index (tasks, i), "changed",
                                    G_CALLBACK (_cb_run_view_on_job_changed), self);
        }
    }
  items = g_strv_builder_end (builder);

  self->updating_tasks = TRUE;
  gtk_string_list_splice (self->task_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->task_names)),
                          (const char * const *)items);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->task_dropdown), 0);
  self->updating_tasks = FALSE;
  gtk_widget_set_visible (self->task_dropdown, tasks != NULL);
}

/* Each task's state, as the tracker learns it; the task picked stays */
void
_cb_run_view_update_tasks (CbRunView *self)
{
  GPtrArray *tasks = shown_tasks (self);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->task_dropdown));

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      g_autofree char *text = task_text (g_ptr_array_index (tasks, i));
      const char *items[] = { text, NULL };

      if (i + 1 >= g_list_model_get_n_items (G_LIST_MODEL (self->task_names)) ||
          g_strcmp0 (gtk_string_list_get_string (self->task_names, i + 1), text) == 0)
        continue;
      self->updating_tasks = TRUE;
      gtk_string_list_splice (self->task_names, i + 1, 1, items);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->task_dropdown), selected);
      self->updating_tasks = FALSE;
    }
}

static void
on_task_selected (CbRunView *self)
{
  GPtrArray *tasks = shown_tasks (self);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->task_dropdown));

  if (self->updating_tasks || tasks == NULL)
    return;
  _cb_run_view_follow_output (self, selected > 0 && selected <= tasks->len
                                      ? g_ptr_array_index (tasks, selected - 1) : self->execution);
  _cb_run_view_update_problems (self);
}

/* Submitting */

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CbRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) job = cb_session_submit_finish (CB_SESSION (source), result, &error);

  self->submitting = FALSE;
  /* Gone from its window meanwhile: the job is followed and recorded all
   * the same, by the session */
  if (self->session == NULL)
    return;
  /* The job shows from CbSession::job-submitted */
  if (job == NULL)
    _cb_run_view_set_status (self, error->message);
  self->status_pinned = job == NULL;
  if (g_error_matches (error, CB_ERROR, CB_ERROR_VALIDATION))
    _cb_run_view_watch_refused_form (self);
  _cb_run_view_update_buttons (self);
}

/* Submits the page to Slurm: once sbatch has taken the script, the job
 * shows (_cb_run_view_on_job_submitted()) */
gboolean
_cb_run_view_submit (CbRunView *self)
{
  g_autofree char *problem = NULL;

  if (self->submitting)
    return FALSE;
  _cb_run_view_forget_refused_form (self);
  if (self->check_func != NULL && (problem = self->check_func (self->check_data)) != NULL)
    {
      _cb_run_view_set_status (self, problem);
      self->status_pinned = TRUE;
      if (cb_form_has_errors (cb_session_get_form (self->session, self->index)))
        _cb_run_view_watch_refused_form (self);
      return FALSE;
    }

  self->submitting = TRUE;
  _cb_run_view_set_status (self, _("Submitting the job…"));
  self->status_pinned = TRUE;
  _cb_run_view_update_buttons (self);
  cb_session_submit_async (self->session, self->index, NULL, on_submitted, g_object_ref (self));
  return TRUE;
}

void
_cb_run_view_on_job_submitted (CbRunView *self,
                               guint      index,
                               CbJobRun  *job)
{
  if (index == self->index)
    _cb_run_view_show_execution (self, CB_EXECUTION (job));
}

/* Cancelling a job */

static void
on_cancel_response (GtkDialog *dialog,
                    int        response,
                    CbRunView *self)
{
  g_autoptr(CbJobRun) job = g_object_ref (g_object_get_data (G_OBJECT (dialog), "cb-job"));

  /* Gone as it answers: a destroyed window may live on a while, and is
   * not destroyed again with the view */
  if (self->cancel_dialog == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->cancel_dialog);
      self->cancel_dialog = NULL;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || !cb_execution_is_running (CB_EXECUTION (job)))
    return;

  /* What scancel says against it is a line of the job's output */
  cb_execution_stop (CB_EXECUTION (job));
  if (CB_EXECUTION (job) == self->execution)
    _cb_run_view_set_status (self, _("Cancelling the job…"));
}

/* A job is not cancelled by a slip of a key: it may have waited hours in
 * the queue, and cannot be resumed as it was */
void
_cb_run_view_ask_cancel (CbRunView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CbJobRun *job = CB_JOB_RUN (self->execution);
  gboolean array = cb_job_run_is_array (job);
  GtkWidget *dialog;

  if (self->cancel_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->cancel_dialog));
      return;
    }

  /* Translators: %s is a Slurm job's id */
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   array ? _("Cancel Job Array %s?") : _("Cancel Job %s?"),
                                   cb_job_run_get_id (job));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            array ? _("Its tasks that have not finished end on "
                                                      "the cluster. Their logs and the "
                                                      "checkpoints they wrote stay.")
                                                  : _("It ends on the cluster. Its log and the "
                                                      "checkpoints it wrote stay."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep the Job"), GTK_RESPONSE_CANCEL,
                          _("_Cancel Job"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "cb-job", g_object_ref (job), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  self->cancel_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->cancel_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Where the command runs */

gboolean
_cb_run_view_is_slurm_target (CbRunView *self)
{
  return self->slurm != NULL && cb_slurm_form_get_target (self->slurm) == CB_RUN_TARGET_SLURM;
}

static void
update_target (CbRunView *self)
{
  gboolean slurm = _cb_run_view_is_slurm_target (self);

  self->updating_target = TRUE;
  gtk_widget_set_visible (self->target_box, self->slurm != NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->target_slurm), slurm);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->target_local), !slurm);
  self->updating_target = FALSE;

  _cb_run_view_set_button_label (self->run_button, slurm ? _("_Submit") : _("_Run"));
  gtk_widget_set_tooltip_text (self->run_button,
                               slurm ? _("Submit the batch script to Slurm (Ctrl+Return)")
                                     : _("Run the command (Ctrl+Return)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  slurm ? _("Submits the batch script to Slurm (Ctrl+Return)")
                                        : _("Runs the command (Ctrl+Return)"),
                                  -1);
  gtk_label_set_text (GTK_LABEL (self->empty_label),
                      slurm ? _("The job’s output shows here once it runs.")
                            : _("The command’s output shows here when it runs."));
  if (self->execution == NULL && !self->submitting && slurm != self->shown_slurm)
    _cb_run_view_set_status (self, slurm ? _("Not submitted yet") : _("Not run yet"));
  self->shown_slurm = slurm;
  _cb_run_view_update_buttons (self);
}

static void
on_target_toggled (CbRunView       *self,
                   GtkToggleButton *toggle)
{
  /* The one that turns on says where */
  if (self->updating_target || self->slurm == NULL || !gtk_toggle_button_get_active (toggle))
    return;

  cb_slurm_form_set_target (self->slurm, GTK_WIDGET (toggle) == self->target_slurm
                                           ? CB_RUN_TARGET_SLURM : CB_RUN_TARGET_LOCAL);
  /* The job's resources are rows under the form: the user is shown them */
  if (GTK_WIDGET (toggle) == self->target_slurm)
    gtk_widget_activate_action (GTK_WIDGET (self), "page.reveal-resources", NULL);
}

/**
 * cb_run_view_set_slurm_form:
 * @slurm: (nullable): the page's Slurm side, when the project has a
 *   `slurm:` section: the view then says where the command runs, and
 *   submits it there
 */
void
cb_run_view_set_slurm_form (CbRunView   *self,
                            CbSlurmForm *slurm)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));
  g_return_if_fail (slurm == NULL || CB_IS_SLURM_FORM (slurm));

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_set_object (&self->slurm, slurm);
  if (slurm != NULL)
    g_signal_connect_swapped (slurm, "changed", G_CALLBACK (update_target), self);
  update_target (self);
}

void
_cb_run_view_class_jobs_init (CbRunViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_target_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_task_selected);
}
