/* cb-file-follower.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cb-file-follower.h"
#include "cb-line-splitter.h"
#include "cb-progress.h"
#include "cb-run.h"

/**
 * CbFileFollower:
 *
 * Follows a log file as another process writes it: a Slurm job's output,
 * written on a compute node. The file may not exist yet (the job is
 * pending) and may start over (the job was requeued). Each change is read
 * from where the last read ended, on a worker thread, and split into
 * #CbRunLine batches like a local run's output; the unfinished last line
 * waits for its newline, or for cb_file_follower_finish().
 *
 * A #GFileMonitor sees local writes at once. Network file systems do not
 * report writes made by other machines, so a slow poll runs as well.
 */

#define READ_CHUNK (1024 * 1024)
#define DEFAULT_POLL_MSEC 2000

typedef struct
{
  char    *path;
  guint64  offset;
  guint64  inode;    /* of the file read last, or 0 */
} ReadJob;

typedef struct
{
  GBytes  *bytes;
  guint64  offset;   /* where the bytes start */
  guint64  inode;
  gboolean reset;    /* the file is shorter than before, or another file: it started over */
  gboolean more;     /* the chunk was full; there may be more */
} ReadResult;

struct _CbFileFollower
{
  GObject          parent_instance;

  char            *path;
  guint            poll_msec;

  GFileMonitor    *monitor;
  GCancellable    *cancellable;
  guint            poll_id;
  gboolean         following;
  gboolean         reading;
  gboolean         read_again;
  gboolean         finishing;
  gboolean         finished;

  guint64          offset;
  guint64          inode;
  CbLineSplitter  *splitter;
  GPtrArray       *batch;
  guint64          n_lines;
  guint            n_problems;
  CbProgress      *progress;
};

G_DEFINE_FINAL_TYPE (CbFileFollower, cb_file_follower, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  PROP_PROGRESS_TEXT,
  PROP_N_PROBLEMS,
  N_PROPS
};

enum {
  OUTPUT,
  RESET,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_read (CbFileFollower *self);

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->bytes, g_bytes_unref);
  g_free (result);
}

static void
read_job_free (ReadJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
cb_file_follower_dispose (GObject *object)
{
  CbFileFollower *self = CB_FILE_FOLLOWER (object);

  cb_file_follower_stop (self);

  G_OBJECT_CLASS (cb_file_follower_parent_class)->dispose (object);
}

static void
cb_file_follower_finalize (GObject *object)
{
  CbFileFollower *self = CB_FILE_FOLLOWER (object);

  g_free (self->path);
  g_clear_pointer (&self->progress, cb_progress_free);
  g_clear_pointer (&self->splitter, cb_line_splitter_free);
  g_clear_pointer (&self->batch, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_file_follower_parent_class)->finalize (object);
}

static void
cb_file_follower_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbFileFollower *self = CB_FILE_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, cb_progress_get_fraction (self->progress));
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, cb_progress_get_label (self->progress));
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->n_problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_file_follower_class_init (CbFileFollowerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_file_follower_dispose;
  object_class->finalize = cb_file_follower_finalize;
  object_class->get_property = cb_file_follower_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_TEXT] =
    g_param_spec_string ("progress-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CbFileFollower::output:
   * @lines: (element-type CbRunLine) (transfer none): new lines, in order
   *
   * Emitted with the complete lines of each read, as #CbRun::output is.
   */
  signals[OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * CbFileFollower::reset:
   *
   * Emitted when the file became shorter than what was read: it was
   * written anew (a requeued job), and lines follow from its start.
   */
  signals[RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CbFileFollower::finished:
   *
   * Emitted once after cb_file_follower_finish(), when the whole file has
   * been read and its last line passed on.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
notify_progress (CbFileFollower *self,
                 guint           changed)
{
  if (changed & CB_PROGRESS_FRACTION_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (changed & CB_PROGRESS_LABEL_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
}

static void
update_progress (CbFileFollower *self,
                 const char     *text)
{
  notify_progress (self, cb_progress_feed (self->progress, text));
}

static void
on_line (const char *text,
         gsize       length,
         gboolean    cut,
         gpointer    user_data)
{
  CbFileFollower *self = user_data;
  CbRunLine *line = cb_run_line_new (text, length, cut ? CB_RUN_LINE_CUT : 0);

  if (line->flags & CB_RUN_LINE_PROBLEM)
    {
      self->n_problems++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
  self->n_lines++;
  g_ptr_array_add (self->batch, line);
  update_progress (self, line->text);
}

/* A line that ended in a bare carriage return: progress, drawn over */
static void
on_overdraw (const char *text,
             gsize       length,
             gpointer    user_data)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  update_progress (user_data, valid);
}

static void
cb_file_follower_init (CbFileFollower *self)
{
  self->progress = cb_progress_new (NULL);
  self->poll_msec = DEFAULT_POLL_MSEC;
  self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
  self->splitter = cb_line_splitter_new (CB_RUN_MAX_LINE_LENGTH, on_line, on_overdraw, self);
}

/**
 * cb_file_follower_new:
 * @path: the file; it need not exist yet
 *
 * Returns: (transfer full): a follower, not started
 */
CbFileFollower *
cb_file_follower_new (const char *path)
{
  CbFileFollower *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CB_TYPE_FILE_FOLLOWER, NULL);
  self->path = g_strdup (path);

  return self;
}

void
cb_file_follower_set_progress_regex (CbFileFollower *self,
                                     GRegex         *regex)
{
  g_return_if_fail (CB_IS_FILE_FOLLOWER (self));

  cb_progress_set_regex (self->progress, regex);
}

/**
 * cb_file_follower_set_poll_interval:
 *
 * Sets how often the file is looked at besides what the file monitor
 * reports (2 s by default); 0 turns polling off.
 */
void
cb_file_follower_set_poll_interval (CbFileFollower *self,
                                    guint           msec)
{
  g_return_if_fail (CB_IS_FILE_FOLLOWER (self));

  self->poll_msec = msec;
}

/* Reading, on a worker thread */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  ReadResult *result = g_new0 (ReadResult, 1);
  g_autofree char *buffer = NULL;
  struct stat st;
  gssize n;
  int fd;

  fd = g_open (job->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      /* Not written yet: nothing to read */
      result->offset = job->offset;
      g_task_return_pointer (task, result, (GDestroyNotify)read_result_free);
      return;
    }

  result->offset = job->offset;
  if (fstat (fd, &st) == 0)
    {
      result->inode = st.st_ino;
      if ((guint64)st.st_size < job->offset || (job->inode != 0 && job->inode != st.st_ino))
        {
          result->reset = TRUE;
          result->offset = 0;
        }
    }

  buffer = g_malloc (READ_CHUNK);
  n = pread (fd, buffer, READ_CHUNK, (off_t)result->offset);
  close (fd);

  if (n > 0)
    {
      result->bytes = g_bytes_new_take (g_steal_pointer (&buffer), n);
      result->more = n == READ_CHUNK;
    }
  g_task_return_pointer (task, result, (GDestroyNotify)read_result_free);
}

static void
flush_batch (CbFileFollower *self)
{
  g_autoptr(GPtrArray) batch = NULL;

  if (self->batch->len == 0)
    return;

  batch = g_steal_pointer (&self->batch);
  self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_run_line_free);
  g_signal_emit (self, signals[OUTPUT], 0, batch);
}

static void
end_following (CbFileFollower *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }
  self->following = FALSE;
}

static void
on_read_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  CbFileFollower *self = CB_FILE_FOLLOWER (source);
  ReadResult *result = g_task_propagate_pointer (G_TASK (res), NULL);

  self->reading = FALSE;
  if (result == NULL)
    return; /* stopped */

  if (result->reset)
    {
      g_clear_pointer (&self->splitter, cb_line_splitter_free);
      self->splitter = cb_line_splitter_new (CB_RUN_MAX_LINE_LENGTH, on_line, on_overdraw, self);
      self->offset = 0;
      /* The progress of the output that starts over */
      notify_progress (self, cb_progress_reset (self->progress));
      g_signal_emit (self, signals[RESET], 0);
    }

  if (result->bytes != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (result->bytes, &length);

      cb_line_splitter_feed (self->splitter, data, length);
      self->offset = result->offset + length;
    }
  if (result->inode != 0)
    self->inode = result->inode;

  if (result->more || self->read_again)
    {
      self->read_again = FALSE;
      flush_batch (self);
      read_result_free (result);
      schedule_read (self);
      return;
    }

  if (self->finishing && !self->finished)
    {
      self->finished = TRUE;
      cb_line_splitter_finish (self->splitter);
      flush_batch (self);
      end_following (self);
      g_signal_emit (self, signals[FINISHED], 0);
    }
  else
    flush_batch (self);

  read_result_free (result);
}

static void
schedule_read (CbFileFollower *self)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  if (self->finished || self->cancellable == NULL)
    return;
  if (self->reading)
    {
      self->read_again = TRUE;
      return;
    }

  job = g_new0 (ReadJob, 1);
  job->path = g_strdup (self->path);
  job->offset = self->offset;
  job->inode = self->inode;

  self->reading = TRUE;
  task = g_task_new (self, self->cancellable, on_read_done, NULL);
  g_task_set_source_tag (task, schedule_read);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify)read_job_free);
  g_task_run_in_thread (task, read_thread);
}

static void
on_changed (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  CbFileFollower *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_CREATED ||
      event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    schedule_read (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  schedule_read (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * cb_file_follower_start:
 *
 * Reads what the file already holds and follows what is added to it.
 */
void
cb_file_follower_start (CbFileFollower *self)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (CB_IS_FILE_FOLLOWER (self));

  if (self->following || self->finished)
    return;

  self->following = TRUE;
  self->cancellable = g_cancellable_new ();
  file = g_file_new_for_path (self->path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, self->cancellable, NULL);
  if (self->monitor != NULL)
    {
      /* Bursts of writes become one read, at most every 100 ms */
      g_file_monitor_set_rate_limit (self->monitor, 100);
      g_signal_connect (self->monitor, "changed", G_CALLBACK (on_changed), self);
    }
  if (self->poll_msec > 0)
    self->poll_id = g_timeout_add (self->poll_msec, poll_cb, self);

  schedule_read (self);
}

/**
 * cb_file_follower_finish:
 *
 * The writer is done (the job ended): reads the rest of the file, passes
 * on its last line even without a newline, emits #CbFileFollower::finished
 * and stops following.
 */
void
cb_file_follower_finish (CbFileFollower *self)
{
  g_return_if_fail (CB_IS_FILE_FOLLOWER (self));

  if (self->finished || self->finishing)
    return;

  if (self->cancellable == NULL)
    cb_file_follower_start (self);
  self->finishing = TRUE;
  schedule_read (self);
}

/**
 * cb_file_follower_stop:
 *
 * Stops following at once, leaving an unfinished line unsaid.
 */
void
cb_file_follower_stop (CbFileFollower *self)
{
  g_return_if_fail (CB_IS_FILE_FOLLOWER (self));

  end_following (self);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

const char *
cb_file_follower_get_path (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), NULL);
  return self->path;
}

gboolean
cb_file_follower_is_following (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), FALSE);
  return self->following;
}

gboolean
cb_file_follower_is_finished (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), FALSE);
  return self->finished;
}

/**
 * cb_file_follower_get_offset:
 *
 * Returns: how many bytes of the file have been read
 */
guint64
cb_file_follower_get_offset (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), 0);
  return self->offset;
}

guint64
cb_file_follower_get_n_lines (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), 0);
  return self->n_lines;
}

guint
cb_file_follower_get_n_problems (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), 0);
  return self->n_problems;
}

double
cb_file_follower_get_progress (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), -1);
  return cb_progress_get_fraction (self->progress);
}

const char *
cb_file_follower_get_progress_text (CbFileFollower *self)
{
  g_return_val_if_fail (CB_IS_FILE_FOLLOWER (self), NULL);
  return cb_progress_get_label (self->progress);
}
