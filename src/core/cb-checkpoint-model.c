/* cb-checkpoint-model.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "cb-checkpoint-model.h"
#include "cb-glob.h"

/**
 * CbCheckpointModel:
 *
 * The checkpoints of one `paths:` source, newest first: a #GListModel of
 * #CbCheckpoint that is scanned once and then kept current by file
 * monitors.
 *
 * The globs are split into components (one pattern per path component).
 * Each folder the match depends on is a node with a monitor: the project
 * folder for `outputs`, `outputs` for `*`, each experiment for
 * `checkpoints`, each `checkpoints` folder for `*.ckpt`. A node's monitor is
 * created on the main thread before a worker thread lists the folder, level
 * by level, so nothing that happens between listing and watching is lost.
 *
 * Monitor events only name paths: they are queued and, at most every
 * %FLUSH_DELAY_MS, each queued path is checked (one stat) and the model is
 * updated with as few items-changed as the changes allow, with exact
 * positions. A folder that appears gets a node and is listed once; one
 * that goes drops its nodes and items. No event ever rescans the tree.
 *
 * A folder that cannot be watched (past the monitor budget, or a monitor
 * that cannot be created) is listed again every %POLL_INTERVAL_MS instead.
 * The budget matters because GLib's inotify backend does not fail when the
 * user's watch table is full: its monitors just stay silent.
 *
 * Storage is a #GSequence sorted newest first (O(log n) insertion, removal
 * and position) and a hash table from path to sequence position.
 */

#define FLUSH_DELAY_MS    100
#define POLL_INTERVAL_MS  2000
#define BATCH_SIZE        4096 /* items per model update while loading */
#define PARTIAL_SIZE      1024 /* items per message from the worker */
#define WATCH_CHUNK       256  /* monitors created per main loop dispatch */
#define MERGE_DISTANCE    16   /* unchanged items a merged update may span */
#define MAX_SIGNALS       8    /* items-changed per update before merging all */
#define MAX_COMPONENTS    63
#define MAX_RUNNING_JOBS  2    /* listing threads, so as not to starve the main thread */

/* Patterns: the components of all globs, flattened, shared read-only with
 * the worker threads. A node's mask has bit p set when component p applies
 * to the node's entries.
 */
typedef struct
{
  guint    n;
  char   **comps;
  gboolean literal[MAX_COMPONENTS];
  gboolean last[MAX_COMPONENTS];
  guint    glob_of[MAX_COMPONENTS];
  guint    n_globs;
  int     *experiment_depth; /* per glob: depth of the first wildcard, or -1 */
  guint64  root_mask;
} Patterns;

static void
patterns_clear (gpointer data)
{
  Patterns *pat = data;

  g_strfreev (pat->comps);
  g_free (pat->experiment_depth);
}

static Patterns *
patterns_ref (Patterns *pat)
{
  return g_atomic_rc_box_acquire (pat);
}

static void
patterns_unref (Patterns *pat)
{
  g_atomic_rc_box_release_full (pat, patterns_clear);
}

static Patterns *
patterns_new (const char * const *globs)
{
  Patterns *pat = g_atomic_rc_box_new0 (Patterns);
  g_autoptr(GStrvBuilder) comps = g_strv_builder_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint g = 0; globs != NULL && globs[g] != NULL; g++)
    {
      g_auto(GStrv) parts = NULL;
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      int experiment = -1;

      if (!cb_glob_validate (globs[g], NULL))
        continue;

      /* `./outputs//x` is `outputs/x`, as for cb_glob() */
      parts = g_strsplit (globs[g], "/", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0)
          g_ptr_array_add (kept, parts[i]);

      if (kept->len == 0)
        continue;
      if (pat->n + kept->len > MAX_COMPONENTS)
        {
          g_warning ("Too many checkpoint patterns: “%s” is ignored", globs[g]);
          continue;
        }

      for (guint i = 0; i < kept->len; i++)
        {
          const char *comp = g_ptr_array_index (kept, i);
          guint p = pat->n + i;

          g_strv_builder_add (comps, comp);
          pat->literal[p] = !cb_glob_is_pattern (comp);
          pat->last[p] = i + 1 == kept->len;
          pat->glob_of[p] = pat->n_globs;
        }

      /* The experiment is the folder of the first wildcard, if that is
       * not the file name's
       */
      for (guint i = 0; i < kept->len && experiment < 0; i++)
        if (cb_glob_is_pattern (g_ptr_array_index (kept, i)))
          {
            if (i + 1 < kept->len)
              experiment = i;
            break;
          }
      g_array_append_val (depths, experiment);
      pat->root_mask |= G_GUINT64_CONSTANT (1) << pat->n;
      pat->n += kept->len;
      pat->n_globs++;
    }

  pat->comps = g_strv_builder_end (comps);
  pat->experiment_depth = (int *)g_array_free (g_steal_pointer (&depths), FALSE);
  return pat;
}

/* Glob matching of one component: `*`, `?` and `[...]` (with `!` or `^`
 * and ranges) on the bytes as on disk; `?` and brackets take one UTF-8
 * character where the bytes are valid, else one byte.
 */
static gsize
char_at (const char *s,
         gunichar   *c)
{
  gunichar u = g_utf8_get_char_validated (s, -1);

  if (u == (gunichar)-1 || u == (gunichar)-2)
    {
      *c = (guchar)s[0];
      return 1;
    }
  *c = u;
  return g_utf8_skip[(guchar)s[0]];
}

/* Whether the bracket at @p matches the character @c; NULL @end when the
 * bracket is not closed, and then `[` is an ordinary character.
 */
static gboolean
match_bracket (const char  *p,
               gunichar     c,
               const char **end)
{
  gboolean negate = FALSE;
  gboolean found = FALSE;
  const char *q = p + 1;

  if (*q == '!' || *q == '^')
    {
      negate = TRUE;
      q++;
    }

  for (gboolean first = TRUE; *q != '\0' && (first || *q != ']'); first = FALSE)
    {
      gunichar lo, hi;

      q += char_at (q, &lo);
      hi = lo;
      if (q[0] == '-' && q[1] != ']' && q[1] != '\0')
        {
          q++;
          q += char_at (q, &hi);
        }
      if (lo <= c && c <= hi)
        found = TRUE;
    }

  if (*q != ']')
    {
      *end = NULL;
      return FALSE;
    }

  *end = q + 1;
  return found != negate;
}

static gboolean
match_component (const char *pattern,
                 gboolean    literal,
                 const char *name)
{
  const char *p = pattern;
  const char *s = name;
  const char *star_p = NULL;
  const char *star_s = NULL;

  if (literal)
    return strcmp (pattern, name) == 0;

  /* Hidden entries match only a pattern that starts with a dot */
  if (name[0] == '.' && pattern[0] != '.')
    return FALSE;

  while (*s != '\0')
    {
      gunichar c;
      gsize len = char_at (s, &c);
      const char *end = NULL;

      if (*p == '*')
        {
          star_p = ++p;
          star_s = s;
          continue;
        }

      if (*p == '?')
        {
          p++;
          s += len;
          continue;
        }
      if (*p == '[' && match_bracket (p, c, &end))
        {
          p = end;
          s += len;
          continue;
        }
      if (*p != '\0' && (*p != '[' || end == NULL) && *p == *s)
        {
          p++;
          s++;
          continue;
        }

      if (star_p == NULL)
        return FALSE;

      /* Let the last `*` take one more character */
      star_s += char_at (star_s, &c);
      p = star_p;
      s = star_s;
    }

  while (*p == '*')
    p++;
  return *p == '\0';
}

/* Which components of @mask an entry named @name matches: the glob of the
 * first file pattern it matches (-1 for none), and the mask of its
 * entries when it is a folder.
 */
static void
classify (const Patterns *pat,
          guint64         mask,
          const char     *name,
          int            *glob,
          guint64        *child_mask)
{
  *glob = -1;
  *child_mask = 0;

  for (guint p = 0; p < pat->n; p++)
    {
      if (!(mask & (G_GUINT64_CONSTANT (1) << p)))
        continue;
      if (!match_component (pat->comps[p], pat->literal[p], name))
        continue;

      if (pat->last[p])
        {
          if (*glob < 0)
            *glob = pat->glob_of[p];
        }
      else
        *child_mask |= G_GUINT64_CONSTANT (1) << (p + 1);
    }
}

static char *
join_relative (const char *dir,
               const char *name)
{
  return dir[0] == '\0' ? g_strdup (name) : g_strconcat (dir, "/", name, NULL);
}

static char *
absolute_path (const char *root,
               const char *relative)
{
  return relative[0] == '\0' ? g_strdup (root) : g_build_filename (root, relative, NULL);
}

static gint64
stat_mtime (const struct stat *st)
{
  return (gint64)st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

static CbCheckpoint *
make_checkpoint (const Patterns    *pat,
                 const char        *relative,
                 int                glob,
                 const struct stat *st)
{
  int depth = pat->experiment_depth[glob];
  g_autofree char *experiment = NULL;

  if (depth >= 0)
    {
      const char *s = relative;
      const char *end;

      for (int i = 0; i < depth && s != NULL; i++)
        if ((s = strchr (s, '/')) != NULL)
          s++;
      if (s != NULL)
        {
          end = strchr (s, '/');
          experiment = end ? g_strndup (s, end - s) : g_strdup (s);
        }
    }

  return cb_checkpoint_new (relative, experiment, st->st_size, stat_mtime (st));
}

/* Listing one folder: runs on worker threads and in scan_sync() */

typedef enum {
  LIST_OK,
  LIST_GONE,
  LIST_ERROR,
} ListStatus;

typedef void (*ListFunc) (const char        *relative,
                          const char        *name,
                          int                glob,
                          guint64            child_mask,
                          const struct stat *st,
                          gpointer           user_data);

static void
list_entry (const Patterns *pat,
            int             dir_fd,
            const char     *dir,
            guint64         mask,
            const char     *name,
            ListFunc        func,
            gpointer        user_data)
{
  g_autofree char *relative = NULL;
  guint64 child_mask;
  struct stat st;
  int glob;

  classify (pat, mask, name, &glob, &child_mask);
  if (glob < 0 && child_mask == 0)
    return;

  /* Symbolic links count as what they point to */
  if (fstatat (dir_fd, name, &st, 0) != 0)
    return;

  if (S_ISREG (st.st_mode) && glob >= 0)
    child_mask = 0;
  else if (S_ISDIR (st.st_mode) && child_mask != 0)
    glob = -1;
  else
    return;

  relative = join_relative (dir, name);
  func (relative, name, glob, child_mask, &st, user_data);
}

static ListStatus
list_dir (const Patterns  *pat,
          const char      *root,
          const char      *dir,
          guint64          mask,
          ListFunc         func,
          gpointer         user_data,
          GError         **error)
{
  g_autofree char *path = absolute_path (root, dir);
  gboolean literal_only = TRUE;
  struct dirent *entry;
  DIR *d;
  int fd;
  int saved;

  for (guint p = 0; p < pat->n; p++)
    if ((mask & (G_GUINT64_CONSTANT (1) << p)) && !pat->literal[p])
      literal_only = FALSE;

  fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    goto failed;

  /* `checkpoints` in an experiment folder: look it up, list nothing */
  if (literal_only)
    {
      for (guint p = 0; p < pat->n; p++)
        {
          gboolean seen = FALSE;

          if (!(mask & (G_GUINT64_CONSTANT (1) << p)))
            continue;
          for (guint q = 0; q < p && !seen; q++)
            seen = (mask & (G_GUINT64_CONSTANT (1) << q)) && strcmp (pat->comps[p], pat->comps[q]) == 0;
          if (!seen)
            list_entry (pat, fd, dir, mask, pat->comps[p], func, user_data);
        }
      close (fd);
      return LIST_OK;
    }

  d = fdopendir (fd);
  if (d == NULL)
    {
      saved = errno;
      close (fd);
      errno = saved;
      goto failed;
    }

  while ((entry = readdir (d)) != NULL)
    {
      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      list_entry (pat, dirfd (d), dir, mask, entry->d_name, func, user_data);
    }
  closedir (d);
  return LIST_OK;

failed:
  saved = errno;
  if (saved == ENOENT || saved == ENOTDIR)
    return LIST_GONE;
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
  return LIST_ERROR;
}

/* Jobs: folders listed on a worker thread. Results travel back through
 * the model's outbox, one queue for all jobs, drained on the model's main
 * context by one idle source at a time, a batch per dispatch; the last
 * message of a job says it is over.
 */

typedef struct
{
  char    *path;
  guint64  serial;
  guint64  mask;
} JobDir;

typedef struct
{
  char    *name;
  guint64  mask;
  dev_t    dev;
  ino_t    ino;
} SubDir;

typedef enum {
  RESULT_PART,
  RESULT_DONE,
  RESULT_END,
  RESULT_EVENT,  /* a monitor event: path is absolute */
} ResultKind;

typedef struct
{
  ResultKind  kind;
  guint64     start_gen;
  char       *path;
  guint64     serial;
  GPtrArray  *items;   /* CbCheckpoint */
  GArray     *subdirs; /* SubDir */
  ListStatus  status;
  char       *message;
} Result;

typedef struct
{
  GWeakRef      model;
  GMainContext *context;
  GAsyncQueue  *results; /* Result */
  int           drain_scheduled;
} Outbox;

typedef struct
{
  Outbox       *outbox;
  char         *root;
  Patterns     *patterns;
  GArray       *dirs; /* JobDir */
  guint64       start_gen;

  /* Worker side */
  Result       *current;
} Job;

static void
subdir_clear (gpointer data)
{
  g_free (((SubDir *)data)->name);
}

static void
job_dir_clear (gpointer data)
{
  g_free (((JobDir *)data)->path);
}

static void
result_free (Result *r)
{
  g_free (r->path);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_clear_pointer (&r->subdirs, g_array_unref);
  g_free (r->message);
  g_free (r);
}

static Result *
result_new (ResultKind  kind,
            guint64     start_gen,
            const char *path,
            guint64     serial)
{
  Result *r = g_new0 (Result, 1);

  r->kind = kind;
  r->start_gen = start_gen;
  r->path = g_strdup (path);
  r->serial = serial;
  if (kind == RESULT_PART || kind == RESULT_DONE)
    {
      r->items = g_ptr_array_new_with_free_func (g_object_unref);
      r->subdirs = g_array_new (FALSE, FALSE, sizeof (SubDir));
      g_array_set_clear_func (r->subdirs, subdir_clear);
    }
  return r;
}

static void
outbox_clear (gpointer data)
{
  Outbox *outbox = data;
  Result *r;

  g_weak_ref_clear (&outbox->model);
  g_main_context_unref (outbox->context);
  while ((r = g_async_queue_try_pop (outbox->results)) != NULL)
    result_free (r);
  g_async_queue_unref (outbox->results);
}

static Outbox *
outbox_ref (Outbox *outbox)
{
  return g_atomic_rc_box_acquire (outbox);
}

static void
outbox_unref (gpointer outbox)
{
  g_atomic_rc_box_release_full (outbox, outbox_clear);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  outbox_unref (job->outbox);
  g_free (job->root);
  patterns_unref (job->patterns);
  g_array_unref (job->dirs);
  g_clear_pointer (&job->current, result_free);
  g_free (job);
}

/* Monitor threads. A GFileMonitor is a GSource in the main context that
 * was the thread-default one when it was made, and each iteration of a
 * main context visits every one of its sources: 4,000 monitors (2,000
 * experiments) cost each iteration of the window's main loop half a
 * millisecond. So the monitors live in main contexts of their own, on
 * threads that do nothing else, at most MONITORS_PER_THREAD per thread so
 * that an event wakes few of them; their events reach the model through
 * its outbox, like the listings. The threads live as long as the process.
 */

#define MONITORS_PER_THREAD 256

static void  push_result          (Outbox *outbox,
                                  Result *r);
static guint default_max_monitors (void);

typedef struct _MonitorThread
{
  GMainContext *context;
  guint         n_monitors;  /* made or promised; under monitor_threads_lock */
} MonitorThread;

static GMutex     monitor_threads_lock;
static GPtrArray *monitor_threads;

static gpointer
monitor_thread_main (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

/* A thread with room for up to @wanted monitors; @granted says how many */
static MonitorThread *
monitor_thread_reserve (guint  wanted,
                        guint *granted)
{
  MonitorThread *thread = NULL;

  g_mutex_lock (&monitor_threads_lock);
  if (monitor_threads == NULL)
    monitor_threads = g_ptr_array_new ();
  for (guint i = 0; i < monitor_threads->len && thread == NULL; i++)
    {
      MonitorThread *t = g_ptr_array_index (monitor_threads, i);

      if (t->n_monitors < MONITORS_PER_THREAD)
        thread = t;
    }
  if (thread == NULL)
    {
      thread = g_new0 (MonitorThread, 1);
      thread->context = g_main_context_new ();
      g_thread_unref (g_thread_new ("cb-monitors", monitor_thread_main, thread->context));
      g_ptr_array_add (monitor_threads, thread);
    }
  *granted = MIN (wanted, MONITORS_PER_THREAD - thread->n_monitors);
  thread->n_monitors += *granted;
  g_mutex_unlock (&monitor_threads_lock);

  return thread;
}

/* All the monitors of the process, of every model */
static guint
monitor_threads_total (void)
{
  guint n = 0;

  g_mutex_lock (&monitor_threads_lock);
  for (guint i = 0; monitor_threads != NULL && i < monitor_threads->len; i++)
    n += ((MonitorThread *)g_ptr_array_index (monitor_threads, i))->n_monitors;
  g_mutex_unlock (&monitor_threads_lock);

  return n;
}

static void
monitor_thread_unreserve (MonitorThread *thread,
                          guint          n)
{
  g_mutex_lock (&monitor_threads_lock);
  thread->n_monitors -= n;
  g_mutex_unlock (&monitor_threads_lock);
}

static void
push_event (Outbox *outbox,
            GFile  *file)
{
  const char *path = file ? g_file_peek_path (file) : NULL;

  if (path != NULL)
    push_result (outbox, result_new (RESULT_EVENT, 0, path, 0));
}

/* On a monitor thread */
static void
on_monitor_event (GFileMonitor      *monitor,
                  GFile             *file,
                  GFile             *other,
                  GFileMonitorEvent  event,
                  Outbox            *outbox)
{
  switch (event)
    {
    /* A file being written: its size is read when it is done */
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      return;

    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      push_event (outbox, file);
      push_event (outbox, other);
      return;

    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    default:
      push_event (outbox, file);
      return;
    }
}

static void
outbox_unref_notify (gpointer  data,
                     GClosure *closure)
{
  outbox_unref (data);
}

typedef struct
{
  Outbox    *outbox;
  GPtrArray *files;    /* GFile, in */
  GPtrArray *monitors; /* GFileMonitor or NULL, out */
  GPtrArray *errors;   /* GError or NULL, out */
  GMutex     mutex;
  GCond      cond;
  gboolean   done;
} MonitorRequest;

/* On a monitor thread, with its context the thread-default one */
static gboolean
make_monitors (gpointer data)
{
  MonitorRequest *req = data;

  for (guint i = 0; i < req->files->len; i++)
    {
      GError *error = NULL;
      GFileMonitor *monitor = g_file_monitor_directory (g_ptr_array_index (req->files, i),
                                                        G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

      if (monitor != NULL)
        g_signal_connect_data (monitor, "changed", G_CALLBACK (on_monitor_event),
                               outbox_ref (req->outbox), outbox_unref_notify, 0);
      g_ptr_array_add (req->monitors, monitor);
      g_ptr_array_add (req->errors, error);
    }

  g_mutex_lock (&req->mutex);
  req->done = TRUE;
  g_cond_signal (&req->cond);
  g_mutex_unlock (&req->mutex);

  return G_SOURCE_REMOVE;
}

/* On a monitor thread */
static gboolean
free_monitor (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_monitor_event, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);

  return G_SOURCE_REMOVE;
}

static void
monitor_release (MonitorThread *thread,
                 GFileMonitor  *monitor)
{
  monitor_thread_unreserve (thread, 1);
  g_main_context_invoke (thread->context, free_monitor, monitor);
}

/* Nodes: the folders the match depends on */

typedef struct _DirNode DirNode;

struct _DirNode
{
  char         *path;   /* relative; "" for the root */
  DirNode      *parent;
  guint64       mask;
  guint64       serial;
  dev_t         dev;
  ino_t         ino;
  GFileMonitor *monitor;  /* owned by monitor_thread */
  struct _MonitorThread *monitor_thread;
  GHashTable   *known;  /* polled nodes: names found by the last listing */
  GHashTable   *seen;   /* polled nodes: names found by this listing */
  guint         queued : 1;
  guint         polled : 1;
  guint         listing : 1;
  guint         relist : 1;
  guint         unreadable : 1;
};

typedef struct
{
  CbCheckpoint *item;
  guint64       serial;
} PendingAdd;

static void
pending_add_free (gpointer data)
{
  PendingAdd *add = data;

  g_object_unref (add->item);
  g_free (add);
}

struct _CbCheckpointModel
{
  GObject         parent_instance;

  char           *root;
  Patterns       *patterns;

  GSequence      *items;      /* CbCheckpoint, newest first */
  GHashTable     *by_path;    /* path (the item's) → GSequenceIter */
  guint           n_items;
  GSequenceIter  *cache_iter; /* the last item read, for walks */
  guint           cache_pos;

  GMainContext   *context;
  Outbox         *outbox;
  GCancellable   *cancellable;
  GHashTable     *nodes;      /* path → DirNode */
  GQueue          to_watch;   /* DirNode */
  guint64         serial;
  guint           n_monitors;
  guint           max_monitors;
  guint           n_polled;

  GHashTable     *pending_check; /* paths to stat */
  GHashTable     *pending_add;   /* path → PendingAdd, from listings */
  GHashTable     *touched;       /* path → generation of its last event, while jobs run */
  GHashTable     *stale;         /* paths listed before start(), not seen since */
  guint64         gen;
  guint           jobs_in_flight; /* waiting or running */
  guint           jobs_running;
  GQueue          waiting_jobs;   /* Job */
  GHashTable     *noticed;       /* folders already reported */
  gboolean        poll_noticed;

  guint           watch_id;
  guint           flush_id;
  guint           poll_id;

  guint           n_scans;
  guint           n_listings;
  guint           started : 1;
  guint           loading : 1;
  guint           polling : 1;
};

static void cb_checkpoint_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbCheckpointModel, cb_checkpoint_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cb_checkpoint_model_list_model_init))

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

static void schedule_flush (CbCheckpointModel *self);
static void flush          (CbCheckpointModel *self);

/* The list model */

static GType
cb_checkpoint_model_get_item_type (GListModel *model)
{
  return CB_TYPE_CHECKPOINT;
}

static guint
cb_checkpoint_model_get_n_items (GListModel *model)
{
  return CB_CHECKPOINT_MODEL (model)->n_items;
}

static gpointer
cb_checkpoint_model_get_item (GListModel *model,
                              guint       position)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (model);
  GSequenceIter *iter;

  if (position >= self->n_items)
    return NULL;

  /* Views read items in order: the next one is one step away */
  if (self->cache_iter != NULL && position == self->cache_pos + 1)
    iter = g_sequence_iter_next (self->cache_iter);
  else if (self->cache_iter != NULL && position == self->cache_pos)
    iter = self->cache_iter;
  else
    iter = g_sequence_get_iter_at_pos (self->items, position);

  self->cache_iter = iter;
  self->cache_pos = position;
  return g_object_ref (g_sequence_get (iter));
}

static void
cb_checkpoint_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cb_checkpoint_model_get_item_type;
  iface->get_n_items = cb_checkpoint_model_get_n_items;
  iface->get_item = cb_checkpoint_model_get_item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return cb_checkpoint_compare ((CbCheckpoint *)a, (CbCheckpoint *)b);
}

static int
compare_items_qsort (gconstpointer a,
                     gconstpointer b)
{
  return cb_checkpoint_compare (*(CbCheckpoint **)a, *(CbCheckpoint **)b);
}

/* Applying changes with exact items-changed
 *
 * Every change lands in a gap between two items that stay: for a removed
 * item at old position r, the j-th removed one, the gap is r - j; for an
 * added item, the number of staying items before it. Gaps grow with the
 * order of the items. Small updates are applied gap by gap, from the top,
 * each group of nearby gaps followed by its items-changed, so that the
 * model is consistent whenever the signal is emitted: the part above is
 * already new, the part below still old. Large ones (a batch of the first
 * scan, a burst) become one items-changed from the first gap to the last,
 * which needs the gaps of the first and last changes only.
 */

#define SMALL_UPDATE 64

typedef struct
{
  guint     gap;
  gboolean  add;
  gpointer  data; /* GSequenceIter to remove, or CbCheckpoint to add */
} Change;

typedef struct
{
  guint          position;
  GSequenceIter *iter;
} Removal;

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const Change *x = a;
  const Change *y = b;

  if (x->gap != y->gap)
    return x->gap < y->gap ? -1 : 1;
  return 0;
}

static int
compare_removals (gconstpointer a,
                  gconstpointer b)
{
  const Removal *x = a;
  const Removal *y = b;

  return x->position < y->position ? -1 : x->position > y->position;
}

/* The number of items of the sequence that come before @item */
static guint
position_before (CbCheckpointModel *self,
                 CbCheckpoint      *item)
{
  GSequenceIter *iter = g_sequence_search (self->items, item, compare_items, NULL);

  /* Normalize: the first item that does not come before @item */
  while (!g_sequence_iter_is_begin (iter) &&
         cb_checkpoint_compare (g_sequence_get (g_sequence_iter_prev (iter)), item) >= 0)
    iter = g_sequence_iter_prev (iter);
  while (!g_sequence_iter_is_end (iter) && cb_checkpoint_compare (g_sequence_get (iter), item) < 0)
    iter = g_sequence_iter_next (iter);

  return g_sequence_iter_get_position (iter);
}

/* The gap of an item to add: the staying items before it */
static guint
add_gap (CbCheckpointModel *self,
         GArray            *removals,
         CbCheckpoint      *item)
{
  guint lo = 0;
  guint hi = removals->len;

  /* Removed items that come before it, by binary search: they are in order */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      GSequenceIter *iter = g_array_index (removals, Removal, mid).iter;

      if (cb_checkpoint_compare (g_sequence_get (iter), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return position_before (self, item) - lo;
}

/* Applies @n changes whose gaps run from @first_gap to @last_gap, then
 * says so
 */
static void
apply_group (CbCheckpointModel *self,
             Change            *changes,
             guint              n,
             guint              first_gap,
             guint              last_gap,
             guint              added_before)
{
  guint kept = last_gap - first_gap;
  guint removed = 0;
  guint added = 0;

  for (guint i = 0; i < n; i++)
    if (!changes[i].add)
      {
        GSequenceIter *iter = changes[i].data;
        CbCheckpoint *item = g_sequence_get (iter);
        const char *path = cb_checkpoint_get_path (item);

        if (g_hash_table_lookup (self->by_path, path) == iter)
          g_hash_table_remove (self->by_path, path);
        g_sequence_remove (iter);
        removed++;
      }

  for (guint i = 0; i < n; i++)
    if (changes[i].add)
      {
        CbCheckpoint *item = changes[i].data;
        GSequenceIter *iter = g_sequence_insert_sorted (self->items, item, compare_items, NULL);

        g_hash_table_replace (self->by_path, (char *)cb_checkpoint_get_path (item), iter);
        added++;
      }

  self->n_items = self->n_items - removed + added;
  self->cache_iter = NULL;
  g_list_model_items_changed (G_LIST_MODEL (self), first_gap + added_before,
                              kept + removed, kept + added);
}

/* Removes the items at @removes (GSequenceIters) and adds the items of
 * @adds (transfer full), with exact items-changed.
 */
static void
apply_changes (CbCheckpointModel *self,
               GPtrArray         *removes,
               GPtrArray         *adds)
{
  g_autoptr(GArray) removals = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GArray) groups = NULL;
  guint added_before = 0;

  if (removes->len == 0 && adds->len == 0)
    return;

  removals = g_array_sized_new (FALSE, FALSE, sizeof (Removal), removes->len);
  for (guint j = 0; j < removes->len; j++)
    {
      Removal r = { 0, g_ptr_array_index (removes, j) };

      r.position = g_sequence_iter_get_position (r.iter);
      g_array_append_val (removals, r);
    }
  g_array_sort (removals, compare_removals);
  g_ptr_array_sort (adds, compare_items_qsort);

  changes = g_array_sized_new (FALSE, FALSE, sizeof (Change), removes->len + adds->len);

  if (removes->len + adds->len > SMALL_UPDATE)
    {
      guint first = G_MAXUINT;
      guint last = 0;

      if (removals->len > 0)
        {
          first = g_array_index (removals, Removal, 0).position;
          last = g_array_index (removals, Removal, removals->len - 1).position - (removals->len - 1);
        }
      if (adds->len > 0)
        {
          first = MIN (first, add_gap (self, removals, g_ptr_array_index (adds, 0)));
          last = MAX (last, add_gap (self, removals, g_ptr_array_index (adds, adds->len - 1)));
        }

      for (guint j = 0; j < removals->len; j++)
        {
          Change c = { 0, FALSE, g_array_index (removals, Removal, j).iter };

          g_array_append_val (changes, c);
        }
      for (guint i = 0; i < adds->len; i++)
        {
          Change c = { 0, TRUE, g_ptr_array_index (adds, i) };

          g_array_append_val (changes, c);
        }

      /* The sequence takes the added items */
      g_ptr_array_set_free_func (adds, NULL);
      apply_group (self, (Change *)(gpointer)changes->data, changes->len, first, last, 0);
      return;
    }

  for (guint j = 0; j < removals->len; j++)
    {
      Change c = { 0, FALSE, g_array_index (removals, Removal, j).iter };

      c.gap = g_array_index (removals, Removal, j).position - j;
      g_array_append_val (changes, c);
    }
  for (guint i = 0; i < adds->len; i++)
    {
      Change c = { 0, TRUE, g_ptr_array_index (adds, i) };

      c.gap = add_gap (self, removals, c.data);
      g_array_append_val (changes, c);
    }
  g_ptr_array_set_free_func (adds, NULL);

  g_array_sort (changes, compare_changes);

  /* Group nearby gaps: the start of each group */
  groups = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < changes->len; i++)
    if (i == 0 ||
        g_array_index (changes, Change, i).gap - g_array_index (changes, Change, i - 1).gap > MERGE_DISTANCE)
      g_array_append_val (groups, i);

  if (groups->len > MAX_SIGNALS)
    g_array_set_size (groups, 1);

  for (guint k = 0; k < groups->len; k++)
    {
      guint start = g_array_index (groups, guint, k);
      guint end = k + 1 < groups->len ? g_array_index (groups, guint, k + 1) : changes->len;
      Change *group = &g_array_index (changes, Change, start);
      guint n_added = 0;

      for (guint i = 0; i < end - start; i++)
        n_added += group[i].add;
      apply_group (self, group, end - start, group[0].gap, group[end - start - 1].gap, added_before);
      added_before += n_added;
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

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

/* Queues the replacement of a path's item by @item (transfer full), when
 * it differs.
 */
static void
upsert (CbCheckpointModel *self,
        GHashTable        *removes,
        GPtrArray         *adds,
        CbCheckpoint      *item)
{
  GSequenceIter *iter = g_hash_table_lookup (self->by_path, cb_checkpoint_get_path (item));

  if (iter != NULL)
    {
      CbCheckpoint *old = g_sequence_get (iter);

      if (cb_checkpoint_get_size (old) == cb_checkpoint_get_size (item) &&
          cb_checkpoint_get_mtime (old) == cb_checkpoint_get_mtime (item))
        {
          g_object_unref (item);
          return;
        }
      g_hash_table_add (removes, iter);
    }
  g_ptr_array_add (adds, item);
}

static void
remove_path (CbCheckpointModel *self,
             GHashTable        *removes,
             const char        *path)
{
  GSequenceIter *iter = g_hash_table_lookup (self->by_path, path);

  if (iter != NULL)
    g_hash_table_add (removes, iter);
}

/* Notices */

static void
notice_folder (CbCheckpointModel *self,
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
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static void
update_polling (CbCheckpointModel *self)
{
  gboolean polling = self->n_polled > 0;

  if (polling == self->polling)
    return;
  self->polling = polling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLING]);
}

/* Nodes */

static void
node_free (gpointer data)
{
  DirNode *node = data;

  if (node->monitor != NULL)
    monitor_release (node->monitor_thread, node->monitor);
  g_clear_pointer (&node->known, g_hash_table_unref);
  g_clear_pointer (&node->seen, g_hash_table_unref);
  g_free (node->path);
  g_free (node);
}

static DirNode *
add_node (CbCheckpointModel *self,
          DirNode           *parent,
          const char        *path,
          guint64            mask,
          dev_t              dev,
          ino_t              ino)
{
  DirNode *node = g_new0 (DirNode, 1);

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
static gboolean
is_loop (DirNode *parent,
         dev_t    dev,
         ino_t    ino)
{
  for (DirNode *n = parent; n != NULL; n = n->parent)
    if (n->dev == dev && n->ino == ino)
      return TRUE;
  return FALSE;
}

static void
drop_node (CbCheckpointModel *self,
           DirNode           *node)
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
static void
drop_tree (CbCheckpointModel *self,
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
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strncmp (key, prefix, len) == 0)
      g_hash_table_add (removes, value);

  update_polling (self);
}

/* Jobs */

static void
push_result (Outbox *outbox,
             Result *r);

static void
on_listed (const char        *relative,
           const char        *name,
           int                glob,
           guint64            child_mask,
           const struct stat *st,
           gpointer           user_data)
{
  Job *job = user_data;
  Result *r = job->current;

  if (glob >= 0)
    {
      g_ptr_array_add (r->items, make_checkpoint (job->patterns, relative, glob, st));
      if (r->items->len >= PARTIAL_SIZE)
        {
          Result *next = result_new (RESULT_PART, job->start_gen, r->path, r->serial);

          push_result (job->outbox, r);
          job->current = next;
        }
    }
  else
    {
      SubDir sub = { g_strdup (name), child_mask, st->st_dev, st->st_ino };

      g_array_append_val (r->subdirs, sub);
    }
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;

  for (guint i = 0; i < job->dirs->len; i++)
    {
      JobDir *dir = &g_array_index (job->dirs, JobDir, i);
      g_autoptr(GError) error = NULL;
      Result *r;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      job->current = result_new (RESULT_PART, job->start_gen, dir->path, dir->serial);
      r = job->current;
      r->status = list_dir (job->patterns, job->root, dir->path, dir->mask, on_listed, job, &error);
      r = g_steal_pointer (&job->current);
      r->kind = RESULT_DONE;
      if (error != NULL)
        r->message = g_strdup (error->message);
      push_result (job->outbox, r);
    }

  push_result (job->outbox, result_new (RESULT_END, job->start_gen, NULL, 0));
  g_task_return_boolean (task, TRUE);
}

static void
run_job (CbCheckpointModel *self,
         Job               *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, NULL, NULL);

  self->jobs_running++;
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Lists the folders of @nodes, whose monitors exist, on a worker thread */
static void
dispatch_job (CbCheckpointModel *self,
              GPtrArray         *nodes)
{
  Job *job;

  if (nodes->len == 0)
    return;

  job = g_new0 (Job, 1);
  job->outbox = outbox_ref (self->outbox);
  job->root = g_strdup (self->root);
  job->patterns = patterns_ref (self->patterns);
  job->dirs = g_array_sized_new (FALSE, FALSE, sizeof (JobDir), nodes->len);
  g_array_set_clear_func (job->dirs, job_dir_clear);
  job->start_gen = ++self->gen;

  for (guint i = 0; i < nodes->len; i++)
    {
      DirNode *node = g_ptr_array_index (nodes, i);
      JobDir dir = { g_strdup (node->path), node->serial, node->mask };

      node->listing = TRUE;
      g_array_append_val (job->dirs, dir);
      self->n_listings++;
    }

  self->jobs_in_flight++;
  if (self->jobs_running < MAX_RUNNING_JOBS)
    run_job (self, job);
  else
    g_queue_push_tail (&self->waiting_jobs, job);
}

static void
list_node (CbCheckpointModel *self,
           DirNode           *node)
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

static gboolean poll_nodes     (gpointer user_data);
static gboolean watch_some     (gpointer user_data);
static void     queue_path     (CbCheckpointModel *self,
                                const char        *path);

static void
queue_watch (CbCheckpointModel *self,
             DirNode           *node)
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

static void
start_polling (CbCheckpointModel *self,
               DirNode           *node)
{
  node->polled = TRUE;
  node->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->n_polled++;
  update_polling (self);

  if (!self->poll_noticed)
    {
      g_autofree char *display = g_utf8_make_valid (node->path[0] ? node->path : ".", -1);
      g_autofree char *message =
        g_strdup_printf (_("Some checkpoint folders, such as “%s”, cannot be watched for changes "
                           "(too many folders, or a file system without change notification), "
                           "so they are checked every %u seconds instead."),
                         display, POLL_INTERVAL_MS / 1000);

      self->poll_noticed = TRUE;
      g_signal_emit (self, signals[NOTICE], 0, message);
    }

  if (self->poll_id == 0)
    {
      GSource *source = g_timeout_source_new (POLL_INTERVAL_MS);

      g_source_set_callback (source, poll_nodes, self, NULL);
      g_source_set_static_name (source, "[cb] checkpoint polling");
      self->poll_id = g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* The nodes' monitors exist before their folders are listed: made on the
 * monitor threads, in one round trip per thread
 */
static void
start_monitors (CbCheckpointModel *self,
                GPtrArray         *nodes)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  guint done = 0;
  /* The budget is the process's: every model, every project */
  guint others = monitor_threads_total () - self->n_monitors;

  for (guint i = 0; i < nodes->len; i++)
    {
      DirNode *node = g_ptr_array_index (nodes, i);

      if (self->n_monitors + wanted->len >= self->max_monitors ||
          others + self->n_monitors + wanted->len >= default_max_monitors ())
        start_polling (self, node);
      else
        g_ptr_array_add (wanted, node);
    }

  while (done < wanted->len)
    {
      MonitorRequest req = { 0 };
      MonitorThread *thread;
      guint n;

      thread = monitor_thread_reserve (wanted->len - done, &n);
      req.outbox = self->outbox;
      req.files = g_ptr_array_new_with_free_func (g_object_unref);
      req.monitors = g_ptr_array_new ();
      req.errors = g_ptr_array_new ();
      g_mutex_init (&req.mutex);
      g_cond_init (&req.cond);
      for (guint i = 0; i < n; i++)
        {
          DirNode *node = g_ptr_array_index (wanted, done + i);
          g_autofree char *path = absolute_path (self->root, node->path);

          g_ptr_array_add (req.files, g_file_new_for_path (path));
        }

      g_main_context_invoke (thread->context, make_monitors, &req);
      g_mutex_lock (&req.mutex);
      while (!req.done)
        g_cond_wait (&req.cond, &req.mutex);
      g_mutex_unlock (&req.mutex);

      for (guint i = 0; i < n; i++)
        {
          DirNode *node = g_ptr_array_index (wanted, done + i);
          GError *error = g_ptr_array_index (req.errors, i);

          node->monitor = g_ptr_array_index (req.monitors, i);
          if (node->monitor == NULL)
            {
              g_debug ("Cannot watch %s: %s", g_file_peek_path (g_ptr_array_index (req.files, i)), error->message);
              g_error_free (error);
              monitor_thread_unreserve (thread, 1);
              start_polling (self, node);
              continue;
            }
          node->monitor_thread = thread;
          self->n_monitors++;
        }

      done += n;
      g_ptr_array_unref (req.files);
      g_ptr_array_unref (req.monitors);
      g_ptr_array_unref (req.errors);
      g_mutex_clear (&req.mutex);
      g_cond_clear (&req.cond);
    }
}

static void
check_loading_done (CbCheckpointModel *self)
{
  if (!self->loading || self->jobs_in_flight > 0 || self->to_watch.length > 0)
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

  flush (self);

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
watch_some (gpointer user_data)
{
  CbCheckpointModel *self = user_data;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  DirNode *node;

  while (nodes->len < WATCH_CHUNK && (node = g_queue_pop_head (&self->to_watch)) != NULL)
    {
      node->queued = FALSE;
      g_ptr_array_add (nodes, node);
    }
  start_monitors (self, nodes);

  dispatch_job (self, nodes);

  if (self->to_watch.length > 0)
    return G_SOURCE_CONTINUE;

  self->watch_id = 0;
  return G_SOURCE_REMOVE;
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
      DirNode *node = value;

      if (node->polled && !node->queued && !node->listing)
        g_ptr_array_add (nodes, node);
    }
  dispatch_job (self, nodes);

  return G_SOURCE_CONTINUE;
}

/* Results, on the main context */

static gboolean
is_touched (CbCheckpointModel *self,
            Result            *r,
            const char        *path)
{
  gpointer gen;

  return self->touched != NULL &&
         g_hash_table_lookup_extended (self->touched, path, NULL, &gen) &&
         (guint64)GPOINTER_TO_SIZE (gen) >= r->start_gen;
}

static void
see_name (DirNode    *node,
          const char *name)
{
  if (node->polled)
    {
      if (node->seen == NULL)
        node->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (node->seen, g_strdup (name));
    }
}

/* Returns: the number of items in the result */
static guint
handle_result (CbCheckpointModel *self,
               Result            *r)
{
  DirNode *node;
  guint n;

  if (r->kind == RESULT_EVENT)
    {
      queue_path (self, r->path);
      return 1;
    }

  if (r->kind == RESULT_END)
    {
      g_assert (self->jobs_in_flight > 0 && self->jobs_running > 0);
      self->jobs_running--;
      if (self->waiting_jobs.length > 0)
        run_job (self, g_queue_pop_head (&self->waiting_jobs));
      if (--self->jobs_in_flight == 0)
        g_clear_pointer (&self->touched, g_hash_table_unref);
      return 0;
    }

  node = g_hash_table_lookup (self->nodes, r->path);
  if (node == NULL || node->serial != r->serial)
    return 0;

  n = r->items->len;
  for (guint i = 0; i < r->items->len; i++)
    {
      CbCheckpoint *item = g_ptr_array_index (r->items, i);
      const char *path = cb_checkpoint_get_path (item);
      PendingAdd *add;

      see_name (node, strrchr (path, '/') ? strrchr (path, '/') + 1 : path);
      if (self->stale != NULL)
        g_hash_table_remove (self->stale, path);

      /* An event after the listing started: the flush will stat it */
      if (is_touched (self, r, path))
        continue;

      add = g_new (PendingAdd, 1);
      add->item = g_object_ref (item);
      add->serial = node->serial;
      g_hash_table_replace (self->pending_add, (char *)path, add);
    }

  for (guint i = 0; i < r->subdirs->len; i++)
    {
      SubDir *sub = &g_array_index (r->subdirs, SubDir, i);
      g_autofree char *path = join_relative (node->path, sub->name);

      see_name (node, sub->name);
      if (is_touched (self, r, path) || g_hash_table_contains (self->nodes, path))
        continue;
      if (is_loop (node, sub->dev, sub->ino))
        {
          g_debug ("Not following %s: a symbolic link loop", path);
          continue;
        }
      queue_watch (self, add_node (self, node, path, sub->mask, sub->dev, sub->ino));
    }

  if (r->kind != RESULT_DONE)
    return n;

  node->listing = FALSE;
  switch (r->status)
    {
    case LIST_GONE:
      g_hash_table_add (self->pending_check, g_strdup (node->path));
      break;

    case LIST_ERROR:
      node->unreadable = TRUE;
      notice_folder (self, node->path, r->message);
      break;

    case LIST_OK:
    default:
      node->unreadable = FALSE;
      break;
    }

  if (node->polled && r->status != LIST_ERROR)
    {
      GHashTableIter iter;
      gpointer name;

      /* What the last listing had and this one has not is gone */
      g_hash_table_iter_init (&iter, node->known);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (node->seen == NULL || !g_hash_table_contains (node->seen, name))
          g_hash_table_add (self->pending_check, join_relative (node->path, name));
      g_hash_table_unref (node->known);
      node->known = node->seen ? g_steal_pointer (&node->seen)
                               : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  g_clear_pointer (&node->seen, g_hash_table_unref);

  if (node->relist)
    {
      node->relist = FALSE;
      list_node (self, node);
    }

  return n;
}

static void
commit (CbCheckpointModel *self)
{
  /* The first scan is delivered at once, in batches; later listings
   * are changes like any other
   */
  if (self->loading)
    {
      flush (self);
      check_loading_done (self);
    }
  else if (g_hash_table_size (self->pending_add) > 0 || g_hash_table_size (self->pending_check) > 0)
    schedule_flush (self);
}

static gboolean
drain_results (gpointer user_data)
{
  Outbox *outbox = user_data;
  g_autoptr(CbCheckpointModel) self = g_weak_ref_get (&outbox->model);
  guint budget = 0;
  Result *r;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  while (budget < BATCH_SIZE && (r = g_async_queue_try_pop (outbox->results)) != NULL)
    {
      budget += handle_result (self, r);
      result_free (r);
    }
  commit (self);

  /* One source at a time: a second one would run in the same main loop
   * iteration, and the batches would add up
   */
  if (budget >= BATCH_SIZE)
    return G_SOURCE_CONTINUE;
  g_atomic_int_set (&outbox->drain_scheduled, FALSE);
  if (g_async_queue_length (outbox->results) > 0 &&
      g_atomic_int_compare_and_exchange (&outbox->drain_scheduled, FALSE, TRUE))
    return G_SOURCE_CONTINUE;
  return G_SOURCE_REMOVE;
}

static void
push_result (Outbox *outbox,
             Result *r)
{
  g_async_queue_push (outbox->results, r);

  if (g_atomic_int_compare_and_exchange (&outbox->drain_scheduled, FALSE, TRUE))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, drain_results, outbox_ref (outbox), outbox_unref);
      g_source_set_static_name (source, "[cb] checkpoint listing");
      g_source_attach (source, outbox->context);
      g_source_unref (source);
    }
}

/* Events */

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
  if (self->jobs_in_flight > 0)
    {
      if (self->touched == NULL)
        self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_replace (self->touched, g_strdup (relative), GSIZE_TO_POINTER (self->gen));
    }
  schedule_flush (self);
}

static gboolean
on_flush_timeout (gpointer user_data)
{
  CbCheckpointModel *self = user_data;

  self->flush_id = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

/* At most one update per FLUSH_DELAY_MS: the first event starts the
 * timeout and later ones join it, so a steady stream cannot starve it.
 */
static void
schedule_flush (CbCheckpointModel *self)
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

/* Brings @path up to date from the disk: a file, a folder, or nothing */
static void
check_path (CbCheckpointModel *self,
            const char        *path,
            GHashTable        *removes,
            GPtrArray         *adds)
{
  g_autofree char *parent_path = NULL;
  g_autofree char *absolute = NULL;
  const char *slash = strrchr (path, '/');
  const char *name = slash ? slash + 1 : path;
  DirNode *parent;
  DirNode *node;
  guint64 child_mask = 0;
  int glob = -1;
  struct stat st;
  gboolean exists = FALSE;

  if (self->stale != NULL)
    g_hash_table_remove (self->stale, path);

  parent_path = slash ? g_strndup (path, slash - path) : g_strdup ("");
  parent = g_hash_table_lookup (self->nodes, parent_path);
  if (parent != NULL)
    classify (self->patterns, parent->mask, name, &glob, &child_mask);

  if (glob >= 0 || child_mask != 0)
    {
      absolute = g_build_filename (self->root, path, NULL);
      exists = stat (absolute, &st) == 0;
    }

  if (exists && glob >= 0 && S_ISREG (st.st_mode))
    upsert (self, removes, adds, make_checkpoint (self->patterns, path, glob, &st));
  else
    remove_path (self, removes, path);

  node = g_hash_table_lookup (self->nodes, path);
  if (exists && child_mask != 0 && S_ISDIR (st.st_mode))
    {
      if (node != NULL && (node->dev != st.st_dev || node->ino != st.st_ino))
        {
          /* Another folder by that name: start over */
          drop_tree (self, path, removes);
          node = NULL;
        }

      if (node == NULL)
        {
          if (is_loop (parent, st.st_dev, st.st_ino))
            g_debug ("Not following %s: a symbolic link loop", path);
          else
            queue_watch (self, add_node (self, parent, path, child_mask, st.st_dev, st.st_ino));
        }
      else if (node->unreadable)
        list_node (self, node);
    }
  else if (node != NULL)
    drop_tree (self, path, removes);
}

/* The timers are attached to the model's context, which need not be the
 * global default one that g_source_remove() looks in
 */
static void
clear_source (CbCheckpointModel *self,
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

static void
flush (CbCheckpointModel *self)
{
  g_autoptr(GHashTable) check = NULL;
  g_autoptr(GHashTable) add = NULL;
  g_autoptr(GHashTable) removes = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) adds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) remove_list = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  GHashTableIter iter;
  gpointer key, value;

  clear_source (self, &self->flush_id);

  check = g_steal_pointer (&self->pending_check);
  add = g_steal_pointer (&self->pending_add);
  self->pending_check = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_add = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pending_add_free);

  /* Folders before what is in them, so that a new folder's node exists
   * when its files are checked
   */
  paths = keys_of (check);
  g_ptr_array_sort (paths, compare_strings);
  for (guint i = 0; i < paths->len; i++)
    check_path (self, g_ptr_array_index (paths, i), removes, adds);

  /* Listed entries, unless a stat just told better, or their folder went */
  g_hash_table_iter_init (&iter, add);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PendingAdd *pending = value;
      const char *slash = strrchr (key, '/');
      g_autofree char *parent_path = slash ? g_strndup (key, slash - (char *)key) : g_strdup ("");
      DirNode *parent = g_hash_table_lookup (self->nodes, parent_path);

      if (g_hash_table_contains (check, key) || parent == NULL || parent->serial != pending->serial)
        continue;
      upsert (self, removes, adds, g_object_ref (pending->item));
    }

  /* An item both checked and under a dropped folder is removed once */
  remove_list = keys_of (removes);
  apply_changes (self, remove_list, adds);
}

/* GObject */

static void
cb_checkpoint_model_dispose (GObject *object)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  clear_source (self, &self->watch_id);
  clear_source (self, &self->flush_id);
  clear_source (self, &self->poll_id);
  g_queue_clear (&self->to_watch);
  g_queue_clear_full (&self->waiting_jobs, job_free);
  g_hash_table_remove_all (self->nodes);

  G_OBJECT_CLASS (cb_checkpoint_model_parent_class)->dispose (object);
}

static void
cb_checkpoint_model_finalize (GObject *object)
{
  CbCheckpointModel *self = CB_CHECKPOINT_MODEL (object);

  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->items, g_sequence_free);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->pending_check, g_hash_table_unref);
  g_clear_pointer (&self->pending_add, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->noticed, g_hash_table_unref);
  g_clear_pointer (&self->outbox, outbox_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->patterns, patterns_unref);
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

/* The process's budget of monitors, for all models: half the user's
 * inotify watches, leaving room for the rest of the session. GLib's
 * inotify backend does not report a full watch table, its monitors just
 * stay silent.
 */
static guint
default_max_monitors (void)
{
  static gsize max = 0;

  if (g_once_init_enter (&max))
    {
      g_autofree char *text = NULL;
      guint64 n = 0;

      if (g_file_get_contents ("/proc/sys/fs/inotify/max_user_watches", &text, NULL, NULL))
        n = g_ascii_strtoull (text, NULL, 10);
      g_once_init_leave (&max, n > 1 ? MIN (n / 2, G_MAXUINT) : G_MAXUINT);
    }

  return max;
}

static void
cb_checkpoint_model_init (CbCheckpointModel *self)
{
  self->items = g_sequence_new (g_object_unref);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, node_free);
  g_queue_init (&self->to_watch);
  g_queue_init (&self->waiting_jobs);
  self->pending_check = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_add = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pending_add_free);
  self->noticed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->max_monitors = default_max_monitors ();
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
  self->patterns = patterns_new (globs);
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
  DirNode *root;

  g_return_if_fail (CB_IS_CHECKPOINT_MODEL (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->n_scans++;
  self->context = g_main_context_ref_thread_default ();
  self->outbox = g_atomic_rc_box_new0 (Outbox);
  g_weak_ref_init (&self->outbox->model, self);
  self->outbox->context = g_main_context_ref (self->context);
  self->outbox->results = g_async_queue_new ();

  if (self->n_items > 0)
    {
      GHashTableIter iter;
      gpointer path;

      self->stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, self->by_path);
      while (g_hash_table_iter_next (&iter, &path, NULL))
        g_hash_table_add (self->stale, g_strdup (path));
    }

  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->patterns->n == 0 || stat (self->root, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      check_loading_done (self);
      return;
    }

  root = add_node (self, NULL, "", self->patterns->root_mask, st.st_dev, st.st_ino);
  queue_watch (self, root);
}

typedef struct
{
  CbCheckpointModel *self;
  GPtrArray         *items;
  GArray            *subdirs;
} SyncWalk;

static void
on_listed_sync (const char        *relative,
                const char        *name,
                int                glob,
                guint64            child_mask,
                const struct stat *st,
                gpointer           user_data)
{
  SyncWalk *walk = user_data;

  if (glob >= 0)
    g_ptr_array_add (walk->items, make_checkpoint (walk->self->patterns, relative, glob, st));
  else
    {
      SubDir sub = { g_strdup (relative), child_mask, st->st_dev, st->st_ino };

      g_array_append_val (walk->subdirs, sub);
    }
}

typedef struct
{
  dev_t dev;
  ino_t ino;
} DevIno;

static void
scan_dir_sync (CbCheckpointModel *self,
               const char        *dir,
               guint64            mask,
               GArray            *ancestors,
               GPtrArray         *items)
{
  g_autoptr(GArray) subdirs = g_array_new (FALSE, FALSE, sizeof (SubDir));
  g_autoptr(GError) error = NULL;
  SyncWalk walk = { self, items, subdirs };

  g_array_set_clear_func (subdirs, subdir_clear);
  self->n_listings++;
  if (list_dir (self->patterns, self->root, dir, mask, on_listed_sync, &walk, &error) == LIST_ERROR)
    notice_folder (self, dir, error->message);

  for (guint i = 0; i < subdirs->len; i++)
    {
      SubDir *sub = &g_array_index (subdirs, SubDir, i);
      DevIno id = { sub->dev, sub->ino };
      gboolean loop = FALSE;

      for (guint k = 0; k < ancestors->len && !loop; k++)
        loop = g_array_index (ancestors, DevIno, k).dev == id.dev &&
               g_array_index (ancestors, DevIno, k).ino == id.ino;
      if (loop)
        {
          g_debug ("Not following %s: a symbolic link loop", sub->name);
          continue;
        }

      g_array_append_val (ancestors, id);
      scan_dir_sync (self, sub->name, sub->mask, ancestors, items);
      g_array_set_size (ancestors, ancestors->len - 1);
    }
}

/**
 * cb_checkpoint_model_scan_sync:
 *
 * Scans now, in this thread, for a caller that needs the list at once and
 * does not follow changes (the headless `--print-command`). Must be called
 * before cb_checkpoint_model_start(), if at all.
 */
void
cb_checkpoint_model_scan_sync (CbCheckpointModel *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ancestors = g_array_new (FALSE, FALSE, sizeof (DevIno));
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) removes = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) adds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) remove_list = NULL;
  GHashTableIter iter;
  gpointer key, value;
  struct stat st;

  g_return_if_fail (CB_IS_CHECKPOINT_MODEL (self));
  g_return_if_fail (!self->started);

  self->n_scans++;
  if (self->patterns->n > 0 && stat (self->root, &st) == 0 && S_ISDIR (st.st_mode))
    {
      DevIno id = { st.st_dev, st.st_ino };

      g_array_append_val (ancestors, id);
      scan_dir_sync (self, "", self->patterns->root_mask, ancestors, items);
    }

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (found, (char *)cb_checkpoint_get_path (g_ptr_array_index (items, i)));
  g_hash_table_iter_init (&iter, self->by_path);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (found, key))
      g_hash_table_add (removes, value);

  for (guint i = 0; i < items->len; i++)
    upsert (self, removes, adds, g_object_ref (g_ptr_array_index (items, i)));

  remove_list = keys_of (removes);
  apply_changes (self, remove_list, adds);
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
  GSequenceIter *iter;

  g_return_val_if_fail (CB_IS_CHECKPOINT_MODEL (self), -1);

  if (path == NULL || (iter = g_hash_table_lookup (self->by_path, path)) == NULL)
    return -1;
  return g_sequence_iter_get_position (iter);
}
