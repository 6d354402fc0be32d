/* test-number-format.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-number-format.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number-format/print", test_number_format_print);

  return g_test_run ();
}
