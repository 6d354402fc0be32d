/* cb-slurm-job.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-slurm-job-private.h"
#include "cb-slurm-script.h"

G_DEFINE_FINAL_TYPE (CbSlurmJob, cb_slurm_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cb_slurm_job_finalize (GObject *object)
{
  CbSlurmJob *self = CB_SLURM_JOB (object);

  g_free (self->id);
  g_free (self->array_job_id);
  g_free (self->own_id);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_free (self->output_pattern);
  g_free (self->name);
  g_free (self->reason);
  g_free (self->nodes);

  G_OBJECT_CLASS (cb_slurm_job_parent_class)->finalize (object);
}

static void
cb_slurm_job_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CbSlurmJob *self = CB_SLURM_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_slurm_job_class_init (CbSlurmJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_slurm_job_finalize;
  object_class->get_property = cb_slurm_job_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CB_SLURM_JOB_UNKNOWN, CB_SLURM_JOB_LOST,
                      CB_SLURM_JOB_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CbSlurmJob::changed:
   *
   * Emitted when anything the status text says changed: the state, the
   * reason, the nodes, the exit code, or a task of an array.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_slurm_job_init (CbSlurmJob *self)
{
  self->task_id = -1;
  self->exit_code = -1;
}

/**
 * cb_slurm_job_new:
 * @id: the id sbatch gave
 * @output_pattern: (nullable): the absolute path of its log, with
 *   sbatch's `%j` and the like in it
 *
 * Returns: (transfer full): a job in state %CB_SLURM_JOB_UNKNOWN
 */
CbSlurmJob *
cb_slurm_job_new (const char *id,
                  const char *output_pattern)
{
  CbSlurmJob *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (CB_TYPE_SLURM_JOB, NULL);
  self->id = g_strdup (id);
  self->output_pattern = g_strdup (output_pattern);

  return self;
}

/**
 * cb_slurm_job_new_array:
 * @task_ids: (element-type guint): the tasks, as cb_slurm_array_parse()
 *   gives them
 *
 * Returns: (transfer full): an array job with a #CbSlurmJob a task
 */
CbSlurmJob *
cb_slurm_job_new_array (const char *id,
                        const char *output_pattern,
                        GArray     *task_ids)
{
  CbSlurmJob *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (task_ids != NULL && task_ids->len > 0, NULL);

  self = cb_slurm_job_new (id, output_pattern);
  self->array_job_id = g_strdup (id);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < task_ids->len; i++)
    {
      guint task_id = g_array_index (task_ids, guint, i);
      CbSlurmJob *task = cb_slurm_job_new (id, output_pattern);

      g_free (task->id);
      task->id = g_strdup_printf ("%s_%u", id, task_id);
      task->array_job_id = g_strdup (id);
      task->task_id = (int)task_id;
      g_ptr_array_add (self->tasks, task);
    }

  return self;
}

/**
 * cb_slurm_job_get_id:
 *
 * Returns: the id to give scancel: `123`, or `123_4` for an array task
 */
const char *
cb_slurm_job_get_id (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->id;
}

/**
 * cb_slurm_job_get_array_job_id:
 *
 * Returns: (nullable): the array's id, for an array and its tasks
 */
const char *
cb_slurm_job_get_array_job_id (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->array_job_id;
}

/**
 * cb_slurm_job_get_task_id:
 *
 * Returns: the array task's index, or -1
 */
int
cb_slurm_job_get_task_id (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), -1);
  return self->task_id;
}

gboolean
cb_slurm_job_is_array (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), FALSE);
  return self->tasks != NULL;
}

/**
 * cb_slurm_job_get_tasks:
 *
 * Returns: (transfer none) (nullable) (element-type CbSlurmJob): an
 *   array's tasks, or %NULL
 */
GPtrArray *
cb_slurm_job_get_tasks (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->tasks;
}

/**
 * cb_slurm_job_get_task:
 *
 * Returns: (transfer none) (nullable): the array's task @task_id
 */
CbSlurmJob *
cb_slurm_job_get_task (CbSlurmJob *self,
                       int         task_id)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);

  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      CbSlurmJob *task = g_ptr_array_index (self->tasks, i);

      if (task->task_id == task_id)
        return task;
    }

  return NULL;
}

CbSlurmJobState
cb_slurm_job_get_state (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), CB_SLURM_JOB_UNKNOWN);
  return self->state;
}

gboolean
cb_slurm_job_is_finished (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), FALSE);
  return cb_slurm_job_state_is_finished (self->state);
}

/**
 * cb_slurm_job_get_reason:
 *
 * Returns: (nullable): Slurm's reason: why it is pending (`Resources`) or
 *   why it ended (`TimeLimit`)
 */
const char *
cb_slurm_job_get_reason (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->reason;
}

/**
 * cb_slurm_job_get_nodes:
 *
 * Returns: (nullable): the nodes it runs or ran on
 */
const char *
cb_slurm_job_get_nodes (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->nodes;
}

/**
 * cb_slurm_job_get_exit_code:
 *
 * Returns: the batch script's exit code, or -1 until it is known
 */
int
cb_slurm_job_get_exit_code (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), -1);
  return self->exit_code;
}

/**
 * cb_slurm_job_get_term_signal:
 *
 * Returns: the signal that ended it, or 0
 */
int
cb_slurm_job_get_term_signal (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), 0);
  return self->term_signal;
}

/**
 * cb_slurm_job_has_end_details:
 *
 * Returns: whether the job has ended and its exit code is known (or can
 *   no longer be)
 */
gboolean
cb_slurm_job_has_end_details (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), FALSE);

  if (self->tasks != NULL)
    {
      for (guint i = 0; i < self->tasks->len; i++)
        if (!cb_slurm_job_has_end_details (g_ptr_array_index (self->tasks, i)))
          return FALSE;
      return TRUE;
    }

  return self->state == CB_SLURM_JOB_LOST ||
         (cb_slurm_job_state_is_finished (self->state) && self->end_details);
}

const char *
cb_slurm_job_get_name (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->name;
}

/**
 * cb_slurm_job_get_start_time:
 *
 * Returns: when the job started, as the cluster says, in microseconds
 *   since the epoch; 0 until scontrol or sacct have said (squeue does
 *   not); for an array, when its first task started
 */
gint64
cb_slurm_job_get_start_time (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), 0);
  return self->start_time;
}

/**
 * cb_slurm_job_get_end_time:
 *
 * Returns: when the job ended, as the cluster says, or 0; for an array,
 *   when its last task ended
 */
gint64
cb_slurm_job_get_end_time (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), 0);
  return self->end_time;
}

void
cb_slurm_job_set_name (CbSlurmJob *self,
                       const char *name)
{
  g_return_if_fail (CB_IS_SLURM_JOB (self));

  g_free (self->name);
  self->name = g_strdup (name);
  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    cb_slurm_job_set_name (g_ptr_array_index (self->tasks, i), name);
}

const char *
cb_slurm_job_get_output_pattern (CbSlurmJob *self)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);
  return self->output_pattern;
}

static char *
first_node (const char *nodes)
{
  g_autofree char *copy = NULL;

  if (nodes == NULL)
    return NULL;

  /* node[01-04],other: the first node is node01 */
  copy = g_strdup (nodes);
  g_strdelimit (copy, ",", '\0');
  if (strchr (copy, '[') != NULL)
    {
      char *bracket = strchr (copy, '[');
      g_autofree char *first = g_strdup (bracket + 1);

      g_strdelimit (first, "-,]", '\0');
      *bracket = '\0';
      return g_strconcat (copy, first, NULL);
    }

  return g_steal_pointer (&copy);
}

/**
 * cb_slurm_job_get_output_path:
 *
 * Returns: (transfer full) (nullable): the job's log file, or %NULL when
 *   it cannot be known yet (an array task's `%j` before it starts) or the
 *   job is an array (each task has its own)
 */
char *
cb_slurm_job_get_output_path (CbSlurmJob *self)
{
  g_autofree char *node = NULL;
  const char *job_id;

  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);

  if (self->output_pattern == NULL || self->tasks != NULL)
    return NULL;

  job_id = self->task_id >= 0 ? self->own_id : self->id;
  if (job_id == NULL)
    {
      /* An array task's own id is known once squeue has seen it */
      if (strstr (self->output_pattern, "%j") != NULL)
        return NULL;
      job_id = "";
    }

  node = first_node (self->nodes);
  return cb_slurm_output_expand (self->output_pattern, job_id, self->array_job_id,
                                 self->task_id, self->name, node);
}

/* Pending reasons that users meet, in words */
static const char *
describe_reason (const char *reason)
{
  static const struct { const char *reason; const char *words; } reasons[] = {
    { "Priority", N_("other jobs come first") },
    { "Resources", N_("waiting for resources") },
    { "JobArrayTaskLimit", N_("waiting for other tasks of the array") },
    { "BeginTime", N_("waiting for its start time") },
    { "Dependency", N_("waiting for another job") },
    { "DependencyNeverSatisfied", N_("the job it depends on failed") },
    { "JobHeldUser", N_("held by its user") },
    { "JobHeldAdmin", N_("held by an administrator") },
    { "PartitionDown", N_("the partition is down") },
    { "PartitionInactive", N_("the partition is inactive") },
    { "PartitionTimeLimit", N_("it asks for more time than the partition allows") },
    { "PartitionConfig", N_("it asks for more than the partition allows") },
    { "PartitionNodeLimit", N_("it asks for more nodes than the partition allows") },
    { "ReqNodeNotAvail", N_("the nodes it needs are not available") },
    { "QOSMaxJobsPerUserLimit", N_("you have as many jobs running as the QoS allows") },
    { "AssocMaxJobsLimit", N_("your account has as many jobs running as it may") },
    { "QOSGrpGRES", N_("the QoS has no GPUs left for now") },
    { "Reservation", N_("waiting for its reservation") },
  };

  if (reason == NULL)
    return _("waiting to be scheduled");
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (strcmp (reasons[i].reason, reason) == 0)
      return _(reasons[i].words);

  return reason;
}

static char *
state_text (CbSlurmJob *self)
{
  switch (self->state)
    {
    case CB_SLURM_JOB_UNKNOWN:
      return g_strdup (_("Submitted"));
    case CB_SLURM_JOB_PENDING:
      return g_strdup_printf (_("Pending: %s"), describe_reason (self->reason));
    case CB_SLURM_JOB_RUNNING:
      if (self->nodes != NULL)
        return g_strdup_printf (_("Running on %s"), self->nodes);
      return g_strdup (_("Running"));
    case CB_SLURM_JOB_SUSPENDED:
      return g_strdup (_("Suspended"));
    case CB_SLURM_JOB_COMPLETING:
      return g_strdup (_("Ending"));
    case CB_SLURM_JOB_COMPLETED:
      return g_strdup (_("Completed"));
    case CB_SLURM_JOB_FAILED:
      if (self->exit_code > 0)
        return g_strdup_printf (_("Failed with exit code %d"), self->exit_code);
      if (self->term_signal > 0)
        return g_strdup_printf (_("Failed: killed by signal %d (%s)"), self->term_signal,
                                g_strsignal (self->term_signal));
      return g_strdup (_("Failed"));
    case CB_SLURM_JOB_TIMEOUT:
      return g_strdup (_("Timed out: it reached its time limit"));
    case CB_SLURM_JOB_PREEMPTED:
      return g_strdup (_("Preempted: another job took its resources"));
    case CB_SLURM_JOB_CANCELLED:
      return g_strdup (_("Cancelled"));
    case CB_SLURM_JOB_OUT_OF_MEMORY:
      return g_strdup (_("Out of memory: it used more than it asked for"));
    case CB_SLURM_JOB_NODE_FAIL:
      return g_strdup (_("Ended by a node failure"));
    case CB_SLURM_JOB_BOOT_FAIL:
      return g_strdup (_("Its node failed to start"));
    case CB_SLURM_JOB_DEADLINE:
      return g_strdup (_("Ended at its deadline"));
    case CB_SLURM_JOB_LOST:
    default:
      return g_strdup (_("Ended; the cluster no longer knows how (it keeps no accounting)"));
    }
}

/**
 * cb_slurm_job_get_status_text:
 *
 * Returns: (transfer full): the state in words: `Pending: waiting for
 *   resources`, `Running on node12`, `Failed with exit code 1`; for an
 *   array, with how many of its tasks have finished
 */
char *
cb_slurm_job_get_status_text (CbSlurmJob *self)
{
  g_autofree char *text = NULL;
  guint done = 0;

  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);

  text = state_text (self);
  if (self->tasks == NULL)
    return g_steal_pointer (&text);

  for (guint i = 0; i < self->tasks->len; i++)
    if (cb_slurm_job_is_finished (g_ptr_array_index (self->tasks, i)))
      done++;

  return g_strdup_printf (ngettext ("%s (%u of %u task finished)", "%s (%u of %u tasks finished)",
                                    self->tasks->len),
                          text, done, self->tasks->len);
}

/* Updating */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
apply (CbSlurmJob           *self,
       CbSlurmJobState       state,
       const CbSlurmJobInfo *info,
       gboolean              end_details)
{
  gboolean changed = FALSE;
  CbSlurmJobState old = self->state;

  /* A job that ended stays ended; a late, stale line does not revive it */
  if (cb_slurm_job_state_is_finished (self->state) && !cb_slurm_job_state_is_finished (state) &&
      state != CB_SLURM_JOB_PENDING)
    return FALSE;

  if (state != CB_SLURM_JOB_UNKNOWN && state != self->state)
    {
      self->state = state;
      changed = TRUE;
    }
  if (info != NULL)
    {
      changed |= set_string (&self->reason, info->reason);
      if (info->nodes != NULL)
        changed |= set_string (&self->nodes, info->nodes);
      if (self->name == NULL && info->name != NULL)
        self->name = g_strdup (info->name);
      /* A pending job's start is a guess, a running one's end its limit */
      if (info->start_time != 0 && self->state != CB_SLURM_JOB_PENDING &&
          info->start_time != self->start_time)
        {
          self->start_time = info->start_time;
          changed = TRUE;
        }
      if (info->end_time != 0 && cb_slurm_job_state_is_finished (self->state) &&
          info->end_time != self->end_time)
        {
          self->end_time = info->end_time;
          changed = TRUE;
        }
      if (info->exit_code >= 0 && (info->exit_code != self->exit_code ||
                                   info->term_signal != self->term_signal))
        {
          self->exit_code = info->exit_code;
          self->term_signal = info->term_signal;
          changed = TRUE;
        }
    }
  if (end_details && cb_slurm_job_state_is_finished (self->state) && !self->end_details)
    {
      self->end_details = TRUE;
      changed = TRUE;
    }

  if (old != self->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);

  return changed;
}

/* An array's state: running while a task runs, pending while one waits,
 * completed when all completed, else how the first unsuccessful task ended
 */
static gboolean
aggregate (CbSlurmJob *self)
{
  CbSlurmJobState state = CB_SLURM_JOB_COMPLETED;
  CbSlurmJob *running = NULL;
  CbSlurmJob *waiting = NULL;
  gboolean exit_code_known = TRUE;
  CbSlurmJobInfo info = { .exit_code = -1 };
  gint64 start = 0, end = 0;
  gboolean times_changed;

  for (guint i = 0; i < self->tasks->len; i++)
    {
      CbSlurmJob *task = g_ptr_array_index (self->tasks, i);

      if (task->state == CB_SLURM_JOB_RUNNING || task->state == CB_SLURM_JOB_COMPLETING ||
          task->state == CB_SLURM_JOB_SUSPENDED)
        running = running ? running : task;
      else if (!cb_slurm_job_state_is_finished (task->state))
        waiting = waiting ? waiting : task;
      else if (task->state != CB_SLURM_JOB_COMPLETED && state == CB_SLURM_JOB_COMPLETED)
        {
          /* The array ended as this task: its exit code is the array's */
          state = task->state;
          info.exit_code = task->exit_code;
          info.term_signal = task->term_signal;
        }
      exit_code_known &= task->exit_code >= 0;
      if (task->start_time != 0)
        start = start == 0 ? task->start_time : MIN (start, task->start_time);
      end = MAX (end, task->end_time);
    }

  /* The array started with its first task, and ended with its last */
  times_changed = start != self->start_time;
  self->start_time = start;
  if (running == NULL && waiting == NULL)
    {
      times_changed |= end != self->end_time;
      self->end_time = end;
    }

  /* The array says where its first running task runs, or why its first
   * waiting task waits
   */
  if (running != NULL)
    {
      state = CB_SLURM_JOB_RUNNING;
      info.nodes = running->nodes;
    }
  else if (waiting != NULL)
    {
      state = CB_SLURM_JOB_PENDING;
      info.reason = waiting->reason;
    }

  return apply (self, state, &info, running == NULL && waiting == NULL && exit_code_known) ||
         times_changed;
}

static gboolean
update_tasks (CbSlurmJob           *self,
              const CbSlurmJobInfo *info,
              gboolean              end_details)
{
  g_autoptr(GArray) ids = cb_slurm_array_parse (info->tasks, NULL, NULL);
  gboolean changed = FALSE;

  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      CbSlurmJob *task = cb_slurm_job_get_task (self, (int)g_array_index (ids, guint, i));

      if (task == NULL)
        continue;
      /* A line about one task names the task's own job id (the array's
       * last task takes the array's id)
       */
      if (ids->len == 1 && info->job_id != NULL)
        changed |= set_string (&task->own_id, info->job_id);
      changed |= apply (task, info->state, info, end_details);
    }

  changed |= aggregate (self);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}

/**
 * cb_slurm_job_update:
 * @info: what squeue, scontrol or sacct said; for an array, of some of
 *   its tasks
 * @end_details: whether @info comes from scontrol or sacct, which give
 *   the exit code
 *
 * Returns: whether anything changed
 */
gboolean
cb_slurm_job_update (CbSlurmJob           *self,
                     const CbSlurmJobInfo *info,
                     gboolean              end_details)
{
  g_return_val_if_fail (CB_IS_SLURM_JOB (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (self->tasks != NULL)
    return info->tasks != NULL ? update_tasks (self, info, end_details) : FALSE;

  return apply (self, info->state, info, end_details);
}

/**
 * cb_slurm_job_set_state:
 * @state: a finished state
 *
 * Says that the job ended without word from the cluster on how:
 * %CB_SLURM_JOB_LOST when the cluster no longer knows it, or a state read
 * back from the history. A job (or array task) that has already ended
 * keeps its state; either way, no more is to be learnt of it.
 */
void
cb_slurm_job_set_state (CbSlurmJob      *self,
                        CbSlurmJobState  state,
                        const char      *reason)
{
  CbSlurmJobInfo info = { .reason = (char *)reason, .exit_code = -1 };

  g_return_if_fail (CB_IS_SLURM_JOB (self));
  g_return_if_fail (cb_slurm_job_state_is_finished (state));

  if (self->tasks != NULL)
    {
      for (guint i = 0; i < self->tasks->len; i++)
        cb_slurm_job_set_state (g_ptr_array_index (self->tasks, i), state, reason);
      aggregate (self);
      return;
    }

  if (cb_slurm_job_is_finished (self))
    apply (self, self->state, NULL, TRUE);
  else
    apply (self, state, &info, TRUE);
}

