/* The people around a person: meetings, family, appointments, dismissals,
 * succession in office and congratulations, walked breadth-first to a
 * given depth. */
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "trace/graph.h"

typedef struct walk {
  tg *g;
  vitae_trace_network *net;
  vitae_trace_pool *pool;
  size_t pcap, ecap;
  vitae_strmap people; /* IRI -> index */
  vitae_strmap edges;  /* edge key -> index */
  int failed;
} walk;

/* The index of the person n, added at distance d when new. */
static size_t person(walk *w, librdf_node *n, int d) {
  char buf[128];
  const char *iri = tg_node_iri(n, buf, sizeof buf);
  int64_t i = vitae_strmap_get(&w->people, iri, -1);
  if (i >= 0) return (size_t)i;
  vitae_trace_person *p = TP_PUSH(w->pool, w->net->people, w->net->npeople, w->pcap);
  if (!p) return 0;
  p->ref = tg_ref(w->g, n, w->pool);
  p->distance = d;
  if (vitae_strmap_put(&w->people, p->ref.iri, (int64_t)(w->net->npeople - 1)) != 0) w->failed = 1;
  return w->net->npeople - 1;
}

typedef struct tie {
  const char *relation;
  int directed;
  const char *date, *place, *office;
  int inferred;
  librdf_node *evidence_node; /* a tenure or meeting: its prov:wasDerivedFrom */
  librdf_node *s, *p, *o;     /* or a triple: its reifications */
} tie;

/* Add (or merge into an equal one) the edge from a to b. */
static void add_edge(walk *w, librdf_node *a, librdf_node *b, int d, const tie *t) {
  if (librdf_node_equals(a, b)) return;
  size_t from = person(w, a, d + 1), to = person(w, b, d + 1);
  const vitae_trace_person *pf = &w->net->people[from], *pt = &w->net->people[to];
  /* an undirected tie reads from the person nearer the centre */
  if (!t->directed && (pf->distance > pt->distance ||
                       (pf->distance == pt->distance && strcmp(pf->ref.iri, pt->ref.iri) > 0))) {
    size_t x = from;
    from = to;
    to = x;
    pf = &w->net->people[from];
    pt = &w->net->people[to];
  }
  char *key = tp_printf(w->pool, "%s\x01%s\x01%s\x01%s\x01%s", t->relation, t->date ? t->date : "",
                        t->office ? t->office : "", pf->ref.iri, pt->ref.iri);
  if (!key) return;
  int64_t i = vitae_strmap_get(&w->edges, key, -1);
  vitae_trace_edge *e;
  size_t ecap = 0;
  if (i >= 0) {
    e = &w->net->edges[i];
    e->inferred &= t->inferred;
    ecap = e->nevidence; /* evidence arrays grow by copying: start from full */
  } else {
    if (!(e = TP_PUSH(w->pool, w->net->edges, w->net->nedges, w->ecap))) return;
    memset(e, 0, sizeof *e);
    e->from = from;
    e->to = to;
    e->relation = t->relation;
    e->directed = t->directed;
    e->date = tp_strdup(w->pool, t->date);
    e->place = tp_strdup(w->pool, t->place);
    e->office = tp_strdup(w->pool, t->office);
    e->inferred = t->inferred;
    if (vitae_strmap_put(&w->edges, key, (int64_t)(w->net->nedges - 1)) != 0) w->failed = 1;
  }
  if (t->evidence_node) tg_node_evidence(w->g, t->evidence_node, w->pool, &e->evidence, &e->nevidence, &ecap);
  else if (t->s) tg_triple_evidence(w->g, t->s, t->p, t->o, w->pool, &e->evidence, &e->nevidence, &ecap);
}

static void meetings(walk *w, librdf_node *x, int d) {
  tg_list ms = {0};
  tg_sources(w->g, P_PARTICIPANT, x, &ms);
  for (size_t i = 0; i < ms.n; i++) {
    librdf_node *m = ms.items[i];
    tie t = {"met", 0, tg_value(w->g, m, P_DATE, w->pool), NULL, NULL, 0, m, NULL, NULL, NULL};
    if (!t.date) t.date = tg_value(w->g, m, P_START, w->pool);
    tg_list where = {0}, who = {0};
    tg_targets(w->g, m, P_LOCATION, &where);
    if (where.n) t.place = tg_ref(w->g, where.items[0], w->pool).label;
    tg_targets(w->g, m, P_PARTICIPANT, &who);
    for (size_t k = 0; k < who.n; k++) add_edge(w, x, who.items[k], d, &t);
    tg_list_free(&where);
    tg_list_free(&who);
  }
  tg_list_free(&ms);
}

/* Whether an edge of this relation joins the two (in either direction). */
static int joined(walk *w, librdf_node *a, librdf_node *b, const char *relation) {
  char ba[128], bb[128];
  int64_t i = vitae_strmap_get(&w->people, tg_node_iri(a, ba, sizeof ba), -1);
  int64_t k = vitae_strmap_get(&w->people, tg_node_iri(b, bb, sizeof bb), -1);
  if (i < 0 || k < 0) return 0;
  for (size_t e = 0; e < w->net->nedges; e++) {
    const vitae_trace_edge *x = &w->net->edges[e];
    if ((relation ? !strcmp(x->relation, relation) : 1) &&
        ((x->from == (size_t)i && x->to == (size_t)k) || (x->from == (size_t)k && x->to == (size_t)i)))
      return 1;
  }
  return 0;
}

/* Triples (x p y) and (y p x): an edge each, from the subject when directed
 * (or from the object, flip), asserted or inferred.  skip_joined: only
 * between people with no edge of relation skip_joined yet. */
static void triples(walk *w, librdf_node *x, int d, tg_pred p, const char *relation,
                    int directed, int flip, int asserted_only, const char *skip_joined) {
  for (int incoming = 0; incoming < 2; incoming++) {
    tg_list l = {0};
    if (incoming) tg_sources(w->g, p, x, &l);
    else tg_targets(w->g, x, p, &l);
    for (size_t i = 0; i < l.n; i++) {
      librdf_node *y = l.items[i];
      if (!librdf_node_is_resource(y)) continue;
      librdf_node *s = incoming ? y : x, *o = incoming ? x : y;
      tie t = {relation, directed, NULL, NULL, NULL, tg_is_inferred(w->g, s, w->g->pred[p], o),
               NULL, s, w->g->pred[p], o};
      if (asserted_only && t.inferred) continue;
      if (skip_joined && joined(w, x, y, skip_joined)) continue;
      add_edge(w, flip ? o : s, flip ? s : o, d, &t);
    }
    tg_list_free(&l);
  }
}

static void family(walk *w, librdf_node *x, int d) {
  triples(w, x, d, P_SPOUSE, "spouse", 0, 0, 0, NULL);
  triples(w, x, d, P_SIBLING, "sibling", 0, 0, 0, NULL);
  triples(w, x, d, P_PARENT, "child of", 1, 0, 0, NULL); /* x parent y: x child of y */
  triples(w, x, d, P_CHILD, "child of", 1, 1, 0, NULL);  /* x child y: y child of x */
  triples(w, x, d, P_RELATIVE, "relative", 0, 0, 0, NULL);
  triples(w, x, d, P_CONGRATULATED, "congratulated", 1, 0, 1, NULL);
  /* a vt:metWith stated without a meeting node (inferred ones come from meetings) */
  triples(w, x, d, P_METWITH, "met", 0, 0, 1, "met");
}

/* Drop "relative" edges between people a more precise tie joins already. */
static void prune_relatives(walk *w) {
  size_t k = 0;
  for (size_t i = 0; i < w->net->nedges; i++) {
    const vitae_trace_edge *e = &w->net->edges[i];
    int redundant = 0;
    for (size_t j = 0; j < w->net->nedges && !strcmp(e->relation, "relative") && !redundant; j++) {
      const vitae_trace_edge *o = &w->net->edges[j];
      redundant = j != i && strcmp(o->relation, "relative") != 0 &&
                  (!strcmp(o->relation, "spouse") || !strcmp(o->relation, "sibling") ||
                   !strcmp(o->relation, "child of")) &&
                  ((o->from == e->from && o->to == e->to) || (o->from == e->to && o->to == e->from));
    }
    if (!redundant) w->net->edges[k++] = *e;
  }
  w->net->nedges = k;
}

/* Ties through one tenure t held by h; with only, just those to that person
 * (a tenure of someone else that names x ties x, not its other people). */
static void tenure_ties(walk *w, librdf_node *t, librdf_node *h, librdf_node *only, int d) {
  tg_list offices = {0};
  tg_targets(w->g, t, P_OFFICE, &offices);
  const char *office = offices.n ? tg_ref(w->g, offices.items[0], w->pool).label : NULL;
  tg_list_free(&offices);
  const char *start = tg_value(w->g, t, P_START, w->pool), *end = tg_value(w->g, t, P_END, w->pool);
  static const struct {
    tg_pred p;
    const char *relation;
    int holder_first;
    int at_end;
  } roles[] = {{P_APPOINTED_BY, "appointed", 0, 0},
               {P_DISMISSED_BY, "dismissed", 0, 1},
               {P_PREDECESSOR, "succeeded by", 0, 0},
               {P_SUCCESSOR, "succeeded by", 1, 1}};
  for (size_t r = 0; r < sizeof roles / sizeof *roles; r++) {
    tg_list l = {0};
    tg_targets(w->g, t, roles[r].p, &l);
    for (size_t i = 0; i < l.n; i++) {
      if (!librdf_node_is_resource(l.items[i])) continue;
      if (only && !librdf_node_equals(only, l.items[i])) continue;
      tie tt = {roles[r].relation, 1, roles[r].at_end ? end : start, NULL, office,
                tg_is_inferred(w->g, t, w->g->pred[roles[r].p], l.items[i]), t, NULL, NULL, NULL};
      if (roles[r].holder_first) add_edge(w, h, l.items[i], d, &tt);
      else add_edge(w, l.items[i], h, d, &tt);
    }
    tg_list_free(&l);
  }
}

static void tenures(walk *w, librdf_node *x, int d) {
  tg_list held = {0};
  tg_sources(w->g, P_HOLDER, x, &held);
  for (size_t i = 0; i < held.n; i++) tenure_ties(w, held.items[i], x, NULL, d);
  tg_list_free(&held);
  /* tenures of others that name x: appointer, dismisser, predecessor, successor */
  static const tg_pred roles[] = {P_APPOINTED_BY, P_DISMISSED_BY, P_PREDECESSOR, P_SUCCESSOR};
  for (size_t r = 0; r < sizeof roles / sizeof *roles; r++) {
    tg_list ts = {0};
    tg_sources(w->g, roles[r], x, &ts);
    for (size_t i = 0; i < ts.n; i++) {
      tg_list hs = {0};
      tg_targets(w->g, ts.items[i], P_HOLDER, &hs);
      if (hs.n) tenure_ties(w, ts.items[i], hs.items[0], x, d);
      tg_list_free(&hs);
    }
    tg_list_free(&ts);
  }
}

/* The people of the network being sorted: qsort() takes no user pointer. */
static const vitae_trace_person *sort_people;

static int nearest(const vitae_trace_edge *e) {
  int a = sort_people[e->from].distance, b = sort_people[e->to].distance;
  return a < b ? a : b;
}

static int edge_order(const void *a, const void *b) {
  const vitae_trace_edge *x = a, *y = b;
  const vitae_trace_person *p = sort_people;
  int c = nearest(x) - nearest(y);
  if (!c) c = strcmp(x->relation, y->relation);
  if (!c) c = vitae_trace_date_compare(x->date, y->date);
  if (!c) c = strcmp(p[x->from].ref.label, p[y->from].ref.label);
  if (!c) c = strcmp(p[x->to].ref.label, p[y->to].ref.label);
  return c;
}

vitae_status vitae_trace_network_build(vitae_store *store, const char *iri, int depth,
                                       vitae_trace_network *out, vitae_error *err) {
  memset(out, 0, sizeof *out);
  if (depth < 1 || depth > VITAE_TRACE_MAX_DEPTH)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "depth must be 1 to %d",
                           VITAE_TRACE_MAX_DEPTH);
  tg g;
  if (tg_open(&g, store, err) != VITAE_OK) return err->status;
  walk w = {&g, out, tp_new(), 0, 0, VITAE_STRMAP_INIT, VITAE_STRMAP_INIT, 0};
  out->pool = w.pool;
  out->depth = depth;
  librdf_node *centre = tg_iri(&g, iri);
  if (centre && w.pool) {
    person(&w, centre, 0);
    /* breadth first: people are appended in order of distance */
    for (size_t i = 0; i < out->npeople && !w.pool->failed && !w.failed; i++) {
      int d = out->people[i].distance;
      if (d >= depth) break;
      librdf_node *x = tg_iri(&g, out->people[i].ref.iri);
      if (!x) {
        w.failed = 1;
        break;
      }
      meetings(&w, x, d);
      tenures(&w, x, d);
      family(&w, x, d);
      librdf_free_node(x);
    }
    prune_relatives(&w);
  }
  int failed = !centre || !w.pool || w.pool->failed || w.failed;
  if (centre) librdf_free_node(centre);
  vitae_strmap_free(&w.people);
  vitae_strmap_free(&w.edges);
  tg_close(&g);
  if (failed) {
    vitae_trace_network_free(out);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  sort_people = out->people;
  if (out->nedges) qsort(out->edges, out->nedges, sizeof *out->edges, edge_order);
  sort_people = NULL;
  return VITAE_OK;
}

void vitae_trace_network_free(vitae_trace_network *n) {
  if (!n) return;
  tp_free(n->pool);
  memset(n, 0, sizeof *n);
}
