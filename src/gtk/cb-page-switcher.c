/* cb-page-switcher.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-page-switcher.h"

/**
 * CbPageSwitcher:
 *
 * The pages of a #GtkStack in the header bar: a row of buttons (a
 * #GtkStackSwitcher) where there is room for it, and otherwise one button
 * with the page shown that opens the list of pages. A window as narrow as
 * a phone's (360 pixels) has room for the second only, beside the
 * project and the menus.
 */
struct _CbPageSwitcher
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GListModel *pages;    /* the stack's: kept, as the stack only lends it */
  GtkWidget  *switcher;
  GtkWidget  *button;
  GtkWidget  *button_label;
  GtkWidget  *popover;
  GtkWidget  *list;
  gboolean    compact;
};

G_DEFINE_FINAL_TYPE (CbPageSwitcher, cb_page_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_button (CbPageSwitcher *self)
{
  GtkWidget *visible = self->stack ? gtk_stack_get_visible_child (self->stack) : NULL;
  const char *title = visible ? gtk_stack_page_get_title (gtk_stack_get_page (self->stack,
                                                                              visible)) : NULL;
  g_autofree char *name = NULL;

  if (self->button == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->button_label), title ? title : "");
  /* Translators: the button that opens the list of pages in a narrow
   * window; %s is the page shown */
  name = g_strdup_printf (_("Page: %s"), title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
}

static void
on_title_changed (CbPageSwitcher *self)
{
  update_button (self);
}

static void
on_pages_changed (CbPageSwitcher *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *pages)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (object);

      g_signal_connect_object (page, "notify::title", G_CALLBACK (on_title_changed), self,
                               G_CONNECT_SWAPPED);
    }
  update_button (self);
}

/* The list is made as it opens: the pages as they are then */
static void
fill_list (CbPageSwitcher *self)
{
  GListModel *pages = self->pages;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (object);
      GtkWidget *label;

      if (!gtk_stack_page_get_visible (page))
        continue;
      label = gtk_label_new (gtk_stack_page_get_title (page));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->list), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_stack_page_get_title (page), -1);
      g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (label)), "cb-page",
                              g_object_ref (gtk_stack_page_get_child (page)), g_object_unref);
      if (gtk_stack_page_get_child (page) == gtk_stack_get_visible_child (self->stack))
        gtk_list_box_select_row (GTK_LIST_BOX (self->list),
                                 GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)));
    }
}

static void
on_button_clicked (CbPageSwitcher *self)
{
  if (self->stack == NULL)
    return;

  fill_list (self);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_row_activated (CbPageSwitcher *self,
                  GtkListBoxRow  *row)
{
  GtkWidget *page = g_object_get_data (G_OBJECT (row), "cb-page");

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (page != NULL && gtk_widget_get_parent (page) == GTK_WIDGET (self->stack))
    gtk_stack_set_visible_child (self->stack, page);
}

static void
cb_page_switcher_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CbPageSwitcher *self = CB_PAGE_SWITCHER (widget);
  int switcher_min, switcher_nat, button_min, button_nat;

  gtk_widget_measure (self->switcher, orientation, -1, &switcher_min, &switcher_nat, NULL, NULL);
  gtk_widget_measure (self->button, orientation, -1, &button_min, &button_nat, NULL, NULL);

  /* As narrow as the button; as wide as the row of buttons wants */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = button_min;
      *natural = MAX (switcher_nat, button_nat);
    }
  else
    {
      *minimum = MAX (switcher_min, button_min);
      *natural = MAX (switcher_nat, button_nat);
    }
}

static void
cb_page_switcher_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CbPageSwitcher *self = CB_PAGE_SWITCHER (widget);
  int switcher_min;
  GtkWidget *shown;

  gtk_widget_measure (self->switcher, GTK_ORIENTATION_HORIZONTAL, -1, &switcher_min, NULL, NULL,
                      NULL);
  self->compact = width < switcher_min;
  shown = self->compact ? self->button : self->switcher;

  gtk_widget_set_child_visible (self->switcher, !self->compact);
  gtk_widget_set_child_visible (self->button, self->compact);
  if (self->compact)
    gtk_widget_measure (self->button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (shown, width, height, baseline, NULL);
}

static void
cb_page_switcher_dispose (GObject *object)
{
  CbPageSwitcher *self = CB_PAGE_SWITCHER (object);

  cb_page_switcher_set_stack (self, NULL);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->switcher, gtk_widget_unparent);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (cb_page_switcher_parent_class)->dispose (object);
}

static void
cb_page_switcher_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbPageSwitcher *self = CB_PAGE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_page_switcher_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CbPageSwitcher *self = CB_PAGE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      cb_page_switcher_set_stack (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_page_switcher_class_init (CbPageSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_page_switcher_dispose;
  object_class->get_property = cb_page_switcher_get_property;
  object_class->set_property = cb_page_switcher_set_property;
  widget_class->measure = cb_page_switcher_measure;
  widget_class->size_allocate = cb_page_switcher_size_allocate;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, GTK_TYPE_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cb-page-switcher");
}

static void
cb_page_switcher_init (CbPageSwitcher *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->switcher = gtk_stack_switcher_new ();
  gtk_widget_set_parent (self->switcher, GTK_WIDGET (self));

  /* The page's name, whole: the project's name is what gives way */
  self->button_label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (box), self->button_label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  self->button = gtk_button_new ();
  gtk_widget_set_name (self->button, "page-button");
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  gtk_widget_set_tooltip_text (self->button, _("Switch Page"));
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_child_visible (self->button, FALSE);
  g_signal_connect_object (self->button, "clicked", G_CALLBACK (on_button_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "cb-page-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pages"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), scroller);
  gtk_widget_set_parent (self->popover, self->button);
}

GtkWidget *
cb_page_switcher_new (void)
{
  return g_object_new (CB_TYPE_PAGE_SWITCHER, NULL);
}

/**
 * cb_page_switcher_set_stack:
 * @stack: (nullable): the stack whose pages to switch
 */
void
cb_page_switcher_set_stack (CbPageSwitcher *self,
                            GtkStack       *stack)
{
  g_return_if_fail (CB_IS_PAGE_SWITCHER (self));
  g_return_if_fail (stack == NULL || GTK_IS_STACK (stack));

  if (self->stack == stack)
    return;

  if (self->stack != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stack, self);
      g_signal_handlers_disconnect_by_data (self->pages, self);
      for (guint i = 0; i < g_list_model_get_n_items (self->pages); i++)
        {
          g_autoptr(GObject) object = g_list_model_get_item (self->pages, i);

          g_signal_handlers_disconnect_by_data (object, self);
        }
      g_clear_object (&self->pages);
    }
  g_set_object (&self->stack, stack);
  if (self->switcher != NULL)
    gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (self->switcher), stack);

  if (stack != NULL)
    {
      self->pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
      g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (update_button), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pages, "items-changed", G_CALLBACK (on_pages_changed), self,
                               G_CONNECT_SWAPPED);
      on_pages_changed (self, 0, 0, g_list_model_get_n_items (self->pages), self->pages);
    }
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

/**
 * cb_page_switcher_get_compact:
 *
 * Returns: whether the switcher is one button, for lack of room
 */
gboolean
cb_page_switcher_get_compact (CbPageSwitcher *self)
{
  g_return_val_if_fail (CB_IS_PAGE_SWITCHER (self), FALSE);
  return self->compact;
}

/**
 * cb_page_switcher_get_button:
 *
 * Returns: (transfer none): the button that lists the pages when compact
 */
GtkWidget *
cb_page_switcher_get_button (CbPageSwitcher *self)
{
  g_return_val_if_fail (CB_IS_PAGE_SWITCHER (self), NULL);
  return self->button;
}
