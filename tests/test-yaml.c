/* test-yaml.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-test-util.h"
#include "cb-yaml.h"

static CbNode *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  CbNode *node = cb_yaml_load_data (text, -1, "doc.yaml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_load_error (const char *text,
                   gssize      length,
                   int         code,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) node = cb_yaml_load_data (text, length, "doc.yaml", &error);

  g_assert_null (node);
  g_assert_error (error, CB_ERROR, code);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected a message starting with “%s”, got “%s”", expected, error->message);
}

static void
test_yaml_locations (void)
{
  g_autoptr(CbNode) root = load ("title: Demo\n"
                                 "ui_elements:\n"
                                 "  - key: exp_name\n"
                                 "    type: text_input\n");
  CbNode *elements = cb_node_lookup (root, "ui_elements");
  CbNode *element;
  CbNode *type;

  g_assert_cmpint (cb_node_get_kind (root), ==, CB_NODE_MAPPING);
  g_assert_cmpuint (cb_node_get_n_children (root), ==, 2);
  g_assert_cmpstr (cb_node_get_scalar (cb_node_lookup (root, "title")), ==, "Demo");
  g_assert_cmpint (cb_node_get_kind (elements), ==, CB_NODE_SEQUENCE);
  element = cb_node_get_child (elements, 0);
  g_assert_cmpuint (cb_node_get_line (element), ==, 3);
  g_assert_cmpuint (cb_node_get_column (element), ==, 5);
  type = cb_node_lookup (element, "type");
  g_assert_cmpuint (cb_node_get_line (type), ==, 4);
  g_assert_cmpuint (cb_node_get_column (type), ==, 11);
  g_assert_cmpstr (cb_node_get_file (type), ==, "doc.yaml");
  g_assert_cmpstr (cb_node_get_key (root, 1) ? cb_node_get_scalar (cb_node_get_key (root, 1)) : NULL,
                   ==, "ui_elements");
  g_assert_null (cb_node_lookup (root, "missing"));
}

static void
test_yaml_scalars (void)
{
  g_autoptr(CbNode) root = load ("a: true\nb: False\nc: 42\nd: -0x10\ne: 1.0e-5\nf: 1e-5\n"
                                 "g: .inf\nh: null\ni: ~\nj:\nk: '32'\nl: \"true\"\nm: 0o17\n"
                                 "n: text\no: 3.\np: .5\n");
  gboolean b;
  gint64 i;
  double d;
  g_autoptr(GVariant) v = NULL;

  g_assert_true (cb_node_get_boolean (cb_node_lookup (root, "a"), &b) && b);
  g_assert_true (cb_node_get_boolean (cb_node_lookup (root, "b"), &b) && !b);
  g_assert_true (cb_node_get_int64 (cb_node_lookup (root, "c"), &i) && i == 42);
  /* A signed hex number is not YAML core schema */
  g_assert_false (cb_node_get_int64 (cb_node_lookup (root, "d"), &i));
  g_assert_true (cb_node_get_double (cb_node_lookup (root, "e"), &d) && d == 1e-5);
  g_assert_true (cb_node_get_double (cb_node_lookup (root, "f"), &d) && d == 1e-5);
  g_assert_false (cb_node_get_int64 (cb_node_lookup (root, "e"), &i));
  g_assert_true (cb_node_get_double (cb_node_lookup (root, "g"), &d) && d > 1e308);
  g_assert_true (cb_node_is_null (cb_node_lookup (root, "h")));
  g_assert_true (cb_node_is_null (cb_node_lookup (root, "i")));
  g_assert_true (cb_node_is_null (cb_node_lookup (root, "j")));
  /* Quoted scalars are strings */
  g_assert_false (cb_node_get_int64 (cb_node_lookup (root, "k"), &i));
  g_assert_false (cb_node_get_boolean (cb_node_lookup (root, "l"), &b));
  g_assert_false (cb_node_is_plain (cb_node_lookup (root, "k")));
  g_assert_true (cb_node_get_int64 (cb_node_lookup (root, "m"), &i) && i == 15);
  g_assert_false (cb_node_get_double (cb_node_lookup (root, "n"), &d));
  g_assert_true (cb_node_get_double (cb_node_lookup (root, "o"), &d) && d == 3.0);
  g_assert_true (cb_node_get_double (cb_node_lookup (root, "p"), &d) && d == 0.5);

  v = cb_node_to_variant (root);
  g_assert_true (g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT));
  {
    g_autoptr(GVariant) c = g_variant_lookup_value (v, "c", NULL);
    g_autoptr(GVariant) k = g_variant_lookup_value (v, "k", NULL);
    g_autoptr(GVariant) h = g_variant_lookup_value (v, "h", NULL);

    g_assert_cmpint (g_variant_get_int64 (c), ==, 42);
    g_assert_cmpstr (g_variant_get_string (k, NULL), ==, "32");
    g_assert_true (g_variant_is_of_type (h, G_VARIANT_TYPE_MAYBE));
  }
}

static void
test_yaml_empty (void)
{
  g_autoptr(CbNode) empty = load ("");
  g_autoptr(CbNode) comment = load ("# only a comment\n");

  g_assert_true (cb_node_is_null (empty));
  g_assert_true (cb_node_is_null (comment));
  g_assert_cmpuint (cb_node_get_line (empty), ==, 1);
}

static void
test_yaml_syntax_error (void)
{
  assert_load_error ("title: Demo\nui_elements:\n  - key: a\n   type: b\n", -1, CB_ERROR_PARSE,
                     "doc.yaml:4:");
  assert_load_error ("a: [1, 2\n", -1, CB_ERROR_PARSE, "doc.yaml:2:1: YAML syntax error");
  assert_load_error ("a: 'open\n", -1, CB_ERROR_PARSE, "doc.yaml:");
  assert_load_error ("key: value\n\tb: tab\n", -1, CB_ERROR_PARSE, "doc.yaml:2:");
}

static void
test_yaml_duplicate_keys (void)
{
  assert_load_error ("a: 1\nb: 2\na: 3\n", -1, CB_ERROR_PARSE,
                     "doc.yaml:3:1: the key “a” is given twice");
}

static void
test_yaml_not_utf8 (void)
{
  /* A Latin-1 byte in the second line, third character */
  assert_load_error ("a: 1\nb: \xe9t\xe9\n", -1, CB_ERROR_PARSE,
                     "doc.yaml:2:4: the file is not valid UTF-8 text");
}

static void
test_yaml_nul (void)
{
  assert_load_error ("a: \"x\\0y\"\n", -1, CB_ERROR_PARSE, "doc.yaml:1:4: the value holds a NUL");
}

static void
test_yaml_aliases (void)
{
  /* Aliases are shared, not copied */
  g_autoptr(CbNode) root = load ("base: &b {lr: 0.1}\ncopy: *b\n");

  g_assert_true (cb_node_lookup (root, "base") == cb_node_lookup (root, "copy"));

  assert_load_error ("a: *nothing\n", -1, CB_ERROR_PARSE, "doc.yaml:1:4: the alias “*nothing”");
}

static void
test_yaml_alias_bomb (void)
{
  const char *bomb =
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";

  assert_load_error (bomb, -1, CB_ERROR_TOO_LARGE, "doc.yaml:");
}

static void
test_yaml_deep (void)
{
  g_autoptr(GString) text = g_string_new ("a: ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');

  assert_load_error (text->str, -1, CB_ERROR_TOO_LARGE, "doc.yaml:1:");
}

static void
test_yaml_file_errors (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.yaml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) node = NULL;
  g_autofree char *prefix = NULL;

  node = cb_yaml_load_file (missing, &error);
  g_assert_null (node);
  g_assert_error (error, CB_ERROR, CB_ERROR_NOT_FOUND);
  prefix = g_strdup_printf ("%s: cannot read the file", missing);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);

  /* A folder is not a file */
  node = cb_yaml_load_file (dir, &error);
  g_assert_null (node);
  g_assert_error (error, CB_ERROR, CB_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));

  cb_test_remove_tree (dir);
}

static void
test_yaml_too_large (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *path = g_build_filename (dir, "big.yaml", NULL);
  g_autoptr(GString) text = g_string_sized_new (10 * 1024 * 1024 + 64);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) node = NULL;

  while (text->len < 10 * 1024 * 1024)
    g_string_append (text, "- a line of a ten megabyte list of values\n");
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  node = cb_yaml_load_file (path, &error);
  g_assert_null (node);
  g_assert_error (error, CB_ERROR, CB_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "too large"));

  cb_test_remove_tree (dir);
}

static void
test_yaml_unknown_keys (void)
{
  static const char * const known[] = { "label", "help", "key", NULL };
  static const char * const translatable[] = { "label", "title", NULL };
  g_autoptr(CbNode) root = load ("key: a\n"
                                 "label[ko]: b\n"
                                 "help[ko]: c\n"
                                 "title[ko]: d\n"
                                 "key[ko]: e\n"
                                 "colour: f\n");
  g_autoptr(GPtrArray) unknown = cb_node_get_unknown_keys (root, known, translatable);
  g_autoptr(GPtrArray) untranslated = cb_node_get_unknown_keys (root, known, NULL);

  /* A translation is known where its key is both known and translatable */
  g_assert_cmpuint (unknown->len, ==, 4);
  g_assert_cmpstr (cb_node_get_scalar (g_ptr_array_index (unknown, 0)), ==, "help[ko]");
  g_assert_cmpstr (cb_node_get_scalar (g_ptr_array_index (unknown, 1)), ==, "title[ko]");
  g_assert_cmpstr (cb_node_get_scalar (g_ptr_array_index (unknown, 2)), ==, "key[ko]");
  g_assert_cmpstr (cb_node_get_scalar (g_ptr_array_index (unknown, 3)), ==, "colour");
  g_assert_cmpuint (cb_node_get_line (g_ptr_array_index (unknown, 3)), ==, 6);
  g_assert_cmpuint (untranslated->len, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml/locations", test_yaml_locations);
  g_test_add_func ("/yaml/scalars", test_yaml_scalars);
  g_test_add_func ("/yaml/empty", test_yaml_empty);
  g_test_add_func ("/yaml/syntax-error", test_yaml_syntax_error);
  g_test_add_func ("/yaml/duplicate-keys", test_yaml_duplicate_keys);
  g_test_add_func ("/yaml/unknown-keys", test_yaml_unknown_keys);
  g_test_add_func ("/yaml/not-utf8", test_yaml_not_utf8);
  g_test_add_func ("/yaml/nul", test_yaml_nul);
  g_test_add_func ("/yaml/aliases", test_yaml_aliases);
  g_test_add_func ("/yaml/alias-bomb", test_yaml_alias_bomb);
  g_test_add_func ("/yaml/deep", test_yaml_deep);
  g_test_add_func ("/yaml/file-errors", test_yaml_file_errors);
  g_test_add_func ("/yaml/too-large", test_yaml_too_large);

  return g_test_run ();
}
