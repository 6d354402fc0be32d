/* cb-field.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-field.h"
#include "cb-number-format.h"
#include "cb-option.h"
#include "cb-override.h"
#include "cb-sweep.h"

G_DEFINE_BOXED_TYPE (CbField, cb_field, cb_field_ref, cb_field_unref)

static const char * const type_names[] = {
  [CB_FIELD_TEXT] = "text_input",
  [CB_FIELD_NUMBER] = "number_input",
  [CB_FIELD_CHECKBOX] = "checkbox",
  [CB_FIELD_SELECT] = "selectbox",
  [CB_FIELD_MULTISELECT] = "multiselect",
  [CB_FIELD_SLIDER] = "slider",
  [CB_FIELD_INFO] = "info",
  [CB_FIELD_PATH] = "path",
  [CB_FIELD_LIST] = "list_input",
};

CbField *
cb_field_new (void)
{
  CbField *self = g_new0 (CbField, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->min_length = -1;
  self->max_length = -1;
  self->slurm_resource = -1;

  return self;
}

CbField *
cb_field_ref (CbField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cb_field_unref (CbField *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->key);
  g_free (self->label);
  g_free (self->help);
  g_clear_pointer (&self->default_value, g_variant_unref);
  g_strfreev (self->targets);
  g_clear_pointer (&self->visible_if, cb_expr_unref);
  g_clear_pointer (&self->emit_if, cb_expr_unref);
  g_clear_pointer (&self->emit_defaults, cb_expr_unref);
  g_clear_pointer (&self->required_if, cb_expr_unref);
  g_clear_pointer (&self->pattern, g_regex_unref);
  g_clear_object (&self->options);
  g_free (self->options_source);
  g_free (self->format);
  g_free (self->architecture_key);
  g_free (self->architecture_fallback);
  g_free (self->filter_by_architecture_key);
  g_free (self->metadata_default_key);
  g_free (self->metadata_help_key);
  g_free (self->metadata_info_key);
  g_free (self->info_template);
  g_free (self->info_fallback);
  g_free (self->options_metadata_key);
  g_free (self->optimizer_key);
  g_free (self->optimizer_fallback);
  g_free (self->optimizer_metadata_key);
  g_free (self->optimizer_help_key);
  g_free (self->extra_metadata);
  g_free (self->extra_key);
  g_strfreev (self->suffix_parts);
  g_strfreev (self->model_fields);
  g_free (self->suffix_separator);
  g_clear_pointer (&self->suffix_when, cb_expr_unref);
  g_free (self->fingerprint);
  g_free (self->file);
  g_free (self);
}

const char *
cb_field_type_to_string (CbFieldType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (type_names), NULL);

  return type_names[type];
}

gboolean
cb_field_type_from_string (const char  *name,
                           CbFieldType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (type_names[i], name) == 0)
      {
        *type = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * cb_field_has_value:
 *
 * Returns: whether the field holds a value (every type but `info`)
 */
gboolean
cb_field_has_value (const CbField *self)
{
  return self->type != CB_FIELD_INFO;
}

/**
 * cb_field_uses_architecture:
 *
 * Returns: whether the field reads the architecture's metadata entry
 */
gboolean
cb_field_uses_architecture (const CbField *self)
{
  return self->filter_by_architecture_key != NULL ||
         self->metadata_default_key != NULL ||
         self->metadata_help_key != NULL ||
         self->metadata_info_key != NULL ||
         self->options_metadata_key != NULL;
}

/**
 * cb_field_uses_optimizer:
 *
 * Returns: whether the field reads the optimizer's metadata entry
 */
gboolean
cb_field_uses_optimizer (const CbField *self)
{
  return self->optimizer_metadata_key != NULL || self->optimizer_help_key != NULL;
}

/**
 * cb_field_holds_list:
 *
 * Returns: whether the field's value is a list of texts: a multiselect or
 *   a list_input
 */
gboolean
cb_field_holds_list (const CbField *self)
{
  return self->type == CB_FIELD_MULTISELECT || self->type == CB_FIELD_LIST;
}

/**
 * cb_field_can_sweep:
 *
 * Returns: whether `sweep: true` applies to the field's type: a text, a
 *   number, a slider or a select
 */
gboolean
cb_field_can_sweep (const CbField *self)
{
  return self->type == CB_FIELD_TEXT || self->type == CB_FIELD_NUMBER ||
         self->type == CB_FIELD_SLIDER || self->type == CB_FIELD_SELECT;
}

/**
 * cb_field_override_flags:
 *
 * Returns: how the field's texts are written: the options of a select or
 *   multiselect in Hydra's own spelling; the `${...}` of a field with
 *   `interpolation: true` as interpolations; any other text as the very
 *   text Hydra must read
 */
CbOverrideFlags
cb_field_override_flags (const CbField *self)
{
  CbOverrideFlags flags = 0;

  if (self->type == CB_FIELD_SELECT || self->type == CB_FIELD_MULTISELECT)
    flags |= CB_OVERRIDE_KEEP_TYPED;
  if (self->interpolation)
    flags |= CB_OVERRIDE_INTERPOLATION;

  return flags;
}

/**
 * cb_value_is_empty:
 *
 * Returns: whether a value is null, an empty string or an empty list: a
 *   field with such a value emits nothing
 */
gboolean
cb_value_is_empty (GVariant *value)
{
  if (value == NULL)
    return TRUE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (value, NULL)[0] == '\0';
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    return g_variant_n_children (value) == 0;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    return g_variant_n_children (value) == 0;

  return FALSE;
}

/**
 * cb_metadata_list_kind_for_key:
 * @key: (nullable): the path of a list in a metadata entry, such as
 *   `compatible_backbones`
 *
 * Returns: what the list at @key means
 */
CbMetadataListKind
cb_metadata_list_kind_for_key (const char *key)
{
  if (key == NULL)
    return CB_METADATA_LIST_PLAIN;
  if (g_str_has_prefix (key, "compatible_"))
    return CB_METADATA_LIST_COMPATIBLE;
  if (g_str_has_prefix (key, "recommended_"))
    return CB_METADATA_LIST_RECOMMENDED;

  return CB_METADATA_LIST_PLAIN;
}

static GVariant *
unbox (GVariant *value)
{
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      return unbox (inner);
    }
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      return inner ? unbox (inner) : NULL;
    }

  return value ? g_variant_ref (value) : NULL;
}

static char *
scalar_to_string (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return cb_override_print_value (value);

  return NULL;
}

static GVariant *coerce_sweep (const CbField *self,
                               GVariant      *sweep);

/**
 * cb_field_coerce_value:
 * @value: (nullable): a value from YAML, metadata or settings
 *
 * Converts a value to the type the field holds: `b` for checkboxes, `x` or
 * `d` for numbers, `s` for texts, paths and selects, `as` for multiselects
 * and lists; a sweep (see cb-sweep.h) for a field that sweeps. A number
 * becomes the text of a select (`32` is the option `"32"`).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when it is null
 *   or cannot be converted
 */
GVariant *
cb_field_coerce_value (const CbField *self,
                       GVariant      *value)
{
  g_autoptr(GVariant) v = unbox (value);

  if (v == NULL)
    return NULL;

  if (cb_value_is_sweep (v))
    return self->sweep ? coerce_sweep (self, v) : NULL;

  switch (self->type)
    {
    case CB_FIELD_CHECKBOX:
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
        return g_steal_pointer (&v);
      return NULL;

    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        {
          if (self->integer)
            return g_steal_pointer (&v);
          return g_variant_ref_sink (g_variant_new_double ((double)g_variant_get_int64 (v)));
        }
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        {
          double d = g_variant_get_double (v);

          if (self->integer && d == floor (d) && fabs (d) < 9.0e15)
            return g_variant_ref_sink (g_variant_new_int64 ((gint64)d));
          if (self->integer)
            return NULL;
          return g_steal_pointer (&v);
        }
      return NULL;

    case CB_FIELD_MULTISELECT:
    case CB_FIELD_LIST:
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_ARRAY))
        {
          GVariantBuilder builder;
          gsize n = g_variant_n_children (v);

          g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
          for (gsize i = 0; i < n; i++)
            {
              g_autoptr(GVariant) child = g_variant_get_child_value (v, i);
              g_autoptr(GVariant) item = unbox (child);
              g_autofree char *text = item ? scalar_to_string (item) : NULL;

              if (text == NULL)
                {
                  g_variant_builder_clear (&builder);
                  return NULL;
                }
              g_variant_builder_add (&builder, "s", text);
            }
          return g_variant_ref_sink (g_variant_builder_end (&builder));
        }
      else
        {
          g_autofree char *text = scalar_to_string (v);
          const char *items[] = { text, NULL };

          if (text == NULL)
            return NULL;
          return g_variant_ref_sink (g_variant_new_strv (items, text[0] ? 1 : 0));
        }

    case CB_FIELD_TEXT:
    case CB_FIELD_SELECT:
    case CB_FIELD_PATH:
      {
        char *text = scalar_to_string (v);

        if (text == NULL)
          return NULL;
        return g_variant_ref_sink (g_variant_new_take_string (text));
      }

    case CB_FIELD_INFO:
    default:
      return NULL;
    }
}

/**
 * cb_field_parse_value:
 * @text: a value as typed on a command line (`--set key=text`)
 *
 * Parses @text by the field's type: `true` or `false` for a checkbox, a
 * number for a number or slider, comma-separated values for a multiselect,
 * values separated by commas (see cb_text_split_items()) for a list, the
 * text as is otherwise.
 *
 * Returns: (transfer full): the value, or %NULL with @error set
 */
GVariant *
cb_field_parse_value (const CbField  *self,
                      const char     *text,
                      GError        **error)
{
  switch (self->type)
    {
    case CB_FIELD_CHECKBOX:
      if (g_ascii_strcasecmp (text, "true") == 0)
        return g_variant_ref_sink (g_variant_new_boolean (TRUE));
      if (g_ascii_strcasecmp (text, "false") == 0)
        return g_variant_ref_sink (g_variant_new_boolean (FALSE));
      g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                   _("“%s” is a checkbox: its value is true or false, not “%s”"),
                   self->key, text);
      return NULL;

    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      {
        char *end = NULL;
        const char *t = text;

        while (g_ascii_isspace (*t))
          t++;
        errno = 0;
        if (self->integer)
          {
            gint64 v = g_ascii_strtoll (t, &end, 10);

            if (*t != '\0' && end != NULL && *end == '\0' && errno == 0)
              return g_variant_ref_sink (g_variant_new_int64 (v));
            g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                         _("“%s” takes a whole number, not “%s”"), self->key, text);
          }
        else
          {
            double v = g_ascii_strtod (t, &end);

            if (*t != '\0' && end != NULL && *end == '\0' && errno == 0 && isfinite (v))
              return g_variant_ref_sink (g_variant_new_double (v));
            g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                         _("“%s” takes a number, not “%s”"), self->key, text);
          }
        return NULL;
      }

    case CB_FIELD_LIST:
      {
        g_auto(GStrv) items = cb_text_split_items (text, TRUE, error);

        if (items == NULL)
          return NULL;
        return g_variant_ref_sink (g_variant_new_strv ((const char * const *)items, -1));
      }

    case CB_FIELD_MULTISELECT:
      {
        g_auto(GStrv) parts = text[0] ? g_strsplit (text, ",", -1) : g_new0 (char *, 1);

        for (guint i = 0; parts[i]; i++)
          g_strstrip (parts[i]);
        return g_variant_ref_sink (g_variant_new_strv ((const char * const *)parts, -1));
      }

    case CB_FIELD_INFO:
      g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                   _("“%s” shows information and takes no value"), self->key);
      return NULL;

    case CB_FIELD_TEXT:
    case CB_FIELD_SELECT:
    case CB_FIELD_PATH:
    default:
      return g_variant_ref_sink (g_variant_new_string (text));
    }
}

/**
 * cb_field_value_to_text:
 *
 * Returns: (transfer full): the value as a user reads it: numbers in the
 *   field's `format`, lists comma-separated (a list field's as
 *   cb_field_parse_value() reads them back), a sweep as it is typed
 */
char *
cb_field_value_to_text (const CbField *self,
                        GVariant      *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (cb_value_is_sweep (value))
    return cb_sweep_to_text (value);

  if (self->type == CB_FIELD_LIST && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      return cb_text_join_items (items);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      return g_strjoinv (", ", (char **)items);
    }

  if (self->format != NULL &&
      (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE) ||
       g_variant_is_of_type (value, G_VARIANT_TYPE_INT64)))
    {
      double d = g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
                   ? g_variant_get_double (value)
                   : (double)g_variant_get_int64 (value);

      return cb_number_format_print (self->format, d);
    }

  return cb_override_print_value (value);
}

/* Sweeps */

/* An item of a sweep, converted as a value of the field: a number for a
 * range, a text for a glob's pattern
 */
static GVariant *
coerce_sweep_item (const CbField *self,
                   CbSweepKind    kind,
                   GVariant      *item)
{
  g_autoptr(GVariant) v = unbox (item);

  if (v == NULL || cb_value_is_sweep (v))
    return NULL;

  switch (kind)
    {
    case CB_SWEEP_RANGE:
      if (self->type != CB_FIELD_NUMBER && self->type != CB_FIELD_SLIDER)
        return NULL;
      return cb_field_coerce_value (self, v);

    case CB_SWEEP_GLOB:
      if (self->type != CB_FIELD_SELECT || !g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        return NULL;
      return g_steal_pointer (&v);

    case CB_SWEEP_LIST:
    default:
      return cb_field_coerce_value (self, v);
    }
}

static GVariant *
coerce_sweep (const CbField *self,
              GVariant      *sweep)
{
  CbSweepKind kind = cb_sweep_get_kind (sweep);
  g_autoptr(GVariant) items = cb_sweep_get_items (sweep);
  g_autoptr(GPtrArray) coerced = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  gsize n = g_variant_n_children (items);

  if (n == 0 || (kind == CB_SWEEP_RANGE && n != 3))
    return NULL;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (items, i);
      GVariant *v = coerce_sweep_item (self, kind, item);

      if (v == NULL)
        return NULL;
      g_ptr_array_add (coerced, v);
    }

  return cb_sweep_new (kind, coerced);
}

/**
 * cb_field_parse_sweep:
 * @text: a sweep as a user types it: values separated by commas,
 *   `range(START, STOP, STEP)` for a number, `glob(PATTERN, …)` for a
 *   select
 *
 * Parses the sweep of a field with `sweep: true`, each value by the
 * field's type. A range without a step steps by 1.
 *
 * Returns: (transfer full): the sweep, or %NULL with @error set
 */
GVariant *
cb_field_parse_sweep (const CbField  *self,
                      const char     *text,
                      GError        **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  g_auto(GStrv) items = NULL;
  CbSweepKind kind;

  if (!self->sweep)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                   _("“%s” does not sweep: its schema does not say “sweep: true”"), self->key);
      return NULL;
    }

  items = cb_sweep_split_text (text, &kind, error);
  if (items == NULL)
    return NULL;

  if (kind == CB_SWEEP_RANGE && self->type != CB_FIELD_NUMBER && self->type != CB_FIELD_SLIDER)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                   _("“%s” is not a number, so it cannot sweep a range"), self->key);
      return NULL;
    }
  if (kind == CB_SWEEP_GLOB && self->type != CB_FIELD_SELECT)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                   _("“%s” has no options, so it cannot sweep a glob"), self->key);
      return NULL;
    }

  for (guint i = 0; items[i] != NULL; i++)
    {
      GVariant *v = kind == CB_SWEEP_GLOB ? g_variant_ref_sink (g_variant_new_string (items[i]))
                                          : cb_field_parse_value (self, items[i], error);

      if (v == NULL)
        return NULL;
      g_ptr_array_add (values, v);
    }

  if (kind == CB_SWEEP_RANGE && values->len == 2)
    g_ptr_array_add (values, self->integer ? g_variant_ref_sink (g_variant_new_int64 (1))
                                           : g_variant_ref_sink (g_variant_new_double (1.0)));

  return cb_sweep_new (kind, values);
}
