/* cb-form-tasks.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-form-private.h"
#include "cb-form-tasks.h"
#include "cb-option.h"
#include "cb-override.h"
#include "cb-override-lexer.h"
#include "cb-sweep.h"

/* The jobs of a form's multirun, one command each, for a Slurm job array
 * whose task N runs job N. The combinations are Hydra's basic sweeper's:
 * every combination of the sweeps, the first sweep (in command order)
 * varying slowest. Each job's command is the multirun's without the
 * multirun flag, each sweep replaced by the job's value, as Hydra's basic
 * launcher gives it, and `++hydra.job.num=N`, which Hydra sets for job
 * N of a multirun, so that a config that names its folders after the job
 * (`hydra.sweep.subdir: ${hydra.job.num}`) keeps the jobs apart. `++`
 * sets it whether the config has the key (Hydra's own, where it waits
 * for the launcher) or not (a runner that reads the configs itself).
 */

/* One sweep: the overrides of each of its values */
typedef struct
{
  GPtrArray *choices; /* of GStrv */
  GPtrArray *labels;  /* of char *, the same overrides as one text */
} Dimension;

/* A part of the command: fixed overrides, or a sweep's */
typedef struct
{
  char **fixed;
  int    dimension;
} Segment;

static void
dimension_free (Dimension *dimension)
{
  if (dimension == NULL)
    return;
  g_ptr_array_unref (dimension->choices);
  g_ptr_array_unref (dimension->labels);
  g_free (dimension);
}

static void
segment_free (Segment *segment)
{
  g_strfreev (segment->fixed);
  g_free (segment);
}

void
cb_form_task_free (CbFormTask *task)
{
  if (task == NULL)
    return;

  g_strfreev (task->argv);
  g_free (task->label);
  g_free (task);
}

static Dimension *
dimension_new (void)
{
  Dimension *dimension = g_new0 (Dimension, 1);

  dimension->choices = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  dimension->labels = g_ptr_array_new_with_free_func (g_free);
  return dimension;
}

static void
dimension_add (Dimension *dimension,
               char     **overrides)
{
  g_ptr_array_add (dimension->labels, g_strjoinv (" ", overrides));
  g_ptr_array_add (dimension->choices, overrides);
}

/* Fields' sweeps */

static GVariant *
item_at (GVariant *items,
         gsize     i)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (items, i);

  return g_variant_get_variant (boxed);
}

/* Hydra's range(): stops before its stop. Floats go as Hydra's decimal
 * steps do: each value from the start and a whole number of steps, so
 * that 0.1 steps give 0.3, not 0.30000000000000004.
 */
static void
expand_range (GVariant  *items,
              GPtrArray *values)
{
  g_autoptr(GVariant) start = item_at (items, 0);
  g_autoptr(GVariant) stop = item_at (items, 1);
  g_autoptr(GVariant) step = item_at (items, 2);

  if (g_variant_is_of_type (start, G_VARIANT_TYPE_INT64) &&
      g_variant_is_of_type (stop, G_VARIANT_TYPE_INT64) &&
      g_variant_is_of_type (step, G_VARIANT_TYPE_INT64))
    {
      gint64 from = g_variant_get_int64 (start), to = g_variant_get_int64 (stop);
      gint64 by = g_variant_get_int64 (step);

      for (gint64 v = from;
           by != 0 && (by > 0 ? v < to : v > to) && values->len <= CB_FORM_MAX_TASKS;
           v += by)
        g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (v)));
      return;
    }

  {
    long double from = _cb_form_number_of (start), to = _cb_form_number_of (stop);
    long double by = _cb_form_number_of (step);

    for (guint k = 0; by != 0 && values->len <= CB_FORM_MAX_TASKS; k++)
      {
        long double v = from + k * by;

        if (by > 0 ? v >= to : v <= to)
          break;
        g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_double ((double)v)));
      }
  }
}

/* Hydra's glob() over the options the form offers, in their order, as
 * the form's validation matches them
 */
static void
expand_glob (CbFieldState *s,
             GVariant     *patterns,
             GPtrArray    *values)
{
  guint n_options = s->options ? g_list_model_get_n_items (s->options) : 0;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_pattern_spec_free);

  for (gsize i = 0; i < g_variant_n_children (patterns); i++)
    {
      g_autoptr(GVariant) pattern = item_at (patterns, i);

      g_ptr_array_add (specs, g_pattern_spec_new (g_variant_get_string (pattern, NULL)));
    }

  for (guint k = 0; k < n_options; k++)
    {
      g_autoptr(CbOption) option = g_list_model_get_item (s->options, k);
      const char *value = cb_option_get_value (option);

      for (guint i = 0; i < specs->len; i++)
        if (g_pattern_spec_match_string (g_ptr_array_index (specs, i), value))
          {
            g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (value)));
            break;
          }
    }
}

static Dimension *
field_dimension (CbForm  *self,
                 guint    index,
                 GError **error)
{
  CbFieldState *s = &self->states[index];
  CbField *f = s->field;
  g_autoptr(GVariant) items = cb_sweep_get_items (s->value);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  Dimension *dimension;

  switch (cb_sweep_get_kind (s->value))
    {
    case CB_SWEEP_RANGE:
      expand_range (items, values);
      break;
    case CB_SWEEP_GLOB:
      expand_glob (s, items, values);
      break;
    case CB_SWEEP_LIST:
    default:
      for (gsize i = 0; i < g_variant_n_children (items); i++)
        g_ptr_array_add (values, item_at (items, i));
      break;
    }

  if (values->len == 0)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION, _("The sweep of %s has no value."),
                   f->label);
      return NULL;
    }

  dimension = dimension_new ();
  for (guint v = 0; v < values->len; v++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint t = 0; f->targets[t] != NULL; t++)
        _cb_form_strv_builder_take (builder,
                                    cb_override_build_full (f->operation, f->targets[t],
                                                            g_ptr_array_index (values, v),
                                                            cb_field_override_flags (f)));
      dimension_add (dimension, g_strv_builder_end (builder));
    }

  return dimension;
}

/* Literal sweeps: a constant override such as `seed=1,2`, `choice(a,b)` or
 * `range(1,4)`, split by Hydra's own tokens
 */

static CbOverrideTokenKind
kind_at (GArray *tokens,
         guint   i)
{
  return g_array_index (tokens, CbOverrideToken, i).kind;
}

static char *
token_text (const char      *value,
            GArray          *tokens,
            guint            first,
            guint            last)
{
  const CbOverrideToken *a, *b;

  /* Blanks around an item are not part of it */
  while (first < last && kind_at (tokens, first) == CB_OVERRIDE_TOKEN_WS)
    first++;
  while (last > first && kind_at (tokens, last - 1) == CB_OVERRIDE_TOKEN_WS)
    last--;
  if (first == last)
    return NULL;

  a = &g_array_index (tokens, CbOverrideToken, first);
  b = &g_array_index (tokens, CbOverrideToken, last - 1);
  return g_strndup (value + a->start, b->start + b->length - a->start);
}

/* The items between the commas at @depth of tokens first..last */
static GPtrArray *
split_items (const char *value,
             GArray     *tokens,
             guint       first,
             guint       last,
             int         depth)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  guint start = first;
  int level = 0;

  for (guint i = first; i <= last; i++)
    {
      CbOverrideTokenKind kind = i < last ? kind_at (tokens, i) : CB_OVERRIDE_TOKEN_COMMA;

      if (kind == CB_OVERRIDE_TOKEN_POPEN || kind == CB_OVERRIDE_TOKEN_BRACKET_OPEN ||
          kind == CB_OVERRIDE_TOKEN_BRACE_OPEN)
        level++;
      else if (kind == CB_OVERRIDE_TOKEN_PCLOSE || kind == CB_OVERRIDE_TOKEN_BRACKET_CLOSE ||
               kind == CB_OVERRIDE_TOKEN_BRACE_CLOSE)
        level--;
      else if (kind == CB_OVERRIDE_TOKEN_COMMA && (level == depth || i == last))
        {
          char *item = token_text (value, tokens, start, i);

          if (item == NULL)
            {
              g_ptr_array_unref (items);
              return NULL;
            }
          g_ptr_array_add (items, item);
          start = i + 1;
        }
    }

  return items;
}

static gboolean
expand_literal_range (GPtrArray *items,
                      GPtrArray *values)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("av"));
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  g_autoptr(GVariant) range = NULL;

  if (items->len < 1 || items->len > 3)
    return FALSE;
  /* range(stop) starts at 0 */
  if (items->len == 1)
    g_variant_builder_add (builder, "v", g_variant_new_int64 (0));
  for (guint i = 0; i < items->len; i++)
    {
      const char *text = g_ptr_array_index (items, i);
      char *end = NULL;
      gint64 integer;
      double number;

      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &integer, NULL))
        {
          g_variant_builder_add (builder, "v", g_variant_new_int64 (integer));
          continue;
        }
      number = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return FALSE;
      g_variant_builder_add (builder, "v", g_variant_new_double (number));
    }
  if (items->len < 3)
    g_variant_builder_add (builder, "v", g_variant_new_int64 (1));

  range = g_variant_ref_sink (g_variant_builder_end (builder));
  expand_range (range, expanded);
  for (guint i = 0; i < expanded->len; i++)
    {
      GVariant *v = g_ptr_array_index (expanded, i);

      g_ptr_array_add (values, g_variant_is_of_type (v, G_VARIANT_TYPE_INT64)
                                 ? g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (v))
                                 : cb_override_print_double (g_variant_get_double (v)));
    }
  return TRUE;
}

/* The values of a literal sweep as Hydra writes them, or NULL when it
 * cannot be told here (a glob over a config group, an interval)
 */
static GPtrArray *
literal_values (const char *value)
{
  g_autoptr(GArray) tokens = cb_override_lex (value, NULL);
  g_autoptr(GPtrArray) top = NULL;
  const CbOverrideToken *first;
  g_autofree char *function = NULL;
  GPtrArray *values;

  if (tokens == NULL || tokens->len == 0)
    return NULL;

  top = split_items (value, tokens, 0, tokens->len, 0);
  if (top == NULL)
    return NULL;
  if (top->len > 1)
    return g_steal_pointer (&top);

  first = &g_array_index (tokens, CbOverrideToken, 0);
  if (first->kind != CB_OVERRIDE_TOKEN_ID || tokens->len < 3 ||
      kind_at (tokens, 1) != CB_OVERRIDE_TOKEN_POPEN ||
      kind_at (tokens, tokens->len - 1) != CB_OVERRIDE_TOKEN_PCLOSE)
    return NULL;

  function = g_strndup (value + first->start, first->length);
  values = split_items (value, tokens, 2, tokens->len - 1, 0);
  if (values == NULL)
    return NULL;
  for (guint i = 0; i < values->len; i++)
    if (strchr (g_ptr_array_index (values, i), '=') != NULL)
      {
        /* Named arguments: shuffle=True and the like */
        g_ptr_array_unref (values);
        return NULL;
      }

  if (strcmp (function, "choice") == 0)
    return values;
  if (strcmp (function, "range") == 0)
    {
      g_autoptr(GPtrArray) items = values;

      values = g_ptr_array_new_with_free_func (g_free);
      if (expand_literal_range (items, values))
        return values;
    }

  g_ptr_array_unref (values);
  return NULL;
}

static Dimension *
literal_dimension (const char  *override,
                   GError     **error)
{
  const char *eq = strchr (override, '=');
  g_autoptr(GPtrArray) values = eq ? literal_values (eq + 1) : NULL;
  Dimension *dimension;

  if (values == NULL || values->len == 0)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                   _("The sweep “%s” cannot be split into jobs here; only values separated by "
                     "commas, choice() and range() can."), override);
      return NULL;
    }

  dimension = dimension_new ();
  for (guint i = 0; i < values->len; i++)
    {
      char *job[] = { g_strdup_printf ("%.*s%s", (int)(eq + 1 - override), override,
                                       (const char *)g_ptr_array_index (values, i)), NULL };

      dimension_add (dimension, g_strdupv (job));
      g_free (job[0]);
    }
  return dimension;
}

/* The command as segments, with the sweeps as dimensions */

static gboolean
add_literal (GPtrArray   *segments,
             GPtrArray   *dimensions,
             const char  *override,
             GError     **error)
{
  Segment *segment = g_new0 (Segment, 1);

  g_ptr_array_add (segments, segment);
  if (!cb_override_is_sweep (override))
    {
      char *fixed[] = { (char *)override, NULL };

      segment->fixed = g_strdupv (fixed);
      return TRUE;
    }

  segment->dimension = dimensions->len;
  g_ptr_array_add (dimensions, literal_dimension (override, error));
  return g_ptr_array_index (dimensions, dimensions->len - 1) != NULL;
}

static gboolean
build_segments (CbForm     *self,
                GPtrArray  *segments,
                GPtrArray  *dimensions,
                GError    **error)
{
  const char * const *constants = cb_schema_get_constant_overrides (self->schema);
  g_auto(GStrv) flag = cb_project_get_multirun_flag (self->project, self->schema);

  for (guint i = 0; constants && constants[i]; i++)
    {
      g_autofree char *override = cb_override_requote (constants[i]);

      /* A job runs on its own: a multirun flag written as a constant goes */
      if (g_strv_contains ((const char * const *)flag, constants[i]))
        continue;
      if (!add_literal (segments, dimensions, override, error))
        return FALSE;
    }

  for (guint i = 0; i < self->n_states; i++)
    {
      CbFieldState *s = &self->states[i];
      Segment *segment;

      if (s->overrides == NULL)
        continue;
      segment = g_new0 (Segment, 1);
      g_ptr_array_add (segments, segment);
      if (!cb_value_is_sweep (s->value))
        {
          segment->fixed = g_strdupv (s->overrides);
          continue;
        }
      segment->dimension = dimensions->len;
      g_ptr_array_add (dimensions, field_dimension (self, i, error));
      if (g_ptr_array_index (dimensions, dimensions->len - 1) == NULL)
        return FALSE;
    }

  for (guint i = 0; i < self->n_states; i++)
    for (guint k = 0; self->states[i].extras && self->states[i].extras[k]; k++)
      if (!add_literal (segments, dimensions, self->states[i].extras[k], error))
        return FALSE;

  return TRUE;
}

static CbFormTask *
make_task (CbForm    *self,
           GPtrArray *segments,
           GPtrArray *dimensions,
           guint      number)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) prefix = cb_project_get_command_prefix (self->project, self->schema);
  g_autofree guint *picks = g_new0 (guint, dimensions->len + 1);
  g_autoptr(GString) label = g_string_new (NULL);
  CbFormTask *task;
  guint rest = number;

  /* The first sweep varies slowest */
  for (guint d = dimensions->len; d-- > 0;)
    {
      Dimension *dimension = g_ptr_array_index (dimensions, d);

      picks[d] = rest % dimension->choices->len;
      rest /= dimension->choices->len;
    }

  g_strv_builder_addv (argv, (const char **)prefix);
  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = g_ptr_array_index (segments, i);
      Dimension *dimension;

      if (segment->fixed != NULL)
        {
          g_strv_builder_addv (argv, (const char **)segment->fixed);
          continue;
        }
      dimension = g_ptr_array_index (dimensions, segment->dimension);
      g_strv_builder_addv (argv, g_ptr_array_index (dimension->choices, picks[segment->dimension]));
      g_string_append_printf (label, "%s%s", label->len ? " " : "",
                              (const char *)g_ptr_array_index (dimension->labels,
                                                               picks[segment->dimension]));
    }
  _cb_form_strv_builder_take (argv, g_strdup_printf ("++hydra.job.num=%u", number));

  task = g_new0 (CbFormTask, 1);
  task->argv = g_strv_builder_end (argv);
  task->label = g_string_free (g_steal_pointer (&label), FALSE);
  return task;
}

/**
 * cb_form_get_tasks:
 * @max_tasks: the most jobs there may be
 *
 * Splits the form's multirun into its jobs, each a command of its own:
 * job N as Hydra's basic launcher would run it. Sweeps of fields are
 * expanded from their values (lists, ranges, and globs over the options
 * the field offers); literal sweeps of the schema from their text (values
 * separated by commas, `choice()` and `range()`).
 *
 * Returns: (transfer full) (element-type CbFormTask): the jobs, in
 *   Hydra's order; one, the form's own command, when it does not sweep;
 *   or %NULL with @error set when a sweep cannot be split or there are
 *   more than @max_tasks jobs
 */
GPtrArray *
cb_form_get_tasks (CbForm  *self,
                   guint    max_tasks,
                   GError **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify)segment_free);
  g_autoptr(GPtrArray) dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify)dimension_free);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_form_task_free);
  guint64 n = 1;

  g_return_val_if_fail (CB_IS_FORM (self), NULL);

  if (!cb_form_is_multirun (self))
    {
      CbFormTask *task = g_new0 (CbFormTask, 1);

      task->argv = g_strdupv ((char **)cb_form_get_argv (self));
      task->label = g_strdup ("");
      g_ptr_array_add (tasks, task);
      return g_steal_pointer (&tasks);
    }

  if (!build_segments (self, segments, dimensions, error))
    return NULL;

  for (guint d = 0; d < dimensions->len && n <= max_tasks; d++)
    n *= ((Dimension *)g_ptr_array_index (dimensions, d))->choices->len;
  if (n > max_tasks)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                   _("The sweeps make more than %u jobs, more than one job array may have."),
                   max_tasks);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (tasks, make_task (self, segments, dimensions, i));
  return g_steal_pointer (&tasks);
}
