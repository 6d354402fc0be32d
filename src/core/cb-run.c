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
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>

#include "cb-execution.h"
#include "cb-line-splitter.h"
#include "cb-process-tree.h"
#include "cb-progress.h"
#include "cb-run.h"
#include "cb-run-log.h"

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
 *
 * What Stop guarantees: SIGTERM to the process group and to every process
 * of the run that left it (see cb-process-tree.c), SIGKILL to all that is
 * left after the grace period, and then the run ends as soon as its main
 * process is reaped, even when something still holds its output open (the
 * log says which process). A run also ends when its main process has
 * exited and its output is closed; whatever it started that is still
 * running then is stopped the same way, so that nothing of a run outlives
 * it. Nor does a run outlive the app: Stop holds the application until the
 * grace period is over, and if the app is killed, the kernel kills the
 * command's main process (PR_SET_PDEATHSIG); the rest of what it started
 * gets SIGPIPE when it next writes its output.
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
  guint          kill_msec;

  GSubprocess   *process;
  GCancellable  *cancellable;
  int            pgid;
  int            main_pid; /* 0 once reaped */
  char          *token;
  ino_t          pipes[2];
  gboolean       in_flatpak;
  CbRunState     state;
  gboolean       exited;
  gboolean       finished;
  gboolean       stop_requested;
  gboolean       grace_over;
  guint          grace_id;
  GApplication  *held_app;
  int            exit_status;
  int            term_signal;
  char          *error;
  gint64         start_time;
  gint64         start_mono;
  gint64         end_mono;

  Stream         out;
  Stream         err;

  CbRunLog      *log;
  guint64        log_limit;
  char          *log_path;
  gboolean       log_fell_back;
  char          *log_problem;

  CbRunLine    **ring;
  guint          ring_start;
  guint          ring_len;
  guint64        n_lines;
  guint64        n_dropped;
  guint          n_problems;
  GPtrArray     *batch;
  guint          batch_id;

  CbProgress    *progress;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (CbRun, cb_run, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_EXECUTION,
                                                      _cb_run_execution_iface_init))

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
  RAW_OUTPUT,
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
  g_clear_pointer (&self->log, cb_run_log_free);
  g_strfreev (self->argv);
  g_free (self->cwd);
  g_free (self->token);
  g_free (self->schema_id);
  g_free (self->log_dir);
  g_free (self->log_path);
  g_free (self->log_problem);
  g_free (self->error);
  g_clear_pointer (&self->progress, cb_progress_free);
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
      g_value_set_double (value, cb_progress_get_fraction (self->progress));
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, cb_progress_get_label (self->progress));
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
   * CbRun::raw-output:
   * @bytes: what the command wrote, as it came
   * @is_stderr: whether it wrote it to stderr
   *
   * Emitted as output arrives, before it is split into lines: for those
   * who pass it on unchanged, such as `--run`.
   */
  signals[RAW_OUTPUT] =
    g_signal_new ("raw-output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_BOOLEAN);

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
  self->progress = cb_progress_new (NULL);
  self->kill_msec = DEFAULT_KILL_MSEC;
  self->log_limit = CB_RUN_LOG_DEFAULT_LIMIT;
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
 * cb_run_set_log_problem:
 * @message: why the run's log folder cannot be used
 *
 * For a run made without a log folder because its folder cannot be used:
 * the log goes to the user's data folder, the run says that it fell back
 * (cb_run_get_log_fell_back()), and its output starts with @message.
 */
void
cb_run_set_log_problem (CbRun      *self,
                        const char *message)
{
  g_return_if_fail (CB_IS_RUN (self));
  g_return_if_fail (message != NULL);

  g_free (self->log_problem);
  self->log_problem = g_strdup (message);
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

  cb_progress_set_regex (self->progress, regex);
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

/**
 * cb_run_set_log_limit:
 * @bytes: the most the log file keeps, 0 for no limit
 *
 * Sets the size limit of the log, before the run starts (100 MiB by
 * default). A log over it keeps the first half of it and the latest
 * output (see #CbRunLog).
 */
void
cb_run_set_log_limit (CbRun   *self,
                      guint64  bytes)
{
  g_return_if_fail (CB_IS_RUN (self));
  g_return_if_fail (self->state == CB_RUN_STATE_NEW);

  self->log_limit = bytes;
}

/* Output */

static void add_note (CbRun      *self,
                      const char *text);

/* Written at once, a whole line at a time (see #CbRunLog): a crash of
 * the app loses nothing it has read but the ends of unfinished lines.
 * @length 0 is the end of @from. */
static void
write_log (CbRun          *self,
           CbRunLogStream  from,
           const char     *data,
           gsize           length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->log == NULL)
    return;
  if (length > 0 ? cb_run_log_write_from (self->log, from, data, length, &error)
                 : cb_run_log_end (self->log, from, &error))
    return;

  g_clear_pointer (&self->log, cb_run_log_free);
  text = g_strdup_printf (_("The log %s cannot be written: %s; it ends here."), self->log_path,
                          error->message);
  add_note (self, text);
}

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
notify_progress (CbRun *self,
                 guint  changed)
{
  if (changed & CB_PROGRESS_FRACTION_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (changed & CB_PROGRESS_LABEL_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
}

static void
update_progress (CbRun      *self,
                 const char *text)
{
  notify_progress (self, cb_progress_feed (self->progress, text));
}

static void add_to_ring (CbRun     *self,
                         CbRunLine *line);

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
  add_to_ring (self, line);
}

/* Takes @line */
static void
add_to_ring (CbRun     *self,
             CbRunLine *line)
{
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

/* A line of the app's own, about the run: in the output and the log */
static void
add_note (CbRun      *self,
          const char *text)
{
  CbRunLine *line = cb_run_line_new (text, strlen (text), CB_RUN_LINE_NOTE | CB_RUN_LINE_PROBLEM);

  add_to_ring (self, line);
  if (self->log != NULL)
    {
      g_autofree char *logged = g_strdup_printf ("%s: %s\n", PACKAGE_NAME, text);

      write_log (self, CB_RUN_LOG_NOTE, logged, strlen (logged));
    }
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

/* What is left of the run: only outside a sandbox, where its processes
 * can be seen */
static GArray *
find_rest (CbRun    *self,
           gboolean  with_pipes)
{
  ino_t open_pipes[2];
  CbProcessQuery query = {
    .main_pid = self->main_pid,
    .pgid = self->pgid,
    .token = self->token,
    .pipes = open_pipes,
    .n_pipes = 0,
  };

  if (self->in_flatpak || self->token == NULL)
    return g_array_new (FALSE, TRUE, sizeof (CbProcessInfo));

  if (with_pipes && !self->out.eof)
    open_pipes[query.n_pipes++] = self->pipes[0];
  if (with_pipes && !self->err.eof)
    open_pipes[query.n_pipes++] = self->pipes[1];

  return cb_process_tree_find (&query);
}

static void
note_process (CbRun               *self,
              const char          *format,
              const CbProcessInfo *info)
{
  g_autofree char *text = g_strdup_printf (format, info->pid, info->name);

  add_note (self, text);
}

static void
hold_app (CbRun *self)
{
  if (self->held_app == NULL && g_application_get_default () != NULL)
    {
      self->held_app = g_object_ref (g_application_get_default ());
      g_application_hold (self->held_app);
    }
}

static void
release_app (CbRun *self)
{
  if (self->held_app != NULL)
    {
      g_application_release (self->held_app);
      g_clear_object (&self->held_app);
    }
}

static gboolean on_grace_over (gpointer user_data);

static void
start_grace (CbRun *self)
{
  if (self->grace_id != 0 || self->grace_over)
    return;

  /* The timeout holds the run, and the application holds on, so that the
   * SIGKILL comes even when the window has gone */
  hold_app (self);
  self->grace_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->kill_msec, on_grace_over,
                                       g_object_ref (self), g_object_unref);
}

/* The command has ended: what it started and left running is stopped too */
static void
end_rest (CbRun *self)
{
  g_autoptr(GArray) rest = find_rest (self, FALSE);

  for (guint i = 0; i < rest->len; i++)
    {
      CbProcessInfo *info = &g_array_index (rest, CbProcessInfo, i);

      if (!self->grace_over && !self->stop_requested)
        note_process (self, _("Process %d (%s), started by the command, was still running when "
                              "the command ended; it is stopped too."), info);
      cb_process_tree_signal (info, self->grace_over ? SIGKILL : SIGTERM);
      cb_process_tree_reap (info);
    }

  if (rest->len > 0)
    start_grace (self);
  else if (self->grace_id != 0)
    {
      /* Nothing is left to kill */
      g_clear_handle_id (&self->grace_id, g_source_remove);
      release_app (self);
    }
}

/* The progress says how the run ended before the state does: who
 * watches the state finds the progress final */
static void
end_as (CbRun      *self,
        CbRunState  state)
{
  CbProgressState ended = state == CB_RUN_STATE_SUCCEEDED ? CB_PROGRESS_SUCCEEDED
                        : state == CB_RUN_STATE_STOPPED ? CB_PROGRESS_STOPPED
                        : CB_PROGRESS_FAILED;

  notify_progress (self, cb_progress_finish (self->progress, ended));
  set_state (self, state);
}

static void
finish (CbRun *self)
{
  self->finished = TRUE;
  /* The run took as long as its main process: what it left holding the
   * output does not count */
  if (self->end_mono == 0)
    self->end_mono = g_get_monotonic_time ();

  if (!self->out.eof || !self->err.eof)
    {
      /* The reads end with the cancellation; what they were reading is lost */
      add_note (self, _("The output was still open after the grace period; the run ends without it."));
      g_cancellable_cancel (self->cancellable);
    }
  end_rest (self);

  g_clear_handle_id (&self->batch_id, g_source_remove);
  flush_batch (self);
  g_clear_pointer (&self->log, cb_run_log_free);

  if (self->term_signal != 0 || (self->stop_requested && self->exit_status != 0))
    end_as (self, self->stop_requested ? CB_RUN_STATE_STOPPED : CB_RUN_STATE_FAILED);
  else if (self->exit_status == 0)
    end_as (self, CB_RUN_STATE_SUCCEEDED);
  else
    end_as (self, CB_RUN_STATE_FAILED);

  g_signal_emit (self, signals[FINISHED], 0);
}

/* A run ends when its main process has been reaped and its output has
 * closed; or, once the grace period after Stop is over, when its main
 * process has been reaped, whatever holds its output.
 */
static void
check_finished (CbRun *self)
{
  if (self->finished || !self->exited)
    return;
  if ((!self->out.eof || !self->err.eof) && !self->grace_over)
    return;

  finish (self);
}

static CbRunLogStream
stream_of (Stream *stream)
{
  return stream->is_stderr ? CB_RUN_LOG_STDERR : CB_RUN_LOG_STDOUT;
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
  if (self->finished)
    {
      /* Cancelled: the run ended while something held the pipe */
      stream->eof = TRUE;
      g_input_stream_close (stream->stream, NULL, NULL);
      g_object_unref (self);
      return;
    }

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      /* The end, or a broken pipe: the rest of the line is the last line */
      cb_line_splitter_finish (stream->splitter);
      write_log (self, stream_of (stream), NULL, 0);
      stream->eof = TRUE;
      check_finished (self);
      g_object_unref (self);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  write_log (self, stream_of (stream), data, length);
  g_signal_emit (self, signals[RAW_OUTPUT], 0, bytes, stream->is_stderr);
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
  self->end_mono = g_get_monotonic_time ();
  self->main_pid = 0;

  if (g_subprocess_get_if_signaled (process))
    self->term_signal = g_subprocess_get_term_sig (process);
  else
    {
      self->exit_status = g_subprocess_get_exit_status (process);
      /* flatpak-spawn reports a signal as 128 + its number, as shells do */
      if (self->in_flatpak && self->exit_status > 128 && self->exit_status < 128 + 65)
        self->term_signal = self->exit_status - 128;
    }

  /* Its orphans are the app's now; those that have exited can be reaped */
  cb_process_tree_sweep ();
  check_finished (self);
  g_object_unref (self);
}

/* Starting */

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
      notify_progress (self, cb_progress_finish (self->progress, CB_PROGRESS_FAILED));
      set_state (self, CB_RUN_STATE_ERROR);
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
    add_note (self, self->log_problem);
  set_state (self, CB_RUN_STATE_RUNNING);

  start_reading (self, &self->out, g_subprocess_get_stdout_pipe (self->process));
  start_reading (self, &self->err, g_subprocess_get_stderr_pipe (self->process));
  g_subprocess_wait_async (self->process, NULL, on_wait, g_object_ref (self));

  return TRUE;
}

/* Signals what left the run's process group */
static void
signal_escaped (CbRun *self,
                int    signum)
{
  g_autoptr(GArray) rest = find_rest (self, signum == SIGKILL);

  for (guint i = 0; i < rest->len; i++)
    {
      CbProcessInfo *info = &g_array_index (rest, CbProcessInfo, i);

      if (signum == SIGKILL && info->holds_output)
        note_process (self, _("Process %d (%s), started by the command, still held its output "
                              "open after the grace period; it is killed."), info);
      else if (signum == SIGTERM && info->escaped)
        note_process (self, _("Process %d (%s), started by the command, had left its process "
                              "group; it is stopped too."), info);
      if (signum == SIGKILL || info->escaped)
        cb_process_tree_signal (info, signum);
      cb_process_tree_reap (info);
    }
}

static gboolean
on_grace_over (gpointer user_data)
{
  CbRun *self = user_data;

  self->grace_id = 0;
  self->grace_over = TRUE;

  /* Whatever is left after the grace period */
  if (self->pgid > 0 && kill (-self->pgid, 0) == 0)
    kill (-self->pgid, SIGKILL);
  if (!self->finished)
    {
      signal_escaped (self, SIGKILL);
      check_finished (self);
    }
  else
    end_rest (self);

  release_app (self);
  return G_SOURCE_REMOVE;
}

/**
 * cb_run_stop:
 *
 * Ends the command and everything it started: SIGTERM to its process
 * group and to what left it, then SIGKILL after the grace period to all
 * that is left. The run has ended once the main process is reaped after
 * that, even if something still holds its output. Stopping a run that is
 * already stopping skips the rest of the grace period.
 */
void
cb_run_stop (CbRun *self)
{
  g_return_if_fail (CB_IS_RUN (self));

  if (self->state != CB_RUN_STATE_RUNNING || self->pgid <= 0)
    return;

  if (self->stop_requested)
    {
      if (self->grace_id != 0)
        {
          g_object_ref (self);
          g_source_remove (self->grace_id);
          on_grace_over (self);
          g_object_unref (self);
        }
      return;
    }

  self->stop_requested = TRUE;
  if (self->in_flatpak)
    kill (-self->pgid, SIGINT);
  kill (-self->pgid, SIGTERM);
  signal_escaped (self, SIGTERM);

  start_grace (self);
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

/**
 * cb_run_format_duration:
 * @usec: a duration, in microseconds
 *
 * Formats a duration as a user reads it: `0.4 s` under ten seconds (a
 * run of the demo takes less than one), `12 s`, `3 min 12 s`, `2 h 5 min`.
 *
 * Returns: (transfer full): the duration, translated
 */
char *
cb_run_format_duration (gint64 usec)
{
  gint64 s = MAX (usec, 0) / G_USEC_PER_SEC;
  g_autofree char *larger = NULL;
  g_autofree char *smaller = NULL;

  if (s < 10)
    /* Translators: a duration under ten seconds, such as 0.4 s */
    return g_strdup_printf (_("%.1f s"), (double)MAX (usec, 0) / G_USEC_PER_SEC);
  if (s < 60)
    /* Translators: a duration in seconds, such as 12 s */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s", "%d s", s), (int)s);

  if (s < 3600)
    {
      /* Translators: the minutes of a duration such as 3 min 12 s */
      larger = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", s / 60),
                                (int)(s / 60));
      smaller = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s", "%d s", s % 60),
                                 (int)(s % 60));
    }
  else
    {
      /* Translators: the hours of a duration such as 2 h 5 min */
      larger = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", s / 3600),
                                (int)(s / 3600));
      smaller = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", s % 3600 / 60),
                                 (int)(s % 3600 / 60));
    }

  /* Translators: a duration in two units, the larger first: 3 min 12 s */
  return g_strdup_printf (C_("duration", "%s %s"), larger, smaller);
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

  duration = cb_run_format_duration (cb_run_get_elapsed (self));

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

/**
 * cb_run_get_progress:
 *
 * Returns: how far the run has come, from 0 to 1, or -1 while its output
 *   has not said: never less than before, 1 once it succeeded, and where
 *   it was when it was stopped or failed (see #CbProgress)
 */
double
cb_run_get_progress (CbRun *self)
{
  g_return_val_if_fail (CB_IS_RUN (self), -1);
  return cb_progress_get_fraction (self->progress);
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
  return cb_progress_get_label (self->progress);
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
