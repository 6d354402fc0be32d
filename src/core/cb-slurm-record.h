/* cb-slurm-record.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GHashTable *cb_slurm_record_parse     (const char  *line);
GPtrArray  *cb_slurm_records_parse    (const char  *text);
gboolean    cb_slurm_record_get_uint  (GHashTable  *record,
                                       const char  *key,
                                       guint       *value);
char      **cb_slurm_record_get_list  (GHashTable  *record,
                                       const char  *key);
gboolean    cb_slurm_parse_uint       (const char  *text,
                                       guint       *value);

G_END_DECLS
