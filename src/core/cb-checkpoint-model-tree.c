/* cb-checkpoint-model-tree.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-checkpoint-model-private.h"

/* The folder tree of a checkpoint model
 *
 * Each folder the match depends on is a node: the project folder for
 * `outputs`, `outputs` for `*`, each experiment for `checkpoints`, each
 * `checkpoints` folder for `*.ckpt`. A node's monitor is made by the
 * scanner right before it lists the folder, level by level, so nothing
 * that happens between listing and watching is lost. A folder that
 * cannot be watched (past the monitor budget, or a monitor that cannot be
 * made) is listed again every CB_CHECKPOINT_POLL_INTERVAL_MS instead.
 *
 * The scanner's results land here: listed items wait in pending_add for
 * the next flush, found folders become nodes, and monitor events become
 * paths to check.
 */

#define WATCH_CHUNK 256 /* folders sent to be watched and listed per main loop dispatch */

/* While the first scan runs, listed entries join the list by the batch,
 * not as each handing over of the listing threads arrives: each batch
 * moves the array once, and is one items-changed
 */
#define LOADING_BATCH    4096
#define LOADING_BATCH_MS 50

void
_cb_checkpoint_model_node_free (gpointer data)
{
  CbDirNode *node = data;

  g_clear_pointer (&node->monitor, cb_monitor_free);
  g_clear_pointer (&node->known, g_hash_table_unref);
  g_clear_pointer (&node->seen, g_hash_table_unref);
  g_free (node->path);
  g_free (node);
}

CbDirNode *
_cb_checkpoint_model_add_node (CbCheckpointModel *self,
                               CbDirNode         *parent,
                               const char        *path,
                               guint64            mask,
                               dev_t              dev,
                               ino_t              ino)
{
  CbDirNode *node = g_new0 (CbDirNode, 1);

  node->path = g_strdup (path);
  node->parent = parent;
  node->mask = mask;
  node->serial = ++self->serial;
  node->dev = dev;
  node->ino = ino;
  g_hash_table_insert (self->nodes, node->path, node);
  return node;
}

/* Symbolic link loops: a folder that is one of its own ancestors */
gboolean
_cb_checkpoint_model_is_loop (CbDirNode *parent,
                              dev_t      dev,
                              ino_t      ino)
{
  for (CbDirNode *n = parent; n != NULL; n = n->parent)
    if (n->dev == dev && n->ino == ino)
      return TRUE;
  return FALSE;
}

static void
drop_node (CbCheckpointModel *self,
           CbDirNode         *node)
{
  if (node->queued)
    g_queue_remove (&self->to_watch, node);
  if (node->monitor != NULL)
    self->n_monitors--;
  if (node->polled)
    self->n_polled--;
  g_hash_table_remove (self->nodes, node->path);
}

/* Drops the node at @path and those under it; their items go into @removes */
void
_cb_checkpoint_model_drop_tree (CbCheckpointModel *self,
                                const char        *path,
                                GHashTable        *removes)
{
  g_autofree char *prefix = g_strconcat (path, "/", NULL);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  gsize len = strlen (prefix);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strcmp (key, path) == 0 || strncmp (key, prefix, len) == 0)
      g_ptr_array_add (doomed, value);

  /* Children before parents, though nothing looks at parents here */
  for (guint i = doomed->len; i > 0; i--)
    drop_node (self, g_ptr_array_index (doomed, i - 1));

  /* A rare event: one pass over the items, not an index kept for it */
  g_hash_table_iter_init (&iter, self->by_path);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strncmp (((CbCheckpointEntry *)key)->path, prefix, len) == 0)
      g_hash_table_add (removes, key);

  _cb_checkpoint_model_update_polling (self);
}

/* Lists the folders of @nodes on a worker thread, watching those about to
 * be watched first
 */
static void
dispatch_job (CbCheckpointModel *self,
              GPtrArray         *nodes)
{
  g_autoptr(GArray) dirs = NULL;

  if (nodes->len == 0)
    return;

  dirs = g_array_sized_new (FALSE, FALSE, sizeof (CbScanDir), nodes->len);
  g_array_set_clear_func (dirs, cb_checkpoint_scan_dir_clear);
  for (guint i = 0; i < nodes->len; i++)
    {
      CbDirNode *node = g_ptr_array_index (nodes, i);
      CbScanDir dir = { g_strdup (node->path), node->serial, node->mask, node->watching };

      node->listing = TRUE;
      g_array_append_val (dirs, dir);
      self->n_listings++;
    }

  cb_checkpoint_scanner_list (self->scanner, dirs, ++self->gen);
}

void
_cb_checkpoint_model_list_node (CbCheckpointModel *self,
                                CbDirNode         *node)
{
  g_autoptr(GPtrArray) nodes = NULL;

  if (node->listing)
    {
      node->relist = TRUE;
      return;
    }
  nodes = g_ptr_array_new ();
  g_ptr_array_add (nodes, node);
  dispatch_job (self, nodes);
}

static gboolean
poll_nodes (gpointer user_data)
{
  CbCheckpointModel *self = user_data;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (self->n_polled == 0)
    {
      self->poll_id = 0;
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CbDirNode *node = value;

      if (node->polled && !node->queued && !node->listing)
        g_ptr_array_add (nodes, node);
    }
  dispatch_job (self, nodes);

  return G_SOURCE_CONTINUE;
}

static void
start_polling (CbCheckpointModel *self,
               CbDirNode         *node)
{
  node->polled = TRUE;
  node->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->n_polled++;
  _cb_checkpoint_model_update_polling (self);

  if (!self->poll_noticed)
    {
      g_autofree char *display = g_utf8_make_valid (node->path[0] ? node->path : ".", -1);
      g_autofree char *message =
        g_strdup_printf (_("Some checkpoint folders, such as “%s”, cannot be watched for changes "
                           "(too many folders, or a file system without change notification), "
                           "so they are checked every %u seconds instead."),
                         display, CB_CHECKPOINT_POLL_INTERVAL_MS / 1000);

      self->poll_noticed = TRUE;
      _cb_checkpoint_model_notice (self, message);
    }

  if (self->poll_id == 0)
    {
      GSource *source = g_timeout_source_new (CB_CHECKPOINT_POLL_INTERVAL_MS);

      g_source_set_callback (source, poll_nodes, self, NULL);
      g_source_set_static_name (source, "[cb] checkpoint polling");
      self->poll_id = g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* Which of @nodes get a watch, made with their listing: those within the
 * budgets, the model's and the process's (every model, every project);
 * the others are polled
 */
static void
choose_watched (CbCheckpointModel *self,
                GPtrArray         *nodes)
{
  guint others = cb_monitor_pool_get_n_monitors () - self->n_monitors;
  guint budget = cb_monitor_pool_get_budget ();

  for (guint i = 0; i < nodes->len; i++)
    {
      CbDirNode *node = g_ptr_array_index (nodes, i);
      guint mine = self->n_monitors + self->n_watching;

      if (mine >= self->max_monitors || others + mine >= budget)
        start_polling (self, node);
      else
        {
          node->watching = TRUE;
          self->n_watching++;
        }
    }
}

static gboolean
watch_some (gpointer user_data)
{
  CbCheckpointModel *self = user_data;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  CbDirNode *node;

  while (nodes->len < WATCH_CHUNK && (node = g_queue_pop_head (&self->to_watch)) != NULL)
    {
      node->queued = FALSE;
      g_ptr_array_add (nodes, node);
    }
  choose_watched (self, nodes);
  dispatch_job (self, nodes);

  if (self->to_watch.length > 0)
    return G_SOURCE_CONTINUE;

  self->watch_id = 0;
  return G_SOURCE_REMOVE;
}

/* Watches, then lists, @node; a chunk of nodes per main loop dispatch */
void
_cb_checkpoint_model_queue_watch (CbCheckpointModel *self,
                                  CbDirNode         *node)
{
  g_queue_push_tail (&self->to_watch, node);
  node->queued = TRUE;

  if (self->watch_id == 0)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, watch_some, self, NULL);
      g_source_set_static_name (source, "[cb] checkpoint monitors");
      self->watch_id = g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* Results, on the main context */

/* Whether an event about @path came after the listing of @r started */
static gboolean
is_touched (CbCheckpointModel *self,
            CbScanResult      *r,
            const char        *path)
{
  gpointer gen;

  return self->touched != NULL &&
         g_hash_table_lookup_extended (self->touched, path, NULL, &gen) &&
         (guint64)GPOINTER_TO_SIZE (gen) >= r->start_gen;
}

static void
see_name (CbDirNode  *node,
          const char *name)
{
  if (node->polled)
    {
      if (node->seen == NULL)
        node->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (node->seen, g_strdup (name));
    }
}

/* A monitor event: the path is checked at the next flush */
static void
queue_path (CbCheckpointModel *self,
            const char        *path)
{
  gsize len = strlen (self->root);
  const char *relative;

  if (path == NULL || strncmp (path, self->root, len) != 0 || path[len] != '/')
    return;
  relative = path + len + 1;
  if (relative[0] == '\0')
    return;

  g_hash_table_add (self->pending_check, g_strdup (relative));
  if (cb_checkpoint_scanner_get_busy (self->scanner))
    {
      if (self->touched == NULL)
        self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_replace (self->touched, g_strdup (relative), GSIZE_TO_POINTER (self->gen));
    }
  _cb_checkpoint_model_schedule_flush (self);
}

/* The watch made before a listing of @node, before its entries, so that
 * a folder that cannot be watched records them for its polling
 */
static void
take_monitor (CbCheckpointModel *self,
              CbDirNode         *node,
              CbScanResult      *r)
{
  g_assert (node->watching && node->monitor == NULL);

  node->watching = FALSE;
  node->monitor = g_steal_pointer (&r->monitor);
  if (node->monitor != NULL)
    self->n_monitors++;
  else
    start_polling (self, node);
}

/* The items and folders that a listing of @node found */
static void
take_entries (CbCheckpointModel *self,
              CbDirNode         *node,
              CbScanResult      *r)
{
  CbPendingGroup *group = NULL;

  /* The entries are the model's from here on */
  g_ptr_array_set_free_func (r->items, NULL);
  for (guint i = 0; i < r->items->len; i++)
    {
      CbCheckpointEntry *entry = g_ptr_array_index (r->items, i);
      const char *slash = strrchr (entry->path, '/');

      see_name (node, slash ? slash + 1 : entry->path);
      if (self->stale != NULL)
        g_hash_table_remove (self->stale, entry->path);

      /* An event after the listing started: the flush will stat it */
      if (is_touched (self, r, entry->path))
        {
          cb_checkpoint_entry_free (entry);
          continue;
        }

      if (group == NULL)
        {
          group = g_rc_box_new0 (CbPendingGroup);
          group->path = g_strdup (node->path);
          group->serial = node->serial;
        }
      g_hash_table_replace (self->pending_add, entry, g_rc_box_acquire (group));
    }
  g_clear_pointer (&group, _cb_checkpoint_model_pending_group_unref);

  for (guint i = 0; i < r->subdirs->len; i++)
    {
      CbScanSubdir *sub = &g_array_index (r->subdirs, CbScanSubdir, i);
      g_autofree char *path = cb_checkpoint_join_relative (node->path, sub->name);

      see_name (node, sub->name);
      if (is_touched (self, r, path) || g_hash_table_contains (self->nodes, path))
        continue;
      if (_cb_checkpoint_model_is_loop (node, sub->dev, sub->ino))
        {
          g_debug ("Not following %s: a symbolic link loop", path);
          continue;
        }
      _cb_checkpoint_model_queue_watch (self, _cb_checkpoint_model_add_node (self, node, path, sub->mask,
                                                                            sub->dev, sub->ino));
    }
}

/* A listing of @node is complete */
static void
finish_listing (CbCheckpointModel *self,
                CbDirNode         *node,
                CbScanResult      *r)
{
  node->listing = FALSE;
  switch (r->status)
    {
    case CB_LIST_GONE:
      g_hash_table_add (self->pending_check, g_strdup (node->path));
      break;

    case CB_LIST_ERROR:
      node->unreadable = TRUE;
      _cb_checkpoint_model_notice_folder (self, node->path, r->message);
      break;

    case CB_LIST_OK:
    default:
      node->unreadable = FALSE;
      break;
    }

  if (node->polled && r->status != CB_LIST_ERROR)
    {
      GHashTableIter iter;
      gpointer name;

      /* What the last listing had and this one has not is gone */
      g_hash_table_iter_init (&iter, node->known);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (node->seen == NULL || !g_hash_table_contains (node->seen, name))
          g_hash_table_add (self->pending_check, cb_checkpoint_join_relative (node->path, name));
      g_hash_table_unref (node->known);
      node->known = node->seen ? g_steal_pointer (&node->seen)
                               : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  g_clear_pointer (&node->seen, g_hash_table_unref);

  if (node->relist)
    {
      node->relist = FALSE;
      _cb_checkpoint_model_list_node (self, node);
    }
}

/* Returns: the number of items in the result */
guint
_cb_checkpoint_model_handle_result (gpointer      owner,
                                    CbScanResult *r)
{
  CbCheckpointModel *self = owner;
  CbDirNode *node;

  switch (r->kind)
    {
    case CB_SCAN_EVENT:
      queue_path (self, r->path);
      return 1;

    case CB_SCAN_END:
      if (!cb_checkpoint_scanner_get_busy (self->scanner))
        g_clear_pointer (&self->touched, g_hash_table_unref);
      return 0;

    case CB_SCAN_PART:
    case CB_SCAN_DONE:
    default:
      break;
    }

  /* A node dropped, or made again, since the listing started */
  node = g_hash_table_lookup (self->nodes, r->path);
  if (r->watched)
    self->n_watching--;
  if (node == NULL || node->serial != r->serial)
    return 0;

  if (r->watched)
    take_monitor (self, node, r);

  take_entries (self, node, r);
  if (r->kind == CB_SCAN_DONE)
    finish_listing (self, node, r);

  return r->items->len;
}

/* After each batch of results */
void
_cb_checkpoint_model_commit (gpointer owner)
{
  CbCheckpointModel *self = owner;

  /* The first scan is delivered at once, in batches; later listings
   * are changes like any other
   */
  if (self->loading)
    {
      if (g_hash_table_size (self->pending_add) >= LOADING_BATCH ||
          g_get_monotonic_time () - self->last_flush >= LOADING_BATCH_MS * 1000)
        _cb_checkpoint_model_flush (self);
      else if (g_hash_table_size (self->pending_add) > 0 || g_hash_table_size (self->pending_check) > 0)
        _cb_checkpoint_model_schedule_flush (self);
      _cb_checkpoint_model_check_loading_done (self);
    }
  else if (g_hash_table_size (self->pending_add) > 0 || g_hash_table_size (self->pending_check) > 0)
    _cb_checkpoint_model_schedule_flush (self);
}
