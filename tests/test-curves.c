/* test-curves.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-accessible.h"
#include "cb-curves-window.h"
#include "cb-export.h"
#include "cb-history-row.h"
#include "cb-history-view.h"
#include "cb-run-charts.h"
#include "cb-run-compare.h"
#include "cb-run-view.h"
#include "cb-session-metrics.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"

/* The curves of runs in the real window under Xvfb: a run's charts as it
 * prints, a past run's from its log, two runs compared, and the exports.
 * The charts' data are checked (their series' values), not their pixels.
 */

#define wait_until(cond) cb_test_wait_until (cond, 30)

#define drain cb_test_ui_drain
#define open_window cb_test_ui_open_window
#define open_demo cb_test_ui_open_demo
#define close_window cb_test_ui_close_window
#define input_of cb_test_ui_input_of
#define find_descendant cb_test_ui_find_descendant
#define find_toplevel cb_test_ui_find_toplevel
#define find_widget(root, type) find_descendant ((root), (type), NULL)
#define find_named(root, name) find_descendant ((root), 0, (name))

static CbRunCharts *
charts_of (CbPage *page)
{
  return CB_RUN_CHARTS (find_widget (cb_page_get_run_view (page), CB_TYPE_RUN_CHARTS));
}

/* @widget is named @name for a screen reader */
static void
assert_named (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *wrong = NULL;

  g_assert_nonnull (widget);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  if (wrong != NULL)
    g_error ("%s %s: %s", G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget), wrong);
}

/* The lines of a file that contain @text */
static guint
count_lines_with (const char *path,
                  const char *text)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], text) != NULL)
      count++;
  return count;
}

/* The value after the last `name=` of a file */
static double
last_value_in (const char *path,
               const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat (" ", name, "=", NULL);
  const char *at = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = strstr (contents, key); p != NULL; p = strstr (p + 1, key))
    at = p;
  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

static guint64
n_values (CbMetricChart *chart,
          guint          index)
{
  return cb_metric_series_get_n_values (cb_metric_chart_get_series (chart, index));
}

static double
first_value (CbMetricSeries *series)
{
  guint n_points = 0;
  const CbMetricPoint *points = cb_metric_series_get_points (series, &n_points);

  g_assert_cmpuint (n_points, >, 0);
  return points[0].y;
}

static void
show_curves_tab (CbRunView *view)
{
  GtkWidget *stack = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (
    find_widget (GTK_WIDGET (view), CB_TYPE_RUN_CHARTS))));

  g_assert_true (GTK_IS_STACK (stack));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "curves");
}

/* The demo's training: its loss and val_hmean charts, in the order of
 * the project's `show`, hold every value the run printed (that they grow
 * while it runs: test_curves_stopped) */
static void
test_curves_live (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  CbRunCharts *charts = charts_of (page);
  GtkWidget *switcher = find_named (GTK_WIDGET (view), "output-switcher");
  g_autoptr(CbRun) run = NULL;
  CbMetricChart *loss = NULL;
  g_autofree char *description = NULL;

  cb_test_ui_reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  gtk_range_set_value (GTK_RANGE (input_of (page, "max_epochs")), 4);

  /* The tab is there before any run, and says so */
  g_assert_true (gtk_widget_get_visible (switcher));
  g_assert_true (cb_run_charts_get_enabled (charts));
  g_assert_cmpstr (cb_run_charts_get_status (charts), ==, "No Run Yet");
  show_curves_tab (view);

  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (!cb_run_is_running (run));
  loss = cb_run_charts_lookup_chart (charts, "loss");
  g_assert_nonnull (loss);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);

  /* The charts the demo project shows (loss, val_hmean, any test/ metric),
   * in that order; their series are the run's own, with every value it printed */
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 2);
  g_assert_cmpstr (cb_metric_chart_get_title (cb_run_charts_get_chart (charts, 0)), ==, "loss");
  g_assert_cmpstr (cb_metric_chart_get_title (cb_run_charts_get_chart (charts, 1)), ==, "val_hmean");
  g_assert_true (cb_metric_chart_get_series (loss, 0) ==
                 cb_metric_set_lookup (cb_session_get_run_metrics (cb_window_get_session (window),
                                                                   run), "loss"));
  g_assert_cmpuint (n_values (loss, 0), ==,
                    count_lines_with (cb_run_get_log_path (run), "loss="));
  g_assert_cmpuint (n_values (cb_run_charts_get_chart (charts, 1), 0), ==, 4);
  g_assert_cmpfloat (cb_metric_series_get_last (cb_metric_chart_get_series (loss, 0)), ==,
                     last_value_in (cb_run_get_log_path (run), "loss"));
  description = cb_metric_chart_get_description (cb_run_charts_get_chart (charts, 1));
  /* Curves that mean something: the loss falls, val_hmean rises */
  g_assert_cmpfloat (first_value (cb_metric_chart_get_series (loss, 0)), >,
                     cb_metric_series_get_last (cb_metric_chart_get_series (loss, 0)));
  g_assert_cmpfloat (first_value (cb_metric_chart_get_series (cb_run_charts_get_chart (charts, 1), 0)), <,
                     cb_metric_series_get_last (cb_metric_chart_get_series (cb_run_charts_get_chart (charts, 1), 0)));
  /* Its last value and its axes' ranges, for a screen reader */
  g_assert_nonnull (strstr (description, "at epoch 4"));
  g_assert_nonnull (strstr (description, "Horizontal axis: "));
  g_assert_nonnull (strstr (description, "Vertical axis: from "));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cb_run_charts_get_chart (charts, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  /* lr is read too, and charted on request */
  g_assert_null (cb_run_charts_lookup_chart (charts, "lr"));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (charts),
                                                     "show-all-metrics-button")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (charts),
                                                             "show-all-metrics-button")), TRUE);
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 3);
  g_assert_nonnull (cb_run_charts_lookup_chart (charts, "lr"));
  /* The charts that stay are the same widgets */
  g_assert_true (cb_run_charts_get_chart (charts, 0) == loss);
  cb_run_charts_set_show_all (charts, FALSE);
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 2);

  /* A new run starts with no charts until it prints */
  g_assert_true (cb_run_view_run (view));
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 0);
  g_assert_cmpstr (cb_run_charts_get_status (charts), ==, "No Metrics Yet");
  wait_until (!cb_run_view_get_running (view));
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 2);

  cb_form_reset (cb_page_get_form (page));
  close_window (window);
}

/* A long run, with the runner's pauses: its curve grows while it runs,
 * and once stopped, ends where its output ended */
static void
test_curves_stopped (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  CbRunCharts *charts = charts_of (page);
  g_autoptr(CbRun) run = NULL;
  CbMetricChart *loss = NULL;
  CbMetricSeries *series;
  guint64 while_running;
  guint64 at_end;

  cb_test_ui_reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  gtk_range_set_value (GTK_RANGE (input_of (page, "max_epochs")), 100);

  g_setenv ("CMDBUILDER_DEMO_FAST", "0", TRUE);
  g_assert_true (cb_run_view_run (view));
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  run = g_object_ref (cb_run_view_get_run (view));
  /* A hundred epochs of 100 steps: minutes, when the test takes seconds */
  wait_until ((loss = cb_run_charts_lookup_chart (charts, "loss")) != NULL &&
              n_values (loss, 0) > 0);
  while_running = n_values (loss, 0);
  wait_until (n_values (loss, 0) > while_running);
  wait_until (n_values (loss, 0) >= 3);
  g_assert_true (cb_run_is_running (run));
  cb_run_view_stop (view);
  wait_until (!cb_run_is_running (run));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_STOPPED);

  series = cb_metric_chart_get_series (loss, 0);
  at_end = cb_metric_series_get_n_values (series);
  drain ();
  g_assert_cmpuint (cb_metric_series_get_n_values (series), ==, at_end);
  g_assert_cmpuint (at_end, ==, count_lines_with (cb_run_get_log_path (run), "loss="));
  g_assert_cmpfloat (cb_metric_series_get_last (series), ==,
                     last_value_in (cb_run_get_log_path (run), "loss"));
  g_assert_cmpfloat (cb_metric_series_get_last_x (series), <, 100);
  /* Still shown, as it ended */
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), >=, 1);
  g_assert_null (cb_run_charts_get_status (charts));

  cb_form_reset (cb_page_get_form (page));
  close_window (window);
}

/* A page whose schema sets `metrics: false` has no Curves tab */
static void
test_curves_disabled (void)
{
  CbWindow *window = open_demo ();
  CbPage *predict;
  CbRunView *view;

  cb_window_set_visible_page (window, 2);
  predict = CB_PAGE (cb_window_get_visible_page (window));
  cb_page_build (predict);
  view = CB_RUN_VIEW (cb_page_get_run_view (predict));
  g_assert_cmpstr (cb_schema_get_id (cb_page_get_schema (predict)), ==, "predict");
  g_assert_false (cb_run_charts_get_enabled (charts_of (predict)));
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (view), "output-switcher")));

  cb_window_set_visible_page (window, 0);
  close_window (window);
}

/* A project of its own: a runner that prints an epoch line per epoch,
 * its loss falling with the learning rate, and a page of three fields */
static char *
fit_project (void)
{
  char *dir = cb_test_make_tempdir ();

  g_free (cb_test_write (dir, "runner.py",
                         "import sys\n"
                         "args = dict(a.split('=', 1) for a in sys.argv[1:] if '=' in a)\n"
                         "lr = float(args.get('lr', '0.1'))\n"
                         "epochs = int(args.get('epochs', '3'))\n"
                         "for e in range(1, epochs + 1):\n"
                         "    print('Epoch %d/%d ... loss=%.4f val_hmean=%.4f lr=%g'\n"
                         "          % (e, epochs, 1.0 / (1 + e * lr * 10), 0.5 + e * lr / 10, lr),\n"
                         "          flush=True)\n"
                         "print('word', args.get('word'))\n"));
  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "runner: [python3, runner.py]\n"
                         "metrics:\n  show: [loss, val_hmean]\n"));
  g_free (cb_test_write (dir, "schemas/fit.yaml",
                         "label: Fit\n"
                         "ui_elements:\n"
                         "  - key: lr\n    label: Learning rate\n    type: number_input\n"
                         "    default: 0.1\n    hydra_override: lr\n"
                         "  - key: epochs\n    label: Epochs\n    type: number_input\n"
                         "    default: 3\n    step: 1\n    hydra_override: epochs\n"
                         "  - key: word\n    type: text_input\n    default: hello\n"
                         "    hydra_override: word\n"));
  return dir;
}

static CbHistoryRecord *
run_fit (CbWindow   *window,
         const char *lr,
         const char *epochs,
         const char *word)
{
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  CbForm *form = cb_page_get_form (page);
  CbHistory *history = cb_session_get_history (cb_window_get_session (window));
  guint before = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_autoptr(CbRun) run = NULL;

  cb_form_reset (form);
  if (lr != NULL)
    g_assert_true (cb_form_set_text (form, "lr", lr));
  if (epochs != NULL)
    g_assert_true (cb_form_set_text (form, "epochs", epochs));
  if (word != NULL)
    gtk_editable_set_text (GTK_EDITABLE (input_of (page, "word")), word);
  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (!cb_run_is_running (run) &&
              g_list_model_get_n_items (G_LIST_MODEL (history)) > before);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);
  return g_list_model_get_item (G_LIST_MODEL (history), 0);
}

static CbHistoryView *
history_of (CbWindow *window)
{
  return CB_HISTORY_VIEW (find_widget (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW));
}

/* Opens the history and clicks @button on its first row */
static void
click_on_first_row (CbWindow   *window,
                    const char *button)
{
  GtkWidget *history = GTK_WIDGET (history_of (window));
  GtkWidget *popover = gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER);
  GtkWidget *row = NULL;
  GtkWidget *widget;

  gtk_popover_popup (GTK_POPOVER (popover));
  wait_until ((row = find_widget (history, CB_TYPE_HISTORY_ROW)) != NULL &&
              gtk_widget_get_mapped (row));
  widget = find_named (row, button);
  g_assert_true (gtk_widget_get_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
  g_assert_false (gtk_widget_get_visible (popover));
}

static gboolean
chooser_has_file (GtkWidget *chooser,
                  GFile     *target)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file != NULL && g_file_equal (file, target);
}

/* The user picks @file in the chooser @widget shows, and saves */
static void
answer_chooser (GtkWidget  *widget,
                const char *file)
{
  GtkWidget *chooser = cb_export_get_chooser (widget);
  g_autoptr(GFile) target = g_file_new_for_path (file);
  g_autoptr(GFile) folder = g_file_get_parent (target);
  g_autofree char *name = g_file_get_basename (target);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (chooser);
  /* As a user does: the folder, then the name typed in */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  wait_until (chooser_has_file (chooser, target));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (cb_export_get_chooser (widget));
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gsize)st.st_size : 0;
}

/* The distinct colours of an image, up to 16: a blank one has 1 */
static guint
count_colors (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize)width * height);
  guint32 seen[16];
  guint n_seen = 0;

  gdk_texture_download (texture, (guchar *)pixels, width * 4);
  for (gsize i = 0; i < (gsize)width * height && n_seen < G_N_ELEMENTS (seen); i++)
    {
      guint j = 0;

      while (j < n_seen && seen[j] != pixels[i])
        j++;
      if (j == n_seen)
        seen[n_seen++] = pixels[i];
    }
  return n_seen;
}

/* A past run's curves come from its log, read by a window of its own:
 * in a new session, whose history has the run but not its metrics */
static void
test_curves_past_run (void)
{
  g_autofree char *dir = fit_project ();
  g_autofree char *csv = g_build_filename (dir, "exported.csv", NULL);
  g_autofree char *png = g_build_filename (dir, "loss.png", NULL);
  CbWindow *window = open_window (dir);
  g_autoptr(CbHistoryRecord) record = run_fit (window, "0.2", "5", NULL);
  CbCurvesWindow *curves;
  CbRunCharts *charts;
  CbMetricChart *loss;
  int width, height;

  close_window (window);
  window = open_window (dir);
  g_assert_null (cb_session_get_record_metrics (cb_window_get_session (window), record));

  click_on_first_row (window, "curves-button");
  wait_until (find_toplevel (CB_TYPE_CURVES_WINDOW) != NULL);
  curves = CB_CURVES_WINDOW (find_toplevel (CB_TYPE_CURVES_WINDOW));
  charts = cb_curves_window_get_charts (curves);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (curves)) == GTK_WINDOW (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (curves)),
                                   "Curves of Fit · Today, "));
  wait_until (!cb_run_charts_get_loading (charts));
  g_assert_null (cb_run_charts_get_error (charts));
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 2);
  loss = cb_run_charts_get_chart (charts, 0);
  g_assert_cmpstr (cb_metric_chart_get_title (loss), ==, "loss");
  g_assert_cmpuint (n_values (loss, 0), ==, 5);
  g_assert_cmpfloat (cb_metric_series_get_last (cb_metric_chart_get_series (loss, 0)), ==,
                     0.0909);
  g_assert_cmpfloat (cb_metric_series_get_last_x (cb_metric_chart_get_series (loss, 0)), ==, 5);

  /* Its metrics as CSV, every value, from the button and the chooser */
  g_signal_emit_by_name (find_named (GTK_WIDGET (charts), "export-csv-button"), "clicked");
  /* Over a file that is there: it is replaced once all is written, so a
   * file with something in it is the whole export */
  g_assert_true (g_file_set_contents (csv, "", 0, NULL));
  answer_chooser (GTK_WIDGET (charts), csv);
  wait_until (file_size (csv) > 0);
  /* A header, and 5 epochs of loss, val_hmean and lr */
  g_assert_cmpuint (count_lines_with (csv, ","), ==, 1 + 5 * 3);
  g_assert_cmpuint (count_lines_with (csv, ",loss,"), ==, 5);

  /* A chart as PNG: an image that decodes, at the chart's size, with
   * something drawn on its background */
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (loss)) &&
              gtk_widget_get_width (GTK_WIDGET (loss)) > 0);
  width = gtk_widget_get_width (GTK_WIDGET (loss));
  height = gtk_widget_get_height (GTK_WIDGET (loss));
  g_signal_emit_by_name (find_named (gtk_widget_get_parent (GTK_WIDGET (loss)),
                                     "save-chart-button"), "clicked");
  answer_chooser (GTK_WIDGET (charts), png);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
    g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
    g_assert_cmpuint (count_colors (texture), >, 2);
  }
  gtk_window_destroy (GTK_WINDOW (curves));
  drain ();

  /* A log that is gone: the window says so in place of the charts */
  g_assert_cmpint (g_remove (cb_history_record_get_log_path (record)), ==, 0);
  close_window (window);
  window = open_window (dir);
  curves = CB_CURVES_WINDOW (cb_history_view_show_curves (history_of (window), record));
  charts = cb_curves_window_get_charts (curves);
  wait_until (!cb_run_charts_get_loading (charts));
  g_assert_nonnull (cb_run_charts_get_error (charts));
  g_assert_cmpuint (cb_run_charts_get_n_charts (charts), ==, 0);
  g_assert_cmpstr (cb_run_charts_get_status (charts), ==, "No Curves");
  gtk_window_destroy (GTK_WINDOW (curves));

  close_window (window);
  cb_test_remove_tree (dir);
}

/* A log still being read when its window goes is let go: the session,
 * which the read keeps alive, goes with the main window */
static void
test_curves_cancelled (void)
{
  g_autofree char *dir = fit_project ();
  CbWindow *window = open_window (dir);
  g_autoptr(CbHistoryRecord) record = run_fit (window, NULL, NULL, NULL);
  CbSession *session;
  GtkWidget *curves;

  /* A long log: 200 000 epoch lines */
  {
    GString *text = g_string_new (NULL);

    for (guint i = 1; i <= 200000; i++)
      g_string_append_printf (text, "Epoch %u/200000 ... loss=%.4f\n", i, 1.0 / i);
    g_assert_true (g_file_set_contents (cb_history_record_get_log_path (record), text->str,
                                        text->len, NULL));
    g_string_free (text, TRUE);
  }
  close_window (window);
  window = open_window (dir);
  session = cb_window_get_session (window);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *)&session);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);

  curves = cb_history_view_show_curves (history_of (window), record);
  g_assert_true (cb_run_charts_get_loading (cb_curves_window_get_charts (CB_CURVES_WINDOW (curves))));
  gtk_window_destroy (GTK_WINDOW (curves));
  /* Not close_window (): the session may outlive the window a moment,
   * until the read sees it is cancelled */
  gtk_window_close (GTK_WINDOW (window));
  wait_until (window == NULL);
  wait_until (session == NULL);

  cb_test_remove_tree (dir);
}

static void
assert_strv (GStrv               got,
             const char * const *expected)
{
  g_autofree char *a = g_strjoinv ("|", got);
  g_autofree char *b = g_strjoinv ("|", (char **)expected);

  g_assert_cmpstr (a, ==, b);
  g_strfreev (got);
}

/* The value of a number field of @form */
static double
form_number (CbForm     *form,
             const char *key)
{
  CbField *field = cb_schema_lookup_field (cb_form_get_schema (form), key);
  GVariant *value;

  g_assert_nonnull (field);
  value = cb_form_get_value (form, field->index);
  g_assert_nonnull (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_variant_get_double (value);
  return (double)g_variant_get_int64 (value);
}

/* Two runs compared: only what differs, or all of it; the commands'
 * arguments that differ marked; both on the same charts; Use These Values
 * of either side, with Undo; and the comparison as text */
static void
test_curves_compare (void)
{
  g_autofree char *dir = fit_project ();
  g_autofree char *text_file = g_build_filename (dir, "compare.txt", NULL);
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbForm *form = cb_page_get_form (page);
  g_autoptr(CbHistoryRecord) first = run_fit (window, "0.2", NULL, "same");
  g_autoptr(CbHistoryRecord) second = run_fit (window, "0.3", "5", "same");
  CbRunCompare *compare;
  CbRunCharts *charts;
  CbMetricChart *loss;

  /* Compare on the newest run: the run before it is the first side */
  click_on_first_row (window, "compare-button");
  wait_until (find_toplevel (CB_TYPE_RUN_COMPARE) != NULL);
  compare = CB_RUN_COMPARE (find_toplevel (CB_TYPE_RUN_COMPARE));
  g_assert_true (cb_run_compare_get_run (compare, FALSE) == first);
  g_assert_true (cb_run_compare_get_run (compare, TRUE) == second);

  /* Only the values that differ; all with the toggle */
  assert_strv (cb_run_compare_get_shown_keys (compare), (const char *[]){ "epochs", "lr", NULL });
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (compare),
                                                              "values-summary"))),
                   ==, "2 of 3 values differ.");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (compare),
                                                             "show-all-values-button")), TRUE);
  assert_strv (cb_run_compare_get_shown_keys (compare),
               (const char *[]){ "epochs", "lr", "word", NULL });
  cb_run_compare_set_show_all (compare, FALSE);

  /* The commands, their differing overrides in bold */
  g_assert_cmpstr (cb_run_compare_get_command (compare, FALSE), ==,
                   "python3 runner.py lr=0.2 epochs=3 word=same");
  assert_strv (cb_run_compare_get_marked_args (compare, FALSE),
               (const char *[]){ "lr=0.2", "epochs=3", NULL });
  assert_strv (cb_run_compare_get_marked_args (compare, TRUE),
               (const char *[]){ "lr=0.3", "epochs=5", NULL });

  /* Both runs on each chart, named by their side */
  charts = cb_run_compare_get_charts (compare);
  wait_until (!cb_run_charts_get_loading (charts));
  loss = cb_run_charts_lookup_chart (charts, "loss");
  g_assert_nonnull (loss);
  g_assert_cmpuint (cb_metric_chart_get_n_series (loss), ==, 2);
  g_assert_cmpuint (n_values (loss, 0), ==, 3);
  g_assert_cmpuint (n_values (loss, 1), ==, 5);
  {
    g_autofree char *description = cb_metric_chart_get_description (loss);

    g_assert_true (g_str_has_prefix (description, "First: last value 0.1429 at epoch 3"));
    g_assert_nonnull (strstr (description, "Second: last value 0.0625 at epoch 5"));
  }

  /* Use These Values of the second run: the form has them, with Undo */
  cb_form_reset (form);
  g_assert_true (cb_form_set_text (form, "word", "typed"));
  g_signal_emit_by_name (find_named (GTK_WIDGET (compare), "use-second-button"), "clicked");
  g_assert_cmpstr (cb_test_form_string (form, "word"), ==, "same");
  g_assert_cmpfloat (form_number (form, "lr"), ==, 0.3);
  g_assert_cmpstr (cb_window_get_toast (window), ==, "The form has the values of that run.");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (cb_test_form_string (form, "word"), ==, "typed");
  g_assert_cmpfloat (form_number (form, "lr"), ==, 0.1);

  /* The comparison as text, as --diff prints it */
  g_signal_emit_by_name (find_named (gtk_window_get_titlebar (GTK_WINDOW (compare)),
                                     "export-text-button"), "clicked");
  g_assert_true (g_file_set_contents (text_file, "", 0, NULL));
  answer_chooser (GTK_WIDGET (compare), text_file);
  wait_until (file_size (text_file) > 0);
  {
    g_autofree char *text = NULL;
    g_autofree char *expected = g_strdup_printf ("--- %s (Fit · ", cb_history_record_get_id (first));

    g_assert_true (g_file_get_contents (text_file, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, expected));
    g_assert_nonnull (strstr (text, "  lr: 0.2 → 0.3\n"));
    g_assert_nonnull (strstr (text, "  epochs: (default) → 5\n"));
    g_assert_null (strstr (text, "word"));
    g_assert_nonnull (strstr (text, "- lr=0.2\n+ lr=0.3\n"));
    g_assert_nonnull (strstr (text, "  loss: 0.1429 → 0.0625\n"));
  }

  /* With the form as the second side, picked as a user does (the second
   * run first, then the form, listed first): it follows the form */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (compare), "first-run-dropdown")), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (compare), "second-run-dropdown")), 0);
  g_assert_true (cb_run_compare_get_run (compare, FALSE) == second);
  g_assert_null (cb_run_compare_get_run (compare, TRUE));
  cb_form_reset (form);
  g_assert_true (cb_form_set_text (form, "lr", "0.3"));
  g_assert_true (cb_form_set_text (form, "epochs", "5"));
  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "word")), "same");
  assert_strv (cb_run_compare_get_shown_keys (compare), (const char *[]){ NULL });
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (compare), "use-second-button")));
  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "word")), "other");
  assert_strv (cb_run_compare_get_shown_keys (compare), (const char *[]){ "word", NULL });
  assert_strv (cb_run_compare_get_marked_args (compare, TRUE), (const char *[]){ "word=other", NULL });
  /* Use These Values of the run: the form is the run's again */
  cb_run_compare_use_values (compare, FALSE);
  assert_strv (cb_run_compare_get_shown_keys (compare), (const char *[]){ NULL });

  gtk_window_destroy (GTK_WINDOW (compare));
  close_window (window);
  cb_test_remove_tree (dir);
}

/* The charts fit the smallest window, and take the whole page when the
 * output is enlarged: side by side, where there is room */
static void
test_curves_layout (void)
{
  g_autofree char *dir = fit_project ();
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  CbRunCharts *charts = charts_of (page);
  GdkSurface *surface;
  graphene_rect_t loss, hmean;
  g_autoptr(CbHistoryRecord) record = run_fit (window, NULL, NULL, NULL);

  show_curves_tab (view);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  wait_until (gdk_surface_get_width (surface) == 360);
  wait_until (cb_page_get_one_column (page));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (GTK_WIDGET (page), "panel-toggle")),
                                TRUE);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (cb_run_charts_get_chart (charts, 1))));
  drain ();
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (cb_run_charts_get_chart (charts, 0)),
                                            GTK_WIDGET (window), &loss));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (cb_run_charts_get_chart (charts, 1)),
                                            GTK_WIDGET (window), &hmean));
  /* One a line, inside the window */
  g_assert_cmpfloat (loss.origin.x, >=, 0);
  g_assert_cmpfloat (loss.origin.x + loss.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (hmean.origin.y, >, loss.origin.y);
  g_assert_cmpfloat (loss.size.height, >=, 120);

  /* Wide, enlarged: side by side */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wait_until (gdk_surface_get_width (surface) == 1200);
  cb_run_view_set_expanded (view, TRUE);
  wait_until (!gtk_widget_get_mapped (cb_page_get_form_view (page)));
  drain ();
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (cb_run_charts_get_chart (charts, 0)),
                                            GTK_WIDGET (window), &loss));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (cb_run_charts_get_chart (charts, 1)),
                                            GTK_WIDGET (window), &hmean));
  g_assert_cmpfloat (hmean.origin.y, ==, loss.origin.y);
  g_assert_cmpfloat (hmean.origin.x, >, loss.origin.x + loss.size.width);
  cb_run_view_set_expanded (view, FALSE);

  close_window (window);
  cb_test_remove_tree (dir);
}

/* The new controls' names for a screen reader, as set; what a screen
 * reader hears of them (mnemonic buttons named by their label) is
 * checked through AT-SPI by test-accessible */
static void
test_curves_names (void)
{
  g_autofree char *dir = fit_project ();
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunCharts *charts = charts_of (page);
  g_autoptr(CbHistoryRecord) first = run_fit (window, "0.2", NULL, NULL);
  g_autoptr(CbHistoryRecord) record = run_fit (window, "0.3", NULL, NULL);
  GtkWidget *history = GTK_WIDGET (history_of (window));
  GtkWidget *row = NULL;
  CbRunCompare *compare;

  assert_named (find_named (GTK_WIDGET (charts), "show-all-metrics-button"), "Show All Metrics");
  assert_named (find_named (GTK_WIDGET (cb_run_charts_lookup_chart (charts, "val_hmean"))
                            ? gtk_widget_get_parent (GTK_WIDGET (cb_run_charts_lookup_chart (charts,
                                                                                            "val_hmean")))
                            : NULL, "save-chart-button"),
                "Save the val_hmean Chart as an Image");
  assert_named (GTK_WIDGET (cb_run_charts_lookup_chart (charts, "loss")), "loss");

  gtk_popover_popup (GTK_POPOVER (gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER)));
  wait_until ((row = find_widget (history, CB_TYPE_HISTORY_ROW)) != NULL &&
              gtk_widget_get_mapped (row));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (find_named (row, "curves-button")),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (find_named (row, "compare-button")),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER)));

  compare = CB_RUN_COMPARE (cb_history_view_compare (history_of (window), record, NULL));
  assert_named (find_named (GTK_WIDGET (compare), "first-run-dropdown"), "First Run");
  assert_named (find_named (GTK_WIDGET (compare), "second-run-dropdown"), "Second Run or the Form");
  assert_named (cb_accessible_get_drop_down_button (find_named (GTK_WIDGET (compare),
                                                                "first-run-dropdown")),
                "First Run");
  assert_named (find_named (GTK_WIDGET (compare), "show-all-values-button"), "Show All Values");
  assert_named (find_named (gtk_window_get_titlebar (GTK_WINDOW (compare)), "export-text-button"),
                "Export the Comparison as Text…");
  /* A command is read as it is, its marks in words */
  assert_named (find_named (GTK_WIDGET (compare), "first-command"),
                "python3 runner.py lr=0.2 epochs=3 word=hello");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_named (GTK_WIDGET (compare),
                                                                   "first-command")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Differs from the other: lr=0.2");
  gtk_window_destroy (GTK_WINDOW (compare));

  close_window (window);
  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cb_test_ui_init (&argc, &argv);

  g_test_add_func ("/curves/live", test_curves_live);
  g_test_add_func ("/curves/stopped", test_curves_stopped);
  g_test_add_func ("/curves/disabled", test_curves_disabled);
  g_test_add_func ("/curves/past-run", test_curves_past_run);
  g_test_add_func ("/curves/cancelled", test_curves_cancelled);
  g_test_add_func ("/curves/compare", test_curves_compare);
  g_test_add_func ("/curves/layout", test_curves_layout);
  g_test_add_func ("/curves/names", test_curves_names);

  status = g_test_run ();
  cb_test_ui_finish ();
  return status;
}
