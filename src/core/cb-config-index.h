/* cb-config-index.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An index part: its data, the files and folders it was built from with
 * their modification times, and the problems found while building it.
 */
#define CB_CONFIG_PART_TYPE "(va(sx)a(us))"

char     *cb_config_index_path      (const char  *project_root);
GVariant *cb_config_index_load      (const char  *path);
gboolean  cb_config_index_save      (const char  *path,
                                     GVariant    *parts,
                                     GError     **error);
gint64    cb_config_index_mtime     (const char  *path);
gboolean  cb_config_index_part_valid (GVariant   *part);
GVariant *cb_config_index_make_deps (GPtrArray   *paths);

G_END_DECLS
