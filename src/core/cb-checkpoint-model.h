/* cb-checkpoint-model.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-checkpoint.h"
#include "cb-option-list.h"

G_BEGIN_DECLS

#define CB_TYPE_CHECKPOINT_MODEL (cb_checkpoint_model_get_type ())

G_DECLARE_FINAL_TYPE (CbCheckpointModel, cb_checkpoint_model, CB, CHECKPOINT_MODEL, GObject)

CbCheckpointModel *cb_checkpoint_model_new              (const char         *root,
                                                         const char * const *globs);
const char        *cb_checkpoint_model_get_root         (CbCheckpointModel  *self);
void               cb_checkpoint_model_set_max_monitors (CbCheckpointModel  *self,
                                                         guint               n);
void               cb_checkpoint_model_start            (CbCheckpointModel  *self);
void               cb_checkpoint_model_scan_sync        (CbCheckpointModel  *self);
gboolean           cb_checkpoint_model_get_started      (CbCheckpointModel  *self);
gboolean           cb_checkpoint_model_get_loading      (CbCheckpointModel  *self);
gboolean           cb_checkpoint_model_get_polling      (CbCheckpointModel  *self);
guint              cb_checkpoint_model_get_n_scans      (CbCheckpointModel  *self);
guint              cb_checkpoint_model_get_n_listings   (CbCheckpointModel  *self);
guint              cb_checkpoint_model_get_n_monitors   (CbCheckpointModel  *self);
gint64             cb_checkpoint_model_find             (CbCheckpointModel  *self,
                                                         const char         *path);

G_END_DECLS
