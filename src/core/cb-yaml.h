/* cb-yaml.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Files larger than this are refused rather than parsed: schemas and
 * metadata are a few kilobytes, and a runaway file must not stall the app.
 */
#define CB_YAML_MAX_FILE_SIZE (4 * 1024 * 1024)

/* Aliases may share a node many times; beyond this many nodes, counting each
 * use of an alias, a document is refused (the "billion laughs" attack).
 */
#define CB_YAML_MAX_NODES 1000000

#define CB_YAML_MAX_DEPTH 200

typedef enum
{
  CB_NODE_SCALAR,
  CB_NODE_SEQUENCE,
  CB_NODE_MAPPING,
} CbNodeKind;

typedef struct _CbNode CbNode;

#define CB_TYPE_NODE (cb_node_get_type ())

GType       cb_node_get_type       (void) G_GNUC_CONST;

CbNode     *cb_yaml_load_file      (const char  *path,
                                    GError     **error);
CbNode     *cb_yaml_load_data      (const char  *data,
                                    gssize       length,
                                    const char  *filename,
                                    GError     **error);

CbNode     *cb_node_ref            (CbNode      *self);
void        cb_node_unref          (CbNode      *self);

CbNodeKind  cb_node_get_kind       (const CbNode *self);
const char *cb_node_get_file       (const CbNode *self);
guint       cb_node_get_line       (const CbNode *self);
guint       cb_node_get_column     (const CbNode *self);
const char *cb_node_get_scalar     (const CbNode *self);
gboolean    cb_node_is_plain       (const CbNode *self);
gboolean    cb_node_is_null        (const CbNode *self);
guint       cb_node_get_n_children (const CbNode *self);
CbNode     *cb_node_get_child      (const CbNode *self,
                                    guint         index);
CbNode     *cb_node_get_key        (const CbNode *self,
                                    guint         index);
CbNode     *cb_node_lookup         (const CbNode *self,
                                    const char   *key);
const char *cb_node_kind_to_string (CbNodeKind    kind);

gboolean    cb_node_get_boolean    (const CbNode *self,
                                    gboolean     *value);
gboolean    cb_node_get_int64      (const CbNode *self,
                                    gint64       *value);
gboolean    cb_node_get_double     (const CbNode *self,
                                    double       *value);
GVariant   *cb_node_to_variant     (const CbNode *self);

GPtrArray  *cb_node_get_unknown_keys (const CbNode       *self,
                                      const char * const *known,
                                      const char * const *translatable);

char       *cb_node_get_location   (const CbNode *self);
char       *cb_node_fingerprint    (const CbNode *self);
void        cb_node_set_error      (const CbNode *self,
                                    GError      **error,
                                    int           code,
                                    const char   *format,
                                    ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbNode, cb_node_unref)

G_END_DECLS
