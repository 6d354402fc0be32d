/* cb-checkpoint-scanner.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-checkpoint-patterns.h"
#include "cb-monitor-pool.h"

G_BEGIN_DECLS

typedef struct _CbCheckpointScanner CbCheckpointScanner;

/* A folder to list */
typedef struct
{
  char     *path;   /* relative */
  guint64   serial; /* the caller's, given back with the results */
  guint64   mask;
  gboolean  watch;  /* watch it first: its first result says how that went */
} CbScanDir;

/* A folder found in a listed one */
typedef struct
{
  char    *name;
  guint64  mask;
  dev_t    dev;
  ino_t    ino;
} CbScanSubdir;

typedef enum {
  CB_SCAN_PART,   /* some of a folder's entries */
  CB_SCAN_DONE,   /* the last of them, with the listing's status */
  CB_SCAN_END,    /* the end of one cb_checkpoint_scanner_list() */
  CB_SCAN_EVENT,  /* a monitor event: path is absolute */
} CbScanKind;

typedef struct
{
  CbScanKind    kind;
  guint64       start_gen;
  char         *path;
  guint64       serial;
  GPtrArray    *items;   /* CbCheckpointEntry */
  GArray       *subdirs; /* CbScanSubdir */
  CbListStatus  status;
  char         *message;
  gboolean      watched; /* the folder's first result, when it was to be watched */
  CbMonitor    *monitor; /* then its monitor, or NULL when it cannot be watched */
} CbScanResult;

/**
 * CbScanResultFunc:
 * @owner: the scanner's owner
 *
 * Returns: how many items @result carried, which the scanner counts
 *   against its batch
 */
typedef guint (*CbScanResultFunc) (gpointer      owner,
                                   CbScanResult *result);
typedef void  (*CbScanCommitFunc) (gpointer      owner);

CbCheckpointScanner *cb_checkpoint_scanner_new          (GObject              *owner,
                                                         const char           *root,
                                                         CbCheckpointPatterns *patterns,
                                                         CbScanResultFunc      on_result,
                                                         CbScanCommitFunc      on_commit);
CbCheckpointScanner *cb_checkpoint_scanner_ref          (CbCheckpointScanner  *self);
void                 cb_checkpoint_scanner_unref        (CbCheckpointScanner  *self);
void                 cb_checkpoint_scanner_cancel       (CbCheckpointScanner  *self);
void                 cb_checkpoint_scanner_list         (CbCheckpointScanner  *self,
                                                         GArray               *dirs,
                                                         guint64               start_gen);
gboolean             cb_checkpoint_scanner_get_busy     (CbCheckpointScanner  *self);
void                 cb_checkpoint_scanner_push_event   (CbCheckpointScanner  *self,
                                                         const char           *path);
void                 cb_checkpoint_scan_dir_clear       (gpointer              data);
void                 cb_checkpoint_scan_subdir_clear    (gpointer              data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCheckpointScanner, cb_checkpoint_scanner_unref)

G_END_DECLS
