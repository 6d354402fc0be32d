/* cb-cli.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the headless modes */
#define CB_EXIT_OK       0
#define CB_EXIT_INVALID  1 /* the values do not validate */
#define CB_EXIT_BAD      2 /* a bad project, schema or flag */

/* --run: the command's own status, or 128 + the signal that ended it, or */
#define CB_EXIT_CANNOT_EXECUTE 126 /* the command is not executable */
#define CB_EXIT_NOT_FOUND      127 /* the command is not found */

/**
 * CbCliListFlags:
 * @CB_CLI_LIST_FOLLOW: go on printing changes (`--follow`)
 * @CB_CLI_LIST_NULL: end records with a NUL byte, paths unescaped (`--null`)
 */
typedef enum {
  CB_CLI_LIST_FOLLOW = 1 << 0,
  CB_CLI_LIST_NULL   = 1 << 1,
} CbCliListFlags;

/**
 * CbCliCommand:
 * @project_dir: the project folder
 * @schema_id: (nullable): the schema; %NULL for the first
 * @setup: (nullable): the id of a suggested setup to apply (`--setup`)
 * @sets: (nullable): `KEY=VALUE` texts of `--set`
 * @sweeps: (nullable): `KEY=VALUES` texts of `--sweep`
 *
 * The form a command line asks for.
 */
typedef struct
{
  const char         *project_dir;
  const char         *schema_id;
  const char         *setup;
  const char * const *sets;
  const char * const *sweeps;
} CbCliCommand;

typedef enum
{
  CB_CLI_OUTPUT_DISPLAY,
  CB_CLI_OUTPUT_ARGV,
} CbCliOutput;

char  *cb_cli_resolve_project_dir (const char          *given,
                                   GError             **error);
char  *cb_cli_option_to_utf8      (const char          *flag,
                                   const char          *value,
                                   GError             **error);
char **cb_cli_options_to_utf8     (const char          *flag,
                                   const char * const  *values,
                                   GError             **error);
int    cb_cli_print_command       (const CbCliCommand  *command,
                                   CbCliOutput          output);
int    cb_cli_list_setups         (const CbCliCommand  *command);
int    cb_cli_run                 (const CbCliCommand  *command);
int    cb_cli_check               (const char          *project_dir);
int    cb_cli_list_checkpoints    (const char          *project_dir,
                                   CbCliListFlags       flags);

int    cb_cli_history             (const char          *project_dir);
int    cb_cli_diff                (const char          *project_dir,
                                   const char          *run_a,
                                   const char          *run_b,
                                   gboolean             all);
int    cb_cli_metrics             (const char          *project_dir,
                                   const char          *run,
                                   gboolean             csv);
int    cb_cli_print_batch_script  (const CbCliCommand  *command,
                                   const char * const  *resources);
int    cb_cli_submit              (const CbCliCommand  *command,
                                   const char * const  *resources);
int    cb_cli_list_jobs           (const char          *project_dir);
int    cb_cli_cancel              (const char          *project_dir,
                                   const char          *job_id);

G_END_DECLS
