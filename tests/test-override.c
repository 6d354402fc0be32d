/* test-override.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-error.h"
#include "cb-override.h"
#include "cb-override-lexer.h"
#include "cb-sweep.h"
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

/* The lexer: the tokens of Hydra 1.3's value mode, as its grammar
 * (OverrideLexer.g4) defines them; "!" marks where no rule matches
 */
static char *
lex_to_string (const char *value)
{
  guint error_offset = 0;
  g_autoptr(GArray) tokens = cb_override_lex (value, &error_offset);
  GString *out = g_string_new (NULL);

  if (tokens == NULL)
    {
      g_string_printf (out, "!%u", error_offset);
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      CbOverrideToken *t = &g_array_index (tokens, CbOverrideToken, i);

      g_string_append_printf (out, "%s%s", i ? " " : "", cb_override_token_kind_name (t->kind));
    }

  return g_string_free (out, FALSE);
}

static void
test_override_lexer (void)
{
  static const struct { const char *value; const char *tokens; } cases[] = {
    { "abc", "ID" },
    { "a-b_c9", "ID" },
    { "_", "ID" },
    { "a:b", "ID COLON ID" },
    { "a : b", "ID COLON ID" },
    { "007", "INT INT INT" },
    { "1-2", "INT INT" },
    { "1_000", "INT" },
    { "1__0", "INT ID" },
    { "0_1", "INT ID" },
    { "+5", "INT" },
    { "-1", "INT" },
    { "1.2.3", "FLOAT FLOAT" },
    { "1.", "FLOAT" },
    { ".5", "FLOAT" },
    { "1.e5", "FLOAT" },
    { "+.5e-3", "FLOAT" },
    { "1e", "INT ID" },
    { "1e5_0", "FLOAT" },
    { "1_0.5", "FLOAT" },
    { ".e5", "UNQUOTED_CHAR ID" },
    { "inf", "FLOAT" },
    { "-Inf", "FLOAT" },
    { "NaN", "FLOAT" },
    { "infinity", "ID" },
    { "-infinity", "FLOAT ID" },
    { "true", "BOOL" },
    { "FALSE", "BOOL" },
    { "truex", "ID" },
    { "1true", "INT BOOL" },
    { "Null", "NULL" },
    { "nullable", "ID" },
    { "/-\\+.$%*@?|", "UNQUOTED_CHAR UNQUOTED_CHAR UNQUOTED_CHAR UNQUOTED_CHAR UNQUOTED_CHAR "
                      "UNQUOTED_CHAR UNQUOTED_CHAR UNQUOTED_CHAR UNQUOTED_CHAR UNQUOTED_CHAR "
                      "UNQUOTED_CHAR" },
    { "a\\b", "ID UNQUOTED_CHAR ID" },
    { "a\\\\b", "ID ESC ID" },
    { "a\\ b\\,c", "ID ESC ID ESC ID" },
    { "\\(\\)\\[\\]\\{\\}\\:\\=", "ESC" },
    { "a b", "ID WS ID" },
    { " a ", "WS ID WS" },
    { "a(b)", "ID POPEN ID PCLOSE" },
    { "f (x, y )", "ID POPEN ID COMMA ID PCLOSE" },
    { "[a, b]", "BRACKET_OPEN ID COMMA ID BRACKET_CLOSE" },
    { "{a: 1}", "BRACE_OPEN ID COLON INT BRACE_CLOSE" },
    { "a=b", "ID EQUAL ID" },
    { "\"a b\"", "QUOTED_VALUE" },
    { "'it''s'", "QUOTED_VALUE QUOTED_VALUE" },
    { "\"a\\\"b\"", "QUOTED_VALUE" },
    { "\"a\\\\\"b", "QUOTED_VALUE ID" },
    { "\"x\" y", "QUOTED_VALUE WS ID" },
    { "${a.b}", "INTERPOLATION" },
    { "x${y}", "ID INTERPOLATION" },
    { "${}", "UNQUOTED_CHAR BRACE_OPEN BRACE_CLOSE" },
    { "${a", "UNQUOTED_CHAR BRACE_OPEN ID" },
    { "run#1", "!3" },
    { "\xec\x98\x81", "!0" },
    { "a!b", "!1" },
    { "a;b", "!1" },
    { "a&b", "!1" },
    { "a<b", "!1" },
    { "a>b", "!1" },
    { "a~b", "!1" },
    { "a`b", "!1" },
    { "a^b", "!1" },
    { "\"open", "!0" },
    { "a\nb", "!1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tokens = lex_to_string (cases[i].value);

      g_assert_cmpstr (tokens, ==, cases[i].tokens);
    }
}

/* What each text becomes, by Hydra's rules: unquoted only when Hydra's
 * lexer reads it back as the same text (and the earlier tool did not
 * quote it); else in double quotes, with backslash runs before a quote
 * written 2n+1, at the end 2n, and `${` after n backslashes written with
 * 2n+1 backslashes so that OmegaConf keeps it literal
 */
static void
test_override_text (void)
{
  static const struct { const char *text; const char *override; } cases[] = {
    /* words Hydra reads as they are */
    { "receipts_det-dbnet-resnet18", "k=receipts_det-dbnet-resnet18" },
    { "my/path.ckpt", "k=my/path.ckpt" },
    { "$HOME", "k=$HOME" },
    { "%*@?|+-./", "k=%*@?|+-./" },
    { "-", "k=-" },
    { "007", "k=007" },
    { "1.2.3", "k=1.2.3" },
    { "1-2", "k=1-2" },
    { "1e", "k=1e" },
    { "infinity", "k=infinity" },
    { "v1.0", "k=v1.0" },
    { "a\\b", "k=a\\b" },
    { "a\\", "k=a\\" },
    { "\\", "k=\\" },
    /* words Hydra would type */
    { "true", "k=\"true\"" },
    { "False", "k=\"False\"" },
    { "null", "k=\"null\"" },
    { "NULL", "k=\"NULL\"" },
    { "123", "k=\"123\"" },
    { "-1", "k=\"-1\"" },
    { "+1", "k=\"+1\"" },
    { "1_000", "k=\"1_000\"" },
    { "1e3", "k=\"1e3\"" },
    { "1.5", "k=\"1.5\"" },
    { ".5", "k=\".5\"" },
    { "1.", "k=\"1.\"" },
    { "nan", "k=\"nan\"" },
    { "inf", "k=\"inf\"" },
    { "-inf", "k=\"-inf\"" },
    /* characters Hydra does not accept unquoted */
    { "\xec\x98\x81\xec\x88\x98\xec\xa6\x9d", "k=\"\xec\x98\x81\xec\x88\x98\xec\xa6\x9d\"" },
    { "caf\xc3\xa9", "k=\"caf\xc3\xa9\"" },
    { "run#1", "k=\"run#1\"" },
    { "a!b", "k=\"a!b\"" },
    { "a;b", "k=\"a;b\"" },
    { "a&b", "k=\"a&b\"" },
    { "a<b", "k=\"a<b\"" },
    { "a>b", "k=\"a>b\"" },
    { "a~b", "k=\"a~b\"" },
    { "a`b", "k=\"a`b\"" },
    { "a^b", "k=\"a^b\"" },
    { "a(b)", "k=\"a(b)\"" },
    { "(", "k=\"(\"" },
    { "a\rb", "k=\"a\rb\"" },
    /* characters the earlier tool quoted */
    { "a,b", "k=\"a,b\"" },
    { "a=b", "k=\"a=b\"" },
    { "a:b", "k=\"a:b\"" },
    { "a{b", "k=\"a{b\"" },
    { "a}b", "k=\"a}b\"" },
    { "a[b", "k=\"a[b\"" },
    { "a]b", "k=\"a]b\"" },
    { "night shift", "k=\"night shift\"" },
    { " lead", "k=\" lead\"" },
    { "trail ", "k=\"trail \"" },
    { "a\tb", "k=\"a\tb\"" },
    { "a\nb", "k=\"a\nb\"" },
    { "", "k=\"\"" },
    /* quotes */
    { "it's", "k=\"it's\"" },
    { "'", "k=\"'\"" },
    { "say \"hi\"", "k=\"say \\\"hi\\\"\"" },
    { "\"", "k=\"\\\"\"" },
    { "\"already quoted\"", "k=\"\\\"already quoted\\\"\"" },
    { "\"a\" \"b\"", "k=\"\\\"a\\\" \\\"b\\\"\"" },
    { "'single'", "k=\"'single'\"" },
    /* backslashes: at the start, inside, before a quote, at the end */
    { "\\\\", "k=\"\\\\\\\\\"" },
    { "\\x y", "k=\"\\x y\"" },
    { "a\\\\b", "k=\"a\\\\b\"" },
    { "a b\\", "k=\"a b\\\\\"" },
    { "a b\\\\", "k=\"a b\\\\\\\\\"" },
    { "a\\\"b", "k=\"a\\\\\\\"b\"" },
    { "a\\\\\"b", "k=\"a\\\\\\\\\\\"b\"" },
    { "\\\"", "k=\"\\\\\\\"\"" },
    { "C:\\Users\\me", "k=\"C:\\Users\\me\"" },
    { "a\\'b c", "k=\"a\\'b c\"" },
    /* interpolations stay literal */
    { "${x}", "k=\"\\${x}\"" },
    { "cost ${x", "k=\"cost \\${x\"" },
    { "\\${x}", "k=\"\\\\\\${x}\"" },
    { "\\\\${x}", "k=\"\\\\\\\\\\${x}\"" },
    { "${a}${b}", "k=\"\\${a}\\${b}\"" },
    { "$x {y}", "k=\"$x {y}\"" },
    { "a\\ ${x}\\", "k=\"a\\ \\${x}\\\\\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_override_build_text ("k", cases[i].text);

      g_assert_cmpstr (text, ==, cases[i].override);
      g_assert_true (cb_override_needs_quotes (cases[i].text) == (cases[i].override[2] == '"'));
    }
}

/* Options keep Hydra's spelling; interpolations may be kept */
static void
test_override_flags (void)
{
  static const struct { const char *text; CbOverrideFlags flags; const char *value; } cases[] = {
    { "32", CB_OVERRIDE_KEEP_TYPED, "32" },
    { "true", CB_OVERRIDE_KEEP_TYPED, "true" },
    { "null", CB_OVERRIDE_KEEP_TYPED, "null" },
    { "1e-3", CB_OVERRIDE_KEEP_TYPED, "1e-3" },
    { "16-mixed", CB_OVERRIDE_KEEP_TYPED, "16-mixed" },
    { "a b", CB_OVERRIDE_KEEP_TYPED, "\"a b\"" },
    { "${x}", CB_OVERRIDE_KEEP_TYPED, "\"\\${x}\"" },
    { "${a.b}", CB_OVERRIDE_INTERPOLATION, "\"${a.b}\"" },
    { "x ${oc.env:USER,me}", CB_OVERRIDE_INTERPOLATION, "\"x ${oc.env:USER,me}\"" },
    { "true", CB_OVERRIDE_INTERPOLATION, "\"true\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = cb_override_quote (cases[i].text, cases[i].flags);

      g_assert_cmpstr (value, ==, cases[i].value);
    }
}

static void
assert_value (GVariant        *value,
              CbOverrideFlags  flags,
              const char      *expected)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (value);
  g_autofree char *text = cb_override_build_full (CB_OVERRIDE_SET, "key", v, flags);

  g_assert_cmpstr (text, ==, expected);
}

static GVariant *
sweep_of (CbSweepKind  kind,
          GVariant    *first,
          ...)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  va_list args;

  va_start (args, first);
  for (GVariant *v = first; v != NULL; v = va_arg (args, GVariant *))
    g_ptr_array_add (items, g_variant_ref_sink (v));
  va_end (args);

  return cb_sweep_new (kind, items);
}

/* Typed values, lists, null and sweeps */
static void
test_override_values (void)
{
  const char *list[] = { "a", "b c", "true", "", NULL };
  const char *options[] = { "5", "10", "16-mixed", NULL };

  assert_value (g_variant_new_boolean (TRUE), 0, "key=true");
  assert_value (g_variant_new_boolean (FALSE), 0, "key=false");
  assert_value (g_variant_new_int64 (42), 0, "key=42");
  assert_value (g_variant_new_int64 (-7), 0, "key=-7");
  assert_value (g_variant_new_double (0.001), 0, "key=0.001");
  assert_value (g_variant_new_double (5.0), 0, "key=5.0");
  assert_value (g_variant_new_double (1e-05), 0, "key=1e-05");
  assert_value (g_variant_new_string ("resnet34"), 0, "key=resnet34");
  assert_value (g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL), 0, "key=null");

  /* Lists: each item quoted as it needs */
  assert_value (g_variant_new_strv (list, 1), 0, "key=[a]");
  assert_value (g_variant_new_strv (list, -1), 0, "key=[a,\"b c\",\"true\",\"\"]");
  assert_value (g_variant_new_strv (NULL, 0), 0, "key=[]");
  assert_value (g_variant_new_strv (options, -1), CB_OVERRIDE_KEEP_TYPED, "key=[5,10,16-mixed]");
  assert_value (g_variant_new_strv (options, -1), 0, "key=[\"5\",\"10\",16-mixed]");

  /* A backslash that ends an item would escape the `,` or `]` after it */
  {
    const char *backslashes[] = { "\\", "trail\\", "a\\b", NULL };

    assert_value (g_variant_new_strv (backslashes, -1), 0, "key=[\"\\\\\",\"trail\\\\\",a\\b]");
    assert_value (g_variant_new_strv (backslashes, 1), 0, "key=[\"\\\\\"]");
  }

  /* Sweeps */
  assert_value (sweep_of (CB_SWEEP_LIST, g_variant_new_int64 (1), g_variant_new_int64 (2),
                          g_variant_new_int64 (3), NULL), 0, "key=1,2,3");
  assert_value (sweep_of (CB_SWEEP_LIST, g_variant_new_int64 (7), NULL), 0, "key=choice(7)");
  assert_value (sweep_of (CB_SWEEP_LIST, g_variant_new_string ("a\\"), g_variant_new_string ("b\\"), NULL),
                0, "key=\"a\\\\\",\"b\\\\\"");
  assert_value (sweep_of (CB_SWEEP_LIST, g_variant_new_string ("a"), g_variant_new_string ("b c"),
                          g_variant_new_string ("true"), g_variant_new_string ("x,y"), NULL),
                0, "key=a,\"b c\",\"true\",\"x,y\"");
  assert_value (sweep_of (CB_SWEEP_LIST, g_variant_new_string ("32"), g_variant_new_string ("16-mixed"),
                          NULL), CB_OVERRIDE_KEEP_TYPED, "key=32,16-mixed");
  assert_value (sweep_of (CB_SWEEP_RANGE, g_variant_new_int64 (1), g_variant_new_int64 (10),
                          g_variant_new_int64 (2), NULL), 0, "key=range(1,10,2)");
  assert_value (sweep_of (CB_SWEEP_RANGE, g_variant_new_double (0.1), g_variant_new_double (0.5),
                          g_variant_new_double (0.1), NULL), 0, "key=range(0.1,0.5,0.1)");
  assert_value (sweep_of (CB_SWEEP_GLOB, g_variant_new_string ("*"), NULL),
                CB_OVERRIDE_KEEP_TYPED, "key=glob(*)");
  assert_value (sweep_of (CB_SWEEP_GLOB, g_variant_new_string ("res*"), g_variant_new_string ("32"), NULL),
                CB_OVERRIDE_KEEP_TYPED, "key=glob([res*,\"32\"])");
}

/* +, ++ and ~ */
static void
test_override_operations (void)
{
  g_autoptr(GVariant) text = g_variant_ref_sink (g_variant_new_string ("a b"));
  g_autoptr(GVariant) yes = g_variant_ref_sink (g_variant_new_boolean (TRUE));
  g_autofree char *add = cb_override_build_full (CB_OVERRIDE_ADD, "tags", text, 0);
  g_autofree char *force = cb_override_build_full (CB_OVERRIDE_FORCE_ADD, "trainer.deterministic", yes, 0);
  g_autofree char *del = cb_override_build_full (CB_OVERRIDE_DELETE, "logger", NULL, 0);
  g_autofree char *del_value = cb_override_build_full (CB_OVERRIDE_DELETE, "logger", text, 0);
  g_autofree char *group = cb_override_build_full (CB_OVERRIDE_ADD, "experiment", yes, 0);

  g_assert_cmpstr (add, ==, "+tags=\"a b\"");
  g_assert_cmpstr (force, ==, "++trainer.deterministic=true");
  g_assert_cmpstr (del, ==, "~logger");
  g_assert_cmpstr (del_value, ==, "~logger=\"a b\"");
  g_assert_cmpstr (group, ==, "+experiment=true");
}

/* Literals of schemas and metadata: Hydra syntax stays as written, a
 * plain value is one text in Hydra's spelling
 */
static void
test_override_requote (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "trainer.accelerator=cpu", "trainer.accelerator=cpu" },
    { "+preset/datasets=preprocessing", "+preset/datasets=preprocessing" },
    { "++trainer.deterministic=true", "++trainer.deterministic=true" },
    { "preprocessing.crop_margin=0.02", "preprocessing.crop_margin=0.02" },
    { "transforms.train=${enhanced.train}", "transforms.train=\"${enhanced.train}\"" },
    { "x=${oc.env:HOME,/tmp}", "x=\"${oc.env:HOME,/tmp}\"" },
    { "x=${a.${b}}", "x=\"${a.${b}}\"" },
    { "trainer.devices=[0,1]", "trainer.devices=[0,1]" },
    { "model.params={a:1}", "model.params={a:1}" },
    { "name=two words", "name=\"two words\"" },
    { "name=it's", "name=\"it's\"" },
    { "name=\xec\x98\x81", "name=\"\xec\x98\x81\"" },
    { "name=a:b", "name=\"a:b\"" },
    { "name=\"already\"", "name=\"already\"" },
    { "name='single'", "name='single'" },
    { "seed=1,2,3", "seed=1,2,3" },
    { "lr=range(1,5)", "lr=range(1,5)" },
    { "name=a\\,b", "name=a\\,b" },
    { "~callbacks.early_stopping", "~callbacks.early_stopping" },
    { "~logger=null", "~logger=null" },
    { "key=", "key=" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_override_requote (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

/* A reader of Hydra's rules, written from its documentation and grammar
 * independently of the code under test: an unquoted value, or a quoted
 * one; then OmegaConf's escaped interpolations. It fails the test on
 * anything Hydra would reject or read otherwise.
 */
static gboolean
full_match (const char *pattern,
            const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_CASELESS, 0);
}

static char *
read_unquoted (const char *value)
{
  /* Characters that Hydra concatenates as they are: letters, digits, `_`,
   * and UNQUOTED_CHAR, with no `\\` (an escape)
   */
  g_assert_cmpuint (strlen (value), >, 0);
  g_assert_cmpuint (strspn (value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789_/-\\+.$%*@?|"), ==, strlen (value));
  g_assert_null (strstr (value, "\\\\"));
  /* Not one typed token */
  {
    const char *intu = "(0|[1-9](_?[0-9])*)";
    const char *digits = "[0-9](_?[0-9])*";
    g_autofree char *point = g_strdup_printf ("(%s\\.|%s?\\.%s)", intu, intu, digits);
    g_autofree char *exponent = g_strdup_printf ("(%s|%s)e[+-]?%s", intu, point, digits);
    g_autofree char *number = g_strdup_printf ("^[+-]?(%s|%s|%s|inf|nan)$", intu, point, exponent);

    g_assert_false (full_match (number, value));
  }
  g_assert_false (full_match ("^(true|false|null)$", value));
  /* A word before `(` would be a call */
  g_assert_null (strchr (value, '('));

  return g_strdup (value);
}

static char *
read_quoted (const char *value)
{
  gsize len = strlen (value);
  char quote = value[0];
  GString *out = g_string_new (NULL);
  gsize run = 0;

  g_assert_cmpuint (len, >=, 2);
  g_assert_cmpint (value[len - 1], ==, quote);

  /* Inside, a run of backslashes is literal unless a quote follows it: an
   * odd run and a quote are (run-1)/2 backslashes and a literal quote; an
   * even run ends the value, as run/2 backslashes, and must be the end
   */
  for (gsize i = 1; i < len; i++)
    {
      char c = value[i];

      if (c == '\\')
        {
          run++;
          continue;
        }
      if (c == quote)
        {
          for (gsize k = 0; k < run / 2; k++)
            g_string_append_c (out, '\\');
          if (run % 2 == 0)
            {
              g_assert_cmpuint (i, ==, len - 1);
              break;
            }
          g_string_append_c (out, quote);
        }
      else
        {
          for (gsize k = 0; k < run; k++)
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      run = 0;
    }

  return g_string_free (out, FALSE);
}

/* OmegaConf: 2k+1 backslashes and `${` are k backslashes and a literal
 * `${`; an even run before `${` would leave an interpolation
 */
static char *
read_omegaconf (const char *text)
{
  GString *out = g_string_new (NULL);
  gsize run = 0;

  if (strstr (text, "${") == NULL)
    {
      g_string_append (out, text);
      return g_string_free (out, FALSE);
    }

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        {
          run++;
          continue;
        }
      if (p[0] == '$' && p[1] == '{')
        {
          g_assert_cmpuint (run % 2, ==, 1);
          for (gsize k = 0; k < run / 2; k++)
            g_string_append_c (out, '\\');
        }
      else
        for (gsize k = 0; k < run; k++)
          g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      run = 0;
    }
  for (gsize k = 0; k < run; k++)
    g_string_append_c (out, '\\');

  return g_string_free (out, FALSE);
}

static char *
read_back (const char *override)
{
  const char *value;
  g_autofree char *hydra = NULL;

  g_assert_true (g_str_has_prefix (override, "k="));
  value = override + 2;
  hydra = (value[0] == '"' || value[0] == '\'') ? read_quoted (value) : read_unquoted (value);
  return read_omegaconf (hydra);
}

static void
test_override_random_texts (void)
{
  static const char * const pieces[] = {
    "a", "Z", "x9", "_", "-", ".", "+", "0", "1", "07", "e", "E5", " ", "\t", "\"", "'",
    "\\", "\\\\", "$", "{", "}", "${", "(", ")", "[", "]", ",", ":", "=", "#", "!", "~",
    ";", "&", "<", ">", "^", "`", "%", "*", "@", "?", "|", "/", "\n",
    "\xec\x98\x81\xec\x88\x98\xec\xa6\x9d", "\xc3\xa9", "true", "null", "nan", "inf", "1e3",
    "123", "-1", ".5",
  };
  GRand *rand = g_rand_new_with_seed (20260101);

  for (guint i = 0; i < 50000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 7);
      g_autofree char *override = NULL;
      g_autofree char *read = NULL;

      for (guint k = 0; k < n; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      override = cb_override_build_text ("k", text->str);
      read = read_back (override);
      if (g_strcmp0 (read, text->str) != 0)
        g_error ("“%s” is written %s, which Hydra reads as “%s”", text->str, override, read);
    }

  g_rand_free (rand);
}

/* A sweep as a user types it, and back */
static void
test_override_sweep_text (void)
{
  static const struct { const char *text; CbSweepKind kind; const char *items; } cases[] = {
    { "1, 2,3", CB_SWEEP_LIST, "1|2|3" },
    { "a\\,b, c\\\\", CB_SWEEP_LIST, "a,b|c\\" },
    { " \\ x , y\\ ", CB_SWEEP_LIST, " x|y " },
    { "range(1, 10, 2)", CB_SWEEP_RANGE, "1|10|2" },
    { "range (0.1,0.5)", CB_SWEEP_RANGE, "0.1|0.5" },
    { "glob(res*, vgg*)", CB_SWEEP_GLOB, "res*|vgg*" },
    { "rangex(1,2)", CB_SWEEP_LIST, "rangex(1|2)" },
  };
  static const char * const bad[] = { "", "a,,b", "a,", "range(1)", "range(1,2,3,4)", "glob()" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CbSweepKind kind;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) items = cb_sweep_split_text (cases[i].text, &kind, &error);
      g_autofree char *joined = NULL;
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
      g_autoptr(GVariant) sweep = NULL;
      g_autofree char *back = NULL;
      g_auto(GStrv) again = NULL;

      g_assert_no_error (error);
      joined = g_strjoinv ("|", items);
      g_assert_cmpstr (joined, ==, cases[i].items);
      g_assert_cmpint (kind, ==, cases[i].kind);

      for (guint k = 0; items[k] != NULL; k++)
        g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (items[k])));
      sweep = cb_sweep_new (kind, values);
      back = cb_sweep_to_text (sweep);
      again = cb_sweep_split_text (back, &kind, NULL);
      g_assert_true (g_strv_equal ((const char * const *)again, (const char * const *)items));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      CbSweepKind kind;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) items = cb_sweep_split_text (bad[i], &kind, &error);

      g_assert_null (items);
      g_assert_error (error, CB_ERROR, CB_ERROR_USAGE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/override/double", test_override_double);
  g_test_add_func ("/override/double-round-trip", test_override_double_round_trip);
  g_test_add_func ("/override/lexer", test_override_lexer);
  g_test_add_func ("/override/text", test_override_text);
  g_test_add_func ("/override/flags", test_override_flags);
  g_test_add_func ("/override/values", test_override_values);
  g_test_add_func ("/override/operations", test_override_operations);
  g_test_add_func ("/override/requote", test_override_requote);
  g_test_add_func ("/override/random-texts", test_override_random_texts);
  g_test_add_func ("/override/sweep-text", test_override_sweep_text);

  return g_test_run ();
}
