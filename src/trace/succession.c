/* The chain of holders of an office: its tenures by start date, with how
 * each began and ended, and the people the data names as predecessor or
 * successor without a tenure of the office (placed beside the tenure that
 * names them). */
#include <stdlib.h>
#include <string.h>

#include "trace/graph.h"

typedef struct chain {
  tg *g;
  vitae_trace_succession *s;
  vitae_trace_pool *pool;
  size_t cap;
} chain;

/* The refs of (node p ?x), and whether any of those triples is inferred. */
static vitae_trace_ref *refs_of(chain *c, librdf_node *node, tg_pred p, size_t *n,
                                int *inferred) {
  tg_list l = {0};
  tg_targets(c->g, node, p, &l);
  vitae_trace_ref *refs = NULL;
  size_t cap = 0;
  *n = 0;
  for (size_t i = 0; i < l.n; i++) {
    if (librdf_node_is_literal(l.items[i])) continue;
    vitae_trace_ref *r = TP_PUSH(c->pool, refs, *n, cap);
    if (r) *r = tg_ref(c->g, l.items[i], c->pool);
    if (inferred && tg_is_inferred(c->g, node, c->g->pred[p], l.items[i])) *inferred = 1;
  }
  tg_list_free(&l);
  return refs;
}

static void add_tenure(chain *c, librdf_node *t) {
  vitae_trace_tenure *e = TP_PUSH(c->pool, c->s->tenures, c->s->n, c->cap);
  if (!e) return;
  memset(e, 0, sizeof *e);
  char buf[128];
  tg_list holders = {0};
  tg_targets(c->g, t, P_HOLDER, &holders);
  e->holder = holders.n ? tg_ref(c->g, holders.items[0], c->pool)
                        : (vitae_trace_ref){"", "(holder unknown)"};
  tg_list_free(&holders);
  e->tenure = tp_strdup(c->pool, tg_node_iri(t, buf, sizeof buf));
  e->start = tg_value(c->g, t, P_START, c->pool);
  e->end = tg_value(c->g, t, P_END, c->pool);
  const char *acting = tg_value(c->g, t, P_ACTING, c->pool);
  e->acting = acting && (!strcmp(acting, "true") || !strcmp(acting, "1"));
  e->appointed_by = refs_of(c, t, P_APPOINTED_BY, &e->nappointed_by, NULL);
  e->dismissed_by = refs_of(c, t, P_DISMISSED_BY, &e->ndismissed_by, NULL);
  int pred_inf = 0, succ_inf = 0;
  e->predecessors = refs_of(c, t, P_PREDECESSOR, &e->npredecessors, &pred_inf);
  e->successors = refs_of(c, t, P_SUCCESSOR, &e->nsuccessors, &succ_inf);
  e->links_inferred = pred_inf && succ_inf ? "predecessor, successor"
                      : pred_inf           ? "predecessor"
                      : succ_inf           ? "successor"
                                           : "";
  e->note = "";
  size_t ecap = 0;
  tg_node_evidence(c->g, t, c->pool, &e->evidence, &e->nevidence, &ecap);
}

/* A tenure known only by its end ended then, so it started before: it
 * sorts by its end, before a tenure that starts on that date. */
static int by_start(const void *a, const void *b) {
  const vitae_trace_tenure *x = a, *y = b;
  const char *kx = x->start ? x->start : x->end, *ky = y->start ? y->start : y->end;
  int k = vitae_trace_date_compare(kx, ky);
  if (!k) k = (x->start != NULL) - (y->start != NULL);
  if (!k) k = vitae_trace_date_compare(x->end, y->end);
  if (!k) k = strcmp(x->holder.label, y->holder.label);
  return k ? k : strcmp(x->tenure, y->tenure);
}

static int holds_office(const vitae_trace_succession *s, size_t n, const char *iri) {
  for (size_t i = 0; i < n; i++)
    if (s->tenures[i].tenure && !strcmp(s->tenures[i].holder.iri, iri)) return 1;
  return 0;
}

/* Insert an entry for a person named only as a link, at position at. */
static void insert_named(chain *c, size_t at, vitae_trace_ref who, const char *note) {
  for (size_t i = 0; i < c->s->n; i++)
    if (!c->s->tenures[i].tenure && !strcmp(c->s->tenures[i].holder.iri, who.iri)) return;
  if (tp_grow(c->pool, (void **)&c->s->tenures, c->s->n, &c->cap, sizeof *c->s->tenures) != 0)
    return;
  c->s->n++;
  memmove(&c->s->tenures[at + 1], &c->s->tenures[at], (c->s->n - 1 - at) * sizeof *c->s->tenures);
  vitae_trace_tenure *e = &c->s->tenures[at];
  memset(e, 0, sizeof *e);
  e->holder = who;
  e->links_inferred = "";
  e->note = note ? note : "";
}

static void add_named_links(chain *c) {
  for (size_t i = 0; i < c->s->n; i++) {
    vitae_trace_tenure *e = &c->s->tenures[i];
    if (!e->tenure) continue;
    const char *holder = e->holder.label;
    /* copy what we need: insert_named may move the entries */
    size_t np = e->npredecessors, ns = e->nsuccessors;
    vitae_trace_ref *preds = e->predecessors, *succs = e->successors;
    for (size_t k = 0; k < np; k++)
      if (!holds_office(c->s, c->s->n, preds[k].iri)) {
        size_t before = c->s->n;
        insert_named(c, i, preds[k],
                     tp_printf(c->pool, "no tenure of this office in the data; named as "
                                        "predecessor of %s", holder));
        i += c->s->n - before;
      }
    for (size_t k = 0; k < ns; k++)
      if (!holds_office(c->s, c->s->n, succs[k].iri))
        insert_named(c, i + 1, succs[k],
                     tp_printf(c->pool, "no tenure of this office in the data; named as "
                                        "successor of %s", holder));
  }
}

vitae_status vitae_trace_succession_build(vitae_store *store, const char *office_iri,
                                          vitae_trace_succession *out, vitae_error *err) {
  memset(out, 0, sizeof *out);
  tg g;
  if (tg_open(&g, store, err) != VITAE_OK) return err->status;
  chain c = {&g, out, tp_new(), 0};
  out->pool = c.pool;
  librdf_node *office = tg_iri(&g, office_iri);
  if (office && c.pool) {
    out->office = tg_ref(&g, office, c.pool);
    tg_list tenures = {0};
    if (tg_sources(&g, P_OFFICE, office, &tenures) != 0) c.pool->failed = 1;
    for (size_t i = 0; i < tenures.n; i++) add_tenure(&c, tenures.items[i]);
    tg_list_free(&tenures);
    if (out->n) qsort(out->tenures, out->n, sizeof *out->tenures, by_start);
    add_named_links(&c);
  }
  int failed = !office || !c.pool || c.pool->failed;
  if (office) librdf_free_node(office);
  tg_close(&g);
  if (failed) {
    vitae_trace_succession_free(out);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  return VITAE_OK;
}

void vitae_trace_succession_free(vitae_trace_succession *s) {
  if (!s) return;
  tp_free(s->pool);
  memset(s, 0, sizeof *s);
}
