/* cb-application.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_APPLICATION (cb_application_get_type ())

G_DECLARE_FINAL_TYPE (CbApplication, cb_application, CB, APPLICATION, GtkApplication)

typedef struct _CbWindow CbWindow;

CbApplication *cb_application_new          (void);
CbWindow      *cb_application_open_project (CbApplication *self,
                                            const char    *folder);

G_END_DECLS
