/* test-metrics-parser.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-diagnostic.h"
#include "cb-metrics-parser.h"
#include "cb-override.h"
#include "cb-test-util.h"

/* What a line gave, as `epoch 4: loss=0.43 val/hmean=0.812`, or NULL */
static char *
describe (CbMetricsParser *parser,
          const char      *line)
{
  static const char * const kinds[] = { "line", "epoch", "step" };
  const CbMetricsSample *sample = cb_metrics_parser_parse (parser, line, -1);
  GString *out;

  if (sample == NULL)
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s %g:", kinds[sample->kind], cb_metrics_sample_get_x (sample, sample->kind));
  for (guint i = 0; i < sample->n_values; i++)
    g_string_append_printf (out, " %s=%g", sample->values[i].name, sample->values[i].value);
  return g_string_free (out, FALSE);
}

static void
assert_line (CbMetricsParser *parser,
             const char      *line,
             const char      *expected)
{
  g_autofree char *got = describe (parser, line);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("“%s” gave “%s”, not “%s”", line, got ? got : "nothing", expected ? expected : "nothing");
}

static void
test_parser_lightning (void)
{
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);

  /* Epochs from 0; the bar says how far into the epoch */
  assert_line (parser, "Sanity Checking DataLoader 0: 100%|██████████| 2/2 [00:00<00:00, 12.31it/s]", NULL);
  assert_line (parser, "Epoch 0:  40%|████      | 4/10 [00:00<00:01,  5.12it/s, v_num=0, train_loss_step=1.230]",
               "epoch 0.4: train_loss_step=1.23");
  assert_line (parser,
               "Epoch 0: 100%|██████████| 10/10 [00:01<00:00,  9.50it/s, v_num=0, train_loss_step=0.910, "
               "val/hmean=0.512, train_loss_epoch=1.050]",
               "epoch 1: train_loss_step=0.91 val/hmean=0.512 train_loss_epoch=1.05");
  assert_line (parser, "Epoch 3: 100%|███| 10/10 [00:01<00:00, loss=0.43, v_num=0, val/hmean=0.812]",
               "epoch 4: loss=0.43 val/hmean=0.812");
  assert_line (parser, "Validation DataLoader 0: 100%|██████████| 2/2 [00:00<00:00, 31.02it/s]", NULL);
  /* Lightning's learning-rate monitor, and a value in a tensor */
  assert_line (parser, "Epoch 4: 50%|█████     | 5/10 [00:00<00:00, lr-Adam=0.001, loss=tensor(0.4012, device='cuda:0')]",
               "epoch 4.5: lr-Adam=0.001 loss=0.4012");

  /* The table of test metrics, plain and drawn with box characters */
  assert_line (parser, "────────────────────────────────────────────────", NULL);
  assert_line (parser, "       Test metric             DataLoader 0", NULL);
  assert_line (parser, "────────────────────────────────────────────────", NULL);
  assert_line (parser, "        test/hmean             0.8123000264167786", "epoch 4.5: test/hmean=0.8123");
  assert_line (parser, "         test/loss             0.3100000023841858", "epoch 4.5: test/loss=0.31");
  assert_line (parser, "────────────────────────────────────────────────", NULL);
  assert_line (parser, "Restoring states from the checkpoint path at 3", NULL);
  assert_line (parser, "┃      Validate metric      ┃       DataLoader 0        ┃", NULL);
  assert_line (parser, "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━┩", NULL);
  assert_line (parser, "│         val/hmean         │    0.7999999523162842     │", "epoch 4.5: val/hmean=0.8");
  assert_line (parser, "└───────────────────────────┴───────────────────────────┘", NULL);
}

static void
test_parser_tqdm (void)
{
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);

  /* No marker yet: the count of lines with metrics */
  assert_line (parser, "100%|##########| 50/50 [00:02<00:00, 21.3it/s, loss=0.43, hmean=0.81]",
               "line 1: loss=0.43 hmean=0.81");
  /* A custom loop: `Epoch 2/5` counts from 1, so 4/10 into it is 1.4 epochs done */
  assert_line (parser, "Epoch 2/5:  40%|####      | 4/10 [00:01<00:01,  3.12it/s, loss=0.52]",
               "epoch 1.4: loss=0.52");
  assert_line (parser, "Epoch 2/5: 100%|##########| 10/10 [00:03<00:00,  3.12it/s, loss=0.48]", "epoch 2: loss=0.48");
  /* A bar without an epoch afterwards: still in the last epoch */
  assert_line (parser, "Validating: 100%|##########| 2/2 [00:00<00:00,  9.4it/s, val_loss=0.51]",
               "epoch 2: val_loss=0.51");
  /* The rate, the times and the percentage are not metrics */
  assert_line (parser, "Training:  40%|####      | 4/10 [00:00<00:00, 3.12it/s]", NULL);
  assert_line (parser, "Testing: 100%|##########| 2/2 [00:00<00:00, 1.5s/it]", NULL);
}

static void
test_parser_plain (void)
{
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);

  assert_line (parser, "epoch 1 loss 0.9 acc 0.41", "epoch 1: loss=0.9 acc=0.41");
  assert_line (parser, "Epoch 2: loss 0.7000, val_hmean 0.6120", "epoch 2: loss=0.7 val_hmean=0.612");
  assert_line (parser, "Epoch 3/10 ... loss=0.4312 val_hmean=0.8123 lr=1.00e-03",
               "epoch 3: loss=0.4312 val_hmean=0.8123 lr=0.001");
  assert_line (parser, "epoch: 4, loss: 0.41, lr: 1e-4", "epoch 4: loss=0.41 lr=0.0001");
  /* PyTorch's MNIST example */
  assert_line (parser, "Train Epoch: 5 [32000/60000 (53%)]\tLoss: 0.123400", "epoch 5.53333: Loss=0.1234");
  /* A tutorial's steps inside an epoch */
  assert_line (parser, "Epoch [6/10], Step [300/600], Loss: 0.2212", "epoch 5.5: Loss=0.2212");
  /* Hugging Face's Trainer */
  assert_line (parser, "{'loss': 0.4312, 'grad_norm': 1.25, 'learning_rate': 4.5e-05, 'epoch': 0.5}",
               "epoch 0.5: loss=0.4312 grad_norm=1.25 learning_rate=4.5e-05");
  assert_line (parser, "{\"eval_loss\": 0.3, \"epoch\": 1.0}", "epoch 1: eval_loss=0.3");
  /* A global step wins over the epoch */
  assert_line (parser, "step=1200 epoch=3 loss=0.25", "step 1200: loss=0.25");
  assert_line (parser, "global_step: 1300 | train/loss: 0.24 | val/acc: 0.91", "step 1300: train/loss=0.24 val/acc=0.91");
  assert_line (parser, "iter 1400 loss 0.23", "step 1400: loss=0.23");
  /* Keras: the epoch on a line of its own, then the bar */
  assert_line (parser, "Epoch 8/10", NULL);
  assert_line (parser, "10/10 [==============================] - 1s 100ms/step - loss: 0.4312 - accuracy: 0.8123",
               "epoch 8: loss=0.4312 accuracy=0.8123");
  /* mmengine */
  assert_line (parser,
               "11/30 12:00:00 - mmengine - INFO - Epoch(train) [3][100/500]  lr: 1.0000e-02  eta: 0:10:00  "
               "time: 0.5123  data_time: 0.0100  memory: 3000  loss: 0.4312",
               "epoch 3.2: lr=0.01 time=0.5123 data_time=0.01 memory=3000 loss=0.4312");
}

static void
test_parser_keras (void)
{
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);

  assert_line (parser, "Epoch 3/10", NULL);
  assert_line (parser, "10/10 [==============================] - 1s 100ms/step - loss: 0.4312 - val_loss: 0.5",
               "epoch 3: loss=0.4312 val_loss=0.5");
  assert_line (parser, "Epoch 4/10", NULL);
  assert_line (parser, " 5/10 [==============>...............] - ETA: 0s - loss: 0.4011", "epoch 3.5: loss=0.4011");
}

static void
test_parser_hydra (void)
{
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);

  /* Hydra's logging prefix: its date and time are no metrics */
  assert_line (parser, "[2026-11-30 12:00:00,123][__main__][INFO] - epoch 3 val/hmean=0.812",
               "epoch 3: val/hmean=0.812");
  assert_line (parser, "[2026-11-30 12:00:01,456][__main__][INFO] - epoch 4 loss 0.38 hmean 0.83",
               "epoch 4: loss=0.38 hmean=0.83");
  assert_line (parser, "[2026-11-30 12:00:02,001][__main__][INFO] - Instantiating model <src.Model>", NULL);
  assert_line (parser, "[2026-11-30 12:00:02,001][root][WARNING] - lr=0.1 is high", NULL);
  /* logging's own formats, and loguru's */
  assert_line (parser, "INFO:__main__:epoch 5 loss 0.35", "epoch 5: loss=0.35");
  assert_line (parser, "2026-11-30 12:00:03,001 - train - INFO - epoch 6 loss=0.33", "epoch 6: loss=0.33");
  assert_line (parser, "2026-11-30 12:00:04.001 | INFO     | __main__:fit:88 - epoch 7 loss 0.31",
               "epoch 7: loss=0.31");
}

/* Lines that look like metrics and are not */
static void
test_parser_negative (void)
{
  static const char * const lines[] = {
    /* The resolved config, the overrides and prose */
    "Resolved config:",
    "  lr: 0.001",
    "    max_epochs: 10",
    "  model.optimizer.lr=0.001",
    "Optimizer: adam, lr=0.001, weight_decay=0.0001; scheduler cosine; gradient clip 5.0",
    "Steps per epoch: 10 (batch size 8)",
    "The checkpoint is already at epoch 3: trainer.max_epochs=3 leaves nothing to train.",
    "Backbone frozen for epoch 1/10",
    "Epoch 3 took 12.5 seconds",
    "Epoch 3 finished in 12.5 s",
    "epoch 3 loss 0.4 and then some",
    /* Dates, times, rates, percentages, file names */
    "2026-11-30 12:00:00 starting",
    "epoch 3 started at 2026-11-30 12:00:00",
    "epoch 3 eta: 0:10:00",
    "epoch 3 speed=9.5it/s",
    "epoch 3 rate=1.5s/it",
    "epoch 3 done=40%",
    "epoch 3 batches=3/10",
    "Saved checkpoint outputs/run/checkpoints/epoch=00-step=0010.ckpt",
    "Best val_hmean=0.8123 (epoch=09-step=0100.ckpt)",
    "Training:  40%|####      | 4/10 [00:00<00:00, 3.12it/s]",
    /* Lightning's version number, not a number worth plotting */
    "Epoch 0: 100%|██████████| 10/10 [00:01<00:00,  9.50it/s, v_num=3]",
    /* Not finite */
    "epoch 3 loss=nan",
    "epoch 3 loss=inf",
    "epoch 3 url=http://host:8080/",
    "",
  };
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    assert_line (parser, lines[i], NULL);
}

/* What the demo's runners print, run for real */
static void
test_parser_demo (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *runner = g_build_filename (g_getenv ("CB_TEST_DEMO_DATA_DIR"), "cmdbuilder", "demo",
                                              "runners", "train.py", NULL);
  g_autofree char *test_runner = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);
  g_auto(GStrv) lines = NULL;
  double first_loss = NAN, last_loss = NAN, first_hmean = NAN, last_hmean = NAN, last_x = -1;
  guint n_loss = 0, n_hmean = 0;
  const char *argv[] = { "python3", runner, "trainer.max_epochs=6", NULL };

  g_setenv ("CMDBUILDER_DEMO_FAST", "1", TRUE);
  g_assert_cmpint (cb_test_run (argv, dir, &out, &err), ==, 0);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const CbMetricsSample *sample = cb_metrics_parser_parse (parser, lines[i], -1);

      if (sample == NULL)
        continue;

      /* Every point is on the epoch axis, in order */
      g_assert_cmpint (sample->kind, ==, CB_METRICS_STEP_EPOCH);
      g_assert_cmpfloat (sample->epoch, >=, last_x);
      g_assert_cmpfloat (sample->epoch, <=, 6);
      last_x = sample->epoch;

      for (guint j = 0; j < sample->n_values; j++)
        {
          const CbMetricsValue *v = &sample->values[j];

          if (g_str_equal (v->name, "loss"))
            {
              if (n_loss++ == 0)
                first_loss = v->value;
              last_loss = v->value;
            }
          else if (g_str_equal (v->name, "val_hmean"))
            {
              if (n_hmean++ == 0)
                first_hmean = v->value;
              last_hmean = v->value;
            }
          else
            g_assert_cmpstr (v->name, ==, "lr");
        }
    }

  /* The curves mean something: loss falls, hmean rises, in every epoch */
  g_assert_cmpuint (n_hmean, ==, 6);
  g_assert_cmpuint (n_loss, >, 6);
  g_assert_cmpfloat (last_x, ==, 6);
  g_assert_cmpfloat (last_loss, <, first_loss * 0.7);
  g_assert_cmpfloat (last_hmean, >, first_hmean + 0.1);

  /* The test runner's table of metrics */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(GDir) folder = NULL;
    g_autofree char *checkpoints = g_build_filename (dir, "outputs", "receipts_det", "checkpoints", NULL);
    g_autofree char *checkpoint = NULL;
    g_autofree char *arg = NULL;
    g_autoptr(CbMetricsParser) test_parser = cb_metrics_parser_new (NULL);
    const char *name;
    guint n_test = 0;

    folder = g_dir_open (checkpoints, 0, NULL);
    g_assert_nonnull (folder);
    name = g_dir_read_name (folder);
    g_assert_nonnull (name);
    checkpoint = g_build_filename (checkpoints, name, NULL);
    /* Quoted as the app writes it: a path with `=` is not a bare Hydra value */
    arg = cb_override_build_text ("checkpoint_path", checkpoint);
    test_runner = g_build_filename (g_getenv ("CB_TEST_DEMO_DATA_DIR"), "cmdbuilder", "demo", "runners",
                                    "test.py", NULL);
    {
      const char *test_argv[] = { "python3", test_runner, arg, NULL };

      g_assert_cmpint (cb_test_run (test_argv, dir, &out, &err), ==, 0);
    }

    g_strfreev (lines);
    lines = g_strsplit (out, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        const CbMetricsSample *sample = cb_metrics_parser_parse (test_parser, lines[i], -1);

        if (sample == NULL)
          continue;
        g_assert_cmpuint (sample->n_values, ==, 1);
        g_assert_true (g_str_has_prefix (sample->values[0].name, "test/"));
        g_assert_cmpfloat (sample->values[0].value, >, 0);
        g_assert_cmpfloat (sample->values[0].value, <, 1);
        n_test++;
      }
    g_assert_cmpuint (n_test, ==, 3);
  }

  cb_test_remove_tree (dir);
}

static CbMetricsConfig *
load_config (const char  *yaml,
             GPtrArray   *diagnostics)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = cb_yaml_load_data (yaml, -1, "cmdbuilder.yaml", &error);

  g_assert_no_error (error);
  return cb_metrics_config_load (cb_node_lookup (root, "metrics"), diagnostics);
}

static void
test_parser_pattern (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  g_autoptr(CbMetricsConfig) config = load_config (
    "metrics:\n"
    "  pattern: 'it (?<step>\\d+): (?<name>[a-z]+) is (?<value>[-0-9.]+)'\n", diagnostics);
  g_autoptr(CbMetricsConfig) groups = load_config (
    "metrics:\n"
    "  pattern: '^round (?P<epoch>\\d+) score (?<score>[0-9.]+)(?: bleu (?<bleu>[0-9.]+))?'\n"
    "  builtin: false\n", diagnostics);
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (config);
  g_autoptr(CbMetricsParser) group_parser = cb_metrics_parser_new (groups);

  g_assert_cmpuint (diagnostics->len, ==, 0);

  /* Every match on the line */
  assert_line (parser, "it 40: loss is 0.5, it 40: acc is 0.75", "step 40: loss=0.5 acc=0.75");
  /* A line the pattern does not fit goes to the built-in forms */
  assert_line (parser, "epoch 2 loss=0.4", "epoch 2: loss=0.4");

  /* Groups named after metrics; an optional one that did not match gives nothing */
  assert_line (group_parser, "round 3 score 0.5 bleu 21.5", "epoch 3: score=0.5 bleu=21.5");
  assert_line (group_parser, "round 4 score 0.6", "epoch 4: score=0.6");
  /* builtin: false */
  assert_line (group_parser, "epoch 5 loss=0.4", NULL);
}

static void
test_parser_config (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  g_autoptr(CbMetricsConfig) project = load_config (
    "metrics:\n"
    "  show: [loss, 'val/*']\n"
    "  ignore: ['*_step', lr]\n", diagnostics);
  g_autoptr(CbMetricsConfig) schema = load_config ("metrics: [hmean]\n", diagnostics);
  g_autoptr(CbMetricsConfig) off = load_config ("metrics: false\n", diagnostics);
  g_autoptr(CbMetricsConfig) merged = cb_metrics_config_merge (project, schema);
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (merged);
  g_autoptr(CbMetricsParser) off_parser = cb_metrics_parser_new (off);
  g_autoptr(CbMetricsConfig) none = cb_metrics_config_new ();

  g_assert_cmpuint (diagnostics->len, ==, 0);

  g_assert_true (cb_metrics_config_is_shown (project, "val/hmean"));
  g_assert_true (cb_metrics_config_is_shown (project, "loss"));
  g_assert_false (cb_metrics_config_is_shown (project, "lr"));
  g_assert_true (cb_metrics_config_is_shown (none, "anything"));

  /* The schema's show wins, the project's ignore stays */
  g_assert_true (cb_metrics_config_is_shown (merged, "hmean"));
  g_assert_false (cb_metrics_config_is_shown (merged, "loss"));
  g_assert_cmpstr (cb_metrics_config_get_show (merged)[0], ==, "hmean");
  assert_line (parser, "epoch 1 loss=0.5 lr=0.1 loss_step=0.4 hmean=0.3 v_num=1", "epoch 1: loss=0.5 hmean=0.3");
  /* Twice, from the names it remembers */
  assert_line (parser, "epoch 2 loss=0.4 lr=0.1 loss_step=0.4 hmean=0.4", "epoch 2: loss=0.4 hmean=0.4");

  g_assert_false (cb_metrics_config_get_enabled (off));
  assert_line (off_parser, "epoch 1 loss=0.5", NULL);
}

static void
test_parser_config_errors (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  g_autoptr(CbMetricsConfig) a = load_config ("metrics:\n  pattern: '(?<value>[0-9.]+'\n", diagnostics);
  g_autoptr(CbMetricsConfig) b = load_config ("metrics:\n  pattern: 'loss (?<value>[0-9.]+)'\n", diagnostics);
  g_autoptr(CbMetricsConfig) c = load_config ("metrics:\n  pattern: 'loss [0-9.]+'\n", diagnostics);
  g_autoptr(CbMetricsConfig) d = load_config ("metrics:\n  show: {a: 1}\n  colour: red\n  builtin: maybe\n",
                                              diagnostics);
  g_autoptr(CbMetricsConfig) e = load_config ("metrics: often\n", diagnostics);
  g_autoptr(CbMetricsConfig) f = load_config ("metrics:\n  ignore: [loss, [a]]\n", diagnostics);
  g_autofree char *text = cb_test_diagnostics_to_string (diagnostics);

  g_test_message ("%s", text);
  g_assert_cmpuint (diagnostics->len, ==, 8);
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:2:12: “pattern” is not a usable regular expression"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "the groups “name” and “value” go together"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "it names no metric"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:2:9: “show” must be a list of metric names, not a mapping"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:3:3: warning: unknown key “colour” in “metrics”"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:4:12: “builtin” must be true or false"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:1:10: “metrics” must be a mapping"));
  g_assert_true (cb_test_diagnostics_contain (diagnostics, "cmdbuilder.yaml:2:18: the items of “ignore” must be metric names"));

  /* What was wrong is left unset; the rest stands */
  g_assert_null (cb_metrics_config_get_pattern (a));
  g_assert_null (cb_metrics_config_get_show (d));
  g_assert_true (cb_metrics_config_get_enabled (e));
  g_assert_true (cb_metrics_config_is_ignored (f, "loss"));
  (void)b;
  (void)c;
}

/* A log file read in blocks: carriage returns, a huge line, no final newline */
static gboolean
collect (const CbMetricsSample *sample,
         gpointer               user_data)
{
  GString *out = user_data;

  for (guint i = 0; i < sample->n_values; i++)
    g_string_append_printf (out, "%g %s=%g\n", cb_metrics_sample_get_x (sample, sample->kind),
                            sample->values[i].name, sample->values[i].value);
  return TRUE;
}

static void
test_parser_read_file (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;

  g_string_append (contents, "header\r\n");
  g_string_append (contents, "Epoch 1: 50%|#####     | 5/10 [loss=0.9]\rEpoch 1: 100%|##########| 10/10 [loss=0.8]\n");
  g_string_append (contents, "epoch 3 ");
  for (int i = 0; i < 20000; i++)
    g_string_append (contents, "padding ");
  g_string_append (contents, "loss=0.1\n");
  g_string_append (contents, "epoch 4 loss=\xff\xfe 0.7 hmean=0.6\n");
  g_string_append (contents, "epoch 5 loss=0.5");
  path = cb_test_write (dir, "run.log", contents->str);

  g_assert_true (cb_metrics_parser_read_file (parser, path, collect, out, NULL, &error));
  g_assert_no_error (error);
  /* The bar drawn over itself gives its last state; the end of the huge
   * line is not read; the last line has no newline
   */
  g_assert_cmpstr (out->str, ==, "2 loss=0.8\n4 hmean=0.6\n5 loss=0.5\n");

  missing = g_build_filename (dir, "gone.log", NULL);
  g_assert_false (cb_metrics_parser_read_file (parser, missing, collect, out, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.log"));

  cb_test_remove_tree (dir);
}

/* A run's log has stdout and stderr in the order their pieces came: a
 * tqdm bar on stderr, drawn without a newline, has the next line of stdout
 * after it. The values are placed as the run view placed them, each
 * stream split on its own.
 */
static void
test_parser_read_file_merged_bar (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CbMetricsParser) parser = cb_metrics_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = cb_test_write (dir, "run.log",
                        "Epoch 1/3 loss=0.9\n"
                        /* A bar half way, then stdout's line */
                        "\r 50%|#####     | 5/10 [00:01<00:01,  3.12it/s, loss=0.85]   Epoch 2/3 loss=0.7\n"
                        /* A complete bar the next one draws over, then stdout's line */
                        "\r100%|##########| 10/10 [00:02<00:00, 3.12it/s, acc=0.5]Epoch 3/3 loss=0.5\n"
                        /* A bar alone on its line, and one with a list in its postfix */
                        "\r 30%|###       | 3/10 [00:00<00:02, 3.12it/s, loss=0.45]\n"
                        "\r 60%|######    | 6/10 [00:01<00:01, 3.12it/s, sizes=[1, 2]] step=7 loss=0.4\n");

  g_assert_true (cb_metrics_parser_read_file (parser, path, collect, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "1 loss=0.9\n"
                   "2 loss=0.7\n"
                   "3 loss=0.5\n"
                   "3 loss=0.45\n"
                   "7 loss=0.4\n");

  /* A line ended with CRLF, the CR the last byte of a block that is read */
  {
    g_autoptr(GString) contents = g_string_new (NULL);
    const char *line = "epoch 9 loss=0.25\r\n";

    while (contents->len < 65536 - strlen (line) + 1)
      g_string_append (contents, "x\n");
    g_string_truncate (contents, 65536 - strlen (line) + 1);
    g_string_append (contents, line);
    g_assert_cmpint (contents->str[65535], ==, '\r');
    g_assert_cmpint (contents->str[65536 - strlen (line)], ==, '\n');
    g_free (path);
    path = cb_test_write (dir, "crlf.log", contents->str);
    g_string_truncate (out, 0);
    g_assert_true (cb_metrics_parser_read_file (parser, path, collect, out, NULL, &error));
    g_assert_cmpstr (out->str, ==, "9 loss=0.25\n");
  }

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metrics-parser/lightning", test_parser_lightning);
  g_test_add_func ("/metrics-parser/tqdm", test_parser_tqdm);
  g_test_add_func ("/metrics-parser/plain", test_parser_plain);
  g_test_add_func ("/metrics-parser/keras", test_parser_keras);
  g_test_add_func ("/metrics-parser/hydra", test_parser_hydra);
  g_test_add_func ("/metrics-parser/negative", test_parser_negative);
  g_test_add_func ("/metrics-parser/demo", test_parser_demo);
  g_test_add_func ("/metrics-parser/pattern", test_parser_pattern);
  g_test_add_func ("/metrics-parser/config", test_parser_config);
  g_test_add_func ("/metrics-parser/config-errors", test_parser_config_errors);
  g_test_add_func ("/metrics-parser/read-file", test_parser_read_file);
  g_test_add_func ("/metrics-parser/read-file-merged-bar", test_parser_read_file_merged_bar);

  return g_test_run ();
}
