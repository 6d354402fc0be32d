/* cb-run-diff.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-override.h"
#include "cb-shell-quote.h"
#include "cb-run-diff.h"

/**
 * CbRunDiff:
 *
 * What differs between two runs: the form's values as the history
 * recorded them (the values the user set; a value only one run has was the
 * default in the other), and the two commands, argument by argument, an
 * override matched with the other command's override of the same key.
 * Optionally their metrics' last values.
 */
struct _CbRunDiff
{
  GObject      parent_instance;

  GPtrArray   *values;  /* of CbValueDiff, by key */
  guint        n_differing;
  char       **argv[2];
  GArray      *args[2]; /* of CbArgDiff */
  CbMetricSet *metrics[2];
};

G_DEFINE_FINAL_TYPE (CbRunDiff, cb_run_diff, G_TYPE_OBJECT)

static void
value_diff_free (CbValueDiff *diff)
{
  g_free (diff->key);
  g_clear_pointer (&diff->a, g_variant_unref);
  g_clear_pointer (&diff->b, g_variant_unref);
  g_free (diff);
}

static void
cb_run_diff_finalize (GObject *object)
{
  CbRunDiff *self = CB_RUN_DIFF (object);

  g_clear_pointer (&self->values, g_ptr_array_unref);
  for (guint i = 0; i < 2; i++)
    {
      g_strfreev (self->argv[i]);
      g_clear_pointer (&self->args[i], g_array_unref);
      g_clear_object (&self->metrics[i]);
    }

  G_OBJECT_CLASS (cb_run_diff_parent_class)->finalize (object);
}

static void
cb_run_diff_class_init (CbRunDiffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_run_diff_finalize;
}

static void
cb_run_diff_init (CbRunDiff *self)
{
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify)value_diff_free);
}

/* Values */

static gboolean
get_number (GVariant *value,
            double   *number)
{
  const GVariantType *type = g_variant_get_type (value);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    *number = g_variant_get_double (value);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    *number = g_variant_get_int64 (value);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    *number = g_variant_get_int32 (value);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    *number = g_variant_get_uint32 (value);
  else
    return FALSE;
  return TRUE;
}

/* `10` and `10.0` are the same number, whichever type the form stored */
static gboolean
same_value (GVariant *a,
            GVariant *b)
{
  double x, y;

  if (g_variant_equal (a, b))
    return TRUE;
  return get_number (a, &x) && get_number (b, &y) && x == y;
}

static GHashTable *
table_of (GVariant *values)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (values == NULL || !g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT))
    return table;

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    g_hash_table_replace (table, g_strdup (key), value);
  return table;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
diff_values (CbRunDiff *self,
             GVariant  *values_a,
             GVariant  *values_b)
{
  g_autoptr(GHashTable) a = table_of (values_a);
  g_autoptr(GHashTable) b = table_of (values_b);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **sorted = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_keys;

  for (GHashTable *side = a; side != NULL; side = side == a ? b : NULL)
    {
      g_hash_table_iter_init (&iter, side);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (keys, key);
    }

  sorted = (const char **)g_hash_table_get_keys_as_array (keys, &n_keys);
  qsort (sorted, n_keys, sizeof (char *), compare_keys);

  for (guint i = 0; i < n_keys; i++)
    {
      CbValueDiff *diff = g_new0 (CbValueDiff, 1);
      GVariant *x = g_hash_table_lookup (a, sorted[i]);
      GVariant *y = g_hash_table_lookup (b, sorted[i]);

      diff->key = g_strdup (sorted[i]);
      diff->a = x ? g_variant_ref (x) : NULL;
      diff->b = y ? g_variant_ref (y) : NULL;
      diff->kind = x == NULL ? CB_DIFF_ONLY_B : y == NULL ? CB_DIFF_ONLY_A
                 : same_value (x, y) ? CB_DIFF_SAME : CB_DIFF_CHANGED;
      if (diff->kind != CB_DIFF_SAME)
        self->n_differing++;
      g_ptr_array_add (self->values, diff);
    }
}

/* Commands */

/* The key an override sets (`lr` of `lr=0.1`, `+lr=0.1` and `~lr`), or
 * NULL for an argument that is not an override
 */
static char *
override_key (const char *arg)
{
  const char *p = arg;
  gsize length;

  if (*p == '~')
    p++;
  else
    while (*p == '+')
      p++;

  length = strcspn (p, "=");
  if (p[length] != '=' && arg[0] != '~')
    return NULL;
  if (length == 0 || !(g_ascii_isalpha (p[0]) || p[0] == '_'))
    return NULL;
  for (gsize i = 1; i < length; i++)
    if (!(g_ascii_isalnum (p[i]) || strchr ("_./@-", p[i]) != NULL))
      return NULL;

  return g_strndup (p, length);
}

static GArray *
args_new (char **argv,
          CbDiffKind kind)
{
  guint n = g_strv_length (argv);
  GArray *args = g_array_sized_new (FALSE, FALSE, sizeof (CbArgDiff), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (args, ((CbArgDiff){ kind, argv[i], -1 }));
  return args;
}

static void
pair_args (CbRunDiff  *self,
           guint       i,
           guint       j,
           CbDiffKind  kind)
{
  CbArgDiff *a = &g_array_index (self->args[0], CbArgDiff, i);
  CbArgDiff *b = &g_array_index (self->args[1], CbArgDiff, j);

  a->kind = b->kind = kind;
  a->other = j;
  b->other = i;
}

/* Equal arguments pair first, wherever they are (the order of overrides
 * does not matter to Hydra); then an override pairs with the other
 * command's override of the same key
 */
static void
diff_args (CbRunDiff *self)
{
  guint na = g_strv_length (self->argv[0]);
  guint nb = g_strv_length (self->argv[1]);
  g_autoptr(GPtrArray) keys_b = g_ptr_array_new_with_free_func (g_free);

  self->args[0] = args_new (self->argv[0], CB_DIFF_ONLY_A);
  self->args[1] = args_new (self->argv[1], CB_DIFF_ONLY_B);

  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (g_array_index (self->args[1], CbArgDiff, j).other < 0 &&
          g_str_equal (self->argv[0][i], self->argv[1][j]))
        {
          pair_args (self, i, j, CB_DIFF_SAME);
          break;
        }

  for (guint j = 0; j < nb; j++)
    g_ptr_array_add (keys_b, override_key (self->argv[1][j]));

  for (guint i = 0; i < na; i++)
    {
      g_autofree char *key = NULL;

      if (g_array_index (self->args[0], CbArgDiff, i).other >= 0 ||
          (key = override_key (self->argv[0][i])) == NULL)
        continue;
      for (guint j = 0; j < nb; j++)
        if (g_array_index (self->args[1], CbArgDiff, j).other < 0 &&
            g_strcmp0 (key, g_ptr_array_index (keys_b, j)) == 0)
          {
            pair_args (self, i, j, CB_DIFF_CHANGED);
            break;
          }
    }
}

/**
 * cb_run_diff_new:
 * @values_a: (nullable): the first run's values, an `a{sv}` as the history
 *   records them
 * @argv_a: (nullable): the first run's command
 * @values_b: (nullable): the second run's values
 * @argv_b: (nullable): the second run's command
 *
 * Returns: (transfer full): what differs between the two runs
 */
CbRunDiff *
cb_run_diff_new (GVariant           *values_a,
                 const char * const *argv_a,
                 GVariant           *values_b,
                 const char * const *argv_b)
{
  CbRunDiff *self = g_object_new (CB_TYPE_RUN_DIFF, NULL);
  const char * const empty[] = { NULL };

  diff_values (self, values_a, values_b);
  self->argv[0] = g_strdupv ((char **)(argv_a ? argv_a : empty));
  self->argv[1] = g_strdupv ((char **)(argv_b ? argv_b : empty));
  diff_args (self);

  return self;
}

/* The record's side against @values_b and @argv_b */
static CbRunDiff *
diff_record (CbHistoryRecord    *a,
             GVariant           *values_b,
             const char * const *argv_b)
{
  g_autoptr(GVariant) values_a = cb_history_record_get_values (a);

  return cb_run_diff_new (values_a, cb_history_record_get_argv (a), values_b, argv_b);
}

/**
 * cb_run_diff_new_for_records:
 *
 * Returns: (transfer full): what differs between two runs of the history
 */
CbRunDiff *
cb_run_diff_new_for_records (CbHistoryRecord *a,
                             CbHistoryRecord *b)
{
  g_autoptr(GVariant) values_b = NULL;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (a), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (b), NULL);

  values_b = cb_history_record_get_values (b);
  return diff_record (a, values_b, cb_history_record_get_argv (b));
}

/**
 * cb_run_diff_new_for_form:
 * @record: a run of the history: the first side
 * @form: the form as it is now: the second side, what a run of it would
 *   record (its values that differ from their defaults) and run (its
 *   command)
 *
 * Returns: (transfer full): what differs between a past run and the run
 *   the form would make
 */
CbRunDiff *
cb_run_diff_new_for_form (CbHistoryRecord *record,
                          CbForm          *form)
{
  g_autoptr(GVariant) values_b = NULL;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);
  g_return_val_if_fail (CB_IS_FORM (form), NULL);

  values_b = cb_form_get_user_values (form);
  return diff_record (record, values_b, cb_form_get_argv (form));
}

/**
 * cb_run_diff_set_metrics:
 * @a: (nullable): the first run's metrics
 * @b: (nullable): the second run's metrics
 *
 * Adds the runs' metrics to the text: their last values.
 */
void
cb_run_diff_set_metrics (CbRunDiff   *self,
                         CbMetricSet *a,
                         CbMetricSet *b)
{
  g_return_if_fail (CB_IS_RUN_DIFF (self));

  g_set_object (&self->metrics[0], a);
  g_set_object (&self->metrics[1], b);
}

/**
 * cb_run_diff_is_empty:
 *
 * Returns: whether the runs had the same values and the same command
 */
gboolean
cb_run_diff_is_empty (CbRunDiff *self)
{
  g_return_val_if_fail (CB_IS_RUN_DIFF (self), TRUE);

  if (self->n_differing > 0)
    return FALSE;
  for (guint side = 0; side < 2; side++)
    for (guint i = 0; i < self->args[side]->len; i++)
      if (g_array_index (self->args[side], CbArgDiff, i).kind != CB_DIFF_SAME)
        return FALSE;
  return TRUE;
}

/**
 * cb_run_diff_get_n_values:
 *
 * Returns: how many keys either run has a value for, equal or not
 */
guint
cb_run_diff_get_n_values (CbRunDiff *self)
{
  g_return_val_if_fail (CB_IS_RUN_DIFF (self), 0);
  return self->values->len;
}

/**
 * cb_run_diff_get_value:
 *
 * Returns: (transfer none): the @index-th key, in the order of the keys
 */
const CbValueDiff *
cb_run_diff_get_value (CbRunDiff *self,
                       guint      index)
{
  g_return_val_if_fail (CB_IS_RUN_DIFF (self), NULL);
  g_return_val_if_fail (index < self->values->len, NULL);
  return g_ptr_array_index (self->values, index);
}

/**
 * cb_run_diff_get_n_differing:
 *
 * Returns: how many keys have values that differ
 */
guint
cb_run_diff_get_n_differing (CbRunDiff *self)
{
  g_return_val_if_fail (CB_IS_RUN_DIFF (self), 0);
  return self->n_differing;
}

/**
 * cb_run_diff_get_args:
 * @second: %FALSE for the first run's command, %TRUE for the second's
 * @n_args: (out) (optional): how many arguments
 *
 * Returns: (transfer none) (array length=n_args): the command's arguments
 *   in order, each marked
 */
const CbArgDiff *
cb_run_diff_get_args (CbRunDiff *self,
                      gboolean   second,
                      guint     *n_args)
{
  GArray *args;

  g_return_val_if_fail (CB_IS_RUN_DIFF (self), NULL);

  args = self->args[second ? 1 : 0];
  if (n_args != NULL)
    *n_args = args->len;
  return (const CbArgDiff *)(gconstpointer)args->data;
}

/* Text */

static char *
format_value (GVariant *value)
{
  return value != NULL ? cb_override_print_value (value) : g_strdup (_("(default)"));
}

static void
append_values (CbRunDiff      *self,
               GString        *out,
               CbRunDiffFlags  flags)
{
  gboolean heading = FALSE;

  for (guint i = 0; i < self->values->len; i++)
    {
      const CbValueDiff *diff = g_ptr_array_index (self->values, i);
      g_autofree char *a = format_value (diff->a);
      g_autofree char *b = format_value (diff->b);

      if (diff->kind == CB_DIFF_SAME && !(flags & CB_RUN_DIFF_ALL))
        continue;
      if (!heading)
        g_string_append_printf (out, "%s\n", _("Values:"));
      heading = TRUE;

      if (diff->kind == CB_DIFF_SAME)
        g_string_append_printf (out, "  %s: %s\n", diff->key, a);
      else
        g_string_append_printf (out, "  %s: %s → %s\n", diff->key, a, b);
    }
}

static void
append_arg (GString    *out,
            const char *mark,
            const char *arg)
{
  g_autofree char *quoted = cb_shell_quote (arg);

  g_string_append_printf (out, "%s %s\n", mark, quoted);
}

/* As a unified diff marks lines: `-` for the first run, `+` for the second */
static void
append_command (CbRunDiff      *self,
                GString        *out,
                CbRunDiffFlags  flags)
{
  GArray *a = self->args[0];
  GArray *b = self->args[1];
  gsize start = out->len;

  for (guint i = 0; i < a->len; i++)
    {
      const CbArgDiff *arg = &g_array_index (a, CbArgDiff, i);

      if (arg->kind == CB_DIFF_SAME && (flags & CB_RUN_DIFF_ALL))
        append_arg (out, " ", arg->arg);
      else if (arg->kind != CB_DIFF_SAME)
        append_arg (out, "-", arg->arg);
      if (arg->kind == CB_DIFF_CHANGED)
        append_arg (out, "+", g_array_index (b, CbArgDiff, arg->other).arg);
    }
  for (guint j = 0; j < b->len; j++)
    if (g_array_index (b, CbArgDiff, j).kind == CB_DIFF_ONLY_B)
      append_arg (out, "+", g_array_index (b, CbArgDiff, j).arg);

  if (out->len > start)
    {
      g_autofree char *heading = g_strconcat (_("Command:"), "\n", NULL);

      g_string_insert (out, start, heading);
    }
}

static void
append_metric (GString        *out,
               const char     *name,
               CbMetricSet    *set_a,
               CbMetricSet    *set_b,
               CbRunDiffFlags  flags)
{
  CbMetricSeries *a = set_a ? cb_metric_set_lookup (set_a, name) : NULL;
  CbMetricSeries *b = set_b ? cb_metric_set_lookup (set_b, name) : NULL;
  double x = a ? cb_metric_series_get_last (a) : NAN;
  double y = b ? cb_metric_series_get_last (b) : NAN;
  g_autofree char *text_a = cb_metric_format_value (x);
  g_autofree char *text_b = cb_metric_format_value (y);

  if (x == y && !(flags & CB_RUN_DIFF_ALL))
    return;
  g_string_append_printf (out, "  %s: %s → %s\n", name, text_a, text_b);
}

static void
append_metrics (CbRunDiff      *self,
                GString        *out,
                CbRunDiffFlags  flags)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gsize start = out->len;

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(GPtrArray) shown = self->metrics[side] ? cb_metric_set_get_shown_series (self->metrics[side]) : NULL;

      for (guint i = 0; shown != NULL && i < shown->len; i++)
        {
          const char *name = cb_metric_series_get_name (g_ptr_array_index (shown, i));

          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, (gpointer)name);
        }
    }

  for (guint i = 0; i < names->len; i++)
    append_metric (out, g_ptr_array_index (names, i), self->metrics[0], self->metrics[1], flags);
  if (out->len > start)
    {
      g_autofree char *heading = g_strconcat (_("Metrics (last value):"), "\n", NULL);

      g_string_insert (out, start, heading);
    }
}

/**
 * cb_run_diff_to_text:
 * @label_a: (nullable): how to name the first run, such as its id
 * @label_b: (nullable): how to name the second
 * @flags: whether to show what is equal too
 *
 * Writes the comparison as a reader and a terminal want it: a `---` and a
 * `+++` line naming the runs, the values that differ as `key: a → b`
 * (`(default)` for a value a run did not set), the command's arguments
 * that differ marked `-` and `+` as in a unified diff, and, when the
 * metrics were given, their last values.
 *
 * Returns: (transfer full): the text; empty when nothing differs and
 *   @flags does not ask for all
 */
char *
cb_run_diff_to_text (CbRunDiff      *self,
                     const char     *label_a,
                     const char     *label_b,
                     CbRunDiffFlags  flags)
{
  GString *out;

  g_return_val_if_fail (CB_IS_RUN_DIFF (self), NULL);

  out = g_string_new (NULL);
  append_values (self, out, flags);
  append_command (self, out, flags);
  append_metrics (self, out, flags);

  if (out->len > 0 && (label_a != NULL || label_b != NULL))
    {
      g_autofree char *heading = g_strdup_printf ("--- %s\n+++ %s\n", label_a ? label_a : "",
                                                  label_b ? label_b : "");

      g_string_prepend (out, heading);
    }

  return g_string_free (out, FALSE);
}
