/* cb-job-run.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-execution.h"
#include "cb-history.h"
#include "cb-slurm-job.h"
#include "cb-slurm-tracker.h"

G_BEGIN_DECLS

#define CB_TYPE_JOB_RUN (cb_job_run_get_type ())

G_DECLARE_FINAL_TYPE (CbJobRun, cb_job_run, CB, JOB_RUN, GObject)

CbJobRun           *cb_job_run_new              (CbSlurmJob          *job,
                                                 CbSlurmTracker      *tracker,
                                                 const char          *schema_id,
                                                 const char * const  *argv,
                                                 const char          *script);
CbJobRun           *cb_job_run_new_from_record  (CbHistoryRecord     *record,
                                                 CbSlurmTracker      *tracker,
                                                 GError             **error);
void                cb_job_run_set_values       (CbJobRun            *self,
                                                 GVariant            *values,
                                                 GVariant            *slurm_values);
void                cb_job_run_set_task_labels  (CbJobRun            *self,
                                                 const char * const  *labels);
void                cb_job_run_set_progress_regex (CbJobRun          *self,
                                                   GRegex            *regex);
void                cb_job_run_start            (CbJobRun            *self);

CbSlurmJob         *cb_job_run_get_job          (CbJobRun            *self);
const char         *cb_job_run_get_id           (CbJobRun            *self);
const char         *cb_job_run_get_script       (CbJobRun            *self);
GVariant           *cb_job_run_get_values       (CbJobRun            *self);
GVariant           *cb_job_run_get_slurm_values (CbJobRun            *self);
gint64              cb_job_run_get_submit_time  (CbJobRun            *self);
gint64              cb_job_run_get_end_time     (CbJobRun            *self);
gboolean            cb_job_run_is_array         (CbJobRun            *self);
GPtrArray          *cb_job_run_get_tasks        (CbJobRun            *self);
const char         *cb_job_run_get_label        (CbJobRun            *self);
gboolean            cb_job_run_is_finished      (CbJobRun            *self);
gboolean            cb_job_run_can_resubmit     (CbJobRun            *self);

void                cb_job_run_cancel_async     (CbJobRun            *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean            cb_job_run_cancel_finish    (CbJobRun            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

CbHistoryRecord    *cb_job_run_to_record        (CbJobRun            *self);

G_END_DECLS
