/* cb-test-ui.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-application.h"
#include "cb-page.h"
#include "cb-window.h"

G_BEGIN_DECLS

void           cb_test_ui_init           (int         *argc,
                                          char      ***argv);
void           cb_test_ui_finish         (void);
CbApplication *cb_test_ui_get_app        (void);
char          *cb_test_ui_demo_dir       (void);

void           cb_test_ui_drain          (void);
CbWindow      *cb_test_ui_open_window    (const char  *dir);
CbWindow      *cb_test_ui_open_demo      (void);
void           cb_test_ui_close_window   (CbWindow    *window);

guint          cb_test_ui_field_index    (CbPage      *page,
                                          const char  *key);
GtkWidget     *cb_test_ui_input_of       (CbPage      *page,
                                          const char  *key);
void           cb_test_ui_select_option  (GtkWidget   *dropdown,
                                          const char  *value);
GtkWidget     *cb_test_ui_find_descendant (GtkWidget  *root,
                                           GType       type,
                                           const char *name);
GtkWidget     *cb_test_ui_find_toplevel  (GType        type);
void           cb_test_ui_press          (GtkWidget   *widget,
                                          const char  *accel);
void           cb_test_ui_reset_settings (CbPage      *page);
void           cb_test_ui_reset_demo     (CbWindow    *window);
gboolean       cb_test_ui_xdotool        (GtkWidget   *widget,
                                          double       x,
                                          double       y,
                                          ...) G_GNUC_NULL_TERMINATED;
void           cb_test_ui_resize_window  (CbWindow    *window,
                                          int          width,
                                          int          height);
void           cb_test_ui_wait_frames    (GtkWidget   *widget,
                                          guint        n);
void           cb_test_ui_catalogs_changed (void);

G_END_DECLS
