/* cb-cli-run.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cb-cli-private.h"
#include "cb-history.h"
#include "cb-run.h"
#include "cb-run-policy.h"

/* --run: the command of a form, its output passed on as it comes, its
 * progress on the terminal's last line, its status as the exit status */

typedef struct
{
  GMainLoop *loop;
  CbRun     *run;
  gboolean   tty;          /* stderr is a terminal: the progress is shown */
  gboolean   status_shown; /* the progress line is on the terminal */
  guint      status_id;    /* the progress line is to be drawn */
  gboolean   closed[2];    /* stdout, stderr: the reader went away */
  gboolean   stopping;
} RunState;

static void
write_to (RunState   *state,
          int         fd,
          const char *data,
          gsize       length)
{
  while (length > 0 && !state->closed[fd - 1])
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      /* Whoever read it has gone (`| head`): the run goes on, and the log
       * has it all */
      if (n <= 0)
        state->closed[fd - 1] = TRUE;
      else
        {
          data += n;
          length -= n;
        }
    }
}

static void
clear_status (RunState *state)
{
  if (state->status_shown)
    write_to (state, STDERR_FILENO, "\r\033[K", 4);
  state->status_shown = FALSE;
}

/* One line at the bottom of the terminal, drawn over: what the output
 * says of the progress */
static void
show_status (RunState *state)
{
  g_autofree char *text = NULL;
  const char *label = cb_run_get_progress_text (state->run);
  double progress = cb_run_get_progress (state->run);
  struct winsize size = { 0 };
  glong width;

  if (!state->tty || progress < 0)
    return;

  if (label != NULL)
    text = g_strdup_printf ("%s: %s (%d%%)", PACKAGE_NAME, label, (int)(progress * 100 + 0.5));
  else
    text = g_strdup_printf ("%s: %d%%", PACKAGE_NAME, (int)(progress * 100 + 0.5));
  width = ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1 ? size.ws_col - 1 : 79;
  if (g_utf8_strlen (text, -1) > width)
    *g_utf8_offset_to_pointer (text, width) = '\0';

  clear_status (state);
  write_to (state, STDERR_FILENO, text, strlen (text));
  state->status_shown = TRUE;
}

static gboolean
show_status_cb (gpointer user_data)
{
  RunState *state = user_data;

  state->status_id = 0;
  show_status (state);
  return G_SOURCE_REMOVE;
}

/* Drawn once the output that came with it is out */
static void
queue_status (RunState *state)
{
  if (state->tty && state->status_id == 0)
    state->status_id = g_idle_add (show_status_cb, state);
}

static void
on_run_raw_output (CbRun    *run,
                   GBytes   *bytes,
                   gboolean  is_stderr,
                   RunState *state)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gboolean was_shown = state->status_shown;

  clear_status (state);
  write_to (state, is_stderr ? STDERR_FILENO : STDOUT_FILENO, data, length);
  /* Drawn again below a whole line, not in the middle of one */
  if (was_shown && length > 0 && data[length - 1] == '\n')
    queue_status (state);
}

static void
on_run_progress (CbRun      *run,
                 GParamSpec *pspec,
                 RunState   *state)
{
  queue_status (state);
}

static void
on_run_finished (CbRun    *run,
                 RunState *state)
{
  g_main_loop_quit (state->loop);
}

static gboolean
on_run_signal (gpointer user_data)
{
  RunState *state = user_data;

  if (!cb_run_is_running (state->run))
    return G_SOURCE_CONTINUE;

  clear_status (state);
  if (!state->stopping)
    g_printerr (_("%s: stopping the command; interrupt again to kill it at once\n"), PACKAGE_NAME);
  else
    g_printerr (_("%s: killing the command\n"), PACKAGE_NAME);
  state->stopping = TRUE;
  cb_run_stop (state->run);
  return G_SOURCE_CONTINUE;
}

/* The command's status, as a shell gives it */
static int
run_exit_status (CbRun        *run,
                 const GError *error)
{
  if (cb_run_get_state (run) == CB_RUN_STATE_ERROR)
    return error != NULL && (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_ACCES) ||
                             g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOEXEC) ||
                             g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_PERM))
           ? CB_EXIT_CANNOT_EXECUTE : CB_EXIT_NOT_FOUND;
  if (cb_run_get_term_signal (run) != 0)
    return 128 + cb_run_get_term_signal (run);
  return cb_run_get_exit_status (run);
}

static void
record_run (CbForm *form,
            CbRun  *run)
{
  CbProject *project = cb_form_get_project (form);
  g_autoptr(CbHistory) history = cb_history_new (cb_project_get_outputs_dir (project),
                                                 cb_project_get_root (project));
  g_autoptr(GVariant) values = cb_form_get_user_values (form);
  g_autoptr(CbHistoryRecord) record = cb_history_record_new_from_run (run, values);
  g_autoptr(GError) error = NULL;

  if (!cb_history_add (history, record, &error))
    g_printerr (_("%s: the run cannot be recorded: %s\n"), PACKAGE_NAME, error->message);
}

/* Runs the started command to its end, passing on its output and turning
 * SIGINT, SIGTERM and SIGHUP into Stop */
static void
follow_run (RunState *state)
{
  guint ids[3];
  const int signals[3] = { SIGINT, SIGTERM, SIGHUP };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = g_unix_signal_add (signals[i], on_run_signal, state);

  if (cb_run_is_running (state->run))
    g_main_loop_run (state->loop);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_source_remove (ids[i]);
}

/**
 * cb_cli_run:
 * @sets: (nullable): `KEY=VALUE` texts from `--set`
 *
 * Runs a schema's command as the window does (an argv in the project
 * folder, in its own process group, with a log file and a history
 * record), passing its output on to stdout and stderr as it comes, with
 * the progress at the bottom of the terminal when stderr is one. SIGINT
 * (Ctrl+C), SIGTERM and SIGHUP stop it as Stop does; a second one kills
 * it at once.
 *
 * Returns: the command's exit status; 128 + the signal that ended it;
 *   %CB_EXIT_NOT_FOUND or %CB_EXIT_CANNOT_EXECUTE when it could not
 *   start; or, before it runs, %CB_EXIT_INVALID or %CB_EXIT_BAD as for
 *   cb_cli_print_command()
 */
int
cb_cli_run (const CbCliCommand *command)
{
  g_autoptr(CbForm) form = NULL;
  g_autoptr(CbRun) run = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  RunState state = { 0 };
  int status;

  if ((status = _cb_cli_form_new (command, &form)) != CB_EXIT_OK)
    return status;
  if ((status = _cb_cli_check_form (form)) != CB_EXIT_OK)
    return status;

  /* A reader that goes away is seen as EPIPE, not felt as SIGPIPE */
  signal (SIGPIPE, SIG_IGN);

  loop = g_main_loop_new (NULL, FALSE);
  run = cb_run_policy_new_run (form, NULL, &error);
  if (run == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_INVALID;
    }
  state = (RunState) { .loop = loop, .run = run, .tty = isatty (STDERR_FILENO) };
  g_signal_connect (run, "raw-output", G_CALLBACK (on_run_raw_output), &state);
  g_signal_connect (run, "notify::progress", G_CALLBACK (on_run_progress), &state);
  g_signal_connect (run, "notify::progress-text", G_CALLBACK (on_run_progress), &state);
  g_signal_connect (run, "finished", G_CALLBACK (on_run_finished), &state);

  if (cb_run_start (run, &error))
    {
      if (cb_run_get_log_fell_back (run))
        g_printerr (_("%s: the outputs folder cannot be written; the log goes to %s\n"),
                    PACKAGE_NAME, cb_run_get_log_path (run));
      follow_run (&state);
    }

  g_clear_handle_id (&state.status_id, g_source_remove);
  clear_status (&state);
  {
    g_autofree char *summary = cb_run_get_status_text (run);

    if (cb_run_get_log_path (run) != NULL)
      g_printerr (_("%s: %s; the log is %s\n"), PACKAGE_NAME, summary, cb_run_get_log_path (run));
    else
      g_printerr ("%s: %s\n", PACKAGE_NAME, summary);
  }
  record_run (form, run);
  g_signal_handlers_disconnect_by_data (run, &state);

  return run_exit_status (run, error);
}
