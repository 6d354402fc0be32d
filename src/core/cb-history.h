/* cb-history.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-run.h"

G_BEGIN_DECLS

#define CB_HISTORY_MAX_RECORDS 500

/* A run's id is this many hexadecimal digits */
#define CB_HISTORY_ID_LENGTH 8

/* An id may be given by its start, of at least this many digits */
#define CB_HISTORY_ID_MIN_PREFIX 4

#define CB_TYPE_HISTORY_RECORD (cb_history_record_get_type ())

G_DECLARE_FINAL_TYPE (CbHistoryRecord, cb_history_record, CB, HISTORY_RECORD, GObject)

const char         *cb_history_state_name           (CbRunState       state);
CbHistoryRecord    *cb_history_record_new           (GVariant        *data);
CbHistoryRecord    *cb_history_record_new_from_run  (CbRun           *run,
                                                     GVariant        *values);
const char         *cb_history_record_get_id        (CbHistoryRecord *self);
const char * const *cb_history_record_get_argv      (CbHistoryRecord *self);
const char         *cb_history_record_get_schema_id (CbHistoryRecord *self);
gint64              cb_history_record_get_start_time (CbHistoryRecord *self);
gint64              cb_history_record_get_duration  (CbHistoryRecord *self);
CbRunState          cb_history_record_get_state     (CbHistoryRecord *self);
int                 cb_history_record_get_exit_status (CbHistoryRecord *self);
int                 cb_history_record_get_term_signal (CbHistoryRecord *self);
const char         *cb_history_record_get_log_path  (CbHistoryRecord *self);
GVariant           *cb_history_record_get_values    (CbHistoryRecord *self);
char               *cb_history_record_get_summary   (CbHistoryRecord *self);
GVariant           *cb_history_record_get_data      (CbHistoryRecord *self);
GVariant           *cb_history_record_get_job       (CbHistoryRecord *self);
const char         *cb_history_record_get_job_id    (CbHistoryRecord *self);
GVariant           *cb_history_record_get_slurm_values (CbHistoryRecord *self);

#define CB_TYPE_HISTORY (cb_history_get_type ())

G_DECLARE_FINAL_TYPE (CbHistory, cb_history, CB, HISTORY, GObject)

CbHistory          *cb_history_new                  (const char      *outputs_dir,
                                                     const char      *project_root);
const char         *cb_history_get_path             (CbHistory       *self);
gboolean            cb_history_get_fell_back        (CbHistory       *self);
void                cb_history_load                 (CbHistory       *self);
gboolean            cb_history_add                  (CbHistory       *self,
                                                     CbHistoryRecord *record,
                                                     GError         **error);
gboolean            cb_history_update               (CbHistory       *self,
                                                     CbHistoryRecord *record,
                                                     GError         **error);
char               *cb_history_resolve_log          (CbHistory       *self,
                                                     CbHistoryRecord *record,
                                                     GError         **error);
CbHistoryRecord    *cb_history_lookup               (CbHistory       *self,
                                                     const char      *id,
                                                     GError         **error);
char               *cb_history_resolve_task_log     (CbHistory       *self,
                                                     CbHistoryRecord *record,
                                                     int              task_id,
                                                     GError         **error);

G_END_DECLS
