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
#include "cb-override-lexer.h"
#include "cb-sweep.h"

/* Hydra overrides, `[+|++|~]target=value`, as Command Builder writes them:
 * values spelled the way Hydra and the runners read them back exactly, and
 * quoted when Hydra's grammar would otherwise read them as something else.
 * The rules are those of schemas/README.md, "Overrides"; Hydra's are its
 * override grammar (OverrideLexer.g4, OverrideParser.g4), its quoted-string
 * rules (hydra/core/override_parser/overrides_visitor.py) and OmegaConf's
 * escaped interpolations (omegaconf/grammar_visitor.py).
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

/* Quoting */

/* What the earlier tool quoted, Command Builder quotes too: Hydra reads
 * it the same either way, and the commands of schemas written for that
 * tool keep their form
 */
static gboolean
earlier_tool_quotes (const char *text)
{
  return strpbrk (text, ",=:{}[] \t\n'\"") != NULL || strstr (text, "${") != NULL;
}

static gboolean
is_typed_token (CbOverrideTokenKind kind)
{
  return kind == CB_OVERRIDE_TOKEN_INT || kind == CB_OVERRIDE_TOKEN_FLOAT ||
         kind == CB_OVERRIDE_TOKEN_BOOL || kind == CB_OVERRIDE_TOKEN_NULL;
}

/* The tokens of @value when Hydra reads them as one text, concatenated as
 * they are: words, numbers and the characters it accepts unquoted (with
 * @blanks_and_colons, also blanks and colons); not an escape such as
 * `\\`, a call, a list or a sweep. %NULL otherwise.
 */
static GArray *
text_tokens (const char *value,
             gboolean    blanks_and_colons)
{
  g_autoptr(GArray) tokens = cb_override_lex (value, NULL);

  for (guint i = 0; tokens != NULL && i < tokens->len; i++)
    {
      CbOverrideTokenKind kind = g_array_index (tokens, CbOverrideToken, i).kind;
      gboolean blank_or_colon = kind == CB_OVERRIDE_TOKEN_WS || kind == CB_OVERRIDE_TOKEN_COLON;

      if (kind != CB_OVERRIDE_TOKEN_ID && kind != CB_OVERRIDE_TOKEN_UNQUOTED_CHAR &&
          !is_typed_token (kind) && !(blanks_and_colons && blank_or_colon))
        return NULL;
    }

  return g_steal_pointer (&tokens);
}

/* Whether Hydra reads @text, unquoted, as this very text: it is made of
 * text tokens and, unless @flags keep typed words, is not one word Hydra
 * types (`true`, `null`, `123`, `1e3`, `nan`)
 */
/* An item of a list, a sweep or a call is followed by `,`, `]` or `)`,
 * which a backslash before it would escape
 */
#define FOLLOWED (1 << 8)

static gboolean
reads_back_unquoted (const char      *text,
                     CbOverrideFlags  flags)
{
  g_autoptr(GArray) tokens = NULL;

  if (text[0] == '\0' || earlier_tool_quotes (text))
    return FALSE;
  if ((flags & FOLLOWED) && g_str_has_suffix (text, "\\"))
    return FALSE;

  tokens = text_tokens (text, FALSE);
  if (tokens == NULL)
    return FALSE;

  return tokens->len > 1 || (flags & CB_OVERRIDE_KEEP_TYPED) ||
         !is_typed_token (g_array_index (tokens, CbOverrideToken, 0).kind);
}

static void
append_backslashes (GString *out,
                    gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, '\\');
}

/* OmegaConf reads `${` as an interpolation; an odd run of 2k+1 backslashes
 * before it stands for k backslashes and a literal `${`. Other backslashes
 * are literal.
 */
static char *
escape_interpolations (const char *text)
{
  GString *out = g_string_new (NULL);
  gsize run = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        run++;
      else if (p[0] == '$' && p[1] == '{')
        {
          append_backslashes (out, 2 * run + 1);
          g_string_append (out, "${");
          run = 0;
          p++;
        }
      else
        {
          append_backslashes (out, run);
          g_string_append_c (out, *p);
          run = 0;
        }
    }
  append_backslashes (out, run);

  return g_string_free (out, FALSE);
}

/* In Hydra's quoted values, backslashes are literal except a run before a
 * quote: n backslashes and a literal `"` are written as 2n+1 backslashes
 * and the quote, and n backslashes that end the text as 2n.
 */
static void
append_double_quoted (GString    *out,
                      const char *text)
{
  gsize run = 0;

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        {
          run++;
          continue;
        }
      if (*p == '"')
        append_backslashes (out, 2 * run + 1);
      else
        append_backslashes (out, run);
      g_string_append_c (out, *p);
      run = 0;
    }
  append_backslashes (out, 2 * run);
  g_string_append_c (out, '"');
}

static void
append_quoted (GString         *out,
               const char      *text,
               CbOverrideFlags  flags)
{
  g_autofree char *escaped = NULL;

  if (reads_back_unquoted (text, flags))
    {
      g_string_append (out, text);
      return;
    }

  escaped = (flags & CB_OVERRIDE_INTERPOLATION) ? g_strdup (text) : escape_interpolations (text);
  append_double_quoted (out, escaped);
}

/**
 * cb_override_quote:
 * @text: a text, as the user typed it
 * @flags: %CB_OVERRIDE_KEEP_TYPED for a value in Hydra's own spelling (an
 *   option: `32` stays the number 32); %CB_OVERRIDE_INTERPOLATION for a
 *   text whose `${...}` are interpolations
 *
 * Writes a text as the value of an override: unquoted when Hydra reads it
 * back as this very text, in double quotes otherwise (every text can be,
 * and a single quote would show as `'\''` in the shell form of the
 * command), with the backslashes before a quote or at the end escaped as
 * Hydra needs, and `${` escaped so that OmegaConf keeps it.
 *
 * Returns: (transfer full): the value, as Hydra syntax
 */
char *
cb_override_quote (const char      *text,
                   CbOverrideFlags  flags)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  append_quoted (out, text, flags);
  return g_string_free (out, FALSE);
}

/**
 * cb_override_needs_quotes:
 *
 * Returns: whether Hydra needs @text quoted to read it as this very text
 */
gboolean
cb_override_needs_quotes (const char *text)
{
  g_return_val_if_fail (text != NULL, TRUE);

  return !reads_back_unquoted (text, 0);
}

/* Values */

static void append_value (GString         *out,
                          GVariant        *value,
                          CbOverrideFlags  flags,
                          gboolean         quote);

static void
append_items (GString         *out,
              GVariant        *items,
              CbOverrideFlags  flags,
              const char      *separator)
{
  gsize n = g_variant_n_children (items);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (items, i);

      if (i > 0)
        g_string_append (out, separator);
      append_value (out, item, flags | FOLLOWED, TRUE);
    }
}

/* `a,b,c` (or `choice(a)` for one value), `range(1,10,2)`, `glob(*)` */
static void
append_sweep (GString         *out,
              GVariant        *sweep,
              CbOverrideFlags  flags)
{
  g_autoptr(GVariant) items = cb_sweep_get_items (sweep);
  gsize n = g_variant_n_children (items);

  switch (cb_sweep_get_kind (sweep))
    {
    case CB_SWEEP_RANGE:
      g_string_append (out, "range(");
      append_items (out, items, flags, ",");
      g_string_append_c (out, ')');
      break;

    case CB_SWEEP_GLOB:
      /* Patterns are texts, whatever the field's values */
      g_string_append (out, n == 1 ? "glob(" : "glob([");
      append_items (out, items, flags & ~CB_OVERRIDE_KEEP_TYPED, ",");
      g_string_append (out, n == 1 ? ")" : "])");
      break;

    case CB_SWEEP_LIST:
    default:
      if (n == 1)
        g_string_append (out, "choice(");
      append_items (out, items, flags, ",");
      if (n == 1)
        g_string_append_c (out, ')');
      break;
    }
}

static void
append_value (GString         *out,
              GVariant        *value,
              CbOverrideFlags  flags,
              gboolean         quote)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      append_value (out, inner, flags, quote);
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
        append_quoted (out, g_variant_get_string (value, NULL), flags);
      else
        g_string_append (out, g_variant_get_string (value, NULL));
    }
  else if (cb_value_is_sweep (value))
    append_sweep (out, value, flags);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    {
      g_string_append_c (out, '[');
      append_items (out, value, flags, ",");
      g_string_append_c (out, ']');
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      if (inner != NULL)
        append_value (out, inner, flags, quote);
      else
        g_string_append (out, "null");
    }
  else
    {
      g_autofree char *text = g_variant_print (value, FALSE);

      g_string_append (out, text);
    }
}

/**
 * cb_override_print_value:
 *
 * Returns: (transfer full): the value as a user reads it, without quoting:
 *   `true`, `42`, `0.001`, `text`, `[a,b]`, `1,2,3`
 */
char *
cb_override_print_value (GVariant *value)
{
  GString *out = g_string_new (NULL);

  if (value != NULL)
    append_value (out, value, 0, FALSE);

  return g_string_free (out, FALSE);
}

/**
 * cb_override_format_value:
 * @value: a boolean, number, text, list, sweep, or a null maybe
 * @flags: how texts are read, as for cb_override_quote()
 *
 * Returns: (transfer full): the value as Hydra syntax: `true`, `0.001`,
 *   `"night shift"`, `[a,"b c"]`, `null`, `1,2,3`, `range(1,10,2)`
 */
char *
cb_override_format_value (GVariant        *value,
                          CbOverrideFlags  flags)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (value != NULL, NULL);

  append_value (out, value, flags, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * cb_override_operation_prefix:
 *
 * Returns: what an override of @operation starts with: nothing, `+`, `++`
 *   or `~`
 */
const char *
cb_override_operation_prefix (CbOverrideOperation operation)
{
  switch (operation)
    {
    case CB_OVERRIDE_ADD: return "+";
    case CB_OVERRIDE_FORCE_ADD: return "++";
    case CB_OVERRIDE_DELETE: return "~";
    case CB_OVERRIDE_SET:
    default: return "";
    }
}

/**
 * cb_override_build_full:
 * @operation: set, add (`+`), force-add (`++`) or delete (`~`)
 * @value: (nullable): the value; %NULL for `~target` alone
 * @flags: how texts are read, as for cb_override_quote()
 *
 * Returns: (transfer full): the override
 */
char *
cb_override_build_full (CbOverrideOperation  operation,
                        const char          *target,
                        GVariant            *value,
                        CbOverrideFlags      flags)
{
  GString *out = g_string_new (cb_override_operation_prefix (operation));

  g_return_val_if_fail (target != NULL, NULL);

  g_string_append (out, target);
  if (value != NULL)
    {
      g_string_append_c (out, '=');
      append_value (out, value, flags, TRUE);
    }

  return g_string_free (out, FALSE);
}

/**
 * cb_override_build:
 *
 * Returns: (transfer full): `target=value`, a text in it read by Hydra as
 *   this very text
 */
char *
cb_override_build (const char *target,
                   GVariant   *value)
{
  return cb_override_build_full (CB_OVERRIDE_SET, target, value, 0);
}

/**
 * cb_override_build_text:
 *
 * Returns: (transfer full): `target=text`, @text quoted when needed
 */
char *
cb_override_build_text (const char *target,
                        const char *text)
{
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string (text));

  return cb_override_build_full (CB_OVERRIDE_SET, target, value, 0);
}

/* Whether a literal's value is Hydra syntax its author wrote: a list, a
 * dictionary, a quoted value, a call, a sweep or an escape
 */
static gboolean
is_hydra_syntax (const char *value)
{
  g_autoptr(GArray) tokens = NULL;

  if (value[0] != '\0' && strchr ("[{\"'", value[0]) != NULL)
    return TRUE;

  /* `${a.${b}}` does not lex unquoted, and is one text */
  if (strstr (value, "${") != NULL)
    return FALSE;

  /* What does not lex is one text too, to be quoted */
  tokens = cb_override_lex (value, NULL);
  if (tokens == NULL)
    return FALSE;
  g_clear_pointer (&tokens, g_array_unref);

  tokens = text_tokens (value, TRUE);
  return tokens == NULL;
}

/**
 * cb_override_requote:
 * @override: an override as written in a schema or metadata file
 *
 * Writes an override given as text (a constant or an extra override): its
 * operation (`+`, `++`, `~`) and target exactly as written; a value that is
 * Hydra syntax (a list, a dictionary, a quoted value, a call, a sweep, an
 * escape) as written; any other value as one text in Hydra's spelling
 * (`true` and `0.02` stay typed, `${...}` stays an interpolation), quoted
 * when Hydra needs it or the earlier tool quoted it.
 *
 * Returns: (transfer full): the override to emit
 */
char *
cb_override_requote (const char *override)
{
  const char *eq = strchr (override, '=');
  g_autofree char *target = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (override != NULL, NULL);

  if (eq == NULL || eq[1] == '\0' || is_hydra_syntax (eq + 1))
    return g_strdup (override);

  target = g_strndup (override, eq - override);
  value = cb_override_quote (eq + 1, CB_OVERRIDE_KEEP_TYPED | CB_OVERRIDE_INTERPOLATION);
  return g_strconcat (target, "=", value, NULL);
}

/**
 * cb_override_is_sweep:
 * @override: an override, as written on a command line
 *
 * Returns: whether Hydra reads @override as a sweep, which takes a
 *   multirun: values separated by commas at its top level, or a call of
 *   `choice`, `range`, `interval` or `glob`
 */
gboolean
cb_override_is_sweep (const char *override)
{
  const char *eq = strchr (override, '=');
  g_autoptr(GArray) tokens = NULL;
  int depth = 0;

  g_return_val_if_fail (override != NULL, FALSE);

  if (eq == NULL || (tokens = cb_override_lex (eq + 1, NULL)) == NULL)
    return FALSE;

  for (guint i = 0; i < tokens->len; i++)
    {
      CbOverrideToken *t = &g_array_index (tokens, CbOverrideToken, i);

      switch (t->kind)
        {
        case CB_OVERRIDE_TOKEN_POPEN:
        case CB_OVERRIDE_TOKEN_BRACKET_OPEN:
        case CB_OVERRIDE_TOKEN_BRACE_OPEN:
          depth++;
          break;
        case CB_OVERRIDE_TOKEN_PCLOSE:
        case CB_OVERRIDE_TOKEN_BRACKET_CLOSE:
        case CB_OVERRIDE_TOKEN_BRACE_CLOSE:
          depth--;
          break;
        case CB_OVERRIDE_TOKEN_COMMA:
          if (depth == 0)
            return TRUE;
          break;
        default:
          break;
        }
    }

  if (tokens->len >= 2 &&
      g_array_index (tokens, CbOverrideToken, 0).kind == CB_OVERRIDE_TOKEN_ID &&
      g_array_index (tokens, CbOverrideToken, 1).kind == CB_OVERRIDE_TOKEN_POPEN)
    {
      static const char * const sweeps[] = { "choice", "range", "interval", "glob", NULL };
      g_autofree char *name = g_strndup (eq + 1, g_array_index (tokens, CbOverrideToken, 0).length);

      return g_strv_contains (sweeps, name);
    }

  return FALSE;
}
