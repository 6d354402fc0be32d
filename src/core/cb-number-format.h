/* cb-number-format.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cb-yaml.h"

G_BEGIN_DECLS

/* The largest width and precision a number's `format` may ask for: enough
 * for any column and for every digit a double has (17), and small enough
 * that a schema cannot make the app build a huge text
 */
#define CB_NUMBER_FORMAT_MAX_WIDTH     64
#define CB_NUMBER_FORMAT_MAX_PRECISION 17

gboolean  cb_number_format_validate (const char   *format,
                                     guint        *offset,
                                     GError      **error);
gboolean  cb_number_format_is_decimal (const char *format);
char     *cb_number_format_print    (const char   *format,
                                     double        value);
void      cb_number_format_check    (const CbNode *node,
                                     const char   *file,
                                     GPtrArray    *diagnostics);

G_END_DECLS
