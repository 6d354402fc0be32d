/* bench-first-frame.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

/* The start-up benchmark's end: an application quits after the first
 * painted frame of its first window. The app and its baseline, the bare
 * window, end the same way, measured by the benchmark from outside.
 */

static void
bench_on_first_frame (GdkFrameClock  *clock,
                      GtkApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, bench_on_first_frame, app);
  g_application_quit (G_APPLICATION (app));
}

static void
bench_on_window_mapped (GtkWidget      *window,
                        GtkApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (bench_on_first_frame), app);
}

static void
bench_on_window_added (GtkApplication *app,
                       GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (bench_on_window_mapped), app);
}

/* Ends @app after the first frame of its first window */
static inline void
bench_quit_after_first_frame (GtkApplication *app)
{
  g_signal_connect (app, "window-added", G_CALLBACK (bench_on_window_added), NULL);
}
