/* cb-override-lexer.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbOverrideTokenKind:
 *
 * The tokens of the value mode of Hydra 1.3's override lexer
 * (`OverrideLexer.g4`, `mode VALUE_MODE`), in the order of its rules: when
 * two rules match the same longest text, the earlier one wins.
 */
typedef enum
{
  CB_OVERRIDE_TOKEN_POPEN,
  CB_OVERRIDE_TOKEN_COMMA,
  CB_OVERRIDE_TOKEN_PCLOSE,
  CB_OVERRIDE_TOKEN_BRACKET_OPEN,
  CB_OVERRIDE_TOKEN_BRACKET_CLOSE,
  CB_OVERRIDE_TOKEN_BRACE_OPEN,
  CB_OVERRIDE_TOKEN_BRACE_CLOSE,
  CB_OVERRIDE_TOKEN_COLON,
  CB_OVERRIDE_TOKEN_EQUAL,
  CB_OVERRIDE_TOKEN_FLOAT,
  CB_OVERRIDE_TOKEN_INT,
  CB_OVERRIDE_TOKEN_BOOL,
  CB_OVERRIDE_TOKEN_NULL,
  CB_OVERRIDE_TOKEN_UNQUOTED_CHAR,
  CB_OVERRIDE_TOKEN_ID,
  CB_OVERRIDE_TOKEN_ESC,
  CB_OVERRIDE_TOKEN_WS,
  CB_OVERRIDE_TOKEN_QUOTED_VALUE,
  CB_OVERRIDE_TOKEN_INTERPOLATION,
} CbOverrideTokenKind;

typedef struct
{
  CbOverrideTokenKind kind;
  guint               start;
  guint               length;
} CbOverrideToken;

GArray     *cb_override_lex              (const char          *value,
                                          guint               *error_offset);
const char *cb_override_token_kind_name  (CbOverrideTokenKind  kind);

G_END_DECLS
