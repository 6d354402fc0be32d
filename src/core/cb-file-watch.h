/* cb-file-watch.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CbFileWatch CbFileWatch;

/**
 * CbFileWatchFunc:
 * @paths: (element-type filename): the paths that changed since the last
 *   call, sorted, each once
 * @user_data: the closure
 *
 * May free the watch.
 */
typedef void (*CbFileWatchFunc) (GPtrArray *paths,
                                 gpointer   user_data);

CbFileWatch *cb_file_watch_new  (guint            delay_ms,
                                 CbFileWatchFunc  func,
                                 gpointer         user_data);
void         cb_file_watch_free (CbFileWatch     *self);
gboolean     cb_file_watch_add  (CbFileWatch     *self,
                                 const char      *path,
                                 gboolean         folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbFileWatch, cb_file_watch_free)

G_END_DECLS
