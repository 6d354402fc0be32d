/* cb-test-util.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *cb_test_make_tempdir   (void);
void      cb_test_remove_tree    (const char *path);
char     *cb_test_write          (const char *dir,
                                  const char *relative,
                                  const char *contents);
char     *cb_test_fixture        (const char *name);
gboolean  cb_test_diagnostics_contain (GPtrArray  *diagnostics,
                                       const char *text);
char     *cb_test_diagnostics_to_string (GPtrArray *diagnostics);
int       cb_test_run            (const char * const *argv,
                                  const char         *cwd,
                                  char              **out,
                                  char              **err);

G_END_DECLS
