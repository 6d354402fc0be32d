/* cb-offer.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-form.h"

G_BEGIN_DECLS

#define CB_TYPE_OFFER (cb_offer_get_type ())

typedef struct _CbOffer CbOffer;

GType        cb_offer_get_type       (void) G_GNUC_CONST;
CbOffer     *cb_offer_new            (const char *origin,
                                      const char *checkpoint);
CbOffer     *cb_offer_ref            (CbOffer    *self);
void         cb_offer_unref          (CbOffer    *self);
const char  *cb_offer_get_origin     (CbOffer    *self);
const char  *cb_offer_get_checkpoint (CbOffer    *self);
void         cb_offer_add_value      (CbOffer    *self,
                                      const char *key,
                                      GVariant   *value);
guint        cb_offer_get_n_values   (CbOffer    *self);
const char  *cb_offer_get_key        (CbOffer    *self,
                                      guint       index);
GVariant    *cb_offer_get_value      (CbOffer    *self,
                                      guint       index);
GVariant    *cb_offer_lookup_value   (CbOffer    *self,
                                      const char *key);
gboolean     cb_offer_equal          (CbOffer    *a,
                                      CbOffer    *b);
char        *cb_offer_get_message    (CbOffer    *self,
                                      CbForm     *form);
char        *cb_offer_describe_model (CbOffer    *self,
                                      CbForm     *form);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbOffer, cb_offer_unref)

G_END_DECLS
