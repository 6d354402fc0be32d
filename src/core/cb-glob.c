/* cb-glob.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-glob.h"

/* Globs of the project file: relative to the project root, one pattern per
 * path component. In a component, `*` matches any run of characters, `?`
 * one character, and `[...]` one character of a set: `[abc]`, ranges
 * `[a-z0-9]`, negated with `!` or `^` (`[!.]`). A `]` first in the set and
 * a `-` first or last in it are themselves; a `[` without its `]` is an
 * ordinary character, and so is a backslash: `[*]` matches a `*`. None of
 * them ever matches a `/`. An entry whose name starts with a dot (a hidden
 * one) is matched only by a pattern that starts with a dot.
 *
 * A component that is `**` alone matches any number of folder levels, none
 * included, as in bash's globstar, git and Python: `logs/\*\*\/checkpoints`
 * is `logs/checkpoints`, `logs/a/checkpoints`, `logs/a/b/checkpoints`, …
 * It goes down into folders that are not hidden, following symbolic links
 * but not loops. Elsewhere in a component, `**` is `*`.
 *
 * Names are bytes as on disk: `?` and a set take one UTF-8 character where
 * the bytes are valid, else one byte.
 */

/**
 * cb_glob_is_pattern:
 * @component: one component of a glob
 *
 * Returns: whether @component has a wildcard, so that finding what it
 *   matches takes a listing of its folder rather than a lookup
 */
gboolean
cb_glob_is_pattern (const char *component)
{
  return strpbrk (component, "*?[") != NULL;
}

/* The character at @s, and its length */
static gsize
char_at (const char *s,
         gunichar   *c)
{
  gunichar u = g_utf8_get_char_validated (s, -1);

  if (u == (gunichar)-1 || u == (gunichar)-2)
    {
      *c = (guchar)s[0];
      return 1;
    }
  *c = u;
  return g_utf8_skip[(guchar)s[0]];
}

/* Whether the set at @p (on its `[`) holds @c; @end is past its `]`, or
 * %NULL when it has none, and then the `[` is an ordinary character
 */
static gboolean
match_set (const char  *p,
           gunichar     c,
           const char **end)
{
  gboolean negate = FALSE;
  gboolean found = FALSE;
  const char *q = p + 1;

  if (*q == '!' || *q == '^')
    {
      negate = TRUE;
      q++;
    }

  for (gboolean first = TRUE; *q != '\0' && (first || *q != ']'); first = FALSE)
    {
      gunichar lo, hi;

      q += char_at (q, &lo);
      hi = lo;
      if (q[0] == '-' && q[1] != ']' && q[1] != '\0')
        {
          q++;
          q += char_at (q, &hi);
        }
      if (lo <= c && c <= hi)
        found = TRUE;
    }

  if (*q != ']')
    {
      *end = NULL;
      return FALSE;
    }

  *end = q + 1;
  return found != negate;
}

/**
 * cb_glob_match:
 * @pattern: one component of a glob
 * @name: (type filename): the name of a folder entry
 *
 * The one matcher of every glob the app reads: `stems:`, `paths:` and
 * metadata `glob:`.
 *
 * Returns: whether @name matches @pattern
 */
gboolean
cb_glob_match (const char *pattern,
               const char *name)
{
  const char *p = pattern;
  const char *s = name;
  const char *star_p = NULL;
  const char *star_s = NULL;

  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* Hidden entries match only a pattern that starts with a dot */
  if (name[0] == '.' && pattern[0] != '.')
    return FALSE;

  while (*s != '\0')
    {
      gunichar c;
      gsize len = char_at (s, &c);
      const char *end = NULL;

      if (*p == '*')
        {
          star_p = ++p;
          star_s = s;
          continue;
        }

      if (*p == '?')
        {
          p++;
          s += len;
          continue;
        }
      if (*p == '[' && match_set (p, c, &end))
        {
          p = end;
          s += len;
          continue;
        }
      if (*p != '\0' && (*p != '[' || end == NULL) && *p == *s)
        {
          p++;
          s++;
          continue;
        }

      if (star_p == NULL)
        return FALSE;

      /* Let the last `*` take one more character */
      star_s += char_at (star_s, &c);
      p = star_p;
      s = star_s;
    }

  while (*p == '*')
    p++;
  return *p == '\0';
}

/**
 * cb_glob_is_globstar:
 * @component: one component of a split glob
 *
 * Returns: whether @component is `**`, which matches any number of folder
 *   levels, none included
 */
gboolean
cb_glob_is_globstar (const char *component)
{
  return strcmp (component, "**") == 0;
}

/**
 * cb_glob_split:
 * @pattern: a relative glob
 *
 * `./outputs//x` is `outputs/x`: empty and `.` components are left out.
 * `**` twice in a row is `**` once, and a `**` at the end is `**` then
 * `*`: all the files below.
 *
 * Returns: (transfer full): the components of @pattern
 */
char **
cb_glob_split (const char *pattern)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  gboolean after_globstar = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (after_globstar && cb_glob_is_globstar (parts[i]))
        continue;
      g_strv_builder_add (kept, parts[i]);
      after_globstar = cb_glob_is_globstar (parts[i]);
    }
  if (after_globstar)
    g_strv_builder_add (kept, "*");

  return g_strv_builder_end (kept);
}

/**
 * cb_glob_validate:
 *
 * Returns: whether @pattern is a relative pattern that stays inside the
 *   project and names files: not empty, not absolute, no `..`, not only
 *   `.` and `/`
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

  parts = cb_glob_split (pattern);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      {
        g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                     _("the pattern “%s” must stay inside the project folder"), pattern);
        return FALSE;
      }
  if (parts[0] == NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_INVALID,
                   _("the pattern “%s” names the project folder itself, not files in it"), pattern);
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
  GArray     *ancestors; /* FolderId: the folders `**` went down through */
} Walk;

typedef struct
{
  dev_t dev;
  ino_t ino;
} FolderId;

static void walk (Walk        *w,
                  const char  *absolute,
                  const char  *relative,
                  char       **parts);

/* The entry @name of the folder at @absolute matches @parts[0] */
static void
walk_entry (Walk        *w,
            const char  *absolute,
            const char  *relative,
            const char  *name,
            char       **parts)
{
  g_autofree char *abs = g_build_filename (absolute, name, NULL);
  g_autofree char *rel = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);

  if (parts[1] == NULL)
    {
      if (g_file_test (abs, G_FILE_TEST_IS_REGULAR))
        w->func (rel, abs, w->user_data);
    }
  else if (g_file_test (abs, G_FILE_TEST_IS_DIR))
    walk (w, abs, rel, parts + 1);
}

/* The entries of the folder at @absolute that match @part, sorted; %NULL
 * when it cannot be listed
 */
static GPtrArray *
list_matches (Walk       *w,
              const char *absolute,
              const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (absolute, 0, &error);
  GPtrArray *names;
  const char *name;

  /* The entries of a listed folder decide the result */
  if (w->folders != NULL)
    g_ptr_array_add (w->folders, g_strdup (absolute));

  if (dir == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        note_problem (w->problems, absolute, error);
      return NULL;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (cb_glob_match (part, name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  return names;
}

/* Whether the folder at @path is one `**` went down through: a symbolic
 * link loop. If not, it becomes one.
 */
static gboolean
enter_folder (Walk       *w,
              const char *path)
{
  struct stat st;
  FolderId id;

  if (stat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    return TRUE;

  id.dev = st.st_dev;
  id.ino = st.st_ino;
  for (guint i = 0; i < w->ancestors->len; i++)
    if (g_array_index (w->ancestors, FolderId, i).dev == id.dev &&
        g_array_index (w->ancestors, FolderId, i).ino == id.ino)
      return TRUE;

  g_array_append_val (w->ancestors, id);
  return FALSE;
}

/* `**` at @absolute: the rest of the glob here, then in each folder below */
static void
walk_globstar (Walk        *w,
               const char  *absolute,
               const char  *relative,
               char       **parts)
{
  g_autoptr(GPtrArray) names = NULL;

  if (enter_folder (w, absolute))
    return;

  walk (w, absolute, relative, parts + 1);

  names = list_matches (w, absolute, "*");
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *abs = g_build_filename (absolute, name, NULL);
      g_autofree char *rel = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);

      if (g_file_test (abs, G_FILE_TEST_IS_DIR))
        walk_globstar (w, abs, rel, parts);
    }

  g_array_set_size (w->ancestors, w->ancestors->len - 1);
}

static void
walk (Walk        *w,
      const char  *absolute,
      const char  *relative,
      char       **parts)
{
  g_autoptr(GPtrArray) names = NULL;

  if (cb_glob_is_globstar (parts[0]))
    {
      walk_globstar (w, absolute, relative, parts);
      return;
    }

  if (!cb_glob_is_pattern (parts[0]))
    {
      /* A folder named in full may appear later: it is watched too */
      if (parts[1] != NULL && w->folders != NULL)
        g_ptr_array_add (w->folders, g_build_filename (absolute, parts[0], NULL));
      walk_entry (w, absolute, relative, parts[0], parts);
      return;
    }

  names = list_matches (w, absolute, parts[0]);
  for (guint i = 0; names != NULL && i < names->len; i++)
    walk_entry (w, absolute, relative, g_ptr_array_index (names, i), parts);
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
  g_autoptr(GArray) ancestors = g_array_new (FALSE, FALSE, sizeof (FolderId));
  Walk w = { func, user_data, problems, folders, ancestors };

  g_return_if_fail (root != NULL);
  g_return_if_fail (pattern != NULL);

  if (!cb_glob_validate (pattern, NULL))
    return;

  parts = cb_glob_split (pattern);
  if (parts[0] != NULL)
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
