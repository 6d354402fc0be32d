/* fuzz-project.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-diagnostic.h"
#include "cb-project.h"
#include "fuzz-util.h"

/* The project file: the input is a cmdbuilder.yaml; it loads with
 * diagnostics or fails with an error, and what it defines can be asked
 * for */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = fuzz_write ("project/cmdbuilder.yaml", data, size);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_load (dir, &error);
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) schemas = NULL;

  if (project == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  for (guint i = 0; i < cb_project_get_diagnostics (project)->len; i++)
    g_free (cb_diagnostic_to_string (g_ptr_array_index (cb_project_get_diagnostics (project), i)));

  g_assert (cb_project_get_root (project) != NULL);
  g_assert (cb_project_get_name (project) != NULL);
  g_assert (cb_project_get_outputs_dir (project) != NULL);
  g_assert (cb_project_get_schemas_dir (project) != NULL);
  cb_project_get_runner (project);
  cb_project_get_progress_regex (project);

  sources = cb_project_list_sources (project);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      cb_project_source_is_paths (project, sources[i]);
      cb_project_get_source_paths (project, sources[i]);
    }

  schemas = cb_project_list_schema_files (project, NULL);
  cb_project_ensure_config (project);

  return 0;
}
