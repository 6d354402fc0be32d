/* main.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "cb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CbApplication) app = NULL;
  /* An uninstalled build (build-aux/run, the tests) has its own */
  const char *localedir = g_getenv ("CB_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
