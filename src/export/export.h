/* Writing RDF: deterministic serialisations of statements and of the store.
 *
 * The same set of statements always gives the same bytes: statements are
 * sorted (graph, subject, predicate, object by their N-Triples form, IRIs
 * before blank nodes), Turtle, TriG and JSON-LD group by subject and declare
 * the contract's prefixes, so exported files diff cleanly in git.
 *
 * JSON-LD (raptor has no writer for it) is a JSON-LD 1.1 document: an
 * "@context" of the contract's prefixes (VITAE_PREFIXES) and a "@graph" of
 * node objects, one per subject, with compact IRIs, rdf:type as "@type",
 * literals as plain strings (xsd:string) or {"@value", "@type" | "@language"},
 * blank nodes as "_:label"; each named graph is {"@id": g, "@graph": [...]}
 * in the top-level "@graph", so a dataset round-trips.
 *
 * Graphviz (dot) is not RDF: a digraph of the entities (labelled with their
 * rdfs:label) and of the triples whose object is an IRI or a blank node
 * (labelled with the predicate); rdf:type and other literals are left out. */
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
  VITAE_RDF_RDFXML,
  VITAE_RDF_JSONLD,
  VITAE_RDF_DOT
} vitae_rdf_format;

/* "turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld", "dot" (also
 * "ttl", "nt", "nq", "xml", "json-ld") -> format.  Returns 0 on success, -1
 * for an unknown name. */
int vitae_rdf_format_parse(const char *name, vitae_rdf_format *out);

/* Whether the format writes graph names (nquads, trig, jsonld). */
int vitae_rdf_format_has_graphs(vitae_rdf_format format);

/* Whether a document can be written in several parts (see
 * vitae_export_writer): every format but rdfxml and dot. */
int vitae_rdf_format_has_parts(vitae_rdf_format format);

/* The media type of the format ("text/turtle", "application/ld+json",
 * "text/vnd.graphviz", ...), for servers. */
const char *vitae_rdf_format_media_type(vitae_rdf_format format);

/* Write statements.  Each statement's graph term (may be NULL: the default
 * graph) is written by the formats that carry graphs and ignored by the
 * others, where statements equal but for their graph are written once.
 * The array is sorted in place; the statements stay the caller's. */
vitae_status vitae_export_statements(raptor_world *world, raptor_statement **statements,
                                     size_t n, vitae_rdf_format format, FILE *out,
                                     vitae_error *err);

/* The same into memory: *data (NUL-terminated, the caller frees it) and
 * *len; on failure *data is NULL. */
vitae_status vitae_export_statements_mem(raptor_world *world, raptor_statement **statements,
                                         size_t n, vitae_rdf_format format, char **data,
                                         size_t *len, vitae_error *err);

/* Write what a librdf stream yields (CONSTRUCT or DESCRIBE results, a
 * model's statements), with each statement's context as its graph.  The
 * stream is read to its end; it stays the caller's to free. */
vitae_status vitae_export_stream(librdf_world *world, librdf_stream *stream,
                                 vitae_rdf_format format, FILE *out, vitae_error *err);

/* One document written in parts, as statements come: `vitae extract`
 * writes each input file's statements as they are extracted.  Each part is
 * sorted on its own; JSON-LD parts make one document (one @context, the
 * parts' objects in one @graph), the other formats are concatenations that
 * stay valid (Turtle repeats its prefixes).  rdfxml and dot refuse a
 * second part.  A part that fails a check writes nothing. */
typedef struct vitae_export_writer {
  raptor_world *world; /* borrowed */
  vitae_rdf_format format;
  FILE *out;      /* borrowed */
  size_t parts;   /* parts written */
  size_t objects; /* JSON-LD: top-level objects written */
  int begun;      /* JSON-LD: the opening is written */
} vitae_export_writer;

void vitae_export_writer_init(vitae_export_writer *w, raptor_world *world,
                              vitae_rdf_format format, FILE *out);
/* Write statements (sorted in place; they stay the caller's). */
vitae_status vitae_export_writer_part(vitae_export_writer *w, raptor_statement **statements,
                                      size_t n, vitae_error *err);
/* Whether the format is written from the N-Triples forms of the terms alone
 * (ntriples, nquads, turtle, trig), so that vitae_export_writer_part_nt()
 * can write it. */
int vitae_rdf_format_from_keys(vitae_rdf_format format);
/* Write the triples of an N-Triples collector (export/ntcollect.h): the
 * same bytes as vitae_export_writer_part() of the same triples as raptor
 * statements, without making them. */
typedef struct vitae_nt_collector vitae_nt_collector;
vitae_status vitae_export_writer_part_nt(vitae_export_writer *w, const vitae_nt_collector *c,
                                         vitae_error *err);
/* End the document (JSON-LD: close it, or write an empty one) and flush. */
vitae_status vitae_export_writer_finish(vitae_export_writer *w, vitae_error *err);

/* What to export from a store. */
typedef struct vitae_export_options {
  const char *graph_iri;      /* one named graph, or NULL: every graph */
  const char *const *exclude; /* NULL-terminated IRIs of graphs left out of
                                 "every graph"; NULL leaves out nothing */
  int align;                  /* add the aligned triples (export/align.h),
                                 in each graph for the formats with graphs */
} vitae_export_options;

vitae_status vitae_export_store_options(vitae_store *store, const vitae_export_options *options,
                                        vitae_rdf_format format, FILE *out, vitae_error *err);

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
