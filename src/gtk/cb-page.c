/* cb-page.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-command-panel.h"
#include "cb-form-view.h"
#include "cb-page.h"
#include "cb-run-view.h"
#include "cb-session-jobs.h"
#include "cb-slurm-view.h"

/**
 * CbPage:
 *
 * One page of the window: the form of one schema of a #CbSession, and its
 * command panel, where the command runs and its output shows. The page
 * shows the session's state for its schema (form, problems, pending
 * offer, runs) and forwards what the user does.
 *
 * Wide, the form and the panel are side by side, with a divider between
 * them that the mouse or the arrow keys move; where it was left is kept
 * in the settings (`panel-width`), for every page. The output is the
 * panel's largest part, and the user can enlarge it to the whole page.
 *
 * Narrower than %CB_PAGE_WIDE_WIDTH (a phone, or half a small screen),
 * the page is one column: the form or the panel, switched by a bar at the
 * bottom, as GNOME's adaptive apps do; a run that starts shows the panel.
 * The page needs no more width than its panel's minimum, so the window
 * can be 360 pixels wide.
 *
 * When the project has a `slurm:` section, the page can run its command
 * on Slurm: the run view says where it runs, the job's resources are
 * rows under the form (#CbSlurmView), and the panel shows the batch
 * script.
 *
 * Nothing is built until the page is first shown (#CbPage:built).
 */
struct _CbPage
{
  GtkWidget     parent_instance;

  CbSession    *session;
  guint         index;       /* of the page's schema file in the session */
  CbSchema     *schema;      /* as shown */
  GSettings    *settings;
  gboolean      below;       /* one column */
  gboolean      show_panel;  /* in one column: the panel rather than the form */
  gboolean      expanded;    /* the output has the whole page */
  int           panel_width; /* as the settings keep it; 0 for automatic */
  int           drag_start;  /* the panel's width when a drag began */
  int           drag_width;  /* during a drag, -1 otherwise */
  int           shown_width; /* of the panel, as last allocated */

  GtkWidget    *form_view;
  GtkWidget    *panel;
  GtkWidget    *run_view;
  CbSlurmForm  *slurm;       /* the page's Slurm side, NULL without a slurm: section */
  GtkWidget    *slurm_view;  /* under the form, once the page has run on Slurm */
  GtkWidget    *divider;
  GtkWidget    *bar;
  GtkWidget    *form_toggle;
  GtkWidget    *panel_toggle;
  GtkWidget    *bar_spinner;
};

G_DEFINE_FINAL_TYPE (CbPage, cb_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUILT,
  PROP_PANEL_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Beside the panel, the form keeps at least this width */
#define FORM_MIN_WIDTH 320
/* In one column, the form keeps at least this height */
#define FORM_MIN_HEIGHT 200
/* The divider is a line; the mouse can take it a few pixels around */
#define DIVIDER_BEFORE 3
#define DIVIDER_AFTER 5
/* How far an arrow key moves it */
#define DIVIDER_STEP 24

/* The command the user edited, or NULL for the form's */
static char *
edited_command (gpointer user_data)
{
  CbPage *self = user_data;
  CbCommandPanel *panel = CB_COMMAND_PANEL (self->panel);

  return cb_command_panel_get_edited (panel) ? cb_command_panel_get_text (panel) : NULL;
}

/* What the user typed in the job's resources that is no value */
static char *
slurm_input_error (gpointer user_data)
{
  CbPage *self = user_data;

  return self->slurm_view ? cb_slurm_view_get_input_error (CB_SLURM_VIEW (self->slurm_view))
                          : NULL;
}

/* The rows of the job's resources, under the form, are built the first
 * time the page runs on Slurm: until then they are hidden, and most pages
 * of most projects never show them */
static void
ensure_slurm_view (CbPage *self)
{
  if (self->slurm_view != NULL || self->slurm == NULL ||
      cb_slurm_form_get_target (self->slurm) != CB_RUN_TARGET_SLURM)
    return;

  self->slurm_view = cb_slurm_view_new ();
  cb_form_view_set_footer (CB_FORM_VIEW (self->form_view), self->slurm_view);
  cb_slurm_view_set_slurm_form (CB_SLURM_VIEW (self->slurm_view), self->slurm);
}

/* The page's Slurm side, to each part that shows it: a new one with the
 * form of a schema that changed */
static void
set_slurm_form (CbPage *self)
{
  CbSlurmForm *slurm = NULL;

  if (cb_session_has_slurm (self->session))
    slurm = cb_session_get_slurm_form (self->session, self->index);

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_func (self->slurm, ensure_slurm_view, self);
  g_set_object (&self->slurm, slurm);
  if (slurm != NULL)
    g_signal_connect_object (slurm, "changed", G_CALLBACK (ensure_slurm_view), self,
                             G_CONNECT_SWAPPED);

  if (self->slurm_view != NULL)
    cb_slurm_view_set_slurm_form (CB_SLURM_VIEW (self->slurm_view), slurm);
  else
    ensure_slurm_view (self);
  cb_command_panel_set_slurm_form (CB_COMMAND_PANEL (self->panel), slurm);
  cb_run_view_set_slurm_form (CB_RUN_VIEW (self->run_view), slurm);
}

static void
on_take_offer (CbPage *self)
{
  cb_session_take_offer (self->session, self->index);
}

static void
on_offer_changed (CbPage *self,
                  guint   index)
{
  if (index == self->index && self->form_view != NULL)
    cb_form_view_set_offer (CB_FORM_VIEW (self->form_view), cb_session_get_offer (self->session, index));
}

/* The schema file was edited: a new schema and form, or its problems */
static void
on_schema_changed (CbPage *self,
                   guint   index)
{
  const char *problems;
  CbForm *form;

  if (index != self->index)
    return;

  problems = cb_session_get_schema_problems (self->session, index);
  g_set_object (&self->schema, cb_session_get_schema (self->session, index));
  if (problems == NULL && self->form_view == NULL)
    return;

  cb_page_build (self);
  if (problems == NULL)
    {
      form = cb_session_get_form (self->session, index);
      cb_form_view_set_form (CB_FORM_VIEW (self->form_view), form);
      cb_command_panel_set_form (CB_COMMAND_PANEL (self->panel), form);
      set_slurm_form (self);
    }
  cb_form_view_set_problems (CB_FORM_VIEW (self->form_view), problems);
}

/* One column: form or panel */

static void
update_bar (CbPage *self)
{
  gboolean running = cb_run_view_get_running (CB_RUN_VIEW (self->run_view));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->panel_toggle), self->show_panel);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->form_toggle), !self->show_panel);
  gtk_widget_set_visible (self->bar_spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (self->bar_spinner), running);
}

static void
on_panel_toggled (CbPage          *self,
                  GtkToggleButton *toggle)
{
  gboolean show_panel = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->panel_toggle));

  if (show_panel == self->show_panel)
    return;

  self->show_panel = show_panel;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* A run that starts is what the user wants to see */
static void
on_running_changed (CbPage *self)
{
  if (cb_run_view_get_running (CB_RUN_VIEW (self->run_view)))
    cb_page_show_panel (self, TRUE);
  update_bar (self);
}

static void
on_expanded_changed (CbPage *self)
{
  self->expanded = cb_run_view_get_expanded (CB_RUN_VIEW (self->run_view));
  cb_command_panel_set_compact (CB_COMMAND_PANEL (self->panel), self->expanded);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static GtkWidget *
bar_toggle (CbPage     *self,
            const char *label,
            const char *name,
            GtkWidget **spinner)
{
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  if (spinner != NULL)
    {
      *spinner = gtk_spinner_new ();
      gtk_widget_set_visible (*spinner, FALSE);
      gtk_box_append (GTK_BOX (box), *spinner);
    }
  gtk_button_set_child (GTK_BUTTON (toggle), box);
  gtk_widget_set_name (toggle, name);
  gtk_widget_set_hexpand (toggle, TRUE);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_panel_toggled), self,
                           G_CONNECT_SWAPPED);

  return toggle;
}

static void
build_bar (CbPage *self)
{
  self->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->bar, "cb-view-switcher");
  gtk_box_set_homogeneous (GTK_BOX (self->bar), TRUE);
  self->form_toggle = bar_toggle (self, _("Form"), "form-toggle", NULL);
  self->panel_toggle = bar_toggle (self, _("Command"), "panel-toggle", &self->bar_spinner);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->panel_toggle),
                               GTK_TOGGLE_BUTTON (self->form_toggle));
  gtk_box_append (GTK_BOX (self->bar), self->form_toggle);
  gtk_box_append (GTK_BOX (self->bar), self->panel_toggle);
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->bar, self->below);
  update_bar (self);
}

/* The divider */

static int
default_panel_width (int width)
{
  return CLAMP (width * 9 / 20, 360, 680);
}

/* The panel's width in @width: where the divider was left, within what
 * the panel and the form need */
static int
panel_width_in (CbPage *self,
                int     width)
{
  int wanted = self->drag_width >= 0 ? self->drag_width
             : self->panel_width > 0 ? self->panel_width
             : default_panel_width (width);
  int panel_min;

  gtk_widget_measure (self->panel, GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, NULL, NULL, NULL);
  return MAX (panel_min, MIN (wanted, width - FORM_MIN_WIDTH));
}

static void
update_divider_value (CbPage *self,
                      int     width)
{
  int panel_min;

  gtk_widget_measure (self->panel, GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, NULL, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->divider),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, (double)panel_min,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                  (double)MAX (panel_min, width - FORM_MIN_WIDTH),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double)self->shown_width,
                                  -1);
}

static void
on_drag_begin (CbPage         *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  int boundary = gtk_widget_get_width (GTK_WIDGET (self)) - self->shown_width;

  if (self->below || self->expanded ||
      x < boundary - DIVIDER_BEFORE || x > boundary + DIVIDER_AFTER)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start = self->shown_width;
  self->drag_width = self->shown_width;
}

static void
on_drag_update (CbPage         *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  if (self->drag_width < 0)
    return;

  self->drag_width = MAX (0, self->drag_start - (int)offset_x);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Kept once the drag ends, not at every motion */
static void
on_drag_end (CbPage         *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  int width;

  if (self->drag_width < 0)
    return;

  width = panel_width_in (self, gtk_widget_get_width (GTK_WIDGET (self)));
  self->drag_width = -1;
  cb_page_set_panel_width (self, width);
}

static gboolean
on_divider_key (CbPage                *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      cb_page_set_panel_width (self, panel_width_in (self, width) + DIVIDER_STEP);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      cb_page_set_panel_width (self, MAX (1, panel_width_in (self, width) - DIVIDER_STEP));
      return TRUE;
    case GDK_KEY_Home:
      cb_page_set_panel_width (self, width);
      return TRUE;
    case GDK_KEY_End:
      cb_page_set_panel_width (self, 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
build_divider (CbPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->divider = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_name (self->divider, "divider");
  gtk_widget_add_css_class (self->divider, "cb-divider");
  gtk_widget_set_focusable (self->divider, TRUE);
  gtk_widget_set_cursor_from_name (self->divider, "col-resize");
  gtk_widget_set_tooltip_text (self->divider, _("Drag to give the form or the output more room"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->divider),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Divider between the form and the command"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The left and right arrow keys move it"),
                                  -1);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_divider_key), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->divider, keys);
  gtk_widget_set_parent (self->divider, GTK_WIDGET (self));

  /* On the page, not the divider: the divider moves under the pointer */
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

/**
 * cb_page_build:
 *
 * Builds the page's form, rows of visible fields and command panel, once.
 */
void
cb_page_build (CbPage *self)
{
  CbFormStore *store;
  GtkWidget *view;
  CbForm *form;

  g_return_if_fail (CB_IS_PAGE (self));

  if (self->form_view != NULL)
    return;

  form = cb_session_get_form (self->session, self->index);
  store = cb_session_get_store (self->session, self->index);

  self->form_view = view = cb_form_view_new ();
  cb_form_view_set_form (CB_FORM_VIEW (view), form);
  cb_form_view_set_dropped (CB_FORM_VIEW (view), store ? cb_form_store_get_dropped (store) : NULL);
  cb_form_view_set_problems (CB_FORM_VIEW (view), cb_session_get_schema_problems (self->session, self->index));
  cb_form_view_set_offer (CB_FORM_VIEW (view), cb_session_get_offer (self->session, self->index));
  g_signal_connect_object (self->form_view, "take-offer", G_CALLBACK (on_take_offer), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->form_view, GTK_WIDGET (self));

  self->panel = cb_command_panel_new (form);
  g_object_bind_property (self->form_view, "errors-revealed", self->panel, "errors-revealed",
                          G_BINDING_SYNC_CREATE);
  gtk_widget_set_parent (self->panel, GTK_WIDGET (self));

  self->run_view = cb_run_view_new (self->session, self->index);
  cb_run_view_set_command_func (CB_RUN_VIEW (self->run_view), edited_command, self);
  cb_run_view_set_check_func (CB_RUN_VIEW (self->run_view), slurm_input_error, self);
  g_signal_connect_object (self->run_view, "notify::running", G_CALLBACK (on_running_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_view, "notify::expanded", G_CALLBACK (on_expanded_changed),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (cb_command_panel_get_run_box (CB_COMMAND_PANEL (self->panel))), self->run_view);
  set_slurm_form (self);

  /* Last: drawn over the form and the panel, where they meet */
  build_divider (self);
  build_bar (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILT]);
}

/* Layout */

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
  int panel_min = 0, bar_min = 0;

  if (self->form_view == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* The form scrolls, so only the panel and the bar set a minimum.
   * Measuring the form here would lay out all its text once more for
   * nothing: its rows are measured when it is allocated.
   */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->panel, orientation, -1, &panel_min, NULL, NULL, NULL);
      gtk_widget_measure (self->bar, orientation, -1, &bar_min, NULL, NULL, NULL);
      *minimum = MAX (panel_min, bar_min);
      *natural = MAX (*minimum, CB_PAGE_WIDE_WIDTH + 260);
    }
  else if (for_size >= 0 && for_size < CB_PAGE_WIDE_WIDTH)
    {
      /* One column: the panel or the form, and the bar */
      gtk_widget_measure (self->panel, orientation, for_size, &panel_min, NULL, NULL, NULL);
      gtk_widget_measure (self->bar, orientation, for_size, &bar_min, NULL, NULL, NULL);
      *minimum = MAX (panel_min, FORM_MIN_HEIGHT) + bar_min;
      *natural = MAX (*minimum, 480);
    }
  else
    {
      int width = for_size < 0 ? -1 : panel_width_in (self, for_size);

      gtk_widget_measure (self->panel, orientation, width, &panel_min, NULL, NULL, NULL);
      *minimum = MAX (panel_min, FORM_MIN_HEIGHT);
      *natural = MAX (*minimum, 480);
    }
}

static void
allocate_at (GtkWidget *child,
             int        x,
             int        y,
             int        width,
             int        height)
{
  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_allocate (child, width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y)));
}

static void
allocate_wide (CbPage *self,
               int     width,
               int     height)
{
  int pw;

  if (self->expanded)
    {
      gtk_widget_set_child_visible (self->form_view, FALSE);
      gtk_widget_set_child_visible (self->divider, FALSE);
      allocate_at (self->panel, 0, 0, width, height);
      return;
    }

  pw = self->shown_width = panel_width_in (self, width);
  allocate_at (self->form_view, 0, 0, width - pw, height);
  allocate_at (self->panel, width - pw, 0, pw, height);
  gtk_widget_measure (self->divider, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  allocate_at (self->divider, width - pw - DIVIDER_BEFORE, 0, DIVIDER_BEFORE + DIVIDER_AFTER,
               height);
  update_divider_value (self, width);
}

static void
allocate_column (CbPage *self,
                 int     width,
                 int     height)
{
  int bar_height;
  GtkWidget *shown = self->show_panel || self->expanded ? self->panel : self->form_view;
  GtkWidget *hidden = shown == self->panel ? self->form_view : self->panel;

  gtk_widget_measure (self->bar, GTK_ORIENTATION_VERTICAL, width, &bar_height, NULL, NULL, NULL);
  gtk_widget_set_child_visible (self->divider, FALSE);
  gtk_widget_set_child_visible (hidden, FALSE);
  if (shown == self->panel)
    gtk_widget_measure (self->panel, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
  allocate_at (shown, 0, 0, width, height - bar_height);
  allocate_at (self->bar, 0, height - bar_height, width, bar_height);
}

static void
cb_page_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  CbPage *self = CB_PAGE (widget);
  gboolean below = width < CB_PAGE_WIDE_WIDTH;

  if (self->form_view == NULL)
    return;

  if (below != self->below)
    {
      self->below = below;
      cb_command_panel_set_below (CB_COMMAND_PANEL (self->panel), below);
      gtk_widget_set_child_visible (self->bar, below);
    }

  /* The output has the room: the command takes a few lines, more in a
   * tall window, then scrolls */
  cb_command_panel_set_command_height (CB_COMMAND_PANEL (self->panel),
                                       CLAMP (height / (below ? 5 : 4), 72, 220));

  if (below)
    allocate_column (self, width, height);
  else
    allocate_wide (self, width, height);
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

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_func (self->slurm, ensure_slurm_view, self);
  g_clear_object (&self->slurm);
  g_clear_pointer (&self->form_view, gtk_widget_unparent);
  g_clear_pointer (&self->panel, gtk_widget_unparent);
  g_clear_pointer (&self->divider, gtk_widget_unparent);
  g_clear_pointer (&self->bar, gtk_widget_unparent);
  self->run_view = NULL;
  self->slurm_view = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->schema);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cb_page_parent_class)->dispose (object);
}

static void
cb_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CbPage *self = CB_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUILT:
      g_value_set_boolean (value, cb_page_is_built (self));
      break;
    case PROP_PANEL_WIDTH:
      g_value_set_int (value, self->panel_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CbPage *self = CB_PAGE (object);

  switch (prop_id)
    {
    case PROP_PANEL_WIDTH:
      cb_page_set_panel_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The run view's switch to Slurm: the job's resources, under the form,
 * are shown, when the form is beside the panel */
static void
reveal_resources_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CbPage *self = CB_PAGE (widget);

  if (self->form_view != NULL)
    ensure_slurm_view (self);
  if (self->form_view != NULL && self->slurm_view != NULL && !self->below)
    cb_form_view_reveal_footer (CB_FORM_VIEW (self->form_view));
}

static void
cb_page_class_init (CbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_page_dispose;
  object_class->get_property = cb_page_get_property;
  object_class->set_property = cb_page_set_property;
  widget_class->measure = cb_page_measure;
  widget_class->size_allocate = cb_page_size_allocate;
  widget_class->map = cb_page_map;

  /**
   * CbPage:built:
   *
   * Whether the page's form and panel are built: when it was first shown,
   * or asked for.
   */
  properties[PROP_BUILT] =
    g_param_spec_boolean ("built", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CbPage:panel-width:
   *
   * The width the user gave the panel with the divider, in pixels; 0 for
   * one that follows the page's. Bound to the `panel-width` setting, so
   * that every page has it.
   */
  properties[PROP_PANEL_WIDTH] =
    g_param_spec_int ("panel-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.reveal-resources", NULL,
                                   reveal_resources_activated);
}

static void
cb_page_init (CbPage *self)
{
  self->drag_width = -1;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "panel-width", self, "panel-width", G_SETTINGS_BIND_DEFAULT);
}

/**
 * cb_page_new:
 * @session: a loaded session
 * @index: a schema file of @session whose schema can be used
 *
 * Returns: (transfer full): a page for that schema, not built yet
 */
GtkWidget *
cb_page_new (CbSession *session,
             guint      index)
{
  CbPage *self;

  g_return_val_if_fail (CB_IS_SESSION (session), NULL);
  g_return_val_if_fail (cb_session_get_schema (session, index) != NULL, NULL);

  self = g_object_new (CB_TYPE_PAGE, NULL);
  self->session = g_object_ref (session);
  self->index = index;
  self->schema = g_object_ref (cb_session_get_schema (session, index));
  g_signal_connect_object (session, "schema-changed", G_CALLBACK (on_schema_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "offer-changed", G_CALLBACK (on_offer_changed), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * cb_page_get_panel_width:
 *
 * Returns: the panel's width as the user left the divider (see
 *   #CbPage:panel-width)
 */
int
cb_page_get_panel_width (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), 0);

  return self->panel_width;
}

/**
 * cb_page_set_panel_width:
 * @width: the panel's width, in pixels; 0 for one that follows the page's
 *
 * Moves the divider. The page keeps the panel and the form within their
 * minimum widths, whatever @width says.
 */
void
cb_page_set_panel_width (CbPage *self,
                         int     width)
{
  g_return_if_fail (CB_IS_PAGE (self));

  width = MAX (width, 0);
  if (width == self->panel_width)
    return;

  self->panel_width = width;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_WIDTH]);
}

/**
 * cb_page_get_shown_panel_width:
 *
 * Returns: the panel's width as last allocated beside the form
 */
int
cb_page_get_shown_panel_width (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), 0);

  return self->shown_width;
}

/**
 * cb_page_get_one_column:
 *
 * Returns: whether the page is one column, the form or the panel, for a
 *   narrow window
 */
gboolean
cb_page_get_one_column (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), FALSE);

  return self->below;
}

/**
 * cb_page_show_panel:
 * @show: whether the panel shows, rather than the form
 *
 * Chooses what the page shows when it is one column.
 */
void
cb_page_show_panel (CbPage   *self,
                    gboolean  show)
{
  g_return_if_fail (CB_IS_PAGE (self));

  if (show == self->show_panel)
    return;

  self->show_panel = show;
  if (self->bar != NULL)
    update_bar (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * cb_page_get_schema:
 *
 * Returns: (transfer none): the schema shown: the last one that could be
 *   used
 */
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

  return self->form_view != NULL;
}

/**
 * cb_page_get_form:
 *
 * Returns: (transfer none) (nullable): the form shown, once the page is
 *   built
 */
CbForm *
cb_page_get_form (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_form (CB_FORM_VIEW (self->form_view)) : NULL;
}

/**
 * cb_page_get_store:
 *
 * Returns: (transfer none) (nullable): where the form keeps its values,
 *   once built
 */
CbFormStore *
cb_page_get_store (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_session_get_store (self->session, self->index) : NULL;
}

/**
 * cb_page_get_form_view:
 *
 * Returns: (transfer none) (nullable): the form view, once built
 */
GtkWidget *
cb_page_get_form_view (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view;
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

  return self->form_view ? cb_form_view_get_row (CB_FORM_VIEW (self->form_view), index) : NULL;
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
 * cb_page_get_setups:
 *
 * Returns: (transfer none) (nullable): the flow box of suggested setups,
 *   once built
 */
GtkWidget *
cb_page_get_setups (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_setups (CB_FORM_VIEW (self->form_view)) : NULL;
}

/**
 * cb_page_get_problems:
 *
 * Returns: (nullable): why the schema file on disk cannot be used, as
 *   shown above the form
 */
const char *
cb_page_get_problems (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->form_view ? cb_form_view_get_problems (CB_FORM_VIEW (self->form_view)) : NULL;
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
 * Returns: whether the page's command is running, or its job has not
 *   ended
 */
gboolean
cb_page_is_running (CbPage *self)
{
  CbExecution *execution;

  g_return_val_if_fail (CB_IS_PAGE (self), FALSE);

  execution = cb_session_get_execution (self->session, self->index);
  return execution != NULL && cb_execution_is_running (execution);
}

/**
 * cb_page_get_slurm_view:
 *
 * Returns: (transfer none) (nullable): the rows of the job's resources,
 *   built the first time the page runs on Slurm
 */
GtkWidget *
cb_page_get_slurm_view (CbPage *self)
{
  g_return_val_if_fail (CB_IS_PAGE (self), NULL);

  return self->slurm_view;
}
