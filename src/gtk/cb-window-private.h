/* cb-window-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-page.h"
#include "cb-window.h"

G_BEGIN_DECLS

struct _CbWindow
{
  GtkApplicationWindow  parent_instance;

  char                 *folder;
  CbSession            *session;
  GSettings            *settings;
  char                 *problems;
  gboolean              close_confirmed;

  /* The values a change replaced, while its notice offers Undo */
  char                 *undo_schema;
  GVariant             *undo_values;
  guint                 toast_timeout_id;

  GtkWidget            *project_button;
  GtkWidget            *project_label;
  GtkWidget            *switcher;
  GtkWidget            *history_button;
  GtkWidget            *history_popover;
  GtkWidget            *notice_revealer;
  GtkWidget            *notice_label;
  GtkWidget            *toast_revealer;
  GtkWidget            *toast_label;
  GtkWidget            *main_stack;
  GtkWidget            *pages;
  GtkWidget            *problems_title;
  GtkWidget            *problems_summary;
  GtkWidget            *problems_label;
  GMenu                *recent_section;
};

/* How long a notice with Undo shows */
#define CB_WINDOW_TOAST_SECONDS 8

void    _cb_window_class_actions_init (CbWindowClass *klass);
void    _cb_window_actions_update     (CbWindow      *self);
CbPage *_cb_window_get_form_page      (CbWindow      *self);
void    _cb_window_hide_toast         (CbWindow      *self);
void    _cb_window_undo               (CbWindow      *self);

G_END_DECLS
