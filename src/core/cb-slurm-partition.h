/* cb-slurm-partition.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What `sinfo -h -e -o …` prints for cb_slurm_partitions_parse() */
#define CB_SLURM_SINFO_FORMAT "%R|%D|%c|%m|%G"

/**
 * CbSlurmGpu:
 * @type: (nullable): the GPU type (`a100`), or %NULL for GPUs declared
 *   without one
 * @per_node: the most GPUs of this type one node of the partition has
 */
typedef struct
{
  char  *type;
  guint  per_node;
} CbSlurmGpu;

/**
 * CbSlurmPartition:
 * @name: the partition's name
 * @is_default: whether jobs that name no partition go here
 * @up: whether the partition takes jobs (`State=UP`)
 * @max_time: the longest time limit, in minutes, or
 *   %CB_SLURM_TIME_UNLIMITED
 * @default_time: the time limit of jobs that ask for none, in minutes, or 0
 * @max_nodes: the most nodes one job may have (the smaller of `MaxNodes`
 *   and the partition's size)
 * @total_nodes: how many nodes the partition has
 * @total_cpus: how many CPUs the partition has
 * @cpus_per_node: the most CPUs one node of the partition has
 * @node_mem: the most memory, in megabytes, one node of the partition has
 * @mem_per_node: the most memory, in megabytes, one job may have on one
 *   node (@node_mem, or `MaxMemPerNode` when smaller)
 * @gpus: (element-type CbSlurmGpu): the GPU types of the partition's nodes
 * @gpus_per_node: the most GPUs, of any type, one node has
 * @allow_accounts: (nullable): the accounts allowed, %NULL for all
 * @allow_qos: (nullable): the QoS allowed, %NULL for all
 *
 * What the cluster says of one partition: `scontrol show partition` for
 * its limits, `sinfo` for what its nodes have. Immutable once parsed.
 */
typedef struct
{
  char       *name;
  gboolean    is_default;
  gboolean    up;
  guint       max_time;
  guint       default_time;
  guint       max_nodes;
  guint       total_nodes;
  guint       total_cpus;
  guint       cpus_per_node;
  guint64     node_mem;
  guint64     mem_per_node;
  GPtrArray  *gpus;
  guint       gpus_per_node;
  char      **allow_accounts;
  char      **allow_qos;
} CbSlurmPartition;

#define CB_TYPE_SLURM_PARTITION (cb_slurm_partition_get_type ())

GType             cb_slurm_partition_get_type   (void) G_GNUC_CONST;
CbSlurmPartition *cb_slurm_partition_ref        (CbSlurmPartition       *self);
void              cb_slurm_partition_unref      (CbSlurmPartition       *self);
const CbSlurmGpu *cb_slurm_partition_find_gpu   (const CbSlurmPartition *self,
                                                 const char             *type);
char             *cb_slurm_partition_describe   (const CbSlurmPartition *self);

GPtrArray        *cb_slurm_partitions_parse     (const char             *scontrol_text,
                                                 const char             *sinfo_text,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSlurmPartition, cb_slurm_partition_unref)

G_END_DECLS
