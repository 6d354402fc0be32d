/* fuzz-format.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-number-format.h"
#include "fuzz-util.h"

/* Number formats (a field's `format:`): the first 8 bytes are the number,
 * the rest the format. Any format gives a text, valid UTF-8 when the
 * format is. */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  double value = 0;

  if (size < sizeof value)
    return 0;
  memcpy (&value, data, sizeof value);
  format = fuzz_strndup (data + sizeof value, size - sizeof value);

  text = cb_number_format_print (format, value);
  g_assert (text != NULL);
  if (g_utf8_validate (format, -1, NULL))
    g_assert (g_utf8_validate (text, -1, NULL));

  return 0;
}
