/* cb-window-actions.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-command-panel.h"
#include "cb-form-view.h"
#include "cb-run-view.h"
#include "cb-window-private.h"

/* The window's actions, installed on the class: every `win.` action of
 * the menus, buttons and keyboard shortcuts (their accelerators are the
 * application's, set in one place when it starts), and the one function
 * that says which are enabled.
 */

/**
 * _cb_window_get_form_page:
 *
 * Returns: (transfer none) (nullable): the page shown, when it is a form
 */
CbPage *
_cb_window_get_form_page (CbWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (self->pages));

  if (gtk_stack_get_visible_child (GTK_STACK (self->main_stack)) != self->pages)
    return NULL;
  return CB_IS_PAGE (child) ? CB_PAGE (child) : NULL;
}

/**
 * _cb_window_actions_update:
 *
 * The form's actions are there while a form is shown; Stop while its
 * command runs; Undo while its notice shows.
 */
void
_cb_window_actions_update (CbWindow *self)
{
  CbPage *page = _cb_window_get_form_page (self);
  gboolean has_form = page != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-form", has_form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-command", has_form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", has_form);
  /* Only while it runs: Ctrl+. is also a text field's emoji chooser */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop",
                                 has_form && cb_page_is_running (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->undo_values != NULL);
}

/* The page shown, built: the actions work before its first frame */
static CbPage *
built_form_page (GtkWidget *widget)
{
  CbPage *page = _cb_window_get_form_page (CB_WINDOW (widget));

  if (page != NULL)
    cb_page_build (page);
  return page;
}

static void
reset_form_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CbPage *page = built_form_page (widget);
  g_autoptr(GVariant) before = NULL;

  if (page == NULL)
    return;

  before = cb_form_get_user_values (cb_page_get_form (page));
  cb_form_reset (cb_page_get_form (page));
  if (g_variant_n_children (before) > 0)
    cb_window_show_undo (CB_WINDOW (widget), _("The form is back to its defaults."),
                         cb_page_get_form (page), before);
}

/* “show-undo”: a part of the window changed a form in one step, such as
 * a setup applied; @param is (message, schema id, the values before)
 */
static void
show_undo_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GVariant) values = NULL;
  const char *message, *schema_id;
  int index;

  g_variant_get (param, "(&s&s@a{sv})", &message, &schema_id, &values);
  index = self->session ? cb_session_find_schema (self->session, schema_id) : -1;
  if (index >= 0 && cb_session_get_form (self->session, index) != NULL)
    cb_window_show_undo (self, message, cb_session_get_form (self->session, index), values);
}

/* While the notice shows: after it, Ctrl+Z is the text fields' own again
 * (a disabled action lets its keys through)
 */
static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _cb_window_undo (CB_WINDOW (widget));
}

static void
dismiss_toast_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  _cb_window_hide_toast (CB_WINDOW (widget));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
copy_command_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CbPage *page = built_form_page (widget);

  if (page != NULL)
    cb_command_panel_copy (CB_COMMAND_PANEL (cb_page_get_panel (page)));
}

/* A form with errors does not run: what was an empty state (nothing to
 * choose yet) shows as the error it is now
 */
static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CbPage *page = built_form_page (widget);

  if (page == NULL)
    return;
  if (cb_form_has_errors (cb_page_get_form (page)))
    cb_form_view_reveal_errors (CB_FORM_VIEW (cb_page_get_form_view (page)));
  cb_run_view_run (CB_RUN_VIEW (cb_page_get_run_view (page)));
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CbPage *page = built_form_page (widget);

  if (page != NULL)
    cb_run_view_stop (CB_RUN_VIEW (cb_page_get_run_view (page)));
}

static void
page_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  int index = g_variant_get_int32 (param);

  if (index >= 1 && (guint)index <= cb_window_get_n_pages (self))
    cb_window_set_visible_page (self, index - 1);
}

static void
on_folder_chosen (CbWindow        *self,
                  int              response,
                  GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (self))),
                                        "open-recent", g_variant_new_string (path));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_project_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Project Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (self->folder != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (self->folder);
      g_autoptr(GFile) parent = g_file_get_parent (current);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_folder_chosen), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
dismiss_notice_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->notice_revealer), FALSE);
}

/* The keys of each shortcut that names an action are the application's
 * accelerators for it, set in one place (cb-application.c): a window not
 * made with gtk_application_window_set_help_overlay() does not look them
 * up itself
 */
static void
fill_accelerators (GtkWidget      *widget,
                   GtkApplication *app)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action == NULL || accelerator != NULL)
        return;

      accels = gtk_application_get_accels_for_action (app, action);
      if (accels[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (" ", accels);

          g_object_set (widget, "accelerator", joined, NULL);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fill_accelerators (child, app);
}

/* Built when first asked for, not with every window */
static void
show_shortcuts_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/cb-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  if (gtk_window_get_application (GTK_WINDOW (widget)) != NULL)
    fill_accelerators (GTK_WIDGET (shortcuts), gtk_window_get_application (GTK_WINDOW (widget)));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

void
_cb_window_class_actions_init (CbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_activated);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_activated);
  gtk_widget_class_install_action (widget_class, "win.reset-form", NULL, reset_form_activated);
  gtk_widget_class_install_action (widget_class, "win.copy-command", NULL, copy_command_activated);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_activated);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.dismiss-toast", NULL,
                                   dismiss_toast_activated);
  gtk_widget_class_install_action (widget_class, "win.show-undo", "(ssa{sv})", show_undo_activated);
  gtk_widget_class_install_action (widget_class, "win.page", "i", page_activated);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL,
                                   dismiss_notice_activated);
}
