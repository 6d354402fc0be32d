/* cb-glob.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbGlobFunc:
 * @relative: the matching path, relative to the root
 * @absolute: the same path, absolute
 * @user_data: the closure
 */
typedef void (*CbGlobFunc) (const char *relative,
                            const char *absolute,
                            gpointer    user_data);

gboolean  cb_glob_is_pattern  (const char  *component);
gboolean  cb_glob_is_globstar (const char  *component);
gboolean  cb_glob_match       (const char  *pattern,
                               const char  *name);
char    **cb_glob_split       (const char  *pattern);
void      cb_glob             (const char  *root,
                               const char  *pattern,
                               CbGlobFunc   func,
                               gpointer     user_data,
                               GPtrArray   *problems);
void      cb_glob_full        (const char  *root,
                               const char  *pattern,
                               CbGlobFunc   func,
                               gpointer     user_data,
                               GPtrArray   *problems,
                               GPtrArray   *folders);
char    **cb_glob_list        (const char  *root,
                               const char  *pattern,
                               GPtrArray   *problems);
gboolean  cb_glob_validate    (const char  *pattern,
                               GError     **error);
char     *cb_path_stem        (const char  *path);

G_END_DECLS
