/* cb-cli-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-cli.h"
#include "cb-form.h"
#include "cb-session.h"

G_BEGIN_DECLS

/* The headless modes are split by concern; this header is what their
 * files share:
 *
 * - cb-cli.c: commands of a form (print, setups), and --check
 * - cb-cli-run.c: --run
 * - cb-cli-checkpoints.c: --list-checkpoints
 * - cb-cli-history.c: the runs of the history (--history, --diff,
 *   --metrics)
 * - cb-cli-slurm.c: batch scripts, submitting, and the jobs of a project
 */

CbProject *_cb_cli_load_project (const char          *dir);
CbSession *_cb_cli_open_session (const char          *dir);
char      *_cb_cli_escape_path  (const char          *path);
int        _cb_cli_form_new     (const CbCliCommand  *command,
                                 CbForm             **form);
int        _cb_cli_check_form   (CbForm              *form);

G_END_DECLS
