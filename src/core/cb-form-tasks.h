/* cb-form-tasks.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-form.h"

G_BEGIN_DECLS

/* Slurm takes job arrays of at most this many tasks unless configured
 * otherwise (MaxArraySize=1001: task ids 0 to 1000)
 */
#define CB_FORM_MAX_TASKS 1001

/**
 * CbFormTask:
 * @argv: the command of one job of the multirun, on its own
 * @label: the values it sweeps, as overrides: `seed=2 model.lr=0.01`
 *
 * One combination of a form's sweeps.
 */
typedef struct
{
  char **argv;
  char  *label;
} CbFormTask;

void       cb_form_task_free  (CbFormTask  *task);
GPtrArray *cb_form_get_tasks  (CbForm      *self,
                               guint        max_tasks,
                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbFormTask, cb_form_task_free)

G_END_DECLS
