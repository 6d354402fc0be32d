/* cb-slurm-tracker.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-slurm-job.h"

G_BEGIN_DECLS

/* How often job states are asked for: at first, and at most rarely */
#define CB_SLURM_POLL_MIN_MSEC 5000
#define CB_SLURM_POLL_MAX_MSEC 60000

#define CB_TYPE_SLURM_TRACKER (cb_slurm_tracker_get_type ())

G_DECLARE_FINAL_TYPE (CbSlurmTracker, cb_slurm_tracker, CB, SLURM_TRACKER, GObject)

CbSlurmTracker *cb_slurm_tracker_new               (void);
void            cb_slurm_tracker_set_poll_interval (CbSlurmTracker      *self,
                                                    guint                min_msec,
                                                    guint                max_msec);
guint           cb_slurm_tracker_get_poll_interval (CbSlurmTracker      *self);
void            cb_slurm_tracker_set_accounting    (CbSlurmTracker      *self,
                                                    gboolean             accounting);

void            cb_slurm_tracker_submit_async      (CbSlurmTracker      *self,
                                                    const char          *script,
                                                    const char          *directory,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CbSlurmJob     *cb_slurm_tracker_submit_finish     (CbSlurmTracker      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void            cb_slurm_tracker_cancel_async      (CbSlurmTracker      *self,
                                                    CbSlurmJob          *job,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        cb_slurm_tracker_cancel_finish     (CbSlurmTracker      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void            cb_slurm_tracker_track             (CbSlurmTracker      *self,
                                                    CbSlurmJob          *job);
CbSlurmJob     *cb_slurm_tracker_lookup            (CbSlurmTracker      *self,
                                                    const char          *id);
void            cb_slurm_tracker_poll_now          (CbSlurmTracker      *self);
guint           cb_slurm_tracker_get_n_polls       (CbSlurmTracker      *self);
const char     *cb_slurm_tracker_get_error         (CbSlurmTracker      *self);

char           *cb_slurm_parse_sbatch_id           (const char          *output,
                                                    GError             **error);

G_END_DECLS
