/* test-session-metrics.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-demo.h"
#include "cb-error.h"
#include "cb-session-metrics.h"
#include "cb-test-util.h"

/* The metrics of a session's runs, with the demo's own runners: live as a
 * real run prints them, from the log once it is in the history, the diff
 * of two recorded runs and of a run and the form, and the CSV export.
 */

#define wait_until(cond) cb_test_wait_until (cond, 60)

static char *home;

typedef struct
{
  char      *dir;
  CbSession *session;
  GPtrArray *finished;  /* CbRun */
} Fixture;

static void
on_run_finished (CbSession *session,
                 CbRun     *run,
                 Fixture   *f)
{
  g_ptr_array_add (f->finished, g_object_ref (run));
}

static CbSession *
open_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CbSession *session = cb_session_new (f->dir, CB_SESSION_FLAGS_NONE);

  g_signal_connect (session, "run-finished", G_CALLBACK (on_run_finished), f);
  g_assert_true (cb_session_load (session, &error));
  g_assert_no_error (error);
  return session;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cb_demo_ensure_copy (&error);
  g_assert_no_error (error);
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);
  f->session = open_session (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *outputs = g_build_filename (f->dir, "outputs", NULL);

  g_ptr_array_unref (f->finished);
  g_assert_finalize_object (f->session);
  /* The next test starts from an empty history */
  cb_test_remove_tree (outputs);
  g_free (f->dir);
}

static CbForm *
train_form (Fixture *f,
            guint   *index)
{
  int train = cb_session_find_schema (f->session, "train");

  g_assert_cmpint (train, >=, 0);
  *index = train;
  return cb_session_get_form (f->session, train);
}

/* Runs the page of @index, as the form is, to its end */
static CbRun *
run_page (Fixture *f,
          int      index)
{
  g_autoptr(GError) error = NULL;
  guint n_finished = f->finished->len;
  CbRun *run = cb_session_start_run (f->session, index, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  wait_until (f->finished->len == n_finished + 1);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);
  return run;
}

static guint64
n_values (CbMetricSet *set,
          const char  *name)
{
  CbMetricSeries *series = cb_metric_set_lookup (set, name);

  return series ? cb_metric_series_get_n_values (series) : 0;
}

/* The two sets hold the same series, point for point */
static void
assert_same_metrics (CbMetricSet *a,
                     CbMetricSet *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbMetricSeries) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      CbMetricSeries *y = cb_metric_set_lookup (b, cb_metric_series_get_name (x));
      guint n_x, n_y;
      const CbMetricPoint *px = cb_metric_series_get_points (x, &n_x);
      const CbMetricPoint *py;

      g_assert_nonnull (y);
      py = cb_metric_series_get_points (y, &n_y);
      g_assert_cmpuint (cb_metric_series_get_n_values (x), ==, cb_metric_series_get_n_values (y));
      g_assert_cmpint (cb_metric_series_get_kind (x), ==, cb_metric_series_get_kind (y));
      g_assert_cmpuint (n_x, ==, n_y);
      for (guint k = 0; k < n_x; k++)
        {
          g_assert_cmpfloat (px[k].x, ==, py[k].x);
          g_assert_cmpfloat (px[k].y, ==, py[k].y);
        }
    }
}

typedef struct
{
  guint    n_changed;
  guint64  last_loss;
  gboolean grew;
} Growth;

static void
on_set_changed (CbMetricSet *set,
                Growth      *growth)
{
  guint64 loss = n_values (set, "loss");

  /* Each batch adds to what was there: the series only grow */
  g_assert_cmpuint (loss, >=, growth->last_loss);
  growth->grew |= growth->n_changed > 0 && loss > growth->last_loss;
  growth->last_loss = loss;
  growth->n_changed++;
}

/* A real train run: its metrics grow while it prints them, and when it is
 * stopped its series end where its output ended, as its log has them
 */
static void
test_live_stopped (Fixture       *f,
                   gconstpointer  data)
{
  guint index;
  CbForm *form = train_form (f, &index);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbMetricSet) from_log = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  Growth growth = { 0 };
  CbMetricSet *set;
  CbMetricSeries *loss;
  CbRun *run;

  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (100));
  run = cb_session_start_run (f->session, index, NULL, &error);
  g_assert_no_error (error);
  set = cb_session_get_run_metrics (f->session, run);
  g_assert_nonnull (set);
  g_assert_true (cb_metrics_config_is_shown (cb_metric_set_get_config (set), "val_hmean"));
  g_assert_false (cb_metrics_config_is_shown (cb_metric_set_get_config (set), "lr"));
  g_signal_connect (set, "changed", G_CALLBACK (on_set_changed), &growth);

  /* Two epochs in: the run is still going */
  wait_until (n_values (set, "val_hmean") >= 2);
  g_assert_true (cb_run_is_running (run));
  g_assert_nonnull (cb_metric_set_lookup (set, "lr"));
  cb_session_stop_runs (f->session);
  wait_until (f->finished->len == 1);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_STOPPED);
  g_assert_true (growth.grew);

  /* It ended long before its 100 epochs; the log says where */
  loss = cb_metric_set_lookup (set, "loss");
  g_assert_cmpint (cb_metric_series_get_kind (loss), ==, CB_METRICS_STEP_EPOCH);
  g_assert_cmpfloat (cb_metric_series_get_last_x (loss), >=, 2);
  g_assert_cmpfloat (cb_metric_series_get_last_x (loss), <, 100);
  from_log = cb_metric_set_new (cb_metric_set_get_config (set));
  g_assert_true (cb_metric_set_load_log (from_log, cb_run_get_log_path (run), NULL, &error));
  g_assert_no_error (error);
  assert_same_metrics (set, from_log);

  /* Recorded: the history's run has the run's metrics */
  record = g_list_model_get_item (G_LIST_MODEL (cb_session_get_history (f->session)), 0);
  g_assert_true (cb_session_get_record_metrics (f->session, record) == set);
  g_signal_handlers_disconnect_by_data (set, &growth);
}

/* A run that fails half way through its first epoch: its curve ends at
 * half an epoch, in the run view as in its log
 */
static void
test_live_failed (Fixture       *f,
                  gconstpointer  data)
{
  guint index;
  CbForm *form = train_form (f, &index);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbMetricSet) from_log = NULL;
  CbMetricSeries *loss;
  CbMetricSet *set;
  CbRun *run;

  cb_form_set_value (form, "simulate_failure", g_variant_new_boolean (TRUE));
  run = cb_session_start_run (f->session, index, NULL, &error);
  g_assert_no_error (error);
  wait_until (f->finished->len == 1);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_FAILED);

  set = cb_session_get_run_metrics (f->session, run);
  loss = cb_metric_set_lookup (set, "loss");
  g_assert_nonnull (loss);
  g_assert_cmpfloat (cb_metric_series_get_last_x (loss), ==, 0.5);
  g_assert_null (cb_metric_set_lookup (set, "val_hmean"));
  from_log = cb_metric_set_new (cb_metric_set_get_config (set));
  g_assert_true (cb_metric_set_load_log (from_log, cb_run_get_log_path (run), NULL, &error));
  assert_same_metrics (set, from_log);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error_out = ((gpointer *)user_data)[1];
  CbMetricSet **set = ((gpointer *)user_data)[0];

  *set = cb_session_load_record_metrics_finish (CB_SESSION (source), result, error_out);
  if (*set == NULL)
    *set = (gpointer)1;
}

/* Waits for cb_session_load_record_metrics_async(); %NULL with @error */
static CbMetricSet *
load_record_metrics (CbSession        *session,
                     CbHistoryRecord  *record,
                     GError          **error)
{
  CbMetricSet *set = NULL;
  gpointer data[2] = { &set, error };

  cb_session_load_record_metrics_async (session, record, NULL, on_loaded, data);
  wait_until (set != NULL);
  return set == (gpointer)1 ? NULL : set;
}

/* A run that succeeds, then its metrics from its log in a new session:
 * what the run view had, its curves meaningful (loss falls, hmean rises)
 */
static void
test_past_run (Fixture       *f,
               gconstpointer  data)
{
  guint index;
  CbForm *form = train_form (f, &index);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSession) other = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(CbMetricSet) loaded = NULL;
  g_autoptr(CbMetricSet) again = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  CbMetricSeries *loss, *hmean;
  CbMetricSet *live;
  CbRun *run;

  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (6));
  run = run_page (f, index);
  live = cb_session_get_run_metrics (f->session, run);

  other = open_session (f);
  record = g_list_model_get_item (G_LIST_MODEL (cb_session_get_history (other)), 0);
  g_assert_null (cb_session_get_record_metrics (other, record));
  loaded = load_record_metrics (other, record, &error);
  g_assert_no_error (error);
  assert_same_metrics (live, loaded);
  /* Kept: asked again, the same set */
  g_assert_true (cb_session_get_record_metrics (other, record) == loaded);
  again = load_record_metrics (other, record, &error);
  g_assert_true (again == loaded);

  /* The demo's `show`: loss and val_hmean first */
  shown = cb_metric_set_get_shown_series (loaded);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_cmpstr (cb_metric_series_get_name (g_ptr_array_index (shown, 0)), ==, "loss");
  loss = cb_metric_set_lookup (loaded, "loss");
  hmean = cb_metric_set_lookup (loaded, "val_hmean");
  g_assert_cmpfloat (cb_metric_series_get_last_x (loss), ==, 6);
  g_assert_cmpfloat (cb_metric_series_get_last (loss), <,
                     cb_metric_series_get_points (loss, NULL)[0].y);
  g_assert_cmpfloat (cb_metric_series_get_last (loss), ==, cb_metric_series_get_min (loss));
  g_assert_cmpuint (cb_metric_series_get_n_values (hmean), ==, 6);
  g_assert_cmpfloat (cb_metric_series_get_last (hmean), >,
                     cb_metric_series_get_points (hmean, NULL)[0].y);

  g_assert_finalize_object (g_steal_pointer (&other));
}

/* The test and predict pages: the test table's metrics, and none for
 * predict, whose schema says `metrics: false`
 */
static void
test_other_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CbMetricsConfig) predict = cb_session_get_metrics_config (f->session, "predict");
  g_autoptr(CbMetricsConfig) test = cb_session_get_metrics_config (f->session, "test");
  int test_index = cb_session_find_schema (f->session, "test");
  int predict_index = cb_session_find_schema (f->session, "predict");
  g_autoptr(GError) error = NULL;
  g_autofree char *checkpoint = NULL;
  CbMetricSet *set;
  CbRun *run;

  g_assert_false (cb_metrics_config_get_enabled (predict));
  g_assert_true (cb_metrics_config_get_enabled (test));

  /* A checkpoint to test: a run of train */
  cb_form_set_value (cb_session_get_form (f->session, cb_session_find_schema (f->session, "train")),
                     "max_epochs", g_variant_new_int64 (1));
  run_page (f, cb_session_find_schema (f->session, "train"));
  checkpoint = g_build_filename ("outputs", "receipts_det-dbnet-resnet18", "checkpoints",
                                 "epoch=00-step=0100.ckpt", NULL);
  /* Nothing watches here: the checkpoints are listed now */
  cb_project_scan_sources_sync (cb_session_get_project (f->session),
                                cb_session_get_schema (f->session, test_index));
  cb_form_set_value (cb_session_get_form (f->session, test_index), "checkpoint",
                     g_variant_new_string (checkpoint));
  cb_form_set_value (cb_session_get_form (f->session, predict_index), "checkpoint",
                     g_variant_new_string (checkpoint));

  run = run_page (f, test_index);
  set = cb_session_get_run_metrics (f->session, run);
  g_assert_nonnull (cb_metric_set_lookup (set, "test/hmean"));
  g_assert_nonnull (cb_metric_set_lookup (set, "test/precision"));
  g_assert_true (cb_metric_series_get_shown (cb_metric_set_lookup (set, "test/recall")));

  run = run_page (f, predict_index);
  set = cb_session_get_run_metrics (f->session, run);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 0);
  g_assert_false (cb_metrics_config_get_enabled (cb_metric_set_get_config (set)));
}

/* What differs between two recorded runs, and between a run and the form */
static void
test_diff (Fixture       *f,
           gconstpointer  data)
{
  guint index;
  CbForm *form = train_form (f, &index);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbHistoryRecord) first = NULL;
  g_autoptr(CbHistoryRecord) second = NULL;
  g_autoptr(CbRunDiff) records = NULL;
  g_autoptr(CbRunDiff) same = NULL;
  g_autoptr(CbRunDiff) changed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *form_text = NULL;
  const CbArgDiff *args;
  guint n_args;

  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (2));
  run_page (f, index);
  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (3));
  cb_form_set_value (form, "seed", g_variant_new_int64 (7));
  run_page (f, index);

  second = g_list_model_get_item (G_LIST_MODEL (cb_session_get_history (f->session)), 0);
  first = g_list_model_get_item (G_LIST_MODEL (cb_session_get_history (f->session)), 1);
  records = cb_run_diff_new_for_records (first, second);
  g_assert_cmpuint (cb_run_diff_get_n_differing (records), ==, 2);
  text = cb_run_diff_to_text (records, cb_history_record_get_id (first),
                              cb_history_record_get_id (second), CB_RUN_DIFF_NONE);
  g_assert_nonnull (strstr (text, "  max_epochs: 2 → 3\n"));
  g_assert_nonnull (strstr (text, "  seed: (default) → 7\n"));
  g_assert_nonnull (strstr (text, "- trainer.max_epochs=2\n+ trainer.max_epochs=3\n"));
  g_assert_null (strstr (text, "exp_name"));

  /* The form as it ran last: nothing differs */
  same = cb_run_diff_new_for_form (second, form);
  g_assert_true (cb_run_diff_is_empty (same));

  /* Changed since: the form's side has the change */
  cb_form_set_value (form, "learning_rate", g_variant_new_double (0.01));
  changed = cb_run_diff_new_for_form (second, form);
  g_assert_false (cb_run_diff_is_empty (changed));
  g_assert_cmpuint (cb_run_diff_get_n_differing (changed), ==, 1);
  g_assert_cmpstr (cb_run_diff_get_value (changed, 0)->key, ==, "learning_rate");
  args = cb_run_diff_get_args (changed, TRUE, &n_args);
  for (guint i = 0; i < n_args; i++)
    if (g_str_has_prefix (args[i].arg, "model.optimizer.lr="))
      {
        g_assert_cmpint (args[i].kind, ==, CB_DIFF_CHANGED);
        g_assert_cmpstr (args[i].arg, ==, "model.optimizer.lr=0.01");
      }
    else
      g_assert_cmpint (args[i].kind, ==, CB_DIFF_SAME);
  form_text = cb_run_diff_to_text (changed, NULL, NULL, CB_RUN_DIFF_NONE);
  g_assert_nonnull (strstr (form_text, "+ model.optimizer.lr=0.01\n"));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!cb_session_export_metrics_finish (CB_SESSION (source), result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "written");
}

/* A past run's metrics, every value, to a CSV file; a log outside the
 * outputs folder is not read, and the file is left as it was
 */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  guint index;
  CbForm *form = train_form (f, &index);
  g_autofree char *csv_path = g_build_filename (f->dir, "metrics.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) rows = NULL;
  CbMetricSet *live;
  CbRun *run;
  guint64 n = 0;

  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (3));
  run = run_page (f, index);
  live = cb_session_get_run_metrics (f->session, run);
  record = g_list_model_get_item (G_LIST_MODEL (cb_session_get_history (f->session)), 0);

  cb_session_export_record_metrics_async (f->session, record, csv, NULL, on_exported, &error);
  wait_until (error != NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  rows = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "step,metric,value");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (live)); i++)
    {
      g_autoptr(CbMetricSeries) series = g_list_model_get_item (G_LIST_MODEL (live), i);

      n += cb_metric_series_get_n_values (series);
    }
  /* Every value, and the empty string after the last newline */
  g_assert_cmpuint (g_strv_length (rows), ==, n + 2);
  g_assert_true (g_strv_contains ((const char * const *)rows, "1,val_hmean,0.442"));

  /* The running or ended run, from its own log */
  g_assert_true (g_file_delete (csv, NULL, NULL));
  cb_session_export_run_metrics_async (f->session, run, csv, NULL, on_exported, &error);
  wait_until (error != NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_query_exists (csv, NULL));

  /* A record naming a log elsewhere: refused, the file left alone */
  g_assert_true (g_file_set_contents (csv_path, "kept\n", -1, NULL));
  {
    g_autofree char *elsewhere = g_build_filename (home, "elsewhere.log", NULL);
    g_autofree char *line = g_strdup_printf ("{'schema': <'train'>, 'start': <int64 1>, 'log': <'%s'>}\n",
                                             elsewhere);
    g_autoptr(CbHistoryRecord) foreign = NULL;
    CbHistory *history = cb_session_get_history (f->session);

    g_assert_true (g_file_set_contents (elsewhere, "Epoch 1/1 loss=0.5\n", -1, NULL));
    g_assert_true (g_file_set_contents (cb_history_get_path (history), line, -1, NULL));
    cb_history_load (history);
    foreign = g_list_model_get_item (G_LIST_MODEL (history), 0);
    cb_session_export_record_metrics_async (f->session, foreign, csv, NULL, on_exported, &error);
    wait_until (error != NULL);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
    g_clear_error (&error);
    g_assert_null (load_record_metrics (f->session, foreign, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  }
  g_free (contents);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "kept\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* The demo project, copied into a data home of the test's own; its
   * runners take their time, as they do for a user */
  home = cb_test_make_tempdir ();
  data_home = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_DATA_DIRS", g_getenv ("CB_TEST_DEMO_DATA_DIR"), TRUE);
  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session-metrics/live-stopped", test_live_stopped);
  ADD ("/session-metrics/live-failed", test_live_failed);
  ADD ("/session-metrics/past-run", test_past_run);
  ADD ("/session-metrics/other-pages", test_other_pages);
  ADD ("/session-metrics/diff", test_diff);
  ADD ("/session-metrics/export", test_export);
#undef ADD

  status = g_test_run ();
  cb_test_remove_tree (home);
  g_free (home);
  return status;
}
