/* test-field.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-field.h"
#include "cb-test-util.h"

static CbField *
make_field (CbFieldType  type,
            gboolean     integer,
            const char  *format)
{
  CbField *field = cb_field_new ();

  field->key = g_strdup ("k");
  field->label = g_strdup ("K");
  field->type = type;
  field->integer = integer;
  field->format = g_strdup (format);

  return field;
}

/* The value as text, or "NULL" */
static char *
print0 (GVariant *value)
{
  return value ? g_variant_print (value, TRUE) : g_strdup ("NULL");
}

static void
assert_coerce (CbFieldType  type,
               gboolean     integer,
               const char  *in,
               const char  *out)
{
  g_autoptr(CbField) field = make_field (type, integer, NULL);
  g_autoptr(GVariant) value = in ? g_variant_parse (NULL, in, NULL, NULL, NULL) : NULL;
  g_autoptr(GVariant) coerced = NULL;
  g_autofree char *text = NULL;

  g_assert_true (in == NULL || value != NULL);
  coerced = cb_field_coerce_value (field, value);
  text = print0 (coerced);
  g_assert_cmpstr (text, ==, out);
}

static void
test_field_coerce (void)
{
  /* Checkboxes take booleans only */
  assert_coerce (CB_FIELD_CHECKBOX, FALSE, "true", "true");
  assert_coerce (CB_FIELD_CHECKBOX, FALSE, "int64 1", "NULL");
  assert_coerce (CB_FIELD_CHECKBOX, FALSE, "'true'", "NULL");

  /* Whole numbers stay whole; a whole double becomes one, a fraction is
   * refused; a number of a double field is a double
   */
  assert_coerce (CB_FIELD_NUMBER, TRUE, "int64 3", "int64 3");
  assert_coerce (CB_FIELD_NUMBER, TRUE, "3.0", "int64 3");
  assert_coerce (CB_FIELD_NUMBER, TRUE, "3.5", "NULL");
  assert_coerce (CB_FIELD_NUMBER, TRUE, "1e300", "NULL");
  assert_coerce (CB_FIELD_SLIDER, FALSE, "int64 3", "3.0");
  assert_coerce (CB_FIELD_SLIDER, FALSE, "0.25", "0.25");
  assert_coerce (CB_FIELD_NUMBER, FALSE, "'3'", "NULL");

  /* Texts, paths and selects take any scalar as its text */
  assert_coerce (CB_FIELD_SELECT, FALSE, "int64 32", "'32'");
  assert_coerce (CB_FIELD_TEXT, FALSE, "false", "'false'");
  assert_coerce (CB_FIELD_PATH, FALSE, "0.001", "'0.001'");
  assert_coerce (CB_FIELD_TEXT, FALSE, "['a']", "NULL");

  /* Multiselects: a list of texts, or a scalar as a list of one */
  assert_coerce (CB_FIELD_MULTISELECT, FALSE, "['a', 'b']", "['a', 'b']");
  assert_coerce (CB_FIELD_MULTISELECT, FALSE, "[<'a'>, <int64 2>, <true>]", "['a', '2', 'true']");
  assert_coerce (CB_FIELD_MULTISELECT, FALSE, "'a'", "['a']");
  assert_coerce (CB_FIELD_MULTISELECT, FALSE, "''", "@as []");
  assert_coerce (CB_FIELD_MULTISELECT, FALSE, "[<'a'>, <['nested']>]", "NULL");

  /* Boxed and maybe values are unboxed; null is no value */
  assert_coerce (CB_FIELD_TEXT, FALSE, "<<'x'>>", "'x'");
  assert_coerce (CB_FIELD_TEXT, FALSE, "@ms 'x'", "'x'");
  assert_coerce (CB_FIELD_TEXT, FALSE, "@ms nothing", "NULL");
  assert_coerce (CB_FIELD_TEXT, FALSE, NULL, "NULL");

  /* Info fields hold nothing */
  assert_coerce (CB_FIELD_INFO, FALSE, "'x'", "NULL");
}

static void
assert_parse (CbFieldType  type,
              gboolean     integer,
              const char  *in,
              const char  *out)
{
  g_autoptr(CbField) field = make_field (type, integer, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = cb_field_parse_value (field, in, &error);
  g_autofree char *text = print0 (value);

  g_assert_cmpstr (text, ==, out);
  if (value == NULL)
    {
      /* A usage error that names the field and the text */
      g_assert_error (error, CB_ERROR, CB_ERROR_USAGE);
      g_assert_nonnull (strstr (error->message, "“k”"));
    }
  else
    g_assert_no_error (error);
}

static void
test_field_parse (void)
{
  assert_parse (CB_FIELD_CHECKBOX, FALSE, "TRUE", "true");
  assert_parse (CB_FIELD_CHECKBOX, FALSE, "false", "false");
  assert_parse (CB_FIELD_CHECKBOX, FALSE, "yes", "NULL");

  assert_parse (CB_FIELD_NUMBER, TRUE, "  42", "int64 42");
  assert_parse (CB_FIELD_NUMBER, TRUE, "-7", "int64 -7");
  assert_parse (CB_FIELD_NUMBER, TRUE, "4.2", "NULL");
  assert_parse (CB_FIELD_NUMBER, TRUE, "99999999999999999999", "NULL");
  assert_parse (CB_FIELD_NUMBER, TRUE, "", "NULL");
  assert_parse (CB_FIELD_SLIDER, FALSE, "1e-3", "0.001");
  assert_parse (CB_FIELD_SLIDER, FALSE, "inf", "NULL");
  assert_parse (CB_FIELD_SLIDER, FALSE, "1e400", "NULL");
  assert_parse (CB_FIELD_SLIDER, FALSE, "0.5x", "NULL");

  assert_parse (CB_FIELD_MULTISELECT, FALSE, "a, b ,c", "['a', 'b', 'c']");
  assert_parse (CB_FIELD_MULTISELECT, FALSE, "", "@as []");

  assert_parse (CB_FIELD_TEXT, FALSE, " as is ", "' as is '");
  assert_parse (CB_FIELD_SELECT, FALSE, "32", "'32'");
  assert_parse (CB_FIELD_INFO, FALSE, "x", "NULL");
}

static void
assert_text (CbField    *field,
             GVariant   *value,
             const char *out)
{
  g_autoptr(GVariant) v = value ? g_variant_ref_sink (value) : NULL;
  g_autofree char *text = cb_field_value_to_text (field, v);

  g_assert_cmpstr (text, ==, out);
}

static void
test_field_value_to_text (void)
{
  g_autoptr(CbField) plain = make_field (CB_FIELD_NUMBER, FALSE, NULL);
  g_autoptr(CbField) sci = make_field (CB_FIELD_SLIDER, FALSE, "%.1e");
  g_autoptr(CbField) whole = make_field (CB_FIELD_NUMBER, TRUE, "%d epochs");
  g_autoptr(CbField) list = make_field (CB_FIELD_MULTISELECT, FALSE, NULL);

  /* Numbers as the override spells them, or in the field's format */
  assert_text (plain, g_variant_new_double (0.001), "0.001");
  assert_text (plain, g_variant_new_double (1e-05), "1e-05");
  assert_text (sci, g_variant_new_double (0.001), "1.0e-03");
  assert_text (sci, g_variant_new_int64 (2), "2.0e+00");
  assert_text (whole, g_variant_new_int64 (12), "12 epochs");

  /* Lists joined for reading, other values as they are spelled */
  assert_text (list, g_variant_new_strv ((const char *[]){ "a", "b c", NULL }, -1), "a, b c");
  assert_text (plain, g_variant_new_boolean (TRUE), "true");
  assert_text (plain, g_variant_new_string ("x y"), "x y");
  assert_text (plain, NULL, "");
}

static void
test_field_type_names (void)
{
  /* The names of the schema's `type:` read back to the same type */
  for (CbFieldType type = CB_FIELD_TEXT; type <= CB_FIELD_PATH; type++)
    {
      CbFieldType back = CB_FIELD_INFO;

      g_assert_true (cb_field_type_from_string (cb_field_type_to_string (type), &back));
      g_assert_cmpint (back, ==, type);
    }
  g_assert_cmpstr (cb_field_type_to_string (CB_FIELD_SELECT), ==, "selectbox");
  g_assert_false (cb_field_type_from_string ("dropdown", &(CbFieldType){ 0 }));
  g_assert_false (cb_field_type_from_string (NULL, &(CbFieldType){ 0 }));
}

static gboolean
is_empty (GVariant *value)
{
  g_autoptr(GVariant) v = value ? g_variant_ref_sink (value) : NULL;

  return cb_value_is_empty (v);
}

static void
test_field_predicates (void)
{
  g_autoptr(CbField) info = make_field (CB_FIELD_INFO, FALSE, NULL);
  g_autoptr(CbField) text = make_field (CB_FIELD_TEXT, FALSE, NULL);

  g_assert_false (cb_field_has_value (info));
  g_assert_true (cb_field_has_value (text));

  /* Which metadata entries a field reads, from its keys */
  g_assert_false (cb_field_uses_architecture (text));
  g_assert_false (cb_field_uses_optimizer (text));
  text->options_metadata_key = g_strdup ("box_types");
  g_assert_true (cb_field_uses_architecture (text));
  text->optimizer_help_key = g_strdup ("lr.help");
  g_assert_true (cb_field_uses_optimizer (text));

  /* Empty values emit nothing; false and zero are values */
  g_assert_true (is_empty (NULL));
  g_assert_true (is_empty (g_variant_new_string ("")));
  g_assert_true (is_empty (g_variant_new_strv (NULL, 0)));
  g_assert_true (is_empty (g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL)));
  g_assert_false (is_empty (g_variant_new_boolean (FALSE)));
  g_assert_false (is_empty (g_variant_new_int64 (0)));
  g_assert_false (is_empty (g_variant_new_string (" ")));
}

static void
test_field_metadata_list_kind (void)
{
  g_assert_cmpint (cb_metadata_list_kind_for_key ("compatible_backbones"), ==, CB_METADATA_LIST_COMPATIBLE);
  g_assert_cmpint (cb_metadata_list_kind_for_key ("recommended_optimizers"), ==, CB_METADATA_LIST_RECOMMENDED);
  g_assert_cmpint (cb_metadata_list_kind_for_key ("box_types"), ==, CB_METADATA_LIST_PLAIN);
  g_assert_cmpint (cb_metadata_list_kind_for_key ("recommended"), ==, CB_METADATA_LIST_PLAIN);
  g_assert_cmpint (cb_metadata_list_kind_for_key (NULL), ==, CB_METADATA_LIST_PLAIN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field/coerce", test_field_coerce);
  g_test_add_func ("/field/parse", test_field_parse);
  g_test_add_func ("/field/value-to-text", test_field_value_to_text);
  g_test_add_func ("/field/type-names", test_field_type_names);
  g_test_add_func ("/field/predicates", test_field_predicates);
  g_test_add_func ("/field/metadata-list-kind", test_field_metadata_list_kind);

  return g_test_run ();
}
