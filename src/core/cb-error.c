/* cb-error.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-error.h"

G_DEFINE_QUARK (cb-error-quark, cb_error)
