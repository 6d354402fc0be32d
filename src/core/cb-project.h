/* cb-project.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-schema.h"
#include "cb-slurm-config.h"
#include "cb-variant.h"

G_BEGIN_DECLS

#define CB_PROJECT_FILE "cmdbuilder.yaml"

#define CB_TYPE_PROJECT (cb_project_get_type ())

G_DECLARE_FINAL_TYPE (CbProject, cb_project, CB, PROJECT, GObject)

CbProject          *cb_project_load                (const char  *folder,
                                                    GError     **error);
CbProject          *cb_project_reload              (CbProject   *previous,
                                                    GError     **error);
const char         *cb_project_get_root            (CbProject   *self);
const char         *cb_project_get_file            (CbProject   *self);
const char         *cb_project_get_name            (CbProject   *self);
const char         *cb_project_get_schemas_dir     (CbProject   *self);
const char         *cb_project_get_outputs_dir     (CbProject   *self);
char               *cb_project_ensure_private_dir  (CbProject   *self,
                                                    const char  *name,
                                                    GError     **error);
const char * const *cb_project_get_runner          (CbProject   *self);
const char         *cb_project_get_progress_regex  (CbProject   *self);
CbMetricsConfig    *cb_project_get_metrics_config  (CbProject   *self);
GPtrArray          *cb_project_get_diagnostics     (CbProject   *self);
CbSlurmConfig      *cb_project_get_slurm_config    (CbProject   *self);

gboolean            cb_project_has_source          (CbProject   *self,
                                                    const char  *name);
gboolean            cb_project_source_is_paths     (CbProject   *self,
                                                    const char  *name);
gboolean            cb_project_source_is_loading   (CbProject   *self,
                                                    const char  *name);
char              **cb_project_list_sources        (CbProject   *self);
const char * const *cb_project_get_source_paths    (CbProject   *self,
                                                    const char  *name);
gboolean            cb_project_has_metadata_set    (CbProject   *self,
                                                    const char  *name);

char              **cb_project_list_schema_files   (CbProject   *self,
                                                    GError     **error);
char              **cb_project_get_multirun_flag   (CbProject   *self,
                                                   CbSchema    *schema);
char              **cb_project_get_command_prefix  (CbProject   *self,
                                                    CbSchema    *schema);

void                cb_project_ensure_config       (CbProject   *self);
GPtrArray          *cb_project_get_config_diagnostics (CbProject *self);
guint               cb_project_get_n_config_reads  (CbProject   *self);
void                cb_project_watch               (CbProject   *self);
CbSchema           *cb_project_load_schema         (CbProject   *self,
                                                    const char  *path,
                                                    GError     **error);
GListModel         *cb_project_get_source          (CbProject   *self,
                                                    const char  *name);
void                cb_project_scan_sources_sync   (CbProject   *self,
                                                    CbSchema    *schema);
GVariant           *cb_project_get_metadata_entry  (CbProject   *self,
                                                    const char  *set,
                                                    const char  *entry);

G_END_DECLS
