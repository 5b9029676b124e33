/* Mentions: the dates, offices, people, places, countries, organisations,
 * languages, kinship words and pronouns of one sentence, each tied to an
 * entity of the document.  Everything it recognises comes from the lexicon
 * (ontology/gazetteer, ontology/lexicon) and from the shape of English names:
 * capitalised words, with "of"/"the"/"for" inside organisation names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/doc.h"

#define MAX_NAME 400

/* ---- token helpers ---- */

static const vitae_token *T(const vx_doc *d, size_t i) { return &d->cur.tok[i]; }

static int is_word(const vx_doc *d, size_t i) {
  return i < d->cur.ntok && T(d, i)->kind == VITAE_TOK_WORD;
}
static int is_cap(const vx_doc *d, size_t i) {
  return is_word(d, i) && (T(d, i)->flags & (VITAE_TOKF_CAP | VITAE_TOKF_ALLCAPS));
}
__attribute__((always_inline))
static inline int tok_is(const vx_doc *d, size_t i, const char *w) {
  return i < d->cur.ntok && vitae_token_is(d->text, T(d, i), w);
}
static unsigned wclass(const vx_doc *d, size_t i) {
  if (i >= d->cur.ntok) return 0;
  if (!d->cur.wc[i]) d->cur.wc[i] = vitae_lexicon_word_class(d->lex, d->text, T(d, i)) + 1;
  return d->cur.wc[i] - 1;
}
static int free_tok(const vx_doc *d, size_t i) { return i < d->cur.ntok && d->cur.tok_men[i] < 0; }
static int is_poss(const vx_doc *d, size_t i) {
  return i < d->cur.ntok && (T(d, i)->flags & VITAE_TOKF_POSS);
}

/* The text of tokens [i, j) as written, with single spaces where the text
 * had any white space, and no space before a possessive or after a hyphen. */
static char *span_text(const vx_doc *d, size_t i, size_t j, char *buf, size_t n) {
  size_t w = 0;
  buf[0] = '\0';
  for (size_t k = i; k < j && k < d->cur.ntok; k++) {
    const vitae_token *t = T(d, k);
    size_t len = t->end - t->begin;
    int glue = k > i && (T(d, k - 1)->end == t->begin);
    if (k > i && !glue) {
      if (w + 1 >= n) break;
      buf[w++] = ' ';
    }
    if (w + len >= n) break;
    memcpy(buf + w, d->text + t->begin, len);
    w += len;
  }
  buf[w] = '\0';
  return buf;
}

static void lex_lookup(const vx_doc *d, size_t i) {
  const vx_sentence *s = &d->cur;
  s->nlex[i] = (uint8_t)(vitae_lexicon_lookup(d->lex, d->text, T(d, i), s->ntok - i, s->lex[i], VX_LEX_CACHE) + 1);
}

/* (inline: it is asked over a million times per MB, mostly of a token
 * already looked up) */
static inline vitae_lex_match lex_at(const vx_doc *d, size_t i, vitae_lex_kind kind) {
  vitae_lex_match none = {0, 0, 0};
  if (i >= d->cur.ntok) return none;
  const vx_sentence *s = &d->cur;
  if (!s->nlex[i]) lex_lookup(d, i);
  /* matches come longest first: the first of the kind is the longest */
  for (uint8_t k = 0; k + 1 < s->nlex[i]; k++)
    if (s->lex[i][k].kind == kind) return s->lex[i][k];
  return none;
}

/* ---- adding mentions ---- */

static vx_mention *add_mention(vx_doc *d, uint8_t type, size_t tok, size_t ntok) {
  vx_sentence *s = &d->cur;
  if (s->nmen == s->capmen) {
    size_t cap = s->capmen ? 2 * s->capmen : 32;
    vx_mention *p = realloc(s->men, cap * sizeof *p);
    if (!p) {
      d->oom = 1;
      return NULL;
    }
    s->men = p;
    s->capmen = cap;
  }
  vx_mention *m = &s->men[s->nmen];
  memset(m, 0, sizeof *m);
  m->type = type;
  m->tok = (uint32_t)tok;
  m->ntok = (uint32_t)ntok;
  m->entity = m->kin = m->office = -1;
  for (size_t k = tok; k < tok + ntok && k < s->ntok; k++) s->tok_men[k] = (int32_t)s->nmen;
  s->nmen++;
  return m;
}

static int32_t entity(vx_doc *d, vitae_entity_type type, const char *key, const char *cls) {
  int32_t id = vitae_entities_get(&d->ents, type, key, cls);
  if (id < 0) d->oom = 1;
  else d->ents.items[id].mentions++;
  return id;
}

/* The country an adjective of nationality points to ("Kazakh"), without
 * counting it as named: only countries the text names are listed. */
static int32_t demonym_entity(vx_doc *d, uint32_t lex_id) {
  const vitae_lex_country *c = vitae_lexicon_country(d->lex, lex_id);
  if (!c) return -1;
  int32_t id = vitae_entities_get(&d->ents, c->territory ? VITAE_ENT_PLACE : VITAE_ENT_COUNTRY, c->label,
                                  c->territory ? "Place" : "Country");
  if (id < 0) d->oom = 1;
  return id;
}

static int32_t country_entity(vx_doc *d, uint32_t lex_id) {
  const vitae_lex_country *c = vitae_lexicon_country(d->lex, lex_id);
  if (!c) return -1;
  return c->territory ? entity(d, VITAE_ENT_PLACE, c->label, "Place") : entity(d, VITAE_ENT_COUNTRY, c->label, "Country");
}

static int32_t place_entity(vx_doc *d, uint32_t lex_id) {
  const vitae_lex_place *p = vitae_lexicon_place(d->lex, lex_id);
  if (!p) return -1;
  int32_t id = entity(d, VITAE_ENT_PLACE, p->label, p->region ? "Region" : "City");
  const vitae_lex_country *c = p->country >= 0 ? vitae_lexicon_country(d->lex, (uint32_t)p->country) : NULL;
  if (id >= 0 && c && d->ents.items[id].jurisdiction < 0) {
    /* the place's country, remembered without counting it as mentioned */
    int32_t cid = vitae_entities_get(&d->ents, VITAE_ENT_COUNTRY, c->label, "Country");
    if (cid < 0) d->oom = 1;
    else d->ents.items[id].jurisdiction = cid;
  }
  return id;
}

static int32_t language_entity(vx_doc *d, uint32_t lex_id) {
  const vitae_lex_language *l = vitae_lexicon_language(d->lex, lex_id);
  return l ? entity(d, VITAE_ENT_LANGUAGE, l->label, "Language") : -1;
}

static int32_t known_org_entity(vx_doc *d, uint32_t lex_id) {
  const vitae_lex_org *o = vitae_lexicon_org(d->lex, lex_id);
  return o ? entity(d, VITAE_ENT_ORG, o->label, o->cls) : -1;
}

/* ---- capitalised chunks ---- */

/* Words that may stand inside a name between capitalised words. */
static int connector(const vx_doc *d, size_t i, int org_so_far) {
  if (!is_word(d, i) || is_cap(d, i)) return 0;
  static const char *const always[] = {"of", "the", "for", NULL};
  for (const char *const *w = always; *w; w++)
    if (tok_is(d, i, *w)) return 1;
  if (wclass(d, i) & VITAE_WORD_NAME_PARTICLE) return 1;
  if (org_so_far && tok_is(d, i, "on")) return 1;
  if (org_so_far && tok_is(d, i, "and")) {
    /* "Ministry of Ecology, Geology and Natural Resources", "Union of São
     * Bernardo do Campo and Diadema"; but not "Parliament and Accounts
     * Committee", "Court and the Planalto Palace": no second name */
    if (!is_cap(d, i + 1)) return 0;
    for (size_t k = i + 1; k < d->cur.ntok && k < i + 8 && is_cap(d, k); k++) {
      if (lex_at(d, k, VITAE_LEX_ORG_HEAD).ntokens || lex_at(d, k, VITAE_LEX_TITLE).ntokens ||
          (wclass(d, k) & VITAE_WORD_PLACE_HEAD) || lex_at(d, k, VITAE_LEX_ORG).ntokens)
        return 0;
    }
    return 1;
  }
  /* "Embassy of the Soviet Union in China", "UN Office at Geneva"; but
   * "Madison Business College in Madison" is a college and a city */
  if (org_so_far == 2 && (tok_is(d, i, "at") || tok_is(d, i, "in"))) return 1;
  return 0;
}

static int org_word_at(const vx_doc *d, size_t i, uint32_t *cls) {
  vitae_lex_match m = lex_at(d, i, VITAE_LEX_ORG_HEAD);
  if (m.ntokens && cls) *cls = m.id;
  return (int)m.ntokens;
}

/* A capitalised word that may be part of a name. */
static int name_word(const vx_doc *d, size_t i) {
  if (!is_cap(d, i) || !free_tok(d, i)) return 0;
  return !(wclass(d, i) & VITAE_WORD_FUNCTION) || T(d, i)->flags & VITAE_TOKF_ALLCAPS;
}

/* The end of the capitalised chunk starting at i (i itself if none). */
static size_t chunk_end(const vx_doc *d, size_t i) {
  size_t end = i, j = i;
  int org = 0;
  while (j < d->cur.ntok) {
    /* "St John's College": a possessive inside a name, before the word
     * that makes it an organisation or a place */
    if (j > i && (T(d, j)->flags & VITAE_TOKF_POSS) && T(d, j)->end - T(d, j)->begin == 2 && is_cap(d, j + 1) &&
        free_tok(d, j + 1) && (org_word_at(d, j + 1, NULL) || (wclass(d, j + 1) & VITAE_WORD_PLACE_HEAD))) {
      j++;
      continue;
    }
    /* "Workers' Party": a plural possessive inside a name */
    if (j > i && (T(d, j)->flags & VITAE_TOKF_POSS) && T(d, j)->end - T(d, j)->begin <= 3 &&
        !(T(d, j)->end - T(d, j)->begin == 2 && d->text[T(d, j)->begin + 1] == 's') &&
        T(d, j - 1)->end == T(d, j)->begin && is_cap(d, j + 1) && free_tok(d, j + 1)) {
      j++;
      continue;
    }
    if (name_word(d, j) || (j > i && is_cap(d, j) && free_tok(d, j))) {
      uint32_t cls = 0;
      vitae_lex_match pre = lex_at(d, j, VITAE_LEX_ORG_PREFIX);
      if (pre.ntokens) cls = pre.id;
      if (org_word_at(d, j, &cls) || pre.ntokens) {
        const char *c = vitae_lexicon_org_class(d->lex, cls);
        org = (!strcmp(c, "Embassy") || tok_is(d, j, "Office") || tok_is(d, j, "Mission")) ? 2 : (org ? org : 1);
      }
      j++;
      end = j;
      continue;
    }
    if (j > i && connector(d, j, org)) {
      size_t k = j;
      while (k < d->cur.ntok && connector(d, k, org)) k++;
      if (k < d->cur.ntok && is_cap(d, k) && free_tok(d, k) && k - j <= 2) {
        j = k;
        continue;
      }
    }
    break;
  }
  return end;
}

static int chunk_has(const vx_doc *d, size_t i, size_t j, unsigned cls) {
  for (size_t k = i; k < j; k++)
    if (wclass(d, k) & cls) return 1;
  return 0;
}

/* The organisation class a chunk's words imply, or NULL. */
static const char *org_class(const vx_doc *d, size_t i, size_t j) {
  vitae_lex_match p = lex_at(d, i, VITAE_LEX_ORG_PREFIX);
  if (p.ntokens && i + p.ntokens <= j) return vitae_lexicon_org_class(d->lex, p.id);
  /* the longest head that ends the name: "Graz City Council" is a city
   * council (a legislature), not any "* Council" */
  for (size_t k = i; k < j; k++) {
    uint32_t cls;
    int n = org_word_at(d, k, &cls);
    if (n && k + (size_t)n == j) return vitae_lexicon_org_class(d->lex, cls);
  }
  for (size_t k = j; k-- > i;) {
    uint32_t cls;
    int n = org_word_at(d, k, &cls);
    if (n && k + (size_t)n <= j) return vitae_lexicon_org_class(d->lex, cls);
  }
  return NULL;
}

/* Whether tokens i..e name where a member of a legislature sits for: a
 * known place or country, a university, or one word of no common use
 * ("for Tampere"); not "Congress for Democratic Change". */
static int constituency(const vx_doc *d, size_t i, size_t e) {
  if (i < e && tok_is(d, i, "the")) i++;
  if (i >= e) return 0;
  size_t place = lex_at(d, i, VITAE_LEX_PLACE).ntokens, country = lex_at(d, i, VITAE_LEX_COUNTRY).ntokens;
  if (place == e - i || country == e - i) return 1;
  const char *cls = org_class(d, i, e);
  if (cls && !strcmp(cls, "University")) return 1;
  return e - i == 1 && !(wclass(d, i) & VITAE_WORD_COMMON);
}

static int national_body(const char *cls) {
  return cls && (!strcmp(cls, "Legislature") || !strcmp(cls, "GovernmentBody") ||
                 !strcmp(cls, "Ministry"));
}

/* Whether a country's name reads with "the" ("the United States"). */
static int takes_article(const char *label) {
  static const char *const first[] = {"United ", "Soviet ", "Republic ", "Democratic Republic", NULL};
  static const char *const last[] = {" Republic", " Union", " Islands", " Kingdom", " States",
                                     " Emirates", "Netherlands", "Philippines", "Bahamas",
                                     "Gambia", "Maldives", "Comoros", "Seychelles", NULL};
  size_t n = strlen(label);
  for (const char *const *w = first; *w; w++)
    if (!strncmp(label, *w, strlen(*w))) return 1;
  for (const char *const *w = last; *w; w++) {
    size_t k = strlen(*w);
    if (n >= k && !strcmp(label + n - k, *w)) return 1;
  }
  return 0;
}

static void with_article(const char *label, char *out, size_t n) {
  snprintf(out, n, "%s%s", takes_article(label) ? "the " : "", label);
}

static void named_inside(vx_doc *d, size_t i, size_t j);

/* An organisation entity for the chunk [i, j): known acronyms inside are
 * spelt out ("UN Office" -> "United Nations Office"), a leading adjective
 * of nationality becomes "of <Country>" ("Kazakh Senate" -> "Senate of
 * Kazakhstan"), and a national body the text names bare takes the
 * document's country. */
static int32_t org_entity(vx_doc *d, size_t i, size_t j, const char *cls) {
  char label[2 * MAX_NAME], surface[MAX_NAME], word[MAX_NAME];
  size_t w = 0;
  int32_t country = -1;
  span_text(d, i, j, surface, sizeof surface);
  vitae_lex_match dm = lex_at(d, i, VITAE_LEX_DEMONYM);
  size_t k = i;
  if (dm.ntokens && i + dm.ntokens < j) {
    country = demonym_entity(d, dm.id);
    k += dm.ntokens;
  }
  label[0] = '\0';
  for (; k < j; k++) {
    const char *piece = span_text(d, k, k + 1, word, sizeof word);
    vitae_lex_match om = (T(d, k)->flags & VITAE_TOKF_ALLCAPS) ? lex_at(d, k, VITAE_LEX_ORG)
                                                                : (vitae_lex_match){0, 0, 0};
    if (om.ntokens == 1 && j - i > 1) {
      const vitae_lex_org *o = vitae_lexicon_org(d->lex, om.id);
      if (o) piece = o->label;
    }
    int glue = k > i && T(d, k - 1)->end == T(d, k)->begin;
    w += (size_t)snprintf(label + w, w < sizeof label ? sizeof label - w : 0, "%s%s",
                          (w && !glue) ? " " : "", piece);
    if (w >= sizeof label) break;
  }
  if (!label[0]) snprintf(label, sizeof label, "%s", surface);
  /* a body that names its country, or belongs to a known international
   * organisation ("Council of Foreign Ministers of the Commonwealth of
   * Independent States"), is no national body of the document's country */
  int has_country = country >= 0;
  for (size_t q = i; q < j && !has_country; q++)
    if (lex_at(d, q, VITAE_LEX_COUNTRY).ntokens || lex_at(d, q, VITAE_LEX_ORG).ntokens ||
        lex_at(d, q, VITAE_LEX_PLACE).ntokens)
      has_country = 1;
  if (country < 0 && !has_country && national_body(cls) && d->home >= 0) country = d->home;
  if (country >= 0) {
    char c[MAX_NAME];
    with_article(d->ents.items[country].label, c, sizeof c);
    size_t n = strlen(label);
    snprintf(label + n, sizeof label - n, " of %s", c);
  }
  int32_t id = entity(d, VITAE_ENT_ORG, label, cls ? cls : "Organization");
  if (id >= 0 && strcmp(label, surface) && vitae_entities_add_name(&d->ents, id, surface, NULL, 0))
    d->oom = 1;
  named_inside(d, i + 1, j);
  /* "Labour Party" is "Labour" later on: the name without its last word,
   * when that word is what makes it an organisation */
  if (id >= 0 && j - i >= 2 && org_word_at(d, j - 1, NULL) == 1 && (T(d, j - 1)->flags & VITAE_TOKF_CAP) &&
      !lex_at(d, i, VITAE_LEX_DEMONYM).ntokens) {
    char shortname[MAX_NAME];
    span_text(d, i, j - 1, shortname, sizeof shortname);
    if (vitae_entities_add_alias(&d->ents, id, shortname)) d->oom = 1;
  }
  return id;
}

/* "Council of Foreign Ministers of the Commonwealth of Independent States":
 * the organisations and countries a longer name names are named too. */
static void named_inside(vx_doc *d, size_t i, size_t j) {
  for (size_t k = i; k < j; k++) {
    if (!is_cap(d, k) || (k > 0 && is_cap(d, k - 1) && k > i)) continue;
    vitae_lex_match o = lex_at(d, k, VITAE_LEX_ORG);
    if (o.ntokens && k + o.ntokens <= j) {
      known_org_entity(d, o.id);
      k += o.ntokens - 1;
      continue;
    }
    vitae_lex_match c = lex_at(d, k, VITAE_LEX_COUNTRY);
    if (c.ntokens && k + c.ntokens <= j) {
      country_entity(d, c.id);
      k += c.ntokens - 1;
    }
  }
}

/* ---- people ---- */

int32_t vx_person_entity(vx_doc *d, const char *name) {
  int32_t id = vitae_entities_find(&d->ents, VITAE_ENT_PERSON, name);
  if (id >= 0) {
    d->ents.items[id].mentions++;
    return id;
  }
  id = entity(d, VITAE_ENT_PERSON, name, "Person");
  if (id < 0) return id;
  /* the last word finds the person again ("Nazarbayev"), unless the
   * subject already answers to it */
  /* the last word finds the person again ("Nazarbayev"), and so does the
   * first ("Dariga"), unless it already finds the subject or is shared */
  const char *sp = strrchr(name, ' ');
  if (sp && sp[1] && strcmp(sp + 1, d->subject_surname) != 0 &&
      vitae_entities_find(&d->ents, VITAE_ENT_PERSON, sp + 1) != d->subject &&
      vitae_entities_add_alias(&d->ents, id, sp + 1) != 0)
    d->oom = 1;
  if (sp) {
    char first[128];
    size_t k = strcspn(name, " ");
    if (k >= 3 && k < sizeof first) {
      memcpy(first, name, k);
      first[k] = '\0';
      if (vitae_entities_find(&d->ents, VITAE_ENT_PERSON, first) != d->subject &&
          vitae_entities_add_alias(&d->ents, id, first) != 0)
        d->oom = 1;
    }
  }
  return id;
}

/* A single capitalised word that names someone already met. */
static int32_t known_person(vx_doc *d, size_t i) {
  char w[MAX_NAME];
  span_text(d, i, i + 1, w, sizeof w);
  if (d->subject >= 0 && d->subject_surname[0] && !strcmp(w, d->subject_surname)) return d->subject;
  /* "English" of "Bill English" is still a language, "Jordan" a country */
  if (lex_at(d, i, VITAE_LEX_LANGUAGE).ntokens || lex_at(d, i, VITAE_LEX_COUNTRY).ntokens ||
      lex_at(d, i, VITAE_LEX_DEMONYM).ntokens)
    return -1;
  int32_t id = vitae_entities_find(&d->ents, VITAE_ENT_PERSON, w);
  return id >= 0 ? id : -1;
}

static int roman(const vx_doc *d, size_t k) {
  static const char *const numerals[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", NULL};
  for (const char *const *r = numerals; *r; r++) {
    size_t n = strlen(*r);
    if (T(d, k)->end - T(d, k)->begin == n && !memcmp(d->text + T(d, k)->begin, *r, n)) return 1;
  }
  return 0;
}

/* "Ban Ki-moon", "Moon Jae-in": a capitalised word joined by a hyphen to a
 * lower-case one is a given name, so the word before it is a surname even
 * when it is also a word of the language. */
static int given_name_hyphen(const vx_doc *d, size_t k, size_t j) {
  if (k >= j) return 0;
  const char *p = d->text + T(d, k)->begin, *end = d->text + T(d, k)->end;
  for (const char *q = p + 1; q + 1 < end; q++)
    if (*q == '-') return q[1] >= 'a' && q[1] <= 'z';
  return 0;
}

/* Whether [i, j) looks like a person's name: capitalised words (particles
 * allowed inside), no digits, not all capitals. */
static int person_shape(const vx_doc *d, size_t i, size_t j) {
  while (i + 2 <= j && (wclass(d, i) & VITAE_WORD_HONORIFIC)) i++; /* "Dame Patsy Reddy" */
  if (j - i < 2 || j - i > 6) return 0;
  size_t mlen = 0;
  if (vitae_months_match(d->ex->months, d->text + T(d, i)->begin, T(d, i)->end - T(d, i)->begin, &mlen) > 0 &&
      mlen == T(d, i)->end - T(d, i)->begin)
    return 0; /* "That April Hipkins appointed ..." */
  int common = 0, place = 0;
  for (size_t k = i; k < j; k++) {
    if (is_cap(d, k) && lex_at(d, k, VITAE_LEX_PLACE).ntokens) place = 1;
    if (is_cap(d, k) && (wclass(d, k) & VITAE_WORD_COMMON) && place) return 0;
    if (is_cap(d, k)) {
      if (k > i && k + 1 == j && roman(d, k)) continue; /* "John Paul II" */
      if (T(d, k)->flags & VITAE_TOKF_ALLCAPS) return 0;
      unsigned wc = wclass(d, k);
      if (wc & (VITAE_WORD_FUNCTION | VITAE_WORD_PLACE_HEAD | VITAE_WORD_TREATY_HEAD | VITAE_WORD_PLACE_START |
                VITAE_WORD_THING_HEAD))
        return 0;
      /* "Political Rights", "Victory Day": a first word, or two words, of
       * the common language make no name; a surname alone may be one
       * ("David Shearer") */
      if (wc & VITAE_WORD_COMMON) {
        if ((k == i && !given_name_hyphen(d, i + 1, j)) || ++common >= 2) return 0;
      }
      if (lex_at(d, k, VITAE_LEX_DEMONYM).ntokens || lex_at(d, k, VITAE_LEX_COUNTRY).ntokens ||
          lex_at(d, k, VITAE_LEX_LANGUAGE).ntokens || lex_at(d, k, VITAE_LEX_ORG_HEAD).ntokens)
        return 0;
      continue;
    }
    if (k > i && k + 1 < j && (wclass(d, k) & VITAE_WORD_NAME_PARTICLE)) continue;
    return 0;
  }
  return 1;
}

/* ---- offices ---- */

int32_t vx_new_office(vx_doc *d) {
  if (d->noffices == d->capoffices) {
    size_t cap = d->capoffices ? 2 * d->capoffices : 32;
    vx_office *p = realloc(d->offices, cap * sizeof *p);
    if (!p) {
      d->oom = 1;
      return -1;
    }
    d->offices = p;
    d->capoffices = cap;
  }
  vx_office *o = &d->offices[d->noffices];
  memset(o, 0, sizeof *o);
  o->org = o->country = o->to = o->context = -1;
  return (int32_t)d->noffices++;
}

/* Whether the title so far ends in a word that needs a portfolio
 * ("Minister", "Secretary"). */
static int generic_title_end(const vx_doc *d, const vx_office *o) {
  const char *sp = strrchr(o->title, ' ');
  const char *last = sp ? sp + 1 : o->title;
  vitae_token t = {0, (uint32_t)strlen(last), VITAE_TOK_WORD, 0};
  return (vitae_lexicon_word_class(d->lex, last, &t) & VITAE_WORD_GENERIC_TITLE) != 0;
}

/* The complement of a title: "of the Republic of Kazakhstan", "of the
 * Kazakh Senate", "to Bulgaria", "for Human Rights".  Returns the token
 * after it. */
static size_t office_complement(vx_doc *d, size_t j, vx_office *o) {
  if (tok_is(d, j, "for") && tok_is(d, j + 1, "the") && is_cap(d, j + 2)) {
    /* "Special Envoy for the Christchurch Call" */
    size_t e = chunk_end(d, j + 2);
    char extra[MAX_NAME];
    span_text(d, j + 2, e, extra, sizeof extra);
    size_t n = strlen(o->title);
    snprintf(o->title + n, sizeof o->title - n, " for the %s", extra);
    j = e;
  } else if (tok_is(d, j, "for") && is_cap(d, j + 1)) {
    size_t e = chunk_end(d, j + 1);
    /* "for Central Asia Tehri Hakala": the place, then a name */
    vitae_lex_match g = lex_at(d, j + 1, VITAE_LEX_PLACE);
    if (!g.ntokens) g = lex_at(d, j + 1, VITAE_LEX_COUNTRY);
    if (g.ntokens && j + 1 + g.ntokens < e && person_shape(d, j + 1 + g.ntokens, e)) e = j + 1 + g.ntokens;
    char extra[MAX_NAME];
    span_text(d, j + 1, e, extra, sizeof extra);
    size_t n = strlen(o->title);
    snprintf(o->title + n, sizeof o->title - n, " for %s", extra);
    j = e;
  }
  for (int rounds = 0; rounds < 3; rounds++) {
    int of = tok_is(d, j, "of"), to = tok_is(d, j, "to");
    if (tok_is(d, j, "in") && o->org < 0 && vx_scope_is_org(o->scope)) {
      size_t k = j + 1;
      if (tok_is(d, k, "the")) k++;
      size_t e = chunk_end(d, k);
      const char *cls = is_cap(d, k) ? org_class(d, k, e) : NULL;
      vitae_lex_match known = lex_at(d, k, VITAE_LEX_ORG);
      if (known.ntokens || cls) {
        o->org = known.ntokens ? known_org_entity(d, known.id) : org_entity(d, k, e, cls);
        o->org_in = 1;
        j = known.ntokens ? k + known.ntokens : e;
        continue;
      }
    }
    /* "Leader of the Opposition in the Rajya Sabha": a title of a country
     * held in one chamber of its legislature */
    if (tok_is(d, j, "in") && o->org < 0 && o->country < 0 && !vx_scope_is_org(o->scope)) {
      size_t k = j + 1;
      if (tok_is(d, k, "the")) k++;
      vitae_lex_match known = is_cap(d, k) ? lex_at(d, k, VITAE_LEX_ORG) : (vitae_lex_match){0};
      if (known.ntokens) {
        const char *cls = vitae_lexicon_org(d->lex, known.id)->cls;
        if (cls && !strcmp(cls, "Legislature")) {
          o->org = known_org_entity(d, known.id);
          o->org_in = 1;
          j = k + known.ntokens;
          continue;
        }
      }
    }
    if (!of && !to) break;
    size_t k = j + 1;
    if (tok_is(d, k, "the")) k++;
    if (!is_cap(d, k)) break;
    vitae_lex_match c = lex_at(d, k, VITAE_LEX_COUNTRY);
    size_t e = chunk_end(d, k);
    const char *cls = org_class(d, k, e);
    vitae_lex_match known = lex_at(d, k, VITAE_LEX_ORG);
    /* "chairman of the CDU": a name (or acronym) the text already gave an
     * organisation */
    int32_t named = -1;
    if (!c.ntokens && !known.ntokens && !cls && !tok_is(d, e, "/")) { /* "CDU/CSU group": another name */
      char name[MAX_NAME];
      span_text(d, k, e, name, sizeof name);
      named = vitae_entities_find(&d->ents, VITAE_ENT_ORG, name);
    }
    if (named >= 0) {
      if (to) o->to = named;
      else o->org = named;
      j = e;
    } else if (c.ntokens && (!cls || k + c.ntokens >= e)) {
      int32_t id = country_entity(d, c.id);
      if (to) o->to = id;
      else if (o->country < 0) o->country = id;
      j = k + c.ntokens;
    } else if (known.ntokens && (k + known.ntokens >= e || person_shape(d, k + known.ntokens, e))) {
      int32_t id = known_org_entity(d, known.id);
      if (to) o->to = id;
      else o->org = id;
      j = k + known.ntokens;
    } else if (cls) {
      int32_t id = org_entity(d, k, e, cls);
      if (to) o->to = id;
      else o->org = id;
      j = e;
    } else if (of && k == j + 1 && !lex_at(d, k, VITAE_LEX_PLACE).ntokens && generic_title_end(d, o)) {
      /* a portfolio: "Assistant Minister of Finance", "Minister of
       * Ecology, Geology and Natural Resources" */
      size_t q = k;
      while (q < d->cur.ntok) {
        if (is_cap(d, q) && !lex_at(d, q, VITAE_LEX_COUNTRY).ntokens && !lex_at(d, q, VITAE_LEX_ORG).ntokens) {
          q++;
          continue;
        }
        if ((tok_is(d, q, "and") || tok_is(d, q, ",")) && q > k && is_cap(d, q + 1) &&
            !lex_at(d, q + 1, VITAE_LEX_COUNTRY).ntokens && !tok_is(d, q + 1, "President"))
        {
          q++;
          continue;
        }
        break;
      }
      if (q == k) break;
      char portfolio[MAX_NAME];
      span_text(d, k, q, portfolio, sizeof portfolio);
      size_t n = strlen(o->title);
      snprintf(o->title + n, sizeof o->title - n, " of %s", portfolio);
      j = q;
    } else {
      vitae_lex_match p = lex_at(d, k, VITAE_LEX_PLACE);
      if (!p.ntokens || to) break;
      int32_t id = place_entity(d, p.id);
      (void)id;
      /* "Mayor of Almaty": the place is the office's jurisdiction */
      size_t n = strlen(o->title);
      snprintf(o->title + n, sizeof o->title - n, " of %s", vitae_lexicon_place(d->lex, p.id)->label);
      o->scope = "place";
      j = k + p.ntokens;
    }
  }
  return j;
}

/* Whether two titles share a word of five letters or more. */
/* Whether word p (k bytes) is word q (m bytes) or a hyphenated compound
 * ending in it: "Under-Secretary-General" ends in "Secretary-General". */
static int word_in(const char *p, size_t k, const char *q, size_t m) {
  if (k == m) return !strncmp(p, q, k);
  return k > m && p[k - m - 1] == '-' && !strncmp(p + k - m, q, m);
}

static int share_word(const char *a, const char *b) {
  for (const char *p = a; *p;) {
    size_t k = strcspn(p, " ");
    if (k >= 5)
      for (const char *q = b; *q;) {
        size_t m = strcspn(q, " ");
        if (m >= 5 && (word_in(p, k, q, m) || word_in(q, m, p, k))) return 1;
        q += m;
        while (*q == ' ') q++;
      }
    p += k;
    while (*p == ' ') p++;
  }
  return 0;
}

/* An office phrase at token i: [former|acting] [Demonym | Country's]
 * [Organisation] [modifiers] Title [complement].  Returns its length in
 * tokens (0 when there is none) and fills *o. */
static size_t parse_office(vx_doc *d, size_t i, vx_office *o) {
  /* no title within reach: no office (most tokens) */
  int reach = 0;
  for (size_t k = i; k < d->cur.ntok && k < i + 8 && !reach; k++) reach = lex_at(d, k, VITAE_LEX_TITLE).ntokens > 0;
  if (!reach) return 0;
  memset(o, 0, sizeof *o);
  o->org = o->country = o->to = o->context = -1;
  size_t j = i;
  int prefixed = 0;
  for (int guard = 0; guard < 4 && j < d->cur.ntok && free_tok(d, j); guard++) {
    unsigned wc = wclass(d, j);
    if (wc & VITAE_WORD_FORMER) { o->former = 1; j++; continue; }
    if (wc & VITAE_WORD_ACTING) { o->acting = 1; j++; prefixed = 1; continue; }
    if (is_cap(d, j) && o->country < 0) {
      vitae_lex_match cp = lex_at(d, j, VITAE_LEX_COUNTRY);
      if (cp.ntokens && is_poss(d, j + cp.ntokens)) {
        o->country = country_entity(d, cp.id);
        j += cp.ntokens + 1;
        prefixed = 1;
        continue;
      }
      vitae_lex_match dm = lex_at(d, j, VITAE_LEX_DEMONYM);
      if (dm.ntokens && !lex_at(d, j, VITAE_LEX_TITLE).ntokens) {
        o->country = demonym_entity(d, dm.id);
        j += dm.ntokens;
        prefixed = 1;
        continue;
      }
      vitae_lex_match cm = lex_at(d, j, VITAE_LEX_COUNTRY);
      if (cm.ntokens && is_poss(d, j + cm.ntokens)) {
        o->country = country_entity(d, cm.id);
        j += cm.ntokens + 1;
        prefixed = 1;
        continue;
      }
    }
    break;
  }
  /* an organisation before the title: "Senate Chair", "EU Special Representative" */
  if (is_cap(d, j) && !lex_at(d, j, VITAE_LEX_TITLE).ntokens) {
    vitae_lex_match known = lex_at(d, j, VITAE_LEX_ORG);
    size_t e = chunk_end(d, j);
    /* the chunk may run into the title: stop it there */
    for (size_t k = j + 1; k < e; k++)
      if (lex_at(d, k, VITAE_LEX_TITLE).ntokens) {
        e = k;
        break;
      }
    const char *cls = org_class(d, j, e);
    if (known.ntokens && lex_at(d, j + known.ntokens, VITAE_LEX_TITLE).ntokens) {
      o->org = known_org_entity(d, known.id);
      j += known.ntokens;
      prefixed = o->org_first = 1;
    } else if (cls && e > j && lex_at(d, e, VITAE_LEX_TITLE).ntokens && !(wclass(d, e - 1) & VITAE_WORD_FUNCTION)) {
      /* ("Ministry of Justice" is no "Justice" of a "Ministry of") */
      o->org = org_entity(d, j, e, cls);
      j = e;
      prefixed = o->org_first = 1;
    }
  }
  char mods[64] = "";
  vitae_lex_match t = lex_at(d, j, VITAE_LEX_TITLE);
  /* "the first President of Kazakhstan": a lower-case word before a
   * capitalised title is an adjective of it (an ordinal), no part of a
   * longer title ("First President") */
  if (t.ntokens > 1 && !is_cap(d, j) && is_cap(d, j + 1)) {
    vitae_lex_match rest = lex_at(d, j + 1, VITAE_LEX_TITLE);
    if (rest.ntokens == t.ntokens - 1) {
      j++;
      t = rest;
    }
  }
  /* "Deputy PM": "Deputy" modifies the title after it */
  if (t.ntokens == 1 && (wclass(d, j) & VITAE_WORD_OFFICE_MOD) && lex_at(d, j + 1, VITAE_LEX_TITLE).ntokens)
    t.ntokens = 0;
  for (int guard = 0; guard < 3 && !t.ntokens && (wclass(d, j) & VITAE_WORD_OFFICE_MOD) && is_cap(d, j); guard++) {
    char w[64];
    size_t n = strlen(mods);
    snprintf(mods + n, sizeof mods - n, "%s ", span_text(d, j, j + 1, w, sizeof w));
    j++;
    t = lex_at(d, j, VITAE_LEX_TITLE);
  }
  if (!t.ntokens) return 0;
  for (size_t k = j; k < j + t.ntokens; k++)
    if (!free_tok(d, k)) return 0;
  const vitae_lex_title *lt = vitae_lexicon_title(d->lex, t.id);
  int cap = is_cap(d, j);
  snprintf(o->title, sizeof o->title, "%s%s", mods, lt->canonical);
  o->scope = lt->scope;
  /* "the Soviet leader", "Kazakhstan's leadership": a title of
   * organisations after a country describes someone, it names no office */
  if (o->country >= 0 && o->org < 0 && vx_scope_is_org(lt->scope)) return 0;
  size_t after_title = j + t.ntokens;
  size_t end = office_complement(d, after_title, o);
  int complement = end > after_title;
  /* "Minister for Women and Youth", "Minister for the Environment, Nature
   * Conservation and Nuclear Safety": a portfolio list goes on after the
   * title the lexicon knows; the office is then named as written */
  int generic = 0;
  for (size_t k = j; k < after_title; k++) generic |= (wclass(d, k) & VITAE_WORD_GENERIC_TITLE) != 0;
  if (generic || complement) {
    size_t q = end;
    int more = 0;
    while ((tok_is(d, q, ",") || tok_is(d, q, "and")) && is_cap(d, q + 1) && free_tok(d, q + 1) &&
           !lex_at(d, q + 1, VITAE_LEX_COUNTRY).ntokens && !lex_at(d, q + 1, VITAE_LEX_DEMONYM).ntokens) {
      size_t r = q + 1;
      while (r < d->cur.ntok && is_cap(d, r) && free_tok(d, r) && !lex_at(d, r, VITAE_LEX_TITLE).ntokens) r++;
      if (r == q + 1 || person_shape(d, q + 1, r) || known_person(d, q + 1) >= 0) break;
      q = r;
      more = 1;
      if (tok_is(d, q - 1, "and") || (q > 0 && tok_is(d, q, "and") == 0 && tok_is(d, q - 2, "and"))) break;
    }
    if (more) {
      char words[sizeof o->title];
      span_text(d, j, q, words, sizeof words - sizeof mods);
      snprintf(o->title, sizeof o->title, "%s%s", mods, words);
      end = q;
      complement = 1;
    }
  }
  if (t.ntokens == 1 && !mods[0] && !complement && o->org < 0 && o->country < 0 &&
      (wclass(d, j) & VITAE_WORD_GENERIC_TITLE))
    return 0; /* "Minister" of what? */
  if (!cap && !prefixed && !complement && !mods[0]) {
    /* a bare lower-case title ("the president") is an office only where
     * the sentence says someone holds it: "as president", "post of" */
    int after_person = i > 1 && d->cur.tok_men[i - 1] >= 0 &&
                       (d->cur.men[d->cur.tok_men[i - 1]].type == VITAE_ITEM_PERSON ||
                        d->cur.men[d->cur.tok_men[i - 1]].type == VITAE_ITEM_PRONOUN) &&
                       (tok_is(d, d->cur.men[d->cur.tok_men[i - 1]].tok - 1, "elected") ||
                        tok_is(d, d->cur.men[d->cur.tok_men[i - 1]].tok - 1, "appointed") ||
                        tok_is(d, d->cur.men[d->cur.tok_men[i - 1]].tok - 1, "named") ||
                        tok_is(d, d->cur.men[d->cur.tok_men[i - 1]].tok - 1, "made"));
    /* "dismissed the environment minister, Norbert Röttgen,": a name in
     * apposition holds it */
    int apposition = i > 0 && tok_is(d, end, ",") && is_cap(d, end + 1) && free_tok(d, end + 1) &&
                     (tok_is(d, i - 1, "the") || tok_is(d, i - 1, "his") || tok_is(d, i - 1, "her") ||
                      tok_is(d, i - 1, "their"));
    /* "Boakai became her vice-president" */
    int possessed = i > 1 && (tok_is(d, i - 1, "his") || tok_is(d, i - 1, "her") || tok_is(d, i - 1, "their")) &&
                    (tok_is(d, i - 2, "became") || tok_is(d, i - 2, "become") || tok_is(d, i - 2, "becomes"));
    if (!(i > 0 && (tok_is(d, i - 1, "as") || tok_is(d, i - 1, "of") || after_person || apposition || possessed)))
      return 0;
  }
  /* "appointed him Assistant Secretary-General for ...": a title of a body
   * the text names no body for belongs to the body of the last such office
   * with a word of the title in common ("Secretary-General of the United
   * Nations") */
  if (o->org >= 0) {
    size_t slot = d->norg_titles++ % VX_ORG_TITLES;
    d->org_title_org[slot] = o->org;
    snprintf(d->org_title[slot], sizeof d->org_title[slot], "%s", o->title);
  } else if (o->country < 0 && vx_scope_is_org(o->scope)) {
    size_t n = d->norg_titles < VX_ORG_TITLES ? d->norg_titles : VX_ORG_TITLES;
    for (size_t k = 0; k < n; k++) {
      size_t slot = (d->norg_titles - 1 - k) % VX_ORG_TITLES;
      if (share_word(o->title, d->org_title[slot])) {
        o->org = d->org_title_org[slot];
        break;
      }
    }
  }
  span_text(d, i, end, o->surface, sizeof o->surface);
  /* "President X" of someone else is not guessed to be of the subject's
   * country; "Deputy PM X" may be */
  o->home_ok = !(vitae_lexicon_phrase_class(d->lex, o->title) & VITAE_WORD_HEAD_TITLE);
  return end - i;
}

/* ---- dates ---- */

static int resolve_date(vx_doc *d, vitae_date *x, int offset) {
  if (!x->year) {
    if (!d->last_date.year) return 0;
    x->year = d->last_date.year + offset;
  }
  return vitae_date_valid(x);
}

/* Whether a sentence may hold a date at all: a digit, or a word of the
 * relative forms ("that year", "the following day"); most words of most
 * sentences need no look at all. */
static int may_hold_date(const vx_doc *d) {
  const vx_sentence *s = &d->cur;
  for (size_t p = s->begin; p < s->end; p++)
    if (d->text[p] >= '0' && d->text[p] <= '9') return 1;
  static const char *const cues[] = {"year", "month", "day", "week", "decade", "later", "earlier",
                                     "following", "previous", "next", "same", NULL};
  for (size_t i = 0; i < s->ntok; i++) {
    char c0 = d->text[T(d, i)->begin];
    if (c0 >= 'A' && c0 <= 'Z') c0 = (char)(c0 - 'A' + 'a');
    if (!strchr("ymdwlefpns", c0)) continue;
    for (const char *const *c = cues; *c; c++)
      if (tok_is(d, i, *c)) return 1;
  }
  /* a month name alone ("in March", "That April") */
  for (size_t i = 0; i < s->ntok; i++) {
    size_t ml = 0;
    if (is_cap(d, i) && vitae_months_match(d->ex->months, d->text + T(d, i)->begin, T(d, i)->end - T(d, i)->begin, &ml) > 0)
      return 1;
  }
  return 0;
}

static void find_dates(vx_doc *d) {
  vx_sentence *s = &d->cur;
  if (!may_hold_date(d)) return;
  vitae_date_mention dm[32];
  size_t n = vitae_date_find(d->text + s->begin, s->end - s->begin, d->ex->months, dm, 32);
  if (n > 32) n = 32;
  for (size_t k = 0; k < n; k++) {
    size_t b = s->begin + dm[k].begin, e = s->begin + dm[k].end;
    size_t first = s->ntok, last = 0;
    for (size_t t = 0; t < s->ntok; t++)
      if (s->tok[t].begin >= b && s->tok[t].end <= e) {
        if (first == s->ntok) first = t;
        last = t;
      }
    if (first == s->ntok) continue;
    vitae_date from = dm[k].from, to = dm[k].to;
    int ok = 1;
    switch (dm[k].kind) {
    case VITAE_DATE_POINT:
    case VITAE_DATE_SINCE:
      ok = resolve_date(d, &from, dm[k].offset);
      to.year = to.month = to.day = 0;
      break;
    case VITAE_DATE_RANGE:
      ok = resolve_date(d, &from, dm[k].offset) && resolve_date(d, &to, dm[k].offset);
      break;
    case VITAE_DATE_UNTIL:
      ok = resolve_date(d, &to, dm[k].offset);
      from.year = from.month = from.day = 0;
      break;
    case VITAE_DATE_RELATIVE_MONTH:
      ok = resolve_date(d, &from, dm[k].offset);
      break;
    case VITAE_DATE_RELATIVE:
      /* "that year", "the following day": from the last absolute date */
      from = d->last_date;
      ok = from.year > 0;
      if (ok && dm[k].unit == VITAE_DATE_UNIT_YEAR) {
        from.year += dm[k].offset;
        if (dm[k].offset) from.month = from.day = 0;
      } else if (ok && dm[k].unit == VITAE_DATE_UNIT_DAY && from.day) {
        from.day += dm[k].offset;
        if (from.day < 1 || from.day > vitae_date_days_in_month(from.year, from.month)) from.day = 0;
      } else if (ok && dm[k].unit == VITAE_DATE_UNIT_MONTH && from.month) {
        from.month += dm[k].offset;
        from.day = 0;
        if (from.month < 1 || from.month > 12) from.month = 0;
      } else if (ok && dm[k].offset) {
        ok = 0;
      }
      break;
    }
    if (!ok) continue;
    vx_mention *m = add_mention(d, VITAE_ITEM_DATE, first, last - first + 1);
    if (!m) return;
    m->has_date = 1;
    m->from = from;
    m->to = to;
    m->date_kind = (uint8_t)dm[k].kind;
    /* "(1925–2001)" after a name is a life, aside from the narrative: no
     * "that year" or undated appointment after it is of it */
    int aside = dm[k].kind == VITAE_DATE_RANGE && first > 0 && tok_is(d, first - 1, "(") && tok_is(d, last + 1, ")");
    if (dm[k].kind != VITAE_DATE_RELATIVE && !aside) {
      d->last_date = from.year ? from : to;
      d->last_date_sentence = d->cur.index;
    }
  }
}

/* ---- the pass over a sentence ---- */

static int plural_pronoun(const vx_doc *d, size_t i) {
  return tok_is(d, i, "their") || tok_is(d, i, "they") || tok_is(d, i, "them");
}

static int pronoun(const vx_doc *d, size_t i, char *gender) {
  static const char *const he[] = {"he", "him", "his", "himself", NULL};
  static const char *const she[] = {"she", "her", "hers", "herself", NULL};
  for (const char *const *w = he; *w; w++)
    if (tok_is(d, i, *w)) { *gender = 'm'; return 1; }
  for (const char *const *w = she; *w; w++)
    if (tok_is(d, i, *w)) { *gender = 'f'; return 1; }
  return 0;
}

static int32_t resolve_pronoun(vx_doc *d, char gender) {
  if (d->subject >= 0 && (!d->subject_gender || d->subject_gender == gender)) return d->subject;
  /* a pronoun of the other gender than the subject's: the person named
   * last who may be of that gender */
  if (d->last_person >= 0 && (!d->ents.items[d->last_person].gender || d->ents.items[d->last_person].gender == gender))
    return d->last_person;
  return d->subject;
}

/* A parenthesis right after a mention: "(MGIMO)" names an organisation
 * again; "(now Almaty)" gives a place's current name.  Returns tokens used. */
static size_t parenthesis(vx_doc *d, size_t j, int32_t id) {
  if (!tok_is(d, j, "(") || id < 0) return 0;
  size_t k = j + 1;
  if (tok_is(d, k, "now") || tok_is(d, k, "today")) k++;
  size_t e = chunk_end(d, k);
  if (e == k) return 0;
  char name[MAX_NAME];
  vitae_entity *en = &d->ents.items[id];
  if (en->type == VITAE_ENT_ORG || en->type == VITAE_ENT_TREATY) {
    /* "(MGIMO)", "(Partido dos Trabalhadores, PT)", "(CTBT)": other names of it */
    size_t end = e;
    if (tok_is(d, end, ",") && (T(d, end + 1)->flags & VITAE_TOKF_ALLCAPS) && tok_is(d, end + 2, ")")) end += 2;
    if (!tok_is(d, end, ")")) return 0;
    if (vitae_entities_add_name(&d->ents, id, span_text(d, k, e, name, sizeof name), NULL, 0)) d->oom = 1;
    if (end > e && vitae_entities_add_name(&d->ents, id, span_text(d, e + 1, e + 2, name, sizeof name), NULL, 0))
      d->oom = 1;
    return end - j + 1;
  }
  if (!tok_is(d, e, ")")) return 0;
  if (en->type == VITAE_ENT_PLACE && k > j + 1) {
    if (vitae_entities_add_name(&d->ents, id, span_text(d, k, e, name, sizeof name), NULL, 0)) d->oom = 1;
    return 0; /* let the new name be a mention of its own */
  }
  return 0;
}

static void add_person(vx_doc *d, size_t i, size_t j) {
  /* an honorific is no part of the name ("Dame Patsy Reddy") */
  size_t k = i;
  while (k + 2 <= j && (wclass(d, k) & VITAE_WORD_HONORIFIC) && is_cap(d, k + 1)) k++;
  char name[MAX_NAME], full[MAX_NAME];
  span_text(d, k, j, name, sizeof name);
  int32_t id = -1;
  /* the subject under a fuller name: the same surname, and either the first
   * person of the first sentence or the same first name */
  if (d->subject >= 0 && d->subject_surname[0]) {
    const char *sp = strrchr(name, ' ');
    if (sp && !strcmp(sp + 1, d->subject_surname)) {
      const char *label = d->ents.items[d->subject].key;
      size_t first = strcspn(name, " ");
      int same_first = !strncmp(label, name, first) && (label[first] == ' ' || label[first] == '\0');
      int first_person = d->cur.index == 0;
      for (size_t q = 0; q < d->cur.nmen && first_person; q++)
        if (d->cur.men[q].type == VITAE_ITEM_PERSON) first_person = 0;
      /* "Johnson Sirleaf": the tail of the subject's own name */
      size_t nl = strlen(label), nn = strlen(name);
      int tail = nn < nl && !strcmp(label + nl - nn, name) && label[nl - nn - 1] == ' ';
      if (same_first || first_person || tail) {
        id = d->subject;
        if (vitae_entities_add_name(&d->ents, id, name, NULL, 1)) d->oom = 1;
      }
    }
  }
  if (id < 0) id = vx_person_entity(d, name);
  if (id < 0) return;
  if (k > i && vitae_entities_add_name(&d->ents, id, span_text(d, i, j, full, sizeof full), NULL, 0))
    d->oom = 1;
  vx_mention *m = add_mention(d, VITAE_ITEM_PERSON, i, j - i);
  if (m) m->entity = id;
  if (id != d->subject) d->last_person = id;
}

/* Whether a word that names both a language and a people ("Kazakh") is
 * the language here: "the Kazakh language", "fluent in Kazakh, Russian",
 * "(Kazakh: ...)"; otherwise it is the adjective ("a Kazakh politician"). */
static int lang_reading(const vx_doc *d, size_t i, size_t n, size_t demonym) {
  if (!demonym) return 1;
  if (tok_is(d, i + n, "language") || tok_is(d, i + n, ":")) return 1;
  if (i + n < d->cur.ntok && is_word(d, i + n) && !is_cap(d, i + n) &&
      !(wclass(d, i + n) & VITAE_WORD_FUNCTION))
    return 0; /* "Kazakh politician" */
  /* a cue of speech close before, or a language earlier in the same list
   * ("speaks Spanish, English and German, as well as some French") */
  for (size_t k = i; k-- > 0 && k + 8 > i;) {
    static const char *const cues[] = {"speaks", "speak", "spoke", "speaking", "spoken", "fluent",
                                       "language", "languages", "learned", "studied", "native", NULL};
    for (const char *const *c = cues; *c; c++)
      if (tok_is(d, k, *c)) return 1;
    if (k + 4 > i && tok_is(d, k, "in")) return 1;
    if (d->cur.tok_men[k] >= 0 && d->cur.men[d->cur.tok_men[k]].type == VITAE_ITEM_LANG) return 1;
    if (d->cur.tok_men[k] >= 0) return 0; /* another mention: another list */
  }
  return 0;
}

/* "her father, Ross Ardern": the person a kinship word names has its
 * gender, so that a later "her" does not go to him. */
static void kin_gender(vx_doc *d, size_t i) {
  int32_t mi = d->cur.tok_men[i];
  if (mi < 0 || d->cur.men[mi].type != VITAE_ITEM_PERSON || d->cur.men[mi].entity < 0) return;
  size_t k = i;
  if (k > 0 && tok_is(d, k - 1, ",")) k--;
  if (k == 0 || d->cur.tok_men[k - 1] < 0) return;
  const vx_mention *km = &d->cur.men[d->cur.tok_men[k - 1]];
  if (km->type != VITAE_ITEM_KIN && !(km->type == VITAE_ITEM_PERSON && km->kin >= 0)) return;
  if (km->type == VITAE_ITEM_PERSON && km->entity >= 0) return; /* the kin word named someone already */
  const vitae_lex_kin *kw = vitae_lexicon_kin(d->lex, (uint32_t)km->kin);
  vitae_entity *e = &d->ents.items[d->cur.men[mi].entity];
  if (kw && (kw->gender == 'm' || kw->gender == 'f') && !e->gender && d->cur.men[mi].entity != d->subject)
    e->gender = kw->gender;
}

/* Whether the single word at i is the surname of someone named before
 * ("Sauer has two sons"), not just a given name another shares. */
static int surname_of_known(vx_doc *d, size_t i) {
  int32_t p = known_person(d, i);
  if (p < 0) return 0;
  if (p == d->subject) return 1;
  const char *label = d->ents.items[p].label, *sp = strrchr(label, ' ');
  const vitae_token *t = T(d, i);
  size_t len = t->end - t->begin;
  return !sp || (strlen(sp + 1) == len && !strncmp(sp + 1, d->text + t->begin, len));
}

/* Whether token i stands in a list of single names right after a kinship
 * word: "three children, Tessa, William and Aubrey". */
static int kin_list(const vx_doc *d, size_t i) {
  size_t at = i;
  for (int n = 0; n < 12; n++) {
    size_t b = at;
    if (b > 0 && tok_is(d, b - 1, "and")) b--;
    if (b > 0 && tok_is(d, b - 1, ",")) b--;
    if (b == at || b == 0 || d->cur.tok_men[b - 1] < 0) return 0;
    const vx_mention *m = &d->cur.men[d->cur.tok_men[b - 1]];
    if (m->type == VITAE_ITEM_KIN) return 1;
    if (m->type != VITAE_ITEM_PERSON || m->ntok != 1) return 0;
    at = m->tok;
  }
  return 0;
}

/* Classify the capitalised chunk [i, e) and add its mention(s). */
/* Whether word (a token's text, len bytes) is a word of label, ignoring
 * case. */
static int label_has_word(const char *label, const char *word, size_t len) {
  for (const char *p = label; *p; p++)
    if ((p == label || p[-1] == ' ') && !strncasecmp(p, word, len) && (p[len] == ' ' || !p[len])) return 1;
  return 0;
}

/* The treaty entity of a name: one named before in full when this is the
 * start of its name ("the Second Optional Protocol" after "the Second
 * Optional Protocol to the International Covenant ..."), else its own. */
static int32_t treaty_entity(vx_doc *d, const char *name) {
  size_t len = strlen(name);
  for (size_t k = d->ents.n; k-- > 0;) {
    const vitae_entity *t = &d->ents.items[k];
    if (t->type == VITAE_ENT_TREATY && !strncmp(t->label, name, len) && t->label[len] == ' ') {
      d->ents.items[k].mentions++;
      return (int32_t)k;
    }
  }
  return entity(d, VITAE_ENT_TREATY, name, "Treaty");
}

/* "signed the protocol": the treaty named last, in this sentence or
 * before, when its name has that word; -1 when none. */
static int32_t treaty_antecedent(const vx_doc *d, size_t i) {
  const vitae_token *t = T(d, i);
  const char *w = d->text + t->begin;
  size_t len = t->end - t->begin;
  for (size_t q = d->cur.nmen; q-- > 0;) {
    const vx_mention *m = &d->cur.men[q];
    if (m->type == VITAE_ITEM_TREATY && m->entity >= 0)
      return label_has_word(d->ents.items[m->entity].label, w, len) ? m->entity : -1;
  }
  if (d->last_treaty >= 0 && label_has_word(d->ents.items[d->last_treaty].label, w, len)) return d->last_treaty;
  return -1;
}

/* Where the name of a treaty ends when it goes on after its head word
 * ("Protocol to the International Covenant on Civil and Political Rights"),
 * from token k: capitalised words joined by "the", "of", "and", "on", "a"
 * and dashes.  "in" joins only when a parenthesised acronym closes the name
 * ("... Zone in Central Asia (CANWFZ)"); otherwise "in Geneva" is where it
 * was signed.  Returns k when no name follows; dates (found first) end it. */
static size_t treaty_name_end(const vx_doc *d, size_t k) {
  size_t start = k, last = k;
  while (k < d->cur.ntok && k < start + 16 && d->cur.tok_men[k] < 0) {
    if (is_cap(d, k)) last = k + 1;
    else if (tok_is(d, k, "(") && k == last && k + 2 < d->cur.ntok &&
             (T(d, k + 1)->flags & VITAE_TOKF_ALLCAPS) && tok_is(d, k + 2, ")"))
      return last;
    else if (!(tok_is(d, k, "the") || tok_is(d, k, "of") || tok_is(d, k, "and") || tok_is(d, k, "on") ||
               tok_is(d, k, "a") || tok_is(d, k, "in") || tok_is(d, k, "–") || tok_is(d, k, "-")))
      break;
    k++;
  }
  /* without an acronym to confirm it, the name stops before an "in" */
  for (size_t q = start; q < last; q++)
    if (tok_is(d, q, "in")) return q > start && is_cap(d, q - 1) ? q : start;
  return last;
}

static size_t classify_chunk(vx_doc *d, size_t i, size_t e) {
  /* "That April Hipkins appointed her": a month name is no part of the
   * name after it */
  size_t mlen = 0;
  if (e - i >= 2 &&
      vitae_months_match(d->ex->months, d->text + T(d, i)->begin, T(d, i)->end - T(d, i)->begin, &mlen) > 0 &&
      mlen == T(d, i)->end - T(d, i)->begin)
    return classify_chunk(d, i + 1, e);
  /* a title inside the chunk starts an office: cut the chunk there */
  for (size_t k = i + 1; k < e; k++) {
    vitae_lex_match t = lex_at(d, k, VITAE_LEX_TITLE);
    if (t.ntokens == 1 && k + 1 == e) break; /* "Annette King": a surname */
    if (t.ntokens && !org_class(d, i, k + 1)) {
      e = k;
      break;
    }
  }
  /* "Minister Alikhan Baimenov" after a portfolio the title parser could
   * not use: the name after the title */
  vitae_lex_match lead = lex_at(d, i, VITAE_LEX_TITLE);
  if (lead.ntokens && i + lead.ntokens < e && person_shape(d, i + lead.ntokens, e) && !org_class(d, i, e)) {
    add_person(d, i + lead.ntokens, e);
    return e;
  }
  /* "Democratic Awakening merged into ...": a name the text already gave
   * an organisation stays that organisation */
  vx_mention *m;
  size_t n = e - i;
  if (n >= 2) {
    char name[MAX_NAME];
    span_text(d, i, e, name, sizeof name);
    int32_t org = vitae_entities_find(&d->ents, VITAE_ENT_ORG, name);
    if (org >= 0) {
      m = add_mention(d, VITAE_ITEM_ORG, i, n);
      if (m) m->entity = org;
      d->ents.items[org].mentions++;
      return e + parenthesis(d, e, org);
    }
  }
  if (n == 1 && kin_list(d, i) && !(wclass(d, i) & (VITAE_WORD_COMMON | VITAE_WORD_FUNCTION)) &&
      !lex_at(d, i, VITAE_LEX_COUNTRY).ntokens && !lex_at(d, i, VITAE_LEX_PLACE).ntokens &&
      !surname_of_known(d, i)) {
    /* "they have three children, Tessa, William and Aubrey": people of
     * their own, not the grandmother "Tessa Bourke" named before (the
     * family name is not guessed: a daughter may be "Lavrova", a brother
     * keep the maiden name) */
    char word[MAX_NAME];
    span_text(d, i, e, word, sizeof word);
    m = add_mention(d, VITAE_ITEM_PERSON, i, 1);
    if (m) m->entity = entity(d, VITAE_ENT_PERSON, word, "Person");
    return e;
  }
  /* "succeeding Lagos": a single word that names someone the text has
   * named is that person, before any reading as a place */
  if (n == 1 && !(T(d, i)->flags & VITAE_TOKF_ALLCAPS) && !(i > 0 && (wclass(d, i - 1) & VITAE_WORD_PLACE_PREP))) {
    int32_t p = known_person(d, i);
    if (p >= 0) {
      m = add_mention(d, VITAE_ITEM_PERSON, i, 1);
      if (m) m->entity = p;
      d->ents.items[p].mentions++;
      if (p != d->subject) d->last_person = p; /* "... to her" after "Rousseff" */
      return e;
    }
  }
  /* "succeeding Bill English of the National Party": two to four
   * capitalised words after a verb that takes a person are a person's name,
   * even when a word of it is also a word of the language */
  size_t ne = e; /* the name ends before "of": "Bill English of the National Party" */
  for (size_t k = i + 1; k < e; k++)
    if (tok_is(d, k, "of")) {
      ne = k;
      break;
    }
  if (ne - i >= 2 && ne - i <= 4 && i > 0 && (wclass(d, i - 1) & VITAE_WORD_PERSON_VERB) &&
      !chunk_has(d, i, ne, VITAE_WORD_FUNCTION) && !org_class(d, i, ne) &&
      !lex_at(d, i, VITAE_LEX_COUNTRY).ntokens && !lex_at(d, i, VITAE_LEX_ORG).ntokens &&
      !lex_at(d, i, VITAE_LEX_PLACE).ntokens && !lex_at(d, i, VITAE_LEX_TITLE).ntokens &&
      !lex_at(d, i, VITAE_LEX_DEMONYM).ntokens) {
    int allcaps = 0;
    for (size_t k = i; k < ne; k++) allcaps |= (T(d, k)->flags & VITAE_TOKF_ALLCAPS) != 0;
    if (!allcaps) {
      add_person(d, i, ne);
      return ne;
    }
  }
  /* a name right after a title ("Secretary-General Ban Ki-moon") is a
   * person's even when its words are words of the language */
  if (n >= 2 && n <= 4 && i > 0 && d->cur.tok_men[i - 1] >= 0 &&
      d->cur.men[d->cur.tok_men[i - 1]].type == VITAE_ITEM_OFFICE && !chunk_has(d, i, e, VITAE_WORD_FUNCTION) &&
      !org_class(d, i, e) && !lex_at(d, i, VITAE_LEX_COUNTRY).ntokens && !lex_at(d, i, VITAE_LEX_ORG).ntokens) {
    int allcaps = 0;
    for (size_t k = i; k < e; k++) allcaps |= (T(d, k)->flags & VITAE_TOKF_ALLCAPS) != 0;
    if (!allcaps) {
      add_person(d, i, e);
      return e;
    }
  }
  vitae_lex_match known = lex_at(d, i, VITAE_LEX_ORG);
  vitae_lex_match country = lex_at(d, i, VITAE_LEX_COUNTRY);
  vitae_lex_match place = lex_at(d, i, VITAE_LEX_PLACE);
  vitae_lex_match lang = lex_at(d, i, VITAE_LEX_LANGUAGE);
  vitae_lex_match demonym = lex_at(d, i, VITAE_LEX_DEMONYM);
  const char *cls = org_class(d, i, e);
  int treaty = chunk_has(d, i, e, VITAE_WORD_TREATY_HEAD);
  if (!cls && !treaty && n >= 2 && chunk_has(d, i, e, VITAE_WORD_THING_HEAD)) return e; /* "Nobel Peace Prize" */
  /* "the Treaty on a Nuclear-Weapons-Free Zone": a head word alone, named
   * by what follows it */
  if (treaty && n == 1 && i > 0 && tok_is(d, i - 1, "the") && tok_is(d, e, "on") &&
      treaty_name_end(d, e + 1) > e + 1)
    n = 2;
  if (treaty && n >= 2) {
    /* "Supplementary Agreement on the Eastern Section of the China–Russia
     * Boundary": what the treaty is about is part of its name */
    if ((wclass(d, e - 1) & VITAE_WORD_TREATY_HEAD) &&
        (tok_is(d, e, "on") || tok_is(d, e, "between") || tok_is(d, e, "concerning") || tok_is(d, e, "for") ||
         tok_is(d, e, "to"))) {
      size_t last = treaty_name_end(d, e + 1);
      if (last > e + 1) {
        e = last;
        n = e - i;
      }
    }
    char name[MAX_NAME];
    span_text(d, i, e, name, sizeof name);
    m = add_mention(d, VITAE_ITEM_TREATY, i, n);
    if (m) m->entity = treaty_entity(d, name);
    named_inside(d, i + 1, e);
    return e + (m ? parenthesis(d, e, m->entity) : 0); /* "(CANWFZ)" */
  }
  /* a gazetteer name that is the whole chunk, or the longest match */
  size_t best = known.ntokens;
  if (country.ntokens > best) best = country.ntokens;
  if (place.ntokens > best) best = place.ntokens;
  /* "Auckland City Hospital", "Mount Albert": names of places by their
   * first or last word */
  if (n >= 2 && !cls && !treaty && known.ntokens < n && country.ntokens < n &&
      ((wclass(d, e - 1) & VITAE_WORD_PLACE_HEAD) || (wclass(d, i) & VITAE_WORD_PLACE_START))) {
    char name[MAX_NAME];
    span_text(d, i, e, name, sizeof name);
    vitae_lex_match whole = lex_at(d, i, VITAE_LEX_PLACE);
    m = add_mention(d, VITAE_ITEM_PLACE, i, n);
    if (m) m->entity = whole.ntokens == n ? place_entity(d, whole.id) : entity(d, VITAE_ENT_PLACE, name, "Place");
    return e;
  }
  /* "in Washington Singh and ...": a place, then someone already named */
  if (place.ntokens && place.ntokens < n && e - (i + place.ntokens) == 1 && i > 0 &&
      (wclass(d, i - 1) & VITAE_WORD_PLACE_PREP)) {
    int32_t p = known_person(d, i + place.ntokens);
    if (p >= 0) {
      m = add_mention(d, VITAE_ITEM_PLACE, i, place.ntokens);
      if (m) m->entity = place_entity(d, place.id);
      m = add_mention(d, VITAE_ITEM_PERSON, i + place.ntokens, 1);
      if (m) m->entity = p;
      return e;
    }
  }
  /* "Stanislav Shushkevich": a gazetteer word that starts a longer name
   * is part of the name */
  if (best && best < n && !cls && person_shape(d, i, e)) best = 0;
  /* "the Seanad Éireann for the University of Dublin": a known legislature,
   * then the constituency its member sits for */
  if (known.ntokens && known.ntokens == best && best < n && tok_is(d, i + best, "for") &&
      !strcmp(vitae_lexicon_org(d->lex, known.id)->cls, "Legislature"))
    cls = NULL;
  if (best && (best >= n || !cls)) {
    if (known.ntokens == best) {
      m = add_mention(d, VITAE_ITEM_ORG, i, best);
      if (m) m->entity = known_org_entity(d, known.id);
    } else if (country.ntokens == best) {
      m = add_mention(d, VITAE_ITEM_COUNTRY, i, best);
      if (m) m->entity = country_entity(d, country.id);
    } else {
      m = add_mention(d, VITAE_ITEM_PLACE, i, best);
      if (m) m->entity = place_entity(d, place.id);
    }
    if (m) return i + best + parenthesis(d, i + best, m->entity);
    return i + best;
  }
  if (!cls && !treaty && i > 0 && !is_cap(d, i - 1) &&
      (tok_is(d, i - 1, "party") || tok_is(d, i - 1, "movement") || tok_is(d, i - 1, "organisation") ||
       tok_is(d, i - 1, "organization") || tok_is(d, i - 1, "newspaper") || tok_is(d, i - 1, "company") ||
       tok_is(d, i - 1, "alliance") || tok_is(d, i - 1, "coalition") || tok_is(d, i - 1, "bloc"))) {
    /* "joined the new party Democratic Awakening" */
    const char *c = tok_is(d, i - 1, "party") || tok_is(d, i - 1, "movement") || tok_is(d, i - 1, "alliance") ||
                            tok_is(d, i - 1, "coalition") || tok_is(d, i - 1, "bloc")
                        ? "PoliticalParty"
                        : tok_is(d, i - 1, "newspaper") ? "MediaOrganization" : tok_is(d, i - 1, "company") ? "Company"
                                                                                                          : "Organization";
    char name[MAX_NAME];
    span_text(d, i, e, name, sizeof name);
    m = add_mention(d, VITAE_ITEM_ORG, i, n);
    if (m) m->entity = entity(d, VITAE_ENT_ORG, name, c);
    return e + (m ? parenthesis(d, e, m->entity) : 0);
  }
  if (cls) {
    /* "the Parliament of Finland for Helsinki": a legislature, then the
     * constituency its member sits for */
    for (size_t k = i + 1; k + 1 < e; k++)
      if (tok_is(d, k, "for")) {
        const char *head = org_class(d, i, k);
        if (head && !strcmp(head, "Legislature") && constituency(d, k + 1, e)) {
          e = k;
          n = e - i;
          cls = head;
        }
        break;
      }
    /* "José Serra of the Brazilian Social Democracy Party": a person, then
     * the party (the rules relate them) */
    for (size_t k = i + 2; k + 1 < e; k++)
      if (tok_is(d, k, "of") && person_shape(d, i, k) && !org_class(d, i, k)) {
        add_person(d, i, k);
        return k;
      }
    /* "Fellow of the World Academy of Art and Science": words before the
     * first "of" that make no organisation themselves are no part of it */
    for (size_t k = i + 1; k + 1 < e; k++) {
      if (!tok_is(d, k, "of")) continue;
      size_t b = tok_is(d, k + 1, "the") ? k + 2 : k + 1;
      if (!org_class(d, i, k) && !lex_at(d, i, VITAE_LEX_ORG_PREFIX).ntokens && org_class(d, b, e)) {
        i = b;
        n = e - i;
        cls = org_class(d, i, e);
      }
      break;
    }
    int32_t id = org_entity(d, i, e, cls);
    m = add_mention(d, VITAE_ITEM_ORG, i, n);
    if (m) m->entity = id;
    return e + parenthesis(d, e, id);
  }
  if (lang.ntokens && lang_reading(d, i, lang.ntokens, demonym.ntokens)) {
    size_t len = lang.ntokens + (tok_is(d, i + lang.ntokens, "language") ? 1 : 0);
    m = add_mention(d, VITAE_ITEM_LANG, i, len);
    if (m) m->entity = language_entity(d, lang.id);
    return i + len;
  }
  if (demonym.ntokens) {
    m = add_mention(d, VITAE_ITEM_DEMONYM, i, demonym.ntokens);
    if (m) m->entity = demonym_entity(d, demonym.id);
    return i + demonym.ntokens;
  }
  if (chunk_has(d, e - 1, e, VITAE_WORD_PLACE_HEAD) && n >= 2) {
    char name[MAX_NAME];
    span_text(d, i, e, name, sizeof name);
    m = add_mention(d, VITAE_ITEM_PLACE, i, n);
    if (m) m->entity = entity(d, VITAE_ENT_PLACE, name, "Place");
    return e;
  }
  if (person_shape(d, i, e)) {
    add_person(d, i, e);
    return e;
  }
  /* "Jürgen Trittin of the Greens": a person before an "of" that starts no
   * organisation's name */
  for (size_t k = i + 2; k < e; k++) {
    if (!tok_is(d, k, "of") && !tok_is(d, k, "the")) continue;
    size_t after = tok_is(d, k + 1, "the") ? k + 2 : k + 1;
    int of_place = lex_at(d, after, VITAE_LEX_COUNTRY).ntokens || lex_at(d, after, VITAE_LEX_PLACE).ntokens;
    /* "Democratic Choice of Kazakhstan" (but "Ban Ki-moon of South Korea") */
    if (of_place && chunk_has(d, i, k, VITAE_WORD_COMMON) && !given_name_hyphen(d, i + 1, k)) break;
    if (person_shape(d, i, k)) {
      add_person(d, i, k);
      return k;
    }
    break;
  }
  /* "at Camp David", "in Auckland Central": an unknown name after a
   * preposition of place, which no person's name could be */
  if (n >= 2 && n <= 4 && i > 0 && (wclass(d, i - 1) & VITAE_WORD_PLACE_PREP) && !tok_is(d, i - 1, "to") &&
      !(T(d, i)->flags & VITAE_TOKF_ALLCAPS) && !chunk_has(d, i, e, VITAE_WORD_FUNCTION)) {
    char name[MAX_NAME];
    span_text(d, i, e, name, sizeof name);
    m = add_mention(d, VITAE_ITEM_PLACE, i, n);
    if (m) m->entity = entity(d, VITAE_ENT_PLACE, name, "Place");
    return e;
  }
  if (n == 1) {
    char word[MAX_NAME];
    span_text(d, i, e, word, sizeof word);
    int32_t org = vitae_entities_find(&d->ents, VITAE_ENT_ORG, word);
    if (org >= 0 && known_person(d, i) < 0) {
      m = add_mention(d, VITAE_ITEM_ORG, i, 1);
      if (m) m->entity = org;
      d->ents.items[org].mentions++;
      return e;
    }
    int32_t p = known_person(d, i);
    if (p >= 0) {
      m = add_mention(d, VITAE_ITEM_PERSON, i, 1);
      if (m) m->entity = p;
      d->ents.items[p].mentions++;
      if (p != d->subject) d->last_person = p; /* "... to her" after "Rousseff" */
      return e;
    }
    /* an unknown single name after "in"/"at": a place ("born in Murupara") */
    if (i > 0 && (wclass(d, i - 1) & VITAE_WORD_PLACE_PREP) && !(T(d, i)->flags & VITAE_TOKF_ALLCAPS)) {
      char name[MAX_NAME];
      span_text(d, i, e, name, sizeof name);
      m = add_mention(d, VITAE_ITEM_PLACE, i, 1);
      if (m) m->entity = entity(d, VITAE_ENT_PLACE, name, "Place");
      return e;
    }
    /* a name right after a title ("Pope Francis"), or before "(born" */
    if ((i > 0 && d->cur.tok_men[i - 1] >= 0 && d->cur.men[d->cur.tok_men[i - 1]].type == VITAE_ITEM_OFFICE) ||
        (tok_is(d, i + 1, "(") && tok_is(d, i + 2, "born"))) {
      if (!(wclass(d, i) & (VITAE_WORD_COMMON | VITAE_WORD_FUNCTION))) {
        add_person(d, i, e);
        return e;
      }
    }
    /* "the village of Chemolgan" */
    if (i > 1 && tok_is(d, i - 1, "of") && (wclass(d, i - 2) & VITAE_WORD_PLACE_HEAD) && !is_cap(d, i - 2)) {
      char name[MAX_NAME];
      span_text(d, i, e, name, sizeof name);
      m = add_mention(d, VITAE_ITEM_PLACE, i, 1);
      if (m) m->entity = entity(d, VITAE_ENT_PLACE, name, "Place");
      return e;
    }
    /* a first name right after a kinship word: "an older sister, Louise" */
    size_t b = i;
    if (b > 0 && tok_is(d, b - 1, ",")) b--;
    if (b > 0 && d->cur.tok_men[b - 1] >= 0 && d->cur.men[d->cur.tok_men[b - 1]].type == VITAE_ITEM_KIN) {
      add_person(d, i, e);
      return e;
    }
  }
  return e;
}

/* Whether tokens [a, b) cross into another clause: ";", ", and", and with
 * verbs set also "and" before a verb in the past ("... on 10 February and
 * made a state visit to China"). */
int vx_clause_break(const vx_doc *d, size_t a, size_t b, int verbs) {
  for (size_t k = a; k < b && k < d->cur.ntok; k++) {
    if (tok_is(d, k, ";")) return 1;
    if (!tok_is(d, k, "and")) continue;
    if (k > a && tok_is(d, k - 1, ",")) return 1;
    if (!verbs || k + 1 >= b || is_cap(d, k + 1)) continue;
    const vitae_token *t = T(d, k + 1);
    if ((t->end - t->begin > 3 && !memcmp(d->text + t->end - 2, "ed", 2)) || (wclass(d, k + 1) & VITAE_WORD_PAST_VERB))
      return 1;
  }
  return 0;
}

/* A bare title before a foreign leader's name ("met with President Xi
 * Jinping in Beijing") belongs to the foreign country of its own clause. */
static void office_context(vx_doc *d) {
  vx_sentence *s = &d->cur;
  for (size_t i = 0; i < s->nmen; i++) {
    if (s->men[i].type != VITAE_ITEM_OFFICE || s->men[i].office < 0) continue;
    /* the first foreign country of the office's own clause: "was received
     * by President Joe Biden on 10 February and made a state visit to
     * China" names no Chinese president */
    int32_t foreign = -1;
    for (size_t k = 0; k < s->nmen && foreign < 0; k++) {
      const vx_mention *m = &s->men[k];
      if (m->entity < 0) continue;
      int32_t c = -1;
      if (m->type == VITAE_ITEM_COUNTRY) c = m->entity;
      else if (m->type == VITAE_ITEM_PLACE) c = d->ents.items[m->entity].jurisdiction;
      if (c < 0 || c == d->home || d->ents.items[c].type != VITAE_ENT_COUNTRY) continue;
      size_t a = s->men[i].tok, b = m->tok;
      if (a < b ? vx_clause_break(d, a + s->men[i].ntok, b, 1) : vx_clause_break(d, b + m->ntok, a, 1)) continue;
      foreign = c;
    }
    d->offices[s->men[i].office].context = foreign;
  }
}

/* "Her father served as ...": a kinship word after a possessive, naming
 * nobody new, is the relative the text has already named ("her father,
 * Ross Ardern"); -1 when there is none or the words introduce a name. */
static int32_t kin_referent(vx_doc *d, size_t i, vitae_lex_match kin) {
  if (i == 0 || d->cur.tok_men[i - 1] < 0) return -1;
  const vx_mention *p = &d->cur.men[d->cur.tok_men[i - 1]];
  if (p->type != VITAE_ITEM_PRONOUN || p->entity < 0 || !(tok_is(d, i - 1, "his") || tok_is(d, i - 1, "her")))
    return -1;
  size_t after = i + kin.ntokens;
  if (tok_is(d, after, ",") || tok_is(d, after, "(") || is_cap(d, after)) return -1; /* a name follows */
  const vitae_lex_kin *k = vitae_lexicon_kin(d->lex, kin.id);
  if (!k) return -1;
  int32_t found = -1;
  for (size_t f = 0; f < d->nfacts; f++) {
    const vx_fact *x = &d->facts[f];
    int32_t other = -1;
    if (!strcmp(k->relation, "parent") && x->rel == VX_PARENT && x->s == p->entity) other = x->o;
    else if (!strcmp(k->relation, "child") && x->rel == VX_PARENT && x->o == p->entity) other = x->s;
    else if (!strcmp(k->relation, "spouse") && x->rel == VX_SPOUSE && (x->s == p->entity || x->o == p->entity))
      other = x->s == p->entity ? x->o : x->s;
    else if (!strcmp(k->relation, "sibling") && x->rel == VX_SIBLING && (x->s == p->entity || x->o == p->entity))
      other = x->s == p->entity ? x->o : x->s;
    if (other < 0) continue;
    char g = d->ents.items[other].gender;
    if (k->gender != '?' && g && g != k->gender) continue;
    if (found >= 0 && found != other) return -1; /* two fathers? not sure which */
    found = other;
  }
  return found;
}

/* A common noun of agreements, lower case: "agreement", "treaty". */
static int agreement_word(const vx_doc *d, size_t i) {
  static const char *const words[] = {"agreement", "treaty", "memorandum", "accord", "pact", "protocol",
                                      "convention", "declaration", NULL};
  if (!is_word(d, i) || is_cap(d, i) || d->cur.tok_men[i] >= 0) return 0;
  for (const char *const *w = words; *w; w++)
    if (tok_is(d, i, *w)) return 1;
  return 0;
}

void vx_find_mentions(vx_doc *d) {
  vx_sentence *s = &d->cur;
  s->nmen = 0;
  for (size_t k = 0; k < s->ntok; k++) s->tok_men[k] = -1;
  find_dates(d);
  for (size_t i = 0; i < s->ntok && !d->oom;) {
    if (!free_tok(d, i)) {
      i++;
      continue;
    }
    /* "(Kazakh: Қасым-Жомарт Тоқаев, romanized: ...)": a name in another
     * language is read with its person, not as mentions of its own */
    if (tok_is(d, i, ":") && i > 0 &&
        ((d->cur.tok_men[i - 1] >= 0 && d->cur.men[d->cur.tok_men[i - 1]].type == VITAE_ITEM_LANG) ||
         tok_is(d, i - 1, "romanized") || tok_is(d, i - 1, "romanised"))) {
      i++;
      while (i < s->ntok && !tok_is(d, i, ",") && !tok_is(d, i, ";") && !tok_is(d, i, ")")) i++;
      continue;
    }
    if (tok_is(d, i, "as") && i > 0 && (tok_is(d, i - 1, "known") ||
        (i > 1 && tok_is(d, i - 2, "known") && !is_cap(d, i - 1))) && is_cap(d, i + 1)) {
      size_t e = chunk_end(d, i + 1);
      int32_t who = -1;
      for (size_t q = s->nmen; q-- > 0;)
        if (s->men[q].type == VITAE_ITEM_PERSON && s->men[q].tok < i) {
          who = s->men[q].entity;
          break;
        }
      if (who < 0 && s->index == 0) who = d->subject;
      if (who >= 0 && e > i + 1 && e - i - 1 <= 4 ) {
        char name[MAX_NAME];
        span_text(d, i + 1, e, name, sizeof name);
        if (vitae_entities_add_name(&d->ents, who, name, NULL, 0)) d->oom = 1;
        vx_mention *m = add_mention(d, VITAE_ITEM_PERSON, i + 1, e - i - 1);
        if (m) m->entity = who;
        i = e;
        continue;
      }
    }
    /* "Their daughter", "they have one daughter": the subject and spouse */
    if (plural_pronoun(d, i) && d->subject >= 0 &&
        (lex_at(d, i + 1, VITAE_LEX_KIN).ntokens || tok_is(d, i + 1, "have") || tok_is(d, i + 1, "had"))) {
      vx_mention *m = add_mention(d, VITAE_ITEM_PRONOUN, i, 1);
      if (m) {
        m->entity = d->subject;
        m->kin = 1; /* plural: the relation holds for the spouse too */
      }
      i++;
      continue;
    }
    char gender;
    if (pronoun(d, i, &gender)) {
      vx_mention *m = add_mention(d, VITAE_ITEM_PRONOUN, i, 1);
      if (m) m->entity = resolve_pronoun(d, gender);
      /* "he met Pompeo during his visit": a possessive goes to the person
       * just named, when that one may be of the pronoun's gender */
      /* ("her" only when it is surely possessive: before a kinship word
       * or a common noun, not right after a verb: "appointed her Minister") */
      int after_verb = i > 0 && T(d, i - 1)->end - T(d, i - 1)->begin > 2 &&
                       d->text[T(d, i - 1)->end - 1] == 'd' && d->text[T(d, i - 1)->end - 2] == 'e';
      int poss_her = tok_is(d, i, "her") && i + 1 < s->ntok && !is_cap(d, i + 1) && is_word(d, i + 1) && !after_verb;
      if (m && (tok_is(d, i, "his") || poss_her) && i > 0) {
        for (size_t q = s->nmen - 1; q-- > 0;) {
          const vx_mention *p = &s->men[q];
          if (p->type != VITAE_ITEM_PERSON || p->tok >= i) continue;
          const vitae_entity *pe = &d->ents.items[p->entity];
          /* "His father, X (1903–1971), and his mother, Y": the kin of the
           * same one as the kin named before, not X's */
          size_t b = p->tok;
          if (b > 0 && tok_is(d, b - 1, ",")) b--;
          int parallel = lex_at(d, i + 1, VITAE_LEX_KIN).ntokens && b > 0 && d->cur.tok_men[b - 1] >= 0 &&
                         d->cur.men[d->cur.tok_men[b - 1]].type == VITAE_ITEM_KIN;
          if (p->entity != d->subject && (!pe->gender || pe->gender == gender) && i - (p->tok + p->ntok) <= 8 &&
              !parallel)
            m->entity = p->entity;
          break;
        }
      }
      i++;
      continue;
    }
    vx_office o;
    size_t n = parse_office(d, i, &o);
    if (n) {
      int32_t id = vx_new_office(d);
      if (id < 0) return;
      d->offices[id] = o;
      vx_mention *m = add_mention(d, VITAE_ITEM_OFFICE, i, n);
      if (m) m->office = id;
      i += n;
      /* "leader of the Christian Democratic Union (CDU)": the body's
       * abbreviation, which later sentences use alone */
      if (o.org >= 0 && tok_is(d, i, "(") && i + 2 < s->ntok && (T(d, i + 1)->flags & VITAE_TOKF_ALLCAPS) &&
          tok_is(d, i + 2, ")")) {
        char name[MAX_NAME];
        if (vitae_entities_add_name(&d->ents, o.org, span_text(d, i + 1, i + 2, name, sizeof name), NULL, 0))
          d->oom = 1;
        i += 3;
      }
      continue;
    }
    if (agreement_word(d, i)) {
      size_t b = i;
      while (b > 0 && i - b < 3 && is_word(d, b - 1) && !is_cap(d, b - 1) && !tok_is(d, b - 1, "a") &&
             !tok_is(d, b - 1, "an") && !tok_is(d, b - 1, "the") && d->cur.tok_men[b - 1] < 0 &&
             !(wclass(d, b - 1) & VITAE_WORD_FUNCTION))
        b--;
      /* "the Estonian–Russian border treaty": the parties' adjectives are
       * part of its name; their mentions give way to it */
      size_t nb = b;
      while (nb > 0 && b - nb < 5 &&
             ((d->cur.tok_men[nb - 1] >= 0 && d->cur.men[d->cur.tok_men[nb - 1]].type == VITAE_ITEM_DEMONYM &&
               d->cur.men[d->cur.tok_men[nb - 1]].ntok == 1) ||
              tok_is(d, nb - 1, "–") || tok_is(d, nb - 1, "-") || tok_is(d, nb - 1, "and")))
        nb--;
      if (nb < b && nb > 0 && tok_is(d, nb - 1, "the") && d->cur.tok_men[nb] >= 0 && s->nmen > 0) {
        /* drop the demonym mentions (they are the last ones added) */
        while (s->nmen > 0 && s->men[s->nmen - 1].tok >= nb && s->men[s->nmen - 1].tok < i &&
               s->men[s->nmen - 1].type == VITAE_ITEM_DEMONYM) {
          vx_mention *last = &s->men[s->nmen - 1];
          for (size_t q = last->tok; q < last->tok + last->ntok; q++) d->cur.tok_men[q] = -1;
          s->nmen--;
        }
        b = nb;
      }
      int32_t before = b == i && b > 0 && tok_is(d, b - 1, "the") ? treaty_antecedent(d, i) : -1;
      if (before >= 0) {
        vx_mention *m = add_mention(d, VITAE_ITEM_TREATY, i, 1);
        if (m) m->entity = before;
        i++;
        continue;
      }
      if (b > 0 && (tok_is(d, b - 1, "a") || tok_is(d, b - 1, "an") || tok_is(d, b - 1, "the"))) {
        size_t e = i + 1;
        if (tok_is(d, i, "memorandum") && tok_is(d, e, "of") && tok_is(d, e + 1, "understanding")) e += 2;
        char name[MAX_NAME];
        span_text(d, b, e, name, sizeof name);
        vx_mention *m = add_mention(d, VITAE_ITEM_TREATY, b, e - b);
        if (m) m->entity = entity(d, VITAE_ENT_TREATY, name, "Treaty");
        i = e;
        continue;
      }
    }
    vitae_lex_match kin = lex_at(d, i, VITAE_LEX_KIN);
    if (kin.ntokens && !is_cap(d, i + kin.ntokens)) {
      /* "father" but not "Father Christmas"; the next word decides nothing */
    }
    if (kin.ntokens) {
      int32_t who = kin_referent(d, i, kin);
      vx_mention *m = add_mention(d, who >= 0 ? VITAE_ITEM_PERSON : VITAE_ITEM_KIN, i, kin.ntokens);
      if (m) {
        m->kin = (int32_t)kin.id;
        m->entity = who;
      }
      i += kin.ntokens;
      continue;
    }
    if (is_cap(d, i) && (name_word(d, i) || (i > 0 && (wclass(d, i - 1) & VITAE_WORD_PERSON_VERB)) ||
                         lex_at(d, i, VITAE_LEX_COUNTRY).ntokens ||
                         lex_at(d, i, VITAE_LEX_PLACE).ntokens || lex_at(d, i, VITAE_LEX_ORG).ntokens)) {
      size_t e = chunk_end(d, i);
      if (e == i) e = i + 1;
      size_t next = classify_chunk(d, i, e);
      kin_gender(d, i);
      i = next > i ? next : i + 1;
      continue;
    }
    /* lower-case words are no names */
    i++;
  }
  for (size_t q = 0; q < s->nmen; q++)
    if (s->men[q].type == VITAE_ITEM_TREATY && s->men[q].entity >= 0) d->last_treaty = s->men[q].entity;
  office_context(d);
}
