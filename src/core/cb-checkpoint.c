/* cb-checkpoint.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-checkpoint.h"

/**
 * CbCheckpoint:
 *
 * A checkpoint file found by a `paths:` source: an option whose value is
 * the exact project-relative path (bytes as on disk, even when they are
 * not UTF-8) and whose label is its display form (valid UTF-8, with U+FFFD
 * for bytes that are not). It also knows its experiment folder, size and
 * modification time, and the `name=value` pairs of its file name.
 *
 * Items are immutable: a rewritten file becomes a new item. A project may
 * hold 100,000 of them, so a checkpoint model stores plain entries (see
 * #CbCheckpointEntry) and makes an item when it is first read; an item is
 * kept small too: the label is stored only when it differs from the path,
 * the experiment name is a shared interned string, and the name and
 * fields are derived on demand.
 */

struct _CbCheckpoint
{
  CbOption  parent_instance;

  char     *experiment; /* GRefString, interned; nullable */
  guint64   size;
  gint64    mtime;
};

G_DEFINE_FINAL_TYPE (CbCheckpoint, cb_checkpoint, CB_TYPE_OPTION)

static void
cb_checkpoint_finalize (GObject *object)
{
  CbCheckpoint *self = CB_CHECKPOINT (object);

  g_clear_pointer (&self->experiment, g_ref_string_release);

  G_OBJECT_CLASS (cb_checkpoint_parent_class)->finalize (object);
}

static void
cb_checkpoint_class_init (CbCheckpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_checkpoint_finalize;
}

static void
cb_checkpoint_init (CbCheckpoint *self)
{
}

/**
 * cb_checkpoint_new:
 * @path: (type filename): the project-relative path, exact bytes
 * @experiment: (nullable) (type filename): the experiment folder's name
 * @size: the size in bytes
 * @mtime: the modification time, in microseconds since the epoch
 *
 * May be called from any thread.
 *
 * Returns: (transfer full): a new checkpoint
 */
CbCheckpoint *
cb_checkpoint_new (const char *path,
                   const char *experiment,
                   guint64     size,
                   gint64      mtime)
{
  g_autofree char *label = NULL;
  CbCheckpoint *self;

  g_return_val_if_fail (path != NULL, NULL);

  /* A valid path is its own label: no second copy */
  if (!g_utf8_validate (path, -1, NULL))
    label = g_utf8_make_valid (path, -1);

  self = g_object_new (CB_TYPE_CHECKPOINT, "value", path, "label", label, NULL);
  self->size = size;
  self->mtime = mtime;

  if (experiment != NULL)
    {
      if (g_utf8_validate (experiment, -1, NULL))
        self->experiment = g_ref_string_new_intern (experiment);
      else
        {
          g_autofree char *valid = g_utf8_make_valid (experiment, -1);

          self->experiment = g_ref_string_new_intern (valid);
        }
    }

  return self;
}

/**
 * cb_checkpoint_get_path:
 *
 * Returns: (type filename): the exact project-relative path; the option's
 *   value
 */
const char *
cb_checkpoint_get_path (CbCheckpoint *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT (self), NULL);

  return cb_option_get_value (CB_OPTION (self));
}

/**
 * cb_checkpoint_get_experiment:
 *
 * Returns: (nullable): the display name of the folder matched by the first
 *   wildcard component of the pattern (`exp1` for
 *   `outputs/exp1/checkpoints/last.ckpt` and `outputs/\*\/checkpoints/\*.ckpt`),
 *   or of the folders it matched when it is `**` (`train/runs/t1` for
 *   `logs/train/runs/t1/checkpoints/last.ckpt` and
 *   `logs/\*\*\/checkpoints/\*.ckpt`); %NULL when the only wildcard is
 *   the file name, or `**` matched no folder
 */
const char *
cb_checkpoint_get_experiment (CbCheckpoint *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT (self), NULL);

  return self->experiment;
}

/**
 * cb_checkpoint_get_name:
 *
 * Returns: the display form of the file name (valid UTF-8)
 */
const char *
cb_checkpoint_get_name (CbCheckpoint *self)
{
  const char *label;
  const char *slash;

  g_return_val_if_fail (CB_IS_CHECKPOINT (self), NULL);

  label = cb_option_get_label (CB_OPTION (self));
  slash = strrchr (label, '/');
  return slash ? slash + 1 : label;
}

guint64
cb_checkpoint_get_size (CbCheckpoint *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT (self), 0);

  return self->size;
}

/**
 * cb_checkpoint_get_mtime:
 *
 * Returns: the modification time, in microseconds since the epoch
 */
gint64
cb_checkpoint_get_mtime (CbCheckpoint *self)
{
  g_return_val_if_fail (CB_IS_CHECKPOINT (self), 0);

  return self->mtime;
}

static gboolean
is_key_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The length of the key that starts at @s and ends with `=`, or 0 */
static gsize
key_length (const char *s)
{
  gsize n = 0;

  if (!is_key_start (s[0]))
    return 0;
  while (is_key_char (s[n]))
    n++;
  return s[n] == '=' ? n : 0;
}

/* Where a key may start: at the start, or after a separator */
static gboolean
is_separator (char c)
{
  return c == '-' || c == ' ' || c == ',';
}

/**
 * cb_checkpoint_get_field:
 * @name: a key such as `epoch`
 *
 * Reads the `name=value` pairs of the file name without its extension,
 * as PyTorch Lightning writes them: `epoch=28-step=4200`, `val_loss=0.12`,
 * `epoch=28-val_loss=0.12`. A pair starts at the beginning of the name or
 * after a `-`, so values may hold `-` (`lr=1e-4`, `loss=-0.5`) and keys
 * may hold `_`.
 *
 * Returns: (transfer full) (nullable): the value of @name, or %NULL
 */
char *
cb_checkpoint_get_field (CbCheckpoint *self,
                         const char   *name)
{
  g_autofree char *stem = NULL;
  const char *dot;
  gsize name_len;
  const char *s;

  g_return_val_if_fail (CB_IS_CHECKPOINT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stem = g_strdup (cb_checkpoint_get_name (self));

  /* `.ckpt` is an extension, `.12` in `val_loss=0.12` is not */
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem && dot[1] != '\0' &&
      strspn (dot + 1, "0123456789") != strlen (dot + 1) && strchr (dot, '=') == NULL)
    stem[dot - stem] = '\0';

  name_len = strlen (name);
  for (s = stem; *s != '\0'; s++)
    {
      gsize len;
      const char *value;
      const char *end;

      if (s != stem && !is_separator (s[-1]))
        continue;
      if ((len = key_length (s)) == 0)
        continue;

      value = s + len + 1;

      /* The value runs up to the separator of the next pair */
      for (end = value; *end != '\0'; end++)
        if (is_separator (*end) && key_length (end + 1) > 0)
          break;

      if (len == name_len && strncmp (s, name, len) == 0)
        return g_strndup (value, end - value);

      s = end - 1;
    }

  return NULL;
}

/**
 * cb_checkpoint_compare:
 *
 * The order of checkpoint lists: newest first, then by path.
 *
 * Returns: a negative number when @a comes first
 */
int
cb_checkpoint_compare (CbCheckpoint *a,
                       CbCheckpoint *b)
{
  if (a->mtime != b->mtime)
    return a->mtime > b->mtime ? -1 : 1;
  return strcmp (cb_option_get_value (CB_OPTION (a)), cb_option_get_value (CB_OPTION (b)));
}
