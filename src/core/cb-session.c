/* cb-session.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-session-private.h"

/**
 * CbSession:
 *
 * A project as the app works on it: the project loaded from its folder,
 * one entry per schema file (its schema, or why the file cannot be used),
 * a form per schema made when first asked for, with its values kept in
 * GSettings, the history of runs, the runs of each form, and the offers
 * of the checkpoints they write.
 *
 * It keeps all that current on its own: forms follow their project's
 * sources and metadata; an edited schema file gives its form a new schema
 * (#CbSession::schema-changed), or problems while it has errors; an edited
 * project file, or a schema file added or removed, loads the project again
 * (#CbSession::reloaded), keeping the values, the history, the runs and
 * the offers. The window shows a session and forwards the user's actions
 * to it; the headless modes use one without a display.
 */
G_DEFINE_FINAL_TYPE (CbSession, cb_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (cb-session-error-quark, cb_session_error)

enum {
  RELOADED,
  SCHEMA_CHANGED,
  OFFER_CHANGED,
  RUN_FINISHED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Editors write in bursts: wait until they are done */
#define RECOVERY_MERGE_MS 100

static void
entry_free (gpointer data)
{
  CbSessionEntry *entry = data;

  /* The store writes what is pending as it goes */
  g_clear_object (&entry->store);
  g_clear_object (&entry->form);
  g_clear_object (&entry->schema);
  _cb_session_entry_drop_run (entry);
  _cb_session_entry_drop_job (entry);
  g_free (entry->problems);
  g_free (entry->path);
  g_free (entry->id);
  g_free (entry->label);
  g_free (entry);
}

CbSessionEntry *
_cb_session_get_entry (CbSession *self,
                       guint      index)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}

static void
cb_session_dispose (GObject *object)
{
  CbSession *self = CB_SESSION (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->offers != NULL)
    g_signal_handlers_disconnect_by_data (self->offers, self);
  g_ptr_array_set_size (self->entries, 0);
  g_clear_pointer (&self->recovery, cb_file_watch_free);
  _cb_session_jobs_dispose (self);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  g_clear_object (&self->offers);

  G_OBJECT_CLASS (cb_session_parent_class)->dispose (object);
}

static void
cb_session_finalize (GObject *object)
{
  CbSession *self = CB_SESSION (object);

  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->taken);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->folder);
  g_free (self->name);
  g_free (self->history_outputs);
  g_free (self->schemas_dir);
  /* Last: a log read for the session may end after its dispose */
  g_clear_pointer (&self->metrics, _cb_session_metrics_free);

  G_OBJECT_CLASS (cb_session_parent_class)->finalize (object);
}

static void
cb_session_class_init (CbSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_session_dispose;
  object_class->finalize = cb_session_finalize;

  /**
   * CbSession::reloaded:
   *
   * The project was loaded again: its schemas, their order and their
   * forms may differ, or it cannot be used any more
   * (cb_session_get_error()).
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CbSession::schema-changed:
   * @index: the schema file
   *
   * The file was edited: the entry has a new schema and, when it had one,
   * a new form with the values the user set; or the file has errors now
   * (cb_session_get_schema_problems()) and the last good form stays.
   */
  signals[SCHEMA_CHANGED] =
    g_signal_new ("schema-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * CbSession::offer-changed:
   * @index: the schema file whose form has another pending offer, or none
   */
  signals[OFFER_CHANGED] =
    g_signal_new ("offer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * CbSession::run-finished:
   * @run: a run of one of the forms, ended and recorded in the history
   */
  signals[RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_RUN);

  /**
   * CbSession::notice:
   * @message: a full sentence for the user, said once
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  _cb_session_jobs_class_init (object_class);
}

static void
on_pending_changed (CbSession  *self,
                    const char *schema_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (((CbSessionEntry *)g_ptr_array_index (self->entries, i))->id, schema_id) == 0)
      g_signal_emit (self, signals[OFFER_CHANGED], 0, i);
}

static void
cb_session_init (CbSession *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->offers = cb_offers_new ();
  g_signal_connect_object (self->offers, "pending-changed", G_CALLBACK (on_pending_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->offers, "taken", G_CALLBACK (_cb_session_offer_taken), self,
                           G_CONNECT_SWAPPED);
  self->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)cb_offer_unref);
}

/**
 * cb_session_new:
 * @folder: the project folder
 *
 * Returns: (transfer full): a session on @folder, not loaded yet
 */
CbSession *
cb_session_new (const char     *folder,
                CbSessionFlags  flags)
{
  CbSession *self;

  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (CB_TYPE_SESSION, NULL);
  self->folder = g_strdup (folder);
  self->flags = flags;
  self->name = g_path_get_basename (folder);
  return self;
}

/* Loading */

/* The project file, usable or not: why not is in @error. Loaded again
 * over @previous, it keeps what did not change (see cb_project_reload()).
 */
static CbProject *
open_project (CbSession  *self,
              CbProject  *previous,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autofree char *errors = NULL;

  if (previous != NULL)
    project = cb_project_reload (previous, &local_error);
  else
    project = cb_project_load (self->folder, &local_error);
  if (project == NULL)
    {
      g_set_error_literal (error, CB_SESSION_ERROR,
                           g_error_matches (local_error, CB_ERROR, CB_ERROR_NOT_FOUND)
                             ? CB_SESSION_ERROR_NOT_A_PROJECT : CB_SESSION_ERROR_PROJECT_FILE,
                           local_error->message);
      return NULL;
    }

  g_free (self->name);
  self->name = g_strdup (cb_project_get_name (project));
  self->diagnostics = g_ptr_array_ref (cb_project_get_diagnostics (project));
  if (cb_diagnostics_have_errors (self->diagnostics))
    {
      errors = cb_diagnostics_to_text (self->diagnostics, TRUE);
      g_set_error_literal (error, CB_SESSION_ERROR, CB_SESSION_ERROR_PROJECT_INVALID, errors);
      return NULL;
    }

  return g_steal_pointer (&project);
}

static CbSessionEntry *
load_entry (CbProject  *project,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSchema) schema = cb_project_load_schema (project, path, &error);
  CbSessionEntry *entry = g_new0 (CbSessionEntry, 1);

  entry->path = g_strdup (path);
  entry->id = schema ? g_strdup (cb_schema_get_id (schema)) : cb_schema_id_from_path (path);
  entry->label = g_strdup (schema ? cb_schema_get_label (schema) : entry->id);
  if (schema == NULL)
    entry->problems = g_strdup (error->message);
  else if (cb_schema_has_errors (schema))
    entry->problems = cb_diagnostics_to_text (cb_schema_get_diagnostics (schema), FALSE);
  else
    entry->schema = g_steal_pointer (&schema);

  return entry;
}

static void on_schema_file_changed   (CbSession  *self,
                                      const char *path);
static void on_project_file_changed  (CbSession  *self);
static void on_project_notice        (CbSession  *self,
                                      const char *message);

/* After the forms have seen the change (this runs after their handlers) */
static void
on_source_changed (CbSession  *self,
                   const char *name)
{
  if (cb_project_source_is_paths (self->project, name))
    _cb_session_offer_checkpoints (self);
}

static void
follow_project (CbSession *self)
{
  g_signal_connect_object (self->project, "source-changed", G_CALLBACK (on_source_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->project, "schema-changed", G_CALLBACK (on_schema_file_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project, "project-file-changed", G_CALLBACK (on_project_file_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project, "notice", G_CALLBACK (on_project_notice), self,
                           G_CONNECT_SWAPPED);
  if (self->flags & CB_SESSION_WATCH)
    cb_project_watch (self->project);
}

/* Drops the project and its forms; their values are written first */
static GPtrArray *
close_project (CbSession *self)
{
  GPtrArray *old_entries = g_steal_pointer (&self->entries);

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  for (guint i = 0; i < old_entries->len; i++)
    {
      CbSessionEntry *entry = g_ptr_array_index (old_entries, i);

      if (entry->store != NULL)
        cb_form_store_flush (entry->store);
    }
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_error (&self->error);

  return old_entries;
}

static gboolean
load (CbSession  *self,
      GError    **error)
{
  g_autoptr(CbProject) previous = self->project ? g_object_ref (self->project) : NULL;
  g_autoptr(GPtrArray) old_entries = close_project (self);
  g_autoptr(CbProject) project = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) local_error = NULL;

  if ((project = open_project (self, previous, error)) == NULL)
    return FALSE;
  g_free (self->schemas_dir);
  self->schemas_dir = g_strdup (cb_project_get_schemas_dir (project));

  files = cb_project_list_schema_files (project, &local_error);
  if (files == NULL)
    {
      g_set_error_literal (error, CB_SESSION_ERROR, CB_SESSION_ERROR_SCHEMAS_FOLDER, local_error->message);
      return FALSE;
    }
  if (files[0] == NULL)
    {
      g_set_error (error, CB_SESSION_ERROR, CB_SESSION_ERROR_NO_SCHEMAS,
                   _("%s has no .yaml files."), cb_project_get_schemas_dir (project));
      return FALSE;
    }

  /* The config tree first: no form reads files when it is made */
  cb_project_ensure_config (project);
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (self->entries, load_entry (project, files[i]));

  /* The history stays while the outputs folder does */
  if (g_strcmp0 (self->history_outputs, cb_project_get_outputs_dir (project)) != 0)
    g_clear_object (&self->history);

  self->project = g_steal_pointer (&project);
  _cb_session_carry_runs (self, old_entries);
  _cb_session_carry_jobs (self, old_entries);
  follow_project (self);
  _cb_session_track_jobs (self);
  return TRUE;
}

/* A project that cannot be used has no project to watch its files: the
 * session watches the project file and the schemas folder itself, and
 * loads again when either changes, until the project can be used
 */
static void reload (CbSession *self);

static void
on_recovery_files_changed (GPtrArray *paths,
                           gpointer   user_data)
{
  g_autoptr(CbSession) self = g_object_ref (user_data);

  reload (self);
}

static void
watch_for_recovery (CbSession *self)
{
  g_autofree char *file = g_build_filename (self->folder, CB_PROJECT_FILE, NULL);

  if (self->recovery == NULL)
    self->recovery = cb_file_watch_new (RECOVERY_MERGE_MS, on_recovery_files_changed, self);
  cb_file_watch_add (self->recovery, file, FALSE);
  if (self->schemas_dir != NULL)
    cb_file_watch_add (self->recovery, self->schemas_dir, TRUE);
}

/**
 * cb_session_load:
 *
 * Loads the project: its file, its config tree and every schema file.
 * Schema files that cannot be used are entries with problems; the project
 * is usable without them.
 *
 * Returns: whether the project can be used; if not, @error says why, in
 *   the #CB_SESSION_ERROR domain
 */
gboolean
cb_session_load (CbSession  *self,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CB_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (load (self, &local_error))
    {
      g_clear_pointer (&self->recovery, cb_file_watch_free);
      return TRUE;
    }

  self->error = g_error_copy (local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  if (self->flags & CB_SESSION_WATCH)
    watch_for_recovery (self);
  return FALSE;
}

static void
reload (CbSession *self)
{
  cb_session_load (self, NULL);
  g_signal_emit (self, signals[RELOADED], 0);
}

/**
 * cb_session_reload:
 *
 * Loads the project again, as an edit of its project file does: the
 * values, the history, the runs and the offers stay. A project that could
 * not be used may be usable now. #CbSession::reloaded follows.
 *
 * Returns: whether the project can be used
 */
gboolean
cb_session_reload (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), FALSE);

  reload (self);
  return self->error == NULL;
}

static void
on_project_file_changed (CbSession *self)
{
  /* The project goes while it emits */
  g_autoptr(CbProject) emitting = g_object_ref (self->project);

  reload (self);
}

static void
on_project_notice (CbSession  *self,
                   const char *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static int
find_path (CbSession  *self,
           const char *path)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (((CbSessionEntry *)g_ptr_array_index (self->entries, i))->path, path) == 0)
      return i;
  return -1;
}

/* A new form for a new schema: the store writes what the user set, and
 * the new store reads it back
 */
static void
replace_form (CbSession *self,
              guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  if (entry->form == NULL)
    return;

  g_clear_object (&entry->store);
  g_clear_object (&entry->form);
  cb_session_get_form (self, index);
}

static void
on_schema_file_changed (CbSession  *self,
                        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSchema) schema = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(CbProject) emitting = g_object_ref (self->project);
  int index = find_path (self, path);
  CbSessionEntry *entry = index >= 0 ? _cb_session_get_entry (self, index) : NULL;

  /* A new, removed or formerly broken schema changes the entries */
  if (entry == NULL || entry->schema == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      reload (self);
      return;
    }

  schema = cb_project_load_schema (self->project, path, &error);
  if (schema == NULL)
    problems = g_strdup (error->message);
  else if (cb_schema_has_errors (schema))
    problems = cb_diagnostics_to_text (cb_schema_get_diagnostics (schema), TRUE);

  g_free (entry->problems);
  entry->problems = g_steal_pointer (&problems);
  if (entry->problems == NULL)
    {
      g_set_object (&entry->schema, schema);
      g_free (entry->id);
      entry->id = g_strdup (cb_schema_get_id (schema));
      g_free (entry->label);
      entry->label = g_strdup (cb_schema_get_label (schema));
      replace_form (self, index);
    }

  g_signal_emit (self, signals[SCHEMA_CHANGED], 0, (guint)index);
}

/* Accessors */

/**
 * cb_session_get_error:
 *
 * Returns: (transfer none) (nullable): why the project cannot be used,
 *   after the last load
 */
const GError *
cb_session_get_error (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return self->error;
}

const char *
cb_session_get_folder (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return self->folder;
}

/**
 * cb_session_get_name:
 *
 * Returns: the project's name, or the folder's when the project file
 *   cannot be read
 */
const char *
cb_session_get_name (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return self->name;
}

/**
 * cb_session_get_project:
 *
 * Returns: (transfer none) (nullable): the project, when it can be used
 */
CbProject *
cb_session_get_project (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return self->project;
}

/**
 * cb_session_get_diagnostics:
 *
 * Returns: (transfer none) (nullable) (element-type CbDiagnostic): the
 *   project file's warnings and errors, also when they keep it from being
 *   used
 */
GPtrArray *
cb_session_get_diagnostics (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return self->diagnostics;
}

/**
 * cb_session_get_history:
 *
 * The history is read when first asked for.
 *
 * Returns: (transfer none) (nullable): the runs of the project, newest
 *   first; %NULL when the project cannot be used
 */
CbHistory *
cb_session_get_history (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  if (self->history == NULL && self->project != NULL)
    {
      self->history = cb_history_new (cb_project_get_outputs_dir (self->project),
                                      cb_project_get_root (self->project));
      g_free (self->history_outputs);
      self->history_outputs = g_strdup (cb_project_get_outputs_dir (self->project));
      cb_history_load (self->history);
    }
  return self->history;
}

/**
 * cb_session_get_offers:
 *
 * Returns: (transfer none): the offer policy of the session's runs
 */
CbOffers *
cb_session_get_offers (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), NULL);

  return self->offers;
}

guint
cb_session_get_n_schemas (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), 0);

  return self->entries->len;
}

const char *
cb_session_get_schema_path (CbSession *self,
                            guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->path : NULL;
}

/**
 * cb_session_get_schema_id:
 *
 * Returns: the schema's id, or the one its file name gives when it
 *   cannot be read
 */
const char *
cb_session_get_schema_id (CbSession *self,
                          guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->id : NULL;
}

/**
 * cb_session_get_schema_label:
 *
 * Returns: the schema's label, also when it has errors; its id when the
 *   file cannot be read
 */
const char *
cb_session_get_schema_label (CbSession *self,
                             guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->label : NULL;
}

/**
 * cb_session_get_schema:
 *
 * Returns: (transfer none) (nullable): the schema in use, or %NULL when
 *   the file never loaded without errors
 */
CbSchema *
cb_session_get_schema (CbSession *self,
                       guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->schema : NULL;
}

/**
 * cb_session_get_schema_problems:
 *
 * Returns: (nullable): why the file on disk cannot be used, one problem
 *   a line, or %NULL
 */
const char *
cb_session_get_schema_problems (CbSession *self,
                                guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->problems : NULL;
}

/**
 * cb_session_find_schema:
 *
 * Returns: the first schema file whose schema is @id, or -1
 */
int
cb_session_find_schema (CbSession  *self,
                        const char *id)
{
  g_return_val_if_fail (CB_IS_SESSION (self), -1);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (((CbSessionEntry *)g_ptr_array_index (self->entries, i))->id, id) == 0)
      return i;
  return -1;
}

/**
 * cb_session_get_form:
 *
 * Makes the form when first asked for, with its stored values when the
 * session stores them.
 *
 * Returns: (transfer none) (nullable): the form of @index, or %NULL when
 *   its schema cannot be used
 */
CbForm *
cb_session_get_form (CbSession *self,
                     guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  if (entry == NULL || entry->schema == NULL)
    return NULL;

  if (entry->form == NULL)
    {
      entry->form = cb_form_new (self->project, entry->schema);
      if (self->flags & CB_SESSION_STORE_VALUES)
        {
          const char *root = cb_project_get_root (self->project);
          g_autoptr(GSettings) settings = cb_form_store_create_settings (root, entry->id);

          entry->store = cb_form_store_new (entry->form, settings);
        }
    }
  return entry->form;
}

/**
 * cb_session_get_store:
 *
 * Returns: (transfer none) (nullable): where the form of @index keeps its
 *   values, once the form is made
 */
CbFormStore *
cb_session_get_store (CbSession *self,
                      guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->store : NULL;
}

/**
 * cb_session_flush:
 *
 * Writes the forms' pending values now.
 */
void
cb_session_flush (CbSession *self)
{
  g_return_if_fail (CB_IS_SESSION (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      CbSessionEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->store != NULL)
        cb_form_store_flush (entry->store);
    }
}
