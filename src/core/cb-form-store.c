/* cb-form-store.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-form-store.h"
#include "cb-slurm-form.h"

/**
 * CbFormStore:
 *
 * Keeps the values of one form in GSettings: only the values that differ
 * from their resolved defaults, as one dictionary. Writes wait until the
 * form has been quiet for %CB_FORM_STORE_DELAY_MS, so that typing a name
 * writes once, and are flushed when the store goes away.
 */
struct _CbFormStore
{
  GObject     parent_instance;

  CbForm     *form;
  GSettings  *settings;
  GVariant   *written;
  char      **dropped;
  CbSlurmForm *slurm;
  GVariant   *slurm_written;
  guint       timeout_id;
  guint       n_writes;
};

G_DEFINE_FINAL_TYPE (CbFormStore, cb_form_store, G_TYPE_OBJECT)

static void
cb_form_store_dispose (GObject *object)
{
  CbFormStore *self = CB_FORM_STORE (object);

  cb_form_store_flush (self);
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_clear_object (&self->slurm);
  g_clear_object (&self->form);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_form_store_parent_class)->dispose (object);
}

static void
cb_form_store_finalize (GObject *object)
{
  CbFormStore *self = CB_FORM_STORE (object);

  g_clear_pointer (&self->written, g_variant_unref);
  g_clear_pointer (&self->slurm_written, g_variant_unref);
  g_strfreev (self->dropped);

  G_OBJECT_CLASS (cb_form_store_parent_class)->finalize (object);
}

static void
cb_form_store_class_init (CbFormStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_form_store_dispose;
  object_class->finalize = cb_form_store_finalize;
}

static void
cb_form_store_init (CbFormStore *self)
{
}

static void write_slurm (CbFormStore *self);

static void
write_now (CbFormStore *self)
{
  g_autoptr(GVariant) values = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->form == NULL)
    return;
  write_slurm (self);

  values = cb_form_get_user_values (self->form);
  if (self->written != NULL && g_variant_equal (values, self->written))
    return;

  g_settings_set_value (self->settings, "values", values);
  self->n_writes++;
  g_clear_pointer (&self->written, g_variant_unref);
  self->written = g_steal_pointer (&values);
}

static gboolean
on_timeout (gpointer user_data)
{
  CbFormStore *self = user_data;

  self->timeout_id = 0;
  write_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (CbFormStore *self)
{
  /* Each change restarts the wait: a burst of typing is one write */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (CB_FORM_STORE_DELAY_MS, on_timeout, self);
}

static void
on_field_changed (CbForm      *form,
                  guint        index,
                  guint        changes,
                  CbFormStore *self)
{
  if (changes & CB_FIELD_CHANGED_VALUE)
    schedule (self);
}

/**
 * cb_form_store_new:
 * @settings: a #GSettings of the schema %CB_FORM_SETTINGS_SCHEMA
 *
 * Loads the stored values into @form, dropping those that no longer fit
 * (see cb_form_store_get_dropped()), and from then on stores its values.
 *
 * Returns: (transfer full): the store
 */
CbFormStore *
cb_form_store_new (CbForm    *form,
                   GSettings *settings)
{
  CbFormStore *self;
  g_autoptr(GVariant) stored = NULL;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CB_TYPE_FORM_STORE, NULL);
  self->form = g_object_ref (form);
  self->settings = g_object_ref (settings);

  stored = g_settings_get_value (settings, "values");
  self->dropped = cb_form_load_values (form, stored);
  self->written = cb_form_get_user_values (form);

  /* What was dropped goes at once, so that it is reported only once */
  if (self->dropped != NULL)
    {
      g_settings_set_value (settings, "values", self->written);
      self->n_writes++;
    }

  g_signal_connect (form, "field-changed", G_CALLBACK (on_field_changed), self);

  return self;
}

/**
 * cb_form_store_create_settings:
 *
 * Returns: (transfer full): the settings that hold the values of the form
 *   @schema_id of the project in @project_root
 */
GSettings *
cb_form_store_create_settings (const char *project_root,
                               const char *schema_id)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, project_root, -1);
  g_autofree char *id = g_strdup (schema_id);
  g_autofree char *path = NULL;

  /* Settings paths take letters, digits and dashes */
  for (char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = '-';

  hash[16] = '\0';
  path = g_strdup_printf ("/io/github/cmdbuilder/CommandBuilder/forms/%s-%s/", hash, id);

  return g_settings_new_with_path (CB_FORM_SETTINGS_SCHEMA, path);
}

/**
 * cb_form_store_get_dropped:
 *
 * Returns: (nullable): the keys of the stored values that no longer fit the
 *   form and were dropped when it loaded
 */
const char * const *
cb_form_store_get_dropped (CbFormStore *self)
{
  g_return_val_if_fail (CB_IS_FORM_STORE (self), NULL);

  return (const char * const *)self->dropped;
}

/**
 * cb_form_store_flush:
 *
 * Writes a pending change now.
 */
void
cb_form_store_flush (CbFormStore *self)
{
  g_return_if_fail (CB_IS_FORM_STORE (self));

  if (self->timeout_id != 0)
    write_now (self);
}

guint
cb_form_store_get_n_writes (CbFormStore *self)
{
  g_return_val_if_fail (CB_IS_FORM_STORE (self), 0);

  return self->n_writes;
}

/* The Slurm side of the page: a second dictionary, `slurm`, beside the
 * form's values, written with them
 */

static void
write_slurm (CbFormStore *self)
{
  g_autoptr(GVariant) values = NULL;

  if (self->slurm == NULL)
    return;

  values = cb_slurm_form_get_values (self->slurm);
  if (self->slurm_written != NULL && g_variant_equal (values, self->slurm_written))
    return;

  g_settings_set_value (self->settings, "slurm", values);
  self->n_writes++;
  g_clear_pointer (&self->slurm_written, g_variant_unref);
  self->slurm_written = g_steal_pointer (&values);
}

/**
 * cb_form_store_attach_slurm:
 * @slurm: the Slurm side of the store's form
 *
 * Loads what was stored of @slurm (where the page runs, its resources,
 * its edited script), dropping what no longer fits, and from then on
 * stores it, beside the form's values.
 *
 * Returns: (transfer full) (nullable): the keys dropped, or %NULL
 */
char **
cb_form_store_attach_slurm (CbFormStore *self,
                            CbSlurmForm *slurm)
{
  g_autoptr(GVariant) stored = NULL;
  char **dropped;

  g_return_val_if_fail (CB_IS_FORM_STORE (self), NULL);
  g_return_val_if_fail (CB_IS_SLURM_FORM (slurm), NULL);
  g_return_val_if_fail (self->slurm == NULL, NULL);

  stored = g_settings_get_value (self->settings, "slurm");
  dropped = cb_slurm_form_load_values (slurm, stored);
  self->slurm = g_object_ref (slurm);
  self->slurm_written = g_variant_ref (stored);
  if (dropped != NULL)
    write_slurm (self);

  g_signal_connect_swapped (slurm, "changed", G_CALLBACK (schedule), self);
  return dropped;
}
