/* cb-test-slurm.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cb-session-jobs.h"

G_BEGIN_DECLS

char     *cb_test_slurm_start    (char      **skip_reason);
void      cb_test_slurm_stop     (const char *dir);
CbJobRun *cb_test_slurm_submit   (CbSession  *session,
                                  guint       index,
                                  GError    **error);
CbJobRun *cb_test_slurm_resubmit (CbSession  *session,
                                  CbJobRun   *job,
                                  GError    **error);

/**
 * CB_TEST_SLURM_REQUIRE:
 * @reason: why the cluster could not start, or %NULL when it runs
 *
 * Skips the test when there is no test cluster.
 */
#define CB_TEST_SLURM_REQUIRE(reason) G_STMT_START { \
    if ((reason) != NULL) \
      { \
        g_test_skip (reason); \
        return; \
      } \
  } G_STMT_END

G_END_DECLS
