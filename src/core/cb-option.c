/* cb-option.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-checkpoint-model.h"
#include "cb-option.h"

/**
 * CbOption:
 *
 * One choice of a select field: the value that goes into the command and
 * the label shown for it. Option lists are #GListModels of these, shared
 * between the forms that use the same source; checkpoints derive from it.
 */

typedef struct
{
  char *value;
  char *label;
} CbOptionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CbOption, cb_option, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cb_option_finalize (GObject *object)
{
  CbOptionPrivate *priv = cb_option_get_instance_private (CB_OPTION (object));

  g_free (priv->value);
  g_free (priv->label);

  G_OBJECT_CLASS (cb_option_parent_class)->finalize (object);
}

static void
cb_option_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CbOption *self = CB_OPTION (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, cb_option_get_value (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, cb_option_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_option_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CbOptionPrivate *priv = cb_option_get_instance_private (CB_OPTION (object));

  switch (prop_id)
    {
    case PROP_VALUE:
      priv->value = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      priv->label = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_option_class_init (CbOptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_option_finalize;
  object_class->get_property = cb_option_get_property;
  object_class->set_property = cb_option_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_option_init (CbOption *self)
{
}

/**
 * cb_option_new:
 * @label: (nullable): the label; the value when %NULL
 */
CbOption *
cb_option_new (const char *value,
               const char *label)
{
  g_return_val_if_fail (value != NULL, NULL);

  return g_object_new (CB_TYPE_OPTION, "value", value, "label", label, NULL);
}

const char *
cb_option_get_value (CbOption *self)
{
  CbOptionPrivate *priv = cb_option_get_instance_private (self);

  g_return_val_if_fail (CB_IS_OPTION (self), NULL);

  return priv->value;
}

const char *
cb_option_get_label (CbOption *self)
{
  CbOptionPrivate *priv = cb_option_get_instance_private (self);

  g_return_val_if_fail (CB_IS_OPTION (self), NULL);

  return priv->label ? priv->label : priv->value;
}

/**
 * cb_option_list_new:
 * @options: (element-type CbOption): the options
 *
 * Returns: (transfer full): a list model holding the options of @options,
 *   which are shared, not copied
 */
GListModel *
cb_option_list_new (GPtrArray *options)
{
  GListStore *store = g_list_store_new (CB_TYPE_OPTION);

  g_list_store_splice (store, 0, 0, options->pdata, options->len);

  return G_LIST_MODEL (store);
}

/**
 * cb_options_find:
 *
 * Returns: the position of the option with value @value, or -1; in
 *   O(log n) for a #CbCheckpointModel
 */
gint64
cb_options_find (GListModel *options,
                 const char *value)
{
  guint n;

  if (options == NULL || value == NULL)
    return -1;

  /* Checkpoint lists are long and indexed by path */
  if (CB_IS_CHECKPOINT_MODEL (options))
    return cb_checkpoint_model_find (CB_CHECKPOINT_MODEL (options), value);

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
 *
 * Returns: whether two lists hold the same options in the same order
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
