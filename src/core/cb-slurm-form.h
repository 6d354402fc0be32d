/* cb-slurm-form.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-diagnostic.h"
#include "cb-form.h"
#include "cb-slurm-cluster.h"
#include "cb-slurm-config.h"
#include "cb-slurm-resources.h"

G_BEGIN_DECLS

/**
 * CbRunTarget:
 * @CB_RUN_TARGET_LOCAL: the command runs on this computer
 * @CB_RUN_TARGET_SLURM: the command is submitted to Slurm as a batch job
 *
 * Where a page's command runs.
 */
typedef enum
{
  CB_RUN_TARGET_LOCAL,
  CB_RUN_TARGET_SLURM,
} CbRunTarget;

/**
 * CbSlurmOrigin:
 * @CB_SLURM_ORIGIN_UNSET: nothing sets it: the cluster's default applies
 * @CB_SLURM_ORIGIN_DEFAULT: the project's `defaults` (or, for the job
 *   name, the page's id)
 * @CB_SLURM_ORIGIN_USER: the page's own value
 * @CB_SLURM_ORIGIN_FIELD: a field of the form (its `slurm:` key)
 * @CB_SLURM_ORIGIN_FIXED: the project's `fixed`: it cannot change
 *
 * Where a resource of a job comes from.
 */
typedef enum
{
  CB_SLURM_ORIGIN_UNSET,
  CB_SLURM_ORIGIN_DEFAULT,
  CB_SLURM_ORIGIN_USER,
  CB_SLURM_ORIGIN_FIELD,
  CB_SLURM_ORIGIN_FIXED,
} CbSlurmOrigin;

/* The resource of a message about the job as a whole (its script, its
 * array), not about one resource
 */
#define CB_SLURM_MESSAGE_JOB (-1)

/**
 * CbSlurmMessage:
 * @resource: the #CbSlurmField the message is about, or
 *   %CB_SLURM_MESSAGE_JOB
 * @severity: an error keeps the job from being submitted
 * @message: a full sentence that names the resource or the field
 */
typedef struct
{
  int         resource;
  CbSeverity  severity;
  char       *message;
} CbSlurmMessage;

void cb_slurm_message_free (CbSlurmMessage *message);

#define CB_TYPE_SLURM_FORM (cb_slurm_form_get_type ())

G_DECLARE_FINAL_TYPE (CbSlurmForm, cb_slurm_form, CB, SLURM_FORM, GObject)

CbSlurmForm            *cb_slurm_form_new              (CbForm          *form);
CbForm                 *cb_slurm_form_get_form         (CbSlurmForm     *self);
CbSlurmConfig          *cb_slurm_form_get_config       (CbSlurmForm     *self);
void                    cb_slurm_form_set_cluster      (CbSlurmForm     *self,
                                                        CbSlurmCluster  *cluster);
CbSlurmCluster         *cb_slurm_form_get_cluster      (CbSlurmForm     *self);

CbRunTarget             cb_slurm_form_get_target       (CbSlurmForm     *self);
void                    cb_slurm_form_set_target       (CbSlurmForm     *self,
                                                        CbRunTarget      target);
gboolean                cb_slurm_form_set_resource     (CbSlurmForm     *self,
                                                        CbSlurmField     field,
                                                        const char      *text,
                                                        GError         **error);
const char             *cb_slurm_form_get_resource     (CbSlurmForm     *self,
                                                        CbSlurmField     field);
gboolean                cb_slurm_form_set_extra        (CbSlurmForm     *self,
                                                        const char * const *lines,
                                                        GError         **error);
const char * const     *cb_slurm_form_get_extra        (CbSlurmForm     *self);
void                    cb_slurm_form_set_array_limit  (CbSlurmForm     *self,
                                                        guint            limit);
guint                   cb_slurm_form_get_array_limit  (CbSlurmForm     *self);

const CbSlurmResources *cb_slurm_form_get_resources    (CbSlurmForm     *self);
CbSlurmOrigin           cb_slurm_form_get_origin       (CbSlurmForm     *self,
                                                        CbSlurmField     field,
                                                        const char     **field_key);
GPtrArray              *cb_slurm_form_get_messages     (CbSlurmForm     *self);
const char             *cb_slurm_form_get_resource_message (CbSlurmForm  *self,
                                                            CbSlurmField  field);
gboolean                cb_slurm_form_has_errors       (CbSlurmForm     *self);
gboolean                cb_slurm_form_check            (CbSlurmForm     *self,
                                                        GError         **error);

gboolean                cb_slurm_form_is_array         (CbSlurmForm     *self);
GPtrArray              *cb_slurm_form_get_tasks        (CbSlurmForm     *self);
char                  **cb_slurm_form_get_task_labels  (CbSlurmForm     *self);
char                   *cb_slurm_form_get_output_pattern (CbSlurmForm   *self);

const char             *cb_slurm_form_get_generated_script (CbSlurmForm *self);
const char             *cb_slurm_form_get_script       (CbSlurmForm     *self);
gboolean                cb_slurm_form_is_script_edited (CbSlurmForm     *self);
void                    cb_slurm_form_set_edited_script (CbSlurmForm    *self,
                                                         const char     *text);

GVariant               *cb_slurm_form_get_values       (CbSlurmForm     *self);
char                  **cb_slurm_form_load_values      (CbSlurmForm     *self,
                                                        GVariant        *values);

G_END_DECLS
