/* cb-curves-window.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-curves-window.h"

/**
 * CbCurvesWindow:
 *
 * The curves of a past run, in a window of their own beside the main one:
 * its metrics read from its log (#CbRunCharts), every chart savable as an
 * image and the values as CSV. Closing the window lets go of a log still
 * being read.
 */
struct _CbCurvesWindow
{
  GtkWindow        parent_instance;

  CbHistoryRecord *record;

  GtkWidget       *title_label;
  GtkWidget       *subtitle_label;
  GtkWidget       *charts;
};

G_DEFINE_FINAL_TYPE (CbCurvesWindow, cb_curves_window, GTK_TYPE_WINDOW)

static void
cb_curves_window_dispose (GObject *object)
{
  CbCurvesWindow *self = CB_CURVES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_CURVES_WINDOW);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (cb_curves_window_parent_class)->dispose (object);
}

static void
cb_curves_window_class_init (CbCurvesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_curves_window_dispose;

  g_type_ensure (CB_TYPE_RUN_CHARTS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-curves-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCurvesWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbCurvesWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CbCurvesWindow, charts);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
cb_curves_window_init (CbCurvesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* As in the main window: a mnemonic button named by its label alone */
  cb_accessible_name_controls (GTK_WIDGET (self));
}

/**
 * cb_curves_window_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session whose history has the run
 * @record: the run
 * @heading: (nullable): how the history names the run: its page and time
 *
 * Returns: (transfer none): a window with the run's curves, to present
 */
GtkWidget *
cb_curves_window_new (GtkWindow       *parent,
                      CbSession       *session,
                      CbHistoryRecord *record,
                      const char      *heading)
{
  CbCurvesWindow *self;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  self = g_object_new (CB_TYPE_CURVES_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->record = g_object_ref (record);

  /* Translators: the title of the window of a run's curves; %s is the
   * run, as the history names it: its page and time */
  title = g_strdup_printf (_("Curves of %s"),
                           heading ? heading : cb_history_record_get_schema_id (record));
  summary = cb_history_record_get_summary (record);
  /* Translators: under the title of a run's curves: how the run ended,
   * then its id */
  subtitle = g_strdup_printf (_("%s · run %s"), summary, cb_history_record_get_id (record));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);

  cb_run_charts_set_records (CB_RUN_CHARTS (self->charts), session, record, NULL, NULL, NULL);
  return GTK_WIDGET (self);
}

/**
 * cb_curves_window_get_record:
 *
 * Returns: (transfer none): the run whose curves the window shows
 */
CbHistoryRecord *
cb_curves_window_get_record (CbCurvesWindow *self)
{
  g_return_val_if_fail (CB_IS_CURVES_WINDOW (self), NULL);
  return self->record;
}

/**
 * cb_curves_window_get_charts:
 *
 * Returns: (transfer none): the charts
 */
CbRunCharts *
cb_curves_window_get_charts (CbCurvesWindow *self)
{
  g_return_val_if_fail (CB_IS_CURVES_WINDOW (self), NULL);
  return CB_RUN_CHARTS (self->charts);
}
