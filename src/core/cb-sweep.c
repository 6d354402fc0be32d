/* cb-sweep.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-override.h"
#include "cb-sweep.h"

/* A field that sweeps holds several values, a range, or patterns over its
 * options, for the jobs of a Hydra multirun. The value is a `(sav)`: the
 * kind's name and the items (values of the field's type; for a range,
 * start, stop and step). It is stored, compared and kept in the history
 * like any other value.
 *
 * A user types a sweep as `a, b, c`, `range(1, 10, 2)` or `glob(a*, b*)`:
 * the same words as Hydra, but with the items typed as the field's values
 * are, never quoted. A `\` before a comma or a backslash makes it part of
 * an item.
 */

static const char * const kind_names[] = {
  [CB_SWEEP_LIST] = "list",
  [CB_SWEEP_RANGE] = "range",
  [CB_SWEEP_GLOB] = "glob",
};

/**
 * cb_sweep_new:
 * @items: (element-type GVariant): the items, each a value of the field's
 *   type
 *
 * Returns: (transfer full): the sweep value
 */
GVariant *
cb_sweep_new (CbSweepKind  kind,
              GPtrArray   *items)
{
  GVariantBuilder builder;

  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
  for (guint i = 0; i < items->len; i++)
    g_variant_builder_add (&builder, "v", g_ptr_array_index (items, i));

  return g_variant_ref_sink (g_variant_new ("(s@av)", kind_names[kind],
                                            g_variant_builder_end (&builder)));
}

/**
 * cb_value_is_sweep:
 * @value: (nullable): a value
 *
 * Returns: whether @value is a sweep of a known kind
 */
gboolean
cb_value_is_sweep (GVariant *value)
{
  const char *name;

  if (value == NULL || !g_variant_is_of_type (value, CB_SWEEP_VARIANT_TYPE))
    return FALSE;

  g_variant_get_child (value, 0, "&s", &name);
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (name, kind_names[i]) == 0)
      return TRUE;

  return FALSE;
}

CbSweepKind
cb_sweep_get_kind (GVariant *sweep)
{
  const char *name;

  g_return_val_if_fail (cb_value_is_sweep (sweep), CB_SWEEP_LIST);

  g_variant_get_child (sweep, 0, "&s", &name);
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (name, kind_names[i]) == 0)
      return i;

  return CB_SWEEP_LIST;
}

/**
 * cb_sweep_get_items:
 *
 * Returns: (transfer full): the items, an `av`
 */
GVariant *
cb_sweep_get_items (GVariant *sweep)
{
  g_return_val_if_fail (cb_value_is_sweep (sweep), NULL);

  return g_variant_get_child_value (sweep, 1);
}

/**
 * cb_text_split_items:
 * @text: values as a user types them: separated by commas, a `\` before a
 *   comma, a backslash or a blank making it part of a value
 * @allow_empty: whether an empty value is one (a list field), or an error
 *   (a sweep)
 *
 * The syntax of a list field and of a sweep's values. Each value loses its
 * outer spaces, except escaped ones. A text of spaces has no value.
 *
 * Returns: (transfer full): the values, or %NULL with @error set
 */
char **
cb_text_split_items (const char  *text,
                     gboolean     allow_empty,
                     GError     **error)
{
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);
  gsize keep = 0; /* the length no stripping may cut into */

  if (allow_empty && text[strspn (text, " ")] == '\0')
    return g_new0 (char *, 1);

  for (const char *p = text;; p++)
    {
      if (*p == '\\' && (p[1] == ',' || p[1] == '\\' || p[1] == ' '))
        {
          g_string_append_c (item, *++p);
          keep = item->len;
          continue;
        }
      if (*p != ',' && *p != '\0')
        {
          /* Only spaces are outer blanks: a tab is part of the value */
          if (item->len == 0 && *p == ' ')
            continue;
          g_string_append_c (item, *p);
          if (*p != ' ')
            keep = item->len;
          continue;
        }

      g_string_truncate (item, keep);
      if (item->len == 0 && !allow_empty)
        {
          g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                       _("“%s” has an empty value; separate the values with commas"), text);
          return NULL;
        }
      g_strv_builder_add (items, item->str);
      g_string_truncate (item, 0);
      keep = 0;
      if (*p == '\0')
        break;
    }

  return g_strv_builder_end (items);
}

/* `name(inner)`: the inner text, or NULL */
static char *
call_arguments (const char *text,
                const char *name)
{
  gsize n = strlen (name);
  gsize len = strlen (text);

  if (strncmp (text, name, n) != 0)
    return NULL;
  while (g_ascii_isspace (text[n]))
    n++;
  if (text[n] != '(' || len < n + 2 || text[len - 1] != ')')
    return NULL;

  return g_strndup (text + n + 1, len - n - 2);
}

/**
 * cb_sweep_split_text:
 * @text: a sweep as a user types it: `a, b`, `range(1, 10, 2)`, `glob(a*)`
 * @kind: (out): the kind it is
 *
 * Returns: (transfer full): its items as texts, or %NULL with @error set
 */
char **
cb_sweep_split_text (const char   *text,
                     CbSweepKind  *kind,
                     GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *range = call_arguments (trimmed, "range");
  g_autofree char *glob = call_arguments (trimmed, "glob");

  if (range != NULL)
    {
      g_auto(GStrv) items = cb_text_split_items (range, FALSE, error);

      *kind = CB_SWEEP_RANGE;
      if (items != NULL && (g_strv_length (items) < 2 || g_strv_length (items) > 3))
        {
          g_set_error (error, CB_ERROR, CB_ERROR_USAGE,
                       _("“%s”: a range takes a start, a stop and an optional step, "
                         "such as range(1, 10, 2)"), text);
          return NULL;
        }
      return g_steal_pointer (&items);
    }

  if (glob != NULL)
    {
      *kind = CB_SWEEP_GLOB;
      return cb_text_split_items (glob, FALSE, error);
    }

  /* Not the trimmed text: an item may end with an escaped blank */
  *kind = CB_SWEEP_LIST;
  return cb_text_split_items (text, FALSE, error);
}

static void
append_escaped (GString    *out,
                const char *item)
{
  gsize len = strlen (item);

  for (gsize i = 0; i < len; i++)
    {
      char c = item[i];

      if (c == ',' || c == '\\' || (c == ' ' && (i == 0 || i == len - 1)))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
}

/**
 * cb_text_join_items:
 *
 * Returns: (transfer full): @items as a user types them, so that
 *   cb_text_split_items() gives them back
 */
char *
cb_text_join_items (const char * const *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_escaped (out, items[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * cb_sweep_to_text:
 *
 * Returns: (transfer full): the sweep as a user types it, so that
 *   cb_sweep_split_text() gives back its items
 */
char *
cb_sweep_to_text (GVariant *sweep)
{
  g_autoptr(GVariant) items = NULL;
  CbSweepKind kind;
  GString *out;
  gsize n;

  g_return_val_if_fail (cb_value_is_sweep (sweep), NULL);

  kind = cb_sweep_get_kind (sweep);
  items = cb_sweep_get_items (sweep);
  n = g_variant_n_children (items);
  out = g_string_new (kind == CB_SWEEP_RANGE ? "range(" : kind == CB_SWEEP_GLOB ? "glob(" : "");

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (items, i);
      g_autofree char *text = cb_override_print_value (item);

      if (i > 0)
        g_string_append (out, ", ");
      append_escaped (out, text);
    }

  if (kind != CB_SWEEP_LIST)
    g_string_append_c (out, ')');

  return g_string_free (out, FALSE);
}
