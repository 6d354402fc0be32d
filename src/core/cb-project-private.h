/* cb-project-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-file-watch.h"
#include "cb-project.h"
#include "cb-slurm-config.h"
#include "cb-yaml.h"

G_BEGIN_DECLS

/* The class is split by concern, as GNOME Text Editor splits its larger
 * classes; this header is what its files share:
 *
 * - cb-project.c: the object, its signals and the getters
 * - cb-project-file.c: reading `cmdbuilder.yaml`
 * - cb-project-config.c: the parts built from the config tree (option
 *   lists and metadata sets) and the config index they are kept in
 * - cb-project-sources.c: the option lists, and the checkpoint models of
 *   `paths:` sources
 * - cb-project-watch.c: following changes on disk
 * - cb-project-schemas.c: the schema files and their cache
 * - cb-project-outputs.c: the folder the app writes its own files to
 */

typedef struct
{
  char   *name;
  char  **stems;
  char  **values;
  char  **paths;
} CbSourceSpec;

typedef struct
{
  char  *name;
  char  *glob;
  char  *file;
  char  *root;
} CbMetadataSpec;

struct _CbProject
{
  GObject      parent_instance;

  /* The project file */
  char        *root;
  char        *file;
  char        *name;
  char        *schemas_dir;
  char       **pages;          /* the schema files first, in this order */
  char        *outputs_dir;
  char       **runner;
  char       **multirun_flag;
  char        *progress_regex;
  CbMetricsConfig *metrics;
  GHashTable  *sources;        /* name → CbSourceSpec */
  GHashTable  *metadata_specs; /* name → CbMetadataSpec */
  CbSlurmConfig *slurm;        /* the `slurm:` section, or an absent one */
  GPtrArray   *diagnostics;

  /* The config tree */
  gboolean     config_loaded;
  guint        n_config_reads;
  GHashTable  *parts;          /* "source:NAME" or "metadata:NAME" → part */
  GHashTable  *part_problems;  /* same keys → GPtrArray of CbDiagnostic */
  GPtrArray   *config_diagnostics;
  GHashTable  *source_models;  /* name → GListModel of CbOption */
  GHashTable  *metadata;       /* set → (entry → GVariant) */

  /* Watching */
  CbFileWatch *watch;

  /* Schemas */
  GHashTable  *schemas;        /* path → CachedSchema */
};

/* cb-project-schemas.c */
gboolean   _cb_project_page_matches          (const char *page,
                                              const char *path);

/* cb-project.c */
void       _cb_project_emit_source_changed   (CbProject  *self,
                                              const char *name);
void       _cb_project_emit_metadata_changed (CbProject  *self,
                                              const char *name);
void       _cb_project_emit_schema_changed   (CbProject  *self,
                                              const char *path);
void       _cb_project_emit_file_changed     (CbProject  *self);
void       _cb_project_emit_notice           (CbProject  *self,
                                              const char *message);
int        _cb_project_compare_strings       (gconstpointer a,
                                              gconstpointer b,
                                              gpointer      user_data);

/* cb-project-file.c */
void       _cb_project_read_file             (CbProject  *self,
                                              CbNode     *root);

/* cb-project-config.c */
GPtrArray *_cb_project_part_keys             (CbProject  *self);
GPtrArray *_cb_project_rebuild_stale_parts   (CbProject  *self);

/* cb-project-sources.c */
void       _cb_project_apply_source          (CbProject  *self,
                                              const char *name,
                                              GVariant   *names);
void       _cb_project_add_checkpoint_models (CbProject  *self);
void       _cb_project_take_checkpoint_models (CbProject *self,
                                               CbProject *previous);
void       _cb_project_start_checkpoint_models (CbProject *self);

/* cb-project-schemas.c */
void       _cb_project_cached_schema_free    (gpointer    data);
void       _cb_project_take_schemas          (CbProject  *self,
                                              CbProject  *previous);

G_END_DECLS
