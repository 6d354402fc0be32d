/* test-slurm-session.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-checkpoint-model.h"
#include "cb-cli.h"
#include "cb-error.h"
#include "cb-session-jobs.h"
#include "cb-sweep.h"
#include "cb-test-slurm.h"
#include "cb-test-util.h"

/* The demo's Train page submitted to a real one-node Slurm cluster
 * (tests/slurm-cluster): through the session as the window does, and
 * headless. Its job's log followed as it is written, its progress, the
 * checkpoints it writes in the project's checkpoint model and offered to
 * the Test page, scancel, the session closed and opened again while the
 * job runs, and a sweep as a job array.
 */

#define wait_until(cond) cb_test_wait_until (cond, 90)

static char *skip_reason;

typedef struct
{
  char      *dir;
  CbSession *session;
  guint      train;
  guint      test;
  GPtrArray *lines;     /* the texts of the job's output */
  GPtrArray *finished;  /* CbJobRun */
  char      *out;
  char      *err;
} Fixture;

static void
on_job_finished (CbSession *session,
                 CbJobRun  *run,
                 Fixture   *f)
{
  g_ptr_array_add (f->finished, g_object_ref (run));
}

static CbSession *
open_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->session = cb_session_new (f->dir, CB_SESSION_STORE_VALUES | CB_SESSION_WATCH |
                                       CB_SESSION_TRACK_JOBS);
  /* Before the load, which follows the history's jobs again */
  cb_slurm_tracker_set_poll_interval (cb_session_get_tracker (f->session), 200, 1000);
  g_signal_connect (f->session, "job-finished", G_CALLBACK (on_job_finished), f);
  g_assert_true (cb_session_load (f->session, &error));
  g_assert_no_error (error);
  f->train = cb_session_find_schema (f->session, "train");
  f->test = cb_session_find_schema (f->session, "test");
  return f->session;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("CB_TEST_DEMO_DATA_DIR"), "cmdbuilder",
                                            "demo", ".", NULL);
  const char *argv[] = { "cp", "-r", demo, NULL, NULL };

  f->lines = g_ptr_array_new_with_free_func (g_free);
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);
  if (skip_reason != NULL)
    return;

  f->dir = cb_test_make_tempdir ();
  argv[3] = f->dir;
  g_assert_cmpint (cb_test_run (argv, NULL, NULL, NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->finished);
  if (f->session != NULL)
    g_assert_finalize_object (f->session);
  g_ptr_array_unref (f->lines);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->err);
}

static void
on_output (CbJobRun  *run,
           GPtrArray *lines,
           Fixture   *f)
{
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (f->lines, g_strdup (((CbRunLine *)g_ptr_array_index (lines, i))->text));
}

static gboolean
saw_line (Fixture    *f,
          const char *start)
{
  for (guint i = 0; i < f->lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (f->lines, i), start))
      return TRUE;
  return FALSE;
}

/* The Train page as a Slurm page: its own experiment folder, and as many
 * epochs as the test needs
 */
static CbSlurmForm *
set_up_train (Fixture    *f,
              const char *exp_name,
              gint64      epochs)
{
  CbForm *form = cb_session_get_form (f->session, f->train);
  CbSlurmForm *slurm = cb_session_get_slurm_form (f->session, f->train);

  cb_form_set_value (form, "exp_name", g_variant_new_string (exp_name));
  cb_form_set_value (form, "append_model_to_name", g_variant_new_boolean (FALSE));
  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (epochs));
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  g_assert_false (cb_form_has_errors (form));
  return slurm;
}

static CbJobRun *
submit (Fixture *f,
        GError **error)
{
  return cb_test_slurm_submit (f->session, f->train, error);
}

static CbSlurmJobState
state_of (CbJobRun *run)
{
  return cb_slurm_job_get_state (cb_job_run_get_job (run));
}

static gboolean
model_has_prefix (GListModel *model,
                  const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CbCheckpoint) checkpoint = g_list_model_get_item (model, i);

      if (g_str_has_prefix (cb_checkpoint_get_path (checkpoint), prefix))
        return TRUE;
    }
  return FALSE;
}

static CbHistoryRecord *
history_record (CbSession  *session,
                const char *id,
                guint      *count)
{
  GListModel *history = G_LIST_MODEL (cb_session_get_history (session));
  CbHistoryRecord *found = NULL;

  *count = 0;
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (history, i);

      if (g_strcmp0 (cb_history_record_get_job_id (record), id) == 0)
        {
          (*count)++;
          g_set_object (&found, record);
        }
    }
  return found;
}

/* The cluster's limits are the form's: a time limit over the partition's
 * is an error that names the resource, and nothing is submitted
 */
static void
check_cluster_limits (Fixture     *f,
                      CbSlurmForm *slurm)
{
  g_autoptr(GError) error = NULL;
  CbSlurmCluster *cluster = cb_session_get_cluster (f->session);

  wait_until (cb_slurm_cluster_is_loaded (cluster));
  g_assert_false (cb_slurm_form_has_errors (slurm));

  g_assert_true (cb_slurm_form_set_resource (slurm, CB_SLURM_FIELD_TIME, "100", NULL));
  g_assert_cmpstr (cb_slurm_form_get_resource_message (slurm, CB_SLURM_FIELD_TIME), ==,
                   "Time limit: 1 hour 40 minutes is more than partition “debug” allows "
                   "(30 minutes).");
  g_assert_null (submit (f, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_assert_cmpuint (g_list_model_get_n_items (cb_session_get_jobs (f->session)), ==, 0);
  g_assert_true (cb_slurm_form_set_resource (slurm, CB_SLURM_FIELD_TIME, NULL, NULL));
  g_assert_false (cb_slurm_form_has_errors (slurm));
}

/* The cluster is read once a page runs on Slurm, not before: a page that
 * runs here runs no Slurm command
 */
static void
test_read_when_slurm (Fixture       *f,
                      gconstpointer  data)
{
  CbSlurmForm *slurm;
  CbSlurmCluster *cluster;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  open_session (f);
  slurm = cb_session_get_slurm_form (f->session, f->train);
  cluster = cb_slurm_form_get_cluster (slurm);
  g_assert_nonnull (cluster);
  g_assert_cmpint (cb_slurm_form_get_target (slurm), ==, CB_RUN_TARGET_LOCAL);
  g_assert_false (cb_slurm_cluster_is_loading (cluster));
  /* nor a form value that changes */
  cb_form_set_value (cb_session_get_form (f->session, f->train), "max_epochs",
                     g_variant_new_int64 (3));
  g_assert_false (cb_slurm_cluster_is_loading (cluster));
  g_assert_false (cb_slurm_cluster_is_loaded (cluster));

  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  g_assert_true (cb_slurm_cluster_is_loading (cluster));
  wait_until (cb_slurm_cluster_is_loaded (cluster));
  g_assert_cmpuint (cb_slurm_cluster_get_partitions (cluster)->len, >, 0);
}

/* A read that fails is not tried again and again: it changes the form,
 * which is not a switch to Slurm
 */
static void
test_read_failed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *conf = g_strdup (g_getenv ("SLURM_CONF"));
  g_autofree char *empty = NULL;
  CbSlurmForm *slurm;
  CbSlurmCluster *cluster;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  /* The Slurm commands end at once, unable to read their configuration */
  empty = cb_test_write (f->dir, "empty-slurm.conf", "");
  g_setenv ("SLURM_CONF", empty, TRUE);
  open_session (f);
  slurm = cb_session_get_slurm_form (f->session, f->train);
  cluster = cb_slurm_form_get_cluster (slurm);
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  g_assert_true (cb_slurm_cluster_is_loading (cluster));
  wait_until (!cb_slurm_cluster_is_loading (cluster));
  g_assert_false (cb_slurm_cluster_is_loaded (cluster));
  g_assert_nonnull (cb_slurm_cluster_get_error (cluster));
  /* a change of the form, then a switch away and back: read again */
  cb_form_set_value (cb_session_get_form (f->session, f->train), "max_epochs",
                     g_variant_new_int64 (3));
  g_assert_false (cb_slurm_cluster_is_loading (cluster));
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_LOCAL);
  g_assert_false (cb_slurm_cluster_is_loading (cluster));
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  g_assert_true (cb_slurm_cluster_is_loading (cluster));
  wait_until (!cb_slurm_cluster_is_loading (cluster));

  if (conf != NULL)
    g_setenv ("SLURM_CONF", conf, TRUE);
  else
    g_unsetenv ("SLURM_CONF");
}

/* Submitted, followed live, cancelled; then ready to go again from the
 * newest checkpoint it wrote
 */
static void
test_follow_and_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) run = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autofree char *checkpoint = NULL;
  g_autofree char *summary = NULL;
  CbSlurmForm *slurm;
  GListModel *checkpoints;
  CbForm *form;
  guint count;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  open_session (f);
  slurm = set_up_train (f, "live", 60);
  check_cluster_limits (f, slurm);

  run = submit (f, &error);
  g_assert_no_error (error);
  g_assert_true (cb_session_get_job (f->session, f->train) == run);
  g_assert_true (cb_session_get_execution (f->session, f->train) == CB_EXECUTION (run));
  g_signal_connect (run, "output", G_CALLBACK (on_output), f);

  /* In the history at once, not ended */
  record = history_record (f->session, cb_job_run_get_id (run), &count);
  g_assert_nonnull (record);
  g_assert_cmpint (cb_history_record_get_state (record), ==, CB_RUN_STATE_RUNNING);
  g_clear_object (&record);

  /* Its log, as the job writes it: a checkpoint is saved while it runs */
  wait_until (saw_line (f, "Saved checkpoint outputs/live/checkpoints/epoch=00-"));
  g_assert_cmpint (state_of (run), ==, CB_SLURM_JOB_RUNNING);
  g_assert_true (cb_execution_is_running (CB_EXECUTION (run)));
  {
    g_autoptr(GPtrArray) kept = cb_execution_get_lines (CB_EXECUTION (run));
    CbRunLine *first = g_ptr_array_index (kept, 0);

    /* The app's own note comes first, before the job's output */
    g_assert_true (g_str_has_prefix (first->text, "Submitted as job "));
    g_assert_true (first->flags & CB_RUN_LINE_NOTE);
  }
  g_assert_true (saw_line (f, "Command Builder demo runner: train"));
  wait_until (cb_execution_get_progress (CB_EXECUTION (run)) >= 0);
  g_assert_nonnull (cb_execution_get_progress_text (CB_EXECUTION (run)));
  g_assert_true (g_str_has_suffix (cb_execution_get_log_path (CB_EXECUTION (run)), ".log"));

  /* ... and in the project's checkpoints */
  checkpoints = cb_project_get_source (cb_session_get_project (f->session), "checkpoints");
  wait_until (model_has_prefix (checkpoints, "outputs/live/checkpoints/"));

  /* Stop is scancel */
  cb_execution_stop (CB_EXECUTION (run));
  wait_until (cb_job_run_is_finished (run));
  g_assert_cmpint (state_of (run), ==, CB_SLURM_JOB_CANCELLED);
  g_assert_cmpint (cb_execution_get_state (CB_EXECUTION (run)), ==, CB_RUN_STATE_STOPPED);
  g_assert_cmpuint (f->finished->len, ==, 1);
  record = history_record (f->session, cb_job_run_get_id (run), &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (cb_history_record_get_state (record), ==, CB_RUN_STATE_STOPPED);
  summary = cb_history_record_get_summary (record);
  g_assert_true (g_str_has_suffix (summary, ": Cancelled"));

  /* Resubmitted from the newest checkpoint it wrote */
  g_assert_true (cb_job_run_can_resubmit (run));
  checkpoint = cb_session_find_resume_checkpoint (f->session, run);
  g_assert_nonnull (checkpoint);
  g_assert_true (g_str_has_prefix (checkpoint, "outputs/live/checkpoints/epoch="));
  g_assert_true (cb_session_prepare_resubmit (f->session, run, NULL, &error));
  g_assert_no_error (error);
  form = cb_session_get_form (f->session, f->train);
  g_assert_cmpstr (cb_test_form_string (form, "resume_checkpoint"), ==, checkpoint);
  g_assert_cmpint (cb_slurm_form_get_target (slurm), ==, CB_RUN_TARGET_SLURM);
  {
    /* Hydra reads `=` in a value only quoted */
    g_autofree char *override = g_strdup_printf (" 'resume=\"%s\"' ", checkpoint);

    g_assert_nonnull (strstr (cb_slurm_form_get_script (slurm), override));
    g_assert_nonnull (strstr (cb_slurm_form_get_script (slurm), " exp_name=live "));
  }
}

/* A job that completed: its checkpoint goes to the Test page, as a
 * train run's does
 */
static void
test_completed_offered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) run = NULL;
  CbForm *test;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  open_session (f);
  set_up_train (f, "done", 2);
  test = cb_session_get_form (f->session, f->test);
  g_assert_cmpstr (cb_test_form_string (test, "checkpoint"), ==, "");

  /* The demo's runner skips its pauses; the job has the environment */
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  run = submit (f, &error);
  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  g_assert_no_error (error);

  wait_until (f->finished->len == 1);
  g_assert_true (g_ptr_array_index (f->finished, 0) == run);
  g_assert_cmpint (cb_execution_get_state (CB_EXECUTION (run)), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpint (cb_slurm_job_get_exit_code (cb_job_run_get_job (run)), ==, 0);
  g_assert_cmpint (cb_slurm_job_get_start_time (cb_job_run_get_job (run)), >, 0);
  g_assert_false (cb_job_run_can_resubmit (run));

  wait_until (g_str_has_prefix (cb_test_form_string (test, "checkpoint"),
                                "outputs/done/checkpoints/epoch=01-"));
}

/* Closing the session cancels nothing; the next one follows the job
 * again, its log from the start
 */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) run = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autofree char *id = NULL;
  GListModel *jobs;
  guint count;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  open_session (f);
  set_up_train (f, "again", 60);
  run = submit (f, &error);
  g_assert_no_error (error);
  id = g_strdup (cb_job_run_get_id (run));
  g_signal_connect (run, "output", G_CALLBACK (on_output), f);
  wait_until (saw_line (f, "Epoch 1/60"));

  g_signal_handlers_disconnect_by_data (run, f);
  g_clear_object (&run);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_ptr_array_set_size (f->lines, 0);

  open_session (f);
  jobs = cb_session_get_jobs (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  run = g_list_model_get_item (jobs, 0);
  g_assert_cmpstr (cb_job_run_get_id (run), ==, id);
  /* Followed again: the cluster is read, to know whether it keeps
   * accounting, though no page has asked for its Slurm side */
  g_assert_true (cb_slurm_cluster_is_loading (cb_session_get_cluster (f->session)) ||
                 cb_slurm_cluster_is_loaded (cb_session_get_cluster (f->session)));
  g_assert_true (cb_session_get_job (f->session, f->train) == run);
  g_assert_true (cb_session_get_execution (f->session, f->train) == CB_EXECUTION (run));

  /* Still running, its whole log read again and followed */
  g_signal_connect (run, "output", G_CALLBACK (on_output), f);
  wait_until (state_of (run) == CB_SLURM_JOB_RUNNING);
  wait_until (saw_line (f, "Command Builder demo runner: train"));
  g_assert_cmpstr (cb_execution_get_schema_id (CB_EXECUTION (run)), ==, "train");
  g_assert_nonnull (cb_job_run_get_values (run));

  cb_execution_stop (CB_EXECUTION (run));
  wait_until (cb_job_run_is_finished (run));
  record = history_record (f->session, id, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (cb_history_record_get_state (record), ==, CB_RUN_STATE_STOPPED);
}

/* A sweep is one job array, a task per job of the multirun */
static void
test_array (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) run = NULL;
  g_autoptr(GVariant) sweep = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  GPtrArray *tasks;
  CbSlurmForm *slurm;
  CbForm *form;
  guint count;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  open_session (f);
  slurm = set_up_train (f, "sweep", 1);
  form = cb_session_get_form (f->session, f->train);
  sweep = cb_field_parse_sweep (cb_schema_lookup_field (cb_form_get_schema (form), "seed"), "1, 2",
                                &error);
  g_assert_no_error (error);
  cb_form_set_value (form, "seed", sweep);
  g_assert_true (cb_slurm_form_is_array (slurm));
  g_assert_nonnull (strstr (cb_slurm_form_get_script (slurm), "#SBATCH --array=0-1%2\n"));

  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  run = submit (f, &error);
  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  g_assert_no_error (error);
  g_assert_true (cb_job_run_is_array (run));
  tasks = cb_job_run_get_tasks (run);
  g_assert_cmpuint (tasks->len, ==, 2);

  wait_until (cb_job_run_is_finished (run));
  g_assert_cmpint (cb_execution_get_state (CB_EXECUTION (run)), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpfloat (cb_execution_get_progress (CB_EXECUTION (run)), ==, 1.0);
  g_assert_cmpstr (cb_execution_get_progress_text (CB_EXECUTION (run)), ==,
                   "2 of 2 tasks finished");
  /* The array's own output says how each task ended */
  {
    g_autoptr(GPtrArray) notes = cb_execution_get_lines (CB_EXECUTION (run));
    gboolean told = FALSE;

    for (guint k = 0; k < notes->len; k++)
      told |= g_strcmp0 (((CbRunLine *)g_ptr_array_index (notes, k))->text,
                         "Task 1 (seed=2): Completed") == 0;
    g_assert_true (told);
  }
  for (guint i = 0; i < tasks->len; i++)
    {
      CbJobRun *task = g_ptr_array_index (tasks, i);
      g_autoptr(GPtrArray) lines = cb_execution_get_lines (CB_EXECUTION (task));
      g_autofree char *seed = g_strdup_printf ("  seed=%u", i + 1);
      g_autofree char *label = g_strdup_printf ("seed=%u", i + 1);
      g_autofree char *folder = g_strdup_printf ("%s/outputs/sweep/%u/checkpoints", f->dir, i);
      gboolean found = FALSE;

      /* Each task its own log, its own values, its own folder */
      g_assert_cmpint (state_of (task), ==, CB_SLURM_JOB_COMPLETED);
      g_assert_cmpstr (cb_job_run_get_label (task), ==, label);
      for (guint k = 0; k < lines->len; k++)
        found |= g_strcmp0 (((CbRunLine *)g_ptr_array_index (lines, k))->text, seed) == 0;
      g_assert_true (found);
      g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    }
  g_assert_cmpstr (cb_execution_get_log_path (g_ptr_array_index (tasks, 0)), !=,
                   cb_execution_get_log_path (g_ptr_array_index (tasks, 1)));

  /* The history keeps the array with its tasks */
  record = history_record (f->session, cb_job_run_get_id (run), &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (cb_history_record_get_state (record), ==, CB_RUN_STATE_SUCCEEDED);
  {
    g_autoptr(GVariant) job = cb_history_record_get_job (record);
    g_autoptr(GVariant) saved = g_variant_lookup_value (job, "tasks", NULL);

    g_assert_nonnull (saved);
    g_assert_cmpuint (g_variant_n_children (saved), ==, 2);
  }
  /* ... and each task's log */
  {
    CbHistory *history = cb_session_get_history (f->session);
    g_autofree char *log = cb_history_resolve_task_log (history, record, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (log, ==, cb_execution_get_log_path (g_ptr_array_index (tasks, 1)));
    g_assert_null (cb_history_resolve_task_log (history, record, 5, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

/* Headless */

static int
run_cli (Fixture *f,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("CB_TEST_BINARY"));
  g_ptr_array_add (argv, "--project");
  g_ptr_array_add (argv, f->dir);
  va_start (args, f);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  return cb_test_run ((const char * const *)argv->pdata, NULL, &f->out, &f->err);
}

static void
test_headless (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  g_assert_cmpint (run_cli (f, "--schema", "train", "--print-batch-script", "--slurm", "time=5",
                            NULL), ==, CB_EXIT_OK);
  g_assert_true (g_str_has_prefix (f->out, "#!/bin/bash\n#SBATCH --partition=debug\n"
                                           "#SBATCH --time=00:05:00\n"));
  g_assert_nonnull (strstr (f->out, "\nexec python3 runners/train.py "));

  /* Checked against the cluster, each problem named */
  g_assert_cmpint (run_cli (f, "--schema", "train", "--submit", "--slurm", "time=100", NULL), ==,
                   CB_EXIT_INVALID);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "error: Time limit: 1 hour 40 minutes is more than partition "
                                    "“debug” allows (30 minutes).\n"));
  g_assert_cmpint (run_cli (f, "--submit", "--slurm", "colour=red", NULL), ==, CB_EXIT_BAD);
  g_assert_nonnull (strstr (f->err, "--slurm: “colour” is not a Slurm resource"));

  /* Submitted: the id on stdout, the job in --jobs */
  g_assert_cmpint (run_cli (f, "--schema", "train", "--set", "max_epochs=60", "--submit", NULL), ==,
                   CB_EXIT_OK);
  id = g_strdup (g_strstrip (f->out));
  g_assert_true (g_ascii_isdigit (id[0]));
  g_assert_cmpint (run_cli (f, "--jobs", NULL), ==, CB_EXIT_OK);
  g_assert_true (g_str_has_prefix (f->out, id));
  g_assert_true (strstr (f->out, "\tRUNNING\ttrain\tRunning on ") != NULL ||
                 strstr (f->out, "\tPENDING\ttrain\tPending: ") != NULL);

  /* Cancelled, and recorded so */
  g_assert_cmpint (run_cli (f, "--cancel", id, NULL), ==, CB_EXIT_OK);
  g_assert_cmpint (run_cli (f, "--jobs", NULL), ==, CB_EXIT_OK);
  line = g_strdup_printf ("%s\tCANCELLED\ttrain\tCancelled", id);
  g_assert_cmpstr (g_strchomp (f->out), ==, line);

  g_assert_cmpint (run_cli (f, "--cancel", id, NULL), ==, CB_EXIT_INVALID);
  g_assert_nonnull (strstr (f->err, "has ended already"));
  g_assert_cmpint (run_cli (f, "--cancel", "999999", NULL), ==, CB_EXIT_BAD);
  g_assert_nonnull (strstr (f->err, "--cancel: the project has no job “999999”"));
  g_assert_cmpint (run_cli (f, "--jobs", "--schema", "train", NULL), ==, CB_EXIT_BAD);

  /* A sweep: the array, then each task with what it sweeps */
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  g_assert_cmpint (run_cli (f, "--schema", "train", "--set", "max_epochs=1", "--sweep",
                            "seed=1,2", "--submit", NULL), ==, CB_EXIT_OK);
  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  g_free (id);
  id = g_strdup (g_strstrip (f->out));
  g_assert_cmpint (run_cli (f, "--jobs", NULL), ==, CB_EXIT_OK);
  {
    g_auto(GStrv) lines = g_strsplit (f->out, "\n", -1);
    g_autofree char *task = g_strdup_printf ("%s_1\t", id);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_true (g_str_has_prefix (lines[0], id));
    g_assert_true (g_str_has_prefix (lines[2], task));
    g_assert_nonnull (strstr (lines[2], "\ttrain\tseed=2: "));
    g_assert_cmpstr (lines[3], ==, line);
  }
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

#define ADD(path, func) \
  g_test_add ("/slurm-session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("read-when-slurm", test_read_when_slurm);
  ADD ("read-failed", test_read_failed);
  ADD ("follow-and-cancel", test_follow_and_cancel);
  ADD ("completed-offered", test_completed_offered);
  ADD ("restart", test_restart);
  ADD ("array", test_array);
  ADD ("headless", test_headless);
#undef ADD

  status = g_test_run ();

  cb_test_slurm_stop (cluster);
  g_free (skip_reason);

  return status;
}
