/* cb-page.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-form.h"
#include "cb-form-store.h"
#include "cb-history.h"

G_BEGIN_DECLS

/* Narrower than this, the command panel goes below the form */
#define CB_PAGE_WIDE_WIDTH 920

#define CB_TYPE_PAGE (cb_page_get_type ())

G_DECLARE_FINAL_TYPE (CbPage, cb_page, CB, PAGE, GtkWidget)

GtkWidget   *cb_page_new            (CbProject *project,
                                     CbSchema  *schema,
                                     GSettings *settings,
                                     CbHistory *history);
CbSchema    *cb_page_get_schema     (CbPage    *self);
gboolean     cb_page_is_built       (CbPage    *self);
void         cb_page_build          (CbPage    *self);
CbForm      *cb_page_get_form       (CbPage    *self);
CbFormStore *cb_page_get_store      (CbPage    *self);
GtkWidget   *cb_page_get_row        (CbPage    *self,
                                     guint      index);
GtkWidget   *cb_page_get_panel      (CbPage    *self);
GtkWidget   *cb_page_get_use_cases  (CbPage    *self);
void         cb_page_flush          (CbPage    *self);
void         cb_page_set_schema     (CbPage    *self,
                                     CbSchema  *schema);
void         cb_page_show_problems  (CbPage    *self,
                                     const char *problems);
const char  *cb_page_get_problems   (CbPage    *self);
GtkWidget   *cb_page_get_run_view   (CbPage    *self);
gboolean     cb_page_is_running     (CbPage    *self);
void         cb_page_offer_checkpoint (CbPage   *self,
                                       const char *source,
                                       const char *path,
                                       const char *origin);

G_END_DECLS
