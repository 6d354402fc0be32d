/* cb-number-format.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cb_number_format_print (const char *format,
                              double      value);

G_END_DECLS
