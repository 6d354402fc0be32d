/* cb-job-run-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-file-follower.h"
#include "cb-job-run.h"
#include "cb-line-ring.h"

G_BEGIN_DECLS

/* CbJobRun is split by concern around this header:
 *
 * - cb-job-run.c: the object, following the job and its log, the
 *   getters, and the history record;
 * - cb-job-run-execution.c: the job as a #CbExecution, and Stop.
 */

struct _CbJobRun
{
  GObject          parent_instance;

  CbSlurmJob      *job;
  CbSlurmTracker  *tracker;
  char            *schema_id;
  char           **argv;
  char            *script;
  char            *label;
  char           **task_labels;
  GVariant        *values;
  GVariant        *slurm_values;
  GRegex          *progress_regex;

  gint64           submit_time;
  gint64           seen_running;  /* before the cluster says when it started */
  gint64           seen_ended;
  CbSlurmJobState  last_state;
  gboolean         started;
  gboolean         finished;

  CbFileFollower  *follower;
  GPtrArray       *tasks;         /* CbJobRun, of an array */
  guint            n_tasks_done;
  char            *tasks_text;    /* an array's progress in words */
  CbLineRing      *ring;
  guint            n_problems;
};

/* cb-job-run.c */
void   _cb_job_run_add_note             (CbJobRun             *self,
                                         const char           *text,
                                         gboolean              problem);
gint64 _cb_job_run_start_time           (CbJobRun             *self);

/* cb-job-run-execution.c */
void   _cb_job_run_execution_iface_init (CbExecutionInterface *iface);

G_END_DECLS
