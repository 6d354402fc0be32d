/* cb-page.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-command-panel.h"
#include "cb-field-row.h"
#include "cb-page.h"
#include "cb-run-view.h"
#include "cb-window.h"

/**
 * CbPage:
 *
 * One page of the window: the form of one schema on the left, scrollable,
 * and its command panel on the right, or below it when the page is narrow.
 *
 * Nothing is built until the page is first shown; then only the rows of
 * visible fields are. A field that shows later gets its row then.
 */
struct _CbPage
{
  GtkWidget     parent_instance;

  CbProject    *project;
  CbSchema     *schema;
  GSettings    *settings;
  CbHistory    *history;
  CbForm       *form;
  CbFormStore  *store;

  GtkWidget    *scroller;
  GtkWidget    *content;
  GtkWidget    *header;
  GtkWidget    *problems;
  GtkWidget    *panel;
  GtkWidget    *run_view;
  GtkWidget    *suggestion;
  GHashTable   *offered;      /* field key → the checkpoint an offer put there */
  GtkWidget    *list;
  GtkWidget    *use_cases;
  GtkWidget    *use_case_box;
  GVariant     *shown_use_cases;
  GPtrArray    *rows;       /* CbFieldRow or NULL, by field index */
  guint         pending_from;
  guint         pending_id;
  gboolean      below;
};

G_DEFINE_FINAL_TYPE (CbPage, cb_page, GTK_TYPE_WIDGET)

enum {
  RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
insert_row (CbPage *self,
            guint   index)
{
  GtkWidget *row = cb_field_row_new (self->form, index);
  int position = 0;

  /* Rows stay in schema order, whatever order they are built in */
  for (guint i = 0; i < index; i++)
    if (g_ptr_array_index (self->rows, i) != NULL)
      position++;

  self->rows->pdata[index] = row;
  gtk_list_box_insert (GTK_LIST_BOX (self->list), row, position);
}

static void update_use_cases (CbPage *self);

/* How many rows are built before the page's first frame */
#define FIRST_ROWS 4

static void
finish_pending_rows (CbPage *self)
{
  guint n = self->rows ? self->rows->len : 0;

  g_clear_handle_id (&self->pending_id, g_source_remove);
  for (guint i = self->pending_from; i < n; i++)
    if (g_ptr_array_index (self->rows, i) == NULL && cb_form_is_visible (self->form, i))
      insert_row (self, i);
  self->pending_from = n;
}

static gboolean
build_pending_rows (gpointer user_data)
{
  CbPage *self = user_data;

  self->pending_id = 0;
  finish_pending_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_field_changed (CbPage *self,
                  guint   index,
                  guint   changes)
{
  CbFieldRow *row = g_ptr_array_index (self->rows, index);

  /* Rows not built yet get the form's state when they are */
  if (row != NULL)
    cb_field_row_update (row, changes);
  else if ((changes & CB_FIELD_CHANGED_VISIBLE) && cb_form_is_visible (self->form, index) &&
           index < self->pending_from)
    insert_row (self, index);

  if (changes & CB_FIELD_CHANGED_VALUE)
    update_use_cases (self);
}

/* Suggested setups */

static void
on_apply_clicked (GtkButton *button,
                  CbPage    *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "use-case");
  g_auto(GStrv) skipped = cb_form_get_setup_skipped (self->form, id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  cb_form_apply_setup (self->form, id);

  /* What the setup sets that this page cannot take is said, not dropped */
  if (skipped != NULL && CB_IS_WINDOW (root))
    {
      g_autofree char *keys = g_strjoinv (", ", skipped);
      g_autofree char *text = g_strdup_printf (_("This setup also sets what this page has no field "
                                                 "for, or no such value for: %s."), keys);

      cb_window_show_notice (CB_WINDOW (root), text);
    }
}

static char *
lookup_string (GVariant   *dict,
               const char *key)
{
  g_autoptr(GVariant) v = cb_variant_lookup_text (dict, key);

  if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (v, NULL);
  return NULL;
}

static GtkWidget *
build_use_case_card (CbPage   *self,
                     GVariant *item)
{
  g_autofree char *id = lookup_string (item, "id");
  g_autofree char *title = lookup_string (item, "title");
  g_autofree char *description = lookup_string (item, "description");
  GtkWidget *card, *heading, *label, *button, *pill;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "cb-use-case");
  g_object_set_data_full (G_OBJECT (card), "use-case", g_strdup (id), g_free);

  heading = gtk_label_new (title ? title : id);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (card), heading);

  if (description != NULL)
    {
      label = gtk_label_new (description);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_widget_set_vexpand (label, TRUE);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (card), label);
    }

  /* Apply, or the "Active" mark when the form matches the setup */
  button = gtk_button_new_with_mnemonic (_("_Apply"));
  g_object_set_data_full (G_OBJECT (button), "use-case", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_apply_clicked), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : id, -1);
  gtk_widget_set_tooltip_text (button, _("Set every field this setup lists"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (card), button);

  pill = gtk_label_new (_("Active"));
  gtk_widget_add_css_class (pill, "cb-pill");
  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  gtk_widget_set_visible (pill, FALSE);
  gtk_box_append (GTK_BOX (card), pill);

  return card;
}

static void
update_use_cases (CbPage *self)
{
  g_autoptr(GVariant) use_cases = cb_form_get_setups (self->form);
  g_autofree char *active = NULL;
  gsize n = use_cases && g_variant_is_of_type (use_cases, G_VARIANT_TYPE_ARRAY)
              ? g_variant_n_children (use_cases) : 0;

  /* The cards are built again only when the architecture's list changes */
  if (self->shown_use_cases == NULL || use_cases == NULL ||
      !g_variant_equal (self->shown_use_cases, use_cases))
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->use_case_box)) != NULL)
        gtk_flow_box_remove (GTK_FLOW_BOX (self->use_case_box), child);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (use_cases, i);
          g_autoptr(GVariant) item = g_variant_is_of_type (boxed, G_VARIANT_TYPE_VARIANT)
                                       ? g_variant_get_variant (boxed) : g_variant_ref (boxed);
          g_autofree char *id = lookup_string (item, "id");

          if (id != NULL)
            gtk_flow_box_append (GTK_FLOW_BOX (self->use_case_box), build_use_case_card (self, item));
        }

      g_clear_pointer (&self->shown_use_cases, g_variant_unref);
      self->shown_use_cases = use_cases ? g_variant_ref (use_cases) : NULL;
      gtk_widget_set_visible (self->use_cases, n > 0);
    }

  if (n == 0)
    return;

  active = cb_form_get_active_setup (self->form);
  for (GtkWidget *child = gtk_widget_get_first_child (self->use_case_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      gboolean is_active = g_strcmp0 (g_object_get_data (G_OBJECT (card), "use-case"), active) == 0;

      if (is_active)
        gtk_widget_add_css_class (card, "active");
      else
        gtk_widget_remove_css_class (card, "active");
      gtk_widget_set_visible (gtk_widget_get_last_child (card), is_active);
      gtk_widget_set_visible (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (card)), !is_active);
    }
}

static GtkWidget *
build_header (CbPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (cb_schema_get_title (self->schema));
  const char *description = cb_schema_get_description (self->schema);
  GPtrArray *diagnostics = cb_schema_get_diagnostics (self->schema);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "cb-page-title");
  gtk_box_append (GTK_BOX (box), title);

  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Warnings of the schema: it is usable, but its author should know */
  if (diagnostics->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u warning in this schema",
                                                               "%u warnings in this schema",
                                                               diagnostics->len),
                                                  diagnostics->len);
      GtkWidget *expander = gtk_expander_new (heading);
      GtkWidget *label;

      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = cb_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

          g_string_append_printf (text, "%s%s", i ? "\n" : "", line);
        }
      label = gtk_label_new (text->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "cb-problems");
      gtk_expander_set_child (GTK_EXPANDER (expander), label);
      gtk_box_append (GTK_BOX (box), expander);
    }

  return box;
}

static GtkWidget *
build_dropped_notice (CbPage *self)
{
  const char * const *dropped = cb_form_store_get_dropped (self->store);
  g_autofree char *keys = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (dropped == NULL)
    return NULL;

  keys = g_strjoinv (", ", (char **)dropped);
  text = g_strdup_printf (_("Saved values that no longer fit this form were dropped: %s."), keys);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "cb-message");
  gtk_widget_add_css_class (label, "warning");
  return label;
}

/* The command the user edited, or NULL for the form's */
static char *
edited_command (gpointer user_data)
{
  CbPage *self = user_data;
  CbCommandPanel *panel = CB_COMMAND_PANEL (self->panel);

  return cb_command_panel_get_edited (panel) ? cb_command_panel_get_text (panel) : NULL;
}

static void
on_run_finished (CbPage *self,
                 CbRun  *run)
{
  g_signal_emit (self, signals[RUN_FINISHED], 0, run);
}

/**
 * cb_page_build:
 *
 * Builds the page's form, rows of visible fields and command panel, once.
 */
void
cb_page_build (CbPage *self)
{
  GtkWidget *content;
  GtkWidget *notice;
  GtkWidget *heading;
  guint n;

  g_return_if_fail (CB_IS_PAGE (self));

  if (self->form != NULL)
    return;

  self->form = cb_form_new (self->project, self->schema);
  self->store = cb_form_store_new (self->form, self->settings);
  n = cb_schema_get_n_fields (self->schema);
  self->rows = g_ptr_array_new ();
  g_ptr_array_set_size (self->rows, n);

  self->content = content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);

  self->problems = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problems), 0);
  gtk_label_set_wrap (GTK_LABEL (self->problems), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->problems), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->problems), TRUE);
  gtk_widget_add_css_class (self->problems, "cb-message");
  gtk_widget_set_visible (self->problems, FALSE);
  gtk_box_append (GTK_BOX (content), self->problems);

  self->suggestion = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->suggestion, "cb-banner");
  gtk_widget_set_visible (self->suggestion, FALSE);
  gtk_box_append (GTK_BOX (content), self->suggestion);

  self->header = build_header (self);
  gtk_box_append (GTK_BOX (content), self->header);
  if ((notice = build_dropped_notice (self)) != NULL)
    gtk_box_append (GTK_BOX (content), notice);

  self->use_cases = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  heading = gtk_label_new (_("Suggested Setups"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  self->use_case_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->use_case_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->use_case_box), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->use_case_box), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->use_case_box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->use_case_box), 12);
  gtk_box_append (GTK_BOX (self->use_cases), heading);
  gtk_box_append (GTK_BOX (self->use_cases), self->use_case_box);
  gtk_box_append (GTK_BOX (content), self->use_cases);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "cb-fields");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cb_schema_get_title (self->schema), -1);
  gtk_box_append (GTK_BOX (content), self->list);

  /* The first rows fill the first frame; the rest follow right after it */
  self->pending_from = n;
  for (guint i = 0, built = 0; i < n; i++)
    {
      if (!cb_form_is_visible (self->form, i))
        continue;
      if (built++ == FIRST_ROWS)
        {
          self->pending_from = i;
          self->pending_id = g_idle_add_full (G_PRIORITY_LOW, build_pending_rows, self, NULL);
          break;
        }
      insert_row (self, i);
    }

  update_use_cases (self);
  g_signal_connect_object (self->form, "field-changed", G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), content);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->panel = cb_command_panel_new (self->form);
  gtk_widget_set_parent (self->panel, GTK_WIDGET (self));

  self->run_view = cb_run_view_new (self->form, self->history);
  cb_run_view_set_command_func (CB_RUN_VIEW (self->run_view), edited_command, self);
  gtk_box_append (GTK_BOX (cb_command_panel_get_run_box (CB_COMMAND_PANEL (self->panel))), self->run_view);
  g_signal_connect_object (self->run_view, "finished", G_CALLBACK (on_run_finished), self,
                           G_CONNECT_SWAPPED);
}

/* Layout: side by side when wide, the panel below the form when narrow */

static int
panel_width (int width)
{
  return CLAMP (width * 2 / 5, 360, 560);
}

static void
cb_page_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  CbPage *self = CB_PAGE (widget);
  int panel_min = 0;

  if (self->scroller == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* The form scrolls, so only the panel sets a minimum. Measuring the
   * form here would lay out all its text once more for nothing: its rows
   * are measured when it is allocated.
   */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->panel, orientation, -1, &panel_min, NULL, NULL, NULL);
      *minimum = MAX (panel_min, 360);
      *natural = MAX (*minimum, CB_PAGE_WIDE_WIDTH + 180);
    }
  else
    {
      int width = for_size < 0 ? -1 : for_size >= CB_PAGE_WIDE_WIDTH ? panel_width (for_size) : for_size;

      gtk_widget_measure (self->panel, orientation, width, &panel_min, NULL, NULL, NULL);
      *minimum = for_size >= 0 && for_size < CB_PAGE_WIDE_WIDTH ? panel_min + 160 : panel_min;
      *natural = MAX (*minimum, 480);
    }
}

static void
cb_page_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  CbPage *self = CB_PAGE (widget);
  gboolean below = width < CB_PAGE_WIDE_WIDTH;

  if (self->scroller == NULL)
    return;

  if (below != self->below)
    {
      self->below = below;
      cb_command_panel_set_below (CB_COMMAND_PANEL (self->panel), below);
    }

  if (!below)
    {
      int pw = panel_width (width);

      gtk_widget_allocate (self->scroller, width - pw, height, -1, NULL);
      gtk_widget_allocate (self->panel, pw, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - pw, 0)));
    }
  else
    {
      int panel_min;
      int ph;

      gtk_widget_measure (self->panel, GTK_ORIENTATION_VERTICAL, width, &panel_min, NULL, NULL, NULL);
      ph = CLAMP (height * 9 / 20, panel_min, MAX (panel_min, height - 160));
      gtk_widget_allocate (self->scroller, width, height - ph, -1, NULL);
      gtk_widget_allocate (self->panel, width, ph, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, height - ph)));
    }
}

static void
cb_page_map (GtkWidget *widget)
{
  /* Shown for the first time: build now */
  cb_page_build (CB_PAGE (widget));

  GTK_WIDGET_CLASS (cb_page_parent_class)->map (widget);
}

static void
cb_page_dispose (GObject *object)
{
  CbPage *self = CB_PAGE (object);

  g_clear_handle_id (&self->pending_id, g_source_remove);
  if (self->store != NULL)
    cb_form_store_flush (self->store);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->panel, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->form);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->offered, g_hash_table_unref);
  g_clear_object (&self->history);
  g_clear_pointer (&self->shown_use_cases, g_variant_unref);
  g_clear_object (&self->schema);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (cb_page_parent_class)->dispose (object);
}

static void
cb_page_class_init (CbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_page_dispose;
  widget_class->measure = cb_page_measure;
  widget_class->size_allocate = cb_page_size_allocate;
  widget_class->map = cb_page_map;

  /**
   * CbPage::run-finished:
   * @run: the run that ended
   */
  signals[RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_RUN);
}

static void
cb_page_init (CbPage *self)
{
  self->offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/**
 * cb_page_new:
 * @settings: where the form's values are stored
 * @history: (nullable): where the page's runs are recorded
 *
 * Returns: (transfer full): a page for @schema, not built yet
 */
GtkWidget *
cb_page_new (CbProject *project,
             CbSchema  *schema,
             GSettings *settings,
             CbHistory *history)
{
  CbPage *self;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (CB_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CB_TYPE_PAGE, NULL);
  self->project = g_object_ref (project);
  self->schema = g_object_ref (schema);
  self->settings = g_object_ref (settings);
  self->history = history ? g_object_ref (history) : NULL;

  return GTK_WIDGET (self);
}

CbSchema *
cb_page_get_schema (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->schema;
}

gboolean
cb_page_is_built (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), FALSE);

  return self->form != NULL;
}

/**
 * cb_page_get_form:
 *
 * Returns: (transfer none) (nullable): the form, once the page is built
 */
CbForm *
cb_page_get_form (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form;
}

/**
 * cb_page_get_store:
 *
 * Returns: (transfer none) (nullable): the settings store, once built
 */
CbFormStore *
cb_page_get_store (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->store;
}

/**
 * cb_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row of field @index, or %NULL
 *   when it was never visible
 */
GtkWidget *
cb_page_get_row (CbPage *self,
                 guint   index)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  if (self->rows == NULL || index >= self->rows->len)
    return NULL;
  finish_pending_rows (self);
  return g_ptr_array_index (self->rows, index);
}

/**
 * cb_page_get_panel:
 *
 * Returns: (transfer none) (nullable): the command panel, once built
 */
GtkWidget *
cb_page_get_panel (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->panel;
}

/**
 * cb_page_get_use_cases:
 *
 * Returns: (transfer none) (nullable): the flow box of suggested setups
 */
GtkWidget *
cb_page_get_use_cases (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->use_case_box;
}

/**
 * cb_page_flush:
 *
 * Writes the form's pending settings now.
 */
void
cb_page_flush (CbPage *self)
{
  g_return_if_fail (CB_IS_PAGE (self));

  if (self->store != NULL)
    cb_form_store_flush (self->store);
}

/**
 * cb_page_show_problems:
 * @problems: (nullable): the errors of the schema file, or %NULL
 *
 * Shows, above the form, why the schema file on disk cannot be used; the
 * form stays as it was.
 */
void
cb_page_show_problems (CbPage     *self,
                       const char *problems)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CB_IS_PAGE (self));

  cb_page_build (self);
  if (problems != NULL)
    text = g_strdup_printf (_("The schema file has errors; this form is the last one that worked.\n%s"),
                            problems);
  gtk_label_set_text (GTK_LABEL (self->problems), text ? text : "");
  gtk_widget_set_visible (self->problems, problems != NULL);
}

/**
 * cb_page_get_problems:
 *
 * Returns: (nullable): the problems shown above the form
 */
const char *
cb_page_get_problems (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  if (self->problems == NULL || !gtk_widget_get_visible (self->problems))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->problems));
}

/**
 * cb_page_set_schema:
 *
 * Takes a reloaded schema. The values the user set carry over; fields
 * whose definition is unchanged keep their widgets; new fields appear and
 * removed ones go, with their stored values.
 */
void
cb_page_set_schema (CbPage   *self,
                    CbSchema *schema)
{
  g_autoptr(CbForm) old_form = NULL;
  g_autoptr(GPtrArray) old_rows = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  guint n;

  g_return_if_fail (CB_IS_PAGE (self));
  g_return_if_fail (CB_IS_SCHEMA (schema));

  g_set_object (&self->schema, schema);
  if (self->form == NULL)
    return;

  finish_pending_rows (self);
  /* The store writes what the user set; the new store reads it back */
  cb_form_store_flush (self->store);
  g_clear_object (&self->store);
  g_signal_handlers_disconnect_by_data (self->form, self);
  old_form = g_steal_pointer (&self->form);
  old_rows = g_steal_pointer (&self->rows);

  self->form = cb_form_new (self->project, schema);
  self->store = cb_form_store_new (self->form, self->settings);
  n = cb_schema_get_n_fields (schema);
  self->rows = g_ptr_array_new ();
  g_ptr_array_set_size (self->rows, n);
  self->pending_from = n;

  /* Take every row out, and put back those whose field is unchanged */
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < old_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (old_rows, i);
      CbField *old_field = cb_schema_get_field (cb_form_get_schema (old_form), i);
      CbField *field = cb_schema_lookup_field (schema, old_field->key);

      if (row == NULL)
        continue;

      if (field != NULL && g_strcmp0 (field->fingerprint, old_field->fingerprint) == 0)
        {
          g_ptr_array_add (kept, g_object_ref (row));
          self->rows->pdata[field->index] = row;
        }
      gtk_list_box_remove (GTK_LIST_BOX (self->list), row);
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        {
          cb_field_row_set_form (CB_FIELD_ROW (row), self->form, i);
          gtk_list_box_append (GTK_LIST_BOX (self->list), row);
        }
      else if (cb_form_is_visible (self->form, i))
        insert_row (self, i);
    }

  gtk_box_remove (GTK_BOX (self->content), self->header);
  self->header = build_header (self);
  gtk_box_insert_child_after (GTK_BOX (self->content), self->header, self->suggestion);

  cb_command_panel_set_form (CB_COMMAND_PANEL (self->panel), self->form);
  cb_run_view_set_form (CB_RUN_VIEW (self->run_view), self->form);
  g_signal_connect_object (self->form, "field-changed", G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);
  update_use_cases (self);
  cb_page_show_problems (self, NULL);
}

/**
 * cb_page_get_run_view:
 *
 * Returns: (transfer none) (nullable): the run controls, once built
 */
GtkWidget *
cb_page_get_run_view (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->run_view;
}

/**
 * cb_page_is_running:
 *
 * Returns: whether the page's command is running
 */
gboolean
cb_page_is_running (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), FALSE);

  return self->run_view != NULL && cb_run_view_is_running (CB_RUN_VIEW (self->run_view));
}

static void
on_use_suggestion (GtkButton *button,
                   CbPage    *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "key");
  const char *path = g_object_get_data (G_OBJECT (button), "path");

  /* Taken up like an offer: the next offer replaces it */
  g_hash_table_replace (self->offered, g_strdup (key), g_strdup (path));
  cb_form_set_value (self->form, key, g_variant_new_string (path));
  gtk_widget_set_visible (self->suggestion, FALSE);
}

/**
 * cb_page_offer_checkpoint:
 * @source: the `paths:` source the checkpoint belongs to
 * @path: a checkpoint a run just wrote
 * @origin: the page that ran, for the message
 *
 * Offers a new checkpoint to the page's fields over @source: an empty field,
 * or one that holds an earlier offer, takes it at once; a field with
 * another value gets a suggestion to use it.
 */
void
cb_page_offer_checkpoint (CbPage     *self,
                          const char *source,
                          const char *path,
                          const char *origin)
{
  GtkWidget *child;

  g_return_if_fail (CB_IS_PAGE (self));

  cb_page_build (self);

  for (guint i = 0; i < cb_schema_get_n_fields (self->schema); i++)
    {
      CbField *field = cb_schema_get_field (self->schema, i);
      GVariant *value = cb_form_get_value (self->form, i);
      g_autofree char *text = NULL;
      GtkWidget *label, *button;

      if (field->type != CB_FIELD_SELECT || g_strcmp0 (field->options_source, source) != 0)
        continue;

      /* A checkpoint an earlier offer put there is replaced too: a run
       * offers each checkpoint as the model learns of it
       */
      if (value == NULL || g_variant_get_string (value, NULL)[0] == '\0' ||
          g_strcmp0 (g_variant_get_string (value, NULL), g_hash_table_lookup (self->offered, field->key)) == 0)
        {
          g_hash_table_replace (self->offered, g_strdup (field->key), g_strdup (path));
          cb_form_set_value (self->form, field->key, g_variant_new_string (path));
          continue;
        }
      if (g_strcmp0 (g_variant_get_string (value, NULL), path) == 0)
        continue;

      /* Already suggested: left as it is, focus and all */
      if (gtk_widget_get_visible (self->suggestion) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (self->suggestion), "key"), field->key) == 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (self->suggestion), "path"), path) == 0)
        continue;

      while ((child = gtk_widget_get_first_child (self->suggestion)) != NULL)
        gtk_box_remove (GTK_BOX (self->suggestion), child);

      g_object_set_data_full (G_OBJECT (self->suggestion), "key", g_strdup (field->key), g_free);
      g_object_set_data_full (G_OBJECT (self->suggestion), "path", g_strdup (path), g_free);
      text = g_strdup_printf (_("The %s run wrote a new checkpoint: %s"), origin, path);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (label, TRUE);
      button = gtk_button_new_with_mnemonic (_("_Use It"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "key", g_strdup (field->key), g_free);
      g_object_set_data_full (G_OBJECT (button), "path", g_strdup (path), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_use_suggestion), self);
      gtk_box_append (GTK_BOX (self->suggestion), label);
      gtk_box_append (GTK_BOX (self->suggestion), button);
      gtk_widget_set_visible (self->suggestion, TRUE);
    }
}
