/* cb-test-util.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-diagnostic.h"
#include "cb-test-util.h"

/**
 * cb_test_make_tempdir:
 *
 * Returns: (transfer full): a new empty folder, removed by the caller with
 *   cb_test_remove_tree()
 */
char *
cb_test_make_tempdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cmdbuilder-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
cb_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      cb_test_remove_tree (child);
    }
  g_rmdir (path);
}

/**
 * cb_test_write:
 *
 * Writes @contents to @dir/@relative, creating folders as needed.
 *
 * Returns: (transfer full): the path written
 */
char *
cb_test_write (const char *dir,
               const char *relative,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/**
 * cb_test_fixture:
 *
 * Returns: (transfer full): the path of tests/fixtures/@name
 */
char *
cb_test_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

char *
cb_test_diagnostics_to_string (GPtrArray *diagnostics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = cb_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_string_append_printf (out, "%s\n", text);
    }

  return g_string_free (out, FALSE);
}

/**
 * cb_test_diagnostics_contain:
 *
 * Returns: whether one diagnostic, as `file:line:column: message`,
 *   contains @text
 */
gboolean
cb_test_diagnostics_contain (GPtrArray  *diagnostics,
                             const char *text)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *s = cb_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      if (strstr (s, text) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * cb_test_run:
 * @out: (out) (optional): stdout
 * @err: (out) (optional): stderr
 *
 * Runs a program and waits for it.
 *
 * Returns: its exit status, or -1 when it was killed by a signal
 */
int
cb_test_run (const char * const *argv,
             const char         *cwd,
             char              **out,
             char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  if (!g_subprocess_get_if_exited (process))
    return -1;
  return g_subprocess_get_exit_status (process);
}

/**
 * cb_test_form_string:
 * @key: a field whose value is a string
 *
 * Returns: (nullable): the field's value
 */
const char *
cb_test_form_string (CbForm     *form,
                     const char *key)
{
  CbField *field = cb_schema_lookup_field (cb_form_get_schema (form), key);
  GVariant *value;

  g_assert_nonnull (field);
  value = cb_form_get_value (form, field->index);
  return value ? g_variant_get_string (value, NULL) : NULL;
}

/**
 * cb_test_flag_timeout:
 * @flag: (type gboolean*): set when the timeout fires
 */
gboolean
cb_test_flag_timeout (gpointer flag)
{
  *(gboolean *)flag = TRUE;
  return G_SOURCE_REMOVE;
}
