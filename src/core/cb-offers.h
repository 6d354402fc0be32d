/* cb-offers.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-checkpoint.h"
#include "cb-execution.h"
#include "cb-form.h"
#include "cb-offer.h"
#include "cb-run.h"

G_BEGIN_DECLS

/* How long after a successful run its checkpoints are still offered */
#define CB_OFFERS_FOLLOW_UP_SECONDS 10

/**
 * CbOfferOutcome:
 * @CB_OFFER_IGNORED: the form had it already, or has no field for it
 * @CB_OFFER_TAKEN: the form took every value
 * @CB_OFFER_PENDING: some value waits for the user: it would replace
 *   what the user set (cb_offers_get_pending())
 */
typedef enum
{
  CB_OFFER_IGNORED,
  CB_OFFER_TAKEN,
  CB_OFFER_PENDING,
} CbOfferOutcome;

#define CB_TYPE_OFFERS (cb_offers_get_type ())

G_DECLARE_FINAL_TYPE (CbOffers, cb_offers, CB, OFFERS, GObject)

CbOffers       *cb_offers_new            (void);
void            cb_offers_set_follow_up  (CbOffers     *self,
                                          guint         msec);
gboolean        cb_offers_add_run        (CbOffers     *self,
                                          CbExecution  *run,
                                          GVariant     *values);
guint           cb_offers_get_n_runs     (CbOffers     *self);
GVariant       *cb_offers_get_run_values (CbOffers     *self,
                                          CbExecution  *run);
gboolean        cb_offers_written_by     (CbCheckpoint *checkpoint,
                                          CbExecution  *run);
CbExecution    *cb_offers_find_writer    (CbOffers     *self,
                                          CbCheckpoint *checkpoint);
CbOffer        *cb_offers_make_offer     (CbOffers     *self,
                                          CbForm       *form,
                                          const char   *source,
                                          const char   *checkpoint,
                                          const char   *origin,
                                          GVariant     *run_values);
CbOfferOutcome  cb_offers_present        (CbOffers     *self,
                                          CbForm       *form,
                                          CbOffer      *offer);
CbOffer        *cb_offers_get_pending    (CbOffers     *self,
                                          const char   *schema_id);
gboolean        cb_offers_take_pending   (CbOffers     *self,
                                          CbForm       *form);

G_END_DECLS
