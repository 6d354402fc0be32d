/* cb-schema-problems.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-schema-problems.h"

/**
 * CbSchemaProblems:
 *
 * The page of a schema that cannot be used, in place of its form: its
 * problems, one a line, each naming file, line and column.
 */
struct _CbSchemaProblems
{
  GtkWidget  parent_instance;

  GtkWidget *problems_label;
};

G_DEFINE_FINAL_TYPE (CbSchemaProblems, cb_schema_problems, GTK_TYPE_WIDGET)

static void
cb_schema_problems_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CB_TYPE_SCHEMA_PROBLEMS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_schema_problems_parent_class)->dispose (object);
}

static void
cb_schema_problems_class_init (CbSchemaProblemsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cb_schema_problems_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-schema-problems.ui");
  gtk_widget_class_bind_template_child (widget_class, CbSchemaProblems, problems_label);
}

static void
cb_schema_problems_init (CbSchemaProblems *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cb_schema_problems_new (const char *problems)
{
  CbSchemaProblems *self = g_object_new (CB_TYPE_SCHEMA_PROBLEMS, NULL);

  gtk_label_set_text (GTK_LABEL (self->problems_label), problems);
  return GTK_WIDGET (self);
}

const char *
cb_schema_problems_get_problems (CbSchemaProblems *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA_PROBLEMS (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->problems_label));
}
