/* cb-option-list.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CB_TYPE_OPTION_LIST (cb_option_list_get_type ())

G_DECLARE_INTERFACE (CbOptionList, cb_option_list, CB, OPTION_LIST, GListModel)

/**
 * CbOptionListInterface:
 * @find: the position of the option whose value is @value, or -1
 *
 * A list model of #CbOption that finds an option by its value faster
 * than a walk over its items.
 */
struct _CbOptionListInterface
{
  GTypeInterface parent_iface;

  gint64 (*find) (CbOptionList *self,
                  const char   *value);
};

gint64      cb_option_list_find (CbOptionList *self,
                                 const char   *value);
GListModel *cb_option_list_new  (GPtrArray    *options);

gint64      cb_options_find     (GListModel   *options,
                                 const char   *value);
gboolean    cb_options_equal    (GListModel   *a,
                                 GListModel   *b);

G_END_DECLS
