/* An in-memory, read-only copy of a small store, indexed for every shape of
 * triple pattern: what the query engine matches against instead of librdf.
 *
 * Why: librdf's hashes storage answers a find_statements through an index
 * only when exactly two of subject, predicate and object are given; any
 * other shape (a fully bound triple, a subject alone, a predicate alone...)
 * decodes and filters every statement in the store.  rasqal runs nested
 * loops, so one such pattern inside a join makes a query quadratic: the
 * showcase queries on the bundled biography (3,400 triples) took 0.2-1 s.
 * Reading a small store once costs a few milliseconds; matching in memory
 * is then cheap for every shape.  Large stores are not copied (their
 * queries go to librdf as before): the copy is bounded (VQ_SNAPSHOT_MAX_*).
 *
 * The copy is kept with the store handle (vitae_store_cache_set), so that
 * the several engine runs of one query, and the requests a server handle
 * answers, share it; only handles opened for reading keep one.
 * VITAE_QUERY_SNAPSHOT=0 in the environment turns it off. */
#ifndef VITAE_QUERY_SNAPSHOT_H
#define VITAE_QUERY_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include <librdf.h>

#include "store/store.h"

/* Stores whose data files take more than this are not copied. */
#define VQ_SNAPSHOT_MAX_BYTES (64UL << 20)
/* ...nor those with more (triple, graph) pairs than this. */
#define VQ_SNAPSHOT_MAX_QUADS 100000UL

#define VQ_NONE UINT32_MAX

typedef struct vq_snapshot vq_snapshot;

/* The copy of store, made on first use; NULL when the store is too large,
 * is not opened for reading, or cannot be read (then librdf is used).
 * Borrowed: valid while the store handle keeps its model open. */
const vq_snapshot *vq_snapshot_of(vitae_store *store);

/* The id of a term (VQ_NONE when the store does not hold it), and back. */
uint32_t vq_snapshot_id(const vq_snapshot *snap, librdf_node *node);
librdf_node *vq_snapshot_term(const vq_snapshot *snap, uint32_t id); /* shared */

/* A range over the (subject, predicate, object, graph) quads, each given as
 * four ids (graph VQ_NONE for a statement outside any graph).  want[i] is
 * an id or VQ_NONE (any): vq_snapshot_find narrows the range with the best
 * index; vq_snapshot_fits tells whether a quad of it matches (and, with
 * dedup, whether it is the first of its triple within the range, so that
 * the union of all graphs is a set). */
typedef struct vq_snapshot_range {
  const uint32_t *order; /* quad indexes in an order whose prefix is bound */
  size_t start, pos, end;
} vq_snapshot_range;

void vq_snapshot_find(const vq_snapshot *snap, const uint32_t want[4], vq_snapshot_range *out);
const uint32_t *vq_snapshot_quad(const vq_snapshot *snap, const vq_snapshot_range *r);
int vq_snapshot_fits(const vq_snapshot *snap, const vq_snapshot_range *r, const uint32_t want[4],
                     int dedup);

#endif
