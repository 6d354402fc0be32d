/* cb-session.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-form.h"
#include "cb-form-store.h"
#include "cb-history.h"
#include "cb-offers.h"
#include "cb-project.h"
#include "cb-run.h"

G_BEGIN_DECLS

/**
 * CbSessionFlags:
 * @CB_SESSION_FLAGS_NONE: forms start from their defaults; files are read once
 * @CB_SESSION_STORE_VALUES: each form keeps its values in GSettings
 * @CB_SESSION_WATCH: the project's files are followed as they change
 * @CB_SESSION_TRACK_JOBS: the Slurm jobs of the history that have not
 *   ended are followed again when the project loads
 */
typedef enum
{
  CB_SESSION_FLAGS_NONE   = 0,
  CB_SESSION_STORE_VALUES = 1 << 0,
  CB_SESSION_WATCH        = 1 << 1,
  CB_SESSION_TRACK_JOBS   = 1 << 2,
} CbSessionFlags;

#define CB_SESSION_ERROR (cb_session_error_quark ())

/**
 * CbSessionError:
 * @CB_SESSION_ERROR_NOT_A_PROJECT: the folder has no project file
 * @CB_SESSION_ERROR_PROJECT_FILE: the project file cannot be read or parsed
 * @CB_SESSION_ERROR_PROJECT_INVALID: the project file says something wrong
 *   (cb_session_get_diagnostics())
 * @CB_SESSION_ERROR_SCHEMAS_FOLDER: the schemas folder cannot be read
 * @CB_SESSION_ERROR_NO_SCHEMAS: the schemas folder has no schema
 *
 * Why a project cannot be used; the message says where.
 */
typedef enum
{
  CB_SESSION_ERROR_NOT_A_PROJECT,
  CB_SESSION_ERROR_PROJECT_FILE,
  CB_SESSION_ERROR_PROJECT_INVALID,
  CB_SESSION_ERROR_SCHEMAS_FOLDER,
  CB_SESSION_ERROR_NO_SCHEMAS,
} CbSessionError;

GQuark cb_session_error_quark (void);

#define CB_TYPE_SESSION (cb_session_get_type ())

G_DECLARE_FINAL_TYPE (CbSession, cb_session, CB, SESSION, GObject)

CbSession    *cb_session_new              (const char     *folder,
                                           CbSessionFlags  flags);
gboolean      cb_session_load             (CbSession      *self,
                                           GError        **error);
gboolean      cb_session_reload           (CbSession      *self);
const GError *cb_session_get_error        (CbSession      *self);
const char   *cb_session_get_folder       (CbSession      *self);
const char   *cb_session_get_name         (CbSession      *self);
CbProject    *cb_session_get_project      (CbSession      *self);
GPtrArray    *cb_session_get_diagnostics  (CbSession      *self);
CbHistory    *cb_session_get_history      (CbSession      *self);
CbOffers     *cb_session_get_offers       (CbSession      *self);

guint         cb_session_get_n_schemas    (CbSession      *self);
const char   *cb_session_get_schema_path  (CbSession      *self,
                                           guint           index);
const char   *cb_session_get_schema_id    (CbSession      *self,
                                           guint           index);
const char   *cb_session_get_schema_label (CbSession      *self,
                                           guint           index);
CbSchema     *cb_session_get_schema       (CbSession      *self,
                                           guint           index);
const char   *cb_session_get_schema_problems (CbSession   *self,
                                              guint        index);
int           cb_session_find_schema      (CbSession      *self,
                                           const char     *id);
CbForm       *cb_session_get_form         (CbSession      *self,
                                           guint           index);
CbFormStore  *cb_session_get_store        (CbSession      *self,
                                           guint           index);
void          cb_session_flush            (CbSession      *self);

CbRun        *cb_session_start_run        (CbSession      *self,
                                           guint           index,
                                           const char     *edited,
                                           GError        **error);
CbRun        *cb_session_get_run          (CbSession      *self,
                                           guint           index);
gboolean      cb_session_is_running       (CbSession      *self);
void          cb_session_stop_runs        (CbSession      *self);

void          cb_session_offer_checkpoint (CbSession      *self,
                                           guint           index,
                                           const char     *source,
                                           const char     *checkpoint,
                                           const char     *origin);
CbOffer      *cb_session_get_offer        (CbSession      *self,
                                           guint           index);
gboolean      cb_session_take_offer       (CbSession      *self,
                                           guint           index);

G_END_DECLS
