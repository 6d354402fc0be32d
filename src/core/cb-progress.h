/* cb-progress.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cb_progress_parse (const char  *line,
                            GRegex      *custom,
                            double      *fraction,
                            char       **label);

G_END_DECLS
