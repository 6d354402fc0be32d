/* cb-application.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-application.h"
#include "cb-cli.h"

struct _CbApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CbApplication, cb_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "project", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The project folder (default: the current folder when it has a cmdbuilder.yaml, else the demo project)"),
    N_("DIR") },
  { "schema", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("The command schema to use (default: the first)"), N_("ID") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Set a field’s value; may be repeated"), N_("KEY=VALUE") },
  { "print-command", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the command and exit"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the project file and every schema, and exit"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static int
cb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *project = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *dir = NULL;
  g_autofree const char **sets = NULL;
  g_autoptr(GError) error = NULL;
  gboolean print_command = FALSE;
  gboolean check = FALSE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "project", "^ay", &project);
  g_variant_dict_lookup (options, "schema", "s", &schema);
  g_variant_dict_lookup (options, "set", "^a&s", &sets);
  g_variant_dict_lookup (options, "print-command", "b", &print_command);
  g_variant_dict_lookup (options, "check", "b", &check);

  if (!print_command && !check)
    {
      if (schema != NULL || sets != NULL)
        {
          g_printerr (_("--schema and --set go with --print-command\n"));
          return CB_EXIT_BAD;
        }
      return -1;
    }

  dir = cb_cli_resolve_project_dir (project, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }

  if (check)
    return cb_cli_check (dir);

  return cb_cli_print_command (dir, schema, sets);
}

static void
cb_application_activate (GApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cb_cli_resolve_project_dir (NULL, &error);

  /* The window comes next; meanwhile show the demo's train command */
  if (dir == NULL)
    g_printerr ("%s\n", error->message);
  else
    cb_cli_print_command (dir, "train", NULL);
}

static void
cb_application_class_init (CbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = cb_application_handle_local_options;
  app_class->activate = cb_application_activate;
}

static void
cb_application_init (CbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Build, check and run the command lines of a "
                                              "training project from its form schemas."));
}

CbApplication *
cb_application_new (void)
{
  return g_object_new (CB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
