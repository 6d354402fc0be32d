/* cb-slurm-script.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-error.h"
/* cb_shell_quote_argv() quotes for a POSIX shell */
#include "cb-shell-quote.h"
#include "cb-slurm-script.h"

/**
 * CbSlurmScript:
 *
 * The batch script sbatch runs for a page: `#SBATCH` lines for the
 * resources, the working folder, the log file and the signal before the
 * time limit; the project's setup lines; then the page's exact argv,
 * quoted for the shell, run with `srun` or on its own. The command is
 * `exec`ed, so that it is the job's process and gets the signal. An array
 * job (a sweep) runs one argv a task, chosen by `$SLURM_ARRAY_TASK_ID`.
 */
struct _CbSlurmScript
{
  char             **argv;
  char              *directory;
  CbSlurmResources  *resources;
  CbSlurmConfig     *config;
  char              *output;
  GPtrArray         *array_argvs;
  guint              max_parallel;
};

G_DEFINE_BOXED_TYPE (CbSlurmScript, cb_slurm_script, cb_slurm_script_ref, cb_slurm_script_unref)

static void
script_clear (CbSlurmScript *self)
{
  g_strfreev (self->argv);
  g_free (self->directory);
  g_clear_pointer (&self->resources, cb_slurm_resources_free);
  g_clear_pointer (&self->config, cb_slurm_config_unref);
  g_free (self->output);
  g_clear_pointer (&self->array_argvs, g_ptr_array_unref);
}

/**
 * cb_slurm_script_new:
 * @argv: the command, exactly as a local run would spawn it
 * @directory: the folder the job runs in: the project folder
 *
 * Returns: (transfer full): a script with no resources of its own
 */
CbSlurmScript *
cb_slurm_script_new (const char * const *argv,
                     const char         *directory)
{
  CbSlurmScript *self;

  g_return_val_if_fail (argv != NULL, NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_rc_box_new0 (CbSlurmScript);
  self->argv = g_strdupv ((char **)argv);
  self->directory = g_strdup (directory);
  self->resources = cb_slurm_resources_new ();
  self->config = cb_slurm_config_new ();

  return self;
}

CbSlurmScript *
cb_slurm_script_ref (CbSlurmScript *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
cb_slurm_script_unref (CbSlurmScript *self)
{
  g_return_if_fail (self != NULL);
  g_rc_box_release_full (self, (GDestroyNotify)script_clear);
}

/**
 * cb_slurm_script_set_resources:
 *
 * Sets what the job asks for, as cb_slurm_config_resolve() makes it.
 */
void
cb_slurm_script_set_resources (CbSlurmScript          *self,
                               const CbSlurmResources *resources)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (resources != NULL);

  cb_slurm_resources_free (self->resources);
  self->resources = cb_slurm_resources_copy (resources);
}

/**
 * cb_slurm_script_set_config:
 *
 * Sets the project's setup lines, `srun` and signal.
 */
void
cb_slurm_script_set_config (CbSlurmScript *self,
                            CbSlurmConfig *config)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (config != NULL);

  cb_slurm_config_unref (self->config);
  self->config = cb_slurm_config_ref (config);
}

/**
 * cb_slurm_script_set_output:
 * @pattern: (nullable): where the log goes, with sbatch's `%j` and the
 *   like, as cb_slurm_config_resolve_output() makes it
 */
void
cb_slurm_script_set_output (CbSlurmScript *self,
                            const char    *pattern)
{
  g_return_if_fail (self != NULL);

  g_free (self->output);
  self->output = g_strdup (pattern);
}

/**
 * cb_slurm_script_set_array:
 * @argvs: (nullable) (element-type GStrv): one command a task, or %NULL
 *   for a single job
 * @max_parallel: how many tasks may run at once, 0 for no limit
 *
 * Makes the script an array job: `--array=0-N%K`, task i running
 * @argvs[i].
 */
void
cb_slurm_script_set_array (CbSlurmScript *self,
                           GPtrArray     *argvs,
                           guint          max_parallel)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->array_argvs, g_ptr_array_unref);
  if (argvs != NULL && argvs->len > 0)
    self->array_argvs = g_ptr_array_ref (argvs);
  self->max_parallel = max_parallel;
}

static gboolean
add_path_option (GString     *out,
                 const char  *option,
                 const char  *path,
                 GError     **error)
{
  if (strpbrk (path, "\"\n\r") != NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
                   _("The path “%s” holds a quote or a newline, which an #SBATCH line cannot "
                     "carry; move the project to a folder without them."), path);
      return FALSE;
    }

  if (strpbrk (path, " \t'") != NULL)
    g_string_append_printf (out, "#SBATCH %s=\"%s\"\n", option, path);
  else
    g_string_append_printf (out, "#SBATCH %s=%s\n", option, path);
  return TRUE;
}

static char *
signal_option (CbSlurmScript *self)
{
  const char *spec = cb_slurm_config_get_signal (self->config);

  if (spec == NULL)
    return NULL;
  /* Without srun the command is the batch shell itself (exec), which only
   * gets signals sent with B:; with srun, the job step gets them.
   */
  if (cb_slurm_config_get_srun (self->config) || strchr (spec, ':') != NULL)
    return g_strdup_printf ("--signal=%s", spec);
  return g_strdup_printf ("--signal=B:%s", spec);
}

static char *
array_output (const char *pattern)
{
  g_autoptr(GString) out = g_string_new (pattern);

  /* Each task's log of its own, named by the array and the task */
  if (strstr (pattern, "%a") == NULL)
    g_string_replace (out, "%j", "%A_%a", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
append_options (CbSlurmScript  *self,
                GString        *out,
                GError        **error)
{
  g_autoptr(GPtrArray) options = cb_slurm_resources_to_options (self->resources);
  g_autofree char *signal = signal_option (self);
  guint n_extra = g_strv_length ((char **)cb_slurm_resources_get_extra (self->resources));

  /* The resources, without the extra lines: those come last, to win */
  for (guint i = 0; i + n_extra < options->len; i++)
    g_string_append_printf (out, "#SBATCH %s\n", (const char *)g_ptr_array_index (options, i));

  if (!add_path_option (out, "--chdir", self->directory, error))
    return FALSE;
  if (self->output != NULL)
    {
      g_autofree char *output = self->array_argvs ? array_output (self->output)
                                                  : g_strdup (self->output);

      if (!add_path_option (out, "--output", output, error))
        return FALSE;
    }
  if (signal != NULL)
    g_string_append_printf (out, "#SBATCH %s\n", signal);
  if (self->array_argvs != NULL)
    {
      g_string_append_printf (out, "#SBATCH --array=0-%u", self->array_argvs->len - 1);
      if (self->max_parallel > 0)
        g_string_append_printf (out, "%%%u", self->max_parallel);
      g_string_append_c (out, '\n');
    }

  for (guint i = options->len - n_extra; i < options->len; i++)
    g_string_append_printf (out, "#SBATCH %s\n", (const char *)g_ptr_array_index (options, i));

  return TRUE;
}

static void
append_command (CbSlurmScript      *self,
                GString            *out,
                const char * const *argv)
{
  g_autofree char *command = cb_shell_quote_argv (argv);

  g_string_append (out, "exec ");
  if (cb_slurm_config_get_srun (self->config))
    g_string_append (out, "srun ");
  g_string_append (out, command);
}

/**
 * cb_slurm_script_to_text:
 *
 * Returns: (transfer full): the script, or %NULL with @error set when a
 *   path cannot go into an #SBATCH line or there is no command
 */
char *
cb_slurm_script_to_text (CbSlurmScript  *self,
                         GError        **error)
{
  g_autoptr(GString) out = g_string_new ("#!/bin/bash\n");
  const char * const *setup;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->argv[0] == NULL && self->array_argvs == NULL)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION, _("There is no command to submit."));
      return NULL;
    }

  if (!append_options (self, out, error))
    return NULL;

  setup = cb_slurm_config_get_setup (self->config);
  if (setup[0] != NULL)
    {
      /* A setup line that fails (a module that is not there) ends the job
       * with its message, rather than the command failing obscurely.
       */
      g_string_append (out, "\nset -e\n");
      for (guint i = 0; setup[i] != NULL; i++)
        g_string_append_printf (out, "%s\n", setup[i]);
    }

  g_string_append_c (out, '\n');
  if (self->array_argvs == NULL)
    {
      append_command (self, out, (const char * const *)self->argv);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append (out, "case \"$SLURM_ARRAY_TASK_ID\" in\n");
      for (guint i = 0; i < self->array_argvs->len; i++)
        {
          g_string_append_printf (out, "  %u) ", i);
          append_command (self, out, g_ptr_array_index (self->array_argvs, i));
          g_string_append (out, " ;;\n");
        }
      g_string_append (out, "  *) echo \"No command for array task $SLURM_ARRAY_TASK_ID\" >&2; "
                             "exit 2 ;;\n"
                             "esac\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Reading a script back: sbatch's options in its #SBATCH lines */

/**
 * cb_slurm_script_read_options:
 * @text: a batch script, maybe edited by hand
 *
 * Reads the `#SBATCH` lines as sbatch does: those before the first
 * command, split into words as a shell would.
 *
 * Returns: (transfer full) (element-type utf8): the options' words
 */
GPtrArray *
cb_slurm_script_read_options (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      g_auto(GStrv) argv = NULL;

      if (line[0] == '\0' || (line[0] == '#' && !g_str_has_prefix (line, "#SBATCH")))
        continue;
      if (line[0] != '#')
        break;
      if (!g_shell_parse_argv (line + strlen ("#SBATCH"), NULL, &argv, NULL))
        continue;
      for (guint j = 0; argv[j] != NULL; j++)
        {
          /* The rest of the line is a comment */
          if (argv[j][0] == '#')
            break;
          g_ptr_array_add (words, g_strdup (argv[j]));
        }
    }

  return words;
}

/**
 * cb_slurm_script_lookup_option:
 * @long_name: such as `--output`
 * @short_name: such as `o`, or 0
 *
 * Returns: (transfer full) (nullable): the value the script's #SBATCH
 *   lines give the option (the last one wins), or %NULL
 */
char *
cb_slurm_script_lookup_option (const char *text,
                               const char *long_name,
                               char        short_name)
{
  g_autoptr(GPtrArray) words = cb_slurm_script_read_options (text);
  char short_option[3] = { '-', short_name, '\0' };
  const char *value = NULL;
  gsize n = strlen (long_name);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      const char *next = i + 1 < words->len ? g_ptr_array_index (words, i + 1) : NULL;

      if (strncmp (word, long_name, n) == 0 && word[n] == '=')
        value = word + n + 1;
      else if (strcmp (word, long_name) == 0 && next != NULL)
        value = next;
      else if (short_name != 0 && strcmp (word, short_option) == 0 && next != NULL)
        value = next;
      else if (short_name != 0 && strncmp (word, short_option, 2) == 0 && word[2] != '\0' &&
               word[1] != '-')
        value = word + 2;
    }

  return g_strdup (value);
}

static gboolean
parse_index (const char *text,
             guint      *value)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 4000000, &v, NULL))
    return FALSE;
  *value = (guint)v;
  return TRUE;
}

static gboolean
add_range (GArray     *ids,
           const char *item)
{
  g_auto(GStrv) step_parts = NULL;
  g_auto(GStrv) bounds = NULL;
  guint first, last, step = 1;

  if (item[0] == '\0')
    return FALSE;
  step_parts = g_strsplit (item, ":", 2);
  bounds = g_strsplit (step_parts[0], "-", 2);
  if (!parse_index (bounds[0], &first))
    return FALSE;
  last = first;
  if (bounds[1] != NULL && !parse_index (bounds[1], &last))
    return FALSE;
  if (step_parts[1] != NULL && (!parse_index (step_parts[1], &step) || step == 0))
    return FALSE;
  if (last < first || (last - first) / step > 100000)
    return FALSE;

  for (guint id = first; id <= last; id += step)
    g_array_append_val (ids, id);
  return TRUE;
}

/**
 * cb_slurm_array_parse:
 * @spec: sbatch's `--array` value: `0-15`, `0-15%4`, `1,3,5-7`, `0-20:5`
 * @max_parallel: (out) (optional): the `%` limit, or 0
 *
 * Returns: (transfer full) (element-type guint): the task ids, or %NULL
 *   with @error set
 */
GArray *
cb_slurm_array_parse (const char  *spec,
                      guint       *max_parallel,
                      GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *copy = g_strdup (spec);
  g_auto(GStrv) items = NULL;
  char *percent = strchr (copy, '%');
  guint limit = 0;

  if (percent != NULL)
    {
      *percent = '\0';
      if (!parse_index (percent + 1, &limit))
        goto bad;
    }

  items = g_strsplit (copy, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (!add_range (ids, items[i]))
      goto bad;
  if (ids->len == 0)
    goto bad;

  if (max_parallel != NULL)
    *max_parallel = limit;
  return g_steal_pointer (&ids);

bad:
  g_set_error (error, CB_ERROR, CB_ERROR_VALIDATION,
               _("“%s” is not a job array; write task ids such as 0-9, 0-9%%2 or 1,3,5."), spec);
  return NULL;
}

/**
 * cb_slurm_output_expand:
 * @pattern: sbatch's `--output`, such as `outputs/jobs/%j.log`
 * @job_id: the job's own id (an array task has one of its own)
 * @array_job_id: (nullable): the array's id, for `%A`
 * @task_id: the array task, for `%a`, or -1
 * @job_name: (nullable): for `%x`
 * @node: (nullable): the first node, for `%N`
 *
 * Fills in sbatch's filename patterns, as slurmstepd does, with their
 * zero padding (`%3a`).
 *
 * Returns: (transfer full): the file name
 */
char *
cb_slurm_output_expand (const char *pattern,
                        const char *job_id,
                        const char *array_job_id,
                        int         task_id,
                        const char *job_name,
                        const char *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (pattern != NULL && job_id != NULL, NULL);

  for (const char *p = pattern; *p; p++)
    {
      g_autofree char *value = NULL;
      guint width = 0;
      const char *q;

      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }

      q = p + 1;
      while (g_ascii_isdigit (*q))
        width = width * 10 + (*q++ - '0');
      width = MIN (width, 10);

      switch (*q)
        {
        case '%':
          value = g_strdup ("%");
          break;
        case 'j':
          value = g_strdup (job_id);
          break;
        case 'A':
          value = g_strdup (array_job_id ? array_job_id : job_id);
          break;
        case 'a':
          value = task_id >= 0 ? g_strdup_printf ("%d", task_id) : g_strdup ("4294967294");
          break;
        case 'x':
          value = g_strdup (job_name ? job_name : "");
          break;
        case 'u':
          value = g_strdup (g_get_user_name ());
          break;
        case 'N':
          value = g_strdup (node ? node : "");
          break;
        case 'n':
        case 't':
          value = g_strdup ("0");
          break;
        case 's':
          value = g_strdup ("batch");
          break;
        default:
          /* Not a pattern: kept as written */
          g_string_append_c (out, '%');
          continue;
        }

      for (guint len = strlen (value); len < width; len++)
        g_string_append_c (out, '0');
      g_string_append (out, value);
      p = q;
    }

  return g_string_free (out, FALSE);
}
