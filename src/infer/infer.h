/* Materialising what the ontology implies: the inferred graph.
 *
 * rasqal has no SPARQL property paths and no FILTER NOT EXISTS, so that a
 * user's plain SPARQL still follows chains, vitae computes the consequences
 * of the asserted triples and keeps them in one named graph of their own,
 * VITAE_INFERRED_GRAPH, recomputed after every load or drop.  Queries see
 * the union of all graphs, so they see the closure (GRAPH ?g leaves the
 * inferred graph out; GRAPH <its IRI> reads it); exports leave the graph
 * out unless asked.
 *
 * What is computed is driven by the axioms of the ontology (ontology/vitae.ttl
 * under the data directory, read at run time, plus any such axioms among the
 * asserted triples), so that a new axiom needs no C change:
 *   P owl:inverseOf Q            x P y  ->  y Q x   (and y P x from x Q y)
 *   P a owl:SymmetricProperty    x P y  ->  y P x
 *   P rdfs:subPropertyOf Q       x P y  ->  x Q y   (owl:equivalentProperty: both ways)
 *   P a owl:TransitiveProperty   x P y, y P z  ->  x P z
 *   C rdfs:subClassOf D          x a C  ->  x a D   (owl:equivalentClass: both ways)
 *   P owl:propertyChainAxiom (E1 ... En), each Ei a property or
 *     [ owl:inverseOf Q ]        x E1 y1, y1 E2 y2, ... -> x P z
 * and by the tenure model, which the ontology cannot state:
 *   tenures of one office where one ends on the date (same lexical form) the
 *     next starts give vt:predecessor / vt:successor, unless the tenure
 *     already has one (and never a person as their own predecessor);
 *   vt:metWith between every two distinct vt:participant of one node;
 *   vt:visited from each node's vt:visitor to its vt:destination.
 * Open closures: a transitive property whose closure no other rule reads
 * (vt:succeededTransitively, vt:locatedIn) is not closed here; its closure
 * grows with the square of a chain's length, so the query engine follows
 * its chains when a pattern names it (src/query/engine.c), and the
 * inferred graph holds its edges and "P a owl:TransitiveProperty", the
 * marker that tells the engine to.
 * Open copies: a sub-property or sub-class rule (equivalences are two) whose
 * head is another vocabulary's term (an IRI the ontology does not declare:
 * schema:, foaf:, org:, wdt:; never prov:) and whose copies no rule reads
 * is not run: at 1M generated triples those copies were 1.23M of the 1.32M
 * inferred triples.  The inferred graph holds "P rdfs:subPropertyOf Q"
 * ("C rdfs:subClassOf D") instead, the marker that tells the query engine
 * to match a pattern on Q (a type D) against P's triples (C's instances)
 * as well (src/query/align.c), and from which an RDFS reasoner gets the
 * copies back.  Apart from those markers everything is instance level: no
 * schema triples are added.  Only new
 * triples are stored (never one that is asserted), none with a literal
 * subject and none with a prov: predicate: inferred triples carry no
 * provenance; their graph is what marks them.
 *
 * The fixpoint is semi-naive (each triple is joined once, as it is added,
 * against the triples before it, through in-memory hash indexes by
 * predicate; transitivity left-linearly, against the edges it did not
 * derive itself), so it terminates on cycles and costs time linear in the
 * number of rule firings: linear in the data for the non-recursive rules,
 * and about (closure size x out-degree) for a transitive property, e.g.
 * n^2/2 pairs for a chain of n. */
#ifndef VITAE_INFER_INFER_H
#define VITAE_INFER_INFER_H

#include <stddef.h>
#include <stdio.h>
#include <librdf.h>

#include "core/error.h"
#include "store/store.h"

/* The graph that holds the inferred triples: VITAE_INFERRED_GRAPH, in
 * core/vocab.h (queries need it too). */
#include "core/vocab.h"

/* Whether iri names the inferred graph. */
int vitae_infer_is_graph(const char *iri);

typedef struct vitae_infer_stats {
  unsigned long read;     /* asserted triples read from the store */
  unsigned long used;     /* of those, the ones the rules can use */
  unsigned long inferred; /* triples now in the inferred graph */
  unsigned long rules;    /* rules compiled from the axioms and the tenure model */
  double read_seconds;    /* reading the ontology and the store */
  double infer_seconds;   /* the fixpoint */
  double write_seconds;   /* replacing the inferred graph */
  unsigned long added;    /* triples written into the inferred graph */
  unsigned long removed;  /* triples removed from it (no longer inferred) */
} vitae_infer_stats;

/* Recompute the inferred graph from every other graph of the store and the
 * ontology of the data directory, and replace it in one batch.  When there
 * is nothing to infer the graph is removed (it exists only when non-empty).
 * On failure the old inferred graph is removed too, so that no stale
 * inferences remain; the asserted graphs are never touched. */
vitae_status vitae_infer_update(vitae_store *store, vitae_error *err);
/* The same, reporting what was done (stats may be NULL). */
vitae_status vitae_infer_update_stats(vitae_store *store, vitae_infer_stats *stats,
                                      vitae_error *err);

/* One line for the user: "inferred: N triples in <graph> (...)". */
void vitae_infer_stats_print(const vitae_infer_stats *stats, FILE *out);

/* ---- the engine, on in-memory data ---- */

typedef struct vitae_infer vitae_infer;

/* A new engine whose terms belong to world.  Free with vitae_infer_free(). */
vitae_status vitae_infer_new(raptor_world *world, vitae_infer **out, vitae_error *err);
void vitae_infer_free(vitae_infer *inf);

/* Read axioms from an ontology file (syntax by extension, as `vitae load`)
 * or from text in a raptor syntax ("turtle", ...).  Their blank nodes are
 * the ontology's own and never meet the data's. */
vitae_status vitae_infer_add_ontology_file(vitae_infer *inf, const char *path, vitae_error *err);
vitae_status vitae_infer_add_ontology_buffer(vitae_infer *inf, const char *data, size_t len,
                                             const char *syntax, vitae_error *err);

/* Add one asserted triple (its graph is ignored; the terms are copied).
 * Axioms among the asserted triples count as well. */
vitae_status vitae_infer_add(vitae_infer *inf, const raptor_statement *s, vitae_error *err);

/* Whether to store the closure of every transitive property (on), or to
 * leave open those no other rule reads (the default; see "open closures"
 * above): then only their edges are results, and "P a
 * owl:TransitiveProperty" for each such P that has an edge, which tells
 * vitae's query engine to follow P's chains.  Before vitae_infer_run(). */
void vitae_infer_store_closures(vitae_infer *inf, int on);

/* Whether to store the copies into other vocabularies (on), or to leave
 * them to queries (the default; see "open copies" above): then the rules
 * that make them are not run, and "P rdfs:subPropertyOf Q" (or "C
 * rdfs:subClassOf D") is a result for each such rule with something to
 * copy, which tells vitae's query engine to match Q's patterns against P's
 * triples too.  Before vitae_infer_run(). */
void vitae_infer_store_copies(vitae_infer *inf, int on);

/* Compute the closure (once per engine). */
vitae_status vitae_infer_run(vitae_infer *inf, vitae_error *err);

/* After vitae_infer_run(): the inferred triples, with no graph, each once;
 * borrowed, valid until vitae_infer_free(). */
size_t vitae_infer_results(vitae_infer *inf, raptor_statement ***out);

/* The number of rules compiled by the last run. */
size_t vitae_infer_rule_count(const vitae_infer *inf);

#endif
