/* cb-sequence-diff.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbSequenceDiffFuncs:
 * @compare: the order of the sequence
 * @removing: (nullable): called for an item's iter before it is removed
 * @inserted: (nullable): called for an item's iter after it was inserted
 * @changed: called after each group of changes, with the sequence
 *   consistent: what a list model's items-changed would say
 *
 * How cb_sequence_diff_apply() keeps its caller informed.
 */
typedef struct
{
  GCompareDataFunc compare;
  void (*removing) (GSequenceIter *iter,
                    gpointer       user_data);
  void (*inserted) (GSequenceIter *iter,
                    gpointer       user_data);
  void (*changed)  (guint          position,
                    guint          removed,
                    guint          added,
                    gpointer       user_data);
} CbSequenceDiffFuncs;

void cb_sequence_diff_apply (GSequence                 *sequence,
                             GPtrArray                 *removes,
                             GPtrArray                 *adds,
                             const CbSequenceDiffFuncs *funcs,
                             gpointer                   user_data);

G_END_DECLS
