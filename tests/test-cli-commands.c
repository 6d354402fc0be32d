/* test-cli-commands.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-test-util.h"

/* The command-line flags that build a command: --setup, --list-setups,
 * --sweep and --print-argv, on a copy of the demo project and on the
 * OCR-like fixture
 */

typedef struct
{
  char *dir;   /* a copy of the demo project */
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("CB_TEST_DEMO_DATA_DIR"), "cmdbuilder", "demo", NULL);
  const char *cp[] = { "cp", "-r", demo, NULL, NULL };

  g_autofree char *parent = cb_test_make_tempdir ();

  f->dir = g_build_filename (parent, "demo", NULL);
  cp[3] = f->dir;
  g_assert_cmpint (cb_test_run (cp, NULL, NULL, NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->dir);

  cb_test_remove_tree (parent);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->err);
}

/* Runs cmdbuilder --project @project with the arguments that follow */
static int
run (Fixture    *f,
     const char *project,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("CB_TEST_BINARY"));
  g_ptr_array_add (argv, "--project");
  g_ptr_array_add (argv, (char *)project);
  va_start (args, project);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  return cb_test_run ((const char * const *)argv->pdata, NULL, &f->out, &f->err);
}

#define RUN(f, project, ...) run (f, project, __VA_ARGS__, NULL)

static void
test_list_setups (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--list-setups"), ==, 0);
  g_assert_cmpstr (f->out, ==,
                   "receipts_baseline\tReceipts · Quick baseline\n"
                   "receipts_accurate\tReceipts · Best accuracy\n"
                   "receipts_mobile\tReceipts · On-device model\n");

  /* The setups of the architecture the values select; * marks the one
   * the values match
   */
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--setup", "receipts_accurate",
                        "--list-setups"), ==, 0);
  g_assert_nonnull (strstr (f->out, "receipts_accurate\tReceipts · Best accuracy *\n"));
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--set", "architecture=psenet",
                        "--list-setups"), ==, 0);
  g_assert_null (strstr (f->out, "receipts_baseline"));
}

static void
test_setup (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fixture = cb_test_fixture ("ocr-like");

  /* The setup's values, and --set wins over them */
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--setup", "receipts_baseline",
                        "--set", "batch_size=4", "--print-command"), ==, 0);
  g_assert_nonnull (strstr (f->out, " model.decoder.name=fpn_lite "));
  g_assert_nonnull (strstr (f->out, " data.image_size=640 "));
  g_assert_nonnull (strstr (f->out, " data.loader.train.batch_size=4 "));
  g_assert_cmpstr (f->err, ==, "");

  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--setup", "nope", "--print-command"), ==, 2);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_cmpstr (f->err, ==, "--setup: the schema “train” suggests no setup “nope” for these values "
                               "(it suggests: receipts_baseline, receipts_accurate, receipts_mobile)\n");

  /* What the setup sets that the schema has no field for is reported */
  g_assert_cmpint (RUN (f, fixture, "--schema", "train", "--setup", "quick", "--print-command"), ==, 0);
  g_assert_nonnull (strstr (f->out, " model.encoder.name=r18 "));
  g_assert_nonnull (strstr (f->err, "warning: --setup: “quick” sets “not_on_this_page”, which the schema "
                                    "“train” has no field for, or not with such a value; it is left out\n"));

  /* --setup needs a command to build */
  g_assert_cmpint (RUN (f, f->dir, "--setup", "receipts_baseline"), ==, 2);
}

static void
test_sweep (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--sweep", "seed=1, 2, 3", "--print-command"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "python3 runners/train.py --multirun trainer.accelerator=cpu "));
  g_assert_nonnull (strstr (f->out, " seed=1,2,3 "));

  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--sweep", "seed=range(0, 10, 5)", "--print-command"), ==, 0);
  g_assert_nonnull (strstr (f->out, " 'seed=range(0,10,5)' "));

  /* Only fields with sweep: true sweep */
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--sweep", "max_epochs=1,2", "--print-command"), ==, 2);
  g_assert_cmpstr (f->err, ==, "--sweep: “max_epochs” does not sweep: its schema does not say “sweep: true”\n");

  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--sweep", "seed=1,,2", "--print-command"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--sweep: “1,,2” has an empty value"));

  /* Each value is checked */
  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--sweep", "seed=1, -5", "--print-command"), ==, 1);
  g_assert_nonnull (strstr (f->err, "error: Random seed must be between 0 and 2147483647.\n"));
}

/* --print-argv: each argument and a NUL, exactly as the command runs */
static void
test_print_argv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *set_name = g_strconcat ("exp_name=", "a \"b\" c\\ ${x} \xec\x98\x81", NULL);

  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--set", "append_model_to_name=false",
                        "--set", "tags=true, a\\,b", "--sweep", "seed=1,2",
                        "--set", set_name, "--print-argv"), ==, 0);
  /* python3, the runner, the flag, two constants, exp_name, tags, seed */
  {
    const char *p = f->out;
    const char *args[8];

    for (guint i = 0; i < G_N_ELEMENTS (args); i++)
      {
        args[i] = p;
        p += strlen (p) + 1;
      }
    g_assert_cmpstr (args[0], ==, "python3");
    g_assert_cmpstr (args[1], ==, "runners/train.py");
    g_assert_cmpstr (args[2], ==, "--multirun");
    g_assert_cmpstr (args[5], ==, "exp_name=\"a \\\"b\\\" c\\ \\${x} \xec\x98\x81\"");
    g_assert_cmpstr (args[6], ==, "tags=[\"true\",\"a,b\"]");
    g_assert_cmpstr (args[7], ==, "seed=1,2");
  }
}

/* Resuming: exp_name is the name typed, as schemas/README.md says */
static void
test_resume_name (Fixture       *f,
                  gconstpointer  data)
{
  g_free (cb_test_write (f->dir, "outputs/receipts_det-psenet-resnet50/checkpoints/epoch=01-step=0200.ckpt", "{}\n"));

  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--set", "resume_training=true",
                        "--set", "resume_checkpoint=outputs/receipts_det-psenet-resnet50/checkpoints/epoch=01-step=0200.ckpt",
                        "--print-command"), ==, 0);
  g_assert_nonnull (strstr (f->out, " exp_name=receipts_det "));
  g_assert_null (strstr (f->out, "model/architectures"));
}

/* The command runs as printed: the demo runner reads every value as
 * typed, and runs a sweep job by job, each job's checkpoints in its own
 * folder, which the checkpoints source lists
 */
static void
test_run_sweep (Fixture       *f,
                gconstpointer  data)
{
  const char *name = "a \"b\" \xec\x98\x81 ${x}\\";
  g_autofree char *set_name = g_strconcat ("exp_name=", name, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *job0 = NULL;
  g_autofree char *job1 = NULL;

  g_assert_cmpint (RUN (f, f->dir, "--schema", "train", "--set", set_name,
                        "--set", "append_model_to_name=false", "--set", "max_epochs=1",
                        "--set", "dataset=receipts_small", "--sweep", "seed=1, 2", "--print-argv"), ==, 0);
  for (const char *p = f->out; *p != '\0'; p += strlen (p) + 1)
    g_ptr_array_add (argv, (char *)p);
  g_ptr_array_add (argv, NULL);

  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  g_assert_cmpint (cb_test_run ((const char * const *)argv->pdata, f->dir, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "[HYDRA] Launching 2 jobs locally"));

  job0 = g_build_filename (f->dir, "outputs", name, "0", "checkpoints", "epoch=00-step=0100.ckpt", NULL);
  job1 = g_build_filename (f->dir, "outputs", name, "1", "checkpoints", "epoch=00-step=0100.ckpt", NULL);
  g_assert_true (g_file_test (job0, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (job1, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (RUN (f, f->dir, "--list-checkpoints"), ==, 0);
  g_assert_nonnull (strstr (f->out, "/0/checkpoints/epoch=00-step=0100.ckpt\n"));
  g_assert_nonnull (strstr (f->out, "/1/checkpoints/epoch=00-step=0100.ckpt\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-commands/list-setups", test_list_setups);
  ADD ("/cli-commands/setup", test_setup);
  ADD ("/cli-commands/sweep", test_sweep);
  ADD ("/cli-commands/print-argv", test_print_argv);
  ADD ("/cli-commands/resume-name", test_resume_name);
  ADD ("/cli-commands/run-sweep", test_run_sweep);
#undef ADD

  return g_test_run ();
}
