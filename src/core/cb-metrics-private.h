/* cb-metrics-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include "cb-metrics-parser.h"

G_BEGIN_DECLS

/* Reading metrics is split by concern; this header is what its files
 * share:
 *
 * - cb-metrics-config.c: the `metrics` setting of a project or schema
 * - cb-metrics-scan.c: numbers, marker words and where a line says it is
 * - cb-metrics-forms.c: the built-in forms of a line (pairs, markers,
 *   bars, logging prefixes, tables)
 * - cb-metrics-parser.c: the parser of a run's lines, its state from line
 *   to line, and a project's own pattern
 * - cb-metrics-log.c: reading a log file, split as the run split it
 */

struct _CbMetricsConfig
{
  int         enabled;  /* -1: not set */
  int         builtin;  /* -1: not set */
  char       *pattern;
  GRegex     *regex;
  int         step_group;
  int         epoch_group;
  int         name_group;
  int         value_group;
  char      **metric_groups;  /* named groups that are metrics */
  int        *metric_numbers;
  char      **show;
  char      **ignore;
  GPtrArray  *show_specs;
  GPtrArray  *ignore_specs;
};

struct _CbMetricsParser
{
  CbMetricsConfig *config;
  gboolean         builtin;
  GHashTable      *decisions;  /* name → 1 kept, 2 ignored; only with an `ignore` */

  char             names[CB_METRICS_MAX_VALUES][CB_METRICS_MAX_NAME + 1];
  CbMetricsValue   values[CB_METRICS_MAX_VALUES];
  guint            n_values;
  CbMetricsSample  sample;

  /* What earlier lines told */
  double           epoch;           /* epochs completed */
  double           epoch_number;    /* as printed */
  gboolean         epoch_of_total;  /* printed as `3/10`: counted from 1 */
  double           step;
  double           count;
  gboolean         in_table;
};

/* What one line tells besides its values */
typedef struct
{
  double       epoch;        /* as printed */
  gboolean     epoch_of_total;
  double       step;
  double       step_total;   /* `Step [100/600]`: inside the epoch when there is one */
  double       done;         /* a bar, or `[k/n]` after the epoch */
  double       total;
  gboolean     counts;       /* a marker, a bar or a table row: the values count */
  gboolean     keras;
  const char  *start_marker; /* the end of a marker that starts the line */
} CbMetricsLineInfo;

typedef enum
{
  CB_METRICS_MARKER_NONE,
  CB_METRICS_MARKER_EPOCH,
  CB_METRICS_MARKER_STEP,
} CbMetricsMarker;

/* The characters of names and the blanks between them; inline, as the
 * scanning of every line goes through them
 */
static inline gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '/' || c == '-';
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && is_blank (*p))
    p++;
  return p;
}

/* cb-metrics-scan.c */
const char      *_cb_metrics_scan_number      (const char        *p,
                                               const char        *end,
                                               double            *value);
gboolean         _cb_metrics_value_ends       (const char        *p,
                                               const char        *end);
CbMetricsMarker  _cb_metrics_marker_of        (const char        *name,
                                               gsize              length);
void             _cb_metrics_line_info_init   (CbMetricsLineInfo *info);
void             _cb_metrics_set_marker       (CbMetricsLineInfo *info,
                                               CbMetricsMarker    marker,
                                               double             value,
                                               double             total);
const char      *_cb_metrics_scan_fraction    (const char        *p,
                                               const char        *end,
                                               CbMetricsLineInfo *info);

/* cb-metrics-forms.c */
void             _cb_metrics_parse_builtin    (CbMetricsParser   *self,
                                               CbMetricsLineInfo *info,
                                               const char        *line,
                                               const char        *end);

/* cb-metrics-parser.c */
void             _cb_metrics_parser_add_value (CbMetricsParser   *self,
                                               const char        *name,
                                               gsize              length,
                                               double             value);

G_END_DECLS
