/* cb-cli-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-cli.h"
#include "cb-session.h"

G_BEGIN_DECLS

/* The headless modes are split by concern; this header is what their
 * files share:
 *
 * - cb-cli.c: commands of a form (print, run, setups), --check and
 *   --list-checkpoints
 * - cb-cli-history.c: the runs of the history (--history, --diff,
 *   --metrics)
 */

CbSession *_cb_cli_open_session (const char *dir);
char      *_cb_cli_escape_path  (const char *path);

G_END_DECLS
