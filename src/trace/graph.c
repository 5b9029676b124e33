/* The pool of a result, and reading the store with librdf's statement API. */
#include "trace/graph.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/vocab.h"

/* ---- pool ---- */

vitae_trace_pool *tp_new(void) { return calloc(1, sizeof(vitae_trace_pool)); }

void tp_free(vitae_trace_pool *p) {
  if (!p) return;
  for (size_t i = 0; i < p->n; i++) free(p->blocks[i]);
  free(p->blocks);
  free(p);
}

void *tp_alloc(vitae_trace_pool *p, size_t size) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 64;
    void **more = realloc(p->blocks, cap * sizeof *more);
    if (!more) {
      p->failed = 1;
      return NULL;
    }
    p->blocks = more;
    p->cap = cap;
  }
  void *b = calloc(1, size ? size : 1);
  if (!b) {
    p->failed = 1;
    return NULL;
  }
  p->blocks[p->n++] = b;
  return b;
}

char *tp_strdup(vitae_trace_pool *p, const char *s) {
  if (!s) return NULL;
  size_t len = strlen(s);
  char *d = tp_alloc(p, len + 1);
  if (d) memcpy(d, s, len + 1);
  return d;
}

char *tp_printf(vitae_trace_pool *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (len < 0) {
    p->failed = 1;
    return NULL;
  }
  char *d = tp_alloc(p, (size_t)len + 1);
  if (!d) return NULL;
  va_start(ap, fmt);
  vsnprintf(d, (size_t)len + 1, fmt, ap);
  va_end(ap);
  return d;
}

int tp_grow(vitae_trace_pool *p, void **arr, size_t n, size_t *cap, size_t elem) {
  if (n < *cap) return 0;
  size_t ncap = *cap ? 2 * *cap : 8;
  void *more = tp_alloc(p, ncap * elem);
  if (!more) return -1;
  if (n) memcpy(more, *arr, n * elem);
  *arr = more;
  *cap = ncap;
  return 0;
}

/* ---- the store ---- */

static const char *const PRED_IRIS[TG_NPRED] = {
    [P_TYPE] = RDF_NS "type",
    [P_LABEL] = RDFS_NS "label",
    [P_ALT] = SKOS_NS "altLabel",
    [P_HOLDER] = VT_NS "holder",
    [P_OFFICE] = VT_NS "office",
    [P_START] = VT_NS "start",
    [P_END] = VT_NS "end",
    [P_DATE] = VT_NS "date",
    [P_ACTING] = VT_NS "acting",
    [P_PREDECESSOR] = VT_NS "predecessor",
    [P_SUCCESSOR] = VT_NS "successor",
    [P_APPOINTED_BY] = VT_NS "appointedBy",
    [P_DISMISSED_BY] = VT_NS "dismissedBy",
    [P_PARTICIPANT] = VT_NS "participant",
    [P_VISITOR] = VT_NS "visitor",
    [P_DESTINATION] = VT_NS "destination",
    [P_LOCATION] = VT_NS "location",
    [P_DERIVED_FROM] = PROV_NS "wasDerivedFrom",
    [P_TEXT] = VT_NS "text",
    [P_DOCUMENT] = VT_NS "document",
    [P_SOURCE_FILE] = VT_NS "sourceFile",
    [P_RDF_SUBJECT] = RDF_NS "subject",
    [P_RDF_PREDICATE] = RDF_NS "predicate",
    [P_RDF_OBJECT] = RDF_NS "object",
    [P_METWITH] = VT_NS "metWith",
    [P_CONGRATULATED] = VT_NS "congratulated",
    [P_SPOUSE] = VT_NS "spouse",
    [P_PARENT] = VT_NS "parent",
    [P_CHILD] = VT_NS "child",
    [P_SIBLING] = VT_NS "sibling",
    [P_RELATIVE] = VT_NS "relative",
};

librdf_node *tg_iri(tg *g, const char *iri) {
  return librdf_new_node_from_uri_string(g->world, (const unsigned char *)iri);
}

vitae_status tg_open(tg *g, vitae_store *store, vitae_error *err) {
  memset(g, 0, sizeof *g);
  g->world = vitae_store_world(store);
  g->model = vitae_store_model(store);
  int ok = (g->inferred = tg_iri(g, VITAE_INFERRED_GRAPH)) != NULL;
  for (int i = 0; i < TG_NPRED && ok; i++) ok = (g->pred[i] = tg_iri(g, PRED_IRIS[i])) != NULL;
  if (ok) return VITAE_OK;
  tg_close(g);
  return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

void tg_close(tg *g) {
  if (g->inferred) librdf_free_node(g->inferred);
  for (int i = 0; i < TG_NPRED; i++)
    if (g->pred[i]) librdf_free_node(g->pred[i]);
  memset(g, 0, sizeof *g);
}

void tg_list_free(tg_list *l) {
  for (size_t i = 0; i < l->n; i++) librdf_free_node(l->items[i]);
  free(l->items);
  memset(l, 0, sizeof *l);
}

void tg_list_add(tg_list *l, librdf_node *node) {
  if (!node || l->failed) return;
  /* lists are short (the ties of one node), so a linear scan will do */
  for (size_t i = 0; i < l->n; i++)
    if (librdf_node_equals(l->items[i], node)) return;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 8;
    librdf_node **more = realloc(l->items, cap * sizeof *more);
    if (!more) {
      l->failed = -1;
      return;
    }
    l->items = more;
    l->cap = cap;
  }
  librdf_node *copy = librdf_new_node_from_node(node);
  if (!copy) {
    l->failed = -1;
    return;
  }
  l->items[l->n++] = copy;
}

static int add_iterated(librdf_iterator *it, tg_list *out) {
  if (!it) return out->failed = -1;
  for (; !librdf_iterator_end(it); librdf_iterator_next(it))
    tg_list_add(out, librdf_iterator_get_object(it));
  librdf_free_iterator(it);
  return out->failed;
}

int tg_targets(tg *g, librdf_node *s, tg_pred p, tg_list *out) {
  return add_iterated(librdf_model_get_targets(g->model, s, g->pred[p]), out);
}

int tg_sources(tg *g, tg_pred p, librdf_node *o, tg_list *out) {
  return add_iterated(librdf_model_get_sources(g->model, g->pred[p], o), out);
}

const char *tg_node_iri(librdf_node *n, char *buf, size_t size) {
  if (n && librdf_node_is_resource(n))
    return (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
  if (n && librdf_node_is_blank(n)) {
    snprintf(buf, size, "_:%s", (const char *)librdf_node_get_blank_identifier(n));
    return buf;
  }
  return "";
}

const char *tg_literal(librdf_node *n) {
  if (!n || !librdf_node_is_literal(n)) return "";
  const char *v = (const char *)librdf_node_get_literal_value(n);
  return v ? v : "";
}

const char *tg_value(tg *g, librdf_node *s, tg_pred p, vitae_trace_pool *pool) {
  tg_list l = {0};
  tg_targets(g, s, p, &l);
  const char *v = NULL;
  for (size_t i = 0; i < l.n && !v; i++)
    if (librdf_node_is_literal(l.items[i])) v = tp_strdup(pool, tg_literal(l.items[i]));
  tg_list_free(&l);
  return v;
}

int tg_has_type(tg *g, librdf_node *s, const char *class_iri) {
  tg_list l = {0};
  tg_targets(g, s, P_TYPE, &l);
  int has = 0;
  char buf[128];
  for (size_t i = 0; i < l.n && !has; i++) has = !strcmp(tg_node_iri(l.items[i], buf, sizeof buf), class_iri);
  tg_list_free(&l);
  return has;
}

vitae_trace_ref tg_ref(tg *g, librdf_node *n, vitae_trace_pool *pool) {
  vitae_trace_ref r;
  char buf[128];
  if (librdf_node_is_literal(n)) {
    r.iri = "";
    r.label = tp_strdup(pool, tg_literal(n));
  } else {
    r.iri = tp_strdup(pool, tg_node_iri(n, buf, sizeof buf));
    r.label = tg_value(g, n, P_LABEL, pool);
    if (!r.label) r.label = r.iri;
  }
  if (!r.iri) r.iri = "";
  if (!r.label) r.label = "";
  return r;
}

int tg_is_inferred(tg *g, librdf_node *s, librdf_node *p, librdf_node *o) {
  librdf_statement *q = librdf_new_statement_from_nodes(g->world, librdf_new_node_from_node(s),
                                                        librdf_new_node_from_node(p),
                                                        librdf_new_node_from_node(o));
  if (!q) return 0;
  int in_inferred = 0, asserted = 0;
  librdf_stream *st = librdf_model_find_statements(g->model, q);
  for (; st && !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_node *ctx = librdf_stream_get_context2(st);
    if (ctx && librdf_node_equals(ctx, g->inferred)) in_inferred = 1;
    else asserted = 1;
  }
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
  return in_inferred && !asserted;
}

static void add_sentence(tg *g, librdf_node *sentence, vitae_trace_pool *pool,
                         vitae_trace_evidence **ev, size_t *n, size_t *cap) {
  char buf[128];
  const char *iri = tg_node_iri(sentence, buf, sizeof buf);
  for (size_t i = 0; i < *n; i++)
    if (!strcmp((*ev)[i].sentence, iri)) return;
  vitae_trace_evidence *e = TP_PUSH(pool, *ev, *n, *cap);
  if (!e) return;
  e->sentence = tp_strdup(pool, iri);
  e->text = tg_value(g, sentence, P_TEXT, pool);
  e->source = NULL;
  tg_list docs = {0};
  tg_targets(g, sentence, P_DOCUMENT, &docs);
  if (docs.n) {
    e->source = tg_value(g, docs.items[0], P_SOURCE_FILE, pool);
    if (!e->source) e->source = tp_strdup(pool, tg_node_iri(docs.items[0], buf, sizeof buf));
  }
  tg_list_free(&docs);
  if (!e->sentence) e->sentence = "";
}

void tg_node_evidence(tg *g, librdf_node *node, vitae_trace_pool *pool,
                      vitae_trace_evidence **ev, size_t *n, size_t *cap) {
  tg_list l = {0};
  tg_targets(g, node, P_DERIVED_FROM, &l);
  for (size_t i = 0; i < l.n; i++)
    if (!librdf_node_is_literal(l.items[i])) add_sentence(g, l.items[i], pool, ev, n, cap);
  tg_list_free(&l);
}

/* Whether (r pred value) holds for some value equal to want. */
static int has_target(tg *g, librdf_node *r, tg_pred pred, librdf_node *want) {
  tg_list l = {0};
  tg_targets(g, r, pred, &l);
  int has = 0;
  for (size_t i = 0; i < l.n && !has; i++) has = librdf_node_equals(l.items[i], want);
  tg_list_free(&l);
  return has;
}

void tg_triple_evidence(tg *g, librdf_node *s, librdf_node *p, librdf_node *o,
                        vitae_trace_pool *pool, vitae_trace_evidence **ev, size_t *n,
                        size_t *cap) {
  tg_list reifs = {0};
  tg_sources(g, P_RDF_SUBJECT, s, &reifs);
  for (size_t i = 0; i < reifs.n; i++)
    if (has_target(g, reifs.items[i], P_RDF_PREDICATE, p) &&
        has_target(g, reifs.items[i], P_RDF_OBJECT, o))
      tg_node_evidence(g, reifs.items[i], pool, ev, n, cap);
  tg_list_free(&reifs);
}

const char *tg_join_labels(const vitae_trace_ref *refs, size_t n, vitae_trace_pool *pool) {
  size_t len = 1;
  for (size_t i = 0; i < n; i++) len += strlen(refs[i].label) + 2;
  char *out = tp_alloc(pool, len);
  if (!out) return "";
  for (size_t i = 0; i < n; i++) {
    if (i) strcat(out, ", ");
    strcat(out, refs[i].label);
  }
  return out;
}

static void put_node_key(vitae_buf *b, librdf_node *n) {
  char buf[128];
  if (!n) {
    vitae_buf_putc(b, '-');
  } else if (!librdf_node_is_literal(n)) {
    vitae_buf_printf(b, "U%s", tg_node_iri(n, buf, sizeof buf));
  } else {
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    vitae_buf_printf(b, "L%s@%s^%s", tg_literal(n), lang ? lang : "",
                     dt ? (const char *)librdf_uri_as_string(dt) : "");
  }
  vitae_buf_putc(b, '\x02');
}

char *tg_triple_key(librdf_statement *t) {
  vitae_buf b = VITAE_BUF_INIT;
  put_node_key(&b, librdf_statement_get_subject(t));
  put_node_key(&b, librdf_statement_get_predicate(t));
  put_node_key(&b, librdf_statement_get_object(t));
  if (b.failed) {
    vitae_buf_free(&b);
    return NULL;
  }
  return vitae_buf_take(&b);
}
