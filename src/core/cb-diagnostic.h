/* cb-diagnostic.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-yaml.h"

G_BEGIN_DECLS

typedef enum
{
  CB_SEVERITY_ERROR,
  CB_SEVERITY_WARNING,
} CbSeverity;

/**
 * CbDiagnostic:
 * @severity: an error makes the file unusable, a warning does not
 * @file: (nullable): the path of the file, or %NULL
 * @line: 1-based line, or 0 when unknown
 * @column: 1-based column, or 0 when unknown
 * @message: a full sentence, without the location
 *
 * A problem found in a project file or schema, with where it is.
 */
typedef struct
{
  CbSeverity  severity;
  char       *file;
  guint       line;
  guint       column;
  char       *message;
} CbDiagnostic;

#define CB_TYPE_DIAGNOSTIC (cb_diagnostic_get_type ())

GType         cb_diagnostic_get_type  (void) G_GNUC_CONST;
CbDiagnostic *cb_diagnostic_new       (CbSeverity          severity,
                                       const char         *file,
                                       guint               line,
                                       guint               column,
                                       const char         *message);
CbDiagnostic *cb_diagnostic_copy      (const CbDiagnostic *self);
void          cb_diagnostic_free      (CbDiagnostic       *self);
char         *cb_diagnostic_to_string (const CbDiagnostic *self);
gboolean      cb_diagnostics_have_errors (GPtrArray       *diagnostics);
char         *cb_diagnostics_to_text  (GPtrArray          *diagnostics,
                                       gboolean            errors_only);

void          cb_diagnostics_add_at   (GPtrArray          *diagnostics,
                                       CbSeverity          severity,
                                       const CbNode       *node,
                                       const char         *format,
                                       ...) G_GNUC_PRINTF (4, 5);

char         *cb_format_location      (const char         *file,
                                       guint               line,
                                       guint               column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbDiagnostic, cb_diagnostic_free)

G_END_DECLS
