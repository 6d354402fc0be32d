/* fuzz-util.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* The entry points of a libFuzzer harness; the replay driver calls them
 * too */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const guint8   *data,
                            size_t          size);

/* @data as a string: it stops at the first NUL */
static inline char *
fuzz_strndup (const guint8 *data,
              size_t        size)
{
  return g_strndup ((const char *)data, size);
}

/* A folder of the process's own for the files a harness writes, removed
 * at exit; and the cache and data folders pointed into it, so that
 * nothing is written elsewhere */
static inline const char *
fuzz_tempdir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autofree char *cache = NULL;
      g_autofree char *data = NULL;

      dir = g_dir_make_tmp ("cmdbuilder-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      cache = g_build_filename (dir, "cache", NULL);
      data = g_build_filename (dir, "data", NULL);
      g_setenv ("XDG_CACHE_HOME", cache, TRUE);
      g_setenv ("XDG_DATA_HOME", data, TRUE);
    }
  return dir;
}

/* Writes @data to @relative under fuzz_tempdir(), making its folder */
static inline char *
fuzz_write (const char   *relative,
            const guint8 *data,
            size_t        size)
{
  char *path = g_build_filename (fuzz_tempdir (), relative, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert (g_mkdir_with_parents (folder, 0700) == 0);
  g_assert (g_file_set_contents (path, (const char *)data, size, NULL));
  return path;
}

G_END_DECLS
