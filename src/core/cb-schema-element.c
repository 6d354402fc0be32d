/* cb-schema-element.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-number-format.h"
#include "cb-option.h"
#include "cb-schema-private.h"
#include "cb-slurm-resources.h"

/* One element of `ui_elements` becomes a #CbField: its key and type, its
 * texts and expressions, its number settings, options, default and
 * validation, each checked as it is read.
 */

static const char * const element_keys[] = {
  "key", "type", "label", "default", "help", "hydra_override", "visible_if", "validation",
  "options", "options_source", "min_value", "max_value", "step", "format", "mode",
  "architecture_key", "architecture_fallback", "filter_by_architecture_key",
  "metadata_default_key", "metadata_help_key", "metadata_info_key", "info_template",
  "info_fallback", "options_metadata_key", "optimizer_key", "optimizer_fallback",
  "optimizer_metadata_key", "optimizer_help_key", "emit_if", "extra_overrides", "suffix",
  "operation", "when_empty", "emit_defaults", "interpolation", "sweep", "model_fields", "slurm",
  NULL
};

static const char * const validation_keys[] = {
  "required", "required_if", "min_length", "max_length", "min", "max", "range", "pattern", NULL
};

static void
load_options (CbSchemaLoader *loader,
              CbField        *field,
              CbNode         *node)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!_cb_schema_expect_kind (loader, node, CB_NODE_SEQUENCE, "options"))
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
          label = _cb_schema_get_text (loader, item, "label");
          _cb_schema_check_known_keys (loader, item, (const char * const[]){ "value", "label", NULL },
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
load_default (CbSchemaLoader *loader,
              CbField        *field,
              CbNode         *node)
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
  else if (g_variant_is_of_type (field->default_value, G_VARIANT_TYPE_DOUBLE) &&
           !_cb_schema_check_finite (loader, node, "default",
                                     g_variant_get_double (field->default_value)))
    g_clear_pointer (&field->default_value, g_variant_unref);
}

static char *
format_bound (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

/* A number default within the field's bounds, as the form checks values */
static void
check_default_number (CbSchemaLoader *loader,
                      CbField        *field,
                      CbNode         *node)
{
  GVariant *v = field->default_value;
  double d = g_variant_is_of_type (v, G_VARIANT_TYPE_INT64) ? (double)g_variant_get_int64 (v)
                                                            : g_variant_get_double (v);
  gboolean has_min = field->has_min || field->has_min_value;
  gboolean has_max = field->has_max || field->has_max_value;
  double min = field->has_min && field->has_min_value ? MAX (field->min, field->min_value)
             : field->has_min ? field->min : field->min_value;
  double max = field->has_max && field->has_max_value ? MIN (field->max, field->max_value)
             : field->has_max ? field->max : field->max_value;
  g_autofree char *lo = format_bound (min);
  g_autofree char *hi = format_bound (max);

  if ((!has_min || d >= min) && (!has_max || d <= max))
    return;

  if (has_min && has_max)
    error_at (loader, node, _("the default of “%s”, %s, is not between %s and %s"),
              field->key, cb_node_get_scalar (node), lo, hi);
  else if (has_min)
    error_at (loader, node, _("the default of “%s”, %s, is less than its minimum, %s"),
              field->key, cb_node_get_scalar (node), lo);
  else
    error_at (loader, node, _("the default of “%s”, %s, is more than its maximum, %s"),
              field->key, cb_node_get_scalar (node), hi);
}

/* A text default of the length and form its validation asks for; an
 * empty one is a field left to fill in
 */
static void
check_default_text (CbSchemaLoader *loader,
                    CbField        *field,
                    CbNode         *node)
{
  const char *text = g_variant_get_string (field->default_value, NULL);
  glong length = g_utf8_strlen (text, -1);

  if (text[0] == '\0')
    return;

  if ((field->min_length >= 0 && length < field->min_length) ||
      (field->max_length >= 0 && length > field->max_length))
    error_at (loader, node,
              _("the default of “%s” has %ld characters, which its “validation” does not allow"),
              field->key, length);
  else if (field->pattern != NULL && !g_regex_match (field->pattern, text, 0, NULL))
    error_at (loader, node, _("the default of “%s”, “%s”, does not match its “pattern”"),
              field->key, text);
}

/* A default that the field can never hold is a mistake in the schema:
 * said when it loads, not when a command is built
 */
static void
check_default (CbSchemaLoader *loader,
               CbField        *field,
               CbNode         *node)
{
  CbNode *def = cb_node_lookup (node, "default");

  if (def == NULL || cb_node_is_null (def) || field->default_value == NULL)
    return;

  switch (field->type)
    {
    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      check_default_number (loader, field, def);
      break;

    case CB_FIELD_TEXT:
    case CB_FIELD_PATH:
      check_default_text (loader, field, def);
      break;

    /* A select's default that is not an option falls back to the first
     * option (see schemas/README.md): the list may be narrowed later
     */
    case CB_FIELD_SELECT:
    case CB_FIELD_MULTISELECT:
    case CB_FIELD_CHECKBOX:
    case CB_FIELD_INFO:
    default:
      break;
    }
}

/* `range: [a, b]`, the same as `min: a` and `max: b` */
static void
load_range (CbSchemaLoader *loader,
            CbField        *field,
            CbNode         *range)
{
  gboolean ok = cb_node_get_kind (range) == CB_NODE_SEQUENCE && cb_node_get_n_children (range) == 2;
  double a = 0, b = 0;

  ok = ok && cb_node_get_double (cb_node_get_child (range, 0), &a);
  ok = ok && cb_node_get_double (cb_node_get_child (range, 1), &b);
  if (!ok)
    {
      error_at (loader, range, _("“range” must be a list of two numbers, such as [0, 1]"));
      return;
    }
  if (!_cb_schema_check_finite (loader, cb_node_get_child (range, 0), "range", a) ||
      !_cb_schema_check_finite (loader, cb_node_get_child (range, 1), "range", b))
    return;
  if (a > b)
    {
      error_at (loader, range, _("“range” must list its lower bound first"));
      return;
    }

  field->has_min = field->has_max = TRUE;
  field->min = a;
  field->max = b;
}

static void
load_validation (CbSchemaLoader *loader,
                 CbField        *field,
                 CbNode         *node)
{
  CbNode *range;
  g_autofree char *pattern = NULL;

  if (!_cb_schema_expect_kind (loader, node, CB_NODE_MAPPING, "validation"))
    return;

  _cb_schema_check_known_keys (loader, node, validation_keys, _("validation"));

  _cb_schema_get_boolean (loader, node, "required", &field->required);
  field->required_if = _cb_schema_get_expr (loader, field, node, "required_if");

  _cb_schema_get_count (loader, node, "min_length", &field->min_length);
  _cb_schema_get_count (loader, node, "max_length", &field->max_length);
  field->has_min = _cb_schema_get_number (loader, node, "min", &field->min, NULL);
  field->has_max = _cb_schema_get_number (loader, node, "max", &field->max, NULL);

  if ((range = cb_node_lookup (node, "range")) != NULL)
    load_range (loader, field, range);

  pattern = _cb_schema_get_string (loader, node, "pattern");
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
load_number (CbSchemaLoader *loader,
             CbField        *field,
             CbNode         *map)
{
  gboolean integer = TRUE;
  CbNode *def = cb_node_lookup (map, "default");
  double d;

  field->has_min_value = _cb_schema_get_number (loader, map, "min_value", &field->min_value, &integer);
  field->has_max_value = _cb_schema_get_number (loader, map, "max_value", &field->max_value, &integer);
  _cb_schema_get_number (loader, map, "step", &field->step, &integer);
  if (def != NULL && !cb_node_is_null (def) && cb_node_get_kind (def) == CB_NODE_SCALAR &&
      !cb_node_get_int64 (def, &(gint64){ 0 }) && cb_node_get_double (def, &d))
    integer = FALSE;
  if (cb_number_format_is_decimal (field->format))
    integer = FALSE;
  cb_number_format_check (cb_node_lookup (map, "format"), loader->schema->path,
                          loader->schema->diagnostics);

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
load_extra_overrides (CbSchemaLoader *loader,
                      CbField        *field,
                      CbNode         *node)
{
  if (!_cb_schema_expect_kind (loader, node, CB_NODE_MAPPING, "extra_overrides"))
    return;

  _cb_schema_check_known_keys (loader, node, (const char * const[]){ "metadata", "key", NULL },
                               "extra_overrides");
  field->extra_metadata = _cb_schema_get_string (loader, node, "metadata");
  field->extra_key = _cb_schema_get_string (loader, node, "key");

  if (field->extra_metadata == NULL || field->extra_key == NULL)
    {
      error_at (loader, node, _("“extra_overrides” needs “metadata” (a metadata set) and “key”"));
      g_clear_pointer (&field->extra_metadata, g_free);
      g_clear_pointer (&field->extra_key, g_free);
      return;
    }

  if (loader->names != NULL && !cb_name_lookup_has_metadata_set (loader->names, field->extra_metadata))
    error_at (loader, cb_node_lookup (node, "metadata"),
              _("the project defines no metadata set “%s”"), field->extra_metadata);
}

static void
load_suffix (CbSchemaLoader *loader,
             CbField        *field,
             CbNode         *node)
{
  CbNode *parts;

  if (!_cb_schema_expect_kind (loader, node, CB_NODE_MAPPING, "suffix"))
    return;

  _cb_schema_check_known_keys (loader, node, (const char * const[]){ "parts", "separator", "when", NULL },
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

  field->suffix_parts = _cb_schema_get_string_list (loader, node, "parts", FALSE);
  field->suffix_separator = _cb_schema_get_string (loader, node, "separator");
  if (field->suffix_separator == NULL)
    field->suffix_separator = g_strdup ("-");
  field->suffix_when = _cb_schema_get_expr (loader, field, node, "when");
}

/* One of the words of @names, or -1 after an error naming them */
static int
get_choice (CbSchemaLoader     *loader,
            CbNode             *map,
            const char         *name,
            const char * const *names)
{
  g_autofree char *value = _cb_schema_get_string (loader, map, name);
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
load_writing (CbSchemaLoader *loader,
              CbField        *field,
              CbNode         *node)
{
  static const char * const operations[] = { "set", "add", "force_add", "delete", NULL };
  static const char * const empties[] = { "omit", "null", "empty", NULL };
  int choice;

  if ((choice = get_choice (loader, node, "operation", operations)) >= 0)
    field->operation = (CbOverrideOperation)choice;
  if ((choice = get_choice (loader, node, "when_empty", empties)) >= 0)
    field->when_empty = (CbEmptyValue)choice;
  field->emit_defaults = _cb_schema_get_expr (loader, field, node, "emit_defaults");
  _cb_schema_get_boolean (loader, node, "interpolation", &field->interpolation);
  _cb_schema_get_boolean (loader, node, "sweep", &field->sweep);

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

/* The Slurm resource the field's value also sets (`slurm: gpus`): a
 * number, a text or a choice, so that one field writes both the override
 * and the job's resource
 */
static void
load_slurm_resource (CbSchemaLoader *loader,
                     CbField        *field,
                     CbNode         *node)
{
  g_autofree char *name = _cb_schema_get_string (loader, node, "slurm");
  CbSlurmField resource;

  if (name == NULL)
    return;

  if (!cb_slurm_field_from_key (name, &resource))
    {
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
        g_string_append_printf (keys, "%s%s", i ? ", " : "", cb_slurm_field_get_key (i));
      error_at (loader, cb_node_lookup (node, "slurm"),
                _("“slurm” of “%s” must be a Slurm resource (%s), not “%s”"),
                field->key, keys->str, name);
      return;
    }
  if (field->type != CB_FIELD_TEXT && field->type != CB_FIELD_NUMBER &&
      field->type != CB_FIELD_SLIDER && field->type != CB_FIELD_SELECT)
    {
      warning_at (loader, cb_node_lookup (node, "slurm"),
                  _("“slurm” applies to text_input, number_input, slider and selectbox fields; "
                    "it is ignored"));
      return;
    }

  field->slurm_resource = resource;
}

/* A field with its key and type, or %NULL when the element is left out */
static CbField *
new_field (CbSchemaLoader *loader,
           CbNode         *node,
           guint           index)
{
  g_autoptr(CbField) field = NULL;
  g_autofree char *type = NULL;

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

  field->key = _cb_schema_get_string (loader, node, "key");
  if (field->key == NULL || field->key[0] == '\0')
    {
      error_at (loader, node, _("the element has no “key”"));
      return NULL;
    }

  type = _cb_schema_get_string (loader, node, "type");
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

  return g_steal_pointer (&field);
}

/* Where the field's default, help and options come from in the metadata:
 * texts, each kept in the field member of the same name
 */
static const struct
{
  const char *key;
  gsize       offset;
} metadata_keys[] = {
  { "architecture_key",           G_STRUCT_OFFSET (CbField, architecture_key) },
  { "architecture_fallback",      G_STRUCT_OFFSET (CbField, architecture_fallback) },
  { "filter_by_architecture_key", G_STRUCT_OFFSET (CbField, filter_by_architecture_key) },
  { "metadata_default_key",       G_STRUCT_OFFSET (CbField, metadata_default_key) },
  { "metadata_help_key",          G_STRUCT_OFFSET (CbField, metadata_help_key) },
  { "metadata_info_key",          G_STRUCT_OFFSET (CbField, metadata_info_key) },
  { "info_template",              G_STRUCT_OFFSET (CbField, info_template) },
  { "info_fallback",              G_STRUCT_OFFSET (CbField, info_fallback) },
  { "options_metadata_key",       G_STRUCT_OFFSET (CbField, options_metadata_key) },
  { "optimizer_key",              G_STRUCT_OFFSET (CbField, optimizer_key) },
  { "optimizer_fallback",         G_STRUCT_OFFSET (CbField, optimizer_fallback) },
  { "optimizer_metadata_key",     G_STRUCT_OFFSET (CbField, optimizer_metadata_key) },
  { "optimizer_help_key",         G_STRUCT_OFFSET (CbField, optimizer_help_key) },
};

static void
load_metadata_keys (CbSchemaLoader *loader,
                    CbField        *field,
                    CbNode         *node)
{
  /* The texts of an info field are read, and may be translated */
  for (guint i = 0; i < G_N_ELEMENTS (metadata_keys); i++)
    G_STRUCT_MEMBER (char *, field, metadata_keys[i].offset) =
      g_str_has_prefix (metadata_keys[i].key, "info_")
        ? _cb_schema_get_text (loader, node, metadata_keys[i].key)
        : _cb_schema_get_string (loader, node, metadata_keys[i].key);

  if (field->architecture_key == NULL)
    field->architecture_key = g_strdup ("architecture");
  if (field->optimizer_key == NULL)
    field->optimizer_key = g_strdup ("optimizer");
}

static void
load_mode (CbSchemaLoader *loader,
           CbField        *field,
           CbNode         *node)
{
  g_autofree char *mode = _cb_schema_get_string (loader, node, "mode");

  if (mode == NULL)
    return;

  if (field->type != CB_FIELD_PATH)
    warning_at (loader, cb_node_lookup (node, "mode"), _("“mode” applies to path fields only"));
  else if (strcmp (mode, "folder") == 0 || strcmp (mode, "directory") == 0)
    field->path_mode = CB_PATH_FOLDER;
  else if (strcmp (mode, "file") != 0)
    error_at (loader, cb_node_lookup (node, "mode"),
              _("“mode” must be “file” or “folder”, not “%s”"), mode);
}

/* The options of a select, and the names of the project it uses */
static void
check_names (CbSchemaLoader *loader,
             CbField        *field,
             CbNode         *node)
{
  CbNameLookup *names = loader->names;

  if ((field->type == CB_FIELD_SELECT || field->type == CB_FIELD_MULTISELECT) &&
      field->options == NULL && field->options_source == NULL &&
      field->options_metadata_key == NULL)
    error_at (loader, node, _("the select “%s” needs “options” or “options_source”"), field->key);

  if (names == NULL)
    return;

  if (field->options_source != NULL && !cb_name_lookup_has_source (names, field->options_source))
    error_at (loader, cb_node_lookup (node, "options_source"),
              _("the project defines no options source “%s”"), field->options_source);

  if (cb_field_uses_architecture (field) && !cb_name_lookup_has_metadata_set (names, "architecture"))
    error_at (loader, node,
              _("“%s” uses architecture metadata, but the project defines no metadata set "
                "“architecture”"),
              field->key);

  if (cb_field_uses_optimizer (field) && !cb_name_lookup_has_metadata_set (names, "optimizer"))
    error_at (loader, node,
              _("“%s” uses optimizer metadata, but the project defines no metadata set “optimizer”"),
              field->key);
}

/* The schema's default, else the value a field of its type starts with */
static void
load_default_value (CbSchemaLoader *loader,
                    CbField        *field,
                    CbNode         *node)
{
  load_default (loader, field, cb_node_lookup (node, "default"));
  if (field->default_value != NULL)
    return;

  if (field->type == CB_FIELD_CHECKBOX)
    field->default_value = g_variant_ref_sink (g_variant_new_boolean (FALSE));
  else if (field->type == CB_FIELD_TEXT || field->type == CB_FIELD_PATH)
    field->default_value = g_variant_ref_sink (g_variant_new_string (""));
  else if (field->type == CB_FIELD_SLIDER && field->has_min_value)
    field->default_value = field->integer
      ? g_variant_ref_sink (g_variant_new_int64 ((gint64)field->min_value))
      : g_variant_ref_sink (g_variant_new_double (field->min_value));
}

CbField *
_cb_schema_load_element (CbSchemaLoader *loader,
                         CbNode         *node,
                         guint           index)
{
  g_autoptr(CbField) field = new_field (loader, node, index);
  CbNode *child;

  if (field == NULL)
    return NULL;

  _cb_schema_check_known_keys (loader, node, element_keys, _("an element"));

  field->label = _cb_schema_get_text (loader, node, "label");
  if (field->label == NULL)
    field->label = g_strdup (field->key);
  field->help = _cb_schema_get_text (loader, node, "help");
  field->format = _cb_schema_get_string (loader, node, "format");
  field->targets = _cb_schema_get_string_list (loader, node, "hydra_override", TRUE);
  field->visible_if = _cb_schema_get_expr (loader, field, node, "visible_if");
  field->emit_if = _cb_schema_get_expr (loader, field, node, "emit_if");
  field->options_source = _cb_schema_get_string (loader, node, "options_source");
  load_metadata_keys (loader, field, node);

  if (field->type == CB_FIELD_NUMBER || field->type == CB_FIELD_SLIDER)
    load_number (loader, field, node);
  load_mode (loader, field, node);
  if ((child = cb_node_lookup (node, "options")) != NULL)
    load_options (loader, field, child);
  check_names (loader, field, node);
  load_default_value (loader, field, node);

  load_writing (loader, field, node);
  load_slurm_resource (loader, field, node);
  if ((child = cb_node_lookup (node, "validation")) != NULL && !cb_node_is_null (child))
    load_validation (loader, field, child);
  if ((child = cb_node_lookup (node, "extra_overrides")) != NULL && !cb_node_is_null (child))
    load_extra_overrides (loader, field, child);
  if ((child = cb_node_lookup (node, "suffix")) != NULL && !cb_node_is_null (child))
    load_suffix (loader, field, child);
  field->model_fields = _cb_schema_get_string_list (loader, node, "model_fields", FALSE);
  if (field->model_fields != NULL &&
      (field->type != CB_FIELD_SELECT || field->options_source == NULL))
    warning_at (loader, cb_node_lookup (node, "model_fields"),
                _("“model_fields” applies to selectbox fields over a “paths” source only; "
                  "it is ignored"));
  check_default (loader, field, node);

  if (field->type == CB_FIELD_INFO && field->targets != NULL)
    warning_at (loader, cb_node_lookup (node, "hydra_override"),
                _("an info element emits nothing; its “hydra_override” is ignored"));

  return g_steal_pointer (&field);
}
