/* cb-form.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-form-private.h"
#include "cb-option.h"

/**
 * CbForm:
 *
 * The live state of one page: the values the user set, and everything that
 * follows from them and from the schema: each field's default, visibility,
 * options, help, validation messages and overrides, and the command.
 *
 * A change resolves only the fields that depend on it (their expressions
 * name it, or they read the metadata it selects), in schema order, and
 * #CbForm::field-changed says exactly what changed, so that a window
 * updates only those widgets.
 *
 * This file holds the state and its resolution; cb-form-private.h says
 * which file holds each other concern.
 */

G_DEFINE_FINAL_TYPE (CbForm, cb_form, G_TYPE_OBJECT)

enum {
  FIELD_CHANGED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_cb_form_strv_builder_take (GStrvBuilder *builder,
                            char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

static void
state_clear (CbFieldState *s)
{
  g_clear_pointer (&s->field, cb_field_unref);
  g_clear_pointer (&s->user, g_variant_unref);
  g_clear_pointer (&s->def, g_variant_unref);
  g_clear_pointer (&s->value, g_variant_unref);
  g_clear_pointer (&s->text, g_free);
  g_clear_object (&s->options);
  g_clear_object (&s->all_options);
  g_clear_pointer (&s->help, g_free);
  g_clear_pointer (&s->info, g_free);
  g_clear_pointer (&s->messages, g_ptr_array_unref);
  g_clear_pointer (&s->overrides, g_strfreev);
  g_clear_pointer (&s->extras, g_strfreev);
  g_clear_pointer (&s->dependents, g_array_unref);
}

static void
cb_form_finalize (GObject *object)
{
  CbForm *self = CB_FORM (object);

  for (guint i = 0; i < self->n_states; i++)
    state_clear (&self->states[i]);
  g_free (self->states);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  _cb_form_invalidate_command (self);
  g_clear_object (&self->project);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (cb_form_parent_class)->finalize (object);
}

static void
cb_form_class_init (CbFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_form_finalize;

  /**
   * CbForm::field-changed:
   * @index: the field
   * @changes: the #CbFieldChange flags
   *
   * Emitted once per field and change, after the whole form is resolved.
   */
  signals[FIELD_CHANGED] =
    g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * CbForm::changed:
   *
   * Emitted after a change that alters the command or the messages.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_form_init (CbForm *self)
{
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Dependencies are added field by field in schema order, so a field's
 * dependents come sorted and a repeat is the last one: a field that many
 * others follow (a checkbox named by a thousand visible_if) costs one
 * comparison per dependent, not one per earlier dependent.
 */
static void
add_edge (CbForm     *self,
          const char *key,
          guint       dependent,
          gboolean    visibility_only)
{
  CbFieldState *s = g_hash_table_lookup (self->by_key, key);
  GArray *dependents;
  guint last;

  if (s == NULL)
    return;

  if (!visibility_only && s != &self->states[dependent])
    self->states[dependent].named_beyond_visible_if = TRUE;

  dependents = s->dependents;
  last = dependents->len > 0 ? g_array_index (dependents, guint, dependents->len - 1) : 0;
  if (dependents->len > 0 && last == dependent)
    return;
  if (dependents->len > 0 && last > dependent)
    {
      /* Out of order: not how cb_form_new() adds them, but still once */
      for (guint i = 0; i < dependents->len; i++)
        if (g_array_index (dependents, guint, i) == dependent)
          return;
    }
  g_array_append_val (dependents, dependent);
}

/* @dependent follows @key: resolved again, all of it, when @key changes */
static void
add_dependency (CbForm     *self,
                const char *key,
                guint       dependent)
{
  add_edge (self, key, dependent, FALSE);
}

static void
add_expr_edges (CbForm   *self,
                CbExpr   *expr,
                guint     dependent,
                gboolean  visibility_only)
{
  const char * const *keys;

  if (expr == NULL)
    return;

  keys = cb_expr_get_keys (expr);
  for (guint i = 0; keys[i] != NULL; i++)
    add_edge (self, keys[i], dependent, visibility_only);
}

static void
add_expr_dependencies (CbForm *self,
                       CbExpr *expr,
                       guint   dependent)
{
  add_expr_edges (self, expr, dependent, FALSE);
}

/* The keys of @dependent's visible_if: when one changes, the field's
 * visibility is evaluated again, and the rest only when that changed (see
 * _cb_form_resolve()), unless the field follows the key some other way
 * too
 */
static void
add_visibility_dependencies (CbForm *self,
                             CbExpr *expr,
                             guint   dependent)
{
  add_expr_edges (self, expr, dependent, TRUE);
}

static void
on_metadata_changed (CbForm     *self,
                     const char *name)
{
  cb_form_invalidate_metadata (self);
}

/**
 * cb_form_new:
 *
 * Creates the form of @schema, with every field at its default. The form
 * follows its project: the fields over a source, or every field when
 * metadata changed, are resolved again as the project's files change.
 *
 * Returns: (transfer full): the form
 */
CbForm *
cb_form_new (CbProject *project,
             CbSchema  *schema)
{
  CbForm *self;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (CB_IS_SCHEMA (schema), NULL);

  self = g_object_new (CB_TYPE_FORM, NULL);
  self->project = g_object_ref (project);
  self->schema = g_object_ref (schema);
  self->n_states = cb_schema_get_n_fields (schema);
  self->states = g_new0 (CbFieldState, self->n_states);

  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];

      s->field = cb_field_ref (cb_schema_get_field (schema, i));
      s->dependents = g_array_new (FALSE, FALSE, sizeof (guint));
      s->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_form_message_free);
      s->value = s->field->default_value ? g_variant_ref (s->field->default_value) : NULL;
      s->visible = TRUE;
      s->dirty = TRUE;
      g_hash_table_insert (self->by_key, s->field->key, s);
    }

  for (guint i = 0; i < self->n_states; i++)
    {
      CbField *f = self->states[i].field;

      add_dependency (self, f->key, i);
      add_visibility_dependencies (self, f->visible_if, i);
      add_expr_dependencies (self, f->emit_if, i);
      add_expr_dependencies (self, f->emit_defaults ? f->emit_defaults
                                                    : cb_schema_get_emit_defaults (schema), i);
      add_expr_dependencies (self, f->required_if, i);
      add_expr_dependencies (self, f->suffix_when, i);
      for (guint k = 0; f->suffix_parts && f->suffix_parts[k]; k++)
        add_dependency (self, f->suffix_parts[k], i);
      if (cb_field_uses_architecture (f))
        add_dependency (self, f->architecture_key, i);
      if (cb_field_uses_optimizer (f))
        add_dependency (self, f->optimizer_key, i);
    }

  /* The form follows its project's files itself: nobody relays them */
  g_signal_connect_object (project, "source-changed", G_CALLBACK (cb_form_invalidate_source), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "metadata-changed", G_CALLBACK (on_metadata_changed), self,
                           G_CONNECT_SWAPPED);

  /* Nobody listens yet: resolve without announcing */
  self->lowest_dirty = 0;
  self->batch++;
  _cb_form_resolve (self);
  self->batch--;
  self->changed_pending = FALSE;
  for (guint i = 0; i < self->n_states; i++)
    self->states[i].changes = 0;

  return self;
}


/* Helpers shared by the form's files */

/* The value of @key as the field at @scope sees it: a field above it that
 * is hidden counts as null; any other field gives its current value.
 */
GVariant *
_cb_form_scope_lookup (const char *key,
                       gpointer    user_data)
{
  CbFormScope *scope = user_data;
  CbFieldState *s = g_hash_table_lookup (scope->self->by_key, key);

  if (s == NULL)
    return NULL;
  if (s->field->index < scope->index && !s->visible)
    return NULL;

  return s->value;
}

CbFieldState *
_cb_form_lookup_state (CbForm     *self,
                       const char *key)
{
  return g_hash_table_lookup (self->by_key, key);
}

const char *
_cb_form_string_of (GVariant *value)
{
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (value, NULL);
  return NULL;
}

double
_cb_form_number_of (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    return (double)g_variant_get_int64 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    return g_variant_get_double (v);
  return NAN;
}

/* Whether the options of @f are files found by a `paths:` source, such as
 * checkpoints
 */
gboolean
_cb_form_over_paths (CbForm  *self,
                     CbField *f)
{
  return f->options_source != NULL && cb_project_source_is_paths (self->project, f->options_source);
}

/* Resolution */

static gboolean
messages_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!cb_form_message_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *)a, (const char * const *)b);
}

gboolean
_cb_form_variant_same (GVariant *a,
                       GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_variant_equal (a, b);
}

static guint
resolve_visibility (CbForm *self,
                    guint   index)
{
  CbFieldState *s = &self->states[index];
  CbFormScope scope = { self, index };
  CbExpr *visible_if = s->field->visible_if;
  gboolean visible;

  visible = visible_if == NULL || cb_expr_evaluate_bool (visible_if, _cb_form_scope_lookup, &scope);
  if (visible == s->visible)
    return 0;

  s->visible = visible;
  return CB_FIELD_CHANGED_VISIBLE;
}

/* The options, then the default (which may be the first option), then the
 * value: the user's, or else the default
 */
static guint
resolve_value (CbForm   *self,
               guint     index,
               GVariant *arch,
               GVariant *optimizer)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  g_autoptr(GVariant) def = NULL;
  guint changes = 0;
  GVariant *value;

  if (f->type == CB_FIELD_SELECT || f->type == CB_FIELD_MULTISELECT)
    {
      g_autoptr(GListModel) all = NULL;
      g_autoptr(GListModel) options = _cb_form_resolve_options (self, index, arch, &all);

      if (!cb_options_equal (options, s->options))
        {
          g_set_object (&s->options, options);
          changes |= CB_FIELD_CHANGED_OPTIONS;
        }
      g_set_object (&s->all_options, all);
    }

  def = _cb_form_resolve_default (self, index, arch, optimizer, s->options);
  if (!_cb_form_variant_same (def, s->def))
    {
      g_clear_pointer (&s->def, g_variant_unref);
      s->def = g_steal_pointer (&def);
    }

  value = s->user ? s->user : s->def;
  if (!_cb_form_variant_same (value, s->value))
    {
      g_clear_pointer (&s->value, g_variant_unref);
      s->value = value ? g_variant_ref (value) : NULL;
      changes |= CB_FIELD_CHANGED_VALUE;
    }

  return changes;
}

/* The bounds and step of a number: the schema's, or its optimizer's */
static guint
resolve_range (CbForm   *self,
               guint     index,
               GVariant *optimizer)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  double min = f->min_value, max = f->max_value, step = f->step;
  gboolean has_min = f->has_min_value, has_max = f->has_max_value;

  if (f->optimizer_metadata_key != NULL && optimizer != NULL)
    {
      g_autoptr(GVariant) range = cb_variant_lookup_path (optimizer, f->optimizer_metadata_key);
      g_autoptr(GVariant) vmin = cb_variant_lookup_path (range, "min");
      g_autoptr(GVariant) vmax = cb_variant_lookup_path (range, "max");
      g_autoptr(GVariant) vstep = cb_variant_lookup_path (range, "step");

      if (vmin != NULL && !isnan (_cb_form_number_of (vmin)))
        min = _cb_form_number_of (vmin), has_min = TRUE;
      if (vmax != NULL && !isnan (_cb_form_number_of (vmax)))
        max = _cb_form_number_of (vmax), has_max = TRUE;
      if (vstep != NULL && !isnan (_cb_form_number_of (vstep)))
        step = _cb_form_number_of (vstep);
    }

  if (min == s->min && max == s->max && step == s->step &&
      has_min == s->has_min && has_max == s->has_max)
    return 0;

  s->has_min = has_min;
  s->has_max = has_max;
  s->min = min;
  s->max = max;
  s->step = step;
  return CB_FIELD_CHANGED_RANGE;
}

static guint
resolve_texts (CbForm   *self,
               guint     index,
               GVariant *arch,
               GVariant *optimizer)
{
  CbFieldState *s = &self->states[index];
  g_autofree char *help = _cb_form_resolve_help (self, index, arch, optimizer);
  g_autofree char *info = _cb_form_resolve_info (self, index, arch);
  guint changes = 0;

  if (g_strcmp0 (help, s->help) != 0)
    {
      g_free (s->help);
      s->help = g_steal_pointer (&help);
      changes |= CB_FIELD_CHANGED_HELP;
    }

  if (g_strcmp0 (info, s->info) != 0)
    {
      g_free (s->info);
      s->info = g_steal_pointer (&info);
      changes |= CB_FIELD_CHANGED_INFO;
    }

  return changes;
}

static guint
resolve_messages (CbForm   *self,
                  guint     index,
                  GVariant *arch,
                  GVariant *optimizer)
{
  CbFieldState *s = &self->states[index];
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_form_message_free);

  _cb_form_validate (self, index, arch, optimizer, messages);
  if (messages_equal (messages, s->messages))
    return 0;

  g_ptr_array_unref (s->messages);
  s->messages = g_steal_pointer (&messages);
  return CB_FIELD_CHANGED_MESSAGES;
}

/* Returns whether the field's overrides or extra overrides changed */
static gboolean
resolve_command_parts (CbForm *self,
                       guint   index)
{
  CbFieldState *s = &self->states[index];
  g_auto(GStrv) overrides = _cb_form_resolve_overrides (self, index);
  g_auto(GStrv) extras = _cb_form_resolve_extras (self, index);

  if (strv_equal0 (overrides, s->overrides) && strv_equal0 (extras, s->extras))
    return FALSE;

  g_strfreev (s->overrides);
  g_strfreev (s->extras);
  s->overrides = g_steal_pointer (&overrides);
  s->extras = g_steal_pointer (&extras);
  return TRUE;
}

/* Resolves one field; returns what changed, and whether the command did */
static guint
resolve_field (CbForm   *self,
               guint     index,
               gboolean *command_changed)
{
  CbField *f = self->states[index].field;
  GVariant *arch = cb_field_uses_architecture (f) ? _cb_form_architecture_entry (self, index) : NULL;
  GVariant *optimizer = cb_field_uses_optimizer (f) ? _cb_form_optimizer_entry (self, index) : NULL;
  guint changes = 0;

  changes |= resolve_visibility (self, index);
  changes |= resolve_value (self, index, arch, optimizer);
  /* A field that names the architecture (or optimizer) itself reads its
   * help, range and messages from the entry of its new value: the entry
   * looked up before was its old value's
   */
  if ((changes & CB_FIELD_CHANGED_VALUE) && cb_field_uses_architecture (f) &&
      g_strcmp0 (f->architecture_key, f->key) == 0)
    arch = _cb_form_architecture_entry (self, index);
  if ((changes & CB_FIELD_CHANGED_VALUE) && cb_field_uses_optimizer (f) &&
      g_strcmp0 (f->optimizer_key, f->key) == 0)
    optimizer = _cb_form_optimizer_entry (self, index);
  changes |= resolve_range (self, index, optimizer);
  changes |= resolve_texts (self, index, arch, optimizer);
  changes |= resolve_messages (self, index, arch, optimizer);
  if (changes & CB_FIELD_CHANGED_MESSAGES)
    *command_changed = TRUE;
  if (resolve_command_parts (self, index))
    *command_changed = TRUE;

  return changes;
}

void
_cb_form_mark_dirty (CbForm *self,
                     guint   index)
{
  self->states[index].dirty = TRUE;
  self->lowest_dirty = MIN (self->lowest_dirty, index);
}


static void
mark_dependents_dirty (CbForm *self,
                       guint   index)
{
  GArray *dependents = self->states[index].dependents;

  for (guint i = 0; i < dependents->len; i++)
    {
      guint d = g_array_index (dependents, guint, i);

      if (d == index)
        continue;
      if (self->states[d].named_beyond_visible_if)
        _cb_form_mark_dirty (self, d);
      else
        {
          self->states[d].dirty_visibility = TRUE;
          self->lowest_dirty = MIN (self->lowest_dirty, d);
        }
    }
}

/* A field whose visible_if alone names what changed: its options,
 * default, value, range, help, messages and overrides follow from its
 * own value, its visibility and the project, so they are resolved again
 * only when its visibility changed. A checkbox that a thousand fields
 * follow costs a thousand expressions, not a thousand fields.
 */
static guint
resolve_visibility_first (CbForm   *self,
                          guint     index,
                          gboolean *command_changed)
{
  guint changes = resolve_visibility (self, index);

  if (changes == 0)
    return 0;
  return changes | resolve_field (self, index, command_changed);
}

/* Resolves every dirty field, in schema order, and then the fields that
 * depend on those that changed. A field above a changed one (an expression
 * that names a field further down) takes another pass; the passes are
 * bounded so that a schema whose fields feed each other still settles.
 */
void
_cb_form_resolve (CbForm *self)
{
  gboolean command_changed = FALSE;
  guint passes = 0;

  while (self->lowest_dirty < self->n_states && passes++ < 8)
    {
      guint start = self->lowest_dirty;

      self->lowest_dirty = G_MAXUINT;
      for (guint i = start; i < self->n_states; i++)
        {
          CbFieldState *s = &self->states[i];
          gboolean full;
          guint changes;

          if (!s->dirty && !s->dirty_visibility)
            continue;

          full = s->dirty;
          s->dirty = s->dirty_visibility = FALSE;
          changes = full ? resolve_field (self, i, &command_changed)
                         : resolve_visibility_first (self, i, &command_changed);
          s->changes |= changes;
          if (changes & (CB_FIELD_CHANGED_VISIBLE | CB_FIELD_CHANGED_VALUE))
            mark_dependents_dirty (self, i);
        }
    }

  /* Whatever was left by the bound is dropped, not kept for later */
  for (guint i = 0; i < self->n_states; i++)
    self->states[i].dirty = self->states[i].dirty_visibility = FALSE;
  self->lowest_dirty = G_MAXUINT;

  if (command_changed)
    {
      _cb_form_invalidate_command (self);
      self->changed_pending = TRUE;
    }

  if (self->batch > 0)
    return;

  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];
      guint changes = s->changes;

      if (changes != 0)
        {
          s->changes = 0;
          g_signal_emit (self, signals[FIELD_CHANGED], 0, i, changes);
        }
    }

  if (self->changed_pending)
    {
      self->changed_pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

#define CHECK_INDEX(index, val) \
  g_return_val_if_fail (CB_IS_FORM (self), val); \
  g_return_val_if_fail (index < self->n_states, val)

/**
 * cb_form_get_value:
 *
 * Returns: (transfer none) (nullable): the field's value, the user's or
 *   its default, whether it is visible or not
 */
GVariant *
cb_form_get_value (CbForm *self,
                   guint   index)
{
  CHECK_INDEX (index, NULL);

  return self->states[index].value;
}

/**
 * cb_form_get_default:
 *
 * Returns: (transfer none) (nullable): the field's resolved default
 */
GVariant *
cb_form_get_default (CbForm *self,
                     guint   index)
{
  CHECK_INDEX (index, NULL);

  return self->states[index].def;
}

gboolean
cb_form_is_set_by_user (CbForm *self,
                        guint   index)
{
  CHECK_INDEX (index, FALSE);

  return self->states[index].user != NULL;
}

gboolean
cb_form_is_visible (CbForm *self,
                    guint   index)
{
  CHECK_INDEX (index, FALSE);

  return self->states[index].visible;
}

/**
 * cb_form_get_options:
 *
 * Returns: (transfer none) (nullable): the options of a select, narrowed
 *   to the architecture, as a list model of #CbOption
 */
GListModel *
cb_form_get_options (CbForm *self,
                     guint   index)
{
  CHECK_INDEX (index, NULL);

  return self->states[index].options;
}

/**
 * cb_form_get_help:
 *
 * Returns: (nullable): the field's help with the help its metadata adds
 */
const char *
cb_form_get_help (CbForm *self,
                  guint   index)
{
  CHECK_INDEX (index, NULL);

  return self->states[index].help;
}

/**
 * cb_form_get_info:
 *
 * Returns: (nullable): the text of an info field
 */
const char *
cb_form_get_info (CbForm *self,
                  guint   index)
{
  CHECK_INDEX (index, NULL);

  return self->states[index].info;
}

/**
 * cb_form_get_range:
 * @min: (out): the lower bound
 * @max: (out): the upper bound
 * @step: (out): the step, 0 when none
 *
 * Gets the bounds of a number, from its schema or its optimizer metadata.
 */
void
cb_form_get_range (CbForm *self,
                   guint   index,
                   double *min,
                   double *max,
                   double *step)
{
  CbFieldState *s;

  g_return_if_fail (CB_IS_FORM (self));
  g_return_if_fail (index < self->n_states);

  s = &self->states[index];
  *min = s->has_min ? s->min : -G_MAXDOUBLE;
  *max = s->has_max ? s->max : G_MAXDOUBLE;
  *step = s->step;
}

/**
 * cb_form_get_field_messages:
 *
 * Returns: (transfer none) (element-type CbFormMessage): the field's
 *   validation messages
 */
GPtrArray *
cb_form_get_field_messages (CbForm *self,
                            guint   index)
{
  CHECK_INDEX (index, NULL);

  return self->states[index].messages;
}

/**
 * cb_form_get_messages:
 *
 * Returns: (transfer none) (element-type CbFormMessage): every validation
 *   message of the visible fields, in schema order
 */
GPtrArray *
cb_form_get_messages (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (self->messages == NULL)
    {
      self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_form_message_free);
      for (guint i = 0; i < self->n_states; i++)
        {
          GPtrArray *messages = self->states[i].messages;

          for (guint k = 0; k < messages->len; k++)
            g_ptr_array_add (self->messages, cb_form_message_copy (g_ptr_array_index (messages, k)));
        }
    }

  return self->messages;
}

gboolean
cb_form_has_errors (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), TRUE);

  return cb_form_messages_have_errors (cb_form_get_messages (self));
}

/**
 * cb_form_invalidate_source:
 *
 * Resolves again the fields whose options come from the source @name,
 * after it changed.
 */
void
cb_form_invalidate_source (CbForm     *self,
                           const char *name)
{
  g_return_if_fail (CB_IS_FORM (self));

  for (guint i = 0; i < self->n_states; i++)
    if (g_strcmp0 (self->states[i].field->options_source, name) == 0)
      _cb_form_mark_dirty (self, i);

  _cb_form_resolve (self);
}

/**
 * cb_form_invalidate_metadata:
 *
 * Resolves again every field, after the metadata changed.
 */
void
cb_form_invalidate_metadata (CbForm *self)
{
  g_return_if_fail (CB_IS_FORM (self));

  for (guint i = 0; i < self->n_states; i++)
    _cb_form_mark_dirty (self, i);

  _cb_form_resolve (self);
}

CbProject *
cb_form_get_project (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  return self->project;
}

CbSchema *
cb_form_get_schema (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  return self->schema;
}
