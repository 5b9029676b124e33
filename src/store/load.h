/* Loading RDF files into a store, all or nothing.
 *
 * A file is parsed completely into memory first; only when it parsed without
 * error is the store touched, so a bad file never leaves a store half-loaded.
 * Each graph the file fills is replaced, not merged: loading the same file
 * twice leaves the same triples. */
#ifndef VITAE_STORE_LOAD_H
#define VITAE_STORE_LOAD_H

#include <stddef.h>
#include "core/error.h"
#include "store/store.h"

/* The raptor parser name for a syntax, from a --format word (turtle, ntriples,
 * nquads, trig, rdfxml) or, when format is NULL, from the file extension
 * (.ttl .nt .nq .trig .rdf .owl .xml).  NULL when unknown. */
const char *vitae_load_syntax(const char *format, const char *path);

/* Whether a raptor syntax carries graph names (trig, nquads). */
int vitae_load_syntax_has_graphs(const char *syntax);

typedef struct vitae_load_result {
  unsigned long triples; /* distinct triples added */
  unsigned long graphs;  /* graphs replaced */
} vitae_load_result;

/* Every write below happens in the store's write session (store.h): it
 * becomes visible to other processes at vitae_store_commit() or
 * vitae_store_close(), all at once.  A store error half-way through rolls the
 * session back and ends it (vitae_store_write_failed). */

/* Load a file ("-" is standard input).  graph_iri names the graph of triples
 * that the file does not place in a named graph; NULL means the file's own
 * IRI (file:///abs/path).  base_iri resolves relative IRIs; NULL means the
 * file's IRI.  result may be NULL. */
vitae_status vitae_load_file(vitae_store *store, const char *path, const char *syntax,
                             const char *graph_iri, const char *base_iri,
                             vitae_load_result *result, vitae_error *err);

/* The same from memory; name is used in error messages and, when graph_iri
 * is NULL, must be an IRI naming the graph. */
vitae_status vitae_load_buffer(vitae_store *store, const char *data, size_t len,
                               const char *syntax, const char *name, const char *graph_iri,
                               const char *base_iri, vitae_load_result *result,
                               vitae_error *err);

/* Replace the graph graph_iri with the given statements (their own graph
 * terms are ignored), all at once.  The statements stay the caller's. */
vitae_status vitae_load_statements(vitae_store *store, raptor_statement **statements, size_t n,
                                   const char *graph_iri, vitae_load_result *result,
                                   vitae_error *err);

/* Replace EVERYTHING in the store with the contents of a file, normally an
 * N-Quads dump (syntax NULL: by extension, else nquads).  The file is parsed
 * completely first; then a new, empty generation receives it and is
 * committed, so that the store holds either the old contents or exactly the
 * file's.  Blank node labels are kept as written (a dump's labels are the
 * store's own), so that dump -> restore -> dump gives the same bytes.
 * Triples outside any named graph go into the file's graph, as for a load. */
vitae_status vitae_load_restore(vitae_store *store, const char *path, const char *syntax,
                                vitae_load_result *result, vitae_error *err);

/* Progress of a load's long steps, for a progress bar: phase 0 is parsing
 * (done and total in bytes; total 0 when unknown, e.g. a pipe), phase 1 is
 * storing (triples).  Called often; the callback decides what to show.
 * Process-wide; NULL (the default) reports nothing. */
typedef void (*vitae_load_progress_fn)(void *user, int phase, double done, double total);
void vitae_load_set_progress(vitae_load_progress_fn fn, void *user);

/* file:///absolute/path for a file name, percent-encoding what IRIs forbid.
 * The caller frees the result. NULL when out of memory. */
char *vitae_load_file_iri(const char *path);

#endif
