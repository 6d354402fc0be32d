/* cb-checkpoint-model-sync.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-checkpoint-model-private.h"

/* The synchronous scan: the same listing as the scanner's, folder by
 * folder in this thread, for a caller that needs the list at once
 */

typedef struct
{
  dev_t dev;
  ino_t ino;
} DevIno;

typedef struct
{
  CbCheckpointModel *self;
  GPtrArray         *items;
  GArray            *subdirs;
  char              *experiment; /* the last one made, a GRefString */
} SyncWalk;

static void
on_listed (const char        *relative,
           const char        *name,
           int                glob,
           guint64            child_mask,
           const struct stat *st,
           gpointer           user_data)
{
  SyncWalk *walk = user_data;

  if (glob >= 0)
    g_ptr_array_add (walk->items, cb_checkpoint_patterns_make_entry (walk->self->patterns, relative, glob, st,
                                                                     &walk->experiment));
  else
    {
      CbScanSubdir sub = { g_strdup (relative), child_mask, st->st_dev, st->st_ino };

      g_array_append_val (walk->subdirs, sub);
    }
}

static gboolean
is_ancestor (GArray *ancestors,
             DevIno  id)
{
  for (guint k = 0; k < ancestors->len; k++)
    if (g_array_index (ancestors, DevIno, k).dev == id.dev &&
        g_array_index (ancestors, DevIno, k).ino == id.ino)
      return TRUE;
  return FALSE;
}

static void
scan_dir (CbCheckpointModel *self,
          const char        *dir,
          guint64            mask,
          GArray            *ancestors,
          GPtrArray         *items)
{
  g_autoptr(GArray) subdirs = g_array_new (FALSE, FALSE, sizeof (CbScanSubdir));
  g_autoptr(GError) error = NULL;
  SyncWalk walk = { self, items, subdirs, NULL };

  g_array_set_clear_func (subdirs, cb_checkpoint_scan_subdir_clear);
  self->n_listings++;
  if (cb_checkpoint_patterns_list_dir (self->patterns, self->root, dir, mask,
                                       on_listed, &walk, &error) == CB_LIST_ERROR)
    _cb_checkpoint_model_notice_folder (self, dir, error->message);
  g_clear_pointer (&walk.experiment, g_ref_string_release);

  for (guint i = 0; i < subdirs->len; i++)
    {
      CbScanSubdir *sub = &g_array_index (subdirs, CbScanSubdir, i);
      DevIno id = { sub->dev, sub->ino };

      if (is_ancestor (ancestors, id))
        {
          g_debug ("Not following %s: a symbolic link loop", sub->name);
          continue;
        }

      g_array_append_val (ancestors, id);
      scan_dir (self, sub->name, sub->mask, ancestors, items);
      g_array_set_size (ancestors, ancestors->len - 1);
    }
}

/**
 * cb_checkpoint_model_scan_sync:
 *
 * Scans now, in this thread, for a caller that needs the list at once and
 * does not follow changes (the headless `--print-command`). Must be called
 * before cb_checkpoint_model_start(), if at all.
 */
void
cb_checkpoint_model_scan_sync (CbCheckpointModel *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (cb_checkpoint_entry_free);
  g_autoptr(GArray) ancestors = g_array_new (FALSE, FALSE, sizeof (DevIno));
  g_autoptr(GHashTable) found = g_hash_table_new (cb_checkpoint_entry_hash, cb_checkpoint_entry_equal);
  g_autoptr(GHashTable) removes = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) adds = g_ptr_array_new_with_free_func (cb_checkpoint_entry_free);
  GHashTableIter iter;
  gpointer key;
  struct stat st;

  g_return_if_fail (CB_IS_CHECKPOINT_MODEL (self));
  g_return_if_fail (!self->started);

  self->n_scans++;
  if (self->patterns->n > 0 && stat (self->root, &st) == 0 && S_ISDIR (st.st_mode))
    {
      DevIno id = { st.st_dev, st.st_ino };

      g_array_append_val (ancestors, id);
      scan_dir (self, "", self->patterns->root_mask, ancestors, items);
    }

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (found, g_ptr_array_index (items, i));
  g_hash_table_iter_init (&iter, self->by_path);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found, key))
      g_hash_table_add (removes, key);

  /* The model takes the entries */
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    _cb_checkpoint_model_upsert (self, removes, adds, g_ptr_array_index (items, i));

  _cb_checkpoint_model_apply (self, removes, adds);
}
