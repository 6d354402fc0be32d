/* cb-field-row-select.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-checkpoint.h"
#include "cb-drop-down.h"
#include "cb-field-row-private.h"
#include "cb-option.h"

/* The widgets of a choice: a drop-down (searchable, and for checkpoints
 * "experiment › file name"), or a menu of check buttons for a
 * multiselect */

static char *checkpoint_display (CbOption   *option,
                                 gpointer    user_data);
static void  on_check_toggled   (CbFieldRow *self);

static gboolean
is_checkpoints (CbFieldRow *self)
{
  return self->field->options_source != NULL &&
         cb_project_source_is_paths (cb_form_get_project (self->form), self->field->options_source);
}

const char *
_cb_field_row_nothing_yet_text (void)
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
  _cb_field_row_set_value (self, g_variant_new_string (option ? cb_option_get_value (option) : ""));
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
  cb_drop_down_update_search (GTK_DROP_DOWN (self->input), _cb_field_row_nothing_yet_text ());
}

static void
on_options_changed (CbFieldRow *self)
{
  self->options_changing = FALSE;
  if (self->field->type == CB_FIELD_SELECT)
    update_search (self);
  _cb_field_row_update_value (self);
}

void
_cb_field_row_set_options (CbFieldRow *self)
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
          /* A check the form sets (_cb_field_row_update_value()) writes nothing back */
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

GtkWidget *
_cb_field_row_build_select (CbFieldRow *self)
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
  _cb_field_row_set_options (self);
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
  _cb_field_row_set_value (self, g_variant_new_strv ((const char * const *)values, -1));
}

static void
name_multiselect (CbFieldRow *self,
                  const char *summary)
{
  g_autofree char *name = g_strdup_printf (_("%s: %s"), self->field->label, summary);

  cb_accessible_set_label (self->input, name);
}

GtkWidget *
_cb_field_row_build_multiselect (CbFieldRow *self)
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

  _cb_field_row_set_options (self);
  return self->input;
}

/* Shows @value of a select field */
void
_cb_field_row_show_select (CbFieldRow *self,
                           GVariant   *value)
{
  const char *text = value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                       ? g_variant_get_string (value, NULL) : NULL;
  gint64 pos = cb_options_find (self->options, text);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input),
                              pos >= 0 ? (guint)pos : GTK_INVALID_LIST_POSITION);
  name_select (self);
}

/* Shows @value of a multiselect field: its checks, and the menu button's
 * summary */
void
_cb_field_row_show_multiselect (CbFieldRow *self,
                                GVariant   *value)
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
