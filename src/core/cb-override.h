/* cb-override.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *cb_override_print_double  (double      value);
char     *cb_override_print_value   (GVariant   *value);
char     *cb_override_build         (const char *target,
                                     GVariant   *value);
char     *cb_override_build_text    (const char *target,
                                     const char *text);
char     *cb_override_requote       (const char *override);
gboolean  cb_override_needs_quotes  (const char *text);

G_END_DECLS
