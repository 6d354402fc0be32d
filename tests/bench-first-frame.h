/* bench-first-frame.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gtk/gtk.h>

/* The start-up benchmark's end, measured inside the process: an
 * application prints the milliseconds from the start of its main() to the
 * first painted frame of its first window, and quits. The app (`bench
 * --first-frame`) and its baseline, the bare window, end the same way.
 */

static gint64 bench_main_start;

static void
bench_on_first_frame (GdkFrameClock  *clock,
                      GtkApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, bench_on_first_frame, app);
  printf ("%.3f\n", (g_get_monotonic_time () - bench_main_start) / 1000.0);
  fflush (stdout);
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

/* Where the clock starts: first thing in main() */
static inline void
bench_mark_main_start (void)
{
  bench_main_start = g_get_monotonic_time ();
}

/* Ends @app after the first frame of its first window */
static inline void
bench_quit_after_first_frame (GtkApplication *app)
{
  g_signal_connect (app, "window-added", G_CALLBACK (bench_on_window_added), NULL);
}
