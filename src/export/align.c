/* The aligned triples (see align.h): the inference engine run over the
 * statements, once per graph or once for all (an engine computes once, so
 * each run reads the ontology), keeping the consequences in other
 * vocabularies. */
#include "export/align.h"

#include <stdlib.h>
#include <string.h>

#include "core/datadir.h"
#include "core/vocab.h"
#include "infer/infer.h"

static vitae_status nomem(vitae_error *err) {
  return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

static int in_vitae_ns(const raptor_term *t) {
  return t->type == RAPTOR_TERM_TYPE_URI &&
         !strncmp((const char *)raptor_uri_as_string(t->value.uri), VT_NS, strlen(VT_NS));
}

/* Whether an inferred triple is an alignment: its predicate, or its class
 * for rdf:type, is not vitae's. */
static int is_aligned(const raptor_statement *s) {
  const char *p = (const char *)raptor_uri_as_string(s->predicate->value.uri);
  if (!strcmp(p, RDF_NS "type")) return s->object->type == RAPTOR_TERM_TYPE_URI && !in_vitae_ns(s->object);
  return !in_vitae_ns(s->predicate);
}

typedef struct results {
  raptor_statement **v;
  size_t n, cap;
} results;

/* Run the engine over group[0..n) and append the aligned results, in graph. */
static vitae_status align_group(raptor_world *world, const char *ontology,
                                raptor_statement **group, size_t n, raptor_term *graph,
                                results *r, vitae_error *err) {
  vitae_infer *inf = NULL;
  vitae_status st = vitae_infer_new(world, &inf, err);
  if (st == VITAE_OK) st = vitae_infer_add_ontology_file(inf, ontology, err);
  if (st == VITAE_OK) vitae_infer_store_copies(inf, 1); /* the copies are what is exported */
  for (size_t i = 0; i < n && st == VITAE_OK; i++) st = vitae_infer_add(inf, group[i], err);
  if (st == VITAE_OK) st = vitae_infer_run(inf, err);
  raptor_statement **res = NULL;
  size_t nres = st == VITAE_OK ? vitae_infer_results(inf, &res) : 0;
  for (size_t i = 0; i < nres && st == VITAE_OK; i++) {
    if (!is_aligned(res[i])) continue;
    if (r->n == r->cap) {
      size_t cap = r->cap ? 2 * r->cap : 256;
      raptor_statement **v = realloc(r->v, cap * sizeof *v);
      if (!v) {
        st = nomem(err);
        break;
      }
      r->v = v;
      r->cap = cap;
    }
    raptor_statement *c = raptor_new_statement_from_nodes(
        world, raptor_term_copy(res[i]->subject), raptor_term_copy(res[i]->predicate),
        raptor_term_copy(res[i]->object), graph ? raptor_term_copy(graph) : NULL);
    if (!c) st = nomem(err);
    else r->v[r->n++] = c;
  }
  vitae_infer_free(inf);
  return st;
}

/* Order by graph, the default graph (NULL) first. */
static int cmp_graph(const void *a, const void *b) {
  const raptor_term *x = (*(raptor_statement *const *)a)->graph;
  const raptor_term *y = (*(raptor_statement *const *)b)->graph;
  if (!x || !y) return (x != NULL) - (y != NULL);
  return raptor_term_compare(x, y);
}

vitae_status vitae_align_statements(raptor_world *world, const char *ontology_path,
                                    raptor_statement **statements, size_t n, int per_graph,
                                    raptor_statement ***out, size_t *nout, vitae_error *err) {
  *out = NULL;
  *nout = 0;
  char path[4096];
  if (!ontology_path) {
    if (!vitae_datadir_path("ontology/vitae.ttl", path, sizeof path))
      return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "the data directory path is too long");
    ontology_path = path;
  }
  vitae_status st = VITAE_OK;
  results r = {0};
  /* a sorted copy of the pointers: the caller's order stays */
  raptor_statement **sorted = n ? malloc(n * sizeof *sorted) : NULL;
  if (st == VITAE_OK && n && !sorted) st = nomem(err);
  if (st == VITAE_OK && n) {
    memcpy(sorted, statements, n * sizeof *sorted);
    if (per_graph) qsort(sorted, n, sizeof *sorted, cmp_graph);
  }
  for (size_t i = 0; i < n && st == VITAE_OK;) {
    size_t end = per_graph ? i + 1 : n;
    while (end < n && !cmp_graph(&sorted[end], &sorted[i])) end++;
    st = align_group(world, ontology_path, sorted + i, end - i,
                     per_graph ? sorted[i]->graph : NULL, &r, err);
    i = end;
  }
  free(sorted);
  if (st != VITAE_OK) {
    vitae_align_free(r.v, r.n);
    return st;
  }
  *out = r.v;
  *nout = r.n;
  return VITAE_OK;
}

void vitae_align_free(raptor_statement **aligned, size_t n) {
  for (size_t i = 0; i < n; i++) raptor_free_statement(aligned[i]);
  free(aligned);
}
