/* cb-config-index.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-config-index.h"

/* The config index keeps what a project reads from its config tree, the
 * option lists and the metadata sets, in one serialized GVariant under
 * $XDG_CACHE_HOME/cmdbuilder/, one file per project. It is read back with
 * GMappedFile, without parsing, and each part of it is used only while the
 * modification times of the files and folders it was built from are
 * unchanged.
 */

#define INDEX_VERSION 1
#define INDEX_TYPE "(ua{s" CB_CONFIG_PART_TYPE "})"

/**
 * cb_config_index_path:
 *
 * Returns: (transfer full): the index file of the project in @project_root
 */
char *
cb_config_index_path (const char *project_root)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, project_root, -1);
  g_autofree char *name = NULL;

  hash[24] = '\0';
  name = g_strdup_printf ("index-%s.gvariant", hash);
  return g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, name, NULL);
}

/**
 * cb_config_index_mtime:
 *
 * Returns: the modification time of @path in nanoseconds, or -1 when it
 *   does not exist
 */
gint64
cb_config_index_mtime (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return -1;

  return (gint64)st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

/**
 * cb_config_index_make_deps:
 * @paths: (element-type filename): files and folders
 *
 * Returns: (transfer full): an `a(sx)` of each path with its modification
 *   time now
 */
GVariant *
cb_config_index_make_deps (GPtrArray *paths)
{
  GVariantBuilder builder;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sx)"));
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_hash_table_add (seen, (gpointer)path))
        g_variant_builder_add (&builder, "(sx)", path, cb_config_index_mtime (path));
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * cb_config_index_part_valid:
 * @part: a part, of type %CB_CONFIG_PART_TYPE
 *
 * Returns: whether every file and folder the part was built from has the
 *   same modification time as then (or still does not exist)
 */
gboolean
cb_config_index_part_valid (GVariant *part)
{
  g_autoptr(GVariant) deps = g_variant_get_child_value (part, 1);
  GVariantIter iter;
  const char *path;
  gint64 mtime;

  g_variant_iter_init (&iter, deps);
  while (g_variant_iter_next (&iter, "(&sx)", &path, &mtime))
    if (cb_config_index_mtime (path) != mtime)
      return FALSE;

  return TRUE;
}

/**
 * cb_config_index_load:
 *
 * Maps the index file; nothing is parsed or copied.
 *
 * Returns: (transfer full) (nullable): the parts, an `a{s(va(sx)a(us))}`, or
 *   %NULL when there is no usable index
 */
GVariant *
cb_config_index_load (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) index = NULL;
  guint32 version;

  if (mapped == NULL)
    return NULL;

  bytes = g_mapped_file_get_bytes (mapped);
  index = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (INDEX_TYPE), bytes, FALSE));

  /* A file from another version, or damaged, is not used */
  g_variant_get_child (index, 0, "u", &version);
  if (version != INDEX_VERSION)
    return NULL;

  return g_variant_get_child_value (index, 1);
}

/**
 * cb_config_index_save:
 * @parts: an `a{s(va(sx)a(us))}`
 *
 * Writes the index atomically.
 */
gboolean
cb_config_index_save (const char  *path,
                      GVariant    *parts,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GVariant) index = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("%s: cannot create the folder: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  index = g_variant_ref_sink (g_variant_new ("(u@a{s" CB_CONFIG_PART_TYPE "})", INDEX_VERSION, parts));
  return g_file_set_contents (path, g_variant_get_data (index), g_variant_get_size (index), error);
}
