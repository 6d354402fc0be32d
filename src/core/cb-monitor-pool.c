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
 * A folder watched by a #GFileMonitor that lives on one of the process's
 * monitor threads.
 *
 * A #GFileMonitor is a #GSource in the main context that was the
 * thread-default one when it was made, and each iteration of a main
 * context visits every one of its sources: 4,000 monitors (2,000
 * experiments) cost each iteration of the window's main loop half a
 * millisecond. So the monitors live in main contexts of their own, on
 * threads that do nothing else, at most %MONITORS_PER_THREAD per thread so
 * that an event wakes few of them, and their events reach the caller
 * through a callback on that thread. The threads live as long as the
 * process.
 *
 * GLib's inotify backend does not fail when the user's inotify watches
 * have run out: the monitor is made, and stays silent. The budget
 * (cb_monitor_pool_get_budget()) keeps well below the limit the system
 * states, but the real one can be lower: other programs' watches count,
 * and so does a lower limit of a container's user namespace. So before
 * each monitor is made, a watch on the folder is added to and removed from
 * a private inotify instance: when there is no room for it, there is none
 * for GLib's either, and the folder is reported as not watchable, to be
 * polled by the caller.
 */

#define MONITORS_PER_THREAD 256

typedef struct
{
  GMainContext *context;
  guint         n_monitors;  /* made or promised; under threads_lock */
} MonitorThread;

/* The caller's callback, shared by the monitors of one watch call */
typedef struct
{
  CbMonitorFunc  func;
  gpointer       user_data;
  GDestroyNotify notify;
} Watcher;

struct _CbMonitor
{
  GFileMonitor  *monitor;
  MonitorThread *thread;
};

static GMutex     threads_lock;
static GPtrArray *threads;

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
watcher_unref (gpointer watcher)
{
  g_atomic_rc_box_release_full (watcher, watcher_clear);
}

static void
watcher_unref_notify (gpointer  data,
                      GClosure *closure)
{
  watcher_unref (data);
}

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

  g_mutex_lock (&threads_lock);
  if (threads == NULL)
    threads = g_ptr_array_new ();
  for (guint i = 0; i < threads->len && thread == NULL; i++)
    {
      MonitorThread *t = g_ptr_array_index (threads, i);

      if (t->n_monitors < MONITORS_PER_THREAD)
        thread = t;
    }
  if (thread == NULL)
    {
      thread = g_new0 (MonitorThread, 1);
      thread->context = g_main_context_new ();
      g_thread_unref (g_thread_new ("cb-monitors", monitor_thread_main, thread->context));
      g_ptr_array_add (threads, thread);
    }
  *granted = MIN (wanted, MONITORS_PER_THREAD - thread->n_monitors);
  thread->n_monitors += *granted;
  g_mutex_unlock (&threads_lock);

  return thread;
}

static void
monitor_thread_unreserve (MonitorThread *thread,
                          guint          n)
{
  g_mutex_lock (&threads_lock);
  thread->n_monitors -= n;
  g_mutex_unlock (&threads_lock);
}

static void
report (Watcher *watcher,
        GFile   *file)
{
  const char *path = file ? g_file_peek_path (file) : NULL;

  if (path != NULL)
    watcher->func (path, watcher->user_data);
}

/* On a monitor thread */
static void
on_monitor_event (GFileMonitor      *monitor,
                  GFile             *file,
                  GFile             *other,
                  GFileMonitorEvent  event,
                  Watcher           *watcher)
{
  switch (event)
    {
    /* A file being written: CHANGES_DONE_HINT follows when it is done */
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      return;

    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      report (watcher, file);
      report (watcher, other);
      return;

    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    default:
      report (watcher, file);
      return;
    }
}

typedef struct
{
  Watcher    *watcher;
  GPtrArray  *folders;  /* paths, in */
  guint       first;
  guint       n;
  CbMonitor **monitors; /* out */
  GMutex      mutex;
  GCond       cond;
  gboolean    done;
} MonitorRequest;

/* Whether the user has an inotify watch left for the folder at @path: a
 * watch on a private instance, added and removed at once. Any answer but
 * "no room" counts as yes, and GLib's own result decides.
 */
static gboolean
has_watch_left (const char *path)
{
#ifdef __linux__
  static gsize once = 0;
  static int probe_fd = -1;
  char events[4096];
  int wd;

  if (g_once_init_enter (&once))
    {
      probe_fd = inotify_init1 (IN_CLOEXEC | IN_NONBLOCK);
      g_once_init_leave (&once, 1);
    }
  if (probe_fd < 0)
    return TRUE;

  wd = inotify_add_watch (probe_fd, path, IN_ONLYDIR | IN_DELETE_SELF);
  if (wd < 0)
    return errno != ENOSPC;
  inotify_rm_watch (probe_fd, wd);

  /* The removal queues an IN_IGNORED event: nobody wants it */
  while (read (probe_fd, events, sizeof events) > 0)
    ;
#endif

  return TRUE;
}

/* Serializes probing and GLib's adding of its watch, so that the room
 * one thread found is not taken by another in between
 */
static GMutex probe_lock;

/* On a monitor thread, with its context the thread-default one */
static GFileMonitor *
make_monitor (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&probe_lock);
  gboolean room = has_watch_left (path);
  GFileMonitor *monitor;

  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return NULL;
    }

  /* Only GLib's inotify monitors need inotify's room */
  if (!room && strcmp (G_OBJECT_TYPE_NAME (monitor), "GInotifyFileMonitor") == 0)
    {
      g_debug ("Cannot watch %s: no inotify watches are left", path);
      g_file_monitor_cancel (monitor);
      g_object_unref (monitor);
      return NULL;
    }

  return monitor;
}

/* On a monitor thread, with its context the thread-default one */
static gboolean
make_monitors (gpointer data)
{
  MonitorRequest *req = data;

  for (guint i = req->first; i < req->first + req->n; i++)
    {
      GFileMonitor *monitor = make_monitor (g_ptr_array_index (req->folders, i));

      if (monitor == NULL)
        continue;

      g_signal_connect_data (monitor, "changed", G_CALLBACK (on_monitor_event),
                             watcher_ref (req->watcher), watcher_unref_notify, 0);
      req->monitors[i] = g_new0 (CbMonitor, 1);
      req->monitors[i]->monitor = monitor;
    }

  g_mutex_lock (&req->mutex);
  req->done = TRUE;
  g_cond_signal (&req->cond);
  g_mutex_unlock (&req->mutex);

  return G_SOURCE_REMOVE;
}

/**
 * cb_monitor_pool_watch:
 * @folders: (element-type filename): absolute paths of folders
 * @func: (scope notified): called on a monitor thread for each event
 * @notify: frees @user_data once no monitor of this call is left
 * @monitors: (array) (out caller-allocates): for each folder, its monitor,
 *   or %NULL when it cannot be watched
 *
 * Watches each folder of @folders, blocking until the monitors exist (one
 * round trip per monitor thread), so that nothing that happens in a folder
 * after this returns goes unreported.
 */
void
cb_monitor_pool_watch (GPtrArray       *folders,
                       CbMonitorFunc    func,
                       gpointer         user_data,
                       GDestroyNotify   notify,
                       CbMonitor      **monitors)
{
  Watcher *watcher = g_atomic_rc_box_new0 (Watcher);
  guint done = 0;

  watcher->func = func;
  watcher->user_data = user_data;
  watcher->notify = notify;

  while (done < folders->len)
    {
      MonitorRequest req = { 0 };
      MonitorThread *thread;
      guint n;

      thread = monitor_thread_reserve (folders->len - done, &n);
      req.watcher = watcher;
      req.folders = folders;
      req.first = done;
      req.n = n;
      req.monitors = monitors;
      g_mutex_init (&req.mutex);
      g_cond_init (&req.cond);
      for (guint i = done; i < done + n; i++)
        monitors[i] = NULL;

      g_main_context_invoke (thread->context, make_monitors, &req);
      g_mutex_lock (&req.mutex);
      while (!req.done)
        g_cond_wait (&req.cond, &req.mutex);
      g_mutex_unlock (&req.mutex);
      g_mutex_clear (&req.mutex);
      g_cond_clear (&req.cond);

      for (guint i = done; i < done + n; i++)
        {
          if (monitors[i] != NULL)
            monitors[i]->thread = thread;
          else
            monitor_thread_unreserve (thread, 1);
        }
      done += n;
    }

  /* The monitors hold the closure from here on */
  watcher_unref (watcher);
}

/* On a monitor thread */
static gboolean
free_monitor (gpointer data)
{
  CbMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor->monitor, G_SIGNAL_MATCH_FUNC,
                                        0, 0, NULL, on_monitor_event, NULL);
  g_file_monitor_cancel (monitor->monitor);
  g_object_unref (monitor->monitor);
  g_free (monitor);

  return G_SOURCE_REMOVE;
}

/**
 * cb_monitor_free:
 *
 * Stops watching, from any thread. An event already on its way may still
 * reach the callback.
 */
void
cb_monitor_free (CbMonitor *monitor)
{
  MonitorThread *thread = monitor->thread;

  monitor_thread_unreserve (thread, 1);
  g_main_context_invoke (thread->context, free_monitor, monitor);
}

/**
 * cb_monitor_pool_get_n_monitors:
 *
 * Returns: the monitors of the process, of every caller
 */
guint
cb_monitor_pool_get_n_monitors (void)
{
  guint n = 0;

  g_mutex_lock (&threads_lock);
  for (guint i = 0; threads != NULL && i < threads->len; i++)
    n += ((MonitorThread *)g_ptr_array_index (threads, i))->n_monitors;
  g_mutex_unlock (&threads_lock);

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
 * lower (a container's). Other programs may still hold most of it: see
 * the probe in make_monitor().
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
