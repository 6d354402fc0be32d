/* cb-application.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-application.h"
#include "cb-cli.h"
#include "cb-demo.h"
#include "cb-error.h"
#include "cb-resources.h"
#include "cb-style-manager.h"
#include "cb-window.h"

#define MAX_RECENT 8

struct _CbApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  CbStyleManager *style_manager;
  gboolean        options_parsed;
  char         ***arguments;  /* while the command line is read: what is left of it */
  GtkCssProvider *dark_css;
  gboolean        dark_css_loaded;
};

G_DEFINE_FINAL_TYPE (CbApplication, cb_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "project", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The project folder (default: the current folder when it has a cmdbuilder.yaml, else the demo project)"),
    N_("DIR") },
  /* Taken as bytes and converted here, so that a value that is not text
   * is an error that names its flag */
  { "schema", 's', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The command schema to use (default: the first)"), N_("ID") },
  { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Set a field’s value; may be repeated"), N_("KEY=VALUE") },
  { "sweep", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Sweep a field over values separated by commas, range(START, STOP, STEP) or "
       "glob(PATTERN); may be repeated"), N_("KEY=VALUES") },
  { "setup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Apply a suggested setup, before the values of --set and --sweep"), N_("ID") },
  { "print-command", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the command and exit"), NULL },
  { "print-argv", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the command’s arguments, each followed by a NUL byte, and exit"), NULL },
  { "list-setups", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the suggested setups of the schema for its values, and exit"), NULL },
  { "run", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run the command without a window, pass its output on, and exit with its status"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the project file and every schema, and exit"), NULL },
  { "list-checkpoints", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the checkpoints of the project’s paths sources, newest first, and exit"), NULL },
  { "follow", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --list-checkpoints, then print “+ PATH” and “- PATH” as checkpoints appear and "
       "disappear, until interrupted"), NULL },
  { "null", 'z', 0, G_OPTION_ARG_NONE, NULL,
    N_("With --list-checkpoints, end each path with a NUL byte instead of a newline, "
       "and print it exactly instead of escaped"), NULL },
  { "history", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the project’s runs, newest first, one a line starting with the run’s id, and exit"),
    NULL },
  { "diff", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the values and overrides that differ between the two runs whose ids follow "
       "(--diff RUN_A RUN_B), and exit"), NULL },
  { "all", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --diff, print the values and overrides that are equal too"), NULL },
  { "metrics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print a run’s metrics: the last, lowest and highest value of each, and exit"), N_("RUN") },
  { "csv", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --metrics, print every value as CSV (step,metric,value)"), NULL },
  { "print-batch-script", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the Slurm batch script of the command and exit"), NULL },
  { "submit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Submit the command to Slurm, print the job’s id, and exit"), NULL },
  { "slurm", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("With --submit or --print-batch-script, set a Slurm resource (partition, time, gpus, …, "
       "extra, array_limit); may be repeated"), N_("KEY=VALUE") },
  { "jobs", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the project’s Slurm jobs and their states, newest first, and exit"), NULL },
  { "cancel", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Cancel a Slurm job of the project and exit"), N_("JOBID") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

/* Headless modes run here, in the process that was started, before any
 * display is opened.
 */
/* The values of --schema, --setup, --set and --sweep, taken as bytes: a
 * value that is not text is an error that names its flag
 */
static gboolean
read_form_options (GVariantDict  *options,
                   char         **schema,
                   char         **setup,
                   char        ***sets,
                   char        ***sweeps,
                   GError       **error)
{
  g_autofree char *schema_bytes = NULL;
  g_autofree char *setup_bytes = NULL;
  g_autofree const char **set_bytes = NULL;
  g_autofree const char **sweep_bytes = NULL;

  g_variant_dict_lookup (options, "schema", "^ay", &schema_bytes);
  g_variant_dict_lookup (options, "setup", "^ay", &setup_bytes);
  g_variant_dict_lookup (options, "set", "^a&ay", &set_bytes);
  g_variant_dict_lookup (options, "sweep", "^a&ay", &sweep_bytes);

  return (schema_bytes == NULL || (*schema = cb_cli_option_to_utf8 ("--schema", schema_bytes, error)) != NULL) &&
         (setup_bytes == NULL || (*setup = cb_cli_option_to_utf8 ("--setup", setup_bytes, error)) != NULL) &&
         (set_bytes == NULL || (*sets = cb_cli_options_to_utf8 ("--set", set_bytes, error)) != NULL) &&
         (sweep_bytes == NULL || (*sweeps = cb_cli_options_to_utf8 ("--sweep", sweep_bytes, error)) != NULL);
}

/* Whether a flag of another headless mode, or of a form, is given */
static const char *
other_mode (GVariantDict *options)
{
  static const char * const flags[] = {
    "print-command", "print-argv", "list-setups", "run", "check", "list-checkpoints", "follow",
    "null", "schema", "set", "sweep", "setup", "print-batch-script", "submit", "slurm", "jobs",
    "cancel", NULL
  };

  for (guint i = 0; flags[i] != NULL; i++)
    if (g_variant_dict_contains (options, flags[i]))
      return flags[i];
  return NULL;
}

/* The ids after --diff: the arguments the parser left, as UTF-8 */
static char **
diff_ids (CbApplication  *self,
          GError        **error)
{
  const char * const *rest = NULL;

  if (self->arguments != NULL)
    rest = (const char * const *)*self->arguments + 1;

  if (rest == NULL || g_strv_length ((char **)rest) != 2)
    {
      g_set_error_literal (error, CB_ERROR, CB_ERROR_USAGE,
                           _("--diff takes the ids of two runs: --diff RUN_A RUN_B"));
      return NULL;
    }
  return cb_cli_options_to_utf8 ("--diff", rest, error);
}

/* --history, --diff RUN_A RUN_B and --metrics RUN [--csv]: -1 when none
 * of them is given
 */
static int
handle_history_options (CbApplication *self,
                        GVariantDict  *options)
{
  g_autofree char *project = NULL;
  g_autofree char *metrics_bytes = NULL;
  g_autofree char *metrics = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean history = g_variant_dict_contains (options, "history");
  gboolean diff = g_variant_dict_contains (options, "diff");
  gboolean all = g_variant_dict_contains (options, "all");
  gboolean csv = g_variant_dict_contains (options, "csv");
  const char *other = other_mode (options);

  g_variant_dict_lookup (options, "metrics", "^ay", &metrics_bytes);
  if (all && !diff)
    g_set_error_literal (&error, CB_ERROR, CB_ERROR_USAGE, _("--all goes with --diff"));
  else if (csv && metrics_bytes == NULL)
    g_set_error_literal (&error, CB_ERROR, CB_ERROR_USAGE, _("--csv goes with --metrics"));
  else if (!history && !diff && metrics_bytes == NULL)
    return -1;
  else if (history + diff + (metrics_bytes != NULL) > 1)
    g_set_error_literal (&error, CB_ERROR, CB_ERROR_USAGE,
                         _("--history, --diff and --metrics go one at a time"));
  else if (other != NULL)
    g_set_error (&error, CB_ERROR, CB_ERROR_USAGE,
                 _("--%s does not go with --history, --diff or --metrics"), other);
  else if (diff)
    ids = diff_ids (self, &error);
  else if (self->arguments != NULL && (*self->arguments)[0] != NULL &&
           (*self->arguments)[1] != NULL)
    g_set_error (&error, CB_ERROR, CB_ERROR_USAGE,
                 _("“%s” is not a flag of --history or --metrics"), (*self->arguments)[1]);
  else if (metrics_bytes != NULL)
    metrics = cb_cli_option_to_utf8 ("--metrics", metrics_bytes, &error);

  g_variant_dict_lookup (options, "project", "^ay", &project);
  if (error == NULL)
    dir = cb_cli_resolve_project_dir (project, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }

  if (history)
    return cb_cli_history (dir);
  if (diff)
    return cb_cli_diff (dir, ids[0], ids[1], all);
  return cb_cli_metrics (dir, metrics, csv);
}

/* The Slurm modes: --print-batch-script, --submit (with --slurm), --jobs
 * and --cancel. Returns -1 when none of them is asked for.
 */
static int
handle_slurm_options (GVariantDict *options,
                      const char   *project,
                      CbCliCommand *command)
{
  g_autofree char *dir = NULL;
  g_autofree char *cancel = NULL;
  g_autofree const char **resource_bytes = NULL;
  g_auto(GStrv) resources = NULL;
  g_autoptr(GError) error = NULL;
  gboolean print_script = FALSE, submit = FALSE, jobs = FALSE;
  guint n_modes;
  const char * const others[] = { "print-command", "print-argv", "list-setups", "run", "check",
                                  "list-checkpoints", "history", "diff", "metrics", NULL };

  g_variant_dict_lookup (options, "print-batch-script", "b", &print_script);
  g_variant_dict_lookup (options, "submit", "b", &submit);
  g_variant_dict_lookup (options, "jobs", "b", &jobs);
  g_variant_dict_lookup (options, "cancel", "^ay", &cancel);
  g_variant_dict_lookup (options, "slurm", "^a&ay", &resource_bytes);

  if (resource_bytes != NULL && !print_script && !submit)
    {
      g_printerr (_("--slurm goes with --submit or --print-batch-script\n"));
      return CB_EXIT_BAD;
    }
  if (!print_script && !submit && !jobs && cancel == NULL)
    return -1;
  n_modes = print_script + submit + jobs + (cancel != NULL);
  for (guint i = 0; others[i] != NULL; i++)
    n_modes += g_variant_dict_contains (options, others[i]);
  if (n_modes > 1)
    {
      g_printerr (_("--print-batch-script, --submit, --jobs and --cancel go with none of the "
                    "other modes, nor with each other\n"));
      return CB_EXIT_BAD;
    }
  if ((jobs || cancel != NULL) &&
      (command->schema_id || command->sets || command->sweeps || command->setup))
    {
      g_printerr (_("--schema, --set, --sweep and --setup go with --submit, not with --jobs or "
                    "--cancel\n"));
      return CB_EXIT_BAD;
    }
  if (resource_bytes != NULL &&
      (resources = cb_cli_options_to_utf8 ("--slurm", resource_bytes, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }

  if ((dir = cb_cli_resolve_project_dir (project, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }
  command->project_dir = dir;
  if (jobs)
    return cb_cli_list_jobs (dir);
  if (cancel != NULL)
    return cb_cli_cancel (dir, cancel);
  if (submit)
    return cb_cli_submit (command, (const char * const *)resources);
  return cb_cli_print_batch_script (command, (const char * const *)resources);
}

static int
cb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *project = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) sets = NULL;
  g_auto(GStrv) sweeps = NULL;
  g_autoptr(GError) error = NULL;
  gboolean print_command = FALSE;
  gboolean print_argv = FALSE;
  gboolean list_setups = FALSE;
  gboolean run = FALSE;
  gboolean check = FALSE;
  gboolean list_checkpoints = FALSE;
  gboolean follow = FALSE;
  gboolean null = FALSE;
  CbCliCommand command = { 0 };
  int status;

  CB_APPLICATION (app)->options_parsed = TRUE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return CB_EXIT_OK;
    }
  if ((status = handle_history_options (CB_APPLICATION (app), options)) >= 0)
    return status;

  g_variant_dict_lookup (options, "project", "^ay", &project);
  if (!read_form_options (options, &schema, &setup, &sets, &sweeps, &error))
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }
  command.schema_id = schema;
  command.setup = setup;
  command.sets = (const char * const *)sets;
  command.sweeps = (const char * const *)sweeps;
  if ((status = handle_slurm_options (options, project, &command)) >= 0)
    return status;

  g_variant_dict_lookup (options, "print-command", "b", &print_command);
  g_variant_dict_lookup (options, "print-argv", "b", &print_argv);
  g_variant_dict_lookup (options, "list-setups", "b", &list_setups);
  g_variant_dict_lookup (options, "run", "b", &run);
  g_variant_dict_lookup (options, "check", "b", &check);
  g_variant_dict_lookup (options, "list-checkpoints", "b", &list_checkpoints);
  g_variant_dict_lookup (options, "follow", "b", &follow);
  g_variant_dict_lookup (options, "null", "b", &null);

  if (follow && !list_checkpoints)
    {
      g_printerr (_("--follow goes with --list-checkpoints\n"));
      return CB_EXIT_BAD;
    }
  if (null && !list_checkpoints)
    {
      g_printerr (_("--null goes with --list-checkpoints\n"));
      return CB_EXIT_BAD;
    }
  if (run && (print_command || print_argv || list_setups || check || list_checkpoints))
    {
      g_printerr (_("--run goes with neither --print-command, --print-argv, --list-setups, --check "
                    "nor --list-checkpoints\n"));
      return CB_EXIT_BAD;
    }

  if (!print_command && !print_argv && !list_setups && !run && !check && !list_checkpoints)
    {
      if (schema != NULL || sets != NULL || sweeps != NULL || setup != NULL)
        {
          g_printerr (_("--schema, --set, --sweep and --setup go with --print-command, --print-argv, "
                        "--list-setups or --run\n"));
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
  if (list_checkpoints)
    return cb_cli_list_checkpoints (dir, (follow ? CB_CLI_LIST_FOLLOW : 0) | (null ? CB_CLI_LIST_NULL : 0));

  command.project_dir = dir;
  command.schema_id = schema;
  command.setup = setup;
  command.sets = (const char * const *)sets;
  command.sweeps = (const char * const *)sweeps;

  if (run)
    return cb_cli_run (&command);
  if (list_setups)
    return cb_cli_list_setups (&command);

  return cb_cli_print_command (&command, print_argv ? CB_CLI_OUTPUT_ARGV : CB_CLI_OUTPUT_DISPLAY);
}

/* GApplication reports a flag its parser refuses (unknown, without its
 * value) with status 1, which is ours for values that do not validate:
 * a bad flag is 2 */
static gboolean
cb_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  CbApplication *self = CB_APPLICATION (app);
  gboolean done;

  self->options_parsed = FALSE;
  self->arguments = arguments;
  done = G_APPLICATION_CLASS (cb_application_parent_class)->local_command_line (app, arguments, exit_status);
  self->arguments = NULL;
  if (done && !self->options_parsed && *exit_status == 1)
    *exit_status = CB_EXIT_BAD;

  return done;
}

static void
remember_project (CbApplication *self,
                  const char    *folder)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, folder);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], folder) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-projects", (const char * const *)updated);
  g_settings_set_string (self->settings, "last-project", folder);
}

/**
 * cb_application_open_project:
 * @folder: a project folder
 *
 * Shows the project in @folder: in the window that already shows it
 * (loaded again from its files, which may have been fixed), in the active
 * window when that shows only problems, or in a new window.
 *
 * Returns: (transfer none): the window
 */
CbWindow *
cb_application_open_project (CbApplication *self,
                             const char    *folder)
{
  g_autofree char *canonical = g_canonicalize_filename (folder, NULL);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  CbWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CB_IS_WINDOW (l->data) &&
        g_strcmp0 (cb_window_get_folder (l->data), canonical) == 0)
      {
        window = l->data;
        break;
      }

  if (window != NULL)
    {
      if (cb_window_reload_project (window))
        remember_project (self, canonical);
    }
  else
    {
      if (CB_IS_WINDOW (active) && cb_window_get_project (CB_WINDOW (active)) == NULL)
        window = CB_WINDOW (active);
      else
        window = cb_window_new (GTK_APPLICATION (self));

      if (cb_window_load_project (window, canonical))
        remember_project (self, canonical);
    }

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
cb_application_activate (GApplication *app)
{
  CbApplication *self = CB_APPLICATION (app);
  g_autofree char *last = g_settings_get_string (self->settings, "last-project");
  g_autofree char *project_file = g_build_filename (last, "cmdbuilder.yaml", NULL);
  g_autofree char *demo = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  /* The last project, or the demo the first time */
  if (last[0] != '\0' && g_file_test (project_file, G_FILE_TEST_IS_REGULAR))
    {
      cb_application_open_project (self, last);
      return;
    }

  demo = cb_demo_ensure_copy (&error);
  if (demo == NULL)
    {
      CbWindow *window = cb_window_new (GTK_APPLICATION (app));

      cb_window_show_notice (window, error->message);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  cb_application_open_project (self, demo);
}

static void
cb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        cb_application_open_project (CB_APPLICATION (app), path);
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Quitting stops the runs; each window saves what it must */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    {
      if (CB_IS_WINDOW (windows->data))
        cb_window_stop_runs (windows->data);
      gtk_window_destroy (windows->data);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *authors[] = { _("Command Builder developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Command Builder"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Build, check and run the command lines of a training project"),
                         "website", PACKAGE_WEBSITE,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 Command Builder developers",
                         NULL);
}

static void
present_window_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_window_by_id (user_data, g_variant_get_uint32 (param));

  if (window != NULL)
    gtk_window_present (window);
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  cb_application_open_project (user_data, g_variant_get_string (param, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "open-recent", open_recent_activated, "s" },
  { "present-window", present_window_activated, "u" },
};

/* A theme dark by its name: GTK_THEME=Adwaita:dark, or a theme such as
 * Adwaita-dark in the user's GTK settings. Either darkens the window
 * without the dark-theme setting, and the app's own colours must follow.
 */
static gboolean
theme_is_dark (GtkSettings *settings)
{
  const char *forced = g_getenv ("GTK_THEME");
  g_autofree char *name = NULL;

  if (forced != NULL && forced[0] != '\0')
    return g_str_has_suffix (forced, ":dark") || g_str_has_suffix (forced, "-dark");
  g_object_get (settings, "gtk-theme-name", &name, NULL);
  return name != NULL && g_str_has_suffix (name, "-dark");
}

/* style-dark.css goes over style.css while the dark style is in use:
 * GTK 4.8 has no prefers-color-scheme query. The style manager sets the
 * setting from the desktop's preference; a user's GTK settings may too,
 * or the theme be a dark one.
 */
static void
update_dark_style (CbApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkSettings *settings = gtk_settings_get_for_display (display);
  gboolean dark = FALSE;

  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  dark = dark || theme_is_dark (settings);
  if (dark == self->dark_css_loaded)
    return;

  self->dark_css_loaded = dark;
  if (dark)
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->dark_css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  else
    gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (self->dark_css));
}

static void
cb_application_startup (GApplication *app)
{
  CbApplication *self = CB_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *copy_accels[] = { "<Control><Shift>c", NULL };
  static const char *reset_accels[] = { "<Control><Shift>r", NULL };
  static const char *help_accels[] = { "<Control>question", "F1", NULL };
  static const char *run_accels[] = { "<Control>Return", NULL };
  static const char *stop_accels[] = { "<Control>period", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };

  G_APPLICATION_CLASS (cb_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);
  self->style_manager = cb_style_manager_new (g_application_get_dbus_connection (app),
                                              gtk_settings_get_default ());

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  self->dark_css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->dark_css, RESOURCE_PREFIX "/style-dark.css");
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (update_dark_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-theme-name",
                           G_CALLBACK (update_dark_style), self, G_CONNECT_SWAPPED);
  update_dark_style (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open-project", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.copy-command", copy_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.reset-form", reset_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.run", run_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.stop", stop_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  for (int i = 1; i <= 9; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.page(%d)", i);
      g_autofree char *accel = g_strdup_printf ("<Control>%d", i);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), action, accels);
    }
}

static void
cb_application_dispose (GObject *object)
{
  CbApplication *self = CB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->style_manager);
  g_clear_object (&self->dark_css);

  G_OBJECT_CLASS (cb_application_parent_class)->dispose (object);
}

static void
cb_application_class_init (CbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  cb_register_resource ();

  object_class->dispose = cb_application_dispose;
  app_class->local_command_line = cb_application_local_command_line;
  app_class->handle_local_options = cb_application_handle_local_options;
  app_class->startup = cb_application_startup;
  app_class->activate = cb_application_activate;
  app_class->open = cb_application_open;
}

static void
cb_application_init (CbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT…]"));
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
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
