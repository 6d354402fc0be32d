/* cb-job-run.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-job-run-private.h"

/**
 * CbJobRun:
 *
 * A page's command submitted to Slurm, followed as a #CbRun is: its log
 * file, written on a compute node, is read as it grows (#CbFileFollower)
 * into the same #CbRunLine batches, progress and problem lines as a local
 * run's output, with the job's states as notes between them. It is a
 * #CbExecution, so that what shows a run shows a job.
 *
 * It runs, in #CbExecution's sense, until the job has ended, the cluster
 * has said how, and its log has been read to the end; then it emits
 * `finished`. Stop is `scancel`. A job array has a #CbJobRun a task, each
 * following its own log; the array's own output says how its tasks fare.
 *
 * A job outlives the app: it is kept in the history (cb_job_run_to_record())
 * and followed again from there (cb_job_run_new_from_record()).
 */
G_DEFINE_FINAL_TYPE_WITH_CODE (CbJobRun, cb_job_run, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_EXECUTION,
                                                      _cb_job_run_execution_iface_init))

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
  CHANGED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cb_job_run_dispose (GObject *object)
{
  CbJobRun *self = CB_JOB_RUN (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  if (self->follower != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->follower, self);
      cb_file_follower_stop (self->follower);
    }
  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->tasks, i), self);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_object (&self->follower);
  g_clear_object (&self->job);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (cb_job_run_parent_class)->dispose (object);
}

static void
cb_job_run_finalize (GObject *object)
{
  CbJobRun *self = CB_JOB_RUN (object);

  g_free (self->schema_id);
  g_strfreev (self->argv);
  g_free (self->script);
  g_free (self->label);
  g_free (self->tasks_text);
  g_strfreev (self->task_labels);
  g_clear_pointer (&self->values, g_variant_unref);
  g_clear_pointer (&self->slurm_values, g_variant_unref);
  g_clear_pointer (&self->progress_regex, g_regex_unref);
  g_clear_pointer (&self->ring, cb_line_ring_free);

  G_OBJECT_CLASS (cb_job_run_parent_class)->finalize (object);
}

static void
cb_job_run_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CbExecution *self = CB_EXECUTION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, cb_execution_get_state (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, cb_execution_get_progress (self));
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, cb_execution_get_progress_text (self));
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, cb_execution_get_n_problems (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_job_run_class_init (CbJobRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_job_run_dispose;
  object_class->finalize = cb_job_run_finalize;
  object_class->get_property = cb_job_run_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CB_RUN_STATE_NEW, CB_RUN_STATE_ERROR,
                      CB_RUN_STATE_RUNNING, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
   * CbJobRun::output:
   * @lines: (element-type CbRunLine) (transfer none): new lines, in order
   *
   * As #CbRun::output: the log's new lines, or a note of the job's state.
   */
  signals[OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * CbJobRun::changed:
   *
   * The job's state, or what its status text says, changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CbJobRun::finished:
   *
   * Emitted once, when the job has ended, the cluster has said how, and
   * its log has been read to its end.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_job_run_init (CbJobRun *self)
{
  self->ring = cb_line_ring_new (CB_RUN_MAX_LINES);
  self->submit_time = g_get_real_time ();
  self->last_state = CB_SLURM_JOB_UNKNOWN;
}

/**
 * cb_job_run_new:
 * @job: the job sbatch made, tracked by @tracker
 * @tracker: what keeps the job's state current, and cancels it
 * @schema_id: the page it comes from
 * @argv: the page's command
 * @script: (nullable): the batch script submitted
 *
 * Returns: (transfer full): the job's run, not followed until
 *   cb_job_run_start()
 */
CbJobRun *
cb_job_run_new (CbSlurmJob         *job,
                CbSlurmTracker     *tracker,
                const char         *schema_id,
                const char * const *argv,
                const char         *script)
{
  CbJobRun *self;
  GPtrArray *tasks;

  g_return_val_if_fail (CB_IS_SLURM_JOB (job), NULL);
  g_return_val_if_fail (CB_IS_SLURM_TRACKER (tracker), NULL);
  g_return_val_if_fail (argv != NULL, NULL);

  self = g_object_new (CB_TYPE_JOB_RUN, NULL);
  self->job = g_object_ref (job);
  self->tracker = g_object_ref (tracker);
  self->schema_id = g_strdup (schema_id);
  self->argv = g_strdupv ((char **)argv);
  self->script = g_strdup (script);

  if ((tasks = cb_slurm_job_get_tasks (job)) != NULL)
    {
      self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < tasks->len; i++)
        g_ptr_array_add (self->tasks, cb_job_run_new (g_ptr_array_index (tasks, i), tracker,
                                                      schema_id, argv, NULL));
    }

  return self;
}

/**
 * cb_job_run_set_values:
 * @values: (nullable): the form's values the job was submitted with
 * @slurm_values: (nullable): the page's Slurm values
 *   (cb_slurm_form_get_values())
 */
void
cb_job_run_set_values (CbJobRun *self,
                       GVariant *values,
                       GVariant *slurm_values)
{
  g_return_if_fail (CB_IS_JOB_RUN (self));

  g_clear_pointer (&self->values, g_variant_unref);
  g_clear_pointer (&self->slurm_values, g_variant_unref);
  self->values = values ? g_variant_ref_sink (values) : NULL;
  self->slurm_values = slurm_values ? g_variant_ref_sink (slurm_values) : NULL;
}

/**
 * cb_job_run_set_task_labels:
 * @labels: (nullable): for an array, what each task sweeps (`seed=2`),
 *   in task order
 */
void
cb_job_run_set_task_labels (CbJobRun           *self,
                            const char * const *labels)
{
  g_return_if_fail (CB_IS_JOB_RUN (self));

  g_strfreev (self->task_labels);
  self->task_labels = g_strdupv ((char **)labels);
  for (guint i = 0; labels != NULL && self->tasks != NULL && i < self->tasks->len; i++)
    {
      CbJobRun *task = g_ptr_array_index (self->tasks, i);
      int id = cb_slurm_job_get_task_id (task->job);

      g_free (task->label);
      task->label = id >= 0 && (guint)id < g_strv_length ((char **)labels)
                      ? g_strdup (labels[id]) : NULL;
    }
}

/**
 * cb_job_run_set_progress_regex:
 * @regex: (nullable): the page's `progress_regex`, or the project's
 */
void
cb_job_run_set_progress_regex (CbJobRun *self,
                               GRegex   *regex)
{
  g_return_if_fail (CB_IS_JOB_RUN (self));

  g_clear_pointer (&self->progress_regex, g_regex_unref);
  self->progress_regex = regex ? g_regex_ref (regex) : NULL;
  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    cb_job_run_set_progress_regex (g_ptr_array_index (self->tasks, i), regex);
}

/* Output */

static void
take_lines (CbJobRun  *self,
            GPtrArray *lines)
{
  gboolean problems = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      CbRunLine *line = g_ptr_array_index (lines, i);

      if (line->flags & CB_RUN_LINE_PROBLEM)
        {
          self->n_problems++;
          problems = TRUE;
        }
      cb_line_ring_add (self->ring, g_rc_box_acquire (line));
    }

  g_signal_emit (self, signals[OUTPUT], 0, lines);
  if (problems)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

/* A line of the app's own: the job's state */
void
_cb_job_run_add_note (CbJobRun   *self,
                      const char *text,
                      gboolean    problem)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);

  g_ptr_array_add (lines, cb_run_line_new (text, strlen (text),
                                           CB_RUN_LINE_NOTE | (problem ? CB_RUN_LINE_PROBLEM : 0)));
  take_lines (self, lines);
}

static void
on_follower_output (CbFileFollower *follower,
                    GPtrArray      *lines,
                    CbJobRun       *self)
{
  take_lines (self, lines);
}

static void
on_follower_progress (CbJobRun *self,
                      GParamSpec *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self),
                            g_str_equal (pspec->name, "progress") ? properties[PROP_PROGRESS]
                                                                  : properties[PROP_PROGRESS_TEXT]);
}

/* Ending */

static void
finish (CbJobRun *self)
{
  if (self->finished)
    return;

  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_follower_finished (CbJobRun *self)
{
  finish (self);
}

static gboolean
tasks_finished (CbJobRun *self)
{
  for (guint i = 0; i < self->tasks->len; i++)
    if (!CB_JOB_RUN (g_ptr_array_index (self->tasks, i))->finished)
      return FALSE;
  return TRUE;
}

/* The end: once the cluster has said how the job ended, the rest of the
 * log is read, and then it has finished
 */
static void
end_when_done (CbJobRun *self)
{
  if (self->finished || !cb_slurm_job_has_end_details (self->job))
    return;

  if (self->tasks != NULL)
    {
      if (tasks_finished (self))
        finish (self);
    }
  else if (self->follower != NULL)
    cb_file_follower_finish (self->follower);
  else
    finish (self);
}

/* Following */

static gboolean
has_run (CbSlurmJobState state)
{
  return state == CB_SLURM_JOB_RUNNING || state == CB_SLURM_JOB_COMPLETING ||
         state == CB_SLURM_JOB_SUSPENDED || cb_slurm_job_state_is_finished (state);
}

/* The log is there once the job runs, at a path that may name its node */
static void
follow (CbJobRun *self)
{
  g_autofree char *path = NULL;

  if (self->follower != NULL || self->tasks != NULL ||
      !has_run (cb_slurm_job_get_state (self->job)))
    return;
  if ((path = cb_slurm_job_get_output_path (self->job)) == NULL)
    return;

  self->follower = cb_file_follower_new (path);
  cb_file_follower_set_progress_regex (self->follower, self->progress_regex);
  g_signal_connect (self->follower, "output", G_CALLBACK (on_follower_output), self);
  g_signal_connect_swapped (self->follower, "notify::progress", G_CALLBACK (on_follower_progress),
                            self);
  g_signal_connect_swapped (self->follower, "notify::progress-text",
                            G_CALLBACK (on_follower_progress), self);
  g_signal_connect_swapped (self->follower, "finished", G_CALLBACK (on_follower_finished), self);
  cb_file_follower_start (self->follower);
}

static const char *
task_name (CbJobRun *task)
{
  if (task->label != NULL && task->label[0] != '\0')
    return task->label;
  return cb_slurm_job_get_id (task->job);
}

static void
note_state (CbJobRun *self)
{
  g_autofree char *status = cb_slurm_job_get_status_text (self->job);
  CbSlurmJobState state = cb_slurm_job_get_state (self->job);
  gboolean problem = cb_slurm_job_state_is_finished (state) && state != CB_SLURM_JOB_COMPLETED;

  _cb_job_run_add_note (self, status, problem);
}

static void
on_job_changed (CbJobRun *self)
{
  CbSlurmJobState state = cb_slurm_job_get_state (self->job);

  if (state != self->last_state)
    {
      if (has_run (state) && self->seen_running == 0 && state != CB_SLURM_JOB_CANCELLED)
        self->seen_running = g_get_real_time ();
      if (cb_slurm_job_state_is_finished (state) && self->seen_ended == 0)
        self->seen_ended = g_get_real_time ();
      self->last_state = state;
      note_state (self);
    }

  follow (self);
  g_signal_emit (self, signals[CHANGED], 0);
  end_when_done (self);
}

/* An array's tasks: their ends are told in the array's output */
static void
on_task_finished (CbJobRun *self,
                  CbJobRun *task)
{
  g_autofree char *status = cb_slurm_job_get_status_text (task->job);
  g_autofree char *note = NULL;
  CbSlurmJobState state = cb_slurm_job_get_state (task->job);

  self->n_tasks_done++;
  g_free (self->tasks_text);
  self->tasks_text = g_strdup_printf (ngettext ("%u of %u task finished",
                                                "%u of %u tasks finished", self->tasks->len),
                                      self->n_tasks_done, self->tasks->len);
  /* Translators: an array task (its values, such as “seed=2”), its state */
  note = g_strdup_printf (_("Task %d (%s): %s"), cb_slurm_job_get_task_id (task->job),
                          task_name (task), status);
  _cb_job_run_add_note (self, note, state != CB_SLURM_JOB_COMPLETED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
  end_when_done (self);
}

/**
 * cb_job_run_start:
 *
 * Follows the job: its state as the tracker learns it, and its log as
 * soon as it runs. The job is tracked if it was not.
 */
void
cb_job_run_start (CbJobRun *self)
{
  g_autofree char *note = NULL;

  g_return_if_fail (CB_IS_JOB_RUN (self));

  if (self->started)
    return;
  self->started = TRUE;

  /* Translators: a Slurm job's id */
  note = g_strdup_printf (self->tasks ? _("Submitted as job array %s.") : _("Submitted as job %s."),
                          cb_slurm_job_get_id (self->job));
  if (self->tasks != NULL || cb_slurm_job_get_task_id (self->job) < 0)
    _cb_job_run_add_note (self, note, FALSE);

  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      CbJobRun *task = g_ptr_array_index (self->tasks, i);

      g_signal_connect_swapped (task, "finished", G_CALLBACK (on_task_finished), self);
      task->submit_time = self->submit_time;
      cb_job_run_start (task);
    }

  g_signal_connect_swapped (self->job, "changed", G_CALLBACK (on_job_changed), self);
  if (cb_slurm_job_get_task_id (self->job) < 0)
    cb_slurm_tracker_track (self->tracker, self->job);
  on_job_changed (self);
}

/* Getters */

/**
 * cb_job_run_get_job:
 *
 * Returns: (transfer none): the job, or the array task
 */
CbSlurmJob *
cb_job_run_get_job (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return self->job;
}

/**
 * cb_job_run_get_id:
 *
 * Returns: the job's id, as scancel and `--cancel` take it
 */
const char *
cb_job_run_get_id (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return cb_slurm_job_get_id (self->job);
}

/**
 * cb_job_run_get_script:
 *
 * Returns: (nullable): the batch script that was submitted
 */
const char *
cb_job_run_get_script (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return self->script;
}

/**
 * cb_job_run_get_values:
 *
 * Returns: (transfer none) (nullable): the form's values it was
 *   submitted with
 */
GVariant *
cb_job_run_get_values (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return self->values;
}

/**
 * cb_job_run_get_slurm_values:
 *
 * Returns: (transfer none) (nullable): the page's Slurm values it was
 *   submitted with
 */
GVariant *
cb_job_run_get_slurm_values (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return self->slurm_values;
}

/**
 * cb_job_run_get_submit_time:
 *
 * Returns: when it was submitted, in microseconds since the epoch
 */
gint64
cb_job_run_get_submit_time (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), 0);
  return self->submit_time;
}

gint64
_cb_job_run_start_time (CbJobRun *self)
{
  gint64 start = cb_slurm_job_get_start_time (self->job);

  return start != 0 ? start : self->seen_running;
}

/**
 * cb_job_run_get_end_time:
 *
 * Returns: when it ended, as the cluster says, or as the app saw it; 0
 *   while it has not
 */
gint64
cb_job_run_get_end_time (CbJobRun *self)
{
  gint64 end;

  g_return_val_if_fail (CB_IS_JOB_RUN (self), 0);

  end = cb_slurm_job_get_end_time (self->job);
  return end != 0 ? end : self->seen_ended;
}

gboolean
cb_job_run_is_array (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), FALSE);
  return self->tasks != NULL;
}

/**
 * cb_job_run_get_tasks:
 *
 * Returns: (transfer none) (nullable) (element-type CbJobRun): an array's
 *   tasks, each with its own log
 */
GPtrArray *
cb_job_run_get_tasks (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return self->tasks;
}

/**
 * cb_job_run_get_label:
 *
 * Returns: (nullable): an array task's values, such as `seed=2`
 */
const char *
cb_job_run_get_label (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);
  return self->label;
}

/**
 * cb_job_run_is_finished:
 *
 * Returns: whether the job has ended and its log has been read
 */
gboolean
cb_job_run_is_finished (CbJobRun *self)
{
  g_return_val_if_fail (CB_IS_JOB_RUN (self), FALSE);
  return self->finished;
}

/**
 * cb_job_run_can_resubmit:
 *
 * Returns: whether the job ended without completing: out of time,
 *   preempted, failed or cancelled, so that it may go again from its
 *   latest checkpoint
 */
gboolean
cb_job_run_can_resubmit (CbJobRun *self)
{
  CbSlurmJobState state;

  g_return_val_if_fail (CB_IS_JOB_RUN (self), FALSE);

  state = cb_slurm_job_get_state (self->job);
  return cb_slurm_job_state_is_finished (state) && state != CB_SLURM_JOB_COMPLETED;
}

/* The record */

/**
 * cb_job_run_to_record:
 *
 * Returns: (transfer full): the job's record in the history, as it is
 *   now: the run's keys, and `job`, `slurm`, `script` and `task-labels`
 */
CbHistoryRecord *
cb_job_run_to_record (CbJobRun *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  CbExecution *execution = CB_EXECUTION (self);
  const char *log;

  g_return_val_if_fail (CB_IS_JOB_RUN (self), NULL);

  g_variant_dict_insert_value (&dict, "argv",
                               g_variant_new_strv ((const char * const *)self->argv, -1));
  g_variant_dict_insert (&dict, "schema", "s", self->schema_id ? self->schema_id : "");
  g_variant_dict_insert (&dict, "start", "x", self->submit_time);
  g_variant_dict_insert (&dict, "duration", "x", cb_execution_get_elapsed (execution));
  g_variant_dict_insert (&dict, "state", "s",
                         cb_history_state_name (cb_execution_get_state (execution)));
  g_variant_dict_insert (&dict, "exit-status", "i",
                         MAX (0, cb_slurm_job_get_exit_code (self->job)));
  g_variant_dict_insert (&dict, "signal", "i", cb_slurm_job_get_term_signal (self->job));
  if ((log = cb_execution_get_log_path (execution)) != NULL)
    g_variant_dict_insert (&dict, "log", "s", log);
  if (self->values != NULL)
    g_variant_dict_insert_value (&dict, "values", self->values);
  if (self->slurm_values != NULL)
    g_variant_dict_insert_value (&dict, "slurm", self->slurm_values);
  if (self->script != NULL)
    g_variant_dict_insert (&dict, "script", "s", self->script);
  if (self->task_labels != NULL)
    g_variant_dict_insert_value (&dict, "task-labels",
                                 g_variant_new_strv ((const char * const *)self->task_labels, -1));
  g_variant_dict_insert_value (&dict, "job", cb_slurm_job_to_variant (self->job));

  return cb_history_record_new (g_variant_dict_end (&dict));
}

/**
 * cb_job_run_new_from_record:
 * @record: a job's record, as cb_job_run_to_record() made it
 *
 * Returns: (transfer full): the job's run as it was, not started; or
 *   %NULL with @error set when @record is not a job's
 */
CbJobRun *
cb_job_run_new_from_record (CbHistoryRecord  *record,
                            CbSlurmTracker   *tracker,
                            GError          **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(CbSlurmJob) job = NULL;
  g_autoptr(GVariant) labels = NULL;
  GVariant *data;
  const char *script = NULL;
  CbJobRun *self;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  variant = cb_history_record_get_job (record);
  if (variant == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The record is not one of a Slurm job."));
      return NULL;
    }
  if ((job = cb_slurm_job_new_from_variant (variant, error)) == NULL)
    return NULL;

  data = cb_history_record_get_data (record);
  g_variant_lookup (data, "script", "&s", &script);
  self = cb_job_run_new (job, tracker, cb_history_record_get_schema_id (record),
                         cb_history_record_get_argv (record), script);
  self->submit_time = cb_history_record_get_start_time (record);
  cb_job_run_set_values (self, cb_history_record_get_values (record),
                         cb_history_record_get_slurm_values (record));
  labels = g_variant_lookup_value (data, "task-labels", G_VARIANT_TYPE_STRING_ARRAY);
  if (labels != NULL)
    {
      g_autofree const char **strv = g_variant_get_strv (labels, NULL);

      cb_job_run_set_task_labels (self, strv);
    }
  return self;
}
