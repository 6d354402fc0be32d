/* cb-option.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

/* Lists of options: most users of options want them too */
#include "cb-option-list.h"

G_BEGIN_DECLS

#define CB_TYPE_OPTION (cb_option_get_type ())

G_DECLARE_DERIVABLE_TYPE (CbOption, cb_option, CB, OPTION, GObject)

struct _CbOptionClass
{
  GObjectClass parent_class;
};

CbOption   *cb_option_new       (const char *value,
                                 const char *label);
const char *cb_option_get_value (CbOption   *self);
const char *cb_option_get_label (CbOption   *self);

G_END_DECLS
