/* cb-field-row-sweep.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-field-row-private.h"
#include "cb-sweep.h"

/* Sweeps: a field with `sweep: true` has a toggle; while it is on, an
 * entry takes the sweep as typed (`1, 2, 3`, `range(1, 10, 2)`,
 * `glob(res*)`) in place of the type's widget. Text that does not parse
 * marks the entry and keeps the last sweep that did.
 */

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
gboolean
_cb_field_row_update_sweep (CbFieldRow *self,
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
      if (!_cb_field_row_variant_equal0 (shown, value))
        {
          g_autofree char *text = cb_sweep_to_text (value);

          gtk_editable_set_text (GTK_EDITABLE (self->sweep_entry), text);
          gtk_widget_remove_css_class (self->sweep_entry, "error");
        }
    }
  self->updating = FALSE;

  return sweeping;
}

GtkWidget *
_cb_field_row_build_sweep (CbFieldRow *self,
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
  /* GTK 4.8 names it by its raw label too: "S_weep Sweep" */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->sweep_toggle),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
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
