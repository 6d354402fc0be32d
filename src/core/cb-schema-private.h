/* cb-schema-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-diagnostic.h"
#include "cb-schema.h"
#include "cb-yaml.h"

G_BEGIN_DECLS

/* The schema's files:
 *
 * - cb-schema.c: the object, loading the top level, checking references
 * - cb-schema-element.c: loading one element of `ui_elements` into a field
 * - cb-schema-read.c: reading typed values with located problems
 * - cb-schema-slurm.c: what the schema says for Slurm jobs
 */

struct _CbSchema
{
  GObject      parent_instance;

  char        *path;
  char        *id;
  char        *label;
  char        *title;
  char        *description;
  char       **command;
  char       **constant_overrides;
  char        *progress_regex;
  CbExpr      *emit_defaults;
  char       **multirun_flag;
  CbMetricsConfig *metrics;
  char        *resume_checkpoint;
  char        *resume_toggle;
  GPtrArray   *fields;
  GHashTable  *fields_by_key;
  GPtrArray   *diagnostics;
};

typedef struct
{
  CbSchema     *schema;
  CbNameLookup *names;   /* nullable */
  GPtrArray    *pending; /* of CbSchemaPending: expressions to check once all keys are known */
} CbSchemaLoader;

/* An expression of @field, owned by it: the field is held so that the
 * expression lives as long as the entry
 */
typedef struct
{
  CbField *field;
  CbNode  *node;
  CbExpr  *expr;
  char    *what;
} CbSchemaPending;

/* cb-schema-read.c */
void      _cb_schema_pending_free     (gpointer            data);
void      _cb_schema_report           (CbSchemaLoader     *loader,
                                       CbSeverity          severity,
                                       const CbNode       *node,
                                       guint               column_offset,
                                       const char         *format,
                                       ...) G_GNUC_PRINTF (5, 6);
void      _cb_schema_report_field     (CbSchemaLoader     *loader,
                                       CbField            *field,
                                       const char         *format,
                                       ...) G_GNUC_PRINTF (3, 4);
gboolean  _cb_schema_expect_kind      (CbSchemaLoader     *loader,
                                       CbNode             *node,
                                       CbNodeKind          kind,
                                       const char         *name);
char     *_cb_schema_get_string       (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char         *name);
char     *_cb_schema_get_text         (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char         *name);
gboolean  _cb_schema_check_finite     (CbSchemaLoader     *loader,
                                       CbNode             *node,
                                       const char         *name,
                                       double              value);
gboolean  _cb_schema_get_number       (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char         *name,
                                       double             *value,
                                       gboolean           *is_integer);
gboolean  _cb_schema_get_count        (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char         *name,
                                       gint64             *value);
gboolean  _cb_schema_get_boolean      (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char         *name,
                                       gboolean           *value);
char    **_cb_schema_get_string_list  (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char         *name,
                                       gboolean            single);
CbExpr   *_cb_schema_get_expr         (CbSchemaLoader     *loader,
                                       CbField            *field,
                                       CbNode             *map,
                                       const char         *name);
void      _cb_schema_check_known_keys (CbSchemaLoader     *loader,
                                       CbNode             *map,
                                       const char * const *known,
                                       const char         *where);

#define error_at(loader, node, ...) \
  _cb_schema_report (loader, CB_SEVERITY_ERROR, node, 0, __VA_ARGS__)
#define warning_at(loader, node, ...) \
  _cb_schema_report (loader, CB_SEVERITY_WARNING, node, 0, __VA_ARGS__)

/* cb-schema-element.c */
CbField  *_cb_schema_load_element     (CbSchemaLoader     *loader,
                                       CbNode             *node,
                                       guint               index);

/* cb-schema-slurm.c */
void      _cb_schema_load_slurm       (CbSchemaLoader     *loader,
                                       CbNode             *root);

G_END_DECLS
