/* Output: the document's entities, facts and tenures as triples in the
 * vocabulary of the contract, each fact traced to its sentence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strjoin.h"
#include "core/strmap.h"
#include "core/vocab.h"
#include "extract/emit.h"

typedef struct emitter {
  vx_doc *d;
  const vx_tenures *ts;
  const char *base;
  char doc_iri[1024];
  vitae_triple_fn fn;
  void *ctx;
  int failed;
  size_t triples, facts;
  size_t statements, events;
  uint8_t *sentence_used;
  vitae_strmap seen; /* facts already written */
  char **iris;       /* each entity's IRI once made (by resolved id); NULL: not yet */
} emitter;

static void triple(emitter *em, const vitae_term *s, const char *p, const vitae_term *o) {
  if (em->failed) return;
  vitae_term pt = {VITAE_TERM_IRI, p, NULL, NULL};
  if (em->fn(em->ctx, s, &pt, o) != 0) em->failed = 1;
  em->triples++;
}

static vitae_term iri(const char *v) { return (vitae_term){VITAE_TERM_IRI, v, NULL, NULL}; }
static vitae_term lit(const char *v) { return (vitae_term){VITAE_TERM_LITERAL, v, NULL, NULL}; }

/* An entity is named a dozen times: its IRI (a slug of its key) is made
 * once per document and kept in em->iris; returns it, or buf when there is
 * no memory to keep it. */
static const char *entity_iri(const emitter *em, int32_t id, char *buf, size_t n) {
  id = vitae_entities_resolve(&em->d->ents, id);
  if (em->iris && em->iris[id]) return em->iris[id]; /* (the same address: see ntcollect.h) */
  const vitae_entity *e = &em->d->ents.items[id];
  char slug[600];
  vitae_name_slug(e->key, slug, sizeof slug);
  vitae_str_join(buf, n, em->base, vitae_entity_type_path(e->type), "/", slug, NULL);
  if (em->iris) em->iris[id] = strdup(buf); /* (without memory: made again next time) */
  return em->iris && em->iris[id] ? em->iris[id] : buf;
}

static void sentence_iri(const emitter *em, uint32_t s, char *out, size_t n) {
  char num[24];
  vitae_str_join(out, n, em->doc_iri, "/sentence/", vitae_str_uint(num, s + 1u), NULL);
}

static void date_term(const vitae_date *d, char *buf, char *dt, vitae_term *t) {
  vitae_date_format(d, buf, VITAE_DATE_FORMAT_MAX);
  vitae_str_join(dt, 64, XSD_NS, vitae_date_xsd_type(d), NULL);
  *t = (vitae_term){VITAE_TERM_LITERAL, buf, dt, NULL};
}

static void date_triple(emitter *em, const vitae_term *s, const char *p, const vitae_date *d) {
  if (!d->year || !vitae_date_valid(d)) return;
  char buf[VITAE_DATE_FORMAT_MAX], dt[64];
  vitae_term o;
  date_term(d, buf, dt, &o);
  triple(em, s, p, &o);
}

static void derived_from(emitter *em, const vitae_term *node, uint32_t sentence) {
  char si[1200];
  sentence_iri(em, sentence, si, sizeof si);
  vitae_term o = iri(si);
  triple(em, node, PROV_NS "wasDerivedFrom", &o);
  em->sentence_used[sentence] = 1;
}

/* A binary fact, reified so that SPARQL finds its sentence. */
static void binary(emitter *em, int32_t s, const char *p, const vitae_term *o, uint32_t sentence) {
  char si_buf[1200], key[3000], node[1200];
  const char *si = entity_iri(em, s, si_buf, sizeof si_buf);
  vitae_str_join(key, sizeof key, si, " ", p, " ", o->value, NULL);
  int64_t seen = vitae_strmap_get(&em->seen, key, -1);
  vitae_term st;
  char num[24];
  if (seen >= 0) {
    /* the same fact again: one more sentence for its evidence */
    vitae_str_join(node, sizeof node, em->doc_iri, "/statement/", vitae_str_uint(num, (unsigned long long)seen), NULL);
    st = iri(node);
    derived_from(em, &st, sentence);
    return;
  }
  size_t k = ++em->statements;
  if (vitae_strmap_put(&em->seen, key, (int64_t)k) != 0) em->failed = em->d->oom = 1;
  vitae_term sub = iri(si);
  triple(em, &sub, p, o);
  vitae_str_join(node, sizeof node, em->doc_iri, "/statement/", vitae_str_uint(num, k), NULL);
  st = iri(node);
  vitae_term type = iri(RDF_NS "Statement"), pred = iri(p);
  triple(em, &st, RDF_NS "type", &type);
  triple(em, &st, RDF_NS "subject", &sub);
  triple(em, &st, RDF_NS "predicate", &pred);
  triple(em, &st, RDF_NS "object", o);
  derived_from(em, &st, sentence);
  em->facts++;
}

static void binary_entity(emitter *em, int32_t s, const char *p, int32_t o, uint32_t sentence) {
  char oi_buf[1200];
  const char *oi = entity_iri(em, o, oi_buf, sizeof oi_buf);
  vitae_term ot = iri(oi);
  em->d->ents.items[o].emitted = 1;
  em->d->ents.items[s].emitted = 1;
  binary(em, s, p, &ot, sentence);
}

static void binary_date(emitter *em, int32_t s, const char *p, const vitae_date *d, uint32_t sentence) {
  if (!d->year || !vitae_date_valid(d)) return;
  char buf[VITAE_DATE_FORMAT_MAX], dt[64];
  vitae_term o;
  date_term(d, buf, dt, &o);
  em->d->ents.items[s].emitted = 1;
  binary(em, s, p, &o, sentence);
}

/* ---- entities ---- */

static void emit_entity(emitter *em, int32_t id) {
  const vitae_entity *e = &em->d->ents.items[id];
  char ei_buf[1200], cls[256];
  const char *ei = entity_iri(em, id, ei_buf, sizeof ei_buf);
  vitae_term s = iri(ei);
  static const char *const base_class[] = {NULL, "Person", "Country", "Place", "Organization",
                                           "Office", "Language", "Treaty"};
  vitae_str_join(cls, sizeof cls, VT_NS, base_class[e->type], NULL);
  vitae_term c = iri(cls);
  /* an entity the text only alludes to ("Portuguese") is described, but
   * only those it names are listed as entities of their class */
  int named = e->mentions > 0 || e->type == VITAE_ENT_OFFICE;
  if (named) triple(em, &s, RDF_NS "type", &c);
  if (named && e->cls && strcmp(e->cls, base_class[e->type])) {
    /* the subclass too, so a reader without the ontology still sees the
     * contract's class */
    vitae_str_join(cls, sizeof cls, VT_NS, e->cls, NULL);
    c = iri(cls);
    triple(em, &s, RDF_NS "type", &c);
  }
  vitae_term l = lit(e->label);
  triple(em, &s, RDFS_NS "label", &l);
  for (size_t i = 0; i < e->nalts; i++) {
    if (!strcmp(e->alts[i].text, e->label) && !e->alts[i].lang[0]) continue;
    vitae_term a = {VITAE_TERM_LITERAL, e->alts[i].text, NULL, e->alts[i].lang[0] ? e->alts[i].lang : NULL};
    triple(em, &s, SKOS_NS "altLabel", &a);
  }
  if (e->type == VITAE_ENT_OFFICE) {
    char oi_buf[1200];
    if (e->jurisdiction >= 0) {
      const char *oi = entity_iri(em, e->jurisdiction, oi_buf, sizeof oi_buf);
      vitae_term o = iri(oi);
      triple(em, &s, VT_NS "jurisdiction", &o);
    }
    if (e->organization >= 0) {
      const char *oi = entity_iri(em, e->organization, oi_buf, sizeof oi_buf);
      vitae_term o = iri(oi);
      triple(em, &s, VT_NS "organization", &o);
    }
  }
}

/* ---- facts ---- */

static const char *const BINARY_PROPS[VX_RELS] = {
    [VX_BIRTH_PLACE] = VT_NS "birthPlace", [VX_PARENT] = VT_NS "parent",
    [VX_SPOUSE] = VT_NS "spouse",          [VX_SIBLING] = VT_NS "sibling",
    [VX_RELATIVE] = VT_NS "relative",      [VX_EDUCATED_AT] = VT_NS "educatedAt",
    [VX_MEMBER_OF] = VT_NS "memberOf",     [VX_NATIONALITY] = VT_NS "nationality",
    [VX_SPEAKS] = VT_NS "speaks",          [VX_SIGNED] = VT_NS "signed",
    [VX_CONGRATULATED] = VT_NS "congratulated"};

static void event(emitter *em, const vx_fact *f) {
  char node[1200], a_buf[1200], b_buf[1200];
  int meeting = f->rel == VX_MET;
  /* one event per pair and date */
  char key[3000];
  const char *a = entity_iri(em, f->s, a_buf, sizeof a_buf);
  const char *b = entity_iri(em, f->o, b_buf, sizeof b_buf);
  char ds[VITAE_DATE_FORMAT_MAX] = "";
  if (f->start.year) vitae_date_format(&f->start, ds, sizeof ds);
  const char *kind = meeting ? "meeting" : "visit";
  int swap = meeting && strcmp(a, b) > 0;
  vitae_str_join(key, sizeof key, kind, " ", swap ? b : a, " ", swap ? a : b, " ", ds, NULL);
  int64_t seen = vitae_strmap_get(&em->seen, key, -1);
  char num[24];
  if (seen >= 0) {
    vitae_str_join(node, sizeof node, em->doc_iri, "/", kind, "/", vitae_str_uint(num, (unsigned long long)seen), NULL);
    vitae_term n = iri(node);
    derived_from(em, &n, f->sentence);
    return;
  }
  size_t k = ++em->events;
  if (vitae_strmap_put(&em->seen, key, (int64_t)k) != 0) em->failed = em->d->oom = 1;
  vitae_str_join(node, sizeof node, em->doc_iri, "/", kind, "/", vitae_str_uint(num, k), NULL);
  vitae_term n = iri(node), type = iri(meeting ? VT_NS "Meeting" : VT_NS "Visit");
  vitae_term ta = iri(a), tb = iri(b);
  triple(em, &n, RDF_NS "type", &type);
  triple(em, &n, meeting ? VT_NS "participant" : VT_NS "visitor", &ta);
  triple(em, &n, meeting ? VT_NS "participant" : VT_NS "destination", &tb);
  /* the contract dates a meeting by vt:date (start and end are a tenure's
   * or a visit's): a meeting over several days is dated by its first */
  if (f->end.year && f->start.year && !meeting) {
    date_triple(em, &n, VT_NS "start", &f->start);
    date_triple(em, &n, VT_NS "end", &f->end);
  } else {
    date_triple(em, &n, VT_NS "date", &f->start);
  }
  if (f->place >= 0) {
    char pi_buf[1200];
    const char *pi = entity_iri(em, f->place, pi_buf, sizeof pi_buf);
    vitae_term p = iri(pi);
    triple(em, &n, VT_NS "location", &p);
    em->d->ents.items[f->place].emitted = 1;
  }
  derived_from(em, &n, f->sentence);
  em->d->ents.items[f->s].emitted = em->d->ents.items[f->o].emitted = 1;
  em->facts++;
}

static void emit_fact(emitter *em, const vx_fact *f) {
  switch (f->rel) {
  case VX_BIRTH_DATE: binary_date(em, f->s, VT_NS "birthDate", &f->start, f->sentence); break;
  case VX_DEATH_DATE: binary_date(em, f->s, VT_NS "deathDate", &f->start, f->sentence); break;
  case VX_POSITION:
  case VX_SUCCEEDED: break; /* in tenures */
  case VX_MET:
  case VX_VISITED: event(em, f); break;
  default:
    if (BINARY_PROPS[f->rel] && f->o >= 0) binary_entity(em, f->s, BINARY_PROPS[f->rel], f->o, f->sentence);
  }
}

static void emit_tenure(emitter *em, const vx_tenure *t, size_t index) {
  char node[2400], hi_buf[1200], oi_buf[1200], hs[600], os[600];
  const vitae_entity *h = &em->d->ents.items[t->holder], *o = &em->d->ents.items[t->office];
  const char *hi = entity_iri(em, t->holder, hi_buf, sizeof hi_buf);
  const char *oi = entity_iri(em, t->office, oi_buf, sizeof oi_buf);
  if (t->start.year) {
    char ds[VITAE_DATE_FORMAT_MAX];
    vitae_date_format(&t->start, ds, sizeof ds);
    vitae_str_join(node, sizeof node, em->base, "tenure/", vitae_name_slug(h->key, hs, sizeof hs), "/",
                   vitae_name_slug(o->key, os, sizeof os), "/", ds, t->acting ? "-acting" : "", NULL);
  } else {
    char num[24];
    vitae_str_join(node, sizeof node, em->doc_iri, "/tenure/", vitae_str_uint(num, index + 1), NULL);
  }
  vitae_term n = iri(node), type = iri(VT_NS "Tenure"), ht = iri(hi), ot = iri(oi);
  triple(em, &n, RDF_NS "type", &type);
  triple(em, &n, VT_NS "holder", &ht);
  triple(em, &n, VT_NS "office", &ot);
  date_triple(em, &n, VT_NS "start", &t->start);
  date_triple(em, &n, VT_NS "end", &t->end);
  if (t->acting) {
    vitae_term yes = {VITAE_TERM_LITERAL, "true", XSD_NS "boolean", NULL};
    triple(em, &n, VT_NS "acting", &yes);
  }
  const struct { int32_t who; const char *p; } links[] = {
      {t->predecessor, VT_NS "predecessor"}, {t->successor, VT_NS "successor"},
      {t->appointed_by, VT_NS "appointedBy"}, {t->dismissed_by, VT_NS "dismissedBy"}};
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
    if (links[i].who < 0) continue;
    char wi_buf[1200];
    const char *wi = entity_iri(em, links[i].who, wi_buf, sizeof wi_buf);
    vitae_term w = iri(wi);
    triple(em, &n, links[i].p, &w);
    em->d->ents.items[links[i].who].emitted = 1;
  }
  for (size_t i = 0; i < t->nsentences; i++) derived_from(em, &n, t->sentences[i]);
  em->d->ents.items[t->holder].emitted = em->d->ents.items[t->office].emitted = 1;
  em->facts++;
}

static void emit_sentences(emitter *em, const vitae_text *text, const vitae_sentences *ss) {
  vitae_term doc = iri(em->doc_iri);
  size_t ns = vitae_sentences_count(ss), nh = vitae_sentences_heading_count(ss);
  for (size_t i = 0; i < ns + nh; i++) {
    if (!em->sentence_used[i]) continue;
    /* evidence is a sentence, or the heading of a section */
    const vitae_sentence *s = i < ns ? vitae_sentences_get(ss, i) : NULL;
    const vitae_heading *h = i < ns ? NULL : vitae_sentences_heading(ss, i - ns);
    vitae_sentence span = {0, 0, 0, -1};
    if (h) {
      span.begin = h->begin;
      span.end = h->end;
      s = &span;
    }
    char si[1200], b[24], e[24];
    sentence_iri(em, (uint32_t)i, si, sizeof si);
    vitae_term n = iri(si), type = iri(VT_NS "Sentence");
    triple(em, &n, RDF_NS "type", &type);
    char *copy = strndup(em->d->text + s->begin, s->end - s->begin);
    if (!copy) {
      em->failed = em->d->oom = 1;
      return;
    }
    vitae_term t = lit(copy);
    triple(em, &n, VT_NS "text", &t);
    free(copy);
    triple(em, &n, VT_NS "document", &doc);
    vitae_term bt = {VITAE_TERM_LITERAL, vitae_str_uint(b, vitae_text_codepoint_offset(text, s->begin)),
                     XSD_NS "integer", NULL};
    vitae_term et = {VITAE_TERM_LITERAL, vitae_str_uint(e, vitae_text_codepoint_offset(text, s->end)),
                     XSD_NS "integer", NULL};
    triple(em, &n, VT_NS "beginOffset", &bt);
    triple(em, &n, VT_NS "endOffset", &et);
  }
}

int vx_emit(vx_doc *d, const vx_tenures *ts, const vitae_text *text, const vitae_sentences *ss,
            const char *base, const char *doc_slug, const char *source_name, vitae_triple_fn fn,
            void *ctx, size_t *triples, size_t *facts) {
  emitter em = {0};
  em.d = d;
  em.ts = ts;
  em.base = base;
  em.fn = fn;
  em.ctx = ctx;
  vitae_str_join(em.doc_iri, sizeof em.doc_iri, base, "document/", doc_slug, NULL);
  size_t ns = vitae_sentences_count(ss);
  size_t nh = vitae_sentences_heading_count(ss);
  em.sentence_used = calloc(ns + nh + 1, 1);
  em.iris = calloc(d->ents.n + 1, sizeof *em.iris); /* (without memory: no memo) */
  if (!em.sentence_used) {
    free(em.iris); /* found by tests/alloc/failalloc.sh under LeakSanitizer */
    d->oom = 1;
    return -1;
  }
  vitae_term doc = iri(em.doc_iri), type = iri(VT_NS "Document"), src = lit(source_name);
  triple(&em, &doc, RDF_NS "type", &type);
  triple(&em, &doc, VT_NS "sourceFile", &src);
  if (d->subject >= 0) {
    char si_buf[1200];
    const char *si = entity_iri(&em, d->subject, si_buf, sizeof si_buf);
    vitae_term s = iri(si);
    triple(&em, &doc, SCHEMA_NS "about", &s);
    d->ents.items[d->subject].emitted = 1;
  }
  for (size_t i = 0; i < d->nfacts; i++) emit_fact(&em, &d->facts[i]);
  for (size_t i = 0; i < ts->n; i++) emit_tenure(&em, &ts->items[i], i);
  for (size_t i = 0; i < d->ents.n; i++) {
    const vitae_entity *e = &d->ents.items[i];
    if ((e->mentions || e->emitted) && e->same_as < 0) emit_entity(&em, (int32_t)i);
  }
  emit_sentences(&em, text, ss);
  free(em.sentence_used);
  for (size_t i = 0; em.iris && i < d->ents.n; i++) free(em.iris[i]);
  free(em.iris);
  vitae_strmap_free(&em.seen);
  *triples = em.triples;
  *facts = em.facts;
  return em.failed ? -1 : 0;
}
