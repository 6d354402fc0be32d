/* test-slurm-timeout.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-session-jobs.h"
#include "cb-test-slurm.h"
#include "cb-test-util.h"

/* A job that reaches its time limit ends in TIMEOUT, having been warned
 * by the signal the project asks for, in time to save a checkpoint; the
 * session then resubmits it from that checkpoint. Slurm's limits are in
 * whole minutes and it checks them every 30 s, so this takes 60 to 90 s:
 * it has a test program of its own, which runs beside the others.
 */

static char *skip_reason;

/* A runner that saves a checkpoint when warned, and would run for ever */
static const char runner[] =
  "#!/bin/bash\n"
  "trap 'mkdir -p outputs && echo saved > outputs/warned.ckpt && "
  "echo \"warned: saving a checkpoint\"' USR1\n"
  "echo \"started $*\"\n"
  "while true; do sleep 1; done\n";

static const char project[] =
  "name: Time limits\n"
  "runner: [./runner.sh]\n"
  "sources:\n"
  "  checkpoints: {paths: \"outputs/*.ckpt\"}\n"
  "slurm:\n"
  "  defaults: {partition: short, time: 1, job_name: endless}\n"
  "  signal: USR1@50\n";

static const char schema[] =
  "id: train\n"
  "resume: {checkpoint: resume, toggle: resuming}\n"
  "ui_elements:\n"
  "  - key: resuming\n    type: checkbox\n"
  "  - key: resume\n    type: selectbox\n    options_source: checkpoints\n    default: \"\"\n"
  "    visible_if: \"resuming\"\n    hydra_override: resume\n";

/* The checkpoint model learns of the file as its monitor says */
static gboolean
has_resume_checkpoint (CbSession *session,
                       CbJobRun  *run)
{
  g_autofree char *checkpoint = cb_session_find_resume_checkpoint (session, run);

  return checkpoint != NULL;
}

static char *
log_text (CbJobRun *run)
{
  g_autoptr(GPtrArray) lines = cb_execution_get_lines (CB_EXECUTION (run));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", ((CbRunLine *)g_ptr_array_index (lines, i))->text);
  return g_string_free (text, FALSE);
}

static void
test_timeout (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *script = NULL;
  g_autofree char *status = NULL;
  g_autofree char *log = NULL;
  g_autofree char *checkpoint = NULL;
  g_autoptr(CbSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) first = NULL;
  g_autoptr(CbJobRun) again = NULL;
  CbSlurmForm *slurm;
  CbSlurmJob *job;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  dir = cb_test_make_tempdir ();
  g_free (cb_test_write (dir, "cmdbuilder.yaml", project));
  g_free (cb_test_write (dir, "schemas/train.yaml", schema));
  script = cb_test_write (dir, "runner.sh", runner);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  session = cb_session_new (dir, CB_SESSION_WATCH | CB_SESSION_TRACK_JOBS);
  g_assert_true (cb_session_load (session, &error));
  cb_slurm_tracker_set_poll_interval (cb_session_get_tracker (session), 500, 4000);
  slurm = cb_session_get_slurm_form (session, 0);
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  /* Without srun, the command is the batch shell: the signal goes there */
  g_assert_nonnull (strstr (cb_slurm_form_get_script (slurm), "\n#SBATCH --signal=B:USR1@50\n"));

  first = cb_test_slurm_submit (session, 0, &error);
  g_assert_no_error (error);
  job = cb_job_run_get_job (first);
  cb_test_wait_until (cb_slurm_job_get_state (job) == CB_SLURM_JOB_RUNNING, 60);
  cb_test_wait_until (cb_job_run_is_finished (first), 150);

  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_TIMEOUT);
  g_assert_cmpstr (cb_slurm_job_get_reason (job), ==, "TimeLimit");
  status = cb_slurm_job_get_status_text (job);
  g_assert_cmpstr (status, ==, "Timed out: it reached its time limit");
  g_assert_cmpint (cb_execution_get_state (CB_EXECUTION (first)), ==, CB_RUN_STATE_FAILED);

  /* The runner had its warning, in time to save a checkpoint */
  log = log_text (first);
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "started \n"));
  g_assert_nonnull (strstr (log, "warned: saving a checkpoint\n"));
  g_assert_nonnull (strstr (log, "DUE TO TIME LIMIT"));

  /* ... which a resubmission resumes from */
  g_assert_true (cb_job_run_can_resubmit (first));
  cb_test_wait_until (has_resume_checkpoint (session, first), 30);
  checkpoint = cb_session_find_resume_checkpoint (session, first);
  g_assert_cmpstr (checkpoint, ==, "outputs/warned.ckpt");
  again = cb_test_slurm_resubmit (session, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_job_run_get_script (again), ==, cb_slurm_form_get_script (slurm));
  g_assert_nonnull (strstr (cb_job_run_get_script (again),
                            "\nexec ./runner.sh resume=outputs/warned.ckpt\n"));
  g_assert_true (cb_session_get_job (session, 0) == again);
  cb_execution_stop (CB_EXECUTION (again));
  cb_test_wait_until (cb_job_run_is_finished (again), 60);

  g_clear_object (&first);
  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&session));
  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cluster = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  cluster = cb_test_slurm_start (&skip_reason);
  if (skip_reason != NULL)
    g_printerr ("%s\n", skip_reason);

  g_test_add_func ("/slurm-timeout/timeout", test_timeout);
  status = g_test_run ();

  cb_test_slurm_stop (cluster);
  g_free (skip_reason);

  return status;
}
