/* cb-wrap.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-wrap.h"

/* Text in labels that wrap. Pango inserts a hyphen where it breaks a word
 * that has none ("FPN lite-"), which reads as part of the text: never.
 * And it may break Korean between any two syllables, as Unicode allows:
 * a Korean word stays whole, and lines break between words, as Korean is
 * written. A word too long for a line (a path, say) may still break, or
 * it would not show.
 */

/* Longer words than this may break: they may not fit a line */
#define MAX_WHOLE_WORD 16

static gboolean
is_hangul (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HANGUL;
}

/* Keeps each Korean word of @text in one piece */
static void
keep_korean_words (PangoAttrList *attrs,
                   const char    *text)
{
  const char *word = NULL;
  gboolean korean = FALSE;
  guint length = 0;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && !g_unichar_isspace (c))
        {
          if (word == NULL)
            word = p, korean = FALSE, length = 0;
          korean |= is_hangul (c);
          length++;
          continue;
        }

      if (word != NULL && korean && length <= MAX_WHOLE_WORD)
        {
          PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

          keep->start_index = word - text;
          keep->end_index = p - text;
          pango_attr_list_insert (attrs, keep);
        }
      word = NULL;
      if (c == 0)
        break;
    }
}

/**
 * cb_wrap_set_text:
 * @label: a #GtkLabel that wraps
 * @text: (nullable): its text
 *
 * Sets the text of @label, to be wrapped at the breaks it has: no hyphen
 * that is not in the text, and Korean broken between words.
 */
void
cb_wrap_set_text (GtkWidget  *label,
                  const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  g_return_if_fail (GTK_IS_LABEL (label));

  if (text == NULL)
    text = "";
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  keep_korean_words (attrs, text);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
}

/**
 * cb_wrap_label_new:
 * @css_class: (nullable): a style class for the label
 *
 * Returns: (transfer floating): an empty label, aligned at its start,
 *   that wraps between words, and inside a word only when it is longer
 *   than a line; its text is set with cb_wrap_set_text()
 */
GtkWidget *
cb_wrap_label_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}
