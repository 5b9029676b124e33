/* Berkeley DB cache size for librdf's hashes storage.
 *
 * librdf opens each of its BDB files with db_create() and DB->open(), with
 * no environment and none of our options, so every index gets BDB's default
 * 256 KB cache: a load then spends most of its time moving pages between
 * that cache and the kernel (perf: pread/pwrite and __memp_fget).  bdb.c
 * defines db_create() in the executable, which the dynamic linker binds
 * librdf's call to; it calls the real one and sizes the new handle's cache
 * as set here.  Nothing else about the files changes (same format, same
 * flags), so the atomic write path of store.c is untouched.  Without
 * Berkeley DB's header at build time (HAVE_DB_H) this does nothing. */
#ifndef VITAE_STORE_BDB_H
#define VITAE_STORE_BDB_H

#include <stddef.h>

/* The cache, in bytes, of each BDB file opened from now on by this thread
 * (0: BDB's default).  Writers use a larger one than readers: a reader of
 * a small store should not pay for memory it does not use. */
void vitae_bdb_set_cache(size_t bytes);

/* Whether the tuning is in this build (and bound: 1 once a file was opened
 * through it). */
int vitae_bdb_tuned(void);

#endif
