/* cb-slurm-script.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-slurm-config.h"
#include "cb-slurm-resources.h"

G_BEGIN_DECLS

typedef struct _CbSlurmScript CbSlurmScript;

#define CB_TYPE_SLURM_SCRIPT (cb_slurm_script_get_type ())

GType          cb_slurm_script_get_type      (void) G_GNUC_CONST;
CbSlurmScript *cb_slurm_script_new           (const char * const     *argv,
                                              const char             *directory);
CbSlurmScript *cb_slurm_script_ref           (CbSlurmScript          *self);
void           cb_slurm_script_unref         (CbSlurmScript          *self);

void           cb_slurm_script_set_resources (CbSlurmScript          *self,
                                              const CbSlurmResources *resources);
void           cb_slurm_script_set_config    (CbSlurmScript          *self,
                                              CbSlurmConfig          *config);
void           cb_slurm_script_set_output    (CbSlurmScript          *self,
                                              const char             *pattern);
void           cb_slurm_script_set_array     (CbSlurmScript          *self,
                                              GPtrArray              *argvs,
                                              guint                   max_parallel);
char          *cb_slurm_script_to_text       (CbSlurmScript          *self,
                                              GError                **error);

GPtrArray     *cb_slurm_script_read_options  (const char             *text);
char          *cb_slurm_script_lookup_option (const char             *text,
                                              const char             *long_name,
                                              char                    short_name);

GArray        *cb_slurm_array_parse          (const char             *spec,
                                              guint                  *max_parallel,
                                              GError                **error);
char          *cb_slurm_output_expand        (const char             *pattern,
                                              const char             *job_id,
                                              const char             *array_job_id,
                                              int                     task_id,
                                              const char             *job_name,
                                              const char             *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSlurmScript, cb_slurm_script_unref)

G_END_DECLS
