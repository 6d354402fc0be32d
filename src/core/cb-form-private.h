/* cb-form-private.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cb-form.h"

G_BEGIN_DECLS

/* CbForm is split by concern, the way GNOME Text Editor splits its larger
 * classes, around this header:
 *
 *  - cb-form.c: the object, the dependency graph, resolving a field and
 *    the form in schema order, the getters;
 *  - cb-form-values.c: the values the user set, and loading stored ones;
 *  - cb-form-metadata.c: what a field reads from metadata: the entries of
 *    the architecture and optimizer, options, defaults, help and info;
 *  - cb-form-validate.c: the validation messages of a field;
 *  - cb-form-command.c: overrides, argv and the display form;
 *  - cb-form-setups.c: the suggested setups of the architecture.
 */

/* The resolved state of one field */
typedef struct
{
  CbField    *field;
  gboolean    visible;
  gboolean    dirty;
  gboolean    dirty_visibility; /* only a field its visible_if names changed */
  gboolean    named_beyond_visible_if; /* it follows other fields through more than visible_if */
  GVariant   *user;
  GVariant   *def;
  GVariant   *value;       /* user, or else def; not considering visibility */
  char       *text;        /* typed, and not a value of the field's type */
  GListModel *options;     /* after narrowing */
  GListModel *all_options; /* before narrowing */
  char       *help;
  char       *info;
  gboolean    has_min;
  gboolean    has_max;
  double      min;
  double      max;
  double      step;
  GPtrArray  *messages;    /* of CbFormMessage */
  char      **overrides;
  char      **extras;
  GArray     *dependents;  /* of guint: fields to resolve when this one changes */
  guint       changes;     /* CbFieldChange not yet announced */
} CbFieldState;

struct _CbForm
{
  GObject       parent_instance;

  CbProject    *project;
  CbSchema     *schema;
  CbFieldState *states;
  guint         n_states;
  GHashTable   *by_key;      /* key → CbFieldState */
  guint         lowest_dirty;

  char        **argv;
  char        **overrides;
  char         *display;
  GPtrArray    *messages;
  guint         batch;
  gboolean      changed_pending;
};

/* Where an expression is evaluated: the field at @index sees the fields
 * above it that are hidden as null
 */
typedef struct
{
  CbForm *self;
  guint   index;
} CbFormScope;

/* cb-form.c */
GVariant     *_cb_form_scope_lookup        (const char   *key,
                                            gpointer      scope);
CbFieldState *_cb_form_lookup_state        (CbForm       *self,
                                            const char   *key);
const char   *_cb_form_string_of           (GVariant     *value);
double        _cb_form_number_of           (GVariant     *value);
gboolean      _cb_form_over_paths          (CbForm       *self,
                                            CbField      *field);
void          _cb_form_strv_builder_take   (GStrvBuilder *builder,
                                            char         *value);
gboolean      _cb_form_variant_same        (GVariant     *a,
                                            GVariant     *b);
void          _cb_form_mark_dirty          (CbForm       *self,
                                            guint         index);
void          _cb_form_resolve             (CbForm       *self);

/* cb-form-metadata.c */
GPtrArray    *_cb_form_string_list         (GVariant     *value);
gboolean      _cb_form_strings_contain     (GPtrArray    *strings,
                                            const char   *value);
GVariant     *_cb_form_metadata_entry      (CbForm       *self,
                                            guint         index,
                                            const char   *set,
                                            const char   *key,
                                            const char   *fallback);
GVariant     *_cb_form_architecture_entry  (CbForm       *self,
                                            guint         index);
GVariant     *_cb_form_optimizer_entry     (CbForm       *self,
                                            guint         index);
GListModel   *_cb_form_resolve_options     (CbForm       *self,
                                            guint         index,
                                            GVariant     *arch,
                                            GListModel  **all);
GVariant     *_cb_form_resolve_default     (CbForm       *self,
                                            guint         index,
                                            GVariant     *arch,
                                            GVariant     *optimizer,
                                            GListModel   *options);
char         *_cb_form_resolve_help        (CbForm       *self,
                                            guint         index,
                                            GVariant     *arch,
                                            GVariant     *optimizer);
char         *_cb_form_resolve_info        (CbForm       *self,
                                            guint         index,
                                            GVariant     *arch);

/* cb-form-validate.c */
void          _cb_form_validate            (CbForm       *self,
                                            guint         index,
                                            GVariant     *arch,
                                            GVariant     *optimizer,
                                            GPtrArray    *messages);

/* cb-form-command.c */
char        **_cb_form_resolve_overrides   (CbForm       *self,
                                            guint         index);
char        **_cb_form_resolve_extras      (CbForm       *self,
                                            guint         index);
void          _cb_form_invalidate_command  (CbForm       *self);

G_END_DECLS
