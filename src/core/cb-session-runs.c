/* cb-session-runs.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-checkpoint-model.h"
#include "cb-error.h"
#include "cb-run-policy.h"
#include "cb-session-private.h"

/* The session's runs, and the offers of the checkpoints they write: a run
 * is made by the run policy, recorded in the history when it ends, and
 * followed by the offer policy (#CbOffers) for a while if it succeeded.
 */

/* What a run was made with, for its history record and its offers */
typedef struct
{
  CbSession *session;
  GVariant  *values;
} RunStart;

static void on_run_finished (CbRun    *run,
                             RunStart *start);

static void
run_start_free (gpointer  data,
                GClosure *closure)
{
  RunStart *start = data;

  g_clear_pointer (&start->values, g_variant_unref);
  g_free (start);
}

/**
 * _cb_session_entry_drop_run:
 *
 * The entry forgets its run, which is recorded no more.
 */
void
_cb_session_entry_drop_run (CbSessionEntry *entry)
{
  if (entry->run != NULL)
    g_signal_handlers_disconnect_matched (entry->run, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                          on_run_finished, NULL);
  g_clear_object (&entry->run);
}

/* The runs of the entries that went, to the new entries of the same schema */
void
_cb_session_carry_runs (CbSession *self,
                        GPtrArray *old_entries)
{
  for (guint i = 0; i < old_entries->len; i++)
    {
      CbSessionEntry *old = g_ptr_array_index (old_entries, i);
      int index = old->run ? cb_session_find_schema (self, old->id) : -1;

      if (index >= 0 && _cb_session_get_entry (self, index)->run == NULL)
        _cb_session_get_entry (self, index)->run = g_steal_pointer (&old->run);
    }
}

/* The newest checkpoint of each `paths:` source, when a followed run
 * wrote it, is offered to the forms of the other schemas
 */
void
_cb_session_offer_checkpoints (CbSession *self)
{
  g_auto(GStrv) sources = NULL;

  if (cb_offers_get_n_runs (self->offers) == 0)
    return;

  sources = cb_project_list_sources (self->project);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      GListModel *model;
      g_autoptr(CbCheckpoint) newest = NULL;
      CbExecution *writer;

      if (!cb_project_source_is_paths (self->project, sources[i]))
        continue;
      model = cb_project_get_source (self->project, sources[i]);
      if (!CB_IS_CHECKPOINT_MODEL (model) || g_list_model_get_n_items (model) == 0)
        continue;
      newest = g_list_model_get_item (model, 0);
      if ((writer = cb_offers_find_writer (self->offers, newest)) == NULL)
        continue;

      for (guint k = 0; k < self->entries->len; k++)
        {
          CbSessionEntry *entry = g_ptr_array_index (self->entries, k);
          const char *origin = cb_execution_get_schema_id (writer);

          if (entry->schema != NULL && g_strcmp0 (entry->id, origin) != 0)
            cb_session_offer_checkpoint (self, k, sources[i], cb_checkpoint_get_path (newest),
                                         origin);
        }
    }
}

/**
 * cb_session_offer_checkpoint:
 * @source: the `paths:` source @checkpoint belongs to
 * @checkpoint: a checkpoint a run wrote
 * @origin: the schema id of that run
 *
 * Offers @checkpoint to the form of @index (made for it if need be), as
 * #CbOffers decides: taken at once, or pending for the user.
 */
void
cb_session_offer_checkpoint (CbSession  *self,
                             guint       index,
                             const char *source,
                             const char *checkpoint,
                             const char *origin)
{
  g_autoptr(CbOffer) offer = NULL;
  CbForm *form;

  g_return_if_fail (CB_IS_SESSION (self));

  if ((form = cb_session_get_form (self, index)) == NULL)
    return;
  offer = cb_offers_make_offer (self->offers, form, source, checkpoint, origin);
  if (offer != NULL)
    cb_offers_present (self->offers, form, offer);
}

/**
 * cb_session_get_offer:
 *
 * Returns: (transfer none) (nullable): the offer that waits for the user
 *   on the form of @index
 */
CbOffer *
cb_session_get_offer (CbSession *self,
                      guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? cb_offers_get_pending (self->offers, entry->id) : NULL;
}

/**
 * cb_session_take_offer:
 *
 * The user takes the pending offer of the form of @index.
 *
 * Returns: whether there was one
 */
gboolean
cb_session_take_offer (CbSession *self,
                       guint      index)
{
  CbForm *form = cb_session_get_form (self, index);

  return form != NULL && cb_offers_take_pending (self->offers, form);
}

static void
on_run_finished (CbRun    *run,
                 RunStart *start)
{
  CbSession *self = start->session;
  CbHistory *history = cb_session_get_history (self);
  g_autoptr(CbHistoryRecord) record = cb_history_record_new_from_run (run, start->values);
  g_autoptr(GError) error = NULL;

  if (history != NULL && !cb_history_add (history, record, &error))
    g_warning ("Cannot record the run: %s", error->message);
  if (cb_offers_add_run (self->offers, CB_EXECUTION (run), start->values) && self->project != NULL)
    _cb_session_offer_checkpoints (self);
  g_signal_emit_by_name (self, "run-finished", run);
}

/**
 * cb_session_start_run:
 * @edited: (nullable): the command line the user edited, or %NULL for the
 *   form's
 *
 * Runs the command of the form of @index, as cb_run_policy_new_run()
 * makes it. When it ends, it is recorded in the history with the form's
 * values as they were at its start, its checkpoints are offered to the
 * other forms, and #CbSession::run-finished is emitted.
 *
 * Returns: (transfer none) (nullable): the run, which may have failed to
 *   start (then it has ended already); %NULL when the command may not
 *   run, or runs already, with @error saying why
 */
CbRun *
cb_session_start_run (CbSession   *self,
                      guint        index,
                      const char  *edited,
                      GError     **error)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);
  g_autoptr(CbRun) run = NULL;
  RunStart *start;
  CbForm *form;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->run != NULL && cb_run_is_running (entry->run))
    {
      g_set_error_literal (error, CB_ERROR, CB_ERROR_USAGE, _("The command is running already."));
      return NULL;
    }
  if ((form = cb_session_get_form (self, index)) == NULL)
    {
      g_set_error_literal (error, CB_ERROR, CB_ERROR_INVALID, entry->problems);
      return NULL;
    }
  if ((run = cb_run_policy_new_run (form, edited, error)) == NULL)
    return NULL;

  _cb_session_entry_drop_run (entry);
  entry->run = g_object_ref (run);
  start = g_new0 (RunStart, 1);
  start->session = self;
  start->values = cb_form_get_user_values (form);
  g_signal_connect_data (run, "finished", G_CALLBACK (on_run_finished), start, run_start_free, 0);

  if (!cb_run_start (run, NULL))
    on_run_finished (run, start);

  return entry->run;
}

/**
 * cb_session_get_run:
 *
 * Returns: (transfer none) (nullable): the current or last run of the
 *   form of @index
 */
CbRun *
cb_session_get_run (CbSession *self,
                    guint      index)
{
  CbSessionEntry *entry = _cb_session_get_entry (self, index);

  return entry ? entry->run : NULL;
}

/**
 * cb_session_is_running:
 *
 * Returns: whether a command of the session is running
 */
gboolean
cb_session_is_running (CbSession *self)
{
  g_return_val_if_fail (CB_IS_SESSION (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      CbSessionEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->run != NULL && cb_run_is_running (entry->run))
        return TRUE;
    }
  return FALSE;
}

/**
 * cb_session_stop_runs:
 *
 * Stops every running command, and everything each started.
 */
void
cb_session_stop_runs (CbSession *self)
{
  g_return_if_fail (CB_IS_SESSION (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      CbSessionEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->run != NULL && cb_run_is_running (entry->run))
        cb_run_stop (entry->run);
    }
}
