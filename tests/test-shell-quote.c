/* test-shell-quote.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-shell-quote.h"
#include "cb-test-util.h"

static void
test_shell_quote_words (void)
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
test_shell_quote_display_round_trip (void)
{
  const char *argv[] = {
    "python3", "runners/train.py", "exp_name=\"a b\"", "note=it's", "tags=[a,\"b c\"]",
    "path=${oc.env:HOME}/x", "empty=", "", "dollar=$HOME", "glob=*.ckpt", "back\\slash",
    "tab\there", "new\nline", "semi;colon", "amp&", "pipe|x", "`tick`", "$(touch /nonexistent)",
    "ünïcode=ß", "~tilde", "#hash", "{brace}", NULL
  };
  g_autofree char *display = cb_shell_quote_argv (argv);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shell-quote/words", test_shell_quote_words);
  g_test_add_func ("/shell-quote/display-round-trip", test_shell_quote_display_round_trip);

  return g_test_run ();
}
