/* The aligned triples: what a graph says in the standard vocabularies.
 *
 * The ontology states how vitae's terms align with schema.org, W3C ORG,
 * FOAF, PROV and Wikidata's direct properties (rdfs:subPropertyOf,
 * owl:equivalentProperty, owl:inverseOf, rdfs:subClassOf, ...; see
 * ontology/vitae.ttl).  The aligned triples of a set of statements are the
 * consequences of the ontology's axioms over them, computed by the inference
 * engine (src/infer), whose predicate -- or class, for rdf:type -- lies
 * outside the vitae vocabulary (VT_NS): vt:birthDate gives schema:birthDate
 * and wdt:P569, a vt:Tenure's holder and office give org:holds and wdt:P39,
 * a vt:Ministry is a schema:GovernmentOrganization.  Consequences in the
 * vitae vocabulary itself (vt:metWith, vt:succeeded, ...) are the inferred
 * graph's business, not alignment.  No aligned triple repeats an input one. */
#ifndef VITAE_EXPORT_ALIGN_H
#define VITAE_EXPORT_ALIGN_H

#include <stddef.h>
#include <raptor2.h>

#include "core/error.h"

/* The aligned triples of statements[0..n) (which stay the caller's),
 * computed with the Turtle ontology at ontology_path (NULL: the data
 * directory's ontology/vitae.ttl).  per_graph: each graph's statements on
 * their own, the results in that graph; otherwise all statements as one
 * graph, the results in the default graph (graph NULL).  *out is a new
 * array of new statements: free it with vitae_align_free(*out, *nout). */
vitae_status vitae_align_statements(raptor_world *world, const char *ontology_path,
                                    raptor_statement **statements, size_t n, int per_graph,
                                    raptor_statement ***out, size_t *nout, vitae_error *err);

void vitae_align_free(raptor_statement **aligned, size_t n);

#endif
