/* test-shell-quote.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

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

static void
test_shell_quote_command_word (void)
{
  /* The first word is quoted when a shell would not take it as the
   * command's name; the same words later are arguments, left as they are
   */
  static const struct { const char *argv[4]; const char *display; } cases[] = {
    { { "FOO=bar", "echo", "x", NULL }, "'FOO=bar' echo x" },
    { { "=", "a=b", NULL }, "'=' a=b" },
    { { "if", "then", NULL }, "'if' then" },
    { { "time", "x", NULL }, "'time' x" },
    { { "{", "}", NULL }, "'{' '}'" },
    { { "python3", "exp_name=a", "%x", NULL }, "python3 exp_name=a %x" },
    { { "./run=1", NULL }, "'./run=1'" },
    { { "iffy", "timer", NULL }, "iffy timer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *display = cb_shell_quote_argv (cases[i].argv);

      g_assert_cmpstr (display, ==, cases[i].display);
    }
}

/* A folder to use as PATH, where each command is a link to a script that
 * prints its number of arguments, the name it was run by and its
 * arguments, each followed by a NUL
 */
typedef struct
{
  char *dir;
  char *dumper;
} Commands;

static void
commands_init (Commands *c)
{
  c->dir = cb_test_make_tempdir ();
  c->dumper = cb_test_write (c->dir, "dumper",
                             "#!/bin/sh\n"
                             "printf '%s\\0' \"$#\" \"${0##*/}\"\n"
                             "for a in \"$@\"; do printf '%s\\0' \"$a\"; done\n");
  g_assert_cmpint (g_chmod (c->dumper, 0755), ==, 0);
}

static void
commands_add (Commands   *c,
              const char *name)
{
  g_autofree char *path = g_build_filename (c->dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_assert_cmpint (symlink (c->dumper, path), ==, 0);
}

static void
commands_clear (Commands *c)
{
  cb_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c->dumper);
}

/* Checks that @shell ran each of @argvs: the records in @out */
/* The next NUL-terminated text of the output, or NULL at its end */
static const char *
next_text (const char **p,
           const char  *end)
{
  const char *text = *p;

  if (text >= end)
    return NULL;
  *p += strlen (text) + 1;
  return text;
}

/* Checks that the records in @out are @argvs, in order */
static void
assert_records (GBytes    *out,
                GPtrArray *argvs,
                GPtrArray *displays)
{
  gsize len;
  const char *p = g_bytes_get_data (out, &len);
  const char *end = p + len;
  const char *count;
  guint n = 0;

  while ((count = next_text (&p, end)) != NULL)
    {
      const char * const *argv;
      guint n_args = (guint)g_ascii_strtoull (count, NULL, 10);
      gboolean same;

      g_assert_cmpuint (n, <, argvs->len);
      argv = g_ptr_array_index (argvs, n);
      same = g_strv_length ((char **)argv) == n_args + 1;
      for (guint k = 0; same && k <= n_args; k++)
        {
          const char *text = next_text (&p, end);

          same = text != NULL && strcmp (text, argv[k]) == 0;
        }
      if (!same)
        g_error ("line %u of the script did not run its argv: %s", n + 2,
                 (const char *)g_ptr_array_index (displays, n));
      n++;
    }
  g_assert_cmpuint (n, ==, argvs->len);
}

/* Runs the display form of each of @argvs as a line of a script, with
 * @shell, and checks that each ran its argv: the first word as the
 * command, the others as its arguments
 */
static void
assert_shell_runs (const char *shell,
                   GPtrArray  *argvs)
{
  Commands c;
  g_autoptr(GString) script = g_string_new (NULL);
  g_autofree char *script_path = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) displays = g_ptr_array_new_with_free_func (g_free);

  commands_init (&c);
  g_string_append_printf (script, "PATH='%s'\n", c.dir);
  for (guint i = 0; i < argvs->len; i++)
    {
      const char * const *argv = g_ptr_array_index (argvs, i);
      char *display = cb_shell_quote_argv (argv);

      commands_add (&c, argv[0]);
      g_string_append_printf (script, "%s\n", display);
      g_ptr_array_add (displays, display);
    }
  script_path = cb_test_write (c.dir, "script", script->str);

  /* Only the links and the shell's builtins can run, in the links' folder */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, c.dir);
  process = g_subprocess_launcher_spawn (launcher, &error, shell, script_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  assert_records (out, argvs, displays);

  commands_clear (&c);
}

/* Runs @argvs with /bin/sh, and with bash and dash when they are there */
static void
assert_shells_run (GPtrArray *argvs)
{
  const char *shells[] = { "/bin/sh", "bash", "dash" };
  guint n_run = 0;

  for (guint i = 0; i < G_N_ELEMENTS (shells); i++)
    {
      g_autofree char *shell = g_find_program_in_path (shells[i]);

      if (shell == NULL)
        continue;
      assert_shell_runs (shell, argvs);
      n_run++;
    }
  g_assert_cmpuint (n_run, >, 0);
}

/* The display form, run by a shell, runs the command named by argv[0],
 * even when that name holds `=` or is a reserved word
 */
static void
test_shell_quote_command_position (void)
{
  static const char * const argvs[][5] = {
    { "FOO=bar", "echo", "x", NULL },
    { "A=1", "B=2", "cmd", NULL },
    { "if", "x", NULL },
    { "time", "sleep", NULL },
    { "!", "x", NULL },
    { "{", "}", NULL },
    { "[[", "]]", NULL },
    { "cb", "%2", NULL },
    { "run it", "it's", "", NULL },
    { "plain", "exp_name=\"a b\"", NULL },
  };
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    g_ptr_array_add (list, (gpointer)argvs[i]);

  assert_shells_run (list);
}

/* Pieces of words: each character a shell treats apart, and some words */
static const char * const pieces[] = {
  "a", "Z", "9", "_", "-", ".", "/", "=", " ", "  ", "\t", "\n", "\r", "'", "\"", "\\", "$", "`",
  "*", "?", "[", "]", "{", "}", "~", "#", ";", "&", "|", "<", ">", "(", ")", "!", "%", "+", "@",
  ":", ",", "^", "\x01", "\xc3\x9f", "\xf0\x9f\x98\x80", "${x}", "$(id)", "'\\''", "if", "time",
  "FOO=",
};

/* Command names a shell might read as something else */
static const char * const heads[] = {
  "FOO=bar", "A=", "=", "=x", "if", "then", "do", "done", "for", "while", "until", "case", "esac",
  "fi", "elif", "else", "in", "function", "select", "time", "coproc", "{", "}", "!", "[[", "]]",
};

static char *
random_word (GRand    *rand,
             gboolean  command)
{
  GString *word;
  guint n = g_rand_int_range (rand, 0, 7);

  /* A command's name is a file's here: not empty, no slash, and not the
   * name of a builtin, which a shell would run instead of the file
   */
  if (command && g_rand_boolean (rand))
    return g_strdup (heads[g_rand_int_range (rand, 0, G_N_ELEMENTS (heads))]);

  word = g_string_new (command ? "cb" : NULL);
  for (guint i = 0; i < n; i++)
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

      if (!command || strchr (piece, '/') == NULL)
        g_string_append (word, piece);
    }

  return g_string_free (word, FALSE);
}

static char **
random_argv (GRand *rand)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_rand_int_range (rand, 0, 6);

  /* The command's name, then up to five arguments */
  for (guint i = 0; i <= n; i++)
    {
      g_autofree char *word = random_word (rand, i == 0);

      g_strv_builder_add (builder, word);
    }

  return g_strv_builder_end (builder);
}

/* Random argv: the display form splits back into the same argv with
 * g_shell_parse_argv() (as an edited command is) and with real shells
 */
static void
test_shell_quote_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GPtrArray) argvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  for (guint i = 0; i < 5000; i++)
    {
      g_auto(GStrv) argv = random_argv (rand);
      g_autofree char *display = cb_shell_quote_argv ((const char * const *)argv);
      g_auto(GStrv) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_shell_parse_argv (display, NULL, &parsed, &error);
      g_assert_no_error (error);
      g_assert_true (g_strv_equal ((const char * const *)parsed, (const char * const *)argv));

      if (i < 400)
        g_ptr_array_add (argvs, g_steal_pointer (&argv));
    }

  assert_shells_run (argvs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shell-quote/words", test_shell_quote_words);
  g_test_add_func ("/shell-quote/display-round-trip", test_shell_quote_display_round_trip);
  g_test_add_func ("/shell-quote/command-word", test_shell_quote_command_word);
  g_test_add_func ("/shell-quote/command-position", test_shell_quote_command_position);
  g_test_add_func ("/shell-quote/fuzz", test_shell_quote_fuzz);

  return g_test_run ();
}
