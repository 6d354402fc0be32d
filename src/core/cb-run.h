/* cb-run.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-form.h"

G_BEGIN_DECLS

/* The log view keeps this many lines; the log file keeps everything up to
 * its size limit (cb_run_set_log_limit()) */
#define CB_RUN_MAX_LINES 10000

/* Longer lines are cut for display */
#define CB_RUN_MAX_LINE_LENGTH (16 * 1024)

typedef enum
{
  CB_RUN_STATE_NEW,
  CB_RUN_STATE_RUNNING,
  CB_RUN_STATE_SUCCEEDED,
  CB_RUN_STATE_FAILED,
  CB_RUN_STATE_STOPPED,
  CB_RUN_STATE_ERROR,
} CbRunState;

typedef enum
{
  CB_RUN_LINE_STDERR  = 1 << 0,
  CB_RUN_LINE_PROBLEM = 1 << 1,
  CB_RUN_LINE_CUT     = 1 << 2,
  CB_RUN_LINE_NOTE    = 1 << 3, /* from the app, not the command */
} CbRunLineFlags;

/**
 * CbRunLine:
 * @flags: #CbRunLineFlags
 * @text: the line, valid UTF-8, without its newline
 */
typedef struct
{
  guint  flags;
  char  *text;
} CbRunLine;

CbRunLine *cb_run_line_new  (const char *bytes,
                             gsize       length,
                             guint       flags);
void       cb_run_line_free (CbRunLine  *line);

#define CB_TYPE_RUN (cb_run_get_type ())

G_DECLARE_FINAL_TYPE (CbRun, cb_run, CB, RUN, GObject)

CbRun              *cb_run_new                (const char * const *argv,
                                               const char         *cwd,
                                               const char         *schema_id,
                                               const char         *log_dir);
void                cb_run_set_log_problem    (CbRun              *self,
                                               const char         *message);
void                cb_run_set_progress_regex (CbRun              *self,
                                               GRegex             *regex);
void                cb_run_set_kill_timeout   (CbRun              *self,
                                               guint               msec);
void                cb_run_set_log_limit      (CbRun              *self,
                                               guint64             bytes);
gboolean            cb_run_start              (CbRun              *self,
                                               GError            **error);
void                cb_run_stop               (CbRun              *self);

const char * const *cb_run_get_argv           (CbRun              *self);
const char         *cb_run_get_schema_id      (CbRun              *self);
CbRunState          cb_run_get_state          (CbRun              *self);
gboolean            cb_run_is_running         (CbRun              *self);
int                 cb_run_get_exit_status    (CbRun              *self);
int                 cb_run_get_term_signal    (CbRun              *self);
gint64              cb_run_get_start_time     (CbRun              *self);
gint64              cb_run_get_elapsed        (CbRun              *self);
char               *cb_run_get_status_text    (CbRun              *self);
double              cb_run_get_progress       (CbRun              *self);
const char         *cb_run_get_progress_text  (CbRun              *self);
guint               cb_run_get_n_problems     (CbRun              *self);
guint64             cb_run_get_n_lines        (CbRun              *self);
guint64             cb_run_get_n_dropped      (CbRun              *self);
GPtrArray          *cb_run_get_lines          (CbRun              *self);
const char         *cb_run_get_log_path       (CbRun              *self);
gboolean            cb_run_get_log_fell_back  (CbRun              *self);
const char         *cb_run_get_error          (CbRun              *self);

char               *cb_run_format_duration    (gint64              usec);

gboolean            cb_run_in_flatpak         (void);
char              **cb_run_build_host_argv    (const char * const *argv,
                                               const char         *cwd);

G_END_DECLS
