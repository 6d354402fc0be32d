/* test-cli.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <utime.h>

#include <glib/gstdio.h>

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

  g_assert_cmpint (run (f, "--no-such-flag"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--no-such-flag"));
}

static void
test_cli_bad_flag_values (Fixture       *f,
                          gconstpointer  data)
{
  /* Every bad flag exits 2 and names the flag, even when the option parser
   * itself refuses it */
  g_assert_cmpint (run (f, "--print-command", "--schema", "train", "--set", "exp_name=caf\351"), ==, 2);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "--set: “exp_name=caf\\351” is not valid text"));

  g_assert_cmpint (run (f, "--print-command", "--schema", "tr\377in"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--schema: “tr\\377in” is not valid text"));

  g_assert_cmpint (run (f, "--print-command", "--schema"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--schema"));

  g_assert_cmpint (run (f, "--print-command", "--set"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--set"));

  g_assert_cmpint (run (f, "--check", "--follow"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--follow"));

  g_assert_cmpint (run (f, "--set", "a=b"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--set"));
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

/* --list-checkpoints with names a line-based reader would split: escaped
 * one per line, or exact and NUL-terminated with --null. Output is read as
 * bytes: names need not be UTF-8.
 */
static void
test_cli_list_checkpoint_names (Fixture       *f,
                                gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *escaped;
  } names[] = {
    { "a\nb.ckpt", "a\\nb.ckpt" },
    { "tab\there.ckpt", "tab\\there.ckpt" },
    { "back\\slash.ckpt", "back\\\\slash.ckpt" },
    { "esc\x1b[31m.ckpt", "esc\\033[31m.ckpt" },
    { "bad\xff.ckpt", "bad\\377.ckpt" },
    { "csi\xc2\x9b.ckpt", "csi\\302\\233.ckpt" },   /* U+009B, a C1 control */
    { "영수증 1.ckpt", "영수증 1.ckpt" },
  };
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(GString) human = g_string_new (NULL);
  g_autoptr(GByteArray) exact = g_byte_array_new ();

  g_free (cb_test_write (dir, "cmdbuilder.yaml", "sources: {checkpoints: {paths: \"outputs/*/*.ckpt\"}}\n"));
  g_free (cb_test_write (dir, "schemas/.keep", ""));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *relative = g_strconcat ("outputs/run/", names[i].name, NULL);
      g_autofree char *path = cb_test_write (dir, relative, "x");
      struct utimbuf times = { 1700000000 - i, 1700000000 - i };

      g_assert_cmpint (utime (path, &times), ==, 0);
      g_string_append_printf (human, "outputs/run/%s\n", names[i].escaped);
      g_byte_array_append (exact, (const guint8 *)relative, strlen (relative) + 1);
    }

  for (guint null = 0; null <= 1; null++)
    {
      const char *argv[] = { g_getenv ("CB_TEST_BINARY"), "--project", dir, "--list-checkpoints",
                             null ? "-z" : NULL, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GError) error = NULL;

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (process));

      if (null)
        g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), exact->data, exact->len);
      else
        g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), human->str, human->len);
    }

  /* --null is for --list-checkpoints only */
  g_assert_cmpint (run (f, "--project", dir, "--print-command", "--null"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--null goes with --list-checkpoints"));

  cb_test_remove_tree (dir);
}

/* --run */

/* A project whose one page runs runners/go.py mode=MODE */
static char *
make_run_project (void)
{
  char *dir = cb_test_make_tempdir ();
  g_autofree char *project = cb_test_write (dir, "cmdbuilder.yaml", "runner: [python3, \"runners/{id}.py\"]\n");
  g_autofree char *schema = cb_test_write (dir, "schemas/go.yaml",
                                           "ui_elements:\n"
                                           "  - key: mode\n"
                                           "    type: text_input\n"
                                           "    default: ok\n"
                                           "    hydra_override: mode\n"
                                           "    validation:\n"
                                           "      required: true\n");
  g_autofree char *missing = cb_test_write (dir, "schemas/missing.yaml",
                                            "command: [no-such-runner-anywhere]\n"
                                            "ui_elements: []\n");
  g_autofree char *runner = cb_test_write (dir, "runners/go.py",
    "import os, signal, sys, time\n"
    "mode = sys.argv[1].split('=', 1)[1]\n"
    "if mode == 'ok':\n"
    "    print('out 1', flush=True)\n"
    "    print('err 1', file=sys.stderr, flush=True)\n"
    "    print('Epoch 2/4', flush=True)\n"
    "    sys.exit(3)\n"
    "if mode == 'kill':\n"
    "    os.kill(os.getpid(), signal.SIGKILL)\n"
    "if mode == 'wait':\n"
    "    def on_term(signum, frame):\n"
    "        print('got TERM', flush=True)\n"
    "        sys.exit(5)\n"
    "    signal.signal(signal.SIGTERM, on_term)\n"
    "    print('ready', flush=True)\n"
    "    time.sleep(1000)\n");

  return dir;
}

static char *
read_history (const char *project)
{
  g_autofree char *path = g_build_filename (project, "outputs", ".cmdbuilder", "history", NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

static void
test_cli_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *project = make_run_project ();
  g_autofree char *history = NULL;
  g_autofree char *log = NULL;
  const char *log_path;

  /* The command's output, passed on as it is; its exit status */
  g_assert_cmpint (run (f, "--project", project, "--run"), ==, 3);
  g_assert_cmpstr (f->out, ==, "out 1\nEpoch 2/4\n");
  g_assert_true (g_str_has_prefix (f->err, "err 1\ncmdbuilder: Failed with exit code 3 after "));
  /* No progress line: stderr is not a terminal */
  g_assert_null (strstr (f->err, "(50%)"));

  /* The log, and a history record with the values */
  log_path = strstr (f->err, "; the log is ") + strlen ("; the log is ");
  log = g_strndup (log_path, strcspn (log_path, "\n"));
  g_assert_true (g_str_has_prefix (log, project));
  {
    g_autofree char *contents = NULL;

    /* Both streams, as they came: Python writes a line and its newline
     * apart, so they may interleave */
    g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "out 1"));
    g_assert_nonnull (strstr (contents, "err 1"));
    g_assert_nonnull (strstr (contents, "Epoch 2/4"));
  }
  history = read_history (project);
  g_assert_nonnull (strstr (history, "'state': <'failed'>"));
  g_assert_nonnull (strstr (history, "'exit-status': <3>"));

  /* Values from --set */
  g_assert_cmpint (run (f, "--project", project, "--run", "--set", "mode=kill"), ==, 128 + SIGKILL);
  g_assert_nonnull (strstr (f->err, "cmdbuilder: Killed by signal 9"));

  /* Values that do not validate: nothing runs */
  g_free (history);
  history = read_history (project);
  g_assert_cmpint (run (f, "--project", project, "--run", "--set", "mode="), ==, 1);
  g_assert_nonnull (strstr (f->err, "error: "));
  {
    g_autofree char *after = read_history (project);

    g_assert_cmpstr (after, ==, history);
  }

  /* A command that cannot start: 127, as a shell says */
  g_assert_cmpint (run (f, "--project", project, "--run", "--schema", "missing"), ==, 127);
  g_assert_nonnull (strstr (f->err, "cmdbuilder: The command could not start"));

  /* --run goes alone */
  g_assert_cmpint (run (f, "--project", project, "--run", "--check"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--run"));

  cb_test_remove_tree (project);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static char *
read_line (GDataInputStream *stream)
{
  char *line = NULL;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_line, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  return line;
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("timed out waiting for the command");
  return G_SOURCE_REMOVE;
}

static void
test_cli_run_interrupt (Fixture       *f,
                        gconstpointer  data)
{
  /* Ctrl+C stops the command as Stop does: it gets SIGTERM, may end in its
   * own way, and that is the exit status */
  g_autofree char *project = make_run_project ();
  g_autofree char *data_home = g_build_filename (f->home, "data", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDataInputStream) err_stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *err = NULL;
  g_autofree char *history = NULL;
  guint timeout_id;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CB_TEST_BINARY"),
                                         "--project", project, "--run", "--set", "mode=wait", NULL);
  g_assert_no_error (error);

  timeout_id = g_timeout_add_seconds (60, on_timeout, NULL);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = read_line (out);
  g_assert_cmpstr (line, ==, "ready");

  g_subprocess_send_signal (process, SIGINT);

  g_free (line);
  line = read_line (out);
  g_assert_cmpstr (line, ==, "got TERM");

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_source_remove (timeout_id);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 5);

  err_stream = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  err = g_data_input_stream_read_upto (err_stream, "", 0, NULL, NULL, NULL);
  g_assert_nonnull (strstr (err, "cmdbuilder: stopping the command"));
  g_assert_nonnull (strstr (err, "cmdbuilder: Stopped after "));
  history = read_history (project);
  g_assert_nonnull (strstr (history, "'state': <'stopped'>"));
  g_assert_nonnull (strstr (history, "'exit-status': <5>"));

  cb_test_remove_tree (project);
}

static void
test_cli_run_demo (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *checkpoint = NULL;

  /* The demo's own runner, through the window's path: train writes its
   * checkpoints */
  g_assert_cmpint (run (f, "--run", "--schema", "train", "--set", "max_epochs=2"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "Command Builder demo runner: train\n"));
  g_assert_nonnull (strstr (f->err, "cmdbuilder: Finished in "));

  checkpoint = g_build_filename (f->home, "data", "cmdbuilder", "demo", "outputs",
                                 "receipts_det-dbnet-resnet18", "checkpoints", "epoch=01-step=0200.ckpt", NULL);
  g_assert_true (g_file_test (checkpoint, G_FILE_TEST_IS_REGULAR));
}

/* --history, --diff and --metrics */

/* The fields of each line of --history */
static GPtrArray *
history_lines (Fixture *f)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_auto(GStrv) rows = NULL;

  g_assert_cmpint (run (f, "--history"), ==, 0);
  rows = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; rows[i] != NULL && rows[i][0] != '\0'; i++)
    {
      char **fields = g_strsplit (rows[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_ptr_array_add (lines, fields);
    }
  return lines;
}

static const char *
id_of (GPtrArray *lines,
       guint      index)
{
  return ((char **)g_ptr_array_index (lines, index))[0];
}

static void
test_cli_history (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *heading = NULL;
  char **newest, **second, **oldest;

  /* No run yet */
  g_assert_cmpint (run (f, "--history"), ==, 0);
  g_assert_cmpstr (f->out, ==, "");

  /* Three real runs, recorded by --run */
  g_assert_cmpint (run (f, "--run", "--schema", "train", "--set", "max_epochs=2"), ==, 0);
  g_assert_cmpint (run (f, "--run", "--schema", "train", "--set", "max_epochs=3", "--set", "seed=7"),
                   ==, 0);
  g_assert_cmpint (run (f, "--run", "--schema", "test", "--set",
                        "checkpoint=outputs/receipts_det-dbnet-resnet18/checkpoints/epoch=02-step=0300.ckpt"), ==, 0);

  /* Newest first: id, start, page, how it ended, command */
  lines = history_lines (f);
  g_assert_cmpuint (lines->len, ==, 3);
  newest = g_ptr_array_index (lines, 0);
  second = g_ptr_array_index (lines, 1);
  oldest = g_ptr_array_index (lines, 2);
  g_assert_cmpstr (newest[2], ==, "test");
  g_assert_cmpstr (second[2], ==, "train");
  g_assert_cmpstr (oldest[2], ==, "train");
  for (guint i = 0; i < lines->len; i++)
    {
      char **fields = g_ptr_array_index (lines, i);

      g_assert_cmpuint (strlen (fields[0]), ==, 8);
      g_assert_cmpuint (strspn (fields[0], "0123456789abcdef"), ==, 8);
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$", fields[1], 0, 0));
      g_assert_cmpstr (fields[3], ==, "succeeded");
      g_assert_true (g_str_has_prefix (fields[4], "python3 runners/"));
      if (i > 0)
        g_assert_cmpstr (fields[1], <=, ((char **)g_ptr_array_index (lines, i - 1))[1]);
    }
  g_assert_cmpstr (newest[0], !=, second[0]);
  g_assert_cmpstr (second[0], !=, oldest[0]);
  g_assert_nonnull (strstr (second[4], " seed=7 "));
  g_assert_nonnull (strstr (oldest[4], " trainer.max_epochs=2 "));

  /* The ids stay */
  {
    g_autoptr(GPtrArray) again = history_lines (f);

    for (guint i = 0; i < lines->len; i++)
      g_assert_cmpstr (id_of (again, i), ==, id_of (lines, i));
  }

  /* What differs, as a unified diff marks it */
  g_assert_cmpint (run (f, "--diff", oldest[0], second[0]), ==, 0);
  heading = g_strdup_printf ("--- %s train ", oldest[0]);
  g_assert_true (g_str_has_prefix (f->out, heading));
  g_free (heading);
  heading = g_strdup_printf ("\n+++ %s train ", second[0]);
  g_assert_nonnull (strstr (f->out, heading));
  g_assert_nonnull (strstr (f->out, "\nValues:\n  max_epochs: 2 → 3\n  seed: (default) → 7\nCommand:\n"));
  g_assert_nonnull (strstr (f->out, "\n- seed=42\n+ seed=7\n- trainer.max_epochs=2\n+ trainer.max_epochs=3\n"));
  g_assert_null (strstr (f->out, "trainer.accelerator"));
  g_assert_cmpstr (f->err, ==, "");

  /* The equal ones too; a run's id by its first digits */
  prefix = g_strndup (second[0], 4);
  g_assert_cmpint (run (f, "--diff", "--all", oldest[0], prefix), ==, 0);
  g_assert_nonnull (strstr (f->out, "\n  trainer.accelerator=cpu\n"));
  g_assert_nonnull (strstr (f->out, "\n- trainer.max_epochs=2\n+ trainer.max_epochs=3\n"));

  /* Equal runs: nothing */
  g_assert_cmpint (run (f, "--diff", second[0], second[0]), ==, 0);
  g_assert_cmpstr (f->out, ==, "");

  /* An id no run has; not two ids */
  g_assert_cmpint (run (f, "--diff", second[0], "ffffffff"), ==, 2);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "“ffffffff”"));
  g_assert_cmpint (run (f, "--diff", second[0]), ==, 2);
  g_assert_nonnull (strstr (f->err, "--diff RUN_A RUN_B"));
  g_assert_cmpint (run (f, "--diff", oldest[0], second[0], newest[0]), ==, 2);

  /* A run's metrics: a table, or every value as CSV */
  g_assert_cmpint (run (f, "--metrics", second[0]), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "metric "));
  g_assert_true (g_regex_match_simple ("\nloss +[0-9.]+ +[0-9.]+ +[0-9.]+ +epoch 3\n", f->out, 0, 0));
  g_assert_true (g_regex_match_simple ("\nval_hmean +0\\.[0-9]+ ", f->out, 0, 0));
  /* The metrics that matter first (the demo's `show`), then the others */
  g_assert_cmpint (strstr (f->out, "\nval_hmean ") - f->out, <, strstr (f->out, "\nlr ") - f->out);
  g_assert_cmpint (run (f, "--metrics", second[0], "--csv"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "step,metric,value\n0.25,loss,"));
  g_assert_nonnull (strstr (f->out, "\n3,val_hmean,0."));
  g_assert_cmpint (run (f, "--metrics", newest[0]), ==, 0);
  g_assert_true (g_regex_match_simple ("\ntest/hmean +0\\.[0-9]+ ", f->out, 0, 0));
  g_assert_cmpint (run (f, "--metrics", "ffffffff"), ==, 2);

  /* A log that is gone */
  {
    g_autofree char *runs = g_build_filename (f->home, "data", "cmdbuilder", "demo", "outputs",
                                              ".cmdbuilder", "runs", NULL);
    g_autoptr(GDir) dir = g_dir_open (runs, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (runs, name, NULL);

        g_assert_cmpint (g_unlink (path), ==, 0);
      }
    g_assert_cmpint (run (f, "--metrics", second[0]), ==, 1);
    g_assert_nonnull (strstr (f->err, "no longer exists"));
  }

  /* Flags that go with others, or alone */
  g_assert_cmpint (run (f, "--all"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--all goes with --diff"));
  g_assert_cmpint (run (f, "--history", "--csv"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--csv goes with --metrics"));
  g_assert_cmpint (run (f, "--history", "--run"), ==, 2);
  g_assert_cmpint (run (f, "--history", "--metrics", second[0]), ==, 2);
  g_assert_cmpint (run (f, "--history", "more"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* The demo's runners skip their pauses */
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/demo-train", test_cli_demo_train);
  ADD ("/cli/demo-check", test_cli_demo_check);
  ADD ("/cli/demo-set", test_cli_demo_set);
  ADD ("/cli/validation-errors", test_cli_validation_errors);
  ADD ("/cli/bad-flags", test_cli_bad_flags);
  ADD ("/cli/bad-flag-values", test_cli_bad_flag_values);
  ADD ("/cli/version-help", test_cli_version_help);
  ADD ("/cli/fixture-additions", test_cli_fixture_additions);
  ADD ("/cli/current-folder", test_cli_current_folder);
  ADD ("/cli/bad-project", test_cli_bad_project);
  ADD ("/cli/list-checkpoint-names", test_cli_list_checkpoint_names);
  ADD ("/cli/run", test_cli_run);
  ADD ("/cli/run-interrupt", test_cli_run_interrupt);
  ADD ("/cli/history", test_cli_history);
  ADD ("/cli/run-demo", test_cli_run_demo);
#undef ADD

  return g_test_run ();
}
