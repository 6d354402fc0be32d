/* test-run-policy.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "cb-error.h"
#include "cb-run-policy.h"
#include "cb-test-util.h"

/* What a run of a form is, without a display: may it run, what argv,
 * where its log goes, how its progress is read. Real projects in
 * temporary folders, real subprocesses.
 */

typedef struct
{
  char      *dir;
  CbProject *project;
  CbSchema  *schema;
  CbForm    *form;
} Fixture;

static const char schema_text[] =
  "ui_elements:\n"
  "  - key: word\n"
  "    type: text_input\n"
  "    default: step 3 of 4\n"
  "    hydra_override: word\n"
  "    validation: {required: true, min_length: 3}\n";

static void
open_project (Fixture    *f,
              const char *project_text,
              const char *schema)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", project_text));
  path = cb_test_write (f->dir, "schemas/echo.yaml", schema);
  f->project = cb_project_load (f->dir, &error);
  g_assert_no_error (error);
  f->schema = cb_project_load_schema (f->project, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_schema_get_diagnostics (f->schema)->len, ==, 0);
  f->form = cb_form_new (f->project, f->schema);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->form != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->form));
  g_clear_object (&f->schema);
  g_clear_object (&f->project);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
assert_argv (char               **argv,
             const char * const  *expected)
{
  g_autofree char *a = g_strjoinv ("|", argv);
  g_autofree char *b = g_strjoinv ("|", (char **)expected);

  g_assert_cmpstr (a, ==, b);
}

static void
test_argv (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  open_project (f, "runner: [printf, \"%s\\\\n\"]\n", schema_text);

  /* The form's own */
  argv = cb_run_policy_get_argv (f->form, NULL, &error);
  g_assert_no_error (error);
  assert_argv (argv, (const char *[]) { "printf", "%s\\n", "word=\"step 3 of 4\"", NULL });
  g_clear_pointer (&argv, g_strfreev);

  /* An edited command is the argv it spells: quotes group, nothing expands */
  argv = cb_run_policy_get_argv (f->form, "printf '%s\\n' 'two words' '$(touch x)' $HOME", &error);
  g_assert_no_error (error);
  assert_argv (argv, (const char *[]) { "printf", "%s\\n", "two words", "$(touch x)", "$HOME", NULL });
  g_clear_pointer (&argv, g_strfreev);

  /* One that cannot be split does not run, and says why */
  argv = cb_run_policy_get_argv (f->form, "python3 'unclosed", &error);
  g_assert_null (argv);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "The edited command cannot be split into arguments: "));
  g_clear_error (&error);

  argv = cb_run_policy_get_argv (f->form, "   ", &error);
  g_assert_null (argv);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  g_clear_error (&error);

  /* A form with errors does not run, edited or not */
  g_assert_true (cb_form_set_value (f->form, "word", g_variant_new_string ("x")));
  g_assert_true (cb_form_has_errors (f->form));
  argv = cb_run_policy_get_argv (f->form, NULL, &error);
  g_assert_null (argv);
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "The form has errors; fix them to run the command.");
  g_clear_error (&error);
  argv = cb_run_policy_get_argv (f->form, "printf ok", &error);
  g_assert_null (argv);
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
}

static void
test_log_dir (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *log_dir = NULL;
  g_autofree char *expected = g_build_filename (f->dir, "results", ".cmdbuilder", "runs", NULL);

  open_project (f, "runner: [true]\noutputs: results\n", schema_text);
  log_dir = cb_run_policy_get_log_dir (f->project, NULL);
  g_assert_cmpstr (log_dir, ==, expected);
  g_assert_true (g_file_test (log_dir, G_FILE_TEST_IS_DIR));
}

static void
on_finished (CbRun    *run,
             gboolean *finished)
{
  *finished = TRUE;
}

/* A project whose `.cmdbuilder` folder is a link out of it: its runs are
 * logged in the user's data folder instead, and say why; nothing is
 * written where the link leads
 */
static void
test_log_dir_link_out (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *elsewhere = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (f->dir, "outputs", NULL);
  g_autofree char *link = g_build_filename (outputs, ".cmdbuilder", NULL);
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("XDG_DATA_HOME"));
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRun) run = NULL;
  g_autoptr(GDir) folder = NULL;
  g_autofree char *log = NULL;
  gboolean finished = FALSE;

  open_project (f, "runner: [printf, \"%s\\\\n\"]\n", schema_text);
  g_assert_cmpint (g_mkdir_with_parents (outputs, 0755), ==, 0);
  g_assert_cmpint (symlink (elsewhere, link), ==, 0);

  g_assert_null (cb_run_policy_get_log_dir (f->project, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "leads out of the project folder"));

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  run = cb_run_policy_new_run (f->form, NULL, NULL);
  g_signal_connect (run, "finished", G_CALLBACK (on_finished), &finished);
  g_assert_true (cb_run_start (run, NULL));
  cb_test_wait_until (finished, 30);
  if (saved != NULL)
    g_setenv ("XDG_DATA_HOME", saved, TRUE);
  else
    g_unsetenv ("XDG_DATA_HOME");

  g_assert_true (cb_run_get_log_fell_back (run));
  g_assert_true (g_str_has_prefix (cb_run_get_log_path (run), data_home));
  g_assert_true (g_file_get_contents (cb_run_get_log_path (run), &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "leads out of the project folder"));
  g_assert_nonnull (strstr (log, "step 3 of 4"));

  /* Nothing where the link leads */
  folder = g_dir_open (elsewhere, 0, NULL);
  g_assert_null (g_dir_read_name (folder));
  cb_test_remove_tree (elsewhere);
}

static void
test_progress_regex (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GRegex) regex = NULL;
  g_autofree char *with_own = g_strconcat (schema_text, "progress_regex: \"page (\\\\d+)/(\\\\d+)\"\n", NULL);

  /* Neither: the built-in patterns */
  open_project (f, "runner: [true]\n", schema_text);
  g_assert_null (cb_run_policy_get_progress_regex (f->schema, f->project));
  fixture_tear_down (f, data);
  fixture_set_up (f, data);

  /* The project's */
  open_project (f, "runner: [true]\nprogress_regex: \"step (\\\\d+) of (\\\\d+)\"\n", schema_text);
  regex = cb_run_policy_get_progress_regex (f->schema, f->project);
  g_assert_nonnull (regex);
  g_assert_cmpstr (g_regex_get_pattern (regex), ==, "step (\\d+) of (\\d+)");
  g_clear_pointer (&regex, g_regex_unref);
  fixture_tear_down (f, data);
  fixture_set_up (f, data);

  /* The schema's wins */
  open_project (f, "runner: [true]\nprogress_regex: \"step (\\\\d+) of (\\\\d+)\"\n", with_own);
  regex = cb_run_policy_get_progress_regex (f->schema, f->project);
  g_assert_nonnull (regex);
  g_assert_cmpstr (g_regex_get_pattern (regex), ==, "page (\\d+)/(\\d+)");
}

static void
test_new_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRun) run = NULL;
  g_autofree char *log_dir = NULL;
  gboolean finished = FALSE;

  open_project (f, "runner: [printf, \"%s\\\\n\"]\nprogress_regex: \"step (\\\\d+) of (\\\\d+)\"\n",
                schema_text);

  /* Made, not started: in the project's folder, logged where the policy
   * says, its progress read with the project's pattern
   */
  run = cb_run_policy_new_run (f->form, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_NEW);
  g_assert_cmpstr (cb_run_get_schema_id (run), ==, "echo");
  assert_argv ((char **)cb_run_get_argv (run), cb_form_get_argv (f->form));

  g_signal_connect (run, "finished", G_CALLBACK (on_finished), &finished);
  g_assert_true (cb_run_start (run, &error));
  g_assert_no_error (error);
  cb_test_wait_until (finished, 30);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);
  /* Complete, as it succeeded; the last progress it read was the
   * project's pattern's */
  g_assert_cmpfloat (cb_run_get_progress (run), ==, 1.0);
  g_assert_cmpstr (cb_run_get_progress_text (run), ==, "step 3 of 4");
  log_dir = cb_run_policy_get_log_dir (f->project, NULL);
  g_assert_true (g_str_has_prefix (cb_run_get_log_path (run), log_dir));
  g_clear_object (&run);

  /* Refused: no run at all */
  run = cb_run_policy_new_run (f->form, "printf 'unclosed", &error);
  g_assert_null (run);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/run-policy/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("argv", test_argv);
  ADD ("log-dir", test_log_dir);
  ADD ("log-dir-link-out", test_log_dir_link_out);
  ADD ("progress-regex", test_progress_regex);
  ADD ("new-run", test_new_run);

#undef ADD

  return g_test_run ();
}
