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
void vitae_strmap_free(vitae_strmap *m);

#endif
