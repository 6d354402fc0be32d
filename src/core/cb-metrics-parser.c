/* cb-metrics-parser.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-metrics-private.h"

/* The parser of a run's lines, in the order the run printed them: the
 * project's pattern first, then the built-in forms (cb-metrics-forms.c),
 * and what earlier lines told of where the run is.
 *
 * The x of a point counts epochs completed: `Epoch 3/10` (1-based, as
 * `3 of 10` says) is 3 at the end of the epoch and 2.4 when its bar is at
 * 4/10; `Epoch 3:` with a bar (Lightning, 0-based) is 3.4 at 4/10.
 * A global step (`step=1200`) is its own x; a line that tells neither
 * takes what earlier lines told, else the count of lines with metrics.
 *
 * The parser allocates nothing per line: names are copied into a fixed
 * table, and numbers of up to 15 digits are converted without strtod.
 */

#define MAX_DECISIONS 4096

/**
 * cb_metrics_parser_new:
 * @config: (nullable): the project's or schema's `metrics` setting
 *
 * Returns: (transfer full): a parser for the lines of one run, in order
 */
CbMetricsParser *
cb_metrics_parser_new (CbMetricsConfig *config)
{
  CbMetricsParser *self = g_new0 (CbMetricsParser, 1);

  self->config = config ? cb_metrics_config_ref (config) : cb_metrics_config_new ();
  self->builtin = self->config->builtin != 0;
  if (self->config->ignore != NULL)
    self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->epoch = self->epoch_number = self->step = NAN;
  for (guint i = 0; i < CB_METRICS_MAX_VALUES; i++)
    self->values[i].name = self->names[i];
  self->sample.values = self->values;

  return self;
}

void
cb_metrics_parser_free (CbMetricsParser *self)
{
  if (self == NULL)
    return;

  cb_metrics_config_unref (self->config);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  g_free (self);
}

/**
 * cb_metrics_parser_get_config:
 *
 * Returns: (transfer none): the config the parser follows
 */
CbMetricsConfig *
cb_metrics_parser_get_config (CbMetricsParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->config;
}

static gboolean
keep_name (CbMetricsParser *self,
           const char      *name)
{
  gpointer decision;

  if (self->decisions == NULL)
    return !g_str_equal (name, "v_num");

  decision = g_hash_table_lookup (self->decisions, name);
  if (decision == NULL)
    {
      decision = GINT_TO_POINTER (cb_metrics_config_is_ignored (self->config, name) ? 2 : 1);
      /* A run that invents names without end costs a match each, no memory */
      if (g_hash_table_size (self->decisions) < MAX_DECISIONS)
        g_hash_table_insert (self->decisions, g_strdup (name), decision);
    }

  return GPOINTER_TO_INT (decision) == 1;
}

/* A value of the line; one that does not fit or is not kept is left out */
void
_cb_metrics_parser_add_value (CbMetricsParser *self,
                              const char      *name,
                              gsize            length,
                              double           value)
{
  char *copy;

  if (self->n_values == CB_METRICS_MAX_VALUES || length == 0 || length > CB_METRICS_MAX_NAME ||
      !isfinite (value))
    return;

  copy = self->names[self->n_values];
  memcpy (copy, name, length);
  copy[length] = '\0';
  if (!keep_name (self, copy))
    return;

  self->values[self->n_values++].value = value;
}

/* The project's pattern, every match of it on the line */
static gboolean
parse_custom (CbMetricsParser   *self,
              CbMetricsLineInfo *info,
              const char        *line,
              gssize             length)
{
  CbMetricsConfig *config = self->config;
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match_full (config->regex, line, length, 0, 0, &match, NULL))
    return FALSE;

  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      double value;

#define GROUP_NUMBER(group, out) \
  (group >= 0 && g_match_info_fetch_pos (match, group, &start, &end) && start >= 0 && end > start && \
   _cb_metrics_scan_number (line + start, line + end, out) == line + end)

      if (GROUP_NUMBER (config->step_group, &value))
        _cb_metrics_set_marker (info, CB_METRICS_MARKER_STEP, value, 0);
      if (GROUP_NUMBER (config->epoch_group, &value))
        _cb_metrics_set_marker (info, CB_METRICS_MARKER_EPOCH, value, 0);
      if (GROUP_NUMBER (config->value_group, &value) &&
          g_match_info_fetch_pos (match, config->name_group, &start, &end) && end > start)
        _cb_metrics_parser_add_value (self, line + start, end - start, value);

      for (guint i = 0; config->metric_groups[i] != NULL; i++)
        if (GROUP_NUMBER (config->metric_numbers[i], &value))
          _cb_metrics_parser_add_value (self, config->metric_groups[i],
                                        strlen (config->metric_groups[i]), value);
#undef GROUP_NUMBER
    }

  info->counts = TRUE;
  return self->n_values > 0;
}

static double
epoch_x (double   number,
         gboolean of_total,
         double   done,
         double   total)
{
  if (total > 0)
    return (of_total ? number - 1 : number) + CLAMP (done / total, 0.0, 1.0);
  return number;
}

/* Takes in what the line told, and says which step its values are at */
static CbMetricsStepKind
update_state (CbMetricsParser   *self,
              CbMetricsLineInfo *info)
{
  gboolean line_epoch = !isnan (info->epoch);

  /* `Epoch [1/5], Step [100/600]`: the step is inside the epoch */
  if (line_epoch && !isnan (info->step) && info->step_total > 0 && info->total == 0)
    {
      info->done = info->step;
      info->total = info->step_total;
      info->step = NAN;
    }

  if (line_epoch)
    {
      self->epoch_number = info->epoch;
      self->epoch_of_total = info->epoch_of_total;
      self->epoch = epoch_x (info->epoch, info->epoch_of_total, info->done, info->total);
    }
  else if (info->keras && !isnan (self->epoch_number))
    {
      /* Keras prints `Epoch 3/10` on a line of its own, then the bar */
      self->epoch = epoch_x (self->epoch_number, self->epoch_of_total, info->done, info->total);
      line_epoch = TRUE;
    }
  if (!isnan (info->step))
    self->step = info->step;

  if (!isnan (info->step))
    return CB_METRICS_STEP_GLOBAL;
  if (line_epoch)
    return CB_METRICS_STEP_EPOCH;
  if (!isnan (self->step))
    return CB_METRICS_STEP_GLOBAL;
  if (!isnan (self->epoch))
    return CB_METRICS_STEP_EPOCH;
  return CB_METRICS_STEP_LINE;
}

/**
 * cb_metrics_parser_parse:
 * @line: a line of a run's output, without its newline; UTF-8 for a
 *   project's pattern to apply
 * @length: its length, or -1 when it ends with a NUL
 *
 * Reads the metrics of a line. The project's pattern comes first; when it
 * finds values on the line, the built-in forms are not tried.
 *
 * Returns: (nullable) (transfer none): the line's metrics, valid until
 *   the next call, or %NULL when it has none
 */
const CbMetricsSample *
cb_metrics_parser_parse (CbMetricsParser *self,
                         const char      *line,
                         gssize           length)
{
  CbMetricsLineInfo info;
  CbMetricsStepKind kind;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  if (length < 0)
    length = strlen (line);
  if (self->config->enabled == 0)
    return NULL;

  self->n_values = 0;
  _cb_metrics_line_info_init (&info);
  if (self->config->regex == NULL || !parse_custom (self, &info, line, length))
    {
      self->n_values = 0;
      _cb_metrics_line_info_init (&info);
      if (self->builtin)
        _cb_metrics_parse_builtin (self, &info, line, line + length);
    }

  if (self->n_values == 0 || !info.counts)
    {
      /* `Epoch 3/10` alone: Keras's bars and tqdm's lines that follow are in it */
      if (info.start_marker != NULL)
        update_state (self, &info);
      return NULL;
    }

  kind = update_state (self, &info);
  self->count++;
  self->sample.kind = kind;
  self->sample.epoch = self->epoch;
  self->sample.step = self->step;
  self->sample.line = self->count;
  self->sample.n_values = self->n_values;
  return &self->sample;
}

/**
 * cb_metrics_sample_get_x:
 * @kind: what the axis counts
 *
 * Returns: where the sample is on an axis that counts @kind; the count of
 *   lines when the run has not told that yet
 */
double
cb_metrics_sample_get_x (const CbMetricsSample *sample,
                         CbMetricsStepKind      kind)
{
  g_return_val_if_fail (sample != NULL, 0);

  switch (kind)
    {
    case CB_METRICS_STEP_EPOCH:
      return isnan (sample->epoch) ? sample->line : sample->epoch;
    case CB_METRICS_STEP_GLOBAL:
      return isnan (sample->step) ? sample->line : sample->step;
    case CB_METRICS_STEP_LINE:
    default:
      return sample->line;
    }
}
