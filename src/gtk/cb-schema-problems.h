/* cb-schema-problems.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_SCHEMA_PROBLEMS (cb_schema_problems_get_type ())

G_DECLARE_FINAL_TYPE (CbSchemaProblems, cb_schema_problems, CB, SCHEMA_PROBLEMS, GtkWidget)

GtkWidget  *cb_schema_problems_new          (const char       *problems);
const char *cb_schema_problems_get_problems (CbSchemaProblems *self);

G_END_DECLS
