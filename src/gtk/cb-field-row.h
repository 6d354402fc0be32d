/* cb-field-row.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-form.h"

G_BEGIN_DECLS

#define CB_TYPE_FIELD_ROW (cb_field_row_get_type ())

G_DECLARE_FINAL_TYPE (CbFieldRow, cb_field_row, CB, FIELD_ROW, GtkListBoxRow)

GtkWidget *cb_field_row_new       (CbForm     *form,
                                   guint       index);
guint      cb_field_row_get_index (CbFieldRow *self);
GtkWidget *cb_field_row_get_input (CbFieldRow *self);
GtkWidget *cb_field_row_get_spin_button (CbFieldRow *self);
void       cb_field_row_reveal_errors (CbFieldRow *self);
void       cb_field_row_update    (CbFieldRow *self,
                                   guint       changes);
void       cb_field_row_set_form  (CbFieldRow *self,
                                   CbForm     *form,
                                   guint       index);

G_END_DECLS
