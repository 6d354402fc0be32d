/* cb-run-stop.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>

#include "cb-process-tree.h"
#include "cb-run-private.h"

/* How a run ends: on its own, or stopped; and what it started, which ends
 * with it */

/* What is left of the run: only outside a sandbox, where its processes
 * can be seen */
static GArray *
find_rest (CbRun    *self,
           gboolean  with_pipes)
{
  ino_t open_pipes[2];
  CbProcessQuery query = {
    .main_pid = self->main_pid,
    .pgid = self->pgid,
    .token = self->token,
    .pipes = open_pipes,
    .n_pipes = 0,
  };

  if (self->in_flatpak || self->token == NULL)
    return g_array_new (FALSE, TRUE, sizeof (CbProcessInfo));

  if (with_pipes && !self->out.eof)
    open_pipes[query.n_pipes++] = self->pipes[0];
  if (with_pipes && !self->err.eof)
    open_pipes[query.n_pipes++] = self->pipes[1];

  return cb_process_tree_find (&query);
}

static void
note_process (CbRun               *self,
              const char          *format,
              const CbProcessInfo *info)
{
  g_autofree char *text = g_strdup_printf (format, info->pid, info->name);

  _cb_run_add_note (self, text);
}

static void
hold_app (CbRun *self)
{
  if (self->held_app == NULL && g_application_get_default () != NULL)
    {
      self->held_app = g_object_ref (g_application_get_default ());
      g_application_hold (self->held_app);
    }
}

static void
release_app (CbRun *self)
{
  if (self->held_app != NULL)
    {
      g_application_release (self->held_app);
      g_clear_object (&self->held_app);
    }
}

static gboolean on_grace_over (gpointer user_data);

static void
start_grace (CbRun *self)
{
  if (self->grace_id != 0 || self->grace_over)
    return;

  /* The timeout holds the run, and the application holds on, so that the
   * SIGKILL comes even when the window has gone */
  hold_app (self);
  self->grace_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->kill_msec, on_grace_over,
                                       g_object_ref (self), g_object_unref);
}

/* The command has ended: what it started and left running is stopped too */
static void
end_rest (CbRun *self)
{
  g_autoptr(GArray) rest = find_rest (self, FALSE);

  for (guint i = 0; i < rest->len; i++)
    {
      CbProcessInfo *info = &g_array_index (rest, CbProcessInfo, i);

      if (!self->grace_over && !self->stop_requested)
        note_process (self, _("Process %d (%s), started by the command, was still running when "
                              "the command ended; it is stopped too."), info);
      cb_process_tree_signal (info, self->grace_over ? SIGKILL : SIGTERM);
      cb_process_tree_reap (info);
    }

  if (rest->len > 0)
    start_grace (self);
  else if (self->grace_id != 0)
    {
      /* Nothing is left to kill */
      g_clear_handle_id (&self->grace_id, g_source_remove);
      release_app (self);
    }
}

/* The progress says how the run ended before the state does: who
 * watches the state finds the progress final */
static void
end_as (CbRun      *self,
        CbRunState  state)
{
  CbProgressState ended = state == CB_RUN_STATE_SUCCEEDED ? CB_PROGRESS_SUCCEEDED
                        : state == CB_RUN_STATE_STOPPED ? CB_PROGRESS_STOPPED
                        : CB_PROGRESS_FAILED;

  _cb_run_notify_progress (self, cb_progress_finish (self->progress, ended));
  _cb_run_set_state (self, state);
}

static void
finish (CbRun *self)
{
  self->finished = TRUE;
  /* The run took as long as its main process: what it left holding the
   * output does not count */
  if (self->end_mono == 0)
    self->end_mono = g_get_monotonic_time ();

  if (!self->out.eof || !self->err.eof)
    {
      /* The reads end with the cancellation; what they were reading is lost */
      _cb_run_add_note (self, _("The output was still open after the grace period; the run ends without it."));
      g_cancellable_cancel (self->cancellable);
    }
  end_rest (self);

  g_clear_handle_id (&self->batch_id, g_source_remove);
  _cb_run_flush_batch (self);
  g_clear_pointer (&self->log, cb_run_log_free);

  if (self->term_signal != 0 || (self->stop_requested && self->exit_status != 0))
    end_as (self, self->stop_requested ? CB_RUN_STATE_STOPPED : CB_RUN_STATE_FAILED);
  else if (self->exit_status == 0)
    end_as (self, CB_RUN_STATE_SUCCEEDED);
  else
    end_as (self, CB_RUN_STATE_FAILED);

  _cb_run_emit_finished (self);
}

/* A run ends when its main process has been reaped and its output has
 * closed; or, once the grace period after Stop is over, when its main
 * process has been reaped, whatever holds its output.
 */
void
_cb_run_check_finished (CbRun *self)
{
  if (self->finished || !self->exited)
    return;
  if ((!self->out.eof || !self->err.eof) && !self->grace_over)
    return;

  finish (self);
}

void
_cb_run_on_wait (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CbRun *self = user_data;
  GSubprocess *process = G_SUBPROCESS (source);

  g_subprocess_wait_finish (process, result, NULL);
  self->exited = TRUE;
  self->end_mono = g_get_monotonic_time ();
  self->main_pid = 0;

  if (g_subprocess_get_if_signaled (process))
    self->term_signal = g_subprocess_get_term_sig (process);
  else
    {
      self->exit_status = g_subprocess_get_exit_status (process);
      /* flatpak-spawn reports a signal as 128 + its number, as shells do */
      if (self->in_flatpak && self->exit_status > 128 && self->exit_status < 128 + 65)
        self->term_signal = self->exit_status - 128;
    }

  /* Its orphans are the app's now; those that have exited can be reaped */
  cb_process_tree_sweep ();
  _cb_run_check_finished (self);
  g_object_unref (self);
}

/* Signals what left the run's process group */
static void
signal_escaped (CbRun *self,
                int    signum)
{
  g_autoptr(GArray) rest = find_rest (self, signum == SIGKILL);

  for (guint i = 0; i < rest->len; i++)
    {
      CbProcessInfo *info = &g_array_index (rest, CbProcessInfo, i);

      if (signum == SIGKILL && info->holds_output)
        note_process (self, _("Process %d (%s), started by the command, still held its output "
                              "open after the grace period; it is killed."), info);
      else if (signum == SIGTERM && info->escaped)
        note_process (self, _("Process %d (%s), started by the command, had left its process "
                              "group; it is stopped too."), info);
      if (signum == SIGKILL || info->escaped)
        cb_process_tree_signal (info, signum);
      cb_process_tree_reap (info);
    }
}

static gboolean
on_grace_over (gpointer user_data)
{
  CbRun *self = user_data;

  self->grace_id = 0;
  self->grace_over = TRUE;

  /* Whatever is left after the grace period */
  if (self->pgid > 0 && kill (-self->pgid, 0) == 0)
    kill (-self->pgid, SIGKILL);
  if (!self->finished)
    {
      signal_escaped (self, SIGKILL);
      _cb_run_check_finished (self);
    }
  else
    end_rest (self);

  release_app (self);
  return G_SOURCE_REMOVE;
}

/**
 * cb_run_stop:
 *
 * Ends the command and everything it started: SIGTERM to its process
 * group and to what left it, then SIGKILL after the grace period to all
 * that is left. The run has ended once the main process is reaped after
 * that, even if something still holds its output. Stopping a run that is
 * already stopping skips the rest of the grace period.
 */
void
cb_run_stop (CbRun *self)
{
  g_return_if_fail (CB_IS_RUN (self));

  if (self->state != CB_RUN_STATE_RUNNING || self->pgid <= 0)
    return;

  if (self->stop_requested)
    {
      if (self->grace_id != 0)
        {
          g_object_ref (self);
          g_source_remove (self->grace_id);
          on_grace_over (self);
          g_object_unref (self);
        }
      return;
    }

  self->stop_requested = TRUE;
  if (self->in_flatpak)
    kill (-self->pgid, SIGINT);
  kill (-self->pgid, SIGTERM);
  signal_escaped (self, SIGTERM);

  start_grace (self);
}
