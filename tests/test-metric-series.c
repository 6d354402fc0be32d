/* test-metric-series.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-metric-axis.h"
#include "cb-metric-set.h"
#include "cb-run.h"
#include "cb-test-util.h"

static void
test_series_thinning (void)
{
  g_autoptr(CbMetricSeries) series = cb_metric_series_new ("loss", CB_METRICS_STEP_GLOBAL);
  const CbMetricPoint *points;
  guint64 total = 0;
  guint n;

  for (int i = 0; i < CB_METRIC_SERIES_MAX_POINTS; i++)
    cb_metric_series_add (series, i, 1.0);
  g_assert_cmpuint (cb_metric_series_get_n_points (series), ==, CB_METRIC_SERIES_MAX_POINTS);

  /* One more: neighbours merge in pairs */
  cb_metric_series_add (series, CB_METRIC_SERIES_MAX_POINTS, 1.0);
  g_assert_cmpuint (cb_metric_series_get_n_points (series), ==, CB_METRIC_SERIES_MAX_POINTS / 2 + 1);
  points = cb_metric_series_get_points (series, &n);
  g_assert_cmpuint (points[0].n, ==, 2);
  g_assert_cmpfloat (points[0].x, ==, 0.5);
  g_assert_cmpuint (points[n - 1].n, ==, 1);

  /* A spike among many values stays visible in its point's max; the
   * extremes and the last value stay exact
   */
  for (int i = CB_METRIC_SERIES_MAX_POINTS + 1; i < 100000; i++)
    cb_metric_series_add (series, i, i == 54321 ? 50.0 : i == 65432 ? -7.0 : 1.0 + (i % 2) * 0.5);
  points = cb_metric_series_get_points (series, &n);
  g_assert_cmpuint (n, <=, CB_METRIC_SERIES_MAX_POINTS);
  g_assert_cmpuint (n, >, CB_METRIC_SERIES_MAX_POINTS / 2);
  g_assert_cmpfloat (cb_metric_series_get_max (series), ==, 50.0);
  g_assert_cmpfloat (cb_metric_series_get_min (series), ==, -7.0);
  g_assert_cmpfloat (cb_metric_series_get_last (series), ==, 1.5);
  g_assert_cmpfloat (cb_metric_series_get_last_x (series), ==, 99999);
  g_assert_cmpuint (cb_metric_series_get_n_values (series), ==, 100000);
  {
    gboolean spike = FALSE, dip = FALSE;

    for (guint i = 0; i < n; i++)
      {
        total += points[i].n;
        spike |= points[i].max == 50.0 && points[i].x <= 54321 + points[i].n && points[i].x >= 54321 - points[i].n;
        dip |= points[i].min == -7.0;
        /* In order, each point within its values' range */
        g_assert_true (i == 0 || points[i].x > points[i - 1].x);
        g_assert_cmpfloat (points[i].min, <=, points[i].y);
        g_assert_cmpfloat (points[i].y, <=, points[i].max);
      }
    g_assert_true (spike);
    g_assert_true (dip);
  }
  /* Every value is in exactly one point */
  g_assert_cmpuint (total, ==, 100000);
}

static void
test_series_replace (void)
{
  g_autoptr(CbMetricSeries) series = cb_metric_series_new ("loss", CB_METRICS_STEP_EPOCH);
  const CbMetricPoint *points;
  guint n;

  cb_metric_series_add (series, 1, 0.9);
  cb_metric_series_add (series, 2, 0.8);
  /* The epoch's line after its last bar: the same x, replaced */
  cb_metric_series_add (series, 2, 0.7);
  cb_metric_series_add (series, 3, NAN);
  cb_metric_series_add (series, INFINITY, 0.5);
  points = cb_metric_series_get_points (series, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (points[1].y, ==, 0.7);
  g_assert_cmpfloat (points[1].min, ==, 0.7);
  g_assert_cmpfloat (cb_metric_series_get_last (series), ==, 0.7);
  /* The replaced value was printed: it still counts for the extremes */
  g_assert_cmpfloat (cb_metric_series_get_min (series), ==, 0.7);
  g_assert_cmpfloat (cb_metric_series_get_max (series), ==, 0.9);
}

static void
test_series_decimate (void)
{
  g_autoptr(CbMetricSeries) series = cb_metric_series_new ("loss", CB_METRICS_STEP_GLOBAL);
  g_autoptr(GArray) drawn = NULL;
  g_autoptr(GArray) half = NULL;

  for (int i = 0; i < 1000; i++)
    cb_metric_series_add (series, i, i == 500 ? 9.0 : 1.0);

  /* 1,000 points on 100 columns: one point per column, the spike kept */
  drawn = cb_metric_series_decimate (series, 0, 999, 100);
  g_assert_cmpuint (drawn->len, ==, 100);
  g_assert_cmpfloat (g_array_index (drawn, CbMetricPoint, 50).max, ==, 9.0);
  g_assert_cmpfloat (g_array_index (drawn, CbMetricPoint, 49).max, ==, 1.0);
  g_assert_cmpuint (g_array_index (drawn, CbMetricPoint, 0).n, ==, 10);

  /* Only what is in the range */
  half = cb_metric_series_decimate (series, 0, 499, 1000);
  g_assert_cmpuint (half->len, ==, 500);
}

static void
test_axis_ticks (void)
{
  CbMetricAxis axis;
  g_autofree char *label = NULL;

  cb_metric_axis_init (&axis, 0.13, 0.87, 6, FALSE, TRUE);
  g_assert_cmpfloat_with_epsilon (axis.step, 0.2, 1e-12);
  g_assert_cmpfloat (axis.lo, ==, 0);
  g_assert_cmpfloat_with_epsilon (axis.hi, 1.0, 1e-12);
  g_assert_cmpuint (axis.n_ticks, ==, 6);
  g_assert_cmpint (axis.decimals, ==, 1);
  label = cb_metric_axis_format (&axis, axis.ticks[3]);
  g_assert_cmpstr (label, ==, "0.6");
  g_clear_pointer (&label, g_free);

  /* Epochs: whole ticks only */
  cb_metric_axis_init (&axis, 1, 10, 6, TRUE, TRUE);
  g_assert_cmpfloat (axis.step, ==, 2);
  g_assert_cmpfloat (axis.lo, ==, 0);
  g_assert_cmpfloat (axis.hi, ==, 10);
  g_assert_cmpuint (axis.n_ticks, ==, 6);
  cb_metric_axis_init (&axis, 0, 3, 10, TRUE, TRUE);
  g_assert_cmpfloat (axis.step, ==, 1);

  /* An axis of steps starts and ends with the run; its ticks are inside */
  cb_metric_axis_init (&axis, 1, 12, 7, TRUE, FALSE);
  g_assert_cmpfloat (axis.lo, ==, 1);
  g_assert_cmpfloat (axis.hi, ==, 12);
  g_assert_cmpfloat (axis.step, ==, 2);
  g_assert_cmpuint (axis.n_ticks, ==, 6);
  g_assert_cmpfloat (axis.ticks[0], ==, 2);
  g_assert_cmpfloat (axis.ticks[5], ==, 12);

  /* 2.5 where it fits best */
  cb_metric_axis_init (&axis, 0, 10, 5, FALSE, TRUE);
  g_assert_cmpfloat (axis.step, ==, 2.5);
  label = cb_metric_axis_format (&axis, 7.5);
  g_assert_cmpstr (label, ==, "7.5");
  g_clear_pointer (&label, g_free);

  /* Large steps, negative values, no `-0` */
  cb_metric_axis_init (&axis, -1234, 98765, 7, TRUE, TRUE);
  g_assert_cmpfloat (axis.step, ==, 20000);
  g_assert_cmpfloat (axis.lo, ==, -20000);
  g_assert_cmpfloat (axis.hi, ==, 100000);
  g_assert_cmpuint (axis.n_ticks, ==, 7);
  cb_metric_axis_init (&axis, -0.3, 0.3, 5, FALSE, TRUE);
  g_assert_cmpuint (axis.n_ticks, ==, 5);
  g_assert_cmpfloat_with_epsilon (axis.ticks[1], -0.2, 1e-12);
  g_assert_cmpfloat (axis.ticks[2], ==, 0);
  label = cb_metric_axis_format (&axis, -0.0);
  g_assert_cmpstr (label, ==, "0.0");
  g_clear_pointer (&label, g_free);

  /* Learning rates: scientific notation */
  cb_metric_axis_init (&axis, 1e-6, 1e-5, 4, FALSE, TRUE);
  g_assert_cmpint (axis.decimals, ==, -1);
  label = cb_metric_axis_format (&axis, 5e-6);
  g_assert_cmpstr (label, ==, "5.0e-06");
  g_clear_pointer (&label, g_free);

  /* One value, or none: a range around it */
  cb_metric_axis_init (&axis, 0.5, 0.5, 5, FALSE, TRUE);
  g_assert_cmpfloat (axis.lo, <, 0.5);
  g_assert_cmpfloat (axis.hi, >, 0.5);
  cb_metric_axis_init (&axis, 3, 3, 5, TRUE, TRUE);
  g_assert_cmpfloat (axis.lo, <=, 2);
  g_assert_cmpfloat (axis.hi, >=, 4);
  cb_metric_axis_init (&axis, NAN, NAN, 5, FALSE, TRUE);
  g_assert_cmpfloat (axis.lo, ==, 0);
  g_assert_cmpfloat (axis.hi, ==, 1);
  g_assert_cmpfloat (cb_metric_axis_position (&axis, 0.25), ==, 0.25);

  /* Never more ticks than asked for, whatever the range */
  for (double hi = 0.001; hi < 1e7; hi *= 1.7)
    for (guint max = 2; max <= 12; max++)
      {
        cb_metric_axis_init (&axis, 0, hi, max, FALSE, TRUE);
        g_assert_cmpuint (axis.n_ticks, <=, max);
        g_assert_cmpuint (axis.n_ticks, >=, 2);
        g_assert_cmpfloat (axis.hi, >=, hi - axis.step * 1e-9);
        /* A value axis starts and ends on a tick */
        g_assert_cmpfloat (axis.ticks[0], ==, axis.lo);
        g_assert_cmpfloat_with_epsilon (axis.ticks[axis.n_ticks - 1], axis.hi, axis.step * 1e-6);
      }
}

static void
test_axis_for_series (void)
{
  g_autoptr(CbMetricSeries) loss = cb_metric_series_new ("loss", CB_METRICS_STEP_EPOCH);
  g_autoptr(CbMetricSeries) other = cb_metric_series_new ("loss", CB_METRICS_STEP_EPOCH);
  g_autoptr(CbMetricSeries) empty = cb_metric_series_new ("acc", CB_METRICS_STEP_EPOCH);
  CbMetricSeries *both[] = { loss, other, empty };
  CbMetricAxis x, y;

  for (int i = 1; i <= 10; i++)
    cb_metric_series_add (loss, i, 2.0 / i);
  for (int i = 1; i <= 4; i++)
    cb_metric_series_add (other, i * 0.5, 1.5 + i * 0.2);

  /* Two runs on one chart: both fit; the fractions of epochs allow
   * fractional ticks
   */
  cb_metric_axis_init_for (&x, &y, both, G_N_ELEMENTS (both), 6, 5);
  g_assert_cmpfloat (x.lo, ==, 0.5);
  g_assert_cmpfloat (x.hi, ==, 10);
  g_assert_cmpfloat (y.lo, <=, 0.2);
  g_assert_cmpfloat (y.hi, >=, 2.3);
  g_assert_cmpuint (y.n_ticks, <=, 5);

  cb_metric_axis_init_for (&x, &y, both, 1, 12, 5);
  g_assert_cmpfloat (x.step, ==, 1);
}

static void
test_format_value (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.4312, "0.4312" }, { 1.5, "1.5" }, { 12345.6, "12346" },
    { 0, "0" }, { -0.25, "-0.25" }, { 1e-5, "1.000e-05" }, { 2.5e7, "2.500e+07" }, { 100, "100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_metric_format_value (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

typedef struct
{
  guint n_changed;
  guint n_series_changed;
  guint n_added;
} Counts;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position + added, ==, g_list_model_get_n_items (model));
  counts->n_added += added;
}

static void
on_changed (CbMetricSet *set,
            Counts      *counts)
{
  counts->n_changed++;
}

static void
on_series_changed (CbMetricSeries *series,
                   Counts         *counts)
{
  counts->n_series_changed++;
}

static CbRunLine *
run_line (const char *text)
{
  CbRunLine *line = g_rc_box_new0 (CbRunLine);

  line->text = g_strdup (text);
  return line;
}

static void
test_set_batches (void)
{
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
  g_autoptr(CbMetricSeries) loss = NULL;
  Counts counts = { 0 };

  g_signal_connect (set, "items-changed", G_CALLBACK (on_items_changed), &counts);
  g_signal_connect (set, "changed", G_CALLBACK (on_changed), &counts);

  /* Nothing is told before the flush, not even the new metrics */
  cb_metric_set_feed (set, "epoch 1 loss=0.9", -1);
  cb_metric_set_feed (set, "epoch 2 loss=0.8 hmean=0.5", -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 0);
  g_assert_cmpuint (counts.n_changed, ==, 0);
  g_assert_nonnull (cb_metric_set_lookup (set, "hmean"));

  cb_metric_set_flush (set);
  g_assert_cmpuint (counts.n_added, ==, 2);
  g_assert_cmpuint (counts.n_changed, ==, 1);
  loss = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_cmpstr (cb_metric_series_get_name (loss), ==, "loss");
  g_assert_cmpint (cb_metric_series_get_kind (loss), ==, CB_METRICS_STEP_EPOCH);
  g_signal_connect (loss, "changed", G_CALLBACK (on_series_changed), &counts);

  /* A flush with nothing new tells nothing */
  cb_metric_set_flush (set);
  g_assert_cmpuint (counts.n_changed, ==, 1);

  /* A run's batch: one change for the set, one for each metric that got
   * values, whatever the number of lines
   */
  for (int i = 3; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("epoch %d loss=%g", i, 1.0 / i);

      g_ptr_array_add (batch, run_line (text));
    }
  g_ptr_array_add (batch, run_line ("Epoch 50/50 ... acc=0.9"));
  cb_metric_set_ingest_run_lines (set, batch);
  g_assert_cmpuint (counts.n_changed, ==, 2);
  g_assert_cmpuint (counts.n_series_changed, ==, 1);
  g_assert_cmpuint (counts.n_added, ==, 3);
  g_assert_cmpuint (cb_metric_series_get_n_points (loss), ==, 49);
  g_assert_cmpfloat (cb_metric_series_get_last_x (loss), ==, 49);

  /* Only hmean and acc get values: loss's chart is not told */
  cb_metric_set_feed (set, "epoch 51 hmean=0.6 acc=0.91", -1);
  cb_metric_set_flush (set);
  g_assert_cmpuint (counts.n_changed, ==, 3);
  g_assert_cmpuint (counts.n_series_changed, ==, 1);
}

static void
test_set_shown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = cb_yaml_load_data ("metrics: {show: ['val/*', loss], ignore: [lr]}\n", -1, "p.yaml", &error);
  g_autoptr(CbMetricsConfig) config = cb_metrics_config_load (cb_node_lookup (root, "metrics"), NULL);
  g_autoptr(CbMetricSet) set = cb_metric_set_new (config);
  g_autoptr(GPtrArray) shown = NULL;

  cb_metric_set_feed (set, "epoch 1 loss=0.9 lr=0.1 acc=0.5 val/hmean=0.4 val/loss=1.0", -1);
  cb_metric_set_flush (set);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 4);
  g_assert_null (cb_metric_set_lookup (set, "lr"));
  g_assert_false (cb_metric_series_get_shown (cb_metric_set_lookup (set, "acc")));
  g_assert_true (cb_metric_series_get_shown (cb_metric_set_lookup (set, "loss")));

  /* In the order of the setting, then the order they came */
  shown = cb_metric_set_get_shown_series (set);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpstr (cb_metric_series_get_name (g_ptr_array_index (shown, 0)), ==, "val/hmean");
  g_assert_cmpstr (cb_metric_series_get_name (g_ptr_array_index (shown, 1)), ==, "val/loss");
  g_assert_cmpstr (cb_metric_series_get_name (g_ptr_array_index (shown, 2)), ==, "loss");
}

/* A million lines: the memory is counted in points and series, not timed */
static void
test_set_million_lines (void)
{
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  char line[128];
  guint64 points = 0;

  for (int i = 0; i < 1000000; i++)
    {
      /* Metrics of their own, as a run that logs per sample might print */
      if (i % 3 == 0)
        g_snprintf (line, sizeof line, "step=%d sample_%d=0.5", i, i);
      else
        g_snprintf (line, sizeof line, "step %d of the benchmark, loss=0.%06d acc=%d.5", i, i, i % 7);
      cb_metric_set_feed (set, line, -1);
      if (i % 1000 == 999)
        cb_metric_set_flush (set);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, CB_METRIC_SET_MAX_SERIES);
  g_assert_cmpuint (cb_metric_set_get_n_left_out (set), >, 300000);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (set)); i++)
    {
      g_autoptr(CbMetricSeries) series = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_assert_cmpuint (cb_metric_series_get_n_points (series), <=, CB_METRIC_SERIES_MAX_POINTS);
      points += cb_metric_series_get_n_points (series);
    }
  g_assert_cmpuint (points, <=, CB_METRIC_SET_MAX_SERIES * CB_METRIC_SERIES_MAX_POINTS);
  g_assert_cmpuint (cb_metric_series_get_n_values (cb_metric_set_lookup (set, "loss")), ==, 666666);
  g_assert_cmpfloat (cb_metric_series_get_last_x (cb_metric_set_lookup (set, "loss")), ==, 999998);
  g_assert_cmpfloat (cb_metric_series_get_max (cb_metric_set_lookup (set, "acc")), ==, 6.5);
}

static char *
write_log (const char *dir)
{
  GString *log = g_string_new ("Resolved config:\n  lr: 0.001\n");

  for (int epoch = 1; epoch <= 5; epoch++)
    {
      for (int n = 1; n <= 4; n++)
        g_string_append_printf (log, "\rEpoch %d/5: %3d%%|###| %d/4 [00:00<00:00, 3.1it/s, loss=%.3f]",
                                epoch, n * 25, n, 2.0 / (epoch - 1 + n / 4.0));
      g_string_append_printf (log, "\nEpoch %d/5 ... loss=%.3f val_hmean=%.2f\n", epoch, 2.0 / epoch, 0.5 + epoch / 20.0);
    }
  /* Stopped in the middle of an epoch */
  g_string_append (log, "Epoch 6/8: 50%|###| 2/4 [00:00<00:00, 3.1it/s, loss=0.33]");

  {
    g_autofree char *text = g_string_free (log, FALSE);

    return cb_test_write (dir, "run.log", text);
  }
}

static void
test_set_log (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = write_log (dir);
  g_autofree char *missing = g_build_filename (dir, "missing.log", NULL);
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  g_autoptr(CbMetricSet) other = cb_metric_set_new (NULL);
  g_autoptr(GError) error = NULL;
  CbMetricSeries *loss, *hmean;
  Counts counts = { 0 };

  g_signal_connect (set, "changed", G_CALLBACK (on_changed), &counts);
  g_assert_true (cb_metric_set_load_log (set, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_changed, ==, 1);

  loss = cb_metric_set_lookup (set, "loss");
  hmean = cb_metric_set_lookup (set, "val_hmean");
  /* Each epoch: its last bar (the others were drawn over), replaced by
   * its line at the same x; then the stopped epoch's last bar
   */
  g_assert_cmpuint (cb_metric_series_get_n_points (loss), ==, 6);
  g_assert_cmpfloat (cb_metric_series_get_last_x (loss), ==, 5.5);
  g_assert_cmpfloat (cb_metric_series_get_last (loss), ==, 0.33);
  g_assert_cmpuint (cb_metric_series_get_n_points (hmean), ==, 5);
  g_assert_cmpfloat (cb_metric_series_get_last (hmean), ==, 0.75);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);

  g_assert_false (cb_metric_set_load_log (other, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  cb_test_remove_tree (dir);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CbMetricSet **set = user_data;
  g_autoptr(GError) error = NULL;

  *set = cb_metric_set_new_from_log_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_set_log_async (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = write_log (dir);
  g_autoptr(CbMetricSet) set = NULL;

  cb_metric_set_new_from_log_async (path, NULL, NULL, on_loaded, &set);
  cb_test_wait_until (set != NULL, 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);
  g_assert_cmpfloat (cb_metric_series_get_last (cb_metric_set_lookup (set, "val_hmean")), ==, 0.75);

  cb_test_remove_tree (dir);
}

static char *
to_csv (CbMetricSet *set)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_metric_set_write_csv (set, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_set_csv (void)
{
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  g_autoptr(CbMetricsConfig) config = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = write_log (dir);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = cb_yaml_load_data ("metrics:\n  pattern: '^(?<name>[a-z, \"]+)=(?<value>[0-9.]+) at (?<step>[0-9]+)'\n",
                                              -1, "p.yaml", &error);
  g_autoptr(CbMetricSet) odd = NULL;

  cb_metric_set_feed (set, "epoch 1 loss=0.9 hmean=0.5", -1);
  cb_metric_set_feed (set, "Epoch 2/2: 50%|##| 1/2 [loss=0.75]", -1);
  cb_metric_set_feed (set, "epoch 2 loss=0.7 hmean=1e-05", -1);
  cb_metric_set_flush (set);
  csv = to_csv (set);
  g_assert_cmpstr (csv, ==,
                   "step,metric,value\n"
                   "1,loss,0.9\n"
                   "1.5,loss,0.75\n"
                   "2,loss,0.7\n"
                   "1,hmean,0.5\n"
                   "2,hmean,1e-05\n");
  g_clear_pointer (&csv, g_free);

  /* Names with commas and quotes are quoted */
  g_assert_no_error (error);
  config = cb_metrics_config_load (cb_node_lookup (root, "metrics"), NULL);
  odd = cb_metric_set_new (config);
  cb_metric_set_feed (odd, "a, \"b\"=3 at 7", -1);
  cb_metric_set_flush (odd);
  csv = to_csv (odd);
  g_assert_cmpstr (csv, ==, "step,metric,value\n7,\"a, \"\"b\"\"\",3\n");

  /* From a log: every value, in the order printed, bars drawn over left out */
  g_assert_true (cb_metrics_log_write_csv (path, NULL, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  g_clear_pointer (&csv, g_free);
  csv = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_str_has_prefix (csv, "step,metric,value\n1,loss,2\n1,loss,2\n1,val_hmean,0.55\n2,loss,1\n2,loss,1\n"));
  g_assert_true (g_str_has_suffix (csv, "5,val_hmean,0.75\n5.5,loss,0.33\n"));

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metric-series/thinning", test_series_thinning);
  g_test_add_func ("/metric-series/replace", test_series_replace);
  g_test_add_func ("/metric-series/decimate", test_series_decimate);
  g_test_add_func ("/metric-series/axis-ticks", test_axis_ticks);
  g_test_add_func ("/metric-series/axis-for-series", test_axis_for_series);
  g_test_add_func ("/metric-series/format-value", test_format_value);
  g_test_add_func ("/metric-set/batches", test_set_batches);
  g_test_add_func ("/metric-set/shown", test_set_shown);
  g_test_add_func ("/metric-set/million-lines", test_set_million_lines);
  g_test_add_func ("/metric-set/log", test_set_log);
  g_test_add_func ("/metric-set/log-async", test_set_log_async);
  g_test_add_func ("/metric-set/csv", test_set_csv);

  return g_test_run ();
}
