/* cb-yaml.c
 *
 * Copyright 2026 Command Builder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <yaml.h>

#include "cb-error.h"
#include "cb-translation.h"
#include "cb-yaml.h"

/* A document tree that remembers where every node came from, so that
 * every later complaint about a schema can name file, line and column.
 * Aliases share the anchored node instead of copying it.
 */
struct _CbNode
{
  gatomicrefcount  ref_count;
  CbNodeKind       kind;
  guint            line;
  guint            column;
  guint            plain : 1;
  guint            weight;
  char            *file;     /* GRefString */
  char            *scalar;
  GPtrArray       *children; /* mappings alternate key, value */
};

G_DEFINE_BOXED_TYPE (CbNode, cb_node, cb_node_ref, cb_node_unref)

static CbNode *
cb_node_new (CbNodeKind  kind,
             const char *file,
             const yaml_mark_t *mark)
{
  CbNode *self = g_new0 (CbNode, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->file = file ? g_ref_string_acquire ((char *)file) : NULL;
  self->line = mark->line + 1;
  self->column = mark->column + 1;
  self->weight = 1;
  if (kind != CB_NODE_SCALAR)
    self->children = g_ptr_array_new_with_free_func ((GDestroyNotify)cb_node_unref);

  return self;
}

CbNode *
cb_node_ref (CbNode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cb_node_unref (CbNode *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->file, g_ref_string_release);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_free (self->scalar);
  g_free (self);
}

CbNodeKind
cb_node_get_kind (const CbNode *self)
{
  return self->kind;
}

const char *
cb_node_get_file (const CbNode *self)
{
  return self->file;
}

guint
cb_node_get_line (const CbNode *self)
{
  return self->line;
}

guint
cb_node_get_column (const CbNode *self)
{
  return self->column;
}

/**
 * cb_node_get_scalar:
 *
 * Returns: (nullable): the text of a scalar, %NULL for other kinds
 */
const char *
cb_node_get_scalar (const CbNode *self)
{
  return self->kind == CB_NODE_SCALAR ? self->scalar : NULL;
}

/**
 * cb_node_is_plain:
 *
 * Returns: whether a scalar was written without quotes, so that `32` is a
 *   number and `"32"` a string
 */
gboolean
cb_node_is_plain (const CbNode *self)
{
  return self->kind == CB_NODE_SCALAR && self->plain;
}

gboolean
cb_node_is_null (const CbNode *self)
{
  const char *s;

  if (self == NULL)
    return TRUE;
  if (!cb_node_is_plain (self))
    return FALSE;

  s = self->scalar;

  return s[0] == '\0' ||
         strcmp (s, "~") == 0 ||
         strcmp (s, "null") == 0 ||
         strcmp (s, "Null") == 0 ||
         strcmp (s, "NULL") == 0;
}

guint
cb_node_get_n_children (const CbNode *self)
{
  if (self->children == NULL)
    return 0;
  if (self->kind == CB_NODE_MAPPING)
    return self->children->len / 2;
  return self->children->len;
}

/**
 * cb_node_get_child:
 *
 * Returns: (transfer none): the @index-th item of a sequence, or the value
 *   of the @index-th pair of a mapping
 */
CbNode *
cb_node_get_child (const CbNode *self,
                   guint         index)
{
  g_return_val_if_fail (index < cb_node_get_n_children (self), NULL);

  if (self->kind == CB_NODE_MAPPING)
    return g_ptr_array_index (self->children, index * 2 + 1);
  return g_ptr_array_index (self->children, index);
}

/**
 * cb_node_get_key:
 *
 * Returns: (transfer none): the key of the @index-th pair of a mapping
 */
CbNode *
cb_node_get_key (const CbNode *self,
                 guint         index)
{
  g_return_val_if_fail (self->kind == CB_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < cb_node_get_n_children (self), NULL);

  return g_ptr_array_index (self->children, index * 2);
}

/**
 * cb_node_lookup:
 *
 * Returns: (transfer none) (nullable): the value for the scalar key @key in
 *   a mapping, or %NULL if @self is not a mapping or has no such key
 */
CbNode *
cb_node_lookup (const CbNode *self,
                const char   *key)
{
  if (self == NULL || self->kind != CB_NODE_MAPPING)
    return NULL;

  for (guint i = 0; i + 1 < self->children->len; i += 2)
    {
      const CbNode *k = g_ptr_array_index (self->children, i);

      if (k->kind == CB_NODE_SCALAR && strcmp (k->scalar, key) == 0)
        return g_ptr_array_index (self->children, i + 1);
    }

  return NULL;
}

const char *
cb_node_kind_to_string (CbNodeKind kind)
{
  switch (kind)
    {
    case CB_NODE_SCALAR:
      return _("a value");
    case CB_NODE_SEQUENCE:
      return _("a list");
    case CB_NODE_MAPPING:
      return _("a mapping");
    default:
      g_assert_not_reached ();
    }
}

gboolean
cb_node_get_boolean (const CbNode *self,
                     gboolean     *value)
{
  static const char * const truths[] = { "true", "True", "TRUE", NULL };
  static const char * const lies[] = { "false", "False", "FALSE", NULL };

  if (!cb_node_is_plain (self))
    return FALSE;

  if (g_strv_contains (truths, self->scalar))
    *value = TRUE;
  else if (g_strv_contains (lies, self->scalar))
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

gboolean
cb_node_get_int64 (const CbNode *self,
                   gint64       *value)
{
  const char *s;
  const char *digits;
  guint base = 10;
  char *end = NULL;
  gint64 v;

  if (!cb_node_is_plain (self) || self->scalar[0] == '\0')
    return FALSE;

  s = self->scalar;
  digits = s;
  if (*digits == '-' || *digits == '+')
    digits++;
  if (g_str_has_prefix (digits, "0x"))
    base = 16;
  else if (g_str_has_prefix (digits, "0o"))
    base = 8;

  if (base != 10)
    {
      guint64 u;

      if (digits != s)
        return FALSE;
      errno = 0;
      u = g_ascii_strtoull (digits + 2, &end, base);
      if (errno != 0 || end == digits + 2 || *end != '\0' || u > G_MAXINT64)
        return FALSE;
      *value = (gint64)u;
      return TRUE;
    }

  for (const char *p = digits; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (*digits == '\0')
    return FALSE;

  errno = 0;
  v = g_ascii_strtoll (s, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;

  *value = v;
  return TRUE;
}

gboolean
cb_node_get_double (const CbNode *self,
                    double       *value)
{
  const char *s;
  const char *p;
  gboolean mantissa = FALSE;
  gint64 i;

  if (!cb_node_is_plain (self) || self->scalar[0] == '\0')
    return FALSE;

  if (cb_node_get_int64 (self, &i))
    {
      *value = (double)i;
      return TRUE;
    }

  s = self->scalar;
  p = s;
  if (*p == '-' || *p == '+')
    p++;

  if (strcmp (p, ".inf") == 0 || strcmp (p, ".Inf") == 0 || strcmp (p, ".INF") == 0)
    {
      *value = s[0] == '-' ? -INFINITY : INFINITY;
      return TRUE;
    }
  if (p == s && (strcmp (p, ".nan") == 0 || strcmp (p, ".NaN") == 0 || strcmp (p, ".NAN") == 0))
    {
      *value = NAN;
      return TRUE;
    }

  /* YAML 1.2 core schema: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
  while (g_ascii_isdigit (*p))
    p++, mantissa = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, mantissa = TRUE;
    }
  if (!mantissa)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  *value = g_ascii_strtod (s, NULL);
  return TRUE;
}

static GVariant *
null_variant (void)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
}

/**
 * cb_node_to_variant:
 *
 * Converts a tree to a #GVariant with the YAML core schema's types: `b`,
 * `x`, `d` and `s` for scalars, `av` for sequences, `a{sv}` for mappings
 * (keys as written) and an empty `mv` for a null inside a container.
 *
 * Returns: (transfer full) (nullable): a floating-free variant, or %NULL
 *   when @self is a null scalar
 */
GVariant *
cb_node_to_variant (const CbNode *self)
{
  GVariantBuilder builder;
  gboolean b;
  gint64 i;
  double d;

  switch (self->kind)
    {
    case CB_NODE_SCALAR:
      if (cb_node_is_null (self))
        return NULL;
      if (cb_node_get_boolean (self, &b))
        return g_variant_ref_sink (g_variant_new_boolean (b));
      if (cb_node_get_int64 (self, &i))
        return g_variant_ref_sink (g_variant_new_int64 (i));
      if (cb_node_get_double (self, &d))
        return g_variant_ref_sink (g_variant_new_double (d));
      return g_variant_ref_sink (g_variant_new_string (self->scalar));

    case CB_NODE_SEQUENCE:
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
      for (guint n = 0; n < self->children->len; n++)
        {
          g_autoptr(GVariant) child = cb_node_to_variant (g_ptr_array_index (self->children, n));

          g_variant_builder_add (&builder, "v", child ? child : null_variant ());
        }
      return g_variant_ref_sink (g_variant_builder_end (&builder));

    case CB_NODE_MAPPING:
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
      for (guint n = 0; n + 1 < self->children->len; n += 2)
        {
          const CbNode *key = g_ptr_array_index (self->children, n);
          g_autoptr(GVariant) child = NULL;

          if (key->kind != CB_NODE_SCALAR)
            continue;
          child = cb_node_to_variant (g_ptr_array_index (self->children, n + 1));
          g_variant_builder_add (&builder, "{sv}", key->scalar, child ? child : null_variant ());
        }
      return g_variant_ref_sink (g_variant_builder_end (&builder));

    default:
      g_assert_not_reached ();
    }
}

static void
fingerprint_node (GChecksum    *checksum,
                  const CbNode *node)
{
  char header[32];

  g_snprintf (header, sizeof header, "%d:%d:%u:", node->kind, node->plain,
              node->children ? node->children->len : 0);
  g_checksum_update (checksum, (const guchar *)header, -1);
  if (node->scalar != NULL)
    g_checksum_update (checksum, (const guchar *)node->scalar, strlen (node->scalar) + 1);
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    fingerprint_node (checksum, g_ptr_array_index (node->children, i));
}

/**
 * cb_node_fingerprint:
 *
 * Returns: (transfer full): a checksum of the tree's content, not of its
 *   location: two trees that say the same thing have the same fingerprint
 */
char *
cb_node_fingerprint (const CbNode *self)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);

  fingerprint_node (checksum, self);
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * cb_node_get_unknown_keys:
 * @known: the keys the mapping may have
 * @translatable: (nullable): those of @known that may also be given
 *   translated, as `label[ko]`
 *
 * Returns: (transfer container) (element-type CbNode): the key nodes of
 *   the mapping @self that are not known, in file order
 */
GPtrArray *
cb_node_get_unknown_keys (const CbNode       *self,
                          const char * const *known,
                          const char * const *translatable)
{
  GPtrArray *unknown = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, unknown);

  for (guint i = 0; i < cb_node_get_n_children (self); i++)
    {
      CbNode *key = cb_node_get_key (self, i);
      const char *name = cb_node_get_scalar (key);
      g_autofree char *base = cb_translation_base (name);

      if (name != NULL && g_strv_contains (known, name))
        continue;
      if (base != NULL && translatable != NULL && g_strv_contains (translatable, base) &&
          g_strv_contains (known, base))
        continue;

      g_ptr_array_add (unknown, key);
    }

  return unknown;
}

char *
cb_node_get_location (const CbNode *self)
{
  if (self->file == NULL)
    return g_strdup_printf ("%u:%u", self->line, self->column);
  return g_strdup_printf ("%s:%u:%u", self->file, self->line, self->column);
}

/**
 * cb_node_set_error:
 *
 * Sets @error to a #CB_ERROR whose message starts with the location of
 * @self, `file:line:column: `.
 */
void
cb_node_set_error (const CbNode  *self,
                   GError       **error,
                   int            code,
                   const char    *format,
                   ...)
{
  g_autofree char *location = cb_node_get_location (self);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CB_ERROR, code, "%s: %s", location, message);
}

/* Parsing */

typedef struct
{
  CbNode     *node;
  GHashTable *keys; /* of a mapping, to find keys given twice */
} Open;

typedef struct
{
  const char  *file;
  const char  *data;
  gsize        length;
  GArray      *stack; /* of Open */
  GHashTable  *anchors;
  CbNode      *root;
  guint64      total_weight;
} Loader;

static void
clear_open (gpointer data)
{
  Open *open = data;

  g_clear_pointer (&open->keys, g_hash_table_unref);
  g_clear_pointer (&open->node, cb_node_unref);
}

static void
offset_to_position (const char *data,
                    gsize       length,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  const char *p = data;
  const char *end = data + MIN (offset, length);
  const char *line_start = data;

  *line = 1;
  for (; p < end; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }

  /* Count characters, not bytes, up to the bad byte */
  *column = (guint)g_utf8_strlen (line_start, end - line_start) + 1;
}

static void
set_parser_error (Loader         *loader,
                  yaml_parser_t  *parser,
                  GError        **error)
{
  const char *file = loader->file ? loader->file : "<input>";
  guint line;
  guint column;

  if (parser->error == YAML_READER_ERROR)
    {
      offset_to_position (loader->data, loader->length, parser->problem_offset, &line, &column);
      g_set_error (error, CB_ERROR, CB_ERROR_PARSE,
                   _("%s:%u:%u: the file is not valid UTF-8 text (%s)"),
                   file, line, column, parser->problem);
      return;
    }

  if (parser->error == YAML_MEMORY_ERROR)
    {
      g_set_error (error, CB_ERROR, CB_ERROR_TOO_LARGE,
                   _("%s: out of memory while reading YAML"), file);
      return;
    }

  line = parser->problem_mark.line + 1;
  column = parser->problem_mark.column + 1;

  if (parser->context != NULL)
    g_set_error (error, CB_ERROR, CB_ERROR_PARSE,
                 _("%s:%u:%u: YAML syntax error: %s %s"),
                 file, line, column, parser->problem, parser->context);
  else
    g_set_error (error, CB_ERROR, CB_ERROR_PARSE,
                 _("%s:%u:%u: YAML syntax error: %s"),
                 file, line, column, parser->problem ? parser->problem : _("unknown problem"));
}

/* Adds @node below the innermost open container, or makes it the root */
static gboolean
loader_add (Loader  *loader,
            CbNode  *node,
            GError **error)
{
  Open *parent;

  loader->total_weight += node->weight;
  if (loader->total_weight > CB_YAML_MAX_NODES)
    {
      cb_node_set_error (node, error, CB_ERROR_TOO_LARGE,
                         _("the document expands to more than %u values "
                           "(through aliases); it is not read"),
                         CB_YAML_MAX_NODES);
      return FALSE;
    }

  if (loader->stack->len == 0)
    {
      if (loader->root == NULL)
        loader->root = cb_node_ref (node);
      return TRUE;
    }

  parent = &g_array_index (loader->stack, Open, loader->stack->len - 1);

  if (parent->keys != NULL && parent->node->children->len % 2 == 0 &&
      node->kind == CB_NODE_SCALAR && !g_hash_table_add (parent->keys, node->scalar))
    {
      cb_node_set_error (node, error, CB_ERROR_PARSE, _("the key “%s” is given twice"),
                         node->scalar);
      return FALSE;
    }

  g_ptr_array_add (parent->node->children, cb_node_ref (node));
  return TRUE;
}

static void
loader_set_anchor (Loader        *loader,
                   const guchar  *anchor,
                   CbNode        *node)
{
  if (anchor != NULL)
    g_hash_table_replace (loader->anchors, g_strdup ((const char *)anchor), cb_node_ref (node));
}

static gboolean
loader_scalar (Loader       *loader,
               yaml_event_t *event,
               GError      **error)
{
  g_autoptr(CbNode) node = cb_node_new (CB_NODE_SCALAR, loader->file, &event->start_mark);

  node->scalar = g_strndup ((const char *)event->data.scalar.value, event->data.scalar.length);
  node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                event->data.scalar.tag == NULL;
  if (strlen (node->scalar) != event->data.scalar.length)
    {
      cb_node_set_error (node, error, CB_ERROR_PARSE,
                         _("the value holds a NUL character"));
      return FALSE;
    }
  loader_set_anchor (loader, event->data.scalar.anchor, node);
  return loader_add (loader, node, error);
}

/* The start of a sequence or a mapping: it is open until its end */
static gboolean
loader_open (Loader       *loader,
             yaml_event_t *event,
             GError      **error)
{
  gboolean sequence = event->type == YAML_SEQUENCE_START_EVENT;
  g_autoptr(CbNode) node = cb_node_new (sequence ? CB_NODE_SEQUENCE : CB_NODE_MAPPING,
                                        loader->file, &event->start_mark);
  Open open = { NULL, NULL };

  if (loader->stack->len >= CB_YAML_MAX_DEPTH)
    {
      cb_node_set_error (node, error, CB_ERROR_TOO_LARGE,
                         _("values are nested more than %u levels deep"),
                         CB_YAML_MAX_DEPTH);
      return FALSE;
    }
  if (!loader_add (loader, node, error))
    return FALSE;
  loader_set_anchor (loader,
                     sequence ? event->data.sequence_start.anchor : event->data.mapping_start.anchor,
                     node);

  open.node = cb_node_ref (node);
  if (node->kind == CB_NODE_MAPPING)
    open.keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_array_append_val (loader->stack, open);
  return TRUE;
}

static gboolean
loader_close (Loader *loader)
{
  Open *open = &g_array_index (loader->stack, Open, loader->stack->len - 1);
  CbNode *closed = open->node;

  /* The weight of a container counts each child, so that aliases to it
   * later count everything it holds.
   */
  for (guint i = 0; i < closed->children->len; i++)
    closed->weight += ((CbNode *)g_ptr_array_index (closed->children, i))->weight;
  g_array_set_size (loader->stack, loader->stack->len - 1);
  return TRUE;
}

static gboolean
loader_alias (Loader       *loader,
              yaml_event_t *event,
              GError      **error)
{
  const char *name = (const char *)event->data.alias.anchor;
  CbNode *target = g_hash_table_lookup (loader->anchors, name);
  g_autoptr(CbNode) here = NULL;

  if (target == NULL)
    {
      here = cb_node_new (CB_NODE_SCALAR, loader->file, &event->start_mark);
      cb_node_set_error (here, error, CB_ERROR_PARSE,
                         _("the alias “*%s” names no anchor"), name);
      return FALSE;
    }
  if (target->kind != CB_NODE_SCALAR)
    {
      for (guint i = 0; i < loader->stack->len; i++)
        if (g_array_index (loader->stack, Open, i).node == target)
          {
            here = cb_node_new (CB_NODE_SCALAR, loader->file, &event->start_mark);
            cb_node_set_error (here, error, CB_ERROR_PARSE,
                               _("the alias “*%s” refers to a value that contains it"),
                               name);
            return FALSE;
          }
    }
  return loader_add (loader, target, error);
}

static gboolean
loader_handle_event (Loader       *loader,
                     yaml_event_t *event,
                     GError      **error)
{
  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      return loader_scalar (loader, event, error);

    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      return loader_open (loader, event, error);

    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      return loader_close (loader);

    case YAML_ALIAS_EVENT:
      return loader_alias (loader, event, error);

    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    default:
      return TRUE;
    }
}

/**
 * cb_yaml_load_data:
 * @data: the text
 * @length: its length, or -1 when NUL-terminated
 * @filename: (nullable): the name used in error messages
 *
 * Parses the first document of a YAML stream. An empty document is a null
 * scalar at line 1, column 1.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set to a
 *   message that starts with `file:line:column: `
 */
CbNode *
cb_yaml_load_data (const char  *data,
                   gssize       length,
                   const char  *filename,
                   GError     **error)
{
  g_autoptr(GRefString) file = filename ? g_ref_string_new (filename) : NULL;
  yaml_parser_t parser;
  Loader loader = { 0 };
  gboolean done = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  loader.file = file;
  loader.data = data;
  loader.length = length;
  loader.stack = g_array_new (FALSE, FALSE, sizeof (Open));
  g_array_set_clear_func (loader.stack, clear_open);
  loader.anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)cb_node_unref);

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *)data, length);

  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          set_parser_error (&loader, &parser, error);
          ok = FALSE;
          break;
        }

      /* Only the first document counts */
      if (event.type == YAML_STREAM_END_EVENT ||
          (event.type == YAML_DOCUMENT_END_EVENT && loader.root != NULL))
        done = TRUE;

      if (!loader_handle_event (&loader, &event, error))
        {
          ok = FALSE;
          done = TRUE;
        }

      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);
  g_array_unref (loader.stack);
  g_hash_table_unref (loader.anchors);

  if (!ok)
    {
      g_clear_pointer (&loader.root, cb_node_unref);
      return NULL;
    }

  if (loader.root == NULL)
    {
      yaml_mark_t start = { 0 };

      loader.root = cb_node_new (CB_NODE_SCALAR, file, &start);
      loader.root->scalar = g_strdup ("");
      loader.root->plain = TRUE;
    }

  return loader.root;
}

/**
 * cb_yaml_load_file:
 *
 * Reads and parses a YAML file of at most %CB_YAML_MAX_FILE_SIZE bytes.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set to a
 *   message that names the file and, for bad content, line and column
 */
CbNode *
cb_yaml_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CB_ERROR, saved_errno == ENOENT ? CB_ERROR_NOT_FOUND : CB_ERROR_IO,
                   _("%s: cannot read the file: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_IO, _("%s: not a regular file"), path);
      return NULL;
    }

  if (st.st_size > CB_YAML_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (CB_YAML_MAX_FILE_SIZE);

      g_set_error (error, CB_ERROR, CB_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s; files up to %s are read)"),
                   path, size, limit);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, CB_ERROR, CB_ERROR_IO, _("%s: cannot read the file: %s"),
                   path, local_error->message);
      return NULL;
    }

  /* The file may have grown between stat and read */
  if (length > CB_YAML_MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size (CB_YAML_MAX_FILE_SIZE);

      g_set_error (error, CB_ERROR, CB_ERROR_TOO_LARGE,
                   _("%s: the file is too large (files up to %s are read)"), path, limit);
      return NULL;
    }

  return cb_yaml_load_data (contents, length, path, error);
}
