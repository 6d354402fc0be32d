/* cb-session-jobs.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-checkpoint-model.h"
#include "cb-error.h"
#include "cb-run-policy.h"
#include "cb-session-jobs.h"
#include "cb-session-private.h"

/* The session's Slurm jobs: each page's Slurm side (#CbSlurmForm, its
 * values stored beside the form's), submitting a page, following its job
 * (#CbJobRun) and recording it in the history as its state changes, the
 * checkpoints of a job that completed offered as a run's are, and a job
 * that did not complete resubmitted from its latest checkpoint.
 *
 * A job outlives the app: closing a session never cancels one. With
 * %CB_SESSION_TRACK_JOBS, the jobs the history has not seen end are
 * followed again when the project loads.
 */

typedef struct _CbSessionJobs
{
  CbSlurmTracker *tracker;
  CbSlurmCluster *cluster;
  GListStore     *runs;       /* CbJobRun, in the order they were submitted or found */
  GPtrArray      *followed;   /* Followed */
  gboolean        history_read;
} CbSessionJobs;

/* A job the session records as it goes */
typedef struct
{
  CbSession       *session;
  CbJobRun        *run;
  CbSlurmJobState  recorded;
} Followed;

enum {
  JOB_SUBMITTED,
  JOB_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_cb_session_jobs_class_init (GObjectClass *klass)
{
  /**
   * CbSession::job-submitted:
   * @index: the schema file whose page was submitted
   * @job: the job, followed from now on
   */
  signals[JOB_SUBMITTED] =
    g_signal_new ("job-submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, CB_TYPE_JOB_RUN);

  /**
   * CbSession::job-finished:
   * @job: a job that ended, recorded in the history, its log read
   */
  signals[JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_JOB_RUN);
}

static void
followed_free (Followed *followed)
{
  g_signal_handlers_disconnect_by_data (followed->run, followed);
  g_object_unref (followed->run);
  g_free (followed);
}

static CbSessionJobs *
jobs_of (CbSession *self)
{
  if (self->jobs == NULL)
    {
      self->jobs = g_new0 (CbSessionJobs, 1);
      self->jobs->runs = g_list_store_new (CB_TYPE_JOB_RUN);
      self->jobs->followed = g_ptr_array_new_with_free_func ((GDestroyNotify)followed_free);
    }
  return self->jobs;
}

void
_cb_session_jobs_dispose (CbSession *self)
{
  CbSessionJobs *jobs = g_steal_pointer (&self->jobs);

  if (jobs == NULL)
    return;

  /* The jobs go on running: only their following ends here */
  g_ptr_array_unref (jobs->followed);
  g_clear_object (&jobs->runs);
  if (jobs->cluster != NULL)
    g_signal_handlers_disconnect_by_data (jobs->cluster, self);
  g_clear_object (&jobs->cluster);
  g_clear_object (&jobs->tracker);
  g_free (jobs);
}

void
_cb_session_entry_drop_job (CbSessionEntry *entry)
{
  g_clear_object (&entry->slurm);
  g_clear_object (&entry->job);
}

/* The jobs of the entries that went, to the new entries of the same schema */
void
_cb_session_carry_jobs (CbSession *self,
                        GPtrArray *old_entries)
{
  for (guint i = 0; i < old_entries->len; i++)
    {
      CbSessionEntry *old = g_ptr_array_index (old_entries, i);
      int index = old->job ? cb_session_find_schema (self, old->id) : -1;

      if (index >= 0 && _cb_session_get_entry (self, index)->job == NULL)
        _cb_session_get_entry (self, index)->job = g_steal_pointer (&old->job);
    }
}

/* The cluster and the tracker */

/**
 * cb_session_has_slurm:
 *
 * Returns: whether the project file has a `slurm:` section, so that its
 *   pages may be submitted to Slurm
 */
gboolean
cb_session_has_slurm (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), FALSE);

  return self->project != NULL &&
         cb_slurm_config_is_present (cb_project_get_slurm_config (self->project));
}

static void
on_cluster_changed (CbSession *self)
{
  CbSessionJobs *jobs = jobs_of (self);

  if (jobs->tracker != NULL && cb_slurm_cluster_is_loaded (jobs->cluster))
    cb_slurm_tracker_set_accounting (jobs->tracker,
                                     cb_slurm_cluster_has_accounting (jobs->cluster));
}

/**
 * cb_session_get_cluster:
 *
 * What the cluster offers, made when first asked for. It is read when a
 * page is switched to Slurm and while jobs are followed, and again then
 * when what was read gets old (see cb_slurm_cluster_ensure());
 * cb_slurm_cluster_refresh_async() reads it at once.
 *
 * Returns: (transfer none): the cluster
 */
CbSlurmCluster *
cb_session_get_cluster (CbSession *self)
{
  CbSessionJobs *jobs;

  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  jobs = jobs_of (self);
  if (jobs->cluster == NULL)
    {
      jobs->cluster = cb_slurm_cluster_new ();
      g_signal_connect_object (jobs->cluster, "changed", G_CALLBACK (on_cluster_changed), self,
                               G_CONNECT_SWAPPED);
    }
  return jobs->cluster;
}

/**
 * cb_session_get_tracker:
 *
 * Returns: (transfer none): what keeps the states of the session's jobs
 *   current, with one squeue call for all of them
 */
CbSlurmTracker *
cb_session_get_tracker (CbSession *self)
{
  CbSessionJobs *jobs;

  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  jobs = jobs_of (self);
  if (jobs->tracker == NULL)
    jobs->tracker = cb_slurm_tracker_new ();
  return jobs->tracker;
}

/**
 * cb_session_get_slurm_form:
 *
 * The Slurm side of the form of @index, made when first asked for (with
 * the form), its values stored with the form's when the session stores
 * them, and its resources checked against the cluster when the project
 * has a `slurm:` section (read once the page runs on Slurm; see
 * cb_slurm_form_set_target()).
 *
 * Returns: (transfer none) (nullable): where the page runs, or %NULL when
 *   its schema cannot be used
 */
CbSlurmForm *
cb_session_get_slurm_form (CbSession *self,
                           guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);
  CbForm *form;

  if (entry == NULL || (form = cb_session_get_form (self, index)) == NULL)
    return NULL;

  /* A schema that changed has a new form: its Slurm side goes with it */
  if (entry->slurm != NULL && cb_slurm_form_get_form (entry->slurm) != form)
    g_clear_object (&entry->slurm);

  if (entry->slurm == NULL)
    {
      entry->slurm = cb_slurm_form_new (form);
      /* What no longer fits (a time limit that is not one) is dropped */
      if (entry->store != NULL)
        g_strfreev (cb_form_store_attach_slurm (entry->store, entry->slurm));
      if (cb_session_has_slurm (self))
        cb_slurm_form_set_cluster (entry->slurm, cb_session_get_cluster (self));
    }
  return entry->slurm;
}

/* Following and recording */

static void
record (Followed *followed)
{
  CbSession *self = followed->session;
  CbHistory *history = cb_session_get_history (self);
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  followed->recorded = cb_slurm_job_get_state (cb_job_run_get_job (followed->run));
  if (history == NULL)
    return;
  record = cb_job_run_to_record (followed->run);
  if (!cb_history_update (history, record, &error))
    g_warning ("Cannot record the job: %s", error->message);
}

static void
on_job_changed (Followed *followed)
{
  if (cb_slurm_job_get_state (cb_job_run_get_job (followed->run)) != followed->recorded)
    record (followed);
}

static void
on_job_finished (Followed *followed)
{
  CbSession *self = followed->session;
  CbJobRun *run = followed->run;

  record (followed);
  if (cb_offers_add_run (self->offers, CB_EXECUTION (run), cb_job_run_get_values (run)) &&
      self->project != NULL)
    _cb_session_offer_checkpoints (self);
  g_signal_emit (self, signals[JOB_FINISHED], 0, run);
}

/* Follows @run and records it as its state changes */
static Followed *
follow_job (CbSession *self,
            CbJobRun  *run)
{
  CbSessionJobs *jobs = jobs_of (self);
  Followed *followed = g_new0 (Followed, 1);
  int index;

  followed->session = self;
  followed->run = g_object_ref (run);
  followed->recorded = cb_slurm_job_get_state (cb_job_run_get_job (run));
  g_ptr_array_add (jobs->followed, followed);
  g_list_store_append (jobs->runs, run);

  g_signal_connect_swapped (run, "changed", G_CALLBACK (on_job_changed), followed);
  g_signal_connect_swapped (run, "finished", G_CALLBACK (on_job_finished), followed);

  /* Whether the cluster keeps accounting tells the tracker how a job the
   * controller has forgotten ended: the cluster is read while jobs are
   * followed, even when no page runs on Slurm */
  if (cb_session_has_slurm (self))
    cb_slurm_cluster_ensure (cb_session_get_cluster (self));

  /* The page shows its newest job */
  index = cb_session_find_schema (self, cb_execution_get_schema_id (CB_EXECUTION (run)));
  if (index >= 0)
    {
      CbSessionEntry *entry = _cb_session_get_entry (self, index);

      if (entry->job == NULL ||
          cb_job_run_get_submit_time (entry->job) <= cb_job_run_get_submit_time (run))
        g_set_object (&entry->job, run);
    }

  if (self->project != NULL)
    {
      g_autoptr(GRegex) regex = NULL;
      CbSchema *schema = index >= 0 ? cb_session_get_schema (self, index) : NULL;

      if (schema != NULL && (regex = cb_run_policy_get_progress_regex (schema, self->project)))
        cb_job_run_set_progress_regex (run, regex);
    }
  cb_job_run_start (run);
  return followed;
}

/**
 * _cb_session_track_jobs:
 *
 * With %CB_SESSION_TRACK_JOBS, once: follows again the jobs of the
 * history that it has not seen end, as they were left when the app
 * closed.
 */
void
_cb_session_track_jobs (CbSession *self)
{
  CbSessionJobs *jobs;
  CbHistory *history;
  guint n;

  if (!(self->flags & CB_SESSION_TRACK_JOBS) || (jobs = jobs_of (self))->history_read)
    return;
  if ((history = cb_session_get_history (self)) == NULL)
    return;
  jobs->history_read = TRUE;

  /* Oldest first, as they were submitted */
  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autoptr(CbJobRun) run = NULL;
      g_autoptr(GError) error = NULL;

      if (cb_history_record_get_job_id (record) == NULL ||
          cb_history_record_get_state (record) != CB_RUN_STATE_RUNNING)
        continue;
      run = cb_job_run_new_from_record (record, cb_session_get_tracker (self), &error);
      if (run == NULL)
        {
          g_warning ("Cannot follow a job of the history again: %s", error->message);
          continue;
        }
      follow_job (self, run);
    }
}

/* Submitting */

/* What the page was when it was submitted */
typedef struct
{
  char     *schema_id;
  char    **argv;
  char     *script;
  GVariant *values;
  GVariant *slurm_values;
  char    **labels;
} Submission;

static void
submission_free (Submission *submission)
{
  g_free (submission->schema_id);
  g_strfreev (submission->argv);
  g_free (submission->script);
  g_clear_pointer (&submission->values, g_variant_unref);
  g_clear_pointer (&submission->slurm_values, g_variant_unref);
  g_strfreev (submission->labels);
  g_free (submission);
}

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CbSession *self = g_task_get_source_object (task);
  Submission *submission = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSlurmJob) job = NULL;
  g_autoptr(CbJobRun) run = NULL;
  int index;

  job = cb_slurm_tracker_submit_finish (CB_SLURM_TRACKER (source), result, &error);
  if (job == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run = cb_job_run_new (job, CB_SLURM_TRACKER (source), submission->schema_id,
                        (const char * const *)submission->argv, submission->script);
  cb_job_run_set_values (run, submission->values, submission->slurm_values);
  cb_job_run_set_task_labels (run, (const char * const *)submission->labels);
  /* In the history at once, as what the page was when it was submitted */
  record (follow_job (self, run));

  index = cb_session_find_schema (self, submission->schema_id);
  if (index >= 0)
    g_signal_emit (self, signals[JOB_SUBMITTED], 0, (guint)index, run);
  g_task_return_pointer (task, g_object_ref (run), g_object_unref);
}

/**
 * cb_session_submit_async:
 *
 * Submits the page of @index to Slurm, whatever its target: its script
 * (the edited one, or the one its values make) goes to `sbatch
 * --parsable` in the project folder. A page may have several jobs at
 * once; its newest is cb_session_get_job(). The job is recorded in the
 * history at once, with the form's values, the page's Slurm values and
 * the script, and again as its state changes; #CbSession::job-submitted
 * follows.
 */
void
cb_session_submit_async (CbSession           *self,
                         guint                index,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Submission *submission;
  CbSlurmForm *slurm;
  CbForm *form;

  g_return_if_fail (entry != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_session_submit_async);

  if ((form = cb_session_get_form (self, index)) == NULL)
    {
      g_task_return_new_error (task, CB_ERROR, CB_ERROR_INVALID, "%s", entry->problems);
      return;
    }
  if (!cb_session_has_slurm (self))
    {
      g_task_return_new_error (task, CB_ERROR, CB_ERROR_USAGE,
                               _("%s has no “slurm:” section, so its pages cannot be submitted "
                                 "to Slurm."), cb_project_get_file (self->project));
      return;
    }
  slurm = cb_session_get_slurm_form (self, index);
  if (!cb_slurm_form_check (slurm, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  submission = g_new0 (Submission, 1);
  submission->schema_id = g_strdup (entry->id);
  submission->argv = g_strdupv ((char **)cb_form_get_argv (form));
  submission->script = g_strdup (cb_slurm_form_get_script (slurm));
  submission->values = cb_form_get_user_values (form);
  submission->slurm_values = cb_slurm_form_get_values (slurm);
  submission->labels = cb_slurm_form_get_task_labels (slurm);
  g_task_set_task_data (task, submission, (GDestroyNotify)submission_free);

  cb_slurm_tracker_submit_async (cb_session_get_tracker (self), submission->script,
                                 cb_project_get_root (self->project), cancellable, on_submitted,
                                 g_steal_pointer (&task));
}

/**
 * cb_session_submit_finish:
 *
 * Returns: (transfer full): the job, followed; or %NULL with @error set:
 *   %CB_ERROR_VALIDATION when the page may not be submitted (the form or
 *   its resources have errors), or what sbatch said
 */
CbJobRun *
cb_session_submit_finish (CbSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cb_session_get_job:
 *
 * Returns: (transfer none) (nullable): the newest job of the page of
 *   @index, submitted by this session or followed again from the history
 */
CbJobRun *
cb_session_get_job (CbSession *self,
                    guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->job : NULL;
}

/**
 * cb_session_get_execution:
 *
 * Returns: (transfer none) (nullable): what the run view of the page of
 *   @index shows: its newest run or job, whichever started last
 */
CbExecution *
cb_session_get_execution (CbSession *self,
                          guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  if (entry == NULL)
    return NULL;
  if (entry->job != NULL &&
      (entry->run == NULL ||
       cb_job_run_get_submit_time (entry->job) >= cb_run_get_start_time (entry->run)))
    return CB_EXECUTION (entry->job);
  return entry->run ? CB_EXECUTION (entry->run) : NULL;
}

/**
 * cb_session_get_jobs:
 *
 * Returns: (transfer none): the #CbJobRun<!-- -->s the session follows, or
 *   followed: those it submitted and those of the history it found
 *   unfinished, oldest first
 */
GListModel *
cb_session_get_jobs (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return G_LIST_MODEL (jobs_of (self)->runs);
}

/**
 * cb_session_lookup_job:
 * @id: a job's id, or an array task's (`12_3`)
 *
 * Returns: (transfer none) (nullable): the job (or task) of that id
 */
CbJobRun *
cb_session_lookup_job (CbSession  *self,
                       const char *id)
{
  GListModel *runs;

  g_return_val_if_fail (CB_IS_SESSION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  runs = cb_session_get_jobs (self);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CbJobRun) run = g_list_model_get_item (runs, i);
      GPtrArray *tasks = cb_job_run_get_tasks (run);

      if (g_strcmp0 (cb_job_run_get_id (run), id) == 0)
        return run;
      for (guint k = 0; tasks != NULL && k < tasks->len; k++)
        if (g_strcmp0 (cb_job_run_get_id (g_ptr_array_index (tasks, k)), id) == 0)
          return g_ptr_array_index (tasks, k);
    }
  return NULL;
}

/* Resubmitting */

/* The newest checkpoint of @model that @job wrote, by their times */
static char *
newest_written_by (GListModel *model,
                   CbJobRun   *job)
{
  for (guint i = 0; CB_IS_CHECKPOINT_MODEL (model) && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CbCheckpoint) checkpoint = g_list_model_get_item (model, i);

      if (cb_offers_written_by (checkpoint, CB_EXECUTION (job)))
        return g_strdup (cb_checkpoint_get_path (checkpoint));
    }
  return NULL;
}

/**
 * cb_session_find_resume_checkpoint:
 * @job: a job of the session
 *
 * The checkpoint a resubmission of @job resumes from: the newest one
 * written while it ran, as the cluster says it did, among the options of
 * its schema's `resume:` field (or of every `paths:` source, for a field
 * that has none).
 *
 * Returns: (transfer full) (nullable): the checkpoint's project-relative
 *   path, or %NULL when the job wrote none or its schema has no `resume:`
 */
char *
cb_session_find_resume_checkpoint (CbSession *self,
                                   CbJobRun  *job)
{
  int index = cb_session_find_schema (self, cb_execution_get_schema_id (CB_EXECUTION (job)));
  CbSchema *schema = index >= 0 ? cb_session_get_schema (self, index) : NULL;
  g_auto(GStrv) sources = NULL;
  CbField *field;

  g_return_val_if_fail (CB_IS_JOB_RUN (job), NULL);

  if (schema == NULL || cb_schema_get_resume_field (schema) == NULL || self->project == NULL)
    return NULL;
  /* A job that never ran wrote nothing */
  if (cb_slurm_job_get_start_time (cb_job_run_get_job (job)) == 0 &&
      cb_execution_get_elapsed (CB_EXECUTION (job)) == 0)
    return NULL;

  field = cb_schema_lookup_field (schema, cb_schema_get_resume_field (schema));
  if (field->options_source != NULL)
    return newest_written_by (cb_project_get_source (self->project, field->options_source), job);

  sources = cb_project_list_sources (self->project);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      char *path;

      if (cb_project_source_is_paths (self->project, sources[i]) &&
          (path = newest_written_by (cb_project_get_source (self->project, sources[i]), job)))
        return path;
    }
  return NULL;
}

/**
 * cb_session_prepare_resubmit:
 * @job: a job that ended without completing (cb_job_run_can_resubmit())
 * @index: (out) (optional): the page it goes to
 *
 * Puts the values @job was submitted with back into its page, with its
 * newest checkpoint in the schema's `resume:` field (and its toggle on),
 * and its Slurm values, as a Slurm page. A script edited by hand is not
 * kept: it would not carry the checkpoint.
 *
 * Returns: whether the page is ready to submit; %FALSE with @error when
 *   the schema has no `resume:` or the job wrote no checkpoint
 */
gboolean
cb_session_prepare_resubmit (CbSession  *self,
                             CbJobRun   *job,
                             guint      *index,
                             GError    **error)
{
  int at = cb_session_find_schema (self, cb_execution_get_schema_id (CB_EXECUTION (job)));
  g_autofree char *checkpoint = NULL;
  g_autoptr(GVariant) slurm_values = NULL;
  g_auto(GStrv) dropped = NULL;
  GVariantDict dict;
  CbSchema *schema;
  CbForm *form;

  g_return_val_if_fail (CB_IS_SESSION (self), FALSE);
  g_return_val_if_fail (CB_IS_JOB_RUN (job), FALSE);

  if (at < 0 || (form = cb_session_get_form (self, at)) == NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID, _("The page “%s” of job %s cannot be used."),
                   cb_execution_get_schema_id (CB_EXECUTION (job)), cb_job_run_get_id (job));
      return FALSE;
    }
  schema = cb_form_get_schema (form);
  if (cb_schema_get_resume_field (schema) == NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                   _("The schema “%s” says no field to resume from (“resume:”)."),
                   cb_schema_get_id (schema));
      return FALSE;
    }
  if ((checkpoint = cb_session_find_resume_checkpoint (self, job)) == NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_NOT_FOUND,
                   _("Job %s wrote no checkpoint to resume from."), cb_job_run_get_id (job));
      return FALSE;
    }

  cb_form_reset (form);
  if (cb_job_run_get_values (job) != NULL)
    dropped = cb_form_load_values (form, cb_job_run_get_values (job));
  if (cb_schema_get_resume_toggle (schema) != NULL)
    cb_form_set_value (form, cb_schema_get_resume_toggle (schema), g_variant_new_boolean (TRUE));
  cb_form_set_value (form, cb_schema_get_resume_field (schema), g_variant_new_string (checkpoint));

  g_variant_dict_init (&dict, cb_job_run_get_slurm_values (job));
  g_variant_dict_remove (&dict, "script");
  g_variant_dict_insert (&dict, "target", "s", "slurm");
  slurm_values = g_variant_ref_sink (g_variant_dict_end (&dict));
  g_strfreev (cb_slurm_form_load_values (cb_session_get_slurm_form (self, at), slurm_values));

  if (index != NULL)
    *index = at;
  return TRUE;
}

static void
on_resubmitted (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CbJobRun *run = cb_session_submit_finish (CB_SESSION (source), result, &error);

  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, g_object_unref);
}

/**
 * cb_session_resubmit_async:
 * @job: a job that ended without completing
 *
 * Resubmits @job from its latest checkpoint: cb_session_prepare_resubmit(),
 * then cb_session_submit_async() of its page.
 */
void
cb_session_resubmit_async (CbSession           *self,
                           CbJobRun            *job,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  guint index;

  g_return_if_fail (CB_IS_SESSION (self));
  g_return_if_fail (CB_IS_JOB_RUN (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_session_resubmit_async);
  if (!cb_session_prepare_resubmit (self, job, &index, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cb_session_submit_async (self, index, cancellable, on_resubmitted, g_steal_pointer (&task));
}

/**
 * cb_session_resubmit_finish:
 *
 * Returns: (transfer full): the new job, or %NULL with @error set
 */
CbJobRun *
cb_session_resubmit_finish (CbSession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
