/* cb-checkpoint-model-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-checkpoint-model.h"
#include "cb-checkpoint-patterns.h"
#include "cb-checkpoint-scanner.h"
#include "cb-monitor-pool.h"

G_BEGIN_DECLS

/* The class's files:
 *
 * - cb-checkpoint-model.c: the object, the list model, and flushing
 *   queued changes into it
 * - cb-checkpoint-model-tree.c: the folder nodes, their monitors, polling,
 *   and the scanner's results
 * - cb-checkpoint-model-sync.c: the synchronous scan
 */

#define CB_CHECKPOINT_POLL_INTERVAL_MS 2000

typedef struct _CbDirNode CbDirNode;

/* A folder the match depends on */
struct _CbDirNode
{
  char         *path;   /* relative; "" for the root */
  CbDirNode    *parent;
  guint64       mask;
  guint64       serial;
  dev_t         dev;
  ino_t         ino;
  CbMonitor    *monitor;
  GHashTable   *known;  /* polled nodes: names found by the last listing */
  GHashTable   *seen;   /* polled nodes: names found by this listing */
  guint         queued : 1;
  guint         watching : 1;  /* its watch is being made with its listing */
  guint         polled : 1;
  guint         listing : 1;
  guint         relist : 1;
  guint         unreadable : 1;
};

/* The folder that listed entries came from, shared by the entries of one
 * result while they wait in pending_add for the next flush
 */
typedef struct
{
  char    *path;      /* the node's */
  guint64  serial;    /* the node's, when it was listed */
  guint64  flush;     /* the flush that last looked the node up */
  gboolean current;   /* whether the node was still the same then */
} CbPendingGroup;

struct _CbCheckpointModel
{
  GObject               parent_instance;

  char                 *root;
  CbCheckpointPatterns *patterns;

  GPtrArray            *items;      /* CbCheckpointEntry, newest first */
  GHashTable           *by_path;    /* CbCheckpointEntry, a set by path */

  GMainContext         *context;
  CbCheckpointScanner  *scanner;
  GHashTable           *nodes;      /* path → CbDirNode */
  GQueue                to_watch;   /* CbDirNode */
  guint64               serial;
  guint                 n_monitors;
  guint                 n_watching;    /* watches being made with listings */
  guint                 max_monitors;
  guint                 n_polled;

  GHashTable           *pending_check; /* paths to stat */
  GHashTable           *pending_add;   /* CbCheckpointEntry, by path → CbPendingGroup, from listings */
  guint64               n_flushes;
  gint64                last_flush;    /* monotonic time */
  GHashTable           *touched;       /* path → generation of its last event, while jobs run */
  GHashTable           *stale;         /* paths listed before start(), not seen since */
  guint64               gen;
  GHashTable           *noticed;       /* folders already reported */
  gboolean              poll_noticed;

  guint                 watch_id;
  guint                 flush_id;
  guint                 poll_id;

  guint                 n_scans;
  guint                 n_listings;
  guint                 started : 1;
  guint                 loading : 1;
  guint                 polling : 1;
};

/* cb-checkpoint-model.c */
void       _cb_checkpoint_model_upsert            (CbCheckpointModel *self,
                                                   GHashTable        *removes,
                                                   GPtrArray         *adds,
                                                   CbCheckpointEntry *entry);
void       _cb_checkpoint_model_remove_path       (CbCheckpointModel *self,
                                                   GHashTable        *removes,
                                                   const char        *path);
void       _cb_checkpoint_model_apply             (CbCheckpointModel *self,
                                                   GHashTable        *removes,
                                                   GPtrArray         *adds);
void       _cb_checkpoint_model_schedule_flush    (CbCheckpointModel *self);
void       _cb_checkpoint_model_flush             (CbCheckpointModel *self);
void       _cb_checkpoint_model_pending_group_unref (gpointer         group);
void       _cb_checkpoint_model_check_loading_done (CbCheckpointModel *self);
void       _cb_checkpoint_model_notice            (CbCheckpointModel *self,
                                                   const char        *message);
void       _cb_checkpoint_model_notice_folder     (CbCheckpointModel *self,
                                                   const char        *path,
                                                   const char        *reason);
void       _cb_checkpoint_model_update_polling    (CbCheckpointModel *self);
void       _cb_checkpoint_model_clear_source      (CbCheckpointModel *self,
                                                   guint             *id);

/* cb-checkpoint-model-tree.c */
CbDirNode *_cb_checkpoint_model_add_node          (CbCheckpointModel *self,
                                                   CbDirNode         *parent,
                                                   const char        *path,
                                                   guint64            mask,
                                                   dev_t              dev,
                                                   ino_t              ino);
void       _cb_checkpoint_model_node_free         (gpointer           data);
gboolean   _cb_checkpoint_model_is_loop           (CbDirNode         *parent,
                                                   dev_t              dev,
                                                   ino_t              ino);
void       _cb_checkpoint_model_drop_tree         (CbCheckpointModel *self,
                                                   const char        *path,
                                                   GHashTable        *removes);
void       _cb_checkpoint_model_queue_watch       (CbCheckpointModel *self,
                                                   CbDirNode         *node);
void       _cb_checkpoint_model_list_node         (CbCheckpointModel *self,
                                                   CbDirNode         *node);
guint      _cb_checkpoint_model_handle_result     (gpointer           owner,
                                                   CbScanResult      *r);
void       _cb_checkpoint_model_commit            (gpointer           owner);

G_END_DECLS
