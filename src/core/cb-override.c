/* cb-override.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cb-override.h"

/* Hydra overrides, `target=value`, as Command Builder writes them: values
 * spelled the way Hydra and the runners read them back exactly, and quoted
 * when Hydra's grammar would otherwise read them as something else. The
 * rules are those of schemas/README.md, "Overrides".
 */

/**
 * cb_override_print_double:
 *
 * Spells a double the way Python's repr() does: the shortest digits that
 * read back to the same double, in positional notation for exponents from
 * -4 to 15 (`0.0001`, `5.0`) and in scientific notation outside
 * (`1e-05`, `1e+16`). Hydra and the runners it drives read these back
 * exactly.
 *
 * Returns: (transfer full): the text
 */
char *
cb_override_print_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 8];
  GString *out;
  char digits[32];
  int n_digits = 0;
  int exponent;
  char *e;

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value < 0 ? "-inf" : "inf");

  if (value == 0.0)
    return g_strdup (signbit (value) ? "-0.0" : "0.0");

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is now [-]d.ddde[+-]XX */
  e = strchr (buf, 'e');
  g_assert (e != NULL);
  exponent = atoi (e + 1);
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  out = g_string_new (value < 0 ? "-" : "");

  if (exponent < -4 || exponent > 15)
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (exponent < 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exponent - 1; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exponent; i++)
        g_string_append_c (out, i < n_digits ? digits[i] : '0');
      g_string_append_c (out, '.');
      if (n_digits > exponent + 1)
        g_string_append (out, digits + exponent + 1);
      else
        g_string_append_c (out, '0');
    }

  return g_string_free (out, FALSE);
}

/**
 * cb_override_needs_quotes:
 *
 * Returns: whether Hydra needs @text quoted to read it as one string: it
 *   holds one of `, = : { } [ ]`, a blank, a quote, or `${`, and is not
 *   already wrapped in double quotes
 */
gboolean
cb_override_needs_quotes (const char *text)
{
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    return FALSE;

  return strpbrk (text, ",=:{}[] \t\n'\"") != NULL || strstr (text, "${") != NULL;
}

static void
append_quoted (GString    *out,
               const char *text)
{
  if (!cb_override_needs_quotes (text))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString  *out,
              GVariant *value,
              gboolean  quote)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      append_value (out, inner, quote);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      g_autofree char *text = cb_override_print_double (g_variant_get_double (value));

      g_string_append (out, text);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      if (quote)
        append_quoted (out, g_variant_get_string (value, NULL));
      else
        g_string_append (out, g_variant_get_string (value, NULL));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    {
      gsize n = g_variant_n_children (value);

      g_string_append_c (out, '[');
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (value, i);

          if (i > 0)
            g_string_append_c (out, ',');
          append_value (out, item, TRUE);
        }
      g_string_append_c (out, ']');
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    g_string_append (out, "null");
  else
    {
      g_autofree char *text = g_variant_print (value, FALSE);

      g_string_append (out, text);
    }
}

/**
 * cb_override_print_value:
 *
 * Returns: (transfer full): the value as a Hydra override spells it,
 *   without quoting: `true`, `42`, `0.001`, `text`, `[a,b]`
 */
char *
cb_override_print_value (GVariant *value)
{
  GString *out = g_string_new (NULL);

  if (value != NULL)
    append_value (out, value, FALSE);

  return g_string_free (out, FALSE);
}

/**
 * cb_override_build:
 *
 * Returns: (transfer full): `target=value`, the value quoted when Hydra
 *   needs it (lists excepted: their items are quoted one by one)
 */
char *
cb_override_build (const char *target,
                   GVariant   *value)
{
  GString *out = g_string_new (target);

  g_string_append_c (out, '=');
  append_value (out, value, TRUE);

  return g_string_free (out, FALSE);
}

/**
 * cb_override_build_text:
 *
 * Returns: (transfer full): `target=text`, with @text quoted when needed
 */
char *
cb_override_build_text (const char *target,
                        const char *text)
{
  GString *out = g_string_new (target);

  g_string_append_c (out, '=');
  append_quoted (out, text);

  return g_string_free (out, FALSE);
}

/**
 * cb_override_requote:
 * @override: an override as written in a schema or metadata file
 *
 * Applies the quoting rule to an override given as text (a constant or an
 * extra override): its value is quoted when needed, unless it is a Hydra
 * list or dictionary.
 *
 * Returns: (transfer full): the override to emit
 */
char *
cb_override_requote (const char *override)
{
  const char *eq = strchr (override, '=');
  g_autofree char *target = NULL;
  const char *value;
  gsize len;

  if (eq == NULL)
    return g_strdup (override);

  value = eq + 1;
  len = strlen (value);
  if (len >= 2 &&
      ((value[0] == '[' && value[len - 1] == ']') || (value[0] == '{' && value[len - 1] == '}')))
    return g_strdup (override);

  target = g_strndup (override, eq - override);
  return cb_override_build_text (target, value);
}
