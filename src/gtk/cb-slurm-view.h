/* cb-slurm-view.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-slurm-form.h"

G_BEGIN_DECLS

#define CB_TYPE_SLURM_VIEW (cb_slurm_view_get_type ())

G_DECLARE_FINAL_TYPE (CbSlurmView, cb_slurm_view, CB, SLURM_VIEW, GtkWidget)

GtkWidget   *cb_slurm_view_new             (void);
void         cb_slurm_view_set_slurm_form  (CbSlurmView *self,
                                            CbSlurmForm *slurm);
CbSlurmForm *cb_slurm_view_get_slurm_form  (CbSlurmView *self);
char        *cb_slurm_view_get_input_error (CbSlurmView *self);
GtkWidget   *cb_slurm_view_get_row         (CbSlurmView *self,
                                            const char  *key);

G_END_DECLS
