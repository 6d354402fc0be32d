/* test-offers.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-offers.h"
#include "cb-test-util.h"

/* The offer policy without a display: which run wrote a checkpoint, the
 * follow-up after a run, and whether a form takes an offered checkpoint or
 * keeps it waiting for the user. Real forms over a real project, real
 * runs.
 */

#define wait_until(cond) cb_test_wait_until (cond, 30)

typedef struct
{
  char      *dir;
  CbProject *project;
  CbSchema  *schema;
  CbForm    *form;
  CbOffers  *offers;
  GPtrArray *pending_changes;  /* schema ids, one per pending-changed */
} Fixture;

static const char project_text[] =
  "runner: [true]\n"
  "sources:\n"
  "  checkpoints: {paths: \"outputs/*/checkpoints/*.ckpt\"}\n"
  "  sizes: {values: [small, large]}\n"
  "  archs: {values: [dbnet, psenet]}\n"
  "  backbones: {values: [resnet18, resnet50, convnext_tiny]}\n"
  "metadata:\n"
  "  architecture: {glob: \"meta/*.yaml\", root: ui}\n";

/* A page that tests a checkpoint: the architecture and the backbone it
 * narrows describe the model; the batch size does not
 */
static const char model_schema[] =
  "ui_elements:\n"
  "  - key: checkpoint\n    type: selectbox\n    options_source: checkpoints\n"
  "    default: \"\"\n    hydra_override: ckpt_path\n"
  "  - key: architecture\n    type: selectbox\n    options_source: archs\n"
  "    default: dbnet\n    hydra_override: arch\n    label: Architecture\n"
  "  - key: encoder\n    type: selectbox\n    options_source: backbones\n"
  "    default: resnet18\n    hydra_override: enc\n    label: Backbone\n"
  "    filter_by_architecture_key: compatible_backbones\n"
  "  - key: batch_size\n    type: number_input\n    default: 8\n    hydra_override: bs\n";

static const char test_schema[] =
  "ui_elements:\n"
  "  - key: checkpoint\n    type: selectbox\n    options_source: checkpoints\n"
  "    default: \"\"\n    hydra_override: ckpt_path\n"
  "  - key: resume\n    type: selectbox\n    options_source: checkpoints\n"
  "    default: \"\"\n    hydra_override: resume\n"
  "  - key: size\n    type: selectbox\n    options_source: sizes\n"
  "    default: small\n    hydra_override: size\n";

static void
on_pending_changed (CbOffers   *offers,
                    const char *schema_id,
                    Fixture    *f)
{
  g_ptr_array_add (f->pending_changes, g_strdup (schema_id));
}

static CbForm *
make_form (Fixture    *f,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = g_strdup_printf ("schemas/%s.yaml", name);
  g_autofree char *path = cb_test_write (f->dir, relative, text);
  g_autoptr(CbSchema) schema = cb_project_load_schema (f->project, path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cb_schema_get_diagnostics (schema)->len, ==, 0);
  return cb_form_new (f->project, schema);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cb_test_make_tempdir ();
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml", project_text));
  g_free (cb_test_write (f->dir, "meta/dbnet.yaml", "ui: {compatible_backbones: [resnet18, resnet50]}\n"));
  g_free (cb_test_write (f->dir, "meta/psenet.yaml", "ui: {compatible_backbones: [resnet50, convnext_tiny]}\n"));
  f->project = cb_project_load (f->dir, &error);
  g_assert_no_error (error);
  f->form = make_form (f, "test", test_schema);
  f->offers = cb_offers_new ();
  f->pending_changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->offers, "pending-changed", G_CALLBACK (on_pending_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->offers);
  g_assert_finalize_object (f->form);
  g_clear_object (&f->project);
  g_ptr_array_unref (f->pending_changes);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
on_run_finished (CbRun    *run,
                 gboolean *finished)
{
  *finished = TRUE;
}

/* A run of @command, ended */
static CbRun *
finished_run (Fixture    *f,
              const char *schema_id,
              const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  CbRun *run = cb_run_new (argv, f->dir, schema_id, NULL);
  gboolean finished = FALSE;

  g_signal_connect (run, "finished", G_CALLBACK (on_run_finished), &finished);
  g_assert_true (cb_run_start (run, NULL));
  wait_until (finished);
  g_signal_handlers_disconnect_by_data (run, &finished);
  return run;
}

static CbCheckpoint *
checkpoint_at (gint64 mtime)
{
  return cb_checkpoint_new ("outputs/a/checkpoints/x.ckpt", "a", 1, mtime);
}

static void
test_offer (void)
{
  g_autoptr(CbOffer) a = cb_offer_new ("train", "outputs/a/checkpoints/1.ckpt");
  g_autoptr(CbOffer) b = cb_offer_new ("train", "outputs/a/checkpoints/1.ckpt");
  g_autofree char *message = NULL;

  cb_offer_add_value (a, "checkpoint", g_variant_new_string ("outputs/a/checkpoints/1.ckpt"));
  cb_offer_add_value (a, "architecture", g_variant_new_string ("psenet"));
  g_assert_cmpuint (cb_offer_get_n_values (a), ==, 2);
  g_assert_cmpstr (cb_offer_get_key (a, 1), ==, "architecture");
  g_assert_cmpstr (g_variant_get_string (cb_offer_lookup_value (a, "architecture"), NULL), ==, "psenet");
  g_assert_null (cb_offer_lookup_value (a, "encoder"));

  /* The same values in another order are the same offer */
  g_assert_false (cb_offer_equal (a, b));
  cb_offer_add_value (b, "architecture", g_variant_new_string ("dbnet"));
  cb_offer_add_value (b, "checkpoint", g_variant_new_string ("outputs/a/checkpoints/1.ckpt"));
  g_assert_false (cb_offer_equal (a, b));
  cb_offer_add_value (b, "architecture", g_variant_new_string ("psenet"));
  g_assert_cmpuint (cb_offer_get_n_values (b), ==, 2);
  g_assert_true (cb_offer_equal (a, b));
  g_assert_false (cb_offer_equal (a, NULL));

  message = cb_offer_get_message (b, NULL);
  g_assert_cmpstr (message, ==, "The train run wrote a new checkpoint: outputs/a/checkpoints/1.ckpt "
                                "(trained with architecture: psenet).");
  g_clear_pointer (&message, g_free);
  {
    g_autoptr(CbOffer) plain = cb_offer_new ("train", "outputs/a/checkpoints/1.ckpt");

    cb_offer_add_value (plain, "checkpoint", g_variant_new_string ("outputs/a/checkpoints/1.ckpt"));
    message = cb_offer_get_message (plain, NULL);
  }
}

static void
test_writer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CbRun) first = finished_run (f, "train", "exit 0");
  g_autoptr(CbRun) second = finished_run (f, "finetune", "exit 0");
  g_autoptr(CbRun) failed = finished_run (f, "train", "exit 3");
  gint64 start = cb_run_get_start_time (first);
  gint64 end = start + cb_run_get_elapsed (first);
  g_autoptr(CbCheckpoint) during = checkpoint_at (start + cb_run_get_elapsed (first) / 2);
  g_autoptr(CbCheckpoint) slack = checkpoint_at (end + G_USEC_PER_SEC - 1);
  g_autoptr(CbCheckpoint) before = checkpoint_at (start - G_USEC_PER_SEC - 1);
  g_autoptr(CbCheckpoint) after = checkpoint_at (cb_run_get_start_time (second) + cb_run_get_elapsed (second) +
                                                 2 * G_USEC_PER_SEC);

  /* By time, with a second of slack either side */
  g_assert_true (cb_offers_written_by (during, CB_EXECUTION (first)));
  g_assert_true (cb_offers_written_by (slack, CB_EXECUTION (first)));
  g_assert_false (cb_offers_written_by (before, CB_EXECUTION (first)));

  /* Only followed runs write: a failed one is not followed */
  g_assert_null (cb_offers_find_writer (f->offers, during));
  g_assert_false (cb_offers_add_run (f->offers, CB_EXECUTION (failed), NULL));
  g_assert_true (cb_offers_add_run (f->offers, CB_EXECUTION (first), g_variant_new_parsed ("{'arch': <'psenet'>}")));
  g_assert_true (cb_offers_find_writer (f->offers, during) == CB_EXECUTION (first));
  g_assert_null (cb_offers_find_writer (f->offers, before));
  g_assert_null (cb_offers_find_writer (f->offers, after));

  /* The second run started right after the first: a checkpoint in the
   * slack of both is the newer run's
   */
  g_assert_true (cb_offers_add_run (f->offers, CB_EXECUTION (second), NULL));
  g_assert_cmpuint (cb_offers_get_n_runs (f->offers), ==, 2);
  {
    g_autoptr(CbCheckpoint) late = checkpoint_at (cb_run_get_start_time (second) + cb_run_get_elapsed (second));

    g_assert_true (cb_offers_written_by (late, CB_EXECUTION (first)));
    g_assert_true (cb_offers_find_writer (f->offers, late) == CB_EXECUTION (second));
  }

  /* The values each run was made with */
  g_assert_nonnull (cb_offers_get_run_values (f->offers, CB_EXECUTION (first)));
  g_assert_true (g_variant_lookup (cb_offers_get_run_values (f->offers, CB_EXECUTION (first)), "arch", "&s", &(const char *){ NULL }));
  g_assert_null (cb_offers_get_run_values (f->offers, CB_EXECUTION (second)));
}

static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CbRun) run = finished_run (f, "train", "exit 0");
  g_autoptr(CbRun) later = finished_run (f, "train", "exit 0");

  g_assert_cmpuint (cb_offers_get_n_runs (f->offers), ==, 0);

  /* Followed for the follow-up time, then no more; each run its own */
  cb_offers_set_follow_up (f->offers, 100);
  cb_offers_add_run (f->offers, CB_EXECUTION (run), g_variant_new_parsed ("{'which': <'first'>}"));
  cb_offers_set_follow_up (f->offers, 60 * 1000);
  cb_offers_add_run (f->offers, CB_EXECUTION (later), g_variant_new_parsed ("{'which': <'later'>}"));
  g_assert_cmpuint (cb_offers_get_n_runs (f->offers), ==, 2);
  wait_until (cb_offers_get_n_runs (f->offers) == 1);
  g_assert_null (cb_offers_get_run_values (f->offers, CB_EXECUTION (run)));
  g_assert_nonnull (cb_offers_get_run_values (f->offers, CB_EXECUTION (later)));
}

static void
test_make_offer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CbOffer) offer = NULL;
  g_autoptr(CbForm) plain = make_form (f, "plain",
                                       "ui_elements:\n  - key: name\n    type: text_input\n"
                                       "    hydra_override: name\n");

  /* One value per drop-down over the checkpoint's source */
  offer = cb_offers_make_offer (f->offers, f->form, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train", NULL);
  g_assert_nonnull (offer);
  g_assert_cmpstr (cb_offer_get_origin (offer), ==, "train");
  g_assert_cmpstr (cb_offer_get_checkpoint (offer), ==, "outputs/a/checkpoints/1.ckpt");
  g_assert_cmpuint (cb_offer_get_n_values (offer), ==, 2);
  g_assert_cmpstr (cb_offer_get_key (offer, 0), ==, "checkpoint");
  g_assert_cmpstr (cb_offer_get_key (offer, 1), ==, "resume");

  /* Nothing for a form without such a field, or another source */
  g_assert_null (cb_offers_make_offer (f->offers, plain, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train", NULL));
  g_assert_null (cb_offers_make_offer (f->offers, f->form, "models", "outputs/a/checkpoints/1.ckpt", "train", NULL));
}

static CbOfferOutcome
present (Fixture    *f,
         CbForm     *form,
         const char *checkpoint)
{
  g_autoptr(CbOffer) offer = cb_offer_new ("train", checkpoint);

  cb_offer_add_value (offer, "checkpoint", g_variant_new_string (checkpoint));
  return cb_offers_present (f->offers, form, offer);
}

static void
test_take_or_offer (Fixture       *f,
                    gconstpointer  data)
{
  CbOffer *pending;

  /* An empty field takes an offer; one holding an offer takes the next */
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/1.ckpt"), ==, CB_OFFER_TAKEN);
  g_assert_cmpstr (cb_test_form_string (f->form, "checkpoint"), ==, "outputs/a/checkpoints/1.ckpt");
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/2.ckpt"), ==, CB_OFFER_TAKEN);
  g_assert_cmpstr (cb_test_form_string (f->form, "checkpoint"), ==, "outputs/a/checkpoints/2.ckpt");
  g_assert_null (cb_offers_get_pending (f->offers, "test"));
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/2.ckpt"), ==, CB_OFFER_TAKEN);

  /* A field the user set is not replaced: the offer waits, made once
   * however often the same checkpoint is offered
   */
  cb_form_set_value (f->form, "checkpoint", g_variant_new_string ("outputs/mine/checkpoints/x.ckpt"));
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/3.ckpt"), ==, CB_OFFER_PENDING);
  g_assert_cmpstr (cb_test_form_string (f->form, "checkpoint"), ==, "outputs/mine/checkpoints/x.ckpt");
  pending = cb_offers_get_pending (f->offers, "test");
  g_assert_nonnull (pending);
  g_assert_cmpstr (cb_offer_get_checkpoint (pending), ==, "outputs/a/checkpoints/3.ckpt");
  g_assert_cmpuint (f->pending_changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->pending_changes, 0), ==, "test");
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/3.ckpt"), ==, CB_OFFER_PENDING);
  g_assert_true (cb_offers_get_pending (f->offers, "test") == pending);
  g_assert_cmpuint (f->pending_changes->len, ==, 1);

  /* The user's own value again is nothing new */
  g_assert_cmpint (present (f, f->form, "outputs/mine/checkpoints/x.ckpt"), ==, CB_OFFER_IGNORED);

  /* Taken up, it is the field's offer: the next one replaces it */
  g_assert_true (cb_offers_take_pending (f->offers, f->form));
  g_assert_cmpstr (cb_test_form_string (f->form, "checkpoint"), ==, "outputs/a/checkpoints/3.ckpt");
  g_assert_null (cb_offers_get_pending (f->offers, "test"));
  g_assert_cmpuint (f->pending_changes->len, ==, 2);
  g_assert_false (cb_offers_take_pending (f->offers, f->form));
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/4.ckpt"), ==, CB_OFFER_TAKEN);
  g_assert_cmpstr (cb_test_form_string (f->form, "checkpoint"), ==, "outputs/a/checkpoints/4.ckpt");
}

static void
test_partly_taken (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CbOffer) offer = cb_offers_make_offer (f->offers, f->form, "checkpoints",
                                                   "outputs/a/checkpoints/1.ckpt", "train", NULL);
  CbOffer *pending;

  /* What the user did not set is taken; the rest waits */
  cb_form_set_value (f->form, "resume", g_variant_new_string ("outputs/mine/checkpoints/x.ckpt"));
  g_assert_cmpint (cb_offers_present (f->offers, f->form, offer), ==, CB_OFFER_PENDING);
  g_assert_cmpstr (cb_test_form_string (f->form, "checkpoint"), ==, "outputs/a/checkpoints/1.ckpt");
  g_assert_cmpstr (cb_test_form_string (f->form, "resume"), ==, "outputs/mine/checkpoints/x.ckpt");
  pending = cb_offers_get_pending (f->offers, "test");
  g_assert_cmpuint (cb_offer_get_n_values (pending), ==, 1);
  g_assert_cmpstr (cb_offer_get_key (pending, 0), ==, "resume");
}

static void
test_memory_outlives_form (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CbForm) again = NULL;

  /* A reloaded schema makes a new form with the same values: what the
   * offer put there is still the offer's
   */
  g_assert_cmpint (present (f, f->form, "outputs/a/checkpoints/1.ckpt"), ==, CB_OFFER_TAKEN);
  again = make_form (f, "test", test_schema);
  cb_form_set_value (again, "checkpoint", g_variant_new_string ("outputs/a/checkpoints/1.ckpt"));
  g_assert_cmpint (present (f, again, "outputs/a/checkpoints/2.ckpt"), ==, CB_OFFER_TAKEN);
  g_assert_cmpstr (cb_test_form_string (again, "checkpoint"), ==, "outputs/a/checkpoints/2.ckpt");
}

static void
on_taken (CbOffers  *offers,
          CbForm    *form,
          CbOffer   *changes,
          GPtrArray *taken)
{
  g_ptr_array_add (taken, cb_offer_ref (changes));
}

/* The values of the run that wrote psenet/convnext_tiny checkpoints */
static GVariant *
psenet_run (void)
{
  return g_variant_ref_sink (g_variant_new_parsed ("{'architecture': <'psenet'>, 'encoder': <'convnext_tiny'>,"
                                                   " 'batch_size': <int64 64>, 'exp_name': <'x'>}"));
}

static void
test_model_values (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CbForm) form = make_form (f, "model", model_schema);
  g_autoptr(GVariant) values = psenet_run ();
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_offer_unref);
  g_autoptr(CbOffer) offer = NULL;
  g_autoptr(CbOffer) no_run = NULL;
  g_autofree char *model = NULL;
  CbOffer *changes;

  g_signal_connect (f->offers, "taken", G_CALLBACK (on_taken), taken);

  /* The checkpoint, then the fields that describe its model, as the run
   * had them; not the batch size, nor what the page has no field for
   */
  offer = cb_offers_make_offer (f->offers, form, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train", values);
  g_assert_cmpuint (cb_offer_get_n_values (offer), ==, 3);
  g_assert_cmpstr (cb_offer_get_key (offer, 0), ==, "checkpoint");
  g_assert_cmpstr (cb_offer_get_key (offer, 1), ==, "architecture");
  g_assert_cmpstr (cb_offer_get_key (offer, 2), ==, "encoder");
  g_assert_cmpstr (g_variant_get_string (cb_offer_lookup_value (offer, "encoder"), NULL), ==, "convnext_tiny");
  model = cb_offer_describe_model (offer, form);
  g_assert_cmpstr (model, ==, "Architecture: psenet, Backbone: convnext_tiny");

  /* Without the run's values, the checkpoint alone */
  no_run = cb_offers_make_offer (f->offers, form, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train", NULL);
  g_assert_cmpuint (cb_offer_get_n_values (no_run), ==, 1);

  /* Taken whole; and said: what changed, in order */
  g_assert_cmpint (cb_offers_present (f->offers, form, offer), ==, CB_OFFER_TAKEN);
  g_assert_cmpstr (cb_test_form_string (form, "checkpoint"), ==, "outputs/a/checkpoints/1.ckpt");
  g_assert_cmpstr (cb_test_form_string (form, "architecture"), ==, "psenet");
  g_assert_cmpstr (cb_test_form_string (form, "encoder"), ==, "convnext_tiny");
  /* The backbone fits the architecture */
  g_assert_cmpuint (cb_form_get_field_messages (form, 2)->len, ==, 0);
  g_assert_cmpuint (taken->len, ==, 1);
  changes = g_ptr_array_index (taken, 0);
  g_assert_cmpuint (cb_offer_get_n_values (changes), ==, 3);
  g_assert_cmpstr (cb_offer_get_key (changes, 1), ==, "architecture");

  /* A later run's checkpoint replaces what the offer filled in, and says
   * so: only what changed
   */
  {
    g_autoptr(GVariant) later_values = g_variant_ref_sink (g_variant_new_parsed ("{'architecture': <'psenet'>, "
                                                                                 "'encoder': <'resnet50'>}"));
    g_autoptr(CbOffer) later = cb_offers_make_offer (f->offers, form, "checkpoints",
                                                     "outputs/b/checkpoints/2.ckpt", "train", later_values);

    g_assert_cmpint (cb_offers_present (f->offers, form, later), ==, CB_OFFER_TAKEN);
    g_assert_cmpstr (cb_test_form_string (form, "checkpoint"), ==, "outputs/b/checkpoints/2.ckpt");
    g_assert_cmpstr (cb_test_form_string (form, "encoder"), ==, "resnet50");
    g_assert_cmpuint (taken->len, ==, 2);
    changes = g_ptr_array_index (taken, 1);
    g_assert_cmpuint (cb_offer_get_n_values (changes), ==, 2);
    g_assert_cmpstr (cb_offer_get_key (changes, 0), ==, "checkpoint");
    g_assert_cmpstr (cb_offer_get_key (changes, 1), ==, "encoder");
  }

  /* The same offer again changes nothing, and says nothing */
  g_assert_cmpint (cb_offers_present (f->offers, form, offer), ==, CB_OFFER_TAKEN);
  g_assert_cmpint (cb_offers_present (f->offers, form, offer), ==, CB_OFFER_TAKEN);
  g_assert_cmpuint (taken->len, ==, 3);
}

static void
test_model_never_silent (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CbForm) form = make_form (f, "model", model_schema);
  g_autoptr(GVariant) values = psenet_run ();
  g_autoptr(CbOffer) offer = NULL;
  g_autofree char *message = NULL;
  CbOffer *pending;

  /* The user chose the architecture: nothing of the offer is taken, not
   * even the empty checkpoint, which would not load with dbnet
   */
  cb_form_set_value (form, "architecture", g_variant_new_string ("dbnet"));
  cb_form_set_value (form, "encoder", g_variant_new_string ("resnet50"));
  offer = cb_offers_make_offer (f->offers, form, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train", values);
  g_assert_cmpint (cb_offers_present (f->offers, form, offer), ==, CB_OFFER_PENDING);
  g_assert_cmpstr (cb_test_form_string (form, "checkpoint"), ==, "");
  g_assert_cmpstr (cb_test_form_string (form, "architecture"), ==, "dbnet");
  g_assert_cmpstr (cb_test_form_string (form, "encoder"), ==, "resnet50");
  pending = cb_offers_get_pending (f->offers, "model");
  g_assert_cmpuint (cb_offer_get_n_values (pending), ==, 3);
  message = cb_offer_get_message (pending, form);
  g_assert_cmpstr (message, ==, "The train run wrote a new checkpoint: outputs/a/checkpoints/1.ckpt "
                                "(trained with Architecture: psenet, Backbone: convnext_tiny).");

  /* Taken up by the user, whole */
  g_assert_true (cb_offers_take_pending (f->offers, form));
  g_assert_cmpstr (cb_test_form_string (form, "checkpoint"), ==, "outputs/a/checkpoints/1.ckpt");
  g_assert_cmpstr (cb_test_form_string (form, "architecture"), ==, "psenet");
  g_assert_cmpstr (cb_test_form_string (form, "encoder"), ==, "convnext_tiny");
}

static void
test_model_fields_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GVariant) values = g_variant_ref_sink (g_variant_new_parsed ("{'architecture': <'psenet'>, "
                                                                         "'encoder': <int64 3>, "
                                                                         "'batch_size': <int64 64>}"));
  g_autoptr(CbForm) form = NULL;
  g_autoptr(CbOffer) offer = NULL;
  GString *schema = g_string_new (model_schema);

  /* The schema names the model fields: those, and only with a value of
   * their type
   */
  g_string_replace (schema, "hydra_override: ckpt_path\n",
                    "hydra_override: ckpt_path\n    model_fields: [batch_size, encoder]\n", 1);
  form = make_form (f, "model", schema->str);
  g_string_free (schema, TRUE);
  offer = cb_offers_make_offer (f->offers, form, "checkpoints", "outputs/a/checkpoints/1.ckpt", "train", values);
  g_assert_cmpuint (cb_offer_get_n_values (offer), ==, 2);
  g_assert_cmpstr (cb_offer_get_key (offer, 1), ==, "batch_size");
  g_assert_null (cb_offer_lookup_value (offer, "architecture"));
  g_assert_null (cb_offer_lookup_value (offer, "encoder"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offers/offer", test_offer);

#define ADD(path, func) \
  g_test_add ("/offers/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("writer", test_writer);
  ADD ("follow-up", test_follow_up);
  ADD ("make-offer", test_make_offer);
  ADD ("take-or-offer", test_take_or_offer);
  ADD ("partly-taken", test_partly_taken);
  ADD ("memory-outlives-form", test_memory_outlives_form);
  ADD ("model-values", test_model_values);
  ADD ("model-never-silent", test_model_never_silent);
  ADD ("model-fields-key", test_model_fields_key);

#undef ADD

  return g_test_run ();
}
