/* cb-slurm-command.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a Slurm command may take before it is given up on: the
 * controller may be down, and the commands retry for a long time.
 */
#define CB_SLURM_COMMAND_TIMEOUT_SECONDS 60

void      cb_slurm_command_run_async  (const char * const  *argv,
                                       const char          *cwd,
                                       const char          *input,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char     *cb_slurm_command_run_finish (GAsyncResult        *result,
                                       GError             **error);
char     *cb_slurm_command_run        (const char * const  *argv,
                                       const char          *cwd,
                                       const char          *input,
                                       GCancellable        *cancellable,
                                       GError             **error);

char    **cb_slurm_command_build_argv (const char * const  *argv,
                                       const char          *cwd);

G_END_DECLS
