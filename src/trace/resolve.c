/* Which entity a name means: IRIs, IRI paths, then labels and altLabels
 * compared folded (vitae_name_fold: case, accents, punctuation).  The name
 * is only ever compared with stored strings, never put into a query. */
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "extract/entity.h"
#include "trace/graph.h"

#define FOLD_MAX 1024

typedef struct finder {
  tg *g;
  const char *class_iri;
  vitae_trace_candidates *out;
  size_t cap;
  tg_list seen; /* subjects already in out, same order */
  int contains;   /* search: a label containing the name matches */
} finder;

/* Whether s looks like an absolute IRI: scheme ":" and no white space. */
static int looks_like_iri(const char *s) {
  const char *p = s;
  if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return 0;
  while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
         *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':' || !p[1]) return 0;
  for (; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"') return 0;
  return 1;
}

static int is_subject(tg *g, librdf_node *n) {
  librdf_statement *q = librdf_new_statement_from_nodes(g->world, librdf_new_node_from_node(n),
                                                        NULL, NULL);
  if (!q) return 0;
  librdf_stream *st = librdf_model_find_statements(g->model, q);
  int found = st && !librdf_stream_end(st);
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
  return found;
}

static const char *type_names(tg *g, librdf_node *n, vitae_trace_pool *pool) {
  tg_list types = {0};
  tg_targets(g, n, P_TYPE, &types);
  size_t k = strlen(VT_NS), len = 1;
  char buf[128];
  for (size_t i = 0; i < types.n; i++) len += strlen(tg_node_iri(types.items[i], buf, sizeof buf)) + 2;
  char *out = tp_alloc(pool, len);
  for (size_t i = 0; out && i < types.n; i++) {
    const char *iri = tg_node_iri(types.items[i], buf, sizeof buf);
    if (strncmp(iri, VT_NS, k) != 0) continue;
    if (*out) strcat(out, ", ");
    strcat(out, iri + k);
  }
  tg_list_free(&types);
  return out ? out : "";
}

/* Add subject n as a candidate (once; by_label sticks once set). */
static void add_candidate(finder *f, librdf_node *n, int by_label) {
  if (f->class_iri && !tg_has_type(f->g, n, f->class_iri)) return;
  for (size_t i = 0; i < f->seen.n; i++)
    if (librdf_node_equals(f->seen.items[i], n)) {
      f->out->items[i].by_label |= by_label;
      return;
    }
  vitae_trace_pool *pool = f->out->pool;
  vitae_trace_candidate *c = TP_PUSH(pool, f->out->items, f->out->n, f->cap);
  if (!c) return;
  c->ref = tg_ref(f->g, n, pool);
  c->types = type_names(f->g, n, pool);
  c->by_label = by_label;
  tg_list_add(&f->seen, n);
  if (f->seen.n != f->out->n) pool->failed = 1;
}

static int same_name(const finder *f, const char *label, const char *name,
                     const char *folded_name, int raw) {
  if (raw) return f->contains ? strstr(label, name) != NULL : !strcmp(label, name);
  char folded[FOLD_MAX];
  vitae_name_fold(label, folded, sizeof folded);
  return f->contains ? strstr(folded, folded_name) != NULL : !strcmp(folded, folded_name);
}

/* Every subject whose label (pred) matches. */
static void scan_labels(finder *f, tg_pred pred, const char *name, const char *folded, int raw) {
  librdf_statement *q = librdf_new_statement_from_nodes(
      f->g->world, NULL, librdf_new_node_from_node(f->g->pred[pred]), NULL);
  if (!q) {
    f->out->pool->failed = 1;
    return;
  }
  librdf_stream *st = librdf_model_find_statements(f->g->model, q);
  for (; st && !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_statement *t = librdf_stream_get_object(st);
    librdf_node *o = librdf_statement_get_object(t);
    if (o && librdf_node_is_literal(o) && same_name(f, tg_literal(o), name, folded, raw))
      add_candidate(f, librdf_statement_get_subject(t), pred == P_LABEL);
  }
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
}

/* Typed subjects whose IRI ends with "/" + path. */
static void scan_iri_suffix(finder *f, const char *path) {
  librdf_statement *q = librdf_new_statement_from_nodes(
      f->g->world, NULL, librdf_new_node_from_node(f->g->pred[P_TYPE]), NULL);
  if (!q) return;
  size_t k = strlen(path);
  librdf_stream *st = librdf_model_find_statements(f->g->model, q);
  for (; st && !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_node *s = librdf_statement_get_subject(librdf_stream_get_object(st));
    if (!s || !librdf_node_is_resource(s)) continue;
    const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(s));
    size_t n = strlen(iri);
    if (n > k && iri[n - k - 1] == '/' && !strcmp(iri + n - k, path)) add_candidate(f, s, 1);
  }
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
}

static void find_iri(finder *f, const char *iri) {
  librdf_node *n = tg_iri(f->g, iri);
  if (n && is_subject(f->g, n)) add_candidate(f, n, 1);
  if (n) librdf_free_node(n);
}

static int by_label_then_iri(const void *a, const void *b) {
  const vitae_trace_candidate *x = a, *y = b;
  int c = strcmp(x->ref.label, y->ref.label);
  return c ? c : strcmp(x->ref.iri, y->ref.iri);
}

static void find_all(finder *f, const char *name) {
  if (looks_like_iri(name)) find_iri(f, name);
  if (f->out->n) return;
  if (strchr(name, '/') && !strpbrk(name, " \t\n\r")) {
    char *iri = tp_printf(f->out->pool, "%s%s", VITAE_DEFAULT_BASE, name);
    if (iri) find_iri(f, iri);
    if (!f->out->n) scan_iri_suffix(f, name);
    if (f->out->n) return;
  }
  char folded[FOLD_MAX];
  size_t len = strlen(name);
  /* a name with nothing left after folding ("}}"), or too long to fold
   * whole, is compared as it stands */
  int raw = len >= FOLD_MAX / 2 || !*vitae_name_fold(name, folded, sizeof folded);
  scan_labels(f, P_LABEL, name, folded, raw);
  scan_labels(f, P_ALT, name, folded, raw);
}

/* Run a finder over the store: find_all (an exact name), or, when search
 * is not NULL, the labels containing it (folded). */
static vitae_status collect(vitae_store *store, const char *name, const char *class_iri,
                            const char *search, vitae_trace_candidates *out, vitae_error *err) {
  memset(out, 0, sizeof *out);
  tg g;
  if (tg_open(&g, store, err) != VITAE_OK) return err->status;
  finder f = {&g, class_iri, out, 0, {0}, search != NULL};
  if (!(out->pool = tp_new())) {
    tg_close(&g);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (search) {
    scan_labels(&f, P_LABEL, name, search, 0);
    scan_labels(&f, P_ALT, name, search, 0);
  } else {
    find_all(&f, name);
  }
  int failed = out->pool->failed || f.seen.failed;
  tg_list_free(&f.seen);
  tg_close(&g);
  if (failed) {
    vitae_trace_candidates_free(out);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  return VITAE_OK;
}

vitae_status vitae_trace_find(vitae_store *store, const char *name, const char *class_iri,
                              vitae_trace_candidates *out, vitae_error *err) {
  vitae_status st = collect(store, name, class_iri, NULL, out, err);
  if (st != VITAE_OK) return st;
  /* one entity named so by its rdfs:label wins over altLabel namesakes */
  size_t labels = 0, which = 0;
  for (size_t i = 0; i < out->n; i++)
    if (out->items[i].by_label) labels++, which = i;
  if (labels == 1 && out->n > 1) {
    out->items[0] = out->items[which];
    out->n = 1;
  }
  if (out->n > 1) qsort(out->items, out->n, sizeof *out->items, by_label_then_iri);
  return VITAE_OK;
}

/* Search order: labels that start with the text, then the rest; by label. */
static int search_order(const vitae_trace_candidate *x, const vitae_trace_candidate *y,
                        const char *folded) {
  char fx[FOLD_MAX], fy[FOLD_MAX];
  vitae_name_fold(x->ref.label, fx, sizeof fx);
  vitae_name_fold(y->ref.label, fy, sizeof fy);
  size_t k = strlen(folded);
  int px = strncmp(fx, folded, k) != 0, py = strncmp(fy, folded, k) != 0;
  if (px != py) return px - py;
  return by_label_then_iri(x, y);
}

vitae_status vitae_trace_search(vitae_store *store, const char *text, size_t max,
                                vitae_trace_candidates *out, vitae_error *err) {
  memset(out, 0, sizeof *out);
  char folded[FOLD_MAX];
  if (strlen(text) >= FOLD_MAX / 2 || strlen(vitae_name_fold(text, folded, sizeof folded)) < 2) {
    if (!(out->pool = tp_new()))
      return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    return VITAE_OK;
  }
  vitae_status st = collect(store, text, NULL, folded, out, err);
  if (st != VITAE_OK) return st;
  /* insertion sort: qsort has no context argument, and a search box asks
   * for few results; the lists are short */
  for (size_t i = 1; i < out->n; i++) {
    vitae_trace_candidate c = out->items[i];
    size_t j = i;
    while (j > 0 && search_order(&c, &out->items[j - 1], folded) < 0) {
      out->items[j] = out->items[j - 1];
      j--;
    }
    out->items[j] = c;
  }
  if (out->n > max) out->n = max;
  return VITAE_OK;
}

void vitae_trace_candidates_free(vitae_trace_candidates *c) {
  if (!c) return;
  tp_free(c->pool);
  memset(c, 0, sizeof *c);
}
