/* test-form-command.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-form.h"
#include "cb-sweep.h"
#include "cb-test-util.h"

/* What a form writes: operations, empty fields, defaults left to the
 * config, lists, interpolations, sweeps and the multirun flag
 */

typedef struct
{
  char      *dir;
  CbProject *project;
  CbSchema  *schema;
  CbForm    *form;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", data ? data : "runner: [run]\n"));
  f->project = cb_project_load (f->dir, NULL);
  g_assert_nonnull (f->project);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->form);
  g_clear_object (&f->schema);
  g_clear_object (&f->project);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static CbForm *
make_form (Fixture    *f,
           const char *schema_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_test_write (f->dir, "schemas/page.yaml", schema_text);
  g_autofree char *problems = NULL;

  g_clear_object (&f->form);
  g_clear_object (&f->schema);
  f->schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);
  g_assert_no_error (error);
  problems = cb_test_diagnostics_to_string (cb_schema_get_diagnostics (f->schema));
  g_assert_cmpstr (problems, ==, "");

  f->form = cb_form_new (f->project, f->schema);
  return f->form;
}

#define assert_overrides(f, text) G_STMT_START { \
    g_autofree char *_o = g_strjoinv (" ", (char **)cb_form_get_overrides ((f)->form)); \
    g_assert_cmpstr (_o, ==, text); \
  } G_STMT_END

#define assert_argv(f, text) G_STMT_START { \
    g_autofree char *_a = g_strjoinv (" ", (char **)cb_form_get_argv ((f)->form)); \
    g_assert_cmpstr (_a, ==, text); \
  } G_STMT_END

static char *
messages_text (Fixture *f)
{
  GPtrArray *messages = cb_form_get_messages (f->form);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (out, "%s%s", out->len ? "\n" : "",
                            ((CbFormMessage *)g_ptr_array_index (messages, i))->message);

  return g_string_free (out, FALSE);
}

#define assert_messages(f, text) G_STMT_START { \
    g_autofree char *_m = messages_text (f); \
    g_assert_cmpstr (_m, ==, text); \
  } G_STMT_END

static gboolean
set (Fixture    *f,
     const char *key,
     GVariant   *value)
{
  return cb_form_set_value (f->form, key, value);
}

/* Parses @text as --set does, or as --sweep does */
static void
set_parsed (Fixture    *f,
            const char *key,
            const char *text,
            gboolean    sweep)
{
  g_autoptr(GError) error = NULL;
  CbField *field = cb_schema_lookup_field (f->schema, key);
  g_autoptr(GVariant) value = sweep ? cb_field_parse_sweep (field, text, &error)
                                    : cb_field_parse_value (field, text, &error);

  g_assert_no_error (error);
  g_assert_true (cb_form_set_value (f->form, key, value));
}

#define set_text(f, key, text) set_parsed (f, key, text, FALSE)
#define set_sweep(f, key, text) set_parsed (f, key, text, TRUE)

static void
test_operations (Fixture       *f,
                 gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: experiment\n"
    "    type: selectbox\n"
    "    options: [\"\", fast, slow]\n"
    "    default: \"\"\n"
    "    operation: add\n"
    "    hydra_override: experiment\n"
    "  - key: deterministic\n"
    "    type: checkbox\n"
    "    operation: force_add\n"
    "    emit_if: deterministic\n"
    "    hydra_override: trainer.deterministic\n"
    "  - key: no_logger\n"
    "    type: checkbox\n"
    "    operation: delete\n"
    "    hydra_override: [logger, callbacks.wandb]\n"
    "  - key: drop_tag\n"
    "    type: text_input\n"
    "    operation: delete\n"
    "    hydra_override: tags.first\n");

  /* An unticked delete writes nothing; empty texts nothing */
  assert_overrides (f, "");

  set (f, "experiment", g_variant_new_string ("fast"));
  set (f, "deterministic", g_variant_new_boolean (TRUE));
  set (f, "no_logger", g_variant_new_boolean (TRUE));
  set (f, "drop_tag", g_variant_new_string ("night run"));
  assert_overrides (f, "+experiment=fast ++trainer.deterministic=true ~logger ~callbacks.wandb "
                       "~tags.first=\"night run\"");
}

static void
test_when_empty (Fixture       *f,
                 gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: ckpt\n"
    "    type: path\n"
    "    when_empty: \"null\"\n"
    "    hydra_override: ckpt_path\n"
    "  - key: clip\n"
    "    type: number_input\n"
    "    min_value: 0.0\n"
    "    when_empty: \"null\"\n"
    "    hydra_override: trainer.gradient_clip_val\n"
    "  - key: note\n"
    "    type: text_input\n"
    "    when_empty: empty\n"
    "    hydra_override: note\n"
    "  - key: tags\n"
    "    type: list_input\n"
    "    when_empty: empty\n"
    "    hydra_override: tags\n"
    "  - key: augment\n"
    "    type: multiselect\n"
    "    options: [flip, blur]\n"
    "    default: [flip]\n"
    "    when_empty: empty\n"
    "    hydra_override: augment\n"
    "  - key: skipped\n"
    "    type: text_input\n"
    "    hydra_override: skipped\n");

  assert_overrides (f, "ckpt_path=null trainer.gradient_clip_val=null note=\"\" tags=[] augment=[flip]");

  g_assert_true (set (f, "ckpt", g_variant_new_string ("a b.ckpt")));
  g_assert_true (set (f, "clip", g_variant_new_double (0.5)));
  g_assert_true (set (f, "augment", g_variant_new_strv (NULL, 0)));
  assert_overrides (f, "ckpt_path=\"a b.ckpt\" trainer.gradient_clip_val=0.5 note=\"\" tags=[] augment=[]");
}

/* `emit_defaults`: a value at its default is left to the config, always
 * or while an expression holds (an experiment config chosen)
 */
static void
test_emit_defaults (Fixture       *f,
                    gconstpointer  data)
{
  make_form (f,
    "emit_defaults: \"experiment == ''\"\n"
    "ui_elements:\n"
    "  - key: experiment\n"
    "    type: selectbox\n"
    "    options: [\"\", example]\n"
    "    default: \"\"\n"
    "    hydra_override: experiment\n"
    "  - key: lr\n"
    "    type: number_input\n"
    "    default: 0.001\n"
    "    hydra_override: model.optimizer.lr\n"
    "  - key: batch\n"
    "    type: number_input\n"
    "    default: 64\n"
    "    hydra_override: data.batch_size\n"
    "  - key: seed\n"
    "    type: number_input\n"
    "    default: 12345\n"
    "    emit_defaults: true\n"
    "    hydra_override: seed\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    default: run\n"
    "    emit_defaults: false\n"
    "    hydra_override: task_name\n");

  assert_overrides (f, "model.optimizer.lr=0.001 data.batch_size=64 seed=12345");

  /* The experiment's values win over the form's defaults */
  set (f, "experiment", g_variant_new_string ("example"));
  assert_overrides (f, "experiment=example seed=12345");

  /* What the user changes is written */
  set (f, "batch", g_variant_new_int64 (128));
  set (f, "name", g_variant_new_string ("mine"));
  assert_overrides (f, "experiment=example data.batch_size=128 seed=12345 task_name=mine");

  /* Set back to its default, a value is left to the config again */
  set (f, "batch", g_variant_new_int64 (64));
  assert_overrides (f, "experiment=example seed=12345 task_name=mine");
}

/* The default a value is compared with is the schema's, the one the
 * config holds: a default from metadata is the form's choice, and written
 */
static void
test_emit_defaults_metadata (Fixture       *f,
                             gconstpointer  data)
{
  g_free (cb_test_write (f->dir, "meta/beta.yaml", "ui: {default_optimizer: sgd}\n"));
  make_form (f,
    "emit_defaults: false\n"
    "ui_elements:\n"
    "  - key: architecture\n"
    "    type: selectbox\n"
    "    options: [alpha, beta]\n"
    "    default: alpha\n"
    "    hydra_override: arch\n"
    "  - key: optimizer\n"
    "    type: selectbox\n"
    "    options: [adam, sgd]\n"
    "    default: adam\n"
    "    metadata_default_key: default_optimizer\n"
    "    hydra_override: model/optimizer\n");

  assert_overrides (f, "");
  set (f, "architecture", g_variant_new_string ("beta"));
  assert_overrides (f, "arch=beta model/optimizer=sgd");
}

static void
test_list_input (Fixture       *f,
                 gconstpointer  data)
{
  CbField *field;
  g_autofree char *text = NULL;

  make_form (f,
    "ui_elements:\n"
    "  - key: tags\n"
    "    type: list_input\n"
    "    default: [dev, \"night shift\"]\n"
    "    hydra_override: tags\n"
    "    validation:\n"
    "      max_length: 3\n"
    "      pattern: \"[^#]*\"\n");

  assert_overrides (f, "tags=[dev,\"night shift\"]");

  set_text (f, "tags", "true, 123, a\\,b, \xec\x98\x81, ${x}");
  assert_overrides (f, "tags=[\"true\",\"123\",\"a,b\",\"\xec\x98\x81\",\"\\${x}\"]");
  assert_messages (f, "tags takes at most 3 values.");

  /* The text of the value reads back as the same list */
  field = cb_schema_lookup_field (f->schema, "tags");
  text = cb_field_value_to_text (field, cb_form_get_value (f->form, field->index));
  g_assert_cmpstr (text, ==, "true, 123, a\\,b, \xec\x98\x81, ${x}");

  set_text (f, "tags", "a#b");
  assert_messages (f, "tags: “a#b” does not have the expected form.");

  set_text (f, "tags", "");
  assert_overrides (f, "");
}

static void
test_interpolation (Fixture       *f,
                    gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: pipeline\n"
    "    type: text_input\n"
    "    interpolation: true\n"
    "    default: \"${preprocessing.train}\"\n"
    "    hydra_override: transforms.train\n"
    "  - key: label\n"
    "    type: text_input\n"
    "    default: \"${not.this}\"\n"
    "    hydra_override: label\n"
    "  - key: precision\n"
    "    type: selectbox\n"
    "    options: [\"32\", bf16-mixed, \"null\"]\n"
    "    default: \"32\"\n"
    "    hydra_override: trainer.precision\n");

  /* Options keep Hydra's spelling: 32 is the number Hydra's configs use */
  assert_overrides (f, "transforms.train=\"${preprocessing.train}\" label=\"\\${not.this}\" "
                       "trainer.precision=32");
}

static void
test_sweeps (Fixture       *f,
             gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: seed\n"
    "    type: number_input\n"
    "    default: 42\n"
    "    min_value: 0\n"
    "    sweep: true\n"
    "    hydra_override: seed\n"
    "  - key: lr\n"
    "    type: slider\n"
    "    min_value: 0.0001\n"
    "    max_value: 0.1\n"
    "    default: 0.001\n"
    "    sweep: true\n"
    "    hydra_override: model.lr\n"
    "  - key: model\n"
    "    type: selectbox\n"
    "    options: [resnet18, resnet50, vgg16]\n"
    "    default: resnet18\n"
    "    sweep: true\n"
    "    hydra_override: model/encoder\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    default: run\n"
    "    sweep: true\n"
    "    hydra_override: exp_name\n"
    "  - key: epochs\n"
    "    type: number_input\n"
    "    default: 10\n"
    "    hydra_override: trainer.max_epochs\n");

  assert_argv (f, "run seed=42 model.lr=0.001 model/encoder=resnet18 exp_name=run trainer.max_epochs=10");
  g_assert_false (cb_form_is_multirun (f->form));

  set_sweep (f, "seed", "1, 2, 3");
  assert_argv (f, "run --multirun seed=1,2,3 model.lr=0.001 model/encoder=resnet18 exp_name=run "
                  "trainer.max_epochs=10");
  g_assert_true (cb_form_is_multirun (f->form));
  g_assert_cmpstr (cb_form_get_display (f->form), ==,
                   "run --multirun seed=1,2,3 model.lr=0.001 model/encoder=resnet18 exp_name=run "
                   "trainer.max_epochs=10");

  set_sweep (f, "lr", "range(0.001, 0.004, 0.001)");
  set_sweep (f, "model", "glob(resnet*)");
  set_sweep (f, "name", "a b, true, x\\,y");
  assert_overrides (f, "seed=1,2,3 model.lr=range(0.001,0.004,0.001) model/encoder=glob(resnet*) "
                       "exp_name=\"a b\",\"true\",\"x,y\" trainer.max_epochs=10");
  assert_messages (f, "");

  /* A field without `sweep: true` takes no sweep */
  {
    g_autoptr(GError) error = NULL;
    CbField *epochs = cb_schema_lookup_field (f->schema, "epochs");
    g_autoptr(GVariant) sweep = cb_field_parse_sweep (epochs, "1, 2", &error);

    g_assert_null (sweep);
    g_assert_error (error, CB_ERROR, CB_ERROR_USAGE);
  }

  /* Back to one value, no multirun */
  set (f, "seed", g_variant_new_int64 (7));
  set (f, "lr", NULL);
  set (f, "model", NULL);
  set (f, "name", NULL);
  assert_argv (f, "run seed=7 model.lr=0.001 model/encoder=resnet18 exp_name=run trainer.max_epochs=10");
}

static void
test_sweep_validation (Fixture       *f,
                       gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: seed\n"
    "    type: number_input\n"
    "    default: 42\n"
    "    min_value: 0\n"
    "    max_value: 100\n"
    "    sweep: true\n"
    "    hydra_override: seed\n"
    "  - key: model\n"
    "    type: selectbox\n"
    "    options: [resnet18, vgg16]\n"
    "    default: resnet18\n"
    "    sweep: true\n"
    "    hydra_override: model\n");

  /* Each value, each message once */
  set_sweep (f, "seed", "1, 200, 300");
  assert_messages (f, "seed must be between 0 and 100.");

  /* range(95, 110, 10) is 95 and 105 */
  set_sweep (f, "seed", "range(95, 110, 10)");
  assert_messages (f, "seed must be between 0 and 100.");
  set_sweep (f, "seed", "range(95, 101, 10)");
  assert_messages (f, "");
  set_sweep (f, "seed", "range(10, 1)");
  assert_messages (f, "The range of seed has no value: its step must go from its start towards its stop.");

  set (f, "seed", NULL);
  set_sweep (f, "model", "resnet18, inception");
  assert_messages (f, "“inception” is not one of the options of model.");
  set_sweep (f, "model", "glob(eff*)");
  assert_messages (f, "The patterns of model match none of its options.");
}

/* The flag: the schema's, the project's, none when the command already
 * has it; a literal sweep takes it too
 */
static void
test_multirun_flag (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;

  make_form (f,
    "multirun_flag: -m\n"
    "ui_elements:\n"
    "  - key: seed\n"
    "    type: number_input\n"
    "    default: 1\n"
    "    sweep: true\n"
    "    hydra_override: seed\n");
  set_sweep (f, "seed", "1,2");
  assert_argv (f, "run -m seed=1,2");

  make_form (f,
    "constant_overrides: [\"--multirun\"]\n"
    "ui_elements:\n"
    "  - key: seed\n"
    "    type: number_input\n"
    "    default: 1\n"
    "    sweep: true\n"
    "    hydra_override: seed\n");
  set_sweep (f, "seed", "1,2");
  assert_argv (f, "run --multirun seed=1,2");

  make_form (f,
    "constant_overrides: [\"seed=1,2\", \"lr=choice(0.1,0.2)\", \"x=[1,2]\"]\n"
    "ui_elements: []\n");
  g_assert_true (cb_form_is_multirun (f->form));
  assert_argv (f, "run --multirun seed=1,2 lr=choice(0.1,0.2) x=[1,2]");

  make_form (f, "constant_overrides: [\"x=[1,2]\", \"f=fn(1,2)\"]\nui_elements: []\n");
  g_assert_false (cb_form_is_multirun (f->form));

  /* The project's flag, for a runner that says it its own way */
  g_clear_object (&f->form);
  g_clear_object (&f->schema);
  g_clear_object (&f->project);
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", "runner: [run]\nmultirun_flag: [--sweep, all]\n"));
  f->project = cb_project_load (f->dir, NULL);
  make_form (f, "constant_overrides: [\"seed=1,2\"]\nui_elements: []\n");
  assert_argv (f, "run --sweep all seed=1,2");
}

/* A stored sweep is loaded back, even over options */
static void
test_stored_sweep (Fixture       *f,
                   gconstpointer  data)
{
  static const char schema[] =
    "ui_elements:\n"
    "  - key: model\n"
    "    type: selectbox\n"
    "    options: [resnet18, vgg16]\n"
    "    default: resnet18\n"
    "    sweep: true\n"
    "    hydra_override: model\n"
    "  - key: seed\n"
    "    type: number_input\n"
    "    default: 1\n"
    "    hydra_override: seed\n";
  g_autoptr(GVariant) stored = NULL;
  g_auto(GStrv) dropped = NULL;

  make_form (f, schema);
  set_sweep (f, "model", "resnet18, vgg16");
  stored = cb_form_get_user_values (f->form);

  {
    g_autofree char *text = g_variant_print (stored, TRUE);
    g_autoptr(GVariant) parsed = g_variant_parse (NULL, text, NULL, NULL, NULL);

    /* As the history keeps it: printed, then parsed */
    make_form (f, schema);
    dropped = cb_form_load_values (f->form, parsed);
  }
  g_assert_null (dropped);
  assert_overrides (f, "model=resnet18,vgg16 seed=1");

  /* ... unless the field no longer sweeps */
  make_form (f,
    "ui_elements:\n"
    "  - key: model\n"
    "    type: selectbox\n"
    "    options: [resnet18, vgg16]\n"
    "    default: resnet18\n"
    "    hydra_override: model\n");
  dropped = cb_form_load_values (f->form, stored);
  g_assert_nonnull (dropped);
  g_assert_cmpstr (dropped[0], ==, "model");
}

/* A hidden suffix part adds nothing, wherever it is: while resuming, the
 * experiment name is the one typed (schemas/README.md, "suffix")
 */
static void
test_suffix_hidden_parts (Fixture       *f,
                          gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: exp_name\n"
    "    type: text_input\n"
    "    default: receipts\n"
    "    hydra_override: exp_name\n"
    "    suffix: {parts: [architecture, encoder], separator: \"-\"}\n"
    "  - key: resume\n"
    "    type: checkbox\n"
    "  - key: architecture\n"
    "    type: selectbox\n"
    "    options: [dbnet, east]\n"
    "    default: dbnet\n"
    "    visible_if: \"not resume\"\n"
    "  - key: encoder\n"
    "    type: selectbox\n"
    "    options: [r18, r50]\n"
    "    default: r18\n"
    "    visible_if: \"resume == false\"\n");

  assert_overrides (f, "exp_name=receipts-dbnet-r18");
  set (f, "resume", g_variant_new_boolean (TRUE));
  assert_overrides (f, "exp_name=receipts");
  set (f, "resume", g_variant_new_boolean (FALSE));
  set (f, "encoder", g_variant_new_string ("r50"));
  assert_overrides (f, "exp_name=receipts-dbnet-r50");
}

/* The keys are checked when the schema loads, with their place */
static void
test_schema_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_test_write (f->dir, "schemas/bad.yaml",
    "emit_defaults: \"nosuch == 1\"\n"
    "multirun_flag: -m\n"
    "ui_elements:\n"
    "  - key: a\n"
    "    type: text_input\n"
    "    operation: remove\n"
    "    hydra_override: a\n"
    "  - key: b\n"
    "    type: checkbox\n"
    "    sweep: true\n"
    "    when_empty: zero\n"
    "    hydra_override: b\n"
    "  - key: c\n"
    "    type: checkbox\n"
    "    operation: delete\n");
  g_autoptr(CbSchema) schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);
  g_autofree char *problems = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  problems = cb_test_diagnostics_to_string (cb_schema_get_diagnostics (schema));
  expected = g_strdup_printf (
    "%1$s:6:16: “operation” must be one of set, add, force_add, delete, not “remove”\n"
    "%1$s:11:17: “when_empty” must be one of omit, null, empty, not “zero”\n"
    "%1$s:10:12: warning: “sweep” applies to text_input, number_input, slider and selectbox fields; "
    "it is ignored\n"
    "%1$s:15:16: warning: “operation” of “c” has no “hydra_override” to apply to\n"
    "%1$s:1:17: in “emit_defaults” of “bad”: unknown key “nosuch”\n", path);
  g_assert_cmpstr (problems, ==, expected);
  g_assert_cmpstr (cb_schema_get_multirun_flag (schema)[0], ==, "-m");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/form-command/operations", test_operations);
  ADD ("/form-command/when-empty", test_when_empty);
  ADD ("/form-command/emit-defaults", test_emit_defaults);
  ADD ("/form-command/list-input", test_list_input);
  g_test_add ("/form-command/emit-defaults-metadata", Fixture,
              "runner: [run]\nmetadata:\n  architecture: {glob: \"meta/*.yaml\", root: ui}\n",
              fixture_set_up, test_emit_defaults_metadata, fixture_tear_down);
  ADD ("/form-command/interpolation", test_interpolation);
  ADD ("/form-command/sweeps", test_sweeps);
  ADD ("/form-command/sweep-validation", test_sweep_validation);
  ADD ("/form-command/multirun-flag", test_multirun_flag);
  ADD ("/form-command/stored-sweep", test_stored_sweep);
  ADD ("/form-command/suffix-hidden-parts", test_suffix_hidden_parts);
  ADD ("/form-command/schema-keys", test_schema_keys);
#undef ADD

  return g_test_run ();
}
