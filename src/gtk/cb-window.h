/* cb-window.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-session.h"

G_BEGIN_DECLS

#define CB_TYPE_WINDOW (cb_window_get_type ())

G_DECLARE_FINAL_TYPE (CbWindow, cb_window, CB, WINDOW, GtkApplicationWindow)

CbWindow   *cb_window_new              (GtkApplication *application);
gboolean    cb_window_load_project     (CbWindow       *self,
                                        const char     *folder);
gboolean    cb_window_reload_project   (CbWindow       *self);
const char *cb_window_get_folder       (CbWindow       *self);
CbProject  *cb_window_get_project      (CbWindow       *self);
CbSession  *cb_window_get_session      (CbWindow       *self);
gboolean    cb_window_has_problems     (CbWindow       *self);
const char *cb_window_get_problems     (CbWindow       *self);
guint       cb_window_get_n_pages      (CbWindow       *self);
GtkWidget  *cb_window_get_page         (CbWindow       *self,
                                        guint           index);
GtkWidget  *cb_window_get_visible_page (CbWindow       *self);
void        cb_window_set_visible_page (CbWindow       *self,
                                        guint           index);
void        cb_window_show_notice      (CbWindow       *self,
                                        const char     *text);
const char *cb_window_get_notice       (CbWindow       *self);
void        cb_window_show_undo        (CbWindow       *self,
                                        const char     *message,
                                        CbForm         *form,
                                        GVariant       *values);
const char *cb_window_get_toast        (CbWindow       *self);
gboolean    cb_window_is_running       (CbWindow       *self);
void        cb_window_stop_runs        (CbWindow       *self);

G_END_DECLS
