/* test-session.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-session.h"
#include "cb-test-util.h"

/* The session without a display: a real project in a temporary folder,
 * real file monitors, real runs, real GSettings (the memory backend).
 */

#define wait_until(cond) cb_test_wait_until (cond, 30)

typedef struct
{
  char      *dir;
  CbSession *session;
  guint      n_reloaded;
  GArray    *schema_changes;  /* guint indexes */
  GArray    *offer_changes;   /* guint indexes */
  GPtrArray *finished;        /* CbRun */
  char      *notice;          /* the last one */
} Fixture;

/* A train run writes a checkpoint; the test and predict pages read them */
static const char project_text[] =
  "name: Session test\n"
  "runner: [sh, -c, 'mkdir -p outputs/r/checkpoints && echo w > outputs/r/checkpoints/e.ckpt']\n"
  "sources:\n"
  "  checkpoints: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"
  "  sizes: {stems: \"sizes/*.yaml\"}\n";

static const char train_schema[] =
  "ui_elements:\n"
  "  - key: name\n    type: text_input\n    default: first\n"
  "    hydra_override: name\n    validation: {required: true, min_length: 3}\n"
  "  - key: size\n    type: selectbox\n    options_source: sizes\n    default: small\n"
  "    hydra_override: size\n";

static const char test_schema[] =
  "ui_elements:\n"
  "  - key: checkpoint\n    type: selectbox\n    options_source: checkpoints\n"
  "    default: \"\"\n    hydra_override: ckpt\n";

static void
on_reloaded (CbSession *session,
             Fixture   *f)
{
  f->n_reloaded++;
}

static void
on_schema_changed (CbSession *session,
                   guint      index,
                   Fixture   *f)
{
  g_array_append_val (f->schema_changes, index);
}

static void
on_offer_changed (CbSession *session,
                  guint      index,
                  Fixture   *f)
{
  g_array_append_val (f->offer_changes, index);
}

static void
on_run_finished (CbSession *session,
                 CbRun     *run,
                 Fixture   *f)
{
  g_ptr_array_add (f->finished, g_object_ref (run));
}

static void
on_notice (CbSession  *session,
           const char *message,
           Fixture    *f)
{
  g_free (f->notice);
  f->notice = g_strdup (message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
  f->schema_changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->offer_changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", project_text));
  g_free (cb_test_write (f->dir, "sizes/small.yaml", "a: 1\n"));
  g_free (cb_test_write (f->dir, "sizes/large.yaml", "a: 2\n"));
  g_free (cb_test_write (f->dir, "schemas/1-train.yaml", train_schema));
  g_free (cb_test_write (f->dir, "schemas/2-test.yaml", test_schema));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new ();

  /* The session goes with its forms and runs: nothing else holds them */
  for (guint i = 0; f->session != NULL && i < cb_session_get_n_schemas (f->session); i++)
    if (cb_session_get_form (f->session, i) != NULL)
      g_ptr_array_add (forms, g_object_ref (cb_session_get_form (f->session, i)));
  if (f->session != NULL)
    g_assert_finalize_object (f->session);
  for (guint i = 0; i < forms->len; i++)
    g_assert_finalize_object (g_ptr_array_index (forms, i));
  g_array_unref (f->schema_changes);
  g_array_unref (f->offer_changes);
  g_ptr_array_unref (f->finished);
  g_free (f->notice);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static CbSession *
open_session (Fixture        *f,
              CbSessionFlags  flags)
{
  g_autoptr(GError) error = NULL;

  f->session = cb_session_new (f->dir, flags);
  g_signal_connect (f->session, "reloaded", G_CALLBACK (on_reloaded), f);
  g_signal_connect (f->session, "schema-changed", G_CALLBACK (on_schema_changed), f);
  g_signal_connect (f->session, "offer-changed", G_CALLBACK (on_offer_changed), f);
  g_signal_connect (f->session, "run-finished", G_CALLBACK (on_run_finished), f);
  g_signal_connect (f->session, "notice", G_CALLBACK (on_notice), f);
  g_assert_true (cb_session_load (f->session, &error));
  g_assert_no_error (error);
  return f->session;
}

static void
reset_values (Fixture    *f,
              const char *schema_id)
{
  g_autoptr(GSettings) settings = cb_form_store_create_settings (f->dir, schema_id);

  g_settings_reset (settings, "values");
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *broken = cb_test_write (f->dir, "schemas/3-broken.yaml", "ui_elements: [\n");
  CbSession *session = open_session (f, CB_SESSION_FLAGS_NONE);
  CbForm *form;

  g_assert_null (cb_session_get_error (session));
  g_assert_cmpstr (cb_session_get_name (session), ==, "Session test");
  g_assert_cmpstr (cb_session_get_folder (session), ==, f->dir);
  g_assert_nonnull (cb_session_get_project (session));

  /* An entry per schema file, in file order; one cannot be used */
  g_assert_cmpuint (cb_session_get_n_schemas (session), ==, 3);
  g_assert_cmpstr (cb_session_get_schema_id (session, 0), ==, "1-train");
  g_assert_cmpstr (cb_session_get_schema_id (session, 1), ==, "2-test");
  g_assert_cmpstr (cb_session_get_schema_id (session, 2), ==, "3-broken");
  g_assert_cmpstr (cb_session_get_schema_path (session, 2), ==, broken);
  g_assert_nonnull (cb_session_get_schema (session, 0));
  g_assert_null (cb_session_get_schema_problems (session, 0));
  g_assert_null (cb_session_get_schema (session, 2));
  g_assert_nonnull (strstr (cb_session_get_schema_problems (session, 2), "3-broken.yaml:"));
  g_assert_null (cb_session_get_form (session, 2));
  g_assert_cmpint (cb_session_find_schema (session, "2-test"), ==, 1);
  g_assert_cmpint (cb_session_find_schema (session, "nope"), ==, -1);

  /* Forms are made when first asked for, once; without stored values */
  form = cb_session_get_form (session, 0);
  g_assert_nonnull (form);
  g_assert_true (cb_session_get_form (session, 0) == form);
  g_assert_true (cb_form_get_schema (form) == cb_session_get_schema (session, 0));
  g_assert_null (cb_session_get_store (session, 0));

  /* The history, read when first asked for */
  g_assert_nonnull (cb_session_get_history (session));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cb_session_get_history (session))), ==, 0);
}

static void
assert_load_error (Fixture    *f,
                   int         code,
                   const char *text)
{
  g_autoptr(CbSession) session = cb_session_new (f->dir, CB_SESSION_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_false (cb_session_load (session, &error));
  g_assert_error (error, CB_SESSION_ERROR, code);
  g_assert_nonnull (strstr (error->message, text));
  g_assert_error ((GError *)cb_session_get_error (session), CB_SESSION_ERROR, code);
  g_assert_null (cb_session_get_project (session));
  g_assert_cmpuint (cb_session_get_n_schemas (session), ==, 0);
  g_assert_null (cb_session_get_history (session));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *project = g_build_filename (f->dir, "cmdbuilder.yaml", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *schemas = g_build_filename (f->dir, "schemas", NULL);

  g_assert_cmpint (g_unlink (project), ==, 0);
  assert_load_error (f, CB_SESSION_ERROR_NOT_A_PROJECT, "has no cmdbuilder.yaml");

  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", "name: [unclosed\n"));
  assert_load_error (f, CB_SESSION_ERROR_PROJECT_FILE, "cmdbuilder.yaml:");

  /* Only the errors; the name and the warnings are known all the same */
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", "name: Broken\nsources: [1, 2]\n"));
  expected = g_strdup_printf ("%s:2:10: “sources” must be a mapping", project);
  assert_load_error (f, CB_SESSION_ERROR_PROJECT_INVALID, expected);
  {
    g_autoptr(CbSession) session = cb_session_new (f->dir, CB_SESSION_FLAGS_NONE);

    g_assert_false (cb_session_load (session, NULL));
    g_assert_cmpstr (cb_session_get_name (session), ==, "Broken");
    g_assert_true (cb_diagnostics_have_errors (cb_session_get_diagnostics (session)));
  }

  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", project_text));
  cb_test_remove_tree (schemas);
  g_free (cb_test_write (f->dir, "schemas/notes.txt", "x"));
  assert_load_error (f, CB_SESSION_ERROR_NO_SCHEMAS, "has no .yaml files");

  cb_test_remove_tree (schemas);
  g_free (cb_test_write (f->dir, "schemas", "not a folder"));
  assert_load_error (f, CB_SESSION_ERROR_SCHEMAS_FOLDER, "schemas");
}

static void
test_stored_values (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = cb_form_store_create_settings (f->dir, "1-train");
  CbSession *session;
  CbForm *form;

  g_settings_set_value (settings, "values", g_variant_new_parsed ("{'name': <'stored'>}"));
  session = open_session (f, CB_SESSION_STORE_VALUES);
  form = cb_session_get_form (session, 0);
  g_assert_nonnull (cb_session_get_store (session, 0));
  g_assert_cmpstr (cb_test_form_string (form, "name"), ==, "stored");

  cb_form_set_value (form, "name", g_variant_new_string ("changed"));
  cb_session_flush (session);
  {
    g_autoptr(GVariant) values = g_settings_get_value (settings, "values");
    g_autofree char *text = g_variant_print (values, FALSE);

    g_assert_cmpstr (text, ==, "{'name': <'changed'>}");
  }
  g_settings_reset (settings, "values");
}

static void
test_forms_follow_project (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *huge = g_build_filename (f->dir, "sizes", "huge.yaml", NULL);
  CbSession *session = open_session (f, CB_SESSION_WATCH);
  CbForm *form = cb_session_get_form (session, 0);
  GListModel *sizes = cb_form_get_options (form, 1);

  /* A new option file reaches the form; nobody relays the change */
  g_assert_cmpuint (g_list_model_get_n_items (sizes), ==, 2);
  g_assert_true (g_file_set_contents (huge, "a: 3\n", -1, NULL));
  wait_until (g_list_model_get_n_items (cb_form_get_options (form, 1)) == 3);

  /* And one that goes: the form's value is checked again */
  cb_form_set_value (form, "size", g_variant_new_string ("huge"));
  g_assert_false (cb_form_has_errors (form));
  g_assert_cmpint (g_unlink (huge), ==, 0);
  wait_until (cb_form_has_errors (form));
}

static void
test_schema_reload (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "schemas", "1-train.yaml", NULL);
  CbSession *session = open_session (f, CB_SESSION_STORE_VALUES | CB_SESSION_WATCH);
  g_autoptr(CbForm) first = g_object_ref (cb_session_get_form (session, 0));
  CbSchema *schema = cb_session_get_schema (session, 0);

  cb_form_set_value (first, "name", g_variant_new_string ("mine"));

  /* Edited: a new schema and form, with what the user set */
  g_assert_true (g_file_set_contents (path, "ui_elements:\n"
                                            "  - key: name\n    type: text_input\n    default: first\n"
                                            "    hydra_override: name\n"
                                            "  - key: fresh\n    type: checkbox\n    hydra_override: fresh\n",
                                      -1, NULL));
  wait_until (f->schema_changes->len > 0);
  g_assert_cmpuint (g_array_index (f->schema_changes, guint, 0), ==, 0);
  g_assert_true (cb_session_get_schema (session, 0) != schema);
  g_assert_true (cb_session_get_form (session, 0) != first);
  g_assert_cmpstr (cb_test_form_string (cb_session_get_form (session, 0), "name"), ==, "mine");
  g_assert_nonnull (cb_schema_lookup_field (cb_session_get_schema (session, 0), "fresh"));
  g_assert_null (cb_session_get_schema_problems (session, 0));
  g_assert_finalize_object (g_steal_pointer (&first));

  /* With errors: the last good schema and form stay, with the problems */
  schema = cb_session_get_schema (session, 0);
  first = g_object_ref (cb_session_get_form (session, 0));
  g_array_set_size (f->schema_changes, 0);
  g_assert_true (g_file_set_contents (path, "ui_elements:\n  - key: name\n    type: text_input\n"
                                            "    visible_if: \"==\"\n", -1, NULL));
  wait_until (f->schema_changes->len > 0);
  g_assert_true (cb_session_get_schema (session, 0) == schema);
  g_assert_true (cb_session_get_form (session, 0) == first);
  g_assert_nonnull (strstr (cb_session_get_schema_problems (session, 0), "1-train.yaml:4:18:"));
  g_assert_cmpuint (f->n_reloaded, ==, 0);

  /* A schema file added: the project is loaded again */
  g_free (cb_test_write (f->dir, "schemas/3-predict.yaml", test_schema));
  wait_until (f->n_reloaded > 0);
  g_assert_cmpuint (cb_session_get_n_schemas (session), ==, 3);
  g_assert_cmpstr (cb_session_get_schema_id (session, 2), ==, "3-predict");
  reset_values (f, "1-train");
}

static void
test_project_reload (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cmdbuilder.yaml", NULL);
  CbSession *session = open_session (f, CB_SESSION_STORE_VALUES | CB_SESSION_WATCH);
  CbHistory *history = cb_session_get_history (session);
  CbProject *project = cb_session_get_project (session);
  g_autofree char *edited = g_strconcat (project_text, "  more: {values: [x]}\n", NULL);

  CbRun *run;

  cb_form_set_value (cb_session_get_form (session, 0), "name", g_variant_new_string ("kept"));
  run = cb_session_start_run (session, 0, "sh -c 'sleep 30'", NULL);
  g_assert_nonnull (run);

  /* Another project, the same history, the values the user set, the run */
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  wait_until (f->n_reloaded > 0);
  g_assert_null (cb_session_get_error (session));
  g_assert_true (cb_session_get_project (session) != project);
  g_assert_true (cb_project_has_source (cb_session_get_project (session), "more"));
  g_assert_true (cb_session_get_history (session) == history);
  g_assert_cmpstr (cb_test_form_string (cb_session_get_form (session, 0), "name"), ==, "kept");
  g_assert_true (cb_session_get_run (session, 0) == run);
  g_assert_true (cb_session_is_running (session));
  cb_session_stop_runs (session);
  wait_until (f->finished->len == 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);

  /* Broken: the session says why, and has nothing to show */
  g_assert_true (g_file_set_contents (path, "sources: [1, 2]\n", -1, NULL));
  wait_until (f->n_reloaded > 1);
  g_assert_error ((GError *)cb_session_get_error (session), CB_SESSION_ERROR, CB_SESSION_ERROR_PROJECT_INVALID);
  g_assert_null (cb_session_get_project (session));
  g_assert_cmpuint (cb_session_get_n_schemas (session), ==, 0);

  /* Fixed on disk: the session watched the file while broken, and the
   * project is back with the values the user set
   */
  g_assert_true (g_file_set_contents (path, project_text, -1, NULL));
  wait_until (f->n_reloaded > 2);
  g_assert_null (cb_session_get_error (session));
  g_assert_cmpuint (cb_session_get_n_schemas (session), ==, 2);
  g_assert_cmpstr (cb_test_form_string (cb_session_get_form (session, 0), "name"), ==, "kept");
  reset_values (f, "1-train");
}

/* A session that opens on a broken project recovers as the files are
 * fixed: the project file first, then its schemas folder; and a reload
 * asked for loads the files again
 */
static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cmdbuilder.yaml", NULL);
  g_autofree char *schemas = g_build_filename (f->dir, "schemas", NULL);
  g_autofree char *moved = g_build_filename (f->dir, "schemas.away", NULL);

  g_assert_true (g_file_set_contents (path, "name: [unclosed\n", -1, NULL));
  g_assert_cmpint (g_rename (schemas, moved), ==, 0);
  f->session = cb_session_new (f->dir, CB_SESSION_WATCH);
  g_signal_connect (f->session, "reloaded", G_CALLBACK (on_reloaded), f);
  g_assert_false (cb_session_load (f->session, NULL));
  g_assert_error ((GError *)cb_session_get_error (f->session), CB_SESSION_ERROR, CB_SESSION_ERROR_PROJECT_FILE);

  /* The project file is fixed; the schemas folder is still missing */
  g_assert_true (g_file_set_contents (path, project_text, -1, NULL));
  wait_until (f->n_reloaded > 0);
  g_assert_nonnull (cb_session_get_error (f->session));
  g_assert_false (g_error_matches (cb_session_get_error (f->session), CB_SESSION_ERROR,
                                   CB_SESSION_ERROR_PROJECT_FILE));

  /* The folder comes back */
  g_assert_cmpint (g_rename (moved, schemas), ==, 0);
  wait_until (cb_session_get_error (f->session) == NULL);
  g_assert_cmpuint (cb_session_get_n_schemas (f->session), ==, 2);
  g_assert_nonnull (cb_session_get_form (f->session, 0));

  /* Asked for, a reload reads the files again */
  f->n_reloaded = 0;
  g_free (cb_test_write (f->dir, "schemas/3-predict.yaml", test_schema));
  g_assert_true (cb_session_reload (f->session));
  g_assert_cmpuint (f->n_reloaded, >=, 1);
  g_assert_cmpuint (cb_session_get_n_schemas (f->session), ==, 3);
}

static void
test_runs (Fixture       *f,
           gconstpointer  data)
{
  CbSession *session = open_session (f, CB_SESSION_FLAGS_NONE);
  CbForm *form = cb_session_get_form (session, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(GVariant) values = NULL;
  CbRun *run;

  /* Refused, as the run policy says: nothing runs, nothing is recorded */
  cb_form_set_value (form, "name", g_variant_new_string ("x"));
  g_assert_null (cb_session_start_run (session, 0, NULL, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_clear_error (&error);
  cb_form_set_value (form, "name", g_variant_new_string ("valid"));
  g_assert_null (cb_session_start_run (session, 0, "sh -c 'unclosed", &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (cb_session_get_run (session, 0));

  /* Run: recorded with the values it started with, then announced */
  run = cb_session_start_run (session, 0, "sh -c 'sleep 0.2'", &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (cb_session_get_run (session, 0) == run);
  g_assert_true (cb_session_is_running (session));
  g_assert_null (cb_session_start_run (session, 0, NULL, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_USAGE);
  g_clear_error (&error);
  cb_form_set_value (form, "name", g_variant_new_string ("changed meanwhile"));
  wait_until (f->finished->len == 1);
  g_assert_true (g_ptr_array_index (f->finished, 0) == run);
  g_assert_false (cb_session_is_running (session));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cb_session_get_history (session))), ==, 1);
  record = g_list_model_get_item (G_LIST_MODEL (cb_session_get_history (session)), 0);
  g_assert_cmpstr (cb_history_record_get_schema_id (record), ==, "1-train");
  values = cb_history_record_get_values (record);
  g_assert_true (g_variant_lookup (values, "name", "&s", &(const char *){ NULL }));
  {
    const char *name = NULL;

    g_variant_lookup (values, "name", "&s", &name);
    g_assert_cmpstr (name, ==, "valid");
  }

  /* Stopped */
  run = cb_session_start_run (session, 1, "sh -c 'sleep 30'", &error);
  g_assert_no_error (error);
  wait_until (cb_run_is_running (run));
  cb_session_stop_runs (session);
  wait_until (f->finished->len == 2);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_STOPPED);
}

static void
test_offers (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *predict = cb_test_write (f->dir, "schemas/3-predict.yaml", test_schema);
  CbSession *session = open_session (f, CB_SESSION_WATCH);
  CbForm *test = cb_session_get_form (session, 1);
  CbForm *predict_form = cb_session_get_form (session, 2);
  g_autoptr(GError) error = NULL;
  CbOffer *offer;

  wait_until (!cb_project_source_is_loading (cb_session_get_project (session), "checkpoints"));

  /* The user chose a checkpoint on the predict page */
  cb_form_set_value (predict_form, "checkpoint", g_variant_new_string ("outputs/old/checkpoints/o.ckpt"));

  /* The train run writes a checkpoint: the test page takes it, the
   * predict page is offered it
   */
  g_assert_nonnull (cb_session_start_run (session, 0, NULL, &error));
  g_assert_no_error (error);
  wait_until (cb_test_form_string (test, "checkpoint")[0] != '\0');
  g_assert_cmpstr (cb_test_form_string (test, "checkpoint"), ==, "outputs/r/checkpoints/e.ckpt");
  /* Not silently: the page says what it took */
  g_assert_cmpstr (f->notice, ==, "The 2 test page now uses the checkpoint outputs/r/checkpoints/e.ckpt, "
                                  "written by the 1 train run.");
  wait_until (cb_session_get_offer (session, 2) != NULL);
  offer = cb_session_get_offer (session, 2);
  g_assert_cmpstr (cb_offer_get_origin (offer), ==, "1-train");
  g_assert_cmpstr (cb_offer_get_checkpoint (offer), ==, "outputs/r/checkpoints/e.ckpt");
  g_assert_cmpstr (cb_test_form_string (predict_form, "checkpoint"), ==, "outputs/old/checkpoints/o.ckpt");
  g_assert_cmpuint (f->offer_changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->offer_changes, guint, 0), ==, 2);

  /* Nothing is offered to the page that ran */
  g_assert_null (cb_session_get_offer (session, 0));

  /* Taken by the user */
  g_assert_true (cb_session_take_offer (session, 2));
  g_assert_cmpstr (cb_test_form_string (predict_form, "checkpoint"), ==, "outputs/r/checkpoints/e.ckpt");
  g_assert_null (cb_session_get_offer (session, 2));
  g_assert_cmpuint (f->offer_changes->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("load", test_load);
  ADD ("errors", test_errors);
  ADD ("stored-values", test_stored_values);
  ADD ("forms-follow-project", test_forms_follow_project);
  ADD ("schema-reload", test_schema_reload);
  ADD ("project-reload", test_project_reload);
  ADD ("recovery", test_recovery);
  ADD ("runs", test_runs);
  ADD ("offers", test_offers);

#undef ADD

  return g_test_run ();
}
