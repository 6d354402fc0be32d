/* bench-replica.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bench_replica_write (GtkWindow  *window,
                          const char *path);
int  bench_replica_run   (const char *path);

G_END_DECLS
