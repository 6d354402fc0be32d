/* test-run.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cb-history.h"
#include "cb-process-tree.h"
#include "cb-run.h"
#include "cb-run-log.h"
#include "cb-test-util.h"

/* Real subprocesses: small runner scripts written by each test */

typedef struct
{
  char      *dir;
  CbRun     *run;
  GPtrArray *lines;
  guint      n_batches;
  gboolean   finished;
} Fixture;

#define wait_until(cond) cb_test_wait_until (cond, 30)

static void
on_output (CbRun     *run,
           GPtrArray *batch,
           Fixture   *f)
{
  f->n_batches++;
  for (guint i = 0; i < batch->len; i++)
    {
      CbRunLine *line = g_ptr_array_index (batch, i);

      /* Only the start is kept in the test, to bound its memory too */
      if (f->lines->len < 50000)
        g_ptr_array_add (f->lines, g_strdup_printf ("%s%s", line->flags & CB_RUN_LINE_STDERR ? "E:" : "O:",
                                                    line->text));
    }
}

static void
on_finished (CbRun   *run,
             Fixture *f)
{
  f->finished = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
  f->lines = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->run);
  g_ptr_array_unref (f->lines);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_runner (Fixture    *f,
              const char *name,
              const char *script)
{
  char *path = cb_test_write (f->dir, name, script);

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static CbRun *
start (Fixture            *f,
       const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *logs = g_build_filename (f->dir, "outputs", ".cmdbuilder", "runs", NULL);

  f->run = cb_run_new (argv, f->dir, "train", logs);
  g_signal_connect (f->run, "output", G_CALLBACK (on_output), f);
  g_signal_connect (f->run, "finished", G_CALLBACK (on_finished), f);
  cb_run_start (f->run, &error);
  g_assert_no_error (error);
  return f->run;
}

static void
test_run_order (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *runner = write_runner (f, "order.py",
    "import sys, time\n"
    "for i in range(6):\n"
    "    stream = sys.stderr if i % 2 else sys.stdout\n"
    "    print('line', i, file=stream, flush=True)\n"
    "    time.sleep(0.02)\n");
  const char *argv[] = { "python3", runner, NULL };

  start (f, argv);
  wait_until (f->finished);

  g_assert_cmpuint (f->lines->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%sline %u", i % 2 ? "E:" : "O:", i);

      g_assert_cmpstr (g_ptr_array_index (f->lines, i), ==, expected);
    }
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpint (cb_run_get_exit_status (f->run), ==, 0);
}

static void
test_run_exit_codes (Fixture       *f,
                     gconstpointer  data)
{
  const char *fail[] = { "/bin/sh", "-c", "echo 'Traceback: it failed' >&2; exit 3", NULL };
  g_autofree char *status = NULL;

  start (f, fail);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_FAILED);
  g_assert_cmpint (cb_run_get_exit_status (f->run), ==, 3);
  g_assert_cmpuint (cb_run_get_n_problems (f->run), ==, 1);
  status = cb_run_get_status_text (f->run);
  g_assert_true (g_str_has_prefix (status, "Failed with exit code 3 after"));
}

static void
test_run_signal (Fixture       *f,
                 gconstpointer  data)
{
  const char *argv[] = { "/bin/sh", "-c", "kill -9 $$", NULL };
  g_autofree char *status = NULL;

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_FAILED);
  g_assert_cmpint (cb_run_get_term_signal (f->run), ==, SIGKILL);
  status = cb_run_get_status_text (f->run);
  g_assert_true (g_str_has_prefix (status, "Killed by signal 9"));
}

/* A pidfd becomes readable when its process exits: the runner's child is
 * not ours to wait for, and a signal's delivery is not instant */
static int
open_pidfd (int pid)
{
  int fd = syscall (SYS_pidfd_open, pid, 0);

  g_assert_cmpint (fd, >=, 0);
  return fd;
}

static gboolean
exits_within (int fd,
              int timeout_ms)
{
  struct pollfd pfd = { .fd = fd, .events = POLLIN };

  return poll (&pfd, 1, timeout_ms) == 1;
}

static void
test_run_stop_children (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pidfile = g_build_filename (f->dir, "child.pid", NULL);
  g_autofree char *script = g_strdup_printf ("sleep 1000 & echo $! > '%s'; echo started; wait", pidfile);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autofree char *contents = NULL;
  int pidfd;

  start (f, argv);
  wait_until (f->lines->len == 1);
  g_assert_true (g_file_get_contents (pidfile, &contents, NULL, NULL));
  pidfd = open_pidfd (atoi (contents));
  g_assert_false (exits_within (pidfd, 0));

  cb_run_stop (f->run);
  wait_until (f->finished);

  /* The runner's own child got the SIGTERM too: it ends well before the
   * 5 s SIGKILL grace period */
  g_assert_true (exits_within (pidfd, 2000));
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_STOPPED);
  close (pidfd);
}

static void
test_run_stop_kills (Fixture       *f,
                     gconstpointer  data)
{
  /* A runner that ignores SIGTERM is killed after the grace period */
  const char *argv[] = { "/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done", NULL };

  start (f, argv);
  cb_run_set_kill_timeout (f->run, 300);
  wait_until (f->lines->len == 1);
  cb_run_stop (f->run);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_STOPPED);
  g_assert_cmpint (cb_run_get_term_signal (f->run), ==, SIGKILL);
}

static gboolean
has_line (Fixture    *f,
          const char *needle)
{
  for (guint i = 0; i < f->lines->len; i++)
    if (strstr (g_ptr_array_index (f->lines, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static int
parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  int ppid = -1;

  if (g_file_get_contents (path, &contents, NULL, NULL))
    sscanf (strrchr (contents, ')') + 1, " %*c %d", &ppid);
  return ppid;
}

static gboolean
process_gone (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d", pid);

  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A grandchild that leaves the process group (its parent exits, it calls
 * setsid), ignores SIGTERM and keeps the output open */
#define ESCAPER \
  "import os, signal, sys, time\n" \
  "if os.fork() == 0:\n" \
  "    if os.fork() == 0:\n" \
  "        os.setsid()\n" \
  "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n" \
  "        print('escaped', os.getpid(), flush=True)\n" \
  "        time.sleep(1000)\n" \
  "    os._exit(0)\n" \
  "os.wait()\n"

static void
test_run_stop_escaped (Fixture       *f,
                       gconstpointer  data)
{
  const char *argv[] = { "python3", "-c", ESCAPER "time.sleep(1000)\n", NULL };
  g_autofree char *log = NULL;
  g_autofree char *note = NULL;
  g_autoptr(CbHistoryRecord) record = NULL;
  int pid;

  start (f, argv);
  cb_run_set_kill_timeout (f->run, 300);
  wait_until (f->lines->len == 1);
  pid = atoi ((char *)g_ptr_array_index (f->lines, 0) + strlen ("O:escaped "));
  g_assert_cmpint (pid, >, 0);
  /* Its parent has exited: the app, a subreaper, adopted it */
  g_assert_cmpint (parent_of (pid), ==, getpid ());

  cb_run_stop (f->run);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_STOPPED);

  /* The log and the output say which process held the output */
  note = g_strdup_printf ("Process %d (python3)", pid);
  g_assert_true (has_line (f, note));
  g_assert_true (g_file_get_contents (cb_run_get_log_path (f->run), &log, NULL, NULL));
  g_assert_nonnull (strstr (log, note));

  /* It was killed, and reaped: no zombie is left */
  wait_until (process_gone (pid));
  wait_until (cb_process_tree_get_n_watched () == 0);

  /* The run can be recorded */
  record = cb_history_record_new_from_run (f->run, NULL);
  g_assert_cmpint (cb_history_record_get_state (record), ==, CB_RUN_STATE_STOPPED);
}

static void
test_run_end_stops_rest (Fixture       *f,
                         gconstpointer  data)
{
  /* The command exits; what it left running, away from its output, is
   * stopped: SIGTERM, or SIGKILL after the grace period */
  const char *argv[] = { "python3", "-c",
                         "import os, sys, time\n"
                         "r, w = os.pipe()\n"
                         "if os.fork() == 0:\n"
                         "    os.setsid()\n"
                         "    null = os.open(os.devnull, os.O_WRONLY)\n"
                         "    os.dup2(null, 1); os.dup2(null, 2)\n"
                         "    os.write(w, str(os.getpid()).encode()); os.close(w)\n"
                         "    time.sleep(1000)\n"
                         "os.close(w)\n"
                         "print('left', os.read(r, 32).decode(), flush=True)\n", NULL };
  int pid;

  start (f, argv);
  cb_run_set_kill_timeout (f->run, 300);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_SUCCEEDED);
  g_assert_cmpuint (f->lines->len, >=, 1);
  pid = atoi ((char *)g_ptr_array_index (f->lines, 0) + strlen ("O:left "));
  g_assert_cmpint (pid, >, 0);
  {
    g_autofree char *note = g_strdup_printf ("Process %d (python3), started by the command, was still running", pid);

    g_assert_true (has_line (f, note));
  }
  wait_until (process_gone (pid));
  wait_until (cb_process_tree_get_n_watched () == 0);
}

static void
test_run_stop_twice (Fixture       *f,
                     gconstpointer  data)
{
  /* A second Stop does not wait out the grace period (a minute here) */
  const char *argv[] = { "/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done", NULL };

  start (f, argv);
  cb_run_set_kill_timeout (f->run, 60000);
  wait_until (f->lines->len == 1);
  cb_run_stop (f->run);
  cb_run_stop (f->run);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_STOPPED);
  g_assert_cmpint (cb_run_get_term_signal (f->run), ==, SIGKILL);
}

static void
test_run_app_killed (Fixture       *f,
                     gconstpointer  data)
{
  const char *pidfile = g_getenv ("CB_TEST_PIDFILE");
  g_autofree char *contents = NULL;
  int pid;
  int pidfd;

  if (g_test_subprocess ())
    {
      /* The app: it starts a run, then is killed */
      const char *argv[] = { "/bin/sh", "-c", "echo $$ > \"$CB_TEST_PIDFILE\"; echo started; exec sleep 1000", NULL };

      start (f, argv);
      wait_until (f->lines->len == 1);
      raise (SIGKILL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_assert_true (g_file_get_contents (pidfile, &contents, NULL, NULL));
  g_unlink (pidfile);

  /* The command did not outlive the app */
  pid = atoi (contents);
  g_assert_cmpint (pid, >, 0);
  pidfd = syscall (SYS_pidfd_open, pid, 0);
  if (pidfd >= 0)
    {
      g_assert_true (exits_within (pidfd, 5000));
      close (pidfd);
    }
  /* Re-parented here, a subreaper: reaped */
  if (parent_of (pid) == getpid ())
    g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
}

static void
test_run_bound_and_log (Fixture       *f,
                        gconstpointer  data)
{
  const char *argv[] = { "python3", "-c", "for i in range(25000): print('row', i)", NULL };
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *log = NULL;
  gsize length;
  guint n_log_lines = 0;

  start (f, argv);
  wait_until (f->finished);

  g_assert_cmpuint (cb_run_get_n_lines (f->run), ==, 25000);
  g_assert_cmpuint (cb_run_get_n_dropped (f->run), ==, 15000);
  kept = cb_run_get_lines (f->run);
  g_assert_cmpuint (kept->len, ==, CB_RUN_MAX_LINES);
  g_assert_cmpstr (((CbRunLine *)g_ptr_array_index (kept, 0))->text, ==, "row 15000");
  g_assert_cmpstr (((CbRunLine *)g_ptr_array_index (kept, kept->len - 1))->text, ==, "row 24999");
  /* Lines came in batches, not one by one */
  g_assert_cmpuint (f->n_batches, <, 25000);

  /* The log has everything, under outputs/.cmdbuilder/runs/<time>-<schema>.log */
  g_assert_nonnull (strstr (cb_run_get_log_path (f->run), "/outputs/.cmdbuilder/runs/"));
  g_assert_true (g_str_has_suffix (cb_run_get_log_path (f->run), "-train.log"));
  g_assert_false (cb_run_get_log_fell_back (f->run));
  g_assert_true (g_file_get_contents (cb_run_get_log_path (f->run), &log, &length, NULL));
  for (gsize i = 0; i < length; i++)
    n_log_lines += log[i] == '\n';
  g_assert_cmpuint (n_log_lines, ==, 25000);
  g_assert_true (g_str_has_prefix (log, "row 0\nrow 1\n"));
}

static void
test_run_log_live (Fixture       *f,
                   gconstpointer  data)
{
  /* What the app has read is in the file at once, not in a buffer a crash
   * would lose */
  const char *argv[] = { "python3", "-c",
                         "import time\n"
                         "print('first line', flush=True)\n"
                         "time.sleep(1000)\n", NULL };
  g_autofree char *log = NULL;

  start (f, argv);
  wait_until (f->lines->len == 1);
  g_assert_true (g_file_get_contents (cb_run_get_log_path (f->run), &log, NULL, NULL));
  g_assert_cmpstr (log, ==, "first line\n");

  cb_run_stop (f->run);
  wait_until (f->finished);
}

/* The whole lines "row NNNNNN" from @from on, before @end; returns where
 * they stop */
static const char *
expect_rows (const char *p,
             const char *end,
             guint      *row)
{
  while ((gsize)(end - p) >= strlen ("row 000000\n") && g_str_has_prefix (p, "row "))
    {
      g_autofree char *expected = g_strdup_printf ("row %06u\n", *row);

      g_assert_true (strncmp (p, expected, strlen (expected)) == 0);
      p += strlen (expected);
      (*row)++;
    }
  return p;
}

static void
test_run_log_limit (Fixture       *f,
                    gconstpointer  data)
{
  /* 1.1 MB of output, a 64 KiB log */
  const char *argv[] = { "python3", "-c", "for i in range(100000): print('row %06d' % i)", NULL };
  const guint64 limit = 64 * 1024;
  g_autofree char *log = NULL;
  const char *p;
  const char *end;
  gsize length;
  guint row = 0;
  guint64 head, tail, cut;

  f->run = cb_run_new (argv, f->dir, "train", f->dir);
  cb_run_set_log_limit (f->run, limit);
  g_signal_connect (f->run, "finished", G_CALLBACK (on_finished), f);
  g_assert_true (cb_run_start (f->run, NULL));
  wait_until (f->finished);

  g_assert_true (g_file_get_contents (cb_run_get_log_path (f->run), &log, &length, NULL));
  g_assert_cmpuint (length, <=, limit + 200);
  end = log + length;

  /* The head: the first half, ending at a line's end when one came in the
   * piece of output that filled it; else it cuts a line, and the marker
   * that follows starts on a line of its own
   */
  p = strstr (log, "\n[cmdbuilder: The output is over the log’s limit of 64.0");
  g_assert_nonnull (p);
  head = p - log;
  g_assert_cmpuint (head, <=, limit / 2);
  g_assert_cmpuint (head, >, limit / 2 - 11);
  {
    const char *rows_end = expect_rows (log, p, &row);

    /* What is left before the marker is the start of the next row */
    g_assert_cmpuint (p - rows_end, <, 11);
    g_assert_true (rows_end == p || g_str_has_prefix (rows_end, "row "));
  }

  /* The marker, with the count of what was left out */
  p = strchr (p + 1, '\n') + 1;
  cut = g_ascii_strtoull (g_strrstr_len (log, p - log, "left out: ") + strlen ("left out: "), NULL, 10);

  /* The tail: whole lines, the last ones */
  row = 0;
  g_assert_true (sscanf (p, "row %06u", &row) == 1);
  tail = end - p;
  g_assert_true (expect_rows (p, end, &row) == end);
  g_assert_cmpuint (row, ==, 100000);
  /* A quarter of the limit, from the first line that starts in it */
  g_assert_cmpuint (tail + 11, >, limit / 4);
  g_assert_cmpuint (head + cut + tail, ==, 100000 * 11);
}

static void
test_run_log_limit_bytes (Fixture       *f,
                          gconstpointer  data)
{
  /* Output without lines, in pieces of every size: the log is always its
   * head, the marker and its tail, and they add up */
  g_autofree char *path = g_build_filename (f->dir, "bytes.log", NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  g_autoptr(CbRunLog) log = cb_run_log_new (fd, 1000);
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 400; i++)
    {
      guint8 chunk[300];
      guint n = g_rand_int_range (rand, 0, sizeof chunk);
      g_autofree char *contents = NULL;
      gsize length;
      const char *marker;
      gsize head, tail;

      for (guint k = 0; k < n; k++)
        chunk[k] = 'a' + (all->len + k) % 26;
      g_byte_array_append (all, chunk, n);
      g_assert_true (cb_run_log_write (log, (const char *)chunk, n, &error));
      g_assert_no_error (error);

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, ==, cb_run_log_get_size (log));
      marker = g_strstr_len (contents, length, "\n[cmdbuilder:");
      if (marker == NULL)
        {
          g_assert_cmpmem (contents, length, all->data, all->len);
          continue;
        }
      head = marker - contents;
      marker = strchr (marker + 1, '\n') + 1;
      tail = contents + length - marker;
      g_assert_cmpuint (length, <=, 1000 + 200);
      g_assert_cmpuint (head + cb_run_log_get_cut (log) + tail, ==, all->len);
      g_assert_cmpmem (contents, head, all->data, head);
      g_assert_cmpmem (marker, tail, all->data + all->len - tail, tail);
    }
  g_assert_cmpuint (cb_run_log_get_cut (log), >, 0);
}

/* The lines of @text that start with @prefix, in order, joined by '|' */
static char *
lines_of (const char *text,
          const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      g_string_append_printf (found, "%s%s", found->len > 0 ? "|" : "", lines[i]);
  return g_string_free (g_steal_pointer (&found), FALSE);
}

static void
test_run_log_whole_lines (Fixture       *f,
                          gconstpointer  data)
{
  /* Both streams write lines in pieces, each piece while the other
   * stream's line is unfinished: the log has each stream's lines whole,
   * whatever order the app read the pieces in */
  g_autofree char *runner = write_runner (f, "pieces.py",
    "import os, time\n"
    "def w(fd, text):\n"
    "    os.write(fd, text.encode())\n"
    "    time.sleep(0.05)\n"
    "w(1, 'out-a ')\n"
    "w(2, 'err-a ')\n"
    "w(1, 'out-b\\n')\n"
    "w(2, 'err-b\\nerr-c ')\n"
    "w(1, 'out-c\\nout-d')\n"
    "w(2, 'err-d\\n')\n");
  const char *argv[] = { "python3", runner, NULL };
  g_autofree char *log = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_SUCCEEDED);

  g_assert_true (g_file_get_contents (cb_run_get_log_path (f->run), &log, NULL, NULL));
  out = lines_of (log, "out");
  err = lines_of (log, "err");
  g_assert_cmpstr (out, ==, "out-a out-b|out-c|out-d");
  g_assert_cmpstr (err, ==, "err-a err-b|err-c err-d");
  /* Nothing else, no line mixed */
  lines = g_strsplit (log, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 5);
  g_assert_cmpuint (g_strv_length (lines), <=, 6);
  g_assert_true (g_str_has_suffix (log, "out-d") || g_str_has_suffix (log, "err-c err-d\n"));
}

static void
test_run_log_whole_lines_held (Fixture       *f,
                               gconstpointer  data)
{
  /* The same, piece by piece: an unfinished line waits for its end; one
   * too long to wait is written, and the next line of another stream
   * starts on a line of its own; the end of a stream writes its rest */
  g_autofree char *path = g_build_filename (f->dir, "streams.log", NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  CbRunLog *log = cb_run_log_new (fd, 0);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *very_long = g_strnfill (20000, 'x');
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_STDOUT, "o1 ", 3, &error));
  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_STDERR, "e1\ne2 ", 6, &error));
  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_NOTE, "note\n", 5, &error));
  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_STDOUT, "o1 end\n", 7, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "e1\nnote\no1 o1 end\n");
  g_clear_pointer (&contents, g_free);

  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_STDOUT, very_long, 20000, &error));
  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_STDERR, "e2 end\n", 7, &error));
  g_assert_true (cb_run_log_write_from (log, CB_RUN_LOG_STDOUT, "o3", 2, &error));
  g_assert_true (cb_run_log_end (log, CB_RUN_LOG_STDOUT, &error));
  g_assert_no_error (error);
  cb_run_log_free (log);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = g_strdup_printf ("e1\nnote\no1 o1 end\n%s\ne2 e2 end\no3", very_long);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_run_long_line (Fixture       *f,
                    gconstpointer  data)
{
  /* 5 MB without a newline, then a short line */
  const char *argv[] = { "python3", "-c",
                         "import sys; sys.stdout.write('x' * 5000000); sys.stdout.write('\\nend\\n')", NULL };
  g_autoptr(GPtrArray) kept = NULL;
  GStatBuf st;

  start (f, argv);
  wait_until (f->finished);

  kept = cb_run_get_lines (f->run);
  g_assert_cmpuint (kept->len, ==, 2);
  g_assert_cmpuint (strlen (((CbRunLine *)g_ptr_array_index (kept, 0))->text), ==, CB_RUN_MAX_LINE_LENGTH);
  g_assert_true (((CbRunLine *)g_ptr_array_index (kept, 0))->flags & CB_RUN_LINE_CUT);
  g_assert_cmpstr (((CbRunLine *)g_ptr_array_index (kept, 1))->text, ==, "end");
  g_assert_cmpint (g_stat (cb_run_get_log_path (f->run), &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 5000000 + 5);
}

static void
test_run_not_utf8 (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "printf", "caf\\351\\n", NULL };

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpuint (f->lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->lines, 0), ==, "O:caf\xef\xbf\xbd");
}

static void
test_run_not_found (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *script = write_runner (f, "noexec.sh", "echo hi\n");
  const char *missing[] = { "no-such-runner-anywhere", NULL };
  const char *noexec[] = { script, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  f->run = cb_run_new (missing, f->dir, "train", NULL);
  g_assert_false (cb_run_start (f->run, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_ERROR);
  status = cb_run_get_status_text (f->run);
  g_assert_true (g_str_has_prefix (status, "The command could not start:"));
  g_clear_object (&f->run);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (script, 0644), ==, 0);
  f->run = cb_run_new (noexec, f->dir, "train", NULL);
  g_assert_false (cb_run_start (f->run, &error));
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_ERROR);
}

static void
test_run_no_shell (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *target = g_build_filename (f->dir, "pwned", NULL);
  g_autofree char *arg = g_strdup_printf ("$(touch %s)", target);
  const char *argv[] = { "printf", "%s\\n", arg, NULL };

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpuint (f->lines->len, ==, 1);
  g_assert_cmpstr ((char *)g_ptr_array_index (f->lines, 0) + 2, ==, arg);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_run_environment (Fixture       *f,
                      gconstpointer  data)
{
  const char *argv[] = { "/bin/sh", "-c",
                         "echo \"$PYTHONUNBUFFERED\"; pwd; ps -o pgid= -p $$; echo $$; read x || echo closed", NULL };
  g_autofree char *cwd = g_canonicalize_filename (f->dir, NULL);

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpuint (f->lines->len, >=, 4);
  g_assert_cmpstr (g_ptr_array_index (f->lines, 0), ==, "O:1");
  g_assert_cmpstr ((char *)g_ptr_array_index (f->lines, 1) + 2, ==, cwd);
  /* Its own process group: the group id is its pid */
  g_assert_cmpint (atoi ((char *)g_ptr_array_index (f->lines, 2) + 2), ==,
                   atoi ((char *)g_ptr_array_index (f->lines, 3) + 2));
  /* stdin gives nothing */
  g_assert_cmpstr (g_ptr_array_index (f->lines, f->lines->len - 1), ==, "O:closed");
}

static void
test_run_log_fallback (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *file = cb_test_write (f->dir, "a-file", "x");
  g_autofree char *bad = g_build_filename (file, "runs", NULL);
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  const char *argv[] = { "echo", "hello", NULL };
  g_autoptr(GError) error = NULL;

  /* A log folder that cannot be made: the user data folder instead */
  f->run = cb_run_new (argv, f->dir, "test", bad);
  g_signal_connect (f->run, "finished", G_CALLBACK (on_finished), f);
  g_assert_true (cb_run_start (f->run, &error));
  wait_until (f->finished);
  g_assert_true (cb_run_get_log_fell_back (f->run));
  g_assert_true (g_str_has_prefix (cb_run_get_log_path (f->run), g_get_user_data_dir ()));
  (void)data_home;
}

static void
on_progress (CbRun      *run,
             GParamSpec *pspec,
             GArray     *seen)
{
  double fraction = cb_run_get_progress (run);

  g_array_append_val (seen, fraction);
}

/* The fractions the run said, in order: never one less than the one
 * before */
static void
assert_forward (GArray *seen)
{
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
}

static void
test_run_progress (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "python3", "-c",
                         "import sys\n"
                         "print('Epoch 1/4 loss=0.9')\n"
                         "print('Epoch 3/4 loss=0.4')\n"
                         "sys.stdout.write(' 10%|#   | 1/10\\r 50%|#####| 5/10\\r')\n", NULL };
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));

  /* Output is read from the main loop: no notification comes before */
  start (f, argv);
  g_signal_connect (f->run, "notify::progress", G_CALLBACK (on_progress), seen);
  wait_until (f->finished);
  assert_forward (seen);
  /* The bars after epoch 3 did not take it back to 10% or 50%; its
   * success completed it */
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpfloat (g_array_index (seen, double, 0), ==, 0.25);
  g_assert_cmpfloat (g_array_index (seen, double, 1), ==, 0.75);
  g_assert_cmpfloat (cb_run_get_progress (f->run), ==, 1.0);
  g_assert_cmpstr (cb_run_get_progress_text (f->run), ==, "Epoch 3/4");
  g_assert_cmpuint (f->lines->len, ==, 2);
}

/* A run that fails keeps the progress it had: its bar says where it
 * failed, not that it finished */
static void
test_run_progress_failed (Fixture       *f,
                          gconstpointer  data)
{
  const char *argv[] = { "python3", "-c",
                         "import sys\n"
                         "print('Epoch 2/4:  50%|#####     | 5/10')\n"
                         "sys.exit(3)\n", NULL };

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_state (f->run), ==, CB_RUN_STATE_FAILED);
  g_assert_cmpfloat (cb_run_get_progress (f->run), ==, 0.375);
}

/* The elapsed time is the process's own, from its start to its end */
static void
test_run_elapsed (Fixture       *f,
                  gconstpointer  data)
{
  const char *argv[] = { "python3", "-c", "import time; time.sleep(0.6)", NULL };
  g_autofree char *status = NULL;

  start (f, argv);
  wait_until (f->finished);
  g_assert_cmpint (cb_run_get_elapsed (f->run), >=, 600 * 1000);
  status = cb_run_get_status_text (f->run);
  g_assert_true (g_str_has_prefix (status, "Finished in "));
  g_assert_false (g_str_equal (status, "Finished in 0.0 s"));
  /* It does not grow once the run has ended */
  g_assert_cmpint (cb_run_get_elapsed (f->run), ==, cb_run_get_elapsed (f->run));
}

static void
test_run_format_duration (void)
{
  const struct { gint64 usec; const char *text; } cases[] = {
    { 0, "0.0 s" },
    { 400 * 1000, "0.4 s" },
    { 9940 * 1000, "9.9 s" },
    { 12 * G_USEC_PER_SEC, "12 s" },
    { (gint64)(3 * 60 + 12) * G_USEC_PER_SEC, "3 min 12 s" },
    { (gint64)(2 * 3600 + 5 * 60 + 9) * G_USEC_PER_SEC, "2 h 5 min" },
    { -5, "0.0 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_run_format_duration (cases[i].usec);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *pidfile = NULL;
  /* A test's subprocess shares its parent's */
  gboolean own_data_home = g_getenv ("CB_TEST_PIDFILE") == NULL;

  /* Fallback logs go to a data folder of the test's own */
  data_home = own_data_home ? cb_test_make_tempdir () : g_strdup (g_getenv ("XDG_DATA_HOME"));
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* Where /run/app-killed's subprocess says which command it started */
  pidfile = g_build_filename (data_home, "main.pid", NULL);
  g_setenv ("CB_TEST_PIDFILE", pidfile, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/run/order", test_run_order);
  ADD ("/run/exit-codes", test_run_exit_codes);
  ADD ("/run/signal", test_run_signal);
  ADD ("/run/stop-children", test_run_stop_children);
  ADD ("/run/stop-kills", test_run_stop_kills);
  ADD ("/run/stop-escaped", test_run_stop_escaped);
  ADD ("/run/end-stops-rest", test_run_end_stops_rest);
  ADD ("/run/stop-twice", test_run_stop_twice);
  ADD ("/run/app-killed", test_run_app_killed);
  ADD ("/run/bound-and-log", test_run_bound_and_log);
  ADD ("/run/long-line", test_run_long_line);
  ADD ("/run/log-live", test_run_log_live);
  ADD ("/run/log-limit", test_run_log_limit);
  ADD ("/run/log-limit-bytes", test_run_log_limit_bytes);
  ADD ("/run/log-whole-lines", test_run_log_whole_lines);
  ADD ("/run/log-whole-lines-held", test_run_log_whole_lines_held);
  ADD ("/run/not-utf8", test_run_not_utf8);
  ADD ("/run/not-found", test_run_not_found);
  ADD ("/run/no-shell", test_run_no_shell);
  ADD ("/run/environment", test_run_environment);
  ADD ("/run/log-fallback", test_run_log_fallback);
  ADD ("/run/progress", test_run_progress);
  ADD ("/run/progress-failed", test_run_progress_failed);
  ADD ("/run/elapsed", test_run_elapsed);
  g_test_add_func ("/run/format-duration", test_run_format_duration);
#undef ADD

  {
    int status = g_test_run ();

    if (own_data_home)
      cb_test_remove_tree (data_home);
    return status;
  }
}
