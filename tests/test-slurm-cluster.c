/* test-slurm-cluster.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-file-follower.h"
#include "cb-run.h"
#include "cb-slurm-cluster.h"
#include "cb-slurm-config.h"
#include "cb-slurm-script.h"
#include "cb-slurm-tracker.h"
#include "cb-slurm-units.h"
#include "cb-test-slurm.h"
#include "cb-test-util.h"

/* Against a real one-node Slurm 22.05 (tests/slurm-cluster): the cluster's
 * partitions read off it, jobs submitted with sbatch, their logs followed
 * as they are written, their states as squeue and scontrol tell them,
 * scancel, and array jobs. Skipped where the cluster cannot start.
 */

#define WAIT_SECONDS 60

static char *skip_reason;

typedef struct
{
  char           *project;
  CbSlurmTracker *tracker;
  CbSlurmJob     *job;
  GError         *error;
  gboolean        done;
  GPtrArray      *states;    /* of the job, as seen */
  GPtrArray      *finished;  /* jobs job-finished was emitted for */
  GPtrArray      *lines;
  gboolean        log_finished;
} Fixture;

static void
on_job_finished (CbSlurmTracker *tracker,
                 CbSlurmJob     *job,
                 Fixture        *f)
{
  g_ptr_array_add (f->finished, g_object_ref (job));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->project = cb_test_make_tempdir ();
  f->tracker = cb_slurm_tracker_new ();
  /* Quick, for the test; the app asks every 5 s at first */
  cb_slurm_tracker_set_poll_interval (f->tracker, 200, 1000);
  f->states = g_ptr_array_new_with_free_func (g_free);
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);
  f->lines = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->tracker, "job-finished", G_CALLBACK (on_job_finished), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->job);
  g_clear_object (&f->tracker);
  g_clear_error (&f->error);
  g_ptr_array_unref (f->states);
  g_ptr_array_unref (f->finished);
  g_ptr_array_unref (f->lines);
  cb_test_remove_tree (f->project);
  g_free (f->project);
}

/* A runner in the project: prints, then waits for a file to go on, so the
 * test sees the job running for as long as it needs to
 */
static void
write_runner (Fixture *f)
{
  g_autofree char *path = cb_test_write (f->project, "runner.sh",
    "#!/bin/sh\n"
    "echo \"start $1 on $(hostname -s) in $(pwd)\"\n"
    "echo 'Epoch 1/2 loss=0.5'\n"
    "while [ ! -e \"$2\" ]; do sleep 0.1; done\n"
    "echo 'Epoch 2/2 loss=0.25'\n"
    "printf 'the end without a newline'\n"
    "exit \"${3:-0}\"\n");

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

static char *
go_file (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->project, name, NULL);
}

static void
go (Fixture    *f,
    const char *name)
{
  g_autofree char *path = go_file (f, name);
  g_autofree char *written = cb_test_write (f->project, name, "");
}

static char *
make_script (Fixture            *f,
             const char * const *argv,
             const char         *yaml)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = cb_yaml_load_data (yaml ? yaml : "", -1, "cmdbuilder.yaml", &error);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new ();
  g_autoptr(CbSlurmConfig) config = NULL;
  g_autoptr(CbSlurmResources) resources = NULL;
  g_autoptr(CbSlurmScript) script = cb_slurm_script_new (argv, f->project);
  CbNode *node;
  g_autofree char *outputs = g_build_filename (f->project, "outputs", NULL);
  g_autofree char *output = NULL;
  char *text;

  g_assert_no_error (error);
  node = cb_node_lookup (root, "slurm");
  config = node ? cb_slurm_config_parse (node, diagnostics) : cb_slurm_config_new ();
  g_assert_cmpuint (diagnostics->len, ==, 0);
  resources = cb_slurm_config_resolve (config, NULL);
  output = cb_slurm_config_resolve_output (config, f->project, outputs);
  cb_slurm_script_set_resources (script, resources);
  cb_slurm_script_set_config (script, config);
  cb_slurm_script_set_output (script, output);

  text = cb_slurm_script_to_text (script, &error);
  g_assert_no_error (error);
  return text;
}

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  f->job = cb_slurm_tracker_submit_finish (CB_SLURM_TRACKER (source), result, &f->error);
  f->done = TRUE;
}

static void
on_state (CbSlurmJob *job,
          GParamSpec *pspec,
          Fixture    *f)
{
  g_ptr_array_add (f->states,
                   g_strdup (cb_slurm_job_state_to_string (cb_slurm_job_get_state (job))));
}

static void
submit (Fixture    *f,
        const char *script)
{
  f->done = FALSE;
  cb_slurm_tracker_submit_async (f->tracker, script, f->project, NULL, on_submitted, f);
  cb_test_wait_until (f->done, WAIT_SECONDS);
  g_assert_no_error (f->error);
  g_assert_nonnull (f->job);
  g_signal_connect (f->job, "notify::state", G_CALLBACK (on_state), f);
}

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  cb_slurm_tracker_cancel_finish (CB_SLURM_TRACKER (source), result, &f->error);
  f->done = TRUE;
}

static void
cancel (Fixture    *f,
        CbSlurmJob *job)
{
  f->done = FALSE;
  cb_slurm_tracker_cancel_async (f->tracker, job, NULL, on_cancelled, f);
  cb_test_wait_until (f->done, WAIT_SECONDS);
  g_assert_no_error (f->error);
}

static void
on_lines (CbFileFollower *follower,
          GPtrArray      *batch,
          Fixture        *f)
{
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (f->lines, g_strdup (((CbRunLine *)g_ptr_array_index (batch, i))->text));
}

static void
on_log_finished (CbFileFollower *follower,
                 Fixture        *f)
{
  f->log_finished = TRUE;
}

static CbFileFollower *
follow (Fixture    *f,
        const char *log)
{
  CbFileFollower *follower = cb_file_follower_new (log);

  cb_file_follower_set_poll_interval (follower, 200);
  g_signal_connect (follower, "output", G_CALLBACK (on_lines), f);
  g_signal_connect (follower, "finished", G_CALLBACK (on_log_finished), f);
  cb_file_follower_start (follower);

  return follower;
}

static gboolean
has_line (Fixture    *f,
          const char *prefix)
{
  for (guint i = 0; i < f->lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (f->lines, i), prefix))
      return TRUE;
  return FALSE;
}

static gboolean
saw_state (Fixture    *f,
           const char *state)
{
  return g_ptr_array_find_with_equal_func (f->states, state, g_str_equal, NULL);
}

static void
release (CbSlurmJob *job)
{
  const char *argv[] = { "scontrol", "release", cb_slurm_job_get_id (job), NULL };

  g_assert_cmpint (cb_test_run (argv, NULL, NULL, NULL), ==, 0);
}

static char *
status (CbSlurmJob *job)
{
  return cb_slurm_job_get_status_text (job);
}

/* The cluster's partitions, read off it */

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  cb_slurm_cluster_refresh_finish (CB_SLURM_CLUSTER (source), result, &f->error);
  f->done = TRUE;
}

static void
test_cluster_info (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CbSlurmCluster) cluster = NULL;
  g_autoptr(CbSlurmResources) resources = cb_slurm_resources_new ();
  const CbSlurmPartition *debug;
  const CbSlurmPartition *shortp;
  g_autofree char *problem = NULL;
  g_autofree char *nproc = NULL;
  const char *nproc_argv[] = { "nproc", NULL };

  CB_TEST_SLURM_REQUIRE (skip_reason);

  cluster = cb_slurm_cluster_new ();
  g_assert_false (cb_slurm_cluster_is_loaded (cluster));
  cb_slurm_cluster_refresh_async (cluster, NULL, on_refreshed, f);
  /* A second refresh asked for meanwhile joins the first */
  cb_slurm_cluster_refresh_async (cluster, NULL, NULL, NULL);
  g_assert_true (cb_slurm_cluster_is_loading (cluster));
  cb_test_wait_until (f->done, WAIT_SECONDS);
  g_assert_no_error (f->error);
  g_assert_true (cb_slurm_cluster_is_loaded (cluster));
  g_assert_false (cb_slurm_cluster_is_loading (cluster));
  g_assert_null (cb_slurm_cluster_get_error (cluster));

  g_assert_cmpstr (cb_slurm_cluster_get_name (cluster), ==, "cbtest");
  g_assert_false (cb_slurm_cluster_has_accounting (cluster));
  g_assert_null (cb_slurm_cluster_get_accounts (cluster));
  g_assert_cmpuint (cb_slurm_cluster_get_partitions (cluster)->len, ==, 2);

  debug = cb_slurm_cluster_get_default_partition (cluster);
  g_assert_nonnull (debug);
  g_assert_cmpstr (debug->name, ==, "debug");
  g_assert_cmpuint (debug->max_time, ==, 30);
  /* This host, as it is */
  cb_test_run (nproc_argv, NULL, &nproc, NULL);
  g_assert_cmpuint (debug->cpus_per_node, ==, g_ascii_strtoull (nproc, NULL, 10));
  g_assert_cmpuint (debug->mem_per_node, >, 0);
  g_assert_cmpuint (debug->gpus_per_node, ==, 2);
  g_assert_nonnull (cb_slurm_partition_find_gpu (debug, "fake"));

  shortp = cb_slurm_cluster_lookup_partition (cluster, "short");
  g_assert_nonnull (shortp);
  g_assert_cmpuint (shortp->max_time, ==, 1);

  /* Its limits bound a job's resources, each message naming its field */
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_PARTITION, "short", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_TIME, "2:00:00", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_GPUS, "3", NULL));
  problem = cb_slurm_cluster_check_field (cluster, resources, CB_SLURM_FIELD_TIME);
  g_assert_cmpstr (problem, ==,
                   "Time limit: 2 hours is more than partition “short” allows (1 minute).");
  g_clear_pointer (&problem, g_free);
  problem = cb_slurm_cluster_check_field (cluster, resources, CB_SLURM_FIELD_GPUS);
  g_assert_cmpstr (problem, ==, "GPUs per node: nodes of partition “short” have at most 2 GPUs.");
  g_clear_pointer (&problem, g_free);
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_PARTITION, "gpu", NULL));
  problem = cb_slurm_cluster_check_field (cluster, resources, CB_SLURM_FIELD_PARTITION);
  g_assert_cmpstr (problem, ==,
                   "Partition: the cluster has no partition “gpu”; it has debug, short.");
}

/* A job from submission to its end: pending, running, completed */

static void
test_submit_and_follow (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *go_path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected_log = NULL;
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  const char *hostname_argv[] = { "hostname", "-s", NULL };
  g_autoptr(CbFileFollower) follower = NULL;
  guint64 id;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  write_runner (f);
  go_path = go_file (f, "go");
  {
    const char *argv[] = { "./runner.sh", "with spaces 'and quotes'", go_path, NULL };

    /* Held at first, so that it is seen pending */
    script = make_script (f, argv,
                          "slurm:\n  defaults: {job_name: follow me, time: 5, extra: [--hold]}\n");
  }
  submit (f, script);

  /* The id at once, as sbatch --parsable gave it */
  g_assert_true (g_ascii_string_to_unsigned (cb_slurm_job_get_id (f->job), 10, 1, G_MAXUINT32, &id, NULL));
  g_assert_true (cb_slurm_tracker_lookup (f->tracker, cb_slurm_job_get_id (f->job)) == f->job);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->tracker)), ==, 1);

  /* The log is where the project says, and its folder was made */
  log = cb_slurm_job_get_output_path (f->job);
  expected_log = g_strdup_printf ("%s/outputs/.cmdbuilder/jobs/%s.log", f->project,
                                  cb_slurm_job_get_id (f->job));
  g_assert_cmpstr (log, ==, expected_log);
  follower = follow (f, log);

  cb_test_wait_until (cb_slurm_job_get_state (f->job) == CB_SLURM_JOB_PENDING, WAIT_SECONDS);
  g_assert_cmpstr (cb_slurm_job_get_reason (f->job), ==, "JobHeldUser");
  text = status (f->job);
  g_assert_cmpstr (text, ==, "Pending: held by its user");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (cb_slurm_job_get_name (f->job), ==, "follow me");

  release (f->job);

  /* Running on this host; its output followed as it is written */
  cb_test_wait_until (cb_slurm_job_get_state (f->job) == CB_SLURM_JOB_RUNNING, WAIT_SECONDS);
  cb_test_run (hostname_argv, NULL, &host, NULL);
  g_strstrip (host);
  g_assert_cmpstr (cb_slurm_job_get_nodes (f->job), ==, host);
  text = status (f->job);
  g_assert_true (g_str_has_prefix (text, "Running on "));
  cb_test_wait_until (has_line (f, "Epoch 1/2"), WAIT_SECONDS);
  g_assert_false (has_line (f, "Epoch 2/2"));
  {
    g_autofree char *first = g_strdup_printf ("start with spaces 'and quotes' on %s in %s", host,
                                              f->project);

    g_assert_cmpstr (g_ptr_array_index (f->lines, 0), ==, first);
  }
  g_assert_cmpfloat (cb_file_follower_get_progress (follower), ==, 0.5);

  go (f, "go");
  cb_test_wait_until (has_line (f, "Epoch 2/2"), WAIT_SECONDS);
  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_COMPLETED);
  g_assert_cmpint (cb_slurm_job_get_exit_code (f->job), ==, 0);
  g_assert_cmpuint (f->finished->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->finished, 0) == f->job);

  /* The states in order, each once */
  g_assert_cmpstr (g_ptr_array_index (f->states, 0), ==, "PENDING");
  g_assert_cmpstr (g_ptr_array_index (f->states, 1), ==, "RUNNING");
  g_assert_cmpstr (g_ptr_array_index (f->states, f->states->len - 1), ==, "COMPLETED");
  g_assert_false (saw_state (f, "FAILED"));

  /* The job ended: the rest of its log, the last line without newline */
  cb_file_follower_finish (follower);
  cb_test_wait_until (f->log_finished, WAIT_SECONDS);
  g_assert_cmpstr (g_ptr_array_index (f->lines, f->lines->len - 1), ==,
                   "the end without a newline");
  g_assert_cmpfloat (cb_file_follower_get_progress (follower), ==, 1.0);
}

static void
test_exit_code (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *go_path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  write_runner (f);
  go (f, "go");
  go_path = go_file (f, "go");
  {
    const char *argv[] = { "./runner.sh", "x", go_path, "3", NULL };

    script = make_script (f, argv, NULL);
  }
  submit (f, script);

  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_FAILED);
  g_assert_cmpint (cb_slurm_job_get_exit_code (f->job), ==, 3);
  text = status (f->job);
  g_assert_cmpstr (text, ==, "Failed with exit code 3");
  g_assert_cmpuint (f->finished->len, ==, 1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *go_path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CbSlurmJob) running = NULL;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  write_runner (f);
  go_path = go_file (f, "never");
  {
    const char *argv[] = { "./runner.sh", "x", go_path, NULL };

    script = make_script (f, argv, NULL);
  }

  /* A running job */
  submit (f, script);
  running = g_steal_pointer (&f->job);
  cb_test_wait_until (cb_slurm_job_get_state (running) == CB_SLURM_JOB_RUNNING, WAIT_SECONDS);
  cancel (f, running);
  cb_test_wait_until (cb_slurm_job_has_end_details (running), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (running), ==, CB_SLURM_JOB_CANCELLED);
  text = status (running);
  g_assert_cmpstr (text, ==, "Cancelled");
  g_clear_pointer (&text, g_free);

  /* A pending one */
  g_ptr_array_set_size (f->states, 0);
  {
    g_autofree char *held = g_strconcat ("#!/bin/bash\n#SBATCH --hold\n",
                                         strchr (script, '\n') + 1, NULL);

    submit (f, held);
  }
  cb_test_wait_until (cb_slurm_job_get_state (f->job) == CB_SLURM_JOB_PENDING, WAIT_SECONDS);
  cancel (f, f->job);
  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_CANCELLED);
  g_assert_false (saw_state (f, "RUNNING"));
  g_assert_cmpuint (f->finished->len, ==, 2);
}

/* A sweep: one array job, a task a command, each with its state and log */

static void
test_array (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *go_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSlurmScript) script = NULL;
  g_autoptr(GPtrArray) argvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autofree char *outputs = g_build_filename (f->project, "outputs", NULL);
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CbSlurmConfig) config = cb_slurm_config_new ();
  GPtrArray *tasks;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  write_runner (f);
  go (f, "go");
  go_path = go_file (f, "go");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("task%u", i);
      const char *argv[] = { "./runner.sh", name, go_path, i == 1 ? "4" : "0", NULL };

      g_ptr_array_add (argvs, g_strdupv ((char **)argv));
    }
  {
    const char *argv[] = { "./runner.sh", NULL };

    script = cb_slurm_script_new (argv, f->project);
  }
  cb_slurm_script_set_array (script, argvs, 1);
  output = cb_slurm_config_resolve_output (config, f->project, outputs);
  cb_slurm_script_set_output (script, output);
  text = cb_slurm_script_to_text (script, &error);
  g_assert_no_error (error);

  submit (f, text);
  g_assert_true (cb_slurm_job_is_array (f->job));
  tasks = cb_slurm_job_get_tasks (f->job);
  g_assert_cmpuint (tasks->len, ==, 3);

  /* One at a time (%1): the others wait for it */
  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
  g_assert_true (saw_state (f, "PENDING") || saw_state (f, "RUNNING"));
  g_assert_cmpint (cb_slurm_job_get_state (g_ptr_array_index (tasks, 0)), ==,
                   CB_SLURM_JOB_COMPLETED);
  g_assert_cmpint (cb_slurm_job_get_state (g_ptr_array_index (tasks, 1)), ==, CB_SLURM_JOB_FAILED);
  g_assert_cmpint (cb_slurm_job_get_exit_code (g_ptr_array_index (tasks, 1)), ==, 4);
  g_assert_cmpint (cb_slurm_job_get_state (g_ptr_array_index (tasks, 2)), ==,
                   CB_SLURM_JOB_COMPLETED);
  g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_FAILED);
  g_clear_pointer (&text, g_free);
  text = status (f->job);
  g_assert_cmpstr (text, ==, "Failed with exit code 4 (3 of 3 tasks finished)");
  g_assert_cmpuint (f->finished->len, ==, 1);

  /* Each task wrote its own log, named by the array and the task */
  for (guint i = 0; i < tasks->len; i++)
    {
      CbSlurmJob *task = g_ptr_array_index (tasks, i);
      g_autofree char *log = cb_slurm_job_get_output_path (task);
      g_autofree char *expected = g_strdup_printf ("%s/.cmdbuilder/jobs/%s_%u.log", outputs,
                                                   cb_slurm_job_get_id (f->job), i);
      g_autofree char *contents = NULL;
      g_autofree char *first = g_strdup_printf ("start task%u ", i);

      g_assert_cmpstr (log, ==, expected);
      g_file_get_contents (log, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (contents, first));
    }
}

static void
on_array_changed (CbSlurmJob *job,
                  Fixture    *f)
{
  GPtrArray *tasks = cb_slurm_job_get_tasks (job);
  GString *states = g_string_new (NULL);

  for (guint i = 0; i < tasks->len; i++)
    g_string_append_printf (states, "%s%s", i ? "," : "",
                            cb_slurm_job_state_to_string (cb_slurm_job_get_state (g_ptr_array_index (tasks, i))));
  if (f->states->len == 0 || strcmp (g_ptr_array_index (f->states, f->states->len - 1), states->str) != 0)
    g_ptr_array_add (f->states, g_string_free (states, FALSE));
  else
    g_string_free (states, TRUE);
}

static void
test_array_task_states (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  GPtrArray *tasks;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  write_runner (f);
  {
    g_autofree char *go0 = go_file (f, "go0");
    g_autofree char *go1 = go_file (f, "go1");
    g_autoptr(GPtrArray) argvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    g_autoptr(CbSlurmScript) built = NULL;
    const char *argv0[] = { "./runner.sh", "a", go0, NULL };
    const char *argv1[] = { "./runner.sh", "b", go1, NULL };

    g_ptr_array_add (argvs, g_strdupv ((char **)argv0));
    g_ptr_array_add (argvs, g_strdupv ((char **)argv1));
    built = cb_slurm_script_new (argv0, f->project);
    cb_slurm_script_set_array (built, argvs, 1);
    script = cb_slurm_script_to_text (built, NULL);
  }
  submit (f, script);
  g_signal_connect (f->job, "changed", G_CALLBACK (on_array_changed), f);
  tasks = cb_slurm_job_get_tasks (f->job);

  /* Task 0 runs while task 1 waits for it */
  cb_test_wait_until (cb_slurm_job_get_state (g_ptr_array_index (tasks, 0)) == CB_SLURM_JOB_RUNNING, WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (g_ptr_array_index (tasks, 1)), ==, CB_SLURM_JOB_PENDING);
  text = status (g_ptr_array_index (tasks, 1));
  g_assert_cmpstr (text, ==, "Pending: waiting for other tasks of the array");
  g_clear_pointer (&text, g_free);
  text = status (f->job);
  g_assert_true (g_str_has_prefix (text, "Running on "));
  g_assert_true (g_str_has_suffix (text, " (0 of 2 tasks finished)"));

  go (f, "go0");
  cb_test_wait_until (cb_slurm_job_get_state (g_ptr_array_index (tasks, 1)) == CB_SLURM_JOB_RUNNING, WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (g_ptr_array_index (tasks, 0)), ==,
                   CB_SLURM_JOB_COMPLETED);

  go (f, "go1");
  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_COMPLETED);
  g_assert_true (g_ptr_array_find_with_equal_func (f->states, "RUNNING,PENDING", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (f->states, "COMPLETED,RUNNING", g_str_equal, NULL));
  g_assert_cmpstr (g_ptr_array_index (f->states, f->states->len - 1), ==, "COMPLETED,COMPLETED");
}

/* What sbatch refuses, it says why */

static void
test_sbatch_errors (Fixture       *f,
                    gconstpointer  data)
{
  const char *argv[] = { "true", NULL };
  g_autofree char *bad_partition = NULL;
  g_autofree char *too_long = NULL;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  bad_partition = make_script (f, argv, "slurm: {defaults: {partition: nope}}\n");
  f->done = FALSE;
  cb_slurm_tracker_submit_async (f->tracker, bad_partition, f->project, NULL, on_submitted, f);
  cb_test_wait_until (f->done, WAIT_SECONDS);
  g_assert_null (f->job);
  g_assert_error (f->error, CB_ERROR, CB_ERROR_IO);
  g_test_message ("%s", f->error->message);
  g_assert_true (g_str_has_prefix (f->error->message, "“sbatch” failed: "));
  g_assert_nonnull (strstr (f->error->message, "Invalid partition name specified"));
  g_clear_error (&f->error);

  /* Over the partition's time limit: sbatch takes it (EnforcePartLimits
   * is off by default), and the job waits for ever, saying why; hence the
   * check against the partition before submitting
   */
  too_long = make_script (f, argv, "slurm: {defaults: {partition: short, time: 10}}\n");
  submit (f, too_long);
  /* First PartitionConfig, then, once the scheduler has looked at it, the
   * precise reason
   */
  cb_test_wait_until (g_strcmp0 (cb_slurm_job_get_reason (f->job), "PartitionTimeLimit") == 0,
                      WAIT_SECONDS);
  {
    g_autofree char *text = status (f->job);

    g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_PENDING);
    g_assert_cmpstr (text, ==, "Pending: it asks for more time than the partition allows");
  }
  cancel (f, f->job);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->tracker)), ==, 1);
}

/* A job the cluster does not know, as one from an old history entry */

static void
test_lost (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CbSlurmJob) job = cb_slurm_job_new ("4000000000", NULL);
  g_autofree char *text = NULL;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  cb_slurm_tracker_track (f->tracker, job);
  cb_test_wait_until (cb_slurm_job_has_end_details (job), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_LOST);
  text = status (job);
  g_assert_cmpstr (text, ==, "Ended; the cluster no longer knows how (it keeps no accounting)");
  g_assert_cmpuint (f->finished->len, ==, 1);
  g_assert_null (cb_slurm_tracker_get_error (f->tracker));
}

/* The app restarted: a new tracker picks up a job still running */

static void
test_pick_up (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *go_path = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GVariant) record = NULL;
  g_autoptr(CbSlurmJob) again = NULL;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  write_runner (f);
  go_path = go_file (f, "go");
  {
    const char *argv[] = { "./runner.sh", "x", go_path, NULL };

    script = make_script (f, argv, NULL);
  }
  submit (f, script);
  cb_test_wait_until (cb_slurm_job_get_state (f->job) == CB_SLURM_JOB_RUNNING, WAIT_SECONDS);

  /* What the history keeps; the app closes (the job goes on) */
  record = cb_slurm_job_to_variant (f->job);
  g_clear_object (&f->job);
  g_clear_object (&f->tracker);

  /* and starts again */
  f->tracker = cb_slurm_tracker_new ();
  cb_slurm_tracker_set_poll_interval (f->tracker, 200, 1000);
  again = cb_slurm_job_new_from_variant (record, NULL);
  g_assert_nonnull (again);
  g_assert_false (cb_slurm_job_is_finished (again));
  cb_slurm_tracker_track (f->tracker, again);
  cb_test_wait_until (cb_slurm_job_get_state (again) == CB_SLURM_JOB_RUNNING, WAIT_SECONDS);

  go (f, "go");
  cb_test_wait_until (cb_slurm_job_has_end_details (again), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (again), ==, CB_SLURM_JOB_COMPLETED);
  {
    g_autofree char *log = cb_slurm_job_get_output_path (again);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "Epoch 2/2"));
  }
}

/* Nothing changes: squeue is asked less and less often */

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  const char *argv[] = { "true", NULL };
  g_autofree char *script = NULL;
  guint polls;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  script = make_script (f, argv, "slurm: {defaults: {extra: [--hold]}}\n");
  submit (f, script);
  cb_test_wait_until (cb_slurm_job_get_state (f->job) == CB_SLURM_JOB_PENDING, WAIT_SECONDS);

  cb_test_wait_until (cb_slurm_tracker_get_poll_interval (f->tracker) == 1000, WAIT_SECONDS);
  polls = cb_slurm_tracker_get_n_polls (f->tracker);
  /* 200, 400, 800, 1000 ms: a handful of calls, not one every 200 ms */
  g_assert_cmpuint (polls, <=, 6);

  /* A change (here, a cancel) brings the quick interval back */
  cancel (f, f->job);
  g_assert_cmpuint (cb_slurm_tracker_get_poll_interval (f->tracker), ==, 200);
  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
  g_assert_cmpint (cb_slurm_job_get_state (f->job), ==, CB_SLURM_JOB_CANCELLED);

  /* Polling stops when every job has ended */
  polls = cb_slurm_tracker_get_n_polls (f->tracker);
  {
    gboolean waited = FALSE;
    guint id = g_timeout_add (1500, cb_test_flag_timeout, &waited);

    while (!waited)
      g_main_context_iteration (NULL, TRUE);
    (void)id;
  }
  g_assert_cmpuint (cb_slurm_tracker_get_n_polls (f->tracker), ==, polls);
}

/* A job just submitted is asked after every second, not at the usual
 * interval, so that a short job is seen running before it ends */

static void
test_fresh (Fixture       *f,
            gconstpointer  data)
{
  const char *argv[] = { "true", NULL };
  g_autofree char *script = NULL;
  guint polls;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  cb_slurm_tracker_set_poll_interval (f->tracker, 5000, 60000);
  script = make_script (f, argv, "slurm: {defaults: {extra: [--hold]}}\n");
  submit (f, script);
  cb_test_wait_until (cb_slurm_job_get_state (f->job) == CB_SLURM_JOB_PENDING, WAIT_SECONDS);
  polls = cb_slurm_tracker_get_n_polls (f->tracker);
  cb_test_wait_until (cb_slurm_tracker_get_n_polls (f->tracker) > polls, WAIT_SECONDS);
  g_assert_cmpuint (cb_slurm_tracker_get_poll_interval (f->tracker), ==, 1000);

  cancel (f, f->job);
  cb_test_wait_until (cb_slurm_job_has_end_details (f->job), WAIT_SECONDS);
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

  g_test_add ("/slurm-cluster/info", Fixture, NULL, fixture_set_up, test_cluster_info,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/submit-and-follow", Fixture, NULL, fixture_set_up,
              test_submit_and_follow,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/exit-code", Fixture, NULL, fixture_set_up, test_exit_code,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/array", Fixture, NULL, fixture_set_up, test_array, fixture_tear_down);
  g_test_add ("/slurm-cluster/array-task-states", Fixture, NULL, fixture_set_up,
              test_array_task_states,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/sbatch-errors", Fixture, NULL, fixture_set_up, test_sbatch_errors,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/lost", Fixture, NULL, fixture_set_up, test_lost, fixture_tear_down);
  g_test_add ("/slurm-cluster/pick-up", Fixture, NULL, fixture_set_up, test_pick_up,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/fresh", Fixture, NULL, fixture_set_up, test_fresh,
              fixture_tear_down);
  g_test_add ("/slurm-cluster/backoff", Fixture, NULL, fixture_set_up, test_backoff,
              fixture_tear_down);

  status = g_test_run ();

  cb_test_slurm_stop (cluster);
  g_free (skip_reason);

  return status;
}
