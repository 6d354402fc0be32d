/* cb-curves-window.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-run-charts.h"

G_BEGIN_DECLS

#define CB_TYPE_CURVES_WINDOW (cb_curves_window_get_type ())

G_DECLARE_FINAL_TYPE (CbCurvesWindow, cb_curves_window, CB, CURVES_WINDOW, GtkWindow)

GtkWidget       *cb_curves_window_new        (GtkWindow       *parent,
                                              CbSession       *session,
                                              CbHistoryRecord *record,
                                              const char      *heading);
CbHistoryRecord *cb_curves_window_get_record (CbCurvesWindow  *self);
CbRunCharts     *cb_curves_window_get_charts (CbCurvesWindow  *self);

G_END_DECLS
