/* cb-expr.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-expr.h"

/* The small expression language of `visible_if`, `required_if`, `emit_if`
 * and `when`. It is parsed once, into a tree, and evaluated against the
 * current values of a form. Nothing in it can run code.
 *
 *   expr       := or
 *   or         := and ( "or" and )*
 *   and        := not ( "and" not )*
 *   not        := "not" not | comparison
 *   comparison := primary ( OP primary | "not"? "in" primary )?
 *   primary    := literal | key | "(" expr ")" | "[" ( expr ( "," expr )* )? "]"
 *   OP         := "==" | "!=" | "<" | "<=" | ">" | ">="
 */

typedef enum
{
  OP_LITERAL,
  OP_KEY,
  OP_LIST,
  OP_NOT,
  OP_AND,
  OP_OR,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_NOT_IN,
} Op;

typedef struct _Node Node;

/* A chain of `and` (or `or`) is one node with its terms in @items, not a
 * tree as deep as the chain is long: freeing and evaluating it recurse
 * only as deep as the parentheses go, which the parser bounds. */
struct _Node
{
  Op         op;
  GVariant  *literal; /* NULL is null */
  char      *key;
  Node      *a;
  Node      *b;
  GPtrArray *items; /* of a list, an and or an or */
};

struct _CbExpr
{
  gatomicrefcount  ref_count;
  char            *text;
  Node            *root;
  char           **keys;
};

G_DEFINE_BOXED_TYPE (CbExpr, cb_expr, cb_expr_ref, cb_expr_unref)

static void
node_free (Node *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->literal, g_variant_unref);
  g_clear_pointer (&node->items, g_ptr_array_unref);
  node_free (node->a);
  node_free (node->b);
  g_free (node->key);
  g_free (node);
}

static Node *
node_new (Op op)
{
  Node *node = g_new0 (Node, 1);

  node->op = op;
  return node;
}

/* Lexer */

typedef enum
{
  TOK_END,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_LBRACKET,
  TOK_RBRACKET,
  TOK_COMMA,
  TOK_OP,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_IN,
  TOK_LITERAL,
  TOK_KEY,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  Op         op;
  GVariant  *literal;
  char      *key;
  guint      offset;
} Token;

typedef struct
{
  const char *text;
  const char *pos;
  const char *counted_pos;
  guint       counted_chars;
  Token       token;
  GPtrArray  *keys;
  GHashTable *key_set;
  guint       error_offset;
  GError     *error;
  guint       depth;
} Parser;

/* What the last parse on this thread stepped over: the characters counted
 * for offsets and the keys looked up. The tests use it to prove that
 * parsing is linear without timing it. */
static _Thread_local guint64 parse_steps;

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
  return parse_steps;
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

  parse_steps += p - parser->counted_pos;
  parser->counted_chars += g_utf8_strlen (parser->counted_pos, p - parser->counted_pos);
  parser->counted_pos = p;

  return parser->counted_chars;
}

static void
parser_fail (Parser     *parser,
             guint       offset,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
parser_fail (Parser     *parser,
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

static void
token_clear (Token *token)
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
      parser_fail (parser, parser_offset (parser, start),
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
      parser_fail (parser, parser_offset (parser, start), _("“%.*s” is not a number"),
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
        parser_fail (parser, parser_offset (parser, start), _("the number %s is too large"), text);
      parser->token.literal = g_variant_ref_sink (g_variant_new_int64 (v));
    }
  parser->pos = p;
}

static void
lex (Parser *parser)
{
  const char *p;

  token_clear (&parser->token);

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
        parser_fail (parser, parser->token.offset, _("“%s” is not a valid key"), word);
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
      parser_fail (parser, parser->token.offset, _("unexpected byte"));
    else
      {
        g_unichar_to_utf8 (c, buf);
        if (c == '=')
          parser_fail (parser, parser->token.offset, _("unexpected “=”; use “==” to compare"));
        else if (c == '&' || c == '|' || c == '!')
          parser_fail (parser, parser->token.offset,
                       _("unexpected “%s”; use “and”, “or” and “not”"), buf);
        else
          parser_fail (parser, parser->token.offset, _("unexpected “%s”"), buf);
      }
    parser->token.kind = TOK_END;
  }
}

static const char *
token_describe (Token *token)
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

static Node *parse_or (Parser *parser);

static Node *
parse_primary (Parser *parser)
{
  Node *node = NULL;

  if (parser->error != NULL)
    return NULL;

  if (++parser->depth > 64)
    {
      parser_fail (parser, parser->token.offset, _("the expression is nested too deeply"));
      return NULL;
    }

  switch (parser->token.kind)
    {
    case TOK_LITERAL:
      node = node_new (OP_LITERAL);
      node->literal = g_steal_pointer (&parser->token.literal);
      lex (parser);
      break;

    case TOK_KEY:
      node = node_new (OP_KEY);
      node->key = g_steal_pointer (&parser->token.key);
      parse_steps++;
      if (!g_hash_table_contains (parser->key_set, node->key))
        {
          char *key = g_strdup (node->key);

          g_ptr_array_add (parser->keys, key);
          g_hash_table_add (parser->key_set, key);
        }
      lex (parser);
      break;

    case TOK_LPAREN:
      lex (parser);
      node = parse_or (parser);
      if (parser->error == NULL && parser->token.kind != TOK_RPAREN)
        parser_fail (parser, parser->token.offset, _("expected “)” but found %s"),
                     token_describe (&parser->token));
      lex (parser);
      break;

    case TOK_LBRACKET:
      node = node_new (OP_LIST);
      node->items = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
      lex (parser);
      while (parser->error == NULL && parser->token.kind != TOK_RBRACKET)
        {
          Node *item = parse_or (parser);

          if (item != NULL)
            g_ptr_array_add (node->items, item);
          if (parser->error != NULL)
            break;
          if (parser->token.kind == TOK_COMMA)
            lex (parser);
          else if (parser->token.kind != TOK_RBRACKET)
            parser_fail (parser, parser->token.offset, _("expected “,” or “]” but found %s"),
                         token_describe (&parser->token));
        }
      lex (parser);
      break;

    case TOK_END:
    case TOK_RPAREN:
    case TOK_RBRACKET:
    case TOK_COMMA:
    case TOK_OP:
    case TOK_AND:
    case TOK_OR:
    case TOK_NOT:
    case TOK_IN:
    default:
      parser_fail (parser, parser->token.offset, _("expected a key or a value but found %s"),
                   token_describe (&parser->token));
      break;
    }

  parser->depth--;
  return node;
}

static Node *
parse_comparison (Parser *parser)
{
  Node *left = parse_primary (parser);
  Node *node;
  Op op;

  if (parser->error != NULL)
    return left;

  if (parser->token.kind == TOK_OP)
    op = parser->token.op;
  else if (parser->token.kind == TOK_IN)
    op = OP_IN;
  else if (parser->token.kind == TOK_NOT)
    {
      lex (parser);
      if (parser->token.kind != TOK_IN)
        {
          parser_fail (parser, parser->token.offset, _("expected “in” after “not”"));
          return left;
        }
      op = OP_NOT_IN;
    }
  else
    return left;

  lex (parser);
  node = node_new (op);
  node->a = left;
  node->b = parse_primary (parser);

  if (parser->error == NULL && (parser->token.kind == TOK_OP || parser->token.kind == TOK_IN))
    parser_fail (parser, parser->token.offset,
                 _("comparisons cannot be chained; join them with “and”"));

  return node;
}

static Node *
parse_not (Parser *parser)
{
  if (parser->token.kind == TOK_NOT)
    {
      Node *node = node_new (OP_NOT);

      if (++parser->depth > 64)
        {
          parser_fail (parser, parser->token.offset, _("the expression is nested too deeply"));
          return node;
        }
      lex (parser);
      node->a = parse_not (parser);
      parser->depth--;
      return node;
    }

  return parse_comparison (parser);
}

typedef Node *(*ParseFunc) (Parser *parser);

/* term ( joiner term )*: one node whose items are the terms */
static Node *
parse_chain (Parser    *parser,
             TokenKind  joiner,
             Op         op,
             ParseFunc  parse_term)
{
  Node *first = parse_term (parser);
  Node *node;

  if (parser->error != NULL || parser->token.kind != joiner)
    return first;

  node = node_new (op);
  node->items = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
  g_ptr_array_add (node->items, first);
  while (parser->error == NULL && parser->token.kind == joiner)
    {
      Node *term;

      lex (parser);
      term = parse_term (parser);
      if (term != NULL)
        g_ptr_array_add (node->items, term);
    }

  return node;
}

static Node *
parse_and (Parser *parser)
{
  return parse_chain (parser, TOK_AND, OP_AND, parse_not);
}

static Node *
parse_or (Parser *parser)
{
  return parse_chain (parser, TOK_OR, OP_OR, parse_and);
}

/**
 * cb_expr_parse:
 * @text: the expression
 * @error_offset: (out) (optional): on error, the character offset in @text
 *   where the problem is
 *
 * Returns: (transfer full): the parsed expression, or %NULL with @error set
 *   to a message without a location
 */
CbExpr *
cb_expr_parse (const char  *text,
               guint       *error_offset,
               GError     **error)
{
  Parser parser = { 0 };
  CbExpr *self;
  Node *root;

  g_return_val_if_fail (text != NULL, NULL);

  parser.text = text;
  parser.pos = text;
  parser.counted_pos = text;
  parser.keys = g_ptr_array_new_with_free_func (g_free);
  parser.key_set = g_hash_table_new (g_str_hash, g_str_equal);
  parse_steps = 0;

  if (!g_utf8_validate (text, -1, NULL))
    parser_fail (&parser, 0, _("the expression is not valid UTF-8"));
  else
    {
      lex (&parser);
      if (parser.token.kind == TOK_END && parser.error == NULL)
        parser_fail (&parser, 0, _("the expression is empty"));
    }

  root = parser.error ? NULL : parse_or (&parser);

  if (parser.error == NULL && parser.token.kind != TOK_END)
    parser_fail (&parser, parser.token.offset, _("unexpected %s"), token_describe (&parser.token));

  token_clear (&parser.token);
  g_hash_table_unref (parser.key_set);

  if (parser.error != NULL)
    {
      node_free (root);
      g_ptr_array_unref (parser.keys);
      if (error_offset != NULL)
        *error_offset = parser.error_offset;
      g_propagate_error (error, parser.error);
      return NULL;
    }

  g_ptr_array_add (parser.keys, NULL);

  self = g_new0 (CbExpr, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (text);
  self->root = root;
  self->keys = (char **)g_ptr_array_free (parser.keys, FALSE);

  return self;
}

CbExpr *
cb_expr_ref (CbExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cb_expr_unref (CbExpr *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  node_free (self->root);
  g_strfreev (self->keys);
  g_free (self->text);
  g_free (self);
}

const char *
cb_expr_get_text (CbExpr *self)
{
  return self->text;
}

/**
 * cb_expr_get_keys:
 *
 * Returns: (transfer none): the field keys the expression names, each once
 */
const char * const *
cb_expr_get_keys (CbExpr *self)
{
  return (const char * const *)self->keys;
}

/* Values */

static gboolean
is_number (GVariant *v)
{
  return v != NULL &&
         (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64) ||
          g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE));
}

static double
number_value (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    return (double)g_variant_get_int64 (v);
  return g_variant_get_double (v);
}

static GVariant *
unbox (GVariant *v)
{
  /* Containers from YAML hold their items as variants */
  while (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (v);

      g_variant_unref (inner); /* still held by @v */
      v = inner;
    }

  if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_MAYBE) && g_variant_n_children (v) == 0)
    return NULL;

  return v;
}

/**
 * cb_value_is_true:
 *
 * Returns: the truth of a value: null, false, zero, an empty string and an
 *   empty list are false
 */
gboolean
cb_value_is_true (GVariant *value)
{
  value = unbox (value);

  if (value == NULL)
    return FALSE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value);
  if (is_number (value))
    return number_value (value) != 0.0;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (value, NULL)[0] != '\0';
  if (g_variant_is_container (value))
    return g_variant_n_children (value) > 0;

  return TRUE;
}

/**
 * cb_value_equal:
 *
 * Type-strict equality: `"1"` is not `1`, but the numbers `1` and `1.0`
 * are equal; two nulls are equal.
 */
gboolean
cb_value_equal (GVariant *a,
                GVariant *b)
{
  a = unbox (a);
  b = unbox (b);

  if (a == NULL || b == NULL)
    return a == b;

  if (is_number (a) && is_number (b))
    return number_value (a) == number_value (b);

  if (g_variant_is_of_type (a, G_VARIANT_TYPE_ARRAY) && g_variant_is_of_type (b, G_VARIANT_TYPE_ARRAY))
    {
      gsize n = g_variant_n_children (a);

      if (n != g_variant_n_children (b))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) x = g_variant_get_child_value (a, i);
          g_autoptr(GVariant) y = g_variant_get_child_value (b, i);

          if (!cb_value_equal (x, y))
            return FALSE;
        }
      return TRUE;
    }

  if (!g_variant_type_equal (g_variant_get_type (a), g_variant_get_type (b)))
    return FALSE;

  return g_variant_equal (a, b);
}

/**
 * cb_value_compare:
 * @comparable: (out): whether the two values can be ordered: two numbers,
 *   or two strings
 */
int
cb_value_compare (GVariant *a,
                  GVariant *b,
                  gboolean *comparable)
{
  a = unbox (a);
  b = unbox (b);

  *comparable = TRUE;

  if (is_number (a) && is_number (b))
    {
      double x = number_value (a);
      double y = number_value (b);

      return x < y ? -1 : x > y ? 1 : 0;
    }

  if (a != NULL && b != NULL &&
      g_variant_is_of_type (a, G_VARIANT_TYPE_STRING) &&
      g_variant_is_of_type (b, G_VARIANT_TYPE_STRING))
    return strcmp (g_variant_get_string (a, NULL), g_variant_get_string (b, NULL));

  *comparable = FALSE;
  return 0;
}

static GVariant *
evaluate (Node         *node,
          CbExprLookup  lookup,
          gpointer      user_data);

static gboolean
evaluate_bool (Node         *node,
               CbExprLookup  lookup,
               gpointer      user_data)
{
  g_autoptr(GVariant) v = evaluate (node, lookup, user_data);

  return cb_value_is_true (v);
}

static gboolean
contains (Node         *list,
          GVariant     *needle,
          CbExprLookup  lookup,
          gpointer      user_data)
{
  g_autoptr(GVariant) haystack = NULL;

  if (list->op == OP_LIST)
    {
      for (guint i = 0; i < list->items->len; i++)
        {
          g_autoptr(GVariant) item = evaluate (g_ptr_array_index (list->items, i), lookup, user_data);

          if (cb_value_equal (needle, item))
            return TRUE;
        }
      return FALSE;
    }

  /* A key whose value is a list, such as a multiselect */
  haystack = evaluate (list, lookup, user_data);
  if (haystack == NULL || !g_variant_is_of_type (unbox (haystack), G_VARIANT_TYPE_ARRAY))
    return FALSE;

  {
    GVariant *array = unbox (haystack);
    gsize n = g_variant_n_children (array);

    for (gsize i = 0; i < n; i++)
      {
        g_autoptr(GVariant) item = g_variant_get_child_value (array, i);

        if (cb_value_equal (needle, item))
          return TRUE;
      }
  }

  return FALSE;
}

static GVariant *
boolean (gboolean b)
{
  return g_variant_ref_sink (g_variant_new_boolean (b));
}

static GVariant *
evaluate (Node         *node,
          CbExprLookup  lookup,
          gpointer      user_data)
{
  switch (node->op)
    {
    case OP_LITERAL:
      return node->literal ? g_variant_ref (node->literal) : NULL;

    case OP_KEY:
      {
        GVariant *v = lookup (node->key, user_data);

        return v ? g_variant_ref (v) : NULL;
      }

    case OP_LIST:
      {
        GVariantBuilder builder;

        g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
        for (guint i = 0; i < node->items->len; i++)
          {
            g_autoptr(GVariant) item = evaluate (g_ptr_array_index (node->items, i), lookup, user_data);

            g_variant_builder_add (&builder, "v",
                                   item ? item : g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL));
          }
        return g_variant_ref_sink (g_variant_builder_end (&builder));
      }

    case OP_NOT:
      return boolean (!evaluate_bool (node->a, lookup, user_data));

    case OP_AND:
    case OP_OR:
      {
        /* The first false term ends an and, the first true one an or */
        gboolean stop_at = node->op == OP_OR;

        for (guint i = 0; i < node->items->len; i++)
          if (evaluate_bool (g_ptr_array_index (node->items, i), lookup, user_data) == stop_at)
            return boolean (stop_at);
        return boolean (!stop_at);
      }

    case OP_IN:
    case OP_NOT_IN:
      {
        g_autoptr(GVariant) needle = evaluate (node->a, lookup, user_data);
        gboolean found = contains (node->b, needle, lookup, user_data);

        return boolean (node->op == OP_IN ? found : !found);
      }

    case OP_EQ:
    case OP_NE:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      {
        g_autoptr(GVariant) a = evaluate (node->a, lookup, user_data);
        g_autoptr(GVariant) b = evaluate (node->b, lookup, user_data);
        gboolean comparable;
        int cmp;

        if (node->op == OP_EQ)
          return boolean (cb_value_equal (a, b));
        if (node->op == OP_NE)
          return boolean (!cb_value_equal (a, b));

        cmp = cb_value_compare (a, b, &comparable);
        if (!comparable)
          return boolean (FALSE);

        switch (node->op)
          {
          case OP_LT: return boolean (cmp < 0);
          case OP_LE: return boolean (cmp <= 0);
          case OP_GT: return boolean (cmp > 0);
          case OP_GE: return boolean (cmp >= 0);
          default: g_assert_not_reached ();
          }
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * cb_expr_evaluate:
 * @lookup: (scope call): gives the value of a key
 *
 * Returns: (transfer full) (nullable): the value of the expression
 */
GVariant *
cb_expr_evaluate (CbExpr       *self,
                  CbExprLookup  lookup,
                  gpointer      user_data)
{
  g_return_val_if_fail (self != NULL, NULL);

  return evaluate (self->root, lookup, user_data);
}

gboolean
cb_expr_evaluate_bool (CbExpr       *self,
                       CbExprLookup  lookup,
                       gpointer      user_data)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return evaluate_bool (self->root, lookup, user_data);
}
