/* cb-form-store.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-form.h"
#include "cb-slurm-form.h"

G_BEGIN_DECLS

#define CB_FORM_SETTINGS_SCHEMA APPLICATION_ID ".Form"

/* How long a form must be quiet before its values are written */
#define CB_FORM_STORE_DELAY_MS 500

#define CB_TYPE_FORM_STORE (cb_form_store_get_type ())

G_DECLARE_FINAL_TYPE (CbFormStore, cb_form_store, CB, FORM_STORE, GObject)

CbFormStore        *cb_form_store_new           (CbForm      *form,
                                                 GSettings   *settings);
GSettings          *cb_form_store_create_settings (const char *project_root,
                                                   const char *schema_id);
const char * const *cb_form_store_get_dropped   (CbFormStore *self);
void                cb_form_store_flush         (CbFormStore *self);
guint               cb_form_store_get_n_writes  (CbFormStore *self);
char              **cb_form_store_attach_slurm  (CbFormStore *self,
                                                 CbSlurmForm *slurm);

G_END_DECLS
