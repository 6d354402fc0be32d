/* test-format.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-format.h"
#include "cb-test-util.h"

static void
test_format_double (void)
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
      g_autofree char *text = cb_format_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *inf = cb_format_double (INFINITY);
    g_autofree char *ninf = cb_format_double (-INFINITY);
    g_autofree char *nan = cb_format_double (NAN);

    g_assert_cmpstr (inf, ==, "inf");
    g_assert_cmpstr (ninf, ==, "-inf");
    g_assert_cmpstr (nan, ==, "nan");
  }
}

static void
test_format_double_round_trip (void)
{
  /* Whatever the value, the text reads back to the same double */
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 20000; i++)
    {
      double value = g_rand_double_range (rand, -1, 1) * pow (10, g_rand_int_range (rand, -30, 30));
      g_autofree char *text = cb_format_double (value);

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
    }

  g_rand_free (rand);
}

static void
assert_override (GVariant   *value,
                 const char *expected)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (value);
  g_autofree char *text = cb_format_override ("key", v);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_override (void)
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
test_format_quoting (void)
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
      g_autofree char *text = cb_format_override_text ("key", cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].override);
    }
}

static void
test_format_verbatim (void)
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
      g_autofree char *text = cb_format_verbatim (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

static void
test_format_shell_quote (void)
{
  static const struct { const char *arg; const char *quoted; } cases[] = {
    { "python3", "python3" },
    { "runners/train.py", "runners/train.py" },
    { "exp_name=a", "exp_name=a" },
    { "model/architectures=dbnet", "model/architectures=dbnet" },
    { "exp_name=\"a b\"", "'exp_name=\"a b\"'" },
    { "it's", "'it'\\''s'" },
    { "", "''" },
    { "$(touch x)", "'$(touch x)'" },
    { "a*b", "'a*b'" },
    { "[a,b]", "'[a,b]'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_shell_quote (cases[i].arg);

      g_assert_cmpstr (text, ==, cases[i].quoted);
    }
}

/* The display form, given to /bin/sh, splits back into the same argv */
static void
test_format_display_round_trip (void)
{
  const char *argv[] = {
    "python3", "runners/train.py", "exp_name=\"a b\"", "note=it's", "tags=[a,\"b c\"]",
    "path=${oc.env:HOME}/x", "empty=", "", "dollar=$HOME", "glob=*.ckpt", "back\\slash",
    "tab\there", "new\nline", "semi;colon", "amp&", "pipe|x", "`tick`", "$(touch /nonexistent)",
    "ünïcode=ß", "~tilde", "#hash", "{brace}", NULL
  };
  g_autofree char *display = cb_argv_to_display (argv);
  g_autofree char *script = g_strdup_printf ("for a in %s; do printf '%%s\\0' \"$a\"; done", display);
  const char *sh[] = { "/bin/sh", "-c", script, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  const char *p;
  gsize len;
  guint i = 0;

  process = g_subprocess_newv (sh, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &stdout_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  p = g_bytes_get_data (stdout_bytes, &len);
  for (const char *end = p + len; p < end; p += strlen (p) + 1, i++)
    {
      g_assert_nonnull (argv[i]);
      g_assert_cmpstr (p, ==, argv[i]);
    }
  g_assert_cmpuint (i, ==, g_strv_length ((char **)argv));
}

static void
test_format_printf (void)
{
  g_autofree char *a = cb_format_printf_number ("%.1e", 0.001);
  g_autofree char *b = cb_format_printf_number ("%.4f", 0.0001);
  g_autofree char *c = cb_format_printf_number ("%d", 12.0);
  g_autofree char *d = cb_format_printf_number ("%s", 1.0);
  g_autofree char *e = cb_format_printf_number ("%d %d", 1.0);
  g_autofree char *f = cb_format_printf_number ("%n", 1.0);
  g_autofree char *g = cb_format_printf_number ("%.2f%%", 12.5);

  g_assert_cmpstr (a, ==, "1.0e-03");
  g_assert_cmpstr (b, ==, "0.0001");
  g_assert_cmpstr (c, ==, "12");
  /* Formats that are not one numeric conversion are not used */
  g_assert_cmpstr (d, ==, "1.0");
  g_assert_cmpstr (e, ==, "1.0");
  g_assert_cmpstr (f, ==, "1.0");
  g_assert_cmpstr (g, ==, "12.50%");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/double", test_format_double);
  g_test_add_func ("/format/double-round-trip", test_format_double_round_trip);
  g_test_add_func ("/format/override", test_format_override);
  g_test_add_func ("/format/quoting", test_format_quoting);
  g_test_add_func ("/format/verbatim", test_format_verbatim);
  g_test_add_func ("/format/shell-quote", test_format_shell_quote);
  g_test_add_func ("/format/display-round-trip", test_format_display_round_trip);
  g_test_add_func ("/format/printf", test_format_printf);

  return g_test_run ();
}
