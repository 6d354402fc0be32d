/* cb-checkpoint-entry.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-checkpoint.h"

G_BEGIN_DECLS

/**
 * CbCheckpointEntry:
 * @object: the #CbCheckpoint of the entry, made the first time the list
 *   model hands it out, then kept; %NULL until then
 * @experiment: (nullable): an interned #GRefString
 * @size: the size in bytes
 * @mtime: the modification time, in microseconds since the epoch
 * @hash: g_str_hash() of @path, made with it on the listing thread, so
 *   that the model's tables by path need not hash it again
 * @path: the project-relative path, exact bytes
 *
 * A checkpoint as a checkpoint model stores it: one allocation with its
 * path, made on the threads that list folders. A scan finds 100,000 of
 * them, and a drop-down shows a screenful: the GObject of an entry is
 * made only when something asks for it.
 */
typedef struct
{
  CbCheckpoint *object;
  char         *experiment;
  guint64       size;
  gint64        mtime;
  guint         hash;
  char          path[];
} CbCheckpointEntry;

CbCheckpointEntry *cb_checkpoint_entry_new        (const char        *path,
                                                   gsize              path_len,
                                                   char              *experiment,
                                                   guint64            size,
                                                   gint64             mtime);
void               cb_checkpoint_entry_free       (gpointer           entry);
CbCheckpoint      *cb_checkpoint_entry_get_object (CbCheckpointEntry *entry);
int                cb_checkpoint_entry_compare    (const CbCheckpointEntry *a,
                                                   const CbCheckpointEntry *b);
CbCheckpointEntry *cb_checkpoint_entry_new_key    (const char        *path);
guint              cb_checkpoint_entry_hash       (gconstpointer      entry);
gboolean           cb_checkpoint_entry_equal      (gconstpointer      a,
                                                   gconstpointer      b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCheckpointEntry, cb_checkpoint_entry_free)

G_END_DECLS
