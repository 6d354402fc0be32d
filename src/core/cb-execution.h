/* cb-execution.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-run.h"

G_BEGIN_DECLS

#define CB_TYPE_EXECUTION (cb_execution_get_type ())

G_DECLARE_INTERFACE (CbExecution, cb_execution, CB, EXECUTION, GObject)

/**
 * CbExecutionInterface:
 *
 * What a command carried out has, wherever it runs: #CbRun on this
 * computer, #CbJobRun on a Slurm cluster. Implementations also have the
 * signals `output` (a #GPtrArray of #CbRunLine, transfer none) and
 * `finished`, and the properties `state`, `progress`, `progress-text`
 * and `n-problems`, with #CbRun's meaning.
 */
struct _CbExecutionInterface
{
  GTypeInterface parent_iface;

  const char * const *(*get_argv)          (CbExecution *self);
  const char         *(*get_schema_id)     (CbExecution *self);
  CbRunState          (*get_state)         (CbExecution *self);
  char               *(*get_status_text)   (CbExecution *self);
  gint64              (*get_start_time)    (CbExecution *self);
  gint64              (*get_elapsed)       (CbExecution *self);
  double              (*get_progress)      (CbExecution *self);
  const char         *(*get_progress_text) (CbExecution *self);
  guint               (*get_n_problems)    (CbExecution *self);
  guint64             (*get_n_lines)       (CbExecution *self);
  guint64             (*get_n_dropped)     (CbExecution *self);
  GPtrArray          *(*get_lines)         (CbExecution *self);
  const char         *(*get_log_path)      (CbExecution *self);
  void                (*stop)              (CbExecution *self);
};

const char * const *cb_execution_get_argv          (CbExecution *self);
const char         *cb_execution_get_schema_id     (CbExecution *self);
CbRunState          cb_execution_get_state         (CbExecution *self);
gboolean            cb_execution_is_running        (CbExecution *self);
char               *cb_execution_get_status_text   (CbExecution *self);
gint64              cb_execution_get_start_time    (CbExecution *self);
gint64              cb_execution_get_elapsed       (CbExecution *self);
double              cb_execution_get_progress      (CbExecution *self);
const char         *cb_execution_get_progress_text (CbExecution *self);
guint               cb_execution_get_n_problems    (CbExecution *self);
guint64             cb_execution_get_n_lines       (CbExecution *self);
guint64             cb_execution_get_n_dropped     (CbExecution *self);
GPtrArray          *cb_execution_get_lines         (CbExecution *self);
const char         *cb_execution_get_log_path      (CbExecution *self);
void                cb_execution_stop              (CbExecution *self);

/* For cb-run.c: CbRun's implementation */
void                _cb_run_execution_iface_init   (CbExecutionInterface *iface);

G_END_DECLS
