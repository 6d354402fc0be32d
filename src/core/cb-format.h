/* cb-format.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *cb_format_double          (double               value);
char     *cb_format_value           (GVariant            *value);
char     *cb_format_override        (const char          *target,
                                     GVariant            *value);
char     *cb_format_override_text   (const char          *target,
                                     const char          *text);
char     *cb_format_verbatim        (const char          *override);
gboolean  cb_override_needs_quotes  (const char          *text);

char     *cb_shell_quote            (const char          *arg);
char     *cb_argv_to_display        (const char * const  *argv);

char     *cb_format_printf_number   (const char          *format,
                                     double               value);

G_END_DECLS
