/* cb-page.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-command-panel.h"
#include "cb-form-view.h"
#include "cb-page.h"
#include "cb-run-view.h"

/**
 * CbPage:
 *
 * One page of the window: the form of one schema of a #CbSession on the
 * left, scrollable, and its command panel on the right, or below it when
 * the page is narrow. The page shows the session's state for its schema
 * (form, problems, pending offer, runs) and forwards what the user does.
 *
 * Nothing is built until the page is first shown (#CbPage:built).
 */
struct _CbPage
{
  GtkWidget     parent_instance;

  CbSession    *session;
  guint         index;       /* of the page's schema file in the session */
  CbSchema     *schema;      /* as shown */
  gboolean      below;

  GtkWidget    *form_view;
  GtkWidget    *panel;
  GtkWidget    *run_view;
};

G_DEFINE_FINAL_TYPE (CbPage, cb_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUILT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The command the user edited, or NULL for the form's */
static char *
edited_command (gpointer user_data)
{
  CbPage *self = user_data;
  CbCommandPanel *panel = CB_COMMAND_PANEL (self->panel);

  return cb_command_panel_get_edited (panel) ? cb_command_panel_get_text (panel) : NULL;
}

static void
on_take_offer (CbPage *self)
{
  cb_session_take_offer (self->session, self->index);
}

static void
on_offer_changed (CbPage *self,
                  guint   index)
{
  if (index == self->index && self->form_view != NULL)
    cb_form_view_set_offer (CB_FORM_VIEW (self->form_view), cb_session_get_offer (self->session, index));
}

/* The schema file was edited: a new schema and form, or its problems */
static void
on_schema_changed (CbPage *self,
                   guint   index)
{
  const char *problems;
  CbForm *form;

  if (index != self->index)
    return;

  problems = cb_session_get_schema_problems (self->session, index);
  g_set_object (&self->schema, cb_session_get_schema (self->session, index));
  if (problems == NULL && self->form_view == NULL)
    return;

  cb_page_build (self);
  if (problems == NULL)
    {
      form = cb_session_get_form (self->session, index);
      cb_form_view_set_form (CB_FORM_VIEW (self->form_view), form);
      cb_command_panel_set_form (CB_COMMAND_PANEL (self->panel), form);
    }
  cb_form_view_set_problems (CB_FORM_VIEW (self->form_view), problems);
}

/**
 * cb_page_build:
 *
 * Builds the page's form, rows of visible fields and command panel, once.
 */
void
cb_page_build (CbPage *self)
{
  CbFormStore *store;
  GtkWidget *view;
  CbForm *form;

  g_return_if_fail (CB_IS_PAGE (self));

  if (self->form_view != NULL)
    return;

  form = cb_session_get_form (self->session, self->index);
  store = cb_session_get_store (self->session, self->index);

  self->form_view = view = cb_form_view_new ();
  cb_form_view_set_form (CB_FORM_VIEW (view), form);
  cb_form_view_set_dropped (CB_FORM_VIEW (view), store ? cb_form_store_get_dropped (store) : NULL);
  cb_form_view_set_problems (CB_FORM_VIEW (view), cb_session_get_schema_problems (self->session, self->index));
  cb_form_view_set_offer (CB_FORM_VIEW (view), cb_session_get_offer (self->session, self->index));
  g_signal_connect_object (self->form_view, "take-offer", G_CALLBACK (on_take_offer), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->form_view, GTK_WIDGET (self));

  self->panel = cb_command_panel_new (form);
  gtk_widget_set_parent (self->panel, GTK_WIDGET (self));

  self->run_view = cb_run_view_new (self->session, self->index);
  cb_run_view_set_command_func (CB_RUN_VIEW (self->run_view), edited_command, self);
  gtk_box_append (GTK_BOX (cb_command_panel_get_run_box (CB_COMMAND_PANEL (self->panel))), self->run_view);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILT]);
}

/* Layout: side by side when wide, the panel below the form when narrow */

static int
panel_width (int width)
{
  return CLAMP (width * 2 / 5, 360, 560);
}

static void
cb_page_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  CbPage *self = CB_PAGE (widget);
  int panel_min = 0;

  if (self->form_view == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* The form scrolls, so only the panel sets a minimum. Measuring the
   * form here would lay out all its text once more for nothing: its rows
   * are measured when it is allocated.
   */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->panel, orientation, -1, &panel_min, NULL, NULL, NULL);
      *minimum = MAX (panel_min, 360);
      *natural = MAX (*minimum, CB_PAGE_WIDE_WIDTH + 180);
    }
  else
    {
      int width = for_size < 0 ? -1 : for_size >= CB_PAGE_WIDE_WIDTH ? panel_width (for_size) : for_size;

      gtk_widget_measure (self->panel, orientation, width, &panel_min, NULL, NULL, NULL);
      *minimum = for_size >= 0 && for_size < CB_PAGE_WIDE_WIDTH ? panel_min + 160 : panel_min;
      *natural = MAX (*minimum, 480);
    }
}

static void
cb_page_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  CbPage *self = CB_PAGE (widget);
  gboolean below = width < CB_PAGE_WIDE_WIDTH;

  if (self->form_view == NULL)
    return;

  if (below != self->below)
    {
      self->below = below;
      cb_command_panel_set_below (CB_COMMAND_PANEL (self->panel), below);
    }

  if (!below)
    {
      int pw = panel_width (width);

      gtk_widget_allocate (self->form_view, width - pw, height, -1, NULL);
      gtk_widget_allocate (self->panel, pw, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - pw, 0)));
    }
  else
    {
      int panel_min;
      int ph;

      gtk_widget_measure (self->panel, GTK_ORIENTATION_VERTICAL, width, &panel_min, NULL, NULL, NULL);
      ph = CLAMP (height * 9 / 20, panel_min, MAX (panel_min, height - 160));
      gtk_widget_allocate (self->form_view, width, height - ph, -1, NULL);
      gtk_widget_allocate (self->panel, width, ph, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, height - ph)));
    }
}

static void
cb_page_map (GtkWidget *widget)
{
  /* Shown for the first time: build now */
  cb_page_build (CB_PAGE (widget));

  GTK_WIDGET_CLASS (cb_page_parent_class)->map (widget);
}

static void
cb_page_dispose (GObject *object)
{
  CbPage *self = CB_PAGE (object);

  g_clear_pointer (&self->form_view, gtk_widget_unparent);
  g_clear_pointer (&self->panel, gtk_widget_unparent);
  self->run_view = NULL;
  g_clear_object (&self->schema);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cb_page_parent_class)->dispose (object);
}

static void
cb_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CbPage *self = CB_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUILT:
      g_value_set_boolean (value, cb_page_is_built (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_page_class_init (CbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_page_dispose;
  object_class->get_property = cb_page_get_property;
  widget_class->measure = cb_page_measure;
  widget_class->size_allocate = cb_page_size_allocate;
  widget_class->map = cb_page_map;

  /**
   * CbPage:built:
   *
   * Whether the page's form and panel are built: when it was first shown,
   * or asked for.
   */
  properties[PROP_BUILT] =
    g_param_spec_boolean ("built", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_page_init (CbPage *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/**
 * cb_page_new:
 * @session: a loaded session
 * @index: a schema file of @session whose schema can be used
 *
 * Returns: (transfer full): a page for that schema, not built yet
 */
GtkWidget *
cb_page_new (CbSession *session,
             guint      index)
{
  CbPage *self;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);
  g_return_val_if_fail (cb_session_get_schema (session, index) != NULL, NULL);

  self = g_object_new (CB_TYPE_PAGE, NULL);
  self->session = g_object_ref (session);
  self->index = index;
  self->schema = g_object_ref (cb_session_get_schema (session, index));
  g_signal_connect_object (session, "schema-changed", G_CALLBACK (on_schema_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "offer-changed", G_CALLBACK (on_offer_changed), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * cb_page_get_schema:
 *
 * Returns: (transfer none): the schema shown: the last one that could be
 *   used
 */
CbSchema *
cb_page_get_schema (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->schema;
}

gboolean
cb_page_is_built (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), FALSE);

  return self->form_view != NULL;
}

/**
 * cb_page_get_form:
 *
 * Returns: (transfer none) (nullable): the form shown, once the page is
 *   built
 */
CbForm *
cb_page_get_form (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_form (CB_FORM_VIEW (self->form_view)) : NULL;
}

/**
 * cb_page_get_store:
 *
 * Returns: (transfer none) (nullable): where the form keeps its values,
 *   once built
 */
CbFormStore *
cb_page_get_store (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_session_get_store (self->session, self->index) : NULL;
}

/**
 * cb_page_get_form_view:
 *
 * Returns: (transfer none) (nullable): the form view, once built
 */
GtkWidget *
cb_page_get_form_view (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view;
}

/**
 * cb_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row of field @index, or %NULL
 *   when it was never visible
 */
GtkWidget *
cb_page_get_row (CbPage *self,
                 guint   index)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_row (CB_FORM_VIEW (self->form_view), index) : NULL;
}

/**
 * cb_page_get_panel:
 *
 * Returns: (transfer none) (nullable): the command panel, once built
 */
GtkWidget *
cb_page_get_panel (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->panel;
}

/**
 * cb_page_get_setups:
 *
 * Returns: (transfer none) (nullable): the flow box of suggested setups,
 *   once built
 */
GtkWidget *
cb_page_get_setups (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_setups (CB_FORM_VIEW (self->form_view)) : NULL;
}

/**
 * cb_page_get_problems:
 *
 * Returns: (nullable): why the schema file on disk cannot be used, as
 *   shown above the form
 */
const char *
cb_page_get_problems (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_problems (CB_FORM_VIEW (self->form_view)) : NULL;
}

/**
 * cb_page_get_run_view:
 *
 * Returns: (transfer none) (nullable): the run controls, once built
 */
GtkWidget *
cb_page_get_run_view (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->run_view;
}

/**
 * cb_page_is_running:
 *
 * Returns: whether the page's command is running
 */
gboolean
cb_page_is_running (CbPage *self)
{
  CbRun *run;

  g_return_val_if_fail (CB_IS_PAGE (self), FALSE);

  run = cb_session_get_run (self->session, self->index);
  return run != NULL && cb_run_is_running (run);
}
