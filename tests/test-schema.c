/* test-schema.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-option.h"
#include "cb-project.h"
#include "cb-schema.h"
#include "cb-test-util.h"

typedef struct
{
  char      *dir;
  CbProject *project;
} Fixture;

static const char project_file[] =
  "sources:\n"
  "  datasets: {values: [a, b]}\n"
  "metadata:\n"
  "  architecture: {glob: \"meta/*.yaml\", root: ui}\n"
  "  optimizer: {glob: \"opt/*.yaml\", root: ui}\n"
  "  profiles: {file: \"profiles.yaml\", root: profiles}\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = cb_test_make_tempdir ();
  path = cb_test_write (f->dir, "cmdbuilder.yaml", project_file);
  f->project = cb_project_load (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static CbSchema *
load_schema (Fixture    *f,
             const char *name,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_test_write (f->dir, name, text);
  CbSchema *schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);

  g_assert_no_error (error);
  g_assert_nonnull (schema);
  return schema;
}

/* Asserts a diagnostic `<dir>/<name>:<location>: <message…>` */
static void
assert_diagnostic (Fixture    *f,
                   CbSchema   *schema,
                   const char *name,
                   const char *location_and_message)
{
  g_autofree char *expected = g_strdup_printf ("%s/%s:%s", f->dir, name, location_and_message);
  GPtrArray *diagnostics = cb_schema_get_diagnostics (schema);

  if (!cb_test_diagnostics_contain (diagnostics, expected))
    {
      g_autofree char *all = cb_test_diagnostics_to_string (diagnostics);

      g_error ("expected “%s” among:\n%s", expected, all);
    }
}

/* A schema's `metrics:` is its own, with its problems located; merged
 * with the project's, the schema's keys win one by one
 */
static void
test_schema_metrics (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "schemas/train.yaml",
    "metrics:\n"
    "  show: [val_hmean, loss]\n"
    "ui_elements:\n"
    "  - {key: seed, type: number_input, hydra_override: seed}\n");
  g_autoptr(CbSchema) off = load_schema (f, "schemas/predict.yaml",
    "metrics: false\n"
    "ui_elements:\n"
    "  - {key: seed, type: number_input, hydra_override: seed}\n");
  g_autoptr(CbSchema) bad = load_schema (f, "schemas/bad.yaml",
    "metrics:\n"
    "  pattern: 'no groups here'\n"
    "  ignore: [loss, {a: 1}]\n"
    "ui_elements:\n"
    "  - {key: seed, type: number_input, hydra_override: seed}\n");
  g_autoptr(CbSchema) plain = load_schema (f, "schemas/plain.yaml",
    "ui_elements:\n"
    "  - {key: seed, type: number_input, hydra_override: seed}\n");
  g_autoptr(CbNode) project_node = NULL;
  g_autoptr(CbMetricsConfig) project = NULL;
  g_autoptr(CbMetricsConfig) merged = NULL;
  g_autoptr(CbMetricsConfig) merged_off = NULL;
  g_autoptr(CbMetricsConfig) merged_plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (cb_schema_get_diagnostics (schema)->len, ==, 0);
  g_assert_cmpuint (cb_schema_get_diagnostics (off)->len, ==, 0);
  g_assert_false (cb_metrics_config_get_enabled (cb_schema_get_metrics_config (off)));
  g_assert_true (cb_metrics_config_get_enabled (cb_schema_get_metrics_config (plain)));
  assert_diagnostic (f, bad, "schemas/bad.yaml",
                     "2:12: “pattern” is not a usable regular expression: it names no metric");
  assert_diagnostic (f, bad, "schemas/bad.yaml", "3:18: the items of “ignore” must be metric names");
  g_assert_true (cb_schema_has_errors (bad));

  project_node = cb_yaml_load_data ("show: [loss]\n"
                                    "pattern: 'it (?<step>\\d+): (?<name>\\w+) is (?<value>[0-9.]+)'\n",
                                    -1, "cmdbuilder.yaml", &error);
  g_assert_no_error (error);
  project = cb_metrics_config_load (project_node, NULL);

  /* The schema's `show`, the project's `pattern` */
  merged = cb_metrics_config_merge (project, cb_schema_get_metrics_config (schema));
  g_assert_cmpstr (cb_metrics_config_get_show (merged)[0], ==, "val_hmean");
  g_assert_nonnull (cb_metrics_config_get_pattern (merged));
  g_assert_true (cb_metrics_config_get_enabled (merged));
  merged_off = cb_metrics_config_merge (project, cb_schema_get_metrics_config (off));
  g_assert_false (cb_metrics_config_get_enabled (merged_off));
  merged_plain = cb_metrics_config_merge (project, cb_schema_get_metrics_config (plain));
  g_assert_true (cb_metrics_config_equal (merged_plain, project));
  g_assert_false (cb_metrics_config_equal (merged, project));
}

static void
test_schema_basic (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "schemas/command_builder_train.yaml",
    "title: Training\n"
    "constant_overrides: [a=1]\n"
    "ui_elements:\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    label: Name\n"
    "    default: x\n"
    "    hydra_override: exp\n"
    "  - key: size\n"
    "    type: slider\n"
    "    min_value: 1\n"
    "    max_value: 64\n"
    "    default: 4\n"
    "    step: 1\n"
    "    hydra_override: [a.size, b.size]\n"
    "  - key: lr\n"
    "    type: slider\n"
    "    min_value: 1.0e-5\n"
    "    max_value: 1.0e-2\n"
    "    default: 1.0e-3\n"
    "    format: '%.1e'\n"
    "  - key: precision\n"
    "    type: selectbox\n"
    "    options: ['32', bf16, {label: Mixed, value: 16-mixed}]\n"
    "  - key: data\n"
    "    type: selectbox\n"
    "    options_source: datasets\n"
    "  - key: folder\n"
    "    type: path\n"
    "    mode: folder\n");
  CbField *name, *size, *lr, *precision, *folder;
  g_autoptr(CbOption) mixed = NULL;

  g_assert_false (cb_schema_has_errors (schema));
  g_assert_cmpuint (cb_schema_get_diagnostics (schema)->len, ==, 0);
  g_assert_cmpstr (cb_schema_get_id (schema), ==, "train");
  g_assert_cmpstr (cb_schema_get_label (schema), ==, "Train");
  g_assert_cmpstr (cb_schema_get_title (schema), ==, "Training");
  g_assert_cmpuint (cb_schema_get_n_fields (schema), ==, 6);

  name = cb_schema_lookup_field (schema, "name");
  g_assert_cmpint (name->type, ==, CB_FIELD_TEXT);
  g_assert_cmpstr (name->label, ==, "Name");
  g_assert_cmpstr (g_variant_get_string (name->default_value, NULL), ==, "x");
  g_assert_cmpstr (name->targets[0], ==, "exp");
  g_assert_cmpuint (name->line, ==, 4);

  size = cb_schema_lookup_field (schema, "size");
  g_assert_true (size->integer);
  g_assert_cmpuint (g_strv_length (size->targets), ==, 2);
  g_assert_cmpint (g_variant_get_int64 (size->default_value), ==, 4);

  lr = cb_schema_lookup_field (schema, "lr");
  g_assert_false (lr->integer);
  g_assert_cmpfloat (g_variant_get_double (lr->default_value), ==, 1e-3);
  g_assert_null (lr->targets);

  precision = cb_schema_lookup_field (schema, "precision");
  g_assert_cmpuint (g_list_model_get_n_items (precision->options), ==, 3);
  mixed = g_list_model_get_item (precision->options, 2);
  g_assert_cmpstr (cb_option_get_value (mixed), ==, "16-mixed");
  g_assert_cmpstr (cb_option_get_label (mixed), ==, "Mixed");
  /* A select without a default stays empty */
  g_assert_null (precision->default_value);

  folder = cb_schema_lookup_field (schema, "folder");
  g_assert_cmpint (folder->path_mode, ==, CB_PATH_FOLDER);
  g_assert_cmpstr (cb_schema_lookup_field (schema, "size")->label, ==, "size");
}

static void
test_schema_id (void)
{
  g_autofree char *a = cb_schema_id_from_path ("/x/command_builder_train.yaml");
  g_autofree char *b = cb_schema_id_from_path ("/x/2-test.yml");
  g_autofree char *c = cb_schema_id_from_path ("command_builder_.yaml");

  g_assert_cmpstr (a, ==, "train");
  g_assert_cmpstr (b, ==, "2-test");
  g_assert_cmpstr (c, ==, "command_builder_");
}

static void
test_schema_unknown_type_and_keys (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "title: T\n"
    "colour: blue\n"
    "ui_elements:\n"
    "  - key: a\n"
    "    type: fancy_widget\n"
    "  - key: b\n"
    "    type: checkbox\n"
    "    tooltip: nope\n"
    "    validation: {required: true, maybe: 1}\n");

  /* Warnings: the rest of the schema stays usable */
  g_assert_false (cb_schema_has_errors (schema));
  assert_diagnostic (f, schema, "s.yaml", "2:1: warning: unknown key “colour” in the schema");
  assert_diagnostic (f, schema, "s.yaml", "5:11: warning: unknown element type “fancy_widget”");
  assert_diagnostic (f, schema, "s.yaml", "8:5: warning: unknown key “tooltip” in an element");
  assert_diagnostic (f, schema, "s.yaml", "9:34: warning: unknown key “maybe” in validation");
  g_assert_cmpuint (cb_schema_get_n_fields (schema), ==, 1);
  g_assert_nonnull (cb_schema_lookup_field (schema, "b"));
}

static void
test_schema_wrong_types (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "title: [not, text]\n"
    "ui_elements:\n"
    "  - key: a\n"
    "    type: slider\n"
    "    min_value: low\n"
    "  - key: b\n"
    "    type: checkbox\n"
    "    default: maybe\n"
    "  - key: c\n"
    "    type: text_input\n"
    "    validation: {required: sometimes, range: [2]}\n"
    "  - key: d\n"
    "    type: selectbox\n"
    "    options: {a: 1}\n"
    "  - just a string\n"
    "  - type: checkbox\n"
    "  - key: e\n");

  g_assert_true (cb_schema_has_errors (schema));
  assert_diagnostic (f, schema, "s.yaml", "1:8: “title” must be a value, not a list");
  assert_diagnostic (f, schema, "s.yaml", "5:16: “min_value” must be a number, not “low”");
  assert_diagnostic (f, schema, "s.yaml", "8:14: the default of “b” does not fit a field of type checkbox");
  assert_diagnostic (f, schema, "s.yaml", "11:28: “required” must be true or false");
  assert_diagnostic (f, schema, "s.yaml", "11:46: “range” must be a list of two numbers");
  assert_diagnostic (f, schema, "s.yaml", "14:14: “options” must be a list, not a mapping");
  assert_diagnostic (f, schema, "s.yaml", "15:5: each element of “ui_elements” must be a mapping");
  assert_diagnostic (f, schema, "s.yaml", "16:5: the element has no “key”");
  assert_diagnostic (f, schema, "s.yaml", "17:5: the element “e” has no “type”");
}

static void
test_schema_duplicate_keys (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "ui_elements:\n"
    "  - key: a\n"
    "    type: checkbox\n"
    "  - key: a\n"
    "    type: text_input\n");

  g_assert_true (cb_schema_has_errors (schema));
  assert_diagnostic (f, schema, "s.yaml", "4:10: the key “a” is already used by the element at line 2");
}

/* The element left out for its key had expressions: they went with it,
 * and are neither read (they were freed: a crash) nor checked
 */
static void
test_schema_duplicate_key_with_expressions (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "ui_elements:\n"
    "  - key: a\n"
    "    type: checkbox\n"
    "  - key: a\n"
    "    type: checkbox\n"
    "    visible_if: \"a\"\n"
    "  - key: b\n"
    "    type: text_input\n"
    "    visible_if: \"a and nothere\"\n"
    "    emit_if: \"a\"\n"
    "  - key: b\n"
    "    type: text_input\n"
    "    validation: {required_if: \"gone\"}\n"
    "    suffix: {parts: [a], when: \"also_gone\"}\n");
  g_autofree char *all = cb_test_diagnostics_to_string (cb_schema_get_diagnostics (schema));

  g_assert_cmpuint (cb_schema_get_n_fields (schema), ==, 2);
  assert_diagnostic (f, schema, "s.yaml", "4:10: the key “a” is already used by the element at line 2");
  assert_diagnostic (f, schema, "s.yaml", "11:10: the key “b” is already used by the element at line 7");
  /* The expressions of the fields kept are checked */
  assert_diagnostic (f, schema, "s.yaml", "9:24: in “visible_if” of “b”: unknown key “nothere”");
  g_assert_null (strstr (all, "gone"));
  g_assert_cmpuint (cb_schema_get_diagnostics (schema)->len, ==, 3);
}

static void
test_schema_expressions (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "ui_elements:\n"
    "  - key: a\n"
    "    type: checkbox\n"
    "  - key: b\n"
    "    type: text_input\n"
    "    visible_if: \"a = true\"\n"
    "  - key: c\n"
    "    type: text_input\n"
    "    visible_if: a == true and nothere\n"
    "    validation: {required_if: \"a or\"}\n"
    "  - key: d\n"
    "    type: text_input\n"
    "    emit_if: \"d != ''\"\n"
    "    suffix: {parts: [a, ghost], when: \"a\"}\n"
    "  - key: e\n"
    "    type: selectbox\n"
    "    options_source: datasets\n"
    "    model_fields: [a, phantom]\n"
    "  - key: f\n"
    "    type: text_input\n"
    "    model_fields: [a]\n");

  g_assert_true (cb_schema_has_errors (schema));
  /* The column points into the expression, past the opening quote */
  assert_diagnostic (f, schema, "s.yaml", "6:20: in “visible_if”: unexpected “=”; use “==” to compare");
  assert_diagnostic (f, schema, "s.yaml", "9:31: in “visible_if” of “c”: unknown key “nothere”");
  assert_diagnostic (f, schema, "s.yaml", "10:36: in “required_if”: expected a key or a value");
  assert_diagnostic (f, schema, "s.yaml", "11:5: “suffix” of “d” names “ghost”, which is not a field");
  /* The fields that describe a checkpoint's model */
  assert_diagnostic (f, schema, "s.yaml", "15:5: “model_fields” of “e” names “phantom”, which is not a field");
  assert_diagnostic (f, schema, "s.yaml", "21:19: warning: “model_fields” applies to selectbox fields over a");
  g_assert_false (cb_test_diagnostics_contain (cb_schema_get_diagnostics (schema), "18:19"));
  g_assert_false (cb_test_diagnostics_contain (cb_schema_get_diagnostics (schema), "emit_if"));
}

static void
test_schema_project_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "ui_elements:\n"
    "  - key: a\n"
    "    type: selectbox\n"
    "    options_source: models.nothing\n"
    "  - key: b\n"
    "    type: selectbox\n"
    "    options: [x]\n"
    "    extra_overrides: {metadata: missing_set, key: overrides}\n"
    "  - key: c\n"
    "    type: selectbox\n"
    "    options_source: datasets\n"
    "    extra_overrides: {metadata: profiles, key: overrides}\n"
    "  - key: d\n"
    "    type: text_input\n"
    "    metadata_default_key: default_d\n");

  g_assert_true (cb_schema_has_errors (schema));
  assert_diagnostic (f, schema, "s.yaml", "4:21: the project defines no options source “models.nothing”");
  assert_diagnostic (f, schema, "s.yaml", "8:33: the project defines no metadata set “missing_set”");
  /* d reads the architecture entry, but there is no field “architecture” */
  assert_diagnostic (f, schema, "s.yaml", "13:5: “architecture_key” of “d” names “architecture”");
  g_assert_false (cb_test_diagnostics_contain (cb_schema_get_diagnostics (schema), "“profiles”"));
}

static void
test_schema_bad_regex (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "ui_elements:\n"
    "  - key: a\n"
    "    type: text_input\n"
    "    validation:\n"
    "      pattern: \"([a-z\"\n");

  g_assert_true (cb_schema_has_errors (schema));
  assert_diagnostic (f, schema, "s.yaml", "5:16: “pattern” is not a valid regular expression");
}

static void
assert_load_fails (Fixture    *f,
                   const char *text,
                   int         code,
                   const char *location_and_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_test_write (f->dir, "bad.yaml", text);
  g_autoptr(CbSchema) schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);
  g_autofree char *expected = g_strdup_printf ("%s:%s", path, location_and_message);

  g_assert_null (schema);
  g_assert_error (error, CB_ERROR, code);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s”, got “%s”", expected, error->message);
}

static void
test_schema_bad_files (Fixture       *f,
                       gconstpointer  data)
{
  assert_load_fails (f, "", CB_ERROR_INVALID, "1:1: the schema is empty");
  assert_load_fails (f, "- a\n- b\n", CB_ERROR_INVALID, "1:1: a schema must be a mapping");
  assert_load_fails (f, "title: [x\n", CB_ERROR_PARSE, "2:1: YAML syntax error");
  assert_load_fails (f, "title: caf\xe9\n", CB_ERROR_PARSE, "1:11: the file is not valid UTF-8");
}

static void
test_schema_reads_project_layout (void)
{
  g_autofree char *dir = cb_test_fixture ("ocr-like");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_load (dir, &error);
  g_auto(GStrv) files = NULL;

  g_assert_no_error (error);
  files = cb_project_list_schema_files (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 2);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(CbSchema) schema = cb_schema_load (files[i], CB_NAME_LOOKUP (project), &error);
      g_autofree char *all = NULL;

      g_assert_no_error (error);
      all = cb_test_diagnostics_to_string (cb_schema_get_diagnostics (schema));
      g_assert_cmpstr (all, ==, "");
    }
}

static const char localized_schema[] =
  "title: Train\n"
  "title[ko]: 학습\n"
  "ui_elements:\n"
  "  - key: epochs\n"
  "    type: number_input\n"
  "    label: Epochs\n"
  "    label[ko]: 에포크\n"
  "    label[xx]: ignored\n"
  "    help: How long\n"
  "    default: 3\n"
  "  - key: mode\n"
  "    type: selectbox\n"
  "    label: Mode\n"
  "    options:\n"
  "      - {value: fast, label: Fast, \"label[ko]\": 빠르게}\n"
  "      - slow\n"
  "    default: fast\n"
  "    key[ko]: not a text key\n";

static void
test_schema_localized (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(CbSchema) english = NULL;
  g_autoptr(CbSchema) korean = NULL;
  g_autoptr(CbOption) option = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  english = load_schema (f, "schemas/en.yaml", localized_schema);
  g_assert_cmpstr (cb_schema_get_title (english), ==, "Train");
  g_assert_cmpstr (cb_schema_lookup_field (english, "epochs")->label, ==, "Epochs");

  /* The user's language picks `key[LANG]` where there is one */
  g_setenv ("LANGUAGE", "ko", TRUE);
  korean = load_schema (f, "schemas/ko.yaml", localized_schema);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_assert_cmpstr (cb_schema_get_title (korean), ==, "학습");
  g_assert_cmpstr (cb_schema_lookup_field (korean, "epochs")->label, ==, "에포크");
  g_assert_cmpstr (cb_schema_lookup_field (korean, "epochs")->help, ==, "How long");
  option = g_list_model_get_item (cb_schema_lookup_field (korean, "mode")->options, 0);
  g_assert_cmpstr (cb_option_get_label (option), ==, "빠르게");

  /* Only texts are translated: `key[ko]` is an unknown key */
  assert_diagnostic (f, korean, "schemas/ko.yaml", "18:5: warning: unknown key “key[ko]”");
  g_assert_cmpuint (cb_schema_get_diagnostics (korean)->len, ==, 1);
}

/* What the form would refuse when it builds a command is said when the
 * schema loads: numbers beyond a double, and defaults the field cannot hold
 */
static void
test_schema_impossible_numbers_and_defaults (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(CbSchema) schema = load_schema (f, "s.yaml",
    "ui_elements:\n"
    "  - key: huge\n"
    "    type: number_input\n"
    "    default: 1e400\n"
    "  - key: nan\n"
    "    type: number_input\n"
    "    min_value: -1e999\n"
    "    default: .nan\n"
    "  - key: slider\n"
    "    type: slider\n"
    "    min_value: 0\n"
    "    max_value: 10\n"
    "    default: 20\n"
    "  - key: low\n"
    "    type: number_input\n"
    "    default: 0.5\n"
    "    max_value: 100\n"
    "    validation: {min: 1, range: [0, .inf]}\n"
    "  - key: high\n"
    "    type: number_input\n"
    "    default: 8\n"
    "    max_value: 10\n"
    "    validation: {max: 5, min_length: 1e300}\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    default: \"My Run\"\n"
    "    validation: {pattern: \"[a-z_]+\"}\n"
    "  - key: short\n"
    "    type: text_input\n"
    "    default: abcdef\n"
    "    validation: {max_length: 3}\n"
    "  - key: fine\n"
    "    type: slider\n"
    "    min_value: 1.0e-5\n"
    "    max_value: 1.0e-2\n"
    "    default: 1.0e-3\n"
    "  - key: empty\n"
    "    type: text_input\n"
    "    default: \"\"\n"
    "    validation: {pattern: \"[a-z_]+\", min_length: 2}\n");
  const char *expected[] = {
    "4:14: “default” must be a finite number, between about -1.8e308 and 1.8e308, not “1e400”",
    "7:16: “min_value” must be a finite number, between about -1.8e308 and 1.8e308, not “-1e999”",
    "8:14: “default” must be a finite number, between about -1.8e308 and 1.8e308, not “.nan”",
    "13:14: the default of “slider”, 20, is not between 0 and 10",
    "18:37: “range” must be a finite number, between about -1.8e308 and 1.8e308, not “.inf”",
    "16:14: the default of “low”, 0.5, is not between 1 and 100",
    "23:38: “min_length” must be a whole number from 0 to 2147483647, not “1e300”",
    "21:14: the default of “high”, 8, is more than its maximum, 5",
    "26:14: the default of “name”, “My Run”, does not match its “pattern”",
    "30:14: the default of “short” has 6 characters, which its “validation” does not allow",
  };
  GPtrArray *diagnostics = cb_schema_get_diagnostics (schema);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_diagnostic (f, schema, "s.yaml", expected[i]);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));

  /* An impossible number is no default at all */
  g_assert_null (cb_schema_lookup_field (schema, "huge")->default_value);
  g_assert_null (cb_schema_lookup_field (schema, "nan")->default_value);
}

/* Any names lookup will do: the schema does not need a project */
#define TEST_TYPE_NAMES (test_names_get_type ())
G_DECLARE_FINAL_TYPE (TestNames, test_names, TEST, NAMES, GObject)

struct _TestNames
{
  GObject parent_instance;
  guint   n_questions;
};

static gboolean
test_names_has_source (CbNameLookup *lookup,
                       const char   *name)
{
  TEST_NAMES (lookup)->n_questions++;
  return g_strcmp0 (name, "checkpoints") == 0;
}

static gboolean
test_names_source_is_paths (CbNameLookup *lookup,
                            const char   *name)
{
  TEST_NAMES (lookup)->n_questions++;
  return g_strcmp0 (name, "checkpoints") == 0;
}

static gboolean
test_names_has_metadata_set (CbNameLookup *lookup,
                             const char   *name)
{
  TEST_NAMES (lookup)->n_questions++;
  return FALSE;
}

static void
test_names_lookup_init (CbNameLookupInterface *iface)
{
  iface->has_source = test_names_has_source;
  iface->source_is_paths = test_names_source_is_paths;
  iface->has_metadata_set = test_names_has_metadata_set;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNames, test_names, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_NAME_LOOKUP, test_names_lookup_init))

static void
test_names_class_init (TestNamesClass *klass)
{
}

static void
test_names_init (TestNames *self)
{
}

static void
test_schema_names_lookup (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TestNames) names = g_object_new (TEST_TYPE_NAMES, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_test_write (f->dir, "s.yaml",
    "ui_elements:\n"
    "  - key: ckpt\n"
    "    type: selectbox\n"
    "    options_source: checkpoints\n"
    "  - key: data\n"
    "    type: selectbox\n"
    "    options_source: datasets\n"
    "    extra_overrides: {metadata: profiles, key: overrides}\n");
  g_autoptr(CbSchema) checked = cb_schema_load (path, CB_NAME_LOOKUP (names), &error);
  g_autoptr(CbSchema) unchecked = NULL;

  /* The names are the lookup's, not the project's: “datasets” and
   * “profiles” exist in the fixture's project only
   */
  g_assert_no_error (error);
  g_assert_cmpuint (names->n_questions, ==, 3);
  assert_diagnostic (f, checked, "s.yaml", "7:21: the project defines no options source “datasets”");
  assert_diagnostic (f, checked, "s.yaml", "8:33: the project defines no metadata set “profiles”");
  g_assert_cmpuint (cb_schema_get_diagnostics (checked)->len, ==, 2);

  /* Without a lookup, names are not checked */
  unchecked = cb_schema_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_schema_get_diagnostics (unchecked)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/schema/basic", test_schema_basic);
  ADD ("/schema/unknown-type-and-keys", test_schema_unknown_type_and_keys);
  ADD ("/schema/wrong-types", test_schema_wrong_types);
  ADD ("/schema/duplicate-keys", test_schema_duplicate_keys);
  ADD ("/schema/duplicate-key-with-expressions", test_schema_duplicate_key_with_expressions);
  ADD ("/schema/expressions", test_schema_expressions);
  ADD ("/schema/project-names", test_schema_project_names);
  ADD ("/schema/names-lookup", test_schema_names_lookup);
  ADD ("/schema/bad-regex", test_schema_bad_regex);
  ADD ("/schema/impossible-numbers-and-defaults", test_schema_impossible_numbers_and_defaults);
  ADD ("/schema/bad-files", test_schema_bad_files);
  ADD ("/schema/localized", test_schema_localized);
  ADD ("/schema/metrics", test_schema_metrics);
#undef ADD
  g_test_add_func ("/schema/id", test_schema_id);
  g_test_add_func ("/schema/project-layout", test_schema_reads_project_layout);

  return g_test_run ();
}
