/* cb-line-ring.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-run.h"

G_BEGIN_DECLS

typedef struct _CbLineRing CbLineRing;

CbLineRing *cb_line_ring_new           (guint       capacity);
void        cb_line_ring_free          (CbLineRing *self);
void        cb_line_ring_add           (CbLineRing *self,
                                        CbRunLine  *line);
guint64     cb_line_ring_get_n_lines   (CbLineRing *self);
guint64     cb_line_ring_get_n_dropped (CbLineRing *self);
GPtrArray  *cb_line_ring_get_lines     (CbLineRing *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbLineRing, cb_line_ring_free)

G_END_DECLS
