#include "export/collect.h"

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

static raptor_term *term(raptor_world *w, const vitae_term *t) {
  switch (t->kind) {
  case VITAE_TERM_IRI:
    return raptor_new_term_from_uri_string(w, (const unsigned char *)t->value);
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
  raptor_statement *st = raptor_new_statement_from_nodes(c->world, term(c->world, s), term(c->world, p),
                                                         term(c->world, o), g);
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
  free(c->items);
  if (c->graph) raptor_free_term(c->graph);
  memset(c, 0, sizeof *c);
}
