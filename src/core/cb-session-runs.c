/* cb-session-runs.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-checkpoint-model.h"
#include "cb-error.h"
#include "cb-option.h"
#include "cb-run-policy.h"
#include "cb-session-private.h"

/* The session's runs, and the offers of the checkpoints they write: a run
 * is made by the run policy, recorded in the history when it ends, and
 * followed by the offer policy (#CbOffers) for a while if it succeeded.
 */

/* What a run was made with: the values the user set, for its history
 * record, and every value, for the model fields of its checkpoints
 */
typedef struct
{
  CbSession *session;
  GVariant  *values;
  GVariant  *all_values;
} RunStart;

static void on_run_finished (CbRun    *run,
                             RunStart *start);

static void
run_start_free (gpointer  data,
                GClosure *closure)
{
  RunStart *start = data;

  g_clear_pointer (&start->values, g_variant_unref);
  g_clear_pointer (&start->all_values, g_variant_unref);
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

static void
offer_checkpoint (CbSession  *self,
                  guint       index,
                  const char *source,
                  const char *checkpoint,
                  const char *origin,
                  GVariant   *run_values)
{
  g_autoptr(CbOffer) offer = NULL;
  CbForm *form;

  if ((form = cb_session_get_form (self, index)) == NULL)
    return;
  offer = cb_offers_make_offer (self->offers, form, source, checkpoint, origin, run_values);
  if (offer != NULL)
    cb_offers_present (self->offers, form, offer);
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
            offer_checkpoint (self, k, sources[i], cb_checkpoint_get_path (newest), origin,
                              cb_offers_get_run_values (self->offers, writer));
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
 * #CbOffers decides: taken at once, or pending for the user. A checkpoint
 * a run of the session wrote comes with that run's model values.
 */
void
cb_session_offer_checkpoint (CbSession  *self,
                             guint       index,
                             const char *source,
                             const char *checkpoint,
                             const char *origin)
{
  GListModel *model;
  gint64 position;
  GVariant *run_values = NULL;

  g_return_if_fail (CB_IS_SESSION (self));
  g_return_if_fail (self->project != NULL);

  model = cb_project_get_source (self->project, source);
  position = CB_IS_CHECKPOINT_MODEL (model) ? cb_options_find (model, checkpoint) : -1;
  if (position >= 0)
    {
      g_autoptr(CbCheckpoint) item = g_list_model_get_item (model, position);
      CbExecution *writer = cb_offers_find_writer (self->offers, item);

      run_values = writer ? cb_offers_get_run_values (self->offers, writer) : NULL;
    }

  offer_checkpoint (self, index, source, checkpoint, origin, run_values);
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

static const char *
label_of_schema (CbSession  *self,
                 const char *id)
{
  int index = cb_session_find_schema (self, id);

  return index >= 0 ? cb_session_get_schema_label (self, index) : id;
}

/* What offers changed on a page since the last run ended, as a sentence */
static char *
describe_taken (CbSession *self,
                CbForm    *form,
                CbOffer   *changes)
{
  const char *page = label_of_schema (self, cb_schema_get_id (cb_form_get_schema (form)));
  const char *origin = label_of_schema (self, cb_offer_get_origin (changes));
  const char *checkpoint = cb_offer_get_checkpoint (changes);
  g_autofree char *model = cb_offer_describe_model (changes, form);
  gboolean took_checkpoint = FALSE;

  for (guint i = 0; i < cb_offer_get_n_values (changes); i++)
    {
      GVariant *value = cb_offer_get_value (changes, i);

      took_checkpoint |= g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
                         g_strcmp0 (g_variant_get_string (value, NULL), checkpoint) == 0;
    }

  if (took_checkpoint && model == NULL)
    /* Translators: a page, a checkpoint file, the page that ran */
    return g_strdup_printf (_("The %s page now uses the checkpoint %s, written by the %s run."),
                            page, checkpoint, origin);
  if (took_checkpoint)
    /* Translators: a page, a checkpoint file, the page that ran, and a list
     * of fields and values such as “Architecture: psenet, Backbone: resnet50”
     */
    return g_strdup_printf (_("The %s page now uses the checkpoint %s, written by the %s run, "
                              "with the model it was trained with (%s)."),
                            page, checkpoint, origin, model);
  /* Translators: a page, a checkpoint file, and a list of fields and values */
  return g_strdup_printf (_("The %s page now uses the model the checkpoint %s was trained "
                            "with (%s)."),
                          page, checkpoint, model);
}

/**
 * _cb_session_offer_taken:
 * @changes: what an offer changed on @form
 *
 * An offer that changed a form is never silent: one notice says, for
 * each page, all that the offers of the last run changed there. A run
 * offers each checkpoint as it appears: the notice grows, and says the
 * newest.
 */
void
_cb_session_offer_taken (CbSession *self,
                         CbForm    *form,
                         CbOffer   *changes)
{
  const char *id = cb_schema_get_id (cb_form_get_schema (form));
  CbOffer *before = g_hash_table_lookup (self->taken, id);
  g_autoptr(CbOffer) merged = cb_offer_new (cb_offer_get_origin (changes),
                                            cb_offer_get_checkpoint (changes));
  g_autoptr(GString) notice = g_string_new (NULL);

  for (guint i = 0; before != NULL && i < cb_offer_get_n_values (before); i++)
    {
      GVariant *value = cb_offer_get_value (before, i);

      /* The checkpoint an earlier offer put there is the new one now */
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          g_strcmp0 (g_variant_get_string (value, NULL), cb_offer_get_checkpoint (before)) == 0)
        value = g_variant_new_string (cb_offer_get_checkpoint (changes));
      cb_offer_add_value (merged, cb_offer_get_key (before, i), value);
    }
  for (guint i = 0; i < cb_offer_get_n_values (changes); i++)
    cb_offer_add_value (merged, cb_offer_get_key (changes, i), cb_offer_get_value (changes, i));
  g_hash_table_replace (self->taken, g_strdup (id), g_steal_pointer (&merged));

  for (guint i = 0; i < self->entries->len; i++)
    {
      CbSessionEntry *entry = g_ptr_array_index (self->entries, i);
      CbOffer *taken = g_hash_table_lookup (self->taken, entry->id);
      g_autofree char *line = NULL;

      if (taken == NULL || entry->form == NULL)
        continue;
      line = describe_taken (self, entry->form, taken);
      /* One paragraph: the banner's label, beside its button, is measured
       * wrong by GTK 4.8 while it changes from one paragraph to several
       */
      g_string_append_printf (notice, "%s%s", notice->len ? " " : "", line);
    }

  g_signal_emit_by_name (self, "notice", notice->str);
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
  _cb_session_metrics_run_recorded (self, run, record);
  /* The notice of what its offers change starts afresh */
  if (cb_run_get_state (run) == CB_RUN_STATE_SUCCEEDED)
    g_hash_table_remove_all (self->taken);
  if (cb_offers_add_run (self->offers, CB_EXECUTION (run), start->all_values) && self->project != NULL)
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
  _cb_session_metrics_track_run (self, run);
  start = g_new0 (RunStart, 1);
  start->session = self;
  start->values = cb_form_get_user_values (form);
  start->all_values = cb_form_get_values (form);
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
