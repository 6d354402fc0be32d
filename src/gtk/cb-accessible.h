/* cb-accessible.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cb_accessible_set_label     (GtkWidget  *widget,
                                  const char *label);
void cb_accessible_name_controls (GtkWidget  *root);
GtkWidget *cb_accessible_get_drop_down_button (GtkWidget *drop_down);
void cb_accessible_name_drop_down (GtkWidget  *drop_down,
                                   const char *label,
                                   const char *placeholder);

G_END_DECLS
