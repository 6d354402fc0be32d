/* cb-metric-chart.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-metric-axis.h"
#include "cb-metric-chart.h"

/**
 * CbMetricChart:
 *
 * A line chart of one metric, or of the same metric of several runs: the
 * values as a line through the means of the kept points, with a light band
 * from the lowest to the highest value where a point stands for several,
 * round ticks on both axes, and the title with the last value.
 *
 * The colours come from the theme: the text's colour for the axes and
 * labels, the selection colour for the first line and the theme's warning,
 * success and error colours for the next ones, so the chart reads in the
 * light and the dark style alike. The chart redraws when one of its series
 * says it changed (once per batch of lines), and tells screen readers its
 * title, the last value, the lowest and highest, and the axes' ranges.
 */

#define PADDING 8
#define GAP 6
#define TICK_SPACING_X 70
#define TICK_SPACING_Y 36
#define EXPORT_WIDTH 800
#define EXPORT_HEIGHT 450

typedef struct
{
  CbMetricSeries *series;
  char           *label;
} Entry;

struct _CbMetricChart
{
  GtkWidget  parent_instance;

  GPtrArray *entries;
  char      *title;
};

G_DEFINE_FINAL_TYPE (CbMetricChart, cb_metric_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->series);
  g_free (entry->label);
  g_free (entry);
}

/* Colours */

static void
get_foreground (CbMetricChart *self,
                GdkRGBA       *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
}

static gboolean
lookup_color (CbMetricChart *self,
              const char    *name,
              GdkRGBA       *color)
{
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), name, color);
}

static gboolean
is_dark (CbMetricChart *self)
{
  GdkRGBA fg;

  get_foreground (self, &fg);
  return (fg.red + fg.green + fg.blue) / 3 > 0.5;
}

/* The theme's accent, then its warning, success and error colours; past
 * those, the accent turned around the colour wheel. On a dark background a
 * colour is lightened as far as it needs to stand out.
 */
static void
series_color (CbMetricChart *self,
              guint          index,
              GdkRGBA       *color)
{
  static const char * const names[] = { NULL, "warning_color", "success_color", "error_color" };
  float h, s, v, r, g, b;

  if (index == 0 || index >= G_N_ELEMENTS (names) || !lookup_color (self, names[index], color))
    {
      if (!lookup_color (self, "accent_color", color) && !lookup_color (self, "theme_selected_bg_color", color))
        get_foreground (self, color);
      gtk_rgb_to_hsv (color->red, color->green, color->blue, &h, &s, &v);
      if (index > 0)
        h = fmodf (h + 0.38f * index, 1.0f), s = MAX (s, 0.5f), v = MAX (v, 0.6f);
    }
  else
    gtk_rgb_to_hsv (color->red, color->green, color->blue, &h, &s, &v);

  if (is_dark (self))
    v = MAX (v, 0.85f);
  gtk_hsv_to_rgb (h, s, v, &r, &g, &b);
  color->red = r;
  color->green = g;
  color->blue = b;
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

/* Text */

static PangoLayout *
make_layout (CbMetricChart *self,
             const char    *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

static void
layout_size (PangoLayout *layout,
             int         *width,
             int         *height)
{
  pango_layout_get_pixel_size (layout, width, height);
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static const char *
entry_label (const Entry *entry)
{
  return entry->label ? entry->label : cb_metric_series_get_name (entry->series);
}

/* `loss  0.4312`, or `loss  ● run 3 0.43  ● run 5 0.41` */
static char *
header_markup (CbMetricChart *self)
{
  GString *markup = g_string_new (NULL);
  const char *text = cb_metric_chart_get_title (self);
  g_autofree char *title = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append_printf (markup, "<b>%s</b>", title);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *value = cb_metric_format_value (cb_metric_series_get_last (entry->series));
      g_autofree char *label = g_markup_escape_text (entry_label (entry), -1);
      GdkRGBA color;

      if (self->entries->len == 1 && entry->label == NULL)
        {
          g_string_append_printf (markup, "   %s", value);
          break;
        }
      series_color (self, i, &color);
      g_string_append_printf (markup, "   <span foreground=\"#%02x%02x%02x\">●</span> %s %s",
                              (guint)(color.red * 255), (guint)(color.green * 255), (guint)(color.blue * 255),
                              label, value);
    }

  return g_string_free (markup, FALSE);
}

static const char *
axis_caption (CbMetricsStepKind kind)
{
  switch (kind)
    {
    case CB_METRICS_STEP_EPOCH: return _("Epoch");
    case CB_METRICS_STEP_GLOBAL: return _("Step");
    case CB_METRICS_STEP_LINE:
    default: return _("Line");
    }
}

/* Drawing */

typedef struct
{
  double       left, top, right, bottom;
  double       width;
  CbMetricAxis x;
  CbMetricAxis y;
} Plot;

static CbMetricSeries **
series_array (CbMetricChart *self)
{
  CbMetricSeries **series = g_new0 (CbMetricSeries *, self->entries->len + 1);

  for (guint i = 0; i < self->entries->len; i++)
    series[i] = ((Entry *)g_ptr_array_index (self->entries, i))->series;
  return series;
}

/* Places the plot: the y labels' width depends on the y ticks, which
 * depend on the height left below the header
 */
static void
lay_out (CbMetricChart *self,
         Plot          *plot,
         int            width,
         int            height,
         int            header_height,
         int            label_height)
{
  g_autofree CbMetricSeries **series = series_array (self);
  int label_width = 0;

  plot->width = width;
  plot->top = PADDING + header_height + GAP + label_height / 2.0;
  plot->bottom = height - PADDING - label_height - GAP;
  cb_metric_axis_init_for (&plot->x, &plot->y, series, self->entries->len, 2,
                           MAX (2, (plot->bottom - plot->top) / TICK_SPACING_Y + 1));

  for (guint i = 0; i < plot->y.n_ticks; i++)
    {
      g_autofree char *text = cb_metric_axis_format (&plot->y, plot->y.ticks[i]);
      g_autoptr(PangoLayout) layout = make_layout (self, text);
      int w, h;

      layout_size (layout, &w, &h);
      label_width = MAX (label_width, w);
    }

  plot->left = PADDING + label_width + GAP;
  plot->right = width - PADDING - 16;
  cb_metric_axis_init_for (&plot->x, &plot->y, series, self->entries->len,
                           MAX (2, (plot->right - plot->left) / TICK_SPACING_X + 1),
                           MAX (2, (plot->bottom - plot->top) / TICK_SPACING_Y + 1));
}

static double
to_x (const Plot *plot,
      double      x)
{
  return plot->left + cb_metric_axis_position (&plot->x, x) * (plot->right - plot->left);
}

static double
to_y (const Plot *plot,
      double      y)
{
  return plot->bottom - cb_metric_axis_position (&plot->y, y) * (plot->bottom - plot->top);
}

static void
draw_axes (CbMetricChart *self,
           GtkSnapshot   *snapshot,
           cairo_t       *cr,
           const Plot    *plot,
           const GdkRGBA *fg)
{
  GdkRGBA grid = with_alpha (fg, 0.12f);
  GdkRGBA text = with_alpha (fg, 0.7f);
  g_autoptr(PangoLayout) caption = NULL;
  double caption_x = plot->width;
  double label_end = -G_MAXDOUBLE;
  int w, h;

  /* What the x axis counts, at its right end, under the last values */
  if (self->entries->len > 0)
    {
      CbMetricSeries *first = ((Entry *)g_ptr_array_index (self->entries, 0))->series;

      caption = make_layout (self, axis_caption (cb_metric_series_get_kind (first)));
      layout_size (caption, &w, &h);
      caption_x = plot->width - PADDING - w;
      draw_layout (snapshot, caption, caption_x, plot->bottom + GAP, &text);
    }

  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &grid);
  for (guint i = 0; i < plot->y.n_ticks; i++)
    {
      double y = round (to_y (plot, plot->y.ticks[i])) + 0.5;
      g_autofree char *label = cb_metric_axis_format (&plot->y, plot->y.ticks[i]);
      g_autoptr(PangoLayout) layout = make_layout (self, label);

      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->right, y);
      layout_size (layout, &w, &h);
      draw_layout (snapshot, layout, plot->left - GAP - w, y - h / 2.0, &text);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < plot->x.n_ticks; i++)
    {
      double x = round (to_x (plot, plot->x.ticks[i])) + 0.5;
      g_autofree char *label = cb_metric_axis_format (&plot->x, plot->x.ticks[i]);
      g_autoptr(PangoLayout) layout = make_layout (self, label);

      cairo_move_to (cr, x, plot->bottom);
      cairo_line_to (cr, x, plot->bottom + 4);
      layout_size (layout, &w, &h);
      /* A label that would run into its neighbour or the caption is left out */
      if (x - w / 2.0 > label_end + GAP && x + w / 2.0 < caption_x - GAP)
        {
          draw_layout (snapshot, layout, x - w / 2.0, plot->bottom + GAP, &text);
          label_end = x + w / 2.0;
        }
    }

  /* The baseline, stronger than the grid */
  cairo_move_to (cr, plot->left, round (plot->bottom) + 0.5);
  cairo_line_to (cr, plot->right, round (plot->bottom) + 0.5);
  gdk_cairo_set_source_rgba (cr, &(GdkRGBA){ fg->red, fg->green, fg->blue, fg->alpha * 0.35f });
  cairo_stroke (cr);
}

static void
draw_series (CbMetricChart  *self,
             cairo_t        *cr,
             const Plot     *plot,
             CbMetricSeries *series,
             const GdkRGBA  *color)
{
  g_autoptr(GArray) points = cb_metric_series_decimate (series, plot->x.lo, plot->x.hi,
                                                        MAX (1, (guint)(plot->right - plot->left)));
  double last_x = cb_metric_series_get_last_x (series);
  double last = cb_metric_series_get_last (series);

  if (points->len == 0)
    return;

  /* Where a point stands for several values: from the lowest to the highest */
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &(GdkRGBA){ color->red, color->green, color->blue, 0.35f });
  for (guint i = 0; i < points->len; i++)
    {
      const CbMetricPoint *p = &g_array_index (points, CbMetricPoint, i);

      if (p->max > p->min)
        {
          cairo_move_to (cr, to_x (plot, p->x), to_y (plot, p->min));
          cairo_line_to (cr, to_x (plot, p->x), to_y (plot, p->max));
        }
    }
  cairo_stroke (cr);

  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  gdk_cairo_set_source_rgba (cr, color);
  for (guint i = 0; i < points->len; i++)
    {
      const CbMetricPoint *p = &g_array_index (points, CbMetricPoint, i);

      if (i == 0)
        cairo_move_to (cr, to_x (plot, p->x), to_y (plot, p->y));
      else
        cairo_line_to (cr, to_x (plot, p->x), to_y (plot, p->y));
    }
  /* The line ends at the last value itself, not at its point's mean */
  cairo_line_to (cr, to_x (plot, last_x), to_y (plot, last));
  cairo_stroke (cr);

  cairo_arc (cr, to_x (plot, last_x), to_y (plot, last), 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw (CbMetricChart *self,
      GtkSnapshot   *snapshot,
      int            width,
      int            height)
{
  g_autofree char *markup = header_markup (self);
  g_autoptr(PangoLayout) header = make_layout (self, NULL);
  g_autoptr(PangoLayout) probe = make_layout (self, "0");
  GdkRGBA fg;
  cairo_t *cr;
  Plot plot;
  int header_height, label_height;

  get_foreground (self, &fg);
  pango_layout_set_markup (header, markup, -1);
  pango_layout_set_width (header, MAX (1, width - 2 * PADDING) * PANGO_SCALE);
  pango_layout_set_ellipsize (header, PANGO_ELLIPSIZE_END);
  layout_size (header, NULL, &header_height);
  layout_size (probe, NULL, &label_height);

  lay_out (self, &plot, width, height, header_height, label_height);
  if (plot.right <= plot.left + 10 || plot.bottom <= plot.top + 10)
    return;

  draw_layout (snapshot, header, PADDING, PADDING, &fg);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_axes (self, snapshot, cr, &plot, &fg);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);
      GdkRGBA color;

      series_color (self, i, &color);
      draw_series (self, cr, &plot, entry->series, &color);
    }
  cairo_destroy (cr);
}

static void
cb_metric_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  draw (CB_METRIC_CHART (widget), snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static void
cb_metric_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 420;
      return;
    }

  /* A wider chart is taller too, up to a point: its curve keeps a shape
   * that reads, and a row of charts is not taller than the output */
  *minimum = 120;
  *natural = for_size > 0 ? CLAMP (for_size * 9 / 20, 160, 260) : 200;
}

static GtkSizeRequestMode
cb_metric_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* For screen readers */

static char *
describe_series (const Entry *entry)
{
  CbMetricSeries *series = entry->series;
  g_autofree char *last = NULL;
  g_autofree char *at = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (cb_metric_series_get_n_values (series) == 0)
    return g_strdup_printf (_("%s: no values yet."), entry_label (entry));

  last = cb_metric_format_value (cb_metric_series_get_last (series));
  at = cb_metric_format_value (cb_metric_series_get_last_x (series));
  min = cb_metric_format_value (cb_metric_series_get_min (series));
  max = cb_metric_format_value (cb_metric_series_get_max (series));

  switch (cb_metric_series_get_kind (series))
    {
    case CB_METRICS_STEP_EPOCH:
      return g_strdup_printf (_("%s: last value %s at epoch %s; lowest %s, highest %s."),
                              entry_label (entry), last, at, min, max);
    case CB_METRICS_STEP_GLOBAL:
      return g_strdup_printf (_("%s: last value %s at step %s; lowest %s, highest %s."),
                              entry_label (entry), last, at, min, max);
    case CB_METRICS_STEP_LINE:
    default:
      return g_strdup_printf (_("%s: last value %s at line %s; lowest %s, highest %s."),
                              entry_label (entry), last, at, min, max);
    }
}

/**
 * cb_metric_chart_get_description:
 *
 * Returns: (transfer full): what the chart shows, in sentences: each
 *   line's last value, lowest and highest, then the axes' ranges; screen
 *   readers read it as the chart's description
 */
char *
cb_metric_chart_get_description (CbMetricChart *self)
{
  g_autofree CbMetricSeries **series = NULL;
  GString *text;
  CbMetricAxis x, y;

  g_return_val_if_fail (CB_IS_METRIC_CHART (self), NULL);

  if (self->entries->len == 0)
    return g_strdup (_("No values yet."));

  text = g_string_new (NULL);
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autofree char *sentence = describe_series (g_ptr_array_index (self->entries, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", sentence);
    }

  series = series_array (self);
  cb_metric_axis_init_for (&x, &y, series, self->entries->len, 6, 5);
  {
    g_autofree char *x_lo = cb_metric_axis_format (&x, x.lo);
    g_autofree char *x_hi = cb_metric_axis_format (&x, x.hi);
    g_autofree char *y_lo = cb_metric_axis_format (&y, y.lo);
    g_autofree char *y_hi = cb_metric_axis_format (&y, y.hi);

    g_string_append_c (text, ' ');
    g_string_append_printf (text, _("Horizontal axis: %s from %s to %s. Vertical axis: from %s to %s."),
                            axis_caption (cb_metric_series_get_kind (series[0])), x_lo, x_hi, y_lo, y_hi);
  }

  return g_string_free (text, FALSE);
}

static void
update_accessible (CbMetricChart *self)
{
  g_autofree char *description = cb_metric_chart_get_description (self);
  const char *title = cb_metric_chart_get_title (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_series_changed (CbMetricChart *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The object */

static void
cb_metric_chart_dispose (GObject *object)
{
  CbMetricChart *self = CB_METRIC_CHART (object);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    g_signal_handlers_disconnect_by_data (((Entry *)g_ptr_array_index (self->entries, i))->series, self);
  if (self->entries != NULL)
    g_ptr_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (cb_metric_chart_parent_class)->dispose (object);
}

static void
cb_metric_chart_finalize (GObject *object)
{
  CbMetricChart *self = CB_METRIC_CHART (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (cb_metric_chart_parent_class)->finalize (object);
}

static void
cb_metric_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, cb_metric_chart_get_title (CB_METRIC_CHART (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_metric_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      cb_metric_chart_set_title (CB_METRIC_CHART (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_metric_chart_class_init (CbMetricChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_metric_chart_dispose;
  object_class->finalize = cb_metric_chart_finalize;
  object_class->get_property = cb_metric_chart_get_property;
  object_class->set_property = cb_metric_chart_set_property;
  widget_class->snapshot = cb_metric_chart_snapshot;
  widget_class->measure = cb_metric_chart_measure;
  widget_class->get_request_mode = cb_metric_chart_get_request_mode;

  /**
   * CbMetricChart:title:
   *
   * The chart's title; by default the name of its first series.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "metricchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cb_metric_chart_init (CbMetricChart *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  update_accessible (self);
}

/**
 * cb_metric_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
GtkWidget *
cb_metric_chart_new (void)
{
  return g_object_new (CB_TYPE_METRIC_CHART, NULL);
}

/**
 * cb_metric_chart_add_series:
 * @series: the values to draw; the chart follows its changes
 * @label: (nullable): its name in the legend, such as a run's name when
 *   the chart compares runs; %NULL for none
 *
 * Adds a line to the chart, in the next colour.
 */
void
cb_metric_chart_add_series (CbMetricChart  *self,
                            CbMetricSeries *series,
                            const char     *label)
{
  Entry *entry;

  g_return_if_fail (CB_IS_METRIC_CHART (self));
  g_return_if_fail (CB_IS_METRIC_SERIES (series));

  entry = g_new0 (Entry, 1);
  entry->series = g_object_ref (series);
  entry->label = g_strdup (label);
  g_ptr_array_add (self->entries, entry);
  g_signal_connect_object (series, "changed", G_CALLBACK (on_series_changed), self, G_CONNECT_SWAPPED);

  if (self->title == NULL && self->entries->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  on_series_changed (self);
}

/**
 * cb_metric_chart_remove_all:
 *
 * Takes every line off the chart.
 */
void
cb_metric_chart_remove_all (CbMetricChart *self)
{
  g_return_if_fail (CB_IS_METRIC_CHART (self));

  for (guint i = 0; i < self->entries->len; i++)
    g_signal_handlers_disconnect_by_data (((Entry *)g_ptr_array_index (self->entries, i))->series, self);
  g_ptr_array_set_size (self->entries, 0);

  if (self->title == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  on_series_changed (self);
}

guint
cb_metric_chart_get_n_series (CbMetricChart *self)
{
  g_return_val_if_fail (CB_IS_METRIC_CHART (self), 0);
  return self->entries->len;
}

/**
 * cb_metric_chart_get_series:
 *
 * Returns: (transfer none): the @index-th series
 */
CbMetricSeries *
cb_metric_chart_get_series (CbMetricChart *self,
                            guint          index)
{
  g_return_val_if_fail (CB_IS_METRIC_CHART (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return ((Entry *)g_ptr_array_index (self->entries, index))->series;
}

void
cb_metric_chart_set_title (CbMetricChart *self,
                           const char    *title)
{
  g_return_if_fail (CB_IS_METRIC_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  on_series_changed (self);
}

/**
 * cb_metric_chart_get_title:
 *
 * Returns: (nullable): the title, or the first series' name
 */
const char *
cb_metric_chart_get_title (CbMetricChart *self)
{
  g_return_val_if_fail (CB_IS_METRIC_CHART (self), NULL);

  if (self->title != NULL)
    return self->title;
  if (self->entries->len > 0)
    return cb_metric_series_get_name (((Entry *)g_ptr_array_index (self->entries, 0))->series);
  return NULL;
}

/* Images */

/* An exported chart has no window behind it: it gets the theme's view
 * background, so that its text keeps its contrast
 */
static void
get_background (CbMetricChart *self,
                GdkRGBA       *color)
{
  if (lookup_color (self, "theme_base_color", color))
    return;
  *color = is_dark (self) ? (GdkRGBA){ 0.12f, 0.12f, 0.12f, 1 } : (GdkRGBA){ 1, 1, 1, 1 };
}

/**
 * cb_metric_chart_render:
 * @width: the image's width, or 0 for the chart's own (else 800)
 * @height: the image's height, or 0 for the chart's own (else 450)
 *
 * Draws the chart into an image, on the theme's background, whether or not
 * the chart is on screen.
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
GdkTexture *
cb_metric_chart_render (CbMetricChart  *self,
                        int             width,
                        int             height,
                        GError        **error)
{
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GdkTexture *texture;
  GdkRGBA background;

  g_return_val_if_fail (CB_IS_METRIC_CHART (self), NULL);

  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (self)) > 0 ? gtk_widget_get_width (GTK_WIDGET (self)) : EXPORT_WIDTH;
  if (height <= 0)
    height = gtk_widget_get_height (GTK_WIDGET (self)) > 0 ? gtk_widget_get_height (GTK_WIDGET (self)) : EXPORT_HEIGHT;

  snapshot = gtk_snapshot_new ();
  get_background (self, &background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  /* Software rendering: the same image whatever the display */
  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, error))
    return NULL;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  return texture;
}

/**
 * cb_metric_chart_save_png:
 * @path: where the PNG goes
 *
 * Saves the chart as a PNG image; see cb_metric_chart_render().
 *
 * Returns: whether it was written; %FALSE with @error set naming @path
 */
gboolean
cb_metric_chart_save_png (CbMetricChart  *self,
                          const char     *path,
                          int             width,
                          int             height,
                          GError        **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (CB_IS_METRIC_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  texture = cb_metric_chart_render (self, width, height, error);
  if (texture == NULL)
    return FALSE;

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_IO, _("%s: cannot write the image"), path);
      return FALSE;
    }
  return TRUE;
}
