/* vitae_store: a Redland model with named graphs, opened from a store spec.
 *
 * This is the only module that talks to librdf's storage layer, so that its
 * ownership rules and quirks stay in one place.  Specs:
 *   PATH            a persistent on-disk store in directory PATH (hashes/BDB)
 *   hashes:PATH     the same, explicitly
 *   sqlite:PATH     Redland's sqlite storage in directory PATH
 *   memory:         an in-memory store, gone when the process ends
 *   postgresql:..., virtuoso:...  reserved; refused for now
 *
 * On disk (format 2), a store directory holds generations: directories
 * gen-NNNNNN with the backend's files (vitae-*.db, or vitae.sqlite).  The
 * marker file vitae-store names the format, the backend and the current
 * generation; nothing ever modifies a committed generation.  A write session
 * copies the current generation into the next one (a reflink or
 * copy_file_range when the file system can), applies its changes there,
 * fsyncs it, then replaces the marker with rename(2): a crash at any moment
 * leaves either the old or the new generation current, never a mix.
 * Writers serialise on an flock() of DIR/lock; readers take no store lock,
 * only a shared flock() on the generation they read, so that a writer never
 * deletes a generation under a reader.  Stale and partial generations are
 * removed when a writer opens the store (and by `vitae check --repair`).
 * Format 1 (the BDB files directly in DIR) is still read, and is moved into
 * a generation (by hard links, no copy) when a writer first opens it.
 * memory: stores have none of this: their writes are immediate. */
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
  VITAE_STORE_READ,   /* the store must exist; a snapshot, never blocked by writers */
  VITAE_STORE_WRITE,  /* created on first use; one writer at a time */
  VITAE_STORE_REPLACE /* like WRITE, but the current contents are not even opened
                         (they may be damaged): the store starts out empty, and
                         replaces everything when committed (vitae restore) */
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

/* Open a store.  The caller owns *out and frees it with vitae_store_close().
 * A writer that finds another writer fails at once ("the store is busy"),
 * or waits for it after vitae_store_set_wait(1). */
vitae_status vitae_store_open(const char *spec, vitae_store_mode mode, vitae_store **out,
                              vitae_error *err);

/* Process-wide: whether opening for writing waits for another writer to
 * finish instead of failing (vitae --wait, VITAE_WAIT=1). */
void vitae_store_set_wait(int wait);

/* Commit what this session wrote (see vitae_store_commit), then release
 * everything.  A commit that fails here is printed on stderr and the store
 * stays as it was; call vitae_store_commit() first to get the status.
 * NULL is allowed. */
void vitae_store_close(vitae_store *store);

/* Borrowed handles, valid until vitae_store_close().  The model is valid
 * until vitae_store_close() or vitae_store_bulk() (which closes it; asking
 * for the model again reopens it). */
librdf_world *vitae_store_world(const vitae_store *store);
librdf_model *vitae_store_model(vitae_store *store);
const vitae_store_spec *vitae_store_get_spec(const vitae_store *store);

/* A cache that another module keeps with this handle (the query engine's
 * in-memory copy of a small store), opaque here.  Only a handle opened for
 * reading offers one, because its contents never change while it is open;
 * elsewhere get returns NULL, and set frees what it is given and returns -1.
 * The store owns what is set: free_fn(data) (when not NULL) runs when the
 * handle closes its model.  Setting again frees the previous data. */
void *vitae_store_cache_get(const vitae_store *store);
int vitae_store_cache_set(vitae_store *store, void *data, void (*free_fn)(void *));

/* Route librdf/raptor/rasqal log messages of level error or worse into err
 * (the first one wins), attributing them to file_name when it is not NULL.
 * Pass err = NULL to stop capturing.  Returns nothing: errors are read from err. */
void vitae_store_capture_errors(vitae_store *store, vitae_error *err, const char *file_name);

/* Flush pending writes to disk (into the working generation: nothing is
 * visible to other processes before the commit). */
vitae_status vitae_store_sync(vitae_store *store, vitae_error *err);

/* ---- write sessions ----
 * Everything that changes the store (load.h, drop) first calls
 * vitae_store_begin(); the changes become visible together, atomically, at
 * vitae_store_commit() or vitae_store_close().  For memory: stores these are
 * no-ops and writes are immediate. */

/* Start writing, unless a session is open already: the current generation is
 * copied into a new working one (empty = start from an empty store instead,
 * dropping a working generation this session already has).  The store must
 * be opened for writing. */
vitae_status vitae_store_begin(vitae_store *store, int empty, vitae_error *err);

/* Make this session's writes the current state: fsync the working
 * generation, replace the marker, remove the generation it replaces (unless
 * a reader still has it open).  Nothing to commit is fine. */
vitae_status vitae_store_commit(vitae_store *store, vitae_error *err);

/* The direct writer of this session's working generation (store/bulk.h),
 * for the hashes backend: *out is NULL for other backends, outside a
 * session, or when VITAE_BULK=0 (then write through the model).  Borrowed:
 * the store closes it at the commit, or when the model is asked for (the
 * two never have the files open at once).  Its writes count as the
 * session's once vitae_store_sync() has flushed them. */
struct vitae_bulk;
vitae_status vitae_store_bulk(vitae_store *store, struct vitae_bulk **out, vitae_error *err);

/* Throw this session's writes away; the store reads as before the session. */
void vitae_store_rollback(vitae_store *store);

/* A write failed half-way: roll the session back, refuse further writes in
 * this session (an earlier part of it would be lost, so a later part must
 * not be committed alone), and record in err "WHAT: REASON; nothing was
 * stored, the store is unchanged" (REASON from errno).  Returns err's status. */
vitae_status vitae_store_write_failed(vitae_store *store, vitae_error *err, const char *file,
                                      const char *what);

/* Berkeley DB, opened without an environment, prints its complaints on
 * stderr: one per page it cannot write, hundreds when the disk is full.
 * Between these two calls they are held back (in memory) and dropped;
 * anything else printed meanwhile is passed on at the end.  Not nested. */
void vitae_store_quiet_begin(vitae_store *store);
void vitae_store_quiet_end(vitae_store *store);

/* The committed generation this handle reads or writes from (0 for memory:
 * and format-1 stores), and the working one (0 outside a session). */
unsigned long vitae_store_generation(const vitae_store *store);
unsigned long vitae_store_working_generation(const vitae_store *store);

/* ---- the on-disk layout, for vitae check ---- */

#define VITAE_STORE_FORMAT 2

typedef struct vitae_store_marker {
  int format;                  /* 1 or 2 */
  vitae_store_backend backend; /* hashes or sqlite */
  unsigned long generation;    /* format 2: the current generation */
} vitae_store_marker;

/* Read DIR/vitae-store: 1 when read, 0 when there is none, -1 when it is
 * unreadable or malformed (why says how, size n). */
int vitae_store_read_marker(const char *dir, vitae_store_marker *out, char *why, size_t n);

/* "gen-000007" for 7; writes into out (size n). */
void vitae_store_generation_name(unsigned long generation, char *out, size_t n);

/* Whether name is a generation directory name; sets *generation. */
int vitae_store_parse_generation_name(const char *name, unsigned long *generation);

/* Whether name is a data file of the backend (format 1 kept them in DIR). */
int vitae_store_is_data_file(const char *name);

/* The data files a generation of this backend must hold, NULL-terminated. */
const char *const *vitae_store_data_files(vitae_store_backend backend);

/* Whether another process holds the writer lock of DIR (0 when none, or no
 * lock file).  Never blocks. */
int vitae_store_writer_active(const char *dir, long *pid);

/* Whether a reader has generation directory PATH open.  Never blocks. */
int vitae_store_generation_in_use(const char *path);

const char *vitae_store_backend_name(vitae_store_backend backend);

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
