/* test-slurm-script.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-slurm-config.h"
#include "cb-slurm-script.h"
#include "cb-test-util.h"

/* The batch script: #SBATCH lines, setup, the exact argv quoted for the
 * shell; and reading a script (maybe edited by hand) back
 */

static CbSlurmConfig *
config_from (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = cb_yaml_load_data (yaml, -1, "cmdbuilder.yaml", &error);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new ();

  g_assert_no_error (error);
  return cb_slurm_config_parse (cb_node_lookup (root, "slurm"), diagnostics);
}

static void
test_script_plain (void)
{
  static const char * const argv[] = {
    "python3", "runners/train.py", "model=dbnet", "name=first run", "note=it's", "empty=", NULL
  };
  g_autoptr(CbSlurmScript) script = cb_slurm_script_new (argv, "/home/me/proj");
  g_autoptr(CbSlurmConfig) config = cb_slurm_config_new ();
  g_autoptr(CbSlurmResources) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  resources = cb_slurm_config_resolve (config, NULL);
  g_assert_true (cb_slurm_resources_set (resources, CB_SLURM_FIELD_TIME, "30", NULL));
  cb_slurm_script_set_resources (script, resources);
  cb_slurm_script_set_output (script, "/home/me/proj/outputs/.cmdbuilder/jobs/%j.log");

  text = cb_slurm_script_to_text (script, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "#!/bin/bash\n"
                   "#SBATCH --time=00:30:00\n"
                   "#SBATCH --chdir=/home/me/proj\n"
                   "#SBATCH --output=/home/me/proj/outputs/.cmdbuilder/jobs/%j.log\n"
                   "\n"
                   "exec python3 runners/train.py model=dbnet 'name=first run' 'note=it'\\''s' empty=\n");
}

static void
test_script_project (void)
{
  static const char * const argv[] = { "python3", "runners/train.py", "trainer.devices=2", NULL };
  g_autoptr(CbSlurmConfig) config = config_from (
    "slurm:\n"
    "  defaults: {partition: gpu, time: '4:00:00', gpus: 2, gpu_type: a100, mem: 32G,\n"
    "             extra: [--constraint=ib]}\n"
    "  fixed: {account: ocr-lab}\n"
    "  setup: [module load cuda/12.1, source .venv/bin/activate]\n"
    "  srun: true\n"
    "  signal: USR1@90\n");
  g_autoptr(CbSlurmScript) script = cb_slurm_script_new (argv, "/home/me/my proj");
  g_autoptr(CbSlurmResources) values = cb_slurm_resources_new ();
  g_autoptr(CbSlurmResources) resources = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cb_slurm_resources_set (values, CB_SLURM_FIELD_JOB_NAME, "train", NULL));
  resources = cb_slurm_config_resolve (config, values);
  cb_slurm_script_set_resources (script, resources);
  cb_slurm_script_set_config (script, config);
  output = cb_slurm_config_resolve_output (config, "/home/me/my proj", "/home/me/my proj/outputs");
  cb_slurm_script_set_output (script, output);

  text = cb_slurm_script_to_text (script, NULL);
  g_assert_cmpstr (text, ==,
                   "#!/bin/bash\n"
                   "#SBATCH --partition=gpu\n"
                   "#SBATCH --time=04:00:00\n"
                   "#SBATCH --mem=32G\n"
                   "#SBATCH --gres=gpu:a100:2\n"
                   "#SBATCH --account=ocr-lab\n"
                   "#SBATCH --job-name=train\n"
                   "#SBATCH --chdir=\"/home/me/my proj\"\n"
                   "#SBATCH --output=\"/home/me/my proj/outputs/.cmdbuilder/jobs/%j.log\"\n"
                   "#SBATCH --signal=USR1@90\n"
                   "#SBATCH --constraint=ib\n"
                   "\n"
                   "set -e\n"
                   "module load cuda/12.1\n"
                   "source .venv/bin/activate\n"
                   "\n"
                   "exec srun python3 runners/train.py trainer.devices=2\n");

  /* What the tracker reads back from it */
  {
    g_autofree char *chdir = cb_slurm_script_lookup_option (text, "--chdir", 'D');
    g_autofree char *log = cb_slurm_script_lookup_option (text, "--output", 'o');
    g_autofree char *name = cb_slurm_script_lookup_option (text, "--job-name", 'J');
    g_autofree char *array = cb_slurm_script_lookup_option (text, "--array", 'a');

    g_assert_cmpstr (chdir, ==, "/home/me/my proj");
    g_assert_cmpstr (log, ==, "/home/me/my proj/outputs/.cmdbuilder/jobs/%j.log");
    g_assert_cmpstr (name, ==, "train");
    g_assert_null (array);
  }
}

static void
test_script_signal_without_srun (void)
{
  static const char * const argv[] = { "python3", "train.py", NULL };
  g_autoptr(CbSlurmConfig) config = config_from ("slurm: {signal: USR1@120}\n");
  g_autoptr(CbSlurmScript) script = cb_slurm_script_new (argv, "/p");
  g_autofree char *text = NULL;

  cb_slurm_script_set_config (script, config);
  text = cb_slurm_script_to_text (script, NULL);
  /* The batch shell becomes the command (exec), and B: reaches it */
  g_assert_nonnull (strstr (text, "#SBATCH --signal=B:USR1@120\n"));
  g_assert_nonnull (strstr (text, "\nexec python3 train.py\n"));
}

static void
test_script_array (void)
{
  static const char * const argv[] = { "python3", "train.py", NULL };
  static const char * const lr1[] = { "python3", "train.py", "lr=0.1", NULL };
  static const char * const lr2[] = { "python3", "train.py", "lr=0.01", "tag=a b", NULL };
  g_autoptr(CbSlurmScript) script = cb_slurm_script_new (argv, "/p");
  g_autoptr(GPtrArray) argvs = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GArray) ids = NULL;
  guint limit = 0;

  g_ptr_array_add (argvs, (gpointer)lr1);
  g_ptr_array_add (argvs, (gpointer)lr2);
  cb_slurm_script_set_array (script, argvs, 1);
  cb_slurm_script_set_output (script, "/p/jobs/%j.log");

  text = cb_slurm_script_to_text (script, NULL);
  g_assert_cmpstr (text, ==,
                   "#!/bin/bash\n"
                   "#SBATCH --chdir=/p\n"
                   "#SBATCH --output=/p/jobs/%A_%a.log\n"
                   "#SBATCH --array=0-1%1\n"
                   "\n"
                   "case \"$SLURM_ARRAY_TASK_ID\" in\n"
                   "  0) exec python3 train.py lr=0.1 ;;\n"
                   "  1) exec python3 train.py lr=0.01 'tag=a b' ;;\n"
                   "  *) echo \"No command for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n"
                   "esac\n");

  spec = cb_slurm_script_lookup_option (text, "--array", 'a');
  ids = cb_slurm_array_parse (spec, &limit, NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpuint (limit, ==, 1);
  log = cb_slurm_script_lookup_option (text, "--output", 'o');
  g_assert_cmpstr (log, ==, "/p/jobs/%A_%a.log");
}

static void
test_script_bad_path (void)
{
  static const char * const argv[] = { "true", NULL };
  g_autoptr(CbSlurmScript) script = cb_slurm_script_new (argv, "/home/me/a\"b");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = cb_slurm_script_to_text (script, &error);

  g_assert_null (text);
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "/home/me/a\"b"));
}

static void
test_read_options (void)
{
  const char *text =
    "#!/bin/bash\n"
    "# a comment\n"
    "#SBATCH -J short -o /logs/%x.out   # trailing comment\n"
    "#SBATCH --array 0-9%3\n"
    "#SBATCH -D/work\n"
    "\n"
    "#SBATCH --time=5\n"
    "echo hi\n"
    "#SBATCH --partition=after-the-command\n";
  g_autofree char *name = cb_slurm_script_lookup_option (text, "--job-name", 'J');
  g_autofree char *log = cb_slurm_script_lookup_option (text, "--output", 'o');
  g_autofree char *array = cb_slurm_script_lookup_option (text, "--array", 'a');
  g_autofree char *chdir = cb_slurm_script_lookup_option (text, "--chdir", 'D');
  g_autofree char *time = cb_slurm_script_lookup_option (text, "--time", 't');
  g_autofree char *partition = cb_slurm_script_lookup_option (text, "--partition", 'p');

  g_assert_cmpstr (name, ==, "short");
  g_assert_cmpstr (log, ==, "/logs/%x.out");
  g_assert_cmpstr (array, ==, "0-9%3");
  g_assert_cmpstr (chdir, ==, "/work");
  g_assert_cmpstr (time, ==, "5");
  /* sbatch stops reading #SBATCH lines at the first command */
  g_assert_null (partition);
}

static void
test_array_parse (void)
{
  static const struct { const char *spec; const char *ids; guint limit; } good[] = {
    { "0-3", "0 1 2 3", 0 }, { "0-3%2", "0 1 2 3", 2 }, { "1,3,5-6", "1 3 5 6", 0 },
    { "0-10:5", "0 5 10", 0 }, { "7", "7", 0 },
  };
  static const char * const bad[] = { "", "a-b", "3-1", "0-3%", "0-4:0", "1,,2" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GString) joined = g_string_new (NULL);
      guint limit = 99;

      ids = cb_slurm_array_parse (good[i].spec, &limit, NULL);
      g_assert_nonnull (ids);
      for (guint j = 0; j < ids->len; j++)
        g_string_append_printf (joined, "%s%u", j ? " " : "", g_array_index (ids, guint, j));
      g_assert_cmpstr (joined->str, ==, good[i].ids);
      g_assert_cmpuint (limit, ==, good[i].limit);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = cb_slurm_array_parse (bad[i], NULL, &error);

      g_assert_null (ids);
      g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
    }
}

static void
test_output_expand (void)
{
  g_autofree char *a = cb_slurm_output_expand ("/o/%j.log", "12", NULL, -1, "train", "vm");
  g_autofree char *b = cb_slurm_output_expand ("/o/%A_%a-%x-%N.log", "15", "12", 3, "sweep",
                                               "gpu01");
  g_autofree char *c = cb_slurm_output_expand ("/o/%5j%%%q.log", "12", NULL, -1, NULL, NULL);
  g_autofree char *d = cb_slurm_output_expand ("/o/%3a.log", "15", "12", 7, NULL, NULL);

  g_assert_cmpstr (a, ==, "/o/12.log");
  g_assert_cmpstr (b, ==, "/o/12_3-sweep-gpu01.log");
  g_assert_cmpstr (c, ==, "/o/00012%%q.log");
  g_assert_cmpstr (d, ==, "/o/007.log");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slurm-script/plain", test_script_plain);
  g_test_add_func ("/slurm-script/project", test_script_project);
  g_test_add_func ("/slurm-script/signal-without-srun", test_script_signal_without_srun);
  g_test_add_func ("/slurm-script/array", test_script_array);
  g_test_add_func ("/slurm-script/bad-path", test_script_bad_path);
  g_test_add_func ("/slurm-script/read-options", test_read_options);
  g_test_add_func ("/slurm-script/array-parse", test_array_parse);
  g_test_add_func ("/slurm-script/output-expand", test_output_expand);

  return g_test_run ();
}
