/* cb-metric-set.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-override.h"
#include "cb-metric-set.h"
#include "cb-run.h"

#define CSV_CHUNK 65536

/**
 * CbMetricSet:
 *
 * The metrics of one run, as a #GListModel of #CbMetricSeries in the order
 * the run first printed them. Lines go in with cb_metric_set_feed() (or a
 * #CbRun's batch with cb_metric_set_ingest_run_lines()); nothing is
 * emitted until cb_metric_set_flush(), which announces the new metrics
 * with #GListModel::items-changed, emits #CbMetricSeries::changed on each
 * metric that got values and then #CbMetricSet::changed once. A chart
 * therefore redraws at most once per batch of lines.
 *
 * Memory is bounded: %CB_METRIC_SET_MAX_SERIES metrics, each of at most
 * %CB_METRIC_SERIES_MAX_POINTS points.
 */
struct _CbMetricSet
{
  GObject          parent_instance;

  CbMetricsConfig *config;
  CbMetricsParser *parser;
  GPtrArray       *series;       /* in the order they came */
  GHashTable      *by_name;
  guint            n_announced;  /* what items-changed has told */
  guint64          n_left_out;
};

static void cb_metric_set_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbMetricSet, cb_metric_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cb_metric_set_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
cb_metric_set_get_item_type (GListModel *model)
{
  return CB_TYPE_METRIC_SERIES;
}

static guint
cb_metric_set_get_n_items (GListModel *model)
{
  return CB_METRIC_SET (model)->n_announced;
}

static gpointer
cb_metric_set_get_item (GListModel *model,
                        guint       position)
{
  CbMetricSet *self = CB_METRIC_SET (model);

  if (position >= self->n_announced)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->series, position));
}

static void
cb_metric_set_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cb_metric_set_get_item_type;
  iface->get_n_items = cb_metric_set_get_n_items;
  iface->get_item = cb_metric_set_get_item;
}

static void
cb_metric_set_finalize (GObject *object)
{
  CbMetricSet *self = CB_METRIC_SET (object);

  g_clear_pointer (&self->parser, cb_metrics_parser_free);
  g_clear_pointer (&self->config, cb_metrics_config_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_metric_set_parent_class)->finalize (object);
}

static void
cb_metric_set_class_init (CbMetricSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_metric_set_finalize;

  /**
   * CbMetricSet::changed:
   *
   * Emitted by cb_metric_set_flush() when metrics got values since the
   * last flush.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_metric_set_init (CbMetricSet *self)
{
  self->series = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * cb_metric_set_new:
 * @config: (nullable): the project's and schema's `metrics` setting, as
 *   cb_metrics_config_merge() gives it
 *
 * Returns: (transfer full): an empty set for the lines of one run
 */
CbMetricSet *
cb_metric_set_new (CbMetricsConfig *config)
{
  CbMetricSet *self = g_object_new (CB_TYPE_METRIC_SET, NULL);

  self->config = config ? cb_metrics_config_ref (config) : cb_metrics_config_new ();
  self->parser = cb_metrics_parser_new (self->config);
  return self;
}

/**
 * cb_metric_set_get_config:
 *
 * Returns: (transfer none): the setting the set follows
 */
CbMetricsConfig *
cb_metric_set_get_config (CbMetricSet *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SET (self), NULL);
  return self->config;
}

/**
 * cb_metric_set_add_sample:
 * @sample: the metrics of a line
 *
 * Adds a line's values, each to its metric's series, at the x of the
 * metric's own axis: the one its first line told. Emits nothing.
 */
void
cb_metric_set_add_sample (CbMetricSet           *self,
                          const CbMetricsSample *sample)
{
  g_return_if_fail (CB_IS_METRIC_SET (self));
  g_return_if_fail (sample != NULL);

  for (guint i = 0; i < sample->n_values; i++)
    {
      const CbMetricsValue *value = &sample->values[i];
      CbMetricSeries *series = g_hash_table_lookup (self->by_name, value->name);

      if (series == NULL)
        {
          if (self->series->len == CB_METRIC_SET_MAX_SERIES)
            {
              self->n_left_out++;
              continue;
            }
          series = cb_metric_series_new (value->name, sample->kind);
          cb_metric_series_set_shown (series, cb_metrics_config_is_shown (self->config, value->name));
          g_ptr_array_add (self->series, series);
          g_hash_table_insert (self->by_name, (char *)cb_metric_series_get_name (series), series);
        }

      cb_metric_series_add (series, cb_metrics_sample_get_x (sample, cb_metric_series_get_kind (series)),
                            value->value);
    }
}

/**
 * cb_metric_set_feed:
 * @line: a line of the run's output, in the order the run printed it
 * @length: its length, or -1 when it ends with a NUL
 *
 * Reads a line's metrics into the set. Emits nothing: call
 * cb_metric_set_flush() after a batch.
 */
void
cb_metric_set_feed (CbMetricSet *self,
                    const char  *line,
                    gssize       length)
{
  const CbMetricsSample *sample;

  g_return_if_fail (CB_IS_METRIC_SET (self));
  g_return_if_fail (line != NULL);

  sample = cb_metrics_parser_parse (self->parser, line, length);
  if (sample != NULL)
    cb_metric_set_add_sample (self, sample);
}

/**
 * cb_metric_set_flush:
 *
 * Tells what changed since the last flush: #GListModel::items-changed for
 * the metrics that appeared, #CbMetricSeries::changed on each metric that
 * got values, then #CbMetricSet::changed, once.
 */
void
cb_metric_set_flush (CbMetricSet *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (CB_IS_METRIC_SET (self));

  if (self->n_announced < self->series->len)
    {
      guint position = self->n_announced;

      self->n_announced = self->series->len;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, self->n_announced - position);
    }

  for (guint i = 0; i < self->series->len; i++)
    changed |= cb_metric_series_flush (g_ptr_array_index (self->series, i));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * cb_metric_set_ingest_run_lines:
 * @lines: (element-type CbRunLine): a batch of lines, as #CbRun::output
 *   gives them
 *
 * Feeds the lines and flushes: what a run view does with each batch.
 */
void
cb_metric_set_ingest_run_lines (CbMetricSet *self,
                                GPtrArray   *lines)
{
  g_return_if_fail (CB_IS_METRIC_SET (self));
  g_return_if_fail (lines != NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const CbRunLine *line = g_ptr_array_index (lines, i);

      cb_metric_set_feed (self, line->text, -1);
    }
  cb_metric_set_flush (self);
}

/**
 * cb_metric_set_lookup:
 *
 * Returns: (transfer none) (nullable): the metric named @name, also one
 *   that is not yet announced by a flush
 */
CbMetricSeries *
cb_metric_set_lookup (CbMetricSet *self,
                      const char  *name)
{
  g_return_val_if_fail (CB_IS_METRIC_SET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->by_name, name);
}

/**
 * cb_metric_set_get_shown_series:
 *
 * Returns: (transfer container) (element-type CbMetricSeries): the metrics
 *   that matter, in the order of the `show` setting (a metric that several
 *   of its globs match goes with the first), else all in the order they
 *   came
 */
GPtrArray *
cb_metric_set_get_shown_series (CbMetricSet *self)
{
  const char * const *show;
  GPtrArray *shown;

  g_return_val_if_fail (CB_IS_METRIC_SET (self), NULL);

  shown = g_ptr_array_new ();
  show = cb_metrics_config_get_show (self->config);
  if (show == NULL)
    {
      g_ptr_array_extend (shown, self->series, NULL, NULL);
      return shown;
    }

  for (guint i = 0; show[i] != NULL; i++)
    for (guint j = 0; j < self->series->len; j++)
      {
        CbMetricSeries *series = g_ptr_array_index (self->series, j);

        if (g_pattern_match_simple (show[i], cb_metric_series_get_name (series)) &&
            !g_ptr_array_find (shown, series, NULL))
          g_ptr_array_add (shown, series);
      }

  return shown;
}

/**
 * cb_metric_set_get_n_left_out:
 *
 * Returns: how many values were not kept because the run printed more
 *   than %CB_METRIC_SET_MAX_SERIES metrics
 */
guint64
cb_metric_set_get_n_left_out (CbMetricSet *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SET (self), 0);
  return self->n_left_out;
}

/* Past runs */

static gboolean
add_sample_cb (const CbMetricsSample *sample,
               gpointer               user_data)
{
  cb_metric_set_add_sample (user_data, sample);
  return TRUE;
}

/**
 * cb_metric_set_load_log:
 * @path: a run's log file
 *
 * Reads the metrics of a finished run from its log, in blocks, and
 * flushes once.
 *
 * Returns: whether the file could be read; %FALSE with @error set naming
 *   it otherwise
 */
gboolean
cb_metric_set_load_log (CbMetricSet   *self,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_METRIC_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ok = cb_metrics_parser_read_file (self->parser, path, add_sample_cb, self, cancellable, error);
  cb_metric_set_flush (self);
  return ok;
}

typedef struct
{
  char            *path;
  CbMetricsConfig *config;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->config, cb_metrics_config_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(CbMetricSet) set = cb_metric_set_new (data->config);
  GError *error = NULL;

  /* Nobody holds the set yet: its signals go nowhere on this thread */
  if (cb_metric_set_load_log (set, data->path, cancellable, &error))
    g_task_return_pointer (task, g_steal_pointer (&set), g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * cb_metric_set_new_from_log_async:
 * @path: a past run's log file
 * @config: (nullable): the `metrics` setting
 *
 * Reads a past run's metrics on a worker thread, so that a big log does
 * not stall the window.
 */
void
cb_metric_set_new_from_log_async (const char          *path,
                                  CbMetricsConfig     *config,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->config = config ? cb_metrics_config_ref (config) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_metric_set_new_from_log_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cb_metric_set_new_from_log_finish:
 *
 * Returns: (transfer full): the run's metrics, or %NULL with @error set
 */
CbMetricSet *
cb_metric_set_new_from_log_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* CSV */

static void
append_number (GString *out,
               double   value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)value);
  else
    {
      g_autofree char *text = cb_override_print_double (value);

      g_string_append (out, text);
    }
}

static void
append_row (GString    *out,
            double      x,
            const char *name,
            double      value)
{
  append_number (out, x);
  g_string_append_c (out, ',');
  if (strpbrk (name, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, name);
  g_string_append_c (out, ',');
  append_number (out, value);
  g_string_append_c (out, '\n');
}

static gboolean
write_out (GOutputStream  *stream,
           GString        *out,
           GCancellable   *cancellable,
           GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);

  g_string_truncate (out, 0);
  return ok;
}

/**
 * cb_metric_set_write_csv:
 * @stream: where the CSV goes
 *
 * Writes the metrics as CSV, `step,metric,value`, one row per kept point,
 * metric after metric. The step is on each metric's own axis (epochs,
 * global steps or lines); a point that stands for several values gives
 * their mean.
 *
 * Returns: whether all was written
 */
gboolean
cb_metric_set_write_csv (CbMetricSet    *self,
                         GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GString) out = g_string_sized_new (CSV_CHUNK + 256);

  g_return_val_if_fail (CB_IS_METRIC_SET (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  g_string_append (out, "step,metric,value\n");
  for (guint i = 0; i < self->series->len; i++)
    {
      CbMetricSeries *series = g_ptr_array_index (self->series, i);
      guint n;
      const CbMetricPoint *points = cb_metric_series_get_points (series, &n);

      for (guint j = 0; j < n; j++)
        {
          append_row (out, points[j].x, cb_metric_series_get_name (series), points[j].y);
          if (out->len >= CSV_CHUNK && !write_out (stream, out, cancellable, error))
            return FALSE;
        }
    }

  return write_out (stream, out, cancellable, error);
}

typedef struct
{
  GOutputStream  *stream;
  GCancellable   *cancellable;
  GString        *out;
  GHashTable     *kinds;  /* name → kind + 1 */
  GError         *error;
} CsvWriter;

static gboolean
write_sample_cb (const CbMetricsSample *sample,
                 gpointer               user_data)
{
  CsvWriter *writer = user_data;

  for (guint i = 0; i < sample->n_values; i++)
    {
      const char *name = sample->values[i].name;
      int kind = GPOINTER_TO_INT (g_hash_table_lookup (writer->kinds, name));

      /* As in a set: each metric on the axis its first line told */
      if (kind == 0)
        {
          if (g_hash_table_size (writer->kinds) == CB_METRIC_SET_MAX_SERIES)
            continue;
          kind = sample->kind + 1;
          g_hash_table_insert (writer->kinds, g_strdup (name), GINT_TO_POINTER (kind));
        }
      append_row (writer->out, cb_metrics_sample_get_x (sample, kind - 1), name, sample->values[i].value);
    }

  if (writer->out->len >= CSV_CHUNK)
    return write_out (writer->stream, writer->out, writer->cancellable, &writer->error);
  return TRUE;
}

/**
 * cb_metrics_log_write_csv:
 * @log_path: a run's log file
 * @config: (nullable): the `metrics` setting
 * @stream: where the CSV goes
 *
 * Writes every value of a run's log as CSV, `step,metric,value`, in the
 * order the run printed them: unlike cb_metric_set_write_csv(), nothing is
 * thinned out. The log is read in blocks and the CSV written in blocks.
 *
 * Returns: whether the log was read and the CSV written
 */
gboolean
cb_metrics_log_write_csv (const char     *log_path,
                          CbMetricsConfig *config,
                          GOutputStream  *stream,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(CbMetricsParser) parser = NULL;
  g_autoptr(GString) out = g_string_sized_new (CSV_CHUNK + 256);
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CsvWriter writer = { stream, cancellable, out, kinds, NULL };

  g_return_val_if_fail (log_path != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  parser = cb_metrics_parser_new (config);
  g_string_append (out, "step,metric,value\n");
  if (!cb_metrics_parser_read_file (parser, log_path, write_sample_cb, &writer, cancellable, error))
    return FALSE;
  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }

  return write_out (stream, out, cancellable, error);
}
