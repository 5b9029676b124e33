/* qsort_r() is a GNU extension. */
#define _GNU_SOURCE 1
#include "store/bulk.h"

#include "config.h"

#include <errno.h>

#ifndef HAVE_DB_H

vitae_status vitae_bulk_open(librdf_world *world, const char *dir, const char *name,
                             size_t cache_bytes, vitae_bulk **out, vitae_error *err) {
  (void)world, (void)name, (void)cache_bytes;
  *out = NULL;
  return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, dir, 0, 0,
                         "built without Berkeley DB's header: no direct writes");
}
int vitae_bulk_close(vitae_bulk *b) { return b ? ENOSYS : 0; }
int vitae_bulk_sync(vitae_bulk *b) { (void)b; return ENOSYS; }
int vitae_bulk_add(vitae_bulk *b, raptor_statement *const *s, size_t n) {
  (void)b, (void)s, (void)n;
  return ENOSYS;
}
int vitae_bulk_remove(vitae_bulk *b, raptor_statement *const *s, size_t n) {
  (void)b, (void)s, (void)n;
  return ENOSYS;
}
int vitae_bulk_read_session(vitae_bulk *b, raptor_term *skip, vitae_bulk_fn fn, void *user) {
  (void)b, (void)skip, (void)fn, (void)user;
  return ENOSYS;
}
int vitae_bulk_read(vitae_bulk *b, raptor_term *g, raptor_term *skip, vitae_bulk_fn fn, void *u) {
  (void)b, (void)g, (void)skip, (void)fn, (void)u;
  return ENOSYS;
}
int vitae_bulk_clear_graph(vitae_bulk *b, raptor_term *g, size_t *removed) {
  (void)b, (void)g, (void)removed;
  return ENOSYS;
}
int vitae_bulk_list_add(vitae_bulk_list *l, const raptor_statement *s) {
  (void)l, (void)s;
  return ENOSYS;
}
void vitae_bulk_list_free(vitae_bulk_list *l) { (void)l; }

#else

#include <db.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The files of librdf's hashes storage with contexts, in librdf's order,
 * and what their keys and values hold (rdf_storage_hashes.c). */
enum { SP2O, PO2S, SO2P, CONTEXTS, NFILES };
static const struct {
  const char *name;
  librdf_statement_part key, value;
} FILES[NFILES] = {
    {"sp2o", LIBRDF_STATEMENT_SUBJECT | LIBRDF_STATEMENT_PREDICATE, LIBRDF_STATEMENT_OBJECT},
    {"po2s", LIBRDF_STATEMENT_PREDICATE | LIBRDF_STATEMENT_OBJECT, LIBRDF_STATEMENT_SUBJECT},
    {"so2p", LIBRDF_STATEMENT_SUBJECT | LIBRDF_STATEMENT_OBJECT, LIBRDF_STATEMENT_PREDICATE},
    {"contexts", 0, 0}, /* key: the graph; value: the triple */
};

struct vitae_bulk {
  librdf_world *world;
  DB *db[NFILES];
  unsigned char *val; /* scratch for one value */
  size_t val_cap;
  /* small batches (a document each) wait here, so that many are written
   * in one sorted pass: the pages of a key range are then read and written
   * once for all of them instead of once each */
  vitae_bulk_list pending;
  raptor_term **pending_graphs; /* the graphs they fill, each once */
  size_t npg, cpg;
  /* Every statement added since the files were opened empty, while nothing
   * was removed (session_ok): then they are what the files hold, and
   * vitae_bulk_read_session() gives them without decoding the files. */
  vitae_bulk_list session;
  int session_ok;
};

/* The statements waiting at most: a bound on memory, whatever the corpus. */
#define PENDING_MAX 100000

static int flush(vitae_bulk *b);

/* A growing byte buffer for encoded keys. */
typedef struct arena {
  unsigned char *data;
  size_t len, cap;
} arena;

/* One record of a batch: its key in the arena; seq is its statement, which
 * also keeps duplicates of a key in the order of the batch. */
typedef struct rec {
  size_t off;
  uint32_t len, seq;
} rec;

/* BDB's messages would go to stderr; every failure is reported by its
 * return code instead. */
static void no_message(const DB_ENV *env, const char *prefix, const char *msg) {
  (void)env, (void)prefix, (void)msg;
}

/* A BDB return code as an errno value.  BDB's own codes are negative; a
 * write that failed underneath (a full disk, a file-size limit) comes back
 * as EIO or one of them, with the system's reason still in errno. */
static int as_errno(int rc) {
  if (rc == 0) return 0;
  int e = errno;
  if ((rc < 0 || rc == EIO) && (e == EFBIG || e == ENOSPC || e == EDQUOT || e == EROFS)) return e;
  return rc > 0 ? rc : EIO;
}

/* Open one file as librdf does (rdf_hash_bdb.c: a B-tree with unsorted
 * duplicates, no environment); page_size 0 keeps the file's. */
static int open_file(DB **out, const char *path, size_t cache_bytes, u_int32_t page_size) {
  DB *db = NULL;
  int rc = db_create(&db, NULL, 0);
  *out = db;
  if (rc) return rc;
  db->set_errcall(db, no_message);
  rc = db->set_flags(db, DB_DUP);
  if (rc == 0 && cache_bytes)
    rc = db->set_cachesize(db, (u_int32_t)(cache_bytes >> 30),
                           (u_int32_t)(cache_bytes & ((1u << 30) - 1)), 1);
  if (rc == 0 && page_size) rc = db->set_pagesize(db, page_size);
  if (rc == 0) rc = db->open(db, NULL, path, NULL, DB_BTREE, page_size ? DB_CREATE : 0, 0644);
  return rc;
}

/* Whether a B-tree holds nothing (a fresh store's file). */
static int is_empty(DB *db) {
  DBC *c = NULL;
  DBT k, v;
  memset(&k, 0, sizeof k);
  memset(&v, 0, sizeof v);
  if (db->cursor(db, NULL, &c, 0) != 0) return 0;
  int empty = c->get(c, &k, &v, DB_FIRST) == DB_NOTFOUND;
  c->close(c);
  return empty;
}

/* Larger pages than librdf's (the file system's block, 4 KB) for a file
 * that is still empty: a page split, a page allocated and a write per 64 KB
 * instead of per 4 KB, and the records of a key on fewer pages.  BDB keeps
 * the page size in the file, so librdf reads it as any other. */
#define PAGE_SIZE 65536

vitae_status vitae_bulk_open(librdf_world *world, const char *dir, const char *name,
                             size_t cache_bytes, vitae_bulk **out, vitae_error *err) {
  *out = NULL;
  vitae_bulk *b = calloc(1, sizeof *b);
  if (!b) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  b->world = world;
  b->pending.rw = b->session.rw = librdf_world_get_raptor(world);
  b->session_ok = 1;
  char path[4400];
  u_int32_t want = PAGE_SIZE;
  for (int i = 0; i < NFILES; i++) {
    snprintf(path, sizeof path, "%s/%s-%s.db", dir, name, FILES[i].name);
    int rc = open_file(&b->db[i], path, cache_bytes, 0);
    u_int32_t ps = 0;
    int empty = rc == 0 && is_empty(b->db[i]);
    if (!empty) b->session_ok = 0;
    if (empty && want && b->db[i]->get_pagesize(b->db[i], &ps) == 0 && ps < want) {
      /* our own copy (a working generation): made again, empty */
      rc = b->db[i]->close(b->db[i], 0);
      b->db[i] = NULL;
      if (rc == 0 && unlink(path) != 0) rc = errno;
      if (rc == 0) rc = open_file(&b->db[i], path, cache_bytes, want);
    }
    if (rc != 0) {
      vitae_bulk_close(b);
      errno = as_errno(rc);
      /* (db_strerror would need libdb on the link line; librdf brings it) */
      return vitae_error_set(err, VITAE_ERR_STORE, path, 0, 0, "cannot open for writing: %s",
                             strerror(as_errno(rc)));
    }
  }
  *out = b;
  return VITAE_OK;
}

int vitae_bulk_sync(vitae_bulk *b) {
  int first = flush(b);
  for (int i = 0; i < NFILES; i++) {
    int rc = b->db[i] ? b->db[i]->sync(b->db[i], 0) : 0;
    if (rc && !first) first = as_errno(rc);
  }
  return first;
}

int vitae_bulk_close(vitae_bulk *b) {
  if (!b) return 0;
  int first = flush(b);
  for (int i = 0; i < NFILES; i++) {
    /* close writes what the cache still holds: its failure is a lost write */
    int rc = b->db[i] ? b->db[i]->close(b->db[i], 0) : 0;
    if (rc && !first) first = as_errno(rc);
  }
  free(b->pending_graphs);
  vitae_bulk_list_free(&b->session);
  free(b->val);
  free(b);
  return first;
}

/* ---- encoding, with librdf's own encoders ---- */

/* librdf's encoding of the key (value = 0) or value (value = 1) of a triple
 * (its graph apart) for file f into to; with to == NULL, the length it
 * needs.  0 on failure. */
static size_t encode_part(vitae_bulk *b, int f, int value, raptor_statement *triple,
                          raptor_term *graph, unsigned char *to, size_t room) {
  if (f == CONTEXTS)
    return value ? librdf_statement_encode2(b->world, triple, to, room)
                 : librdf_node_encode(graph, to, room);
  return librdf_statement_encode_parts2(b->world, triple, value ? graph : NULL, to, room,
                                        value ? FILES[f].value : FILES[f].key);
}

/* The same for statement s at offset at of *buf, growing it; the length,
 * or 0 on failure.  The length is always asked first: librdf's encoders
 * read a room of 0 left half-way as no limit, and would write past it. */
static size_t encode(vitae_bulk *b, int f, int value, const raptor_statement *s,
                     unsigned char **buf, size_t *cap, size_t at) {
  raptor_statement triple = *s;
  triple.graph = NULL; /* the graph goes where librdf puts it, not in the triple */
  size_t n = encode_part(b, f, value, &triple, s->graph, NULL, 0);
  if (!n) return 0;
  if (at + n > *cap) {
    size_t c = *cap ? *cap : 4096;
    while (c < at + n) c *= 2;
    unsigned char *more = realloc(*buf, c);
    if (!more) return 0;
    *buf = more;
    *cap = c;
  }
  return encode_part(b, f, value, &triple, s->graph, *buf + at, n);
}

/* The librdf encodings of a batch's terms, each distinct term once
 * (librdf_node_encode), from which its statements' keys and values are put
 * together in librdf_statement_encode_parts2's layout ('x', then for each
 * part present, in the order s p o c, its letter and the node's encoding):
 * 16 encoder calls per statement took a fifth of a load's CPU.  IRIs are
 * told apart by their raptor_uri (raptor keeps one per IRI), other terms
 * by address; equal terms at two addresses are simply encoded twice. */
typedef struct codes {
  const void **slot; /* open addressing by identity (codes_identity) */
  uint32_t *slot_id;
  size_t nslots;
  size_t *off; /* of each distinct term, in bytes */
  uint32_t *len;
  size_t n, cap;
  arena bytes;
  uint32_t *of; /* 4 per statement: the ids of s, p, o and the graph */
} codes;

static void codes_free(codes *c) {
  free(c->slot);
  free(c->slot_id);
  free(c->off);
  free(c->len);
  free(c->bytes.data);
  free(c->of);
  memset(c, 0, sizeof *c);
}

static const void *codes_identity(const raptor_term *t) {
  return t->type == RAPTOR_TERM_TYPE_URI ? (const void *)t->value.uri : (const void *)t;
}

static size_t codes_hash(const void *key, size_t nslots) {
  uint64_t x = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ULL;
  return (size_t)(x >> 20) & (nslots - 1);
}

/* Double the slots; -1 when out of memory. */
static int codes_grow(codes *c) {
  size_t ns = c->nslots ? 2 * c->nslots : 1024;
  const void **slot = calloc(ns, sizeof *slot);
  uint32_t *slot_id = malloc(ns * sizeof *slot_id);
  if (!slot || !slot_id) {
    free(slot);
    free(slot_id);
    return -1;
  }
  for (size_t i = 0; i < c->nslots; i++) {
    if (!c->slot[i]) continue;
    size_t j = codes_hash(c->slot[i], ns);
    while (slot[j]) j = (j + 1) & (ns - 1);
    slot[j] = c->slot[i];
    slot_id[j] = c->slot_id[i];
  }
  free(c->slot);
  free(c->slot_id);
  c->slot = slot;
  c->slot_id = slot_id;
  c->nslots = ns;
  return 0;
}

/* The id of term t, encoding it when new; UINT32_MAX on failure. */
static uint32_t codes_id(codes *c, const raptor_term *t) {
  const void *key = codes_identity(t);
  size_t i = codes_hash(key, c->nslots);
  for (; c->slot[i]; i = (i + 1) & (c->nslots - 1))
    if (c->slot[i] == key) return c->slot_id[i];
  if (2 * (c->n + 1) > c->nslots) {
    if (codes_grow(c) != 0) return UINT32_MAX;
    i = codes_hash(key, c->nslots); /* the free slot it now goes to */
    while (c->slot[i]) i = (i + 1) & (c->nslots - 1);
  }
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 1024;
    size_t *off = realloc(c->off, cap * sizeof *off);
    if (!off) return UINT32_MAX;
    c->off = off;
    uint32_t *len = realloc(c->len, cap * sizeof *len);
    if (!len) return UINT32_MAX;
    c->len = len;
    c->cap = cap;
  }
  size_t n = librdf_node_encode((raptor_term *)t, NULL, 0);
  if (!n) return UINT32_MAX;
  if (c->bytes.len + n > c->bytes.cap) {
    size_t cap = c->bytes.cap ? c->bytes.cap : 65536;
    while (cap < c->bytes.len + n) cap *= 2;
    unsigned char *more = realloc(c->bytes.data, cap);
    if (!more) return UINT32_MAX;
    c->bytes.data = more;
    c->bytes.cap = cap;
  }
  if (librdf_node_encode((raptor_term *)t, c->bytes.data + c->bytes.len, n) != n) return UINT32_MAX;
  c->off[c->n] = c->bytes.len;
  c->len[c->n] = (uint32_t)n;
  c->bytes.len += n;
  c->slot[i] = key;
  c->slot_id[i] = (uint32_t)c->n;
  return (uint32_t)c->n++;
}

/* Encode every term of n statements.  0 or ENOMEM. */
static int codes_build(codes *c, raptor_statement *const *s, size_t n) {
  memset(c, 0, sizeof *c);
  c->of = malloc((n ? 4 * n : 1) * sizeof *c->of);
  if (!c->of || codes_grow(c) != 0) return ENOMEM;
  for (size_t i = 0; i < n; i++) {
    const raptor_term *t[4] = {s[i]->subject, s[i]->predicate, s[i]->object, s[i]->graph};
    for (int k = 0; k < 4; k++)
      if ((c->of[4 * i + k] = codes_id(c, t[k])) == UINT32_MAX) return ENOMEM;
  }
  return 0;
}

/* The key (value = 0) or value of statement i for file f, from the codes,
 * at offset at of *buf (grown); its length, or 0 when out of memory. */
static size_t codes_record(const codes *c, int f, int value, size_t i, unsigned char **buf,
                           size_t *cap, size_t at) {
  static const librdf_statement_part PART[3] = {LIBRDF_STATEMENT_SUBJECT,
                                                LIBRDF_STATEMENT_PREDICATE,
                                                LIBRDF_STATEMENT_OBJECT};
  static const char LETTER[4] = {'s', 'p', 'o', 'c'};
  const uint32_t *ids = c->of + 4 * i;
  int with[4] = {0, 0, 0, 0};
  size_t n;
  if (f == CONTEXTS && !value) {
    n = c->len[ids[3]]; /* the graph's encoding alone */
  } else {
    librdf_statement_part mask = f == CONTEXTS ? LIBRDF_STATEMENT_ALL
                                 : value       ? FILES[f].value
                                               : FILES[f].key;
    n = 1;
    for (int k = 0; k < 4; k++) {
      with[k] = k < 3 ? (mask & PART[k]) != 0 : value && f != CONTEXTS;
      if (with[k]) n += 1 + c->len[ids[k]];
    }
  }
  if (at + n > *cap) {
    size_t grown = *cap ? *cap : 4096;
    while (grown < at + n) grown *= 2;
    unsigned char *more = realloc(*buf, grown);
    if (!more) return 0;
    *buf = more;
    *cap = grown;
  }
  unsigned char *p = *buf + at;
  if (f == CONTEXTS && !value) {
    memcpy(p, c->bytes.data + c->off[ids[3]], n);
    return n;
  }
  *p++ = 'x';
  for (int k = 0; k < 4; k++) {
    if (!with[k]) continue;
    *p++ = (unsigned char)LETTER[k];
    memcpy(p, c->bytes.data + c->off[ids[k]], c->len[ids[k]]);
    p += c->len[ids[k]];
  }
  return n;
}

/* The order of BDB's default B-tree comparison (bytes, then the shorter
 * first), then the order of the batch. */
static int cmp_rec(const void *x, const void *y, void *data) {
  const rec *a = x, *b = y;
  const unsigned char *k = data;
  size_t n = a->len < b->len ? a->len : b->len;
  int d = memcmp(k + a->off, k + b->off, n);
  if (d) return d;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The records of file f for n statements (encoded in c), sorted by key:
 * *out (the caller frees it) with their keys in a. */
static int sorted_records(const codes *c, int f, size_t n, arena *a, rec **out) {
  rec *r = malloc((n ? n : 1) * sizeof *r);
  *out = r;
  if (!r) return ENOMEM;
  a->len = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = codes_record(c, f, 0, i, &a->data, &a->cap, a->len);
    if (!len) return ENOMEM;
    r[i].off = a->len;
    r[i].len = (uint32_t)len;
    r[i].seq = (uint32_t)i;
    a->len += len;
  }
  qsort_r(r, n, sizeof *r, cmp_rec, a->data);
  return 0;
}

/* What librdf_model_context_add_statement accepts (librdf_statement_is_complete). */
static int complete(const raptor_statement *s) {
  return s->subject && s->predicate && s->object && s->graph &&
         (s->subject->type == RAPTOR_TERM_TYPE_URI || s->subject->type == RAPTOR_TERM_TYPE_BLANK) &&
         s->predicate->type == RAPTOR_TERM_TYPE_URI;
}

/* Key/value pairs gathered for one put (DB_MULTIPLE_KEY): one call, one
 * cursor, for many records instead of one each. */
#define BATCH_BYTES (4u << 20)

typedef struct batch {
  DB *db;
  DBT dbt;
  void *at; /* where the next pair goes */
  size_t n; /* pairs in it */
} batch;

static int batch_flush(batch *t) {
  if (!t->n) return 0;
  DBT none;
  memset(&none, 0, sizeof none);
  int rc = as_errno(t->db->put(t->db, NULL, &t->dbt, &none, DB_MULTIPLE_KEY));
  t->n = 0;
  DB_MULTIPLE_WRITE_INIT(t->at, &t->dbt);
  return rc;
}

/* Append a pair; a full batch is written first.  A pair larger than a
 * batch goes alone. */
static int batch_put(batch *t, void *key, size_t klen, void *val, size_t vlen) {
  for (int tries = 0; tries < 2; tries++) {
    void *at = t->at;
    DB_MULTIPLE_KEY_WRITE_NEXT(at, &t->dbt, key, klen, val, vlen);
    if (at) {
      t->at = at;
      t->n++;
      return 0;
    }
    int rc = batch_flush(t);
    if (rc) return rc;
  }
  DBT k, v;
  memset(&k, 0, sizeof k);
  memset(&v, 0, sizeof v);
  k.data = key;
  k.size = (u_int32_t)klen;
  v.data = val;
  v.size = (u_int32_t)vlen;
  return as_errno(t->db->put(t->db, NULL, &k, &v, 0));
}

/* Write n statements now, file by file in key order. */
static int write_sorted(vitae_bulk *b, raptor_statement *const *s, size_t n) {
  if (n > UINT32_MAX) return EOVERFLOW;
  arena a = {0};
  batch t;
  memset(&t, 0, sizeof t);
  unsigned char *space = malloc(BATCH_BYTES);
  codes c;
  int rc = codes_build(&c, s, n);
  if (!rc && !space) rc = ENOMEM;
  for (int f = 0; f < NFILES && !rc; f++) {
    rec *r;
    rc = sorted_records(&c, f, n, &a, &r);
    t.db = b->db[f];
    memset(&t.dbt, 0, sizeof t.dbt);
    t.dbt.data = space;
    t.dbt.ulen = BATCH_BYTES;
    t.dbt.flags = DB_DBT_USERMEM;
    t.n = 0;
    DB_MULTIPLE_WRITE_INIT(t.at, &t.dbt);
    /* unsorted duplicates: each pair is appended to its key's duplicates */
    for (size_t i = 0; i < n && !rc; i++) {
      size_t vlen = codes_record(&c, f, 1, r[i].seq, &b->val, &b->val_cap, 0);
      rc = vlen ? batch_put(&t, a.data + r[i].off, r[i].len, b->val, vlen) : ENOMEM;
    }
    if (!rc) rc = batch_flush(&t);
    free(r);
  }
  free(space);
  free(a.data);
  codes_free(&c);
  return rc;
}

/* ---- what waits ---- */

static int pending_has_graph(const vitae_bulk *b, const raptor_term *g) {
  for (size_t i = 0; i < b->npg; i++)
    if (raptor_term_equals(b->pending_graphs[i], (raptor_term *)g)) return 1;
  return 0;
}

static void pending_clear(vitae_bulk *b) {
  vitae_bulk_list_free(&b->pending);
  for (size_t i = 0; i < b->npg; i++) raptor_free_term(b->pending_graphs[i]);
  b->npg = 0;
}

/* Write what waits. */
static int flush(vitae_bulk *b) {
  int rc = b->pending.n ? write_sorted(b, b->pending.items, b->pending.n) : 0;
  pending_clear(b);
  return rc;
}

static int note_graph(vitae_bulk *b, raptor_term *g) {
  if (b->npg && raptor_term_equals(b->pending_graphs[b->npg - 1], g)) return 0;
  if (pending_has_graph(b, g)) return 0;
  if (b->npg == b->cpg) {
    size_t cap = b->cpg ? 2 * b->cpg : 64;
    raptor_term **more = realloc(b->pending_graphs, cap * sizeof *more);
    if (!more) return ENOMEM;
    b->pending_graphs = more;
    b->cpg = cap;
  }
  if (!(b->pending_graphs[b->npg] = raptor_term_copy(g))) return ENOMEM;
  b->npg++;
  return 0;
}

/* The session's statements are no longer what the files hold. */
static void session_end(vitae_bulk *b) {
  b->session_ok = 0;
  vitae_bulk_list_free(&b->session);
}

int vitae_bulk_read_session(vitae_bulk *b, raptor_term *skip, vitae_bulk_fn fn, void *user) {
  if (!b->session_ok) return ENOENT;
  for (size_t i = 0; i < b->session.n; i++) {
    raptor_statement *st = b->session.items[i];
    if (skip && raptor_term_equals(st->graph, skip)) continue;
    int rc = fn(user, st);
    if (rc) return rc;
  }
  session_end(b); /* handed over once: what is added later need not be kept */
  return 0;
}

int vitae_bulk_add(vitae_bulk *b, raptor_statement *const *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!complete(s[i])) return EINVAL;
  /* kept for vitae_bulk_read_session(); without memory for them, the
   * files are read instead */
  for (size_t i = 0; i < n && b->session_ok; i++)
    if (vitae_bulk_list_add(&b->session, s[i]) != 0) session_end(b);
  int rc = b->pending.n + n > PENDING_MAX ? flush(b) : 0;
  if (rc || n >= PENDING_MAX) return rc ? rc : write_sorted(b, s, n);
  /* the order they are added is kept: it is the order of the duplicates */
  for (size_t i = 0; i < n && !rc; i++) {
    rc = note_graph(b, s[i]->graph);
    if (!rc) rc = vitae_bulk_list_add(&b->pending, s[i]);
  }
  return rc;
}

/* ---- removing ---- */

/* The values to remove under one key, sorted by bytes, each used once. */
typedef struct want {
  size_t off;
  uint32_t len;
  uint8_t used;
} want;

static int cmp_bytes(const unsigned char *x, size_t nx, const unsigned char *y, size_t ny) {
  int d = memcmp(x, y, nx < ny ? nx : ny);
  return d ? d : (nx > ny) - (nx < ny);
}

static int cmp_want(const void *x, const void *y, void *data) {
  const want *a = x, *b = y;
  const unsigned char *v = data;
  return cmp_bytes(v + a->off, a->len, v + b->off, b->len);
}

/* An unused wanted value equal to (d, n), or NULL. */
static want *find_want(want *w, size_t nw, const unsigned char *vals, const void *d, size_t n) {
  size_t lo = 0, hi = nw;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_bytes(vals + w[mid].off, w[mid].len, d, n) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < nw && !cmp_bytes(vals + w[lo].off, w[lo].len, d, n); lo++)
    if (!w[lo].used) return &w[lo];
  return NULL;
}

/* Remove the wanted values from the duplicates of one key: one walk over
 * them, whatever their number (a delete of one key/value pair would search
 * the duplicates from the start each time). */
static int remove_values(DBC *c, const unsigned char *key, size_t klen, want *w, size_t nw,
                         const unsigned char *vals) {
  DBT k, v;
  memset(&k, 0, sizeof k);
  memset(&v, 0, sizeof v);
  k.data = (void *)key;
  k.size = (u_int32_t)klen;
  size_t left = nw;
  int rc = c->get(c, &k, &v, DB_SET);
  while (rc == 0 && left) {
    want *hit = find_want(w, nw, vals, v.data, v.size);
    if (hit) {
      if ((rc = c->del(c, 0)) != 0) break;
      hit->used = 1;
      left--;
    }
    if (left) rc = c->get(c, &k, &v, DB_NEXT_DUP);
  }
  return rc == DB_NOTFOUND ? 0 : as_errno(rc);
}

/* Remove from file f: the records of each key together. */
static int remove_from(vitae_bulk *b, int f, const codes *cs, size_t n, arena *a) {
  rec *r;
  int rc = sorted_records(cs, f, n, a, &r);
  arena vals = {0};
  want *w = malloc((n ? n : 1) * sizeof *w);
  DBC *c = NULL;
  if (!rc && !w) rc = ENOMEM;
  if (!rc) rc = as_errno(b->db[f]->cursor(b->db[f], NULL, &c, 0));
  for (size_t i = 0, j; i < n && !rc; i = j) {
    vals.len = 0;
    for (j = i; j < n && !rc; j++) {
      if (j > i && cmp_bytes(a->data + r[j].off, r[j].len, a->data + r[i].off, r[i].len)) break;
      size_t len = codes_record(cs, f, 1, r[j].seq, &vals.data, &vals.cap, vals.len);
      if (!len) rc = ENOMEM;
      w[j - i] = (want){vals.len, (uint32_t)len, 0};
      vals.len += len;
    }
    if (rc) break;
    qsort_r(w, j - i, sizeof *w, cmp_want, vals.data);
    rc = remove_values(c, a->data + r[i].off, r[i].len, w, j - i, vals.data);
  }
  if (c) {
    int crc = c->close(c);
    if (!rc) rc = as_errno(crc);
  }
  free(vals.data);
  free(w);
  free(r);
  return rc;
}

int vitae_bulk_remove(vitae_bulk *b, raptor_statement *const *s, size_t n) {
  if (n > UINT32_MAX) return EOVERFLOW;
  if (n) session_end(b);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!complete(s[i])) return EINVAL;
    /* what waits for a graph must be written before its removal */
    if (b->npg && (i == 0 || !raptor_term_equals(s[i]->graph, s[i - 1]->graph)) &&
        pending_has_graph(b, s[i]->graph))
      rc = flush(b);
  }
  arena a = {0};
  codes c;
  memset(&c, 0, sizeof c);
  if (!rc) rc = codes_build(&c, s, n);
  for (int f = 0; f < NFILES && !rc; f++) rc = remove_from(b, f, &c, n, &a);
  codes_free(&c);
  free(a.data);
  return rc;
}

/* ---- reading ---- */

int vitae_bulk_read(vitae_bulk *b, raptor_term *graph, raptor_term *skip, vitae_bulk_fn fn,
                    void *user) {
  arena want_key = {0}, skip_key = {0}, last = {0};
  raptor_statement key_only;
  memset(&key_only, 0, sizeof key_only);
  /* the files must hold what waits for the graphs read */
  int rc = !graph || pending_has_graph(b, graph) ? flush(b) : 0;
  if (graph) {
    key_only.graph = graph;
    want_key.len = encode(b, CONTEXTS, 0, &key_only, &want_key.data, &want_key.cap, 0);
    if (!want_key.len) rc = ENOMEM;
  }
  if (skip && !rc) {
    key_only.graph = skip;
    skip_key.len = encode(b, CONTEXTS, 0, &key_only, &skip_key.data, &skip_key.cap, 0);
    if (!skip_key.len) rc = ENOMEM;
  }
  DB *db = b->db[CONTEXTS];
  DBC *c = NULL;
  if (!rc) rc = as_errno(db->cursor(db, NULL, &c, 0));
  DBT k, v;
  memset(&k, 0, sizeof k);
  memset(&v, 0, sizeof v);
  if (graph) {
    k.data = want_key.data;
    k.size = (u_int32_t)want_key.len;
  }
  raptor_term *g = NULL; /* the graph of the key read last */
  raptor_statement st;
  librdf_statement_init(b->world, &st);
  int op = graph ? DB_SET : DB_NEXT;
  while (!rc) {
    int got = c->get(c, &k, &v, op);
    op = graph ? DB_NEXT_DUP : DB_NEXT;
    if (got == DB_NOTFOUND) break;
    if ((rc = as_errno(got))) break;
    if (!graph && skip && !cmp_bytes(k.data, k.size, skip_key.data, skip_key.len)) continue;
    if (!g || cmp_bytes(k.data, k.size, last.data, last.len)) {
      if (g) librdf_free_node(g);
      g = librdf_node_decode(b->world, NULL, k.data, k.size);
      last.len = 0;
      unsigned char *more = k.size > last.cap ? realloc(last.data, k.size) : last.data;
      if (!g || !more) {
        rc = ENOMEM;
        break;
      }
      last.data = more;
      last.cap = last.cap > k.size ? last.cap : k.size;
      memcpy(last.data, k.data, k.size);
      last.len = k.size;
    }
    if (!librdf_statement_decode2(b->world, &st, NULL, v.data, v.size)) {
      rc = EIO; /* not what librdf writes */
      break;
    }
    st.graph = g;
    rc = fn(user, &st);
    st.graph = NULL; /* borrowed: the clear below must not free it */
    librdf_statement_clear(&st);
    librdf_statement_init(b->world, &st);
  }
  if (c) {
    int crc = c->close(c);
    if (!rc) rc = as_errno(crc);
  }
  if (g) librdf_free_node(g);
  free(want_key.data);
  free(skip_key.data);
  free(last.data);
  return rc;
}

int vitae_bulk_list_add(vitae_bulk_list *l, const raptor_statement *s) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 256;
    raptor_statement **more = realloc(l->items, cap * sizeof *more);
    if (!more) return ENOMEM;
    l->items = more;
    l->cap = cap;
  }
  /* a copy that shares the terms (counted references), not the statement */
  raptor_statement *copy = raptor_new_statement_from_nodes(
      l->rw, raptor_term_copy(s->subject), raptor_term_copy(s->predicate),
      raptor_term_copy(s->object), s->graph ? raptor_term_copy(s->graph) : NULL);
  if (!copy) return ENOMEM;
  l->items[l->n++] = copy;
  return 0;
}

void vitae_bulk_list_free(vitae_bulk_list *l) {
  for (size_t i = 0; i < l->n; i++) raptor_free_statement(l->items[i]);
  free(l->items);
  l->items = NULL;
  l->n = l->cap = 0;
}

static int collect(void *user, raptor_statement *s) { return vitae_bulk_list_add(user, s); }

int vitae_bulk_clear_graph(vitae_bulk *b, raptor_term *graph, size_t *removed) {
  vitae_bulk_list l = {librdf_world_get_raptor(b->world), NULL, 0, 0};
  int rc = vitae_bulk_read(b, graph, NULL, collect, &l);
  if (!rc) rc = vitae_bulk_remove(b, l.items, l.n);
  if (removed) *removed = rc ? 0 : l.n;
  vitae_bulk_list_free(&l);
  return rc;
}

#endif
