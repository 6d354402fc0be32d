/* cb-form-values.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-form-private.h"
#include "cb-option.h"
#include "cb-sweep.h"

/* The values the user set: set one or several, load stored ones (dropping
 * those that no longer fit), reset, and what is worth storing. A value
 * equal to the field's default is not kept: the field follows its default.
 */

/* Stores @value as the user's, or forgets it when it is the default */
static gboolean
store_user_value (CbForm       *self,
                  CbFieldState *s,
                  GVariant     *value)
{
  g_autoptr(GVariant) v = NULL;

  if (value != NULL)
    {
      v = cb_field_coerce_value (s->field, value);
      if (v == NULL)
        return FALSE;
    }

  if (v != NULL && _cb_form_variant_same (v, s->def))
    g_clear_pointer (&v, g_variant_unref);

  /* A value replaces what was typed that was none, which goes from the
   * field's widget too
   */
  if (s->text != NULL)
    {
      g_clear_pointer (&s->text, g_free);
      s->changes |= CB_FIELD_CHANGED_VALUE;
      _cb_form_mark_dirty (self, s->field->index);
    }

  if (_cb_form_variant_same (v, s->user))
    return TRUE;

  g_clear_pointer (&s->user, g_variant_unref);
  s->user = g_steal_pointer (&v);
  _cb_form_mark_dirty (self, s->field->index);

  return TRUE;
}

/**
 * cb_form_set_value:
 * @key: a field key
 * @value: (nullable): the value, converted to the field's type; %NULL, or
 *   the field's default, makes the field follow its default again
 *
 * Returns: %FALSE when @key is not a field with a value, or @value does
 *   not fit its type
 */
gboolean
cb_form_set_value (CbForm     *self,
                   const char *key,
                   GVariant   *value)
{
  CbFieldState *s;

  g_return_val_if_fail (CB_IS_FORM (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  s = _cb_form_lookup_state (self, key);
  if (s == NULL || !cb_field_has_value (s->field))
    return FALSE;

  if (!store_user_value (self, s, value))
    return FALSE;

  _cb_form_resolve (self);
  return TRUE;
}

/**
 * cb_form_set_text:
 * @key: a field key
 * @text: what the user typed
 *
 * Sets a field from text the user typed. Text that is a value of the
 * field's type (cb_field_parse_value()) sets it; other text, such as
 * letters in a number, is kept as typed with an error
 * (%CB_FORM_MESSAGE_NOT_A_VALUE), and the field keeps its value: nothing
 * the user typed is replaced, and the command does not run with it.
 *
 * Returns: whether @text was a value of the field
 */
gboolean
cb_form_set_text (CbForm     *self,
                  const char *key,
                  const char *text)
{
  g_autoptr(GVariant) value = NULL;
  CbFieldState *s;

  g_return_val_if_fail (CB_IS_FORM (self), FALSE);
  g_return_val_if_fail (key != NULL && text != NULL, FALSE);

  s = _cb_form_lookup_state (self, key);
  if (s == NULL || !cb_field_has_value (s->field))
    return FALSE;

  value = cb_field_parse_value (s->field, text, NULL);
  if (value != NULL)
    return cb_form_set_value (self, key, value);

  if (g_strcmp0 (s->text, text) != 0)
    {
      g_free (s->text);
      s->text = g_strdup (text);
      s->changes |= CB_FIELD_CHANGED_VALUE;
      _cb_form_mark_dirty (self, s->field->index);
      _cb_form_resolve (self);
    }
  return FALSE;
}

/**
 * cb_form_get_text:
 *
 * Returns: (nullable): what the user typed into the field that is not a
 *   value of its type, or %NULL
 */
const char *
cb_form_get_text (CbForm *self,
                  guint   index)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);
  g_return_val_if_fail (index < self->n_states, NULL);

  return self->states[index].text;
}

/**
 * cb_form_set_values:
 * @values: an `a{sv}` of field keys to values
 *
 * Sets several values in one step: the form resolves once. Keys that are
 * not fields with a value, and values that do not fit, are skipped.
 */
void
cb_form_set_values (CbForm   *self,
                    GVariant *values)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_if_fail (CB_IS_FORM (self));
  g_return_if_fail (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT));

  /* Resolve after each value so that a default that depends on an earlier
   * value (the architecture's) is known when a later one is compared to it,
   * but announce only once.
   */
  self->batch++;
  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      CbFieldState *s = _cb_form_lookup_state (self, key);

      if (s != NULL && cb_field_has_value (s->field))
        {
          store_user_value (self, s, value);
          _cb_form_resolve (self);
        }
      g_variant_unref (value);
    }
  self->batch--;

  _cb_form_resolve (self);
}

/* Whether the user's value of a select or multiselect is, or holds, a
 * value that is no longer an option
 */
static gboolean
user_value_is_stale (CbForm       *self,
                     CbFieldState *s)
{
  /* A sweep's values that are no longer options are validation errors */
  if (s->user == NULL || s->all_options == NULL || cb_value_is_sweep (s->user))
    return FALSE;

  /* A checkpoint that is gone (or not scanned yet) is kept: the field
   * says that its file does not exist, and nothing typed is lost
   */
  if (_cb_form_over_paths (self, s->field))
    return FALSE;

  if (s->field->type == CB_FIELD_SELECT)
    return cb_options_find (s->all_options, _cb_form_string_of (s->user)) < 0;

  if (s->field->type == CB_FIELD_MULTISELECT)
    {
      gsize n = g_variant_n_children (s->user);

      for (gsize k = 0; k < n; k++)
        {
          const char *item;

          g_variant_get_child (s->user, k, "&s", &item);
          if (cb_options_find (s->all_options, item) < 0)
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * cb_form_load_values:
 * @values: stored values, an `a{sv}`
 *
 * Sets stored values, dropping those that no longer fit the schema: a key
 * it does not have, a value of the wrong type, an option that is gone.
 *
 * Returns: (transfer full) (nullable): the keys that were dropped, or
 *   %NULL when none was
 */
char **
cb_form_load_values (CbForm   *self,
                     GVariant *values)
{
  g_autoptr(GStrvBuilder) dropped = g_strv_builder_new ();
  g_autoptr(GVariantBuilder) kept = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) kept_values = NULL;
  gboolean any = FALSE;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);
  g_return_val_if_fail (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      CbFieldState *s = _cb_form_lookup_state (self, key);
      g_autoptr(GVariant) coerced = NULL;

      if (s != NULL && cb_field_has_value (s->field))
        coerced = cb_field_coerce_value (s->field, value);

      if (coerced != NULL)
        g_variant_builder_add (kept, "{sv}", key, coerced);
      else
        {
          g_strv_builder_add (dropped, key);
          any = TRUE;
        }
      g_variant_unref (value);
    }

  kept_values = g_variant_ref_sink (g_variant_builder_end (kept));
  cb_form_set_values (self, kept_values);

  /* Options are known only now: drop values that are no longer one */
  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];

      if (user_value_is_stale (self, s))
        {
          g_strv_builder_add (dropped, s->field->key);
          any = TRUE;
          store_user_value (self, s, NULL);
        }
    }
  _cb_form_resolve (self);

  return any ? g_strv_builder_end (dropped) : NULL;
}

/**
 * cb_form_reset:
 *
 * Forgets every value the user set.
 */
void
cb_form_reset (CbForm *self)
{
  g_return_if_fail (CB_IS_FORM (self));

  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];

      if (s->text != NULL)
        s->changes |= CB_FIELD_CHANGED_VALUE;
      if (s->user != NULL || s->text != NULL)
        {
          g_clear_pointer (&s->user, g_variant_unref);
          g_clear_pointer (&s->text, g_free);
          _cb_form_mark_dirty (self, i);
        }
    }

  _cb_form_resolve (self);
}

/**
 * cb_form_get_values:
 *
 * Returns: (transfer full): an `a{sv}` of the value of every visible field
 *   that has one, the user's or its default: what a command is made with
 */
GVariant *
cb_form_get_values (CbForm *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];

      if (s->visible && s->value != NULL && cb_field_has_value (s->field))
        g_variant_builder_add (&builder, "{sv}", s->field->key, s->value);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * cb_form_restore_values:
 * @values: an `a{sv}` of cb_form_get_user_values()
 *
 * Makes @values the values the user set, and only them, in one step: the
 * form is as it was when they were taken (an undo).
 */
void
cb_form_restore_values (CbForm   *self,
                        GVariant *values)
{
  g_return_if_fail (CB_IS_FORM (self));
  g_return_if_fail (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT));

  self->batch++;
  cb_form_reset (self);
  cb_form_set_values (self, values);
  self->batch--;

  _cb_form_resolve (self);
}

/**
 * cb_form_get_user_values:
 *
 * Returns: (transfer full): an `a{sv}` of the values the user set that
 *   differ from their resolved default: what is worth storing
 */
GVariant *
cb_form_get_user_values (CbForm *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];

      if (s->user != NULL && !_cb_form_variant_same (s->user, s->def))
        g_variant_builder_add (&builder, "{sv}", s->field->key, s->user);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}
