/* test-checkpoint-model.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cb-checkpoint-model.h"
#include "cb-glob.h"
#include "cb-test-util.h"

/* Real files in a temporary project, a real main loop: each test waits
 * until the model converges (with a guard that fails the test), and checks
 * every items-changed against a mirror of the list, so that a wrong
 * position or count fails at once.
 */

#define GLOB "outputs/*/checkpoints/*.ckpt"
#define T0   1700000000 /* file times, in seconds, so that the order is known */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  char              *dir;
  char              *staging;
  CbCheckpointModel *model;
  GPtrArray         *mirror;  /* paths, kept by items-changed */
  GArray            *changes; /* Change */
  GPtrArray         *notices;
  GPtrArray         *strings;
  guint              n_staged;
} Fixture;

static char *
model_contents (GListModel *model)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbCheckpoint) item = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i ? " " : "", cb_checkpoint_get_path (item));
    }
  return g_string_free (out, FALSE);
}

static char *
mirror_contents (Fixture *f)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < f->mirror->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *)g_ptr_array_index (f->mirror, i));
  return g_string_free (out, FALSE);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added };
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(CbCheckpoint) item = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (f->mirror, position + i, g_strdup (cb_checkpoint_get_path (item)));
    }

  /* The model is consistent whenever it says it changed */
  expected = mirror_contents (f);
  actual = model_contents (model);
  g_assert_cmpstr (actual, ==, expected);

  g_array_append_val (f->changes, change);
}

static void
on_notice (CbCheckpointModel *model,
           const char        *message,
           Fixture           *f)
{
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_ptr_array_add (f->notices, g_strdup (message));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cb_test_make_tempdir ();
  f->staging = g_build_filename (f->dir, ".staging", NULL);
  g_assert_cmpint (g_mkdir (f->staging, 0755), ==, 0);
  f->mirror = g_ptr_array_new_with_free_func (g_free);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  f->notices = g_ptr_array_new_with_free_func (g_free);
  f->strings = g_ptr_array_new_with_free_func (g_free);
}

/* An absolute path in the project, freed with the fixture */
static const char *
at (Fixture    *f,
    const char *relative)
{
  char *path = g_build_filename (f->dir, relative, NULL);

  g_ptr_array_add (f->strings, path);
  return path;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->model != NULL)
    g_signal_handlers_disconnect_by_data (f->model, f);
  g_clear_object (&f->model);
  cb_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->staging);
  g_ptr_array_unref (f->mirror);
  g_array_unref (f->changes);
  g_ptr_array_unref (f->notices);
  g_ptr_array_unref (f->strings);
}

static void
set_mtime (const char *path,
           gint64      seconds)
{
  struct timespec times[2] = { { seconds, 0 }, { seconds, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

static void
make_dirs (Fixture    *f,
           const char *relative)
{
  g_autofree char *path = g_build_filename (f->dir, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

/* Writes a file at once, with its time set, so that it makes one event */
static void
put (Fixture    *f,
     const char *relative,
     gint64      seconds)
{
  g_autofree char *name = g_strdup_printf ("file-%u", f->n_staged++);
  g_autofree char *staged = g_build_filename (f->staging, name, NULL);
  g_autofree char *path = g_build_filename (f->dir, relative, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (staged, relative, -1, &error);
  g_assert_no_error (error);
  set_mtime (staged, seconds);
  g_assert_cmpint (g_rename (staged, path), ==, 0);
}

/* Writes a file before the model starts */
static void
write_at (Fixture    *f,
          const char *relative,
          gint64      seconds)
{
  g_autofree char *path = cb_test_write (f->dir, relative, relative);

  set_mtime (path, seconds);
}

static void
remove_file (Fixture    *f,
             const char *relative)
{
  g_autofree char *path = g_build_filename (f->dir, relative, NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
move (Fixture    *f,
      const char *from,
      const char *to)
{
  g_autofree char *a = g_build_filename (f->dir, from, NULL);
  g_autofree char *b = g_build_filename (f->dir, to, NULL);

  g_assert_cmpint (g_rename (a, b), ==, 0);
}

static gboolean
contents_are (Fixture    *f,
              const char *expected)
{
  g_autofree char *actual = model_contents (G_LIST_MODEL (f->model));

  return strcmp (actual, expected) == 0;
}

static void
assert_contents (Fixture    *f,
                 const char *expected)
{
  g_autofree char *actual = model_contents (G_LIST_MODEL (f->model));
  g_autofree char *mirrored = mirror_contents (f);

  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpstr (mirrored, ==, expected);
}

/* Iterates the main loop until @cond holds; fails after a long time */
#define WAIT_UNTIL(cond) cb_test_wait_until (cond, 30)

/* Proves that nothing more comes from the events before it: a sentinel
 * checkpoint written into @folder (watched, and matched by the model's
 * globs) after them is seen, then removed. The monitors report events in
 * order and the model applies file events in order, so a change the
 * earlier events would make has been made by then; the only changes since
 * are the sentinel's own insertion and removal, at the end of the list.
 */
static void
settle (Fixture    *f,
        const char *folder)
{
  g_autofree char *relative = g_build_filename (folder, "zz-sentinel.ckpt", NULL);
  g_autofree char *before = model_contents (G_LIST_MODEL (f->model));
  g_autofree char *after = NULL;
  guint n_changes = f->changes->len;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (f->model));
  Change *c;

  /* The oldest of all, so that it goes last */
  put (f, relative, T0 - 1000);
  WAIT_UNTIL (cb_checkpoint_model_find (f->model, relative) >= 0);
  remove_file (f, relative);
  WAIT_UNTIL (cb_checkpoint_model_find (f->model, relative) < 0);

  g_assert_cmpuint (f->changes->len, ==, n_changes + 2);
  c = &g_array_index (f->changes, Change, n_changes);
  g_assert_cmpuint (c->position, ==, n_items);
  g_assert_cmpuint (c->removed, ==, 0);
  g_assert_cmpuint (c->added, ==, 1);
  c = &g_array_index (f->changes, Change, n_changes + 1);
  g_assert_cmpuint (c->position, ==, n_items);
  g_assert_cmpuint (c->removed, ==, 1);
  g_assert_cmpuint (c->added, ==, 0);
  g_array_set_size (f->changes, n_changes);

  after = model_contents (G_LIST_MODEL (f->model));
  g_assert_cmpstr (after, ==, before);
}

static void
create_model (Fixture            *f,
              const char * const *globs)
{
  static const char * const default_globs[] = { GLOB, NULL };

  f->model = cb_checkpoint_model_new (f->dir, globs ? globs : default_globs);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->model, "notice", G_CALLBACK (on_notice), f);
}

static void
start_and_load (Fixture *f)
{
  cb_checkpoint_model_start (f->model);
  g_assert_true (cb_checkpoint_model_get_loading (f->model));
  WAIT_UNTIL (!cb_checkpoint_model_get_loading (f->model));
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
  g_array_set_size (f->changes, 0);
}

/* Two experiments, three checkpoints, and files that do not match */
static void
make_tree (Fixture *f)
{
  write_at (f, "outputs/exp1/checkpoints/epoch=1-step=100.ckpt", T0 + 10);
  write_at (f, "outputs/exp1/checkpoints/epoch=2-step=200.ckpt", T0 + 30);
  write_at (f, "outputs/exp2/checkpoints/last.ckpt", T0 + 20);
  write_at (f, "outputs/exp2/checkpoints/notes.txt", T0 + 40);
  write_at (f, "outputs/exp2/checkpoints/.hidden.ckpt", T0 + 40);
  write_at (f, "outputs/exp2/other/x.ckpt", T0 + 40);
  make_dirs (f, "outputs/exp3");
}

#define TREE \
  "outputs/exp1/checkpoints/epoch=2-step=200.ckpt " \
  "outputs/exp2/checkpoints/last.ckpt " \
  "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"

static void
test_fields (void)
{
  g_autoptr(CbCheckpoint) a = cb_checkpoint_new ("outputs/exp1/checkpoints/epoch=28-step=4200.ckpt",
                                                 "exp1", 1234, 5);
  g_autoptr(CbCheckpoint) b = cb_checkpoint_new ("x/val_loss=0.12.ckpt", NULL, 0, 0);
  g_autoptr(CbCheckpoint) c = cb_checkpoint_new ("x/epoch=28-val_loss=0.12.ckpt", NULL, 0, 0);
  g_autoptr(CbCheckpoint) d = cb_checkpoint_new ("x/lr=1e-4-loss=-0.5", NULL, 0, 0);
  g_autoptr(CbCheckpoint) e = cb_checkpoint_new ("x/last.ckpt", NULL, 0, 0);
  g_autoptr(CbCheckpoint) bad = cb_checkpoint_new ("out/\xff\xfe/ep\xffoch=3.ckpt", "\xff\xfe", 0, 0);
  g_autofree char *epoch = cb_checkpoint_get_field (a, "epoch");
  g_autofree char *step = cb_checkpoint_get_field (a, "step");
  g_autofree char *loss = cb_checkpoint_get_field (b, "val_loss");
  g_autofree char *epoch_c = cb_checkpoint_get_field (c, "epoch");
  g_autofree char *loss_c = cb_checkpoint_get_field (c, "val_loss");
  g_autofree char *lr = cb_checkpoint_get_field (d, "lr");
  g_autofree char *loss_d = cb_checkpoint_get_field (d, "loss");
  g_autofree char *none = cb_checkpoint_get_field (a, "loss");
  g_autofree char *ep = cb_checkpoint_get_field (a, "ep");
  g_autofree char *last = cb_checkpoint_get_field (e, "last");

  g_assert_true (CB_IS_OPTION (a));
  g_assert_cmpstr (cb_option_get_value (CB_OPTION (a)), ==, "outputs/exp1/checkpoints/epoch=28-step=4200.ckpt");
  g_assert_cmpstr (cb_checkpoint_get_path (a), ==, "outputs/exp1/checkpoints/epoch=28-step=4200.ckpt");
  g_assert_cmpstr (cb_checkpoint_get_name (a), ==, "epoch=28-step=4200.ckpt");
  g_assert_cmpstr (cb_checkpoint_get_experiment (a), ==, "exp1");
  g_assert_null (cb_checkpoint_get_experiment (b));
  g_assert_cmpuint (cb_checkpoint_get_size (a), ==, 1234);
  g_assert_cmpint (cb_checkpoint_get_mtime (a), ==, 5);

  g_assert_cmpstr (epoch, ==, "28");
  g_assert_cmpstr (step, ==, "4200");
  g_assert_cmpstr (loss, ==, "0.12");
  g_assert_cmpstr (epoch_c, ==, "28");
  g_assert_cmpstr (loss_c, ==, "0.12");
  g_assert_cmpstr (lr, ==, "1e-4");
  g_assert_cmpstr (loss_d, ==, "-0.5");
  g_assert_null (none);
  g_assert_null (ep);
  g_assert_null (last);

  /* Bytes that are not UTF-8: an exact value, a valid label */
  g_assert_cmpstr (cb_checkpoint_get_path (bad), ==, "out/\xff\xfe/ep\xffoch=3.ckpt");
  g_assert_cmpstr (cb_option_get_label (CB_OPTION (bad)), ==, "out/\xef\xbf\xbd\xef\xbf\xbd/ep\xef\xbf\xbdoch=3.ckpt");
  g_assert_cmpstr (cb_checkpoint_get_name (bad), ==, "ep\xef\xbf\xbdoch=3.ckpt");
  g_assert_cmpstr (cb_checkpoint_get_experiment (bad), ==, "\xef\xbf\xbd\xef\xbf\xbd");

  /* Newest first, then by path */
  g_assert_cmpint (cb_checkpoint_compare (a, b), <, 0);
  g_assert_cmpint (cb_checkpoint_compare (c, b), <, 0);
}

static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CbCheckpoint) first = NULL;
  g_autofree char *step = NULL;

  make_tree (f);
  create_model (f, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->model)) == CB_TYPE_CHECKPOINT);

  start_and_load (f);
  assert_contents (f, TREE);

  first = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  g_assert_cmpstr (cb_checkpoint_get_experiment (first), ==, "exp1");
  g_assert_cmpstr (cb_checkpoint_get_name (first), ==, "epoch=2-step=200.ckpt");
  g_assert_cmpint (cb_checkpoint_get_mtime (first), ==, (gint64)(T0 + 30) * G_USEC_PER_SEC);
  g_assert_cmpuint (cb_checkpoint_get_size (first), ==, strlen ("outputs/exp1/checkpoints/epoch=2-step=200.ckpt"));
  step = cb_checkpoint_get_field (first, "step");
  g_assert_cmpstr (step, ==, "200");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->model), 3));

  g_assert_cmpint (cb_checkpoint_model_find (f->model, "outputs/exp2/checkpoints/last.ckpt"), ==, 1);
  g_assert_cmpint (cb_checkpoint_model_find (f->model, "outputs/exp2/checkpoints/notes.txt"), ==, -1);
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (f->model), "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"), ==, 2);
  g_assert_cmpint (cb_options_find (G_LIST_MODEL (f->model), "nothing"), ==, -1);

  /* The root, outputs, three experiments, two checkpoints folders */
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, 7);
  g_assert_false (cb_checkpoint_model_get_polling (f->model));
  g_assert_cmpuint (f->notices->len, ==, 0);
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  guint listings;
  Change *c;

  make_tree (f);
  create_model (f, NULL);
  start_and_load (f);
  listings = cb_checkpoint_model_get_n_listings (f->model);

  /* Created: one insertion where it belongs */
  put (f, "outputs/exp2/checkpoints/epoch=5.ckpt", T0 + 25);
  WAIT_UNTIL (f->changes->len > 0);
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (f->changes->len, ==, 1);
  c = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 1);
  g_assert_cmpuint (c->removed, ==, 0);
  g_assert_cmpuint (c->added, ==, 1);
  assert_contents (f,
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp2/checkpoints/epoch=5.ckpt "
                   "outputs/exp2/checkpoints/last.ckpt "
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt");

  /* Deleted: one removal at its position */
  g_array_set_size (f->changes, 0);
  remove_file (f, "outputs/exp2/checkpoints/last.ckpt");
  WAIT_UNTIL (f->changes->len > 0);
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (f->changes->len, ==, 1);
  c = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 2);
  g_assert_cmpuint (c->removed, ==, 1);
  g_assert_cmpuint (c->added, ==, 0);

  /* Renamed in its folder, keeping its time: one update in place */
  g_array_set_size (f->changes, 0);
  move (f, "outputs/exp2/checkpoints/epoch=5.ckpt", "outputs/exp2/checkpoints/epoch=6.ckpt");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp2/checkpoints/epoch=6.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"));
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (f->changes->len, ==, 1);
  c = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 1);
  g_assert_cmpuint (c->removed, ==, 1);
  g_assert_cmpuint (c->added, ==, 1);

  /* Moved to another experiment, and a file that does not match moved in */
  g_array_set_size (f->changes, 0);
  move (f, "outputs/exp2/checkpoints/epoch=6.ckpt", "outputs/exp1/checkpoints/epoch=6.ckpt");
  move (f, "outputs/exp2/checkpoints/notes.txt", "outputs/exp1/checkpoints/notes.txt");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp1/checkpoints/epoch=6.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"));
  settle (f, "outputs/exp1/checkpoints");
  assert_contents (f,
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp1/checkpoints/epoch=6.ckpt "
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt");

  /* Moved out of the project, and back in */
  move (f, "outputs/exp1/checkpoints/epoch=6.ckpt", ".staging/kept.ckpt");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"));
  move (f, ".staging/kept.ckpt", "outputs/exp2/checkpoints/kept.ckpt");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp2/checkpoints/kept.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"));

  /* Hidden files and other names do not count */
  put (f, "outputs/exp1/checkpoints/.partial.ckpt", T0 + 90);
  put (f, "outputs/exp1/checkpoints/epoch=7.ckpt.tmp", T0 + 90);
  settle (f, "outputs/exp1/checkpoints");
  assert_contents (f,
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp2/checkpoints/kept.ckpt "
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt");

  /* No rescan, and no folder listed for file events */
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
  g_assert_cmpuint (cb_checkpoint_model_get_n_listings (f->model), ==, listings);
}

static void
test_rewrite (Fixture       *f,
              gconstpointer  data)
{
  Change *c;

  make_tree (f);
  create_model (f, NULL);
  start_and_load (f);

  /* The oldest, at 2, rewritten: it moves to the top in one update */
  put (f, "outputs/exp1/checkpoints/epoch=1-step=100.ckpt", T0 + 50);
  WAIT_UNTIL (f->changes->len > 0);
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (f->changes->len, ==, 1);
  c = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 0);
  g_assert_cmpuint (c->removed, ==, 3);
  g_assert_cmpuint (c->added, ==, 3);
  assert_contents (f,
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt "
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp2/checkpoints/last.ckpt");

  /* The same time, another size: replaced in place */
  g_array_set_size (f->changes, 0);
  {
    g_autofree char *path = g_build_filename (f->dir, "outputs/exp2/checkpoints/last.ckpt", NULL);
    g_autofree char *staged = g_build_filename (f->staging, "bigger", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(CbCheckpoint) item = NULL;

    g_file_set_contents (staged, "a longer content", -1, &error);
    g_assert_no_error (error);
    set_mtime (staged, T0 + 20);
    g_assert_cmpint (g_rename (staged, path), ==, 0);
    WAIT_UNTIL (f->changes->len > 0);
    settle (f, "outputs/exp1/checkpoints");
    g_assert_cmpuint (f->changes->len, ==, 1);
    c = &g_array_index (f->changes, Change, 0);
    g_assert_cmpuint (c->position, ==, 2);
    g_assert_cmpuint (c->removed, ==, 1);
    g_assert_cmpuint (c->added, ==, 1);
    item = g_list_model_get_item (G_LIST_MODEL (f->model), 2);
    g_assert_cmpuint (cb_checkpoint_get_size (item), ==, strlen ("a longer content"));
  }

  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
}

static void
test_folders (Fixture       *f,
              gconstpointer  data)
{
  guint listings;
  guint monitors;

  make_tree (f);
  create_model (f, NULL);
  start_and_load (f);
  listings = cb_checkpoint_model_get_n_listings (f->model);
  monitors = cb_checkpoint_model_get_n_monitors (f->model);

  /* A folder made elsewhere with its files, then moved in: the new
   * experiment and its checkpoints folder are each listed once
   */
  {
    g_autofree char *a = g_build_filename (f->staging, "exp4/checkpoints/epoch=9.ckpt", NULL);
    g_autofree char *b = g_build_filename (f->staging, "exp4/checkpoints/epoch=8.ckpt", NULL);

    g_free (cb_test_write (f->staging, "exp4/checkpoints/epoch=9.ckpt", "x"));
    g_free (cb_test_write (f->staging, "exp4/checkpoints/epoch=8.ckpt", "x"));
    set_mtime (a, T0 + 60);
    set_mtime (b, T0 + 5);
  }
  move (f, ".staging/exp4", "outputs/exp4");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp4/checkpoints/epoch=9.ckpt "
                            TREE " "
                            "outputs/exp4/checkpoints/epoch=8.ckpt"));
  g_assert_cmpuint (cb_checkpoint_model_get_n_listings (f->model), ==, listings + 2);
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, monitors + 2);

  /* An empty experiment gets its checkpoints folder, then a file: a file
   * written right after its folder was made is not missed
   */
  make_dirs (f, "outputs/exp5");
  make_dirs (f, "outputs/exp5/checkpoints");
  put (f, "outputs/exp5/checkpoints/epoch=1.ckpt", T0 + 70);
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp5/checkpoints/epoch=1.ckpt "
                            "outputs/exp4/checkpoints/epoch=9.ckpt "
                            TREE " "
                            "outputs/exp4/checkpoints/epoch=8.ckpt"));

  /* The existing empty experiment gets its checkpoints */
  make_dirs (f, "outputs/exp3/checkpoints");
  put (f, "outputs/exp3/checkpoints/a.ckpt", T0 + 1);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 7);

  /* A folder moved out drops its items and monitors */
  g_array_set_size (f->changes, 0);
  move (f, "outputs/exp4", ".staging/exp4");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp5/checkpoints/epoch=1.ckpt "
                            TREE " "
                            "outputs/exp3/checkpoints/a.ckpt"));
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, monitors + 3);

  /* Renamed: the same files under the new name */
  move (f, "outputs/exp5", "outputs/exp6");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp6/checkpoints/epoch=1.ckpt "
                            TREE " "
                            "outputs/exp3/checkpoints/a.ckpt"));

  /* Deleted, with what is in it */
  cb_test_remove_tree (at (f, "outputs/exp6"));
  WAIT_UNTIL (contents_are (f, TREE " outputs/exp3/checkpoints/a.ckpt"));
  remove_file (f, "outputs/exp3/checkpoints/a.ckpt");
  g_assert_cmpint (g_rmdir (at (f, "outputs/exp3/checkpoints")), ==, 0);
  WAIT_UNTIL (contents_are (f, TREE));
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, monitors);

  /* The whole outputs folder goes, and comes back */
  move (f, "outputs", ".staging/outputs");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 0);
  WAIT_UNTIL (cb_checkpoint_model_get_n_monitors (f->model) == 1);
  move (f, ".staging/outputs", "outputs");
  WAIT_UNTIL (contents_are (f, TREE));
  assert_contents (f, TREE);

  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
  g_assert_cmpuint (f->notices->len, ==, 0);
}

static void
test_burst (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) staged = g_ptr_array_new_with_free_func (g_free);
  guint added = 0;

  make_tree (f);
  create_model (f, NULL);
  start_and_load (f);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("burst-%04u", i);
      char *path = g_build_filename (f->staging, name, NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, "x", -1, &error);
      g_assert_no_error (error);
      set_mtime (path, T0 + 1000 + i);
      g_ptr_array_add (staged, path);
    }

  /* 1,000 checkpoints land in a folder without the main loop running */
  for (guint i = 0; i < staged->len; i++)
    {
      g_autofree char *target = g_strdup_printf ("%s/outputs/exp2/checkpoints/epoch=%04u.ckpt", f->dir, i);

      g_assert_cmpint (g_rename (g_ptr_array_index (staged, i), target), ==, 0);
    }

  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 1003);
  settle (f, "outputs/exp1/checkpoints");

  /* Merged: a few insertions at the top, not 1,000 signals */
  for (guint i = 0; i < f->changes->len; i++)
    {
      Change *c = &g_array_index (f->changes, Change, i);

      g_assert_cmpuint (c->position, ==, 0);
      g_assert_cmpuint (c->removed, ==, 0);
      added += c->added;
    }
  g_assert_cmpuint (added, ==, 1000);
  g_assert_cmpuint (f->changes->len, <=, 10);
  g_test_message ("1,000 new files: %u items-changed", f->changes->len);

  {
    g_autoptr(CbCheckpoint) top = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
    g_autoptr(CbCheckpoint) last = g_list_model_get_item (G_LIST_MODEL (f->model), 999);

    g_assert_cmpstr (cb_checkpoint_get_path (top), ==, "outputs/exp2/checkpoints/epoch=0999.ckpt");
    g_assert_cmpstr (cb_checkpoint_get_path (last), ==, "outputs/exp2/checkpoints/epoch=0000.ckpt");
  }
  g_assert_cmpint (cb_checkpoint_model_find (f->model, "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"), ==, 1002);

  /* And they all go at once */
  g_array_set_size (f->changes, 0);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *target = g_strdup_printf ("%s/outputs/exp2/checkpoints/epoch=%04u.ckpt", f->dir, i);

      g_assert_cmpint (g_unlink (target), ==, 0);
    }
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 3);
  settle (f, "outputs/exp1/checkpoints");
  g_assert_cmpuint (f->changes->len, <=, 10);
  assert_contents (f, TREE);

  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
}

static void
test_fallback (Fixture       *f,
               gconstpointer  data)
{
  guint listings;

  make_tree (f);
  create_model (f, NULL);

  /* The root and outputs are watched, the experiments are polled */
  cb_checkpoint_model_set_max_monitors (f->model, 2);
  start_and_load (f);
  assert_contents (f, TREE);
  g_assert_true (cb_checkpoint_model_get_polling (f->model));
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, 2);
  g_assert_cmpuint (f->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->notices, 0), "checked every 2 seconds"));
  listings = cb_checkpoint_model_get_n_listings (f->model);

  /* A file in a polled folder: found by the next poll */
  put (f, "outputs/exp2/checkpoints/epoch=5.ckpt", T0 + 25);
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp2/checkpoints/epoch=5.ckpt "
                            "outputs/exp2/checkpoints/last.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"));
  g_assert_cmpuint (cb_checkpoint_model_get_n_listings (f->model), >, listings);

  /* Gone, rewritten */
  remove_file (f, "outputs/exp2/checkpoints/last.ckpt");
  put (f, "outputs/exp1/checkpoints/epoch=1-step=100.ckpt", T0 + 80);
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt "
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp2/checkpoints/epoch=5.ckpt"));

  /* A new experiment under the watched outputs folder, polled too */
  {
    g_autofree char *a = g_build_filename (f->staging, "exp9/checkpoints/a.ckpt", NULL);

    g_free (cb_test_write (f->staging, "exp9/checkpoints/a.ckpt", "x"));
    set_mtime (a, T0 + 90);
  }
  move (f, ".staging/exp9", "outputs/exp9");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp9/checkpoints/a.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt "
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp2/checkpoints/epoch=5.ckpt"));
  put (f, "outputs/exp9/checkpoints/b.ckpt", T0 + 91);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 5);

  /* A polled folder that goes */
  cb_test_remove_tree (at (f, "outputs/exp9"));
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt "
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp2/checkpoints/epoch=5.ckpt"));
  assert_contents (f,
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt "
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp2/checkpoints/epoch=5.ckpt");

  /* Said once; polling is not scanning */
  g_assert_cmpuint (f->notices->len, ==, 1);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
}

static void
test_non_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CbCheckpoint) item = NULL;
  gint64 pos;

  write_at (f, "outputs/exp1/checkpoints/epoch=1.ckpt", T0 + 10);
  write_at (f, "outputs/r\xe9sum\xe9/checkpoints/\xff\xfe.ckpt", T0 + 20);
  create_model (f, NULL);
  start_and_load (f);
  assert_contents (f, "outputs/r\xe9sum\xe9/checkpoints/\xff\xfe.ckpt outputs/exp1/checkpoints/epoch=1.ckpt");

  item = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  g_assert_cmpstr (cb_option_get_label (CB_OPTION (item)), ==,
                   "outputs/r\xef\xbf\xbdsum\xef\xbf\xbd/checkpoints/\xef\xbf\xbd\xef\xbf\xbd.ckpt");
  g_assert_cmpstr (cb_checkpoint_get_experiment (item), ==, "r\xef\xbf\xbdsum\xef\xbf\xbd");
  g_assert_cmpint (cb_checkpoint_model_find (f->model, "outputs/r\xe9sum\xe9/checkpoints/\xff\xfe.ckpt"), ==, 0);

  /* From an event too: the path from the monitor is exact */
  put (f, "outputs/exp1/checkpoints/\xfe\xfd.ckpt", T0 + 30);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 3);
  pos = cb_checkpoint_model_find (f->model, "outputs/exp1/checkpoints/\xfe\xfd.ckpt");
  g_assert_cmpint (pos, ==, 0);
  remove_file (f, "outputs/exp1/checkpoints/\xfe\xfd.ckpt");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 2);
}

static void
make_loop_tree (Fixture *f)
{
  g_autofree char *self_link = g_build_filename (f->dir, "outputs/self", NULL);
  g_autofree char *latest = g_build_filename (f->dir, "outputs/latest", NULL);

  write_at (f, "outputs/exp1/a.ckpt", T0 + 10);
  write_at (f, "outputs/top.ckpt", T0 + 20);
  /* outputs/self/top.ckpt would be outputs/top.ckpt seen through a loop */
  g_assert_cmpint (symlink (".", self_link), ==, 0);
  /* A link to a sibling is no loop: it is followed */
  g_assert_cmpint (symlink ("exp1", latest), ==, 0);
}

static void
test_symlink_loop (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const globs[] = { "outputs/*/*.ckpt", NULL };

  make_loop_tree (f);
  /* Where settle() puts its sentinel: seen through no link */
  make_dirs (f, "outputs/quiet");
  create_model (f, globs);
  start_and_load (f);
  assert_contents (f, "outputs/exp1/a.ckpt outputs/latest/a.ckpt");

  /* The same through the synchronous scan */
  {
    g_autoptr(CbCheckpointModel) sync = cb_checkpoint_model_new (f->dir, globs);
    g_autofree char *contents = NULL;

    cb_checkpoint_model_scan_sync (sync);
    contents = model_contents (G_LIST_MODEL (sync));
    g_assert_cmpstr (contents, ==, "outputs/exp1/a.ckpt outputs/latest/a.ckpt");
  }

  /* A loop made later is not followed either */
  {
    g_autofree char *again = g_build_filename (f->dir, "outputs/again", NULL);

    g_assert_cmpint (symlink ("..", at (f, "outputs/exp1/up")), ==, 0);
    g_assert_cmpint (symlink (".", again), ==, 0);
    put (f, "outputs/exp1/b.ckpt", T0 + 5);
    WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 4);
    settle (f, "outputs/quiet");
    assert_contents (f, "outputs/exp1/a.ckpt outputs/latest/a.ckpt outputs/exp1/b.ckpt outputs/latest/b.ckpt");
  }
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  const char *locked = at (f, "outputs/exp2/checkpoints");
  gboolean as_root = geteuid () == 0;

  make_tree (f);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  /* Root reads every folder: be someone else meanwhile */
  if (as_root)
    {
      g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
      g_assert_cmpint (seteuid (65534), ==, 0);
    }

  create_model (f, NULL);
  start_and_load (f);
  assert_contents (f,
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt");
  g_assert_cmpuint (f->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->notices, 0), "“outputs/exp2/checkpoints”"));

  /* The rest is followed */
  if (as_root)
    g_assert_cmpint (seteuid (0), ==, 0);
  put (f, "outputs/exp1/checkpoints/epoch=3.ckpt", T0 + 50);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 3);

  /* Readable again: its checkpoints come */
  g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 4);
  g_assert_cmpuint (f->notices->len, ==, 1);
}

static void
test_sync_then_start (Fixture       *f,
                      gconstpointer  data)
{
  make_tree (f);
  create_model (f, NULL);

  cb_checkpoint_model_scan_sync (f->model);
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
  assert_contents (f, TREE);

  /* Changes while nobody watched are found by the start */
  remove_file (f, "outputs/exp2/checkpoints/last.ckpt");
  write_at (f, "outputs/exp3/checkpoints/new.ckpt", T0 + 99);
  cb_checkpoint_model_start (f->model);
  WAIT_UNTIL (!cb_checkpoint_model_get_loading (f->model));
  assert_contents (f,
                   "outputs/exp3/checkpoints/new.ckpt "
                   "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                   "outputs/exp1/checkpoints/epoch=1-step=100.ckpt");

  /* And it follows from then on */
  remove_file (f, "outputs/exp3/checkpoints/new.ckpt");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp1/checkpoints/epoch=2-step=200.ckpt "
                            "outputs/exp1/checkpoints/epoch=1-step=100.ckpt"));
  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 2);
}

static void
test_many_folders (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *expected = NULL;

  /* More items than a batch, over more folders than a chunk of monitors */
  for (guint e = 0; e < 300; e++)
    for (guint k = 0; k < 20; k++)
      {
        g_autofree char *rel = g_strdup_printf ("outputs/e%03u/checkpoints/k%02u.ckpt", e, k);

        write_at (f, rel, T0 + (e * 7 + k * 13) % 1000);
      }

  create_model (f, NULL);
  cb_checkpoint_model_start (f->model);
  WAIT_UNTIL (!cb_checkpoint_model_get_loading (f->model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 6000);

  /* Newest first, then by path; the same as a synchronous scan */
  {
    g_autoptr(CbCheckpointModel) sync = cb_checkpoint_model_new (f->dir, (const char *[]) { GLOB, NULL });
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    cb_checkpoint_model_scan_sync (sync);
    a = model_contents (G_LIST_MODEL (sync));
    b = model_contents (G_LIST_MODEL (f->model));
    g_assert_cmpstr (a, ==, b);
  }
  for (guint i = 1; i < 6000; i++)
    {
      g_autoptr(CbCheckpoint) x = g_list_model_get_item (G_LIST_MODEL (f->model), i - 1);
      g_autoptr(CbCheckpoint) y = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_assert_cmpint (cb_checkpoint_compare (x, y), <, 0);
      g_assert_cmpint (cb_checkpoint_model_find (f->model, cb_checkpoint_get_path (y)), ==, i);
    }

  expected = mirror_contents (f);
  {
    g_autofree char *actual = model_contents (G_LIST_MODEL (f->model));

    g_assert_cmpstr (actual, ==, expected);
  }
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, 2 + 300 + 300);
}

static void
test_globs (Fixture       *f,
            gconstpointer  data)
{
  static const char * const globs[] = {
    "./outputs/*/checkpoints/*.ckpt",
    "outputs/*/checkpoints/last.ckpt", /* the same files: listed once */
    "models/[ab]?/*.pt",
    "../outside/*.ckpt",               /* invalid: ignored */
    NULL
  };
  g_autoptr(CbCheckpoint) model_item = NULL;

  make_tree (f);
  write_at (f, "models/a1/x.pt", T0 + 1);
  write_at (f, "models/b22/y.pt", T0 + 2);
  write_at (f, "models/c1/z.pt", T0 + 3);
  create_model (f, globs);
  start_and_load (f);
  assert_contents (f, TREE " models/a1/x.pt");

  model_item = g_list_model_get_item (G_LIST_MODEL (f->model), 3);
  g_assert_cmpstr (cb_checkpoint_get_experiment (model_item), ==, "a1");

  make_dirs (f, "models/b3");
  put (f, "models/b3/w.pt", T0 + 100);
  make_dirs (f, "models/c3");
  put (f, "models/c3/v.pt", T0 + 100);
  WAIT_UNTIL (contents_are (f, "models/b3/w.pt " TREE " models/a1/x.pt"));
}

/* Inotify watches that run out below the limit the system states: in a
 * container, or when other programs hold them. GLib's monitors then stay
 * silent; the model must notice and poll instead. The test runs in a child
 * process that makes its own user namespace, lowers that namespace's
 * watch limit (the system-wide one is left alone), and takes all but a few
 * watches with an inotify instance of its own, as another program would.
 */

#ifndef CLONE_NEWUSER
# define CLONE_NEWUSER 0x10000000
#endif

#define NS_WATCH_LIMIT 64 /* the namespace's limit; the budget is half of it */
#define WATCHES_LEFT   3  /* for the model: the root, outputs and one experiment */

static gboolean
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (gssize)strlen (text);
  close (fd);
  return ok;
}

static G_GNUC_NORETURN void
skip_child (Fixture    *f,
            const char *reason)
{
  g_print ("%s: %s\n", reason, g_strerror (errno));
  fixture_tear_down (f, NULL);
  exit (77);
}

/* In the child: a user namespace whose watch limit is NS_WATCH_LIMIT */
static void
enter_namespace (Fixture *f)
{
  g_autofree char *uid_map = g_strdup_printf ("%u %u 1\n", geteuid (), geteuid ());
  g_autofree char *gid_map = g_strdup_printf ("%u %u 1\n", getegid (), getegid ());
  g_autofree char *limit = g_strdup_printf ("%d\n", NS_WATCH_LIMIT);

  if (syscall (SYS_unshare, CLONE_NEWUSER) != 0)
    skip_child (f, "Cannot make a user namespace");
  /* Needed for gid_map without privileges; older kernels lack it */
  write_proc ("/proc/self/setgroups", "deny");
  if (!write_proc ("/proc/self/uid_map", uid_map) || !write_proc ("/proc/self/gid_map", gid_map))
    skip_child (f, "Cannot map the user into a user namespace");
  if (!write_proc ("/proc/sys/user/max_inotify_watches", limit))
    skip_child (f, "Cannot lower the inotify watch limit of a user namespace");
}

/* Takes every watch but WATCHES_LEFT, on folders of @scratch */
static int
take_watches (const char *scratch)
{
  int fd = inotify_init1 (IN_CLOEXEC);
  g_autoptr(GArray) wds = g_array_new (FALSE, FALSE, sizeof (int));

  g_assert_cmpint (fd, >=, 0);
  for (guint i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i);
      g_autofree char *path = g_build_filename (scratch, name, NULL);
      int wd;

      g_assert_cmpuint (i, <=, NS_WATCH_LIMIT);
      g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
      if ((wd = inotify_add_watch (fd, path, IN_CREATE)) < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
      g_array_append_val (wds, wd);
    }

  g_assert_cmpuint (wds->len, >, WATCHES_LEFT);
  for (guint i = 0; i < WATCHES_LEFT; i++)
    g_assert_cmpint (inotify_rm_watch (fd, g_array_index (wds, int, wds->len - 1 - i)), ==, 0);
  g_test_message ("%u watches taken, %u left", wds->len - WATCHES_LEFT, WATCHES_LEFT);
  return fd;
}

static void
watches_exhausted_child (Fixture *f)
{
  g_autofree char *scratch = g_build_filename (f->staging, "watches", NULL);
  int taken;

  enter_namespace (f);
  g_assert_cmpint (g_mkdir (scratch, 0755), ==, 0);
  taken = take_watches (scratch);

  write_at (f, "outputs/exp1/checkpoints/a.ckpt", T0 + 10);
  write_at (f, "outputs/exp2/checkpoints/b.ckpt", T0 + 20);
  create_model (f, NULL);
  start_and_load (f);
  assert_contents (f, "outputs/exp2/checkpoints/b.ckpt outputs/exp1/checkpoints/a.ckpt");

  /* The checkpoints folders got no watch: their changes still come */
  put (f, "outputs/exp1/checkpoints/c.ckpt", T0 + 30);
  put (f, "outputs/exp2/checkpoints/d.ckpt", T0 + 40);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 4);
  remove_file (f, "outputs/exp1/checkpoints/a.ckpt");
  WAIT_UNTIL (contents_are (f,
                            "outputs/exp2/checkpoints/d.ckpt "
                            "outputs/exp1/checkpoints/c.ckpt "
                            "outputs/exp2/checkpoints/b.ckpt"));

  /* Polled, and said so once */
  g_assert_true (cb_checkpoint_model_get_polling (f->model));
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, WATCHES_LEFT);
  g_assert_cmpuint (f->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->notices, 0), "checked every 2 seconds"));

  close (taken);
}

static void
test_watches_exhausted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *out = NULL;

  if (g_test_subprocess ())
    {
      watches_exhausted_child (f);
      return;
    }

  exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                            exe, "-p", g_test_get_path (), "--GTestSubprocess", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_exited (child) && g_subprocess_get_exit_status (child) == 77)
    {
      g_test_skip (out);
      return;
    }
  if (!g_subprocess_get_successful (child))
    g_test_message ("%s", out);
  g_assert_true (g_subprocess_get_successful (child));
}

/* File patterns that are `*` and a text, which the model tests without
 * the glob matcher: the same names as cb_glob_match() takes, hidden ones
 * and the whole of a name included
 */
static void
test_star_patterns (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const globs[] = { "runs/*.ckpt", "all/*", NULL };
  static const char * const names[] = {
    "a.ckpt", ".hidden.ckpt", ".ckpt", "ckpt", "b.ckpt.tmp", "c.CKPT", "x.ckpt.ckpt", "\xc3\xa9.ckpt", NULL
  };
  g_autoptr(GString) expected = g_string_new (NULL);
  guint n = g_strv_length ((char **)names);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *run = g_build_filename ("runs", names[i], NULL);
      g_autofree char *any = g_build_filename ("all", names[i], NULL);

      write_at (f, run, T0 + i);
      write_at (f, any, T0 + 100 + i);
    }

  /* Newest first: all/ then runs/, each from the last name */
  for (guint i = n; i > 0; i--)
    if (cb_glob_match ("*", names[i - 1]))
      g_string_append_printf (expected, "%sall/%s", expected->len ? " " : "", names[i - 1]);
  for (guint i = n; i > 0; i--)
    if (cb_glob_match ("*.ckpt", names[i - 1]))
      g_string_append_printf (expected, " runs/%s", names[i - 1]);

  create_model (f, globs);
  start_and_load (f);
  assert_contents (f, expected->str);
  g_assert_nonnull (strstr (expected->str, "runs/a.ckpt"));
  g_assert_null (strstr (expected->str, ".hidden"));
  g_assert_null (strstr (expected->str, "runs/ckpt"));
}

/* `**`: lightning-hydra-template's layout, runs and multiruns at any depth */

#define HYDRA_GLOB "logs/**/checkpoints/*.ckpt"
#define RUN        "logs/train/runs/2024-01-01_10-00-00"
#define MULTIRUN   "logs/train/multiruns/2024-01-02_09-00-00"

static void
make_hydra_tree (Fixture *f)
{
  write_at (f, RUN "/checkpoints/epoch_000.ckpt", T0 + 10);
  write_at (f, RUN "/checkpoints/last.ckpt", T0 + 11);
  write_at (f, RUN "/csv/version_0/metrics.csv", T0 + 12);
  write_at (f, RUN "/.hydra/config.yaml", T0 + 12);
  write_at (f, MULTIRUN "/0/checkpoints/epoch_001.ckpt", T0 + 20);
  write_at (f, MULTIRUN "/1/checkpoints/epoch_002.ckpt", T0 + 30);
  write_at (f, MULTIRUN "/1/.hydra/checkpoints/hidden.ckpt", T0 + 40);
  write_at (f, "logs/checkpoints/top.ckpt", T0 + 5);
}

#define HYDRA_TREE \
  MULTIRUN "/1/checkpoints/epoch_002.ckpt " \
  MULTIRUN "/0/checkpoints/epoch_001.ckpt " \
  RUN "/checkpoints/last.ckpt " \
  RUN "/checkpoints/epoch_000.ckpt " \
  "logs/checkpoints/top.ckpt"

static void
assert_experiment (Fixture    *f,
                   guint       position,
                   const char *experiment)
{
  g_autoptr(CbCheckpoint) item = g_list_model_get_item (G_LIST_MODEL (f->model), position);

  g_assert_cmpstr (cb_checkpoint_get_experiment (item), ==, experiment);
}

static void
test_globstar (Fixture       *f,
               gconstpointer  data)
{
  static const char * const globs[] = { HYDRA_GLOB, NULL };
  guint monitors;

  make_hydra_tree (f);
  create_model (f, globs);
  start_and_load (f);
  assert_contents (f, HYDRA_TREE);

  /* The experiment is what `**` matched: none for logs/checkpoints */
  assert_experiment (f, 0, "train/multiruns/2024-01-02_09-00-00/1");
  assert_experiment (f, 2, "train/runs/2024-01-01_10-00-00");
  assert_experiment (f, 4, NULL);

  /* The same through the synchronous scan */
  {
    g_autoptr(CbCheckpointModel) sync = cb_checkpoint_model_new (f->dir, globs);
    g_autofree char *contents = NULL;

    cb_checkpoint_model_scan_sync (sync);
    contents = model_contents (G_LIST_MODEL (sync));
    g_assert_cmpstr (contents, ==, HYDRA_TREE);
  }

  /* Every folder that is not hidden is watched: logs, train, runs, the
   * run, its checkpoints, csv and csv/version_0, multiruns, the multirun,
   * its two jobs and their checkpoints, logs/checkpoints, and the root
   */
  monitors = cb_checkpoint_model_get_n_monitors (f->model);
  g_assert_cmpuint (monitors, ==, 15);

  /* A new multirun, made level by level as Hydra does: its jobs'
   * checkpoints appear
   */
  make_dirs (f, "logs/train/multiruns/2024-01-03_08-00-00");
  make_dirs (f, "logs/train/multiruns/2024-01-03_08-00-00/0");
  make_dirs (f, "logs/train/multiruns/2024-01-03_08-00-00/0/checkpoints");
  put (f, "logs/train/multiruns/2024-01-03_08-00-00/0/checkpoints/epoch_000.ckpt", T0 + 50);
  WAIT_UNTIL (contents_are (f,
                            "logs/train/multiruns/2024-01-03_08-00-00/0/checkpoints/epoch_000.ckpt "
                            HYDRA_TREE));
  assert_experiment (f, 0, "train/multiruns/2024-01-03_08-00-00/0");

  /* A job folder made elsewhere, with its files, then moved in deep */
  {
    g_autofree char *a = g_build_filename (f->staging, "1/checkpoints/epoch_009.ckpt", NULL);
    g_autofree char *b = g_build_filename (f->staging, "1/deeper/still/checkpoints/x.ckpt", NULL);

    g_free (cb_test_write (f->staging, "1/checkpoints/epoch_009.ckpt", "x"));
    g_free (cb_test_write (f->staging, "1/deeper/still/checkpoints/x.ckpt", "x"));
    set_mtime (a, T0 + 60);
    set_mtime (b, T0 + 55);
  }
  move (f, ".staging/1", "logs/train/multiruns/2024-01-03_08-00-00/1");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 8);
  g_assert_cmpint (cb_checkpoint_model_find (f->model,
                                             "logs/train/multiruns/2024-01-03_08-00-00/1/checkpoints/epoch_009.ckpt"),
                   ==, 0);
  g_assert_cmpint (cb_checkpoint_model_find (f->model,
                                             "logs/train/multiruns/2024-01-03_08-00-00/1/deeper/still/checkpoints/x.ckpt"),
                   ==, 1);
  assert_experiment (f, 1, "train/multiruns/2024-01-03_08-00-00/1/deeper/still");

  /* Hidden folders are not followed, new or old */
  make_dirs (f, "logs/train/.cache/checkpoints");
  put (f, "logs/train/.cache/checkpoints/no.ckpt", T0 + 70);
  put (f, MULTIRUN "/1/.hydra/checkpoints/no.ckpt", T0 + 70);

  /* A whole multirun goes: its checkpoints and monitors go with it */
  cb_test_remove_tree (at (f, "logs/train/multiruns/2024-01-03_08-00-00"));
  WAIT_UNTIL (contents_are (f, HYDRA_TREE));
  settle (f, RUN "/checkpoints");
  assert_contents (f, HYDRA_TREE);
  g_assert_cmpuint (cb_checkpoint_model_get_n_monitors (f->model), ==, monitors);

  /* A checkpoint written in a run's existing folder */
  put (f, RUN "/checkpoints/epoch_001.ckpt", T0 + 80);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (f->model)) == 6);
  assert_contents (f, RUN "/checkpoints/epoch_001.ckpt " HYDRA_TREE);

  g_assert_cmpuint (cb_checkpoint_model_get_n_scans (f->model), ==, 1);
  g_assert_cmpuint (f->notices->len, ==, 0);
}

/* The headless --list-checkpoints */

typedef struct
{
  char *dir;
  char *home;
} CliFixture;

static void
cli_set_up (CliFixture    *f,
            gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  f->dir = cb_test_make_tempdir ();
  f->home = cb_test_make_tempdir ();
  g_free (cb_test_write (f->dir, "cmdbuilder.yaml",
                         "name: Test\n"
                         "sources: {checkpoints: {paths: \"outputs/*/checkpoints/*.ckpt\"}}\n"));
  g_free (cb_test_write (f->dir, "schemas/.keep", ""));
  a = cb_test_write (f->dir, "outputs/exp1/checkpoints/epoch=1.ckpt", "x");
  b = cb_test_write (f->dir, "outputs/exp2/checkpoints/epoch=2.ckpt", "x");
  set_mtime (a, T0 + 1);
  set_mtime (b, T0 + 2);
}

static void
cli_tear_down (CliFixture    *f,
               gconstpointer  data)
{
  cb_test_remove_tree (f->dir);
  cb_test_remove_tree (f->home);
  g_free (f->dir);
  g_free (f->home);
}

static GSubprocess *
spawn_cli (CliFixture         *f,
           GSubprocessFlags    flags,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data_home = g_build_filename (f->home, "data", NULL);
  g_autofree char *cache_home = g_build_filename (f->home, "cache", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *)g_getenv ("CB_TEST_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
test_cli_list (CliFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);

  process = spawn_cli (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       (const char *[]) { "--project", f->dir, "--list-checkpoints", NULL });
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpstr (out, ==,
                   "outputs/exp2/checkpoints/epoch=2.ckpt\n"
                   "outputs/exp1/checkpoints/epoch=1.ckpt\n");

  /* A bad project */
  g_clear_object (&process);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  process = spawn_cli (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       (const char *[]) { "--project", missing, "--list-checkpoints", NULL });
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");
}

typedef struct
{
  GDataInputStream *input;
  GPtrArray        *lines;
  gboolean          eof;
} LineReader;

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineReader *reader = user_data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish (reader->input, result, NULL, &error);

  g_assert_no_error (error);
  if (line == NULL)
    {
      reader->eof = TRUE;
      return;
    }
  g_ptr_array_add (reader->lines, line);
  g_data_input_stream_read_line_async (reader->input, G_PRIORITY_DEFAULT, NULL, on_line, reader);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
test_cli_follow (CliFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *staged = g_build_filename (f->dir, "new.tmp", NULL);
  g_autofree char *target = g_build_filename (f->dir, "outputs/exp1/checkpoints/epoch=3.ckpt", NULL);
  g_autoptr(GError) error = NULL;
  LineReader reader = { NULL, lines, FALSE };
  gboolean exited = FALSE;

  process = spawn_cli (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                       (const char *[]) { "--project", f->dir, "--list-checkpoints", "--follow", NULL });
  reader.input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (reader.input, G_PRIORITY_DEFAULT, NULL, on_line, &reader);

  WAIT_UNTIL (lines->len == 2 || reader.eof);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "outputs/exp2/checkpoints/epoch=2.ckpt");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "outputs/exp1/checkpoints/epoch=1.ckpt");

  /* A checkpoint appears */
  g_file_set_contents (staged, "x", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (staged, target), ==, 0);
  WAIT_UNTIL (lines->len == 3 || reader.eof);
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==, "+ outputs/exp1/checkpoints/epoch=3.ckpt");

  /* One goes, with its experiment */
  {
    g_autofree char *exp2 = g_build_filename (f->dir, "outputs/exp2", NULL);

    cb_test_remove_tree (exp2);
  }
  WAIT_UNTIL (lines->len == 4 || reader.eof);
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "- outputs/exp2/checkpoints/epoch=2.ckpt");

  /* Interrupted: a clean exit */
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  WAIT_UNTIL (exited && reader.eof);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpuint (lines->len, ==, 4);

  g_object_unref (reader.input);
}

/* --follow --null: NUL-terminated records, an empty one after the first
 * list, exact names even with a newline in them
 */

typedef struct
{
  GInputStream *input;
  GByteArray   *pending;
  GPtrArray    *records;
  gboolean      eof;
} RecordReader;

static void
on_record_bytes (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RecordReader *reader = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (reader->input, result, &error);
  const guint8 *end;

  g_assert_no_error (error);
  if (g_bytes_get_size (bytes) == 0)
    {
      reader->eof = TRUE;
      return;
    }
  g_byte_array_append (reader->pending, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  while ((end = memchr (reader->pending->data, '\0', reader->pending->len)) != NULL)
    {
      gsize len = end - reader->pending->data;

      g_ptr_array_add (reader->records, g_strndup ((const char *)reader->pending->data, len));
      g_byte_array_remove_range (reader->pending, 0, len + 1);
    }
  g_input_stream_read_bytes_async (reader->input, 4096, G_PRIORITY_DEFAULT, NULL, on_record_bytes, reader);
}

static void
test_cli_follow_null (CliFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  g_autofree char *staged = g_build_filename (f->dir, "new.tmp", NULL);
  g_autofree char *target = g_build_filename (f->dir, "outputs/exp1/checkpoints/new\nline.ckpt", NULL);
  g_autoptr(GError) error = NULL;
  RecordReader reader = { NULL, pending, records, FALSE };
  gboolean exited = FALSE;

  process = spawn_cli (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                       (const char *[]) { "--project", f->dir, "--list-checkpoints", "--follow", "-z", NULL });
  reader.input = g_subprocess_get_stdout_pipe (process);
  g_input_stream_read_bytes_async (reader.input, 4096, G_PRIORITY_DEFAULT, NULL, on_record_bytes, &reader);

  WAIT_UNTIL (records->len == 3 || reader.eof);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (records, 0), ==, "outputs/exp2/checkpoints/epoch=2.ckpt");
  g_assert_cmpstr (g_ptr_array_index (records, 1), ==, "outputs/exp1/checkpoints/epoch=1.ckpt");
  g_assert_cmpstr (g_ptr_array_index (records, 2), ==, "");

  /* A name with a newline is one record */
  g_file_set_contents (staged, "x", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (staged, target), ==, 0);
  WAIT_UNTIL (records->len == 4 || reader.eof);
  g_assert_cmpstr (g_ptr_array_index (records, 3), ==, "+ outputs/exp1/checkpoints/new\nline.ckpt");

  g_assert_cmpint (g_unlink (target), ==, 0);
  WAIT_UNTIL (records->len == 5 || reader.eof);
  g_assert_cmpstr (g_ptr_array_index (records, 4), ==, "- outputs/exp1/checkpoints/new\nline.ckpt");

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  WAIT_UNTIL (exited && reader.eof);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpuint (pending->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checkpoint/fields", test_fields);

#define ADD(path, func) \
  g_test_add ("/checkpoint-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("scan", test_scan);
  ADD ("files", test_files);
  ADD ("rewrite", test_rewrite);
  ADD ("folders", test_folders);
  ADD ("burst", test_burst);
  ADD ("fallback", test_fallback);
  ADD ("non-utf8", test_non_utf8);
  ADD ("symlink-loop", test_symlink_loop);
  ADD ("unreadable", test_unreadable);
  ADD ("sync-then-start", test_sync_then_start);
  ADD ("many-folders", test_many_folders);
  ADD ("globs", test_globs);
  ADD ("star-patterns", test_star_patterns);
  ADD ("globstar", test_globstar);
  ADD ("watches-exhausted", test_watches_exhausted);

#undef ADD

  g_test_add ("/checkpoint-model/cli/list", CliFixture, NULL, cli_set_up, test_cli_list, cli_tear_down);
  g_test_add ("/checkpoint-model/cli/follow", CliFixture, NULL, cli_set_up, test_cli_follow, cli_tear_down);
  g_test_add ("/checkpoint-model/cli/follow-null", CliFixture, NULL, cli_set_up, test_cli_follow_null, cli_tear_down);

  return g_test_run ();
}
