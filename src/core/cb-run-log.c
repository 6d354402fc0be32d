/* cb-run-log.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "cb-run-log.h"

/**
 * CbRunLog:
 *
 * The log file of a run: what the command printed, written as it comes.
 *
 * Output is written with write() as soon as it is read, a whole line at
 * a time: the command's stdout and stderr (and the app's notes) each
 * reach the log in whole lines (cb_run_log_write_from()), so a line of
 * one is never cut by the other, as a terminal would show it. Only the
 * unfinished end of each stream waits for its newline, up to
 * %MAX_HELD bytes: if the app crashes or is killed, the log has everything
 * the app had read but those unfinished ends (the kernel has the rest,
 * even if the file is not yet on the disk itself). A line longer than
 * that is written as it comes, and a line of another stream that follows
 * before its end starts on a line of its own.
 *
 * Its size is bounded by a limit: the log keeps the first half of it,
 * then a line saying the output is cut there, then the latest output,
 * up to half of the limit. When that latest part reaches half of the
 * limit, its last quarter, from the first line that starts in it, is
 * copied over its start and the file is truncated after it: the latest
 * output kept is never less than a quarter of the limit, less the end of
 * the line that was cut. The copy never
 * overwrites what it copies, so a crash in the middle of it leaves the
 * latest output whole at the end of the file.
 */

#define COPY_SIZE 65536
/* The most of a stream's unfinished line that waits for its newline */
#define MAX_HELD (16 * 1024)
#define N_STREAMS (CB_RUN_LOG_NOTE + 1)

struct _CbRunLog
{
  int      fd;
  GString *held[N_STREAMS];  /* each stream's unfinished line */
  int      open_stream;      /* whose line the log ends in the middle of, or -1 */
  guint64  limit;
  guint64  size;
  gboolean cutting;
  guint64  marker_offset;
  gsize    marker_length;
  guint64  tail_start;
  guint64  cut;
};

/**
 * cb_run_log_new:
 * @fd: an empty file open for writing; the log owns it
 * @limit: the most it keeps, in bytes; 0 for no limit
 *
 * Returns: (transfer full): the log
 */
CbRunLog *
cb_run_log_new (int     fd,
                guint64 limit)
{
  CbRunLog *self = g_new0 (CbRunLog, 1);

  g_return_val_if_fail (fd >= 0, NULL);

  self->fd = fd;
  self->open_stream = -1;
  for (guint i = 0; i < N_STREAMS; i++)
    self->held[i] = g_string_new (NULL);
  /* Room for a head, a marker and a tail */
  self->limit = limit == 0 ? 0 : MAX (limit, 64);
  return self;
}

/**
 * cb_run_log_free:
 *
 * Writes the unfinished lines the log holds, and closes it.
 */
void
cb_run_log_free (CbRunLog *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_STREAMS; i++)
    {
      cb_run_log_end (self, i, NULL);
      g_string_free (self->held[i], TRUE);
    }
  close (self->fd);
  g_free (self);
}

static gboolean
fail (GError **error)
{
  int saved_errno = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_at (CbRunLog    *self,
          const char  *data,
          gsize        length,
          guint64      offset,
          GError     **error)
{
  while (length > 0)
    {
      ssize_t n = pwrite (self->fd, data, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail (error);
      data += n;
      length -= n;
      offset += n;
    }
  return TRUE;
}

static gboolean
append (CbRunLog    *self,
        const char  *data,
        gsize        length,
        GError     **error)
{
  if (!write_at (self, data, length, self->size, error))
    return FALSE;
  self->size += length;
  return TRUE;
}

/* One line, the same length whatever it counts, so that it is rewritten
 * in place */
static char *
marker_text (CbRunLog *self)
{
  g_autofree char *limit = g_format_size_full (self->limit, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *sentence =
    g_strdup_printf (_("The output is over the log’s limit of %s and is cut here; bytes left out:"), limit);

  return g_strdup_printf ("\n[%s: %s %-20" G_GUINT64_FORMAT "]\n", PACKAGE_NAME, sentence, self->cut);
}

static gboolean
write_marker (CbRunLog  *self,
              GError   **error)
{
  g_autofree char *text = marker_text (self);

  self->marker_length = strlen (text);
  return write_at (self, text, self->marker_length, self->marker_offset, error);
}

/* The latest output has reached half the limit: its last quarter moves to
 * its start */
static gboolean
compact (CbRunLog  *self,
         GError   **error)
{
  guint64 keep = MAX ((self->limit - self->limit / 2) / 2, 1);
  guint64 from = self->size - keep;
  g_autofree char *buffer = g_malloc (COPY_SIZE);
  ssize_t n;

  /* From the start of a line, when one starts near */
  n = pread (self->fd, buffer, MIN (keep, COPY_SIZE), from);
  if (n < 0)
    return fail (error);
  {
    const char *newline = memchr (buffer, '\n', n);

    if (newline != NULL && from + (newline - buffer) + 1 < self->size)
      from += newline - buffer + 1;
  }
  keep = self->size - from;

  for (guint64 done = 0; done < keep; done += n)
    {
      n = pread (self->fd, buffer, MIN (keep - done, COPY_SIZE), from + done);
      if (n <= 0)
        return fail (error);
      if (!write_at (self, buffer, n, self->tail_start + done, error))
        return FALSE;
    }

  self->cut += from - self->tail_start;
  self->size = self->tail_start + keep;
  if (ftruncate (self->fd, self->size) != 0)
    return fail (error);

  return write_marker (self, error);
}

/* The head is full: the rest of @data up to a line's end goes to it, then
 * the marker. Returns how much of @data it took. */
static gsize
close_head (CbRunLog    *self,
            const char  *data,
            gsize        length,
            GError     **error)
{
  gsize room = self->limit / 2 > self->size ? self->limit / 2 - self->size : 0;
  gsize n = MIN (room, length);

  /* Up to the last line's end that fits, if one does */
  for (gsize i = n; i > 0; i--)
    if (data[i - 1] == '\n')
      {
        n = i;
        break;
      }

  if (!append (self, data, n, error))
    return G_MAXSIZE;

  self->cutting = TRUE;
  self->marker_offset = self->size;
  if (!write_marker (self, error))
    return G_MAXSIZE;
  self->size += self->marker_length;
  self->tail_start = self->size;

  return n;
}

/**
 * cb_run_log_write:
 *
 * Writes output to the log, now.
 *
 * Returns: whether it was written
 */
gboolean
cb_run_log_write (CbRunLog    *self,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->limit == 0 || (!self->cutting && self->size + length <= self->limit / 2))
    return append (self, data, length, error);

  if (!self->cutting)
    {
      gsize taken = close_head (self, data, length, error);

      if (taken == G_MAXSIZE)
        return FALSE;
      data += taken;
      length -= taken;
    }

  if (!append (self, data, length, error))
    return FALSE;
  if (self->size - self->tail_start >= self->limit - self->limit / 2)
    return compact (self, error);
  return TRUE;
}

/* Writes @data of @from, which ends a line of it or not: a line another
 * stream left open is closed first */
static gboolean
write_part (CbRunLog        *self,
            CbRunLogStream   from,
            const char      *data,
            gsize            length,
            GError         **error)
{
  if (length == 0)
    return TRUE;
  if (self->open_stream >= 0 && self->open_stream != (int)from)
    {
      if (!cb_run_log_write (self, "\n", 1, error))
        return FALSE;
      self->open_stream = -1;
    }
  if (!cb_run_log_write (self, data, length, error))
    return FALSE;
  self->open_stream = data[length - 1] == '\n' ? -1 : (int)from;
  return TRUE;
}

/* The held line of @from, and @length bytes of @data, which end with a
 * newline or are all there is */
static gboolean
write_held (CbRunLog        *self,
            CbRunLogStream   from,
            const char      *data,
            gsize            length,
            GError         **error)
{
  GString *held = self->held[from];
  gboolean written = write_part (self, from, held->str, held->len, error) &&
                     write_part (self, from, data, length, error);

  g_string_truncate (held, 0);
  return written;
}

/* The last newline of @data, if any */
static const char *
last_newline (const char *data,
              gsize       length)
{
  for (gsize i = length; i > 0; i--)
    if (data[i - 1] == '\n')
      return data + i - 1;
  return NULL;
}

/**
 * cb_run_log_write_from:
 * @from: the stream @data comes from
 *
 * Writes the whole lines of @from's output to the log, now; holds the
 * end of the last one until its newline comes (or it grows too long, or
 * the stream ends: cb_run_log_end()).
 *
 * Returns: whether it was written
 */
gboolean
cb_run_log_write_from (CbRunLog        *self,
                       CbRunLogStream   from,
                       const char      *data,
                       gsize            length,
                       GError         **error)
{
  GString *held;
  const char *newline;
  gsize lines = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from < N_STREAMS, FALSE);

  held = self->held[from];
  newline = last_newline (data, length);
  if (newline != NULL)
    {
      lines = newline - data + 1;
      if (!write_held (self, from, data, lines, error))
        return FALSE;
    }
  g_string_append_len (held, data + lines, length - lines);
  if (held->len >= MAX_HELD)
    return write_held (self, from, NULL, 0, error);
  return TRUE;
}

/**
 * cb_run_log_end:
 * @from: a stream that ended
 *
 * Writes what is left of @from's last line, which has no newline.
 *
 * Returns: whether it was written
 */
gboolean
cb_run_log_end (CbRunLog        *self,
                CbRunLogStream   from,
                GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from < N_STREAMS, FALSE);

  return write_held (self, from, NULL, 0, error);
}

/**
 * cb_run_log_get_cut:
 *
 * Returns: how many bytes of output were left out of the log
 */
guint64
cb_run_log_get_cut (CbRunLog *self)
{
  return self->cut;
}

/**
 * cb_run_log_get_size:
 *
 * Returns: the size of the log file
 */
guint64
cb_run_log_get_size (CbRunLog *self)
{
  return self->size;
}
