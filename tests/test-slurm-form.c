/* test-slurm-form.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-form-store.h"
#include "cb-form-tasks.h"
#include "cb-job-run.h"
#include "cb-slurm-form.h"
#include "cb-sweep.h"
#include "cb-test-util.h"

/* A page's Slurm side without a cluster: the schema keys that tie fields
 * to Slurm, where each resource of a job comes from, the batch script as
 * the form changes and as edited, the values as stored, a multirun split
 * into the tasks of a job array, and a job's records in the history.
 */

typedef struct
{
  char      *dir;
  CbProject *project;
  CbSchema  *schema;
  CbForm    *form;
  guint      n_changed;
} Fixture;

static const char project_text[] =
  "runner: [python3, run.py]\n"
  "sources:\n"
  "  sizes: {values: [large, medium, small]}\n"
  "slurm:\n"
  "  defaults: {partition: debug, time: \"30\", mem: 4G, job_name: from project}\n"
  "  fixed: {account: lab}\n"
  "  setup: [module load cuda]\n"
  "  array_limit: 3\n";

static const char schema_text[] =
  "id: train\n"
  "resume: {checkpoint: ckpt, toggle: resuming}\n"
  "ui_elements:\n"
  "  - key: name\n    type: text_input\n    default: run\n    hydra_override: name\n"
  "  - key: gpus\n    type: number_input\n    default: 1\n    min_value: 0\n"
  "    hydra_override: trainer.devices\n    slurm: gpus\n    sweep: true\n"
  "  - key: lr\n    type: slider\n    min_value: 0.0\n    max_value: 1.0\n    step: 0.1\n"
  "    default: 0.1\n    hydra_override: lr\n    sweep: true\n"
  "  - key: size\n    type: selectbox\n    options_source: sizes\n    default: small\n"
  "    hydra_override: size\n    sweep: true\n"
  "  - key: resuming\n    type: checkbox\n"
  "  - key: ckpt\n    type: text_input\n    visible_if: resuming\n    hydra_override: resume\n"
  "  - key: who\n    type: text_input\n    slurm: account\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = cb_test_make_tempdir ();
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", project_text));
  path = cb_test_write (f->dir, "schemas/train.yaml", schema_text);
  f->project = cb_project_load (f->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_project_get_diagnostics (f->project)->len, ==, 0);
  f->schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);
  g_assert_no_error (error);
  g_assert_false (cb_schema_has_errors (f->schema));
  f->form = cb_form_new (f->project, f->schema);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->form);
  g_clear_object (&f->schema);
  g_clear_object (&f->project);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
on_changed (CbSlurmForm *slurm,
            Fixture     *f)
{
  f->n_changed++;
}

static gboolean
has_line (const char *script,
          const char *line)
{
  g_autofree char *found = g_strdup_printf ("\n%s\n", line);

  return strstr (script, found) != NULL;
}

/* Schema keys */

static CbSchema *
load_schema (Fixture    *f,
             const char *text)
{
  g_autofree char *path = cb_test_write (f->dir, "schemas/other.yaml", text);
  g_autoptr(GError) error = NULL;
  CbSchema *schema = cb_schema_load (path, CB_NAME_LOOKUP (f->project), &error);

  g_assert_no_error (error);
  return schema;
}

static void
test_schema_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CbSchema) bad = NULL;
  GPtrArray *diagnostics;
  g_autofree char *all = NULL;

  g_assert_cmpstr (cb_schema_get_resume_field (f->schema), ==, "ckpt");
  g_assert_cmpstr (cb_schema_get_resume_toggle (f->schema), ==, "resuming");
  g_assert_cmpint (cb_schema_lookup_field (f->schema, "gpus")->slurm_resource, ==,
                   CB_SLURM_FIELD_GPUS);
  g_assert_cmpint (cb_schema_lookup_field (f->schema, "name")->slurm_resource, ==, -1);

  bad = load_schema (f,
                     "resume: {checkpoint: nope, toggle: a, colour: red}\n"
                     "ui_elements:\n"
                     "  - key: a\n    type: number_input\n    slurm: colour\n"
                     "  - key: b\n    type: checkbox\n    slurm: gpus\n"
                     "  - key: c\n    type: number_input\n    slurm: nodes\n"
                     "  - key: d\n    type: number_input\n    slurm: nodes\n");
  diagnostics = cb_schema_get_diagnostics (bad);
  all = cb_test_diagnostics_to_string (diagnostics);
  g_test_message ("%s", all);
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "other.yaml:1:22: “checkpoint” of “resume” names “nope”, which is not a field"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "other.yaml:1:36: the “toggle” of “resume”, “a”, must be a checkbox"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "other.yaml:1:39: warning: unknown key “colour” in “resume”"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "other.yaml:5:12: “slurm” of “a” must be a Slurm resource (partition, time"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "other.yaml:8:12: warning: “slurm” applies to text_input, number_input"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "other.yaml:12:5: “d” sets the Slurm resource “nodes”, which “c” sets already"));
  g_assert_null (cb_schema_get_resume_field (bad));
  g_assert_cmpint (cb_schema_lookup_field (bad, "d")->slurm_resource, ==, -1);
}

/* Resources: defaults, the page's, the fields', the fixed ones */

static void
test_resources (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CbSlurmForm) slurm = cb_slurm_form_new (f->form);
  g_autoptr(GError) error = NULL;
  const CbSlurmResources *resources;
  const char *key = NULL;
  const char *script;

  g_assert_cmpint (cb_slurm_form_get_target (slurm), ==, CB_RUN_TARGET_LOCAL);
  resources = cb_slurm_form_get_resources (slurm);
  g_assert_cmpstr (cb_slurm_resources_get (resources, CB_SLURM_FIELD_PARTITION), ==, "debug");
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_PARTITION, NULL), ==,
                   CB_SLURM_ORIGIN_DEFAULT);
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_ACCOUNT, NULL), ==,
                   CB_SLURM_ORIGIN_FIXED);
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_NODES, NULL), ==,
                   CB_SLURM_ORIGIN_UNSET);

  /* The GPUs field sets the job's GPUs and the command's devices */
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_GPUS, &key), ==,
                   CB_SLURM_ORIGIN_FIELD);
  g_assert_cmpstr (key, ==, "gpus");
  cb_form_set_value (f->form, "gpus", g_variant_new_int64 (2));
  script = cb_slurm_form_get_script (slurm);
  g_assert_true (has_line (script, "#SBATCH --gres=gpu:2"));
  g_assert_nonnull (strstr (script, " trainer.devices=2 "));

  /* The page's own value wins over the project's default; a value that is
   * not one is refused, naming the resource
   */
  g_assert_true (cb_slurm_form_set_resource (slurm, CB_SLURM_FIELD_TIME, "1:30:00", &error));
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_TIME, NULL), ==,
                   CB_SLURM_ORIGIN_USER);
  g_assert_cmpstr (cb_slurm_form_get_resource (slurm, CB_SLURM_FIELD_TIME), ==, "01:30:00");
  g_assert_false (cb_slurm_form_set_resource (slurm, CB_SLURM_FIELD_TIME, "soon", &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_assert_true (g_str_has_prefix (error->message, "Time limit: “soon” is not a time limit"));
  g_clear_error (&error);
  g_assert_true (cb_slurm_form_set_resource (slurm, CB_SLURM_FIELD_GPUS, "4", NULL));
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_GPUS, NULL), ==,
                   CB_SLURM_ORIGIN_FIELD);

  /* What the project fixes wins; a field that asks otherwise is told so */
  cb_form_set_value (f->form, "who", g_variant_new_string ("mine"));
  g_assert_cmpstr (cb_slurm_resources_get (cb_slurm_form_get_resources (slurm),
                                           CB_SLURM_FIELD_ACCOUNT), ==, "lab");
  g_assert_cmpstr (cb_slurm_form_get_resource_message (slurm, CB_SLURM_FIELD_ACCOUNT), ==,
                   "Account: the project fixes it at lab, so the mine of who is not used.");
  g_assert_false (cb_slurm_form_has_errors (slurm));

  /* A field whose value is not one of its resource is an error */
  cb_form_set_value (f->form, "who", g_variant_new_string ("my lab"));
  g_assert_true (cb_slurm_form_has_errors (slurm));
  g_assert_true (g_str_has_prefix (cb_slurm_form_get_resource_message (slurm,
                                                                      CB_SLURM_FIELD_ACCOUNT),
                                   "who sets the Slurm resource: Account: “my lab” cannot be "
                                   "passed"));
  g_assert_false (cb_slurm_form_check (slurm, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_clear_error (&error);
  cb_form_set_value (f->form, "who", g_variant_new_string (""));

  /* Extra lines, last */
  g_assert_true (cb_slurm_form_set_extra (slurm, (const char *[]) { "--exclusive", NULL }, NULL));
  g_assert_false (cb_slurm_form_set_extra (slurm, (const char *[]) { "exclusive", NULL }, &error));
  g_assert_cmpstr (cb_slurm_form_get_extra (slurm)[0], ==, "--exclusive");
  script = cb_slurm_form_get_script (slurm);
  g_assert_true (g_str_has_prefix (script, "#!/bin/bash\n#SBATCH --partition=debug\n"
                                           "#SBATCH --time=01:30:00\n#SBATCH --mem=4G\n"
                                           "#SBATCH --gres=gpu:2\n#SBATCH --account=lab\n"
                                           "#SBATCH --job-name=\"from project\"\n"));
  g_assert_true (has_line (script, "#SBATCH --exclusive\n\nset -e\nmodule load cuda"));
  g_assert_true (cb_slurm_form_check (slurm, NULL));
}

/* The job is named after its page when nothing names it */
static void
test_job_name (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *project = g_build_filename (f->dir, "cmdbuilder.yaml", NULL);
  g_autoptr(CbProject) plain = NULL;
  g_autoptr(CbForm) form = NULL;
  g_autoptr(CbSlurmForm) slurm = NULL;

  g_assert_true (g_file_set_contents (project, "runner: [run]\nslurm:\n", -1, NULL));
  plain = cb_project_load (f->dir, NULL);
  form = cb_form_new (plain, f->schema);
  slurm = cb_slurm_form_new (form);
  g_assert_true (cb_slurm_config_is_present (cb_slurm_form_get_config (slurm)));
  g_assert_true (has_line (cb_slurm_form_get_script (slurm), "#SBATCH --job-name=train"));
  g_assert_cmpint (cb_slurm_form_get_origin (slurm, CB_SLURM_FIELD_JOB_NAME, NULL), ==,
                   CB_SLURM_ORIGIN_DEFAULT);
}

/* The script follows the form; edited, it stays until reverted */
static void
test_script (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CbSlurmForm) slurm = cb_slurm_form_new (f->form);
  g_autofree char *edited = NULL;
  g_autofree char *before = NULL;

  g_signal_connect (slurm, "changed", G_CALLBACK (on_changed), f);
  before = g_strdup (cb_slurm_form_get_script (slurm));
  g_assert_true (g_str_has_suffix (before, "\nexec python3 run.py name=run trainer.devices=1 "
                                           "lr=0.1 size=small\n"));
  g_assert_false (cb_slurm_form_is_script_edited (slurm));

  cb_form_set_value (f->form, "name", g_variant_new_string ("a b"));
  g_assert_cmpuint (f->n_changed, >, 0);
  g_assert_true (g_str_has_suffix (cb_slurm_form_get_script (slurm),
                                   "\nexec python3 run.py 'name=\"a b\"' trainer.devices=1 lr=0.1 "
                                   "size=small\n"));

  /* Edited by hand: what is submitted, whatever the form does */
  edited = g_strconcat (cb_slurm_form_get_script (slurm), "echo done\n", NULL);
  f->n_changed = 0;
  cb_slurm_form_set_edited_script (slurm, edited);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (cb_slurm_form_is_script_edited (slurm));
  cb_form_set_value (f->form, "name", g_variant_new_string ("other"));
  g_assert_cmpstr (cb_slurm_form_get_script (slurm), ==, edited);
  g_assert_nonnull (strstr (cb_slurm_form_get_generated_script (slurm), " name=other "));

  /* Reverted; and an edit that makes the same text is none */
  cb_slurm_form_set_edited_script (slurm, NULL);
  g_assert_false (cb_slurm_form_is_script_edited (slurm));
  cb_slurm_form_set_edited_script (slurm, cb_slurm_form_get_generated_script (slurm));
  g_assert_false (cb_slurm_form_is_script_edited (slurm));
  g_assert_nonnull (strstr (cb_slurm_form_get_script (slurm), " name=other "));
}

/* Stored beside the form's values, and read back */
static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GSettings) settings = cb_form_store_create_settings (f->dir, "train");
  g_autoptr(CbFormStore) store = cb_form_store_new (f->form, settings);
  g_autoptr(CbSlurmForm) slurm = cb_slurm_form_new (f->form);
  g_autoptr(CbSlurmForm) again = NULL;
  g_autoptr(GVariant) values = NULL;
  g_auto(GStrv) dropped = NULL;
  g_autofree char *text = NULL;

  g_assert_null (cb_form_store_attach_slurm (store, slurm));
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  cb_slurm_form_set_resource (slurm, CB_SLURM_FIELD_TIME, "90", NULL);
  cb_slurm_form_set_extra (slurm, (const char *[]) { "--exclusive", NULL }, NULL);
  cb_slurm_form_set_array_limit (slurm, 2);
  cb_slurm_form_set_edited_script (slurm, "#!/bin/sh\nexit 0\n");
  cb_form_store_flush (store);

  values = g_settings_get_value (settings, "slurm");
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'target': <'slurm'>, 'time': <'01:30:00'>, "
                             "'extra': <['--exclusive']>, 'array_limit': <uint32 2>, "
                             "'script': <'#!/bin/sh\\nexit 0\\n'>}");
  /* The form's own values are untouched */
  g_clear_pointer (&values, g_variant_unref);
  values = g_settings_get_value (settings, "values");
  g_assert_cmpuint (g_variant_n_children (values), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Read back; what no longer fits is dropped */
  g_settings_set_value (settings, "slurm",
                        g_variant_new_parsed ("{'target': <'slurm'>, 'time': <'soon'>, "
                                              "'gpus': <'2'>, 'colour': <'red'>}"));
  store = cb_form_store_new (f->form, settings);
  again = cb_slurm_form_new (f->form);
  dropped = cb_form_store_attach_slurm (store, again);
  g_assert_nonnull (dropped);
  g_assert_true (g_strv_contains ((const char * const *)dropped, "time"));
  g_assert_true (g_strv_contains ((const char * const *)dropped, "colour"));
  g_assert_cmpuint (g_strv_length (dropped), ==, 2);
  g_assert_cmpint (cb_slurm_form_get_target (again), ==, CB_RUN_TARGET_SLURM);
  g_assert_cmpstr (cb_slurm_form_get_resource (again, CB_SLURM_FIELD_GPUS), ==, "2");
  g_assert_null (cb_slurm_form_get_resource (again, CB_SLURM_FIELD_TIME));
  g_assert_false (cb_slurm_form_is_script_edited (again));
  g_clear_pointer (&values, g_variant_unref);
  values = g_settings_get_value (settings, "slurm");
  g_clear_pointer (&text, g_free);
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'target': <'slurm'>, 'gpus': <'2'>}");

  g_assert_finalize_object (g_steal_pointer (&store));
  g_settings_reset (settings, "slurm");
}

/* Tasks of a job array */

static void
set_sweep (CbForm     *form,
           const char *key,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  CbField *field = cb_schema_lookup_field (cb_form_get_schema (form), key);
  g_autoptr(GVariant) sweep = cb_field_parse_sweep (field, text, &error);

  g_assert_no_error (error);
  g_assert_true (cb_form_set_value (form, key, sweep));
}

static const char *
task_label (GPtrArray *tasks,
            guint      i)
{
  return ((CbFormTask *)g_ptr_array_index (tasks, i))->label;
}

static void
test_tasks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *argv = NULL;

  /* Not a multirun: the command itself */
  tasks = cb_form_get_tasks (f->form, CB_FORM_MAX_TASKS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpstrv (((CbFormTask *)g_ptr_array_index (tasks, 0))->argv, cb_form_get_argv (f->form));
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* Every combination, the first sweep slowest; a float range as its
   * values are written, a glob over the options
   */
  set_sweep (f->form, "lr", "range(0.1, 0.4, 0.1)");
  set_sweep (f->form, "size", "glob(*l*)");
  g_assert_false (cb_form_has_errors (f->form));
  tasks = cb_form_get_tasks (f->form, CB_FORM_MAX_TASKS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 6);
  g_assert_cmpstr (task_label (tasks, 0), ==, "lr=0.1 size=large");
  g_assert_cmpstr (task_label (tasks, 1), ==, "lr=0.1 size=small");
  g_assert_cmpstr (task_label (tasks, 2), ==, "lr=0.2 size=large");
  g_assert_cmpstr (task_label (tasks, 5), ==, "lr=0.30000000000000004 size=small");
  argv = g_strjoinv (" ", ((CbFormTask *)g_ptr_array_index (tasks, 3))->argv);
  g_assert_cmpstr (argv, ==, "python3 run.py name=run trainer.devices=1 lr=0.2 size=small "
                             "++hydra.job.num=3");
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* Too many for one array */
  tasks = cb_form_get_tasks (f->form, 5, &error);
  g_assert_null (tasks);
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
}

static void
test_literal_tasks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CbSchema) schema = NULL;
  g_autoptr(CbForm) form = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSlurmForm) slurm = NULL;
  g_autofree char *argv = NULL;
  CbSlurmMessage *message;

  /* Sweeps written in the schema itself, as the earlier tool did */
  schema = load_schema (f, "constant_overrides: [--multirun, 'a=1,2', 'b=choice(x, \"y z\")', "
                           "'c=range(3)']\n"
                           "ui_elements:\n  - key: n\n    type: text_input\n    default: v\n"
                           "    hydra_override: n\n");
  form = cb_form_new (f->project, schema);
  g_assert_true (cb_form_is_multirun (form));
  tasks = cb_form_get_tasks (form, CB_FORM_MAX_TASKS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 12);
  g_assert_cmpstr (task_label (tasks, 0), ==, "a=1 b=x c=0");
  g_assert_cmpstr (task_label (tasks, 11), ==, "a=2 b=\"y z\" c=2");
  argv = g_strjoinv (" ", ((CbFormTask *)g_ptr_array_index (tasks, 1))->argv);
  /* Each runs alone: no multirun flag */
  g_assert_cmpstr (argv, ==, "python3 run.py a=1 b=x c=1 n=v ++hydra.job.num=1");

  /* One that cannot be told here */
  g_clear_object (&schema);
  g_clear_object (&form);
  schema = load_schema (f, "constant_overrides: ['model=glob(res*)']\nui_elements: []\n");
  form = cb_form_new (f->project, schema);
  slurm = cb_slurm_form_new (form);
  g_assert_true (cb_slurm_form_is_array (slurm));
  g_assert_null (cb_slurm_form_get_script (slurm));
  message = g_ptr_array_index (cb_slurm_form_get_messages (slurm), 0);
  g_assert_cmpstr (message->message, ==,
                   "The sweep “model=glob(res*)” cannot be split into jobs here; only values "
                   "separated by commas, choice() and range() can.");
  g_assert_true (cb_slurm_form_has_errors (slurm));
}

/* The array script, and a field that sets a resource and sweeps */
static void
test_array_script (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CbSlurmForm) slurm = cb_slurm_form_new (f->form);
  const char *script;

  set_sweep (f->form, "size", "large, small");
  g_assert_true (cb_slurm_form_is_array (slurm));
  script = cb_slurm_form_get_script (slurm);
  g_assert_true (has_line (script, "#SBATCH --array=0-1%3"));
  /* A log a task */
  g_assert_nonnull (strstr (script, "/outputs/.cmdbuilder/jobs/%A_%a.log\n"));
  g_assert_true (has_line (script, "  1) exec python3 run.py name=run trainer.devices=1 lr=0.1 "
                                   "size=small ++hydra.job.num=1 ;;"));
  cb_slurm_form_set_array_limit (slurm, 1);
  g_assert_true (has_line (cb_slurm_form_get_script (slurm), "#SBATCH --array=0-1%1"));

  set_sweep (f->form, "gpus", "1, 2");
  g_assert_true (cb_slurm_form_has_errors (slurm));
  g_assert_cmpstr (cb_slurm_form_get_resource_message (slurm, CB_SLURM_FIELD_GPUS), ==,
                   "gpus sweeps, but it sets the Slurm resource “GPUs per node”, which is the same "
                   "for every task of a job array.");
}

/* A job's record: written again as it goes, read back as the last one */
static void
test_job_records (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *outputs = g_build_filename (f->dir, "outputs", NULL);
  g_autoptr(CbHistory) history = cb_history_new (outputs, f->dir);
  g_autoptr(CbHistory) read = cb_history_new (outputs, f->dir);
  g_autoptr(CbSlurmTracker) tracker = cb_slurm_tracker_new ();
  g_autoptr(CbSlurmJob) job = cb_slurm_job_new ("41", "/p/%j.log");
  g_autoptr(CbJobRun) run = cb_job_run_new (job, tracker, "train", cb_form_get_argv (f->form),
                                            "#!/bin/sh\n");
  g_autoptr(CbHistoryRecord) first = NULL;
  g_autoptr(CbHistoryRecord) last = NULL;
  g_autoptr(CbHistoryRecord) back = NULL;
  g_autoptr(CbJobRun) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  cb_job_run_set_values (run, g_variant_new_parsed ("{'name': <'x'>}"),
                         g_variant_new_parsed ("{'target': <'slurm'>}"));
  first = cb_job_run_to_record (run);
  g_assert_true (cb_history_update (history, first, NULL));
  cb_slurm_job_set_state (job, CB_SLURM_JOB_TIMEOUT, "TimeLimit");
  last = cb_job_run_to_record (run);
  g_assert_true (cb_history_update (history, last, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);

  cb_history_load (read);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (read)), ==, 1);
  back = g_list_model_get_item (G_LIST_MODEL (read), 0);
  g_assert_cmpstr (cb_history_record_get_job_id (back), ==, "41");
  summary = cb_history_record_get_summary (back);
  g_assert_cmpstr (summary, ==, "Job 41: Timed out: it reached its time limit");

  again = cb_job_run_new_from_record (back, tracker, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_job_run_get_id (again), ==, "41");
  g_assert_cmpstr (cb_job_run_get_script (again), ==, "#!/bin/sh\n");
  g_assert_cmpstr (cb_execution_get_schema_id (CB_EXECUTION (again)), ==, "train");
  g_assert_cmpint (cb_job_run_get_submit_time (again), ==, cb_job_run_get_submit_time (run));
  g_assert_true (g_variant_equal (cb_job_run_get_values (again), cb_job_run_get_values (run)));
  g_assert_true (cb_job_run_can_resubmit (again));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/slurm-form/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("schema-keys", test_schema_keys);
  ADD ("resources", test_resources);
  ADD ("job-name", test_job_name);
  ADD ("script", test_script);
  ADD ("store", test_store);
  ADD ("tasks", test_tasks);
  ADD ("literal-tasks", test_literal_tasks);
  ADD ("array-script", test_array_script);
  ADD ("job-records", test_job_records);
#undef ADD

  return g_test_run ();
}
