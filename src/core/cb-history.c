/* cb-history.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-confined-dir.h"
#include "cb-error.h"
#include "cb-history.h"
#include "cb-slurm-job.h"

/**
 * CbHistoryRecord:
 *
 * One past run: its id, command, page, start, duration, result, log file
 * and the form's values, kept as one `a{sv}`.
 */
struct _CbHistoryRecord
{
  GObject   parent_instance;

  GVariant *data;
  char    **argv;
  char      id[CB_HISTORY_ID_LENGTH + 1];
};

G_DEFINE_FINAL_TYPE (CbHistoryRecord, cb_history_record, G_TYPE_OBJECT)

static void
cb_history_record_finalize (GObject *object)
{
  g_clear_pointer (&CB_HISTORY_RECORD (object)->data, g_variant_unref);
  g_strfreev (CB_HISTORY_RECORD (object)->argv);

  G_OBJECT_CLASS (cb_history_record_parent_class)->finalize (object);
}

static void
cb_history_record_class_init (CbHistoryRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_history_record_finalize;
}

static void
cb_history_record_init (CbHistoryRecord *self)
{
}

/* The id of a record written before records had one: from its contents,
 * which its line keeps as they are, so that it is the same at every load
 */
static void
derive_id (GVariant *data,
           char     *id)
{
  g_autofree char *text = g_variant_print (data, TRUE);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  memcpy (id, hash, CB_HISTORY_ID_LENGTH);
  id[CB_HISTORY_ID_LENGTH] = '\0';
}

static gboolean
is_id (const char *text)
{
  if (strlen (text) != CB_HISTORY_ID_LENGTH)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static CbHistoryRecord *
record_new (GVariant *data)
{
  CbHistoryRecord *self = g_object_new (CB_TYPE_HISTORY_RECORD, NULL);
  g_autoptr(GVariant) argv = NULL;
  const char *id = NULL;

  self->data = g_variant_ref_sink (data);
  argv = g_variant_lookup_value (self->data, "argv", G_VARIANT_TYPE_STRING_ARRAY);
  self->argv = argv ? g_variant_dup_strv (argv, NULL) : g_new0 (char *, 1);
  if (g_variant_lookup (self->data, "id", "&s", &id) && is_id (id))
    memcpy (self->id, id, CB_HISTORY_ID_LENGTH + 1);
  else
    derive_id (self->data, self->id);
  return self;
}

/**
 * cb_history_state_name:
 *
 * Returns: how the history file names @state: `succeeded`, `failed`,
 *   `stopped`, `error`, or `running` for a job it has not seen end
 */
const char *
cb_history_state_name (CbRunState state)
{
  switch (state)
    {
    case CB_RUN_STATE_SUCCEEDED: return "succeeded";
    case CB_RUN_STATE_FAILED: return "failed";
    case CB_RUN_STATE_STOPPED: return "stopped";
    case CB_RUN_STATE_ERROR: return "error";
    case CB_RUN_STATE_NEW:
    case CB_RUN_STATE_RUNNING:
    default: return "running";
    }
}

/**
 * cb_history_record_new:
 * @data: (transfer none): an `a{sv}` with the keys a run's record has
 *   (`argv`, `schema`, `start`, `duration`, `state`, …), and for a Slurm
 *   job `job` (cb_slurm_job_to_variant()), `slurm` and `script`
 *
 * Returns: (transfer full): the record, as a line of the history file
 *   holds it
 */
CbHistoryRecord *
cb_history_record_new (GVariant *data)
{
  g_return_val_if_fail (data != NULL && g_variant_is_of_type (data, G_VARIANT_TYPE_VARDICT), NULL);

  return record_new (data);
}

/**
 * cb_history_record_new_from_run:
 * @values: (nullable): the form's values at the time, an `a{sv}`
 *
 * Returns: (transfer full): the record of a finished run, with an id of
 *   its own
 */
CbHistoryRecord *
cb_history_record_new_from_run (CbRun    *run,
                                GVariant *values)
{
  g_autoptr(GVariant) data = NULL;
  char id[CB_HISTORY_ID_LENGTH + 1];
  GVariantDict dict;

  g_return_val_if_fail (CB_IS_RUN (run), NULL);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, "argv", g_variant_new_strv (cb_run_get_argv (run), -1));
  g_variant_dict_insert (&dict, "schema", "s", cb_run_get_schema_id (run));
  g_variant_dict_insert (&dict, "start", "x", cb_run_get_start_time (run));
  g_variant_dict_insert (&dict, "duration", "x", cb_run_get_elapsed (run));
  g_variant_dict_insert (&dict, "state", "s", cb_history_state_name (cb_run_get_state (run)));
  g_variant_dict_insert (&dict, "exit-status", "i", cb_run_get_exit_status (run));
  g_variant_dict_insert (&dict, "signal", "i", cb_run_get_term_signal (run));
  if (cb_run_get_log_path (run) != NULL)
    g_variant_dict_insert (&dict, "log", "s", cb_run_get_log_path (run));
  if (values != NULL)
    g_variant_dict_insert_value (&dict, "values", values);

  /* Kept in the file: the id stays whatever a later version prints */
  data = g_variant_ref_sink (g_variant_dict_end (&dict));
  derive_id (data, id);
  g_variant_dict_init (&dict, data);
  g_variant_dict_insert (&dict, "id", "s", id);
  return record_new (g_variant_dict_end (&dict));
}

/**
 * cb_history_record_get_id:
 *
 * Returns: the run's id: %CB_HISTORY_ID_LENGTH lowercase hexadecimal
 *   digits, the same every time the history is read, that `--history`
 *   lists and `--diff` and `--metrics` take
 */
const char *
cb_history_record_get_id (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return self->id;
}

const char * const *
cb_history_record_get_argv (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);

  return (const char * const *)self->argv;
}

static const char *
lookup_string (CbHistoryRecord *self,
               const char      *key)
{
  const char *value = NULL;

  g_variant_lookup (self->data, key, "&s", &value);
  return value;
}

static gint64
lookup_int64 (CbHistoryRecord *self,
              const char      *key)
{
  gint64 value = 0;

  g_variant_lookup (self->data, key, "x", &value);
  return value;
}

const char *
cb_history_record_get_schema_id (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return lookup_string (self, "schema");
}

gint64
cb_history_record_get_start_time (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), 0);
  return lookup_int64 (self, "start");
}

gint64
cb_history_record_get_duration (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), 0);
  return lookup_int64 (self, "duration");
}

CbRunState
cb_history_record_get_state (CbHistoryRecord *self)
{
  const char *state;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), CB_RUN_STATE_ERROR);

  state = lookup_string (self, "state");
  /* A job the history has not seen end */
  if (g_strcmp0 (state, "running") == 0)
    return CB_RUN_STATE_RUNNING;
  for (CbRunState s = CB_RUN_STATE_SUCCEEDED; s <= CB_RUN_STATE_ERROR; s++)
    if (g_strcmp0 (state, cb_history_state_name (s)) == 0)
      return s;
  return CB_RUN_STATE_ERROR;
}

int
cb_history_record_get_exit_status (CbHistoryRecord *self)
{
  int value = 0;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), 0);
  g_variant_lookup (self->data, "exit-status", "i", &value);
  return value;
}

int
cb_history_record_get_term_signal (CbHistoryRecord *self)
{
  int value = 0;

  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), 0);
  g_variant_lookup (self->data, "signal", "i", &value);
  return value;
}

/**
 * cb_history_record_get_log_path:
 *
 * Returns: (nullable): the run's log file
 */
const char *
cb_history_record_get_log_path (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return lookup_string (self, "log");
}

/**
 * cb_history_record_get_values:
 *
 * Returns: (transfer full) (nullable): the form's values, an `a{sv}`
 */
GVariant *
cb_history_record_get_values (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return g_variant_lookup_value (self->data, "values", G_VARIANT_TYPE_VARDICT);
}

/**
 * cb_history_record_get_job:
 *
 * Returns: (transfer full) (nullable): the Slurm job of the record, as
 *   cb_slurm_job_to_variant() gives it, or %NULL for a run on this
 *   computer
 */
GVariant *
cb_history_record_get_job (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return g_variant_lookup_value (self->data, "job", G_VARIANT_TYPE_VARDICT);
}

/**
 * cb_history_record_get_job_id:
 *
 * Returns: (nullable): the id of the record's Slurm job
 */
const char *
cb_history_record_get_job_id (CbHistoryRecord *self)
{
  g_autoptr(GVariant) job = cb_history_record_get_job (self);
  const char *id = NULL;

  /* The string lives as long as the record's data */
  if (job == NULL || !g_variant_lookup (job, "id", "&s", &id))
    return NULL;
  return id;
}

/**
 * cb_history_record_get_slurm_values:
 *
 * Returns: (transfer full) (nullable): where the page ran and its Slurm
 *   values (cb_slurm_form_get_values()), for a job
 */
GVariant *
cb_history_record_get_slurm_values (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return g_variant_lookup_value (self->data, "slurm", G_VARIANT_TYPE_VARDICT);
}

/**
 * cb_history_record_get_data:
 *
 * Returns: (transfer none): the whole record, an `a{sv}`
 */
GVariant *
cb_history_record_get_data (CbHistoryRecord *self)
{
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (self), NULL);
  return self->data;
}

/* A job says how it ended in Slurm's words */
static char *
job_summary (CbHistoryRecord *self)
{
  g_autoptr(GVariant) variant = cb_history_record_get_job (self);
  g_autoptr(CbSlurmJob) job = variant ? cb_slurm_job_new_from_variant (variant, NULL) : NULL;
  g_autofree char *status = NULL;

  if (job == NULL)
    return NULL;
  status = cb_slurm_job_get_status_text (job);
  /* Translators: a Slurm job's id, then its state in words */
  return g_strdup_printf (_("Job %s: %s"), cb_slurm_job_get_id (job), status);
}

/**
 * cb_history_record_get_summary:
 *
 * Returns: (transfer full): how the run ended, as a user reads it
 */
char *
cb_history_record_get_summary (CbHistoryRecord *self)
{
  g_autofree char *duration = NULL;
  char *job = job_summary (self);

  if (job != NULL)
    return job;
  duration = cb_run_format_duration (cb_history_record_get_duration (self));

  switch (cb_history_record_get_state (self))
    {
    case CB_RUN_STATE_SUCCEEDED:
      return g_strdup_printf (_("Succeeded in %s"), duration);
    case CB_RUN_STATE_STOPPED:
      return g_strdup_printf (_("Stopped after %s"), duration);
    case CB_RUN_STATE_FAILED:
      if (cb_history_record_get_term_signal (self) != 0)
        return g_strdup_printf (_("Killed by signal %d after %s"),
                                cb_history_record_get_term_signal (self), duration);
      return g_strdup_printf (_("Failed with exit code %d after %s"),
                              cb_history_record_get_exit_status (self), duration);
    case CB_RUN_STATE_ERROR:
    case CB_RUN_STATE_NEW:
    case CB_RUN_STATE_RUNNING:
    default:
      return g_strdup (_("Could not start"));
    }
}

/**
 * CbHistory:
 *
 * The runs of a project, newest first, as a #GListModel of
 * #CbHistoryRecord. They are kept one per line, in the GVariant text
 * format, in `<outputs>/.cmdbuilder/history`, or in the user data folder
 * when the outputs folder cannot be written, or when a symbolic link there
 * would lead the writes out of the project. Adding a run appends a line.
 */
struct _CbHistory
{
  GObject     parent_instance;

  char       *root;
  char       *outputs_dir;
  char       *path;
  char       *fallback;
  gboolean    fell_back;
  GListStore *records;
};

static void cb_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbHistory, cb_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cb_history_list_model_init))

static GType
cb_history_get_item_type (GListModel *model)
{
  return CB_TYPE_HISTORY_RECORD;
}

static guint
cb_history_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CB_HISTORY (model)->records));
}

static gpointer
cb_history_get_item (GListModel *model,
                     guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CB_HISTORY (model)->records), position);
}

static void
cb_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cb_history_get_item_type;
  iface->get_n_items = cb_history_get_n_items;
  iface->get_item = cb_history_get_item;
}

static void
cb_history_finalize (GObject *object)
{
  CbHistory *self = CB_HISTORY (object);

  g_free (self->outputs_dir);
  g_free (self->path);
  g_free (self->fallback);
  g_free (self->root);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (cb_history_parent_class)->finalize (object);
}

static void
cb_history_class_init (CbHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_history_finalize;
}

static void
on_records_changed (CbHistory *self,
                    guint      position,
                    guint      removed,
                    guint      added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
cb_history_init (CbHistory *self)
{
  self->records = g_list_store_new (CB_TYPE_HISTORY_RECORD);
  g_signal_connect_swapped (self->records, "items-changed", G_CALLBACK (on_records_changed), self);
}

/**
 * cb_history_new:
 *
 * Returns: (transfer full): the history of the project in @project_root,
 *   empty until cb_history_load()
 */
CbHistory *
cb_history_new (const char *outputs_dir,
                const char *project_root)
{
  CbHistory *self = g_object_new (CB_TYPE_HISTORY, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, project_root, -1);

  hash[16] = '\0';
  self->root = g_strdup (project_root);
  self->outputs_dir = g_strdup (outputs_dir);
  self->path = g_build_filename (outputs_dir, ".cmdbuilder", "history", NULL);
  self->fallback = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "history", hash, NULL);

  return self;
}

/**
 * cb_history_get_path:
 *
 * Returns: the file the history is kept in
 */
const char *
cb_history_get_path (CbHistory *self)
{
  g_return_val_if_fail (CB_IS_HISTORY (self), NULL);
  return self->fell_back ? self->fallback : self->path;
}

gboolean
cb_history_get_fell_back (CbHistory *self)
{
  g_return_val_if_fail (CB_IS_HISTORY (self), FALSE);
  return self->fell_back;
}

/* One record a line. A line torn by a crash (cut short, or followed by
 * the zeros a file system may leave after a crash) is skipped; so is a NUL,
 * which ends a line too, so that records after one still load. */
static void
read_file (const char *path,
           GPtrArray  *records)
{
  g_autofree char *contents = NULL;
  gsize length;
  const char *end;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;

  end = contents + length;
  for (char *line = contents; line < end;)
    {
      char *stop = line;
      g_autoptr(GVariant) data = NULL;

      while (stop < end && *stop != '\n' && *stop != '\0')
        stop++;
      *stop = '\0';

      if (stop > line)
        data = g_variant_parse (G_VARIANT_TYPE_VARDICT, line, stop, NULL, NULL);
      if (data != NULL)
        g_ptr_array_add (records, record_new (g_steal_pointer (&data)));
      line = stop + 1;
    }
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = cb_history_record_get_start_time (*(CbHistoryRecord **)a);
  gint64 y = cb_history_record_get_start_time (*(CbHistoryRecord **)b);

  return x > y ? -1 : x < y ? 1 : 0;
}

/* A job is written again as its state changes: its last line is what it
 * is now
 */
static void
keep_last_of_jobs (GPtrArray *records)
{
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < records->len; i++)
    {
      const char *id = cb_history_record_get_job_id (g_ptr_array_index (records, i));

      if (id != NULL)
        g_hash_table_insert (last, (char *)id, g_ptr_array_index (records, i));
    }

  for (guint i = records->len; i-- > 0;)
    {
      CbHistoryRecord *record = g_ptr_array_index (records, i);
      const char *id = cb_history_record_get_job_id (record);

      if (id != NULL && g_hash_table_lookup (last, id) != record)
        g_ptr_array_remove_index (records, i);
    }
}

/**
 * cb_history_load:
 *
 * Reads the history file (and the fallback one), keeping the newest
 * %CB_HISTORY_MAX_RECORDS runs.
 */
void
cb_history_load (CbHistory *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CB_IS_HISTORY (self));

  read_file (self->path, records);
  read_file (self->fallback, records);
  keep_last_of_jobs (records);
  g_ptr_array_sort (records, compare_newest_first);
  if (records->len > CB_HISTORY_MAX_RECORDS)
    g_ptr_array_set_size (records, CB_HISTORY_MAX_RECORDS);

  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)),
                       records->pdata, records->len);
}

static gboolean
write_error (const char  *path,
             GError     **error)
{
  int saved_errno = errno;

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("%s: cannot write: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* One write() a record, appended: records of two processes never mix. A
 * file that does not end with a newline (a line torn by a crash) gets one
 * first, so that the torn line does not swallow this one. */
static gboolean
append_line (const char  *path,
             const char  *line,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GString) record = g_string_new (NULL);
  struct stat st;
  char last = '\n';
  int fd;

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("%s: cannot create the folder: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  /* Not through a symbolic link: the file may come with the project */
  fd = g_open (path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    return write_error (path, error);

  if (fstat (fd, &st) == 0 && st.st_size > 0 && pread (fd, &last, 1, st.st_size - 1) != 1)
    last = '\n';
  if (last != '\n')
    g_string_append_c (record, '\n');
  g_string_append (record, line);
  g_string_append_c (record, '\n');

  for (gsize done = 0; done < record->len;)
    {
      ssize_t n = write (fd, record->str + done, record->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          write_error (path, error);
          close (fd);
          return FALSE;
        }
      done += n;
    }

  if (close (fd) != 0)
    return write_error (path, error);
  return TRUE;
}

/* @path with every symlink resolved, or NULL */
static char *
resolve (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy = resolved ? g_strdup (resolved) : NULL;

  free (resolved);
  return copy;
}

static gboolean
is_inside (const char *path,
           const char *folder)
{
  g_autofree char *resolved = resolve (folder);

  return resolved != NULL && g_str_has_prefix (path, resolved) &&
         path[strlen (resolved)] == G_DIR_SEPARATOR;
}

static char *resolve_log (CbHistory   *self,
                          const char  *path,
                          GError     **error);

/**
 * cb_history_resolve_log:
 *
 * Checks that the log of @record may be opened: a history file comes with
 * the project folder, and someone else's project could name any file of
 * the user's as a log. Only a `.log` file under the project's outputs
 * folder (or the user data folder the app writes logs to when that cannot
 * be written), once every symlink is resolved, passes.
 *
 * Returns: (transfer full) (nullable): the log's resolved path, or %NULL
 *   with @error saying why it is not opened
 */
char *
cb_history_resolve_log (CbHistory        *self,
                        CbHistoryRecord  *record,
                        GError          **error)
{
  const char *path;

  g_return_val_if_fail (CB_IS_HISTORY (self), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  path = cb_history_record_get_log_path (record);
  if (path == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The run has no log."));
      return NULL;
    }

  return resolve_log (self, path, error);
}

/**
 * cb_history_resolve_task_log:
 * @record: the record of a Slurm job array
 * @task_id: one of its tasks
 *
 * Checks that the log of a task of the array may be opened, as
 * cb_history_resolve_log() does.
 *
 * Returns: (transfer full) (nullable): the log's resolved path, or %NULL
 *   with @error saying why it is not opened
 */
char *
cb_history_resolve_task_log (CbHistory        *self,
                             CbHistoryRecord  *record,
                             int               task_id,
                             GError          **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(CbSlurmJob) job = NULL;
  g_autofree char *path = NULL;
  CbSlurmJob *task;

  g_return_val_if_fail (CB_IS_HISTORY (self), NULL);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), NULL);

  variant = cb_history_record_get_job (record);
  job = variant ? cb_slurm_job_new_from_variant (variant, NULL) : NULL;
  task = job ? cb_slurm_job_get_task (job, task_id) : NULL;
  if (task == NULL || (path = cb_slurm_job_get_output_path (task)) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The task has no log."));
      return NULL;
    }

  return resolve_log (self, path, error);
}

/* The checks of cb_history_resolve_log() */
static char *
resolve_log (CbHistory   *self,
             const char  *path,
             GError     **error)
{
  g_autofree char *fallback = NULL;
  g_autofree char *resolved = NULL;
  GStatBuf st;

  resolved = g_path_is_absolute (path) ? resolve (path) : NULL;
  if (resolved == NULL || g_stat (resolved, &st) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The log %s no longer exists."), path);
      return NULL;
    }

  fallback = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "runs", NULL);
  if (!is_inside (resolved, self->outputs_dir) && !is_inside (resolved, fallback))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("%s is not in the project’s outputs folder %s, so it is not opened: the "
                     "history may come from someone else’s project."), path, self->outputs_dir);
      return NULL;
    }

  if (!S_ISREG (st.st_mode) || !g_str_has_suffix (resolved, ".log"))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("%s is not a run’s log file, so it is not opened."), path);
      return NULL;
    }

  return g_steal_pointer (&resolved);
}

/* The history's folder, made inside the project: no symbolic link on
 * the way may lead the writes out of it (see cb-confined-dir.c)
 */
static gboolean
ensure_folder (CbHistory  *self,
               GError    **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *made = NULL;

  if (!g_str_has_prefix (folder, self->root) || folder[strlen (self->root)] != '/')
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID, _("%s is not inside the project folder"), folder);
      return FALSE;
    }

  made = cb_confined_dir_ensure (self->root, folder + strlen (self->root) + 1, error);
  return made != NULL;
}

/**
 * cb_history_lookup:
 * @id: a run's id (cb_history_record_get_id()), or its first
 *   %CB_HISTORY_ID_MIN_PREFIX digits or more when no other run's id starts
 *   with them
 *
 * Returns: (transfer full) (nullable): the run; %NULL with a
 *   %CB_ERROR_NOT_FOUND error when no run has that id, or a
 *   %CB_ERROR_INVALID one when several do
 */
CbHistoryRecord *
cb_history_lookup (CbHistory   *self,
                   const char  *id,
                   GError     **error)
{
  GListModel *records;
  g_autoptr(CbHistoryRecord) found = NULL;
  guint n_found = 0;
  gsize length;

  g_return_val_if_fail (CB_IS_HISTORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  records = G_LIST_MODEL (self->records);
  length = strlen (id);
  for (guint i = 0; length >= CB_HISTORY_ID_MIN_PREFIX && i < g_list_model_get_n_items (records);
       i++)
    {
      g_autoptr(CbHistoryRecord) record = g_list_model_get_item (records, i);

      if (strncmp (record->id, id, length) == 0 && n_found++ == 0)
        found = g_steal_pointer (&record);
    }

  if (n_found == 1)
    return g_steal_pointer (&found);
  if (n_found == 0)
    g_set_error (error, CB_ERROR, CB_ERROR_NOT_FOUND,
                 _("No run of the history has the id “%s”."), id);
  else
    g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                 _("Several runs of the history have an id that starts with “%s”."), id);
  return NULL;
}

static gboolean
append_record (CbHistory        *self,
               CbHistoryRecord  *record,
               GError          **error)
{
  g_autofree char *line = g_variant_print (record->data, TRUE);

  if (!self->fell_back && ensure_folder (self, NULL) && append_line (self->path, line, NULL))
    return TRUE;

  /* The outputs folder cannot be written: the user's data folder then */
  self->fell_back = TRUE;
  return append_line (self->fallback, line, error);
}

/**
 * cb_history_add:
 *
 * Records a run: it comes first in the model, and is appended to the file.
 *
 * Returns: whether it was written
 */
gboolean
cb_history_add (CbHistory        *self,
                CbHistoryRecord  *record,
                GError          **error)
{
  g_return_val_if_fail (CB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), FALSE);

  g_list_store_insert (self->records, 0, record);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) > CB_HISTORY_MAX_RECORDS)
    g_list_store_remove (self->records, CB_HISTORY_MAX_RECORDS);

  return append_record (self, record, error);
}

/**
 * cb_history_update:
 * @record: the record of a Slurm job, as it is now
 *
 * Records a job anew as its state changes: it replaces the job's record
 * in the model, where it was, or comes first; and a line is appended to
 * the file, whose last line of a job is the one that counts.
 *
 * Returns: whether it was written
 */
gboolean
cb_history_update (CbHistory        *self,
                   CbHistoryRecord  *record,
                   GError          **error)
{
  const char *id;
  guint n;

  g_return_val_if_fail (CB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (CB_IS_HISTORY_RECORD (record), FALSE);

  id = cb_history_record_get_job_id (record);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(CbHistoryRecord) old = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      if (g_strcmp0 (cb_history_record_get_job_id (old), id) == 0)
        {
          g_list_store_splice (self->records, i, 1, (gpointer *)&record, 1);
          return append_record (self, record, error);
        }
    }

  return cb_history_add (self, record, error);
}
