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

  GtkWidget            *project_button;
  GtkWidget            *project_label;
  GtkWidget            *switcher;
  GtkWidget            *history_button;
  GtkWidget            *history_popover;
  GtkWidget            *notice_revealer;
  GtkWidget            *notice_label;
  GtkWidget            *main_stack;
  GtkWidget            *pages;
  GtkWidget            *problems_title;
  GtkWidget            *problems_summary;
  GtkWidget            *problems_label;
  GMenu                *recent_section;
};

void    _cb_window_class_actions_init (CbWindowClass *klass);
void    _cb_window_actions_update     (CbWindow      *self);
CbPage *_cb_window_get_form_page      (CbWindow      *self);

G_END_DECLS
