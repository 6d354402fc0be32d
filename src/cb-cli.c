/* cb-cli.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli.h"
#include "cb-demo.h"
#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-form.h"
#include "cb-project.h"

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

static CbSchema *
find_schema (CbProject  *project,
             const char *schema_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = cb_project_list_schema_files (project, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  if (files == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(CbSchema) schema = cb_project_load_schema (project, files[i], &error);

      if (schema == NULL)
        {
          /* A schema that cannot be read may be the one asked for */
          g_autofree char *id = cb_schema_id_from_path (files[i]);

          if (schema_id == NULL || g_strcmp0 (id, schema_id) == 0)
            {
              g_printerr ("%s\n", error->message);
              return NULL;
            }
          g_clear_error (&error);
          continue;
        }

      if (schema_id == NULL || strcmp (cb_schema_get_id (schema), schema_id) == 0)
        {
          if (print_diagnostics (cb_schema_get_diagnostics (schema)))
            return NULL;
          return g_steal_pointer (&schema);
        }

      g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", cb_schema_get_id (schema));
    }

  if (schema_id == NULL)
    g_printerr (_("%s: the project has no command schemas\n"), cb_project_get_schemas_dir (project));
  else
    g_printerr (_("--schema: the project has no schema “%s” (it has: %s)\n"),
                schema_id, ids->len ? ids->str : _("none"));
  return NULL;
}

/**
 * cb_cli_print_command:
 * @sets: (nullable): `KEY=VALUE` texts from `--set`
 *
 * Prints the display form of a schema's command, with @sets applied.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_INVALID when the values do not validate
 *   (each error on stderr, nothing on stdout); %CB_EXIT_BAD for a bad
 *   project, schema or flag
 */
int
cb_cli_print_command (const char         *project_dir,
                      const char         *schema_id,
                      const char * const *sets)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbSchema) schema = NULL;
  g_autoptr(CbForm) form = NULL;
  g_autoptr(GVariantBuilder) values = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) values_v = NULL;
  GPtrArray *messages;

  if ((project = load_project (project_dir)) == NULL)
    return CB_EXIT_BAD;
  if ((schema = find_schema (project, schema_id)) == NULL)
    return CB_EXIT_BAD;

  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *eq = strchr (sets[i], '=');
      g_autofree char *key = NULL;
      CbField *field;
      GVariant *value;

      if (eq == NULL || eq == sets[i])
        {
          g_printerr (_("--set: expected KEY=VALUE, not “%s”\n"), sets[i]);
          return CB_EXIT_BAD;
        }

      key = g_strndup (sets[i], eq - sets[i]);
      field = cb_schema_lookup_field (schema, key);
      if (field == NULL)
        {
          g_printerr (_("--set: the schema “%s” has no field “%s”\n"), cb_schema_get_id (schema), key);
          return CB_EXIT_BAD;
        }

      value = cb_field_parse_value (field, eq + 1, &error);
      if (value == NULL)
        {
          g_printerr ("--set: %s\n", error->message);
          return CB_EXIT_BAD;
        }
      g_variant_builder_add (values, "{sv}", key, value);
      g_variant_unref (value);
    }

  /* Problems of the config tree do not stop the command, but are shown */
  print_diagnostics (cb_project_get_config_diagnostics (project));

  form = cb_form_new (project, schema);
  values_v = g_variant_ref_sink (g_variant_builder_end (values));
  cb_form_set_values (form, values_v);

  messages = cb_form_get_messages (form);
  for (guint i = 0; i < messages->len; i++)
    {
      const CbDiagnostic *d = g_ptr_array_index (messages, i);

      if (d->severity == CB_SEVERITY_ERROR)
        g_printerr (_("error: %s\n"), d->message);
      else
        g_printerr (_("warning: %s\n"), d->message);
    }
  if (cb_form_has_errors (form))
    return CB_EXIT_INVALID;

  g_print ("%s\n", cb_form_get_display (form));
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
