/* cb-cli.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli-private.h"
#include "cb-demo.h"
#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-form.h"
#include "cb-project.h"
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

CbProject *
_cb_cli_load_project (const char *dir)
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
