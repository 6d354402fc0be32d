/* cb-file-watch.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-file-watch.h"

/**
 * CbFileWatch:
 *
 * A set of file and folder monitors that reports changes in batches.
 * Editors write in bursts (a temporary file, a rename, a change of
 * attributes), so every event restarts a short delay, and only when the
 * files have been quiet for that long does the callback get every path
 * that changed, once.
 */
struct _CbFileWatch
{
  GHashTable      *monitors; /* path → GFileMonitor */
  GHashTable      *changed;  /* paths */
  CbFileWatchFunc  func;
  gpointer         user_data;
  guint            delay_ms;
  guint            flush_id;
};

/**
 * cb_file_watch_new:
 * @delay_ms: how long the files must be quiet before @func is called
 *
 * Returns: (transfer full): a watch that watches nothing yet
 */
CbFileWatch *
cb_file_watch_new (guint           delay_ms,
                   CbFileWatchFunc func,
                   gpointer        user_data)
{
  CbFileWatch *self = g_new0 (CbFileWatch, 1);

  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->func = func;
  self->user_data = user_data;
  self->delay_ms = delay_ms;

  return self;
}

/**
 * cb_file_watch_free:
 *
 * Stops every monitor; changes not reported yet are dropped.
 */
void
cb_file_watch_free (CbFileWatch *self)
{
  GHashTableIter iter;
  gpointer monitor;

  if (self == NULL)
    return;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, NULL, &monitor))
    {
      g_signal_handlers_disconnect_by_data (monitor, self);
      g_file_monitor_cancel (monitor);
    }
  g_hash_table_unref (self->monitors);
  g_hash_table_unref (self->changed);
  g_free (self);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static gboolean
flush (gpointer user_data)
{
  CbFileWatch *self = user_data;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer path;

  self->flush_id = 0;

  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    {
      g_ptr_array_add (paths, path);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (paths, compare_paths);

  /* Last: the callback may free the watch */
  self->func (paths, self->user_data);

  return G_SOURCE_REMOVE;
}

static void
on_changed (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            CbFileWatch       *self)
{
  /* A change is followed by CHANGES_DONE_HINT: that one counts */
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  g_hash_table_add (self->changed, g_file_get_path (file));
  if (other != NULL && g_file_peek_path (other) != NULL)
    g_hash_table_add (self->changed, g_file_get_path (other));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->flush_id = g_timeout_add (self->delay_ms, flush, self);
}

/**
 * cb_file_watch_add:
 * @path: a file, or a folder when @folder is set; it need not exist
 *
 * Watches @path too, moves and renames included. A path already watched
 * is left as it is.
 *
 * Returns: whether @path is watched: %FALSE when no monitor could be set
 */
gboolean
cb_file_watch_add (CbFileWatch *self,
                   const char  *path,
                   gboolean     folder)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_hash_table_contains (self->monitors, path))
    return TRUE;

  file = g_file_new_for_path (path);
  monitor = folder ? g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error)
                   : g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return FALSE;
    }

  g_signal_connect (monitor, "changed", G_CALLBACK (on_changed), self);
  g_hash_table_insert (self->monitors, g_strdup (path), monitor);
  return TRUE;
}
