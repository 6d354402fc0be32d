/* cb-metric-chart.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-metric-series.h"

G_BEGIN_DECLS

#define CB_TYPE_METRIC_CHART (cb_metric_chart_get_type ())

G_DECLARE_FINAL_TYPE (CbMetricChart, cb_metric_chart, CB, METRIC_CHART, GtkWidget)

GtkWidget  *cb_metric_chart_new             (void);
void        cb_metric_chart_add_series      (CbMetricChart   *self,
                                             CbMetricSeries  *series,
                                             const char      *label);
void        cb_metric_chart_remove_all      (CbMetricChart   *self);
guint       cb_metric_chart_get_n_series    (CbMetricChart   *self);
CbMetricSeries *cb_metric_chart_get_series  (CbMetricChart   *self,
                                             guint            index);
void        cb_metric_chart_set_title       (CbMetricChart   *self,
                                             const char      *title);
const char *cb_metric_chart_get_title       (CbMetricChart   *self);
char       *cb_metric_chart_get_description (CbMetricChart   *self);
GdkTexture *cb_metric_chart_render          (CbMetricChart   *self,
                                             int              width,
                                             int              height,
                                             GError         **error);
gboolean    cb_metric_chart_save_png        (CbMetricChart   *self,
                                             const char      *path,
                                             int              width,
                                             int              height,
                                             GError         **error);

G_END_DECLS
