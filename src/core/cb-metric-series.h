/* cb-metric-series.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-metrics-parser.h"

G_BEGIN_DECLS

/* A series never holds more points than this, however long the run */
#define CB_METRIC_SERIES_MAX_POINTS 2000

/**
 * CbMetricPoint:
 * @x: where the point is: the mean of the steps it stands for
 * @y: the mean of the values it stands for
 * @min: the lowest of them
 * @max: the highest of them
 * @n: how many values it stands for
 *
 * A point of a series; once a series has been thinned out, a point stands
 * for several values in a row.
 */
typedef struct
{
  double x;
  double y;
  double min;
  double max;
  guint  n;
} CbMetricPoint;

#define CB_TYPE_METRIC_SERIES (cb_metric_series_get_type ())

G_DECLARE_FINAL_TYPE (CbMetricSeries, cb_metric_series, CB, METRIC_SERIES, GObject)

CbMetricSeries      *cb_metric_series_new          (const char        *name,
                                                    CbMetricsStepKind  kind);
const char          *cb_metric_series_get_name     (CbMetricSeries    *self);
CbMetricsStepKind    cb_metric_series_get_kind     (CbMetricSeries    *self);
gboolean             cb_metric_series_get_shown    (CbMetricSeries    *self);
void                 cb_metric_series_set_shown    (CbMetricSeries    *self,
                                                    gboolean           shown);
void                 cb_metric_series_add          (CbMetricSeries    *self,
                                                    double             x,
                                                    double             y);
gboolean             cb_metric_series_flush        (CbMetricSeries    *self);
guint                cb_metric_series_get_n_points (CbMetricSeries    *self);
const CbMetricPoint *cb_metric_series_get_points   (CbMetricSeries    *self,
                                                    guint             *n_points);
guint64              cb_metric_series_get_n_values (CbMetricSeries    *self);
double               cb_metric_series_get_last     (CbMetricSeries    *self);
double               cb_metric_series_get_last_x   (CbMetricSeries    *self);
double               cb_metric_series_get_min      (CbMetricSeries    *self);
double               cb_metric_series_get_max      (CbMetricSeries    *self);
void                 cb_metric_series_get_x_range  (CbMetricSeries    *self,
                                                    double            *lo,
                                                    double            *hi);
GArray              *cb_metric_series_decimate     (CbMetricSeries    *self,
                                                    double             x_lo,
                                                    double             x_hi,
                                                    guint              columns);

const char          *cb_metrics_step_kind_to_string (CbMetricsStepKind kind);
char                *cb_metric_format_value         (double            value);

G_END_DECLS
