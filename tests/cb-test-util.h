/* cb-test-util.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-form.h"

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

const char *cb_test_form_string (CbForm     *form,
                                 const char *key);

gboolean  cb_test_flag_timeout (gpointer flag);

/**
 * cb_test_wait_until:
 * @cond: a condition
 * @seconds: how long to wait at most
 *
 * Iterates the main loop until @cond holds; fails the test, naming the
 * condition and the caller's line, after @seconds. Every test waits with
 * it: a sleep is never the synchronisation.
 */
#define cb_test_wait_until(cond, seconds) G_STMT_START { \
    gboolean _timed_out = FALSE; \
    guint _id = g_timeout_add_seconds ((seconds), cb_test_flag_timeout, &_timed_out); \
    while (!(cond) && !_timed_out) \
      g_main_context_iteration (NULL, TRUE); \
    if (!_timed_out) \
      g_source_remove (_id); \
    if (!(cond)) \
      g_assertion_message_expr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                                "timed out waiting for " #cond); \
  } G_STMT_END

G_END_DECLS
