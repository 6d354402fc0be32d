/* cb-run-charts-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-run-charts.h"

G_BEGIN_DECLS

/* CbRunCharts is split by concern around this header:
 *
 * - cb-run-charts.c: the view, its sources (a live run or past ones) and
 *   their charts;
 * - cb-run-charts-export.c: saving a chart as an image, and exporting a
 *   run's metrics as CSV.
 */

typedef struct
{
  CbMetricSet     *set;     /* NULL while read, or when it could not be */
  char            *label;
  CbRun           *run;     /* a live run, or */
  CbHistoryRecord *record;  /* a past one */
  char            *error;
} Source;

typedef struct
{
  char          *name;
  GtkWidget     *child;   /* in the flow box */
  CbMetricChart *chart;
} Card;

struct _CbRunCharts
{
  GtkWidget     parent_instance;

  CbSession    *session;
  char         *schema_id;
  gboolean      enabled;
  gboolean      show_all;
  Source        sources[2];
  guint         n_sources;
  GCancellable *cancellable;  /* of the logs being read */
  guint         n_loading;
  GPtrArray    *cards;        /* of Card, in the order shown */

  GtkWidget    *toolbar;
  GtkWidget    *show_all_button;
  GtkWidget    *export_button;
  GtkWidget    *stack;
  GtkWidget    *status_title;
  GtkWidget    *status_label;
  GtkWidget    *spinner;
  GtkWidget    *flow;
};

/* cb-run-charts-export.c */
void  _cb_run_charts_class_export_init  (CbRunChartsClass *klass);
void  _cb_run_charts_on_save_chart      (CbRunCharts      *self,
                                         GtkButton        *button);

G_END_DECLS
