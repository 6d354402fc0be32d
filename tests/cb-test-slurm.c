/* cb-test-slurm.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "cb-test-slurm.h"
#include "cb-test-util.h"

/* The real one-node Slurm cluster of tests/slurm-cluster, started once for
 * a test program
 */

static char *
script_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "slurm-cluster", NULL);
}

/**
 * cb_test_slurm_start:
 * @skip_reason: (out): why there is no cluster here (not root, packages
 *   missing), or %NULL
 *
 * Starts a one-node cluster in a new folder and points SLURM_CONF at it,
 * so that the Slurm commands the code under test runs use it. The daemons
 * stop when this process ends, even if it crashes. A cluster that should
 * start here and does not is a failure, with its logs.
 *
 * Returns: (transfer full) (nullable): the cluster's folder, or %NULL
 *   with @skip_reason set
 */
char *
cb_test_slurm_start (char **skip_reason)
{
  g_autofree char *script = script_path ();
  g_autofree char *pid = g_strdup_printf ("%d", (int)getpid ());
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cmdbuilder-slurm-XXXXXX", &error);
  const char *argv[] = { script, "start", NULL, pid, NULL };
  int status;

  g_assert_no_error (error);
  *skip_reason = NULL;
  argv[2] = dir;

  status = cb_test_run (argv, NULL, &out, &err);
  if (status == 77)
    {
      *skip_reason = g_strstrip (g_steal_pointer (&err));
      cb_test_remove_tree (dir);
      return NULL;
    }
  if (status != 0)
    {
      g_autofree char *logs = NULL;
      const char *cat[] = { "sh", "-c", "tail -n 30 \"$0\"/log/*", dir, NULL };

      cb_test_run (cat, NULL, &logs, NULL);
      g_error ("The test cluster did not start (exit status %d): %s\n%s", status, err, logs);
    }

  g_setenv ("SLURM_CONF", g_strstrip (out) + strlen ("SLURM_CONF="), TRUE);
  return g_steal_pointer (&dir);
}

/**
 * cb_test_slurm_stop:
 *
 * Stops the daemons by their pids and removes the cluster's folder.
 */
void
cb_test_slurm_stop (const char *dir)
{
  g_autofree char *script = script_path ();
  const char *argv[] = { script, "stop", dir, NULL };

  if (dir == NULL)
    return;

  g_assert_cmpint (cb_test_run (argv, NULL, NULL, NULL), ==, 0);
  cb_test_remove_tree (dir);
}

typedef struct
{
  gboolean  done;
  CbJobRun *run;
  GError   *error;
  gboolean  again;
} Submitted;

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Submitted *submitted = user_data;

  if (submitted->again)
    submitted->run = cb_session_resubmit_finish (CB_SESSION (source), result, &submitted->error);
  else
    submitted->run = cb_session_submit_finish (CB_SESSION (source), result, &submitted->error);
  submitted->done = TRUE;
}

static CbJobRun *
wait_submitted (Submitted  *submitted,
                GError    **error)
{
  cb_test_wait_until (submitted->done, 60);
  if (submitted->error != NULL)
    g_propagate_error (error, submitted->error);
  return submitted->run;
}

/**
 * cb_test_slurm_submit:
 *
 * Submits the page of @index, as the window does, and waits for sbatch.
 *
 * Returns: (transfer full) (nullable): the job, or %NULL with @error set
 */
CbJobRun *
cb_test_slurm_submit (CbSession  *session,
                      guint       index,
                      GError    **error)
{
  Submitted submitted = { 0 };

  cb_session_submit_async (session, index, NULL, on_submitted, &submitted);
  return wait_submitted (&submitted, error);
}

/**
 * cb_test_slurm_resubmit:
 *
 * Resubmits @job from its newest checkpoint, and waits for sbatch.
 *
 * Returns: (transfer full) (nullable): the new job, or %NULL with @error
 *   set
 */
CbJobRun *
cb_test_slurm_resubmit (CbSession  *session,
                        CbJobRun   *job,
                        GError    **error)
{
  Submitted submitted = { .again = TRUE };

  cb_session_resubmit_async (session, job, NULL, on_submitted, &submitted);
  return wait_submitted (&submitted, error);
}
