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
 * @compare: the order of the array
 * @removed: (nullable): called for an item once it left the array
 * @inserted: (nullable): called for an item once it is in the array
 * @changed: called after each group of changes, with the array
 *   consistent: what a list model's items-changed would say
 *
 * How cb_sequence_diff_apply() keeps its caller informed.
 */
typedef struct
{
  GCompareDataFunc compare;
  void (*removed)  (gpointer item,
                    gpointer user_data);
  void (*inserted) (gpointer item,
                    gpointer user_data);
  void (*changed)  (guint    position,
                    guint    removed,
                    guint    added,
                    gpointer user_data);
} CbSequenceDiffFuncs;

void cb_sequence_diff_apply (GPtrArray                 *array,
                             GPtrArray                 *removes,
                             GPtrArray                 *adds,
                             const CbSequenceDiffFuncs *funcs,
                             gpointer                   user_data);

G_END_DECLS
