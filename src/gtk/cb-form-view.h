/* cb-form-view.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-form.h"
#include "cb-offer.h"

G_BEGIN_DECLS

#define CB_TYPE_FORM_VIEW (cb_form_view_get_type ())

G_DECLARE_FINAL_TYPE (CbFormView, cb_form_view, CB, FORM_VIEW, GtkWidget)

GtkWidget  *cb_form_view_new          (void);
void        cb_form_view_set_form     (CbFormView         *self,
                                       CbForm             *form);
CbForm     *cb_form_view_get_form     (CbFormView         *self);
GtkWidget  *cb_form_view_get_row      (CbFormView         *self,
                                       guint               index);
GtkWidget  *cb_form_view_get_setups   (CbFormView         *self);
void        cb_form_view_set_problems (CbFormView         *self,
                                       const char         *problems);
const char *cb_form_view_get_problems (CbFormView         *self);
void        cb_form_view_set_offer    (CbFormView         *self,
                                       CbOffer            *offer);
void        cb_form_view_set_dropped  (CbFormView         *self,
                                       const char * const *keys);
void        cb_form_view_reveal_errors (CbFormView        *self);
void        cb_form_view_focus_first_field (CbFormView    *self);
void        cb_form_view_reveal_footer (CbFormView        *self);
void        cb_form_view_set_footer   (CbFormView         *self,
                                       GtkWidget          *footer);

G_END_DECLS
