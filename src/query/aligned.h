/* The copies into other vocabularies that inference leaves to queries
 * (infer.h, "open copies"): the inferred graph holds the markers
 * "P rdfs:subPropertyOf Q" and "C rdfs:subClassOf D" instead of the copies
 * "x Q y" of each "x P y" and "x a D" of each "x a C", and a triple pattern
 * on Q (on rdf:type D) matches P's triples (C's instances) as well.
 *
 * The markers are read as a query needs them, one indexed lookup per term
 * ((? rdfs:subPropertyOf Q) or (P rdfs:subPropertyOf ?)), and remembered
 * for the query's run: a store without markers costs a lookup per distinct
 * predicate of a query. */
#ifndef VITAE_QUERY_ALIGNED_H
#define VITAE_QUERY_ALIGNED_H

#include <stddef.h>
#include <librdf.h>

typedef struct vq_aligned vq_aligned;

/* The markers of model (both borrowed; they must outlive the result; the
 * markers are read from every graph, see aligned.c).  Free with
 * vq_aligned_free(); NULL when out of memory. */
vq_aligned *vq_aligned_new(librdf_world *world, librdf_model *model, librdf_node *inferred);
void vq_aligned_free(vq_aligned *a);

typedef enum { VQ_ALIGNED_PROPERTY = 0, VQ_ALIGNED_CLASS = 1 } vq_aligned_kind;

/* The terms below t through the markers, transitively, t left out: the
 * properties whose triples are also t's (the classes whose instances are
 * also t's).  *out is borrowed, valid until vq_aligned_free(); *n is 0
 * when there is none.  0, or -1 when out of memory (*n is then 0). */
int vq_aligned_below(vq_aligned *a, librdf_node *t, vq_aligned_kind kind,
                     librdf_node *const **out, size_t *n);
/* The terms above t: the properties each of t's triples also shows as (the
 * classes each of t's instances also has). */
int vq_aligned_above(vq_aligned *a, librdf_node *t, vq_aligned_kind kind,
                     librdf_node *const **out, size_t *n);

#endif
