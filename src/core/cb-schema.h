/* cb-schema.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-field.h"
#include "cb-metrics-parser.h"
#include "cb-name-lookup.h"

G_BEGIN_DECLS

#define CB_TYPE_SCHEMA (cb_schema_get_type ())

G_DECLARE_FINAL_TYPE (CbSchema, cb_schema, CB, SCHEMA, GObject)

CbSchema           *cb_schema_load                  (const char    *path,
                                                     CbNameLookup  *names,
                                                     GError       **error);
char               *cb_schema_id_from_path          (const char  *path);
const char         *cb_schema_get_path              (CbSchema    *self);
const char         *cb_schema_get_id                (CbSchema    *self);
const char         *cb_schema_get_label             (CbSchema    *self);
const char         *cb_schema_get_title             (CbSchema    *self);
const char         *cb_schema_get_description       (CbSchema    *self);
const char * const *cb_schema_get_command           (CbSchema    *self);
const char * const *cb_schema_get_constant_overrides (CbSchema   *self);
const char         *cb_schema_get_progress_regex    (CbSchema    *self);
CbExpr             *cb_schema_get_emit_defaults     (CbSchema    *self);
const char * const *cb_schema_get_multirun_flag     (CbSchema    *self);
CbMetricsConfig    *cb_schema_get_metrics_config    (CbSchema    *self);
const char         *cb_schema_get_resume_field      (CbSchema    *self);
const char         *cb_schema_get_resume_toggle     (CbSchema    *self);
guint               cb_schema_get_n_fields          (CbSchema    *self);
CbField            *cb_schema_get_field             (CbSchema    *self,
                                                     guint        index);
CbField            *cb_schema_lookup_field          (CbSchema    *self,
                                                     const char  *key);
GPtrArray          *cb_schema_get_diagnostics       (CbSchema    *self);
gboolean            cb_schema_has_errors            (CbSchema    *self);

G_END_DECLS
