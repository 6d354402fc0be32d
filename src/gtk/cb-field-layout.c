/* cb-field-layout.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-field-layout.h"

/**
 * CbFieldLayout:
 *
 * The top of a field's row: its label and help (the first child) and the
 * widget that takes its value (the second, if any). With room, they sit
 * side by side, the widget at its width (#CbFieldLayout:input-width, or
 * more when it needs more) and the text in the rest; without room for
 * both (a phone's width, or a form squeezed beside the command), the
 * widget goes under the text and takes the whole width, as GNOME's
 * adaptive forms do. So a row is never wider than the form.
 */
struct _CbFieldLayout
{
  GtkLayoutManager parent_instance;

  int              input_width;
  gboolean         stacked;  /* as last allocated */
};

G_DEFINE_FINAL_TYPE (CbFieldLayout, cb_field_layout, GTK_TYPE_LAYOUT_MANAGER)

/* Between the text and the widget, side by side and stacked */
#define SPACING_BESIDE 18
#define SPACING_UNDER 6
/* Beside the widget, the text keeps at least this width (or its own,
 * when it is shorter): narrower, a label wraps every word or two */
#define TEXT_MIN_WIDTH 140

static void
get_children (GtkWidget  *widget,
              GtkWidget **text,
              GtkWidget **input)
{
  *text = gtk_widget_get_first_child (widget);
  *input = *text ? gtk_widget_get_next_sibling (*text) : NULL;
  if (*text != NULL && !gtk_widget_should_layout (*text))
    *text = NULL;
  if (*input != NULL && !gtk_widget_should_layout (*input))
    *input = NULL;
}

static void
measure_width (GtkWidget *child,
               int       *minimum,
               int       *natural)
{
  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, minimum, natural, NULL, NULL);
}

static int
measure_height (GtkWidget *child,
                int        width,
                gboolean   natural)
{
  int min = 0, nat = 0;

  if (child != NULL)
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return natural ? nat : min;
}

/* The width the widget wants beside the text */
static int
wanted_input_width (CbFieldLayout *self,
                    GtkWidget     *input)
{
  int min, nat;

  measure_width (input, &min, &nat);
  return MAX (nat, self->input_width);
}

/* Whether, in @width, the widget goes under the text; if not, the widths
 * of both side by side */
static gboolean
split (CbFieldLayout *self,
       GtkWidget     *text,
       GtkWidget     *input,
       int            width,
       int           *text_width,
       int           *input_width)
{
  int text_min, text_nat, keep;

  if (input == NULL)
    {
      *text_width = width;
      *input_width = 0;
      return FALSE;
    }

  measure_width (text, &text_min, &text_nat);
  keep = MAX (text_min, MIN (text_nat, TEXT_MIN_WIDTH));
  *input_width = wanted_input_width (self, input);
  *text_width = width - SPACING_BESIDE - *input_width;
  if (*text_width >= keep)
    return FALSE;

  *text_width = *input_width = width;
  return TRUE;
}

static GtkSizeRequestMode
cb_field_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cb_field_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  CbFieldLayout *self = CB_FIELD_LAYOUT (manager);
  GtkWidget *text, *input;

  get_children (widget, &text, &input);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int text_min, text_nat, input_min, input_nat;

      measure_width (text, &text_min, &text_nat);
      measure_width (input, &input_min, &input_nat);
      /* At its narrowest, the widget is under the text */
      *minimum = MAX (text_min, input_min);
      *natural = input == NULL ? text_nat
                               : text_nat + SPACING_BESIDE + wanted_input_width (self, input);
    }
  else
    {
      int text_width, input_width;
      gboolean stacked = for_size < 0 ||
                         split (self, text, input, for_size, &text_width, &input_width);

      if (for_size < 0)
        text_width = input_width = -1;
      for (int i = 0; i < 2; i++)
        {
          int text_height = measure_height (text, text_width, i);
          int input_height = measure_height (input, input_width, i);
          int height = !stacked ? MAX (text_height, input_height)
                     : input == NULL ? text_height
                     : text_height + SPACING_UNDER + input_height;

          *(i == 0 ? minimum : natural) = height;
        }
    }
}

static void
cb_field_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  CbFieldLayout *self = CB_FIELD_LAYOUT (manager);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *text, *input;
  int text_width, input_width;

  get_children (widget, &text, &input);
  self->stacked = split (self, text, input, width, &text_width, &input_width);

  if (self->stacked)
    {
      int text_height = MIN (measure_height (text, width, FALSE), height);

      if (text != NULL)
        gtk_widget_size_allocate (text, &(GtkAllocation) { 0, 0, width, text_height }, -1);
      if (input != NULL)
        gtk_widget_size_allocate (input,
                                  &(GtkAllocation) { 0, text_height + SPACING_UNDER, width,
                                                     MAX (height - text_height - SPACING_UNDER, 0) },
                                  -1);
      return;
    }

  if (text != NULL)
    gtk_widget_size_allocate (text,
                              &(GtkAllocation) { rtl ? width - text_width : 0, 0, text_width, height },
                              -1);
  if (input != NULL)
    gtk_widget_size_allocate (input,
                              &(GtkAllocation) { rtl ? 0 : width - input_width, 0, input_width, height },
                              -1);
}

static void
cb_field_layout_class_init (CbFieldLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = cb_field_layout_get_request_mode;
  layout_class->measure = cb_field_layout_measure;
  layout_class->allocate = cb_field_layout_allocate;
}

static void
cb_field_layout_init (CbFieldLayout *self)
{
}

/**
 * cb_field_layout_new:
 * @input_width: the width the widget takes beside the text, at least
 *
 * Returns: (transfer full): a layout for the top of a field's row
 */
GtkLayoutManager *
cb_field_layout_new (int input_width)
{
  CbFieldLayout *self = g_object_new (CB_TYPE_FIELD_LAYOUT, NULL);

  self->input_width = input_width;
  return GTK_LAYOUT_MANAGER (self);
}

int
cb_field_layout_get_input_width (CbFieldLayout *self)
{
  g_return_val_if_fail (CB_IS_FIELD_LAYOUT (self), 0);

  return self->input_width;
}

void
cb_field_layout_set_input_width (CbFieldLayout *self,
                                 int            input_width)
{
  g_return_if_fail (CB_IS_FIELD_LAYOUT (self));

  if (self->input_width == input_width)
    return;
  self->input_width = input_width;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

/**
 * cb_field_layout_get_stacked:
 *
 * Returns: whether, as last laid out, the widget is under the text
 */
gboolean
cb_field_layout_get_stacked (CbFieldLayout *self)
{
  g_return_val_if_fail (CB_IS_FIELD_LAYOUT (self), FALSE);

  return self->stacked;
}
