/* cb-form.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cb-form-message.h"
#include "cb-project.h"
#include "cb-schema.h"

G_BEGIN_DECLS

/**
 * CbFieldChange:
 *
 * What changed in a field's resolved state, in #CbForm::field-changed.
 */
typedef enum
{
  CB_FIELD_CHANGED_VISIBLE  = 1 << 0,
  CB_FIELD_CHANGED_VALUE    = 1 << 1,
  CB_FIELD_CHANGED_OPTIONS  = 1 << 2,
  CB_FIELD_CHANGED_HELP     = 1 << 3,
  CB_FIELD_CHANGED_INFO     = 1 << 4,
  CB_FIELD_CHANGED_MESSAGES = 1 << 5,
  CB_FIELD_CHANGED_RANGE    = 1 << 6,
} CbFieldChange;

#define CB_TYPE_FORM (cb_form_get_type ())

G_DECLARE_FINAL_TYPE (CbForm, cb_form, CB, FORM, GObject)

CbForm      *cb_form_new                 (CbProject   *project,
                                          CbSchema    *schema);
CbProject   *cb_form_get_project         (CbForm      *self);
CbSchema    *cb_form_get_schema          (CbForm      *self);

gboolean     cb_form_set_value           (CbForm      *self,
                                          const char  *key,
                                          GVariant    *value);
gboolean     cb_form_set_text            (CbForm      *self,
                                          const char  *key,
                                          const char  *text);
const char  *cb_form_get_text            (CbForm      *self,
                                          guint        index);
void         cb_form_set_values          (CbForm      *self,
                                          GVariant    *values);
char       **cb_form_load_values         (CbForm      *self,
                                          GVariant    *values);
void         cb_form_reset               (CbForm      *self);
GVariant    *cb_form_get_user_values     (CbForm      *self);
GVariant    *cb_form_get_values          (CbForm      *self);
void         cb_form_restore_values      (CbForm      *self,
                                          GVariant    *values);

GVariant    *cb_form_get_value           (CbForm      *self,
                                          guint        index);
GVariant    *cb_form_get_default         (CbForm      *self,
                                          guint        index);
gboolean     cb_form_is_set_by_user      (CbForm      *self,
                                          guint        index);
gboolean     cb_form_is_visible          (CbForm      *self,
                                          guint        index);
GListModel  *cb_form_get_options         (CbForm      *self,
                                          guint        index);
const char  *cb_form_get_help            (CbForm      *self,
                                          guint        index);
const char  *cb_form_get_info            (CbForm      *self,
                                          guint        index);
void         cb_form_get_range           (CbForm      *self,
                                          guint        index,
                                          double      *min,
                                          double      *max,
                                          double      *step);
GPtrArray   *cb_form_get_field_messages  (CbForm      *self,
                                          guint        index);

GPtrArray   *cb_form_get_messages        (CbForm      *self);
gboolean     cb_form_has_errors          (CbForm      *self);
const char * const *cb_form_get_overrides (CbForm     *self);
const char * const *cb_form_get_argv     (CbForm      *self);
gboolean     cb_form_is_multirun         (CbForm      *self);
const char  *cb_form_get_display        (CbForm      *self);

GVariant    *cb_form_get_setups          (CbForm      *self);
gboolean     cb_form_apply_setup         (CbForm      *self,
                                          const char  *id);
char        *cb_form_get_active_setup    (CbForm      *self);
char       **cb_form_get_setup_skipped   (CbForm      *self,
                                          const char  *id);

void         cb_form_invalidate_source   (CbForm      *self,
                                          const char  *name);
void         cb_form_invalidate_metadata (CbForm      *self);

G_END_DECLS
