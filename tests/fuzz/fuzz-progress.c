/* fuzz-progress.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-progress.h"
#include "fuzz-util.h"

/* Progress lines: any line of output gives no progress, or a fraction
 * between 0 and 1 with a label taken from the line */

static GRegex *custom;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  custom = g_regex_new ("(?:step|progress)[: ]+(\\d+)(?: of (\\d+))?", 0, 0, NULL);
  return 0;
}

static void
check (const char *line,
       GRegex     *regex)
{
  g_autofree char *label = NULL;
  double fraction = -1;

  if (!cb_progress_parse (line, regex, &fraction, &label))
    return;

  g_assert (fraction >= 0 && fraction <= 1);
  g_assert (label != NULL && g_utf8_validate (label, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *bytes = fuzz_strndup (data, size);
  /* Lines reach the parser as valid UTF-8 (see cb-run.c) */
  g_autofree char *line = g_utf8_make_valid (bytes, -1);

  check (line, NULL);
  check (line, custom);
  return 0;
}
