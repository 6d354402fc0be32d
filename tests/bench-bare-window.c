/* bench-bare-window.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "bench-first-frame.h"

/* The start-up benchmark's baseline: a bare GtkApplicationWindow holding
 * one label, built with the same flags as the app, ending after its first
 * painted frame as the app does under `bench --first-frame`.
 */

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 780);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Command Builder"));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  bench_mark_main_start ();
  app = gtk_application_new (APPLICATION_ID ".BareWindow", G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  bench_quit_after_first_frame (app);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
