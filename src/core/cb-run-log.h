/* cb-run-log.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A run's log keeps at most this much by default: 100 MiB */
#define CB_RUN_LOG_DEFAULT_LIMIT (G_GUINT64_CONSTANT (100) * 1024 * 1024)

typedef struct _CbRunLog CbRunLog;

CbRunLog *cb_run_log_new       (int          fd,
                                guint64      limit);
gboolean  cb_run_log_write     (CbRunLog    *self,
                                const char  *data,
                                gsize        length,
                                GError     **error);
guint64   cb_run_log_get_cut   (CbRunLog    *self);
guint64   cb_run_log_get_size  (CbRunLog    *self);
void      cb_run_log_free      (CbRunLog    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbRunLog, cb_run_log_free)

G_END_DECLS
