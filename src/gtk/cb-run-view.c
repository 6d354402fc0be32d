/* cb-run-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-job-run.h"
#include "cb-log-viewer.h"
#include "cb-run-charts.h"
#include "cb-run-view.h"
#include "cb-session-jobs.h"

/**
 * CbRunView:
 *
 * Runs a page's command through its #CbSession and shows the run: Run and
 * Stop (`run-view.stop`, Escape), the status with progress and elapsed
 * time, and the output as it arrives.
 *
 * What it shows is a #CbExecution: a run on this computer, or a Slurm job
 * followed as one. When the project has a `slurm:` section, a switch
 * above Run says where the command runs; on Slurm, Run is Submit, Stop
 * asks before it cancels the job, and a job array's tasks can be picked
 * to follow each one's output.
 *
 * The output follows its end while the run writes, as a terminal does,
 * until the user scrolls up to read; then it stays where the user is, and
 * a button brings it back to the end. The lines that speak of a problem
 * are listed in a popover that jumps to each. The view keeps the last
 * %CB_RUN_MAX_LINES lines and says how many went; the run's log file
 * keeps everything, and opens in a #CbLogViewer.
 *
 * Beside the output, in a tab of its own, the curves of the metrics the
 * run prints (#CbRunCharts); the tab is there while the page's runs are
 * read for metrics.
 */

/* The most problem lines the popover lists: the last ones */
#define MAX_LISTED_PROBLEMS 500

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

G_DEFINE_FINAL_TYPE (CbRunView, cb_run_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_EXPANDED,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
problem_line_clear (ProblemLine *problem)
{
  g_free (problem->text);
}

static void
set_status (CbRunView  *self,
            const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
}

/* Following the end */

static GtkAdjustment *
get_vadjustment (CbRunView *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
}

static gboolean
at_end (CbRunView *self)
{
  GtkAdjustment *adj = get_vadjustment (self);

  return gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) -
                                           gtk_adjustment_get_page_size (adj) - 4;
}

static void
set_following (CbRunView *self,
               gboolean   following)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->jump_revealer), !following);
  if (following == self->following)
    return;

  self->following = following;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static void
scroll_to_end (CbRunView *self)
{
  GtkAdjustment *adj = get_vadjustment (self);

  self->scrolling = TRUE;
  gtk_adjustment_set_value (adj,
                            gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  self->scrolling = FALSE;
}

/* The text grew, or the view was resized: the end stays in view */
static void
on_adjustment_changed (CbRunView     *self,
                       GtkAdjustment *adj)
{
  if (self->following)
    scroll_to_end (self);
}

/* Back at the end, by the user or by the text's own layout: following
 * again. The text view moves the value too as it lays lines out (it keeps
 * the first line in view where it was): while following, the end stays.
 * Only the user's own scrolling up stops following (see
 * on_user_scroll() and the like), never a value that moved by itself.
 */
static void
on_value_changed (CbRunView     *self,
                  GtkAdjustment *adj)
{
  if (self->scrolling)
    return;
  if (at_end (self))
    set_following (self, TRUE);
  else if (self->following)
    scroll_to_end (self);
}

static gboolean
can_scroll (CbRunView *self)
{
  GtkAdjustment *adj = get_vadjustment (self);

  return gtk_adjustment_get_upper (adj) - gtk_adjustment_get_lower (adj) >
         gtk_adjustment_get_page_size (adj);
}

/* The user goes up to read */
static void
user_leaves_end (CbRunView *self)
{
  if (can_scroll (self))
    set_following (self, FALSE);
}

static gboolean
on_user_scroll (CbRunView                *self,
                double                    dx,
                double                    dy,
                GtkEventControllerScroll *controller)
{
  if (dy < 0)
    user_leaves_end (self);
  return FALSE;
}

static gboolean
on_user_key (CbRunView             *self,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      user_leaves_end (self);
      break;
    default:
      break;
    }
  return FALSE;
}

/* The scrollbar, taken with the pointer */
static void
on_scrollbar_pressed (CbRunView *self)
{
  user_leaves_end (self);
}

static void
on_scrollbar_released (CbRunView *self)
{
  if (at_end (self))
    set_following (self, TRUE);
}

static void
watch_user_scrolling (CbRunView *self)
{
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *scrollbar;

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_user_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->scroller, scroll);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_user_key), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->log_view), keys);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_scrollbar_pressed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (on_scrollbar_released), self,
                           G_CONNECT_SWAPPED);
  scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_widget_add_controller (scrollbar, GTK_EVENT_CONTROLLER (click));
}

static void
on_jump_clicked (CbRunView *self)
{
  cb_run_view_jump_to_end (self);
}

/* Status */

static char *
progress_text (CbExecution *execution)
{
  int percent = (int)(cb_execution_get_progress (execution) * 100);

  switch (cb_execution_get_state (execution))
    {
    case CB_RUN_STATE_STOPPED:
      /* Translators: on the progress bar of a run the user stopped */
      return g_strdup_printf (_("Stopped at %d%%"), percent);
    case CB_RUN_STATE_FAILED:
    case CB_RUN_STATE_ERROR:
      /* Translators: on the progress bar of a run that failed */
      return g_strdup_printf (_("Failed at %d%%"), percent);
    case CB_RUN_STATE_NEW:
    case CB_RUN_STATE_RUNNING:
    case CB_RUN_STATE_SUCCEEDED:
    default:
      /* Translators: a percentage on a progress bar */
      return g_strdup_printf (_("%d%%"), percent);
    }
}

/* The bar shows how the run ended, never a stale value that looks like
 * it still runs */
static void
update_progress (CbRunView *self)
{
  static const char * const ends[] = { "succeeded", "stopped", "failed" };
  double fraction = cb_execution_get_progress (self->execution);
  CbRunState state = cb_execution_get_state (self->execution);
  const char *end = state == CB_RUN_STATE_SUCCEEDED ? "succeeded"
                  : state == CB_RUN_STATE_STOPPED ? "stopped"
                  : state == CB_RUN_STATE_FAILED || state == CB_RUN_STATE_ERROR ? "failed"
                  : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->progress, fraction >= 0);
  if (fraction < 0)
    return;

  text = progress_text (self->execution);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress), text);
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (g_strcmp0 (ends[i], end) != 0)
      gtk_widget_remove_css_class (self->progress, ends[i]);
  if (end != NULL)
    gtk_widget_add_css_class (self->progress, end);
}

/* Of the output shown: an array task's own, when one is picked */
static void
update_problems (CbRunView *self)
{
  guint problems = cb_execution_get_n_problems (self->shown);
  g_autofree char *count = NULL;

  gtk_widget_set_visible (self->problems_button, problems > 0);
  if (problems == 0)
    return;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem line", "%u problem lines",
                                        problems),
                           problems);
  gtk_label_set_text (GTK_LABEL (self->problems_label), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
}

static gboolean
is_slurm_target (CbRunView *self)
{
  return self->slurm != NULL && cb_slurm_form_get_target (self->slurm) == CB_RUN_TARGET_SLURM;
}

/* Run may start another while a job runs: a job is submitted and left
 * to the cluster; a command on this computer runs one at a time */
static void
update_buttons (CbRunView *self)
{
  gboolean running = self->execution != NULL && cb_execution_is_running (self->execution);
  gboolean job = CB_IS_JOB_RUN (self->execution);

  gtk_widget_set_sensitive (self->run_button,
                            !self->submitting &&
                            (!running || (is_slurm_target (self) && job)));
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (self->spinner, running || self->submitting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running || self->submitting);
}

static void update_tasks (CbRunView *self);

static void
update_status (CbRunView *self)
{
  g_autofree char *text = NULL;
  const char *progress;

  if (self->execution == NULL)
    return;

  text = cb_execution_get_status_text (self->execution);
  progress = cb_execution_get_progress_text (self->execution);
  if (progress != NULL && cb_execution_is_running (self->execution))
    {
      g_autofree char *with = g_strdup_printf ("%s · %s", text, progress);

      set_status (self, with);
    }
  else
    set_status (self, text);

  update_progress (self);
  update_problems (self);
  update_buttons (self);
  update_tasks (self);
}

static gboolean
on_tick (gpointer user_data)
{
  update_status (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_dropped (CbRunView *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  const char *log;

  if (self->n_view_dropped == 0)
    {
      gtk_widget_set_visible (self->dropped_box, FALSE);
      return;
    }

  log = self->shown ? cb_execution_get_log_path (self->shown) : NULL;
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_view_dropped);
  /* Translators: %s is a number of lines, then a file */
  text = g_strdup_printf (_("%s earlier lines are not shown; the full output is in %s"),
                          count, log ? log : "");
  gtk_label_set_text (GTK_LABEL (self->dropped), text);
  gtk_widget_set_visible (self->dropped_box, TRUE);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (self->dropped), log != NULL);
}

static void
update_empty (CbRunView *self)
{
  gtk_widget_set_visible (self->empty_label,
                          self->shown == NULL && gtk_text_buffer_get_char_count (self->log) == 0);
}

/* Output */

static void
append_line (CbRunView       *self,
             const CbRunLine *line)
{
  GtkTextIter end;
  int start_offset;

  if (line->flags & CB_RUN_LINE_PROBLEM)
    {
      ProblemLine problem = { self->n_view_dropped + self->n_view_lines, g_strdup (line->text) };

      g_array_append_val (self->problems, problem);
    }

  gtk_text_buffer_get_end_iter (self->log, &end);
  start_offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert_with_tags (self->log, &end, line->text, -1, self->text_tag, NULL);
  if (line->flags & (CB_RUN_LINE_PROBLEM | CB_RUN_LINE_STDERR))
    {
      GtkTextIter start;

      gtk_text_buffer_get_iter_at_offset (self->log, &start, start_offset);
      if (line->flags & CB_RUN_LINE_PROBLEM)
        gtk_text_buffer_apply_tag (self->log, self->problem_tag, &start, &end);
      if (line->flags & CB_RUN_LINE_STDERR)
        gtk_text_buffer_apply_tag (self->log, self->stderr_tag, &start, &end);
    }
  if (line->flags & CB_RUN_LINE_CUT)
    gtk_text_buffer_insert_with_tags (self->log, &end, _(" [cut; see the log file]"), -1,
                                      self->text_tag, NULL);
  gtk_text_buffer_insert (self->log, &end, "\n", 1);
  self->n_view_lines++;
}

/* Memory stays bounded: the view keeps the last lines only */
static void
drop_first_lines (CbRunView *self)
{
  GtkTextIter start, cut;
  guint64 extra;
  guint gone = 0;

  if (self->n_view_lines <= CB_RUN_MAX_LINES)
    return;

  extra = self->n_view_lines - CB_RUN_MAX_LINES;
  gtk_text_buffer_get_start_iter (self->log, &start);
  gtk_text_buffer_get_iter_at_line (self->log, &cut, (int)extra);
  self->scrolling = TRUE;
  gtk_text_buffer_delete (self->log, &start, &cut);
  self->scrolling = FALSE;
  self->n_view_lines -= extra;
  self->n_view_dropped += extra;

  while (gone < self->problems->len &&
         g_array_index (self->problems, ProblemLine, gone).line < self->n_view_dropped)
    gone++;
  g_array_remove_range (self->problems, 0, gone);
  update_dropped (self);
}

static void
append_lines (CbRunView *self,
              GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    append_line (self, g_ptr_array_index (lines, i));

  drop_first_lines (self);
  update_empty (self);

  /* The adjustment follows once the new lines are laid out (see
   * on_adjustment_changed()); this keeps the end in view until then */
  if (self->following)
    scroll_to_end (self);

  update_status (self);
}

static void
on_output (CbExecution *execution,
           GPtrArray   *lines,
           CbRunView   *self)
{
  append_lines (self, lines);
}

static void
update_running (CbRunView *self)
{
  gboolean running = self->execution != NULL && cb_execution_is_running (self->execution);

  if (running == self->running)
    return;

  self->running = running;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run-view.stop", running);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (running)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_finished (CbExecution *execution,
             CbRunView   *self)
{
  update_running (self);
  update_status (self);
  update_dropped (self);
}

static void
on_progress_changed (CbRunView *self)
{
  update_progress (self);
}

/* A job's state changed: the status says so at once, not at the next tick */
static void
on_job_changed (CbRunView *self)
{
  update_status (self);
}

static void
clear_log (CbRunView *self)
{
  gtk_text_buffer_set_text (self->log, "", 0);
  self->n_view_lines = 0;
  self->n_view_dropped = 0;
  g_array_set_size (self->problems, 0);
  gtk_widget_set_visible (self->dropped_box, FALSE);
  set_following (self, TRUE);
}

/* The output of @shown in the view: the lines it kept, then its new ones
 * as they come. The earlier lines of a long run are in its log file.
 */
static void
follow_output (CbRunView   *self,
               CbExecution *shown)
{
  g_autoptr(GPtrArray) lines = NULL;

  if (self->shown != NULL)
    g_clear_signal_handler (&self->output_id, self->shown);
  g_set_object (&self->shown, shown);
  clear_log (self);
  if (shown != NULL)
    {
      lines = cb_execution_get_lines (shown);
      self->n_view_dropped = cb_execution_get_n_dropped (shown);
      append_lines (self, lines);
      self->output_id = g_signal_connect (shown, "output", G_CALLBACK (on_output), self);
    }
  update_dropped (self);
  update_empty (self);
}

static void
disconnect_execution (CbRunView *self)
{
  GPtrArray *tasks;

  if (self->shown != NULL)
    g_clear_signal_handler (&self->output_id, self->shown);
  if (self->execution == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->execution, self);
  tasks = CB_IS_JOB_RUN (self->execution) ? cb_job_run_get_tasks (CB_JOB_RUN (self->execution))
                                          : NULL;
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (tasks, i), self);
}

/* A button's label with a mnemonic: GTK 4.8 sets the label, underscore
 * and all, as the button's accessible name, which a screen reader then
 * reads before the label's own text; the label alone names it */
static void
set_button_label (GtkWidget  *button,
                  const char *label)
{
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
    return;
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Stop cancels a job, and says so */
static void
update_stop_button (CbRunView *self)
{
  gboolean job = CB_IS_JOB_RUN (self->execution);

  set_button_label (self->stop_button, job ? _("_Cancel Job") : _("_Stop"));
  gtk_widget_set_tooltip_text (self->stop_button,
                               job ? _("Cancel the job on the cluster, after asking (Escape in "
                                       "the output)")
                                   : _("Stop the command and everything it started (Escape in "
                                       "the output)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stop_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  job ? _("Cancels the job on the cluster, after asking (Escape "
                                          "in the output)")
                                      : _("Stops the command and everything it started (Escape "
                                          "in the output)"),
                                  -1);
}

static void fill_tasks (CbRunView *self);

/* Follows @execution from now on: the view's run or job, until the next.
 * Its output so far shows too: a run of the page before the page was
 * built again (after a reload), or a job followed again at start.
 */
static void
show_execution (CbRunView   *self,
                CbExecution *execution)
{
  disconnect_execution (self);
  g_set_object (&self->execution, execution);
  if (execution != NULL)
    {
      g_signal_connect (execution, "finished", G_CALLBACK (on_finished), self);
      g_signal_connect_swapped (execution, "notify::progress", G_CALLBACK (on_progress_changed),
                                self);
      g_signal_connect_swapped (execution, "notify::state", G_CALLBACK (on_progress_changed), self);
      if (CB_IS_JOB_RUN (execution))
        g_signal_connect_swapped (execution, "changed", G_CALLBACK (on_job_changed), self);
    }
  /* The curves of a local run; a job's output is a file the charts do not
   * read as it grows */
  cb_run_charts_set_run (CB_RUN_CHARTS (self->charts),
                         CB_IS_RUN (execution) ? CB_RUN (execution) : NULL);
  update_stop_button (self);
  fill_tasks (self);
  follow_output (self, execution);
  update_running (self);
  update_status (self);
}

/* An array's tasks: the output of the array (its tasks' ends) or of one
 * task, picked from a drop-down that says how each task fares */

static char *
task_text (CbJobRun *task)
{
  CbSlurmJob *job = cb_job_run_get_job (task);
  g_autofree char *status = cb_slurm_job_get_status_text (job);
  const char *label = cb_job_run_get_label (task);

  /* Translators: an array task (its values, such as “seed=2”), its state */
  if (label != NULL && label[0] != '\0')
    return g_strdup_printf (_("Task %d (%s): %s"), cb_slurm_job_get_task_id (job), label, status);
  /* Translators: an array task's number, its state */
  return g_strdup_printf (_("Task %d: %s"), cb_slurm_job_get_task_id (job), status);
}

static GPtrArray *
shown_tasks (CbRunView *self)
{
  if (!CB_IS_JOB_RUN (self->execution))
    return NULL;
  return cb_job_run_get_tasks (CB_JOB_RUN (self->execution));
}

static void
fill_tasks (CbRunView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  GPtrArray *tasks = shown_tasks (self);

  if (tasks != NULL)
    {
      g_strv_builder_add (builder, _("All Tasks"));
      for (guint i = 0; i < tasks->len; i++)
        {
          g_autofree char *text = task_text (g_ptr_array_index (tasks, i));

          g_strv_builder_add (builder, text);
          g_signal_connect_swapped (g_ptr_array_index (tasks, i), "changed",
                                    G_CALLBACK (on_job_changed), self);
        }
    }
  items = g_strv_builder_end (builder);

  self->updating_tasks = TRUE;
  gtk_string_list_splice (self->task_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->task_names)),
                          (const char * const *)items);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->task_dropdown), 0);
  self->updating_tasks = FALSE;
  gtk_widget_set_visible (self->task_dropdown, tasks != NULL);
}

/* Each task's state, as the tracker learns it; the task picked stays */
static void
update_tasks (CbRunView *self)
{
  GPtrArray *tasks = shown_tasks (self);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->task_dropdown));

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      g_autofree char *text = task_text (g_ptr_array_index (tasks, i));
      const char *items[] = { text, NULL };

      if (i + 1 >= g_list_model_get_n_items (G_LIST_MODEL (self->task_names)) ||
          g_strcmp0 (gtk_string_list_get_string (self->task_names, i + 1), text) == 0)
        continue;
      self->updating_tasks = TRUE;
      gtk_string_list_splice (self->task_names, i + 1, 1, items);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->task_dropdown), selected);
      self->updating_tasks = FALSE;
    }
}

static void
on_task_selected (CbRunView *self)
{
  GPtrArray *tasks = shown_tasks (self);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->task_dropdown));

  if (self->updating_tasks || tasks == NULL)
    return;
  follow_output (self, selected > 0 && selected <= tasks->len
                         ? g_ptr_array_index (tasks, selected - 1) : self->execution);
  update_problems (self);
}

/* Problem lines */

static GtkWidget *
problem_row (const ProblemLine *problem)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, problem->line + 1);
  GtkWidget *line = gtk_label_new (number);
  GtkWidget *text = gtk_label_new (problem->text);
  g_autofree char *name = NULL;

  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_add_css_class (line, "numeric");
  gtk_label_set_xalign (GTK_LABEL (line), 1);
  gtk_label_set_width_chars (GTK_LABEL (line), 5);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
  gtk_label_set_width_chars (GTK_LABEL (text), 20);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (text, "monospace");
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a problem line of the output, for screen readers: the
   * line number, then the line */
  name = g_strdup_printf (_("Line %s: %s"), number, problem->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), "cb-line", g_memdup2 (&problem->line,
                                                                sizeof problem->line),
                          g_free);

  return row;
}

/* Built when opened: the list is read then, not kept up with every line */
static void
fill_problems (CbRunView *self)
{
  guint total = self->shown ? cb_execution_get_n_problems (self->shown) : self->problems->len;
  guint first = self->problems->len > MAX_LISTED_PROBLEMS
                ? self->problems->len - MAX_LISTED_PROBLEMS
                : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->problems_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->problems_list), child);

  for (guint i = first; i < self->problems->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->problems_list),
                         problem_row (&g_array_index (self->problems, ProblemLine, i)));

  if (total > self->problems->len - first)
    {
      guint listed = self->problems->len - first;
      g_autofree char *note = NULL;

      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The last %u is listed; the others are in the log file.",
                                           "The last %u are listed; the others are in the log "
                                           "file.", listed),
                              listed);
      gtk_label_set_text (GTK_LABEL (self->problems_note), note);
    }
  gtk_widget_set_visible (self->problems_note, total > self->problems->len - first);
}

static void
on_problems_clicked (CbRunView *self)
{
  fill_problems (self);
  gtk_popover_popup (GTK_POPOVER (self->problems_popover));
}

static void
on_problem_activated (CbRunView     *self,
                      GtkListBoxRow *row)
{
  const guint64 *line = g_object_get_data (G_OBJECT (row), "cb-line");

  gtk_popover_popdown (GTK_POPOVER (self->problems_popover));
  if (line != NULL)
    cb_run_view_jump_to_line (self, *line);
}

/* Enlarging */

static void
on_expand_toggled (CbRunView *self)
{
  gboolean expanded = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->expand_button));
  const char *tip = expanded ? _("Restore the Layout") : _("Enlarge the Output");

  if (expanded == self->expanded)
    return;

  self->expanded = expanded;
  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button),
                            expanded ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (self->expand_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* The curves: a tab while the page's runs have metrics */
static void
update_curves_tab (CbRunView *self)
{
  gboolean enabled = cb_run_charts_get_enabled (CB_RUN_CHARTS (self->charts));

  gtk_widget_set_visible (self->output_switcher, enabled);
  gtk_widget_set_visible (self->output_heading, !enabled);
  if (!enabled)
    gtk_stack_set_visible_child_name (GTK_STACK (self->output_stack), "output");
}

/* The run's log */

static void
on_open_log_clicked (CbRunView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *viewer;
  g_autofree char *title = NULL;

  if (self->shown == NULL || cb_execution_get_log_path (self->shown) == NULL)
    return;

  /* Translators: the title of the window of a run's log; %s is the page */
  title = g_strdup_printf (_("Log of %s"), cb_session_get_schema_label (self->session,
                                                                        self->index));
  viewer = cb_log_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              cb_execution_get_log_path (self->shown), title);
  gtk_window_present (GTK_WINDOW (viewer));
}

/* A form with errors */

static void
forget_refused_form (CbRunView *self)
{
  if (self->refused_form != NULL)
    g_signal_handlers_disconnect_by_data (self->refused_form, self);
  g_clear_object (&self->refused_form);
}

/* The errors that kept the form from running are fixed: the status says
 * what it said before */
static void
on_refused_form_changed (CbRunView *self)
{
  if (cb_form_has_errors (self->refused_form))
    return;
  forget_refused_form (self);
  if (self->execution != NULL)
    update_status (self);
  else
    set_status (self, is_slurm_target (self) ? _("Not submitted yet") : _("Not run yet"));
}

/* The status says the form has errors until they are fixed */
static void
watch_refused_form (CbRunView *self)
{
  forget_refused_form (self);
  self->refused_form = g_object_ref (cb_session_get_form (self->session, self->index));
  g_signal_connect_object (self->refused_form, "changed", G_CALLBACK (on_refused_form_changed),
                           self, G_CONNECT_SWAPPED);
}

/* Submitting */

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CbRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) job = cb_session_submit_finish (CB_SESSION (source), result, &error);

  self->submitting = FALSE;
  /* Gone from its window meanwhile: the job is followed and recorded all
   * the same, by the session */
  if (self->session == NULL)
    return;
  /* The job shows from CbSession::job-submitted */
  if (job == NULL)
    set_status (self, error->message);
  update_buttons (self);
}

/* Submits the page to Slurm: once sbatch has taken the script, the job
 * shows (on_job_submitted()) */
static gboolean
submit (CbRunView *self)
{
  g_autofree char *problem = NULL;

  if (self->submitting)
    return FALSE;
  forget_refused_form (self);
  if (self->check_func != NULL && (problem = self->check_func (self->check_data)) != NULL)
    {
      set_status (self, problem);
      if (cb_form_has_errors (cb_session_get_form (self->session, self->index)))
        watch_refused_form (self);
      return FALSE;
    }

  self->submitting = TRUE;
  set_status (self, _("Submitting the job…"));
  update_buttons (self);
  cb_session_submit_async (self->session, self->index, NULL, on_submitted, g_object_ref (self));
  return TRUE;
}

static void
on_job_submitted (CbRunView *self,
                  guint      index,
                  CbJobRun  *job)
{
  if (index == self->index)
    show_execution (self, CB_EXECUTION (job));
}

static void
note_log_fell_back (CbRunView *self,
                    CbRun     *run)
{
  g_autofree char *note = NULL;
  GtkTextIter end;

  if (!cb_run_get_log_fell_back (run))
    return;

  note = g_strdup_printf (_("The outputs folder cannot be written; the log goes to %s"),
                          cb_run_get_log_path (run));
  gtk_text_buffer_get_end_iter (self->log, &end);
  gtk_text_buffer_insert_with_tags (self->log, &end, note, -1, self->text_tag,
                                    self->problem_tag, NULL);
  gtk_text_buffer_insert (self->log, &end, "\n", 1);
  self->n_view_lines++;
}

/**
 * cb_run_view_run:
 *
 * Runs the page's command: the form's argv, or the edited command split
 * as a shell would, never run through one. A command that cannot be split,
 * or a form with errors, does not run, and the status says why.
 *
 * When the page runs on Slurm, submits its batch script instead: the job
 * shows once sbatch has taken it, or the status says why it was not.
 *
 * Returns: whether the command started, or the job is being submitted
 */
gboolean
cb_run_view_run (CbRunView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  CbRun *run;

  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);

  if (is_slurm_target (self))
    return submit (self);
  if (CB_IS_RUN (self->execution) && cb_execution_is_running (self->execution))
    return FALSE;

  if (self->command_func != NULL)
    edited = self->command_func (self->command_data);
  run = cb_session_start_run (self->session, self->index, edited, &error);
  forget_refused_form (self);
  if (run == NULL)
    {
      set_status (self, error->message);
      if (g_error_matches (error, CB_ERROR, CB_ERROR_VALIDATION))
        watch_refused_form (self);
      return FALSE;
    }

  show_execution (self, CB_EXECUTION (run));
  note_log_fell_back (self, run);

  return cb_run_is_running (run);
}

/* Stopping */

static void
on_cancel_response (GtkDialog *dialog,
                    int        response,
                    CbRunView *self)
{
  g_autoptr(CbJobRun) job = g_object_ref (g_object_get_data (G_OBJECT (dialog), "cb-job"));

  /* Gone as it answers: a destroyed window may live on a while, and is
   * not destroyed again with the view */
  if (self->cancel_dialog == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->cancel_dialog);
      self->cancel_dialog = NULL;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || !cb_execution_is_running (CB_EXECUTION (job)))
    return;

  /* What scancel says against it is a line of the job's output */
  cb_execution_stop (CB_EXECUTION (job));
  if (CB_EXECUTION (job) == self->execution)
    set_status (self, _("Cancelling the job…"));
}

/* A job is not cancelled by a slip of a key: it may have waited hours in
 * the queue, and cannot be resumed as it was */
static void
ask_cancel (CbRunView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CbJobRun *job = CB_JOB_RUN (self->execution);
  gboolean array = cb_job_run_is_array (job);
  GtkWidget *dialog;

  if (self->cancel_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->cancel_dialog));
      return;
    }

  /* Translators: %s is a Slurm job's id */
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   array ? _("Cancel Job Array %s?") : _("Cancel Job %s?"),
                                   cb_job_run_get_id (job));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            array ? _("Its tasks that have not finished end on "
                                                      "the cluster. Their logs and the "
                                                      "checkpoints they wrote stay.")
                                                  : _("It ends on the cluster. Its log and the "
                                                      "checkpoints it wrote stay."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep the Job"), GTK_RESPONSE_CANCEL,
                          _("_Cancel Job"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "cb-job", g_object_ref (job), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  self->cancel_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->cancel_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cb_run_view_stop:
 *
 * Stops the running command and everything it started. A Slurm job is
 * cancelled (scancel) once the user says so, in a dialog.
 */
void
cb_run_view_stop (CbRunView *self)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  if (self->execution == NULL || !cb_execution_is_running (self->execution))
    return;

  if (CB_IS_JOB_RUN (self->execution))
    {
      ask_cancel (self);
      return;
    }
  cb_execution_stop (self->execution);
  set_status (self, _("Stopping…"));
}

/* Where the command runs */

static void
update_target (CbRunView *self)
{
  gboolean slurm = is_slurm_target (self);

  self->updating_target = TRUE;
  gtk_widget_set_visible (self->target_box, self->slurm != NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->target_slurm), slurm);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->target_local), !slurm);
  self->updating_target = FALSE;

  set_button_label (self->run_button, slurm ? _("_Submit") : _("_Run"));
  gtk_widget_set_tooltip_text (self->run_button,
                               slurm ? _("Submit the batch script to Slurm (Ctrl+Return)")
                                     : _("Run the command (Ctrl+Return)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  slurm ? _("Submits the batch script to Slurm (Ctrl+Return)")
                                        : _("Runs the command (Ctrl+Return)"),
                                  -1);
  gtk_label_set_text (GTK_LABEL (self->empty_label),
                      slurm ? _("The job’s output shows here once it runs.")
                            : _("The command’s output shows here when it runs."));
  if (self->execution == NULL && !self->submitting && slurm != self->shown_slurm)
    set_status (self, slurm ? _("Not submitted yet") : _("Not run yet"));
  self->shown_slurm = slurm;
  update_buttons (self);
}

static void
on_target_toggled (CbRunView       *self,
                   GtkToggleButton *toggle)
{
  /* The one that turns on says where */
  if (self->updating_target || self->slurm == NULL || !gtk_toggle_button_get_active (toggle))
    return;

  cb_slurm_form_set_target (self->slurm, GTK_WIDGET (toggle) == self->target_slurm
                                           ? CB_RUN_TARGET_SLURM : CB_RUN_TARGET_LOCAL);
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  cb_run_view_stop (CB_RUN_VIEW (widget));
}

/* The log's colours come from the style (style.css, and style-dark.css in
 * the dark style): text tags have no CSS of their own
 */
static void
update_tag_colors (CbRunView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  if (gtk_style_context_lookup_color (context, "cb_stderr_color", &color))
    g_object_set (self->stderr_tag, "foreground-rgba", &color, NULL);
  if (gtk_style_context_lookup_color (context, "cb_problem_bg_color", &color))
    g_object_set (self->problem_tag, "background-rgba", &color, NULL);
}

static void
cb_run_view_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cb_run_view_parent_class)->css_changed (widget, change);

  update_tag_colors (CB_RUN_VIEW (widget));
}

static void
cb_run_view_dispose (GObject *object)
{
  CbRunView *self = CB_RUN_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  forget_refused_form (self);
  disconnect_execution (self);
  g_clear_object (&self->execution);
  g_clear_object (&self->shown);
  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_clear_object (&self->slurm);
  if (self->cancel_dialog != NULL)
    {
      GtkWidget *dialog = self->cancel_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->cancel_dialog);
      self->cancel_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->problems_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_RUN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_run_view_parent_class)->dispose (object);
}

static void
cb_run_view_finalize (GObject *object)
{
  CbRunView *self = CB_RUN_VIEW (object);

  g_array_unref (self->problems);

  G_OBJECT_CLASS (cb_run_view_parent_class)->finalize (object);
}

static void
cb_run_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CbRunView *self = CB_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CbRunView *self = CB_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      cb_run_view_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_view_class_init (CbRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_run_view_dispose;
  object_class->finalize = cb_run_view_finalize;
  object_class->get_property = cb_run_view_get_property;
  object_class->set_property = cb_run_view_set_property;
  widget_class->css_changed = cb_run_view_css_changed;

  /**
   * CbRunView:running:
   *
   * Whether the view's run is running.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbRunView:expanded:
   *
   * Whether the user enlarged the output: the page gives it all its room.
   */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbRunView:following:
   *
   * Whether the output keeps its end in view as lines arrive: until the
   * user scrolls up, and again once back at the end.
   */
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Escape stops the run, from anywhere in the view (its output, say) */
  gtk_widget_class_install_action (widget_class, "run-view.stop", NULL, stop_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "run-view.stop", NULL);

  g_type_ensure (CB_TYPE_RUN_CHARTS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRunView, target_box);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, target_local);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, target_slurm);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, run_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, status);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, progress);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, dropped_box);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, dropped);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, task_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, task_names);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_popover);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_list);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problems_note);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, expand_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, jump_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, log_view);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, log);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, text_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, stderr_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, problem_tag);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, output_heading);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, output_switcher);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, output_stack);
  gtk_widget_class_bind_template_child (widget_class, CbRunView, charts);
  gtk_widget_class_bind_template_callback (widget_class, on_jump_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_expand_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_open_log_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_target_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_task_selected);
}

static void
cb_run_view_init (CbRunView *self)
{
  GtkAdjustment *adj;

  self->following = TRUE;
  self->problems = g_array_new (FALSE, FALSE, sizeof (ProblemLine));
  g_array_set_clear_func (self->problems, (GDestroyNotify)problem_line_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (self->problems_popover, self->problems_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run-view.stop", FALSE);

  adj = get_vadjustment (self);
  g_signal_connect_object (adj, "changed", G_CALLBACK (on_adjustment_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_value_changed), self,
                           G_CONNECT_SWAPPED);
  watch_user_scrolling (self);
}

/**
 * cb_run_view_new:
 * @session: the session that runs the command
 * @index: the schema file of @session whose command it is
 *
 * Shows the run or job the session has for it already, if any: the page
 * was built again after a reload, or a job of the history is followed
 * again. A job submitted for the page (from the history, say) shows as
 * it is submitted.
 */
GtkWidget *
cb_run_view_new (CbSession *session,
                 guint      index)
{
  CbRunView *self;
  CbExecution *execution;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);

  self = g_object_new (CB_TYPE_RUN_VIEW, NULL);
  self->session = g_object_ref (session);
  self->index = index;
  cb_run_charts_set_page (CB_RUN_CHARTS (self->charts), session,
                          cb_session_get_schema_id (session, index));
  g_signal_connect_object (self->charts, "notify::enabled", G_CALLBACK (update_curves_tab), self,
                           G_CONNECT_SWAPPED);
  update_curves_tab (self);
  if ((execution = cb_session_get_execution (session, index)) != NULL)
    show_execution (self, execution);
  g_signal_connect_object (session, "job-submitted", G_CALLBACK (on_job_submitted), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * cb_run_view_set_command_func:
 * @func: (scope notified): returns the command the user edited, or %NULL
 *   to run the form's
 */
void
cb_run_view_set_command_func (CbRunView            *self,
                              CbRunViewCommandFunc  func,
                              gpointer              user_data)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  self->command_func = func;
  self->command_data = user_data;
}

/**
 * cb_run_view_set_check_func:
 * @func: (scope notified): returns why the page cannot be submitted as
 *   the user typed it (a resource that is no value of its kind), or %NULL
 */
void
cb_run_view_set_check_func (CbRunView          *self,
                            CbRunViewCheckFunc  func,
                            gpointer            user_data)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  self->check_func = func;
  self->check_data = user_data;
}

/**
 * cb_run_view_set_slurm_form:
 * @slurm: (nullable): the page's Slurm side, when the project has a
 *   `slurm:` section: the view then says where the command runs, and
 *   submits it there
 */
void
cb_run_view_set_slurm_form (CbRunView   *self,
                            CbSlurmForm *slurm)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));
  g_return_if_fail (slurm == NULL || CB_IS_SLURM_FORM (slurm));

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_set_object (&self->slurm, slurm);
  if (slurm != NULL)
    g_signal_connect_swapped (slurm, "changed", G_CALLBACK (update_target), self);
  update_target (self);
}

/**
 * cb_run_view_get_run:
 *
 * Returns: (transfer none) (nullable): the current or last run, when it
 *   ran on this computer
 */
CbRun *
cb_run_view_get_run (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return CB_IS_RUN (self->execution) ? CB_RUN (self->execution) : NULL;
}

/**
 * cb_run_view_get_execution:
 *
 * Returns: (transfer none) (nullable): the current or last run or job
 */
CbExecution *
cb_run_view_get_execution (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->execution;
}

/**
 * cb_run_view_get_shown:
 *
 * Returns: (transfer none) (nullable): whose output shows: the run or
 *   job, or the task of its array picked
 */
CbExecution *
cb_run_view_get_shown (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->shown;
}

/**
 * cb_run_view_get_running:
 *
 * Returns: whether the view's run is running (#CbRunView:running)
 */
gboolean
cb_run_view_get_running (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);
  return self->running;
}

const char *
cb_run_view_get_status (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->status));
}

/**
 * cb_run_view_get_log:
 *
 * Returns: (transfer none): the buffer of the output view
 */
GtkTextBuffer *
cb_run_view_get_log (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->log;
}

/**
 * cb_run_view_get_log_view:
 *
 * Returns: (transfer none): the text view of the output
 */
GtkTextView *
cb_run_view_get_log_view (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);
  return self->log_view;
}

/**
 * cb_run_view_get_following:
 *
 * Returns: whether the output keeps its end in view (#CbRunView:following)
 */
gboolean
cb_run_view_get_following (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);
  return self->following;
}

/**
 * cb_run_view_jump_to_end:
 *
 * Brings the end of the output into view, and follows it again.
 */
void
cb_run_view_jump_to_end (CbRunView *self)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  set_following (self, TRUE);
  scroll_to_end (self);
}

/**
 * cb_run_view_jump_to_line:
 * @line: a line of the output, from 0 at the start of the run
 *
 * Shows @line, selected, and stops following the end so that it stays in
 * view. A line the view no longer keeps is not shown.
 *
 * Returns: whether the line is shown
 */
gboolean
cb_run_view_jump_to_line (CbRunView *self,
                          guint64    line)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);

  if (line < self->n_view_dropped || line - self->n_view_dropped >= self->n_view_lines)
    return FALSE;

  gtk_text_buffer_get_iter_at_line (self->log, &start, (int)(line - self->n_view_dropped));
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  set_following (self, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->output_stack), "output");
  gtk_text_buffer_select_range (self->log, &end, &start);

  /* At once, a third down the view; then, once the lines around it are
   * laid out, wherever it is needed to be in view. A scroll that is only
   * animated can be lost to the next change of the view */
  {
    GtkAdjustment *adj = get_vadjustment (self);
    int y, height;

    gtk_text_view_get_line_yrange (self->log_view, &start, &y, &height);
    gtk_adjustment_set_value (adj, y - (gtk_adjustment_get_page_size (adj) - height) * 0.3);
  }
  gtk_text_view_scroll_to_mark (self->log_view, gtk_text_buffer_get_insert (self->log), 0.05, FALSE,
                                0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->log_view));

  return TRUE;
}

/**
 * cb_run_view_get_problem_lines:
 *
 * Returns: (transfer container) (element-type guint64): the lines of the
 *   output, from 0 at the start of the run, that speak of a problem and
 *   that the view keeps
 */
GArray *
cb_run_view_get_problem_lines (CbRunView *self)
{
  GArray *lines;

  g_return_val_if_fail (CB_IS_RUN_VIEW (self), NULL);

  lines = g_array_sized_new (FALSE, FALSE, sizeof (guint64), self->problems->len);
  for (guint i = 0; i < self->problems->len; i++)
    g_array_append_val (lines, g_array_index (self->problems, ProblemLine, i).line);

  return lines;
}

/**
 * cb_run_view_get_expanded:
 *
 * Returns: whether the user enlarged the output (#CbRunView:expanded)
 */
gboolean
cb_run_view_get_expanded (CbRunView *self)
{
  g_return_val_if_fail (CB_IS_RUN_VIEW (self), FALSE);
  return self->expanded;
}

void
cb_run_view_set_expanded (CbRunView *self,
                          gboolean   expanded)
{
  g_return_if_fail (CB_IS_RUN_VIEW (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->expand_button), expanded);
}
