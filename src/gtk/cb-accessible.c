/* cb-accessible.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-accessible.h"

/* Names for screen readers where GTK 4.8 gives none, or a wrong one.
 *
 * GTK 4.8 names a control without a label after its type
 * ("GtkToggleButton", "GtkImage", "GtkMenuButton"); it names a button
 * whose label has a mnemonic by the raw label and the label again
 * ("_Run Run"), and appends the label to any name set on such a button.
 * So: an icon button is named by its tooltip, a mnemonic button by its
 * label alone, and a drop-down's button (the part that takes the focus)
 * by its field. A name set with cb_accessible_set_label() is left as it
 * is.
 */

#define NAMED_KEY "cb-accessible-named"

/**
 * cb_accessible_set_label:
 *
 * Names @widget for screen readers; cb_accessible_name_controls() leaves
 * it so.
 */
void
cb_accessible_set_label (GtkWidget  *widget,
                         const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), NAMED_KEY, GINT_TO_POINTER (TRUE));
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
is_named (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), NAMED_KEY) != NULL;
}

/* A tooltip as a name: without the keys it may end with, “(Ctrl+Return)” */
static char *
name_from_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  const char *keys;

  if (tooltip == NULL || tooltip[0] == '\0')
    return NULL;
  keys = g_strrstr (tooltip, " (");
  if (keys != NULL && g_str_has_suffix (tooltip, ")"))
    return g_strndup (tooltip, keys - tooltip);
  return g_strdup (tooltip);
}

/* Whether @widget shows a text of its own: a label, or a box with one */
static gboolean
has_label_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) || has_label_child (child))
      return TRUE;
  return FALSE;
}

static void
name_button (GtkWidget *button)
{
  g_autofree char *tooltip = NULL;

  if (is_named (button))
    return;

  /* A mnemonic label names the button by itself */
  if (gtk_button_get_use_underline (GTK_BUTTON (button)) &&
      gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  if (!has_label_child (button) && (tooltip = name_from_tooltip (button)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/* A menu button gives its name to the button inside it, which takes the
 * focus: its tooltip, or the text it shows
 */
static void
name_menu_button (GtkWidget *menu_button)
{
  g_autofree char *tooltip = NULL;

  if (is_named (menu_button))
    return;

  if ((tooltip = name_from_tooltip (menu_button)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/**
 * cb_accessible_name_controls:
 *
 * Names the controls under @root that GTK 4.8 names wrong: icon buttons
 * and menu buttons by their tooltip, mnemonic buttons by their label.
 * Called again as widgets are added, it names those too.
 */
void
cb_accessible_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_MENU_BUTTON (root))
    {
      name_menu_button (root);
      return;
    }
  if (GTK_IS_DROP_DOWN (root))
    return;
  if (GTK_IS_BUTTON (root))
    name_button (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cb_accessible_name_controls (child);
}

/**
 * cb_accessible_get_drop_down_button:
 *
 * Returns: (transfer none) (nullable): the button inside @drop_down, which
 *   takes the focus and is what a screen reader names
 */
GtkWidget *
cb_accessible_get_drop_down_button (GtkWidget *drop_down)
{
  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      return child;
  return NULL;
}

/**
 * cb_accessible_name_drop_down:
 * @label: the drop-down's name: its field and what it holds
 * @placeholder: (nullable): what the drop-down shows when nothing is
 *   selected, instead of “(None)”
 *
 * Names the button inside @drop_down, which takes the focus. What it
 * shows of the selected item is a picture of the name, for screen
 * readers: it is left out of their view.
 */
void
cb_accessible_name_drop_down (GtkWidget  *drop_down,
                              const char *label,
                              const char *placeholder)
{
  GtkWidget *button;
  GtkWidget *stack;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  if ((button = cb_accessible_get_drop_down_button (drop_down)) == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  /* GTK 4.8: the button holds a box, with a stack of a “(None)” label and
   * the selected item, and an arrow
   */
  stack = gtk_widget_get_first_child (button);
  stack = stack ? gtk_widget_get_first_child (stack) : NULL;
  if (!GTK_IS_STACK (stack))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      if (GTK_IS_LABEL (child) && placeholder != NULL)
        {
          gtk_label_set_text (GTK_LABEL (child), placeholder);
          gtk_widget_add_css_class (child, "dim-label");
        }
    }
}
