/* cb-number-format.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-number-format.h"
#include "cb-override.h"

/* The `format` of a number field: a printf format with exactly one
 * numeric conversion, `%[flags][width][.precision](d|i|e|E|f|F|g|G)`, and
 * any text around it (`%%` for a percent sign). It changes how a number is
 * shown, never its override. A schema is not trusted: the format is parsed
 * here, its width and precision are bounded, and one that does not pass
 * is not used.
 */

/* Reads the digits at *@p, moving past them; a number too large to hold
 * saturates, which the bounds refuse anyway
 */
static guint
read_count (const char **p)
{
  guint n = 0;

  while (g_ascii_isdigit (**p))
    {
      n = n > G_MAXUINT / 10 - 1 ? G_MAXUINT / 10 : n * 10 + (guint)(**p - '0');
      (*p)++;
    }

  return n;
}

static gboolean
fail (const char  *format,
      const char  *at,
      guint       *offset,
      GError     **error,
      CbError      code,
      const char  *message)
{
  if (offset != NULL)
    *offset = (guint)g_utf8_pointer_to_offset (format, at);
  g_set_error_literal (error, CB_ERROR, code, message);
  return FALSE;
}

/* Parses one conversion, @p just after its `%`; sets *@conversion to its
 * letter
 */
static gboolean
parse_conversion (const char  *format,
                  const char  *p,
                  const char **conversion,
                  guint       *offset,
                  GError     **error)
{
  const char *percent = p - 1;
  const char *start;

  while (*p != '\0' && strchr ("-+ #0", *p) != NULL)
    p++;

  start = p;
  if (read_count (&p) > CB_NUMBER_FORMAT_MAX_WIDTH)
    {
      g_autofree char *message = g_strdup_printf (_("its width is more than %d"),
                                                  CB_NUMBER_FORMAT_MAX_WIDTH);

      return fail (format, start, offset, error, CB_ERROR_TOO_LARGE, message);
    }

  if (*p == '.')
    {
      start = ++p;
      if (read_count (&p) > CB_NUMBER_FORMAT_MAX_PRECISION)
        {
          g_autofree char *message = g_strdup_printf (_("its precision is more than %d"),
                                                      CB_NUMBER_FORMAT_MAX_PRECISION);

          return fail (format, start, offset, error, CB_ERROR_TOO_LARGE, message);
        }
    }

  if (*p == '\0')
    return fail (format, percent, offset, error, CB_ERROR_INVALID,
                 _("it ends before its conversion, such as d, e, f or g"));

  if (strchr ("dieEfFgG", *p) == NULL)
    {
      /* A format need not be valid UTF-8: a byte that starts no character
       * is shown by its value, and nothing after it is read
       */
      gunichar c = g_utf8_get_char_validated (p, -1);
      g_autofree char *letter = (c == (gunichar)-1 || c == (gunichar)-2)
                                  ? g_strdup_printf ("\\x%02X", (guchar)*p)
                                  : g_strndup (p, g_utf8_skip[(guchar)*p]);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number conversion "
                                                    "(d, i, e, E, f, F, g or G)"),
                                                  letter);

      return fail (format, p, offset, error, CB_ERROR_INVALID, message);
    }

  *conversion = p;
  return TRUE;
}

/* Finds the one conversion of @format */
static gboolean
parse (const char  *format,
       const char **conversion,
       guint       *offset,
       GError     **error)
{
  *conversion = NULL;

  for (const char *p = format; *p != '\0'; p++)
    {
      const char *letter = NULL;

      if (*p != '%')
        continue;
      if (p[1] == '%')
        {
          p++;
          continue;
        }
      if (*conversion != NULL)
        return fail (format, p, offset, error, CB_ERROR_INVALID, _("it has more than one conversion"));
      if (!parse_conversion (format, p + 1, &letter, offset, error))
        return FALSE;
      *conversion = p = letter;
    }

  if (*conversion == NULL)
    {
      /* xgettext:no-c-format */
      const char *message = _("it has no number conversion, such as “%.2f”, “%.1e” or “%d”");

      return fail (format, format, offset, error, CB_ERROR_INVALID, message);
    }

  return TRUE;
}

/**
 * cb_number_format_is_decimal:
 * @format: (nullable): the `format` of a number field
 *
 * Whether @format shows decimals: its conversion is e, f or g, whatever
 * letters the text around it has ("%d epochs" is a whole number).
 *
 * Returns: %TRUE for a valid format with a decimal conversion
 */
gboolean
cb_number_format_is_decimal (const char *format)
{
  const char *conversion;

  if (format == NULL || !parse (format, &conversion, NULL, NULL))
    return FALSE;

  return strchr ("eEfFgG", *conversion) != NULL;
}

/**
 * cb_number_format_validate:
 * @format: the `format` of a number field
 * @offset: (out) (optional): where the problem is, in characters from the
 *   start of @format
 *
 * Checks that @format is one that cb_number_format_print() uses: exactly
 * one numeric conversion, a width of at most %CB_NUMBER_FORMAT_MAX_WIDTH
 * and a precision of at most %CB_NUMBER_FORMAT_MAX_PRECISION.
 *
 * Returns: whether it is, or %FALSE with @error set to what is wrong
 */
gboolean
cb_number_format_validate (const char  *format,
                           guint       *offset,
                           GError     **error)
{
  const char *conversion;

  g_return_val_if_fail (format != NULL, FALSE);

  return parse (format, &conversion, offset, error);
}

/* @format with its integer conversion made to take a long long */
static char *
print_integer (const char *format,
               const char *conversion,
               double      value)
{
  g_autoptr(GString) wide = NULL;
  double rounded = round (value);

  /* Past the range of long long there is nothing exact to print */
  if (!isfinite (rounded) || fabs (rounded) >= 9.2e18)
    return NULL;

  wide = g_string_new_len (format, conversion - format);
  g_string_append (wide, "ll");
  g_string_append (wide, conversion);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (wide->str, (long long)rounded);
#pragma GCC diagnostic pop
}

/**
 * cb_number_format_print:
 * @format: (nullable): a printf format with one floating-point or integer
 *   conversion, such as `%.1e` or `%d`
 *
 * Formats a number for display. A format that cb_number_format_validate()
 * refuses is not used: the number is shown as its override spells it, and
 * so is an integer conversion of a number beyond the range of integers.
 *
 * Returns: (transfer full) (not nullable): the text
 */
char *
cb_number_format_print (const char *format,
                        double      value)
{
  const char *conversion;
  char *text = NULL;

  if (format == NULL || !parse (format, &conversion, NULL, NULL))
    return cb_override_print_double (value);

  if (*conversion == 'd' || *conversion == 'i')
    text = print_integer (format, conversion, value);
  else
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (format, value);
#pragma GCC diagnostic pop
    }

  return text != NULL ? text : cb_override_print_double (value);
}

/**
 * cb_number_format_check:
 * @node: (nullable): the `format` node of a schema element
 * @file: the schema's path
 * @diagnostics: (element-type CbDiagnostic): where to add the problem
 *
 * Reports a `format` that cb_number_format_print() would not use, as a
 * warning at its file, line and column: the number is then shown as it is
 * written in overrides, and nothing else changes.
 */
void
cb_number_format_check (const CbNode *node,
                        const char   *file,
                        GPtrArray    *diagnostics)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint offset = 0;
  guint column;

  if (node == NULL || cb_node_get_kind (node) != CB_NODE_SCALAR || cb_node_is_null (node))
    return;
  if (cb_number_format_validate (cb_node_get_scalar (node), &offset, &error))
    return;

  /* A quoted scalar starts one column after its quote */
  column = cb_node_get_column (node) + offset + (cb_node_is_plain (node) ? 0 : 1);
  message = g_strdup_printf (_("“format” is ignored: %s"), error->message);
  g_ptr_array_add (diagnostics,
                   cb_diagnostic_new (CB_SEVERITY_WARNING, file, cb_node_get_line (node), column, message));
}
