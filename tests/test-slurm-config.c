/* test-slurm-config.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-project.h"
#include "cb-slurm-config.h"
#include "cb-slurm-resources.h"
#include "cb-slurm-units.h"
#include "cb-test-util.h"

/* Slurm's units, the resources a job asks for, and the project file's
 * slurm: section
 */

static void
test_time_parse (void)
{
  static const struct { const char *text; guint minutes; } good[] = {
    { "30", 30 }, { "0:30", 1 }, { "1:00", 1 }, { "1:01", 2 }, { "01:30:00", 90 },
    { "1:30:01", 91 }, { "2-0", 2880 }, { "1-12", 2160 }, { "1-00:30", 1470 },
    { "1-00:00:30", 1441 }, { "UNLIMITED", CB_SLURM_TIME_UNLIMITED },
    { "infinite", CB_SLURM_TIME_UNLIMITED },
  };
  static const char * const bad[] = {
    "", "abc", "1:2:3:4", "-5", "1-", "-1:00", "1.5", "1:x", "12 ", "1-2-3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint minutes = 0;

      g_assert_true (cb_slurm_time_parse (good[i].text, &minutes));
      g_assert_cmpuint (minutes, ==, good[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint minutes = 7;

      g_assert_false (cb_slurm_time_parse (bad[i], &minutes));
      g_assert_cmpuint (minutes, ==, 7);
    }
}

static void
test_time_format (void)
{
  static const struct { guint minutes; const char *text; const char *words; } cases[] = {
    { 1, "00:01:00", "1 minute" },
    { 90, "01:30:00", "1 hour 30 minutes" },
    { 24 * 60, "1-00:00:00", "1 day" },
    { 2 * 24 * 60 + 61, "2-01:01:00", "2 days 1 hour 1 minute" },
    { CB_SLURM_TIME_UNLIMITED, "UNLIMITED", "no limit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_slurm_time_format (cases[i].minutes);
      g_autofree char *words = cb_slurm_time_describe (cases[i].minutes);
      guint back = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (words, ==, cases[i].words);
      g_assert_true (cb_slurm_time_parse (text, &back));
      g_assert_cmpuint (back, ==, cases[i].minutes);
    }
}

static void
test_memory (void)
{
  static const struct { const char *text; guint64 mb; const char *normal; } good[] = {
    { "500", 500, "500M" }, { "500M", 500, "500M" }, { "32G", 32768, "32G" },
    { "32g", 32768, "32G" }, { "2048", 2048, "2G" }, { "1T", 1048576, "1T" },
    { "1536K", 2, "2M" }, { "4GB", 4096, "4G" }, { "0", 0, "0M" },
  };
  static const char * const bad[] = { "", "G", "12X", "1.5G", "-1", "3 G", "4GBB" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *normal = NULL;
      guint64 mb = 0;

      g_assert_true (cb_slurm_memory_parse (good[i].text, &mb));
      g_assert_cmpuint (mb, ==, good[i].mb);
      normal = cb_slurm_memory_format (mb);
      g_assert_cmpstr (normal, ==, good[i].normal);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint64 mb = 7;

      g_assert_false (cb_slurm_memory_parse (bad[i], &mb));
    }
}

static void
test_resources_set (void)
{
  g_autoptr(CbSlurmResources) resources = cb_slurm_resources_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_TIME, "90", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cb_slurm_resources_get (resources, CB_SLURM_FIELD_TIME), ==, "01:30:00");
  g_assert_cmpuint (cb_slurm_resources_get_number (resources, CB_SLURM_FIELD_TIME), ==, 90);

  /* A bad value names the field and leaves the old one */
  g_assert_false (cb_slurm_resources_set (resources, CB_SLURM_FIELD_TIME, "soon", &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_assert_true (g_str_has_prefix (error->message, "Time limit: “soon” is not a time limit"));
  g_assert_cmpstr (cb_slurm_resources_get (resources, CB_SLURM_FIELD_TIME), ==, "01:30:00");
  g_clear_error (&error);

  g_assert_false (cb_slurm_resources_set (resources, CB_SLURM_FIELD_CPUS_PER_TASK, "0", &error));
  g_assert_true (g_str_has_prefix (error->message, "CPUs per task: “0” is not a whole number from 1"));
  g_clear_error (&error);
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_GPUS, "0", &error));

  /* What would break the #SBATCH line, or smuggle in another option */
  g_assert_false (cb_slurm_resources_set (resources, CB_SLURM_FIELD_PARTITION, "gpu --exclusive", &error));
  g_assert_true (g_str_has_prefix (error->message, "Partition: "));
  g_clear_error (&error);
  g_assert_false (cb_slurm_resources_set (resources, CB_SLURM_FIELD_ACCOUNT, "--qos=high", &error));
  g_clear_error (&error);
  g_assert_false (cb_slurm_resources_set (resources, CB_SLURM_FIELD_JOB_NAME, "a\"b", &error));
  g_clear_error (&error);
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_JOB_NAME, "train run", &error));

  g_assert_false (cb_slurm_resources_set (resources, CB_SLURM_FIELD_MEM, "lots", &error));
  g_assert_true (g_str_has_prefix (error->message, "Memory per node: "));
  g_clear_error (&error);

  g_assert_false (cb_slurm_resources_add_extra (resources, "exclusive", &error));
  g_assert_true (g_str_has_prefix (error->message, "Extra #SBATCH lines: "));
  g_clear_error (&error);
  g_assert_true (cb_slurm_resources_add_extra (resources, "#SBATCH --exclusive", &error));
  g_assert_true (cb_slurm_resources_add_extra (resources, "--exclusive", &error));
  g_assert_cmpuint (g_strv_length ((char **)cb_slurm_resources_get_extra (resources)), ==, 1);
  g_assert_cmpstr (cb_slurm_resources_get_extra (resources)[0], ==, "--exclusive");

  cb_slurm_resources_unset (resources, CB_SLURM_FIELD_TIME);
  g_assert_false (cb_slurm_resources_is_set (resources, CB_SLURM_FIELD_TIME));
}

static void
test_resources_options (void)
{
  g_autoptr(CbSlurmResources) resources = cb_slurm_resources_new ();
  g_autoptr(GPtrArray) options = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_JOB_NAME, "train ocr", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_GPU_TYPE, "a100", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_GPUS, "2", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_GRES, "shard:4", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_PARTITION, "gpu", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_MEM, "32768", NULL));
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_CPUS_PER_TASK, "8", NULL));
  g_assert_true (cb_slurm_resources_add_extra (resources, "--constraint=ib", NULL));

  options = cb_slurm_resources_to_options (resources);
  g_ptr_array_add (options, NULL);
  joined = g_strjoinv (" ", (char **)options->pdata);
  g_assert_cmpstr (joined, ==,
                   "--partition=gpu --cpus-per-task=8 --mem=32G --gres=gpu:a100:2,shard:4 "
                   "--job-name=\"train ocr\" --constraint=ib");
}

static CbNode *
load_yaml (const char *text)
{
  g_autoptr(GError) error = NULL;
  CbNode *root = cb_yaml_load_data (text, -1, "cmdbuilder.yaml", &error);

  g_assert_no_error (error);
  return root;
}

static void
test_config_parse (void)
{
  g_autoptr(CbNode) root = load_yaml (
    "slurm:\n"
    "  defaults:\n"
    "    partition: debug\n"
    "    time: 30\n"
    "    mem: 4G\n"
    "    gpus: 1\n"
    "    extra: [--exclusive]\n"
    "  fixed:\n"
    "    account: ocr\n"
    "    qos: normal\n"
    "  setup:\n"
    "    - module load cuda/12.1\n"
    "    - source .venv/bin/activate\n"
    "  srun: true\n"
    "  output: logs/%j.txt\n"
    "  signal: USR1@90\n"
    "  array_limit: 4\n");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  g_autoptr(CbSlurmConfig) config = cb_slurm_config_parse (cb_node_lookup (root, "slurm"),
            diagnostics);
  g_autoptr(CbSlurmResources) values = cb_slurm_resources_new ();
  g_autoptr(CbSlurmResources) resolved = NULL;
  g_autofree char *output = NULL;
  const CbSlurmResources *defaults;

  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_true (cb_slurm_config_is_present (config));
  defaults = cb_slurm_config_get_defaults (config);
  g_assert_cmpstr (cb_slurm_resources_get (defaults, CB_SLURM_FIELD_PARTITION), ==, "debug");
  g_assert_cmpuint (cb_slurm_resources_get_number (defaults, CB_SLURM_FIELD_TIME), ==, 30);
  g_assert_cmpuint (cb_slurm_resources_get_number (defaults, CB_SLURM_FIELD_MEM), ==, 4096);
  g_assert_cmpstr (cb_slurm_resources_get_extra (defaults)[0], ==, "--exclusive");
  g_assert_true (cb_slurm_config_is_fixed (config, CB_SLURM_FIELD_ACCOUNT));
  g_assert_false (cb_slurm_config_is_fixed (config, CB_SLURM_FIELD_PARTITION));
  g_assert_cmpstr (cb_slurm_config_get_setup (config)[1], ==, "source .venv/bin/activate");
  g_assert_true (cb_slurm_config_get_srun (config));
  g_assert_cmpstr (cb_slurm_config_get_signal (config), ==, "USR1@90");
  g_assert_cmpuint (cb_slurm_config_get_array_limit (config), ==, 4);

  /* Defaults, then the page's values, then what the project fixes */
  g_assert_true (cb_slurm_resources_set (values, CB_SLURM_FIELD_PARTITION, "short", NULL));
  g_assert_true (cb_slurm_resources_set (values, CB_SLURM_FIELD_ACCOUNT, "mine", NULL));
  resolved = cb_slurm_config_resolve (config, values);
  g_assert_cmpstr (cb_slurm_resources_get (resolved, CB_SLURM_FIELD_PARTITION), ==, "short");
  g_assert_cmpstr (cb_slurm_resources_get (resolved, CB_SLURM_FIELD_TIME), ==, "00:30:00");
  g_assert_cmpstr (cb_slurm_resources_get (resolved, CB_SLURM_FIELD_ACCOUNT), ==, "ocr");

  output = cb_slurm_config_resolve_output (config, "/p", "/p/outputs");
  g_assert_cmpstr (output, ==, "/p/logs/%j.txt");
}

static void
test_config_defaults (void)
{
  g_autoptr(CbSlurmConfig) config = cb_slurm_config_new ();
  g_autofree char *output = cb_slurm_config_resolve_output (config, "/p", "/p/out");

  g_assert_false (cb_slurm_config_is_present (config));
  g_assert_false (cb_slurm_config_get_srun (config));
  g_assert_null (cb_slurm_config_get_signal (config));
  g_assert_cmpuint (cb_slurm_config_get_array_limit (config), ==, 0);
  g_assert_null (cb_slurm_config_get_setup (config)[0]);
  g_assert_cmpstr (output, ==, "/p/out/.cmdbuilder/jobs/%j.log");
}

static void
test_config_errors (void)
{
  g_autoptr(CbNode) root = load_yaml (
    "name: x\n"
    "slurm:\n"
    "  defaults:\n"
    "    time: soon\n"
    "    cpus: 4\n"
    "    nodes: [1, 2]\n"
    "    extra: {a: b}\n"
    "  fixed: 3\n"
    "  srun: maybe\n"
    "  signal: at the end\n"
    "  setup: {a: b}\n"
    "  colour: blue\n"
    "  array_limit: 0\n");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  g_autoptr(CbSlurmConfig) config = cb_slurm_config_parse (cb_node_lookup (root, "slurm"),
            diagnostics);
  g_autofree char *all = cb_test_diagnostics_to_string (diagnostics);

  g_test_message ("%s", all);
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "cmdbuilder.yaml:4:11: Time limit: “soon” is not a time limit"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "cmdbuilder.yaml:5:5: warning: Unknown Slurm resource “cpus”; it is ignored."));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "cmdbuilder.yaml:6:12: “nodes” must be a value, not a list."));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:7:12: “extra” must be a list"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "cmdbuilder.yaml:8:10: Slurm resources must be a mapping, not a value."));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:9:9: “srun” must be true or false."));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:10:11: “signal” must be a signal"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:11:10: “setup” must be a list"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "cmdbuilder.yaml:12:3: warning: Unknown key “colour” in the slurm section"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics,
                 "cmdbuilder.yaml:13:16: “array_limit” must be a whole number from 1"));
  g_assert_cmpuint (diagnostics->len, ==, 10);

  /* What was wrong is left out; the rest counts */
  g_assert_false (cb_slurm_resources_is_set (cb_slurm_config_get_defaults (config), CB_SLURM_FIELD_TIME));
  g_assert_null (cb_slurm_config_get_signal (config));
}

static void
test_config_load (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *good = cb_test_write (dir, "good/cmdbuilder.yaml",
                                         "name: p\nslurm:\n  defaults: {partition: debug}\n  extra_key: 1\n");
  g_autofree char *bad = cb_test_write (dir, "bad/cmdbuilder.yaml",
                                        "slurm:\n  defaults:\n    gpus: many\n");
  g_autofree char *none = cb_test_write (dir, "none/cmdbuilder.yaml", "name: p\n");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSlurmConfig) config = NULL;
  g_autofree char *expected = NULL;

  config = cb_slurm_config_load (good, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_true (cb_slurm_config_is_present (config));
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpint (((CbDiagnostic *)g_ptr_array_index (diagnostics, 0))->severity, ==,
                   CB_SEVERITY_WARNING);
  g_clear_pointer (&config, cb_slurm_config_unref);

  config = cb_slurm_config_load (bad, NULL, &error);
  g_assert_null (config);
  g_assert_error (error, CB_ERROR, CB_ERROR_INVALID);
  expected = g_strdup_printf ("%s:3:11: GPUs per node: “many” is not a whole number from 0.", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  config = cb_slurm_config_load (none, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cb_slurm_config_is_present (config));

  cb_test_remove_tree (dir);
}

/* The project keeps its slurm: section, with its problems among its own */
static void
test_project (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *with = g_build_filename (dir, "with", NULL);
  g_autofree char *without = g_build_filename (dir, "without", NULL);
  g_autofree char *file = cb_test_write (dir, "with/cmdbuilder.yaml",
                                         "name: p\n"
                                         "slurm:\n"
                                         "  defaults: {partition: debug, time: soon}\n"
                                         "  srun: true\n");
  g_autofree char *other = cb_test_write (dir, "without/cmdbuilder.yaml", "name: p\n");
  g_autofree char *expected = g_strdup_printf ("%s:3:38: Time limit: “soon” is not a time limit",
                                               file);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  CbSlurmConfig *config;

  project = cb_project_load (with, &error);
  g_assert_no_error (error);
  config = cb_project_get_slurm_config (project);
  g_assert_true (cb_slurm_config_is_present (config));
  g_assert_true (cb_slurm_config_get_srun (config));
  g_assert_cmpstr (cb_slurm_resources_get (cb_slurm_config_get_defaults (config),
                                           CB_SLURM_FIELD_PARTITION), ==, "debug");
  /* A problem of the section is the project file's, and `slurm` is known */
  g_assert_true (cb_test_diagnostics_contain (cb_project_get_diagnostics (project), expected));
  g_assert_cmpuint (cb_project_get_diagnostics (project)->len, ==, 1);
  g_clear_object (&project);

  project = cb_project_load (without, &error);
  g_assert_no_error (error);
  g_assert_false (cb_slurm_config_is_present (cb_project_get_slurm_config (project)));
  g_assert_cmpuint (cb_project_get_diagnostics (project)->len, ==, 0);

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slurm-config/time-parse", test_time_parse);
  g_test_add_func ("/slurm-config/time-format", test_time_format);
  g_test_add_func ("/slurm-config/memory", test_memory);
  g_test_add_func ("/slurm-config/resources-set", test_resources_set);
  g_test_add_func ("/slurm-config/resources-options", test_resources_options);
  g_test_add_func ("/slurm-config/parse", test_config_parse);
  g_test_add_func ("/slurm-config/defaults", test_config_defaults);
  g_test_add_func ("/slurm-config/errors", test_config_errors);
  g_test_add_func ("/slurm-config/load", test_config_load);
  g_test_add_func ("/slurm-config/project", test_project);

  return g_test_run ();
}
