/* test-flow.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "cb-drop-down.h"
#include "cb-field-row.h"
#include "cb-history-view.h"
#include "cb-option.h"
#include "cb-page-switcher.h"
#include "cb-run-view.h"
#include "cb-setup-card.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"

/* The main flow as a user walks it, in the real application under Xvfb:
 * train a model, then test it; change the form and take it back.
 */

#define wait_until(cond) cb_test_wait_until (cond, 20)

static const char *
value_of (CbPage     *page,
          const char *key)
{
  return cb_test_form_string (cb_page_get_form (page), key);
}

static const char *
shown_option (GtkWidget *dropdown)
{
  CbOption *option = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return option ? cb_option_get_value (option) : NULL;
}

static double
y_in (GtkWidget *widget,
      GtkWidget *ancestor)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, ancestor, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* Runs the page's command, as Ctrl+Return does, and waits until it ends */
static CbRunState
run_to_end (CbWindow *window,
            CbPage   *page)
{
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  g_autoptr(CbRun) run = NULL;

  g_assert_true (cb_window_get_visible_page (window) == GTK_WIDGET (page));
  cb_test_ui_press (GTK_WIDGET (window), "<Control>Return");
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (!cb_run_is_running (run));
  return cb_run_get_state (run);
}

/* A psenet/convnext_tiny model is trained: the Test page takes its
 * checkpoint and the model it was trained with, and says so; a later
 * train replaces what was filled in, and says so too
 */
static void
test_flow_train_then_test_carries_model (void)
{
  g_autofree char *dir = cb_test_ui_demo_dir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  CbWindow *window;
  CbPage *train, *test, *predict;
  g_autofree char *first = NULL;

  cb_test_remove_tree (outputs);
  window = cb_test_ui_open_demo ();
  train = CB_PAGE (cb_window_get_page (window, 0));
  test = CB_PAGE (cb_window_get_page (window, 1));
  predict = CB_PAGE (cb_window_get_page (window, 2));
  cb_test_ui_reset_demo (window);
  cb_window_set_visible_page (window, 0);

  cb_test_ui_select_option (cb_test_ui_input_of (train, "architecture"), "psenet");
  cb_test_ui_select_option (cb_test_ui_input_of (train, "encoder"), "convnext_tiny");
  gtk_range_set_value (GTK_RANGE (cb_test_ui_input_of (train, "max_epochs")), 2);
  g_assert_cmpint (run_to_end (window, train), ==, CB_RUN_STATE_SUCCEEDED);

  wait_until (strstr (value_of (test, "checkpoint"), "/checkpoints/epoch=01-") != NULL);
  g_assert_cmpstr (value_of (test, "architecture"), ==, "psenet");
  g_assert_cmpstr (value_of (test, "encoder"), ==, "convnext_tiny");
  /* The decoder, head and loss follow as the run had them */
  g_assert_cmpstr (value_of (test, "head"), ==, "pse_head");
  g_assert_cmpstr (value_of (test, "loss"), ==, value_of (train, "loss"));
  g_assert_cmpstr (value_of (predict, "architecture"), ==, "psenet");
  first = g_strdup (value_of (test, "checkpoint"));

  /* The drop-downs show it */
  cb_window_set_visible_page (window, 1);
  cb_test_ui_drain ();
  g_assert_cmpstr (shown_option (cb_test_ui_input_of (test, "architecture")), ==, "psenet");
  g_assert_cmpstr (shown_option (cb_test_ui_input_of (test, "encoder")), ==, "convnext_tiny");
  g_assert_cmpstr (shown_option (cb_test_ui_input_of (test, "checkpoint")), ==, first);

  /* And the window says what changed */
  g_assert_nonnull (cb_window_get_notice (window));
  g_assert_nonnull (strstr (cb_window_get_notice (window), "Backbone: convnext_tiny"));
  g_assert_nonnull (strstr (cb_window_get_notice (window), "Architecture: psenet"));

  /* A later train, another backbone: the filled-in checkpoint is
   * replaced, with a notice that says so
   */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-notice", NULL);
  g_assert_null (cb_window_get_notice (window));
  cb_window_set_visible_page (window, 0);
  cb_test_ui_select_option (cb_test_ui_input_of (train, "encoder"), "resnet50");
  gtk_editable_set_text (GTK_EDITABLE (cb_test_ui_input_of (train, "exp_name")), "second");
  g_assert_cmpint (run_to_end (window, train), ==, CB_RUN_STATE_SUCCEEDED);
  wait_until (g_strcmp0 (value_of (test, "checkpoint"), first) != 0 &&
              strstr (value_of (test, "checkpoint"), "/checkpoints/epoch=01-") != NULL);
  g_assert_cmpstr (value_of (test, "encoder"), ==, "resnet50");
  wait_until (cb_window_get_notice (window) != NULL);
  g_assert_nonnull (strstr (cb_window_get_notice (window), value_of (test, "checkpoint")));
  g_assert_nonnull (strstr (cb_window_get_notice (window), "Backbone: resnet50"));

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
  cb_test_remove_tree (outputs);
}

static GtkWidget *
row_of (CbPage     *page,
        const char *key)
{
  return cb_page_get_row (page, cb_test_ui_field_index (page, key));
}

static GtkWidget *
spin_of (CbPage     *page,
         const char *key)
{
  return cb_field_row_get_spin_button (CB_FIELD_ROW (row_of (page, key)));
}

static char *
message_of (CbPage     *page,
            const char *key)
{
  /* The message is the last widget of the row */
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row_of (page, key)));
  GtkWidget *last = gtk_widget_get_last_child (box);

  g_assert_true (GTK_IS_LABEL (last));
  return gtk_widget_get_visible (last) ? g_strdup (gtk_label_get_text (GTK_LABEL (last))) : NULL;
}

/* Types @text into a number's entry and leaves it, as Tab does */
static void
type_number (GtkWidget  *spin,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
}

/* Letters typed in a number stay, with an error, until it is a number */
static void
test_flow_number_typed_as_text (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  CbForm *form = cb_page_get_form (train);
  GtkWidget *spin;
  g_autofree char *message = NULL;

  cb_test_ui_reset_demo (window);
  spin = spin_of (train, "batch_size");
  type_number (spin, "42");
  g_assert_cmpint (g_variant_get_int64 (cb_form_get_value (form, cb_test_ui_field_index (train, "batch_size"))), ==, 42);

  /* Tab out of "42a": kept, with an error; the value stays 42 */
  gtk_editable_set_text (GTK_EDITABLE (spin), "42a");
  gtk_widget_grab_focus (spin);
  gtk_widget_grab_focus (cb_test_ui_input_of (train, "exp_name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "42a");
  g_assert_cmpint (g_variant_get_int64 (cb_form_get_value (form, cb_test_ui_field_index (train, "batch_size"))), ==, 42);
  message = message_of (train, "batch_size");
  g_assert_cmpstr (message, ==, "Batch size takes a whole number, not “42a”.");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  g_assert_true (cb_form_has_errors (form));

  /* Enter on it again changes nothing */
  gtk_widget_activate (spin);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "42a");

  /* Outside the bounds: kept as typed, and said */
  type_number (spin, "1000");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1000");
  g_clear_pointer (&message, g_free);
  message = message_of (train, "batch_size");
  g_assert_nonnull (strstr (message, "Batch size must be"));

  /* Reset: the text goes too */
  type_number (spin, "abc");
  cb_form_reset (form);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "8");

  /* A number: the value, and the error goes */
  type_number (spin, "16");
  g_assert_cmpint (g_variant_get_int64 (cb_form_get_value (form, cb_test_ui_field_index (train, "batch_size"))), ==, 16);
  g_clear_pointer (&message, g_free);
  message = message_of (train, "batch_size");
  g_assert_null (message);
  g_assert_false (gtk_widget_has_css_class (spin, "error"));
  g_assert_false (cb_form_has_errors (form));

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
}

/* Emits a wheel notch (@dy) on the scroll controller of @widget that
 * takes it first: where xdotool cannot make a real one
 */
static void
emit_scroll (GtkWidget *widget,
             double     dy)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
              gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
            {
              g_signal_emit_by_name (controller, "scroll", 0.0, dy, &handled);
              if (handled)
                return;
            }
        }
    }
  g_assert_not_reached ();
}

/* A wheel notch over @widget, by the real pointer where xdotool can */
static void
wheel_down (GtkWidget *widget)
{
  if (!cb_test_ui_xdotool (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
                           "click", "5", NULL))
    emit_scroll (widget, 1);
}

/* The wheel over a slider scrolls the form; once the slider has the
 * focus (clicked, or tabbed to), it changes the slider
 */
static void
test_flow_wheel_scrolls_form (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  GtkWidget *scale, *scroller;
  GtkAdjustment *vadjustment;
  double value, scrolled;

  cb_test_ui_reset_demo (window);
  scale = cb_test_ui_input_of (train, "image_size");
  scroller = gtk_widget_get_ancestor (scale, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* The slider in the middle of the view, the focus elsewhere */
  gtk_widget_grab_focus (cb_test_ui_input_of (train, "exp_name"));
  cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
  {
    graphene_point_t point;

    g_assert_true (gtk_widget_compute_point (scale, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + point.y -
                                           gtk_adjustment_get_page_size (vadjustment) / 2);
  }
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_false (gtk_widget_has_focus (scale));
  value = gtk_range_get_value (GTK_RANGE (scale));
  scrolled = gtk_adjustment_get_value (vadjustment);

  wheel_down (scale);
  cb_test_wait_until (gtk_adjustment_get_value (vadjustment) > scrolled, 10);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, value);

  /* Focused, the slider takes the wheel */
  cb_test_ui_wait_frames (GTK_WIDGET (window), 2);
  gtk_widget_grab_focus (scale);
  scrolled = gtk_adjustment_get_value (vadjustment);
  if (cb_test_ui_xdotool (scale, gtk_widget_get_width (scale) / 2.0, gtk_widget_get_height (scale) / 2.0,
                          "click", "5", NULL))
    {
      wait_until (gtk_range_get_value (GTK_RANGE (scale)) != value);
      g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, scrolled);
    }

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
}

static gboolean
same_values (GVariant *a,
             GVariant *b)
{
  g_autofree char *ta = g_variant_print (a, TRUE);
  g_autofree char *tb = g_variant_print (b, TRUE);

  if (!g_variant_equal (a, b))
    g_test_message ("%s\n!=\n%s", ta, tb);
  return g_variant_equal (a, b);
}

/* Takes the change back with Undo, and checks that the form has exactly
 * the values it had before
 */
static void
undo_and_check (CbWindow *window,
                CbForm   *form,
                GVariant *user_before,
                GVariant *all_before)
{
  g_autoptr(GVariant) user_after = NULL;
  g_autoptr(GVariant) all_after = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_null (cb_window_get_toast (window));
  user_after = cb_form_get_user_values (form);
  all_after = cb_form_get_values (form);
  g_assert_true (same_values (user_before, user_after));
  g_assert_true (same_values (all_before, all_after));
}

static CbHistoryRecord *
record_of_run (CbWindow *window,
               GVariant *values)
{
  const char *argv[] = { "true", NULL };
  g_autoptr(CbRun) run = cb_run_new (argv, cb_window_get_folder (window), "train", NULL);

  g_assert_true (cb_run_start (run, NULL));
  wait_until (!cb_run_is_running (run));
  return cb_history_record_new_from_run (run, values);
}

static void
test_flow_undo (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  CbForm *form = cb_page_get_form (train);
  g_autoptr(GVariant) user_before = NULL;
  g_autoptr(GVariant) all_before = NULL;
  GtkWidget *toast;

  cb_test_ui_reset_demo (window);
  cb_window_set_visible_page (window, 0);
  toast = cb_test_ui_find_descendant (GTK_WIDGET (window), 0, "toast");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (toast)), ==, GTK_ACCESSIBLE_ROLE_ALERT);

  /* Reset, by its keys */
  cb_test_ui_select_option (cb_test_ui_input_of (train, "architecture"), "psenet");
  cb_test_ui_select_option (cb_test_ui_input_of (train, "encoder"), "convnext_tiny");
  gtk_editable_set_text (GTK_EDITABLE (cb_test_ui_input_of (train, "exp_name")), "mine");
  gtk_range_set_value (GTK_RANGE (cb_test_ui_input_of (train, "learning_rate")), 0.0123);
  user_before = cb_form_get_user_values (form);
  all_before = cb_form_get_values (form);
  g_assert_cmpuint (g_variant_n_children (user_before), >=, 4);
  cb_test_ui_press (GTK_WIDGET (window), "<Shift><Control>r");
  g_assert_cmpuint (g_variant_n_children (cb_form_get_user_values (form)), ==, 0);
  g_assert_cmpstr (cb_window_get_toast (window), ==, "The form is back to its defaults.");
  undo_and_check (window, form, user_before, all_before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cb_test_ui_input_of (train, "exp_name"))), ==, "mine");

  /* A suggested setup, by its button */
  {
    GtkWidget *setups = cb_page_get_setups (train);
    GtkWidget *apply = cb_test_ui_find_descendant (setups, GTK_TYPE_BUTTON, "apply-button");

    g_clear_pointer (&all_before, g_variant_unref);
    all_before = cb_form_get_values (form);
    /* As Space on it: pressed for a moment, then clicked */
    gtk_widget_activate (apply);
    wait_until (cb_window_get_toast (window) != NULL);
    g_assert_true (g_str_has_prefix (cb_window_get_toast (window), "Applied the setup “"));
    g_assert_false (same_values (all_before, cb_form_get_values (form)));
    undo_and_check (window, form, user_before, all_before);
  }

  /* Use These Values of a run in the history */
  {
    g_autoptr(CbHistoryRecord) record = record_of_run (window, g_variant_new_parsed ("{'exp_name': <'from_run'>}"));

    g_signal_emit_by_name (cb_test_ui_find_descendant (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW, NULL),
                           "use-values", record);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cb_test_ui_input_of (train, "exp_name"))), ==, "from_run");
    g_assert_cmpstr (cb_window_get_toast (window), ==, "The form has the values of that run.");
    undo_and_check (window, form, user_before, all_before);
  }

  /* Nothing to take back: no notice */
  cb_form_reset (form);
  cb_test_ui_press (GTK_WIDGET (window), "<Shift><Control>r");
  g_assert_null (cb_window_get_toast (window));

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
}

/* Checks that each shortcut under @widget shows keys; adds the actions
 * they name to @shown; returns how many there are
 */
static guint
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *shown)
{
  guint n = 0;

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action, NULL);
      g_test_message ("shortcut %s: %s", action, accelerator);
      g_assert_nonnull (accelerator);
      g_assert_cmpstr (accelerator, !=, "");
      if (action != NULL)
        g_hash_table_add (shown, g_steal_pointer (&action));
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += collect_shortcuts (child, shown);
  return n;
}

/* Every shortcut of the shortcuts window shows its keys, which are the
 * application's; and every accelerator of the application is there
 */
static void
test_flow_shortcuts_window (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  GtkApplication *app = GTK_APPLICATION (cb_test_ui_get_app ());
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWindow *shortcuts = NULL;
  guint n = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GTK_IS_SHORTCUTS_WINDOW (l->data))
      shortcuts = l->data;
  g_assert_nonnull (shortcuts);

  n = collect_shortcuts (GTK_WIDGET (shortcuts), shown);
  g_assert_cmpuint (n, >=, 11);

  /* Each accelerated action but the pages (one row for the nine) */
  for (guint i = 0; actions[i] != NULL; i++)
    if (!g_str_has_prefix (actions[i], "win.page("))
      {
        g_test_message ("%s", actions[i]);
        g_assert_true (g_hash_table_contains (shown, actions[i]));
      }
  g_assert_true (g_hash_table_contains (shown, "win.run"));
  g_assert_true (g_hash_table_contains (shown, "win.stop"));

  gtk_window_destroy (shortcuts);
  cb_test_ui_close_window (window);
}

/* Ctrl+W closes the window */
static void
test_flow_close_window (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  g_autoptr(GObject) watched = g_object_ref (G_OBJECT (window));

  cb_test_ui_press (GTK_WIDGET (window), "<Control>w");
  cb_test_ui_drain ();
  g_assert_null (g_list_find (gtk_application_get_windows (GTK_APPLICATION (cb_test_ui_get_app ())), window));
  g_assert_finalize_object (g_steal_pointer (&watched));
}

/* The first field has the focus when the window opens, and after each
 * page switch: not the Copy button
 */
static void
test_flow_first_field_focused (void)
{
  CbWindow *window = cb_test_ui_open_demo ();

  for (guint i = 0; i < cb_window_get_n_pages (window); i++)
    {
      CbPage *page = CB_PAGE (cb_window_get_page (window, i));
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      GtkWidget *focus;

      cb_test_ui_press (GTK_WIDGET (window), accel);
      wait_until (cb_window_get_visible_page (window) == GTK_WIDGET (page));
      cb_test_ui_drain ();
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      g_test_message ("page %u: the focus is on a %s", i, G_OBJECT_TYPE_NAME (focus));
      g_assert_true (gtk_widget_is_ancestor (focus, row_of (page, "exp_name")));
    }

  cb_test_ui_close_window (window);
}

/* A project whose test page needs a checkpoint: none at first, and
 * @n_checkpoints then, when asked for
 */
static char *
checkpoint_project (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "runner: [\"true\"]\n"
                         "sources:\n  checkpoints: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"));
  g_free (cb_test_write (dir, "schemas/test.yaml",
                         "ui_elements:\n"
                         "  - key: exp_name\n    type: text_input\n    label: Experiment\n    default: x\n"
                         "    hydra_override: exp\n"
                         "  - key: checkpoint\n    type: selectbox\n    label: Checkpoint\n"
                         "    options_source: checkpoints\n    default: \"\"\n    hydra_override: ckpt\n"
                         "    validation: {required: true}\n"));
  return g_steal_pointer (&dir);
}

/* The messages of the command panel of @page, one line each: "hint: ",
 * "error: " or "warning: " and the text */
static char *
panel_messages (CbPage *page)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  g_ptr_array_add (found, cb_page_get_panel (page));
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (found, i);

      if (gtk_widget_has_css_class (widget, "cb-message") && gtk_widget_is_visible (widget))
        {
          GtkWidget *label = cb_test_ui_find_descendant (widget, GTK_TYPE_LABEL, NULL);

          g_string_append_printf (text, "%s: %s\n",
                                  gtk_widget_has_css_class (widget, "hint") ? "hint"
                                  : gtk_widget_has_css_class (widget, "warning") ? "warning"
                                  : "error",
                                  gtk_label_get_text (GTK_LABEL (label)));
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (found, child);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
run_status (CbPage *page)
{
  GtkWidget *status = cb_test_ui_find_descendant (cb_page_get_run_view (page), GTK_TYPE_LABEL,
                                                  "status");

  g_assert_nonnull (status);
  return gtk_label_get_text (GTK_LABEL (status));
}

/* Before any checkpoint, the Test page says to train first, not that it
 * has an error, in the form and in the command panel; until the user
 * tries to run it. Once the error is fixed, the status no longer says
 * the form has errors.
 */
static void
test_flow_no_checkpoint_yet (void)
{
  g_autofree char *dir = checkpoint_project ();
  CbWindow *window = cb_test_ui_open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_page (window, 0));
  GtkWidget *dropdown;
  g_autofree char *message = NULL;

  wait_until (!cb_project_source_is_loading (cb_window_get_project (window), "checkpoints"));
  cb_test_ui_drain ();
  dropdown = cb_test_ui_input_of (page, "checkpoint");
  message = message_of (page, "checkpoint");
  g_assert_cmpstr (message, ==, "Nothing to choose yet. Run a training first: the checkpoints it writes appear here.");
  g_assert_false (gtk_widget_has_css_class (dropdown, "error"));
  g_assert_true (cb_form_has_errors (cb_page_get_form (page)));
  {
    g_autofree char *messages = panel_messages (page);

    g_assert_cmpstr (messages, ==, "hint: Nothing to choose for Checkpoint yet. Run a training "
                                   "first: the checkpoints it writes appear there.\n");
  }
  g_assert_cmpstr (run_status (page), ==, "Not run yet");

  /* The drop-down says so too, open or closed */
  g_assert_nonnull (cb_test_ui_find_descendant (dropdown, GTK_TYPE_LABEL, NULL));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_test_ui_find_descendant (dropdown, GTK_TYPE_LABEL, NULL))),
                   ==, "No checkpoint chosen");
  g_assert_true (gtk_widget_get_visible (cb_drop_down_get_list_state (GTK_DROP_DOWN (dropdown))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_drop_down_get_list_state (GTK_DROP_DOWN (dropdown)))), ==,
                   message);

  /* Run: it does not, and now it is an error */
  cb_test_ui_press (GTK_WIDGET (window), "<Control>Return");
  g_clear_pointer (&message, g_free);
  message = message_of (page, "checkpoint");
  g_assert_cmpstr (message, ==, "Checkpoint is required, and no file matches outputs/*/checkpoints/*.ckpt yet.");
  g_assert_true (gtk_widget_has_css_class (dropdown, "error"));
  {
    g_autofree char *messages = panel_messages (page);

    g_assert_cmpstr (messages, ==, "error: Checkpoint is required, and no file matches "
                                   "outputs/*/checkpoints/*.ckpt yet.\n");
  }
  g_assert_cmpstr (run_status (page), ==, "The form has errors; fix them to run the command.");

  /* A checkpoint appears, and the user picks it: no error is left */
  g_free (cb_test_write (dir, "outputs/a/checkpoints/last.ckpt", "weights"));
  {
    GListModel *options = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
    g_autofree char *messages = NULL;

    wait_until (g_list_model_get_n_items (options) > 0);
    for (guint i = 0; i < g_list_model_get_n_items (options); i++)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        if (!cb_form_has_errors (cb_page_get_form (page)))
          break;
      }
    g_assert_false (cb_form_has_errors (cb_page_get_form (page)));
    cb_test_ui_drain ();
    messages = panel_messages (page);
    g_assert_cmpstr (messages, ==, "");
  }
  g_assert_cmpstr (run_status (page), ==, "Not run yet");

  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

/* The checkpoints' search finds text anywhere in an item, starts as the
 * user types in the open list, and says when nothing matches
 */
static void
test_flow_checkpoint_search (void)
{
  g_autofree char *dir = checkpoint_project ();
  CbWindow *window;
  CbPage *page;
  GtkDropDown *dropdown;
  GtkWidget *entry;
  GListModel *shown;

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("outputs/%s/checkpoints/epoch=%02d-step=%04d.ckpt",
                                               i % 2 ? "receipts" : "invoices", i, i * 100);

      g_free (cb_test_write (dir, name, "w"));
    }
  window = cb_test_ui_open_window (dir);
  page = CB_PAGE (cb_window_get_page (window, 0));
  wait_until (!cb_project_source_is_loading (cb_window_get_project (window), "checkpoints"));
  cb_test_ui_drain ();
  dropdown = GTK_DROP_DOWN (cb_test_ui_input_of (page, "checkpoint"));
  g_assert_true (gtk_drop_down_get_enable_search (dropdown));
  entry = cb_drop_down_get_search_entry (dropdown);
  g_assert_nonnull (entry);

  /* Typing in the open list goes to the search */
  g_assert_true (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (entry)) ==
                 gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER));

  /* In the middle of an item: “receipts › epoch=05-step=0500.ckpt” */
  shown = G_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (
    gtk_list_view_get_model (GTK_LIST_VIEW (cb_test_ui_find_descendant (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER),
                                                                      GTK_TYPE_LIST_VIEW, NULL))))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);
  gtk_editable_set_text (GTK_EDITABLE (entry), "step=0500");
  wait_until (g_list_model_get_n_items (shown) == 1);
  g_assert_false (gtk_widget_get_visible (cb_drop_down_get_list_state (dropdown)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "receipts");
  wait_until (g_list_model_get_n_items (shown) == 6);

  /* Nothing: the list says so */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzz");
  wait_until (g_list_model_get_n_items (shown) == 0);
  wait_until (gtk_widget_get_visible (cb_drop_down_get_list_state (dropdown)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_drop_down_get_list_state (dropdown))), ==,
                   "Nothing matches “zzz”.");

  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

/* A schema with errors has a tab that says so in words */
static void
test_flow_broken_schema_tab (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  CbWindow *window;
  GtkStackPage *tab;
  g_autofree char *title = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", "name: Broken\n"));
  g_free (cb_test_write (dir, "schemas/a.yaml", "label: Alpha\nui_elements: [\n"));
  g_free (cb_test_write (dir, "schemas/b.yaml", "ui_elements:\n  - key: x\n    type: text_input\n    default: ok\n"));
  window = cb_application_open_project (cb_test_ui_get_app (), dir);
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 2);
  tab = gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (cb_window_get_page (window, 0))),
                            cb_window_get_page (window, 0));
  g_object_get (tab, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "a (Errors)");
  g_assert_null (gtk_stack_page_get_icon_name (tab));
  g_assert_true (gtk_stack_page_get_needs_attention (tab));

  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

/* Another architecture has other setup cards, of another height, above
 * the field: the field stays where it was on screen
 */
static void
test_flow_setups_keep_place (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  GtkWidget *dropdown, *scroller, *setups;
  GtkAdjustment *vadjustment;
  double before, cards;

  cb_test_ui_reset_demo (window);
  dropdown = cb_test_ui_input_of (train, "architecture");
  setups = cb_page_get_setups (train);
  scroller = gtk_widget_get_ancestor (dropdown, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_widget_grab_focus (dropdown);
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
  gtk_adjustment_set_value (vadjustment, y_in (dropdown, scroller) + gtk_adjustment_get_value (vadjustment) - 300);
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
  /* The row's top: what is in it (the architecture's notes) changes too */
  before = y_in (row_of (train, "architecture"), scroller);
  cards = gtk_widget_get_height (setups);

  cb_test_ui_select_option (dropdown, "east");
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_test_message ("the cards were %.0f px high, and are %d px", cards, gtk_widget_get_height (setups));
  g_assert_cmpfloat (fabs (cards - gtk_widget_get_height (setups)), >, 20);
  g_assert_cmpfloat (fabs (y_in (row_of (train, "architecture"), scroller) - before), <=, 1);

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
}

/* Whether @label's text has a hyphen Pango may add, and whether it keeps
 * @word whole
 */
static void
check_wrapping (GtkWidget  *label,
                const char *word)
{
  PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (label));
  const char *text = gtk_label_get_text (GTK_LABEL (label));
  const char *at = strstr (text, word);
  g_autoptr(GSList) list = NULL;
  gboolean no_hyphens = FALSE, kept = FALSE;

  g_assert_nonnull (attrs);
  g_assert_nonnull (at);
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_INSERT_HYPHENS && !((PangoAttrInt *)attr)->value)
        no_hyphens = TRUE;
      if (attr->klass->type == PANGO_ATTR_ALLOW_BREAKS && !((PangoAttrInt *)attr)->value &&
          attr->start_index <= (guint)(at - text) && attr->end_index >= (guint)(at - text) + strlen (word))
        kept = TRUE;
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify)pango_attribute_destroy);
  g_assert_true (no_hyphens);
  g_assert_true (kept);
}

/* In Korean: messages with no particle that depends on the sound of a
 * name, Korean words kept whole where lines break, no inserted hyphens
 */
static void
test_flow_korean (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *message = NULL;
  CbWindow *window;
  CbPage *train;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ko", TRUE);
  cb_test_ui_catalogs_changed ();
  window = cb_test_ui_open_demo ();
  train = CB_PAGE (cb_window_get_page (window, 0));
  cb_test_ui_reset_demo (window);

  type_number (spin_of (train, "batch_size"), "42a");
  message = message_of (train, "batch_size");
  g_assert_cmpstr (message, ==, "배치 크기 항목에는 정수를 입력해야 합니다(입력한 값: “42a”).");
  check_wrapping (gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row_of (train, "batch_size")))),
                  "입력해야");
  g_clear_pointer (&message, g_free);

  /* The info block is in Korean too */
  g_assert_nonnull (strstr (cb_form_get_info (cb_page_get_form (train), cb_test_ui_field_index (train, "architecture_summary")),
                            "인코더: "));

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved_locale);
  cb_test_ui_catalogs_changed ();
}

/* Runs xdotool: real key presses and clicks, where the pointer is */
static void
run_xdotool (const char *command,
             const char *argument)
{
  const char *argv[] = { "xdotool", command, "--delay", "40", argument, NULL };
  int status = 0;

  if (g_str_equal (command, "click"))
    argv[2] = argument, argv[3] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

#define keys(k) run_xdotool ("key", (k))
#define type_text(t) run_xdotool ("type", (t))

/* Moves the pointer over @widget, lets GTK see it there, and clicks */
static void
click (GtkWidget *widget)
{
  g_assert_true (cb_test_ui_xdotool (widget, gtk_widget_get_width (widget) / 2.0,
                                     gtk_widget_get_height (widget) / 2.0, NULL));
  cb_test_ui_wait_frames (widget, 2);
  run_xdotool ("click", "1");
}

/* The row of @text in the open list of @dropdown */
static GtkWidget *
list_item (GtkWidget  *dropdown,
           const char *text)
{
  GtkWidget *popover = cb_test_ui_find_descendant (dropdown, GTK_TYPE_POPOVER, NULL);
  GtkWidget *list = cb_test_ui_find_descendant (popover, GTK_TYPE_LIST_VIEW, NULL);

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *label = cb_test_ui_find_descendant (item, GTK_TYPE_LABEL, NULL);

      if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0 &&
          gtk_widget_get_mapped (item))
        return item;
    }
  return NULL;
}

/* Opens the drop-down and clicks @text in its list, with the pointer */
static void
pick (CbWindow   *window,
      GtkWidget  *dropdown,
      const char *text)
{
  GtkWidget *popover = cb_test_ui_find_descendant (dropdown, GTK_TYPE_POPOVER, NULL);

  click (dropdown);
  wait_until (gtk_widget_get_mapped (popover) && list_item (dropdown, text) != NULL);
  cb_test_ui_wait_frames (popover, 2);
  click (list_item (dropdown, text));
  wait_until (!gtk_widget_get_visible (popover));
}

/* Scrolls the form so that @widget shows in its upper third, as a user
 * would; again if the form scrolled itself meanwhile (to the focus, when
 * a list closes)
 */
static void
scroll_to (CbWindow  *window,
           GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double page = gtk_adjustment_get_page_size (vadjustment);

  for (guint tries = 0; tries < 10; tries++)
    {
      double y = y_in (widget, scroller);

      if (y > 0 && y + gtk_widget_get_height (widget) < page)
        return;
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + y - page / 3);
      cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
    }
  g_assert_not_reached ();
}

/* The whole flow by mouse and keyboard, from the first frame: the pages
 * switched by the pointer and by keys, values picked with the pointer,
 * typed, the training run by its keys; the Test page then holds the
 * checkpoint and the model, and runs on them from the keyboard
 */
static void
test_flow_mouse_and_keyboard (void)
{
  g_autofree char *dir = cb_test_ui_demo_dir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  CbWindow *window;
  CbPage *train, *test;
  GtkWidget *switcher_button = NULL;
  GtkWidget *epochs;
  CbRun *run;

  if (xdotool == NULL)
    {
      g_test_skip ("No xdotool to press keys and move the pointer with");
      return;
    }

  cb_test_remove_tree (outputs);
  window = cb_test_ui_open_demo ();
  train = CB_PAGE (cb_window_get_page (window, 0));
  test = CB_PAGE (cb_window_get_page (window, 1));
  cb_test_ui_reset_demo (window);
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);

  /* The Test tab, by the pointer; Train again, by its keys */
  for (GtkWidget *b = cb_test_ui_find_descendant (cb_test_ui_find_descendant (GTK_WIDGET (window),
                                                                            CB_TYPE_PAGE_SWITCHER, NULL),
                                                GTK_TYPE_STACK_SWITCHER, NULL);
       b != NULL && switcher_button == NULL; b = NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (b); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (cb_test_ui_find_descendant (child, GTK_TYPE_LABEL, NULL))),
                     "Test") == 0)
        switcher_button = child;
  g_assert_nonnull (switcher_button);
  click (switcher_button);
  wait_until (cb_window_get_visible_page (window) == GTK_WIDGET (test));
  keys ("ctrl+1");
  wait_until (cb_window_get_visible_page (window) == GTK_WIDGET (train));
  /* The pages cross-fade; the page takes the pointer once in place */
  wait_until (!gtk_stack_get_transition_running (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (train)))));
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);

  /* The model, picked with the pointer */
  scroll_to (window, cb_test_ui_input_of (train, "architecture"));
  pick (window, cb_test_ui_input_of (train, "architecture"), "psenet");
  g_assert_cmpstr (value_of (train, "architecture"), ==, "psenet");
  scroll_to (window, cb_test_ui_input_of (train, "encoder"));
  pick (window, cb_test_ui_input_of (train, "encoder"), "convnext_tiny");
  g_assert_cmpstr (value_of (train, "encoder"), ==, "convnext_tiny");

  /* Two epochs, typed */
  epochs = spin_of (train, "max_epochs");
  scroll_to (window, epochs);
  click (epochs);
  wait_until (gtk_widget_get_state_flags (epochs) & GTK_STATE_FLAG_FOCUS_WITHIN);
  keys ("ctrl+a");
  type_text ("2");
  keys ("Tab");
  wait_until (g_variant_get_int64 (cb_form_get_value (cb_page_get_form (train),
                                                      cb_test_ui_field_index (train, "max_epochs"))) == 2);

  /* Run, by its keys */
  keys ("ctrl+Return");
  wait_until (cb_run_view_get_run (CB_RUN_VIEW (cb_page_get_run_view (train))) != NULL);
  run = cb_run_view_get_run (CB_RUN_VIEW (cb_page_get_run_view (train)));
  wait_until (!cb_run_is_running (run));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);

  /* The Test page: the checkpoint, and the model */
  keys ("ctrl+2");
  wait_until (cb_window_get_visible_page (window) == GTK_WIDGET (test));
  wait_until (strstr (value_of (test, "checkpoint"), "/checkpoints/epoch=01-") != NULL);
  g_assert_cmpstr (value_of (test, "architecture"), ==, "psenet");
  g_assert_cmpstr (value_of (test, "encoder"), ==, "convnext_tiny");
  g_assert_false (cb_form_has_errors (cb_page_get_form (test)));

  /* And it runs, from the keyboard */
  keys ("ctrl+Return");
  wait_until (cb_run_view_get_run (CB_RUN_VIEW (cb_page_get_run_view (test))) != NULL);
  run = cb_run_view_get_run (CB_RUN_VIEW (cb_page_get_run_view (test)));
  wait_until (!cb_run_is_running (run));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);

  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
  cb_test_remove_tree (outputs);
}

/* A setup that changes the architecture changes the setups too: the card
 * whose Apply was pressed goes while its click is handled. The window
 * survives it, with the other architecture's cards and its values.
 */
static void
test_flow_setup_changes_setups (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  CbWindow *window;
  CbPage *page;
  GtkWidget *apply;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "runner: [\"true\"]\n"
                         "sources:\n  archs: {values: [alpha, beta]}\n"
                         "metadata:\n  architecture: {glob: \"meta/*.yaml\", root: ui}\n"));
  g_free (cb_test_write (dir, "meta/alpha.yaml",
                         "ui:\n  use_cases:\n"
                         "    - {id: to_beta, title: To beta, recommendations: {architecture: beta, size: 7}}\n"
                         "    - {id: stay, title: Stay, recommendations: {size: 3}}\n"));
  g_free (cb_test_write (dir, "meta/beta.yaml",
                         "ui:\n  use_cases:\n    - {id: back, title: Back to alpha, "
                         "recommendations: {architecture: alpha}}\n"));
  g_free (cb_test_write (dir, "schemas/page.yaml",
                         "ui_elements:\n"
                         "  - key: architecture\n    type: selectbox\n    options_source: archs\n"
                         "    default: alpha\n    hydra_override: arch\n    metadata_help_key: notes\n"
                         "  - key: size\n    type: number_input\n    default: 1\n    hydra_override: size\n"));
  window = cb_test_ui_open_window (dir);
  page = CB_PAGE (cb_window_get_page (window, 0));
  apply = cb_test_ui_find_descendant (cb_page_get_setups (page), GTK_TYPE_BUTTON, "apply-button");
  g_assert_nonnull (apply);

  /* As Space on it: pressed for a moment, then clicked */
  gtk_widget_grab_focus (apply);
  gtk_widget_activate (apply);
  wait_until (g_strcmp0 (value_of (page, "architecture"), "beta") == 0);
  cb_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (g_variant_get_int64 (cb_form_get_value (cb_page_get_form (page), 1)), ==, 7);
  {
    GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (cb_page_get_setups (page))));

    g_assert_cmpstr (cb_setup_card_get_setup (CB_SETUP_CARD (card)), ==, "back");
  }
  g_assert_cmpstr (cb_window_get_toast (window), ==, "Applied the setup “To beta”.");

  cb_test_ui_close_window (window);
  cb_test_remove_tree (dir);
}

/* Ctrl+. stops the command while it runs, and only then: the keys are
 * a text field's emoji chooser otherwise
 */
/* Whether the keys of win.stop do something: a disabled action's do not */
static gboolean
stop_enabled (CbWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      for (guint k = 0; GTK_IS_SHORTCUT_CONTROLLER (controller) &&
                        k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.stop"))
            return gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (window),
                                                 NULL);
        }
    }
  g_assert_not_reached ();
}

static void
test_flow_stop_by_keys (void)
{
  CbWindow *window = cb_test_ui_open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (train));
  g_autoptr(CbRun) run = NULL;

  cb_test_ui_reset_demo (window);
  g_assert_false (stop_enabled (window));

  /* At the demo's own pace */
  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  gtk_range_set_value (GTK_RANGE (cb_test_ui_input_of (train, "max_epochs")), 50);
  cb_test_ui_press (GTK_WIDGET (window), "<Control>Return");
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (cb_run_get_n_lines (run) > 0);

  cb_test_ui_press (GTK_WIDGET (window), "<Control>period");
  wait_until (!cb_run_is_running (run));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_STOPPED);
  cb_test_ui_drain ();
  g_assert_false (stop_enabled (window));
  cb_test_ui_reset_demo (window);
  cb_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cb_test_ui_init (&argc, &argv);

  g_test_add_func ("/flow/train-then-test-carries-model", test_flow_train_then_test_carries_model);
  g_test_add_func ("/flow/number-typed-as-text", test_flow_number_typed_as_text);
  g_test_add_func ("/flow/wheel-scrolls-form", test_flow_wheel_scrolls_form);
  g_test_add_func ("/flow/undo", test_flow_undo);
  g_test_add_func ("/flow/shortcuts-window", test_flow_shortcuts_window);
  g_test_add_func ("/flow/close-window", test_flow_close_window);
  g_test_add_func ("/flow/first-field-focused", test_flow_first_field_focused);
  g_test_add_func ("/flow/no-checkpoint-yet", test_flow_no_checkpoint_yet);
  g_test_add_func ("/flow/checkpoint-search", test_flow_checkpoint_search);
  g_test_add_func ("/flow/broken-schema-tab", test_flow_broken_schema_tab);
  g_test_add_func ("/flow/setups-keep-place", test_flow_setups_keep_place);
  g_test_add_func ("/flow/korean", test_flow_korean);
  g_test_add_func ("/flow/mouse-and-keyboard", test_flow_mouse_and_keyboard);
  g_test_add_func ("/flow/setup-changes-setups", test_flow_setup_changes_setups);
  g_test_add_func ("/flow/stop-by-keys", test_flow_stop_by_keys);

  status = g_test_run ();

  cb_test_ui_finish ();
  return status;
}
