/* cb-project-watch.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-project-private.h"

/* A watched project follows the files it was read from: the project file,
 * the schemas folder and each file and folder its parts were built from.
 * A #CbFileWatch merges the bursts editors write in; then the project file
 * wins over everything (the project is loaded again), stale parts are
 * rebuilt and said, and changed schemas are said, in path order.
 */

/* Editors write in bursts: wait until they are done */
#define MERGE_MS 100

static gboolean
is_yaml (const char *path)
{
  return g_str_has_suffix (path, ".yaml") || g_str_has_suffix (path, ".yml");
}

static void
watch_part (CbProject *self,
            GVariant  *part)
{
  g_autoptr(GVariant) deps = g_variant_get_child_value (part, 1);
  GVariantIter iter;
  const char *path;
  gint64 mtime;

  g_variant_iter_init (&iter, deps);
  while (g_variant_iter_next (&iter, "(&sx)", &path, &mtime))
    cb_file_watch_add (self->watch, path, !is_yaml (path));
}

static void
refresh_parts (CbProject *self)
{
  g_autoptr(GPtrArray) rebuilt = _cb_project_rebuild_stale_parts (self);

  for (guint i = 0; i < rebuilt->len; i++)
    {
      const char *key = g_ptr_array_index (rebuilt, i);

      watch_part (self, g_hash_table_lookup (self->parts, key));
      if (g_str_has_prefix (key, "source:"))
        _cb_project_emit_source_changed (self, key + strlen ("source:"));
      else
        _cb_project_emit_metadata_changed (self, key + strlen ("metadata:"));
    }
}

static void
on_files_changed (GPtrArray *paths,
                  gpointer   user_data)
{
  /* A handler may drop the last other reference */
  g_autoptr(CbProject) self = g_object_ref (user_data);
  g_autoptr(GPtrArray) schemas = g_ptr_array_new ();
  gboolean config_changed = FALSE;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *parent = g_path_get_dirname (path);

      if (strcmp (path, self->file) == 0)
        {
          _cb_project_emit_file_changed (self);
          return;
        }

      if (strcmp (parent, self->schemas_dir) == 0 && is_yaml (path))
        g_ptr_array_add (schemas, (char *)path);
      else
        config_changed = TRUE;
    }

  if (config_changed)
    refresh_parts (self);

  for (guint i = 0; i < schemas->len; i++)
    _cb_project_emit_schema_changed (self, g_ptr_array_index (schemas, i));
}

/**
 * cb_project_watch:
 *
 * From now on, follows changes on disk: the project file, the schemas and
 * the files of the config tree the sources and metadata sets were built
 * from. Bursts of changes are merged; then the parts that changed are
 * rebuilt and the signals say what changed. The checkpoint lists of the
 * `paths:` sources start their scan and follow their own folders.
 */
void
cb_project_watch (CbProject *self)
{
  GHashTableIter iter;
  gpointer part;

  g_return_if_fail (CB_IS_PROJECT (self));

  if (self->watch != NULL)
    return;

  cb_project_ensure_config (self);
  self->watch = cb_file_watch_new (MERGE_MS, on_files_changed, self);

  cb_file_watch_add (self->watch, self->file, FALSE);
  cb_file_watch_add (self->watch, self->schemas_dir, TRUE);

  g_hash_table_iter_init (&iter, self->parts);
  while (g_hash_table_iter_next (&iter, NULL, &part))
    watch_part (self, part);

  _cb_project_start_checkpoint_models (self);
}
