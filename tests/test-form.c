/* test-form.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-form.h"
#include "cb-override.h"
#include "cb-option.h"
#include "cb-test-util.h"

typedef struct
{
  char      *dir;
  CbProject *project;
  CbSchema  *schema;
  CbForm    *form;
  GArray    *changes; /* of (index, flags) pairs */
  guint      n_changed;
} Fixture;

static const char project_file[] =
  "runner: [run]\n"
  "sources:\n"
  "  archs: {values: [alpha, beta, gamma]}\n"
  "  backbones: {values: [r18, r34, vgg]}\n"
  "  optimizers: {values: [adam, sgd]}\n"
  "  ckpt: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"
  "metadata:\n"
  "  architecture: {glob: \"meta/arch/*.yaml\", root: ui}\n"
  "  optimizer: {glob: \"meta/opt/*.yaml\", root: ui}\n"
  "  profiles: {file: \"meta/profiles.yaml\", root: profiles}\n";

static const char alpha[] =
  "ui:\n"
  "  components: {encoder: timm, decoder: unet}\n"
  "  default_backbone: r34\n"
  "  default_lr: 0.002\n"
  "  compatible_backbones: [r18, r34]\n"
  "  recommended_optimizers: [adam]\n"
  "  default_optimizer: adam\n"
  "  box_types: [quad, poly]\n"
  "  notes: Alpha notes\n"
  "  notes[ko]: 알파 설명\n"
  "  use_cases:\n"
  "    - id: quick\n"
  "      title: Quick\n"
  "      recommendations: {encoder: r18, epochs: 3, unknown_key: 1}\n"
  "    - id: slow\n"
  "      title: Slow\n"
  "      recommendations: {encoder: r34, epochs: 100}\n";

static const char beta[] =
  "ui:\n"
  "  components: {encoder: vgg_net}\n"
  "  default_backbone: vgg\n"
  "  compatible_backbones: [vgg]\n"
  "  recommended_optimizers: [sgd]\n"
  "  default_optimizer: sgd\n"
  "  notes: Beta notes\n";

/* gamma's compatible list names nothing that exists: no narrowing */
static const char gamma_meta[] =
  "ui:\n"
  "  compatible_backbones: [nothing_real]\n";

static const char adam[] =
  "ui:\n"
  "  lr: {default: 0.001, min: 0.0001, max: 0.01, step: 0.0001, help: Adam help}\n";

static const char sgd[] =
  "ui:\n"
  "  lr: {min: 0.01, max: 1.0}\n";

static const char profiles[] =
  "profiles:\n"
  "  sharp: {overrides: [\"+pre=sharp\", \"t.train=${sharp.train}\", \"k=[3,3]\"]}\n"
  "  none: {overrides: []}\n";

static void
on_field_changed (CbForm  *form,
                  guint    index,
                  guint    flags,
                  Fixture *f)
{
  guint pair[2] = { index, flags };

  g_array_append_vals (f->changes, pair, 2);
}

static void
on_changed (CbForm  *form,
            Fixture *f)
{
  f->n_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", project_file));
  g_free (cb_test_write (f->dir, "meta/arch/alpha.yaml", alpha));
  g_free (cb_test_write (f->dir, "meta/arch/beta.yaml", beta));
  g_free (cb_test_write (f->dir, "meta/arch/gamma.yaml", gamma_meta));
  g_free (cb_test_write (f->dir, "meta/opt/adam.yaml", adam));
  g_free (cb_test_write (f->dir, "meta/opt/sgd.yaml", sgd));
  g_free (cb_test_write (f->dir, "meta/profiles.yaml", profiles));
  f->project = cb_project_load (f->dir, NULL);
  g_assert_nonnull (f->project);
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->form);
  g_clear_object (&f->schema);
  g_clear_object (&f->project);
  g_array_unref (f->changes);
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

  cb_project_scan_sources_sync (f->project, f->schema);
  f->form = cb_form_new (f->project, f->schema);
  g_signal_connect (f->form, "field-changed", G_CALLBACK (on_field_changed), f);
  g_signal_connect (f->form, "changed", G_CALLBACK (on_changed), f);
  return f->form;
}

static guint
index_of (Fixture    *f,
          const char *key)
{
  CbField *field = cb_schema_lookup_field (f->schema, key);

  g_assert_nonnull (field);
  return field->index;
}

static char *
value_text (Fixture    *f,
            const char *key)
{
  GVariant *v = cb_form_get_value (f->form, index_of (f, key));

  if (v == NULL)
    return g_strdup ("null");
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_print (v, FALSE);
  return cb_override_print_value (v);
}

#define assert_value(f, key, text) G_STMT_START { \
    g_autofree char *_v = value_text (f, key); \
    g_assert_cmpstr (_v, ==, text); \
  } G_STMT_END

static char *
joined_overrides (Fixture *f)
{
  return g_strjoinv (" ", (char **)cb_form_get_overrides (f->form));
}

#define assert_overrides(f, text) G_STMT_START { \
    g_autofree char *_o = joined_overrides (f); \
    g_assert_cmpstr (_o, ==, text); \
  } G_STMT_END

static char *
messages_text (Fixture *f)
{
  GPtrArray *messages = cb_form_get_messages (f->form);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);

      g_string_append_printf (out, "%s%s%s", out->len ? "\n" : "",
                              d->severity == CB_SEVERITY_WARNING ? "W: " : "", d->message);
    }

  return g_string_free (out, FALSE);
}

#define assert_messages(f, text) G_STMT_START { \
    g_autofree char *_m = messages_text (f); \
    g_assert_cmpstr (_m, ==, text); \
  } G_STMT_END

static void
set_string (Fixture    *f,
            const char *key,
            const char *value)
{
  g_assert_true (cb_form_set_value (f->form, key, g_variant_new_string (value)));
}

static void
set_bool (Fixture    *f,
          const char *key,
          gboolean    value)
{
  g_assert_true (cb_form_set_value (f->form, key, g_variant_new_boolean (value)));
}

static void
set_int (Fixture    *f,
         const char *key,
         gint64      value)
{
  g_assert_true (cb_form_set_value (f->form, key, g_variant_new_int64 (value)));
}

static void
set_double (Fixture    *f,
            const char *key,
            double      value)
{
  g_assert_true (cb_form_set_value (f->form, key, g_variant_new_double (value)));
}

static const char arch_schema[] =
  "ui_elements:\n"
  "  - key: architecture\n"
  "    type: selectbox\n"
  "    options_source: archs\n"
  "    default: alpha\n"
  "    hydra_override: arch\n"
  "    metadata_help_key: notes\n"
  "    architecture_fallback: alpha\n"
  "  - key: encoder\n"
  "    type: selectbox\n"
  "    options_source: backbones\n"
  "    default: r18\n"
  "    hydra_override: enc\n"
  "    filter_by_architecture_key: compatible_backbones\n"
  "    metadata_default_key: default_backbone\n"
  "    metadata_help_key: compatible_backbones\n"
  "  - key: optimizer\n"
  "    type: selectbox\n"
  "    options_source: optimizers\n"
  "    default: sgd\n"
  "    hydra_override: opt\n"
  "    filter_by_architecture_key: recommended_optimizers\n"
  "    metadata_default_key: default_optimizer\n"
  "  - key: lr\n"
  "    type: slider\n"
  "    min_value: 0.00001\n"
  "    max_value: 1.0\n"
  "    default: 0.005\n"
  "    hydra_override: lr\n"
  "    metadata_default_key: default_lr\n"
  "    optimizer_metadata_key: lr\n"
  "    optimizer_help_key: lr.help\n"
  "  - key: epochs\n"
  "    type: number_input\n"
  "    default: 10\n"
  "    hydra_override: epochs\n"
  "  - key: summary\n"
  "    type: info\n"
  "    metadata_info_key: components\n"
  "    info_template: \"Encoder: {encoder}, decoder: {decoder}\"\n"
  "    info_template[ko]: \"인코더: {encoder}, 디코더: {decoder}\"\n"
  "  - key: box\n"
  "    type: selectbox\n"
  "    options_metadata_key: box_types\n"
  "    default: poly\n"
  "    hydra_override: box\n";

static void
test_form_default_order (Fixture       *f,
                         gconstpointer  data)
{
  make_form (f, arch_schema);

  /* default → architecture's metadata_default_key → optimizer's default */
  assert_value (f, "encoder", "'r34'");
  assert_value (f, "optimizer", "'adam'");
  assert_value (f, "lr", "0.001");
  assert_overrides (f, "arch=alpha enc=r34 opt=adam lr=0.001 epochs=10 box=poly");

  /* beta: its default backbone; sgd's map has no default, so beta's... none:
   * the schema default stays */
  set_string (f, "architecture", "beta");
  assert_value (f, "encoder", "'vgg'");
  assert_value (f, "optimizer", "'sgd'");
  assert_value (f, "lr", "0.005");

  /* A value the user set wins over every default */
  set_double (f, "lr", 0.05);
  set_string (f, "architecture", "alpha");
  assert_value (f, "lr", "0.05");
  assert_value (f, "encoder", "'r34'");
}

static void
test_form_options (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *options;
  g_autoptr(CbOption) first = NULL;

  make_form (f, arch_schema);

  /* Narrowed to the architecture's list */
  options = cb_form_get_options (f->form, index_of (f, "encoder"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 2);
  set_string (f, "architecture", "beta");
  options = cb_form_get_options (f->form, index_of (f, "encoder"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 1);

  /* …unless that would leave none */
  set_string (f, "architecture", "gamma");
  options = cb_form_get_options (f->form, index_of (f, "encoder"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 3);

  /* options_metadata_key takes them from metadata instead */
  set_string (f, "architecture", "alpha");
  options = cb_form_get_options (f->form, index_of (f, "box"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 2);
  first = g_list_model_get_item (options, 0);
  g_assert_cmpstr (cb_option_get_value (first), ==, "quad");
}

static void
test_form_select_fallback (Fixture       *f,
                           gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: a\n"
    "    type: selectbox\n"
    "    options: [x, y]\n"
    "    default: zzz\n"
    "    hydra_override: a\n"
    "  - key: b\n"
    "    type: selectbox\n"
    "    options: [x, y]\n"
    "    default: \"\"\n"
    "    hydra_override: b\n");

  /* A non-empty default that is not an option falls back to the first;
   * an empty default stays empty and emits nothing */
  assert_value (f, "a", "'x'");
  assert_value (f, "b", "''");
  assert_overrides (f, "a=x");
  assert_messages (f, "");

  /* A user value not among the options is a validation error */
  set_string (f, "b", "q");
  assert_messages (f, "“q” is not one of the options of b.");
}

static void
test_form_visibility (Fixture       *f,
                      gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: early\n"
    "    type: text_input\n"
    "    default: e\n"
    "    hydra_override: early\n"
    "    visible_if: \"later == 'show'\"\n"
    "  - key: resume\n"
    "    type: checkbox\n"
    "    hydra_override: resume\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    default: run\n"
    "    visible_if: \"not resume\"\n"
    "    hydra_override: name\n"
    "  - key: uses_name\n"
    "    type: text_input\n"
    "    default: u\n"
    "    visible_if: \"name == null\"\n"
    "    hydra_override: u\n"
    "  - key: later\n"
    "    type: text_input\n"
    "    default: show\n");

  /* An expression naming a field further down sees its current value */
  g_assert_true (cb_form_is_visible (f->form, index_of (f, "early")));
  assert_overrides (f, "early=e resume=false name=run");

  set_string (f, "later", "hide");
  g_assert_false (cb_form_is_visible (f->form, index_of (f, "early")));

  /* A hidden field counts as null for the fields after it, and emits nothing */
  set_string (f, "name", "mine");
  set_bool (f, "resume", TRUE);
  g_assert_false (cb_form_is_visible (f->form, index_of (f, "name")));
  g_assert_true (cb_form_is_visible (f->form, index_of (f, "uses_name")));
  assert_overrides (f, "resume=true u=u");

  /* The value the user set is kept and comes back */
  set_bool (f, "resume", FALSE);
  assert_value (f, "name", "'mine'");
  assert_overrides (f, "resume=false name=mine");
}

static void
test_form_only_dependents (Fixture       *f,
                           gconstpointer  data)
{
  guint name;

  make_form (f,
    "ui_elements:\n"
    "  - key: resume\n"
    "    type: checkbox\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    hydra_override: name\n"
    "  - key: ckpt\n"
    "    type: text_input\n"
    "    visible_if: resume\n"
    "  - key: other\n"
    "    type: text_input\n"
    "    default: o\n");
  name = index_of (f, "name");

  /* Typing a name changes that field only, and the command once */
  set_string (f, "name", "abc");
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, name);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, CB_FIELD_CHANGED_VALUE);
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* Toggling resume shows ckpt: resume's value and ckpt's visibility */
  g_array_set_size (f->changes, 0);
  f->n_changed = 0;
  set_bool (f, "resume", TRUE);
  g_assert_cmpuint (f->changes->len, ==, 4);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, index_of (f, "resume"));
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, index_of (f, "ckpt"));
  g_assert_cmpuint (g_array_index (f->changes, guint, 3), ==, CB_FIELD_CHANGED_VISIBLE);

  /* Setting the same value again changes nothing */
  g_array_set_size (f->changes, 0);
  f->n_changed = 0;
  set_bool (f, "resume", TRUE);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

/* Fields that name a key in visible_if and elsewhere too follow it
 * everywhere, even when their visibility stays: only fields whose
 * visible_if alone names the key may skip the rest
 */
static void
test_form_visibility_followers (Fixture       *f,
                                gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: n\n"
    "    type: number_input\n"
    "    default: 1\n"
    "  - key: b\n"
    "    type: text_input\n"
    "    default: x\n"
    "    hydra_override: b\n"
    "    visible_if: \"n > 0\"\n"
    "    emit_if: \"n > 5\"\n"
    "  - key: c\n"
    "    type: text_input\n"
    "    label: C\n"
    "    hydra_override: c\n"
    "    visible_if: \"n > 0\"\n"
    "    validation: {required_if: \"n > 5\"}\n"
    "  - key: d\n"
    "    type: text_input\n"
    "    default: z\n"
    "    hydra_override: d\n"
    "    visible_if: \"n < 10\"\n");

  assert_overrides (f, "d=z");
  assert_messages (f, "");

  /* b and c stay visible, yet b now emits and c is required */
  set_int (f, "n", 6);
  g_assert_true (cb_form_is_visible (f->form, index_of (f, "b")));
  assert_overrides (f, "b=x d=z");
  assert_messages (f, "C is required.");

  /* d follows n through visible_if alone: hidden, it emits nothing */
  set_int (f, "n", 11);
  assert_overrides (f, "b=x");
  set_int (f, "n", 7);
  assert_overrides (f, "b=x d=z");
  set_int (f, "n", 0);
  assert_overrides (f, "d=z");
  assert_messages (f, "");
}

static void
test_form_validation (Fixture       *f,
                      gconstpointer  data)
{
  make_form (f,
    "ui_elements:\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    label: Name\n"
    "    validation: {required: true, min_length: 3, max_length: 5, pattern: \"[a-z]+\"}\n"
    "  - key: flag\n"
    "    type: checkbox\n"
    "  - key: ckpt\n"
    "    type: text_input\n"
    "    label: Checkpoint\n"
    "    visible_if: flag\n"
    "    validation: {required: true}\n"
    "  - key: when\n"
    "    type: text_input\n"
    "    label: When\n"
    "    validation: {required_if: flag}\n"
    "  - key: n\n"
    "    type: number_input\n"
    "    label: N\n"
    "    default: 5\n"
    "    validation: {min: 1, max: 10}\n"
    "  - key: r\n"
    "    type: number_input\n"
    "    label: R\n"
    "    default: 0.5\n"
    "    validation: {range: [0, 1]}\n"
    "  - key: bounded\n"
    "    type: slider\n"
    "    label: Bounded\n"
    "    min_value: 1\n"
    "    max_value: 64\n"
    "    default: 4\n"
    "  - key: tags\n"
    "    type: multiselect\n"
    "    label: Tags\n"
    "    options: [a, b, c]\n"
    "    validation: {min_length: 1, max_length: 2}\n");

  /* An empty optional field is fine whatever its length rules */
  assert_messages (f, "Name is required.");

  set_string (f, "name", "ab");
  assert_messages (f, "Name must be at least 3 characters long.");
  set_string (f, "name", "abcdef");
  assert_messages (f, "Name must be at most 5 characters long.");
  set_string (f, "name", "ab1");
  assert_messages (f, "Name does not have the expected form.");
  set_string (f, "name", "abc");
  {
    const char *three[] = { "a", "b", "x", NULL };

    g_assert_true (cb_form_set_value (f->form, "tags", g_variant_new_strv (three, -1)));
  }
  assert_messages (f, "Choose at most 2 items for Tags.\n“x” is not one of the options of Tags.");
  g_assert_true (cb_form_set_value (f->form, "tags", g_variant_new_strv ((const char *[]){ "a", NULL }, -1)));
  assert_messages (f, "");
  g_assert_false (cb_form_has_errors (f->form));

  /* required and required_if skip hidden fields; required_if applies when it holds */
  set_bool (f, "flag", TRUE);
  assert_messages (f, "Checkpoint is required.\nWhen is required.");
  set_string (f, "ckpt", "x");
  set_string (f, "when", "now");

  set_int (f, "n", 0);
  assert_messages (f, "N must be between 1 and 10.");
  set_int (f, "n", 11);
  assert_messages (f, "N must be between 1 and 10.");
  set_int (f, "n", 10);
  set_double (f, "r", 1.5);
  assert_messages (f, "R must be between 0.0 and 1.0.");
  set_double (f, "r", 1.0);
  set_int (f, "bounded", 65);
  assert_messages (f, "Bounded must be between 1 and 64.");
  set_int (f, "bounded", 64);
  assert_messages (f, "");
  g_assert_true (cb_form_has_errors (f->form) == FALSE);
}

static void
test_form_cross_field (Fixture       *f,
                       gconstpointer  data)
{
  make_form (f, arch_schema);
  assert_messages (f, "");

  /* Outside the architecture's compatible list: an error */
  set_string (f, "encoder", "vgg");
  assert_messages (f, "encoder “vgg” is not compatible with the architecture “alpha”.");
  {
    const CbFormMessage *m = g_ptr_array_index (cb_form_get_messages (f->form), 0);

    g_assert_cmpint (m->kind, ==, CB_FORM_MESSAGE_INCOMPATIBLE);
    g_assert_cmpint (m->severity, ==, CB_SEVERITY_ERROR);
    g_assert_cmpuint (m->field, ==, index_of (f, "encoder"));
  }

  /* Outside its recommended optimizers: a warning */
  set_string (f, "encoder", "r18");
  set_string (f, "optimizer", "sgd");
  /* sgd has no default of its own, so lr keeps alpha's 0.002, below sgd's range */
  assert_messages (f, "W: optimizer “sgd” is not recommended for the architecture “alpha”.\n"
                      "lr must be between 0.01 and 1.0 for the optimizer “sgd”.");
  set_double (f, "lr", 0.1);
  assert_messages (f, "W: optimizer “sgd” is not recommended for the architecture “alpha”.");
  g_assert_false (cb_form_has_errors (f->form));
  {
    GPtrArray *messages = cb_form_get_messages (f->form);
    const CbFormMessage *m = g_ptr_array_index (messages, 0);

    /* The kind says what it is about, and sets the severity */
    g_assert_cmpint (m->kind, ==, CB_FORM_MESSAGE_NOT_RECOMMENDED);
    g_assert_cmpint (m->severity, ==, CB_SEVERITY_WARNING);
    g_assert_cmpuint (m->field, ==, index_of (f, "optimizer"));
  }

  /* A value outside the optimizer's min..max: an error */
  set_string (f, "optimizer", "adam");
  set_double (f, "lr", 0.5);
  assert_messages (f, "lr must be between 0.0001 and 0.01 for the optimizer “adam”.");
}

static void
test_form_help_info (Fixture       *f,
                     gconstpointer  data)
{
  guint encoder, lr, summary;

  make_form (f, arch_schema);
  encoder = index_of (f, "encoder");
  lr = index_of (f, "lr");
  summary = index_of (f, "summary");

  g_assert_cmpstr (cb_form_get_help (f->form, index_of (f, "architecture")), ==, "Alpha notes");
  g_assert_cmpstr (cb_form_get_help (f->form, encoder), ==, "Compatible: r18, r34");
  g_assert_cmpstr (cb_form_get_help (f->form, lr), ==, "Adam help");
  g_assert_cmpstr (cb_form_get_info (f->form, summary), ==, "Encoder: timm, decoder: unet");

  g_array_set_size (f->changes, 0);
  set_string (f, "architecture", "beta");
  /* The architecture's own help is the new architecture's, not the last */
  g_assert_cmpstr (cb_form_get_help (f->form, index_of (f, "architecture")), ==, "Beta notes");
  g_assert_cmpstr (cb_form_get_help (f->form, encoder), ==, "Compatible: vgg");
  g_assert_cmpstr (cb_form_get_info (f->form, summary), ==, "Encoder: vgg_net, decoder: —");
  /* Help follows the optimizer; the range too */
  g_assert_null (cb_form_get_help (f->form, lr));
  {
    double min, max, step;

    cb_form_get_range (f->form, lr, &min, &max, &step);
    g_assert_cmpfloat (min, ==, 0.01);
    g_assert_cmpfloat (max, ==, 1.0);
  }
}

static void
test_form_localized_help (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  /* Metadata texts translated next to the original, for the user's
   * language; others stay as they are
   */
  g_setenv ("LANGUAGE", "ko", TRUE);
  make_form (f, arch_schema);
  g_assert_cmpstr (cb_form_get_help (f->form, index_of (f, "architecture")), ==, "알파 설명");
  g_assert_cmpstr (cb_form_get_help (f->form, index_of (f, "lr")), ==, "Adam help");
  g_assert_cmpstr (cb_form_get_help (f->form, index_of (f, "encoder")), ==, "Compatible: r18, r34");
  /* An info field's template too */
  g_assert_cmpstr (cb_form_get_info (f->form, index_of (f, "summary")), ==, "인코더: timm, 디코더: unet");
  /* And in English */
  g_setenv ("LANGUAGE", "en", TRUE);
  make_form (f, arch_schema);
  g_assert_cmpstr (cb_form_get_help (f->form, index_of (f, "architecture")), ==, "Alpha notes");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_form_overrides (Fixture       *f,
                     gconstpointer  data)
{
  make_form (f,
    "constant_overrides: [\"trainer.accelerator=cpu\", \"x=a b\"]\n"
    "ui_elements:\n"
    "  - key: name\n"
    "    type: text_input\n"
    "    default: run\n"
    "    hydra_override: exp_name\n"
    "    suffix: {parts: [arch, size], separator: \"-\", when: tag}\n"
    "  - key: tag\n"
    "    type: checkbox\n"
    "  - key: arch\n"
    "    type: selectbox\n"
    "    options: [alpha, beta]\n"
    "    default: alpha\n"
    "  - key: size\n"
    "    type: slider\n"
    "    min_value: 1\n"
    "    max_value: 64\n"
    "    default: 8\n"
    "    hydra_override: [loader.train.bs, loader.val.bs]\n"
    "  - key: wd\n"
    "    type: slider\n"
    "    min_value: 0.0\n"
    "    max_value: 0.01\n"
    "    default: 0.0001\n"
    "    hydra_override: wd\n"
    "  - key: clip\n"
    "    type: number_input\n"
    "    default: 5.0\n"
    "    hydra_override: clip\n"
    "  - key: lr\n"
    "    type: number_input\n"
    "    default: 1.0e-5\n"
    "    hydra_override: lr\n"
    "  - key: profile\n"
    "    type: selectbox\n"
    "    options: [none, sharp]\n"
    "    default: none\n"
    "    extra_overrides: {metadata: profiles, key: overrides}\n"
    "  - key: debug\n"
    "    type: checkbox\n"
    "    hydra_override: trainer.fast_dev_run\n"
    "    emit_if: debug\n"
    "  - key: tags\n"
    "    type: multiselect\n"
    "    options: [a, \"b c\"]\n"
    "    hydra_override: tags\n"
    "  - key: empty\n"
    "    type: text_input\n"
    "    hydra_override: empty\n");

  assert_overrides (f, "trainer.accelerator=cpu x=\"a b\" exp_name=run loader.train.bs=8 "
                       "loader.val.bs=8 wd=0.0001 clip=5.0 lr=1e-05");

  set_bool (f, "tag", TRUE);
  set_bool (f, "debug", TRUE);
  set_string (f, "profile", "sharp");
  g_assert_true (cb_form_set_value (f->form, "tags", g_variant_new_strv ((const char *[]){ "a", "b c", NULL }, -1)));
  set_string (f, "name", "my run");
  assert_overrides (f, "trainer.accelerator=cpu x=\"a b\" exp_name=\"my run-alpha-8\" loader.train.bs=8 "
                       "loader.val.bs=8 wd=0.0001 clip=5.0 lr=1e-05 trainer.fast_dev_run=true "
                       "tags=[a,\"b c\"] +pre=sharp t.train=\"${sharp.train}\" k=[3,3]");

  {
    const char * const *argv = cb_form_get_argv (f->form);

    g_assert_cmpstr (argv[0], ==, "run");
    g_assert_cmpstr (argv[3], ==, "exp_name=\"my run-alpha-8\"");
    g_assert_cmpstr (cb_form_get_display (f->form), ==,
                     "run trainer.accelerator=cpu 'x=\"a b\"' 'exp_name=\"my run-alpha-8\"' "
                     "loader.train.bs=8 loader.val.bs=8 wd=0.0001 clip=5.0 lr=1e-05 "
                     "trainer.fast_dev_run=true 'tags=[a,\"b c\"]' +pre=sharp "
                     "'t.train=\"${sharp.train}\"' 'k=[3,3]'");
  }
}

static void
test_form_user_values (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GVariant) values = NULL;
  g_autofree char *text = NULL;

  make_form (f, arch_schema);

  set_int (f, "epochs", 20);
  set_string (f, "encoder", "r18");
  values = cb_form_get_user_values (f->form);
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'encoder': <'r18'>, 'epochs': <int64 20>}");
  g_clear_pointer (&values, g_variant_unref);
  g_clear_pointer (&text, g_free);

  /* A value set back to its default is forgotten */
  set_int (f, "epochs", 10);
  g_assert_false (cb_form_is_set_by_user (f->form, index_of (f, "epochs")));
  values = cb_form_get_user_values (f->form);
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'encoder': <'r18'>}");

  cb_form_reset (f->form);
  g_assert_false (cb_form_is_set_by_user (f->form, index_of (f, "encoder")));
  assert_value (f, "encoder", "'r34'");
}

static void
test_form_load_values (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GVariant) stored = NULL;
  g_auto(GStrv) dropped = NULL;

  make_form (f, arch_schema);
  stored = g_variant_ref_sink (g_variant_new_parsed (
    "{'encoder': <'r18'>, 'epochs': <int64 7>, 'gone': <1>, 'lr': <'text'>, 'box': <'hexagon'>}"));

  dropped = cb_form_load_values (f->form, stored);
  g_assert_nonnull (dropped);
  g_assert_cmpuint (g_strv_length (dropped), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *)dropped, "gone"));
  g_assert_true (g_strv_contains ((const char * const *)dropped, "lr"));
  g_assert_true (g_strv_contains ((const char * const *)dropped, "box"));
  assert_value (f, "encoder", "'r18'");
  assert_value (f, "epochs", "7");
  assert_value (f, "box", "'poly'");
}

static void
test_form_missing_checkpoint (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GVariant) stored = NULL;
  g_auto(GStrv) dropped = NULL;
  g_autofree char *kept = cb_test_write (f->dir, "outputs/a/checkpoints/epoch=1.ckpt", "x");
  GPtrArray *messages;

  make_form (f,
             "ui_elements:\n"
             "  - key: ckpt\n    type: selectbox\n    options_source: ckpt\n    default: \"\"\n"
             "    hydra_override: ckpt\n");
  stored = g_variant_ref_sink (g_variant_new_parsed ("{'ckpt': <'outputs/b/checkpoints/epoch=2.ckpt'>}"));

  /* A checkpoint that is gone is not dropped like a stale option: the
   * field keeps it and says that its file does not exist
   */
  dropped = cb_form_load_values (f->form, stored);
  g_assert_null (dropped);
  assert_value (f, "ckpt", "'outputs/b/checkpoints/epoch=2.ckpt'");
  messages = cb_form_get_field_messages (f->form, index_of (f, "ckpt"));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (((CbFormMessage *)g_ptr_array_index (messages, 0))->message, "does not exist"));
  g_assert_true (cb_form_has_errors (f->form));

  set_string (f, "ckpt", "outputs/a/checkpoints/epoch=1.ckpt");
  g_assert_false (cb_form_has_errors (f->form));
}

static void
test_form_no_checkpoint_yet (Fixture       *f,
                             gconstpointer  data)
{
  GPtrArray *messages;

  /* Nothing to pick: the message says why */
  make_form (f,
             "ui_elements:\n"
             "  - key: ckpt\n    type: selectbox\n    options_source: ckpt\n    default: \"\"\n"
             "    hydra_override: ckpt\n    validation: {required: true}\n");
  messages = cb_form_get_field_messages (f->form, index_of (f, "ckpt"));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (((CbFormMessage *)g_ptr_array_index (messages, 0))->message, ==,
                   "ckpt is required, and no file matches outputs/*/checkpoints/*.ckpt yet.");
}

static void
test_form_typed_text (Fixture       *f,
                      gconstpointer  data)
{
  guint size;
  g_autofree char *before = NULL;

  make_form (f,
             "ui_elements:\n"
             "  - key: size\n    type: number_input\n    label: Batch size\n    default: 8\n"
             "    step: 1\n    hydra_override: size\n"
             "  - key: rate\n    type: slider\n    label: Rate\n    default: 0.5\n"
             "    min_value: 0\n    max_value: 1\n    hydra_override: rate\n");
  size = index_of (f, "size");
  set_int (f, "size", 42);
  before = joined_overrides (f);

  /* Letters are kept as typed, with an error; the value stays */
  g_array_set_size (f->changes, 0);
  g_assert_false (cb_form_set_text (f->form, "size", "42a"));
  g_assert_cmpstr (cb_form_get_text (f->form, size), ==, "42a");
  assert_value (f, "size", "42");
  assert_messages (f, "Batch size takes a whole number, not “42a”.");
  g_assert_true (cb_form_has_errors (f->form));
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, CB_FIELD_CHANGED_VALUE | CB_FIELD_CHANGED_MESSAGES);
  assert_overrides (f, before);
  g_assert_false (cb_form_set_text (f->form, "size", ""));
  assert_messages (f, "Batch size takes a whole number.");
  g_assert_false (cb_form_set_text (f->form, "rate", "half"));
  assert_messages (f, "Batch size takes a whole number.\nRate takes a number, not “half”.");

  /* A number typed is the value, and the error goes */
  g_assert_true (cb_form_set_text (f->form, "size", "64"));
  g_assert_null (cb_form_get_text (f->form, size));
  assert_value (f, "size", "64");
  assert_messages (f, "Rate takes a number, not “half”.");

  /* So does a value set, or a reset */
  set_double (f, "rate", 0.25);
  g_assert_false (cb_form_has_errors (f->form));
  g_assert_false (cb_form_set_text (f->form, "size", "x"));
  g_array_set_size (f->changes, 0);
  cb_form_reset (f->form);
  /* The widget that shows it hears that it went */
  g_assert_cmpuint (f->changes->len, >=, 2);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, size);
  g_assert_true (g_array_index (f->changes, guint, 1) & CB_FIELD_CHANGED_VALUE);
  g_assert_null (cb_form_get_text (f->form, size));
  g_assert_false (cb_form_has_errors (f->form));
}

static void
test_form_setups (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GVariant) setups = NULL;
  g_autofree char *active = NULL;

  /* The metadata's `use_cases` are the suggested setups */
  make_form (f, arch_schema);
  setups = cb_form_get_setups (f->form);
  g_assert_nonnull (setups);
  g_assert_cmpuint (g_variant_n_children (setups), ==, 2);
  g_assert_null (cb_form_get_active_setup (f->form));

  f->n_changed = 0;
  g_assert_true (cb_form_apply_setup (f->form, "quick"));
  /* All fields in one step */
  g_assert_cmpuint (f->n_changed, ==, 1);
  assert_value (f, "encoder", "'r18'");
  assert_value (f, "epochs", "3");
  active = cb_form_get_active_setup (f->form);
  g_assert_cmpstr (active, ==, "quick");
  g_clear_pointer (&active, g_free);

  /* Until a field differs from it */
  set_int (f, "epochs", 4);
  g_assert_null (cb_form_get_active_setup (f->form));
  g_assert_false (cb_form_apply_setup (f->form, "nonexistent"));
}

static void
test_form_many_fields (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("ui_elements:\n  - key: toggle\n    type: checkbox\n");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text,
                            "  - key: f%u\n"
                            "    type: text_input\n"
                            "    default: v%u\n"
                            "    hydra_override: f%u\n"
                            "    visible_if: \"%s\"\n",
                            i, i, i, i % 2 ? "toggle" : "not toggle");

  make_form (f, text->str);
  g_assert_cmpuint (g_strv_length ((char **)cb_form_get_overrides (f->form)), ==, 500);

  g_array_set_size (f->changes, 0);
  set_string (f, "f1", "x");
  /* Invisible, so no override; one field changed */
  g_assert_cmpuint (f->changes->len, ==, 2);

  set_bool (f, "toggle", TRUE);
  g_assert_cmpuint (g_strv_length ((char **)cb_form_get_overrides (f->form)), ==, 500);
  g_assert_cmpstr (cb_form_get_overrides (f->form)[0], ==, "f1=x");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/form/default-order", test_form_default_order);
  ADD ("/form/options", test_form_options);
  ADD ("/form/select-fallback", test_form_select_fallback);
  ADD ("/form/visibility", test_form_visibility);
  ADD ("/form/only-dependents", test_form_only_dependents);
  ADD ("/form/visibility-followers", test_form_visibility_followers);
  ADD ("/form/validation", test_form_validation);
  ADD ("/form/cross-field", test_form_cross_field);
  ADD ("/form/help-info", test_form_help_info);
  ADD ("/form/localized-help", test_form_localized_help);
  ADD ("/form/overrides", test_form_overrides);
  ADD ("/form/user-values", test_form_user_values);
  ADD ("/form/load-values", test_form_load_values);
  ADD ("/form/missing-checkpoint", test_form_missing_checkpoint);
  ADD ("/form/no-checkpoint-yet", test_form_no_checkpoint_yet);
  ADD ("/form/typed-text", test_form_typed_text);
  ADD ("/form/setups", test_form_setups);
  ADD ("/form/many-fields", test_form_many_fields);
#undef ADD

  return g_test_run ();
}
