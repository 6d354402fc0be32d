/* cb-metrics-parser.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-metrics-parser.h"

/* Metrics read from what a run prints.
 *
 * A line gives metrics when it says where the run is: an epoch or step
 * marker (`Epoch 3/10`, `epoch=3`, `'epoch': 0.5`, `Step [100/600]`,
 * `iter 40`), a tqdm bar (`40%|####  | 4/10 [...]`) or a Keras bar
 * (`10/10 [=====] - ...`). Its values are the `name=value`, `name: value`
 * and `'name': value` pairs on it, and, on a line that starts with a marker
 * and has no such pairs, `name value` pairs (`epoch 3 loss 0.43 acc 0.91`)
 * when the whole rest of the line is made of them. Lightning's tables of
 * test and validation metrics (`Test metric  DataLoader 0`) give a value
 * per row.
 *
 * What is not read, so that a run's config dump, its overrides and its
 * prose make no curves: pairs on a line with no marker or bar
 * (`Optimizer: adam, lr=0.001`); a value followed by anything but a
 * separator (`3/10`, `12:00:00`, `2026-11-30`, `9.5it/s`, `40%`, `0.5s`,
 * `epoch=09-step=0100.ckpt`); a word marker inside a sentence (`already
 * at epoch 3:`); `v_num`; nan and inf.
 *
 * The x of a point counts epochs completed: `Epoch 3/10` (1-based, as
 * `3 of 10` says) is 3 at the end of the epoch and 2.4 when its bar is at
 * 4/10; `Epoch 3:` with a bar (Lightning, 0-based) is 3.4 at 4/10.
 * A global step (`step=1200`) is its own x; a line that tells neither
 * takes what earlier lines told, else the count of lines with metrics.
 *
 * The parser allocates nothing per line: names are copied into a fixed
 * table, and numbers of up to 15 digits are converted without strtod.
 */

#define READ_SIZE 65536
/* As the run view: the start of a longer line is read, the rest skipped */
#define MAX_LINE (16 * 1024)
#define MAX_DECISIONS 4096
#define MAX_NUMBER 63

/* Config */

struct _CbMetricsConfig
{
  int         enabled;  /* -1: not set */
  int         builtin;  /* -1: not set */
  char       *pattern;
  GRegex     *regex;
  int         step_group;
  int         epoch_group;
  int         name_group;
  int         value_group;
  char      **metric_groups;  /* named groups that are metrics */
  int        *metric_numbers;
  char      **show;
  char      **ignore;
  GPtrArray  *show_specs;
  GPtrArray  *ignore_specs;
};

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

static void
report (GPtrArray    *diagnostics,
        CbSeverity    severity,
        const CbNode *node,
        const char   *format,
        ...) G_GNUC_PRINTF (4, 5);

static void
report (GPtrArray    *diagnostics,
        CbSeverity    severity,
        const CbNode *node,
        const char   *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (diagnostics == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (diagnostics, cb_diagnostic_new (severity, cb_node_get_file (node),
                                                   cb_node_get_line (node),
                                                   cb_node_get_column (node), message));
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
          report (diagnostics, CB_SEVERITY_ERROR, item,
                  _("the items of “%s” must be metric names"), key);
      }
  else
    {
      report (diagnostics, CB_SEVERITY_ERROR, node,
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
        report (diagnostics, CB_SEVERITY_WARNING, key, _("unknown key “%s” in “metrics”; it is ignored"),
                cb_node_get_scalar (key) ? cb_node_get_scalar (key) : "?");
    }

  if ((child = cb_node_lookup (node, "pattern")) != NULL && !cb_node_is_null (child))
    {
      g_autoptr(GError) error = NULL;

      if (cb_node_get_kind (child) != CB_NODE_SCALAR)
        report (diagnostics, CB_SEVERITY_ERROR, child, _("“pattern” must be a regular expression"));
      else
        {
          set_pattern (self, cb_node_get_scalar (child), &error);
          if (error != NULL)
            report (diagnostics, CB_SEVERITY_ERROR, child,
                    _("“pattern” is not a usable regular expression: %s"), error->message);
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
        report (diagnostics, CB_SEVERITY_ERROR, child, _("“builtin” must be true or false"));
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
  gboolean enabled;

  if (node == NULL || cb_node_is_null (node))
    return self;

  switch (cb_node_get_kind (node))
    {
    case CB_NODE_SCALAR:
      if (cb_node_get_boolean (node, &enabled))
        self->enabled = enabled;
      else
        report (diagnostics, CB_SEVERITY_ERROR, node,
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

/* Parser */

struct _CbMetricsParser
{
  CbMetricsConfig *config;
  gboolean         builtin;
  GHashTable      *decisions;  /* name → 1 kept, 2 ignored; only with an `ignore` */

  char             names[CB_METRICS_MAX_VALUES][CB_METRICS_MAX_NAME + 1];
  CbMetricsValue   values[CB_METRICS_MAX_VALUES];
  guint            n_values;
  CbMetricsSample  sample;

  /* What earlier lines told */
  double           epoch;           /* epochs completed */
  double           epoch_number;    /* as printed */
  gboolean         epoch_of_total;  /* printed as `3/10`: counted from 1 */
  double           step;
  double           count;
  gboolean         in_table;
};

/* What one line tells besides its values */
typedef struct
{
  double       epoch;        /* as printed */
  gboolean     epoch_of_total;
  double       step;
  double       step_total;   /* `Step [100/600]`: inside the epoch when there is one */
  double       done;         /* a bar, or `[k/n]` after the epoch */
  double       total;
  gboolean     counts;       /* a marker, a bar or a table row: the values count */
  gboolean     keras;
  const char  *start_marker; /* the end of a marker that starts the line */
} LineInfo;

static void
line_info_init (LineInfo *info)
{
  memset (info, 0, sizeof *info);
  info->epoch = info->step = NAN;
}

/**
 * cb_metrics_parser_new:
 * @config: (nullable): the project's or schema's `metrics` setting
 *
 * Returns: (transfer full): a parser for the lines of one run, in order
 */
CbMetricsParser *
cb_metrics_parser_new (CbMetricsConfig *config)
{
  CbMetricsParser *self = g_new0 (CbMetricsParser, 1);

  self->config = config ? cb_metrics_config_ref (config) : cb_metrics_config_new ();
  self->builtin = self->config->builtin != 0;
  if (self->config->ignore != NULL)
    self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->epoch = self->epoch_number = self->step = NAN;
  for (guint i = 0; i < CB_METRICS_MAX_VALUES; i++)
    self->values[i].name = self->names[i];
  self->sample.values = self->values;

  return self;
}

void
cb_metrics_parser_free (CbMetricsParser *self)
{
  if (self == NULL)
    return;

  cb_metrics_config_unref (self->config);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  g_free (self);
}

/**
 * cb_metrics_parser_get_config:
 *
 * Returns: (transfer none): the config the parser follows
 */
CbMetricsConfig *
cb_metrics_parser_get_config (CbMetricsParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->config;
}

static gboolean
keep_name (CbMetricsParser *self,
           const char      *name)
{
  gpointer decision;

  if (self->decisions == NULL)
    return !g_str_equal (name, "v_num");

  decision = g_hash_table_lookup (self->decisions, name);
  if (decision == NULL)
    {
      decision = GINT_TO_POINTER (cb_metrics_config_is_ignored (self->config, name) ? 2 : 1);
      /* A run that invents names without end costs a match each, no memory */
      if (g_hash_table_size (self->decisions) < MAX_DECISIONS)
        g_hash_table_insert (self->decisions, g_strdup (name), decision);
    }

  return GPOINTER_TO_INT (decision) == 1;
}

static void
add_value (CbMetricsParser *self,
           const char      *name,
           gsize            length,
           double           value)
{
  char *copy;

  if (self->n_values == CB_METRICS_MAX_VALUES || length == 0 || length > CB_METRICS_MAX_NAME ||
      !isfinite (value))
    return;

  copy = self->names[self->n_values];
  memcpy (copy, name, length);
  copy[length] = '\0';
  if (!keep_name (self, copy))
    return;

  self->values[self->n_values++].value = value;
}

/* Scanning */

static inline gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '/' || c == '-';
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && is_blank (*p))
    p++;
  return p;
}

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Reads `[-+]digits[.digits][e[-+]digits]`. Up to 15 digits and a power
 * of ten up to 22, one multiplication or division of two exact doubles is
 * correctly rounded (Clinger's fast path); anything else goes to strtod.
 */
static const char *
scan_number (const char *p,
             const char *end,
             double     *value)
{
  const char *start = p;
  guint64 mantissa = 0;
  int n_digits = 0, scale = 0, exponent = 0;
  gboolean negative = FALSE, any = FALSE;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end && g_ascii_isdigit (*p); p++, any = TRUE)
    if (mantissa != 0 || *p != '0')
      mantissa = mantissa * 10 + (*p - '0'), n_digits++;
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++, any = TRUE)
      {
        if (mantissa != 0 || *p != '0')
          mantissa = mantissa * 10 + (*p - '0'), n_digits++;
        scale++;
      }
  if (!any)
    return NULL;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *q = p + 1;
      gboolean minus = FALSE;

      if (q < end && (*q == '-' || *q == '+'))
        minus = *q++ == '-';
      if (q < end && g_ascii_isdigit (*q))
        {
          for (; q < end && g_ascii_isdigit (*q) && exponent < 10000; q++)
            exponent = exponent * 10 + (*q - '0');
          if (minus)
            exponent = -exponent;
          p = q;
        }
    }

  exponent -= scale;
  if (n_digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double v = (double)mantissa;

      v = exponent < 0 ? v / powers_of_ten[-exponent] : v * powers_of_ten[exponent];
      *value = negative ? -v : v;
    }
  else
    {
      char buffer[MAX_NUMBER + 1];

      if (p - start > MAX_NUMBER)
        return NULL;
      memcpy (buffer, start, p - start);
      buffer[p - start] = '\0';
      *value = g_ascii_strtod (buffer, NULL);
    }

  return p;
}

/* Whether a number ends here: not in `3/10`, `12:00`, `2026-11`, `9.5it/s`,
 * `40%` or `0100.ckpt`
 */
static gboolean
value_ends (const char *p,
            const char *end)
{
  if (p == end)
    return TRUE;

  switch (*p)
    {
    case ' ': case '\t': case ',': case ';': case ']': case ')': case '}': case '|':
    case '"': case '\'': case '\r':
      return TRUE;
    case '.':
      return p + 1 == end || is_blank (p[1]);
    default:
      return FALSE;
    }
}

typedef enum
{
  MARKER_NONE,
  MARKER_EPOCH,
  MARKER_STEP,
} Marker;

/* `epoch`, `step`, `global_step`, `iter`, `iteration`, also as the last
 * part of a path such as `trainer/global_step`
 */
static Marker
marker_of (const char *name,
           gsize       length)
{
  for (gsize i = length; i > 0; i--)
    if (name[i - 1] == '/')
      {
        length -= i;
        name += i;
        break;
      }

#define IS(word) (length == sizeof (word) - 1 && g_ascii_strncasecmp (name, word, length) == 0)
  if (IS ("epoch"))
    return MARKER_EPOCH;
  if (IS ("step") || IS ("global_step") || IS ("iter") || IS ("iteration"))
    return MARKER_STEP;
#undef IS
  return MARKER_NONE;
}

/* `[k/n` right after an epoch: how far into the epoch */
static const char *
scan_fraction (const char *p,
               const char *end,
               LineInfo   *info)
{
  const char *q = skip_blanks (p, end);
  double done, total;

  if (q == end || *q != '[')
    return p;
  q = skip_blanks (q + 1, end);
  if ((q = scan_number (q, end, &done)) == NULL || q == end || *q != '/')
    return p;
  if ((q = scan_number (q + 1, end, &total)) == NULL || total <= 0)
    return p;
  if (q < end && *q == ']')
    q++;

  info->done = done;
  info->total = total;
  return q;
}

static void
set_marker (LineInfo *info,
            Marker    marker,
            double    value,
            double    total)
{
  if (marker == MARKER_EPOCH && isnan (info->epoch))
    {
      info->epoch = value;
      info->epoch_of_total = total > 0;
    }
  else if (marker == MARKER_STEP && isnan (info->step))
    {
      info->step = value;
      info->step_total = total;
    }
  info->counts = TRUE;
}

/* `name=value`, `name: value`, `'name': value`, `name=tensor(0.43, ...)` */
static gboolean
scan_pair (CbMetricsParser  *self,
           LineInfo         *info,
           const char       *p,
           const char       *end,
           const char      **next)
{
  const char *name, *name_end, *q;
  char quote = 0;
  gboolean wrapped = FALSE;
  double value;
  Marker marker;

  if (*p == '\'' || *p == '"')
    quote = *p++;
  if (p == end || !is_name_start (*p))
    return FALSE;
  for (name = p; p < end && is_name_char (*p); p++)
    ;
  name_end = p;
  if (quote != 0 && (p == end || *p++ != quote))
    return FALSE;

  q = skip_blanks (p, end);
  if (q < end && *q == '=')
    q = skip_blanks (q + 1, end);
  else if (p < end && *p == ':')
    q = skip_blanks (p + 1, end);
  else
    return FALSE;

  /* A wrapper such as tensor( or np.float64( */
  if (q < end && is_name_start (*q))
    {
      while (q < end && (g_ascii_isalnum (*q) || *q == '_' || *q == '.'))
        q++;
      if (q == end || *q != '(')
        return FALSE;
      q++;
      wrapped = TRUE;
    }

  if ((q = scan_number (q, end, &value)) == NULL)
    return FALSE;
  if (wrapped)
    {
      const char *close = q < end && (*q == ')' || *q == ',') ? memchr (q, ')', end - q) : NULL;

      if (close == NULL)
        return FALSE;
      q = close + 1;
    }
  else if (!value_ends (q, end))
    return FALSE;

  marker = marker_of (name, name_end - name);
  if (marker != MARKER_NONE)
    {
      set_marker (info, marker, value, 0);
      if (marker == MARKER_EPOCH)
        q = scan_fraction (q, end, info);
    }
  else
    add_value (self, name, name_end - name, value);

  *next = q;
  return TRUE;
}

/* A marker word may start the line or follow a separator, as in
 * `- Epoch(train) [3]` or `(epoch 3, step 40)`; inside a sentence
 * (`already at epoch 3:`) it is not one.
 */
static gboolean
marker_word_allowed (const char *start,
                     const char *p)
{
  while (p > start && is_blank (p[-1]))
    p--;
  return p == start || strchr ("[|,;({-:", p[-1]) != NULL;
}

/* After a marker word: `3`, `3/10`, `3 of 10`, `[3/10]`, `(train) [3][100/500]` */
static gboolean
scan_marker_word (LineInfo    *info,
                  Marker       marker,
                  const char  *p,
                  const char  *end,
                  const char **next)
{
  double number, total = 0;
  gboolean bracket = FALSE;
  const char *q = p;
  const char *t;

  if (q < end && *q == '(')
    {
      const char *close = memchr (q, ')', MIN (end - q, 24));

      if (close == NULL)
        return FALSE;
      q = close + 1;
    }
  q = skip_blanks (q, end);
  if (q < end && *q == '[')
    bracket = TRUE, q = skip_blanks (q + 1, end);
  if (q == end || !g_ascii_isdigit (*q) || (q = scan_number (q, end, &number)) == NULL)
    return FALSE;

  if (q < end && *q == '/' && (t = scan_number (q + 1, end, &total)) != NULL)
    q = t;
  else if (end - q > 4 && memcmp (q, " of ", 4) == 0 && (t = scan_number (q + 4, end, &total)) != NULL)
    q = t;
  else
    total = 0;

  if (bracket)
    {
      q = skip_blanks (q, end);
      if (q == end || *q != ']')
        return FALSE;
      q++;
    }
  if (q < end && !strchr (" \t,:;|])[", *q))
    return FALSE;

  set_marker (info, marker, number, total);
  if (marker == MARKER_EPOCH)
    q = scan_fraction (q, end, info);
  *next = q;
  return TRUE;
}

/* tqdm: `40%|####      | 4/10 [` */
static void
scan_bar (LineInfo   *info,
          const char *p,
          const char *end)
{
  const char *bar_end = memchr (p, '|', MIN (end - p, 512));
  const char *q;
  double done, total;

  if (bar_end == NULL)
    return;

  info->counts = TRUE;
  q = skip_blanks (bar_end + 1, end);
  if ((q = scan_number (q, end, &done)) != NULL && q < end && *q == '/' &&
      scan_number (q + 1, end, &total) != NULL && total > 0 && info->total == 0)
    {
      info->done = done;
      info->total = total;
    }
}

/* Keras: `10/10 [==============================] - 1s - loss: 0.43` */
static void
scan_keras_bar (LineInfo   *info,
                const char *p,
                const char *end)
{
  double done, total;
  const char *q;

  if ((q = scan_number (p, end, &done)) == NULL || q == end || *q != '/' ||
      (q = scan_number (q + 1, end, &total)) == NULL || total <= 0)
    return;
  if (end - q < 3 || q[0] != ' ' || q[1] != '[')
    return;
  for (q += 2; q < end && (*q == '=' || *q == '>' || *q == '.'); q++)
    ;
  if (q == end || *q != ']')
    return;

  info->keras = TRUE;
  info->counts = TRUE;
  info->done = done;
  info->total = total;
}

static void
scan_line (CbMetricsParser *self,
           LineInfo        *info,
           const char      *start,
           const char      *end)
{
  const char *p = start;

  while (p < end)
    {
      const char *next = NULL;
      char c = *p;

      if ((is_name_start (c) || c == '\'' || c == '"') && (p == start || !is_name_char (p[-1])))
        {
          Marker marker;
          const char *word;

          if (scan_pair (self, info, p, end, &next))
            {
              p = next;
              continue;
            }
          if (c == '\'' || c == '"')
            {
              p++;
              continue;
            }

          for (word = p; p < end && is_name_char (*p); p++)
            ;
          marker = marker_of (word, p - word);
          if (marker != MARKER_NONE && memchr (word, '/', p - word) == NULL &&
              marker_word_allowed (start, word) && scan_marker_word (info, marker, p, end, &next))
            {
              if (word == start)
                info->start_marker = next;
              p = next;
            }
          continue;
        }

      if (c == '%' && p + 1 < end && p[1] == '|')
        scan_bar (info, p + 2, end);
      p++;
    }
}

/* `epoch 3 loss 0.43 acc 0.91`: read only when all of the rest is pairs */
static void
scan_plain_pairs (CbMetricsParser *self,
                  LineInfo        *info,
                  const char      *p,
                  const char      *end)
{
  guint first = self->n_values;

  for (;;)
    {
      const char *name, *name_end;
      double value;
      Marker marker;

      while (p < end && strchr (" \t,;|:-", *p) != NULL)
        p++;
      if (p == end)
        return;
      if (!is_name_start (*p))
        break;
      for (name = p; p < end && is_name_char (*p); p++)
        ;
      name_end = p;
      if (p == end || !is_blank (*p))
        break;
      p = skip_blanks (p, end);
      if ((p = scan_number (p, end, &value)) == NULL || !value_ends (p, end))
        break;

      marker = marker_of (name, name_end - name);
      if (marker != MARKER_NONE)
        set_marker (info, marker, value, 0);
      else
        add_value (self, name, name_end - name, value);
    }

  self->n_values = first;
}

/* Logging prefixes, so that a marker after them starts the line:
 * Hydra's `[2026-11-30 12:00:00,123][__main__][INFO] - `, logging's
 * `INFO:__main__:` and `... - INFO - `, loguru's `| INFO | name:12 - `
 */
static gboolean
is_level (const char *word,
          gsize       length)
{
  static const char * const levels[] = { "INFO", "DEBUG", "WARNING", "ERROR", "CRITICAL" };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (strlen (levels[i]) == length && memcmp (levels[i], word, length) == 0)
      return TRUE;
  return FALSE;
}

static const char *
skip_log_prefix (const char *p,
                 const char *end)
{
  const char *window_end = p + MIN (end - p, 96);

  if (end - p < 5 || !(*p == '[' || g_ascii_isdigit (*p) || g_ascii_isupper (*p)))
    return p;

  for (const char *w = p; w < window_end; w++)
    {
      const char *after, *dash;

      if (!g_ascii_isupper (*w) || (w > p && g_ascii_isalnum (w[-1])))
        continue;
      for (after = w; after < end && g_ascii_isalnum (*after); after++)
        ;
      if (!is_level (w, after - w))
        {
          w = after;
          continue;
        }

      if (w == p && after < end && *after == ':')
        {
          const char *colon = memchr (after + 1, ':', MIN (end - after - 1, 64));

          return colon != NULL ? colon + 1 : after + 1;
        }
      dash = g_strstr_len (after, MIN (end - after, 64), " - ");
      return dash != NULL ? dash + 3 : p;
    }

  return p;
}

static gboolean
is_box (const char *p,
        const char *end)
{
  /* U+2500 to U+257F, box drawing: E2 94 xx and E2 95 xx */
  return end - p >= 3 && (guchar)p[0] == 0xE2 && ((guchar)p[1] == 0x94 || (guchar)p[1] == 0x95);
}

static const char *
skip_box_and_blanks (const char *p,
                     const char *end)
{
  for (;;)
    if (p < end && is_blank (*p))
      p++;
    else if (is_box (p, end))
      p += 3;
    else
      return p;
}

/* `-----` or `───────`: the rules of a table */
static gboolean
is_rule (const char *p,
         const char *end)
{
  while (p < end)
    if (*p == '-' || *p == '=' || is_blank (*p))
      p++;
    else if (is_box (p, end))
      p += 3;
    else
      return FALSE;
  return TRUE;
}

/* A row of Lightning's table of test or validation metrics:
 * `test/hmean   0.8123`, or a rule; FALSE when the table has ended
 */
static gboolean
scan_table_row (CbMetricsParser *self,
                LineInfo        *info,
                const char      *p,
                const char      *end)
{
  const char *name, *q;
  double value;

  if (p == end)
    return FALSE;
  if (is_rule (p, end))
    return TRUE;
  p = skip_box_and_blanks (p, end);

  if (!is_name_start (*p))
    return FALSE;
  for (name = p; p < end && is_name_char (*p); p++)
    ;
  q = skip_box_and_blanks (p, end);
  if (q == p || (q = scan_number (q, end, &value)) == NULL || !(q == end || is_blank (*q) || is_box (q, end)))
    return FALSE;

  add_value (self, name, p - name, value);
  info->counts = TRUE;
  return TRUE;
}

static void
parse_builtin (CbMetricsParser *self,
               LineInfo        *info,
               const char      *line,
               const char      *end)
{
  const char *p = skip_blanks (skip_log_prefix (line, end), end);

  if (self->in_table)
    {
      if (scan_table_row (self, info, p, end))
        return;
      self->in_table = FALSE;
    }
  if (g_strstr_len (p, end - p, " metric") != NULL && g_strstr_len (p, end - p, "DataLoader") != NULL)
    {
      self->in_table = TRUE;
      return;
    }

  if (p < end && g_ascii_isdigit (*p))
    scan_keras_bar (info, p, end);
  scan_line (self, info, p, end);
  if (self->n_values == 0 && info->start_marker != NULL)
    scan_plain_pairs (self, info, info->start_marker, end);
}

/* The project's pattern, every match of it on the line */
static gboolean
parse_custom (CbMetricsParser *self,
              LineInfo        *info,
              const char      *line,
              gssize           length)
{
  CbMetricsConfig *config = self->config;
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match_full (config->regex, line, length, 0, 0, &match, NULL))
    return FALSE;

  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      double value;

#define GROUP_NUMBER(group, out) \
  (group >= 0 && g_match_info_fetch_pos (match, group, &start, &end) && start >= 0 && end > start && \
   scan_number (line + start, line + end, out) == line + end)

      if (GROUP_NUMBER (config->step_group, &value))
        set_marker (info, MARKER_STEP, value, 0);
      if (GROUP_NUMBER (config->epoch_group, &value))
        set_marker (info, MARKER_EPOCH, value, 0);
      if (GROUP_NUMBER (config->value_group, &value) &&
          g_match_info_fetch_pos (match, config->name_group, &start, &end) && end > start)
        add_value (self, line + start, end - start, value);

      for (guint i = 0; config->metric_groups[i] != NULL; i++)
        if (GROUP_NUMBER (config->metric_numbers[i], &value))
          add_value (self, config->metric_groups[i], strlen (config->metric_groups[i]), value);
#undef GROUP_NUMBER
    }

  info->counts = TRUE;
  return self->n_values > 0;
}

static double
epoch_x (double   number,
         gboolean of_total,
         double   done,
         double   total)
{
  if (total > 0)
    return (of_total ? number - 1 : number) + CLAMP (done / total, 0.0, 1.0);
  return number;
}

/* Takes in what the line told, and says which step its values are at */
static CbMetricsStepKind
update_state (CbMetricsParser *self,
              LineInfo        *info)
{
  gboolean line_epoch = !isnan (info->epoch);

  /* `Epoch [1/5], Step [100/600]`: the step is inside the epoch */
  if (line_epoch && !isnan (info->step) && info->step_total > 0 && info->total == 0)
    {
      info->done = info->step;
      info->total = info->step_total;
      info->step = NAN;
    }

  if (line_epoch)
    {
      self->epoch_number = info->epoch;
      self->epoch_of_total = info->epoch_of_total;
      self->epoch = epoch_x (info->epoch, info->epoch_of_total, info->done, info->total);
    }
  else if (info->keras && !isnan (self->epoch_number))
    {
      /* Keras prints `Epoch 3/10` on a line of its own, then the bar */
      self->epoch = epoch_x (self->epoch_number, self->epoch_of_total, info->done, info->total);
      line_epoch = TRUE;
    }
  if (!isnan (info->step))
    self->step = info->step;

  if (!isnan (info->step))
    return CB_METRICS_STEP_GLOBAL;
  if (line_epoch)
    return CB_METRICS_STEP_EPOCH;
  if (!isnan (self->step))
    return CB_METRICS_STEP_GLOBAL;
  if (!isnan (self->epoch))
    return CB_METRICS_STEP_EPOCH;
  return CB_METRICS_STEP_LINE;
}

/**
 * cb_metrics_parser_parse:
 * @line: a line of a run's output, without its newline; UTF-8 for a
 *   project's pattern to apply
 * @length: its length, or -1 when it ends with a NUL
 *
 * Reads the metrics of a line. The project's pattern comes first; when it
 * finds values on the line, the built-in forms are not tried.
 *
 * Returns: (nullable) (transfer none): the line's metrics, valid until
 *   the next call, or %NULL when it has none
 */
const CbMetricsSample *
cb_metrics_parser_parse (CbMetricsParser *self,
                         const char      *line,
                         gssize           length)
{
  LineInfo info;
  CbMetricsStepKind kind;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  if (length < 0)
    length = strlen (line);
  if (self->config->enabled == 0)
    return NULL;

  self->n_values = 0;
  line_info_init (&info);
  if (self->config->regex == NULL || !parse_custom (self, &info, line, length))
    {
      self->n_values = 0;
      line_info_init (&info);
      if (self->builtin)
        parse_builtin (self, &info, line, line + length);
    }

  if (self->n_values == 0 || !info.counts)
    {
      /* `Epoch 3/10` alone: Keras's bars and tqdm's lines that follow are in it */
      if (info.start_marker != NULL)
        update_state (self, &info);
      return NULL;
    }

  kind = update_state (self, &info);
  self->count++;
  self->sample.kind = kind;
  self->sample.epoch = self->epoch;
  self->sample.step = self->step;
  self->sample.line = self->count;
  self->sample.n_values = self->n_values;
  return &self->sample;
}

/**
 * cb_metrics_sample_get_x:
 * @kind: what the axis counts
 *
 * Returns: where the sample is on an axis that counts @kind; the count of
 *   lines when the run has not told that yet
 */
double
cb_metrics_sample_get_x (const CbMetricsSample *sample,
                         CbMetricsStepKind      kind)
{
  g_return_val_if_fail (sample != NULL, 0);

  switch (kind)
    {
    case CB_METRICS_STEP_EPOCH:
      return isnan (sample->epoch) ? sample->line : sample->epoch;
    case CB_METRICS_STEP_GLOBAL:
      return isnan (sample->step) ? sample->line : sample->step;
    case CB_METRICS_STEP_LINE:
    default:
      return sample->line;
    }
}

/* Reading a log file */

typedef struct
{
  CbMetricsParser     *parser;
  CbMetricsSampleFunc  func;
  gpointer             user_data;
  GString             *partial;
  gboolean             skipping;
  gboolean             stopped;
} Reader;

static void
reader_line (Reader *reader)
{
  const CbMetricsSample *sample;
  GString *line = reader->partial;

  if (!g_utf8_validate_len (line->str, line->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (line->str, line->len);

      g_string_assign (line, valid);
    }

  sample = cb_metrics_parser_parse (reader->parser, line->str, line->len);
  if (sample != NULL && !reader->func (sample, reader->user_data))
    reader->stopped = TRUE;
}

/* Splits as a run does: a newline ends a line, a bare carriage return
 * starts it over (a progress bar drawn over itself), and only the start of
 * a huge line is read.
 */
static void
reader_take (Reader     *reader,
             const char *data,
             gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  while (p < end && !reader->stopped)
    {
      const char *stop = p;

      while (stop < end && *stop != '\n' && *stop != '\r')
        stop++;

      if (!reader->skipping)
        {
          gsize room = MAX_LINE - reader->partial->len;

          g_string_append_len (reader->partial, p, MIN ((gsize)(stop - p), room));
          if (reader->partial->len >= MAX_LINE)
            {
              reader_line (reader);
              g_string_truncate (reader->partial, 0);
              reader->skipping = TRUE;
            }
        }

      if (stop == end)
        break;

      if (*stop == '\n')
        {
          if (!reader->skipping)
            reader_line (reader);
          reader->skipping = FALSE;
          g_string_truncate (reader->partial, 0);
        }
      else if (stop + 1 == end || stop[1] != '\n')
        {
          reader->skipping = FALSE;
          g_string_truncate (reader->partial, 0);
        }
      p = stop + 1;
    }
}

/**
 * cb_metrics_parser_read_file:
 * @path: a run's log file
 * @func: called with the metrics of each line that has some
 *
 * Reads a log file in blocks, as the run's own lines came, without holding
 * more than a block and a line. A bare carriage return starts a line over,
 * so the lines are those the run view showed.
 *
 * Returns: whether the file could be read to its end (or until @func said
 *   to stop); %FALSE with @error set naming the file otherwise
 */
gboolean
cb_metrics_parser_read_file (CbMetricsParser      *self,
                             const char           *path,
                             CbMetricsSampleFunc   func,
                             gpointer              user_data,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GString) partial = NULL;
  g_autofree char *buffer = NULL;
  Reader reader = { self, func, user_data, NULL, FALSE, FALSE };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_malloc (READ_SIZE);
  partial = g_string_sized_new (256);
  reader.partial = partial;

  while (!reader.stopped)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_SIZE, cancellable, &local_error);

      if (n < 0)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("%s: cannot read: %s"), path, local_error->message);
          return FALSE;
        }
      if (n == 0)
        break;
      reader_take (&reader, buffer, n);
    }

  /* A run that ended in the middle of a line: that line is its last */
  if (!reader.stopped && !reader.skipping && partial->len > 0)
    reader_line (&reader);

  return TRUE;
}
