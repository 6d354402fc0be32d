/* cb-sequence-diff.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-sequence-diff.h"

/* Applying changes to a sorted array with exact items-changed
 *
 * Every change lands in a gap between two items that stay: for a removed
 * item at old position r, the j-th removed one, the gap is r - j; for an
 * added item, the number of staying items before it. Gaps grow with the
 * order of the items. Small updates are applied gap by gap, from the top,
 * each group of nearby gaps followed by its items-changed, so that the
 * array is consistent whenever the signal is emitted: the part above is
 * already new, the part below still old. Large ones (a batch of the first
 * scan, a burst) become one items-changed from the first gap to the last,
 * which needs the gaps of the first and last changes only.
 *
 * The sequence is a plain array of pointers: reading an item is an index,
 * a group of changes is one merge of the part of the array it spans, and
 * moves what follows once. For the first scan's batches that is linear in
 * the list where a balanced tree would compare and allocate for each item;
 * a single new checkpoint, which goes first, moves the whole array (800 KB
 * for 100,000 items), a few tens of microseconds.
 */

#define SMALL_UPDATE   64
#define MERGE_DISTANCE 16 /* unchanged items a merged update may span */
#define MAX_SIGNALS    8  /* items-changed per update before merging all */

typedef struct
{
  GPtrArray                 *array;
  const CbSequenceDiffFuncs *funcs;
  gpointer                   user_data;
  GArray                    *removals; /* guint: positions of the removed items, ascending */
} Diff;

typedef struct
{
  guint     gap;
  gboolean  add;
  gpointer  data; /* the item to remove or to add */
} Change;

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
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

/* The first position in [@lo, @hi) whose item does not come before
 * @item, or @hi, by binary search
 */
static guint
search (Diff     *diff,
        gpointer  item,
        guint     lo,
        guint     hi)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare (diff, g_ptr_array_index (diff->array, mid), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first position from @from whose item does not come before @item,
 * which does not come before that of @from: galloping from there, so that
 * sorted items close to each other cost a few comparisons each, where a
 * search of the whole array would read a distant item (a cache miss) at
 * each of its 17 steps
 */
static guint
lower_bound_from (Diff     *diff,
                  gpointer  item,
                  guint     from)
{
  guint len = diff->array->len;
  guint lo = from;
  guint hi;
  guint step = 1;

  if (lo >= len || compare (diff, g_ptr_array_index (diff->array, lo), item) >= 0)
    return lo;

  /* The item at lo comes before @item: find a bound past it */
  while (lo + step < len && compare (diff, g_ptr_array_index (diff->array, lo + step), item) < 0)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, len);
  return search (diff, item, lo + 1, hi);
}

/* The first position whose item does not come before @item */
static guint
lower_bound (Diff     *diff,
             gpointer  item)
{
  return search (diff, item, 0, diff->array->len);
}

/* The gap of an item to add: the staying items before it */
static guint
add_gap (Diff     *diff,
         gpointer  item)
{
  GArray *removals = diff->removals;
  guint position = lower_bound (diff, item);
  guint lo = 0;
  guint hi = removals->len;

  /* Removed items before that position, by binary search: they are in order */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (removals, guint, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return position - lo;
}

/* Replaces @old_len items at @start by the @new_len of @items */
static void
splice (GPtrArray *array,
        guint      start,
        guint      old_len,
        gpointer  *items,
        guint      new_len)
{
  guint tail = array->len - start - old_len;

  if (new_len > old_len)
    g_ptr_array_set_size (array, array->len + (new_len - old_len));
  memmove (array->pdata + start + new_len, array->pdata + start + old_len, tail * sizeof (gpointer));
  memcpy (array->pdata + start, items, new_len * sizeof (gpointer));
  if (new_len < old_len)
    g_ptr_array_set_size (array, array->len - (old_len - new_len));
}

/* Applies the removal of @removed (in the array's order) and the addition
 * of @added (in their order), whose gaps run from @first_gap to
 * @last_gap, after @added_before items were added above them; then says
 * so.
 *
 * Each change's place is found by a binary search, and the span between
 * two changes is copied whole: the items of the span are not read, which
 * for a batch of the first scan, a span of most of the list, would be a
 * cache miss per item.
 */
static void
apply_group (Diff     *diff,
             gpointer *removed,
             guint     n_removed,
             gpointer *added,
             guint     n_added,
             guint     first_gap,
             guint     last_gap,
             guint     added_before)
{
  const CbSequenceDiffFuncs *funcs = diff->funcs;
  GPtrArray *array = diff->array;
  guint kept = last_gap - first_gap;
  guint start = first_gap + added_before;
  guint old_len = kept + n_removed;
  g_autofree guint *cut = g_new (guint, n_removed + 1);
  g_autofree guint *slot = g_new (guint, n_added + 1);
  g_autofree gpointer *merged = g_new (gpointer, kept + n_added + 1);
  guint from = start;
  guint out = 0;
  guint r = 0;
  guint a = 0;

  g_assert (start + old_len <= array->len);

  /* Where each removed item is, where each added one goes: before the
   * first item that does not come before it
   */
  for (guint i = 0; i < n_removed; i++)
    {
      cut[i] = lower_bound_from (diff, removed[i], i > 0 ? cut[i - 1] + 1 : start);
      g_assert (cut[i] < start + old_len && g_ptr_array_index (array, cut[i]) == removed[i]);
    }
  for (guint i = 0; i < n_added; i++)
    {
      slot[i] = lower_bound_from (diff, added[i], i > 0 ? slot[i - 1] : start);
      g_assert (slot[i] <= start + old_len);
    }
  cut[n_removed] = slot[n_added] = start + old_len;

  /* The span with the runs between changes copied whole; an item added
   * where one is removed goes first, which is its place too
   */
  while (r < n_removed || a < n_added)
    {
      guint next = MIN (cut[r], slot[a]);

      /* An empty array has no pdata, and memcpy wants a pointer even for
       * nothing */
      if (next > from)
        memcpy (merged + out, array->pdata + from, (next - from) * sizeof (gpointer));
      out += next - from;
      from = next;
      if (a < n_added && slot[a] == next)
        merged[out++] = added[a++];
      else
        from = cut[r++] + 1;
    }
  if (start + old_len > from)
    memcpy (merged + out, array->pdata + from, (start + old_len - from) * sizeof (gpointer));
  out += start + old_len - from;
  g_assert (out == kept + n_added);

  splice (array, start, old_len, merged, out);

  for (guint i = 0; i < n_removed && funcs->removed != NULL; i++)
    funcs->removed (removed[i], diff->user_data);
  for (guint i = 0; i < n_added && funcs->inserted != NULL; i++)
    funcs->inserted (added[i], diff->user_data);

  funcs->changed (start, kept + n_removed, kept + n_added, diff->user_data);
}

/* The removed items, in the array's order */
static GPtrArray *
removed_items (Diff *diff)
{
  GPtrArray *items = g_ptr_array_sized_new (diff->removals->len);

  for (guint j = 0; j < diff->removals->len; j++)
    g_ptr_array_add (items, g_ptr_array_index (diff->array, g_array_index (diff->removals, guint, j)));
  return items;
}

/* A large update: one items-changed from the first gap to the last */
static void
apply_at_once (Diff      *diff,
               GPtrArray *adds)
{
  GArray *removals = diff->removals;
  g_autoptr(GPtrArray) removed = removed_items (diff);
  guint first = G_MAXUINT;
  guint last = 0;

  if (removals->len > 0)
    {
      first = g_array_index (removals, guint, 0);
      last = g_array_index (removals, guint, removals->len - 1) - (removals->len - 1);
    }
  if (adds->len > 0)
    {
      first = MIN (first, add_gap (diff, g_ptr_array_index (adds, 0)));
      last = MAX (last, add_gap (diff, g_ptr_array_index (adds, adds->len - 1)));
    }

  apply_group (diff, removed->pdata, removed->len, adds->pdata, adds->len, first, last, 0);
}

/* A small update: gap by gap, nearby gaps grouped */
static void
apply_in_groups (Diff      *diff,
                 GPtrArray *adds)
{
  GArray *removals = diff->removals;
  g_autoptr(GArray) changes = g_array_sized_new (FALSE, FALSE, sizeof (Change), removals->len + adds->len);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint added_before = 0;

  for (guint j = 0; j < removals->len; j++)
    {
      guint position = g_array_index (removals, guint, j);
      Change c = { position - j, FALSE, g_ptr_array_index (diff->array, position) };

      g_array_append_val (changes, c);
    }
  for (guint i = 0; i < adds->len; i++)
    {
      Change c = { 0, TRUE, g_ptr_array_index (adds, i) };

      c.gap = add_gap (diff, c.data);
      g_array_append_val (changes, c);
    }
  /* Stable: the removed items stay in the array's order, the added in theirs */
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

      g_ptr_array_set_size (removed, 0);
      g_ptr_array_set_size (added, 0);
      for (guint i = 0; i < end - start; i++)
        g_ptr_array_add (group[i].add ? added : removed, group[i].data);

      apply_group (diff, removed->pdata, removed->len, added->pdata, added->len,
                   group[0].gap, group[end - start - 1].gap, added_before);
      added_before += added->len;
    }
}

/**
 * cb_sequence_diff_apply:
 * @array: an array kept sorted by @funcs's compare, without a free function
 * @removes: the items of @array to remove, each once
 * @adds: the items to add; the array takes them, and @adds's free
 *   function is cleared
 *
 * Removes and adds items with as few changed notices as the changes allow,
 * each with its exact position.
 */
void
cb_sequence_diff_apply (GPtrArray                 *array,
                        GPtrArray                 *removes,
                        GPtrArray                 *adds,
                        const CbSequenceDiffFuncs *funcs,
                        gpointer                   user_data)
{
  g_autoptr(GArray) removals = NULL;
  Diff diff = { array, funcs, user_data, NULL };

  if (removes->len == 0 && adds->len == 0)
    return;

  /* Items are unique in the order, so each is found where it sorts */
  removals = g_array_sized_new (FALSE, FALSE, sizeof (guint), removes->len);
  for (guint j = 0; j < removes->len; j++)
    {
      gpointer item = g_ptr_array_index (removes, j);
      guint position = lower_bound (&diff, item);

      g_assert (position < array->len && g_ptr_array_index (array, position) == item);
      g_array_append_val (removals, position);
    }
  g_array_sort (removals, compare_positions);
  g_ptr_array_sort_with_data (adds, compare_elements, &diff);
  diff.removals = removals;

  /* The array takes the added items */
  g_ptr_array_set_free_func (adds, NULL);

  if (removes->len + adds->len > SMALL_UPDATE)
    apply_at_once (&diff, adds);
  else
    apply_in_groups (&diff, adds);
}
