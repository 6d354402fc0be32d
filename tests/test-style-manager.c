/* test-style-manager.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "cb-style-manager.h"
#include "cb-test-util.h"

/* A Settings portal of our own on the session bus of dbus-run-session, on
 * its own connection, as xdg-desktop-portal would be: it answers Read()
 * the way portals before version 2 do (a variant in a variant) and sends
 * SettingChanged.
 */

#define wait_until(cond) cb_test_wait_until (cond, 10)

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Settings'>"
  "    <method name='Read'>"
  "      <arg type='s' name='namespace' direction='in'/>"
  "      <arg type='s' name='key' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <signal name='SettingChanged'>"
  "      <arg type='s' name='namespace'/>"
  "      <arg type='s' name='key'/>"
  "      <arg type='v' name='value'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;
  guint            registration;
  guint            owner;
  gboolean         owned;
  guint32          color_scheme;
  guint            n_reads;
} Portal;

static void
portal_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Portal *portal = user_data;
  const char *namespace, *key;

  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  portal->n_reads++;
  if (!g_str_equal (namespace, "org.freedesktop.appearance") || !g_str_equal (key, "color-scheme"))
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                  "Requested setting not found");
      return;
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(v)", g_variant_new_variant (g_variant_new_uint32 (portal->color_scheme))));
}

static const GDBusInterfaceVTable portal_vtable = { portal_method_call, NULL, NULL };

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Portal *)user_data)->owned = TRUE;
}

static void
portal_start (Portal  *portal,
              guint32  color_scheme)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  portal->color_scheme = color_scheme;
  portal->connection = g_dbus_connection_new_for_address_sync (address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  portal->registration = g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                                            info->interfaces[0], &portal_vtable, portal,
                                                            NULL, &error);
  g_assert_no_error (error);
  portal->owner = g_bus_own_name_on_connection (portal->connection, "org.freedesktop.portal.Desktop",
                                                G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired, NULL,
                                                portal, NULL);
  wait_until (portal->owned);
}

static void
portal_change (Portal  *portal,
               guint32  color_scheme)
{
  g_autoptr(GError) error = NULL;

  portal->color_scheme = color_scheme;
  g_dbus_connection_emit_signal (portal->connection, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", "org.freedesktop.appearance", "color-scheme",
                                                g_variant_new_uint32 (color_scheme)),
                                 &error);
  g_assert_no_error (error);
}

static void
portal_stop (Portal *portal)
{
  g_bus_unown_name (portal->owner);
  g_dbus_connection_unregister_object (portal->connection, portal->registration);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
}

static gboolean
prefers_dark (void)
{
  gboolean dark;

  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

static void
test_style_follows_portal (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(CbStyleManager) manager = NULL;
  Portal portal = { 0 };

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
  portal_start (&portal, 1);

  /* The desktop prefers dark: so does the app, once the portal answered */
  manager = cb_style_manager_new (bus, gtk_settings_get_default ());
  wait_until (cb_style_manager_get_dark (manager));
  g_assert_true (prefers_dark ());
  g_assert_cmpuint (portal.n_reads, ==, 1);

  /* Changes on the desktop follow, without another Read() */
  portal_change (&portal, 2);
  wait_until (!cb_style_manager_get_dark (manager));
  g_assert_false (prefers_dark ());

  portal_change (&portal, 1);
  wait_until (cb_style_manager_get_dark (manager));
  g_assert_true (prefers_dark ());

  /* No preference: GTK's default, which was light here */
  portal_change (&portal, 0);
  wait_until (!cb_style_manager_get_dark (manager));
  g_assert_false (prefers_dark ());
  g_assert_cmpuint (portal.n_reads, ==, 1);

  g_clear_object (&manager);
  portal_stop (&portal);
}

static void
on_get_id (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  *(gboolean *)data = TRUE;
}

static void
test_style_without_portal (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(CbStyleManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean done = FALSE;
  gboolean owned = TRUE;

  /* The portal's name has no owner: the Read() fails, quietly */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.portal.Desktop"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);
  g_assert_false (owned);

  /* GTK's default, here dark, stays */
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  manager = cb_style_manager_new (bus, gtk_settings_get_default ());

  /* The bus answers in order: when a later call's reply is dispatched,
   * the Read()'s error has been handled
   */
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetId", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, on_get_id, &done);
  wait_until (done);
  g_assert_true (cb_style_manager_get_dark (manager));
  g_assert_true (prefers_dark ());

  /* And without a bus at all */
  g_clear_object (&manager);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
  manager = cb_style_manager_new (NULL, gtk_settings_get_default ());
  g_assert_false (cb_style_manager_get_dark (manager));
  g_assert_false (prefers_dark ());
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/follows-portal", test_style_follows_portal);
  g_test_add_func ("/style/without-portal", test_style_without_portal);

  return g_test_run ();
}
