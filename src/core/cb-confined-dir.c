/* cb-confined-dir.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-confined-dir.h"
#include "cb-error.h"

/* A folder the app writes to inside a folder it does not own, a project
 * that may come from someone else: a symbolic link on the way must not
 * make the app write outside it. Each folder is resolved, as realpath(3)
 * does, before anything is created in it.
 */

/* Whether @path is @root or below it; both resolved */
static gboolean
is_inside (const char *path,
           const char *root)
{
  size_t n = strlen (root);

  if (strcmp (root, "/") == 0)
    return TRUE;

  return strncmp (path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static gboolean
set_errno_error (GError     **error,
                 const char  *path,
                 const char  *format)
{
  int saved_errno = errno;

  g_set_error (error, CB_ERROR, CB_ERROR_IO, format, path, g_strerror (saved_errno));
  return FALSE;
}

/* Checks that @path resolves inside @real_root, creating it when it does
 * not exist: its parent was checked already, so mkdir() cannot land
 * outside. A symbolic link is followed only when it leads inside.
 */
static gboolean
ensure_inside (const char  *path,
               const char  *real_root,
               GError     **error)
{
  g_autofree char *real = NULL;
  gboolean is_link = FALSE;
  struct stat st;

  if (lstat (path, &st) == 0)
    is_link = S_ISLNK (st.st_mode);
  else
    {
      if (errno != ENOENT)
        return set_errno_error (error, path, _("%s: cannot read the folder: %s"));
      if (g_mkdir (path, 0755) != 0 && errno != EEXIST)
        return set_errno_error (error, path, _("%s: cannot create the folder: %s"));
    }

  real = realpath (path, NULL);
  if (real == NULL)
    {
      if (is_link)
        g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                     _("%s: the symbolic link leads to nothing that can be written; "
                       "Command Builder writes only inside the project folder"),
                     path);
      else
        set_errno_error (error, path, _("%s: cannot read the folder: %s"));
      return FALSE;
    }

  if (!is_inside (real, real_root))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                   _("%s: the symbolic link leads out of the project folder, to %s; "
                     "Command Builder writes only inside the project folder"),
                   path, real);
      return FALSE;
    }

  if (!g_file_test (real, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID, _("%s: not a folder"), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * cb_confined_dir_ensure:
 * @root: the folder that must hold it
 * @relative: the folder, relative to @root; `..` is refused
 *
 * Makes @relative inside @root, creating what is missing, and makes sure
 * that no symbolic link on the way leads out of @root. Call it before
 * writing there.
 *
 * Returns: (transfer full): the folder, or %NULL with @error set to a
 *   message that names the link or folder at fault
 */
char *
cb_confined_dir_ensure (const char  *root,
                        const char  *relative,
                        GError     **error)
{
  g_autofree char *real_root = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (root != NULL && relative != NULL, NULL);

  real_root = realpath (root, NULL);
  if (real_root == NULL)
    {
      set_errno_error (error, root, _("%s: cannot read the folder: %s"));
      return NULL;
    }

  parts = g_strsplit (relative, "/", -1);
  path = g_strdup (root);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *next;

      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                       _("%s: “..” leads out of the project folder"), relative);
          return NULL;
        }

      next = g_build_filename (path, parts[i], NULL);
      g_free (path);
      path = next;

      if (!ensure_inside (path, real_root, error))
        return NULL;
    }

  return g_steal_pointer (&path);
}
