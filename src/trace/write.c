/* Writing trace results: aligned plain text, JSON and Graphviz.  Every
 * string from the store is escaped for its output: control characters
 * never reach a terminal raw, JSON and DOT strings are always quoted. */
#include <stdio.h>
#include <string.h>

#include "core/vocab.h"
#include "trace/graph.h"

/* ---- escaping ---- */

/* Text for a terminal: control characters as \n, \t, \xHH. */
static void put_text(FILE *out, const char *s) {
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if (*p == '\n') fputs("\\n", out);
    else if (*p == '\t') fputs("\\t", out);
    else if (*p < 0x20 || *p == 0x7f) fprintf(out, "\\x%02x", *p);
    else fputc(*p, out);
  }
}

/* The number of columns s takes (code points, control characters escaped). */
static size_t text_width(const char *s) {
  size_t w = 0;
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if ((*p & 0xc0) == 0x80) continue;
    w += *p == '\n' || *p == '\t' ? 2 : *p < 0x20 || *p == 0x7f ? 4 : 1;
  }
  return w;
}

static void put_padded(FILE *out, const char *s, size_t width) {
  put_text(out, s);
  for (size_t w = text_width(s); w < width; w++) fputc(' ', out);
}

static void put_json(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (*p < 0x20 || *p == 0x7f) fprintf(out, "\\u%04x", *p);
      else fputc(*p, out);
    }
  }
  fputc('"', out);
}

/* A DOT quoted string: only '"' and '\' need escaping; line breaks become
 * spaces so that a label stays one line. */
static void put_dot(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if (*p == '"' || *p == '\\') fputc('\\', out);
    fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, out);
  }
  fputc('"', out);
}

static const char *short_type(const char *iri) {
  size_t k = strlen(VT_NS);
  return strncmp(iri, VT_NS, k) ? iri : iri + k;
}

/* "2019-03-20 – 2019-06-09", "2019-06-12 –", "– 2022", "2019-04-04" or "". */
static void put_span(FILE *out, const char *start, const char *end, int open_ended, size_t width) {
  char buf[256];
  if (start && end) snprintf(buf, sizeof buf, "%s – %s", start, end);
  else if (start) snprintf(buf, sizeof buf, open_ended ? "%s –" : "%s", start);
  else if (end) snprintf(buf, sizeof buf, "– %s", end);
  else buf[0] = '\0';
  put_padded(out, buf, width);
}

static void put_evidence_text(FILE *out, const vitae_trace_evidence *ev, size_t n, const char *indent) {
  for (size_t i = 0; i < n; i++) {
    fprintf(out, "%s\"", indent);
    put_text(out, ev[i].text ? ev[i].text : ev[i].sentence);
    fputc('"', out);
    if (ev[i].source) {
      fputs(" (", out);
      put_text(out, ev[i].source);
      fputc(')', out);
    }
    fputc('\n', out);
  }
}

static void put_json_ref(FILE *out, const vitae_trace_ref *r) {
  fputs("{\"iri\": ", out);
  put_json(out, *r->iri ? r->iri : NULL);
  fputs(", \"label\": ", out);
  put_json(out, r->label);
  fputc('}', out);
}

static void put_json_refs(FILE *out, const vitae_trace_ref *r, size_t n) {
  fputc('[', out);
  for (size_t i = 0; i < n; i++) {
    if (i) fputs(", ", out);
    put_json_ref(out, &r[i]);
  }
  fputc(']', out);
}

static void put_json_evidence(FILE *out, const vitae_trace_evidence *ev, size_t n) {
  fputc('[', out);
  for (size_t i = 0; i < n; i++) {
    fputs(i ? ", {\"sentence\": " : "{\"sentence\": ", out);
    put_json(out, ev[i].sentence);
    fputs(", \"text\": ", out);
    put_json(out, ev[i].text);
    fputs(", \"source\": ", out);
    put_json(out, ev[i].source);
    fputc('}', out);
  }
  fputc(']', out);
}

/* ---- describe ---- */

static const char *fact_object(const vitae_trace_fact *f, vitae_trace_pool *pool) {
  if (f->value) return f->value;
  return tg_join_labels(f->objects, f->nobjects, pool);
}

static void put_fact_text(FILE *out, const vitae_trace_fact *f, size_t rel_width,
                          vitae_trace_pool *pool) {
  fputs("  ", out);
  put_padded(out, f->relation, rel_width);
  fputs("  ", out);
  const char *what = fact_object(f, pool);
  put_text(out, *what ? what : "(no one else named)");
  if (f->kind != VITAE_TRACE_FACT || (f->start && f->start != f->value)) {
    fputs("  ", out);
    put_span(out, f->start, f->end, f->kind == VITAE_TRACE_TENURE, 0);
  }
  if (f->place) {
    fputs("  at ", out);
    put_text(out, f->place);
  }
  if (*f->notes) {
    fputs("  (", out);
    put_text(out, f->notes);
    fputc(')', out);
  }
  if (f->inferred) fputs("  [inferred]", out);
  fputc('\n', out);
  put_evidence_text(out, f->evidence, f->nevidence, "      ");
}

void vitae_trace_card_write_text(const vitae_trace_card *card, FILE *out) {
  put_text(out, card->entity.label);
  fputs("\n  IRI    ", out);
  put_text(out, card->entity.iri);
  fputs("\n  type   ", out);
  for (size_t i = 0; i < card->ntypes; i++) {
    if (i) fputs(", ", out);
    put_text(out, short_type(card->types[i]));
  }
  for (size_t i = 0; i < card->nalt; i++) {
    fputs(i ? "; " : "\n  also   ", out);
    put_text(out, card->alt_labels[i]);
  }
  fputc('\n', out);
  size_t width = 0;
  for (size_t i = 0; i < card->nfacts; i++) {
    size_t w = text_width(card->facts[i].relation);
    if (w > width && w <= 24) width = w;
  }
  for (size_t i = 0; i < card->nfacts; i++) {
    if (!i || strcmp(card->facts[i].group, card->facts[i - 1].group))
      fprintf(out, "\n%s\n", card->facts[i].group);
    put_fact_text(out, &card->facts[i], width, card->pool);
  }
  if (!card->nfacts) fputs("\n(no facts about it in the store)\n", out);
}

static const char *kind_name(vitae_trace_kind k) {
  switch (k) {
  case VITAE_TRACE_TENURE: return "tenure";
  case VITAE_TRACE_MEETING: return "meeting";
  case VITAE_TRACE_VISIT: return "visit";
  case VITAE_TRACE_FACT: break;
  }
  return "fact";
}

static void put_fact_json(FILE *out, const vitae_trace_fact *f) {
  fputs("{\"kind\": ", out);
  put_json(out, kind_name(f->kind));
  fputs(", \"group\": ", out);
  put_json(out, f->group);
  fputs(", \"relation\": ", out);
  put_json(out, f->relation);
  fputs(", \"node\": ", out);
  put_json(out, f->node);
  fputs(", \"objects\": ", out);
  put_json_refs(out, f->objects, f->nobjects);
  fputs(", \"value\": ", out);
  put_json(out, f->value);
  fputs(", \"start\": ", out);
  put_json(out, f->start);
  fputs(", \"end\": ", out);
  put_json(out, f->end);
  fputs(", \"place\": ", out);
  put_json(out, f->place);
  fputs(", \"notes\": ", out);
  put_json(out, f->notes);
  fprintf(out, ", \"incoming\": %s, \"inferred\": %s, \"evidence\": ", f->incoming ? "true" : "false",
          f->inferred ? "true" : "false");
  put_json_evidence(out, f->evidence, f->nevidence);
  fputc('}', out);
}

static void put_card_head_json(FILE *out, const vitae_trace_card *card) {
  fputs("\"entity\": ", out);
  put_json_ref(out, &card->entity);
  fputs(", \"types\": [", out);
  for (size_t i = 0; i < card->ntypes; i++) {
    if (i) fputs(", ", out);
    put_json(out, card->types[i]);
  }
  fputs("], \"altLabels\": [", out);
  for (size_t i = 0; i < card->nalt; i++) {
    if (i) fputs(", ", out);
    put_json(out, card->alt_labels[i]);
  }
  fputc(']', out);
}

void vitae_trace_card_write_json(const vitae_trace_card *card, FILE *out) {
  fputc('{', out);
  put_card_head_json(out, card);
  fputs(", \"facts\": [", out);
  for (size_t i = 0; i < card->nfacts; i++) {
    fputs(i ? ",\n  " : "\n  ", out);
    put_fact_json(out, &card->facts[i]);
  }
  fputs("]}\n", out);
}

/* ---- timeline ---- */

void vitae_trace_timeline_write_text(const vitae_trace_timeline *t, FILE *out) {
  put_text(out, t->card.entity.label);
  fputs("  <", out);
  put_text(out, t->card.entity.iri);
  fputs(">\n", out);
  size_t dw = 10, ww = 0;
  for (size_t i = 0; i < t->nevents; i++) {
    size_t d = text_width(t->events[i].date), w = text_width(t->events[i].what);
    if (d > dw && d <= 24) dw = d;
    if (w > ww && w <= 24) ww = w;
  }
  for (size_t i = 0; i < t->nevents; i++) {
    const vitae_trace_event *e = &t->events[i];
    const vitae_trace_fact *f = e->fact;
    put_padded(out, e->date ? e->date : "(undated)", dw);
    fputs("  ", out);
    put_padded(out, e->what, ww);
    fputs("  ", out);
    if (f->value != e->date) put_text(out, fact_object(f, t->card.pool)); /* not "born 1953 1953" */
    if (f->kind == VITAE_TRACE_MEETING && f->end && e->date == f->start) {
      fputs(" (until ", out);
      put_text(out, f->end);
      fputc(')', out);
    }
    if (f->place) {
      fputs(" at ", out);
      put_text(out, f->place);
    }
    if (*f->notes && strcmp(e->what, "left office") != 0) {
      fputs(" (", out);
      put_text(out, f->notes);
      fputc(')', out);
    }
    fputc('\n', out);
  }
  if (!t->nevents) fputs("(no dated events in the store)\n", out);
}

void vitae_trace_timeline_write_json(const vitae_trace_timeline *t, FILE *out) {
  fputc('{', out);
  put_card_head_json(out, &t->card);
  fputs(", \"events\": [", out);
  for (size_t i = 0; i < t->nevents; i++) {
    fputs(i ? ",\n  {\"date\": " : "\n  {\"date\": ", out);
    put_json(out, t->events[i].date);
    fputs(", \"what\": ", out);
    put_json(out, t->events[i].what);
    fputs(", \"fact\": ", out);
    put_fact_json(out, t->events[i].fact);
    fputc('}', out);
  }
  fputs("]}\n", out);
}

/* ---- succession ---- */

/* "; WORDS a, b" when there are refs; *sep becomes "; " after the first part. */
static void put_refs(FILE *out, const char **sep, const char *words, const vitae_trace_ref *refs,
                     size_t n, vitae_trace_pool *pool) {
  if (!n) return;
  fprintf(out, "%s%s ", *sep, words);
  put_text(out, tg_join_labels(refs, n, pool));
  *sep = "; ";
}

static void put_began_ended(FILE *out, const vitae_trace_tenure *e, vitae_trace_pool *pool) {
  const char *sep = "";
  if (e->acting) fputs("acting", out), sep = "; ";
  put_refs(out, &sep, "appointed by", e->appointed_by, e->nappointed_by, pool);
  put_refs(out, &sep, "dismissed by", e->dismissed_by, e->ndismissed_by, pool);
  put_refs(out, &sep, "after", e->predecessors, e->npredecessors, pool);
  put_refs(out, &sep, "before", e->successors, e->nsuccessors, pool);
  if (*e->links_inferred) fprintf(out, "%s%s inferred", sep, e->links_inferred);
  if (*e->note) {
    fputs(*sep || *e->links_inferred ? "; " : "", out);
    put_text(out, e->note);
  }
}

void vitae_trace_succession_write_text(const vitae_trace_succession *s, FILE *out) {
  put_text(out, s->office.label);
  fputs("  <", out);
  put_text(out, s->office.iri);
  fputs(">\n", out);
  if (!s->n) {
    fputs("(no tenures of this office in the store)\n", out);
    return;
  }
  size_t hw = 6, dw = 4;
  for (size_t i = 0; i < s->n; i++) {
    size_t h = text_width(s->tenures[i].holder.label);
    if (h > hw && h <= 40) hw = h;
    size_t d = text_width(s->tenures[i].start) + text_width(s->tenures[i].end) + 3;
    if (d > dw && d <= 40) dw = d;
  }
  fprintf(out, "  #  ");
  put_padded(out, "holder", hw);
  fputs("  ", out);
  put_padded(out, "term", dw);
  fputs("  how it began and ended\n", out);
  for (size_t i = 0; i < s->n; i++) {
    const vitae_trace_tenure *e = &s->tenures[i];
    fprintf(out, "%3zu  ", i + 1);
    put_padded(out, e->holder.label, hw);
    fputs("  ", out);
    if (e->tenure) put_span(out, e->start, e->end, 1, dw);
    else put_padded(out, "?", dw);
    fputs("  ", out);
    put_began_ended(out, e, s->pool);
    fputc('\n', out);
    put_evidence_text(out, e->evidence, e->nevidence, "       ");
  }
}

void vitae_trace_succession_write_json(const vitae_trace_succession *s, FILE *out) {
  fputs("{\"office\": ", out);
  put_json_ref(out, &s->office);
  fputs(", \"holders\": [", out);
  for (size_t i = 0; i < s->n; i++) {
    const vitae_trace_tenure *e = &s->tenures[i];
    fputs(i ? ",\n  {\"holder\": " : "\n  {\"holder\": ", out);
    put_json_ref(out, &e->holder);
    fputs(", \"tenure\": ", out);
    put_json(out, e->tenure);
    fputs(", \"start\": ", out);
    put_json(out, e->start);
    fputs(", \"end\": ", out);
    put_json(out, e->end);
    fprintf(out, ", \"acting\": %s, \"appointedBy\": ", e->acting ? "true" : "false");
    put_json_refs(out, e->appointed_by, e->nappointed_by);
    fputs(", \"dismissedBy\": ", out);
    put_json_refs(out, e->dismissed_by, e->ndismissed_by);
    fputs(", \"predecessors\": ", out);
    put_json_refs(out, e->predecessors, e->npredecessors);
    fputs(", \"successors\": ", out);
    put_json_refs(out, e->successors, e->nsuccessors);
    fputs(", \"inferredLinks\": ", out);
    put_json(out, e->links_inferred);
    fputs(", \"note\": ", out);
    put_json(out, e->note);
    fputs(", \"evidence\": ", out);
    put_json_evidence(out, e->evidence, e->nevidence);
    fputc('}', out);
  }
  fputs("]}\n", out);
}

/* ---- network ---- */

void vitae_trace_network_write_table(const vitae_trace_network *n, FILE *out) {
  put_text(out, n->people[0].ref.label);
  fprintf(out, "  <");
  put_text(out, n->people[0].ref.iri);
  fprintf(out, ">  depth %d: %zu people, %zu ties\n", n->depth, n->npeople - 1, n->nedges);
  if (!n->nedges) return;
  size_t fw = 4, rw = 8, tw = 2;
  for (size_t i = 0; i < n->nedges; i++) {
    size_t f = text_width(n->people[n->edges[i].from].ref.label);
    size_t r = text_width(n->edges[i].relation);
    size_t t = text_width(n->people[n->edges[i].to].ref.label);
    if (f > fw && f <= 36) fw = f;
    if (r > rw) rw = r;
    if (t > tw && t <= 36) tw = t;
  }
  fputc('\n', out);
  put_padded(out, "from", fw);
  fputs("  ", out);
  put_padded(out, "relation", rw);
  fputs("  ", out);
  put_padded(out, "to", tw);
  fputs("  date        details\n", out);
  for (size_t i = 0; i < n->nedges; i++) {
    const vitae_trace_edge *e = &n->edges[i];
    put_padded(out, n->people[e->from].ref.label, fw);
    fputs("  ", out);
    put_padded(out, e->relation, rw);
    fputs("  ", out);
    put_padded(out, n->people[e->to].ref.label, tw);
    fputs("  ", out);
    put_padded(out, e->date ? e->date : "-", 10);
    const char *sep = "  ";
    if (e->place) fputs("  at ", out), put_text(out, e->place), sep = "; ";
    if (e->office) fputs(sep, out), put_text(out, e->office), sep = "; ";
    if (e->inferred) fprintf(out, "%sinferred", sep);
    fputc('\n', out);
  }
}

void vitae_trace_network_write_json(const vitae_trace_network *n, FILE *out) {
  fprintf(out, "{\"depth\": %d, \"centre\": ", n->depth);
  put_json_ref(out, &n->people[0].ref);
  fputs(", \"people\": [", out);
  for (size_t i = 0; i < n->npeople; i++) {
    fputs(i ? ",\n  {\"iri\": " : "\n  {\"iri\": ", out);
    put_json(out, n->people[i].ref.iri);
    fputs(", \"label\": ", out);
    put_json(out, n->people[i].ref.label);
    fprintf(out, ", \"distance\": %d}", n->people[i].distance);
  }
  fputs("],\n \"ties\": [", out);
  for (size_t i = 0; i < n->nedges; i++) {
    const vitae_trace_edge *e = &n->edges[i];
    fputs(i ? ",\n  {\"from\": " : "\n  {\"from\": ", out);
    put_json(out, n->people[e->from].ref.iri);
    fputs(", \"to\": ", out);
    put_json(out, n->people[e->to].ref.iri);
    fputs(", \"relation\": ", out);
    put_json(out, e->relation);
    fprintf(out, ", \"directed\": %s, \"date\": ", e->directed ? "true" : "false");
    put_json(out, e->date);
    fputs(", \"place\": ", out);
    put_json(out, e->place);
    fputs(", \"office\": ", out);
    put_json(out, e->office);
    fprintf(out, ", \"inferred\": %s, \"evidence\": ", e->inferred ? "true" : "false");
    put_json_evidence(out, e->evidence, e->nevidence);
    fputc('}', out);
  }
  fputs("]}\n", out);
}

void vitae_trace_network_write_dot(const vitae_trace_network *n, FILE *out) {
  fputs("digraph network {\n  graph [overlap=false, splines=true];\n"
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10];\n",
        out);
  for (size_t i = 0; i < n->npeople; i++) {
    fprintf(out, "  p%zu [label=", i);
    put_dot(out, n->people[i].ref.label);
    fputs(", tooltip=", out);
    put_dot(out, n->people[i].ref.iri);
    fputs(i ? "];\n" : ", style=\"rounded,bold\"];\n", out);
  }
  for (size_t i = 0; i < n->nedges; i++) {
    const vitae_trace_edge *e = &n->edges[i];
    char label[512];
    snprintf(label, sizeof label, "%s%s%s%s%s", e->relation, e->date ? " " : "",
             e->date ? e->date : "", e->office ? "\n" : "", e->office ? e->office : "");
    fprintf(out, "  p%zu -> p%zu [label=", e->from, e->to);
    /* the office goes on a second line: put_dot would flatten a raw one */
    fputc('"', out);
    for (const char *p = label; *p; p++) {
      if (*p == '\n') fputs("\\n", out);
      else if (*p == '"' || *p == '\\') fputc('\\', out), fputc(*p, out);
      else fputc((unsigned char)*p < 0x20 ? ' ' : *p, out);
    }
    fputc('"', out);
    if (!e->directed) fputs(", dir=none", out);
    if (e->inferred) fputs(", style=dashed", out);
    fputs("];\n", out);
  }
  fputs("}\n", out);
}

/* ---- candidates ---- */

void vitae_trace_candidates_write(const vitae_trace_candidates *c, FILE *out) {
  size_t lw = 0;
  for (size_t i = 0; i < c->n; i++) {
    size_t w = text_width(c->items[i].ref.label);
    if (w > lw && w <= 40) lw = w;
  }
  for (size_t i = 0; i < c->n; i++) {
    fputs("  ", out);
    put_padded(out, c->items[i].ref.label, lw);
    fputs("  <", out);
    put_text(out, c->items[i].ref.iri);
    fputs(">", out);
    if (*c->items[i].types) {
      fputs("  ", out);
      put_text(out, c->items[i].types);
    }
    fputc('\n', out);
  }
}

void vitae_trace_candidates_write_json(const vitae_trace_candidates *c, FILE *out) {
  fputs("{\"results\": [", out);
  for (size_t i = 0; i < c->n; i++) {
    fputs(i ? ",\n  " : "\n  ", out);
    fputs("{\"iri\": ", out);
    put_json(out, c->items[i].ref.iri);
    fputs(", \"label\": ", out);
    put_json(out, c->items[i].ref.label);
    fputs(", \"types\": ", out);
    put_json(out, c->items[i].types);
    fputc('}', out);
  }
  fputs("]}\n", out);
}
