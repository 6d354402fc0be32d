/* fuzz-schema.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-form.h"
#include "cb-project.h"
#include "fuzz-util.h"

/* A command schema, all the way to its command: the input is a schema
 * file of a real project (tests/fixtures/ocr-like, with its sources and
 * metadata); it loads or fails with an error, and a loaded one makes a
 * form whose command is an argv that its display form gives back */

static CbProject *project;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = g_getenv ("CB_FUZZ_PROJECT");
  g_autoptr(GError) error = NULL;

  fuzz_tempdir ();
  project = cb_project_load (dir ? dir : CB_FUZZ_PROJECT, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  cb_project_ensure_config (project);
  return 0;
}

static void
check_command (CbForm *form)
{
  const char * const *argv = cb_form_get_argv (form);
  g_auto(GStrv) split = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (argv != NULL && argv[0] != NULL);
  if (!g_shell_parse_argv (cb_form_get_display (form), NULL, &split, &error))
    g_error ("“%s” cannot be split: %s", cb_form_get_display (form), error->message);
  g_assert (g_strv_length (split) == g_strv_length ((char **)argv));
  for (guint i = 0; argv[i] != NULL; i++)
    g_assert (strcmp (split[i], argv[i]) == 0);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = fuzz_write ("schemas/command_builder_fuzz.yaml", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSchema) schema = cb_schema_load (path, CB_NAME_LOOKUP (project), &error);
  g_autoptr(CbForm) form = NULL;
  g_autoptr(GVariant) values = NULL;
  GPtrArray *messages;

  if (schema == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  /* Each diagnostic is a sentence with a place */
  for (guint i = 0; i < cb_schema_get_diagnostics (schema)->len; i++)
    g_free (cb_diagnostic_to_string (g_ptr_array_index (cb_schema_get_diagnostics (schema), i)));

  form = cb_form_new (project, schema);
  messages = cb_form_get_messages (form);
  g_assert (messages != NULL);
  check_command (form);

  /* The values it holds, set back: the same command */
  values = cb_form_get_user_values (form);
  cb_form_reset (form);
  if (values != NULL)
    cb_form_set_values (form, values);
  check_command (form);

  return 0;
}
