/* A string -> int map (open addressing).  The map copies its keys. */
#ifndef VITAE_CORE_STRMAP_H
#define VITAE_CORE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct vitae_strmap {
  char **keys;
  int64_t *values;
  size_t n, cap;
} vitae_strmap;

#define VITAE_STRMAP_INIT {NULL, NULL, 0, 0}

/* Sets key -> value; returns 0, or -1 when out of memory. */
int vitae_strmap_put(vitae_strmap *m, const char *key, int64_t value);
/* The value, or def when absent. */
int64_t vitae_strmap_get(const vitae_strmap *m, const char *key, int64_t def);

/* The map's hash (64-bit FNV-1a) of n more bytes, continuing from h; a key
 * is hashed from VITAE_STRMAP_HASH_INIT.  Callers that build a key piece by
 * piece hash it as they go and look it up with vitae_strmap_get_hashed. */
#define VITAE_STRMAP_HASH_INIT 1469598103934665603ull
static inline uint64_t vitae_strmap_hash(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}
/* vitae_strmap_get for the len bytes at key (no NUL needed), whose hash is h. */
int64_t vitae_strmap_get_hashed(const vitae_strmap *m, const char *key, size_t len, uint64_t h,
                                int64_t def);
void vitae_strmap_free(vitae_strmap *m);

#endif
