/* cb-sequence-diff.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-sequence-diff.h"

/* Applying changes to a sorted GSequence with exact items-changed
 *
 * Every change lands in a gap between two items that stay: for a removed
 * item at old position r, the j-th removed one, the gap is r - j; for an
 * added item, the number of staying items before it. Gaps grow with the
 * order of the items. Small updates are applied gap by gap, from the top,
 * each group of nearby gaps followed by its items-changed, so that the
 * sequence is consistent whenever the signal is emitted: the part above is
 * already new, the part below still old. Large ones (a batch of the first
 * scan, a burst) become one items-changed from the first gap to the last,
 * which needs the gaps of the first and last changes only.
 */

#define SMALL_UPDATE   64
#define MERGE_DISTANCE 16 /* unchanged items a merged update may span */
#define MAX_SIGNALS    8  /* items-changed per update before merging all */

typedef struct
{
  GSequence                 *sequence;
  const CbSequenceDiffFuncs *funcs;
  gpointer                   user_data;
  GArray                    *removals; /* Removal, in order */
} Diff;

typedef struct
{
  guint     gap;
  gboolean  add;
  gpointer  data; /* GSequenceIter to remove, or an item to add */
} Change;

typedef struct
{
  guint          position;
  GSequenceIter *iter;
} Removal;

static int
compare (Diff          *diff,
         gconstpointer  a,
         gconstpointer  b)
{
  return diff->funcs->compare (a, b, diff->user_data);
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return compare (user_data, *(gconstpointer *)a, *(gconstpointer *)b);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const Change *x = a;
  const Change *y = b;

  if (x->gap != y->gap)
    return x->gap < y->gap ? -1 : 1;
  return 0;
}

static int
compare_removals (gconstpointer a,
                  gconstpointer b)
{
  const Removal *x = a;
  const Removal *y = b;

  return x->position < y->position ? -1 : x->position > y->position;
}

/* The number of items of the sequence that come before @item */
static guint
position_before (Diff     *diff,
                 gpointer  item)
{
  GSequenceIter *iter = g_sequence_search (diff->sequence, item, diff->funcs->compare, diff->user_data);

  /* Normalize: the first item that does not come before @item */
  while (!g_sequence_iter_is_begin (iter) &&
         compare (diff, g_sequence_get (g_sequence_iter_prev (iter)), item) >= 0)
    iter = g_sequence_iter_prev (iter);
  while (!g_sequence_iter_is_end (iter) && compare (diff, g_sequence_get (iter), item) < 0)
    iter = g_sequence_iter_next (iter);

  return g_sequence_iter_get_position (iter);
}

/* The gap of an item to add: the staying items before it */
static guint
add_gap (Diff     *diff,
         gpointer  item)
{
  GArray *removals = diff->removals;
  guint lo = 0;
  guint hi = removals->len;

  /* Removed items that come before it, by binary search: they are in order */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      GSequenceIter *iter = g_array_index (removals, Removal, mid).iter;

      if (compare (diff, g_sequence_get (iter), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return position_before (diff, item) - lo;
}

/* Applies @n changes whose gaps run from @first_gap to @last_gap, then
 * says so
 */
static void
apply_group (Diff   *diff,
             Change *changes,
             guint   n,
             guint   first_gap,
             guint   last_gap,
             guint   added_before)
{
  const CbSequenceDiffFuncs *funcs = diff->funcs;
  guint kept = last_gap - first_gap;
  guint removed = 0;
  guint added = 0;

  for (guint i = 0; i < n; i++)
    if (!changes[i].add)
      {
        if (funcs->removing != NULL)
          funcs->removing (changes[i].data, diff->user_data);
        g_sequence_remove (changes[i].data);
        removed++;
      }

  for (guint i = 0; i < n; i++)
    if (changes[i].add)
      {
        GSequenceIter *iter = g_sequence_insert_sorted (diff->sequence, changes[i].data,
                                                        funcs->compare, diff->user_data);

        if (funcs->inserted != NULL)
          funcs->inserted (iter, diff->user_data);
        added++;
      }

  funcs->changed (first_gap + added_before, kept + removed, kept + added, diff->user_data);
}

/* A large update: one items-changed from the first gap to the last */
static void
apply_at_once (Diff      *diff,
               GPtrArray *adds)
{
  GArray *removals = diff->removals;
  g_autoptr(GArray) changes = g_array_sized_new (FALSE, FALSE, sizeof (Change), removals->len + adds->len);
  guint first = G_MAXUINT;
  guint last = 0;

  if (removals->len > 0)
    {
      first = g_array_index (removals, Removal, 0).position;
      last = g_array_index (removals, Removal, removals->len - 1).position - (removals->len - 1);
    }
  if (adds->len > 0)
    {
      first = MIN (first, add_gap (diff, g_ptr_array_index (adds, 0)));
      last = MAX (last, add_gap (diff, g_ptr_array_index (adds, adds->len - 1)));
    }

  for (guint j = 0; j < removals->len; j++)
    {
      Change c = { 0, FALSE, g_array_index (removals, Removal, j).iter };

      g_array_append_val (changes, c);
    }
  for (guint i = 0; i < adds->len; i++)
    {
      Change c = { 0, TRUE, g_ptr_array_index (adds, i) };

      g_array_append_val (changes, c);
    }

  apply_group (diff, (Change *)(gpointer)changes->data, changes->len, first, last, 0);
}

/* A small update: gap by gap, nearby gaps grouped */
static void
apply_in_groups (Diff      *diff,
                 GPtrArray *adds)
{
  GArray *removals = diff->removals;
  g_autoptr(GArray) changes = g_array_sized_new (FALSE, FALSE, sizeof (Change), removals->len + adds->len);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint));
  guint added_before = 0;

  for (guint j = 0; j < removals->len; j++)
    {
      Change c = { 0, FALSE, g_array_index (removals, Removal, j).iter };

      c.gap = g_array_index (removals, Removal, j).position - j;
      g_array_append_val (changes, c);
    }
  for (guint i = 0; i < adds->len; i++)
    {
      Change c = { 0, TRUE, g_ptr_array_index (adds, i) };

      c.gap = add_gap (diff, c.data);
      g_array_append_val (changes, c);
    }
  g_array_sort (changes, compare_changes);

  /* Group nearby gaps: the start of each group */
  for (guint i = 0; i < changes->len; i++)
    if (i == 0 ||
        g_array_index (changes, Change, i).gap - g_array_index (changes, Change, i - 1).gap > MERGE_DISTANCE)
      g_array_append_val (groups, i);

  if (groups->len > MAX_SIGNALS)
    g_array_set_size (groups, 1);

  for (guint k = 0; k < groups->len; k++)
    {
      guint start = g_array_index (groups, guint, k);
      guint end = k + 1 < groups->len ? g_array_index (groups, guint, k + 1) : changes->len;
      Change *group = &g_array_index (changes, Change, start);
      guint n_added = 0;

      for (guint i = 0; i < end - start; i++)
        n_added += group[i].add;
      apply_group (diff, group, end - start, group[0].gap, group[end - start - 1].gap, added_before);
      added_before += n_added;
    }
}

/**
 * cb_sequence_diff_apply:
 * @sequence: a sequence kept sorted by @funcs's compare
 * @removes: (element-type GSequenceIter): the items to remove, each once
 * @adds: the items to add; the sequence takes them, and the array's free
 *   function is cleared
 *
 * Removes and adds items with as few changed notices as the changes allow,
 * each with its exact position.
 */
void
cb_sequence_diff_apply (GSequence                 *sequence,
                        GPtrArray                 *removes,
                        GPtrArray                 *adds,
                        const CbSequenceDiffFuncs *funcs,
                        gpointer                   user_data)
{
  g_autoptr(GArray) removals = NULL;
  Diff diff = { sequence, funcs, user_data, NULL };

  if (removes->len == 0 && adds->len == 0)
    return;

  removals = g_array_sized_new (FALSE, FALSE, sizeof (Removal), removes->len);
  for (guint j = 0; j < removes->len; j++)
    {
      Removal r = { 0, g_ptr_array_index (removes, j) };

      r.position = g_sequence_iter_get_position (r.iter);
      g_array_append_val (removals, r);
    }
  g_array_sort (removals, compare_removals);
  g_ptr_array_sort_with_data (adds, compare_elements, &diff);
  diff.removals = removals;

  /* The sequence takes the added items */
  g_ptr_array_set_free_func (adds, NULL);

  if (removes->len + adds->len > SMALL_UPDATE)
    apply_at_once (&diff, adds);
  else
    apply_in_groups (&diff, adds);
}
