/* cb-session-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-file-watch.h"
#include "cb-job-run.h"
#include "cb-session.h"
#include "cb-slurm-form.h"

G_BEGIN_DECLS

typedef struct _CbSessionMetrics CbSessionMetrics;

struct _CbSession
{
  GObject         parent_instance;

  char           *folder;
  CbSessionFlags  flags;
  char           *name;
  CbProject      *project;       /* NULL when it cannot be used */
  GPtrArray      *diagnostics;   /* of the project file, even when unusable */
  GError         *error;
  CbHistory      *history;
  char           *history_outputs;  /* the outputs folder of the history */
  CbOffers       *offers;
  GPtrArray      *entries;       /* CbSessionEntry, in file order */
  CbSessionMetrics *metrics;     /* past runs' metrics (cb-session-metrics.c) */
  char           *schemas_dir;   /* the last one the project file named */
  CbFileWatch    *recovery;      /* while the project cannot be used */
  GHashTable     *taken;         /* schema id → CbOffer: what offers changed
                                  * since the last run ended */
  struct _CbSessionJobs *jobs;   /* Slurm: cluster, tracker, jobs; see cb-session-jobs.c */
};

/* One schema file of the project */
typedef struct
{
  char        *path;
  char        *id;
  char        *label;
  CbSchema    *schema;    /* in use; NULL when the file never loaded without errors */
  char        *problems;  /* why the file on disk cannot be used, or NULL */
  CbForm      *form;
  CbFormStore *store;
  CbRun       *run;       /* the current or last run */
  CbSlurmForm *slurm;     /* where the form runs, once asked for */
  CbJobRun    *job;       /* the last job submitted */
} CbSessionEntry;

CbSessionEntry *_cb_session_get_entry          (CbSession      *self,
                                                guint           index);
void            _cb_session_entry_drop_run     (CbSessionEntry *entry);
void            _cb_session_carry_runs         (CbSession      *self,
                                                GPtrArray      *old_entries);
void            _cb_session_offer_checkpoints  (CbSession      *self);
void            _cb_session_offer_taken        (CbSession      *self,
                                                CbForm         *form,
                                                CbOffer        *changes);

/* cb-session-metrics.c */
void            _cb_session_metrics_free         (CbSessionMetrics *metrics);
void            _cb_session_metrics_track_run    (CbSession        *self,
                                                  CbRun            *run);
void            _cb_session_metrics_run_recorded (CbSession        *self,
                                                  CbRun            *run,
                                                  CbHistoryRecord  *record);

/* cb-session-jobs.c */
void            _cb_session_jobs_class_init    (GObjectClass   *klass);
void            _cb_session_jobs_dispose       (CbSession      *self);
void            _cb_session_entry_drop_job     (CbSessionEntry *entry);
void            _cb_session_carry_jobs         (CbSession      *self,
                                                GPtrArray      *old_entries);
void            _cb_session_track_jobs         (CbSession      *self);

G_END_DECLS
