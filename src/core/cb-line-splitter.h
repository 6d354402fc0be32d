/* cb-line-splitter.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbLineFunc:
 * @text: the line, not NUL-terminated, without its newline
 * @length: its length in bytes
 * @cut: whether the line was longer than the limit and this is its start
 *
 * Called for each complete line.
 */
typedef void (*CbLineFunc)     (const char *text,
                                gsize       length,
                                gboolean    cut,
                                gpointer    user_data);

/**
 * CbOverdrawFunc:
 *
 * Called with a line that ended in a bare carriage return: a progress bar
 * that the next one draws over.
 */
typedef void (*CbOverdrawFunc) (const char *text,
                                gsize       length,
                                gpointer    user_data);

typedef struct _CbLineSplitter CbLineSplitter;

CbLineSplitter *cb_line_splitter_new    (gsize           max_length,
                                         CbLineFunc      line_func,
                                         CbOverdrawFunc  overdraw_func,
                                         gpointer        user_data);
void            cb_line_splitter_free   (CbLineSplitter *self);
void            cb_line_splitter_feed   (CbLineSplitter *self,
                                         const char     *data,
                                         gsize           length);
void            cb_line_splitter_finish (CbLineSplitter *self);
gsize           cb_line_splitter_get_pending (CbLineSplitter *self);

gboolean        cb_line_is_problem      (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbLineSplitter, cb_line_splitter_free)

G_END_DECLS
