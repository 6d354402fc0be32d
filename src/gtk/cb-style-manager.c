/* cb-style-manager.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-style-manager.h"

/**
 * CbStyleManager:
 *
 * Follows the desktop's colour scheme: reads `color-scheme` of the
 * `org.freedesktop.appearance` namespace from the Settings portal, watches
 * its changes, and sets #GtkSettings:gtk-application-prefer-dark-theme.
 * Without a portal, GTK's default stays.
 */

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"
#define APPEARANCE       "org.freedesktop.appearance"
#define COLOR_SCHEME     "color-scheme"

/* The values of color-scheme */
enum {
  NO_PREFERENCE = 0,
  PREFER_DARK   = 1,
  PREFER_LIGHT  = 2,
};

struct _CbStyleManager
{
  GObject          parent_instance;

  GDBusConnection *bus;
  GtkSettings     *settings;
  GCancellable    *cancellable;
  guint            subscription;
  gboolean         default_dark;   /* GTK's own choice, for "no preference" */
  gboolean         dark;
};

G_DEFINE_FINAL_TYPE (CbStyleManager, cb_style_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply (CbStyleManager *self,
       GVariant       *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);
  gboolean dark;

  /* Portals before version 2 wrap the value in one more variant */
  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *unwrapped = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = unwrapped;
    }
  if (!g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    return;

  switch (g_variant_get_uint32 (inner))
    {
    case PREFER_DARK:
      dark = TRUE;
      break;
    case PREFER_LIGHT:
      dark = FALSE;
      break;
    case NO_PREFERENCE:
    default:
      dark = self->default_dark;
      break;
    }

  g_object_set (self->settings, "gtk-application-prefer-dark-theme", dark, NULL);
  if (dark != self->dark)
    {
      self->dark = dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
    }
}

static void
on_setting_changed (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  CbStyleManager *self = user_data;
  const char *namespace, *key;
  g_autoptr(GVariant) value = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;

  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE) && g_str_equal (key, COLOR_SCHEME))
    apply (self, value);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CbStyleManager *self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  /* Disposing cancels the call: then @self is gone */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No portal, or one without the setting: GTK's default stays */
  if (reply == NULL)
    {
      g_debug ("No colour scheme from the Settings portal: %s", error->message);
      return;
    }

  g_variant_get (reply, "(v)", &value);
  apply (self, value);
}

static void
cb_style_manager_dispose (GObject *object)
{
  CbStyleManager *self = CB_STYLE_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->subscription != 0)
    {
      g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
      self->subscription = 0;
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->bus);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_style_manager_parent_class)->dispose (object);
}

static void
cb_style_manager_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbStyleManager *self = CB_STYLE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_style_manager_class_init (CbStyleManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_style_manager_dispose;
  object_class->get_property = cb_style_manager_get_property;

  /**
   * CbStyleManager:dark:
   *
   * Whether the dark style is in use.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_style_manager_init (CbStyleManager *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * cb_style_manager_new:
 * @bus: (nullable): the session bus, or %NULL to keep GTK's default
 * @settings: the settings of the display to style
 *
 * Starts following the desktop's colour scheme; the answer comes
 * asynchronously, so start-up does not wait for the portal.
 */
CbStyleManager *
cb_style_manager_new (GDBusConnection *bus,
                      GtkSettings     *settings)
{
  CbStyleManager *self;

  g_return_val_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus), NULL);
  g_return_val_if_fail (GTK_IS_SETTINGS (settings), NULL);

  self = g_object_new (CB_TYPE_STYLE_MANAGER, NULL);
  self->settings = g_object_ref (settings);
  g_object_get (settings, "gtk-application-prefer-dark-theme", &self->default_dark, NULL);
  self->dark = self->default_dark;

  if (bus == NULL)
    return self;

  self->bus = g_object_ref (bus);
  self->subscription =
    g_dbus_connection_signal_subscribe (bus, PORTAL_NAME, PORTAL_SETTINGS, "SettingChanged",
                                        PORTAL_PATH, APPEARANCE, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_setting_changed, self, NULL);
  g_dbus_connection_call (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                          g_variant_new ("(ss)", APPEARANCE, COLOR_SCHEME),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_read, self);
  return self;
}

/**
 * cb_style_manager_get_dark:
 *
 * Returns: whether the dark style is in use
 */
gboolean
cb_style_manager_get_dark (CbStyleManager *self)
{
  g_return_val_if_fail (CB_IS_STYLE_MANAGER (self), FALSE);

  return self->dark;
}
