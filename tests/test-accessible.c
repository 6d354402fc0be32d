/* test-accessible.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "cb-curves-window.h"
#include "cb-history-row.h"
#include "cb-history-view.h"
#include "cb-run-charts.h"
#include "cb-run-compare.h"
#include "cb-run-view.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"

/* What a screen reader hears: the real application, walked through
 * AT-SPI by check-accessible.py (pyatspi, on the session's accessibility
 * bus) while it runs, as Orca would walk it.
 */

#define wait_until(cond) cb_test_wait_until (cond, 60)

static char *python;  /* one that has pyatspi, or NULL */

static char *
find_python (void)
{
  const char *candidates[] = { "python3", "/usr/bin/python3", NULL };

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *argv[] = { candidates[i], "-c", "import pyatspi", NULL };
      int status = 0;

      if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                        G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

typedef struct
{
  gboolean  done;
  char     *output;
  int       status;
} Check;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Check *check = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &check->output, NULL, &error);
  g_assert_no_error (error);
  check->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  check->done = TRUE;
}

/* Runs the checker on the window titled @title, the main loop running so
 * that the application answers it; returns its exit status
 */
static int
check_window (const char  *title,
              char       **output)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-accessible.py", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int)getpid ());
  g_autoptr(GSubprocess) checker = NULL;
  g_autoptr(GError) error = NULL;
  Check check = { FALSE, NULL, -1 };

  checker = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              python, script, pid, title, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (checker, NULL, NULL, on_checked, &check);
  wait_until (check.done);
  g_test_message ("%s", check.output);
  *output = check.output;
  return check.status;
}

static guint
n_checked (const char *output)
{
  const char *line = strstr (output, "checked ");

  g_assert_nonnull (line);
  return (guint)g_ascii_strtoull (line + strlen ("checked "), NULL, 10);
}

/* The checker fails a control that GTK names after its type, and one
 * whose mnemonic shows: it is not a test that passes on anything
 */
static void
test_accessible_checker_fails (void)
{
  GtkWidget *window;
  GtkWidget *box;
  g_autofree char *output = NULL;

  if (python == NULL)
    {
      g_test_skip ("No Python with pyatspi (Debian: python3-pyatspi)");
      return;
    }

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Unnamed controls");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), gtk_toggle_button_new ());
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_mnemonic ("_Leak"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Fine"));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  cb_test_ui_wait_frames (window, 2);

  g_assert_cmpint (check_window ("Unnamed controls", &output), ==, 1);
  g_assert_nonnull (strstr (output, "FAIL push button 'GtkToggleButton': a type name"));
  g_assert_nonnull (strstr (output, "FAIL push button '_Leak Leak': a mnemonic shows"));
  g_assert_null (strstr (output, "'Fine'"));
  g_assert_cmpuint (n_checked (output), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every control of every page of the demo, the header bar, the banner,
 * the notice with Undo and the page of a project that cannot be opened
 */
static void
test_accessible_demo (void)
{
  CbWindow *window;
  g_autofree char *output = NULL;

  if (python == NULL)
    {
      g_test_skip ("No Python with pyatspi (Debian: python3-pyatspi)");
      return;
    }

  window = cb_test_ui_open_demo ();
  for (guint i = 0; i < cb_window_get_n_pages (window); i++)
    {
      CbPage *page = CB_PAGE (cb_window_get_page (window, i));

      /* Each page shown once, and every row built */
      cb_window_set_visible_page (window, i);
      cb_page_build (page);
      cb_page_get_row (page, 0);
      cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
    }
  cb_window_set_visible_page (window, 0);
  cb_window_show_notice (window, "A notice.");
  cb_test_ui_wait_frames (GTK_WIDGET (window), 2);

  g_assert_cmpint (check_window (gtk_window_get_title (GTK_WINDOW (window)), &output), ==, 0);
  /* Three pages of fields, and the rest */
  g_assert_cmpuint (n_checked (output), >=, 100);

  cb_test_ui_close_window (window);
}

/* Runs the demo's training to its end: a run for the history */
static void
run_training (CbWindow *window)
{
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  CbHistory *history = cb_session_get_history (cb_window_get_session (window));
  guint before = g_list_model_get_n_items (G_LIST_MODEL (history));

  g_assert_true (cb_run_view_run (view));
  wait_until (!cb_run_view_get_running (view) &&
              g_list_model_get_n_items (G_LIST_MODEL (history)) > before);
}

/* The curves of a run in the run view, of a past run in their window,
 * and two runs compared: every control named, charts with them */
static void
test_accessible_curves (void)
{
  CbWindow *window;
  CbPage *page;
  CbHistory *history;
  CbHistoryView *history_view;
  g_autoptr(CbHistoryRecord) first = NULL;
  g_autoptr(CbHistoryRecord) second = NULL;
  GtkWidget *curves;
  GtkWidget *compare;
  char *output = NULL;

  if (python == NULL)
    {
      g_test_skip ("No Python with pyatspi (Debian: python3-pyatspi)");
      return;
    }

  window = cb_test_ui_open_demo ();
  page = CB_PAGE (cb_window_get_visible_page (window));
  cb_test_ui_reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  history = cb_session_get_history (cb_window_get_session (window));
  run_training (window);
  run_training (window);
  first = g_list_model_get_item (G_LIST_MODEL (history), 1);
  second = g_list_model_get_item (G_LIST_MODEL (history), 0);
  history_view = CB_HISTORY_VIEW (cb_test_ui_find_descendant (GTK_WIDGET (window),
                                                              CB_TYPE_HISTORY_VIEW, NULL));

  /* The run view's Curves tab, its charts shown */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (
    cb_test_ui_find_descendant (cb_page_get_run_view (page), CB_TYPE_RUN_CHARTS, NULL),
    GTK_TYPE_STACK)), "curves");
  cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (check_window (gtk_window_get_title (GTK_WINDOW (window)), &output), ==, 0);
  g_clear_pointer (&output, g_free);

  /* The history, open: each run's Open Log, Curves, Compare and Use These
   * Values */
  {
    GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (history_view), GTK_TYPE_POPOVER);
    GtkWidget *row = NULL;
    guint without;

    g_assert_cmpint (check_window (gtk_window_get_title (GTK_WINDOW (window)), &output), ==, 0);
    without = n_checked (output);
    g_clear_pointer (&output, g_free);
    gtk_popover_popup (GTK_POPOVER (popover));
    wait_until ((row = cb_test_ui_find_descendant (GTK_WIDGET (history_view), CB_TYPE_HISTORY_ROW,
                                                   NULL)) != NULL && gtk_widget_get_mapped (row));
    cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpint (check_window (gtk_window_get_title (GTK_WINDOW (window)), &output), ==, 0);
    g_assert_cmpuint (n_checked (output), >=, without + 2 * 4);
    g_clear_pointer (&output, g_free);
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  curves = cb_history_view_show_curves (history_view, second);
  wait_until (!cb_run_charts_get_loading (cb_curves_window_get_charts (CB_CURVES_WINDOW (curves))));
  cb_test_ui_wait_frames (curves, 2);
  g_assert_cmpint (check_window (gtk_window_get_title (GTK_WINDOW (curves)), &output), ==, 0);
  /* The chart buttons and the export, at least */
  g_assert_cmpuint (n_checked (output), >=, 3);
  g_clear_pointer (&output, g_free);
  gtk_window_destroy (GTK_WINDOW (curves));

  compare = cb_history_view_compare (history_view, first, second);
  wait_until (!cb_run_charts_get_loading (cb_run_compare_get_charts (CB_RUN_COMPARE (compare))));
  cb_test_ui_wait_frames (compare, 2);
  g_assert_cmpint (check_window (gtk_window_get_title (GTK_WINDOW (compare)), &output), ==, 0);
  g_assert_cmpuint (n_checked (output), >=, 6);
  g_clear_pointer (&output, g_free);
  gtk_window_destroy (GTK_WINDOW (compare));

  cb_form_reset (cb_page_get_form (page));
  cb_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cb_test_ui_init (&argc, &argv);
  python = find_python ();

  g_test_add_func ("/accessible/checker-fails", test_accessible_checker_fails);
  g_test_add_func ("/accessible/demo", test_accessible_demo);
  g_test_add_func ("/accessible/curves", test_accessible_curves);

  status = g_test_run ();

  g_free (python);
  cb_test_ui_finish ();
  return status;
}
