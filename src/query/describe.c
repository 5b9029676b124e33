/* DESCRIBE, which rasqal 0.9.33 cannot run: the resources are found with a
 * SELECT (the described variables over the WHERE clause, and the described
 * IRIs), and each gets its concise bounded description, built with librdf's
 * statement API over the union of the named graphs:
 *   - every triple with the resource as subject;
 *   - recursively, every triple whose subject is a blank node object of a
 *     triple already in the description;
 *   - for every triple in the description, each reification of it (a node
 *     with rdf:subject, rdf:predicate and rdf:object naming the triple) and,
 *     recursively, that node's own description;
 *   - the copies inference left to queries (aligned.h) of the triples about
 *     the resource, as a pattern (resource ?p ?o) shows them. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/vocab.h"
#include "query/aligned.h"
#include "query/internal.h"
#include "query/rewrite.h"
#include "store/store.h"

typedef struct cbd {
  librdf_world *world;
  librdf_model *model;
  vitae_result *r;
  vitae_strmap seen_nodes;   /* nodes queued */
  vitae_strmap seen_triples; /* triples in the description */
  librdf_node **queue;
  size_t nqueue, cap;
  librdf_node *rdf_subject, *rdf_predicate, *rdf_object, *rdf_type, *inferred;
  vq_aligned *aligned;
} cbd;

/* A key for a node: a type letter, then its strings, NUL-free. */
static void put_node_key(vitae_buf *b, librdf_node *n) {
  if (librdf_node_is_resource(n)) {
    vitae_buf_printf(b, "U%s", (const char *)librdf_uri_as_string(librdf_node_get_uri(n)));
  } else if (librdf_node_is_blank(n)) {
    vitae_buf_printf(b, "B%s", (const char *)librdf_node_get_blank_identifier(n));
  } else {
    size_t len;
    const char *v = (const char *)librdf_node_get_literal_value_as_counted_string(n, &len);
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    vitae_buf_printf(b, "L%zu:", len);
    for (size_t i = 0; i < len; i++) vitae_buf_putc(b, v[i] ? v[i] : '\x01');
    vitae_buf_printf(b, "@%s^%s", lang ? lang : "", dt ? (const char *)librdf_uri_as_string(dt) : "");
  }
  vitae_buf_putc(b, '\x02');
}

static char *node_key(librdf_node *n) {
  vitae_buf b = VITAE_BUF_INIT;
  put_node_key(&b, n);
  return vitae_buf_take(&b);
}

static vitae_status enqueue(cbd *c, librdf_node *n) {
  char *key = node_key(n);
  if (!key) return VITAE_ERR_NOMEM;
  if (vitae_strmap_get(&c->seen_nodes, key, 0)) {
    free(key);
    return VITAE_OK;
  }
  int rc = vitae_strmap_put(&c->seen_nodes, key, 1);
  free(key);
  if (rc != 0) return VITAE_ERR_NOMEM;
  if (c->nqueue == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 16;
    librdf_node **more = realloc(c->queue, cap * sizeof *more);
    if (!more) return VITAE_ERR_NOMEM;
    c->queue = more;
    c->cap = cap;
  }
  librdf_node *copy = librdf_new_node_from_node(n);
  if (!copy) return VITAE_ERR_NOMEM;
  c->queue[c->nqueue++] = copy;
  return VITAE_OK;
}

/* Add a triple to the description unless it is there already (the union
 * of the graphs gives a triple once per graph holding it). */
static vitae_status add_triple(cbd *c, librdf_statement *st, int *added) {
  *added = 0;
  vitae_buf kb = VITAE_BUF_INIT;
  put_node_key(&kb, librdf_statement_get_subject(st));
  put_node_key(&kb, librdf_statement_get_predicate(st));
  put_node_key(&kb, librdf_statement_get_object(st));
  char *key = vitae_buf_take(&kb);
  if (!key) return VITAE_ERR_NOMEM;
  int have = vitae_strmap_get(&c->seen_triples, key, 0) != 0;
  int rc = have ? 0 : vitae_strmap_put(&c->seen_triples, key, 1);
  free(key);
  if (rc != 0) return VITAE_ERR_NOMEM;
  if (have) return VITAE_OK;
  raptor_statement *copy = raptor_statement_copy((raptor_statement *)st);
  if (!copy) return VITAE_ERR_NOMEM;
  if (copy->graph) {
    raptor_free_term(copy->graph);
    copy->graph = NULL;
  }
  *added = 1;
  return vq_result_add_statement(c->r, copy);
}

/* The object of the first triple (s p ?o), or NULL; the caller frees it. */
static librdf_node *object_of(cbd *c, librdf_node *s, librdf_node *p) {
  librdf_node *o = librdf_model_get_target(c->model, s, p);
  return o;
}

/* The copies of t (s P o) left to queries: (s Q o) for each Q above P,
 * (s rdf:type D) for each D above C when t is (s rdf:type C). */
static vitae_status add_copies(cbd *c, librdf_statement *t) {
  librdf_node *p = librdf_statement_get_predicate(t), *o = librdf_statement_get_object(t);
  int type = librdf_node_equals(p, c->rdf_type);
  librdf_node *const *above;
  size_t n = 0;
  if (vq_aligned_above(c->aligned, type ? o : p, type ? VQ_ALIGNED_CLASS : VQ_ALIGNED_PROPERTY,
                       &above, &n) != 0)
    return VITAE_ERR_NOMEM;
  vitae_status st = VITAE_OK;
  for (size_t i = 0; i < n && st == VITAE_OK; i++) {
    librdf_statement *copy = librdf_new_statement_from_nodes(
        c->world, librdf_new_node_from_node(librdf_statement_get_subject(t)),
        librdf_new_node_from_node(type ? p : above[i]), librdf_new_node_from_node(type ? above[i] : o));
    int added;
    st = copy ? add_triple(c, copy, &added) : VITAE_ERR_NOMEM;
    if (copy) librdf_free_statement(copy);
  }
  return st;
}

static vitae_status describe_node(cbd *c, librdf_node *n) {
  vitae_status st = VITAE_OK;
  librdf_statement *pattern = librdf_new_statement_from_nodes(
      c->world, librdf_new_node_from_node(n), NULL, NULL);
  if (!pattern) return VITAE_ERR_NOMEM;
  librdf_stream *s = librdf_model_find_statements(c->model, pattern);
  for (; s && !librdf_stream_end(s) && st == VITAE_OK; librdf_stream_next(s)) {
    librdf_statement *t = librdf_stream_get_object(s);
    int added;
    st = add_triple(c, t, &added);
    if (st == VITAE_OK && added) st = add_copies(c, t);
    librdf_node *o = librdf_statement_get_object(t);
    if (st == VITAE_OK && added && o && librdf_node_is_blank(o)) st = enqueue(c, o);
  }
  if (s) librdf_free_stream(s);
  librdf_free_statement(pattern);
  if (st != VITAE_OK) return st;

  /* reifications of the triples about n: nodes with rdf:subject n whose
   * rdf:predicate and rdf:object make a triple that is in the store */
  librdf_iterator *it = librdf_model_get_sources(c->model, c->rdf_subject, n);
  for (; it && !librdf_iterator_end(it) && st == VITAE_OK; librdf_iterator_next(it)) {
    librdf_node *r = librdf_iterator_get_object(it);
    librdf_node *p = object_of(c, r, c->rdf_predicate), *o = object_of(c, r, c->rdf_object);
    if (p && o && librdf_node_is_resource(p)) {
      librdf_statement *q = librdf_new_statement_from_nodes(
          c->world, librdf_new_node_from_node(n), librdf_new_node_from_node(p),
          librdf_new_node_from_node(o));
      if (q && librdf_model_contains_statement(c->model, q) > 0) st = enqueue(c, r);
      if (q) librdf_free_statement(q);
    }
    if (p) librdf_free_node(p);
    if (o) librdf_free_node(o);
  }
  if (it) librdf_free_iterator(it);
  return st;
}

/* The resources in a result: every IRI and blank node. */
static vitae_status collect(cbd *c, const vitae_result *r) {
  vitae_status st = VITAE_OK;
  for (size_t i = 0; i < r->nrows && st == VITAE_OK; i++)
    for (size_t col = 0; col < r->ncols && st == VITAE_OK; col++) {
      librdf_node *n = r->cells[i * r->ncols + col];
      if (n && !librdf_node_is_literal(n)) st = enqueue(c, n);
    }
  return st;
}

vitae_status vq_describe(vitae_store *store, const vq_plan *plan, size_t shift, int depth,
                         vitae_result **out, vitae_error *err) {
  *out = NULL;
  cbd c;
  memset(&c, 0, sizeof c);
  c.world = vitae_store_world(store);
  c.model = vitae_store_model(store);
  vitae_status st = VITAE_OK;
  const char *queries[2] = {plan->text, plan->describe_iris};
  for (int k = 0; k < 2 && st == VITAE_OK; k++) {
    if (!queries[k]) continue;
    vitae_result *r = NULL;
    /* through the whole pipeline: the WHERE clause gets the same care */
    st = vq_exec_text(store, queries[k], shift, depth + 1, &r, err);
    if (st == VITAE_OK) st = collect(&c, r);
    vitae_result_free(r);
  }
  if (st == VITAE_OK && !(c.r = vq_result_new(VITAE_RESULT_GRAPH))) st = VITAE_ERR_NOMEM;
  if (st == VITAE_OK) {
    c.rdf_subject = librdf_new_node_from_uri_string(c.world, (const unsigned char *)RDF_NS "subject");
    c.rdf_predicate = librdf_new_node_from_uri_string(c.world, (const unsigned char *)RDF_NS "predicate");
    c.rdf_object = librdf_new_node_from_uri_string(c.world, (const unsigned char *)RDF_NS "object");
    c.rdf_type = librdf_new_node_from_uri_string(c.world, (const unsigned char *)RDF_NS "type");
    c.inferred = librdf_new_node_from_uri_string(c.world, (const unsigned char *)VITAE_INFERRED_GRAPH);
    c.aligned = c.inferred ? vq_aligned_new(c.world, c.model, c.inferred) : NULL;
    if (!c.rdf_subject || !c.rdf_predicate || !c.rdf_object || !c.rdf_type || !c.aligned)
      st = VITAE_ERR_NOMEM;
  }
  for (size_t i = 0; i < c.nqueue && st == VITAE_OK; i++) st = describe_node(&c, c.queue[i]);
  if (st == VITAE_ERR_NOMEM) vitae_error_set(err, st, NULL, 0, 0, "out of memory");
  for (size_t i = 0; i < c.nqueue; i++) librdf_free_node(c.queue[i]);
  free(c.queue);
  if (c.rdf_subject) librdf_free_node(c.rdf_subject);
  if (c.rdf_predicate) librdf_free_node(c.rdf_predicate);
  if (c.rdf_object) librdf_free_node(c.rdf_object);
  if (c.rdf_type) librdf_free_node(c.rdf_type);
  vq_aligned_free(c.aligned);
  if (c.inferred) librdf_free_node(c.inferred);
  vitae_strmap_free(&c.seen_nodes);
  vitae_strmap_free(&c.seen_triples);
  if (st != VITAE_OK) {
    vitae_result_free(c.r);
    return st;
  }
  *out = c.r;
  return VITAE_OK;
}
