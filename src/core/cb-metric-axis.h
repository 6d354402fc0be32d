/* cb-metric-axis.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cb-metric-series.h"

G_BEGIN_DECLS

#define CB_METRIC_AXIS_MAX_TICKS 16

/**
 * CbMetricAxis:
 * @lo: the low end of the axis: the data's, moved down to a tick on a
 *   value axis
 * @hi: the high end, moved up to a tick on a value axis
 * @step: between two ticks: 1, 2, 2.5 or 5 times a power of ten
 * @n_ticks: how many ticks
 * @ticks: where they are, between @lo and @hi
 * @decimals: how many decimals a tick's label needs, or -1 for
 *   scientific notation
 *
 * One axis of a chart, with round numbers at its ticks. Plain data, so
 * that a chart's layout can be tested without drawing it.
 */
typedef struct
{
  double lo;
  double hi;
  double step;
  guint  n_ticks;
  double ticks[CB_METRIC_AXIS_MAX_TICKS];
  int    decimals;
} CbMetricAxis;

void  cb_metric_axis_init         (CbMetricAxis       *axis,
                                   double              lo,
                                   double              hi,
                                   guint               max_ticks,
                                   gboolean            integers,
                                   gboolean            extend);
char *cb_metric_axis_format       (const CbMetricAxis *axis,
                                   double              value);
void  cb_metric_axis_init_for     (CbMetricAxis       *x_axis,
                                   CbMetricAxis       *y_axis,
                                   CbMetricSeries    **series,
                                   guint               n_series,
                                   guint               max_x_ticks,
                                   guint               max_y_ticks);
double cb_metric_axis_position    (const CbMetricAxis *axis,
                                   double              value);

G_END_DECLS
