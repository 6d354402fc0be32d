/* cb-slurm-job-history.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-slurm-job-private.h"

/* A job as the history keeps it, and back */

static void
add_job_fields (GVariantDict *dict,
                CbSlurmJob   *self)
{
  g_variant_dict_insert (dict, "id", "s", self->id);
  g_variant_dict_insert (dict, "state", "s", cb_slurm_job_state_to_string (self->state));
  g_variant_dict_insert (dict, "exit-code", "i", self->exit_code);
  g_variant_dict_insert (dict, "term-signal", "i", self->term_signal);
  g_variant_dict_insert (dict, "end-details", "b", self->end_details);
  if (self->reason != NULL)
    g_variant_dict_insert (dict, "reason", "s", self->reason);
  if (self->nodes != NULL)
    g_variant_dict_insert (dict, "nodes", "s", self->nodes);
  if (self->own_id != NULL)
    g_variant_dict_insert (dict, "own-id", "s", self->own_id);
  if (self->start_time != 0)
    g_variant_dict_insert (dict, "start-time", "x", self->start_time);
  if (self->end_time != 0)
    g_variant_dict_insert (dict, "end-time", "x", self->end_time);
}

/**
 * cb_slurm_job_to_variant:
 *
 * Returns: (transfer full): the job as the history keeps it (`a{sv}`):
 *   its id, log pattern, name, state, exit code, and an array's tasks
 */
GVariant *
cb_slurm_job_to_variant (CbSlurmJob *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (CB_IS_SLURM_JOB (self), NULL);

  add_job_fields (&dict, self);
  if (self->output_pattern != NULL)
    g_variant_dict_insert (&dict, "output", "s", self->output_pattern);
  if (self->name != NULL)
    g_variant_dict_insert (&dict, "name", "s", self->name);
  if (self->tasks != NULL)
    {
      GVariantBuilder tasks;

      g_variant_builder_init (&tasks, G_VARIANT_TYPE ("a(ia{sv})"));
      for (guint i = 0; i < self->tasks->len; i++)
        {
          CbSlurmJob *task = g_ptr_array_index (self->tasks, i);
          g_auto(GVariantDict) fields = G_VARIANT_DICT_INIT (NULL);

          add_job_fields (&fields, task);
          g_variant_builder_add (&tasks, "(i@a{sv})", task->task_id, g_variant_dict_end (&fields));
        }
      g_variant_dict_insert (&dict, "tasks", "a(ia{sv})", &tasks);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
read_job_fields (CbSlurmJob *self,
                 GVariant   *fields)
{
  const char *state = NULL;

  g_variant_lookup (fields, "state", "&s", &state);
  self->state = cb_slurm_job_state_parse (state);
  if (state != NULL && strcmp (state, "LOST") == 0)
    self->state = CB_SLURM_JOB_LOST;
  g_variant_lookup (fields, "exit-code", "i", &self->exit_code);
  g_variant_lookup (fields, "term-signal", "i", &self->term_signal);
  g_variant_lookup (fields, "end-details", "b", &self->end_details);
  g_variant_lookup (fields, "reason", "s", &self->reason);
  g_variant_lookup (fields, "nodes", "s", &self->nodes);
  g_variant_lookup (fields, "own-id", "s", &self->own_id);
  g_variant_lookup (fields, "start-time", "x", &self->start_time);
  g_variant_lookup (fields, "end-time", "x", &self->end_time);
}

/**
 * cb_slurm_job_new_from_variant:
 * @variant: what cb_slurm_job_to_variant() gave
 *
 * Returns: (transfer full): the job as it was, to track again if it had
 *   not ended; or %NULL with @error set when @variant is not a job
 */
CbSlurmJob *
cb_slurm_job_new_from_variant (GVariant  *variant,
                               GError   **error)
{
  g_autoptr(CbSlurmJob) self = NULL;
  g_autoptr(GVariant) tasks = NULL;
  const char *id = NULL;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_lookup (variant, "id", "&s", &id) || id[0] == '\0')
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID, _("The history names a Slurm job without its id."));
      return NULL;
    }

  self = cb_slurm_job_new (id, NULL);
  g_variant_lookup (variant, "output", "s", &self->output_pattern);
  g_variant_lookup (variant, "name", "s", &self->name);
  read_job_fields (self, variant);

  tasks = g_variant_lookup_value (variant, "tasks", G_VARIANT_TYPE ("a(ia{sv})"));
  if (tasks != NULL)
    {
      GVariantIter iter;
      GVariant *fields;
      int task_id;

      self->array_job_id = g_strdup (id);
      self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
      g_variant_iter_init (&iter, tasks);
      while (g_variant_iter_next (&iter, "(i@a{sv})", &task_id, &fields))
        {
          g_autofree char *task_name = g_strdup_printf ("%s_%d", id, task_id);
          CbSlurmJob *task = cb_slurm_job_new (task_name, self->output_pattern);

          read_job_fields (task, fields);
          task->array_job_id = g_strdup (id);
          task->task_id = task_id;
          task->name = g_strdup (self->name);
          g_ptr_array_add (self->tasks, task);
          g_variant_unref (fields);
        }
    }

  return g_steal_pointer (&self);
}
