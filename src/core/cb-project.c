/* cb-project.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-project-private.h"

/**
 * CbProject:
 *
 * A project folder: its `cmdbuilder.yaml`, the command schemas it lists,
 * and the config tree that its option sources and metadata sets read.
 *
 * The project file is read when the project loads; the config tree is
 * read once, on first need, by cb_project_ensure_config().
 */

static void cb_project_name_lookup_init (CbNameLookupInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbProject, cb_project, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_NAME_LOOKUP,
                                                      cb_project_name_lookup_init))

enum {
  SOURCE_CHANGED,
  METADATA_CHANGED,
  SCHEMA_CHANGED,
  PROJECT_FILE_CHANGED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
source_spec_free (gpointer data)
{
  CbSourceSpec *spec = data;

  g_free (spec->name);
  g_strfreev (spec->stems);
  g_strfreev (spec->values);
  g_strfreev (spec->paths);
  g_free (spec);
}

static void
metadata_spec_free (gpointer data)
{
  CbMetadataSpec *spec = data;

  g_free (spec->name);
  g_free (spec->glob);
  g_free (spec->file);
  g_free (spec->root);
  g_free (spec);
}

static void
cb_project_finalize (GObject *object)
{
  CbProject *self = CB_PROJECT (object);

  g_free (self->root);
  g_free (self->file);
  g_free (self->name);
  g_free (self->schemas_dir);
  g_free (self->outputs_dir);
  g_strfreev (self->runner);
  g_strfreev (self->multirun_flag);
  g_strfreev (self->pages);
  g_free (self->progress_regex);
  g_clear_pointer (&self->metrics, cb_metrics_config_unref);
  g_clear_pointer (&self->slurm, cb_slurm_config_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->metadata_specs, g_hash_table_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->config_diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_hash_table_unref);
  g_clear_pointer (&self->part_problems, g_hash_table_unref);
  g_clear_pointer (&self->source_models, g_hash_table_unref);
  g_clear_pointer (&self->schemas, g_hash_table_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);

  G_OBJECT_CLASS (cb_project_parent_class)->finalize (object);
}

static void
cb_project_dispose (GObject *object)
{
  CbProject *self = CB_PROJECT (object);

  g_clear_pointer (&self->watch, cb_file_watch_free);

  G_OBJECT_CLASS (cb_project_parent_class)->dispose (object);
}

static void
cb_project_class_init (CbProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_project_dispose;
  object_class->finalize = cb_project_finalize;

  /**
   * CbProject::source-changed:
   * @name: the source
   *
   * The option list of a source changed on disk; its model is already up
   * to date. For a `paths:` source: checkpoints came or went, or its first
   * scan ended.
   */
  signals[SOURCE_CHANGED] =
    g_signal_new ("source-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CbProject::metadata-changed:
   * @name: the metadata set
   */
  signals[METADATA_CHANGED] =
    g_signal_new ("metadata-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CbProject::schema-changed:
   * @path: a schema file that was written, created or deleted
   */
  signals[SCHEMA_CHANGED] =
    g_signal_new ("schema-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CbProject::project-file-changed:
   *
   * The project file changed on disk: the project must be loaded again.
   */
  signals[PROJECT_FILE_CHANGED] =
    g_signal_new ("project-file-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CbProject::notice:
   * @message: a full sentence for the user
   *
   * Something the user should know once, such as checkpoint folders that
   * cannot be read or watched.
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cb_project_init (CbProject *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, source_spec_free);
  self->metadata_specs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, metadata_spec_free);
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  self->config_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  self->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
  self->part_problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_ptr_array_unref);
  self->source_models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         _cb_project_cached_schema_free);
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_hash_table_unref);
}

void
_cb_project_emit_source_changed (CbProject  *self,
                                 const char *name)
{
  g_signal_emit (self, signals[SOURCE_CHANGED], 0, name);
}

void
_cb_project_emit_metadata_changed (CbProject  *self,
                                   const char *name)
{
  g_signal_emit (self, signals[METADATA_CHANGED], 0, name);
}

void
_cb_project_emit_schema_changed (CbProject  *self,
                                 const char *path)
{
  g_signal_emit (self, signals[SCHEMA_CHANGED], 0, path);
}

void
_cb_project_emit_file_changed (CbProject *self)
{
  g_signal_emit (self, signals[PROJECT_FILE_CHANGED], 0);
}

void
_cb_project_emit_notice (CbProject  *self,
                         const char *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

/* Sorts arrays of strings, with g_ptr_array_sort_with_data() or
 * g_qsort_with_data()
 */
int
_cb_project_compare_strings (gconstpointer a,
                             gconstpointer b,
                             gpointer      user_data)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/**
 * cb_project_load:
 * @folder: the project folder
 *
 * Reads the project file `cmdbuilder.yaml` of @folder. A folder that does
 * not exist or has no project file, or a project file that is not valid
 * YAML, is an error; other problems are in cb_project_get_diagnostics().
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
CbProject *
cb_project_load (const char  *folder,
                 GError     **error)
{
  g_autoptr(CbProject) self = NULL;
  g_autoptr(CbNode) root = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  absolute = g_canonicalize_filename (folder, NULL);

  if (!g_file_test (absolute, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_NOT_FOUND, _("%s: no such folder"), folder);
      return NULL;
    }

  self = g_object_new (CB_TYPE_PROJECT, NULL);
  self->root = g_steal_pointer (&absolute);
  self->file = g_build_filename (self->root, CB_PROJECT_FILE, NULL);

  if (!g_file_test (self->file, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_NOT_FOUND,
                   _("%s: not a Command Builder project: it has no %s"),
                   folder, CB_PROJECT_FILE);
      return NULL;
    }

  root = cb_yaml_load_file (self->file, error);
  if (root == NULL)
    return NULL;

  _cb_project_read_file (self, root);

  return g_steal_pointer (&self);
}

/**
 * cb_project_reload:
 * @previous: the project as it was loaded before
 *
 * Loads the folder of @previous again, after its project file or its
 * schemas changed, and takes over from @previous what did not change: the
 * checkpoint lists of the `paths:` sources whose globs are the same, with
 * their monitors, so that no folder is listed again; and the loaded
 * schemas, when the names they were checked against are the same.
 * @previous no longer passes on the changes of the lists it gave up.
 *
 * Returns: (transfer full): the project, or %NULL with @error set, as for
 *   cb_project_load()
 */
CbProject *
cb_project_reload (CbProject  *previous,
                   GError    **error)
{
  g_autoptr(CbProject) self = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (previous), NULL);

  self = cb_project_load (previous->root, error);
  if (self == NULL)
    return NULL;

  _cb_project_take_checkpoint_models (self, previous);
  _cb_project_take_schemas (self, previous);

  return g_steal_pointer (&self);
}

const char *
cb_project_get_root (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->root;
}

const char *
cb_project_get_file (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->file;
}

const char *
cb_project_get_name (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->name;
}

const char *
cb_project_get_schemas_dir (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->schemas_dir;
}

const char *
cb_project_get_outputs_dir (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->outputs_dir;
}

const char * const *
cb_project_get_runner (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return (const char * const *)self->runner;
}

const char *
cb_project_get_progress_regex (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->progress_regex;
}

/**
 * cb_project_get_metrics_config:
 *
 * Returns: (transfer none): the project's `metrics` setting; one that
 *   sets nothing when the project file has none. A schema's own setting
 *   wins over it (cb_metrics_config_merge()).
 */
CbMetricsConfig *
cb_project_get_metrics_config (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->metrics;
}

/**
 * cb_project_get_diagnostics:
 *
 * Returns: (transfer none) (element-type CbDiagnostic): the problems of
 *   the project file
 */
GPtrArray *
cb_project_get_diagnostics (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->diagnostics;
}

gboolean
cb_project_has_source (CbProject  *self,
                       const char *name)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  return g_hash_table_contains (self->sources, name);
}

gboolean
cb_project_source_is_paths (CbProject  *self,
                            const char *name)
{
  CbSourceSpec *spec;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  spec = g_hash_table_lookup (self->sources, name);
  return spec != NULL && spec->paths != NULL;
}

/**
 * cb_project_get_source_paths:
 *
 * Returns: (nullable): the globs of a `paths:` source
 */
const char * const *
cb_project_get_source_paths (CbProject  *self,
                             const char *name)
{
  CbSourceSpec *spec;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  spec = g_hash_table_lookup (self->sources, name);
  return spec ? (const char * const *)spec->paths : NULL;
}

/**
 * cb_project_list_sources:
 *
 * Returns: (transfer full): the names of the sources, sorted
 */
char **
cb_project_list_sources (CbProject *self)
{
  g_autofree const char **names = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  names = (const char **)g_hash_table_get_keys_as_array (self->sources, NULL);
  g_qsort_with_data (names, g_hash_table_size (self->sources), sizeof (char *),
                     _cb_project_compare_strings, NULL);
  return g_strdupv ((char **)names);
}

gboolean
cb_project_has_metadata_set (CbProject  *self,
                             const char *name)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  return g_hash_table_contains (self->metadata_specs, name);
}

static gboolean
lookup_has_source (CbNameLookup *lookup,
                   const char   *name)
{
  return cb_project_has_source (CB_PROJECT (lookup), name);
}

static gboolean
lookup_source_is_paths (CbNameLookup *lookup,
                        const char   *name)
{
  return cb_project_source_is_paths (CB_PROJECT (lookup), name);
}

static gboolean
lookup_has_metadata_set (CbNameLookup *lookup,
                         const char   *name)
{
  return cb_project_has_metadata_set (CB_PROJECT (lookup), name);
}

/* Schemas are checked against the names the project file defines */
static void
cb_project_name_lookup_init (CbNameLookupInterface *iface)
{
  iface->has_source = lookup_has_source;
  iface->source_is_paths = lookup_source_is_paths;
  iface->has_metadata_set = lookup_has_metadata_set;
}

/**
 * cb_project_get_slurm_config:
 *
 * Returns: (transfer none): the project file's `slurm:` section; one
 *   that is not there (cb_slurm_config_is_present()) when the file has none
 */
CbSlurmConfig *
cb_project_get_slurm_config (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->slurm;
}
