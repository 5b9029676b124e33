/* The Graphviz writer (see export.h).
 *
 * Nodes are the subjects and the IRI or blank objects (not the classes,
 * which only rdf:type reaches); they are numbered n0, n1, ... in the order
 * of their N-Triples form, so the same graph always gives the same file and
 * no IRI ever needs to be a DOT identifier.  A node's label is its
 * rdfs:label (English first, then untagged, then the first in order), else
 * its compact IRI; its tooltip is the full IRI.  Every other triple with a
 * node as object is an edge labelled with the compact predicate. */
#include <stdlib.h>
#include <string.h>

#include "export/internal.h"

#define RDFS_LABEL RDFS_NS "label"

typedef struct dot_node {
  const char *key; /* the N-Triples form, in the sort arena */
  size_t len;
  const raptor_term *term;
  const raptor_term *label; /* the literal chosen, or NULL */
} dot_node;

static int cmp_node(const void *a, const void *b) {
  const dot_node *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int d = memcmp(x->key, y->key, n);
  return d ? d : (x->len > y->len) - (x->len < y->len);
}

static long find_node(const dot_node *nodes, size_t n, const char *key, size_t len) {
  dot_node k = {key, len, NULL, NULL};
  const dot_node *hit = bsearch(&k, nodes, n, sizeof *nodes, cmp_node);
  return hit ? (long)(hit - nodes) : -1;
}

static int is_node(const raptor_term *t) {
  return t->type == RAPTOR_TERM_TYPE_URI || t->type == RAPTOR_TERM_TYPE_BLANK;
}

static int is_label(const raptor_statement *s) {
  return s->predicate->type == RAPTOR_TERM_TYPE_URI && s->object->type == RAPTOR_TERM_TYPE_LITERAL &&
         !strcmp((const char *)raptor_uri_as_string(s->predicate->value.uri), RDFS_LABEL);
}

/* 0 for English, 1 untagged, 2 any other language: the lower wins. */
static int label_rank(const raptor_term *t) {
  const raptor_term_literal_value *l = &t->value.literal;
  if (!l->language || !l->language_len) return 1;
  if (l->language_len >= 2 && (l->language[0] | 0x20) == 'e' && (l->language[1] | 0x20) == 'n' &&
      (l->language_len == 2 || l->language[2] == '-'))
    return 0;
  return 2;
}

/* Text inside a DOT double-quoted string: quotes and backslashes escaped,
 * newlines as \n, '&' as an entity (Graphviz reads entities in labels),
 * other control characters as spaces and bytes that are not UTF-8 as '?',
 * so that the file is always valid. */
static int put_dot_text(vitae_buf *b, const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    size_t k = xp_utf8_seq(s + i, n - i);
    int ok;
    if (!k) ok = xp_puts(b, "?"), k = 1;
    else if (c == '"') ok = xp_puts(b, "\\\"");
    else if (c == '\\') ok = xp_puts(b, "\\\\");
    else if (c == '\n') ok = xp_puts(b, "\\n");
    else if (c == '\r') ok = 1;
    else if (c == '&') ok = xp_puts(b, "&amp;");
    else if (c < 0x20 || c == 0x7f) ok = xp_puts(b, " ");
    else ok = xp_put(b, (const char *)s + i, k);
    if (!ok) return 0;
    i += k;
  }
  return 1;
}

/* A term as short text: prefix:local, the full IRI, or _:label. */
static int put_short(vitae_buf *b, const raptor_term *t) {
  if (t->type == RAPTOR_TERM_TYPE_BLANK) {
    vitae_buf tmp = VITAE_BUF_INIT;
    int ok = xp_puts(&tmp, "_:") &&
             xp_put_label(&tmp, t->value.blank.string, t->value.blank.string_len) &&
             xp_put(b, tmp.data, tmp.len);
    vitae_buf_free(&tmp);
    return ok;
  }
  size_t n;
  const char *s = (const char *)raptor_uri_as_counted_string(t->value.uri, &n);
  const vitae_prefix *p = xp_prefix_for(s, n);
  if (!p) return put_dot_text(b, (const unsigned char *)s, n);
  size_t k = strlen(p->iri);
  return xp_puts(b, p->prefix) && xp_puts(b, ":") &&
         put_dot_text(b, (const unsigned char *)s + k, n - k);
}

static int put_node_line(vitae_buf *b, size_t id, const dot_node *node) {
  const raptor_term *t = node->term, *l = node->label;
  int ok = vitae_buf_printf(b, "  n%zu [label=\"", id) == VITAE_OK &&
           (l ? put_dot_text(b, l->value.literal.string, l->value.literal.string_len)
              : put_short(b, t)) &&
           xp_puts(b, "\"");
  if (ok && t->type == RAPTOR_TERM_TYPE_URI) {
    size_t n;
    const unsigned char *s = raptor_uri_as_counted_string(t->value.uri, &n);
    ok = xp_puts(b, ", tooltip=\"") && put_dot_text(b, s, n) && xp_puts(b, "\"");
  } else if (ok) {
    ok = xp_puts(b, ", style=\"rounded,dashed\"");
  }
  return ok && xp_puts(b, "];\n");
}

/* The nodes: subjects and node objects of edges, sorted and unique, with
 * the label each subject's rdfs:label triples give. */
static dot_node *collect_nodes(const xp_item *items, size_t n, size_t *count) {
  dot_node *nodes = malloc((2 * n + 1) * sizeof *nodes);
  if (!nodes) return NULL;
  size_t m = 0, len;
  for (size_t i = 0; i < n; i = xp_next_distinct(items, n, i)) {
    const raptor_statement *s = items[i].st;
    if (!is_node(s->subject)) continue;
    const char *k = xp_key_field(items[i].key.ptr, 1, &len);
    nodes[m++] = (dot_node){k, len, s->subject, NULL};
    if (is_node(s->object) && !xp_is_rdf_type(s->predicate)) {
      k = xp_key_field(items[i].key.ptr, 3, &len);
      nodes[m++] = (dot_node){k, len, s->object, NULL};
    }
  }
  if (m) qsort(nodes, m, sizeof *nodes, cmp_node);
  size_t u = 0;
  for (size_t i = 0; i < m; i++)
    if (!u || cmp_node(&nodes[u - 1], &nodes[i])) nodes[u++] = nodes[i];
  for (size_t i = 0; i < n; i = xp_next_distinct(items, n, i)) {
    if (!is_label(items[i].st)) continue;
    const char *k = xp_key_field(items[i].key.ptr, 1, &len);
    long id = find_node(nodes, u, k, len);
    if (id < 0) continue;
    const raptor_term *old = nodes[id].label, *new = items[i].st->object;
    if (!old || label_rank(new) < label_rank(old)) nodes[id].label = new;
  }
  *count = u;
  return nodes;
}

vitae_status xp_dot_write(const xp_item *items, size_t n, FILE *out, vitae_error *err) {
  size_t count = 0;
  dot_node *nodes = collect_nodes(items, n, &count);
  if (!nodes) return xp_nomem(err);
  vitae_buf b = VITAE_BUF_INIT;
  vitae_status st = VITAE_OK;
  int ok = xp_puts(&b, "digraph vitae {\n"
                       "  graph [rankdir=LR, charset=\"UTF-8\"];\n"
                       "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n"
                       "  edge [fontname=\"Helvetica\", fontsize=9];\n");
  for (size_t i = 0; i < count && ok && st == VITAE_OK; i++) {
    ok = put_node_line(&b, i, &nodes[i]);
    if (ok && b.len >= 65536) st = xp_write_buf(&b, out, err);
  }
  size_t len;
  for (size_t i = 0; i < n && ok && st == VITAE_OK; i = xp_next_distinct(items, n, i)) {
    const raptor_statement *s = items[i].st;
    if (!is_node(s->subject) || !is_node(s->object) || xp_is_rdf_type(s->predicate)) continue;
    const char *k = xp_key_field(items[i].key.ptr, 1, &len);
    long from = find_node(nodes, count, k, len);
    k = xp_key_field(items[i].key.ptr, 3, &len);
    long to = find_node(nodes, count, k, len);
    ok = vitae_buf_printf(&b, "  n%ld -> n%ld [label=\"", from, to) == VITAE_OK &&
         (s->predicate->type == RAPTOR_TERM_TYPE_URI ? put_short(&b, s->predicate)
                                                     : xp_puts(&b, "?")) &&
         xp_puts(&b, "\"];\n");
    if (ok && b.len >= 65536) st = xp_write_buf(&b, out, err);
  }
  if (st == VITAE_OK && !(ok && xp_puts(&b, "}\n"))) st = xp_nomem(err);
  if (st == VITAE_OK) st = xp_write_buf(&b, out, err);
  vitae_buf_free(&b);
  free(nodes);
  return st;
}
