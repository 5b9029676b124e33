/* The query engine: rasqal 0.9.33 run directly (not through librdf_query),
 * over a triples source of our own that reads the librdf model.
 *
 * Why not librdf's own glue: rasqal 0.9.33 computes which triple pattern
 * "binds" a variable with a scope walk that gives every member of a group a
 * fresh copy of the outer scope (rasqal_query_union_build_variables_use_map_binds
 * is used for GROUP and OPTIONAL as well as UNION).  A variable that the
 * required part of a group binds is therefore marked as bound again in the
 * triple patterns of a sibling OPTIONAL (or GRAPH, or nested group).  At run
 * time that right-hand triple pattern re-binds the variable, and when its
 * match is exhausted rasqal_reset_triple_meta() sets the variable to NULL in
 * the variables table that all rowsources share.  The left triples rowsource
 * then builds its next row from that table with the variable unbound (when
 * only a deeper pattern advanced), the left join restarts the right side with
 * the variable as a wildcard, and "unbound is compatible with anything"
 * merges the wrong rows in.
 *
 * The fix here is in the triples match: a variable that already has a value
 * when a match starts, given by a match that is still running (a pattern of
 * an enclosing or earlier part), is a constant for that match.  It is used
 * as the lookup key (as before) but never re-bound, so never cleared: the
 * value stays owned by the pattern that bound it first.
 *
 * Values that no running match gave (BIND, VALUES, rasqal's copies of a
 * joined row into the variables table) are never cleared by rasqal and
 * outlive their scope: after the first branch of a UNION has run, a BIND
 * there leaves its variable set while the second branch runs.  Such a value
 * is a constant only where rasqal does not mark the pattern as binding the
 * variable (bound before it in scope); where rasqal does, the pattern binds
 * the variable afresh, as rasqal's own triples source does, and the joins
 * above it check the rows for compatibility with the value.
 *
 * Rows and lookups are otherwise exactly as librdf 1.0.17 makes them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "query/aligned.h"
#include "query/closure.h"
#include "query/internal.h"
#include "query/lex.h"
#include "query/snapshot.h"
#include "store/store.h"

/* ---- conversions ---- */

static rasqal_literal *node_to_literal(rasqal_world *rw, librdf_node *node) {
  if (!node) return NULL;
  if (librdf_node_is_resource(node)) {
    raptor_uri *uri = (raptor_uri *)librdf_new_uri_from_uri(librdf_node_get_uri(node));
    return uri ? rasqal_new_uri_literal(rw, uri) : NULL;
  }
  if (librdf_node_is_literal(node)) {
    size_t len;
    const unsigned char *v = librdf_node_get_literal_value_as_counted_string(node, &len);
    unsigned char *s = rasqal_alloc_memory(len + 1);
    if (!s) return NULL;
    memcpy(s, v, len);
    s[len] = '\0';
    char *lang = NULL;
    const char *l = librdf_node_get_literal_value_language(node);
    if (l && *l) {
      lang = rasqal_alloc_memory(strlen(l) + 1);
      if (!lang) {
        rasqal_free_memory(s);
        return NULL;
      }
      strcpy(lang, l);
    }
    raptor_uri *dt = NULL;
    librdf_uri *d = librdf_node_get_literal_value_datatype_uri(node);
    if (d) dt = (raptor_uri *)librdf_new_uri_from_uri(d);
    return rasqal_new_string_literal(rw, s, lang, dt, NULL);
  }
  const unsigned char *id = librdf_node_get_blank_identifier(node);
  if (!id) return NULL;
  unsigned char *b = rasqal_alloc_memory(strlen((const char *)id) + 1);
  if (!b) return NULL;
  strcpy((char *)b, (const char *)id);
  return rasqal_new_simple_literal(rw, RASQAL_LITERAL_BLANK, b);
}

librdf_node *vq_literal_to_node(librdf_world *world, rasqal_literal *l) {
  if (!l) return NULL;
  rasqal_literal_type type = l->type == RASQAL_LITERAL_INTEGER_SUBTYPE
                                 ? RASQAL_LITERAL_STRING
                                 : rasqal_literal_get_rdf_term_type(l);
  if (type == RASQAL_LITERAL_URI)
    return librdf_new_node_from_uri(world, (librdf_uri *)l->value.uri);
  if (type == RASQAL_LITERAL_BLANK)
    return librdf_new_node_from_blank_identifier(world, l->string);
  if (type == RASQAL_LITERAL_STRING) {
    const char *lang = l->language && *l->language ? l->language : NULL;
    if (lang && strlen(lang) > VQ_MAX_LANG_BYTES) return NULL;
    return librdf_new_node_from_typed_counted_literal(
        world, l->string, l->string_len, lang, lang ? strlen(lang) : 0,
        lang ? NULL : (librdf_uri *)l->datatype);
  }
  return NULL;
}

/* ---- the triples source ---- */

/* A variable bound by running matches, and by how many. */
typedef struct vq_owner {
  rasqal_variable *var;
  int n;
} vq_owner;

typedef struct vq_source {
  librdf_world *world;
  librdf_model *model;
  rasqal_world *rworld;
  int ngraphs; /* named graphs in the store */
  vitae_store *store;
  const vq_snapshot *snap; /* a small store's copy in memory (snapshot.h), or NULL */
  int snap_tried;          /* snap was asked for (it is made on first need) */
  vq_owner *owners; /* the variables the running matches bind */
  size_t nowners, capowners;
  /* A dataset given apart from the query (dataset.c), or NULL; then the
   * default graph is the merge of dflt[] and GRAPH reaches only its named
   * graphs. */
  const vitae_query_dataset *ds;
  librdf_node **dflt;
  size_t ndflt;
  vq_closures closures; /* the open closures (closure.h) */
  vq_aligned *aligned;  /* the copies left to queries (aligned.h) */
  librdf_node *inferred; /* the inferred graph's name */
  librdf_node *rdf_type;
} vq_source;

typedef struct vq_ts {
  vq_source *src;
} vq_ts;

typedef struct vq_match {
  vq_source *src;
  librdf_node *nodes[3];
  librdf_node *origin;
  librdf_statement *qstatement;
  librdf_stream *stream;
  int empty;  /* the pattern cannot match anything (a literal subject...) */
  int dedup;  /* over the union of several graphs */
  vq_seen seen;
  /* A dataset's default graph: matched in graphs[0], graphs[1]... in turn
   * (origin is the current one), each triple given once (seen). */
  librdf_node *const *graphs;
  size_t ngraphs, gi;
  rasqal_triple_meta *meta; /* whose bindings this match set */
  int snap;                 /* matched in src->snap: the quads left, and */
  vq_snapshot_range range;
  uint32_t want[4];         /* the ids they must have (VQ_NONE: any) */
  librdf_node *object;      /* librdf: the bound object a (s p ?) lookup must give */
  rasqal_variable *owned[4]; /* the variables this match binds, counted in src->owners */
  int closure;              /* the predicate is an open closure: matched in pairs */
  vq_pairs pairs;
  size_t pi;                /* the current pair */
  /* The copies inference left to queries (aligned.h): when set, the match
   * also looks up the terms below the pattern's predicate (or class) in
   * turn, each triple shown with the pattern's terms, and (expand) shows
   * each triple it finds as its copies too; a triple shown once is not
   * shown again. */
  int aligned;
  librdf_node *pat[3];      /* the pattern's terms (NULL: a variable), owned */
  librdf_node *const *alts; /* the terms below, borrowed from src->aligned */
  size_t nalts, ai;         /* ai: 0 the pattern itself, k: alts[k - 1] */
  int alt_pos;              /* where they go: 1 the predicate, 2 the class */
  int expand;
  int wide; /* expand over the inferred graph alone (1: GRAPH <...inferred>)
               or a dataset's default graph that includes it (2): every graph
               is read, for the copies of asserted triples, but only the
               triples of those graphs are shown as they are */
  librdf_node *const *extra; /* the copies of the current triple, borrowed */
  size_t nextra, ei;         /* ei: 0 the triple itself, k: extra[k - 1] */
  int extra_pos, extra_ready;
  vq_seen shown;
} vq_match;

/* The parts of a triple pattern, in the order of rasqal_triple_meta.bindings. */
static const rasqal_triple_parts part_of[4] = {RASQAL_TRIPLE_SUBJECT, RASQAL_TRIPLE_PREDICATE,
                                               RASQAL_TRIPLE_OBJECT, RASQAL_TRIPLE_ORIGIN};

/* ---- the variables that running matches bind ---- */

static vq_owner *owner_find(vq_source *src, rasqal_variable *var) {
  for (size_t i = 0; i < src->nowners; i++)
    if (src->owners[i].var == var) return &src->owners[i];
  return NULL;
}

/* Whether a running match has bound VAR (so its value is that match's). */
static int owned(vq_source *src, rasqal_variable *var) {
  vq_owner *o = owner_find(src, var);
  return o && o->n > 0;
}

static int owner_add(vq_source *src, rasqal_variable *var) {
  vq_owner *o = owner_find(src, var);
  if (o) {
    o->n++;
    return 0;
  }
  if (src->nowners == src->capowners) {
    size_t cap = src->capowners ? 2 * src->capowners : 16;
    vq_owner *grown = realloc(src->owners, cap * sizeof *grown);
    if (!grown) return -1;
    src->owners = grown;
    src->capowners = cap;
  }
  src->owners[src->nowners].var = var;
  src->owners[src->nowners].n = 1;
  src->nowners++;
  return 0;
}

static void owner_drop(vq_source *src, rasqal_variable *var) {
  vq_owner *o = owner_find(src, var);
  if (o && o->n > 0) o->n--;
}

static void hash_bytes(uint64_t h[2], const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) {
    h[0] = (h[0] ^ p[i]) * 0x100000001b3ULL;           /* FNV-1a */
    h[1] = (h[1] + p[i] + 1) * 0x9E3779B97F4A7C15ULL;  /* multiplicative */
    h[1] ^= h[1] >> 29;
  }
}

void vq_hash_node(uint64_t h[2], librdf_node *n) {
  char tag;
  if (librdf_node_is_resource(n)) {
    size_t len;
    const unsigned char *s = librdf_uri_as_counted_string(librdf_node_get_uri(n), &len);
    tag = 'U';
    hash_bytes(h, &tag, 1);
    hash_bytes(h, s, len);
  } else if (librdf_node_is_blank(n)) {
    const unsigned char *s = librdf_node_get_blank_identifier(n);
    tag = 'B';
    hash_bytes(h, &tag, 1);
    if (s) hash_bytes(h, s, strlen((const char *)s));
  } else {
    size_t len;
    const unsigned char *s = librdf_node_get_literal_value_as_counted_string(n, &len);
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    tag = 'L';
    hash_bytes(h, &tag, 1);
    hash_bytes(h, &len, sizeof len);
    if (s) hash_bytes(h, s, len);
    tag = '@';
    hash_bytes(h, &tag, 1);
    if (lang) hash_bytes(h, lang, strlen(lang) + 1);
    tag = '^';
    hash_bytes(h, &tag, 1);
    if (dt) {
      const unsigned char *d = librdf_uri_as_counted_string(dt, &len);
      hash_bytes(h, d, len);
    }
  }
  tag = '|';
  hash_bytes(h, &tag, 1);
}

/* Remember a triple; returns 1 when it was already there, -1 out of memory. */
static int seen_add_nodes(vq_seen *set, librdf_node *s, librdf_node *p, librdf_node *o) {
  uint64_t h[2] = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
  vq_hash_node(h, s);
  vq_hash_node(h, p);
  vq_hash_node(h, o);
  return vq_seen_add(set, h);
}

int vq_seen_add(vq_seen *set, const uint64_t hash[2]) {
  uint64_t h[2] = {hash[0], hash[1]};
  if (!h[0] && !h[1]) h[1] = 1;
  if (!set->keys) {
    for (size_t i = 0; i < set->nfew; i++)
      if (set->few[2 * i] == h[0] && set->few[2 * i + 1] == h[1]) return 1;
    if (set->nfew < VQ_SEEN_FEW) {
      set->few[2 * set->nfew] = h[0];
      set->few[2 * set->nfew + 1] = h[1];
      set->nfew++;
      return 0;
    }
  }
  if (2 * (set->n + 1) > set->cap) {
    size_t cap = set->cap ? 2 * set->cap : 64;
    uint64_t *keys = calloc(2 * cap, sizeof *keys);
    if (!keys) return -1;
    for (size_t i = 0; i < set->cap; i++) {
      uint64_t a = set->keys[2 * i], b = set->keys[2 * i + 1];
      if (!a && !b) continue;
      size_t j = (size_t)(a ^ b) & (cap - 1);
      while (keys[2 * j] || keys[2 * j + 1]) j = (j + 1) & (cap - 1);
      keys[2 * j] = a;
      keys[2 * j + 1] = b;
    }
    for (size_t i = 0; !set->keys && i < set->nfew; i++) { /* the first table takes the few */
      size_t j = (size_t)(set->few[2 * i] ^ set->few[2 * i + 1]) & (cap - 1);
      while (keys[2 * j] || keys[2 * j + 1]) j = (j + 1) & (cap - 1);
      keys[2 * j] = set->few[2 * i];
      keys[2 * j + 1] = set->few[2 * i + 1];
      set->n++;
    }
    free(set->keys);
    set->keys = keys;
    set->cap = cap;
  }
  size_t j = (size_t)(h[0] ^ h[1]) & (set->cap - 1);
  while (set->keys[2 * j] || set->keys[2 * j + 1]) {
    if (set->keys[2 * j] == h[0] && set->keys[2 * j + 1] == h[1]) return 1;
    j = (j + 1) & (set->cap - 1);
  }
  set->keys[2 * j] = h[0];
  set->keys[2 * j + 1] = h[1];
  set->n++;
  return 0;
}

static int seen_add(vq_seen *set, librdf_statement *st) {
  return seen_add_nodes(set, librdf_statement_get_subject(st), librdf_statement_get_predicate(st),
                        librdf_statement_get_object(st));
}

/* With a snapshot: move to the next quad that matches (from the current one). */
static void snap_skip(vq_match *mc) {
  const vq_snapshot *snap = mc->src->snap;
  for (; mc->range.pos < mc->range.end; mc->range.pos++) {
    if (!vq_snapshot_fits(snap, &mc->range, mc->want, mc->dedup)) continue;
    if (mc->ngraphs < 2) return;
    const uint32_t *q = vq_snapshot_quad(snap, &mc->range);
    if (seen_add_nodes(&mc->seen, vq_snapshot_term(snap, q[0]), vq_snapshot_term(snap, q[1]),
                       vq_snapshot_term(snap, q[2])) <= 0)
      return; /* new (or out of memory: give it rather than lose it) */
  }
}

/* Move past triples this match has already given. */
static void skip_seen(vq_match *mc) {
  if (mc->snap) {
    snap_skip(mc);
    return;
  }
  if (!mc->stream) return;
  while (!librdf_stream_end(mc->stream)) {
    librdf_statement *st = librdf_stream_get_object(mc->stream);
    /* a fully bound pattern is looked up as (s p ?): other objects are not it */
    int other = mc->object && st && !librdf_node_equals(librdf_statement_get_object(st), mc->object);
    if (!other && !mc->dedup && mc->ngraphs < 2) return;
    if (!other && (!st || seen_add(&mc->seen, st) <= 0))
      return; /* new (or out of memory: give it rather than lose it) */
    librdf_stream_next(mc->stream);
  }
}

/* The triple the match is at (and its graph, when want_ctx): 0 when none. */
static int current(const vq_match *mc, librdf_node *terms[3], librdf_node **ctx, int want_ctx) {
  const vq_snapshot *snap = mc->src->snap;
  *ctx = NULL;
  if (mc->empty) return 0;
  if (mc->closure) {
    if (mc->pi >= mc->pairs.n) return 0;
    terms[0] = mc->pairs.v[2 * mc->pi];
    terms[1] = mc->nodes[1];
    terms[2] = mc->pairs.v[2 * mc->pi + 1];
    *ctx = mc->origin;
  } else if (mc->snap) {
    const uint32_t *q = vq_snapshot_quad(snap, &mc->range);
    if (!q) return 0;
    for (int i = 0; i < 3; i++) terms[i] = vq_snapshot_term(snap, q[i]);
    *ctx = vq_snapshot_term(snap, q[3]);
  } else {
    if (!mc->stream) return 0;
    librdf_statement *st = librdf_stream_get_object(mc->stream);
    if (!st) return 0;
    terms[0] = librdf_statement_get_subject(st);
    terms[1] = librdf_statement_get_predicate(st);
    terms[2] = librdf_statement_get_object(st);
    if (want_ctx) *ctx = librdf_stream_get_context2(mc->stream);
  }
  return 1;
}

/* What the current triple shows as: under a term below the pattern's, the
 * pattern's own terms; as its k-th copy, the copy's term in its place. */
static void show(const vq_match *mc, librdf_node *terms[3]) {
  if (!mc->aligned) return;
  if (mc->ai) {
    for (int i = 0; i < 3; i++)
      if (mc->pat[i]) terms[i] = mc->pat[i];
  } else if (mc->ei) {
    terms[mc->extra_pos] = mc->extra[mc->ei - 1];
  }
}

static rasqal_triple_parts match_bind(rasqal_triples_match *rtm, void *user_data,
                                      rasqal_variable *bindings[4], rasqal_triple_parts parts) {
  vq_match *mc = rtm->user_data;
  librdf_node *terms[3], *ctx = NULL;
  if (!current(mc, terms, &ctx, bindings[3] && (parts & RASQAL_TRIPLE_ORIGIN)))
    return (rasqal_triple_parts)0;
  show(mc, terms);
  /* A variable repeated in the pattern (?x ?p ?x) must take equal values. */
  for (int i = 0; i < 4; i++) {
    if (!bindings[i] || !(parts & part_of[i])) continue;
    librdf_node *vi = i < 3 ? terms[i] : ctx;
    for (int j = 0; j < i; j++) {
      if (bindings[j] != bindings[i] || !(parts & part_of[j])) continue;
      librdf_node *vj = j < 3 ? terms[j] : ctx;
      if (!vi || !vj || !librdf_node_equals(vi, vj)) return (rasqal_triple_parts)0;
    }
  }
  for (int i = 0; i < 4; i++) {
    if (!bindings[i] || !(parts & part_of[i])) continue;
    int seen = 0;
    for (int j = 0; j < i; j++)
      if (bindings[j] == bindings[i] && (parts & part_of[j])) seen = 1;
    if (seen) continue;
    librdf_node *v = i < 3 ? terms[i] : ctx;
    rasqal_literal *l = v ? node_to_literal(mc->src->rworld, v) : NULL;
    if (v && !l) return (rasqal_triple_parts)0;
    rasqal_variable_set_value(bindings[i], l);
  }
  /* Non-zero means "matched", even when every variable was a constant. */
  return parts;
}

static int graph_done(const vq_match *mc) {
  if (mc->closure) return mc->empty || mc->pi >= mc->pairs.n;
  if (mc->snap) return mc->empty || mc->range.pos >= mc->range.end;
  return mc->empty || !mc->stream || librdf_stream_end(mc->stream);
}

static int match_start(vq_match *mc);

/* A dataset's default graph: on to the next of its graphs while the
 * current one has nothing (more). */
static void next_graph(vq_match *mc) {
  while (graph_done(mc) && !mc->empty && mc->gi + 1 < mc->ngraphs) {
    mc->gi++;
    librdf_free_node(mc->origin);
    if (!(mc->origin = librdf_new_node_from_node(mc->graphs[mc->gi])) || match_start(mc) != 0)
      mc->empty = 1; /* out of memory: no more (rasqal has no way to hear of it) */
  }
}

/* The next triple of the lookup. */
static void step_lookup(vq_match *mc) {
  if (mc->closure) {
    mc->pi++;
  } else if (mc->snap && !mc->empty) {
    mc->range.pos++;
    snap_skip(mc);
  } else if (mc->stream && !mc->empty) {
    librdf_stream_next(mc->stream);
    skip_seen(mc);
  }
  next_graph(mc);
}

/* ---- the copies left to queries (aligned.h) ---- */

/* Start looking up the next term below the pattern's, over the union of
 * every graph (the copies of the inferred graph come from all of them). */
static int alt_start(vq_match *mc) {
  if (mc->qstatement) librdf_free_statement(mc->qstatement); /* owns nodes[] */
  else
    for (int i = 0; i < 3; i++)
      if (mc->nodes[i]) librdf_free_node(mc->nodes[i]);
  mc->qstatement = NULL;
  memset(mc->nodes, 0, sizeof mc->nodes);
  if (mc->object) librdf_free_node(mc->object);
  if (mc->origin) librdf_free_node(mc->origin);
  mc->object = mc->origin = NULL;
  mc->graphs = NULL;
  mc->ngraphs = mc->gi = 0;
  mc->dedup = mc->src->ngraphs > 1;
  librdf_node *want[3] = {mc->pat[0], mc->pat[1], mc->pat[2]};
  want[mc->alt_pos] = mc->alts[mc->ai - 1];
  if (!want[1]) want[1] = mc->src->rdf_type; /* a class below: its instances */
  for (int i = 0; i < 3; i++)
    if (want[i] && !(mc->nodes[i] = librdf_new_node_from_node(want[i]))) return -1;
  if (mc->nodes[0] && mc->nodes[2] && !mc->snap) { /* looked up as (s p ?), see ts_init_match */
    mc->object = mc->nodes[2];
    mc->nodes[2] = NULL;
  }
  if (!mc->snap) {
    mc->qstatement = librdf_new_statement_from_nodes(mc->src->world, mc->nodes[0], mc->nodes[1],
                                                     mc->nodes[2]);
    if (!mc->qstatement) {
      memset(mc->nodes, 0, sizeof mc->nodes);
      return -1;
    }
  }
  return match_start(mc);
}

/* When the lookup is done, on to the next term below that has a triple:
 * 0 when none is left. */
static int next_alt(vq_match *mc) {
  while (graph_done(mc) && !mc->empty && mc->ai < mc->nalts) {
    mc->ai++;
    if (alt_start(mc) != 0) mc->empty = 1; /* out of memory: no more */
  }
  return !graph_done(mc);
}

/* The copies of the current triple (s P o): as (s Q o) for each Q above P,
 * or, for (s rdf:type C), as (s rdf:type D) for each D above C. */
static void load_extras(vq_match *mc, librdf_node *terms[3]) {
  mc->nextra = mc->ei = 0;
  mc->extra_ready = 1;
  if (!mc->expand || mc->ai) return;
  int type = librdf_node_equals(terms[1], mc->src->rdf_type);
  mc->extra_pos = type ? 2 : 1;
  if (vq_aligned_above(mc->src->aligned, terms[mc->extra_pos],
                       type ? VQ_ALIGNED_CLASS : VQ_ALIGNED_PROPERTY, &mc->extra, &mc->nextra) != 0)
    mc->empty = 1; /* out of memory */
}

/* Whether a shown triple may be shown again: a copy, or a triple whose
 * predicate (class) has terms below, whose copies may repeat it. */
static int may_repeat(vq_match *mc, librdf_node *terms[3]) {
  if (mc->nalts || mc->ai || mc->ei) return 1;
  int type = librdf_node_equals(terms[1], mc->src->rdf_type);
  librdf_node *const *below;
  size_t n = 0;
  vq_aligned_below(mc->src->aligned, terms[type ? 2 : 1],
                   type ? VQ_ALIGNED_CLASS : VQ_ALIGNED_PROPERTY, &below, &n);
  return n > 0;
}

static void step(vq_match *mc) {
  if (mc->extra_ready && mc->ei < mc->nextra) {
    mc->ei++;
    return;
  }
  mc->ei = mc->nextra = 0;
  mc->extra_ready = 0;
  step_lookup(mc);
}

/* From the current triple on, to the first one the pattern shows and has
 * not shown yet. */
static void settle(vq_match *mc) {
  if (!mc->aligned) return;
  while (!mc->empty) {
    if (graph_done(mc) && !next_alt(mc)) return;
    librdf_node *t[3], *ctx;
    if (!current(mc, t, &ctx, 0)) return;
    if (!mc->extra_ready) load_extras(mc, t);
    int ok = 1;
    if (mc->wide && !mc->ai && !mc->ei) {
      current(mc, t, &ctx, 1);
      ok = ctx && librdf_node_equals(ctx, mc->src->inferred);
      for (size_t i = 0; ctx && !ok && mc->wide == 2 && i < mc->src->ndflt; i++)
        ok = librdf_node_equals(ctx, mc->src->dflt[i]);
    }
    show(mc, t);
    for (int i = 0; i < 3 && ok; i++) ok = !mc->pat[i] || librdf_node_equals(t[i], mc->pat[i]);
    /* out of memory: give it rather than lose it */
    if (ok && (mc->wide || may_repeat(mc, t))) ok = seen_add_nodes(&mc->shown, t[0], t[1], t[2]) <= 0;
    if (ok) return;
    step(mc);
  }
}

/* Whether the pattern (predicate p, object o) sees the copies: then the
 * terms below, for the match to look up in turn, and whether it shows the
 * copies of the triples it finds (a variable predicate; rdf:type with a
 * variable class).  0, or -1 when out of memory. */
static int aligned_init(vq_match *mc) {
  vq_source *src = mc->src;
  librdf_node *p = mc->nodes[1], *o = mc->nodes[2];
  int type = p && librdf_node_equals(p, src->rdf_type), rc = 0;
  if (p && !type) {
    mc->alt_pos = 1;
    rc = vq_aligned_below(src->aligned, p, VQ_ALIGNED_PROPERTY, &mc->alts, &mc->nalts);
  } else if (o && librdf_node_is_resource(o)) {
    mc->alt_pos = 2;
    rc = vq_aligned_below(src->aligned, o, VQ_ALIGNED_CLASS, &mc->alts, &mc->nalts);
  }
  mc->expand = !p || (type && !o);
  if (rc) return -1;
  if (!mc->nalts && !mc->expand) return 0;
  mc->aligned = 1;
  /* the inferred graph alone (GRAPH <...inferred>, or a dataset's default
   * graph): its copies come from every graph */
  if (mc->expand && (mc->origin || src->ds)) {
    mc->wide = mc->origin ? 1 : 2;
    if (mc->origin) librdf_free_node(mc->origin);
    mc->origin = NULL;
  }
  for (int i = 0; i < 3; i++)
    if (mc->nodes[i] && !(mc->pat[i] = librdf_new_node_from_node(mc->nodes[i]))) return -1;
  return 0;
}

static void match_next(rasqal_triples_match *rtm, void *user_data) {
  vq_match *mc = rtm->user_data;
  /* past the time limit every match ends, so rasqal winds down at once */
  if (vq_deadline_passed()) mc->empty = 1;
  if (!mc->aligned) {
    step_lookup(mc);
    return;
  }
  step(mc);
  settle(mc);
}

static int match_is_end(rasqal_triples_match *rtm, void *user_data) {
  return graph_done(rtm->user_data);
}

static void match_finish(rasqal_triples_match *rtm, void *user_data) {
  vq_match *mc = rtm->user_data;
  if (!mc) return;
  for (int i = 0; i < 4; i++)
    if (mc->owned[i]) owner_drop(mc->src, mc->owned[i]);
  /* rasqal_reset_triple_meta() unbinds the variables in m->bindings after
   * freeing the match, and leaves m->bindings set: the next reset of the
   * pattern (when the loop around it restarts, before a new match exists)
   * unbinds them again, although by then another pattern may have bound
   * them (rasqal 0.9.33: an OPTIONAL after an OPTIONAL gave rows with
   * values from elsewhere).  So the match unbinds what it bound here, once,
   * and clears m->bindings. */
  if (mc->meta) {
    for (int i = 0; i < 4; i++) {
      if (mc->meta->bindings[i] && (mc->meta->parts & part_of[i]))
        rasqal_variable_set_value(mc->meta->bindings[i], NULL);
      mc->meta->bindings[i] = NULL;
    }
  }
  if (mc->stream) librdf_free_stream(mc->stream);
  if (mc->qstatement) librdf_free_statement(mc->qstatement); /* owns nodes[] */
  else
    for (int i = 0; i < 3; i++)
      if (mc->nodes[i]) librdf_free_node(mc->nodes[i]);
  if (mc->origin) librdf_free_node(mc->origin);
  if (mc->object) librdf_free_node(mc->object);
  vq_pairs_free(&mc->pairs);
  free(mc->seen.keys);
  for (int i = 0; i < 3; i++)
    if (mc->pat[i]) librdf_free_node(mc->pat[i]);
  free(mc->shown.keys);
  free(mc);
  rtm->user_data = NULL;
}

/* One part of a pattern: a constant node, or a variable that is either
 * already bound (a constant here, and never re-bound or cleared by this
 * match) or free (bound by this match).  A variable with a value is bound
 * already when a running match gave that value, or when rasqal does not
 * mark this part as binding it (BIND, VALUES or a pattern before it in
 * scope did); a value from elsewhere is left over from a part of the query
 * that has finished (a BIND in an earlier UNION branch), and the variable
 * is free. */
static int pattern_part(vq_match *mc, rasqal_literal *part, rasqal_triple_parts which,
                        librdf_node **node, rasqal_variable **binding) {
  rasqal_variable *var = rasqal_literal_as_variable(part);
  *node = NULL;
  *binding = NULL;
  if (!var) {
    if (!(*node = vq_literal_to_node(mc->src->world, part))) return -1;
    return 0;
  }
  if (var->value && (!(mc->meta->parts & which) || owned(mc->src, var))) {
    if (!(*node = vq_literal_to_node(mc->src->world, var->value))) return -1;
    return 0;
  }
  *binding = var;
  return 0;
}

/* With a snapshot: the ids the pattern wants, the range of quads to try. */
static int snap_init(vq_match *mc) {
  const vq_snapshot *snap = mc->src->snap;
  mc->snap = 1;
  int missing = 0;
  for (int i = 0; i < 4; i++) {
    librdf_node *n = i < 3 ? mc->nodes[i] : mc->origin;
    mc->want[i] = n ? vq_snapshot_id(snap, n) : VQ_NONE;
    if (n && mc->want[i] == VQ_NONE) missing = 1; /* a term the store does not hold */
  }
  if (missing) {
    mc->range.start = mc->range.pos = mc->range.end = 0; /* nothing in this graph */
  } else {
    vq_snapshot_find(snap, mc->want, &mc->range);
    snap_skip(mc);
  }
  return 0;
}

/* Start matching in the current graph (mc->origin; NULL: the union of all
 * graphs), in the snapshot or through librdf. */
static int match_start(vq_match *mc) {
  if (mc->snap) return snap_init(mc);
  if (mc->stream) librdf_free_stream(mc->stream);
  mc->stream = mc->origin ? librdf_model_find_statements_in_context(mc->src->model, mc->qstatement,
                                                                    mc->origin)
                          : librdf_model_find_statements(mc->src->model, mc->qstatement);
  if (!mc->stream) return 1;
  skip_seen(mc);
  return 0;
}

/* Whether graph g is one of the dataset's named graphs. */
static int is_named_graph(const vq_source *src, librdf_node *g) {
  const vitae_query_dataset *ds = src->ds;
  return librdf_node_is_resource(g) &&
         vq_dataset_has(ds->named_graphs, ds->nnamed,
                        (const char *)librdf_uri_as_string(librdf_node_get_uri(g)));
}

/* Whether a pattern in graph g (NULL: the default graph) sees what
 * inference left to queries: the graph is (or includes) the inferred one,
 * which held it when inference stored it. */
static int sees_inferred(const vq_source *src, librdf_node *g) {
  const vitae_query_dataset *ds = src->ds;
  if (g) return librdf_node_equals(g, src->inferred) && (!ds || is_named_graph(src, g));
  return !ds || vq_dataset_has(ds->default_graphs, ds->ndefault, VITAE_INFERRED_GRAPH);
}

/* Whether a pattern with predicate pred in graph g is matched against
 * pred's closure: pred is an open closure the graph sees. */
static int follows_closure(const vq_source *src, librdf_node *pred, librdf_node *g) {
  return pred && vq_closures_has(&src->closures, pred) && sees_inferred(src, g);
}

static int ts_init_match(rasqal_triples_match *rtm, rasqal_triples_source *rts, void *user_data,
                         rasqal_triple_meta *m, rasqal_triple *t) {
  vq_ts *ts = user_data;
  vq_match *mc = calloc(1, sizeof *mc);
  if (!mc) return 1;
  mc->src = ts->src;
  mc->meta = m;
  mc->empty = vq_deadline_passed();
  rtm->user_data = mc;
  rtm->bind_match = match_bind;
  rtm->next_match = match_next;
  rtm->is_end = match_is_end;
  rtm->finish = match_finish;

  rasqal_literal *parts[3] = {t->subject, t->predicate, t->object};
  for (int i = 0; i < 3; i++)
    if (pattern_part(mc, parts[i], part_of[i], &mc->nodes[i], &m->bindings[i]) != 0) return 1;
  m->bindings[3] = NULL;
  if (t->origin && pattern_part(mc, t->origin, part_of[3], &mc->origin, &m->bindings[3]) != 0)
    return 1;
  /* What this match binds is its own until it finishes (match_finish). */
  for (int i = 0; i < 4; i++) {
    if (!m->bindings[i] || !(m->parts & part_of[i])) continue;
    if (owner_add(mc->src, m->bindings[i]) != 0) return 1;
    mc->owned[i] = m->bindings[i];
  }

  /* Terms that cannot stand where they are match nothing. */
  if (mc->empty || (mc->nodes[0] && librdf_node_is_literal(mc->nodes[0])) ||
      (mc->nodes[1] && !librdf_node_is_resource(mc->nodes[1])) ||
      (mc->origin && !librdf_node_is_resource(mc->origin))) {
    mc->empty = 1;
    return 0;
  }
  if (!m->bindings[3] && follows_closure(mc->src, mc->nodes[1], mc->origin)) {
    mc->closure = 1;
    return vq_closure_pairs(mc->src->world, mc->src->model, mc->nodes[1], mc->nodes[0],
                            mc->nodes[2], &mc->pairs) != 0;
  }
  if (!m->bindings[3] && sees_inferred(mc->src, mc->origin) && aligned_init(mc) != 0) return 1;
  if (mc->src->ds && !mc->wide) {
    if (mc->origin && !is_named_graph(mc->src, mc->origin)) mc->empty = 1;
    if (!mc->origin) {
      mc->graphs = mc->src->dflt;
      mc->ngraphs = mc->src->ndflt;
      if (!mc->ngraphs) mc->empty = 1;
      else if (!(mc->origin = librdf_new_node_from_node(mc->graphs[0]))) return 1;
    }
    if (mc->empty) return 0;
  }
  mc->dedup = !mc->origin && mc->src->ngraphs > 1;
  /* librdf's hashes storage looks up (s p ?), (? p o) and (s ? o) in an
   * index and scans the whole store for any other shape; a fully bound
   * pattern is looked up as (s p ?) and filtered; the other shapes are
   * matched in the in-memory copy of a small store (snapshot.h). */
  int bound = (mc->nodes[0] != NULL) + (mc->nodes[1] != NULL) + (mc->nodes[2] != NULL);
  if (bound == 3) {
    mc->object = mc->nodes[2];
    mc->nodes[2] = NULL;
  } else if (bound != 2 && (mc->src->snap || !mc->src->snap_tried)) {
    if (!mc->src->snap_tried) mc->src->snap = vq_snapshot_of(mc->src->store);
    mc->src->snap_tried = 1;
    mc->snap = mc->src->snap != NULL;
  }
  if (!mc->snap) {
    mc->qstatement = librdf_new_statement_from_nodes(mc->src->world, mc->nodes[0], mc->nodes[1],
                                                     mc->nodes[2]);
    if (!mc->qstatement) {
      /* librdf_new_statement_from_nodes frees the nodes on failure */
      mc->nodes[0] = mc->nodes[1] = mc->nodes[2] = NULL;
      return 1;
    }
  }
  if (match_start(mc) != 0) return 1;
  next_graph(mc);
  settle(mc);
  return 0;
}

/* Whether graph g (NULL: any) holds the triple st. */
static int present_in(vq_source *src, librdf_statement *st, librdf_node *g) {
  if (!src->snap_tried) src->snap = vq_snapshot_of(src->store);
  src->snap_tried = 1;
  const vq_snapshot *snap = src->snap;
  if (snap) {
    librdf_node *n[4] = {librdf_statement_get_subject(st), librdf_statement_get_predicate(st),
                         librdf_statement_get_object(st), g};
    uint32_t want[4];
    for (int i = 0; i < 4; i++) {
      want[i] = n[i] ? vq_snapshot_id(snap, n[i]) : VQ_NONE;
      if (n[i] && want[i] == VQ_NONE) return 0;
    }
    vq_snapshot_range r;
    vq_snapshot_find(snap, want, &r);
    while (r.pos < r.end && !vq_snapshot_fits(snap, &r, want, 0)) r.pos++;
    return r.pos < r.end;
  }
  /* find, not contains: librdf's contains_statement misses triples held
   * only in named graphs */
  librdf_stream *found = g ? librdf_model_find_statements_in_context(src->model, st, g)
                           : librdf_model_find_statements(src->model, st);
  int rc = found && !librdf_stream_end(found);
  if (found) librdf_free_stream(found);
  return rc;
}

/* Whether (s p o) is a copy left to queries: (s P o) for a P below p, or
 * (s rdf:type C) for a C below o, in any graph. */
static int copy_present(vq_source *src, librdf_node *s, librdf_node *p, librdf_node *o) {
  int type = librdf_node_equals(p, src->rdf_type);
  librdf_node *const *below;
  size_t n = 0;
  vq_aligned_below(src->aligned, type ? o : p, type ? VQ_ALIGNED_CLASS : VQ_ALIGNED_PROPERTY,
                   &below, &n);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    librdf_statement *q = librdf_new_statement_from_nodes(
        src->world, librdf_new_node_from_node(s),
        librdf_new_node_from_node(type ? p : below[i]),
        librdf_new_node_from_node(type ? below[i] : o));
    if (!q) break;
    rc = present_in(src, q, NULL);
    librdf_free_statement(q);
  }
  return rc;
}

static int ts_triple_present(rasqal_triples_source *rts, void *user_data, rasqal_triple *t) {
  vq_ts *ts = user_data;
  librdf_world *w = ts->src->world;
  librdf_node *s = vq_literal_to_node(w, t->subject), *p = vq_literal_to_node(w, t->predicate),
              *o = vq_literal_to_node(w, t->object);
  if (!s || !p || !o || librdf_node_is_literal(s) || !librdf_node_is_resource(p)) {
    if (s) librdf_free_node(s);
    if (p) librdf_free_node(p);
    if (o) librdf_free_node(o);
    return 0;
  }
  librdf_statement *st = librdf_new_statement_from_nodes(w, s, p, o);
  if (!st) return 0;
  /* Inside GRAPH, in that graph only (the origin is an IRI or a variable
   * bound to one). */
  librdf_node *g = NULL;
  if (t->origin) {
    rasqal_variable *v = rasqal_literal_as_variable(t->origin);
    rasqal_literal *gl = v ? v->value : t->origin;
    if (!gl || !(g = vq_literal_to_node(w, gl)) || !librdf_node_is_resource(g)) {
      if (g) librdf_free_node(g);
      librdf_free_statement(st);
      return 0;
    }
  }
  int rc = 0;
  vq_pairs found;
  if (follows_closure(ts->src, p, g)) {
    rc = vq_closure_pairs(w, ts->src->model, p, s, o, &found) == 0 && found.n > 0;
    vq_pairs_free(&found);
  } else if (!ts->src->ds) rc = present_in(ts->src, st, g);
  else if (g) rc = is_named_graph(ts->src, g) && present_in(ts->src, st, g);
  else
    for (size_t i = 0; i < ts->src->ndflt && !rc; i++) rc = present_in(ts->src, st, ts->src->dflt[i]);
  if (!rc && sees_inferred(ts->src, g)) rc = copy_present(ts->src, s, p, o);
  if (g) librdf_free_node(g);
  librdf_free_statement(st);
  return rc;
}

static void ts_free(void *user_data) {}

/* Adds the named graph U to the query's dataset unless it is there already. */
static int add_named_graph(vq_source *src, rasqal_query *query, raptor_uri *u) {
  raptor_sequence *have = rasqal_query_get_data_graph_sequence(query);
  for (int i = 0; have && i < raptor_sequence_size(have); i++) {
    rasqal_data_graph *dg = raptor_sequence_get_at(have, i);
    if (dg && dg->name_uri && raptor_uri_equals(dg->name_uri, u)) return 0;
  }
  rasqal_data_graph *dg =
      rasqal_new_data_graph_from_uri(src->rworld, u, u, RASQAL_DATA_GRAPH_NAMED, NULL, NULL, NULL);
  return (!dg || rasqal_query_add_data_graph(query, dg) != 0) ? 1 : 0;
}

/* GRAPH <iri> names a graph of the dataset even when the store has no such
 * graph (or it is the inferred one, which GRAPH ?g leaves out): rasqal
 * 0.9.33 gives one empty row for a GRAPH <iri> outside the dataset. */
static int add_graphs_named_in(vq_source *src, rasqal_query *query, rasqal_graph_pattern *gp) {
  if (!gp) return 0;
  if (rasqal_graph_pattern_get_operator(gp) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH) {
    rasqal_literal *o = rasqal_graph_pattern_get_origin(gp);
    if (o && o->type == RASQAL_LITERAL_URI && add_named_graph(src, query, o->value.uri) != 0) return 1;
  }
  for (int i = 0;; i++) {
    rasqal_graph_pattern *sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i);
    if (!sub) break;
    if (add_graphs_named_in(src, query, sub) != 0) return 1;
  }
  return 0;
}

static int ts_new(rasqal_query *query, void *factory_user_data, void *user_data,
                  rasqal_triples_source *rts) {
  vq_ts *ts = user_data;
  ts->src = factory_user_data;
  /* The named graphs, so that GRAPH ?g can enumerate them (as librdf does). */
  raptor_sequence *have = rasqal_query_get_data_graph_sequence(query);
  const vitae_query_dataset *ds = ts->src->ds;
  if (ds) { /* GRAPH ?g ranges over the dataset's named graphs */
    for (size_t i = 0; i < ds->nnamed; i++) {
      raptor_uri *u = raptor_new_uri(librdf_world_get_raptor(ts->src->world),
                                     (const unsigned char *)ds->named_graphs[i]);
      int bad = !u || add_named_graph(ts->src, query, u) != 0;
      if (u) raptor_free_uri(u);
      if (bad) return 1;
    }
    if (add_graphs_named_in(ts->src, query, rasqal_query_get_query_graph_pattern(query)) != 0) return 1;
  } else if ((!have || raptor_sequence_size(have) == 0) &&
             librdf_model_supports_contexts(ts->src->model)) {
    librdf_iterator *it = librdf_model_get_contexts(ts->src->model);
    for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
      librdf_node *n = librdf_iterator_get_object(it);
      if (!n || !librdf_node_is_resource(n)) continue;
      raptor_uri *u = (raptor_uri *)librdf_node_get_uri(n);
      /* GRAPH ?g ranges over the asserted graphs: the inferred one is
       * reached by its name, or through the default graph */
      ts->src->ngraphs++; /* all of them: the default graph's union dedups over these */
      if (strcmp((const char *)raptor_uri_as_string(u), VITAE_INFERRED_GRAPH) == 0) continue;
      if (add_named_graph(ts->src, query, u) != 0) {
        librdf_free_iterator(it);
        return 1;
      }
    }
    if (it) librdf_free_iterator(it);
    if (add_graphs_named_in(ts->src, query, rasqal_query_get_query_graph_pattern(query)) != 0) return 1;
  }
  rts->version = 1;
  rts->init_triples_match = ts_init_match;
  rts->triple_present = ts_triple_present;
  rts->free_triples_source = ts_free;
  return 0;
}

static int ts_register(rasqal_triples_source_factory *f) {
  f->version = 1;
  f->user_data_size = sizeof(vq_ts);
  f->new_triples_source = ts_new;
  return 0;
}

/* ---- running ---- */

typedef struct vq_log {
  vitae_error *err;
  int errors;
} vq_log;

static void log_handler(void *user_data, raptor_log_message *m) {
  vq_log *log = user_data;
  if (m->level < RAPTOR_LOG_LEVEL_ERROR) return;
  log->errors++;
  long line = 0, col = 0;
  if (m->locator) {
    line = m->locator->line > 0 ? m->locator->line : 0;
    col = m->locator->column > 0 ? m->locator->column : 0;
  }
  vitae_error_set(log->err, VITAE_ERR_QUERY, "query", line, col, "%s",
                  m->text ? m->text : "query error");
}

/* After a run: raptor's messages go to librdf's logger again (the store's
 * handler), as before the run.  rasqal_world_set_log_handler sets the
 * handler of the raptor world, which the store shares and keeps; left in
 * place, it would point at the finished run's log record on the stack,
 * and the next raptor message of this store handle (an RDF/XML writer's
 * error in a later request of vitae serve) would write through it. */
static void log_to_librdf(void *user_data, raptor_log_message *m) {
  static const librdf_log_level levels[] = {LIBRDF_LOG_NONE,  LIBRDF_LOG_DEBUG, LIBRDF_LOG_DEBUG,
                                            LIBRDF_LOG_INFO,  LIBRDF_LOG_WARN,  LIBRDF_LOG_ERROR,
                                            LIBRDF_LOG_FATAL};
  unsigned level = (unsigned)m->level;
  librdf_log_simple(user_data, m->code,
                    levels[level < sizeof levels / sizeof levels[0] ? level : 5],
                    LIBRDF_FROM_RAPTOR, m->locator, m->text ? m->text : "");
}

void vq_run_info_free(vq_run_info *info) {
  if (!info || !info->projection) return;
  for (char **p = info->projection; *p; p++) free(*p);
  free(info->projection);
  info->projection = NULL;
}

static vitae_status read_bindings(librdf_world *w, rasqal_query_results *res, vitae_result *r) {
  int n = rasqal_query_results_get_bindings_count(res);
  size_t nc = n > 0 ? (size_t)n : 0;
  const char **names = calloc(nc + 1, sizeof *names);
  if (!names) return VITAE_ERR_NOMEM;
  for (size_t i = 0; i < nc; i++) {
    const unsigned char *name = rasqal_query_results_get_binding_name(res, (int)i);
    names[i] = name ? (const char *)name : "";
  }
  vitae_status st = vq_result_set_columns(r, nc, names);
  free(names);
  if (st != VITAE_OK) return st;
  for (; !rasqal_query_results_finished(res); rasqal_query_results_next(res)) {
    if (vq_deadline_passed()) return VITAE_ERR_TIMEOUT;
    librdf_node **row = calloc(nc + 1, sizeof *row);
    if (!row) return VITAE_ERR_NOMEM;
    for (size_t i = 0; i < nc; i++) {
      rasqal_literal *l = rasqal_query_results_get_binding_value(res, (int)i);
      if (l && !(row[i] = vq_literal_to_node(w, l))) {
        for (size_t k = 0; k < i; k++)
          if (row[k]) librdf_free_node(row[k]);
        free(row);
        return VITAE_ERR_QUERY;
      }
    }
    st = vq_result_add_row(r, row);
    free(row);
    if (st != VITAE_OK) return st;
  }
  return VITAE_OK;
}

static vitae_status read_graph(rasqal_query_results *res, vitae_result *r) {
  for (;;) {
    if (vq_deadline_passed()) return VITAE_ERR_TIMEOUT;
    raptor_statement *s = rasqal_query_results_get_triple(res);
    if (!s) break;
    raptor_statement *copy = raptor_statement_copy(s);
    if (!copy) return VITAE_ERR_NOMEM;
    if (copy->graph) {
      raptor_free_term(copy->graph);
      copy->graph = NULL;
    }
    vitae_status st = vq_result_add_statement(r, copy);
    if (st != VITAE_OK) return st;
    if (rasqal_query_results_next_triple(res)) break;
  }
  return VITAE_OK;
}

static char **projection_names(rasqal_query *q) {
  raptor_sequence *seq = rasqal_query_get_bound_variable_sequence(q);
  int n = seq ? raptor_sequence_size(seq) : 0;
  char **out = calloc((size_t)(n > 0 ? n : 0) + 1, sizeof *out);
  if (!out) return NULL;
  for (int i = 0; i < n; i++) {
    rasqal_variable *v = raptor_sequence_get_at(seq, i);
    if (!(out[i] = strdup(v && v->name ? (const char *)v->name : ""))) {
      for (int k = 0; k < i; k++) free(out[k]);
      free(out);
      return NULL;
    }
  }
  return out;
}

vitae_status vq_engine_run(vitae_store *store, const char *text, int prepare_only,
                           vitae_result **out, vq_run_info *info, vitae_error *err) {
  *out = NULL;
  if (info) info->projection = NULL;
  librdf_world *w = vitae_store_world(store);
  vq_source src = {w, vitae_store_model(store), NULL, 0, store, NULL, 0, NULL, 0, 0,
                   vq_dataset(), NULL, 0, {NULL, 0}, NULL, NULL, NULL};
  vitae_error local;
  vitae_error_clear(&local);
  vq_log log = {&local, 0};
  rasqal_world *rw = rasqal_new_world();
  if (!rw) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  rasqal_world_set_raptor(rw, librdf_world_get_raptor(w));
  rasqal_world_set_log_handler(rw, &log, log_handler);
  src.rworld = rw;
  rasqal_query *q = NULL;
  rasqal_query_results *res = NULL;
  vitae_result *r = NULL;
  vitae_status st = VITAE_OK;
  if (src.ds && src.ds->ndefault) {
    if (!(src.dflt = calloc(src.ds->ndefault, sizeof *src.dflt))) {
      st = VITAE_ERR_NOMEM;
      goto done;
    }
    for (size_t i = 0; i < src.ds->ndefault; i++) {
      if (vq_dataset_has(src.ds->default_graphs, i, src.ds->default_graphs[i])) continue;
      if (!(src.dflt[src.ndflt] = librdf_new_node_from_uri_string(
                w, (const unsigned char *)src.ds->default_graphs[i]))) {
        st = VITAE_ERR_NOMEM;
        goto done;
      }
      src.ndflt++;
    }
  }
  if (!(src.inferred = librdf_new_node_from_uri_string(w, (const unsigned char *)VITAE_INFERRED_GRAPH)) ||
      !(src.rdf_type = librdf_new_node_from_uri_string(w, (const unsigned char *)RDF_NS "type")) ||
      !(src.aligned = vq_aligned_new(w, src.model, src.inferred)) ||
      vq_closures_find(w, src.model, &src.closures) != 0) {
    st = VITAE_ERR_NOMEM;
    goto done;
  }
  if (rasqal_world_open(rw) != 0 || rasqal_set_triples_source_factory(rw, ts_register, &src) != 0) {
    st = vitae_error_set(err, VITAE_ERR_QUERY, NULL, 0, 0, "cannot start the SPARQL engine");
    goto done;
  }
  q = rasqal_new_query(rw, "sparql11", NULL);
  if (!q) q = rasqal_new_query(rw, "sparql", NULL);
  if (!q) {
    st = vitae_error_set(err, VITAE_ERR_QUERY, NULL, 0, 0, "cannot start the SPARQL engine");
    goto done;
  }
  if (rasqal_query_prepare(q, (const unsigned char *)text, NULL) != 0 || log.errors) {
    st = VITAE_ERR_QUERY;
    if (local.status == VITAE_OK)
      vitae_error_set(&local, VITAE_ERR_QUERY, "query", 0, 0, "the query could not be parsed");
    goto done;
  }
  if (info && rasqal_query_get_verb(q) == RASQAL_QUERY_VERB_SELECT &&
      !(info->projection = projection_names(q))) {
    st = VITAE_ERR_NOMEM;
    goto done;
  }
  if (prepare_only) goto done;
  res = rasqal_query_execute(q);
  if (!res || log.errors) {
    st = VITAE_ERR_QUERY;
    if (local.status == VITAE_OK)
      vitae_error_set(&local, VITAE_ERR_QUERY, "query", 0, 0, "the query could not be executed");
    goto done;
  }
  if (rasqal_query_results_is_bindings(res)) {
    if (!(r = vq_result_new(VITAE_RESULT_BINDINGS))) st = VITAE_ERR_NOMEM;
    else st = read_bindings(w, res, r);
  } else if (rasqal_query_results_is_boolean(res)) {
    if (!(r = vq_result_new(VITAE_RESULT_BOOLEAN))) st = VITAE_ERR_NOMEM;
    else r->boolean = rasqal_query_results_get_boolean(res) > 0;
  } else if (rasqal_query_results_is_graph(res)) {
    if (!(r = vq_result_new(VITAE_RESULT_GRAPH))) st = VITAE_ERR_NOMEM;
    else st = read_graph(res, r);
  } else {
    st = VITAE_ERR_QUERY;
  }
  if (st == VITAE_OK && log.errors) st = VITAE_ERR_QUERY;
  if (st == VITAE_OK && vq_deadline_passed()) st = VITAE_ERR_TIMEOUT;
  if (st == VITAE_ERR_QUERY && local.status == VITAE_OK)
    vitae_error_set(&local, VITAE_ERR_QUERY, "query", 0, 0, "the query could not be executed");
done:
  if (res) rasqal_free_query_results(res);
  if (q) rasqal_free_query(q);
  rasqal_free_world(rw);
  raptor_world_set_log_handler(librdf_world_get_raptor(w), w, log_to_librdf);
  free(src.owners);
  vq_closures_free(&src.closures);
  vq_aligned_free(src.aligned);
  if (src.rdf_type) librdf_free_node(src.rdf_type);
  if (src.inferred) librdf_free_node(src.inferred);
  for (size_t i = 0; i < src.ndflt; i++) librdf_free_node(src.dflt[i]);
  free(src.dflt);
  if (st != VITAE_OK) {
    vitae_result_free(r);
    r = NULL;
    if (info) vq_run_info_free(info);
    if (st == VITAE_ERR_NOMEM) vitae_error_set(err, st, NULL, 0, 0, "out of memory");
    else if (st == VITAE_ERR_TIMEOUT || vq_deadline_passed())
      st = vitae_error_set(err, VITAE_ERR_TIMEOUT, NULL, 0, 0, "the query ran past its time limit");
    else if (local.status != VITAE_OK)
      vitae_error_set(err, local.status, local.file, local.line, local.column, "%s", local.message);
  }
  *out = r;
  return st;
}
