/* cb-variant.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-translation.h"
#include "cb-variant.h"

/* Metadata entries are `a{sv}` dictionaries, nested as the YAML they were
 * read from; fields name a value in them with a dotted path.
 */

/**
 * cb_variant_lookup_path:
 * @dict: (nullable): an `a{sv}` dictionary
 * @path: a dotted key, such as `learning_rate.help`
 *
 * Returns: (transfer full) (nullable): the value found by walking @path
 *   into nested dictionaries, unboxed from its variant
 */
GVariant *
cb_variant_lookup_path (GVariant   *dict,
                        const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GVariant) current = NULL;

  if (dict == NULL)
    return NULL;
  if (path == NULL)
    return g_variant_ref (dict);

  parts = g_strsplit (path, ".", -1);
  current = g_variant_ref (dict);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GVariant *next;

      if (!g_variant_is_of_type (current, G_VARIANT_TYPE_VARDICT))
        return NULL;
      next = g_variant_lookup_value (current, parts[i], NULL);
      if (next == NULL)
        return NULL;
      g_variant_unref (current);
      current = next;
    }

  /* Nulls in YAML are empty maybes */
  if (g_variant_is_of_type (current, G_VARIANT_TYPE_MAYBE))
    return NULL;

  return g_steal_pointer (&current);
}

/**
 * cb_variant_lookup_text:
 * @dict: (nullable): a dictionary of type `a{sv}`
 * @path: a dotted key, such as `learning_rate.help`
 *
 * Like cb_variant_lookup_path(), for a text the user reads: a translation
 * next to it, `help[ko]` for `help`, wins for the first of the user's
 * languages that has one.
 *
 * Returns: (transfer full) (nullable): the value found
 */
GVariant *
cb_variant_lookup_text (GVariant   *dict,
                        const char *path)
{
  g_auto(GStrv) keys = NULL;

  if (dict == NULL || path == NULL)
    return cb_variant_lookup_path (dict, path);

  keys = cb_translation_keys (path);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) v = cb_variant_lookup_path (dict, keys[i]);

      if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        return g_steal_pointer (&v);
    }

  return cb_variant_lookup_path (dict, path);
}
