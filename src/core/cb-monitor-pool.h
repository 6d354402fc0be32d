/* cb-monitor-pool.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CbMonitor CbMonitor;

/**
 * CbMonitorFunc:
 * @path: (type filename): the absolute path of an entry that appeared,
 *   went, or was written or renamed
 * @user_data: the closure given to cb_monitor_pool_watch()
 *
 * Called on one of the pool's threads, never on the caller's.
 */
typedef void (*CbMonitorFunc) (const char *path,
                               gpointer    user_data);

void   cb_monitor_pool_watch          (GPtrArray      *folders,
                                       CbMonitorFunc   func,
                                       gpointer        user_data,
                                       GDestroyNotify  notify,
                                       CbMonitor     **monitors);
void   cb_monitor_free                (CbMonitor      *monitor);
guint  cb_monitor_pool_get_n_monitors (void);
guint  cb_monitor_pool_get_budget     (void);

G_END_DECLS
