/* cb-run-view.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-execution.h"
#include "cb-session.h"
#include "cb-slurm-form.h"

G_BEGIN_DECLS

#define CB_TYPE_RUN_VIEW (cb_run_view_get_type ())

G_DECLARE_FINAL_TYPE (CbRunView, cb_run_view, CB, RUN_VIEW, GtkWidget)

typedef char *(*CbRunViewCommandFunc) (gpointer user_data);
typedef char *(*CbRunViewCheckFunc)   (gpointer user_data);

GtkWidget     *cb_run_view_new               (CbSession            *session,
                                              guint                 index);
void           cb_run_view_set_command_func  (CbRunView            *self,
                                              CbRunViewCommandFunc  func,
                                              gpointer              user_data);
void           cb_run_view_set_check_func    (CbRunView            *self,
                                              CbRunViewCheckFunc    func,
                                              gpointer              user_data);
void           cb_run_view_set_slurm_form    (CbRunView            *self,
                                              CbSlurmForm          *slurm);
gboolean       cb_run_view_run               (CbRunView            *self);
void           cb_run_view_stop              (CbRunView            *self);
CbRun         *cb_run_view_get_run           (CbRunView            *self);
CbExecution   *cb_run_view_get_execution     (CbRunView            *self);
CbExecution   *cb_run_view_get_shown         (CbRunView            *self);
gboolean       cb_run_view_get_running       (CbRunView            *self);
const char    *cb_run_view_get_status        (CbRunView            *self);
GtkTextBuffer *cb_run_view_get_log           (CbRunView            *self);
GtkTextView   *cb_run_view_get_log_view      (CbRunView            *self);
gboolean       cb_run_view_get_following     (CbRunView            *self);
void           cb_run_view_jump_to_end       (CbRunView            *self);
gboolean       cb_run_view_jump_to_line      (CbRunView            *self,
                                              guint64               line);
GArray        *cb_run_view_get_problem_lines (CbRunView            *self);
gboolean       cb_run_view_get_expanded      (CbRunView            *self);
void           cb_run_view_set_expanded      (CbRunView            *self,
                                              gboolean              expanded);

G_END_DECLS
