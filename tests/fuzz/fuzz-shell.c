/* fuzz-shell.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-shell-quote.h"
#include "fuzz-util.h"

/* The display form of a command: the input is an argv, its arguments
 * separated by NUL bytes; its display form, split as a shell splits (the
 * way an edited command is run), gives back the same argv */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = NULL;
  g_auto(GStrv) split = NULL;
  g_autoptr(GError) error = NULL;
  const char *end = (const char *)data + size;

  for (const char *p = (const char *)data; p < end;)
    {
      /* The last argument may lack its NUL */
      const char *nul = memchr (p, '\0', end - p);
      const char *stop = nul ? nul : end;

      g_ptr_array_add (argv, g_strndup (p, stop - p));
      p = stop + 1;
    }
  if (argv->len == 0)
    return 0;
  g_ptr_array_add (argv, NULL);

  display = cb_shell_quote_argv ((const char * const *)argv->pdata);
  if (!g_shell_parse_argv (display, NULL, &split, &error))
    g_error ("“%s” cannot be split: %s", display, error->message);

  g_assert (g_strv_length (split) == argv->len - 1);
  for (guint i = 0; split[i] != NULL; i++)
    if (strcmp (split[i], g_ptr_array_index (argv, i)) != 0)
      g_error ("argument %u: “%s” came back as “%s” from “%s”", i,
               (char *)g_ptr_array_index (argv, i), split[i], display);

  return 0;
}
