/* The inferred graph (see infer.h).
 *
 * Terms are interned to 32-bit ids; a triple is three ids.  The asserted
 * triples the rules can use, then every derived one, live in one array of
 * facts, which is also the work queue of the semi-naive fixpoint: fact i is
 * "processed" when the loop reaches it, which means it is added to the join
 * indexes (by predicate, subject -> objects and object -> subjects) and
 * joined with every fact processed before it (and itself).  A pair of facts
 * that matches a two-premise rule is therefore joined exactly when the later
 * of the two is processed, every consequence is derived, and a consequence
 * already in the hash set of facts is dropped, which is what makes cycles
 * terminate.
 *
 * Rules are compiled from the axioms:
 *   unary rules   x P y -> x Q y, or -> y Q x (swap): subPropertyOf,
 *                 equivalentProperty, inverseOf, SymmetricProperty, a
 *                 property chain of one step;
 *   class rules   x a C -> x a D: subClassOf, equivalentClass;
 *   binary rules  x A y, y B z -> x H z, where A and B may be read
 *                 backwards (an owl:inverseOf step): TransitiveProperty
 *                 (A = B = H), property chains (longer chains are folded
 *                 left through internal predicates that are never written),
 *                 and the meeting and visit shortcuts of the tenure model.
 * Transitivity is joined left-linearly (see join_first), so that the cost
 * is about one join per (closure pair, base edge) rather than per pair of
 * closure pairs. */
#include "infer/infer.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/datadir.h"
#include "core/vocab.h"
#include "store/bulk.h"
#include "store/load.h"

#define NONE 0u
#define ASSERTED 1
#define DERIVED 2
#define TRANSITIVE 4 /* with DERIVED: first derived by its predicate's transitivity */
#define STORED 8     /* a result the store holds already (write_graph_bulk) */
#define ONTO_BLANK_PREFIX "vitae-ontology-"
#define MAX_CHAIN 64

int vitae_infer_is_graph(const char *iri) {
  return iri && !strcmp(iri, VITAE_INFERRED_GRAPH);
}

/* ---- small containers ---- */

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* uint64 -> uint32, open addressing; key 0 is never used. */
typedef struct u64map {
  uint64_t *keys;
  uint32_t *vals;
  size_t n, cap;
} u64map;

static void u64map_free(u64map *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

static int u64map_get(const u64map *m, uint64_t key, uint32_t *val) {
  if (!m->cap) return 0;
  size_t mask = m->cap - 1;
  for (size_t i = (size_t)mix64(key) & mask;; i = (i + 1) & mask) {
    if (m->keys[i] == key) {
      if (val) *val = m->vals[i];
      return 1;
    }
    if (m->keys[i] == 0) return 0;
  }
}

static void u64map_place(uint64_t *keys, uint32_t *vals, size_t cap, uint64_t key, uint32_t val) {
  size_t mask = cap - 1, i = (size_t)mix64(key) & mask;
  while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
  keys[i] = key;
  vals[i] = val;
}

/* Set key -> val (replacing).  0 on success, -1 when out of memory. */
static int u64map_put(u64map *m, uint64_t key, uint32_t val) {
  if (2 * (m->n + 1) > m->cap) {
    size_t cap = m->cap ? 2 * m->cap : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
      free(keys);
      free(vals);
      return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
      if (m->keys[i]) u64map_place(keys, vals, cap, m->keys[i], m->vals[i]);
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
  }
  size_t mask = m->cap - 1, i = (size_t)mix64(key) & mask;
  while (m->keys[i] != 0 && m->keys[i] != key) i = (i + 1) & mask;
  if (m->keys[i] == 0) m->n++;
  m->keys[i] = key;
  m->vals[i] = val;
  return 0;
}

typedef struct u32vec {
  uint32_t *v;
  size_t n, cap;
} u32vec;

static int u32vec_push(u32vec *v, uint32_t x) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 4;
    uint32_t *more = realloc(v->v, cap * sizeof *more);
    if (!more) return -1;
    v->v = more;
    v->cap = cap;
  }
  v->v[v->n++] = x;
  return 0;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the engine ---- */

typedef struct urule {
  uint32_t head;
  uint8_t swap;
} urule;

typedef struct brule {
  uint32_t a, b, head; /* x a y, y b z -> x head z */
  uint8_t a_inv, b_inv, distinct;
  uint8_t linear; /* a transitivity (a = b = head, forwards): joined left-linearly */
  uint8_t off;    /* a transitivity left to query time (see open_closures): not joined */
} brule;

typedef struct pinfo {
  urule *unary;
  size_t nu, cu;
  u32vec as_a, as_b; /* binary rules with this predicate as first / second premise */
  int indexed;       /* some binary rule reads it: keep join indexes */
  int transitive;    /* it is transitive: also index its base facts */
  int open;          /* transitive, its closure left to query time (open_closures) */
  int used;          /* some fact has it (a marker is written only then) */
} pinfo;

typedef struct tpair {
  uint32_t t, v;
} tpair;

struct vitae_infer {
  raptor_world *rw;
  /* terms: [0] unused; NULL for internal predicates */
  raptor_term **terms;
  uint64_t *term_hash;
  size_t nterms, cterms;
  uint32_t *tslots; /* open addressing over term ids */
  size_t tslot_cap;
  raptor_uri *last_uri; /* a one-entry cache for predicates read in a row */
  uint32_t last_id;
  /* facts */
  uint32_t *fs, *fp, *fo;
  uint8_t *fflag;
  size_t nf, cf, nasserted;
  uint32_t *fset; /* open addressing over fact index + 1 */
  size_t fset_cap;
  /* the ontology's triples */
  uint32_t *os, *op, *oo;
  size_t no, co;
  /* rules */
  pinfo *pinfos;
  size_t npinfo, cpinfo;
  u64map pmap; /* predicate -> pinfo index */
  u32vec *csupers;
  size_t ncinfo, ccinfo;
  u64map cmap; /* class -> csupers index */
  brule *brules;
  size_t nb, cb;
  size_t nrules;
  u64map keep;      /* predicates worth keeping when reading a store */
  u64map axiom_obj; /* (rdf:first | rdf:rest | owl:inverseOf, subject) -> object */
  /* join indexes: (predicate, side, node) -> head of a list of postings */
  u64map heads;
  uint32_t *post_other, *post_next;
  size_t npost, cpost;
  /* copies left to queries (open_copies): from -> to, with its axiom
   * predicate (rdfs:subPropertyOf or rdfs:subClassOf), and per edge whether
   * its marker is written and whether the store holds it (STORED) */
  uint32_t *ofrom, *oto, *oaxiom;
  uint8_t *oflag;
  size_t nopen, copen;
  u64map class_used; /* classes with an instance (for the markers) */
  /* results */
  raptor_statement **res;
  uint32_t *res_fact; /* the fact of each result; nf + k: the marker of open copy k */
  size_t nres;
  int ran;
  int store_closures; /* vitae_infer_store_closures() */
  int store_copies;   /* vitae_infer_store_copies() */
  /* well-known terms */
  uint32_t rdf_type, rdf_first, rdf_rest, rdf_nil, sub_prop, sub_class, inverse_of,
      equiv_prop, equiv_class, chain, symmetric, transitive, holder, office, start, end,
      predecessor, successor, participant, met_with, visitor, destination, visited;
};

static vitae_status nomem(vitae_error *err) {
  return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "inference: out of memory");
}

/* ---- terms ---- */

static uint64_t fnv(uint64_t h, const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ULL;
  return h;
}

static uint64_t hash_term(const raptor_term *t) {
  uint64_t h = fnv(14695981039346656037ULL, (const unsigned char *)"T", 1) ^ (uint64_t)t->type;
  size_t n;
  const unsigned char *s;
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    s = raptor_uri_as_counted_string(t->value.uri, &n);
    return mix64(fnv(h, s, n));
  case RAPTOR_TERM_TYPE_BLANK:
    return mix64(fnv(h, t->value.blank.string, t->value.blank.string_len));
  case RAPTOR_TERM_TYPE_LITERAL:
    h = fnv(h, t->value.literal.string, t->value.literal.string_len);
    if (t->value.literal.language) {
      h = fnv(h, (const unsigned char *)"@", 1);
      h = fnv(h, t->value.literal.language, t->value.literal.language_len);
    }
    if (t->value.literal.datatype) {
      s = raptor_uri_as_counted_string(t->value.literal.datatype, &n);
      h = fnv(fnv(h, (const unsigned char *)"^", 1), s, n);
    }
    return mix64(h);
  case RAPTOR_TERM_TYPE_UNKNOWN: break;
  }
  return mix64(h);
}

static void tslot_place(uint32_t *slots, size_t cap, uint64_t hash, uint32_t id) {
  size_t mask = cap - 1, i = (size_t)hash & mask;
  while (slots[i]) i = (i + 1) & mask;
  slots[i] = id;
}

/* A new id for t (NULL: an internal predicate); the table takes t. */
static uint32_t term_append(vitae_infer *inf, raptor_term *t, uint64_t hash) {
  if (inf->nterms >= (size_t)1 << 30) return NONE; /* index keys hold 30-bit ids */
  if (inf->nterms == inf->cterms) {
    size_t cap = inf->cterms ? 2 * inf->cterms : 1024;
    raptor_term **terms = realloc(inf->terms, cap * sizeof *terms);
    if (!terms) return NONE;
    inf->terms = terms;
    uint64_t *hashes = realloc(inf->term_hash, cap * sizeof *hashes);
    if (!hashes) return NONE;
    inf->term_hash = hashes;
    inf->cterms = cap;
  }
  if (t && 2 * inf->nterms >= inf->tslot_cap) {
    size_t cap = inf->tslot_cap ? 2 * inf->tslot_cap : 2048;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return NONE;
    for (size_t i = 1; i < inf->nterms; i++)
      if (inf->terms[i]) tslot_place(slots, cap, inf->term_hash[i], (uint32_t)i);
    free(inf->tslots);
    inf->tslots = slots;
    inf->tslot_cap = cap;
  }
  uint32_t id = (uint32_t)inf->nterms++;
  inf->terms[id] = t;
  inf->term_hash[id] = hash;
  if (t) tslot_place(inf->tslots, inf->tslot_cap, hash, id);
  return id;
}

/* The id of a term equal to t, or NONE when there is none. */
static uint32_t term_find(const vitae_infer *inf, raptor_term *t, uint64_t hash) {
  if (!inf->tslot_cap) return NONE;
  size_t mask = inf->tslot_cap - 1;
  for (size_t i = (size_t)hash & mask; inf->tslots[i]; i = (i + 1) & mask) {
    uint32_t id = inf->tslots[i];
    if (inf->term_hash[id] == hash && raptor_term_equals(inf->terms[id], t)) return id;
  }
  return NONE;
}

/* The id of t, interning a copy when new.  NONE when out of memory. */
static uint32_t intern(vitae_infer *inf, raptor_term *t) {
  if (t->type == RAPTOR_TERM_TYPE_URI && t->value.uri == inf->last_uri) return inf->last_id;
  uint64_t h = hash_term(t);
  uint32_t id = term_find(inf, t, h);
  if (id == NONE) {
    raptor_term *copy = raptor_term_copy(t);
    if (!copy) return NONE;
    id = term_append(inf, copy, h);
    if (id == NONE) {
      raptor_free_term(copy);
      return NONE;
    }
  }
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    /* the table holds a copy, so this URI outlives the cache entry */
    inf->last_uri = inf->terms[id]->value.uri;
    inf->last_id = id;
  }
  return id;
}

static uint32_t intern_iri(vitae_infer *inf, const char *iri) {
  raptor_term *t = raptor_new_term_from_uri_string(inf->rw, (const unsigned char *)iri);
  if (!t) return NONE;
  uint32_t id = intern(inf, t);
  raptor_free_term(t);
  return id;
}

static int is_iri(const vitae_infer *inf, uint32_t id) {
  return id != NONE && inf->terms[id] && inf->terms[id]->type == RAPTOR_TERM_TYPE_URI;
}
static int is_blank(const vitae_infer *inf, uint32_t id) {
  return id != NONE && inf->terms[id] && inf->terms[id]->type == RAPTOR_TERM_TYPE_BLANK;
}
static int is_literal(const vitae_infer *inf, uint32_t id) {
  return id != NONE && inf->terms[id] && inf->terms[id]->type == RAPTOR_TERM_TYPE_LITERAL;
}

/* ---- facts ---- */

static uint64_t hash_fact(uint32_t s, uint32_t p, uint32_t o) {
  return mix64((((uint64_t)s << 32) | p) ^ mix64((uint64_t)o + 0x9e3779b97f4a7c15ULL));
}

static void fset_place(uint32_t *set, size_t cap, uint64_t hash, uint32_t v) {
  size_t mask = cap - 1, i = (size_t)hash & mask;
  while (set[i]) i = (i + 1) & mask;
  set[i] = v;
}

/* The index of the fact (s p o), or NO_FACT. */
#define NO_FACT UINT32_MAX
static uint32_t fact_find(const vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o) {
  if (!inf->fset_cap) return NO_FACT;
  size_t mask = inf->fset_cap - 1;
  for (size_t i = (size_t)hash_fact(s, p, o) & mask; inf->fset[i]; i = (i + 1) & mask) {
    uint32_t f = inf->fset[i] - 1;
    if (inf->fs[f] == s && inf->fp[f] == p && inf->fo[f] == o) return f;
  }
  return NO_FACT;
}

static int fact_exists(const vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o) {
  return fact_find(inf, s, p, o) != NO_FACT;
}

/* Grow three id arrays and a flag array, parallel, to cap entries (each
 * one kept even when a later one fails).  0, or -1 when out of memory. */
static int triples_grow(uint32_t **a, uint32_t **b, uint32_t **c, uint8_t **f, size_t cap) {
  uint32_t *x = realloc(*a, cap * sizeof *x);
  if (x) *a = x;
  uint32_t *y = realloc(*b, cap * sizeof *y);
  if (y) *b = y;
  uint32_t *z = realloc(*c, cap * sizeof *z);
  if (z) *c = z;
  uint8_t *g = realloc(*f, cap * sizeof *g);
  if (g) *f = g;
  return x && y && z && g ? 0 : -1;
}

/* Add a fact unless present: 1 added, 0 present, -1 out of memory. */
static int fact_add(vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o, uint8_t flag) {
  if (fact_exists(inf, s, p, o)) return 0;
  if (inf->nf >= UINT32_MAX - 1) return -1;
  if (inf->nf == inf->cf) {
    size_t cap = inf->cf ? 2 * inf->cf : 4096;
    if (triples_grow(&inf->fs, &inf->fp, &inf->fo, &inf->fflag, cap) != 0) return -1;
    inf->cf = cap;
  }
  if (2 * (inf->nf + 1) > inf->fset_cap) {
    size_t cap = inf->fset_cap ? 2 * inf->fset_cap : 8192;
    uint32_t *set = calloc(cap, sizeof *set);
    if (!set) return -1;
    for (size_t f = 0; f < inf->nf; f++)
      fset_place(set, cap, hash_fact(inf->fs[f], inf->fp[f], inf->fo[f]), (uint32_t)f + 1);
    free(inf->fset);
    inf->fset = set;
    inf->fset_cap = cap;
  }
  size_t f = inf->nf++;
  inf->fs[f] = s;
  inf->fp[f] = p;
  inf->fo[f] = o;
  inf->fflag[f] = flag;
  fset_place(inf->fset, inf->fset_cap, hash_fact(s, p, o), (uint32_t)f + 1);
  return 1;
}

/* Forget every fact (the terms stay). */
static void facts_clear(vitae_infer *inf) {
  inf->nf = inf->nasserted = 0;
  if (inf->fset) memset(inf->fset, 0, inf->fset_cap * sizeof *inf->fset);
}

/* A consequence (flag: DERIVED, or DERIVED | TRANSITIVE): no literal subjects. */
static int derive_as(vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o, uint8_t flag) {
  if (is_literal(inf, s)) return 0;
  return fact_add(inf, s, p, o, flag) < 0 ? -1 : 0;
}

static int derive(vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o) {
  return derive_as(inf, s, p, o, DERIVED);
}

/* ---- creating and freeing ---- */

static void rules_free(vitae_infer *inf) {
  for (size_t i = 0; i < inf->npinfo; i++) {
    free(inf->pinfos[i].unary);
    free(inf->pinfos[i].as_a.v);
    free(inf->pinfos[i].as_b.v);
  }
  free(inf->pinfos);
  inf->pinfos = NULL;
  inf->npinfo = inf->cpinfo = 0;
  for (size_t i = 0; i < inf->ncinfo; i++) free(inf->csupers[i].v);
  free(inf->csupers);
  inf->csupers = NULL;
  inf->ncinfo = inf->ccinfo = 0;
  free(inf->brules);
  inf->brules = NULL;
  inf->nb = inf->cb = 0;
  inf->nrules = 0;
  free(inf->ofrom);
  free(inf->oto);
  free(inf->oaxiom);
  free(inf->oflag);
  inf->ofrom = inf->oto = inf->oaxiom = NULL;
  inf->oflag = NULL;
  inf->nopen = inf->copen = 0;
  u64map_free(&inf->class_used);
  u64map_free(&inf->pmap);
  u64map_free(&inf->cmap);
  u64map_free(&inf->keep);
  u64map_free(&inf->axiom_obj);
}

void vitae_infer_free(vitae_infer *inf) {
  if (!inf) return;
  for (size_t i = 0; i < inf->nres; i++) raptor_free_statement(inf->res[i]);
  free(inf->res);
  free(inf->res_fact);
  rules_free(inf);
  u64map_free(&inf->heads);
  free(inf->post_other);
  free(inf->post_next);
  free(inf->fs);
  free(inf->fp);
  free(inf->fo);
  free(inf->fflag);
  free(inf->fset);
  free(inf->os);
  free(inf->op);
  free(inf->oo);
  for (size_t i = 1; i < inf->nterms; i++)
    if (inf->terms[i]) raptor_free_term(inf->terms[i]);
  free(inf->terms);
  free(inf->term_hash);
  free(inf->tslots);
  free(inf);
}

vitae_status vitae_infer_new(raptor_world *world, vitae_infer **out, vitae_error *err) {
  *out = NULL;
  vitae_infer *inf = calloc(1, sizeof *inf);
  if (!inf) return nomem(err);
  inf->rw = world;
  int ok = term_append(inf, NULL, 0) == NONE; /* id 0 is NONE */
  static const struct { size_t off; const char *iri; } WELL_KNOWN[] = {
      {offsetof(vitae_infer, rdf_type), RDF_NS "type"},
      {offsetof(vitae_infer, rdf_first), RDF_NS "first"},
      {offsetof(vitae_infer, rdf_rest), RDF_NS "rest"},
      {offsetof(vitae_infer, rdf_nil), RDF_NS "nil"},
      {offsetof(vitae_infer, sub_prop), RDFS_NS "subPropertyOf"},
      {offsetof(vitae_infer, sub_class), RDFS_NS "subClassOf"},
      {offsetof(vitae_infer, inverse_of), OWL_NS "inverseOf"},
      {offsetof(vitae_infer, equiv_prop), OWL_NS "equivalentProperty"},
      {offsetof(vitae_infer, equiv_class), OWL_NS "equivalentClass"},
      {offsetof(vitae_infer, chain), OWL_NS "propertyChainAxiom"},
      {offsetof(vitae_infer, symmetric), OWL_NS "SymmetricProperty"},
      {offsetof(vitae_infer, transitive), OWL_NS "TransitiveProperty"},
      {offsetof(vitae_infer, holder), VT_NS "holder"},
      {offsetof(vitae_infer, office), VT_NS "office"},
      {offsetof(vitae_infer, start), VT_NS "start"},
      {offsetof(vitae_infer, end), VT_NS "end"},
      {offsetof(vitae_infer, predecessor), VT_NS "predecessor"},
      {offsetof(vitae_infer, successor), VT_NS "successor"},
      {offsetof(vitae_infer, participant), VT_NS "participant"},
      {offsetof(vitae_infer, met_with), VT_NS "metWith"},
      {offsetof(vitae_infer, visitor), VT_NS "visitor"},
      {offsetof(vitae_infer, destination), VT_NS "destination"},
      {offsetof(vitae_infer, visited), VT_NS "visited"},
  };
  for (size_t i = 0; ok && i < sizeof WELL_KNOWN / sizeof WELL_KNOWN[0]; i++) {
    uint32_t id = intern_iri(inf, WELL_KNOWN[i].iri);
    memcpy((char *)inf + WELL_KNOWN[i].off, &id, sizeof id);
    ok = id != NONE;
  }
  if (!ok) {
    vitae_infer_free(inf);
    return nomem(err);
  }
  *out = inf;
  return VITAE_OK;
}

/* ---- the ontology ---- */

typedef struct onto_ctx {
  vitae_infer *inf;
  int failed;
} onto_ctx;

/* The ontology's blank nodes get a prefix of their own. */
static uint32_t intern_onto(vitae_infer *inf, raptor_term *t) {
  if (t->type != RAPTOR_TERM_TYPE_BLANK) return intern(inf, t);
  size_t n = strlen(ONTO_BLANK_PREFIX) + t->value.blank.string_len;
  char *label = malloc(n + 1);
  if (!label) return NONE;
  snprintf(label, n + 1, "%s%s", ONTO_BLANK_PREFIX, (const char *)t->value.blank.string);
  raptor_term *b = raptor_new_term_from_counted_blank(inf->rw, (const unsigned char *)label, n);
  free(label);
  if (!b) return NONE;
  uint32_t id = intern(inf, b);
  raptor_free_term(b);
  return id;
}

static void on_onto_statement(void *user_data, raptor_statement *st) {
  onto_ctx *c = user_data;
  vitae_infer *inf = c->inf;
  if (c->failed) return;
  uint32_t s = intern_onto(inf, st->subject), p = intern_onto(inf, st->predicate),
           o = intern_onto(inf, st->object);
  if (s == NONE || p == NONE || o == NONE) {
    c->failed = 1;
    return;
  }
  if (inf->no == inf->co) {
    size_t cap = inf->co ? 2 * inf->co : 1024;
    uint32_t *a = realloc(inf->os, cap * sizeof *a);
    if (a) inf->os = a;
    uint32_t *b = realloc(inf->op, cap * sizeof *b);
    if (b) inf->op = b;
    uint32_t *d = realloc(inf->oo, cap * sizeof *d);
    if (d) inf->oo = d;
    if (!a || !b || !d) {
      c->failed = 1;
      return;
    }
    inf->co = cap;
  }
  inf->os[inf->no] = s;
  inf->op[inf->no] = p;
  inf->oo[inf->no] = o;
  inf->no++;
}

typedef struct onto_src {
  FILE *f;
  const char *data;
  size_t len;
} onto_src;

static vitae_status parse_ontology(vitae_infer *inf, const char *syntax, const char *name,
                                   onto_src *src, vitae_error *err) {
  raptor_parser *p = raptor_new_parser(inf->rw, syntax);
  if (!p)
    return vitae_error_set(err, VITAE_ERR_USAGE, name, 0, 0, "unknown RDF syntax '%s'", syntax);
  char *iri = src->f ? vitae_load_file_iri(name) : NULL;
  raptor_uri *base = raptor_new_uri(inf->rw, (const unsigned char *)(iri ? iri : "urn:vitae:ontology"));
  free(iri);
  if (!base) {
    raptor_free_parser(p);
    return nomem(err);
  }
  onto_ctx c = {inf, 0};
  raptor_parser_set_statement_handler(p, &c, on_onto_statement);
  int rc;
  if (src->f) {
    rc = raptor_parser_parse_file_stream(p, src->f, name, base);
  } else {
    rc = raptor_parser_parse_start(p, base);
    if (!rc) rc = raptor_parser_parse_chunk(p, (const unsigned char *)src->data, src->len, 1);
  }
  raptor_free_uri(base);
  raptor_free_parser(p);
  if (c.failed) return nomem(err);
  if (rc) return vitae_error_set(err, VITAE_ERR_SYNTAX, name, 0, 0, "the ontology does not parse");
  return VITAE_OK;
}

vitae_status vitae_infer_add_ontology_file(vitae_infer *inf, const char *path, vitae_error *err) {
  const char *syntax = vitae_load_syntax(NULL, path);
  if (!syntax) syntax = "turtle";
  FILE *f = fopen(path, "rb");
  if (!f)
    return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "cannot read the ontology: %s",
                           strerror(errno));
  onto_src src = {f, NULL, 0};
  vitae_status st = parse_ontology(inf, syntax, path, &src, err);
  fclose(f);
  return st;
}

vitae_status vitae_infer_add_ontology_buffer(vitae_infer *inf, const char *data, size_t len,
                                             const char *syntax, vitae_error *err) {
  onto_src src = {NULL, data, len};
  return parse_ontology(inf, syntax ? syntax : "turtle", "ontology", &src, err);
}

/* ---- asserted triples ---- */

static int add_ids(vitae_infer *inf, raptor_term *st, uint32_t p, raptor_term *ot) {
  uint32_t s = intern(inf, st);
  if (s == NONE) return -1;
  uint32_t o = intern(inf, ot);
  if (o == NONE) return -1;
  int r = fact_add(inf, s, p, o, ASSERTED);
  if (r > 0) inf->nasserted = inf->nf;
  return r < 0 ? -1 : 0;
}

vitae_status vitae_infer_add(vitae_infer *inf, const raptor_statement *s, vitae_error *err) {
  if (inf->ran)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "inference: already computed");
  if (!s->subject || !s->predicate || !s->object)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "inference: incomplete triple");
  uint32_t p = intern(inf, s->predicate);
  if (p == NONE || add_ids(inf, s->subject, p, s->object) != 0) return nomem(err);
  return VITAE_OK;
}

/* ---- compiling the rules ---- */

static pinfo *pinfo_of(vitae_infer *inf, uint32_t pred) {
  uint32_t i;
  return u64map_get(&inf->pmap, pred, &i) ? &inf->pinfos[i] : NULL;
}

static pinfo *pinfo_make(vitae_infer *inf, uint32_t pred) {
  pinfo *pi = pinfo_of(inf, pred);
  if (pi) return pi;
  if (inf->npinfo == inf->cpinfo) {
    size_t cap = inf->cpinfo ? 2 * inf->cpinfo : 64;
    pinfo *more = realloc(inf->pinfos, cap * sizeof *more);
    if (!more) return NULL;
    inf->pinfos = more;
    inf->cpinfo = cap;
  }
  if (u64map_put(&inf->pmap, pred, (uint32_t)inf->npinfo) != 0) return NULL;
  pi = &inf->pinfos[inf->npinfo++];
  memset(pi, 0, sizeof *pi);
  return pi;
}

/* x from y -> x head y (swap: y head x).  0, or -1 when out of memory. */
static int add_unary(vitae_infer *inf, uint32_t from, uint32_t head, int swap) {
  if (from == head && !swap) return 0; /* P subPropertyOf P */
  if (!pinfo_make(inf, head)) return -1;
  pinfo *pi = pinfo_make(inf, from);
  if (!pi) return -1;
  for (size_t i = 0; i < pi->nu; i++)
    if (pi->unary[i].head == head && pi->unary[i].swap == swap) return 0;
  if (pi->nu == pi->cu) {
    size_t cap = pi->cu ? 2 * pi->cu : 4;
    urule *more = realloc(pi->unary, cap * sizeof *more);
    if (!more) return -1;
    pi->unary = more;
    pi->cu = cap;
  }
  pi->unary[pi->nu++] = (urule){head, (uint8_t)swap};
  inf->nrules++;
  return 0;
}

static int add_binary(vitae_infer *inf, uint32_t a, int a_inv, uint32_t b, int b_inv,
                      uint32_t head, int distinct) {
  for (size_t i = 0; i < inf->nb; i++) {
    const brule *r = &inf->brules[i];
    if (r->a == a && r->a_inv == a_inv && r->b == b && r->b_inv == b_inv && r->head == head &&
        r->distinct == distinct)
      return 0;
  }
  if (inf->nb == inf->cb) {
    size_t cap = inf->cb ? 2 * inf->cb : 16;
    brule *more = realloc(inf->brules, cap * sizeof *more);
    if (!more) return -1;
    inf->brules = more;
    inf->cb = cap;
  }
  uint32_t idx = (uint32_t)inf->nb;
  int linear = a == b && b == head && !a_inv && !b_inv && !distinct;
  inf->brules[inf->nb++] =
      (brule){a, b, head, (uint8_t)a_inv, (uint8_t)b_inv, (uint8_t)distinct, (uint8_t)linear, 0};
  inf->nrules++;
  pinfo *pa = pinfo_make(inf, a);
  if (!pa || u32vec_push(&pa->as_a, idx) != 0) return -1;
  pa->indexed = 1;
  pinfo *pb = pinfo_make(inf, b);
  if (!pb || u32vec_push(&pb->as_b, idx) != 0) return -1;
  pb->indexed = 1;
  if (linear) pb->transitive = 1;
  return pinfo_make(inf, head) ? 0 : -1;
}

static int add_class(vitae_infer *inf, uint32_t sub, uint32_t super) {
  if (sub == super) return 0;
  uint32_t i;
  if (!u64map_get(&inf->cmap, sub, &i)) {
    if (inf->ncinfo == inf->ccinfo) {
      size_t cap = inf->ccinfo ? 2 * inf->ccinfo : 64;
      u32vec *more = realloc(inf->csupers, cap * sizeof *more);
      if (!more) return -1;
      inf->csupers = more;
      inf->ccinfo = cap;
    }
    i = (uint32_t)inf->ncinfo;
    if (u64map_put(&inf->cmap, sub, i) != 0) return -1;
    memset(&inf->csupers[inf->ncinfo++], 0, sizeof(u32vec));
  }
  u32vec *v = &inf->csupers[i];
  for (size_t k = 0; k < v->n; k++)
    if (v->v[k] == super) return 0;
  inf->nrules++;
  return u32vec_push(v, super);
}

/* An internal predicate (for folding long chains): an id with no term. */
static uint32_t new_internal(vitae_infer *inf) { return term_append(inf, NULL, 0); }

static uint32_t axiom_object(const vitae_infer *inf, uint32_t pred, uint32_t subj) {
  uint32_t o;
  return u64map_get(&inf->axiom_obj, ((uint64_t)pred << 32) | subj, &o) ? o : NONE;
}

/* P owl:propertyChainAxiom (E1 ... En).  Unusable chains are skipped. */
static int add_chain(vitae_infer *inf, uint32_t prop, uint32_t list) {
  uint32_t steps[MAX_CHAIN];
  int inv[MAX_CHAIN];
  size_t n = 0;
  uint32_t node = list;
  while (node != inf->rdf_nil) {
    if (n == MAX_CHAIN) return 0;
    uint32_t first = axiom_object(inf, inf->rdf_first, node);
    uint32_t rest = axiom_object(inf, inf->rdf_rest, node);
    if (first == NONE || rest == NONE) return 0;
    if (is_iri(inf, first)) {
      steps[n] = first;
      inv[n] = 0;
    } else {
      uint32_t q = is_blank(inf, first) ? axiom_object(inf, inf->inverse_of, first) : NONE;
      if (!is_iri(inf, q)) return 0;
      steps[n] = q;
      inv[n] = 1;
    }
    n++;
    node = rest;
  }
  if (n == 0) return 0;
  if (n == 1) return add_unary(inf, steps[0], prop, inv[0]);
  uint32_t cur = steps[0];
  int cur_inv = inv[0];
  for (size_t i = 1; i < n; i++) {
    uint32_t head = i == n - 1 ? prop : new_internal(inf);
    if (head == NONE || add_binary(inf, cur, cur_inv, steps[i], inv[i], head, 0) != 0) return -1;
    cur = head;
    cur_inv = 0;
  }
  return 0;
}

static int is_axiom_pred(const vitae_infer *inf, uint32_t p) {
  return p == inf->sub_prop || p == inf->sub_class || p == inf->inverse_of ||
         p == inf->equiv_prop || p == inf->equiv_class || p == inf->chain ||
         p == inf->rdf_first || p == inf->rdf_rest || p == inf->rdf_type;
}

static int axiom(vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o) {
  int both = is_iri(inf, s) && is_iri(inf, o);
  if (p == inf->sub_prop && both) return add_unary(inf, s, o, 0);
  if (p == inf->equiv_prop && both)
    return add_unary(inf, s, o, 0) || add_unary(inf, o, s, 0) ? -1 : 0;
  if (p == inf->inverse_of && both)
    return add_unary(inf, s, o, 1) || add_unary(inf, o, s, 1) ? -1 : 0;
  if (p == inf->rdf_type && is_iri(inf, s) && o == inf->symmetric) return add_unary(inf, s, s, 1);
  if (p == inf->rdf_type && is_iri(inf, s) && o == inf->transitive)
    return add_binary(inf, s, 0, s, 0, s, 0);
  if (p == inf->sub_class && both) return add_class(inf, s, o);
  if (p == inf->equiv_class && both) return add_class(inf, s, o) || add_class(inf, o, s) ? -1 : 0;
  if (p == inf->chain && is_iri(inf, s)) return add_chain(inf, s, o);
  return 0;
}

static int note_axiom_object(vitae_infer *inf, uint32_t s, uint32_t p, uint32_t o) {
  if (p != inf->rdf_first && p != inf->rdf_rest && p != inf->inverse_of) return 0;
  uint64_t key = ((uint64_t)p << 32) | s;
  if (u64map_get(&inf->axiom_obj, key, NULL)) return 0; /* the first one wins */
  return u64map_put(&inf->axiom_obj, key, o);
}

static int keep_pred(vitae_infer *inf, uint32_t p) { return u64map_put(&inf->keep, p, 1); }

/* A transitive property whose closure no other rule reads is left open:
 * its closure grows with the square of a chain's length (one person
 * holding several offices joins chains: 3.98M of 4.43M inferred triples of
 * 1,000 generated biographies), so queries follow its chains instead
 * (src/query/engine.c) and only its edges are stored, with the marker
 * "P a owl:TransitiveProperty" in the inferred graph that tells them to.
 * A closure another rule reads (P has a super-property, an inverse, is
 * symmetric, or is a step of a chain) is computed here, since its
 * consequences must be. */
static void open_closures(vitae_infer *inf) {
  if (inf->store_closures) return;
  for (size_t i = 0; i < inf->nb; i++) {
    brule *r = &inf->brules[i];
    pinfo *pi = r->linear ? pinfo_of(inf, r->a) : NULL;
    if (!pi || pi->nu || pi->as_a.n != 1 || pi->as_b.n != 1) continue;
    r->off = 1;
    pi->open = 1;
    pi->indexed = pi->transitive = 0; /* no rule joins it */
  }
}

/* ---- copies left to queries ---- */

static int is_prov(const vitae_infer *inf, uint32_t p) {
  size_t n;
  const unsigned char *s = raptor_uri_as_counted_string(inf->terms[p]->value.uri, &n);
  size_t k = strlen(PROV_NS);
  return n >= k && !memcmp(s, PROV_NS, k);
}


#define OPEN_MARK 1 /* an open copy whose marker is written (STORED: and held) */

static uint64_t edge_key(uint32_t from, uint32_t to) { return ((uint64_t)from << 32) | to; }

/* Whether to is reached from from over the copy edges of one kind that stay
 * rules (properties: unary rules without swap; classes: super-classes),
 * i.e. those not in cand with value 1. */
static int kept_reach(const vitae_infer *inf, const u64map *cand, uint32_t from, uint32_t to,
                      int cls) {
  u32vec stack = {0};
  u64map seen = {0};
  int found = 0, failed = u32vec_push(&stack, from) != 0;
  while (!found && !failed && stack.n) {
    uint32_t x = stack.v[--stack.n];
    uint32_t ix, c;
    const uint32_t *next = NULL;
    size_t n = 0;
    if (cls && u64map_get(&inf->cmap, x, &ix)) {
      next = inf->csupers[ix].v;
      n = inf->csupers[ix].n;
    }
    const pinfo *pi = cls ? NULL : pinfo_of((vitae_infer *)inf, x);
    if (pi) n = pi->nu;
    for (size_t k = 0; k < n && !found && !failed; k++) {
      uint32_t y = cls ? next[k] : pi->unary[k].head;
      if ((!cls && pi->unary[k].swap) || (u64map_get(cand, edge_key(x, y), &c) && c)) continue;
      if (y == to) found = 1;
      else if (!u64map_get(&seen, y, NULL))
        failed = u64map_put(&seen, y, 1) != 0 || u32vec_push(&stack, y) != 0;
    }
  }
  free(stack.v);
  u64map_free(&seen);
  return found || failed; /* out of memory: as if reached, i.e. not left open */
}

/* Whether the open copy from -> to (a candidate in cand) would lose an
 * inference: some rule reads `to` and, fed with the copies, would derive
 * what no other rule derives.  A copy rule from `to` back to `from` (the
 * other half of an equivalence) or to what `from` reaches anyway derives
 * nothing new. */
static int copy_is_read(const vitae_infer *inf, const u64map *cand, uint32_t from, uint32_t to,
                        int cls) {
  uint32_t c, ix;
  if (cls) {
    if (!u64map_get(&inf->cmap, to, &ix)) return 0;
    const u32vec *sup = &inf->csupers[ix];
    for (size_t k = 0; k < sup->n; k++) {
      uint32_t e = sup->v[k];
      if (u64map_get(cand, edge_key(to, e), &c) && c) continue; /* left open as well */
      if (e != from && !kept_reach(inf, cand, from, e, 1)) return 1;
    }
    return 0;
  }
  const pinfo *pi = pinfo_of((vitae_infer *)inf, to);
  if (!pi) return 0;
  if (pi->as_a.n || pi->as_b.n || pi->transitive || pi->open) return 1;
  for (size_t k = 0; k < pi->nu; k++) {
    const urule *u = &pi->unary[k];
    if (u->swap) return 1;
    if (u64map_get(cand, edge_key(to, u->head), &c) && c) continue;
    if (u->head != from && !kept_reach(inf, cand, from, u->head, 0)) return 1;
  }
  return 0;
}

static int open_add(vitae_infer *inf, uint32_t from, uint32_t to, uint32_t axiom) {
  if (inf->nopen == inf->copen) {
    size_t cap = inf->copen ? 2 * inf->copen : 32;
    if (triples_grow(&inf->ofrom, &inf->oto, &inf->oaxiom, &inf->oflag, cap) != 0) return -1;
    inf->copen = cap;
  }
  inf->ofrom[inf->nopen] = from;
  inf->oto[inf->nopen] = to;
  inf->oaxiom[inf->nopen] = axiom;
  inf->oflag[inf->nopen++] = 0;
  return 0;
}

/* Whether a copy into t may be left to queries by its kind of term: an IRI
 * the ontology does not declare (no "t a ..." in it: another vocabulary's
 * term, named only in an alignment axiom), not a prov: property (inferred
 * triples carry no provenance: those copies are never stored nor shown)
 * and none that the rules or the tenure model read by name. */
static int copy_target(const vitae_infer *inf, const u64map *declared, uint32_t t, int cls) {
  if (!is_iri(inf, t) || u64map_get(declared, t, NULL)) return 0;
  if (cls) return 1;
  const uint32_t named[] = {inf->rdf_type, inf->holder, inf->office, inf->start, inf->end,
                            inf->predecessor, inf->successor};
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
    if (t == named[i]) return 0;
  return !is_axiom_pred(inf, t) && !is_prov(inf, t);
}

/* Copies into other vocabularies are left to queries (see infer.h, "open
 * copies"): at 1M generated triples they were 1.23M of the 1.32M inferred
 * triples.  A sub-property (or equivalent-property) rule x P y -> x Q y,
 * or a sub-class rule, is left open when Q is another vocabulary's term
 * (copy_target) and no rule reads Q (copy_is_read); the rule is taken out
 * of the fixpoint and kept in the open list, whose edges become markers. */
static int open_copies(vitae_infer *inf) {
  if (inf->store_copies) return 0;
  u64map declared = {0}, pcand = {0}, ccand = {0};
  int rc = 0;
  for (size_t i = 0; i < inf->no && !rc; i++)
    if (inf->op[i] == inf->rdf_type) rc = u64map_put(&declared, inf->os[i], 1);
  /* rdf:type read by a rule other than the class rules: no class copy is
   * left open */
  const pinfo *tp = pinfo_of(inf, inf->rdf_type);
  int types_read = tp && (tp->nu || tp->as_a.n || tp->as_b.n);
  for (size_t k = 0; k < inf->pmap.cap && !rc; k++) {
    if (!inf->pmap.keys[k]) continue;
    uint32_t from = (uint32_t)inf->pmap.keys[k];
    const pinfo *pi = &inf->pinfos[inf->pmap.vals[k]];
    for (size_t j = 0; j < pi->nu && !rc; j++)
      if (!pi->unary[j].swap && copy_target(inf, &declared, pi->unary[j].head, 0))
        rc = u64map_put(&pcand, edge_key(from, pi->unary[j].head), 1);
  }
  for (size_t k = 0; k < inf->cmap.cap && !rc && !types_read; k++) {
    if (!inf->cmap.keys[k]) continue;
    const u32vec *sup = &inf->csupers[inf->cmap.vals[k]];
    for (size_t j = 0; j < sup->n && !rc; j++)
      if (copy_target(inf, &declared, sup->v[j], 1))
        rc = u64map_put(&ccand, edge_key((uint32_t)inf->cmap.keys[k], sup->v[j]), 1);
  }
  /* drop the candidates whose copies a rule reads, until none is left */
  for (int changed = 1; changed && !rc;) {
    changed = 0;
    for (int cls = 0; cls < 2; cls++) {
      u64map *cand = cls ? &ccand : &pcand;
      for (size_t k = 0; k < cand->cap; k++) {
        if (!cand->keys[k] || !cand->vals[k]) continue;
        uint32_t from = (uint32_t)(cand->keys[k] >> 32), to = (uint32_t)cand->keys[k];
        if (copy_is_read(inf, cand, from, to, cls)) {
          cand->vals[k] = 0;
          changed = 1;
        }
      }
    }
  }
  /* move the open ones out of the rules */
  uint32_t c;
  for (size_t k = 0; k < inf->pmap.cap && !rc; k++) {
    if (!inf->pmap.keys[k]) continue;
    uint32_t from = (uint32_t)inf->pmap.keys[k];
    pinfo *pi = &inf->pinfos[inf->pmap.vals[k]];
    size_t kept = 0;
    for (size_t j = 0; j < pi->nu && !rc; j++) {
      const urule *u = &pi->unary[j];
      if (!u->swap && u64map_get(&pcand, edge_key(from, u->head), &c) && c)
        rc = open_add(inf, from, u->head, inf->sub_prop);
      else pi->unary[kept++] = *u;
    }
    pi->nu = kept;
  }
  for (size_t k = 0; k < inf->cmap.cap && !rc; k++) {
    if (!inf->cmap.keys[k]) continue;
    uint32_t from = (uint32_t)inf->cmap.keys[k];
    u32vec *sup = &inf->csupers[inf->cmap.vals[k]];
    size_t kept = 0;
    for (size_t j = 0; j < sup->n && !rc; j++) {
      if (u64map_get(&ccand, edge_key(from, sup->v[j]), &c) && c)
        rc = open_add(inf, from, sup->v[j], inf->sub_class);
      else sup->v[kept++] = sup->v[j];
    }
    sup->n = kept;
  }
  u64map_free(&declared);
  u64map_free(&pcand);
  u64map_free(&ccand);
  return rc;
}

/* Compile the rules from the ontology and the asserted axioms; also fills
 * the set of predicates a store scan must keep. */
static int compile(vitae_infer *inf) {
  rules_free(inf);
  for (size_t i = 0; i < inf->no; i++)
    if (note_axiom_object(inf, inf->os[i], inf->op[i], inf->oo[i]) != 0) return -1;
  for (size_t i = 0; i < inf->nasserted; i++)
    if (is_axiom_pred(inf, inf->fp[i]) &&
        note_axiom_object(inf, inf->fs[i], inf->fp[i], inf->fo[i]) != 0)
      return -1;
  for (size_t i = 0; i < inf->no; i++)
    if (axiom(inf, inf->os[i], inf->op[i], inf->oo[i]) != 0) return -1;
  for (size_t i = 0; i < inf->nasserted; i++)
    if (is_axiom_pred(inf, inf->fp[i]) && axiom(inf, inf->fs[i], inf->fp[i], inf->fo[i]) != 0)
      return -1;
  /* the tenure model's shortcuts that the ontology does not state */
  if (add_binary(inf, inf->participant, 1, inf->participant, 0, inf->met_with, 1) != 0 ||
      add_binary(inf, inf->visitor, 1, inf->destination, 0, inf->visited, 0) != 0)
    return -1;
  open_closures(inf);
  if (open_copies(inf) != 0) return -1;
  /* every predicate a rule reads or writes */
  for (size_t k = 0; k < inf->pmap.cap; k++)
    if (inf->pmap.keys[k] && keep_pred(inf, (uint32_t)inf->pmap.keys[k]) != 0) return -1;
  const uint32_t always[] = {inf->rdf_type,  inf->sub_prop,    inf->sub_class, inf->inverse_of,
                             inf->equiv_prop, inf->equiv_class, inf->chain,     inf->rdf_first,
                             inf->rdf_rest,   inf->holder,      inf->office,    inf->start,
                             inf->end,        inf->predecessor, inf->successor};
  for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
    if (keep_pred(inf, always[i]) != 0) return -1;
  return 0;
}

/* ---- the tenure model ---- */

static int cmp_tpair(const void *a, const void *b) {
  const tpair *x = a, *y = b;
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  return x->v < y->v ? -1 : x->v > y->v;
}

typedef struct tpairs {
  tpair *v;
  size_t n, cap;
} tpairs;

static int tpairs_push(tpairs *l, uint32_t t, uint32_t v) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 256;
    tpair *more = realloc(l->v, cap * sizeof *more);
    if (!more) return -1;
    l->v = more;
    l->cap = cap;
  }
  l->v[l->n++] = (tpair){t, v};
  return 0;
}

/* The run of pairs of tenure t in a sorted list: [*lo, return). */
static size_t tpairs_range(const tpairs *l, uint32_t t, size_t *lo) {
  size_t a = 0, b = l->n;
  while (a < b) {
    size_t m = a + (b - a) / 2;
    if (l->v[m].t < t) a = m + 1;
    else b = m;
  }
  *lo = a;
  while (b < l->n && l->v[b].t == t) b++;
  return a < l->n && l->v[a].t == t ? b : a;
}

typedef struct tenure {
  uint32_t t, office, holders_lo, holders_hi;
  const char *start, *end; /* lexical forms; NULL when absent */
} tenure;

static int cmp_tenure(const void *a, const void *b) {
  const tenure *x = a, *y = b;
  if (x->office != y->office) return x->office < y->office ? -1 : 1;
  if (!x->start || !y->start) return x->start ? -1 : y->start ? 1 : 0;
  return strcmp(x->start, y->start);
}

static const char *lexical(const vitae_infer *inf, uint32_t id) {
  return is_literal(inf, id) ? (const char *)inf->terms[id]->value.literal.string : NULL;
}

/* vt:predecessor / vt:successor from dates: the tenures of one office in
 * order of start; a tenure that ends on the day another starts precedes it. */
static int tenure_rule(vitae_infer *inf) {
  tpairs office = {0}, start = {0}, end = {0}, holder = {0}, pred = {0}, succ = {0};
  tenure *ts = NULL;
  int rc = -1;
  for (size_t i = 0; i < inf->nasserted; i++) {
    uint32_t p = inf->fp[i];
    tpairs *l = p == inf->office ? &office : p == inf->start ? &start : p == inf->end ? &end
              : p == inf->holder ? &holder : p == inf->predecessor ? &pred
              : p == inf->successor ? &succ : NULL;
    if (l && tpairs_push(l, inf->fs[i], inf->fo[i]) != 0) goto out;
  }
  tpairs *all[] = {&office, &start, &end, &holder, &pred, &succ};
  for (size_t i = 0; i < 6; i++)
    if (all[i]->n) qsort(all[i]->v, all[i]->n, sizeof(tpair), cmp_tpair);
  size_t nt = 0;
  ts = office.n ? malloc(office.n * sizeof *ts) : NULL;
  if (office.n && !ts) goto out;
  for (size_t i = 0; i < office.n; i++) {
    if (i && office.v[i].t == office.v[i - 1].t) continue; /* one office per tenure */
    tenure *x = &ts[nt];
    size_t lo, hi;
    x->t = office.v[i].t;
    x->office = office.v[i].v;
    hi = tpairs_range(&holder, x->t, &lo);
    if (hi == lo) continue; /* nobody held it */
    x->holders_lo = (uint32_t)lo;
    x->holders_hi = (uint32_t)hi;
    hi = tpairs_range(&start, x->t, &lo);
    x->start = hi > lo ? lexical(inf, start.v[lo].v) : NULL;
    hi = tpairs_range(&end, x->t, &lo);
    x->end = hi > lo ? lexical(inf, end.v[lo].v) : NULL;
    nt++;
  }
  if (nt) qsort(ts, nt, sizeof *ts, cmp_tenure); /* ts is NULL when there is none */
  for (size_t i = 0; i < nt; i++) {
    const tenure *a = &ts[i];
    if (!a->end) continue;
    /* the first tenure of the office that starts on a's end */
    tenure key = {0, a->office, 0, 0, a->end, NULL};
    size_t lo = 0, hi = nt;
    while (lo < hi) {
      size_t m = lo + (hi - lo) / 2;
      if (cmp_tenure(&ts[m], &key) < 0) lo = m + 1;
      else hi = m;
    }
    size_t plo, slo;
    int a_has_succ = tpairs_range(&succ, a->t, &slo) > slo;
    for (size_t j = lo; j < nt && cmp_tenure(&ts[j], &key) == 0; j++) {
      const tenure *b = &ts[j];
      if (b->t == a->t) continue;
      int b_has_pred = tpairs_range(&pred, b->t, &plo) > plo;
      for (uint32_t ha = a->holders_lo; ha < a->holders_hi; ha++) {
        for (uint32_t hb = b->holders_lo; hb < b->holders_hi; hb++) {
          uint32_t pa = holder.v[ha].v, pb = holder.v[hb].v;
          if (pa == pb) continue; /* nobody succeeds themselves */
          if (!b_has_pred && derive(inf, b->t, inf->predecessor, pa) != 0) goto out;
          if (!a_has_succ && derive(inf, a->t, inf->successor, pb) != 0) goto out;
        }
      }
    }
  }
  rc = 0;
out:
  free(office.v);
  free(start.v);
  free(end.v);
  free(holder.v);
  free(pred.v);
  free(succ.v);
  free(ts);
  return rc;
}

/* ---- the fixpoint ---- */

#define SIDE_SUBJECT 0u /* subject -> objects, of every fact */
#define SIDE_OBJECT 1u  /* object -> subjects, of every fact */
#define SIDE_BASE 2u    /* subject -> objects, of the facts not derived by transitivity */

static uint64_t index_key(uint32_t pred, unsigned side, uint32_t node) {
  return ((uint64_t)pred << 34) | ((uint64_t)side << 32) | node;
}

static int index_add(vitae_infer *inf, uint32_t pred, unsigned side, uint32_t node,
                     uint32_t other) {
  if (inf->npost >= UINT32_MAX - 1) return -1;
  if (inf->npost == inf->cpost) {
    size_t cap = inf->cpost ? 2 * inf->cpost : 4096;
    uint32_t *a = realloc(inf->post_other, cap * sizeof *a);
    if (a) inf->post_other = a;
    uint32_t *b = realloc(inf->post_next, cap * sizeof *b);
    if (b) inf->post_next = b;
    if (!a || !b) return -1;
    inf->cpost = cap;
  }
  uint64_t key = index_key(pred, side, node);
  uint32_t head = 0;
  u64map_get(&inf->heads, key, &head);
  uint32_t e = (uint32_t)inf->npost++;
  inf->post_other[e] = other;
  inf->post_next[e] = head; /* 0 ends a list: entries are 1-based */
  return u64map_put(&inf->heads, key, e + 1);
}

static uint32_t index_first(const vitae_infer *inf, uint32_t pred, unsigned side, uint32_t node) {
  uint32_t head = 0;
  u64map_get(&inf->heads, index_key(pred, side, node), &head);
  return head;
}

/* Join the directed edge u -> v of rule r's first premise with every
 * second premise from v.
 *
 * Transitivity is joined left-linearly: x P y, y P z -> x P z only with
 * y P z a base fact (one not derived by this transitivity).  Every path
 * ends in a base edge, so the closure is the same, but a chain of n costs
 * n^2 joins instead of n^3. */
static int join_first(vitae_infer *inf, const brule *r, uint32_t u, uint32_t v) {
  unsigned side = r->linear ? SIDE_BASE : r->b_inv ? SIDE_OBJECT : SIDE_SUBJECT;
  uint8_t flag = r->linear ? DERIVED | TRANSITIVE : DERIVED;
  for (uint32_t e = index_first(inf, r->b, side, v); e; e = inf->post_next[e - 1]) {
    uint32_t z = inf->post_other[e - 1];
    if (r->distinct && z == u) continue;
    if (derive_as(inf, u, r->head, z, flag) != 0) return -1;
  }
  return 0;
}

/* Join the directed edge v -> z of rule r's second premise with every
 * first premise into v (for transitivity: only when v -> z is a base fact). */
static int join_second(vitae_infer *inf, const brule *r, uint32_t v, uint32_t z, uint8_t zflag) {
  if (r->linear && (zflag & TRANSITIVE)) return 0;
  uint8_t flag = r->linear ? DERIVED | TRANSITIVE : DERIVED;
  for (uint32_t e = index_first(inf, r->a, r->a_inv ? SIDE_SUBJECT : SIDE_OBJECT, v); e;
       e = inf->post_next[e - 1]) {
    uint32_t x = inf->post_other[e - 1];
    if (r->distinct && x == z) continue;
    if (derive_as(inf, x, r->head, z, flag) != 0) return -1;
  }
  return 0;
}

static int fixpoint(vitae_infer *inf) {
  for (size_t i = 0; i < inf->nf; i++) {
    uint32_t s = inf->fs[i], p = inf->fp[i], o = inf->fo[i];
    uint32_t ci;
    if (p == inf->rdf_type && u64map_get(&inf->cmap, o, &ci)) {
      if (inf->nopen && u64map_put(&inf->class_used, o, 1) != 0) return -1;
      const u32vec *sup = &inf->csupers[ci];
      for (size_t k = 0; k < sup->n; k++)
        if (derive(inf, s, inf->rdf_type, sup->v[k]) != 0) return -1;
    }
    uint32_t pix;
    if (!u64map_get(&inf->pmap, p, &pix)) continue;
    /* the rules are fixed here: pi stays valid while facts are added */
    inf->pinfos[pix].used = 1;
    const pinfo *pi = &inf->pinfos[pix];
    uint8_t flag = inf->fflag[i];
    if (pi->indexed &&
        (index_add(inf, p, SIDE_SUBJECT, s, o) != 0 || index_add(inf, p, SIDE_OBJECT, o, s) != 0))
      return -1;
    if (pi->transitive && !(flag & TRANSITIVE) && index_add(inf, p, SIDE_BASE, s, o) != 0)
      return -1;
    for (size_t k = 0; k < pi->nu; k++) {
      const urule *u = &pi->unary[k];
      if (derive(inf, u->swap ? o : s, u->head, u->swap ? s : o) != 0) return -1;
    }
    for (size_t k = 0; k < pi->as_a.n; k++) {
      const brule *r = &inf->brules[pi->as_a.v[k]];
      if (!r->off && join_first(inf, r, r->a_inv ? o : s, r->a_inv ? s : o) != 0) return -1;
    }
    for (size_t k = 0; k < pi->as_b.n; k++) {
      const brule *r = &inf->brules[pi->as_b.v[k]];
      if (!r->off && join_second(inf, r, r->b_inv ? o : s, r->b_inv ? s : o, flag) != 0) return -1;
    }
  }
  return 0;
}

/* The markers of the open closures that have an edge (open_closures). */
static int add_markers(vitae_infer *inf) {
  for (size_t k = 0; k < inf->pmap.cap; k++) {
    if (!inf->pmap.keys[k]) continue;
    const pinfo *pi = &inf->pinfos[inf->pmap.vals[k]];
    if (pi->open && pi->used &&
        fact_add(inf, (uint32_t)inf->pmap.keys[k], inf->rdf_type, inf->transitive, DERIVED) < 0)
      return -1;
  }
  return 0;
}

/* The markers of the open copies: "P rdfs:subPropertyOf Q" for a copy of
 * P's triples, "C rdfs:subClassOf D" for a copy of C's instances, for each
 * one with something to copy: P has a triple (C an instance), or P (C) is
 * itself the target of a marked copy. */
static void mark_open_copies(vitae_infer *inf) {
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t k = 0; k < inf->nopen; k++) {
      if (inf->oflag[k] & OPEN_MARK) continue;
      uint32_t from = inf->ofrom[k];
      const pinfo *pi = inf->oaxiom[k] == inf->sub_prop ? pinfo_of(inf, from) : NULL;
      int used = pi ? pi->used : u64map_get(&inf->class_used, from, NULL);
      for (size_t j = 0; j < inf->nopen && !used; j++)
        used = (inf->oflag[j] & OPEN_MARK) && inf->oto[j] == from &&
               inf->oaxiom[j] == inf->oaxiom[k];
      if (used) {
        inf->oflag[k] |= OPEN_MARK;
        changed = 1;
      }
    }
  }
}

/* Whether result i is one the store holds already (write_graph_bulk). */
static int result_stored(const vitae_infer *inf, size_t i) {
  uint32_t f = inf->res_fact[i];
  return f < inf->nf ? (inf->fflag[f] & STORED) != 0 : (inf->oflag[f - inf->nf] & STORED) != 0;
}

static int build_results(vitae_infer *inf) {
  mark_open_copies(inf);
  size_t n = 0;
  for (size_t i = inf->nasserted; i < inf->nf; i++) n += (inf->fflag[i] & DERIVED) != 0;
  for (size_t k = 0; k < inf->nopen; k++) n += (inf->oflag[k] & OPEN_MARK) != 0;
  inf->res = n ? malloc(n * sizeof *inf->res) : NULL;
  inf->res_fact = n ? malloc(n * sizeof *inf->res_fact) : NULL;
  if (n && (!inf->res || !inf->res_fact)) return -1;
  for (size_t i = inf->nasserted; i < inf->nf; i++) {
    uint32_t s = inf->fs[i], p = inf->fp[i], o = inf->fo[i];
    if (!(inf->fflag[i] & DERIVED) || !is_iri(inf, p) || is_prov(inf, p) || is_literal(inf, s))
      continue;
    raptor_statement *st = raptor_new_statement_from_nodes(
        inf->rw, raptor_term_copy(inf->terms[s]), raptor_term_copy(inf->terms[p]),
        raptor_term_copy(inf->terms[o]), NULL);
    if (!st) return -1;
    inf->res_fact[inf->nres] = (uint32_t)i;
    inf->res[inf->nres++] = st;
  }
  for (size_t k = 0; k < inf->nopen; k++) {
    if (!(inf->oflag[k] & OPEN_MARK)) continue;
    /* apart from the facts: the axiom may be asserted too, and the marker
     * must be in the inferred graph all the same (queries read it there) */
    raptor_statement *st = raptor_new_statement_from_nodes(
        inf->rw, raptor_term_copy(inf->terms[inf->ofrom[k]]),
        raptor_term_copy(inf->terms[inf->oaxiom[k]]), raptor_term_copy(inf->terms[inf->oto[k]]),
        NULL);
    if (!st) return -1;
    inf->res_fact[inf->nres] = (uint32_t)(inf->nf + k);
    inf->res[inf->nres++] = st;
  }
  return 0;
}

vitae_status vitae_infer_run(vitae_infer *inf, vitae_error *err) {
  if (inf->ran)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "inference: already computed");
  inf->ran = 1;
  if (compile(inf) != 0 || tenure_rule(inf) != 0 || fixpoint(inf) != 0 || add_markers(inf) != 0 ||
      build_results(inf) != 0)
    return nomem(err);
  return VITAE_OK;
}

size_t vitae_infer_results(vitae_infer *inf, raptor_statement ***out) {
  *out = inf->res;
  return inf->nres;
}

size_t vitae_infer_rule_count(const vitae_infer *inf) { return inf->nrules; }

void vitae_infer_store_closures(vitae_infer *inf, int on) { inf->store_closures = on != 0; }

void vitae_infer_store_copies(vitae_infer *inf, int on) { inf->store_copies = on != 0; }

/* ---- the store ---- */

/* One asserted triple, kept when the rules (or the axioms) use its
 * predicate; -1 when out of memory. */
static int scan_one(vitae_infer *inf, raptor_term *s, raptor_term *p, raptor_term *o) {
  uint32_t pid = intern(inf, p);
  if (pid == NONE) return -1;
  return u64map_get(&inf->keep, pid, NULL) ? add_ids(inf, s, pid, o) : 0;
}

typedef struct scan {
  vitae_infer *inf;
  unsigned long read;
} scan;

static int scan_direct(void *user, raptor_statement *s) {
  scan *sc = user;
  sc->read++;
  return scan_one(sc->inf, s->subject, s->predicate, s->object) ? ENOMEM : 0;
}

/* Read every asserted graph, keeping the triples of predicates the rules
 * (or the axioms) use: through the direct writer when the store has one,
 * in one pass over every graph; else graph by graph through librdf. */
static vitae_status scan_store(vitae_infer *inf, vitae_store *store, vitae_bulk *bulk,
                               char **graphs, unsigned long *read, vitae_error *err) {
  if (bulk) {
    scan sc = {inf, 0};
    raptor_term *g = raptor_new_term_from_uri_string(inf->rw, (const unsigned char *)VITAE_INFERRED_GRAPH);
    int rc = g ? vitae_bulk_read_session(bulk, g, scan_direct, &sc) : ENOMEM;
    if (rc == ENOENT) rc = vitae_bulk_read(bulk, NULL, g, scan_direct, &sc);
    if (g) raptor_free_term(g);
    *read = sc.read;
    if (rc == ENOMEM) return nomem(err);
    if (rc) return vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0, "inference: cannot read the store: %s", strerror(rc));
    return VITAE_OK;
  }
  librdf_world *w = vitae_store_world(store);
  librdf_model *model = vitae_store_model(store);
  *read = 0;
  for (char **g = graphs; *g; g++) {
    if (vitae_infer_is_graph(*g)) continue;
    librdf_node *ctx = librdf_new_node_from_uri_string(w, (const unsigned char *)*g);
    if (!ctx) return nomem(err);
    librdf_stream *stream = librdf_model_context_as_stream(model, ctx);
    librdf_free_node(ctx);
    if (!stream)
      return vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0, "inference: cannot read graph <%s>",
                             *g);
    int failed = 0;
    for (; !librdf_stream_end(stream) && !failed; librdf_stream_next(stream)) {
      librdf_statement *s = librdf_stream_get_object(stream); /* shared */
      if (!s || !s->subject || !s->predicate || !s->object) continue;
      (*read)++;
      failed = scan_one(inf, s->subject, s->predicate, s->object) != 0;
    }
    librdf_free_stream(stream);
    if (failed) return nomem(err);
  }
  return VITAE_OK;
}

/* Replace the inferred graph: in one batch through vitae_load_statements()
 * for the triples of IRIs and literals; triples with a blank node are added
 * as they are, because a load gives blank nodes a prefix of its graph's
 * (which would make them other nodes than the asserted ones). */
static vitae_status write_graph(vitae_store *store, raptor_statement **res, size_t n,
                                vitae_error *err) {
  raptor_statement **plain = n ? malloc(n * sizeof *plain) : NULL;
  if (n && !plain) return nomem(err);
  size_t np = 0;
  for (size_t i = 0; i < n; i++)
    if (res[i]->subject->type != RAPTOR_TERM_TYPE_BLANK &&
        res[i]->object->type != RAPTOR_TERM_TYPE_BLANK)
      plain[np++] = res[i];
  vitae_status st = vitae_load_statements(store, plain, np, VITAE_INFERRED_GRAPH, NULL, err);
  free(plain);
  if (st != VITAE_OK || np == n) return st;
  librdf_world *w = vitae_store_world(store);
  librdf_node *ctx = librdf_new_node_from_uri_string(w, (const unsigned char *)VITAE_INFERRED_GRAPH);
  if (!ctx) return nomem(err);
  for (size_t i = 0; i < n && st == VITAE_OK; i++) {
    if (res[i]->subject->type != RAPTOR_TERM_TYPE_BLANK &&
        res[i]->object->type != RAPTOR_TERM_TYPE_BLANK)
      continue;
    if (librdf_model_context_add_statement(vitae_store_model(store), ctx, res[i]) != 0)
      st = vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0,
                           "inference: cannot add a triple to the inferred graph");
  }
  librdf_free_node(ctx);
  if (st == VITAE_OK) st = vitae_store_sync(store, err);
  return st;
}

/* Whether a stored triple is one of the results; if so it is marked, and
 * not written again. */
static int mark_stored(vitae_infer *inf, const raptor_statement *st) {
  uint32_t id[3];
  raptor_term *t[3] = {st->subject, st->predicate, st->object};
  for (int i = 0; i < 3; i++)
    if ((id[i] = term_find(inf, t[i], hash_term(t[i]))) == NONE) return 0;
  for (size_t k = 0; k < inf->nopen; k++) {
    if (inf->ofrom[k] != id[0] || inf->oaxiom[k] != id[1] || inf->oto[k] != id[2]) continue;
    if (!(inf->oflag[k] & OPEN_MARK) || (inf->oflag[k] & STORED)) return 0;
    inf->oflag[k] |= STORED;
    return 1;
  }
  uint32_t f = fact_find(inf, id[0], id[1], id[2]);
  /* a result: derived (not asserted), and kept by build_results */
  if (f == NO_FACT || f < inf->nasserted || !(inf->fflag[f] & DERIVED) || !is_iri(inf, id[1]) ||
      is_prov(inf, id[1]) || is_literal(inf, id[0]) || (inf->fflag[f] & STORED))
    return 0;
  inf->fflag[f] |= STORED;
  return 1;
}

typedef struct stale {
  vitae_infer *inf;
  vitae_bulk_list items; /* stored, no longer inferred */
} stale;

static int note_stale(void *user, raptor_statement *s) {
  stale *x = user;
  return mark_stored(x->inf, s) ? 0 : vitae_bulk_list_add(&x->items, s);
}

static int has_blank(const raptor_statement *s) {
  return s->subject->type == RAPTOR_TERM_TYPE_BLANK || s->object->type == RAPTOR_TERM_TYPE_BLANK;
}

/* Term order, as a load orders a graph's triples: the duplicates of a fresh
 * store then come in the order the librdf path gave them. */
static int cmp_result(const void *a, const void *b) {
  const raptor_statement *x = *(raptor_statement *const *)a, *y = *(raptor_statement *const *)b;
  int d = raptor_term_compare(x->subject, y->subject);
  if (!d) d = raptor_term_compare(x->predicate, y->predicate);
  return d ? d : raptor_term_compare(x->object, y->object);
}

/* Bring the stored inferred graph to the results through the direct writer:
 * read what it holds, remove what is no longer inferred, add what is new.
 * A load that changes little of the store rewrites little of the graph. */
static vitae_status write_graph_bulk(vitae_store *store, vitae_bulk *bulk, vitae_infer *inf,
                                     vitae_infer_stats *stats, vitae_error *err) {
  raptor_term *g = raptor_new_term_from_uri_string(inf->rw, (const unsigned char *)VITAE_INFERRED_GRAPH);
  stale old = {inf, {inf->rw, NULL, 0, 0}};
  raptor_statement **add = NULL;
  size_t nadd = 0;
  int rc = g ? vitae_bulk_read(bulk, g, NULL, note_stale, &old) : ENOMEM;
  if (!rc) rc = vitae_bulk_remove(bulk, old.items.items, old.items.n);
  if (!rc && inf->nres && !(add = malloc(inf->nres * sizeof *add))) rc = ENOMEM;
  /* triples of IRIs and literals sorted, then those with a blank node in
   * the order derived (the librdf path added them so) */
  for (int blank = 0; blank < 2 && !rc; blank++) {
    for (size_t i = 0; i < inf->nres; i++)
      if (!result_stored(inf, i) && has_blank(inf->res[i]) == blank)
        add[nadd++] = inf->res[i];
    if (!blank && nadd) qsort(add, nadd, sizeof *add, cmp_result); /* add is NULL when empty */
  }
  if (!rc) {
    for (size_t i = 0; i < nadd; i++) add[i]->graph = g; /* borrowed */
    rc = vitae_bulk_add(bulk, add, nadd);
    for (size_t i = 0; i < nadd; i++) add[i]->graph = NULL;
  }
  stats->added = (unsigned long)nadd;
  stats->removed = (unsigned long)old.items.n;
  vitae_bulk_list_free(&old.items);
  free(add);
  if (g) raptor_free_term(g);
  if (rc) {
    errno = rc;
    return vitae_store_write_failed(store, err, NULL, "inference: cannot write the inferred graph");
  }
  return vitae_store_sync(store, err);
}

static vitae_status compute(vitae_store *store, vitae_infer_stats *stats, vitae_error *err) {
  double t0 = now_seconds();
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(store));
  vitae_infer *inf = NULL;
  char **graphs = NULL;
  char path[4096];
  vitae_status st = vitae_infer_new(rw, &inf, err);
  /* the copies as Virtuoso stores them (tests compare the two stores) */
  const char *copies = getenv("VITAE_INFER_STORE_COPIES");
  if (st == VITAE_OK && copies && !strcmp(copies, "1")) vitae_infer_store_copies(inf, 1);
  if (st == VITAE_OK && !vitae_datadir_path("ontology/vitae.ttl", path, sizeof path))
    st = vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "inference: the data directory path is too long");
  if (st == VITAE_OK) {
    vitae_store_capture_errors(store, err, path);
    st = vitae_infer_add_ontology_file(inf, path, err);
    vitae_store_capture_errors(store, NULL, NULL);
    if (st == VITAE_OK && err && err->status != VITAE_OK) st = err->status;
  }
  if (st == VITAE_OK && compile(inf) != 0) st = nomem(err);
  /* a write session on disk has the direct writer: reading and writing
   * through it, librdf's handles stay closed */
  vitae_bulk *bulk = NULL;
  if (st == VITAE_OK && vitae_store_working_generation(store))
    st = vitae_store_bulk(store, &bulk, err);
  if (st == VITAE_OK && !bulk) st = vitae_store_list_graphs(store, &graphs, err);
  if (st == VITAE_OK) {
    vitae_store_capture_errors(store, err, NULL);
    size_t kept = inf->keep.n;
    st = scan_store(inf, store, bulk, graphs, &stats->read, err);
    /* axioms among the asserted triples may make more predicates useful:
     * then read again, keeping those too */
    if (st == VITAE_OK && compile(inf) != 0) st = nomem(err);
    if (st == VITAE_OK && inf->keep.n != kept) {
      facts_clear(inf);
      st = scan_store(inf, store, bulk, graphs, &stats->read, err);
    }
    vitae_store_capture_errors(store, NULL, NULL);
    if (st == VITAE_OK && err && err->status != VITAE_OK) st = err->status;
  }
  double t1 = now_seconds();
  if (st == VITAE_OK) st = vitae_infer_run(inf, err);
  double t2 = now_seconds();
  if (st == VITAE_OK) {
    stats->used = (unsigned long)inf->nasserted;
    stats->rules = (unsigned long)inf->nrules;
    raptor_statement **res;
    size_t n = vitae_infer_results(inf, &res);
    stats->inferred = (unsigned long)n;
    if (bulk) {
      st = write_graph_bulk(store, bulk, inf, stats, err);
    } else {
      stats->added = stats->inferred; /* all rewritten */
      st = write_graph(store, res, n, err);
    }
  }
  double t3 = now_seconds();
  stats->read_seconds = t1 - t0;
  stats->infer_seconds = t2 - t1;
  stats->write_seconds = t3 - t2;
  vitae_store_free_list(graphs);
  vitae_infer_free(inf);
  return st;
}

vitae_status vitae_infer_update_stats(vitae_store *store, vitae_infer_stats *stats,
                                      vitae_error *err) {
  vitae_infer_stats local;
  if (!stats) stats = &local;
  memset(stats, 0, sizeof *stats);
  vitae_error mine;
  vitae_error_clear(&mine);
  vitae_status st = compute(store, stats, &mine);
  if (st == VITAE_OK) return VITAE_OK;
  /* stale inferences are wrong facts: remove them rather than keep them */
  stats->inferred = 0;
  if (vitae_store_has_graph(store, VITAE_INFERRED_GRAPH)) {
    vitae_error ignored;
    vitae_error_clear(&ignored);
    vitae_store_drop_graph(store, VITAE_INFERRED_GRAPH, &ignored);
  }
  if (err) {
    vitae_error_set(err, st, mine.file[0] ? mine.file : NULL, mine.line, mine.column,
                    "%s%s (the inferred graph is removed until the next load or drop)",
                    strncmp(mine.message, "inference: ", 11) ? "inference: " : "",
                    mine.message);
  }
  return st;
}

vitae_status vitae_infer_update(vitae_store *store, vitae_error *err) {
  return vitae_infer_update_stats(store, NULL, err);
}

void vitae_infer_stats_print(const vitae_infer_stats *stats, FILE *out) {
  fprintf(out,
          "inferred: %lu triple%s in <%s> (%lu written, %lu removed) from %lu of %lu "
          "asserted, %lu rules (read %.2f s, fixpoint %.2f s, write %.2f s)\n",
          stats->inferred, stats->inferred == 1 ? "" : "s", VITAE_INFERRED_GRAPH, stats->added,
          stats->removed, stats->used,
          stats->read, stats->rules, stats->read_seconds, stats->infer_seconds,
          stats->write_seconds);
}
