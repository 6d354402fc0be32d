/* cb-history-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-history-row.h"
#include "cb-history-view.h"

/**
 * CbHistoryView:
 *
 * The runs of a project, newest first, a #CbHistoryRow each, or a note
 * that there are none yet. Use These Values of a row is the view's
 * #CbHistoryView::use-values.
 */
struct _CbHistoryView
{
  GtkWidget  parent_instance;

  CbHistory *history;

  GtkWidget *stack;
  GtkWidget *list;
};

G_DEFINE_FINAL_TYPE (CbHistoryView, cb_history_view, GTK_TYPE_WIDGET)

enum {
  USE_VALUES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_use_values (CbHistoryView   *self,
               CbHistoryRecord *record)
{
  g_signal_emit (self, signals[USE_VALUES], 0, record);
}

/* Only a log of the project's own is opened: see cb_history_resolve_log() */
static void
on_open_log (CbHistoryView   *self,
             CbHistoryRecord *record)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_history_resolve_log (self->history, record, &error);
  g_autofree char *uri = NULL;

  if (path == NULL)
    {
      GtkWidget *dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_WARNING, GTK_BUTTONS_CLOSE,
                                                  _("The Log Is Not Opened"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CbHistoryView            *self)
{
  GtkWidget *row = cb_history_row_new ();

  g_signal_connect_object (row, "use-values", G_CALLBACK (on_use_values), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "open-log", G_CALLBACK (on_open_log), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CbHistoryView            *self)
{
  cb_history_row_set_record (CB_HISTORY_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
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

  G_OBJECT_CLASS (cb_history_view_parent_class)->dispose (object);
}

static void
cb_history_view_class_init (CbHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_history_view_dispose;

  /**
   * CbHistoryView::use-values:
   * @record: the run whose values to load into its form
   */
  signals[USE_VALUES] =
    g_signal_new ("use-values", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryView, list);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
}

static void
cb_history_view_init (CbHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cb_history_view_new (CbHistory *history)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  CbHistoryView *self;

  g_return_val_if_fail (CB_IS_HISTORY (history), NULL);

  self = g_object_new (CB_TYPE_HISTORY_VIEW, NULL);
  self->history = g_object_ref (history);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (history)));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list), GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (history, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  update_empty (self);

  return GTK_WIDGET (self);
}
