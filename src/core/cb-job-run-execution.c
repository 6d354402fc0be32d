/* cb-job-run-execution.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-job-run-private.h"

/* A job as a #CbExecution, so that what shows a run shows a job; and
 * Stop, which is `scancel` */

/* Stopping */

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!cb_slurm_tracker_cancel_finish (CB_SLURM_TRACKER (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cb_job_run_cancel_async:
 *
 * Cancels the job with `scancel`: a whole array, or one task. Its state
 * follows from the cluster.
 */
void
cb_job_run_cancel_async (CbJobRun            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CB_IS_JOB_RUN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_job_run_cancel_async);
  cb_slurm_tracker_cancel_async (self->tracker, self->job, cancellable, on_cancelled, task);
}

/**
 * cb_job_run_cancel_finish:
 *
 * Returns: whether scancel took it; if not, @error says what it said
 */
gboolean
cb_job_run_cancel_finish (CbJobRun      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_stopped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CbJobRun *self = CB_JOB_RUN (source);
  g_autoptr(GError) error = NULL;

  if (!cb_job_run_cancel_finish (self, result, &error))
    {
      /* Translators: what scancel said */
      g_autofree char *note = g_strdup_printf (_("The job could not be cancelled: %s"),
                                               error->message);

      _cb_job_run_add_note (self, note, TRUE);
    }
}

/* CbExecution */

static const char * const *
job_get_argv (CbExecution *execution)
{
  return (const char * const *)CB_JOB_RUN (execution)->argv;
}

static const char *
job_get_schema_id (CbExecution *execution)
{
  return CB_JOB_RUN (execution)->schema_id;
}

static CbRunState
job_get_state (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);

  if (!self->finished)
    return CB_RUN_STATE_RUNNING;

  switch (cb_slurm_job_get_state (self->job))
    {
    case CB_SLURM_JOB_COMPLETED:
      return CB_RUN_STATE_SUCCEEDED;
    case CB_SLURM_JOB_CANCELLED:
      return CB_RUN_STATE_STOPPED;
    default:
      return CB_RUN_STATE_FAILED;
    }
}

static gint64
job_get_start_time (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);
  gint64 start = _cb_job_run_start_time (self);

  return start != 0 ? start : self->submit_time;
}

static gint64
job_get_elapsed (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);
  gint64 start = _cb_job_run_start_time (self);
  gint64 end = cb_job_run_get_end_time (self);

  if (start == 0)
    return 0;
  if (end == 0)
    end = g_get_real_time ();
  return MAX (0, end - start);
}

static char *
format_duration (gint64 usec)
{
  gint64 s = usec / G_USEC_PER_SEC;

  if (s < 60)
    return g_strdup_printf (_("%d s"), (int)s);
  if (s < 3600)
    return g_strdup_printf (_("%d min %d s"), (int)(s / 60), (int)(s % 60));
  return g_strdup_printf (_("%d h %d min"), (int)(s / 3600), (int)(s % 3600 / 60));
}

static char *
job_get_status_text (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);
  g_autofree char *status = cb_slurm_job_get_status_text (self->job);
  g_autofree char *duration = format_duration (job_get_elapsed (execution));
  CbSlurmJobState state = cb_slurm_job_get_state (self->job);

  /* Translators: a job's id, its state in words, how long it has run */
  if (state == CB_SLURM_JOB_RUNNING)
    return g_strdup_printf (_("Job %s: %s, for %s"), cb_job_run_get_id (self), status, duration);
  /* Translators: a job's id, how it ended, how long it ran */
  if (cb_slurm_job_state_is_finished (state) && _cb_job_run_start_time (self) != 0)
    return g_strdup_printf (_("Job %s: %s, after %s"), cb_job_run_get_id (self), status, duration);
  return g_strdup_printf (_("Job %s: %s"), cb_job_run_get_id (self), status);
}

static double
job_get_progress (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);

  if (self->tasks != NULL)
    return (double)self->n_tasks_done / MAX (1, self->tasks->len);
  return self->follower ? cb_file_follower_get_progress (self->follower) : -1;
}

static const char *
job_get_progress_text (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);

  if (self->tasks != NULL)
    return self->tasks_text;
  return self->follower ? cb_file_follower_get_progress_text (self->follower) : NULL;
}

static guint
job_get_n_problems (CbExecution *execution)
{
  return CB_JOB_RUN (execution)->n_problems;
}

static guint64
job_get_n_lines (CbExecution *execution)
{
  return cb_line_ring_get_n_lines (CB_JOB_RUN (execution)->ring);
}

static guint64
job_get_n_dropped (CbExecution *execution)
{
  return cb_line_ring_get_n_dropped (CB_JOB_RUN (execution)->ring);
}

static GPtrArray *
job_get_lines (CbExecution *execution)
{
  return cb_line_ring_get_lines (CB_JOB_RUN (execution)->ring);
}

static const char *
job_get_log_path (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);

  return self->follower ? cb_file_follower_get_path (self->follower) : NULL;
}

static void
job_stop (CbExecution *execution)
{
  CbJobRun *self = CB_JOB_RUN (execution);

  if (!cb_slurm_job_is_finished (self->job))
    cb_job_run_cancel_async (self, NULL, on_stopped, NULL);
}

void
_cb_job_run_execution_iface_init (CbExecutionInterface *iface)
{
  iface->get_argv = job_get_argv;
  iface->get_schema_id = job_get_schema_id;
  iface->get_state = job_get_state;
  iface->get_status_text = job_get_status_text;
  iface->get_start_time = job_get_start_time;
  iface->get_elapsed = job_get_elapsed;
  iface->get_progress = job_get_progress;
  iface->get_progress_text = job_get_progress_text;
  iface->get_n_problems = job_get_n_problems;
  iface->get_n_lines = job_get_n_lines;
  iface->get_n_dropped = job_get_n_dropped;
  iface->get_lines = job_get_lines;
  iface->get_log_path = job_get_log_path;
  iface->stop = job_stop;
}
