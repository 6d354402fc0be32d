/* cb-session-metrics.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-session-metrics.h"
#include "cb-session-private.h"

/* The metrics of a session's runs.
 *
 * A run the session starts gets a #CbMetricSet at once, fed with each
 * batch of lines the run emits, so that a chart follows the run as it
 * prints; the set lives as long as the run, and its series end where the
 * run's output ended, however it ended. The setting it reads with is the
 * project's `metrics` merged with its schema's, as they were when the run
 * started.
 *
 * A past run's metrics are read from its log file on a worker thread. The
 * sets of the last %CACHE_SIZE runs asked for are kept, by the run's id,
 * with the setting they were read with: a set read with a setting that
 * has changed since is read again. A run of the session, once recorded,
 * is in the cache with its live set, so that the history does not read
 * again what the run view has.
 */

#define CACHE_SIZE 16

struct _CbSessionMetrics
{
  GHashTable *cache;  /* record id → CachedMetrics */
  GQueue      order;  /* of ids, most recently used first; owned by the cache */
};

typedef struct
{
  char            *id;
  CbMetricSet     *set;
} CachedMetrics;

static GQuark
run_metrics_quark (void)
{
  return g_quark_from_static_string ("cb-session-run-metrics");
}

static void
cached_metrics_free (gpointer data)
{
  CachedMetrics *cached = data;

  g_object_unref (cached->set);
  g_free (cached->id);
  g_free (cached);
}

/**
 * _cb_session_metrics_free:
 *
 * Drops the cache of past runs' metrics.
 */
void
_cb_session_metrics_free (CbSessionMetrics *metrics)
{
  if (metrics == NULL)
    return;

  g_queue_clear (&metrics->order);
  g_hash_table_unref (metrics->cache);
  g_free (metrics);
}

static CbSessionMetrics *
ensure_metrics (CbSession *self)
{
  if (self->metrics == NULL)
    {
      self->metrics = g_new0 (CbSessionMetrics, 1);
      self->metrics->cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                    cached_metrics_free);
      g_queue_init (&self->metrics->order);
    }
  return self->metrics;
}

/* Keeps @set as the metrics of the run @id, the most recent; the least
 * recently used goes when the cache is full
 */
static void
cache_add (CbSession   *self,
           const char  *id,
           CbMetricSet *set)
{
  CbSessionMetrics *metrics = ensure_metrics (self);
  CachedMetrics *cached = g_hash_table_lookup (metrics->cache, id);

  if (cached != NULL)
    {
      g_queue_remove (&metrics->order, cached->id);
      g_set_object (&cached->set, set);
    }
  else
    {
      cached = g_new0 (CachedMetrics, 1);
      cached->id = g_strdup (id);
      cached->set = g_object_ref (set);
      g_hash_table_insert (metrics->cache, cached->id, cached);
    }
  g_queue_push_head (&metrics->order, cached->id);

  while (g_queue_get_length (&metrics->order) > CACHE_SIZE)
    g_hash_table_remove (metrics->cache, g_queue_pop_tail (&metrics->order));
}

static void
cache_remove (CbSession  *self,
              const char *id)
{
  CbSessionMetrics *metrics = ensure_metrics (self);
  CachedMetrics *cached = g_hash_table_lookup (metrics->cache, id);

  if (cached != NULL)
    {
      g_queue_remove (&metrics->order, cached->id);
      g_hash_table_remove (metrics->cache, id);
    }
}

/**
 * cb_session_get_metrics_config:
 * @schema_id: (nullable): the schema of the runs, as
 *   cb_run_get_schema_id() or cb_history_record_get_schema_id() give it
 *
 * Returns: (transfer full): the `metrics` setting of the schema's runs:
 *   the project's, with the schema's own keys over it; the project's
 *   alone when the project has no usable schema of that id, and one that
 *   sets nothing when the project cannot be used
 */
CbMetricsConfig *
cb_session_get_metrics_config (CbSession  *self,
                               const char *schema_id)
{
  int index;
  CbSchema *schema = NULL;

  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  if (self->project == NULL)
    return cb_metrics_config_new ();

  index = schema_id != NULL ? cb_session_find_schema (self, schema_id) : -1;
  if (index >= 0)
    schema = cb_session_get_schema (self, index);

  return cb_metrics_config_merge (cb_project_get_metrics_config (self->project),
                                  schema ? cb_schema_get_metrics_config (schema) : NULL);
}

static void
on_run_output (CbRun       *run,
               GPtrArray   *lines,
               CbMetricSet *set)
{
  cb_metric_set_ingest_run_lines (set, lines);
}

/**
 * _cb_session_metrics_track_run:
 * @run: a run of the session, not started yet
 *
 * Gives @run its metrics, read from each batch of lines it emits.
 */
void
_cb_session_metrics_track_run (CbSession *self,
                               CbRun     *run)
{
  g_autoptr(CbMetricsConfig) config = NULL;
  CbMetricSet *set;

  config = cb_session_get_metrics_config (self, cb_run_get_schema_id (run));
  set = cb_metric_set_new (config);

  /* The set goes with the run; the run's handlers go first */
  g_object_set_qdata_full (G_OBJECT (run), run_metrics_quark (), set, g_object_unref);
  g_signal_connect (run, "output", G_CALLBACK (on_run_output), set);
}

/**
 * _cb_session_metrics_run_recorded:
 * @run: a run of the session that has ended
 * @record: its record in the history
 *
 * The run's metrics stand for the record's from now on.
 */
void
_cb_session_metrics_run_recorded (CbSession       *self,
                                  CbRun           *run,
                                  CbHistoryRecord *record)
{
  CbMetricSet *set = cb_session_get_run_metrics (self, run);

  if (set != NULL)
    cache_add (self, cb_history_record_get_id (record), set);
}

/**
 * cb_session_get_run_metrics:
 * @run: a run that cb_session_start_run() started
 *
 * The metrics of a run as it prints them: the set grows with each batch
 * of lines (#CbMetricSet::changed once a batch), and its series end where
 * the run's output ended, whether it succeeded, failed or was stopped.
 *
 * Returns: (transfer none) (nullable): the run's metrics, which live as
 *   long as the run; %NULL for a run the session did not start
 */
CbMetricSet *
cb_session_get_run_metrics (CbSession *self,
                            CbRun     *run)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);
  g_return_val_if_fail (CB_IS_RUN (run), NULL);

  return g_object_get_qdata (G_OBJECT (run), run_metrics_quark ());
}

/**
 * cb_session_get_record_metrics:
 * @record: a run of the session's history
 *
 * Returns: (transfer none) (nullable): the run's metrics when they are at
 *   hand: the run was this session's, or its log was read lately with the
 *   setting its schema has now; else %NULL, and
 *   cb_session_load_record_metrics_async() reads them
 */
CbMetricSet *
cb_session_get_record_metrics (CbSession       *self,
                               CbHistoryRecord *record)
{
  g_autoptr(CbMetricsConfig) config = NULL;
  CachedMetrics *cached;

  g_return_val_if_fail (CB_IS_SESSION (self), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  cached = g_hash_table_lookup (ensure_metrics (self)->cache, cb_history_record_get_id (record));
  if (cached == NULL)
    return NULL;

  config = cb_session_get_metrics_config (self, cb_history_record_get_schema_id (record));
  if (!cb_metrics_config_equal (config, cb_metric_set_get_config (cached->set)))
    {
      cache_remove (self, cb_history_record_get_id (record));
      return NULL;
    }

  g_queue_remove (&self->metrics->order, cached->id);
  g_queue_push_head (&self->metrics->order, cached->id);
  return cached->set;
}

/* The log of @record, checked as Open Log checks it */
static char *
resolve_log (CbSession        *self,
             CbHistoryRecord  *record,
             GError          **error)
{
  CbHistory *history = cb_session_get_history (self);

  if (history == NULL)
    {
      g_set_error_literal (error, CB_ERROR, CB_ERROR_NOT_FOUND,
                           _("The project cannot be used, so its runs’ logs are not read."));
      return NULL;
    }
  return cb_history_resolve_log (history, record, error);
}

static void
on_record_metrics_loaded (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CbSession *self = g_task_get_source_object (task);
  CbHistoryRecord *record = g_task_get_task_data (task);
  GError *error = NULL;
  CbMetricSet *set = cb_metric_set_new_from_log_finish (result, &error);

  if (set == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cache_add (self, cb_history_record_get_id (record), set);
  g_task_return_pointer (task, set, g_object_unref);
}

/**
 * cb_session_load_record_metrics_async:
 * @record: a run of the session's history
 *
 * Reads a past run's metrics from its log file, on a worker thread, with
 * the setting its schema has now; or gives those at hand
 * (cb_session_get_record_metrics()). The log must pass the checks of
 * cb_history_resolve_log().
 */
void
cb_session_load_record_metrics_async (CbSession           *self,
                                      CbHistoryRecord     *record,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CbMetricsConfig) config = NULL;
  g_autofree char *log = NULL;
  GError *error = NULL;
  CbMetricSet *set;

  g_return_if_fail (CB_IS_SESSION (self));
  g_return_if_fail (CB_IS_HISTORY_RECORD (record));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_session_load_record_metrics_async);
  g_task_set_task_data (task, g_object_ref (record), g_object_unref);

  if ((set = cb_session_get_record_metrics (self, record)) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (set), g_object_unref);
      return;
    }
  if ((log = resolve_log (self, record, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  config = cb_session_get_metrics_config (self, cb_history_record_get_schema_id (record));
  cb_metric_set_new_from_log_async (log, config, cancellable, on_record_metrics_loaded,
                                    g_steal_pointer (&task));
}

/**
 * cb_session_load_record_metrics_finish:
 *
 * Returns: (transfer full): the run's metrics, or %NULL with @error set:
 *   the log is gone, is not the project's, or cannot be read
 */
CbMetricSet *
cb_session_load_record_metrics_finish (CbSession     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Export */

typedef struct
{
  char            *log;
  CbMetricsConfig *config;
  GFile           *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->log);
  g_clear_pointer (&data->config, cb_metrics_config_unref);
  g_clear_object (&data->file);
  g_free (data);
}

/* The file is replaced once all is written; a failure leaves it as it was */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &error);
  if (stream != NULL &&
      cb_metrics_log_write_csv (data->log, data->config, G_OUTPUT_STREAM (stream), cancellable,
                                &error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* A cancelled close of a replacement keeps the file that was there */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
    }
  g_task_return_error (task, error);
}

static void
export_log (CbSession           *self,
            const char          *log,
            const char          *schema_id,
            GFile               *file,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  data->log = g_strdup (log);
  data->config = cb_session_get_metrics_config (self, schema_id);
  data->file = g_object_ref (file);
  g_task_set_source_tag (task, cb_session_export_metrics_finish);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * cb_session_export_record_metrics_async:
 * @record: a run of the session's history
 * @file: the CSV file to write
 *
 * Writes every value of a past run's metrics to @file as CSV,
 * `step,metric,value`, read from its log on a worker thread (see
 * cb_metrics_log_write_csv(): nothing is thinned out). The log must pass
 * the checks of cb_history_resolve_log().
 */
void
cb_session_export_record_metrics_async (CbSession           *self,
                                        CbHistoryRecord     *record,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *log = NULL;
  GError *error = NULL;

  g_return_if_fail (CB_IS_SESSION (self));
  g_return_if_fail (CB_IS_HISTORY_RECORD (record));
  g_return_if_fail (G_IS_FILE (file));

  if ((log = resolve_log (self, record, &error)) == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, cb_session_export_metrics_finish);
      g_task_return_error (task, error);
      return;
    }
  export_log (self, log, cb_history_record_get_schema_id (record), file, cancellable, callback,
              user_data);
}

/**
 * cb_session_export_run_metrics_async:
 * @run: a run, running or ended, that has a log
 * @file: the CSV file to write
 *
 * As cb_session_export_record_metrics_async(), for a run of the session:
 * what its log has so far.
 */
void
cb_session_export_run_metrics_async (CbSession           *self,
                                     CbRun               *run,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CB_IS_SESSION (self));
  g_return_if_fail (CB_IS_RUN (run));
  g_return_if_fail (G_IS_FILE (file));

  if (cb_run_get_log_path (run) == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, cb_session_export_metrics_finish);
      g_task_return_new_error (task, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The run has no log."));
      return;
    }
  export_log (self, cb_run_get_log_path (run), cb_run_get_schema_id (run), file, cancellable,
              callback, user_data);
}

/**
 * cb_session_export_metrics_finish:
 *
 * Returns: whether the CSV file was written; %FALSE with @error set, the
 *   file then left as it was
 */
gboolean
cb_session_export_metrics_finish (CbSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
