/* test-glob.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-checkpoint-model.h"
#include "cb-error.h"
#include "cb-glob.h"
#include "cb-test-util.h"

/* The one glob language of the project file: the component matcher,
 * splitting and validation, and the walk of `stems:` and metadata globs
 * over real files, which must agree with the checkpoint model's.
 */

typedef struct
{
  const char *pattern;
  const char *name;
  gboolean    matches;
} Case;

static void
check_cases (const Case *cases,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      gboolean matches = cb_glob_match (cases[i].pattern, cases[i].name);

      if (matches != cases[i].matches)
        g_error ("“%s” against “%s”: expected %s", cases[i].pattern, cases[i].name,
                 cases[i].matches ? "a match" : "no match");
    }
  g_test_message ("%" G_GSIZE_FORMAT " cases", n);
}

static void
test_wildcards (void)
{
  static const Case cases[] = {
    { "epoch=1.ckpt", "epoch=1.ckpt", TRUE },
    { "epoch=1.ckpt", "epoch=1.ckp", FALSE },
    { "*", "anything", TRUE },
    { "*.ckpt", "last.ckpt", TRUE },
    { "*.ckpt", ".ckpt", FALSE },        /* hidden */
    { "*.ckpt", "last.ckpt.tmp", FALSE },
    { "*.ckpt", "ckpt", FALSE },
    { "a*b*c", "abc", TRUE },
    { "a*b*c", "aXXbYYc", TRUE },
    { "a*b*c", "aXXbYY", FALSE },
    { "*ab", "aab", TRUE },              /* the star takes one more, and again */
    { "*ab*", "xaxab", TRUE },
    { "**", "x", TRUE },                 /* in a component, two stars are one */
    { "?", "a", TRUE },
    { "?", "ab", FALSE },
    { "?", "", FALSE },
    { "e?", "e1", TRUE },
    { "e??", "e1", FALSE },
    { "?.yaml", "é.yaml", TRUE },        /* one character, two bytes */
    { "??.yaml", "é.yaml", FALSE },
    { "?", "한", TRUE },
    { "?", "\xff", TRUE },               /* a byte that is not UTF-8 */
    { "a?c", "a\xff" "c", TRUE },
    { "*c", "\xfe\xff" "c", TRUE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_brackets (void)
{
  static const Case cases[] = {
    { "[ab]", "a", TRUE },
    { "[ab]", "b", TRUE },
    { "[ab]", "c", FALSE },
    { "[ab]", "ab", FALSE },
    { "e[0-9]", "e7", TRUE },
    { "e[0-9]", "ex", FALSE },
    { "[a-cx-z]", "y", TRUE },
    { "[a-cx-z]", "d", FALSE },
    { "[!a]", "b", TRUE },
    { "[!a]", "a", FALSE },
    { "[^a]", "b", TRUE },
    { "[^a]", "a", FALSE },
    { "[!0-9]*", "x1", TRUE },
    { "[!0-9]*", "1x", FALSE },
    { "[]]", "]", TRUE },                /* `]` first is itself */
    { "[]a]", "a", TRUE },
    { "[!]]", "]", FALSE },
    { "[!]]", "x", TRUE },
    { "[-a]", "-", TRUE },               /* `-` first or last is itself */
    { "[a-]", "-", TRUE },
    { "[a-]", "b", FALSE },
    { "[z-a]", "m", FALSE },             /* a range backwards holds nothing */
    { "[é]", "é", TRUE },
    { "[가-힣]", "한", TRUE },
    { "[가-힣]", "a", FALSE },
    { "[\xfe-\xff]", "\xff", TRUE },
    { "run[1-3]/x", "run2/x", TRUE },    /* components never hold a `/`: plain bytes here */
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_escapes (void)
{
  static const Case cases[] = {
    /* A set of one is the way to match a wildcard itself */
    { "[*]", "*", TRUE },
    { "[*]", "a", FALSE },
    { "[?]", "?", TRUE },
    { "[?]", "a", FALSE },
    { "[[]", "[", TRUE },
    { "a[[]b]", "a[b]", TRUE },
    /* A `[` without its `]` is an ordinary character */
    { "a[b", "a[b", TRUE },
    { "a[b", "ab", FALSE },
    { "[", "[", TRUE },
    { "*[", "x[", TRUE },
    { "[!", "[!", TRUE },
    /* A backslash is an ordinary character, not an escape */
    { "a\\*", "a\\b", TRUE },
    { "a\\*", "a*", FALSE },
    { "a\\b", "a\\b", TRUE },
    /* Hidden entries need a pattern that starts with a dot */
    { "*", ".hidden", FALSE },
    { "?hidden", ".hidden", FALSE },
    { "[.]hidden", ".hidden", FALSE },
    { ".*", ".hidden", TRUE },
    { ".hydra", ".hydra", TRUE },
    { "*", ".", FALSE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));

  g_assert_true (cb_glob_is_pattern ("*.ckpt"));
  g_assert_true (cb_glob_is_pattern ("e?"));
  g_assert_true (cb_glob_is_pattern ("[ab]"));
  g_assert_false (cb_glob_is_pattern ("checkpoints"));
  g_assert_false (cb_glob_is_pattern ("epoch=1-step=2.ckpt"));
}

static void
test_split (void)
{
  static const struct {
    const char *pattern;
    const char *joined;
  } cases[] = {
    { "outputs/*/checkpoints/*.ckpt", "outputs|*|checkpoints|*.ckpt" },
    { "./outputs//x/", "outputs|x" },
    { "a/./b", "a|b" },
    { ".hydra/x", ".hydra|x" },
    { "./", "" },
    { ".", "" },
    { "logs/**/checkpoints/*.ckpt", "logs|**|checkpoints|*.ckpt" },
    { "logs/**", "logs|**|*" },              /* all the files below */
    { "**", "**|*" },
    { "a/**/**/b", "a|**|b" },
    { "a/**/./**/b", "a|**|b" },
    { "a**/b", "a**|b" },                    /* not alone: a `*` */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = cb_glob_split (cases[i].pattern);
      g_autofree char *joined = g_strjoinv ("|", parts);

      g_assert_cmpstr (joined, ==, cases[i].joined);
    }
}

static void
test_validate (void)
{
  static const char * const valid[] = {
    "configs/*.yaml", "./configs/[ab]*.yaml", "a..b/c", "x/...", "a[/b", NULL,
  };
  static const struct {
    const char *pattern;
    const char *message;
  } invalid[] = {
    { "", "the pattern is empty" },
    { "/etc/*.yaml", "the pattern “/etc/*.yaml” must be relative to the project folder" },
    { "../elsewhere/*.yaml", "the pattern “../elsewhere/*.yaml” must stay inside the project folder" },
    { "configs/../../x", "the pattern “configs/../../x” must stay inside the project folder" },
    { "configs/..", "the pattern “configs/..” must stay inside the project folder" },
    { "./", "the pattern “./” names the project folder itself, not files in it" },
  };

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (cb_glob_validate (valid[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cb_glob_validate (invalid[i].pattern, &error));
      g_assert_error (error, CB_ERROR, CB_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, invalid[i].message);
      g_assert_false (cb_glob_validate (invalid[i].pattern, NULL));
    }
}

/* Real files: the walk of `stems:` and the checkpoint model agree */

static char *
join_list (char **paths)
{
  return g_strjoinv (" ", paths);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static char *
model_paths (const char *dir,
             const char *glob)
{
  const char * const globs[] = { glob, NULL };
  g_autoptr(CbCheckpointModel) model = cb_checkpoint_model_new (dir, globs);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n;

  cb_checkpoint_model_scan_sync (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbCheckpoint) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_ptr_array_add (paths, g_strdup (cb_checkpoint_get_path (item)));
    }
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, NULL);
  return g_strjoinv (" ", (char **)paths->pdata);
}

static void
test_walk (void)
{
  static const struct {
    const char *glob;
    const char *expected;
  } cases[] = {
    { "configs/*.yaml", "configs/[ab].yaml configs/a.yaml configs/b.yaml configs/c.yaml configs/é.yaml" },
    /* Brackets are sets, as in the checkpoint model: not the file named `[ab].yaml` */
    { "configs/[ab].yaml", "configs/a.yaml configs/b.yaml" },
    { "configs/[!ab].yaml", "configs/c.yaml configs/é.yaml" },
    { "configs/[[]ab].yaml", "configs/[ab].yaml" },
    { "configs/?.yaml", "configs/a.yaml configs/b.yaml configs/c.yaml configs/é.yaml" },
    { "./configs//.*.yaml", "configs/.hidden.yaml" },
    { "runs/e[0-9]/*.ckpt", "runs/e1/x.ckpt runs/e2/y.ckpt" },
    { "runs/*/*.ckpt", "runs/e1/x.ckpt runs/e2/y.ckpt runs/ex/z.ckpt" },
    { "runs/e1/x.ckpt", "runs/e1/x.ckpt" },
    { "missing/*.yaml", "" },
  };
  g_autofree char *dir = cb_test_make_tempdir ();
  const char *files[] = {
    "configs/a.yaml", "configs/b.yaml", "configs/c.yaml", "configs/[ab].yaml",
    "configs/é.yaml", "configs/.hidden.yaml", "configs/a.yml",
    "runs/e1/x.ckpt", "runs/e2/y.ckpt", "runs/ex/z.ckpt", "runs/.e3/w.ckpt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (cb_test_write (dir, files[i], "x"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) listed = cb_glob_list (dir, cases[i].glob, problems);
      g_autofree char *walked = join_list (listed);
      g_autofree char *modelled = model_paths (dir, cases[i].glob);

      g_assert_cmpstr (walked, ==, cases[i].expected);
      g_assert_cmpstr (modelled, ==, cases[i].expected);
      g_assert_cmpuint (problems->len, ==, 0);
    }

  cb_test_remove_tree (dir);
}

/* `**`: any number of folder levels, the same for the walk and the model */
static void
test_walk_globstar (void)
{
  static const struct {
    const char *glob;
    const char *expected;
  } cases[] = {
    { "logs/**/checkpoints/*.ckpt",
      "logs/checkpoints/top.ckpt "
      "logs/train/multiruns/2024-01-02_09-00-00/0/checkpoints/last.ckpt "
      "logs/train/multiruns/2024-01-02_09-00-00/1/checkpoints/epoch_001.ckpt "
      "logs/train/runs/2024-01-01_10-00-00/checkpoints/epoch_000.ckpt" },
    { "logs/train/**/[0-9]/checkpoints/*.ckpt",
      "logs/train/multiruns/2024-01-02_09-00-00/0/checkpoints/last.ckpt "
      "logs/train/multiruns/2024-01-02_09-00-00/1/checkpoints/epoch_001.ckpt" },
    { "logs/**/epoch_*.ckpt",
      "logs/train/multiruns/2024-01-02_09-00-00/1/checkpoints/epoch_001.ckpt "
      "logs/train/runs/2024-01-01_10-00-00/checkpoints/epoch_000.ckpt" },
    { "logs/**",
      "logs/checkpoints/top.ckpt "
      "logs/train/multiruns/2024-01-02_09-00-00/0/checkpoints/last.ckpt "
      "logs/train/multiruns/2024-01-02_09-00-00/1/checkpoints/epoch_001.ckpt "
      "logs/train/runs/2024-01-01_10-00-00/checkpoints/epoch_000.ckpt "
      "logs/train/runs/2024-01-01_10-00-00/csv/metrics.csv "
      "logs/train/train.log" },
    { "**/top.ckpt", "logs/checkpoints/top.ckpt" },
    { "logs/**/.hydra/*.yaml", "logs/train/multiruns/2024-01-02_09-00-00/0/.hydra/config.yaml" },
    { "nothing/**/*.ckpt", "" },
  };
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autofree char *loop = g_build_filename (dir, "logs/train/loop", NULL);
  const char *files[] = {
    "logs/checkpoints/top.ckpt",
    "logs/train/train.log",
    "logs/train/runs/2024-01-01_10-00-00/checkpoints/epoch_000.ckpt",
    "logs/train/runs/2024-01-01_10-00-00/csv/metrics.csv",
    "logs/train/multiruns/2024-01-02_09-00-00/0/checkpoints/last.ckpt",
    "logs/train/multiruns/2024-01-02_09-00-00/0/.hydra/config.yaml",
    "logs/train/multiruns/2024-01-02_09-00-00/0/.hydra/checkpoints/hidden.ckpt",
    "logs/train/multiruns/2024-01-02_09-00-00/1/checkpoints/epoch_001.ckpt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (cb_test_write (dir, files[i], "x"));
  /* `**` does not go round a loop */
  g_assert_cmpint (symlink ("..", loop), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) listed = cb_glob_list (dir, cases[i].glob, problems);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autofree char *walked = NULL;
      g_autofree char *modelled = model_paths (dir, cases[i].glob);

      for (guint k = 0; listed[k] != NULL; k++)
        g_ptr_array_add (sorted, listed[k]);
      g_ptr_array_sort (sorted, compare_strings);
      g_ptr_array_add (sorted, NULL);
      walked = g_strjoinv (" ", (char **)sorted->pdata);

      g_assert_cmpstr (walked, ==, cases[i].expected);
      g_assert_cmpstr (modelled, ==, cases[i].expected);
      g_assert_cmpuint (problems->len, ==, 0);
    }

  cb_test_remove_tree (dir);
}

static void
collect (const char *relative,
         const char *absolute,
         gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (relative));
}

/* The folders a walk depends on, so that the project can watch them */
static void
test_walk_folders (void)
{
  g_autofree char *dir = cb_test_make_tempdir ();
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) relative = g_hash_table_new (g_str_hash, g_str_equal);

  g_free (cb_test_write (dir, "configs/data/a.yaml", "x"));
  g_free (cb_test_write (dir, "configs/model/b.yaml", "x"));
  g_free (cb_test_write (dir, "configs/model/c.yaml", "x"));

  cb_glob_full (dir, "configs/*/[ab].yaml", collect, found, NULL, folders);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "configs/data/a.yaml");
  g_assert_cmpstr (g_ptr_array_index (found, 1), ==, "configs/model/b.yaml");

  /* Every listed folder, and each folder named in full */
  for (guint i = 0; i < folders->len; i++)
    {
      const char *path = g_ptr_array_index (folders, i);

      g_assert_true (g_str_has_prefix (path, dir));
      g_hash_table_add (relative, (char *)path + strlen (dir));
    }
  g_assert_cmpuint (g_hash_table_size (relative), ==, 3);
  g_assert_true (g_hash_table_contains (relative, "/configs"));
  g_assert_true (g_hash_table_contains (relative, "/configs/data"));
  g_assert_true (g_hash_table_contains (relative, "/configs/model"));

  cb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/glob/wildcards", test_wildcards);
  g_test_add_func ("/glob/brackets", test_brackets);
  g_test_add_func ("/glob/escapes", test_escapes);
  g_test_add_func ("/glob/split", test_split);
  g_test_add_func ("/glob/validate", test_validate);
  g_test_add_func ("/glob/walk", test_walk);
  g_test_add_func ("/glob/walk-folders", test_walk_folders);
  g_test_add_func ("/glob/walk-globstar", test_walk_globstar);

  return g_test_run ();
}
