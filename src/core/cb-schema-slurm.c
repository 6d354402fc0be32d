/* cb-schema-slurm.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-schema-private.h"
#include "cb-slurm-resources.h"

/* What a schema says for the jobs it submits to Slurm: which field a job
 * that timed out resumes from (`resume:`), and the fields whose value also
 * sets a Slurm resource (an element's `slurm:` key, read with the element).
 */

static CbField *
lookup_field (CbSchemaLoader *loader,
              CbNode         *map,
              const char     *name)
{
  g_autofree char *key = _cb_schema_get_string (loader, map, name);
  CbField *field;

  if (key == NULL)
    return NULL;

  field = g_hash_table_lookup (loader->schema->fields_by_key, key);
  if (field == NULL)
    error_at (loader, cb_node_lookup (map, name),
              _("“%s” of “resume” names “%s”, which is not a field of this schema"), name, key);
  return field;
}

/* resume: {checkpoint: KEY, toggle: KEY} */
static void
load_resume (CbSchemaLoader *loader,
             CbNode         *node)
{
  static const char * const keys[] = { "checkpoint", "toggle", NULL };
  CbSchema *self = loader->schema;
  CbField *checkpoint, *toggle;

  if (!_cb_schema_expect_kind (loader, node, CB_NODE_MAPPING, "resume"))
    return;
  _cb_schema_check_known_keys (loader, node, keys, _("“resume”"));

  checkpoint = lookup_field (loader, node, "checkpoint");
  toggle = lookup_field (loader, node, "toggle");
  if (cb_node_lookup (node, "checkpoint") == NULL)
    error_at (loader, node, _("“resume” needs “checkpoint”: the field that takes the checkpoint "
                              "to resume from"));

  if (checkpoint != NULL && checkpoint->type != CB_FIELD_SELECT &&
      checkpoint->type != CB_FIELD_PATH && checkpoint->type != CB_FIELD_TEXT)
    {
      error_at (loader, cb_node_lookup (node, "checkpoint"),
                _("the “checkpoint” of “resume”, “%s”, must be a selectbox, path or text_input "
                  "field"), checkpoint->key);
      checkpoint = NULL;
    }
  if (toggle != NULL && toggle->type != CB_FIELD_CHECKBOX)
    {
      error_at (loader, cb_node_lookup (node, "toggle"),
                _("the “toggle” of “resume”, “%s”, must be a checkbox"), toggle->key);
      toggle = NULL;
    }

  if (checkpoint != NULL)
    self->resume_checkpoint = g_strdup (checkpoint->key);
  if (toggle != NULL && checkpoint != NULL)
    self->resume_toggle = g_strdup (toggle->key);
}

/* One field a resource: two would fight over it */
static void
check_slurm_resources (CbSchemaLoader *loader)
{
  CbField *setters[CB_SLURM_N_FIELDS] = { NULL };

  for (guint i = 0; i < loader->schema->fields->len; i++)
    {
      CbField *field = g_ptr_array_index (loader->schema->fields, i);

      if (field->slurm_resource < 0)
        continue;
      if (setters[field->slurm_resource] != NULL)
        {
          _cb_schema_report_field (loader, field,
                                   _("“%s” sets the Slurm resource “%s”, which “%s” sets already"),
                                   field->key, cb_slurm_field_get_key (field->slurm_resource),
                                   setters[field->slurm_resource]->key);
          field->slurm_resource = -1;
          continue;
        }
      setters[field->slurm_resource] = field;
    }
}

/**
 * _cb_schema_load_slurm:
 * @root: the schema's top-level mapping, its elements loaded
 *
 * Reads `resume:` and checks the elements' `slurm:` keys against each
 * other.
 */
void
_cb_schema_load_slurm (CbSchemaLoader *loader,
                       CbNode         *root)
{
  CbNode *node = cb_node_lookup (root, "resume");

  if (node != NULL && !cb_node_is_null (node))
    load_resume (loader, node);
  check_slurm_resources (loader);
}

/**
 * cb_schema_get_resume_field:
 *
 * Returns: (nullable): the key of the field that takes the checkpoint a
 *   resubmitted job resumes from (`resume: checkpoint:`), or %NULL
 */
const char *
cb_schema_get_resume_field (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->resume_checkpoint;
}

/**
 * cb_schema_get_resume_toggle:
 *
 * Returns: (nullable): the key of the checkbox that turns resuming on
 *   (`resume: toggle:`), or %NULL
 */
const char *
cb_schema_get_resume_toggle (CbSchema *self)
{
  g_return_val_if_fail (CB_IS_SCHEMA (self), NULL);

  return self->resume_toggle;
}
