/* cb-metric-axis.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-metric-axis.h"

/* The step between ticks: the smallest of 1, 2, 2.5 and 5 times a power of
 * ten that fits @max_ticks ticks between @lo and @hi. An axis of epochs or
 * steps has whole steps, and no 2.5.
 */
static double
nice_step (double   lo,
           double   hi,
           guint    max_ticks,
           gboolean integers)
{
  static const double factors[] = { 1, 2, 2.5, 5, 10 };
  double raw = (hi - lo) / MAX (1, (int)max_ticks - 1);
  double magnitude = pow (10, floor (log10 (raw)));

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        {
          double step = factors[i] * magnitude;

          if ((integers && (step < 1 || factors[i] == 2.5)) || step < raw * (1 - 1e-9))
            continue;
          /* The ticks on round numbers around the data must fit too */
          if (ceil (hi / step - 1e-9) - floor (lo / step + 1e-9) + 1 <= MIN (max_ticks, CB_METRIC_AXIS_MAX_TICKS))
            return step;
        }
      magnitude *= 10;
    }
}

static int
decimals_of (double step,
             double lo,
             double hi)
{
  double largest = MAX (fabs (lo), fabs (hi));

  if (largest >= 1e6 || step < 1e-4)
    return -1;
  for (int d = 0; d <= 6; d++)
    {
      double scaled = step * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6 * scaled)
        return d;
    }
  return -1;
}

/**
 * cb_metric_axis_init:
 * @lo: the lowest value to show
 * @hi: the highest value to show
 * @max_ticks: how many ticks there is room for, at least 2
 * @integers: whether the ticks are whole numbers (epochs, steps, lines)
 * @extend: whether the axis runs from the tick at or below @lo to the one
 *   at or above @hi (a value axis), or from @lo to @hi with the ticks
 *   between them (an axis of steps, which starts where the run started)
 *
 * Lays out an axis with round ticks. A range of one value is widened
 * around it; an empty one (NAN) is 0 to 1.
 */
void
cb_metric_axis_init (CbMetricAxis *axis,
                     double        lo,
                     double        hi,
                     guint         max_ticks,
                     gboolean      integers,
                     gboolean      extend)
{
  double first;

  g_return_if_fail (axis != NULL);

  max_ticks = CLAMP (max_ticks, 2, CB_METRIC_AXIS_MAX_TICKS);
  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (lo > hi)
    {
      double swap = lo;

      lo = hi;
      hi = swap;
    }
  if (hi - lo < 1e-12 * MAX (1, fabs (hi)))
    {
      double margin = integers ? 1 : lo == 0 ? 1 : fabs (lo) * 0.1;

      lo -= margin;
      hi += margin;
    }

  memset (axis, 0, sizeof *axis);
  axis->step = nice_step (lo, hi, max_ticks, integers);
  axis->lo = extend ? floor (lo / axis->step + 1e-9) * axis->step : lo;
  axis->hi = extend ? ceil (hi / axis->step - 1e-9) * axis->step : hi;
  first = ceil (axis->lo / axis->step - 1e-9) * axis->step;
  for (double t = first; t <= axis->hi + axis->step * 1e-6 && axis->n_ticks < CB_METRIC_AXIS_MAX_TICKS;
       t = first + axis->n_ticks * axis->step)
    axis->ticks[axis->n_ticks++] = fabs (t) < axis->step * 1e-9 ? 0 : t;
  axis->decimals = decimals_of (axis->step, axis->lo, axis->hi);
}

/**
 * cb_metric_axis_format:
 *
 * Returns: (transfer full): @value as a tick's label, with the decimals
 *   the axis's step needs: `0.2`, `0.25`, `1200`, `1.0e-05`
 */
char *
cb_metric_axis_format (const CbMetricAxis *axis,
                       double              value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_return_val_if_fail (axis != NULL, NULL);

  if (axis->decimals < 0)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1e", value));

  g_snprintf (format, sizeof format, "%%.%df", axis->decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  /* Not `-0.0` */
  if (buffer[0] == '-' && strspn (buffer + 1, "0.") == strlen (buffer + 1))
    return g_strdup (buffer + 1);
  return g_strdup (buffer);
}

/**
 * cb_metric_axis_init_for:
 * @series: (array length=n_series): the series a chart shows together
 *
 * Lays out a chart's axes so that every value of @series fits: the x axis
 * from the first step to the last, in whole numbers unless fractions of
 * epochs were printed; the y axis from tick to tick.
 */
void
cb_metric_axis_init_for (CbMetricAxis    *x_axis,
                         CbMetricAxis    *y_axis,
                         CbMetricSeries **series,
                         guint            n_series,
                         guint            max_x_ticks,
                         guint            max_y_ticks)
{
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  gboolean integers = TRUE;

  for (guint i = 0; i < n_series; i++)
    {
      double lo, hi;

      if (cb_metric_series_get_n_values (series[i]) == 0)
        continue;
      cb_metric_series_get_x_range (series[i], &lo, &hi);
      x_lo = MIN (x_lo, lo);
      x_hi = MAX (x_hi, hi);
      y_lo = MIN (y_lo, cb_metric_series_get_min (series[i]));
      y_hi = MAX (y_hi, cb_metric_series_get_max (series[i]));
      if (cb_metric_series_get_kind (series[i]) == CB_METRICS_STEP_EPOCH && (lo != floor (lo) || hi != floor (hi)))
        integers = FALSE;
    }

  cb_metric_axis_init (x_axis, x_lo, x_hi, max_x_ticks, integers, FALSE);
  cb_metric_axis_init (y_axis, y_lo, y_hi, max_y_ticks, FALSE, TRUE);
}

/**
 * cb_metric_axis_position:
 *
 * Returns: where @value is along the axis, 0 at its low end and 1 at its
 *   high end
 */
double
cb_metric_axis_position (const CbMetricAxis *axis,
                         double              value)
{
  g_return_val_if_fail (axis != NULL, 0);

  return axis->hi > axis->lo ? (value - axis->lo) / (axis->hi - axis->lo) : 0.5;
}
