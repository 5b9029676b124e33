/* Writing RDF: deterministic serialisations of statements and of the store.
 *
 * The same set of statements always gives the same bytes: statements are
 * sorted (graph, subject, predicate, object by their N-Triples form, IRIs
 * before blank nodes), Turtle and TriG group by subject and declare the
 * contract's prefixes, so exported files diff cleanly in git. */
#ifndef VITAE_EXPORT_EXPORT_H
#define VITAE_EXPORT_EXPORT_H

#include <stddef.h>
#include <stdio.h>
#include <librdf.h>

#include "core/error.h"
#include "store/store.h"

typedef enum vitae_rdf_format {
  VITAE_RDF_TURTLE,
  VITAE_RDF_NTRIPLES,
  VITAE_RDF_NQUADS,
  VITAE_RDF_TRIG,
  VITAE_RDF_RDFXML
} vitae_rdf_format;

/* "turtle", "ntriples", "nquads", "trig", "rdfxml" (also "ttl", "nt", "nq",
 * "xml") -> format.  Returns 0 on success, -1 for an unknown name. */
int vitae_rdf_format_parse(const char *name, vitae_rdf_format *out);

/* Whether the format writes graph names (nquads, trig). */
int vitae_rdf_format_has_graphs(vitae_rdf_format format);

/* Write statements.  Each statement's graph term (may be NULL: the default
 * graph) is written by the formats that carry graphs and ignored by the
 * others, where statements equal but for their graph are written once.
 * The array is sorted in place; the statements stay the caller's. */
vitae_status vitae_export_statements(raptor_world *world, raptor_statement **statements,
                                     size_t n, vitae_rdf_format format, FILE *out,
                                     vitae_error *err);

/* Write the whole store (graph_iri == NULL) or one named graph. */
vitae_status vitae_export_store(vitae_store *store, const char *graph_iri,
                                vitae_rdf_format format, FILE *out, vitae_error *err);

/* The same, leaving out the named graphs in exclude (a NULL-terminated list
 * of IRIs; NULL leaves out nothing) when the whole store is written.  Used
 * to keep the inferred graph out of exports unless it is asked for. */
vitae_status vitae_export_store_except(vitae_store *store, const char *graph_iri,
                                       const char *const *exclude, vitae_rdf_format format,
                                       FILE *out, vitae_error *err);

#endif
