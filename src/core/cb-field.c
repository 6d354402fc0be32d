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
};

CbField *
cb_field_new (void)
{
  CbField *self = g_new0 (CbField, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->min_length = -1;
  self->max_length = -1;

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

/* A number as the field holds it: `x` for whole numbers, `d` otherwise */
static GVariant *
coerce_number (const CbField *self,
               GVariant      *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    {
      if (self->integer)
        return g_variant_ref (v);
      return g_variant_ref_sink (g_variant_new_double ((double)g_variant_get_int64 (v)));
    }

  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_variant_get_double (v);

      if (self->integer && d == floor (d) && fabs (d) < 9.0e15)
        return g_variant_ref_sink (g_variant_new_int64 ((gint64)d));
      if (self->integer)
        return NULL;
      return g_variant_ref (v);
    }

  return NULL;
}

/* A list of texts: each item of a list as text, or a scalar as a list of
 * one (none for an empty text)
 */
static GVariant *
coerce_list (GVariant *v)
{
  GVariantBuilder builder;
  gsize n;

  if (!g_variant_is_of_type (v, G_VARIANT_TYPE_ARRAY))
    {
      g_autofree char *text = scalar_to_string (v);
      const char *items[] = { text, NULL };

      if (text == NULL)
        return NULL;
      return g_variant_ref_sink (g_variant_new_strv (items, text[0] ? 1 : 0));
    }

  n = g_variant_n_children (v);
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

/**
 * cb_field_coerce_value:
 * @value: (nullable): a value from YAML, metadata or settings
 *
 * Converts a value to the type the field holds: `b` for checkboxes, `x` or
 * `d` for numbers, `s` for texts, paths and selects, `as` for multiselects.
 * A number becomes the text of a select (`32` is the option `"32"`).
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

  switch (self->type)
    {
    case CB_FIELD_CHECKBOX:
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
        return g_steal_pointer (&v);
      return NULL;

    case CB_FIELD_NUMBER:
    case CB_FIELD_SLIDER:
      return coerce_number (self, v);

    case CB_FIELD_MULTISELECT:
      return coerce_list (v);

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
 * the text as is otherwise.
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
 *   field's `format`, lists comma-separated
 */
char *
cb_field_value_to_text (const CbField *self,
                        GVariant      *value)
{
  if (value == NULL)
    return g_strdup ("");

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
