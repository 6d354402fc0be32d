/* cb-slurm-resources.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-slurm-resources.h"
#include "cb-slurm-units.h"

/**
 * CbSlurmResources:
 *
 * What a job asks of the cluster: partition, time limit, nodes, tasks,
 * CPUs, memory, GPUs, account, QoS, job name and extra `#SBATCH` lines.
 * Each field is set or not; unset fields are left to the cluster's
 * defaults. Values are checked as they are set, so what is stored is
 * always something sbatch takes, and kept in the form sbatch writes it
 * (`01:30:00`, `32G`).
 */

typedef enum
{
  KIND_WORD,  /* no spaces or quotes: it goes into an #SBATCH line as it is */
  KIND_NAME,  /* spaces allowed, quoted in the #SBATCH line */
  KIND_COUNT, /* a whole number from 1 */
  KIND_GPUS,  /* a whole number from 0 */
  KIND_TIME,
  KIND_MEMORY,
} Kind;

typedef struct
{
  const char *key;
  const char *label;
  const char *option;
  Kind        kind;
} FieldInfo;

static const FieldInfo fields[CB_SLURM_N_FIELDS] = {
  [CB_SLURM_FIELD_PARTITION]     = { "partition", N_("Partition"), "--partition", KIND_WORD },
  [CB_SLURM_FIELD_TIME]          = { "time", N_("Time limit"), "--time", KIND_TIME },
  [CB_SLURM_FIELD_NODES]         = { "nodes", N_("Nodes"), "--nodes", KIND_COUNT },
  [CB_SLURM_FIELD_NTASKS]        = { "ntasks", N_("Tasks"), "--ntasks", KIND_COUNT },
  [CB_SLURM_FIELD_CPUS_PER_TASK] = { "cpus_per_task", N_("CPUs per task"), "--cpus-per-task",
                                     KIND_COUNT },
  [CB_SLURM_FIELD_MEM]           = { "mem", N_("Memory per node"), "--mem", KIND_MEMORY },
  [CB_SLURM_FIELD_GPUS]          = { "gpus", N_("GPUs per node"), NULL, KIND_GPUS },
  [CB_SLURM_FIELD_GPU_TYPE]      = { "gpu_type", N_("GPU type"), NULL, KIND_WORD },
  [CB_SLURM_FIELD_GRES]          = { "gres", N_("Other generic resources"), NULL, KIND_WORD },
  [CB_SLURM_FIELD_ACCOUNT]       = { "account", N_("Account"), "--account", KIND_WORD },
  [CB_SLURM_FIELD_QOS]           = { "qos", N_("QoS"), "--qos", KIND_WORD },
  [CB_SLURM_FIELD_JOB_NAME]      = { "job_name", N_("Job name"), "--job-name", KIND_NAME },
};

typedef struct
{
  char    *text;   /* NULL when unset */
  guint64  number; /* counts, minutes, megabytes */
} Value;

struct _CbSlurmResources
{
  Value      values[CB_SLURM_N_FIELDS];
  GPtrArray *extra;
};

G_DEFINE_BOXED_TYPE (CbSlurmResources, cb_slurm_resources,
                     cb_slurm_resources_copy, cb_slurm_resources_free)

/**
 * cb_slurm_field_get_key:
 *
 * Returns: the field's key in the project file: `cpus_per_task`
 */
const char *
cb_slurm_field_get_key (CbSlurmField field)
{
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, NULL);
  return fields[field].key;
}

/**
 * cb_slurm_field_get_label:
 *
 * Returns: the field's translated name: `CPUs per task`
 */
const char *
cb_slurm_field_get_label (CbSlurmField field)
{
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, NULL);
  return _(fields[field].label);
}

gboolean
cb_slurm_field_from_key (const char   *key,
                         CbSlurmField *field)
{
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      {
        *field = i;
        return TRUE;
      }

  return FALSE;
}

CbSlurmResources *
cb_slurm_resources_new (void)
{
  CbSlurmResources *self = g_new0 (CbSlurmResources, 1);

  /* Null-terminated, with room from the start, so pdata is a strv */
  self->extra = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  return self;
}

CbSlurmResources *
cb_slurm_resources_copy (const CbSlurmResources *self)
{
  CbSlurmResources *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cb_slurm_resources_new ();
  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      copy->values[i].text = g_strdup (self->values[i].text);
      copy->values[i].number = self->values[i].number;
    }
  for (guint i = 0; i < self->extra->len; i++)
    g_ptr_array_add (copy->extra, g_strdup (g_ptr_array_index (self->extra, i)));

  return copy;
}

void
cb_slurm_resources_free (CbSlurmResources *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    g_free (self->values[i].text);
  g_ptr_array_unref (self->extra);
  g_free (self);
}

/* Setting */

static gboolean
is_word (const char *text,
         gboolean    spaces)
{
  if (text[0] == '\0' || text[0] == '-' || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f || strchr ("\"'`\\$#;", *p) != NULL)
        return FALSE;
      if (*p == ' ' && (!spaces || p == text || p[1] == '\0'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_count (const char *text,
             guint64     minimum,
             guint64    *value)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, minimum, G_MAXUINT32, &v, NULL))
    return FALSE;
  *value = v;
  return TRUE;
}

/* Checks @text for @field; on success sets the normalised text and number */
static gboolean
normalise (CbSlurmField   field,
           const char    *text,
           char         **normal,
           guint64       *number,
           GError       **error)
{
  const char *label = cb_slurm_field_get_label (field);
  guint minutes;

  switch (fields[field].kind)
    {
    case KIND_WORD:
    case KIND_NAME:
      if (!is_word (text, fields[field].kind == KIND_NAME))
        {
          g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                       _("%s: “%s” cannot be passed to sbatch; use a single word without "
                         "quotes, “#”, “$” or “\\”, not starting with “-”."), label, text);
          return FALSE;
        }
      *normal = g_strdup (text);
      *number = 0;
      return TRUE;

    case KIND_COUNT:
    case KIND_GPUS:
      if (!parse_count (text, fields[field].kind == KIND_GPUS ? 0 : 1, number))
        {
          g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                       fields[field].kind == KIND_GPUS
                         ? _("%s: “%s” is not a whole number from 0.")
                         : _("%s: “%s” is not a whole number from 1."), label, text);
          return FALSE;
        }
      *normal = g_strdup_printf ("%" G_GUINT64_FORMAT, *number);
      return TRUE;

    case KIND_TIME:
      if (!cb_slurm_time_parse (text, &minutes) || minutes == 0)
        {
          g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                       _("%s: “%s” is not a time limit; write minutes, hours:minutes:seconds "
                         "or days-hours:minutes:seconds."), label, text);
          return FALSE;
        }
      *number = minutes;
      *normal = cb_slurm_time_format (minutes);
      return TRUE;

    case KIND_MEMORY:
      if (!cb_slurm_memory_parse (text, number) || *number == CB_SLURM_MEMORY_UNLIMITED)
        {
          g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                       _("%s: “%s” is not a memory size; write a number with M, G or T, "
                         "such as 32G."), label, text);
          return FALSE;
        }
      *normal = cb_slurm_memory_format (*number);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * cb_slurm_resources_set:
 * @text: the value as a user writes it: `90`, `1:30:00`, `32G`
 *
 * Sets @field when @text is a valid value for it; otherwise leaves it and
 * sets @error to a sentence that names the field.
 */
gboolean
cb_slurm_resources_set (CbSlurmResources  *self,
                        CbSlurmField       field,
                        const char        *text,
                        GError           **error)
{
  g_autofree char *normal = NULL;
  guint64 number = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!normalise (field, text, &normal, &number, error))
    return FALSE;

  g_free (self->values[field].text);
  self->values[field].text = g_steal_pointer (&normal);
  self->values[field].number = number;
  return TRUE;
}

/**
 * cb_slurm_resources_set_number:
 *
 * Sets a count, a time limit in minutes or a memory size in megabytes.
 */
void
cb_slurm_resources_set_number (CbSlurmResources *self,
                               CbSlurmField      field,
                               guint64           number)
{
  g_autofree char *text = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field < CB_SLURM_N_FIELDS);
  g_return_if_fail (fields[field].kind != KIND_WORD && fields[field].kind != KIND_NAME);

  if (fields[field].kind == KIND_TIME)
    text = g_strdup_printf ("%" G_GUINT64_FORMAT, number);
  else if (fields[field].kind == KIND_MEMORY)
    text = g_strdup_printf ("%" G_GUINT64_FORMAT "M", number);
  else
    text = g_strdup_printf ("%" G_GUINT64_FORMAT, number);

  if (!cb_slurm_resources_set (self, field, text, NULL))
    g_return_if_reached ();
}

void
cb_slurm_resources_unset (CbSlurmResources *self,
                          CbSlurmField      field)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field < CB_SLURM_N_FIELDS);

  g_clear_pointer (&self->values[field].text, g_free);
  self->values[field].number = 0;
}

gboolean
cb_slurm_resources_is_set (const CbSlurmResources *self,
                           CbSlurmField            field)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, FALSE);

  return self->values[field].text != NULL;
}

/**
 * cb_slurm_resources_get:
 *
 * Returns: (nullable): the field's value as sbatch takes it, or %NULL
 *   when it is not set
 */
const char *
cb_slurm_resources_get (const CbSlurmResources *self,
                        CbSlurmField            field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, NULL);

  return self->values[field].text;
}

/**
 * cb_slurm_resources_get_number:
 *
 * Returns: a count, a time limit in minutes, a memory size in megabytes,
 *   or 0 when the field is not set or is a text
 */
guint64
cb_slurm_resources_get_number (const CbSlurmResources *self,
                               CbSlurmField            field)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, 0);

  return self->values[field].number;
}

/**
 * cb_slurm_resources_add_extra:
 * @line: an sbatch option, such as `--exclusive` or `--constraint=ib`,
 *   with or without `#SBATCH` in front
 *
 * Adds an `#SBATCH` line of the user's own; the same option twice is kept
 * once.
 */
gboolean
cb_slurm_resources_add_extra (CbSlurmResources  *self,
                              const char        *line,
                              GError           **error)
{
  g_autofree char *option = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  if (g_str_has_prefix (line, "#SBATCH"))
    line += strlen ("#SBATCH");
  option = g_strstrip (g_strdup (line));
  if (option[0] != '-' || strchr (option, '\n') != NULL || strchr (option, '\r') != NULL ||
      !g_utf8_validate (option, -1, NULL))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                   _("Extra #SBATCH lines: “%s” is not an sbatch option; options start with "
                     "“-”, such as --exclusive."), line);
      return FALSE;
    }

  for (guint i = 0; i < self->extra->len; i++)
    if (strcmp (g_ptr_array_index (self->extra, i), option) == 0)
      return TRUE;

  g_ptr_array_add (self->extra, g_steal_pointer (&option));
  return TRUE;
}

/**
 * cb_slurm_resources_get_extra:
 *
 * Returns: (transfer none): the extra options, without `#SBATCH`
 */
const char * const *
cb_slurm_resources_get_extra (const CbSlurmResources *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->extra->pdata;
}

void
cb_slurm_resources_clear_extra (CbSlurmResources *self)
{
  g_return_if_fail (self != NULL);
  g_ptr_array_set_size (self->extra, 0);
}

/**
 * cb_slurm_resources_merge:
 * @over: what wins
 *
 * Sets in @self every field @over sets, and adds @over's extra lines:
 * project defaults, then the form's values, then the project's fixed
 * values.
 */
void
cb_slurm_resources_merge (CbSlurmResources       *self,
                          const CbSlurmResources *over)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (over != NULL);

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    if (over->values[i].text != NULL)
      {
        g_free (self->values[i].text);
        self->values[i].text = g_strdup (over->values[i].text);
        self->values[i].number = over->values[i].number;
      }
  for (guint i = 0; i < over->extra->len; i++)
    cb_slurm_resources_add_extra (self, g_ptr_array_index (over->extra, i), NULL);
}

gboolean
cb_slurm_resources_equal (const CbSlurmResources *a,
                          const CbSlurmResources *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    if (g_strcmp0 (a->values[i].text, b->values[i].text) != 0)
      return FALSE;

  return g_strv_equal (cb_slurm_resources_get_extra (a), cb_slurm_resources_get_extra (b));
}

/* The project file */

static void
read_extra (CbSlurmResources *self,
            const CbNode     *node,
            GPtrArray        *diagnostics)
{
  guint n = cb_node_get_kind (node) == CB_NODE_SEQUENCE ? cb_node_get_n_children (node) : 1;

  if (cb_node_get_kind (node) == CB_NODE_MAPPING)
    {
      cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                             _("“extra” must be a list of sbatch options, such as [--exclusive]."));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const CbNode *item = cb_node_get_kind (node) == CB_NODE_SEQUENCE ? cb_node_get_child (node, i)
                                                                        : node;
      g_autoptr(GError) error = NULL;

      if (cb_node_get_kind (item) != CB_NODE_SCALAR ||
          !cb_slurm_resources_add_extra (self, cb_node_get_scalar (item), &error))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, item, "%s",
                               error ? error->message : _("The items of “extra” must be texts."));
    }
}

/**
 * cb_slurm_resources_from_node:
 * @node: a mapping of the project file, such as `slurm: defaults:`
 * @diagnostics: (element-type CbDiagnostic): where problems go, each with
 *   its file, line and column
 *
 * Reads resources from their keys (`partition`, `time`, `cpus_per_task`,
 * …, and `extra`). Values that are wrong are left out and reported;
 * unknown keys are reported as warnings.
 *
 * Returns: (transfer full): the resources read
 */
CbSlurmResources *
cb_slurm_resources_from_node (const CbNode *node,
                              GPtrArray    *diagnostics)
{
  g_autoptr(CbSlurmResources) self = cb_slurm_resources_new ();

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  if (cb_node_is_null (node))
    return g_steal_pointer (&self);
  if (cb_node_get_kind (node) != CB_NODE_MAPPING)
    {
      cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                             _("Slurm resources must be a mapping, not %s."),
                             cb_node_kind_to_string (cb_node_get_kind (node)));
      return g_steal_pointer (&self);
    }

  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      const CbNode *key = cb_node_get_key (node, i);
      const CbNode *value = cb_node_get_child (node, i);
      const char *name = cb_node_get_scalar (key);
      g_autoptr(GError) error = NULL;
      CbSlurmField field;

      if (g_strcmp0 (name, "extra") == 0)
        {
          if (!cb_node_is_null (value))
            read_extra (self, value, diagnostics);
          continue;
        }
      if (name == NULL || !cb_slurm_field_from_key (name, &field))
        {
          cb_diagnostics_add_at (diagnostics, CB_SEVERITY_WARNING, key,
                                 _("Unknown Slurm resource “%s”; it is ignored."),
                                 name ? name : "?");
          continue;
        }
      if (cb_node_is_null (value))
        continue;
      if (cb_node_get_kind (value) != CB_NODE_SCALAR)
        {
          cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, value,
                                 _("“%s” must be a value, not %s."),
                                 name, cb_node_kind_to_string (cb_node_get_kind (value)));
          continue;
        }
      if (!cb_slurm_resources_set (self, field, cb_node_get_scalar (value), &error))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, value, "%s", error->message);
    }

  return g_steal_pointer (&self);
}

/* sbatch */

static char *
gres_option (const CbSlurmResources *self)
{
  g_autoptr(GString) gres = g_string_new (NULL);
  const char *type = self->values[CB_SLURM_FIELD_GPU_TYPE].text;
  guint64 gpus = self->values[CB_SLURM_FIELD_GPUS].number;

  if (gpus > 0)
    {
      if (type != NULL)
        g_string_append_printf (gres, "gpu:%s:%" G_GUINT64_FORMAT, type, gpus);
      else
        g_string_append_printf (gres, "gpu:%" G_GUINT64_FORMAT, gpus);
    }
  if (self->values[CB_SLURM_FIELD_GRES].text != NULL)
    {
      if (gres->len > 0)
        g_string_append_c (gres, ',');
      g_string_append (gres, self->values[CB_SLURM_FIELD_GRES].text);
    }

  if (gres->len == 0)
    return NULL;
  return g_strdup_printf ("--gres=%s", gres->str);
}

/**
 * cb_slurm_resources_to_options:
 *
 * Returns: (transfer full) (element-type utf8): the sbatch options the
 *   set fields make, in the order of #CbSlurmField, then the extra lines:
 *   `--partition=gpu`, `--time=01:30:00`, `--gres=gpu:a100:2`, …
 */
GPtrArray *
cb_slurm_resources_to_options (const CbSlurmResources *self)
{
  GPtrArray *options = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      const char *text = self->values[i].text;

      if (i == CB_SLURM_FIELD_GPUS)
        {
          char *gres = gres_option (self);

          if (gres != NULL)
            g_ptr_array_add (options, gres);
        }
      if (fields[i].option == NULL || text == NULL)
        continue;
      if (fields[i].kind == KIND_NAME && strchr (text, ' ') != NULL)
        g_ptr_array_add (options, g_strdup_printf ("%s=\"%s\"", fields[i].option, text));
      else
        g_ptr_array_add (options, g_strdup_printf ("%s=%s", fields[i].option, text));
    }
  for (guint i = 0; i < self->extra->len; i++)
    g_ptr_array_add (options, g_strdup (g_ptr_array_index (self->extra, i)));

  return options;
}

/* Checking against the partition */

static char *
gpu_types (const CbSlurmPartition *partition)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < partition->gpus->len; i++)
    {
      const CbSlurmGpu *gpu = g_ptr_array_index (partition->gpus, i);

      if (gpu->type == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, gpu->type);
    }

  return g_string_free (out, FALSE);
}

static char *
check_gpus (const CbSlurmResources *self,
            CbSlurmField            field,
            const CbSlurmPartition *partition)
{
  const char *type = self->values[CB_SLURM_FIELD_GPU_TYPE].text;
  guint64 gpus = self->values[CB_SLURM_FIELD_GPUS].number;
  const CbSlurmGpu *gpu;

  if (gpus == 0)
    return NULL;
  if (partition->gpus->len == 0)
    return field == CB_SLURM_FIELD_GPUS
      ? g_strdup_printf (_("%s: partition “%s” has no GPUs."), cb_slurm_field_get_label (field),
                         partition->name)
      : NULL;

  gpu = cb_slurm_partition_find_gpu (partition, type);
  if (gpu == NULL)
    {
      g_autofree char *types = gpu_types (partition);

      return field == CB_SLURM_FIELD_GPU_TYPE
        ? g_strdup_printf (_("%s: partition “%s” has no GPUs of type “%s”; it has %s."),
                           cb_slurm_field_get_label (field), partition->name, type, types)
        : NULL;
    }

  if (field == CB_SLURM_FIELD_GPUS && gpus > gpu->per_node)
    {
      if (gpu->type != NULL && type != NULL)
        return g_strdup_printf (ngettext ("%s: nodes of partition “%s” have at most %u %s GPU.",
                                          "%s: nodes of partition “%s” have at most %u %s GPUs.",
                                          gpu->per_node),
                                cb_slurm_field_get_label (field), partition->name, gpu->per_node,
                                gpu->type);
      return g_strdup_printf (ngettext ("%s: nodes of partition “%s” have at most %u GPU.",
                                        "%s: nodes of partition “%s” have at most %u GPUs.",
                                        partition->gpus_per_node),
                              cb_slurm_field_get_label (field), partition->name,
                              partition->gpus_per_node);
    }

  return NULL;
}

static char *
check_count (const CbSlurmResources *self,
             CbSlurmField            field,
             const CbSlurmPartition *partition)
{
  const char *label = cb_slurm_field_get_label (field);
  guint64 value = self->values[field].number;
  guint64 nodes = MAX (1, self->values[CB_SLURM_FIELD_NODES].number);
  guint64 cpus_per_task = MAX (1, self->values[CB_SLURM_FIELD_CPUS_PER_TASK].number);

  if (field == CB_SLURM_FIELD_NODES && value > partition->max_nodes)
    return g_strdup_printf (ngettext ("%s: partition “%s” gives a job at most %u node.",
                                      "%s: partition “%s” gives a job at most %u nodes.",
                                      partition->max_nodes),
                            label, partition->name, partition->max_nodes);

  if (partition->cpus_per_node == 0)
    return NULL;

  if (field == CB_SLURM_FIELD_CPUS_PER_TASK && value > partition->cpus_per_node)
    return g_strdup_printf (ngettext ("%s: nodes of partition “%s” have at most %u CPU.",
                                      "%s: nodes of partition “%s” have at most %u CPUs.",
                                      partition->cpus_per_node),
                            label, partition->name, partition->cpus_per_node);

  if (field == CB_SLURM_FIELD_NTASKS && value * cpus_per_task > nodes * partition->cpus_per_node)
    return g_strdup_printf (_("%s: %u tasks of %u CPUs need more CPUs than %u nodes of partition "
                              "“%s” have (%u each)."),
                            label, (guint)value, (guint)cpus_per_task, (guint)nodes,
                            partition->name, partition->cpus_per_node);

  return NULL;
}

/**
 * cb_slurm_resources_check_field:
 * @partition: the partition the job goes to
 *
 * Checks one field against what @partition allows: its time limit, node
 * count, CPUs, memory and GPUs of its nodes.
 *
 * Returns: (transfer full) (nullable): a sentence that starts with the
 *   field's name and says what is wrong, or %NULL
 */
char *
cb_slurm_resources_check_field (const CbSlurmResources *self,
                                CbSlurmField            field,
                                const CbSlurmPartition *partition)
{
  const char *label;
  guint64 value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < CB_SLURM_N_FIELDS, NULL);
  g_return_val_if_fail (partition != NULL, NULL);

  label = cb_slurm_field_get_label (field);
  value = self->values[field].number;

  switch (field)
    {
    case CB_SLURM_FIELD_PARTITION:
      if (!partition->up)
        return g_strdup_printf (_("%s: “%s” is not up; a job sent there waits until it is."),
                                label, partition->name);
      return NULL;

    case CB_SLURM_FIELD_TIME:
      if (self->values[field].text != NULL && value > partition->max_time)
        {
          g_autofree char *asked = cb_slurm_time_describe ((guint)value);
          g_autofree char *most = cb_slurm_time_describe (partition->max_time);

          return g_strdup_printf (_("%s: %s is more than partition “%s” allows (%s)."),
                                  label, asked, partition->name, most);
        }
      return NULL;

    case CB_SLURM_FIELD_MEM:
      if (self->values[field].text != NULL &&
          partition->mem_per_node != CB_SLURM_MEMORY_UNLIMITED &&
          value > partition->mem_per_node)
        {
          g_autofree char *asked = cb_slurm_memory_describe (value);
          g_autofree char *most = cb_slurm_memory_describe (partition->mem_per_node);

          return g_strdup_printf (_("%s: %s is more than a node of partition “%s” gives a job "
                                    "(%s)."), label, asked, partition->name, most);
        }
      return NULL;

    case CB_SLURM_FIELD_NODES:
    case CB_SLURM_FIELD_NTASKS:
    case CB_SLURM_FIELD_CPUS_PER_TASK:
      return self->values[field].text != NULL ? check_count (self, field, partition) : NULL;

    case CB_SLURM_FIELD_GPUS:
    case CB_SLURM_FIELD_GPU_TYPE:
      return check_gpus (self, field, partition);

    case CB_SLURM_FIELD_ACCOUNT:
      if (self->values[field].text != NULL && partition->allow_accounts != NULL &&
          !g_strv_contains ((const char * const *)partition->allow_accounts,
                            self->values[field].text))
        return g_strdup_printf (_("%s: partition “%s” does not take jobs of account “%s”."),
                                label, partition->name, self->values[field].text);
      return NULL;

    case CB_SLURM_FIELD_QOS:
      if (self->values[field].text != NULL && partition->allow_qos != NULL &&
          !g_strv_contains ((const char * const *)partition->allow_qos, self->values[field].text))
        return g_strdup_printf (_("%s: partition “%s” does not take jobs of QoS “%s”."),
                                label, partition->name, self->values[field].text);
      return NULL;

    case CB_SLURM_FIELD_GRES:
    case CB_SLURM_FIELD_JOB_NAME:
    case CB_SLURM_N_FIELDS:
    default:
      return NULL;
    }
}

/**
 * cb_slurm_resources_check:
 *
 * Checks every field against @partition (see
 * cb_slurm_resources_check_field()).
 *
 * Returns: %FALSE with @error set to the first problem
 */
gboolean
cb_slurm_resources_check (const CbSlurmResources  *self,
                          const CbSlurmPartition  *partition,
                          GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (partition != NULL, FALSE);

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      g_autofree char *problem = cb_slurm_resources_check_field (self, i, partition);

      if (problem != NULL)
        {
          g_set_error_literal (error, CB_ERROR, CB_ERROR_VALIDATION, problem);
          return FALSE;
        }
    }

  return TRUE;
}
