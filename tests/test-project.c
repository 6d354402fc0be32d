/* test-project.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cb-checkpoint-model.h"
#include "cb-config-index.h"
#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-file-watch.h"
#include "cb-glob.h"
#include "cb-option.h"
#include "cb-project.h"
#include "cb-test-util.h"

static char *
option_values (GListModel *model)
{
  GString *out = g_string_new (NULL);
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbOption) option = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i ? " " : "", cb_option_get_value (option));
    }

  return g_string_free (out, FALSE);
}

static CbProject *
load (const char *dir)
{
  g_autoptr(GError) error = NULL;
  CbProject *project = cb_project_load (dir, &error);

  g_assert_no_error (error);
  return project;
}

/* Asserts each of @expected, `line:column: message…`, among the
 * diagnostics of @file
 */
static void
assert_diagnostics (GPtrArray   *diagnostics,
                    const char  *file,
                    const char **expected,
                    guint        n_expected)
{
  for (guint i = 0; i < n_expected; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s:%s", file, expected[i]);

      if (!cb_test_diagnostics_contain (diagnostics, text))
        {
          g_autofree char *all = cb_test_diagnostics_to_string (diagnostics);

          g_error ("expected “%s” among:\n%s", text, all);
        }
    }
}

static void
test_project_defaults (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml", "# nothing set\n");
  g_autoptr(CbProject) project = load (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *schemas = g_build_filename (dir, "schemas", NULL);
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  const char * const *runner = cb_project_get_runner (project);

  g_assert_cmpstr (cb_project_get_name (project), ==, base);
  g_assert_cmpstr (cb_project_get_schemas_dir (project), ==, schemas);
  g_assert_cmpstr (cb_project_get_outputs_dir (project), ==, outputs);
  g_assert_cmpstr (runner[0], ==, "python3");
  g_assert_cmpstr (runner[1], ==, "runners/{id}.py");
  g_assert_cmpuint (cb_project_get_diagnostics (project)->len, ==, 0);

  cb_test_remove_tree (dir);
}

static void
test_project_file (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml",
                                         "name: Receipts\n"
                                         "schemas: forms\n"
                                         "runner: \"uv run python 'runners/{id}.py'\"\n"
                                         "outputs: out\n"
                                         "colour: red\n");
  g_autofree char *schema = cb_test_write (dir, "forms/train.yaml", "title: t\n");
  g_autoptr(CbProject) project = load (dir);
  const char * const *runner = cb_project_get_runner (project);
  g_autofree char *outputs = g_build_filename (dir, "out", NULL);
  g_autofree char *warning = g_strdup_printf ("%s:5:1: warning: unknown key “colour”", file);
  g_autoptr(CbSchema) s = cb_schema_load (schema, CB_NAME_LOOKUP (project), NULL);
  g_auto(GStrv) prefix = cb_project_get_command_prefix (project, s);

  g_assert_cmpstr (cb_project_get_name (project), ==, "Receipts");
  g_assert_cmpstr (cb_project_get_outputs_dir (project), ==, outputs);
  g_assert_cmpuint (g_strv_length ((char **)runner), ==, 4);
  g_assert_cmpstr (prefix[3], ==, "runners/train.py");
  g_assert_true (cb_test_diagnostics_contain (cb_project_get_diagnostics (project), warning));

  cb_test_remove_tree (dir);
}

/* `metrics:` is read with the rest of the file: no unknown key, its
 * setting on the project, and its problems located in the file
 */
static void
test_project_metrics (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml",
                                         "name: Metrics\n"
                                         "metrics:\n"
                                         "  show: [loss, \"val/*\"]\n"
                                         "  ignore: grad_norm\n"
                                         "  pattern: 'it (?<step>\\d+): (?<name>\\w+) is (?<value>[-0-9.e]+)'\n");
  g_autoptr(CbProject) project = load (dir);
  CbMetricsConfig *config = cb_project_get_metrics_config (project);
  g_autofree char *bad_dir = cb_test_make_tempdir ();
  g_autofree char *bad_file = cb_test_write (bad_dir, "cmdbuilder.yaml",
                                             "metrics:\n"
                                             "  show: {loss: 1}\n"
                                             "  pattern: '(?<value>[0-9'\n"
                                             "  builtin: sometimes\n"
                                             "  colour: red\n");
  g_autoptr(CbProject) bad = load (bad_dir);
  GPtrArray *diagnostics = cb_project_get_diagnostics (bad);
  const char *expected[] = {
    "2:9: “show” must be a list of metric names, not a mapping",
    "3:12: “pattern” is not a usable regular expression",
    "4:12: “builtin” must be true or false",
    "5:3: warning: unknown key “colour” in “metrics”",
  };
  g_autofree char *other_dir = cb_test_make_tempdir ();
  g_autofree char *other_file = cb_test_write (other_dir, "cmdbuilder.yaml", "metrics: 12\n");
  g_autoptr(CbProject) other = load (other_dir);
  g_autofree char *other_error = g_strdup_printf ("%s:1:10: “metrics” must be a mapping", other_file);

  g_assert_cmpuint (cb_project_get_diagnostics (project)->len, ==, 0);
  g_assert_true (cb_metrics_config_get_enabled (config));
  g_assert_cmpstr (cb_metrics_config_get_show (config)[1], ==, "val/*");
  g_assert_true (cb_metrics_config_is_shown (config, "val/hmean"));
  g_assert_false (cb_metrics_config_is_shown (config, "lr"));
  g_assert_true (cb_metrics_config_is_ignored (config, "grad_norm"));
  g_assert_nonnull (cb_metrics_config_get_pattern (config));

  assert_diagnostics (diagnostics, bad_file, expected, G_N_ELEMENTS (expected));
  g_assert_true (cb_diagnostics_have_errors (diagnostics));
  /* What had a problem is left unset; the project's setting is usable */
  g_assert_null (cb_metrics_config_get_show (cb_project_get_metrics_config (bad)));
  g_assert_null (cb_metrics_config_get_pattern (cb_project_get_metrics_config (bad)));
  g_assert_true (cb_test_diagnostics_contain (cb_project_get_diagnostics (other), other_error));

  /* Without the key: a setting that sets nothing */
  g_assert_null (cb_metrics_config_get_show (cb_project_get_metrics_config (other)));

  cb_test_remove_tree (dir);
  cb_test_remove_tree (bad_dir);
  cb_test_remove_tree (other_dir);
}

static void
test_project_missing (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *nowhere = g_build_filename (dir, "nowhere", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_load (dir, &error);

  g_assert_null (project);
  g_assert_error (error, CB_ERROR, CB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "has no cmdbuilder.yaml"));
  g_clear_error (&error);

  project = cb_project_load (nowhere, &error);
  g_assert_null (project);
  g_assert_error (error, CB_ERROR, CB_ERROR_NOT_FOUND);

  cb_test_remove_tree (dir);
}

static void
test_project_bad_file (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml",
                                         "sources:\n"
                                         "  a: {stems: \"../outside/*.yaml\"}\n"
                                         "  b: [not, a, mapping]\n"
                                         "  c: {}\n"
                                         "  d: {paths: \"x/*\", values: [1]}\n"
                                         "metadata:\n"
                                         "  m: {root: x}\n"
                                         "  n: {glob: \"/abs/*.yaml\"}\n"
                                         "runner: {a: 1}\n");
  g_autoptr(CbProject) project = load (dir);
  GPtrArray *diagnostics = cb_project_get_diagnostics (project);
  const char *expected[] = {
    "2:14: the pattern “../outside/*.yaml” must stay inside the project folder",
    "3:6: the source “b” must be a mapping",
    "4:6: the source “c” needs “stems”, “values” or “paths”",
    "5:6: the source “d” cannot combine “paths”",
    "7:6: the metadata set “m” needs either “glob” or “file”",
    "8:13: the pattern “/abs/*.yaml” must be relative",
    "9:9: “runner” must be a text or a list",
  };

  assert_diagnostics (diagnostics, file, expected, G_N_ELEMENTS (expected));

  cb_test_remove_tree (dir);
}

static void
test_project_bad_yaml (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml", "name: [open\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_load (dir, &error);
  g_autofree char *prefix = g_strdup_printf ("%s:2:1: YAML syntax error", file);

  g_assert_null (project);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, prefix));

  cb_test_remove_tree (dir);
}

static void
test_project_sources (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(CbProject) project = NULL;
  g_autofree char *values = NULL;
  g_autofree char *stems = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *none = NULL;
  g_autofree char *paths = NULL;
  g_autofree char *old = NULL;
  g_autofree char *f1 = NULL, *f2 = NULL, *f3 = NULL, *f4 = NULL, *f5 = NULL, *f6 = NULL;
  CbCheckpointModel *checkpoints;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "sources:\n"
                         "  fixed: {values: [zeta, alpha, alpha]}\n"
                         "  data: {stems: \"configs/data/*.yaml\", values: [custom, base]}\n"
                         "  nested: {stems: [\"configs/*/*.yaml\"]}\n"
                         "  none: {stems: \"configs/nothing/*.yaml\"}\n"
                         "  ckpt: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"));
  f1 = cb_test_write (dir, "configs/data/base.yaml", "a: 1\n");
  f2 = cb_test_write (dir, "configs/data/canonical.yaml", "a: 1\n");
  f3 = cb_test_write (dir, "configs/data/sub/deep.yaml", "a: 1\n");
  f4 = cb_test_write (dir, "configs/data/.hidden.yaml", "a: 1\n");
  f5 = cb_test_write (dir, "outputs/one/checkpoints/epoch=1.ckpt", "x");
  f6 = cb_test_write (dir, "outputs/two/checkpoints/epoch=2.ckpt", "x");
  old = cb_test_write (dir, "outputs/two/checkpoints/epoch=0.ckpt", "x");
  g_free (cb_test_write (dir, "outputs/two/checkpoints/notes.txt", "x"));

  /* Make the order by time certain: epoch=0 oldest, epoch=2 newest */
  {
    GStatBuf st;
    struct timeval times[2] = { { 1000, 0 }, { 1000, 0 } };

    g_assert_cmpint (utimes (old, times), ==, 0);
    times[0].tv_sec = times[1].tv_sec = 2000;
    g_assert_cmpint (utimes (f5, times), ==, 0);
    times[0].tv_sec = times[1].tv_sec = 3000;
    g_assert_cmpint (utimes (f6, times), ==, 0);
    g_assert_cmpint (g_stat (f6, &st), ==, 0);
  }

  project = load (dir);
  /* Nothing watches this project: getting a source lists no folder, its
   * checkpoints are listed on request, once
   */
  checkpoints = CB_CHECKPOINT_MODEL (cb_project_get_source (project, "ckpt"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (checkpoints)), ==, 0);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (checkpoints), ==, 0);
  cb_project_scan_sources_sync (project, NULL);
  cb_project_scan_sources_sync (project, NULL);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (checkpoints), ==, 1);
  values = option_values (cb_project_get_source (project, "fixed"));
  stems = option_values (cb_project_get_source (project, "data"));
  nested = option_values (cb_project_get_source (project, "nested"));
  none = option_values (cb_project_get_source (project, "none"));
  paths = option_values (cb_project_get_source (project, "ckpt"));

  /* Sorted and deduplicated; stems without extension; `*` never crosses `/` */
  g_assert_cmpstr (values, ==, "alpha zeta");
  g_assert_cmpstr (stems, ==, "base canonical custom");
  g_assert_cmpstr (nested, ==, "base canonical");
  /* A glob matching nothing is an empty list, not an error */
  g_assert_cmpstr (none, ==, "");
  /* Project-relative paths, newest first */
  g_assert_cmpstr (paths, ==,
                   "outputs/two/checkpoints/epoch=2.ckpt "
                   "outputs/one/checkpoints/epoch=1.ckpt "
                   "outputs/two/checkpoints/epoch=0.ckpt");
  g_assert_true (cb_project_source_is_paths (project, "ckpt"));
  g_assert_false (cb_project_source_is_paths (project, "data"));
  g_assert_cmpuint (cb_project_get_config_diagnostics (project)->len, ==, 0);

  cb_test_remove_tree (dir);
}

static void
test_project_metadata (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(CbProject) project = NULL;
  g_autofree char *broken = NULL;
  GVariant *entry;
  g_autoptr(GVariant) notes = NULL;
  g_autoptr(GVariant) help = NULL;
  GPtrArray *diagnostics;
  g_autofree char *expected = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "metadata:\n"
                         "  architecture: {glob: \"meta/arch/*.yaml\", root: ui_metadata}\n"
                         "  optimizer: {glob: \"meta/opt/*.yaml\", root: ui.meta}\n"
                         "  profiles: {file: \"meta/profiles.yaml\", root: profiles}\n"));
  g_free (cb_test_write (dir, "meta/arch/dbnet.yaml", "ui_metadata:\n  notes: Fast\n  list: [a, b]\n"));
  g_free (cb_test_write (dir, "meta/arch/norooot.yaml", "other: 1\n"));
  broken = cb_test_write (dir, "meta/arch/broken.yaml", "ui_metadata: [\n");
  g_free (cb_test_write (dir, "meta/opt/adam.yaml",
                         "ui:\n  meta:\n    learning_rate: {default: 0.001, help: \"Small\"}\n"));
  g_free (cb_test_write (dir, "meta/profiles.yaml",
                         "profiles:\n  lens: {overrides: [a=1]}\n  none: {overrides: []}\n"));

  project = load (dir);

  entry = cb_project_get_metadata_entry (project, "architecture", "dbnet");
  g_assert_nonnull (entry);
  notes = cb_variant_lookup_path (entry, "notes");
  g_assert_cmpstr (g_variant_get_string (notes, NULL), ==, "Fast");
  g_assert_null (cb_project_get_metadata_entry (project, "architecture", "norooot"));
  g_assert_null (cb_project_get_metadata_entry (project, "architecture", "broken"));
  g_assert_null (cb_project_get_metadata_entry (project, "architecture", "missing"));

  entry = cb_project_get_metadata_entry (project, "optimizer", "adam");
  help = cb_variant_lookup_path (entry, "learning_rate.help");
  g_assert_cmpstr (g_variant_get_string (help, NULL), ==, "Small");

  g_assert_nonnull (cb_project_get_metadata_entry (project, "profiles", "lens"));
  g_assert_nonnull (cb_project_get_metadata_entry (project, "profiles", "none"));

  /* A broken file is reported and skipped; the rest stays usable */
  diagnostics = cb_project_get_config_diagnostics (project);
  expected = g_strdup_printf ("%s:2:1: YAML syntax error", broken);
  g_assert_true (cb_test_diagnostics_contain (diagnostics, expected));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "has no key “ui_metadata”"));

  cb_test_remove_tree (dir);
}

static void
test_project_unreadable (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(CbProject) project = NULL;
  g_autofree char *values = NULL;
  g_autofree char *locked = g_build_filename (dir, "configs", "locked", NULL);

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "sources:\n"
                         "  data: {stems: \"configs/*/*.yaml\"}\n"
                         "metadata:\n"
                         "  architecture: {glob: \"configs/*/*.yaml\", root: ui}\n"));
  g_free (cb_test_write (dir, "configs/open/a.yaml", "ui: {x: 1}\n"));
  g_free (cb_test_write (dir, "configs/locked/b.yaml", "ui: {x: 1}\n"));
  /* A metadata file that is a folder cannot be read either */
  {
    g_autofree char *folder = g_build_filename (dir, "configs/open/dir.yaml", NULL);

    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  }

  if (getuid () == 0)
    {
      g_test_message ("Running as root: a folder without permissions is still readable");
    }
  else
    g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  project = load (dir);
  values = option_values (cb_project_get_source (project, "data"));

  if (getuid () != 0)
    {
      g_assert_cmpstr (values, ==, "a");
      g_assert_true (cb_test_diagnostics_contain (cb_project_get_config_diagnostics (project),
                                                  "cannot read the folder"));
    }
  else
    g_assert_cmpstr (values, ==, "a b");
  g_assert_nonnull (cb_project_get_metadata_entry (project, "architecture", "a"));

  cb_test_remove_tree (dir);
}

static void
test_project_schema_files (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(CbProject) project = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", ""));
  g_free (cb_test_write (dir, "schemas/b.yaml", ""));
  g_free (cb_test_write (dir, "schemas/a.yml", ""));
  g_free (cb_test_write (dir, "schemas/README.md", ""));
  g_free (cb_test_write (dir, "schemas/.hidden.yaml", ""));

  project = load (dir);
  files = cb_project_list_schema_files (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 2);
  g_assert_true (g_str_has_suffix (files[0], "/a.yml"));
  g_assert_true (g_str_has_suffix (files[1], "/b.yaml"));

  cb_test_remove_tree (dir);
}

/* The old tool's files sort Predict, Test, Train: the project file gives
 * the order of the pages, by id, stem or file name; the others follow in
 * file-name order; a name that is no file is said
 */
static void
test_project_pages_order (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(CbProject) project = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *expected = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "pages: [train, command_builder_test, extra.yaml, gone]\n"));
  g_free (cb_test_write (dir, "schemas/command_builder_predict.yaml", ""));
  g_free (cb_test_write (dir, "schemas/command_builder_test.yaml", ""));
  g_free (cb_test_write (dir, "schemas/command_builder_train.yaml", ""));
  g_free (cb_test_write (dir, "schemas/extra.yaml", ""));
  g_free (cb_test_write (dir, "schemas/another.yaml", ""));

  project = load (dir);
  files = cb_project_list_schema_files (project, NULL);
  g_assert_cmpuint (g_strv_length (files), ==, 5);
  g_assert_true (g_str_has_suffix (files[0], "/command_builder_train.yaml"));
  g_assert_true (g_str_has_suffix (files[1], "/command_builder_test.yaml"));
  g_assert_true (g_str_has_suffix (files[2], "/extra.yaml"));
  g_assert_true (g_str_has_suffix (files[3], "/another.yaml"));
  g_assert_true (g_str_has_suffix (files[4], "/command_builder_predict.yaml"));

  problems = cb_test_diagnostics_to_string (cb_project_get_diagnostics (project));
  expected = g_strdup_printf ("%s/cmdbuilder.yaml:1:50: warning: “pages” names “gone”, which is no schema file of "
                              "%s/schemas; it is left out", dir, dir);
  g_test_message ("%s", problems);
  g_assert_nonnull (strstr (problems, expected));
  g_assert_false (cb_diagnostics_have_errors (cb_project_get_diagnostics (project)));

  cb_test_remove_tree (dir);
}

static void
touch_later (const char *path)
{
  GStatBuf st;
  struct timeval times[2];

  /* A modification time that surely differs, without waiting */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times[0].tv_sec = times[1].tv_sec = st.st_mtime + 10;
  times[0].tv_usec = times[1].tv_usec = 0;
  g_assert_cmpint (utimes (path, times), ==, 0);
}

static void
test_project_index (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *arch = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *index = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CbProject *project;
  g_autoptr(GVariant) notes = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "sources:\n"
                         "  data: {stems: \"configs/data/*.yaml\"}\n"
                         "metadata:\n"
                         "  architecture: {glob: \"meta/*.yaml\", root: ui}\n"
                         "  profiles: {file: \"profiles.yaml\", root: profiles}\n"));
  g_free (cb_test_write (dir, "configs/data/base.yaml", "a: 1\n"));
  arch = cb_test_write (dir, "meta/dbnet.yaml", "ui: {notes: first}\n");
  g_free (cb_test_write (dir, "meta/craft.yaml", "ui: {notes: other}\n"));
  g_free (cb_test_write (dir, "profiles.yaml", "profiles: {none: {overrides: []}}\n"));
  data_dir = g_build_filename (dir, "configs", "data", NULL);
  index = cb_config_index_path (dir);

  /* First open: everything is read, and the index written */
  project = load (dir);
  before = option_values (cb_project_get_source (project, "data"));
  g_assert_cmpuint (cb_project_get_n_config_reads (project), ==, 4);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&project);

  /* With a valid index, no config file is read */
  project = load (dir);
  after = option_values (cb_project_get_source (project, "data"));
  g_assert_cmpuint (cb_project_get_n_config_reads (project), ==, 0);
  g_assert_cmpstr (before, ==, after);
  notes = cb_variant_lookup_path (cb_project_get_metadata_entry (project, "architecture", "dbnet"), "notes");
  g_assert_cmpstr (g_variant_get_string (notes, NULL), ==, "first");
  g_clear_pointer (&notes, g_variant_unref);
  g_clear_object (&project);

  /* An edited metadata file rebuilds its set only: two files read */
  g_file_set_contents (arch, "ui: {notes: second}\n", -1, NULL);
  touch_later (arch);
  project = load (dir);
  notes = cb_variant_lookup_path (cb_project_get_metadata_entry (project, "architecture", "dbnet"), "notes");
  g_assert_cmpstr (g_variant_get_string (notes, NULL), ==, "second");
  g_assert_cmpuint (cb_project_get_n_config_reads (project), ==, 2);
  g_clear_object (&project);

  /* A new dataset config changes its folder: that source is listed again */
  g_free (cb_test_write (dir, "configs/data/extra.yaml", "a: 1\n"));
  touch_later (data_dir);
  project = load (dir);
  g_clear_pointer (&after, g_free);
  after = option_values (cb_project_get_source (project, "data"));
  g_assert_cmpstr (after, ==, "base extra");
  g_assert_cmpuint (cb_project_get_n_config_reads (project), ==, 1);
  g_clear_object (&project);

  /* A damaged index is not used */
  g_file_set_contents (index, "garbage", -1, NULL);
  project = load (dir);
  g_clear_pointer (&after, g_free);
  after = option_values (cb_project_get_source (project, "data"));
  g_assert_cmpstr (after, ==, "base extra");
  g_assert_cmpuint (cb_project_get_n_config_reads (project), ==, 4);
  g_clear_object (&project);

  cb_test_remove_tree (dir);
}

static void
test_project_schema_cache (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbSchema) a = NULL;
  g_autoptr(CbSchema) b = NULL;
  g_autoptr(CbSchema) c = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", ""));
  path = cb_test_write (dir, "schemas/train.yaml", "ui_elements:\n  - key: a\n    type: checkbox\n");
  project = load (dir);

  /* Parsed once while the file is unchanged */
  a = cb_project_load_schema (project, path, NULL);
  b = cb_project_load_schema (project, path, NULL);
  g_assert_true (a == b);

  g_file_set_contents (path, "ui_elements:\n  - key: b\n    type: checkbox\n", -1, NULL);
  touch_later (path);
  c = cb_project_load_schema (project, path, NULL);
  g_assert_true (c != a);
  g_assert_nonnull (cb_schema_lookup_field (c, "b"));

  cb_test_remove_tree (dir);
}

typedef struct
{
  CbProject *project;
  guint      n_schema_changes;
  guint      n_file_changes;
  guint      n_ckpt_changes;
} Reload;

static void
on_schema_changed (CbProject  *project,
                   const char *path,
                   Reload     *r)
{
  r->n_schema_changes++;
}

static void
on_project_file_changed (CbProject *project,
                         Reload    *r)
{
  r->n_file_changes++;
}

static void
on_source_changed (CbProject  *project,
                   const char *name,
                   Reload     *r)
{
  if (g_strcmp0 (name, "ckpt") == 0)
    r->n_ckpt_changes++;
}

static void
reload_watch (Reload *r)
{
  r->n_schema_changes = r->n_file_changes = r->n_ckpt_changes = 0;
  g_signal_connect (r->project, "schema-changed", G_CALLBACK (on_schema_changed), r);
  g_signal_connect (r->project, "project-file-changed", G_CALLBACK (on_project_file_changed), r);
  g_signal_connect (r->project, "source-changed", G_CALLBACK (on_source_changed), r);
  cb_project_watch (r->project);
}

/* What the window does when the project file or the schemas folder
 * changes: the project is loaded again, and the old one dropped
 */
static void
reload_project (Reload *r)
{
  g_autoptr(GError) error = NULL;
  CbProject *next = cb_project_reload (r->project, &error);

  g_assert_no_error (error);
  g_assert_finalize_object (r->project);
  r->project = next;
  reload_watch (r);
}

static CbCheckpointModel *
checkpoints (Reload     *r,
             const char *name)
{
  return CB_CHECKPOINT_MODEL (cb_project_get_source (r->project, name));
}

/* Reloads after the change @r waits for, and asserts that the checkpoint
 * lists and the schema were taken over: no folder listed again
 */
static void
assert_reload_keeps (Reload            *r,
                     CbCheckpointModel *ckpt,
                     CbCheckpointModel *logs,
                     CbSchema          *schema,
                     const char        *schema_path)
{
  guint ckpt_listings = cb_checkpoint_model_get_n_listings (ckpt);
  guint logs_listings = cb_checkpoint_model_get_n_listings (logs);
  g_autoptr(CbSchema) again = NULL;

  reload_project (r);
  g_assert_true (checkpoints (r, "ckpt") == ckpt);
  g_assert_true (checkpoints (r, "logs") == logs);
  g_assert_cmpuint (cb_checkpoint_model_get_n_listings (ckpt), ==, ckpt_listings);
  g_assert_cmpuint (cb_checkpoint_model_get_n_listings (logs), ==, logs_listings);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (ckpt), ==, 1);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (logs), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ckpt)), ==, 1);
  g_assert_cmpuint (cb_project_get_n_config_reads (r->project), ==, 0);

  again = cb_project_load_schema (r->project, schema_path, NULL);
  g_assert_true (again == schema);
}

static const char reload_project_file[] =
  "name: %s\n"
  "sources:\n"
  "  ckpt: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"
  "  logs: {paths: \"outputs/*/logs/*.%s\"}\n"
  "  data: {stems: \"configs/*.yaml\"}\n";

static void
write_reload_project (const char *dir,
                      const char *name,
                      const char *log_extension)
{
  g_autofree char *text = g_strdup_printf (reload_project_file, name, log_extension);

  g_free (cb_test_write (dir, "cmdbuilder.yaml", text));
}

static void
test_project_reload (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *train = NULL;
  g_autofree char *extra = NULL;
  Reload r = { NULL };
  CbCheckpointModel *ckpt;
  CbCheckpointModel *logs;
  g_autoptr(CbSchema) schema = NULL;

  write_reload_project (dir, "First", "log");
  g_free (cb_test_write (dir, "outputs/a/checkpoints/epoch=1.ckpt", "x"));
  g_free (cb_test_write (dir, "outputs/a/logs/train.log", "x"));
  g_free (cb_test_write (dir, "configs/base.yaml", "a: 1\n"));
  train = cb_test_write (dir, "schemas/train.yaml",
                         "ui_elements:\n  - {key: c, type: selectbox, options_source: ckpt}\n");

  r.project = load (dir);
  reload_watch (&r);
  ckpt = checkpoints (&r, "ckpt");
  logs = checkpoints (&r, "logs");
  cb_test_wait_until (!cb_checkpoint_model_get_loading (ckpt) &&
                      !cb_checkpoint_model_get_loading (logs), 10);
  schema = cb_project_load_schema (r.project, train, NULL);
  g_assert_nonnull (schema);

  /* A schema added */
  extra = cb_test_write (dir, "schemas/test.yaml", "ui_elements: []\n");
  cb_test_wait_until (r.n_schema_changes > 0, 10);
  assert_reload_keeps (&r, ckpt, logs, schema, train);

  /* A schema removed */
  g_assert_cmpint (g_unlink (extra), ==, 0);
  cb_test_wait_until (r.n_schema_changes > 0, 10);
  assert_reload_keeps (&r, ckpt, logs, schema, train);

  /* The project file edited, its globs unchanged */
  write_reload_project (dir, "Second", "log");
  cb_test_wait_until (r.n_file_changes > 0, 10);
  assert_reload_keeps (&r, ckpt, logs, schema, train);
  g_assert_cmpstr (cb_project_get_name (r.project), ==, "Second");

  /* A changed glob gets a new list; the other is kept */
  write_reload_project (dir, "Second", "txt");
  cb_test_wait_until (r.n_file_changes > 0, 10);
  {
    guint ckpt_listings = cb_checkpoint_model_get_n_listings (ckpt);

    reload_project (&r);
    g_assert_true (checkpoints (&r, "ckpt") == ckpt);
    g_assert_cmpuint (cb_checkpoint_model_get_n_listings (ckpt), ==, ckpt_listings);
    g_assert_false (checkpoints (&r, "logs") == logs);
    logs = checkpoints (&r, "logs");
    g_assert_cmpuint (cb_checkpoint_model_get_n_scans (logs), ==, 1);
    cb_test_wait_until (!cb_checkpoint_model_get_loading (logs), 10);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (logs)), ==, 0);
  }

  /* The list taken over still follows its folders, for the new project */
  g_free (cb_test_write (dir, "outputs/b/checkpoints/epoch=2.ckpt", "x"));
  cb_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (ckpt)) == 2 && r.n_ckpt_changes > 0, 10);

  g_assert_finalize_object (r.project);
  cb_test_remove_tree (dir);
}

static void
test_project_outputs_inside (void)
{
  const char *refused[] = { "../elsewhere", "/tmp/elsewhere", "out/../../elsewhere" };
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autofree char *nested = g_build_filename (dir, "runs/out", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *text = g_strdup_printf ("name: x\noutputs: \"%s\"\n", refused[i]);
      g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml", text);
      g_autofree char *expected = g_strdup_printf ("%s:2:10: “outputs” must be a folder inside the "
                                                   "project folder, not “%s”", file, refused[i]);
      g_autoptr(CbProject) project = load (dir);

      g_assert_true (cb_test_diagnostics_contain (cb_project_get_diagnostics (project), expected));
      /* Nothing is written there: the default stands in */
      g_assert_cmpstr (cb_project_get_outputs_dir (project), ==, outputs);
    }

  {
    g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml", "outputs: runs/out\n");
    g_autoptr(CbProject) project = load (dir);

    g_assert_cmpuint (cb_project_get_diagnostics (project)->len, ==, 0);
    g_assert_cmpstr (cb_project_get_outputs_dir (project), ==, nested);
  }

  cb_test_remove_tree (dir);
}

static void
make_link (const char *target,
           const char *dir,
           const char *relative)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* Asserts that the private folder is refused, naming the link at fault */
static void
assert_private_dir_refused (CbProject  *project,
                            const char *link)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_project_ensure_private_dir (project, "runs", &error);
  g_autofree char *prefix = g_strdup_printf ("%s: the symbolic link leads ", link);

  g_assert_null (path);
  g_assert_error (error, CB_ERROR, CB_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s…”, got “%s”", prefix, error->message);
}

static void
test_project_private_dir (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *elsewhere = cb_test_make_tempdir ();
  g_autofree char *private_dir = g_build_filename (dir, "outputs", ".cmdbuilder", NULL);
  g_autofree char *runs = g_build_filename (private_dir, "runs", NULL);
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autofree char *path = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", ""));
  project = load (dir);

  /* Created where missing */
  path = cb_project_ensure_private_dir (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, private_dir);
  g_clear_pointer (&path, g_free);
  path = cb_project_ensure_private_dir (project, "runs", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, runs);
  g_assert_true (g_file_test (runs, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&path, g_free);

  /* outputs/.cmdbuilder as a link out of the project is not followed */
  cb_test_remove_tree (private_dir);
  make_link (elsewhere, dir, "outputs/.cmdbuilder");
  assert_private_dir_refused (project, private_dir);

  /* Nor one that climbs out, nor one that leads nowhere: mkdir() would
   * create its target
   */
  g_assert_cmpint (g_unlink (private_dir), ==, 0);
  make_link ("../..", dir, "outputs/.cmdbuilder");
  assert_private_dir_refused (project, private_dir);
  g_assert_cmpint (g_unlink (private_dir), ==, 0);
  {
    g_autofree char *missing = g_build_filename (elsewhere, "missing", NULL);

    make_link (missing, dir, "outputs/.cmdbuilder");
    path = cb_project_ensure_private_dir (project, "runs", &error);
    g_assert_null (path);
    g_assert_error (error, CB_ERROR, CB_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* Nor the outputs folder itself */
  cb_test_remove_tree (outputs);
  make_link (elsewhere, dir, "outputs");
  assert_private_dir_refused (project, outputs);

  /* Nothing was created out there */
  {
    g_autoptr(GDir) listing = g_dir_open (elsewhere, 0, NULL);

    g_assert_null (g_dir_read_name (listing));
  }

  /* A link that stays inside the project is fine */
  g_assert_cmpint (g_unlink (outputs), ==, 0);
  {
    g_autofree char *real = g_build_filename (dir, "real-outputs", NULL);
    g_autofree char *created = g_build_filename (real, ".cmdbuilder", "runs", NULL);

    g_assert_cmpint (g_mkdir (real, 0755), ==, 0);
    make_link ("real-outputs", dir, "outputs");
    path = cb_project_ensure_private_dir (project, "runs", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (path, ==, runs);
    g_assert_true (g_file_test (created, G_FILE_TEST_IS_DIR));
  }

  cb_test_remove_tree (dir);
  cb_test_remove_tree (elsewhere);
}

typedef struct
{
  CbFileWatch *watch;
  GHashTable  *seen;
  guint        n_calls;
  const char  *a, *b;
} WatchState;

static void
on_paths_changed (GPtrArray *paths,
                  gpointer   user_data)
{
  WatchState *state = user_data;

  state->n_calls++;
  for (guint i = 0; i < paths->len; i++)
    {
      /* Sorted, each once */
      if (i > 0)
        g_assert_cmpint (strcmp (g_ptr_array_index (paths, i - 1), g_ptr_array_index (paths, i)), <, 0);
      g_hash_table_add (state->seen, g_strdup (g_ptr_array_index (paths, i)));
    }

  /* The callback may free the watch. g_file_set_contents() writes a
   * temporary file first, which is seen too: wait for the two names.
   */
  if (g_hash_table_contains (state->seen, state->a) && g_hash_table_contains (state->seen, state->b))
    g_clear_pointer (&state->watch, cb_file_watch_free);
}

static void
test_file_watch (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *a = g_build_filename (dir, "a.yaml", NULL);
  g_autofree char *b = g_build_filename (dir, "b.yaml", NULL);
  WatchState state = { NULL, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0, a, b };

  state.watch = cb_file_watch_new (50, on_paths_changed, &state);
  g_assert_true (cb_file_watch_add (state.watch, dir, TRUE));
  g_assert_true (cb_file_watch_add (state.watch, dir, TRUE));

  g_file_set_contents (b, "b", -1, NULL);
  g_file_set_contents (a, "a", -1, NULL);
  cb_test_wait_until (state.watch == NULL, 10);
  g_assert_true (g_hash_table_contains (state.seen, a));
  g_assert_true (g_hash_table_contains (state.seen, b));
  g_assert_cmpuint (state.n_calls, >=, 1);

  g_hash_table_unref (state.seen);
  cb_test_remove_tree (dir);
}

static void
test_glob_stem (void)
{
  g_autofree char *a = cb_path_stem ("configs/data/base.yaml");
  g_autofree char *b = cb_path_stem ("x/.hidden");
  g_autofree char *c = cb_path_stem ("archive.tar.gz");

  g_assert_cmpstr (a, ==, "base");
  g_assert_cmpstr (b, ==, ".hidden");
  g_assert_cmpstr (c, ==, "archive.tar");
}

static void
test_project_localized_name (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(CbProject) english = NULL;
  g_autoptr(CbProject) korean = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", "name: Demo\nname[ko]: 데모\nname[de]: [not, a, text]\n"));
  g_setenv ("LANGUAGE", "en", TRUE);
  english = cb_project_load (dir, NULL);
  g_assert_cmpstr (cb_project_get_name (english), ==, "Demo");
  g_assert_cmpuint (cb_project_get_diagnostics (english)->len, ==, 0);

  /* A translation that is not a text is passed over */
  g_setenv ("LANGUAGE", "de:ko", TRUE);
  korean = cb_project_load (dir, NULL);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (cb_project_get_name (korean), ==, "데모");
  g_assert_cmpuint (cb_project_get_diagnostics (korean)->len, ==, 0);

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/defaults", test_project_defaults);
  g_test_add_func ("/project/file", test_project_file);
  g_test_add_func ("/project/metrics", test_project_metrics);
  g_test_add_func ("/project/localized-name", test_project_localized_name);
  g_test_add_func ("/project/missing", test_project_missing);
  g_test_add_func ("/project/bad-file", test_project_bad_file);
  g_test_add_func ("/project/bad-yaml", test_project_bad_yaml);
  g_test_add_func ("/project/sources", test_project_sources);
  g_test_add_func ("/project/metadata", test_project_metadata);
  g_test_add_func ("/project/unreadable", test_project_unreadable);
  g_test_add_func ("/project/schema-files", test_project_schema_files);
  g_test_add_func ("/project/pages-order", test_project_pages_order);
  g_test_add_func ("/project/index", test_project_index);
  g_test_add_func ("/project/schema-cache", test_project_schema_cache);
  g_test_add_func ("/project/reload", test_project_reload);
  g_test_add_func ("/project/outputs-inside", test_project_outputs_inside);
  g_test_add_func ("/project/private-dir", test_project_private_dir);
  g_test_add_func ("/file-watch", test_file_watch);
  g_test_add_func ("/glob/stem", test_glob_stem);

  return g_test_run ();
}
