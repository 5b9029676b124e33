/* Moving whole graphs between files, memory and a Virtuoso server
 * (store/virtuoso.h): the bulk paths of the virtuoso: backend.
 *
 * Loads parse locally with raptor (so syntax errors are reported with their
 * line, and relative IRIs resolve against the file's IRI as for the
 * embedded store), write each graph as N-Triples in memory, and send it in
 * one Graph Store Protocol PUT: the file is all-or-nothing per graph, and a
 * graph loaded again is replaced.  Reading back (export, describe, ...)
 * copies vitae's graphs into an in-memory store: fine for the sizes one
 * process handles, and it lets every reader of the embedded store work
 * unchanged.  Queries do not go through here: they run inside Virtuoso
 * (query/remote.h). */
#ifndef VITAE_STORE_MIRROR_H
#define VITAE_STORE_MIRROR_H

#include <stddef.h>
#include <librdf.h>

#include "core/error.h"
#include "store/load.h"
#include "store/store.h"
#include "store/virtuoso.h"

/* Parse a file ("-": standard input) as vitae_load_file() does and replace,
 * on the server, each graph it fills. */
/* scratch is a memory: store: its world parses, and its error capture
 * (vitae_store_capture_errors) reports parse errors with their line. */
vitae_status vitae_mirror_load_file(vitae_virtuoso *v, vitae_store *scratch, const char *path,
                                    const char *syntax, const char *graph_iri,
                                    const char *base_iri, vitae_load_result *result,
                                    vitae_error *err);

/* Replace graph_iri on the server with these statements (their graph terms
 * are ignored; they stay the caller's). */
vitae_status vitae_mirror_put_statements(vitae_virtuoso *v, raptor_statement **statements,
                                         size_t n, const char *graph_iri, vitae_error *err);

/* Copy vitae's graphs from the server into store (a memory: store), each
 * into its own graph; the inferred graph only when with_inferred.
 * *triples (may be NULL) counts what was copied.  A server that caps its
 * answers (ResultSetMaxRows) is detected and reported, never a silent cut. */
vitae_status vitae_mirror_snapshot(vitae_virtuoso *v, vitae_store *store, int with_inferred,
                                   unsigned long *triples, vitae_error *err);

/* Stream every triple of vitae's graphs on the server (the inferred graph
 * only when with_inferred) to fn, graph by graph, parsed with world;
 * *triples (may be NULL) counts them.  fn's statement is borrowed for the
 * call.  Caps are detected as for vitae_mirror_snapshot(). */
typedef void (*vitae_mirror_fn)(void *ctx, raptor_statement *statement);
vitae_status vitae_mirror_read(vitae_virtuoso *v, raptor_world *world, int with_inferred,
                               vitae_mirror_fn fn, void *ctx, unsigned long *triples,
                               vitae_error *err);

#endif
