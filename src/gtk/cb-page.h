/* cb-page.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-session.h"

G_BEGIN_DECLS

/* Narrower than this, the page is one column: the form or the command
 * panel */
#define CB_PAGE_WIDE_WIDTH 720

#define CB_TYPE_PAGE (cb_page_get_type ())

G_DECLARE_FINAL_TYPE (CbPage, cb_page, CB, PAGE, GtkWidget)

GtkWidget   *cb_page_new            (CbSession  *session,
                                     guint       index);
CbSchema    *cb_page_get_schema     (CbPage     *self);
gboolean     cb_page_is_built       (CbPage     *self);
void         cb_page_build          (CbPage     *self);
CbForm      *cb_page_get_form       (CbPage     *self);
CbFormStore *cb_page_get_store      (CbPage     *self);
GtkWidget   *cb_page_get_form_view  (CbPage     *self);
GtkWidget   *cb_page_get_row        (CbPage     *self,
                                     guint       index);
GtkWidget   *cb_page_get_panel      (CbPage     *self);
GtkWidget   *cb_page_get_setups     (CbPage     *self);
const char  *cb_page_get_problems   (CbPage     *self);
GtkWidget   *cb_page_get_run_view   (CbPage     *self);
gboolean     cb_page_is_running     (CbPage     *self);
GtkWidget   *cb_page_get_slurm_view (CbPage     *self);
int          cb_page_get_panel_width (CbPage    *self);
void         cb_page_set_panel_width (CbPage    *self,
                                      int        width);
int          cb_page_get_shown_panel_width (CbPage *self);
gboolean     cb_page_get_one_column (CbPage     *self);
void         cb_page_show_panel     (CbPage     *self,
                                     gboolean    show);

G_END_DECLS
