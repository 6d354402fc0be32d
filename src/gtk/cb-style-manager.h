/* cb-style-manager.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_STYLE_MANAGER (cb_style_manager_get_type ())

G_DECLARE_FINAL_TYPE (CbStyleManager, cb_style_manager, CB, STYLE_MANAGER, GObject)

CbStyleManager *cb_style_manager_new             (GDBusConnection *bus,
                                                  GtkSettings     *settings);
gboolean        cb_style_manager_get_dark        (CbStyleManager  *self);

G_END_DECLS
