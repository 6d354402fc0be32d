/* cb-expr.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CbExpr CbExpr;

/**
 * CbExprLookup:
 * @key: a field key named by the expression
 * @user_data: the closure
 *
 * Returns: (transfer none) (nullable): the value of @key, %NULL for null
 */
typedef GVariant *(*CbExprLookup) (const char *key,
                                   gpointer    user_data);

#define CB_TYPE_EXPR (cb_expr_get_type ())

GType               cb_expr_get_type      (void) G_GNUC_CONST;
CbExpr             *cb_expr_parse         (const char    *text,
                                           guint         *error_offset,
                                           GError       **error);
CbExpr             *cb_expr_ref           (CbExpr        *self);
void                cb_expr_unref         (CbExpr        *self);
const char         *cb_expr_get_text      (CbExpr        *self);
const char * const *cb_expr_get_keys      (CbExpr        *self);
GVariant           *cb_expr_evaluate      (CbExpr        *self,
                                           CbExprLookup   lookup,
                                           gpointer       user_data);
gboolean            cb_expr_evaluate_bool (CbExpr        *self,
                                           CbExprLookup   lookup,
                                           gpointer       user_data);

guint64             cb_expr_get_parse_steps (void);

gboolean            cb_value_is_true      (GVariant      *value);
gboolean            cb_value_equal        (GVariant      *a,
                                           GVariant      *b);
int                 cb_value_compare      (GVariant      *a,
                                           GVariant      *b,
                                           gboolean      *comparable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbExpr, cb_expr_unref)

G_END_DECLS
