/* cb-slurm-tracker.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-slurm-command.h"
#include "cb-slurm-script.h"
#include "cb-slurm-tracker.h"

/**
 * CbSlurmTracker:
 *
 * Submits jobs and keeps their states up to date, as a #GListModel of
 * #CbSlurmJob in the order they were submitted or picked up.
 *
 * The controller is shared by everyone on the cluster, so it is asked
 * little: one `squeue` call for all tracked jobs, every few seconds at
 * first and less and less often while nothing changes; in the first half
 * minute after a job is tracked, every second, so that a short job is
 * seen running, and its output followed, before it ends. When a job has
 * ended, `scontrol show job` (or `sacct`, when the cluster keeps
 * accounting) gives its exit code, once. Polling stops when every job has
 * ended; closing the app never cancels a job.
 */
struct _CbSlurmTracker
{
  GObject       parent_instance;

  GPtrArray    *jobs;
  guint         min_msec;
  guint         max_msec;
  guint         interval;
  gint64        fresh_until;
  guint         poll_id;
  gboolean      polling;
  gboolean      poll_again;
  guint         n_polls;
  gboolean      accounting;
  char         *error;
  GCancellable *cancellable;
};

/* How often, and for how long, a job just tracked is polled */
#define FRESH_MSEC 1000
#define FRESH_SECONDS 30

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbSlurmTracker, cb_slurm_tracker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  JOB_FINISHED,
  POLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_poll (CbSlurmTracker *self,
                           guint           msec);

static GType
get_item_type (GListModel *model)
{
  return CB_TYPE_SLURM_JOB;
}

static guint
get_n_items (GListModel *model)
{
  return CB_SLURM_TRACKER (model)->jobs->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CbSlurmTracker *self = CB_SLURM_TRACKER (model);

  if (position >= self->jobs->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->jobs, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
cb_slurm_tracker_dispose (GObject *object)
{
  CbSlurmTracker *self = CB_SLURM_TRACKER (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (cb_slurm_tracker_parent_class)->dispose (object);
}

static void
cb_slurm_tracker_finalize (GObject *object)
{
  CbSlurmTracker *self = CB_SLURM_TRACKER (object);

  g_ptr_array_unref (self->jobs);
  g_free (self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cb_slurm_tracker_parent_class)->finalize (object);
}

static void
cb_slurm_tracker_class_init (CbSlurmTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_slurm_tracker_dispose;
  object_class->finalize = cb_slurm_tracker_finalize;

  /**
   * CbSlurmTracker::job-finished:
   * @job: the job
   *
   * Emitted once a job has ended and how it ended is known (or can no
   * longer be): the moment to record it in the history.
   */
  signals[JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_SLURM_JOB);

  /**
   * CbSlurmTracker::polled:
   *
   * Emitted when a poll is over: the jobs' states are what the cluster
   * said (or cb_slurm_tracker_get_error() says why it did not).
   */
  signals[POLLED] =
    g_signal_new ("polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_slurm_tracker_init (CbSlurmTracker *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->min_msec = CB_SLURM_POLL_MIN_MSEC;
  self->max_msec = CB_SLURM_POLL_MAX_MSEC;
  self->interval = self->min_msec;
  self->cancellable = g_cancellable_new ();
}

CbSlurmTracker *
cb_slurm_tracker_new (void)
{
  return g_object_new (CB_TYPE_SLURM_TRACKER, NULL);
}

/**
 * cb_slurm_tracker_set_poll_interval:
 *
 * Sets how often squeue is asked after a change (@min_msec), and how
 * rarely at most while nothing changes (@max_msec); the interval doubles
 * from one to the other.
 */
void
cb_slurm_tracker_set_poll_interval (CbSlurmTracker *self,
                                    guint           min_msec,
                                    guint           max_msec)
{
  g_return_if_fail (CB_IS_SLURM_TRACKER (self));
  g_return_if_fail (min_msec > 0 && min_msec <= max_msec);

  self->min_msec = min_msec;
  self->max_msec = max_msec;
  self->interval = min_msec;
}

/**
 * cb_slurm_tracker_get_poll_interval:
 *
 * Returns: the time until the next squeue call, in milliseconds
 */
guint
cb_slurm_tracker_get_poll_interval (CbSlurmTracker *self)
{
  g_return_val_if_fail (CB_IS_SLURM_TRACKER (self), 0);
  return self->interval;
}

/**
 * cb_slurm_tracker_set_accounting:
 *
 * Says whether the cluster keeps accounting (see
 * cb_slurm_cluster_has_accounting()), so that sacct can tell how jobs
 * ended after the controller has forgotten them.
 */
void
cb_slurm_tracker_set_accounting (CbSlurmTracker *self,
                                 gboolean        accounting)
{
  g_return_if_fail (CB_IS_SLURM_TRACKER (self));
  self->accounting = accounting;
}

/**
 * cb_slurm_tracker_get_n_polls:
 *
 * Returns: how many times squeue was asked
 */
guint
cb_slurm_tracker_get_n_polls (CbSlurmTracker *self)
{
  g_return_val_if_fail (CB_IS_SLURM_TRACKER (self), 0);
  return self->n_polls;
}

/**
 * cb_slurm_tracker_get_error:
 *
 * Returns: (nullable): why the last poll failed, or %NULL
 */
const char *
cb_slurm_tracker_get_error (CbSlurmTracker *self)
{
  g_return_val_if_fail (CB_IS_SLURM_TRACKER (self), NULL);
  return self->error;
}

/**
 * cb_slurm_tracker_lookup:
 * @id: a job's id, or an array task's (`12_3`)
 *
 * Returns: (transfer none) (nullable): the tracked job or task
 */
CbSlurmJob *
cb_slurm_tracker_lookup (CbSlurmTracker *self,
                         const char     *id)
{
  g_return_val_if_fail (CB_IS_SLURM_TRACKER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      CbSlurmJob *job = g_ptr_array_index (self->jobs, i);
      GPtrArray *tasks = cb_slurm_job_get_tasks (job);

      if (strcmp (cb_slurm_job_get_id (job), id) == 0)
        return job;
      for (guint j = 0; tasks != NULL && j < tasks->len; j++)
        if (strcmp (cb_slurm_job_get_id (g_ptr_array_index (tasks, j)), id) == 0)
          return g_ptr_array_index (tasks, j);
    }

  return NULL;
}

/**
 * cb_slurm_tracker_track:
 *
 * Follows @job: one just submitted, or one read back from the history
 * when the app starts.
 */
void
cb_slurm_tracker_track (CbSlurmTracker *self,
                        CbSlurmJob     *job)
{
  g_return_if_fail (CB_IS_SLURM_TRACKER (self));
  g_return_if_fail (CB_IS_SLURM_JOB (job));

  if (cb_slurm_tracker_lookup (self, cb_slurm_job_get_id (job)) != NULL)
    return;

  g_ptr_array_add (self->jobs, g_object_ref (job));
  g_list_model_items_changed (G_LIST_MODEL (self), self->jobs->len - 1, 0, 1);
  self->fresh_until = g_get_monotonic_time () + FRESH_SECONDS * G_USEC_PER_SEC;
  cb_slurm_tracker_poll_now (self);
}

/* Polling */

typedef struct
{
  CbSlurmTracker *self;
  GPtrArray      *pending;   /* jobs that await scontrol or sacct */
  gboolean        changed;
} Poll;

static void
poll_free (Poll *poll)
{
  g_clear_pointer (&poll->pending, g_ptr_array_unref);
  g_object_unref (poll->self);
  g_free (poll);
}

static gboolean
needs_polling (CbSlurmJob *job)
{
  return !cb_slurm_job_has_end_details (job);
}

static char *
tracked_ids (CbSlurmTracker *self)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      CbSlurmJob *job = g_ptr_array_index (self->jobs, i);

      if (!needs_polling (job))
        continue;
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, cb_slurm_job_get_id (job));
    }

  if (ids->len == 0)
    {
      g_string_free (ids, TRUE);
      return NULL;
    }
  return g_string_free (ids, FALSE);
}

static CbSlurmJob *
find_job_for_info (CbSlurmTracker       *self,
                   const CbSlurmJobInfo *info)
{
  const char *id = info->tasks != NULL ? info->array_job_id : info->job_id;

  for (guint i = 0; id != NULL && i < self->jobs->len; i++)
    {
      CbSlurmJob *job = g_ptr_array_index (self->jobs, i);

      if (strcmp (cb_slurm_job_get_id (job), id) == 0)
        return job;
    }

  return NULL;
}

static void
finish_poll (Poll *poll)
{
  CbSlurmTracker *self = poll->self;
  g_autofree char *ids = NULL;

  self->polling = FALSE;
  self->interval = poll->changed ? self->min_msec : MIN (self->interval * 2, self->max_msec);
  /* A job just submitted often starts within seconds, and a short one
   * may end before a poll at the usual interval would see it run: its
   * output would only show at its end */
  if (g_get_monotonic_time () < self->fresh_until)
    self->interval = MIN (self->interval, FRESH_MSEC);

  ids = tracked_ids (self);
  if (self->poll_again)
    {
      self->poll_again = FALSE;
      self->interval = self->min_msec;
      schedule_poll (self, 0);
    }
  else if (ids != NULL)
    schedule_poll (self, self->interval);

  g_signal_emit (self, signals[POLLED], 0);
  poll_free (poll);
}

static void
apply_infos (Poll      *poll,
             GPtrArray *infos,
             gboolean   end_details)
{
  for (guint i = 0; i < infos->len; i++)
    {
      const CbSlurmJobInfo *info = g_ptr_array_index (infos, i);
      CbSlurmJob *job = find_job_for_info (poll->self, info);
      gboolean had_details;

      if (job == NULL)
        continue;
      had_details = cb_slurm_job_has_end_details (job);
      poll->changed |= cb_slurm_job_update (job, info, end_details);
      if (!had_details && cb_slurm_job_has_end_details (job))
        g_signal_emit (poll->self, signals[JOB_FINISHED], 0, job);
    }
}

static void ask_end_details (Poll *poll);

static void
mark_lost (Poll       *poll,
           CbSlurmJob *job)
{
  gboolean had_details = cb_slurm_job_has_end_details (job);

  cb_slurm_job_set_state (job, CB_SLURM_JOB_LOST, NULL);
  poll->changed = TRUE;
  if (!had_details && cb_slurm_job_has_end_details (job))
    g_signal_emit (poll->self, signals[JOB_FINISHED], 0, job);
}

static void
on_sacct (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(CbSlurmJob) job = g_ptr_array_steal_index (poll->pending, 0);
  g_autofree char *output = cb_slurm_command_run_finish (result, NULL);

  if (output != NULL)
    {
      g_autoptr(GPtrArray) infos = cb_slurm_job_infos_parse_sacct (output);

      apply_infos (poll, infos, TRUE);
    }
  if (!cb_slurm_job_has_end_details (job))
    mark_lost (poll, job);

  ask_end_details (poll);
}

static void
on_scontrol (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Poll *poll = user_data;
  CbSlurmJob *job = g_ptr_array_index (poll->pending, 0);
  g_autofree char *output = cb_slurm_command_run_finish (result, NULL);

  if (output != NULL)
    {
      g_autoptr(GPtrArray) infos = cb_slurm_job_infos_parse_scontrol (output);

      apply_infos (poll, infos, TRUE);
    }

  if (!cb_slurm_job_has_end_details (job) && poll->self->accounting)
    {
      const char *argv[] = { "sacct", "-n", "-P", "-X", "-j", cb_slurm_job_get_id (job),
                             "-o", CB_SLURM_SACCT_FORMAT, NULL };

      cb_slurm_command_run_async (argv, NULL, NULL, poll->self->cancellable, on_sacct, poll);
      return;
    }

  /* Without accounting, what the controller forgot is lost */
  if (!cb_slurm_job_has_end_details (job) && output == NULL)
    mark_lost (poll, job);
  g_ptr_array_remove_index (poll->pending, 0);
  ask_end_details (poll);
}

/* One job at a time: scontrol takes one job id a call */
static void
ask_end_details (Poll *poll)
{
  CbSlurmJob *job;

  if (g_cancellable_is_cancelled (poll->self->cancellable))
    {
      poll_free (poll);
      return;
    }

  while (poll->pending->len > 0 &&
         cb_slurm_job_has_end_details (g_ptr_array_index (poll->pending, 0)))
    g_ptr_array_remove_index (poll->pending, 0);

  if (poll->pending->len == 0)
    {
      finish_poll (poll);
      return;
    }

  job = g_ptr_array_index (poll->pending, 0);
  {
    const char *argv[] = { "scontrol", "show", "job", "-o", cb_slurm_job_get_id (job), NULL };

    cb_slurm_command_run_async (argv, NULL, NULL, poll->self->cancellable, on_scontrol, poll);
  }
}

/* Jobs squeue says have ended, and jobs squeue no longer knows */
static void
collect_pending (Poll       *poll,
                 GHashTable *seen)
{
  for (guint i = 0; i < poll->self->jobs->len; i++)
    {
      CbSlurmJob *job = g_ptr_array_index (poll->self->jobs, i);

      if (!needs_polling (job))
        continue;
      if (cb_slurm_job_is_finished (job) || !g_hash_table_contains (seen, job))
        g_ptr_array_add (poll->pending, g_object_ref (job));
    }
}

static void
on_squeue (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *poll = user_data;
  CbSlurmTracker *self = poll->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *output = cb_slurm_command_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      poll_free (poll);
      return;
    }

  /* squeue fails when it knows none of the jobs: they are all gone */
  if (output == NULL && strstr (error->message, "Invalid job id") == NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      finish_poll (poll);
      return;
    }
  g_clear_pointer (&self->error, g_free);

  infos = cb_slurm_job_infos_parse_squeue (output ? output : "");
  for (guint i = 0; i < infos->len; i++)
    {
      CbSlurmJob *job = find_job_for_info (self, g_ptr_array_index (infos, i));

      if (job != NULL)
        g_hash_table_add (seen, job);
    }
  apply_infos (poll, infos, FALSE);

  collect_pending (poll, seen);
  ask_end_details (poll);
}

static gboolean
poll_cb (gpointer user_data)
{
  CbSlurmTracker *self = user_data;
  g_autofree char *ids = NULL;
  Poll *poll;

  self->poll_id = 0;
  ids = tracked_ids (self);
  if (ids == NULL)
    {
      /* Nothing to ask: what is known is all there is */
      g_signal_emit (self, signals[POLLED], 0);
      return G_SOURCE_REMOVE;
    }

  poll = g_new0 (Poll, 1);
  poll->self = g_object_ref (self);
  poll->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->polling = TRUE;
  self->n_polls++;

  {
    const char *argv[] = { "squeue", "-h", "-t", "all", "-j", ids, "-o", CB_SLURM_SQUEUE_FORMAT,
                           NULL };

    cb_slurm_command_run_async (argv, NULL, NULL, self->cancellable, on_squeue, poll);
  }

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (CbSlurmTracker *self,
               guint           msec)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_id = g_timeout_add (msec, poll_cb, self);
}

/**
 * cb_slurm_tracker_poll_now:
 *
 * Asks for the jobs' states at once (after a submission, a cancel, or
 * when the user asks), and starts the interval over.
 */
void
cb_slurm_tracker_poll_now (CbSlurmTracker *self)
{
  g_return_if_fail (CB_IS_SLURM_TRACKER (self));

  self->interval = self->min_msec;
  if (self->polling)
    self->poll_again = TRUE;
  else
    schedule_poll (self, 0);
}

/* Submitting */

/**
 * cb_slurm_parse_sbatch_id:
 * @output: what `sbatch --parsable` printed: `123` or `123;cluster`
 *
 * Returns: (transfer full): the job id, or %NULL with @error set
 */
char *
cb_slurm_parse_sbatch_id (const char  *output,
                          GError     **error)
{
  g_autofree char *id = g_strstrip (g_strdup (output));
  guint64 number;

  g_strdelimit (id, ";", '\0');
  if (!g_ascii_string_to_unsigned (id, 10, 1, G_MAXUINT32, &number, NULL))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_IO,
                   _("sbatch answered “%s”, which is not a job id."), output);
      return NULL;
    }

  return g_steal_pointer (&id);
}

typedef struct
{
  char   *pattern;
  GArray *task_ids;
  char   *name;
} Submission;

static void
submission_free (Submission *submission)
{
  g_free (submission->pattern);
  g_clear_pointer (&submission->task_ids, g_array_unref);
  g_free (submission->name);
  g_free (submission);
}

/* Where the log goes, from the script's own #SBATCH lines, since it may
 * have been edited by hand: absolute, and its folder made, for Slurm does
 * not make it and a job whose log cannot open fails without a word.
 */
static char *
resolve_output (const char  *script,
                const char  *directory,
                gboolean     array,
                GError     **error)
{
  g_autofree char *chdir = cb_slurm_script_lookup_option (script, "--chdir", 'D');
  g_autofree char *output = cb_slurm_script_lookup_option (script, "--output", 'o');
  g_autofree char *base = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *folder = NULL;

  if (chdir == NULL)
    base = g_strdup (directory);
  else if (g_path_is_absolute (chdir))
    base = g_steal_pointer (&chdir);
  else
    base = g_build_filename (directory, chdir, NULL);

  if (output == NULL)
    output = g_strdup (array ? "slurm-%A_%a.out" : "slurm-%j.out");
  pattern = g_path_is_absolute (output) ? g_strdup (output) : g_build_filename (base, output, NULL);

  folder = g_path_get_dirname (pattern);
  if (strchr (folder, '%') == NULL && g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CB_ERROR, CB_ERROR_IO,
                   _("The folder for the job's log, %s, cannot be made: %s"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&pattern);
}

static void
on_sbatch (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CbSlurmTracker *self = g_task_get_source_object (task);
  Submission *submission = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = cb_slurm_command_run_finish (result, &error);
  g_autofree char *id = NULL;
  g_autoptr(CbSlurmJob) job = NULL;

  if (output == NULL || (id = cb_slurm_parse_sbatch_id (output, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (submission->task_ids != NULL)
    job = cb_slurm_job_new_array (id, submission->pattern, submission->task_ids);
  else
    job = cb_slurm_job_new (id, submission->pattern);
  cb_slurm_job_set_name (job, submission->name);

  cb_slurm_tracker_track (self, job);
  g_task_return_pointer (task, g_steal_pointer (&job), g_object_unref);
}

/**
 * cb_slurm_tracker_submit_async:
 * @script: the batch script, as cb_slurm_script_to_text() makes it or as
 *   the user edited it
 * @directory: the folder to submit from: the project folder
 *
 * Submits the script with `sbatch --parsable` and tracks the job. Where
 * its log goes and whether it is an array are read from the script's
 * `#SBATCH` lines.
 */
void
cb_slurm_tracker_submit_async (CbSlurmTracker      *self,
                               const char          *script,
                               const char          *directory,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  static const char * const argv[] = { "sbatch", "--parsable", NULL };
  g_autoptr(GTask) task = NULL;
  g_autofree char *array = NULL;
  GError *error = NULL;
  Submission *submission;

  g_return_if_fail (CB_IS_SLURM_TRACKER (self));
  g_return_if_fail (script != NULL && directory != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_slurm_tracker_submit_async);
  submission = g_new0 (Submission, 1);
  g_task_set_task_data (task, submission, (GDestroyNotify)submission_free);

  array = cb_slurm_script_lookup_option (script, "--array", 'a');
  if (array != NULL && (submission->task_ids = cb_slurm_array_parse (array, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  submission->name = cb_slurm_script_lookup_option (script, "--job-name", 'J');
  submission->pattern = resolve_output (script, directory, array != NULL, &error);
  if (submission->pattern == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cb_slurm_command_run_async (argv, directory, script, cancellable, on_sbatch,
                              g_steal_pointer (&task));
}

/**
 * cb_slurm_tracker_submit_finish:
 *
 * Returns: (transfer full): the job, tracked; or %NULL with @error set to
 *   what sbatch said
 */
CbSlurmJob *
cb_slurm_tracker_submit_finish (CbSlurmTracker  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_scancel (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CbSlurmTracker *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = cb_slurm_command_run_finish (result, &error);

  cb_slurm_tracker_poll_now (self);
  if (output == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cb_slurm_tracker_cancel_async:
 *
 * Cancels @job (a whole array, or one task) with `scancel`; its state
 * follows with the next poll, which comes at once.
 */
void
cb_slurm_tracker_cancel_async (CbSlurmTracker      *self,
                               CbSlurmJob          *job,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  const char *argv[] = { "scancel", NULL, NULL };
  GTask *task;

  g_return_if_fail (CB_IS_SLURM_TRACKER (self));
  g_return_if_fail (CB_IS_SLURM_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_slurm_tracker_cancel_async);
  argv[1] = cb_slurm_job_get_id (job);
  cb_slurm_command_run_async (argv, NULL, NULL, cancellable, on_scancel, task);
}

gboolean
cb_slurm_tracker_cancel_finish (CbSlurmTracker  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
