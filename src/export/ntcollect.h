/* Collecting the extractor's triples straight into their N-Triples forms,
 * for the writers that need nothing else (N-Triples, N-Quads, Turtle,
 * TriG): no raptor term is made, no URI looked up.  Each triple becomes the
 * sort key the writers order by (export.c: graph, subject, predicate and
 * object joined by '\1'), so the bytes written are the same as through
 * raptor statements.  The collector owns its keys until reset or free. */
#ifndef VITAE_EXPORT_NTCOLLECT_H
#define VITAE_EXPORT_NTCOLLECT_H

#include <stddef.h>

#include "core/buf.h"
#include "extract/extract.h"

typedef struct vitae_nt_collector {
  vitae_buf keys;  /* the keys, each ending in a NUL */
  size_t *offs;    /* where each key starts in keys */
  size_t n, cap;
  vitae_buf graph; /* the graph's N-Triples form; empty: the default graph */
  int failed;      /* out of memory: the document's keys are incomplete */
  /* IRIs written lately, by the address of their string: the same node is
   * named in triple after triple (a statement node five times running, the
   * predicates always), and copying its form beats escaping it again.  A
   * hit is checked against the string itself, so a reused buffer is safe. */
  struct vitae_nt_memo {
    const char *s;
    size_t len, off; /* the IRI's length; where its form "<...>" is in keys */
  } memo[64];
} vitae_nt_collector;

void vitae_nt_collector_init(vitae_nt_collector *c);
/* The graph of the triples collected from now on (NULL: the default graph).
 * Returns 0, or -1 when out of memory. */
int vitae_nt_collector_set_graph(vitae_nt_collector *c, const char *graph_iri);
/* A vitae_triple_fn: pass the collector as ctx. */
int vitae_nt_collector_add(void *ctx, const vitae_term *s, const vitae_term *p, const vitae_term *o);
/* Forget the keys (the memory is kept for the next document). */
void vitae_nt_collector_reset(vitae_nt_collector *c);
void vitae_nt_collector_free(vitae_nt_collector *c);

#endif
