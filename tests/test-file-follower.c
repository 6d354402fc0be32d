/* test-file-follower.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cb-file-follower.h"
#include "cb-line-splitter.h"
#include "cb-run.h"
#include "cb-test-util.h"

/* Lines out of bytes that come in pieces, and a log file followed as
 * another process writes it
 */

typedef struct
{
  GPtrArray *lines;
  GPtrArray *overdrawn;
} Collected;

static void
collect_line (const char *text,
              gsize       length,
              gboolean    cut,
              gpointer    user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->lines, g_strdup_printf ("%s%.*s", cut ? "CUT:" : "", (int)length, text));
}

static void
collect_overdraw (const char *text,
                  gsize       length,
                  gpointer    user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->overdrawn, g_strndup (text, length));
}

static char *
joined (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", (const char *)g_ptr_array_index (items, i));
  return g_string_free (out, FALSE);
}

static void
feed (CbLineSplitter *splitter,
      const char     *text)
{
  cb_line_splitter_feed (splitter, text, strlen (text));
}

static void
test_splitter (void)
{
  Collected c = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(CbLineSplitter) splitter = cb_line_splitter_new (8, collect_line, collect_overdraw, &c);
  g_autofree char *lines = NULL;
  g_autofree char *overdrawn = NULL;

  /* A line in three pieces; \r\n split between pieces; progress drawn over */
  feed (splitter, "ab");
  feed (splitter, "c\nde");
  g_assert_cmpuint (cb_line_splitter_get_pending (splitter), ==, 2);
  feed (splitter, "f\r");
  feed (splitter, "\n10%\r20%\rdone\n");
  /* Longer than 8 bytes: cut, the rest skipped up to the newline */
  feed (splitter, "0123456789abc\nlast");
  lines = joined (c.lines);
  g_assert_cmpstr (lines, ==, "abc|def|done|CUT:01234567");

  cb_line_splitter_finish (splitter);
  g_clear_pointer (&lines, g_free);
  lines = joined (c.lines);
  overdrawn = joined (c.overdrawn);
  g_assert_cmpstr (lines, ==, "abc|def|done|CUT:01234567|last");
  g_assert_cmpstr (overdrawn, ==, "10%|20%");
  g_assert_cmpuint (cb_line_splitter_get_pending (splitter), ==, 0);

  g_assert_true (cb_line_is_problem ("RuntimeError: CUDA out of memory"));
  g_assert_false (cb_line_is_problem ("Epoch 3/10"));

  g_ptr_array_unref (c.lines);
  g_ptr_array_unref (c.overdrawn);
}

typedef struct
{
  char           *dir;
  char           *path;
  CbFileFollower *follower;
  GPtrArray      *lines;
  guint           n_batches;
  guint           n_resets;
  gboolean        finished;
} Fixture;

static void
on_output (CbFileFollower *follower,
           GPtrArray      *batch,
           Fixture        *f)
{
  f->n_batches++;
  for (guint i = 0; i < batch->len; i++)
    {
      CbRunLine *line = g_ptr_array_index (batch, i);

      g_ptr_array_add (f->lines,
                       g_strdup_printf ("%s%s", line->flags & CB_RUN_LINE_PROBLEM ? "!" : "",
                                                  line->text));
    }
}

static void
on_reset (CbFileFollower *follower,
          Fixture        *f)
{
  f->n_resets++;
}

static void
on_finished (CbFileFollower *follower,
             Fixture        *f)
{
  f->finished = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
  f->path = g_build_filename (f->dir, "jobs", "12.log", NULL);
  f->lines = g_ptr_array_new_with_free_func (g_free);
  f->follower = cb_file_follower_new (f->path);
  g_signal_connect (f->follower, "output", G_CALLBACK (on_output), f);
  g_signal_connect (f->follower, "reset", G_CALLBACK (on_reset), f);
  g_signal_connect (f->follower, "finished", G_CALLBACK (on_finished), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->follower);
  g_ptr_array_unref (f->lines);
  cb_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Appends as a job does: the file stays open, writes come in pieces */
static void
append (FILE       *file,
        const char *text)
{
  fputs (text, file);
  fflush (file);
}

static void
test_follow_growing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *text = NULL;
  FILE *file;

  /* Only the file monitor, no polling. A pending job has no log yet; its
   * folder is made before it is submitted.
   */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  cb_file_follower_set_poll_interval (f->follower, 0);
  cb_file_follower_start (f->follower);
  g_assert_true (cb_file_follower_is_following (f->follower));

  file = fopen (f->path, "w");
  g_assert_nonnull (file);
  append (file, "starting\nEpoch 1/4 loss=0.9\nEpo");
  cb_test_wait_until (f->lines->len == 2, 10);

  /* The unfinished line waits for its newline */
  append (file, "ch 2/4 loss=0.5\n");
  cb_test_wait_until (f->lines->len == 3, 10);
  g_assert_cmpstr (g_ptr_array_index (f->lines, 2), ==, "Epoch 2/4 loss=0.5");
  g_assert_cmpfloat (cb_file_follower_get_progress (f->follower), ==, 0.5);
  g_assert_cmpstr (cb_file_follower_get_progress_text (f->follower), ==, "Epoch 2/4");

  append (file, "Traceback (most recent call last):\nno newline at the end");
  cb_test_wait_until (f->lines->len == 4, 10);
  fclose (file);

  /* The job ended: the last line comes even without its newline */
  cb_file_follower_finish (f->follower);
  cb_test_wait_until (f->finished, 10);
  g_assert_false (cb_file_follower_is_following (f->follower));
  text = joined (f->lines);
  g_assert_cmpstr (text, ==, "starting|Epoch 1/4 loss=0.9|Epoch 2/4 loss=0.5|"
                             "!Traceback (most recent call last):|no newline at the end");
  g_assert_cmpuint (cb_file_follower_get_n_problems (f->follower), ==, 1);
  g_assert_cmpuint (cb_file_follower_get_n_lines (f->follower), ==, 5);
  g_assert_cmpuint (cb_file_follower_get_offset (f->follower), ==,
                    strlen ("starting\nEpoch 1/4 loss=0.9\nEpoch 2/4 loss=0.5\n"
                            "Traceback (most recent call last):\nno newline at the end"));
}

static void
test_follow_existing_and_reset (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *first = cb_test_write (f->dir, "jobs/12.log", "one\ntwo\n");
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* Polling only matters on network file systems; here it just runs too */
  cb_file_follower_set_poll_interval (f->follower, 50);
  cb_file_follower_start (f->follower);
  cb_test_wait_until (f->lines->len == 2, 10);

  /* A requeued job writes its log anew */
  g_file_set_contents (f->path, "again\n", -1, &error);
  g_assert_no_error (error);
  cb_test_wait_until (f->lines->len == 3, 10);
  g_assert_cmpuint (f->n_resets, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->lines, 2), ==, "again");

  /* Another file in its place (written and renamed) starts over too;
   * more than one read's worth arrives in several batches, in order
   */
  for (guint i = 0; i < 150000; i++)
    g_string_append_printf (big, "line %u\n", i);
  g_file_set_contents (f->path, big->str, big->len, &error);
  g_assert_no_error (error);
  cb_file_follower_finish (f->follower);
  cb_test_wait_until (f->finished, 30);
  g_assert_cmpuint (f->n_resets, ==, 2);
  g_assert_cmpuint (f->lines->len, ==, 3 + 150000);
  g_assert_cmpstr (g_ptr_array_index (f->lines, 3), ==, "line 0");
  g_assert_cmpstr (g_ptr_array_index (f->lines, f->lines->len - 1), ==, "line 149999");
  g_assert_cmpuint (f->n_batches, >, 2);
}

static void
test_follow_stop (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = cb_test_write (f->dir, "jobs/12.log", "one\npartial");

  cb_file_follower_start (f->follower);
  cb_test_wait_until (f->lines->len == 1, 10);

  /* Stopping is not finishing: the partial line stays unsaid */
  cb_file_follower_stop (f->follower);
  g_assert_false (cb_file_follower_is_following (f->follower));
  g_assert_false (cb_file_follower_is_finished (f->follower));
  g_assert_cmpuint (f->lines->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-follower/splitter", test_splitter);
  g_test_add ("/file-follower/growing", Fixture, NULL, fixture_set_up, test_follow_growing,
              fixture_tear_down);
  g_test_add ("/file-follower/existing-and-reset", Fixture, NULL, fixture_set_up,
              test_follow_existing_and_reset, fixture_tear_down);
  g_test_add ("/file-follower/stop", Fixture, NULL, fixture_set_up, test_follow_stop,
              fixture_tear_down);

  return g_test_run ();
}
