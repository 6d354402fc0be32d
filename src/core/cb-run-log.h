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

/**
 * CbRunLogStream:
 * @CB_RUN_LOG_STDOUT: the command's standard output
 * @CB_RUN_LOG_STDERR: the command's standard error
 * @CB_RUN_LOG_NOTE: the app's notes about the run
 *
 * Where output written to the log comes from: each reaches the log in
 * whole lines.
 */
typedef enum
{
  CB_RUN_LOG_STDOUT,
  CB_RUN_LOG_STDERR,
  CB_RUN_LOG_NOTE,
} CbRunLogStream;

CbRunLog *cb_run_log_new       (int          fd,
                                guint64      limit);
gboolean  cb_run_log_write     (CbRunLog    *self,
                                const char  *data,
                                gsize        length,
                                GError     **error);
gboolean  cb_run_log_write_from (CbRunLog       *self,
                                 CbRunLogStream  from,
                                 const char     *data,
                                 gsize           length,
                                 GError        **error);
gboolean  cb_run_log_end       (CbRunLog       *self,
                                CbRunLogStream  from,
                                GError        **error);
guint64   cb_run_log_get_cut   (CbRunLog    *self);
guint64   cb_run_log_get_size  (CbRunLog    *self);
void      cb_run_log_free      (CbRunLog    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbRunLog, cb_run_log_free)

G_END_DECLS
