#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "extract/doc.h"
#include "extract/emit.h"

/* ---- the extractor: knowledge loaded once ---- */

static void add_month(void *ctx, int month, const char *name) {
  vitae_months_add(ctx, month, name, strlen(name));
}

vitae_status vitae_extractor_new(const char *datadir, vitae_extractor **out, vitae_error *err) {
  *out = NULL;
  vitae_extractor *ex = calloc(1, sizeof *ex);
  if (!ex) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_status st = vitae_lexicon_load(datadir, &ex->lex, err);
  char path[4096];
  snprintf(path, sizeof path, "%s/ontology/rules/relations.rules", datadir);
  if (st == VITAE_OK) st = vitae_rules_load(path, &ex->rules, err);
  if (st == VITAE_OK && vitae_months_new(&ex->months) != VITAE_OK)
    st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (st == VITAE_OK) {
    vitae_lexicon_each_month(ex->lex, add_month, ex->months);
    const char *const *abbrevs;
    size_t n = vitae_lexicon_abbreviations(ex->lex, &abbrevs);
    if (vitae_sentence_abbrevs_new(abbrevs, n, &ex->abbrevs) != VITAE_OK)
      st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (st != VITAE_OK) {
    vitae_extractor_free(ex);
    return st;
  }
  *out = ex;
  return VITAE_OK;
}

void vitae_extractor_free(vitae_extractor *ex) {
  if (!ex) return;
  vitae_lexicon_free(ex->lex);
  vitae_rules_free(ex->rules);
  vitae_months_free(ex->months);
  vitae_sentence_abbrevs_free(ex->abbrevs);
  free(ex);
}

/* ---- one document ---- */

static int grow_tokens(vx_sentence *s, size_t n) {
  free(s->tok);
  free(s->tok_men);
  free(s->wc);
  free(s->nlex);
  free(s->lex);
  s->tok = malloc(n * sizeof *s->tok);
  s->tok_men = malloc(n * sizeof *s->tok_men);
  s->wc = malloc(n * sizeof *s->wc);
  s->nlex = malloc(n * sizeof *s->nlex);
  s->lex = malloc(n * sizeof *s->lex);
  s->captok = s->tok && s->tok_men && s->wc && s->nlex && s->lex ? n : 0;
  return s->captok ? 0 : -1;
}

static int tokenize_sentence(vx_doc *d) {
  vx_sentence *s = &d->cur;
  size_t n = vitae_tokenize(d->text, s->begin, s->end, s->tok, s->captok);
  if (n > s->captok) {
    if (grow_tokens(s, n) != 0) return -1;
    n = vitae_tokenize(d->text, s->begin, s->end, s->tok, s->captok);
  }
  s->ntok = n;
  memset(s->wc, 0, n * sizeof *s->wc);
  memset(s->nlex, 0, n * sizeof *s->nlex);
  return 0;
}

/* The subject's gender, by the pronouns the text uses most. */
static char majority_gender(const char *text, size_t size) {
  long he = 0, she = 0;
  static const char *const m[] = {" he ", " his ", " him ", "He ", "His ", NULL};
  static const char *const f[] = {" she ", " her ", "She ", "Her ", NULL};
  for (const char *const *w = m; *w; w++)
    for (const char *p = text; (p = strstr(p, *w)) && p < text + size; p++) he++;
  for (const char *const *w = f; *w; w++)
    for (const char *p = text; (p = strstr(p, *w)) && p < text + size; p++) she++;
  if (he > 2 * she && he > 0) return 'm';
  if (she > 2 * he && she > 0) return 'f';
  return 0;
}

static void set_subject(vx_doc *d, const char *name) {
  char clean[400];
  snprintf(clean, sizeof clean, "%s", name);
  size_t n = strlen(clean);
  while (n && (clean[n - 1] == ' ' || clean[n - 1] == '.')) clean[--n] = '\0';
  if (!n) return;
  d->subject = vitae_entities_get(&d->ents, VITAE_ENT_PERSON, clean, "Person");
  if (d->subject < 0) {
    d->oom = 1;
    return;
  }
  d->ents.items[d->subject].mentions++;
  const char *sp = strrchr(clean, ' ');
  snprintf(d->subject_surname, sizeof d->subject_surname, "%s", sp ? sp + 1 : clean);
  if (vitae_entities_add_alias(&d->ents, d->subject, d->subject_surname)) d->oom = 1;
  /* a biography calls its subject by any of the title's names ("Lula",
   * "Jacinda"): each capitalised word of three letters or more finds them */
  char word[128];
  for (const char *p = clean; *p;) {
    size_t k = strcspn(p, " ");
    if (k >= 3 && k < sizeof word && p[0] >= 'A' && p[0] <= 'Z') {
      memcpy(word, p, k);
      word[k] = '\0';
      if (vitae_lexicon_word_class(d->lex, word, &(vitae_token){0, (uint32_t)k, VITAE_TOK_WORD, 0}) == 0 &&
          vitae_entities_add_alias(&d->ents, d->subject, word))
        d->oom = 1;
    }
    p += k;
    while (*p == ' ') p++;
  }
}

/* The subject named in full in the first sentence ("Kassym-Jomart Kemeluly
 * Tokayev (Kazakh: Қасым-Жомарт ...; born 17 May 1953) is ..."): the fuller
 * English name becomes the label, a name after "LANGUAGE:" an altLabel in
 * that language. */
/* Whether every word of short occurs in long, in order, and long has more:
 * "Michelle Bachelet" in "Verónica Michelle Bachelet Jeria". */
static int words_in_order(const char *shortname, const char *longname) {
  const char *p = shortname, *q = longname;
  int words = 0;
  while (*p) {
    size_t n = strcspn(p, " ");
    for (;;) {
      size_t m = strcspn(q, " ");
      if (!*q) return 0;
      int same = m == n && !strncmp(p, q, n);
      q += m;
      while (*q == ' ') q++;
      if (same) break;
    }
    words++;
    p += n;
    while (*p == ' ') p++;
  }
  return words >= 2 && strcmp(shortname, longname) != 0;
}

static void enrich_subject(vx_doc *d) {
  vx_sentence *s = &d->cur;
  for (size_t i = 0; i < s->nmen; i++) {
    vx_mention *m = &s->men[i];
    if (m->type != VITAE_ITEM_PERSON) continue;
    const char *first = d->text + s->tok[m->tok].begin;
    size_t len = s->tok[m->tok + m->ntok - 1].end - s->tok[m->tok].begin;
    char name[400];
    snprintf(name, sizeof name, "%.*s", (int)len, first);
    const char *sp = strrchr(name, ' ');
    /* the first sentence's first person (mentions are not in text order) */
    int first_person = i == 0 || (m->tok == 0 && words_in_order(d->ents.items[d->subject].label, name));
    if (m->entity != d->subject && sp && first_person &&
        (!strcmp(sp + 1, d->subject_surname) || words_in_order(d->ents.items[d->subject].label, name))) {
      /* the fuller form of the subject's name, first in the document */
      if (vitae_entities_add_name(&d->ents, d->subject, name, NULL, 1)) d->oom = 1;
      /* the entity the mention made is the subject: one person */
      if (m->entity >= 0 && vitae_entities_merge(&d->ents, m->entity, d->subject)) d->oom = 1;
      m->entity = d->subject;
    }
    break;
  }
}

/* "NAME (Kazakh: Қасым-Жомарт Тоқаев, romanized: Qasym-Jomart Toqaev)":
 * the names of a person in other languages and scripts. */
static void native_names(vx_doc *d) {
  vx_sentence *s = &d->cur;
  for (size_t i = 0; i + 1 < s->nmen; i++) {
    vx_mention *p = &s->men[i], *l = &s->men[i + 1];
    if (p->type != VITAE_ITEM_PERSON || l->type != VITAE_ITEM_LANG || p->entity < 0) continue;
    size_t open = p->tok + p->ntok;
    if (open >= s->ntok || !vitae_token_is(d->text, &s->tok[open], "(") || l->tok != open + 1) continue;
    size_t colon = l->tok + l->ntok;
    if (colon >= s->ntok || !vitae_token_is(d->text, &s->tok[colon], ":")) continue;
    const vitae_lex_language *lang = NULL;
    for (uint32_t k = 0; (lang = vitae_lexicon_language(d->lex, k)); k++)
      if (!strcmp(lang->label, d->ents.items[l->entity].label)) break;
    size_t b = colon + 1, e = b;
    while (e < s->ntok && !vitae_token_is(d->text, &s->tok[e], ",") &&
           !vitae_token_is(d->text, &s->tok[e], ";") && !vitae_token_is(d->text, &s->tok[e], ")") &&
           !vitae_token_is(d->text, &s->tok[e], "["))
      e++;
    if (e == b || e - b > 8) continue;
    char name[400];
    size_t len = s->tok[e - 1].end - s->tok[b].begin;
    snprintf(name, sizeof name, "%.*s", (int)len, d->text + s->tok[b].begin);
    if (vitae_entities_add_name(&d->ents, p->entity, name, lang && lang->code[0] ? lang->code : NULL, 0))
      d->oom = 1;
    /* "romanized: ..." right after */
    if (e + 2 < s->ntok && vitae_token_is(d->text, &s->tok[e], ",") &&
        (vitae_token_is(d->text, &s->tok[e + 1], "romanized") || vitae_token_is(d->text, &s->tok[e + 1], "romanised")) &&
        vitae_token_is(d->text, &s->tok[e + 2], ":")) {
      size_t rb = e + 3, re = rb;
      while (re < s->ntok && !vitae_token_is(d->text, &s->tok[re], ";") &&
             !vitae_token_is(d->text, &s->tok[re], ")") && !vitae_token_is(d->text, &s->tok[re], "[") &&
             !vitae_token_is(d->text, &s->tok[re], ","))
        re++;
      if (re > rb && re - rb <= 8) {
        len = s->tok[re - 1].end - s->tok[rb].begin;
        snprintf(name, sizeof name, "%.*s", (int)len, d->text + s->tok[rb].begin);
        if (vitae_entities_add_name(&d->ents, p->entity, name, NULL, 0)) d->oom = 1;
      }
    }
  }
}

/* The subject's country: the first adjective of nationality or country the
 * first sentence gives ("is a Kazakh politician"). */
static void home_country(vx_doc *d) {
  vx_sentence *s = &d->cur;
  for (size_t i = 0; i < s->nmen && d->home < 0; i++)
    if ((s->men[i].type == VITAE_ITEM_DEMONYM || s->men[i].type == VITAE_ITEM_COUNTRY) && s->men[i].entity >= 0)
      d->home = s->men[i].entity;
}

/* A heading such as "Prime Minister of Kazakhstan (1999–2002)" or "Foreign
 * Minister and State Secretary (1994–1999, 2002–2007)": the subject held
 * each office it names over each period it gives, and its office is the
 * context of the sentences under it. */
static void read_heading(vx_doc *d, const vitae_sentences *ss, size_t h) {
  const vitae_heading *hd = vitae_sentences_heading(ss, h);
  d->heading_office[h] = -1;
  if (!hd || hd->level == 0) return;
  d->cur.index = d->nsentences + h;
  d->cur.begin = hd->begin;
  d->cur.end = hd->end;
  d->cur.heading = -1;
  if (tokenize_sentence(d) != 0) {
    d->oom = 1;
    return;
  }
  vx_find_mentions(d);
  vx_sentence *s = &d->cur;
  for (size_t i = 0; i < s->nmen; i++) {
    if (s->men[i].type != VITAE_ITEM_OFFICE) continue;
    if (d->heading_office[h] < 0) d->heading_office[h] = s->men[i].office;
    if (d->subject < 0) continue;
    for (size_t k = 0; k < s->nmen; k++) {
      const vx_mention *dm = &s->men[k];
      if (dm->type != VITAE_ITEM_DATE || !dm->has_date) continue;
      vx_fact *f = vx_add_fact(d, VX_POSITION, d->subject, -1);
      if (!f) return;
      f->office = s->men[i].office;
      f->phase = VX_HELD;
      if (dm->date_kind == VITAE_DATE_RANGE) {
        f->start = dm->from;
        f->end = dm->to;
      } else if (dm->date_kind == VITAE_DATE_UNTIL) {
        f->end = dm->to;
      } else {
        f->start = dm->from;
      }
    }
  }
}

static void doc_free(vx_doc *d) {
  free(d->heading_office);
  free(d->cur.wc);
  free(d->cur.nlex);
  free(d->cur.lex);
  vitae_entities_free(&d->ents);
  free(d->offices);
  free(d->facts);
  free(d->cur.tok);
  free(d->cur.tok_men);
  free(d->cur.men);
  free(d->cur.items);
}

static void doc_slug(const char *name, char *out, size_t n) {
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  char tmp[512];
  snprintf(tmp, sizeof tmp, "%s", base);
  char *dot = strrchr(tmp, '.');
  if (dot && dot != tmp) *dot = '\0';
  vitae_name_slug(tmp, out, n);
}

vitae_status vitae_extract_document(const vitae_extractor *ex, const vitae_text *text,
                                    const vitae_extract_options *opt, vitae_triple_fn fn,
                                    void *ctx, vitae_extract_stats *stats, vitae_error *err) {
  vitae_extract_options none = {0};
  if (!opt) opt = &none;
  const char *base = opt->base ? opt->base : VITAE_DEFAULT_BASE;
  const char *source = opt->source_name ? opt->source_name : vitae_text_name(text);
  /* vt:sourceFile is the file's name without its directory, so the same
   * file gives the same triples wherever it lies */
  const char *slash = strrchr(source, '/');
  if (slash && slash[1]) source = slash + 1;
  vitae_sentences *ss = NULL;
  vitae_status st = vitae_sentence_split(text, ex->abbrevs, &ss, err);
  if (st != VITAE_OK) return st;
  vx_doc d;
  memset(&d, 0, sizeof d);
  d.ex = ex;
  d.lex = ex->lex;
  d.text = vitae_text_data(text);
  d.size = vitae_text_size(text);
  d.subject = d.home = d.last_person = d.last_office = d.last_treaty = -1;
  d.trace = getenv("VITAE_TRACE") != NULL;
  d.subject_gender = majority_gender(d.text, d.size);
  if (opt->subject) {
    set_subject(&d, opt->subject);
  } else if (vitae_sentences_heading_count(ss) > 0) {
    const vitae_heading *h = vitae_sentences_heading(ss, 0);
    if (h->level == 0 && h->end - h->begin < 200) {
      char title[256];
      snprintf(title, sizeof title, "%.*s", (int)(h->end - h->begin), d.text + h->begin);
      set_subject(&d, title);
    }
  }
  if (d.subject >= 0) d.ents.items[d.subject].gender = d.subject_gender;
  size_t n = vitae_sentences_count(ss);
  d.nsentences = n;
  d.nheadings = vitae_sentences_heading_count(ss);
  /* -1 (no office) until a heading is read: the first sentence comes
   * before any is, and office 0 is a real office */
  d.heading_office = malloc((d.nheadings + 1) * sizeof *d.heading_office);
  if (!d.heading_office) d.oom = 1;
  for (size_t h = 0; !d.oom && h <= d.nheadings; h++) d.heading_office[h] = -1;
  long heading_read = -1;
  for (size_t i = 0; i < n && !d.oom; i++) {
    const vitae_sentence *s = vitae_sentences_get(ss, i);
    /* read each heading when its section begins (after the first sentence,
     * which names the subject's country) */
    if (i > 0)
      while (heading_read < s->heading && !d.oom) read_heading(&d, ss, (size_t)++heading_read);
    d.cur.index = i;
    d.cur.heading = s->heading;
    /* A "sentence" without full stops may be a whole file: read it in
     * windows of at most VX_MAX_SENTENCE_BYTES, cut at white space, so
     * that memory stays bounded whatever the input. */
    for (size_t b = s->begin; b < s->end && !d.oom;) {
      size_t e = s->end;
      if (e - b > VX_MAX_SENTENCE_BYTES) {
        e = b + VX_MAX_SENTENCE_BYTES;
        size_t cut = e;
        while (cut > b + VX_MAX_SENTENCE_BYTES / 2 && d.text[cut] != ' ' && d.text[cut] != '\n') cut--;
        if (cut > b + VX_MAX_SENTENCE_BYTES / 2) e = cut;
        while (e < s->end && (d.text[e] & 0xC0) == 0x80) e++; /* never inside a character */
      }
      d.cur.begin = b;
      d.cur.end = e;
      b = e;
      if (tokenize_sentence(&d) != 0) {
        d.oom = 1;
        break;
      }
      vx_find_mentions(&d);
      /* no title line: a biography opens with its subject ("Angela Merkel
       * (born ...) is ..."), so a person who starts the first sentence is it */
      for (size_t q = 0; i == 0 && d.subject < 0 && d.cur.begin == s->begin && q < d.cur.nmen; q++) {
        const vx_mention *m = &d.cur.men[q];
        if (m->type != VITAE_ITEM_PERSON || m->tok != 0 || m->entity < 0) continue;
        char name[400];
        snprintf(name, sizeof name, "%s", d.ents.items[m->entity].label);
        set_subject(&d, name);
        if (d.subject >= 0) d.ents.items[d.subject].gender = d.subject_gender;
      }
      if (i == 0 && d.subject >= 0 && d.cur.begin == s->begin) {
        enrich_subject(&d);
        home_country(&d);
      }
      native_names(&d);
      vx_relate_sentence(&d);
    }
  }
  /* people found to be one ("born X") become one in every fact */
  for (size_t i = 0; i < d.nfacts; i++) {
    vx_fact *f = &d.facts[i];
    f->s = vitae_entities_resolve(&d.ents, f->s);
    f->o = vitae_entities_resolve(&d.ents, f->o);
    f->by = vitae_entities_resolve(&d.ents, f->by);
    f->place = vitae_entities_resolve(&d.ents, f->place);
  }
  vx_tenures ts = {0};
  if (!d.oom) vx_build_tenures(&d, &ts);
  size_t triples = 0, facts = 0;
  char slug[512];
  doc_slug(source, slug, sizeof slug);
  /* the emitter's own allocations set d.oom: out of memory is said as such */
  int written = d.oom ? -1 : vx_emit(&d, &ts, text, ss, base, slug, source, fn, ctx, &triples, &facts);
  if (d.oom) st = vitae_error_set(err, VITAE_ERR_NOMEM, source, 0, 0, "out of memory");
  else if (written != 0) st = vitae_error_set(err, VITAE_ERR_IO, source, 0, 0, "cannot write the extracted triples");
  if (stats) {
    stats->sentences = n;
    stats->entities = d.ents.n;
    stats->facts = facts;
    stats->triples = triples;
  }
  vx_tenures_free(&ts);
  doc_free(&d);
  vitae_sentences_free(ss);
  return st;
}
