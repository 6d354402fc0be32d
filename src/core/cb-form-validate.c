/* cb-form-validate.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cb-form-private.h"
#include "cb-override.h"
#include "cb-option.h"
#include "cb-sweep.h"

/* The validation messages of one field: the rules of its schema, then the
 * checks against the architecture and optimizer entries. Each concern has
 * its own function; they add full sentences that name the field by its
 * label.
 */

static void
add_message (GPtrArray         *messages,
             CbFormMessageKind  kind,
             CbField           *field,
             char              *text)
{
  g_ptr_array_add (messages, cb_form_message_new (kind, field->index, text));
  g_free (text);
}

static char *
format_number (CbField *f,
               double   d)
{
  if (f->integer && d == floor (d))
    return g_strdup_printf ("%.0f", d);
  return cb_override_print_double (d);
}

/* A field over a `paths:` source that has no file at all, scanned: the
 * user needs to know why there is nothing to pick, such as a checkpoint
 * before the first training run
 */
static gboolean
no_paths_yet (CbForm  *self,
              CbField *f)
{
  GListModel *model;

  if (!_cb_form_over_paths (self, f) || cb_project_source_is_loading (self->project, f->options_source))
    return FALSE;

  model = cb_project_get_source (self->project, f->options_source);
  return model != NULL && g_list_model_get_n_items (model) == 0;
}

/* A value that is not one of the options, with the message that says so:
 * for a checkpoint, a file that does not exist, unless the first scan has
 * not listed it yet
 */
static gboolean
option_missing (CbForm       *self,
                CbFieldState *s,
                const char   *value,
                GPtrArray    *messages)
{
  CbField *f = s->field;

  if (s->all_options == NULL || cb_options_find (s->all_options, value) >= 0)
    return FALSE;

  if (!_cb_form_over_paths (self, f))
    add_message (messages, CB_FORM_MESSAGE_NOT_AN_OPTION, f,
                 g_strdup_printf (_("“%s” is not one of the options of %s."), value, f->label));
  else if (!cb_project_source_is_loading (self->project, f->options_source))
    add_message (messages, CB_FORM_MESSAGE_MISSING_FILE, f,
                 g_strdup_printf (_("%s: the file “%s” does not exist."), f->label, value));
  return TRUE;
}

/* An empty value: a message when the field is required */
static void
validate_required (CbForm    *self,
                   guint      index,
                   GPtrArray *messages)
{
  CbField *f = self->states[index].field;
  CbFormScope scope = { self, index };
  gboolean required = f->required;

  if (!required && f->required_if != NULL)
    required = cb_expr_evaluate_bool (f->required_if, _cb_form_scope_lookup, &scope);
  if (!required)
    return;

  if (no_paths_yet (self, f))
    {
      const char * const *paths = cb_project_get_source_paths (self->project, f->options_source);
      g_autofree char *globs = g_strjoinv (", ", (char **)paths);

      /* Translators: the second %s lists patterns, such as outputs/ * /checkpoints/ *.ckpt */
      add_message (messages, CB_FORM_MESSAGE_NO_FILE_YET, f,
                   g_strdup_printf (_("%s is required, and no file matches %s yet."), f->label, globs));
    }
  else
    add_message (messages, CB_FORM_MESSAGE_REQUIRED, f, g_strdup_printf (_("%s is required."), f->label));
}

/* A text: its length and pattern */
static void
validate_text (CbField    *f,
               const char *text,
               GPtrArray  *messages)
{
  glong length = g_utf8_strlen (text, -1);

  if (f->min_length >= 0 && length < f->min_length)
    add_message (messages, CB_FORM_MESSAGE_LENGTH, f,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s must be at least %d character long.",
                                               "%s must be at least %d characters long.",
                                               f->min_length),
                                  f->label, (int)f->min_length));
  if (f->max_length >= 0 && length > f->max_length)
    add_message (messages, CB_FORM_MESSAGE_LENGTH, f,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s must be at most %d character long.",
                                               "%s must be at most %d characters long.",
                                               f->max_length),
                                  f->label, (int)f->max_length));
  if (f->pattern != NULL && !g_regex_match (f->pattern, text, 0, NULL))
    add_message (messages, CB_FORM_MESSAGE_PATTERN, f,
                 g_strdup_printf (_("%s does not have the expected form."), f->label));
}

/* How many values a list field holds */
static void
validate_list_length (CbField   *f,
                      gsize      n,
                      GPtrArray *messages)
{
  if (f->min_length >= 0 && (gint64)n < f->min_length)
    add_message (messages, CB_FORM_MESSAGE_LENGTH, f,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s takes at least %d value.",
                                               "%s takes at least %d values.",
                                               f->min_length),
                                  f->label, (int)f->min_length));
  if (f->max_length >= 0 && (gint64)n > f->max_length)
    add_message (messages, CB_FORM_MESSAGE_LENGTH, f,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s takes at most %d value.",
                                               "%s takes at most %d values.",
                                               f->max_length),
                                  f->label, (int)f->max_length));
}

/* The items of a multiselect or a list: how many, each one an option,
 * and, for a list, each one a text that follows the text rules
 */
static void
validate_items (CbForm       *self,
                CbFieldState *s,
                GVariant     *value,
                GPtrArray    *messages)
{
  CbField *f = s->field;
  gsize n = g_variant_n_children (value);
  gboolean min_max_done = FALSE;

  if (f->type == CB_FIELD_LIST)
    {
      validate_list_length (f, n, messages);
      min_max_done = TRUE;
    }
  if (!min_max_done && f->min_length >= 0 && (gint64)n < f->min_length)
    add_message (messages, CB_FORM_MESSAGE_LENGTH, f,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Choose at least %d item for %s.",
                                               "Choose at least %d items for %s.",
                                               f->min_length),
                                  (int)f->min_length, f->label));
  if (!min_max_done && f->max_length >= 0 && (gint64)n > f->max_length)
    add_message (messages, CB_FORM_MESSAGE_LENGTH, f,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Choose at most %d item for %s.",
                                               "Choose at most %d items for %s.",
                                               f->max_length),
                                  (int)f->max_length, f->label));
  for (gsize i = 0; i < n; i++)
    {
      const char *item;

      g_variant_get_child (value, i, "&s", &item);
      option_missing (self, s, item, messages);
      if (f->type == CB_FIELD_LIST && f->pattern != NULL && !g_regex_match (f->pattern, item, 0, NULL))
        add_message (messages, CB_FORM_MESSAGE_PATTERN, f,
                     g_strdup_printf (_("%s: “%s” does not have the expected form."), f->label, item));
    }
}

/* Whether a glob of a select matches one of its options, as Hydra's
 * glob() does: fnmatch-style patterns
 */
static gboolean
sweep_glob_matches (CbFieldState *s,
                    GVariant     *patterns)
{
  gsize n = g_variant_n_children (patterns);
  guint n_options = s->options ? g_list_model_get_n_items (s->options) : 0;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (patterns, i);
      g_autoptr(GVariant) pattern = g_variant_get_variant (boxed);
      g_autoptr(GPatternSpec) spec = g_pattern_spec_new (g_variant_get_string (pattern, NULL));

      for (guint k = 0; k < n_options; k++)
        {
          g_autoptr(CbOption) option = g_list_model_get_item (s->options, k);

          if (g_pattern_spec_match_string (spec, cb_option_get_value (option)))
            return TRUE;
        }
    }

  return FALSE;
}

/* A number outside the field's own bounds: `validation` min and max, and
 * min_value and max_value, the narrower of each
 */
static gboolean
validate_bounds (CbField   *f,
                 double     d,
                 GPtrArray *messages)
{
  gboolean has_min = f->has_min || f->has_min_value;
  gboolean has_max = f->has_max || f->has_max_value;
  double min = f->has_min ? f->min : f->min_value;
  double max = f->has_max ? f->max : f->max_value;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (f->has_min && f->has_min_value)
    min = MAX (f->min, f->min_value);
  if (f->has_max && f->has_max_value)
    max = MIN (f->max, f->max_value);

  if (!((has_min && d < min) || (has_max && d > max) || isnan (d)))
    return FALSE;

  lo = format_number (f, min);
  hi = format_number (f, max);
  if (has_min && has_max)
    add_message (messages, CB_FORM_MESSAGE_OUT_OF_RANGE, f,
                 g_strdup_printf (_("%s must be between %s and %s."), f->label, lo, hi));
  else if (has_min)
    add_message (messages, CB_FORM_MESSAGE_OUT_OF_RANGE, f,
                 g_strdup_printf (_("%s must be at least %s."), f->label, lo));
  else
    add_message (messages, CB_FORM_MESSAGE_OUT_OF_RANGE, f,
                 g_strdup_printf (_("%s must be at most %s."), f->label, hi));
  return TRUE;
}

/* A number outside the `min`..`max` of its optimizer's metadata */
static void
validate_optimizer_range (CbForm    *self,
                          guint      index,
                          double     d,
                          GVariant  *optimizer,
                          GPtrArray *messages)
{
  CbField *f = self->states[index].field;
  CbFormScope scope = { self, index };
  g_autofree char *min_path = g_strconcat (f->optimizer_metadata_key, ".min", NULL);
  g_autofree char *max_path = g_strconcat (f->optimizer_metadata_key, ".max", NULL);
  g_autoptr(GVariant) omin = cb_variant_lookup_path (optimizer, min_path);
  g_autoptr(GVariant) omax = cb_variant_lookup_path (optimizer, max_path);
  double lo = omin ? _cb_form_number_of (omin) : NAN;
  double hi = omax ? _cb_form_number_of (omax) : NAN;
  g_autofree char *lo_text = NULL;
  g_autofree char *hi_text = NULL;
  const char *name = NULL;

  if (!((!isnan (lo) && d < lo) || (!isnan (hi) && d > hi)))
    return;

  lo_text = isnan (lo) ? g_strdup ("−∞") : format_number (f, lo);
  hi_text = isnan (hi) ? g_strdup ("∞") : format_number (f, hi);
  if (_cb_form_lookup_state (self, f->optimizer_key) != NULL)
    name = _cb_form_string_of (_cb_form_scope_lookup (f->optimizer_key, &scope));
  if (name == NULL)
    name = f->optimizer_fallback ? f->optimizer_fallback : "?";

  add_message (messages, CB_FORM_MESSAGE_OUT_OF_RANGE, f,
               g_strdup_printf (_("%s must be between %s and %s for the optimizer “%s”."),
                                f->label, lo_text, hi_text, name));
}

/* A select's value outside the architecture's list: an error for a list
 * of what is compatible, a warning for one of what is recommended
 */
static void
validate_architecture_filter (CbForm     *self,
                              guint       index,
                              const char *value,
                              GVariant   *arch,
                              GPtrArray  *messages)
{
  CbField *f = self->states[index].field;
  CbFormScope scope = { self, index };
  g_autoptr(GVariant) list = cb_variant_lookup_path (arch, f->filter_by_architecture_key);
  g_autoptr(GPtrArray) filter = _cb_form_string_list (list);
  const char *arch_name = _cb_form_string_of (_cb_form_scope_lookup (f->architecture_key, &scope));

  if (filter == NULL || filter->len == 0 || _cb_form_strings_contain (filter, value))
    return;

  if (cb_metadata_list_kind_for_key (f->filter_by_architecture_key) == CB_METADATA_LIST_RECOMMENDED)
    add_message (messages, CB_FORM_MESSAGE_NOT_RECOMMENDED, f,
                 g_strdup_printf (_("%s “%s” is not recommended for the architecture “%s”."),
                                  f->label, value, arch_name ? arch_name : "?"));
  else
    add_message (messages, CB_FORM_MESSAGE_INCOMPATIBLE, f,
                 g_strdup_printf (_("%s “%s” is not compatible with the architecture “%s”."),
                                  f->label, value, arch_name ? arch_name : "?"));
}

/* What is wrong with one value of the field @index: its value, or one
 * value of its sweep
 */
static void
validate_value (CbForm    *self,
                guint      index,
                GVariant  *v,
                GVariant  *arch,
                GVariant  *optimizer,
                GPtrArray *messages)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;

  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    validate_text (f, g_variant_get_string (v, NULL), messages);

  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING_ARRAY))
    validate_items (self, s, v, messages);

  if (f->type == CB_FIELD_NUMBER || f->type == CB_FIELD_SLIDER)
    {
      double d = _cb_form_number_of (v);

      if (!validate_bounds (f, d, messages) && f->optimizer_metadata_key != NULL && optimizer != NULL)
        validate_optimizer_range (self, index, d, optimizer, messages);
    }

  if (f->type == CB_FIELD_SELECT)
    {
      const char *value = _cb_form_string_of (v);

      if (option_missing (self, s, value, messages))
        return;
      if (f->filter_by_architecture_key != NULL && arch != NULL)
        validate_architecture_filter (self, index, value, arch, messages);
    }
}

/* The first and last value of a range, or FALSE when it has none */
static gboolean
range_ends (GVariant *items,
            double   *first,
            double   *last)
{
  g_autoptr(GVariant) a = g_variant_get_child_value (items, 0);
  g_autoptr(GVariant) b = g_variant_get_child_value (items, 1);
  g_autoptr(GVariant) c = g_variant_get_child_value (items, 2);
  g_autoptr(GVariant) start = g_variant_get_variant (a);
  g_autoptr(GVariant) stop = g_variant_get_variant (b);
  g_autoptr(GVariant) step = g_variant_get_variant (c);
  double from = _cb_form_number_of (start), to = _cb_form_number_of (stop);
  double by = _cb_form_number_of (step);
  double n;

  /* Hydra's range stops before its stop, as Python's does */
  if (by == 0 || isnan (from) || isnan (to) || isnan (by))
    return FALSE;
  n = ceil ((to - from) / by);
  if (n < 1)
    return FALSE;

  *first = from;
  *last = from + (n - 1) * by;
  return TRUE;
}

static gboolean
same_message (gconstpointer a,
              gconstpointer b)
{
  return cb_form_message_equal (a, b);
}

/* Each value of a sweep, each message once; a range that has no value, a
 * glob that matches no option
 */
static void
validate_sweep (CbForm    *self,
                guint      index,
                GVariant  *arch,
                GVariant  *optimizer,
                GPtrArray *messages)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  g_autoptr(GVariant) items = cb_sweep_get_items (s->value);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_form_message_free);
  gsize n = g_variant_n_children (items);
  double first, last;

  switch (cb_sweep_get_kind (s->value))
    {
    case CB_SWEEP_RANGE:
      if (!range_ends (items, &first, &last))
        {
          add_message (messages, CB_FORM_MESSAGE_OUT_OF_RANGE, f,
                       g_strdup_printf (_("The range of %s has no value: its step must go from its "
                                          "start towards its stop."), f->label));
          return;
        }
      for (guint k = 0; k < 2; k++)
        {
          g_autoptr(GVariant) end = f->integer ? g_variant_new_int64 ((gint64)(k ? last : first))
                                               : g_variant_new_double (k ? last : first);

          validate_value (self, index, g_variant_ref_sink (end), arch, optimizer, found);
        }
      break;

    case CB_SWEEP_GLOB:
      if (!sweep_glob_matches (s, items))
        add_message (messages, CB_FORM_MESSAGE_NOT_AN_OPTION, f,
                     g_strdup_printf (_("The patterns of %s match none of its options."), f->label));
      return;

    case CB_SWEEP_LIST:
    default:
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (items, i);
          g_autoptr(GVariant) item = g_variant_get_variant (boxed);

          validate_value (self, index, item, arch, optimizer, found);
        }
      break;
    }

  for (guint i = 0; i < found->len; i++)
    if (!g_ptr_array_find_with_equal_func (messages, g_ptr_array_index (found, i), same_message, NULL))
      g_ptr_array_add (messages, cb_form_message_copy (g_ptr_array_index (found, i)));
}

/* Text the user typed that is not a value of the field's type */
static void
validate_text_typed (CbField    *f,
                     const char *text,
                     GPtrArray  *messages)
{
  gboolean number = f->type == CB_FIELD_NUMBER || f->type == CB_FIELD_SLIDER;
  char *message;

  /* Translators: a field's label, and what the user typed into it. Written
   * so that no word depends on the sound of the label or of the text.
   */
  if (number && text[0] == '\0')
    message = g_strdup_printf (f->integer ? _("%s takes a whole number.") : _("%s takes a number."),
                               f->label);
  else if (number)
    message = g_strdup_printf (f->integer ? _("%s takes a whole number, not “%s”.")
                                          : _("%s takes a number, not “%s”."), f->label, text);
  else
    message = g_strdup_printf (_("%s cannot take “%s”."), f->label, text);

  add_message (messages, CB_FORM_MESSAGE_NOT_A_VALUE, f, message);
}

/* Adds to @messages what is wrong with the value of the field @index; a
 * hidden field has nothing wrong
 */
void
_cb_form_validate (CbForm    *self,
                   guint      index,
                   GVariant  *arch,
                   GVariant  *optimizer,
                   GPtrArray *messages)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  GVariant *v = s->value;

  if (!s->visible || !cb_field_has_value (f))
    return;

  if (s->text != NULL)
    {
      validate_text_typed (f, s->text, messages);
      return;
    }

  if (cb_value_is_empty (v))
    {
      validate_required (self, index, messages);
      return;
    }

  if (cb_value_is_sweep (v))
    validate_sweep (self, index, arch, optimizer, messages);
  else
    validate_value (self, index, v, arch, optimizer, messages);
}
