/* Store handles for the server's threads.  librdf is not thread-safe, so a
 * handle (with its own librdf world) is used by one thread at a time; idle
 * handles are kept for the next request.  A handle reads the generation it
 * was opened on: one whose generation is no longer the store's current one
 * (a `vitae load` committed meanwhile) is closed instead of reused, so each
 * request sees the newest committed state, whole. */
#ifndef VITAE_SERVE_POOL_H
#define VITAE_SERVE_POOL_H

#include "core/error.h"
#include "store/store.h"

typedef struct vitae_pool vitae_pool;

/* A pool over the store named by spec (an on-disk store: memory: has
 * nothing to share between handles and is refused).  The store is opened
 * once here, so that a missing or damaged store fails at start.  The
 * caller frees *out with vitae_pool_free(). */
vitae_status vitae_pool_new(const char *spec, vitae_pool **out, vitae_error *err);

/* A handle on the current generation, for the calling thread only until
 * given back.  NULL on failure (err says why). */
vitae_store *vitae_pool_take(vitae_pool *pool, vitae_error *err);

/* Give a handle back (NULL is allowed). */
void vitae_pool_give(vitae_pool *pool, vitae_store *store);

/* Close every idle handle and free the pool; no handle may be out. */
void vitae_pool_free(vitae_pool *pool);

#endif
