/* test-slurm-parse.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-slurm-cluster.h"
#include "cb-slurm-command.h"
#include "cb-slurm-job.h"
#include "cb-slurm-partition.h"
#include "cb-slurm-record.h"
#include "cb-slurm-resources.h"
#include "cb-slurm-units.h"
#include "cb-test-util.h"

/* What Slurm's commands print, read back: output captured from the test
 * cluster (one-node-*, squeue-array*, scontrol-job-array) and written for
 * a larger cluster with GPUs and accounting (gpu-cluster-*, sacct*)
 */

static char *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "slurm", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static GPtrArray *
load_partitions (const char *prefix)
{
  g_autofree char *scontrol_name = g_strconcat (prefix, "-partitions.txt", NULL);
  g_autofree char *sinfo_name = g_strconcat (prefix, "-sinfo.txt", NULL);
  g_autofree char *scontrol = fixture (scontrol_name);
  g_autofree char *sinfo = fixture (sinfo_name);
  g_autoptr(GError) error = NULL;
  GPtrArray *partitions = cb_slurm_partitions_parse (scontrol, sinfo, &error);

  g_assert_no_error (error);
  return partitions;
}

static void
test_record (void)
{
  g_autoptr(GHashTable) record =
    cb_slurm_record_parse ("JobId=7 JobName=my run lr=0.1 UserId=root(0) ReqB:S:C:T=0:0:*:* "
                           "CPUs/Task=2 Command=/home/me/my project/run.sh WorkDir=/tmp");
  g_autofree char **keys = NULL;
  guint n = 0;

  g_assert_cmpstr (g_hash_table_lookup (record, "JobId"), ==, "7");
  /* A word that looks like a key starts one; others continue the value */
  g_assert_cmpstr (g_hash_table_lookup (record, "JobName"), ==, "my run");
  g_assert_cmpstr (g_hash_table_lookup (record, "lr"), ==, "0.1");
  g_assert_cmpstr (g_hash_table_lookup (record, "ReqB:S:C:T"), ==, "0:0:*:*");
  g_assert_cmpstr (g_hash_table_lookup (record, "CPUs/Task"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (record, "Command"), ==, "/home/me/my project/run.sh");
  g_assert_true (cb_slurm_record_get_uint (record, "CPUs/Task", &n));
  g_assert_cmpuint (n, ==, 2);
  keys = (char **)g_hash_table_get_keys_as_array (record, &n);
  g_assert_cmpuint (n, ==, 8);
}

static void
test_partitions_one_node (void)
{
  g_autoptr(GPtrArray) partitions = load_partitions ("one-node");
  const CbSlurmPartition *debug;
  const CbSlurmPartition *shortp;

  g_assert_cmpuint (partitions->len, ==, 2);
  debug = g_ptr_array_index (partitions, 0);
  shortp = g_ptr_array_index (partitions, 1);

  g_assert_cmpstr (debug->name, ==, "debug");
  g_assert_true (debug->is_default);
  g_assert_true (debug->up);
  g_assert_cmpuint (debug->max_time, ==, 30);
  g_assert_cmpuint (debug->default_time, ==, 10);
  g_assert_cmpuint (debug->total_nodes, ==, 1);
  g_assert_cmpuint (debug->max_nodes, ==, 1);
  g_assert_cmpuint (debug->cpus_per_node, ==, 2);
  g_assert_cmpuint (debug->mem_per_node, ==, 22899);
  g_assert_cmpuint (debug->gpus->len, ==, 1);
  g_assert_cmpstr (((CbSlurmGpu *)g_ptr_array_index (debug->gpus, 0))->type, ==, "fake");
  g_assert_cmpuint (debug->gpus_per_node, ==, 2);
  g_assert_null (debug->allow_accounts);

  g_assert_cmpstr (shortp->name, ==, "short");
  g_assert_false (shortp->is_default);
  g_assert_cmpuint (shortp->max_time, ==, 1);
  g_assert_cmpuint (shortp->default_time, ==, 0);
}

static void
test_partitions_gpu_cluster (void)
{
  g_autoptr(GPtrArray) partitions = load_partitions ("gpu-cluster");
  const CbSlurmPartition *cpu, *gpu, *debug, *lng;
  const CbSlurmGpu *a100, *v100;
  g_autofree char *described = NULL;

  g_assert_cmpuint (partitions->len, ==, 4);
  cpu = g_ptr_array_index (partitions, 0);
  gpu = g_ptr_array_index (partitions, 1);
  debug = g_ptr_array_index (partitions, 2);
  lng = g_ptr_array_index (partitions, 3);

  g_assert_true (cpu->is_default);
  g_assert_cmpuint (cpu->max_time, ==, 2 * 24 * 60);
  g_assert_cmpuint (cpu->max_nodes, ==, 16);
  g_assert_cmpuint (cpu->total_nodes, ==, 128);
  /* The biggest nodes of the partition bound a job */
  g_assert_cmpuint (cpu->cpus_per_node, ==, 128);
  g_assert_cmpuint (cpu->mem_per_node, ==, 1031000);
  g_assert_cmpuint (cpu->gpus->len, ==, 0);

  /* Two GPU types; MaxMemPerNode below what the nodes have */
  g_assert_cmpuint (gpu->gpus->len, ==, 2);
  a100 = cb_slurm_partition_find_gpu (gpu, "a100");
  v100 = cb_slurm_partition_find_gpu (gpu, "v100");
  g_assert_nonnull (a100);
  g_assert_nonnull (v100);
  g_assert_cmpuint (a100->per_node, ==, 4);
  g_assert_cmpuint (v100->per_node, ==, 2);
  g_assert_true (cb_slurm_partition_find_gpu (gpu, NULL) == a100);
  g_assert_null (cb_slurm_partition_find_gpu (gpu, "h100"));
  g_assert_cmpuint (gpu->gpus_per_node, ==, 4);
  g_assert_cmpuint (gpu->node_mem, ==, 512000);
  g_assert_cmpuint (gpu->mem_per_node, ==, 480000);
  g_assert_cmpuint (gpu->max_nodes, ==, 4);
  g_assert_cmpstr (gpu->allow_accounts[1], ==, "vision");
  g_assert_cmpstr (gpu->allow_qos[0], ==, "normal");

  /* Sockets in parentheses hold commas; shards are not GPUs */
  g_assert_cmpuint (debug->gpus->len, ==, 1);
  g_assert_cmpuint (debug->gpus_per_node, ==, 4);
  g_assert_cmpuint (debug->max_time, ==, 30);

  g_assert_false (lng->up);
  g_assert_cmpuint (lng->max_time, ==, CB_SLURM_TIME_UNLIMITED);
  g_assert_cmpuint (lng->default_time, ==, 24 * 60);

  described = cb_slurm_partition_describe (gpu);
  g_assert_cmpstr (described, ==,
                   "up to 1 day, 20 nodes of up to 64 CPUs and 468.8 GB, GPUs: 4 × a100, 2 × v100");
}

static void
test_partitions_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partitions = cb_slurm_partitions_parse ("", NULL, &error);

  g_assert_null (partitions);
  g_assert_error (error, CB_ERROR, CB_ERROR_PARSE);
}

static CbSlurmResources *
resources (const char *first_key,
           ...)
{
  CbSlurmResources *self = cb_slurm_resources_new ();
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);
      CbSlurmField field;

      g_assert_true (cb_slurm_field_from_key (key, &field));
      g_assert_true (cb_slurm_resources_set (self, field, value, NULL));
      key = va_arg (args, const char *);
    }
  va_end (args);

  return self;
}

static void
assert_problem (const CbSlurmResources *self,
                CbSlurmField            field,
                const CbSlurmPartition *partition,
                const char             *expected)
{
  g_autofree char *problem = cb_slurm_resources_check_field (self, field, partition);

  g_assert_cmpstr (problem, ==, expected);
}

static void
test_check_limits (void)
{
  g_autoptr(GPtrArray) partitions = load_partitions ("gpu-cluster");
  const CbSlurmPartition *cpu = g_ptr_array_index (partitions, 0);
  const CbSlurmPartition *gpu = g_ptr_array_index (partitions, 1);
  const CbSlurmPartition *debug = g_ptr_array_index (partitions, 2);
  const CbSlurmPartition *lng = g_ptr_array_index (partitions, 3);
  g_autoptr(CbSlurmResources) fine = resources ("time", "12:00:00", "gpus", "4", "gpu_type", "a100",
                                                "mem", "400G", "nodes", "2", NULL);
  g_autoptr(CbSlurmResources) big = resources ("time", "2-00:00:00", "gpus", "3", "gpu_type",
            "v100",
                                               "mem", "500G", "nodes", "5", "cpus_per_task", "96",
                                               "account", "other", "qos", "low", NULL);
  g_autoptr(CbSlurmResources) typo = resources ("gpus", "1", "gpu_type", "h100", NULL);
  g_autoptr(CbSlurmResources) tasks = resources ("ntasks", "9", "cpus_per_task", "32", "nodes",
            "4", NULL);
  g_autoptr(CbSlurmResources) many = resources ("gpus", "6", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_slurm_resources_check (fine, gpu, &error));
  g_assert_no_error (error);

  assert_problem (big, CB_SLURM_FIELD_TIME, gpu,
                  "Time limit: 2 days is more than partition “gpu” allows (1 day).");
  assert_problem (big, CB_SLURM_FIELD_GPUS, gpu,
                  "GPUs per node: nodes of partition “gpu” have at most 2 v100 GPUs.");
  assert_problem (big, CB_SLURM_FIELD_MEM, gpu,
                  "Memory per node: 500 GB is more than a node of partition “gpu” gives a job (468.8 GB).");
  assert_problem (big, CB_SLURM_FIELD_NODES, gpu,
                  "Nodes: partition “gpu” gives a job at most 4 nodes.");
  assert_problem (big, CB_SLURM_FIELD_CPUS_PER_TASK, gpu,
                  "CPUs per task: nodes of partition “gpu” have at most 64 CPUs.");
  assert_problem (big, CB_SLURM_FIELD_ACCOUNT, gpu,
                  "Account: partition “gpu” does not take jobs of account “other”.");
  assert_problem (big, CB_SLURM_FIELD_QOS, gpu,
                  "QoS: partition “gpu” does not take jobs of QoS “low”.");
  g_assert_false (cb_slurm_resources_check (big, gpu, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_VALIDATION);
  g_assert_true (g_str_has_prefix (error->message, "Time limit: "));

  assert_problem (typo, CB_SLURM_FIELD_GPU_TYPE, gpu,
                  "GPU type: partition “gpu” has no GPUs of type “h100”; it has a100, v100.");
  assert_problem (typo, CB_SLURM_FIELD_GPUS, gpu, NULL);
  assert_problem (typo, CB_SLURM_FIELD_GPUS, cpu, "GPUs per node: partition “cpu” has no GPUs.");

  assert_problem (tasks, CB_SLURM_FIELD_NTASKS, gpu,
                  "Tasks: 9 tasks of 32 CPUs need more CPUs than 4 nodes of partition “gpu” have (64 each).");
  assert_problem (tasks, CB_SLURM_FIELD_NTASKS, cpu, NULL);

  assert_problem (fine, CB_SLURM_FIELD_PARTITION, lng,
                  "Partition: “long” is not up; a job sent there waits until it is.");
  /* No limit is no limit */
  assert_problem (big, CB_SLURM_FIELD_TIME, lng, NULL);
  assert_problem (big, CB_SLURM_FIELD_GPU_TYPE, debug,
                  "GPU type: partition “debug” has no GPUs of type “v100”; it has a100.");
  assert_problem (many, CB_SLURM_FIELD_GPUS, debug,
                  "GPUs per node: nodes of partition “debug” have at most 4 GPUs.");
}

static void
test_job_states (void)
{
  g_assert_cmpint (cb_slurm_job_state_parse ("RUNNING"), ==, CB_SLURM_JOB_RUNNING);
  g_assert_cmpint (cb_slurm_job_state_parse ("CANCELLED by 1000"), ==, CB_SLURM_JOB_CANCELLED);
  g_assert_cmpint (cb_slurm_job_state_parse ("OUT_OF_MEMORY"), ==, CB_SLURM_JOB_OUT_OF_MEMORY);
  g_assert_cmpint (cb_slurm_job_state_parse ("TO"), ==, CB_SLURM_JOB_TIMEOUT);
  g_assert_cmpint (cb_slurm_job_state_parse ("REQUEUED"), ==, CB_SLURM_JOB_PENDING);
  g_assert_cmpint (cb_slurm_job_state_parse ("COMPLETED+"), ==, CB_SLURM_JOB_COMPLETED);
  g_assert_cmpint (cb_slurm_job_state_parse ("WHATEVER"), ==, CB_SLURM_JOB_UNKNOWN);
  g_assert_cmpstr (cb_slurm_job_state_to_string (CB_SLURM_JOB_PREEMPTED), ==, "PREEMPTED");
  g_assert_false (cb_slurm_job_state_is_finished (CB_SLURM_JOB_COMPLETING));
  g_assert_true (cb_slurm_job_state_is_finished (CB_SLURM_JOB_LOST));
}

static void
test_squeue (void)
{
  g_autofree char *text = fixture ("squeue-array.txt");
  g_autoptr(GPtrArray) infos = cb_slurm_job_infos_parse_squeue (text);
  const CbSlurmJobInfo *array, *held;

  g_assert_cmpuint (infos->len, ==, 2);
  array = g_ptr_array_index (infos, 0);
  held = g_ptr_array_index (infos, 1);

  g_assert_cmpstr (array->job_id, ==, "1");
  g_assert_cmpstr (array->array_job_id, ==, "1");
  g_assert_cmpstr (array->tasks, ==, "0-3%2");
  g_assert_cmpint (array->state, ==, CB_SLURM_JOB_PENDING);
  g_assert_null (array->reason);
  g_assert_null (array->nodes);

  g_assert_cmpstr (held->job_id, ==, "2");
  g_assert_null (held->array_job_id);
  g_assert_null (held->tasks);
  g_assert_cmpstr (held->reason, ==, "JobHeldUser");
  g_assert_cmpint (held->exit_code, ==, -1);
}

static void
test_array_job (void)
{
  g_autofree char *pending = fixture ("squeue-array.txt");
  g_autofree char *done = fixture ("squeue-array-done.txt");
  g_autofree char *scontrol = fixture ("scontrol-job-array.txt");
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CbSlurmJob) job = NULL;
  g_autofree char *status = NULL;
  g_autofree char *log = NULL;

  for (guint i = 0; i < 4; i++)
    g_array_append_val (ids, i);
  job = cb_slurm_job_new_array ("1", "/p/jobs/%A_%a-%j.log", ids);
  g_assert_cmpuint (cb_slurm_job_get_tasks (job)->len, ==, 4);
  g_assert_cmpstr (cb_slurm_job_get_id (cb_slurm_job_get_task (job, 2)), ==, "1_2");

  infos = cb_slurm_job_infos_parse_squeue (pending);
  g_assert_true (cb_slurm_job_update (job, g_ptr_array_index (infos, 0), FALSE));
  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_PENDING);
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (job, 3)), ==,
                   CB_SLURM_JOB_PENDING);
  /* An array task's %j is its own id, not known before it starts */
  g_assert_null (cb_slurm_job_get_output_path (cb_slurm_job_get_task (job, 0)));
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Its scontrol record: two tasks done, two waiting for the throttle */
  infos = cb_slurm_job_infos_parse_scontrol (scontrol);
  g_assert_cmpuint (infos->len, ==, 3);
  g_assert_cmpstr (((CbSlurmJobInfo *)g_ptr_array_index (infos, 0))->tasks, ==, "2-3%2");
  for (guint i = 0; i < infos->len; i++)
    cb_slurm_job_update (job, g_ptr_array_index (infos, i), TRUE);
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (job, 0)), ==,
                   CB_SLURM_JOB_COMPLETED);
  g_assert_cmpint (cb_slurm_job_get_exit_code (cb_slurm_job_get_task (job, 1)), ==, 0);
  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_PENDING);
  /* The array started with its first task; it has not ended */
  g_assert_cmpint (cb_slurm_job_get_start_time (cb_slurm_job_get_task (job, 0)), ==,
                   cb_slurm_parse_time ("2026-11-30T19:00:59"));
  g_assert_cmpint (cb_slurm_job_get_end_time (cb_slurm_job_get_task (job, 0)), ==,
                   cb_slurm_parse_time ("2026-11-30T19:01:00"));
  g_assert_cmpint (cb_slurm_job_get_start_time (job), ==,
                   cb_slurm_job_get_start_time (cb_slurm_job_get_task (job, 0)));
  g_assert_cmpint (cb_slurm_job_get_end_time (job), ==, 0);
  status = cb_slurm_job_get_status_text (job);
  g_assert_cmpstr (status, ==,
                   "Pending: waiting for other tasks of the array (2 of 4 tasks finished)");
  g_clear_pointer (&infos, g_ptr_array_unref);
  g_clear_pointer (&status, g_free);

  infos = cb_slurm_job_infos_parse_squeue (done);
  for (guint i = 0; i < infos->len; i++)
    cb_slurm_job_update (job, g_ptr_array_index (infos, i), FALSE);
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (job, 2)), ==,
                   CB_SLURM_JOB_FAILED);
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (job, 3)), ==,
                   CB_SLURM_JOB_COMPLETED);
  /* Failed, as its one failed task */
  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_FAILED);
  /* squeue gives no exit codes: the end is not known in full yet */
  g_assert_false (cb_slurm_job_has_end_details (job));

  log = cb_slurm_job_get_output_path (cb_slurm_job_get_task (job, 2));
  g_assert_cmpstr (log, ==, "/p/jobs/1_2-5.log");
  g_clear_pointer (&log, g_free);
  /* The last task takes the array's own id */
  log = cb_slurm_job_get_output_path (cb_slurm_job_get_task (job, 3));
  g_assert_cmpstr (log, ==, "/p/jobs/1_3-1.log");
}

static void
test_job_variant (void)
{
  g_autofree char *scontrol = fixture ("scontrol-job-array.txt");
  g_autoptr(GPtrArray) infos = cb_slurm_job_infos_parse_scontrol (scontrol);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CbSlurmJob) job = NULL;
  g_autoptr(CbSlurmJob) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) again = NULL;
  g_autoptr(GVariant) bad = g_variant_ref_sink (g_variant_new_string ("12"));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 4; i++)
    g_array_append_val (ids, i);
  job = cb_slurm_job_new_array ("1", "/p/jobs/%A_%a.log", ids);
  cb_slurm_job_set_name (job, "sweep");
  for (guint i = 0; i < infos->len; i++)
    cb_slurm_job_update (job, g_ptr_array_index (infos, i), TRUE);

  /* What the history keeps, read back, is the same job */
  variant = cb_slurm_job_to_variant (job);
  back = cb_slurm_job_new_from_variant (variant, &error);
  g_assert_no_error (error);
  again = cb_slurm_job_to_variant (back);
  g_assert_true (g_variant_equal (variant, again));
  g_assert_cmpstr (cb_slurm_job_get_id (cb_slurm_job_get_task (back, 2)), ==, "1_2");
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (back, 0)), ==, CB_SLURM_JOB_COMPLETED);
  before = cb_slurm_job_get_status_text (job);
  after = cb_slurm_job_get_status_text (back);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (cb_slurm_job_has_end_details (back));

  g_assert_null (cb_slurm_job_new_from_variant (bad, &error));
  g_assert_error (error, CB_ERROR, CB_ERROR_INVALID);
}

static void
test_sacct (void)
{
  g_autofree char *text = fixture ("sacct.txt");
  g_autoptr(GPtrArray) infos = cb_slurm_job_infos_parse_sacct (text);
  static const struct { const char *status; } expected[] = {
    { "Completed" },
    { "Timed out: it reached its time limit" },
    { "Cancelled" },
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CbSlurmJob) array = NULL;
  CbSlurmJobInfo *info;

  g_assert_cmpuint (infos->len, ==, 9);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CbSlurmJobInfo *line = g_ptr_array_index (infos, i);
      g_autoptr(CbSlurmJob) job = cb_slurm_job_new (line->job_id, NULL);
      g_autofree char *status = NULL;

      cb_slurm_job_update (job, line, TRUE);
      status = cb_slurm_job_get_status_text (job);
      g_assert_cmpstr (status, ==, expected[i].status);
      g_assert_true (cb_slurm_job_has_end_details (job));
    }

  /* Times are the cluster's local time, in whole seconds */
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpint (info->start_time, ==, cb_slurm_parse_time ("2026-11-30T10:00:00"));
  g_assert_cmpint (info->end_time - info->start_time, ==, (gint64)90 * 60 * G_USEC_PER_SEC);
  info = g_ptr_array_index (infos, 1);
  g_assert_cmpint (info->term_signal, ==, 15);
  g_assert_cmpstr (info->name, ==, "train long");
  info = g_ptr_array_index (infos, 2);
  g_assert_null (info->nodes);
  /* Cancelled before it started */
  g_assert_cmpint (info->start_time, ==, 0);
  g_assert_cmpint (info->end_time, !=, 0);

  for (guint i = 0; i < 6; i++)
    g_array_append_val (ids, i);
  array = cb_slurm_job_new_array ("4250", NULL, ids);
  for (guint i = 3; i < 7; i++)
    cb_slurm_job_update (array, g_ptr_array_index (infos, i), TRUE);
  g_assert_cmpint (cb_slurm_job_get_exit_code (cb_slurm_job_get_task (array, 1)), ==, 2);
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (array, 2)), ==,
                   CB_SLURM_JOB_OUT_OF_MEMORY);
  g_assert_cmpint (cb_slurm_job_get_state (cb_slurm_job_get_task (array, 5)), ==,
                   CB_SLURM_JOB_PENDING);
  g_assert_cmpint (cb_slurm_job_get_state (array), ==, CB_SLURM_JOB_PENDING);
}

static void
test_status_texts (void)
{
  static const struct { const char *line; const char *status; } cases[] = {
    { "5|5|5|N/A|PENDING|Resources||train", "Pending: waiting for resources" },
    { "5|5|5|N/A|PENDING|Priority||train", "Pending: other jobs come first" },
    { "5|5|5|N/A|PENDING|SomethingNew||train", "Pending: SomethingNew" },
    { "5|5|5|N/A|RUNNING|None|gpu[01-02]|train", "Running on gpu[01-02]" },
    { "5|5|5|N/A|PREEMPTED|None|gpu01|train", "Preempted: another job took its resources" },
    { "5|5|5|N/A|OUT_OF_MEMORY|OutOfMemory|gpu01|train", "Out of memory: it used more than it asked for" },
    { "5|5|5|N/A|NODE_FAIL|NodeDown|gpu01|train", "Ended by a node failure" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) infos = cb_slurm_job_infos_parse_squeue (cases[i].line);
      g_autoptr(CbSlurmJob) job = cb_slurm_job_new ("5", NULL);
      g_autofree char *status = NULL;

      g_assert_cmpuint (infos->len, ==, 1);
      cb_slurm_job_update (job, g_ptr_array_index (infos, 0), FALSE);
      status = cb_slurm_job_get_status_text (job);
      g_assert_cmpstr (status, ==, cases[i].status);
    }
}

static void
test_failed_exit_code (void)
{
  g_autoptr(GPtrArray) infos =
    cb_slurm_job_infos_parse_scontrol ("JobId=9 JobName=train JobState=FAILED Reason=NonZeroExitCode "
                                       "ExitCode=3:0 NodeList=vm\n");
  g_autoptr(CbSlurmJob) job = cb_slurm_job_new ("9", "/p/%x-%j.log");
  g_autofree char *status = NULL;
  g_autofree char *log = NULL;

  g_assert_true (cb_slurm_job_update (job, g_ptr_array_index (infos, 0), TRUE));
  status = cb_slurm_job_get_status_text (job);
  g_assert_cmpstr (status, ==, "Failed with exit code 3");
  g_assert_true (cb_slurm_job_has_end_details (job));
  log = cb_slurm_job_get_output_path (job);
  g_assert_cmpstr (log, ==, "/p/train-9.log");

  /* A stale line from before does not bring it back to life */
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = cb_slurm_job_infos_parse_squeue ("9|9|9|N/A|RUNNING|None|vm|train");
  g_assert_false (cb_slurm_job_update (job, g_ptr_array_index (infos, 0), FALSE));
  g_assert_cmpint (cb_slurm_job_get_state (job), ==, CB_SLURM_JOB_FAILED);
}

static void
test_show_config_and_associations (void)
{
  g_autofree char *config = fixture ("one-node-show-config.txt");
  g_autofree char *associations = fixture ("sacctmgr-associations.txt");
  g_autofree char *storage = cb_slurm_parse_show_config (config, "AccountingStorageType");
  g_autofree char *name = cb_slurm_parse_show_config (config, "ClusterName");
  g_autofree char *missing = cb_slurm_parse_show_config (config, "Accounting");
  g_auto(GStrv) accounts = NULL;
  g_auto(GStrv) qos = NULL;
  g_autofree char *account_list = NULL;
  g_autofree char *qos_list = NULL;

  g_assert_cmpstr (storage, ==, "accounting_storage/none");
  g_assert_cmpstr (name, ==, "cbtest");
  g_assert_null (missing);

  cb_slurm_parse_associations (associations, &accounts, &qos);
  account_list = g_strjoinv (",", accounts);
  qos_list = g_strjoinv (",", qos);
  g_assert_cmpstr (account_list, ==, "ocr-lab,vision");
  g_assert_cmpstr (qos_list, ==, "normal,high,low");
}

/* What a Slurm command says on stderr becomes the error's message */

static void
on_command (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *out = cb_slurm_command_run_finish (result, error);

  g_assert_null (out);
  g_assert_nonnull (*error);
}

static void
test_command_errors (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *sbatch = cb_test_write (dir, "sbatch",
                                           "#!/bin/sh\n"
                                           "cat >/dev/null\n"
                                           "echo 'sbatch: error: Batch job submission failed: Invalid account' >&2\n"
                                           "echo 'sbatch: error: see the docs' >&2\n"
                                           "exit 1\n");
  g_autofree char *squeue = cb_test_write (dir, "squeue", "#!/bin/sh\necho \"$LC_ALL|$1\"\n");
  const char *sbatch_argv[] = { sbatch, "--parsable", NULL };
  const char *squeue_argv[] = { squeue, "-h", NULL };
  const char *missing_argv[] = { "cb-no-such-slurm-command", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) spawned = NULL;

  g_assert_cmpint (g_chmod (sbatch, 0755), ==, 0);
  g_assert_cmpint (g_chmod (squeue, 0755), ==, 0);

  out = cb_slurm_command_run (sbatch_argv, dir, "#!/bin/bash\ntrue\n", NULL, &error);
  g_assert_null (out);
  g_assert_error (error, CB_ERROR, CB_ERROR_IO);
  g_assert_cmpstr (error->message, ==,
                   "“sbatch” failed: Batch job submission failed: Invalid account; see the docs");
  g_clear_error (&error);

  /* The same off the main thread */
  cb_slurm_command_run_async (sbatch_argv, dir, "#!/bin/bash\n", NULL, on_command, &error);
  cb_test_wait_until (error != NULL, 30);
  g_assert_true (g_str_has_prefix (error->message, "“sbatch” failed: Batch job submission failed"));
  g_clear_error (&error);

  out = cb_slurm_command_run (missing_argv, NULL, NULL, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, CB_ERROR, CB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "“cb-no-such-slurm-command” is not installed on this computer "
                                       "(or not in PATH), so Slurm cannot be used from here.");
  g_clear_error (&error);

  /* Slurm's messages in one language, for the parsers */
  out = cb_slurm_command_run (squeue_argv, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "C|-h\n");

  /* Outside a Flatpak sandbox, commands run as they are */
  spawned = cb_slurm_command_build_argv (squeue_argv, NULL);
  g_assert_cmpstrv (spawned, squeue_argv);

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slurm-parse/record", test_record);
  g_test_add_func ("/slurm-parse/partitions-one-node", test_partitions_one_node);
  g_test_add_func ("/slurm-parse/partitions-gpu-cluster", test_partitions_gpu_cluster);
  g_test_add_func ("/slurm-parse/partitions-empty", test_partitions_empty);
  g_test_add_func ("/slurm-parse/check-limits", test_check_limits);
  g_test_add_func ("/slurm-parse/job-states", test_job_states);
  g_test_add_func ("/slurm-parse/squeue", test_squeue);
  g_test_add_func ("/slurm-parse/array-job", test_array_job);
  g_test_add_func ("/slurm-parse/job-variant", test_job_variant);
  g_test_add_func ("/slurm-parse/sacct", test_sacct);
  g_test_add_func ("/slurm-parse/status-texts", test_status_texts);
  g_test_add_func ("/slurm-parse/failed-exit-code", test_failed_exit_code);
  g_test_add_func ("/slurm-parse/show-config-and-associations", test_show_config_and_associations);
  g_test_add_func ("/slurm-parse/command-errors", test_command_errors);

  return g_test_run ();
}
