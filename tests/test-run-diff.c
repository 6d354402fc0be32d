/* test-run-diff.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-run-diff.h"
#include "cb-test-util.h"

static GVariant *
parse (const char *text)
{
  return g_variant_ref_sink (g_variant_new_parsed (text));
}

static const char * const argv_a[] = {
  "python3", "runners/train.py", "exp_name=night", "model.optimizer.lr=0.001",
  "trainer.max_epochs=10", "+tags=[a,b]", NULL
};
static const char * const argv_b[] = {
  "python3", "runners/train.py", "model.optimizer.lr=0.01", "exp_name=night",
  "trainer.max_epochs=10", "model.pretrained=false", NULL
};

static void
test_diff_values (void)
{
  g_autoptr(GVariant) a = parse ("{'exp_name': <'night'>, 'lr': <0.001>, 'max_epochs': <int64 10>, "
                                 "'tags': <['a', 'b']>}");
  g_autoptr(GVariant) b = parse ("{'exp_name': <'night'>, 'lr': <0.01>, 'max_epochs': <10.0>, "
                                 "'pretrained': <false>}");
  g_autoptr(CbRunDiff) diff = cb_run_diff_new (a, argv_a, b, argv_b);
  static const struct { const char *key; CbDiffKind kind; } expected[] = {
    { "exp_name", CB_DIFF_SAME },
    { "lr", CB_DIFF_CHANGED },
    /* The same number, stored as an integer once and as a double once */
    { "max_epochs", CB_DIFF_SAME },
    /* The first run had the default */
    { "pretrained", CB_DIFF_ONLY_B },
    { "tags", CB_DIFF_ONLY_A },
  };

  g_assert_false (cb_run_diff_is_empty (diff));
  g_assert_cmpuint (cb_run_diff_get_n_values (diff), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (cb_run_diff_get_n_differing (diff), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CbValueDiff *value = cb_run_diff_get_value (diff, i);

      g_assert_cmpstr (value->key, ==, expected[i].key);
      g_assert_cmpint (value->kind, ==, expected[i].kind);
    }
  g_assert_null (cb_run_diff_get_value (diff, 3)->a);
  g_assert_true (g_variant_get_boolean (cb_run_diff_get_value (diff, 3)->b) == FALSE);
}

static void
test_diff_args (void)
{
  g_autoptr(CbRunDiff) diff = cb_run_diff_new (NULL, argv_a, NULL, argv_b);
  static const CbDiffKind kinds_a[] = {
    CB_DIFF_SAME, CB_DIFF_SAME, CB_DIFF_SAME, CB_DIFF_CHANGED, CB_DIFF_SAME, CB_DIFF_ONLY_A
  };
  static const CbDiffKind kinds_b[] = {
    CB_DIFF_SAME, CB_DIFF_SAME, CB_DIFF_CHANGED, CB_DIFF_SAME, CB_DIFF_SAME, CB_DIFF_ONLY_B
  };
  const CbArgDiff *a, *b;
  guint na, nb;

  a = cb_run_diff_get_args (diff, FALSE, &na);
  b = cb_run_diff_get_args (diff, TRUE, &nb);
  g_assert_cmpuint (na, ==, G_N_ELEMENTS (kinds_a));
  g_assert_cmpuint (nb, ==, G_N_ELEMENTS (kinds_b));
  for (guint i = 0; i < na; i++)
    g_assert_cmpint (a[i].kind, ==, kinds_a[i]);
  for (guint i = 0; i < nb; i++)
    g_assert_cmpint (b[i].kind, ==, kinds_b[i]);

  /* Reordered overrides pair up; a changed one points at its counterpart */
  g_assert_cmpint (a[2].other, ==, 3);
  g_assert_cmpint (a[3].other, ==, 2);
  g_assert_cmpstr (b[a[3].other].arg, ==, "model.optimizer.lr=0.01");
  g_assert_cmpint (a[5].other, ==, -1);

  /* `+key`, `++key` and `~key` set the same key as `key=` */
  {
    const char * const x[] = { "run", "+seed=1", "~scheduler", "--multirun", NULL };
    const char * const y[] = { "run", "++seed=2", "scheduler=cosine", "-m", NULL };
    g_autoptr(CbRunDiff) prefixes = cb_run_diff_new (NULL, x, NULL, y);

    a = cb_run_diff_get_args (prefixes, FALSE, NULL);
    b = cb_run_diff_get_args (prefixes, TRUE, NULL);
    g_assert_cmpint (a[1].kind, ==, CB_DIFF_CHANGED);
    g_assert_cmpint (a[2].kind, ==, CB_DIFF_CHANGED);
    g_assert_cmpint (a[3].kind, ==, CB_DIFF_ONLY_A);
    g_assert_cmpint (b[3].kind, ==, CB_DIFF_ONLY_B);
  }
}

static void
test_diff_text (void)
{
  g_autoptr(GVariant) a = parse ("{'exp_name': <'night'>, 'lr': <0.001>, 'tags': <['a', 'b']>}");
  g_autoptr(GVariant) b = parse ("{'exp_name': <'night'>, 'lr': <0.01>, 'pretrained': <false>}");
  g_autoptr(CbRunDiff) diff = cb_run_diff_new (a, argv_a, b, argv_b);
  g_autoptr(CbRunDiff) same = cb_run_diff_new (a, argv_a, a, argv_a);
  g_autofree char *text = cb_run_diff_to_text (diff, "3", "5", CB_RUN_DIFF_NONE);
  g_autofree char *empty = cb_run_diff_to_text (same, "3", "3", CB_RUN_DIFF_NONE);
  g_autofree char *all = cb_run_diff_to_text (same, "3", "3", CB_RUN_DIFF_ALL);

  g_assert_cmpstr (text, ==,
                   "--- 3\n"
                   "+++ 5\n"
                   "Values:\n"
                   "  lr: 0.001 → 0.01\n"
                   "  pretrained: (default) → false\n"
                   "  tags: [a,b] → (default)\n"
                   "Command:\n"
                   "- model.optimizer.lr=0.001\n"
                   "+ model.optimizer.lr=0.01\n"
                   "- '+tags=[a,b]'\n"
                   "+ model.pretrained=false\n");

  /* Nothing for what is equal: two equal runs give nothing at all */
  g_assert_true (cb_run_diff_is_empty (same));
  g_assert_cmpstr (empty, ==, "");
  g_assert_true (g_str_has_prefix (all, "--- 3\n+++ 3\nValues:\n  exp_name: night\n  lr: 0.001\n"));
  g_assert_nonnull (strstr (all, "Command:\n  python3\n  runners/train.py\n"));
}

static void
test_diff_metrics (void)
{
  g_autoptr(CbRunDiff) diff = cb_run_diff_new (NULL, argv_a, NULL, argv_a);
  g_autoptr(CbMetricSet) a = cb_metric_set_new (NULL);
  g_autoptr(CbMetricSet) b = cb_metric_set_new (NULL);
  g_autofree char *text = NULL;

  cb_metric_set_feed (a, "epoch 1 loss=0.9 hmean=0.5", -1);
  cb_metric_set_feed (a, "epoch 2 loss=0.5 hmean=0.6", -1);
  cb_metric_set_feed (b, "epoch 1 loss=0.4 hmean=0.6 acc=0.9", -1);
  cb_metric_set_flush (a);
  cb_metric_set_flush (b);
  cb_run_diff_set_metrics (diff, a, b);

  /* hmean ended the same: left out */
  text = cb_run_diff_to_text (diff, NULL, NULL, CB_RUN_DIFF_NONE);
  g_assert_cmpstr (text, ==, "Metrics (last value):\n  loss: 0.5 → 0.4\n  acc: — → 0.9\n");
}

static CbHistoryRecord *
record_of_run (const char *dir,
               const char *arg,
               const char *values)
{
  const char *argv[] = { "/bin/sh", "-c", "exit 0", arg, NULL };
  g_autoptr(CbRun) run = cb_run_new (argv, dir, "train", NULL);
  g_autoptr(GVariant) dict = parse (values);

  g_assert_true (cb_run_start (run, NULL));
  while (cb_run_is_running (run))
    g_main_context_iteration (NULL, TRUE);
  return cb_history_record_new_from_run (run, dict);
}

static void
test_diff_records (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(CbHistoryRecord) a = record_of_run (dir, "seed=1", "{'seed': <int64 1>}");
  g_autoptr(CbHistoryRecord) b = record_of_run (dir, "seed=2", "{'seed': <int64 2>}");
  g_autoptr(CbRunDiff) diff = cb_run_diff_new_for_records (a, b);
  g_autofree char *text = cb_run_diff_to_text (diff, "a", "b", CB_RUN_DIFF_NONE);

  g_assert_cmpstr (text, ==, "--- a\n+++ b\nValues:\n  seed: 1 → 2\nCommand:\n- seed=1\n+ seed=2\n");
  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run-diff/values", test_diff_values);
  g_test_add_func ("/run-diff/args", test_diff_args);
  g_test_add_func ("/run-diff/text", test_diff_text);
  g_test_add_func ("/run-diff/metrics", test_diff_metrics);
  g_test_add_func ("/run-diff/records", test_diff_records);

  return g_test_run ();
}
