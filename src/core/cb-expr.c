/* cb-expr.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-expr-private.h"

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


static Node *parse_or (Parser *parser);

static Node *
parse_primary (Parser *parser)
{
  Node *node = NULL;

  if (parser->error != NULL)
    return NULL;

  if (++parser->depth > 64)
    {
      _cb_expr_parser_fail (parser, parser->token.offset, _("the expression is nested too deeply"));
      return NULL;
    }

  switch (parser->token.kind)
    {
    case TOK_LITERAL:
      node = node_new (OP_LITERAL);
      node->literal = g_steal_pointer (&parser->token.literal);
      _cb_expr_lex (parser);
      break;

    case TOK_KEY:
      node = node_new (OP_KEY);
      node->key = g_steal_pointer (&parser->token.key);
      _cb_expr_parse_steps++;
      if (!g_hash_table_contains (parser->key_set, node->key))
        {
          char *key = g_strdup (node->key);

          g_ptr_array_add (parser->keys, key);
          g_hash_table_add (parser->key_set, key);
        }
      _cb_expr_lex (parser);
      break;

    case TOK_LPAREN:
      _cb_expr_lex (parser);
      node = parse_or (parser);
      if (parser->error == NULL && parser->token.kind != TOK_RPAREN)
        _cb_expr_parser_fail (parser, parser->token.offset, _("expected “)” but found %s"),
                     _cb_expr_token_describe (&parser->token));
      _cb_expr_lex (parser);
      break;

    case TOK_LBRACKET:
      node = node_new (OP_LIST);
      node->items = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
      _cb_expr_lex (parser);
      while (parser->error == NULL && parser->token.kind != TOK_RBRACKET)
        {
          Node *item = parse_or (parser);

          if (item != NULL)
            g_ptr_array_add (node->items, item);
          if (parser->error != NULL)
            break;
          if (parser->token.kind == TOK_COMMA)
            _cb_expr_lex (parser);
          else if (parser->token.kind != TOK_RBRACKET)
            _cb_expr_parser_fail (parser, parser->token.offset, _("expected “,” or “]” but found %s"),
                                  _cb_expr_token_describe (&parser->token));
        }
      _cb_expr_lex (parser);
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
      _cb_expr_parser_fail (parser, parser->token.offset, _("expected a key or a value but found %s"),
                            _cb_expr_token_describe (&parser->token));
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
      _cb_expr_lex (parser);
      if (parser->token.kind != TOK_IN)
        {
          _cb_expr_parser_fail (parser, parser->token.offset, _("expected “in” after “not”"));
          return left;
        }
      op = OP_NOT_IN;
    }
  else
    return left;

  _cb_expr_lex (parser);
  node = node_new (op);
  node->a = left;
  node->b = parse_primary (parser);

  if (parser->error == NULL && (parser->token.kind == TOK_OP || parser->token.kind == TOK_IN))
    _cb_expr_parser_fail (parser, parser->token.offset,
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
          _cb_expr_parser_fail (parser, parser->token.offset, _("the expression is nested too deeply"));
          return node;
        }
      _cb_expr_lex (parser);
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

      _cb_expr_lex (parser);
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
  _cb_expr_parse_steps = 0;

  if (!g_utf8_validate (text, -1, NULL))
    _cb_expr_parser_fail (&parser, 0, _("the expression is not valid UTF-8"));
  else
    {
      _cb_expr_lex (&parser);
      if (parser.token.kind == TOK_END && parser.error == NULL)
        _cb_expr_parser_fail (&parser, 0, _("the expression is empty"));
    }

  root = parser.error ? NULL : parse_or (&parser);

  if (parser.error == NULL && parser.token.kind != TOK_END)
    _cb_expr_parser_fail (&parser, parser.token.offset, _("unexpected %s"), _cb_expr_token_describe (&parser.token));

  _cb_expr_token_clear (&parser.token);
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