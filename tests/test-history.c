/* test-history.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cb-error.h"
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

/* Each run has an id: written in its line, the same at every load; a
 * line written before ids has one from its contents, the same too. A run
 * is found by its id or its first digits when they name no other.
 */
static void
test_history_ids (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autoptr(CbHistory) history = cb_history_new (outputs, dir);
  g_autoptr(CbHistory) again = NULL;
  g_autoptr(CbHistoryRecord) first = record_of_run (dir, "train", "exit 0");
  g_autoptr(CbHistoryRecord) second = record_of_run (dir, "test", "exit 0");
  g_autoptr(CbHistoryRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *old_line = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *prefix = NULL;
  const char *id = cb_history_record_get_id (first);

  g_assert_cmpuint (strlen (id), ==, CB_HISTORY_ID_LENGTH);
  for (const char *p = id; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
  g_assert_cmpstr (cb_history_record_get_id (second), !=, id);

  cb_history_load (history);
  g_assert_true (cb_history_add (history, first, &error));
  g_assert_true (cb_history_add (history, second, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (cb_history_get_path (history), &contents, NULL, NULL));
  {
    g_autofree char *written = g_strdup_printf ("'id': <'%s'>", id);

    g_assert_nonnull (strstr (contents, written));
  }

  /* A line of an older version, without an id */
  old_line = g_strdup_printf ("{'schema': <'predict'>, 'start': <int64 %" G_GINT64_FORMAT ">, "
                              "'argv': <['python3', 'predict.py']>, 'state': <'succeeded'>}\n",
                              g_get_real_time () - (gint64)G_USEC_PER_SEC * 3600);
  {
    g_autofree char *more = g_strconcat (contents, old_line, NULL);

    g_assert_true (g_file_set_contents (cb_history_get_path (history), more, -1, NULL));
  }

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(CbHistoryRecord) oldest = NULL;

      g_clear_object (&again);
      again = cb_history_new (outputs, dir);
      cb_history_load (again);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
      oldest = g_list_model_get_item (G_LIST_MODEL (again), 2);
      g_assert_cmpstr (cb_history_record_get_schema_id (oldest), ==, "predict");
      g_assert_cmpuint (strlen (cb_history_record_get_id (oldest)), ==, CB_HISTORY_ID_LENGTH);
      if (old_id == NULL)
        old_id = g_strdup (cb_history_record_get_id (oldest));
      g_assert_cmpstr (cb_history_record_get_id (oldest), ==, old_id);
    }

  /* By id, and by its start */
  found = cb_history_lookup (again, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_history_record_get_schema_id (found), ==, "train");
  g_clear_object (&found);
  prefix = g_strndup (old_id, CB_HISTORY_ID_MIN_PREFIX);
  found = cb_history_lookup (again, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_history_record_get_id (found), ==, old_id);
  g_clear_object (&found);

  /* Too short, or no run's */
  g_assert_null (cb_history_lookup (again, "a", &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cb_history_lookup (again, "zzzzzzzz", &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "zzzzzzzz"));

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

/* A project whose `.cmdbuilder` folder, or whose history file, is a link
 * out of it: the history goes to the user's data folder, and nothing is
 * written where the link leads
 */
static void
test_history_link_out (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *elsewhere = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autofree char *private = g_build_filename (outputs, ".cmdbuilder", NULL);
  g_autofree char *target = g_build_filename (elsewhere, "history", NULL);
  g_autofree char *file = g_build_filename (private, "history", NULL);
  g_autoptr(CbHistoryRecord) record = record_of_run (dir, "train", "true");

  g_assert_cmpint (g_mkdir_with_parents (outputs, 0755), ==, 0);
  for (guint linked_file = 0; linked_file <= 1; linked_file++)
    {
      g_autoptr(CbHistory) history = cb_history_new (outputs, dir);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) folder = NULL;

      /* The folder is the link; then the folder is real and the file is */
      if (!linked_file)
        g_assert_cmpint (symlink (elsewhere, private), ==, 0);
      else
        {
          g_assert_cmpint (unlink (private), ==, 0);
          g_assert_cmpint (g_mkdir (private, 0755), ==, 0);
          g_assert_cmpint (symlink (target, file), ==, 0);
        }

      g_assert_true (cb_history_add (history, record, &error));
      g_assert_no_error (error);
      g_assert_true (cb_history_get_fell_back (history));
      g_assert_true (g_str_has_prefix (cb_history_get_path (history), g_get_user_data_dir ()));
      folder = g_dir_open (elsewhere, 0, NULL);
      g_assert_null (g_dir_read_name (folder));
    }

  cb_test_remove_tree (dir);
  cb_test_remove_tree (elsewhere);
}

static guint
n_loaded (const char *outputs,
          const char *dir)
{
  g_autoptr(CbHistory) history = cb_history_new (outputs, dir);

  cb_history_load (history);
  return g_list_model_get_n_items (G_LIST_MODEL (history));
}

static void
check_torn (const char *tail,
            gsize       tail_length)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autoptr(CbHistory) history = cb_history_new (outputs, dir);
  g_autoptr(CbHistoryRecord) first = record_of_run (dir, "train", "exit 0");
  g_autoptr(CbHistoryRecord) second = record_of_run (dir, "test", "exit 1");
  g_autoptr(GByteArray) torn = g_byte_array_new ();
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (cb_history_add (history, first, NULL));

  /* A crash cut the last record short, or left zeros after it */
  g_assert_true (g_file_get_contents (cb_history_get_path (history), &contents, &length, NULL));
  g_byte_array_append (torn, (guint8 *)contents, length);
  g_byte_array_append (torn, (guint8 *)tail, tail_length);
  g_assert_true (g_file_set_contents (cb_history_get_path (history), (char *)torn->data, torn->len, NULL));

  /* Loaded even so */
  g_assert_cmpuint (n_loaded (outputs, dir), ==, 1);

  /* The next record is not swallowed by the torn line */
  g_assert_true (cb_history_add (history, second, NULL));
  g_assert_cmpuint (n_loaded (outputs, dir), ==, 2);

  cb_test_remove_tree (dir);
}

static void
test_history_torn (void)
{
  check_torn ("{'argv': <['python3', 'tra", strlen ("{'argv': <['python3', 'tra"));
  check_torn ("\0\0\0\0\0\0\0\0", 8);
}

/* A history that came with someone else's project, naming @log */
static CbHistoryRecord *
record_naming (CbHistory  *history,
               const char *log)
{
  g_autofree char *line = g_strdup_printf ("{'schema': <'train'>, 'start': <int64 %" G_GINT64_FORMAT ">, "
                                           "'log': <'%s'>}\n", g_get_real_time (), log);

  g_assert_true (g_file_set_contents (cb_history_get_path (history), line, -1, NULL));
  cb_history_load (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  return g_list_model_get_item (G_LIST_MODEL (history), 0);
}

static void
assert_log_refused (CbHistory  *history,
                    const char *log,
                    const char *why)
{
  g_autoptr(CbHistoryRecord) record = record_naming (history, log);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_history_resolve_log (history, record, &error);

  g_assert_null (path);
  g_assert_nonnull (error);
  if (strstr (error->message, why) == NULL)
    g_error ("%s: expected “%s” in “%s”", log, why, error->message);
}

static void
test_history_open_log (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autofree char *runs = g_build_filename (outputs, ".cmdbuilder", "runs", NULL);
  g_autofree char *good = cb_test_write (runs, "20260101-000000-train.log", "row\n");
  g_autofree char *secret = cb_test_write (dir, "secret.log", "private\n");
  g_autofree char *desktop = cb_test_write (outputs, "run.desktop", "[Desktop Entry]\n");
  g_autofree char *link = g_build_filename (runs, "link.log", NULL);
  g_autofree char *escape = g_build_filename (outputs, "..", "secret.log", NULL);
  g_autofree char *missing = g_build_filename (runs, "gone.log", NULL);
  g_autofree char *resolved = NULL;
  g_autoptr(CbHistory) history = cb_history_new (outputs, dir);
  g_autofree char *history_dir = g_path_get_dirname (cb_history_get_path (history));
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (history_dir, 0755), ==, 0);

  /* A log of the project's own opens */
  record = record_naming (history, good);
  resolved = cb_history_resolve_log (history, record, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (resolved, "/outputs/.cmdbuilder/runs/20260101-000000-train.log"));

  /* Anything else is refused, saying why */
  assert_log_refused (history, "/etc/passwd", "is not in the project’s outputs folder");
  assert_log_refused (history, secret, "is not in the project’s outputs folder");
  assert_log_refused (history, escape, "is not in the project’s outputs folder");
  assert_log_refused (history, link, "is not in the project’s outputs folder");
  assert_log_refused (history, desktop, "is not a run’s log file");
  assert_log_refused (history, runs, "is not a run’s log file");
  assert_log_refused (history, missing, "no longer exists");
  assert_log_refused (history, "outputs/.cmdbuilder/runs/20260101-000000-train.log", "no longer exists");

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
  g_test_add_func ("/history/ids", test_history_ids);
  g_test_add_func ("/history/fallback", test_history_fallback);
  g_test_add_func ("/history/link-out", test_history_link_out);
  g_test_add_func ("/history/torn", test_history_torn);
  g_test_add_func ("/history/open-log", test_history_open_log);

  status = g_test_run ();
  cb_test_remove_tree (data_home);
  return status;
}
