/* cb-slurm-job-info.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-slurm-job.h"
#include "cb-slurm-record.h"

/* What Slurm's commands say of jobs: their states by name, and the
 * output of squeue, scontrol and sacct read into #CbSlurmJobInfo */

/* States */

static const struct
{
  const char      *name;
  CbSlurmJobState  state;
} state_names[] = {
  { "PENDING", CB_SLURM_JOB_PENDING }, { "PD", CB_SLURM_JOB_PENDING },
  { "REQUEUED", CB_SLURM_JOB_PENDING }, { "RQ", CB_SLURM_JOB_PENDING },
  { "REQUEUE_HOLD", CB_SLURM_JOB_PENDING }, { "REQUEUE_FED", CB_SLURM_JOB_PENDING },
  { "RESV_DEL_HOLD", CB_SLURM_JOB_PENDING },
  { "RUNNING", CB_SLURM_JOB_RUNNING }, { "R", CB_SLURM_JOB_RUNNING },
  { "CONFIGURING", CB_SLURM_JOB_RUNNING }, { "CF", CB_SLURM_JOB_RUNNING },
  { "RESIZING", CB_SLURM_JOB_RUNNING }, { "SIGNALING", CB_SLURM_JOB_RUNNING },
  { "STAGE_OUT", CB_SLURM_JOB_RUNNING },
  { "SUSPENDED", CB_SLURM_JOB_SUSPENDED }, { "S", CB_SLURM_JOB_SUSPENDED },
  { "STOPPED", CB_SLURM_JOB_SUSPENDED }, { "ST", CB_SLURM_JOB_SUSPENDED },
  { "COMPLETING", CB_SLURM_JOB_COMPLETING }, { "CG", CB_SLURM_JOB_COMPLETING },
  { "COMPLETED", CB_SLURM_JOB_COMPLETED }, { "CD", CB_SLURM_JOB_COMPLETED },
  { "FAILED", CB_SLURM_JOB_FAILED }, { "F", CB_SLURM_JOB_FAILED },
  { "SPECIAL_EXIT", CB_SLURM_JOB_FAILED },
  { "TIMEOUT", CB_SLURM_JOB_TIMEOUT }, { "TO", CB_SLURM_JOB_TIMEOUT },
  { "PREEMPTED", CB_SLURM_JOB_PREEMPTED }, { "PR", CB_SLURM_JOB_PREEMPTED },
  { "CANCELLED", CB_SLURM_JOB_CANCELLED }, { "CA", CB_SLURM_JOB_CANCELLED },
  { "REVOKED", CB_SLURM_JOB_CANCELLED },
  { "OUT_OF_MEMORY", CB_SLURM_JOB_OUT_OF_MEMORY }, { "OOM", CB_SLURM_JOB_OUT_OF_MEMORY },
  { "NODE_FAIL", CB_SLURM_JOB_NODE_FAIL }, { "NF", CB_SLURM_JOB_NODE_FAIL },
  { "BOOT_FAIL", CB_SLURM_JOB_BOOT_FAIL }, { "BF", CB_SLURM_JOB_BOOT_FAIL },
  { "DEADLINE", CB_SLURM_JOB_DEADLINE }, { "DL", CB_SLURM_JOB_DEADLINE },
};

/**
 * cb_slurm_job_state_parse:
 * @text: a state as squeue, scontrol or sacct print it: `RUNNING`, `R`,
 *   `CANCELLED by 1000`
 *
 * Returns: the state, or %CB_SLURM_JOB_UNKNOWN
 */
CbSlurmJobState
cb_slurm_job_state_parse (const char *text)
{
  g_autofree char *word = NULL;

  if (text == NULL)
    return CB_SLURM_JOB_UNKNOWN;

  word = g_strdup (text);
  g_strdelimit (word, " +", '\0');
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (strcmp (state_names[i].name, word) == 0)
      return state_names[i].state;

  return CB_SLURM_JOB_UNKNOWN;
}

/**
 * cb_slurm_job_state_to_string:
 *
 * Returns: the state's name as Slurm writes it, for the history file
 */
const char *
cb_slurm_job_state_to_string (CbSlurmJobState state)
{
  if (state == CB_SLURM_JOB_UNKNOWN)
    return "UNKNOWN";
  if (state == CB_SLURM_JOB_LOST)
    return "LOST";
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (state_names[i].state == state)
      return state_names[i].name;

  g_return_val_if_reached ("UNKNOWN");
}

gboolean
cb_slurm_job_state_is_finished (CbSlurmJobState state)
{
  return state >= CB_SLURM_JOB_COMPLETED;
}

/* What the commands print */

void
cb_slurm_job_info_free (CbSlurmJobInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->job_id);
  g_free (info->array_job_id);
  g_free (info->tasks);
  g_free (info->reason);
  g_free (info->nodes);
  g_free (info->name);
  g_free (info);
}

/* Slurm's ways of saying "nothing" */
static char *
value_or_null (const char *text)
{
  if (text == NULL || text[0] == '\0' || strcmp (text, "N/A") == 0 || strcmp (text, "None") == 0 ||
      strcmp (text, "(null)") == 0 || strcmp (text, "None assigned") == 0)
    return NULL;
  return g_strdup (text);
}

/* `1:0` is exit code 1; `0:15` is signal 15 */
static void
parse_exit_code (CbSlurmJobInfo *info,
                 const char     *text)
{
  g_auto(GStrv) parts = NULL;
  guint code;
  guint signal = 0;

  if (text == NULL)
    return;
  parts = g_strsplit (text, ":", 2);
  if (!cb_slurm_parse_uint (parts[0], &code))
    return;
  if (parts[1] != NULL)
    cb_slurm_parse_uint (parts[1], &signal);

  info->exit_code = (int)code;
  info->term_signal = (int)signal;
}

/**
 * cb_slurm_parse_time:
 * @text: (nullable): a time as Slurm prints it, `2026-11-30T19:00:59`, in
 *   the local time zone
 *
 * Returns: the time in microseconds since the epoch, or 0 for `Unknown`,
 *   `None` and the like
 */
gint64
cb_slurm_parse_time (const char *text)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return 0;

  zone = g_time_zone_new_local ();
  parsed = g_date_time_new_from_iso8601 (text, zone);
  return parsed != NULL ? g_date_time_to_unix (parsed) * G_USEC_PER_SEC : 0;
}

static CbSlurmJobInfo *
info_new (void)
{
  CbSlurmJobInfo *info = g_new0 (CbSlurmJobInfo, 1);

  info->exit_code = -1;
  return info;
}

/**
 * cb_slurm_job_infos_parse_squeue:
 * @text: the output of `squeue -h -t all -o "%CB_SLURM_SQUEUE_FORMAT"`
 *
 * Returns: (transfer full) (element-type CbSlurmJobInfo): one info a line
 */
GPtrArray *
cb_slurm_job_infos_parse_squeue (const char *text)
{
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_slurm_job_info_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "|", 8);
      CbSlurmJobInfo *info;

      if (g_strv_length (fields) != 8)
        continue;

      info = info_new ();
      info->job_id = g_strdup (g_strstrip (fields[1]));
      info->tasks = value_or_null (fields[3]);
      if (info->tasks != NULL)
        info->array_job_id = g_strdup (fields[2]);
      info->state = cb_slurm_job_state_parse (fields[4]);
      info->reason = value_or_null (fields[5]);
      info->nodes = value_or_null (fields[6]);
      info->name = value_or_null (fields[7]);
      g_ptr_array_add (infos, info);
    }

  return infos;
}

/**
 * cb_slurm_job_infos_parse_scontrol:
 * @text: the output of `scontrol show job -o IDS`
 *
 * Returns: (transfer full) (element-type CbSlurmJobInfo): one info a job,
 *   with its exit code
 */
GPtrArray *
cb_slurm_job_infos_parse_scontrol (const char *text)
{
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_slurm_job_info_free);
  g_autoptr(GPtrArray) records = cb_slurm_records_parse (text);

  for (guint i = 0; i < records->len; i++)
    {
      GHashTable *record = g_ptr_array_index (records, i);
      CbSlurmJobInfo *info;

      if (g_hash_table_lookup (record, "JobId") == NULL)
        continue;

      info = info_new ();
      info->job_id = g_strdup (g_hash_table_lookup (record, "JobId"));
      info->tasks = value_or_null (g_hash_table_lookup (record, "ArrayTaskId"));
      if (info->tasks != NULL)
        info->array_job_id = g_strdup (g_hash_table_lookup (record, "ArrayJobId"));
      info->state = cb_slurm_job_state_parse (g_hash_table_lookup (record, "JobState"));
      info->reason = value_or_null (g_hash_table_lookup (record, "Reason"));
      info->nodes = value_or_null (g_hash_table_lookup (record, "NodeList"));
      info->name = value_or_null (g_hash_table_lookup (record, "JobName"));
      info->start_time = cb_slurm_parse_time (g_hash_table_lookup (record, "StartTime"));
      info->end_time = cb_slurm_parse_time (g_hash_table_lookup (record, "EndTime"));
      parse_exit_code (info, g_hash_table_lookup (record, "ExitCode"));
      g_ptr_array_add (infos, info);
    }

  return infos;
}

/**
 * cb_slurm_job_infos_parse_sacct:
 * @text: the output of `sacct -n -P -X -o CB_SLURM_SACCT_FORMAT`
 *
 * Returns: (transfer full) (element-type CbSlurmJobInfo): one info a job
 *   or array task, with its exit code
 */
GPtrArray *
cb_slurm_job_infos_parse_sacct (const char *text)
{
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_slurm_job_info_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "|", 9);
      CbSlurmJobInfo *info;
      char *underscore;

      if (g_strv_length (fields) != 9)
        continue;

      info = info_new ();
      info->job_id = g_strdup (fields[1]);
      underscore = strchr (fields[0], '_');
      if (underscore != NULL)
        {
          *underscore = '\0';
          info->array_job_id = g_strdup (fields[0]);
          info->tasks = g_strdup (underscore + 1);
          g_strdelimit (info->tasks, "[]", ' ');
          g_strstrip (info->tasks);
        }
      info->state = cb_slurm_job_state_parse (fields[2]);
      parse_exit_code (info, fields[3]);
      info->nodes = value_or_null (fields[4]);
      info->reason = value_or_null (fields[5]);
      info->start_time = cb_slurm_parse_time (fields[6]);
      info->end_time = cb_slurm_parse_time (fields[7]);
      info->name = value_or_null (fields[8]);
      g_ptr_array_add (infos, info);
    }

  return infos;
}
