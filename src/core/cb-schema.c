/* cb-schema.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-glob.h"
#include "cb-option.h"
#include "cb-project.h"
#include "cb-schema.h"
#include "cb-translation.h"
#include "cb-yaml.h"

/**
 * CbSchema:
 *
 * A command schema: one YAML file describing one page of the form, its
 * fields and how they become the command. Loading never stops at the first
 * problem: every problem is collected as a #CbDiagnostic with its location.
 * Warnings leave the schema usable; errors do not.
 */
struct _CbSchema
{
  GObject      parent_instance;

  char        *path;
  char        *id;
  char        *label;
  char        *title;
  char        *description;
  char       **command;
  char       **constant_overrides;
  char        *progress_regex;
  CbExpr      *emit_defaults;
  char       **multirun_flag;
  GPtrArray   *fields;
  GHashTable  *fields_by_key;
  GPtrArray   *diagnostics;
};

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
}

/* Loading */

typedef struct
{
  CbSchema  *schema;
  CbProject *project;
  GPtrArray *pending; /* of Pending: expressions to check once all keys are known */
} Loader;

typedef struct
{
  CbField *field;
  CbNode  *node;
  CbExpr  *expr;
  char    *what;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  cb_node_unref (p->node);
  g_free (p->what);
  g_free (p);
}

static void
report_valist (Loader     *loader,
               CbSeverity  severity,
               guint       line,
               guint       column,
               const char *format,
               va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (loader->schema->diagnostics,
                   cb_diagnostic_new (severity, loader->schema->path, line, column, message));
}

static void
report (Loader       *loader,
        CbSeverity    severity,
        const CbNode *node,
        guint         column_offset,
        const char   *format,
        ...) G_GNUC_PRINTF (5, 6);

static void
report (Loader       *loader,
        CbSeverity    severity,
        const CbNode *node,
        guint         column_offset,
        const char   *format,
        ...)
{
  va_list args;

  va_start (args, format);
  report_valist (loader, severity,
                 node ? cb_node_get_line (node) : 0,
                 node ? cb_node_get_column (node) + column_offset : 0,
                 format, args);
  va_end (args);
}

static void
report_field (Loader     *loader,
              CbField    *field,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
report_field (Loader     *loader,
              CbField    *field,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  report_valist (loader, CB_SEVERITY_ERROR, field->line, field->column, format, args);
  va_end (args);
}

#define error_at(loader, node, ...) report (loader, CB_SEVERITY_ERROR, node, 0, __VA_ARGS__)
#define warning_at(loader, node, ...) report (loader, CB_SEVERITY_WARNING, node, 0, __VA_ARGS__)

static gboolean
expect_kind (Loader     *loader,
             CbNode     *node,
             CbNodeKind  kind,
             const char *name)
{
  if (cb_node_get_kind (node) == kind)
    return TRUE;

  error_at (loader, node, _("“%s” must be %s, not %s"),
            name, cb_node_kind_to_string (kind), cb_node_kind_to_string (cb_node_get_kind (node)));
  return FALSE;
}

/* A string-valued key: NULL when absent or null */
static char *
get_string (Loader     *loader,
            CbNode     *map,
            const char *name)
{
  CbNode *node = cb_node_lookup (map, name);

  if (node == NULL || cb_node_is_null (node))
    return NULL;
  if (!expect_kind (loader, node, CB_NODE_SCALAR, name))
    return NULL;

  return g_strdup (cb_node_get_scalar (node));
}

/* The texts a user reads may be translated in the schema itself, as in
 * desktop entries: `label[ko]: ...` next to `label: ...`
 */
static const char * const localized_keys[] = { "label", "help", "title", "description", NULL };

/* A text for the user: `name[LANG]` for the first of the user's languages
 * that has one, else `name`
 */
static char *
get_text (Loader     *loader,
          CbNode     *map,
          const char *name)
{
  g_auto(GStrv) keys = cb_translation_keys (name);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      CbNode *node = cb_node_lookup (map, keys[i]);

      if (node != NULL && !cb_node_is_null (node))
        return get_string (loader, map, keys[i]);
    }

  return get_string (loader, map, name);
}

static gboolean
get_number (Loader     *loader,
            CbNode     *map,
            const char *name,
            double     *value,
            gboolean   *is_integer)
{
  CbNode *node = cb_node_lookup (map, name);
  gint64 i;

  if (node == NULL || cb_node_is_null (node))
    return FALSE;

  if (cb_node_get_int64 (node, &i))
    {
      *value = (double)i;
      return TRUE;
    }
  if (cb_node_get_double (node, value))
    {
      if (is_integer != NULL)
        *is_integer = FALSE;
      return TRUE;
    }

  error_at (loader, node, _("“%s” must be a number, not “%s”"), name,
            cb_node_get_scalar (node) ? cb_node_get_scalar (node) : cb_node_kind_to_string (cb_node_get_kind (node)));
  return FALSE;
}

static gboolean
get_boolean (Loader     *loader,
             CbNode     *map,
             const char *name,
             gboolean   *value)
{
  CbNode *node = cb_node_lookup (map, name);

  if (node == NULL || cb_node_is_null (node))
    return FALSE;
  if (cb_node_get_boolean (node, value))
    return TRUE;

  error_at (loader, node, _("“%s” must be true or false"), name);
  return FALSE;
}

/* A list of strings, or a single string when @single is allowed */
static char **
get_string_list (Loader     *loader,
                 CbNode     *map,
                 const char *name,
                 gboolean    single)
{
  CbNode *node = cb_node_lookup (map, name);
  GPtrArray *items;

  if (node == NULL || cb_node_is_null (node))
    return NULL;

  if (single && cb_node_get_kind (node) == CB_NODE_SCALAR)
    {
      char *items_single[] = { (char *)cb_node_get_scalar (node), NULL };

      return g_strdupv (items_single);
    }

  if (!expect_kind (loader, node, CB_NODE_SEQUENCE, name))
    return NULL;

  items = g_ptr_array_new ();
  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      CbNode *item = cb_node_get_child (node, i);

      if (cb_node_get_kind (item) != CB_NODE_SCALAR || cb_node_is_null (item))
        {
          error_at (loader, item, _("the items of “%s” must be texts"), name);
          continue;
        }
      g_ptr_array_add (items, g_strdup (cb_node_get_scalar (item)));
    }
  g_ptr_array_add (items, NULL);

  return (char **)g_ptr_array_free (items, FALSE);
}

static CbExpr *
get_expr (Loader     *loader,
          CbField    *field,
          CbNode     *map,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  CbNode *node = cb_node_lookup (map, name);
  CbExpr *expr;
  guint offset = 0;
  Pending *pending;

  if (node == NULL || cb_node_is_null (node))
    return NULL;

  /* `when: true` is a plain boolean scalar, and an expression too */
  if (!expect_kind (loader, node, CB_NODE_SCALAR, name))
    return NULL;

  expr = cb_expr_parse (cb_node_get_scalar (node), &offset, &error);
  if (expr == NULL)
    {
      report (loader, CB_SEVERITY_ERROR, node, offset + (cb_node_is_plain (node) ? 0 : 1),
              _("in “%s”: %s"), name, error->message);
      return NULL;
    }

  pending = g_new0 (Pending, 1);
  pending->field = field;
  pending->node = cb_node_ref (node);
  pending->expr = expr;
  pending->what = g_strdup (name);
  g_ptr_array_add (loader->pending, pending);

  return expr;
}

static void
check_known_keys (Loader             *loader,
                  CbNode             *map,
                  const char * const *known,
                  const char         *where)
{
  for (guint i = 0; i < cb_node_get_n_children (map); i++)
    {
      CbNode *key = cb_node_get_key (map, i);
      const char *name = cb_node_get_scalar (key);
      g_autofree char *base = cb_translation_base (name);

      /* `label[ko]` is known where `label` is */
      if (base != NULL && g_strv_contains (localized_keys, base) && g_strv_contains (known, base))
        continue;

      if (name == NULL || !g_strv_contains (known, name))
        warning_at (loader, key, _("unknown key “%s” in %s; it is ignored"),
                    name ? name : "?", where);
    }
}

static const char * const element_keys[] = {
  "key", "type", "label", "default", "help", "hydra_override", "visible_if", "validation",
  "options", "options_source", "min_value", "max_value", "step", "format", "mode",
  "architecture_key", "architecture_fallback", "filter_by_architecture_key",
  "metadata_default_key", "metadata_help_key", "metadata_info_key", "info_template",
  "info_fallback", "options_metadata_key", "optimizer_key", "optimizer_fallback",
  "optimizer_metadata_key", "optimizer_help_key", "emit_if", "extra_overrides", "suffix",
  "operation", "when_empty", "emit_defaults", "interpolation", "sweep",
  NULL
};

static const char * const validation_keys[] = {
  "required", "required_if", "min_length", "max_length", "min", "max", "range", "pattern", NULL
};

static const char * const schema_keys[] = {
  "id", "title", "label", "description", "command", "constant_overrides", "ui_elements",
  "progress_regex", "emit_defaults", "multirun_flag", NULL
};

static void
load_options (Loader  *loader,
              CbField *field,
              CbNode  *node)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!expect_kind (loader, node, CB_NODE_SEQUENCE, "options"))
    return;

  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      CbNode *item = cb_node_get_child (node, i);
      const char *value = NULL;
      g_autofree char *label = NULL;

      if (cb_node_get_kind (item) == CB_NODE_SCALAR)
        value = cb_node_get_scalar (item);
      else if (cb_node_get_kind (item) == CB_NODE_MAPPING)
        {
          CbNode *v = cb_node_lookup (item, "value");
          CbNode *l = cb_node_lookup (item, "label");

          if (v == NULL || cb_node_get_kind (v) != CB_NODE_SCALAR)
            {
              error_at (loader, item, _("an option given as a mapping needs a “value”"));
              continue;
            }
          if (l != NULL && cb_node_get_kind (l) != CB_NODE_SCALAR)
            {
              error_at (loader, l, _("the “label” of an option must be a text"));
              continue;
            }
          value = cb_node_get_scalar (v);
          label = get_text (loader, item, "label");
          check_known_keys (loader, item, (const char * const[]){ "value", "label", NULL },
                            _("an option"));
        }
      else
        {
          error_at (loader, item, _("an option must be a value or a mapping with “label” and “value”"));
          continue;
        }

      if (!g_hash_table_add (seen, (gpointer)value))
        {
          warning_at (loader, item, _("the option “%s” is listed twice"), value);
          continue;
        }
      g_ptr_array_add (options, cb_option_new (value, label));
    }

  field->options = cb_option_list_new (options);
}

static void
load_default (Loader  *loader,
              CbField *field,
              CbNode  *node)
{
  g_autoptr(GVariant) raw = NULL;

  if (node == NULL || !cb_field_has_value (field))
    return;

  raw = cb_node_to_variant (node);
  if (raw == NULL)
    return;

  field->default_value = cb_field_coerce_value (field, raw);
  if (field->default_value == NULL)
    error_at (loader, node, _("the default of “%s” does not fit a field of type %s"),
              field->key, cb_field_type_to_string (field->type));
}

static void
load_validation (Loader  *loader,
                 CbField *field,
                 CbNode  *node)
{
  CbNode *range;
  double d;
  g_autofree char *pattern = NULL;

  if (!expect_kind (loader, node, CB_NODE_MAPPING, "validation"))
    return;

  check_known_keys (loader, node, validation_keys, _("validation"));

  get_boolean (loader, node, "required", &field->required);
  field->required_if = get_expr (loader, field, node, "required_if");

  if (get_number (loader, node, "min_length", &d, NULL))
    field->min_length = (gint64)d;
  if (get_number (loader, node, "max_length", &d, NULL))
    field->max_length = (gint64)d;
  field->has_min = get_number (loader, node, "min", &field->min, NULL);
  field->has_max = get_number (loader, node, "max", &field->max, NULL);

  range = cb_node_lookup (node, "range");
  if (range != NULL)
    {
      gboolean ok = cb_node_get_kind (range) == CB_NODE_SEQUENCE && cb_node_get_n_children (range) == 2;
      double a = 0, b = 0;

      ok = ok && cb_node_get_double (cb_node_get_child (range, 0), &a);
      ok = ok && cb_node_get_double (cb_node_get_child (range, 1), &b);
      if (!ok)
        error_at (loader, range, _("“range” must be a list of two numbers, such as [0, 1]"));
      else if (a > b)
        error_at (loader, range, _("“range” must list its lower bound first"));
      else
        {
          field->has_min = field->has_max = TRUE;
          field->min = a;
          field->max = b;
        }
    }

  pattern = get_string (loader, node, "pattern");
  if (pattern != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *anchored = g_strdup_printf ("\\A(?:%s)\\z", pattern);

      field->pattern = g_regex_new (anchored, G_REGEX_OPTIMIZE, 0, &error);
      if (field->pattern == NULL)
        error_at (loader, cb_node_lookup (node, "pattern"), _("“pattern” is not a valid regular expression: %s"),
                  error->message);
    }
}

static void
load_number (Loader  *loader,
             CbField *field,
             CbNode  *map)
{
  gboolean integer = TRUE;
  CbNode *def = cb_node_lookup (map, "default");
  double d;

  field->has_min_value = get_number (loader, map, "min_value", &field->min_value, &integer);
  field->has_max_value = get_number (loader, map, "max_value", &field->max_value, &integer);
  get_number (loader, map, "step", &field->step, &integer);
  if (def != NULL && !cb_node_is_null (def) && cb_node_get_kind (def) == CB_NODE_SCALAR &&
      !cb_node_get_int64 (def, &(gint64){ 0 }) && cb_node_get_double (def, &d))
    integer = FALSE;
  if (field->format != NULL && strpbrk (field->format, "eEfFgG") != NULL)
    integer = FALSE;

  field->integer = integer;

  if (field->step < 0)
    {
      error_at (loader, cb_node_lookup (map, "step"), _("“step” must be positive"));
      field->step = 0;
    }
  if (field->has_min_value && field->has_max_value && field->min_value > field->max_value)
    error_at (loader, cb_node_lookup (map, "max_value"), _("“max_value” is less than “min_value”"));
}

static void
load_extra_overrides (Loader  *loader,
                      CbField *field,
                      CbNode  *node)
{
  if (!expect_kind (loader, node, CB_NODE_MAPPING, "extra_overrides"))
    return;

  check_known_keys (loader, node, (const char * const[]){ "metadata", "key", NULL },
                    "extra_overrides");
  field->extra_metadata = get_string (loader, node, "metadata");
  field->extra_key = get_string (loader, node, "key");

  if (field->extra_metadata == NULL || field->extra_key == NULL)
    {
      error_at (loader, node, _("“extra_overrides” needs “metadata” (a metadata set) and “key”"));
      g_clear_pointer (&field->extra_metadata, g_free);
      g_clear_pointer (&field->extra_key, g_free);
      return;
    }

  if (loader->project != NULL && !cb_project_has_metadata_set (loader->project, field->extra_metadata))
    error_at (loader, cb_node_lookup (node, "metadata"),
              _("the project defines no metadata set “%s”"), field->extra_metadata);
}

static void
load_suffix (Loader  *loader,
             CbField *field,
             CbNode  *node)
{
  CbNode *parts;

  if (!expect_kind (loader, node, CB_NODE_MAPPING, "suffix"))
    return;

  check_known_keys (loader, node, (const char * const[]){ "parts", "separator", "when", NULL },
                    "suffix");

  if (field->type != CB_FIELD_TEXT)
    {
      warning_at (loader, node, _("“suffix” applies to text_input fields only; it is ignored"));
      return;
    }

  parts = cb_node_lookup (node, "parts");
  if (parts == NULL)
    {
      error_at (loader, node, _("“suffix” needs “parts”, a list of field keys"));
      return;
    }

  field->suffix_parts = get_string_list (loader, node, "parts", FALSE);
  field->suffix_separator = get_string (loader, node, "separator");
  if (field->suffix_separator == NULL)
    field->suffix_separator = g_strdup ("-");
  field->suffix_when = get_expr (loader, field, node, "when");
}

/* One of the words of @names, or -1 after an error naming them */
static int
get_choice (Loader             *loader,
            CbNode             *map,
            const char         *name,
            const char * const *names)
{
  g_autofree char *value = get_string (loader, map, name);
  g_autofree char *choices = NULL;

  if (value == NULL)
    return -1;
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (value, names[i]) == 0)
      return i;

  choices = g_strjoinv (", ", (char **)names);
  error_at (loader, cb_node_lookup (map, name), _("“%s” must be one of %s, not “%s”"),
            name, choices, value);
  return -1;
}

/* What the field writes: its override's operation, what it writes when
 * empty or at its default, how its texts read, whether it sweeps
 */
static void
load_writing (Loader  *loader,
              CbField *field,
              CbNode  *node)
{
  static const char * const operations[] = { "set", "add", "force_add", "delete", NULL };
  static const char * const empties[] = { "omit", "null", "empty", NULL };
  int choice;

  if ((choice = get_choice (loader, node, "operation", operations)) >= 0)
    field->operation = (CbOverrideOperation)choice;
  if ((choice = get_choice (loader, node, "when_empty", empties)) >= 0)
    field->when_empty = (CbEmptyValue)choice;
  field->emit_defaults = get_expr (loader, field, node, "emit_defaults");
  get_boolean (loader, node, "interpolation", &field->interpolation);
  get_boolean (loader, node, "sweep", &field->sweep);

  if (field->sweep && !cb_field_can_sweep (field))
    {
      warning_at (loader, cb_node_lookup (node, "sweep"),
                  _("“sweep” applies to text_input, number_input, slider and selectbox fields; "
                    "it is ignored"));
      field->sweep = FALSE;
    }
  if (field->operation != CB_OVERRIDE_SET && field->targets == NULL && cb_field_has_value (field))
    warning_at (loader, cb_node_lookup (node, "operation"),
                _("“operation” of “%s” has no “hydra_override” to apply to"), field->key);
}

static CbField *
load_element (Loader *loader,
              CbNode *node,
              guint   index)
{
  g_autoptr(CbField) field = NULL;
  g_autofree char *type = NULL;
  g_autofree char *mode = NULL;
  CbNode *child;

  if (cb_node_get_kind (node) != CB_NODE_MAPPING)
    {
      error_at (loader, node, _("each element of “ui_elements” must be a mapping"));
      return NULL;
    }

  field = cb_field_new ();
  field->file = g_strdup (loader->schema->path);
  field->fingerprint = cb_node_fingerprint (node);
  field->line = cb_node_get_line (node);
  field->column = cb_node_get_column (node);
  field->index = index;

  field->key = get_string (loader, node, "key");
  if (field->key == NULL || field->key[0] == '\0')
    {
      error_at (loader, node, _("the element has no “key”"));
      return NULL;
    }

  type = get_string (loader, node, "type");
  if (type == NULL)
    {
      error_at (loader, node, _("the element “%s” has no “type”"), field->key);
      return NULL;
    }
  if (!cb_field_type_from_string (type, &field->type))
    {
      warning_at (loader, cb_node_lookup (node, "type"),
                  _("unknown element type “%s” of “%s”; the element is left out"),
                  type, field->key);
      return NULL;
    }

  check_known_keys (loader, node, element_keys, _("an element"));

  field->label = get_text (loader, node, "label");
  if (field->label == NULL)
    field->label = g_strdup (field->key);
  field->help = get_text (loader, node, "help");
  field->format = get_string (loader, node, "format");
  field->targets = get_string_list (loader, node, "hydra_override", TRUE);
  field->visible_if = get_expr (loader, field, node, "visible_if");
  field->emit_if = get_expr (loader, field, node, "emit_if");
  field->options_source = get_string (loader, node, "options_source");

  field->architecture_key = get_string (loader, node, "architecture_key");
  field->architecture_fallback = get_string (loader, node, "architecture_fallback");
  field->filter_by_architecture_key = get_string (loader, node, "filter_by_architecture_key");
  field->metadata_default_key = get_string (loader, node, "metadata_default_key");
  field->metadata_help_key = get_string (loader, node, "metadata_help_key");
  field->metadata_info_key = get_string (loader, node, "metadata_info_key");
  field->info_template = get_string (loader, node, "info_template");
  field->info_fallback = get_string (loader, node, "info_fallback");
  field->options_metadata_key = get_string (loader, node, "options_metadata_key");
  field->optimizer_key = get_string (loader, node, "optimizer_key");
  field->optimizer_fallback = get_string (loader, node, "optimizer_fallback");
  field->optimizer_metadata_key = get_string (loader, node, "optimizer_metadata_key");
  field->optimizer_help_key = get_string (loader, node, "optimizer_help_key");

  if (field->architecture_key == NULL)
    field->architecture_key = g_strdup ("architecture");
  if (field->optimizer_key == NULL)
    field->optimizer_key = g_strdup ("optimizer");

  if (field->type == CB_FIELD_NUMBER || field->type == CB_FIELD_SLIDER)
    load_number (loader, field, node);

  mode = get_string (loader, node, "mode");
  if (mode != NULL)
    {
      if (field->type != CB_FIELD_PATH)
        warning_at (loader, cb_node_lookup (node, "mode"), _("“mode” applies to path fields only"));
      else if (strcmp (mode, "folder") == 0 || strcmp (mode, "directory") == 0)
        field->path_mode = CB_PATH_FOLDER;
      else if (strcmp (mode, "file") != 0)
        error_at (loader, cb_node_lookup (node, "mode"),
                  _("“mode” must be “file” or “folder”, not “%s”"), mode);
    }

  if ((child = cb_node_lookup (node, "options")) != NULL)
    load_options (loader, field, child);

  if (field->type == CB_FIELD_SELECT || field->type == CB_FIELD_MULTISELECT)
    {
      if (field->options == NULL && field->options_source == NULL && field->options_metadata_key == NULL)
        error_at (loader, node, _("the select “%s” needs “options” or “options_source”"),
                  field->key);
    }

  if (field->options_source != NULL && loader->project != NULL &&
      !cb_project_has_source (loader->project, field->options_source))
    error_at (loader, cb_node_lookup (node, "options_source"),
              _("the project defines no options source “%s”"), field->options_source);

  if (cb_field_uses_architecture (field) && loader->project != NULL &&
      !cb_project_has_metadata_set (loader->project, "architecture"))
    error_at (loader, node,
              _("“%s” uses architecture metadata, but the project defines no metadata set “architecture”"),
              field->key);

  if (cb_field_uses_optimizer (field) && loader->project != NULL &&
      !cb_project_has_metadata_set (loader->project, "optimizer"))
    error_at (loader, node,
              _("“%s” uses optimizer metadata, but the project defines no metadata set “optimizer”"),
              field->key);

  load_default (loader, field, cb_node_lookup (node, "default"));
  if (field->default_value == NULL)
    {
      if (field->type == CB_FIELD_CHECKBOX)
        field->default_value = g_variant_ref_sink (g_variant_new_boolean (FALSE));
      else if (field->type == CB_FIELD_TEXT || field->type == CB_FIELD_PATH)
        field->default_value = g_variant_ref_sink (g_variant_new_string (""));
      else if (field->type == CB_FIELD_SLIDER && field->has_min_value)
        field->default_value = field->integer
          ? g_variant_ref_sink (g_variant_new_int64 ((gint64)field->min_value))
          : g_variant_ref_sink (g_variant_new_double (field->min_value));
    }

  load_writing (loader, field, node);
  if ((child = cb_node_lookup (node, "validation")) != NULL && !cb_node_is_null (child))
    load_validation (loader, field, child);
  if ((child = cb_node_lookup (node, "extra_overrides")) != NULL && !cb_node_is_null (child))
    load_extra_overrides (loader, field, child);
  if ((child = cb_node_lookup (node, "suffix")) != NULL && !cb_node_is_null (child))
    load_suffix (loader, field, child);

  if (field->type == CB_FIELD_INFO && field->targets != NULL)
    warning_at (loader, cb_node_lookup (node, "hydra_override"),
                _("an info element emits nothing; its “hydra_override” is ignored"));

  return g_steal_pointer (&field);
}

static void
check_key_reference (Loader     *loader,
                     CbField    *field,
                     const char *key,
                     const char *what)
{
  if (g_hash_table_contains (loader->schema->fields_by_key, key))
    return;

  report_field (loader, field, _("“%s” of “%s” names “%s”, which is not a field of this schema"),
                what, field->key, key);
}

static void
check_references (Loader *loader)
{
  for (guint i = 0; i < loader->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (loader->pending, i);
      const char * const *keys = cb_expr_get_keys (p->expr);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          const char *text = cb_node_get_scalar (p->node);
          const char *at;

          if (g_hash_table_contains (loader->schema->fields_by_key, keys[k]))
            continue;

          /* Point at the key inside the expression */
          at = strstr (text, keys[k]);
          report (loader, CB_SEVERITY_ERROR, p->node,
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

static void
load_top_level (Loader *loader,
                CbNode *root)
{
  CbSchema *self = loader->schema;
  CbNode *elements;
  CbNode *command;
  g_autofree char *id = NULL;

  check_known_keys (loader, root, schema_keys, _("the schema"));

  id = get_string (loader, root, "id");
  self->id = id && id[0] ? g_steal_pointer (&id) : cb_schema_id_from_path (self->path);
  self->title = get_text (loader, root, "title");
  self->label = get_text (loader, root, "label");
  if (self->label == NULL)
    self->label = label_from_id (self->id);
  if (self->title == NULL)
    self->title = g_strdup (self->label);
  self->description = get_text (loader, root, "description");
  self->constant_overrides = get_string_list (loader, root, "constant_overrides", FALSE);

  command = cb_node_lookup (root, "command");
  if (command != NULL && cb_node_get_kind (command) == CB_NODE_SCALAR && !cb_node_is_null (command))
    {
      g_autoptr(GError) error = NULL;

      if (!g_shell_parse_argv (cb_node_get_scalar (command), NULL, &self->command, &error))
        error_at (loader, command, _("“command” cannot be split into arguments: %s"), error->message);
    }
  else
    self->command = get_string_list (loader, root, "command", FALSE);

  self->emit_defaults = get_expr (loader, NULL, root, "emit_defaults");
  self->multirun_flag = get_string_list (loader, root, "multirun_flag", TRUE);

  self->progress_regex = get_string (loader, root, "progress_regex");
  if (self->progress_regex != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GRegex) regex = g_regex_new (self->progress_regex, 0, 0, &error);

      if (regex == NULL)
        error_at (loader, cb_node_lookup (root, "progress_regex"),
                  _("“progress_regex” is not a valid regular expression: %s"), error->message);
    }

  elements = cb_node_lookup (root, "ui_elements");
  if (elements == NULL || cb_node_is_null (elements))
    {
      warning_at (loader, root, _("the schema has no “ui_elements”"));
      return;
    }
  if (!expect_kind (loader, elements, CB_NODE_SEQUENCE, "ui_elements"))
    return;

  for (guint i = 0; i < cb_node_get_n_children (elements); i++)
    {
      CbNode *element = cb_node_get_child (elements, i);
      CbField *field = load_element (loader, element, self->fields->len);
      CbField *previous;

      if (field == NULL)
        continue;

      previous = g_hash_table_lookup (self->fields_by_key, field->key);
      if (previous != NULL)
        {
          error_at (loader, cb_node_lookup (element, "key"),
                    _("the key “%s” is already used by the element at line %u"),
                    field->key, previous->line);
          cb_field_unref (field);
          continue;
        }

      g_ptr_array_add (self->fields, field);
      g_hash_table_insert (self->fields_by_key, field->key, field);
    }
}

/**
 * cb_schema_load:
 * @path: the schema file
 * @project: (nullable): the project, to check the names of options sources
 *   and metadata sets
 *
 * Loads a command schema. A file that cannot be read or parsed is an
 * error; any other problem is collected in the schema's diagnostics.
 *
 * Returns: (transfer full): the schema, or %NULL with @error set to a
 *   message naming file, line and column
 */
CbSchema *
cb_schema_load (const char  *path,
                CbProject   *project,
                GError     **error)
{
  g_autoptr(CbSchema) self = NULL;
  g_autoptr(CbNode) root = NULL;
  Loader loader = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

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
  loader.project = project;
  loader.pending = g_ptr_array_new_with_free_func (pending_free);

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
