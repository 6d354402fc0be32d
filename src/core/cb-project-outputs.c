/* cb-project-outputs.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-confined-dir.h"
#include "cb-project-private.h"

/* The app's own files, run logs and the history, live in the project's
 * `outputs/.cmdbuilder`, kept inside the project (see cb-confined-dir.c).
 */

#define PRIVATE_DIR ".cmdbuilder"

/**
 * cb_project_ensure_private_dir:
 * @name: (nullable): a folder inside `outputs/.cmdbuilder`, such as `runs`
 *
 * Makes the folder the app writes its own files to, `outputs/.cmdbuilder`
 * or a folder in it, creating what is missing, and makes sure it is
 * inside the project: no symbolic link on the way leads out of it. Call
 * it before writing there; on error, write to the user's data folder
 * instead.
 *
 * Returns: (transfer full): the folder, or %NULL with @error set to a
 *   message that names the link or folder at fault
 */
char *
cb_project_ensure_private_dir (CbProject   *self,
                               const char  *name,
                               GError     **error)
{
  g_autofree char *relative = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name == NULL || (name[0] != '\0' && strchr (name, '/') == NULL &&
                                         strcmp (name, "..") != 0), NULL);

  /* The outputs folder is below the root: cb-project-file.c refuses `..` */
  g_assert (g_str_has_prefix (self->outputs_dir, self->root));
  relative = g_build_filename (self->outputs_dir + strlen (self->root), PRIVATE_DIR, name, NULL);

  return cb_confined_dir_ensure (self->root, relative, error);
}
