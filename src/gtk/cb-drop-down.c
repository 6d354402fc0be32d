/* cb-drop-down.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-drop-down.h"

/* What GTK 4.8's GtkDropDown lacks for a long list such as checkpoints,
 * added from outside: its search matches anywhere in an item, not only
 * at its start (GTK 4.12 has GtkDropDown:search-match-mode); typing while
 * the list is open searches; and a line in the open list says why it is
 * empty: nothing to choose yet, or nothing that matches.
 *
 * The drop-down builds its popover list and its search filter itself,
 * and builds the filter again with each model: cb_drop_down_update_search()
 * is called after gtk_drop_down_set_model() and
 * gtk_drop_down_set_enable_search(). It finds its parts by their types.
 */

#define STATE_KEY "cb-drop-down-state"
#define EMPTY_KEY "cb-drop-down-empty-text"

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_popover (GtkDropDown *self)
{
  return find_descendant (GTK_WIDGET (self), GTK_TYPE_POPOVER);
}

/**
 * cb_drop_down_get_search_entry:
 *
 * Returns: (transfer none) (nullable): the search entry of the open list
 */
GtkWidget *
cb_drop_down_get_search_entry (GtkDropDown *self)
{
  GtkWidget *popover = get_popover (self);

  return popover ? find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
}

/**
 * cb_drop_down_get_list_state:
 *
 * Returns: (transfer none) (nullable): the line that says why the open
 *   list is empty; hidden while it is not
 */
GtkWidget *
cb_drop_down_get_list_state (GtkDropDown *self)
{
  return g_object_get_data (G_OBJECT (self), STATE_KEY);
}

static GtkFilterListModel *
get_filter_model (GtkDropDown *self)
{
  GtkWidget *popover = get_popover (self);
  GtkWidget *list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GtkSelectionModel *selection = list ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;
  GListModel *model;

  if (!GTK_IS_SINGLE_SELECTION (selection))
    return NULL;
  model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  return GTK_IS_FILTER_LIST_MODEL (model) ? GTK_FILTER_LIST_MODEL (model) : NULL;
}

static void
update_state (GtkDropDown *self)
{
  GtkWidget *state = cb_drop_down_get_list_state (self);
  GtkFilterListModel *filtered = get_filter_model (self);
  GtkWidget *entry = cb_drop_down_get_search_entry (self);
  const char *search = entry ? gtk_editable_get_text (GTK_EDITABLE (entry)) : "";
  GListModel *model = gtk_drop_down_get_model (self);
  g_autofree char *text = NULL;

  if (state == NULL)
    return;

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    text = g_strdup (g_object_get_data (G_OBJECT (self), EMPTY_KEY));
  else if (filtered != NULL && g_list_model_get_n_items (G_LIST_MODEL (filtered)) == 0 &&
           search[0] != '\0')
    /* Translators: what was typed in the search of a list */
    text = g_strdup_printf (_("Nothing matches “%s”."), search);

  gtk_label_set_text (GTK_LABEL (state), text ? text : "");
  gtk_widget_set_visible (state, text != NULL);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GtkDropDown *self)
{
  update_state (self);
}

/* The line under the search, in the popover's box */
static GtkWidget *
ensure_state (GtkDropDown *self)
{
  GtkWidget *popover = get_popover (self);
  GtkWidget *list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GtkWidget *scroller = list ? gtk_widget_get_parent (list) : NULL;
  GtkWidget *state = cb_drop_down_get_list_state (self);

  if (state != NULL || scroller == NULL || !GTK_IS_BOX (gtk_widget_get_parent (scroller)))
    return state;

  state = gtk_label_new (NULL);
  gtk_widget_set_name (state, "list-state");
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (state), 36);
  gtk_widget_set_margin_top (state, 12);
  gtk_widget_set_margin_bottom (state, 12);
  gtk_widget_set_margin_start (state, 12);
  gtk_widget_set_margin_end (state, 12);
  gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_set_visible (state, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (scroller)), state, scroller);
  g_object_set_data (G_OBJECT (self), STATE_KEY, state);
  return state;
}

/**
 * cb_drop_down_update_search:
 * @empty_text: (nullable): what the open list says when there is nothing
 *   to choose
 *
 * Makes the search of @self match anywhere in an item, start when the
 * user types in the open list, and says in the list why it is empty.
 */
void
cb_drop_down_update_search (GtkDropDown *self,
                            const char  *empty_text)
{
  GtkFilterListModel *filtered;
  GtkWidget *entry;
  GtkWidget *popover;

  g_return_if_fail (GTK_IS_DROP_DOWN (self));

  g_object_set_data_full (G_OBJECT (self), EMPTY_KEY, g_strdup (empty_text), g_free);
  ensure_state (self);

  filtered = get_filter_model (self);
  if (filtered != NULL)
    {
      GtkFilter *filter = gtk_filter_list_model_get_filter (filtered);

      if (GTK_IS_STRING_FILTER (filter))
        gtk_string_filter_set_match_mode (GTK_STRING_FILTER (filter),
                                          GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
      if (g_signal_handler_find (filtered, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self) == 0)
        g_signal_connect_object (filtered, "items-changed", G_CALLBACK (on_items_changed), self, 0);
    }

  entry = cb_drop_down_get_search_entry (self);
  popover = get_popover (self);
  if (entry != NULL && popover != NULL)
    {
      gboolean search = gtk_drop_down_get_enable_search (self);

      gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (entry), search ? popover : NULL);
      if (g_signal_handler_find (entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self) == 0)
        g_signal_connect_object (entry, "search-changed", G_CALLBACK (update_state), self,
                                 G_CONNECT_SWAPPED);
    }

  update_state (self);
}
