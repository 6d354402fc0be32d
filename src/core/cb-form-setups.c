/* cb-form-setups.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-form-private.h"

/* Suggested setups: the list at `use_cases` of the selected architecture's
 * metadata entry (the key keeps its name, so that existing metadata reads
 * unchanged), each an id, a title, a description and the values it
 * recommends. A form applies one in a single step, and says which one its
 * values match.
 */

static GVariant *
schema_architecture_entry (CbForm *self)
{
  CbFieldState *s = _cb_form_lookup_state (self, "architecture");

  for (guint i = 0; s == NULL && i < self->n_states; i++)
    if (cb_field_uses_architecture (self->states[i].field))
      s = _cb_form_lookup_state (self, self->states[i].field->architecture_key);

  if (s == NULL)
    return NULL;

  return _cb_form_metadata_entry (self, s->field->index + 1, "architecture", s->field->key,
                                  s->field->architecture_fallback);
}

/* The item @i of a metadata list, unboxed */
static GVariant *
list_item (GVariant *list,
           gsize     i)
{
  g_autoptr(GVariant) child = g_variant_get_child_value (list, i);

  return g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT) ? g_variant_get_variant (child)
                                                               : g_variant_ref (child);
}

/**
 * cb_form_get_setups:
 *
 * Returns: (transfer full) (nullable): the suggested setups of the selected
 *   architecture (its metadata's `use_cases`): a list of
 *   `{id, title, description, recommendations}`
 */
GVariant *
cb_form_get_setups (CbForm *self)
{
  GVariant *entry;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (!cb_project_has_metadata_set (self->project, "architecture"))
    return NULL;

  entry = schema_architecture_entry (self);
  return entry ? cb_variant_lookup_path (entry, "use_cases") : NULL;
}

typedef gboolean (*SetupMatch) (CbForm     *self,
                                GVariant   *setup,
                                const char *id);

/* The first setup that @match accepts */
static GVariant *
find_setup (CbForm     *self,
            SetupMatch  match,
            const char *id)
{
  g_autoptr(GVariant) setups = cb_form_get_setups (self);
  gsize n;

  if (setups == NULL || !g_variant_is_of_type (setups, G_VARIANT_TYPE_ARRAY))
    return NULL;

  n = g_variant_n_children (setups);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = list_item (setups, i);

      if (match (self, item, id))
        return g_steal_pointer (&item);
    }

  return NULL;
}

static gboolean
has_id (CbForm     *self,
        GVariant   *setup,
        const char *id)
{
  g_autoptr(GVariant) item_id = cb_variant_lookup_path (setup, "id");

  return item_id != NULL && g_strcmp0 (_cb_form_string_of (item_id), id) == 0;
}

/**
 * cb_form_apply_setup:
 * @id: the id of a setup of the selected architecture
 *
 * Sets every field the setup recommends, in one step.
 *
 * Returns: whether the setup exists
 */
gboolean
cb_form_apply_setup (CbForm     *self,
                     const char *id)
{
  g_autoptr(GVariant) setup = NULL;
  g_autoptr(GVariant) recommendations = NULL;

  g_return_val_if_fail (CB_IS_FORM (self), FALSE);

  setup = find_setup (self, has_id, id);
  if (setup == NULL)
    return FALSE;

  recommendations = cb_variant_lookup_path (setup, "recommendations");
  if (recommendations != NULL && g_variant_is_of_type (recommendations, G_VARIANT_TYPE_VARDICT))
    cb_form_set_values (self, recommendations);

  return TRUE;
}

/**
 * cb_form_get_setup_skipped:
 * @id: the id of a setup of the selected architecture
 *
 * Applying a setup sets what fits the form; this says what it leaves out,
 * so that the window and the command line can report it.
 *
 * Returns: (transfer full) (nullable): the keys the setup recommends that
 *   are not fields with a value of this schema, or whose value does not
 *   fit the field; %NULL when there is none, or no such setup
 */
char **
cb_form_get_setup_skipped (CbForm     *self,
                           const char *id)
{
  g_autoptr(GVariant) setup = NULL;
  g_autoptr(GVariant) recommendations = NULL;
  g_autoptr(GStrvBuilder) skipped = g_strv_builder_new ();
  gboolean any = FALSE;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  setup = find_setup (self, has_id, id);
  recommendations = setup ? cb_variant_lookup_path (setup, "recommendations") : NULL;
  if (recommendations == NULL || !g_variant_is_of_type (recommendations, G_VARIANT_TYPE_VARDICT))
    return NULL;

  g_variant_iter_init (&iter, recommendations);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      CbFieldState *s = _cb_form_lookup_state (self, key);
      g_autoptr(GVariant) coerced = NULL;

      if (s != NULL && cb_field_has_value (s->field))
        coerced = cb_field_coerce_value (s->field, value);
      if (coerced == NULL)
        {
          g_strv_builder_add (skipped, key);
          any = TRUE;
        }
      g_variant_unref (value);
    }

  return any ? g_strv_builder_end (skipped) : NULL;
}

/* Whether the setup has an id and recommendations, and every value it
 * recommends is the form's value
 */
static gboolean
is_active (CbForm     *self,
           GVariant   *setup,
           const char *unused)
{
  g_autoptr(GVariant) id = cb_variant_lookup_path (setup, "id");
  g_autoptr(GVariant) recommendations = cb_variant_lookup_path (setup, "recommendations");
  gboolean matches = TRUE;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (_cb_form_string_of (id) == NULL || recommendations == NULL ||
      !g_variant_is_of_type (recommendations, G_VARIANT_TYPE_VARDICT))
    return FALSE;

  g_variant_iter_init (&iter, recommendations);
  while (matches && g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      CbFieldState *s = _cb_form_lookup_state (self, key);

      if (s != NULL && cb_field_has_value (s->field))
        {
          g_autoptr(GVariant) coerced = cb_field_coerce_value (s->field, value);

          matches = coerced != NULL && cb_value_equal (coerced, s->value);
        }
      g_variant_unref (value);
    }

  return matches;
}

/**
 * cb_form_get_active_setup:
 *
 * Returns: (transfer full) (nullable): the id of the first setup whose
 *   every recommendation the form's values match
 */
char *
cb_form_get_active_setup (CbForm *self)
{
  g_autoptr(GVariant) setup = NULL;
  g_autoptr(GVariant) id = NULL;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  setup = find_setup (self, is_active, NULL);
  if (setup == NULL)
    return NULL;

  id = cb_variant_lookup_path (setup, "id");
  return g_strdup (_cb_form_string_of (id));
}
