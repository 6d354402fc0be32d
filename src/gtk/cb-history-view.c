/* cb-history-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-history-view.h"

/**
 * CbHistoryView:
 *
 * The runs of a project, newest first: page, time, result, and for each,
 * Open Log and Use These Values (#CbHistoryView::use-values).
 */
struct _CbHistoryView
{
  GtkWidget  parent_instance;

  CbHistory *history;
  GtkWidget *stack;
};

G_DEFINE_FINAL_TYPE (CbHistoryView, cb_history_view, GTK_TYPE_WIDGET)

enum {
  USE_VALUES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CbHistoryRecord *
record_of (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (gtk_widget_get_parent (gtk_widget_get_parent (button))), "record");
}

/* Only a log of the project's own is opened: see cb_history_resolve_log() */
static void
on_open_log (GtkButton     *button,
             CbHistoryView *self)
{
  CbHistoryRecord *record = record_of (GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (record == NULL)
    return;

  path = cb_history_resolve_log (self->history, record, &error);
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
on_use_values (GtkButton     *button,
               CbHistoryView *self)
{
  CbHistoryRecord *record = record_of (GTK_WIDGET (button));

  if (record != NULL)
    g_signal_emit (self, signals[USE_VALUES], 0, record);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CbHistoryView            *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *command = gtk_label_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *log = gtk_button_new_with_mnemonic (_("Open _Log"));
  GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use These Values"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (command), 0);
  gtk_label_set_ellipsize (GTK_LABEL (command), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (command), 60);
  gtk_widget_add_css_class (command, "monospace");
  gtk_widget_add_css_class (command, "dim-label");
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  g_signal_connect (log, "clicked", G_CALLBACK (on_open_log), self);
  g_signal_connect (use, "clicked", G_CALLBACK (on_use_values), self);
  gtk_box_append (GTK_BOX (buttons), log);
  gtk_box_append (GTK_BOX (buttons), use);
  gtk_box_append (GTK_BOX (row), title);
  gtk_box_append (GTK_BOX (row), summary);
  gtk_box_append (GTK_BOX (row), command);
  gtk_box_append (GTK_BOX (row), buttons);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CbHistoryView            *self)
{
  CbHistoryRecord *record = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (row);
  GtkWidget *summary = gtk_widget_get_next_sibling (title);
  GtkWidget *command = gtk_widget_get_next_sibling (summary);
  GtkWidget *buttons = gtk_widget_get_next_sibling (command);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (cb_history_record_get_start_time (record) / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (start, "%x %X");
  g_autofree char *heading = g_strdup_printf ("%s · %s", cb_history_record_get_schema_id (record), when);
  g_autofree char *text = cb_history_record_get_summary (record);
  g_autofree char *line = g_strjoinv (" ", (char **)cb_history_record_get_argv (record));
  g_autoptr(GVariant) values = cb_history_record_get_values (record);

  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  gtk_label_set_text (GTK_LABEL (title), heading);
  gtk_label_set_text (GTK_LABEL (summary), text);
  gtk_label_set_text (GTK_LABEL (command), line);
  gtk_widget_set_tooltip_text (command, line);
  gtk_widget_set_sensitive (gtk_widget_get_first_child (buttons), cb_history_record_get_log_path (record) != NULL);
  gtk_widget_set_sensitive (gtk_widget_get_last_child (buttons), values != NULL);
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

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (cb_history_view_parent_class)->dispose (object);
}

static void
cb_history_view_class_init (CbHistoryViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cb_history_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * CbHistoryView::use-values:
   * @record: the run whose values to load into its form
   */
  signals[USE_VALUES] =
    g_signal_new ("use-values", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);
}

static void
cb_history_view_init (CbHistoryView *self)
{
}

GtkWidget *
cb_history_view_new (CbHistory *history)
{
  CbHistoryView *self = g_object_new (CB_TYPE_HISTORY_VIEW, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list;
  GtkWidget *empty = gtk_label_new (_("No runs yet. Run a command and it shows here."));

  self->history = g_object_ref (history);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (history)))),
                            factory);
  gtk_widget_add_css_class (list, "rich-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 24);
  gtk_widget_set_margin_bottom (empty, 24);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  g_signal_connect_object (history, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  update_empty (self);

  return GTK_WIDGET (self);
}
