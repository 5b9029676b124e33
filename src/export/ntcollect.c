#include "export/ntcollect.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export/internal.h"

void vitae_nt_collector_init(vitae_nt_collector *c) { memset(c, 0, sizeof *c); }

int vitae_nt_collector_set_graph(vitae_nt_collector *c, const char *graph_iri) {
  vitae_buf_reset(&c->graph);
  return !graph_iri || xp_put_nt_iri(&c->graph, graph_iri, strlen(graph_iri)) ? 0 : -1;
}

/* The N-Triples form of the IRI s: a copy of the form last written for the
 * same string at the same address, else made afresh (and remembered). */
static int put_iri(vitae_nt_collector *c, const char *s) {
  vitae_buf *b = &c->keys;
  struct vitae_nt_memo *m = &c->memo[((uintptr_t)s >> 3) % 64];
  if (m->s == s && !strncmp(s, b->data + m->off + 1, m->len) && !s[m->len]) {
    if (vitae_buf_reserve(b, m->len + 2) != VITAE_OK) return 0;
    memcpy(b->data + b->len, b->data + m->off, m->len + 2); /* (reserved first: data may move) */
    b->len += m->len + 2;
    b->data[b->len] = '\0';
    return 1;
  }
  size_t off = b->len;
  if (!xp_put_nt_iri_z(b, s)) return 0;
  size_t len = b->len - off - 2;
  /* only a form that is the string between brackets, nothing escaped */
  if (!strncmp(s, b->data + off + 1, len) && !s[len]) *m = (struct vitae_nt_memo){s, len, off};
  return 1;
}

/* The N-Triples form of t, as export.c writes that of the raptor term the
 * collector of collect.c would make of it. */
static int put_term(vitae_nt_collector *c, const vitae_term *t) {
  vitae_buf *b = &c->keys;
  switch (t->kind) {
  case VITAE_TERM_IRI: return put_iri(c, t->value);
  case VITAE_TERM_BLANK:
    return xp_puts(b, "_:") && xp_put_label(b, (const unsigned char *)t->value, strlen(t->value));
  case VITAE_TERM_LITERAL:
    if (!xp_put_nt_literal_z(b, t->value)) return 0;
    if (t->lang && t->lang[0]) return xp_puts(b, "@") && xp_puts(b, t->lang);
    if (t->datatype) return xp_puts(b, "^^") && put_iri(c, t->datatype);
    return 1;
  }
  return 0;
}

static int put_sep(vitae_buf *b, char c) {
  if (b->len + 1 >= b->cap && vitae_buf_reserve(b, 1) != VITAE_OK) return 0;
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
  return 1;
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
  if (!xp_put(k, c->graph.data ? c->graph.data : "", c->graph.len) || !put_sep(k, KEY_SEP) ||
      !put_term(c, s) || !put_sep(k, KEY_SEP) || !put_term(c, p) || !put_sep(k, KEY_SEP) ||
      !put_term(c, o) || !put_sep(k, '\0')) { /* the NUL ends the key */
    k->len = off;
    c->failed = 1;
    return -1;
  }
  c->offs[c->n++] = off;
  return 0;
}

void vitae_nt_collector_reset(vitae_nt_collector *c) {
  vitae_buf_reset(&c->keys);
  memset(c->memo, 0, sizeof c->memo); /* its offsets were into the keys */
  c->n = 0;
  c->failed = 0;
}

void vitae_nt_collector_free(vitae_nt_collector *c) {
  vitae_buf_free(&c->keys);
  vitae_buf_free(&c->graph);
  free(c->offs);
  memset(c, 0, sizeof *c);
}
