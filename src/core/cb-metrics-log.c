/* cb-metrics-log.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-line-splitter.h"
#include "cb-metrics-private.h"

/* Reading a run's metrics from its log file, so that a past run shows the
 * curves its run view showed.
 *
 * The log is split as the run's output was (cb-line-splitter.c): a
 * newline ends a line, a bare carriage return starts it over, and only
 * the start of a huge line is read.
 *
 * One difference remains: a run's log has what the command wrote to
 * stdout and to stderr in the order the pieces came, where the run view
 * split each stream into lines of its own. A tqdm bar on stderr is drawn
 * as `\r` and the bar, with no newline, so the next line the command
 * prints on stdout follows the bar on the same line of the log:
 *
 *   \r 40%|####      | 4/10 [00:01<00:01, 3.12it/s]Epoch 3 loss=0.43
 *
 * Read as one line, its values would take the bar's place in the epoch.
 * So of a line that starts with such a bar and goes on after it, only
 * what follows the bar is read, as the run view read the line of stdout.
 * The bar itself was drawn over by the next one: the run view read
 * nothing of it. (A bar that tqdm leaves on the terminal gets its newline
 * right after its last state, so it is a line of its own in the log too.)
 */

#define READ_SIZE 65536
/* As the run view: the start of a longer line is read, the rest skipped */
#define MAX_LINE (16 * 1024)
/* Where a bar may start and how long it may be */
#define MAX_BAR 1024

typedef struct
{
  CbMetricsParser     *parser;
  CbMetricsSampleFunc  func;
  gpointer             user_data;
  GString             *valid;
  gboolean             stopped;
} Reader;

static void
read_line (Reader     *reader,
           const char *text,
           gsize       length)
{
  const CbMetricsSample *sample;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, length);

      g_string_assign (reader->valid, valid);
      text = reader->valid->str;
      length = reader->valid->len;
    }

  sample = cb_metrics_parser_parse (reader->parser, text, length);
  if (sample != NULL && !reader->func (sample, reader->user_data))
    reader->stopped = TRUE;
}

/* After `[`: its `]`, brackets inside counted */
static const char *
closing_bracket (const char *p,
                 const char *end)
{
  int depth = 1;

  for (; p < end; p++)
    if (*p == '[')
      depth++;
    else if (*p == ']' && --depth == 0)
      return p;
  return NULL;
}

/* A tqdm bar at the start of the line, `… 40%|####      | 4/10 [...]`,
 * followed by more than blanks: where what follows starts
 */
static gboolean
find_merged_bar (const char *text,
                 gsize       length,
                 gsize      *rest_start)
{
  const char *end = text + length;
  const char *p = g_strstr_len (text, MIN (length, MAX_BAR), "%|");
  const char *close;
  double done, total;

  if (p == NULL || (p = memchr (p + 2, '|', MIN ((gsize)(end - p - 2), MAX_BAR))) == NULL)
    return FALSE;
  p = skip_blanks (p + 1, end);
  if ((p = _cb_metrics_scan_number (p, end, &done)) == NULL || p == end || *p != '/' ||
      (p = _cb_metrics_scan_number (p + 1, end, &total)) == NULL)
    return FALSE;
  p = skip_blanks (p, end);
  if (p == end || *p != '[' || (close = closing_bracket (p + 1, MIN (end, p + MAX_BAR))) == NULL)
    return FALSE;

  p = skip_blanks (close + 1, end);
  if (p == end)
    return FALSE;

  *rest_start = p - text;
  return TRUE;
}

static void
on_line (const char *text,
         gsize       length,
         gboolean    cut,
         gpointer    user_data)
{
  Reader *reader = user_data;
  gsize rest_start;

  if (reader->stopped)
    return;

  if (find_merged_bar (text, length, &rest_start))
    read_line (reader, text + rest_start, length - rest_start);
  else
    read_line (reader, text, length);
}

/**
 * cb_metrics_parser_read_file:
 * @path: a run's log file
 * @func: called with the metrics of each line that has some
 *
 * Reads a log file in blocks, as the run's own lines came, without holding
 * more than a block and a line. A bare carriage return starts a line over,
 * so the lines are those the run view showed; so are those of a progress
 * bar on stderr that the log has on the line of stdout that came next
 * (see cb-metrics-log.c).
 *
 * Returns: whether the file could be read to its end (or until @func said
 *   to stop); %FALSE with @error set naming the file otherwise
 */
gboolean
cb_metrics_parser_read_file (CbMetricsParser      *self,
                             const char           *path,
                             CbMetricsSampleFunc   func,
                             gpointer              user_data,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(CbLineSplitter) splitter = NULL;
  g_autoptr(GString) valid = NULL;
  g_autofree char *buffer = NULL;
  Reader reader = { self, func, user_data, NULL, FALSE };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_malloc (READ_SIZE);
  valid = g_string_sized_new (256);
  reader.valid = valid;
  splitter = cb_line_splitter_new (MAX_LINE, on_line, NULL, &reader);

  while (!reader.stopped)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_SIZE, cancellable,
                                      &local_error);

      if (n < 0)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("%s: cannot read: %s"), path, local_error->message);
          return FALSE;
        }
      if (n == 0)
        break;
      cb_line_splitter_feed (splitter, buffer, n);
    }

  /* A run that ended in the middle of a line: that line is its last */
  if (!reader.stopped)
    cb_line_splitter_finish (splitter);

  return TRUE;
}
