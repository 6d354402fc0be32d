/* cb-glob.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-glob.h"

/* Globs of the project file: relative to the project root, one pattern per
 * path component, where `*` and `?` match within a component and never
 * cross a `/`. Hidden entries match only a pattern that starts with a dot.
 */

gboolean
cb_glob_is_pattern (const char *component)
{
  return strpbrk (component, "*?[") != NULL;
}

/**
 * cb_glob_validate:
 *
 * Returns: whether @pattern is a relative pattern that stays inside the
 *   project: not absolute, no `..`, no empty component
 */
gboolean
cb_glob_validate (const char  *pattern,
                  GError     **error)
{
  g_auto(GStrv) parts = NULL;

  if (pattern[0] == '\0')
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID, _("the pattern is empty"));
      return FALSE;
    }
  if (g_path_is_absolute (pattern))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                   _("the pattern “%s” must be relative to the project folder"), pattern);
      return FALSE;
    }

  parts = g_strsplit (pattern, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      {
        g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                     _("the pattern “%s” must stay inside the project folder"), pattern);
        return FALSE;
      }

  return TRUE;
}

static void
note_problem (GPtrArray  *problems,
              const char *path,
              GError     *error)
{
  if (problems != NULL)
    g_ptr_array_add (problems, g_strdup_printf (_("%s: cannot read the folder: %s"),
                                                path, error->message));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

typedef struct
{
  CbGlobFunc  func;
  gpointer    user_data;
  GPtrArray  *problems;
  GPtrArray  *folders;
} Walk;

static void
walk (Walk        *w,
      const char  *absolute,
      const char  *relative,
      char       **parts)
{
  const char *part = parts[0];
  gboolean last = parts[1] == NULL;

  if (part[0] == '\0' || strcmp (part, ".") == 0)
    {
      if (last)
        return;
      walk (w, absolute, relative, parts + 1);
      return;
    }

  if (!cb_glob_is_pattern (part))
    {
      g_autofree char *abs = g_build_filename (absolute, part, NULL);
      g_autofree char *rel = relative ? g_build_filename (relative, part, NULL) : g_strdup (part);

      if (last)
        {
          if (g_file_test (abs, G_FILE_TEST_IS_REGULAR))
            w->func (rel, abs, w->user_data);
        }
      else
        {
          /* A folder named in full may appear later: it is watched too */
          if (w->folders != NULL)
            g_ptr_array_add (w->folders, g_strdup (abs));
          if (g_file_test (abs, G_FILE_TEST_IS_DIR))
            walk (w, abs, rel, parts + 1);
        }
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) dir = g_dir_open (absolute, 0, &error);
    g_autoptr(GPatternSpec) spec = NULL;
    g_autoptr(GPtrArray) names = NULL;
    const char *name;

    /* The entries of a listed folder decide the result */
    if (w->folders != NULL)
      g_ptr_array_add (w->folders, g_strdup (absolute));

    if (dir == NULL)
      {
        if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
          note_problem (w->problems, absolute, error);
        return;
      }

    spec = g_pattern_spec_new (part);
    names = g_ptr_array_new_with_free_func (g_free);

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        if (name[0] == '.' && part[0] != '.')
          continue;
        if (g_pattern_spec_match_string (spec, name))
          g_ptr_array_add (names, g_strdup (name));
      }

    g_ptr_array_sort (names, compare_strings);

    for (guint i = 0; i < names->len; i++)
      {
        const char *n = g_ptr_array_index (names, i);
        g_autofree char *abs = g_build_filename (absolute, n, NULL);
        g_autofree char *rel = relative ? g_build_filename (relative, n, NULL) : g_strdup (n);

        if (last)
          {
            if (g_file_test (abs, G_FILE_TEST_IS_REGULAR))
              w->func (rel, abs, w->user_data);
          }
        else if (g_file_test (abs, G_FILE_TEST_IS_DIR))
          walk (w, abs, rel, parts + 1);
      }
  }
}

/**
 * cb_glob:
 * @root: the folder the pattern is relative to
 * @pattern: a relative pattern such as `configs/data/\*.yaml`
 * @func: (scope call): called for each matching regular file, in order
 * @problems: (nullable) (element-type utf8): where to add a message for
 *   each folder that cannot be read
 *
 * Calls @func for each regular file matching @pattern. A pattern matching
 * nothing calls nothing; it is not an error.
 */
void
cb_glob (const char *root,
         const char *pattern,
         CbGlobFunc  func,
         gpointer    user_data,
         GPtrArray  *problems)
{
  cb_glob_full (root, pattern, func, user_data, problems, NULL);
}

/**
 * cb_glob_full:
 * @folders: (nullable) (element-type filename): where to add each folder
 *   the match depends on: every folder that was listed, and every folder
 *   named in full that was looked for, whether it exists or not
 *
 * Like cb_glob(), and tells which folders to watch for the result to change.
 */
void
cb_glob_full (const char *root,
              const char *pattern,
              CbGlobFunc  func,
              gpointer    user_data,
              GPtrArray  *problems,
              GPtrArray  *folders)
{
  g_auto(GStrv) parts = NULL;
  Walk w = { func, user_data, problems, folders };

  g_return_if_fail (root != NULL);
  g_return_if_fail (pattern != NULL);

  if (!cb_glob_validate (pattern, NULL))
    return;

  parts = g_strsplit (pattern, "/", -1);
  walk (&w, root, NULL, parts);
}

static void
collect (const char *relative,
         const char *absolute,
         gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (relative));
}

/**
 * cb_glob_list:
 *
 * Returns: (transfer full): the relative paths matching @pattern, sorted
 */
char **
cb_glob_list (const char *root,
              const char *pattern,
              GPtrArray  *problems)
{
  GPtrArray *paths = g_ptr_array_new ();

  cb_glob (root, pattern, collect, paths, problems);
  g_ptr_array_add (paths, NULL);

  return (char **)g_ptr_array_free (paths, FALSE);
}

/**
 * cb_path_stem:
 *
 * Returns: (transfer full): the file name of @path without its extension
 */
char *
cb_path_stem (const char *path)
{
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return base;
}
