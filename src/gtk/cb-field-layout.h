/* cb-field-layout.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_FIELD_LAYOUT (cb_field_layout_get_type ())

G_DECLARE_FINAL_TYPE (CbFieldLayout, cb_field_layout, CB, FIELD_LAYOUT, GtkLayoutManager)

GtkLayoutManager *cb_field_layout_new             (int            input_width);
int               cb_field_layout_get_input_width (CbFieldLayout *self);
void              cb_field_layout_set_input_width (CbFieldLayout *self,
                                                   int            input_width);
gboolean          cb_field_layout_get_stacked     (CbFieldLayout *self);

G_END_DECLS
