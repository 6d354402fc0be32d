/* cb-setup-card.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_SETUP_CARD (cb_setup_card_get_type ())

G_DECLARE_FINAL_TYPE (CbSetupCard, cb_setup_card, CB, SETUP_CARD, GtkWidget)

GtkWidget  *cb_setup_card_new        (const char  *setup,
                                      const char  *title,
                                      const char  *description);
const char *cb_setup_card_get_title  (CbSetupCard *self);
const char *cb_setup_card_get_setup  (CbSetupCard *self);
gboolean    cb_setup_card_get_active (CbSetupCard *self);
void        cb_setup_card_set_active (CbSetupCard *self,
                                      gboolean     active);

G_END_DECLS
