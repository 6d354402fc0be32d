/* cb-slurm-config.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-slurm-resources.h"
#include "cb-yaml.h"

G_BEGIN_DECLS

/* Where job logs go when the project says nothing, under its outputs folder */
#define CB_SLURM_DEFAULT_OUTPUT ".cmdbuilder/jobs/%j.log"

typedef struct _CbSlurmConfig CbSlurmConfig;

#define CB_TYPE_SLURM_CONFIG (cb_slurm_config_get_type ())

GType                   cb_slurm_config_get_type     (void) G_GNUC_CONST;
CbSlurmConfig          *cb_slurm_config_new          (void);
CbSlurmConfig          *cb_slurm_config_ref          (CbSlurmConfig       *self);
void                    cb_slurm_config_unref        (CbSlurmConfig       *self);

CbSlurmConfig          *cb_slurm_config_parse        (const CbNode        *node,
                                                      GPtrArray           *diagnostics);
CbSlurmConfig          *cb_slurm_config_load         (const char          *project_file,
                                                      GPtrArray          **diagnostics,
                                                      GError             **error);

gboolean                cb_slurm_config_is_present   (const CbSlurmConfig *self);
const CbSlurmResources *cb_slurm_config_get_defaults (const CbSlurmConfig *self);
const CbSlurmResources *cb_slurm_config_get_fixed    (const CbSlurmConfig *self);
gboolean                cb_slurm_config_is_fixed     (const CbSlurmConfig *self,
                                                      CbSlurmField         field);
const char * const     *cb_slurm_config_get_setup    (const CbSlurmConfig *self);
gboolean                cb_slurm_config_get_srun     (const CbSlurmConfig *self);
const char             *cb_slurm_config_get_output   (const CbSlurmConfig *self);
const char             *cb_slurm_config_get_signal   (const CbSlurmConfig *self);
guint                   cb_slurm_config_get_array_limit (const CbSlurmConfig *self);

CbSlurmResources       *cb_slurm_config_resolve      (const CbSlurmConfig    *self,
                                                      const CbSlurmResources *values);
char                   *cb_slurm_config_resolve_output (const CbSlurmConfig *self,
                                                        const char          *project_dir,
                                                        const char          *outputs_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSlurmConfig, cb_slurm_config_unref)

G_END_DECLS
