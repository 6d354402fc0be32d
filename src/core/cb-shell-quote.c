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
 * that pasted into one it runs the same argv, and so that
 * g_shell_parse_argv() splits an edited line back into its argv.
 */

/* Words that a shell reads, unquoted and first on a line, as part of its
 * grammar rather than as the name of a command: the reserved words of
 * POSIX, and those that bash and ksh add
 */
static const char * const reserved_words[] = {
  "!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in", "then",
  "until", "while", "[[", "]]", "coproc", "function", "select", "time", NULL
};

static gboolean
is_shell_safe (char c)
{
  return g_ascii_isalnum (c) || strchr ("_@%+=:,./-", c) != NULL;
}

static char *
quote (const char *arg,
       gboolean    always)
{
  GString *out;
  gboolean safe = !always && arg[0] != '\0';

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

/* Whether a shell would read @word, unquoted in the place of a command's
 * name, as something else: `FOO=bar` is a variable assignment (and the
 * next word becomes the command), `if` or `time` a reserved word. Quoted,
 * each is a command's name.
 *
 * (bash also reads a first word that starts with `%` as a job to resume,
 * quoted or not: no display form can name such a command to bash.)
 */
static gboolean
misread_as_command (const char *word)
{
  return strchr (word, '=') != NULL || g_strv_contains (reserved_words, word);
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
  g_return_val_if_fail (arg != NULL, NULL);

  return quote (arg, FALSE);
}

/**
 * cb_shell_quote_argv:
 *
 * The display form of a command: its arguments quoted for a POSIX shell
 * where needed and joined by spaces. The first is also quoted when a shell
 * would otherwise not take it as the command's name: when it holds `=`
 * (`'FOO=bar' x` runs the command `FOO=bar`, where `FOO=bar x` would run
 * `x` with a variable set), or is a reserved word such as `if` or `time`.
 *
 * Returns: (transfer full): the display form; pasted into a shell it runs
 *   exactly @argv, and g_shell_parse_argv() splits it back into @argv
 */
char *
cb_shell_quote_argv (const char * const *argv)
{
  GString *out;

  g_return_val_if_fail (argv != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = quote (argv[i], i == 0 && misread_as_command (argv[i]));

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, quoted);
    }

  return g_string_free (out, FALSE);
}
