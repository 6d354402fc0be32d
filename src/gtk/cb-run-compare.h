/* cb-run-compare.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-run-charts.h"
#include "cb-run-diff.h"

G_BEGIN_DECLS

#define CB_TYPE_RUN_COMPARE (cb_run_compare_get_type ())

G_DECLARE_FINAL_TYPE (CbRunCompare, cb_run_compare, CB, RUN_COMPARE, GtkWindow)

GtkWidget       *cb_run_compare_new                (GtkWindow            *parent,
                                                    CbSession            *session,
                                                    CbHistoryRecord      *a,
                                                    CbHistoryRecord      *b);
void             cb_run_compare_set_runs           (CbRunCompare         *self,
                                                    CbHistoryRecord      *a,
                                                    CbHistoryRecord      *b);
CbHistoryRecord *cb_run_compare_get_run            (CbRunCompare         *self,
                                                    gboolean              second);
CbRunDiff       *cb_run_compare_get_diff           (CbRunCompare         *self);
gboolean         cb_run_compare_get_show_all       (CbRunCompare         *self);
void             cb_run_compare_set_show_all       (CbRunCompare         *self,
                                                    gboolean              show_all);
GStrv            cb_run_compare_get_shown_keys     (CbRunCompare         *self);
const char      *cb_run_compare_get_command        (CbRunCompare         *self,
                                                    gboolean              second);
GStrv            cb_run_compare_get_marked_args    (CbRunCompare         *self,
                                                    gboolean              second);
CbRunCharts     *cb_run_compare_get_charts         (CbRunCompare         *self);
void             cb_run_compare_use_values         (CbRunCompare         *self,
                                                    gboolean              second);
char            *cb_run_compare_to_text            (CbRunCompare         *self);
void             cb_run_compare_export_text_async  (CbRunCompare         *self,
                                                    GFile                *file,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         cb_run_compare_export_text_finish (CbRunCompare         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
