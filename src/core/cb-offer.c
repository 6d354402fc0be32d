/* cb-offer.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-offer.h"
#include "cb-option.h"

/**
 * CbOffer:
 *
 * What a run offers one form: the checkpoint it wrote, and the values it
 * would put into the form's fields (the fields over the checkpoint's
 * source, and any other value that goes with that checkpoint). The form
 * takes an offer, or shows it for the user to take (see #CbOffers).
 *
 * Values keep the order they were added in, so that taking an offer sets
 * them in that order.
 */
struct _CbOffer
{
  gatomicrefcount  ref_count;
  char            *origin;
  char            *checkpoint;
  GPtrArray       *keys;    /* char * */
  GPtrArray       *values;  /* GVariant *, by key */
};

G_DEFINE_BOXED_TYPE (CbOffer, cb_offer, cb_offer_ref, cb_offer_unref)

/**
 * cb_offer_new:
 * @origin: the schema id of the run that wrote @checkpoint
 * @checkpoint: the checkpoint's path, relative to the project
 *
 * Returns: (transfer full): an offer with no values yet
 */
CbOffer *
cb_offer_new (const char *origin,
              const char *checkpoint)
{
  CbOffer *self;

  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (checkpoint != NULL, NULL);

  self = g_new0 (CbOffer, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->origin = g_strdup (origin);
  self->checkpoint = g_strdup (checkpoint);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  return self;
}

CbOffer *
cb_offer_ref (CbOffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cb_offer_unref (CbOffer *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->origin);
  g_free (self->checkpoint);
  g_ptr_array_unref (self->keys);
  g_ptr_array_unref (self->values);
  g_free (self);
}

const char *
cb_offer_get_origin (CbOffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->origin;
}

const char *
cb_offer_get_checkpoint (CbOffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->checkpoint;
}

/**
 * cb_offer_add_value:
 * @key: a field key
 * @value: the value the offer puts there; a floating reference is sunk
 *
 * Adds a value, or replaces the one of @key.
 */
void
cb_offer_add_value (CbOffer    *self,
                    const char *key,
                    GVariant   *value)
{
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  g_variant_ref_sink (value);
  if (g_ptr_array_find_with_equal_func (self->keys, key, g_str_equal, &index))
    {
      g_variant_unref (self->values->pdata[index]);
      self->values->pdata[index] = value;
      return;
    }

  g_ptr_array_add (self->keys, g_strdup (key));
  g_ptr_array_add (self->values, value);
}

guint
cb_offer_get_n_values (CbOffer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->keys->len;
}

const char *
cb_offer_get_key (CbOffer *self,
                  guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->keys->len, NULL);

  return g_ptr_array_index (self->keys, index);
}

/**
 * cb_offer_get_value:
 *
 * Returns: (transfer none): the value of the @index-th key
 */
GVariant *
cb_offer_get_value (CbOffer *self,
                    guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->values->len, NULL);

  return g_ptr_array_index (self->values, index);
}

/**
 * cb_offer_lookup_value:
 *
 * Returns: (transfer none) (nullable): the value the offer puts into @key
 */
GVariant *
cb_offer_lookup_value (CbOffer    *self,
                       const char *key)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  if (!g_ptr_array_find_with_equal_func (self->keys, key, g_str_equal, &index))
    return NULL;
  return g_ptr_array_index (self->values, index);
}

/**
 * cb_offer_equal:
 *
 * Returns: whether @a and @b offer the same checkpoint from the same page,
 *   with the same values
 */
gboolean
cb_offer_equal (CbOffer *a,
                CbOffer *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (g_strcmp0 (a->origin, b->origin) != 0 || g_strcmp0 (a->checkpoint, b->checkpoint) != 0 ||
      a->keys->len != b->keys->len)
    return FALSE;

  for (guint i = 0; i < a->keys->len; i++)
    {
      GVariant *other = cb_offer_lookup_value (b, g_ptr_array_index (a->keys, i));

      if (other == NULL || !g_variant_equal (other, g_ptr_array_index (a->values, i)))
        return FALSE;
    }

  return TRUE;
}

/**
 * cb_offer_describe_model:
 * @form: (nullable): the form the offer is for, which names its fields
 *   and options
 *
 * Returns: (transfer full) (nullable): the values of the offer other than
 *   the checkpoint, as “Architecture: psenet, Backbone: resnet50”; %NULL
 *   when it has none
 */
char *
cb_offer_describe_model (CbOffer *self,
                         CbForm  *form)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->keys, i);
      GVariant *value = g_ptr_array_index (self->values, i);
      CbField *field = form ? cb_schema_lookup_field (cb_form_get_schema (form), key) : NULL;
      g_autofree char *shown = NULL;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          g_strcmp0 (g_variant_get_string (value, NULL), self->checkpoint) == 0)
        continue;

      if (field != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          GListModel *options = cb_form_get_options (form, field->index);
          gint64 pos = cb_options_find (options, g_variant_get_string (value, NULL));

          if (pos >= 0)
            {
              g_autoptr(CbOption) option = g_list_model_get_item (options, pos);

              shown = g_strdup (cb_option_get_label (option));
            }
        }
      if (shown == NULL && field != NULL)
        shown = cb_field_value_to_text (field, value);
      else if (shown == NULL)
        shown = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                  ? g_variant_dup_string (value, NULL) : g_variant_print (value, FALSE);

      /* Translators: a field's label and its value, in a list */
      g_string_append_printf (text, text->len ? _(", %s: %s") : _("%s: %s"),
                              field && field->label ? field->label : key, shown);
    }

  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * cb_offer_get_message:
 * @form: (nullable): the form the offer waits on, which names its fields
 *
 * Returns: (transfer full): what the offer says to the user
 */
char *
cb_offer_get_message (CbOffer *self,
                      CbForm  *form)
{
  g_autofree char *model = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  model = cb_offer_describe_model (self, form);
  if (model == NULL)
    /* Translators: the first %s is a page (a schema id), the second a file */
    return g_strdup_printf (_("The %s run wrote a new checkpoint: %s"),
                            self->origin, self->checkpoint);

  /* Translators: the first %s is a page (a schema id), the second a file, the
   * third a list of fields and values such as “Architecture: psenet, Backbone: resnet50”
   */
  return g_strdup_printf (_("The %s run wrote a new checkpoint: %s (trained with %s)."),
                          self->origin, self->checkpoint, model);
}
