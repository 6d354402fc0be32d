/* test-progress.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-progress.h"

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
  /* The epoch wins over a bar in the same line: it is the whole run */
  assert_progress ("Epoch 2/4: 50%|#####", NULL, 0.5, "Epoch 2/4");

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/progress/forms", test_progress_forms);
  g_test_add_func ("/progress/custom", test_progress_custom);

  return g_test_run ();
}
