/* cb-run-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <gio/gio.h>

#include "cb-line-splitter.h"
#include "cb-progress.h"
#include "cb-run.h"
#include "cb-run-log.h"

G_BEGIN_DECLS

/* CbRun is split by concern around this header:
 *
 * - cb-run.c: the object, its lines, settings, signals and getters;
 * - cb-run-start.c: spawning the command and opening its log;
 * - cb-run-output.c: reading its output into lines, batches and the log;
 * - cb-run-stop.c: how it ends, on its own or stopped, with all it
 *   started.
 */

#define READ_SIZE 65536
#define BATCH_MSEC 40
#define DEFAULT_KILL_MSEC 5000

typedef struct
{
  CbRun          *run;
  GInputStream   *stream;
  CbLineSplitter *splitter;
  gboolean        is_stderr;
  gboolean        eof;
} Stream;

struct _CbRun
{
  GObject        parent_instance;

  char         **argv;
  char          *cwd;
  char          *schema_id;
  char          *log_dir;
  guint          kill_msec;

  GSubprocess   *process;
  GCancellable  *cancellable;
  int            pgid;
  int            main_pid; /* 0 once reaped */
  char          *token;
  ino_t          pipes[2];
  gboolean       in_flatpak;
  CbRunState     state;
  gboolean       exited;
  gboolean       finished;
  gboolean       stop_requested;
  gboolean       grace_over;
  guint          grace_id;
  GApplication  *held_app;
  int            exit_status;
  int            term_signal;
  char          *error;
  gint64         start_time;
  gint64         start_mono;
  gint64         end_mono;

  Stream         out;
  Stream         err;

  CbRunLog      *log;
  guint64        log_limit;
  char          *log_path;
  gboolean       log_fell_back;
  char          *log_problem;

  CbRunLine    **ring;
  guint          ring_start;
  guint          ring_len;
  guint64        n_lines;
  guint64        n_dropped;
  guint          n_problems;
  GPtrArray     *batch;
  guint          batch_id;

  CbProgress    *progress;
};

/* cb-run.c */
void     _cb_run_set_state         (CbRun          *self,
                                    CbRunState      state);
void     _cb_run_notify_progress   (CbRun          *self,
                                    guint           changed);
void     _cb_run_notify_n_problems (CbRun          *self);
void     _cb_run_emit_output       (CbRun          *self,
                                    GPtrArray      *batch);
void     _cb_run_emit_raw_output   (CbRun          *self,
                                    GBytes         *bytes,
                                    gboolean        is_stderr);
void     _cb_run_emit_finished     (CbRun          *self);

/* cb-run-output.c */
void     _cb_run_add_note          (CbRun          *self,
                                    const char     *text);
gboolean _cb_run_flush_batch       (gpointer        user_data);
void     _cb_run_on_line           (const char     *text,
                                    gsize           length,
                                    gboolean        cut,
                                    gpointer        user_data);
void     _cb_run_on_overdraw       (const char     *text,
                                    gsize           length,
                                    gpointer        user_data);
void     _cb_run_on_read           (GObject        *source,
                                    GAsyncResult   *result,
                                    gpointer        user_data);

/* cb-run-stop.c */
void     _cb_run_check_finished    (CbRun          *self);
void     _cb_run_on_wait           (GObject        *source,
                                    GAsyncResult   *result,
                                    gpointer        user_data);

G_END_DECLS
