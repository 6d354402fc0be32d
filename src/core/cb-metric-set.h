/* cb-metric-set.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-metric-series.h"
#include "cb-metrics-parser.h"

G_BEGIN_DECLS

/* A run keeps at most this many metrics; more names are not kept */
#define CB_METRIC_SET_MAX_SERIES 100

#define CB_TYPE_METRIC_SET (cb_metric_set_get_type ())

G_DECLARE_FINAL_TYPE (CbMetricSet, cb_metric_set, CB, METRIC_SET, GObject)

CbMetricSet     *cb_metric_set_new                 (CbMetricsConfig        *config);
CbMetricsConfig *cb_metric_set_get_config          (CbMetricSet            *self);
void             cb_metric_set_feed                (CbMetricSet            *self,
                                                    const char             *line,
                                                    gssize                  length);
void             cb_metric_set_add_sample          (CbMetricSet            *self,
                                                    const CbMetricsSample  *sample);
void             cb_metric_set_flush               (CbMetricSet            *self);
void             cb_metric_set_ingest_run_lines    (CbMetricSet            *self,
                                                    GPtrArray              *lines);
CbMetricSeries  *cb_metric_set_lookup              (CbMetricSet            *self,
                                                    const char             *name);
GPtrArray       *cb_metric_set_get_shown_series    (CbMetricSet            *self);
guint64          cb_metric_set_get_n_left_out      (CbMetricSet            *self);

gboolean         cb_metric_set_load_log            (CbMetricSet            *self,
                                                    const char             *path,
                                                    GCancellable           *cancellable,
                                                    GError                **error);
void             cb_metric_set_new_from_log_async  (const char             *path,
                                                    CbMetricsConfig        *config,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
CbMetricSet     *cb_metric_set_new_from_log_finish (GAsyncResult           *result,
                                                    GError                **error);

gboolean         cb_metric_set_write_csv           (CbMetricSet            *self,
                                                    GOutputStream          *stream,
                                                    GCancellable           *cancellable,
                                                    GError                **error);
gboolean         cb_metrics_log_write_csv          (const char             *log_path,
                                                    CbMetricsConfig        *config,
                                                    GOutputStream          *stream,
                                                    GCancellable           *cancellable,
                                                    GError                **error);

G_END_DECLS
