/* cb-metrics-forms.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-metrics-private.h"

/* The built-in forms of a line that gives metrics.
 *
 * A line gives metrics when it says where the run is: an epoch or step
 * marker (`Epoch 3/10`, `epoch=3`, `'epoch': 0.5`, `Step [100/600]`,
 * `iter 40`), a tqdm bar (`40%|####  | 4/10 [...]`) or a Keras bar
 * (`10/10 [=====] - ...`). Its values are the `name=value`, `name: value`
 * and `'name': value` pairs on it, and, on a line that starts with a marker
 * and has no such pairs, `name value` pairs (`epoch 3 loss 0.43 acc 0.91`)
 * when the whole rest of the line is made of them. Lightning's tables of
 * test and validation metrics (`Test metric  DataLoader 0`) give a value
 * per row.
 *
 * What is not read, so that a run's config dump, its overrides and its
 * prose make no curves: pairs on a line with no marker or bar
 * (`Optimizer: adam, lr=0.001`); a value followed by anything but a
 * separator (`3/10`, `12:00:00`, `2026-11-30`, `9.5it/s`, `40%`, `0.5s`,
 * `epoch=09-step=0100.ckpt`); a word marker inside a sentence (`already
 * at epoch 3:`); `v_num`; nan and inf.
 */

/* `name=value`, `name: value`, `'name': value`, `name=tensor(0.43, ...)` */
static gboolean
scan_pair (CbMetricsParser    *self,
           CbMetricsLineInfo  *info,
           const char         *p,
           const char         *end,
           const char        **next)
{
  const char *name, *name_end, *q;
  char quote = 0;
  gboolean wrapped = FALSE;
  double value;
  CbMetricsMarker marker;

  if (*p == '\'' || *p == '"')
    quote = *p++;
  if (p == end || !is_name_start (*p))
    return FALSE;
  for (name = p; p < end && is_name_char (*p); p++)
    ;
  name_end = p;
  if (quote != 0 && (p == end || *p++ != quote))
    return FALSE;

  q = skip_blanks (p, end);
  if (q < end && *q == '=')
    q = skip_blanks (q + 1, end);
  else if (p < end && *p == ':')
    q = skip_blanks (p + 1, end);
  else
    return FALSE;

  /* A wrapper such as tensor( or np.float64( */
  if (q < end && is_name_start (*q))
    {
      while (q < end && (g_ascii_isalnum (*q) || *q == '_' || *q == '.'))
        q++;
      if (q == end || *q != '(')
        return FALSE;
      q++;
      wrapped = TRUE;
    }

  if ((q = _cb_metrics_scan_number (q, end, &value)) == NULL)
    return FALSE;
  if (wrapped)
    {
      const char *close = q < end && (*q == ')' || *q == ',') ? memchr (q, ')', end - q) : NULL;

      if (close == NULL)
        return FALSE;
      q = close + 1;
    }
  else if (!_cb_metrics_value_ends (q, end))
    return FALSE;

  marker = _cb_metrics_marker_of (name, name_end - name);
  if (marker != CB_METRICS_MARKER_NONE)
    {
      _cb_metrics_set_marker (info, marker, value, 0);
      if (marker == CB_METRICS_MARKER_EPOCH)
        q = _cb_metrics_scan_fraction (q, end, info);
    }
  else
    _cb_metrics_parser_add_value (self, name, name_end - name, value);

  *next = q;
  return TRUE;
}

/* A marker word may start the line or follow a separator, as in
 * `- Epoch(train) [3]` or `(epoch 3, step 40)`; inside a sentence
 * (`already at epoch 3:`) it is not one.
 */
static gboolean
marker_word_allowed (const char *start,
                     const char *p)
{
  while (p > start && is_blank (p[-1]))
    p--;
  return p == start || strchr ("[|,;({-:", p[-1]) != NULL;
}

/* After a marker word: `3`, `3/10`, `3 of 10`, `[3/10]`, `(train) [3][100/500]` */
static gboolean
scan_marker_word (CbMetricsLineInfo  *info,
                  CbMetricsMarker     marker,
                  const char         *p,
                  const char         *end,
                  const char        **next)
{
  double number, total = 0;
  gboolean bracket = FALSE;
  const char *q = p;
  const char *t;

  if (q < end && *q == '(')
    {
      const char *close = memchr (q, ')', MIN (end - q, 24));

      if (close == NULL)
        return FALSE;
      q = close + 1;
    }
  q = skip_blanks (q, end);
  if (q < end && *q == '[')
    bracket = TRUE, q = skip_blanks (q + 1, end);
  if (q == end || !g_ascii_isdigit (*q) || (q = _cb_metrics_scan_number (q, end, &number)) == NULL)
    return FALSE;

  if (q < end && *q == '/' && (t = _cb_metrics_scan_number (q + 1, end, &total)) != NULL)
    q = t;
  else if (end - q > 4 && memcmp (q, " of ", 4) == 0 &&
           (t = _cb_metrics_scan_number (q + 4, end, &total)) != NULL)
    q = t;
  else
    total = 0;

  if (bracket)
    {
      q = skip_blanks (q, end);
      if (q == end || *q != ']')
        return FALSE;
      q++;
    }
  if (q < end && !strchr (" \t,:;|])[", *q))
    return FALSE;

  _cb_metrics_set_marker (info, marker, number, total);
  if (marker == CB_METRICS_MARKER_EPOCH)
    q = _cb_metrics_scan_fraction (q, end, info);
  *next = q;
  return TRUE;
}

/* tqdm: `40%|####      | 4/10 [` */
static void
scan_bar (CbMetricsLineInfo *info,
          const char        *p,
          const char        *end)
{
  const char *bar_end = memchr (p, '|', MIN (end - p, 512));
  const char *q;
  double done, total;

  if (bar_end == NULL)
    return;

  info->counts = TRUE;
  q = skip_blanks (bar_end + 1, end);
  if ((q = _cb_metrics_scan_number (q, end, &done)) != NULL && q < end && *q == '/' &&
      _cb_metrics_scan_number (q + 1, end, &total) != NULL && total > 0 && info->total == 0)
    {
      info->done = done;
      info->total = total;
    }
}

/* Keras: `10/10 [==============================] - 1s - loss: 0.43` */
static void
scan_keras_bar (CbMetricsLineInfo *info,
                const char        *p,
                const char        *end)
{
  double done, total;
  const char *q;

  if ((q = _cb_metrics_scan_number (p, end, &done)) == NULL || q == end || *q != '/' ||
      (q = _cb_metrics_scan_number (q + 1, end, &total)) == NULL || total <= 0)
    return;
  if (end - q < 3 || q[0] != ' ' || q[1] != '[')
    return;
  for (q += 2; q < end && (*q == '=' || *q == '>' || *q == '.'); q++)
    ;
  if (q == end || *q != ']')
    return;

  info->keras = TRUE;
  info->counts = TRUE;
  info->done = done;
  info->total = total;
}

static void
scan_line (CbMetricsParser   *self,
           CbMetricsLineInfo *info,
           const char        *start,
           const char        *end)
{
  const char *p = start;

  while (p < end)
    {
      const char *next = NULL;
      char c = *p;

      if ((is_name_start (c) || c == '\'' || c == '"') && (p == start || !is_name_char (p[-1])))
        {
          CbMetricsMarker marker;
          const char *word;

          if (scan_pair (self, info, p, end, &next))
            {
              p = next;
              continue;
            }
          if (c == '\'' || c == '"')
            {
              p++;
              continue;
            }

          for (word = p; p < end && is_name_char (*p); p++)
            ;
          marker = _cb_metrics_marker_of (word, p - word);
          if (marker != CB_METRICS_MARKER_NONE && memchr (word, '/', p - word) == NULL &&
              marker_word_allowed (start, word) && scan_marker_word (info, marker, p, end, &next))
            {
              if (word == start)
                info->start_marker = next;
              p = next;
            }
          continue;
        }

      if (c == '%' && p + 1 < end && p[1] == '|')
        scan_bar (info, p + 2, end);
      p++;
    }
}

/* `epoch 3 loss 0.43 acc 0.91`: read only when all of the rest is pairs */
static void
scan_plain_pairs (CbMetricsParser   *self,
                  CbMetricsLineInfo *info,
                  const char        *p,
                  const char        *end)
{
  guint first = self->n_values;

  for (;;)
    {
      const char *name, *name_end;
      double value;
      CbMetricsMarker marker;

      while (p < end && strchr (" \t,;|:-", *p) != NULL)
        p++;
      if (p == end)
        return;
      if (!is_name_start (*p))
        break;
      for (name = p; p < end && is_name_char (*p); p++)
        ;
      name_end = p;
      if (p == end || !is_blank (*p))
        break;
      p = skip_blanks (p, end);
      if ((p = _cb_metrics_scan_number (p, end, &value)) == NULL ||
          !_cb_metrics_value_ends (p, end))
        break;

      marker = _cb_metrics_marker_of (name, name_end - name);
      if (marker != CB_METRICS_MARKER_NONE)
        _cb_metrics_set_marker (info, marker, value, 0);
      else
        _cb_metrics_parser_add_value (self, name, name_end - name, value);
    }

  self->n_values = first;
}

/* Logging prefixes, so that a marker after them starts the line:
 * Hydra's `[2026-11-30 12:00:00,123][__main__][INFO] - `, logging's
 * `INFO:__main__:` and `... - INFO - `, loguru's `| INFO | name:12 - `
 */
static gboolean
is_level (const char *word,
          gsize       length)
{
  static const char * const levels[] = { "INFO", "DEBUG", "WARNING", "ERROR", "CRITICAL" };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (strlen (levels[i]) == length && memcmp (levels[i], word, length) == 0)
      return TRUE;
  return FALSE;
}

static const char *
skip_log_prefix (const char *p,
                 const char *end)
{
  const char *window_end = p + MIN (end - p, 96);

  if (end - p < 5 || !(*p == '[' || g_ascii_isdigit (*p) || g_ascii_isupper (*p)))
    return p;

  for (const char *w = p; w < window_end; w++)
    {
      const char *after, *dash;

      if (!g_ascii_isupper (*w) || (w > p && g_ascii_isalnum (w[-1])))
        continue;
      for (after = w; after < end && g_ascii_isalnum (*after); after++)
        ;
      if (!is_level (w, after - w))
        {
          w = after;
          continue;
        }

      if (w == p && after < end && *after == ':')
        {
          const char *colon = memchr (after + 1, ':', MIN (end - after - 1, 64));

          return colon != NULL ? colon + 1 : after + 1;
        }
      dash = g_strstr_len (after, MIN (end - after, 64), " - ");
      return dash != NULL ? dash + 3 : p;
    }

  return p;
}

static gboolean
is_box (const char *p,
        const char *end)
{
  /* U+2500 to U+257F, box drawing: E2 94 xx and E2 95 xx */
  return end - p >= 3 && (guchar)p[0] == 0xE2 && ((guchar)p[1] == 0x94 || (guchar)p[1] == 0x95);
}

static const char *
skip_box_and_blanks (const char *p,
                     const char *end)
{
  for (;;)
    if (p < end && is_blank (*p))
      p++;
    else if (is_box (p, end))
      p += 3;
    else
      return p;
}

/* `-----` or `───────`: the rules of a table */
static gboolean
is_rule (const char *p,
         const char *end)
{
  while (p < end)
    if (*p == '-' || *p == '=' || is_blank (*p))
      p++;
    else if (is_box (p, end))
      p += 3;
    else
      return FALSE;
  return TRUE;
}

/* A row of Lightning's table of test or validation metrics:
 * `test/hmean   0.8123`, or a rule; FALSE when the table has ended
 */
static gboolean
scan_table_row (CbMetricsParser   *self,
                CbMetricsLineInfo *info,
                const char        *p,
                const char        *end)
{
  const char *name, *q;
  double value;

  if (p == end)
    return FALSE;
  if (is_rule (p, end))
    return TRUE;
  p = skip_box_and_blanks (p, end);

  if (!is_name_start (*p))
    return FALSE;
  for (name = p; p < end && is_name_char (*p); p++)
    ;
  q = skip_box_and_blanks (p, end);
  if (q == p || (q = _cb_metrics_scan_number (q, end, &value)) == NULL ||
      !(q == end || is_blank (*q) || is_box (q, end)))
    return FALSE;

  _cb_metrics_parser_add_value (self, name, p - name, value);
  info->counts = TRUE;
  return TRUE;
}

/* What the built-in forms find on a line, into the parser and @info */
void
_cb_metrics_parse_builtin (CbMetricsParser   *self,
                           CbMetricsLineInfo *info,
                           const char        *line,
                           const char        *end)
{
  const char *p = skip_blanks (skip_log_prefix (line, end), end);

  if (self->in_table)
    {
      if (scan_table_row (self, info, p, end))
        return;
      self->in_table = FALSE;
    }
  if (g_strstr_len (p, end - p, " metric") != NULL && g_strstr_len (p, end - p, "DataLoader") != NULL)
    {
      self->in_table = TRUE;
      return;
    }

  if (p < end && g_ascii_isdigit (*p))
    scan_keras_bar (info, p, end);
  scan_line (self, info, p, end);
  if (self->n_values == 0 && info->start_marker != NULL)
    scan_plain_pairs (self, info, info->start_marker, end);
}
