/* cb-session-metrics.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-metric-set.h"
#include "cb-run-diff.h"
#include "cb-session.h"

G_BEGIN_DECLS

/* The metrics of the runs of a session: live for its own runs, from the
 * log files for the runs of its history (see cb-session-metrics.c)
 */

CbMetricsConfig *cb_session_get_metrics_config         (CbSession            *self,
                                                        const char           *schema_id);
CbMetricSet     *cb_session_get_run_metrics            (CbSession            *self,
                                                        CbRun                *run);
CbMetricSet     *cb_session_get_record_metrics         (CbSession            *self,
                                                        CbHistoryRecord      *record);
void             cb_session_load_record_metrics_async  (CbSession            *self,
                                                        CbHistoryRecord      *record,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CbMetricSet     *cb_session_load_record_metrics_finish (CbSession            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             cb_session_export_record_metrics_async (CbSession           *self,
                                                         CbHistoryRecord     *record,
                                                         GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void             cb_session_export_run_metrics_async   (CbSession            *self,
                                                        CbRun                *run,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         cb_session_export_metrics_finish      (CbSession            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
