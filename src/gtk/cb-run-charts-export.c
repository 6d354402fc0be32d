/* cb-run-charts-export.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-export.h"
#include "cb-run-charts-private.h"
#include "cb-session-metrics.h"

/* What leaves the charts: each chart as a PNG image, and a single run's
 * metrics as CSV, every value its log has.
 */

/* Saving a chart */

static void
save_chart (GtkWidget *widget,
            GFile     *file,
            gpointer   user_data)
{
  CbMetricChart *chart = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("The image can only be saved to a local file."));
  if (error != NULL || !cb_metric_chart_save_png (chart, path, 0, 0, &error))
    cb_export_show_error (widget, _("The Image Was Not Saved"), error);
}

void
_cb_run_charts_on_save_chart (CbRunCharts *self,
                              GtkButton   *button)
{
  CbMetricChart *chart = g_object_get_data (G_OBJECT (button), "cb-chart");
  g_autofree char *name = cb_export_file_name (self->schema_id ? self->schema_id : "run",
                                               cb_metric_chart_get_title (chart), ".png", NULL);

  cb_export_choose_file (GTK_WIDGET (self), _("Save the Chart as an Image"), name, save_chart,
                         g_object_ref (chart), g_object_unref);
}

/* Exporting the metrics */

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (cb_session_export_metrics_finish (CB_SESSION (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cb_run_charts_export_csv_async:
 * @file: the CSV file to write
 *
 * Writes every value of the run's metrics to @file, `step,metric,value`,
 * read from its log on a worker thread: the live run's log so far, or the
 * past run's (see cb_session_export_run_metrics_async()). Only the curves
 * of one run export.
 */
void
cb_run_charts_export_csv_async (CbRunCharts         *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Source *source = &self->sources[0];

  g_return_if_fail (CB_IS_RUN_CHARTS (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_run_charts_export_csv_async);
  if (self->n_sources != 1 || self->session == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Only the metrics of one run are exported."));
  else if (source->record != NULL)
    cb_session_export_record_metrics_async (self->session, source->record, file, cancellable,
                                            on_exported, g_steal_pointer (&task));
  else
    cb_session_export_run_metrics_async (self->session, source->run, file, cancellable,
                                         on_exported, g_steal_pointer (&task));
}

/**
 * cb_run_charts_export_csv_finish:
 *
 * Returns: whether the file was written; %FALSE with @error set naming
 *   it, the file then left as it was
 */
gboolean
cb_run_charts_export_csv_finish (CbRunCharts   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_csv_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cb_run_charts_export_csv_finish (CB_RUN_CHARTS (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cb_export_show_error (GTK_WIDGET (source), _("The Metrics Were Not Exported"), error);
}

static void
export_csv (GtkWidget *widget,
            GFile     *file,
            gpointer   user_data)
{
  CbRunCharts *self = CB_RUN_CHARTS (widget);

  cb_run_charts_export_csv_async (self, file, NULL, on_csv_written, NULL);
}

static void
on_export_clicked (CbRunCharts *self)
{
  Source *source = &self->sources[0];
  g_autofree char *name = NULL;

  if (self->n_sources != 1)
    return;
  name = cb_export_file_name (self->schema_id ? self->schema_id : "run",
                              source->record ? cb_history_record_get_id (source->record) : "live",
                              "metrics", ".csv", NULL);
  cb_export_choose_file (GTK_WIDGET (self), _("Export the Metrics as CSV"), name, export_csv,
                         NULL, NULL);
}

void
_cb_run_charts_class_export_init (CbRunChartsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
}
