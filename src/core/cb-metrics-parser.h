/* cb-metrics-parser.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-yaml.h"

G_BEGIN_DECLS

/* Longer names are not metrics: no runner prints them, and a bound keeps
 * the memory of a run's metrics bounded too.
 */
#define CB_METRICS_MAX_NAME 64

/* A line gives at most this many values; the rest of the line is ignored */
#define CB_METRICS_MAX_VALUES 64

/**
 * CbMetricsStepKind:
 * @CB_METRICS_STEP_LINE: the count of lines that gave metrics, from 1
 * @CB_METRICS_STEP_EPOCH: epochs completed, with fractions inside an epoch
 * @CB_METRICS_STEP_GLOBAL: the global step (`step=1200`, `iter 40`)
 *
 * What the x axis of a metric counts.
 */
typedef enum
{
  CB_METRICS_STEP_LINE,
  CB_METRICS_STEP_EPOCH,
  CB_METRICS_STEP_GLOBAL,
} CbMetricsStepKind;

/**
 * CbMetricsValue:
 * @name: the metric's name as printed, such as `val/hmean`
 * @value: a finite number
 */
typedef struct
{
  const char *name;
  double      value;
} CbMetricsValue;

/**
 * CbMetricsSample:
 * @kind: the best step the line tells (or an earlier line told)
 * @epoch: epochs completed, or NAN when no line told
 * @step: the global step, or NAN when no line told
 * @line: the count of lines that gave metrics, this one included
 * @n_values: how many values the line gave, at least 1
 * @values: the values, in line order
 *
 * The metrics of one line. It belongs to the parser and is valid until the
 * next line is parsed.
 */
typedef struct
{
  CbMetricsStepKind     kind;
  double                epoch;
  double                step;
  double                line;
  guint                 n_values;
  const CbMetricsValue *values;
} CbMetricsSample;

double cb_metrics_sample_get_x (const CbMetricsSample *sample,
                                CbMetricsStepKind      kind);

typedef struct _CbMetricsConfig CbMetricsConfig;

#define CB_TYPE_METRICS_CONFIG (cb_metrics_config_get_type ())

GType            cb_metrics_config_get_type    (void) G_GNUC_CONST;
CbMetricsConfig *cb_metrics_config_new         (void);
CbMetricsConfig *cb_metrics_config_load        (CbNode           *node,
                                                GPtrArray        *diagnostics);
CbMetricsConfig *cb_metrics_config_merge       (CbMetricsConfig  *base,
                                                CbMetricsConfig  *over);
gboolean         cb_metrics_config_equal       (CbMetricsConfig  *a,
                                                CbMetricsConfig  *b);
CbMetricsConfig *cb_metrics_config_ref         (CbMetricsConfig  *self);
void             cb_metrics_config_unref       (CbMetricsConfig  *self);
gboolean         cb_metrics_config_get_enabled (CbMetricsConfig  *self);
const char      *cb_metrics_config_get_pattern (CbMetricsConfig  *self);
const char * const *cb_metrics_config_get_show (CbMetricsConfig  *self);
gboolean         cb_metrics_config_is_shown    (CbMetricsConfig  *self,
                                                const char       *name);
gboolean         cb_metrics_config_is_ignored  (CbMetricsConfig  *self,
                                                const char       *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMetricsConfig, cb_metrics_config_unref)

typedef struct _CbMetricsParser CbMetricsParser;

/**
 * CbMetricsSampleFunc:
 * @sample: the metrics of a line
 * @user_data: the data given with the function
 *
 * Returns: %FALSE to stop reading
 */
typedef gboolean (*CbMetricsSampleFunc) (const CbMetricsSample *sample,
                                         gpointer               user_data);

CbMetricsParser       *cb_metrics_parser_new        (CbMetricsConfig     *config);
void                   cb_metrics_parser_free       (CbMetricsParser     *self);
CbMetricsConfig       *cb_metrics_parser_get_config (CbMetricsParser     *self);
const CbMetricsSample *cb_metrics_parser_parse      (CbMetricsParser     *self,
                                                     const char          *line,
                                                     gssize               length);
gboolean               cb_metrics_parser_read_file  (CbMetricsParser     *self,
                                                     const char          *path,
                                                     CbMetricsSampleFunc  func,
                                                     gpointer             user_data,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMetricsParser, cb_metrics_parser_free)

G_END_DECLS
