/* cb-execution.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-execution.h"

/**
 * CbExecution:
 *
 * A command carried out, on this computer (#CbRun) or as a Slurm job
 * (#CbJobRun): what the run view, the history and the offer policy need
 * of either. A job that waits in the queue is running, in this sense: it
 * has not ended.
 */

G_DEFINE_INTERFACE (CbExecution, cb_execution, G_TYPE_OBJECT)

static void
cb_execution_default_init (CbExecutionInterface *iface)
{
}

#define IFACE(self) CB_EXECUTION_GET_IFACE (self)

/**
 * cb_execution_get_argv:
 *
 * Returns: (transfer none): the command, as the page built it
 */
const char * const *
cb_execution_get_argv (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), NULL);
  return IFACE (self)->get_argv (self);
}

/**
 * cb_execution_get_schema_id:
 *
 * Returns: the page it comes from
 */
const char *
cb_execution_get_schema_id (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), NULL);
  return IFACE (self)->get_schema_id (self);
}

/**
 * cb_execution_get_state:
 *
 * Returns: whether it runs (or waits to), and how it ended
 */
CbRunState
cb_execution_get_state (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), CB_RUN_STATE_ERROR);
  return IFACE (self)->get_state (self);
}

gboolean
cb_execution_is_running (CbExecution *self)
{
  return cb_execution_get_state (self) == CB_RUN_STATE_RUNNING;
}

/**
 * cb_execution_get_status_text:
 *
 * Returns: (transfer full): a sentence for the status line
 */
char *
cb_execution_get_status_text (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), NULL);
  return IFACE (self)->get_status_text (self);
}

/**
 * cb_execution_get_start_time:
 *
 * Returns: when the command started, in microseconds since the epoch;
 *   for a job that has not started, when it was submitted
 */
gint64
cb_execution_get_start_time (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), 0);
  return IFACE (self)->get_start_time (self);
}

/**
 * cb_execution_get_elapsed:
 *
 * Returns: how long the command has run so far, or ran, in microseconds
 */
gint64
cb_execution_get_elapsed (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), 0);
  return IFACE (self)->get_elapsed (self);
}

double
cb_execution_get_progress (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), -1);
  return IFACE (self)->get_progress (self);
}

/**
 * cb_execution_get_progress_text:
 *
 * Returns: (nullable): what the output said of the progress
 */
const char *
cb_execution_get_progress_text (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), NULL);
  return IFACE (self)->get_progress_text (self);
}

guint
cb_execution_get_n_problems (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), 0);
  return IFACE (self)->get_n_problems (self);
}

guint64
cb_execution_get_n_lines (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), 0);
  return IFACE (self)->get_n_lines (self);
}

guint64
cb_execution_get_n_dropped (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), 0);
  return IFACE (self)->get_n_dropped (self);
}

/**
 * cb_execution_get_lines:
 *
 * Returns: (transfer full) (element-type CbRunLine): the kept lines,
 *   oldest first
 */
GPtrArray *
cb_execution_get_lines (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), NULL);
  return IFACE (self)->get_lines (self);
}

/**
 * cb_execution_get_log_path:
 *
 * Returns: (nullable): the file with the whole output
 */
const char *
cb_execution_get_log_path (CbExecution *self)
{
  g_return_val_if_fail (CB_IS_EXECUTION (self), NULL);
  return IFACE (self)->get_log_path (self);
}

/**
 * cb_execution_stop:
 *
 * Stops the command: a run as cb_run_stop() does, a job with `scancel`.
 */
void
cb_execution_stop (CbExecution *self)
{
  g_return_if_fail (CB_IS_EXECUTION (self));
  IFACE (self)->stop (self);
}

/* CbRun's own functions take a CbRun: any pointer parameter fits */
void
_cb_run_execution_iface_init (CbExecutionInterface *iface)
{
  iface->get_argv = (gpointer)cb_run_get_argv;
  iface->get_schema_id = (gpointer)cb_run_get_schema_id;
  iface->get_state = (gpointer)cb_run_get_state;
  iface->get_status_text = (gpointer)cb_run_get_status_text;
  iface->get_start_time = (gpointer)cb_run_get_start_time;
  iface->get_elapsed = (gpointer)cb_run_get_elapsed;
  iface->get_progress = (gpointer)cb_run_get_progress;
  iface->get_progress_text = (gpointer)cb_run_get_progress_text;
  iface->get_n_problems = (gpointer)cb_run_get_n_problems;
  iface->get_n_lines = (gpointer)cb_run_get_n_lines;
  iface->get_n_dropped = (gpointer)cb_run_get_n_dropped;
  iface->get_lines = (gpointer)cb_run_get_lines;
  iface->get_log_path = (gpointer)cb_run_get_log_path;
  iface->stop = (gpointer)cb_run_stop;
}
