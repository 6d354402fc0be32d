/* cb-slurm-form.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-form-tasks.h"
#include "cb-slurm-form-private.h"
#include "cb-slurm-script.h"
#include "cb-sweep.h"

/**
 * CbSlurmForm:
 *
 * The Slurm side of a page: where its command runs (this computer or
 * Slurm), the resources its job asks for, and the batch script that
 * submits it, kept current as the form changes.
 *
 * A job's resources are, from the weakest: the project's `defaults`, the
 * page's own values, the fields of the form that set a resource (a
 * schema element's `slurm:` key, such as a GPUs field that writes
 * `trainer.devices` and `--gres`), and the project's `fixed` values. They
 * are checked as they are set, and against the cluster's partitions once
 * the cluster has been read, each message naming the resource or field.
 *
 * A form that sweeps submits one job array, a task per job of the
 * multirun (see cb_form_get_tasks()). The script can be edited by hand:
 * the edited text is what is submitted, until it is reverted.
 *
 * What the user set (the target, the resources, the extra lines, the
 * array limit, the edited script) is one dictionary, stored beside the
 * form's values (see cb_form_store_attach_slurm()) and kept in the
 * history with each job.
 */
G_DEFINE_FINAL_TYPE (CbSlurmForm, cb_slurm_form, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
cb_slurm_message_free (CbSlurmMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->message);
  g_free (message);
}

static void
invalidate (CbSlurmForm *self)
{
  self->resolved = FALSE;
  g_clear_pointer (&self->resources, cb_slurm_resources_free);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->script, g_free);
}

void
_cb_slurm_form_changed (CbSlurmForm *self)
{
  invalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cb_slurm_form_dispose (GObject *object)
{
  CbSlurmForm *self = CB_SLURM_FORM (object);

  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_clear_object (&self->form);
  g_clear_object (&self->cluster);

  G_OBJECT_CLASS (cb_slurm_form_parent_class)->dispose (object);
}

static void
cb_slurm_form_finalize (GObject *object)
{
  CbSlurmForm *self = CB_SLURM_FORM (object);

  invalidate (self);
  g_clear_pointer (&self->config, cb_slurm_config_unref);
  cb_slurm_resources_free (self->user);
  g_free (self->edited_script);

  G_OBJECT_CLASS (cb_slurm_form_parent_class)->finalize (object);
}

static void
cb_slurm_form_class_init (CbSlurmFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_slurm_form_dispose;
  object_class->finalize = cb_slurm_form_finalize;

  /**
   * CbSlurmForm::changed:
   *
   * Emitted when what the page would submit may have changed: the target,
   * a resource, the form's command, or what the cluster allows. The
   * resources, messages and script are worked out again when next asked
   * for.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_slurm_form_init (CbSlurmForm *self)
{
  self->user = cb_slurm_resources_new ();
}

static void
on_form_changed (CbSlurmForm *self)
{
  _cb_slurm_form_changed (self);
}

static void
on_field_changed (CbForm      *form,
                  guint        index,
                  guint        changes,
                  CbSlurmForm *self)
{
  CbField *field = cb_schema_get_field (cb_form_get_schema (form), index);

  /* A field that sets a resource may write no override at all */
  if (field->slurm_resource >= 0 && (changes & (CB_FIELD_CHANGED_VALUE | CB_FIELD_CHANGED_VISIBLE)))
    _cb_slurm_form_changed (self);
}

/**
 * cb_slurm_form_new:
 * @form: the page's form; its project's `slurm:` section applies
 *
 * Returns: (transfer full): the page's Slurm side, its command running on
 *   this computer until the target is set
 */
CbSlurmForm *
cb_slurm_form_new (CbForm *form)
{
  CbSlurmForm *self;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);

  self = g_object_new (CB_TYPE_SLURM_FORM, NULL);
  self->form = g_object_ref (form);
  self->config = cb_slurm_config_ref (cb_project_get_slurm_config (cb_form_get_project (form)));
  g_signal_connect_swapped (form, "changed", G_CALLBACK (on_form_changed), self);
  g_signal_connect (form, "field-changed", G_CALLBACK (on_field_changed), self);

  return self;
}

/**
 * cb_slurm_form_get_form:
 *
 * Returns: (transfer none): the form
 */
CbForm *
cb_slurm_form_get_form (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);
  return self->form;
}

/**
 * cb_slurm_form_get_config:
 *
 * Returns: (transfer none): the project's `slurm:` section
 */
CbSlurmConfig *
cb_slurm_form_get_config (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);
  return self->config;
}

static void
on_cluster_changed (CbSlurmForm *self)
{
  _cb_slurm_form_changed (self);
}

/* The cluster is read when the page is set to run on Slurm (unless what
 * was read is recent; see cb_slurm_cluster_ensure()): reading it runs
 * Slurm commands, which a page that runs on this computer has no use for,
 * least of all at start-up. Only then: a read that failed changes the
 * form, and is not tried again until the next switch or Refresh. */
static void
read_cluster (CbSlurmForm *self)
{
  if (self->cluster != NULL && self->target == CB_RUN_TARGET_SLURM)
    cb_slurm_cluster_ensure (self->cluster);
}

/**
 * cb_slurm_form_set_cluster:
 * @cluster: (nullable): what the cluster offers, to check the resources
 *   against once it has been read
 */
void
cb_slurm_form_set_cluster (CbSlurmForm    *self,
                           CbSlurmCluster *cluster)
{
  g_return_if_fail (CB_IS_SLURM_FORM (self));
  g_return_if_fail (cluster == NULL || CB_IS_SLURM_CLUSTER (cluster));

  if (self->cluster == cluster)
    return;
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_set_object (&self->cluster, cluster);
  if (cluster != NULL)
    g_signal_connect_swapped (cluster, "changed", G_CALLBACK (on_cluster_changed), self);
  read_cluster (self);
  _cb_slurm_form_changed (self);
}

/**
 * cb_slurm_form_get_cluster:
 *
 * Returns: (transfer none) (nullable): the cluster the resources are
 *   checked against
 */
CbSlurmCluster *
cb_slurm_form_get_cluster (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);
  return self->cluster;
}

CbRunTarget
cb_slurm_form_get_target (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), CB_RUN_TARGET_LOCAL);
  return self->target;
}

/**
 * cb_slurm_form_set_target:
 *
 * Sets where the page's command runs; on Slurm, the cluster (see
 * cb_slurm_form_set_cluster()) is read, unless what was read is recent.
 */
void
cb_slurm_form_set_target (CbSlurmForm *self,
                          CbRunTarget  target)
{
  g_return_if_fail (CB_IS_SLURM_FORM (self));
  g_return_if_fail (target == CB_RUN_TARGET_LOCAL || target == CB_RUN_TARGET_SLURM);

  if (self->target == target)
    return;
  self->target = target;
  read_cluster (self);
  _cb_slurm_form_changed (self);
}

/**
 * cb_slurm_form_set_resource:
 * @text: (nullable): the value as a user writes it (`90`, `1:30:00`,
 *   `32G`), or %NULL to leave the resource to the project and the cluster
 *
 * Sets the page's own value of a resource; a value that is not one for
 * it is refused with a sentence that names the resource.
 *
 * Returns: whether the value was taken
 */
gboolean
cb_slurm_form_set_resource (CbSlurmForm   *self,
                            CbSlurmField   field,
                            const char    *text,
                            GError       **error)
{
  g_autofree char *before = NULL;

  g_return_val_if_fail (CB_IS_SLURM_FORM (self), FALSE);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, FALSE);

  before = g_strdup (cb_slurm_resources_get (self->user, field));
  if (text == NULL || text[0] == '\0')
    cb_slurm_resources_unset (self->user, field);
  else if (!cb_slurm_resources_set (self->user, field, text, error))
    return FALSE;

  if (g_strcmp0 (before, cb_slurm_resources_get (self->user, field)) != 0)
    _cb_slurm_form_changed (self);
  return TRUE;
}

/**
 * cb_slurm_form_get_resource:
 *
 * Returns: (nullable): the page's own value of @field, as sbatch takes it
 */
const char *
cb_slurm_form_get_resource (CbSlurmForm  *self,
                            CbSlurmField  field)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, NULL);

  return cb_slurm_resources_get (self->user, field);
}

/**
 * cb_slurm_form_set_extra:
 * @lines: (nullable): the page's own extra `#SBATCH` lines, such as
 *   `--exclusive`
 *
 * Returns: whether every line was taken; if not, none was, and @error
 *   says which is not an sbatch option
 */
gboolean
cb_slurm_form_set_extra (CbSlurmForm         *self,
                         const char * const  *lines,
                         GError             **error)
{
  g_autoptr(CbSlurmResources) check = cb_slurm_resources_new ();
  const char * const *before;

  g_return_val_if_fail (CB_IS_SLURM_FORM (self), FALSE);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !cb_slurm_resources_add_extra (check, lines[i], error))
      return FALSE;

  before = cb_slurm_resources_get_extra (self->user);
  if (g_strv_equal (before, cb_slurm_resources_get_extra (check)))
    return TRUE;

  cb_slurm_resources_clear_extra (self->user);
  for (guint i = 0; cb_slurm_resources_get_extra (check)[i] != NULL; i++)
    cb_slurm_resources_add_extra (self->user, cb_slurm_resources_get_extra (check)[i], NULL);
  _cb_slurm_form_changed (self);
  return TRUE;
}

/**
 * cb_slurm_form_get_extra:
 *
 * Returns: (transfer none): the page's own extra lines
 */
const char * const *
cb_slurm_form_get_extra (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);
  return cb_slurm_resources_get_extra (self->user);
}

/**
 * cb_slurm_form_set_array_limit:
 * @limit: how many tasks of the page's job array may run at once; 0 for
 *   the project's `array_limit`
 */
void
cb_slurm_form_set_array_limit (CbSlurmForm *self,
                               guint        limit)
{
  g_return_if_fail (CB_IS_SLURM_FORM (self));

  if (self->array_limit == limit)
    return;
  self->array_limit = limit;
  _cb_slurm_form_changed (self);
}

/**
 * cb_slurm_form_get_array_limit:
 *
 * Returns: the page's own limit, or 0 when it has none
 */
guint
cb_slurm_form_get_array_limit (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), 0);
  return self->array_limit;
}

/* Resolving */

static void
add_message (CbSlurmForm *self,
             int          resource,
             CbSeverity   severity,
             char        *text)
{
  CbSlurmMessage *message = g_new0 (CbSlurmMessage, 1);

  message->resource = resource;
  message->severity = severity;
  message->message = text;
  g_ptr_array_add (self->messages, message);
}

static void
take_layer (CbSlurmForm            *self,
            const CbSlurmResources *layer,
            CbSlurmOrigin           origin)
{
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    if (cb_slurm_resources_is_set (layer, i))
      {
        self->origins[i] = origin;
        self->origin_keys[i] = NULL;
      }
  cb_slurm_resources_merge (self->resources, layer);
}

/* A field's value as a resource's text: `2`, `a100`, `1:30:00` */
static char *
value_text (GVariant *value)
{
  double d;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      d = g_variant_get_double (value);
      if (d == floor (d) && fabs (d) < 1e15)
        return g_strdup_printf ("%.0f", d);
    }
  return NULL;
}

/* The resources the fields of the form set, over @into */
static void
take_fields (CbSlurmForm      *self,
             CbSlurmResources *into)
{
  CbSchema *schema = cb_form_get_schema (self->form);

  for (guint i = 0; i < cb_schema_get_n_fields (schema); i++)
    {
      CbField *field = cb_schema_get_field (schema, i);
      GVariant *value = cb_form_get_value (self->form, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      if (field->slurm_resource < 0 || !cb_form_is_visible (self->form, i) ||
          value == NULL || cb_value_is_empty (value))
        continue;

      if (cb_value_is_sweep (value))
        {
          add_message (self, field->slurm_resource, CB_SEVERITY_ERROR,
                       g_strdup_printf (_("%s sweeps, but it sets the Slurm resource “%s”, which "
                                          "is the same for every task of a job array."),
                                        field->label,
                                        cb_slurm_field_get_label (field->slurm_resource)));
          continue;
        }
      text = value_text (value);
      if (text == NULL || !cb_slurm_resources_set (into, field->slurm_resource, text, &error))
        {
          add_message (self, field->slurm_resource, CB_SEVERITY_ERROR,
                       g_strdup_printf (_("%s sets the Slurm resource: %s"), field->label,
                                        error ? error->message : _("its value is not one.")));
          continue;
        }
      self->origin_keys[field->slurm_resource] = field->key;
    }
}

/* What the project fixes wins; a field that asks for another value is
 * told so
 */
static void
check_fixed (CbSlurmForm            *self,
             const CbSlurmResources *fields)
{
  const CbSlurmResources *fixed = cb_slurm_config_get_fixed (self->config);
  CbSchema *schema = cb_form_get_schema (self->form);

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      CbField *field;

      if (!cb_slurm_resources_is_set (fixed, i) || !cb_slurm_resources_is_set (fields, i) ||
          g_strcmp0 (cb_slurm_resources_get (fixed, i), cb_slurm_resources_get (fields, i)) == 0)
        continue;
      field = cb_schema_lookup_field (schema, self->origin_keys[i]);
      add_message (self, i, CB_SEVERITY_WARNING,
                   g_strdup_printf (_("%s: the project fixes it at %s, so the %s of %s is not "
                                      "used."), cb_slurm_field_get_label (i),
                                    cb_slurm_resources_get (fixed, i),
                                    cb_slurm_resources_get (fields, i), field->label));
    }
}

static void
resolve_resources (CbSlurmForm *self)
{
  g_autoptr(CbSlurmResources) fields = cb_slurm_resources_new ();
  const char *keys[CB_SLURM_N_FIELDS];

  self->resources = cb_slurm_resources_new ();
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      self->origins[i] = CB_SLURM_ORIGIN_UNSET;
      self->origin_keys[i] = NULL;
    }

  take_layer (self, cb_slurm_config_get_defaults (self->config), CB_SLURM_ORIGIN_DEFAULT);
  take_layer (self, self->user, CB_SLURM_ORIGIN_USER);
  take_fields (self, fields);
  memcpy (keys, self->origin_keys, sizeof keys);
  take_layer (self, fields, CB_SLURM_ORIGIN_FIELD);
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    if (cb_slurm_resources_is_set (fields, i))
      self->origin_keys[i] = keys[i];
  check_fixed (self, fields);
  take_layer (self, cb_slurm_config_get_fixed (self->config), CB_SLURM_ORIGIN_FIXED);

  /* A job is named after its page, unless something else names it */
  if (!cb_slurm_resources_is_set (self->resources, CB_SLURM_FIELD_JOB_NAME))
    {
      const char *id = cb_schema_get_id (cb_form_get_schema (self->form));

      if (cb_slurm_resources_set (self->resources, CB_SLURM_FIELD_JOB_NAME, id, NULL))
        self->origins[CB_SLURM_FIELD_JOB_NAME] = CB_SLURM_ORIGIN_DEFAULT;
    }
}

static void
check_cluster (CbSlurmForm *self)
{
  const char *name;

  if (self->cluster == NULL || !cb_slurm_cluster_is_loaded (self->cluster))
    return;

  name = cb_slurm_resources_get (self->resources, CB_SLURM_FIELD_PARTITION);
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      char *problem = cb_slurm_cluster_check_field (self->cluster, self->resources, i);
      const CbSlurmPartition *partition;

      if (problem == NULL)
        continue;
      /* A partition that is down takes jobs all the same: they wait */
      partition = i == CB_SLURM_FIELD_PARTITION && name != NULL
                    ? cb_slurm_cluster_lookup_partition (self->cluster, name) : NULL;
      add_message (self, i, partition != NULL && !partition->up ? CB_SEVERITY_WARNING
                                                                : CB_SEVERITY_ERROR, problem);
    }
}

static guint
array_limit (CbSlurmForm *self)
{
  return self->array_limit > 0 ? self->array_limit : cb_slurm_config_get_array_limit (self->config);
}

char *
cb_slurm_form_get_output_pattern (CbSlurmForm *self)
{
  CbProject *project;

  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  project = cb_form_get_project (self->form);
  return cb_slurm_config_resolve_output (self->config, cb_project_get_root (project),
                                         cb_project_get_outputs_dir (project));
}

static void
make_script (CbSlurmForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSlurmScript) script = NULL;
  g_autofree char *output = cb_slurm_form_get_output_pattern (self);
  CbProject *project = cb_form_get_project (self->form);

  self->tasks = cb_form_get_tasks (self->form, CB_FORM_MAX_TASKS, &error);
  if (self->tasks == NULL)
    {
      add_message (self, CB_SLURM_MESSAGE_JOB, CB_SEVERITY_ERROR, g_strdup (error->message));
      return;
    }

  script = cb_slurm_script_new (cb_form_get_argv (self->form), cb_project_get_root (project));
  cb_slurm_script_set_resources (script, self->resources);
  cb_slurm_script_set_config (script, self->config);
  cb_slurm_script_set_output (script, output);
  if (cb_form_is_multirun (self->form))
    {
      g_autoptr(GPtrArray) argvs = g_ptr_array_new ();

      for (guint i = 0; i < self->tasks->len; i++)
        g_ptr_array_add (argvs, ((CbFormTask *)g_ptr_array_index (self->tasks, i))->argv);
      cb_slurm_script_set_array (script, argvs, array_limit (self));
    }

  self->script = cb_slurm_script_to_text (script, &error);
  if (self->script == NULL)
    add_message (self, CB_SLURM_MESSAGE_JOB, CB_SEVERITY_ERROR, g_strdup (error->message));
}

static void
ensure_resolved (CbSlurmForm *self)
{
  if (self->resolved)
    return;

  self->resolved = TRUE;
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_slurm_message_free);
  resolve_resources (self);
  check_cluster (self);
  make_script (self);
}

/**
 * cb_slurm_form_get_resources:
 *
 * Returns: (transfer none): what the job asks for: the project's defaults,
 *   the page's values, the fields' and the project's fixed values
 */
const CbSlurmResources *
cb_slurm_form_get_resources (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  ensure_resolved (self);
  return self->resources;
}

/**
 * cb_slurm_form_get_origin:
 * @field_key: (out) (optional) (transfer none): for
 *   %CB_SLURM_ORIGIN_FIELD, the key of the form's field that sets it
 *
 * Returns: where the job's value of @field comes from
 */
CbSlurmOrigin
cb_slurm_form_get_origin (CbSlurmForm   *self,
                          CbSlurmField   field,
                          const char   **field_key)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), CB_SLURM_ORIGIN_UNSET);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, CB_SLURM_ORIGIN_UNSET);

  ensure_resolved (self);
  if (field_key != NULL)
    *field_key = self->origins[field] == CB_SLURM_ORIGIN_FIELD ? self->origin_keys[field] : NULL;
  return self->origins[field];
}

/**
 * cb_slurm_form_get_messages:
 *
 * Returns: (transfer none) (element-type CbSlurmMessage): what is wrong
 *   with the job: a field's value that is not a resource's, a resource
 *   the cluster does not allow, a sweep that cannot be a job array
 */
GPtrArray *
cb_slurm_form_get_messages (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  ensure_resolved (self);
  return self->messages;
}

/**
 * cb_slurm_form_get_resource_message:
 *
 * Returns: (nullable): the first message about @field, for its row
 */
const char *
cb_slurm_form_get_resource_message (CbSlurmForm  *self,
                                    CbSlurmField  field)
{
  GPtrArray *messages = cb_slurm_form_get_messages (self);

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      CbSlurmMessage *message = g_ptr_array_index (messages, i);

      if (message->resource == (int)field)
        return message->message;
    }
  return NULL;
}

gboolean
cb_slurm_form_has_errors (CbSlurmForm *self)
{
  GPtrArray *messages = cb_slurm_form_get_messages (self);

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    if (((CbSlurmMessage *)g_ptr_array_index (messages, i))->severity == CB_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}

/**
 * cb_slurm_form_check:
 *
 * Whether the page may be submitted: a form with errors is not, as it
 * does not run; nor is a job whose resources have errors, even with an
 * edited script, since the page's values would not say what was
 * submitted.
 *
 * Returns: %TRUE, or %FALSE with %CB_ERROR_VALIDATION saying why
 */
gboolean
cb_slurm_form_check (CbSlurmForm  *self,
                     GError      **error)
{
  GPtrArray *messages;

  g_return_val_if_fail (CB_IS_SLURM_FORM (self), FALSE);

  if (cb_form_has_errors (self->form))
    {
      g_set_error_literal (error, CB_ERROR, CB_ERROR_VALIDATION,
                           _("The form has errors; fix them to submit the job."));
      return FALSE;
    }

  messages = cb_slurm_form_get_messages (self);
  for (guint i = 0; i < messages->len; i++)
    {
      CbSlurmMessage *message = g_ptr_array_index (messages, i);

      if (message->severity == CB_SEVERITY_ERROR)
        {
          g_set_error_literal (error, CB_ERROR, CB_ERROR_VALIDATION, message->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * cb_slurm_form_is_array:
 *
 * Returns: whether the page's command sweeps, and so is submitted as a
 *   job array
 */
gboolean
cb_slurm_form_is_array (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), FALSE);
  return cb_form_is_multirun (self->form);
}

/**
 * cb_slurm_form_get_tasks:
 *
 * Returns: (transfer none) (nullable) (element-type CbFormTask): the
 *   jobs of the array, task N being job N; for a page that does not
 *   sweep, its one command; %NULL when the sweeps cannot be split (a
 *   message says why)
 */
GPtrArray *
cb_slurm_form_get_tasks (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  ensure_resolved (self);
  return self->tasks;
}

/**
 * cb_slurm_form_get_task_labels:
 *
 * Returns: (transfer full) (nullable): for a job array, what each task
 *   sweeps, in task order (`seed=1 lr=0.01`); %NULL for a single job
 */
char **
cb_slurm_form_get_task_labels (CbSlurmForm *self)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  GPtrArray *tasks = cb_slurm_form_get_tasks (self);

  if (!cb_slurm_form_is_array (self) || tasks == NULL)
    return NULL;
  for (guint i = 0; i < tasks->len; i++)
    g_strv_builder_add (labels, ((CbFormTask *)g_ptr_array_index (tasks, i))->label);
  return g_strv_builder_end (labels);
}

/**
 * cb_slurm_form_get_generated_script:
 *
 * Returns: (nullable): the batch script the page's values make, or %NULL
 *   when none can be made (a message says why)
 */
const char *
cb_slurm_form_get_generated_script (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  ensure_resolved (self);
  return self->script;
}

/**
 * cb_slurm_form_get_script:
 *
 * Returns: (nullable): the script that is submitted: the one edited by
 *   hand, or the one the page's values make
 */
const char *
cb_slurm_form_get_script (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), NULL);

  if (self->edited_script != NULL)
    return self->edited_script;
  return cb_slurm_form_get_generated_script (self);
}

gboolean
cb_slurm_form_is_script_edited (CbSlurmForm *self)
{
  g_return_val_if_fail (CB_IS_SLURM_FORM (self), FALSE);
  return self->edited_script != NULL;
}

/**
 * cb_slurm_form_set_edited_script:
 * @text: (nullable): the script as the user edited it, or %NULL to go
 *   back to the one the page's values make
 *
 * An edited script stays as it is while the form changes, until it is
 * reverted; the text the values make is the same as no edit at all.
 */
void
cb_slurm_form_set_edited_script (CbSlurmForm *self,
                                 const char  *text)
{
  g_return_if_fail (CB_IS_SLURM_FORM (self));

  if (text != NULL && g_strcmp0 (text, cb_slurm_form_get_generated_script (self)) == 0)
    text = NULL;
  if (g_strcmp0 (self->edited_script, text) == 0)
    return;

  g_free (self->edited_script);
  self->edited_script = g_strdup (text);
  _cb_slurm_form_changed (self);
}
