/* cb-command-panel.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-command-panel.h"
#include "cb-wrap.h"

/**
 * CbCommandPanel:
 *
 * The run side of a page: the form's errors and warnings, the command as
 * a shell line (editable, with an "edited" state and Revert) or, on the
 * switcher's second tab, the overrides one per line; Copy; and below
 * them the run view, which takes the rest of the room.
 *
 * Until the user tries to run (#CbCommandPanel:errors-revealed), that a
 * required field has nothing to choose yet is a hint, not an error, as
 * in the field's row.
 *
 * The command wraps at spaces, and inside an argument only when it is
 * longer than a line, with no hyphen added: a hyphen there would read as
 * part of the command.
 *
 * While the page runs on Slurm, a third tab shows the batch script that
 * is submitted, live; it is shown when the page is switched to Slurm.
 * Like the command, it can be edited by hand, says so, and can be
 * reverted; the edited script is kept with the page's values.
 */
struct _CbCommandPanel
{
  GtkWidget       parent_instance;

  CbForm         *form;
  CbSlurmForm    *slurm;
  char           *script_base;  /* the script the values made when it was edited */
  gboolean        shown_slurm;
  char           *shown_overrides;
  char           *shown_messages;
  gboolean        updating;
  gboolean        edited;
  gboolean        compact;
  gboolean        errors_revealed;
  guint           copied_id;
  GtkTextTag     *text_tag;

  GtkWidget      *box;
  GtkWidget      *messages_box;
  GtkWidget      *command_area;
  GtkWidget      *command_stack;
  GtkWidget      *command_scroller;
  GtkWidget      *overrides_scroller;
  GtkWidget      *edited_box;
  GtkWidget      *edited_note;
  GtkWidget      *copy_button;
  GtkWidget      *switcher;
  GtkWidget      *run_box;
  GtkTextView    *command_view;
  GtkTextView    *overrides_view;
  GtkStackPage   *script_page;
  GtkWidget      *script_edited_box;
  GtkWidget      *script_edited_note;
  GtkTextView    *script_view;
};

G_DEFINE_FINAL_TYPE (CbCommandPanel, cb_command_panel, GTK_TYPE_WIDGET)

/* How many of the form's messages the panel shows; the others are counted */
#define MAX_MESSAGES 3

enum {
  PROP_0,
  PROP_ERRORS_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_buffer_text (CbCommandPanel *self,
                 GtkTextView    *view,
                 const char     *text)
{
  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  self->updating = FALSE;
}

static gboolean
is_slurm (CbCommandPanel *self)
{
  return self->slurm != NULL && cb_slurm_form_get_target (self->slurm) == CB_RUN_TARGET_SLURM;
}

/* The command's Edited mark belongs to its tabs, not the script's */
static void
update_edited_box (CbCommandPanel *self)
{
  const char *tab = gtk_stack_get_visible_child_name (GTK_STACK (self->command_stack));

  gtk_widget_set_visible (self->edited_box, self->edited && g_strcmp0 (tab, "script") != 0);
}

static void
set_edited (CbCommandPanel *self,
            gboolean        edited)
{
  if (edited && !self->edited)
    gtk_label_set_text (GTK_LABEL (self->edited_note),
                        is_slurm (self)
                          ? _("A job runs the batch script’s command, not this one.")
                          : _("Changes in the form no longer reach the command."));
  self->edited = edited;
  update_edited_box (self);
}

/* A required field with nothing to choose yet, before the user tried to
 * run: a hint that says what to do first */
static gboolean
is_hint (CbCommandPanel      *self,
         const CbFormMessage *message)
{
  return !self->errors_revealed && message->kind == CB_FORM_MESSAGE_NO_FILE_YET;
}

static void
add_message (CbCommandPanel      *self,
             const CbFormMessage *message)
{
  gboolean hint = is_hint (self, message);
  gboolean warning = message->severity == CB_SEVERITY_WARNING;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (hint ? "dialog-information-symbolic"
                                                  : warning ? "dialog-warning-symbolic"
                                                  : "dialog-error-symbolic");
  g_autofree char *text = NULL;
  GtkWidget *label = gtk_label_new (NULL);

  if (hint)
    {
      CbField *field = cb_schema_get_field (cb_form_get_schema (self->form), message->field);

      /* Translators: %s is a field's label, such as Checkpoint */
      text = g_strdup_printf (_("Nothing to choose for %s yet. Run a training first: "
                                "the checkpoints it writes appear there."), field->label);
    }

  gtk_widget_add_css_class (row, "cb-message");
  if (hint)
    gtk_widget_add_css_class (row, "hint");
  else if (warning)
    gtk_widget_add_css_class (row, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  cb_wrap_set_text (label, text != NULL ? text : message->message);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (self->messages_box), row);
}

static void
update_messages (CbCommandPanel *self)
{
  GPtrArray *messages = cb_form_get_messages (self->form);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  /* Most changes leave the messages as they were */
  for (guint i = 0; i < messages->len; i++)
    {
      const CbFormMessage *d = g_ptr_array_index (messages, i);

      g_string_append_printf (key, "%d%d%s\n", d->severity, is_hint (self, d), d->message);
    }
  if (g_strcmp0 (key->str, self->shown_messages) == 0)
    return;
  g_free (self->shown_messages);
  self->shown_messages = g_string_free (g_steal_pointer (&key), FALSE);

  while ((child = gtk_widget_get_first_child (self->messages_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->messages_box), child);

  /* Each field shows its own message too: the panel shows the first few,
   * in a box, not a scrolled window, which GTK 4.8 sizes for its
   * content's natural width, so that wrapped lines were cut */
  for (guint i = 0; i < messages->len && i < MAX_MESSAGES; i++)
    add_message (self, g_ptr_array_index (messages, i));
  if (messages->len > MAX_MESSAGES)
    {
      guint more = messages->len - MAX_MESSAGES;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more message in the form",
                                                            "And %u more messages in the form",
                                                            more), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->messages_box), label);
    }

  gtk_widget_set_visible (self->messages_box, messages->len > 0 && !self->compact);
}

static void
update (CbCommandPanel *self)
{
  g_autofree char *overrides = g_strjoinv ("\n", (char **)cb_form_get_overrides (self->form));

  if (!self->edited)
    set_buffer_text (self, self->command_view, cb_form_get_display (self->form));
  else
    gtk_label_set_text (GTK_LABEL (self->edited_note),
                        _("The form changed after you edited the command."));

  if (g_strcmp0 (overrides, self->shown_overrides) != 0)
    {
      set_buffer_text (self, self->overrides_view, overrides);
      g_free (self->shown_overrides);
      self->shown_overrides = g_steal_pointer (&overrides);
    }
  update_messages (self);
}

/* Text tags have no default: the tag that turns hyphens off covers the
 * whole command, typed text included */
static void
cover_with_text_tag (CbCommandPanel *self,
                     GtkTextBuffer  *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->text_tag, &start, &end);
}

static void
on_command_changed (CbCommandPanel *self,
                    GtkTextBuffer  *buffer)
{
  g_autofree char *text = NULL;

  cover_with_text_tag (self, buffer);
  if (self->updating)
    return;

  text = cb_command_panel_get_text (self);
  set_edited (self, g_strcmp0 (text, cb_form_get_display (self->form)) != 0);
}

static void
on_revert_clicked (CbCommandPanel *self)
{
  cb_command_panel_revert (self);
}

static void
cover_overrides (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "text", &start, &end);
}

static void show_copied (CbCommandPanel *self,
                         gboolean        copied);

/* The batch script */

static char *
get_script_text (CbCommandPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->script_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_script_edited (CbCommandPanel *self)
{
  const char *generated = cb_slurm_form_get_generated_script (self->slurm);
  gboolean edited = cb_slurm_form_is_script_edited (self->slurm);

  if (!edited)
    g_clear_pointer (&self->script_base, g_free);
  else if (self->script_base == NULL)
    self->script_base = g_strdup (generated);
  gtk_widget_set_visible (self->script_edited_box, edited);
  gtk_label_set_text (GTK_LABEL (self->script_edited_note),
                      edited && g_strcmp0 (generated, self->script_base) != 0
                        ? _("The form or the job’s resources changed after you edited the "
                            "script.")
                        : _("Changes in the form no longer reach the script."));
}

/* The tab follows the target: switched to Slurm, the script is what the
 * user wants to see; the script follows the form, unless edited */
static void
update_script (CbCommandPanel *self)
{
  gboolean slurm = is_slurm (self);
  g_autofree char *shown = NULL;
  const char *script;

  gtk_stack_page_set_visible (self->script_page, slurm);
  /* Three tabs fit a phone's width only closer together */
  if (slurm)
    gtk_widget_add_css_class (self->switcher, "compact");
  else
    gtk_widget_remove_css_class (self->switcher, "compact");
  if (slurm != self->shown_slurm)
    {
      self->shown_slurm = slurm;
      gtk_stack_set_visible_child_name (GTK_STACK (self->command_stack),
                                        slurm ? "script" : "command");
    }
  if (!slurm)
    return;

  script = cb_slurm_form_get_script (self->slurm);
  shown = get_script_text (self);
  if (g_strcmp0 (shown, script ? script : "") != 0)
    set_buffer_text (self, self->script_view, script ? script : "");
  update_script_edited (self);
}

static void
on_script_changed (CbCommandPanel *self,
                   GtkTextBuffer  *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "text", &start, &end);
  if (self->updating || self->slurm == NULL)
    return;

  text = get_script_text (self);
  cb_slurm_form_set_edited_script (self->slurm, text);
}

static void
on_script_revert_clicked (CbCommandPanel *self)
{
  cb_command_panel_revert_script (self);
}

static void
on_tab_changed (CbCommandPanel *self)
{
  update_edited_box (self);
  show_copied (self, self->copied_id != 0);
}

static void
init_script (CbCommandPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->script_view);

  gtk_text_buffer_create_tag (buffer, "text", "insert-hyphens", FALSE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->script_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Batch Script"), -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_script_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->command_stack, "notify::visible-child-name",
                           G_CALLBACK (on_tab_changed), self, G_CONNECT_SWAPPED);
}

static void
cb_command_panel_dispose (GObject *object)
{
  CbCommandPanel *self = CB_COMMAND_PANEL (object);

  g_clear_handle_id (&self->copied_id, g_source_remove);
  g_clear_pointer (&self->shown_overrides, g_free);
  g_clear_pointer (&self->shown_messages, g_free);
  g_clear_pointer (&self->script_base, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_COMMAND_PANEL);
  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_clear_object (&self->slurm);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (cb_command_panel_parent_class)->dispose (object);
}

static void
cb_command_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbCommandPanel *self = CB_COMMAND_PANEL (object);

  switch (prop_id)
    {
    case PROP_ERRORS_REVEALED:
      g_value_set_boolean (value, self->errors_revealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_command_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CbCommandPanel *self = CB_COMMAND_PANEL (object);

  switch (prop_id)
    {
    case PROP_ERRORS_REVEALED:
      cb_command_panel_set_errors_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_command_panel_class_init (CbCommandPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_command_panel_dispose;
  object_class->get_property = cb_command_panel_get_property;
  object_class->set_property = cb_command_panel_set_property;

  /**
   * CbCommandPanel:errors-revealed:
   *
   * Whether the user tried to run the form, as #CbFormView:errors-revealed:
   * until then, a required field with nothing to choose yet is a hint.
   */
  properties[PROP_ERRORS_REVEALED] =
    g_param_spec_boolean ("errors-revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cb-command-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, messages_box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, command_area);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, command_stack);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, command_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, overrides_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, edited_box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, edited_note);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, switcher);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, run_box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, command_view);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, overrides_view);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, script_page);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, script_edited_box);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, script_edited_note);
  gtk_widget_class_bind_template_child (widget_class, CbCommandPanel, script_view);
  gtk_widget_class_bind_template_callback (widget_class, on_revert_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_script_revert_clicked);
}

static void
cb_command_panel_init (CbCommandPanel *self)
{
  GtkTextBuffer *overrides;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->command_view),
                                               "text",
                                               "insert-hyphens", FALSE, NULL);
  overrides = gtk_text_view_get_buffer (self->overrides_view);
  gtk_text_buffer_create_tag (overrides, "text", "insert-hyphens", FALSE, NULL);
  g_signal_connect_swapped (overrides, "changed", G_CALLBACK (cover_overrides), overrides);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->command_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Command"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overrides_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overrides"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->command_view), "changed",
                           G_CALLBACK (on_command_changed), self, G_CONNECT_SWAPPED);
  init_script (self);
}

GtkWidget *
cb_command_panel_new (CbForm *form)
{
  CbCommandPanel *self;

  g_return_val_if_fail (CB_IS_FORM (form), NULL);

  self = g_object_new (CB_TYPE_COMMAND_PANEL, NULL);
  cb_command_panel_set_form (self, form);

  return GTK_WIDGET (self);
}

/**
 * cb_command_panel_get_text:
 *
 * Returns: (transfer full): the command as shown: the form's, or the one
 *   the user edited
 */
char *
cb_command_panel_get_text (CbCommandPanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), NULL);

  buffer = gtk_text_view_get_buffer (self->command_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
cb_command_panel_get_edited (CbCommandPanel *self)
{
  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), FALSE);

  return self->edited;
}

/**
 * cb_command_panel_revert:
 *
 * Drops the user's edits: the command is the form's again.
 */
void
cb_command_panel_revert (CbCommandPanel *self)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  set_edited (self, FALSE);
  set_buffer_text (self, self->command_view, cb_form_get_display (self->form));
}

static gboolean
showing_script (CbCommandPanel *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->command_stack)),
                    "script") == 0;
}

/* Copy says it copied for a moment, in place: a label beside it would
 * widen the panel */
static void
show_copied (CbCommandPanel *self,
             gboolean        copied)
{
  gboolean script = showing_script (self);
  const char *tip = copied ? _("Copied")
                  : script ? _("Copy the Batch Script (Ctrl+Shift+C)")
                  : _("Copy the Command (Ctrl+Shift+C)");

  gtk_button_set_icon_name (GTK_BUTTON (self->copy_button),
                            copied ? "object-select-symbolic" : "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (self->copy_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  copied ? _("Copied")
                                  : script ? _("Copy the Batch Script") : _("Copy the Command"),
                                  -1);
}

static gboolean
hide_copied (gpointer user_data)
{
  CbCommandPanel *self = user_data;

  self->copied_id = 0;
  show_copied (self, FALSE);
  return G_SOURCE_REMOVE;
}

/**
 * cb_command_panel_copy:
 *
 * Copies the command, as shown, to the clipboard; or the batch script,
 * when its tab shows.
 */
void
cb_command_panel_copy (CbCommandPanel *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  text = showing_script (self) ? get_script_text (self) : cb_command_panel_get_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  show_copied (self, TRUE);
  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied_id = g_timeout_add_seconds (2, hide_copied, self);
}

/**
 * cb_command_panel_get_run_box:
 *
 * Returns: (transfer none): the box under the command where the run
 *   controls go
 */
GtkWidget *
cb_command_panel_get_run_box (CbCommandPanel *self)
{
  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), NULL);

  return self->run_box;
}

/**
 * cb_command_panel_set_below:
 * @below: whether the panel is the page's only column (a narrow window),
 *   rather than beside the form
 */
void
cb_command_panel_set_below (CbCommandPanel *self,
                            gboolean        below)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  if (below)
    gtk_widget_add_css_class (GTK_WIDGET (self), "below");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "below");
}

/**
 * cb_command_panel_set_compact:
 * @compact: whether the run view gets all the panel: the command and the
 *   form's messages are hidden while the output is enlarged
 */
void
cb_command_panel_set_compact (CbCommandPanel *self,
                              gboolean        compact)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  self->compact = compact;
  gtk_widget_set_visible (self->command_area, !compact);
  g_clear_pointer (&self->shown_messages, g_free);
  update_messages (self);
}

/**
 * cb_command_panel_set_errors_revealed:
 * @revealed: whether the user tried to run the form
 *
 * Sets #CbCommandPanel:errors-revealed.
 */
void
cb_command_panel_set_errors_revealed (CbCommandPanel *self,
                                      gboolean        revealed)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  revealed = !!revealed;
  if (self->errors_revealed == revealed)
    return;
  self->errors_revealed = revealed;
  if (self->form != NULL)
    update_messages (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERRORS_REVEALED]);
}

/**
 * cb_command_panel_set_command_height:
 * @height: the most height the command takes, in pixels, before it
 *   scrolls: what the output leaves it
 */
void
cb_command_panel_set_command_height (CbCommandPanel *self,
                                     int             height)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  GtkScrolledWindow *command = GTK_SCROLLED_WINDOW (self->command_scroller);

  if (gtk_scrolled_window_get_max_content_height (command) == height)
    return;
  gtk_scrolled_window_set_max_content_height (command, height);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->overrides_scroller),
                                              height);
}

/**
 * cb_command_panel_show_overrides:
 * @overrides: whether the overrides show, rather than the command
 */
void
cb_command_panel_show_overrides (CbCommandPanel *self,
                                 gboolean        overrides)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->command_stack),
                                    overrides ? "overrides" : "command");
}

/**
 * cb_command_panel_set_form:
 *
 * Shows the command of another form: the one of a reloaded schema.
 */
void
cb_command_panel_set_form (CbCommandPanel *self,
                           CbForm         *form)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));
  g_return_if_fail (CB_IS_FORM (form));

  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  g_set_object (&self->form, form);
  g_signal_connect_object (form, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * cb_command_panel_set_slurm_form:
 * @slurm: (nullable): the page's Slurm side, when the project has a
 *   `slurm:` section: its batch script shows while the page runs on Slurm
 */
void
cb_command_panel_set_slurm_form (CbCommandPanel *self,
                                 CbSlurmForm    *slurm)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));
  g_return_if_fail (slurm == NULL || CB_IS_SLURM_FORM (slurm));

  if (self->slurm != NULL)
    g_signal_handlers_disconnect_by_data (self->slurm, self);
  g_set_object (&self->slurm, slurm);
  g_clear_pointer (&self->script_base, g_free);
  if (slurm != NULL)
    g_signal_connect_object (slurm, "changed", G_CALLBACK (update_script), self,
                             G_CONNECT_SWAPPED);
  update_script (self);
}

/**
 * cb_command_panel_get_script_text:
 *
 * Returns: (transfer full): the batch script, as shown
 */
char *
cb_command_panel_get_script_text (CbCommandPanel *self)
{
  g_return_val_if_fail (CB_IS_COMMAND_PANEL (self), NULL);

  return get_script_text (self);
}

/**
 * cb_command_panel_revert_script:
 *
 * Drops the user's edits of the batch script: it is the one the page's
 * values make again.
 */
void
cb_command_panel_revert_script (CbCommandPanel *self)
{
  g_return_if_fail (CB_IS_COMMAND_PANEL (self));

  if (self->slurm != NULL)
    cb_slurm_form_set_edited_script (self->slurm, NULL);
}
