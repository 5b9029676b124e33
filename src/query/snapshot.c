#include "query/snapshot.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct vq_snapshot {
  librdf_node **terms;  /* owned copies, by id */
  unsigned char **enc;  /* librdf_node_encode() of each term: its identity */
  size_t *enc_len;
  uint64_t *hash;
  size_t nterms, cap_terms;
  uint32_t *slots;      /* open addressing: term ids, VQ_NONE when empty */
  size_t nslots;        /* a power of two */
  uint32_t (*quads)[4]; /* subject, predicate, object, graph */
  size_t nquads, cap_quads;
  uint32_t *spo, *pos, *osp; /* quad indexes sorted by those keys, then graph */
};

static const int PERM_SPO[4] = {0, 1, 2, 3}, PERM_POS[4] = {1, 2, 0, 3}, PERM_OSP[4] = {2, 0, 1, 3};

static void snapshot_free(void *p) {
  vq_snapshot *s = p;
  if (!s) return;
  for (size_t i = 0; i < s->nterms; i++) {
    librdf_free_node(s->terms[i]);
    free(s->enc[i]);
  }
  free(s->terms);
  free(s->enc);
  free(s->enc_len);
  free(s->hash);
  free(s->slots);
  free(s->quads);
  free(s->spo);
  free(s->pos);
  free(s->osp);
  free(s);
}

static uint64_t fnv64(const unsigned char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

/* The encoding of node into a buffer the caller frees; NULL on failure. */
static unsigned char *encode(librdf_node *node, size_t *len) {
  size_t n = librdf_node_encode(node, NULL, 0);
  unsigned char *buf = n ? malloc(n) : NULL;
  if (!buf) return NULL;
  if (librdf_node_encode(node, buf, n) != n) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static uint32_t lookup(const vq_snapshot *s, const unsigned char *e, size_t n, uint64_t h) {
  if (!s->nslots) return VQ_NONE;
  for (size_t j = (size_t)h & (s->nslots - 1);; j = (j + 1) & (s->nslots - 1)) {
    uint32_t id = s->slots[j];
    if (id == VQ_NONE) return VQ_NONE;
    if (s->hash[id] == h && s->enc_len[id] == n && !memcmp(s->enc[id], e, n)) return id;
  }
}

static int grow_slots(vq_snapshot *s) {
  size_t n = s->nslots ? 2 * s->nslots : 1024;
  uint32_t *slots = malloc(n * sizeof *slots);
  if (!slots) return -1;
  memset(slots, 0xff, n * sizeof *slots); /* VQ_NONE */
  for (size_t id = 0; id < s->nterms; id++) {
    size_t j = (size_t)s->hash[id] & (n - 1);
    while (slots[j] != VQ_NONE) j = (j + 1) & (n - 1);
    slots[j] = (uint32_t)id;
  }
  free(s->slots);
  s->slots = slots;
  s->nslots = n;
  return 0;
}

/* The id of node, added when new; VQ_NONE on failure. */
static uint32_t intern(vq_snapshot *s, librdf_node *node) {
  size_t n;
  unsigned char *e = encode(node, &n);
  if (!e) return VQ_NONE;
  uint64_t h = fnv64(e, n);
  uint32_t id = lookup(s, e, n, h);
  if (id != VQ_NONE) {
    free(e);
    return id;
  }
  if (s->nterms == s->cap_terms) {
    size_t cap = s->cap_terms ? 2 * s->cap_terms : 1024;
    librdf_node **t = realloc(s->terms, cap * sizeof *t);
    if (t) s->terms = t;
    unsigned char **en = t ? realloc(s->enc, cap * sizeof *en) : NULL;
    if (en) s->enc = en;
    size_t *l = en ? realloc(s->enc_len, cap * sizeof *l) : NULL;
    if (l) s->enc_len = l;
    uint64_t *hs = l ? realloc(s->hash, cap * sizeof *hs) : NULL;
    if (hs) s->hash = hs;
    if (!hs) {
      free(e);
      return VQ_NONE;
    }
    s->cap_terms = cap;
  }
  if (2 * (s->nterms + 1) > s->nslots && grow_slots(s) != 0) {
    free(e);
    return VQ_NONE;
  }
  librdf_node *copy = librdf_new_node_from_node(node);
  if (!copy) {
    free(e);
    return VQ_NONE;
  }
  id = (uint32_t)s->nterms++;
  s->terms[id] = copy;
  s->enc[id] = e;
  s->enc_len[id] = n;
  s->hash[id] = h;
  size_t j = (size_t)h & (s->nslots - 1);
  while (s->slots[j] != VQ_NONE) j = (j + 1) & (s->nslots - 1);
  s->slots[j] = id;
  return id;
}

/* qsort has no context argument: the quads and the key order being sorted */
static _Thread_local const uint32_t (*sort_quads)[4];
static _Thread_local const int *sort_perm;

static int cmp_quad(const void *a, const void *b) {
  const uint32_t *x = sort_quads[*(const uint32_t *)a], *y = sort_quads[*(const uint32_t *)b];
  for (int k = 0; k < 4; k++) {
    uint32_t u = x[sort_perm[k]], v = y[sort_perm[k]];
    if (u != v) return u < v ? -1 : 1;
  }
  return 0;
}

static uint32_t *sorted(vq_snapshot *s, const int perm[4]) {
  uint32_t *idx = malloc((s->nquads ? s->nquads : 1) * sizeof *idx);
  if (!idx) return NULL;
  for (size_t i = 0; i < s->nquads; i++) idx[i] = (uint32_t)i;
  sort_quads = (const uint32_t(*)[4])s->quads;
  sort_perm = perm;
  qsort(idx, s->nquads, sizeof *idx, cmp_quad);
  return idx;
}

/* Whether the store's data files are small enough to copy. */
static int small_enough(vitae_store *store) {
  const vitae_store_spec *spec = vitae_store_get_spec(store);
  if (spec->backend != VITAE_BACKEND_HASHES) return 0;
  char dir[4200], path[4400], name[64];
  unsigned long g = vitae_store_generation(store);
  if (g) {
    vitae_store_generation_name(g, name, sizeof name);
    snprintf(dir, sizeof dir, "%s/%s", spec->path, name);
  } else {
    snprintf(dir, sizeof dir, "%s", spec->path);
  }
  unsigned long total = 0;
  for (const char *const *f = vitae_store_data_files(spec->backend); *f; f++) {
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, *f);
    if (stat(path, &st) != 0) return 0;
    total += (unsigned long)st.st_size;
  }
  return total <= VQ_SNAPSHOT_MAX_BYTES;
}

static vq_snapshot *build(vitae_store *store) {
  vq_snapshot *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  librdf_stream *stream = librdf_model_as_stream(vitae_store_model(store));
  int ok = stream != NULL;
  for (; ok && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *st = librdf_stream_get_object(stream); /* shared */
    librdf_node *g = librdf_stream_get_context2(stream);     /* shared */
    if (!st) continue;
    if (s->nquads == VQ_SNAPSHOT_MAX_QUADS) ok = 0;
    if (ok && s->nquads == s->cap_quads) {
      size_t cap = s->cap_quads ? 2 * s->cap_quads : 4096;
      uint32_t(*q)[4] = realloc(s->quads, cap * sizeof *q);
      if (!q) ok = 0;
      else {
        s->quads = q;
        s->cap_quads = cap;
      }
    }
    if (!ok) break;
    uint32_t *q = s->quads[s->nquads];
    q[0] = intern(s, librdf_statement_get_subject(st));
    q[1] = intern(s, librdf_statement_get_predicate(st));
    q[2] = intern(s, librdf_statement_get_object(st));
    q[3] = g ? intern(s, g) : VQ_NONE;
    ok = q[0] != VQ_NONE && q[1] != VQ_NONE && q[2] != VQ_NONE && (!g || q[3] != VQ_NONE);
    s->nquads++;
  }
  if (stream) librdf_free_stream(stream);
  if (ok) ok = (s->spo = sorted(s, PERM_SPO)) && (s->pos = sorted(s, PERM_POS)) &&
               (s->osp = sorted(s, PERM_OSP));
  if (!ok) {
    snapshot_free(s);
    return NULL;
  }
  return s;
}

/* Stands in the cache for a store that is not copied, so that it is not
 * tried again. */
static char not_copied;

const vq_snapshot *vq_snapshot_of(vitae_store *store) {
  void *c = vitae_store_cache_get(store);
  if (c) return c == &not_copied ? NULL : c;
  /* VITAE_QUERY_SNAPSHOT=0 turns the copy off (benchmarks, comparisons);
   * refused when the handle may change the store: then nothing is built */
  const char *env = getenv("VITAE_QUERY_SNAPSHOT");
  if (env && !strcmp(env, "0")) return NULL;
  if (!vitae_store_model(store) || vitae_store_cache_set(store, &not_copied, NULL) != 0) return NULL;
  vq_snapshot *s = small_enough(store) ? build(store) : NULL;
  if (!s || vitae_store_cache_set(store, s, snapshot_free) != 0) return NULL;
  return s;
}

uint32_t vq_snapshot_id(const vq_snapshot *s, librdf_node *node) {
  size_t n;
  unsigned char *e = encode(node, &n);
  if (!e) return VQ_NONE;
  uint32_t id = lookup(s, e, n, fnv64(e, n));
  free(e);
  return id;
}

librdf_node *vq_snapshot_term(const vq_snapshot *s, uint32_t id) {
  return id < s->nterms ? s->terms[id] : NULL;
}

/* -1, 0, 1: the quad against the first k bound parts of key (in perm order) */
static int cmp_prefix(const uint32_t *q, const int perm[4], const uint32_t *key, int k) {
  for (int i = 0; i < k; i++) {
    uint32_t u = q[perm[i]];
    if (u != key[i]) return u < key[i] ? -1 : 1;
  }
  return 0;
}

void vq_snapshot_find(const vq_snapshot *s, const uint32_t want[4], vq_snapshot_range *r) {
  uint32_t sb = want[0], pb = want[1], ob = want[2];
  const int *perm;
  const uint32_t *order;
  if (sb != VQ_NONE && pb == VQ_NONE && ob != VQ_NONE) perm = PERM_OSP, order = s->osp;
  else if (sb != VQ_NONE) perm = PERM_SPO, order = s->spo;
  else if (pb != VQ_NONE) perm = PERM_POS, order = s->pos;
  else if (ob != VQ_NONE) perm = PERM_OSP, order = s->osp;
  else perm = PERM_SPO, order = s->spo;
  uint32_t key[3];
  int k = 0;
  while (k < 3 && want[perm[k]] != VQ_NONE) {
    key[k] = want[perm[k]];
    k++;
  }
  size_t lo = 0, hi = s->nquads;
  while (lo < hi) { /* the first quad not below the key */
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_prefix(s->quads[order[mid]], perm, key, k) < 0) lo = mid + 1;
    else hi = mid;
  }
  size_t first = lo;
  hi = s->nquads;
  while (lo < hi) { /* the first quad above it */
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_prefix(s->quads[order[mid]], perm, key, k) <= 0) lo = mid + 1;
    else hi = mid;
  }
  r->order = order;
  r->start = r->pos = first;
  r->end = lo;
}

const uint32_t *vq_snapshot_quad(const vq_snapshot *s, const vq_snapshot_range *r) {
  return r->pos < r->end ? s->quads[r->order[r->pos]] : NULL;
}

int vq_snapshot_fits(const vq_snapshot *s, const vq_snapshot_range *r, const uint32_t want[4],
                     int dedup) {
  const uint32_t *q = vq_snapshot_quad(s, r);
  if (!q) return 0;
  for (int i = 0; i < 4; i++)
    if (want[i] != VQ_NONE && q[i] != want[i]) return 0;
  if (dedup && r->pos > r->start) {
    /* in every order the graph sorts last: a triple's quads are neighbours */
    const uint32_t *p = s->quads[r->order[r->pos - 1]];
    if (p[0] == q[0] && p[1] == q[1] && p[2] == q[2]) return 0;
  }
  return 1;
}
