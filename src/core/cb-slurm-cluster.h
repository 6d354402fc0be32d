/* cb-slurm-cluster.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-slurm-partition.h"
#include "cb-slurm-resources.h"

G_BEGIN_DECLS

/* How long what the cluster said is taken as still true */
#define CB_SLURM_CLUSTER_MAX_AGE_SECONDS (10 * 60)

#define CB_TYPE_SLURM_CLUSTER (cb_slurm_cluster_get_type ())

G_DECLARE_FINAL_TYPE (CbSlurmCluster, cb_slurm_cluster, CB, SLURM_CLUSTER, GObject)

CbSlurmCluster         *cb_slurm_cluster_new                   (void);
void                    cb_slurm_cluster_refresh_async         (CbSlurmCluster       *self,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean                cb_slurm_cluster_refresh_finish        (CbSlurmCluster       *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);
void                    cb_slurm_cluster_ensure                (CbSlurmCluster       *self);

gboolean                cb_slurm_cluster_is_loaded             (CbSlurmCluster       *self);
gboolean                cb_slurm_cluster_is_loading            (CbSlurmCluster       *self);
gint64                  cb_slurm_cluster_get_updated           (CbSlurmCluster       *self);
const char             *cb_slurm_cluster_get_error             (CbSlurmCluster       *self);
const char             *cb_slurm_cluster_get_name              (CbSlurmCluster       *self);
GPtrArray              *cb_slurm_cluster_get_partitions        (CbSlurmCluster       *self);
const CbSlurmPartition *cb_slurm_cluster_lookup_partition      (CbSlurmCluster       *self,
                                                                const char           *name);
const CbSlurmPartition *cb_slurm_cluster_get_default_partition (CbSlurmCluster       *self);
gboolean                cb_slurm_cluster_has_accounting        (CbSlurmCluster       *self);
const char * const     *cb_slurm_cluster_get_accounts          (CbSlurmCluster       *self);
const char * const     *cb_slurm_cluster_get_qos               (CbSlurmCluster       *self);

char                   *cb_slurm_cluster_check_field           (CbSlurmCluster         *self,
                                                                const CbSlurmResources *resources,
                                                                CbSlurmField            field);
gboolean                cb_slurm_cluster_check                 (CbSlurmCluster         *self,
                                                                const CbSlurmResources *resources,
                                                                GError                **error);

char                   *cb_slurm_parse_show_config             (const char           *text,
                                                                const char           *key);
void                    cb_slurm_parse_associations            (const char           *text,
                                                                char               ***accounts,
                                                                char               ***qos);

G_END_DECLS
