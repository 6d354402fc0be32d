/* bench-xdamage.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

/* The start-up benchmark from outside the process:
 *
 *   bench-xdamage PROGRAM [ARGUMENT…]
 *
 * starts PROGRAM and prints, in milliseconds, the time from just before
 * its process starts to the first damage that it draws into its first
 * mapped window, that is, to its first drawn frame as the X server sees
 * it; then the time that window was mapped. PROGRAM is then ended (it
 * may have ended itself). The program under test runs unchanged, and the
 * clock includes what happens before its main(): the dynamic linker, the
 * libraries' constructors.
 *
 * Each new top-level window gets a damage object as soon as its creation
 * is seen, before it can be mapped and drawn (GTK creates it long before
 * it maps it). Mapping a window damages all of it at once, in the X
 * server, before the program has drawn anything: the server reports the
 * newly visible area, whose contents are undefined, and does so while it
 * maps the window, right after the MapNotify event. Damage is reported
 * as raw rectangles, the last of one change marked by `more` being false,
 * so that change can be told apart and passed over; the next damage on
 * that window is the program's first frame. Exits with 1 when nothing was
 * drawn within 30 s.
 */

#define TIMEOUT_MS 30000

static double
now_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* A window may be gone before its damage object is made: not an error */
static int
ignore_errors (Display     *display,
               XErrorEvent *event)
{
  return 0;
}

static void
end_child (pid_t pid)
{
  int status;

  if (waitpid (pid, &status, WNOHANG) == 0)
    {
      kill (pid, SIGTERM);
      waitpid (pid, &status, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  Window root;
  int damage_event, damage_error;
  double start, mapped = -1, drawn = -1;
  Window window = None;
  int map_damage_seen = 0;
  pid_t pid;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PROGRAM [ARGUMENT…]\n", argv[0]);
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL || !XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "%s: no X display with the DAMAGE extension\n", argv[0]);
      return 2;
    }
  XSetErrorHandler (ignore_errors);
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  start = now_ms ();
  pid = fork ();
  if (pid < 0)
    return 2;
  if (pid == 0)
    {
      close (ConnectionNumber (display));
      execv (argv[1], argv + 1);
      _exit (127);
    }

  while (drawn < 0 && now_ms () - start < TIMEOUT_MS)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };
      XEvent event;

      if (XPending (display) == 0)
        {
          if (poll (&fd, 1, 100) < 0 && errno != EINTR)
            break;
          if (XPending (display) == 0)
            continue;
        }

      XNextEvent (display, &event);
      if (event.type == CreateNotify && event.xcreatewindow.parent == root)
        {
          XDamageCreate (display, event.xcreatewindow.window, XDamageReportRawRectangles);
          XFlush (display);
        }
      else if (event.type == MapNotify && window == None && event.xmap.event == root)
        {
          window = event.xmap.window;
          mapped = now_ms () - start;
        }
      else if (event.type == damage_event + XDamageNotify && window != None)
        {
          XDamageNotifyEvent *damage = (XDamageNotifyEvent *)&event;

          if (damage->drawable != window)
            continue;
          if (map_damage_seen)
            drawn = now_ms () - start;
          else if (!damage->more)
            map_damage_seen = 1;
        }
    }

  end_child (pid);
  XCloseDisplay (display);
  if (drawn < 0)
    {
      fprintf (stderr, "%s: %s drew nothing\n", argv[0], argv[1]);
      return 1;
    }
  printf ("%.3f %.3f\n", drawn, mapped);
  return 0;
}
