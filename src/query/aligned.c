/* See aligned.h.  Each answer is computed once per run (a breadth-first
 * walk over the markers, one indexed lookup per term reached) and kept by
 * the term's IRI. */
#include "query/aligned.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/vocab.h"

typedef struct terms {
  librdf_node **v; /* owned */
  size_t n, cap;
} terms;

struct vq_aligned {
  librdf_world *world;
  librdf_model *model;
  librdf_node *inferred;
  librdf_node *axiom[2]; /* rdfs:subPropertyOf, rdfs:subClassOf */
  vitae_strmap index;    /* "<direction><kind><IRI>" -> answers[] */
  terms *answers;
  size_t nanswers, cap;
};

static void terms_free(terms *t) {
  for (size_t i = 0; i < t->n; i++) librdf_free_node(t->v[i]);
  free(t->v);
}

static int terms_has(const terms *t, librdf_node *x) {
  for (size_t i = 0; i < t->n; i++)
    if (librdf_node_equals(t->v[i], x)) return 1;
  return 0;
}

static int terms_add(terms *t, librdf_node *x) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 4;
    librdf_node **v = realloc(t->v, cap * sizeof *v);
    if (!v) return -1;
    t->v = v;
    t->cap = cap;
  }
  if (!(t->v[t->n] = librdf_new_node_from_node(x))) return -1;
  t->n++;
  return 0;
}

vq_aligned *vq_aligned_new(librdf_world *world, librdf_model *model, librdf_node *inferred) {
  vq_aligned *a = calloc(1, sizeof *a);
  if (!a) return NULL;
  a->world = world;
  a->model = model;
  a->inferred = inferred;
  a->axiom[0] = librdf_new_node_from_uri_string(world, (const unsigned char *)RDFS_NS "subPropertyOf");
  a->axiom[1] = librdf_new_node_from_uri_string(world, (const unsigned char *)RDFS_NS "subClassOf");
  if (!a->axiom[0] || !a->axiom[1]) {
    vq_aligned_free(a);
    return NULL;
  }
  return a;
}

void vq_aligned_free(vq_aligned *a) {
  if (!a) return;
  for (int i = 0; i < 2; i++)
    if (a->axiom[i]) librdf_free_node(a->axiom[i]);
  for (size_t i = 0; i < a->nanswers; i++) terms_free(&a->answers[i]);
  free(a->answers);
  vitae_strmap_free(&a->index);
  free(a);
}

/* The terms one marker away from x (up: x's supers; else its subs), added
 * to out unless there already or equal to skip.  A marker is looked for in
 * every graph: asking librdf's hashes stream for a triple's graph leaks a
 * term per lookup (valgrind), and an axiom asserted elsewhere is one that
 * inference applied (its copies stored, which a query then finds twice and
 * shows once) or left open with a marker. */
static int neighbours(vq_aligned *a, librdf_node *x, int kind, int up, librdf_node *skip,
                      terms *out) {
  librdf_node *n = librdf_new_node_from_node(x), *p = librdf_new_node_from_node(a->axiom[kind]);
  librdf_statement *q =
      n && p ? librdf_new_statement_from_nodes(a->world, up ? n : NULL, p, up ? NULL : n) : NULL;
  if (!q) { /* librdf_new_statement_from_nodes frees the nodes on failure */
    if (n && !p) librdf_free_node(n);
    if (p && !n) librdf_free_node(p);
    return -1;
  }
  librdf_stream *st = librdf_model_find_statements(a->model, q);
  int rc = st ? 0 : -1;
  for (; st && !rc && !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_statement *s = librdf_stream_get_object(st);
    if (!s) continue;
    librdf_node *y = up ? librdf_statement_get_object(s) : librdf_statement_get_subject(s);
    if (!y || !librdf_node_is_resource(y) || librdf_node_equals(y, skip) || terms_has(out, y))
      continue;
    rc = terms_add(out, y);
  }
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
  return rc;
}

static int answer(vq_aligned *a, librdf_node *t, int kind, int up, librdf_node *const **out,
                  size_t *n) {
  *out = NULL;
  *n = 0;
  if (!librdf_node_is_resource(t)) return 0;
  vitae_buf key = VITAE_BUF_INIT;
  vitae_buf_printf(&key, "%c%c%s", up ? 'u' : 'd', kind ? 'c' : 'p',
                   (const char *)librdf_uri_as_string(librdf_node_get_uri(t)));
  const char *k = vitae_buf_str(&key);
  if (!k) return -1;
  int64_t i = vitae_strmap_get(&a->index, k, -1);
  int rc = 0;
  if (i < 0) {
    terms found = {0};
    rc = neighbours(a, t, kind, up, t, &found);
    /* breadth first: found grows while it is walked */
    for (size_t j = 0; j < found.n && !rc; j++) rc = neighbours(a, found.v[j], kind, up, t, &found);
    if (!rc && a->nanswers == a->cap) {
      size_t cap = a->cap ? 2 * a->cap : 16;
      terms *more = realloc(a->answers, cap * sizeof *more);
      if (more) {
        a->answers = more;
        a->cap = cap;
      } else rc = -1;
    }
    if (!rc && vitae_strmap_put(&a->index, k, (int64_t)a->nanswers) != 0) rc = -1;
    if (rc) terms_free(&found);
    else {
      i = (int64_t)a->nanswers;
      a->answers[a->nanswers++] = found;
    }
  }
  vitae_buf_free(&key);
  if (rc) return -1;
  *out = a->answers[i].v;
  *n = a->answers[i].n;
  return 0;
}

int vq_aligned_below(vq_aligned *a, librdf_node *t, vq_aligned_kind kind,
                     librdf_node *const **out, size_t *n) {
  return answer(a, t, kind, 0, out, n);
}

int vq_aligned_above(vq_aligned *a, librdf_node *t, vq_aligned_kind kind,
                     librdf_node *const **out, size_t *n) {
  return answer(a, t, kind, 1, out, n);
}
