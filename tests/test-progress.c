/* test-progress.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-progress.h"
#include "cb-test-util.h"

static void
assert_progress (const char *line,
                 GRegex     *custom,
                 double      expected,
                 const char *label)
{
  g_autofree char *text = NULL;
  double fraction = -1;

  if (!cb_progress_parse (line, custom, &fraction, &text))
    g_error ("no progress found in “%s”", line);
  g_assert_cmpfloat_with_epsilon (fraction, expected, 1e-9);
  g_assert_cmpstr (text, ==, label);
}

static void
test_progress_forms (void)
{
  double fraction;

  assert_progress ("Epoch 3/10 ... loss=0.41", NULL, 0.3, "Epoch 3/10");
  assert_progress ("epoch 7 of 8", NULL, 0.875, "epoch 7 of 8");
  assert_progress ("[3/12] validating", NULL, 0.25, "[3/12]");
  assert_progress (" 37%|###7      | 37/100 [00:03<00:05]", NULL, 0.37, "37%");
  assert_progress ("100%|##########|", NULL, 1.0, "100%");
  /* A bar in an epoch's line is that epoch's: the second of four, half done */
  assert_progress ("Epoch 2/4: 50%|#####", NULL, 0.375, "Epoch 2/4");

  g_assert_false (cb_progress_parse ("loss=0.41", NULL, &fraction, NULL));
  g_assert_false (cb_progress_parse ("Epoch 3/0", NULL, &fraction, NULL));
  g_assert_false (cb_progress_parse ("50% done", NULL, &fraction, NULL));
}

static void
test_progress_custom (void)
{
  g_autoptr(GRegex) percent = g_regex_new ("progress: (\\d+)", 0, 0, NULL);
  g_autoptr(GRegex) pair = g_regex_new ("step (\\d+) of (\\d+)", 0, 0, NULL);

  assert_progress ("progress: 42", percent, 0.42, "progress: 42");
  assert_progress ("step 50 of 200", pair, 0.25, "step 50 of 200");
  /* The built-in forms still work */
  assert_progress ("Epoch 1/2", percent, 0.5, "Epoch 1/2");
}

/* Feeds @lines in order; each fraction is checked against the one before
 * it, so that a step back anywhere fails
 */
static void
feed_all (CbProgress         *progress,
          const char * const *lines)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double before = cb_progress_get_fraction (progress);

      cb_progress_feed (progress, lines[i]);
      if (cb_progress_get_fraction (progress) < before)
        g_error ("“%s” took the progress back from %g to %g", lines[i], before,
                 cb_progress_get_fraction (progress));
    }
}

static void
assert_fraction (CbProgress *progress,
                 double      expected)
{
  g_assert_cmpfloat_with_epsilon (cb_progress_get_fraction (progress), expected, 1e-9);
}

/* What the issue saw: an 80-epoch run whose bars were read as the whole
 * run went 8%, 75%, 49%, 24%. Each bar belongs to the epoch before it.
 */
static void
test_progress_epochs_refined_by_bars (void)
{
  g_autoptr(CbProgress) progress = cb_progress_new (NULL);
  const char * const lines[] = {
    "Epoch 6/80:  24%|##4       | 24/100 [00:01<00:03, 19.23it/s, loss=0.61]",
    "Epoch 6/80:  49%|####9     | 49/100 [00:02<00:02, 19.23it/s, loss=0.58]",
    "Epoch 6/80:  75%|#######5  | 75/100 [00:03<00:01, 19.23it/s, loss=0.55]",
    NULL,
  };

  g_assert_cmpfloat (cb_progress_get_fraction (progress), ==, -1);
  g_assert_cmpint (cb_progress_get_state (progress), ==, CB_PROGRESS_RUNNING);

  feed_all (progress, lines);
  assert_fraction (progress, (5 + 0.75) / 80);
  g_assert_cmpstr (cb_progress_get_label (progress), ==, "Epoch 6/80");

  /* Bars with no epoch in their line: the validation of epoch 6, then a
   * bar that starts again from 0. None takes the run back to its start,
   * nor to their own 100% */
  {
    const char * const more[] = {
      "Validating: 100%|##########| 25/25 [00:00<00:00, 57.69it/s]",
      " 24%|##4       | 24/100",
      "Epoch 6/80 ... loss=0.52 val_hmean=0.71",
      NULL,
    };

    feed_all (progress, more);
    assert_fraction (progress, 6.0 / 80);
    g_assert_cmpstr (cb_progress_get_label (progress), ==, "Epoch 6/80");
  }

  /* The next epoch goes on from there */
  g_assert_cmpuint (cb_progress_feed (progress, "Epoch 7/80:  50%|#####     | 50/100"), ==,
                    CB_PROGRESS_FRACTION_CHANGED | CB_PROGRESS_LABEL_CHANGED);
  assert_fraction (progress, 6.5 / 80);
  /* A line that says nothing of progress changes nothing */
  g_assert_cmpuint (cb_progress_feed (progress, "warning: lr is high"), ==, 0);
}

/* Splits @text at newlines and carriage returns, as runs pass lines on */
static char **
split_lines (const char *text)
{
  g_autoptr(GRegex) newline = g_regex_new ("\r\n|\r|\n", 0, 0, NULL);

  return g_regex_split (newline, text, 0);
}

/* The demo's own training runner, really run */
static char **
demo_output (const char * const *overrides,
             int                 expected_status)
{
  g_autofree char *runner = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "runners",
                                                   "train.py", NULL);
  g_autofree char *cwd = cb_test_make_tempdir ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (argv, "python3");
  g_ptr_array_add (argv, runner);
  for (guint i = 0; overrides[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)overrides[i]);
  g_ptr_array_add (argv, NULL);

  status = cb_test_run ((const char * const *)argv->pdata, cwd, &out, NULL);
  g_assert_cmpint (status, ==, expected_status);
  cb_test_remove_tree (cwd);

  return split_lines (out);
}

static void
test_progress_demo_train (void)
{
  const char * const overrides[] = { "trainer.max_epochs=4", NULL };
  g_auto(GStrv) lines = demo_output (overrides, 0);
  g_autoptr(CbProgress) progress = cb_progress_new (NULL);
  gboolean seen_half = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double before = cb_progress_get_fraction (progress);
      const char * const one[] = { lines[i], NULL };

      feed_all (progress, one);
      if (g_str_has_prefix (lines[i], "Epoch 2/4:  50%|"))
        {
          assert_fraction (progress, 1.5 / 4);
          seen_half = TRUE;
        }
      /* Complete only when the last epoch's bar says so */
      if (cb_progress_get_fraction (progress) == 1.0 && before < 1.0)
        g_assert_true (g_str_has_prefix (lines[i], "Epoch 4/4: 100%|"));
    }
  g_assert_true (seen_half);
  assert_fraction (progress, 1.0);
  g_assert_cmpstr (cb_progress_get_label (progress), ==, "Epoch 4/4");

  g_assert_cmpuint (cb_progress_finish (progress, CB_PROGRESS_SUCCEEDED), ==,
                    CB_PROGRESS_STATE_CHANGED);
  g_assert_cmpint (cb_progress_get_state (progress), ==, CB_PROGRESS_SUCCEEDED);
}

/* The demo's simulated failure: out of memory in the second epoch. The
 * bar stays where the run failed, and says it failed.
 */
static void
test_progress_demo_failure (void)
{
  const char * const overrides[] = {
    "trainer.max_epochs=3", "trainer.simulate_failure=true", NULL,
  };
  g_auto(GStrv) lines = demo_output (overrides, 1);
  g_autoptr(CbProgress) progress = cb_progress_new (NULL);
  double at_failure;

  feed_all (progress, (const char * const *)lines);
  at_failure = cb_progress_get_fraction (progress);
  g_assert_cmpfloat (at_failure, >, 0);
  g_assert_cmpfloat (at_failure, <, 1);

  g_assert_cmpuint (cb_progress_finish (progress, CB_PROGRESS_FAILED), ==,
                    CB_PROGRESS_STATE_CHANGED);
  g_assert_cmpint (cb_progress_get_state (progress), ==, CB_PROGRESS_FAILED);
  assert_fraction (progress, at_failure);

  /* Nothing moves it after the end */
  g_assert_cmpuint (cb_progress_feed (progress, "Epoch 3/3: 100%|##########|"), ==, 0);
  assert_fraction (progress, at_failure);
}

static void
test_progress_stopped (void)
{
  g_autoptr(CbProgress) progress = cb_progress_new (NULL);

  cb_progress_feed (progress, "Epoch 2/10:  40%|####      | 40/100");
  assert_fraction (progress, 0.14);

  g_assert_cmpuint (cb_progress_finish (progress, CB_PROGRESS_STOPPED), ==,
                    CB_PROGRESS_STATE_CHANGED);
  g_assert_cmpint (cb_progress_get_state (progress), ==, CB_PROGRESS_STOPPED);
  assert_fraction (progress, 0.14);
  g_assert_cmpstr (cb_progress_get_label (progress), ==, "Epoch 2/10");
  g_assert_cmpuint (cb_progress_finish (progress, CB_PROGRESS_STOPPED), ==, 0);
}

/* A run whose output never speaks of progress: unknown throughout, even
 * once it succeeded, so that no bar appears full from nothing
 */
static void
test_progress_unknown (void)
{
  g_autoptr(CbProgress) progress = cb_progress_new (NULL);

  cb_progress_feed (progress, "Resolved config:");
  cb_progress_feed (progress, "  lr: 0.001");
  g_assert_cmpfloat (cb_progress_get_fraction (progress), ==, -1);
  g_assert_null (cb_progress_get_label (progress));

  g_assert_cmpuint (cb_progress_finish (progress, CB_PROGRESS_SUCCEEDED), ==,
                    CB_PROGRESS_STATE_CHANGED);
  g_assert_cmpfloat (cb_progress_get_fraction (progress), ==, -1);
}

/* The demo's test and predict runners: one bar for the whole run, and
 * success completes it when its last update was short of 100%
 */
static void
test_progress_single_bar (void)
{
  g_autoptr(CbProgress) progress = cb_progress_new (NULL);
  const char * const lines[] = {
    "Testing:  25%|##5       | 25/100 [00:00<00:02, 33.33it/s]",
    "Testing:  50%|#####     | 50/100 [00:01<00:01, 33.33it/s]",
    "Testing:  99%|#########9| 99/100 [00:02<00:00, 33.33it/s]",
    NULL,
  };

  feed_all (progress, lines);
  assert_fraction (progress, 0.99);
  g_assert_cmpstr (cb_progress_get_label (progress), ==, "99%");

  g_assert_cmpuint (cb_progress_finish (progress, CB_PROGRESS_SUCCEEDED), ==,
                    CB_PROGRESS_STATE_CHANGED | CB_PROGRESS_FRACTION_CHANGED);
  assert_fraction (progress, 1.0);
}

/* The project's own pattern is the whole run; a log written anew starts
 * the progress again
 */
static void
test_progress_custom_and_reset (void)
{
  g_autoptr(GRegex) pair = g_regex_new ("step (\\d+) of (\\d+)", 0, 0, NULL);
  g_autoptr(CbProgress) progress = cb_progress_new (pair);
  const char * const lines[] = { "step 10 of 40", "step 30 of 40", "step 20 of 40", NULL };

  feed_all (progress, lines);
  assert_fraction (progress, 0.75);
  g_assert_cmpstr (cb_progress_get_label (progress), ==, "step 30 of 40");

  cb_progress_finish (progress, CB_PROGRESS_FAILED);
  g_assert_cmpuint (cb_progress_reset (progress), ==,
                    CB_PROGRESS_FRACTION_CHANGED | CB_PROGRESS_LABEL_CHANGED |
                    CB_PROGRESS_STATE_CHANGED);
  g_assert_cmpfloat (cb_progress_get_fraction (progress), ==, -1);
  g_assert_cmpint (cb_progress_get_state (progress), ==, CB_PROGRESS_RUNNING);
  cb_progress_feed (progress, "step 4 of 40");
  assert_fraction (progress, 0.1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The demo's runners skip their pauses */
  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);

  g_test_add_func ("/progress/forms", test_progress_forms);
  g_test_add_func ("/progress/custom", test_progress_custom);
  g_test_add_func ("/progress/epochs-refined-by-bars", test_progress_epochs_refined_by_bars);
  g_test_add_func ("/progress/demo-train", test_progress_demo_train);
  g_test_add_func ("/progress/demo-failure", test_progress_demo_failure);
  g_test_add_func ("/progress/stopped", test_progress_stopped);
  g_test_add_func ("/progress/unknown", test_progress_unknown);
  g_test_add_func ("/progress/single-bar", test_progress_single_bar);
  g_test_add_func ("/progress/custom-and-reset", test_progress_custom_and_reset);

  return g_test_run ();
}
