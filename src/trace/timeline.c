/* The timeline: a card's dated facts as events, in date order. */
#include <stdlib.h>
#include <string.h>

#include "trace/graph.h"

typedef struct date_key {
  int ok;
  long year;
  int month, day; /* 0 when the precision stops before */
} date_key;

static int digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* -?YYYY+ [-MM [-DD]], then anything (a time zone) */
static date_key parse_date(const char *s) {
  date_key k = {0, 0, 0, 0};
  if (!s) return k;
  int neg = *s == '-';
  const char *p = s + neg;
  int n = 0;
  while (p[n] >= '0' && p[n] <= '9' && n < 9) n++;
  if (n < 4) return k;
  k.year = strtol(p, NULL, 10) * (neg ? -1 : 1);
  p += n;
  if (p[0] == '-' && digits(p + 1, 2)) {
    k.month = (p[1] - '0') * 10 + (p[2] - '0');
    p += 3;
    if (p[0] == '-' && digits(p + 1, 2)) k.day = (p[1] - '0') * 10 + (p[2] - '0');
  }
  k.ok = 1;
  return k;
}

int vitae_trace_date_compare(const char *a, const char *b) {
  date_key x = parse_date(a), y = parse_date(b);
  if (x.ok != y.ok) return x.ok ? -1 : 1;
  if (!x.ok) { /* neither is a date: NULL last, the rest by text */
    if (!a || !b) return (a == NULL) - (b == NULL);
    return strcmp(a, b);
  }
  if (x.year != y.year) return x.year < y.year ? -1 : 1;
  if (x.month != y.month) return x.month - y.month;
  return x.day - y.day;
}

static void push(vitae_trace_timeline *t, size_t *cap, const char *date, const char *what,
                 const vitae_trace_fact *f) {
  vitae_trace_event *e = TP_PUSH(t->card.pool, t->events, t->nevents, *cap);
  if (!e) return;
  e->date = date;
  e->what = what;
  e->fact = f;
}

static void add_fact_events(vitae_trace_timeline *t, size_t *cap, const vitae_trace_fact *f) {
  switch (f->kind) {
  case VITAE_TRACE_TENURE:
    if (f->start || !f->end) push(t, cap, f->start, "took office", f);
    if (f->end) push(t, cap, f->end, "left office", f);
    break;
  case VITAE_TRACE_MEETING:
  case VITAE_TRACE_VISIT: push(t, cap, f->start, f->relation, f); break;
  case VITAE_TRACE_FACT:
    if (f->start) push(t, cap, f->start, f->relation, f);
    break;
  }
}

static int by_date(const void *a, const void *b) {
  const vitae_trace_event *x = a, *y = b;
  int c = vitae_trace_date_compare(x->date, y->date);
  /* same date: keep the card's order (stable) */
  return c ? c : (x->fact < y->fact ? -1 : x->fact > y->fact);
}

vitae_status vitae_trace_timeline_build(vitae_store *store, const char *iri,
                                        vitae_trace_timeline *out, vitae_error *err) {
  memset(out, 0, sizeof *out);
  if (vitae_trace_card_build(store, iri, &out->card, err) != VITAE_OK) return err->status;
  size_t cap = 0;
  for (size_t i = 0; i < out->card.nfacts; i++) add_fact_events(out, &cap, &out->card.facts[i]);
  if (out->card.pool->failed) {
    vitae_trace_timeline_free(out);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (out->nevents) qsort(out->events, out->nevents, sizeof *out->events, by_date);
  return VITAE_OK;
}

void vitae_trace_timeline_free(vitae_trace_timeline *t) {
  if (!t) return;
  vitae_trace_card_free(&t->card);
  memset(t, 0, sizeof *t);
}
