/* test-slurm-timeout.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-slurm-config.h"
#include "cb-slurm-script.h"
#include "cb-slurm-tracker.h"
#include "cb-test-slurm.h"
#include "cb-test-util.h"

/* A job that reaches its time limit ends in TIMEOUT, having been warned
 * by the signal the project asks for. Slurm's limits are in whole
 * minutes and it checks them every 30 s, so this takes 60 to 90 s: it
 * has a test program of its own, which runs beside the others.
 */

static char *skip_reason;

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CbSlurmJob **job = user_data;
  g_autoptr(GError) error = NULL;

  *job = cb_slurm_tracker_submit_finish (CB_SLURM_TRACKER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_timeout (void)
{
  g_autofree char *project = NULL;
  g_autofree char *runner = NULL;
  g_autofree char *outputs = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autofree char *log = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new ();
  g_autoptr(CbSlurmConfig) config = NULL;
  g_autoptr(CbSlurmResources) resources = NULL;
  g_autoptr(CbSlurmScript) script = NULL;
  g_autoptr(CbSlurmTracker) tracker = NULL;
  g_autoptr(CbSlurmJob) job = NULL;
  const char *argv[] = { "./runner.sh", NULL };

  CB_TEST_SLURM_REQUIRE (skip_reason);

  project = cb_test_make_tempdir ();
  /* A runner that saves a checkpoint when warned, and would run for ever */
  runner = cb_test_write (project, "runner.sh",
                          "#!/bin/bash\n"
                          "trap 'echo \"warned: saving a checkpoint\"' USR1\n"
                          "echo started\n"
                          "while true; do sleep 1; done\n");
  g_assert_cmpint (g_chmod (runner, 0755), ==, 0);

  root = cb_yaml_load_data ("slurm:\n"
                            "  defaults: {partition: short, time: 1, job_name: endless}\n"
                            "  signal: USR1@50\n",
                            -1, "cmdbuilder.yaml", &error);
  g_assert_no_error (error);
  config = cb_slurm_config_parse (cb_node_lookup (root, "slurm"), diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  resources = cb_slurm_config_resolve (config, NULL);
  script = cb_slurm_script_new (argv, project);
  cb_slurm_script_set_resources (script, resources);
  cb_slurm_script_set_config (script, config);
  outputs = g_build_filename (project, "outputs", NULL);
  output = cb_slurm_config_resolve_output (config, project, outputs);
  cb_slurm_script_set_output (script, output);
  text = cb_slurm_script_to_text (script, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "#SBATCH --signal=B:USR1@50\n"));

  tracker = cb_slurm_tracker_new ();
  cb_slurm_tracker_set_poll_interval (tracker, 500, 4000);
  cb_slurm_tracker_submit_async (tracker, text, project, NULL, on_submitted, &job);
  cb_test_wait_until (job != NULL, 60);

  cb_test_wait_until (cb_slurm_job_get_state (job) == CB_SLURM_JOB_RUNNING, 60);
  cb_test_wait_until (cb_slurm_job_has_end_details (job), 150);

  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_TIMEOUT);
  g_assert_cmpstr (cb_slurm_job_get_reason (job), ==, "TimeLimit");
  status = cb_slurm_job_get_status_text (job);
  g_assert_cmpstr (status, ==, "Timed out: it reached its time limit");

  /* The runner had its warning, in time to save a checkpoint */
  log = cb_slurm_job_get_output_path (job);
  g_file_get_contents (log, &contents, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", contents);
  g_assert_nonnull (strstr (contents, "started\n"));
  g_assert_nonnull (strstr (contents, "warned: saving a checkpoint\n"));
  g_assert_nonnull (strstr (contents, "DUE TO TIME LIMIT"));

  cb_test_remove_tree (project);
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
