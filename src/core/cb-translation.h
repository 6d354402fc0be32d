/* cb-translation.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char **cb_translation_keys (const char *key);
char  *cb_translation_base (const char *key);

G_END_DECLS
