/* cb-number-format.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-number-format.h"
#include "cb-override.h"

/**
 * cb_number_format_print:
 * @format: (nullable): a printf format with one floating-point or integer
 *   conversion, such as `%.1e` or `%d`
 *
 * Formats a number for display. A format that is not a single numeric
 * conversion is not used.
 *
 * Returns: (transfer full): the text
 */
char *
cb_number_format_print (const char *format,
                        double      value)
{
  const char *p;
  const char *conversion = NULL;
  gboolean ok = format != NULL;

  /* Allow exactly one conversion: %[flags][width][.precision](d|i|e|E|f|F|g|G) */
  for (p = format; ok && *p; p++)
    {
      if (*p != '%')
        continue;
      if (p[1] == '%')
        {
          p++;
          continue;
        }
      if (conversion != NULL)
        {
          ok = FALSE;
          break;
        }
      p++;
      while (*p && strchr ("-+ #0", *p))
        p++;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
      if (*p == '\0' || strchr ("dieEfFgG", *p) == NULL)
        ok = FALSE;
      conversion = p;
    }

  if (!ok || conversion == NULL)
    return cb_override_print_double (value);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (*conversion == 'd' || *conversion == 'i')
    return g_strdup_printf (format, (int)llround (value));
  return g_strdup_printf (format, value);
#pragma GCC diagnostic pop
}
