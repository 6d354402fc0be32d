/* cb-run.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-line-splitter.h"
#include "cb-progress.h"
#include "cb-run.h"

/**
 * CbRun:
 *
 * One run of a command: spawned as an argv, never through a shell, in its
 * own process group, with its output read line by line as it arrives.
 *
 * Memory stays bounded whatever the command prints: the last
 * %CB_RUN_MAX_LINES lines are kept, a line is cut at
 * %CB_RUN_MAX_LINE_LENGTH bytes for display, and the full output goes to a
 * log file. Listeners get lines in batches, at most every 40 ms.
 *
 * Inside a Flatpak sandbox the command runs on the host through
 * `flatpak-spawn --host`. flatpak-spawn forwards SIGTERM to the host
 * process only, and SIGINT to its whole process group (see
 * forward_signal_idle_cb() in flatpak-xdg-utils' flatpak-spawn.c); so Stop
 * sends both, and if anything is left after the grace period it kills
 * flatpak-spawn, whose `--watch-bus` makes the host command end with it.
 */

#define READ_SIZE 65536
#define BATCH_MSEC 40
#define DEFAULT_KILL_MSEC 5000

typedef struct
{
  CbRun          *run;
  GInputStream   *stream;
  CbLineSplitter *splitter;
  gboolean        is_stderr;
  gboolean        eof;
} Stream;

struct _CbRun
{
  GObject        parent_instance;

  char         **argv;
  char          *cwd;
  char          *schema_id;
  char          *log_dir;
  GRegex        *progress_regex;
  guint          kill_msec;

  GSubprocess   *process;
  GCancellable  *cancellable;
  int            pgid;
  gboolean       in_flatpak;
  CbRunState     state;
  gboolean       exited;
  gboolean       stop_requested;
  int            exit_status;
  int            term_signal;
  char          *error;
  gint64         start_time;
  gint64         start_mono;
  gint64         end_mono;

  Stream         out;
  Stream         err;

  FILE          *log;
  char          *log_path;
  gboolean       log_fell_back;

  CbRunLine    **ring;
  guint          ring_start;
  guint          ring_len;
  guint64        n_lines;
  guint64        n_dropped;
  guint          n_problems;
  GPtrArray     *batch;
  guint          batch_id;

  double         progress;
  char          *progress_text;
};

G_DEFINE_FINAL_TYPE (CbRun, cb_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_PROGRESS_TEXT,
  PROP_N_PROBLEMS,
  N_PROPS
};

enum {
  OUTPUT,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
line_clear (CbRunLine *line)
{
  g_free (line->text);
}

/**
 * cb_run_line_new:
 * @bytes: the line, without its newline; made valid UTF-8
 * @flags: #CbRunLineFlags; %CB_RUN_LINE_PROBLEM is added when the line
 *   speaks of a problem (see cb_line_is_problem())
 *
 * Returns: (transfer full): a reference-counted line
 */
CbRunLine *
cb_run_line_new (const char *bytes,
                 gsize       length,
                 guint       flags)
{
  CbRunLine *line = g_rc_box_new0 (CbRunLine);

  line->text = g_utf8_make_valid (bytes, length);
  line->flags = flags;
  if (cb_line_is_problem (line->text))
    line->flags |= CB_RUN_LINE_PROBLEM;

  return line;
}

/**
 * cb_run_line_free:
 *
 * Releases a reference to a line.
 */
void
cb_run_line_free (CbRunLine *line)
{
  g_rc_box_release_full (line, (GDestroyNotify)line_clear);
}

static void
cb_run_finalize (GObject *object)
{
  CbRun *self = CB_RUN (object);

  for (guint i = 0; i < self->ring_len; i++)
    cb_run_line_free (self->ring[(self->ring_start + i) % CB_RUN_MAX_LINES]);
  g_free (self->ring);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_handle_id (&self->batch_id, g_source_remove);
  if (self->log != NULL)
    fclose (self->log);
  g_strfreev (self->argv);
  g_free (self->cwd);
  g_free (self->schema_id);
  g_free (self->log_dir);
  g_free (self->log_path);
  g_free (self->error);
  g_free (self->progress_text);
  g_clear_pointer (&self->progress_regex, g_regex_unref);
  cb_line_splitter_free (self->out.splitter);
  cb_line_splitter_free (self->err.splitter);
  g_clear_object (&self->out.stream);
  g_clear_object (&self->err.stream);
  g_clear_object (&self->process);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cb_run_parent_class)->finalize (object);
}

static void
cb_run_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  CbRun *self = CB_RUN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->n_problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_class_init (CbRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_run_finalize;
  object_class->get_property = cb_run_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CB_RUN_STATE_NEW, CB_RUN_STATE_ERROR, CB_RUN_STATE_NEW,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_TEXT] =
    g_param_spec_string ("progress-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CbRun::output:
   * @lines: (element-type CbRunLine) (transfer none): new lines, in order
   *
   * Emitted with the lines that arrived since the last emission.
   */
  signals[OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * CbRun::finished:
   *
   * Emitted once, after the last output, when the command and its output
   * have ended.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void on_line     (const char *text,
                         gsize       length,
                         gboolean    cut,
                         gpointer    user_data);
static void on_overdraw (const char *text,
                         gsize       length,
                         gpointer    user_data);

static void
cb_run_init (CbRun *self)
{
  self->progress = -1;
  self->kill_msec = DEFAULT_KILL_MSEC;
  self->ring = g_new0 (CbRunLine *, CB_RUN_MAX_LINES);
  self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
  self->out.run = self->err.run = self;
  self->out.splitter = cb_line_splitter_new (CB_RUN_MAX_LINE_LENGTH, on_line, on_overdraw,
                                             &self->out);
  self->err.splitter = cb_line_splitter_new (CB_RUN_MAX_LINE_LENGTH, on_line, on_overdraw,
                                             &self->err);
  self->err.is_stderr = TRUE;
}

/**
 * cb_run_new:
 * @argv: the command
 * @cwd: the folder to run it in: the project folder
 * @schema_id: the page it comes from, for the log's name
 * @log_dir: where the log file goes; the user data folder when it cannot
 *   be written
 *
 * Returns: (transfer full): a run, not started
 */
CbRun *
cb_run_new (const char * const *argv,
            const char         *cwd,
            const char         *schema_id,
            const char         *log_dir)
{
  CbRun *self;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (cwd != NULL, NULL);

  self = g_object_new (CB_TYPE_RUN, NULL);
  self->argv = g_strdupv ((char **)argv);
  self->cwd = g_strdup (cwd);
  self->schema_id = g_strdup (schema_id ? schema_id : "run");
  self->log_dir = g_strdup (log_dir);

  return self;
}

/**
 * cb_run_set_progress_regex:
 * @regex: (nullable): a project's or schema's `progress_regex`
 */
void
cb_run_set_progress_regex (CbRun  *self,
                           GRegex *regex)
{
  g_return_if_fail (CB_IS_RUN (self));

  g_clear_pointer (&self->progress_regex, g_regex_unref);
  self->progress_regex = regex ? g_regex_ref (regex) : NULL;
}

/**
 * cb_run_set_kill_timeout:
 *
 * Sets how long Stop waits after SIGTERM before SIGKILL (5 s by default).
 */
void
cb_run_set_kill_timeout (CbRun *self,
                         guint  msec)
{
  g_return_if_fail (CB_IS_RUN (self));

  self->kill_msec = msec;
}

/* Output */

static gboolean
flush_batch (gpointer user_data)
{
  CbRun *self = user_data;

  self->batch_id = 0;
  if (self->batch->len > 0)
    {
      g_autoptr(GPtrArray) batch = g_steal_pointer (&self->batch);

      self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
      g_signal_emit (self, signals[OUTPUT], 0, batch);
    }

  return G_SOURCE_REMOVE;
}

static void
update_progress (CbRun      *self,
                 const char *text)
{
  guint changed = cb_progress_update (text, self->progress_regex, &self->progress,
                                      &self->progress_text);

  if (changed & CB_PROGRESS_FRACTION_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (changed & CB_PROGRESS_LABEL_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
}

static void
add_line (CbRun      *self,
          Stream     *stream,
          const char *bytes,
          gsize       length,
          gboolean    cut)
{
  CbRunLine *line = cb_run_line_new (bytes, length,
                                     (stream->is_stderr ? CB_RUN_LINE_STDERR : 0) |
                                     (cut ? CB_RUN_LINE_CUT : 0));

  if (line->flags & CB_RUN_LINE_PROBLEM)
    {
      self->n_problems++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }

  update_progress (self, line->text);

  /* The ring keeps the last lines; the oldest goes */
  if (self->ring_len == CB_RUN_MAX_LINES)
    {
      cb_run_line_free (self->ring[self->ring_start]);
      self->ring[self->ring_start] = line;
      self->ring_start = (self->ring_start + 1) % CB_RUN_MAX_LINES;
      self->n_dropped++;
    }
  else
    self->ring[(self->ring_start + self->ring_len++) % CB_RUN_MAX_LINES] = line;
  self->n_lines++;

  g_ptr_array_add (self->batch, g_rc_box_acquire (line));
  if (self->batch_id == 0)
    self->batch_id = g_timeout_add (BATCH_MSEC, flush_batch, self);
}

static void
on_line (const char *text,
         gsize       length,
         gboolean    cut,
         gpointer    user_data)
{
  Stream *stream = user_data;

  add_line (stream->run, stream, text, length, cut);
}

/* A line that ended in a bare carriage return: progress, drawn over */
static void
on_overdraw (const char *text,
             gsize       length,
             gpointer    user_data)
{
  Stream *stream = user_data;
  g_autofree char *valid = g_utf8_make_valid (text, length);

  update_progress (stream->run, valid);
}

/* Ending */

static void
set_state (CbRun      *self,
           CbRunState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
check_finished (CbRun *self)
{
  if (!self->exited || !self->out.eof || !self->err.eof)
    return;

  self->end_mono = g_get_monotonic_time ();
  g_clear_handle_id (&self->batch_id, g_source_remove);
  flush_batch (self);
  if (self->log != NULL)
    {
      fclose (self->log);
      self->log = NULL;
    }

  if (self->term_signal != 0 || (self->stop_requested && self->exit_status != 0))
    set_state (self, self->stop_requested ? CB_RUN_STATE_STOPPED : CB_RUN_STATE_FAILED);
  else if (self->exit_status == 0)
    set_state (self, CB_RUN_STATE_SUCCEEDED);
  else
    set_state (self, CB_RUN_STATE_FAILED);

  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Stream *stream = user_data;
  CbRun *self = stream->run;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      /* The end, or a broken pipe: the rest of the line is the last line */
      cb_line_splitter_finish (stream->splitter);
      stream->eof = TRUE;
      check_finished (self);
      g_object_unref (self);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  if (self->log != NULL)
    fwrite (data, 1, length, self->log);
  cb_line_splitter_feed (stream->splitter, data, length);

  g_input_stream_read_bytes_async (stream->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_read, stream);
}

static void
on_wait (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CbRun *self = user_data;
  GSubprocess *process = G_SUBPROCESS (source);

  g_subprocess_wait_finish (process, result, NULL);
  self->exited = TRUE;

  if (g_subprocess_get_if_signaled (process))
    self->term_signal = g_subprocess_get_term_sig (process);
  else
    {
      self->exit_status = g_subprocess_get_exit_status (process);
      /* flatpak-spawn reports a signal as 128 + its number, as shells do */
      if (self->in_flatpak && self->exit_status > 128 && self->exit_status < 128 + 65)
        self->term_signal = self->exit_status - 128;
    }

  check_finished (self);
  g_object_unref (self);
}

/* Starting */

static void
child_setup (gpointer user_data)
{
  /* Its own process group, so that Stop reaches its children too */
  setpgid (0, 0);
}

static char *
timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

static FILE *
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
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

      if (fd >= 0)
        {
          *path_out = g_steal_pointer (&path);
          return fdopen (fd, "w");
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
      self->log_fell_back = self->log != NULL && self->log_dir != NULL;
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
                                   self->cancellable, on_read, stream);
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
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  self->process = g_subprocess_launcher_spawnv (launcher, argv, &local_error);
  if (self->process == NULL)
    {
      self->error = g_strdup (local_error->message);
      self->end_mono = g_get_monotonic_time ();
      set_state (self, CB_RUN_STATE_ERROR);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* NULL when it has already exited and been reaped */
  if (g_subprocess_get_identifier (self->process) != NULL)
    self->pgid = atoi (g_subprocess_get_identifier (self->process));
  open_log (self);
  set_state (self, CB_RUN_STATE_RUNNING);

  start_reading (self, &self->out, g_subprocess_get_stdout_pipe (self->process));
  start_reading (self, &self->err, g_subprocess_get_stderr_pipe (self->process));
  g_subprocess_wait_async (self->process, NULL, on_wait, g_object_ref (self));

  return TRUE;
}

static gboolean
kill_group (gpointer user_data)
{
  int pgid = GPOINTER_TO_INT (user_data);

  /* Whatever of the group is left after the grace period */
  if (kill (-pgid, 0) == 0)
    kill (-pgid, SIGKILL);

  return G_SOURCE_REMOVE;
}

/**
 * cb_run_stop:
 *
 * Ends the command and everything it started: SIGTERM to its process
 * group, then SIGKILL after the grace period if anything of it is left.
 */
void
cb_run_stop (CbRun *self)
{
  g_return_if_fail (CB_IS_RUN (self));

  if (self->state != CB_RUN_STATE_RUNNING || self->pgid <= 0)
    return;

  self->stop_requested = TRUE;
  if (self->in_flatpak)
    kill (-self->pgid, SIGINT);
  kill (-self->pgid, SIGTERM);

  /* The timeout holds the group id, not the run, so that it outlives it */
  g_timeout_add (self->kill_msec, kill_group, GINT_TO_POINTER (self->pgid));
}

/* Getters */

const char * const *
cb_run_get_argv (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), NULL);
  return (const char * const *)self->argv;
}

const char *
cb_run_get_schema_id (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), NULL);
  return self->schema_id;
}

CbRunState
cb_run_get_state (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), CB_RUN_STATE_ERROR);
  return self->state;
}

gboolean
cb_run_is_running (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), FALSE);
  return self->state == CB_RUN_STATE_RUNNING;
}

int
cb_run_get_exit_status (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), -1);
  return self->exit_status;
}

/**
 * cb_run_get_term_signal:
 *
 * Returns: the signal that ended the command, or 0
 */
int
cb_run_get_term_signal (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), 0);
  return self->term_signal;
}

/**
 * cb_run_get_start_time:
 *
 * Returns: when the run started, in microseconds since the epoch
 */
gint64
cb_run_get_start_time (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), 0);
  return self->start_time;
}

/**
 * cb_run_get_elapsed:
 *
 * Returns: how long the run has taken so far, or took, in microseconds
 */
gint64
cb_run_get_elapsed (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), 0);

  if (self->start_mono == 0)
    return 0;
  if (self->end_mono != 0)
    return self->end_mono - self->start_mono;
  return g_get_monotonic_time () - self->start_mono;
}

static char *
format_duration (gint64 usec)
{
  gint64 s = usec / G_USEC_PER_SEC;

  if (s < 60)
    return g_strdup_printf (_("%d s"), (int)s);
  if (s < 3600)
    return g_strdup_printf (_("%d min %d s"), (int)(s / 60), (int)(s % 60));
  return g_strdup_printf (_("%d h %d min"), (int)(s / 3600), (int)(s % 3600 / 60));
}

/**
 * cb_run_get_status_text:
 *
 * Returns: (transfer full): a sentence for the status line: running, the
 *   exit code or signal, and the duration
 */
char *
cb_run_get_status_text (CbRun *self)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (CB_IS_RUN (self), NULL);

  duration = format_duration (cb_run_get_elapsed (self));

  switch (self->state)
    {
    case CB_RUN_STATE_NEW:
      return g_strdup (_("Not started"));
    case CB_RUN_STATE_RUNNING:
      return g_strdup_printf (_("Running for %s"), duration);
    case CB_RUN_STATE_SUCCEEDED:
      return g_strdup_printf (_("Finished in %s"), duration);
    case CB_RUN_STATE_STOPPED:
      return g_strdup_printf (_("Stopped after %s"), duration);
    case CB_RUN_STATE_FAILED:
      if (self->term_signal != 0)
        return g_strdup_printf (_("Killed by signal %d (%s) after %s"), self->term_signal,
                                g_strsignal (self->term_signal), duration);
      return g_strdup_printf (_("Failed with exit code %d after %s"), self->exit_status, duration);
    case CB_RUN_STATE_ERROR:
    default:
      return g_strdup_printf (_("The command could not start: %s"), self->error ? self->error : "");
    }
}

double
cb_run_get_progress (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), -1);
  return self->progress;
}

/**
 * cb_run_get_progress_text:
 *
 * Returns: (nullable): what the output said of the progress, such as
 *   `Epoch 3/10`
 */
const char *
cb_run_get_progress_text (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), NULL);
  return self->progress_text;
}

/**
 * cb_run_get_n_problems:
 *
 * Returns: how many lines spoke of an error, an exception, a traceback or
 *   a failure
 */
guint
cb_run_get_n_problems (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), 0);
  return self->n_problems;
}

guint64
cb_run_get_n_lines (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), 0);
  return self->n_lines;
}

/**
 * cb_run_get_n_dropped:
 *
 * Returns: how many of the first lines are no longer kept
 */
guint64
cb_run_get_n_dropped (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), 0);
  return self->n_dropped;
}

/**
 * cb_run_get_lines:
 *
 * Returns: (transfer full) (element-type CbRunLine): the kept lines, oldest
 *   first, at most %CB_RUN_MAX_LINES
 */
GPtrArray *
cb_run_get_lines (CbRun *self)
{
  GPtrArray *lines;

  g_return_val_if_fail (CB_IS_RUN (self), NULL);

  lines = g_ptr_array_new_full (self->ring_len, (GDestroyNotify)cb_run_line_free);
  for (guint i = 0; i < self->ring_len; i++)
    g_ptr_array_add (lines, g_rc_box_acquire (self->ring[(self->ring_start + i) % CB_RUN_MAX_LINES]));

  return lines;
}

/**
 * cb_run_get_log_path:
 *
 * Returns: (nullable): the log file with the full output
 */
const char *
cb_run_get_log_path (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), NULL);
  return self->log_path;
}

/**
 * cb_run_get_log_fell_back:
 *
 * Returns: whether the log went to the user data folder because the
 *   outputs folder could not be written
 */
gboolean
cb_run_get_log_fell_back (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), FALSE);
  return self->log_fell_back;
}

/**
 * cb_run_get_error:
 *
 * Returns: (nullable): why the command could not start
 */
const char *
cb_run_get_error (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), NULL);
  return self->error;
}
