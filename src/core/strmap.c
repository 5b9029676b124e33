#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s) { return vitae_strmap_hash(VITAE_STRMAP_HASH_INIT, s, strlen(s)); }

static int grow(vitae_strmap *m) {
  size_t cap = m->cap ? 2 * m->cap : 64;
  char **keys = calloc(cap, sizeof *keys);
  int64_t *values = calloc(cap, sizeof *values);
  if (!keys || !values) {
    free(keys);
    free(values);
    return -1;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = (size_t)hash(m->keys[i]) & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    values[j] = m->values[i];
  }
  free(m->keys);
  free(m->values);
  m->keys = keys;
  m->values = values;
  m->cap = cap;
  return 0;
}

int vitae_strmap_put(vitae_strmap *m, const char *key, int64_t value) {
  if ((m->n + 1) * 2 > m->cap && grow(m) != 0) return -1;
  size_t i = (size_t)hash(key) & (m->cap - 1);
  while (m->keys[i] && strcmp(m->keys[i], key)) i = (i + 1) & (m->cap - 1);
  if (!m->keys[i]) {
    if (!(m->keys[i] = strdup(key))) return -1;
    m->n++;
  }
  m->values[i] = value;
  return 0;
}

int64_t vitae_strmap_get(const vitae_strmap *m, const char *key, int64_t def) {
  if (!m->cap) return def;
  size_t i = (size_t)hash(key) & (m->cap - 1);
  while (m->keys[i]) {
    if (!strcmp(m->keys[i], key)) return m->values[i];
    i = (i + 1) & (m->cap - 1);
  }
  return def;
}

int64_t vitae_strmap_get_hashed(const vitae_strmap *m, const char *key, size_t len, uint64_t h,
                                int64_t def) {
  if (!m->cap) return def;
  size_t i = (size_t)h & (m->cap - 1);
  while (m->keys[i]) {
    if (!strncmp(m->keys[i], key, len) && m->keys[i][len] == '\0') return m->values[i];
    i = (i + 1) & (m->cap - 1);
  }
  return def;
}

void vitae_strmap_free(vitae_strmap *m) {
  for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
  free(m->keys);
  free(m->values);
  m->keys = NULL;
  m->values = NULL;
  m->n = m->cap = 0;
}
