/* cb-session-jobs.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-execution.h"
#include "cb-job-run.h"
#include "cb-session.h"
#include "cb-slurm-cluster.h"
#include "cb-slurm-form.h"
#include "cb-slurm-tracker.h"

G_BEGIN_DECLS

gboolean        cb_session_has_slurm             (CbSession            *self);
CbSlurmCluster *cb_session_get_cluster           (CbSession            *self);
CbSlurmTracker *cb_session_get_tracker           (CbSession            *self);
CbSlurmForm    *cb_session_get_slurm_form        (CbSession            *self,
                                                  guint                 index);

void            cb_session_submit_async          (CbSession            *self,
                                                  guint                 index,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
CbJobRun       *cb_session_submit_finish         (CbSession            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
CbJobRun       *cb_session_get_job               (CbSession            *self,
                                                  guint                 index);
CbExecution    *cb_session_get_execution         (CbSession            *self,
                                                  guint                 index);
GListModel     *cb_session_get_jobs              (CbSession            *self);
CbJobRun       *cb_session_lookup_job            (CbSession            *self,
                                                  const char           *id);

char           *cb_session_find_resume_checkpoint (CbSession           *self,
                                                   CbJobRun            *job);
gboolean        cb_session_prepare_resubmit      (CbSession            *self,
                                                  CbJobRun             *job,
                                                  guint                *index,
                                                  GError              **error);
void            cb_session_resubmit_async        (CbSession            *self,
                                                  CbJobRun             *job,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
CbJobRun       *cb_session_resubmit_finish       (CbSession            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
