/* cb-slurm-resources.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-slurm-partition.h"
#include "cb-yaml.h"

G_BEGIN_DECLS

/**
 * CbSlurmField:
 *
 * The resources a job asks for; each has a key in the project file's
 * `slurm:` section and a row in the form.
 */
typedef enum
{
  CB_SLURM_FIELD_PARTITION,
  CB_SLURM_FIELD_TIME,
  CB_SLURM_FIELD_NODES,
  CB_SLURM_FIELD_NTASKS,
  CB_SLURM_FIELD_CPUS_PER_TASK,
  CB_SLURM_FIELD_MEM,
  CB_SLURM_FIELD_GPUS,
  CB_SLURM_FIELD_GPU_TYPE,
  CB_SLURM_FIELD_GRES,
  CB_SLURM_FIELD_ACCOUNT,
  CB_SLURM_FIELD_QOS,
  CB_SLURM_FIELD_JOB_NAME,
  CB_SLURM_N_FIELDS
} CbSlurmField;

const char *cb_slurm_field_get_key   (CbSlurmField  field);
const char *cb_slurm_field_get_label (CbSlurmField  field);
gboolean    cb_slurm_field_from_key  (const char   *key,
                                      CbSlurmField *field);

typedef struct _CbSlurmResources CbSlurmResources;

#define CB_TYPE_SLURM_RESOURCES (cb_slurm_resources_get_type ())

GType             cb_slurm_resources_get_type    (void) G_GNUC_CONST;
CbSlurmResources *cb_slurm_resources_new         (void);
CbSlurmResources *cb_slurm_resources_copy        (const CbSlurmResources *self);
void              cb_slurm_resources_free        (CbSlurmResources       *self);

gboolean          cb_slurm_resources_set         (CbSlurmResources       *self,
                                                  CbSlurmField            field,
                                                  const char             *text,
                                                  GError                **error);
void              cb_slurm_resources_set_number  (CbSlurmResources       *self,
                                                  CbSlurmField            field,
                                                  guint64                 number);
void              cb_slurm_resources_unset       (CbSlurmResources       *self,
                                                  CbSlurmField            field);
gboolean          cb_slurm_resources_is_set      (const CbSlurmResources *self,
                                                  CbSlurmField            field);
const char       *cb_slurm_resources_get         (const CbSlurmResources *self,
                                                  CbSlurmField            field);
guint64           cb_slurm_resources_get_number  (const CbSlurmResources *self,
                                                  CbSlurmField            field);

gboolean          cb_slurm_resources_add_extra   (CbSlurmResources       *self,
                                                  const char             *line,
                                                  GError                **error);
const char * const *cb_slurm_resources_get_extra (const CbSlurmResources *self);
void              cb_slurm_resources_clear_extra (CbSlurmResources       *self);

void              cb_slurm_resources_merge       (CbSlurmResources       *self,
                                                  const CbSlurmResources *over);
gboolean          cb_slurm_resources_equal       (const CbSlurmResources *a,
                                                  const CbSlurmResources *b);
CbSlurmResources *cb_slurm_resources_from_node   (const CbNode           *node,
                                                  GPtrArray              *diagnostics);

GPtrArray        *cb_slurm_resources_to_options  (const CbSlurmResources *self);

char             *cb_slurm_resources_check_field (const CbSlurmResources *self,
                                                  CbSlurmField            field,
                                                  const CbSlurmPartition *partition);
gboolean          cb_slurm_resources_check       (const CbSlurmResources *self,
                                                  const CbSlurmPartition *partition,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSlurmResources, cb_slurm_resources_free)

G_END_DECLS
