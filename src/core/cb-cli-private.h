/* cb-cli-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-cli.h"
#include "cb-form.h"

G_BEGIN_DECLS

/* The headless modes are split by concern around this header:
 *
 * - cb-cli.c: commands, checks, checkpoints and runs on this computer
 * - cb-cli-slurm.c: batch scripts, submitting, and the jobs of a project
 */

int _cb_cli_form_new   (const CbCliCommand  *command,
                        CbForm             **form);
int _cb_cli_check_form (CbForm              *form);

G_END_DECLS
