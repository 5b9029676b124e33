/* Collecting the extractor's triples as raptor statements, to write them
 * with the export writers or to store them.  The collector owns the
 * statements until vitae_collector_reset() or vitae_collector_free(). */
#ifndef VITAE_EXPORT_COLLECT_H
#define VITAE_EXPORT_COLLECT_H

#include <stddef.h>
#include <raptor2.h>

#include "extract/extract.h"

typedef struct vitae_term_memo vitae_term_memo;

typedef struct vitae_collector {
  raptor_world *world; /* borrowed */
  raptor_term *graph;  /* owned; NULL: the default graph */
  raptor_statement **items;
  size_t n, cap;
  int failed;
  vitae_term_memo *memo; /* owned: recent IRI terms, reused (fixed size) */
} vitae_collector;

/* A collector for statements of world; graph may be NULL. */
void vitae_collector_init(vitae_collector *c, raptor_world *world);
/* Set the graph of statements collected from now on (copied; NULL for none). */
int vitae_collector_set_graph(vitae_collector *c, const char *graph_iri);
/* A vitae_triple_fn: pass the collector as ctx. */
int vitae_collector_add(void *ctx, const vitae_term *s, const vitae_term *p, const vitae_term *o);
void vitae_collector_reset(vitae_collector *c);
void vitae_collector_free(vitae_collector *c);

#endif
