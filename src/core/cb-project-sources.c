/* cb-project-sources.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-checkpoint-model.h"
#include "cb-option.h"
#include "cb-project-private.h"

/* The option lists of the sources. A `stems:` or `values:` source is a
 * list store kept equal to its part of the config (see
 * cb-project-config.c); a `paths:` source is a #CbCheckpointModel, which
 * lists and follows its folders itself, and whose changes the project
 * passes on as its source's.
 */

/* Brings a source's list up to date in place: the same model, with an
 * items-changed for each run of names that came or went, so that a
 * drop-down over it keeps its selection.
 */
static void
update_source_model (GListStore *store,
                     GVariant   *names)
{
  g_autofree const char **wanted = g_variant_get_strv (names, NULL);
  guint i = 0;
  guint k = 0;

  while (wanted[k] != NULL || i < g_list_model_get_n_items (G_LIST_MODEL (store)))
    {
      g_autoptr(CbOption) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      int cmp;

      if (item == NULL)
        cmp = 1;
      else if (wanted[k] == NULL)
        cmp = -1;
      else
        cmp = strcmp (cb_option_get_value (item), wanted[k]);

      if (cmp == 0)
        {
          i++;
          k++;
        }
      else if (cmp < 0)
        g_list_store_remove (store, i);
      else
        {
          g_autoptr(CbOption) option = cb_option_new (wanted[k], NULL);

          g_list_store_insert (store, i, option);
          i++;
          k++;
        }
    }
}

void
_cb_project_apply_source (CbProject  *self,
                          const char *name,
                          GVariant   *names)
{
  GListStore *store = g_hash_table_lookup (self->source_models, name);

  if (store == NULL)
    {
      store = g_list_store_new (CB_TYPE_OPTION);
      g_hash_table_insert (self->source_models, g_strdup (name), store);
    }
  update_source_model (store, names);
}

/* A checkpoint model follows its folders itself: its changes, and the end
 * of its first scan, are its source's changes
 */
static void
emit_checkpoints_changed (CbProject         *self,
                          CbCheckpointModel *model)
{
  _cb_project_emit_source_changed (self, g_object_get_data (G_OBJECT (model), "cb-source"));
}

static void
on_checkpoints_changed (CbProject         *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        CbCheckpointModel *model)
{
  emit_checkpoints_changed (self, model);
}

static void
on_checkpoints_loading (CbProject         *self,
                        GParamSpec        *pspec,
                        CbCheckpointModel *model)
{
  emit_checkpoints_changed (self, model);
}

static void
on_checkpoints_notice (CbProject         *self,
                       const char        *message,
                       CbCheckpointModel *model)
{
  _cb_project_emit_notice (self, message);
}

static void
bridge_checkpoint_model (CbProject         *self,
                         const char        *name,
                         CbCheckpointModel *model)
{
  /* After every list that wraps the model (a drop-down's filter and
   * selection) has taken the change: what source-changed sets off, such
   * as selecting a new checkpoint, must find those lists current
   */
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_checkpoints_changed),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (model, "notify::loading", G_CALLBACK (on_checkpoints_loading),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notice", G_CALLBACK (on_checkpoints_notice),
                           self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->source_models, g_strdup (name), model);
}

/* Scanned on first use: on worker threads when cb_project_watch() starts
 * them, else by cb_project_scan_sources_sync(). The models taken over by
 * cb_project_reload() are there already.
 */
void
_cb_project_add_checkpoint_models (CbProject *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CbSourceSpec *spec = value;
      CbCheckpointModel *model;

      if (spec->paths == NULL || g_hash_table_contains (self->source_models, spec->name))
        continue;

      model = cb_checkpoint_model_new (self->root, (const char * const *)spec->paths);
      g_object_set_data_full (G_OBJECT (model), "cb-source", g_strdup (spec->name), g_free);
      bridge_checkpoint_model (self, spec->name, model);
    }
}

/**
 * _cb_project_take_checkpoint_models:
 * @previous: the same project, loaded before
 *
 * Takes over the checkpoint models of @previous whose source has the same
 * name and the same globs: their lists, their monitors and their scan
 * carry on; @previous no longer passes their changes on.
 */
void
_cb_project_take_checkpoint_models (CbProject *self,
                                    CbProject *previous)
{
  GHashTableIter iter;
  gpointer value;

  g_assert (g_hash_table_size (self->source_models) == 0);

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CbSourceSpec *spec = value;
      CbSourceSpec *before = g_hash_table_lookup (previous->sources, spec->name);
      GListModel *model = g_hash_table_lookup (previous->source_models, spec->name);

      if (spec->paths == NULL || before == NULL || before->paths == NULL ||
          !g_strv_equal ((const char * const *)spec->paths, (const char * const *)before->paths) ||
          !CB_IS_CHECKPOINT_MODEL (model))
        continue;

      g_signal_handlers_disconnect_by_data (model, previous);
      bridge_checkpoint_model (self, spec->name, g_object_ref (CB_CHECKPOINT_MODEL (model)));
    }
}

/* Checkpoints: scanned on worker threads, then followed by their own
 * monitors
 */
void
_cb_project_start_checkpoint_models (CbProject *self)
{
  GHashTableIter iter;
  gpointer model;

  g_hash_table_iter_init (&iter, self->source_models);
  while (g_hash_table_iter_next (&iter, NULL, &model))
    if (CB_IS_CHECKPOINT_MODEL (model))
      cb_checkpoint_model_start (model);
}

/**
 * cb_project_get_source:
 *
 * Never lists a folder: the option lists of `stems:` and `values:`
 * sources come with the config (see cb_project_ensure_config()), and a
 * `paths:` source's checkpoints are listed by cb_project_watch() on worker
 * threads, or by cb_project_scan_sources_sync() where nothing watches.
 *
 * Returns: (transfer none) (nullable): the options of the source @name, a
 *   list model of #CbOption; for a `paths:` source a #CbCheckpointModel,
 *   empty until it is scanned
 */
GListModel *
cb_project_get_source (CbProject  *self,
                       const char *name)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  cb_project_ensure_config (self);
  return g_hash_table_lookup (self->source_models, name);
}

static void
scan_source_sync (CbProject  *self,
                  const char *name)
{
  GListModel *model = g_hash_table_lookup (self->source_models, name);

  if (CB_IS_CHECKPOINT_MODEL (model) &&
      !cb_checkpoint_model_get_started (CB_CHECKPOINT_MODEL (model)) &&
      cb_checkpoint_model_get_n_scans (CB_CHECKPOINT_MODEL (model)) == 0)
    cb_checkpoint_model_scan_sync (CB_CHECKPOINT_MODEL (model));
}

/**
 * cb_project_scan_sources_sync:
 * @schema: (nullable): only the sources whose options the fields of
 *   @schema take; %NULL for all
 *
 * Lists the checkpoints of the `paths:` sources now, blocking, for a
 * project that is not watched, such as the command line's: a source is
 * scanned once, and not at all when cb_project_watch() has started it.
 */
void
cb_project_scan_sources_sync (CbProject *self,
                              CbSchema  *schema)
{
  g_return_if_fail (CB_IS_PROJECT (self));
  g_return_if_fail (schema == NULL || CB_IS_SCHEMA (schema));

  cb_project_ensure_config (self);

  if (schema == NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, self->source_models);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        scan_source_sync (self, name);
      return;
    }

  for (guint i = 0; i < cb_schema_get_n_fields (schema); i++)
    {
      CbField *field = cb_schema_get_field (schema, i);

      if (field->options_source != NULL)
        scan_source_sync (self, field->options_source);
    }
}

/**
 * cb_project_source_is_loading:
 *
 * Returns: whether the source @name is a `paths:` source whose first scan
 *   has not ended: a checkpoint missing from it may still come
 */
gboolean
cb_project_source_is_loading (CbProject  *self,
                              const char *name)
{
  GListModel *model;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  model = g_hash_table_lookup (self->source_models, name);
  return CB_IS_CHECKPOINT_MODEL (model) &&
         cb_checkpoint_model_get_loading (CB_CHECKPOINT_MODEL (model));
}
