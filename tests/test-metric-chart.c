/* test-metric-chart.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "cb-error.h"
#include "cb-metric-chart.h"
#include "cb-metric-set.h"
#include "cb-test-util.h"

#define wait_until(cond) cb_test_wait_until (cond, 10)

static void
test_chart_accessible (void)
{
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  GtkWidget *chart = g_object_ref_sink (cb_metric_chart_new ());
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CbMetricSeries *loss;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No values yet.");

  cb_metric_set_feed (set, "Epoch 1/3 ... loss=1.9000 val_hmean=0.41", -1);
  cb_metric_set_feed (set, "Epoch 2/3 ... loss=0.4000 val_hmean=0.62", -1);
  cb_metric_set_flush (set);
  loss = cb_metric_set_lookup (set, "loss");
  cb_metric_chart_add_series (CB_METRIC_CHART (chart), loss, NULL);

  g_assert_cmpstr (cb_metric_chart_get_title (CB_METRIC_CHART (chart)), ==, "loss");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, "loss");
  before = cb_metric_chart_get_description (CB_METRIC_CHART (chart));
  g_assert_cmpstr (before, ==,
                   "loss: last value 0.4 at epoch 2; lowest 0.4, highest 1.9. "
                   "Horizontal axis: Epoch from 1 to 2. Vertical axis: from 0.0 to 2.0.");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, before);

  /* Lines fed but not flushed: the chart is not told yet */
  cb_metric_set_feed (set, "Epoch 3/3 ... loss=0.3500 val_hmean=0.70", -1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, before);
  cb_metric_set_flush (set);
  after = cb_metric_chart_get_description (CB_METRIC_CHART (chart));
  g_assert_nonnull (strstr (after, "last value 0.35 at epoch 3"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, after);

  cb_metric_chart_remove_all (CB_METRIC_CHART (chart));
  g_assert_null (cb_metric_chart_get_title (CB_METRIC_CHART (chart)));
  g_object_unref (chart);
}

static void
test_chart_compare (void)
{
  g_autoptr(CbMetricSet) a = cb_metric_set_new (NULL);
  g_autoptr(CbMetricSet) b = cb_metric_set_new (NULL);
  GtkWidget *chart = g_object_ref_sink (cb_metric_chart_new ());
  g_autofree char *description = NULL;

  cb_metric_set_feed (a, "step=100 loss=0.9", -1);
  cb_metric_set_feed (a, "step=200 loss=0.5", -1);
  cb_metric_set_feed (b, "step=100 loss=0.8", -1);
  cb_metric_set_feed (b, "step=300 loss=0.2", -1);
  cb_metric_set_flush (a);
  cb_metric_set_flush (b);

  cb_metric_chart_add_series (CB_METRIC_CHART (chart), cb_metric_set_lookup (a, "loss"), "run 3");
  cb_metric_chart_add_series (CB_METRIC_CHART (chart), cb_metric_set_lookup (b, "loss"), "run 5");
  cb_metric_chart_set_title (CB_METRIC_CHART (chart), "loss of runs 3 and 5");
  g_assert_cmpuint (cb_metric_chart_get_n_series (CB_METRIC_CHART (chart)), ==, 2);

  /* Both runs, and axes that fit both */
  description = cb_metric_chart_get_description (CB_METRIC_CHART (chart));
  g_assert_cmpstr (description, ==,
                   "run 3: last value 0.5 at step 200; lowest 0.5, highest 0.9. "
                   "run 5: last value 0.2 at step 300; lowest 0.2, highest 0.8. "
                   "Horizontal axis: Step from 100 to 300. Vertical axis: from 0.2 to 1.0.");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "loss of runs 3 and 5");
  g_object_unref (chart);
}

/* How many pixels have the colour's hue, however light: the chart may
 * lighten a line's colour on a dark background
 */
static guint
count_pixels_of_hue (GdkTexture    *texture,
                     const GdkRGBA *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize)width * height * 4);
  float hue, s, v;
  guint count = 0;

  gtk_rgb_to_hsv (color->red, color->green, color->blue, &hue, &s, &v);
  gdk_texture_download (texture, data, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      guint32 pixel = ((guint32 *)(gpointer)data)[i];
      float h;

      gtk_rgb_to_hsv (((pixel >> 16) & 0xff) / 255.f, ((pixel >> 8) & 0xff) / 255.f, (pixel & 0xff) / 255.f,
                      &h, &s, &v);
      if (s > 0.4f && v > 0.3f && fabsf (h - hue) < 0.03f)
        count++;
    }
  return count;
}

static guint
count_pixels_near (GdkTexture    *texture,
                   const GdkRGBA *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize)width * height * 4);
  guint count = 0;

  /* Premultiplied ARGB32 in native order: B, G, R, A on little endian */
  gdk_texture_download (texture, data, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      guint32 pixel = ((guint32 *)(gpointer)data)[i];
      int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

      if (ABS (r - color->red * 255) < 24 && ABS (g - color->green * 255) < 24 && ABS (b - color->blue * 255) < 24)
        count++;
    }
  return count;
}

static void
render_in_style (GtkWidget *chart,
                 gboolean   dark,
                 GdkRGBA   *background)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GdkRGBA accent, fg;
  GtkWidget *window = gtk_window_new ();

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (chart));

  g_assert_true (cb_metric_chart_save_png (CB_METRIC_CHART (chart), path, 640, 360, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 360);

  /* The curve is there in the theme's accent, the text in its foreground,
   * on the theme's background
   */
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (chart), "theme_selected_bg_color", &accent));
  gtk_style_context_get_color (gtk_widget_get_style_context (chart), &fg);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (chart), "theme_base_color", background));
  g_assert_cmpuint (count_pixels_of_hue (texture, &accent), >, 300);
  g_assert_cmpuint (count_pixels_near (texture, &fg), >, 50);
  g_assert_cmpuint (count_pixels_near (texture, background), >, 640 * 360 / 2);

  g_assert_false (cb_metric_chart_save_png (CB_METRIC_CHART (chart), "/nonexistent/chart.png", 100, 100, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/chart.png"));

  g_object_ref (chart);
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  cb_test_remove_tree (dir);
}

static void
test_chart_png (void)
{
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  GtkWidget *chart = g_object_ref_sink (cb_metric_chart_new ());
  GdkRGBA light, dark;

  for (int i = 1; i <= 5000; i++)
    {
      g_autofree char *line = g_strdup_printf ("step=%d loss=%g", i, 2.0 / (1 + i / 500.0) + (i % 13) * 0.01);

      cb_metric_set_feed (set, line, -1);
    }
  cb_metric_set_flush (set);
  cb_metric_chart_add_series (CB_METRIC_CHART (chart), cb_metric_set_lookup (set, "loss"), NULL);

  render_in_style (chart, FALSE, &light);
  render_in_style (chart, TRUE, &dark);
  /* The dark style's background is darker, and the chart followed it */
  g_assert_cmpfloat (dark.red + dark.green + dark.blue, <, light.red + light.green + light.blue);

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metric-chart/accessible", test_chart_accessible);
  g_test_add_func ("/metric-chart/compare", test_chart_compare);
  g_test_add_func ("/metric-chart/png", test_chart_png);

  return g_test_run ();
}
