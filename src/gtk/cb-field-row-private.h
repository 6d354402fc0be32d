/* cb-field-row-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-field-row.h"

G_BEGIN_DECLS

/* CbFieldRow is split by concern around this header:
 *
 * - cb-field-row.c: the row, its label, help and messages, text, path,
 *   checkbox and info fields, and updates from the form;
 * - cb-field-row-number.c: numbers and sliders;
 * - cb-field-row-select.c: drop-downs, checkpoints and multiselects;
 * - cb-field-row-sweep.c: the sweep toggle and entry.
 */

struct _CbFieldRow
{
  GtkListBoxRow  parent_instance;

  CbForm        *form;
  CbField       *field;
  guint          index;
  gboolean       updating;
  gboolean       options_changing;
  gboolean       reveal_errors;  /* "nothing to choose yet" is an error too */

  GtkWidget     *title;
  GtkWidget     *help;
  GtkWidget     *message;
  GtkWidget     *input;      /* the widget a user changes */
  GtkWidget     *entry;      /* text and path */
  GtkWidget     *spin;       /* number and slider */
  GtkWidget     *number;     /* the spin button, or the slider's box */
  GtkAdjustment *adjustment;
  GtkWidget     *info;
  GtkWidget     *menu_label; /* multiselect */
  GtkWidget     *checks;     /* multiselect: box of check buttons */
  GtkWidget     *normal;     /* sweep: the type's widget, hidden while sweeping */
  GtkWidget     *sweep_toggle;
  GtkWidget     *sweep_entry;
  GListModel    *options;    /* as shown by a drop-down */
  int            digits;
};

/* cb-field-row.c */
void        _cb_field_row_set_value          (CbFieldRow *self,
                                              GVariant   *value);
void        _cb_field_row_update_value       (CbFieldRow *self);
gboolean    _cb_field_row_variant_equal0     (GVariant   *a,
                                              GVariant   *b);

/* cb-field-row-number.c */
GtkWidget  *_cb_field_row_build_number       (CbFieldRow *self);
void        _cb_field_row_describe_spin      (CbFieldRow *self);
void        _cb_field_row_update_range       (CbFieldRow *self);
void        _cb_field_row_show_number        (CbFieldRow *self,
                                              GVariant   *value);

/* cb-field-row-select.c */
const char *_cb_field_row_nothing_yet_text   (void);
void        _cb_field_row_set_options        (CbFieldRow *self);
GtkWidget  *_cb_field_row_build_select       (CbFieldRow *self);
GtkWidget  *_cb_field_row_build_multiselect  (CbFieldRow *self);
void        _cb_field_row_show_select        (CbFieldRow *self,
                                              GVariant   *value);
void        _cb_field_row_show_multiselect   (CbFieldRow *self,
                                              GVariant   *value);

/* cb-field-row-sweep.c */
GtkWidget  *_cb_field_row_build_sweep        (CbFieldRow *self,
                                              GtkWidget  *widget);
gboolean    _cb_field_row_update_sweep       (CbFieldRow *self,
                                              GVariant   *value);

G_END_DECLS
