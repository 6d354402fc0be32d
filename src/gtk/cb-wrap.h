/* cb-wrap.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *cb_wrap_label_new (const char *css_class);
void       cb_wrap_set_text  (GtkWidget  *label,
                              const char *text);

G_END_DECLS
