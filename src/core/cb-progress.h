/* cb-progress.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CB_PROGRESS_FRACTION_CHANGED = 1 << 0,
  CB_PROGRESS_LABEL_CHANGED    = 1 << 1,
} CbProgressChange;

gboolean cb_progress_parse  (const char  *line,
                             GRegex      *custom,
                             double      *fraction,
                             char       **label);
guint    cb_progress_update (const char  *line,
                             GRegex      *custom,
                             double      *fraction,
                             char       **label);

G_END_DECLS
