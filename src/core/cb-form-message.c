/* cb-form-message.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-form-message.h"

G_DEFINE_BOXED_TYPE (CbFormMessage, cb_form_message, cb_form_message_copy, cb_form_message_free)

/**
 * cb_form_message_kind_get_severity:
 *
 * Returns: the severity of a message of @kind: a warning for advice (a
 *   value that is not recommended), an error for everything else
 */
CbSeverity
cb_form_message_kind_get_severity (CbFormMessageKind kind)
{
  switch (kind)
    {
    case CB_FORM_MESSAGE_NOT_RECOMMENDED:
      return CB_SEVERITY_WARNING;

    case CB_FORM_MESSAGE_REQUIRED:
    case CB_FORM_MESSAGE_NO_FILE_YET:
    case CB_FORM_MESSAGE_LENGTH:
    case CB_FORM_MESSAGE_PATTERN:
    case CB_FORM_MESSAGE_OUT_OF_RANGE:
    case CB_FORM_MESSAGE_NOT_AN_OPTION:
    case CB_FORM_MESSAGE_MISSING_FILE:
    case CB_FORM_MESSAGE_INCOMPATIBLE:
    case CB_FORM_MESSAGE_NOT_A_VALUE:
    default:
      return CB_SEVERITY_ERROR;
    }
}

/**
 * cb_form_message_new:
 * @kind: what the message is about; it sets the severity
 * @field: the index of the field
 * @message: a full sentence
 *
 * Returns: (transfer full): the message
 */
CbFormMessage *
cb_form_message_new (CbFormMessageKind  kind,
                     guint              field,
                     const char        *message)
{
  CbFormMessage *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (CbFormMessage, 1);
  self->kind = kind;
  self->severity = cb_form_message_kind_get_severity (kind);
  self->field = field;
  self->message = g_strdup (message);

  return self;
}

CbFormMessage *
cb_form_message_copy (const CbFormMessage *self)
{
  return cb_form_message_new (self->kind, self->field, self->message);
}

void
cb_form_message_free (CbFormMessage *self)
{
  if (self == NULL)
    return;

  g_free (self->message);
  g_free (self);
}

gboolean
cb_form_message_equal (const CbFormMessage *a,
                       const CbFormMessage *b)
{
  return a->kind == b->kind && a->field == b->field && g_strcmp0 (a->message, b->message) == 0;
}

/**
 * cb_form_messages_have_errors:
 * @messages: (element-type CbFormMessage) (nullable): messages
 *
 * Returns: whether one of @messages is an error
 */
gboolean
cb_form_messages_have_errors (GPtrArray *messages)
{
  if (messages == NULL)
    return FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *m = g_ptr_array_index (messages, i);

      if (m->severity == CB_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}
