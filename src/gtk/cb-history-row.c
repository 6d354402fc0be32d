/* cb-history-row.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-history-row.h"

/**
 * CbHistoryRow:
 *
 * One run of the history: page, time, result and command, with Open Log
 * (#CbHistoryRow::open-log) and Use These Values (#CbHistoryRow::use-values).
 */
struct _CbHistoryRow
{
  GtkWidget        parent_instance;

  CbHistoryRecord *record;

  GtkWidget       *title_label;
  GtkWidget       *summary_label;
  GtkWidget       *command_label;
  GtkWidget       *log_button;
  GtkWidget       *use_button;
};

G_DEFINE_FINAL_TYPE (CbHistoryRow, cb_history_row, GTK_TYPE_WIDGET)

enum {
  OPEN_LOG,
  USE_VALUES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_open_log (CbHistoryRow *self)
{
  if (self->record != NULL)
    g_signal_emit (self, signals[OPEN_LOG], 0, self->record);
}

static void
on_use_values (CbHistoryRow *self)
{
  if (self->record != NULL)
    g_signal_emit (self, signals[USE_VALUES], 0, self->record);
}

static void
cb_history_row_dispose (GObject *object)
{
  CbHistoryRow *self = CB_HISTORY_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_HISTORY_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (cb_history_row_parent_class)->dispose (object);
}

static void
cb_history_row_class_init (CbHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_history_row_dispose;

  /**
   * CbHistoryRow::open-log:
   * @record: the run whose log to open
   *
   * The history decides whether the log may be opened: see
   * cb_history_resolve_log().
   */
  signals[OPEN_LOG] =
    g_signal_new ("open-log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  /**
   * CbHistoryRow::use-values:
   * @record: the run whose values to load into its form
   */
  signals[USE_VALUES] =
    g_signal_new ("use-values", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, command_label);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, log_button);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, use_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_log);
  gtk_widget_class_bind_template_callback (widget_class, on_use_values);
}

static void
cb_history_row_init (CbHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cb_history_row_new (void)
{
  return g_object_new (CB_TYPE_HISTORY_ROW, NULL);
}

/**
 * cb_history_row_get_record:
 *
 * Returns: (transfer none) (nullable): the run shown
 */
CbHistoryRecord *
cb_history_row_get_record (CbHistoryRow *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_ROW (self), NULL);

  return self->record;
}

void
cb_history_row_set_record (CbHistoryRow    *self,
                           CbHistoryRecord *record)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autofree char *when = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *line = NULL;

  g_return_if_fail (CB_IS_HISTORY_ROW (self));
  g_return_if_fail (CB_IS_HISTORY_RECORD (record));

  g_set_object (&self->record, record);
  start = g_date_time_new_from_unix_local (cb_history_record_get_start_time (record) / G_USEC_PER_SEC);
  when = g_date_time_format (start, "%x %X");
  heading = g_strdup_printf ("%s · %s", cb_history_record_get_schema_id (record), when);
  summary = cb_history_record_get_summary (record);
  line = g_strjoinv (" ", (char **)cb_history_record_get_argv (record));
  values = cb_history_record_get_values (record);

  gtk_label_set_text (GTK_LABEL (self->title_label), heading);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_label_set_text (GTK_LABEL (self->command_label), line);
  gtk_widget_set_tooltip_text (self->command_label, line);
  gtk_widget_set_sensitive (self->log_button, cb_history_record_get_log_path (record) != NULL);
  gtk_widget_set_sensitive (self->use_button, values != NULL);
}
