/* test-form-store.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-form-store.h"
#include "cb-test-util.h"

/* The store over real GSettings: the memory backend (GSETTINGS_BACKEND),
 * with the app's compiled schema. Each test has its own project folder,
 * so its own settings path.
 */

typedef struct
{
  char      *dir;
  CbProject *project;
  CbSchema  *schema;
  CbForm    *form;
  GSettings *settings;
} Fixture;

static const char schema_text[] =
  "ui_elements:\n"
  "  - key: name\n"
  "    type: text_input\n"
  "    default: run\n"
  "    hydra_override: name\n"
  "  - key: epochs\n"
  "    type: number_input\n"
  "    default: 10\n"
  "    hydra_override: epochs\n"
  "  - key: arch\n"
  "    type: selectbox\n"
  "    options: [alpha, beta]\n"
  "    default: alpha\n"
  "    hydra_override: arch\n"
  "  - key: tags\n"
  "    type: multiselect\n"
  "    options: [a, b]\n"
  "    hydra_override: tags\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = cb_test_make_tempdir ();
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", "runner: [run]\n"));
  path = cb_test_write (f->dir, "schemas/page.yaml", schema_text);
  f->project = cb_project_load (f->dir, &error);
  g_assert_no_error (error);
  f->schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);
  g_assert_no_error (error);
  g_assert_false (cb_schema_has_errors (f->schema));
  f->form = cb_form_new (f->project, f->schema);
  f->settings = cb_form_store_create_settings (f->dir, "page");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->form);
  g_clear_object (&f->settings);
  g_clear_object (&f->schema);
  g_clear_object (&f->project);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
stored (GSettings *settings)
{
  g_autoptr(GVariant) values = g_settings_get_value (settings, "values");

  return g_variant_print (values, FALSE);
}

#define assert_stored(settings, text) G_STMT_START { \
    g_autofree char *_s = stored (settings); \
    g_assert_cmpstr (_s, ==, text); \
  } G_STMT_END

static void
set_stored (GSettings  *settings,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) values = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);

  g_assert_no_error (error);
  g_settings_set_value (settings, "values", values);
}

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_store_only_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CbFormStore) store = cb_form_store_new (f->form, f->settings);

  /* Nothing to drop, nothing written */
  g_assert_null (cb_form_store_get_dropped (store));
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 0);

  /* Only the value that differs from its default is stored */
  g_assert_true (cb_form_set_value (f->form, "epochs", g_variant_new_int64 (20)));
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 0);
  cb_form_store_flush (store);
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 1);
  assert_stored (f->settings, "{'epochs': <int64 20>}");

  /* A flush with nothing pending writes nothing */
  cb_form_store_flush (store);
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 1);

  /* Back at its default, the value is forgotten */
  g_assert_true (cb_form_set_value (f->form, "epochs", g_variant_new_int64 (10)));
  cb_form_store_flush (store);
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 2);
  assert_stored (f->settings, "{}");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_store_burst (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CbFormStore) store = cb_form_store_new (f->form, f->settings);
  const char *typed[] = { "e", "ex", "exp", "exp1" };

  /* Typing a name is one write, once the form is quiet */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    g_assert_true (cb_form_set_value (f->form, "name", g_variant_new_string (typed[i])));
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 0);

  cb_test_wait_until (cb_form_store_get_n_writes (store) > 0, 10);
  run_pending ();
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 1);
  assert_stored (f->settings, "{'name': <'exp1'>}");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_store_load (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CbFormStore) store = NULL;
  CbField *arch = cb_schema_lookup_field (f->schema, "arch");
  CbField *epochs = cb_schema_lookup_field (f->schema, "epochs");

  set_stored (f->settings, "{'epochs': <int64 7>, 'arch': <'beta'>}");
  store = cb_form_store_new (f->form, f->settings);

  g_assert_null (cb_form_store_get_dropped (store));
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 0);
  g_assert_cmpstr (g_variant_get_string (cb_form_get_value (f->form, arch->index), NULL), ==, "beta");
  g_assert_cmpint (g_variant_get_int64 (cb_form_get_value (f->form, epochs->index)), ==, 7);
  g_assert_true (cb_form_is_set_by_user (f->form, epochs->index));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_store_stale (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CbFormStore) store = NULL;
  g_autoptr(CbForm) again = NULL;
  const char * const *dropped;

  /* A value of the wrong type, a key the schema no longer has, an option
   * that is gone, an item of a list that is gone; and one that still fits
   */
  set_stored (f->settings,
              "{'epochs': <'seven'>, 'gone': <1>, 'arch': <'gamma'>, 'tags': <['a', 'z']>,"
              " 'name': <'kept'>}");
  store = cb_form_store_new (f->form, f->settings);

  dropped = cb_form_store_get_dropped (store);
  g_assert_nonnull (dropped);
  g_assert_cmpuint (g_strv_length ((char **)dropped), ==, 4);
  g_assert_true (g_strv_contains (dropped, "epochs"));
  g_assert_true (g_strv_contains (dropped, "gone"));
  g_assert_true (g_strv_contains (dropped, "arch"));
  g_assert_true (g_strv_contains (dropped, "tags"));

  /* What was dropped is written away at once, so that it is reported once */
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 1);
  assert_stored (f->settings, "{'name': <'kept'>}");
  g_assert_finalize_object (g_steal_pointer (&store));

  again = cb_form_new (f->project, f->schema);
  store = cb_form_store_new (again, f->settings);
  g_assert_null (cb_form_store_get_dropped (store));
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&again));
}

static void
test_store_dispose_flushes (Fixture       *f,
                            gconstpointer  data)
{
  CbFormStore *store = cb_form_store_new (f->form, f->settings);

  /* A pending change is written when the store goes away */
  g_assert_true (cb_form_set_value (f->form, "arch", g_variant_new_string ("beta")));
  assert_stored (f->settings, "{}");
  g_assert_finalize_object (store);
  assert_stored (f->settings, "{'arch': <'beta'>}");

  /* …and from then on the form's changes are not stored */
  g_assert_true (cb_form_set_value (f->form, "arch", g_variant_new_string ("alpha")));
  run_pending ();
  assert_stored (f->settings, "{'arch': <'beta'>}");
}

static void
test_store_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CbFormStore) store = cb_form_store_new (f->form, f->settings);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CbForm) again = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cb_form_set_value (f->form, "name", g_variant_new_string ("my run")));
  g_assert_true (cb_form_set_value (f->form, "tags",
                                    g_variant_new_strv ((const char *[]){ "b", NULL }, -1)));
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Another settings object for the same project and schema, as after a
   * restart: a new form gets the same values
   */
  settings = cb_form_store_create_settings (f->dir, "page");
  again = cb_form_new (f->project, f->schema);
  store = cb_form_store_new (again, settings);
  g_assert_null (cb_form_store_get_dropped (store));
  values = cb_form_get_user_values (again);
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'name': <'my run'>, 'tags': <['b']>}");
  g_assert_cmpstr (cb_form_get_display (again), ==, cb_form_get_display (f->form));

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&again));
}

static char *
settings_path (GSettings *settings)
{
  char *path = NULL;

  g_object_get (settings, "path", &path, NULL);
  return path;
}

static void
test_store_settings_path (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSettings) same = cb_form_store_create_settings (f->dir, "page");
  g_autoptr(GSettings) other_schema = cb_form_store_create_settings (f->dir, "my schema/2.yaml");
  g_autoptr(GSettings) other_project = cb_form_store_create_settings ("/elsewhere", "page");
  g_autofree char *path = settings_path (f->settings);
  g_autofree char *same_path = settings_path (same);
  g_autofree char *odd_path = settings_path (other_schema);
  g_autofree char *other_path = settings_path (other_project);

  /* One path per project and schema, whatever characters the id has */
  g_assert_true (g_str_has_prefix (path, "/io/github/cmdbuilder/CommandBuilder/forms/"));
  g_assert_true (g_str_has_suffix (path, "-page/"));
  g_assert_cmpstr (path, ==, same_path);
  g_assert_true (g_str_has_suffix (odd_path, "-my-schema-2-yaml/"));
  g_assert_cmpstr (other_path, !=, path);
  g_assert_true (g_str_has_suffix (other_path, "-page/"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/form-store/only-changed", test_store_only_changed);
  ADD ("/form-store/burst", test_store_burst);
  ADD ("/form-store/load", test_store_load);
  ADD ("/form-store/stale", test_store_stale);
  ADD ("/form-store/dispose-flushes", test_store_dispose_flushes);
  ADD ("/form-store/round-trip", test_store_round_trip);
  ADD ("/form-store/settings-path", test_store_settings_path);
#undef ADD

  return g_test_run ();
}
