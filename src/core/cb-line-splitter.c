/* cb-line-splitter.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-line-splitter.h"

/**
 * CbLineSplitter:
 *
 * Turns a stream of bytes that arrives in pieces (a pipe, a growing log
 * file) into lines. The last, unfinished line is kept until its newline
 * comes or the stream ends. A carriage return on its own starts the line
 * over, the way a terminal shows progress bars. A line longer than the
 * limit is passed on cut, and the rest of it is skipped, so memory stays
 * bounded whatever the stream holds.
 */
struct _CbLineSplitter
{
  gsize           max_length;
  CbLineFunc      line_func;
  CbOverdrawFunc  overdraw_func;
  gpointer        user_data;
  GString        *partial;
  gboolean        skipping;
  gboolean        after_cr;
};

CbLineSplitter *
cb_line_splitter_new (gsize          max_length,
                      CbLineFunc     line_func,
                      CbOverdrawFunc overdraw_func,
                      gpointer       user_data)
{
  CbLineSplitter *self = g_new0 (CbLineSplitter, 1);

  g_return_val_if_fail (max_length > 0, NULL);
  g_return_val_if_fail (line_func != NULL, NULL);

  self->max_length = max_length;
  self->line_func = line_func;
  self->overdraw_func = overdraw_func;
  self->user_data = user_data;
  self->partial = g_string_new (NULL);

  return self;
}

void
cb_line_splitter_free (CbLineSplitter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->partial, TRUE);
  g_free (self);
}

static void
overdraw (CbLineSplitter *self)
{
  if (self->partial->len > 0 && !self->skipping && self->overdraw_func != NULL)
    self->overdraw_func (self->partial->str, self->partial->len, self->user_data);
  g_string_truncate (self->partial, 0);
  self->skipping = FALSE;
}

/**
 * cb_line_splitter_feed:
 *
 * Splits what arrived; complete lines go to the line function at once.
 */
void
cb_line_splitter_feed (CbLineSplitter *self,
                       const char     *data,
                       gsize           length)
{
  const char *end = data + length;
  const char *p = data;

  g_return_if_fail (self != NULL);

  /* A \r at the very end of the last piece: \r\n or a bare \r? */
  if (self->after_cr && p < end)
    {
      self->after_cr = FALSE;
      if (*p != '\n')
        overdraw (self);
    }

  while (p < end)
    {
      const char *stop = p;

      while (stop < end && *stop != '\n' && *stop != '\r')
        stop++;

      if (!self->skipping)
        {
          gsize room = self->max_length - self->partial->len;
          gsize take = MIN ((gsize)(stop - p), room);

          g_string_append_len (self->partial, p, take);
          if (self->partial->len >= self->max_length)
            {
              /* The start of a huge line; the rest is skipped */
              self->line_func (self->partial->str, self->partial->len, TRUE, self->user_data);
              g_string_truncate (self->partial, 0);
              self->skipping = TRUE;
            }
        }

      if (stop == end)
        break;

      if (*stop == '\n')
        {
          if (!self->skipping)
            self->line_func (self->partial->str, self->partial->len, FALSE, self->user_data);
          self->skipping = FALSE;
          g_string_truncate (self->partial, 0);
        }
      else if (stop + 1 == end)
        self->after_cr = TRUE;
      else if (stop[1] != '\n')
        overdraw (self);
      /* else \r\n: the \n ends the line */

      p = stop + 1;
    }
}

/**
 * cb_line_splitter_finish:
 *
 * The stream ended: what is left of the last line is a line.
 */
void
cb_line_splitter_finish (CbLineSplitter *self)
{
  g_return_if_fail (self != NULL);

  if (self->after_cr)
    {
      self->after_cr = FALSE;
      overdraw (self);
    }
  if (self->partial->len > 0 && !self->skipping)
    self->line_func (self->partial->str, self->partial->len, FALSE, self->user_data);
  g_string_truncate (self->partial, 0);
  self->skipping = FALSE;
}

/**
 * cb_line_splitter_get_pending:
 *
 * Returns: how many bytes of an unfinished line are kept
 */
gsize
cb_line_splitter_get_pending (CbLineSplitter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->partial->len;
}

/**
 * cb_line_is_problem:
 *
 * Returns: whether a line of output speaks of an error, an exception, a
 *   traceback or a failure, so the run view marks it
 */
gboolean
cb_line_is_problem (const char *text)
{
  return strstr (text, "Error") != NULL || strstr (text, "Exception") != NULL ||
         strstr (text, "Traceback") != NULL || strstr (text, "failed") != NULL;
}
