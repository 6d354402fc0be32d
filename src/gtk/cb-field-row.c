/* cb-field-row.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-checkpoint.h"
#include "cb-drop-down.h"
#include "cb-field-layout.h"
#include "cb-field-row.h"
#include "cb-number-format.h"
#include "cb-option.h"
#include "cb-sweep.h"
#include "cb-wrap.h"

/**
 * CbFieldRow:
 *
 * One field of a form: its label, the widget for its type, its help as a
 * dim line under it (and as a tooltip) and its validation message. A row
 * is built only when its field is first visible; after that the page calls
 * cb_field_row_update() with what changed, and the row touches only that.
 *
 * Each widget a user changes is named for screen readers by the field,
 * with its value where GTK does not say it. A wheel over a number scrolls
 * the form unless the number has the focus. Text typed into a number that
 * is none stays as typed, with an error, until it is one.
 */
struct _CbFieldRow
{
  GtkListBoxRow  parent_instance;

  CbForm        *form;
  CbField       *field;
  guint          index;
  gboolean       updating;
  gboolean       options_changing;
  gboolean       reveal_errors;  /* "nothing to choose yet" is an error too */

  GtkWidget     *title;
  GtkWidget     *help;
  GtkWidget     *message;
  GtkWidget     *input;      /* the widget a user changes */
  GtkWidget     *entry;      /* text and path */
  GtkWidget     *spin;       /* number and slider */
  GtkWidget     *number;     /* the spin button, or the slider's box */
  GtkAdjustment *adjustment;
  GtkWidget     *info;
  GtkWidget     *menu_label; /* multiselect */
  GtkWidget     *checks;     /* multiselect: box of check buttons */
  GtkWidget     *normal;     /* sweep: the type's widget, hidden while sweeping */
  GtkWidget     *sweep_toggle;
  GtkWidget     *sweep_entry;
  GListModel    *options;    /* as shown by a drop-down */
  int            digits;
};

G_DEFINE_FINAL_TYPE (CbFieldRow, cb_field_row, GTK_TYPE_LIST_BOX_ROW)

/* The width of the widget beside the label, when the form has room */
#define INPUT_WIDTH 280

static void update_value      (CbFieldRow *self);
static char *checkpoint_display (CbOption   *option,
                                 gpointer    user_data);
static void on_check_toggled  (CbFieldRow *self);

static void
set_value (CbFieldRow *self,
           GVariant   *value)
{
  g_autoptr(GVariant) owned = value ? g_variant_ref_sink (value) : NULL;

  if (self->updating)
    return;

  cb_form_set_value (self->form, self->field->key, owned);
}

/* Text and path */

static void
on_entry_changed (CbFieldRow *self,
                  GtkEditable *editable)
{
  /* A list field reads its values as --set does: separated by commas */
  if (self->field->type == CB_FIELD_LIST)
    {
      GVariant *value = cb_field_parse_value (self->field, gtk_editable_get_text (editable), NULL);

      if (value != NULL)
        set_value (self, g_variant_take_ref (value));
      return;
    }

  set_value (self, g_variant_new_string (gtk_editable_get_text (editable)));
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     CbFieldRow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) root = g_file_new_for_path (cb_project_get_root (cb_form_get_project (self->form)));
      g_autofree char *relative = g_file_get_relative_path (root, file);
      g_autofree char *path = g_file_get_path (file);

      /* Paths inside the project stay relative, as runners see them */
      gtk_editable_set_text (GTK_EDITABLE (self->entry), relative ? relative : path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_choose_clicked (CbFieldRow *self)
{
  gboolean folder = self->field->path_mode == CB_PATH_FOLDER;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GFile) start = NULL;

  dialog = gtk_file_chooser_native_new (folder ? _("Choose a Folder") : _("Choose a File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  start = g_file_new_for_path (cb_project_get_root (cb_form_get_project (self->form)));
  if (text[0] != '\0')
    {
      g_autoptr(GFile) current = g_file_resolve_relative_path (start, text);
      g_autoptr(GFile) parent = folder ? g_object_ref (current) : g_file_get_parent (current);

      if (parent != NULL && g_file_query_exists (parent, NULL))
        g_set_object (&start, parent);
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), start, NULL);

  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkWidget *
build_text (CbFieldRow *self)
{
  self->entry = gtk_entry_new ();
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed), self);

  if (self->field->type == CB_FIELD_PATH)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *button = gtk_button_new_from_icon_name (self->field->path_mode == CB_PATH_FOLDER
                                                           ? "folder-open-symbolic"
                                                           : "document-open-symbolic");

      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_hexpand (self->entry, TRUE);
      gtk_widget_set_tooltip_text (button, self->field->path_mode == CB_PATH_FOLDER
                                             ? _("Choose a Folder…") : _("Choose a File…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->field->path_mode == CB_PATH_FOLDER
                                        ? _("Choose a Folder…") : _("Choose a File…"), -1);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_clicked), self);
      gtk_box_append (GTK_BOX (box), self->entry);
      gtk_box_append (GTK_BOX (box), button);
      self->input = self->entry;
      return box;
    }

  self->input = self->entry;
  return self->entry;
}

/* Numbers */

static int
digits_for (CbField *field,
            double   step)
{
  const char *dot;

  if (field->integer)
    return 0;
  /* A fixed-point format says how many decimals the entry shows */
  if (field->format != NULL && strpbrk (field->format, "fF") != NULL &&
      (dot = strchr (field->format, '.')) != NULL && g_ascii_isdigit (dot[1]))
    return CLAMP (atoi (dot + 1), 0, 12);
  if (step > 0)
    return CLAMP ((int)ceil (-log10 (step) - 1e-9), 0, 12);
  return 4;
}

/* The nearest double to the value rounded to the step's decimals, so that
 * a slider at 0.0003 writes 0.0003, not 0.00030000000000000003.
 */
static double
round_to_step (double value,
               double step)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (step > 0)
    g_snprintf (format, sizeof format, "%%.%df", CLAMP ((int)ceil (-log10 (step) - 1e-9), 0, 15));
  else
    g_strlcpy (format, "%.6g", sizeof format);

  g_ascii_formatd (buf, sizeof buf, format, value);
  return g_ascii_strtod (buf, NULL);
}

static void
on_adjustment_changed (CbFieldRow    *self,
                       GtkAdjustment *adjustment)
{
  double v = gtk_adjustment_get_value (adjustment);

  if (self->field->integer)
    set_value (self, g_variant_new_int64 ((gint64)llround (v)));
  else
    set_value (self, g_variant_new_double (round_to_step (v, gtk_adjustment_get_step_increment (adjustment))));
}

static double
number_of (GVariant *value)
{
  return g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ? (double)g_variant_get_int64 (value)
                                                            : g_variant_get_double (value);
}

static gboolean
in_range (CbFieldRow *self,
          double      d)
{
  return d >= gtk_adjustment_get_lower (self->adjustment) &&
         d <= gtk_adjustment_get_upper (self->adjustment);
}

/* What the number's entry shows: what the user typed that is no number,
 * a value outside the bounds as it is, or else the adjustment's value
 */
static char *
number_text (CbFieldRow *self)
{
  const char *typed = cb_form_get_text (self->form, self->index);
  GVariant *value = cb_form_get_value (self->form, self->index);
  double v = gtk_adjustment_get_value (self->adjustment);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];

  if (typed != NULL)
    return g_strdup (typed);
  if (value != NULL && !in_range (self, number_of (value)))
    return cb_field_value_to_text (self->field, value);
  if (self->field->format != NULL)
    return cb_number_format_print (self->field->format, v);

  /* As typed numbers are read: with a dot, whatever the locale */
  g_snprintf (format, sizeof format, "%%.%df", self->digits);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, v));
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                CbFieldRow    *self)
{
  g_autofree char *text = number_text (self);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The text of the entry, on Enter, Tab or a spin: a number goes to the
 * form, even outside the bounds (the form says so, and the entry keeps
 * it); anything else stays as typed, and the form says it is no number.
 * GTK_INPUT_ERROR keeps the spin button's value, and its output (above)
 * shows the form's.
 */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               CbFieldRow    *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  g_autoptr(GVariant) value = NULL;

  if (self->updating)
    return FALSE;

  value = cb_field_parse_value (self->field, text, NULL);
  if (value == NULL)
    {
      cb_form_set_text (self->form, self->field->key, text);
      return GTK_INPUT_ERROR;
    }

  cb_form_set_value (self->form, self->field->key, value);
  if (!in_range (self, number_of (value)))
    return GTK_INPUT_ERROR;

  *new_value = number_of (value);
  return TRUE;
}

/* A wheel over a number scrolls the form, as over any other row, unless
 * the number has the focus (it was clicked, or tabbed to): scrolling a
 * page never changes its values. The scroll goes to the form's scrolled
 * window the way GtkScrolledWindow scrolls.
 */
static gboolean
on_number_scroll (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  CbFieldRow               *self)
{
  GtkWidget *scroller;
  GtkAdjustment *vadjustment;
  double step = 1;

  if (gtk_widget_get_state_flags (self->number) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return FALSE;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return TRUE;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (vadjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + dy * step);
  return TRUE;
}

static void
watch_scroll (CbFieldRow *self)
{
  GtkEventController *scroll;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  /* Before the slider's and the spin button's own */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_number_scroll), self);
  gtk_widget_add_controller (self->number, scroll);
}

static GtkWidget *
build_number (CbFieldRow *self)
{
  double min, max, step;

  cb_form_get_range (self->form, self->index, &min, &max, &step);
  min = MAX (min, -1e12);
  max = MIN (max, 1e12);
  self->digits = digits_for (self->field, step);
  if (step <= 0)
    step = self->field->integer ? 1 : pow (10, -MIN (self->digits, 6));

  /* The form hears of a new value before the spin button shows it */
  self->adjustment = gtk_adjustment_new (min, min, max, step, step * 10, 0);
  g_signal_connect_swapped (self->adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_changed), self);
  self->spin = gtk_spin_button_new (self->adjustment, step, self->digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (self->spin), GTK_UPDATE_IF_VALID);
  g_signal_connect (self->spin, "output", G_CALLBACK (on_spin_output), self);
  g_signal_connect (self->spin, "input", G_CALLBACK (on_spin_input), self);

  if (self->field->type == CB_FIELD_NUMBER)
    {
      self->input = self->number = self->spin;
      watch_scroll (self);
      return self->spin;
    }

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
    GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment);

    gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
    gtk_range_set_round_digits (GTK_RANGE (scale), self->digits);
    gtk_widget_set_hexpand (scale, TRUE);
    gtk_widget_set_size_request (scale, 100, -1);
    gtk_widget_set_size_request (self->spin, 112, -1);
    gtk_box_append (GTK_BOX (box), scale);
    gtk_box_append (GTK_BOX (box), self->spin);
    self->input = scale;
    self->number = box;
    watch_scroll (self);

    /* The scale and the typed entry both need the label */
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->spin),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
    return box;
  }
}

/* The slider's entry says what it takes: its bounds */
static char *
bound_text (CbFieldRow *self,
            double      bound)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->field->format != NULL)
    return cb_number_format_print (self->field->format, bound);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", bound));
}

static void
describe_spin (CbFieldRow *self)
{
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *text = NULL;

  if (self->field->type != CB_FIELD_SLIDER)
    return;

  lower = bound_text (self, gtk_adjustment_get_lower (self->adjustment));
  upper = bound_text (self, gtk_adjustment_get_upper (self->adjustment));
  /* Translators: the description, for screen readers, of the entry beside a
   * slider: the lowest and the highest number it takes
   */
  text = g_strdup_printf (_("Type a number from %s to %s"), lower, upper);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_range (CbFieldRow *self)
{
  double min, max, step;

  if (self->adjustment == NULL)
    return;

  cb_form_get_range (self->form, self->index, &min, &max, &step);
  min = MAX (min, -1e12);
  max = MIN (max, 1e12);
  if (step <= 0)
    step = self->field->integer ? 1 : pow (10, -MIN (self->digits, 6));
  self->digits = digits_for (self->field, step);

  self->updating = TRUE;
  gtk_adjustment_configure (self->adjustment, gtk_adjustment_get_value (self->adjustment),
                            min, max, step, step * 10, 0);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->spin), self->digits);
  self->updating = FALSE;
  describe_spin (self);
}

/* Checkbox */

static void
on_switch_active (CbFieldRow *self)
{
  set_value (self, g_variant_new_boolean (gtk_switch_get_active (GTK_SWITCH (self->input))));
}

static GtkWidget *
build_checkbox (CbFieldRow *self)
{
  self->input = gtk_switch_new ();
  gtk_widget_set_valign (self->input, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->input, GTK_ALIGN_END);
  g_signal_connect_swapped (self->input, "notify::active", G_CALLBACK (on_switch_active), self);
  return self->input;
}

/* Select */

static gboolean
is_checkpoints (CbFieldRow *self)
{
  return self->field->options_source != NULL &&
         cb_project_source_is_paths (cb_form_get_project (self->form), self->field->options_source);
}

static const char *
nothing_yet_text (void)
{
  return _("Nothing to choose yet. Run a training first: the checkpoints it writes appear here.");
}

/* The drop-down's name for screen readers: its field and its value */
static void
name_select (CbFieldRow *self)
{
  CbOption *option = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->input));
  g_autofree char *shown = NULL;
  g_autofree char *name = NULL;
  const char *none = is_checkpoints (self) ? _("No checkpoint chosen") : _("None");

  if (option != NULL)
    shown = is_checkpoints (self) ? checkpoint_display (option, NULL)
                                  : g_strdup (cb_option_get_label (option));
  /* Translators: the name of a drop-down for screen readers: its field and
   * what it holds
   */
  name = g_strdup_printf (_("%s: %s"), self->field->label, shown ? shown : none);
  cb_accessible_name_drop_down (self->input, name, none);
}

static void
on_selected (CbFieldRow *self)
{
  CbOption *option;

  name_select (self);

  /* A change of the options may move the selection: the form's value,
   * not the drop-down's position, says what is selected.
   */
  if (self->options_changing)
    return;

  option = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->input));
  set_value (self, g_variant_new_string (option ? cb_option_get_value (option) : ""));
}

static void
on_options_changing (CbFieldRow *self)
{
  self->options_changing = TRUE;
}

/* A list that grows while the window is open, such as checkpoints, gets
 * its search when it gets long
 */
static void
update_search (CbFieldRow *self)
{
  guint n = self->options ? g_list_model_get_n_items (self->options) : 0;

  if (n > 0)
    self->reveal_errors = TRUE;
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->input), n > 8);
  cb_drop_down_update_search (GTK_DROP_DOWN (self->input), nothing_yet_text ());
}

static void
on_options_changed (CbFieldRow *self)
{
  self->options_changing = FALSE;
  if (self->field->type == CB_FIELD_SELECT)
    update_search (self);
  update_value (self);
}

static void
set_options (CbFieldRow *self)
{
  GListModel *options = cb_form_get_options (self->form, self->index);

  if (self->options != NULL)
    g_signal_handlers_disconnect_by_data (self->options, self);
  g_set_object (&self->options, options);

  if (self->field->type == CB_FIELD_SELECT)
    {
      /* Connected before the drop-down's own handlers, and after them */
      if (options != NULL)
        {
          g_signal_connect_swapped (options, "items-changed", G_CALLBACK (on_options_changing), self);
          g_signal_connect_object (options, "items-changed", G_CALLBACK (on_options_changed), self,
                                   G_CONNECT_SWAPPED | G_CONNECT_AFTER);
        }

      self->updating = TRUE;
      gtk_drop_down_set_model (GTK_DROP_DOWN (self->input), options);
      update_search (self);
      self->updating = FALSE;
    }
  else if (self->field->type == CB_FIELD_MULTISELECT)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->checks)) != NULL)
        gtk_box_remove (GTK_BOX (self->checks), child);

      for (guint i = 0; options != NULL && i < g_list_model_get_n_items (options); i++)
        {
          g_autoptr(CbOption) option = g_list_model_get_item (options, i);
          GtkWidget *check = gtk_check_button_new_with_label (cb_option_get_label (option));

          g_object_set_data_full (G_OBJECT (check), "value", g_strdup (cb_option_get_value (option)), g_free);
          /* A check the form sets (update_value()) writes nothing back */
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
          gtk_box_append (GTK_BOX (self->checks), check);
        }
    }
}

/* A checkpoint shows as "experiment › file name": shorter than its path,
 * and what the drop-down's search looks in
 */
static char *
checkpoint_display (CbOption *option,
                    gpointer  user_data)
{
  const char *experiment;

  if (!CB_IS_CHECKPOINT (option))
    return g_strdup (option ? cb_option_get_label (option) : "");

  experiment = cb_checkpoint_get_experiment (CB_CHECKPOINT (option));
  if (experiment == NULL)
    return g_strdup (cb_option_get_label (option));
  return g_strdup_printf ("%s › %s", experiment, cb_checkpoint_get_name (CB_CHECKPOINT (option)));
}

static void
setup_checkpoint_label (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  in_button)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* In the button, long names keep their ends and the row its width */
  if (GPOINTER_TO_INT (in_button))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_checkpoint_label (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  in_button)
{
  g_autofree char *text = checkpoint_display (gtk_list_item_get_item (item), NULL);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static GtkListItemFactory *
checkpoint_factory (gboolean in_button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_checkpoint_label), GINT_TO_POINTER (in_button));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_checkpoint_label), GINT_TO_POINTER (in_button));
  return factory;
}

static GtkWidget *
build_select (CbFieldRow *self)
{
  gboolean checkpoints = is_checkpoints (self);
  GtkExpression *expression;

  if (checkpoints)
    expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                              G_CALLBACK (checkpoint_display), NULL, NULL);
  else
    expression = gtk_property_expression_new (CB_TYPE_OPTION, NULL, "label");

  self->input = gtk_drop_down_new (NULL, expression);
  if (checkpoints)
    {
      g_autoptr(GtkListItemFactory) button = checkpoint_factory (TRUE);
      g_autoptr(GtkListItemFactory) list = checkpoint_factory (FALSE);

      gtk_drop_down_set_factory (GTK_DROP_DOWN (self->input), button);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (self->input), list);
    }
  set_options (self);
  g_signal_connect_swapped (self->input, "notify::selected", G_CALLBACK (on_selected), self);
  name_select (self);
  return self->input;
}

static void
on_check_toggled (CbFieldRow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;

  for (GtkWidget *check = gtk_widget_get_first_child (self->checks); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "value"));

  values = g_strv_builder_end (builder);
  set_value (self, g_variant_new_strv ((const char * const *)values, -1));
}

static void
name_multiselect (CbFieldRow *self,
                  const char *summary)
{
  g_autofree char *name = g_strdup_printf (_("%s: %s"), self->field->label, summary);

  cb_accessible_set_label (self->input, name);
}

static GtkWidget *
build_multiselect (CbFieldRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  self->checks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->checks, 6);
  gtk_widget_set_margin_bottom (self->checks, 6);
  gtk_widget_set_margin_start (self->checks, 6);
  gtk_widget_set_margin_end (self->checks, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), self->checks);

  self->menu_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->menu_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->menu_label), 0);
  gtk_widget_set_hexpand (self->menu_label, TRUE);
  gtk_box_append (GTK_BOX (box), self->menu_label);
  gtk_box_append (GTK_BOX (box), arrow);

  self->input = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->input), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->input), popover);

  set_options (self);
  return self->input;
}

/* Info */

static GtkWidget *
build_info (CbFieldRow *self)
{
  self->info = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->info), 0);
  gtk_label_set_wrap (GTK_LABEL (self->info), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->info), TRUE);
  gtk_widget_add_css_class (self->info, "cb-info");
  self->input = self->info;
  return self->info;
}

/* Sweeps: a field with `sweep: true` has a toggle; while it is on, an
 * entry takes the sweep as typed (`1, 2, 3`, `range(1, 10, 2)`,
 * `glob(res*)`) in place of the type's widget. Text that does not parse
 * marks the entry and keeps the last sweep that did.
 */

static gboolean
variant_equal0 (GVariant *a,
                    GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_variant_equal (a, b);
}

static void
on_sweep_entry_changed (CbFieldRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) sweep = NULL;

  if (self->updating)
    return;

  sweep = cb_field_parse_sweep (self->field, gtk_editable_get_text (GTK_EDITABLE (self->sweep_entry)),
                                &error);
  if (sweep == NULL)
    {
      gtk_widget_add_css_class (self->sweep_entry, "error");
      gtk_widget_set_tooltip_text (self->sweep_entry, error->message);
      return;
    }

  gtk_widget_remove_css_class (self->sweep_entry, "error");
  gtk_widget_set_tooltip_text (self->sweep_entry, NULL);
  cb_form_set_value (self->form, self->field->key, sweep);
}

/* On, the sweep starts with the field's value; off, the field keeps the
 * sweep's first value
 */
static void
on_sweep_toggled (CbFieldRow *self)
{
  GVariant *value = cb_form_get_value (self->form, self->index);
  gboolean on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->sweep_toggle));

  if (self->updating || on == cb_value_is_sweep (value))
    return;

  if (on)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
      g_autoptr(GVariant) sweep = NULL;

      if (value != NULL)
        g_ptr_array_add (items, g_variant_ref (value));
      else
        g_ptr_array_add (items, g_variant_ref_sink (g_variant_new_string ("")));
      sweep = cb_sweep_new (CB_SWEEP_LIST, items);
      cb_form_set_value (self->form, self->field->key, sweep);
    }
  else
    {
      g_autoptr(GVariant) items = cb_sweep_get_items (value);
      g_autoptr(GVariant) first = NULL;

      if (cb_sweep_get_kind (value) != CB_SWEEP_GLOB && g_variant_n_children (items) > 0)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (items, 0);

          first = g_variant_get_variant (boxed);
        }
      cb_form_set_value (self->form, self->field->key, first);
    }
}

/* Shows the sweep entry or the type's widget; returns whether the value
 * is a sweep, which the type's widget cannot show
 */
static gboolean
update_sweep (CbFieldRow *self,
              GVariant   *value)
{
  gboolean sweeping = cb_value_is_sweep (value);

  self->updating = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->sweep_toggle), sweeping);
  gtk_widget_set_visible (self->normal, !sweeping);
  gtk_widget_set_visible (self->sweep_entry, sweeping);
  if (sweeping)
    {
      g_autoptr(GVariant) shown = cb_field_parse_sweep (self->field,
                                                        gtk_editable_get_text (GTK_EDITABLE (self->sweep_entry)),
                                                        NULL);

      /* Setting the same sweep would move the cursor while typing */
      if (!variant_equal0 (shown, value))
        {
          g_autofree char *text = cb_sweep_to_text (value);

          gtk_editable_set_text (GTK_EDITABLE (self->sweep_entry), text);
          gtk_widget_remove_css_class (self->sweep_entry, "error");
        }
    }
  self->updating = FALSE;

  return sweeping;
}

static GtkWidget *
build_sweep (CbFieldRow *self,
             GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->normal = widget;
  self->sweep_entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->sweep_entry, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->sweep_entry),
                                  self->field->type == CB_FIELD_SELECT ? _("a, b or glob(a*)")
                                  : self->field->type == CB_FIELD_TEXT ? _("a, b, c")
                                  : _("1, 2, 3 or range(1, 10, 2)"));
  gtk_widget_set_visible (self->sweep_entry, FALSE);
  g_signal_connect_swapped (self->sweep_entry, "changed", G_CALLBACK (on_sweep_entry_changed), self);

  self->sweep_toggle = gtk_toggle_button_new_with_mnemonic (_("S_weep"));
  gtk_widget_set_valign (self->sweep_toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->sweep_toggle,
                               _("Run once for each of several values (a Hydra multirun)"));
  g_signal_connect_swapped (self->sweep_toggle, "toggled", G_CALLBACK (on_sweep_toggled), self);

  gtk_box_append (GTK_BOX (box), widget);
  gtk_box_append (GTK_BOX (box), self->sweep_entry);
  gtk_box_append (GTK_BOX (box), self->sweep_toggle);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->sweep_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
  return box;
}

/* Updates from the form */

static void
update_value (CbFieldRow *self)
{
  GVariant *value = cb_form_get_value (self->form, self->index);

  if (self->sweep_toggle != NULL && update_sweep (self, value))
    return;

  self->updating = TRUE;

  switch (self->field->type)
    {
    case CB_FIELD_LIST:
      {
        g_autoptr(GVariant) shown = cb_field_parse_value (self->field,
                                                          gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                                          NULL);

        if (!variant_equal0 (shown, value))
          {
            g_autofree char *text = cb_field_value_to_text (self->field, value);

            gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
          }
      }
      break;

    case CB_FIELD_TEXT:
    case CB_FIELD_PATH:
      {
        const char *text = value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                             ? g_variant_get_string (value, NULL) : "";

        /* Setting the same text would move the cursor while typing */
        if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
          gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
      }
      break;

    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      /* Out-of-range values, and text that is no number, stay visible in
       * the entry and get an error
       */
      if (value != NULL && in_range (self, number_of (value)) &&
          gtk_adjustment_get_value (self->adjustment) != number_of (value))
        gtk_adjustment_set_value (self->adjustment, number_of (value));
      else
        on_spin_output (GTK_SPIN_BUTTON (self->spin), self);
      break;

    case CB_FIELD_CHECKBOX:
      gtk_switch_set_active (GTK_SWITCH (self->input),
                             value != NULL && g_variant_get_boolean (value));
      break;

    case CB_FIELD_SELECT:
      {
        const char *text = value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                             ? g_variant_get_string (value, NULL) : NULL;
        gint64 pos = cb_options_find (self->options, text);

        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input),
                                    pos >= 0 ? (guint)pos : GTK_INVALID_LIST_POSITION);
        name_select (self);
      }
      break;

    case CB_FIELD_MULTISELECT:
      {
        g_autofree const char **items = value ? g_variant_get_strv (value, NULL) : NULL;
        g_autofree char *summary = NULL;

        for (GtkWidget *check = gtk_widget_get_first_child (self->checks); check != NULL;
             check = gtk_widget_get_next_sibling (check))
          {
            const char *v = g_object_get_data (G_OBJECT (check), "value");

            gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                         items != NULL && g_strv_contains (items, v));
          }

        summary = items && items[0] ? g_strjoinv (", ", (char **)items) : g_strdup (_("None"));
        gtk_label_set_text (GTK_LABEL (self->menu_label), summary);
        name_multiselect (self, summary);
      }
      break;

    case CB_FIELD_INFO:
    default:
      break;
    }

  self->updating = FALSE;
}

static void
update_help (CbFieldRow *self)
{
  const char *help = cb_form_get_help (self->form, self->index);

  cb_wrap_set_text (self->help, help);
  gtk_widget_set_visible (self->help, help != NULL && help[0] != '\0');
  gtk_widget_set_tooltip_text (self->input, help);
}

/* Whether the only message is that there is nothing to choose yet, and
 * the user has neither tried to run nor seen a choice: an empty state,
 * not an error
 */
static gboolean
nothing_yet (CbFieldRow *self,
             GPtrArray  *messages)
{
  if (self->reveal_errors || messages->len != 1)
    return FALSE;
  return ((CbFormMessage *)g_ptr_array_index (messages, 0))->kind == CB_FORM_MESSAGE_NO_FILE_YET;
}

static void
set_error_style (CbFieldRow *self,
                 gboolean    error)
{
  GtkWidget *widgets[] = { self->input, self->spin };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (widgets[i] != NULL && error)
      gtk_widget_add_css_class (widgets[i], "error");
    else if (widgets[i] != NULL)
      gtk_widget_remove_css_class (widgets[i], "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->input), GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
update_messages (CbFieldRow *self)
{
  GPtrArray *messages = cb_form_get_field_messages (self->form, self->index);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean error = FALSE;
  gboolean empty_state = nothing_yet (self, messages);

  for (guint i = 0; i < messages->len && !empty_state; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);

      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", d->message);
      error |= d->severity == CB_SEVERITY_ERROR;
    }
  if (empty_state)
    g_string_assign (text, nothing_yet_text ());

  cb_wrap_set_text (self->message, text->str);
  gtk_widget_set_visible (self->message, text->len > 0);

  gtk_widget_remove_css_class (self->message, "warning");
  gtk_widget_remove_css_class (self->message, "empty-state");
  if (empty_state)
    gtk_widget_add_css_class (self->message, "empty-state");
  else if (!error)
    gtk_widget_add_css_class (self->message, "warning");
  set_error_style (self, error);
}

/**
 * cb_field_row_update:
 * @changes: the #CbFieldChange flags of #CbForm::field-changed
 *
 * Brings the row up to date with its field.
 */
void
cb_field_row_update (CbFieldRow *self,
                     guint       changes)
{
  g_return_if_fail (CB_IS_FIELD_ROW (self));

  if (changes & CB_FIELD_CHANGED_VISIBLE)
    gtk_widget_set_visible (GTK_WIDGET (self), cb_form_is_visible (self->form, self->index));
  if (changes & CB_FIELD_CHANGED_OPTIONS)
    set_options (self);
  if (changes & CB_FIELD_CHANGED_RANGE)
    update_range (self);
  if (changes & (CB_FIELD_CHANGED_VALUE | CB_FIELD_CHANGED_OPTIONS | CB_FIELD_CHANGED_RANGE))
    update_value (self);
  if (changes & CB_FIELD_CHANGED_HELP)
    update_help (self);
  if ((changes & CB_FIELD_CHANGED_INFO) && self->info != NULL)
    cb_wrap_set_text (self->info, cb_form_get_info (self->form, self->index));
  if (changes & CB_FIELD_CHANGED_MESSAGES)
    update_messages (self);
}

static void
cb_field_row_dispose (GObject *object)
{
  CbFieldRow *self = CB_FIELD_ROW (object);

  if (self->options != NULL)
    g_signal_handlers_disconnect_by_data (self->options, self);
  g_clear_object (&self->options);
  g_clear_object (&self->form);
  g_clear_pointer (&self->field, cb_field_unref);

  G_OBJECT_CLASS (cb_field_row_parent_class)->dispose (object);
}

static void
cb_field_row_class_init (CbFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_field_row_dispose;
}

static void
cb_field_row_init (CbFieldRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  /* Tab moves between the fields' widgets, not the rows */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/* What screen readers hear: the widget by the field's label, described by
 * its help and message; a drop-down's button, which takes the focus, the
 * same; the slider's entry by what it takes; the row by its field
 */
static void
name_widgets (CbFieldRow *self)
{
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->help, self->message, NULL,
                                  -1);
  if (self->spin != NULL)
    describe_spin (self);
  if (GTK_IS_DROP_DOWN (self->input))
    {
      GtkWidget *button = cb_accessible_get_drop_down_button (self->input);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->help, self->message, NULL, -1);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
}

/**
 * cb_field_row_new:
 * @index: the field, in schema order
 *
 * Returns: (transfer full): the row of the field @index of @form
 */
GtkWidget *
cb_field_row_new (CbForm *form,
                  guint   index)
{
  CbFieldRow *self;
  GtkWidget *box;
  GtkWidget *top;
  GtkWidget *text;
  GtkWidget *widget;
  gboolean wide;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);

  self = g_object_new (CB_TYPE_FIELD_ROW, NULL);
  self->form = g_object_ref (form);
  self->index = index;
  self->field = cb_field_ref (cb_schema_get_field (cb_form_get_schema (form), index));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* The label and the widget side by side, or the widget under the label
   * when the form is narrow: a box only as a container of the layout's
   * two children */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

  self->title = gtk_label_new (NULL);
  cb_wrap_set_text (self->title, self->field->label);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->title, "cb-field-label");

  self->help = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->help), 0);
  gtk_label_set_wrap (GTK_LABEL (self->help), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->help), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->help, "dim-label");
  gtk_widget_add_css_class (self->help, "cb-help");

  self->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->message, "cb-field-message");

  switch (self->field->type)
    {
    case CB_FIELD_TEXT:
    case CB_FIELD_PATH:
    case CB_FIELD_LIST:
      widget = build_text (self);
      break;
    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      widget = build_number (self);
      break;
    case CB_FIELD_CHECKBOX:
      widget = build_checkbox (self);
      break;
    case CB_FIELD_SELECT:
      widget = build_select (self);
      break;
    case CB_FIELD_MULTISELECT:
      widget = build_multiselect (self);
      break;
    case CB_FIELD_INFO:
    default:
      widget = build_info (self);
      break;
    }

  if (self->field->sweep)
    widget = build_sweep (self, widget);

  /* An info block takes the row's width, under its label */
  wide = self->field->type == CB_FIELD_INFO;
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), self->title);
  gtk_box_append (GTK_BOX (text), self->help);
  gtk_box_append (GTK_BOX (top), text);
  if (!wide)
    gtk_box_append (GTK_BOX (top), widget);
  gtk_widget_set_layout_manager (top, cb_field_layout_new (self->field->type == CB_FIELD_CHECKBOX
                                                            ? 0 : INPUT_WIDTH));
  gtk_box_append (GTK_BOX (box), top);
  if (wide)
    gtk_box_append (GTK_BOX (box), widget);
  gtk_box_append (GTK_BOX (box), self->message);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  name_widgets (self);

  cb_field_row_update (self, CB_FIELD_CHANGED_VISIBLE | CB_FIELD_CHANGED_VALUE |
                             CB_FIELD_CHANGED_HELP | CB_FIELD_CHANGED_INFO |
                             CB_FIELD_CHANGED_MESSAGES);

  return GTK_WIDGET (self);
}

/**
 * cb_field_row_reveal_errors:
 *
 * Shows that there is nothing to choose yet as the error it is: the user
 * tried to run the command.
 */
void
cb_field_row_reveal_errors (CbFieldRow *self)
{
  g_return_if_fail (CB_IS_FIELD_ROW (self));

  if (self->reveal_errors)
    return;
  self->reveal_errors = TRUE;
  update_messages (self);
}

/**
 * cb_field_row_get_spin_button:
 *
 * Returns: (transfer none) (nullable): the entry of a number or a slider
 */
GtkWidget *
cb_field_row_get_spin_button (CbFieldRow *self)
{
  g_return_val_if_fail (CB_IS_FIELD_ROW (self), NULL);

  return self->spin;
}

guint
cb_field_row_get_index (CbFieldRow *self)
{
  g_return_val_if_fail (CB_IS_FIELD_ROW (self), 0);

  return self->index;
}

/**
 * cb_field_row_get_input:
 *
 * Returns: (transfer none): the widget a user changes: an entry, a spin
 *   button, a scale, a switch, a drop-down, a menu button or a label
 */
GtkWidget *
cb_field_row_get_input (CbFieldRow *self)
{
  g_return_val_if_fail (CB_IS_FIELD_ROW (self), NULL);

  return self->input;
}

/**
 * cb_field_row_set_form:
 * @index: the field's index in the new form
 *
 * Moves the row to a new form of a reloaded schema whose field has the
 * same definition: the widget stays, and shows the new form's state.
 */
void
cb_field_row_set_form (CbFieldRow *self,
                       CbForm     *form,
                       guint       index)
{
  CbField *field;

  g_return_if_fail (CB_IS_FIELD_ROW (self));
  g_return_if_fail (CB_IS_FORM (form));

  field = cb_schema_get_field (cb_form_get_schema (form), index);
  g_return_if_fail (field->type == self->field->type);

  g_set_object (&self->form, form);
  cb_field_unref (self->field);
  self->field = cb_field_ref (field);
  self->index = index;

  cb_field_row_update (self, CB_FIELD_CHANGED_VISIBLE | CB_FIELD_CHANGED_OPTIONS |
                             CB_FIELD_CHANGED_RANGE | CB_FIELD_CHANGED_VALUE |
                             CB_FIELD_CHANGED_HELP | CB_FIELD_CHANGED_INFO |
                             CB_FIELD_CHANGED_MESSAGES);
}
