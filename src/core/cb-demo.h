/* cb-demo.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cb_demo_find_installed (void);
char *cb_demo_get_copy_dir   (void);
char *cb_demo_ensure_copy    (GError **error);

G_END_DECLS
