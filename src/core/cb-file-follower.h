/* cb-file-follower.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CB_TYPE_FILE_FOLLOWER (cb_file_follower_get_type ())

G_DECLARE_FINAL_TYPE (CbFileFollower, cb_file_follower, CB, FILE_FOLLOWER, GObject)

CbFileFollower *cb_file_follower_new               (const char     *path);
void            cb_file_follower_set_progress_regex (CbFileFollower *self,
                                                    GRegex         *regex);
void            cb_file_follower_set_poll_interval (CbFileFollower *self,
                                                    guint           msec);
void            cb_file_follower_start             (CbFileFollower *self);
void            cb_file_follower_finish            (CbFileFollower *self);
void            cb_file_follower_stop              (CbFileFollower *self);

const char     *cb_file_follower_get_path          (CbFileFollower *self);
gboolean        cb_file_follower_is_following      (CbFileFollower *self);
gboolean        cb_file_follower_is_finished       (CbFileFollower *self);
guint64         cb_file_follower_get_offset        (CbFileFollower *self);
guint64         cb_file_follower_get_n_lines       (CbFileFollower *self);
guint           cb_file_follower_get_n_problems    (CbFileFollower *self);
double          cb_file_follower_get_progress      (CbFileFollower *self);
const char     *cb_file_follower_get_progress_text (CbFileFollower *self);

G_END_DECLS
