/* cb-run-output.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-run-private.h"

/* A run's output: lines from the command's two streams, kept in a ring,
 * passed on in batches, and written to the log; and the app's notes */

/* Written at once, a whole line at a time (see #CbRunLog): a crash of
 * the app loses nothing it has read but the ends of unfinished lines.
 * @length 0 is the end of @from. */
static void
write_log (CbRun          *self,
           CbRunLogStream  from,
           const char     *data,
           gsize           length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->log == NULL)
    return;
  if (length > 0 ? cb_run_log_write_from (self->log, from, data, length, &error)
                 : cb_run_log_end (self->log, from, &error))
    return;

  g_clear_pointer (&self->log, cb_run_log_free);
  text = g_strdup_printf (_("The log %s cannot be written: %s; it ends here."), self->log_path,
                          error->message);
  _cb_run_add_note (self, text);
}

gboolean
_cb_run_flush_batch (gpointer user_data)
{
  CbRun *self = user_data;

  self->batch_id = 0;
  if (self->batch->len > 0)
    {
      g_autoptr(GPtrArray) batch = g_steal_pointer (&self->batch);

      self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
      _cb_run_emit_output (self, batch);
    }

  return G_SOURCE_REMOVE;
}

static void
update_progress (CbRun      *self,
                 const char *text)
{
  _cb_run_notify_progress (self, cb_progress_feed (self->progress, text));
}

static void add_to_ring (CbRun     *self,
                         CbRunLine *line);

static void
add_line (CbRun      *self,
          Stream     *stream,
          const char *bytes,
          gsize       length,
          gboolean    cut)
{
  CbRunLine *line = cb_run_line_new (bytes, length,
                                     (stream->is_stderr ? CB_RUN_LINE_STDERR : 0) |
                                     (cut ? CB_RUN_LINE_CUT : 0));

  if (line->flags & CB_RUN_LINE_PROBLEM)
    {
      self->n_problems++;
      _cb_run_notify_n_problems (self);
    }

  update_progress (self, line->text);
  add_to_ring (self, line);
}

/* Takes @line */
static void
add_to_ring (CbRun     *self,
             CbRunLine *line)
{
  /* The ring keeps the last lines; the oldest goes */
  if (self->ring_len == CB_RUN_MAX_LINES)
    {
      cb_run_line_free (self->ring[self->ring_start]);
      self->ring[self->ring_start] = line;
      self->ring_start = (self->ring_start + 1) % CB_RUN_MAX_LINES;
      self->n_dropped++;
    }
  else
    self->ring[(self->ring_start + self->ring_len++) % CB_RUN_MAX_LINES] = line;
  self->n_lines++;

  g_ptr_array_add (self->batch, g_rc_box_acquire (line));
  if (self->batch_id == 0)
    self->batch_id = g_timeout_add (BATCH_MSEC, _cb_run_flush_batch, self);
}

/* A line of the app's own, about the run: in the output and the log */
void
_cb_run_add_note (CbRun      *self,
                  const char *text)
{
  CbRunLine *line = cb_run_line_new (text, strlen (text), CB_RUN_LINE_NOTE | CB_RUN_LINE_PROBLEM);

  add_to_ring (self, line);
  if (self->log != NULL)
    {
      g_autofree char *logged = g_strdup_printf ("%s: %s\n", PACKAGE_NAME, text);

      write_log (self, CB_RUN_LOG_NOTE, logged, strlen (logged));
    }
}

void
_cb_run_on_line (const char *text,
                 gsize       length,
                 gboolean    cut,
                 gpointer    user_data)
{
  Stream *stream = user_data;

  add_line (stream->run, stream, text, length, cut);
}

/* A line that ended in a bare carriage return: progress, drawn over */
void
_cb_run_on_overdraw (const char *text,
                     gsize       length,
                     gpointer    user_data)
{
  Stream *stream = user_data;
  g_autofree char *valid = g_utf8_make_valid (text, length);

  update_progress (stream->run, valid);
}

static CbRunLogStream
stream_of (Stream *stream)
{
  return stream->is_stderr ? CB_RUN_LOG_STDERR : CB_RUN_LOG_STDOUT;
}

void
_cb_run_on_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Stream *stream = user_data;
  CbRun *self = stream->run;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (self->finished)
    {
      /* Cancelled: the run ended while something held the pipe */
      stream->eof = TRUE;
      g_input_stream_close (stream->stream, NULL, NULL);
      g_object_unref (self);
      return;
    }

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      /* The end, or a broken pipe: the rest of the line is the last line */
      cb_line_splitter_finish (stream->splitter);
      write_log (self, stream_of (stream), NULL, 0);
      stream->eof = TRUE;
      _cb_run_check_finished (self);
      g_object_unref (self);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  write_log (self, stream_of (stream), data, length);
  _cb_run_emit_raw_output (self, bytes, stream->is_stderr);
  cb_line_splitter_feed (stream->splitter, data, length);

  g_input_stream_read_bytes_async (stream->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, _cb_run_on_read, stream);
}
