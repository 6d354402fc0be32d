/* cb-process-tree.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <glib.h>

G_BEGIN_DECLS

/* The environment variable that marks every process of a run */
#define CB_PROCESS_TREE_RUN_VAR "CMDBUILDER_RUN_ID"

/**
 * CbProcessInfo:
 * @pid: the process
 * @pgid: its process group
 * @start_time: when it started, in clock ticks since boot: tells a reused
 *   pid apart
 * @name: its command name, as the kernel keeps it (at most 15 bytes)
 * @escaped: it left the run's process group
 * @holds_output: it holds one of the run's output pipes open
 */
typedef struct
{
  int      pid;
  int      pgid;
  guint64  start_time;
  char     name[16];
  guint    escaped : 1;
  guint    holds_output : 1;
} CbProcessInfo;

/**
 * CbProcessQuery:
 * @main_pid: the run's main process, or 0 when it has been reaped; it is
 *   never in the result (its spawner waits for it)
 * @pgid: the run's process group
 * @token: (nullable): the value of %CB_PROCESS_TREE_RUN_VAR in the run's
 *   environment
 * @pipes: (array length=n_pipes): inode numbers of the run's output pipes
 */
typedef struct
{
  int          main_pid;
  int          pgid;
  const char  *token;
  const ino_t *pipes;
  guint        n_pipes;
} CbProcessQuery;

void      cb_process_tree_become_subreaper (void);
GArray   *cb_process_tree_find             (const CbProcessQuery *query);
gboolean  cb_process_tree_signal           (const CbProcessInfo  *info,
                                            int                   signum);
void      cb_process_tree_reap             (const CbProcessInfo  *info);
void      cb_process_tree_sweep            (void);
guint     cb_process_tree_get_n_watched    (void);

G_END_DECLS
