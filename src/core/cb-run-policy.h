/* cb-run-policy.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-form.h"
#include "cb-run.h"

G_BEGIN_DECLS

char   **cb_run_policy_get_argv       (CbForm      *form,
                                       const char  *edited,
                                       GError     **error);
char      *cb_run_policy_get_log_dir        (CbProject    *project,
                                             GError      **error);
GRegex  *cb_run_policy_get_progress_regex (CbSchema  *schema,
                                           CbProject *project);
CbRun   *cb_run_policy_new_run        (CbForm      *form,
                                       const char  *edited,
                                       GError     **error);

G_END_DECLS
