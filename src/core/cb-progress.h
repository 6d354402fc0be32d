/* cb-progress.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CB_PROGRESS_FRACTION_CHANGED = 1 << 0,
  CB_PROGRESS_LABEL_CHANGED    = 1 << 1,
  CB_PROGRESS_STATE_CHANGED    = 1 << 2,
} CbProgressChange;

/**
 * CbProgressState:
 * @CB_PROGRESS_RUNNING: the run goes on; the fraction is what the output
 *   said so far
 * @CB_PROGRESS_SUCCEEDED: the run succeeded: the fraction is 1 when the
 *   output spoke of progress at all
 * @CB_PROGRESS_STOPPED: the user stopped the run: the fraction stays where
 *   it was
 * @CB_PROGRESS_FAILED: the run failed: the fraction stays where it was
 */
typedef enum
{
  CB_PROGRESS_RUNNING,
  CB_PROGRESS_SUCCEEDED,
  CB_PROGRESS_STOPPED,
  CB_PROGRESS_FAILED,
} CbProgressState;

typedef struct _CbProgress CbProgress;

gboolean         cb_progress_parse        (const char      *line,
                                           GRegex          *custom,
                                           double          *fraction,
                                           char           **label);

CbProgress      *cb_progress_new          (GRegex          *custom);
void             cb_progress_free         (CbProgress      *self);
void             cb_progress_set_regex    (CbProgress      *self,
                                           GRegex          *custom);
guint            cb_progress_feed         (CbProgress      *self,
                                           const char      *line);
guint            cb_progress_finish       (CbProgress      *self,
                                           CbProgressState  state);
guint            cb_progress_reset        (CbProgress      *self);
double           cb_progress_get_fraction (CbProgress      *self);
const char      *cb_progress_get_label    (CbProgress      *self);
CbProgressState  cb_progress_get_state    (CbProgress      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbProgress, cb_progress_free)

G_END_DECLS
