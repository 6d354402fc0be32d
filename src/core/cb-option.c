/* cb-option.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-option.h"

/**
 * CbOption:
 *
 * One choice of a select field: the value that goes into the command and
 * the label shown for it. Option lists are #GListModels of these (see
 * #CbOptionList), shared between the forms that use the same source;
 * checkpoints derive from it.
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
