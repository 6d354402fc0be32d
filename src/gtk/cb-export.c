/* cb-export.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-export.h"

/* Exports: where a file goes, asked with the desktop's own file chooser
 * (the portal's in a sandbox), and what went wrong, said in a dialog.
 * The curves, the comparison and a chart's image share them.
 */

#define CHOOSER_KEY "cb-export-chooser"

typedef struct
{
  GtkWidget      *widget;
  CbExportFunc    func;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Request;

static void
request_free (Request *request)
{
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_clear_weak_pointer (&request->widget);
  g_free (request);
}

/* A widget that goes takes its chooser with it */
static void
chooser_free (GtkNativeDialog *chooser)
{
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_response (GtkNativeDialog *chooser,
             int              response,
             Request         *request)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkWidget) widget = request->widget ? g_object_ref (request->widget) : NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_object_ref (chooser);
  gtk_native_dialog_hide (chooser);
  if (file != NULL && widget != NULL)
    request->func (widget, file, request->user_data);

  /* Destroying the chooser frees the request, with its handler */
  if (widget != NULL && g_object_get_data (G_OBJECT (widget), CHOOSER_KEY) == chooser)
    g_object_set_data (G_OBJECT (widget), CHOOSER_KEY, NULL);
  else
    gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * cb_export_choose_file:
 * @widget: the widget whose window the chooser belongs to
 * @title: the chooser's title, such as "Export the Metrics"
 * @suggested_name: the file name offered
 * @func: what writes the file, once chosen; not called when the user
 *   cancels
 *
 * Asks where to save an export: a #GtkFileChooserNative, modal to
 * @widget's window. One at a time for a widget: a second request
 * replaces the first.
 */
void
cb_export_choose_file (GtkWidget      *widget,
                       const char     *title,
                       const char     *suggested_name,
                       CbExportFunc    func,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  Request *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);

  request = g_new0 (Request, 1);
  g_set_weak_pointer (&request->widget, widget);
  request->func = func;
  request->user_data = user_data;
  request->destroy = destroy;
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_response), request,
                         (GClosureNotify)(void (*)(void))request_free, 0);

  g_object_set_data_full (G_OBJECT (widget), CHOOSER_KEY, chooser, (GDestroyNotify)chooser_free);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * cb_export_get_chooser:
 *
 * Returns: (transfer none) (nullable): the #GtkFileChooserNative that
 *   @widget shows, until the user answers it
 */
GtkWidget *
cb_export_get_chooser (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), CHOOSER_KEY);
}

/**
 * cb_export_show_error:
 * @title: what could not be done, as a dialog's title
 * @error: why: its message names the file
 *
 * Says in a dialog, over @widget's window, why an export failed.
 */
void
cb_export_show_error (GtkWidget    *widget,
                      const char   *title,
                      const GError *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_CLOSE, "%s", title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cb_export_file_name:
 * @first: the first part of the name
 * @...: more parts, then the extension with its dot, then %NULL
 *
 * A file name made of the parts, joined by `-`, with what a file name
 * should not have (a `/`, spaces) turned into `_`: a metric such as
 * `val/hmean` gives `train-val_hmean.png`.
 *
 * Returns: (transfer full): the name
 */
char *
cb_export_file_name (const char *first,
                     ...)
{
  GString *name = g_string_new (NULL);
  const char *part;
  va_list args;

  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    {
      if (part[0] == '.')
        {
          g_string_append (name, part);
          continue;
        }
      if (name->len > 0)
        g_string_append_c (name, '-');
      for (const char *p = part; *p != '\0'; p++)
        g_string_append_c (name, strchr ("/\\ :*?\"<>|", *p) != NULL ? '_' : *p);
    }
  va_end (args);

  return g_string_free (name, FALSE);
}
