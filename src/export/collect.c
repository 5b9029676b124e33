#include "export/collect.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void vitae_collector_init(vitae_collector *c, raptor_world *world) {
  memset(c, 0, sizeof *c);
  c->world = world;
}

int vitae_collector_set_graph(vitae_collector *c, const char *graph_iri) {
  if (c->graph) raptor_free_term(c->graph);
  c->graph = graph_iri ? raptor_new_term_from_uri_string(c->world, (const unsigned char *)graph_iri) : NULL;
  return graph_iri && !c->graph ? -1 : 0;
}

/* The IRI terms made last, by a hash of the IRI: an extraction names each
 * IRI about fifteen times, and a new term costs raptor a search of its URI
 * tree and an allocation.  Direct-mapped, a slot overwritten on collision,
 * so memory stays fixed however many documents go through. */
#define TERM_MEMO_SLOTS 1024
struct vitae_term_memo {
  char *iri[TERM_MEMO_SLOTS];
  size_t len[TERM_MEMO_SLOTS];
  raptor_term *term[TERM_MEMO_SLOTS]; /* a reference held by the memo */
};

static void memo_free(vitae_term_memo *m) {
  if (!m) return;
  for (size_t i = 0; i < TERM_MEMO_SLOTS; i++) {
    free(m->iri[i]);
    if (m->term[i]) raptor_free_term(m->term[i]);
  }
  free(m);
}

/* A new reference to the IRI term of s (NULL when out of memory). */
static raptor_term *iri_term(vitae_collector *c, const char *s) {
  if (!c->memo) c->memo = calloc(1, sizeof *c->memo); /* without it: no reuse */
  vitae_term_memo *m = c->memo;
  uint64_t h = 1469598103934665603ull;
  size_t len = 0;
  for (; s[len]; len++) h = (h ^ (unsigned char)s[len]) * 1099511628211ull;
  size_t slot = (size_t)(h >> 54); /* top 10 bits */
  if (m && m->iri[slot] && m->len[slot] == len && !memcmp(m->iri[slot], s, len))
    return raptor_term_copy(m->term[slot]);
  raptor_term *t = raptor_new_term_from_counted_uri_string(c->world, (const unsigned char *)s, len);
  if (!t || !m) return t;
  char *copy = malloc(len + 1);
  if (!copy) return t; /* not remembered: no harm */
  memcpy(copy, s, len + 1);
  free(m->iri[slot]);
  if (m->term[slot]) raptor_free_term(m->term[slot]);
  m->iri[slot] = copy;
  m->len[slot] = len;
  m->term[slot] = raptor_term_copy(t);
  return t;
}

static raptor_term *term(vitae_collector *c, const vitae_term *t) {
  raptor_world *w = c->world;
  switch (t->kind) {
  case VITAE_TERM_IRI:
    return iri_term(c, t->value);
  case VITAE_TERM_BLANK:
    return raptor_new_term_from_blank(w, (const unsigned char *)t->value);
  case VITAE_TERM_LITERAL: {
    raptor_uri *dt = t->datatype ? raptor_new_uri(w, (const unsigned char *)t->datatype) : NULL;
    raptor_term *r = raptor_new_term_from_literal(w, (const unsigned char *)t->value, dt,
                                                  (const unsigned char *)t->lang);
    if (dt) raptor_free_uri(dt);
    return r;
  }
  }
  return NULL;
}

int vitae_collector_add(void *ctx, const vitae_term *s, const vitae_term *p, const vitae_term *o) {
  vitae_collector *c = ctx;
  if (c->failed) return -1;
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 1024;
    raptor_statement **more = realloc(c->items, cap * sizeof *more);
    if (!more) {
      c->failed = 1;
      return -1;
    }
    c->items = more;
    c->cap = cap;
  }
  raptor_term *g = c->graph ? raptor_term_copy(c->graph) : NULL;
  raptor_statement *st = raptor_new_statement_from_nodes(c->world, term(c, s), term(c, p), term(c, o), g);
  if (!st || !st->subject || !st->predicate || !st->object || (c->graph && !st->graph)) {
    if (st) raptor_free_statement(st);
    c->failed = 1;
    return -1;
  }
  c->items[c->n++] = st;
  return 0;
}

void vitae_collector_reset(vitae_collector *c) {
  for (size_t i = 0; i < c->n; i++) raptor_free_statement(c->items[i]);
  c->n = 0;
  c->failed = 0;
}

void vitae_collector_free(vitae_collector *c) {
  vitae_collector_reset(c);
  memo_free(c->memo);
  free(c->items);
  if (c->graph) raptor_free_term(c->graph);
  memset(c, 0, sizeof *c);
}
