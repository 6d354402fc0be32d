/* cb-drop-down.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        cb_drop_down_update_search   (GtkDropDown *self,
                                          const char  *empty_text);
GtkWidget  *cb_drop_down_get_search_entry (GtkDropDown *self);
GtkWidget  *cb_drop_down_get_list_state  (GtkDropDown *self);

G_END_DECLS
