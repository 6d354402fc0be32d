/* cb-name-lookup.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CB_TYPE_NAME_LOOKUP (cb_name_lookup_get_type ())

G_DECLARE_INTERFACE (CbNameLookup, cb_name_lookup, CB, NAME_LOOKUP, GObject)

/**
 * CbNameLookupInterface:
 * @has_source: whether an options source of this name exists
 * @source_is_paths: whether the source lists files (`paths:`), such as
 *   checkpoints
 * @has_metadata_set: whether a metadata set of this name exists
 */
struct _CbNameLookupInterface
{
  GTypeInterface parent_iface;

  gboolean (*has_source)       (CbNameLookup *self,
                                const char   *name);
  gboolean (*source_is_paths)  (CbNameLookup *self,
                                const char   *name);
  gboolean (*has_metadata_set) (CbNameLookup *self,
                                const char   *name);
};

gboolean cb_name_lookup_has_source       (CbNameLookup *self,
                                          const char   *name);
gboolean cb_name_lookup_source_is_paths  (CbNameLookup *self,
                                          const char   *name);
gboolean cb_name_lookup_has_metadata_set (CbNameLookup *self,
                                          const char   *name);

G_END_DECLS
