/* cb-diagnostic.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-diagnostic.h"

G_DEFINE_BOXED_TYPE (CbDiagnostic, cb_diagnostic, cb_diagnostic_copy, cb_diagnostic_free)

CbDiagnostic *
cb_diagnostic_new (CbSeverity  severity,
                   const char *file,
                   guint       line,
                   guint       column,
                   const char *message)
{
  CbDiagnostic *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (CbDiagnostic, 1);
  self->severity = severity;
  self->file = g_strdup (file);
  self->line = line;
  self->column = column;
  self->message = g_strdup (message);

  return self;
}

CbDiagnostic *
cb_diagnostic_copy (const CbDiagnostic *self)
{
  return cb_diagnostic_new (self->severity, self->file, self->line, self->column, self->message);
}

void
cb_diagnostic_free (CbDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_free (self->message);
  g_free (self);
}

/**
 * cb_diagnostics_add_at:
 * @diagnostics: (element-type CbDiagnostic): where it goes
 * @node: where in a file the problem is
 *
 * Adds a diagnostic located at @node: its file, line and column.
 */
void
cb_diagnostics_add_at (GPtrArray    *diagnostics,
                       CbSeverity    severity,
                       const CbNode *node,
                       const char   *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (diagnostics != NULL);
  g_return_if_fail (node != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (diagnostics,
                   cb_diagnostic_new (severity, cb_node_get_file (node), cb_node_get_line (node),
                                      cb_node_get_column (node), message));
}

/**
 * cb_format_location:
 *
 * Returns: `file:line:column`, leaving out what is unknown
 */
char *
cb_format_location (const char *file,
                    guint       line,
                    guint       column)
{
  if (file == NULL)
    return NULL;
  if (line == 0)
    return g_strdup (file);
  if (column == 0)
    return g_strdup_printf ("%s:%u", file, line);
  return g_strdup_printf ("%s:%u:%u", file, line, column);
}

/**
 * cb_diagnostic_to_string:
 *
 * Returns: the diagnostic as `file:line:column: message`, the form
 *   compilers use, with `warning: ` before the message of a warning
 */
char *
cb_diagnostic_to_string (const CbDiagnostic *self)
{
  g_autofree char *location = cb_format_location (self->file, self->line, self->column);
  const char *prefix = self->severity == CB_SEVERITY_WARNING ? _("warning: ") : "";

  if (location == NULL)
    return g_strconcat (prefix, self->message, NULL);

  return g_strdup_printf ("%s: %s%s", location, prefix, self->message);
}

/**
 * cb_diagnostics_to_text:
 * @diagnostics: (nullable) (element-type CbDiagnostic): diagnostics
 * @errors_only: whether to leave the warnings out
 *
 * Returns: (transfer full): one `file:line:column: message` line per
 *   diagnostic, joined by newlines; an empty string for none
 */
char *
cb_diagnostics_to_text (GPtrArray *diagnostics,
                        gboolean   errors_only)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const CbDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *text = NULL;

      if (errors_only && d->severity != CB_SEVERITY_ERROR)
        continue;
      text = cb_diagnostic_to_string (d);
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", text);
    }

  return g_string_free (out, FALSE);
}

gboolean
cb_diagnostics_have_errors (GPtrArray *diagnostics)
{
  if (diagnostics == NULL)
    return FALSE;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CbDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == CB_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}
