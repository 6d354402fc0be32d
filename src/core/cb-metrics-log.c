/* cb-metrics-log.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-metrics-private.h"

#define READ_SIZE 65536
/* As the run view: the start of a longer line is read, the rest skipped */
#define MAX_LINE (16 * 1024)

/* Reading a log file */

typedef struct
{
  CbMetricsParser     *parser;
  CbMetricsSampleFunc  func;
  gpointer             user_data;
  GString             *partial;
  gboolean             skipping;
  gboolean             stopped;
} Reader;

static void
reader_line (Reader *reader)
{
  const CbMetricsSample *sample;
  GString *line = reader->partial;

  if (!g_utf8_validate_len (line->str, line->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (line->str, line->len);

      g_string_assign (line, valid);
    }

  sample = cb_metrics_parser_parse (reader->parser, line->str, line->len);
  if (sample != NULL && !reader->func (sample, reader->user_data))
    reader->stopped = TRUE;
}

/* Splits as a run does: a newline ends a line, a bare carriage return
 * starts it over (a progress bar drawn over itself), and only the start of
 * a huge line is read.
 */
static void
reader_take (Reader     *reader,
             const char *data,
             gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  while (p < end && !reader->stopped)
    {
      const char *stop = p;

      while (stop < end && *stop != '\n' && *stop != '\r')
        stop++;

      if (!reader->skipping)
        {
          gsize room = MAX_LINE - reader->partial->len;

          g_string_append_len (reader->partial, p, MIN ((gsize)(stop - p), room));
          if (reader->partial->len >= MAX_LINE)
            {
              reader_line (reader);
              g_string_truncate (reader->partial, 0);
              reader->skipping = TRUE;
            }
        }

      if (stop == end)
        break;

      if (*stop == '\n')
        {
          if (!reader->skipping)
            reader_line (reader);
          reader->skipping = FALSE;
          g_string_truncate (reader->partial, 0);
        }
      else if (stop + 1 == end || stop[1] != '\n')
        {
          reader->skipping = FALSE;
          g_string_truncate (reader->partial, 0);
        }
      p = stop + 1;
    }
}

/**
 * cb_metrics_parser_read_file:
 * @path: a run's log file
 * @func: called with the metrics of each line that has some
 *
 * Reads a log file in blocks, as the run's own lines came, without holding
 * more than a block and a line. A bare carriage return starts a line over,
 * so the lines are those the run view showed.
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
  g_autoptr(GString) partial = NULL;
  g_autofree char *buffer = NULL;
  Reader reader = { self, func, user_data, NULL, FALSE, FALSE };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_malloc (READ_SIZE);
  partial = g_string_sized_new (256);
  reader.partial = partial;

  while (!reader.stopped)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_SIZE, cancellable, &local_error);

      if (n < 0)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("%s: cannot read: %s"), path, local_error->message);
          return FALSE;
        }
      if (n == 0)
        break;
      reader_take (&reader, buffer, n);
    }

  /* A run that ended in the middle of a line: that line is its last */
  if (!reader.stopped && !reader.skipping && partial->len > 0)
    reader_line (&reader);

  return TRUE;
}
