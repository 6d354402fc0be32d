/* cb-run-view-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-job-run.h"
#include "cb-run-view.h"

G_BEGIN_DECLS

/* CbRunView is split by concern around this header:
 *
 * - cb-run-view.c: the view, its properties, the status, Run and Stop;
 * - cb-run-view-output.c: the output, following its end, its problem
 *   lines, the note of the lines it no longer keeps, and the run's log;
 * - cb-run-view-jobs.c: the Slurm side: where the command runs,
 *   submitting, cancelling a job, and the tasks of a job array.
 */

typedef struct
{
  guint64  line;   /* of the output since the run started, from 0 */
  char    *text;
} ProblemLine;

struct _CbRunView
{
  GtkWidget             parent_instance;

  CbSession            *session;
  guint                 index;
  CbExecution          *execution;  /* the page's run or job: its status shows */
  CbExecution          *shown;      /* whose output shows: it, or a task of its array */
  CbSlurmForm          *slurm;
  GtkWidget            *cancel_dialog;
  CbForm               *refused_form;  /* whose errors the status names */
  gboolean              status_pinned; /* a refusal the execution's status does not replace */
  CbRunViewCommandFunc  command_func;
  gpointer              command_data;
  CbRunViewCheckFunc    check_func;
  gpointer              check_data;
  gboolean              updating_target;
  gboolean              shown_slurm;     /* the target the idle status speaks of */
  gboolean              submitting;
  gboolean              updating_tasks;
  guint                 tick_id;
  gboolean              running;
  gboolean              expanded;
  gboolean              following;
  gboolean              scrolling;  /* the view moves itself, not the user */
  gulong                output_id;
  guint64               n_view_lines;
  guint64               n_view_dropped;
  GArray               *problems;   /* ProblemLine, oldest first */

  GtkWidget            *target_box;
  GtkWidget            *target_local;
  GtkWidget            *target_slurm;
  GtkWidget            *run_button;
  GtkWidget            *stop_button;
  GtkWidget            *spinner;
  GtkWidget            *status;
  GtkWidget            *progress;
  GtkWidget            *dropped_box;
  GtkWidget            *dropped;
  GtkWidget            *task_dropdown;
  GtkStringList        *task_names;
  GtkWidget            *problems_button;
  GtkWidget            *problems_label;
  GtkWidget            *problems_popover;
  GtkWidget            *problems_list;
  GtkWidget            *problems_note;
  GtkWidget            *expand_button;
  GtkWidget            *scroller;
  GtkWidget            *empty_label;
  GtkWidget            *jump_revealer;
  GtkTextView          *log_view;
  GtkTextBuffer        *log;
  GtkTextTag           *text_tag;
  GtkTextTag           *stderr_tag;
  GtkTextTag           *problem_tag;
  GtkWidget            *output_heading;
  GtkWidget            *output_switcher;
  GtkWidget            *output_stack;
  GtkWidget            *charts;
};

/* cb-run-view.c */
void      _cb_run_view_set_status             (CbRunView      *self,
                                               const char     *text);
void      _cb_run_view_set_following          (CbRunView      *self,
                                               gboolean        following);
void      _cb_run_view_update_buttons         (CbRunView      *self);
void      _cb_run_view_update_status          (CbRunView      *self);
void      _cb_run_view_on_job_changed         (CbRunView      *self);
void      _cb_run_view_set_button_label       (GtkWidget      *button,
                                               const char     *label);
void      _cb_run_view_show_execution         (CbRunView      *self,
                                               CbExecution    *execution);
void      _cb_run_view_forget_refused_form    (CbRunView      *self);
void      _cb_run_view_watch_refused_form     (CbRunView      *self);

/* cb-run-view-output.c */
void      _cb_run_view_class_output_init      (CbRunViewClass *klass);
void      _cb_run_view_output_init            (CbRunView      *self);
void      _cb_run_view_update_dropped         (CbRunView      *self);
void      _cb_run_view_follow_output          (CbRunView      *self,
                                               CbExecution    *shown);
void      _cb_run_view_update_problems        (CbRunView      *self);
void      _cb_run_view_note_log_fell_back     (CbRunView      *self,
                                               CbRun          *run);

/* cb-run-view-jobs.c */
void      _cb_run_view_class_jobs_init        (CbRunViewClass *klass);
void      _cb_run_view_fill_tasks             (CbRunView      *self);
void      _cb_run_view_update_tasks           (CbRunView      *self);
gboolean  _cb_run_view_submit                 (CbRunView      *self);
void      _cb_run_view_on_job_submitted       (CbRunView      *self,
                                               guint           index,
                                               CbJobRun       *job);
void      _cb_run_view_ask_cancel             (CbRunView      *self);
gboolean  _cb_run_view_is_slurm_target        (CbRunView      *self);

G_END_DECLS
