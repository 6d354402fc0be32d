/* cb-sweep.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbSweepKind:
 * @CB_SWEEP_LIST: several values: Hydra's `a,b,c`
 * @CB_SWEEP_RANGE: start, stop and step: Hydra's `range(1,10,2)`
 * @CB_SWEEP_GLOB: the options that match patterns: Hydra's `glob(a*)`
 *
 * What a field holds when it sweeps: the values of the jobs of a multirun.
 */
typedef enum
{
  CB_SWEEP_LIST,
  CB_SWEEP_RANGE,
  CB_SWEEP_GLOB,
} CbSweepKind;

/* A sweep value: its kind's name and its items */
#define CB_SWEEP_VARIANT_TYPE ((const GVariantType *) "(sav)")

GVariant    *cb_sweep_new        (CbSweepKind   kind,
                                  GPtrArray    *items);
gboolean     cb_value_is_sweep   (GVariant     *value);
CbSweepKind  cb_sweep_get_kind   (GVariant     *sweep);
GVariant    *cb_sweep_get_items  (GVariant     *sweep);
char       **cb_sweep_split_text (const char   *text,
                                  CbSweepKind  *kind,
                                  GError      **error);
char        *cb_sweep_to_text    (GVariant     *sweep);

char       **cb_text_split_items (const char   *text,
                                  gboolean      allow_empty,
                                  GError      **error);
char        *cb_text_join_items  (const char * const *items);

G_END_DECLS
