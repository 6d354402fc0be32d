/* cb-history-row.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-history.h"

G_BEGIN_DECLS

#define CB_TYPE_HISTORY_ROW (cb_history_row_get_type ())

G_DECLARE_FINAL_TYPE (CbHistoryRow, cb_history_row, CB, HISTORY_ROW, GtkWidget)

GtkWidget       *cb_history_row_new        (void);
CbHistoryRecord *cb_history_row_get_record (CbHistoryRow    *self);
void             cb_history_row_set_record (CbHistoryRow    *self,
                                            CbHistoryRecord *record,
                                            const char      *page_label);
const char      *cb_history_row_get_heading (CbHistoryRow   *self);
gboolean         cb_history_row_can_resubmit (CbHistoryRecord *record);
char            *cb_history_row_format_time (GDateTime      *when,
                                             GDateTime      *now);
char            *cb_history_row_format_heading (CbHistoryRecord *record,
                                                const char      *page_label);

G_END_DECLS
