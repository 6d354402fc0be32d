/* cb-run-start.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>

#include "cb-process-tree.h"
#include "cb-run-private.h"

/* Starting a run: the command in a process group of its own that dies
 * with the app, on the host when the app is in a Flatpak sandbox; its two
 * streams read, and its log opened */

static void
child_setup (gpointer user_data)
{
  /* Its own process group, so that Stop reaches its children too */
  setpgid (0, 0);

  /* The app may ignore SIGPIPE (`--run` does); an ignored signal would
   * stay ignored in the command */
  signal (SIGPIPE, SIG_DFL);

  /* It dies with the app, even when the app is killed */
  prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (getppid () != GPOINTER_TO_INT (user_data))
    _exit (127);
}

static ino_t
pipe_inode (GInputStream *stream)
{
  struct stat st;

  if (!G_IS_UNIX_INPUT_STREAM (stream) ||
      fstat (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stream)), &st) != 0)
    return 0;
  return st.st_ino;
}

static char *
timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

static CbRunLog *
open_log_in (CbRun      *self,
             const char *dir,
             char      **path_out)
{
  g_autofree char *stamp = timestamp ();

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return NULL;

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.log", stamp, self->schema_id)
                                     : g_strdup_printf ("%s-%s-%u.log", stamp, self->schema_id, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      /* Read too: a log over its limit moves its latest part */
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

      if (fd >= 0)
        {
          *path_out = g_steal_pointer (&path);
          return cb_run_log_new (fd, self->log_limit);
        }
      if (errno != EEXIST)
        return NULL;
    }

  return NULL;
}

static void
open_log (CbRun *self)
{
  if (self->log_dir != NULL)
    self->log = open_log_in (self, self->log_dir, &self->log_path);

  if (self->log == NULL)
    {
      g_autofree char *fallback = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "runs", NULL);

      self->log = open_log_in (self, fallback, &self->log_path);
      self->log_fell_back = self->log != NULL && (self->log_dir != NULL || self->log_problem != NULL);
    }
}

/**
 * cb_run_in_flatpak:
 *
 * Returns: whether the app runs inside a Flatpak sandbox
 */
gboolean
cb_run_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * cb_run_build_host_argv:
 *
 * Returns: (transfer full): the argv that runs @argv on the host from
 *   inside a Flatpak sandbox, in @cwd, with the variables it needs
 */
char **
cb_run_build_host_argv (const char * const *argv,
                        const char         *cwd)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *directory = g_strconcat ("--directory=", cwd, NULL);

  g_strv_builder_add_many (builder, "flatpak-spawn", "--host", "--watch-bus", directory,
                           "--env=PYTHONUNBUFFERED=1", NULL);
  g_strv_builder_addv (builder, (const char **)argv);

  return g_strv_builder_end (builder);
}

static void
start_reading (CbRun        *self,
               Stream       *stream,
               GInputStream *input)
{
  stream->stream = g_object_ref (input);
  g_input_stream_read_bytes_async (input, READ_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, _cb_run_on_read, stream);
  g_object_ref (self);
}

/**
 * cb_run_start:
 *
 * Starts the command. A command that cannot start (not found, not
 * executable) is an error, and the run's state says so.
 */
gboolean
cb_run_start (CbRun   *self,
              GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) host_argv = NULL;
  g_autoptr(GError) local_error = NULL;
  const char * const *argv = (const char * const *)self->argv;

  g_return_val_if_fail (CB_IS_RUN (self), FALSE);
  g_return_val_if_fail (self->state == CB_RUN_STATE_NEW, FALSE);

  self->start_time = g_get_real_time ();
  self->start_mono = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();
  self->in_flatpak = cb_run_in_flatpak ();
  if (self->in_flatpak)
    argv = (const char * const *)(host_argv = cb_run_build_host_argv (argv, self->cwd));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, self->cwd);
  g_subprocess_launcher_setenv (launcher, "PYTHONUNBUFFERED", "1", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()), NULL);
  if (!self->in_flatpak)
    {
      static guint counter;

      /* Every process of the run carries it, even one that leaves its group */
      cb_process_tree_become_subreaper ();
      self->token = g_strdup_printf ("%d-%" G_GINT64_FORMAT "-%u", getpid (), self->start_time,
                                     ++counter);
      g_subprocess_launcher_setenv (launcher, CB_PROCESS_TREE_RUN_VAR, self->token, TRUE);
    }

  self->process = g_subprocess_launcher_spawnv (launcher, argv, &local_error);
  if (self->process == NULL)
    {
      self->error = g_strdup (local_error->message);
      self->end_mono = g_get_monotonic_time ();
      _cb_run_notify_progress (self, cb_progress_finish (self->progress, CB_PROGRESS_FAILED));
      _cb_run_set_state (self, CB_RUN_STATE_ERROR);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* NULL when it has already exited and been reaped */
  if (g_subprocess_get_identifier (self->process) != NULL)
    self->main_pid = self->pgid = atoi (g_subprocess_get_identifier (self->process));
  self->pipes[0] = pipe_inode (g_subprocess_get_stdout_pipe (self->process));
  self->pipes[1] = pipe_inode (g_subprocess_get_stderr_pipe (self->process));
  open_log (self);
  if (self->log_problem != NULL)
    _cb_run_add_note (self, self->log_problem);
  _cb_run_set_state (self, CB_RUN_STATE_RUNNING);

  start_reading (self, &self->out, g_subprocess_get_stdout_pipe (self->process));
  start_reading (self, &self->err, g_subprocess_get_stderr_pipe (self->process));
  g_subprocess_wait_async (self->process, NULL, _cb_run_on_wait, g_object_ref (self));

  return TRUE;
}
