/* cb-slurm-partition.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-slurm-partition.h"
#include "cb-slurm-record.h"
#include "cb-slurm-units.h"

G_DEFINE_BOXED_TYPE (CbSlurmPartition, cb_slurm_partition,
                     cb_slurm_partition_ref, cb_slurm_partition_unref)

static void
gpu_free (CbSlurmGpu *gpu)
{
  g_free (gpu->type);
  g_free (gpu);
}

static void
partition_clear (CbSlurmPartition *self)
{
  g_free (self->name);
  g_clear_pointer (&self->gpus, g_ptr_array_unref);
  g_strfreev (self->allow_accounts);
  g_strfreev (self->allow_qos);
}

static CbSlurmPartition *
partition_new (const char *name)
{
  CbSlurmPartition *self = g_rc_box_new0 (CbSlurmPartition);

  self->name = g_strdup (name);
  self->up = TRUE;
  self->max_time = CB_SLURM_TIME_UNLIMITED;
  self->max_nodes = G_MAXUINT;
  self->mem_per_node = CB_SLURM_MEMORY_UNLIMITED;
  self->gpus = g_ptr_array_new_with_free_func ((GDestroyNotify)gpu_free);

  return self;
}

CbSlurmPartition *
cb_slurm_partition_ref (CbSlurmPartition *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
cb_slurm_partition_unref (CbSlurmPartition *self)
{
  g_return_if_fail (self != NULL);
  g_rc_box_release_full (self, (GDestroyNotify)partition_clear);
}

/**
 * cb_slurm_partition_find_gpu:
 * @type: (nullable): a GPU type, or %NULL for GPUs of any type
 *
 * Returns: (nullable): the partition's GPUs of @type; for %NULL, those of
 *   the type with the most GPUs a node
 */
const CbSlurmGpu *
cb_slurm_partition_find_gpu (const CbSlurmPartition *self,
                             const char             *type)
{
  const CbSlurmGpu *best = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->gpus->len; i++)
    {
      const CbSlurmGpu *gpu = g_ptr_array_index (self->gpus, i);

      if (type != NULL && g_strcmp0 (gpu->type, type) == 0)
        return gpu;
      if (type == NULL && (best == NULL || gpu->per_node > best->per_node))
        best = gpu;
    }

  return best;
}

/**
 * cb_slurm_partition_describe:
 *
 * Returns: (transfer full): one line on the partition, for a tooltip or
 *   the terminal: its time limit, nodes, CPUs, memory and GPUs
 */
char *
cb_slurm_partition_describe (const CbSlurmPartition *self)
{
  g_autofree char *time = cb_slurm_time_describe (self->max_time);
  g_autofree char *mem = cb_slurm_memory_describe (self->mem_per_node);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, ngettext ("up to %s, %u node of up to %u CPUs and %s",
                                    "up to %s, %u nodes of up to %u CPUs and %s",
                                    self->total_nodes),
                          time, self->total_nodes, self->cpus_per_node, mem);
  for (guint i = 0; i < self->gpus->len; i++)
    {
      const CbSlurmGpu *gpu = g_ptr_array_index (self->gpus, i);

      g_string_append (out, i == 0 ? _(", GPUs: ") : ", ");
      if (gpu->type != NULL)
        g_string_append_printf (out, "%u × %s", gpu->per_node, gpu->type);
      else
        g_string_append_printf (out, "%u", gpu->per_node);
    }
  if (!self->up)
    g_string_append (out, _(" (down)"));

  return g_string_free (out, FALSE);
}

/* Parsing */

static void
read_time (GHashTable *record,
           const char *key,
           guint      *minutes)
{
  const char *text = g_hash_table_lookup (record, key);

  /* NONE (no default time) leaves the value as it is */
  if (text != NULL && !cb_slurm_time_parse (text, minutes))
    return;
}

static CbSlurmPartition *
partition_from_record (GHashTable *record)
{
  const char *name = g_hash_table_lookup (record, "PartitionName");
  const char *text;
  CbSlurmPartition *self;
  guint max_nodes = G_MAXUINT;

  if (name == NULL || name[0] == '\0')
    return NULL;

  self = partition_new (name);
  self->is_default = g_strcmp0 (g_hash_table_lookup (record, "Default"), "YES") == 0;
  self->up = g_strcmp0 (g_hash_table_lookup (record, "State"), "UP") == 0;
  read_time (record, "MaxTime", &self->max_time);
  read_time (record, "DefaultTime", &self->default_time);
  cb_slurm_record_get_uint (record, "TotalNodes", &self->total_nodes);
  cb_slurm_record_get_uint (record, "TotalCPUs", &self->total_cpus);
  cb_slurm_record_get_uint (record, "MaxNodes", &max_nodes);
  self->max_nodes = max_nodes;
  if ((text = g_hash_table_lookup (record, "MaxMemPerNode")) != NULL)
    cb_slurm_memory_parse (text, &self->mem_per_node);
  self->allow_accounts = cb_slurm_record_get_list (record, "AllowAccounts");
  self->allow_qos = cb_slurm_record_get_list (record, "AllowQos");

  return self;
}

static void
add_gpu (CbSlurmPartition *self,
         const char       *type,
         guint             count)
{
  CbSlurmGpu *gpu = (CbSlurmGpu *)cb_slurm_partition_find_gpu (self, type);

  if (type == NULL)
    {
      /* An untyped entry only counts when nothing else names the GPUs */
      for (guint i = 0; i < self->gpus->len && gpu == NULL; i++)
        if (((CbSlurmGpu *)g_ptr_array_index (self->gpus, i))->type == NULL)
          gpu = g_ptr_array_index (self->gpus, i);
    }
  else if (gpu != NULL && g_strcmp0 (gpu->type, type) != 0)
    gpu = NULL;

  if (gpu == NULL)
    {
      gpu = g_new0 (CbSlurmGpu, 1);
      gpu->type = g_strdup (type);
      g_ptr_array_add (self->gpus, gpu);
    }
  gpu->per_node = MAX (gpu->per_node, count);
}

/* sinfo's %G: `gpu:a100:4(S:0-1),gpu:v100:2,shard:8` or `(null)`; what is
 * in parentheses (sockets, and in them commas) is dropped first.
 */
static void
add_gres (CbSlurmPartition *self,
          const char       *gres)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  g_auto(GStrv) items = NULL;
  guint depth = 0;
  guint total = 0;

  for (const char *p = gres; *p; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (flat, *p);
    }

  items = g_strsplit (flat->str, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], ":", 3);
      guint n = g_strv_length (parts);
      guint count = 1;
      const char *type = NULL;

      if (n == 0 || strcmp (parts[0], "gpu") != 0)
        continue;
      if (n == 2 && !cb_slurm_parse_uint (parts[1], &count))
        type = parts[1];
      else if (n == 3)
        {
          type = parts[1];
          if (!cb_slurm_parse_uint (parts[2], &count))
            count = 1;
        }
      add_gpu (self, type, count);
      total += count;
    }

  self->gpus_per_node = MAX (self->gpus_per_node, total);
}

/* One line of `sinfo -h -e -o "%R|%D|%c|%m|%G"`: a group of alike nodes */
static void
add_node_group (GHashTable *by_name,
                const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "|", 5);
  CbSlurmPartition *self;
  guint cpus;
  guint64 mem;

  if (g_strv_length (fields) != 5)
    return;
  self = g_hash_table_lookup (by_name, fields[0]);
  if (self == NULL)
    return;

  if (cb_slurm_parse_uint (fields[2], &cpus))
    self->cpus_per_node = MAX (self->cpus_per_node, cpus);
  g_strdelimit (fields[3], "+", '\0');
  if (cb_slurm_memory_parse (fields[3], &mem))
    self->node_mem = MAX (self->node_mem, mem);
  add_gres (self, fields[4]);
}

/**
 * cb_slurm_partitions_parse:
 * @scontrol_text: the output of `scontrol show partition -o`
 * @sinfo_text: (nullable): the output of
 *   `sinfo -h -e -o "%R|%D|%c|%m|%G"` (%CB_SLURM_SINFO_FORMAT)
 *
 * Returns: (transfer full) (element-type CbSlurmPartition): the partitions
 *   in the cluster's order, or %NULL when @scontrol_text has none
 */
GPtrArray *
cb_slurm_partitions_parse (const char  *scontrol_text,
                           const char  *sinfo_text,
                           GError     **error)
{
  g_autoptr(GPtrArray) records = cb_slurm_records_parse (scontrol_text);
  g_autoptr(GPtrArray) partitions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)cb_slurm_partition_unref);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < records->len; i++)
    {
      CbSlurmPartition *partition = partition_from_record (g_ptr_array_index (records, i));

      if (partition == NULL)
        continue;
      g_ptr_array_add (partitions, partition);
      g_hash_table_insert (by_name, partition->name, partition);
    }

  if (partitions->len == 0)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_PARSE,
                   _("The cluster lists no partitions (scontrol show partition said nothing "
                     "Command Builder understands)."));
      return NULL;
    }

  if (sinfo_text != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (sinfo_text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        add_node_group (by_name, g_strstrip (lines[i]));
    }

  for (guint i = 0; i < partitions->len; i++)
    {
      CbSlurmPartition *partition = g_ptr_array_index (partitions, i);

      partition->max_nodes = MIN (partition->max_nodes, partition->total_nodes);
      if (partition->node_mem > 0)
        partition->mem_per_node = MIN (partition->mem_per_node, partition->node_mem);
    }

  return g_steal_pointer (&partitions);
}
