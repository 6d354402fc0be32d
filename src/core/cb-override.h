/* cb-override.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbOverrideOperation:
 * @CB_OVERRIDE_SET: `key=value`: changes a value the config has
 * @CB_OVERRIDE_ADD: `+key=value`: adds a value the config does not have
 * @CB_OVERRIDE_FORCE_ADD: `++key=value`: adds or changes
 * @CB_OVERRIDE_DELETE: `~key`, or `~key=value`: deletes
 *
 * What an override does, as Hydra's grammar spells it.
 */
typedef enum
{
  CB_OVERRIDE_SET,
  CB_OVERRIDE_ADD,
  CB_OVERRIDE_FORCE_ADD,
  CB_OVERRIDE_DELETE,
} CbOverrideOperation;

/**
 * CbOverrideFlags:
 * @CB_OVERRIDE_KEEP_TYPED: a text in Hydra's own spelling, such as an
 *   option: a word Hydra types (`32`, `true`, `null`) is left unquoted and
 *   typed; without it, a text reaches Hydra as a text
 * @CB_OVERRIDE_INTERPOLATION: `${...}` in a text is an OmegaConf
 *   interpolation; without it, `${` is escaped and stays literal
 *
 * How the texts of a value are written.
 */
typedef enum
{
  CB_OVERRIDE_KEEP_TYPED    = 1 << 0,
  CB_OVERRIDE_INTERPOLATION = 1 << 1,
} CbOverrideFlags;

char       *cb_override_print_double     (double               value);
char       *cb_override_print_value      (GVariant            *value);
char       *cb_override_quote            (const char          *text,
                                          CbOverrideFlags      flags);
gboolean    cb_override_needs_quotes     (const char          *text);
char       *cb_override_format_value     (GVariant            *value,
                                          CbOverrideFlags      flags);
const char *cb_override_operation_prefix (CbOverrideOperation  operation);
char       *cb_override_build_full       (CbOverrideOperation  operation,
                                          const char          *target,
                                          GVariant            *value,
                                          CbOverrideFlags      flags);
char       *cb_override_build            (const char          *target,
                                          GVariant            *value);
char       *cb_override_build_text       (const char          *target,
                                          const char          *text);
char       *cb_override_requote          (const char          *override);
gboolean    cb_override_is_sweep         (const char          *override);

G_END_DECLS
