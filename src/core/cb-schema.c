/* cb-schema.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-glob.h"
#include "cb-schema-private.h"

/**
 * CbSchema:
 *
 * A command schema: one YAML file describing one page of the form, its
 * fields and how they become the command. Loading never stops at the first
 * problem: every problem is collected as a #CbDiagnostic with its location.
 * Warnings leave the schema usable; errors do not.
 */

G_DEFINE_FINAL_TYPE (CbSchema, cb_schema, G_TYPE_OBJECT)

static void
cb_schema_finalize (GObject *object)
{
  CbSchema *self = CB_SCHEMA (object);

  g_free (self->path);
  g_free (self->id);
  g_free (self->label);
  g_free (self->title);
  g_free (self->description);
  g_strfreev (self->command);
  g_strfreev (self->constant_overrides);
  g_free (self->progress_regex);
  g_clear_pointer (&self->emit_defaults, cb_expr_unref);
  g_strfreev (self->multirun_flag);
  g_clear_pointer (&self->metrics, cb_metrics_config_unref);
  g_free (self->resume_checkpoint);
  g_free (self->resume_toggle);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->fields_by_key, g_hash_table_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_schema_parent_class)->finalize (object);
}

static void
cb_schema_class_init (CbSchemaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_schema_finalize;
}

static void
cb_schema_init (CbSchema *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_field_unref);
  self->fields_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  self->metrics = cb_metrics_config_new ();
}

static const char * const schema_keys[] = {
  "id", "title", "label", "description", "command", "constant_overrides", "ui_elements",
  "progress_regex", "emit_defaults", "multirun_flag", "metrics", "resume", NULL
};

static void
check_key_reference (CbSchemaLoader *loader,
                     CbField        *field,
                     const char     *key,
                     const char     *what)
{
  if (g_hash_table_contains (loader->schema->fields_by_key, key))
    return;

  _cb_schema_report_field (loader, field, _("“%s” of “%s” names “%s”, which is not a field of this schema"),
                           what, field->key, key);
}

static void
check_references (CbSchemaLoader *loader)
{
  for (guint i = 0; i < loader->pending->len; i++)
    {
      CbSchemaPending *p = g_ptr_array_index (loader->pending, i);
      const char * const *keys = cb_expr_get_keys (p->expr);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          const char *text = cb_node_get_scalar (p->node);
          const char *at;

          if (g_hash_table_contains (loader->schema->fields_by_key, keys[k]))
            continue;

          /* Point at the key inside the expression */
          at = strstr (text, keys[k]);
          _cb_schema_report (loader, CB_SEVERITY_ERROR, p->node,
                             (at ? (guint)g_utf8_strlen (text, at - text) : 0) + (cb_node_is_plain (p->node) ? 0 : 1),
                             _("in “%s” of “%s”: unknown key “%s”"), p->what,
                             p->field ? p->field->key : cb_schema_get_id (loader->schema), keys[k]);
        }
    }

  for (guint i = 0; i < loader->schema->fields->len; i++)
    {
      CbField *field = g_ptr_array_index (loader->schema->fields, i);

      if (cb_field_uses_architecture (field))
        check_key_reference (loader, field, field->architecture_key, "architecture_key");
      if (cb_field_uses_optimizer (field))
        check_key_reference (loader, field, field->optimizer_key, "optimizer_key");
      for (guint k = 0; field->suffix_parts && field->suffix_parts[k]; k++)
        check_key_reference (loader, field, field->suffix_parts[k], "suffix");
      for (guint k = 0; field->model_fields && field->model_fields[k]; k++)
        check_key_reference (loader, field, field->model_fields[k], "model_fields");
    }
}

/**
 * cb_schema_id_from_path:
 *
 * Returns: (transfer full): the default id of a schema file: its name
 *   without extension and without a leading `command_builder_`
 */
char *
cb_schema_id_from_path (const char *path)
{
  g_autofree char *base = cb_path_stem (path);

  if (g_str_has_prefix (base, "command_builder_") && base[strlen ("command_builder_")] != '\0')
    return g_strdup (base + strlen ("command_builder_"));

  return g_steal_pointer (&base);
}

static char *
label_from_id (const char *id)
{
  g_autofree char *text = g_strdelimit (g_strdup (id), "_-", ' ');

  if (text[0] != '\0')
    {
      gunichar c = g_unichar_totitle (g_utf8_get_char (text));
      char buf[8] = { 0 };

      g_unichar_to_utf8 (c, buf);
      return g_strconcat (buf, g_utf8_next_char (text), NULL);
    }

  return g_steal_pointer (&text);
}

/* The schema's own keys: its id and texts, its command and progress */
static void
load_header (CbSchemaLoader *loader,
             CbNode         *root)
{
  CbSchema *self = loader->schema;
  CbNode *command;
  g_autofree char *id = NULL;

  id = _cb_schema_get_string (loader, root, "id");
  self->id = id && id[0] ? g_steal_pointer (&id) : cb_schema_id_from_path (self->path);
  self->title = _cb_schema_get_text (loader, root, "title");
  self->label = _cb_schema_get_text (loader, root, "label");
  if (self->label == NULL)
    self->label = label_from_id (self->id);
  if (self->title == NULL)
    self->title = g_strdup (self->label);
  self->description = _cb_schema_get_text (loader, root, "description");
  self->constant_overrides = _cb_schema_get_string_list (loader, root, "constant_overrides", FALSE);

  command = cb_node_lookup (root, "command");
  if (command != NULL && cb_node_get_kind (command) == CB_NODE_SCALAR && !cb_node_is_null (command))
    {
      g_autoptr(GError) error = NULL;

      if (!g_shell_parse_argv (cb_node_get_scalar (command), NULL, &self->command, &error))
        error_at (loader, command, _("“command” cannot be split into arguments: %s"), error->message);
    }
  else
    self->command = _cb_schema_get_string_list (loader, root, "command", FALSE);

  self->emit_defaults = _cb_schema_get_expr (loader, NULL, root, "emit_defaults");
  self->multirun_flag = _cb_schema_get_string_list (loader, root, "multirun_flag", TRUE);
  cb_metrics_config_unref (self->metrics);
  self->metrics = cb_metrics_config_load (cb_node_lookup (root, "metrics"), self->diagnostics);

  self->progress_regex = _cb_schema_get_string (loader, root, "progress_regex");
  if (self->progress_regex != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GRegex) regex = g_regex_new (self->progress_regex, 0, 0, &error);

      if (regex == NULL)
        error_at (loader, cb_node_lookup (root, "progress_regex"),
                  _("“progress_regex” is not a valid regular expression: %s"), error->message);
    }
}

/* The fields, in schema order; an element whose key is taken is left out */
static void
load_elements (CbSchemaLoader *loader,
               CbNode         *elements)
{
  CbSchema *self = loader->schema;

  for (guint i = 0; i < cb_node_get_n_children (elements); i++)
    {
      CbNode *element = cb_node_get_child (elements, i);
      guint n_pending = loader->pending->len;
      CbField *field = _cb_schema_load_element (loader, element, self->fields->len);
      CbField *previous = field ? g_hash_table_lookup (self->fields_by_key, field->key) : NULL;

      if (previous != NULL)
        error_at (loader, cb_node_lookup (element, "key"),
                  _("the key “%s” is already used by the element at line %u"),
                  field->key, previous->line);

      if (field == NULL || previous != NULL)
        {
          /* An element left out is not in the schema: its expressions
           * are not checked against it
           */
          g_ptr_array_set_size (loader->pending, n_pending);
          g_clear_pointer (&field, cb_field_unref);
          continue;
        }

      g_ptr_array_add (self->fields, field);
      g_hash_table_insert (self->fields_by_key, field->key, field);
    }
}

static void
load_top_level (CbSchemaLoader *loader,
                CbNode         *root)
{
  CbNode *elements;

  _cb_schema_check_known_keys (loader, root, schema_keys, _("the schema"));
  load_header (loader, root);

  elements = cb_node_lookup (root, "ui_elements");
  if (elements == NULL || cb_node_is_null (elements))
    warning_at (loader, root, _("the schema has no “ui_elements”"));
  else if (_cb_schema_expect_kind (loader, elements, CB_NODE_SEQUENCE, "ui_elements"))
    load_elements (loader, elements);
  _cb_schema_load_slurm (loader, root);
}

/**
 * cb_schema_load:
 * @path: the schema file
 * @names: (nullable): the names of the options sources and metadata sets
 *   the schema may use, usually its #CbProject; without it, names are not
 *   checked
 *
 * Loads a command schema. A file that cannot be read or parsed is an
 * error; any other problem is collected in the schema's diagnostics.
 *
 * Returns: (transfer full): the schema, or %NULL with @error set to a
 *   message naming file, line and column
 */
CbSchema *
cb_schema_load (const char    *path,
                CbNameLookup  *names,
                GError       **error)
{
  g_autoptr(CbSchema) self = NULL;
  g_autoptr(CbNode) root = NULL;
  CbSchemaLoader loader = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (names == NULL || CB_IS_NAME_LOOKUP (names), NULL);

  root = cb_yaml_load_file (path, error);
  if (root == NULL)
    return NULL;

  if (cb_node_is_null (root))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID, _("%s:1:1: the schema is empty"), path);
      return NULL;
    }
  if (cb_node_get_kind (root) != CB_NODE_MAPPING)
    {
      cb_node_set_error (root, error, CB_ERROR_INVALID,
                         _("a schema must be a mapping with “title” and “ui_elements”, not %s"),
                         cb_node_kind_to_string (cb_node_get_kind (root)));
      return NULL;
    }

  self = g_object_new (CB_TYPE_SCHEMA, NULL);
  self->path = g_strdup (path);

  loader.schema = self;
  loader.names = names;
  loader.pending = g_ptr_array_new_with_free_func (_cb_schema_pending_free);

  load_top_level (&loader, root);
  check_references (&loader);

  g_ptr_array_unref (loader.pending);

  return g_steal_pointer (&self);
}

const char *
cb_schema_get_path (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->path;
}

const char *
cb_schema_get_id (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->id;
}

const char *
cb_schema_get_label (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->label;
}

const char *
cb_schema_get_title (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->title;
}

const char *
cb_schema_get_description (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->description;
}

/**
 * cb_schema_get_command:
 *
 * Returns: (nullable): the schema's own argv prefix, which wins over the
 *   project's runner
 */
const char * const *
cb_schema_get_command (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return (const char * const *)self->command;
}

const char * const *
cb_schema_get_constant_overrides (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return (const char * const *)self->constant_overrides;
}

const char *
cb_schema_get_progress_regex (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->progress_regex;
}

/**
 * cb_schema_get_emit_defaults:
 *
 * Returns: (transfer none) (nullable): the schema's `emit_defaults`: while
 *   it does not hold, a field whose value is its default writes nothing;
 *   %NULL: every field writes its value
 */
CbExpr *
cb_schema_get_emit_defaults (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->emit_defaults;
}

/**
 * cb_schema_get_multirun_flag:
 *
 * Returns: (nullable): the schema's `multirun_flag`: what a command that
 *   sweeps carries after its prefix; %NULL: the project's
 */
const char * const *
cb_schema_get_multirun_flag (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return (const char * const *)self->multirun_flag;
}

/**
 * cb_schema_get_metrics_config:
 *
 * Returns: (transfer none): the schema's `metrics` setting, which wins
 *   over the project's key by key (cb_metrics_config_merge()); one that
 *   sets nothing when the schema has none
 */
CbMetricsConfig *
cb_schema_get_metrics_config (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->metrics;
}

guint
cb_schema_get_n_fields (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), 0);

  return self->fields->len;
}

/**
 * cb_schema_get_field:
 *
 * Returns: (transfer none): the @index-th field, in schema order
 */
CbField *
cb_schema_get_field (CbSchema *self,
                     guint     index)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

/**
 * cb_schema_lookup_field:
 *
 * Returns: (transfer none) (nullable): the field with key @key
 */
CbField *
cb_schema_lookup_field (CbSchema   *self,
                        const char *key)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return g_hash_table_lookup (self->fields_by_key, key);
}

/**
 * cb_schema_get_diagnostics:
 *
 * Returns: (transfer none) (element-type CbDiagnostic): the problems found
 *   while loading, in file order
 */
GPtrArray *
cb_schema_get_diagnostics (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->diagnostics;
}

gboolean
cb_schema_has_errors (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), TRUE);

  return cb_diagnostics_have_errors (self->diagnostics);
}
