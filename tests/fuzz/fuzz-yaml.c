/* fuzz-yaml.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-yaml.h"
#include "fuzz-util.h"

/* The YAML loader: any bytes give a tree or an error, and every accessor
 * of the tree works on it */

static void
walk (const CbNode *node)
{
  gboolean b;
  gint64 x;
  double d;

  g_assert (cb_node_get_line (node) >= 1);
  g_assert (cb_node_get_column (node) >= 1);
  g_assert (cb_node_get_file (node) != NULL);

  switch (cb_node_get_kind (node))
    {
    case CB_NODE_SCALAR:
      g_assert (cb_node_get_scalar (node) != NULL);
      cb_node_get_boolean (node, &b);
      cb_node_get_int64 (node, &x);
      cb_node_get_double (node, &d);
      cb_node_is_null (node);
      cb_node_is_plain (node);
      break;

    case CB_NODE_MAPPING:
      for (guint i = 0; i < cb_node_get_n_children (node); i++)
        {
          CbNode *key = cb_node_get_key (node, i);

          walk (key);
          walk (cb_node_get_child (node, i));
          if (cb_node_get_kind (key) == CB_NODE_SCALAR)
            g_assert (cb_node_lookup (node, cb_node_get_scalar (key)) != NULL);
        }
      break;

    case CB_NODE_SEQUENCE:
    default:
      for (guint i = 0; i < cb_node_get_n_children (node); i++)
        walk (cb_node_get_child (node, i));
      break;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbNode) root = cb_yaml_load_data ((const char *)data, size, "fuzz.yaml", &error);
  g_autoptr(GVariant) value = NULL;

  if (root == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  g_assert_no_error (error);
  walk (root);
  value = cb_node_to_variant (root);
  if (value != NULL)
    g_free (g_variant_print (value, TRUE));

  return 0;
}
