/* cb-expr-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-expr.h"

G_BEGIN_DECLS

/* Expressions are split by concern around this header:
 *
 * - cb-expr.c: the grammar, the parser and the tree;
 * - cb-expr-lexer.c: the tokens, their offsets, and parse errors;
 * - cb-expr-evaluate.c: values, and evaluating a tree.
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

/* What the last parse on this thread stepped over (cb_expr_get_parse_steps()) */
extern _Thread_local guint64 _cb_expr_parse_steps;

/* cb-expr-lexer.c */
void        _cb_expr_lex            (Parser     *parser);
void        _cb_expr_parser_fail    (Parser     *parser,
                                     guint       offset,
                                     const char *format,
                                     ...) G_GNUC_PRINTF (3, 4);
void        _cb_expr_token_clear    (Token      *token);
const char *_cb_expr_token_describe (Token      *token);

G_END_DECLS
