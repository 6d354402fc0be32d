/* cb-cli.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cb-checkpoint-model.h"
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

/* The form of a command line: its --set and --sweep values; then its
 * --setup, and the values again, which win over the setup's
 */
static CbForm *
cli_form_new (const CbCliCommand *command,
              int                *status)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbSchema) schema = NULL;
  g_autoptr(CbForm) form = NULL;
  g_autoptr(GVariantBuilder) values = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) values_v = NULL;

  *status = CB_EXIT_BAD;
  if ((project = load_project (command->project_dir)) == NULL)
    return NULL;
  if ((schema = find_schema (project, command->schema_id)) == NULL)
    return NULL;
  if (!parse_values (schema, command->sets, FALSE, values) ||
      !parse_values (schema, command->sweeps, TRUE, values))
    return NULL;

  /* Problems of the config tree do not stop the command, but are shown */
  print_diagnostics (cb_project_get_config_diagnostics (project));

  form = cb_form_new (project, schema);
  values_v = g_variant_ref_sink (g_variant_builder_end (values));
  cb_form_set_values (form, values_v);

  if (command->setup != NULL)
    {
      if (!apply_setup (form, command->setup))
        return NULL;
      cb_form_set_values (form, values_v);
    }

  *status = CB_EXIT_OK;
  return g_steal_pointer (&form);
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
  GPtrArray *messages;
  int status;

  if ((form = cli_form_new (command, &status)) == NULL)
    return status;

  messages = cb_form_get_messages (form);
  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);

      if (d->severity == CB_SEVERITY_ERROR)
        g_printerr (_("error: %s\n"), d->message);
      else
        g_printerr (_("warning: %s\n"), d->message);
    }
  if (cb_form_has_errors (form))
    return CB_EXIT_INVALID;

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

  if ((form = cli_form_new (command, &status)) == NULL)
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

/* --list-checkpoints */

typedef struct
{
  GMainLoop  *loop;
  GPtrArray  *shown; /* CbCheckpoint, in model order */
  gboolean    follow;
} ListCheckpoints;

/* Paths are printed as their bytes: g_print() would convert them */
static void
print_path (const char *prefix,
            const char *path)
{
  fputs (prefix, stdout);
  fputs (path, stdout);
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
        print_path ("- ", path);
    }
  for (guint i = 0; i < added; i++)
    {
      const char *path = cb_checkpoint_get_path (g_ptr_array_index (fresh, i));

      if (!g_hash_table_contains (before, path))
        print_path ("+ ", path);
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

      print_path ("", cb_checkpoint_get_path (item));
      g_ptr_array_add (state->shown, item);
    }
  fflush (stdout);

  if (!state->follow)
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
 * @follow: whether to go on with `+ PATH` and `- PATH` lines as
 *   checkpoints appear and disappear, until SIGINT or SIGTERM
 *
 * Prints the project-relative path of each checkpoint of the project's
 * `paths:` sources, one per line, newest first. The globs of all its
 * `paths:` sources make one list, so that a file matched by two of them
 * is printed once.
 *
 * Returns: %CB_EXIT_OK; %CB_EXIT_BAD for a bad project or one without a
 *   `paths:` source
 */
int
cb_cli_list_checkpoints (const char *project_dir,
                         gboolean    follow)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbCheckpointModel) model = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) globs = NULL;
  ListCheckpoints state = { NULL, NULL, follow };
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
  if (cb_checkpoint_model_get_loading (model) || follow)
    g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (model, &state);
  g_clear_pointer (&state.shown, g_ptr_array_unref);

  return CB_EXIT_OK;
}
