/* cb-window.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-command-panel.h"
#include "cb-diagnostic.h"
#include "cb-form-view.h"
#include "cb-history-view.h"
#include "cb-page.h"
#include "cb-page-switcher.h"
#include "cb-run-view.h"
#include "cb-schema-problems.h"
#include "cb-session-jobs.h"
#include "cb-window-private.h"
#include "cb-wrap.h"

/**
 * CbWindow:
 *
 * A window on one project: a page per command schema, switched from the
 * header bar, or a page that lists the problems when the project cannot
 * be used. Notices go in a banner under the header bar, until dismissed;
 * a change the user made in one step (Reset, Apply, Use These Values)
 * says so at the bottom of the window for a few seconds, with Undo.
 */
G_DEFINE_FINAL_TYPE (CbWindow, cb_window, GTK_TYPE_APPLICATION_WINDOW)

static void
show_problems (CbWindow   *self,
               const char *title,
               const char *summary,
               const char *problems)
{
  g_free (self->problems);
  self->problems = g_strdup (problems);

  gtk_label_set_text (GTK_LABEL (self->problems_title), title);
  gtk_label_set_text (GTK_LABEL (self->problems_summary), summary);
  gtk_label_set_text (GTK_LABEL (self->problems_label), problems);
  gtk_widget_set_visible (self->problems_label, problems != NULL && problems[0] != '\0');
  gtk_widget_set_visible (self->switcher, FALSE);
  gtk_widget_set_visible (self->history_button, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "problems");
}

/* The page of a project that cannot be used: what is wrong, by its kind */
static void
show_session_error (CbWindow     *self,
                    const GError *error)
{
  switch (error->code)
    {
    case CB_SESSION_ERROR_NOT_A_PROJECT:
      show_problems (self, _("Not a Command Builder Project"),
                     _("A project folder has a cmdbuilder.yaml file that says where its "
                       "command schemas are. Open another folder, or add that file."),
                     error->message);
      break;
    case CB_SESSION_ERROR_PROJECT_FILE:
      show_problems (self, _("The Project Cannot Be Opened"), _("Its project file has an error."),
                     error->message);
      break;
    case CB_SESSION_ERROR_PROJECT_INVALID:
      show_problems (self, _("The Project Cannot Be Opened"), _("Its project file has errors."),
                     error->message);
      break;
    case CB_SESSION_ERROR_SCHEMAS_FOLDER:
      show_problems (self, _("The Project Cannot Be Opened"), _("Its schemas folder cannot be read."),
                     error->message);
      break;
    case CB_SESSION_ERROR_NO_SCHEMAS:
    default:
      show_problems (self, _("The Project Has No Forms"),
                     _("Add a command schema to its schemas folder."), error->message);
      break;
    }
}

static CbPage *
page_for_schema (CbWindow   *self,
                 const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->pages); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CB_IS_PAGE (child) && g_strcmp0 (cb_schema_get_id (cb_page_get_schema (CB_PAGE (child))), id) == 0)
      return CB_PAGE (child);

  return NULL;
}

/* "Use These Values": the run's values go back into its form */
static void
on_use_values (CbWindow        *self,
               CbHistoryRecord *record)
{
  CbPage *page = page_for_schema (self, cb_history_record_get_schema_id (record));
  g_autoptr(GVariant) values = cb_history_record_get_values (record);
  g_autoptr(GVariant) before = NULL;
  g_auto(GStrv) dropped = NULL;

  gtk_popover_popdown (GTK_POPOVER (self->history_popover));
  if (page == NULL || values == NULL)
    {
      cb_window_show_notice (self, _("The page of this run is gone."));
      return;
    }

  gtk_stack_set_visible_child (GTK_STACK (self->pages), GTK_WIDGET (page));
  cb_page_build (page);
  before = cb_form_get_user_values (cb_page_get_form (page));
  cb_form_reset (cb_page_get_form (page));
  dropped = cb_form_load_values (cb_page_get_form (page), values);
  cb_window_show_undo (self, _("The form has the values of that run."),
                       cb_page_get_form (page), before);
  if (dropped != NULL)
    {
      g_autofree char *keys = g_strjoinv (", ", dropped);
      g_autofree char *text = g_strdup_printf (_("Some values of that run no longer fit the form: %s."), keys);

      cb_window_show_notice (self, text);
    }
}

/* The window, or a dialog of its own such as the one that asks before
 * a job is cancelled, has the focus */
static gboolean
is_looked_at (CbWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (gtk_window_is_active (GTK_WINDOW (self)))
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_is_active (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        return TRUE;
    }
  return FALSE;
}

/* Tells the desktop that a run or job ended, unless the window is looked
 * at; its default action brings the window back. @tag names the
 * notification: a newer one of the same tag takes its place */
static void
notify_ended (CbWindow    *self,
              CbExecution *execution,
              const char  *tag,
              char        *title)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  guint window_id = gtk_application_window_get_id (GTK_APPLICATION_WINDOW (self));
  g_autofree char *owned_title = title;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  if (app == NULL || is_looked_at (self))
    return;

  body = cb_execution_get_status_text (execution);
  notification = g_notification_new (owned_title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.present-window", "u", window_id);
  id = g_strdup_printf ("%s-%u", tag, window_id);
  g_application_send_notification (app, id, notification);
}

/* A run that ends while the window is not looked at says so */
static void
on_run_finished (CbWindow *self,
                 CbRun    *run)
{
  notify_ended (self, CB_EXECUTION (run), "run",
                cb_run_get_state (run) == CB_RUN_STATE_SUCCEEDED
                  ? g_strdup_printf (_("The %s run finished"), cb_run_get_schema_id (run))
                  : g_strdup_printf (_("The %s run did not succeed"), cb_run_get_schema_id (run)));
}

/* A job that ends while the window is not looked at says so, as a run
 * does: it may have waited hours in the queue. One notification a job:
 * jobs end independently of each other */
static void
on_job_finished (CbWindow *self,
                 CbJobRun *job)
{
  CbExecution *execution = CB_EXECUTION (job);
  const char *page = cb_execution_get_schema_id (execution);
  g_autofree char *tag = g_strdup_printf ("job-%s", cb_job_run_get_id (job));

  notify_ended (self, execution, tag,
                cb_execution_get_state (execution) == CB_RUN_STATE_SUCCEEDED
                  /* Translators: the page of a Slurm job (“train”), then its id */
                  ? g_strdup_printf (_("The %s job %s finished"), page, cb_job_run_get_id (job))
                  : g_strdup_printf (_("The %s job %s did not succeed"), page,
                                     cb_job_run_get_id (job)));
}

static void
on_resubmitted (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbJobRun) job = cb_session_resubmit_finish (CB_SESSION (source), result, &error);

  /* Closed meanwhile, or another project opened: the job is followed
   * all the same */
  if (self->session != CB_SESSION (source))
    return;
  if (job == NULL)
    cb_window_show_notice (self, error->message);
}

/* "Resubmit": the job's page gets its values and its latest checkpoint,
 * and is submitted; the new job shows in the page's run view as it is */
static void
on_resubmit (CbWindow        *self,
             CbHistoryRecord *record)
{
  CbPage *page = page_for_schema (self, cb_history_record_get_schema_id (record));
  const char *id = cb_history_record_get_job_id (record);
  g_autoptr(CbJobRun) job = NULL;
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (GTK_POPOVER (self->history_popover));
  if (page == NULL || id == NULL)
    {
      cb_window_show_notice (self, _("The page of this run is gone."));
      return;
    }
  /* A job of an earlier session is not followed: its record has all a
   * resubmission needs */
  if (cb_session_lookup_job (self->session, id) != NULL)
    job = g_object_ref (cb_session_lookup_job (self->session, id));
  else if ((job = cb_job_run_new_from_record (record, cb_session_get_tracker (self->session),
                                              &error)) == NULL)
    {
      cb_window_show_notice (self, error->message);
      return;
    }

  gtk_stack_set_visible_child (GTK_STACK (self->pages), GTK_WIDGET (page));
  cb_page_build (page);
  cb_session_resubmit_async (self->session, job, NULL, on_resubmitted, g_object_ref (self));
}

/* The page title follows the schema's label */
static void
on_schema_changed (CbWindow *self,
                   guint     index)
{
  GtkWidget *page = cb_window_get_page (self, index);
  CbSchema *schema = cb_session_get_schema (self->session, index);

  if (page != NULL && schema != NULL)
    g_object_set (gtk_stack_get_page (GTK_STACK (self->pages), page),
                  "title", cb_schema_get_label (schema), NULL);
}

/* Stop is enabled while the page's command runs */
static void
on_page_built (CbWindow   *self,
               GParamSpec *pspec,
               CbPage     *page)
{
  g_signal_connect_object (cb_page_get_run_view (page), "notify::running",
                           G_CALLBACK (_cb_window_actions_update), self, G_CONNECT_SWAPPED);
}

static void
clear_pages (CbWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->pages)) != NULL)
    gtk_stack_remove (GTK_STACK (self->pages), child);
}

static void
add_pages (CbWindow *self)
{
  for (guint i = 0; i < cb_session_get_n_schemas (self->session); i++)
    {
      CbSchema *schema = cb_session_get_schema (self->session, i);
      const char *id = cb_session_get_schema_id (self->session, i);
      const char *problems = cb_session_get_schema_problems (self->session, i);
      GtkStackPage *page;

      if (schema == NULL)
        {
          /* Translators: the tab of a page whose schema file has errors */
          g_autofree char *title = g_strdup_printf (_("%s (Errors)"),
                                                    cb_session_get_schema_label (self->session, i));

          page = gtk_stack_add_titled (GTK_STACK (self->pages), cb_schema_problems_new (problems),
                                       id, title);
          gtk_stack_page_set_needs_attention (page, TRUE);
          continue;
        }

      {
        GtkWidget *form_page = cb_page_new (self->session, i);

        /* Before it is added: the first page is built as it is shown */
        g_signal_connect_object (form_page, "notify::built", G_CALLBACK (on_page_built), self,
                                 G_CONNECT_SWAPPED);
        gtk_stack_add_titled (GTK_STACK (self->pages), form_page, id, cb_schema_get_label (schema));
      }
    }
}

/* The first field of the page shown has the focus: where a user starts,
 * not the Copy button
 */
static void
focus_first_field (CbWindow *self)
{
  CbPage *page = _cb_window_get_form_page (self);

  if (page == NULL)
    return;
  cb_page_build (page);
  cb_form_view_focus_first_field (CB_FORM_VIEW (cb_page_get_form_view (page)));
}

static void
on_page_shown (CbWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (self->pages));

  _cb_window_actions_update (self);
  focus_first_field (self);
  if (page != NULL)
    cb_accessible_name_controls (page);
}

/* The session as it is now: its pages, or why it cannot be used */
static gboolean
show_session (CbWindow *self)
{
  const char *name = cb_session_get_name (self->session);
  g_autofree char *config = NULL;
  CbProject *project;
  GtkWidget *view;

  clear_pages (self);
  gtk_label_set_text (GTK_LABEL (self->project_label), name);
  gtk_widget_set_tooltip_text (self->project_button, self->folder);
  gtk_window_set_title (GTK_WINDOW (self), name);

  if (cb_session_get_error (self->session) != NULL)
    {
      show_session_error (self, cb_session_get_error (self->session));
      return FALSE;
    }

  view = cb_history_view_new (self->session);
  g_signal_connect_object (view, "use-values", G_CALLBACK (on_use_values), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "resubmit", G_CALLBACK (on_resubmit), self, G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (self->history_popover), view);
  add_pages (self);

  project = cb_session_get_project (self->session);
  config = cb_diagnostics_to_text (cb_project_get_config_diagnostics (project), FALSE);
  if (config[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Some files of the config tree could not be used:\n%s"),
                                               config);

      cb_window_show_notice (self, text);
    }

  g_clear_pointer (&self->problems, g_free);
  gtk_widget_set_visible (self->switcher, cb_session_get_n_schemas (self->session) > 1);
  gtk_widget_set_visible (self->history_button, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "pages");
  on_page_shown (self);
  return TRUE;
}

/* The project was loaded again: the same page stays in view */
static void
on_reloaded (CbWindow *self)
{
  g_autofree char *visible = g_strdup (gtk_stack_get_visible_child_name (GTK_STACK (self->pages)));

  show_session (self);
  if (visible != NULL && gtk_stack_get_child_by_name (GTK_STACK (self->pages), visible) != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->pages), visible);
}

/**
 * cb_window_load_project:
 * @folder: the project folder
 *
 * Opens the project in @folder in this window: a page per schema, or the
 * problems that keep it from opening.
 *
 * Returns: whether the project opened
 */
gboolean
cb_window_load_project (CbWindow   *self,
                        const char *folder)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (folder != self->folder)
    {
      g_free (self->folder);
      self->folder = g_strdup (folder);
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  clear_pages (self);
  g_clear_object (&self->session);

  self->session = cb_session_new (folder, CB_SESSION_STORE_VALUES | CB_SESSION_WATCH |
                                          CB_SESSION_TRACK_JOBS);
  g_signal_connect_object (self->session, "reloaded", G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "schema-changed", G_CALLBACK (on_schema_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "run-finished", G_CALLBACK (on_run_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "job-finished", G_CALLBACK (on_job_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notice", G_CALLBACK (cb_window_show_notice), self,
                           G_CONNECT_SWAPPED);
  cb_session_load (self->session, NULL);

  return show_session (self);
}

/**
 * cb_window_reload_project:
 *
 * Loads the window's project again from its files, as when its project
 * file is edited: what the user set, the runs and the history stay. A
 * project that could not be opened may open now.
 *
 * Returns: whether the project opened
 */
gboolean
cb_window_reload_project (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->session == NULL)
    return self->folder != NULL && cb_window_load_project (self, self->folder);

  /* The pages follow from CbSession::reloaded */
  return cb_session_reload (self->session);
}

/* Recent projects */

static void
update_recent (CbWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
}

/* Window state */

/**
 * cb_window_is_running:
 *
 * Returns: whether a command of the window is running
 */
gboolean
cb_window_is_running (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  return self->session != NULL && cb_session_is_running (self->session);
}

/**
 * cb_window_stop_runs:
 *
 * Stops every command of the window.
 */
void
cb_window_stop_runs (CbWindow *self)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  if (self->session != NULL)
    cb_session_stop_runs (self->session);
}

static void
on_close_response (GtkDialog *dialog,
                   int        response,
                   CbWindow  *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    {
      cb_window_stop_runs (self);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
cb_window_close_request (GtkWindow *window)
{
  CbWindow *self = CB_WINDOW (window);
  int width, height;

  /* A running command is not left behind without asking */
  if (!self->close_confirmed && cb_window_is_running (self))
    {
      GtkWidget *dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                                  _("Stop the Running Command?"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                                _("Closing the window stops the command and everything it started."));
      gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                              _("_Stop and Close"), GTK_RESPONSE_ACCEPT, NULL);
      gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                                "destructive-action");
      g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (self->session != NULL)
    cb_session_flush (self->session);

  return GTK_WINDOW_CLASS (cb_window_parent_class)->close_request (window);
}

static void
cb_window_dispose (GObject *object)
{
  CbWindow *self = CB_WINDOW (object);

  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_pointer (&self->undo_values, g_variant_unref);
  g_clear_pointer (&self->undo_schema, g_free);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_WINDOW);

  G_OBJECT_CLASS (cb_window_parent_class)->dispose (object);
}

static void
cb_window_finalize (GObject *object)
{
  CbWindow *self = CB_WINDOW (object);

  g_free (self->folder);
  g_free (self->problems);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_window_parent_class)->finalize (object);
}

static void
cb_window_class_init (CbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cb_window_dispose;
  object_class->finalize = cb_window_finalize;
  window_class->close_request = cb_window_close_request;

  g_type_ensure (CB_TYPE_PAGE_SWITCHER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CbWindow, project_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, project_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, history_popover);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, toast_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, problems_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, problems_summary);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_section);

  _cb_window_class_actions_init (klass);
}

static void
cb_window_init (CbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  g_signal_connect_object (self->pages, "notify::visible-child",
                           G_CALLBACK (on_page_shown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child",
                           G_CALLBACK (_cb_window_actions_update), self, G_CONNECT_SWAPPED);
  _cb_window_actions_update (self);
  cb_accessible_name_controls (GTK_WIDGET (self));
}

CbWindow *
cb_window_new (GtkApplication *application)
{
  return g_object_new (CB_TYPE_WINDOW, "application", application, NULL);
}

const char *
cb_window_get_folder (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  return self->folder;
}

/**
 * cb_window_get_project:
 *
 * Returns: (transfer none) (nullable): the project, when it opened
 */
CbProject *
cb_window_get_project (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  return self->session ? cb_session_get_project (self->session) : NULL;
}

/**
 * cb_window_get_session:
 *
 * Returns: (transfer none) (nullable): the session the window shows, once
 *   a project was opened in it
 */
CbSession *
cb_window_get_session (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  return self->session;
}

gboolean
cb_window_has_problems (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  return self->problems != NULL;
}

/**
 * cb_window_get_problems:
 *
 * Returns: (nullable): the problems shown instead of the project
 */
const char *
cb_window_get_problems (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  return self->problems;
}

guint
cb_window_get_n_pages (CbWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_WINDOW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->pages); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/**
 * cb_window_get_page:
 *
 * Returns: (transfer none) (nullable): the @index-th page: a #CbPage, or
 *   the problems of a schema that has errors
 */
GtkWidget *
cb_window_get_page (CbWindow *self,
                    guint     index)
{
  GtkWidget *child;

  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  for (child = gtk_widget_get_first_child (self->pages); child != NULL && index > 0;
       child = gtk_widget_get_next_sibling (child))
    index--;

  return child;
}

/**
 * cb_window_get_visible_page:
 *
 * Returns: (transfer none) (nullable): the page shown
 */
GtkWidget *
cb_window_get_visible_page (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child (GTK_STACK (self->pages));
}

void
cb_window_set_visible_page (CbWindow *self,
                            guint     index)
{
  GtkWidget *page;

  g_return_if_fail (CB_IS_WINDOW (self));

  page = cb_window_get_page (self, index);
  if (page != NULL)
    gtk_stack_set_visible_child (GTK_STACK (self->pages), page);
}

/**
 * cb_window_show_notice:
 *
 * Shows a message in a banner under the header bar, until dismissed.
 */
void
cb_window_show_notice (CbWindow   *self,
                       const char *text)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  cb_wrap_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->notice_revealer), TRUE);
}

/**
 * cb_window_get_notice:
 *
 * Returns: (nullable): the text of the banner, while it shows
 */
const char *
cb_window_get_notice (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->notice_revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->notice_label));
}

/* Undo */

static gboolean
toast_timed_out (gpointer data)
{
  CbWindow *self = data;

  /* Not while the user is on it */
  if (gtk_widget_get_state_flags (self->toast_revealer) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return G_SOURCE_CONTINUE;

  self->toast_timeout_id = 0;
  _cb_window_hide_toast (self);
  return G_SOURCE_REMOVE;
}

void
_cb_window_hide_toast (CbWindow *self)
{
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_pointer (&self->undo_values, g_variant_unref);
  g_clear_pointer (&self->undo_schema, g_free);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->toast_revealer), FALSE);
  _cb_window_actions_update (self);
}

/**
 * cb_window_show_undo:
 * @message: what was done, a full sentence
 * @form: the form it was done to
 * @values: the values the user had set before (cb_form_get_user_values())
 *
 * Says at the bottom of the window what was just done to @form, with
 * Undo, for %CB_WINDOW_TOAST_SECONDS; one such notice at a time. Undo
 * gives the form of the same schema back @values, whatever came between.
 */
void
cb_window_show_undo (CbWindow   *self,
                     const char *message,
                     CbForm     *form,
                     GVariant   *values)
{
  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (CB_IS_FORM (form));
  g_return_if_fail (values != NULL);

  _cb_window_hide_toast (self);
  self->undo_schema = g_strdup (cb_schema_get_id (cb_form_get_schema (form)));
  self->undo_values = g_variant_ref_sink (values);
  gtk_label_set_text (GTK_LABEL (self->toast_label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->toast_revealer), TRUE);
  self->toast_timeout_id = g_timeout_add_seconds (CB_WINDOW_TOAST_SECONDS, toast_timed_out, self);
  _cb_window_actions_update (self);
}

void
_cb_window_undo (CbWindow *self)
{
  int index = self->undo_schema ? cb_session_find_schema (self->session, self->undo_schema) : -1;
  CbForm *form = index >= 0 ? cb_session_get_form (self->session, index) : NULL;

  if (form != NULL && self->undo_values != NULL)
    cb_form_restore_values (form, self->undo_values);
  _cb_window_hide_toast (self);
}

/**
 * cb_window_get_toast:
 *
 * Returns: (nullable): what the notice with Undo says, while it shows
 */
const char *
cb_window_get_toast (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->toast_revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->toast_label));
}
