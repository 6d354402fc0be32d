/* cb-checkpoint-model.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>

#include "cb-checkpoint-model-private.h"
#include "cb-sequence-diff.h"

/**
 * CbCheckpointModel:
 *
 * The checkpoints of one `paths:` source, newest first: a #GListModel of
 * #CbCheckpoint (and a #CbOptionList, the checkpoints being the options of
 * a field) that is scanned once and then kept current by file monitors.
 *
 * The globs are compiled into components (see #CbCheckpointPatterns).
 * Each folder the match depends on is a node with a monitor (see
 * cb-checkpoint-model-tree.c), watched and then listed by a
 * #CbCheckpointScanner on worker threads.
 *
 * Monitor events only name paths: they are queued and, at most every
 * %FLUSH_DELAY_MS, each queued path is checked (one stat) and the model is
 * updated with as few items-changed as the changes allow, with exact
 * positions (cb_sequence_diff_apply()). A folder that appears gets a node
 * and is listed once; one that goes drops its nodes and items. No event
 * ever rescans the tree.
 *
 * A folder that cannot be watched (past the monitor budget, or no inotify
 * watch left for it: see #CbMonitor) is listed again every few seconds
 * instead, and the model says so once.
 *
 * Storage is an array of #CbCheckpointEntry sorted newest first (see
 * cb_sequence_diff_apply()) and a hash table from path to entry; an
 * entry's #CbCheckpoint is made when the list model first hands it out.
 */

#define FLUSH_DELAY_MS 100

static void cb_checkpoint_model_list_model_init  (GListModelInterface   *iface);
static void cb_checkpoint_model_option_list_init (CbOptionListInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbCheckpointModel, cb_checkpoint_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cb_checkpoint_model_list_model_init)
                               G_IMPLEMENT_INTERFACE (CB_TYPE_OPTION_LIST,
                                                      cb_checkpoint_model_option_list_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_POLLING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The list model */

static GType
cb_checkpoint_model_get_item_type (GListModel *model)
{
  return CB_TYPE_CHECKPOINT;
}

static guint
cb_checkpoint_model_get_n_items (GListModel *model)
{
  return CB_CHECKPOINT_MODEL (model)->items->len;
}

static gpointer
cb_checkpoint_model_get_item (GListModel *model,
                              guint       position)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (cb_checkpoint_entry_get_object (g_ptr_array_index (self->items, position)));
}

static void
cb_checkpoint_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cb_checkpoint_model_get_item_type;
  iface->get_n_items = cb_checkpoint_model_get_n_items;
  iface->get_item = cb_checkpoint_model_get_item;
}

/* Checkpoint lists are long: an option is found by its path in O(log n) */
static gint64
cb_checkpoint_model_find_option (CbOptionList *list,
                                 const char   *value)
{
  return cb_checkpoint_model_find (CB_CHECKPOINT_MODEL (list), value);
}

static void
cb_checkpoint_model_option_list_init (CbOptionListInterface *iface)
{
  iface->find = cb_checkpoint_model_find_option;
}

/* Changes */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return cb_checkpoint_entry_compare (a, b);
}

static void
on_removed (gpointer item,
            gpointer user_data)
{
  CbCheckpointModel *self = user_data;
  CbCheckpointEntry *entry = item;

  if (g_hash_table_lookup (self->by_path, entry) == entry)
    g_hash_table_remove (self->by_path, entry);
  cb_checkpoint_entry_free (entry);
}

static void
on_inserted (gpointer item,
             gpointer user_data)
{
  CbCheckpointModel *self = user_data;
  CbCheckpointEntry *entry = item;

  g_hash_table_add (self->by_path, entry);
}

static void
on_changed (guint    position,
            guint    removed,
            guint    added,
            gpointer user_data)
{
  g_list_model_items_changed (G_LIST_MODEL (user_data), position, removed, added);
}

static const CbSequenceDiffFuncs diff_funcs = {
  compare_items,
  on_removed,
  on_inserted,
  on_changed,
};

/* The keys of @table, in no order */
static GPtrArray *
keys_of (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  return keys;
}

/* Removes the entries of @removes (a set) and adds those of @adds (which
 * the model takes), with exact items-changed
 */
void
_cb_checkpoint_model_apply (CbCheckpointModel *self,
                            GHashTable        *removes,
                            GPtrArray         *adds)
{
  g_autoptr(GPtrArray) remove_list = keys_of (removes);

  cb_sequence_diff_apply (self->items, remove_list, adds, &diff_funcs, self);
}

/* Queues the replacement of a path's entry by @entry (transfer full),
 * when it differs.
 */
void
_cb_checkpoint_model_upsert (CbCheckpointModel *self,
                             GHashTable        *removes,
                             GPtrArray         *adds,
                             CbCheckpointEntry *entry)
{
  CbCheckpointEntry *old = g_hash_table_lookup (self->by_path, entry);

  if (old != NULL)
    {
      if (old->size == entry->size && old->mtime == entry->mtime)
        {
          cb_checkpoint_entry_free (entry);
          return;
        }
      g_hash_table_add (removes, old);
    }
  g_ptr_array_add (adds, entry);
}

void
_cb_checkpoint_model_remove_path (CbCheckpointModel *self,
                                  GHashTable        *removes,
                                  const char        *path)
{
  g_autoptr(CbCheckpointEntry) key = cb_checkpoint_entry_new_key (path);
  CbCheckpointEntry *old = g_hash_table_lookup (self->by_path, key);

  if (old != NULL)
    g_hash_table_add (removes, old);
}

/* Notices */

void
_cb_checkpoint_model_notice (CbCheckpointModel *self,
                             const char        *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

void
_cb_checkpoint_model_notice_folder (CbCheckpointModel *self,
                                    const char        *path,
                                    const char        *reason)
{
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  if (g_hash_table_contains (self->noticed, path))
    return;
  g_hash_table_add (self->noticed, g_strdup (path));

  display = g_utf8_make_valid (path[0] ? path : ".", -1);
  message = g_strdup_printf (_("The folder “%s” cannot be read (%s), so its checkpoints are not listed."),
                             display, reason);
  _cb_checkpoint_model_notice (self, message);
}

void
_cb_checkpoint_model_update_polling (CbCheckpointModel *self)
{
  gboolean polling = self->n_polled > 0;

  if (polling == self->polling)
    return;
  self->polling = polling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLING]);
}

/* Flushing */

static void
pending_group_clear (gpointer data)
{
  g_free (((CbPendingGroup *)data)->path);
}

void
_cb_checkpoint_model_pending_group_unref (gpointer group)
{
  g_rc_box_release_full (group, pending_group_clear);
}

static GHashTable *
new_pending_add (void)
{
  return g_hash_table_new_full (cb_checkpoint_entry_hash, cb_checkpoint_entry_equal,
                                cb_checkpoint_entry_free, _cb_checkpoint_model_pending_group_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* The timers are attached to the model's context, which need not be the
 * global default one that g_source_remove() looks in
 */
void
_cb_checkpoint_model_clear_source (CbCheckpointModel *self,
                                   guint             *id)
{
  GSource *source;

  if (*id == 0)
    return;
  source = g_main_context_find_source_by_id (self->context, *id);
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

static gboolean
on_flush_timeout (gpointer user_data)
{
  CbCheckpointModel *self = user_data;

  self->flush_id = 0;
  _cb_checkpoint_model_flush (self);
  return G_SOURCE_REMOVE;
}

/* At most one update per FLUSH_DELAY_MS: the first event starts the
 * timeout and later ones join it, so a steady stream cannot starve it.
 */
void
_cb_checkpoint_model_schedule_flush (CbCheckpointModel *self)
{
  GSource *source;

  if (self->flush_id != 0 || self->context == NULL)
    return;

  source = g_timeout_source_new (FLUSH_DELAY_MS);
  g_source_set_callback (source, on_flush_timeout, self, NULL);
  g_source_set_static_name (source, "[cb] checkpoint changes");
  self->flush_id = g_source_attach (source, self->context);
  g_source_unref (source);
}

/* A folder at @path exists (@st) and the match goes on in it */
static void
check_folder (CbCheckpointModel *self,
              CbDirNode         *parent,
              const char        *path,
              guint64            child_mask,
              struct stat       *st,
              GHashTable        *removes)
{
  CbDirNode *node = g_hash_table_lookup (self->nodes, path);

  if (node != NULL && (node->dev != st->st_dev || node->ino != st->st_ino))
    {
      /* Another folder by that name: start over */
      _cb_checkpoint_model_drop_tree (self, path, removes);
      node = NULL;
    }

  if (node == NULL)
    {
      if (_cb_checkpoint_model_is_loop (parent, st->st_dev, st->st_ino))
        g_debug ("Not following %s: a symbolic link loop", path);
      else
        _cb_checkpoint_model_queue_watch (self, _cb_checkpoint_model_add_node (self, parent, path, child_mask,
                                                                              st->st_dev, st->st_ino));
    }
  else if (node->unreadable)
    _cb_checkpoint_model_list_node (self, node);
}

/* Brings @path up to date from the disk: a file, a folder, or nothing */
static void
check_path (CbCheckpointModel *self,
            const char        *path,
            GHashTable        *removes,
            GPtrArray         *adds)
{
  g_autofree char *parent_path = NULL;
  const char *slash = strrchr (path, '/');
  const char *name = slash ? slash + 1 : path;
  CbDirNode *parent;
  guint64 child_mask = 0;
  int glob = -1;
  struct stat st;
  gboolean exists = FALSE;

  if (self->stale != NULL)
    g_hash_table_remove (self->stale, path);

  parent_path = slash ? g_strndup (path, slash - path) : g_strdup ("");
  parent = g_hash_table_lookup (self->nodes, parent_path);
  if (parent != NULL)
    cb_checkpoint_patterns_classify (self->patterns, parent->mask, name, &glob, &child_mask);

  if (glob >= 0 || child_mask != 0)
    {
      g_autofree char *absolute = g_build_filename (self->root, path, NULL);

      exists = stat (absolute, &st) == 0;
    }

  if (exists && glob >= 0 && S_ISREG (st.st_mode))
    _cb_checkpoint_model_upsert (self, removes, adds,
                                 cb_checkpoint_patterns_make_entry (self->patterns, path, glob, &st, NULL));
  else
    _cb_checkpoint_model_remove_path (self, removes, path);

  if (exists && child_mask != 0 && S_ISDIR (st.st_mode))
    check_folder (self, parent, path, child_mask, &st, removes);
  else if (g_hash_table_contains (self->nodes, path))
    _cb_checkpoint_model_drop_tree (self, path, removes);
}

/* Applies what events and listings queued since the last flush */
void
_cb_checkpoint_model_flush (CbCheckpointModel *self)
{
  g_autoptr(GHashTable) check = NULL;
  g_autoptr(GHashTable) add = NULL;
  g_autoptr(GHashTable) removes = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) adds = g_ptr_array_new_with_free_func (cb_checkpoint_entry_free);
  g_autoptr(GPtrArray) paths = NULL;
  GHashTableIter iter;
  gpointer key, value;

  _cb_checkpoint_model_clear_source (self, &self->flush_id);
  self->n_flushes++;
  self->last_flush = g_get_monotonic_time ();

  check = g_steal_pointer (&self->pending_check);
  add = g_steal_pointer (&self->pending_add);
  self->pending_check = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_add = new_pending_add ();

  /* Folders before what is in them, so that a new folder's node exists
   * when its files are checked
   */
  paths = keys_of (check);
  g_ptr_array_sort (paths, compare_strings);
  for (guint i = 0; i < paths->len; i++)
    check_path (self, g_ptr_array_index (paths, i), removes, adds);

  /* Listed entries, unless a stat just told better, or their folder went
   * (looked up once per folder)
   */
  g_hash_table_iter_init (&iter, add);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CbCheckpointEntry *entry = key;
      CbPendingGroup *group = value;

      if (group->flush != self->n_flushes)
        {
          CbDirNode *node = g_hash_table_lookup (self->nodes, group->path);

          group->flush = self->n_flushes;
          group->current = node != NULL && node->serial == group->serial;
        }
      if (!group->current || (paths->len > 0 && g_hash_table_contains (check, entry->path)))
        continue;

      g_hash_table_iter_steal (&iter);
      _cb_checkpoint_model_pending_group_unref (group);
      _cb_checkpoint_model_upsert (self, removes, adds, entry);
    }

  /* An item both checked and under a dropped folder is removed once */
  _cb_checkpoint_model_apply (self, removes, adds);
}

void
_cb_checkpoint_model_check_loading_done (CbCheckpointModel *self)
{
  if (!self->loading || (self->scanner != NULL && cb_checkpoint_scanner_get_busy (self->scanner)) ||
      self->to_watch.length > 0)
    return;

  /* What was listed before start() and not seen since is gone, unless a
   * stat says otherwise
   */
  if (self->stale != NULL)
    {
      GHashTableIter iter;
      gpointer path;

      g_hash_table_iter_init (&iter, self->stale);
      while (g_hash_table_iter_next (&iter, &path, NULL))
        g_hash_table_add (self->pending_check, g_strdup (path));
      g_clear_pointer (&self->stale, g_hash_table_unref);
    }

  _cb_checkpoint_model_flush (self);

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* GObject */

static void
cb_checkpoint_model_dispose (GObject *object)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (object);

  if (self->scanner != NULL)
    cb_checkpoint_scanner_cancel (self->scanner);
  _cb_checkpoint_model_clear_source (self, &self->watch_id);
  _cb_checkpoint_model_clear_source (self, &self->flush_id);
  _cb_checkpoint_model_clear_source (self, &self->poll_id);
  g_queue_clear (&self->to_watch);
  g_hash_table_remove_all (self->nodes);

  G_OBJECT_CLASS (cb_checkpoint_model_parent_class)->dispose (object);
}

static void
cb_checkpoint_model_finalize (GObject *object)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (object);

  g_clear_pointer (&self->by_path, g_hash_table_unref);
  for (guint i = 0; i < self->items->len; i++)
    cb_checkpoint_entry_free (g_ptr_array_index (self->items, i));
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->pending_check, g_hash_table_unref);
  g_clear_pointer (&self->pending_add, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->noticed, g_hash_table_unref);
  g_clear_pointer (&self->scanner, cb_checkpoint_scanner_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->patterns, cb_checkpoint_patterns_unref);
  g_free (self->root);

  G_OBJECT_CLASS (cb_checkpoint_model_parent_class)->finalize (object);
}

static void
cb_checkpoint_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_POLLING:
      g_value_set_boolean (value, self->polling);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_checkpoint_model_class_init (CbCheckpointModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_checkpoint_model_dispose;
  object_class->finalize = cb_checkpoint_model_finalize;
  object_class->get_property = cb_checkpoint_model_get_property;

  /**
   * CbCheckpointModel:loading:
   *
   * Whether the first scan is still running; items arrive meanwhile.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbCheckpointModel:polling:
   *
   * Whether some folders are checked periodically because they cannot be
   * watched.
   */
  properties[PROP_POLLING] =
    g_param_spec_boolean ("polling", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CbCheckpointModel::notice:
   * @message: a full sentence for the user
   *
   * Something the user should know once: a folder that cannot be read,
   * or folders that are checked periodically instead of watched.
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cb_checkpoint_model_init (CbCheckpointModel *self)
{
  self->items = g_ptr_array_new ();
  self->by_path = g_hash_table_new (cb_checkpoint_entry_hash, cb_checkpoint_entry_equal);
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _cb_checkpoint_model_node_free);
  g_queue_init (&self->to_watch);
  self->pending_check = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_add = new_pending_add ();
  self->noticed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->max_monitors = cb_monitor_pool_get_budget ();
}

/**
 * cb_checkpoint_model_new:
 * @root: (type filename): the project folder
 * @globs: (array zero-terminated=1): patterns relative to @root, such as
 *   `outputs/\*\/checkpoints/\*.ckpt`; invalid ones are ignored
 *
 * The model is empty until cb_checkpoint_model_start() or
 * cb_checkpoint_model_scan_sync().
 *
 * Returns: (transfer full): a new model
 */
CbCheckpointModel *
cb_checkpoint_model_new (const char         *root,
                         const char * const *globs)
{
  CbCheckpointModel *self;

  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (CB_TYPE_CHECKPOINT_MODEL, NULL);
  self->root = g_canonicalize_filename (root, NULL);
  self->patterns = cb_checkpoint_patterns_new (globs);
  return self;
}

/**
 * cb_checkpoint_model_get_root:
 *
 * Returns: (type filename): the project folder, canonical
 */
const char *
cb_checkpoint_model_get_root (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), NULL);

  return self->root;
}

/**
 * cb_checkpoint_model_set_max_monitors:
 * @n: the number of folders to watch at most
 *
 * Folders past @n are checked periodically instead. The default is half
 * the user's inotify watch limit, for all models together. Folders
 * already watched stay watched: the limit applies to those found from now
 * on.
 */
void
cb_checkpoint_model_set_max_monitors (CbCheckpointModel *self,
                                      guint              n)
{
  g_return_if_fail (CB_IS_CHECKPOINT_MODEL (self));

  self->max_monitors = n;
}

/**
 * cb_checkpoint_model_start:
 *
 * Scans on worker threads, delivering items in batches on the thread-default
 * main context, and from then on follows changes. Items already there
 * (from cb_checkpoint_model_scan_sync()) stay until the scan shows they are
 * gone. Does nothing when already started.
 */
void
cb_checkpoint_model_start (CbCheckpointModel *self)
{
  struct stat st;
  CbDirNode *root;

  g_return_if_fail (CB_IS_CHECKPOINT_MODEL (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->n_scans++;
  self->context = g_main_context_ref_thread_default ();
  self->scanner = cb_checkpoint_scanner_new (G_OBJECT (self), self->root, self->patterns,
                                             _cb_checkpoint_model_handle_result,
                                             _cb_checkpoint_model_commit);

  if (self->items->len > 0)
    {
      GHashTableIter iter;
      gpointer entry;

      self->stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, self->by_path);
      while (g_hash_table_iter_next (&iter, &entry, NULL))
        g_hash_table_add (self->stale, g_strdup (((CbCheckpointEntry *)entry)->path));
    }

  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->patterns->n == 0 || stat (self->root, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      _cb_checkpoint_model_check_loading_done (self);
      return;
    }

  root = _cb_checkpoint_model_add_node (self, NULL, "", self->patterns->root_mask, st.st_dev, st.st_ino);
  _cb_checkpoint_model_queue_watch (self, root);
}

/**
 * cb_checkpoint_model_get_started:
 *
 * Returns: whether cb_checkpoint_model_start() was called
 */
gboolean
cb_checkpoint_model_get_started (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), FALSE);

  return self->started;
}

gboolean
cb_checkpoint_model_get_loading (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), FALSE);

  return self->loading;
}

gboolean
cb_checkpoint_model_get_polling (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), FALSE);

  return self->polling;
}

/**
 * cb_checkpoint_model_get_n_scans:
 *
 * Returns: how many full scans ran: one per start() or scan_sync(); file
 *   monitor events never add one
 */
guint
cb_checkpoint_model_get_n_scans (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), 0);

  return self->n_scans;
}

/**
 * cb_checkpoint_model_get_n_listings:
 *
 * Returns: how many single folders were listed (or, for a folder whose
 *   entries are all named in full, looked into), the scans' included
 */
guint
cb_checkpoint_model_get_n_listings (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), 0);

  return self->n_listings;
}

/**
 * cb_checkpoint_model_get_n_monitors:
 *
 * Returns: how many folders are watched by a file monitor
 */
guint
cb_checkpoint_model_get_n_monitors (CbCheckpointModel *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), 0);

  return self->n_monitors;
}

/**
 * cb_checkpoint_model_find:
 * @path: (type filename): a project-relative path
 *
 * Returns: the position of the checkpoint at @path, or -1; O(log n)
 */
gint64
cb_checkpoint_model_find (CbCheckpointModel *self,
                          const char        *path)
{
  g_autoptr(CbCheckpointEntry) key = NULL;
  CbCheckpointEntry *entry;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), -1);

  if (path == NULL)
    return -1;
  key = cb_checkpoint_entry_new_key (path);
  if ((entry = g_hash_table_lookup (self->by_path, key)) == NULL)
    return -1;

  /* Entries are unique in the order: a binary search finds this one */
  hi = self->items->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cb_checkpoint_entry_compare (g_ptr_array_index (self->items, mid), entry) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < self->items->len && g_ptr_array_index (self->items, lo) == entry);
  return lo;
}
