/* cb-field-row.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-field-layout.h"
#include "cb-field-row-private.h"
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
G_DEFINE_FINAL_TYPE (CbFieldRow, cb_field_row, GTK_TYPE_LIST_BOX_ROW)

/* The width of the widget beside the label, when the form has room */
#define INPUT_WIDTH 280

void
_cb_field_row_set_value (CbFieldRow *self,
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
        _cb_field_row_set_value (self, g_variant_take_ref (value));
      return;
    }

  _cb_field_row_set_value (self, g_variant_new_string (gtk_editable_get_text (editable)));
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

/* Checkbox */

static void
on_switch_active (CbFieldRow *self)
{
  _cb_field_row_set_value (self, g_variant_new_boolean (gtk_switch_get_active (GTK_SWITCH (self->input))));
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

/* Whether @a and @b are both %NULL or equal */
gboolean
_cb_field_row_variant_equal0 (GVariant *a,
                              GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_variant_equal (a, b);
}

/* Updates from the form */

void
_cb_field_row_update_value (CbFieldRow *self)
{
  GVariant *value = cb_form_get_value (self->form, self->index);

  if (self->sweep_toggle != NULL && _cb_field_row_update_sweep (self, value))
    return;

  self->updating = TRUE;

  switch (self->field->type)
    {
    case CB_FIELD_LIST:
      {
        g_autoptr(GVariant) shown = cb_field_parse_value (self->field,
                                                          gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                                          NULL);

        if (!_cb_field_row_variant_equal0 (shown, value))
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
      _cb_field_row_show_number (self, value);
      break;

    case CB_FIELD_CHECKBOX:
      gtk_switch_set_active (GTK_SWITCH (self->input),
                             value != NULL && g_variant_get_boolean (value));
      break;

    case CB_FIELD_SELECT:
      _cb_field_row_show_select (self, value);
      break;

    case CB_FIELD_MULTISELECT:
      _cb_field_row_show_multiselect (self, value);
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
    g_string_assign (text, _cb_field_row_nothing_yet_text ());

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
    _cb_field_row_set_options (self);
  if (changes & CB_FIELD_CHANGED_RANGE)
    _cb_field_row_update_range (self);
  if (changes & (CB_FIELD_CHANGED_VALUE | CB_FIELD_CHANGED_OPTIONS | CB_FIELD_CHANGED_RANGE))
    _cb_field_row_update_value (self);
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
    _cb_field_row_describe_spin (self);
  if (GTK_IS_DROP_DOWN (self->input))
    {
      GtkWidget *button = cb_accessible_get_drop_down_button (self->input);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->help, self->message, NULL, -1);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
}

/* Takes a share of the height left over in a box, and shows nothing */
static GtkWidget *
make_spacer (void)
{
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_vexpand (spacer, TRUE);
  return spacer;
}

/* The widget that takes the field's value, by its type; with a sweep
 * toggle when the field can be swept */
static GtkWidget *
build_widget (CbFieldRow *self)
{
  GtkWidget *widget;

  switch (self->field->type)
    {
    case CB_FIELD_TEXT:
    case CB_FIELD_PATH:
    case CB_FIELD_LIST:
      widget = build_text (self);
      break;
    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      widget = _cb_field_row_build_number (self);
      break;
    case CB_FIELD_CHECKBOX:
      widget = build_checkbox (self);
      break;
    case CB_FIELD_SELECT:
      widget = _cb_field_row_build_select (self);
      break;
    case CB_FIELD_MULTISELECT:
      widget = _cb_field_row_build_multiselect (self);
      break;
    case CB_FIELD_INFO:
    default:
      widget = build_info (self);
      break;
    }

  if (self->field->sweep)
    widget = _cb_field_row_build_sweep (self, widget);
  return widget;
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
  /* The label and help are centred beside the input by two empty boxes
   * that share the height left over, not by aligning their box (and the
   * help's margin spaces them, not the box's spacing): GTK 4.8
   * measures a widget that does not fill its allocation for the width it
   * needs at the allocated height, which for a wrapping label is a binary
   * search of text layouts, at every allocation
   */
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->title = cb_wrap_label_new ("cb-field-label");
  cb_wrap_set_text (self->title, self->field->label);
  self->help = cb_wrap_label_new ("cb-help");
  gtk_widget_add_css_class (self->help, "dim-label");
  gtk_widget_set_margin_top (self->help, 2);
  self->message = cb_wrap_label_new ("cb-field-message");
  widget = build_widget (self);

  /* An info block takes the row's width, under its label */
  wide = self->field->type == CB_FIELD_INFO;
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), make_spacer ());
  gtk_box_append (GTK_BOX (text), self->title);
  gtk_box_append (GTK_BOX (text), self->help);
  gtk_box_append (GTK_BOX (text), make_spacer ());
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
