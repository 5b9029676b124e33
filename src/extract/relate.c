/* Relations: the rule tables (ontology/rules/ files) matched over a
 * sentence's mentions, and each match turned into facts.  The rules say
 * where the parties stand; this file says what each relation means. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/doc.h"

vx_fact *vx_add_fact(vx_doc *d, vx_rel rel, int32_t s, int32_t o) {
  if (d->nfacts == d->capfacts) {
    size_t cap = d->capfacts ? 2 * d->capfacts : 64;
    vx_fact *p = realloc(d->facts, cap * sizeof *p);
    if (!p) {
      d->oom = 1;
      return NULL;
    }
    d->facts = p;
    d->capfacts = cap;
  }
  vx_fact *f = &d->facts[d->nfacts++];
  memset(f, 0, sizeof *f);
  f->rel = (uint8_t)rel;
  f->s = s;
  f->o = o;
  f->office = f->by = f->place = -1;
  f->sentence = (uint32_t)d->cur.index;
  return f;
}

/* ---- reading a match ---- */

typedef struct view {
  vx_doc *d;
  const vitae_rule_match *m;
} view;

static const vx_mention *slot(const view *v, vitae_slot s) {
  int32_t item = v->m->slot[s];
  if (item < 0) return NULL;
  const vitae_item *it = &v->d->cur.items[item];
  return it->ref >= 0 ? &v->d->cur.men[it->ref] : NULL;
}

static int32_t slot_entity(const view *v, vitae_slot s) {
  const vx_mention *m = slot(v, s);
  return m ? m->entity : -1;
}

static int flag(const view *v, const char *name) {
  size_t k = strlen(name);
  for (const char *p = v->m->flags; p && *p;) {
    while (*p == ' ') p++;
    if (!strncmp(p, name, k) && (p[k] == ' ' || p[k] == '\0')) return 1;
    p = strchr(p, ' ');
  }
  return 0;
}

/* Token range of the match. */
static void match_tokens(const view *v, size_t *first, size_t *last) {
  const vitae_item *a = &v->d->cur.items[v->m->first], *b = &v->d->cur.items[v->m->last];
  *first = a->tok;
  *last = b->tok + b->ntok - 1;
}

/* Negation or modality anywhere in the matched words (or just before them)
 * means the sentence does not state the fact: "declined the post", "was
 * expected to become", "would meet", "did not sign". */
static int hedged(const view *v) {
  size_t first, last;
  match_tokens(v, &first, &last);
  first = first >= 3 ? first - 3 : 0;
  for (size_t k = first; k <= last && k < v->d->cur.ntok; k++) {
    if (v->d->cur.tok_men[k] >= 0) continue; /* "May 2022" is a month, not a modal verb */
    unsigned wc = vitae_lexicon_word_class(v->d->lex, v->d->text, &v->d->cur.tok[k]);
    /* flag "candidacy": standing for a party states membership, though a
     * candidate holds no office yet */
    if (wc & (VITAE_WORD_NEGATION | (flag(v, "candidacy") ? 0u : VITAE_WORD_MODAL))) return 1;
  }
  return 0;
}

/* The subject when the rule binds none: the first person the sentence
 * names outside the match, else the document's subject. */
static int is_word_item(const vx_doc *d, const vitae_item *it, const char *w);

static int32_t default_subject(const view *v) {
  const vx_sentence *s = &v->d->cur;
  /* "Smaiylov, who served as Finance Minister": a relative clause is about
   * the person right before it */
  if (v->m->first < s->nitems && is_word_item(v->d, &s->items[v->m->first], "who")) {
    size_t b = v->m->first;
    if (b > 0 && is_word_item(v->d, &s->items[b - 1], ",")) b--;
    if (b > 0 && s->items[b - 1].type == VITAE_ITEM_PERSON && s->items[b - 1].ref >= 0)
      return s->men[s->items[b - 1].ref].entity;
  }
  /* the subject of the clause the match hangs on: the nearest person
   * before it who is followed by a verb ("Lula received the sash ...,
   * succeeding Bolsonaro"), not one in an apposition or a list */
  for (size_t i = v->m->first; i-- > 0;) {
    const vitae_item *it = &s->items[i];
    if (!((it->type == VITAE_ITEM_PERSON || it->type == VITAE_ITEM_PRONOUN) && it->ref >= 0)) continue;
    /* "X appointed him Under-Secretary-General, succeeding Y": the one put
     * in office is the subject of what follows the office */
    /* ("appointed him Minister", "named her as Minister", "swore in Singh
     * as prime minister") */
    if (i > 0 && i + 1 < v->m->first) {
      size_t b = i - 1, a = i + 1;
      if (b > 0 && is_word_item(v->d, &s->items[b], "in")) b--;
      if (a + 1 < v->m->first && is_word_item(v->d, &s->items[a], "as")) a++;
      if (s->items[b].type == VITAE_ITEM_TOKEN && s->items[a].type == VITAE_ITEM_OFFICE &&
          (vitae_lexicon_word_class(v->d->lex, v->d->text, &s->tok[s->items[b].tok]) & VITAE_WORD_APPOINT_VERB))
        return s->men[it->ref].entity;
    }
    if (it->type == VITAE_ITEM_PRONOUN) {
      /* "kept him on after ...": an object pronoun is nobody's subject */
      const vitae_token *p = &s->tok[it->tok];
      if (!(vitae_token_is(v->d->text, p, "he") || vitae_token_is(v->d->text, p, "she") ||
            vitae_token_is(v->d->text, p, "they")))
        continue;
    }
    if (i + 1 >= s->nitems || s->items[i + 1].type != VITAE_ITEM_TOKEN) continue;
    const vitae_token *t = &s->tok[s->items[i + 1].tok];
    if (t->kind != VITAE_TOK_WORD || (t->flags & (VITAE_TOKF_CAP | VITAE_TOKF_POSS))) continue;
    if (vitae_token_is(v->d->text, t, "and") || vitae_token_is(v->d->text, t, "or") ||
        vitae_token_is(v->d->text, t, "of"))
      continue;
    /* "met Barack Obama in Auckland and had talks ...": a name before a
     * preposition is an object, no subject */
    if (vitae_lexicon_word_class(v->d->lex, v->d->text, t) & VITAE_WORD_FUNCTION) continue;
    return s->men[it->ref].entity;
  }
  for (size_t i = 0; i < s->nitems; i++) {
    if (i >= v->m->first && i <= v->m->last) continue;
    const vitae_item *it = &s->items[i];
    if ((it->type == VITAE_ITEM_PERSON || it->type == VITAE_ITEM_PRONOUN) && it->ref >= 0)
      return s->men[it->ref].entity;
  }
  return v->d->subject;
}

static int32_t subject(const view *v) {
  int32_t s = slot_entity(v, VITAE_SLOT_S);
  return s >= 0 ? s : default_subject(v);
}

/* The date of a match: its DATE slot, else the sentence's date nearest to
 * the match. */
/* Whether tokens [a, b) hold the word w. */
static int word_between(const vx_doc *d, size_t a, size_t b, const char *w) {
  for (size_t k = a; k < b && k < d->cur.ntok; k++)
    if (vitae_token_is(d->text, &d->cur.tok[k], w)) return 1;
  return 0;
}

static const vx_mention *match_date(const view *v) {
  const vx_mention *m = slot(v, VITAE_SLOT_DATE);
  if (m) return m;
  const vx_sentence *s = &v->d->cur;
  const vx_mention *best = NULL;
  size_t best_dist = (size_t)-1;
  size_t first, last;
  match_tokens(v, &first, &last);
  for (size_t i = 0; i < s->nmen; i++) {
    if (s->men[i].type != VITAE_ITEM_DATE || !s->men[i].has_date) continue;
    size_t t = s->men[i].tok, te = t + s->men[i].ntok - 1;
    if (t > last && vx_clause_break(v->d, last + 1, t, 0)) continue; /* "was X, and from 2018 she was Y" */
    /* "met X in March 2018 and had talks with Y": a match that begins with
     * "and" is a clause of its own; the dates before it are the other's */
    if (te < first && vitae_token_is(v->d->text, &s->tok[first], "and")) continue;
    /* "was elected leader on 22 January and sworn in as prime minister on
     * 25 January": a date inside the match before its "and" is the first
     * verb's */
    if (t >= first && te <= last && word_between(v->d, te + 1, last, "and")) continue;
    /* distance in tokens; a date before the match wins a tie ("In 1993,
     * he became ... and on 13 October 1994 ...") */
    size_t dist = te < first ? 2 * (first - te) : (t > last ? 2 * (t - last) + 1 : 0);
    if (dist < best_dist) {
      best = &s->men[i];
      best_dist = dist;
    }
  }
  return best;
}

/* A date right after the match ("... succeeded her on 22 January 2018"),
 * else right before it ("on 1 January 2011 he handed ... to her"), or
 * NULL: other dates of the sentence are often of something else. */
static const vx_mention *date_right_after(const view *v) {
  const vx_sentence *s = &v->d->cur;
  size_t first, last;
  match_tokens(v, &first, &last);
  const vx_mention *before = NULL;
  for (size_t i = 0; i < s->nmen; i++) {
    const vx_mention *m = &s->men[i];
    if (m->type != VITAE_ITEM_DATE || !m->has_date) continue;
    if (m->tok > last && m->tok <= last + 2) return m;
    if (m->tok + m->ntok <= first && m->tok + m->ntok + 1 >= first) before = m;
  }
  return before;
}

static void set_dates(vx_fact *f, const vx_mention *dm) {
  if (!dm) return;
  switch (dm->date_kind) {
  case VITAE_DATE_RANGE: f->start = dm->from; f->end = dm->to; break;
  case VITAE_DATE_UNTIL: f->end = dm->to; break;
  default: f->start = dm->from; break;
  }
}

/* ---- the relations ---- */

static const char *kin_relation(const vx_doc *d, const vx_mention *k, char *gender) {
  const vitae_lex_kin *kin = k ? vitae_lexicon_kin(d->lex, (uint32_t)k->kin) : NULL;
  if (!kin) return NULL;
  *gender = kin->gender == '?' ? 0 : kin->gender;
  return kin->relation;
}

/* The person's spouse the text named last, or -1. */
static int32_t spouse_of(const vx_doc *d, int32_t p) {
  int32_t found = -1;
  for (size_t i = 0; i < d->nfacts; i++)
    if (d->facts[i].rel == VX_SPOUSE && (d->facts[i].s == p || d->facts[i].o == p))
      found = d->facts[i].s == p ? d->facts[i].o : d->facts[i].s;
  return found;
}

static void add_kin(view *v, int32_t s, int32_t o, const char *rel) {
  vx_doc *d = v->d;
  if (s < 0 || o < 0 || s == o) return;
  if (!strcmp(rel, "parent")) vx_add_fact(d, VX_PARENT, s, o);
  else if (!strcmp(rel, "child")) vx_add_fact(d, VX_PARENT, o, s);
  else if (!strcmp(rel, "spouse")) vx_add_fact(d, VX_SPOUSE, s, o);
  else if (!strcmp(rel, "sibling")) vx_add_fact(d, VX_SIBLING, s, o);
  else vx_add_fact(d, VX_RELATIVE, s, o);
}

/* The office a match names, else the office the section's heading names
 * ("Prime Minister of Kazakhstan (1999–2002)" ... "he resigned"). */
static int sentence_dated(const vx_doc *d) {
  for (size_t i = 0; i < d->cur.nmen; i++)
    if (d->cur.men[i].type == VITAE_ITEM_DATE) return 1;
  return 0;
}

static int32_t match_office(const view *v, int32_t holder, int *before) {
  const vx_mention *om = slot(v, VITAE_SLOT_OFFICE);
  *before = 0;
  if (om) return om->office;
  const vx_doc *d = v->d;
  if (flag(v, "anaphora")) {
    /* "the office", "the post": the office named last before */
    const vx_sentence *s = &d->cur;
    size_t first, last;
    match_tokens(v, &first, &last);
    /* "appointed to the post of Minister ...": the post is named next, by
     * another rule; no anaphora */
    if (last + 1 < s->ntok && vitae_token_is(d->text, &s->tok[last + 1], "of")) return -1;
    for (size_t i = s->nmen; i-- > 0;)
      if (s->men[i].type == VITAE_ITEM_OFFICE && s->men[i].tok < last) return s->men[i].office;
    if (d->noffices > 0 && d->last_office_sentence + 1 >= d->cur.index) {
      *before = 1;
      return d->last_office;
    }
  }
  /* a section's heading names the subject's office, nobody else's */
  long h = d->cur.heading;
  if (holder == d->subject && h >= 0 && (size_t)h < d->nheadings) {
    int32_t ho = d->heading_office[h];
    /* a heading "High Commissioner for Human Rights" over "... nominated
     * her as United Nations High Commissioner for Human Rights": the same
     * title, and the body the section named it with */
    int32_t lo = d->last_office;
    if (ho >= 0 && lo >= 0 && lo != ho && (size_t)lo < d->noffices && d->offices[ho].org < 0 &&
        d->offices[ho].country < 0 && (d->offices[lo].org >= 0 || d->offices[lo].country >= 0) &&
        !strcmp(d->offices[ho].title, d->offices[lo].title) && d->last_office_sentence + 3 >= d->cur.index)
      return lo;
    return ho;
  }
  return -1;
}

/* The date a sentence opens with when it is the sentence's only one ("On
 * 11 March 2014 she received ..., and succeeded X"), or NULL. */
static const vx_mention *opening_date(const vx_doc *d) {
  const vx_sentence *s = &d->cur;
  const vx_mention *first = NULL;
  for (size_t i = 0; i < s->nmen; i++) {
    if (s->men[i].type != VITAE_ITEM_DATE) continue;
    if (first || s->men[i].tok != 0 || !s->men[i].has_date) return NULL;
    first = &s->men[i];
  }
  return first;
}

/* "she was received by President Raúl Castro": a title after "by" and
 * before a name is that name's, not the holder's the rule found. */
static int agent_title(const view *v, int32_t holder) {
  const vx_doc *d = v->d;
  const vx_sentence *s = &d->cur;
  int32_t k = v->m->slot[VITAE_SLOT_OFFICE];
  if (k < 1 || (size_t)k + 1 >= s->nitems || s->items[k + 1].type != VITAE_ITEM_PERSON) return 0;
  int32_t j = k - 1;
  if (j >= 1 && s->items[j].type == VITAE_ITEM_TOKEN && vitae_token_is(d->text, &s->tok[s->items[j].tok], "the")) j--;
  if (s->items[j].type != VITAE_ITEM_TOKEN || !vitae_token_is(d->text, &s->tok[s->items[j].tok], "by")) return 0;
  int32_t named = s->men[s->items[k + 1].ref].entity;
  return vitae_entities_resolve(&d->ents, named) != holder;
}

/* The period right after period r, joined by "and" or a comma ("from
 * 2006 to 2010 and from 2014 to 2018"), or NULL. */
static const vx_mention *next_range(const vx_doc *d, const vx_mention *r) {
  const vx_sentence *s = &d->cur;
  size_t k = r->tok + r->ntok;
  if (k < s->ntok && vitae_token_is(d->text, &s->tok[k], ",")) k++;
  if (k < s->ntok && vitae_token_is(d->text, &s->tok[k], "and")) k++;
  if (k == r->tok + r->ntok || k >= s->ntok || s->tok_men[k] < 0) return NULL;
  const vx_mention *n = &s->men[s->tok_men[k]];
  return n->type == VITAE_ITEM_DATE && n->has_date && n->date_kind == VITAE_DATE_RANGE && n->tok == k ? n : NULL;
}

/* "President Gerald Ford of the United States": the country named right
 * after a name that a title stands right before is the title's; -1 when
 * the match is no such title and name. */
static int32_t country_after_name(const view *v) {
  const vx_sentence *s = &v->d->cur;
  int32_t k = v->m->slot[VITAE_SLOT_S], t = v->m->slot[VITAE_SLOT_OFFICE];
  if (k < 1 || t != k - 1 || s->items[k].type != VITAE_ITEM_PERSON) return -1;
  size_t j = (size_t)k + 1;
  const char *text = v->d->text;
  if (j >= s->nitems || s->items[j].type != VITAE_ITEM_TOKEN || !vitae_token_is(text, &s->tok[s->items[j].tok], "of"))
    return -1;
  if (++j < s->nitems && s->items[j].type == VITAE_ITEM_TOKEN && vitae_token_is(text, &s->tok[s->items[j].tok], "the"))
    j++;
  if (j >= s->nitems || s->items[j].type != VITAE_ITEM_COUNTRY || s->items[j].ref < 0) return -1;
  return s->men[s->items[j].ref].entity;
}

static void position(view *v, int32_t holder, int phase, int32_t by, int dismissal) {
  vx_doc *d = v->d;
  int before;
  int32_t office = match_office(v, holder, &before);
  if (holder < 0 || d->ents.items[holder].type != VITAE_ENT_PERSON) return;
  if (office >= 0 && d->offices[office].country < 0 && d->offices[office].org < 0) {
    int32_t c = country_after_name(v);
    if (c >= 0) d->offices[office].country = c;
  }
  if (agent_title(v, holder)) return;
  /* a dismissal may leave the office to the tenure (resolved with tenures) */
  if (office < 0 && !(phase == VX_ENDED && dismissal)) return;
  if (by >= 0 && (d->ents.items[by].type != VITAE_ENT_PERSON || by == holder)) by = -1;
  vx_fact *f = vx_add_fact(d, VX_POSITION, holder, -1);
  if (!f) return;
  f->office = office;
  f->phase = (uint8_t)phase;
  f->by = by;
  f->dismissal = (uint8_t)dismissal;
  f->acting = (office >= 0 && d->offices[office].acting) || flag(v, "acting");
  f->rule_line = v->m->line;
  if (flag(v, "until")) {
    const vx_mention *dm = match_date(v);
    if (!dm || dm->date_kind != VITAE_DATE_UNTIL) {
      d->nfacts--; /* "stayed in office when ...": not an end */
      return;
    }
  }
  if (!flag(v, "undated")) {
    const vx_mention *dm = match_date(v);
    /* "In April 2021 he created the post ... He appointed X to the post":
     * the post's sentence dates an undated appointment to it */
    if (!dm && before && d->last_office_date.type == VITAE_ITEM_DATE) dm = &d->last_office_date;
    set_dates(f, dm);
    /* "He was sworn in on 22 May 2004. He named X Minister of Finance":
     * an undated appointment in a sentence with no date at all goes on
     * from the sentence before, whose year it takes (no more precise) */
    if (!dm && phase == VX_STARTED && by >= 0 && !sentence_dated(d) && d->last_date.year &&
        d->last_date_sentence + 1 == d->cur.index)
      f->start.year = d->last_date.year;
    const vx_mention *em = slot(v, VITAE_SLOT_END);
    if (em && em->has_date) f->end = em->date_kind == VITAE_DATE_RANGE || em->date_kind == VITAE_DATE_UNTIL ? em->to : em->from;
    if (dm && phase == VX_ENDED && dm->date_kind != VITAE_DATE_RANGE && !f->end.year) {
      f->end = f->start;
      memset(&f->start, 0, sizeof f->start);
    }
    /* "twice served as President, from 2006 to 2010 and from 2014 to
     * 2018": each further period is another tenure */
    for (const vx_mention *r = dm; r && r->date_kind == VITAE_DATE_RANGE && phase == VX_HELD;) {
      r = next_range(d, r);
      if (!r) break;
      size_t fi = (size_t)(f - d->facts);
      vx_fact *g = vx_add_fact(d, VX_POSITION, holder, -1);
      if (!g) return;
      f = &d->facts[fi];
      uint32_t sentence = g->sentence;
      *g = *f;
      g->sentence = sentence;
      set_dates(g, r);
    }
  }
  /* "Russian President Vladimir Putin": the title's country is the
   * holder's nationality */
  int32_t c = office >= 0 ? d->offices[office].country : -1;
  if (c >= 0 && holder != d->subject) {
    vx_fact *n = vx_add_fact(d, VX_NATIONALITY, holder, c);
    if (n) n->rule_line = v->m->line;
  }
}

/* "In 1979 she was elected to the Parliament of Finland, where she sat
 * until 2000": a member of a body of class Legislature holds a seat in it,
 * a tenure of the office the lexicon's legislature-member title names
 * ("Member of the Parliament of Finland"), dated as the sentence dates the
 * membership and ended by a later "until". */
static void legislature_seat(view *v, int32_t person, int32_t org) {
  vx_doc *d = v->d;
  const char *cls = d->ents.items[org].cls;
  if (!cls || strcmp(cls, "Legislature") || flag(v, "candidacy")) return;
  const vitae_lex_title *t = NULL;
  for (uint32_t id = 0; (t = vitae_lexicon_title(d->lex, id)); id++)
    if (t->scope && !strcmp(t->scope, "legislature-member")) break;
  if (!t) return;
  int32_t oi = vx_new_office(d);
  if (oi < 0) return;
  vx_office *o = &d->offices[oi];
  snprintf(o->title, sizeof o->title, "%s", t->canonical);
  o->scope = t->scope;
  o->org = org;
  vx_fact *f = vx_add_fact(d, VX_POSITION, person, -1);
  if (!f) return;
  f->office = oi;
  f->rule_line = v->m->line;
  const vx_mention *dm = match_date(v);
  set_dates(f, dm);
  if (f->end.year) return;
  size_t first, last;
  match_tokens(v, &first, &last);
  const vx_sentence *s = &d->cur;
  /* the sitting after the election: the first "until" or "from ... to"
   * after the match, before another body or office (which would be its
   * own): "where she sat until 2000", "and he sat from 1987 to 1991" */
  const vx_mention *sat = NULL;
  size_t barrier = s->ntok;
  for (size_t i = 0; i < s->nmen; i++) {
    const vx_mention *m = &s->men[i];
    if (m->tok <= last) continue;
    if ((m->type == VITAE_ITEM_OFFICE || m->type == VITAE_ITEM_ORG) && m->tok < barrier) barrier = m->tok;
    if (m->type == VITAE_ITEM_DATE && m->has_date &&
        (m->date_kind == VITAE_DATE_UNTIL || m->date_kind == VITAE_DATE_RANGE) && (!sat || m->tok < sat->tok))
      sat = m;
  }
  if (sat && sat->tok < barrier) set_dates(f, sat);
}

/* The mentions coordinated with the one at item k: "Xi Jinping, Ilham
 * Aliyev, and Sooronbay Jeenbekov", "Kazakh, Russian and English".  Writes
 * their entities (k's own first) and returns how many. */
static int is_word_item(const vx_doc *d, const vitae_item *it, const char *w) {
  return it->type == VITAE_ITEM_TOKEN && vitae_token_is(d->text, &d->cur.tok[it->tok], w);
}

static int who_type(uint8_t t) { return t == VITAE_ITEM_PERSON || t == VITAE_ITEM_PRONOUN; }

static size_t coordinated(const vx_doc *d, int32_t k, int32_t *out, size_t max, int32_t stop) {
  const vx_sentence *s = &d->cur;
  size_t n = 0;
  if (k < 0) return 0;
  const vitae_item *it = &s->items[k];
  if (it->ref < 0) return 0;
  out[n++] = s->men[it->ref].entity;
  for (int dir = -1; dir <= 1; dir += 2) {
    long i = k;
    size_t mark = n;
    int conj = 0; /* a list has "and" or "or": "A, B and C"; "A, B" is apposition */
    for (;;) {
      long j = i + dir;
      int sep = 0;
      /* separators: ",", "and", "or", "as well as", "alongside"; and, between
       * people, their titles: "Russian President Boris Yeltsin, Ukrainian
       * President Leonid Kravchuk and the Belarusian leader ..." */
      while (j >= 0 && (size_t)j < s->nitems && sep < 6) {
        const vitae_item *x = &s->items[j];
        /* "Upinder Singh, a historian, Daman Singh, ...": an apposition of
         * plain words between people is no end of their list */
        if (dir > 0 && who_type(it->type) && is_word_item(d, x, ",") && (size_t)j + 1 < s->nitems &&
            (is_word_item(d, &s->items[j + 1], "a") || is_word_item(d, &s->items[j + 1], "an"))) {
          long q = j + 2;
          while ((size_t)q < s->nitems && q < j + 7 && s->items[q].type == VITAE_ITEM_TOKEN &&
                 !is_word_item(d, &s->items[q], ",") &&
                 !(s->tok[s->items[q].tok].flags & VITAE_TOKF_CAP))
            q++;
          if ((size_t)q < s->nitems && q > j + 2 && is_word_item(d, &s->items[q], ",")) {
            j = q + 1;
            sep++;
            continue;
          }
        }
        /* "as" only in "as well as": "succeeded X as head of state, and Y
         * became ..." is no list */
        int as_well = is_word_item(d, x, "as") &&
                      ((j + 1 < (long)s->nitems && is_word_item(d, &s->items[j + 1], "well")) ||
                       (j >= 1 && is_word_item(d, &s->items[j - 1], "well")));
        if (is_word_item(d, x, ",") || is_word_item(d, x, "and") || is_word_item(d, x, "or") || as_well ||
            is_word_item(d, x, "well") || is_word_item(d, x, "alongside")) {
          if (!is_word_item(d, x, ",")) conj = 1;
        } else if (j == stop) {
          break; /* "named X Minister of Finance and Y ...": the rule's own office ends the list */
        } else if (x->type == VITAE_ITEM_OFFICE && j >= 1 && s->items[j - 1].type == VITAE_ITEM_PERSON) {
          break; /* "named X Minister of Finance and Y Minister of Defence": an office right
                    after a name is said of it, no title of the next name */
        } else if (!(who_type(it->type) &&
                     (x->type == VITAE_ITEM_OFFICE || is_word_item(d, x, "the") ||
                      /* "she and her foreign minister, Frank-Walter Steinmeier" */
                      (x->type == VITAE_ITEM_PRONOUN && j + dir >= 0 && (size_t)(j + dir) < s->nitems &&
                       s->items[j + dir].type == VITAE_ITEM_OFFICE && dir > 0) ||
                      (x->type == VITAE_ITEM_PRONOUN && dir < 0 && j + 1 < (long)s->nitems &&
                       s->items[j + 1].type == VITAE_ITEM_OFFICE && j - 1 >= 0 &&
                       is_word_item(d, &s->items[j - 1], "and"))))) {
          break;
        }
        j += dir;
        sep++;
      }
      if (!sep || j < 0 || (size_t)j >= s->nitems || s->items[j].ref < 0) break;
      /* "... lost to Gerhard Schröder, and Merkel then took over": ", and"
       * joins two names only as the end of a longer list ("A, B, and C") */
      if (dir < 0 && n == mark && sep == 2 && is_word_item(d, &s->items[i - 1], "and") &&
          is_word_item(d, &s->items[i - 2], ",") && !(j >= 1 && is_word_item(d, &s->items[j - 1], ",")))
        break;
      /* ", and he ...": a new clause, not a list */
      if (dir > 0 && sep >= 2 && s->items[j].type == VITAE_ITEM_PRONOUN && is_word_item(d, &s->items[i + 1], ","))
        break;
      uint8_t t = s->items[j].type;
      if (!(t == it->type || (who_type(t) && who_type(it->type)))) break;
      if (n < max) out[n++] = s->men[s->items[j].ref].entity;
      i = j;
    }
    if (!conj) n = mark;
  }
  return n;
}

static void relate(view *v, int32_t s, int32_t o) {
  vx_doc *d = v->d;
  const char *r = v->m->relation;
  s = vitae_entities_resolve(&d->ents, s);
  o = vitae_entities_resolve(&d->ents, o);
  if (!strcmp(r, "alias")) {
    /* "Ellen Johnson Sirleaf (born Ellen Eugenia Johnson; ...)": one person */
    if (s >= 0 && o >= 0 && s != o && d->ents.items[s].type == d->ents.items[o].type &&
        vitae_entities_merge(&d->ents, o, s) != 0)
      d->oom = 1;
    return;
  }
  if (!strcmp(r, "birth_date") || !strcmp(r, "death_date") || !strcmp(r, "lifespan")) {
    const vx_mention *dm = match_date(v);
    if (s < 0 || !dm || d->ents.items[s].type != VITAE_ENT_PERSON) return;
    int range = dm->date_kind == VITAE_DATE_RANGE;
    /* "(1923–1986)" is a life; "(2012–2020)" after a name is a term of office */
    if (!strcmp(r, "lifespan") && (!range || dm->to.year - dm->from.year < 25)) return;
    if (!strcmp(r, "birth_date") || (!strcmp(r, "lifespan") && range)) {
      vx_fact *f = vx_add_fact(d, VX_BIRTH_DATE, s, -1);
      if (f) f->start = dm->from;
    }
    if (!strcmp(r, "death_date") || (!strcmp(r, "lifespan") && range && dm->to.year)) {
      vx_fact *f = vx_add_fact(d, VX_DEATH_DATE, s, -1);
      if (f) f->start = range || !dm->from.year ? dm->to : dm->from;
    }
  } else if (!strcmp(r, "kin")) {
    char gender = 0;
    const char *rel = kin_relation(d, slot(v, VITAE_SLOT_KIN), &gender);
    if (!rel || o < 0 || d->ents.items[o].type != VITAE_ENT_PERSON) return;
    if (gender && !d->ents.items[o].gender) d->ents.items[o].gender = gender;
    add_kin(v, s, o, rel);
    /* "With her he had three sons", "Their daughter": the other parent too */
    int32_t other = vitae_entities_resolve(&d->ents, slot_entity(v, VITAE_SLOT_BY));
    const vx_mention *sm = slot(v, VITAE_SLOT_S);
    if (other < 0 && sm && sm->type == VITAE_ITEM_PRONOUN && sm->kin == 1) other = spouse_of(d, s);
    if (other >= 0 && other != s && !strcmp(rel, "child")) add_kin(v, other, o, rel);
  } else if (!strcmp(r, "kin_of")) {
    /* "the son of X", "one of eight children of X and Y": s is X's kin,
     * so X stands in the converse relation to s */
    char gender = 0;
    const char *rel = kin_relation(d, slot(v, VITAE_SLOT_KIN), &gender);
    if (!rel || o < 0 || d->ents.items[o].type != VITAE_ENT_PERSON) return;
    if (!strcmp(rel, "child")) add_kin(v, s, o, "parent");
    else if (!strcmp(rel, "parent")) add_kin(v, s, o, "child");
    else add_kin(v, s, o, rel);
  } else if (!strcmp(r, "parent") || !strcmp(r, "child") || !strcmp(r, "spouse") ||
             !strcmp(r, "sibling") || !strcmp(r, "relative")) {
    if (o < 0 || d->ents.items[o].type != VITAE_ENT_PERSON) return;
    add_kin(v, s, o, r);
  } else if (!strcmp(r, "position")) {
    int phase = flag(v, "start") ? VX_STARTED : flag(v, "end") ? VX_ENDED : VX_HELD;
    position(v, s, phase, slot_entity(v, VITAE_SLOT_BY), flag(v, "dismissal"));
  } else if (!strcmp(r, "appointed")) {
    /* "appointed Dilma Rousseff, then Minister of Mines and Energy, to ...":
     * an office the appointee held then is no office given */
    const vx_mention *om = slot(v, VITAE_SLOT_OFFICE);
    if (om && om->office >= 0 && d->offices[om->office].former) return;
    position(v, s, VX_STARTED, slot_entity(v, VITAE_SLOT_BY), 0);
  } else if (!strcmp(r, "dismissed")) {
    position(v, s, VX_ENDED, slot_entity(v, VITAE_SLOT_BY), 1);
  } else {
    static const struct { const char *name; vx_rel rel; uint8_t type; } BINARY[] = {
        {"birth_place", VX_BIRTH_PLACE, 0},  {"educated_at", VX_EDUCATED_AT, VITAE_ENT_ORG},
        {"member_of", VX_MEMBER_OF, VITAE_ENT_ORG}, {"nationality", VX_NATIONALITY, VITAE_ENT_COUNTRY},
        {"speaks", VX_SPEAKS, VITAE_ENT_LANGUAGE}, {"succeeded", VX_SUCCEEDED, VITAE_ENT_PERSON},
        {"preceded", VX_SUCCEEDED, VITAE_ENT_PERSON}, {"met", VX_MET, VITAE_ENT_PERSON},
        {"visited", VX_VISITED, 0}, {"signed", VX_SIGNED, VITAE_ENT_TREATY},
        {"congratulated", VX_CONGRATULATED, VITAE_ENT_PERSON}};
    size_t i = 0, n = sizeof BINARY / sizeof BINARY[0];
    for (; i < n && strcmp(BINARY[i].name, r); i++) {}
    if (i == n || s < 0 || o < 0 || s == o) return;
    if (d->ents.items[s].type != VITAE_ENT_PERSON) return;
    if (BINARY[i].type && d->ents.items[o].type != BINARY[i].type) return;
    if (BINARY[i].rel == VX_VISITED && d->ents.items[o].type != VITAE_ENT_PLACE &&
        d->ents.items[o].type != VITAE_ENT_COUNTRY && d->ents.items[o].type != VITAE_ENT_ORG)
      return;
    int32_t a = s, b = o;
    if (!strcmp(r, "preceded")) { a = o; b = s; }
    vx_fact *f = vx_add_fact(d, BINARY[i].rel, a, b);
    if (!f) return;
    if (BINARY[i].rel == VX_MEMBER_OF) {
      legislature_seat(v, a, b);
      return;
    }
    const vx_mention *om = slot(v, VITAE_SLOT_OFFICE);
    if (om) f->office = om->office;
    f->place = slot_entity(v, VITAE_SLOT_PLACE);
    if (BINARY[i].rel == VX_MET || BINARY[i].rel == VX_VISITED || BINARY[i].rel == VX_SIGNED ||
        BINARY[i].rel == VX_CONGRATULATED) {
      const vx_mention *dm = match_date(v);
      set_dates(f, dm);
      /* "There, he met ...": when and where the sentence before said */
      if (!dm && d->cur.ntok > 1 && vitae_token_is(d->text, &d->cur.tok[0], "There") && d->last_date.year)
        f->start = d->last_date;
    }
    else if (BINARY[i].rel == VX_SUCCEEDED)
    {
      const vx_mention *dm = date_right_after(v); /* "succeeded her on 22 January 2018" */
      if (!dm && (dm = opening_date(d))) f->clause_date = 1; /* "On 11 March 2014 she ..., and succeeded X" */
      set_dates(f, dm);
    }
  }
}

/* Whether item k is the agent of a passive: "received by (President) X". */
static int passive_agent(const vx_doc *d, int32_t k) {
  const vx_sentence *s = &d->cur;
  long j = k - 1;
  if (j >= 0 && s->items[j].type == VITAE_ITEM_OFFICE) j--;
  if (j >= 0 && is_word_item(d, &s->items[j], "the")) j--;
  return j >= 0 && is_word_item(d, &s->items[j], "by");
}

/* Whether item k is the object of a verb of meeting: "met (the former US
 * president) X in Auckland and had talks with Y" (X had no talks). */
static int meeting_object(const vx_doc *d, int32_t k) {
  const vx_sentence *s = &d->cur;
  long j = k - 1;
  while (j >= 0 && (s->items[j].type == VITAE_ITEM_OFFICE || is_word_item(d, &s->items[j], "the") ||
                    is_word_item(d, &s->items[j], ",")))
    j--;
  return j >= 0 && s->items[j].type == VITAE_ITEM_TOKEN &&
         (vitae_lexicon_word_class(d->lex, d->text, &s->tok[s->items[j].tok]) & VITAE_WORD_MEET_VERB);
}

static void on_match(void *ctx, const vitae_rule_match *m) {
  view v = {ctx, m};
  vx_doc *d = v.d;
  if (hedged(&v)) return;
  /* "was received by Raúl Castro and also met his brother": Castro is no
   * subject of "met" */
  if (m->slot[VITAE_SLOT_S] >= 0 && (size_t)m->slot[VITAE_SLOT_S] == m->first &&
      passive_agent(d, m->slot[VITAE_SLOT_S]) && strcmp(m->relation, "congratulated") != 0)
    return;
  if (!strcmp(m->relation, "met") && m->slot[VITAE_SLOT_S] >= 0 && (size_t)m->slot[VITAE_SLOT_S] == m->first &&
      meeting_object(d, m->slot[VITAE_SLOT_S]))
    return;
  size_t before = d->nfacts;
  int32_t subjects[16], objects[16];
  int single = flag(&v, "single");
  size_t ns = coordinated(d, m->slot[VITAE_SLOT_S], subjects, single ? 1 : 16, m->slot[VITAE_SLOT_OFFICE]);
  if (!ns) {
    subjects[0] = subject(&v);
    ns = 1;
  }
  size_t no = coordinated(d, m->slot[VITAE_SLOT_O], objects, single ? 1 : 16, m->slot[VITAE_SLOT_OFFICE]);
  if (!no) {
    objects[0] = -1;
    no = 1;
  }
  if (ns > 16) ns = 16;
  if (no > 16) no = 16;
  /* "served as Deputy Prime Minister and Finance Minister": each office */
  int32_t offices[8];
  size_t nof = 0;
  int32_t oslot = m->slot[VITAE_SLOT_OFFICE];
  if (oslot >= 0 && !single) {
    const vx_sentence *s = &d->cur;
    for (size_t j = (size_t)oslot + 1; j + 1 < s->nitems && nof < 8; j += 2) {
      if (!is_word_item(d, &s->items[j], "and") && !is_word_item(d, &s->items[j], ",")) break;
      if (s->items[j + 1].type != VITAE_ITEM_OFFICE) break;
      offices[nof++] = (int32_t)j + 1;
    }
  }
  /* "Moon Jae-ho met her": an object pronoun is never its own clause's
   * subject (that would be "herself"); the text's subject it is */
  int32_t os = m->slot[VITAE_SLOT_O];
  if (os >= 0 && d->cur.items[os].type == VITAE_ITEM_PRONOUN && no == 1 && ns == 1 && objects[0] == subjects[0] &&
      d->subject >= 0)
    objects[0] = d->subject;
  for (size_t a = 0; a < ns; a++)
    for (size_t b = 0; b < no; b++) relate(&v, subjects[a], objects[b]);
  for (size_t k = 0; k < nof; k++) {
    vitae_rule_match alt = *m;
    alt.slot[VITAE_SLOT_OFFICE] = offices[k];
    view av = {d, &alt};
    for (size_t a = 0; a < ns; a++) relate(&av, subjects[a], objects[0]);
  }
  for (size_t k = before; k < d->nfacts; k++) d->facts[k].rule_line = m->line;
  if (d->trace && d->nfacts > before)
    fprintf(stderr, "  rule %ld %s: %zu fact(s)\n", m->line, m->relation, d->nfacts - before);
}

/* VITAE_TRACE=1: each sentence's mentions on stderr, for rule writers. */
static void trace_sentence(const vx_doc *d) {
  static const char *const names[] = {"tok", "PERSON", "PRONOUN", "COUNTRY", "DEMONYM", "PLACE", "ORG",
                                      "OFFICE", "DATE", "LANG", "KIN", "TREATY"};
  const vx_sentence *s = &d->cur;
  fprintf(stderr, "[%zu]", s->index + 1);
  for (size_t i = 0; i < s->nitems; i++) {
    const vitae_item *it = &s->items[i];
    const vitae_token *a = &s->tok[it->tok], *b = &s->tok[it->tok + it->ntok - 1];
    if (it->type == VITAE_ITEM_TOKEN)
      fprintf(stderr, " %.*s", (int)(a->end - a->begin), d->text + a->begin);
    else if (it->type == VITAE_ITEM_OFFICE && s->men[it->ref].office >= 0)
      fprintf(stderr, " [%s %.*s = %s]", names[it->type], (int)(b->end - a->begin), d->text + a->begin,
              d->offices[s->men[it->ref].office].title);
    else
      fprintf(stderr, " [%s %.*s]", names[it->type], (int)(b->end - a->begin), d->text + a->begin);
  }
  fputc('\n', stderr);
}

/* Build the sentence's items (mentions and the tokens between them) and
 * run the rules over them. */
void vx_relate_sentence(vx_doc *d) {
  vx_sentence *s = &d->cur;
  s->nitems = 0;
  if (s->capitems < s->ntok + 1) {
    vitae_item *p = realloc(s->items, (s->ntok + 1) * sizeof *p);
    if (!p) {
      d->oom = 1;
      return;
    }
    s->items = p;
    s->capitems = s->ntok + 1;
  }
  for (size_t t = 0; t < s->ntok;) {
    vitae_item *it = &s->items[s->nitems++];
    int32_t m = s->tok_men[t];
    if (m >= 0) {
      it->type = s->men[m].type;
      it->tok = s->men[m].tok;
      it->ntok = s->men[m].ntok;
      it->ref = m;
      t = s->men[m].tok + s->men[m].ntok;
    } else {
      it->type = VITAE_ITEM_TOKEN;
      it->tok = (uint32_t)t;
      it->ntok = 1;
      it->ref = -1;
      t++;
    }
  }
  if (d->trace) trace_sentence(d);
  vitae_rules_apply(d->ex->rules, s->items, s->nitems, d->text, s->tok, on_match, d);
  for (size_t i = s->nmen; i-- > 0;)
    if (s->men[i].type == VITAE_ITEM_OFFICE && s->men[i].office >= 0) {
      d->last_office = s->men[i].office;
      d->last_office_sentence = s->index;
      d->last_office_date.type = 0;
      for (size_t k = 0; k < s->nmen; k++)
        if (s->men[k].type == VITAE_ITEM_DATE && s->men[k].has_date) {
          d->last_office_date = s->men[k];
          break;
        }
      break;
    }
}
