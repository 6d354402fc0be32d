/* cb-progress.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-progress.h"

/**
 * CbProgress:
 *
 * How far a run has come, as its output says, in one model: the run's
 * progress bar, the status line and `--run` all read it.
 *
 * Runners print progress in two sizes: the whole run in units (`Epoch
 * 6/80`, `[3/12]`, or the project's own `progress_regex`), and the unit
 * under way (tqdm's `40%|`). Mixing them as they come makes a bar jump
 * from 8% to 40% and back; so a percentage refines the unit it belongs
 * to: epoch e of E at p is (e - 1 + p) / E of the run. A bar with no unit
 * before it is the whole run.
 *
 * The fraction never goes back within a run: a validation bar after an
 * epoch, or a second bar of the same epoch, leaves it where it is. It is
 * 1 only when the output said so or the run succeeded; a run that is
 * stopped or fails keeps its fraction and says how it ended
 * (#CbProgressState), so that a bar shows "stopped at 40%", not a stale
 * value that looks like it is still going.
 */
struct _CbProgress
{
  GRegex          *custom;
  CbProgressState  state;
  double           fraction;   /* -1 until the output speaks of progress */
  char            *label;
  guint            unit_done;  /* the unit under way, 1-based; 0 for none */
  guint            unit_total;
};

enum {
  PATTERN_EPOCH,
  PATTERN_BRACKETS,
  PATTERN_PERCENT,
  N_PATTERNS
};

static GRegex *
get_regex (int index)
{
  static const char * const patterns[N_PATTERNS] = {
    "\\bepoch\\s*[:=]?\\s*(\\d+)\\s*(?:/|of)\\s*(\\d+)",
    "\\[\\s*(\\d+)\\s*/\\s*(\\d+)\\s*\\]",
    "(\\d{1,3}(?:\\.\\d+)?)%\\|",
  };
  static GRegex *regexes[N_PATTERNS];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_PATTERNS; i++)
        regexes[i] = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return regexes[index];
}

/* What one line says: a fraction of the whole run (the project's own
 * pattern), a unit of the run (done of total), a percentage, or a unit
 * and the percentage of it
 */
typedef struct
{
  gboolean  has_whole;
  double    whole;
  gboolean  has_unit;
  guint     done;
  guint     total;
  gboolean  has_percent;
  double    percent;
  char     *label;   /* the text that said it: the unit's when there is one */
} Reading;

static void
reading_clear (Reading *r)
{
  g_clear_pointer (&r->label, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

static guint
parse_count (const char *text)
{
  guint64 value = g_ascii_strtoull (text, NULL, 10);

  return (guint)MIN (value, G_MAXUINT);
}

/* The project's pattern: its first group a percentage, or two groups
 * done and total
 */
static gboolean
read_custom (GRegex     *custom,
             const char *line,
             Reading    *r)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  int n;

  if (custom == NULL || !g_regex_match (custom, line, 0, &match))
    return FALSE;

  n = g_match_info_get_match_count (match) - 1;
  a = n >= 1 ? g_match_info_fetch (match, 1) : NULL;
  b = n >= 2 ? g_match_info_fetch (match, 2) : NULL;
  if (a == NULL || a[0] == '\0')
    return FALSE;

  if (b != NULL && b[0] != '\0')
    {
      double total = g_ascii_strtod (b, NULL);

      if (total <= 0)
        return FALSE;
      r->whole = g_ascii_strtod (a, NULL) / total;
    }
  else
    r->whole = g_ascii_strtod (a, NULL) / 100.0;

  r->whole = CLAMP (r->whole, 0.0, 1.0);
  r->has_whole = TRUE;
  r->label = g_match_info_fetch (match, 0);
  return TRUE;
}

static void
read_unit (const char *line,
           Reading    *r)
{
  for (int i = PATTERN_EPOCH; i <= PATTERN_BRACKETS && !r->has_unit; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *done = NULL;
      g_autofree char *total = NULL;

      if (!g_regex_match (get_regex (i), line, 0, &match))
        continue;
      done = g_match_info_fetch (match, 1);
      total = g_match_info_fetch (match, 2);
      r->done = parse_count (done);
      r->total = parse_count (total);
      if (r->total == 0)
        continue;
      r->has_unit = TRUE;
      r->label = g_match_info_fetch (match, 0);
    }
}

static void
read_percent (const char *line,
              Reading    *r)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;

  if (!g_regex_match (get_regex (PATTERN_PERCENT), line, 0, &match))
    return;

  text = g_match_info_fetch (match, 1);
  r->percent = CLAMP (g_ascii_strtod (text, NULL) / 100.0, 0.0, 1.0);
  r->has_percent = TRUE;
  if (r->label == NULL)
    r->label = g_strconcat (text, "%", NULL);
}

static gboolean
read_line (const char *line,
           GRegex     *custom,
           Reading    *r)
{
  if (read_custom (custom, line, r))
    return TRUE;

  read_unit (line, r);
  read_percent (line, r);
  return r->has_unit || r->has_percent;
}

/* Unit @done of @total, @percent of the way through it */
static double
unit_fraction (guint  done,
               guint  total,
               double percent)
{
  return CLAMP (((double)done - 1 + percent) / total, 0.0, 1.0);
}

/* The line read alone: a unit with no percentage is done */
static double
reading_fraction (const Reading *r)
{
  if (r->has_whole)
    return r->whole;
  if (r->has_unit)
    return r->has_percent ? unit_fraction (r->done, r->total, r->percent)
                          : CLAMP ((double)r->done / r->total, 0.0, 1.0);
  return r->percent;
}

/**
 * cb_progress_parse:
 * @line: a line of output
 * @custom: (nullable): the project's or schema's `progress_regex`: its
 *   first group a percentage, or two groups done and total
 * @fraction: (out): the progress, from 0 to 1
 * @label: (out) (optional): the text that said so, such as `Epoch 3/10`
 *
 * Reads @line alone, without what came before it: `Epoch 3/10` is 0.3,
 * `Epoch 3/10: 40%|` is 0.24, `40%|` is 0.4. A run's progress is a
 * #CbProgress, which knows the lines before.
 *
 * Returns: whether @line tells the progress
 */
gboolean
cb_progress_parse (const char  *line,
                   GRegex      *custom,
                   double      *fraction,
                   char       **label)
{
  g_auto(Reading) r = { 0 };

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (fraction != NULL, FALSE);

  if (!read_line (line, custom, &r))
    return FALSE;

  *fraction = reading_fraction (&r);
  if (label != NULL)
    *label = g_steal_pointer (&r.label);
  return TRUE;
}

/**
 * cb_progress_new:
 * @custom: (nullable): the project's or schema's `progress_regex`
 *
 * Returns: (transfer full): the progress of a run that has just started:
 *   unknown until its output speaks of it
 */
CbProgress *
cb_progress_new (GRegex *custom)
{
  CbProgress *self = g_new0 (CbProgress, 1);

  self->fraction = -1;
  cb_progress_set_regex (self, custom);
  return self;
}

void
cb_progress_free (CbProgress *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->custom, g_regex_unref);
  g_free (self->label);
  g_free (self);
}

/**
 * cb_progress_set_regex:
 * @custom: (nullable): the project's or schema's `progress_regex`
 */
void
cb_progress_set_regex (CbProgress *self,
                       GRegex     *custom)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->custom, g_regex_unref);
  self->custom = custom ? g_regex_ref (custom) : NULL;
}

static guint
set_label (CbProgress *self,
           char       *label)
{
  if (label == NULL || g_strcmp0 (label, self->label) == 0)
    {
      g_free (label);
      return 0;
    }

  g_free (self->label);
  self->label = label;
  return CB_PROGRESS_LABEL_CHANGED;
}

/**
 * cb_progress_feed:
 * @line: the next line of the run's output
 *
 * Reads the progress @line speaks of, if any. Lines that come after the
 * run ended change nothing.
 *
 * Returns: the #CbProgressChange flags of what changed, for notifications
 */
guint
cb_progress_feed (CbProgress *self,
                  const char *line)
{
  g_auto(Reading) r = { 0 };
  double fraction;
  guint changed = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (line != NULL, 0);

  if (self->state != CB_PROGRESS_RUNNING || !read_line (line, self->custom, &r))
    return 0;

  if (r.has_unit)
    {
      self->unit_done = r.done;
      self->unit_total = r.total;
    }

  if (!r.has_whole && !r.has_unit && self->unit_total > 0)
    {
      /* A bar of the unit under way, such as a validation bar after an
       * epoch's: its label stays the unit's */
      fraction = unit_fraction (self->unit_done, self->unit_total, r.percent);
      g_clear_pointer (&r.label, g_free);
    }
  else
    fraction = reading_fraction (&r);

  /* Never backwards; nor does the label, which says where the bar is */
  if (fraction < self->fraction)
    return changed;
  if (fraction > self->fraction)
    {
      self->fraction = fraction;
      changed |= CB_PROGRESS_FRACTION_CHANGED;
    }
  changed |= set_label (self, g_steal_pointer (&r.label));

  return changed;
}

/**
 * cb_progress_finish:
 * @state: how the run ended
 *
 * Marks the end of the run. A run that succeeded is complete, when its
 * output spoke of progress at all; one that was stopped or failed keeps
 * the fraction it had.
 *
 * Returns: the #CbProgressChange flags of what changed
 */
guint
cb_progress_finish (CbProgress      *self,
                    CbProgressState  state)
{
  guint changed = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (state != CB_PROGRESS_RUNNING, 0);

  if (self->state == state)
    return 0;

  self->state = state;
  changed |= CB_PROGRESS_STATE_CHANGED;
  if (state == CB_PROGRESS_SUCCEEDED && self->fraction >= 0 && self->fraction < 1)
    {
      self->fraction = 1;
      changed |= CB_PROGRESS_FRACTION_CHANGED;
    }

  return changed;
}

/**
 * cb_progress_reset:
 *
 * Starts again, for output that starts again: a log written anew.
 *
 * Returns: the #CbProgressChange flags of what changed
 */
guint
cb_progress_reset (CbProgress *self)
{
  guint changed = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->fraction != -1)
    changed |= CB_PROGRESS_FRACTION_CHANGED;
  if (self->label != NULL)
    changed |= CB_PROGRESS_LABEL_CHANGED;
  if (self->state != CB_PROGRESS_RUNNING)
    changed |= CB_PROGRESS_STATE_CHANGED;

  self->fraction = -1;
  g_clear_pointer (&self->label, g_free);
  self->state = CB_PROGRESS_RUNNING;
  self->unit_done = self->unit_total = 0;

  return changed;
}

/**
 * cb_progress_get_fraction:
 *
 * Returns: how far the run has come, from 0 to 1, or -1 while its output
 *   has not said
 */
double
cb_progress_get_fraction (CbProgress *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fraction;
}

/**
 * cb_progress_get_label:
 *
 * Returns: (nullable): what the output said of the progress last, such
 *   as `Epoch 3/10`
 */
const char *
cb_progress_get_label (CbProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->label;
}

CbProgressState
cb_progress_get_state (CbProgress *self)
{
  g_return_val_if_fail (self != NULL, CB_PROGRESS_RUNNING);
  return self->state;
}
