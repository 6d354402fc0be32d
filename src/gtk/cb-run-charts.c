/* cb-run-charts.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-run-charts-private.h"
#include "cb-session-metrics.h"

/**
 * CbRunCharts:
 *
 * The curves of a run: one small #CbMetricChart per metric that matters
 * (the `show` order of the `metrics` setting; every metric on request),
 * side by side as room allows. The run is a live one of the session
 * (cb_run_charts_set_run()), whose charts grow as it prints; or one or
 * two past runs (cb_run_charts_set_records()), whose metrics are read
 * from their logs on a worker thread, two runs sharing each chart.
 *
 * A chart appears when its metric first has a value, and redraws when its
 * own metric changes, once per batch of lines. Until there is a chart,
 * the view says why: no run yet, no metrics yet, the log being read, or
 * why it could not be. Each chart saves itself as a PNG image; a single
 * run's metrics export as CSV, every value its log has.
 */

G_DEFINE_FINAL_TYPE (CbRunCharts, cb_run_charts, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_LOADING,
  PROP_SHOW_ALL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reconcile (CbRunCharts *self);

static void
card_free (Card *card)
{
  g_free (card->name);
  g_free (card);
}

static void
source_clear (CbRunCharts *self,
              Source      *source)
{
  if (source->set != NULL)
    g_signal_handlers_disconnect_by_data (source->set, self);
  if (source->run != NULL)
    g_signal_handlers_disconnect_by_data (source->run, self);
  g_clear_object (&source->set);
  g_clear_object (&source->run);
  g_clear_object (&source->record);
  g_clear_pointer (&source->label, g_free);
  g_clear_pointer (&source->error, g_free);
}

static void
set_loading (CbRunCharts *self,
             guint        n_loading)
{
  gboolean was = self->n_loading > 0;

  self->n_loading = n_loading;
  if (was != (n_loading > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Drops the sources, their charts, and the logs being read */
static void
clear_sources (CbRunCharts *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, 0);
  for (guint i = 0; i < self->n_sources; i++)
    source_clear (self, &self->sources[i]);
  self->n_sources = 0;
  reconcile (self);
}

/* What the view says without charts */

static void
show_status (CbRunCharts *self,
             const char  *title,
             const char  *text,
             gboolean     busy)
{
  gtk_label_set_text (GTK_LABEL (self->status_title), title);
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  gtk_widget_set_visible (self->status_label, text != NULL);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
}

static const char *
first_error (CbRunCharts *self)
{
  for (guint i = 0; i < self->n_sources; i++)
    if (self->sources[i].error != NULL)
      return self->sources[i].error;
  return NULL;
}

static gboolean
any_running (CbRunCharts *self)
{
  for (guint i = 0; i < self->n_sources; i++)
    if (self->sources[i].run != NULL && cb_run_is_running (self->sources[i].run))
      return TRUE;
  return FALSE;
}

static void
update_status (CbRunCharts *self)
{
  if (self->cards->len > 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "charts");
  else if (!self->enabled)
    show_status (self, _("No Metrics"),
                 _("The runs of this page are not read for metrics: its schema sets "
                   "metrics to false."), FALSE);
  else if (self->n_sources == 0)
    show_status (self, _("No Run Yet"),
                 _("When the command runs, the metrics it prints show here as curves."), FALSE);
  else if (self->n_loading > 0)
    show_status (self, _("Reading the Log…"), NULL, TRUE);
  else if (first_error (self) != NULL)
    show_status (self, _("No Curves"), first_error (self), FALSE);
  else if (any_running (self))
    show_status (self, _("No Metrics Yet"),
                 _("The curves show as soon as the run prints a metric, such as loss=0.43."),
                 FALSE);
  else
    show_status (self, _("No Metrics"),
                 _("The run printed no metric that could be read. A project can give its own "
                   "pattern in its metrics setting."), FALSE);
}

/* The toolbar: every metric on request; a single run's CSV */
static void
update_toolbar (CbRunCharts *self)
{
  gboolean hidden = FALSE;
  gboolean exportable = self->n_sources == 1 && self->session != NULL &&
                        (self->sources[0].record != NULL ||
                         (self->sources[0].run != NULL &&
                          cb_run_get_log_path (self->sources[0].run) != NULL));

  for (guint i = 0; i < self->n_sources && !hidden; i++)
    {
      CbMetricSet *set = self->sources[i].set;
      g_autoptr(GPtrArray) shown = set ? cb_metric_set_get_shown_series (set) : NULL;

      hidden = set != NULL && shown->len < g_list_model_get_n_items (G_LIST_MODEL (set));
    }

  gtk_widget_set_visible (self->show_all_button, hidden || self->show_all);
  gtk_widget_set_visible (self->export_button, exportable);
  gtk_widget_set_visible (self->toolbar, self->cards->len > 0 || exportable);
}

/* Charts */

static Card *
card_new (CbRunCharts *self,
          const char  *name)
{
  Card *card = g_new0 (Card, 1);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-symbolic");
  g_autofree char *tip = NULL;

  card->name = g_strdup (name);
  card->chart = CB_METRIC_CHART (cb_metric_chart_new ());
  gtk_widget_set_name (GTK_WIDGET (card->chart), name);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (card->chart));

  /* Translators: a button on the chart of a metric; %s is its name,
   * such as val_hmean */
  tip = g_strdup_printf (_("Save the %s Chart as an Image"), name);
  gtk_widget_set_name (save, "save-chart-button");
  gtk_widget_set_tooltip_text (save, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_widget_add_css_class (save, "flat");
  gtk_widget_add_css_class (save, "cb-chart-save");
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  gtk_widget_set_valign (save, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (save), "cb-chart", card->chart);
  g_signal_connect_object (save, "clicked", G_CALLBACK (_cb_run_charts_on_save_chart), self,
                           G_CONNECT_SWAPPED);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), save);

  card->child = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (card->child), overlay);
  gtk_widget_set_focusable (card->child, FALSE);
  /* A screen reader lists the cards as cells: each is named by its metric */
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_widget_add_css_class (card->child, "cb-chart-card");

  return card;
}

static int
find_card (CbRunCharts *self,
           const char  *name)
{
  for (guint i = 0; i < self->cards->len; i++)
    if (g_str_equal (((Card *)g_ptr_array_index (self->cards, i))->name, name))
      return (int)i;
  return -1;
}

/* The metrics to chart, each once: the first run's, then the second's
 * that the first does not have */
static GPtrArray *
wanted_names (CbRunCharts *self)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < self->n_sources; i++)
    {
      CbMetricSet *set = self->sources[i].set;
      g_autoptr(GPtrArray) series = NULL;

      if (set == NULL)
        continue;
      if (self->show_all)
        {
          series = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (set)); j++)
            g_ptr_array_add (series, g_list_model_get_item (G_LIST_MODEL (set), j));
        }
      else
        series = cb_metric_set_get_shown_series (set);

      for (guint j = 0; j < series->len; j++)
        {
          const char *name = cb_metric_series_get_name (g_ptr_array_index (series, j));

          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, (gpointer)name);
        }
    }

  return names;
}

/* The chart has the metric of each run that has it, in the runs' order;
 * it is only told again when that changes */
static void
update_card (CbRunCharts *self,
             Card        *card)
{
  CbMetricSeries *wanted[2] = { NULL, NULL };
  const char *labels[2] = { NULL, NULL };
  guint n = 0;
  gboolean same;

  for (guint i = 0; i < self->n_sources; i++)
    {
      CbMetricSeries *series = self->sources[i].set
                               ? cb_metric_set_lookup (self->sources[i].set, card->name)
                               : NULL;

      if (series == NULL)
        continue;
      labels[n] = self->n_sources > 1 ? self->sources[i].label : NULL;
      wanted[n++] = series;
    }

  same = cb_metric_chart_get_n_series (card->chart) == n;
  for (guint i = 0; same && i < n; i++)
    same = cb_metric_chart_get_series (card->chart, i) == wanted[i];
  if (same)
    return;

  cb_metric_chart_remove_all (card->chart);
  cb_metric_chart_set_title (card->chart, card->name);
  for (guint i = 0; i < n; i++)
    cb_metric_chart_add_series (card->chart, wanted[i], labels[i]);
}

/* The charts follow the metrics: one for each wanted, in the wanted
 * order; a chart that stays keeps its widget, moved where it goes */
static void
reconcile (CbRunCharts *self)
{
  g_autoptr(GPtrArray) names = wanted_names (self);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int at = find_card (self, name);
      Card *card;

      if (at < 0)
        {
          card = card_new (self, name);
          gtk_flow_box_insert (GTK_FLOW_BOX (self->flow), card->child, (int)i);
          g_ptr_array_insert (self->cards, (int)i, card);
        }
      else if ((guint)at != i)
        {
          card = g_ptr_array_steal_index (self->cards, at);
          g_object_ref (card->child);
          gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), card->child);
          gtk_flow_box_insert (GTK_FLOW_BOX (self->flow), card->child, (int)i);
          g_object_unref (card->child);
          g_ptr_array_insert (self->cards, (int)i, card);
        }
      else
        card = g_ptr_array_index (self->cards, i);

      update_card (self, card);
    }

  while (self->cards->len > names->len)
    {
      Card *card = g_ptr_array_index (self->cards, self->cards->len - 1);

      gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), card->child);
      g_ptr_array_remove_index (self->cards, self->cards->len - 1);
    }

  update_toolbar (self);
  update_status (self);
}

static void
on_items_changed (CbRunCharts *self)
{
  reconcile (self);
}

static void
watch_set (CbRunCharts *self,
           Source      *source,
           CbMetricSet *set)
{
  g_set_object (&source->set, set);
  if (set != NULL)
    g_signal_connect_object (set, "items-changed", G_CALLBACK (on_items_changed), self,
                             G_CONNECT_SWAPPED);
}


static void
on_show_all_toggled (CbRunCharts *self)
{
  cb_run_charts_set_show_all (self,
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (self->show_all_button)));
}

/* The page's setting */

static void
update_enabled (CbRunCharts *self)
{
  g_autoptr(CbMetricsConfig) config = NULL;
  gboolean enabled;

  if (self->session == NULL)
    return;

  config = cb_session_get_metrics_config (self->session, self->schema_id);
  enabled = cb_metrics_config_get_enabled (config);
  if (enabled != self->enabled)
    {
      self->enabled = enabled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
    }
  update_status (self);
}

/* The object */

static void
cb_run_charts_dispose (GObject *object)
{
  CbRunCharts *self = CB_RUN_CHARTS (object);
  GtkWidget *child;

  /* A log still being read is let go: its task keeps the session alive */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < self->n_sources; i++)
    source_clear (self, &self->sources[i]);
  self->n_sources = 0;
  if (self->cards != NULL)
    g_ptr_array_set_size (self->cards, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_RUN_CHARTS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cb_run_charts_parent_class)->dispose (object);
}

static void
cb_run_charts_finalize (GObject *object)
{
  CbRunCharts *self = CB_RUN_CHARTS (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_free (self->schema_id);

  G_OBJECT_CLASS (cb_run_charts_parent_class)->finalize (object);
}

static void
cb_run_charts_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CbRunCharts *self = CB_RUN_CHARTS (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    case PROP_SHOW_ALL:
      g_value_set_boolean (value, self->show_all);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_charts_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_ALL:
      cb_run_charts_set_show_all (CB_RUN_CHARTS (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_run_charts_class_init (CbRunChartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_run_charts_dispose;
  object_class->finalize = cb_run_charts_finalize;
  object_class->get_property = cb_run_charts_get_property;
  object_class->set_property = cb_run_charts_set_property;

  /**
   * CbRunCharts:enabled:
   *
   * Whether the page's runs are read for metrics: %FALSE when its schema
   * (or the project) sets `metrics: false`.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbRunCharts:loading:
   *
   * Whether a past run's log is being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbRunCharts:show-all:
   *
   * Whether every metric has a chart, not only those the setting shows.
   */
  properties[PROP_SHOW_ALL] =
    g_param_spec_boolean ("show-all", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-run-charts.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, export_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, stack);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, status_title);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, status_label);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, spinner);
  gtk_widget_class_bind_template_child (widget_class, CbRunCharts, flow);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_toggled);
  _cb_run_charts_class_export_init (klass);
  gtk_widget_class_set_css_name (widget_class, "runcharts");
}

static void
cb_run_charts_init (CbRunCharts *self)
{
  self->enabled = TRUE;
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify)card_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_status (self);
}

/**
 * cb_run_charts_new:
 *
 * Returns: (transfer floating): charts of no run yet
 */
GtkWidget *
cb_run_charts_new (void)
{
  return g_object_new (CB_TYPE_RUN_CHARTS, NULL);
}

/**
 * cb_run_charts_set_page:
 * @session: the session whose runs the charts show
 * @schema_id: (nullable): the page's schema, whose `metrics` setting says
 *   whether its runs have metrics (#CbRunCharts:enabled)
 *
 * Says whose runs the charts show. The setting is read again when the
 * project or the schema changes.
 */
void
cb_run_charts_set_page (CbRunCharts *self,
                        CbSession   *session,
                        const char  *schema_id)
{
  g_return_if_fail (CB_IS_RUN_CHARTS (self));
  g_return_if_fail (CB_IS_SESSION (session));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      g_set_object (&self->session, session);
      g_signal_connect_object (session, "schema-changed", G_CALLBACK (update_enabled), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "reloaded", G_CALLBACK (update_enabled), self,
                               G_CONNECT_SWAPPED);
    }
  g_free (self->schema_id);
  self->schema_id = g_strdup (schema_id);
  update_enabled (self);
}

/**
 * cb_run_charts_get_enabled:
 *
 * Returns: whether the page's runs are read for metrics
 *   (#CbRunCharts:enabled)
 */
gboolean
cb_run_charts_get_enabled (CbRunCharts *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), FALSE);
  return self->enabled;
}

static void
on_run_finished (CbRunCharts *self)
{
  update_toolbar (self);
  update_status (self);
}

/**
 * cb_run_charts_set_run:
 * @run: (nullable): a run the page's session started, or %NULL for none
 *
 * Shows the curves of @run as it prints its metrics; they end where its
 * output ends. Needs cb_run_charts_set_page() first.
 */
void
cb_run_charts_set_run (CbRunCharts *self,
                       CbRun       *run)
{
  Source *source;

  g_return_if_fail (CB_IS_RUN_CHARTS (self));
  g_return_if_fail (run == NULL || CB_IS_RUN (run));
  g_return_if_fail (run == NULL || self->session != NULL);

  if (run != NULL && self->n_sources == 1 && self->sources[0].run == run)
    return;

  clear_sources (self);
  if (run == NULL)
    return;

  source = &self->sources[self->n_sources++];
  source->run = g_object_ref (run);
  g_signal_connect_object (run, "finished", G_CALLBACK (on_run_finished), self,
                           G_CONNECT_SWAPPED);
  watch_set (self, source, cb_session_get_run_metrics (self->session, run));
  reconcile (self);
}

typedef struct
{
  CbRunCharts  *self;
  GCancellable *cancellable;
  guint         index;
} Load;

static void
on_record_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Load *load = user_data;
  CbRunCharts *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbMetricSet) set = NULL;

  set = cb_session_load_record_metrics_finish (CB_SESSION (object), result, &error);

  /* Its sources were changed or dropped since: the result is not theirs */
  if (load->cancellable == self->cancellable && !g_cancellable_is_cancelled (load->cancellable))
    {
      Source *source = &self->sources[load->index];

      if (set != NULL)
        watch_set (self, source, set);
      else
        source->error = g_strdup (error->message);
      set_loading (self, self->n_loading - 1);
      reconcile (self);
    }

  g_object_unref (load->cancellable);
  g_object_unref (load->self);
  g_free (load);
}

static void
load_record (CbRunCharts     *self,
             CbHistoryRecord *record,
             const char      *label)
{
  guint index = self->n_sources++;
  Source *source = &self->sources[index];
  Load *load = g_new0 (Load, 1);

  source->record = g_object_ref (record);
  source->label = g_strdup (label);

  load->self = g_object_ref (self);
  load->cancellable = g_object_ref (self->cancellable);
  load->index = index;
  set_loading (self, self->n_loading + 1);
  cb_session_load_record_metrics_async (self->session, record, self->cancellable,
                                        on_record_loaded, load);
}

/**
 * cb_run_charts_set_records:
 * @session: the session whose history has the runs
 * @a: (nullable): a past run, or %NULL for none
 * @label_a: (nullable): its name in the charts' legends, when there are
 *   two runs
 * @b: (nullable): a second run, on the same charts, or %NULL
 * @label_b: (nullable): its name
 *
 * Shows the curves of one or two past runs, read from their logs on a
 * worker thread (#CbRunCharts:loading meanwhile). A log that cannot be
 * read is said in place of the charts when no run has one. Changing the
 * runs, or the view going away, lets go of the logs still being read.
 */
void
cb_run_charts_set_records (CbRunCharts     *self,
                           CbSession       *session,
                           CbHistoryRecord *a,
                           const char      *label_a,
                           CbHistoryRecord *b,
                           const char      *label_b)
{
  g_return_if_fail (CB_IS_RUN_CHARTS (self));
  g_return_if_fail (CB_IS_SESSION (session));
  g_return_if_fail (a == NULL || CB_IS_HISTORY_RECORD (a));
  g_return_if_fail (b == NULL || CB_IS_HISTORY_RECORD (b));

  clear_sources (self);
  cb_run_charts_set_page (self, session, a ? cb_history_record_get_schema_id (a) : NULL);

  self->cancellable = g_cancellable_new ();
  if (a != NULL)
    load_record (self, a, label_a);
  if (b != NULL)
    load_record (self, b, label_b);
  reconcile (self);
}

/**
 * cb_run_charts_get_loading:
 *
 * Returns: whether a past run's log is being read (#CbRunCharts:loading)
 */
gboolean
cb_run_charts_get_loading (CbRunCharts *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), FALSE);
  return self->n_loading > 0;
}

/**
 * cb_run_charts_get_metrics:
 * @index: 0 for the first run, 1 for the second
 *
 * Returns: (transfer none) (nullable): the run's metrics, once read
 */
CbMetricSet *
cb_run_charts_get_metrics (CbRunCharts *self,
                           guint        index)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), NULL);
  return index < self->n_sources ? self->sources[index].set : NULL;
}

/**
 * cb_run_charts_get_error:
 *
 * Returns: (nullable): why a run's metrics could not be read
 */
const char *
cb_run_charts_get_error (CbRunCharts *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), NULL);
  return first_error (self);
}

gboolean
cb_run_charts_get_show_all (CbRunCharts *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), FALSE);
  return self->show_all;
}

/**
 * cb_run_charts_set_show_all:
 * @show_all: %TRUE for a chart of every metric, %FALSE for those the
 *   `metrics` setting shows
 */
void
cb_run_charts_set_show_all (CbRunCharts *self,
                            gboolean     show_all)
{
  g_return_if_fail (CB_IS_RUN_CHARTS (self));

  show_all = !!show_all;
  if (show_all == self->show_all)
    return;

  self->show_all = show_all;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->show_all_button), show_all);
  reconcile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL]);
}

guint
cb_run_charts_get_n_charts (CbRunCharts *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), 0);
  return self->cards->len;
}

/**
 * cb_run_charts_get_chart:
 *
 * Returns: (transfer none): the @index-th chart, in the order shown
 */
CbMetricChart *
cb_run_charts_get_chart (CbRunCharts *self,
                         guint        index)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return ((Card *)g_ptr_array_index (self->cards, index))->chart;
}

/**
 * cb_run_charts_lookup_chart:
 *
 * Returns: (transfer none) (nullable): the chart of the metric @name
 */
CbMetricChart *
cb_run_charts_lookup_chart (CbRunCharts *self,
                            const char  *name)
{
  int at;

  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), NULL);

  at = find_card (self, name);
  return at >= 0 ? ((Card *)g_ptr_array_index (self->cards, at))->chart : NULL;
}

/**
 * cb_run_charts_get_status:
 *
 * Returns: (nullable): what the view says in place of the charts, such
 *   as "No Metrics Yet"; %NULL while it shows charts
 */
const char *
cb_run_charts_get_status (CbRunCharts *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHARTS (self), NULL);

  if (self->cards->len > 0)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->status_title));
}
