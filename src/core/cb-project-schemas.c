/* cb-project-schemas.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-glob.h"
#include "cb-project-private.h"

/* The schema files of the project, each loaded once while it is
 * unchanged, and the command each schema starts with.
 */

typedef struct
{
  CbSchema *schema;
  gint64    size;
  gint64    mtime;
} CachedSchema;

void
_cb_project_cached_schema_free (gpointer data)
{
  CachedSchema *cached = data;

  g_object_unref (cached->schema);
  g_free (cached);
}

/**
 * _cb_project_page_matches:
 * @page: an item of the project file's `pages`
 * @path: a schema file
 *
 * Returns: whether @page names @path: by its file name, with or without
 *   its extension, or by the id its name gives (without a leading
 *   `command_builder_`)
 */
gboolean
_cb_project_page_matches (const char *page,
                          const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = cb_path_stem (path);
  g_autofree char *id = cb_schema_id_from_path (path);

  return g_strcmp0 (page, base) == 0 || g_strcmp0 (page, stem) == 0 || g_strcmp0 (page, id) == 0;
}

/* Where the project file's `pages` puts @path: its place there, or after
 * all of them
 */
static guint
page_rank (CbProject  *self,
           const char *path)
{
  for (guint i = 0; self->pages != NULL && self->pages[i] != NULL; i++)
    if (_cb_project_page_matches (self->pages[i], path))
      return i;
  return G_MAXUINT;
}

static int
compare_pages (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CbProject *self = user_data;
  const char *pa = *(const char * const *)a;
  const char *pb = *(const char * const *)b;
  guint ra = page_rank (self, pa);
  guint rb = page_rank (self, pb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return _cb_project_compare_strings (a, b, NULL);
}

/**
 * cb_project_list_schema_files:
 *
 * Returns: (transfer full): the paths of the `.yaml` and `.yml` files of
 *   the schemas folder: those the project file's `pages` names first, in
 *   its order, then the others in file-name order; %NULL with @error set
 */
char **
cb_project_list_schema_files (CbProject  *self,
                              GError    **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *paths;
  const char *name;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  dir = g_dir_open (self->schemas_dir, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_IO, _("%s: cannot read the schemas folder: %s"),
                   self->schemas_dir, local_error->message);
      return NULL;
    }

  paths = g_ptr_array_new ();
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] == '.' || !(g_str_has_suffix (name, ".yaml") || g_str_has_suffix (name, ".yml")))
        continue;
      g_ptr_array_add (paths, g_build_filename (self->schemas_dir, name, NULL));
    }
  g_ptr_array_sort_with_data (paths, compare_pages, self);
  g_ptr_array_add (paths, NULL);

  return (char **)g_ptr_array_free (paths, FALSE);
}

/**
 * cb_project_get_multirun_flag:
 *
 * Returns: (transfer full): what a command of @schema that sweeps carries
 *   after its prefix, so that Hydra runs each combination: the schema's
 *   `multirun_flag`, or else the project's, or else `--multirun`
 */
char **
cb_project_get_multirun_flag (CbProject *self,
                              CbSchema  *schema)
{
  const char * const fallback[] = { "--multirun", NULL };
  const char * const *flag;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (CB_IS_SCHEMA (schema), NULL);

  flag = cb_schema_get_multirun_flag (schema);
  if (flag == NULL)
    flag = (const char * const *)self->multirun_flag;
  if (flag == NULL)
    flag = fallback;

  return g_strdupv ((char **)flag);
}

/**
 * cb_project_get_command_prefix:
 *
 * Returns: (transfer full): the argv that precedes the overrides: the
 *   schema's `command`, or else the project's runner, with `{id}` replaced
 *   by the schema id
 */
char **
cb_project_get_command_prefix (CbProject *self,
                               CbSchema  *schema)
{
  const char * const *prefix;
  GPtrArray *argv;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (CB_IS_SCHEMA (schema), NULL);

  prefix = cb_schema_get_command (schema);
  if (prefix == NULL || prefix[0] == NULL)
    prefix = (const char * const *)self->runner;

  argv = g_ptr_array_new ();
  for (guint i = 0; prefix[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (prefix[i]);

      g_string_replace (arg, "{id}", cb_schema_get_id (schema), 0);
      g_ptr_array_add (argv, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv, NULL);

  return (char **)g_ptr_array_free (argv, FALSE);
}

/**
 * cb_project_load_schema:
 * @path: a schema file of the project
 *
 * Loads a schema, or returns the one loaded before when the file has the
 * same size and modification time.
 *
 * Returns: (transfer full): the schema, or %NULL with @error set (see
 *   cb_schema_load())
 */
CbSchema *
cb_project_load_schema (CbProject   *self,
                        const char  *path,
                        GError     **error)
{
  CachedSchema *cached;
  struct stat st;
  gint64 mtime;
  CbSchema *schema;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (stat (path, &st) == 0)
    {
      mtime = (gint64)st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      cached = g_hash_table_lookup (self->schemas, path);
      if (cached != NULL && cached->size == st.st_size && cached->mtime == mtime)
        return g_object_ref (cached->schema);
    }
  else
    mtime = -1;

  schema = cb_schema_load (path, CB_NAME_LOOKUP (self), error);
  if (schema == NULL)
    {
      g_hash_table_remove (self->schemas, path);
      return NULL;
    }

  cached = g_new0 (CachedSchema, 1);
  cached->schema = g_object_ref (schema);
  cached->size = mtime >= 0 ? st.st_size : -1;
  cached->mtime = mtime;
  g_hash_table_replace (self->schemas, g_strdup (path), cached);

  return schema;
}

/* Whether two loads of the project define the same names, which is all a
 * schema is checked against (see #CbNameLookup)
 */
static gboolean
same_names (CbProject *self,
            CbProject *other)
{
  GHashTableIter iter;
  gpointer name, value;

  if (g_hash_table_size (self->sources) != g_hash_table_size (other->sources) ||
      g_hash_table_size (self->metadata_specs) != g_hash_table_size (other->metadata_specs))
    return FALSE;

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      CbSourceSpec *spec = g_hash_table_lookup (other->sources, name);

      if (spec == NULL || (spec->paths == NULL) != (((CbSourceSpec *)value)->paths == NULL))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, self->metadata_specs);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (other->metadata_specs, name))
      return FALSE;

  return TRUE;
}

/**
 * _cb_project_take_schemas:
 * @previous: the same project, loaded before
 *
 * Shares the schemas @previous loaded, when they were checked against the
 * same names: a file that did not change is not parsed again.
 */
void
_cb_project_take_schemas (CbProject *self,
                          CbProject *previous)
{
  GHashTableIter iter;
  gpointer path, value;

  if (!same_names (self, previous))
    return;

  g_hash_table_iter_init (&iter, previous->schemas);
  while (g_hash_table_iter_next (&iter, &path, &value))
    {
      CachedSchema *cached = g_memdup2 (value, sizeof (CachedSchema));

      g_object_ref (cached->schema);
      g_hash_table_insert (self->schemas, g_strdup (path), cached);
    }
}
