#include "export/ntcollect.h"

#include <stdlib.h>
#include <string.h>

#include "export/internal.h"

void vitae_nt_collector_init(vitae_nt_collector *c) { memset(c, 0, sizeof *c); }

int vitae_nt_collector_set_graph(vitae_nt_collector *c, const char *graph_iri) {
  vitae_buf_reset(&c->graph);
  return !graph_iri || xp_put_nt_iri(&c->graph, graph_iri, strlen(graph_iri)) ? 0 : -1;
}

/* The N-Triples form of t, as export.c writes that of the raptor term the
 * collector of collect.c would make of it. */
static int put_term(vitae_buf *b, const vitae_term *t) {
  switch (t->kind) {
  case VITAE_TERM_IRI: return xp_put_nt_iri(b, t->value, strlen(t->value));
  case VITAE_TERM_BLANK:
    return xp_puts(b, "_:") && xp_put_label(b, (const unsigned char *)t->value, strlen(t->value));
  case VITAE_TERM_LITERAL:
    if (!xp_put_nt_literal(b, t->value, strlen(t->value))) return 0;
    if (t->lang && t->lang[0]) return xp_puts(b, "@") && xp_puts(b, t->lang);
    if (t->datatype) return xp_puts(b, "^^") && xp_put_nt_iri(b, t->datatype, strlen(t->datatype));
    return 1;
  }
  return 0;
}

int vitae_nt_collector_add(void *ctx, const vitae_term *s, const vitae_term *p, const vitae_term *o) {
  vitae_nt_collector *c = ctx;
  if (c->failed) return -1;
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 1024;
    size_t *more = realloc(c->offs, cap * sizeof *more);
    if (!more) {
      c->failed = 1;
      return -1;
    }
    c->offs = more;
    c->cap = cap;
  }
  vitae_buf *k = &c->keys;
  size_t off = k->len;
  const char sep[1] = {KEY_SEP};
  if (!xp_put(k, c->graph.data ? c->graph.data : "", c->graph.len) || !xp_put(k, sep, 1) ||
      !put_term(k, s) || !xp_put(k, sep, 1) || !put_term(k, p) || !xp_put(k, sep, 1) ||
      !put_term(k, o) || !xp_put(k, "", 1)) { /* the NUL ends the key */
    k->len = off;
    c->failed = 1;
    return -1;
  }
  c->offs[c->n++] = off;
  return 0;
}

void vitae_nt_collector_reset(vitae_nt_collector *c) {
  vitae_buf_reset(&c->keys);
  c->n = 0;
  c->failed = 0;
}

void vitae_nt_collector_free(vitae_nt_collector *c) {
  vitae_buf_free(&c->keys);
  vitae_buf_free(&c->graph);
  free(c->offs);
  memset(c, 0, sizeof *c);
}
