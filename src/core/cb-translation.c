/* cb-translation.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-translation.h"

/*
 * Texts in project files, schemas and metadata may carry their
 * translations next to them, as in desktop entries: `label[ko]` next to
 * `label`.
 */

/**
 * cb_translation_keys:
 * @key: a key, such as `label` or `learning_rate.help`
 *
 * Returns: (transfer full): the keys of @key's translations for the user's
 *   languages, the most wanted first: `label[ko_KR]`, `label[ko]`. Names
 *   with a codeset (`ko_KR.UTF-8`) are left out: their plain forms follow,
 *   and a dot would split a dotted key.
 */
char **
cb_translation_keys (const char *key)
{
  const char * const *languages = g_get_language_names ();
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; languages[i] != NULL && !g_str_equal (languages[i], "C"); i++)
    if (strchr (languages[i], '.') == NULL)
      g_ptr_array_add (keys, g_strdup_printf ("%s[%s]", key, languages[i]));
  g_ptr_array_add (keys, NULL);

  return (char **)g_ptr_array_free (keys, FALSE);
}

/**
 * cb_translation_base:
 * @key: a key
 *
 * Returns: (transfer full) (nullable): `label` for a translation key such
 *   as `label[ko]`, else %NULL
 */
char *
cb_translation_base (const char *key)
{
  const char *bracket = key ? strchr (key, '[') : NULL;

  if (bracket == NULL || bracket == key || !g_str_has_suffix (key, "]"))
    return NULL;
  return g_strndup (key, bracket - key);
}
