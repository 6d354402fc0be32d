/* cb-variant.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GVariant *cb_variant_lookup_path (GVariant   *dict,
                                  const char *path);
GVariant *cb_variant_lookup_text (GVariant   *dict,
                                  const char *path);

G_END_DECLS
