/* cb-history-row.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-history-row.h"
#include "cb-slurm-job.h"

/**
 * CbHistoryRow:
 *
 * One run of the history: page, time, result and command, with Open Log
 * (#CbHistoryRow::open-log), Curves (#CbHistoryRow::show-curves), Compare
 * (#CbHistoryRow::compare) and Use These Values (#CbHistoryRow::use-values).
 * A Slurm job that ended without completing (out of time, preempted,
 * failed or cancelled) offers Resubmit (#CbHistoryRow::resubmit), from its
 * latest checkpoint.
 * The page is named by its label, as the page switcher names it, and the
 * time as the user's language writes it (see cb_history_row_format_time()).
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
  GtkWidget       *resubmit_button;
  GtkWidget       *curves_button;
};

G_DEFINE_FINAL_TYPE (CbHistoryRow, cb_history_row, GTK_TYPE_WIDGET)

enum {
  OPEN_LOG,
  USE_VALUES,
  RESUBMIT,
  SHOW_CURVES,
  COMPARE,
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
on_resubmit (CbHistoryRow *self)
{
  if (self->record != NULL)
    g_signal_emit (self, signals[RESUBMIT], 0, self->record);
}

static void
on_show_curves (CbHistoryRow *self)
{
  if (self->record != NULL)
    g_signal_emit (self, signals[SHOW_CURVES], 0, self->record);
}

static void
on_compare (CbHistoryRow *self)
{
  if (self->record != NULL)
    g_signal_emit (self, signals[COMPARE], 0, self->record);
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

  /**
   * CbHistoryRow::resubmit:
   * @record: the job to submit again from its latest checkpoint
   */
  signals[RESUBMIT] =
    g_signal_new ("resubmit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  /**
   * CbHistoryRow::show-curves:
   * @record: the run whose metrics to chart, read from its log
   */
  signals[SHOW_CURVES] =
    g_signal_new ("show-curves", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  /**
   * CbHistoryRow::compare:
   * @record: the run to compare with another, or with the form
   */
  signals[COMPARE] =
    g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, command_label);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, log_button);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, use_button);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, resubmit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_log);
  gtk_widget_class_bind_template_callback (widget_class, on_use_values);
  gtk_widget_class_bind_template_callback (widget_class, on_resubmit);
  gtk_widget_class_bind_template_child (widget_class, CbHistoryRow, curves_button);
  gtk_widget_class_bind_template_callback (widget_class, on_show_curves);
  gtk_widget_class_bind_template_callback (widget_class, on_compare);
}

static void
cb_history_row_init (CbHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its buttons named by their labels alone: a name set on a mnemonic
   * button, GTK 4.8 reads with the label after it */
  cb_accessible_name_controls (GTK_WIDGET (self));
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

/**
 * cb_history_row_format_time:
 * @when: a time
 * @now: the time it is, to say "today" and "yesterday"
 *
 * Formats the time a run started as the user's language writes it: the
 * formats are translated, so that a Korean user reads 4월 3일, whatever
 * the locale's date format (the C locale's `%x` reads 04/03/26).
 *
 * Returns: (transfer full): the time, such as "Today, 14:03"
 */
char *
cb_history_row_format_time (GDateTime *when,
                            GDateTime *now)
{
  g_autoptr(GDateTime) when_day = NULL;
  g_autoptr(GDateTime) today = NULL;
  GTimeSpan days;
  const char *format;

  g_return_val_if_fail (when != NULL && now != NULL, NULL);

  when_day = g_date_time_new_local (g_date_time_get_year (when), g_date_time_get_month (when),
                                    g_date_time_get_day_of_month (when), 0, 0, 0);
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  days = g_date_time_difference (today, when_day) / G_TIME_SPAN_DAY;

  if (days == 0)
    /* Translators: the time of a run that started today, for
     * g_date_time_format(): see its documentation for the % codes */
    format = _("Today, %H:%M");
  else if (days == 1)
    /* Translators: the time of a run that started yesterday */
    format = _("Yesterday, %H:%M");
  else if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: the date and time of a run earlier this year, such as
     * 3 April, 14:03; write it as your language writes dates */
    format = _("%-d %B, %H:%M");
  else
    /* Translators: the date and time of a run of an earlier year */
    format = _("%-d %B %Y, %H:%M");

  return g_date_time_format (when, format);
}

static char *
record_time (CbHistoryRecord *record)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  start = g_date_time_new_from_unix_local (cb_history_record_get_start_time (record) /
                                           G_USEC_PER_SEC);
  return cb_history_row_format_time (start, now);
}

/**
 * cb_history_row_format_heading:
 * @page_label: (nullable): the label of the run's page, when the project
 *   still has it; the page's id otherwise
 *
 * Returns: (transfer full): how the history names a run: its page and the
 *   time it started, such as "Train · Today, 14:03"
 */
char *
cb_history_row_format_heading (CbHistoryRecord *record,
                               const char      *page_label)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  when = record_time (record);
  return g_strdup_printf ("%s · %s",
                          page_label ? page_label : cb_history_record_get_schema_id (record),
                          when);
}

/**
 * cb_history_row_get_heading:
 *
 * Returns: (nullable): the row's heading: the page's label and the time
 *   the run started
 */
const char *
cb_history_row_get_heading (CbHistoryRow *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->title_label));
}

/**
 * cb_history_row_set_record:
 * @page_label: (nullable): the label of the run's page, when the project
 *   still has it; the page's id otherwise
 */
void
cb_history_row_set_record (CbHistoryRow    *self,
                           CbHistoryRecord *record,
                           const char      *page_label)
{
  g_autoptr(GVariant) values = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *line = NULL;

  g_return_if_fail (CB_IS_HISTORY_ROW (self));
  g_return_if_fail (CB_IS_HISTORY_RECORD (record));

  g_set_object (&self->record, record);
  heading = cb_history_row_format_heading (record, page_label);
  summary = cb_history_record_get_summary (record);
  line = g_strjoinv (" ", (char **)cb_history_record_get_argv (record));
  values = cb_history_record_get_values (record);

  gtk_label_set_text (GTK_LABEL (self->title_label), heading);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_label_set_text (GTK_LABEL (self->command_label), line);
  gtk_widget_set_tooltip_text (self->command_label, line);
  gtk_widget_set_sensitive (self->log_button, cb_history_record_get_log_path (record) != NULL);
  gtk_widget_set_sensitive (self->use_button, values != NULL);
  gtk_widget_set_sensitive (self->curves_button, cb_history_record_get_log_path (record) != NULL);
  gtk_widget_set_visible (self->resubmit_button, cb_history_row_can_resubmit (record));
}

/**
 * cb_history_row_can_resubmit:
 * @record: a run of the history
 *
 * Returns: whether @record is a Slurm job that ended without completing,
 *   as the history last saw it: one a row offers to resubmit
 */
gboolean
cb_history_row_can_resubmit (CbHistoryRecord *record)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(CbSlurmJob) job = NULL;
  CbSlurmJobState state;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), FALSE);

  variant = cb_history_record_get_job (record);
  job = variant ? cb_slurm_job_new_from_variant (variant, NULL) : NULL;
  if (job == NULL)
    return FALSE;
  state = cb_slurm_job_get_state (job);
  return cb_slurm_job_state_is_finished (state) && state != CB_SLURM_JOB_COMPLETED;
}
