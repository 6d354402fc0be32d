/* cb-expr-evaluate.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-expr-private.h"

/* Values, and evaluating an expression against a form's values */

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
