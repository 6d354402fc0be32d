/* cb-process-tree.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>

#include "cb-process-tree.h"

/* What is left of a run, found without cgroups.
 *
 * A run's command starts in its own process group, and Stop signals that
 * group; but a descendant may leave it (setsid, or a daemon's double
 * fork) and keep running, even holding the run's output open. Such a
 * process is still found, by three marks that survive leaving the group:
 * it descends from the run's main process (the app is a child subreaper,
 * so an orphan of the run is re-parented to the app rather than to init
 * and stays in the tree), it carries the run's %CB_PROCESS_TREE_RUN_VAR
 * in its environment, or it holds one of the run's output pipes.
 *
 * Orphans re-parented to the app are the app's to reap: cb_process_tree_reap()
 * watches a process through a pidfd and reaps it once it has exited, if
 * it is then the app's child. Only processes found here are reaped, never
 * any other child of the app, whose spawner waits for it.
 */

#define RETRY_MSEC 100
#define MAX_RETRIES 100

typedef struct
{
  int     pid;
  int     ppid;
  int     pgid;
  guint64 start_time;
  char    name[16];
  gboolean marked;
} Proc;

static int
pidfd_open (int pid)
{
  return syscall (SYS_pidfd_open, pid, 0);
}

/**
 * cb_process_tree_become_subreaper:
 *
 * Makes the app the child subreaper of what it starts, once: an orphaned
 * descendant of a run is then re-parented to the app, where it can be
 * found and reaped, instead of to init.
 */
void
cb_process_tree_become_subreaper (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        g_debug ("Cannot become a child subreaper: %s", g_strerror (errno));
      g_once_init_leave (&done, 1);
    }
}

/* /proc/PID/stat: "pid (name) state ppid pgrp … starttime(22nd) …"; the
 * name may hold spaces and parentheses, so the fields start after the last
 * ")". */
static gboolean
read_proc (int   pid,
           Proc *proc)
{
  char path[64];
  char buf[1024];
  const char *open_paren;
  const char *close_paren;
  gsize name_len;
  ssize_t n;
  int fd;

  g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return FALSE;
  buf[n] = '\0';

  open_paren = strchr (buf, '(');
  close_paren = strrchr (buf, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren)
    return FALSE;

  memset (proc, 0, sizeof *proc);
  proc->pid = pid;
  name_len = MIN ((gsize)(close_paren - open_paren - 1), sizeof proc->name - 1);
  memcpy (proc->name, open_paren + 1, name_len);

  return sscanf (close_paren + 1,
                 " %*c %d %d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %"
                 G_GUINT64_FORMAT, &proc->ppid, &proc->pgid, &proc->start_time) == 3;
}

static gboolean
has_token (int         pid,
           const char *token)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/environ", pid);
  g_autofree char *wanted = g_strconcat (CB_PROCESS_TREE_RUN_VAR, "=", token, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* Readable for the user's own processes only, which is all a run has */
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (const char *p = contents; p < contents + length; p += strlen (p) + 1)
    if (strcmp (p, wanted) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
holds_pipe (int                   pid,
            const CbProcessQuery *query)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", pid);
  DIR *dir = opendir (path);
  struct dirent *entry;
  gboolean found = FALSE;

  if (dir == NULL)
    return FALSE;

  while (!found && (entry = readdir (dir)) != NULL)
    {
      char link[64];
      ssize_t n = readlinkat (dirfd (dir), entry->d_name, link, sizeof link - 1);
      unsigned long inode;

      if (n <= 0)
        continue;
      link[n] = '\0';
      if (sscanf (link, "pipe:[%lu]", &inode) != 1)
        continue;
      for (guint i = 0; i < query->n_pipes && !found; i++)
        found = inode == query->pipes[i];
    }
  closedir (dir);

  return found;
}

static GArray *
list_processes (void)
{
  GArray *procs = g_array_new (FALSE, FALSE, sizeof (Proc));
  DIR *dir = opendir ("/proc");
  struct dirent *entry;

  if (dir == NULL)
    return procs;

  while ((entry = readdir (dir)) != NULL)
    {
      Proc proc;
      char *end;
      long pid = strtol (entry->d_name, &end, 10);

      if (*end == '\0' && pid > 0 && read_proc (pid, &proc))
        g_array_append_val (procs, proc);
    }
  closedir (dir);

  return procs;
}

static gboolean
is_own (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d", pid);
  struct stat st;

  return stat (path, &st) == 0 && st.st_uid == geteuid ();
}

/* The app and the processes it descends from (and pid 0): never part of
 * a run, whatever the marks say */
static GHashTable *
ancestors_of_self (GArray *procs)
{
  GHashTable *ancestors = g_hash_table_new (NULL, NULL);
  int pid = getpid ();

  g_hash_table_add (ancestors, GINT_TO_POINTER (0));
  while (pid > 0 && !g_hash_table_contains (ancestors, GINT_TO_POINTER (pid)))
    {
      int parent = 0;

      g_hash_table_add (ancestors, GINT_TO_POINTER (pid));
      for (guint i = 0; i < procs->len; i++)
        if (g_array_index (procs, Proc, i).pid == pid)
          parent = g_array_index (procs, Proc, i).ppid;
      pid = parent;
    }

  return ancestors;
}

/**
 * cb_process_tree_find:
 *
 * Lists what is left of a run, apart from its main process: the processes
 * of its group, those that carry its token, those that hold its output
 * pipes, and every descendant of these or of the main process.
 *
 * Returns: (transfer full) (element-type CbProcessInfo): the processes
 */
GArray *
cb_process_tree_find (const CbProcessQuery *query)
{
  g_autoptr(GArray) procs = list_processes ();
  g_autoptr(GHashTable) holders = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) ancestors = ancestors_of_self (procs);
  GArray *found = g_array_new (FALSE, TRUE, sizeof (CbProcessInfo));
  gboolean changed = TRUE;

  g_return_val_if_fail (query->main_pid >= 0 && query->pgid >= 0, found);

  for (guint i = 0; i < procs->len; i++)
    {
      Proc *p = &g_array_index (procs, Proc, i);

      if (g_hash_table_contains (ancestors, GINT_TO_POINTER (p->pid)) || p->pid == query->main_pid)
        continue;
      if ((query->pgid > 0 && query->pgid != getpgrp () && p->pgid == query->pgid) ||
          (query->main_pid > 0 && p->ppid == query->main_pid))
        p->marked = TRUE;
      if ((query->token != NULL || query->n_pipes > 0) && is_own (p->pid))
        {
          if (query->n_pipes > 0 && holds_pipe (p->pid, query))
            {
              g_hash_table_add (holders, GINT_TO_POINTER (p->pid));
              p->marked = TRUE;
            }
          if (!p->marked && query->token != NULL && has_token (p->pid, query->token))
            p->marked = TRUE;
        }
    }

  /* Their descendants too, to a fixed point: trees are shallow */
  while (changed)
    {
      g_autoptr(GHashTable) marked = g_hash_table_new (NULL, NULL);

      changed = FALSE;
      for (guint i = 0; i < procs->len; i++)
        if (g_array_index (procs, Proc, i).marked)
          g_hash_table_add (marked, GINT_TO_POINTER (g_array_index (procs, Proc, i).pid));
      for (guint i = 0; i < procs->len; i++)
        {
          Proc *p = &g_array_index (procs, Proc, i);

          if (!p->marked && p->pid != query->main_pid &&
              !g_hash_table_contains (ancestors, GINT_TO_POINTER (p->pid)) &&
              g_hash_table_contains (marked, GINT_TO_POINTER (p->ppid)))
            p->marked = changed = TRUE;
        }
    }

  for (guint i = 0; i < procs->len; i++)
    {
      Proc *p = &g_array_index (procs, Proc, i);
      CbProcessInfo info = { 0 };

      if (!p->marked)
        continue;
      info.pid = p->pid;
      info.pgid = p->pgid;
      info.start_time = p->start_time;
      memcpy (info.name, p->name, sizeof info.name);
      info.escaped = p->pgid != query->pgid;
      info.holds_output = g_hash_table_contains (holders, GINT_TO_POINTER (p->pid));
      g_array_append_val (found, info);
    }

  return found;
}

/* A pidfd of the process @info describes, not of a later one with its pid */
static int
open_same (const CbProcessInfo *info)
{
  int fd = pidfd_open (info->pid);
  Proc now;

  if (fd < 0)
    return -1;
  if (!read_proc (info->pid, &now) || now.start_time != info->start_time)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/**
 * cb_process_tree_signal:
 *
 * Sends @signum to the process, unless it has gone (its pid may be
 * another's by now).
 *
 * Returns: whether it was sent
 */
gboolean
cb_process_tree_signal (const CbProcessInfo *info,
                        int                  signum)
{
  int fd = open_same (info);
  gboolean sent;

  if (fd < 0)
    return FALSE;
  sent = syscall (SYS_pidfd_send_signal, fd, signum, NULL, 0) == 0;
  close (fd);

  return sent;
}

/* Reaping */

typedef struct
{
  int   pid;
  int   pidfd;
  guint source_id;
  guint retries;
} Watch;

static GPtrArray *watches; /* of Watch, main thread only */
static guint retry_id;

static void
watch_free (Watch *watch)
{
  g_clear_handle_id (&watch->source_id, g_source_remove);
  close (watch->pidfd);
  g_free (watch);
}

static gboolean
has_exited (Watch *watch)
{
  struct pollfd pfd = { .fd = watch->pidfd, .events = POLLIN };

  return poll (&pfd, 1, 0) == 1;
}

/* Whether the watch is done with: reaped here, or by its own parent */
static gboolean
try_reap (Watch *watch)
{
  Proc proc;
  pid_t reaped;

  if (!has_exited (watch))
    return FALSE;
  if (!read_proc (watch->pid, &proc))
    return TRUE;
  if (proc.ppid != getpid ())
    return ++watch->retries > MAX_RETRIES;

  /* An exited child of the app: a zombie, whose pid nobody else can take */
  reaped = waitpid (watch->pid, NULL, WNOHANG);
  return reaped == watch->pid || (reaped < 0 && errno == ECHILD);
}

static gboolean
retry_cb (gpointer user_data)
{
  retry_id = 0;
  cb_process_tree_sweep ();
  return G_SOURCE_REMOVE;
}

/**
 * cb_process_tree_sweep:
 *
 * Reaps the watched processes that have exited and are the app's
 * children. One that has exited but whose parent is still alive is
 * re-parented to the app when that parent ends: it is tried again.
 */
void
cb_process_tree_sweep (void)
{
  gboolean waiting = FALSE;

  if (watches == NULL)
    return;

  for (guint i = watches->len; i > 0; i--)
    {
      Watch *watch = g_ptr_array_index (watches, i - 1);

      if (try_reap (watch))
        g_ptr_array_remove_index_fast (watches, i - 1);
      else if (watch->source_id == 0)
        waiting = TRUE;
    }

  if (waiting && retry_id == 0)
    retry_id = g_timeout_add (RETRY_MSEC, retry_cb, NULL);
}

static gboolean
on_process_exit (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  Watch *watch = user_data;

  /* The pidfd stays readable: one event is all it gives */
  watch->source_id = 0;
  cb_process_tree_sweep ();
  return G_SOURCE_REMOVE;
}

/**
 * cb_process_tree_reap:
 *
 * Watches the process and reaps it once it has exited, if it is by then
 * the app's child (an orphan re-parented to the app): without that it
 * would stay a zombie as long as the app runs.
 */
void
cb_process_tree_reap (const CbProcessInfo *info)
{
  Watch *watch;
  int fd;

  if (watches == NULL)
    watches = g_ptr_array_new_with_free_func ((GDestroyNotify)watch_free);

  for (guint i = 0; i < watches->len; i++)
    if (((Watch *)g_ptr_array_index (watches, i))->pid == info->pid)
      return;

  if ((fd = open_same (info)) < 0)
    return;

  watch = g_new0 (Watch, 1);
  watch->pid = info->pid;
  watch->pidfd = fd;
  watch->source_id = g_unix_fd_add (fd, G_IO_IN, on_process_exit, watch);
  g_ptr_array_add (watches, watch);
}

/**
 * cb_process_tree_get_n_watched:
 *
 * Returns: how many processes are watched, to be reaped
 */
guint
cb_process_tree_get_n_watched (void)
{
  return watches ? watches->len : 0;
}
