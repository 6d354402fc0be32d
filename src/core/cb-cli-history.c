/* cb-cli-history.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "cb-cli-private.h"
#include "cb-error.h"
#include "cb-run-diff.h"
#include "cb-session-metrics.h"
#include "cb-shell-quote.h"

/* The runs of a project's history from the command line: --history lists
 * them by id, --diff compares two, --metrics prints what one measured.
 * Ids are those of cb_history_record_get_id(), or their first digits.
 */

static const char *
state_word (CbRunState state)
{
  switch (state)
    {
    case CB_RUN_STATE_SUCCEEDED: return "succeeded";
    case CB_RUN_STATE_FAILED: return "failed";
    case CB_RUN_STATE_STOPPED: return "stopped";
    case CB_RUN_STATE_ERROR:
    case CB_RUN_STATE_NEW:
    case CB_RUN_STATE_RUNNING:
    default: return "not-started";
    }
}

/* The local time a run started, as `2026-11-30 12:00:05` */
static char *
format_start (CbHistoryRecord *record)
{
  gint64 start = cb_history_record_get_start_time (record) / G_USEC_PER_SEC;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (start);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

/* The session and its history; %NULL, with the problem on stderr, when
 * the project cannot be used
 */
static CbHistory *
open_history (const char  *project_dir,
              CbSession  **session_out)
{
  g_autoptr(CbSession) session = _cb_cli_open_session (project_dir);
  CbHistory *history;

  if (session == NULL || (history = cb_session_get_history (session)) == NULL)
    return NULL;

  *session_out = g_steal_pointer (&session);
  return history;
}

static CbHistoryRecord *
find_run (CbHistory  *history,
          const char *flag,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  CbHistoryRecord *record = cb_history_lookup (history, id, &error);

  if (record == NULL)
    g_printerr (_("%s: %s Run “%s --history” to list the runs and their ids.\n"),
                flag, error->message, g_get_prgname () ? g_get_prgname () : PACKAGE_NAME);
  return record;
}

/**
 * cb_cli_history:
 *
 * Prints the project's runs, newest first, one a line: its id, then, each
 * after a tab, its start (local time), its schema, how it ended
 * (`succeeded`, `failed`, `stopped` or `not-started`) and its command as a
 * shell reads it, escaped so that it is one line.
 *
 * Returns: %CB_EXIT_OK, or %CB_EXIT_BAD for a bad project
 */
int
cb_cli_history (const char *project_dir)
{
  g_autoptr(CbSession) session = NULL;
  CbHistory *history = open_history (project_dir, &session);
  guint n;

  if (history == NULL)
    return CB_EXIT_BAD;

  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autofree char *start = format_start (record);
      g_autofree char *command = cb_shell_quote_argv (cb_history_record_get_argv (record));
      g_autofree char *escaped = _cb_cli_escape_path (command);
      const char *schema = cb_history_record_get_schema_id (record);

      /* As bytes: a command need not be text */
      printf ("%s\t%s\t%s\t%s\t%s\n", cb_history_record_get_id (record), start,
              schema ? schema : "?", state_word (cb_history_record_get_state (record)), escaped);
    }
  fflush (stdout);

  return CB_EXIT_OK;
}

static char *
run_label (CbHistoryRecord *record)
{
  g_autofree char *start = format_start (record);
  const char *schema = cb_history_record_get_schema_id (record);

  return g_strdup_printf ("%s %s %s", cb_history_record_get_id (record), schema ? schema : "?",
                          start);
}

/**
 * cb_cli_diff:
 * @run_a: the id of the first run
 * @run_b: the id of the second
 * @all: print what is equal too
 *
 * Prints what differs between two runs of the history, as
 * cb_run_diff_to_text() writes it: the values, `key: a → b`, and the
 * command's arguments marked `-` and `+`; nothing when they are equal.
 *
 * Returns: %CB_EXIT_OK, or %CB_EXIT_BAD for a bad project or an id that
 *   no run has, or several
 */
int
cb_cli_diff (const char *project_dir,
             const char *run_a,
             const char *run_b,
             gboolean    all)
{
  g_autoptr(CbSession) session = NULL;
  CbHistory *history = open_history (project_dir, &session);
  g_autoptr(CbHistoryRecord) a = NULL;
  g_autoptr(CbHistoryRecord) b = NULL;
  g_autoptr(CbRunDiff) diff = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  g_autofree char *text = NULL;

  if (history == NULL)
    return CB_EXIT_BAD;
  if ((a = find_run (history, "--diff", run_a)) == NULL ||
      (b = find_run (history, "--diff", run_b)) == NULL)
    return CB_EXIT_BAD;

  diff = cb_run_diff_new_for_records (a, b);
  label_a = run_label (a);
  label_b = run_label (b);
  text = cb_run_diff_to_text (diff, label_a, label_b, all ? CB_RUN_DIFF_ALL : CB_RUN_DIFF_NONE);
  fputs (text, stdout);
  fflush (stdout);

  return CB_EXIT_OK;
}

static void
print_series (CbMetricSeries *series,
              int             width)
{
  g_autofree char *last = cb_metric_format_value (cb_metric_series_get_last (series));
  g_autofree char *min = cb_metric_format_value (cb_metric_series_get_min (series));
  g_autofree char *max = cb_metric_format_value (cb_metric_series_get_max (series));
  g_autofree char *at = cb_metric_format_value (cb_metric_series_get_last_x (series));

  g_print ("%-*s  %-10s  %-10s  %-10s  %s %s\n", width, cb_metric_series_get_name (series),
           last, min, max, cb_metrics_step_kind_to_string (cb_metric_series_get_kind (series)), at);
}

/* A table: the metrics that matter first, in the order of `show`, then
 * the others in the order the run printed them
 */
static void
print_summary (CbMetricSet *set)
{
  g_autoptr(GPtrArray) series = cb_metric_set_get_shown_series (set);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (set));
  int width = (int)strlen ("metric");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbMetricSeries) item = g_list_model_get_item (G_LIST_MODEL (set), i);

      width = MAX (width, (int)strlen (cb_metric_series_get_name (item)));
      if (!g_ptr_array_find (series, item, NULL))
        g_ptr_array_add (series, item);
    }

  g_print ("%-*s  %-10s  %-10s  %-10s  %s\n", width, _("metric"), _("last"), _("min"), _("max"),
           _("last at"));
  for (guint i = 0; i < series->len; i++)
    print_series (g_ptr_array_index (series, i), width);
}

/**
 * cb_cli_metrics:
 * @run: the id of a run of the history
 * @csv: print every value as CSV instead of a table
 *
 * Prints a run's metrics, read from its log with the `metrics` setting of
 * its schema: a table of each metric's last, lowest and highest value and
 * where its last value is; or, with @csv, `step,metric,value` for every
 * value (cb_metrics_log_write_csv()). A run that printed no metrics gives
 * nothing (the table's heading neither).
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_INVALID when the run's log is gone or
 *   cannot be read; %CB_EXIT_BAD for a bad project or an unknown id
 */
int
cb_cli_metrics (const char *project_dir,
                const char *run,
                gboolean    csv)
{
  g_autoptr(CbSession) session = NULL;
  CbHistory *history = open_history (project_dir, &session);
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(CbMetricsConfig) config = NULL;
  g_autoptr(CbMetricSet) set = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  if (history == NULL)
    return CB_EXIT_BAD;
  if ((record = find_run (history, "--metrics", run)) == NULL)
    return CB_EXIT_BAD;
  if ((log = cb_history_resolve_log (history, record, &error)) == NULL)
    {
      g_printerr ("--metrics: %s\n", error->message);
      return CB_EXIT_INVALID;
    }

  config = cb_session_get_metrics_config (session, cb_history_record_get_schema_id (record));
  if (csv)
    {
      fflush (stdout);
      out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      if (!cb_metrics_log_write_csv (log, config, out, NULL, &error))
        {
          g_printerr ("--metrics: %s\n", error->message);
          return CB_EXIT_INVALID;
        }
      return CB_EXIT_OK;
    }

  set = cb_metric_set_new (config);
  if (!cb_metric_set_load_log (set, log, NULL, &error))
    {
      g_printerr ("--metrics: %s\n", error->message);
      return CB_EXIT_INVALID;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (set)) > 0)
    print_summary (set);
  else
    g_printerr (_("The run %s printed no metrics that %s reads.\n"),
                cb_history_record_get_id (record), PACKAGE_NAME);

  return CB_EXIT_OK;
}
