/* cb-name-lookup.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-name-lookup.h"

/**
 * CbNameLookup:
 *
 * The names a schema may refer to: options sources and metadata sets. A
 * schema is checked against them when it loads; #CbProject answers from
 * its project file. An interface, so that the schema loader does not
 * depend on the project, which loads schemas.
 */

G_DEFINE_INTERFACE (CbNameLookup, cb_name_lookup, G_TYPE_OBJECT)

static void
cb_name_lookup_default_init (CbNameLookupInterface *iface)
{
}

gboolean
cb_name_lookup_has_source (CbNameLookup *self,
                           const char   *name)
{
  g_return_val_if_fail (CB_IS_NAME_LOOKUP (self), FALSE);

  return CB_NAME_LOOKUP_GET_IFACE (self)->has_source (self, name);
}

gboolean
cb_name_lookup_source_is_paths (CbNameLookup *self,
                                const char   *name)
{
  g_return_val_if_fail (CB_IS_NAME_LOOKUP (self), FALSE);

  return CB_NAME_LOOKUP_GET_IFACE (self)->source_is_paths (self, name);
}

gboolean
cb_name_lookup_has_metadata_set (CbNameLookup *self,
                                 const char   *name)
{
  g_return_val_if_fail (CB_IS_NAME_LOOKUP (self), FALSE);

  return CB_NAME_LOOKUP_GET_IFACE (self)->has_metadata_set (self, name);
}
