/* cb-slurm-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-slurm-units.h"
#include "cb-slurm-view.h"
#include "cb-wrap.h"

/**
 * CbSlurmView:
 *
 * The resources of a page's Slurm job, as rows like the form's, shown
 * under the form while the page runs on Slurm: partition and GPU type
 * (and account and QoS, on a cluster that keeps accounting) picked from
 * what the cluster offers, or typed when it could not be read; time,
 * nodes, tasks, CPUs, memory, GPUs and job name typed; extra `#SBATCH`
 * lines; and, for a sweep, how many tasks of its array run at once.
 *
 * Each row says where its value comes from: the project's default, the
 * page, a field of the form, or the project's fixed value, which cannot
 * change here. An empty row leaves the value to the project or the
 * cluster, and says which. A value that is none of its kind stays as
 * typed, with an error under it, and the page cannot be submitted (see
 * cb_slurm_view_get_input_error()); what the cluster does not allow is
 * an error too, naming the resource.
 *
 * Everything the user sets goes through the page's #CbSlurmForm, which
 * stores it with the form's values.
 */

/* The rows that are no resource of their own */
#define ROW_EXTRA       CB_SLURM_N_FIELDS
#define ROW_ARRAY_LIMIT (CB_SLURM_N_FIELDS + 1)
#define N_ROWS          (CB_SLURM_N_FIELDS + 2)

/* The width of the rows' inputs, which a narrow form can still give */
#define INPUT_WIDTH 160

typedef struct
{
  CbSlurmView   *view;
  int            kind;      /* a CbSlurmField, ROW_EXTRA or ROW_ARRAY_LIMIT */
  GtkWidget     *row;
  GtkWidget     *title;
  GtkWidget     *origin;
  GtkWidget     *message;
  GtkWidget     *stack;     /* the entry, or the drop-down of the cluster's choices */
  GtkWidget     *entry;
  GtkWidget     *dropdown;
  GtkStringList *labels;    /* the drop-down's, as shown */
  GPtrArray     *values;    /* the drop-down's, "" first for the default */
  GtkTextBuffer *lines;     /* the extra #SBATCH lines */
  char          *applied;   /* the page's value the input last led to */
  char          *invalid;   /* why the input is no value of its kind */
  gboolean       readonly;
  gboolean       applying;
} Row;

struct _CbSlurmView
{
  GtkWidget       parent_instance;

  CbSlurmForm    *slurm;
  CbSlurmCluster *cluster;
  Row             rows[N_ROWS];
  char           *shown_messages;
  gboolean        updating;

  GtkWidget      *refresh_spinner;
  GtkWidget      *refresh_button;
  GtkWidget      *cluster_label;
  GtkWidget      *messages_box;
  GtkWidget      *list;
};

G_DEFINE_FINAL_TYPE (CbSlurmView, cb_slurm_view, GTK_TYPE_WIDGET)

static void update_rows (CbSlurmView *self);

static const char *
row_key (int kind)
{
  if (kind == ROW_EXTRA)
    return "extra";
  if (kind == ROW_ARRAY_LIMIT)
    return "array_limit";
  return cb_slurm_field_get_key (kind);
}

static const char *
row_title (int kind)
{
  if (kind == ROW_EXTRA)
    return _("Extra #SBATCH lines");
  if (kind == ROW_ARRAY_LIMIT)
    return _("Tasks at once");
  return cb_slurm_field_get_label (kind);
}

static gboolean
has_choices (int kind)
{
  return kind == CB_SLURM_FIELD_PARTITION || kind == CB_SLURM_FIELD_GPU_TYPE ||
         kind == CB_SLURM_FIELD_ACCOUNT || kind == CB_SLURM_FIELD_QOS;
}

static void
set_applied (Row        *row,
             const char *value)
{
  char *copy = g_strdup (value);

  g_free (row->applied);
  row->applied = copy;
}

/* Texts */

/* A value as a person reads it: 10 minutes, 500 MB */
static char *
describe_value (int         kind,
                const char *value)
{
  guint minutes;
  guint64 megabytes;

  if (kind == CB_SLURM_FIELD_TIME && cb_slurm_time_parse (value, &minutes))
    return cb_slurm_time_describe (minutes);
  if (kind == CB_SLURM_FIELD_MEM && cb_slurm_memory_parse (value, &megabytes))
    return cb_slurm_memory_describe (megabytes);
  return g_strdup (value);
}

static const CbSlurmPartition *
effective_partition (CbSlurmView *self)
{
  const char *name;

  if (self->cluster == NULL || !cb_slurm_cluster_is_loaded (self->cluster))
    return NULL;
  name = cb_slurm_resources_get (cb_slurm_form_get_resources (self->slurm),
                                 CB_SLURM_FIELD_PARTITION);
  return name ? cb_slurm_cluster_lookup_partition (self->cluster, name)
              : cb_slurm_cluster_get_default_partition (self->cluster);
}

/* What the row's value is when the page sets none: the project's
 * default, or the cluster's, or NULL when that is not known; the origin
 * line says whose */
static char *
default_value (Row *row)
{
  CbSlurmView *self = row->view;
  CbSlurmConfig *config = cb_slurm_form_get_config (self->slurm);
  const CbSlurmPartition *partition = effective_partition (self);
  const char *value;

  if (row->kind == ROW_ARRAY_LIMIT)
    {
      guint limit = cb_slurm_config_get_array_limit (config);

      return limit > 0 ? g_strdup_printf ("%u", limit) : NULL;
    }
  if ((value = cb_slurm_resources_get (cb_slurm_config_get_defaults (config), row->kind)) != NULL)
    return describe_value (row->kind, value);
  if (row->kind == CB_SLURM_FIELD_JOB_NAME)
    return g_strdup (cb_schema_get_id (cb_form_get_schema (cb_slurm_form_get_form (self->slurm))));
  if (row->kind == CB_SLURM_FIELD_PARTITION && self->cluster != NULL &&
      cb_slurm_cluster_get_default_partition (self->cluster) != NULL)
    return g_strdup (cb_slurm_cluster_get_default_partition (self->cluster)->name);
  if (row->kind == CB_SLURM_FIELD_TIME && partition != NULL && partition->default_time > 0)
    return cb_slurm_time_describe (partition->default_time);
  return NULL;
}

/* The entry's placeholder, or the drop-down's first item */
static char *
default_text (Row *row)
{
  g_autofree char *value = default_value (row);

  if (value != NULL)
    {
      if (!has_choices (row->kind))
        return g_steal_pointer (&value);
      /* Translators: in a drop-down, the value a Slurm resource has when
       * the page sets none: “debug (default)” */
      return g_strdup_printf (_("%s (default)"), value);
    }
  if (row->kind == CB_SLURM_FIELD_GPU_TYPE)
    return g_strdup (_("Any type"));
  if (row->kind == ROW_ARRAY_LIMIT)
    return g_strdup (_("All"));
  /* Translators: a Slurm resource left to the cluster's default */
  return g_strdup (_("Default"));
}

static char *
origin_text (Row           *row,
             CbSlurmOrigin  origin,
             const char    *key)
{
  CbSlurmView *self = row->view;
  CbSchema *schema = cb_form_get_schema (cb_slurm_form_get_form (self->slurm));
  CbField *field;

  switch (origin)
    {
    case CB_SLURM_ORIGIN_DEFAULT:
      if (cb_slurm_resources_get (cb_slurm_config_get_defaults (cb_slurm_form_get_config (self->slurm)),
                                  row->kind) == NULL)
        return g_strdup (_("Named after the page"));
      return g_strdup (_("The project’s default"));
    case CB_SLURM_ORIGIN_USER:
      return g_strdup (_("Set on this page"));
    case CB_SLURM_ORIGIN_FIELD:
      field = key ? cb_schema_lookup_field (schema, key) : NULL;
      /* Translators: a Slurm resource set by a field of the form */
      return g_strdup_printf (_("Set by the field “%s”"), field ? field->label : key);
    case CB_SLURM_ORIGIN_FIXED:
      return g_strdup (_("Fixed by the project file, so it cannot be changed here"));
    case CB_SLURM_ORIGIN_UNSET:
    default:
      return g_strdup (_("Left to the cluster"));
    }
}

/* The origin, and for the partition what it offers */
static void
update_origin (Row           *row,
               CbSlurmOrigin  origin,
               const char    *key)
{
  g_autofree char *text = origin_text (row, origin, key);
  const CbSlurmPartition *partition;

  if (row->kind == CB_SLURM_FIELD_PARTITION && (partition = effective_partition (row->view)))
    {
      g_autofree char *described = cb_slurm_partition_describe (partition);
      char *with = g_strdup_printf ("%s · %s", text, described);

      g_free (text);
      text = with;
    }
  gtk_label_set_text (GTK_LABEL (row->origin), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* The row's error or warning: what the user typed that is no value, or
 * what the page's Slurm side says of the resource */
static void
update_message (Row *row)
{
  GPtrArray *messages = cb_slurm_form_get_messages (row->view->slurm);
  const CbSlurmMessage *found = NULL;
  const char *text = row->invalid;

  for (guint i = 0; text == NULL && i < messages->len; i++)
    {
      const CbSlurmMessage *message = g_ptr_array_index (messages, i);

      if (message->resource == row->kind)
        {
          found = message;
          text = message->message;
        }
    }

  gtk_widget_set_visible (row->message, text != NULL);
  gtk_label_set_text (GTK_LABEL (row->message), text ? text : "");
  if (found != NULL && found->severity == CB_SEVERITY_WARNING)
    gtk_widget_add_css_class (row->message, "warning");
  else
    gtk_widget_remove_css_class (row->message, "warning");
  if (row->invalid != NULL || (found != NULL && found->severity == CB_SEVERITY_ERROR))
    gtk_widget_add_css_class (row->entry, "error");
  else
    gtk_widget_remove_css_class (row->entry, "error");
}

/* Choices */

/* What the cluster offers for the row, or NULL when it does not say */
static GPtrArray *
cluster_choices (CbSlurmView *self,
                 int          kind)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);
  const CbSlurmPartition *partition;
  const char * const *names = NULL;

  if (self->cluster == NULL || !cb_slurm_cluster_is_loaded (self->cluster))
    return choices;

  if (kind == CB_SLURM_FIELD_PARTITION)
    {
      GPtrArray *partitions = cb_slurm_cluster_get_partitions (self->cluster);

      for (guint i = 0; i < partitions->len; i++)
        g_ptr_array_add (choices,
                         g_strdup (((CbSlurmPartition *)g_ptr_array_index (partitions, i))->name));
    }
  else if (kind == CB_SLURM_FIELD_GPU_TYPE && (partition = effective_partition (self)) != NULL)
    {
      for (guint i = 0; i < partition->gpus->len; i++)
        {
          const CbSlurmGpu *gpu = g_ptr_array_index (partition->gpus, i);

          if (gpu->type != NULL)
            g_ptr_array_add (choices, g_strdup (gpu->type));
        }
    }
  else if (kind == CB_SLURM_FIELD_ACCOUNT && cb_slurm_cluster_has_accounting (self->cluster))
    names = cb_slurm_cluster_get_accounts (self->cluster);
  else if (kind == CB_SLURM_FIELD_QOS && cb_slurm_cluster_has_accounting (self->cluster))
    names = cb_slurm_cluster_get_qos (self->cluster);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (choices, g_strdup (names[i]));
  return choices;
}

static gboolean
same_values (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The drop-down, when the cluster offers choices: the default first,
 * then the choices, and the page's value if the cluster does not have it
 * (it says so as an error) */
static void
update_choices (Row        *row,
                const char *user,
                const char *effective)
{
  g_autoptr(GPtrArray) choices = cluster_choices (row->view, row->kind);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fallback = default_text (row);
  g_autofree char *name = NULL;
  guint selected = 0;

  gtk_stack_set_visible_child (GTK_STACK (row->stack),
                               choices->len > 0 && !row->readonly ? row->dropdown : row->entry);
  if (choices->len == 0 || row->readonly)
    return;

  g_ptr_array_add (values, g_strdup (""));
  g_ptr_array_extend_and_steal (values, g_steal_pointer (&choices));
  if (user != NULL && !g_ptr_array_find_with_equal_func (values, user, g_str_equal, NULL))
    g_ptr_array_add (values, g_strdup (user));
  g_ptr_array_find_with_equal_func (values, user ? user : "", g_str_equal, &selected);

  if (!same_values (values, row->values) ||
      g_strcmp0 (gtk_string_list_get_string (row->labels, 0), fallback) != 0)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      g_ptr_array_add (labels, fallback);
      for (guint i = 1; i < values->len; i++)
        g_ptr_array_add (labels, g_ptr_array_index (values, i));
      g_ptr_array_add (labels, NULL);
      gtk_string_list_splice (row->labels, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (row->labels)),
                              (const char * const *)labels->pdata);
      g_clear_pointer (&row->values, g_ptr_array_unref);
      row->values = g_ptr_array_ref (values);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->dropdown), selected);

  /* Translators: the name of a drop-down for screen readers: its
   * resource and what it holds */
  name = g_strdup_printf (_("%s: %s"), row_title (row->kind),
                          selected > 0 ? effective : fallback);
  cb_accessible_name_drop_down (row->dropdown, name, NULL);
}

/* Rows */

/* What the entry shows: the page's own value, as typed; or, when the
 * page cannot set it, the job's */
static void
update_entry (Row        *row,
              const char *user,
              const char *effective,
              gboolean    readonly)
{
  gboolean was_readonly = row->readonly;
  g_autofree char *placeholder = default_text (row);

  row->readonly = readonly;
  if (readonly)
    {
      gtk_editable_set_text (GTK_EDITABLE (row->entry), effective ? effective : "");
      g_clear_pointer (&row->invalid, g_free);
    }
  else if (was_readonly || (!row->applying && g_strcmp0 (user, row->applied) != 0))
    {
      gtk_editable_set_text (GTK_EDITABLE (row->entry), user ? user : "");
      set_applied (row, user);
      g_clear_pointer (&row->invalid, g_free);
    }
  gtk_widget_set_sensitive (row->stack, !readonly);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->entry), placeholder);
}

static void
update_extra_row (Row *row)
{
  CbSlurmView *self = row->view;
  g_autofree char *text = g_strjoinv ("\n", (char **)cb_slurm_form_get_extra (self->slurm));

  if (!row->applying && g_strcmp0 (text, row->applied) != 0)
    {
      gtk_text_buffer_set_text (row->lines, text, -1);
      set_applied (row, text);
      g_clear_pointer (&row->invalid, g_free);
    }
  update_message (row);
}

static void
update_array_row (Row *row)
{
  CbSlurmView *self = row->view;
  guint limit = cb_slurm_form_get_array_limit (self->slurm);
  g_autofree char *text = limit > 0 ? g_strdup_printf ("%u", limit) : NULL;

  gtk_widget_set_visible (row->row, cb_slurm_form_is_array (self->slurm));
  update_entry (row, text, text, FALSE);
  update_message (row);
}

static void
update_row (Row *row)
{
  CbSlurmView *self = row->view;
  CbSlurmOrigin origin;
  const char *key = NULL;
  const char *user, *effective;
  gboolean readonly, visible = TRUE;

  if (row->kind == ROW_EXTRA)
    {
      update_extra_row (row);
      return;
    }
  if (row->kind == ROW_ARRAY_LIMIT)
    {
      update_array_row (row);
      return;
    }

  origin = cb_slurm_form_get_origin (self->slurm, row->kind, &key);
  readonly = origin == CB_SLURM_ORIGIN_FIELD || origin == CB_SLURM_ORIGIN_FIXED;
  user = cb_slurm_form_get_resource (self->slurm, row->kind);
  effective = cb_slurm_resources_get (cb_slurm_form_get_resources (self->slurm), row->kind);

  /* What only some clusters have, or few jobs ask for, shows when set */
  if (row->kind == CB_SLURM_FIELD_GRES)
    visible = origin != CB_SLURM_ORIGIN_UNSET;
  else if (row->kind == CB_SLURM_FIELD_ACCOUNT || row->kind == CB_SLURM_FIELD_QOS)
    visible = origin != CB_SLURM_ORIGIN_UNSET ||
              (self->cluster != NULL && cb_slurm_cluster_has_accounting (self->cluster));
  gtk_widget_set_visible (row->row, visible);

  update_entry (row, user, effective, readonly);
  if (has_choices (row->kind))
    update_choices (row, user, effective);
  update_origin (row, origin, key);
  update_message (row);
}

/* The messages about the job as a whole, above the rows */
static void
update_job_messages (CbSlurmView *self)
{
  GPtrArray *messages = cb_slurm_form_get_messages (self->slurm);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < messages->len; i++)
    {
      const CbSlurmMessage *message = g_ptr_array_index (messages, i);

      if (message->resource == CB_SLURM_MESSAGE_JOB)
        g_string_append_printf (key, "%d%s\n", message->severity, message->message);
    }
  if (g_strcmp0 (key->str, self->shown_messages) == 0)
    return;
  g_free (self->shown_messages);
  self->shown_messages = g_string_free (g_steal_pointer (&key), FALSE);

  while ((child = gtk_widget_get_first_child (self->messages_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->messages_box), child);
  for (guint i = 0; i < messages->len; i++)
    {
      const CbSlurmMessage *message = g_ptr_array_index (messages, i);
      GtkWidget *label;

      if (message->resource != CB_SLURM_MESSAGE_JOB)
        continue;
      label = cb_wrap_label_new ("cb-message");
      cb_wrap_set_text (label, message->message);
      if (message->severity == CB_SEVERITY_WARNING)
        gtk_widget_add_css_class (label, "warning");
      gtk_box_append (GTK_BOX (self->messages_box), label);
    }
  gtk_widget_set_visible (self->messages_box, gtk_widget_get_first_child (self->messages_box) != NULL);
}

/* What was read of the cluster, and when */
static void
update_cluster (CbSlurmView *self)
{
  gboolean loading = self->cluster != NULL && cb_slurm_cluster_is_loading (self->cluster);
  const char *error = self->cluster ? cb_slurm_cluster_get_error (self->cluster) : NULL;
  const char *name = self->cluster ? cb_slurm_cluster_get_name (self->cluster) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->refresh_spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->refresh_spinner), loading);
  gtk_widget_set_sensitive (self->refresh_button, self->cluster != NULL && !loading);
  if (self->cluster == NULL)
    text = g_strdup ("");
  else if (loading && !cb_slurm_cluster_is_loaded (self->cluster))
    text = g_strdup (_("Reading the cluster’s partitions…"));
  else if (error != NULL)
    /* Translators: what the Slurm commands said */
    text = g_strdup_printf (_("The cluster could not be read, so its partitions and limits are "
                              "not checked: %s"), error);
  else if (cb_slurm_cluster_is_loaded (self->cluster))
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (cb_slurm_cluster_get_updated (self->cluster) /
                                                                   G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      guint n = cb_slurm_cluster_get_partitions (self->cluster)->len;

      /* Translators: the cluster's name, how many partitions it has, the
       * time they were read */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cluster “%s”: %u partition, read at %s",
                                           "Cluster “%s”: %u partitions, read at %s", n),
                              name ? name : "", n, time);
    }
  gtk_label_set_text (GTK_LABEL (self->cluster_label), text ? text : "");
  gtk_widget_set_visible (self->cluster_label, text != NULL && text[0] != '\0');
}

static void
update_rows (CbSlurmView *self)
{
  gboolean slurm = self->slurm != NULL &&
                   cb_slurm_form_get_target (self->slurm) == CB_RUN_TARGET_SLURM;

  gtk_widget_set_visible (GTK_WIDGET (self), slurm);
  /* Hidden, nothing to keep current */
  if (!slurm)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < N_ROWS; i++)
    update_row (&self->rows[i]);
  self->updating = FALSE;
  update_job_messages (self);
  update_cluster (self);
}

/* What the user does */

static void
apply_array_limit (Row        *row,
                   const char *text)
{
  CbSlurmView *self = row->view;
  guint64 limit = 0;

  if (text[0] != '\0' &&
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &limit, NULL))
    {
      /* Translators: how many tasks of a job array run at once */
      row->invalid = g_strdup_printf (_("Tasks at once: “%s” is not a whole number from 1."),
                                      text);
      return;
    }
  set_applied (row, limit > 0 ? text : NULL);
  cb_slurm_form_set_array_limit (self->slurm, (guint)limit);
}

static void
on_entry_changed (Row *row)
{
  CbSlurmView *self = row->view;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->entry));
  g_autoptr(GError) error = NULL;

  if (self->updating || self->slurm == NULL || row->readonly)
    return;

  g_clear_pointer (&row->invalid, g_free);
  row->applying = TRUE;
  if (row->kind == ROW_ARRAY_LIMIT)
    apply_array_limit (row, text);
  else if (cb_slurm_form_set_resource (self->slurm, row->kind, text, &error))
    set_applied (row, cb_slurm_form_get_resource (self->slurm, row->kind));
  else
    row->invalid = g_strdup (error->message);
  row->applying = FALSE;
  update_message (row);
}

static void
on_choice_selected (Row *row)
{
  CbSlurmView *self = row->view;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->dropdown));

  if (self->updating || self->slurm == NULL || row->values == NULL || selected >= row->values->len)
    return;

  cb_slurm_form_set_resource (self->slurm, row->kind, g_ptr_array_index (row->values, selected),
                              NULL);
}

static char **
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

static void
on_lines_changed (Row *row)
{
  CbSlurmView *self = row->view;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->slurm == NULL)
    return;

  gtk_text_buffer_get_bounds (row->lines, &start, &end);
  text = gtk_text_buffer_get_text (row->lines, &start, &end, FALSE);
  lines = split_lines (text);
  g_clear_pointer (&row->invalid, g_free);
  row->applying = TRUE;
  if (cb_slurm_form_set_extra (self->slurm, (const char * const *)lines, &error))
    {
      g_autofree char *applied = g_strjoinv ("\n", (char **)cb_slurm_form_get_extra (self->slurm));

      set_applied (row, applied);
    }
  else
    row->invalid = g_strdup (error->message);
  row->applying = FALSE;
  update_message (row);
}

static void
on_refresh_clicked (CbSlurmView *self)
{
  if (self->cluster == NULL)
    return;
  cb_slurm_cluster_refresh_async (self->cluster, NULL, NULL, NULL);
  update_cluster (self);
}

/* Building */

/* The extra lines: a few lines of text, one sbatch option each */
static GtkWidget *
build_lines (Row *row)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_name (view, "slurm-extra");
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  cb_accessible_set_label (view, row_title (row->kind));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 48);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "cb-code-frame");

  row->lines = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  row->entry = view;
  g_signal_connect_swapped (row->lines, "changed", G_CALLBACK (on_lines_changed), row);
  return scroller;
}

/* An entry, and for a resource the cluster offers choices of, a
 * drop-down in its place once the cluster has been read */
static GtkWidget *
build_input (Row *row)
{
  g_autofree char *name = g_strdup_printf ("slurm-%s", row_key (row->kind));

  row->stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (row->stack), TRUE);
  gtk_widget_set_valign (row->stack, GTK_ALIGN_CENTER);

  /* The inputs line up, whatever they hold */
  gtk_widget_set_size_request (row->stack, INPUT_WIDTH, -1);
  row->entry = gtk_entry_new ();
  gtk_widget_set_name (row->entry, name);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 8);
  if (row->kind != CB_SLURM_FIELD_JOB_NAME && row->kind != CB_SLURM_FIELD_PARTITION &&
      row->kind != CB_SLURM_FIELD_ACCOUNT && row->kind != CB_SLURM_FIELD_QOS)
    gtk_entry_set_input_hints (GTK_ENTRY (row->entry), GTK_INPUT_HINT_NO_SPELLCHECK);
  cb_accessible_set_label (row->entry, row_title (row->kind));
  g_signal_connect_swapped (row->entry, "changed", G_CALLBACK (on_entry_changed), row);
  gtk_stack_add_child (GTK_STACK (row->stack), row->entry);

  if (has_choices (row->kind))
    {
      g_autofree char *choices = g_strdup_printf ("slurm-%s-choices", row_key (row->kind));

      row->labels = gtk_string_list_new (NULL);
      row->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (row->labels)), NULL);
      gtk_widget_set_name (row->dropdown, choices);
      g_signal_connect_swapped (row->dropdown, "notify::selected",
                                G_CALLBACK (on_choice_selected), row);
      gtk_stack_add_child (GTK_STACK (row->stack), row->dropdown);
    }
  gtk_stack_set_visible_child (GTK_STACK (row->stack), row->entry);
  return row->stack;
}

static void
build_row (CbSlurmView *self,
           int          kind)
{
  Row *row = &self->rows[kind];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = g_strdup_printf ("slurm-row-%s", row_key (kind));
  GtkWidget *input;

  row->view = self;
  row->kind = kind;
  row->title = cb_wrap_label_new ("cb-field-label");
  cb_wrap_set_text (row->title, row_title (kind));
  row->origin = cb_wrap_label_new ("cb-help");
  gtk_widget_add_css_class (row->origin, "dim-label");
  row->message = cb_wrap_label_new ("cb-field-message");
  gtk_widget_set_visible (row->message, FALSE);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), row->title);
  gtk_box_append (GTK_BOX (text), row->origin);
  gtk_box_append (GTK_BOX (top), text);
  gtk_box_append (GTK_BOX (box), top);
  if (kind == ROW_EXTRA)
    {
      gtk_label_set_text (GTK_LABEL (row->origin),
                          _("One sbatch option a line, such as --exclusive"));
      gtk_box_append (GTK_BOX (box), build_lines (row));
    }
  else
    {
      input = build_input (row);
      gtk_box_append (GTK_BOX (top), input);
    }
  gtk_box_append (GTK_BOX (box), row->message);

  row->row = gtk_list_box_row_new ();
  gtk_widget_set_name (row->row, name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row->row);
}

static void
cb_slurm_view_dispose (GObject *object)
{
  CbSlurmView *self = CB_SLURM_VIEW (object);
  GtkWidget *child;

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_clear_object (&self->slurm);
  g_clear_object (&self->cluster);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_SLURM_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_slurm_view_parent_class)->dispose (object);
}

static void
cb_slurm_view_finalize (GObject *object)
{
  CbSlurmView *self = CB_SLURM_VIEW (object);

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_clear_object (&self->rows[i].labels);
      g_clear_pointer (&self->rows[i].values, g_ptr_array_unref);
      g_free (self->rows[i].applied);
      g_free (self->rows[i].invalid);
    }
  g_free (self->shown_messages);

  G_OBJECT_CLASS (cb_slurm_view_parent_class)->finalize (object);
}

static void
cb_slurm_view_class_init (CbSlurmViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_slurm_view_dispose;
  object_class->finalize = cb_slurm_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-slurm-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbSlurmView, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, CbSlurmView, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CbSlurmView, cluster_label);
  gtk_widget_class_bind_template_child (widget_class, CbSlurmView, messages_box);
  gtk_widget_class_bind_template_child (widget_class, CbSlurmView, list);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
}

static void
cb_slurm_view_init (CbSlurmView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  for (int i = 0; i < N_ROWS; i++)
    build_row (self, i);
}

GtkWidget *
cb_slurm_view_new (void)
{
  return g_object_new (CB_TYPE_SLURM_VIEW, NULL);
}

/**
 * cb_slurm_view_set_slurm_form:
 * @slurm: (nullable): the page's Slurm side; the view shows while its
 *   target is Slurm
 */
void
cb_slurm_view_set_slurm_form (CbSlurmView *self,
                              CbSlurmForm *slurm)
{
  g_return_if_fail (CB_IS_SLURM_VIEW (self));
  g_return_if_fail (slurm == NULL || CB_IS_SLURM_FORM (slurm));

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_set_object (&self->slurm, slurm);
  g_clear_object (&self->cluster);
  if (slurm != NULL && cb_slurm_form_get_cluster (slurm) != NULL)
    self->cluster = g_object_ref (cb_slurm_form_get_cluster (slurm));
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_clear_pointer (&self->rows[i].applied, g_free);
      g_clear_pointer (&self->rows[i].invalid, g_free);
      self->rows[i].readonly = TRUE;  /* the entries take the new values */
    }
  if (slurm != NULL)
    g_signal_connect_swapped (slurm, "changed", G_CALLBACK (update_rows), self);
  if (self->cluster != NULL)
    g_signal_connect_swapped (self->cluster, "changed", G_CALLBACK (update_cluster), self);
  update_rows (self);
}

/**
 * cb_slurm_view_get_slurm_form:
 *
 * Returns: (transfer none) (nullable): the page's Slurm side
 */
CbSlurmForm *
cb_slurm_view_get_slurm_form (CbSlurmView *self)
{
  g_return_val_if_fail (CB_IS_SLURM_VIEW (self), NULL);
  return self->slurm;
}

/**
 * cb_slurm_view_get_input_error:
 *
 * Returns: (transfer full) (nullable): why what the user typed in a row
 *   is no value of its kind, for the first such row: the page is not
 *   submitted while one is
 */
char *
cb_slurm_view_get_input_error (CbSlurmView *self)
{
  g_return_val_if_fail (CB_IS_SLURM_VIEW (self), NULL);

  for (guint i = 0; i < N_ROWS; i++)
    if (self->rows[i].invalid != NULL && gtk_widget_get_visible (self->rows[i].row))
      return g_strdup (self->rows[i].invalid);
  return NULL;
}

/**
 * cb_slurm_view_get_row:
 * @key: a resource's key in the project file (`time`), `extra` or
 *   `array_limit`
 *
 * Returns: (transfer none) (nullable): the row of @key
 */
GtkWidget *
cb_slurm_view_get_row (CbSlurmView *self,
                       const char  *key)
{
  g_return_val_if_fail (CB_IS_SLURM_VIEW (self), NULL);

  for (guint i = 0; i < N_ROWS; i++)
    if (g_strcmp0 (row_key (i), key) == 0)
      return self->rows[i].row;
  return NULL;
}
