/* cb-run-diff.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-history.h"
#include "cb-metric-set.h"

G_BEGIN_DECLS

/**
 * CbDiffKind:
 * @CB_DIFF_SAME: equal in both runs
 * @CB_DIFF_CHANGED: in both runs, different
 * @CB_DIFF_ONLY_A: only in the first run (a value: the second had the
 *   default)
 * @CB_DIFF_ONLY_B: only in the second run
 */
typedef enum
{
  CB_DIFF_SAME,
  CB_DIFF_CHANGED,
  CB_DIFF_ONLY_A,
  CB_DIFF_ONLY_B,
} CbDiffKind;

/**
 * CbValueDiff:
 * @kind: how the value differs
 * @key: the field's key
 * @a: (nullable): the first run's value; %NULL when it had the default
 * @b: (nullable): the second run's value
 */
typedef struct
{
  CbDiffKind  kind;
  char       *key;
  GVariant   *a;
  GVariant   *b;
} CbValueDiff;

/**
 * CbArgDiff:
 * @kind: %CB_DIFF_SAME, %CB_DIFF_CHANGED (the other run sets the same key
 *   otherwise), or %CB_DIFF_ONLY_A / %CB_DIFF_ONLY_B for the side it is on
 * @arg: the argument
 * @other: the index of its counterpart in the other command, or -1
 */
typedef struct
{
  CbDiffKind  kind;
  const char *arg;
  int         other;
} CbArgDiff;

/**
 * CbRunDiffFlags:
 * @CB_RUN_DIFF_NONE: only what differs
 * @CB_RUN_DIFF_ALL: the equal values and arguments too
 */
typedef enum
{
  CB_RUN_DIFF_NONE = 0,
  CB_RUN_DIFF_ALL  = 1 << 0,
} CbRunDiffFlags;

#define CB_TYPE_RUN_DIFF (cb_run_diff_get_type ())

G_DECLARE_FINAL_TYPE (CbRunDiff, cb_run_diff, CB, RUN_DIFF, GObject)

CbRunDiff         *cb_run_diff_new              (GVariant            *values_a,
                                                 const char * const  *argv_a,
                                                 GVariant            *values_b,
                                                 const char * const  *argv_b);
CbRunDiff         *cb_run_diff_new_for_records  (CbHistoryRecord     *a,
                                                 CbHistoryRecord     *b);
CbRunDiff         *cb_run_diff_new_for_form     (CbHistoryRecord     *record,
                                                 CbForm              *form);
void               cb_run_diff_set_metrics      (CbRunDiff           *self,
                                                 CbMetricSet         *a,
                                                 CbMetricSet         *b);
gboolean           cb_run_diff_is_empty         (CbRunDiff           *self);
guint              cb_run_diff_get_n_values     (CbRunDiff           *self);
const CbValueDiff *cb_run_diff_get_value        (CbRunDiff           *self,
                                                 guint                index);
guint              cb_run_diff_get_n_differing  (CbRunDiff           *self);
const CbArgDiff   *cb_run_diff_get_args         (CbRunDiff           *self,
                                                 gboolean             second,
                                                 guint               *n_args);
char              *cb_run_diff_to_text          (CbRunDiff           *self,
                                                 const char          *label_a,
                                                 const char          *label_b,
                                                 CbRunDiffFlags       flags);

G_END_DECLS
