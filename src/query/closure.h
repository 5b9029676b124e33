/* The chains of the transitive properties whose closure inference leaves
 * open (infer.h, "open closures"): a triple pattern that names such a
 * property is matched against its closure, which is computed here by
 * walking the property's stored edges from the pattern's bound end.
 *
 * Why at query time: the closure of a person-level relation grows with the
 * square of a chain's length (3.98M of the 4.43M inferred triples of 1,000
 * generated biographies were vt:succeededTransitively), while a query
 * reaches a few chains from the nodes it has bound. */
#ifndef VITAE_QUERY_CLOSURE_H
#define VITAE_QUERY_CLOSURE_H

#include <stddef.h>
#include <librdf.h>

/* The properties with the marker "P a owl:TransitiveProperty" in the
 * store (any graph).  props are owned. */
typedef struct vq_closures {
  librdf_node **props;
  size_t n;
} vq_closures;

/* Find them in model; 0, or -1 when out of memory (*out is then empty). */
int vq_closures_find(librdf_world *world, librdf_model *model, vq_closures *out);
void vq_closures_free(vq_closures *c);
/* Whether pred is one of them. */
int vq_closures_has(const vq_closures *c, librdf_node *pred);

/* Pairs of nodes: v[2i] the subject, v[2i+1] the object; owned. */
typedef struct vq_pairs {
  librdf_node **v;
  size_t n, cap;
} vq_pairs;

/* The pairs (x, y) of pred's closure over every graph of model, with x = s
 * and y = o where they are given (NULL: any), each pair once.  0, or -1
 * when out of memory.  Past the query's time limit the walk stops (the
 * engine then ends the query with that error). */
int vq_closure_pairs(librdf_world *world, librdf_model *model, librdf_node *pred,
                     librdf_node *s, librdf_node *o, vq_pairs *out);
void vq_pairs_free(vq_pairs *p);

#endif
