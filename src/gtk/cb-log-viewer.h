/* cb-log-viewer.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The most of a log the viewer shows: its end */
#define CB_LOG_VIEWER_MAX_BYTES (4 * 1024 * 1024)

#define CB_TYPE_LOG_VIEWER (cb_log_viewer_get_type ())

G_DECLARE_FINAL_TYPE (CbLogViewer, cb_log_viewer, CB, LOG_VIEWER, GtkWindow)

GtkWidget     *cb_log_viewer_new            (GtkWindow   *parent,
                                             const char  *path,
                                             const char  *title);
const char    *cb_log_viewer_get_path       (CbLogViewer *self);
gboolean       cb_log_viewer_is_loaded      (CbLogViewer *self);
GtkTextBuffer *cb_log_viewer_get_buffer     (CbLogViewer *self);
const char    *cb_log_viewer_get_notice     (CbLogViewer *self);
guint          cb_log_viewer_search         (CbLogViewer *self,
                                             const char  *text);
void           cb_log_viewer_show_in_folder (CbLogViewer *self);

G_END_DECLS
