/* cb-checkpoint-entry.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-checkpoint-entry.h"

/**
 * cb_checkpoint_entry_new:
 * @path: the project-relative path; @path_len bytes of it
 * @experiment: (transfer full) (nullable): an interned #GRefString
 *
 * May be called from any thread.
 *
 * Returns: (transfer full): a new entry, for cb_checkpoint_entry_free()
 */
CbCheckpointEntry *
cb_checkpoint_entry_new (const char *path,
                         gsize       path_len,
                         char       *experiment,
                         guint64     size,
                         gint64      mtime)
{
  CbCheckpointEntry *entry = g_malloc (sizeof (CbCheckpointEntry) + path_len + 1);

  entry->object = NULL;
  entry->experiment = experiment;
  entry->size = size;
  entry->mtime = mtime;
  memcpy (entry->path, path, path_len);
  entry->path[path_len] = '\0';
  entry->hash = g_str_hash (entry->path);
  return entry;
}

/**
 * cb_checkpoint_entry_new_key:
 * @path: a project-relative path
 *
 * Returns: (transfer full): an entry that only looks up @path in tables
 *   of entries
 */
CbCheckpointEntry *
cb_checkpoint_entry_new_key (const char *path)
{
  return cb_checkpoint_entry_new (path, strlen (path), NULL, 0, 0);
}

void
cb_checkpoint_entry_free (gpointer data)
{
  CbCheckpointEntry *entry = data;

  if (entry == NULL)
    return;
  g_clear_object (&entry->object);
  g_clear_pointer (&entry->experiment, g_ref_string_release);
  g_free (entry);
}

/**
 * cb_checkpoint_entry_get_object:
 *
 * Returns: (transfer none): the entry's checkpoint, the same one each time
 */
CbCheckpoint *
cb_checkpoint_entry_get_object (CbCheckpointEntry *entry)
{
  if (entry->object == NULL)
    entry->object = cb_checkpoint_new (entry->path, entry->experiment, entry->size, entry->mtime);
  return entry->object;
}

/* The order of checkpoint lists, as cb_checkpoint_compare() */
int
cb_checkpoint_entry_compare (const CbCheckpointEntry *a,
                             const CbCheckpointEntry *b)
{
  if (a->mtime != b->mtime)
    return a->mtime > b->mtime ? -1 : 1;
  return strcmp (a->path, b->path);
}

/* Entries by path, in hash tables */
guint
cb_checkpoint_entry_hash (gconstpointer entry)
{
  return ((const CbCheckpointEntry *)entry)->hash;
}

gboolean
cb_checkpoint_entry_equal (gconstpointer a,
                           gconstpointer b)
{
  return strcmp (((const CbCheckpointEntry *)a)->path, ((const CbCheckpointEntry *)b)->path) == 0;
}
