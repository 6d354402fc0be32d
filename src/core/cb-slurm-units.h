/* cb-slurm-units.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A time limit without end: Slurm's UNLIMITED or INFINITE */
#define CB_SLURM_TIME_UNLIMITED G_MAXUINT

/* A memory size without end: Slurm's UNLIMITED */
#define CB_SLURM_MEMORY_UNLIMITED G_MAXUINT64

gboolean  cb_slurm_time_parse       (const char *text,
                                     guint      *minutes);
char     *cb_slurm_time_format      (guint       minutes);
char     *cb_slurm_time_describe    (guint       minutes);

gboolean  cb_slurm_memory_parse     (const char *text,
                                     guint64    *megabytes);
char     *cb_slurm_memory_format    (guint64     megabytes);
char     *cb_slurm_memory_describe  (guint64     megabytes);

G_END_DECLS
