/* cb-run-view-output.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-log-viewer.h"
#include "cb-run-view-private.h"

/* The output: its lines as they arrive, the last %CB_RUN_MAX_LINES of
 * them, with a note of how many went; its end followed until the user
 * scrolls up; its problem lines, listed in a popover that jumps to each;
 * and the run's log file, opened in a #CbLogViewer.
 */

/* The most problem lines the popover lists: the last ones */
#define MAX_LISTED_PROBLEMS 500

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
    _cb_run_view_set_following (self, TRUE);
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
    _cb_run_view_set_following (self, FALSE);
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
    _cb_run_view_set_following (self, TRUE);
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

/* Output */

void
_cb_run_view_update_dropped (CbRunView *self)
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
  _cb_run_view_update_dropped (self);
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

  _cb_run_view_update_status (self);
}

static void
on_output (CbExecution *execution,
           GPtrArray   *lines,
           CbRunView   *self)
{
  append_lines (self, lines);
}

static void
clear_log (CbRunView *self)
{
  gtk_text_buffer_set_text (self->log, "", 0);
  self->n_view_lines = 0;
  self->n_view_dropped = 0;
  g_array_set_size (self->problems, 0);
  gtk_widget_set_visible (self->dropped_box, FALSE);
  _cb_run_view_set_following (self, TRUE);
}

/* The output of @shown in the view: the lines it kept, then its new ones
 * as they come. The earlier lines of a long run are in its log file.
 */
void
_cb_run_view_follow_output (CbRunView   *self,
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
  _cb_run_view_update_dropped (self);
  update_empty (self);
}

/* Problem lines */

/* Of the output shown: an array task's own, when one is picked */
void
_cb_run_view_update_problems (CbRunView *self)
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

void
_cb_run_view_note_log_fell_back (CbRunView *self,
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

  _cb_run_view_set_following (self, TRUE);
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

  _cb_run_view_set_following (self, FALSE);
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

void
_cb_run_view_class_output_init (CbRunViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_jump_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_open_log_clicked);
}

void
_cb_run_view_output_init (CbRunView *self)
{
  GtkAdjustment *adj;

  adj = get_vadjustment (self);
  g_signal_connect_object (adj, "changed", G_CALLBACK (on_adjustment_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_value_changed), self,
                           G_CONNECT_SWAPPED);
  watch_user_scrolling (self);
}
