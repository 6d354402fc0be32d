/* cb-export.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CbExportFunc:
 * @widget: the widget that asked
 * @file: the file the user chose
 * @user_data: the data given with the function
 *
 * Writes the export to @file.
 */
typedef void (*CbExportFunc) (GtkWidget *widget,
                              GFile     *file,
                              gpointer   user_data);

void        cb_export_choose_file  (GtkWidget      *widget,
                                    const char     *title,
                                    const char     *suggested_name,
                                    CbExportFunc    func,
                                    gpointer        user_data,
                                    GDestroyNotify  destroy);
GtkWidget  *cb_export_get_chooser  (GtkWidget      *widget);
void        cb_export_show_error   (GtkWidget      *widget,
                                    const char     *title,
                                    const GError   *error);
char       *cb_export_file_name    (const char     *first,
                                    ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
