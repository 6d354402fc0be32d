/* cb-field.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-expr.h"
#include "cb-override.h"

G_BEGIN_DECLS

typedef enum
{
  CB_FIELD_TEXT,
  CB_FIELD_NUMBER,
  CB_FIELD_CHECKBOX,
  CB_FIELD_SELECT,
  CB_FIELD_MULTISELECT,
  CB_FIELD_SLIDER,
  CB_FIELD_INFO,
  CB_FIELD_PATH,
  CB_FIELD_LIST,
} CbFieldType;

typedef enum
{
  CB_PATH_FILE,
  CB_PATH_FOLDER,
} CbPathMode;

/**
 * CbEmptyValue:
 * @CB_EMPTY_OMIT: an empty field writes nothing, and the config keeps its
 *   value
 * @CB_EMPTY_NULL: an empty field writes `key=null`
 * @CB_EMPTY_EMPTY: an empty field writes an empty text `key=""`, or an
 *   empty list `key=[]`
 *
 * What a field left empty writes: the schema key `when_empty`.
 */
typedef enum
{
  CB_EMPTY_OMIT,
  CB_EMPTY_NULL,
  CB_EMPTY_EMPTY,
} CbEmptyValue;

/**
 * CbMetadataListKind:
 * @CB_METADATA_LIST_PLAIN: a list that says nothing of its values, such as
 *   `box_types`
 * @CB_METADATA_LIST_COMPATIBLE: the values that work, at a key whose name
 *   starts with `compatible_`: a value outside it is an error
 * @CB_METADATA_LIST_RECOMMENDED: the values advised, at a key whose name
 *   starts with `recommended_`: a value outside it is a warning
 *
 * What a list of a metadata entry means, told by the name of its key, as
 * schemas/README.md documents: metadata files have no other place to say
 * it, and existing ones are read as they are.
 */
typedef enum
{
  CB_METADATA_LIST_PLAIN,
  CB_METADATA_LIST_COMPATIBLE,
  CB_METADATA_LIST_RECOMMENDED,
} CbMetadataListKind;

/**
 * CbField:
 *
 * One element of a command schema, as loaded: immutable once its schema
 * is built, and shared by the forms that use the schema. The members are
 * named after the schema keys they come from.
 */
typedef struct _CbField CbField;

struct _CbField
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  guint        index;
  char        *key;
  CbFieldType  type;
  char        *label;
  char        *help;
  GVariant    *default_value;   /* typed for the field; NULL: none */
  char       **targets;         /* hydra_override; NULL when absent */

  CbExpr      *visible_if;
  CbExpr      *emit_if;

  /* validation */
  gboolean     required;
  CbExpr      *required_if;
  gint64       min_length;      /* -1: unset */
  gint64       max_length;      /* -1: unset */
  gboolean     has_min;
  double       min;
  gboolean     has_max;
  double       max;
  GRegex      *pattern;

  /* options */
  GListModel  *options;         /* static options, or NULL */
  char        *options_source;

  /* numbers */
  gboolean     integer;
  gboolean     has_min_value;
  double       min_value;
  gboolean     has_max_value;
  double       max_value;
  double       step;            /* 0: unset */
  char        *format;

  CbPathMode   path_mode;

  /* what the field writes */
  CbOverrideOperation operation;
  CbEmptyValue when_empty;
  CbExpr      *emit_defaults;   /* NULL: as the schema says */
  gboolean     interpolation;
  gboolean     sweep;
  int          slurm_resource;  /* the CbSlurmField its value also sets, or -1 */

  /* metadata */
  char        *architecture_key;
  char        *architecture_fallback;
  char        *filter_by_architecture_key;
  char        *metadata_default_key;
  char        *metadata_help_key;
  char        *metadata_info_key;
  char        *info_template;
  char        *info_fallback;
  char        *options_metadata_key;
  char        *optimizer_key;
  char        *optimizer_fallback;
  char        *optimizer_metadata_key;
  char        *optimizer_help_key;

  /* additions */
  char        *extra_metadata;
  char        *extra_key;
  char       **suffix_parts;
  char        *suffix_separator;
  CbExpr      *suffix_when;

  /* checkpoints: the fields that describe the model in one; NULL: the
   * architecture and the fields it narrows
   */
  char       **model_fields;

  /* where it is defined, and a checksum of its definition */
  char        *fingerprint;
  char        *file;
  guint        line;
  guint        column;
};

#define CB_TYPE_FIELD (cb_field_get_type ())

GType        cb_field_get_type          (void) G_GNUC_CONST;
CbField     *cb_field_new               (void);
CbField     *cb_field_ref               (CbField     *self);
void         cb_field_unref             (CbField     *self);

const char  *cb_field_type_to_string    (CbFieldType  type);
gboolean     cb_field_type_from_string  (const char  *name,
                                         CbFieldType *type);
gboolean     cb_field_has_value         (const CbField *self);
gboolean     cb_field_uses_architecture (const CbField *self);
gboolean     cb_field_uses_optimizer    (const CbField *self);
gboolean     cb_field_holds_list        (const CbField *self);
gboolean     cb_field_can_sweep         (const CbField *self);
CbOverrideFlags cb_field_override_flags (const CbField *self);

GVariant    *cb_field_coerce_value      (const CbField *self,
                                         GVariant      *value);
GVariant    *cb_field_parse_value       (const CbField *self,
                                         const char    *text,
                                         GError       **error);
char        *cb_field_value_to_text     (const CbField *self,
                                         GVariant      *value);
GVariant    *cb_field_parse_sweep       (const CbField *self,
                                         const char    *text,
                                         GError       **error);
gboolean     cb_value_is_empty          (GVariant      *value);

CbMetadataListKind cb_metadata_list_kind_for_key (const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbField, cb_field_unref)

G_END_DECLS
