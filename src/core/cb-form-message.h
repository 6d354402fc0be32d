/* cb-form-message.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cb-diagnostic.h"

G_BEGIN_DECLS

/**
 * CbFormMessageKind:
 * @CB_FORM_MESSAGE_REQUIRED: the field is required and empty
 * @CB_FORM_MESSAGE_NO_FILE_YET: the field is required, and its `paths:`
 *   source has no file yet (a checkpoint before the first training run)
 * @CB_FORM_MESSAGE_LENGTH: a text's length, or a list's number of items,
 *   is outside `min_length`..`max_length`
 * @CB_FORM_MESSAGE_PATTERN: a text does not match the field's `pattern`
 * @CB_FORM_MESSAGE_OUT_OF_RANGE: a number is outside the field's bounds,
 *   or its optimizer's
 * @CB_FORM_MESSAGE_NOT_AN_OPTION: a value is not one of the options
 * @CB_FORM_MESSAGE_MISSING_FILE: a file of a `paths:` source does not exist
 * @CB_FORM_MESSAGE_INCOMPATIBLE: a value is outside the architecture's list
 *   of compatible values
 * @CB_FORM_MESSAGE_NOT_RECOMMENDED: a value is outside the architecture's
 *   list of recommended values; the only kind that is a warning
 * @CB_FORM_MESSAGE_NOT_A_VALUE: what the user typed is not a value of the
 *   field's type, such as letters in a number (cb_form_set_text())
 *
 * What a form message is about. Its kind decides its severity.
 */
typedef enum
{
  CB_FORM_MESSAGE_REQUIRED,
  CB_FORM_MESSAGE_NO_FILE_YET,
  CB_FORM_MESSAGE_LENGTH,
  CB_FORM_MESSAGE_PATTERN,
  CB_FORM_MESSAGE_OUT_OF_RANGE,
  CB_FORM_MESSAGE_NOT_AN_OPTION,
  CB_FORM_MESSAGE_MISSING_FILE,
  CB_FORM_MESSAGE_INCOMPATIBLE,
  CB_FORM_MESSAGE_NOT_RECOMMENDED,
  CB_FORM_MESSAGE_NOT_A_VALUE,
} CbFormMessageKind;

/**
 * CbFormMessage:
 * @kind: what the message is about
 * @severity: an error keeps the command from running, a warning does not;
 *   it follows from @kind
 * @field: the index of the field the message is about
 * @message: a full sentence that names the field by its label
 *
 * A problem with the values of a form. Unlike a #CbDiagnostic, it is
 * about a field, not a place in a file.
 */
typedef struct
{
  CbFormMessageKind  kind;
  CbSeverity         severity;
  guint              field;
  char              *message;
} CbFormMessage;

#define CB_TYPE_FORM_MESSAGE (cb_form_message_get_type ())

GType          cb_form_message_get_type          (void) G_GNUC_CONST;
CbFormMessage *cb_form_message_new               (CbFormMessageKind    kind,
                                                  guint                field,
                                                  const char          *message);
CbFormMessage *cb_form_message_copy              (const CbFormMessage *self);
void           cb_form_message_free              (CbFormMessage       *self);
gboolean       cb_form_message_equal             (const CbFormMessage *a,
                                                  const CbFormMessage *b);
CbSeverity     cb_form_message_kind_get_severity (CbFormMessageKind    kind);
gboolean       cb_form_messages_have_errors      (GPtrArray           *messages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbFormMessage, cb_form_message_free)

G_END_DECLS
