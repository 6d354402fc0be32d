/* cb-offers.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-offers.h"

/**
 * CbOffers:
 *
 * The offer policy: which run wrote a checkpoint, and what each form makes
 * of it.
 *
 * A run that succeeded is followed for %CB_OFFERS_FOLLOW_UP_SECONDS: its
 * last checkpoint may reach the checkpoint model after the run ended (the
 * model merges file events), so for a while its checkpoints are still
 * offered as they appear. A checkpoint was written by the newest followed
 * run whose time span holds the file's time. A run is a #CbExecution: a
 * #CbRun on this computer, or a #CbJobRun, whose time span is the one
 * the cluster gives.
 *
 * An offer holds the checkpoint for each drop-down over its source, and
 * the values that describe the model in it (its architecture, backbone
 * and the like: the field's `model_fields`), as the run that wrote it
 * had them: a checkpoint is of no use with another model.
 *
 * A form takes an offered value into a field the user did not set, or
 * into one that holds what an earlier offer put there: a run offers each
 * checkpoint as the model learns of it, and each replaces the last. A
 * field the user set is never replaced: the value is offered instead, and
 * waits for the user (cb_offers_get_pending(), cb_offers_take_pending()).
 * Either way #CbOffers::taken says what changed, so that it is never
 * silent. What offers put into fields is remembered by schema id, so
 * that it outlives a form replaced by a reloaded schema.
 */
struct _CbOffers
{
  GObject     parent_instance;

  GPtrArray  *runs;        /* FollowedRun, oldest first */
  GHashTable *memories;    /* schema id → Memory */
  guint       follow_up_ms;
};

G_DEFINE_FINAL_TYPE (CbOffers, cb_offers, G_TYPE_OBJECT)

enum {
  PENDING_CHANGED,
  TAKEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CbOffers    *offers;
  CbExecution *run;
  GVariant    *values;
  guint        timeout_id;
} FollowedRun;

typedef struct
{
  GHashTable *offered;  /* field key → GVariant an offer put there */
  CbOffer    *pending;
} Memory;

static void
followed_run_free (gpointer data)
{
  FollowedRun *followed = data;

  g_clear_handle_id (&followed->timeout_id, g_source_remove);
  g_clear_pointer (&followed->values, g_variant_unref);
  g_object_unref (followed->run);
  g_free (followed);
}

static void
memory_free (gpointer data)
{
  Memory *memory = data;

  g_hash_table_unref (memory->offered);
  g_clear_pointer (&memory->pending, cb_offer_unref);
  g_free (memory);
}

static Memory *
memory_of (CbOffers   *self,
           const char *schema_id)
{
  Memory *memory = g_hash_table_lookup (self->memories, schema_id);

  if (memory == NULL)
    {
      memory = g_new0 (Memory, 1);
      memory->offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_variant_unref);
      g_hash_table_insert (self->memories, g_strdup (schema_id), memory);
    }
  return memory;
}

static void
cb_offers_dispose (GObject *object)
{
  CbOffers *self = CB_OFFERS (object);

  g_ptr_array_set_size (self->runs, 0);

  G_OBJECT_CLASS (cb_offers_parent_class)->dispose (object);
}

static void
cb_offers_finalize (GObject *object)
{
  CbOffers *self = CB_OFFERS (object);

  g_ptr_array_unref (self->runs);
  g_hash_table_unref (self->memories);

  G_OBJECT_CLASS (cb_offers_parent_class)->finalize (object);
}

static void
cb_offers_class_init (CbOffersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_offers_dispose;
  object_class->finalize = cb_offers_finalize;

  /**
   * CbOffers::pending-changed:
   * @schema_id: the schema whose forms have another pending offer, or none
   */
  signals[PENDING_CHANGED] =
    g_signal_new ("pending-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CbOffers::taken:
   * @form: the form that took values of an offer
   * @changes: the values it took that changed its fields, in the order
   *   they were set
   *
   * A form took an offer, or part of one, by itself or as the user took
   * it up: what changed, for the user to hear of.
   */
  signals[TAKEN] =
    g_signal_new ("taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, CB_TYPE_FORM, CB_TYPE_OFFER);
}

static void
cb_offers_init (CbOffers *self)
{
  self->runs = g_ptr_array_new_with_free_func (followed_run_free);
  self->memories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, memory_free);
  self->follow_up_ms = CB_OFFERS_FOLLOW_UP_SECONDS * 1000;
}

CbOffers *
cb_offers_new (void)
{
  return g_object_new (CB_TYPE_OFFERS, NULL);
}

/**
 * cb_offers_set_follow_up:
 * @msec: how long runs added from now on are followed
 */
void
cb_offers_set_follow_up (CbOffers *self,
                         guint     msec)
{
  g_return_if_fail (CB_IS_OFFERS (self));

  self->follow_up_ms = msec;
}

static gboolean
follow_up_ended (gpointer data)
{
  FollowedRun *followed = data;

  followed->timeout_id = 0;
  g_ptr_array_remove (followed->offers->runs, followed);
  return G_SOURCE_REMOVE;
}

/**
 * cb_offers_add_run:
 * @run: a run that ended
 * @values: (nullable): the form's values the run was made with
 *   (cb_form_get_values()): what its checkpoints' model fields take
 *
 * Follows @run for a while when it succeeded: the checkpoints it wrote
 * are offered as they appear.
 *
 * Returns: whether @run is followed
 */
gboolean
cb_offers_add_run (CbOffers    *self,
                   CbExecution *run,
                   GVariant    *values)
{
  FollowedRun *followed;

  g_return_val_if_fail (CB_IS_OFFERS (self), FALSE);
  g_return_val_if_fail (CB_IS_EXECUTION (run), FALSE);

  if (cb_execution_get_state (run) != CB_RUN_STATE_SUCCEEDED)
    return FALSE;

  followed = g_new0 (FollowedRun, 1);
  followed->offers = self;
  followed->run = g_object_ref (run);
  followed->values = values ? g_variant_ref_sink (values) : NULL;
  followed->timeout_id = g_timeout_add (self->follow_up_ms, follow_up_ended, followed);
  g_ptr_array_add (self->runs, followed);
  return TRUE;
}

/**
 * cb_offers_get_n_runs:
 *
 * Returns: how many runs are followed now
 */
guint
cb_offers_get_n_runs (CbOffers *self)
{
  g_return_val_if_fail (CB_IS_OFFERS (self), 0);

  return self->runs->len;
}

/**
 * cb_offers_get_run_values:
 *
 * Returns: (transfer none) (nullable): the values a followed run was made
 *   with
 */
GVariant *
cb_offers_get_run_values (CbOffers    *self,
                          CbExecution *run)
{
  g_return_val_if_fail (CB_IS_OFFERS (self), NULL);

  for (guint i = 0; i < self->runs->len; i++)
    {
      FollowedRun *followed = g_ptr_array_index (self->runs, i);

      if (followed->run == run)
        return followed->values;
    }
  return NULL;
}

/**
 * cb_offers_written_by:
 *
 * Whether @run could have written @checkpoint, by their times: the file's
 * time lies within the run's, with a second of slack on both sides, as
 * file times come from a coarser clock than the run's.
 */
gboolean
cb_offers_written_by (CbCheckpoint *checkpoint,
                      CbExecution  *run)
{
  gint64 mtime, start;

  g_return_val_if_fail (CB_IS_CHECKPOINT (checkpoint), FALSE);
  g_return_val_if_fail (CB_IS_EXECUTION (run), FALSE);

  mtime = cb_checkpoint_get_mtime (checkpoint);
  start = cb_execution_get_start_time (run);
  return mtime >= start - G_USEC_PER_SEC &&
         mtime <= start + cb_execution_get_elapsed (run) + G_USEC_PER_SEC;
}

/**
 * cb_offers_find_writer:
 *
 * The newest run first: one that started right after another ended falls
 * in that one's slack too.
 *
 * Returns: (transfer none) (nullable): the followed run that wrote
 *   @checkpoint
 */
CbExecution *
cb_offers_find_writer (CbOffers     *self,
                       CbCheckpoint *checkpoint)
{
  g_return_val_if_fail (CB_IS_OFFERS (self), NULL);
  g_return_val_if_fail (CB_IS_CHECKPOINT (checkpoint), NULL);

  for (guint i = self->runs->len; i-- > 0;)
    {
      FollowedRun *followed = g_ptr_array_index (self->runs, i);

      if (cb_offers_written_by (checkpoint, followed->run))
        return followed->run;
    }
  return NULL;
}

/* The fields of @schema that describe the model a checkpoint of @field
 * holds, in schema order: its `model_fields`, or else the architecture and
 * the fields narrowed by it
 */
static GPtrArray *
model_fields (CbSchema *schema,
              CbField  *field)
{
  GPtrArray *fields = g_ptr_array_new ();
  guint n = cb_schema_get_n_fields (schema);

  for (guint i = 0; i < n; i++)
    {
      CbField *f = cb_schema_get_field (schema, i);
      gboolean describes = FALSE;

      if (field->model_fields != NULL)
        describes = g_strv_contains ((const char * const *)field->model_fields, f->key);
      else if (f->filter_by_architecture_key != NULL)
        describes = TRUE;
      else
        for (guint k = 0; k < n && !describes; k++)
          {
            CbField *other = cb_schema_get_field (schema, k);

            describes = other->filter_by_architecture_key != NULL &&
                        g_strcmp0 (other->architecture_key, f->key) == 0;
          }

      if (describes && f != field && cb_field_has_value (f))
        g_ptr_array_add (fields, f);
    }

  return fields;
}

/* The run's values of the model fields of @field, where the run's form had
 * the same key with a value of the field's type
 */
static void
add_model_values (CbOffer  *offer,
                  CbSchema *schema,
                  CbField  *field,
                  GVariant *run_values)
{
  g_autoptr(GPtrArray) fields = model_fields (schema, field);

  for (guint i = 0; i < fields->len; i++)
    {
      CbField *f = g_ptr_array_index (fields, i);
      g_autoptr(GVariant) value = g_variant_lookup_value (run_values, f->key, NULL);
      g_autoptr(GVariant) coerced = NULL;

      if (value != NULL && !cb_offer_lookup_value (offer, f->key) &&
          (coerced = cb_field_coerce_value (f, value)) != NULL &&
          g_variant_equal (coerced, value))
        cb_offer_add_value (offer, f->key, g_steal_pointer (&coerced));
    }
}

/**
 * cb_offers_make_offer:
 * @source: the `paths:` source @checkpoint belongs to
 * @checkpoint: the checkpoint's path
 * @origin: the schema id of the run that wrote it
 * @run_values: (nullable): the values of the run that wrote it
 *   (cb_offers_get_run_values()), or %NULL when unknown
 *
 * What @checkpoint means to @form: the checkpoint for each of its
 * drop-downs over @source, then the values of the run that wrote it for
 * the fields that describe the model in it.
 *
 * Returns: (transfer full) (nullable): the offer, or %NULL when @form has
 *   no field for it
 */
CbOffer *
cb_offers_make_offer (CbOffers   *self,
                      CbForm     *form,
                      const char *source,
                      const char *checkpoint,
                      const char *origin,
                      GVariant   *run_values)
{
  CbSchema *schema;
  g_autoptr(CbOffer) offer = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  g_return_val_if_fail (CB_IS_OFFERS (self), NULL);
  g_return_val_if_fail (CB_IS_FORM (form), NULL);
  g_return_val_if_fail (source != NULL && checkpoint != NULL && origin != NULL, NULL);

  schema = cb_form_get_schema (form);
  offer = cb_offer_new (origin, checkpoint);
  for (guint i = 0; i < cb_schema_get_n_fields (schema); i++)
    {
      CbField *field = cb_schema_get_field (schema, i);

      if (field->type == CB_FIELD_SELECT && g_strcmp0 (field->options_source, source) == 0)
        {
          cb_offer_add_value (offer, field->key, g_variant_new_string (checkpoint));
          g_ptr_array_add (fields, field);
        }
    }

  /* The checkpoints first, then what goes with them */
  for (guint i = 0; run_values != NULL && i < fields->len; i++)
    add_model_values (offer, schema, g_ptr_array_index (fields, i), run_values);

  return cb_offer_get_n_values (offer) > 0 ? g_steal_pointer (&offer) : NULL;
}

static gboolean
variant_equal0 (GVariant *a,
                    GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_variant_equal (a, b);
}

static gboolean
is_empty (GVariant *value)
{
  return value == NULL ||
         (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          g_variant_get_string (value, NULL)[0] == '\0');
}

static void
take_value (CbForm     *form,
            Memory     *memory,
            const char *key,
            GVariant   *value)
{
  g_hash_table_replace (memory->offered, g_strdup (key), g_variant_ref (value));
  cb_form_set_value (form, key, value);
}

static void
variant_unref0 (gpointer value)
{
  if (value != NULL)
    g_variant_unref (value);
}

/* The values of the fields @offer names, as they are now */
static GPtrArray *
values_of (CbForm  *form,
           CbOffer *offer)
{
  CbSchema *schema = cb_form_get_schema (form);
  GPtrArray *values = g_ptr_array_new_with_free_func (variant_unref0);

  for (guint i = 0; i < cb_offer_get_n_values (offer); i++)
    {
      CbField *field = cb_schema_lookup_field (schema, cb_offer_get_key (offer, i));
      GVariant *value = field ? cb_form_get_value (form, field->index) : NULL;

      g_ptr_array_add (values, value ? g_variant_ref (value) : NULL);
    }
  return values;
}

/* What taking @offer changed on @form, from the values @before: also a
 * value that followed another (a backbone its architecture's default)
 */
static CbOffer *
changes_since (CbForm    *form,
               CbOffer   *offer,
               GPtrArray *before)
{
  g_autoptr(GPtrArray) after = values_of (form, offer);
  CbOffer *changes = cb_offer_new (cb_offer_get_origin (offer), cb_offer_get_checkpoint (offer));

  for (guint i = 0; i < after->len; i++)
    {
      GVariant *now = g_ptr_array_index (after, i);

      if (now != NULL && !variant_equal0 (now, g_ptr_array_index (before, i)))
        cb_offer_add_value (changes, cb_offer_get_key (offer, i), now);
    }
  return changes;
}

static void
emit_taken (CbOffers  *self,
            CbForm    *form,
            CbOffer   *offer,
            GPtrArray *before)
{
  g_autoptr(CbOffer) changes = changes_since (form, offer, before);

  if (cb_offer_get_n_values (changes) > 0)
    g_signal_emit (self, signals[TAKEN], 0, form, changes);
}

/* Whether an offer may put a value into @field: it is empty, follows its
 * default, or holds what an earlier offer put there
 */
static gboolean
may_take (CbForm  *form,
          Memory  *memory,
          CbField *field)
{
  GVariant *current = cb_form_get_value (form, field->index);
  GVariant *remembered = g_hash_table_lookup (memory->offered, field->key);

  return is_empty (current) || !cb_form_is_set_by_user (form, field->index) ||
         (remembered != NULL && g_variant_equal (current, remembered));
}

/* Whether the offer carries values besides its checkpoint: the model */
static gboolean
has_model (CbOffer *offer)
{
  g_autofree char *model = cb_offer_describe_model (offer, NULL);

  return model != NULL;
}

/**
 * cb_offers_present:
 *
 * Offers @offer to @form: each value goes into its field when the field
 * is empty, follows its default, or holds what an earlier offer put
 * there; the values that would replace what the user set make the
 * form's pending offer, unless that is already pending. An offer that
 * carries a model is one piece: when any of its values would replace
 * what the user set, all of them wait, so that a checkpoint never goes
 * with another model than its own.
 *
 * Returns: what became of @offer
 */
CbOfferOutcome
cb_offers_present (CbOffers *self,
                   CbForm   *form,
                   CbOffer  *offer)
{
  CbSchema *schema;
  Memory *memory;
  g_autoptr(CbOffer) pending = NULL;
  g_autoptr(GPtrArray) before = NULL;
  gboolean taken = FALSE;
  gboolean whole = FALSE;

  g_return_val_if_fail (CB_IS_OFFERS (self), CB_OFFER_IGNORED);
  g_return_val_if_fail (CB_IS_FORM (form), CB_OFFER_IGNORED);
  g_return_val_if_fail (offer != NULL, CB_OFFER_IGNORED);

  schema = cb_form_get_schema (form);
  memory = memory_of (self, cb_schema_get_id (schema));
  before = values_of (form, offer);

  if (has_model (offer))
    for (guint i = 0; i < cb_offer_get_n_values (offer) && !whole; i++)
      {
        CbField *field = cb_schema_lookup_field (schema, cb_offer_get_key (offer, i));

        whole = field != NULL && !may_take (form, memory, field) &&
                !g_variant_equal (cb_form_get_value (form, field->index),
                                  cb_offer_get_value (offer, i));
      }

  for (guint i = 0; i < cb_offer_get_n_values (offer); i++)
    {
      const char *key = cb_offer_get_key (offer, i);
      GVariant *value = cb_offer_get_value (offer, i);
      CbField *field = cb_schema_lookup_field (schema, key);

      if (field == NULL)
        continue;

      if (!whole && may_take (form, memory, field))
        {
          take_value (form, memory, key, value);
          taken = TRUE;
        }
      else if (!variant_equal0 (cb_form_get_value (form, field->index), value))
        {
          if (pending == NULL)
            pending = cb_offer_new (cb_offer_get_origin (offer), cb_offer_get_checkpoint (offer));
          cb_offer_add_value (pending, key, value);
        }
    }

  emit_taken (self, form, offer, before);
  if (pending == NULL)
    return taken ? CB_OFFER_TAKEN : CB_OFFER_IGNORED;

  /* Already offered: left as it is, so that the user's focus stays */
  if (!cb_offer_equal (memory->pending, pending))
    {
      g_clear_pointer (&memory->pending, cb_offer_unref);
      memory->pending = g_steal_pointer (&pending);
      g_signal_emit (self, signals[PENDING_CHANGED], 0, cb_schema_get_id (schema));
    }
  return CB_OFFER_PENDING;
}

/**
 * cb_offers_get_pending:
 *
 * Returns: (transfer none) (nullable): the offer that waits for the user
 *   on the forms of @schema_id
 */
CbOffer *
cb_offers_get_pending (CbOffers   *self,
                       const char *schema_id)
{
  Memory *memory;

  g_return_val_if_fail (CB_IS_OFFERS (self), NULL);

  memory = g_hash_table_lookup (self->memories, schema_id);
  return memory ? memory->pending : NULL;
}

/**
 * cb_offers_take_pending:
 *
 * The user takes the pending offer of @form: its values go into their
 * fields, as an offer's, so that the next offer replaces them.
 *
 * Returns: whether there was one
 */
gboolean
cb_offers_take_pending (CbOffers *self,
                        CbForm   *form)
{
  const char *schema_id;
  g_autoptr(CbOffer) pending = NULL;
  g_autoptr(GPtrArray) before = NULL;
  Memory *memory;

  g_return_val_if_fail (CB_IS_OFFERS (self), FALSE);
  g_return_val_if_fail (CB_IS_FORM (form), FALSE);

  schema_id = cb_schema_get_id (cb_form_get_schema (form));
  memory = g_hash_table_lookup (self->memories, schema_id);
  if (memory == NULL || memory->pending == NULL)
    return FALSE;

  pending = g_steal_pointer (&memory->pending);
  before = values_of (form, pending);
  for (guint i = 0; i < cb_offer_get_n_values (pending); i++)
    take_value (form, memory, cb_offer_get_key (pending, i), cb_offer_get_value (pending, i));
  g_signal_emit (self, signals[PENDING_CHANGED], 0, schema_id);
  emit_taken (self, form, pending, before);
  return TRUE;
}
