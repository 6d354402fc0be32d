/* cb-form-metadata.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-form-private.h"
#include "cb-override.h"
#include "cb-option.h"

/* What a field reads from metadata: the entry of the selected architecture
 * (or optimizer) gives options, narrows them, gives defaults, help and the
 * text of info fields.
 */

/* The entry of metadata set @set named by the field @key, or a fallback */
GVariant *
_cb_form_metadata_entry (CbForm     *self,
                         guint       index,
                         const char *set,
                         const char *key,
                         const char *fallback)
{
  CbFormScope scope = { self, index };
  CbFieldState *owner = _cb_form_lookup_state (self, key);
  GVariant *entry;

  entry = cb_project_get_metadata_entry (self->project, set,
                                         _cb_form_string_of (_cb_form_scope_lookup (key, &scope)));
  if (entry != NULL)
    return entry;

  if (fallback == NULL && owner != NULL)
    fallback = strcmp (set, "optimizer") == 0 ? owner->field->optimizer_fallback
                                              : owner->field->architecture_fallback;

  return cb_project_get_metadata_entry (self->project, set, fallback);
}

GVariant *
_cb_form_architecture_entry (CbForm *self,
                             guint   index)
{
  CbField *f = self->states[index].field;

  return _cb_form_metadata_entry (self, index, "architecture", f->architecture_key,
                                  f->architecture_fallback);
}

GVariant *
_cb_form_optimizer_entry (CbForm *self,
                          guint   index)
{
  CbField *f = self->states[index].field;

  return _cb_form_metadata_entry (self, index, "optimizer", f->optimizer_key, f->optimizer_fallback);
}

/* A list of strings from metadata, or NULL */
GPtrArray *
_cb_form_string_list (GVariant *value)
{
  GPtrArray *items;
  gsize n;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    return NULL;

  n = g_variant_n_children (value);
  items = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (child) : g_variant_ref (child);

      if (g_variant_is_of_type (item, G_VARIANT_TYPE_STRING))
        g_ptr_array_add (items, g_variant_dup_string (item, NULL));
      else if (!g_variant_is_container (item))
        g_ptr_array_add (items, cb_override_print_value (item));
    }

  return items;
}

gboolean
_cb_form_strings_contain (GPtrArray  *strings,
                          const char *value)
{
  return strings != NULL && value != NULL &&
         g_ptr_array_find_with_equal_func (strings, value, g_str_equal, NULL);
}

/* Options */

/* The field's static options, or those of its source */
static GListModel *
options_base (CbForm  *self,
              CbField *f)
{
  GListModel *source;

  if (f->options != NULL)
    return g_object_ref (f->options);
  if (f->options_source == NULL)
    return NULL;

  source = cb_project_get_source (self->project, f->options_source);
  return source ? g_object_ref (source) : NULL;
}

/* The options named by @values, reusing those of @base so that their
 * labels stay
 */
static GListModel *
options_from_values (GListModel *base,
                     GPtrArray  *values)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      gint64 pos = cb_options_find (base, value);

      if (pos >= 0)
        g_ptr_array_add (options, g_list_model_get_item (base, pos));
      else
        g_ptr_array_add (options, cb_option_new (value, NULL));
    }

  return cb_option_list_new (options);
}

/* @base narrowed to the values of @filter; narrowing that would leave
 * nothing, or change nothing, gives back @base
 */
static GListModel *
narrow_options (GListModel *base,
                GPtrArray  *filter)
{
  g_autoptr(GPtrArray) narrowed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) allowed = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (base);

  /* A set, so that long lists on both sides cost their lengths' sum */
  for (guint i = 0; i < filter->len; i++)
    g_hash_table_add (allowed, g_ptr_array_index (filter, i));

  for (guint i = 0; i < n; i++)
    {
      CbOption *option = g_list_model_get_item (base, i);

      if (g_hash_table_contains (allowed, cb_option_get_value (option)))
        g_ptr_array_add (narrowed, option);
      else
        g_object_unref (option);
    }

  if (narrowed->len == 0 || narrowed->len == n)
    return g_object_ref (base);

  return cb_option_list_new (narrowed);
}

/* The options of a select: its own, its source's or its metadata's, then
 * narrowed to the architecture's list; @all gets them before narrowing
 */
GListModel *
_cb_form_resolve_options (CbForm      *self,
                          guint        index,
                          GVariant    *arch,
                          GListModel **all)
{
  CbField *f = self->states[index].field;
  g_autoptr(GListModel) base = options_base (self, f);
  g_autoptr(GPtrArray) filter = NULL;

  if (f->options_metadata_key != NULL && arch != NULL)
    {
      g_autoptr(GVariant) list = cb_variant_lookup_path (arch, f->options_metadata_key);
      g_autoptr(GPtrArray) values = _cb_form_string_list (list);

      if (values != NULL)
        {
          GListModel *from_metadata = options_from_values (base, values);

          g_clear_object (&base);
          base = from_metadata;
        }
    }

  *all = base ? g_object_ref (base) : NULL;

  if (base == NULL || f->filter_by_architecture_key == NULL || arch == NULL)
    return g_steal_pointer (&base);

  {
    g_autoptr(GVariant) list = cb_variant_lookup_path (arch, f->filter_by_architecture_key);

    filter = _cb_form_string_list (list);
  }
  if (filter == NULL || filter->len == 0)
    return g_steal_pointer (&base);

  return narrow_options (base, filter);
}

/* Defaults */

/* The value at @path of a metadata entry, as the field holds it, or NULL */
static GVariant *
metadata_value (CbField    *f,
                GVariant   *entry,
                const char *path)
{
  g_autoptr(GVariant) raw = cb_variant_lookup_path (entry, path);

  return raw ? cb_field_coerce_value (f, raw) : NULL;
}

/* The field's default: the schema's, then the architecture's, then the
 * optimizer's; a select's default that is not an option is its first
 */
GVariant *
_cb_form_resolve_default (CbForm     *self,
                          guint       index,
                          GVariant   *arch,
                          GVariant   *optimizer,
                          GListModel *options)
{
  CbField *f = self->states[index].field;
  g_autoptr(GVariant) def = f->default_value ? g_variant_ref (f->default_value) : NULL;

  if (f->metadata_default_key != NULL && arch != NULL)
    {
      g_autoptr(GVariant) v = metadata_value (f, arch, f->metadata_default_key);

      if (v != NULL)
        {
          g_clear_pointer (&def, g_variant_unref);
          def = g_steal_pointer (&v);
        }
    }

  if (f->optimizer_metadata_key != NULL && optimizer != NULL)
    {
      g_autofree char *path = g_strconcat (f->optimizer_metadata_key, ".default", NULL);
      g_autoptr(GVariant) v = metadata_value (f, optimizer, path);

      if (v != NULL)
        {
          g_clear_pointer (&def, g_variant_unref);
          def = g_steal_pointer (&v);
        }
    }

  /* A non-empty default that is not an option falls back to the first */
  if (f->type == CB_FIELD_SELECT && options != NULL && !cb_value_is_empty (def) &&
      cb_options_find (options, _cb_form_string_of (def)) < 0)
    {
      g_autoptr(CbOption) first = g_list_model_get_item (options, 0);

      g_clear_pointer (&def, g_variant_unref);
      if (first != NULL)
        def = g_variant_ref_sink (g_variant_new_string (cb_option_get_value (first)));
    }

  return g_steal_pointer (&def);
}

/* Help and info */

/* The text at @path of a metadata entry: a text as it is, a list joined
 * with commas after @prefix_list, a scalar as Hydra spells it
 */
static char *
metadata_text (GVariant   *entry,
               const char *path,
               const char *prefix_list)
{
  g_autoptr(GVariant) v = cb_variant_lookup_text (entry, path);
  g_autoptr(GPtrArray) items = NULL;

  if (v == NULL)
    return NULL;
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (v, NULL);

  items = _cb_form_string_list (v);
  if (items != NULL)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (items, NULL);
      joined = g_strjoinv (", ", (char **)items->pdata);
      return prefix_list ? g_strdup_printf ("%s %s", prefix_list, joined) : g_steal_pointer (&joined);
    }

  if (!g_variant_is_container (v))
    return cb_override_print_value (v);

  return NULL;
}

/* The field's help, then what its architecture and optimizer entries add,
 * one per line
 */
char *
_cb_form_resolve_help (CbForm   *self,
                       guint     index,
                       GVariant *arch,
                       GVariant *optimizer)
{
  CbField *f = self->states[index].field;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (f->help != NULL && f->help[0] != '\0')
    g_ptr_array_add (parts, g_strdup (f->help));

  if (f->metadata_help_key != NULL && arch != NULL)
    {
      const char *prefix = NULL;
      char *text;

      switch (cb_metadata_list_kind_for_key (f->metadata_help_key))
        {
        case CB_METADATA_LIST_COMPATIBLE:
          prefix = _("Compatible:");
          break;
        case CB_METADATA_LIST_RECOMMENDED:
          prefix = _("Recommended:");
          break;
        case CB_METADATA_LIST_PLAIN:
        default:
          break;
        }

      if ((text = metadata_text (arch, f->metadata_help_key, prefix)) != NULL)
        g_ptr_array_add (parts, text);
    }

  if (f->optimizer_help_key != NULL && optimizer != NULL)
    {
      char *text = metadata_text (optimizer, f->optimizer_help_key, NULL);

      if (text != NULL)
        g_ptr_array_add (parts, text);
    }

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\n", (char **)parts->pdata);
}

/* A mapping as lines of `key: value` */
static char *
mapping_lines (GVariant *mapping)
{
  GString *out = g_string_new (NULL);
  GVariantIter iter;
  const char *key;
  GVariant *item;

  g_variant_iter_init (&iter, mapping);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &item))
    {
      g_autofree char *text = cb_override_print_value (item);

      g_string_append_printf (out, "%s%s: %s", out->len ? "\n" : "", key, text);
      g_variant_unref (item);
    }

  return g_string_free (out, FALSE);
}

/* Fills `{name}` in @template from the mapping @v, or `{value}` from any
 * @v; a name with nothing to fill it becomes a dash
 */
static char *
fill_template (const char *template,
               GVariant   *v)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p; p++)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p + 1, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);
          g_autoptr(GVariant) item = NULL;

          if (strcmp (name, "value") == 0 && v != NULL)
            item = g_variant_ref (v);
          else if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT))
            item = cb_variant_lookup_path (v, name);

          if (item == NULL)
            g_string_append (out, "—");
          else if (g_variant_is_of_type (item, G_VARIANT_TYPE_STRING))
            g_string_append (out, g_variant_get_string (item, NULL));
          else
            {
              g_autofree char *text = metadata_text (item, NULL, NULL);

              g_string_append (out, text ? text : "");
            }
          p = close;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The text of an info field, from its architecture entry */
char *
_cb_form_resolve_info (CbForm   *self,
                       guint     index,
                       GVariant *arch)
{
  CbField *f = self->states[index].field;
  const char *fallback = f->info_fallback ? f->info_fallback : "";
  g_autoptr(GVariant) v = NULL;

  if (f->type != CB_FIELD_INFO)
    return NULL;

  if (f->metadata_info_key != NULL)
    {
      v = arch ? cb_variant_lookup_path (arch, f->metadata_info_key) : NULL;
      if (v == NULL)
        return g_strdup (fallback);
    }

  if (f->info_template != NULL)
    return fill_template (f->info_template, v);

  if (v == NULL)
    return g_strdup (fallback);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT))
    return mapping_lines (v);

  return metadata_text (arch, f->metadata_info_key, NULL);
}
