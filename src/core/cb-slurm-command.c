/* cb-slurm-command.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-run.h"
#include "cb-slurm-command.h"

/* Every Slurm command the app runs (sbatch, squeue, scontrol, scancel,
 * sinfo, sacct, sacctmgr) goes through here: as an argv, never through a
 * shell; off the main thread; with a time limit; and inside a Flatpak
 * sandbox on the host, through `flatpak-spawn --host` as runs are (see
 * cb_run_build_host_argv()). A command that fails gives an error whose
 * message is what it printed on stderr.
 */

typedef struct
{
  GSubprocess *process;
  char        *program;
  guint        timeout_id;
  gboolean     timed_out;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->process);
  g_free (data->program);
  g_free (data);
}

/**
 * cb_slurm_command_build_argv:
 * @cwd: (nullable): the folder to run in
 *
 * Returns: (transfer full): @argv as it is spawned: unchanged, or run on
 *   the host from inside a Flatpak sandbox
 */
char **
cb_slurm_command_build_argv (const char * const *argv,
                             const char         *cwd)
{
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  if (cb_run_in_flatpak ())
    return cb_run_build_host_argv (argv, cwd ? cwd : g_get_home_dir ());
  return g_strdupv ((char **)argv);
}

static GSubprocess *
spawn (const char * const  *argv,
       const char          *cwd,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) full_argv = cb_slurm_command_build_argv (argv, cwd);
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  /* Messages the app shows and parses, in one language */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)full_argv, &local_error);
  if (process == NULL)
    {
      if (g_error_matches (local_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        g_set_error (error, CB_ERROR, CB_ERROR_NOT_FOUND,
                     _("“%s” is not installed on this computer (or not in PATH), so Slurm "
                       "cannot be used from here."), argv[0]);
      else
        g_set_error (error, CB_ERROR, CB_ERROR_IO, _("“%s” could not start: %s"),
                     argv[0], local_error->message);
    }

  return process;
}

/* What a Slurm command printed on stderr, without its `sbatch: error: ` */
static char *
clean_stderr (const char *program,
              const char *text)
{
  g_autofree char *prefix = g_strdup_printf ("%s: error: ", program);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, prefix))
        line += strlen (prefix);
      if (line[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, line);
    }

  return g_string_free (out, FALSE);
}

/* Turns what a finished command left into its stdout, or an error */
static char *
conclude (GSubprocess  *process,
          const char   *program,
          GBytes       *out,
          GBytes       *err,
          GError      **error)
{
  g_autofree char *err_text = NULL;
  g_autofree char *message = NULL;
  gsize length;
  const char *data;

  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    {
      data = out ? g_bytes_get_data (out, &length) : NULL;
      return data ? g_utf8_make_valid (data, length) : g_strdup ("");
    }

  data = err ? g_bytes_get_data (err, &length) : NULL;
  err_text = data ? g_utf8_make_valid (data, length) : g_strdup ("");
  message = clean_stderr (program, err_text);

  if (!g_subprocess_get_if_exited (process))
    g_set_error (error, CB_ERROR, CB_ERROR_IO, _("“%s” was killed by signal %d. %s"), program,
                 g_subprocess_get_term_sig (process), message);
  else if (message[0] != '\0')
    g_set_error (error, CB_ERROR, CB_ERROR_IO, _("“%s” failed: %s"), program, message);
  else
    g_set_error (error, CB_ERROR, CB_ERROR_IO, _("“%s” failed with exit code %d."), program,
                 g_subprocess_get_exit_status (process));

  return NULL;
}

static gboolean
on_timeout (gpointer user_data)
{
  RunData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_subprocess_force_exit (data->process);

  return G_SOURCE_REMOVE;
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  g_clear_handle_id (&data->timeout_id, g_source_remove);

  if (!g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &out, &err, &error))
    {
      g_subprocess_force_exit (data->process);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->timed_out)
    {
      g_task_return_new_error (task, CB_ERROR, CB_ERROR_IO,
                               _("“%s” did not answer within %d seconds; the Slurm controller "
                                 "may be down or overloaded."),
                               data->program, CB_SLURM_COMMAND_TIMEOUT_SECONDS);
      return;
    }

  text = conclude (data->process, data->program, out, err, &error);
  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, text, g_free);
}

/**
 * cb_slurm_command_run_async:
 * @argv: the command, such as `squeue -h -j 12,13`
 * @cwd: (nullable): the folder to run it in
 * @input: (nullable): what to write on its stdin (sbatch's script)
 *
 * Runs a Slurm command and collects its output without blocking. A
 * command that takes longer than %CB_SLURM_COMMAND_TIMEOUT_SECONDS is
 * killed.
 */
void
cb_slurm_command_run_async (const char * const  *argv,
                            const char          *cwd,
                            const char          *input,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL;
  GError *error = NULL;
  RunData *data;

  g_return_if_fail (argv != NULL && argv[0] != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_slurm_command_run_async);

  data = g_new0 (RunData, 1);
  data->program = g_path_get_basename (argv[0]);
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);

  data->process = spawn (argv, cwd, &error);
  if (data->process == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->timeout_id = g_timeout_add_seconds (CB_SLURM_COMMAND_TIMEOUT_SECONDS, on_timeout, data);
  stdin_bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_subprocess_communicate_async (data->process, stdin_bytes, cancellable, on_communicated,
                                  g_steal_pointer (&task));
}

/**
 * cb_slurm_command_run_finish:
 *
 * Returns: (transfer full): what the command printed on stdout, or %NULL
 *   with @error set to what it printed on stderr
 */
char *
cb_slurm_command_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cb_slurm_command_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cb_slurm_command_run:
 *
 * Runs a Slurm command and waits for it, for the command line, where
 * nothing else goes on meanwhile.
 *
 * Returns: (transfer full): what the command printed on stdout, or %NULL
 *   with @error set to what it printed on stderr
 */
char *
cb_slurm_command_run (const char * const  *argv,
                      const char          *cwd,
                      const char          *input,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *program = NULL;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  process = spawn (argv, cwd, error);
  if (process == NULL)
    return NULL;

  stdin_bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  if (!g_subprocess_communicate (process, stdin_bytes, cancellable, &out, &err, error))
    return NULL;

  program = g_path_get_basename (argv[0]);
  return conclude (process, program, out, err, error);
}
