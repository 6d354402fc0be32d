/* test-option.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "cb-checkpoint-model.h"
#include "cb-option.h"
#include "cb-test-util.h"

/* Options, the plain option list, and the helpers that serve any list:
 * cb_options_find() asks a #CbOptionList and walks any other list model.
 */

static GListModel *
make_list (const char * const *values)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (options, cb_option_new (values[i], NULL));
  return cb_option_list_new (options);
}

static void
test_option (void)
{
  g_autoptr(CbOption) plain = cb_option_new ("resnet18", NULL);
  g_autoptr(CbOption) labelled = cb_option_new ("adamw", "AdamW (decoupled)");
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;

  g_assert_cmpstr (cb_option_get_value (plain), ==, "resnet18");
  g_assert_cmpstr (cb_option_get_label (plain), ==, "resnet18");
  g_assert_cmpstr (cb_option_get_value (labelled), ==, "adamw");
  g_assert_cmpstr (cb_option_get_label (labelled), ==, "AdamW (decoupled)");

  g_object_get (labelled, "value", &value, "label", &label, NULL);
  g_assert_cmpstr (value, ==, "adamw");
  g_assert_cmpstr (label, ==, "AdamW (decoupled)");
}

static void
test_list (void)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CbOption) first = NULL;
  CbOption *shared;

  g_ptr_array_add (options, cb_option_new ("a", "A"));
  g_ptr_array_add (options, cb_option_new ("b", NULL));
  shared = g_ptr_array_index (options, 0);
  list = cb_option_list_new (options);

  g_assert_true (CB_IS_OPTION_LIST (list));
  g_assert_true (g_list_model_get_item_type (list) == CB_TYPE_OPTION);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  g_assert_true (first == shared);               /* shared, not copied */
  g_assert_null (g_list_model_get_item (list, 2));

  /* The list does not follow the array it was made from */
  g_ptr_array_set_size (options, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpint (cb_options_find (list, "b"), ==, 1);
}

static void
test_find (void)
{
  g_autoptr(GListModel) list = make_list ((const char *[]) { "x", "y", "x", "", NULL });
  g_autoptr(GListModel) empty = make_list ((const char *[]) { NULL });
  g_autoptr(GListStore) store = g_list_store_new (CB_TYPE_OPTION);

  g_assert_cmpint (cb_options_find (list, "x"), ==, 0);   /* the first of equal values */
  g_assert_cmpint (cb_options_find (list, "y"), ==, 1);
  g_assert_cmpint (cb_options_find (list, ""), ==, 3);
  g_assert_cmpint (cb_options_find (list, "z"), ==, -1);
  g_assert_cmpint (cb_option_list_find (CB_OPTION_LIST (list), "y"), ==, 1);
  g_assert_cmpint (cb_options_find (empty, "x"), ==, -1);
  g_assert_cmpint (cb_options_find (NULL, "x"), ==, -1);
  g_assert_cmpint (cb_options_find (list, NULL), ==, -1);

  /* Any other list of options is walked */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *value = g_strdup_printf ("v%u", i);
      g_autoptr(CbOption) option = cb_option_new (value, NULL);

      g_list_store_append (store, option);
    }
  g_assert_false (CB_IS_OPTION_LIST (store));
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (store), "v2"), ==, 2);
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (store), "v3"), ==, -1);
}

/* A list that answers find with its own index, to see that
 * cb_options_find() asks the list instead of walking it
 */

#define TEST_TYPE_INDEXED (test_indexed_get_type ())
G_DECLARE_FINAL_TYPE (TestIndexed, test_indexed, TEST, INDEXED, GObject)

struct _TestIndexed
{
  GObject parent_instance;
  guint   n_finds;
};

static void test_indexed_list_model_init  (GListModelInterface   *iface);
static void test_indexed_option_list_init (CbOptionListInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestIndexed, test_indexed, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, test_indexed_list_model_init)
                               G_IMPLEMENT_INTERFACE (CB_TYPE_OPTION_LIST, test_indexed_option_list_init))

static GType
test_indexed_get_item_type (GListModel *model)
{
  return CB_TYPE_OPTION;
}

/* A million options, none of which is ever made */
static guint
test_indexed_get_n_items (GListModel *model)
{
  return 1000000;
}

static gpointer
test_indexed_get_item (GListModel *model,
                       guint       position)
{
  g_assert_not_reached ();
  return NULL;
}

static void
test_indexed_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = test_indexed_get_item_type;
  iface->get_n_items = test_indexed_get_n_items;
  iface->get_item = test_indexed_get_item;
}

static gint64
test_indexed_find (CbOptionList *list,
                   const char   *value)
{
  TEST_INDEXED (list)->n_finds++;
  return g_ascii_strtoll (value, NULL, 10);
}

static void
test_indexed_option_list_init (CbOptionListInterface *iface)
{
  iface->find = test_indexed_find;
}

static void
test_indexed_class_init (TestIndexedClass *klass)
{
}

static void
test_indexed_init (TestIndexed *self)
{
}

static void
test_find_dispatch (void)
{
  g_autoptr(TestIndexed) indexed = g_object_new (TEST_TYPE_INDEXED, NULL);

  g_assert_cmpint (cb_options_find (G_LIST_MODEL (indexed), "999999"), ==, 999999);
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (indexed), "-1"), ==, -1);
  g_assert_cmpuint (indexed->n_finds, ==, 2);
}

/* The checkpoint model is an option list too, indexed by path */
static void
test_find_checkpoints (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *old = cb_test_write (dir, "outputs/e1/old.ckpt", "x");
  g_autofree char *new = cb_test_write (dir, "outputs/e2/new.ckpt", "x");
  struct timespec t_old[2] = { { 1700000000, 0 }, { 1700000000, 0 } };
  struct timespec t_new[2] = { { 1700000100, 0 }, { 1700000100, 0 } };
  g_autoptr(CbCheckpointModel) model =
    cb_checkpoint_model_new (dir, (const char *[]) { "outputs/*/*.ckpt", NULL });

  g_assert_cmpint (utimensat (AT_FDCWD, old, t_old, 0), ==, 0);
  g_assert_cmpint (utimensat (AT_FDCWD, new, t_new, 0), ==, 0);
  cb_checkpoint_model_scan_sync (model);

  g_assert_true (CB_IS_OPTION_LIST (model));
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (model), "outputs/e2/new.ckpt"), ==, 0);
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (model), "outputs/e1/old.ckpt"), ==, 1);
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (model), "outputs/e1"), ==, -1);
  g_assert_cmpint (cb_option_list_find (CB_OPTION_LIST (model), "outputs/e1/old.ckpt"), ==, 1);

  cb_test_remove_tree (dir);
}

static void
test_equal (void)
{
  g_autoptr(GListModel) a = make_list ((const char *[]) { "x", "y", NULL });
  g_autoptr(GListModel) b = make_list ((const char *[]) { "x", "y", NULL });
  g_autoptr(GListModel) shorter = make_list ((const char *[]) { "x", NULL });
  g_autoptr(GListModel) reordered = make_list ((const char *[]) { "y", "x", NULL });
  g_autoptr(GListModel) empty = make_list ((const char *[]) { NULL });
  g_autoptr(GPtrArray) labelled = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) relabelled = NULL;
  g_autoptr(GListStore) store = g_list_store_new (CB_TYPE_OPTION);
  g_autoptr(CbOption) x = cb_option_new ("x", NULL);
  g_autoptr(CbOption) y = cb_option_new ("y", NULL);

  g_ptr_array_add (labelled, cb_option_new ("x", NULL));
  g_ptr_array_add (labelled, cb_option_new ("y", "Why"));
  relabelled = cb_option_list_new (labelled);
  g_list_store_append (store, x);
  g_list_store_append (store, y);

  g_assert_true (cb_options_equal (a, a));
  g_assert_true (cb_options_equal (a, b));                     /* other objects, same options */
  g_assert_true (cb_options_equal (a, G_LIST_MODEL (store)));  /* any kind of list */
  g_assert_true (cb_options_equal (NULL, NULL));
  g_assert_false (cb_options_equal (a, NULL));
  g_assert_false (cb_options_equal (NULL, a));
  g_assert_false (cb_options_equal (a, shorter));
  g_assert_false (cb_options_equal (a, reordered));
  g_assert_false (cb_options_equal (a, empty));
  g_assert_false (cb_options_equal (a, relabelled));           /* labels count */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/option/option", test_option);
  g_test_add_func ("/option/list", test_list);
  g_test_add_func ("/option/find", test_find);
  g_test_add_func ("/option/find-dispatch", test_find_dispatch);
  g_test_add_func ("/option/find-checkpoints", test_find_checkpoints);
  g_test_add_func ("/option/equal", test_equal);

  return g_test_run ();
}
