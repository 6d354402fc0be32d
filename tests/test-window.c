/* test-window.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-application.h"
#include "cb-checkpoint-model.h"
#include "cb-command-panel.h"
#include "cb-diagnostic.h"
#include "cb-demo.h"
#include "cb-field-row.h"
#include "cb-form-store.h"
#include "cb-option.h"
#include "cb-page.h"
#include "cb-history-row.h"
#include "cb-history-view.h"
#include "cb-log-viewer.h"
#include "cb-page-switcher.h"
#include "cb-run-view.h"
#include "cb-setup-card.h"
#include "cb-test-ui.h"
#include "cb-test-util.h"
#include "cb-window.h"

/* The real application and window under Xvfb, changed the way a user
 * changes them: entries get text, switches flip, drop-downs pick.
 */

#define wait_until(cond) cb_test_wait_until (cond, 10)

/* The helpers of cb-test-ui.h, by their short names */
#define app (cb_test_ui_get_app ())
#define drain cb_test_ui_drain
#define demo_dir cb_test_ui_demo_dir
#define open_window cb_test_ui_open_window
#define open_demo cb_test_ui_open_demo
#define close_window cb_test_ui_close_window
#define field_index cb_test_ui_field_index
#define input_of cb_test_ui_input_of
#define select_option cb_test_ui_select_option
#define find_descendant cb_test_ui_find_descendant
#define find_toplevel cb_test_ui_find_toplevel
#define press cb_test_ui_press
#define reset_settings cb_test_ui_reset_settings
#define resize_window cb_test_ui_resize_window

static void
count_signal (guint *count)
{
  (*count)++;
}

static char *
command_text (CbPage *page)
{
  return cb_command_panel_get_text (CB_COMMAND_PANEL (cb_page_get_panel (page)));
}

#define find_widget(root, type) find_descendant ((root), (type), NULL)
#define find_named(root, name) find_descendant ((root), 0, (name))

static void
test_window_pages_lazy (void)
{
  CbWindow *window = open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  CbPage *test = CB_PAGE (cb_window_get_page (window, 1));
  CbPage *predict = CB_PAGE (cb_window_get_page (window, 2));
  guint built_notes = 0;

  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 3);
  g_assert_cmpstr (cb_schema_get_label (cb_page_get_schema (train)), ==, "Train");
  g_signal_connect_swapped (test, "notify::built", G_CALLBACK (count_signal), &built_notes);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Receipt text detection demo");

  /* Only the page shown is built */
  g_assert_true (cb_page_is_built (train));
  g_assert_false (cb_page_is_built (test));
  g_assert_false (cb_page_is_built (predict));

  /* Ctrl+2 is win.page(2): the Test page is shown and built then, and
   * says so once
   */
  press (GTK_WIDGET (window), "<Control>2");
  wait_until (built_notes > 0);
  g_assert_true (cb_page_is_built (test));
  g_assert_true (cb_window_get_visible_page (window) == GTK_WIDGET (test));
  g_assert_false (cb_page_is_built (predict));

  /* Built pages are kept */
  press (GTK_WIDGET (window), "<Control>1");
  drain ();
  cb_page_build (test);
  g_assert_true (cb_page_is_built (test));
  g_assert_cmpuint (built_notes, ==, 1);
  g_signal_handlers_disconnect_by_data (test, &built_notes);

  close_window (window);
}

static void
test_window_entry_and_preview (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *entry;

  reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  before = command_text (page);
  g_assert_nonnull (strstr (before, " exp_name=receipts_det-dbnet-resnet18 "));

  entry = input_of (page, "exp_name");
  gtk_editable_set_text (GTK_EDITABLE (entry), "night run");
  after = command_text (page);
  g_assert_nonnull (strstr (after, " 'exp_name=\"night run-dbnet-resnet18\"' "));

  /* An error under the field, with error styling, and in the summary */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ab");
  {
    CbForm *form = cb_page_get_form (page);
    GPtrArray *messages = cb_form_get_messages (form);

    g_assert_cmpuint (messages->len, ==, 1);
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
    g_assert_cmpstr (((CbFormMessage *)g_ptr_array_index (messages, 0))->message, ==,
                     "Experiment name must be at least 3 characters long.");
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "receipts_det");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  close_window (window);
}

static void
test_window_hidden_field_has_no_widget (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbForm *form = cb_page_get_form (page);
  guint checkpoint = field_index (page, "resume_checkpoint");
  guint architecture = field_index (page, "architecture");

  reset_settings (page);
  cb_form_reset (form);

  /* Hidden by visible_if: no row, no widget */
  g_assert_false (cb_form_is_visible (form, checkpoint));
  g_assert_null (cb_page_get_row (page, checkpoint));

  gtk_switch_set_active (GTK_SWITCH (input_of (page, "resume_training")), TRUE);
  g_assert_true (cb_form_is_visible (form, checkpoint));
  g_assert_nonnull (cb_page_get_row (page, checkpoint));
  g_assert_true (GTK_IS_DROP_DOWN (input_of (page, "resume_checkpoint")));
  /* Rows stay in schema order */
  g_assert_true (gtk_widget_get_next_sibling (cb_page_get_row (page, checkpoint - 1)) ==
                 cb_page_get_row (page, checkpoint));
  /* The architecture hides, and its row with it */
  g_assert_false (gtk_widget_get_visible (cb_page_get_row (page, architecture)));

  gtk_switch_set_active (GTK_SWITCH (input_of (page, "resume_training")), FALSE);
  g_assert_false (gtk_widget_get_visible (cb_page_get_row (page, checkpoint)));
  g_assert_true (gtk_widget_get_visible (cb_page_get_row (page, architecture)));

  close_window (window);
}

static void
test_window_dropdown (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbForm *form = cb_page_get_form (page);
  g_autofree char *text = NULL;
  GtkWidget *encoder;
  GListModel *options;

  reset_settings (page);
  cb_form_reset (form);

  select_option (input_of (page, "architecture"), "east");
  text = command_text (page);
  g_assert_nonnull (strstr (text, " model/architectures=east "));

  /* The backbone's options are narrowed to east's; labels come from options */
  encoder = input_of (page, "encoder");
  options = gtk_drop_down_get_model (GTK_DROP_DOWN (encoder));
  g_assert_true (options == cb_form_get_options (form, field_index (page, "encoder")));
  g_assert_cmpuint (g_list_model_get_n_items (options), <, 7);
  g_assert_nonnull (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (encoder)));

  /* Help follows the architecture */
  g_assert_nonnull (cb_form_get_help (form, field_index (page, "architecture")));

  close_window (window);
}

static void
test_window_setups (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbForm *form = cb_page_get_form (page);
  g_autoptr(GVariant) setups = NULL;
  g_autofree char *active = NULL;
  GtkWidget *first;
  GtkWidget *button;

  reset_settings (page);
  cb_form_reset (form);
  setups = cb_form_get_setups (form);
  g_assert_nonnull (setups);
  g_assert_null (cb_form_get_active_setup (form));

  /* A card per setup; the first card's Apply applies it */
  g_assert_cmpuint (g_variant_n_children (setups), >, 0);
  first = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (cb_page_get_setups (page))));
  g_assert_true (CB_IS_SETUP_CARD (first));
  button = find_named (first, "apply-button");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  active = cb_form_get_active_setup (form);
  g_assert_cmpstr (active, ==, cb_setup_card_get_setup (CB_SETUP_CARD (first)));

  /* The page shows it as active until a field differs */
  g_assert_true (cb_setup_card_get_active (CB_SETUP_CARD (first)));
  g_assert_true (gtk_widget_has_css_class (first, "active"));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_visible (find_named (first, "active-label")));

  gtk_range_set_value (GTK_RANGE (input_of (page, "batch_size")), 2);
  g_assert_null (cb_form_get_active_setup (form));
  g_assert_false (cb_setup_card_get_active (CB_SETUP_CARD (first)));
  g_assert_true (gtk_widget_get_visible (button));

  close_window (window);
}

/* A field that sweeps: the toggle swaps in an entry of values, and the
 * command runs as a multirun; a list field takes values separated by
 * commas
 */
static void
test_window_sweep_and_list (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbForm *form = cb_page_get_form (page);
  GtkWidget *row, *toggle, *entry;

  reset_settings (page);
  cb_form_reset (form);

  row = cb_page_get_row (page, field_index (page, "seed"));
  toggle = find_widget (row, GTK_TYPE_TOGGLE_BUTTON);
  entry = find_widget (row, GTK_TYPE_ENTRY);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_widget_get_visible (entry));

  /* On, the sweep starts with the value */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_false (gtk_widget_get_visible (input_of (page, "seed")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "42");
  {
    g_autofree char *text = command_text (page);

    g_assert_true (g_str_has_prefix (text, "python3 runners/train.py --multirun "));
    g_assert_nonnull (strstr (text, " 'seed=choice(42)' "));
  }

  gtk_editable_set_text (GTK_EDITABLE (entry), "1, 2, 3");
  {
    g_autofree char *text = command_text (page);

    g_assert_nonnull (strstr (text, " seed=1,2,3 "));
  }

  /* Text that does not parse is marked; the last sweep that did stays */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1,,");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  {
    g_autofree char *text = command_text (page);

    g_assert_nonnull (strstr (text, " seed=1,2,3 "));
  }

  /* Off, the field keeps the first value */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  g_assert_false (gtk_widget_get_visible (entry));
  {
    g_autofree char *text = command_text (page);

    g_assert_true (g_str_has_prefix (text, "python3 runners/train.py trainer.accelerator=cpu "));
    g_assert_nonnull (strstr (text, " seed=1 "));
  }

  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "tags")), "night, two words");
  {
    g_autofree char *text = command_text (page);

    g_assert_nonnull (strstr (text, " 'tags=[night,\"two words\"]' "));
  }

  close_window (window);
}

static void
test_window_settings (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbForm *form = cb_page_get_form (page);
  CbFormStore *store = cb_page_get_store (page);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autofree char *text = NULL;
  GtkWidget *entry;
  guint writes;

  settings = cb_form_store_create_settings (cb_project_get_root (cb_form_get_project (form)), "train");
  cb_form_reset (form);
  cb_form_store_flush (store);
  writes = cb_form_store_get_n_writes (store);

  /* Typing a 20-character name: one write, after the form is quiet */
  entry = input_of (page, "exp_name");
  for (const char *name = "abcdefghijklmnopqrst"; *name; name++)
    {
      g_autofree char *prefix = g_strndup ("abcdefghijklmnopqrst", name - "abcdefghijklmnopqrst" + 1);

      gtk_editable_set_text (GTK_EDITABLE (entry), prefix);
    }
  gtk_switch_set_active (GTK_SWITCH (input_of (page, "pretrained")), FALSE);
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, writes);
  wait_until (cb_form_store_get_n_writes (store) > writes);
  drain ();
  g_assert_cmpuint (cb_form_store_get_n_writes (store), ==, writes + 1);

  /* Exactly the changed keys */
  values = g_settings_get_value (settings, "values");
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'exp_name': <'abcdefghijklmnopqrst'>, 'pretrained': <false>}");
  g_clear_pointer (&values, g_variant_unref);
  g_clear_pointer (&text, g_free);

  /* A value set back to its default is removed */
  gtk_switch_set_active (GTK_SWITCH (input_of (page, "pretrained")), TRUE);
  cb_form_store_flush (store);
  values = g_settings_get_value (settings, "values");
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'exp_name': <'abcdefghijklmnopqrst'>}");

  /* Values come back in the next window */
  close_window (window);
  window = open_demo ();
  page = CB_PAGE (cb_window_get_visible_page (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input_of (page, "exp_name"))), ==,
                   "abcdefghijklmnopqrst");
  g_settings_reset (settings, "values");
  close_window (window);
}

static void
test_window_stale_values (void)
{
  g_autofree char *dir = demo_dir ();
  g_autoptr(GSettings) settings = cb_form_store_create_settings (dir, "test");
  g_autoptr(GVariant) values = NULL;
  g_autofree char *text = NULL;
  CbWindow *window;
  CbPage *page;
  const char * const *dropped;

  g_settings_set_value (settings, "values",
                        g_variant_new_parsed ("{'gone_field': <1>, 'architecture': <'nonexistent'>, "
                                              "'exp_name': <'kept_name'>}"));

  window = open_demo ();
  press (GTK_WIDGET (window), "<Control>2");
  page = CB_PAGE (cb_window_get_page (window, 1));
  wait_until (cb_page_is_built (page));

  dropped = cb_form_store_get_dropped (cb_page_get_store (page));
  g_assert_nonnull (dropped);
  g_assert_true (g_strv_contains (dropped, "gone_field"));
  g_assert_true (g_strv_contains (dropped, "architecture"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input_of (page, "exp_name"))), ==, "kept_name");

  /* Dropped from the settings too, so the note shows once */
  values = g_settings_get_value (settings, "values");
  text = g_variant_print (values, FALSE);
  g_assert_cmpstr (text, ==, "{'exp_name': <'kept_name'>}");

  g_settings_reset (settings, "values");
  close_window (window);
}

static void
test_window_copy_and_edit (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbCommandPanel *panel = CB_COMMAND_PANEL (cb_page_get_panel (page));
  CbForm *form = cb_page_get_form (page);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (panel));
  GtkTextView *view = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *text = NULL;

  press (GTK_WIDGET (window), "<Shift><Control>c");
  {
    const GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    GValue value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value ((GdkContentProvider *)content, &value, NULL));
    copied = g_value_dup_string (&value);
    g_value_unset (&value);
  }
  g_assert_cmpstr (copied, ==, cb_form_get_display (form));

  /* Edit the command by hand: it says so, and Revert goes back */
  view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (panel), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), " extra=1", -1);
  g_assert_true (cb_command_panel_get_edited (panel));
  text = cb_command_panel_get_text (panel);
  g_assert_true (g_str_has_suffix (text, " extra=1"));

  cb_command_panel_revert (panel);
  g_assert_false (cb_command_panel_get_edited (panel));
  g_clear_pointer (&text, g_free);
  text = cb_command_panel_get_text (panel);
  g_assert_cmpstr (text, ==, cb_form_get_display (form));

  close_window (window);
}

static void
test_window_narrow (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkWidget *panel = cb_page_get_panel (page);

  wait_until (gtk_widget_get_width (GTK_WIDGET (page)) > 0);
  g_assert_false (gtk_widget_has_css_class (panel, "below"));

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  wait_until (gtk_widget_get_width (GTK_WIDGET (page)) < CB_PAGE_WIDE_WIDTH);
  wait_until (gtk_widget_has_css_class (panel, "below"));

  close_window (window);
}

static void
test_window_accessible (void)
{
  CbWindow *window = open_demo ();
  guint checked = 0;

  /* Each input of each page is labelled by its field's label: every
   * visible field has its row, and each is checked
   */
  for (guint p = 0; p < cb_window_get_n_pages (window); p++)
    {
      CbPage *page = CB_PAGE (cb_window_get_page (window, p));
      guint visible = 0;
      guint page_checked = 0;
      CbForm *form;

      cb_page_build (page);
      form = cb_page_get_form (page);
      for (guint i = 0; i < cb_schema_get_n_fields (cb_page_get_schema (page)); i++)
        {
          GtkWidget *row = cb_page_get_row (page, i);

          if (!cb_form_is_visible (form, i))
            continue;
          visible++;
          g_assert_nonnull (row);
          g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (cb_field_row_get_input (CB_FIELD_ROW (row))),
                                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY));
          page_checked++;
        }
      g_assert_cmpuint (page_checked, ==, visible);
      g_assert_cmpuint (page_checked, >, 0);
      checked += page_checked;
    }
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 3);
  g_test_message ("%u inputs are labelled by their field", checked);

  close_window (window);
}

static void
test_window_problems (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *schema = NULL;
  CbWindow *window;
  g_autofree char *expected = NULL;

  /* Not a project: a clear page, with a way to open another */
  window = cb_application_open_project (app, dir);
  g_assert_true (cb_window_has_problems (window));
  g_assert_nonnull (strstr (cb_window_get_problems (window), "has no cmdbuilder.yaml"));
  g_assert_null (cb_window_get_project (window));
  close_window (window);

  /* A schema with errors: its page lists them; the others work */
  g_free (cb_test_write (dir, "cmdbuilder.yaml", "name: Broken\n"));
  schema = cb_test_write (dir, "schemas/a.yaml",
                          "ui_elements:\n  - key: x\n    type: text_input\n    visible_if: \"y ==\"\n");
  g_free (cb_test_write (dir, "schemas/b.yaml",
                         "ui_elements:\n  - key: x\n    type: text_input\n    default: ok\n"));
  window = cb_application_open_project (app, dir);
  g_assert_false (cb_window_has_problems (window));
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 2);
  g_assert_false (CB_IS_PAGE (cb_window_get_page (window, 0)));
  g_assert_true (CB_IS_PAGE (cb_window_get_page (window, 1)));
  close_window (window);

  /* A project file with errors */
  g_free (cb_test_write (dir, "cmdbuilder.yaml", "sources: [1, 2]\n"));
  window = cb_application_open_project (app, dir);
  g_assert_true (cb_window_has_problems (window));
  expected = g_strdup_printf ("%s/cmdbuilder.yaml:1:10: “sources” must be a mapping", dir);
  g_assert_nonnull (strstr (cb_window_get_problems (window), expected));
  close_window (window);

  cb_test_remove_tree (dir);
}

/* A project file broken and fixed on disk: the problems page, then the
 * pages again with no restart; reopening the project loads it again at
 * once, whatever the watcher has seen
 */
static void
test_window_recovery (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *project = cb_test_write (dir, "cmdbuilder.yaml", "name: Mended\n");
  CbWindow *window;

  g_free (cb_test_write (dir, "schemas/a.yaml",
                         "ui_elements:\n  - key: x\n    type: text_input\n    default: ok\n"));
  window = cb_application_open_project (app, dir);
  g_assert_false (cb_window_has_problems (window));
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 1);

  /* Broken: the problems page */
  g_assert_true (g_file_set_contents (project, "sources: [1, 2]\n", -1, NULL));
  wait_until (cb_window_has_problems (window));
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 0);

  /* Fixed: the pages come back */
  g_assert_true (g_file_set_contents (project, "name: Mended\n", -1, NULL));
  wait_until (!cb_window_has_problems (window));
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 1);
  g_assert_true (CB_IS_PAGE (cb_window_get_page (window, 0)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Mended");

  /* Broken again, then fixed and opened from Recent Projects before the
   * watcher could see it: the same window shows the pages at once
   */
  g_assert_true (g_file_set_contents (project, "sources: [1, 2]\n", -1, NULL));
  wait_until (cb_window_has_problems (window));
  g_assert_true (g_file_set_contents (project, "name: Mended\n", -1, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-recent", g_variant_new_string (dir));
  g_assert_false (cb_window_has_problems (window));
  g_assert_cmpuint (cb_window_get_n_pages (window), ==, 1);

  close_window (window);
  cb_test_remove_tree (dir);
}

static void
test_window_schema_reload (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *schema_path = NULL;
  CbWindow *window;
  CbPage *page;
  CbSchema *first;
  GtkWidget *name_row;
  GtkWidget *size_row;
  g_autofree char *command = NULL;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "runner: [run]\nsources:\n  sizes: {stems: \"sizes/*.yaml\"}\n"));
  g_free (cb_test_write (dir, "sizes/small.yaml", "a: 1\n"));
  g_free (cb_test_write (dir, "sizes/large.yaml", "a: 1\n"));
  schema_path = cb_test_write (dir, "schemas/train.yaml",
                               "ui_elements:\n"
                               "  - key: name\n    type: text_input\n    default: a\n    hydra_override: name\n"
                               "  - key: size\n    type: selectbox\n    options_source: sizes\n"
                               "    default: small\n    hydra_override: size\n"
                               "  - key: old\n    type: text_input\n    default: o\n    hydra_override: old\n");

  window = open_window (dir);
  page = CB_PAGE (cb_window_get_visible_page (window));
  first = cb_page_get_schema (page);
  name_row = cb_page_get_row (page, 0);
  size_row = cb_page_get_row (page, 1);

  /* The user changes a value, then someone edits the schema */
  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "name")), "mine");
  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "old")), "gone soon");
  g_file_set_contents (schema_path,
                       "ui_elements:\n"
                       "  - key: name\n    type: text_input\n    default: a\n    hydra_override: name\n"
                       "  - key: size\n    type: selectbox\n    options_source: sizes\n"
                       "    default: small\n    hydra_override: size\n    help: Now with help\n"
                       "  - key: fresh\n    type: checkbox\n    hydra_override: fresh\n",
                       -1, NULL);
  wait_until (cb_page_get_schema (page) != first);

  /* Unchanged fields keep their widgets and values; changed ones are new */
  g_assert_true (cb_page_get_row (page, 0) == name_row);
  g_assert_false (cb_page_get_row (page, 1) == size_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input_of (page, "name"))), ==, "mine");
  g_assert_true (GTK_IS_SWITCH (input_of (page, "fresh")));
  command = command_text (page);
  g_assert_cmpstr (command, ==, "run name=mine size=small fresh=false");

  /* A new option file reaches the drop-down in place */
  g_free (cb_test_write (dir, "sizes/huge.yaml", "a: 1\n"));
  wait_until (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (input_of (page, "size")))) == 3);
  g_assert_cmpstr (cb_option_get_value (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (input_of (page, "size")))),
                   ==, "small");

  /* A schema with errors keeps the last good form and shows them */
  first = cb_page_get_schema (page);
  g_file_set_contents (schema_path, "ui_elements:\n  - key: name\n    type: text_input\n    visible_if: \"==\"\n", -1, NULL);
  wait_until (cb_page_get_problems (page) != NULL);
  g_assert_true (cb_page_get_schema (page) == first);
  g_assert_nonnull (strstr (cb_page_get_problems (page), "train.yaml:4:18:"));
  g_assert_true (cb_page_get_row (page, 0) == name_row);

  close_window (window);
  cb_test_remove_tree (dir);
}

/* A schema added reloads the project, and the checkpoint list of an
 * unchanged source comes along: nothing is listed again
 */
static void
test_window_reload_keeps_checkpoints (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  CbWindow *window;
  CbProject *before;
  g_autoptr(CbCheckpointModel) model = NULL;
  guint n_listings;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "runner: [run]\nsources:\n  ckpt: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"));
  g_free (cb_test_write (dir, "outputs/a/checkpoints/epoch=1.ckpt", "x"));
  g_free (cb_test_write (dir, "schemas/train.yaml",
                         "ui_elements:\n  - {key: c, type: selectbox, options_source: ckpt}\n"));

  window = cb_application_open_project (app, dir);
  wait_until (CB_IS_PAGE (cb_window_get_visible_page (window)) &&
              cb_page_is_built (CB_PAGE (cb_window_get_visible_page (window))));
  before = cb_window_get_project (window);
  model = g_object_ref (CB_CHECKPOINT_MODEL (cb_project_get_source (before, "ckpt")));
  wait_until (!cb_checkpoint_model_get_loading (model));
  n_listings = cb_checkpoint_model_get_n_listings (model);
  g_object_add_weak_pointer (G_OBJECT (before), (gpointer *)&before);

  g_free (cb_test_write (dir, "schemas/test.yaml",
                         "ui_elements:\n  - {key: d, type: checkbox}\n"));
  wait_until (before == NULL && cb_window_get_project (window) != NULL);

  g_assert_true (cb_project_get_source (cb_window_get_project (window), "ckpt") == G_LIST_MODEL (model));
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (model), ==, 1);
  g_assert_cmpuint (cb_checkpoint_model_get_n_listings (model), ==, n_listings);

  close_window (window);
  cb_test_remove_tree (dir);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_window_run (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  CbCommandPanel *panel = CB_COMMAND_PANEL (cb_page_get_panel (page));
  g_autofree char *log = NULL;
  guint running_notes = 0;
  CbRun *run;

  reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  gtk_range_set_value (GTK_RANGE (input_of (page, "max_epochs")), 3);
  g_signal_connect_swapped (view, "notify::running", G_CALLBACK (count_signal), &running_notes);

  /* Ctrl+Return runs the page's command; the view says it runs, then
   * that it stopped: two notifications
   */
  press (GTK_WIDGET (window), "<Control>Return");
  run = cb_run_view_get_run (view);
  g_assert_nonnull (run);
  g_object_ref (run);
  g_assert_true (cb_run_view_get_running (view));
  g_assert_cmpuint (running_notes, ==, 1);
  wait_until (!cb_run_is_running (run));
  g_assert_false (cb_run_view_get_running (view));
  g_assert_cmpuint (running_notes, ==, 2);
  g_signal_handlers_disconnect_by_data (view, &running_notes);
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpfloat (cb_run_get_progress (run), ==, 1.0);
  log = buffer_text (cb_run_view_get_log (view));
  g_assert_nonnull (strstr (log, "Epoch 3/3"));
  g_assert_true (g_str_has_prefix (cb_run_view_get_status (view), "Finished in"));
  g_assert_true (g_file_test (cb_run_get_log_path (run), G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (cb_run_get_log_path (run), "/outputs/.cmdbuilder/runs/"));
  g_object_unref (run);

  /* An edited command that cannot be split does not run, and says why */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (GTK_WIDGET (panel), GTK_TYPE_TEXT_VIEW))),
                            "python3 'unclosed", -1);
  g_assert_true (cb_command_panel_get_edited (panel));
  g_assert_false (cb_run_view_run (view));
  g_assert_true (g_str_has_prefix (cb_run_view_get_status (view), "The edited command cannot be split"));
  cb_command_panel_revert (panel);

  /* A form with errors does not run */
  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "exp_name")), "x");
  g_assert_false (cb_run_view_run (view));
  g_assert_true (g_str_has_prefix (cb_run_view_get_status (view), "The form has errors"));
  cb_form_reset (cb_page_get_form (page));

  close_window (window);
}

static void
test_window_run_edited_and_history (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  CbWindow *window;
  CbPage *page;
  CbRunView *view;
  CbCommandPanel *panel;
  g_autofree char *log = NULL;
  g_autofree char *marker = NULL;
  CbRun *run;

  g_free (cb_test_write (dir, "cmdbuilder.yaml", "runner: [printf, \"%s\\\\n\"]\n"));
  g_free (cb_test_write (dir, "schemas/echo.yaml",
                         "ui_elements:\n"
                         "  - key: word\n    type: text_input\n    default: hello\n    hydra_override: word\n"));
  window = open_window (dir);
  page = CB_PAGE (cb_window_get_visible_page (window));
  view = CB_RUN_VIEW (cb_page_get_run_view (page));
  panel = CB_COMMAND_PANEL (cb_page_get_panel (page));

  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "word")), "typed");

  /* The edited command runs as the argv it spells, never through a shell */
  marker = g_build_filename (dir, "made-by-a-shell", NULL);
  {
    g_autofree char *text = g_strdup_printf ("printf '%%s\\n' 'two words' '$(touch %s)'", marker);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (GTK_WIDGET (panel), GTK_TYPE_TEXT_VIEW))),
                              text, -1);
  }
  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (!cb_run_is_running (run));
  log = buffer_text (cb_run_view_get_log (view));
  g_assert_nonnull (strstr (log, "two words\n$(touch "));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_object_unref (run);

  /* Recorded; "Use these values" brings the form's values back */
  {
    g_autoptr(CbHistory) history = cb_history_new (cb_project_get_outputs_dir (cb_window_get_project (window)),
                                                   cb_project_get_root (cb_window_get_project (window)));
    g_autoptr(CbHistoryRecord) record = NULL;
    g_autoptr(GVariant) values = NULL;

    cb_history_load (history);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
    record = g_list_model_get_item (G_LIST_MODEL (history), 0);
    g_assert_cmpstr (cb_history_record_get_schema_id (record), ==, "echo");
    values = cb_history_record_get_values (record);
    g_assert_true (g_variant_lookup (values, "word", "&s", &(const char *){ NULL }));

    cb_form_reset (cb_page_get_form (page));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input_of (page, "word"))), ==, "hello");
    g_signal_emit_by_name (find_widget (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW) ?: GTK_WIDGET (window),
                           "use-values", record);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input_of (page, "word"))), ==, "typed");
  }

  close_window (window);
  cb_test_remove_tree (dir);
}

static char *
field_message (CbPage     *page,
               const char *key)
{
  GPtrArray *messages = cb_form_get_field_messages (cb_page_get_form (page), field_index (page, key));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < messages->len; i++)
    g_string_append (text, ((const CbFormMessage *)g_ptr_array_index (messages, i))->message);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
value_of (CbPage     *page,
          const char *key)
{
  return cb_test_form_string (cb_page_get_form (page), key);
}

/* The path a new user walks first: the Test page is opened before any
 * checkpoint exists (its drop-down is built over an empty list), then the
 * first train run writes one. The Test page's drop-down must see the new
 * item before the offer selects it: the window survives and the Test
 * field holds the new checkpoint.
 */
static void
test_window_first_train_then_test (void)
{
  g_autofree char *dir = demo_dir ();
  g_autofree char *outputs = g_build_filename (dir, "outputs", NULL);
  CbWindow *window;
  CbPage *train, *test;
  GtkWidget *dropdown;
  CbRun *run;

  cb_test_remove_tree (outputs);
  window = open_demo ();
  train = CB_PAGE (cb_window_get_page (window, 0));
  test = CB_PAGE (cb_window_get_page (window, 1));
  reset_settings (train);
  cb_form_reset (cb_page_get_form (train));
  wait_until (!cb_project_source_is_loading (cb_window_get_project (window), "checkpoints"));
  g_assert_cmpuint (g_list_model_get_n_items (cb_project_get_source (cb_window_get_project (window),
                                                                     "checkpoints")), ==, 0);

  /* Ctrl+2, then Ctrl+1: the Test page's drop-down is built, empty */
  press (GTK_WIDGET (window), "<Control>2");
  wait_until (cb_page_is_built (test));
  reset_settings (test);
  cb_form_reset (cb_page_get_form (test));
  drain ();
  dropdown = input_of (test, "checkpoint");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))), ==, 0);
  press (GTK_WIDGET (window), "<Control>1");
  drain ();

  /* Ctrl+Return */
  gtk_range_set_value (GTK_RANGE (input_of (train, "max_epochs")), 2);
  press (GTK_WIDGET (window), "<Control>Return");
  run = g_object_ref (cb_run_view_get_run (CB_RUN_VIEW (cb_page_get_run_view (train))));
  wait_until (!cb_run_is_running (run));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);
  g_object_unref (run);

  wait_until (value_of (test, "checkpoint") != NULL &&
              strstr (value_of (test, "checkpoint"), "/checkpoints/epoch=01-") != NULL);
  drain ();
  {
    CbOption *shown = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

    g_assert_nonnull (shown);
    g_assert_cmpstr (cb_option_get_value (shown), ==, value_of (test, "checkpoint"));
  }

  cb_form_reset (cb_page_get_form (test));
  cb_form_reset (cb_page_get_form (train));
  close_window (window);
  cb_test_remove_tree (outputs);
}

/* Runs the page's command and waits until it ends */
static CbRunState
run_to_end (CbPage *page)
{
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  g_autoptr(CbRun) run = NULL;

  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (!cb_run_is_running (run));
  return cb_run_get_state (run);
}

/* A checkpoint made outside the app shows up in the Test page's
 * drop-down, reads as experiment and file name, and leaves the field with
 * an error when deleted
 */
static void
chain_outside_checkpoint (CbPage     *test,
                          const char *made)
{
  g_autofree char *folder = g_path_get_dirname (made);
  GtkWidget *dropdown = input_of (test, "checkpoint");
  GListModel *checkpoints = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  /* With no refresh */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (made, "weights", -1, NULL));
  wait_until (cb_options_find (checkpoints, "outputs/terminal/checkpoints/epoch=99-step=9999.ckpt") >= 0);
  select_option (dropdown, "outputs/terminal/checkpoints/epoch=99-step=9999.ckpt");

  /* It reads, and is searched, as experiment and file name; the search
   * comes as the list grows past 8
   */
  for (int i = 0; g_list_model_get_n_items (checkpoints) <= 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("epoch=%02d-step=0000.ckpt", i);
      g_autofree char *more = g_build_filename (folder, name, NULL);
      guint n = g_list_model_get_n_items (checkpoints);

      g_assert_false (gtk_drop_down_get_enable_search (GTK_DROP_DOWN (dropdown)));
      g_assert_true (g_file_set_contents (more, "weights", -1, NULL));
      wait_until (g_list_model_get_n_items (checkpoints) > n);
    }
  g_assert_true (gtk_drop_down_get_enable_search (GTK_DROP_DOWN (dropdown)));
  {
    g_auto(GValue) shown = G_VALUE_INIT;

    g_assert_true (gtk_expression_evaluate (gtk_drop_down_get_expression (GTK_DROP_DOWN (dropdown)),
                                            gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown)),
                                            &shown));
    g_assert_cmpstr (g_value_get_string (&shown), ==, "terminal › epoch=99-step=9999.ckpt");
  }
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/terminal/checkpoints/epoch=99-step=9999.ckpt");

  /* Deleted, it leaves the field on its path with an error: no other
   * checkpoint is silently selected
   */
  g_assert_cmpint (g_unlink (made), ==, 0);
  wait_until (cb_options_find (checkpoints, "outputs/terminal/checkpoints/epoch=99-step=9999.ckpt") < 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/terminal/checkpoints/epoch=99-step=9999.ckpt");
  {
    g_autofree char *message = field_message (test, "checkpoint");

    g_assert_nonnull (strstr (message, "does not exist"));
  }
  g_assert_true (cb_form_has_errors (cb_page_get_form (test)));
  cb_form_reset (cb_page_get_form (test));
}

/* Train, then Test and Predict on the checkpoint the training wrote */
static void
chain_train_test_predict (CbWindow *window,
                          CbPage   *train,
                          CbPage   *test,
                          CbPage   *predict)
{
  CbProject *project = cb_window_get_project (window);
  g_autoptr(CbHistory) history = NULL;
  g_autofree char *written = NULL;

  /* A train run's checkpoints reach the Test page while it runs; when it
   * succeeds, the Test page's empty checkpoint field takes the newest
   */
  gtk_editable_set_text (GTK_EDITABLE (input_of (train, "exp_name")), "chained");
  gtk_range_set_value (GTK_RANGE (input_of (train, "max_epochs")), 2);
  g_assert_cmpint (run_to_end (train), ==, CB_RUN_STATE_SUCCEEDED);
  /* Epochs count from 0; the experiment folder may carry the model's name */
  wait_until (g_str_has_prefix (value_of (test, "checkpoint"), "outputs/chained") &&
              strstr (value_of (test, "checkpoint"), "/checkpoints/epoch=01-") != NULL);
  written = g_build_filename (cb_project_get_root (project), value_of (test, "checkpoint"), NULL);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  g_assert_false (cb_form_has_errors (cb_page_get_form (test)));

  /* The Test page runs on it, and so does the Predict page, which was
   * offered the same checkpoint
   */
  g_assert_cmpint (run_to_end (test), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpstr (value_of (predict, "checkpoint"), ==, value_of (test, "checkpoint"));
  g_assert_cmpint (run_to_end (predict), ==, CB_RUN_STATE_SUCCEEDED);

  /* The history lists the three runs, newest first */
  history = cb_history_new (cb_project_get_outputs_dir (project), cb_project_get_root (project));
  cb_history_load (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const newest_first[] = { "predict", "test", "train" };
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (history), i);

      g_assert_cmpstr (cb_history_record_get_schema_id (record), ==, newest_first[i]);
    }
}

/* A train run at the demo's own pace is stopped while it runs: Escape in
 * its output is the run view's run-view.stop
 */
static void
chain_stop (CbPage *train)
{
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (train));
  GtkWidget *log = find_named (GTK_WIDGET (view), "log");
  g_autoptr(CbRun) run = NULL;

  g_unsetenv ("CMDBUILDER_DEMO_FAST");
  gtk_range_set_value (GTK_RANGE (input_of (train, "max_epochs")), 50);
  g_assert_true (cb_run_view_run (view));
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (cb_run_get_n_lines (run) > 0);
  g_assert_true (cb_run_view_get_running (view));
  gtk_widget_grab_focus (log);
  press (GTK_WIDGET (view), "Escape");
  wait_until (!cb_run_is_running (run));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_STOPPED);
  g_assert_false (cb_run_view_get_running (view));
  g_assert_true (g_str_has_prefix (cb_run_view_get_status (view), "Stopped after"));
}

static void
test_window_chaining (void)
{
  g_autofree char *dir = demo_dir ();
  g_autofree char *made = g_build_filename (dir, "outputs", "terminal", "checkpoints", "epoch=99-step=9999.ckpt", NULL);
  g_autofree char *folder = g_path_get_dirname (made);
  CbWindow *window = open_demo ();
  CbPage *train = CB_PAGE (cb_window_get_page (window, 0));
  CbPage *test = CB_PAGE (cb_window_get_page (window, 1));
  CbPage *predict = CB_PAGE (cb_window_get_page (window, 2));
  CbProject *project = cb_window_get_project (window);

  /* Checkpoints were scanned once, on worker threads: the pages' forms,
   * made before, did not scan them on the main thread
   */
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (CB_CHECKPOINT_MODEL (cb_project_get_source (project, "checkpoints"))), ==, 1);

  cb_page_build (test);
  cb_page_build (predict);
  cb_form_reset (cb_page_get_form (predict));
  cb_form_reset (cb_page_get_form (test));
  cb_form_reset (cb_page_get_form (train));
  wait_until (!cb_project_source_is_loading (project, "checkpoints"));

  chain_outside_checkpoint (test, made);
  chain_train_test_predict (window, train, test, predict);
  chain_stop (train);

  cb_form_reset (cb_page_get_form (predict));
  cb_form_reset (cb_page_get_form (test));
  cb_form_reset (cb_page_get_form (train));
  close_window (window);
  cb_test_remove_tree (folder);
}


static void
test_window_offers (void)
{
  CbWindow *window = open_demo ();
  CbPage *test = CB_PAGE (cb_window_get_page (window, 1));
  CbSession *session = cb_window_get_session (window);
  GtkWidget *use_it;
  GtkWidget *bar;
  guint offer_changes = 0;

  cb_page_build (test);
  cb_form_reset (cb_page_get_form (test));
  use_it = find_named (GTK_WIDGET (test), "offer-button");
  bar = find_named (GTK_WIDGET (test), "offer-bar");
  g_assert_nonnull (use_it);
  g_assert_nonnull (bar);
  g_signal_connect_swapped (session, "offer-changed", G_CALLBACK (count_signal), &offer_changes);

  /* An empty field takes an offer; a field holding an offer takes the next */
  cb_session_offer_checkpoint (session, 1, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train");
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/a/checkpoints/1.ckpt");
  cb_session_offer_checkpoint (session, 1, "checkpoints", "outputs/a/checkpoints/2.ckpt", "train");
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/a/checkpoints/2.ckpt");
  g_assert_false (gtk_widget_is_visible (use_it));

  /* A field the user set gets the offer bar, made once however often the
   * same checkpoint is offered
   */
  cb_form_set_value (cb_page_get_form (test), "checkpoint", g_variant_new_string ("outputs/mine/checkpoints/x.ckpt"));
  cb_session_offer_checkpoint (session, 1, "checkpoints", "outputs/a/checkpoints/3.ckpt", "train");
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/mine/checkpoints/x.ckpt");
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_is_visible (use_it));
  g_assert_cmpuint (offer_changes, ==, 1);
  cb_session_offer_checkpoint (session, 1, "checkpoints", "outputs/a/checkpoints/3.ckpt", "train");
  g_assert_cmpuint (offer_changes, ==, 1);
  g_assert_true (gtk_widget_is_visible (use_it));

  /* Taken up, it is the field's offer: the next one replaces it */
  g_signal_emit_by_name (use_it, "clicked");
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/a/checkpoints/3.ckpt");
  g_assert_false (gtk_widget_get_visible (bar));
  cb_session_offer_checkpoint (session, 1, "checkpoints", "outputs/a/checkpoints/4.ckpt", "train");
  g_assert_cmpstr (value_of (test, "checkpoint"), ==, "outputs/a/checkpoints/4.ckpt");

  g_signal_handlers_disconnect_by_data (session, &offer_changes);
  cb_form_reset (cb_page_get_form (test));
  close_window (window);
}

static gboolean
tag_color_is (GtkTextBuffer *buffer,
              const char    *name,
              const char    *property,
              const char    *expected)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  g_autoptr(GdkRGBA) color = NULL;
  GdkRGBA wanted;

  g_assert_nonnull (tag);
  g_assert_true (gdk_rgba_parse (&wanted, expected));
  g_object_get (tag, property, &color, NULL);
  return color != NULL && gdk_rgba_equal (color, &wanted);
}

static void
test_window_dark_style (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkTextBuffer *log = cb_run_view_get_log (CB_RUN_VIEW (cb_page_get_run_view (page)));
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (window));
  gboolean was_dark;

  /* The output's colours come from style.css, and from style-dark.css
   * while the dark style is in use
   */
  g_object_get (settings, "gtk-application-prefer-dark-theme", &was_dark, NULL);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  wait_until (tag_color_is (log, "stderr", "foreground-rgba", "#c64600"));
  g_assert_true (tag_color_is (log, "problem", "background-rgba", "rgba(224, 27, 36, 0.18)"));

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  wait_until (tag_color_is (log, "stderr", "foreground-rgba", "#ffa348"));
  g_assert_true (tag_color_is (log, "problem", "background-rgba", "rgba(255, 123, 99, 0.24)"));

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  wait_until (tag_color_is (log, "stderr", "foreground-rgba", "#c64600"));

  /* A dark theme by name, without the setting: the dark colours too */
  if (g_getenv ("GTK_THEME") == NULL)
    {
      g_autofree char *theme = NULL;

      g_object_get (settings, "gtk-theme-name", &theme, NULL);
      g_object_set (settings, "gtk-theme-name", "Adwaita-dark", NULL);
      wait_until (tag_color_is (log, "stderr", "foreground-rgba", "#ffa348"));
      g_object_set (settings, "gtk-theme-name", theme, NULL);
      wait_until (tag_color_is (log, "stderr", "foreground-rgba", "#c64600"));
    }

  g_object_set (settings, "gtk-application-prefer-dark-theme", was_dark, NULL);
  close_window (window);
}

#define catalogs_changed cb_test_ui_catalogs_changed

static void
test_window_korean (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *saved_locale = NULL;
  CbWindow *window;
  CbPage *page;
  g_autofree char *title = NULL;

  /* With LANGUAGE=ko the window is in Korean: the app's own strings from
   * its translation, the demo's from the translations in its files
   */
  /* gtk_test_init() set the C locale, in which gettext ignores LANGUAGE */
  saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ko", TRUE);
  catalogs_changed ();
  window = open_demo ();
  page = CB_PAGE (cb_window_get_visible_page (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "영수증 텍스트 검출 데모");
  g_object_get (gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page))), GTK_WIDGET (page)),
                "title", &title, NULL);
  g_assert_cmpstr (title, ==, "학습");
  g_assert_cmpstr (cb_schema_get_title (cb_page_get_schema (page)), ==, "텍스트 검출기 학습");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find_named (GTK_WIDGET (page), "run-button"))), ==,
                   "실행(_R)");

  close_window (window);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved_locale);
  catalogs_changed ();
}

static void
test_window_unwatchable_folders (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *made = NULL;
  CbWindow *window;
  GListModel *checkpoints;

  g_free (cb_test_write (dir, "cmdbuilder.yaml",
                         "runner: [echo]\n"
                         "sources:\n  ckpt: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"));
  g_free (cb_test_write (dir, "schemas/pick.yaml",
                         "ui_elements:\n"
                         "  - key: ckpt\n    type: selectbox\n    options_source: ckpt\n"
                         "    default: \"\"\n    hydra_override: ckpt\n"));
  g_free (cb_test_write (dir, "outputs/old/checkpoints/a.ckpt", "x"));
  window = open_window (dir);
  wait_until (!cb_project_source_is_loading (cb_window_get_project (window), "ckpt"));
  g_assert_null (cb_window_get_notice (window));

  /* No monitor left for a new experiment: it is checked periodically
   * instead, the window says so, and its checkpoint still comes
   */
  checkpoints = cb_project_get_source (cb_window_get_project (window), "ckpt");
  cb_checkpoint_model_set_max_monitors (CB_CHECKPOINT_MODEL (checkpoints), 0);
  made = cb_test_write (dir, "outputs/new/checkpoints/b.ckpt", "x");
  wait_until (cb_window_get_notice (window) != NULL);
  g_assert_nonnull (strstr (cb_window_get_notice (window), "cannot be watched for changes"));
  wait_until (cb_options_find (checkpoints, "outputs/new/checkpoints/b.ckpt") >= 0);

  close_window (window);
  cb_test_remove_tree (dir);
}

static void
test_window_remembers (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = demo_dir ();
  g_autofree char *last = NULL;
  g_auto(GStrv) recent = NULL;
  CbWindow *window = open_demo ();

  /* The project opened is the last one and first of the recent ones */
  last = g_settings_get_string (settings, "last-project");
  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpstr (last, ==, dir);
  g_assert_cmpstr (recent[0], ==, dir);

  /* The size is saved when the window closes */
  gtk_window_set_default_size (GTK_WINDOW (window), 1001, 702);
  close_window (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1001);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 702);

  /* Started without arguments, the app opens the last project, at that size */
  g_application_activate (G_APPLICATION (app));
  window = CB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_cmpstr (cb_window_get_folder (window), ==, dir);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1001);
  }
  close_window (window);
}

/* The run view, the page's layout and the log viewer */

/* A project with one page, Echo, whose runner is the Python script
 * @script, in the project folder; its one field is `word`
 */
static char *
script_project (const char *script)
{
  char *dir = cb_test_make_tempdir ();

  g_free (cb_test_write (dir, "runner.py", script));
  g_free (cb_test_write (dir, "cmdbuilder.yaml", "runner: [python3, runner.py]\n"));
  g_free (cb_test_write (dir, "schemas/echo.yaml",
                         "label: Echo\n"
                         "ui_elements:\n"
                         "  - key: word\n    type: text_input\n    default: hello\n"
                         "    hydra_override: word\n"));
  return dir;
}

static GtkAdjustment *
output_adjustment (CbRunView *view)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (cb_run_view_get_log_view (view)));
}

static gboolean
output_at_end (CbRunView *view)
{
  GtkAdjustment *adj = output_adjustment (view);

  double end = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  return end > 0 && gtk_adjustment_get_value (adj) >= end - 4;
}

static guint
output_lines (CbRunView *view)
{
  return gtk_text_buffer_get_line_count (cb_run_view_get_log (view));
}

/* @widget is named @name for a screen reader */
static void
assert_named (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *wrong = NULL;

  g_assert_nonnull (widget);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  if (wrong != NULL)
    g_error ("%s %s: %s", G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget), wrong);
}

/* The first controller of @type on @widget */
static GtkEventController *
controller_of (GtkWidget *widget,
               GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

/* What a mouse wheel turned up over the output does: the scrolled
 * window's scroll controller sees it, and the view goes up */
static void
scroll_output_up (CbRunView *view)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (cb_run_view_get_log_view (view)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkEventController *scroll = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);
  gboolean handled = FALSE;

  /* Ours comes first: it sees the wheel in the capture phase */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && scroll == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        scroll = controller;
    }
  g_assert_nonnull (scroll);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -10.0, &handled);
  gtk_adjustment_set_value (output_adjustment (view), 0);
}

/* The output follows its end while the run writes, stops following when
 * the user scrolls up, and follows again from the jump button
 */
static void
test_window_output_follows (void)
{
  g_autofree char *dir = script_project ("import os, sys, time\n"
                                         "def lines(start):\n"
                                         "    for i in range(start, start + 300):\n"
                                         "        print('line', i, flush=True)\n"
                                         "def wait(name):\n"
                                         "    while not os.path.exists(name):\n"
                                         "        time.sleep(0.02)\n"
                                         "lines(0)\n"
                                         "wait('more')\n"
                                         "lines(300)\n"
                                         "wait('last')\n"
                                         "lines(600)\n");
  g_autofree char *more = g_build_filename (dir, "more", NULL);
  g_autofree char *last = g_build_filename (dir, "last", NULL);
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  GtkWidget *jump = find_named (GTK_WIDGET (view), "jump-button");
  g_autoptr(CbRun) run = NULL;

  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (output_lines (view) > 300 && output_at_end (view));
  g_assert_true (cb_run_view_get_following (view));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (jump))));

  /* Scrolled up to read: it stays there as lines come, and offers the end */
  scroll_output_up (view);
  g_assert_false (cb_run_view_get_following (view));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (jump))));
  g_assert_true (g_file_set_contents (more, "", 0, NULL));
  wait_until (output_lines (view) > 600);
  drain ();
  g_assert_cmpfloat (gtk_adjustment_get_value (output_adjustment (view)), ==, 0);
  g_assert_false (cb_run_view_get_following (view));

  /* The jump button: at the end, and following the last lines too */
  g_signal_emit_by_name (jump, "clicked");
  g_assert_true (cb_run_view_get_following (view));
  wait_until (output_at_end (view));
  g_assert_true (g_file_set_contents (last, "", 0, NULL));
  wait_until (!cb_run_is_running (run));
  wait_until (output_lines (view) > 900 && output_at_end (view));
  g_assert_true (cb_run_view_get_following (view));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (jump))));

  close_window (window);
  cb_test_remove_tree (dir);
}

/* The line of the buffer that holds the cursor, when the line is in view */
static int
line_in_view (CbRunView *view)
{
  GtkTextView *text = cb_run_view_get_log_view (view);
  GtkTextBuffer *buffer = cb_run_view_get_log (view);
  GdkRectangle visible;
  GtkTextIter cursor;
  int y, height;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (text, &visible);
  gtk_text_view_get_line_yrange (text, &cursor, &y, &height);
  if (y < visible.y || y + height > visible.y + visible.height)
    return -1;
  return gtk_text_iter_get_line (&cursor);
}

/* "N problem lines" lists them; each row jumps to its line */
static void
test_window_problem_lines (void)
{
  g_autofree char *dir = script_project ("import sys\n"
                                         "for i in range(400):\n"
                                         "    if i == 40:\n"
                                         "        print('OSError: disk full at step', i)\n"
                                         "    elif i == 350:\n"
                                         "        print('RuntimeError: boom at step', i)\n"
                                         "    else:\n"
                                         "        print('step', i)\n"
                                         "sys.exit(1)\n");
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  GtkWidget *button = find_named (GTK_WIDGET (view), "problems-button");
  GtkWidget *list = find_named (GTK_WIDGET (view), "problems-list");
  g_autoptr(GArray) lines = NULL;
  g_autoptr(CbRun) run = NULL;
  GtkListBoxRow *row;

  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  wait_until (!cb_run_is_running (run));
  wait_until (output_at_end (view));

  /* Clickable, and named as it reads */
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "2 problem lines"));
  lines = cb_run_view_get_problem_lines (view);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpuint (g_array_index (lines, guint64, 0), ==, 40);
  g_assert_cmpuint (g_array_index (lines, guint64, 1), ==, 350);

  g_signal_emit_by_name (button, "clicked");
  wait_until (gtk_widget_get_mapped (list));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));

  /* The first: far above the end; the view stays on it */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_false (gtk_widget_get_mapped (list));
  g_assert_false (cb_run_view_get_following (view));
  wait_until (line_in_view (view) == 40);
  {
    GtkTextIter start, end;
    g_autofree char *selected = NULL;

    g_assert_true (gtk_text_buffer_get_selection_bounds (cb_run_view_get_log (view), &start, &end));
    selected = gtk_text_iter_get_text (&start, &end);
    g_assert_cmpstr (selected, ==, "OSError: disk full at step 40");
  }

  /* The second */
  g_signal_emit_by_name (button, "clicked");
  wait_until (gtk_widget_get_mapped (list));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                                                               1));
  wait_until (line_in_view (view) == 350);

  close_window (window);
  cb_test_remove_tree (dir);
}

static void
record_progress (CbRun      *run,
                 GParamSpec *pspec,
                 GArray     *seen)
{
  double fraction = cb_run_get_progress (run);

  g_array_append_val (seen, fraction);
}

static GtkProgressBar *
progress_bar (CbRunView *view)
{
  return GTK_PROGRESS_BAR (find_named (GTK_WIDGET (view), "progress"));
}

/* The demo's training, as the window shows it: the bar only goes
 * forward, and is complete and marked so when the run succeeded
 */
static void
test_window_progress_forward (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CbRun) run = NULL;

  reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  gtk_range_set_value (GTK_RANGE (input_of (page, "max_epochs")), 4);
  g_assert_true (cb_run_view_run (view));
  run = g_object_ref (cb_run_view_get_run (view));
  /* Output is read from the main loop: nothing came before this */
  g_signal_connect (run, "notify::progress", G_CALLBACK (record_progress), seen);
  while (cb_run_is_running (run))
    {
      double fraction = gtk_progress_bar_get_fraction (progress_bar (view));

      g_main_context_iteration (NULL, TRUE);
      if (gtk_widget_get_visible (GTK_WIDGET (progress_bar (view))))
        g_array_append_val (shown, fraction);
    }
  g_signal_handlers_disconnect_by_data (run, seen);

  g_assert_cmpuint (seen->len, >=, 8);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >, g_array_index (seen, double, i - 1));
  for (guint i = 1; i < shown->len; i++)
    g_assert_cmpfloat (g_array_index (shown, double, i), >=, g_array_index (shown, double, i - 1));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress_bar (view)), ==, 1.0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (progress_bar (view)), "succeeded"));
  g_assert_cmpstr (gtk_progress_bar_get_text (progress_bar (view)), ==, "100%");
  /* The real time the run took, not what the demo's bars pretend */
  g_assert_true (g_str_has_prefix (cb_run_view_get_status (view), "Finished in "));

  cb_form_reset (cb_page_get_form (page));
  close_window (window);
}

static gboolean
find_in_buffer (GtkTextBuffer *buffer,
                const char    *text,
                GtkTextIter   *found)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  return gtk_text_iter_forward_search (&start, text, 0, found, NULL, NULL);
}

/* Stopped, or failed: the bar stays where the run was, and says how it
 * ended */
static void
test_window_progress_marked (void)
{
  g_autofree char *dir = script_project ("import sys, time\n"
                                         "print('a note on stderr', file=sys.stderr, flush=True)\n"
                                         "print('Epoch 2/4:  50%|#####     | 5/10', flush=True)\n"
                                         "if sys.argv[1] == 'word=fail':\n"
                                         "    sys.exit(1)\n"
                                         "while True:\n"
                                         "    time.sleep(1)\n");
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  GtkProgressBar *bar = progress_bar (view);
  CbRun *run;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (cb_run_view_run (view));
  run = cb_run_view_get_run (view);
  wait_until (gtk_progress_bar_get_fraction (bar) == 0.375 &&
              gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "37%");
  /* Standard error has its colour, and is no problem for that */
  {
    GtkTextBuffer *log = cb_run_view_get_log (view);
    GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (log);
    GtkTextIter note;

    wait_until (find_in_buffer (log, "a note on stderr", &note));
    g_assert_true (gtk_text_iter_has_tag (&note, gtk_text_tag_table_lookup (tags, "stderr")));
    g_assert_false (gtk_text_iter_has_tag (&note, gtk_text_tag_table_lookup (tags, "problem")));
    g_assert_true (gtk_text_iter_has_tag (&note, gtk_text_tag_table_lookup (tags, "text")));
  }
  cb_run_view_stop (view);
  wait_until (!cb_run_view_get_running (view));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_STOPPED);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.375);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (bar), "stopped"));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Stopped at 37%");

  /* A new run starts with no progress, then fails */
  gtk_editable_set_text (GTK_EDITABLE (input_of (page, "word")), "fail");
  g_assert_true (cb_run_view_run (view));
  run = cb_run_view_get_run (view);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  wait_until (!cb_run_view_get_running (view));
  g_assert_cmpint (cb_run_get_state (run), ==, CB_RUN_STATE_FAILED);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.375);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (bar), "failed"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (bar), "stopped"));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Failed at 37%");

  close_window (window);
  cb_test_remove_tree (dir);
}

/* Opens the history and clicks Open Log on its first row */
static void
click_open_log (CbWindow *window)
{
  GtkWidget *history = find_widget (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW);
  GtkWidget *button = NULL;

  gtk_popover_popup (GTK_POPOVER (gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER)));
  wait_until ((button = find_named (history,
                                    "open-log-button")) != NULL && gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A file manager on the session bus, as GNOME Files is */
typedef struct
{
  char    *uri;
  gboolean owned;
} FileManager;

static void
file_manager_call (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  FileManager *manager = user_data;
  g_autofree const char **uris = NULL;
  const char *startup;

  g_assert_cmpstr (method, ==, "ShowItems");
  g_variant_get (parameters, "(^a&s&s)", &uris, &startup);
  g_assert_cmpuint (g_strv_length ((char **)uris), ==, 1);
  manager->uri = g_strdup (uris[0]);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
file_manager_acquired (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  ((FileManager *)user_data)->owned = TRUE;
}

/* Open Log: the run's log in the app, searchable, and shown in its
 * folder by the file manager
 */
static void
test_window_log_viewer (void)
{
  static const char introspection[] =
    "<node><interface name='org.freedesktop.FileManager1'>"
    "<method name='ShowItems'>"
    "<arg type='as' direction='in'/><arg type='s' direction='in'/>"
    "</method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { file_manager_call, NULL, NULL, { 0 } };
  g_autofree char *dir = script_project ("for i in range(50):\n"
                                         "    print('line', i)\n"
                                         "print('ValueError: the last line')\n");
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (introspection, NULL);
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));
  FileManager manager = { NULL, FALSE };
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbLogViewer *viewer;
  g_autofree char *text = NULL;
  g_autofree char *expected_uri = NULL;
  g_autofree char *log = NULL;
  guint object_id, owner_id;

  g_assert_cmpint (run_to_end (page), ==, CB_RUN_STATE_SUCCEEDED);
  {
    CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));

    log = g_strdup (cb_run_get_log_path (cb_run_view_get_run (view)));
  }

  click_open_log (window);
  wait_until (find_toplevel (CB_TYPE_LOG_VIEWER) != NULL);
  viewer = CB_LOG_VIEWER (find_toplevel (CB_TYPE_LOG_VIEWER));
  wait_until (cb_log_viewer_is_loaded (viewer));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (viewer)) == GTK_WINDOW (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (viewer)),
                                   "Log of Echo · Today, "));
  text = buffer_text (cb_log_viewer_get_buffer (viewer));
  g_assert_true (g_str_has_prefix (text, "line 0\nline 1\n"));
  g_assert_true (g_str_has_suffix (text, "line 49\nValueError: the last line\n"));
  g_assert_null (cb_log_viewer_get_notice (viewer));
  g_assert_cmpuint (cb_log_viewer_search (viewer, "LINE 4"), ==, 11);
  g_assert_cmpuint (cb_log_viewer_search (viewer, "no such text"), ==, 0);

  /* Show in Folder asks the file manager to show the file */
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                 node->interfaces[0],
                                                 &vtable, &manager, NULL, NULL);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                           file_manager_acquired, NULL, &manager, NULL);
  wait_until (manager.owned);
  g_signal_emit_by_name (find_named (gtk_window_get_titlebar (GTK_WINDOW (viewer)),
                                     "show-in-folder-button"),
                         "clicked");
  wait_until (manager.uri != NULL);
  expected_uri = g_filename_to_uri (log, NULL, NULL);
  g_assert_cmpstr (manager.uri, ==, expected_uri);
  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (manager.uri);

  gtk_window_close (GTK_WINDOW (viewer));
  drain ();
  g_assert_null (find_toplevel (CB_TYPE_LOG_VIEWER));
  close_window (window);
  cb_test_remove_tree (dir);
}

/* A history that names a log outside the project: refused, saying why */
static void
test_window_log_refused (void)
{
  g_autofree char *dir = script_project ("print('hello')\n");
  g_autofree char *outside = cb_test_write (dir, "private.log", "a secret\n");
  CbWindow *window = open_window (dir);
  CbHistory *history = cb_session_get_history (cb_window_get_session (window));
  g_autofree char *folder = g_path_get_dirname (cb_history_get_path (history));
  g_autofree char *line = g_strdup_printf ("{'schema': <'echo'>, "
                                           "'start': <int64 %" G_GINT64_FORMAT ">, "
                                           "'log': <'%s'>}\n", g_get_real_time (), outside);
  GtkWidget *dialog;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (cb_history_get_path (history), line, -1, NULL));
  cb_history_load (history);
  click_open_log (window);
  wait_until (find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  {
    g_autofree char *title = NULL;
    g_autofree char *secondary = NULL;

    g_object_get (dialog, "text", &title, "secondary-text", &secondary, NULL);
    g_assert_cmpstr (title, ==, "The Log Is Not Opened");
    g_assert_nonnull (strstr (secondary, "is not in the project’s outputs folder"));
  }
  g_assert_null (find_toplevel (CB_TYPE_LOG_VIEWER));
  gtk_window_destroy (GTK_WINDOW (dialog));

  close_window (window);
  cb_test_remove_tree (dir);
}

/* The history names the page by its label, and the time as the user's
 * language writes it */
static void
test_window_history_rows (void)
{
  g_autofree char *dir = script_project ("print('hello')\n");
  CbWindow *window = open_window (dir);
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkWidget *history = find_widget (GTK_WIDGET (window), CB_TYPE_HISTORY_VIEW);
  GtkWidget *row = NULL;

  g_assert_cmpint (run_to_end (page), ==, CB_RUN_STATE_SUCCEEDED);
  gtk_popover_popup (GTK_POPOVER (gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER)));
  wait_until ((row = find_widget (history,
                                  CB_TYPE_HISTORY_ROW)) != NULL && gtk_widget_get_mapped (row));
  g_assert_true (g_str_has_prefix (cb_history_row_get_heading (CB_HISTORY_ROW (row)),
                                   "Echo · Today, "));
  /* Its mnemonic buttons are named by their labels alone, with no name
   * set: GTK 4.8 would read the label after it (test-accessible checks
   * what a screen reader hears) */
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (find_named (row, "open-log-button")),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (find_named (row, "use-values-button")),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (history, GTK_TYPE_POPOVER)));

  {
    g_autoptr(GDateTime) now = g_date_time_new_local (2026, 4, 3, 14, 3, 0);
    g_autoptr(GDateTime) yesterday = g_date_time_new_local (2026, 4, 2, 23, 59, 0);
    g_autoptr(GDateTime) march = g_date_time_new_local (2026, 3, 1, 9, 5, 0);
    g_autoptr(GDateTime) last_year = g_date_time_new_local (2025, 12, 31, 9, 5, 0);
    g_autofree char *a = cb_history_row_format_time (now, now);
    g_autofree char *b = cb_history_row_format_time (yesterday, now);
    g_autofree char *c = cb_history_row_format_time (march, now);
    g_autofree char *d = cb_history_row_format_time (last_year, now);

    g_assert_cmpstr (a, ==, "Today, 14:03");
    g_assert_cmpstr (b, ==, "Yesterday, 23:59");
    g_assert_cmpstr (c, ==, "1 March, 09:05");
    g_assert_cmpstr (d, ==, "31 December 2025, 09:05");
  }

  close_window (window);
  cb_test_remove_tree (dir);
}

/* Where @widget is in @window */
static graphene_rect_t
bounds_in (GtkWidget *widget,
           CbWindow  *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return bounds;
}

/* The width of @widget with its padding and border, as allocated */
static int
outer_width (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, widget, &bounds));
  return (int)bounds.size.width;
}

/* Shown, with room, and all of it inside the window */
static void
assert_reachable (GtkWidget *widget,
                  CbWindow  *window,
                  int        min_height)
{
  graphene_rect_t bounds = bounds_in (widget, window);

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.size.height, >=, min_height);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (window)));
}

/* GNOME's smallest window, 360 by 500: one column, the form or the
 * command and its output, each with room, switched at the bottom; the
 * header's pages are a button */
static void
test_window_smallest (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  GtkWidget *panel_toggle = find_named (GTK_WIDGET (page), "panel-toggle");
  GtkWidget *form_toggle = find_named (GTK_WIDGET (page), "form-toggle");
  GtkWidget *switcher = find_widget (GTK_WIDGET (window), CB_TYPE_PAGE_SWITCHER);
  int min_width, min_height;
  g_autofree char *layout = NULL;

  /* The title bar's buttons as GNOME has them: Close only */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout", &layout,
                NULL);
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout",
                "appmenu:close", NULL);
  resize_window (window, 360, 500);
  wait_until (cb_page_get_one_column (page));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL,
                      NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL,
                      NULL);
  g_test_message ("The smallest window: %d by %d", min_width, min_height);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (min_height, <=, 500);

  /* The form first, with room; the header switches pages from a button */
  wait_until (gtk_widget_get_mapped (cb_page_get_form_view (page)));
  assert_reachable (cb_page_get_form_view (page), window, 200);
  assert_reachable (panel_toggle, window, 1);
  assert_reachable (form_toggle, window, 1);
  g_assert_false (gtk_widget_get_mapped (cb_page_get_panel (page)));
  g_assert_true (cb_page_switcher_get_compact (CB_PAGE_SWITCHER (switcher)));
  assert_reachable (cb_page_switcher_get_button (CB_PAGE_SWITCHER (switcher)), window, 1);

  /* The command and its output */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (panel_toggle), TRUE);
  wait_until (gtk_widget_get_mapped (cb_page_get_panel (page)) &&
              !gtk_widget_get_mapped (cb_page_get_form_view (page)));
  drain ();
  assert_reachable (find_named (cb_page_get_panel (page), "command"), window, 40);
  assert_reachable (find_named (GTK_WIDGET (view), "run-button"), window, 1);
  assert_reachable (GTK_WIDGET (cb_run_view_get_log_view (view)), window, 80);
  assert_reachable (find_named (GTK_WIDGET (view), "expand-button"), window, 1);

  /* Back to the form; a run, started from anywhere, shows its output */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (form_toggle), TRUE);
  wait_until (gtk_widget_get_mapped (cb_page_get_form_view (page)));
  reset_settings (page);
  cb_form_reset (cb_page_get_form (page));
  gtk_range_set_value (GTK_RANGE (input_of (page, "max_epochs")), 2);
  press (GTK_WIDGET (window), "<Control>Return");
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (cb_run_view_get_log_view (view))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (panel_toggle)));
  wait_until (!cb_run_view_get_running (view));
  wait_until (output_at_end (view));

  /* 700 wide is one column too; 1200 is two, with the divider (the
   * test's screen is 1280 wide) */
  resize_window (window, 700, 800);
  g_assert_true (cb_page_get_one_column (page));
  resize_window (window, 1200, 800);
  wait_until (!cb_page_get_one_column (page) &&
              gtk_widget_get_mapped (cb_page_get_form_view (page)));
  g_assert_false (cb_page_switcher_get_compact (CB_PAGE_SWITCHER (switcher)));
  g_assert_false (gtk_widget_get_mapped (panel_toggle));
  assert_reachable (cb_page_get_form_view (page), window, 200);
  assert_reachable (GTK_WIDGET (cb_run_view_get_log_view (view)), window, 200);

  cb_form_reset (cb_page_get_form (page));
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-decoration-layout", layout,
                NULL);
  close_window (window);
}

static gboolean
key_on (GtkWidget *widget,
        guint      keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller_of (widget, GTK_TYPE_EVENT_CONTROLLER_KEY), "key-pressed",
                         keyval, 0, 0, &handled);
  return handled;
}

/* The divider between the form and the panel moves by keyboard and by
 * mouse, and is where it was left in the next window */
static void
test_window_divider (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkWidget *divider = find_named (GTK_WIDGET (page), "divider");
  GtkGesture *drag = GTK_GESTURE (controller_of (GTK_WIDGET (page), GTK_TYPE_GESTURE_DRAG));
  int width, shown;

  g_settings_reset (settings, "panel-width");
  resize_window (window, 1200, 800);
  wait_until (gtk_widget_get_width (GTK_WIDGET (page)) > 1100 && gtk_widget_get_mapped (divider));
  width = gtk_widget_get_width (GTK_WIDGET (page));
  shown = cb_page_get_shown_panel_width (page);
  g_assert_cmpint (shown, >, 300);
  g_assert_cmpint (outer_width (cb_page_get_panel (page)), ==, shown);
  g_assert_cmpint (outer_width (cb_page_get_form_view (page)), ==, width - shown);
  g_assert_true (gtk_widget_get_focusable (divider));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (divider),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Divider between the form and the command"));

  /* The left arrow gives the panel more room */
  g_assert_true (key_on (divider, GDK_KEY_Left));
  g_assert_cmpint (g_settings_get_int (settings, "panel-width"), ==, shown + 24);
  wait_until (cb_page_get_shown_panel_width (page) == shown + 24);

  /* Dragged 100 pixels to the left, from the divider */
  shown = cb_page_get_shown_panel_width (page);
  g_signal_emit_by_name (drag, "drag-begin", (double)(width - shown + 1), 300.0);
  g_signal_emit_by_name (drag, "drag-update", -60.0, 0.0);
  g_signal_emit_by_name (drag, "drag-update", -100.0, 4.0);
  wait_until (cb_page_get_shown_panel_width (page) == shown + 100);
  /* Kept when the drag ends, not before */
  g_assert_cmpint (g_settings_get_int (settings, "panel-width"), ==, shown);
  g_signal_emit_by_name (drag, "drag-end", -100.0, 4.0);
  g_assert_cmpint (g_settings_get_int (settings, "panel-width"), ==, shown + 100);

  /* A drag far from the divider is the form's, not the divider's */
  g_signal_emit_by_name (drag, "drag-begin", 100.0, 300.0);
  g_signal_emit_by_name (drag, "drag-update", 300.0, 0.0);
  drain ();
  g_assert_cmpint (cb_page_get_shown_panel_width (page), ==, shown + 100);

  /* The form keeps its room whatever the setting says */
  g_settings_set_int (settings, "panel-width", 5000);
  wait_until (cb_page_get_shown_panel_width (page) == width - 320);

  /* The next window has the divider where it was left */
  g_settings_set_int (settings, "panel-width", 640);
  close_window (window);
  window = open_demo ();
  page = CB_PAGE (cb_window_get_visible_page (window));
  resize_window (window, 1200, 800);
  wait_until (cb_page_get_shown_panel_width (page) == 640);

  g_settings_reset (settings, "panel-width");
  close_window (window);
}

/* Enlarged, the output has the whole page; the command comes back after */
static void
test_window_enlarge_output (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  CbRunView *view = CB_RUN_VIEW (cb_page_get_run_view (page));
  GtkWidget *expand = find_named (GTK_WIDGET (view), "expand-button");
  GtkWidget *command = find_named (cb_page_get_panel (page), "command");

  resize_window (window, 1200, 800);
  wait_until (gtk_widget_get_width (GTK_WIDGET (page)) > 1100 && gtk_widget_get_mapped (command));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (expand),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Enlarge the Output"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (expand), TRUE);
  g_assert_true (cb_run_view_get_expanded (view));
  wait_until (outer_width (cb_page_get_panel (page)) == gtk_widget_get_width (GTK_WIDGET (page)) &&
              !gtk_widget_get_mapped (cb_page_get_form_view (page)) &&
              !gtk_widget_get_mapped (command));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (expand),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Restore the Layout"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (expand), FALSE);
  wait_until (gtk_widget_get_mapped (cb_page_get_form_view (page)) &&
              gtk_widget_get_mapped (command));

  close_window (window);
}

/* Every control of the run view, the panel and the page's layout is
 * named for a screen reader, by what it does, with no mnemonic in it */
static void
test_window_run_view_names (void)
{
  static const struct { const char *widget; const char *name; } named[] = {
    { "run-button", "Run" },
    { "stop-button", "Stop" },
    { "copy-button", "Copy the Command" },
    { "revert-button", "Revert" },
    { "jump-button", "Scroll to the End" },
    { "expand-button", "Enlarge the Output" },
    { "open-run-log-button", "Open Log" },
    { "progress", "Progress" },
    { "log", "Output" },
    { "command", "Command" },
    { "overrides", "Overrides" },
    { "form-toggle", "Form" },
    { "panel-toggle", "Command" },
    { "divider", "Divider between the form and the command" },
  };
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkWidget *switcher = find_widget (GTK_WIDGET (window), CB_TYPE_PAGE_SWITCHER);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GtkWidget *widget = find_named (GTK_WIDGET (page), named[i].widget);
      char *wrong;

      g_assert_nonnull (widget);
      /* A button with a mnemonic is named by its label alone: a name set
       * on it would be read with the label again (see cb-accessible.c)
       */
      if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
          gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        {
          g_autofree char *label = g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
          char *underscore = strchr (label, '_');

          if (underscore != NULL)
            memmove (underscore, underscore + 1, strlen (underscore));
          g_assert_cmpstr (label, ==, named[i].name);
          continue;
        }
      wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                  named[i].name);
      if (wrong != NULL)
        g_error ("%s: %s", named[i].widget, wrong);
    }
  assert_named (cb_page_switcher_get_button (CB_PAGE_SWITCHER (switcher)), "Page: Train");
  cb_window_set_visible_page (window, 1);
  assert_named (cb_page_switcher_get_button (CB_PAGE_SWITCHER (switcher)), "Page: Test");

  close_window (window);
}

/* The command wraps at spaces and never shows a hyphen it does not have */
static void
test_window_command_no_hyphens (void)
{
  CbWindow *window = open_demo ();
  CbPage *page = CB_PAGE (cb_window_get_visible_page (window));
  GtkTextView *command = GTK_TEXT_VIEW (find_named (cb_page_get_panel (page), "command"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (command);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "text");
  GtkTextIter start, end;
  gboolean hyphens = TRUE;

  g_assert_cmpint (gtk_text_view_get_wrap_mode (command), ==, GTK_WRAP_WORD_CHAR);
  g_assert_nonnull (tag);
  g_object_get (tag, "insert-hyphens", &hyphens, NULL);
  g_assert_false (hyphens);

  /* Over all the command, typed text too */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " color_jitter_and_a_very_long_argument_without_spaces=1",
                          -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (GtkTextIter iter = start; !gtk_text_iter_is_end (&iter); gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, tag))
      g_error ("offset %d has hyphens", gtk_text_iter_get_offset (&iter));
  cb_command_panel_revert (CB_COMMAND_PANEL (cb_page_get_panel (page)));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cb_test_ui_init (&argc, &argv);

  g_test_add_func ("/window/pages-lazy", test_window_pages_lazy);
  g_test_add_func ("/window/entry-and-preview", test_window_entry_and_preview);
  g_test_add_func ("/window/hidden-field-has-no-widget", test_window_hidden_field_has_no_widget);
  g_test_add_func ("/window/dropdown", test_window_dropdown);
  g_test_add_func ("/window/setups", test_window_setups);
  g_test_add_func ("/window/sweep-and-list", test_window_sweep_and_list);
  g_test_add_func ("/window/settings", test_window_settings);
  g_test_add_func ("/window/stale-values", test_window_stale_values);
  g_test_add_func ("/window/copy-and-edit", test_window_copy_and_edit);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/accessible", test_window_accessible);
  g_test_add_func ("/window/problems", test_window_problems);
  g_test_add_func ("/window/recovery", test_window_recovery);
  g_test_add_func ("/window/schema-reload", test_window_schema_reload);
  g_test_add_func ("/window/reload-keeps-checkpoints", test_window_reload_keeps_checkpoints);
  g_test_add_func ("/window/remembers", test_window_remembers);
  g_test_add_func ("/window/run", test_window_run);
  g_test_add_func ("/window/run-edited-and-history", test_window_run_edited_and_history);
  g_test_add_func ("/window/first-train-then-test", test_window_first_train_then_test);
  g_test_add_func ("/window/chaining", test_window_chaining);
  g_test_add_func ("/window/offers", test_window_offers);
  g_test_add_func ("/window/korean", test_window_korean);
  g_test_add_func ("/window/dark-style", test_window_dark_style);
  g_test_add_func ("/window/unwatchable-folders", test_window_unwatchable_folders);
  g_test_add_func ("/window/output-follows", test_window_output_follows);
  g_test_add_func ("/window/problem-lines", test_window_problem_lines);
  g_test_add_func ("/window/progress-forward", test_window_progress_forward);
  g_test_add_func ("/window/progress-marked", test_window_progress_marked);
  g_test_add_func ("/window/log-viewer", test_window_log_viewer);
  g_test_add_func ("/window/log-refused", test_window_log_refused);
  g_test_add_func ("/window/history-rows", test_window_history_rows);
  g_test_add_func ("/window/smallest", test_window_smallest);
  g_test_add_func ("/window/divider", test_window_divider);
  g_test_add_func ("/window/enlarge-output", test_window_enlarge_output);
  g_test_add_func ("/window/run-view-names", test_window_run_view_names);
  g_test_add_func ("/window/command-no-hyphens", test_window_command_no_hyphens);

  status = g_test_run ();

  cb_test_ui_finish ();
  return status;
}
