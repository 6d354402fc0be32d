/* cb-form-command.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-form-private.h"
#include "cb-override.h"
#include "cb-shell-quote.h"
#include "cb-sweep.h"

/* The command of a form: each field's overrides as it is resolved, and the
 * whole command (constant overrides, the fields', the extra ones; argv;
 * its display form) built on demand and kept until a field's overrides
 * change.
 */

/* The value of a text field with its suffix parts appended, or NULL when
 * it has no suffix that applies now
 */
static char *
suffixed_text (CbForm *self,
               guint   index)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  CbFormScope scope = { self, index };
  GString *value;

  /* A sweep or an empty text takes no suffix */
  if (f->suffix_parts == NULL || cb_value_is_empty (s->value) || _cb_form_string_of (s->value) == NULL)
    return NULL;
  if (f->suffix_when != NULL && !cb_expr_evaluate_bool (f->suffix_when, _cb_form_scope_lookup, &scope))
    return NULL;

  value = g_string_new (_cb_form_string_of (s->value));
  for (guint i = 0; f->suffix_parts[i] != NULL; i++)
    {
      CbFieldState *part_state = _cb_form_lookup_state (self, f->suffix_parts[i]);
      GVariant *part = _cb_form_scope_lookup (f->suffix_parts[i], &scope);
      g_autofree char *part_text = NULL;

      /* A hidden part adds nothing, above or below the field: while
       * resuming, the model comes from the checkpoint, not from the
       * hidden fields, and the name is the one the user typed
       */
      if (part_state == NULL || !part_state->visible || cb_value_is_empty (part) ||
          cb_value_is_sweep (part))
        continue;
      part_text = cb_override_print_value (part);
      g_string_append (value, f->suffix_separator);
      g_string_append (value, part_text);
    }

  return g_string_free (value, FALSE);
}

/* Whether the field writes its value even when it is the default: its
 * own `emit_defaults`, or else the schema's; yes without either
 */
static gboolean
emits_default (CbForm *self,
               guint   index)
{
  CbFormScope scope = { self, index };
  CbExpr *expr = self->states[index].field->emit_defaults;

  if (expr == NULL)
    expr = cb_schema_get_emit_defaults (self->schema);

  return expr == NULL || cb_expr_evaluate_bool (expr, _cb_form_scope_lookup, &scope);
}

/* Whether a visible field gives its overrides now: its `emit_if` holds,
 * and its value is not a default left to the config. The default compared
 * is the schema's `default`, the value the config holds: one that metadata
 * gives (an architecture's optimizer) is the form's choice, which the
 * config does not know
 */
static gboolean
emits (CbForm *self,
       guint   index)
{
  CbFieldState *s = &self->states[index];
  CbFormScope scope = { self, index };

  if (!s->visible)
    return FALSE;
  if (s->field->emit_if != NULL &&
      !cb_expr_evaluate_bool (s->field->emit_if, _cb_form_scope_lookup, &scope))
    return FALSE;

  return !cb_value_equal (s->value, s->field->default_value) || emits_default (self, index);
}

/* The value a field writes: its value; for an empty field, what its
 * `when_empty` says, or NULL for nothing
 */
static GVariant *
written_value (CbFieldState *s)
{
  if (!cb_value_is_empty (s->value))
    return g_variant_ref (s->value);

  switch (s->field->when_empty)
    {
    case CB_EMPTY_NULL:
      return g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL));
    case CB_EMPTY_EMPTY:
      return cb_field_holds_list (s->field) ? g_variant_ref_sink (g_variant_new_strv (NULL, 0))
                                            : g_variant_ref_sink (g_variant_new_string (""));
    case CB_EMPTY_OMIT:
    default:
      return NULL;
    }
}

/* The overrides of one field: `target=value` for each of its targets, with
 * its operation: a ticked checkbox that deletes writes `~target` alone
 */
char **
_cb_form_resolve_overrides (CbForm *self,
                            guint   index)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *text = NULL;
  CbOverrideFlags flags = cb_field_override_flags (f);

  if (f->targets == NULL || !cb_field_has_value (f) || !emits (self, index))
    return NULL;
  if ((value = written_value (s)) == NULL)
    return NULL;

  if (f->type == CB_FIELD_CHECKBOX && f->operation == CB_OVERRIDE_DELETE)
    {
      if (!g_variant_get_boolean (value))
        return NULL;
      g_clear_pointer (&value, g_variant_unref);
    }
  else if ((text = suffixed_text (self, index)) != NULL)
    {
      g_variant_unref (value);
      value = g_variant_ref_sink (g_variant_new_string (text));
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; f->targets[i] != NULL; i++)
    _cb_form_strv_builder_take (builder, cb_override_build_full (f->operation, f->targets[i],
                                                                 value, flags));

  return g_strv_builder_end (builder);
}

/* The extra overrides of one field: the list at `key` of the metadata
 * entry its value names
 */
char **
_cb_form_resolve_extras (CbForm *self,
                         guint   index)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  GVariant *entry;

  if (f->extra_metadata == NULL || cb_value_is_empty (s->value) || !emits (self, index))
    return NULL;

  name = cb_override_print_value (s->value);
  entry = cb_project_get_metadata_entry (self->project, f->extra_metadata, name);
  list = entry ? cb_variant_lookup_path (entry, f->extra_key) : NULL;
  items = _cb_form_string_list (list);
  if (items == NULL || items->len == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < items->len; i++)
    _cb_form_strv_builder_take (builder, cb_override_requote (g_ptr_array_index (items, i)));

  return g_strv_builder_end (builder);
}

void
_cb_form_invalidate_command (CbForm *self)
{
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->overrides, g_strfreev);
  g_clear_pointer (&self->display, g_free);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
}

/**
 * cb_form_get_overrides:
 *
 * Returns: (transfer none): the overrides: the constant ones, the fields'
 *   in schema order, then the extra ones
 */
const char * const *
cb_form_get_overrides (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (self->overrides == NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      const char * const *constants = cb_schema_get_constant_overrides (self->schema);

      for (guint i = 0; constants && constants[i]; i++)
        _cb_form_strv_builder_take (builder, cb_override_requote (constants[i]));
      for (guint i = 0; i < self->n_states; i++)
        if (self->states[i].overrides != NULL)
          g_strv_builder_addv (builder, (const char **)self->states[i].overrides);
      for (guint i = 0; i < self->n_states; i++)
        if (self->states[i].extras != NULL)
          g_strv_builder_addv (builder, (const char **)self->states[i].extras);

      self->overrides = g_strv_builder_end (builder);
    }

  return (const char * const *)self->overrides;
}

/**
 * cb_form_is_multirun:
 *
 * Returns: whether the command sweeps: a field holds a sweep, or a
 *   constant or extra override is one
 */
gboolean
cb_form_is_multirun (CbForm *self)
{
  const char * const *overrides;

  g_return_val_if_fail (CB_IS_FORM (self), FALSE);

  for (guint i = 0; i < self->n_states; i++)
    if (self->states[i].overrides != NULL && cb_value_is_sweep (self->states[i].value))
      return TRUE;

  overrides = cb_form_get_overrides (self);
  for (guint i = 0; overrides[i] != NULL; i++)
    if (cb_override_is_sweep (overrides[i]))
      return TRUE;

  return FALSE;
}

/* The multirun flag, unless the command has it already (as a literal of
 * a schema written before sweeps were fields)
 */
static void
add_multirun_flag (CbForm       *self,
                   GStrvBuilder *builder,
                   char        **prefix)
{
  g_auto(GStrv) flag = cb_project_get_multirun_flag (self->project, self->schema);
  const char * const *overrides = cb_form_get_overrides (self);

  for (guint i = 0; flag[i] != NULL; i++)
    if (g_strv_contains ((const char * const *)prefix, flag[i]) || g_strv_contains (overrides, flag[i]))
      return;

  g_strv_builder_addv (builder, (const char **)flag);
}

/**
 * cb_form_get_argv:
 *
 * Returns: (transfer none): the command: the runner, the multirun flag
 *   when the command sweeps, then the overrides
 */
const char * const *
cb_form_get_argv (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (self->argv == NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) prefix = cb_project_get_command_prefix (self->project, self->schema);

      g_strv_builder_addv (builder, (const char **)prefix);
      if (cb_form_is_multirun (self))
        add_multirun_flag (self, builder, prefix);
      g_strv_builder_addv (builder, (const char **)cb_form_get_overrides (self));
      self->argv = g_strv_builder_end (builder);
    }

  return (const char * const *)self->argv;
}

/**
 * cb_form_get_display:
 *
 * Returns: the command as a POSIX shell line that gives back the argv
 */
const char *
cb_form_get_display (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (self->display == NULL)
    self->display = cb_shell_quote_argv (cb_form_get_argv (self));

  return self->display;
}
