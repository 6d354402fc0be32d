/* cb-cli.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cb-checkpoint-model.h"
#include "cb-cli-private.h"
#include "cb-demo.h"
#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-form.h"
#include "cb-history.h"
#include "cb-project.h"
#include "cb-run.h"
#include "cb-run-policy.h"
#include "cb-session.h"

/* The headless modes: they print to stdout and stderr and return the exit
 * status; they need no display.
 */

/**
 * cb_cli_resolve_project_dir:
 * @given: (nullable): the folder named by `--project`
 *
 * Returns: (transfer full): @given; else the current folder when it holds
 *   a project file; else the user's copy of the demo project
 */
char *
cb_cli_resolve_project_dir (const char  *given,
                            GError     **error)
{
  g_autofree char *cwd = NULL;
  g_autofree char *here = NULL;

  if (given != NULL)
    return g_strdup (given);

  cwd = g_get_current_dir ();
  here = g_build_filename (cwd, CB_PROJECT_FILE, NULL);
  if (g_file_test (here, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&cwd);

  return cb_demo_ensure_copy (error);
}

/**
 * cb_cli_option_to_utf8:
 * @flag: the flag, such as `--set`, that the message names
 * @value: the flag's value, as the command line gave its bytes
 *
 * Returns: (transfer full): @value as UTF-8, converted from the locale's
 *   encoding; %NULL with a %CB_ERROR_USAGE error naming @flag when it is
 *   not text in that encoding
 */
char *
cb_cli_option_to_utf8 (const char  *flag,
                       const char  *value,
                       GError     **error)
{
  g_autofree char *text = g_locale_to_utf8 (value, -1, NULL, NULL, NULL);
  g_autofree char *shown = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&text);

  /* The bytes that are not text are shown as \ooo */
  shown = g_strescape (value, NULL);
  g_set_error (error, CB_ERROR, CB_ERROR_USAGE, _("%s: “%s” is not valid text in the current locale"),
               flag, shown);
  return NULL;
}

/**
 * cb_cli_options_to_utf8:
 * @values: (nullable): the values of a flag that may be repeated
 *
 * Returns: (transfer full) (nullable): @values as UTF-8, or %NULL with
 *   @error, as for cb_cli_option_to_utf8()
 */
char **
cb_cli_options_to_utf8 (const char          *flag,
                        const char * const  *values,
                        GError             **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  if (values == NULL)
    return NULL;

  for (guint i = 0; values[i] != NULL; i++)
    {
      char *text = cb_cli_option_to_utf8 (flag, values[i], error);

      if (text == NULL)
        return NULL;
      g_ptr_array_add (texts, text);
    }
  g_ptr_array_add (texts, NULL);

  return (char **)g_ptr_array_steal (texts, NULL);
}

static gboolean
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = cb_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_printerr ("%s\n", text);
    }

  return cb_diagnostics_have_errors (diagnostics);
}

static CbProject *
load_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_load (dir, &error);

  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (print_diagnostics (cb_project_get_diagnostics (project)))
    return NULL;

  return g_steal_pointer (&project);
}

/* The project as the app opens it, schemas and all; its problems on stderr */
CbSession *
_cb_cli_open_session (const char *dir)
{
  g_autoptr(CbSession) session = cb_session_new (dir, CB_SESSION_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  if (!cb_session_load (session, &error) &&
      !g_error_matches (error, CB_SESSION_ERROR, CB_SESSION_ERROR_PROJECT_INVALID))
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (print_diagnostics (cb_session_get_diagnostics (session)) || error != NULL)
    return NULL;

  return g_steal_pointer (&session);
}

/* The form of @schema_id, or of the first schema */
static CbForm *
find_form (CbSession  *session,
           const char *schema_id)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < cb_session_get_n_schemas (session); i++)
    {
      const char *id = cb_session_get_schema_id (session, i);
      CbSchema *schema = cb_session_get_schema (session, i);

      if (schema_id != NULL && g_strcmp0 (id, schema_id) != 0)
        {
          g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", id);
          continue;
        }

      /* A schema that cannot be used may be the one asked for */
      if (schema == NULL)
        {
          g_printerr ("%s\n", cb_session_get_schema_problems (session, i));
          return NULL;
        }
      print_diagnostics (cb_schema_get_diagnostics (schema));
      return cb_session_get_form (session, i);
    }

  g_printerr (_("--schema: the project has no schema “%s” (it has: %s)\n"),
              schema_id, ids->len ? ids->str : _("none"));
  return NULL;
}

/* The values of --set (@sweep FALSE) or --sweep (@sweep TRUE), parsed by
 * the fields' types into @values
 */
static gboolean
parse_values (CbSchema           *schema,
              const char * const *items,
              gboolean            sweep,
              GVariantBuilder    *values)
{
  const char *flag = sweep ? "--sweep" : "--set";

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *eq = strchr (items[i], '=');
      g_autofree char *key = NULL;
      CbField *field;
      GVariant *value;

      if (eq == NULL || eq == items[i])
        {
          g_printerr (_("%s: expected KEY=VALUE, not “%s”\n"), flag, items[i]);
          return FALSE;
        }

      key = g_strndup (items[i], eq - items[i]);
      field = cb_schema_lookup_field (schema, key);
      if (field == NULL)
        {
          g_printerr (_("%s: the schema “%s” has no field “%s”\n"), flag, cb_schema_get_id (schema), key);
          return FALSE;
        }

      value = sweep ? cb_field_parse_sweep (field, eq + 1, &error)
                    : cb_field_parse_value (field, eq + 1, &error);
      if (value == NULL)
        {
          g_printerr ("%s: %s\n", flag, error->message);
          return FALSE;
        }
      g_variant_builder_add (values, "{sv}", key, value);
      g_variant_unref (value);
    }

  return TRUE;
}

/* The ids of the setups the form offers, for a message */
static char *
setup_ids (CbForm *form)
{
  g_autoptr(GVariant) setups = cb_form_get_setups (form);
  g_autoptr(GString) ids = g_string_new (NULL);
  gsize n = setups && g_variant_is_of_type (setups, G_VARIANT_TYPE_ARRAY) ? g_variant_n_children (setups) : 0;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (setups, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (child) : g_variant_ref (child);
      g_autoptr(GVariant) id = cb_variant_lookup_path (item, "id");

      if (id != NULL && g_variant_is_of_type (id, G_VARIANT_TYPE_STRING))
        g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", g_variant_get_string (id, NULL));
    }

  return ids->len ? g_strdup (ids->str) : g_strdup (_("none"));
}

/* Applies a setup as the window does, saying what it leaves out */
static gboolean
apply_setup (CbForm     *form,
             const char *id)
{
  const char *schema_id = cb_schema_get_id (cb_form_get_schema (form));
  g_auto(GStrv) skipped = cb_form_get_setup_skipped (form, id);

  if (!cb_form_apply_setup (form, id))
    {
      g_autofree char *ids = setup_ids (form);

      g_printerr (_("--setup: the schema “%s” suggests no setup “%s” for these values (it suggests: %s)\n"),
                  schema_id, id, ids);
      return FALSE;
    }

  for (guint i = 0; skipped != NULL && skipped[i] != NULL; i++)
    g_printerr (_("warning: --setup: “%s” sets “%s”, which the schema “%s” has no field for, "
                  "or not with such a value; it is left out\n"),
                id, skipped[i], schema_id);

  return TRUE;
}

/* The form of a command line, as the app opens it: its --set and --sweep
 * values; then its --setup, and the values again, which win over the
 * setup's. Returns the exit status; @form_out is set on %CB_EXIT_OK.
 */
static int
cli_form_new (const CbCliCommand  *command,
              CbForm             **form_out)
{
  g_autoptr(CbSession) session = NULL;
  g_autoptr(GVariantBuilder) values = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) values_v = NULL;
  CbProject *project;
  CbSchema *schema;
  CbForm *form;

  if ((session = _cb_cli_open_session (command->project_dir)) == NULL)
    return CB_EXIT_BAD;
  if ((form = find_form (session, command->schema_id)) == NULL)
    return CB_EXIT_BAD;
  schema = cb_form_get_schema (form);
  if (!parse_values (schema, command->sets, FALSE, values) ||
      !parse_values (schema, command->sweeps, TRUE, values))
    return CB_EXIT_BAD;

  /* Problems of the config tree do not stop the command, but are shown */
  project = cb_session_get_project (session);
  print_diagnostics (cb_project_get_config_diagnostics (project));

  /* Nothing watches here: the checkpoints the fields offer are listed now */
  cb_project_scan_sources_sync (project, schema);
  values_v = g_variant_ref_sink (g_variant_builder_end (values));
  cb_form_set_values (form, values_v);

  if (command->setup != NULL)
    {
      if (!apply_setup (form, command->setup))
        return CB_EXIT_BAD;
      cb_form_set_values (form, values_v);
    }

  *form_out = g_object_ref (form);
  return CB_EXIT_OK;
}

/* Prints the form's errors and warnings on stderr; %CB_EXIT_INVALID when
 * there are errors
 */
static int
check_form (CbForm *form)
{
  GPtrArray *messages = cb_form_get_messages (form);

  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);

      if (d->severity == CB_SEVERITY_ERROR)
        g_printerr (_("error: %s\n"), d->message);
      else
        g_printerr (_("warning: %s\n"), d->message);
    }

  return cb_form_has_errors (form) ? CB_EXIT_INVALID : CB_EXIT_OK;
}

/**
 * cb_cli_print_command:
 * @command: the project, schema, values and setup
 * @output: the display form on one line, or each argument followed by a
 *   NUL byte
 *
 * Prints a schema's command, with the values of @command applied.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_INVALID when the values do not validate
 *   (each error on stderr, nothing on stdout); %CB_EXIT_BAD for a bad
 *   project, schema, flag or setup
 */
int
cb_cli_print_command (const CbCliCommand *command,
                      CbCliOutput         output)
{
  g_autoptr(CbForm) form = NULL;
  int status;

  if ((status = cli_form_new (command, &form)) != CB_EXIT_OK)
    return status;
  if ((status = check_form (form)) != CB_EXIT_OK)
    return status;

  if (output == CB_CLI_OUTPUT_ARGV)
    {
      const char * const *argv = cb_form_get_argv (form);

      /* As bytes, as find -print0 does: nothing is converted */
      for (guint i = 0; argv[i] != NULL; i++)
        fwrite (argv[i], 1, strlen (argv[i]) + 1, stdout);
      fflush (stdout);
    }
  else
    g_print ("%s\n", cb_form_get_display (form));

  return CB_EXIT_OK;
}

/**
 * cb_cli_list_setups:
 * @command: the project, schema and values; the setups are those of the
 *   architecture its values select
 *
 * Prints the suggested setups, one per line: the id, a tab, the title;
 * `*` after the title marks the one the values match.
 *
 * Returns: %CB_EXIT_OK, or %CB_EXIT_BAD for a bad project, schema or flag
 */
int
cb_cli_list_setups (const CbCliCommand *command)
{
  g_autoptr(CbForm) form = NULL;
  g_autoptr(GVariant) setups = NULL;
  g_autofree char *active = NULL;
  gsize n;
  int status;

  if ((status = cli_form_new (command, &form)) != CB_EXIT_OK)
    return status;

  setups = cb_form_get_setups (form);
  n = setups && g_variant_is_of_type (setups, G_VARIANT_TYPE_ARRAY) ? g_variant_n_children (setups) : 0;
  if (n == 0)
    g_printerr (_("The schema “%s” suggests no setup for these values.\n"),
                cb_schema_get_id (cb_form_get_schema (form)));

  active = cb_form_get_active_setup (form);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (setups, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (child) : g_variant_ref (child);
      g_autoptr(GVariant) id = cb_variant_lookup_path (item, "id");
      g_autoptr(GVariant) title = cb_variant_lookup_text (item, "title");
      const char *id_text;

      if (id == NULL || !g_variant_is_of_type (id, G_VARIANT_TYPE_STRING))
        continue;
      id_text = g_variant_get_string (id, NULL);
      g_print ("%s\t%s%s\n", id_text,
               title && g_variant_is_of_type (title, G_VARIANT_TYPE_STRING)
                 ? g_variant_get_string (title, NULL) : id_text,
               g_strcmp0 (active, id_text) == 0 ? " *" : "");
    }

  return CB_EXIT_OK;
}

/* --run */

typedef struct
{
  GMainLoop *loop;
  CbRun     *run;
  gboolean   tty;          /* stderr is a terminal: the progress is shown */
  gboolean   status_shown; /* the progress line is on the terminal */
  guint      status_id;    /* the progress line is to be drawn */
  gboolean   closed[2];    /* stdout, stderr: the reader went away */
  gboolean   stopping;
} RunState;

static void
write_to (RunState   *state,
          int         fd,
          const char *data,
          gsize       length)
{
  while (length > 0 && !state->closed[fd - 1])
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      /* Whoever read it has gone (`| head`): the run goes on, and the log
       * has it all */
      if (n <= 0)
        state->closed[fd - 1] = TRUE;
      else
        {
          data += n;
          length -= n;
        }
    }
}

static void
clear_status (RunState *state)
{
  if (state->status_shown)
    write_to (state, STDERR_FILENO, "\r\033[K", 4);
  state->status_shown = FALSE;
}

/* One line at the bottom of the terminal, drawn over: what the output
 * says of the progress */
static void
show_status (RunState *state)
{
  g_autofree char *text = NULL;
  const char *label = cb_run_get_progress_text (state->run);
  double progress = cb_run_get_progress (state->run);
  struct winsize size = { 0 };
  glong width;

  if (!state->tty || progress < 0)
    return;

  if (label != NULL)
    text = g_strdup_printf ("%s: %s (%d%%)", PACKAGE_NAME, label, (int)(progress * 100 + 0.5));
  else
    text = g_strdup_printf ("%s: %d%%", PACKAGE_NAME, (int)(progress * 100 + 0.5));
  width = ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1 ? size.ws_col - 1 : 79;
  if (g_utf8_strlen (text, -1) > width)
    *g_utf8_offset_to_pointer (text, width) = '\0';

  clear_status (state);
  write_to (state, STDERR_FILENO, text, strlen (text));
  state->status_shown = TRUE;
}

static gboolean
show_status_cb (gpointer user_data)
{
  RunState *state = user_data;

  state->status_id = 0;
  show_status (state);
  return G_SOURCE_REMOVE;
}

/* Drawn once the output that came with it is out */
static void
queue_status (RunState *state)
{
  if (state->tty && state->status_id == 0)
    state->status_id = g_idle_add (show_status_cb, state);
}

static void
on_run_raw_output (CbRun    *run,
                   GBytes   *bytes,
                   gboolean  is_stderr,
                   RunState *state)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gboolean was_shown = state->status_shown;

  clear_status (state);
  write_to (state, is_stderr ? STDERR_FILENO : STDOUT_FILENO, data, length);
  /* Drawn again below a whole line, not in the middle of one */
  if (was_shown && length > 0 && data[length - 1] == '\n')
    queue_status (state);
}

static void
on_run_progress (CbRun      *run,
                 GParamSpec *pspec,
                 RunState   *state)
{
  queue_status (state);
}

static void
on_run_finished (CbRun    *run,
                 RunState *state)
{
  g_main_loop_quit (state->loop);
}

static gboolean
on_run_signal (gpointer user_data)
{
  RunState *state = user_data;

  if (!cb_run_is_running (state->run))
    return G_SOURCE_CONTINUE;

  clear_status (state);
  if (!state->stopping)
    g_printerr (_("%s: stopping the command; interrupt again to kill it at once\n"), PACKAGE_NAME);
  else
    g_printerr (_("%s: killing the command\n"), PACKAGE_NAME);
  state->stopping = TRUE;
  cb_run_stop (state->run);
  return G_SOURCE_CONTINUE;
}

/* The command's status, as a shell gives it */
static int
run_exit_status (CbRun        *run,
                 const GError *error)
{
  if (cb_run_get_state (run) == CB_RUN_STATE_ERROR)
    return error != NULL && (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_ACCES) ||
                             g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOEXEC) ||
                             g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_PERM))
           ? CB_EXIT_CANNOT_EXECUTE : CB_EXIT_NOT_FOUND;
  if (cb_run_get_term_signal (run) != 0)
    return 128 + cb_run_get_term_signal (run);
  return cb_run_get_exit_status (run);
}

static void
record_run (CbForm *form,
            CbRun  *run)
{
  CbProject *project = cb_form_get_project (form);
  g_autoptr(CbHistory) history = cb_history_new (cb_project_get_outputs_dir (project),
                                                 cb_project_get_root (project));
  g_autoptr(GVariant) values = cb_form_get_user_values (form);
  g_autoptr(CbHistoryRecord) record = cb_history_record_new_from_run (run, values);
  g_autoptr(GError) error = NULL;

  if (!cb_history_add (history, record, &error))
    g_printerr (_("%s: the run cannot be recorded: %s\n"), PACKAGE_NAME, error->message);
}

/* Runs the started command to its end, passing on its output and turning
 * SIGINT, SIGTERM and SIGHUP into Stop */
static void
follow_run (RunState *state)
{
  guint ids[3];
  const int signals[3] = { SIGINT, SIGTERM, SIGHUP };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = g_unix_signal_add (signals[i], on_run_signal, state);

  if (cb_run_is_running (state->run))
    g_main_loop_run (state->loop);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_source_remove (ids[i]);
}

/**
 * cb_cli_run:
 * @sets: (nullable): `KEY=VALUE` texts from `--set`
 *
 * Runs a schema's command as the window does (an argv in the project
 * folder, in its own process group, with a log file and a history
 * record), passing its output on to stdout and stderr as it comes, with
 * the progress at the bottom of the terminal when stderr is one. SIGINT
 * (Ctrl+C), SIGTERM and SIGHUP stop it as Stop does; a second one kills
 * it at once.
 *
 * Returns: the command's exit status; 128 + the signal that ended it;
 *   %CB_EXIT_NOT_FOUND or %CB_EXIT_CANNOT_EXECUTE when it could not
 *   start; or, before it runs, %CB_EXIT_INVALID or %CB_EXIT_BAD as for
 *   cb_cli_print_command()
 */
int
cb_cli_run (const CbCliCommand *command)
{
  g_autoptr(CbForm) form = NULL;
  g_autoptr(CbRun) run = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  RunState state = { 0 };
  int status;

  if ((status = cli_form_new (command, &form)) != CB_EXIT_OK)
    return status;
  if ((status = check_form (form)) != CB_EXIT_OK)
    return status;

  /* A reader that goes away is seen as EPIPE, not felt as SIGPIPE */
  signal (SIGPIPE, SIG_IGN);

  loop = g_main_loop_new (NULL, FALSE);
  run = cb_run_policy_new_run (form, NULL, &error);
  if (run == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_INVALID;
    }
  state = (RunState) { .loop = loop, .run = run, .tty = isatty (STDERR_FILENO) };
  g_signal_connect (run, "raw-output", G_CALLBACK (on_run_raw_output), &state);
  g_signal_connect (run, "notify::progress", G_CALLBACK (on_run_progress), &state);
  g_signal_connect (run, "notify::progress-text", G_CALLBACK (on_run_progress), &state);
  g_signal_connect (run, "finished", G_CALLBACK (on_run_finished), &state);

  if (cb_run_start (run, &error))
    {
      if (cb_run_get_log_fell_back (run))
        g_printerr (_("%s: the outputs folder cannot be written; the log goes to %s\n"),
                    PACKAGE_NAME, cb_run_get_log_path (run));
      follow_run (&state);
    }

  g_clear_handle_id (&state.status_id, g_source_remove);
  clear_status (&state);
  {
    g_autofree char *summary = cb_run_get_status_text (run);

    if (cb_run_get_log_path (run) != NULL)
      g_printerr (_("%s: %s; the log is %s\n"), PACKAGE_NAME, summary, cb_run_get_log_path (run));
    else
      g_printerr ("%s: %s\n", PACKAGE_NAME, summary);
  }
  record_run (form, run);
  g_signal_handlers_disconnect_by_data (run, &state);

  return run_exit_status (run, error);
}

/**
 * cb_cli_check:
 *
 * Loads the project file, the config tree and every schema, and prints
 * every problem as `file:line:column: message`.
 *
 * Returns: %CB_EXIT_OK, or %CB_EXIT_BAD when there is any error
 */
int
cb_cli_check (const char *project_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_load (project_dir, &error);
  g_autoptr(GHashTable) ids = NULL;
  g_auto(GStrv) files = NULL;
  gboolean failed = FALSE;
  guint n_schemas = 0;

  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }

  failed |= print_diagnostics (cb_project_get_diagnostics (project));
  failed |= print_diagnostics (cb_project_get_config_diagnostics (project));

  files = cb_project_list_schema_files (project, &error);
  if (files == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CB_EXIT_BAD;
    }

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(CbSchema) schema = cb_project_load_schema (project, files[i], &error);
      const char *other;

      if (schema == NULL)
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
          failed = TRUE;
          continue;
        }

      failed |= print_diagnostics (cb_schema_get_diagnostics (schema));

      other = g_hash_table_lookup (ids, cb_schema_get_id (schema));
      if (other != NULL)
        {
          g_printerr (_("%s: the schema id “%s” is already used by %s\n"),
                      files[i], cb_schema_get_id (schema), other);
          failed = TRUE;
        }
      else
        g_hash_table_insert (ids, g_strdup (cb_schema_get_id (schema)), g_strdup (files[i]));

      n_schemas++;
    }

  if (n_schemas == 0 && !failed)
    {
      g_printerr (_("%s: the project has no command schemas\n"), cb_project_get_schemas_dir (project));
      failed = TRUE;
    }

  return failed ? CB_EXIT_BAD : CB_EXIT_OK;
}

/* --list-checkpoints */

typedef struct
{
  GMainLoop      *loop;
  GPtrArray      *shown; /* CbCheckpoint, in model order */
  CbCliListFlags  flags;
} ListCheckpoints;

/* The human form of a path: one line whatever its bytes, as `ls -b`
 * writes names. A backslash is `\\`; newline, tab and the other C escapes
 * are `\n`, `\t`, …; other control characters (C1 ones included, which
 * terminals may obey) and bytes that are not UTF-8 are `\ooo` in octal.
 */
char *
_cb_cli_escape_path (const char *path)
{
  static const char letters[] = "abtnvfr"; /* \a to \r, bytes 7 to 13 */
  GString *out = g_string_new (NULL);
  const char *p = path;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gsize len = (c == (gunichar)-1 || c == (gunichar)-2) ? 1 : (gsize)g_utf8_skip[(guchar)*p];

      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p >= 7 && *p <= 13)
        g_string_append_printf (out, "\\%c", letters[*p - 7]);
      else if (len == 1 && ((guchar)*p < 0x20 || (guchar)*p >= 0x7f))
        g_string_append_printf (out, "\\%03o", (guchar)*p);
      else if (c >= 0x80 && c < 0xa0)
        for (gsize i = 0; i < len; i++)
          g_string_append_printf (out, "\\%03o", (guchar)p[i]);
      else
        g_string_append_len (out, p, len);
      p += len;
    }

  return g_string_free (out, FALSE);
}

/* Paths are printed as their bytes: g_print() would convert them. With
 * --null, a record ends with a NUL and the path is exact; else a line
 * ends it and the path is escaped.
 */
static void
print_path (ListCheckpoints *state,
            const char      *prefix,
            const char      *path)
{
  g_autofree char *escaped = NULL;

  fputs (prefix, stdout);
  if (state->flags & CB_CLI_LIST_NULL)
    {
      fputs (path, stdout);
      fputc ('\0', stdout);
      return;
    }

  escaped = _cb_cli_escape_path (path);
  fputs (escaped, stdout);
  fputc ('\n', stdout);
}

static GHashTable *
paths_of (GPtrArray *items,
          guint      start,
          guint      n)
{
  GHashTable *paths = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = start; i < start + n; i++)
    g_hash_table_add (paths, (char *)cb_checkpoint_get_path (g_ptr_array_index (items, i)));
  return paths;
}

static void
on_checkpoints_changed (GListModel      *model,
                        guint            position,
                        guint            removed,
                        guint            added,
                        ListCheckpoints *state)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;

  if (cb_checkpoint_model_get_loading (CB_CHECKPOINT_MODEL (model)) || state->shown == NULL)
    return;

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (fresh, g_list_model_get_item (model, position + i));

  /* A merged update may remove and add the same path: it stays */
  before = paths_of (state->shown, position, removed);
  after = paths_of (fresh, 0, added);
  for (guint i = position; i < position + removed; i++)
    {
      const char *path = cb_checkpoint_get_path (g_ptr_array_index (state->shown, i));

      if (!g_hash_table_contains (after, path))
        print_path (state, "- ", path);
    }
  for (guint i = 0; i < added; i++)
    {
      const char *path = cb_checkpoint_get_path (g_ptr_array_index (fresh, i));

      if (!g_hash_table_contains (before, path))
        print_path (state, "+ ", path);
    }
  fflush (stdout);

  g_ptr_array_remove_range (state->shown, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (state->shown, position + i, g_object_ref (g_ptr_array_index (fresh, i)));
}

static void
on_checkpoints_loading (CbCheckpointModel *model,
                        GParamSpec        *pspec,
                        ListCheckpoints   *state)
{
  guint n;

  if (cb_checkpoint_model_get_loading (model) || state->shown != NULL)
    return;

  state->shown = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      CbCheckpoint *item = g_list_model_get_item (G_LIST_MODEL (model), i);

      print_path (state, "", cb_checkpoint_get_path (item));
      g_ptr_array_add (state->shown, item);
    }

  /* With --null, records are bare paths up to an empty one, then changes:
   * no path is empty, and one may start with `+ `
   */
  if ((state->flags & CB_CLI_LIST_FOLLOW) && (state->flags & CB_CLI_LIST_NULL))
    fputc ('\0', stdout);
  fflush (stdout);

  if (!(state->flags & CB_CLI_LIST_FOLLOW))
    g_main_loop_quit (state->loop);
}

static void
on_checkpoints_notice (CbCheckpointModel *model,
                       const char        *message)
{
  g_printerr ("%s\n", message);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * cb_cli_list_checkpoints:
 * @flags: %CB_CLI_LIST_FOLLOW to go on with `+ PATH` and `- PATH` records
 *   as checkpoints appear and disappear, until SIGINT or SIGTERM;
 *   %CB_CLI_LIST_NULL for records that end with a NUL byte
 *
 * Prints the project-relative path of each checkpoint of the project's
 * `paths:` sources, newest first: one per line, escaped so that any name
 * is one line (see _cb_cli_escape_path()), or with %CB_CLI_LIST_NULL exact and
 * NUL-terminated, an empty record then ending the first list when
 * following. The globs of all its `paths:` sources make one list, so that
 * a file matched by two of them is printed once.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_BAD for a bad project or one without a
 *   `paths:` source
 */
int
cb_cli_list_checkpoints (const char     *project_dir,
                         CbCliListFlags  flags)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbCheckpointModel) model = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) globs = NULL;
  ListCheckpoints state = { NULL, NULL, flags };
  guint sigint_id;
  guint sigterm_id;

  if ((project = load_project (project_dir)) == NULL)
    return CB_EXIT_BAD;

  sources = cb_project_list_sources (project);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      const char * const *paths;

      if (!cb_project_source_is_paths (project, sources[i]))
        continue;
      paths = cb_project_get_source_paths (project, sources[i]);
      for (guint k = 0; paths != NULL && paths[k] != NULL; k++)
        if (g_hash_table_add (seen, (char *)paths[k]))
          g_strv_builder_add (builder, paths[k]);
    }
  globs = g_strv_builder_end (builder);

  if (globs[0] == NULL)
    {
      g_printerr (_("%s: the project has no “paths:” source, so it has no checkpoints\n"),
                  cb_project_get_file (project));
      return CB_EXIT_BAD;
    }

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  model = cb_checkpoint_model_new (cb_project_get_root (project), (const char * const *)globs);
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_checkpoints_loading), &state);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_checkpoints_changed), &state);
  g_signal_connect (model, "notice", G_CALLBACK (on_checkpoints_notice), NULL);

  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, loop);

  cb_checkpoint_model_start (model);
  if (cb_checkpoint_model_get_loading (model) || (flags & CB_CLI_LIST_FOLLOW))
    g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (model, &state);
  g_clear_pointer (&state.shown, g_ptr_array_unref);

  return CB_EXIT_OK;
}

/* For the Slurm modes (cb-cli-slurm.c): the form of a command line, and
 * its errors on stderr
 */

int
_cb_cli_form_new (const CbCliCommand  *command,
                  CbForm             **form)
{
  return cli_form_new (command, form);
}

int
_cb_cli_check_form (CbForm *form)
{
  return check_form (form);
}
