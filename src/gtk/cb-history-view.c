/* cb-history-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-curves-window.h"
#include "cb-history-row.h"
#include "cb-history-view.h"
#include "cb-log-viewer.h"
#include "cb-run-compare.h"

/**
 * CbHistoryView:
 *
 * The runs of a project, newest first, a #CbHistoryRow each, or a note
 * that there are none yet. Use These Values of a row is the view's
 * #CbHistoryView::use-values, and Resubmit of a job's row its
 * #CbHistoryView::resubmit; Open Log opens the run's log in a
 * #CbLogViewer, when the log is one of the project's own. Curves charts
 * the run's metrics in a #CbCurvesWindow, and Compare shows what differs
 * from another run, or from the form, in a #CbRunCompare, whose Use These
 * Values is the view's too.
 */
struct _CbHistoryView
{
  GtkWidget  parent_instance;

  CbSession *session;
  CbHistory *history;

  GtkWidget *stack;
  GtkWidget *scroller;
  GtkWidget *list;
};

G_DEFINE_FINAL_TYPE (CbHistoryView, cb_history_view, GTK_TYPE_WIDGET)

/* The list's width, when its window has room, and the room it leaves to
 * the window's edges (the popover's frame and arrow) when it has not */
#define LIST_WIDTH 460
#define WINDOW_ROOM 40
#define MIN_LIST_WIDTH 280

enum {
  USE_VALUES,
  RESUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_use_values (CbHistoryView   *self,
               CbHistoryRecord *record)
{
  g_signal_emit (self, signals[USE_VALUES], 0, record);
}

static void
on_resubmit (CbHistoryView   *self,
             CbHistoryRecord *record)
{
  g_signal_emit (self, signals[RESUBMIT], 0, record);
}

/**
 * cb_history_view_get_page_label:
 * @session: the session of the run's history
 * @record: a run
 *
 * Returns: (nullable): the label of the run's page, as the window names
 *   it; %NULL when the project no longer has the page
 */
const char *
cb_history_view_get_page_label (CbSession       *session,
                                CbHistoryRecord *record)
{
  const char *id;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  id = cb_history_record_get_schema_id (record);
  for (guint i = 0; i < cb_session_get_n_schemas (session); i++)
    if (g_strcmp0 (cb_session_get_schema_id (session, i), id) == 0)
      return cb_session_get_schema_label (session, i);

  return NULL;
}

static const char *
page_label (CbHistoryView   *self,
            CbHistoryRecord *record)
{
  return cb_history_view_get_page_label (self->session, record);
}

static void
on_open_log (CbHistoryView   *self,
             CbHistoryRecord *record,
             CbHistoryRow    *row)
{
  cb_history_view_open_log (self, record, cb_history_row_get_heading (row));
}

/**
 * cb_history_view_open_log:
 * @record: a run of the history
 * @heading: (nullable): how the history names the run: its page and time
 *
 * Opens the log of @record in a #CbLogViewer. Only a log of the project's
 * own is opened (see cb_history_resolve_log()): a history comes with a
 * project folder, and could name any file; for another, a dialog says
 * why it is not opened.
 *
 * Returns: (transfer none) (nullable): the viewer, or %NULL when the log
 *   is not opened
 */
GtkWidget *
cb_history_view_open_log (CbHistoryView   *self,
                          CbHistoryRecord *record,
                          const char      *heading)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  GtkWidget *viewer;

  g_return_val_if_fail (CB_IS_HISTORY_VIEW (self), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  /* The popover goes: the viewer or the dialog comes in its place */
  if (GTK_IS_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER)))
    gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                               GTK_TYPE_POPOVER)));

  path = cb_history_resolve_log (self->history, record, &error);
  if (path == NULL)
    {
      GtkWidget *dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_WARNING, GTK_BUTTONS_CLOSE,
                                                  _("The Log Is Not Opened"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }

  /* Translators: the title of the window of a run's log; %s is the run,
   * as the history names it: its page and time */
  title = g_strdup_printf (_("Log of %s"),
                           heading ? heading : cb_history_record_get_schema_id (record));
  viewer = cb_log_viewer_new (window, path, title);
  gtk_window_present (GTK_WINDOW (viewer));

  return viewer;
}

/* The popover goes: a window comes in its place */
static void
pop_down (CbHistoryView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWindow *
parent_window (CbHistoryView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * cb_history_view_show_curves:
 * @record: a run of the history
 *
 * Opens a window with the curves of the run's metrics, read from its log
 * (the checks of cb_history_resolve_log() apply; the window says why a
 * log is not read).
 *
 * Returns: (transfer none): the #CbCurvesWindow
 */
GtkWidget *
cb_history_view_show_curves (CbHistoryView   *self,
                             CbHistoryRecord *record)
{
  g_autofree char *heading = NULL;
  GtkWidget *window;

  g_return_val_if_fail (CB_IS_HISTORY_VIEW (self), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  pop_down (self);
  heading = cb_history_row_format_heading (record, page_label (self, record));
  window = cb_curves_window_new (parent_window (self), self->session, record, heading);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The run of the same page just before @record, if any */
static CbHistoryRecord *
previous_run (CbHistoryView   *self,
              CbHistoryRecord *record)
{
  GListModel *runs = G_LIST_MODEL (self->history);
  gboolean after = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CbHistoryRecord) other = g_list_model_get_item (runs, i);

      if (other == record)
        after = TRUE;
      else if (after && g_strcmp0 (cb_history_record_get_schema_id (other),
                                   cb_history_record_get_schema_id (record)) == 0)
        return g_steal_pointer (&other);
    }

  return NULL;
}

/**
 * cb_history_view_compare:
 * @record: a run of the history
 * @other: (nullable): the run to compare it with; %NULL for the page's run
 *   before @record, or the form when there is none
 *
 * Opens a window that compares two runs, the older first, or a run and
 * the form as it is now. Use These Values there is the view's
 * #CbHistoryView::use-values.
 *
 * Returns: (transfer none): the #CbRunCompare
 */
GtkWidget *
cb_history_view_compare (CbHistoryView   *self,
                         CbHistoryRecord *record,
                         CbHistoryRecord *other)
{
  g_autoptr(CbHistoryRecord) previous = NULL;
  GtkWidget *window;

  g_return_val_if_fail (CB_IS_HISTORY_VIEW (self), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);
  g_return_val_if_fail (other == NULL || CB_IS_HISTORY_RECORD (other), NULL);

  pop_down (self);
  if (other == NULL)
    previous = previous_run (self, record);
  if (other != NULL)
    window = cb_run_compare_new (parent_window (self), self->session, record, other);
  else if (previous != NULL)
    window = cb_run_compare_new (parent_window (self), self->session, previous, record);
  else
    window = cb_run_compare_new (parent_window (self), self->session, record, NULL);

  g_signal_connect_object (window, "use-values", G_CALLBACK (on_use_values), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_show_curves (CbHistoryView   *self,
                CbHistoryRecord *record)
{
  cb_history_view_show_curves (self, record);
}

static void
on_compare (CbHistoryView   *self,
            CbHistoryRecord *record)
{
  cb_history_view_compare (self, record, NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CbHistoryView            *self)
{
  GtkWidget *row = cb_history_row_new ();

  g_signal_connect_object (row, "use-values", G_CALLBACK (on_use_values), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "open-log", G_CALLBACK (on_open_log), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "resubmit", G_CALLBACK (on_resubmit), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "show-curves", G_CALLBACK (on_show_curves), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "compare", G_CALLBACK (on_compare), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CbHistoryView            *self)
{
  CbHistoryRecord *record = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *cell = gtk_widget_get_parent (row);

  cb_history_row_set_record (CB_HISTORY_ROW (row), record, page_label (self, record));

  /* A screen reader lists the runs as items: GTK 4.8's list items take
   * no name of their own, so their widget is named by the run's heading */
  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    cb_history_row_get_heading (CB_HISTORY_ROW (row)), -1);
}

static void
update_empty (CbHistoryView *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    g_list_model_get_n_items (G_LIST_MODEL (self->history)) ? "list" : "empty");
}

static void
cb_history_view_dispose (GObject *object)
{
  CbHistoryView *self = CB_HISTORY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_HISTORY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->history);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cb_history_view_parent_class)->dispose (object);
}

/* Shown in a popover, which GTK does not narrow to its window: as wide as
 * the list is, up to the window's width */
static void
cb_history_view_map (GtkWidget *widget)
{
  CbHistoryView *self = CB_HISTORY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = LIST_WIDTH;

  if (root != NULL && gtk_widget_get_width (GTK_WIDGET (root)) > 0)
    width = CLAMP (gtk_widget_get_width (GTK_WIDGET (root)) - WINDOW_ROOM, MIN_LIST_WIDTH,
                   LIST_WIDTH);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (self->scroller), width);

  GTK_WIDGET_CLASS (cb_history_view_parent_class)->map (widget);
}

static void
cb_history_view_class_init (CbHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_history_view_dispose;
  widget_class->map = cb_history_view_map;

  /**
   * CbHistoryView::use-values:
   * @record: the run whose values to load into its form
   */
  signals[USE_VALUES] =
    g_signal_new ("use-values", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  /**
   * CbHistoryView::resubmit:
   * @record: the job to submit again from its latest checkpoint
   */
  signals[RESUBMIT] =
    g_signal_new ("resubmit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryView, list);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
}

static void
cb_history_view_init (CbHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cb_history_view_new:
 * @session: a loaded session: its history, and the labels of its pages
 */
GtkWidget *
cb_history_view_new (CbSession *session)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  CbHistoryView *self;
  CbHistory *history;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);
  g_return_val_if_fail (cb_session_get_history (session) != NULL, NULL);

  history = cb_session_get_history (session);
  self = g_object_new (CB_TYPE_HISTORY_VIEW, NULL);
  self->session = g_object_ref (session);
  self->history = g_object_ref (history);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (history)));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list), GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (history, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  update_empty (self);

  return GTK_WIDGET (self);
}
