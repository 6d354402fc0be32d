/* cb-setup-card.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-setup-card.h"
#include "cb-wrap.h"

/**
 * CbSetupCard:
 *
 * One suggested setup of a form: its title and description, and Apply
 * (the `form-view.apply-setup` action, with the setup's id), or the
 * Active mark while the form matches it.
 */
struct _CbSetupCard
{
  GtkWidget  parent_instance;

  char      *setup;
  gboolean   active;

  GtkWidget *title_label;
  GtkWidget *description_label;
  GtkWidget *apply_button;
  GtkWidget *active_label;
};

G_DEFINE_FINAL_TYPE (CbSetupCard, cb_setup_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SETUP,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cb_setup_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CB_TYPE_SETUP_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_setup_card_parent_class)->dispose (object);
}

static void
cb_setup_card_finalize (GObject *object)
{
  g_free (CB_SETUP_CARD (object)->setup);

  G_OBJECT_CLASS (cb_setup_card_parent_class)->finalize (object);
}

static void
cb_setup_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CbSetupCard *self = CB_SETUP_CARD (object);

  switch (prop_id)
    {
    case PROP_SETUP:
      g_value_set_string (value, self->setup);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_setup_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CbSetupCard *self = CB_SETUP_CARD (object);

  switch (prop_id)
    {
    case PROP_SETUP:
      self->setup = g_value_dup_string (value);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->apply_button),
                                              g_variant_new_string (self->setup ? self->setup : ""));
      break;
    case PROP_ACTIVE:
      cb_setup_card_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_setup_card_class_init (CbSetupCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_setup_card_dispose;
  object_class->finalize = cb_setup_card_finalize;
  object_class->get_property = cb_setup_card_get_property;
  object_class->set_property = cb_setup_card_set_property;

  /**
   * CbSetupCard:setup:
   *
   * The id of the setup that Apply applies.
   */
  properties[PROP_SETUP] =
    g_param_spec_string ("setup", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CbSetupCard:active:
   *
   * Whether the form matches the setup: the card shows Active instead of
   * Apply.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-setup-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CbSetupCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbSetupCard, description_label);
  gtk_widget_class_bind_template_child (widget_class, CbSetupCard, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CbSetupCard, active_label);
}

static void
cb_setup_card_init (CbSetupCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cb_setup_card_new:
 * @setup: the setup's id
 * @title: (nullable): its title; the id when it has none
 * @description: (nullable): what it is for
 */
GtkWidget *
cb_setup_card_new (const char *setup,
                   const char *title,
                   const char *description)
{
  CbSetupCard *self;

  g_return_val_if_fail (setup != NULL, NULL);

  self = g_object_new (CB_TYPE_SETUP_CARD, "setup", setup, NULL);
  cb_wrap_set_text (self->title_label, title ? title : setup);
  cb_wrap_set_text (self->description_label, description);
  gtk_widget_set_visible (self->description_label, description != NULL);
  /* "Apply" alone does not say which: the card's title describes it (its
   * name comes from its mnemonic label: GTK 4.8 would add that to any
   * other name)
   */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->apply_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->apply_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->title_label, NULL,
                                  -1);

  return GTK_WIDGET (self);
}

const char *
cb_setup_card_get_title (CbSetupCard *self)
{
  g_return_val_if_fail (CB_IS_SETUP_CARD (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->title_label));
}

const char *
cb_setup_card_get_setup (CbSetupCard *self)
{
  g_return_val_if_fail (CB_IS_SETUP_CARD (self), NULL);

  return self->setup;
}

gboolean
cb_setup_card_get_active (CbSetupCard *self)
{
  g_return_val_if_fail (CB_IS_SETUP_CARD (self), FALSE);

  return self->active;
}

void
cb_setup_card_set_active (CbSetupCard *self,
                          gboolean     active)
{
  g_return_if_fail (CB_IS_SETUP_CARD (self));

  active = !!active;
  if (active == self->active)
    return;

  self->active = active;
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self), "active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "active");
  gtk_widget_set_visible (self->apply_button, !active);
  gtk_widget_set_visible (self->active_label, active);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}
