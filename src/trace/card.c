/* The entity card (describe) and the timeline built from it: the triples
 * about an entity, the tenures, meetings and visits it is part of, each
 * with its evidence sentences. */
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/vocab.h"
#include "trace/graph.h"

/* The groups, in the order a card shows them. */
static const char *const GROUPS[] = {"Life",       "Offices", "Holders",  "Family",
                                     "Education",  "Memberships", "Meetings", "Visits",
                                     "Succession", "Treaties", "Other",    "Referenced by",
                                     NULL};

/* How a vt: property is shown: its group, the words for (entity P x) and
 * for (x P entity).  Properties not listed go to "Other" under their own
 * name ("<-name" when incoming). */
typedef struct prop_view {
  const char *name, *group, *out, *in;
} prop_view;

static const prop_view PROPS[] = {
    {"birthDate", "Life", "born", NULL},
    {"deathDate", "Life", "died", NULL},
    {"birthPlace", "Life", "born in", "birthplace of"},
    {"nationality", "Life", "nationality", "nationality of"},
    {"speaks", "Life", "speaks", "spoken by"},
    {"spouse", "Family", "spouse", "spouse of"},
    {"parent", "Family", "parent", "parent of"},
    {"child", "Family", "child", "child of"},
    {"sibling", "Family", "sibling", "sibling of"},
    {"relative", "Family", "relative", "relative of"},
    {"educatedAt", "Education", "educated at", "alma mater of"},
    {"memberOf", "Memberships", "member of", "has member"},
    {"metWith", "Meetings", "met with", "met with"},
    {"visited", "Visits", "visited", "visited by"},
    {"signed", "Treaties", "signed", "signed by"},
    {"succeeded", "Succession", "succeeded", "succeeded by"},
    {"succeededBy", "Succession", "succeeded by", "succeeded"},
    {"succeededTransitively", "Succession", "came after", "came before"},
    {"congratulated", "Other", "congratulated", "congratulated by"},
    {"jurisdiction", "Other", "jurisdiction", "jurisdiction of"},
    {"organization", "Other", "organization", "organization of"},
    {"locatedIn", "Other", "located in", "contains"},
    {NULL, NULL, NULL, NULL}};

/* Triples that are not facts of their own: names and types (in the card's
 * head), the parts of tenures, meetings, visits and provenance. */
static const char *const SKIPPED[] = {
    RDF_NS "type", RDFS_NS "label", SKOS_NS "altLabel", VT_NS "holder", VT_NS "office",
    VT_NS "start", VT_NS "end", VT_NS "date", VT_NS "acting", VT_NS "predecessor",
    VT_NS "successor", VT_NS "appointedBy", VT_NS "dismissedBy", VT_NS "participant",
    VT_NS "visitor", VT_NS "destination", VT_NS "location", PROV_NS "wasDerivedFrom",
    VT_NS "text", VT_NS "document", VT_NS "beginOffset", VT_NS "endOffset", VT_NS "sourceFile",
    RDF_NS "subject", RDF_NS "predicate", RDF_NS "object", NULL};

typedef struct builder {
  tg *g;
  librdf_node *entity;
  vitae_trace_card *card;
  vitae_trace_pool *pool;
  size_t cap;
} builder;

static int skipped(const char *iri) {
  for (const char *const *s = SKIPPED; *s; s++)
    if (!strcmp(*s, iri)) return 1;
  return 0;
}

static const prop_view *view_of(const char *iri) {
  size_t k = strlen(VT_NS);
  if (strncmp(iri, VT_NS, k) != 0) return NULL;
  for (const prop_view *v = PROPS; v->name; v++)
    if (!strcmp(v->name, iri + k)) return v;
  return NULL;
}

static vitae_trace_fact *new_fact(builder *b, vitae_trace_kind kind, const char *group,
                                  const char *relation) {
  vitae_trace_fact *f = TP_PUSH(b->pool, b->card->facts, b->card->nfacts, b->cap);
  if (!f) return NULL;
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->group = group;
  f->relation = relation ? relation : "";
  f->notes = "";
  return f;
}

static void add_object(builder *b, vitae_trace_fact *f, librdf_node *n, size_t *cap) {
  vitae_trace_ref *r = TP_PUSH(b->pool, f->objects, f->nobjects, *cap);
  if (r) *r = tg_ref(b->g, n, b->pool);
}

/* Whether a fact of the group already names this object (so an inferred
 * tie that restates it, a relative who is a spouse, is left out). */
static int group_has_object(const builder *b, const char *group, const char *iri) {
  for (size_t i = 0; i < b->card->nfacts; i++) {
    const vitae_trace_fact *f = &b->card->facts[i];
    if (strcmp(f->group, group) != 0) continue;
    for (size_t k = 0; k < f->nobjects; k++)
      if (*iri && !strcmp(f->objects[k].iri, iri)) return 1;
  }
  return 0;
}

/* One triple as a fact; inferred ones only when they add something. */
static void add_triple(builder *b, librdf_statement *t, int incoming, int want_inferred) {
  librdf_node *s = librdf_statement_get_subject(t), *p = librdf_statement_get_predicate(t),
              *o = librdf_statement_get_object(t);
  const char *piri = (const char *)librdf_uri_as_string(librdf_node_get_uri(p));
  if (skipped(piri)) return;
  int inferred = tg_is_inferred(b->g, s, p, o);
  if (inferred != want_inferred) return;
  const prop_view *v = view_of(piri);
  if (inferred && !v) return; /* aligned copies (schema:, wdt:) add nothing */
  librdf_node *other = incoming ? s : o;
  if (incoming && !librdf_node_is_resource(other)) return;
  /* incoming ties from tenures, meetings, statements: shown elsewhere */
  if (incoming && !tg_value(b->g, other, P_LABEL, b->pool)) return;
  const char *group = incoming && !(v && !strcmp(v->group, "Family")) ? "Referenced by"
                      : v                                              ? v->group
                                                                       : "Other";
  char buf[128];
  if (inferred && group_has_object(b, group, tg_node_iri(other, buf, sizeof buf))) return;
  const char *rel = v ? (incoming ? v->in : v->out) : NULL;
  if (!rel) rel = tp_printf(b->pool, "%s%s", incoming ? "<-" : "", piri);
  vitae_trace_fact *f = new_fact(b, VITAE_TRACE_FACT, group, rel);
  if (!f) return;
  f->incoming = incoming;
  f->inferred = inferred;
  size_t cap = 0, ecap = 0;
  if (librdf_node_is_literal(other)) {
    f->value = tp_strdup(b->pool, tg_literal(other));
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(other);
    const char *dts = dt ? (const char *)librdf_uri_as_string(dt) : "";
    if (!strncmp(dts, XSD_NS "date", strlen(XSD_NS "date")) || !strcmp(dts, XSD_NS "gYear") ||
        !strcmp(dts, XSD_NS "gYearMonth"))
      f->start = f->value;
  } else {
    add_object(b, f, other, &cap);
  }
  tg_triple_evidence(b->g, s, p, o, b->pool, &f->evidence, &f->nevidence, &ecap);
}

static void add_triples(builder *b, int incoming, int want_inferred) {
  librdf_statement *q = librdf_new_statement_from_nodes(
      b->g->world, incoming ? NULL : librdf_new_node_from_node(b->entity), NULL,
      incoming ? librdf_new_node_from_node(b->entity) : NULL);
  if (!q) {
    b->pool->failed = 1;
    return;
  }
  librdf_stream *st = librdf_model_find_statements(b->g->model, q);
  /* the stream gives a triple once per graph it is in */
  vitae_strmap seen = VITAE_STRMAP_INIT;
  for (; st && !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_statement *t = librdf_stream_get_object(st);
    char *key = tg_triple_key(t);
    int fresh = key && vitae_strmap_get(&seen, key, 0) == 0;
    if (fresh && vitae_strmap_put(&seen, key, 1) != 0) b->pool->failed = 1;
    free(key);
    if (fresh) add_triple(b, t, incoming, want_inferred);
  }
  vitae_strmap_free(&seen);
  if (st) librdf_free_stream(st);
  librdf_free_statement(q);
}

static const char *tenure_notes(builder *b, librdf_node *t) {
  static const struct {
    tg_pred p;
    const char *words;
  } parts[] = {{P_APPOINTED_BY, "appointed by"},
               {P_DISMISSED_BY, "dismissed by"},
               {P_PREDECESSOR, "after"},
               {P_SUCCESSOR, "before"}};
  char *notes = "";
  const char *acting = tg_value(b->g, t, P_ACTING, b->pool);
  if (acting && (!strcmp(acting, "true") || !strcmp(acting, "1"))) notes = "acting";
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    tg_list l = {0};
    tg_targets(b->g, t, parts[i].p, &l);
    for (size_t k = 0; k < l.n; k++) {
      vitae_trace_ref r = tg_ref(b->g, l.items[k], b->pool);
      int inf = tg_is_inferred(b->g, t, b->g->pred[parts[i].p], l.items[k]);
      notes = tp_printf(b->pool, "%s%s%s %s%s", notes, *notes ? "; " : "", parts[i].words,
                        r.label, inf ? " (inferred)" : "");
      if (!notes) notes = "";
    }
    tg_list_free(&l);
  }
  return notes;
}

/* Tenures (entity as holder, or as the office), meetings, visits. */
static void add_events(builder *b, tg_pred role, vitae_trace_kind kind, const char *group,
                       const char *relation, tg_pred other_role) {
  tg_list nodes = {0};
  tg_sources(b->g, role, b->entity, &nodes);
  for (size_t i = 0; i < nodes.n; i++) {
    librdf_node *n = nodes.items[i];
    vitae_trace_fact *f = new_fact(b, kind, group, relation);
    if (!f) break;
    char buf[128];
    f->node = tp_strdup(b->pool, tg_node_iri(n, buf, sizeof buf));
    f->start = tg_value(b->g, n, P_START, b->pool);
    if (!f->start) f->start = tg_value(b->g, n, P_DATE, b->pool);
    f->end = tg_value(b->g, n, P_END, b->pool);
    tg_list others = {0}, places = {0};
    tg_targets(b->g, n, other_role, &others);
    size_t cap = 0, ecap = 0;
    for (size_t k = 0; k < others.n; k++)
      if (!librdf_node_equals(others.items[k], b->entity)) add_object(b, f, others.items[k], &cap);
    tg_targets(b->g, n, P_LOCATION, &places);
    if (places.n) f->place = tg_ref(b->g, places.items[0], b->pool).label;
    tg_list_free(&others);
    tg_list_free(&places);
    if (kind == VITAE_TRACE_TENURE) f->notes = tenure_notes(b, n);
    tg_node_evidence(b->g, n, b->pool, &f->evidence, &f->nevidence, &ecap);
  }
  tg_list_free(&nodes);
}

static int group_rank(const char *group) {
  int i = 0;
  for (; GROUPS[i]; i++)
    if (!strcmp(GROUPS[i], group)) return i;
  return i;
}

static int by_group_then_date(const void *a, const void *b) {
  const vitae_trace_fact *x = a, *y = b;
  int c = group_rank(x->group) - group_rank(y->group);
  if (c) return c;
  c = vitae_trace_date_compare(x->start, y->start);
  if (c) return c;
  c = strcmp(x->relation, y->relation);
  if (c) return c;
  const char *xl = x->nobjects ? x->objects[0].label : x->value ? x->value : "";
  const char *yl = y->nobjects ? y->objects[0].label : y->value ? y->value : "";
  c = strcmp(xl, yl);
  return c ? c : strcmp(x->node ? x->node : "", y->node ? y->node : "");
}

static void add_head(builder *b) {
  vitae_trace_card *card = b->card;
  card->entity = tg_ref(b->g, b->entity, b->pool);
  tg_list l = {0};
  size_t cap = 0;
  char buf[128];
  tg_targets(b->g, b->entity, P_TYPE, &l);
  for (size_t i = 0; i < l.n; i++) {
    const char **t = TP_PUSH(b->pool, card->types, card->ntypes, cap);
    if (t) *t = tp_strdup(b->pool, tg_node_iri(l.items[i], buf, sizeof buf));
  }
  tg_list_free(&l);
  tg_targets(b->g, b->entity, P_ALT, &l);
  cap = 0;
  for (size_t i = 0; i < l.n; i++) {
    const char *lang = librdf_node_get_literal_value_language(l.items[i]);
    const char **a = TP_PUSH(b->pool, card->alt_labels, card->nalt, cap);
    if (a) *a = lang ? tp_printf(b->pool, "%s@%s", tg_literal(l.items[i]), lang)
                     : tp_strdup(b->pool, tg_literal(l.items[i]));
  }
  tg_list_free(&l);
}

vitae_status vitae_trace_card_build(vitae_store *store, const char *iri, vitae_trace_card *out,
                                    vitae_error *err) {
  memset(out, 0, sizeof *out);
  tg g;
  if (tg_open(&g, store, err) != VITAE_OK) return err->status;
  builder b = {&g, tg_iri(&g, iri), out, tp_new(), 0};
  out->pool = b.pool;
  if (b.entity && b.pool) {
    add_head(&b);
    add_triples(&b, 0, 0);
    add_events(&b, P_HOLDER, VITAE_TRACE_TENURE, "Offices", "office", P_OFFICE);
    add_events(&b, P_OFFICE, VITAE_TRACE_TENURE, "Holders", "held by", P_HOLDER);
    add_events(&b, P_PARTICIPANT, VITAE_TRACE_MEETING, "Meetings", "met", P_PARTICIPANT);
    add_events(&b, P_VISITOR, VITAE_TRACE_VISIT, "Visits", "visited", P_DESTINATION);
    add_events(&b, P_DESTINATION, VITAE_TRACE_VISIT, "Visits", "visited by", P_VISITOR);
    add_triples(&b, 1, 0);
    add_triples(&b, 0, 1); /* inferred last: kept only where they add a tie */
  }
  int failed = !b.entity || !b.pool || b.pool->failed;
  if (b.entity) librdf_free_node(b.entity);
  tg_close(&g);
  if (failed) {
    vitae_trace_card_free(out);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (out->nfacts) qsort(out->facts, out->nfacts, sizeof *out->facts, by_group_then_date);
  return VITAE_OK;
}

void vitae_trace_card_free(vitae_trace_card *card) {
  if (!card) return;
  tp_free(card->pool);
  memset(card, 0, sizeof *card);
}
