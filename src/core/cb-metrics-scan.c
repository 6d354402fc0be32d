/* cb-metrics-scan.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-metrics-private.h"

/* The pieces every form of a line is read with: numbers, without
 * allocating and mostly without strtod; where a number ends, so that
 * `3/10`, `12:00` or `9.5it/s` are not values; the words that say where a
 * run is (`epoch`, `step`); and what a line tells of it.
 */

#define MAX_NUMBER 63

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Reads `[-+]digits[.digits][e[-+]digits]`. Up to 15 digits and a power
 * of ten up to 22, one multiplication or division of two exact doubles is
 * correctly rounded (Clinger's fast path); anything else goes to strtod.
 */
const char *
_cb_metrics_scan_number (const char *p,
                         const char *end,
                         double     *value)
{
  const char *start = p;
  guint64 mantissa = 0;
  int n_digits = 0, scale = 0, exponent = 0;
  gboolean negative = FALSE, any = FALSE;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end && g_ascii_isdigit (*p); p++, any = TRUE)
    if (mantissa != 0 || *p != '0')
      mantissa = mantissa * 10 + (*p - '0'), n_digits++;
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++, any = TRUE)
      {
        if (mantissa != 0 || *p != '0')
          mantissa = mantissa * 10 + (*p - '0'), n_digits++;
        scale++;
      }
  if (!any)
    return NULL;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *q = p + 1;
      gboolean minus = FALSE;

      if (q < end && (*q == '-' || *q == '+'))
        minus = *q++ == '-';
      if (q < end && g_ascii_isdigit (*q))
        {
          for (; q < end && g_ascii_isdigit (*q) && exponent < 10000; q++)
            exponent = exponent * 10 + (*q - '0');
          if (minus)
            exponent = -exponent;
          p = q;
        }
    }

  exponent -= scale;
  if (n_digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double v = (double)mantissa;

      v = exponent < 0 ? v / powers_of_ten[-exponent] : v * powers_of_ten[exponent];
      *value = negative ? -v : v;
    }
  else
    {
      char buffer[MAX_NUMBER + 1];

      if (p - start > MAX_NUMBER)
        return NULL;
      memcpy (buffer, start, p - start);
      buffer[p - start] = '\0';
      *value = g_ascii_strtod (buffer, NULL);
    }

  return p;
}

/* Whether a number ends here: not in `3/10`, `12:00`, `2026-11`, `9.5it/s`,
 * `40%` or `0100.ckpt`
 */
gboolean
_cb_metrics_value_ends (const char *p,
                        const char *end)
{
  if (p == end)
    return TRUE;

  switch (*p)
    {
    case ' ': case '\t': case ',': case ';': case ']': case ')': case '}': case '|':
    case '"': case '\'': case '\r':
      return TRUE;
    case '.':
      return p + 1 == end || is_blank (p[1]);
    default:
      return FALSE;
    }
}

/* `epoch`, `step`, `global_step`, `iter`, `iteration`, also as the last
 * part of a path such as `trainer/global_step`
 */
CbMetricsMarker
_cb_metrics_marker_of (const char *name,
                       gsize       length)
{
  for (gsize i = length; i > 0; i--)
    if (name[i - 1] == '/')
      {
        length -= i;
        name += i;
        break;
      }

#define IS(word) (length == sizeof (word) - 1 && g_ascii_strncasecmp (name, word, length) == 0)
  if (IS ("epoch"))
    return CB_METRICS_MARKER_EPOCH;
  if (IS ("step") || IS ("global_step") || IS ("iter") || IS ("iteration"))
    return CB_METRICS_MARKER_STEP;
#undef IS
  return CB_METRICS_MARKER_NONE;
}

/* `[k/n` right after an epoch: how far into the epoch */
const char *
_cb_metrics_scan_fraction (const char        *p,
                           const char        *end,
                           CbMetricsLineInfo *info)
{
  const char *q = skip_blanks (p, end);
  double done, total;

  if (q == end || *q != '[')
    return p;
  q = skip_blanks (q + 1, end);
  if ((q = _cb_metrics_scan_number (q, end, &done)) == NULL || q == end || *q != '/')
    return p;
  if ((q = _cb_metrics_scan_number (q + 1, end, &total)) == NULL || total <= 0)
    return p;
  if (q < end && *q == ']')
    q++;

  info->done = done;
  info->total = total;
  return q;
}

void
_cb_metrics_set_marker (CbMetricsLineInfo *info,
                        CbMetricsMarker    marker,
                        double             value,
                        double             total)
{
  if (marker == CB_METRICS_MARKER_EPOCH && isnan (info->epoch))
    {
      info->epoch = value;
      info->epoch_of_total = total > 0;
    }
  else if (marker == CB_METRICS_MARKER_STEP && isnan (info->step))
    {
      info->step = value;
      info->step_total = total;
    }
  info->counts = TRUE;
}

void
_cb_metrics_line_info_init (CbMetricsLineInfo *info)
{
  memset (info, 0, sizeof *info);
  info->epoch = info->step = NAN;
}
