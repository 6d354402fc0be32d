/* cb-slurm-cluster.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-slurm-cluster.h"
#include "cb-slurm-command.h"

/**
 * CbSlurmCluster:
 *
 * What the cluster offers, read from the cluster itself and kept: its
 * partitions with their limits and what their nodes have (`scontrol show
 * partition`, `sinfo`), and, when the cluster keeps accounting, the
 * user's accounts and QoS (`sacctmgr`). The commands run off the main
 * thread, in parallel; a refresh asked for while one runs joins it.
 */
struct _CbSlurmCluster
{
  GObject      parent_instance;

  GPtrArray   *partitions;
  char        *name;
  gboolean     accounting;
  char       **accounts;
  char       **qos;
  char        *error;
  gint64       updated;

  GPtrArray   *waiters;    /* GTasks of the refresh under way */
};

G_DEFINE_FINAL_TYPE (CbSlurmCluster, cb_slurm_cluster, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cb_slurm_cluster_finalize (GObject *object)
{
  CbSlurmCluster *self = CB_SLURM_CLUSTER (object);

  g_clear_pointer (&self->partitions, g_ptr_array_unref);
  g_free (self->name);
  g_strfreev (self->accounts);
  g_strfreev (self->qos);
  g_free (self->error);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_slurm_cluster_parent_class)->finalize (object);
}

static void
cb_slurm_cluster_class_init (CbSlurmClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_slurm_cluster_finalize;

  /**
   * CbSlurmCluster::changed:
   *
   * Emitted when a refresh ended, whether it succeeded or not.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cb_slurm_cluster_init (CbSlurmCluster *self)
{
  self->partitions = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_slurm_partition_unref);
}

CbSlurmCluster *
cb_slurm_cluster_new (void)
{
  return g_object_new (CB_TYPE_SLURM_CLUSTER, NULL);
}

/* Parsers */

/**
 * cb_slurm_parse_show_config:
 * @text: the output of `scontrol show config`
 * @key: such as `AccountingStorageType`
 *
 * Returns: (transfer full) (nullable): the value, or %NULL
 */
char *
cb_slurm_parse_show_config (const char *text,
                            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gsize n = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *p;

      if (strncmp (line, key, n) != 0 || (line[n] != ' ' && line[n] != '='))
        continue;
      p = line + n;
      while (*p == ' ')
        p++;
      if (*p != '=')
        continue;
      p++;
      while (*p == ' ')
        p++;
      return g_strstrip (g_strdup (p));
    }

  return NULL;
}

static void
add_unique (GPtrArray  *items,
            const char *item)
{
  if (item[0] == '\0')
    return;
  for (guint i = 0; i < items->len; i++)
    if (strcmp (g_ptr_array_index (items, i), item) == 0)
      return;
  g_ptr_array_add (items, g_strdup (item));
}

/**
 * cb_slurm_parse_associations:
 * @text: the output of `sacctmgr -n -P show associations where user=NAME
 *   format=Account,QOS`
 * @accounts: (out) (transfer full): the accounts, in order
 * @qos: (out) (transfer full): the QoS they allow, in order
 */
void
cb_slurm_parse_associations (const char   *text,
                             char       ***accounts,
                             char       ***qos)
{
  g_autoptr(GPtrArray) account_list = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) qos_list = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[i]), "|", 2);
      g_auto(GStrv) names = NULL;

      if (g_strv_length (fields) != 2)
        continue;
      add_unique (account_list, fields[0]);
      names = g_strsplit (fields[1], ",", -1);
      for (guint j = 0; names[j] != NULL; j++)
        add_unique (qos_list, g_strstrip (names[j]));
    }

  *accounts = (char **)g_ptr_array_steal (account_list, NULL);
  *qos = (char **)g_ptr_array_steal (qos_list, NULL);
}

/* Refreshing */

typedef struct
{
  char      *partitions;
  char      *sinfo;
  char      *config;
  char      *associations;
  gboolean   accounting;
  GError    *error;
  guint      n_running;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_free (refresh->partitions);
  g_free (refresh->sinfo);
  g_free (refresh->config);
  g_free (refresh->associations);
  g_clear_error (&refresh->error);
  g_free (refresh);
}

static void
complete_waiters (CbSlurmCluster *self,
                  const GError   *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  g_free (self->error);
  self->error = error ? g_strdup (error->message) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
commit (CbSlurmCluster *self,
        Refresh        *refresh)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partitions = NULL;

  if (refresh->error != NULL)
    {
      complete_waiters (self, refresh->error);
      return;
    }

  partitions = cb_slurm_partitions_parse (refresh->partitions, refresh->sinfo, &error);
  if (partitions == NULL)
    {
      complete_waiters (self, error);
      return;
    }

  g_ptr_array_unref (self->partitions);
  self->partitions = g_steal_pointer (&partitions);
  g_free (self->name);
  self->name = cb_slurm_parse_show_config (refresh->config ? refresh->config : "", "ClusterName");
  g_clear_pointer (&self->accounts, g_strfreev);
  g_clear_pointer (&self->qos, g_strfreev);
  self->accounting = refresh->accounting;
  if (self->accounting && refresh->associations != NULL)
    cb_slurm_parse_associations (refresh->associations, &self->accounts, &self->qos);
  self->updated = g_get_real_time ();

  complete_waiters (self, NULL);
}

static void
on_part_done (CbSlurmCluster *self,
              Refresh        *refresh);

typedef struct
{
  CbSlurmCluster  *self;
  Refresh         *refresh;
  char           **slot;
  gboolean         required;
} Part;

static void
on_command (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Part *part = user_data;
  g_autoptr(GError) error = NULL;

  *part->slot = cb_slurm_command_run_finish (result, &error);
  if (*part->slot == NULL && part->required && part->refresh->error == NULL)
    part->refresh->error = g_steal_pointer (&error);

  on_part_done (part->self, part->refresh);
  g_object_unref (part->self);
  g_free (part);
}

static void
run_part (CbSlurmCluster     *self,
          Refresh            *refresh,
          const char * const *argv,
          char              **slot,
          gboolean            required)
{
  Part *part = g_new0 (Part, 1);

  part->self = g_object_ref (self);
  part->refresh = refresh;
  part->slot = slot;
  part->required = required;
  refresh->n_running++;
  cb_slurm_command_run_async (argv, NULL, NULL, NULL, on_command, part);
}

static void
on_part_done (CbSlurmCluster *self,
              Refresh        *refresh)
{
  if (--refresh->n_running > 0)
    return;

  /* The first round done: with accounting, the user's accounts next */
  if (refresh->error == NULL && refresh->config != NULL && !refresh->accounting)
    {
      g_autofree char *storage = cb_slurm_parse_show_config (refresh->config,
                                                             "AccountingStorageType");

      refresh->accounting = g_strcmp0 (storage, "accounting_storage/slurmdbd") == 0;
      if (refresh->accounting)
        {
          g_autofree char *where = g_strdup_printf ("user=%s", g_get_user_name ());
          const char *argv[] = { "sacctmgr", "-n", "-P", "show", "associations", "where", where,
                                 "format=Account,QOS", NULL };

          run_part (self, refresh, argv, &refresh->associations, FALSE);
          return;
        }
    }

  commit (self, refresh);
  refresh_free (refresh);
}

/**
 * cb_slurm_cluster_refresh_async:
 *
 * Reads the cluster's partitions, and its accounts and QoS when it keeps
 * accounting, anew. #CbSlurmCluster::changed follows.
 */
void
cb_slurm_cluster_refresh_async (CbSlurmCluster      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  static const char * const partitions_argv[] = { "scontrol", "show", "partition", "-o", NULL };
  static const char * const sinfo_argv[] = {
    "sinfo", "-h", "-e", "-o", CB_SLURM_SINFO_FORMAT, NULL
  };
  static const char * const config_argv[] = { "scontrol", "show", "config", NULL };
  GTask *task;
  Refresh *refresh;

  g_return_if_fail (CB_IS_SLURM_CLUSTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_slurm_cluster_refresh_async);

  if (self->waiters != NULL)
    {
      g_ptr_array_add (self->waiters, task);
      return;
    }

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiters, task);

  refresh = g_new0 (Refresh, 1);
  /* Counted as one running until all three have started */
  refresh->n_running = 1;
  run_part (self, refresh, partitions_argv, &refresh->partitions, TRUE);
  run_part (self, refresh, sinfo_argv, &refresh->sinfo, FALSE);
  run_part (self, refresh, config_argv, &refresh->config, FALSE);
  on_part_done (self, refresh);
}

gboolean
cb_slurm_cluster_refresh_finish (CbSlurmCluster  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cb_slurm_cluster_ensure:
 *
 * Refreshes in the background when nothing was read yet, or when what
 * was read is older than %CB_SLURM_CLUSTER_MAX_AGE_SECONDS.
 */
void
cb_slurm_cluster_ensure (CbSlurmCluster *self)
{
  g_return_if_fail (CB_IS_SLURM_CLUSTER (self));

  if (self->waiters != NULL)
    return;
  if (self->updated != 0 &&
      g_get_real_time () - self->updated < CB_SLURM_CLUSTER_MAX_AGE_SECONDS * G_USEC_PER_SEC)
    return;

  cb_slurm_cluster_refresh_async (self, NULL, NULL, NULL);
}

/* Getters */

gboolean
cb_slurm_cluster_is_loaded (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), FALSE);
  return self->updated != 0;
}

gboolean
cb_slurm_cluster_is_loading (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), FALSE);
  return self->waiters != NULL;
}

/**
 * cb_slurm_cluster_get_updated:
 *
 * Returns: when the cluster was last read, in microseconds since the
 *   epoch, or 0
 */
gint64
cb_slurm_cluster_get_updated (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), 0);
  return self->updated;
}

/**
 * cb_slurm_cluster_get_error:
 *
 * Returns: (nullable): why the last refresh failed; what was read before
 *   is kept
 */
const char *
cb_slurm_cluster_get_error (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);
  return self->error;
}

/**
 * cb_slurm_cluster_get_name:
 *
 * Returns: (nullable): the cluster's ClusterName
 */
const char *
cb_slurm_cluster_get_name (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);
  return self->name;
}

/**
 * cb_slurm_cluster_get_partitions:
 *
 * Returns: (transfer none) (element-type CbSlurmPartition): the
 *   partitions, in the cluster's order
 */
GPtrArray *
cb_slurm_cluster_get_partitions (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);
  return self->partitions;
}

const CbSlurmPartition *
cb_slurm_cluster_lookup_partition (CbSlurmCluster *self,
                                   const char     *name)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);

  for (guint i = 0; name != NULL && i < self->partitions->len; i++)
    {
      const CbSlurmPartition *partition = g_ptr_array_index (self->partitions, i);

      if (strcmp (partition->name, name) == 0)
        return partition;
    }

  return NULL;
}

/**
 * cb_slurm_cluster_get_default_partition:
 *
 * Returns: (nullable): where jobs go that name no partition
 */
const CbSlurmPartition *
cb_slurm_cluster_get_default_partition (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);

  for (guint i = 0; i < self->partitions->len; i++)
    {
      const CbSlurmPartition *partition = g_ptr_array_index (self->partitions, i);

      if (partition->is_default)
        return partition;
    }

  return NULL;
}

/**
 * cb_slurm_cluster_has_accounting:
 *
 * Returns: whether the cluster keeps accounting (slurmdbd), so that
 *   accounts, QoS and sacct mean something
 */
gboolean
cb_slurm_cluster_has_accounting (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), FALSE);
  return self->accounting;
}

/**
 * cb_slurm_cluster_get_accounts:
 *
 * Returns: (nullable) (transfer none): the user's accounts, or %NULL
 *   without accounting
 */
const char * const *
cb_slurm_cluster_get_accounts (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);
  return (const char * const *)self->accounts;
}

/**
 * cb_slurm_cluster_get_qos:
 *
 * Returns: (nullable) (transfer none): the QoS the user's accounts allow,
 *   or %NULL without accounting
 */
const char * const *
cb_slurm_cluster_get_qos (CbSlurmCluster *self)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);
  return (const char * const *)self->qos;
}

/* Checking a job's resources */

static char *
partition_names (CbSlurmCluster *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->partitions->len; i++)
    {
      const CbSlurmPartition *partition = g_ptr_array_index (self->partitions, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, partition->name);
    }

  return g_string_free (out, FALSE);
}

static char *
check_listed (CbSlurmField        field,
              const char         *value,
              const char * const *known)
{
  g_autofree char *list = NULL;

  if (value == NULL || known == NULL || g_strv_contains (known, value))
    return NULL;

  list = g_strjoinv (", ", (char **)known);
  return g_strdup_printf (_("%s: “%s” is not one of yours; you have %s."),
                          cb_slurm_field_get_label (field), value, list[0] ? list : _("none"));
}

/**
 * cb_slurm_cluster_check_field:
 *
 * Checks one field of @resources against the cluster: the partition
 * exists, and the field is within what the partition (the default one
 * when none is set) allows; accounts and QoS are the user's.
 *
 * Returns: (transfer full) (nullable): a sentence that names the field and
 *   says what is wrong, or %NULL (also when the cluster was not read)
 */
char *
cb_slurm_cluster_check_field (CbSlurmCluster         *self,
                              const CbSlurmResources *resources,
                              CbSlurmField            field)
{
  const char *name;
  const CbSlurmPartition *partition;

  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), NULL);
  g_return_val_if_fail (resources != NULL, NULL);

  if (self->updated == 0)
    return NULL;

  name = cb_slurm_resources_get (resources, CB_SLURM_FIELD_PARTITION);
  partition = name ? cb_slurm_cluster_lookup_partition (self, name)
                   : cb_slurm_cluster_get_default_partition (self);
  if (name != NULL && partition == NULL)
    {
      g_autofree char *names = NULL;

      if (field != CB_SLURM_FIELD_PARTITION)
        return NULL;
      names = partition_names (self);
      return g_strdup_printf (_("%s: the cluster has no partition “%s”; it has %s."),
                              cb_slurm_field_get_label (field), name, names);
    }

  if (field == CB_SLURM_FIELD_ACCOUNT && self->accounting)
    return check_listed (field, cb_slurm_resources_get (resources, field),
                         (const char * const *)self->accounts);
  if (field == CB_SLURM_FIELD_QOS && self->accounting)
    return check_listed (field, cb_slurm_resources_get (resources, field),
                         (const char * const *)self->qos);

  if (partition == NULL)
    return NULL;
  return cb_slurm_resources_check_field (resources, field, partition);
}

/**
 * cb_slurm_cluster_check:
 *
 * Checks every field (see cb_slurm_cluster_check_field()).
 *
 * Returns: %FALSE with @error set to the first problem
 */
gboolean
cb_slurm_cluster_check (CbSlurmCluster          *self,
                        const CbSlurmResources  *resources,
                        GError                 **error)
{
  g_return_val_if_fail (CB_IS_SLURM_CLUSTER (self), FALSE);

  for (guint i = 0; i < CB_SLURM_N_FIELDS; i++)
    {
      g_autofree char *problem = cb_slurm_cluster_check_field (self, resources, i);

      if (problem != NULL)
        {
          g_set_error_literal (error, CB_ERROR, CB_ERROR_VALIDATION, problem);
          return FALSE;
        }
    }

  return TRUE;
}
