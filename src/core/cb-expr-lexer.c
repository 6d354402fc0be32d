/* cb-expr-lexer.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-expr-private.h"

/* The lexer of expressions: the tokens of the text, one at a time, with
 * their offsets in characters; and the parser's errors */

/* What the last parse on this thread stepped over: the characters counted
 * for offsets and the keys looked up. The tests use it to prove that
 * parsing is linear without timing it. */
_Thread_local guint64 _cb_expr_parse_steps;

/**
 * cb_expr_get_parse_steps:
 *
 * Returns: the work of the last cb_expr_parse() on this thread: each
 *   character counted for an offset, and each key looked up, is a step.
 *   It is at most about twice the length of the text.
 */
guint64
cb_expr_get_parse_steps (void)
{
  return _cb_expr_parse_steps;
}

/* Offsets are in characters. Tokens come in order, so the count goes on
 * from the last token's position instead of from the start: counting from
 * the start made parsing quadratic in the length of the text.
 */
static guint
parser_offset (Parser     *parser,
               const char *p)
{
  g_assert (p >= parser->counted_pos);

  _cb_expr_parse_steps += p - parser->counted_pos;
  parser->counted_chars += g_utf8_strlen (parser->counted_pos, p - parser->counted_pos);
  parser->counted_pos = p;

  return parser->counted_chars;
}

void
_cb_expr_parser_fail (Parser     *parser,
                      guint       offset,
                      const char *format,
                      ...)
{
  va_list args;

  if (parser->error != NULL)
    return;

  va_start (args, format);
  parser->error = g_error_new_valist (CB_ERROR, CB_ERROR_PARSE, format, args);
  va_end (args);
  parser->error_offset = offset;
}

void
_cb_expr_token_clear (Token *token)
{
  g_clear_pointer (&token->literal, g_variant_unref);
  g_clear_pointer (&token->key, g_free);
}

static gboolean
is_key_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.';
}

static void
lex_string (Parser *parser)
{
  char quote = *parser->pos;
  const char *start = parser->pos;
  GString *s = g_string_new (NULL);
  const char *p = parser->pos + 1;

  for (; *p != '\0' && *p != quote; p++)
    {
      if (*p == '\\' && (p[1] == quote || p[1] == '\\'))
        p++;
      g_string_append_c (s, *p);
    }

  if (*p != quote)
    {
      _cb_expr_parser_fail (parser, parser_offset (parser, start),
                            _("the string that starts here is not closed"));
      g_string_free (s, TRUE);
      parser->pos = p;
      return;
    }

  parser->token.kind = TOK_LITERAL;
  parser->token.literal = g_variant_ref_sink (g_variant_new_take_string (g_string_free (s, FALSE)));
  parser->pos = p + 1;
}

static void
lex_number (Parser *parser)
{
  const char *p = parser->pos;
  const char *start = p;
  gboolean is_float = FALSE;
  g_autofree char *text = NULL;
  char *end = NULL;

  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      is_float = TRUE;
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if ((*p == 'e' || *p == 'E') &&
      (g_ascii_isdigit (p[1]) || ((p[1] == '-' || p[1] == '+') && g_ascii_isdigit (p[2]))))
    {
      is_float = TRUE;
      p += 2;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (is_key_char (*p))
    {
      _cb_expr_parser_fail (parser, parser_offset (parser, start), _("“%.*s” is not a number"),
                            (int)(p - start + 1), start);
      parser->pos = p;
      return;
    }

  text = g_strndup (start, p - start);
  errno = 0;
  parser->token.kind = TOK_LITERAL;
  if (is_float)
    parser->token.literal = g_variant_ref_sink (g_variant_new_double (g_ascii_strtod (text, &end)));
  else
    {
      gint64 v = g_ascii_strtoll (text, &end, 10);

      if (errno == ERANGE)
        _cb_expr_parser_fail (parser, parser_offset (parser, start), _("the number %s is too large"), text);
      parser->token.literal = g_variant_ref_sink (g_variant_new_int64 (v));
    }
  parser->pos = p;
}

void
_cb_expr_lex (Parser *parser)
{
  const char *p;

  _cb_expr_token_clear (&parser->token);

  while (g_ascii_isspace (*parser->pos))
    parser->pos++;

  p = parser->pos;
  parser->token.offset = parser_offset (parser, p);

  if (*p == '\0')
    {
      parser->token.kind = TOK_END;
      return;
    }

  switch (*p)
    {
    case '(': parser->token.kind = TOK_LPAREN; parser->pos++; return;
    case ')': parser->token.kind = TOK_RPAREN; parser->pos++; return;
    case '[': parser->token.kind = TOK_LBRACKET; parser->pos++; return;
    case ']': parser->token.kind = TOK_RBRACKET; parser->pos++; return;
    case ',': parser->token.kind = TOK_COMMA; parser->pos++; return;
    case '\'':
    case '"':
      lex_string (parser);
      return;
    default:
      break;
    }

  if ((p[0] == '=' || p[0] == '!') && p[1] == '=')
    {
      parser->token.kind = TOK_OP;
      parser->token.op = p[0] == '=' ? OP_EQ : OP_NE;
      parser->pos += 2;
      return;
    }
  if (p[0] == '<' || p[0] == '>')
    {
      gboolean equal = p[1] == '=';

      parser->token.kind = TOK_OP;
      parser->token.op = p[0] == '<' ? (equal ? OP_LE : OP_LT) : (equal ? OP_GE : OP_GT);
      parser->pos += equal ? 2 : 1;
      return;
    }

  if (g_ascii_isdigit (*p) || ((*p == '-' || *p == '+') && g_ascii_isdigit (p[1])))
    {
      lex_number (parser);
      return;
    }

  if (is_key_start (*p))
    {
      const char *start = p;
      g_autofree char *word = NULL;

      while (is_key_char (*p))
        p++;
      word = g_strndup (start, p - start);
      parser->pos = p;

      if (strcmp (word, "and") == 0)
        parser->token.kind = TOK_AND;
      else if (strcmp (word, "or") == 0)
        parser->token.kind = TOK_OR;
      else if (strcmp (word, "not") == 0)
        parser->token.kind = TOK_NOT;
      else if (strcmp (word, "in") == 0)
        parser->token.kind = TOK_IN;
      else if (strcmp (word, "true") == 0 || strcmp (word, "false") == 0)
        {
          parser->token.kind = TOK_LITERAL;
          parser->token.literal = g_variant_ref_sink (g_variant_new_boolean (word[0] == 't'));
        }
      else if (strcmp (word, "null") == 0)
        {
          parser->token.kind = TOK_LITERAL;
          parser->token.literal = NULL;
        }
      else if (g_str_has_suffix (word, "."))
        _cb_expr_parser_fail (parser, parser->token.offset, _("“%s” is not a valid key"), word);
      else
        {
          parser->token.kind = TOK_KEY;
          parser->token.key = g_steal_pointer (&word);
        }
      return;
    }

  {
    gunichar c = g_utf8_get_char_validated (p, -1);
    char buf[8] = { 0 };

    if (c == (gunichar)-1 || c == (gunichar)-2)
      _cb_expr_parser_fail (parser, parser->token.offset, _("unexpected byte"));
    else
      {
        g_unichar_to_utf8 (c, buf);
        if (c == '=')
          _cb_expr_parser_fail (parser, parser->token.offset, _("unexpected “=”; use “==” to compare"));
        else if (c == '&' || c == '|' || c == '!')
          _cb_expr_parser_fail (parser, parser->token.offset,
                                _("unexpected “%s”; use “and”, “or” and “not”"), buf);
        else
          _cb_expr_parser_fail (parser, parser->token.offset, _("unexpected “%s”"), buf);
      }
    parser->token.kind = TOK_END;
  }
}

const char *
_cb_expr_token_describe (Token *token)
{
  switch (token->kind)
    {
    case TOK_END: return _("the end of the expression");
    case TOK_LPAREN: return "“(”";
    case TOK_RPAREN: return "“)”";
    case TOK_LBRACKET: return "“[”";
    case TOK_RBRACKET: return "“]”";
    case TOK_COMMA: return "“,”";
    case TOK_OP: return _("an operator");
    case TOK_AND: return "“and”";
    case TOK_OR: return "“or”";
    case TOK_NOT: return "“not”";
    case TOK_IN: return "“in”";
    case TOK_LITERAL: return _("a value");
    case TOK_KEY: return _("a key");
    default: g_assert_not_reached ();
    }
}
