/* cb-checkpoint-patterns.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/stat.h>

#include <gio/gio.h>

#include "cb-checkpoint-entry.h"

G_BEGIN_DECLS

#define CB_CHECKPOINT_MAX_COMPONENTS 63

/**
 * CbCheckpointPatterns:
 *
 * The globs of a `paths:` source, compiled: their components flattened
 * into one array, so that a folder's state is a bit mask of the
 * components that apply to its entries. Immutable once made, and shared
 * read-only with the threads that list folders.
 */
typedef struct
{
  guint    n;
  char   **comps;
  gboolean literal[CB_CHECKPOINT_MAX_COMPONENTS];
  gboolean globstar[CB_CHECKPOINT_MAX_COMPONENTS];
  gboolean last[CB_CHECKPOINT_MAX_COMPONENTS];
  gssize   star_suffix[CB_CHECKPOINT_MAX_COMPONENTS]; /* `*.ckpt`: the length of `.ckpt`; else -1 */
  guint    glob_of[CB_CHECKPOINT_MAX_COMPONENTS];
  guint    n_globs;
  int     *experiment_depth; /* per glob: depth of the first wildcard, or -1 */
  int     *experiment_tail;  /* per glob: for a first wildcard `**`, the levels after it */
  guint64  root_mask;
} CbCheckpointPatterns;

typedef enum {
  CB_LIST_OK,
  CB_LIST_GONE,
  CB_LIST_ERROR,
} CbListStatus;

/**
 * CbListFunc:
 * @relative: the entry's project-relative path, valid during the call
 * @name: its name in its folder
 * @glob: the glob whose file pattern it matches, or -1 for a folder
 * @child_mask: for a folder, the components that apply to its entries
 * @st: what stat() said about it
 */
typedef void (*CbListFunc) (const char        *relative,
                            const char        *name,
                            int                glob,
                            guint64            child_mask,
                            const struct stat *st,
                            gpointer           user_data);

CbCheckpointPatterns *cb_checkpoint_patterns_new        (const char * const         *globs);
CbCheckpointPatterns *cb_checkpoint_patterns_ref        (CbCheckpointPatterns       *pat);
void                  cb_checkpoint_patterns_unref      (CbCheckpointPatterns       *pat);
void                  cb_checkpoint_patterns_classify   (const CbCheckpointPatterns *pat,
                                                         guint64                     mask,
                                                         const char                 *name,
                                                         int                        *glob,
                                                         guint64                    *child_mask);
CbCheckpointEntry    *cb_checkpoint_patterns_make_entry (const CbCheckpointPatterns *pat,
                                                         const char                 *relative,
                                                         int                         glob,
                                                         const struct stat          *st,
                                                         char                      **cache);
CbListStatus          cb_checkpoint_patterns_list_dir   (const CbCheckpointPatterns *pat,
                                                         const char                 *root,
                                                         const char                 *dir,
                                                         guint64                     mask,
                                                         CbListFunc                  func,
                                                         gpointer                    user_data,
                                                         GError                    **error);

char                 *cb_checkpoint_join_relative       (const char                 *dir,
                                                         const char                 *name);
char                 *cb_checkpoint_absolute_path       (const char                 *root,
                                                         const char                 *relative);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCheckpointPatterns, cb_checkpoint_patterns_unref)

G_END_DECLS
