/* test-history.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-history.h"
#include "cb-test-util.h"

static CbHistoryRecord *
record_of_run (const char *dir,
               const char *schema,
               const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autoptr(CbRun) run = cb_run_new (argv, dir, schema, NULL);
  g_autoptr(GVariant) values = g_variant_ref_sink (g_variant_new_parsed ("{'exp_name': <'night'>}"));
  g_assert_true (cb_run_start (run, NULL));
  cb_test_wait_until (!cb_run_is_running (run), 30);

  return cb_history_record_new_from_run (run, values);
}

static void
test_history_round_trip (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autoptr(CbHistory) history = cb_history_new (outputs, dir);
  g_autoptr(CbHistory) again = NULL;
  g_autoptr(CbHistoryRecord) first = record_of_run (dir, "train", "exit 0");
  g_autoptr(CbHistoryRecord) second = record_of_run (dir, "test", "exit 4");
  g_autoptr(CbHistoryRecord) newest = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  cb_history_load (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_true (cb_history_add (history, first, &error));
  g_assert_true (cb_history_add (history, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_true (g_str_has_suffix (cb_history_get_path (history), "/outputs/.cmdbuilder/history"));

  /* A damaged line is skipped */
  g_assert_true (g_file_get_contents (cb_history_get_path (history), &contents, NULL, NULL));
  {
    g_autofree char *damaged = g_strconcat (contents, "{'broken\n", NULL);

    g_assert_true (g_file_set_contents (cb_history_get_path (history), damaged, -1, NULL));
  }

  /* Reloaded from disk, newest first */
  again = cb_history_new (outputs, dir);
  cb_history_load (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  newest = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cb_history_record_get_schema_id (newest), ==, "test");
  g_assert_cmpint (cb_history_record_get_state (newest), ==, CB_RUN_STATE_FAILED);
  g_assert_cmpint (cb_history_record_get_exit_status (newest), ==, 4);
  g_assert_cmpstr (cb_history_record_get_argv (newest)[2], ==, "exit 4");
  values = cb_history_record_get_values (newest);
  g_assert_nonnull (values);
  g_assert_true (g_variant_lookup (values, "exp_name", "&s", &(const char *){ NULL }));
  {
    g_autofree char *summary = cb_history_record_get_summary (newest);

    g_assert_true (g_str_has_prefix (summary, "Failed with exit code 4"));
  }

  cb_test_remove_tree (dir);
}

static void
test_history_fallback (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "not-a-folder", "x");
  g_autoptr(CbHistory) history = cb_history_new (file, dir);
  g_autoptr(CbHistory) again = cb_history_new (file, dir);
  g_autoptr(CbHistoryRecord) record = record_of_run (dir, "train", "true");
  g_autoptr(GError) error = NULL;

  /* The outputs folder cannot be written: the user data folder keeps it */
  g_assert_true (cb_history_add (history, record, &error));
  g_assert_no_error (error);
  g_assert_true (cb_history_get_fell_back (history));
  g_assert_true (g_str_has_prefix (cb_history_get_path (history), g_get_user_data_dir ()));

  cb_history_load (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = cb_test_make_tempdir ();
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/round-trip", test_history_round_trip);
  g_test_add_func ("/history/fallback", test_history_fallback);

  status = g_test_run ();
  cb_test_remove_tree (data_home);
  return status;
}
