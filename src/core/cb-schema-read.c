/* cb-schema-read.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cb-schema-private.h"
#include "cb-translation.h"

/* Reading the values of a schema's keys: each helper checks the kind and
 * form of its value and reports what is wrong at its file, line and
 * column, then lets loading go on.
 */

void
_cb_schema_pending_free (gpointer data)
{
  CbSchemaPending *p = data;

  g_clear_pointer (&p->field, cb_field_unref);
  cb_node_unref (p->node);
  g_free (p->what);
  g_free (p);
}

static void
report_valist (CbSchemaLoader *loader,
               CbSeverity      severity,
               guint           line,
               guint           column,
               const char     *format,
               va_list         args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (loader->schema->diagnostics,
                   cb_diagnostic_new (severity, loader->schema->path, line, column, message));
}

void
_cb_schema_report (CbSchemaLoader *loader,
                   CbSeverity      severity,
                   const CbNode   *node,
                   guint           column_offset,
                   const char     *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  report_valist (loader, severity,
                 node ? cb_node_get_line (node) : 0,
                 node ? cb_node_get_column (node) + column_offset : 0,
                 format, args);
  va_end (args);
}

void
_cb_schema_report_field (CbSchemaLoader *loader,
                         CbField        *field,
                         const char     *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  report_valist (loader, CB_SEVERITY_ERROR, field->line, field->column, format, args);
  va_end (args);
}

gboolean
_cb_schema_expect_kind (CbSchemaLoader *loader,
                        CbNode         *node,
                        CbNodeKind      kind,
                        const char     *name)
{
  if (cb_node_get_kind (node) == kind)
    return TRUE;

  error_at (loader, node, _("“%s” must be %s, not %s"),
            name, cb_node_kind_to_string (kind), cb_node_kind_to_string (cb_node_get_kind (node)));
  return FALSE;
}

/* A string-valued key: NULL when absent or null */
char *
_cb_schema_get_string (CbSchemaLoader *loader,
                       CbNode         *map,
                       const char     *name)
{
  CbNode *node = cb_node_lookup (map, name);

  if (node == NULL || cb_node_is_null (node))
    return NULL;
  if (!_cb_schema_expect_kind (loader, node, CB_NODE_SCALAR, name))
    return NULL;

  return g_strdup (cb_node_get_scalar (node));
}

/* The texts a user reads may be translated in the schema itself, as in
 * desktop entries: `label[ko]: ...` next to `label: ...`
 */
static const char * const localized_keys[] = {
  "label", "help", "title", "description", "info_template", "info_fallback", NULL
};

/* A text for the user: `name[LANG]` for the first of the user's languages
 * that has one, else `name`
 */
char *
_cb_schema_get_text (CbSchemaLoader *loader,
                     CbNode         *map,
                     const char     *name)
{
  g_auto(GStrv) keys = cb_translation_keys (name);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      CbNode *node = cb_node_lookup (map, keys[i]);

      if (node != NULL && !cb_node_is_null (node))
        return _cb_schema_get_string (loader, map, keys[i]);
    }

  return _cb_schema_get_string (loader, map, name);
}

/* Every value of a number field is finite: a number YAML reads as
 * infinite (`.inf`, or `1e400`, beyond what a double holds) cannot be one
 */
gboolean
_cb_schema_check_finite (CbSchemaLoader *loader,
                         CbNode         *node,
                         const char     *name,
                         double          value)
{
  if (isfinite (value))
    return TRUE;

  error_at (loader, node,
            _("“%s” must be a finite number, between about -1.8e308 and 1.8e308, not “%s”"),
            name, cb_node_get_scalar (node));
  return FALSE;
}

gboolean
_cb_schema_get_number (CbSchemaLoader *loader,
                       CbNode         *map,
                       const char     *name,
                       double         *value,
                       gboolean       *is_integer)
{
  CbNode *node = cb_node_lookup (map, name);
  gint64 i;

  if (node == NULL || cb_node_is_null (node))
    return FALSE;

  if (cb_node_get_int64 (node, &i))
    {
      *value = (double)i;
      return TRUE;
    }
  if (cb_node_get_double (node, value))
    {
      if (!_cb_schema_check_finite (loader, node, name, *value))
        return FALSE;
      if (is_integer != NULL)
        *is_integer = FALSE;
      return TRUE;
    }

  error_at (loader, node, _("“%s” must be a number, not “%s”"), name,
            cb_node_get_scalar (node) ? cb_node_get_scalar (node) : cb_node_kind_to_string (cb_node_get_kind (node)));
  return FALSE;
}

/* A number of characters or items */
gboolean
_cb_schema_get_count (CbSchemaLoader *loader,
                      CbNode         *map,
                      const char     *name,
                      gint64         *value)
{
  double d;

  if (!_cb_schema_get_number (loader, map, name, &d, NULL))
    return FALSE;

  if (d != floor (d) || d < 0 || d > G_MAXINT)
    {
      error_at (loader, cb_node_lookup (map, name),
                _("“%s” must be a whole number from 0 to %d, not “%s”"),
                name, G_MAXINT, cb_node_get_scalar (cb_node_lookup (map, name)));
      return FALSE;
    }

  *value = (gint64)d;
  return TRUE;
}

gboolean
_cb_schema_get_boolean (CbSchemaLoader *loader,
                        CbNode         *map,
                        const char     *name,
                        gboolean       *value)
{
  CbNode *node = cb_node_lookup (map, name);

  if (node == NULL || cb_node_is_null (node))
    return FALSE;
  if (cb_node_get_boolean (node, value))
    return TRUE;

  error_at (loader, node, _("“%s” must be true or false"), name);
  return FALSE;
}

/* A list of strings, or a single string when @single is allowed */
char **
_cb_schema_get_string_list (CbSchemaLoader *loader,
                            CbNode         *map,
                            const char     *name,
                            gboolean        single)
{
  CbNode *node = cb_node_lookup (map, name);
  GPtrArray *items;

  if (node == NULL || cb_node_is_null (node))
    return NULL;

  if (single && cb_node_get_kind (node) == CB_NODE_SCALAR)
    {
      char *items_single[] = { (char *)cb_node_get_scalar (node), NULL };

      return g_strdupv (items_single);
    }

  if (!_cb_schema_expect_kind (loader, node, CB_NODE_SEQUENCE, name))
    return NULL;

  items = g_ptr_array_new ();
  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      CbNode *item = cb_node_get_child (node, i);

      if (cb_node_get_kind (item) != CB_NODE_SCALAR || cb_node_is_null (item))
        {
          error_at (loader, item, _("the items of “%s” must be texts"), name);
          continue;
        }
      g_ptr_array_add (items, g_strdup (cb_node_get_scalar (item)));
    }
  g_ptr_array_add (items, NULL);

  return (char **)g_ptr_array_free (items, FALSE);
}

CbExpr *
_cb_schema_get_expr (CbSchemaLoader *loader,
                     CbField        *field,
                     CbNode         *map,
                     const char     *name)
{
  g_autoptr(GError) error = NULL;
  CbNode *node = cb_node_lookup (map, name);
  CbExpr *expr;
  guint offset = 0;
  CbSchemaPending *pending;

  if (node == NULL || cb_node_is_null (node))
    return NULL;

  /* `when: true` is a plain boolean scalar, and an expression too */
  if (!_cb_schema_expect_kind (loader, node, CB_NODE_SCALAR, name))
    return NULL;

  expr = cb_expr_parse (cb_node_get_scalar (node), &offset, &error);
  if (expr == NULL)
    {
      _cb_schema_report (loader, CB_SEVERITY_ERROR, node, offset + (cb_node_is_plain (node) ? 0 : 1),
                         _("in “%s”: %s"), name, error->message);
      return NULL;
    }

  pending = g_new0 (CbSchemaPending, 1);
  /* A schema's own expression (field %NULL) is the schema's */
  pending->field = field ? cb_field_ref (field) : NULL;
  pending->node = cb_node_ref (node);
  pending->expr = expr;
  pending->what = g_strdup (name);
  g_ptr_array_add (loader->pending, pending);

  return expr;
}

void
_cb_schema_check_known_keys (CbSchemaLoader     *loader,
                             CbNode             *map,
                             const char * const *known,
                             const char         *where)
{
  /* `label[ko]` is known where `label` is */
  g_autoptr(GPtrArray) unknown = cb_node_get_unknown_keys (map, known, localized_keys);

  for (guint i = 0; i < unknown->len; i++)
    {
      const char *name = cb_node_get_scalar (g_ptr_array_index (unknown, i));

      warning_at (loader, g_ptr_array_index (unknown, i), _("unknown key “%s” in %s; it is ignored"),
                  name ? name : "?", where);
    }
}
