/* cb-line-ring.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-line-ring.h"

/**
 * CbLineRing:
 *
 * The last lines of an output, at most a given number: when it is full,
 * each new line pushes out the oldest, so that memory stays bounded
 * whatever a command prints. It counts every line it was given and those
 * it let go.
 */
struct _CbLineRing
{
  CbRunLine **lines;
  guint       capacity;
  guint       start;
  guint       len;
  guint64     n_lines;
  guint64     n_dropped;
};

CbLineRing *
cb_line_ring_new (guint capacity)
{
  CbLineRing *self = g_new0 (CbLineRing, 1);

  g_return_val_if_fail (capacity > 0, NULL);

  self->capacity = capacity;
  self->lines = g_new0 (CbRunLine *, capacity);
  return self;
}

void
cb_line_ring_free (CbLineRing *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->len; i++)
    cb_run_line_free (self->lines[(self->start + i) % self->capacity]);
  g_free (self->lines);
  g_free (self);
}

/**
 * cb_line_ring_add:
 * @line: (transfer full): the newest line
 */
void
cb_line_ring_add (CbLineRing *self,
                  CbRunLine  *line)
{
  if (self->len < self->capacity)
    self->lines[(self->start + self->len++) % self->capacity] = line;
  else
    {
      cb_run_line_free (self->lines[self->start]);
      self->lines[self->start] = line;
      self->start = (self->start + 1) % self->capacity;
      self->n_dropped++;
    }
  self->n_lines++;
}

guint64
cb_line_ring_get_n_lines (CbLineRing *self)
{
  return self->n_lines;
}

/**
 * cb_line_ring_get_n_dropped:
 *
 * Returns: how many of the first lines are no longer kept
 */
guint64
cb_line_ring_get_n_dropped (CbLineRing *self)
{
  return self->n_dropped;
}

/**
 * cb_line_ring_get_lines:
 *
 * Returns: (transfer full) (element-type CbRunLine): the kept lines,
 *   oldest first
 */
GPtrArray *
cb_line_ring_get_lines (CbLineRing *self)
{
  GPtrArray *lines = g_ptr_array_new_full (self->len, (GDestroyNotify)cb_run_line_free);

  for (guint i = 0; i < self->len; i++)
    g_ptr_array_add (lines, g_rc_box_acquire (self->lines[(self->start + i) % self->capacity]));
  return lines;
}
