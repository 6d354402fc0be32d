/* cb-slurm-form-values.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-slurm-form-private.h"

/* What the user set */

/**
 * cb_slurm_form_get_values:
 *
 * Returns: (transfer full): what the user set, an `a{sv}`: `target`
 *   (`slurm`), each resource set by its project-file key (`time`, `gpus`,
 *   …, as texts), `extra` (`as`), `array_limit` (`u`) and `script`, the
 *   edited script; empty when nothing differs from the defaults
 */
GVariant *
cb_slurm_form_get_values (CbSlurmForm *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const char * const *extra;

  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  /* Always in this order, so that the same values are the same variant */
  if (self->target == CB_RUN_TARGET_SLURM)
    g_variant_builder_add (&builder, "{sv}", "target", g_variant_new_string ("slurm"));
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    if (cb_slurm_resources_is_set (self->user, i))
      g_variant_builder_add (&builder, "{sv}", cb_slurm_field_get_key (i),
                             g_variant_new_string (cb_slurm_resources_get (self->user, i)));
  extra = cb_slurm_resources_get_extra (self->user);
  if (extra[0] != NULL)
    g_variant_builder_add (&builder, "{sv}", "extra", g_variant_new_strv (extra, -1));
  if (self->array_limit > 0)
    g_variant_builder_add (&builder, "{sv}", "array_limit",
                           g_variant_new_uint32 (self->array_limit));
  if (self->edited_script != NULL)
    g_variant_builder_add (&builder, "{sv}", "script", g_variant_new_string (self->edited_script));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* One stored value; FALSE when it no longer fits */
static gboolean
load_value (CbSlurmForm *self,
            const char  *key,
            GVariant    *value)
{
  CbSlurmField field;

  if (strcmp (key, "target") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      const char *target = g_variant_get_string (value, NULL);

      self->target = strcmp (target, "slurm") == 0 ? CB_RUN_TARGET_SLURM : CB_RUN_TARGET_LOCAL;
      return strcmp (target, "slurm") == 0 || strcmp (target, "local") == 0;
    }
  if (strcmp (key, "extra") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **lines = g_variant_get_strv (value, NULL);
      g_autoptr(CbSlurmResources) check = cb_slurm_resources_new ();

      for (guint i = 0; lines[i] != NULL; i++)
        if (!cb_slurm_resources_add_extra (check, lines[i], NULL))
          return FALSE;
      for (guint i = 0; lines[i] != NULL; i++)
        cb_slurm_resources_add_extra (self->user, lines[i], NULL);
      return TRUE;
    }
  if (strcmp (key, "array_limit") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    {
      self->array_limit = g_variant_get_uint32 (value);
      return TRUE;
    }
  if (strcmp (key, "script") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_free (self->edited_script);
      self->edited_script = g_variant_dup_string (value, NULL);
      return TRUE;
    }

  return cb_slurm_field_from_key (key, &field) &&
         g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
         cb_slurm_resources_set (self->user, field, g_variant_get_string (value, NULL), NULL);
}

/**
 * cb_slurm_form_load_values:
 * @values: (nullable): what cb_slurm_form_get_values() gave, stored
 *
 * Replaces what the user set with @values; those that are not values of
 * their key (a time limit that is not one, an unknown key) are dropped.
 *
 * Returns: (transfer full) (nullable): the keys dropped, or %NULL
 */
char **
cb_slurm_form_load_values (CbSlurmForm *self,
                           GVariant    *values)
{
  g_autoptr(GStrvBuilder) dropped = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  self->target = CB_RUN_TARGET_LOCAL;
  cb_slurm_resources_free (self->user);
  self->user = cb_slurm_resources_new ();
  self->array_limit = 0;
  g_clear_pointer (&self->edited_script, g_free);

  if (values != NULL && g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT))
    {
      g_variant_iter_init (&iter, values);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (!load_value (self, key, value))
            g_strv_builder_add (dropped, key);
          g_variant_unref (value);
        }
    }

  _cb_slurm_form_changed (self);
  result = g_strv_builder_end (dropped);
  return result[0] != NULL ? g_steal_pointer (&result) : NULL;
}
