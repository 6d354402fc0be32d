/* test-expr.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-expr.h"

static GVariant *
lookup (const char *key,
        gpointer    user_data)
{
  return g_hash_table_lookup (user_data, key);
}

static GHashTable *
make_values (void)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify)g_variant_unref);
  const char *tags[] = { "fast", "small", NULL };

  g_hash_table_insert (values, "resume", g_variant_ref_sink (g_variant_new_boolean (FALSE)));
  g_hash_table_insert (values, "epochs", g_variant_ref_sink (g_variant_new_int64 (10)));
  g_hash_table_insert (values, "lr", g_variant_ref_sink (g_variant_new_double (0.001)));
  g_hash_table_insert (values, "arch", g_variant_ref_sink (g_variant_new_string ("dbnet")));
  g_hash_table_insert (values, "one", g_variant_ref_sink (g_variant_new_string ("1")));
  g_hash_table_insert (values, "empty", g_variant_ref_sink (g_variant_new_string ("")));
  g_hash_table_insert (values, "tags", g_variant_ref_sink (g_variant_new_strv (tags, -1)));
  g_hash_table_insert (values, "model.name", g_variant_ref_sink (g_variant_new_string ("m")));
  /* "missing" is a field whose value is null */

  return values;
}

static gboolean
eval (const char *text)
{
  g_autoptr(GHashTable) values = make_values ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CbExpr) expr = cb_expr_parse (text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expr);

  return cb_expr_evaluate_bool (expr, lookup, values);
}

static void
test_expr_literals (void)
{
  g_assert_true (eval ("true"));
  g_assert_false (eval ("false"));
  g_assert_false (eval ("null"));
  g_assert_true (eval ("1"));
  g_assert_false (eval ("0"));
  g_assert_true (eval ("'text'"));
  g_assert_false (eval ("''"));
  g_assert_true (eval ("\"double\" == 'double'"));
  g_assert_true (eval ("'it\\'s' == \"it's\""));
  g_assert_true (eval ("-2 < 1"));
  g_assert_true (eval ("1.5e3 == 1500"));
  g_assert_true (eval ("[1, 2]"));
  g_assert_false (eval ("[]"));
}

static void
test_expr_keys (void)
{
  g_assert_true (eval ("resume == false"));
  g_assert_false (eval ("resume == true"));
  g_assert_true (eval ("not resume"));
  g_assert_true (eval ("epochs == 10"));
  g_assert_true (eval ("epochs == 10.0"));
  g_assert_true (eval ("epochs >= 10 and epochs <= 10 and epochs > 9 and epochs < 11"));
  g_assert_true (eval ("lr < 0.01"));
  g_assert_true (eval ("arch == 'dbnet'"));
  g_assert_true (eval ("arch != 'craft'"));
  g_assert_true (eval ("missing == null"));
  g_assert_false (eval ("missing"));
  g_assert_false (eval ("empty"));
  g_assert_true (eval ("model.name == 'm'"));
  g_assert_true (eval ("arch < 'east'"));
}

static void
test_expr_type_strict (void)
{
  /* "1" == 1 is false: comparison never converts */
  g_assert_false (eval ("one == 1"));
  g_assert_true (eval ("one != 1"));
  g_assert_true (eval ("one == '1'"));
  g_assert_false (eval ("resume == 0"));
  g_assert_false (eval ("missing == false"));
  /* Ordering of a string and a number is false both ways */
  g_assert_false (eval ("one < 2"));
  g_assert_false (eval ("one >= 2"));
  g_assert_false (eval ("missing < 1"));
}

static void
test_expr_in (void)
{
  g_assert_true (eval ("arch in ['dbnet', 'craft']"));
  g_assert_false (eval ("arch in ['east']"));
  g_assert_true (eval ("arch not in ['east']"));
  g_assert_false (eval ("epochs in ['10']"));
  g_assert_true (eval ("epochs in [5, 10]"));
  g_assert_true (eval ("'fast' in tags"));
  g_assert_false (eval ("'slow' in tags"));
  g_assert_true (eval ("arch in [arch]"));
  g_assert_true (eval ("missing in [null, 1]"));
}

static void
test_expr_precedence (void)
{
  /* and binds tighter than or; not tighter than and */
  g_assert_true (eval ("true or false and false"));
  g_assert_false (eval ("(true or false) and false"));
  g_assert_true (eval ("not false and true"));
  g_assert_false (eval ("not (false or true)"));
  g_assert_true (eval ("not not true"));
  g_assert_true (eval ("resume == false and (arch == 'craft' or epochs == 10)"));
}

static void
test_expr_keys_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbExpr) expr = cb_expr_parse ("a == 1 and (b or a) and c in [d, 'e']", NULL, &error);
  const char * const *keys;

  g_assert_no_error (error);
  keys = cb_expr_get_keys (expr);
  g_assert_cmpuint (g_strv_length ((char **)keys), ==, 4);
  g_assert_true (g_strv_contains (keys, "a"));
  g_assert_true (g_strv_contains (keys, "b"));
  g_assert_true (g_strv_contains (keys, "c"));
  g_assert_true (g_strv_contains (keys, "d"));
}

static void
assert_syntax_error (const char *text,
                     guint       offset,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  guint at = G_MAXUINT;
  g_autoptr(CbExpr) expr = cb_expr_parse (text, &at, &error);

  g_assert_null (expr);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, message, error->message);
  g_assert_cmpuint (at, ==, offset);
}

static void
test_expr_errors (void)
{
  assert_syntax_error ("", 0, "empty");
  assert_syntax_error ("   ", 0, "empty");
  assert_syntax_error ("a = 1", 2, "use “==”");
  assert_syntax_error ("a && b", 2, "use “and”");
  assert_syntax_error ("a == ", 5, "expected a key or a value");
  assert_syntax_error ("(a == 1", 7, "expected “)”");
  assert_syntax_error ("a == 'open", 5, "not closed");
  assert_syntax_error ("a b", 2, "unexpected a key");
  assert_syntax_error ("a == 1 == 2", 7, "cannot be chained");
  assert_syntax_error ("a not b", 6, "expected “in”");
  assert_syntax_error ("a in [1, 2", 10, "expected “,” or “]”");
  assert_syntax_error ("12abc == 1", 0, "not a number");
  assert_syntax_error ("a == €", 5, "unexpected “€”");
  assert_syntax_error ("__import__('os').system('x')", 10, "unexpected");
}

static void
test_expr_deep (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbExpr) expr = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, '(');

  expr = cb_expr_parse (text->str, NULL, &error);
  g_assert_null (expr);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

/* Parsing is linear in the length of the text: each character is stepped
 * over a bounded number of times, however many terms there are. The
 * parser counts its steps, so the test needs no clock. */
static void
assert_linear (const char *text)
{
  gsize length = strlen (text);

  g_test_message ("%" G_GSIZE_FORMAT " bytes: %" G_GUINT64_FORMAT " steps",
                  length, cb_expr_get_parse_steps ());
  g_assert_cmpuint (cb_expr_get_parse_steps (), <=, 2 * length);
}

static void
test_expr_long (void)
{
  g_autoptr(GHashTable) values = make_values ();
  g_autoptr(GString) chain = g_string_new (NULL);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new ("epochs in [");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbExpr) expr = NULL;

  /* A 100,000-term chain: 600 KB */
  for (guint i = 0; i < 100000; i++)
    g_string_append (chain, "true and ");
  g_string_append (chain, "epochs == 10");
  expr = cb_expr_parse (chain->str, NULL, &error);
  g_assert_no_error (error);
  assert_linear (chain->str);
  g_assert_true (cb_expr_evaluate_bool (expr, lookup, values));
  g_clear_pointer (&expr, cb_expr_unref);

  /* As many keys, each named once */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (keys, "k%u or ", i);
  g_string_append (keys, "resume");
  expr = cb_expr_parse (keys->str, NULL, &error);
  g_assert_no_error (error);
  assert_linear (keys->str);
  g_assert_cmpuint (g_strv_length ((char **)cb_expr_get_keys (expr)), ==, 100001);
  g_assert_false (cb_expr_evaluate_bool (expr, lookup, values));
  g_clear_pointer (&expr, cb_expr_unref);

  /* A 100,000-item list */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (list, "%u, ", 99999 - i);
  g_string_append (list, "-1]");
  expr = cb_expr_parse (list->str, NULL, &error);
  g_assert_no_error (error);
  assert_linear (list->str);
  g_assert_true (cb_expr_evaluate_bool (expr, lookup, values));
}

static void
test_expr_long_error_offset (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint offset = 0;
  g_autoptr(CbExpr) expr = NULL;

  /* Offsets are in characters, counted as the parser goes: 9 characters
   * (12 bytes) a term */
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, "'\u00e9\u00e9\u00e9' or ");
  g_string_append (text, "a = 1");
  expr = cb_expr_parse (text->str, &offset, &error);
  g_assert_null (expr);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
  g_assert_cmpuint (offset, ==, 50000 * 9 + 2);
  assert_linear (text->str);
}

static void
test_expr_values (void)
{
  g_autoptr(GVariant) one = g_variant_ref_sink (g_variant_new_int64 (1));
  g_autoptr(GVariant) one_d = g_variant_ref_sink (g_variant_new_double (1.0));
  g_autoptr(GVariant) one_s = g_variant_ref_sink (g_variant_new_string ("1"));

  g_assert_true (cb_value_equal (one, one_d));
  g_assert_false (cb_value_equal (one, one_s));
  g_assert_true (cb_value_equal (NULL, NULL));
  g_assert_false (cb_value_equal (NULL, one));
  g_assert_true (cb_value_is_true (one));
  g_assert_false (cb_value_is_true (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expr/literals", test_expr_literals);
  g_test_add_func ("/expr/keys", test_expr_keys);
  g_test_add_func ("/expr/type-strict", test_expr_type_strict);
  g_test_add_func ("/expr/in", test_expr_in);
  g_test_add_func ("/expr/precedence", test_expr_precedence);
  g_test_add_func ("/expr/keys-list", test_expr_keys_list);
  g_test_add_func ("/expr/errors", test_expr_errors);
  g_test_add_func ("/expr/deep", test_expr_deep);
  g_test_add_func ("/expr/long", test_expr_long);
  g_test_add_func ("/expr/long-error-offset", test_expr_long_error_offset);
  g_test_add_func ("/expr/values", test_expr_values);

  return g_test_run ();
}
