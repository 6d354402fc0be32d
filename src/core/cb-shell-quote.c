/* cb-shell-quote.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-shell-quote.h"

/* Commands run as argv, never through a shell; but the user reads, copies
 * and edits them as one line. That line is written for a POSIX shell, so
 * that pasted into one it runs the same argv.
 */

static gboolean
is_shell_safe (char c)
{
  return g_ascii_isalnum (c) || strchr ("_@%+=:,./-", c) != NULL;
}

/**
 * cb_shell_quote:
 *
 * Returns: (transfer full): @arg as a POSIX shell reads it back as one word,
 *   in single quotes only when it needs them
 */
char *
cb_shell_quote (const char *arg)
{
  GString *out;
  gboolean safe = arg[0] != '\0';

  for (const char *p = arg; *p && safe; p++)
    safe = is_shell_safe (*p);

  if (safe)
    return g_strdup (arg);

  out = g_string_new ("'");
  for (const char *p = arg; *p; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}

/**
 * cb_shell_quote_argv:
 *
 * Returns: (transfer full): the display form of a command: its arguments
 *   quoted for a POSIX shell where needed and joined by spaces; pasted into
 *   a shell it gives back exactly @argv
 */
char *
cb_shell_quote_argv (const char * const *argv)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = cb_shell_quote (argv[i]);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, quoted);
    }

  return g_string_free (out, FALSE);
}
