/* cb-project-config.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-config-index.h"
#include "cb-diagnostic.h"
#include "cb-glob.h"
#include "cb-project-private.h"

/* Parts of the config: each source and metadata set is built from the
 * files it reads into a part of the config index (see cb-config-index.c),
 * with the files and folders it depends on and the problems found.
 */

typedef struct
{
  CbProject *self;
  GPtrArray *deps;     /* of filename */
  GArray    *problems; /* of Problem */
} Builder;

typedef struct
{
  CbSeverity  severity;
  char       *message;
} Problem;

static void
problem_clear (gpointer data)
{
  g_free (((Problem *)data)->message);
}

static void
builder_init (Builder   *b,
              CbProject *self)
{
  b->self = self;
  b->deps = g_ptr_array_new_with_free_func (g_free);
  b->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (b->problems, problem_clear);
}

static void
builder_problem (Builder    *b,
                 CbSeverity  severity,
                 char       *message)
{
  Problem problem = { severity, message };

  g_array_append_val (b->problems, problem);
}

static void
builder_node_problem (Builder      *b,
                      const CbNode *node,
                      const char   *format,
                      ...) G_GNUC_PRINTF (3, 4);

static void
builder_node_problem (Builder      *b,
                      const CbNode *node,
                      const char   *format,
                      ...)
{
  g_autofree char *location = cb_node_get_location (node);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  builder_problem (b, CB_SEVERITY_WARNING, g_strdup_printf ("%s: %s", location, message));
}

/* Takes the builder's state: returns a part of type CB_CONFIG_PART_TYPE */
static GVariant *
builder_end (Builder  *b,
             GVariant *data)
{
  g_autoptr(GVariant) deps = cb_config_index_make_deps (b->deps);
  GVariantBuilder problems;

  g_variant_builder_init (&problems, G_VARIANT_TYPE ("a(us)"));
  for (guint i = 0; i < b->problems->len; i++)
    {
      Problem *p = &g_array_index (b->problems, Problem, i);

      g_variant_builder_add (&problems, "(us)", p->severity, p->message);
    }

  g_ptr_array_unref (b->deps);
  g_array_unref (b->problems);

  return g_variant_ref_sink (g_variant_new ("(v@a(sx)a(us))", data, deps, &problems));
}

static void
builder_add_folder_problems (Builder   *b,
                             GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    builder_problem (b, CB_SEVERITY_WARNING, g_strdup (g_ptr_array_index (messages, i)));
}

static CbNode *
builder_read (Builder    *b,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  CbNode *root;

  b->self->n_config_reads++;
  g_ptr_array_add (b->deps, g_strdup (path));

  root = cb_yaml_load_file (path, &error);
  if (root == NULL)
    builder_problem (b, CB_SEVERITY_ERROR, g_strdup (error->message));

  return root;
}

static GVariant *
node_at_root (Builder    *b,
              CbNode     *node,
              const char *root)
{
  g_auto(GStrv) parts = root ? g_strsplit (root, ".", -1) : g_new0 (char *, 1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      CbNode *next = cb_node_lookup (node, parts[i]);

      if (next == NULL)
        {
          builder_node_problem (b, node, _("the file has no key “%s”; it is left out"), root);
          return NULL;
        }
      node = next;
    }

  if (cb_node_get_kind (node) != CB_NODE_MAPPING)
    {
      builder_node_problem (b, node, _("metadata must be a mapping, not %s; it is left out"),
                            cb_node_kind_to_string (cb_node_get_kind (node)));
      return NULL;
    }

  return cb_node_to_variant (node);
}

typedef struct
{
  Builder         *builder;
  CbMetadataSpec    *spec;
  GVariantBuilder *entries;
} MetadataGlob;

static void
add_metadata_file (const char *relative,
                   const char *absolute,
                   gpointer    user_data)
{
  MetadataGlob *data = user_data;
  g_autoptr(CbNode) root = builder_read (data->builder, absolute);
  g_autoptr(GVariant) entry = NULL;
  g_autofree char *stem = NULL;

  if (root == NULL)
    return;

  entry = node_at_root (data->builder, root, data->spec->root);
  if (entry == NULL)
    return;

  stem = cb_path_stem (relative);
  g_variant_builder_add (data->entries, "{sv}", stem, entry);
}

/* A metadata set: entries by name, as an a{sv} */
static GVariant *
build_metadata_part (CbProject    *self,
                     CbMetadataSpec *spec)
{
  g_autoptr(GPtrArray) folder_problems = g_ptr_array_new_with_free_func (g_free);
  GVariantBuilder entries;
  Builder b;

  builder_init (&b, self);
  g_variant_builder_init (&entries, G_VARIANT_TYPE_VARDICT);

  if (spec->glob != NULL)
    {
      MetadataGlob data = { &b, spec, &entries };

      cb_glob_full (self->root, spec->glob, add_metadata_file, &data, folder_problems, b.deps);
    }
  else if (spec->file != NULL)
    {
      g_autofree char *path = g_build_filename (self->root, spec->file, NULL);
      g_autoptr(CbNode) root = builder_read (&b, path);
      g_autoptr(GVariant) map = root ? node_at_root (&b, root, spec->root) : NULL;

      if (map != NULL)
        {
          GVariantIter iter;
          const char *key;
          GVariant *value;

          g_variant_iter_init (&iter, map);
          while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
            {
              g_variant_builder_add (&entries, "{sv}", key, value);
              g_variant_unref (value);
            }
        }
    }

  builder_add_folder_problems (&b, folder_problems);
  return builder_end (&b, g_variant_builder_end (&entries));
}

static void
add_stem (const char *relative,
          const char *absolute,
          gpointer    user_data)
{
  g_hash_table_add (user_data, cb_path_stem (relative));
}

/* A `stems:` and `values:` source: its sorted names, as an as */
static GVariant *
build_source_part (CbProject  *self,
                   CbSourceSpec *spec)
{
  g_autoptr(GPtrArray) folder_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree const char **sorted = NULL;
  guint n;
  Builder b;

  builder_init (&b, self);

  for (guint i = 0; spec->stems && spec->stems[i] != NULL; i++)
    {
      self->n_config_reads++;
      cb_glob_full (self->root, spec->stems[i], add_stem, names, folder_problems, b.deps);
    }
  for (guint i = 0; spec->values && spec->values[i] != NULL; i++)
    g_hash_table_add (names, g_strdup (spec->values[i]));

  sorted = (const char **)g_hash_table_get_keys_as_array (names, &n);
  g_qsort_with_data (sorted, n, sizeof (char *), _cb_project_compare_strings, NULL);

  builder_add_folder_problems (&b, folder_problems);
  return builder_end (&b, g_variant_new_strv (sorted, n));
}

/* Applying parts */

static void
add_part_problems (CbProject  *self,
                   const char *key,
                   GVariant   *part)
{
  g_autoptr(GVariant) problems = g_variant_get_child_value (part, 2);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  GVariantIter iter;
  const char *message;
  guint32 severity;

  g_variant_iter_init (&iter, problems);
  while (g_variant_iter_next (&iter, "(u&s)", &severity, &message))
    g_ptr_array_add (list, cb_diagnostic_new (severity, NULL, 0, 0, message));

  g_hash_table_replace (self->part_problems, g_strdup (key), list);
}

static void
apply_part (CbProject  *self,
            const char *key,
            GVariant   *part)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (part, 0);
  g_autoptr(GVariant) data = g_variant_get_variant (boxed);
  GHashTable *entries;
  GVariantIter iter;
  const char *entry_name;
  GVariant *entry;

  g_hash_table_replace (self->parts, g_strdup (key), g_variant_ref (part));
  add_part_problems (self, key, part);

  if (g_str_has_prefix (key, "source:"))
    {
      _cb_project_apply_source (self, key + strlen ("source:"), data);
      return;
    }

  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
  g_variant_iter_init (&iter, data);
  while (g_variant_iter_next (&iter, "{&sv}", &entry_name, &entry))
    g_hash_table_insert (entries, g_strdup (entry_name), entry);
  g_hash_table_replace (self->metadata, g_strdup (key + strlen ("metadata:")), entries);
}

static GVariant *
build_part (CbProject  *self,
            const char *key)
{
  if (g_str_has_prefix (key, "source:"))
    return build_source_part (self, g_hash_table_lookup (self->sources, key + strlen ("source:")));
  return build_metadata_part (self, g_hash_table_lookup (self->metadata_specs, key + strlen ("metadata:")));
}

/* The keys of the parts: the sources that are not `paths:` (checkpoints
 * are followed by their own models) and the metadata sets
 */
GPtrArray *
_cb_project_part_keys (CbProject *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((CbSourceSpec *)value)->paths == NULL)
      g_ptr_array_add (keys, g_strconcat ("source:", ((CbSourceSpec *)value)->name, NULL));

  g_hash_table_iter_init (&iter, self->metadata_specs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (keys, g_strconcat ("metadata:", ((CbMetadataSpec *)value)->name, NULL));

  return keys;
}

static void
save_index (CbProject *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_config_index_path (self->root);
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s" CB_CONFIG_PART_TYPE "}"));
  g_hash_table_iter_init (&iter, self->parts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&builder, "{s@" CB_CONFIG_PART_TYPE "}", key, value);

  /* A cache that cannot be written only makes the next start slower */
  if (!cb_config_index_save (path, g_variant_builder_end (&builder), &error))
    g_debug ("Cannot write the config index: %s", error->message);
}

/* The part @key from the index when it is still valid, else built anew */
static gboolean
load_part (CbProject  *self,
           GVariant   *index,
           const char *key)
{
  g_autoptr(GVariant) part = NULL;

  if (index != NULL)
    part = g_variant_lookup_value (index, key, G_VARIANT_TYPE (CB_CONFIG_PART_TYPE));

  if (part != NULL && cb_config_index_part_valid (part))
    {
      apply_part (self, key, part);
      return FALSE;
    }

  g_clear_pointer (&part, g_variant_unref);
  part = build_part (self, key);
  apply_part (self, key, part);
  return TRUE;
}

/**
 * cb_project_ensure_config:
 *
 * Makes the option sources and metadata sets available, once: from the
 * config index where it is still valid, else from the config tree (and
 * the index is updated). Problems in the files it reads are in
 * cb_project_get_config_diagnostics(); the rest of the tree stays usable.
 */
void
cb_project_ensure_config (CbProject *self)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GVariant) index = NULL;
  g_autofree char *index_path = NULL;
  gboolean rebuilt = FALSE;

  g_return_if_fail (CB_IS_PROJECT (self));

  if (self->config_loaded)
    return;
  self->config_loaded = TRUE;

  index_path = cb_config_index_path (self->root);
  index = cb_config_index_load (index_path);

  keys = _cb_project_part_keys (self);
  for (guint i = 0; i < keys->len; i++)
    rebuilt |= load_part (self, index, g_ptr_array_index (keys, i));

  if (rebuilt || index == NULL)
    save_index (self);

  _cb_project_add_checkpoint_models (self);
}

/**
 * cb_project_get_config_diagnostics:
 *
 * Returns: (transfer none) (element-type CbDiagnostic): problems found in
 *   the config tree
 */
GPtrArray *
cb_project_get_config_diagnostics (CbProject *self)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  cb_project_ensure_config (self);

  /* The problems of each part, in a stable order */
  g_ptr_array_set_size (self->config_diagnostics, 0);
  keys = _cb_project_part_keys (self);
  g_ptr_array_sort_with_data (keys, _cb_project_compare_strings, NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      GPtrArray *list = g_hash_table_lookup (self->part_problems, g_ptr_array_index (keys, i));

      for (guint k = 0; list != NULL && k < list->len; k++)
        g_ptr_array_add (self->config_diagnostics, cb_diagnostic_copy (g_ptr_array_index (list, k)));
    }

  return self->config_diagnostics;
}

/**
 * cb_project_get_metadata_entry:
 *
 * Returns: (transfer none) (nullable): the `a{sv}` entry @entry of the
 *   metadata set @set
 */
GVariant *
cb_project_get_metadata_entry (CbProject  *self,
                               const char *set,
                               const char *entry)
{
  GHashTable *entries;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (set == NULL || entry == NULL)
    return NULL;

  cb_project_ensure_config (self);
  entries = g_hash_table_lookup (self->metadata, set);
  return entries ? g_hash_table_lookup (entries, entry) : NULL;
}

/**
 * cb_project_get_n_config_reads:
 *
 * Returns: how many config files were read and folders listed to build
 *   sources and metadata sets; 0 when everything came from the index
 */
guint
cb_project_get_n_config_reads (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return self->n_config_reads;
}

/**
 * _cb_project_rebuild_stale_parts:
 *
 * Rebuilds the parts whose files changed since they were built, and
 * updates the index.
 *
 * Returns: (transfer full) (element-type utf8): the keys of the parts
 *   rebuilt
 */
GPtrArray *
_cb_project_rebuild_stale_parts (CbProject *self)
{
  g_autoptr(GPtrArray) keys = _cb_project_part_keys (self);
  GPtrArray *rebuilt = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      GVariant *part = g_hash_table_lookup (self->parts, key);
      g_autoptr(GVariant) fresh = NULL;

      if (part != NULL && cb_config_index_part_valid (part))
        continue;

      fresh = build_part (self, key);
      apply_part (self, key, fresh);
      g_ptr_array_add (rebuilt, g_strdup (key));
    }

  if (rebuilt->len > 0)
    save_index (self);

  return rebuilt;
}
