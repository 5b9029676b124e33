/* Internal to src/trace: the memory pool of a result, and reading the
 * store through librdf's statement API (never SPARQL text).
 *
 * A pool owns every string and array of one result: allocations are never
 * freed one by one, only all together with the pool.  On allocation
 * failure a pool function returns NULL and sets pool->failed; builders
 * check that flag once at the end.  Node lists (tg_list) are the caller's
 * and are freed with tg_list_free(). */
#ifndef VITAE_TRACE_GRAPH_H
#define VITAE_TRACE_GRAPH_H

#include <stddef.h>
#include <librdf.h>

#include "store/store.h"
#include "trace/trace.h"

/* ---- pool ---- */

struct vitae_trace_pool {
  void **blocks;
  size_t n, cap;
  int failed;
};

vitae_trace_pool *tp_new(void);
void tp_free(vitae_trace_pool *p);
void *tp_alloc(vitae_trace_pool *p, size_t size); /* zeroed */
char *tp_strdup(vitae_trace_pool *p, const char *s);
char *tp_printf(vitae_trace_pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Make room for one more element in *arr (count n, capacity *cap).  Old
 * arrays stay in the pool until it is freed (doubling keeps that small).
 * Returns 0, or -1 when out of memory. */
int tp_grow(vitae_trace_pool *p, void **arr, size_t n, size_t *cap, size_t elem);
#define TP_PUSH(pool, arr, n, cap) \
  (tp_grow((pool), (void **)&(arr), (n), &(cap), sizeof *(arr)) == 0 ? &(arr)[(n)++] : NULL)

/* ---- the store ---- */

typedef enum tg_pred {
  P_TYPE, P_LABEL, P_ALT, P_HOLDER, P_OFFICE, P_START, P_END, P_DATE, P_ACTING,
  P_PREDECESSOR, P_SUCCESSOR, P_APPOINTED_BY, P_DISMISSED_BY, P_PARTICIPANT, P_VISITOR,
  P_DESTINATION, P_LOCATION, P_DERIVED_FROM, P_TEXT, P_DOCUMENT, P_SOURCE_FILE,
  P_RDF_SUBJECT, P_RDF_PREDICATE, P_RDF_OBJECT, P_METWITH, P_CONGRATULATED,
  P_SPOUSE, P_PARENT, P_CHILD, P_SIBLING, P_RELATIVE,
  TG_NPRED
} tg_pred;

typedef struct tg {
  librdf_world *world;
  librdf_model *model;
  librdf_node *inferred; /* the inferred graph's node */
  librdf_node *pred[TG_NPRED];
} tg;

/* Borrow the store's model; tg_close() frees the nodes made here. */
vitae_status tg_open(tg *g, vitae_store *store, vitae_error *err);
void tg_close(tg *g);

/* A list of distinct nodes (copies, owned by the list). */
typedef struct tg_list {
  librdf_node **items;
  size_t n, cap;
  int failed;
} tg_list;

void tg_list_free(tg_list *l);
/* Append a copy of node unless an equal node is there already. */
void tg_list_add(tg_list *l, librdf_node *node);

/* Objects of (s p ?o), subjects of (?s p o), over every graph, distinct.
 * Return the list's failed flag (0 ok, -1 out of memory). */
int tg_targets(tg *g, librdf_node *s, tg_pred p, tg_list *out);
int tg_sources(tg *g, tg_pred p, librdf_node *o, tg_list *out);

/* A node for an IRI (caller frees), NULL when out of memory. */
librdf_node *tg_iri(tg *g, const char *iri);
/* The IRI of a resource, or the "_:id" of a blank node; borrowed. */
const char *tg_node_iri(librdf_node *n, char *buf, size_t size);
/* A literal's lexical value, "" for other nodes; borrowed from n. */
const char *tg_literal(librdf_node *n);
/* The lexical value of the first literal object of (s p ?o), copied into
 * the pool; NULL when none. */
const char *tg_value(tg *g, librdf_node *s, tg_pred p, vitae_trace_pool *pool);
/* Whether (s a class_iri) holds. */
int tg_has_type(tg *g, librdf_node *s, const char *class_iri);
/* The entity as a ref: IRI and rdfs:label (else the IRI; a literal's value). */
vitae_trace_ref tg_ref(tg *g, librdf_node *n, vitae_trace_pool *pool);
/* Whether (s p o) is in the inferred graph and in no asserted graph. */
int tg_is_inferred(tg *g, librdf_node *s, librdf_node *p, librdf_node *o);
/* Evidence: the sentences node is prov:wasDerivedFrom; or the sentences of
 * each rdf:Statement reifying (s p o).  Appended to *ev (count *n, capacity
 * *cap), without duplicates. */
void tg_node_evidence(tg *g, librdf_node *node, vitae_trace_pool *pool,
                      vitae_trace_evidence **ev, size_t *n, size_t *cap);
void tg_triple_evidence(tg *g, librdf_node *s, librdf_node *p, librdf_node *o,
                        vitae_trace_pool *pool, vitae_trace_evidence **ev, size_t *n,
                        size_t *cap);
/* A string that identifies the triple (its graph aside); caller frees.
 * NULL when out of memory. */
char *tg_triple_key(librdf_statement *t);
/* The "a, b, c" join of refs' labels, in the pool. */
const char *tg_join_labels(const vitae_trace_ref *refs, size_t n, vitae_trace_pool *pool);

#endif
