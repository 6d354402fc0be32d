/* cb-checkpoint-scanner.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-checkpoint-scanner.h"

/**
 * CbCheckpointScanner:
 *
 * Lists folders for a checkpoint model on worker threads, each watched
 * first when the owner asks (so that what changes after its listing is
 * reported, and so that the inotify work is spread over the listing
 * threads rather than done on the owner's). Results travel
 * back through one queue, the outbox, for all jobs and for the monitor
 * events the model's monitors report from their own threads. The outbox is
 * drained on the owner's main context by one idle source at a time, a
 * batch per dispatch, so that a scan of 100,000 checkpoints arrives in
 * pieces the main loop can show between. The last message of a job says
 * it is over.
 *
 * The owner is held weakly: results that arrive after it is gone are
 * dropped. Queued jobs hold the scanner, so the owner calls
 * cb_checkpoint_scanner_cancel() when it goes.
 */

#define BATCH_SIZE        4096 /* items per dispatch on the owner's context */
#define PARTIAL_SIZE      1024 /* items per message from a worker, and per handing over */
#define HANDOVER_RESULTS  64   /* folders' results a worker hands over together */
#define MAX_RUNNING_JOBS  2    /* listing threads, so as not to starve the main thread */

struct _CbCheckpointScanner
{
  /* Read-only after creation */
  GWeakRef              owner;
  GMainContext         *context;
  char                 *root;
  CbCheckpointPatterns *patterns;
  CbScanResultFunc      on_result;
  CbScanCommitFunc      on_commit;

  /* Any thread */
  GAsyncQueue          *results; /* CbScanResult */
  int                   drain_scheduled;

  /* The owner's context only */
  GCancellable         *cancellable;
  guint                 jobs_in_flight; /* waiting or running */
  guint                 jobs_running;
  GQueue                waiting_jobs;   /* Job */
};

typedef struct
{
  CbCheckpointScanner *scanner;
  GArray              *dirs; /* CbScanDir */
  guint64              start_gen;

  /* Worker side */
  CbScanResult        *current;
  GPtrArray           *gathered;   /* CbScanResult, not handed over yet */
  guint                gathered_items;
  char                *experiment; /* the last one made, a GRefString */
} Job;

static void push_result (CbCheckpointScanner *self,
                         CbScanResult        *r);

void
cb_checkpoint_scan_subdir_clear (gpointer data)
{
  g_free (((CbScanSubdir *)data)->name);
}

void
cb_checkpoint_scan_dir_clear (gpointer data)
{
  g_free (((CbScanDir *)data)->path);
}

static void
result_free (CbScanResult *r)
{
  g_free (r->path);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_clear_pointer (&r->subdirs, g_array_unref);
  g_free (r->message);
  g_clear_pointer (&r->monitor, cb_monitor_free);
  g_free (r);
}

static CbScanResult *
result_new (CbScanKind  kind,
            guint64     start_gen,
            const char *path,
            guint64     serial)
{
  CbScanResult *r = g_new0 (CbScanResult, 1);

  r->kind = kind;
  r->start_gen = start_gen;
  r->path = g_strdup (path);
  r->serial = serial;
  if (kind == CB_SCAN_PART || kind == CB_SCAN_DONE)
    {
      r->items = g_ptr_array_new_with_free_func (cb_checkpoint_entry_free);
      r->subdirs = g_array_new (FALSE, FALSE, sizeof (CbScanSubdir));
      g_array_set_clear_func (r->subdirs, cb_checkpoint_scan_subdir_clear);
    }
  return r;
}

static void
scanner_clear (gpointer data)
{
  CbCheckpointScanner *self = data;
  CbScanResult *r;

  g_assert (self->waiting_jobs.length == 0);

  g_weak_ref_clear (&self->owner);
  g_main_context_unref (self->context);
  g_free (self->root);
  cb_checkpoint_patterns_unref (self->patterns);
  while ((r = g_async_queue_try_pop (self->results)) != NULL)
    result_free (r);
  g_async_queue_unref (self->results);
  g_object_unref (self->cancellable);
}

/**
 * cb_checkpoint_scanner_new:
 * @owner: the object the results are for, held weakly
 * @root: (type filename): the folder the listed paths are relative to
 * @on_result: called for each result on the thread-default main context
 * @on_commit: called after each batch of results
 */
CbCheckpointScanner *
cb_checkpoint_scanner_new (GObject              *owner,
                           const char           *root,
                           CbCheckpointPatterns *patterns,
                           CbScanResultFunc      on_result,
                           CbScanCommitFunc      on_commit)
{
  CbCheckpointScanner *self = g_atomic_rc_box_new0 (CbCheckpointScanner);

  g_weak_ref_init (&self->owner, owner);
  self->context = g_main_context_ref_thread_default ();
  self->root = g_strdup (root);
  self->patterns = cb_checkpoint_patterns_ref (patterns);
  self->on_result = on_result;
  self->on_commit = on_commit;
  self->results = g_async_queue_new ();
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->waiting_jobs);

  return self;
}

CbCheckpointScanner *
cb_checkpoint_scanner_ref (CbCheckpointScanner *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
cb_checkpoint_scanner_unref (CbCheckpointScanner *self)
{
  g_atomic_rc_box_release_full (self, scanner_clear);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  cb_checkpoint_scanner_unref (job->scanner);
  g_array_unref (job->dirs);
  g_clear_pointer (&job->current, result_free);
  for (guint i = 0; i < job->gathered->len; i++)
    result_free (g_ptr_array_index (job->gathered, i));
  g_ptr_array_unref (job->gathered);
  g_clear_pointer (&job->experiment, g_ref_string_release);
  g_free (job);
}

/**
 * cb_checkpoint_scanner_cancel:
 *
 * Stops the running jobs at their next folder and drops the waiting ones.
 */
void
cb_checkpoint_scanner_cancel (CbCheckpointScanner *self)
{
  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->waiting_jobs, job_free);
}

/* On a monitor thread: a monitor's events join the results */
static void
on_monitor_event (const char *path,
                  gpointer    user_data)
{
  cb_checkpoint_scanner_push_event (user_data, path);
}

static void
scanner_unref (gpointer scanner)
{
  cb_checkpoint_scanner_unref (scanner);
}

/* On a worker thread */
static void
watch_dir (CbCheckpointScanner *self,
           CbScanDir           *dir,
           CbScanResult        *r)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (folders, cb_checkpoint_absolute_path (self->root, dir->path));
  r->watched = TRUE;
  cb_monitor_pool_watch (folders, on_monitor_event, cb_checkpoint_scanner_ref (self), scanner_unref,
                         &r->monitor);
}

/* On a worker thread: the results gathered so far go to the owner. Folders
 * hold 50 checkpoints or so: handing each over on its own woke the
 * owner's main loop 2,000 times in a scan of 100,000.
 */
static void
hand_over (Job *job)
{
  for (guint i = 0; i < job->gathered->len; i++)
    push_result (job->scanner, g_ptr_array_index (job->gathered, i));
  g_ptr_array_set_size (job->gathered, 0);
  job->gathered_items = 0;
}

static void
post (Job          *job,
      CbScanResult *r)
{
  g_ptr_array_add (job->gathered, r);
  job->gathered_items += r->items != NULL ? r->items->len : 0;
  if (job->gathered_items >= PARTIAL_SIZE || job->gathered->len >= HANDOVER_RESULTS)
    hand_over (job);
}

/* On a worker thread */
static void
on_listed (const char        *relative,
           const char        *name,
           int                glob,
           guint64            child_mask,
           const struct stat *st,
           gpointer           user_data)
{
  Job *job = user_data;
  CbScanResult *r = job->current;

  if (glob >= 0)
    {
      g_ptr_array_add (r->items, cb_checkpoint_patterns_make_entry (job->scanner->patterns,
                                                                    relative, glob, st, &job->experiment));
      if (r->items->len >= PARTIAL_SIZE)
        {
          CbScanResult *next = result_new (CB_SCAN_PART, job->start_gen, r->path, r->serial);

          post (job, r);
          job->current = next;
        }
    }
  else
    {
      CbScanSubdir sub = { g_strdup (name), child_mask, st->st_dev, st->st_ino };

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
  CbCheckpointScanner *scanner = job->scanner;

  for (guint i = 0; i < job->dirs->len; i++)
    {
      CbScanDir *dir = &g_array_index (job->dirs, CbScanDir, i);
      g_autoptr(GError) error = NULL;
      CbScanResult *r;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      job->current = result_new (CB_SCAN_PART, job->start_gen, dir->path, dir->serial);
      r = job->current;
      if (dir->watch)
        watch_dir (scanner, dir, r);
      r->status = cb_checkpoint_patterns_list_dir (scanner->patterns, scanner->root, dir->path,
                                                   dir->mask, on_listed, job, &error);
      r = g_steal_pointer (&job->current);
      r->kind = CB_SCAN_DONE;
      if (error != NULL)
        r->message = g_strdup (error->message);
      post (job, r);
    }

  post (job, result_new (CB_SCAN_END, job->start_gen, NULL, 0));
  hand_over (job);
  g_task_return_boolean (task, TRUE);
}

static void
run_job (CbCheckpointScanner *self,
         Job                 *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, NULL, NULL);

  self->jobs_running++;
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/**
 * cb_checkpoint_scanner_list:
 * @dirs: (element-type CbScanDir): the folders to list, in order
 * @start_gen: the owner's generation, given back with the results
 *
 * Lists the folders of @dirs on a worker thread, or once one is free.
 */
void
cb_checkpoint_scanner_list (CbCheckpointScanner *self,
                            GArray              *dirs,
                            guint64              start_gen)
{
  Job *job = g_new0 (Job, 1);

  job->scanner = cb_checkpoint_scanner_ref (self);
  job->dirs = g_array_ref (dirs);
  job->gathered = g_ptr_array_new ();
  job->start_gen = start_gen;

  self->jobs_in_flight++;
  if (self->jobs_running < MAX_RUNNING_JOBS)
    run_job (self, job);
  else
    g_queue_push_tail (&self->waiting_jobs, job);
}

/**
 * cb_checkpoint_scanner_get_busy:
 *
 * Returns: whether a job is waiting or running, or its results have not
 *   all been handed over yet
 */
gboolean
cb_checkpoint_scanner_get_busy (CbCheckpointScanner *self)
{
  return self->jobs_in_flight > 0;
}

static guint
handle_result (CbCheckpointScanner *self,
               gpointer             owner,
               CbScanResult        *r)
{
  if (r->kind == CB_SCAN_END)
    {
      g_assert (self->jobs_in_flight > 0 && self->jobs_running > 0);
      self->jobs_running--;
      self->jobs_in_flight--;
      if (self->waiting_jobs.length > 0)
        run_job (self, g_queue_pop_head (&self->waiting_jobs));
    }

  return self->on_result (owner, r);
}

static gboolean
drain_results (gpointer user_data)
{
  CbCheckpointScanner *self = user_data;
  g_autoptr(GObject) owner = g_weak_ref_get (&self->owner);
  guint budget = 0;
  CbScanResult *r;

  /* Nobody to take them: what the results hold goes, monitors included */
  if (owner == NULL)
    {
      g_atomic_int_set (&self->drain_scheduled, FALSE);
      while ((r = g_async_queue_try_pop (self->results)) != NULL)
        result_free (r);
      return G_SOURCE_REMOVE;
    }

  while (budget < BATCH_SIZE && (r = g_async_queue_try_pop (self->results)) != NULL)
    {
      budget += handle_result (self, owner, r);
      result_free (r);
    }
  self->on_commit (owner);

  /* One source at a time: a second one would run in the same main loop
   * iteration, and the batches would add up
   */
  if (budget >= BATCH_SIZE)
    return G_SOURCE_CONTINUE;
  g_atomic_int_set (&self->drain_scheduled, FALSE);
  if (g_async_queue_length (self->results) > 0 &&
      g_atomic_int_compare_and_exchange (&self->drain_scheduled, FALSE, TRUE))
    return G_SOURCE_CONTINUE;
  return G_SOURCE_REMOVE;
}

static void
drain_unref (gpointer data)
{
  cb_checkpoint_scanner_unref (data);
}

/* Any thread */
static void
push_result (CbCheckpointScanner *self,
             CbScanResult        *r)
{
  g_async_queue_push (self->results, r);

  if (g_atomic_int_compare_and_exchange (&self->drain_scheduled, FALSE, TRUE))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, drain_results, cb_checkpoint_scanner_ref (self), drain_unref);
      g_source_set_static_name (source, "[cb] checkpoint listing");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/**
 * cb_checkpoint_scanner_push_event:
 * @path: (type filename): the absolute path a monitor named
 *
 * Queues a monitor event behind the results already queued, from any
 * thread.
 */
void
cb_checkpoint_scanner_push_event (CbCheckpointScanner *self,
                                  const char          *path)
{
  push_result (self, result_new (CB_SCAN_EVENT, 0, path, 0));
}
