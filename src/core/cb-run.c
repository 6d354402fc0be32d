/* cb-run.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-execution.h"
#include "cb-run-private.h"

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

static void
cb_run_init (CbRun *self)
{
  self->progress = cb_progress_new (NULL);
  self->kill_msec = DEFAULT_KILL_MSEC;
  self->log_limit = CB_RUN_LOG_DEFAULT_LIMIT;
  self->ring = g_new0 (CbRunLine *, CB_RUN_MAX_LINES);
  self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
  self->out.run = self->err.run = self;
  self->out.splitter = cb_line_splitter_new (CB_RUN_MAX_LINE_LENGTH, _cb_run_on_line, _cb_run_on_overdraw,
                                             &self->out);
  self->err.splitter = cb_line_splitter_new (CB_RUN_MAX_LINE_LENGTH, _cb_run_on_line, _cb_run_on_overdraw,
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

/* What the run's files tell its listeners */

void
_cb_run_notify_progress (CbRun *self,
                         guint  changed)
{
  if (changed & CB_PROGRESS_FRACTION_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (changed & CB_PROGRESS_LABEL_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
}

void
_cb_run_set_state (CbRun      *self,
                   CbRunState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_cb_run_notify_n_problems (CbRun *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

void
_cb_run_emit_output (CbRun     *self,
                     GPtrArray *batch)
{
  g_signal_emit (self, signals[OUTPUT], 0, batch);
}

void
_cb_run_emit_raw_output (CbRun    *self,
                         GBytes   *bytes,
                         gboolean  is_stderr)
{
  g_signal_emit (self, signals[RAW_OUTPUT], 0, bytes, is_stderr);
}

void
_cb_run_emit_finished (CbRun *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
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
