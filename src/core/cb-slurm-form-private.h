/* cb-slurm-form-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-slurm-form.h"

G_BEGIN_DECLS

/* CbSlurmForm is split by concern around this header:
 *
 * - cb-slurm-form.c: the target, the resources, their resolving and
 *   checking, the tasks and the batch script;
 * - cb-slurm-form-values.c: what the user set, as one dictionary to store
 *   and to load again.
 */

struct _CbSlurmForm
{
  GObject           parent_instance;

  CbForm           *form;
  CbSlurmConfig    *config;
  CbSlurmCluster   *cluster;

  CbRunTarget       target;
  CbSlurmResources *user;
  guint             array_limit;
  char             *edited_script;

  /* Worked out when first asked for, after each change */
  gboolean          resolved;
  CbSlurmResources *resources;
  CbSlurmOrigin     origins[CB_SLURM_N_FIELDS];
  const char       *origin_keys[CB_SLURM_N_FIELDS];
  GPtrArray        *messages;
  GPtrArray        *tasks;
  char             *script;
};

/* cb-slurm-form.c */
void  _cb_slurm_form_changed  (CbSlurmForm *self);

G_END_DECLS
