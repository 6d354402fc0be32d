/* cb-slurm-job-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-slurm-job.h"

G_BEGIN_DECLS

/* CbSlurmJob is split by concern around this header:
 *
 * - cb-slurm-job.c: the object, its getters, its status in words, and
 *   updating it from what Slurm says;
 * - cb-slurm-job-history.c: the job as the history keeps it;
 * - cb-slurm-job-info.c (no use of this header): job states by name and
 *   the output of squeue, scontrol and sacct.
 */

/**
 * CbSlurmJob:
 *
 * A submitted job as the app follows it: its state in words, where it
 * runs, how it ended, and where its log is. An array job has one
 * #CbSlurmJob a task; its own state sums theirs up. #CbSlurmTracker keeps
 * them up to date.
 */
struct _CbSlurmJob
{
  GObject          parent_instance;

  char            *id;
  char            *array_job_id;
  int              task_id;
  char            *own_id;      /* an array task's own job id, once known */
  GPtrArray       *tasks;
  char            *output_pattern;
  char            *name;

  CbSlurmJobState  state;
  char            *reason;
  char            *nodes;
  int              exit_code;
  int              term_signal;
  gboolean         end_details;
  gint64           start_time;
  gint64           end_time;
};

G_END_DECLS
