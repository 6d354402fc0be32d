/* cb-shell-quote.h
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cb_shell_quote       (const char         *arg);
char *cb_shell_quote_argv  (const char * const *argv);

G_END_DECLS
