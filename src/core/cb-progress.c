/* cb-progress.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-progress.h"

/* Progress as runners print it: a project's own `progress_regex` first,
 * then `Epoch 3/10`, `[3/10]`, and tqdm's `37%|`.
 */

static GRegex *
get_regex (int index)
{
  static const char * const patterns[] = {
    "\\bepoch\\s*[:=]?\\s*(\\d+)\\s*(?:/|of)\\s*(\\d+)",
    "\\[\\s*(\\d+)\\s*/\\s*(\\d+)\\s*\\]",
    "(\\d{1,3}(?:\\.\\d+)?)%\\|",
  };
  static GRegex *regexes[G_N_ELEMENTS (patterns)];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
        regexes[i] = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return regexes[index];
}

/* Reads the match: two groups are done and total, one is a percentage */
static gboolean
from_match (GMatchInfo *match,
            double     *fraction)
{
  int n = g_match_info_get_match_count (match) - 1;
  g_autofree char *a = n >= 1 ? g_match_info_fetch (match, 1) : NULL;
  g_autofree char *b = n >= 2 ? g_match_info_fetch (match, 2) : NULL;

  if (a == NULL || a[0] == '\0')
    return FALSE;

  if (b != NULL && b[0] != '\0')
    {
      double total = g_ascii_strtod (b, NULL);

      if (total <= 0)
        return FALSE;
      *fraction = g_ascii_strtod (a, NULL) / total;
    }
  else
    *fraction = g_ascii_strtod (a, NULL) / 100.0;

  *fraction = CLAMP (*fraction, 0.0, 1.0);
  return TRUE;
}

/**
 * cb_progress_parse:
 * @line: a line of output
 * @custom: (nullable): the project's or schema's `progress_regex`: its
 *   first group a percentage, or two groups done and total
 * @fraction: (out): the progress, from 0 to 1
 * @label: (out) (optional): the text that said so, such as `Epoch 3/10`
 *
 * Returns: whether @line tells the progress
 */
gboolean
cb_progress_parse (const char  *line,
                   GRegex      *custom,
                   double      *fraction,
                   char       **label)
{
  if (custom != NULL)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (custom, line, 0, &match) && from_match (match, fraction))
        {
          if (label != NULL)
            *label = g_match_info_fetch (match, 0);
          return TRUE;
        }
    }

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (get_regex (i), line, 0, &match) && from_match (match, fraction))
        {
          if (label != NULL)
            {
              g_autofree char *text = g_match_info_fetch (match, 0);

              *label = i == 2 ? g_strndup (text, strlen (text) - 1) : g_steal_pointer (&text);
            }
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cb_progress_update:
 * @fraction: (inout): the progress so far
 * @label: (inout): what the output said of it so far
 *
 * Reads the progress @line speaks of, if any, into @fraction and @label.
 *
 * Returns: the #CbProgressChange flags of what changed, for notifications
 */
guint
cb_progress_update (const char  *line,
                    GRegex      *custom,
                    double      *fraction,
                    char       **label)
{
  g_autofree char *new_label = NULL;
  double new_fraction;
  guint changed = 0;

  if (!cb_progress_parse (line, custom, &new_fraction, &new_label))
    return 0;

  if (new_fraction != *fraction)
    {
      *fraction = new_fraction;
      changed |= CB_PROGRESS_FRACTION_CHANGED;
    }
  if (g_strcmp0 (new_label, *label) != 0)
    {
      g_free (*label);
      *label = g_steal_pointer (&new_label);
      changed |= CB_PROGRESS_LABEL_CHANGED;
    }

  return changed;
}
