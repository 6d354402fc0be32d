/* cb-confined-dir.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cb_confined_dir_ensure (const char  *root,
                              const char  *relative,
                              GError     **error);

G_END_DECLS
