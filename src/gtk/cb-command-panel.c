/* cb-command-panel.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-command-panel.h"

/**
 * CbCommandPanel:
 *
 * The right-hand side of a page: the form's errors and warnings, the
 * command as a shell line (editable, with an "edited" state and Revert),
 * Copy, and the overrides one per line.
 */
struct _CbCommandPanel
{
  GtkWidget       parent_instance;

  CbForm         *form;
  char           *shown_overrides;
  char           *shown_messages;
  gboolean        updating;
  gboolean        edited;
  guint           copied_id;

  GtkWidget      *box;
  GtkWidget      *messages_box;
  GtkWidget      *edited_pill;
  GtkWidget      *edited_note;
  GtkWidget      *copied_label;
  GtkWidget      *revert_button;
  GtkWidget      *run_box;
  GtkTextView    *command_view;
  GtkTextView    *overrides_view;
};

G_DEFINE_FINAL_TYPE (CbCommandPanel, cb_command_panel, GTK_TYPE_WIDGET)

static void
set_buffer_text (CbCommandPanel *self,
                 GtkTextView    *view,
                 const char     *text)
{
  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  self->updating = FALSE;
}

static void
set_edited (CbCommandPanel *self,
            gboolean        edited)
{
  self->edited = edited;
  gtk_widget_set_visible (self->edited_pill, edited);
  gtk_widget_set_visible (self->revert_button, edited);
  if (!edited)
    gtk_widget_set_visible (self->edited_note, FALSE);
}

static void
update_messages (CbCommandPanel *self)
{
  GPtrArray *messages = cb_form_get_messages (self->form);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  /* Most changes leave the messages as they were */
  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);

      g_string_append_printf (key, "%d%s\n", d->severity, d->message);
    }
  if (g_strcmp0 (key->str, self->shown_messages) == 0)
    return;
  g_free (self->shown_messages);
  self->shown_messages = g_string_free (g_steal_pointer (&key), FALSE);

  while ((child = gtk_widget_get_first_child (self->messages_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->messages_box), child);

  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);
      gboolean warning = d->severity == CB_SEVERITY_WARNING;
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name (warning ? "dialog-warning-symbolic"
                                                              : "dialog-error-symbolic");
      GtkWidget *label = gtk_label_new (d->message);

      gtk_widget_add_css_class (row, "cb-message");
      if (warning)
        gtk_widget_add_css_class (row, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->messages_box), row);
    }

  gtk_widget_set_visible (self->messages_box, messages->len > 0);
}

static void
update (CbCommandPanel *self)
{
  g_autofree char *overrides = g_strjoinv ("\n", (char **)cb_form_get_overrides (self->form));

  if (!self->edited)
    set_buffer_text (self, self->command_view, cb_form_get_display (self->form));
  else
    gtk_widget_set_visible (self->edited_note, TRUE);

  if (g_strcmp0 (overrides, self->shown_overrides) != 0)
    {
      set_buffer_text (self, self->overrides_view, overrides);
      g_free (self->shown_overrides);
      self->shown_overrides = g_steal_pointer (&overrides);
    }
  update_messages (self);
}

static void
on_command_changed (CbCommandPanel *self,
                    GtkTextBuffer  *buffer)
{
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  text = cb_command_panel_get_text (self);
  set_edited (self, g_strcmp0 (text, cb_form_get_display (self->form)) != 0);
}

static void
on_revert_clicked (CbCommandPanel *self)
{
  cb_command_panel_revert (self);
}

static void
cb_command_panel_dispose (GObject *object)
{
  CbCommandPanel *self = CB_COMMAND_PANEL (object);

  g_clear_handle_id (&self->copied_id, g_source_remove);
  g_clear_pointer (&self->shown_overrides, g_free);
  g_clear_pointer (&self->shown_messages, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_COMMAND_PANEL);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (cb_command_panel_parent_class)->dispose (object);
}

static void
cb_command_panel_class_init (CbCommandPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_command_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-command-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, messages_box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, edited_pill);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, edited_note);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, copied_label);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, revert_button);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, run_box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, command_view);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, overrides_view);
  gtk_widget_class_bind_template_callback (widget_class, on_revert_clicked);
}

static void
cb_command_panel_init (CbCommandPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->command_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Command"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overrides_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overrides"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->command_view), "changed",
                           G_CALLBACK (on_command_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cb_command_panel_new (CbForm *form)
{
  CbCommandPanel *self;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);

  self = g_object_new (CB_TYPE_COMMAND_PANEL, NULL);
  cb_command_panel_set_form (self, form);

  return GTK_WIDGET (self);
}

/**
 * cb_command_panel_get_text:
 *
 * Returns: (transfer full): the command as shown: the form's, or the one
 *   the user edited
 */
char *
cb_command_panel_get_text (CbCommandPanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), NULL);

  buffer = gtk_text_view_get_buffer (self->command_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
cb_command_panel_get_edited (CbCommandPanel *self)
{
  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), FALSE);

  return self->edited;
}

/**
 * cb_command_panel_revert:
 *
 * Drops the user's edits: the command is the form's again.
 */
void
cb_command_panel_revert (CbCommandPanel *self)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  set_edited (self, FALSE);
  set_buffer_text (self, self->command_view, cb_form_get_display (self->form));
}

static gboolean
hide_copied (gpointer user_data)
{
  CbCommandPanel *self = user_data;

  self->copied_id = 0;
  gtk_widget_set_visible (self->copied_label, FALSE);
  return G_SOURCE_REMOVE;
}

/**
 * cb_command_panel_copy:
 *
 * Copies the command, as shown, to the clipboard.
 */
void
cb_command_panel_copy (CbCommandPanel *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  text = cb_command_panel_get_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  gtk_widget_set_visible (self->copied_label, TRUE);
  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied_id = g_timeout_add_seconds (2, hide_copied, self);
}

/**
 * cb_command_panel_get_run_box:
 *
 * Returns: (transfer none): the box under the command where the run
 *   controls go
 */
GtkWidget *
cb_command_panel_get_run_box (CbCommandPanel *self)
{
  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), NULL);

  return self->run_box;
}

void
cb_command_panel_set_below (CbCommandPanel *self,
                            gboolean        below)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  if (below)
    gtk_widget_add_css_class (GTK_WIDGET (self), "below");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "below");
}

/**
 * cb_command_panel_set_form:
 *
 * Shows the command of another form: the one of a reloaded schema.
 */
void
cb_command_panel_set_form (CbCommandPanel *self,
                           CbForm         *form)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));
  g_return_if_fail (CB_IS_FORM (form));

  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  g_set_object (&self->form, form);
  g_signal_connect_object (form, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}
