/* cb-override-lexer.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-override-lexer.h"

/* The value mode of Hydra 1.3's override lexer, rule by rule, so that
 * Command Builder decides as Hydra does whether a value may be written
 * unquoted: Hydra reads an unquoted value as the concatenation of these
 * tokens, types a value that is one INT, FLOAT, BOOL or NULL token, calls
 * a function at `ID(`, and rejects a character that no rule matches (any
 * non-ASCII character, `#`, `!`, `;`, a quote…).
 *
 * Like ANTLR's lexer, each step takes the longest match of any rule, and
 * the earlier rule when two match the same length. Each function below
 * returns the length its rule matches at @s, 0 for none.
 */

static const char * const kind_names[] = {
  "POPEN", "COMMA", "PCLOSE", "BRACKET_OPEN", "BRACKET_CLOSE", "BRACE_OPEN",
  "BRACE_CLOSE", "COLON", "EQUAL", "FLOAT", "INT", "BOOL", "NULL", "UNQUOTED_CHAR",
  "ID", "ESC", "WS", "QUOTED_VALUE", "INTERPOLATION",
};

const char *
cb_override_token_kind_name (CbOverrideTokenKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* WS: [ \t]+ */
static gsize
match_ws (const char *s)
{
  gsize n = 0;

  while (s[n] == ' ' || s[n] == '\t')
    n++;
  return n;
}

/* WS? c WS?, with either WS left out as the rule says */
static gsize
match_punct (const char *s,
             char        c,
             gboolean    ws_before,
             gboolean    ws_after)
{
  gsize n = ws_before ? match_ws (s) : 0;

  if (s[n] != c)
    return 0;
  n++;
  if (ws_after)
    n += match_ws (s + n);
  return n;
}

/* DIGIT (('_')? DIGIT)* */
static gsize
match_digits (const char *s)
{
  gsize n = 0;

  if (!is_digit (s[0]))
    return 0;
  n = 1;
  for (;;)
    {
      if (is_digit (s[n]))
        n++;
      else if (s[n] == '_' && is_digit (s[n + 1]))
        n += 2;
      else
        return n;
    }
}

/* INT_UNSIGNED: '0' | [1-9] (('_')? DIGIT)* */
static gsize
match_int_unsigned (const char *s)
{
  if (s[0] == '0')
    return 1;
  if (s[0] >= '1' && s[0] <= '9')
    return match_digits (s);
  return 0;
}

/* POINT_FLOAT: INT_UNSIGNED '.' | INT_UNSIGNED? '.' DIGIT (('_')? DIGIT)*
 * Writes each length it can match into @ends; returns how many.
 */
static guint
match_point_float (const char *s,
                   gsize       ends[3])
{
  gsize i = match_int_unsigned (s);
  guint n = 0;

  if (i > 0 && s[i] == '.')
    ends[n++] = i + 1;
  for (gsize o = 0; o <= i; o += MAX (i, 1))
    if (s[o] == '.' && match_digits (s + o + 1) > 0)
      ends[n++] = o + 1 + match_digits (s + o + 1);

  return n;
}

/* EXPONENT_FLOAT: (INT_UNSIGNED | POINT_FLOAT) [eE] [+-]? DIGIT (('_')? DIGIT)* */
static gsize
match_exponent_float (const char *s)
{
  gsize mantissas[4];
  guint n = match_point_float (s, mantissas);
  gsize best = 0;

  if (match_int_unsigned (s) > 0)
    mantissas[n++] = match_int_unsigned (s);

  for (guint k = 0; k < n; k++)
    {
      gsize j = mantissas[k];

      if (s[j] != 'e' && s[j] != 'E')
        continue;
      j++;
      if (s[j] == '+' || s[j] == '-')
        j++;
      if (match_digits (s + j) > 0)
        best = MAX (best, j + match_digits (s + j));
    }

  return best;
}

static gboolean
has_word (const char *s,
          const char *word)
{
  return g_ascii_strncasecmp (s, word, strlen (word)) == 0;
}

/* FLOAT: [+-]? (POINT_FLOAT | EXPONENT_FLOAT | [Ii][Nn][Ff] | [Nn][Aa][Nn]) */
static gsize
match_float (const char *s)
{
  gsize sign = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  gsize ends[3];
  guint n = match_point_float (s + sign, ends);
  gsize best = match_exponent_float (s + sign);

  for (guint k = 0; k < n; k++)
    best = MAX (best, ends[k]);
  if (best == 0 && (has_word (s + sign, "inf") || has_word (s + sign, "nan")))
    best = 3;

  return best > 0 ? sign + best : 0;
}

/* INT: [+-]? INT_UNSIGNED */
static gsize
match_int (const char *s)
{
  gsize sign = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  gsize n = match_int_unsigned (s + sign);

  return n > 0 ? sign + n : 0;
}

static gsize
match_bool (const char *s)
{
  if (has_word (s, "true"))
    return 4;
  if (has_word (s, "false"))
    return 5;
  return 0;
}

static gsize
match_null (const char *s)
{
  return has_word (s, "null") ? 4 : 0;
}

/* UNQUOTED_CHAR: [/\-\\+.$%*@?|] */
static gsize
match_unquoted_char (const char *s)
{
  return s[0] != '\0' && strchr ("/-\\+.$%*@?|", s[0]) != NULL ? 1 : 0;
}

/* ID: (CHAR|'_') (CHAR|DIGIT|'_'|'-')* */
static gsize
match_id (const char *s)
{
  gsize n = 0;

  if (!is_char (s[0]) && s[0] != '_')
    return 0;
  n = 1;
  while (is_char (s[n]) || is_digit (s[n]) || s[n] == '_' || s[n] == '-')
    n++;
  return n;
}

/* ESC: ('\\\\' | '\\(' | '\\)' | '\\[' | '\\]' | '\\{' | '\\}' | '\\:' |
 *       '\\=' | '\\,' | '\\ ' | '\\\t')+
 */
static gsize
match_esc (const char *s)
{
  gsize n = 0;

  while (s[n] == '\\' && s[n + 1] != '\0' && strchr ("\\()[]{}:=, \t", s[n + 1]) != NULL)
    n += 2;
  return n;
}

/* QUOTED_VALUE: a quote, then anything up to the first same quote that
 * follows an even run of backslashes (none counts as even)
 */
static gsize
match_quoted (const char *s)
{
  char quote = s[0];
  gsize run = 0;

  if (quote != '"' && quote != '\'')
    return 0;

  for (gsize n = 1; s[n] != '\0'; n++)
    {
      if (s[n] == quote && run % 2 == 0)
        return n + 1;
      run = s[n] == '\\' ? run + 1 : 0;
    }

  return 0;
}

/* INTERPOLATION: '${' ~('}')+ '}' */
static gsize
match_interpolation (const char *s)
{
  gsize n = 2;

  if (s[0] != '$' || s[1] != '{' || s[2] == '}' || s[2] == '\0')
    return 0;
  while (s[n] != '\0' && s[n] != '}')
    n++;
  return s[n] == '}' ? n + 1 : 0;
}

/* The longest match at @s; the earlier rule on a tie */
static gsize
match_token (const char          *s,
             CbOverrideTokenKind *kind)
{
  gsize lengths[] = {
    [CB_OVERRIDE_TOKEN_POPEN] = match_punct (s, '(', TRUE, TRUE),
    [CB_OVERRIDE_TOKEN_COMMA] = match_punct (s, ',', TRUE, TRUE),
    [CB_OVERRIDE_TOKEN_PCLOSE] = match_punct (s, ')', TRUE, FALSE),
    [CB_OVERRIDE_TOKEN_BRACKET_OPEN] = match_punct (s, '[', FALSE, TRUE),
    [CB_OVERRIDE_TOKEN_BRACKET_CLOSE] = match_punct (s, ']', TRUE, FALSE),
    [CB_OVERRIDE_TOKEN_BRACE_OPEN] = match_punct (s, '{', FALSE, TRUE),
    [CB_OVERRIDE_TOKEN_BRACE_CLOSE] = match_punct (s, '}', TRUE, FALSE),
    [CB_OVERRIDE_TOKEN_COLON] = match_punct (s, ':', TRUE, TRUE),
    [CB_OVERRIDE_TOKEN_EQUAL] = match_punct (s, '=', TRUE, TRUE),
    [CB_OVERRIDE_TOKEN_FLOAT] = match_float (s),
    [CB_OVERRIDE_TOKEN_INT] = match_int (s),
    [CB_OVERRIDE_TOKEN_BOOL] = match_bool (s),
    [CB_OVERRIDE_TOKEN_NULL] = match_null (s),
    [CB_OVERRIDE_TOKEN_UNQUOTED_CHAR] = match_unquoted_char (s),
    [CB_OVERRIDE_TOKEN_ID] = match_id (s),
    [CB_OVERRIDE_TOKEN_ESC] = match_esc (s),
    [CB_OVERRIDE_TOKEN_WS] = match_ws (s),
    [CB_OVERRIDE_TOKEN_QUOTED_VALUE] = match_quoted (s),
    [CB_OVERRIDE_TOKEN_INTERPOLATION] = match_interpolation (s),
  };
  gsize best = 0;

  for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
    if (lengths[k] > best)
      {
        best = lengths[k];
        *kind = k;
      }

  return best;
}

/**
 * cb_override_lex:
 * @value: the value part of an override, after its `=`
 * @error_offset: (out) (optional): where no rule matches, on failure
 *
 * Splits @value into tokens as Hydra's lexer does in its value mode.
 *
 * Returns: (transfer full) (nullable) (element-type CbOverrideToken): the
 *   tokens, or %NULL when a character matches no rule: Hydra reports a
 *   "token recognition error" there
 */
GArray *
cb_override_lex (const char *value,
                 guint      *error_offset)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (CbOverrideToken));
  gsize pos = 0;

  g_return_val_if_fail (value != NULL, NULL);

  while (value[pos] != '\0')
    {
      CbOverrideToken token = { 0 };
      gsize length = match_token (value + pos, &token.kind);

      if (length == 0)
        {
          if (error_offset != NULL)
            *error_offset = pos;
          return NULL;
        }
      token.start = pos;
      token.length = length;
      g_array_append_val (tokens, token);
      pos += length;
    }

  return g_steal_pointer (&tokens);
}
