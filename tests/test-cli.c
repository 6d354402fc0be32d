/* test-cli.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-test-util.h"

/* Runs the installed-like binary as a user would, with its own data home */

typedef struct
{
  char *home;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->home = cb_test_make_tempdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cb_test_remove_tree (f->home);
  g_free (f->home);
  g_free (f->out);
  g_free (f->err);
}

static int
run_in (Fixture    *f,
        const char *cwd,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (f->home, "data", NULL);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("CB_TEST_BINARY")));
  va_start (args, cwd);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", g_getenv ("CB_TEST_DEMO_DATA_DIR"), TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

#define run(f, ...) run_in (f, NULL, __VA_ARGS__, NULL)

static char *
fixture_project (void)
{
  return cb_test_fixture ("ocr-like");
}

static void
test_cli_demo_train (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *copy = NULL;

  /* Without --project and outside a project: the demo, copied for the user */
  g_assert_cmpint (run (f, "--print-command", "--schema", "train"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "python3 runners/train.py "));
  g_assert_nonnull (strstr (f->out, " exp_name=receipts_det-dbnet-resnet18 "));
  g_assert_cmpstr (f->err, ==, "");
  /* One line */
  g_assert_true (g_str_has_suffix (f->out, "\n"));
  g_assert_true (strchr (f->out, '\n') == f->out + strlen (f->out) - 1);

  copy = g_build_filename (f->home, "data", "cmdbuilder", "demo", "cmdbuilder.yaml", NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
}

static void
test_cli_demo_check (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpint (run (f, "--check"), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
}

static void
test_cli_demo_set (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (run (f, "--print-command", "--schema", "train",
                        "--set", "exp_name=my run",
                        "--set", "append_model_to_name=false",
                        "--set", "max_epochs=3",
                        "--set", "architecture=east"), ==, 0);
  g_assert_nonnull (strstr (f->out, " 'exp_name=\"my run\"' "));
  g_assert_nonnull (strstr (f->out, " model/architectures=east "));
  g_assert_nonnull (strstr (f->out, " trainer.max_epochs=3"));
}

static void
test_cli_validation_errors (Fixture       *f,
                            gconstpointer  data)
{
  /* Nothing on stdout, each error on its own line on stderr, exit 1 */
  g_assert_cmpint (run (f, "--print-command", "--schema", "train",
                        "--set", "exp_name=x", "--set", "max_epochs=100000"), ==, 1);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "error: Experiment name must be at least 3 characters long.\n"));
  g_assert_nonnull (strstr (f->err, "\nerror: Epochs must be between 1 and 100.\n"));

  g_assert_cmpint (run (f, "--print-command", "--schema", "test"), ==, 1);
  g_assert_cmpstr (f->out, ==, "");
  /* Before any training run: the error says why there is nothing to pick */
  g_assert_nonnull (strstr (f->err, "Checkpoint is required, and no file matches outputs/*/checkpoints/*.ckpt, "
                                    "outputs/*/*/checkpoints/*.ckpt yet."));
}

static void
test_cli_bad_flags (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpint (run (f, "--print-command", "--schema", "nope"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--schema: the project has no schema “nope” (it has: train, test, predict)"));

  g_assert_cmpint (run (f, "--print-command", "--schema", "train", "--set", "bogus=1"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--set: the schema “train” has no field “bogus”"));

  g_assert_cmpint (run (f, "--print-command", "--schema", "train", "--set", "novalue"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--set: expected KEY=VALUE"));

  g_assert_cmpint (run (f, "--print-command", "--schema", "train", "--set", "seed=abc"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“seed” takes a whole number, not “abc”"));

  g_assert_cmpint (run (f, "--print-command", "--schema", "train", "--set", "pretrained=maybe"), ==, 2);
  g_assert_nonnull (strstr (f->err, "is a checkbox"));

  g_assert_cmpint (run (f, "--print-command", "--project", "/nonexistent/folder"), ==, 2);
  g_assert_nonnull (strstr (f->err, "/nonexistent/folder: no such folder"));

  g_assert_cmpint (run (f, "--no-such-flag"), !=, 0);
}

static void
test_cli_version_help (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_cmpint (run (f, "--version"), ==, 0);
  g_assert_cmpstr (f->out, ==, PACKAGE_NAME " " PACKAGE_VERSION "\n");

  g_assert_cmpint (run (f, "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "--print-command"));
  g_assert_nonnull (strstr (f->out, "--project=DIR"));
}

static void
test_cli_fixture_additions (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *project = fixture_project ();

  g_assert_cmpint (run (f, "--project", project, "--check"), ==, 0);

  g_assert_cmpint (run (f, "--project", project, "--print-command", "--schema", "train"), ==, 0);
  g_assert_cmpstr (f->out, ==,
                   "uv run python runners/train.py trainer.accelerator=cpu exp_name=run "
                   "model/architectures=alpha model.encoder.name=r34 model.decoder.name=unet "
                   "model/optimizers=adam model.optimizer.lr=0.001 loader.train.batch_size=8 "
                   "loader.val.batch_size=8 trainer.max_epochs=10 data=base\n");

  /* suffix, emit_if and extra_overrides */
  g_assert_cmpint (run (f, "--project", project, "--print-command", "--schema", "train",
                        "--set", "tag_model=true", "--set", "debug=true", "--set", "profile=sharp",
                        "--set", "tags=fast,two words", "--set", "architecture=beta"), ==, 0);
  g_assert_cmpstr (f->out, ==,
                   "uv run python runners/train.py trainer.accelerator=cpu exp_name=run-beta-vgg "
                   "model/architectures=beta model.encoder.name=vgg model.decoder.name=pan "
                   "model/optimizers=sgd model.optimizer.lr=0.01 loader.train.batch_size=8 "
                   "loader.val.batch_size=8 trainer.max_epochs=10 'tags=[fast,\"two words\"]' "
                   "trainer.fast_dev_run=true data=canonical +preset/datasets=sharp "
                   "'transforms.train=\"${sharp.train}\"' 'transforms.kernel=[3,3]'\n");

  /* A checkpoint from the paths source, quoted for Hydra and the shell */
  g_assert_cmpint (run (f, "--project", project, "--print-command", "--schema", "test",
                        "--set", "checkpoint=outputs/run-alpha-r18/checkpoints/epoch=03-step=0120.ckpt"), ==, 0);
  g_assert_cmpstr (f->out, ==,
                   "uv run python runners/test.py exp_name=eval "
                   "'checkpoint_path=\"outputs/run-alpha-r18/checkpoints/epoch=03-step=0120.ckpt\"'\n");

  g_assert_cmpint (run (f, "--project", project, "--print-command", "--schema", "test",
                        "--set", "checkpoint=outputs/none.ckpt"), ==, 1);
  g_assert_nonnull (strstr (f->err, "error: Checkpoint Path: the file “outputs/none.ckpt” does not exist."));
}

static void
test_cli_current_folder (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *project = fixture_project ();

  /* The current folder is the project when it holds a cmdbuilder.yaml */
  g_assert_cmpint (run_in (f, project, "--print-command", "--schema", "test",
                           "--set", "checkpoint=outputs/run-alpha-r18/checkpoints/epoch=03-step=0120.ckpt",
                           NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "uv run python runners/test.py"));
}

static void
test_cli_bad_project (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *file = cb_test_write (dir, "cmdbuilder.yaml",
                                         "sources:\n  a: {values: [x]}\n");
  g_autofree char *schema = cb_test_write (dir, "schemas/train.yaml",
                                           "ui_elements:\n"
                                           "  - key: a\n"
                                           "    type: selectbox\n"
                                           "    options_source: b\n"
                                           "  - key: c\n"
                                           "    type: unknown_type\n");
  g_autofree char *other = cb_test_write (dir, "schemas/zz.yaml", "title: [broken\n");
  g_autofree char *expected = NULL;

  g_assert_cmpint (run (f, "--project", dir, "--check"), ==, 2);
  expected = g_strdup_printf ("%s:4:21: the project defines no options source “b”\n", schema);
  g_assert_nonnull (strstr (f->err, expected));
  g_free (expected);
  expected = g_strdup_printf ("%s:6:11: warning: unknown element type “unknown_type”", schema);
  g_assert_nonnull (strstr (f->err, expected));
  g_free (expected);
  expected = g_strdup_printf ("%s:2:1: YAML syntax error", other);
  g_assert_nonnull (strstr (f->err, expected));

  /* The same schema cannot print a command */
  g_assert_cmpint (run (f, "--project", dir, "--print-command", "--schema", "train"), ==, 2);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "no options source “b”"));

  /* A folder that is not a project */
  g_assert_cmpint (run (f, "--project", f->home, "--check"), ==, 2);
  g_assert_nonnull (strstr (f->err, "has no cmdbuilder.yaml"));

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/demo-train", test_cli_demo_train);
  ADD ("/cli/demo-check", test_cli_demo_check);
  ADD ("/cli/demo-set", test_cli_demo_set);
  ADD ("/cli/validation-errors", test_cli_validation_errors);
  ADD ("/cli/bad-flags", test_cli_bad_flags);
  ADD ("/cli/version-help", test_cli_version_help);
  ADD ("/cli/fixture-additions", test_cli_fixture_additions);
  ADD ("/cli/current-folder", test_cli_current_folder);
  ADD ("/cli/bad-project", test_cli_bad_project);
#undef ADD

  return g_test_run ();
}
