/* The store handle pool: a mutex-guarded stack of idle handles. */
#include "serve/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define POOL_IDLE_MAX 16

struct vitae_pool {
  char *spec;
  char dir[4096];
  pthread_mutex_t lock; /* guards idle[] */
  vitae_store *idle[POOL_IDLE_MAX];
  size_t nidle;
};

/* Opening and closing a store creates and frees a librdf world, which
 * touches process-wide state (raptor's libxml set-up and clean-up): one
 * thread at a time.  Queries on open handles run in parallel. */
static pthread_mutex_t world_lock = PTHREAD_MUTEX_INITIALIZER;

static vitae_status open_handle(vitae_pool *pool, vitae_store **out, vitae_error *err) {
  pthread_mutex_lock(&world_lock);
  vitae_status st = vitae_store_open(pool->spec, VITAE_STORE_READ, out, err);
  pthread_mutex_unlock(&world_lock);
  return st;
}

static void close_handle(vitae_store *store) {
  if (!store) return;
  pthread_mutex_lock(&world_lock);
  vitae_store_close(store);
  pthread_mutex_unlock(&world_lock);
}

/* The store's committed generation now (0 for a format-1 store); -1 when
 * the marker cannot be read (then handles are kept as they are). */
static long current_generation(const vitae_pool *pool) {
  vitae_store_marker m;
  char why[256];
  if (vitae_store_read_marker(pool->dir, &m, why, sizeof why) != 1) return -1;
  return m.format == 1 ? 0 : (long)m.generation;
}

vitae_status vitae_pool_new(const char *spec, vitae_pool **out, vitae_error *err) {
  *out = NULL;
  vitae_store_spec parsed;
  vitae_status st = vitae_store_spec_parse(spec, &parsed, err);
  if (st != VITAE_OK) return st;
  if (parsed.backend == VITAE_BACKEND_MEMORY)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                           "serve needs a store on disk (memory: would be empty)");
  vitae_pool *pool = calloc(1, sizeof *pool);
  if (!pool || !(pool->spec = strdup(spec ? spec : ""))) {
    free(pool);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  memcpy(pool->dir, parsed.path, sizeof pool->dir);
  pthread_mutex_init(&pool->lock, NULL);
  vitae_store *first = NULL;
  if ((st = open_handle(pool, &first, err)) != VITAE_OK) {
    vitae_pool_free(pool);
    return st;
  }
  vitae_pool_give(pool, first);
  *out = pool;
  return VITAE_OK;
}

vitae_store *vitae_pool_take(vitae_pool *pool, vitae_error *err) {
  long gen = current_generation(pool);
  vitae_store *stale[POOL_IDLE_MAX], *found = NULL;
  size_t nstale = 0;
  pthread_mutex_lock(&pool->lock);
  while (pool->nidle && !found) {
    vitae_store *s = pool->idle[--pool->nidle];
    if (gen >= 0 && (long)vitae_store_generation(s) != gen) stale[nstale++] = s;
    else found = s;
  }
  pthread_mutex_unlock(&pool->lock);
  /* closed outside the pool lock: closing releases the old generation,
   * which the writer may then remove */
  for (size_t i = 0; i < nstale; i++) close_handle(stale[i]);
  if (found) return found;
  vitae_store *s = NULL;
  return open_handle(pool, &s, err) == VITAE_OK ? s : NULL;
}

void vitae_pool_give(vitae_pool *pool, vitae_store *store) {
  if (!store) return;
  pthread_mutex_lock(&pool->lock);
  int kept = pool->nidle < POOL_IDLE_MAX;
  if (kept) pool->idle[pool->nidle++] = store;
  pthread_mutex_unlock(&pool->lock);
  if (!kept) close_handle(store);
}

void vitae_pool_free(vitae_pool *pool) {
  if (!pool) return;
  for (size_t i = 0; i < pool->nidle; i++) close_handle(pool->idle[i]);
  pthread_mutex_destroy(&pool->lock);
  free(pool->spec);
  free(pool);
}
