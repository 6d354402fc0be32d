/* cb-command-panel.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cb-form.h"
#include "cb-slurm-form.h"

G_BEGIN_DECLS

#define CB_TYPE_COMMAND_PANEL (cb_command_panel_get_type ())

G_DECLARE_FINAL_TYPE (CbCommandPanel, cb_command_panel, CB, COMMAND_PANEL, GtkWidget)

GtkWidget  *cb_command_panel_new         (CbForm         *form);
void        cb_command_panel_set_form    (CbCommandPanel *self,
                                          CbForm         *form);
char       *cb_command_panel_get_text    (CbCommandPanel *self);
gboolean    cb_command_panel_get_edited  (CbCommandPanel *self);
void        cb_command_panel_revert      (CbCommandPanel *self);
void        cb_command_panel_copy        (CbCommandPanel *self);
GtkWidget  *cb_command_panel_get_run_box (CbCommandPanel *self);
void        cb_command_panel_set_below   (CbCommandPanel *self,
                                          gboolean        below);
void        cb_command_panel_set_errors_revealed (CbCommandPanel *self,
                                                  gboolean        revealed);
void        cb_command_panel_set_compact (CbCommandPanel *self,
                                          gboolean        compact);
void        cb_command_panel_set_command_height (CbCommandPanel *self,
                                                 int             height);
void        cb_command_panel_show_overrides (CbCommandPanel *self,
                                             gboolean        overrides);
void        cb_command_panel_set_slurm_form (CbCommandPanel *self,
                                             CbSlurmForm    *slurm);
char       *cb_command_panel_get_script_text (CbCommandPanel *self);
void        cb_command_panel_revert_script  (CbCommandPanel *self);

G_END_DECLS
