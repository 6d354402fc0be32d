/* cb-run-charts.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-metric-chart.h"
#include "cb-metric-set.h"
#include "cb-session.h"

G_BEGIN_DECLS

#define CB_TYPE_RUN_CHARTS (cb_run_charts_get_type ())

G_DECLARE_FINAL_TYPE (CbRunCharts, cb_run_charts, CB, RUN_CHARTS, GtkWidget)

GtkWidget     *cb_run_charts_new               (void);
void           cb_run_charts_set_page          (CbRunCharts          *self,
                                                CbSession            *session,
                                                const char           *schema_id);
gboolean       cb_run_charts_get_enabled       (CbRunCharts          *self);
void           cb_run_charts_set_run           (CbRunCharts          *self,
                                                CbRun                *run);
void           cb_run_charts_set_records       (CbRunCharts          *self,
                                                CbSession            *session,
                                                CbHistoryRecord      *a,
                                                const char           *label_a,
                                                CbHistoryRecord      *b,
                                                const char           *label_b);
gboolean       cb_run_charts_get_loading       (CbRunCharts          *self);
CbMetricSet   *cb_run_charts_get_metrics       (CbRunCharts          *self,
                                                guint                 index);
const char    *cb_run_charts_get_error         (CbRunCharts          *self);
gboolean       cb_run_charts_get_show_all      (CbRunCharts          *self);
void           cb_run_charts_set_show_all      (CbRunCharts          *self,
                                                gboolean              show_all);
guint          cb_run_charts_get_n_charts      (CbRunCharts          *self);
CbMetricChart *cb_run_charts_get_chart         (CbRunCharts          *self,
                                                guint                 index);
CbMetricChart *cb_run_charts_lookup_chart      (CbRunCharts          *self,
                                                const char           *name);
const char    *cb_run_charts_get_status        (CbRunCharts          *self);
void           cb_run_charts_export_csv_async  (CbRunCharts          *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       cb_run_charts_export_csv_finish (CbRunCharts          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
