/* cb-checkpoint.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-option.h"

G_BEGIN_DECLS

#define CB_TYPE_CHECKPOINT (cb_checkpoint_get_type ())

G_DECLARE_FINAL_TYPE (CbCheckpoint, cb_checkpoint, CB, CHECKPOINT, CbOption)

CbCheckpoint *cb_checkpoint_new            (const char   *path,
                                             const char   *experiment,
                                             guint64       size,
                                             gint64        mtime);
const char   *cb_checkpoint_get_path       (CbCheckpoint *self);
const char   *cb_checkpoint_get_experiment (CbCheckpoint *self);
const char   *cb_checkpoint_get_name       (CbCheckpoint *self);
guint64       cb_checkpoint_get_size       (CbCheckpoint *self);
gint64        cb_checkpoint_get_mtime      (CbCheckpoint *self);
char         *cb_checkpoint_get_field      (CbCheckpoint *self,
                                             const char   *name);
int           cb_checkpoint_compare        (CbCheckpoint *a,
                                             CbCheckpoint *b);

G_END_DECLS
