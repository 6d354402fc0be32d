/* test-number-format.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-error.h"
#include "cb-number-format.h"
#include "cb-schema.h"
#include "cb-test-util.h"

static void
test_number_format_print (void)
{
  g_autofree char *a = cb_number_format_print ("%.1e", 0.001);
  g_autofree char *b = cb_number_format_print ("%.4f", 0.0001);
  g_autofree char *c = cb_number_format_print ("%d", 12.0);
  g_autofree char *d = cb_number_format_print ("%s", 1.0);
  g_autofree char *e = cb_number_format_print ("%d %d", 1.0);
  g_autofree char *f = cb_number_format_print ("%n", 1.0);
  g_autofree char *g = cb_number_format_print ("%.2f%%", 12.5);

  g_assert_cmpstr (a, ==, "1.0e-03");
  g_assert_cmpstr (b, ==, "0.0001");
  g_assert_cmpstr (c, ==, "12");
  /* Formats that are not one numeric conversion are not used */
  g_assert_cmpstr (d, ==, "1.0");
  g_assert_cmpstr (e, ==, "1.0");
  g_assert_cmpstr (f, ==, "1.0");
  g_assert_cmpstr (g, ==, "12.50%");
}

static void
assert_print (const char *format,
              double      value,
              const char *expected)
{
  g_autofree char *text = cb_number_format_print (format, value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_number_format_bounds (void)
{
  /* A schema cannot make the app build a huge text: a precision past 17
   * or a width past 64 is not used (it once built a gigabyte string), and
   * a precision that overflows printf once gave NULL
   */
  assert_print ("%.999999999f", 1.0, "1.0");
  assert_print ("%.2147483647f", 1.0, "1.0");
  assert_print ("%.99999999999999999999f", 0.5, "0.5");
  assert_print ("%999999999d", 3.0, "3.0");
  assert_print ("%2147483648.1f", 3.0, "3.0");
  assert_print ("%65d", 3.0, "3.0");
  assert_print ("%.18e", 3.0, "3.0");

  /* Up to the bounds, the format is used */
  assert_print ("%.17f", 0.1, "0.10000000000000001");
  {
    g_autofree char *padded = cb_number_format_print ("%64.17e", 0.5);
    g_autofree char *widest = cb_number_format_print ("%64.17f", -1.7976931348623157e308);

    g_assert_cmpuint (strlen (padded), ==, 64);
    g_assert_true (g_str_has_suffix (padded, " 5.00000000000000000e-01"));
    /* The longest text a bounded format makes: every digit of the largest
     * double, and 17 after the point
     */
    g_assert_cmpuint (strlen (widest), ==, 1 + 309 + 1 + 17);
  }
}

static void
test_number_format_integers (void)
{
  /* An integer conversion prints the rounded number, whatever its size */
  assert_print ("%d", 2.5, "3");
  assert_print ("%d", -2.5, "-3");
  assert_print ("%i", 1e10, "10000000000");
  assert_print ("%05d", 42.0, "00042");
  assert_print ("%+d epochs", 7.0, "+7 epochs");
  /* …and beyond the integers, the number as its override spells it */
  assert_print ("%d", 1e300, "1e+300");
  assert_print ("%d", INFINITY, "inf");
  assert_print ("%d", NAN, "nan");
  assert_print ("%.1f", NAN, "nan");
}

static void
assert_invalid (const char *format,
                guint       offset,
                gint        code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  guint at = G_MAXUINT;

  g_assert_false (cb_number_format_validate (format, &at, &error));
  g_assert_error (error, CB_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (at, ==, offset);
}

static void
test_number_format_validate (void)
{
  const char *valid[] = { "%.1e", "%.4f", "%d", "%.2f%%", "%-+ #08.3g", "lr=%G", "%64.17E", "%i", "%F" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (cb_number_format_validate (valid[i], NULL, NULL));

  /* What is wrong, and where, in characters */
  assert_invalid ("%.18f", 2, CB_ERROR_TOO_LARGE, "its precision is more than 17");
  assert_invalid ("≈ %65.1f", 3, CB_ERROR_TOO_LARGE, "its width is more than 64");
  assert_invalid ("%d and %d", 7, CB_ERROR_INVALID, "it has more than one conversion");
  assert_invalid ("%s", 1, CB_ERROR_INVALID, "“s” is not a number conversion (d, i, e, E, f, F, g or G)");
  assert_invalid ("%lf", 1, CB_ERROR_INVALID, "“l” is not a number conversion (d, i, e, E, f, F, g or G)");
  assert_invalid ("%.2é", 3, CB_ERROR_INVALID, "“é” is not a number conversion (d, i, e, E, f, F, g or G)");
  /* A byte that starts no character: shown by its value, nothing read past the end */
  assert_invalid ("%+0\xfa", 3, CB_ERROR_INVALID,
                  "“\\xFA” is not a number conversion (d, i, e, E, f, F, g or G)");
  assert_invalid ("100%", 3, CB_ERROR_INVALID, "it ends before its conversion, such as d, e, f or g");
  assert_invalid ("%%", 0, CB_ERROR_INVALID,
                  "it has no number conversion, such as “%.2f”, “%.1e” or “%d”");
  assert_invalid ("", 0, CB_ERROR_INVALID,
                  "it has no number conversion, such as “%.2f”, “%.1e” or “%d”");
}

static void
test_number_format_schema (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CbSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  CbField *lr;

  /* A bad format is reported when the schema loads, at its file, line and
   * column, as a warning: the schema stays usable, the number is shown
   * as it is written in overrides
   */
  path = cb_test_write (dir, "page.yaml",
                        "ui_elements:\n"
                        "  - key: lr\n"
                        "    type: slider\n"
                        "    default: 0.001\n"
                        "    format: \"%.999999999f\"\n"
                        "    hydra_override: lr\n"
                        "  - key: epochs\n"
                        "    type: number_input\n"
                        "    default: 10\n"
                        "    format: at most 100%\n"
                        "  - key: fine\n"
                        "    type: number_input\n"
                        "    default: 1\n"
                        "    format: \"%.17g\"\n"
                        "  - key: count\n"
                        "    type: number_input\n"
                        "    default: 10\n"
                        "    format: \"%d epochs\"\n"
                        "  - key: share\n"
                        "    type: number_input\n"
                        "    default: 1\n"
                        "    format: \"%.1f\"\n");
  schema = cb_schema_load (path, NULL, &error);
  g_assert_no_error (error);

  problems = cb_test_diagnostics_to_string (cb_schema_get_diagnostics (schema));
  expected = g_strdup_printf ("%s:5:16: warning: “format” is ignored: its precision is more than 17\n"
                              "%s:10:24: warning: “format” is ignored: it ends before its conversion, "
                              "such as d, e, f or g\n",
                              path, path);
  g_assert_cmpstr (problems, ==, expected);
  g_assert_false (cb_schema_has_errors (schema));

  /* The conversion, not the letters of the text around it, says whether
   * a number is whole
   */
  g_assert_true (cb_schema_lookup_field (schema, "count")->integer);
  g_assert_false (cb_schema_lookup_field (schema, "share")->integer);
  g_assert_false (cb_number_format_is_decimal ("%d epochs"));
  g_assert_true (cb_number_format_is_decimal ("%5.2e"));
  g_assert_false (cb_number_format_is_decimal ("%.99999f"));

  lr = cb_schema_lookup_field (schema, "lr");
  {
    g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_double (0.001));
    g_autofree char *text = cb_field_value_to_text (lr, v);

    g_assert_cmpstr (text, ==, "0.001");
  }

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number-format/print", test_number_format_print);
  g_test_add_func ("/number-format/bounds", test_number_format_bounds);
  g_test_add_func ("/number-format/integers", test_number_format_integers);
  g_test_add_func ("/number-format/validate", test_number_format_validate);
  g_test_add_func ("/number-format/schema", test_number_format_schema);

  return g_test_run ();
}
