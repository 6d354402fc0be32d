/* cb-cli-slurm.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli-private.h"
#include "cb-error.h"
#include "cb-history.h"
#include "cb-job-run.h"
#include "cb-session-jobs.h"
#include "cb-slurm-form.h"

/* The Slurm modes: `--print-batch-script`, `--submit`, `--jobs` and
 * `--cancel`. A page goes to Slurm as the window sends it, with the
 * project's `slurm:` section and the resources of `--slurm KEY=VALUE`;
 * a job submitted here is recorded in the history, so that the app
 * follows it when it next opens the project.
 */

/* Runs the main loop until *@done */
static void
iterate_until (const gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/* --slurm KEY=VALUE: a resource by its project-file key, `extra` (an
 * #SBATCH line, repeated for several) or `array_limit`
 */
static gboolean
apply_resources (CbSlurmForm        *slurm,
                 const char * const *items)
{
  g_autoptr(GStrvBuilder) extra = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      const char *eq = strchr (items[i], '=');
      g_autofree char *key = eq ? g_strndup (items[i], eq - items[i]) : NULL;
      CbSlurmField field;
      guint64 limit;

      if (key == NULL || key[0] == '\0')
        g_printerr (_("--slurm: expected KEY=VALUE, not “%s”\n"), items[i]);
      else if (strcmp (key, "extra") == 0)
        {
          g_strv_builder_add (extra, eq + 1);
          continue;
        }
      else if (strcmp (key, "array_limit") == 0 &&
               g_ascii_string_to_unsigned (eq + 1, 10, 1, 100000, &limit, NULL))
        {
          cb_slurm_form_set_array_limit (slurm, (guint)limit);
          continue;
        }
      else if (strcmp (key, "array_limit") == 0)
        g_printerr (_("--slurm: array_limit must be a whole number from 1, not “%s”\n"), eq + 1);
      else if (!cb_slurm_field_from_key (key, &field))
        g_printerr (_("--slurm: “%s” is not a Slurm resource (partition, time, nodes, ntasks, "
                      "cpus_per_task, mem, gpus, gpu_type, gres, account, qos, job_name, extra or "
                      "array_limit)\n"), key);
      else if (cb_slurm_form_set_resource (slurm, field, eq + 1, &error))
        continue;
      else
        g_printerr ("--slurm: %s\n", error->message);
      return FALSE;
    }

  lines = g_strv_builder_end (extra);
  if (lines[0] != NULL && !cb_slurm_form_set_extra (slurm, (const char * const *)lines, &error))
    {
      g_printerr ("--slurm: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The page of a command line, as a Slurm page. Returns the exit status;
 * @slurm_out is set on %CB_EXIT_OK.
 */
static int
cli_slurm_form_new (const CbCliCommand  *command,
                    const char * const  *resources,
                    CbSlurmForm        **slurm_out)
{
  g_autoptr(CbForm) form = NULL;
  g_autoptr(CbSlurmForm) slurm = NULL;
  CbProject *project;
  int status;

  if ((status = _cb_cli_form_new (command, &form)) != CB_EXIT_OK)
    return status;

  project = cb_form_get_project (form);
  if (!cb_slurm_config_is_present (cb_project_get_slurm_config (project)))
    {
      g_printerr (_("%s: the project has no “slurm:” section, so its pages cannot be submitted "
                    "to Slurm\n"), cb_project_get_file (project));
      return CB_EXIT_BAD;
    }

  slurm = cb_slurm_form_new (form);
  cb_slurm_form_set_target (slurm, CB_RUN_TARGET_SLURM);
  if (!apply_resources (slurm, resources))
    return CB_EXIT_BAD;

  *slurm_out = g_steal_pointer (&slurm);
  return CB_EXIT_OK;
}

/* Each message on stderr; %CB_EXIT_INVALID when one is an error */
static int
check_slurm_form (CbSlurmForm *slurm)
{
  int status = _cb_cli_check_form (cb_slurm_form_get_form (slurm));
  GPtrArray *messages = cb_slurm_form_get_messages (slurm);

  for (guint i = 0; i < messages->len; i++)
    {
      CbSlurmMessage *message = g_ptr_array_index (messages, i);

      if (message->severity == CB_SEVERITY_ERROR)
        g_printerr (_("error: %s\n"), message->message);
      else
        g_printerr (_("warning: %s\n"), message->message);
    }

  return cb_slurm_form_has_errors (slurm) ? CB_EXIT_INVALID : status;
}

/**
 * cb_cli_print_batch_script:
 * @resources: (nullable): `KEY=VALUE` texts of `--slurm`
 *
 * Prints the batch script that `--submit` would submit.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_INVALID when the values or resources do
 *   not validate; %CB_EXIT_BAD for a bad project, schema or flag, or a
 *   project without a `slurm:` section
 */
int
cb_cli_print_batch_script (const CbCliCommand *command,
                           const char * const *resources)
{
  g_autoptr(CbSlurmForm) slurm = NULL;
  int status;

  if ((status = cli_slurm_form_new (command, resources, &slurm)) != CB_EXIT_OK)
    return status;
  if ((status = check_slurm_form (slurm)) != CB_EXIT_OK)
    return status;

  g_print ("%s", cb_slurm_form_get_script (slurm));
  return CB_EXIT_OK;
}

/* --submit */

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cb_slurm_cluster_refresh_finish (CB_SLURM_CLUSTER (source), result, &error))
    g_printerr (_("warning: the cluster cannot be read (%s); the resources are not checked "
                  "against it\n"), error->message);
  *(gboolean *)user_data = TRUE;
}

typedef struct
{
  gboolean    done;
  CbSlurmJob *job;
  GError     *error;
} Submitted;

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Submitted *submitted = user_data;

  submitted->job = cb_slurm_tracker_submit_finish (CB_SLURM_TRACKER (source), result,
                                                   &submitted->error);
  submitted->done = TRUE;
}

/* The job in the history, for the app to follow when it opens the project */
static void
record_job (CbSlurmForm    *slurm,
            CbSlurmTracker *tracker,
            CbSlurmJob     *job)
{
  CbForm *form = cb_slurm_form_get_form (slurm);
  CbProject *project = cb_form_get_project (form);
  g_autoptr(CbHistory) history = cb_history_new (cb_project_get_outputs_dir (project),
                                                 cb_project_get_root (project));
  g_autoptr(CbJobRun) run = cb_job_run_new (job, tracker,
                                            cb_schema_get_id (cb_form_get_schema (form)),
                                            cb_form_get_argv (form),
                                            cb_slurm_form_get_script (slurm));
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = cb_slurm_form_get_task_labels (slurm);

  cb_job_run_set_values (run, cb_form_get_user_values (form), cb_slurm_form_get_values (slurm));
  cb_job_run_set_task_labels (run, (const char * const *)labels);
  record = cb_job_run_to_record (run);
  if (!cb_history_add (history, record, &error))
    g_printerr (_("%s: the job cannot be recorded: %s\n"), PACKAGE_NAME, error->message);
}

/**
 * cb_cli_submit:
 * @resources: (nullable): `KEY=VALUE` texts of `--slurm`
 *
 * Submits a page to Slurm as the window does, after checking its
 * resources against the cluster, prints the job's id, and records it in
 * the history.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_INVALID when the values or resources do
 *   not validate or sbatch refuses the job (stderr says why);
 *   %CB_EXIT_BAD as for cb_cli_print_batch_script()
 */
int
cb_cli_submit (const CbCliCommand *command,
               const char * const *resources)
{
  g_autoptr(CbSlurmForm) slurm = NULL;
  g_autoptr(CbSlurmCluster) cluster = cb_slurm_cluster_new ();
  g_autoptr(CbSlurmTracker) tracker = cb_slurm_tracker_new ();
  Submitted submitted = { 0 };
  gboolean refreshed = FALSE;
  CbProject *project;
  int status;

  if ((status = cli_slurm_form_new (command, resources, &slurm)) != CB_EXIT_OK)
    return status;

  cb_slurm_cluster_refresh_async (cluster, NULL, on_refreshed, &refreshed);
  iterate_until (&refreshed);
  cb_slurm_form_set_cluster (slurm, cluster);
  if ((status = check_slurm_form (slurm)) != CB_EXIT_OK)
    return status;

  project = cb_form_get_project (cb_slurm_form_get_form (slurm));
  cb_slurm_tracker_submit_async (tracker, cb_slurm_form_get_script (slurm),
                                 cb_project_get_root (project), NULL, on_submitted, &submitted);
  iterate_until (&submitted.done);
  if (submitted.job == NULL)
    {
      g_printerr ("%s\n", submitted.error->message);
      g_clear_error (&submitted.error);
      return CB_EXIT_INVALID;
    }

  g_print ("%s\n", cb_slurm_job_get_id (submitted.job));
  record_job (slurm, tracker, submitted.job);
  g_object_unref (submitted.job);
  return CB_EXIT_OK;
}

/* --jobs and --cancel: the project's session, its jobs followed again */

static CbSession *
open_jobs_session (const char *project_dir)
{
  g_autoptr(CbSession) session = cb_session_new (project_dir, CB_SESSION_TRACK_JOBS);
  g_autoptr(GError) error = NULL;

  if (!cb_session_load (session, &error))
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&session);
}

static void
on_polled (CbSlurmTracker *tracker,
           gboolean       *polled)
{
  *polled = TRUE;
}

/* How long --cancel waits for the job it cancelled to end */
#define CANCEL_WAIT_SECONDS 20

static gboolean
flag_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* One poll of the cluster, when there is anything to ask it */
static void
poll_once (CbSession *session)
{
  CbSlurmTracker *tracker = cb_session_get_tracker (session);
  gboolean polled = FALSE;
  gulong id;

  if (g_list_model_get_n_items (cb_session_get_jobs (session)) == 0)
    return;

  id = g_signal_connect (tracker, "polled", G_CALLBACK (on_polled), &polled);
  cb_slurm_tracker_poll_now (tracker);
  iterate_until (&polled);
  g_signal_handler_disconnect (tracker, id);

  if (cb_slurm_tracker_get_error (tracker) != NULL)
    g_printerr (_("warning: the cluster cannot be asked (%s); the states are the ones last "
                  "recorded\n"), cb_slurm_tracker_get_error (tracker));
}

static void
print_job (CbSlurmJob *job,
           const char *page,
           const char *label)
{
  g_autofree char *status = cb_slurm_job_get_status_text (job);

  if (label != NULL && label[0] != '\0')
    g_print ("%s\t%s\t%s\t%s: %s\n", cb_slurm_job_get_id (job),
             cb_slurm_job_state_to_string (cb_slurm_job_get_state (job)), page, label, status);
  else
    g_print ("%s\t%s\t%s\t%s\n", cb_slurm_job_get_id (job),
             cb_slurm_job_state_to_string (cb_slurm_job_get_state (job)), page, status);
}

/**
 * cb_cli_list_jobs:
 *
 * Prints the project's Slurm jobs, newest first, after asking the
 * cluster once for those that have not ended: a line a job, its id, its
 * state as Slurm names it (`PENDING`, `RUNNING`, `COMPLETED`, `TIMEOUT`,
 * …, or `LOST` when the cluster forgot it), its page and its state in
 * words, separated by tabs; an array's tasks follow it, one a line, their
 * values before their state in words.
 *
 * Returns: %CB_EXIT_OK, or %CB_EXIT_BAD for a bad project
 */
int
cb_cli_list_jobs (const char *project_dir)
{
  g_autoptr(CbSession) session = open_jobs_session (project_dir);
  CbHistory *history;

  if (session == NULL)
    return CB_EXIT_BAD;

  poll_once (session);
  history = cb_session_get_history (session);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history)); i++)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autoptr(GVariant) variant = cb_history_record_get_job (record);
      g_autoptr(GVariant) labels = NULL;
      g_autoptr(CbSlurmJob) job = NULL;
      GPtrArray *tasks;

      if (variant == NULL || (job = cb_slurm_job_new_from_variant (variant, NULL)) == NULL)
        continue;
      print_job (job, cb_history_record_get_schema_id (record), NULL);

      labels = g_variant_lookup_value (cb_history_record_get_data (record), "task-labels",
                                       G_VARIANT_TYPE_STRING_ARRAY);
      tasks = cb_slurm_job_get_tasks (job);
      for (guint k = 0; tasks != NULL && k < tasks->len; k++)
        {
          CbSlurmJob *task = g_ptr_array_index (tasks, k);
          int id = cb_slurm_job_get_task_id (task);
          const char *label = NULL;

          if (labels != NULL && id >= 0 && (gsize)id < g_variant_n_children (labels))
            g_variant_get_child (labels, id, "&s", &label);
          print_job (task, cb_history_record_get_schema_id (record), label);
        }
    }

  return CB_EXIT_OK;
}

typedef struct
{
  gboolean  done;
  gboolean  cancelled;
  GError   *error;
} Cancelled;

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Cancelled *cancelled = user_data;

  cancelled->cancelled = cb_job_run_cancel_finish (CB_JOB_RUN (source), result, &cancelled->error);
  cancelled->done = TRUE;
}

/* Why @id cannot be cancelled, from the history */
static int
not_cancellable (CbSession  *session,
                 const char *id)
{
  CbHistory *history = cb_session_get_history (session);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history)); i++)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autofree char *summary = NULL;

      if (g_strcmp0 (cb_history_record_get_job_id (record), id) != 0)
        continue;
      summary = cb_history_record_get_summary (record);
      g_printerr (_("--cancel: job %s has ended already (%s)\n"), id, summary);
      return CB_EXIT_INVALID;
    }

  g_printerr (_("--cancel: the project has no job “%s” (see --jobs)\n"), id);
  return CB_EXIT_BAD;
}

/**
 * cb_cli_cancel:
 * @job_id: a job of the project, or a task of one of its arrays (`12_3`)
 *
 * Cancels a job of the project with `scancel`, and records its new state
 * once the cluster has it.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_INVALID when the job has ended or
 *   scancel refused (stderr says why); %CB_EXIT_BAD for a bad project or
 *   a job the project does not have
 */
int
cb_cli_cancel (const char *project_dir,
               const char *job_id)
{
  g_autoptr(CbSession) session = open_jobs_session (project_dir);
  Cancelled cancelled = { 0 };
  CbJobRun *run;
  gboolean polled = FALSE;
  gulong id;

  if (session == NULL)
    return CB_EXIT_BAD;

  poll_once (session);
  run = cb_session_lookup_job (session, job_id);
  if (run == NULL || cb_slurm_job_is_finished (cb_job_run_get_job (run)))
    return not_cancellable (session, job_id);

  /* The poll that scancel asks for records the job's new state */
  id = g_signal_connect (cb_session_get_tracker (session), "polled", G_CALLBACK (on_polled),
                         &polled);
  cb_job_run_cancel_async (run, NULL, on_cancelled, &cancelled);
  iterate_until (&cancelled.done);
  if (cancelled.cancelled)
    {
      CbSlurmJob *job = cb_job_run_get_job (run);
      gboolean waited = FALSE;
      guint timeout_id;

      iterate_until (&polled);
      /* A job is COMPLETING for a moment before it is CANCELLED: what is
       * recorded is how it ended, as long as the tracker's quick polls
       * after a job is picked up see it end */
      timeout_id = g_timeout_add_seconds (CANCEL_WAIT_SECONDS, flag_timeout, &waited);
      while (!waited && !cb_slurm_job_has_end_details (job))
        g_main_context_iteration (NULL, TRUE);
      if (!waited)
        g_source_remove (timeout_id);
    }
  g_signal_handler_disconnect (cb_session_get_tracker (session), id);

  if (!cancelled.cancelled)
    {
      g_printerr ("%s\n", cancelled.error->message);
      g_clear_error (&cancelled.error);
      return CB_EXIT_INVALID;
    }
  return CB_EXIT_OK;
}
