/* cb-option-list.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-option.h"
#include "cb-option-list.h"

/**
 * CbOptionList:
 *
 * What a select field's options are: a #GListModel of #CbOption. Lists
 * that can find an option by its value without a walk implement this
 * interface: the plain list of cb_option_list_new(), indexed by value, and
 * the checkpoint model, indexed by path. cb_options_find() asks the list,
 * and walks any other #GListModel of options.
 */

G_DEFINE_INTERFACE (CbOptionList, cb_option_list, G_TYPE_LIST_MODEL)

static void
cb_option_list_default_init (CbOptionListInterface *iface)
{
}

/**
 * cb_option_list_find:
 * @value: an option's value
 *
 * Returns: the position of the first option whose value is @value, or -1
 */
gint64
cb_option_list_find (CbOptionList *self,
                     const char   *value)
{
  g_return_val_if_fail (CB_IS_OPTION_LIST (self), -1);
  g_return_val_if_fail (value != NULL, -1);

  return CB_OPTION_LIST_GET_IFACE (self)->find (self, value);
}

/* The plain list: options fixed when it is made */

#define CB_TYPE_OPTION_ARRAY (cb_option_array_get_type ())

G_DECLARE_FINAL_TYPE (CbOptionArray, cb_option_array, CB, OPTION_ARRAY, GObject)

struct _CbOptionArray
{
  GObject     parent_instance;

  GPtrArray  *options; /* CbOption */
  GHashTable *by_value; /* value → position + 1; made on the first find */
};

static void cb_option_array_list_model_init  (GListModelInterface   *iface);
static void cb_option_array_option_list_init (CbOptionListInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbOptionArray, cb_option_array, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cb_option_array_list_model_init)
                               G_IMPLEMENT_INTERFACE (CB_TYPE_OPTION_LIST,
                                                      cb_option_array_option_list_init))

static GType
cb_option_array_get_item_type (GListModel *model)
{
  return CB_TYPE_OPTION;
}

static guint
cb_option_array_get_n_items (GListModel *model)
{
  return CB_OPTION_ARRAY (model)->options->len;
}

static gpointer
cb_option_array_get_item (GListModel *model,
                          guint       position)
{
  CbOptionArray *self = CB_OPTION_ARRAY (model);

  if (position >= self->options->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->options, position));
}

static void
cb_option_array_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cb_option_array_get_item_type;
  iface->get_n_items = cb_option_array_get_n_items;
  iface->get_item = cb_option_array_get_item;
}

static gint64
cb_option_array_find (CbOptionList *list,
                      const char   *value)
{
  CbOptionArray *self = CB_OPTION_ARRAY (list);

  if (self->by_value == NULL)
    {
      self->by_value = g_hash_table_new (g_str_hash, g_str_equal);

      /* Backwards, so that the first of equal values wins */
      for (guint i = self->options->len; i > 0; i--)
        g_hash_table_insert (self->by_value,
                             (char *)cb_option_get_value (g_ptr_array_index (self->options, i - 1)),
                             GUINT_TO_POINTER (i));
    }

  return (gint64)GPOINTER_TO_UINT (g_hash_table_lookup (self->by_value, value)) - 1;
}

static void
cb_option_array_option_list_init (CbOptionListInterface *iface)
{
  iface->find = cb_option_array_find;
}

static void
cb_option_array_finalize (GObject *object)
{
  CbOptionArray *self = CB_OPTION_ARRAY (object);

  g_clear_pointer (&self->by_value, g_hash_table_unref);
  g_ptr_array_unref (self->options);

  G_OBJECT_CLASS (cb_option_array_parent_class)->finalize (object);
}

static void
cb_option_array_class_init (CbOptionArrayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_option_array_finalize;
}

static void
cb_option_array_init (CbOptionArray *self)
{
}

/**
 * cb_option_list_new:
 * @options: (element-type CbOption): the options
 *
 * Returns: (transfer full): a list that holds the options of @options,
 *   which are shared, not copied, and never changes
 */
GListModel *
cb_option_list_new (GPtrArray *options)
{
  CbOptionArray *self;

  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (CB_TYPE_OPTION_ARRAY, NULL);
  self->options = g_ptr_array_new_full (options->len, g_object_unref);
  for (guint i = 0; i < options->len; i++)
    g_ptr_array_add (self->options, g_object_ref (CB_OPTION (g_ptr_array_index (options, i))));

  return G_LIST_MODEL (self);
}

/* Helpers for any list of options */

/**
 * cb_options_find:
 * @options: (nullable): a list model of #CbOption
 * @value: (nullable): a value
 *
 * Returns: the position of the first option with value @value, or -1;
 *   as fast as the list can tell (see #CbOptionList), else by a walk
 */
gint64
cb_options_find (GListModel *options,
                 const char *value)
{
  guint n;

  if (options == NULL || value == NULL)
    return -1;

  if (CB_IS_OPTION_LIST (options))
    return cb_option_list_find (CB_OPTION_LIST (options), value);

  n = g_list_model_get_n_items (options);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbOption) option = g_list_model_get_item (options, i);

      if (g_strcmp0 (cb_option_get_value (option), value) == 0)
        return i;
    }

  return -1;
}

/**
 * cb_options_equal:
 * @a: (nullable): a list model of #CbOption
 * @b: (nullable): another
 *
 * Returns: whether two lists hold the same options (values and labels) in
 *   the same order
 */
gboolean
cb_options_equal (GListModel *a,
                  GListModel *b)
{
  guint n;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  n = g_list_model_get_n_items (a);
  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbOption) x = g_list_model_get_item (a, i);
      g_autoptr(CbOption) y = g_list_model_get_item (b, i);

      if (x != y &&
          (g_strcmp0 (cb_option_get_value (x), cb_option_get_value (y)) != 0 ||
           g_strcmp0 (cb_option_get_label (x), cb_option_get_label (y)) != 0))
        return FALSE;
    }

  return TRUE;
}
