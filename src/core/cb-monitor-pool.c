/* cb-monitor-pool.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/inotify.h>
#endif

#include "cb-monitor-pool.h"

/**
 * CbMonitor:
 *
 * A folder watched for changes: a watch of the process's one inotify
 * instance, whose events one thread of the pool reads and hands to the
 * caller's callback, as the path of the entry they name.
 *
 * Checkpoint models watch thousands of folders (4,000 for 2,000
 * experiments), so a watch must cost little. A #GFileMonitor per folder
 * cost a GObject, a #GSource that every iteration of its main context
 * visits (so monitors needed main contexts and threads of their own, and
 * a round trip to them to be made and freed), GLib's own bookkeeping of
 * the path, and a probe: GLib's inotify backend does not fail when the
 * user's watches have run out, its monitor just stays silent, so each
 * folder was first added to and removed from a private inotify instance.
 * That was 65 ms of CPU for the 4,000 folders of the benchmark's first
 * scan, with the scan waiting on it. Here a watch is one
 * inotify_add_watch() on the caller's thread, which says when no watch is
 * left (ENOSPC): the folder is then reported as not watchable, for the
 * caller to poll.
 *
 * The events followed are those that change what a folder holds or what
 * its files are: created, deleted, moved in or out, written and closed,
 * attributes (a new modification time) changed, and the folder itself
 * deleted or moved. A file being written is reported once closed, not at
 * each write.
 *
 * Without inotify (not Linux), no folder can be watched: callers poll.
 */

#ifdef __linux__
# define WATCH_EVENTS (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | \
                       IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
#endif

/* The caller's callback, shared by the monitors of one watch call */
typedef struct
{
  CbMonitorFunc  func;
  gpointer       user_data;
  GDestroyNotify notify;
} Watcher;

/* One inotify watch: the monitors of the folder it watches, several when
 * several callers (or several paths, through symbolic links) watch it
 */
typedef struct
{
  int        wd;
  GPtrArray *monitors; /* CbMonitor */
  gboolean   ignored;  /* the kernel removed it: the folder went */
} Watch;

struct _CbMonitor
{
  Watch   *watch; /* NULL when the folder could not be watched but may be listed */
  char    *path;
  Watcher *watcher;
};

/* All under lock */
static GMutex      lock;
static int         inotify_fd = -1;
static GHashTable *watches;    /* wd → Watch */
static guint       n_monitors;

static void
watcher_clear (gpointer data)
{
  Watcher *watcher = data;

  if (watcher->notify != NULL)
    watcher->notify (watcher->user_data);
}

static Watcher *
watcher_ref (Watcher *watcher)
{
  return g_atomic_rc_box_acquire (watcher);
}

static void
watcher_unref (Watcher *watcher)
{
  g_atomic_rc_box_release_full (watcher, watcher_clear);
}

#ifdef __linux__

static void
report (CbMonitor  *monitor,
        const char *name)
{
  g_autofree char *path = NULL;

  if (name == NULL || name[0] == '\0')
    {
      monitor->watcher->func (monitor->path, monitor->watcher->user_data);
      return;
    }
  path = g_build_filename (monitor->path, name, NULL);
  monitor->watcher->func (path, monitor->watcher->user_data);
}

/* Under lock. The callbacks run with the lock held, so that none runs for
 * a monitor once cb_monitor_free() has returned.
 */
static void
dispatch_event (const struct inotify_event *event)
{
  Watch *watch;

  if (event->mask & IN_Q_OVERFLOW)
    {
      /* As with GLib's monitors: what the kernel dropped is lost */
      g_warning ("Too many file changes at once: some were missed");
      return;
    }

  watch = g_hash_table_lookup (watches, GINT_TO_POINTER (event->wd));
  if (watch == NULL)
    return;

  if (event->mask & IN_IGNORED)
    {
      watch->ignored = TRUE;
      return;
    }
  if (event->mask & IN_UNMOUNT)
    return;

  for (guint i = 0; i < watch->monitors->len; i++)
    report (g_ptr_array_index (watch->monitors, i),
            (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) ? NULL : event->name);
}

static gpointer
reader_thread_main (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  char buffer[64 * 1024] __attribute__ ((aligned (__alignof__ (struct inotify_event))));

  for (;;)
    {
      gssize len = read (fd, buffer, sizeof buffer);

      if (len < 0 && errno == EINTR)
        continue;
      if (len <= 0)
        {
          g_warning ("Cannot read file changes: %s", g_strerror (errno));
          return NULL;
        }

      g_mutex_lock (&lock);
      for (char *p = buffer; p < buffer + len;)
        {
          const struct inotify_event *event = (const struct inotify_event *)p;

          dispatch_event (event);
          p += sizeof (struct inotify_event) + event->len;
        }
      g_mutex_unlock (&lock);
    }

  return NULL;
}

/* Under lock: the inotify instance, and the thread that reads it, made
 * once for the life of the process
 */
static gboolean
ensure_instance (void)
{
  static gboolean tried = FALSE;

  if (tried)
    return inotify_fd >= 0;
  tried = TRUE;

  inotify_fd = inotify_init1 (IN_CLOEXEC);
  if (inotify_fd < 0)
    {
      g_debug ("No inotify instance: %s", g_strerror (errno));
      return FALSE;
    }
  watches = g_hash_table_new (NULL, NULL);
  g_thread_unref (g_thread_new ("cb-monitors", reader_thread_main, GINT_TO_POINTER (inotify_fd)));
  return TRUE;
}

/* Under lock. Returns NULL when no watch is left for @path; a monitor
 * without a watch when the folder cannot be watched for another reason
 * (it went, or cannot be read): listing it will say so.
 */
static CbMonitor *
watch_folder (const char *path,
              Watcher    *watcher)
{
  CbMonitor *monitor;
  Watch *watch;
  int wd;

  if (!ensure_instance ())
    return NULL;

  wd = inotify_add_watch (inotify_fd, path, WATCH_EVENTS);
  if (wd < 0 && errno == ENOSPC)
    {
      g_debug ("Cannot watch %s: no inotify watches are left", path);
      return NULL;
    }

  monitor = g_new0 (CbMonitor, 1);
  monitor->path = g_strdup (path);
  monitor->watcher = watcher_ref (watcher);
  n_monitors++;

  if (wd < 0)
    {
      g_debug ("Cannot watch %s: %s", path, g_strerror (errno));
      return monitor;
    }

  watch = g_hash_table_lookup (watches, GINT_TO_POINTER (wd));
  if (watch == NULL)
    {
      watch = g_new0 (Watch, 1);
      watch->wd = wd;
      watch->monitors = g_ptr_array_new ();
      g_hash_table_insert (watches, GINT_TO_POINTER (wd), watch);
    }
  g_ptr_array_add (watch->monitors, monitor);
  monitor->watch = watch;
  return monitor;
}

#else /* !__linux__ */

static CbMonitor *
watch_folder (const char *path,
              Watcher    *watcher)
{
  return NULL;
}

#endif

/**
 * cb_monitor_pool_watch:
 * @folders: (element-type filename): absolute paths of folders
 * @func: (scope notified): called on the pool's thread for each event
 * @notify: frees @user_data once no monitor of this call is left
 * @monitors: (array) (out caller-allocates): for each folder, its monitor,
 *   or %NULL when it cannot be watched
 *
 * Watches each folder of @folders: nothing that happens in a folder after
 * this returns goes unreported.
 */
void
cb_monitor_pool_watch (GPtrArray       *folders,
                       CbMonitorFunc    func,
                       gpointer         user_data,
                       GDestroyNotify   notify,
                       CbMonitor      **monitors)
{
  Watcher *watcher = g_atomic_rc_box_new0 (Watcher);

  watcher->func = func;
  watcher->user_data = user_data;
  watcher->notify = notify;

  g_mutex_lock (&lock);
  for (guint i = 0; i < folders->len; i++)
    monitors[i] = watch_folder (g_ptr_array_index (folders, i), watcher);
  g_mutex_unlock (&lock);

  /* The monitors hold the closure from here on */
  watcher_unref (watcher);
}

/**
 * cb_monitor_free:
 *
 * Stops watching, from any thread; the callback is not called for this
 * monitor once this returns.
 */
void
cb_monitor_free (CbMonitor *monitor)
{
  Watch *watch = monitor->watch;

  g_mutex_lock (&lock);
  n_monitors--;
  if (watch != NULL)
    {
      g_ptr_array_remove_fast (watch->monitors, monitor);
      if (watch->monitors->len == 0)
        {
#ifdef __linux__
          if (!watch->ignored)
            inotify_rm_watch (inotify_fd, watch->wd);
#endif
          g_hash_table_remove (watches, GINT_TO_POINTER (watch->wd));
          g_ptr_array_unref (watch->monitors);
          g_free (watch);
        }
    }
  g_mutex_unlock (&lock);

  /* Outside the lock: the closure's notify may free anything */
  watcher_unref (monitor->watcher);
  g_free (monitor->path);
  g_free (monitor);
}

/**
 * cb_monitor_pool_get_n_monitors:
 *
 * Returns: the monitors of the process, of every caller
 */
guint
cb_monitor_pool_get_n_monitors (void)
{
  guint n;

  g_mutex_lock (&lock);
  n = n_monitors;
  g_mutex_unlock (&lock);

  return n;
}

/* A limit in a file of /proc/sys, or G_MAXUINT64 */
static guint64
read_limit (const char *path)
{
  g_autofree char *text = NULL;
  guint64 n;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return G_MAXUINT64;
  n = g_ascii_strtoull (text, NULL, 10);
  return n > 0 ? n : G_MAXUINT64;
}

/**
 * cb_monitor_pool_get_budget:
 *
 * The process's budget of monitors, for all callers: half the user's
 * inotify watches, leaving room for the rest of the session. The limit is
 * the system's, or that of the user namespace the app runs in when it is
 * lower (a container's). Other programs may still hold most of it: a
 * folder past what is really left is reported as not watchable.
 *
 * Returns: how many monitors the process may hold
 */
guint
cb_monitor_pool_get_budget (void)
{
  static gsize max = 0;

  if (g_once_init_enter (&max))
    {
      guint64 n = MIN (read_limit ("/proc/sys/fs/inotify/max_user_watches"),
                       read_limit ("/proc/sys/user/max_inotify_watches"));

      g_once_init_leave (&max, n > 1 && n != G_MAXUINT64 ? MIN (n / 2, G_MAXUINT) : G_MAXUINT);
    }

  return max;
}
