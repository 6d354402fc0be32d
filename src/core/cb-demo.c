/* cb-demo.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-demo.h"
#include "cb-error.h"
#include "cb-project.h"

/* The demo project ships read-only with the app; runs write into their
 * project folder, so the app works on a copy in the user's data folder.
 */

#define STAMP_FILE ".cmdbuilder-demo-version"

/**
 * cb_demo_find_installed:
 *
 * Returns: (transfer full) (nullable): the folder of the installed demo
 *   project: the first `cmdbuilder/demo` of the system data folders
 *   (`XDG_DATA_DIRS`), or else the one of the configured prefix
 */
char *
cb_demo_find_installed (void)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *fallback = NULL;

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (dirs[i], PACKAGE_NAME, "demo", NULL);
      g_autofree char *file = g_build_filename (dir, CB_PROJECT_FILE, NULL);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&dir);
    }

  fallback = g_build_filename (PKGDATADIR, "demo", CB_PROJECT_FILE, NULL);
  if (g_file_test (fallback, G_FILE_TEST_IS_REGULAR))
    return g_build_filename (PKGDATADIR, "demo", NULL);

  return NULL;
}

/**
 * cb_demo_get_copy_dir:
 *
 * Returns: (transfer full): where the user's copy of the demo lives
 */
char *
cb_demo_get_copy_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "demo", NULL);
}

/* The newest modification time of the files below @dir: the demo's
 * generation, so that a newer demo replaces an older copy.
 */
static gint64
newest_mtime (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  gint64 newest = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        newest = MAX (newest, newest_mtime (path));
      else
        newest = MAX (newest, (gint64)st.st_mtime);
    }

  return newest;
}

/* Copies the files of @from into @to, keeping their modes */
static gboolean
copy_tree (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (from, 0, error);
  if (dir == NULL)
    return FALSE;

  if (g_mkdir_with_parents (to, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CB_ERROR, CB_ERROR_IO, _("%s: cannot create the folder: %s"),
                   to, g_strerror (saved_errno));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      GStatBuf st;

      if (g_lstat (src, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          if (!copy_tree (src, dst, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode))
        {
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (src, &contents, &length, error) ||
              !g_file_set_contents_full (dst, contents, length, G_FILE_SET_CONTENTS_NONE,
                                         (st.st_mode & 0777) | 0600, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * cb_demo_ensure_copy:
 *
 * Makes sure the user's copy of the demo project exists and is as new as
 * the installed demo. A newer installed demo replaces the files of the
 * copy; what runs wrote (the outputs) stays.
 *
 * Returns: (transfer full): the folder of the copy, or %NULL with @error set
 */
char *
cb_demo_ensure_copy (GError **error)
{
  g_autofree char *installed = cb_demo_find_installed ();
  g_autofree char *copy = cb_demo_get_copy_dir ();
  g_autofree char *stamp_path = g_build_filename (copy, STAMP_FILE, NULL);
  g_autofree char *stamp = NULL;
  g_autofree char *current = NULL;

  if (installed == NULL)
    {
      g_autofree char *project_file = g_build_filename (copy, CB_PROJECT_FILE, NULL);

      /* An earlier copy still works without the installed demo */
      if (g_file_test (project_file, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&copy);

      g_set_error (error, CB_ERROR, CB_ERROR_NOT_FOUND,
                   _("The demo project is not installed (looked for %s/demo in the data folders)."),
                   PACKAGE_NAME);
      return NULL;
    }

  current = g_strdup_printf ("%s %" G_GINT64_FORMAT "\n", PACKAGE_VERSION, newest_mtime (installed));
  if (g_file_get_contents (stamp_path, &stamp, NULL, NULL) && strcmp (stamp, current) == 0)
    return g_steal_pointer (&copy);

  if (!copy_tree (installed, copy, error) ||
      !g_file_set_contents (stamp_path, current, -1, error))
    return NULL;

  return g_steal_pointer (&copy);
}
