/* cb-field-row-number.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-field-row-private.h"
#include "cb-number-format.h"

/* The widgets of a number and of a slider: a spin button, or a slider
 * beside one */

static int
digits_for (CbField *field,
            double   step)
{
  const char *dot;

  if (field->integer)
    return 0;
  /* A fixed-point format says how many decimals the entry shows */
  if (field->format != NULL && strpbrk (field->format, "fF") != NULL &&
      (dot = strchr (field->format, '.')) != NULL && g_ascii_isdigit (dot[1]))
    return CLAMP (atoi (dot + 1), 0, 12);
  if (step > 0)
    return CLAMP ((int)ceil (-log10 (step) - 1e-9), 0, 12);
  return 4;
}

/* The nearest double to the value rounded to the step's decimals, so that
 * a slider at 0.0003 writes 0.0003, not 0.00030000000000000003.
 */
static double
round_to_step (double value,
               double step)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (step > 0)
    g_snprintf (format, sizeof format, "%%.%df", CLAMP ((int)ceil (-log10 (step) - 1e-9), 0, 15));
  else
    g_strlcpy (format, "%.6g", sizeof format);

  g_ascii_formatd (buf, sizeof buf, format, value);
  return g_ascii_strtod (buf, NULL);
}

static void
on_adjustment_changed (CbFieldRow    *self,
                       GtkAdjustment *adjustment)
{
  double v = gtk_adjustment_get_value (adjustment);

  if (self->field->integer)
    _cb_field_row_set_value (self, g_variant_new_int64 ((gint64)llround (v)));
  else
    _cb_field_row_set_value (self, g_variant_new_double (round_to_step (v, gtk_adjustment_get_step_increment (adjustment))));
}

static double
number_of (GVariant *value)
{
  return g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ? (double)g_variant_get_int64 (value)
                                                            : g_variant_get_double (value);
}

static gboolean
in_range (CbFieldRow *self,
          double      d)
{
  return d >= gtk_adjustment_get_lower (self->adjustment) &&
         d <= gtk_adjustment_get_upper (self->adjustment);
}

/* What the number's entry shows: what the user typed that is no number,
 * a value outside the bounds as it is, or else the adjustment's value
 */
static char *
number_text (CbFieldRow *self)
{
  const char *typed = cb_form_get_text (self->form, self->index);
  GVariant *value = cb_form_get_value (self->form, self->index);
  double v = gtk_adjustment_get_value (self->adjustment);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];

  if (typed != NULL)
    return g_strdup (typed);
  if (value != NULL && !in_range (self, number_of (value)))
    return cb_field_value_to_text (self->field, value);
  if (self->field->format != NULL)
    return cb_number_format_print (self->field->format, v);

  /* As typed numbers are read: with a dot, whatever the locale */
  g_snprintf (format, sizeof format, "%%.%df", self->digits);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, v));
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                CbFieldRow    *self)
{
  g_autofree char *text = number_text (self);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The text of the entry, on Enter, Tab or a spin: a number goes to the
 * form, even outside the bounds (the form says so, and the entry keeps
 * it); anything else stays as typed, and the form says it is no number.
 * GTK_INPUT_ERROR keeps the spin button's value, and its output (above)
 * shows the form's.
 */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               CbFieldRow    *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  g_autoptr(GVariant) value = NULL;

  if (self->updating)
    return FALSE;

  value = cb_field_parse_value (self->field, text, NULL);
  if (value == NULL)
    {
      cb_form_set_text (self->form, self->field->key, text);
      return GTK_INPUT_ERROR;
    }

  cb_form_set_value (self->form, self->field->key, value);
  if (!in_range (self, number_of (value)))
    return GTK_INPUT_ERROR;

  *new_value = number_of (value);
  return TRUE;
}

/* A wheel over a number scrolls the form, as over any other row, unless
 * the number has the focus (it was clicked, or tabbed to): scrolling a
 * page never changes its values. The scroll goes to the form's scrolled
 * window the way GtkScrolledWindow scrolls.
 */
static gboolean
on_number_scroll (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  CbFieldRow               *self)
{
  GtkWidget *scroller;
  GtkAdjustment *vadjustment;
  double step = 1;

  if (gtk_widget_get_state_flags (self->number) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return FALSE;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return TRUE;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (vadjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + dy * step);
  return TRUE;
}

static void
watch_scroll (CbFieldRow *self)
{
  GtkEventController *scroll;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  /* Before the slider's and the spin button's own */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_number_scroll), self);
  gtk_widget_add_controller (self->number, scroll);
}

GtkWidget *
_cb_field_row_build_number (CbFieldRow *self)
{
  double min, max, step;

  cb_form_get_range (self->form, self->index, &min, &max, &step);
  min = MAX (min, -1e12);
  max = MIN (max, 1e12);
  self->digits = digits_for (self->field, step);
  if (step <= 0)
    step = self->field->integer ? 1 : pow (10, -MIN (self->digits, 6));

  /* The form hears of a new value before the spin button shows it */
  self->adjustment = gtk_adjustment_new (min, min, max, step, step * 10, 0);
  g_signal_connect_swapped (self->adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_changed), self);
  self->spin = gtk_spin_button_new (self->adjustment, step, self->digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (self->spin), GTK_UPDATE_IF_VALID);
  g_signal_connect (self->spin, "output", G_CALLBACK (on_spin_output), self);
  g_signal_connect (self->spin, "input", G_CALLBACK (on_spin_input), self);

  if (self->field->type == CB_FIELD_NUMBER)
    {
      self->input = self->number = self->spin;
      watch_scroll (self);
      return self->spin;
    }

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
    GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment);

    gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
    gtk_range_set_round_digits (GTK_RANGE (scale), self->digits);
    gtk_widget_set_hexpand (scale, TRUE);
    gtk_widget_set_size_request (scale, 100, -1);
    gtk_widget_set_size_request (self->spin, 112, -1);
    gtk_box_append (GTK_BOX (box), scale);
    gtk_box_append (GTK_BOX (box), self->spin);
    self->input = scale;
    self->number = box;
    watch_scroll (self);

    /* The scale and the typed entry both need the label */
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->spin),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
    return box;
  }
}

/* The slider's entry says what it takes: its bounds */
static char *
bound_text (CbFieldRow *self,
            double      bound)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->field->format != NULL)
    return cb_number_format_print (self->field->format, bound);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", bound));
}

void
_cb_field_row_describe_spin (CbFieldRow *self)
{
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *text = NULL;

  if (self->field->type != CB_FIELD_SLIDER)
    return;

  lower = bound_text (self, gtk_adjustment_get_lower (self->adjustment));
  upper = bound_text (self, gtk_adjustment_get_upper (self->adjustment));
  /* Translators: the description, for screen readers, of the entry beside a
   * slider: the lowest and the highest number it takes
   */
  text = g_strdup_printf (_("Type a number from %s to %s"), lower, upper);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
_cb_field_row_update_range (CbFieldRow *self)
{
  double min, max, step;

  if (self->adjustment == NULL)
    return;

  cb_form_get_range (self->form, self->index, &min, &max, &step);
  min = MAX (min, -1e12);
  max = MIN (max, 1e12);
  if (step <= 0)
    step = self->field->integer ? 1 : pow (10, -MIN (self->digits, 6));
  self->digits = digits_for (self->field, step);

  self->updating = TRUE;
  gtk_adjustment_configure (self->adjustment, gtk_adjustment_get_value (self->adjustment),
                            min, max, step, step * 10, 0);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->spin), self->digits);
  self->updating = FALSE;
  _cb_field_row_describe_spin (self);
}

/* Shows @value of a number or slider field. Out-of-range values, and
 * text that is no number, stay visible in the entry and get an error. */
void
_cb_field_row_show_number (CbFieldRow *self,
                           GVariant   *value)
{
  if (value != NULL && in_range (self, number_of (value)) &&
      gtk_adjustment_get_value (self->adjustment) != number_of (value))
    gtk_adjustment_set_value (self->adjustment, number_of (value));
  else
    on_spin_output (GTK_SPIN_BUTTON (self->spin), self);
}
