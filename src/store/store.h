/* vitae_store: a Redland model with named graphs, opened from a store spec.
 *
 * This is the only module that talks to librdf's storage layer, so that its
 * ownership rules and quirks stay in one place.  Specs:
 *   PATH            a persistent on-disk store in directory PATH (hashes/BDB)
 *   hashes:PATH     the same, explicitly
 *   sqlite:PATH     Redland's sqlite storage in directory PATH
 *   memory:         an in-memory store, gone when the process ends
 *   postgresql:..., virtuoso:...  reserved; refused for now
 */
#ifndef VITAE_STORE_STORE_H
#define VITAE_STORE_STORE_H

#include <stddef.h>
#include <librdf.h>

#include "core/error.h"

typedef struct vitae_store vitae_store;

typedef enum vitae_store_backend {
  VITAE_BACKEND_MEMORY,
  VITAE_BACKEND_HASHES,
  VITAE_BACKEND_SQLITE
} vitae_store_backend;

typedef enum vitae_store_mode {
  VITAE_STORE_READ,  /* the store must exist */
  VITAE_STORE_WRITE  /* created on first use */
} vitae_store_mode;

typedef struct vitae_store_spec {
  vitae_store_backend backend;
  char path[4096]; /* directory; "" for memory */
} vitae_store_spec;

/* Parse a spec (see above).  NULL or "" means the default location. */
vitae_status vitae_store_spec_parse(const char *spec, vitae_store_spec *out, vitae_error *err);

/* The default store directory: $XDG_DATA_HOME/vitae/store, else
 * ~/.local/share/vitae/store.  Writes into out (size n). */
vitae_status vitae_store_default_path(char *out, size_t n, vitae_error *err);

/* Open a store.  The caller owns *out and frees it with vitae_store_close(). */
vitae_status vitae_store_open(const char *spec, vitae_store_mode mode, vitae_store **out,
                              vitae_error *err);

/* Flush and release everything.  NULL is allowed. */
void vitae_store_close(vitae_store *store);

/* Borrowed handles, valid until vitae_store_close(). */
librdf_world *vitae_store_world(const vitae_store *store);
librdf_model *vitae_store_model(const vitae_store *store);
const vitae_store_spec *vitae_store_get_spec(const vitae_store *store);

/* Route librdf/raptor/rasqal log messages of level error or worse into err
 * (the first one wins), attributing them to file_name when it is not NULL.
 * Pass err = NULL to stop capturing.  Returns nothing: errors are read from err. */
void vitae_store_capture_errors(vitae_store *store, vitae_error *err, const char *file_name);

/* Flush pending writes to disk. */
vitae_status vitae_store_sync(vitae_store *store, vitae_error *err);

/* ---- named graphs ---- */

/* The named graphs in the store, sorted by IRI.  *out is a NULL-terminated
 * array of strings the caller frees with vitae_store_free_list(). */
vitae_status vitae_store_list_graphs(vitae_store *store, char ***out, vitae_error *err);
void vitae_store_free_list(char **list);

/* Whether the store has a graph with this IRI. */
int vitae_store_has_graph(vitae_store *store, const char *graph_iri);

/* Remove every triple of one named graph; VITAE_ERR_NOTFOUND when absent. */
vitae_status vitae_store_drop_graph(vitae_store *store, const char *graph_iri, vitae_error *err);

/* Remove everything. */
vitae_status vitae_store_drop_all(vitae_store *store, vitae_error *err);

/* Number of triples in one named graph (graph_iri != NULL) or in all graphs
 * counted per graph (graph_iri == NULL). */
vitae_status vitae_store_count(vitae_store *store, const char *graph_iri, unsigned long *out,
                               vitae_error *err);

#endif
