/* test-slurm-window.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-command-panel.h"
#include "cb-form-store.h"
#include "cb-history-row.h"
#include "cb-history-view.h"
#include "cb-job-run.h"
#include "cb-run-view.h"
#include "cb-session-jobs.h"
#include "cb-slurm-view.h"
#include "cb-test-slurm.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"

/* The Slurm side of the demo's Train page in the real window under Xvfb:
 * the switch that says where the page runs, stored with its values; the
 * batch script in the panel, as the core writes it, edited and reverted;
 * and, against the real one-node cluster of tests/slurm-cluster, a job
 * submitted from the window, followed in the run view to its end, in the
 * history, and cancelled only once the user says so.
 */

#define wait_until(cond) cb_test_wait_until (cond, 90)

#define find_named(root, name) cb_test_ui_find_descendant ((root), 0, (name))

static char *skip_reason;

/* The desktop's notification service, as the application reaches it on
 * the session bus: the titles of the notifications it was sent */
static GPtrArray *notified;
static guint notifications_object;
static guint notifications_name;

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  const char *summary;

  if (g_strcmp0 (method, "Notify") != 0)
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }
  g_variant_get_child (parameters, 3, "&s", &summary);
  g_ptr_array_add (notified, g_strdup (summary));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified->len));
}

static void
notifications_acquired (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  *(gboolean *)user_data = TRUE;
}

static void
serve_notifications (void)
{
  static const char introspection[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'>"
    "<arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
    "<arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "<arg type='u' direction='out'/>"
    "</method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (introspection, NULL);
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (cb_test_ui_get_app ()));
  gboolean owned = FALSE;

  notified = g_ptr_array_new_with_free_func (g_free);
  g_assert_nonnull (bus);
  notifications_object = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                            node->interfaces[0], &vtable, NULL,
                                                            NULL, NULL);
  g_assert_cmpuint (notifications_object, >, 0);
  notifications_name = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                                     G_BUS_NAME_OWNER_FLAGS_NONE,
                                                     notifications_acquired, NULL, &owned, NULL);
  wait_until (owned);
}

static void
stop_serving_notifications (void)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (cb_test_ui_get_app ()));

  g_bus_unown_name (notifications_name);
  g_dbus_connection_unregister_object (bus, notifications_object);
  g_ptr_array_unref (notified);
}

static gboolean
was_notified (const char *title)
{
  for (guint i = 0; i < notified->len; i++)
    if (g_strcmp0 (g_ptr_array_index (notified, i), title) == 0)
      return TRUE;
  return FALSE;
}

/* A copy of the demo: its jobs write to the project's outputs */
static char *
copy_demo (void)
{
  g_autofree char *demo = cb_test_ui_demo_dir ();
  g_autofree char *from = g_build_filename (demo, ".", NULL);
  char *dir = cb_test_make_tempdir ();
  const char *argv[] = { "cp", "-r", from, dir, NULL };

  g_assert_cmpint (cb_test_run (argv, NULL, NULL, NULL), ==, 0);
  return dir;
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static CbSlurmForm *
slurm_of (CbWindow *window,
          CbPage   *page)
{
  CbSession *session = cb_window_get_session (window);

  return cb_session_get_slurm_form (session, cb_session_find_schema (session, "train"));
}

static char *
stored_slurm (CbPage *page)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) stored = NULL;
  CbProject *project = cb_form_get_project (cb_page_get_form (page));

  cb_form_store_flush (cb_page_get_store (page));
  settings = cb_form_store_create_settings (cb_project_get_root (project), "train");
  stored = g_settings_get_value (settings, "slurm");
  return g_variant_print (stored, FALSE);
}

/* Where the page runs: the switch of the run view, stored as the page's
 * values, the job's resources under the form and the script in the panel
 * while it is Slurm; the script is the core's, follows the form, and when
 * edited says so until reverted. Needs no cluster.
 */
static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Whether the top of @widget shows in the scrolled window @scroller */
static gboolean
shown_in (GtkWidget *scroller,
          GtkWidget *widget)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (widget, scroller, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y < gtk_widget_get_height (scroller);
}

static void
test_target_and_script (void)
{
  g_autofree char *dir = copy_demo ();
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  CbWindow *window = cb_test_ui_open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkWidget *run_view = cb_page_get_run_view (page);
  GtkWidget *panel = cb_page_get_panel (page);
  CbSlurmForm *slurm = slurm_of (window, page);
  GtkWidget *to_slurm = find_named (run_view, "target-slurm");
  GtkWidget *to_local = find_named (run_view, "target-local");
  GtkWidget *script_view = find_named (panel, "script");
  GtkWidget *edited_box = find_named (panel, "script-edited-box");
  GtkWidget *run_button = find_named (run_view, "run-button");

  g_assert_nonnull (slurm);
  g_assert_nonnull (to_slurm);
  g_assert_true (gtk_widget_get_visible (find_named (run_view, "target-box")));
  g_assert_cmpint (cb_slurm_form_get_target (slurm), ==, CB_RUN_TARGET_LOCAL);
  /* The job's resources are not built before the page runs on Slurm */
  g_assert_null (cb_page_get_slurm_view (page));
  g_assert_false (gtk_widget_is_drawable (script_view));
  g_assert_false (cb_page_get_one_column (page));

  /* Switched to Slurm: stored, the rows and the script show, Run submits */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (to_slurm), TRUE);
  g_assert_cmpint (cb_slurm_form_get_target (slurm), ==, CB_RUN_TARGET_SLURM);
  stored = stored_slurm (page);
  g_assert_nonnull (strstr (stored, "'target': <'slurm'>"));
  g_assert_true (gtk_widget_get_visible (cb_page_get_slurm_view (page)));
  cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_is_drawable (script_view));
  /* and the form scrolls down to the rows, under its last field */
  {
    GtkWidget *scroller = cb_test_ui_find_descendant (cb_page_get_form_view (page),
                                                      GTK_TYPE_SCROLLED_WINDOW, NULL);

    GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    wait_until (shown_in (scroller, cb_page_get_slurm_view (page)));
    cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
    g_assert_true (shown_in (scroller, cb_page_get_slurm_view (page)));

    /* and again from the middle of the form */
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (to_local), TRUE);
    gtk_adjustment_set_value (vadjustment, (gtk_adjustment_get_upper (vadjustment) -
                                            gtk_adjustment_get_page_size (vadjustment)) / 3);
    cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (to_slurm), TRUE);
    wait_until (shown_in (scroller, cb_page_get_slurm_view (page)));
    cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
    g_assert_true (shown_in (scroller, cb_page_get_slurm_view (page)));
  }
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (run_button)), ==, "_Submit");
  shown = text_of (GTK_TEXT_VIEW (script_view));
  g_assert_cmpstr (shown, ==, cb_slurm_form_get_script (slurm));
  g_assert_true (g_str_has_prefix (shown, "#!/bin/bash\n"));
  g_assert_nonnull (strstr (shown, "#SBATCH --partition=debug\n"));
  g_clear_pointer (&shown, g_free);

  /* The script follows the form and the job's resources, live */
  gtk_editable_set_text (GTK_EDITABLE (cb_test_ui_input_of (page, "exp_name")), "from_window");
  gtk_editable_set_text (GTK_EDITABLE (find_named (cb_page_get_slurm_view (page), "slurm-time")),
                         "7");
  shown = text_of (GTK_TEXT_VIEW (script_view));
  g_assert_cmpstr (shown, ==, cb_slurm_form_get_script (slurm));
  g_assert_nonnull (strstr (shown, " exp_name=from_window"));
  g_assert_nonnull (strstr (shown, "#SBATCH --time=00:07:00\n"));
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&stored, g_free);
  stored = stored_slurm (page);
  g_assert_nonnull (strstr (stored, "'time': <'00:07:00'>"));

  /* A time that is no time stays as typed, and keeps the job from being
   * submitted */
  gtk_editable_set_text (GTK_EDITABLE (find_named (cb_page_get_slurm_view (page), "slurm-time")),
                         "soon");
  {
    g_autofree char *error = cb_slurm_view_get_input_error (CB_SLURM_VIEW (cb_page_get_slurm_view (page)));

    g_assert_nonnull (error);
    g_assert_false (cb_run_view_run (CB_RUN_VIEW (run_view)));
    g_assert_cmpstr (cb_run_view_get_status (CB_RUN_VIEW (run_view)), ==, error);
    g_assert_null (cb_run_view_get_execution (CB_RUN_VIEW (run_view)));
  }
  gtk_editable_set_text (GTK_EDITABLE (find_named (cb_page_get_slurm_view (page), "slurm-time")),
                         "");
  g_assert_null (cb_slurm_view_get_input_error (CB_SLURM_VIEW (cb_page_get_slurm_view (page))));

  /* Edited by hand: it says so, the form no longer reaches it; Revert */
  g_assert_false (gtk_widget_get_visible (edited_box));
  {
    g_autofree char *edited = g_strconcat (cb_slurm_form_get_script (slurm), "echo by hand\n",
                                           NULL);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (script_view)), edited, -1);
    g_assert_true (cb_slurm_form_is_script_edited (slurm));
    g_assert_cmpstr (cb_slurm_form_get_script (slurm), ==, edited);
    g_assert_true (gtk_widget_get_visible (edited_box));
    gtk_editable_set_text (GTK_EDITABLE (cb_test_ui_input_of (page, "exp_name")), "later");
    shown = text_of (GTK_TEXT_VIEW (script_view));
    g_assert_cmpstr (shown, ==, edited);
    g_clear_pointer (&shown, g_free);
  }
  g_signal_emit_by_name (find_named (panel, "script-revert-button"), "clicked");
  g_assert_false (cb_slurm_form_is_script_edited (slurm));
  g_assert_false (gtk_widget_get_visible (edited_box));
  shown = text_of (GTK_TEXT_VIEW (script_view));
  g_assert_cmpstr (shown, ==, cb_slurm_form_get_generated_script (slurm));
  g_assert_nonnull (strstr (shown, " exp_name=later"));

  /* Back on this computer: the job's rows go, Run runs */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (to_local), TRUE);
  g_assert_cmpint (cb_slurm_form_get_target (slurm), ==, CB_RUN_TARGET_LOCAL);
  g_assert_false (gtk_widget_get_visible (cb_page_get_slurm_view (page)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (run_button)), ==, "_Run");

  /* Slurm is remembered for the next window */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (to_slurm), TRUE);
  cb_form_store_flush (cb_page_get_store (page));
  cb_test_ui_close_window (window);
  window = cb_test_ui_open_window (dir);
  page = CB_PAGE (cb_window_get_visible_page (window));
  g_assert_cmpint (cb_slurm_form_get_target (slurm_of (window, page)), ==, CB_RUN_TARGET_SLURM);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (cb_page_get_run_view (page),
                                                                             "target-slurm"))));
  g_assert_true (gtk_widget_get_visible (cb_page_get_slurm_view (page)));

  /* Its three tabs still fit a phone's width: the page needs no more */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                        NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static char *
log_text (CbRunView *view)
{
  GtkTextBuffer *buffer = cb_run_view_get_log (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
log_has (CbRunView  *view,
         const char *text)
{
  g_autofree char *log = log_text (view);

  return strstr (log, text) != NULL;
}

static CbHistoryRecord *
record_of (CbWindow   *window,
           const char *id)
{
  GListModel *history = G_LIST_MODEL (cb_session_get_history (cb_window_get_session (window)));

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (history, i);

      if (g_strcmp0 (cb_history_record_get_job_id (record), id) == 0)
        return g_steal_pointer (&record);
    }
  return NULL;
}

/* The Train page of a new window on @dir, switched to Slurm through its
 * run view, with its own experiment folder and as many epochs as the test
 * needs; the job tracker asks often */
static CbRunView *
open_train_on_slurm (const char  *dir,
                     const char  *exp_name,
                     gint64       epochs,
                     CbWindow   **window)
{
  CbPage *page;
  CbRunView *view;
  CbForm *form;

  *window = cb_test_ui_open_window (dir);
  page = CB_PAGE (cb_window_get_visible_page (*window));
  view = CB_RUN_VIEW (cb_page_get_run_view (page));
  form = cb_page_get_form (page);
  cb_slurm_tracker_set_poll_interval (cb_session_get_tracker (cb_window_get_session (*window)),
                                      200, 1000);

  cb_form_set_value (form, "exp_name", g_variant_new_string (exp_name));
  cb_form_set_value (form, "append_model_to_name", g_variant_new_boolean (FALSE));
  cb_form_set_value (form, "max_epochs", g_variant_new_int64 (epochs));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (GTK_WIDGET (view), "target-slurm")),
                                TRUE);
  return view;
}

/* A label under @widget, shown, says @text */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* The rows of the job's resources offer what the cluster has, and its
 * partition's time limit bounds the time: over it, the row says so and
 * nothing is submitted */
static void
check_cluster_bounds (CbWindow  *window,
                      CbRunView *view)
{
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkWidget *slurm_view = cb_page_get_slurm_view (page);
  CbSlurmCluster *cluster = cb_session_get_cluster (cb_window_get_session (window));
  GtkWidget *partitions = find_named (slurm_view, "slurm-partition-choices");
  GtkWidget *time = find_named (slurm_view, "slurm-time");
  GtkWidget *row = cb_slurm_view_get_row (CB_SLURM_VIEW (slurm_view), "time");
  GListModel *items;
  g_autofree char *status = NULL;

  wait_until (cb_slurm_cluster_is_loaded (cluster));
  cb_test_ui_wait_frames (GTK_WIDGET (window), 1);
  g_assert_true (gtk_widget_get_child_visible (partitions));
  items = gtk_drop_down_get_model (GTK_DROP_DOWN (partitions));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 0), ==, "debug (default)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 2), ==, "short");

  gtk_editable_set_text (GTK_EDITABLE (time), "100");
  g_assert_true (gtk_widget_has_css_class (time, "error"));
  g_assert_true (shows_text (row, "Time limit: 1 hour 40 minutes is more than partition “debug” "
                                 "allows (30 minutes)."));
  g_assert_true (cb_run_view_run (view));
  wait_until (!g_str_equal (cb_run_view_get_status (view), "Submitting the job…"));
  g_assert_null (cb_run_view_get_execution (view));
  g_assert_nonnull (strstr (cb_run_view_get_status (view), "more than partition “debug” allows"));
  gtk_editable_set_text (GTK_EDITABLE (time), "");
  g_assert_false (gtk_widget_has_css_class (time, "error"));
}

/* Submitted from the window: the job's id at once, its output in the run
 * view as the job writes it, with its progress, to the end; in the
 * history as completed, with nothing to resubmit
 */
static void
test_submit_and_follow (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *status = NULL;
  g_autoptr(CbJobRun) job = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  GtkWidget *other;
  CbWindow *window;
  CbRunView *view;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  dir = copy_demo ();
  view = open_train_on_slurm (dir, "windowed", 2, &window);

  check_cluster_bounds (window, view);

  /* Another window has the focus while the job runs */
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  wait_until (!gtk_window_is_active (GTK_WINDOW (window)));

  /* The demo's runner skips its pauses; the job has the environment */
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  cb_test_ui_press (GTK_WIDGET (window), "<Control>Return");
  g_assert_cmpstr (cb_run_view_get_status (view), ==, "Submitting the job…");
  wait_until (CB_IS_JOB_RUN (cb_run_view_get_execution (view)));
  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  job = g_object_ref (CB_JOB_RUN (cb_run_view_get_execution (view)));
  g_assert_true (cb_run_view_get_shown (view) == CB_EXECUTION (job));

  /* The id at once, in the output's first line */
  status = g_strdup_printf ("Submitted as job %s", cb_job_run_get_id (job));
  g_assert_true (log_has (view, status));
  g_assert_true (cb_run_view_get_running (view));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (view), "stop-button")));

  /* Another submission, refused for the form's errors, says so while the
   * job goes on, until they are fixed */
  {
    GtkWidget *name = cb_test_ui_input_of (CB_PAGE (cb_window_get_visible_page (window)), "exp_name");
    g_autofree char *kept = g_strdup (gtk_editable_get_text (GTK_EDITABLE (name)));
    g_autofree char *refused = NULL;
    gboolean changed = FALSE;
    gulong id;

    gtk_editable_set_text (GTK_EDITABLE (name), "");
    cb_run_view_run (view);
    wait_until (strstr (cb_run_view_get_status (view), "errors") != NULL);
    refused = g_strdup (cb_run_view_get_status (view));
    id = g_signal_connect_swapped (job, "changed", G_CALLBACK (set_flag), &changed);
    wait_until (changed);
    g_signal_handler_disconnect (job, id);
    g_assert_cmpstr (cb_run_view_get_status (view), ==, refused);
    gtk_editable_set_text (GTK_EDITABLE (name), kept);
    g_assert_cmpstr (cb_run_view_get_status (view), !=, refused);
  }

  /* Followed to its end, as a run on this computer is; it ended while
   * another window had the focus, so the desktop was told */
  wait_until (cb_job_run_is_finished (job));
  title = g_strdup_printf ("The train job %s finished", cb_job_run_get_id (job));
  wait_until (was_notified (title));
  gtk_window_destroy (GTK_WINDOW (other));
  wait_until (!cb_run_view_get_running (view));
  g_assert_cmpint (cb_execution_get_state (CB_EXECUTION (job)), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_true (log_has (view, "Command Builder demo runner: train"));
  g_assert_true (log_has (view, "Epoch 2/2"));
  g_assert_cmpfloat (cb_execution_get_progress (CB_EXECUTION (job)), ==, 1.0);
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (view), "stop-button")));

  /* In the history, completed: a row without Resubmit */
  wait_until ((record = record_of (window, cb_job_run_get_id (job))) != NULL &&
              cb_history_record_get_state (record) == CB_RUN_STATE_SUCCEEDED);
  summary = cb_history_record_get_summary (record);
  g_assert_true (g_str_has_suffix (summary, ": Completed"));
  g_assert_false (cb_history_row_can_resubmit (record));

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

/* The job wrote a checkpoint the project's checkpoints list has */
static gboolean
has_checkpoint (CbWindow *window,
                CbJobRun *job)
{
  g_autofree char *path = cb_session_find_resume_checkpoint (cb_window_get_session (window), job);

  return path != NULL;
}

/* Stop asks first: Keep the Job leaves it running; Cancel Job is
 * scancel. The cancelled job's history row offers Resubmit, which sends
 * the page again from the job's newest checkpoint, into the run view.
 */
static void
test_cancel_and_resubmit (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(CbJobRun) job = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  CbJobRun *again;
  CbWindow *window;
  CbRunView *view;
  GtkWidget *dialog;

  CB_TEST_SLURM_REQUIRE (skip_reason);

  dir = copy_demo ();
  view = open_train_on_slurm (dir, "cancelled", 100, &window);
  g_assert_true (cb_run_view_run (view));
  wait_until (CB_IS_JOB_RUN (cb_run_view_get_execution (view)));
  job = g_object_ref (CB_JOB_RUN (cb_run_view_get_execution (view)));
  wait_until (log_has (view, "Saved checkpoint outputs/cancelled/checkpoints/epoch=00-"));
  wait_until (has_checkpoint (window, job));

  /* Kept */
  cb_run_view_stop (view);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  cb_test_ui_drain ();
  g_assert_null (find_dialog ());
  g_assert_true (cb_execution_is_running (CB_EXECUTION (job)));

  /* Cancelled */
  cb_test_ui_press (GTK_WIDGET (view), "Escape");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_until (cb_job_run_is_finished (job));
  g_assert_cmpint (cb_slurm_job_get_state (cb_job_run_get_job (job)), ==, CB_SLURM_JOB_CANCELLED);
  wait_until (!cb_run_view_get_running (view));

  /* Its row offers Resubmit; the new job shows in the run view */
  wait_until ((record = record_of (window, cb_job_run_get_id (job))) != NULL &&
              cb_history_record_get_state (record) == CB_RUN_STATE_STOPPED);
  g_assert_true (cb_history_row_can_resubmit (record));
  g_signal_emit_by_name (cb_test_ui_find_descendant (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW, NULL),
                         "resubmit", record);
  wait_until (cb_run_view_get_execution (view) != CB_EXECUTION (job));
  again = CB_JOB_RUN (cb_run_view_get_execution (view));
  g_assert_cmpstr (cb_job_run_get_id (again), !=, cb_job_run_get_id (job));
  g_assert_nonnull (strstr (cb_job_run_get_script (again), " 'resume=\"outputs/cancelled/checkpoints/epoch="));
  cb_execution_stop (CB_EXECUTION (again));
  wait_until (cb_job_run_is_finished (again));

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cluster = NULL;
  int status;

  cb_test_ui_init (&argc, &argv);
  serve_notifications ();

  cluster = cb_test_slurm_start (&skip_reason);
  if (skip_reason != NULL)
    g_printerr ("%s\n", skip_reason);

  g_test_add_func ("/slurm-window/target-and-script", test_target_and_script);
  g_test_add_func ("/slurm-window/submit-and-follow", test_submit_and_follow);
  g_test_add_func ("/slurm-window/cancel-and-resubmit", test_cancel_and_resubmit);

  status = g_test_run ();

  cb_test_slurm_stop (cluster);
  g_free (skip_reason);
  stop_serving_notifications ();
  cb_test_ui_finish ();
  return status;
}
