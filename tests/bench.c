/* bench.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bench-first-frame.h"
#include "bench-replica.h"
#include "cb-application.h"
#include "cb-checkpoint-model.h"
#include "cb-command-panel.h"
#include "cb-config-index.h"
#include "cb-demo.h"
#include "cb-expr.h"
#include "cb-field-row.h"
#include "cb-form-store.h"
#include "cb-metric-set.h"
#include "cb-option.h"
#include "cb-page.h"
#include "cb-project.h"
#include "cb-run.h"
#include "cb-run-view.h"
#include "cb-test-util.h"
#include "cb-window.h"

/* The performance benchmarks: each figure is a median over repeated runs,
 * printed with its min and max, and, where there is a baseline, measured
 * alternately with it in the same run and reported as a ratio. Run with
 * `meson test --benchmark` (see build-aux/benchmark).
 */

typedef struct
{
  char   *name;
  char   *unit;
  double  median, min, max;
  char   *baseline;
  double  baseline_median;
  char   *target;
  int     met;  /* -1: no target */
} Row;

static GPtrArray *rows;
static CbApplication *app;
static char *home;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
stats (GArray *values,
       double *median,
       double *min,
       double *max)
{
  g_array_sort (values, compare_doubles);
  *min = g_array_index (values, double, 0);
  *max = g_array_index (values, double, values->len - 1);
  *median = values->len % 2 ? g_array_index (values, double, values->len / 2)
                            : (g_array_index (values, double, values->len / 2 - 1) +
                               g_array_index (values, double, values->len / 2)) / 2;
}

static Row *
add_row (const char *name,
         const char *unit,
         GArray     *values,
         const char *target,
         int         met)
{
  Row *row = g_new0 (Row, 1);

  row->name = g_strdup (name);
  row->unit = g_strdup (unit);
  stats (values, &row->median, &row->min, &row->max);
  row->target = g_strdup (target);
  row->met = met;
  g_ptr_array_add (rows, row);
  return row;
}

static Row *
add_single (const char *name,
            const char *unit,
            double      value,
            const char *target,
            int         met)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_val (values, value);
  return add_row (name, unit, values, target, met);
}

static void
set_baseline (Row        *row,
              const char *name,
              GArray     *values)
{
  double min, max;

  row->baseline = g_strdup (name);
  stats (values, &row->baseline_median, &min, &max);
}

static char *
format_value (double      value,
              const char *unit)
{
  if (g_str_equal (unit, "ms"))
    return g_strdup_printf ("%.2f ms", value);
  if (g_str_equal (unit, "MiB"))
    return g_strdup_printf ("%.1f MiB", value);
  if (g_str_equal (unit, "lines/s"))
    return g_strdup_printf ("%.0f lines/s", value);
  return g_strdup_printf ("%.0f %s", value, unit);
}

/* Rows by their section's number, in the order they were added within it */
static int
compare_sections (gconstpointer a,
                  gconstpointer b)
{
  int x = atoi ((*(Row **)a)->name);
  int y = atoi ((*(Row **)b)->name);

  return x < y ? -1 : x > y;
}

static void
print_table (FILE *out)
{
  g_ptr_array_sort (rows, compare_sections);

  fprintf (out, "| Measure | Median | Min | Max | Baseline (median) | Ratio | Target | Met |\n");
  fprintf (out, "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = g_ptr_array_index (rows, i);
      g_autofree char *median = format_value (r->median, r->unit);
      g_autofree char *min = format_value (r->min, r->unit);
      g_autofree char *max = format_value (r->max, r->unit);
      g_autofree char *baseline = r->baseline ? format_value (r->baseline_median, r->unit) : NULL;
      g_autofree char *base = r->baseline ? g_strdup_printf ("%s: %s", r->baseline, baseline) : g_strdup ("—");
      g_autofree char *ratio = r->baseline && r->baseline_median > 0
                                 ? g_strdup_printf ("%.2f×", r->median / r->baseline_median)
                                 : g_strdup ("—");

      fprintf (out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r->name, median, min, max, base, ratio,
               r->target ? r->target : "—", r->met < 0 ? "—" : r->met ? "yes" : "**no**");
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

#define wait_until(cond) cb_test_wait_until (cond, 120)

/* 1. Start-up, measured two ways, each alternating the app with the bare
 * window in the same run:
 *
 * - inside the process, from the start of main() to the first painted
 *   frame (the frame clock's after-paint): the app's and GTK's own work;
 * - from outside, from just before the process starts to the first damage
 *   event the X server reports on its window (bench-xdamage): what a user
 *   waits for, with the dynamic linker, the libraries' constructors and
 *   the X server's share, and the real `cmdbuilder` binary, unchanged.
 */

/* With --first-frame-replica, the app's first frame is written there, as
 * the replica's file (see bench-replica.c) */
static const char *replica_path;

static void
on_replica_frame (GdkFrameClock *clock,
                  GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_replica_frame, window);
  bench_replica_write (window, replica_path);
}

static void
on_replica_window_mapped (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_replica_frame), window);
}

static void
on_replica_window_added (GtkApplication *application,
                         GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_replica_window_mapped), NULL);
}

/* The app as main.c starts it, ending after its first painted frame: the
 * benchmark runs itself with --first-frame for that. The app has no hook
 * of its own for it.
 */
static int
run_app_until_first_frame (void)
{
  g_autoptr(CbApplication) application = NULL;
  const char *localedir;
  char *argv[] = { (char *)"cmdbuilder", NULL };

  bench_mark_main_start ();
  localedir = g_getenv ("CB_LOCALEDIR");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = cb_application_new ();
  /* Its first frame written as a replica, before it ends */
  if (replica_path != NULL)
    g_signal_connect (application, "window-added", G_CALLBACK (on_replica_window_added), NULL);
  bench_quit_after_first_frame (GTK_APPLICATION (application));
  return g_application_run (G_APPLICATION (application), 1, argv);
}

/* Runs @argv to its end; returns whether it ended well, having printed a
 * number, and then that number, and its peak RSS when @peak_rss_mib is
 * not NULL
 */
static gboolean
try_spawn_for_number (const char * const *argv,
                      double             *number,
                      double             *peak_rss_mib)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  char out[256];
  ssize_t n, length = 0;
  int stdout_fd;
  GPid pid;
  int status;

  if (!g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &stdout_fd, NULL, &error))
    g_error ("%s", error->message);
  while (length < (ssize_t)sizeof out - 1 &&
         (n = read (stdout_fd, out + length, sizeof out - 1 - length)) > 0)
    length += n;
  out[length] = '\0';
  close (stdout_fd);
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0 ||
      length == 0)
    return FALSE;

  *number = g_ascii_strtod (out, NULL);
  if (peak_rss_mib != NULL)
    *peak_rss_mib = usage.ru_maxrss / 1024.0;
  return TRUE;
}

/* The same, tried up to three times: the app is a unique application, and
 * the bus may not yet have released the name of the instance that ended
 * just before, which makes the new one hand its activation over and end
 * without a window
 */
static double
spawn_for_number (const char * const *argv,
                  double             *peak_rss_mib)
{
  double number;

  for (int attempt = 0; attempt < 3; attempt++)
    {
      if (try_spawn_for_number (argv, &number, peak_rss_mib))
        return number;
      g_printerr ("%s %s did not end well; trying again\n", argv[0], argv[1] ? argv[1] : "");
    }
  g_error ("%s did not end well", argv[0]);
}

static void
bench_startup (void)
{
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) replica_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) replica_x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *replica = g_build_filename (home, "first-frame.ui", NULL);
  const char *xdamage = g_getenv ("CB_BENCH_XDAMAGE");
  const char *app_argv[] = { self_path, "--first-frame", NULL };
  const char *write_argv[] = { self_path, "--first-frame-replica", replica, NULL };
  const char *bare_argv[] = { g_getenv ("CB_BENCH_BARE"), NULL };
  const char *replica_argv[] = { self_path, "--replica", replica, NULL };
  const char *app_x_argv[] = { xdamage, g_getenv ("CB_TEST_BINARY"), NULL };
  const char *bare_x_argv[] = { xdamage, g_getenv ("CB_BENCH_BARE"), NULL };
  const char *replica_x_argv[] = { xdamage, self_path, "--replica", replica, NULL };
  Row *row;

  /* A first run of each fills the caches the others then use; the app's
   * writes its first frame as the replica's file */
  spawn_for_number (write_argv, NULL);
  spawn_for_number (app_argv, NULL);
  spawn_for_number (bare_argv, NULL);
  spawn_for_number (replica_argv, NULL);
  spawn_for_number (app_x_argv, NULL);
  spawn_for_number (bare_x_argv, NULL);
  spawn_for_number (replica_x_argv, NULL);
  for (int i = 0; i < 15; i++)
    {
      double ra, rb;
      double a = spawn_for_number (app_argv, &ra);
      double b = spawn_for_number (bare_argv, &rb);
      double r = spawn_for_number (replica_argv, NULL);
      double xa = spawn_for_number (app_x_argv, NULL);
      double xb = spawn_for_number (bare_x_argv, NULL);
      double xr = spawn_for_number (replica_x_argv, NULL);

      g_array_append_val (app_ms, a);
      g_array_append_val (bare_ms, b);
      g_array_append_val (replica_ms, r);
      g_array_append_val (app_x, xa);
      g_array_append_val (bare_x, xb);
      g_array_append_val (replica_x, xr);
      g_array_append_val (app_rss, ra);
      g_array_append_val (bare_rss, rb);
    }

  row = add_row ("1. Start-up, main() to first frame (in the process), demo project", "ms", app_ms,
                 "≤ 1.25× bare window", -1);
  set_baseline (row, "bare window", bare_ms);
  row->met = row->median <= 1.25 * row->baseline_median;
  row = add_row ("1. Start-up, process start to first drawn frame (X server's damage event)", "ms",
                 app_x, "≤ 1.25× bare window", -1);
  set_baseline (row, "bare window", bare_x);
  row->met = row->median <= 1.25 * row->baseline_median;
  /* What GTK alone costs for that first screen, and the app over it (see
   * bench-replica.c) */
  row = add_row ("1. Floor: the app's first frame as plain GTK widgets (replica), in the process",
                 "ms", replica_ms, NULL, -1);
  set_baseline (row, "bare window", bare_ms);
  row = add_row ("1. Floor, from outside (X server's damage event)", "ms", replica_x, NULL, -1);
  set_baseline (row, "bare window", bare_x);
  row = add_row ("1. The app over its replica, in the process", "ms", app_ms, NULL, -1);
  set_baseline (row, "replica", replica_ms);
  row = add_row ("1. The app over its replica, from outside", "ms", app_x, NULL, -1);
  set_baseline (row, "replica", replica_x);
  row = add_row ("1. Peak RSS at first frame", "MiB", app_rss, NULL, -1);
  set_baseline (row, "bare window", bare_rss);
}

/* 2. Page switch */

static gboolean frame_painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  frame_painted = TRUE;
}

static GtkWidget *
stack_of (CbWindow *window)
{
  return gtk_widget_get_parent (cb_window_get_page (window, 0));
}

static double
switch_and_paint (CbWindow *window,
                  guint     index)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  gint64 start = g_get_monotonic_time ();
  double ms;

  frame_painted = FALSE;
  cb_window_set_visible_page (window, index);
  wait_until (frame_painted);
  ms = ms_since (start);
  g_signal_handler_disconnect (clock, id);
  return ms;
}

static char *
make_bench_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = cb_demo_ensure_copy (&error);
  char *dir = g_build_filename (home, "bench-project", NULL);
  g_autofree char *command = NULL;

  g_assert_no_error (error);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      command = g_strdup_printf ("cp -r '%s' '%s'", demo, dir);
      g_assert_cmpint (system (command), ==, 0);
      /* A small first page, so that the 30-field Train page is not built */
      g_free (cb_test_write (dir, "schemas/0-start.yaml",
                             "id: start\nui_elements:\n  - key: note\n    type: checkbox\n"));
    }
  return dir;
}

static void
bench_page_switch (void)
{
  g_autofree char *dir = make_bench_project ();
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) built = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 15; i++)
    {
      CbWindow *window = cb_window_new (GTK_APPLICATION (app));
      double ms;

      cb_window_load_project (window, dir);
      gtk_window_present (GTK_WINDOW (window));
      wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                  cb_page_is_built (CB_PAGE (cb_window_get_page (window, 0))));
      while (g_main_context_iteration (NULL, FALSE))
        ;

      ms = switch_and_paint (window, 1);
      g_array_append_val (fresh, ms);
      switch_and_paint (window, 0);
      /* The next switch starts from a still window, not in the middle of
       * the crossfade of this one
       */
      wait_until (!gtk_stack_get_transition_running (GTK_STACK (stack_of (window))));
      /* and with the page's rows below its first screen built */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      ms = switch_and_paint (window, 1);
      g_array_append_val (built, ms);

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  {
    Row *row = add_row ("2. Page switch, first time (Train, 36 fields)", "ms", fresh,
                        "≤ 1.5× built page", -1);

    set_baseline (row, "page already built", built);
    row->met = row->median <= 1.5 * row->baseline_median;
  }
  add_row ("2. Page switch, page already built", "ms", built, NULL, -1);
}

/* 3. Typing */

static GtkWidget *
input_of (CbPage     *page,
          const char *key)
{
  CbField *field = cb_schema_lookup_field (cb_page_get_schema (page), key);

  return cb_field_row_get_input (CB_FIELD_ROW (cb_page_get_row (page, field->index)));
}

/* Types @n characters at the end of the field's entry, as a key press
 * does: one change each (gtk_editable_set_text() would be two, the text
 * deleted and the new one inserted)
 */
static GArray *
type_into (CbPage     *page,
           const char *key,
           int         n)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *entry = input_of (page, key);

  gtk_editable_set_text (GTK_EDITABLE (entry), "run");
  for (int i = 0; i < n; i++)
    {
      /* Terminated: GTK's accessible text reads the inserted text up to
       * its nul, whatever the length given
       */
      char text[2] = { 'a' + i % 26, '\0' };
      int position = -1;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      gtk_editable_insert_text (GTK_EDITABLE (entry), text, 1, &position);
      ms = ms_since (start);
      g_array_append_val (values, ms);
    }
  g_assert_cmpint (strlen (gtk_editable_get_text (GTK_EDITABLE (entry))), ==, 3 + n);

  return values;
}

static CbWindow *
open_window (const char *dir)
{
  CbWindow *window = cb_window_new (GTK_APPLICATION (app));

  cb_window_load_project (window, dir);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
              cb_page_is_built (CB_PAGE (cb_window_get_visible_page (window))));
  return window;
}

static void
bench_typing (void)
{
  g_autofree char *demo = make_bench_project ();
  g_autofree char *big = g_build_filename (home, "big-project", NULL);
  g_autoptr(GString) schema = g_string_new ("ui_elements:\n  - key: name\n    type: text_input\n"
                                            "    default: run\n    hydra_override: name\n"
                                            "  - key: switch\n    type: checkbox\n");
  g_autoptr(GArray) small = NULL;
  g_autoptr(GArray) large = NULL;
  CbWindow *window;
  Row *row;

  window = open_window (demo);
  cb_window_set_visible_page (window, 1);
  wait_until (cb_page_is_built (CB_PAGE (cb_window_get_page (window, 1))));
  small = type_into (CB_PAGE (cb_window_get_page (window, 1)), "exp_name", 101);
  gtk_window_destroy (GTK_WINDOW (window));

  for (int i = 0; i < 1000; i++)
    g_string_append_printf (schema,
                            "  - key: f%d\n    type: %s\n    default: %s\n    hydra_override: group%d.f%d\n"
                            "    visible_if: \"%s\"\n",
                            i, i % 3 ? "text_input" : "number_input", i % 3 ? "value" : "3", i % 10, i,
                            i % 2 ? "not switch" : "switch == false or name != ''");
  g_free (cb_test_write (big, "cmdbuilder.yaml", "runner: [python3, run.py]\n"));
  g_free (cb_test_write (big, "schemas/big.yaml", schema->str));
  window = open_window (big);
  large = type_into (CB_PAGE (cb_window_get_visible_page (window)), "name", 101);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  row = add_row ("3. Change to preview updated, 36-field page", "ms", small, "< 1 ms", -1);
  row->met = row->median < 1;
  row = add_row ("3. Change to preview updated, 1,000-field page", "ms", large, "< 5 ms", -1);
  row->met = row->median < 5;
}

/* 4. Schema load */

static void
bench_schema_load (void)
{
  g_autofree char *dir = make_bench_project ();
  g_autofree char *path = g_build_filename (dir, "schemas", "1-train.yaml", NULL);
  g_autofree char *index = cb_config_index_path (dir);
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cached = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) valid = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuilt = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CbProject) project = cb_project_load (dir, NULL);
  Row *row;

  cb_project_ensure_config (project);
  for (int i = 0; i < 21; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CbSchema) schema = cb_schema_load (path, CB_NAME_LOOKUP (project), NULL);
      g_autoptr(CbForm) form = cb_form_new (project, schema);
      double ms = ms_since (start);
      g_autoptr(CbSchema) again = NULL;
      g_autoptr(CbForm) form2 = NULL;

      g_array_append_val (cold, ms);
      g_clear_object (&again);
      again = cb_project_load_schema (project, path, NULL);
      start = g_get_monotonic_time ();
      g_clear_object (&again);
      again = cb_project_load_schema (project, path, NULL);
      form2 = cb_form_new (project, again);
      ms = ms_since (start);
      g_array_append_val (cached, ms);
    }

  for (int i = 0; i < 21; i++)
    {
      gint64 start;
      double ms;

      {
        g_autoptr(CbProject) p = NULL;

        start = g_get_monotonic_time ();
        p = cb_project_load (dir, NULL);
        cb_project_ensure_config (p);
        ms = ms_since (start);
        g_array_append_val (valid, ms);
      }
      {
        g_autoptr(CbProject) p = NULL;

        g_unlink (index);
        start = g_get_monotonic_time ();
        p = cb_project_load (dir, NULL);
        cb_project_ensure_config (p);
        ms = ms_since (start);
        g_array_append_val (rebuilt, ms);
      }
    }

  row = add_row ("4. Train schema, parse and resolve, cached schema", "ms", cached, NULL, -1);
  set_baseline (row, "cold parse", cold);
  row = add_row ("4. Project open with a valid config index", "ms", valid, NULL, -1);
  set_baseline (row, "index rebuilt", rebuilt);
}

static double vm_rss_mib (void);

/* 5 and 6. Checkpoints */

#define N_EXPERIMENTS 2000
#define N_PER_EXPERIMENT 50
#define N_SMALL_EXPERIMENTS 200 /* the growth row's smaller tree */

static char *
make_checkpoint_tree (const char *name,
                      int         n_experiments)
{
  char *dir = g_build_filename (home, name, NULL);

  for (int e = 0; e < n_experiments; e++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/outputs/exp%04d/checkpoints", dir, e);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      for (int c = 0; c < N_PER_EXPERIMENT; c++)
        {
          g_autofree char *file = g_strdup_printf ("%s/epoch=%02d-step=%04d.ckpt", folder, c, c * 100);

          g_assert_true (g_file_set_contents (file, "", 0, NULL));
        }
    }

  return dir;
}

static double
cpu_ms (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* find listing the same files: by name only (it needs no stat, the
 * folder entries' types suffice), or with the size and time of each, as
 * the model has them
 */
static double
run_find (const char *dir,
          gboolean    with_stat)
{
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  const char *argv[] = { "find", outputs, "-mindepth", "3", "-maxdepth", "3",
                         "-path", "*/checkpoints/*.ckpt", "-type", "f",
                         with_stat ? "-printf" : NULL, "%s %T@ %P\n", NULL };
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  guint lines = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, NULL, NULL));
  for (const char *p = out; *p; p++)
    lines += *p == '\n';
  g_assert_cmpuint (lines, ==, N_EXPERIMENTS * N_PER_EXPERIMENT);
  return ms_since (start);
}

static guint changes_seen;

static double cpu_ms (clockid_t clock);

/* One first scan, timed from the model's creation to the end of its
 * loading, with the CPU time of all threads and the RSS it added
 */
static double
scan_once (const char         *dir,
           CbCheckpointModel **model,
           guint               n_expected,
           double             *cpu,
           double             *rss_growth_mib)
{
  const char *globs[] = { "outputs/*/checkpoints/*.ckpt", NULL };
  double before;
  gint64 start;
  double ms;

  /* Freeing the previous model is not part of this scan: its monitors
   * are let go before the clock starts
   */
  g_clear_object (model);
  {
    gint64 quiet = g_get_monotonic_time ();

    while (ms_since (quiet) < 300)
      g_main_context_iteration (NULL, FALSE);
  }

  before = vm_rss_mib ();
  *cpu = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  start = g_get_monotonic_time ();
  *model = cb_checkpoint_model_new (dir, globs);
  cb_checkpoint_model_start (*model);
  wait_until (!cb_checkpoint_model_get_loading (*model));
  ms = ms_since (start);
  *cpu = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - *cpu;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (*model)), ==, n_expected);
  if (rss_growth_mib != NULL)
    *rss_growth_mib = vm_rss_mib () - before;
  return ms;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  changes_seen++;
}

/* One file more: one update, no rescan. The CPU time is the process's
 * (the monitor threads' included) and the main thread's, from the file's
 * creation to the model's items-changed.
 */
static void
measure_one_added (CbCheckpointModel *model,
                   const char        *dir,
                   GArray            *wall,
                   GArray            *cpu,
                   GArray            *cpu_main)
{
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/outputs/exp0007/checkpoints/extra-%02d.ckpt", dir, i);
      gulong id = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), NULL);
      gint64 start;
      double process_before, main_before, w, c, m;

      changes_seen = 0;
      start = g_get_monotonic_time ();
      g_assert_true (g_file_set_contents (file, "x", 1, NULL));
      process_before = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
      main_before = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
      wait_until (changes_seen > 0);
      w = ms_since (start);
      c = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - process_before;
      m = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - main_before;
      g_signal_handler_disconnect (model, id);
      g_array_append_val (wall, w);
      g_array_append_val (cpu, c);
      g_array_append_val (cpu_main, m);
    }
}

static void
bench_checkpoints (void)
{
  g_autofree char *dir = make_checkpoint_tree ("checkpoints", N_EXPERIMENTS);
  g_autofree char *small_dir = make_checkpoint_tree ("checkpoints-small", N_SMALL_EXPERIMENTS);
  g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) find = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) find_stat = g_array_new (FALSE, FALSE, sizeof (double));
  double bytes_per_item = 0;
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_main = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CbCheckpointModel) model = NULL;
  Row *row;

  /* All read a warm cache: the first of each is not counted */
  run_find (dir, FALSE);
  run_find (dir, TRUE);
  for (int i = 0; i < 12; i++)
    {
      double rss, ms, c, small, f, fs;

      ms = scan_once (dir, &model, N_EXPERIMENTS * N_PER_EXPERIMENT, &c, &rss);
      f = run_find (dir, FALSE);
      fs = run_find (dir, TRUE);
      scan_once (small_dir, &model, N_SMALL_EXPERIMENTS * N_PER_EXPERIMENT, &small, NULL);
      /* Later models reuse the memory the earlier ones freed */
      if (i == 0)
        {
          bytes_per_item = rss * 1024 * 1024 / (N_EXPERIMENTS * N_PER_EXPERIMENT);
          continue;
        }
      g_array_append_val (scan, ms);
      g_array_append_val (find, f);
      g_array_append_val (find_stat, fs);
      g_array_append_val (scan_cpu, c);
      g_array_append_val (small_cpu, small);
    }
  {
    double c;

    scan_once (dir, &model, N_EXPERIMENTS * N_PER_EXPERIMENT, &c, NULL);
  }

  measure_one_added (model, dir, wall, cpu, cpu_main);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (model), ==, 1);

  row = add_row ("5. Checkpoints, first scan of 100,000 files in 2,000 folders", "ms", scan, NULL, -1);
  set_baseline (row, "find, names", find);
  row = add_row ("5. The same, against find reading size and time as the model does", "ms", scan,
                 "≤ 1.25× find -printf", -1);
  set_baseline (row, "find -printf '%s %T@'", find_stat);
  row->met = row->median <= 1.25 * row->baseline_median;
  add_single ("5. Memory per checkpoint item (RSS growth of the first scan)", "bytes", bytes_per_item, NULL, -1);
  add_row ("6. One checkpoint added: wall time to items-changed (merge window 100 ms)", "ms", wall, NULL, -1);
  row = add_row ("6. One checkpoint added: CPU time, all threads, at 100,000 items", "ms", cpu, "< 1 ms", -1);
  row->met = row->median < 1;
  add_row ("6. One checkpoint added: CPU time of the main thread", "ms", cpu_main, NULL, -1);
  add_single ("6. Rescans after the first scan", "scans", cb_checkpoint_model_get_n_scans (model) - 1, "0",
              cb_checkpoint_model_get_n_scans (model) == 1);
  /* CPU time: the work, which a busy machine stretches less than the
   * wall time of a run that takes a third of a second
   */
  row = add_row ("10. Growth: first scan of 100,000 checkpoints (2,000 folders), CPU time of all threads", "ms",
                 scan_cpu, "≤ 12× 10,000", -1);
  set_baseline (row, "10,000 (200 folders)", small_cpu);
  row->met = row->median <= 12 * row->baseline_median;
}

/* 7. Settings */

static void
bench_settings (void)
{
  g_autofree char *dir = make_bench_project ();
  CbWindow *window = open_window (dir);
  CbPage *page;
  CbFormStore *store;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) stored = NULL;
  Row *row;
  double n;

  cb_window_set_visible_page (window, 1);
  page = CB_PAGE (cb_window_get_page (window, 1));
  wait_until (cb_page_is_built (page));
  store = cb_page_get_store (page);
  settings = cb_form_store_create_settings (dir, "train");

  for (int round = 0; round < 5; round++)
    {
      guint before;
      g_autoptr(GArray) typed = NULL;

      cb_form_reset (cb_page_get_form (page));
      cb_form_store_flush (store);
      before = cb_form_store_get_n_writes (store);
      typed = type_into (page, "exp_name", 100);
      /* The debounce writes once the form is quiet */
      wait_until (cb_form_store_get_n_writes (store) > before);
      {
        gint64 quiet = g_get_monotonic_time ();

        while (ms_since (quiet) < CB_FORM_STORE_DELAY_MS * 2)
          g_main_context_iteration (NULL, FALSE);
      }
      n = cb_form_store_get_n_writes (store) - before;
      g_array_append_val (writes, n);
    }

  stored = g_settings_get_value (settings, "values");
  row = add_row ("7. Settings writes for 100 keystrokes", "writes", writes, "≤ 2", -1);
  row->met = row->max <= 2;
  add_single ("7. Stored entries for 1 changed field", "entries", g_variant_n_children (stored), "= 1",
              g_variant_n_children (stored) == 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 8. Run log */

static double
vm_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

typedef struct
{
  double peak;
  double start;
} RssWatch;

static void
on_output (CbRun     *run,
           GPtrArray *lines,
           RssWatch  *watch)
{
  watch->peak = MAX (watch->peak, vm_rss_mib () - watch->start);
}

static const char *printer =
  "import sys\n"
  "w = sys.stdout.write\n"
  "for i in range(1000000):\n"
  "    w('step %d of the benchmark, loss=0.%06d\\n' % (i, i))\n";

static double
run_printer (gboolean  with_view,
             double   *rss)
{
  const char *argv[] = { "python3", "-c", printer, NULL };
  g_autoptr(CbRun) run = cb_run_new (argv, home, "bench", NULL);
  GtkWidget *view = NULL;
  RssWatch watch = { 0, vm_rss_mib () };
  gint64 start;
  double seconds;

  g_signal_connect (run, "output", G_CALLBACK (on_output), &watch);
  start = g_get_monotonic_time ();
  g_assert_true (cb_run_start (run, NULL));
  wait_until (!cb_run_is_running (run));
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (cb_run_get_n_lines (run), ==, 1000000);
  *rss = watch.peak;
  g_clear_pointer (&view, gtk_widget_unparent);
  (void)with_view;

  return 1000000 / seconds;
}

static double
run_baseline (void)
{
  const char *argv[] = { "python3", "-c", printer, NULL };
  gint64 start = g_get_monotonic_time ();
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, NULL));
  return 1000000 / ((g_get_monotonic_time () - start) / 1e6);
}

static void
bench_run_log (void)
{
  g_autoptr(GArray) rate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row;

  for (int i = 0; i < 5; i++)
    {
      double r, m, b;

      r = run_printer (FALSE, &m);
      b = run_baseline ();
      g_array_append_val (rate, r);
      g_array_append_val (rss, m);
      g_array_append_val (base, b);
    }

  row = add_row ("8. Run log ingest, 1,000,000 lines", "lines/s", rate, "≥ 200,000 lines/s", -1);
  set_baseline (row, "runner alone, to /dev/null", base);
  row->met = row->median >= 200000;
  add_row ("8. RSS growth while ingesting", "MiB", rss, "bounded", -1);
}

/* 9. Metrics: reading them from a run's lines costs little next to the
 * ingest above; lines as the run log's printer and Lightning write them,
 * built beforehand so that only the reading is timed
 */

static double
parse_metrics (GPtrArray *lines)
{
  g_autoptr(CbMetricSet) set = cb_metric_set_new (NULL);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 1000000; i++)
    {
      cb_metric_set_feed (set, g_ptr_array_index (lines, i % lines->len), -1);
      if (i % 1000 == 999)
        cb_metric_set_flush (set);
    }
  cb_metric_set_flush (set);
  g_assert_nonnull (cb_metric_set_lookup (set, "loss"));

  return 1000000 / ((g_get_monotonic_time () - start) / 1e6);
}

static void
bench_metrics (void)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rate = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row;

  for (int i = 0; i < 10000; i++)
    g_ptr_array_add (lines, i % 4 == 3
                              ? g_strdup_printf ("Epoch %d: 100%%|██████████| 10/10 [00:01<00:00,  9.50it/s, "
                                                 "v_num=0, loss=0.%04d, val/hmean=0.%03d]", i / 4, i, i % 1000)
                              : g_strdup_printf ("step %d of the benchmark, loss=0.%06d", i, i));
  for (int i = 0; i < 5; i++)
    {
      double r = parse_metrics (lines);

      g_array_append_val (rate, r);
    }

  row = add_row ("9. Metrics read from 1,000,000 lines", "lines/s", rate, "≥ 200,000 lines/s", -1);
  row->met = row->median >= 200000;
}

/* 10. Growth: what a project ten times larger costs, against the smaller
 * one measured alternately with it
 */

/* A schema of @n fields of every kind, with expressions that name the
 * field before, and a checkbox that half of them follow
 */
static char *
make_growth_schema (const char *dir,
                    int         n)
{
  g_autoptr(GString) s = g_string_new ("ui_elements:\n  - key: switch\n    type: checkbox\n    default: false\n");
  g_autofree char *name = g_strdup_printf ("schemas/growth-%d.yaml", n);

  for (int i = 0; i < n; i++)
    switch (i % 5)
      {
      case 0:
        g_string_append_printf (s, "  - key: f%d\n    type: text_input\n    label: \"Field %d\"\n"
                                   "    default: v%d\n    hydra_override: g%d.f%d\n"
                                   "    visible_if: \"switch == false\"\n"
                                   "    validation:\n      required: true\n      max_length: 64\n",
                                i, i, i, i % 10, i);
        break;
      case 1:
        g_string_append_printf (s, "  - key: f%d\n    type: number_input\n    default: %d\n"
                                   "    min_value: 0\n    max_value: 100000\n    hydra_override: g%d.f%d\n"
                                   "    visible_if: \"f%d != ''\"\n",
                                i, i, i % 10, i, i - 1);
        break;
      case 2:
        g_string_append_printf (s, "  - key: f%d\n    type: selectbox\n    options: [a%d, b%d, c%d]\n"
                                   "    default: a%d\n    hydra_override: g%d.f%d\n"
                                   "    emit_if: \"f%d > 3 and switch == false\"\n",
                                i, i, i, i, i, i % 10, i, i - 1);
        break;
      case 3:
        g_string_append_printf (s, "  - key: f%d\n    type: checkbox\n    default: true\n    hydra_override: g%d.f%d\n"
                                   "    visible_if: \"f%d in ['a%d', 'b%d']\"\n",
                                i, i % 10, i, i - 1, i - 1, i - 1);
        break;
      default:
        g_string_append_printf (s, "  - key: f%d\n    type: multiselect\n    options: [x, y, z]\n"
                                   "    default: [x]\n    hydra_override: g%d.f%d\n"
                                   "    validation:\n      required_if: \"f%d == true\"\n",
                                i, i % 10, i, i - 1);
        break;
      }

  return cb_test_write (dir, name, s->str);
}

static double
load_and_resolve (CbProject  *project,
                  const char *path)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CbSchema) schema = cb_schema_load (path, CB_NAME_LOOKUP (project), NULL);
  g_autoptr(CbForm) form = cb_form_new (project, schema);
  double ms = ms_since (start);

  g_assert_false (cb_schema_has_errors (schema));
  return ms;
}

static void
bench_growth_schema (void)
{
  g_autofree char *dir = g_build_filename (home, "growth-project", NULL);
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GArray) small_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", "runner: [python3, run.py]\n"));
  small = make_growth_schema (dir, 1000);
  large = make_growth_schema (dir, 10000);
  project = cb_project_load (dir, NULL);
  cb_project_ensure_config (project);

  load_and_resolve (project, small);
  load_and_resolve (project, large);
  for (int i = 0; i < 9; i++)
    {
      double a = load_and_resolve (project, small);
      double b = load_and_resolve (project, large);

      g_array_append_val (small_ms, a);
      g_array_append_val (large_ms, b);
    }

  row = add_row ("10. Growth: schema of 10,000 fields, load and resolve", "ms", large_ms, "≤ 12× 1,000", -1);
  set_baseline (row, "1,000 fields", small_ms);
  row->met = row->median <= 12 * row->baseline_median;
}

/* An expression of @n terms, as a long visible_if: `s == 'o0' or ...` */
static double
parse_expression (guint n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CbExpr) expr = NULL;
  gint64 start;
  double ms;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%ss == 'o%u'", i ? " or " : "", i);
  start = g_get_monotonic_time ();
  expr = cb_expr_parse (text->str, NULL, NULL);
  ms = ms_since (start);
  g_assert_nonnull (expr);
  return ms;
}

static void
bench_growth_expression (void)
{
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row;

  /* Few runs: the larger one has taken seconds */
  for (int i = 0; i < 3; i++)
    {
      double a = parse_expression (1000);
      double b = parse_expression (10000);

      g_array_append_val (small, a);
      g_array_append_val (large, b);
    }

  row = add_row ("10. Growth: an expression of 10,000 terms, parsed", "ms", large, "≤ 12× 1,000", -1);
  set_baseline (row, "1,000 terms", small);
  row->met = row->median <= 12 * row->baseline_median;
}

/* A drop-down as a select field makes it: the options' labels, with
 * search
 */

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  frame_painted = FALSE;
  gtk_widget_queue_draw (widget);
  wait_until (frame_painted);
  g_signal_handler_disconnect (clock, id);
}

/* Builds a drop-down over @options and shows it (to its first frame);
 * then searches it (to the popup's frame with the matches)
 */
static void
drop_down_once (GListModel *options,
                guint       n_matches,
                double     *build_ms,
                double     *filter_ms)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *drop_down;
  GtkWidget *popover;
  GtkWidget *entry;
  GtkWidget *list;
  GListModel *shown;
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (window));
  wait_for_paint (window);

  start = g_get_monotonic_time ();
  drop_down = gtk_drop_down_new (NULL, gtk_property_expression_new (CB_TYPE_OPTION, NULL, "label"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (drop_down), options);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_window_set_child (GTK_WINDOW (window), drop_down);
  wait_for_paint (window);
  *build_ms = ms_since (start);

  g_signal_emit_by_name (drop_down, "activate");
  popover = find_child_of_type (drop_down, GTK_TYPE_POPOVER);
  wait_until (gtk_widget_get_mapped (popover));
  wait_for_paint (popover);
  entry = find_child_of_type (popover, GTK_TYPE_SEARCH_ENTRY);
  list = find_child_of_type (popover, GTK_TYPE_LIST_VIEW);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  /* The search entry's delay is the user's pause, not the filter's work */
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "Option 001");
  g_signal_emit_by_name (entry, "search-changed");
  wait_until (g_list_model_get_n_items (shown) == n_matches);
  wait_for_paint (popover);
  *filter_ms = ms_since (start);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GListModel *
make_options (guint n)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = g_strdup_printf ("option_%05u", i);
      g_autofree char *label = g_strdup_printf ("Option %05u", i);

      g_ptr_array_add (options, cb_option_new (value, label));
    }
  return cb_option_list_new (options);
}

static void
bench_growth_options (void)
{
  g_autoptr(GListModel) small = make_options (1000);
  g_autoptr(GListModel) large = make_options (10000);
  g_autoptr(GArray) small_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small_filter = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_filter = g_array_new (FALSE, FALSE, sizeof (double));
  double b, f;
  Row *row;

  /* "Option 001" starts the labels of options 100 to 199 in both lists */
  drop_down_once (small, 100, &b, &f);
  drop_down_once (large, 100, &b, &f);
  for (int i = 0; i < 7; i++)
    {
      drop_down_once (small, 100, &b, &f);
      g_array_append_val (small_build, b);
      g_array_append_val (small_filter, f);
      drop_down_once (large, 100, &b, &f);
      g_array_append_val (large_build, b);
      g_array_append_val (large_filter, f);
    }

  row = add_row ("10. Growth: drop-down of 10,000 options, built and shown", "ms", large_build,
                 "≤ 12× 1,000", -1);
  set_baseline (row, "1,000 options", small_build);
  row->met = row->median <= 12 * row->baseline_median;
  row = add_row ("10. Growth: drop-down of 10,000 options, searched to the shown matches", "ms", large_filter,
                 "≤ 12× 1,000", -1);
  set_baseline (row, "1,000 options", small_filter);
  row->met = row->median <= 12 * row->baseline_median;
}

/* CB_BENCH_ONLY=typing,run-log runs only those, to profile one */
static gboolean
wanted (const char *name)
{
  const char *only = g_getenv ("CB_BENCH_ONLY");
  g_auto(GStrv) names = NULL;

  if (only == NULL || only[0] == '\0')
    return TRUE;
  names = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *)names, name);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;
  const char *markdown = g_getenv ("CB_BENCH_MARKDOWN");

  if (argc > 1 && g_str_equal (argv[1], "--first-frame"))
    return run_app_until_first_frame ();
  if (argc > 2 && g_str_equal (argv[1], "--first-frame-replica"))
    {
      replica_path = argv[2];
      return run_app_until_first_frame ();
    }
  if (argc > 2 && g_str_equal (argv[1], "--replica"))
    return bench_replica_run (argv[2]);

  home = cb_test_make_tempdir ();
  data_home = g_build_filename (home, "data", NULL);
  cache_home = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  {
    g_autofree char *dirs = g_strdup_printf ("%s:%s", g_getenv ("CB_TEST_DEMO_DATA_DIR"),
                                             g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                                        : "/usr/local/share:/usr/share");

    g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  }

  gtk_init ();
  rows = g_ptr_array_new ();

  if (wanted ("startup"))
    bench_startup ();

  app = cb_application_new ();
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  if (wanted ("page-switch"))
    bench_page_switch ();
  if (wanted ("typing"))
    bench_typing ();
  if (wanted ("schema"))
    bench_schema_load ();
  if (wanted ("checkpoints"))
    bench_checkpoints ();
  if (wanted ("settings"))
    bench_settings ();
  if (wanted ("run-log"))
    bench_run_log ();
  if (wanted ("metrics"))
    bench_metrics ();
  if (wanted ("growth-schema"))
    bench_growth_schema ();
  if (wanted ("growth-options"))
    bench_growth_options ();
  if (wanted ("growth-expression"))
    bench_growth_expression ();

  printf ("\n");
  print_table (stdout);
  if (markdown != NULL)
    {
      FILE *out = fopen (markdown, "w");

      if (out != NULL)
        {
          print_table (out);
          fclose (out);
        }
    }

  g_clear_object (&app);
  cb_test_remove_tree (home);
  return 0;
}
