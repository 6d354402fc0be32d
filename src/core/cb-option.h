/* cb-option.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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

GListModel *cb_option_list_new  (GPtrArray  *options);
gint64      cb_options_find     (GListModel *options,
                                 const char *value);
gboolean    cb_options_equal    (GListModel *a,
                                 GListModel *b);

G_END_DECLS
