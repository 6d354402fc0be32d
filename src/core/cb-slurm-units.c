/* cb-slurm-units.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-slurm-units.h"

/* Time limits and memory sizes as Slurm writes them. Both the user (in the
 * project file and the form) and the cluster (in sinfo and scontrol output)
 * speak this language, so one parser serves both.
 */

static gboolean
parse_number (const char  *text,
              const char **end,
              guint64     *value)
{
  char *stop = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;

  errno = 0;
  *value = g_ascii_strtoull (text, &stop, 10);
  if (errno != 0 || *value > G_MAXUINT32)
    return FALSE;

  *end = stop;
  return TRUE;
}

/* Splits "a:b:c" into at most three numbers */
static int
parse_clock (const char *text,
             guint64     parts[3])
{
  const char *p = text;
  int n = 0;

  while (n < 3)
    {
      if (!parse_number (p, &p, &parts[n]))
        return -1;
      n++;
      if (*p == '\0')
        return n;
      if (*p != ':')
        return -1;
      p++;
    }

  return -1;
}

/**
 * cb_slurm_time_parse:
 * @text: a time limit as sbatch's `--time` takes it: `minutes`,
 *   `minutes:seconds`, `hours:minutes:seconds`, `days-hours`,
 *   `days-hours:minutes`, `days-hours:minutes:seconds`, or `UNLIMITED`
 *   (`INFINITE`)
 * @minutes: (out): the limit in minutes, seconds rounded up as Slurm does,
 *   or %CB_SLURM_TIME_UNLIMITED
 *
 * Returns: whether @text is a time limit
 */
gboolean
cb_slurm_time_parse (const char *text,
                     guint      *minutes)
{
  guint64 parts[3] = { 0 };
  guint64 days = 0;
  guint64 seconds;
  const char *dash;
  int n;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  if (g_ascii_strcasecmp (text, "UNLIMITED") == 0 || g_ascii_strcasecmp (text, "INFINITE") == 0)
    {
      *minutes = CB_SLURM_TIME_UNLIMITED;
      return TRUE;
    }

  dash = strchr (text, '-');
  if (dash != NULL)
    {
      const char *end;

      if (!parse_number (text, &end, &days) || end != dash)
        return FALSE;
      n = parse_clock (dash + 1, parts);
      if (n < 1)
        return FALSE;
      /* days-hours[:minutes[:seconds]] */
      seconds = days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2];
    }
  else
    {
      n = parse_clock (text, parts);
      if (n == 1)
        seconds = parts[0] * 60;
      else if (n == 2)
        seconds = parts[0] * 60 + parts[1];
      else if (n == 3)
        seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
      else
        return FALSE;
    }

  if ((seconds + 59) / 60 >= CB_SLURM_TIME_UNLIMITED)
    return FALSE;

  *minutes = (guint)((seconds + 59) / 60);
  return TRUE;
}

/**
 * cb_slurm_time_format:
 *
 * Returns: (transfer full): @minutes as sbatch's `--time` takes it:
 *   `hours:minutes:seconds`, with `days-` in front from a day on
 */
char *
cb_slurm_time_format (guint minutes)
{
  if (minutes == CB_SLURM_TIME_UNLIMITED)
    return g_strdup ("UNLIMITED");
  if (minutes >= 24 * 60)
    return g_strdup_printf ("%u-%02u:%02u:00", minutes / (24 * 60), minutes / 60 % 24,
                            minutes % 60);
  return g_strdup_printf ("%02u:%02u:00", minutes / 60, minutes % 60);
}

/**
 * cb_slurm_time_describe:
 *
 * Returns: (transfer full): @minutes in words, for messages: `1 minute`,
 *   `2 hours 30 minutes`, `3 days`
 */
char *
cb_slurm_time_describe (guint minutes)
{
  guint days = minutes / (24 * 60);
  guint hours = minutes / 60 % 24;
  guint mins = minutes % 60;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (minutes == CB_SLURM_TIME_UNLIMITED)
    return g_strdup (_("no limit"));
  if (minutes == 0)
    return g_strdup (_("0 minutes"));

  if (days > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u day", "%u days", days), days));
  if (hours > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u hour", "%u hours", hours), hours));
  if (mins > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u minute", "%u minutes", mins), mins));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" ", (char **)parts->pdata);
}

/**
 * cb_slurm_memory_parse:
 * @text: a size as sbatch's `--mem` takes it: a number with an optional
 *   unit `K`, `M`, `G` or `T` (megabytes without one), or `UNLIMITED`
 * @megabytes: (out): the size in megabytes (kilobytes rounded up), or
 *   %CB_SLURM_MEMORY_UNLIMITED
 *
 * Returns: whether @text is a memory size
 */
gboolean
cb_slurm_memory_parse (const char *text,
                       guint64    *megabytes)
{
  const char *end;
  guint64 value;
  guint64 scale;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (megabytes != NULL, FALSE);

  if (g_ascii_strcasecmp (text, "UNLIMITED") == 0)
    {
      *megabytes = CB_SLURM_MEMORY_UNLIMITED;
      return TRUE;
    }

  if (!parse_number (text, &end, &value))
    return FALSE;

  switch (g_ascii_toupper (*end))
    {
    case '\0':
    case 'M':
      scale = 1;
      break;
    case 'K':
      *megabytes = (value + 1023) / 1024;
      return end[1] == '\0' || (g_ascii_toupper (end[1]) == 'B' && end[2] == '\0');
    case 'G':
      scale = 1024;
      break;
    case 'T':
      scale = 1024 * 1024;
      break;
    default:
      return FALSE;
    }

  if (*end != '\0' && end[1] != '\0' && !(g_ascii_toupper (end[1]) == 'B' && end[2] == '\0'))
    return FALSE;

  *megabytes = value * scale;
  return TRUE;
}

/**
 * cb_slurm_memory_format:
 *
 * Returns: (transfer full): @megabytes as sbatch's `--mem` takes it, in
 *   the largest unit that keeps it whole: `500M`, `32G`, `2T`
 */
char *
cb_slurm_memory_format (guint64 megabytes)
{
  if (megabytes == CB_SLURM_MEMORY_UNLIMITED)
    return g_strdup ("UNLIMITED");
  if (megabytes > 0 && megabytes % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "T", megabytes / (1024 * 1024));
  if (megabytes > 0 && megabytes % 1024 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "G", megabytes / 1024);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "M", megabytes);
}

/**
 * cb_slurm_memory_describe:
 *
 * Returns: (transfer full): @megabytes for messages: `512 MB`, `31.8 GB`
 */
char *
cb_slurm_memory_describe (guint64 megabytes)
{
  if (megabytes == CB_SLURM_MEMORY_UNLIMITED)
    return g_strdup (_("no limit"));
  if (megabytes < 1024)
    return g_strdup_printf (_("%llu MB"), (unsigned long long)megabytes);
  if (megabytes % 1024 == 0)
    return g_strdup_printf (_("%llu GB"), (unsigned long long)megabytes / 1024);
  return g_strdup_printf (_("%.1f GB"), megabytes / 1024.0);
}
