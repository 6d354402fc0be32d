/* cb-slurm-job.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CbSlurmJobState:
 * @CB_SLURM_JOB_UNKNOWN: not heard of from the cluster yet
 * @CB_SLURM_JOB_LOST: the cluster no longer knows the job and keeps no
 *   accounting, so how it ended is unknown
 *
 * Slurm's job states, those a user tells apart.
 */
typedef enum
{
  CB_SLURM_JOB_UNKNOWN,
  CB_SLURM_JOB_PENDING,
  CB_SLURM_JOB_RUNNING,
  CB_SLURM_JOB_SUSPENDED,
  CB_SLURM_JOB_COMPLETING,
  CB_SLURM_JOB_COMPLETED,
  CB_SLURM_JOB_FAILED,
  CB_SLURM_JOB_TIMEOUT,
  CB_SLURM_JOB_PREEMPTED,
  CB_SLURM_JOB_CANCELLED,
  CB_SLURM_JOB_OUT_OF_MEMORY,
  CB_SLURM_JOB_NODE_FAIL,
  CB_SLURM_JOB_BOOT_FAIL,
  CB_SLURM_JOB_DEADLINE,
  CB_SLURM_JOB_LOST,
} CbSlurmJobState;

CbSlurmJobState cb_slurm_job_state_parse       (const char      *text);
const char     *cb_slurm_job_state_to_string   (CbSlurmJobState  state);
gboolean        cb_slurm_job_state_is_finished (CbSlurmJobState  state);

/* What `squeue -h -t all -j IDS -o FORMAT` prints for
 * cb_slurm_job_infos_parse_squeue(); the name comes last, as it may hold
 * the separator.
 */
#define CB_SLURM_SQUEUE_FORMAT "%i|%A|%F|%K|%T|%r|%N|%j"

/* What `sacct -n -P -X -j IDS -o FORMAT` prints for
 * cb_slurm_job_infos_parse_sacct()
 */
#define CB_SLURM_SACCT_FORMAT "JobID,JobIDRaw,State,ExitCode,NodeList,Reason,Start,End,JobName"

/**
 * CbSlurmJobInfo:
 * @job_id: the job's own id (an array task has one too)
 * @array_job_id: (nullable): the array's id, for array tasks
 * @tasks: (nullable): the array tasks this line speaks of: one id, or a
 *   range of pending tasks (`2-5%2`); %NULL for a plain job
 * @state: the state
 * @reason: (nullable): why it is pending, or why it ended
 * @nodes: (nullable): where it runs or ran
 * @exit_code: the exit code, or -1 when not known
 * @term_signal: the signal that ended it, or 0
 * @name: (nullable): the job's name
 * @start_time: when it started, in microseconds since the epoch, or 0
 *   when not known (squeue does not say)
 * @end_time: when it ended, or 0 when it has not or it is not known
 *
 * One line of squeue, scontrol or sacct on a job.
 */
typedef struct
{
  char            *job_id;
  char            *array_job_id;
  char            *tasks;
  CbSlurmJobState  state;
  char            *reason;
  char            *nodes;
  int              exit_code;
  int              term_signal;
  char            *name;
  gint64           start_time;
  gint64           end_time;
} CbSlurmJobInfo;

void        cb_slurm_job_info_free            (CbSlurmJobInfo *info);
GPtrArray  *cb_slurm_job_infos_parse_squeue   (const char     *text);
GPtrArray  *cb_slurm_job_infos_parse_scontrol (const char     *text);
GPtrArray  *cb_slurm_job_infos_parse_sacct    (const char     *text);

gint64      cb_slurm_parse_time               (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSlurmJobInfo, cb_slurm_job_info_free)

#define CB_TYPE_SLURM_JOB (cb_slurm_job_get_type ())

G_DECLARE_FINAL_TYPE (CbSlurmJob, cb_slurm_job, CB, SLURM_JOB, GObject)

CbSlurmJob     *cb_slurm_job_new                (const char            *id,
                                                 const char            *output_pattern);
CbSlurmJob     *cb_slurm_job_new_array          (const char            *id,
                                                 const char            *output_pattern,
                                                 GArray                *task_ids);

const char     *cb_slurm_job_get_id             (CbSlurmJob            *self);
const char     *cb_slurm_job_get_array_job_id   (CbSlurmJob            *self);
int             cb_slurm_job_get_task_id        (CbSlurmJob            *self);
gboolean        cb_slurm_job_is_array           (CbSlurmJob            *self);
GPtrArray      *cb_slurm_job_get_tasks          (CbSlurmJob            *self);
CbSlurmJob     *cb_slurm_job_get_task           (CbSlurmJob            *self,
                                                 int                    task_id);
CbSlurmJobState cb_slurm_job_get_state          (CbSlurmJob            *self);
gboolean        cb_slurm_job_is_finished        (CbSlurmJob            *self);
const char     *cb_slurm_job_get_reason         (CbSlurmJob            *self);
const char     *cb_slurm_job_get_nodes          (CbSlurmJob            *self);
int             cb_slurm_job_get_exit_code      (CbSlurmJob            *self);
int             cb_slurm_job_get_term_signal    (CbSlurmJob            *self);
const char     *cb_slurm_job_get_name           (CbSlurmJob            *self);
gint64          cb_slurm_job_get_start_time     (CbSlurmJob            *self);
gint64          cb_slurm_job_get_end_time       (CbSlurmJob            *self);
void            cb_slurm_job_set_name           (CbSlurmJob            *self,
                                                 const char            *name);
const char     *cb_slurm_job_get_output_pattern (CbSlurmJob            *self);
char           *cb_slurm_job_get_output_path    (CbSlurmJob            *self);
char           *cb_slurm_job_get_status_text    (CbSlurmJob            *self);
gboolean        cb_slurm_job_has_end_details    (CbSlurmJob            *self);

GVariant       *cb_slurm_job_to_variant         (CbSlurmJob            *self);
CbSlurmJob     *cb_slurm_job_new_from_variant   (GVariant              *variant,
                                                 GError               **error);

gboolean        cb_slurm_job_update             (CbSlurmJob            *self,
                                                 const CbSlurmJobInfo  *info,
                                                 gboolean               end_details);
void            cb_slurm_job_set_state          (CbSlurmJob            *self,
                                                 CbSlurmJobState        state,
                                                 const char            *reason);

G_END_DECLS
