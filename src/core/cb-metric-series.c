/* cb-metric-series.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-metric-series.h"

/**
 * CbMetricSeries:
 *
 * The values of one metric of a run, in the order they came, in bounded
 * memory. Up to %CB_METRIC_SERIES_MAX_POINTS values each point is one
 * value. Past that, neighbouring points are merged in pairs, and each new
 * point stands for as many values as the merged ones: the series stays
 * evenly thinned out over the whole run, each point keeping the mean, the
 * lowest and the highest of its values so that a spike stays visible. The
 * last value, the lowest and the highest of the whole series are exact.
 *
 * Adding values emits nothing; cb_metric_series_flush() emits
 * #CbMetricSeries::changed once for all that came since the last flush, so
 * a chart redraws once per batch of lines.
 */
struct _CbMetricSeries
{
  GObject            parent_instance;

  char              *name;
  CbMetricsStepKind  kind;
  gboolean           shown;

  GArray            *points;
  guint              width;  /* how many values a full point stands for */
  guint64            n_values;
  double             last;
  double             last_x;
  double             min;
  double             max;
  double             x_min;
  double             x_max;
  gboolean           dirty;
};

G_DEFINE_FINAL_TYPE (CbMetricSeries, cb_metric_series, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SHOWN,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cb_metric_series_finalize (GObject *object)
{
  CbMetricSeries *self = CB_METRIC_SERIES (object);

  g_free (self->name);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (cb_metric_series_parent_class)->finalize (object);
}

static void
cb_metric_series_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbMetricSeries *self = CB_METRIC_SERIES (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SHOWN:
      g_value_set_boolean (value, self->shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_metric_series_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CbMetricSeries *self = CB_METRIC_SERIES (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_SHOWN:
      cb_metric_series_set_shown (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_metric_series_class_init (CbMetricSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_metric_series_finalize;
  object_class->get_property = cb_metric_series_get_property;
  object_class->set_property = cb_metric_series_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CbMetricSeries::changed:
   *
   * Emitted by cb_metric_series_flush() when values came since the last
   * flush.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_metric_series_init (CbMetricSeries *self)
{
  self->shown = TRUE;
  self->width = 1;
  self->points = g_array_sized_new (FALSE, FALSE, sizeof (CbMetricPoint), CB_METRIC_SERIES_MAX_POINTS + 1);
  self->last = self->last_x = NAN;
  self->min = self->x_min = INFINITY;
  self->max = self->x_max = -INFINITY;
}

/**
 * cb_metric_series_new:
 * @name: the metric's name, as the run prints it
 * @kind: what its x axis counts
 *
 * Returns: (transfer full): an empty series
 */
CbMetricSeries *
cb_metric_series_new (const char        *name,
                      CbMetricsStepKind  kind)
{
  CbMetricSeries *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CB_TYPE_METRIC_SERIES, "name", name, NULL);
  self->kind = kind;
  return self;
}

const char *
cb_metric_series_get_name (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NULL);
  return self->name;
}

/**
 * cb_metric_series_get_kind:
 *
 * Returns: what the x of the points counts: epochs, global steps or lines
 */
CbMetricsStepKind
cb_metric_series_get_kind (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), CB_METRICS_STEP_LINE);
  return self->kind;
}

/**
 * cb_metric_series_get_shown:
 *
 * Returns: whether the metric is one that matters: the `show` setting
 *   names it, or there is no such setting
 */
gboolean
cb_metric_series_get_shown (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), FALSE);
  return self->shown;
}

void
cb_metric_series_set_shown (CbMetricSeries *self,
                            gboolean        shown)
{
  g_return_if_fail (CB_IS_METRIC_SERIES (self));

  shown = !!shown;
  if (self->shown == shown)
    return;
  self->shown = shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

static void
combine (CbMetricPoint       *into,
         const CbMetricPoint *other)
{
  guint n = into->n + other->n;

  into->x = (into->x * into->n + other->x * other->n) / n;
  into->y = (into->y * into->n + other->y * other->n) / n;
  into->min = MIN (into->min, other->min);
  into->max = MAX (into->max, other->max);
  into->n = n;
}

/* Merges neighbours in pairs: half the points, each for twice the values */
static void
thin_out (CbMetricSeries *self)
{
  CbMetricPoint *points = (CbMetricPoint *)(gpointer)self->points->data;
  guint len = self->points->len;
  guint out = 0;

  for (guint i = 0; i + 1 < len; i += 2, out++)
    {
      points[out] = points[i];
      combine (&points[out], &points[i + 1]);
    }
  if (len % 2 == 1)
    points[out++] = points[len - 1];

  g_array_set_size (self->points, out);
  self->width *= 2;
}

/**
 * cb_metric_series_add:
 * @x: where the value is, on the axis of cb_metric_series_get_kind()
 * @y: the value
 *
 * Adds a value; a value at the same x as the last one replaces it. Values
 * that are not finite are left out.
 */
void
cb_metric_series_add (CbMetricSeries *self,
                      double          x,
                      double          y)
{
  CbMetricPoint *tail;

  g_return_if_fail (CB_IS_METRIC_SERIES (self));

  if (!isfinite (x) || !isfinite (y))
    return;

  self->n_values++;
  self->min = MIN (self->min, y);
  self->max = MAX (self->max, y);
  self->x_min = MIN (self->x_min, x);
  self->x_max = MAX (self->x_max, x);
  self->dirty = TRUE;

  tail = self->points->len > 0 ? &g_array_index (self->points, CbMetricPoint, self->points->len - 1) : NULL;
  if (tail != NULL && x == self->last_x)
    {
      /* The tail's mean holds the last value once: swap it for this one */
      if (tail->n == 1)
        tail->y = tail->min = tail->max = y;
      else
        {
          tail->y += (y - self->last) / tail->n;
          tail->min = MIN (tail->min, y);
          tail->max = MAX (tail->max, y);
        }
    }
  else if (tail != NULL && tail->n < self->width)
    combine (tail, &(CbMetricPoint){ x, y, y, y, 1 });
  else
    {
      g_array_append_val (self->points, ((CbMetricPoint){ x, y, y, y, 1 }));
      if (self->points->len > CB_METRIC_SERIES_MAX_POINTS)
        thin_out (self);
    }

  self->last = y;
  self->last_x = x;
}

/**
 * cb_metric_series_flush:
 *
 * Emits #CbMetricSeries::changed if values came since the last flush.
 *
 * Returns: whether it did
 */
gboolean
cb_metric_series_flush (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), FALSE);

  if (!self->dirty)
    return FALSE;
  self->dirty = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

guint
cb_metric_series_get_n_points (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), 0);
  return self->points->len;
}

/**
 * cb_metric_series_get_points:
 * @n_points: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_points): the points, in the
 *   order their values came; valid until the next value is added
 */
const CbMetricPoint *
cb_metric_series_get_points (CbMetricSeries *self,
                             guint          *n_points)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NULL);

  if (n_points != NULL)
    *n_points = self->points->len;
  return (const CbMetricPoint *)(gconstpointer)self->points->data;
}

/**
 * cb_metric_series_get_n_values:
 *
 * Returns: how many values were added, however few points are kept
 */
guint64
cb_metric_series_get_n_values (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), 0);
  return self->n_values;
}

/**
 * cb_metric_series_get_last:
 *
 * Returns: the last value, or NAN when there is none
 */
double
cb_metric_series_get_last (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NAN);
  return self->last;
}

/**
 * cb_metric_series_get_last_x:
 *
 * Returns: where the last value is, or NAN when there is none
 */
double
cb_metric_series_get_last_x (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NAN);
  return self->last_x;
}

/**
 * cb_metric_series_get_min:
 *
 * Returns: the lowest value ever added, or NAN when there is none
 */
double
cb_metric_series_get_min (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NAN);
  return self->n_values > 0 ? self->min : NAN;
}

/**
 * cb_metric_series_get_max:
 *
 * Returns: the highest value ever added, or NAN when there is none
 */
double
cb_metric_series_get_max (CbMetricSeries *self)
{
  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NAN);
  return self->n_values > 0 ? self->max : NAN;
}

/**
 * cb_metric_series_get_x_range:
 * @lo: (out): the lowest x, or NAN when there is none
 * @hi: (out): the highest x, or NAN when there is none
 */
void
cb_metric_series_get_x_range (CbMetricSeries *self,
                              double         *lo,
                              double         *hi)
{
  g_return_if_fail (CB_IS_METRIC_SERIES (self));

  *lo = self->n_values > 0 ? self->x_min : NAN;
  *hi = self->n_values > 0 ? self->x_max : NAN;
}

/**
 * cb_metric_series_decimate:
 * @x_lo: the left end of the chart
 * @x_hi: the right end
 * @columns: how many columns it has, such as its width in pixels
 *
 * Merges the points that fall in the same column, in order, so that a
 * chart draws at most one point per column, with the lowest and highest
 * value of each. Points outside the range are left out.
 *
 * Returns: (transfer full) (element-type CbMetricPoint): the points to draw
 */
GArray *
cb_metric_series_decimate (CbMetricSeries *self,
                           double          x_lo,
                           double          x_hi,
                           guint           columns)
{
  GArray *out;
  double span = x_hi - x_lo;
  int previous = -1;

  g_return_val_if_fail (CB_IS_METRIC_SERIES (self), NULL);

  out = g_array_sized_new (FALSE, FALSE, sizeof (CbMetricPoint), MIN (self->points->len, columns + 1));
  for (guint i = 0; i < self->points->len; i++)
    {
      const CbMetricPoint *p = &g_array_index (self->points, CbMetricPoint, i);
      int column;

      if (p->x < x_lo || p->x > x_hi)
        continue;

      column = span > 0 ? (int)MIN ((p->x - x_lo) / span * columns, columns - 1) : 0;
      if (column == previous && out->len > 0)
        combine (&g_array_index (out, CbMetricPoint, out->len - 1), p);
      else
        g_array_append_val (out, *p);
      previous = column;
    }

  return out;
}

/**
 * cb_metrics_step_kind_to_string:
 *
 * Returns: `epoch`, `step` or `line`, as a CSV file or the command line
 *   names the axis
 */
const char *
cb_metrics_step_kind_to_string (CbMetricsStepKind kind)
{
  switch (kind)
    {
    case CB_METRICS_STEP_EPOCH: return "epoch";
    case CB_METRICS_STEP_GLOBAL: return "step";
    case CB_METRICS_STEP_LINE:
    default: return "line";
    }
}

/**
 * cb_metric_format_value:
 *
 * Spells a metric's value for a reader: four significant digits, without
 * trailing zeros, in scientific notation when very small or large
 * (`0.4312`, `12346`, `1.500e-05`).
 *
 * Returns: (transfer full): the text
 */
char *
cb_metric_format_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  double magnitude = fabs (value);
  int decimals;
  char *text;
  char *end;

  if (isnan (value))
    return g_strdup ("—");
  if (isinf (value))
    return g_strdup (value < 0 ? "-∞" : "∞");
  if (value == 0)
    return g_strdup ("0");
  if (magnitude >= 1e6 || magnitude < 1e-3)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3e", value));

  decimals = MAX (0, 3 - (int)floor (log10 (magnitude)));
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
  if (strchr (text, '.') != NULL)
    {
      for (end = text + strlen (text) - 1; *end == '0'; end--)
        *end = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return text;
}
