/* test-flow.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-field-row.h"
#include "cb-option.h"
#include "cb-run-view.h"
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

int
main (int   argc,
      char *argv[])
{
  int status;

  cb_test_ui_init (&argc, &argv);

  g_test_add_func ("/flow/train-then-test-carries-model", test_flow_train_then_test_carries_model);

  status = g_test_run ();

  cb_test_ui_finish ();
  return status;
}
