/* cb-error.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CB_ERROR (cb_error_quark ())

/**
 * CbError:
 * @CB_ERROR_PARSE: a file is not well-formed (YAML syntax, encoding)
 * @CB_ERROR_INVALID: a file is well-formed but says something wrong
 * @CB_ERROR_NOT_FOUND: a file, field or name does not exist
 * @CB_ERROR_TOO_LARGE: an input exceeds a size limit
 * @CB_ERROR_IO: a file or folder cannot be read or written
 * @CB_ERROR_VALIDATION: the values of a form do not validate
 * @CB_ERROR_USAGE: a command-line flag is wrong
 */
typedef enum
{
  CB_ERROR_PARSE,
  CB_ERROR_INVALID,
  CB_ERROR_NOT_FOUND,
  CB_ERROR_TOO_LARGE,
  CB_ERROR_IO,
  CB_ERROR_VALIDATION,
  CB_ERROR_USAGE,
} CbError;

GQuark cb_error_quark (void);

G_END_DECLS
