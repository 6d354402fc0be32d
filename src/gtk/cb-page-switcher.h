/* cb-page-switcher.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_PAGE_SWITCHER (cb_page_switcher_get_type ())

G_DECLARE_FINAL_TYPE (CbPageSwitcher, cb_page_switcher, CB, PAGE_SWITCHER, GtkWidget)

GtkWidget *cb_page_switcher_new         (void);
void       cb_page_switcher_set_stack   (CbPageSwitcher *self,
                                         GtkStack       *stack);
gboolean   cb_page_switcher_get_compact (CbPageSwitcher *self);
GtkWidget *cb_page_switcher_get_button  (CbPageSwitcher *self);

G_END_DECLS
