/* test-override.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cb-override.h"
#include "cb-test-util.h"

static void
test_override_double (void)
{
  /* Python's repr() of the same doubles */
  static const struct { double value; const char *text; } cases[] = {
    { 0.001, "0.001" },
    { 1e-05, "1e-05" },
    { 1.0e-5, "1e-05" },
    { 5.0, "5.0" },
    { 0.0001, "0.0001" },
    { 0.00015, "0.00015" },
    { 0.1, "0.1" },
    { 0.3, "0.3" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 2.5e-06, "2.5e-06" },
    { 123456.0, "123456.0" },
    { 1e15, "1000000000000000.0" },
    { 1e16, "1e+16" },
    { 1.5e16, "1.5e+16" },
    { 1e22, "1e+22" },
    { 1e100, "1e+100" },
    { 5e-324, "5e-324" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { -0.5, "-0.5" },
    { -1e-07, "-1e-07" },
    { 0.0, "0.0" },
    { -0.0, "-0.0" },
    { 10.0, "10.0" },
    { 0.01, "0.01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_override_print_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *inf = cb_override_print_double (INFINITY);
    g_autofree char *ninf = cb_override_print_double (-INFINITY);
    g_autofree char *nan = cb_override_print_double (NAN);

    g_assert_cmpstr (inf, ==, "inf");
    g_assert_cmpstr (ninf, ==, "-inf");
    g_assert_cmpstr (nan, ==, "nan");
  }
}

static void
test_override_double_round_trip (void)
{
  /* Whatever the value, the text reads back to the same double */
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 20000; i++)
    {
      double value = g_rand_double_range (rand, -1, 1) * pow (10, g_rand_int_range (rand, -30, 30));
      g_autofree char *text = cb_override_print_double (value);

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
    }

  g_rand_free (rand);
}

static void
assert_override (GVariant   *value,
                 const char *expected)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (value);
  g_autofree char *text = cb_override_build ("key", v);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_override_build (void)
{
  const char *list[] = { "a", "b c", NULL };

  assert_override (g_variant_new_boolean (TRUE), "key=true");
  assert_override (g_variant_new_boolean (FALSE), "key=false");
  assert_override (g_variant_new_int64 (42), "key=42");
  assert_override (g_variant_new_int64 (-7), "key=-7");
  assert_override (g_variant_new_double (0.001), "key=0.001");
  assert_override (g_variant_new_double (5.0), "key=5.0");
  assert_override (g_variant_new_double (1e-05), "key=1e-05");
  assert_override (g_variant_new_string ("resnet34"), "key=resnet34");
  assert_override (g_variant_new_string ("my/path.ckpt"), "key=my/path.ckpt");
  assert_override (g_variant_new_string ("$HOME"), "key=$HOME");
  assert_override (g_variant_new_strv (list, 1), "key=[a]");
  assert_override (g_variant_new_strv (list, -1), "key=[a,\"b c\"]");
  assert_override (g_variant_new_strv (NULL, 0), "key=[]");
}

static void
test_override_quoting (void)
{
  /* Each character that makes Hydra need quotes */
  static const struct { const char *value; const char *override; } cases[] = {
    { "a,b", "key=\"a,b\"" },
    { "a=b", "key=\"a=b\"" },
    { "a:b", "key=\"a:b\"" },
    { "a{b", "key=\"a{b\"" },
    { "a}b", "key=\"a}b\"" },
    { "a[b", "key=\"a[b\"" },
    { "a]b", "key=\"a]b\"" },
    { "a b", "key=\"a b\"" },
    { "a\tb", "key=\"a\tb\"" },
    { "a\nb", "key=\"a\nb\"" },
    { "it's", "key=\"it's\"" },
    { "say \"hi\"", "key=\"say \\\"hi\\\"\"" },
    { "${oc.env:HOME}", "key=\"${oc.env:HOME}\"" },
    { "$x", "key=$x" },
    { "\"already quoted\"", "key=\"already quoted\"" },
    { "plain_value-1.5", "key=plain_value-1.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_override_build_text ("key", cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].override);
    }
}

static void
test_override_requote (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "trainer.accelerator=cpu", "trainer.accelerator=cpu" },
    { "+preset/datasets=preprocessing", "+preset/datasets=preprocessing" },
    { "transforms.train=${enhanced.train}", "transforms.train=\"${enhanced.train}\"" },
    { "trainer.devices=[0,1]", "trainer.devices=[0,1]" },
    { "model.params={a:1}", "model.params={a:1}" },
    { "name=two words", "name=\"two words\"" },
    { "~callbacks.early_stopping", "~callbacks.early_stopping" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_override_requote (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/override/double", test_override_double);
  g_test_add_func ("/override/double-round-trip", test_override_double_round_trip);
  g_test_add_func ("/override/build", test_override_build);
  g_test_add_func ("/override/quoting", test_override_quoting);
  g_test_add_func ("/override/requote", test_override_requote);

  return g_test_run ();
}
