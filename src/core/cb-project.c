/* cb-project.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-checkpoint-model.h"
#include "cb-config-index.h"
#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-glob.h"
#include "cb-option.h"
#include "cb-project.h"
#include "cb-translation.h"
#include "cb-yaml.h"

/**
 * CbProject:
 *
 * A project folder: its `cmdbuilder.yaml`, the command schemas it lists,
 * and the config tree that its option sources and metadata sets read.
 *
 * The project file is read when the project loads; the config tree is
 * read once, on first need, by cb_project_ensure_config().
 */

typedef struct
{
  char   *name;
  char  **stems;
  char  **values;
  char  **paths;
} SourceSpec;

typedef struct
{
  char  *name;
  char  *glob;
  char  *file;
  char  *root;
} MetadataSpec;

struct _CbProject
{
  GObject      parent_instance;

  char        *root;
  char        *file;
  char        *name;
  char        *schemas_dir;
  char        *outputs_dir;
  char       **runner;
  char       **multirun_flag;
  char        *progress_regex;
  GHashTable  *sources;        /* name → SourceSpec */
  GHashTable  *metadata_specs; /* name → MetadataSpec */
  GPtrArray   *diagnostics;

  gboolean     config_loaded;
  guint        n_config_reads;
  GHashTable  *parts;          /* "source:NAME" or "metadata:NAME" → part */
  GHashTable  *part_problems;  /* same keys → GPtrArray of CbDiagnostic */
  GPtrArray   *config_diagnostics;
  GHashTable  *monitors;       /* path → GFileMonitor */
  GHashTable  *schemas;        /* path → CachedSchema */
  GHashTable  *changed_schemas; /* paths */
  gboolean     config_changed;
  gboolean     project_file_changed;
  guint        flush_id;
  GHashTable  *source_models;  /* name → GListModel of CbOption */
  GHashTable  *metadata;       /* set → (entry → GVariant) */
};

G_DEFINE_FINAL_TYPE (CbProject, cb_project, G_TYPE_OBJECT)

typedef struct
{
  CbSchema *schema;
  gint64    size;
  gint64    mtime;
} CachedSchema;

static void
cached_schema_free (gpointer data)
{
  CachedSchema *cached = data;

  g_object_unref (cached->schema);
  g_free (cached);
}

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
  SourceSpec *spec = data;

  g_free (spec->name);
  g_strfreev (spec->stems);
  g_strfreev (spec->values);
  g_strfreev (spec->paths);
  g_free (spec);
}

static void
metadata_spec_free (gpointer data)
{
  MetadataSpec *spec = data;

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
  g_free (self->progress_regex);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->metadata_specs, g_hash_table_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->config_diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_hash_table_unref);
  g_clear_pointer (&self->part_problems, g_hash_table_unref);
  g_clear_pointer (&self->source_models, g_hash_table_unref);
  g_clear_pointer (&self->changed_schemas, g_hash_table_unref);
  g_clear_pointer (&self->schemas, g_hash_table_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);

  G_OBJECT_CLASS (cb_project_parent_class)->finalize (object);
}

static void
cb_project_dispose (GObject *object)
{
  CbProject *self = CB_PROJECT (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->monitors != NULL)
    {
      GHashTableIter iter;
      gpointer monitor;

      g_hash_table_iter_init (&iter, self->monitors);
      while (g_hash_table_iter_next (&iter, NULL, &monitor))
        {
          g_signal_handlers_disconnect_by_data (monitor, self);
          g_file_monitor_cancel (monitor);
        }
      g_clear_pointer (&self->monitors, g_hash_table_unref);
    }

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
  self->changed_schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_schema_free);
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_hash_table_unref);
}

/* Project file */

static void
report (GPtrArray    *diagnostics,
        CbSeverity    severity,
        const CbNode *node,
        const char   *format,
        ...) G_GNUC_PRINTF (4, 5);

static void
report (GPtrArray    *diagnostics,
        CbSeverity    severity,
        const CbNode *node,
        const char   *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (diagnostics,
                   cb_diagnostic_new (severity, cb_node_get_file (node), cb_node_get_line (node),
                                      cb_node_get_column (node), message));
}

static gboolean
read_string (CbProject  *self,
             CbNode     *map,
             const char *key,
             char      **out)
{
  CbNode *node = cb_node_lookup (map, key);

  if (node == NULL || cb_node_is_null (node))
    return FALSE;
  if (cb_node_get_kind (node) != CB_NODE_SCALAR || cb_node_get_scalar (node)[0] == '\0')
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, node, _("“%s” must be a non-empty text"), key);
      return FALSE;
    }

  g_free (*out);
  *out = g_strdup (cb_node_get_scalar (node));
  return TRUE;
}

static gboolean
add_list_item (CbProject  *self,
               GPtrArray  *items,
               CbNode     *item,
               const char *key,
               gboolean    globs)
{
  g_autoptr(GError) error = NULL;

  if (cb_node_get_kind (item) != CB_NODE_SCALAR || cb_node_is_null (item))
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, item, _("the items of “%s” must be texts"), key);
      return FALSE;
    }
  if (globs && !cb_glob_validate (cb_node_get_scalar (item), &error))
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, item, "%s", error->message);
      return FALSE;
    }

  g_ptr_array_add (items, g_strdup (cb_node_get_scalar (item)));
  return TRUE;
}

/* A text or a list of texts; globs are checked to stay in the project */
static char **
read_string_list (CbProject  *self,
                  CbNode     *node,
                  const char *key,
                  gboolean    globs)
{
  GPtrArray *items;

  if (node == NULL || cb_node_is_null (node))
    return NULL;

  items = g_ptr_array_new ();
  switch (cb_node_get_kind (node))
    {
    case CB_NODE_SCALAR:
      add_list_item (self, items, node, key, globs);
      break;

    case CB_NODE_SEQUENCE:
      for (guint i = 0; i < cb_node_get_n_children (node); i++)
        add_list_item (self, items, cb_node_get_child (node, i), key, globs);
      break;

    case CB_NODE_MAPPING:
    default:
      report (self->diagnostics, CB_SEVERITY_ERROR, node, _("“%s” must be a text or a list"), key);
      break;
    }
  g_ptr_array_add (items, NULL);

  return (char **)g_ptr_array_free (items, FALSE);
}

static void
warn_unknown_keys (CbProject          *self,
                   CbNode             *map,
                   const char * const *known,
                   const char         *where)
{
  for (guint i = 0; i < cb_node_get_n_children (map); i++)
    {
      CbNode *key = cb_node_get_key (map, i);
      const char *name = cb_node_get_scalar (key);

      g_autofree char *base = cb_translation_base (name);

      /* The project's name may be translated: `name[ko]` */
      if (g_strcmp0 (base, "name") == 0 && g_strv_contains (known, "name"))
        continue;

      if (name == NULL || !g_strv_contains (known, name))
        report (self->diagnostics, CB_SEVERITY_WARNING, key, _("unknown key “%s” in %s; it is ignored"),
                name ? name : "?", where);
    }
}

static void
load_sources (CbProject *self,
              CbNode    *sources)
{
  static const char * const known[] = { "stems", "values", "paths", NULL };

  if (cb_node_get_kind (sources) != CB_NODE_MAPPING)
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, sources,
              _("“sources” must be a mapping of names to sources"));
      return;
    }

  for (guint i = 0; i < cb_node_get_n_children (sources); i++)
    {
      CbNode *key = cb_node_get_key (sources, i);
      CbNode *node = cb_node_get_child (sources, i);
      SourceSpec *spec;

      if (cb_node_get_kind (key) != CB_NODE_SCALAR)
        continue;

      if (cb_node_get_kind (node) != CB_NODE_MAPPING)
        {
          report (self->diagnostics, CB_SEVERITY_ERROR, node,
                  _("the source “%s” must be a mapping with “stems”, “values” or “paths”"),
                  cb_node_get_scalar (key));
          continue;
        }

      warn_unknown_keys (self, node, known, _("a source"));

      spec = g_new0 (SourceSpec, 1);
      spec->name = g_strdup (cb_node_get_scalar (key));
      spec->stems = read_string_list (self, cb_node_lookup (node, "stems"), "stems", TRUE);
      spec->values = read_string_list (self, cb_node_lookup (node, "values"), "values", FALSE);
      spec->paths = read_string_list (self, cb_node_lookup (node, "paths"), "paths", TRUE);

      if (spec->stems == NULL && spec->values == NULL && spec->paths == NULL)
        report (self->diagnostics, CB_SEVERITY_ERROR, node,
                _("the source “%s” needs “stems”, “values” or “paths”"), spec->name);
      else if (spec->paths != NULL && (spec->stems != NULL || spec->values != NULL))
        report (self->diagnostics, CB_SEVERITY_ERROR, node,
                _("the source “%s” cannot combine “paths” with “stems” or “values”"), spec->name);

      g_hash_table_replace (self->sources, spec->name, spec);
    }
}

static void
load_metadata_specs (CbProject *self,
                     CbNode    *metadata)
{
  static const char * const known[] = { "glob", "file", "root", NULL };

  if (cb_node_get_kind (metadata) != CB_NODE_MAPPING)
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, metadata,
              _("“metadata” must be a mapping of names to metadata sets"));
      return;
    }

  for (guint i = 0; i < cb_node_get_n_children (metadata); i++)
    {
      CbNode *key = cb_node_get_key (metadata, i);
      CbNode *node = cb_node_get_child (metadata, i);
      MetadataSpec *spec;
      g_autoptr(GError) error = NULL;

      if (cb_node_get_kind (key) != CB_NODE_SCALAR)
        continue;

      if (cb_node_get_kind (node) != CB_NODE_MAPPING)
        {
          report (self->diagnostics, CB_SEVERITY_ERROR, node,
                  _("the metadata set “%s” must be a mapping with “glob” or “file”"),
                  cb_node_get_scalar (key));
          continue;
        }

      warn_unknown_keys (self, node, known, _("a metadata set"));

      spec = g_new0 (MetadataSpec, 1);
      spec->name = g_strdup (cb_node_get_scalar (key));
      read_string (self, node, "glob", &spec->glob);
      read_string (self, node, "file", &spec->file);
      read_string (self, node, "root", &spec->root);

      if ((spec->glob == NULL) == (spec->file == NULL))
        report (self->diagnostics, CB_SEVERITY_ERROR, node,
                _("the metadata set “%s” needs either “glob” or “file”"), spec->name);
      else if (!cb_glob_validate (spec->glob ? spec->glob : spec->file, &error))
        report (self->diagnostics, CB_SEVERITY_ERROR,
                cb_node_lookup (node, spec->glob ? "glob" : "file"), "%s", error->message);

      g_hash_table_replace (self->metadata_specs, spec->name, spec);
    }
}

static void
load_project_file (CbProject *self,
                   CbNode    *root)
{
  static const char * const known[] = {
    "name", "schemas", "runner", "outputs", "sources", "metadata", "progress_regex",
    "multirun_flag", NULL
  };
  g_autofree char *schemas = g_strdup ("schemas");
  g_autofree char *outputs = g_strdup ("outputs");
  g_auto(GStrv) translations = NULL;
  CbNode *node;

  if (cb_node_is_null (root))
    goto done;

  if (cb_node_get_kind (root) != CB_NODE_MAPPING)
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, root,
              _("the project file must be a mapping, not %s"),
              cb_node_kind_to_string (cb_node_get_kind (root)));
      goto done;
    }

  warn_unknown_keys (self, root, known, _("the project file"));

  read_string (self, root, "name", &self->name);
  translations = cb_translation_keys ("name");
  for (guint i = 0; translations[i] != NULL; i++)
    {
      /* A translation that is not a text is ignored, as a missing one */
      node = cb_node_lookup (root, translations[i]);
      if (node != NULL && cb_node_get_kind (node) == CB_NODE_SCALAR && !cb_node_is_null (node) &&
          cb_node_get_scalar (node)[0] != '\0')
        {
          g_free (self->name);
          self->name = g_strdup (cb_node_get_scalar (node));
          break;
        }
    }
  read_string (self, root, "schemas", &schemas);
  read_string (self, root, "outputs", &outputs);

  node = cb_node_lookup (root, "runner");
  if (node != NULL && cb_node_get_kind (node) == CB_NODE_SCALAR && !cb_node_is_null (node))
    {
      g_autoptr(GError) error = NULL;

      if (!g_shell_parse_argv (cb_node_get_scalar (node), NULL, &self->runner, &error))
        report (self->diagnostics, CB_SEVERITY_ERROR, node,
                _("“runner” cannot be split into arguments: %s"), error->message);
    }
  else if (node != NULL)
    self->runner = read_string_list (self, node, "runner", FALSE);

  if ((node = cb_node_lookup (root, "multirun_flag")) != NULL && !cb_node_is_null (node))
    self->multirun_flag = read_string_list (self, node, "multirun_flag", FALSE);

  if (read_string (self, root, "progress_regex", &self->progress_regex))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GRegex) regex = g_regex_new (self->progress_regex, 0, 0, &error);

      if (regex == NULL)
        report (self->diagnostics, CB_SEVERITY_ERROR, cb_node_lookup (root, "progress_regex"),
                _("“progress_regex” is not a valid regular expression: %s"), error->message);
    }

  if ((node = cb_node_lookup (root, "sources")) != NULL && !cb_node_is_null (node))
    load_sources (self, node);
  if ((node = cb_node_lookup (root, "metadata")) != NULL && !cb_node_is_null (node))
    load_metadata_specs (self, node);

done:
  self->schemas_dir = g_build_filename (self->root, schemas, NULL);
  self->outputs_dir = g_build_filename (self->root, outputs, NULL);
  if (self->name == NULL)
    self->name = g_path_get_basename (self->root);
  if (self->runner == NULL || self->runner[0] == NULL)
    {
      const char * const fallback[] = { "python3", "runners/{id}.py", NULL };

      g_strfreev (self->runner);
      self->runner = g_strdupv ((char **)fallback);
    }
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
  g_autoptr(GError) local_error = NULL;
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

  load_project_file (self, root);

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
  SourceSpec *spec;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  spec = g_hash_table_lookup (self->sources, name);
  return spec != NULL && spec->paths != NULL;
}

/**
 * cb_project_source_is_loading:
 *
 * Returns: whether the source @name is a `paths:` source whose first scan
 *   has not ended: a checkpoint missing from it may still come
 */
gboolean
cb_project_source_is_loading (CbProject  *self,
                              const char *name)
{
  GListModel *model;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  model = g_hash_table_lookup (self->source_models, name);
  return CB_IS_CHECKPOINT_MODEL (model) &&
         cb_checkpoint_model_get_loading (CB_CHECKPOINT_MODEL (model));
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
  SourceSpec *spec;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  spec = g_hash_table_lookup (self->sources, name);
  return spec ? (const char * const *)spec->paths : NULL;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static int
compare_paths_with_data (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return compare_paths (a, b);
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
                     compare_paths_with_data, NULL);
  return g_strdupv ((char **)names);
}

gboolean
cb_project_has_metadata_set (CbProject  *self,
                             const char *name)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  return g_hash_table_contains (self->metadata_specs, name);
}

/**
 * cb_project_list_schema_files:
 *
 * Returns: (transfer full): the paths of the `.yaml` and `.yml` files of
 *   the schemas folder, in file-name order, or %NULL with @error set
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
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);

  return (char **)g_ptr_array_free (paths, FALSE);
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

/* Config tree */

/**
 * cb_variant_lookup_path:
 * @dict: (nullable): an `a{sv}` dictionary
 * @path: a dotted key, such as `learning_rate.help`
 *
 * Returns: (transfer full) (nullable): the value found by walking @path
 *   into nested dictionaries, unboxed from its variant
 */
GVariant *
cb_variant_lookup_path (GVariant   *dict,
                        const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GVariant) current = NULL;

  if (dict == NULL)
    return NULL;
  if (path == NULL)
    return g_variant_ref (dict);

  parts = g_strsplit (path, ".", -1);
  current = g_variant_ref (dict);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GVariant *next;

      if (!g_variant_is_of_type (current, G_VARIANT_TYPE_VARDICT))
        return NULL;
      next = g_variant_lookup_value (current, parts[i], NULL);
      if (next == NULL)
        return NULL;
      g_variant_unref (current);
      current = next;
    }

  /* Nulls in YAML are empty maybes */
  if (g_variant_is_of_type (current, G_VARIANT_TYPE_MAYBE))
    return NULL;

  return g_steal_pointer (&current);
}

/**
 * cb_variant_lookup_text:
 * @dict: (nullable): a dictionary of type `a{sv}`
 * @path: a dotted key, such as `learning_rate.help`
 *
 * Like cb_variant_lookup_path(), for a text the user reads: a translation
 * next to it, `help[ko]` for `help`, wins for the first of the user's
 * languages that has one.
 *
 * Returns: (transfer full) (nullable): the value found
 */
GVariant *
cb_variant_lookup_text (GVariant   *dict,
                        const char *path)
{
  g_auto(GStrv) keys = NULL;

  if (dict == NULL || path == NULL)
    return cb_variant_lookup_path (dict, path);

  keys = cb_translation_keys (path);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) v = cb_variant_lookup_path (dict, keys[i]);

      if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        return g_steal_pointer (&v);
    }

  return cb_variant_lookup_path (dict, path);
}

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
  MetadataSpec    *spec;
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
                     MetadataSpec *spec)
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
                   SourceSpec *spec)
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
  g_qsort_with_data (sorted, n, sizeof (char *), compare_paths_with_data, NULL);

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

/* Brings a source's list up to date in place: the same model, with an
 * items-changed for each run of names that came or went, so that a
 * drop-down over it keeps its selection.
 */
static void
update_source_model (GListStore *store,
                     GVariant   *names)
{
  g_autofree const char **wanted = g_variant_get_strv (names, NULL);
  guint i = 0;
  guint k = 0;

  while (wanted[k] != NULL || i < g_list_model_get_n_items (G_LIST_MODEL (store)))
    {
      g_autoptr(CbOption) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      int cmp;

      if (item == NULL)
        cmp = 1;
      else if (wanted[k] == NULL)
        cmp = -1;
      else
        cmp = strcmp (cb_option_get_value (item), wanted[k]);

      if (cmp == 0)
        {
          i++;
          k++;
        }
      else if (cmp < 0)
        g_list_store_remove (store, i);
      else
        {
          g_autoptr(CbOption) option = cb_option_new (wanted[k], NULL);

          g_list_store_insert (store, i, option);
          i++;
          k++;
        }
    }
}

static void
apply_part (CbProject  *self,
            const char *key,
            GVariant   *part)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (part, 0);
  g_autoptr(GVariant) data = g_variant_get_variant (boxed);

  g_hash_table_replace (self->parts, g_strdup (key), g_variant_ref (part));
  add_part_problems (self, key, part);

  if (g_str_has_prefix (key, "source:"))
    {
      const char *name = key + strlen ("source:");
      GListStore *store = g_hash_table_lookup (self->source_models, name);

      if (store == NULL)
        {
          store = g_list_store_new (CB_TYPE_OPTION);
          g_hash_table_insert (self->source_models, g_strdup (name), store);
        }
      update_source_model (store, data);
    }
  else
    {
      const char *name = key + strlen ("metadata:");
      GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify)g_variant_unref);
      GVariantIter iter;
      const char *entry_name;
      GVariant *entry;

      g_variant_iter_init (&iter, data);
      while (g_variant_iter_next (&iter, "{&sv}", &entry_name, &entry))
        g_hash_table_insert (entries, g_strdup (entry_name), entry);
      g_hash_table_replace (self->metadata, g_strdup (name), entries);
    }
}

static GVariant *
build_part (CbProject  *self,
            const char *key)
{
  if (g_str_has_prefix (key, "source:"))
    return build_source_part (self, g_hash_table_lookup (self->sources, key + strlen ("source:")));
  return build_metadata_part (self, g_hash_table_lookup (self->metadata_specs, key + strlen ("metadata:")));
}

static GPtrArray *
part_keys (CbProject *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((SourceSpec *)value)->paths == NULL)
      g_ptr_array_add (keys, g_strconcat ("source:", ((SourceSpec *)value)->name, NULL));

  g_hash_table_iter_init (&iter, self->metadata_specs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (keys, g_strconcat ("metadata:", ((MetadataSpec *)value)->name, NULL));

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

/* A checkpoint model follows its folders itself: its changes, and the end
 * of its first scan, are its source's changes
 */
static void
emit_checkpoints_changed (CbProject         *self,
                          CbCheckpointModel *model)
{
  g_signal_emit (self, signals[SOURCE_CHANGED], 0, g_object_get_data (G_OBJECT (model), "cb-source"));
}

static void
on_checkpoints_changed (CbProject         *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        CbCheckpointModel *model)
{
  emit_checkpoints_changed (self, model);
}

static void
on_checkpoints_loading (CbProject         *self,
                        GParamSpec        *pspec,
                        CbCheckpointModel *model)
{
  emit_checkpoints_changed (self, model);
}

static void
on_checkpoints_notice (CbProject         *self,
                       const char        *message,
                       CbCheckpointModel *model)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
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
  GHashTableIter iter;
  gpointer value;
  gboolean rebuilt = FALSE;

  g_return_if_fail (CB_IS_PROJECT (self));

  if (self->config_loaded)
    return;
  self->config_loaded = TRUE;

  index_path = cb_config_index_path (self->root);
  index = cb_config_index_load (index_path);

  keys = part_keys (self);
  for (guint i = 0; i < keys->len; i++)
    rebuilt |= load_part (self, index, g_ptr_array_index (keys, i));

  if (rebuilt || index == NULL)
    save_index (self);

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SourceSpec *spec = value;

      /* Scanned on first use: at once when the project is not watched,
       * else on worker threads when cb_project_watch() starts it
       */
      if (spec->paths != NULL)
        {
          CbCheckpointModel *model = cb_checkpoint_model_new (self->root, (const char * const *)spec->paths);

          g_object_set_data_full (G_OBJECT (model), "cb-source", g_strdup (spec->name), g_free);
          /* After every list that wraps the model (a drop-down's filter
           * and selection) has taken the change: what source-changed
           * sets off, such as selecting a new checkpoint, must find
           * those lists current
           */
          g_signal_connect_object (model, "items-changed", G_CALLBACK (on_checkpoints_changed),
                                   self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
          g_signal_connect_object (model, "notify::loading", G_CALLBACK (on_checkpoints_loading),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (model, "notice", G_CALLBACK (on_checkpoints_notice),
                                   self, G_CONNECT_SWAPPED);
          g_hash_table_insert (self->source_models, g_strdup (spec->name), model);
        }
    }
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
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  cb_project_ensure_config (self);

  /* The problems of each part, in a stable order */
  g_ptr_array_set_size (self->config_diagnostics, 0);
  {
    g_autoptr(GPtrArray) keys = part_keys (self);

    g_ptr_array_sort (keys, compare_paths);
    for (guint i = 0; i < keys->len; i++)
      {
        GPtrArray *list = g_hash_table_lookup (self->part_problems, g_ptr_array_index (keys, i));

        for (guint k = 0; list != NULL && k < list->len; k++)
          g_ptr_array_add (self->config_diagnostics, cb_diagnostic_copy (g_ptr_array_index (list, k)));
      }
  }
  return self->config_diagnostics;
}

/**
 * cb_project_get_source:
 *
 * Returns: (transfer none) (nullable): the options of the source @name, a
 *   list model of #CbOption; for a `paths:` source a #CbCheckpointModel,
 *   scanned at once when the project is not watched
 */
GListModel *
cb_project_get_source (CbProject  *self,
                       const char *name)
{
  GListModel *model;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  cb_project_ensure_config (self);
  model = g_hash_table_lookup (self->source_models, name);

  /* A project that is not watched needs its checkpoints now */
  if (CB_IS_CHECKPOINT_MODEL (model) &&
      !cb_checkpoint_model_get_started (CB_CHECKPOINT_MODEL (model)) &&
      cb_checkpoint_model_get_n_scans (CB_CHECKPOINT_MODEL (model)) == 0)
    cb_checkpoint_model_scan_sync (CB_CHECKPOINT_MODEL (model));

  return model;
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

/* Watching for changes */

static void watch_path (CbProject  *self,
                        const char *path,
                        gboolean    folder);

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
    watch_path (self, path, !g_str_has_suffix (path, ".yaml") && !g_str_has_suffix (path, ".yml"));
}

/* Rebuilds the parts whose files changed, and says which */
static gboolean
flush_changes (gpointer user_data)
{
  CbProject *self = user_data;
  g_autoptr(GPtrArray) keys = part_keys (self);
  g_autoptr(GPtrArray) schemas = NULL;
  gboolean rebuilt = FALSE;

  self->flush_id = 0;

  if (self->project_file_changed)
    {
      self->project_file_changed = FALSE;
      self->config_changed = FALSE;
      g_hash_table_remove_all (self->changed_schemas);
      g_signal_emit (self, signals[PROJECT_FILE_CHANGED], 0);
      return G_SOURCE_REMOVE;
    }

  if (self->config_changed)
    {
      self->config_changed = FALSE;

      for (guint i = 0; i < keys->len; i++)
        {
          const char *key = g_ptr_array_index (keys, i);
          GVariant *part = g_hash_table_lookup (self->parts, key);
          g_autoptr(GVariant) fresh = NULL;

          if (part != NULL && cb_config_index_part_valid (part))
            continue;

          fresh = build_part (self, key);
          apply_part (self, key, fresh);
          watch_part (self, fresh);
          rebuilt = TRUE;

          if (g_str_has_prefix (key, "source:"))
            g_signal_emit (self, signals[SOURCE_CHANGED], 0, key + strlen ("source:"));
          else
            g_signal_emit (self, signals[METADATA_CHANGED], 0, key + strlen ("metadata:"));
        }

      if (rebuilt)
        save_index (self);
    }

  schemas = g_ptr_array_new_with_free_func (g_free);
  {
    GHashTableIter iter;
    gpointer path;

    g_hash_table_iter_init (&iter, self->changed_schemas);
    while (g_hash_table_iter_next (&iter, &path, NULL))
      g_ptr_array_add (schemas, g_strdup (path));
    g_hash_table_remove_all (self->changed_schemas);
  }
  g_ptr_array_sort (schemas, compare_paths);
  for (guint i = 0; i < schemas->len; i++)
    g_signal_emit (self, signals[SCHEMA_CHANGED], 0, g_ptr_array_index (schemas, i));

  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    CbProject         *self)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *parent = g_path_get_dirname (path);

  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  if (g_strcmp0 (path, self->file) == 0 ||
      (other != NULL && g_strcmp0 (g_file_peek_path (other), self->file) == 0))
    self->project_file_changed = TRUE;
  else if (g_strcmp0 (parent, self->schemas_dir) == 0 &&
           (g_str_has_suffix (path, ".yaml") || g_str_has_suffix (path, ".yml")))
    g_hash_table_add (self->changed_schemas, g_steal_pointer (&path));
  else
    self->config_changed = TRUE;

  if (other != NULL)
    {
      const char *other_path = g_file_peek_path (other);
      g_autofree char *other_parent = other_path ? g_path_get_dirname (other_path) : NULL;

      if (g_strcmp0 (other_parent, self->schemas_dir) == 0 &&
          (g_str_has_suffix (other_path, ".yaml") || g_str_has_suffix (other_path, ".yml")))
        g_hash_table_add (self->changed_schemas, g_strdup (other_path));
    }

  /* Editors write in bursts: wait until they are done */
  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->flush_id = g_timeout_add (100, flush_changes, self);
}

static void
watch_path (CbProject  *self,
            const char *path,
            gboolean    folder)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  if (g_hash_table_contains (self->monitors, path))
    return;

  file = g_file_new_for_path (path);
  monitor = folder ? g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error)
                   : g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return;
    }

  g_signal_connect (monitor, "changed", G_CALLBACK (on_monitor_changed), self);
  g_hash_table_insert (self->monitors, g_strdup (path), monitor);
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

  if (self->monitors != NULL)
    return;

  cb_project_ensure_config (self);
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  watch_path (self, self->file, FALSE);
  watch_path (self, self->schemas_dir, TRUE);

  g_hash_table_iter_init (&iter, self->parts);
  while (g_hash_table_iter_next (&iter, NULL, &part))
    watch_part (self, part);

  /* Checkpoints: scanned on worker threads, then followed by their own
   * monitors
   */
  g_hash_table_iter_init (&iter, self->source_models);
  while (g_hash_table_iter_next (&iter, NULL, &part))
    if (CB_IS_CHECKPOINT_MODEL (part))
      cb_checkpoint_model_start (part);
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

  schema = cb_schema_load (path, self, error);
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
