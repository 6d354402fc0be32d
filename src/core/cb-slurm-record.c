/* cb-slurm-record.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "cb-slurm-record.h"

/* `scontrol show … -o` prints one record a line as `Key=value` words.
 * Values may hold spaces (a job's name, a command's path), so a word
 * starts a new key only when it looks like one; anything else continues
 * the value before it.
 */

static gboolean
starts_key (const char  *word,
            const char **equals)
{
  const char *p = word;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '_' || *p == ':' || *p == '/')
    p++;
  if (*p != '=')
    return FALSE;

  *equals = p;
  return TRUE;
}

/**
 * cb_slurm_record_parse:
 * @line: one line of `scontrol show partition|job|node -o`
 *
 * Returns: (transfer full): the line's keys and values, both strings
 */
GHashTable *
cb_slurm_record_parse (const char *line)
{
  GHashTable *record = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  GString *value = NULL;
  char *key = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *equals;

      if (starts_key (words[i], &equals))
        {
          if (key != NULL)
            g_hash_table_replace (record, key, g_string_free (value, FALSE));
          key = g_strndup (words[i], equals - words[i]);
          value = g_string_new (equals + 1);
        }
      else if (key != NULL && words[i][0] != '\0')
        {
          g_string_append_c (value, ' ');
          g_string_append (value, words[i]);
        }
    }

  if (key != NULL)
    g_hash_table_replace (record, key, g_string_free (value, FALSE));

  return record;
}

/**
 * cb_slurm_records_parse:
 *
 * Returns: (transfer full) (element-type GHashTable): the records of
 *   @text, one a non-empty line
 */
GPtrArray *
cb_slurm_records_parse (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_ptr_array_add (records, cb_slurm_record_parse (lines[i]));
    }

  return records;
}

/**
 * cb_slurm_parse_uint:
 *
 * Parses a count as Slurm prints it; a trailing `+` (sinfo's "at least")
 * is allowed.
 */
gboolean
cb_slurm_parse_uint (const char *text,
                     guint      *value)
{
  char *end = NULL;
  guint64 v;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;

  errno = 0;
  v = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || v >= G_MAXUINT || (*end != '\0' && strcmp (end, "+") != 0))
    return FALSE;

  *value = (guint)v;
  return TRUE;
}

gboolean
cb_slurm_record_get_uint (GHashTable *record,
                          const char *key,
                          guint      *value)
{
  return cb_slurm_parse_uint (g_hash_table_lookup (record, key), value);
}

/**
 * cb_slurm_record_get_list:
 *
 * Returns: (transfer full) (nullable): the comma-separated items of @key,
 *   or %NULL when it is missing, `ALL` or `(null)`
 */
char **
cb_slurm_record_get_list (GHashTable *record,
                          const char *key)
{
  const char *value = g_hash_table_lookup (record, key);

  if (value == NULL || value[0] == '\0' || strcmp (value, "ALL") == 0 ||
      strcmp (value, "(null)") == 0)
    return NULL;

  return g_strsplit (value, ",", -1);
}
