/* cb-run-policy.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-error.h"
#include "cb-run-policy.h"

/* What a run of a form is: whether it may run at all, the argv it runs
 * (the form's, or the command the user edited, split as a shell would but
 * never run through one), where its log goes and how its progress is read.
 * The window's Run and the headless modes make runs the same way.
 */

/**
 * cb_run_policy_get_argv:
 * @edited: (nullable): the command line the user edited, or %NULL for
 *   the form's
 *
 * A form with errors does not run: its command would not be the one the
 * user meant. An edited command runs as the argv it spells.
 *
 * Returns: (transfer full) (nullable): the argv to run, or %NULL with
 *   %CB_ERROR_VALIDATION (the form has errors) or %CB_ERROR_PARSE (the
 *   edited command cannot be split into arguments)
 */
char **
cb_run_policy_get_argv (CbForm      *form,
                        const char  *edited,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char **argv = NULL;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cb_form_has_errors (form))
    {
      g_set_error_literal (error, CB_ERROR, CB_ERROR_VALIDATION,
                           _("The form has errors; fix them to run the command."));
      return NULL;
    }

  if (edited == NULL)
    return g_strdupv ((char **)cb_form_get_argv (form));

  if (!g_shell_parse_argv (edited, NULL, &argv, &local_error))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_PARSE,
                   _("The edited command cannot be split into arguments: %s"), local_error->message);
      return NULL;
    }

  return argv;
}

/**
 * cb_run_policy_get_log_dir:
 *
 * Makes the folder of the project's run logs, beside the history in the
 * outputs folder, and inside the project (see
 * cb_project_ensure_private_dir()).
 *
 * Returns: (transfer full): the folder, or %NULL with @error saying why
 *   logs cannot be written there
 */
char *
cb_run_policy_get_log_dir (CbProject  *project,
                           GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  return cb_project_ensure_private_dir (project, "runs", error);
}

/**
 * cb_run_policy_get_progress_regex:
 *
 * The schema's `progress_regex` applies, else the project's; both were
 * checked when their file was read.
 *
 * Returns: (transfer full) (nullable): the pattern that reads the run's
 *   progress, or %NULL for the built-in ones (see cb_progress_parse())
 */
GRegex *
cb_run_policy_get_progress_regex (CbSchema  *schema,
                                  CbProject *project)
{
  const char *pattern;

  g_return_val_if_fail (CB_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  pattern = cb_schema_get_progress_regex (schema);
  if (pattern == NULL)
    pattern = cb_project_get_progress_regex (project);
  if (pattern == NULL)
    return NULL;

  return g_regex_new (pattern, 0, 0, NULL);
}

/**
 * cb_run_policy_new_run:
 * @edited: (nullable): the command line the user edited
 *
 * Makes the run of @form's command, in the project's folder, with its log
 * in cb_run_policy_get_log_dir() and its progress read as
 * cb_run_policy_get_progress_regex() says. It is not started.
 *
 * Returns: (transfer full) (nullable): the run, or %NULL when the command
 *   may not run (see cb_run_policy_get_argv())
 */
CbRun *
cb_run_policy_new_run (CbForm      *form,
                       const char  *edited,
                       GError     **error)
{
  CbProject *project;
  CbSchema *schema;
  g_auto(GStrv) argv = NULL;
  g_autofree char *log_dir = NULL;
  g_autoptr(GError) log_error = NULL;
  g_autoptr(GRegex) regex = NULL;
  CbRun *run;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);

  if ((argv = cb_run_policy_get_argv (form, edited, error)) == NULL)
    return NULL;

  project = cb_form_get_project (form);
  schema = cb_form_get_schema (form);
  log_dir = cb_run_policy_get_log_dir (project, &log_error);
  run = cb_run_new ((const char * const *)argv, cb_project_get_root (project),
                    cb_schema_get_id (schema), log_dir);
  /* The log goes to the user's data folder then, and the run says why */
  if (log_dir == NULL)
    cb_run_set_log_problem (run, log_error->message);
  if ((regex = cb_run_policy_get_progress_regex (schema, project)) != NULL)
    cb_run_set_progress_regex (run, regex);

  return run;
}
