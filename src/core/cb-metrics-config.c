/* cb-metrics-config.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-metrics-private.h"

/* The `metrics` setting of a project file or a schema: which metrics
 * matter, which are never read, a project's own pattern, and whether the
 * built-in forms are read. A schema's setting wins over the project's,
 * key by key (cb_metrics_config_merge()).
 */

static void
config_clear (CbMetricsConfig *self)
{
  g_free (self->pattern);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_strfreev (self->metric_groups);
  g_free (self->metric_numbers);
  g_strfreev (self->show);
  g_strfreev (self->ignore);
  g_clear_pointer (&self->show_specs, g_ptr_array_unref);
  g_clear_pointer (&self->ignore_specs, g_ptr_array_unref);
}

G_DEFINE_BOXED_TYPE (CbMetricsConfig, cb_metrics_config, cb_metrics_config_ref, cb_metrics_config_unref)

/**
 * cb_metrics_config_new:
 *
 * Returns: (transfer full): a config that sets nothing: every metric the
 *   built-in forms find is read and shown
 */
CbMetricsConfig *
cb_metrics_config_new (void)
{
  CbMetricsConfig *self = g_atomic_rc_box_new0 (CbMetricsConfig);

  self->enabled = -1;
  self->builtin = -1;
  self->step_group = self->epoch_group = self->name_group = self->value_group = -1;
  return self;
}

CbMetricsConfig *
cb_metrics_config_ref (CbMetricsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
cb_metrics_config_unref (CbMetricsConfig *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify)config_clear);
}

/* The names of the pattern's named groups: `(?<name>`, `(?P<name>` and
 * `(?'name'`; GRegex can look a group up by name but not list them.
 */
static char **
list_group_names (const char *pattern)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean in_class = FALSE;

  for (const char *p = pattern; *p != '\0'; p++)
    {
      const char *start = NULL;
      char close = '>';

      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (in_class)
        in_class = *p != ']';
      else if (*p == '[')
        in_class = TRUE;
      else if (g_str_has_prefix (p, "(?P<"))
        start = p + 4;
      else if (g_str_has_prefix (p, "(?<") && p[3] != '=' && p[3] != '!')
        start = p + 3;
      else if (g_str_has_prefix (p, "(?'"))
        start = p + 3, close = '\'';

      if (start != NULL)
        {
          const char *end = strchr (start, close);

          if (end != NULL && end > start)
            {
              char *name = g_strndup (start, end - start);

              if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
                g_free (name);
              else
                g_ptr_array_add (names, name);
            }
        }
    }

  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Compiles the pattern and finds its groups; NULL with @error set when it
 * is not a regular expression or names no metric.
 */
static GRegex *
compile_pattern (CbMetricsConfig  *self,
                 const char       *pattern,
                 GError          **error)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, error);
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) metrics = g_ptr_array_new ();

  if (regex == NULL)
    return NULL;

  names = list_group_names (pattern);
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains ((const char * const[]){ "step", "epoch", "name", "value", NULL }, names[i]))
      g_ptr_array_add (metrics, g_strdup (names[i]));
  g_ptr_array_add (metrics, NULL);

  self->step_group = g_regex_get_string_number (regex, "step");
  self->epoch_group = g_regex_get_string_number (regex, "epoch");
  self->name_group = g_regex_get_string_number (regex, "name");
  self->value_group = g_regex_get_string_number (regex, "value");
  g_strfreev (self->metric_groups);
  g_free (self->metric_numbers);
  self->metric_numbers = g_new (int, metrics->len);
  for (guint i = 0; i + 1 < metrics->len; i++)
    self->metric_numbers[i] = g_regex_get_string_number (regex, g_ptr_array_index (metrics, i));
  self->metric_groups = (char **)g_ptr_array_free (g_steal_pointer (&metrics), FALSE);

  if ((self->name_group < 0) != (self->value_group < 0))
    {
      g_set_error_literal (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE,
                           _("the groups “name” and “value” go together"));
      return NULL;
    }
  if (self->value_group < 0 && self->metric_groups[0] == NULL)
    {
      g_set_error_literal (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE,
                           _("it names no metric: it needs the groups “name” and “value”, "
                             "or a group named after each metric"));
      return NULL;
    }

  return g_steal_pointer (&regex);
}

static void
set_pattern (CbMetricsConfig *self,
             const char      *pattern,
             GError         **error)
{
  g_free (self->pattern);
  self->pattern = g_strdup (pattern);
  g_clear_pointer (&self->regex, g_regex_unref);
  if (pattern != NULL)
    self->regex = compile_pattern (self, pattern, error);
}

static GPtrArray *
compile_globs (const char * const *globs)
{
  GPtrArray *specs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_pattern_spec_free);

  for (guint i = 0; globs[i] != NULL; i++)
    g_ptr_array_add (specs, g_pattern_spec_new (globs[i]));
  return specs;
}

static void
set_list (char           ***list,
          GPtrArray       **specs,
          const char * const *globs)
{
  g_strfreev (*list);
  g_clear_pointer (specs, g_ptr_array_unref);
  *list = g_strdupv ((char **)globs);
  if (globs != NULL)
    *specs = compile_globs (globs);
}

/* A list of names or globs, or one */
static char **
read_names (CbNode     *node,
            const char *key,
            GPtrArray  *diagnostics)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (cb_node_get_kind (node) == CB_NODE_SCALAR && !cb_node_is_null (node))
    g_ptr_array_add (names, g_strdup (cb_node_get_scalar (node)));
  else if (cb_node_get_kind (node) == CB_NODE_SEQUENCE)
    for (guint i = 0; i < cb_node_get_n_children (node); i++)
      {
        CbNode *item = cb_node_get_child (node, i);

        if (cb_node_get_kind (item) == CB_NODE_SCALAR && !cb_node_is_null (item))
          g_ptr_array_add (names, g_strdup (cb_node_get_scalar (item)));
        else
          cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, item,
                                 _("the items of “%s” must be metric names"), key);
      }
  else
    {
      cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                             _("“%s” must be a list of metric names, not %s"),
                             key, cb_node_kind_to_string (cb_node_get_kind (node)));
      return NULL;
    }

  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
load_mapping (CbMetricsConfig *self,
              CbNode          *node,
              GPtrArray       *diagnostics)
{
  static const char * const known[] = { "pattern", "show", "ignore", "builtin", NULL };
  CbNode *child;

  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      CbNode *key = cb_node_get_key (node, i);

      if (cb_node_get_scalar (key) == NULL || !g_strv_contains (known, cb_node_get_scalar (key)))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_WARNING, key,
                               _("unknown key “%s” in “metrics”; it is ignored"),
                               cb_node_get_scalar (key) ? cb_node_get_scalar (key) : "?");
    }

  if ((child = cb_node_lookup (node, "pattern")) != NULL && !cb_node_is_null (child))
    {
      g_autoptr(GError) error = NULL;

      if (cb_node_get_kind (child) != CB_NODE_SCALAR)
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, child,
                               _("“pattern” must be a regular expression"));
      else
        {
          set_pattern (self, cb_node_get_scalar (child), &error);
          if (error != NULL)
            cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, child,
                                   _("“pattern” is not a usable regular expression: %s"),
                                   error->message);
        }
    }

  if ((child = cb_node_lookup (node, "show")) != NULL && !cb_node_is_null (child))
    {
      g_auto(GStrv) names = read_names (child, "show", diagnostics);

      if (names != NULL)
        set_list (&self->show, &self->show_specs, (const char * const *)names);
    }

  if ((child = cb_node_lookup (node, "ignore")) != NULL && !cb_node_is_null (child))
    {
      g_auto(GStrv) names = read_names (child, "ignore", diagnostics);

      if (names != NULL)
        set_list (&self->ignore, &self->ignore_specs, (const char * const *)names);
    }

  if ((child = cb_node_lookup (node, "builtin")) != NULL && !cb_node_is_null (child))
    {
      gboolean value;

      if (cb_node_get_boolean (child, &value))
        self->builtin = value;
      else
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, child,
                               _("“builtin” must be true or false"));
    }
}

/**
 * cb_metrics_config_load:
 * @node: (nullable): the value of a project's or schema's `metrics` key
 * @diagnostics: (element-type CbDiagnostic) (nullable): where problems go,
 *   with their file, line and column
 *
 * Reads a `metrics` setting: `false` to read no metrics, a list of the
 * metrics to show, or a mapping with `pattern`, `show`, `ignore` and
 * `builtin` (see schemas/README.md). A part with a problem is left unset;
 * the rest is kept.
 *
 * Returns: (transfer full): the config
 */
CbMetricsConfig *
cb_metrics_config_load (CbNode    *node,
                        GPtrArray *diagnostics)
{
  CbMetricsConfig *self = cb_metrics_config_new ();
  g_autoptr(GPtrArray) dropped = NULL;
  gboolean enabled;

  if (node == NULL || cb_node_is_null (node))
    return self;
  if (diagnostics == NULL)
    diagnostics = dropped = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);

  switch (cb_node_get_kind (node))
    {
    case CB_NODE_SCALAR:
      if (cb_node_get_boolean (node, &enabled))
        self->enabled = enabled;
      else
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                               _("“metrics” must be a mapping, a list of metric names, or true or false"));
      break;

    case CB_NODE_SEQUENCE:
      {
        g_auto(GStrv) names = read_names (node, "metrics", diagnostics);

        set_list (&self->show, &self->show_specs, (const char * const *)names);
      }
      break;

    case CB_NODE_MAPPING:
    default:
      load_mapping (self, node, diagnostics);
      break;
    }

  return self;
}

/**
 * cb_metrics_config_merge:
 * @base: (nullable): the project's config
 * @over: (nullable): the schema's config, whose settings win
 *
 * Returns: (transfer full): the config of a schema's runs
 */
CbMetricsConfig *
cb_metrics_config_merge (CbMetricsConfig *base,
                         CbMetricsConfig *over)
{
  CbMetricsConfig *self = cb_metrics_config_new ();
  CbMetricsConfig *from;

  from = over != NULL && over->enabled != -1 ? over : base;
  self->enabled = from ? from->enabled : -1;
  from = over != NULL && over->builtin != -1 ? over : base;
  self->builtin = from ? from->builtin : -1;

  /* A pattern that did not compile was reported when it was loaded */
  from = over != NULL && over->pattern != NULL ? over : base;
  if (from != NULL && from->regex != NULL)
    set_pattern (self, from->pattern, NULL);

  from = over != NULL && over->show != NULL ? over : base;
  if (from != NULL)
    set_list (&self->show, &self->show_specs, (const char * const *)from->show);
  from = over != NULL && over->ignore != NULL ? over : base;
  if (from != NULL)
    set_list (&self->ignore, &self->ignore_specs, (const char * const *)from->ignore);

  return self;
}

static gboolean
same_names (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *)a, (const char * const *)b);
}

/**
 * cb_metrics_config_equal:
 *
 * Returns: whether the two read a run's output alike and show the same
 *   metrics, so that metrics read with one stand for the other
 */
gboolean
cb_metrics_config_equal (CbMetricsConfig *a,
                         CbMetricsConfig *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->enabled == b->enabled && a->builtin == b->builtin &&
         g_strcmp0 (cb_metrics_config_get_pattern (a), cb_metrics_config_get_pattern (b)) == 0 &&
         same_names (a->show, b->show) && same_names (a->ignore, b->ignore);
}

/**
 * cb_metrics_config_get_enabled:
 *
 * Returns: whether runs' metrics are read at all (`metrics: false` says no)
 */
gboolean
cb_metrics_config_get_enabled (CbMetricsConfig *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->enabled != 0;
}

/**
 * cb_metrics_config_get_pattern:
 *
 * Returns: (nullable): the project's own pattern, if it compiled
 */
const char *
cb_metrics_config_get_pattern (CbMetricsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->regex != NULL ? self->pattern : NULL;
}

/**
 * cb_metrics_config_get_show:
 *
 * Returns: (nullable): the names and globs of the metrics that matter, in
 *   the order they are to be shown; %NULL shows every metric
 */
const char * const *
cb_metrics_config_get_show (CbMetricsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->show;
}

static gboolean
matches_any (GPtrArray  *specs,
             const char *name)
{
  for (guint i = 0; specs != NULL && i < specs->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (specs, i), name))
      return TRUE;
  return FALSE;
}

/**
 * cb_metrics_config_is_shown:
 *
 * Returns: whether a chart of @name is shown without asking: every metric
 *   when `show` is not set, else those it names
 */
gboolean
cb_metrics_config_is_shown (CbMetricsConfig *self,
                            const char      *name)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->show == NULL || matches_any (self->show_specs, name);
}

/**
 * cb_metrics_config_is_ignored:
 *
 * Returns: whether @name is never read (`v_num`, and what `ignore` names)
 */
gboolean
cb_metrics_config_is_ignored (CbMetricsConfig *self,
                              const char      *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_str_equal (name, "v_num") || matches_any (self->ignore_specs, name);
}
