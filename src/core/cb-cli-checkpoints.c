/* cb-cli-checkpoints.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cb-checkpoint-model.h"
#include "cb-cli-private.h"
#include "cb-project.h"

/* --list-checkpoints: the checkpoints of a project's sources, once or
 * as they change */

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

  if ((project = _cb_cli_load_project (project_dir)) == NULL)
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
