/* See closure.h.  A walk from a bound end looks up one edge list per node
 * it reaches ((s p ?) or (? p o): indexed in the hashes storage); the
 * pairs of the whole closure read the property's edges once and walk them
 * in memory, from each subject. */
#include "query/closure.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "query/internal.h"

void vq_pairs_free(vq_pairs *p) {
  for (size_t i = 0; i < 2 * p->n; i++) librdf_free_node(p->v[i]);
  free(p->v);
  memset(p, 0, sizeof *p);
}

/* Append (x, y), copies of both; -1 when out of memory. */
static int pairs_add(vq_pairs *p, librdf_node *x, librdf_node *y) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 16;
    librdf_node **more = realloc(p->v, 2 * cap * sizeof *more);
    if (!more) return -1;
    p->v = more;
    p->cap = cap;
  }
  librdf_node *a = librdf_new_node_from_node(x), *b = librdf_new_node_from_node(y);
  if (!a || !b) {
    if (a) librdf_free_node(a);
    if (b) librdf_free_node(b);
    return -1;
  }
  p->v[2 * p->n] = a;
  p->v[2 * p->n + 1] = b;
  p->n++;
  return 0;
}

static void node_hash(librdf_node *n, uint64_t h[2]) {
  h[0] = 0xcbf29ce484222325ULL;
  h[1] = 0x84222325cbf29ce4ULL;
  vq_hash_node(h, n);
}

void vq_closures_free(vq_closures *c) {
  for (size_t i = 0; i < c->n; i++) librdf_free_node(c->props[i]);
  free(c->props);
  c->props = NULL;
  c->n = 0;
}

int vq_closures_find(librdf_world *world, librdf_model *model, vq_closures *out) {
  memset(out, 0, sizeof *out);
  librdf_node *type = librdf_new_node_from_uri_string(world, (const unsigned char *)RDF_NS "type");
  librdf_node *tp =
      librdf_new_node_from_uri_string(world, (const unsigned char *)OWL_NS "TransitiveProperty");
  librdf_statement *q = type && tp ? librdf_new_statement_from_nodes(world, NULL, type, tp) : NULL;
  if (!q) {
    if (type) librdf_free_node(type);
    if (tp) librdf_free_node(tp);
    return -1;
  }
  librdf_stream *st = librdf_model_find_statements(model, q);
  int rc = 0;
  for (; st && !librdf_stream_end(st) && !rc; librdf_stream_next(st)) {
    librdf_node *p = librdf_statement_get_subject(librdf_stream_get_object(st));
    if (!p || !librdf_node_is_resource(p) || vq_closures_has(out, p)) continue;
    librdf_node **more = realloc(out->props, (out->n + 1) * sizeof *more);
    if (!more) {
      rc = -1;
      break;
    }
    out->props = more;
    if (!(out->props[out->n] = librdf_new_node_from_node(p))) rc = -1;
    else out->n++;
  }
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
  if (rc) vq_closures_free(out);
  return rc;
}

int vq_closures_has(const vq_closures *c, librdf_node *pred) {
  for (size_t i = 0; i < c->n; i++)
    if (librdf_node_equals(c->props[i], pred)) return 1;
  return 0;
}

/* The edges of pred that leave u (forward) or enter it; NULL on failure. */
static librdf_stream *edges(librdf_world *world, librdf_model *model, librdf_node *pred,
                            librdf_node *u, int forward) {
  librdf_node *a = librdf_new_node_from_node(u), *p = librdf_new_node_from_node(pred);
  librdf_statement *q =
      a && p ? librdf_new_statement_from_nodes(world, forward ? a : NULL, p, forward ? NULL : a)
             : NULL;
  if (!q) { /* librdf_new_statement_from_nodes frees the nodes on failure */
    if (a && !p) librdf_free_node(a);
    if (p && !a) librdf_free_node(p);
    return NULL;
  }
  librdf_stream *st = librdf_model_find_statements(model, q);
  librdf_free_statement(q);
  return st;
}

/* Walk pred's edges from start (forwards, or backwards when !forward),
 * adding (start, v) (or (v, start)) for each node v reached, or only for
 * v = want when it is given (then the walk ends there). */
static int walk(librdf_world *world, librdf_model *model, librdf_node *pred, librdf_node *start,
                int forward, librdf_node *want, vq_pairs *out) {
  vq_seen seen;
  memset(&seen, 0, sizeof seen);
  librdf_node **queue = malloc(16 * sizeof *queue);
  size_t nq = 0, cq = 16, head = 0;
  int rc = queue ? 0 : -1, done = 0;
  if (!rc && !(queue[nq++] = librdf_new_node_from_node(start))) rc = -1;
  while (!rc && !done && head < nq && !vq_deadline_passed()) {
    librdf_node *u = queue[head++];
    if (forward && librdf_node_is_literal(u)) continue; /* no edge leaves a literal */
    librdf_stream *st = edges(world, model, pred, u, forward);
    if (!st) rc = -1;
    for (; st && !rc && !librdf_stream_end(st); librdf_stream_next(st)) {
      librdf_statement *e = librdf_stream_get_object(st);
      librdf_node *v = forward ? librdf_statement_get_object(e) : librdf_statement_get_subject(e);
      uint64_t h[2];
      node_hash(v, h);
      int r = vq_seen_add(&seen, h);
      if (r) {
        rc = r < 0 ? -1 : 0;
        continue; /* reached before */
      }
      if (nq == cq) {
        librdf_node **more = realloc(queue, 2 * cq * sizeof *more);
        if (!more) {
          rc = -1;
          break;
        }
        queue = more;
        cq *= 2;
      }
      if (!(queue[nq] = librdf_new_node_from_node(v))) {
        rc = -1;
        break;
      }
      nq++;
      if (want && !librdf_node_equals(v, want)) continue;
      if (pairs_add(out, forward ? start : v, forward ? v : start) != 0) rc = -1;
      if (want) done = 1;
      if (done) break;
    }
    if (st) librdf_free_stream(st);
  }
  for (size_t i = 0; i < nq; i++) librdf_free_node(queue[i]);
  free(queue);
  free(seen.keys);
  return rc;
}

/* ---- the whole closure, in memory ---- */

typedef struct graph {
  librdf_node **nodes; /* by id, owned */
  uint64_t *hash;      /* 2 per id */
  size_t n, cap;
  uint32_t *slots; /* open addressing over id + 1 */
  size_t nslots;
  uint32_t *from, *to; /* the edges */
  size_t ne, ce;
} graph;

static void graph_free(graph *g) {
  for (size_t i = 0; i < g->n; i++) librdf_free_node(g->nodes[i]);
  free(g->nodes);
  free(g->hash);
  free(g->slots);
  free(g->from);
  free(g->to);
}

/* The id of node v, added when new; UINT32_MAX when out of memory. */
static uint32_t graph_id(graph *g, librdf_node *v) {
  uint64_t h[2];
  node_hash(v, h);
  if (2 * (g->n + 1) > g->nslots) {
    size_t ns = g->nslots ? 2 * g->nslots : 256;
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (!slots) return UINT32_MAX;
    for (size_t i = 0; i < g->n; i++) {
      size_t j = (size_t)g->hash[2 * i] & (ns - 1);
      while (slots[j]) j = (j + 1) & (ns - 1);
      slots[j] = (uint32_t)i + 1;
    }
    free(g->slots);
    g->slots = slots;
    g->nslots = ns;
  }
  size_t j = (size_t)h[0] & (g->nslots - 1);
  for (; g->slots[j]; j = (j + 1) & (g->nslots - 1)) {
    uint32_t id = g->slots[j] - 1;
    if (g->hash[2 * id] == h[0] && g->hash[2 * id + 1] == h[1]) return id;
  }
  if (g->n == g->cap) {
    size_t cap = g->cap ? 2 * g->cap : 256;
    librdf_node **nodes = realloc(g->nodes, cap * sizeof *nodes);
    if (!nodes) return UINT32_MAX;
    g->nodes = nodes;
    uint64_t *hash = realloc(g->hash, 2 * cap * sizeof *hash);
    if (!hash) return UINT32_MAX;
    g->hash = hash;
    g->cap = cap;
  }
  if (!(g->nodes[g->n] = librdf_new_node_from_node(v))) return UINT32_MAX;
  g->hash[2 * g->n] = h[0];
  g->hash[2 * g->n + 1] = h[1];
  g->slots[j] = (uint32_t)g->n + 1;
  return (uint32_t)g->n++;
}

static int graph_edge(graph *g, uint32_t a, uint32_t b) {
  if (g->ne == g->ce) {
    size_t cap = g->ce ? 2 * g->ce : 256;
    uint32_t *from = realloc(g->from, cap * sizeof *from);
    if (!from) return -1;
    g->from = from;
    uint32_t *to = realloc(g->to, cap * sizeof *to);
    if (!to) return -1;
    g->to = to;
    g->ce = cap;
  }
  g->from[g->ne] = a;
  g->to[g->ne++] = b;
  return 0;
}

/* Every pair: pred's edges read once, then a walk from each subject over
 * the edges in memory (adjacency by counting sort). */
static int all_pairs(librdf_world *world, librdf_model *model, librdf_node *pred, vq_pairs *out) {
  graph g;
  memset(&g, 0, sizeof g);
  uint32_t *first = NULL, *adj = NULL, *mark = NULL, *queue = NULL;
  int rc = 0;
  librdf_node *p = librdf_new_node_from_node(pred);
  librdf_statement *q = p ? librdf_new_statement_from_nodes(world, NULL, p, NULL) : NULL;
  librdf_stream *st = q ? librdf_model_find_statements(model, q) : NULL;
  if (!st) rc = -1;
  for (; st && !rc && !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_statement *e = librdf_stream_get_object(st);
    uint32_t a = graph_id(&g, librdf_statement_get_subject(e));
    uint32_t b = a == UINT32_MAX ? a : graph_id(&g, librdf_statement_get_object(e));
    if (b == UINT32_MAX || graph_edge(&g, a, b) != 0) rc = -1;
  }
  if (st) librdf_free_stream(st);
  if (q) librdf_free_statement(q);
  if (!rc && g.n) {
    first = calloc(g.n + 1, sizeof *first);
    adj = malloc((g.ne ? g.ne : 1) * sizeof *adj);
    mark = calloc(g.n, sizeof *mark);
    queue = malloc(g.n * sizeof *queue);
    if (!first || !adj || !mark || !queue) rc = -1;
  }
  if (!rc && g.n) {
    for (size_t i = 0; i < g.ne; i++) first[g.from[i] + 1]++;
    for (size_t i = 0; i < g.n; i++) first[i + 1] += first[i];
    for (size_t i = 0; i < g.ne; i++) adj[first[g.from[i]]++] = g.to[i];
    for (size_t i = g.n; i > 0; i--) first[i] = first[i - 1]; /* back to the starts */
    first[0] = 0;
  }
  /* mark[v] == x + 1: v reached from x (each walk has its own stamp) */
  for (uint32_t x = 0; !rc && x < g.n && !vq_deadline_passed(); x++) {
    if (first[x] == first[x + 1]) continue; /* not a subject */
    size_t nq = 0, head = 0;
    queue[nq++] = x;
    while (!rc && head < nq) {
      uint32_t u = queue[head++];
      for (uint32_t k = first[u]; k < first[u + 1] && !rc; k++) {
        uint32_t v = adj[k];
        if (mark[v] == x + 1) continue;
        mark[v] = x + 1;
        queue[nq++] = v;
        if (pairs_add(out, g.nodes[x], g.nodes[v]) != 0) rc = -1;
      }
    }
  }
  free(first);
  free(adj);
  free(mark);
  free(queue);
  graph_free(&g);
  return rc;
}

int vq_closure_pairs(librdf_world *world, librdf_model *model, librdf_node *pred,
                     librdf_node *s, librdf_node *o, vq_pairs *out) {
  memset(out, 0, sizeof *out);
  int rc = s ? walk(world, model, pred, s, 1, o, out)
         : o ? walk(world, model, pred, o, 0, NULL, out)
             : all_pairs(world, model, pred, out);
  if (rc) vq_pairs_free(out);
  return rc;
}
