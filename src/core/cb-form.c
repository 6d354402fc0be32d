/* cb-form.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-form.h"
#include "cb-format.h"
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
 */

typedef struct
{
  CbField    *field;
  gboolean    visible;
  gboolean    dirty;
  GVariant   *user;
  GVariant   *def;
  GVariant   *value;       /* user, or else def; not considering visibility */
  GListModel *options;     /* after narrowing */
  GListModel *all_options; /* before narrowing */
  char       *help;
  char       *info;
  gboolean    has_min;
  gboolean    has_max;
  double      min;
  double      max;
  double      step;
  GPtrArray  *messages;    /* of CbDiagnostic */
  char      **overrides;
  char      **extras;
  GArray     *dependents;  /* of guint: fields to resolve when this one changes */
  guint       changes;     /* CbFieldChange not yet announced */
} State;

struct _CbForm
{
  GObject      parent_instance;

  CbProject   *project;
  CbSchema    *schema;
  State       *states;
  guint        n_states;
  GHashTable  *by_key;      /* key → State */
  guint        lowest_dirty;

  char       **argv;
  char       **overrides;
  char        *display;
  GPtrArray   *messages;
  guint        batch;
  gboolean     changed_pending;
};

G_DEFINE_FINAL_TYPE (CbForm, cb_form, G_TYPE_OBJECT)

enum {
  FIELD_CHANGED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void resolve (CbForm *self);

static void
strv_builder_take (GStrvBuilder *builder,
                   char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

static void
state_clear (State *s)
{
  g_clear_pointer (&s->field, cb_field_unref);
  g_clear_pointer (&s->user, g_variant_unref);
  g_clear_pointer (&s->def, g_variant_unref);
  g_clear_pointer (&s->value, g_variant_unref);
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
invalidate_command (CbForm *self)
{
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->overrides, g_strfreev);
  g_clear_pointer (&self->display, g_free);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
}

static void
cb_form_finalize (GObject *object)
{
  CbForm *self = CB_FORM (object);

  for (guint i = 0; i < self->n_states; i++)
    state_clear (&self->states[i]);
  g_free (self->states);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  invalidate_command (self);
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

static void
add_dependency (CbForm     *self,
                const char *key,
                guint       dependent)
{
  State *s = g_hash_table_lookup (self->by_key, key);

  if (s == NULL)
    return;

  for (guint i = 0; i < s->dependents->len; i++)
    if (g_array_index (s->dependents, guint, i) == dependent)
      return;
  g_array_append_val (s->dependents, dependent);
}

static void
add_expr_dependencies (CbForm *self,
                       CbExpr *expr,
                       guint   dependent)
{
  const char * const *keys;

  if (expr == NULL)
    return;

  keys = cb_expr_get_keys (expr);
  for (guint i = 0; keys[i] != NULL; i++)
    add_dependency (self, keys[i], dependent);
}

/**
 * cb_form_new:
 *
 * Creates the form of @schema, with every field at its default.
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
  self->states = g_new0 (State, self->n_states);

  for (guint i = 0; i < self->n_states; i++)
    {
      State *s = &self->states[i];

      s->field = cb_field_ref (cb_schema_get_field (schema, i));
      s->dependents = g_array_new (FALSE, FALSE, sizeof (guint));
      s->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
      s->value = s->field->default_value ? g_variant_ref (s->field->default_value) : NULL;
      s->visible = TRUE;
      s->dirty = TRUE;
      g_hash_table_insert (self->by_key, s->field->key, s);
    }

  for (guint i = 0; i < self->n_states; i++)
    {
      CbField *f = self->states[i].field;

      add_dependency (self, f->key, i);
      add_expr_dependencies (self, f->visible_if, i);
      add_expr_dependencies (self, f->emit_if, i);
      add_expr_dependencies (self, f->required_if, i);
      add_expr_dependencies (self, f->suffix_when, i);
      for (guint k = 0; f->suffix_parts && f->suffix_parts[k]; k++)
        add_dependency (self, f->suffix_parts[k], i);
      if (cb_field_uses_architecture (f))
        add_dependency (self, f->architecture_key, i);
      if (cb_field_uses_optimizer (f))
        add_dependency (self, f->optimizer_key, i);
    }

  /* Nobody listens yet: resolve without announcing */
  self->lowest_dirty = 0;
  self->batch++;
  resolve (self);
  self->batch--;
  self->changed_pending = FALSE;
  for (guint i = 0; i < self->n_states; i++)
    self->states[i].changes = 0;

  return self;
}

/* Resolution */

typedef struct
{
  CbForm *self;
  guint   index;
} Scope;

/* The value of @key as the field at @scope sees it: a field above it that
 * is hidden counts as null; any other field gives its current value.
 */
static GVariant *
scope_lookup (const char *key,
              gpointer    user_data)
{
  Scope *scope = user_data;
  State *s = g_hash_table_lookup (scope->self->by_key, key);

  if (s == NULL)
    return NULL;
  if (s->field->index < scope->index && !s->visible)
    return NULL;

  return s->value;
}

static const char *
string_of (GVariant *value)
{
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (value, NULL);
  return NULL;
}

/* The entry of metadata set @set named by the field @key, or a fallback */
static GVariant *
metadata_entry (CbForm     *self,
                guint       index,
                const char *set,
                const char *key,
                const char *fallback)
{
  Scope scope = { self, index };
  State *owner = g_hash_table_lookup (self->by_key, key);
  GVariant *entry;

  entry = cb_project_get_metadata_entry (self->project, set, string_of (scope_lookup (key, &scope)));
  if (entry != NULL)
    return entry;

  if (fallback == NULL && owner != NULL)
    fallback = strcmp (set, "optimizer") == 0 ? owner->field->optimizer_fallback
                                              : owner->field->architecture_fallback;

  return cb_project_get_metadata_entry (self->project, set, fallback);
}

static GVariant *
architecture_entry (CbForm *self,
                    guint   index)
{
  CbField *f = self->states[index].field;

  return metadata_entry (self, index, "architecture", f->architecture_key, f->architecture_fallback);
}

static GVariant *
optimizer_entry (CbForm *self,
                 guint   index)
{
  CbField *f = self->states[index].field;

  return metadata_entry (self, index, "optimizer", f->optimizer_key, f->optimizer_fallback);
}

/* A list of strings from metadata, or NULL */
static GPtrArray *
string_list (GVariant *value)
{
  GPtrArray *items;
  gsize n;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    return NULL;

  n = g_variant_n_children (value);
  items = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (child) : g_variant_ref (child);

      if (g_variant_is_of_type (item, G_VARIANT_TYPE_STRING))
        g_ptr_array_add (items, g_variant_dup_string (item, NULL));
      else if (!g_variant_is_container (item))
        g_ptr_array_add (items, cb_format_value (item));
    }

  return items;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *value)
{
  return strings != NULL && value != NULL &&
         g_ptr_array_find_with_equal_func (strings, value, g_str_equal, NULL);
}

static GListModel *
resolve_options (CbForm   *self,
                 guint     index,
                 GVariant *arch,
                 GListModel **all)
{
  CbField *f = self->states[index].field;
  g_autoptr(GListModel) base = NULL;
  g_autoptr(GPtrArray) filter = NULL;
  g_autoptr(GPtrArray) narrowed = NULL;
  guint n;

  if (f->options != NULL)
    base = g_object_ref (f->options);
  else if (f->options_source != NULL)
    {
      GListModel *source = cb_project_get_source (self->project, f->options_source);

      base = source ? g_object_ref (source) : NULL;
    }

  if (f->options_metadata_key != NULL && arch != NULL)
    {
      g_autoptr(GVariant) list = cb_variant_lookup_path (arch, f->options_metadata_key);
      g_autoptr(GPtrArray) values = string_list (list);

      if (values != NULL)
        {
          g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < values->len; i++)
            {
              const char *value = g_ptr_array_index (values, i);
              gint64 pos = cb_options_find (base, value);

              /* Reuse the source's option, so that its label stays */
              if (pos >= 0)
                g_ptr_array_add (options, g_list_model_get_item (base, pos));
              else
                g_ptr_array_add (options, cb_option_new (value, NULL));
            }
          g_clear_object (&base);
          base = cb_option_list_new (options);
        }
    }

  *all = base ? g_object_ref (base) : NULL;

  if (base == NULL || f->filter_by_architecture_key == NULL || arch == NULL)
    return g_steal_pointer (&base);

  {
    g_autoptr(GVariant) list = cb_variant_lookup_path (arch, f->filter_by_architecture_key);

    filter = string_list (list);
  }
  if (filter == NULL || filter->len == 0)
    return g_steal_pointer (&base);

  narrowed = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (base);
  for (guint i = 0; i < n; i++)
    {
      CbOption *option = g_list_model_get_item (base, i);

      if (strings_contain (filter, cb_option_get_value (option)))
        g_ptr_array_add (narrowed, option);
      else
        g_object_unref (option);
    }

  /* Narrowing that would leave nothing is not applied */
  if (narrowed->len == 0 || narrowed->len == n)
    return g_steal_pointer (&base);

  return cb_option_list_new (narrowed);
}

static GVariant *
resolve_default (CbForm     *self,
                 guint       index,
                 GVariant   *arch,
                 GVariant   *optimizer,
                 GListModel *options)
{
  CbField *f = self->states[index].field;
  g_autoptr(GVariant) def = f->default_value ? g_variant_ref (f->default_value) : NULL;

  if (f->metadata_default_key != NULL && arch != NULL)
    {
      g_autoptr(GVariant) raw = cb_variant_lookup_path (arch, f->metadata_default_key);
      g_autoptr(GVariant) v = raw ? cb_field_coerce_value (f, raw) : NULL;

      if (v != NULL)
        {
          g_clear_pointer (&def, g_variant_unref);
          def = g_steal_pointer (&v);
        }
    }

  if (f->optimizer_metadata_key != NULL && optimizer != NULL)
    {
      g_autofree char *path = g_strconcat (f->optimizer_metadata_key, ".default", NULL);
      g_autoptr(GVariant) raw = cb_variant_lookup_path (optimizer, path);
      g_autoptr(GVariant) v = raw ? cb_field_coerce_value (f, raw) : NULL;

      if (v != NULL)
        {
          g_clear_pointer (&def, g_variant_unref);
          def = g_steal_pointer (&v);
        }
    }

  /* A non-empty default that is not an option falls back to the first */
  if (f->type == CB_FIELD_SELECT && options != NULL && !cb_value_is_empty (def) &&
      cb_options_find (options, string_of (def)) < 0)
    {
      g_autoptr(CbOption) first = g_list_model_get_item (options, 0);

      g_clear_pointer (&def, g_variant_unref);
      if (first != NULL)
        def = g_variant_ref_sink (g_variant_new_string (cb_option_get_value (first)));
    }

  return g_steal_pointer (&def);
}

static char *
metadata_text (GVariant   *entry,
               const char *path,
               const char *prefix_list)
{
  g_autoptr(GVariant) v = cb_variant_lookup_text (entry, path);
  g_autoptr(GPtrArray) items = NULL;

  if (v == NULL)
    return NULL;
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (v, NULL);

  items = string_list (v);
  if (items != NULL)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (items, NULL);
      joined = g_strjoinv (", ", (char **)items->pdata);
      return prefix_list ? g_strdup_printf ("%s %s", prefix_list, joined) : g_steal_pointer (&joined);
    }

  if (!g_variant_is_container (v))
    return cb_format_value (v);

  return NULL;
}

static char *
resolve_help (CbForm   *self,
              guint     index,
              GVariant *arch,
              GVariant *optimizer)
{
  CbField *f = self->states[index].field;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (f->help != NULL && f->help[0] != '\0')
    g_ptr_array_add (parts, g_strdup (f->help));

  if (f->metadata_help_key != NULL && arch != NULL)
    {
      const char *prefix = NULL;
      char *text;

      if (g_str_has_prefix (f->metadata_help_key, "compatible_"))
        prefix = _("Compatible:");
      else if (g_str_has_prefix (f->metadata_help_key, "recommended_"))
        prefix = _("Recommended:");

      if ((text = metadata_text (arch, f->metadata_help_key, prefix)) != NULL)
        g_ptr_array_add (parts, text);
    }

  if (f->optimizer_help_key != NULL && optimizer != NULL)
    {
      char *text = metadata_text (optimizer, f->optimizer_help_key, NULL);

      if (text != NULL)
        g_ptr_array_add (parts, text);
    }

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\n", (char **)parts->pdata);
}

static char *
resolve_info (CbForm   *self,
              guint     index,
              GVariant *arch)
{
  CbField *f = self->states[index].field;
  g_autoptr(GVariant) v = NULL;
  GString *out;
  const char *p;

  if (f->type != CB_FIELD_INFO)
    return NULL;

  if (f->metadata_info_key != NULL)
    {
      v = arch ? cb_variant_lookup_path (arch, f->metadata_info_key) : NULL;
      if (v == NULL)
        return g_strdup (f->info_fallback ? f->info_fallback : "");
    }

  if (f->info_template == NULL)
    {
      if (v == NULL)
        return g_strdup (f->info_fallback ? f->info_fallback : "");
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT))
        {
          GVariantIter iter;
          const char *key;
          GVariant *item;

          out = g_string_new (NULL);
          g_variant_iter_init (&iter, v);
          while (g_variant_iter_next (&iter, "{&sv}", &key, &item))
            {
              g_autofree char *text = cb_format_value (item);

              g_string_append_printf (out, "%s%s: %s", out->len ? "\n" : "", key, text);
              g_variant_unref (item);
            }
          return g_string_free (out, FALSE);
        }
      return metadata_text (arch, f->metadata_info_key, NULL);
    }

  /* Fill {name} from a mapping, or {value} from anything */
  out = g_string_new (NULL);
  for (p = f->info_template; *p; p++)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p + 1, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);
          g_autoptr(GVariant) item = NULL;

          if (strcmp (name, "value") == 0 && v != NULL)
            item = g_variant_ref (v);
          else if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT))
            item = cb_variant_lookup_path (v, name);

          if (item != NULL)
            {
              g_autofree char *text = NULL;

              if (g_variant_is_of_type (item, G_VARIANT_TYPE_STRING))
                g_string_append (out, g_variant_get_string (item, NULL));
              else
                {
                  text = metadata_text (item, NULL, NULL);
                  g_string_append (out, text ? text : "");
                }
            }
          else
            g_string_append (out, "—");
          p = close;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
format_number (CbField *f,
               double   d)
{
  if (f->integer && d == floor (d))
    return g_strdup_printf ("%.0f", d);
  return cb_format_double (d);
}

static double
number_of (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    return (double)g_variant_get_int64 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    return g_variant_get_double (v);
  return NAN;
}

static void
add_message (GPtrArray  *messages,
             CbSeverity  severity,
             char       *text)
{
  g_ptr_array_add (messages, cb_diagnostic_new (severity, NULL, 0, 0, text));
  g_free (text);
}

/* Whether the options of @f are files found by a `paths:` source, such as
 * checkpoints
 */
static gboolean
over_paths (CbForm  *self,
            CbField *f)
{
  return f->options_source != NULL && cb_project_source_is_paths (self->project, f->options_source);
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

  if (!over_paths (self, f) || cb_project_source_is_loading (self->project, f->options_source))
    return FALSE;

  model = cb_project_get_source (self->project, f->options_source);
  return model != NULL && g_list_model_get_n_items (model) == 0;
}

/* A value that is not one of the options, with the message that says so:
 * for a checkpoint, a file that does not exist, unless the first scan has
 * not listed it yet
 */
static gboolean
option_missing (CbForm     *self,
                State      *s,
                const char *value,
                const char *label,
                GPtrArray  *messages)
{
  CbField *f = s->field;

  if (s->all_options == NULL || cb_options_find (s->all_options, value) >= 0)
    return FALSE;

  if (!over_paths (self, f))
    add_message (messages, CB_SEVERITY_ERROR,
                 g_strdup_printf (_("“%s” is not one of the options of %s."), value, label));
  else if (!cb_project_source_is_loading (self->project, f->options_source))
    add_message (messages, CB_SEVERITY_ERROR,
                 g_strdup_printf (_("%s: the file “%s” does not exist."), label, value));
  return TRUE;
}

static void
validate (CbForm    *self,
          guint      index,
          GVariant  *arch,
          GVariant  *optimizer,
          GPtrArray *messages)
{
  State *s = &self->states[index];
  CbField *f = s->field;
  Scope scope = { self, index };
  GVariant *v = s->value;
  const char *label = f->label;
  gboolean required = f->required;

  if (!s->visible || !cb_field_has_value (f))
    return;

  if (!required && f->required_if != NULL)
    required = cb_expr_evaluate_bool (f->required_if, scope_lookup, &scope);

  if (cb_value_is_empty (v))
    {
      if (required && no_paths_yet (self, f))
        {
          g_autofree char *globs = g_strjoinv (", ", (char **)cb_project_get_source_paths (self->project, f->options_source));

          /* Translators: the second %s lists patterns, such as outputs/ * /checkpoints/ *.ckpt */
          add_message (messages, CB_SEVERITY_ERROR,
                       g_strdup_printf (_("%s is required, and no file matches %s yet."), label, globs));
        }
      else if (required)
        add_message (messages, CB_SEVERITY_ERROR, g_strdup_printf (_("%s is required."), label));
      return;
    }

  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    {
      const char *text = g_variant_get_string (v, NULL);
      glong length = g_utf8_strlen (text, -1);

      if (f->min_length >= 0 && length < f->min_length)
        add_message (messages, CB_SEVERITY_ERROR,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s must be at least %d character long.",
                                                   "%s must be at least %d characters long.",
                                                   f->min_length),
                                      label, (int)f->min_length));
      if (f->max_length >= 0 && length > f->max_length)
        add_message (messages, CB_SEVERITY_ERROR,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s must be at most %d character long.",
                                                   "%s must be at most %d characters long.",
                                                   f->max_length),
                                      label, (int)f->max_length));
      if (f->pattern != NULL && !g_regex_match (f->pattern, text, 0, NULL))
        add_message (messages, CB_SEVERITY_ERROR,
                     g_strdup_printf (_("%s does not have the expected form."), label));
    }

  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING_ARRAY))
    {
      gsize n = g_variant_n_children (v);

      if (f->min_length >= 0 && (gint64)n < f->min_length)
        add_message (messages, CB_SEVERITY_ERROR,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Choose at least %d item for %s.",
                                                   "Choose at least %d items for %s.",
                                                   f->min_length),
                                      (int)f->min_length, label));
      if (f->max_length >= 0 && (gint64)n > f->max_length)
        add_message (messages, CB_SEVERITY_ERROR,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Choose at most %d item for %s.",
                                                   "Choose at most %d items for %s.",
                                                   f->max_length),
                                      (int)f->max_length, label));
      for (gsize i = 0; i < n; i++)
        {
          const char *item;

          g_variant_get_child (v, i, "&s", &item);
          option_missing (self, s, item, label, messages);
        }
    }

  if (f->type == CB_FIELD_NUMBER || f->type == CB_FIELD_SLIDER)
    {
      double d = number_of (v);
      gboolean has_min = f->has_min || f->has_min_value;
      gboolean has_max = f->has_max || f->has_max_value;
      double min = f->has_min ? f->min : f->min_value;
      double max = f->has_max ? f->max : f->max_value;

      if (f->has_min && f->has_min_value)
        min = MAX (f->min, f->min_value);
      if (f->has_max && f->has_max_value)
        max = MIN (f->max, f->max_value);

      if ((has_min && d < min) || (has_max && d > max) || isnan (d))
        {
          g_autofree char *lo = format_number (f, min);
          g_autofree char *hi = format_number (f, max);

          if (has_min && has_max)
            add_message (messages, CB_SEVERITY_ERROR,
                         g_strdup_printf (_("%s must be between %s and %s."), label, lo, hi));
          else if (has_min)
            add_message (messages, CB_SEVERITY_ERROR,
                         g_strdup_printf (_("%s must be at least %s."), label, lo));
          else
            add_message (messages, CB_SEVERITY_ERROR,
                         g_strdup_printf (_("%s must be at most %s."), label, hi));
        }
      else if (f->optimizer_metadata_key != NULL && optimizer != NULL)
        {
          g_autofree char *min_path = g_strconcat (f->optimizer_metadata_key, ".min", NULL);
          g_autofree char *max_path = g_strconcat (f->optimizer_metadata_key, ".max", NULL);
          g_autoptr(GVariant) omin = cb_variant_lookup_path (optimizer, min_path);
          g_autoptr(GVariant) omax = cb_variant_lookup_path (optimizer, max_path);
          double lo = omin ? number_of (omin) : NAN;
          double hi = omax ? number_of (omax) : NAN;

          if ((!isnan (lo) && d < lo) || (!isnan (hi) && d > hi))
            {
              g_autofree char *lo_text = isnan (lo) ? g_strdup ("−∞") : format_number (f, lo);
              g_autofree char *hi_text = isnan (hi) ? g_strdup ("∞") : format_number (f, hi);
              State *opt = g_hash_table_lookup (self->by_key, f->optimizer_key);
              const char *name = opt ? string_of (scope_lookup (f->optimizer_key, &scope)) : NULL;

              add_message (messages, CB_SEVERITY_ERROR,
                           g_strdup_printf (_("%s must be between %s and %s for the optimizer “%s”."),
                                            label, lo_text, hi_text,
                                            name ? name : f->optimizer_fallback ? f->optimizer_fallback : "?"));
            }
        }
    }

  if (f->type == CB_FIELD_SELECT)
    {
      const char *value = string_of (v);
      g_autoptr(GPtrArray) filter = NULL;

      if (option_missing (self, s, value, label, messages))
        return;

      if (f->filter_by_architecture_key != NULL && arch != NULL)
        {
          g_autoptr(GVariant) list = cb_variant_lookup_path (arch, f->filter_by_architecture_key);
          const char *arch_name = string_of (scope_lookup (f->architecture_key, &scope));

          filter = string_list (list);
          if (filter != NULL && filter->len > 0 && !strings_contain (filter, value))
            {
              if (g_str_has_prefix (f->filter_by_architecture_key, "recommended"))
                add_message (messages, CB_SEVERITY_WARNING,
                             g_strdup_printf (_("%s “%s” is not recommended for the architecture “%s”."),
                                              label, value, arch_name ? arch_name : "?"));
              else
                add_message (messages, CB_SEVERITY_ERROR,
                             g_strdup_printf (_("%s “%s” is not compatible with the architecture “%s”."),
                                              label, value, arch_name ? arch_name : "?"));
            }
        }
    }
}

static char **
resolve_overrides (CbForm *self,
                   guint   index)
{
  State *s = &self->states[index];
  CbField *f = s->field;
  Scope scope = { self, index };
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *text = NULL;

  if (f->targets == NULL || !s->visible || cb_value_is_empty (s->value) || !cb_field_has_value (f))
    return NULL;
  if (f->emit_if != NULL && !cb_expr_evaluate_bool (f->emit_if, scope_lookup, &scope))
    return NULL;

  if (f->suffix_parts != NULL &&
      (f->suffix_when == NULL || cb_expr_evaluate_bool (f->suffix_when, scope_lookup, &scope)))
    {
      GString *value = g_string_new (string_of (s->value));

      for (guint i = 0; f->suffix_parts[i] != NULL; i++)
        {
          GVariant *part = scope_lookup (f->suffix_parts[i], &scope);
          g_autofree char *part_text = NULL;

          if (cb_value_is_empty (part))
            continue;
          part_text = cb_format_value (part);
          g_string_append (value, f->suffix_separator);
          g_string_append (value, part_text);
        }
      text = g_string_free (value, FALSE);
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; f->targets[i] != NULL; i++)
    {
      if (text != NULL)
        strv_builder_take (builder, cb_format_override_text (f->targets[i], text));
      else
        strv_builder_take (builder, cb_format_override (f->targets[i], s->value));
    }

  return g_strv_builder_end (builder);
}

static char **
resolve_extras (CbForm *self,
                guint   index)
{
  State *s = &self->states[index];
  CbField *f = s->field;
  Scope scope = { self, index };
  g_autofree char *name = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GVariant *entry;
  GStrvBuilder *builder;

  if (f->extra_metadata == NULL || !s->visible || cb_value_is_empty (s->value))
    return NULL;
  if (f->emit_if != NULL && !cb_expr_evaluate_bool (f->emit_if, scope_lookup, &scope))
    return NULL;

  name = cb_format_value (s->value);
  entry = cb_project_get_metadata_entry (self->project, f->extra_metadata, name);
  list = entry ? cb_variant_lookup_path (entry, f->extra_key) : NULL;
  items = string_list (list);
  if (items == NULL || items->len == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < items->len; i++)
    strv_builder_take (builder, cb_format_verbatim (g_ptr_array_index (items, i)));

  {
    char **result = g_strv_builder_end (builder);

    g_strv_builder_unref (builder);
    return result;
  }
}

static gboolean
messages_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const CbDiagnostic *x = g_ptr_array_index (a, i);
      const CbDiagnostic *y = g_ptr_array_index (b, i);

      if (x->severity != y->severity || strcmp (x->message, y->message) != 0)
        return FALSE;
    }

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

static gboolean
variant_same (GVariant *a,
              GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_variant_equal (a, b);
}

/* Resolves one field; returns what changed, and whether its overrides did */
static guint
resolve_field (CbForm   *self,
               guint     index,
               gboolean *command_changed)
{
  State *s = &self->states[index];
  CbField *f = s->field;
  Scope scope = { self, index };
  GVariant *arch = cb_field_uses_architecture (f) ? architecture_entry (self, index) : NULL;
  GVariant *optimizer = cb_field_uses_optimizer (f) ? optimizer_entry (self, index) : NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) options = NULL;
  g_autoptr(GVariant) def = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_auto(GStrv) overrides = NULL;
  g_auto(GStrv) extras = NULL;
  g_autofree char *help = NULL;
  g_autofree char *info = NULL;
  gboolean visible;
  guint changes = 0;
  GVariant *value;
  double min = f->min_value, max = f->max_value, step = f->step;
  gboolean has_min = f->has_min_value, has_max = f->has_max_value;

  visible = f->visible_if == NULL || cb_expr_evaluate_bool (f->visible_if, scope_lookup, &scope);
  if (visible != s->visible)
    {
      s->visible = visible;
      changes |= CB_FIELD_CHANGED_VISIBLE;
    }

  if (f->type == CB_FIELD_SELECT || f->type == CB_FIELD_MULTISELECT)
    {
      options = resolve_options (self, index, arch, &all);
      if (!cb_options_equal (options, s->options))
        {
          g_set_object (&s->options, options);
          changes |= CB_FIELD_CHANGED_OPTIONS;
        }
      g_set_object (&s->all_options, all);
    }

  def = resolve_default (self, index, arch, optimizer, s->options);
  if (!variant_same (def, s->def))
    {
      g_clear_pointer (&s->def, g_variant_unref);
      s->def = g_steal_pointer (&def);
    }

  value = s->user ? s->user : s->def;
  if (!variant_same (value, s->value))
    {
      g_clear_pointer (&s->value, g_variant_unref);
      s->value = value ? g_variant_ref (value) : NULL;
      changes |= CB_FIELD_CHANGED_VALUE;
    }

  if (f->optimizer_metadata_key != NULL && optimizer != NULL)
    {
      g_autoptr(GVariant) range = cb_variant_lookup_path (optimizer, f->optimizer_metadata_key);
      g_autoptr(GVariant) vmin = cb_variant_lookup_path (range, "min");
      g_autoptr(GVariant) vmax = cb_variant_lookup_path (range, "max");
      g_autoptr(GVariant) vstep = cb_variant_lookup_path (range, "step");

      if (vmin != NULL && !isnan (number_of (vmin)))
        min = number_of (vmin), has_min = TRUE;
      if (vmax != NULL && !isnan (number_of (vmax)))
        max = number_of (vmax), has_max = TRUE;
      if (vstep != NULL && !isnan (number_of (vstep)))
        step = number_of (vstep);
    }
  if (min != s->min || max != s->max || step != s->step ||
      has_min != s->has_min || has_max != s->has_max)
    {
      s->has_min = has_min;
      s->has_max = has_max;
      s->min = min;
      s->max = max;
      s->step = step;
      changes |= CB_FIELD_CHANGED_RANGE;
    }

  help = resolve_help (self, index, arch, optimizer);
  if (g_strcmp0 (help, s->help) != 0)
    {
      g_free (s->help);
      s->help = g_steal_pointer (&help);
      changes |= CB_FIELD_CHANGED_HELP;
    }

  info = resolve_info (self, index, arch);
  if (g_strcmp0 (info, s->info) != 0)
    {
      g_free (s->info);
      s->info = g_steal_pointer (&info);
      changes |= CB_FIELD_CHANGED_INFO;
    }

  messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  validate (self, index, arch, optimizer, messages);
  if (!messages_equal (messages, s->messages))
    {
      g_ptr_array_unref (s->messages);
      s->messages = g_steal_pointer (&messages);
      changes |= CB_FIELD_CHANGED_MESSAGES;
      *command_changed = TRUE;
    }

  overrides = resolve_overrides (self, index);
  extras = resolve_extras (self, index);
  if (!strv_equal0 (overrides, s->overrides) || !strv_equal0 (extras, s->extras))
    {
      g_strfreev (s->overrides);
      g_strfreev (s->extras);
      s->overrides = g_steal_pointer (&overrides);
      s->extras = g_steal_pointer (&extras);
      *command_changed = TRUE;
    }

  return changes;
}

static void
mark_dirty (CbForm *self,
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

      if (d != index)
        mark_dirty (self, d);
    }
}

/* Resolves every dirty field, in schema order, and then the fields that
 * depend on those that changed. A field above a changed one (an expression
 * that names a field further down) takes another pass; the passes are
 * bounded so that a schema whose fields feed each other still settles.
 */
static void
resolve (CbForm *self)
{
  gboolean command_changed = FALSE;
  guint passes = 0;

  while (self->lowest_dirty < self->n_states && passes++ < 8)
    {
      guint start = self->lowest_dirty;

      self->lowest_dirty = G_MAXUINT;
      for (guint i = start; i < self->n_states; i++)
        {
          State *s = &self->states[i];
          guint changes;

          if (!s->dirty)
            continue;

          s->dirty = FALSE;
          changes = resolve_field (self, i, &command_changed);
          s->changes |= changes;
          if (changes & (CB_FIELD_CHANGED_VISIBLE | CB_FIELD_CHANGED_VALUE))
            mark_dependents_dirty (self, i);
        }
    }

  /* Whatever was left by the bound is dropped, not kept for later */
  for (guint i = 0; i < self->n_states; i++)
    self->states[i].dirty = FALSE;
  self->lowest_dirty = G_MAXUINT;

  if (command_changed)
    {
      invalidate_command (self);
      self->changed_pending = TRUE;
    }

  if (self->batch > 0)
    return;

  for (guint i = 0; i < self->n_states; i++)
    {
      State *s = &self->states[i];
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

/* Values */

static State *
lookup_state (CbForm     *self,
              const char *key)
{
  return g_hash_table_lookup (self->by_key, key);
}

/* Stores @value as the user's, or forgets it when it is the default */
static gboolean
store_user_value (CbForm   *self,
                  State    *s,
                  GVariant *value)
{
  g_autoptr(GVariant) v = NULL;

  if (value != NULL)
    {
      v = cb_field_coerce_value (s->field, value);
      if (v == NULL)
        return FALSE;
    }

  if (v != NULL && variant_same (v, s->def))
    g_clear_pointer (&v, g_variant_unref);

  if (variant_same (v, s->user))
    return TRUE;

  g_clear_pointer (&s->user, g_variant_unref);
  s->user = g_steal_pointer (&v);
  mark_dirty (self, s->field->index);

  return TRUE;
}

/**
 * cb_form_set_value:
 * @key: a field key
 * @value: (nullable): the value, converted to the field's type; %NULL, or
 *   the field's default, makes the field follow its default again
 *
 * Returns: %FALSE when @key is not a field with a value, or @value does
 *   not fit its type
 */
gboolean
cb_form_set_value (CbForm     *self,
                   const char *key,
                   GVariant   *value)
{
  State *s;

  g_return_val_if_fail (CB_IS_FORM (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  s = lookup_state (self, key);
  if (s == NULL || !cb_field_has_value (s->field))
    return FALSE;

  if (!store_user_value (self, s, value))
    return FALSE;

  resolve (self);
  return TRUE;
}

/**
 * cb_form_set_values:
 * @values: an `a{sv}` of field keys to values
 *
 * Sets several values in one step: the form resolves once. Keys that are
 * not fields with a value, and values that do not fit, are skipped.
 */
void
cb_form_set_values (CbForm   *self,
                    GVariant *values)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_if_fail (CB_IS_FORM (self));
  g_return_if_fail (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT));

  /* Resolve after each value so that a default that depends on an earlier
   * value (the architecture's) is known when a later one is compared to it,
   * but announce only once.
   */
  self->batch++;
  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      State *s = lookup_state (self, key);

      if (s != NULL && cb_field_has_value (s->field))
        {
          store_user_value (self, s, value);
          resolve (self);
        }
      g_variant_unref (value);
    }
  self->batch--;

  resolve (self);
}

/**
 * cb_form_load_values:
 * @values: stored values, an `a{sv}`
 *
 * Sets stored values, dropping those that no longer fit the schema: a key
 * it does not have, a value of the wrong type, an option that is gone.
 *
 * Returns: (transfer full) (nullable): the keys that were dropped, or
 *   %NULL when none was
 */
char **
cb_form_load_values (CbForm   *self,
                     GVariant *values)
{
  g_autoptr(GStrvBuilder) dropped = g_strv_builder_new ();
  g_autoptr(GVariantBuilder) kept = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) kept_values = NULL;
  gboolean any = FALSE;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);
  g_return_val_if_fail (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      State *s = lookup_state (self, key);
      g_autoptr(GVariant) coerced = NULL;

      if (s != NULL && cb_field_has_value (s->field))
        coerced = cb_field_coerce_value (s->field, value);

      if (coerced != NULL)
        g_variant_builder_add (kept, "{sv}", key, coerced);
      else
        {
          g_strv_builder_add (dropped, key);
          any = TRUE;
        }
      g_variant_unref (value);
    }

  kept_values = g_variant_ref_sink (g_variant_builder_end (kept));
  cb_form_set_values (self, kept_values);

  /* Options are known only now: drop values that are no longer one */
  for (guint i = 0; i < self->n_states; i++)
    {
      State *s = &self->states[i];
      gboolean stale = FALSE;

      if (s->user == NULL || s->all_options == NULL)
        continue;

      /* A checkpoint that is gone (or not scanned yet) is kept: the field
       * says that its file does not exist, and nothing typed is lost
       */
      if (over_paths (self, s->field))
        continue;

      if (s->field->type == CB_FIELD_SELECT)
        stale = cb_options_find (s->all_options, string_of (s->user)) < 0;
      else if (s->field->type == CB_FIELD_MULTISELECT)
        {
          gsize n = g_variant_n_children (s->user);

          for (gsize k = 0; k < n && !stale; k++)
            {
              const char *item;

              g_variant_get_child (s->user, k, "&s", &item);
              stale = cb_options_find (s->all_options, item) < 0;
            }
        }

      if (stale)
        {
          g_strv_builder_add (dropped, s->field->key);
          any = TRUE;
          store_user_value (self, s, NULL);
        }
    }
  resolve (self);

  return any ? g_strv_builder_end (dropped) : NULL;
}

/**
 * cb_form_reset:
 *
 * Forgets every value the user set.
 */
void
cb_form_reset (CbForm *self)
{
  g_return_if_fail (CB_IS_FORM (self));

  for (guint i = 0; i < self->n_states; i++)
    {
      State *s = &self->states[i];

      if (s->user != NULL)
        {
          g_clear_pointer (&s->user, g_variant_unref);
          mark_dirty (self, i);
        }
    }

  resolve (self);
}

/**
 * cb_form_get_user_values:
 *
 * Returns: (transfer full): an `a{sv}` of the values the user set that
 *   differ from their resolved default: what is worth storing
 */
GVariant *
cb_form_get_user_values (CbForm *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < self->n_states; i++)
    {
      State *s = &self->states[i];

      if (s->user != NULL && !variant_same (s->user, s->def))
        g_variant_builder_add (&builder, "{sv}", s->field->key, s->user);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
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
  State *s;

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
 * Returns: (transfer none) (element-type CbDiagnostic): the field's
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
 * Returns: (transfer none) (element-type CbDiagnostic): every validation
 *   message of the visible fields, in schema order
 */
GPtrArray *
cb_form_get_messages (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (self->messages == NULL)
    {
      self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
      for (guint i = 0; i < self->n_states; i++)
        {
          GPtrArray *messages = self->states[i].messages;

          for (guint k = 0; k < messages->len; k++)
            g_ptr_array_add (self->messages, cb_diagnostic_copy (g_ptr_array_index (messages, k)));
        }
    }

  return self->messages;
}

gboolean
cb_form_has_errors (CbForm *self)
{
  g_return_val_if_fail (CB_IS_FORM (self), TRUE);

  return cb_diagnostics_have_errors (cb_form_get_messages (self));
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
        strv_builder_take (builder, cb_format_verbatim (constants[i]));
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
 * cb_form_get_argv:
 *
 * Returns: (transfer none): the command: the runner, then the overrides
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
    self->display = cb_argv_to_display (cb_form_get_argv (self));

  return self->display;
}

/* Suggested setups */

static GVariant *
schema_architecture_entry (CbForm *self)
{
  State *s = lookup_state (self, "architecture");

  for (guint i = 0; s == NULL && i < self->n_states; i++)
    if (cb_field_uses_architecture (self->states[i].field))
      s = lookup_state (self, self->states[i].field->architecture_key);

  if (s == NULL)
    return NULL;

  return metadata_entry (self, s->field->index + 1, "architecture", s->field->key,
                         s->field->architecture_fallback);
}

/**
 * cb_form_get_use_cases:
 *
 * Returns: (transfer full) (nullable): the `use_cases` of the selected
 *   architecture: a list of `{id, title, description, recommendations}`
 */
GVariant *
cb_form_get_use_cases (CbForm *self)
{
  GVariant *entry;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (!cb_project_has_metadata_set (self->project, "architecture"))
    return NULL;

  entry = schema_architecture_entry (self);
  return entry ? cb_variant_lookup_path (entry, "use_cases") : NULL;
}

static GVariant *
find_use_case (GVariant   *use_cases,
               const char *id)
{
  gsize n;

  if (use_cases == NULL || !g_variant_is_of_type (use_cases, G_VARIANT_TYPE_ARRAY))
    return NULL;

  n = g_variant_n_children (use_cases);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (use_cases, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (child) : g_variant_ref (child);
      g_autoptr(GVariant) item_id = cb_variant_lookup_path (item, "id");

      if (item_id != NULL && g_strcmp0 (string_of (item_id), id) == 0)
        return g_steal_pointer (&item);
    }

  return NULL;
}

/**
 * cb_form_apply_use_case:
 * @id: the id of a use case of the selected architecture
 *
 * Sets every field the use case recommends, in one step.
 *
 * Returns: whether the use case exists
 */
gboolean
cb_form_apply_use_case (CbForm     *self,
                        const char *id)
{
  g_autoptr(GVariant) use_cases = NULL;
  g_autoptr(GVariant) use_case = NULL;
  g_autoptr(GVariant) recommendations = NULL;

  g_return_val_if_fail (CB_IS_FORM (self), FALSE);

  use_cases = cb_form_get_use_cases (self);
  use_case = find_use_case (use_cases, id);
  if (use_case == NULL)
    return FALSE;

  recommendations = cb_variant_lookup_path (use_case, "recommendations");
  if (recommendations != NULL && g_variant_is_of_type (recommendations, G_VARIANT_TYPE_VARDICT))
    cb_form_set_values (self, recommendations);

  return TRUE;
}

/**
 * cb_form_get_active_use_case:
 *
 * Returns: (transfer full) (nullable): the id of the use case whose every
 *   recommendation the form's values match
 */
char *
cb_form_get_active_use_case (CbForm *self)
{
  g_autoptr(GVariant) use_cases = NULL;
  gsize n;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  use_cases = cb_form_get_use_cases (self);
  if (use_cases == NULL || !g_variant_is_of_type (use_cases, G_VARIANT_TYPE_ARRAY))
    return NULL;

  n = g_variant_n_children (use_cases);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (use_cases, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (child) : g_variant_ref (child);
      g_autoptr(GVariant) id = cb_variant_lookup_path (item, "id");
      g_autoptr(GVariant) recommendations = cb_variant_lookup_path (item, "recommendations");
      gboolean matches = recommendations != NULL &&
                         g_variant_is_of_type (recommendations, G_VARIANT_TYPE_VARDICT);
      GVariantIter iter;
      const char *key;
      GVariant *value;

      if (!matches || string_of (id) == NULL)
        continue;

      g_variant_iter_init (&iter, recommendations);
      while (matches && g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          State *s = lookup_state (self, key);

          if (s != NULL && cb_field_has_value (s->field))
            {
              g_autoptr(GVariant) coerced = cb_field_coerce_value (s->field, value);

              matches = coerced != NULL && cb_value_equal (coerced, s->value);
            }
          g_variant_unref (value);
        }

      if (matches)
        return g_strdup (string_of (id));
    }

  return NULL;
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
      mark_dirty (self, i);

  resolve (self);
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
    mark_dirty (self, i);

  resolve (self);
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
