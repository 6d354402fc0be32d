/* cb-project-file.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-glob.h"
#include "cb-project-private.h"
#include "cb-translation.h"

/* The project file, `cmdbuilder.yaml`: where the schemas and outputs are,
 * the runner, and the names of the option sources and metadata sets with
 * the globs they read. Every problem is a located diagnostic; the project
 * falls back to defaults for what it cannot use.
 */

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
  /* The project's name may be translated: `name[ko]` */
  static const char * const translatable[] = { "name", NULL };
  g_autoptr(GPtrArray) unknown = cb_node_get_unknown_keys (map, known, translatable);

  for (guint i = 0; i < unknown->len; i++)
    {
      const char *name = cb_node_get_scalar (g_ptr_array_index (unknown, i));

      report (self->diagnostics, CB_SEVERITY_WARNING, g_ptr_array_index (unknown, i),
              _("unknown key “%s” in %s; it is ignored"), name ? name : "?", where);
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
      CbSourceSpec *spec;

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

      spec = g_new0 (CbSourceSpec, 1);
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
      CbMetadataSpec *spec;
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

      spec = g_new0 (CbMetadataSpec, 1);
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

/* The project's name may be translated: `name[ko]` */
static void
read_name (CbProject *self,
           CbNode    *root)
{
  g_auto(GStrv) translations = cb_translation_keys ("name");

  read_string (self, root, "name", &self->name);
  for (guint i = 0; translations[i] != NULL; i++)
    {
      CbNode *node = cb_node_lookup (root, translations[i]);

      /* A translation that is not a text is ignored, as a missing one */
      if (node != NULL && cb_node_get_kind (node) == CB_NODE_SCALAR && !cb_node_is_null (node) &&
          cb_node_get_scalar (node)[0] != '\0')
        {
          g_free (self->name);
          self->name = g_strdup (cb_node_get_scalar (node));
          return;
        }
    }
}

/* A command line, split as a shell would, or a list of arguments */
static void
read_runner (CbProject *self,
             CbNode    *root)
{
  CbNode *node = cb_node_lookup (root, "runner");

  if (node != NULL && cb_node_get_kind (node) == CB_NODE_SCALAR && !cb_node_is_null (node))
    {
      g_autoptr(GError) error = NULL;

      if (!g_shell_parse_argv (cb_node_get_scalar (node), NULL, &self->runner, &error))
        report (self->diagnostics, CB_SEVERITY_ERROR, node,
                _("“runner” cannot be split into arguments: %s"), error->message);
    }
  else if (node != NULL)
    self->runner = read_string_list (self, node, "runner", FALSE);
}

static void
read_progress_regex (CbProject *self,
                     CbNode    *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;

  if (!read_string (self, root, "progress_regex", &self->progress_regex))
    return;

  regex = g_regex_new (self->progress_regex, 0, 0, &error);
  if (regex == NULL)
    report (self->diagnostics, CB_SEVERITY_ERROR, cb_node_lookup (root, "progress_regex"),
            _("“progress_regex” is not a valid regular expression: %s"), error->message);
}

/* The app writes its logs and history under the outputs folder: it must
 * not lead out of the project (symbolic links are checked when the app
 * writes, see cb_project_ensure_private_dir())
 */
static void
read_outputs (CbProject *self,
              CbNode    *root)
{
  g_auto(GStrv) parts = NULL;

  if (!read_string (self, root, "outputs", &self->outputs_dir))
    return;

  parts = g_strsplit (self->outputs_dir, "/", -1);
  if (g_path_is_absolute (self->outputs_dir) || g_strv_contains ((const char * const *)parts, ".."))
    {
      report (self->diagnostics, CB_SEVERITY_ERROR, cb_node_lookup (root, "outputs"),
              _("“outputs” must be a folder inside the project folder, not “%s”"), self->outputs_dir);
      g_clear_pointer (&self->outputs_dir, g_free);
    }
}

static void
read_mapping (CbProject *self,
              CbNode    *root)
{
  static const char * const known[] = {
    "name", "schemas", "pages", "runner", "outputs", "sources", "metadata", "progress_regex",
    "multirun_flag", "metrics", "slurm", NULL
  };
  CbNode *node;

  warn_unknown_keys (self, root, known, _("the project file"));

  read_name (self, root);
  read_string (self, root, "schemas", &self->schemas_dir);
  self->pages = read_string_list (self, cb_node_lookup (root, "pages"), "pages", FALSE);
  read_outputs (self, root);
  read_runner (self, root);
  if ((node = cb_node_lookup (root, "multirun_flag")) != NULL && !cb_node_is_null (node))
    self->multirun_flag = read_string_list (self, node, "multirun_flag", FALSE);
  read_progress_regex (self, root);
  self->metrics = cb_metrics_config_load (cb_node_lookup (root, "metrics"), self->diagnostics);

  if ((node = cb_node_lookup (root, "sources")) != NULL && !cb_node_is_null (node))
    load_sources (self, node);
  if ((node = cb_node_lookup (root, "metadata")) != NULL && !cb_node_is_null (node))
    load_metadata_specs (self, node);
  if ((node = cb_node_lookup (root, "slurm")) != NULL)
    self->slurm = cb_slurm_config_parse (node, self->diagnostics);
}

/* Makes the folders absolute and fills in what the file did not say */
static void
apply_defaults (CbProject *self)
{
  g_autofree char *schemas = g_steal_pointer (&self->schemas_dir);
  g_autofree char *outputs = g_steal_pointer (&self->outputs_dir);

  self->schemas_dir = g_build_filename (self->root, schemas ? schemas : "schemas", NULL);
  self->outputs_dir = g_build_filename (self->root, outputs ? outputs : "outputs", NULL);
  if (self->name == NULL)
    self->name = g_path_get_basename (self->root);
  if (self->metrics == NULL)
    self->metrics = cb_metrics_config_new ();
  if (self->slurm == NULL)
    self->slurm = cb_slurm_config_new ();
  if (self->runner == NULL || self->runner[0] == NULL)
    {
      const char * const fallback[] = { "python3", "runners/{id}.py", NULL };

      g_strfreev (self->runner);
      self->runner = g_strdupv ((char **)fallback);
    }
}

/* Each page the project file names is a schema file: a name that is none
 * is a mistake to point at (the file renamed, say)
 */
static void
check_pages (CbProject *self,
             CbNode    *root)
{
  CbNode *node = cb_node_lookup (root, "pages");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (self->pages == NULL || node == NULL || cb_node_get_kind (node) != CB_NODE_SEQUENCE ||
      (dir = g_dir_open (self->schemas_dir, 0, NULL)) == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (self->schemas_dir, name, NULL));

  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      CbNode *item = cb_node_get_child (node, i);
      const char *page = cb_node_get_scalar (item);
      gboolean found = FALSE;

      for (guint k = 0; page != NULL && k < files->len && !found; k++)
        found = _cb_project_page_matches (page, g_ptr_array_index (files, k));
      if (page != NULL && !found)
        report (self->diagnostics, CB_SEVERITY_WARNING, item,
                _("“pages” names “%s”, which is no schema file of %s; it is left out"),
                page, self->schemas_dir);
    }
}

/**
 * _cb_project_read_file:
 * @root: the parsed project file
 *
 * Sets the project's settings from its project file; problems go to the
 * project's diagnostics.
 */
void
_cb_project_read_file (CbProject *self,
                       CbNode    *root)
{
  /* An empty file is a project with every default */
  if (cb_node_get_kind (root) == CB_NODE_MAPPING)
    read_mapping (self, root);
  else if (!cb_node_is_null (root))
    report (self->diagnostics, CB_SEVERITY_ERROR, root,
            _("the project file must be a mapping, not %s"),
            cb_node_kind_to_string (cb_node_get_kind (root)));

  apply_defaults (self);
  if (cb_node_get_kind (root) == CB_NODE_MAPPING)
    check_pages (self, root);
}
