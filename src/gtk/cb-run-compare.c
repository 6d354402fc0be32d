/* cb-run-compare.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-export.h"
#include "cb-field.h"
#include "cb-history-row.h"
#include "cb-history-view.h"
#include "cb-override.h"
#include "cb-run-compare.h"
#include "cb-shell-quote.h"
#include "cb-wrap.h"

/**
 * CbRunCompare:
 *
 * What differs between two runs of the history, or between a run and the
 * form as it is now (the second side then follows the form's changes):
 * the values that differ, side by side (all of them on request), the two
 * commands with the arguments that differ marked, and both runs' metrics
 * on the same charts. Either run's values go back into its form with Use
 * These Values (#CbRunCompare::use-values); the comparison exports as
 * text, as `--diff` prints it.
 *
 * The marks are in bold, not only in colour; the colours are the app's
 * own (`cb_diff_first_*`, `cb_diff_second_*` in style.css and
 * style-dark.css), blue and orange as the two runs' lines in the charts.
 */
struct _CbRunCompare
{
  GtkWindow        parent_instance;

  CbSession       *session;
  CbHistory       *history;
  GPtrArray       *records;   /* the runs the pickers list, newest first */
  CbHistoryRecord *a;
  CbHistoryRecord *b;         /* NULL: the form */
  CbForm          *form;      /* the second side when it is the form */
  CbRunDiff       *diff;
  gboolean         show_all;
  gboolean         picking;   /* the pickers are set by the window, not the user */

  GtkWidget       *a_dropdown;
  GtkWidget       *b_dropdown;
  GtkWidget       *a_summary;
  GtkWidget       *b_summary;
  GtkWidget       *a_use_button;
  GtkWidget       *b_use_button;
  GtkWidget       *values_summary;
  GtkWidget       *show_all_button;
  GtkWidget       *values_grid;
  GtkWidget       *a_command;
  GtkWidget       *b_command;
  GtkWidget       *charts;
};

G_DEFINE_FINAL_TYPE (CbRunCompare, cb_run_compare, GTK_TYPE_WINDOW)

enum {
  USE_VALUES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (CbRunCompare *self);

/* Names */

static char *
run_heading (CbRunCompare    *self,
             CbHistoryRecord *record)
{
  return cb_history_row_format_heading (record,
                                        cb_history_view_get_page_label (self->session, record));
}

/* How the pickers list a run: its page, time and end */
static char *
run_choice (CbRunCompare    *self,
            CbHistoryRecord *record)
{
  g_autofree char *heading = run_heading (self, record);
  g_autofree char *summary = cb_history_record_get_summary (record);

  return g_strdup_printf ("%s · %s", heading, summary);
}

/* How the exported text names a side */
static char *
side_label (CbRunCompare    *self,
            CbHistoryRecord *record)
{
  g_autofree char *heading = NULL;

  if (record == NULL)
    return g_strdup (_("the form"));
  heading = run_heading (self, record);
  return g_strdup_printf ("%s (%s)", cb_history_record_get_id (record), heading);
}

/* The pickers */

static int
position_of (CbRunCompare    *self,
             CbHistoryRecord *record)
{
  for (guint i = 0; record != NULL && i < self->records->len; i++)
    if (g_str_equal (cb_history_record_get_id (g_ptr_array_index (self->records, i)),
                     cb_history_record_get_id (record)))
      return (int)i;
  return -1;
}

static void
select_runs (CbRunCompare *self)
{
  int a = position_of (self, self->a);
  int b = position_of (self, self->b);

  self->picking = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->a_dropdown),
                              a >= 0 ? (guint)a : GTK_INVALID_LIST_POSITION);
  /* The second picker lists the form first */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->b_dropdown),
                              self->b == NULL ? 0 : b >= 0 ? (guint)b + 1
                                                           : GTK_INVALID_LIST_POSITION);
  self->picking = FALSE;
}

/* The pickers list the history's runs as they are now; two that read
 * the same (the same page, minute and end) are told apart by their ids */
static void
fill_pickers (CbRunCompare *self)
{
  g_autoptr(GtkStringList) runs_a = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) runs_b = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *history = G_LIST_MODEL (self->history);

  g_ptr_array_set_size (self->records, 0);
  for (guint i = 0; history != NULL && i < g_list_model_get_n_items (history); i++)
    {
      CbHistoryRecord *record = g_list_model_get_item (history, i);
      char *choice = run_choice (self, record);

      g_ptr_array_add (self->records, record);
      g_ptr_array_add (choices, choice);
      g_hash_table_replace (seen, choice,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, choice)) + 1));
    }

  gtk_string_list_append (runs_b, _("The Form as It Is Now"));
  for (guint i = 0; i < choices->len; i++)
    {
      const char *choice = g_ptr_array_index (choices, i);
      g_autofree char *unique = NULL;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (seen, choice)) > 1)
        choice = unique = g_strdup_printf ("%s · %s", choice,
                                           cb_history_record_get_id (g_ptr_array_index (self->records, i)));
      gtk_string_list_append (runs_a, choice);
      gtk_string_list_append (runs_b, choice);
    }

  self->picking = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->a_dropdown), G_LIST_MODEL (runs_a));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->b_dropdown), G_LIST_MODEL (runs_b));
  self->picking = FALSE;
  select_runs (self);
}

static void
on_picked (CbRunCompare *self)
{
  guint a = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->a_dropdown));
  guint b = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->b_dropdown));

  if (self->picking || a >= self->records->len)
    return;
  cb_run_compare_set_runs (self, g_ptr_array_index (self->records, a),
                           b > 0 && b <= self->records->len
                           ? g_ptr_array_index (self->records, b - 1) : NULL);
}

/* Values */

/* The field's label, from the schema of the first run's page */
static const char *
field_label (CbRunCompare *self,
             const char   *key)
{
  int index = cb_session_find_schema (self->session, cb_history_record_get_schema_id (self->a));
  CbSchema *schema = index >= 0 ? cb_session_get_schema (self->session, index) : NULL;
  CbField *field = schema ? cb_schema_lookup_field (schema, key) : NULL;

  return field != NULL && field->label != NULL ? field->label : NULL;
}

static GtkWidget *
value_label (GVariant   *value,
             const char *mark_class)
{
  g_autofree char *text = value ? cb_override_print_value (value) : g_strdup (_("(default)"));
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  if (value == NULL || mark_class == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  if (mark_class != NULL)
    gtk_widget_add_css_class (label, mark_class);
  return label;
}

static GtkWidget *
key_cell (CbRunCompare      *self,
          const CbValueDiff *diff)
{
  const char *label = field_label (self, diff->key);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (label ? label : diff->key);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  if (diff->kind != CB_DIFF_SAME)
    {
      gtk_widget_add_css_class (title, "cb-diff-key");
      /* Translators: said by a screen reader after a field whose value
       * differs between the two runs compared */
      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Differs"), -1);
    }
  if (label != NULL)
    {
      GtkWidget *key = cb_wrap_label_new ("dim-label");

      gtk_label_set_text (GTK_LABEL (key), diff->key);
      gtk_widget_add_css_class (key, "caption");
      gtk_box_append (GTK_BOX (box), key);
    }
  return box;
}

static void
fill_values (CbRunCompare *self)
{
  GtkWidget *child;
  guint n = cb_run_diff_get_n_values (self->diff);
  guint differing = cb_run_diff_get_n_differing (self->diff);
  g_autofree char *summary = NULL;
  int row = 1;

  /* Row 0 has the column headings */
  while ((child = gtk_grid_get_child_at (GTK_GRID (self->values_grid), 0, 1)) != NULL)
    gtk_grid_remove_row (GTK_GRID (self->values_grid), 1);

  for (guint i = 0; i < n; i++)
    {
      const CbValueDiff *diff = cb_run_diff_get_value (self->diff, i);
      gboolean differs = diff->kind != CB_DIFF_SAME;

      if (!differs && !self->show_all)
        continue;
      gtk_grid_attach (GTK_GRID (self->values_grid), key_cell (self, diff), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->values_grid),
                       value_label (diff->a, differs ? "cb-diff-first" : NULL), 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->values_grid),
                       value_label (diff->b, differs ? "cb-diff-second" : NULL), 2, row, 1, 1);
      row++;
    }

  if (n == 0)
    summary = g_strdup (_("Neither side sets a value of its own: both have the defaults."));
  else if (differing == 0)
    summary = g_strdup (_("Both sides have the same values."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u values differs.",
                                            "%u of %u values differ.", differing),
                               differing, n);
  gtk_label_set_text (GTK_LABEL (self->values_summary), summary);
  gtk_widget_set_visible (self->values_grid, row > 1);
}

/* Commands */

/* The colour behind the arguments that differ on a side: the style's
 * (see the class's doc) */
static PangoAttribute *
mark_background (CbRunCompare *self,
                 gboolean      second)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color = { 0.5f, 0.5f, 0.5f, 0.25f };

  gtk_style_context_lookup_color (context, second ? "cb_diff_second_bg_color"
                                                  : "cb_diff_first_bg_color", &color);
  /* Pango has no alpha in a colour: the tint is mixed with the view's
   * background, as the eye would see it */
  {
    GdkRGBA base = { 1, 1, 1, 1 };

    gtk_style_context_lookup_color (context, "theme_base_color", &base);
    color.red = color.red * color.alpha + base.red * (1 - color.alpha);
    color.green = color.green * color.alpha + base.green * (1 - color.alpha);
    color.blue = color.blue * color.alpha + base.blue * (1 - color.alpha);
  }
  return pango_attr_background_new ((guint16)(color.red * 65535), (guint16)(color.green * 65535),
                                    (guint16)(color.blue * 65535));
}

/* A side's command, its arguments that differ in bold on its colour */
static void
fill_command (CbRunCompare *self,
              GtkWidget    *label,
              gboolean      second)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) marked = g_string_new (NULL);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  const CbArgDiff *args;
  guint n;

  args = cb_run_diff_get_args (self->diff, second, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quoted = cb_shell_quote (args[i].arg);
      PangoAttribute *weight, *background;

      if (i > 0)
        g_string_append_c (text, ' ');
      if (args[i].kind != CB_DIFF_SAME)
        {
          weight = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
          background = mark_background (self, second);
          weight->start_index = background->start_index = text->len;
          weight->end_index = background->end_index = text->len + strlen (quoted);
          pango_attr_list_insert (attrs, weight);
          pango_attr_list_insert (attrs, background);
          g_string_append_printf (marked, "%s%s", marked->len ? ", " : "", quoted);
        }
      g_string_append (text, quoted);
    }
  gtk_label_set_text (GTK_LABEL (label), text->str);
  gtk_label_set_attributes (GTK_LABEL (label), attrs);

  /* The marks, in words, for those who do not see them */
  if (marked->len > 0)
    {
      /* Translators: read by a screen reader after a command; %s lists
       * its arguments that differ from the other command's */
      g_autofree char *description = g_strdup_printf (_("Differs from the other: %s"), marked->str);

      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("The same as the other."), -1);
}

/* The light or the dark style: the marks' colours change with it */
static void
cb_run_compare_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  CbRunCompare *self = CB_RUN_COMPARE (widget);

  GTK_WIDGET_CLASS (cb_run_compare_parent_class)->css_changed (widget, change);

  if (self->diff != NULL)
    {
      fill_command (self, self->a_command, FALSE);
      fill_command (self, self->b_command, TRUE);
    }
}

/* The sides */

static void
update_sides (CbRunCompare *self)
{
  g_autoptr(GVariant) a_values = cb_history_record_get_values (self->a);
  g_autoptr(GVariant) b_values = self->b ? cb_history_record_get_values (self->b) : NULL;
  /* Translators: under the run picked for a side of a comparison: its
   * id, as --history lists it and --diff takes it */
  g_autofree char *a_id = g_strdup_printf (_("Run %s"), cb_history_record_get_id (self->a));
  g_autofree char *b_id = self->b ? g_strdup_printf (_("Run %s"), cb_history_record_get_id (self->b))
                                  : NULL;

  gtk_label_set_text (GTK_LABEL (self->a_summary), a_id);
  gtk_label_set_text (GTK_LABEL (self->b_summary),
                      self->b ? b_id
                      : self->form ? _("What a run of the form would record and run now.")
                      : _("The page of the first run is gone: there is no form to compare."));
  gtk_widget_set_sensitive (self->a_use_button, a_values != NULL);
  gtk_widget_set_visible (self->b_use_button, self->b != NULL);
  gtk_widget_set_sensitive (self->b_use_button, b_values != NULL);
}

static void
on_form_changed (CbRunCompare *self)
{
  update (self);
}

/* The form of the first run's page, followed while it is the second side */
static void
follow_form (CbRunCompare *self)
{
  int index = cb_session_find_schema (self->session, cb_history_record_get_schema_id (self->a));
  CbForm *form = self->b == NULL && index >= 0 ? cb_session_get_form (self->session, index) : NULL;

  if (form == self->form)
    return;
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  g_set_object (&self->form, form);
  if (form != NULL)
    g_signal_connect_object (form, "changed", G_CALLBACK (on_form_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
update (CbRunCompare *self)
{
  g_clear_object (&self->diff);
  if (self->b != NULL)
    self->diff = cb_run_diff_new_for_records (self->a, self->b);
  else if (self->form != NULL)
    self->diff = cb_run_diff_new_for_form (self->a, self->form);
  else
    {
      g_autoptr(GVariant) values = cb_history_record_get_values (self->a);

      self->diff = cb_run_diff_new (values, cb_history_record_get_argv (self->a), NULL, NULL);
    }

  update_sides (self);
  fill_values (self);
  fill_command (self, self->a_command, FALSE);
  fill_command (self, self->b_command, TRUE);
}

/* Exports */

/**
 * cb_run_compare_to_text:
 *
 * Returns: (transfer full): the comparison as cb_run_diff_to_text()
 *   writes it, with the runs' ids and the metrics' last values once read;
 *   everything when all values are shown
 */
char *
cb_run_compare_to_text (CbRunCompare *self)
{
  CbRunCharts *charts = CB_RUN_CHARTS (self->charts);
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  char *text;

  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);

  label_a = side_label (self, self->a);
  label_b = side_label (self, self->b);
  cb_run_diff_set_metrics (self->diff, cb_run_charts_get_metrics (charts, 0),
                           cb_run_charts_get_metrics (charts, 1));
  text = cb_run_diff_to_text (self->diff, label_a, label_b,
                              self->show_all ? CB_RUN_DIFF_ALL : CB_RUN_DIFF_NONE);
  if (text[0] == '\0')
    {
      g_free (text);
      text = g_strdup_printf ("--- %s\n+++ %s\n%s\n", label_a, label_b,
                              _("The two sides have the same values and commands."));
    }
  return text;
}

static void
on_text_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cb_run_compare_export_text_async:
 * @file: the text file to write
 *
 * Writes cb_run_compare_to_text() to @file, replacing it once all is
 * written.
 */
void
cb_run_compare_export_text_async (CbRunCompare        *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (CB_IS_RUN_COMPARE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_run_compare_export_text_async);
  text = cb_run_compare_to_text (self);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_text_written, task);
}

/**
 * cb_run_compare_export_text_finish:
 *
 * Returns: whether the file was written; %FALSE with @error set
 */
gboolean
cb_run_compare_export_text_finish (CbRunCompare  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cb_run_compare_export_text_finish (CB_RUN_COMPARE (source), result, &error))
    cb_export_show_error (GTK_WIDGET (source), _("The Comparison Was Not Exported"), error);
}

static void
export_text (GtkWidget *widget,
             GFile     *file,
             gpointer   user_data)
{
  cb_run_compare_export_text_async (CB_RUN_COMPARE (widget), file, NULL, on_exported, NULL);
}

static void
on_export_clicked (CbRunCompare *self)
{
  g_autofree char *name = cb_export_file_name ("compare", cb_history_record_get_id (self->a),
                                               self->b ? cb_history_record_get_id (self->b)
                                                       : "form",
                                               ".txt", NULL);

  cb_export_choose_file (GTK_WIDGET (self), _("Export the Comparison as Text"), name, export_text,
                         NULL, NULL);
}

/* Use These Values */

static void
on_use_first (CbRunCompare *self)
{
  cb_run_compare_use_values (self, FALSE);
}

static void
on_use_second (CbRunCompare *self)
{
  cb_run_compare_use_values (self, TRUE);
}

static void
on_show_all_toggled (CbRunCompare *self)
{
  cb_run_compare_set_show_all (self,
                               gtk_check_button_get_active (GTK_CHECK_BUTTON (self->show_all_button)));
}

/* The object */

static void
cb_run_compare_dispose (GObject *object)
{
  CbRunCompare *self = CB_RUN_COMPARE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_RUN_COMPARE);
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  g_clear_object (&self->form);
  g_clear_object (&self->diff);
  g_clear_object (&self->a);
  g_clear_object (&self->b);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_object (&self->history);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cb_run_compare_parent_class)->dispose (object);
}

static void
cb_run_compare_class_init (CbRunCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_run_compare_dispose;
  widget_class->css_changed = cb_run_compare_css_changed;

  /**
   * CbRunCompare::use-values:
   * @record: the run whose values to load into its form
   *
   * The history's Use These Values, from a side of the comparison.
   */
  signals[USE_VALUES] =
    g_signal_new ("use-values", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_HISTORY_RECORD);

  g_type_ensure (CB_TYPE_RUN_CHARTS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-run-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, a_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, b_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, a_summary);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, b_summary);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, a_use_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, b_use_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, values_summary);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, values_grid);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, a_command);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, b_command);
  gtk_widget_class_bind_template_child (widget_class, CbRunCompare, charts);
  gtk_widget_class_bind_template_callback (widget_class, on_picked);
  gtk_widget_class_bind_template_callback (widget_class, on_use_first);
  gtk_widget_class_bind_template_callback (widget_class, on_use_second);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
cb_run_compare_init (CbRunCompare *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* As in the main window: the drop-downs' buttons, which take the focus,
   * named by their side; the mnemonic buttons by their label alone */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cb_accessible_get_drop_down_button (self->a_dropdown)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("First Run"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cb_accessible_get_drop_down_button (self->b_dropdown)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Second Run or the Form"), -1);
  cb_accessible_name_controls (GTK_WIDGET (self));
}

/**
 * cb_run_compare_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session whose history has the runs
 * @a: the first run
 * @b: (nullable): the second run, or %NULL for the form of @a's page
 *
 * Returns: (transfer none): a window that compares the two, to present
 */
GtkWidget *
cb_run_compare_new (GtkWindow       *parent,
                    CbSession       *session,
                    CbHistoryRecord *a,
                    CbHistoryRecord *b)
{
  CbRunCompare *self;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (a), NULL);
  g_return_val_if_fail (b == NULL || CB_IS_HISTORY_RECORD (b), NULL);

  self = g_object_new (CB_TYPE_RUN_COMPARE,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->session = g_object_ref (session);
  self->history = cb_session_get_history (session) ? g_object_ref (cb_session_get_history (session))
                                                   : NULL;
  if (self->history != NULL)
    g_signal_connect_object (self->history, "items-changed", G_CALLBACK (fill_pickers), self,
                             G_CONNECT_SWAPPED);
  fill_pickers (self);
  cb_run_compare_set_runs (self, a, b);

  return GTK_WIDGET (self);
}

/**
 * cb_run_compare_set_runs:
 * @a: the first run
 * @b: (nullable): the second run, or %NULL for the form of @a's page
 *
 * Compares two other runs, as the pickers do.
 */
void
cb_run_compare_set_runs (CbRunCompare    *self,
                         CbHistoryRecord *a,
                         CbHistoryRecord *b)
{
  g_return_if_fail (CB_IS_RUN_COMPARE (self));
  g_return_if_fail (CB_IS_HISTORY_RECORD (a));
  g_return_if_fail (b == NULL || CB_IS_HISTORY_RECORD (b));

  g_set_object (&self->a, a);
  g_set_object (&self->b, b);
  follow_form (self);
  /* Only their selection: a picker's model replaced while it tells of a
   * pick, GTK 4.8 never returns from */
  select_runs (self);
  /* Translators: in the legends of the charts of two runs compared */
  cb_run_charts_set_records (CB_RUN_CHARTS (self->charts), self->session, a, C_("run", "First"), b,
                             C_("run", "Second"));
  update (self);
}

/**
 * cb_run_compare_get_run:
 * @second: %FALSE for the first side, %TRUE for the second
 *
 * Returns: (transfer none) (nullable): the run of that side; %NULL for the
 *   second side when it is the form
 */
CbHistoryRecord *
cb_run_compare_get_run (CbRunCompare *self,
                        gboolean      second)
{
  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);
  return second ? self->b : self->a;
}

/**
 * cb_run_compare_get_diff:
 *
 * Returns: (transfer none): what differs, as shown
 */
CbRunDiff *
cb_run_compare_get_diff (CbRunCompare *self)
{
  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);
  return self->diff;
}

gboolean
cb_run_compare_get_show_all (CbRunCompare *self)
{
  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), FALSE);
  return self->show_all;
}

/**
 * cb_run_compare_set_show_all:
 * @show_all: %TRUE to list the values that are equal too
 */
void
cb_run_compare_set_show_all (CbRunCompare *self,
                             gboolean      show_all)
{
  g_return_if_fail (CB_IS_RUN_COMPARE (self));

  show_all = !!show_all;
  if (show_all == self->show_all)
    return;
  self->show_all = show_all;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->show_all_button), show_all);
  fill_values (self);
}

/**
 * cb_run_compare_get_shown_keys:
 *
 * Returns: (transfer full): the keys of the values listed, in order
 */
GStrv
cb_run_compare_get_shown_keys (CbRunCompare *self)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);

  for (guint i = 0; i < cb_run_diff_get_n_values (self->diff); i++)
    {
      const CbValueDiff *diff = cb_run_diff_get_value (self->diff, i);

      if (diff->kind != CB_DIFF_SAME || self->show_all)
        g_strv_builder_add (keys, diff->key);
    }
  return g_strv_builder_end (keys);
}

/**
 * cb_run_compare_get_command:
 * @second: %FALSE for the first side's command, %TRUE for the second's
 *
 * Returns: the command as shown, its arguments quoted as a shell would
 *   need
 */
const char *
cb_run_compare_get_command (CbRunCompare *self,
                            gboolean      second)
{
  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (second ? self->b_command : self->a_command));
}

/**
 * cb_run_compare_get_marked_args:
 * @second: %FALSE for the first side's command, %TRUE for the second's
 *
 * Returns: (transfer full): the text of each argument the command shows
 *   in bold, as it shows it
 */
GStrv
cb_run_compare_get_marked_args (CbRunCompare *self,
                                gboolean      second)
{
  g_autoptr(GStrvBuilder) marked = g_strv_builder_new ();
  GtkLabel *label;
  PangoAttrList *attrs;
  GSList *list;
  const char *text;

  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);

  label = GTK_LABEL (second ? self->b_command : self->a_command);
  text = gtk_label_get_text (label);
  attrs = gtk_label_get_attributes (label);
  list = attrs ? pango_attr_list_get_attributes (attrs) : NULL;
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_WEIGHT &&
          ((PangoAttrInt *)attr)->value >= PANGO_WEIGHT_BOLD)
        {
          g_autofree char *arg = g_strndup (text + attr->start_index,
                                            attr->end_index - attr->start_index);

          g_strv_builder_add (marked, arg);
        }
    }
  g_slist_free_full (list, (GDestroyNotify)pango_attribute_destroy);
  return g_strv_builder_end (marked);
}

/**
 * cb_run_compare_get_charts:
 *
 * Returns: (transfer none): the charts of both runs' metrics
 */
CbRunCharts *
cb_run_compare_get_charts (CbRunCompare *self)
{
  g_return_val_if_fail (CB_IS_RUN_COMPARE (self), NULL);
  return CB_RUN_CHARTS (self->charts);
}

/**
 * cb_run_compare_use_values:
 * @second: %FALSE for the first run's values, %TRUE for the second's
 *
 * Emits #CbRunCompare::use-values for the run of that side, and brings
 * the main window forward, where the form takes them.
 */
void
cb_run_compare_use_values (CbRunCompare *self,
                           gboolean      second)
{
  CbHistoryRecord *record;
  GtkWindow *parent;

  g_return_if_fail (CB_IS_RUN_COMPARE (self));

  record = second ? self->b : self->a;
  if (record == NULL)
    return;

  g_object_ref (self);
  g_signal_emit (self, signals[USE_VALUES], 0, record);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_window_present (parent);
  g_object_unref (self);
}
