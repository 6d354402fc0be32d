/* cb-checkpoint-patterns.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cb-checkpoint-patterns.h"
#include "cb-glob.h"

/* The globs are split into components, one pattern per path component,
 * and flattened: a folder's mask has bit p set when component p applies to
 * its entries. The root's mask holds the first component of each glob; a
 * folder that matches component p, not the last of its glob, gives its
 * entries component p + 1. So one listing of a folder serves every glob,
 * and a folder named in full in every component that applies is looked
 * up, not listed.
 *
 * A `**` component p matches any number of folder levels: a mask that
 * holds p holds p + 1 too (no level), and a folder that is not hidden,
 * under a mask that holds p, gives its entries p again (one more level).
 * Each folder is still one node, listed once, whatever the paths that lead
 * the globs to it.
 */

#define BIT(p) (G_GUINT64_CONSTANT (1) << (p))

static void
patterns_clear (gpointer data)
{
  CbCheckpointPatterns *pat = data;

  g_strfreev (pat->comps);
  g_free (pat->experiment_depth);
  g_free (pat->experiment_tail);
}

CbCheckpointPatterns *
cb_checkpoint_patterns_ref (CbCheckpointPatterns *pat)
{
  return g_atomic_rc_box_acquire (pat);
}

void
cb_checkpoint_patterns_unref (CbCheckpointPatterns *pat)
{
  g_atomic_rc_box_release_full (pat, patterns_clear);
}

/* @mask with the components that `**` components of it reach at once */
static guint64
closure (const CbCheckpointPatterns *pat,
         guint64                     mask)
{
  /* Ascending: a `**` right after a `**` was merged by cb_glob_split() */
  for (guint p = 0; p < pat->n; p++)
    if ((mask & BIT (p)) && pat->globstar[p])
      mask |= BIT (p + 1);
  return mask;
}

/* The experiment of a glob's files: the folder of its first wildcard, if
 * that is not the file name's; for a first wildcard `**`, the folders it
 * matched, when it is the glob's only `**`
 */
static void
find_experiment (char **parts,
                 guint  n_parts,
                 int   *depth,
                 int   *tail)
{
  *depth = -1;
  *tail = -1;

  for (guint i = 0; i < n_parts; i++)
    if (cb_glob_is_pattern (parts[i]))
      {
        if (i + 1 == n_parts)
          return;
        *depth = i;
        if (cb_glob_is_globstar (parts[i]))
          {
            *tail = n_parts - i - 1;
            for (guint k = i + 1; k < n_parts; k++)
              if (cb_glob_is_globstar (parts[k]))
                *tail = -1;
          }
        return;
      }
}

/* Adds the components of one glob; FALSE when there is no room for them */
static gboolean
add_glob (CbCheckpointPatterns *pat,
          GStrvBuilder         *comps,
          GArray               *depths,
          GArray               *tails,
          char                **parts)
{
  guint n_parts = g_strv_length (parts);
  int depth, tail;

  if (n_parts == 0)
    return TRUE;
  if (pat->n + n_parts > CB_CHECKPOINT_MAX_COMPONENTS)
    return FALSE;

  for (guint i = 0; i < n_parts; i++)
    {
      guint p = pat->n + i;

      g_strv_builder_add (comps, parts[i]);
      pat->literal[p] = !cb_glob_is_pattern (parts[i]);
      pat->globstar[p] = cb_glob_is_globstar (parts[i]);
      pat->last[p] = i + 1 == n_parts;
      pat->star_suffix[p] = parts[i][0] == '*' && !cb_glob_is_pattern (parts[i] + 1) ? (gssize)strlen (parts[i] + 1) : -1;
      pat->glob_of[p] = pat->n_globs;
    }

  find_experiment (parts, n_parts, &depth, &tail);
  g_array_append_val (depths, depth);
  g_array_append_val (tails, tail);
  pat->root_mask |= BIT (pat->n);
  pat->n += n_parts;
  pat->n_globs++;
  return TRUE;
}

/**
 * cb_checkpoint_patterns_new:
 * @globs: (array zero-terminated=1) (nullable): relative globs; invalid
 *   ones are left out
 *
 * Returns: (transfer full): the compiled patterns
 */
CbCheckpointPatterns *
cb_checkpoint_patterns_new (const char * const *globs)
{
  CbCheckpointPatterns *pat = g_atomic_rc_box_new0 (CbCheckpointPatterns);
  g_autoptr(GStrvBuilder) comps = g_strv_builder_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint g = 0; globs != NULL && globs[g] != NULL; g++)
    {
      g_auto(GStrv) parts = NULL;

      if (!cb_glob_validate (globs[g], NULL))
        continue;

      parts = cb_glob_split (globs[g]);
      if (!add_glob (pat, comps, depths, tails, parts))
        g_warning ("Too many checkpoint patterns: “%s” is ignored", globs[g]);
    }

  pat->comps = g_strv_builder_end (comps);
  pat->root_mask = closure (pat, pat->root_mask);
  pat->experiment_depth = (int *)g_array_free (g_steal_pointer (&depths), FALSE);
  pat->experiment_tail = (int *)g_array_free (g_steal_pointer (&tails), FALSE);
  return pat;
}

static gboolean
match_component (const CbCheckpointPatterns *pat,
                 guint                       p,
                 const char                 *name)
{
  /* `**` takes any folder that is not hidden, and never a file */
  if (pat->globstar[p])
    return name[0] != '.';
  if (pat->literal[p])
    return strcmp (pat->comps[p], name) == 0;

  /* The usual file pattern, `*.ckpt`, tested for each of 100,000 files:
   * as cb_glob_match() would, without reading the name character by
   * character
   */
  if (pat->star_suffix[p] >= 0)
    {
      gsize suffix = pat->star_suffix[p];
      gsize len = strlen (name);

      return name[0] != '.' && len >= suffix && memcmp (name + len - suffix, pat->comps[p] + 1, suffix) == 0;
    }

  return cb_glob_match (pat->comps[p], name);
}

/* Which components of @mask an entry named @name matches: the glob of the
 * first file pattern it matches (-1 for none), and the mask of its
 * entries when it is a folder.
 */
void
cb_checkpoint_patterns_classify (const CbCheckpointPatterns *pat,
                                 guint64                     mask,
                                 const char                 *name,
                                 int                        *glob,
                                 guint64                    *child_mask)
{
  guint64 children = 0;

  *glob = -1;

  for (guint p = 0; p < pat->n; p++)
    {
      if (!(mask & BIT (p)) || !match_component (pat, p, name))
        continue;

      if (pat->globstar[p])
        children |= BIT (p);
      else if (!pat->last[p])
        children |= BIT (p + 1);
      else if (*glob < 0)
        *glob = pat->glob_of[p];
    }

  *child_mask = closure (pat, children);
}

char *
cb_checkpoint_join_relative (const char *dir,
                             const char *name)
{
  return dir[0] == '\0' ? g_strdup (name) : g_strconcat (dir, "/", name, NULL);
}

char *
cb_checkpoint_absolute_path (const char *root,
                             const char *relative)
{
  return relative[0] == '\0' ? g_strdup (root) : g_build_filename (root, relative, NULL);
}

static gint64
stat_mtime (const struct stat *st)
{
  return (gint64)st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

/* Where the experiment of @relative, a file that glob @glob matched, is
 * in it: FALSE when it has none
 */
static gboolean
find_experiment_in (const CbCheckpointPatterns *pat,
                    const char                 *relative,
                    gsize                       len,
                    int                         glob,
                    const char                **start_out,
                    const char                **end_out)
{
  int depth = pat->experiment_depth[glob];
  int tail = pat->experiment_tail[glob];
  const char *start = relative;
  const char *end;

  if (depth < 0)
    return FALSE;

  for (int i = 0; i < depth && start != NULL; i++)
    if ((start = strchr (start, '/')) != NULL)
      start++;
  if (start == NULL)
    return FALSE;

  if (tail < 0)
    {
      end = strchr (start, '/');
      *start_out = start;
      *end_out = end ? end : relative + len;
      return TRUE;
    }

  /* The folders `**` matched: all but the last @tail levels */
  end = relative + len;
  for (int i = 0; i < tail && end > start; i++)
    {
      end--;
      while (end > start && *end != '/')
        end--;
    }
  if (end <= start)
    return FALSE;
  *start_out = start;
  *end_out = end;
  return TRUE;
}

/* The interned display form of an experiment's name */
static char *
intern_experiment (const char *start,
                   gsize       len)
{
  g_autofree char *name = g_strndup (start, len);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (name, -1);

      return g_ref_string_new_intern (valid);
    }
  return g_ref_string_new_intern (name);
}

/* The experiment of @relative, a file that glob @glob matched. The files
 * of a folder share theirs: @cache, the last one, spares interning (a
 * lock and a lookup in a table of the whole process) for each of them.
 */
static char *
experiment_of (const CbCheckpointPatterns *pat,
               const char                 *relative,
               gsize                       len,
               int                         glob,
               char                      **cache)
{
  const char *start, *end;
  gsize n;

  if (!find_experiment_in (pat, relative, len, glob, &start, &end))
    return NULL;

  n = end - start;
  if (cache != NULL && *cache != NULL && strlen (*cache) == n && memcmp (*cache, start, n) == 0)
    return g_ref_string_acquire (*cache);

  if (cache == NULL)
    return intern_experiment (start, n);

  g_clear_pointer (cache, g_ref_string_release);
  *cache = intern_experiment (start, n);
  return g_ref_string_acquire (*cache);
}

/**
 * cb_checkpoint_patterns_make_entry:
 * @relative: a file's project-relative path
 * @glob: the glob it matched
 * @cache: (inout) (nullable): the last experiment made, a #GRefString
 *   the caller releases once done
 *
 * May be called from any thread.
 *
 * Returns: (transfer full): the checkpoint of the file, with its experiment
 */
CbCheckpointEntry *
cb_checkpoint_patterns_make_entry (const CbCheckpointPatterns *pat,
                                   const char                 *relative,
                                   int                         glob,
                                   const struct stat          *st,
                                   char                      **cache)
{
  gsize len = strlen (relative);

  return cb_checkpoint_entry_new (relative, len, experiment_of (pat, relative, len, glob, cache),
                                  st->st_size, stat_mtime (st));
}

/* Listing one folder: on worker threads and in the synchronous scan */

static void
list_entry (const CbCheckpointPatterns *pat,
            int                         dir_fd,
            GString                    *relative,
            guint64                     mask,
            const char                 *name,
            unsigned char               type,
            CbListFunc                  func,
            gpointer                    user_data)
{
  gsize dir_len = relative->len;
  guint64 child_mask;
  struct stat st;
  int glob;

  cb_checkpoint_patterns_classify (pat, mask, name, &glob, &child_mask);
  if (glob < 0 && child_mask == 0)
    return;

  /* Under `**` most entries could be folders: the listing's type spares
   * a stat for the files that are not checkpoints
   */
  if ((type == DT_REG && glob < 0) || (type == DT_DIR && child_mask == 0))
    return;

  /* Symbolic links count as what they point to */
  if (fstatat (dir_fd, name, &st, 0) != 0)
    return;

  if (S_ISREG (st.st_mode) && glob >= 0)
    child_mask = 0;
  else if (S_ISDIR (st.st_mode) && child_mask != 0)
    glob = -1;
  else
    return;

  /* The folder's path, then each name in turn: no allocation per entry */
  if (dir_len > 0)
    g_string_append_c (relative, '/');
  g_string_append (relative, name);
  func (relative->str, name, glob, child_mask, &st, user_data);
  g_string_truncate (relative, dir_len);
}

/**
 * cb_checkpoint_patterns_list_dir:
 * @root: (type filename): the project folder
 * @dir: (type filename): the folder, relative to @root
 * @mask: the components that apply to the folder's entries
 * @func: (scope call): called for each matching file and each folder the
 *   match goes on in
 *
 * Lists one folder, from any thread. Symbolic links count as what they
 * point to.
 *
 * Returns: %CB_LIST_GONE when the folder does not exist (any more),
 *   %CB_LIST_ERROR with @error set when it cannot be read
 */
CbListStatus
cb_checkpoint_patterns_list_dir (const CbCheckpointPatterns  *pat,
                                 const char                  *root,
                                 const char                  *dir,
                                 guint64                      mask,
                                 CbListFunc                   func,
                                 gpointer                     user_data,
                                 GError                     **error)
{
  g_autofree char *path = cb_checkpoint_absolute_path (root, dir);
  g_autoptr(GString) relative = g_string_new (dir);
  gboolean literal_only = TRUE;
  struct dirent *entry;
  DIR *d;
  int fd;
  int saved;

  for (guint p = 0; p < pat->n; p++)
    if ((mask & BIT (p)) && !pat->literal[p])
      literal_only = FALSE;

  fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    goto failed;

  /* `checkpoints` in an experiment folder: look it up, list nothing */
  if (literal_only)
    {
      for (guint p = 0; p < pat->n; p++)
        {
          gboolean seen = FALSE;

          if (!(mask & BIT (p)))
            continue;
          for (guint q = 0; q < p && !seen; q++)
            seen = (mask & BIT (q)) && strcmp (pat->comps[p], pat->comps[q]) == 0;
          if (!seen)
            list_entry (pat, fd, relative, mask, pat->comps[p], DT_UNKNOWN, func, user_data);
        }
      close (fd);
      return CB_LIST_OK;
    }

  d = fdopendir (fd);
  if (d == NULL)
    {
      saved = errno;
      close (fd);
      errno = saved;
      goto failed;
    }

  while ((entry = readdir (d)) != NULL)
    {
      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      list_entry (pat, dirfd (d), relative, mask, entry->d_name, entry->d_type, func, user_data);
    }
  closedir (d);
  return CB_LIST_OK;

failed:
  saved = errno;
  if (saved == ENOENT || saved == ENOTDIR)
    return CB_LIST_GONE;
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
  return CB_LIST_ERROR;
}
