/* cb-form-view.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-accessible.h"
#include "cb-diagnostic.h"
#include "cb-field-row.h"
#include "cb-form-view.h"
#include "cb-setup-card.h"
#include "cb-window.h"
#include "cb-wrap.h"

/**
 * CbFormView:
 *
 * The scrolling form of a page: why the schema file on disk cannot be
 * used, a pending offer, the schema's title, description and warnings,
 * the stored values that were dropped, the suggested setups, and a row per
 * field.
 *
 * Only the rows are built in code, from the schema, and only those of
 * visible fields: the first few before the page's first frame, the rest
 * once that frame is painted, a few milliseconds' worth at a time, so
 * that neither that frame nor the ones after it wait for rows below the
 * first screen. A field that shows later gets its row then.
 */
struct _CbFormView
{
  GtkWidget   parent_instance;

  CbForm     *form;
  GVariant   *shown_setups;
  GPtrArray  *rows;          /* CbFieldRow or NULL, by field index */
  guint       pending_from;
  guint       pending_id;
  GdkFrameClock *pending_clock;  /* whose next painted frame starts them */
  gulong      pending_paint_id;
  gboolean    reveal_errors;
  gboolean    focus_pending;  /* the first field takes the focus when mapped */
  guint       reveal_id;      /* the tick that scrolls to the footer */
  guint       reveal_frames;

  GtkWidget  *scroller;
  GtkWidget  *problems_label;
  GtkWidget  *offer_bar;
  GtkWidget  *offer_label;
  GtkWidget  *header;
  GtkWidget  *title_label;
  GtkWidget  *description_label;
  GtkWidget  *warnings_expander;
  GtkWidget  *warnings_label;
  GtkWidget  *dropped_label;
  GtkWidget  *setups;
  GtkWidget  *setup_box;
  GtkWidget  *list;
  GtkWidget  *footer;
};

G_DEFINE_FINAL_TYPE (CbFormView, cb_form_view, GTK_TYPE_WIDGET)

enum {
  TAKE_OFFER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ERRORS_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many rows are built before the page's first frame */
#define FIRST_ROWS 4
/* How long the rows built after it may hold the main loop at a time */
#define PENDING_SLICE_US 4000

/* The room above the footer when the form scrolls to it */
#define FOOTER_MARGIN 12

/* Rows */

static void
insert_row (CbFormView *self,
            guint       index)
{
  GtkWidget *row = cb_field_row_new (self->form, index);
  int position = 0;

  /* Rows stay in schema order, whatever order they are built in */
  for (guint i = 0; i < index; i++)
    if (g_ptr_array_index (self->rows, i) != NULL)
      position++;

  self->rows->pdata[index] = row;
  gtk_list_box_insert (GTK_LIST_BOX (self->list), row, position);
  if (self->reveal_errors)
    cb_field_row_reveal_errors (CB_FIELD_ROW (row));
}

static void
stop_waiting_for_paint (CbFormView *self)
{
  /* A window's frame clock is disposed of with it, its handlers too */
  if (self->pending_clock != NULL &&
      g_signal_handler_is_connected (self->pending_clock, self->pending_paint_id))
    g_signal_handler_disconnect (self->pending_clock, self->pending_paint_id);
  self->pending_paint_id = 0;
  g_clear_object (&self->pending_clock);
}

static void
finish_pending_rows (CbFormView *self)
{
  guint n = self->rows ? self->rows->len : 0;

  stop_waiting_for_paint (self);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  for (guint i = self->pending_from; i < n; i++)
    if (g_ptr_array_index (self->rows, i) == NULL && cb_form_is_visible (self->form, i))
      insert_row (self, i);
  self->pending_from = n;
}

/* Some of the rows still to build, for a few milliseconds */
static gboolean
build_pending_rows (gpointer user_data)
{
  CbFormView *self = user_data;
  gint64 end = g_get_monotonic_time () + PENDING_SLICE_US;
  guint n = self->rows->len;

  while (self->pending_from < n && g_get_monotonic_time () < end)
    {
      guint i = self->pending_from++;

      if (g_ptr_array_index (self->rows, i) == NULL && cb_form_is_visible (self->form, i))
        insert_row (self, i);
    }
  if (self->pending_from < n)
    return G_SOURCE_CONTINUE;

  self->pending_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_pending_paint (GdkFrameClock *clock,
                  CbFormView    *self)
{
  stop_waiting_for_paint (self);
  if (self->pending_id == 0)
    self->pending_id = g_idle_add_full (G_PRIORITY_LOW, build_pending_rows, self, NULL);
}

/* The rest of the rows follow the next painted frame of the view, once it
 * shows: when it is mapped, or now if it is
 */
static void
wait_for_paint (CbFormView *self)
{
  GdkFrameClock *clock;

  if (self->pending_clock != NULL &&
      g_signal_handler_is_connected (self->pending_clock, self->pending_paint_id))
    return;
  stop_waiting_for_paint (self);
  if (self->rows == NULL || self->pending_from >= self->rows->len || self->pending_id != 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  self->pending_clock = g_object_ref (clock);
  self->pending_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_pending_paint),
                                             self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* The first rows fill the first frame; the rest follow right after it */
static void
build_first_rows (CbFormView *self)
{
  guint n = self->rows->len;

  self->pending_from = n;
  for (guint i = 0, built = 0; i < n; i++)
    {
      if (!cb_form_is_visible (self->form, i))
        continue;
      if (built++ == FIRST_ROWS)
        {
          self->pending_from = i;
          wait_for_paint (self);
          break;
        }
      insert_row (self, i);
    }
}

/* A new form for a reloaded schema: fields whose definition is unchanged
 * keep their rows; the others are built again
 */
static void
swap_rows (CbFormView *self,
           CbForm     *old_form)
{
  g_autoptr(GPtrArray) old_rows = g_steal_pointer (&self->rows);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  CbSchema *schema = cb_form_get_schema (self->form);
  guint n = cb_schema_get_n_fields (schema);

  self->rows = g_ptr_array_new ();
  g_ptr_array_set_size (self->rows, n);
  self->pending_from = n;

  /* Take every row out, and put back those whose field is unchanged */
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
}

/* Suggested setups */

/* The height the setups take in the form, with the spacing after them;
 * measured, when @measure, for their width as it is: what they will take
 * once laid out
 */
static int
setups_height (CbFormView *self,
               gboolean    measure)
{
  int spacing = gtk_box_get_spacing (GTK_BOX (gtk_widget_get_parent (self->setups)));
  int height = gtk_widget_get_height (self->setups);

  if (!gtk_widget_get_visible (self->setups))
    return 0;
  if (measure)
    gtk_widget_measure (self->setups, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (self->setups),
                        NULL, &height, NULL, NULL);
  return height + spacing;
}

/* The cards above the field the user is on are built again (with another
 * architecture, say) and take another height: the form scrolls by as
 * much, so that the field stays where it was, instead of the page
 * jumping. Returns the height they had, or -1 when nothing is to be kept.
 */
static int
keep_place (CbFormView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->list) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return -1;
  return setups_height (self, FALSE);
}

/* Before the form is laid out again: the scroll moves with the cards'
 * new height, and the end of the form with it, so that it is not cut
 */
static void
keep_place_done (CbFormView *self,
                 int         before)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  int delta;

  if (before < 0 || (delta = setups_height (self, TRUE) - before) == 0)
    return;
  gtk_adjustment_configure (vadjustment, gtk_adjustment_get_value (vadjustment) + delta,
                            gtk_adjustment_get_lower (vadjustment),
                            gtk_adjustment_get_upper (vadjustment) + MAX (delta, 0),
                            gtk_adjustment_get_step_increment (vadjustment),
                            gtk_adjustment_get_page_increment (vadjustment),
                            gtk_adjustment_get_page_size (vadjustment));
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

static void
fill_setups (CbFormView *self,
             GVariant   *setups)
{
  gboolean is_list = setups != NULL && g_variant_is_of_type (setups, G_VARIANT_TYPE_ARRAY);
  gsize n = is_list ? g_variant_n_children (setups) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->setup_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->setup_box), child);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (setups, i);
      g_autoptr(GVariant) item = g_variant_is_of_type (boxed, G_VARIANT_TYPE_VARIANT)
                                   ? g_variant_get_variant (boxed) : g_variant_ref (boxed);
      g_autofree char *id = lookup_string (item, "id");
      g_autofree char *title = lookup_string (item, "title");
      g_autofree char *description = lookup_string (item, "description");

      if (id != NULL)
        {
          GtkWidget *card = cb_setup_card_new (id, title, description);
          GtkWidget *box_child;

          gtk_flow_box_append (GTK_FLOW_BOX (self->setup_box), card);
          /* What a screen reader lands on is the card's child of the box */
          box_child = gtk_widget_get_parent (card);
          cb_accessible_set_label (box_child, title ? title : id);
          if (description != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (box_child),
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
        }
    }

  gtk_widget_set_visible (self->setups, gtk_widget_get_first_child (self->setup_box) != NULL);
}

static void
update_setups (CbFormView *self)
{
  g_autoptr(GVariant) setups = cb_form_get_setups (self->form);
  g_autofree char *active = NULL;

  /* The cards are built again only when the list changes (with the
   * architecture, say), not with every value
   */
  if (self->shown_setups == NULL || setups == NULL || !g_variant_equal (self->shown_setups, setups))
    {
      int before = keep_place (self);

      fill_setups (self, setups);
      keep_place_done (self, before);
      g_clear_pointer (&self->shown_setups, g_variant_unref);
      self->shown_setups = setups ? g_variant_ref (setups) : NULL;
    }

  active = cb_form_get_active_setup (self->form);
  for (GtkWidget *child = gtk_widget_get_first_child (self->setup_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CbSetupCard *card = CB_SETUP_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

      cb_setup_card_set_active (card, g_strcmp0 (cb_setup_card_get_setup (card), active) == 0);
    }
}

static void
on_field_changed (CbFormView *self,
                  guint       index,
                  guint       changes)
{
  CbFieldRow *row = g_ptr_array_index (self->rows, index);

  /* Rows not built yet get the form's state when they are */
  if (row != NULL)
    cb_field_row_update (row, changes);
  else if ((changes & CB_FIELD_CHANGED_VISIBLE) && cb_form_is_visible (self->form, index) &&
           index < self->pending_from)
    insert_row (self, index);

  if (changes & CB_FIELD_CHANGED_VALUE)
    update_setups (self);
}

/* The header: title, description, and the schema's warnings, for its author */
static void
update_header (CbFormView *self)
{
  CbSchema *schema = cb_form_get_schema (self->form);
  const char *description = cb_schema_get_description (schema);
  GPtrArray *diagnostics = cb_schema_get_diagnostics (schema);
  g_autofree char *warnings = cb_diagnostics_to_text (diagnostics, FALSE);
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning in this schema",
                                                           "%u warnings in this schema", diagnostics->len),
                                              diagnostics->len);

  cb_wrap_set_text (self->title_label, cb_schema_get_title (schema));
  cb_wrap_set_text (self->description_label, description);
  gtk_widget_set_visible (self->description_label, description != NULL);
  gtk_expander_set_label (GTK_EXPANDER (self->warnings_expander), heading);
  gtk_label_set_text (GTK_LABEL (self->warnings_label), warnings);
  gtk_widget_set_visible (self->warnings_expander, diagnostics->len > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cb_schema_get_title (schema), -1);
}

static void
take_offer_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_signal_emit (widget, signals[TAKE_OFFER], 0);
}

/* The title of the suggested setup @id */
static char *
setup_title (CbFormView *self,
             const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->setup_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CbSetupCard *card = CB_SETUP_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

      if (g_strcmp0 (cb_setup_card_get_setup (card), id) == 0)
        return g_strdup (cb_setup_card_get_title (card));
    }
  return g_strdup (id);
}

/* Applied, with Undo (the window's notice, "win.show-undo") */
static void
apply_setup_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CbFormView *self = CB_FORM_VIEW (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(GVariant) before = NULL;
  g_auto(GStrv) skipped = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  GtkRoot *root;

  if (self->form == NULL)
    return;

  before = cb_form_get_user_values (self->form);
  title = setup_title (self, id);
  skipped = cb_form_get_setup_skipped (self->form, id);
  if (!cb_form_apply_setup (self->form, id))
    return;

  /* What the setup sets that this page cannot take is said, not dropped */
  root = gtk_widget_get_root (widget);
  if (skipped != NULL && CB_IS_WINDOW (root))
    {
      g_autofree char *keys = g_strjoinv (", ", skipped);
      g_autofree char *text = g_strdup_printf (_("This setup also sets what this page has no field "
                                                 "for, or no such value for: %s."), keys);

      cb_window_show_notice (CB_WINDOW (root), text);
    }

  /* Translators: the title of a suggested setup */
  message = g_strdup_printf (_("Applied the setup “%s”."), title);
  gtk_widget_activate_action (widget, "win.show-undo", "(ss@a{sv})", message,
                              cb_schema_get_id (cb_form_get_schema (self->form)), before);
}

static void
cb_form_view_map (GtkWidget *widget)
{
  CbFormView *self = CB_FORM_VIEW (widget);

  GTK_WIDGET_CLASS (cb_form_view_parent_class)->map (widget);

  wait_for_paint (self);
  if (self->focus_pending)
    cb_form_view_focus_first_field (self);
}

static void
cb_form_view_dispose (GObject *object)
{
  CbFormView *self = CB_FORM_VIEW (object);
  GtkWidget *child;

  stop_waiting_for_paint (self);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  if (self->reveal_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_id);
  self->reveal_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_FORM_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown_setups, g_variant_unref);
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (cb_form_view_parent_class)->dispose (object);
}

static void
cb_form_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CbFormView *self = CB_FORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ERRORS_REVEALED:
      g_value_set_boolean (value, self->reveal_errors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_form_view_class_init (CbFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_form_view_dispose;
  object_class->get_property = cb_form_view_get_property;
  widget_class->map = cb_form_view_map;

  /**
   * CbFormView:errors-revealed:
   *
   * Whether the user tried to run the form (cb_form_view_reveal_errors()):
   * until then, that a required field has nothing to choose yet
   * (%CB_FORM_MESSAGE_NO_FILE_YET) is an empty state, not an error.
   */
  properties[PROP_ERRORS_REVEALED] =
    g_param_spec_boolean ("errors-revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CbFormView::take-offer:
   *
   * The user takes the pending offer (the `form-view.take-offer` action).
   */
  signals[TAKE_OFFER] =
    g_signal_new ("take-offer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "form-view.take-offer", NULL, take_offer_activated);
  gtk_widget_class_install_action (widget_class, "form-view.apply-setup", "s", apply_setup_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-form-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbFormView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, offer_bar);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, offer_label);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, header);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, description_label);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, warnings_expander);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, dropped_label);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, setups);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, setup_box);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, list);
  gtk_widget_class_bind_template_child (widget_class, CbFormView, footer);
}

static void
cb_form_view_init (CbFormView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

GtkWidget *
cb_form_view_new (void)
{
  return g_object_new (CB_TYPE_FORM_VIEW, NULL);
}

/**
 * cb_form_view_set_form:
 *
 * Shows @form: the first time, its rows are built; later, @form is the
 * form of a reloaded schema, and the rows of fields whose definition is
 * unchanged stay, values and all.
 */
void
cb_form_view_set_form (CbFormView *self,
                       CbForm     *form)
{
  g_autoptr(CbForm) old_form = NULL;

  g_return_if_fail (CB_IS_FORM_VIEW (self));
  g_return_if_fail (CB_IS_FORM (form));

  if (form == self->form)
    return;

  if (self->form != NULL)
    {
      finish_pending_rows (self);
      g_signal_handlers_disconnect_by_data (self->form, self);
    }
  old_form = g_steal_pointer (&self->form);
  self->form = g_object_ref (form);

  if (old_form != NULL)
    swap_rows (self, old_form);
  else
    {
      self->rows = g_ptr_array_new ();
      g_ptr_array_set_size (self->rows, cb_schema_get_n_fields (cb_form_get_schema (form)));
      build_first_rows (self);
    }

  update_header (self);
  update_setups (self);
  g_signal_connect_object (form, "field-changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
}

/**
 * cb_form_view_get_form:
 *
 * Returns: (transfer none) (nullable): the form shown
 */
CbForm *
cb_form_view_get_form (CbFormView *self)
{
  g_return_val_if_fail (CB_IS_FORM_VIEW (self), NULL);

  return self->form;
}

/**
 * cb_form_view_get_row:
 *
 * Rows still to be built are built first.
 *
 * Returns: (transfer none) (nullable): the row of field @index, or %NULL
 *   when it was never visible
 */
GtkWidget *
cb_form_view_get_row (CbFormView *self,
                      guint       index)
{
  g_return_val_if_fail (CB_IS_FORM_VIEW (self), NULL);

  if (self->rows == NULL || index >= self->rows->len)
    return NULL;
  finish_pending_rows (self);
  return g_ptr_array_index (self->rows, index);
}

/**
 * cb_form_view_get_setups:
 *
 * Returns: (transfer none): the flow box of suggested setups: a
 *   #CbSetupCard in each child
 */
GtkWidget *
cb_form_view_get_setups (CbFormView *self)
{
  g_return_val_if_fail (CB_IS_FORM_VIEW (self), NULL);

  return self->setup_box;
}

/**
 * cb_form_view_set_problems:
 * @problems: (nullable): the errors of the schema file, or %NULL
 *
 * Shows, above the form, why the schema file on disk cannot be used; the
 * form stays as it was.
 */
void
cb_form_view_set_problems (CbFormView *self,
                           const char *problems)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CB_IS_FORM_VIEW (self));

  if (problems != NULL)
    text = g_strdup_printf (_("The schema file has errors; this form is the last one that worked.\n%s"),
                            problems);
  gtk_label_set_text (GTK_LABEL (self->problems_label), text ? text : "");
  gtk_widget_set_visible (self->problems_label, problems != NULL);
}

/**
 * cb_form_view_get_problems:
 *
 * Returns: (nullable): the problems shown above the form
 */
const char *
cb_form_view_get_problems (CbFormView *self)
{
  g_return_val_if_fail (CB_IS_FORM_VIEW (self), NULL);

  if (!gtk_widget_get_visible (self->problems_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->problems_label));
}

/**
 * cb_form_view_set_offer:
 * @offer: (nullable): the offer that waits for the user, or %NULL
 *
 * Shows the offer in a bar with Use It; the bar stays as it is when the
 * offer is the one shown, so that the user's focus stays.
 */
void
cb_form_view_set_offer (CbFormView *self,
                        CbOffer    *offer)
{
  g_autofree char *message = NULL;

  g_return_if_fail (CB_IS_FORM_VIEW (self));

  gtk_widget_set_visible (self->offer_bar, offer != NULL);
  if (offer == NULL)
    return;

  message = cb_offer_get_message (offer, self->form);
  if (g_strcmp0 (message, gtk_label_get_text (GTK_LABEL (self->offer_label))) != 0)
    cb_wrap_set_text (self->offer_label, message);
}

/**
 * cb_form_view_set_dropped:
 * @keys: (nullable): the stored values that no longer fit the form
 */
void
cb_form_view_set_dropped (CbFormView         *self,
                          const char * const *keys)
{
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CB_IS_FORM_VIEW (self));

  gtk_widget_set_visible (self->dropped_label, keys != NULL && keys[0] != NULL);
  if (keys == NULL || keys[0] == NULL)
    return;

  joined = g_strjoinv (", ", (char **)keys);
  text = g_strdup_printf (_("Saved values that no longer fit this form were dropped: %s."), joined);
  cb_wrap_set_text (self->dropped_label, text);
}

/**
 * cb_form_view_reveal_errors:
 *
 * The user tried to run the form: each field shows its errors as errors,
 * also that there is nothing to choose yet.
 */
void
cb_form_view_reveal_errors (CbFormView *self)
{
  g_return_if_fail (CB_IS_FORM_VIEW (self));

  if (!self->reveal_errors)
    {
      self->reveal_errors = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERRORS_REVEALED]);
    }
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (g_ptr_array_index (self->rows, i) != NULL)
      cb_field_row_reveal_errors (g_ptr_array_index (self->rows, i));
}

/**
 * cb_form_view_focus_first_field:
 *
 * Gives the focus to the first field of the form, where a user starts;
 * once the form shows, when it does not yet.
 */
void
cb_form_view_focus_first_field (CbFormView *self)
{
  g_return_if_fail (CB_IS_FORM_VIEW (self));

  self->focus_pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->focus_pending)
    return;

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (row != NULL && gtk_widget_get_visible (row) &&
          gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD))
        return;
    }
}

/* The footer shows once it is laid out: a frame's tick comes before its
 * layout, so the scroll waits for the second */
static gboolean
reveal_footer_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  CbFormView *self = CB_FORM_VIEW (widget);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t bounds;

  if (++self->reveal_frames < 2)
    return G_SOURCE_CONTINUE;
  self->reveal_id = 0;
  /* The bounds in the viewport are those of what shows: from the scroll */
  if (gtk_widget_get_visible (self->footer) &&
      gtk_widget_compute_bounds (self->footer, gtk_scrolled_window_get_child (scroller), &bounds))
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) +
                                           bounds.origin.y - FOOTER_MARGIN);
  return G_SOURCE_REMOVE;
}

/**
 * cb_form_view_reveal_footer:
 *
 * Scrolls the form down to its footer (see cb_form_view_set_footer()),
 * once it is laid out: the rows a choice just made matter for, such as a
 * Slurm job's resources, which would otherwise wait under the last field.
 */
void
cb_form_view_reveal_footer (CbFormView *self)
{
  g_return_if_fail (CB_IS_FORM_VIEW (self));

  /* Rows still to build would push the footer down after the scroll */
  finish_pending_rows (self);
  self->reveal_frames = 0;
  if (self->reveal_id == 0)
    self->reveal_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_footer_tick,
                                                    NULL, NULL);
}

/**
 * cb_form_view_set_footer:
 * @footer: (nullable): what shows under the fields, scrolling with them
 */
void
cb_form_view_set_footer (CbFormView *self,
                         GtkWidget  *footer)
{
  GtkWidget *child;

  g_return_if_fail (CB_IS_FORM_VIEW (self));
  g_return_if_fail (footer == NULL || GTK_IS_WIDGET (footer));

  while ((child = gtk_widget_get_first_child (self->footer)) != NULL)
    gtk_box_remove (GTK_BOX (self->footer), child);
  gtk_widget_set_visible (self->footer, FALSE);
  /* Shown while it is: no gap under the fields otherwise */
  if (footer != NULL)
    {
      gtk_box_append (GTK_BOX (self->footer), footer);
      g_object_bind_property (footer, "visible", self->footer, "visible", G_BINDING_SYNC_CREATE);
    }
}
