/* dlsym(RTLD_NEXT) is a GNU extension. */
#define _GNU_SOURCE 1
#include "store/bdb.h"

#include "config.h"

static _Thread_local size_t cache_bytes;
static int bound;

void vitae_bdb_set_cache(size_t bytes) { cache_bytes = bytes; }
int vitae_bdb_tuned(void) { return bound; }

#ifdef HAVE_DB_H
#include <db.h>
#include <dlfcn.h>
#include <errno.h>

typedef int (*db_create_fn)(DB **, DB_ENV *, u_int32_t);

/* librdf's call lands here (a symbol of the executable comes first); the
 * real db_create is the next one in the lookup order, libdb's. */
int db_create(DB **dbp, DB_ENV *env, u_int32_t flags) {
  static db_create_fn real;
  if (!real) {
    real = (db_create_fn)dlsym(RTLD_NEXT, "db_create");
    if (!real) return ENOSYS;
  }
  int rc = real(dbp, env, flags);
  /* only a handle without an environment has a cache of its own; a failure
   * to size it leaves BDB's default, which works, only slower */
  if (rc == 0 && !env && cache_bytes && *dbp) {
    if ((*dbp)->set_cachesize(*dbp, (u_int32_t)(cache_bytes >> 30),
                              (u_int32_t)(cache_bytes & ((1u << 30) - 1)), 1) == 0)
      bound = 1;
  }
  return rc;
}
#endif
