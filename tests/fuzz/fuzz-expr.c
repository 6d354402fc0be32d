/* fuzz-expr.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-expr.h"
#include "fuzz-util.h"

/* Expressions: any text parses, in time linear in its length, or fails
 * with an offset inside it; a parsed one evaluates against values of every
 * type */

static GVariant *values[6];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *tags[] = { "fast", "", NULL };

  values[0] = g_variant_ref_sink (g_variant_new_boolean (TRUE));
  values[1] = g_variant_ref_sink (g_variant_new_int64 (-3));
  values[2] = g_variant_ref_sink (g_variant_new_double (0.5));
  values[3] = g_variant_ref_sink (g_variant_new_string ("dbnet"));
  values[4] = g_variant_ref_sink (g_variant_new_strv (tags, -1));
  values[5] = NULL; /* a field whose value is null */
  return 0;
}

static GVariant *
lookup (const char *key,
        gpointer    user_data)
{
  return values[g_str_hash (key) % G_N_ELEMENTS (values)];
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  guint offset = G_MAXUINT;
  g_autoptr(CbExpr) expr = cb_expr_parse (text, &offset, &error);
  g_autoptr(GVariant) value = NULL;

  /* Linear: at most about two steps a byte */
  g_assert (cb_expr_get_parse_steps () <= 2 * (guint64)strlen (text) + 2);

  if (expr == NULL)
    {
      g_assert (error != NULL);
      g_assert (offset <= g_utf8_strlen (text, -1) || !g_utf8_validate (text, -1, NULL));
      return 0;
    }

  for (const char * const *keys = cb_expr_get_keys (expr); *keys != NULL; keys++)
    g_assert (**keys != '\0');
  value = cb_expr_evaluate (expr, lookup, NULL);
  cb_expr_evaluate_bool (expr, lookup, NULL);

  return 0;
}
