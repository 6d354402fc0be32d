/* cb-history-view.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-history.h"
#include "cb-session.h"

G_BEGIN_DECLS

#define CB_TYPE_HISTORY_VIEW (cb_history_view_get_type ())

G_DECLARE_FINAL_TYPE (CbHistoryView, cb_history_view, CB, HISTORY_VIEW, GtkWidget)

GtkWidget *cb_history_view_new      (CbSession       *session);
GtkWidget *cb_history_view_open_log (CbHistoryView   *self,
                                     CbHistoryRecord *record,
                                     const char      *heading);
GtkWidget *cb_history_view_show_curves (CbHistoryView   *self,
                                        CbHistoryRecord *record);
GtkWidget *cb_history_view_compare  (CbHistoryView   *self,
                                     CbHistoryRecord *record,
                                     CbHistoryRecord *other);
const char *cb_history_view_get_page_label (CbSession       *session,
                                            CbHistoryRecord *record);

G_END_DECLS
