/* Tenures: the position facts of a document combined into one tenure per
 * holding of an office, with start and end where the text gives or clearly
 * implies them, and succession between holders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/doc.h"

/* ---- office entities ---- */

static int32_t nationality_of(const vx_doc *d, int32_t person) {
  for (size_t i = 0; i < d->nfacts; i++)
    if (d->facts[i].rel == VX_NATIONALITY && d->facts[i].s == person) return d->facts[i].o;
  return -1;
}

static int needs_article(const vitae_entity *e) {
  static const char *const proper_first[] = {"United ", "Soviet ", NULL};
  if (e->type == VITAE_ENT_COUNTRY) {
    for (const char *const *w = proper_first; *w; w++)
      if (!strncmp(e->label, *w, strlen(*w))) return 1;
    size_t n = strlen(e->label);
    static const char *const last[] = {" Republic", " Union", " Islands", " Kingdom", " States", " Emirates", NULL};
    for (const char *const *w = last; *w; w++)
      if (n >= strlen(*w) && !strcmp(e->label + n - strlen(*w), *w)) return 1;
    return 0;
  }
  /* organisations: "the Senate of Kazakhstan", but "Amanat" */
  return strchr(e->label, ' ') != NULL;
}

static void strip_prefix_words(char *s) {
  static const char *const words[] = {"former ", "Former ", "acting ", "Acting ", "then ", "the ", "The ", NULL};
  for (int again = 1; again;) {
    again = 0;
    for (const char *const *w = words; *w; w++) {
      size_t k = strlen(*w);
      if (!strncmp(s, *w, k)) {
        memmove(s, s + k, strlen(s + k) + 1);
        again = 1;
      }
    }
  }
}

static int linked_to_subject(const vx_doc *d, int32_t p) {
  for (size_t i = 0; i < d->nfacts; i++) {
    const vx_fact *f = &d->facts[i];
    if (f->rel == VX_POSITION && ((f->s == d->subject && f->by == p) || (f->s == p && f->by == d->subject)))
      return 1;
    if (f->rel == VX_SUCCEEDED && ((f->s == d->subject && f->o == p) || (f->s == p && f->o == d->subject)))
      return 1;
  }
  return 0;
}

/* "leader of the CDU" ... "succeeded her as chairman of the CDU": one text
 * names a body's head by several head titles (scope organization-head in
 * offices.tsv); the office is the one the text named first. */
static void head_office(const vx_doc *d, const vitae_entity *org, char *label, size_t n) {
  char other[600];
  for (uint32_t id = 0;; id++) {
    const vitae_lex_title *t = vitae_lexicon_title(d->lex, id);
    if (!t) return;
    if (!t->scope || strcmp(t->scope, "organization-head")) continue;
    snprintf(other, sizeof other, "%s of %s%s", t->canonical, needs_article(org) ? "the " : "", org->label);
    if (vitae_entities_find(&d->ents, VITAE_ENT_OFFICE, other) >= 0) {
      snprintf(label, n, "%s", other);
      return;
    }
  }
}

int32_t vx_office_entity(vx_doc *d, int32_t office, int32_t holder, int32_t by) {
  if (office < 0 || (size_t)office >= d->noffices) return -1;
  const vx_office *o = &d->offices[office];
  char label[600], bare[600] = "";
  int32_t country = o->country;
  const char *scope = o->scope ? o->scope : "country";
  if (o->org >= 0) {
    const vitae_entity *org = &d->ents.items[o->org];
    if (o->org_first && strstr(o->title, " for "))
      /* a title with its own complement is the body's proper name for the
       * office: "United Nations High Commissioner for Refugees" */
      snprintf(label, sizeof label, "%s %s", org->label, o->title);
    else
      snprintf(label, sizeof label, "%s %s %s%s", o->title, o->org_in ? "in" : "of", needs_article(org) ? "the " : "",
               org->label);
    if (o->scope && !strcmp(o->scope, "organization-head")) head_office(d, org, label, sizeof label);
    /* a seat: "Member of the Storting", "Member of the Seanad Éireann",
     * and also without the article, as some bodies are named */
    if (o->scope && !strcmp(o->scope, "legislature-member")) {
      snprintf(label, sizeof label, "%s of the %s", o->title, org->label);
      snprintf(bare, sizeof bare, "%s of %s", o->title, org->label);
    }
  } else if (!strcmp(scope, "place")) {
    snprintf(label, sizeof label, "%s", o->title);
  } else if (!strncmp(scope, "country", 7)) {
    if (country < 0 && holder >= 0) country = nationality_of(d, holder);
    if (country < 0 && holder != d->subject && o->context != o->to) country = o->context;
    /* a bare title of someone else ("President Barack Obama") is not
     * guessed to be the subject's country: only the subject's own offices,
     * and those of people whose nationality the text gives, default so */
    /* (one the subject appointed or dismissed, or who appointed, succeeded
     * or preceded the subject, holds an office at home) */
    if (country < 0 && holder >= 0 && holder != d->subject && !o->home_ok && by != d->subject &&
        !linked_to_subject(d, holder))
      return -1;
    if (country < 0) country = d->home;
    if (country < 0) return -1;
    const vitae_entity *c = &d->ents.items[country];
    snprintf(label, sizeof label, "%s of %s%s", o->title, needs_article(c) ? "the " : "", c->label);
    if (o->to >= 0) {
      const vitae_entity *t = &d->ents.items[o->to];
      size_t n = strlen(label);
      snprintf(label + n, sizeof label - n, " to %s%s", needs_article(t) ? "the " : "", t->label);
    }
  } else if (country >= 0 || (holder >= 0 && holder != d->subject && d->home >= 0 && by >= 0 && by == d->subject)) {
    /* "He appointed Erzhan Kazykhanov to the post" of a body the text does
     * not name: the subject's appointees hold offices at home */
    if (country < 0) country = d->home;
    const vitae_entity *c = &d->ents.items[country];
    snprintf(label, sizeof label, "%s of %s%s", o->title, needs_article(c) ? "the " : "", c->label);
  } else {
    return -1; /* "Secretary-General" of nothing the text names */
  }
  int32_t id = vitae_entities_get(&d->ents, VITAE_ENT_OFFICE, label, "Office");
  if (id < 0) {
    d->oom = 1;
    return -1;
  }
  vitae_entity *e = &d->ents.items[id];
  if (country >= 0 && e->jurisdiction < 0) e->jurisdiction = country;
  if (o->org >= 0 && e->organization < 0) e->organization = o->org;
  char alt[200];
  snprintf(alt, sizeof alt, "%s", o->surface);
  strip_prefix_words(alt);
  if (alt[0] && vitae_entities_add_name(&d->ents, id, alt, NULL, 0)) d->oom = 1;
  if (strcmp(o->title, label) && !bare[0] && vitae_entities_add_name(&d->ents, id, o->title, NULL, 0)) d->oom = 1;
  if (bare[0] && vitae_entities_add_name(&d->ents, id, bare, NULL, 0)) d->oom = 1;
  return id;
}

/* ---- tenures ---- */

static vx_tenure *new_tenure(vx_doc *d, vx_tenures *ts, int32_t holder, int32_t office, int acting) {
  if (ts->n == ts->cap) {
    size_t cap = ts->cap ? 2 * ts->cap : 32;
    vx_tenure *p = realloc(ts->items, cap * sizeof *p);
    if (!p) {
      d->oom = 1;
      return NULL;
    }
    ts->items = p;
    ts->cap = cap;
  }
  vx_tenure *t = &ts->items[ts->n++];
  memset(t, 0, sizeof *t);
  t->holder = holder;
  t->office = office;
  t->acting = (uint8_t)acting;
  t->predecessor = t->successor = t->appointed_by = t->dismissed_by = -1;
  return t;
}

static void add_evidence(vx_doc *d, vx_tenure *t, uint32_t sentence) {
  for (size_t i = 0; i < t->nsentences; i++)
    if (t->sentences[i] == sentence) return;
  if (t->nsentences == t->capsentences) {
    size_t cap = t->capsentences ? 2 * t->capsentences : 4;
    uint32_t *p = realloc(t->sentences, cap * sizeof *p);
    if (!p) {
      d->oom = 1;
      return;
    }
    t->sentences = p;
    t->capsentences = cap;
  }
  t->sentences[t->nsentences++] = sentence;
}

static int same_date(const vitae_date *a, const vitae_date *b) {
  return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* Fold a date into a slot: an empty slot takes it; a vaguer one is made
 * precise when they agree ("2019" then "12 June 2019"). */
static int agree(vitae_date *slot, const vitae_date *x) {
  if (!x->year) return 1;
  if (!slot->year) {
    *slot = *x;
    return 1;
  }
  if (slot->year != x->year) return 0;
  if (slot->month && x->month && slot->month != x->month) return 0;
  if (slot->day && x->day && slot->day != x->day) return 0;
  if (x->month && !slot->month) *slot = *x;
  else if (x->day && !slot->day && x->month == slot->month) *slot = *x;
  return 1;
}

static void apply_fact(vx_doc *d, vx_tenures *ts, size_t first, const vx_fact *f, int32_t office) {
  vx_tenure *match = NULL;
  int acting = f->acting;
  /* the holder's existing tenures of this office (acting ones apart) */
  for (size_t i = first; i < ts->n; i++) {
    vx_tenure *t = &ts->items[i];
    if (t->holder != f->s || t->office != office || t->acting != acting) continue;
    if (f->phase == VX_ENDED) {
      vitae_date probe = t->end;
      if (t->end.year && f->end.year && !agree(&probe, &f->end)) continue;
      if (t->start.year && f->end.year && vitae_date_compare(&t->start, &f->end) > 0) continue;
      match = t; /* the latest open one wins: keep looking */
      continue;
    }
    vitae_date s = t->start, e = t->end;
    if ((!f->start.year || agree(&s, &f->start)) && (!f->end.year || agree(&e, &f->end))) {
      if (f->phase == VX_STARTED && t->start.year && f->start.year && !same_date(&t->start, &f->start) &&
          !(t->start.month == 0 && t->start.year == f->start.year))
        continue;
      match = t;
      break;
    }
  }
  if (!match) match = new_tenure(d, ts, f->s, office, acting);
  if (!match) return;
  agree(&match->start, &f->start);
  agree(&match->end, &f->end);
  if (f->by >= 0 && f->phase == VX_STARTED && match->appointed_by < 0) match->appointed_by = f->by;
  if (f->by >= 0 && f->phase == VX_ENDED && f->dismissal && match->dismissed_by < 0) match->dismissed_by = f->by;
  add_evidence(d, match, f->sentence);
}

static int by_start(const void *a, const void *b) {
  const vx_tenure *x = *(vx_tenure *const *)a, *y = *(vx_tenure *const *)b;
  if (x->holder != y->holder) return x->holder < y->holder ? -1 : 1;
  int c = vitae_date_compare(&x->start, &y->start);
  if (c) return c;
  return x->office < y->office ? -1 : x->office > y->office;
}

/* A tenure with a start and no end ends when the same person's next post
 * begins (the text moves them on): "In 1993 he became First Deputy Foreign
 * Minister ... in 1994 Minister". */
static void implied_ends(vx_doc *d, vx_tenures *ts) {
  vx_tenure **order = malloc(ts->n * sizeof *order + 1);
  if (!order) {
    d->oom = 1;
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < ts->n; i++)
    if (ts->items[i].start.year) order[n++] = &ts->items[i];
  qsort(order, n, sizeof *order, by_start);
  for (size_t i = 0; i + 1 < n; i++) {
    vx_tenure *t = order[i];
    if (t->end.year) continue;
    for (size_t k = i + 1; k < n && order[k]->holder == t->holder; k++) {
      vx_tenure *u = order[k];
      if (vitae_date_compare(&u->start, &t->start) <= 0) continue;
      if (u->start.year == t->start.year && (!u->start.month || !t->start.month)) continue;
      t->end = u->start;
      break;
    }
  }
  free(order);
}

static vx_tenure *tenure_of(vx_tenures *ts, int32_t holder, int32_t office) {
  vx_tenure *best = NULL;
  for (size_t i = 0; i < ts->n; i++)
    if (ts->items[i].holder == holder && ts->items[i].office == office &&
        (!best || (!best->start.year && ts->items[i].start.year)))
      best = &ts->items[i];
  return best;
}

/* "succeeding Bill English": the successor's tenure names its predecessor,
 * and the predecessor held the office until the successor took it. */
static void explicit_succession(vx_doc *d, vx_tenures *ts) {
  for (size_t i = 0; i < d->nfacts; i++) {
    const vx_fact *f = &d->facts[i];
    if (f->rel != VX_SUCCEEDED || f->s < 0 || f->o < 0) continue;
    /* a rule that named the office said more than one that did not */
    int better = 0;
    for (size_t k = 0; k < d->nfacts && f->office < 0 && !better; k++)
      better = d->facts[k].rel == VX_SUCCEEDED && d->facts[k].s == f->s && d->facts[k].o == f->o &&
               d->facts[k].office >= 0 && d->facts[k].sentence == f->sentence;
    if (better) continue;
    int32_t office = f->office >= 0 ? vx_office_entity(d, f->office, f->s, -1) : -1;
    vx_tenure *t = NULL;
    if (office >= 0) {
      t = tenure_of(ts, f->s, office);
    } else {
      /* the office the successor took in the same sentence */
      for (size_t k = 0; k < ts->n && !t; k++) {
        vx_tenure *u = &ts->items[k];
        if (u->holder != f->s) continue;
        for (size_t q = 0; q < u->nsentences; q++)
          if (u->sentences[q] == f->sentence) t = u;
      }
      /* "inaugurated on 1 January 2003, succeeding Cardoso": the tenure
       * the successor began that day */
      for (size_t k = 0; k < ts->n && !t && f->start.year; k++) {
        vx_tenure *u = &ts->items[k];
        vitae_date probe = u->start;
        /* (a start known to the year only agrees with any day of it: no
         * evidence that it is this tenure) */
        if (u->holder == f->s && u->start.year && (u->start.month || !f->clause_date) && agree(&probe, &f->start)) {
          u->start = probe;
          t = u;
        }
      }
      if (t) office = t->office;
    }
    if (!t && office < 0) {
      /* "replaced by her vice-president, Michel Temer", "His successor at
       * the United Nations was ...": the office the text last said the
       * predecessor held */
      vx_tenure *p = NULL;
      uint32_t best = 0;
      for (size_t k = 0; k < ts->n; k++) {
        if (ts->items[k].holder != f->o) continue;
        for (size_t q = 0; q < ts->items[k].nsentences; q++) {
          uint32_t sn = ts->items[k].sentences[q];
          if (sn <= f->sentence && (!p || sn > best)) {
            p = &ts->items[k];
            best = sn;
          }
        }
      }
      /* "X succeeded her on 22 January 2018": a dated succession is of the
       * office whose tenure ended that day, whenever the text said so */
      if (f->start.year) {
        /* a precise end that agrees; else the one tenure ending that year */
        vx_tenure *precise = NULL, *yearly = NULL;
        int nyearly = 0;
        for (size_t k = 0; k < ts->n; k++) {
          vx_tenure *u = &ts->items[k];
          vitae_date probe = u->end;
          if (u->holder != f->o || !u->end.year || !agree(&probe, &f->start)) continue;
          if (u->end.month && !precise) precise = u;
          if (!u->end.month) {
            yearly = u;
            nyearly++;
          }
        }
        vx_tenure *u = precise ? precise : nyearly == 1 ? yearly : NULL;
        if (u) {
          agree(&u->end, &f->start);
          p = u;
        }
      }
      if (p) {
        office = p->office;
        size_t pi = (size_t)(p - ts->items);
        t = new_tenure(d, ts, f->s, office, 0);
        if (!t) return;
        p = &ts->items[pi];
        /* "X succeeded him on 1 January 2007" after "until 31 December
         * 2006": the succession's own date is the successor's start */
        if (f->start.year) t->start = f->start;
        else if (p->end.year) t->start = p->end;
        add_evidence(d, t, f->sentence);
      }
    }
    if (!t || office < 0) continue;
    t->predecessor = f->o;
    add_evidence(d, t, f->sentence);
    vx_tenure *p = tenure_of(ts, f->o, office);
    if (!p) {
      size_t idx = (size_t)(t - ts->items);
      p = new_tenure(d, ts, f->o, office, 0);
      if (!p) return;
      t = &ts->items[idx];
      if (t->start.year) p->end = t->start;
    }
    if (p) {
      /* one day ends the one and starts the other: the more precise telling
       * of it serves both ("from 2006 to 2010" ... "handed over to X on 11
       * March 2010") */
      if (!p->end.year && t->start.year) p->end = t->start;
      else if (p->end.year && t->start.year && agree(&p->end, &t->start)) agree(&t->start, &p->end);
      p->successor = f->s;
      add_evidence(d, p, f->sentence);
    }
  }
}

/* Holders of one office in date order: one's end is the next one's start. */
static void implicit_succession(vx_tenures *ts) {
  for (size_t i = 0; i < ts->n; i++) {
    vx_tenure *a = &ts->items[i];
    if (!a->end.year) continue;
    for (size_t k = 0; k < ts->n; k++) {
      vx_tenure *b = &ts->items[k];
      if (b == a || b->office != a->office || b->holder == a->holder || !b->start.year) continue;
      if (!same_date(&a->end, &b->start) || !a->end.month) continue;
      if (b->predecessor < 0) b->predecessor = a->holder;
      if (a->successor < 0) a->successor = b->holder;
    }
  }
}

/* "Leader of the Labour Party": the subject, holding an office of a party,
 * is its member, stated by the sentence that names the office.  (Only the
 * subject: of others a biography names the party office in passing, and
 * the development gold does not count those as stated.) */
static void party_membership(vx_doc *d, vx_tenures *ts) {
  for (size_t i = 0; i < ts->n && !d->oom; i++) {
    const vx_tenure *t = &ts->items[i];
    if (!t->nsentences || t->office < 0 || t->holder != d->subject) continue;
    int32_t org = d->ents.items[t->office].organization;
    if (org < 0 || !d->ents.items[org].cls || strcmp(d->ents.items[org].cls, "PoliticalParty")) continue;
    int known = 0;
    for (size_t k = 0; k < d->nfacts && !known; k++)
      known = d->facts[k].rel == VX_MEMBER_OF && d->facts[k].s == t->holder && d->facts[k].o == org;
    if (known) continue;
    vx_fact *f = vx_add_fact(d, VX_MEMBER_OF, t->holder, org);
    if (f) f->sentence = t->sentences[0];
  }
}

/* Days from 1 Jan of year 0 to a full date (month and day given). */
static long day_number(const vitae_date *x) {
  long days = 0;
  for (int m = 1; m < x->month; m++) days += vitae_date_days_in_month(x->year, m);
  return (long)x->year * 366 + days + x->day;
}

/* Folds tenure `from` into `into` (evidence, links) and removes it. */
static void merge_tenure(vx_doc *d, vx_tenures *ts, size_t into, size_t from) {
  vx_tenure *a = &ts->items[into], *b = &ts->items[from];
  for (size_t q = 0; q < b->nsentences; q++) add_evidence(d, a, b->sentences[q]);
  if (a->predecessor < 0) a->predecessor = b->predecessor;
  if (a->successor < 0) a->successor = b->successor;
  if (a->appointed_by < 0) a->appointed_by = b->appointed_by;
  if (a->dismissed_by < 0) a->dismissed_by = b->dismissed_by;
  if (!a->end.year) a->end = b->end;
  free(b->sentences);
  memmove(b, b + 1, (ts->n - from - 1) * sizeof *b);
  ts->n--;
}


/* "from 2014 to 2018" and "On 11 March 2014 she ... succeeded Piñera": a
 * tenure known to the year and one that began on a day of that year, of
 * the same office and holder, are one; the day is its start. */
static void merge_refinements(vx_doc *d, vx_tenures *ts) {
  for (size_t i = 0; i < ts->n; i++) {
    for (size_t k = 0; k < ts->n; k++) {
      if (k == i) continue;
      vx_tenure *a = &ts->items[i], *b = &ts->items[k];
      if (a->holder != b->holder || a->office != b->office || a->acting != b->acting) continue;
      if (!a->start.year || a->start.month || !b->start.month || a->start.year != b->start.year) continue;
      vitae_date end = a->end;
      if (b->end.year && !agree(&end, &b->end)) continue;
      a->start = b->start;
      a->end = end;
      merge_tenure(d, ts, i, k);
      if (k < i) i--;
      k = (size_t)-1; /* the indexes moved: look again from the start */
      if (i >= ts->n) break;
    }
  }
}

/* Two starts of one office close together are one tenure that began
 * once: "elected on 9 June ... sworn in on 12 June" (it begins when the
 * holder takes office, the later date); and "acting president in 2019"
 * with "took office on 20 March" before a later start is the acting
 * tenure, dated. */
static void merge_restarts(vx_doc *d, vx_tenures *ts) {
  for (size_t i = 0; i < ts->n; i++) {
    for (size_t k = 0; k < ts->n; k++) {
      if (k == i) continue;
      vx_tenure *a = &ts->items[i], *b = &ts->items[k];
      if (a->holder != b->holder || a->office != b->office || a->end.year || b->end.year) continue;
      if (!a->start.day || !b->start.day || a->acting != b->acting) continue;
      long gap = day_number(&b->start) - day_number(&a->start);
      if (gap <= 0 || gap > 45) continue;
      /* a (earlier) folds into b (later) */
      merge_tenure(d, ts, k, i);
      i = (size_t)-1; /* indexes moved: start over */
      break;
    }
  }
  for (size_t i = 0; i < ts->n; i++) {
    vx_tenure *a = &ts->items[i];
    if (!a->acting || a->start.month || !a->start.year) continue;
    /* the holder's non-acting tenures of the office starting that year,
     * the earliest of them if another one starts after it */
    size_t first = ts->n, later = 0;
    for (size_t k = 0; k < ts->n; k++) {
      vx_tenure *u = &ts->items[k];
      if (u->holder != a->holder || u->office != a->office || u->acting || !u->start.year) continue;
      if (u->start.year == a->start.year && u->start.month &&
          (first == ts->n || vitae_date_compare(&u->start, &ts->items[first].start) < 0))
        first = k;
    }
    if (first == ts->n) continue;
    for (size_t k = 0; k < ts->n; k++) {
      vx_tenure *u = &ts->items[k];
      if (u->holder == a->holder && u->office == a->office && !u->acting && k != first &&
          vitae_date_compare(&u->start, &ts->items[first].start) > 0)
        later = 1;
    }
    if (!later) continue;
    a->start = ts->items[first].start;
    merge_tenure(d, ts, i, first);
    if (first < i) i--;
  }
}

void vx_build_tenures(vx_doc *d, vx_tenures *ts) {
  memset(ts, 0, sizeof *ts);
  /* every office the text names in full is an entity of the graph, held by
   * someone or not ("the post of Deputy Secretary-General") */
  for (size_t i = 0; i < d->noffices && !d->oom; i++) {
    const vx_office *o = &d->offices[i];
    if (o->country < 0 && o->org < 0 && !(o->scope && !strcmp(o->scope, "place"))) continue;
    int32_t id = vx_office_entity(d, (int32_t)i, -1, -1);
    if (id >= 0) d->ents.items[id].mentions++;
  }
  /* first the dated facts, so undated mentions join a dated tenure */
  /* dated facts first, so undated mentions join a dated tenure; facts
   * without an office last, when the holder's tenures are known */
  for (int pass = 0; pass < 3; pass++) {
    for (size_t i = 0; i < d->nfacts && !d->oom; i++) {
      const vx_fact *f = &d->facts[i];
      if (f->rel != VX_POSITION) continue;
      int dated = f->start.year || f->end.year;
      int want = f->office < 0 ? 2 : dated ? 0 : 1;
      if (want != pass) continue;
      int32_t office = vx_office_entity(d, f->office, f->s, f->by);
      if (office < 0 && f->office < 0 && f->dismissal) {
        /* "X was dismissed by Y": the office X is known to hold */
        for (size_t k = 0; k < ts->n; k++)
          if (ts->items[k].holder == f->s) {
            if (office >= 0 && office != ts->items[k].office) {
              office = -1;
              break;
            }
            office = ts->items[k].office;
          }
      }
      if (office < 0) continue;
      apply_fact(d, ts, 0, f, office);
    }
  }
  merge_restarts(d, ts);
  implied_ends(d, ts);
  explicit_succession(d, ts);
  merge_refinements(d, ts);
  implicit_succession(ts);
  party_membership(d, ts);
}

void vx_tenures_free(vx_tenures *ts) {
  for (size_t i = 0; i < ts->n; i++) free(ts->items[i].sentences);
  free(ts->items);
  memset(ts, 0, sizeof *ts);
}
