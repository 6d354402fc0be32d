/* cb-slurm-config.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-diagnostic.h"
#include "cb-error.h"
#include "cb-slurm-config.h"

/**
 * CbSlurmConfig:
 *
 * The project file's `slurm:` section: what the project says of its
 * cluster. `defaults` are the resources a page starts with, `fixed` those
 * the user cannot change (an account, a QoS); `setup` lines run before the
 * command (`module load`, `source .venv/bin/activate`); `srun` says
 * whether the command runs as a job step; `output` is where the job's log
 * goes; `signal` asks Slurm to warn the job before its time limit, so it
 * can save a checkpoint; `array_limit` is how many tasks of a sweep's job
 * array run at once. Immutable once parsed.
 */
struct _CbSlurmConfig
{
  gboolean          present;
  CbSlurmResources *defaults;
  CbSlurmResources *fixed;
  char            **setup;
  gboolean          srun;
  char             *output;
  char             *signal;
  guint             array_limit;
};

G_DEFINE_BOXED_TYPE (CbSlurmConfig, cb_slurm_config, cb_slurm_config_ref, cb_slurm_config_unref)

static void
config_clear (CbSlurmConfig *self)
{
  cb_slurm_resources_free (self->defaults);
  cb_slurm_resources_free (self->fixed);
  g_strfreev (self->setup);
  g_free (self->output);
  g_free (self->signal);
}

/**
 * cb_slurm_config_new:
 *
 * Returns: (transfer full): the configuration of a project without a
 *   `slurm:` section
 */
CbSlurmConfig *
cb_slurm_config_new (void)
{
  CbSlurmConfig *self = g_rc_box_new0 (CbSlurmConfig);

  self->defaults = cb_slurm_resources_new ();
  self->fixed = cb_slurm_resources_new ();
  self->setup = g_new0 (char *, 1);

  return self;
}

CbSlurmConfig *
cb_slurm_config_ref (CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
cb_slurm_config_unref (CbSlurmConfig *self)
{
  g_return_if_fail (self != NULL);
  g_rc_box_release_full (self, (GDestroyNotify)config_clear);
}

/* Parsing */

static char **
read_setup (const CbNode *node,
            GPtrArray    *diagnostics)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  gboolean list = cb_node_get_kind (node) == CB_NODE_SEQUENCE;
  guint n = list ? cb_node_get_n_children (node) : 1;

  if (cb_node_get_kind (node) == CB_NODE_MAPPING)
    {
      cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                             _("“setup” must be a list of shell lines, such as "
                               "[module load cuda]."));
      return g_strv_builder_end (lines);
    }

  for (guint i = 0; i < n; i++)
    {
      const CbNode *item = list ? cb_node_get_child (node, i) : node;
      const char *text = cb_node_get_scalar (item);

      if (text == NULL || cb_node_is_null (item))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, item,
                               _("The items of “setup” must be texts."));
      else if (!g_utf8_validate (text, -1, NULL))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, item,
                               _("The setup line is not valid UTF-8 text."));
      else
        /* A block scalar may hold several lines; they are kept as written */
        g_strv_builder_add (lines, text);
    }

  return g_strv_builder_end (lines);
}

/* USR1@90, SIGUSR1@90, B:USR1@90, R:TERM@120, USR2 */
static gboolean
is_signal_spec (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("^([BR]{1,2}:)?(SIG)?([A-Z][A-Z0-9]*|[0-9]+)(@[0-9]+)?$",
                                         0, 0, NULL);

  return g_regex_match (regex, text, 0, NULL);
}

static gboolean
read_text (const CbNode  *node,
           const char    *key,
           GPtrArray     *diagnostics,
           char         **out)
{
  if (cb_node_get_kind (node) != CB_NODE_SCALAR || cb_node_get_scalar (node)[0] == '\0')
    {
      cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                             _("“%s” must be a non-empty text."), key);
      return FALSE;
    }

  g_free (*out);
  *out = g_strdup (cb_node_get_scalar (node));
  return TRUE;
}

static void
read_key (CbSlurmConfig *self,
          const char    *name,
          const CbNode  *key,
          const CbNode  *value,
          GPtrArray     *diagnostics)
{
  if (strcmp (name, "defaults") == 0)
    {
      cb_slurm_resources_free (self->defaults);
      self->defaults = cb_slurm_resources_from_node (value, diagnostics);
    }
  else if (strcmp (name, "fixed") == 0)
    {
      cb_slurm_resources_free (self->fixed);
      self->fixed = cb_slurm_resources_from_node (value, diagnostics);
    }
  else if (strcmp (name, "setup") == 0)
    {
      g_strfreev (self->setup);
      self->setup = read_setup (value, diagnostics);
    }
  else if (strcmp (name, "srun") == 0)
    {
      if (!cb_node_get_boolean (value, &self->srun))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, value,
                               _("“srun” must be true or false."));
    }
  else if (strcmp (name, "output") == 0)
    {
      if (read_text (value, name, diagnostics, &self->output) &&
          !g_path_is_absolute (self->output) &&
          (strstr (self->output, "../") != NULL || g_str_has_prefix (self->output, "..")))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_WARNING, value,
                               _("“output” leaves the project folder; job logs are followed there "
                                 "all the same."));
    }
  else if (strcmp (name, "signal") == 0)
    {
      if (read_text (value, name, diagnostics, &self->signal) && !is_signal_spec (self->signal))
        {
          cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, value,
                                 _("“signal” must be a signal and how many seconds before the "
                                   "time limit, such as USR1@90."));
          g_clear_pointer (&self->signal, g_free);
        }
    }
  else if (strcmp (name, "array_limit") == 0)
    {
      guint64 limit;

      if (cb_node_get_kind (value) != CB_NODE_SCALAR ||
          !g_ascii_string_to_unsigned (cb_node_get_scalar (value), 10, 1, 100000, &limit, NULL))
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, value,
                               _("“array_limit” must be a whole number from 1: how many tasks "
                                 "of a job array run at once."));
      else
        self->array_limit = (guint)limit;
    }
  else
    cb_diagnostics_add_at (diagnostics, CB_SEVERITY_WARNING, key,
                           _("Unknown key “%s” in the slurm section; it is ignored."), name);
}

/**
 * cb_slurm_config_parse:
 * @node: the value of the project file's `slurm:` key
 * @diagnostics: (element-type CbDiagnostic): where problems go, each with
 *   its file, line and column
 *
 * Reads the section; wrong values are reported and left out, so that the
 * rest of the section still counts.
 *
 * Returns: (transfer full): the configuration
 */
CbSlurmConfig *
cb_slurm_config_parse (const CbNode *node,
                       GPtrArray    *diagnostics)
{
  g_autoptr(CbSlurmConfig) self = cb_slurm_config_new ();

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  self->present = TRUE;
  if (cb_node_is_null (node))
    return g_steal_pointer (&self);

  if (cb_node_get_kind (node) != CB_NODE_MAPPING)
    {
      cb_diagnostics_add_at (diagnostics, CB_SEVERITY_ERROR, node,
                             _("“slurm” must be a mapping, not %s."),
                             cb_node_kind_to_string (cb_node_get_kind (node)));
      return g_steal_pointer (&self);
    }

  for (guint i = 0; i < cb_node_get_n_children (node); i++)
    {
      const CbNode *key = cb_node_get_key (node, i);
      const CbNode *value = cb_node_get_child (node, i);
      const char *name = cb_node_get_scalar (key);

      if (name == NULL)
        cb_diagnostics_add_at (diagnostics, CB_SEVERITY_WARNING, key,
                               _("Keys of the slurm section must be texts."));
      else if (!cb_node_is_null (value))
        read_key (self, name, key, value, diagnostics);
    }

  return g_steal_pointer (&self);
}

/**
 * cb_slurm_config_load:
 * @project_file: a project's `cmdbuilder.yaml`
 * @diagnostics: (out) (optional) (element-type CbDiagnostic): every
 *   problem found, warnings included
 *
 * Reads the `slurm:` section of a project file, for the command line and
 * the tests; the app reads it along with the rest of the project.
 *
 * Returns: (transfer full): the configuration (cb_slurm_config_is_present()
 *   says whether the file has the section), or %NULL with @error set to the
 *   first error, as `file:line:column: message`
 */
CbSlurmConfig *
cb_slurm_config_load (const char  *project_file,
                      GPtrArray  **diagnostics,
                      GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_diagnostic_free);
  g_autoptr(CbSlurmConfig) self = NULL;
  g_autoptr(CbNode) root = NULL;
  CbNode *node;

  g_return_val_if_fail (project_file != NULL, NULL);

  root = cb_yaml_load_file (project_file, error);
  if (root == NULL)
    return NULL;

  node = cb_node_lookup (root, "slurm");
  self = node != NULL ? cb_slurm_config_parse (node, found) : cb_slurm_config_new ();

  for (guint i = 0; i < found->len; i++)
    {
      const CbDiagnostic *diagnostic = g_ptr_array_index (found, i);

      if (diagnostic->severity == CB_SEVERITY_ERROR)
        {
          g_autofree char *text = cb_diagnostic_to_string (diagnostic);

          g_set_error_literal (error, CB_ERROR, CB_ERROR_INVALID, text);
          return NULL;
        }
    }

  if (diagnostics != NULL)
    *diagnostics = g_steal_pointer (&found);
  return g_steal_pointer (&self);
}

/* Getters */

/**
 * cb_slurm_config_is_present:
 *
 * Returns: whether the project file has a `slurm:` section
 */
gboolean
cb_slurm_config_is_present (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->present;
}

const CbSlurmResources *
cb_slurm_config_get_defaults (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->defaults;
}

const CbSlurmResources *
cb_slurm_config_get_fixed (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fixed;
}

/**
 * cb_slurm_config_is_fixed:
 *
 * Returns: whether the project fixes @field, so that the form shows it
 *   without letting it change
 */
gboolean
cb_slurm_config_is_fixed (const CbSlurmConfig *self,
                          CbSlurmField         field)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return cb_slurm_resources_is_set (self->fixed, field);
}

/**
 * cb_slurm_config_get_setup:
 *
 * Returns: (transfer none): the lines that run before the command
 */
const char * const *
cb_slurm_config_get_setup (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->setup;
}

gboolean
cb_slurm_config_get_srun (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->srun;
}

/**
 * cb_slurm_config_get_output:
 *
 * Returns: (nullable): the log file pattern as the project file gives it,
 *   relative to the project folder, or %NULL
 */
const char *
cb_slurm_config_get_output (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->output;
}

/**
 * cb_slurm_config_get_signal:
 *
 * Returns: (nullable): what to send before the time limit, `USR1@90`
 */
const char *
cb_slurm_config_get_signal (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->signal;
}

/**
 * cb_slurm_config_get_array_limit:
 *
 * Returns: how many tasks of a job array may run at once (`--array=…%K`),
 *   or 0 for no limit
 */
guint
cb_slurm_config_get_array_limit (const CbSlurmConfig *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->array_limit;
}

/**
 * cb_slurm_config_resolve:
 * @values: (nullable): the page's values
 *
 * Returns: (transfer full): what the job asks for: the project's
 *   defaults, then @values, then the project's fixed values
 */
CbSlurmResources *
cb_slurm_config_resolve (const CbSlurmConfig    *self,
                         const CbSlurmResources *values)
{
  CbSlurmResources *resources;

  g_return_val_if_fail (self != NULL, NULL);

  resources = cb_slurm_resources_copy (self->defaults);
  if (values != NULL)
    cb_slurm_resources_merge (resources, values);
  cb_slurm_resources_merge (resources, self->fixed);

  return resources;
}

/**
 * cb_slurm_config_resolve_output:
 * @project_dir: the project folder
 * @outputs_dir: the project's outputs folder
 *
 * Returns: (transfer full): the absolute pattern of job logs, with
 *   sbatch's `%j` (job id) and the like still in it
 */
char *
cb_slurm_config_resolve_output (const CbSlurmConfig *self,
                                const char          *project_dir,
                                const char          *outputs_dir)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (project_dir != NULL && outputs_dir != NULL, NULL);

  if (self->output == NULL)
    return g_build_filename (outputs_dir, CB_SLURM_DEFAULT_OUTPUT, NULL);
  if (g_path_is_absolute (self->output))
    return g_strdup (self->output);
  return g_build_filename (project_dir, self->output, NULL);
}
