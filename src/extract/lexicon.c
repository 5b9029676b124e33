#include "extract/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "extract/text.h"

#define MAX_KEY 512
#define MAX_PHRASE 12 /* tokens in the longest surface form we index */

typedef struct entry {
  char *key;      /* lower-cased tokens joined by one space (in a kept buffer) */
  char *surface;  /* as written in the data file, for case-sensitive forms; NULL otherwise */
  vitae_lex_match m;
  int32_t next;   /* next entry with the same key, -1 */
  uint16_t keylen;
  /* the most tokens of a form starting with this key's words, at least 1
   * (the same in every entry of a chain), so that a lookup tries only
   * lengths that exist: most words start none longer than themselves */
  uint8_t most;
} entry;

/* The kind of an entry that is no form, only the first word of longer
 * ones (it carries their length in most). */
#define KIND_FIRST_WORD 0

typedef struct vec {
  void *items;
  size_t n, cap, size;
} vec;

struct vitae_lexicon {
  vec countries, places, languages, orgs, titles, kin, org_classes, months, abbrevs;
  vec entries;       /* entry */
  int32_t *slots;    /* hash slots -> first entry index, -1 when empty */
  size_t nslots;
  size_t max_tokens;
  char **buffers;    /* slurped files and key strings, freed at the end */
  size_t nbuffers, capbuffers;
};

typedef struct month_name {
  int month;
  const char *name;
} month_name;

/* ---- small helpers ---- */

static void *vec_push(vec *v) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 64;
    void *p = realloc(v->items, cap * v->size);
    if (!p) return NULL;
    v->items = p;
    v->cap = cap;
  }
  void *slot = (char *)v->items + v->n * v->size;
  memset(slot, 0, v->size);
  v->n++;
  return slot;
}

static int keep_buffer(vitae_lexicon *lex, char *buf) {
  if (lex->nbuffers == lex->capbuffers) {
    size_t cap = lex->capbuffers ? 2 * lex->capbuffers : 16;
    char **p = realloc(lex->buffers, cap * sizeof *p);
    if (!p) return -1;
    lex->buffers = p;
    lex->capbuffers = cap;
  }
  lex->buffers[lex->nbuffers++] = buf;
  return 0;
}

static char *keep_string(vitae_lexicon *lex, const char *s) {
  char *copy = strdup(s);
  if (!copy || keep_buffer(lex, copy) != 0) {
    free(copy);
    return NULL;
  }
  return copy;
}

static uint64_t hash_str(const char *s) { return vitae_strmap_hash(VITAE_STRMAP_HASH_INIT, s, strlen(s)); }

/* Lower-cased tokens of s joined by one space; returns the token count, 0
 * when s has none or is too long. */
static size_t make_key(const char *s, char *key, size_t n, int *has_caps) {
  vitae_token tok[MAX_PHRASE + 1];
  size_t len = strlen(s);
  size_t nt = vitae_tokenize(s, 0, len, tok, MAX_PHRASE + 1);
  if (nt == 0 || nt > MAX_PHRASE) return 0;
  size_t w = 0;
  *has_caps = 0;
  for (size_t i = 0; i < nt; i++) {
    char low[128];
    vitae_token_lower(s, &tok[i], low, sizeof low);
    size_t k = strlen(low);
    if (w + k + 2 >= n) return 0;
    if (i) key[w++] = ' ';
    memcpy(key + w, low, k);
    w += k;
    if (tok[i].flags & VITAE_TOKF_ALLCAPS) *has_caps = 1;
  }
  key[w] = '\0';
  return nt;
}

static int grow_slots(vitae_lexicon *lex);

static int plain_word(const char *w);

static int32_t find_key_hashed(const vitae_lexicon *lex, const char *key, size_t len, uint64_t h);

/* Forms of nt tokens start with the len bytes at word: raise most in its
 * chain, which begins with a KIND_FIRST_WORD entry when the word is no form
 * itself (yet).  Returns 0, or -1 when out of memory. */
static int note_first_word(vitae_lexicon *lex, const char *word, size_t len, size_t nt) {
  uint64_t h = vitae_strmap_hash(VITAE_STRMAP_HASH_INIT, word, len);
  int32_t head = find_key_hashed(lex, word, len, h);
  entry *all = lex->entries.items;
  if (head >= 0) {
    for (int32_t e = head; e >= 0 && all[e].most < nt; e = all[e].next) all[e].most = (uint8_t)nt;
    return 0;
  }
  if ((lex->entries.n + 1) * 2 > lex->nslots && grow_slots(lex) != 0) return -1;
  char copy[MAX_KEY];
  memcpy(copy, word, len);
  copy[len] = '\0';
  entry *e = vec_push(&lex->entries);
  if (!e || !(e->key = keep_string(lex, copy))) return -1;
  e->m.kind = KIND_FIRST_WORD;
  e->m.ntokens = 1;
  e->next = -1;
  e->keylen = (uint16_t)len;
  e->most = (uint8_t)nt;
  size_t mask = lex->nslots - 1, i = (size_t)h & mask;
  while (lex->slots[i] >= 0) i = (i + 1) & mask;
  lex->slots[i] = (int32_t)(lex->entries.n - 1);
  return 0;
}

/* surface must live as long as the lexicon (it lies in a kept buffer). */
static int add_form(vitae_lexicon *lex, const char *surface, uint8_t kind, uint32_t id) {
  char key[MAX_KEY];
  int caps = 0;
  while (*surface == ' ') surface++;
  if (!*surface) return 0;
  size_t nt;
  /* most entries are one lower-case word: their own key, which can stay in
   * the data file's buffer (the lexicon keeps it) instead of a copy */
  int own_key = plain_word(surface) && strlen(surface) < sizeof key;
  if (own_key) {
    strcpy(key, surface);
    nt = 1;
  } else {
    nt = make_key(surface, key, sizeof key, &caps);
  }
  if (!nt) return 0; /* nothing indexable: skip quietly */
  if ((lex->entries.n + 1) * 2 > lex->nslots && grow_slots(lex) != 0) return -1;
  uint64_t h = hash_str(key);
  size_t mask = lex->nslots - 1, i = (size_t)h & mask;
  entry *all = lex->entries.items;
  /* open addressing over slots; each slot heads a chain of equal keys */
  while (lex->slots[i] >= 0 && strcmp(all[lex->slots[i]].key, key) != 0) i = (i + 1) & mask;
  int32_t head = lex->slots[i];
  /* the same form, kind and id twice: nothing to add */
  for (int32_t e = head; e >= 0; e = all[e].next)
    if (all[e].m.kind == kind && (all[e].m.id == id || kind == VITAE_LEX_WORD)) {
      if (kind == VITAE_LEX_WORD) all[e].m.id |= id;
      return 0;
    }
  entry *e = vec_push(&lex->entries);
  if (!e) return -1;
  all = lex->entries.items;
  e->key = head >= 0 ? all[head].key : own_key ? (char *)surface : keep_string(lex, key);
  e->surface = caps ? keep_string(lex, surface) : NULL;
  if (!e->key || (caps && !e->surface)) return -1;
  e->m.kind = kind;
  e->m.id = id;
  e->m.ntokens = nt;
  e->keylen = (uint16_t)strlen(e->key);
  e->most = head >= 0 ? all[head].most : 1;
  e->next = head;
  lex->slots[i] = (int32_t)(lex->entries.n - 1);
  if (nt > lex->max_tokens) lex->max_tokens = nt;
  /* remember how long forms starting with this word get, so a lookup
   * tries only lengths that exist */
  return nt > 1 ? note_first_word(lex, key, strcspn(key, " "), nt) : 0;
}

/* The first table is sized for the shipped data (about 70k forms, kept at
 * most half full), so that loading does not rehash it again and again. */
#define FIRST_SLOTS (1u << 18)

static int grow_slots(vitae_lexicon *lex) {
  size_t n = lex->nslots ? 2 * lex->nslots : FIRST_SLOTS;
  int32_t *slots = malloc(n * sizeof *slots);
  if (!slots) return -1;
  for (size_t i = 0; i < n; i++) slots[i] = -1;
  entry *all = lex->entries.items;
  /* re-insert chain heads: the chain stays linked through next */
  for (size_t i = 0; i < lex->nslots; i++) {
    int32_t head = lex->slots[i];
    if (head < 0) continue;
    size_t j = (size_t)hash_str(all[head].key) & (n - 1);
    while (slots[j] >= 0) j = (j + 1) & (n - 1);
    slots[j] = head;
  }
  free(lex->slots);
  lex->slots = slots;
  lex->nslots = n;
  return 0;
}

/* ---- reading the data files ---- */

typedef int (*row_fn)(vitae_lexicon *lex, char **fields, size_t n, const char *file, long line,
                      vitae_error *err);

/* Calls fn for each row of a TSV file with exactly nfields fields; the
 * strings live as long as the lexicon. */
static vitae_status read_tsv(vitae_lexicon *lex, const char *datadir, const char *rel,
                             size_t nfields, row_fn fn, vitae_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", datadir, rel);
  char *data;
  size_t len;
  vitae_status st = vitae_text__slurp(path, &data, &len, err);
  if (st != VITAE_OK) return st;
  if (keep_buffer(lex, data) != 0) {
    free(data);
    return vitae_error_set(err, VITAE_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  size_t bad;
  const char *why;
  if (!vitae_text_utf8_valid(data, len, &bad, &why))
    return vitae_error_set(err, VITAE_ERR_SYNTAX, path, 0, 0, "invalid UTF-8 at byte %zu (%s)", bad, why);
  long line = 0;
  for (char *p = data; p < data + len;) {
    char *nl = memchr(p, '\n', (size_t)(data + len - p));
    char *end = nl ? nl : data + len;
    line++;
    *end = '\0';
    if (end > p && end[-1] == '\r') end[-1] = '\0';
    if (*p && *p != '#') {
      char *fields[16];
      size_t n = 0;
      for (char *f = p;;) {
        char *tab = strchr(f, '\t');
        if (n < 16) fields[n] = f;
        n++;
        if (!tab) break;
        *tab = '\0';
        f = tab + 1;
      }
      if (nfields && n != nfields)
        return vitae_error_set(err, VITAE_ERR_SYNTAX, path, line, 0, "%zu fields, expected %zu", n,
                               nfields);
      if (fn(lex, fields, n < 16 ? n : 16, path, line, err) != 0)
        return err->status != VITAE_OK ? err->status
                                       : vitae_error_set(err, VITAE_ERR_NOMEM, path, line, 0, "out of memory");
    }
    p = end + 1;
  }
  return VITAE_OK;
}

/* Index each '|'-separated form of a field. */
static int add_forms(vitae_lexicon *lex, char *field, uint8_t kind, uint32_t id) {
  for (char *f = field; f && *f;) {
    char *bar = strchr(f, '|');
    if (bar) *bar = '\0';
    if (add_form(lex, f, kind, id) != 0) return -1;
    f = bar ? bar + 1 : NULL;
  }
  return 0;
}

static int row_country(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                       vitae_error *err) {
  /* slug label kind alpha2 names adjectives */
  vitae_lex_country *c = vec_push(&lex->countries);
  if (!c) return -1;
  uint32_t id = (uint32_t)(lex->countries.n - 1);
  c->slug = f[0];
  c->label = f[1];
  c->former = !strcmp(f[2], "former");
  c->territory = !strcmp(f[2], "territory");
  return add_form(lex, f[1], VITAE_LEX_COUNTRY, id) || add_forms(lex, f[4], VITAE_LEX_COUNTRY, id) ||
         add_forms(lex, f[5], VITAE_LEX_DEMONYM, id);
}

static int find_country(vitae_lexicon *lex, const char *slug) {
  vitae_lex_country *c = lex->countries.items;
  for (size_t i = 0; i < lex->countries.n; i++)
    if (!strcmp(c[i].slug, slug)) return (int)i;
  return -1;
}

static int row_place(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                     vitae_error *err) {
  /* slug label kind country names */
  vitae_lex_place *p = vec_push(&lex->places);
  if (!p) return -1;
  uint32_t id = (uint32_t)(lex->places.n - 1);
  p->slug = f[0];
  p->label = f[1];
  p->region = !strcmp(f[2], "region");
  p->country = find_country(lex, f[3]);
  return add_form(lex, f[1], VITAE_LEX_PLACE, id) || add_forms(lex, f[4], VITAE_LEX_PLACE, id);
}

static int row_language(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                        vitae_error *err) {
  /* slug label iso639 names */
  vitae_lex_language *l = vec_push(&lex->languages);
  if (!l) return -1;
  uint32_t id = (uint32_t)(lex->languages.n - 1);
  l->slug = f[0];
  l->label = f[1];
  l->code = f[2];
  return add_form(lex, f[1], VITAE_LEX_LANGUAGE, id) || add_forms(lex, f[3], VITAE_LEX_LANGUAGE, id);
}

static int row_org(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                   vitae_error *err) {
  /* slug label class names */
  vitae_lex_org *o = vec_push(&lex->orgs);
  if (!o) return -1;
  uint32_t id = (uint32_t)(lex->orgs.n - 1);
  o->slug = f[0];
  o->label = f[1];
  o->cls = f[2];
  return add_form(lex, f[1], VITAE_LEX_ORG, id) || add_forms(lex, f[3], VITAE_LEX_ORG, id);
}

/* One pattern: "* Head" or "* Head of *" index Head as an ORG_HEAD (it marks
 * an organisation wherever it stands in a name); "Prefix of *" indexes
 * "Prefix of" as an ORG_PREFIX (it starts one). */
static int add_org_pattern(vitae_lexicon *lex, char *pat, uint32_t id) {
  while (*pat == ' ') pat++;
  int head = pat[0] == '*';
  char *lit = head ? pat + 1 : pat;
  while (*lit == ' ') lit++;
  char *star = strchr(lit, '*');
  if (star) *star = '\0';
  size_t len = strlen(lit);
  while (len && lit[len - 1] == ' ') lit[--len] = '\0';
  if (!len) return 0;
  return add_form(lex, lit, head ? VITAE_LEX_ORG_HEAD : VITAE_LEX_ORG_PREFIX, id);
}

static int row_org_pattern(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                           vitae_error *err) {
  /* pattern class [names] */
  if (n < 2) {
    vitae_error_set(err, VITAE_ERR_SYNTAX, file, line, 0, "%zu fields, expected 2 or 3", n);
    return -1;
  }
  const char **cls = vec_push(&lex->org_classes);
  if (!cls) return -1;
  *cls = f[1];
  uint32_t id = (uint32_t)(lex->org_classes.n - 1);
  if (add_org_pattern(lex, f[0], id) != 0) return -1;
  for (char *p = n > 2 ? f[2] : NULL; p && *p;) {
    char *bar = strchr(p, '|');
    if (bar) *bar = '\0';
    if (add_org_pattern(lex, p, id) != 0) return -1;
    p = bar ? bar + 1 : NULL;
  }
  return 0;
}

static int row_title(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                     vitae_error *err) {
  /* title canonical scope names */
  vitae_lex_title *t = vec_push(&lex->titles);
  if (!t) return -1;
  uint32_t id = (uint32_t)(lex->titles.n - 1);
  t->title = f[0];
  t->canonical = f[1];
  t->scope = f[2];
  /* a seat in a legislature is named after the body ("Member of the
   * Storting"), never by its bare title: no text form */
  if (!strcmp(t->scope, "legislature-member")) return 0;
  return add_form(lex, f[0], VITAE_LEX_TITLE, id) || add_form(lex, f[1], VITAE_LEX_TITLE, id) ||
         add_forms(lex, f[3], VITAE_LEX_TITLE, id);
}

static int row_kin(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                   vitae_error *err) {
  /* word relation gender names */
  vitae_lex_kin *k = vec_push(&lex->kin);
  if (!k) return -1;
  uint32_t id = (uint32_t)(lex->kin.n - 1);
  k->word = f[0];
  k->relation = f[1];
  k->gender = f[2][0] == 'm' || f[2][0] == 'f' ? f[2][0] : '?';
  return add_form(lex, f[0], VITAE_LEX_KIN, id) || add_forms(lex, f[3], VITAE_LEX_KIN, id);
}

static int row_month(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                     vitae_error *err) {
  int month = atoi(f[0]);
  if (month < 1 || month > 12) {
    vitae_error_set(err, VITAE_ERR_SYNTAX, file, line, 0, "month number must be 1 to 12");
    return -1;
  }
  for (char *p = f[1]; p && *p;) {
    char *bar = strchr(p, '|');
    if (bar) *bar = '\0';
    month_name *m = vec_push(&lex->months);
    if (!m) return -1;
    m->month = month;
    m->name = p;
    p = bar ? bar + 1 : NULL;
  }
  return 0;
}

static int row_abbrev(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                      vitae_error *err) {
  const char **a = vec_push(&lex->abbrevs);
  if (!a) return -1;
  *a = f[0];
  return 0;
}

static const struct { const char *name; unsigned bit; } WORD_CLASSES[] = {
    {"function", VITAE_WORD_FUNCTION},       {"negation", VITAE_WORD_NEGATION},
    {"modal", VITAE_WORD_MODAL},             {"honorific", VITAE_WORD_HONORIFIC},
    {"place-head", VITAE_WORD_PLACE_HEAD},   {"treaty-head", VITAE_WORD_TREATY_HEAD},
    {"office-mod", VITAE_WORD_OFFICE_MOD},   {"acting", VITAE_WORD_ACTING},
    {"former", VITAE_WORD_FORMER},           {"particle", VITAE_WORD_NAME_PARTICLE},
    {"he", VITAE_WORD_PRONOUN_MALE},         {"she", VITAE_WORD_PRONOUN_FEMALE},
    {"place-prep", VITAE_WORD_PLACE_PREP},   {"generic-title", VITAE_WORD_GENERIC_TITLE},
    {"place-start", VITAE_WORD_PLACE_START}, {"thing-head", VITAE_WORD_THING_HEAD},
    {"head-title", VITAE_WORD_HEAD_TITLE},   {"appoint-verb", VITAE_WORD_APPOINT_VERB},
    {"person-verb", VITAE_WORD_PERSON_VERB}, {"past-verb", VITAE_WORD_PAST_VERB},
    {"meet-verb", VITAE_WORD_MEET_VERB}};

static int row_word(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                    vitae_error *err) {
  unsigned bits = 0;
  for (char *p = f[1]; p && *p;) {
    char *bar = strchr(p, '|');
    if (bar) *bar = '\0';
    size_t i = 0, k = sizeof WORD_CLASSES / sizeof WORD_CLASSES[0];
    for (; i < k && strcmp(WORD_CLASSES[i].name, p); i++) {}
    if (i == k) {
      vitae_error_set(err, VITAE_ERR_SYNTAX, file, line, 0, "unknown word class '%s'", p);
      return -1;
    }
    bits |= WORD_CLASSES[i].bit;
    p = bar ? bar + 1 : NULL;
  }
  return add_form(lex, f[0], VITAE_LEX_WORD, bits);
}

static int row_common(vitae_lexicon *lex, char **f, size_t n, const char *file, long line,
                      vitae_error *err) {
  return add_form(lex, f[0], VITAE_LEX_WORD, VITAE_WORD_COMMON);
}

/* A plain lower-case word is its own key: no need to tokenize it. */
static int plain_word(const char *w) {
  if (!*w) return 0;
  for (const char *p = w; *p; p++)
    if (!(*p >= 'a' && *p <= 'z')) return 0;
  return 1;
}

vitae_status vitae_lexicon_load(const char *datadir, vitae_lexicon **out, vitae_error *err) {
  *out = NULL;
  vitae_lexicon *lex = calloc(1, sizeof *lex);
  if (!lex) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  lex->countries.size = sizeof(vitae_lex_country);
  lex->places.size = sizeof(vitae_lex_place);
  lex->languages.size = sizeof(vitae_lex_language);
  lex->orgs.size = sizeof(vitae_lex_org);
  lex->titles.size = sizeof(vitae_lex_title);
  lex->kin.size = sizeof(vitae_lex_kin);
  lex->org_classes.size = sizeof(const char *);
  lex->months.size = sizeof(month_name);
  lex->abbrevs.size = sizeof(const char *);
  lex->entries.size = sizeof(entry);
  static const struct { const char *file; size_t fields; row_fn fn; } FILES[] = {
      {"ontology/gazetteer/countries.tsv", 6, row_country},
      {"ontology/gazetteer/places.tsv", 5, row_place},
      {"ontology/gazetteer/languages.tsv", 4, row_language},
      {"ontology/gazetteer/organizations-known.tsv", 4, row_org},
      {"ontology/gazetteer/organizations.tsv", 0, row_org_pattern},
      {"ontology/gazetteer/offices.tsv", 4, row_title},
      {"ontology/gazetteer/kinship.tsv", 4, row_kin},
      {"ontology/gazetteer/months.tsv", 2, row_month},
      {"ontology/gazetteer/abbreviations.txt", 1, row_abbrev},
      {"ontology/lexicon/words.tsv", 2, row_word},
      {"ontology/lexicon/common-words.txt", 1, row_common}};
  vitae_status st = grow_slots(lex) == 0 ? VITAE_OK : VITAE_ERR_NOMEM;
  for (size_t i = 0; st == VITAE_OK && i < sizeof FILES / sizeof FILES[0]; i++)
    st = read_tsv(lex, datadir, FILES[i].file, FILES[i].fields, FILES[i].fn, err);
  if (st != VITAE_OK) {
    if (err->status == VITAE_OK)
      vitae_error_set(err, st, NULL, 0, 0, "cannot load the lexicon: %s", vitae_strerror(st));
    vitae_lexicon_free(lex);
    return st;
  }
  *out = lex;
  return VITAE_OK;
}

void vitae_lexicon_free(vitae_lexicon *lex) {
  if (!lex) return;
  vec *vecs[] = {&lex->countries, &lex->places, &lex->languages, &lex->orgs, &lex->titles,
                 &lex->kin, &lex->org_classes, &lex->months, &lex->abbrevs, &lex->entries};
  for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) free(vecs[i]->items);
  for (size_t i = 0; i < lex->nbuffers; i++) free(lex->buffers[i]);
  free(lex->buffers);
  free(lex->slots);
  free(lex);
}

/* ---- lookup ---- */

/* The first entry of the len bytes at key, whose hash_str is h, or -1. */
static int32_t find_key_hashed(const vitae_lexicon *lex, const char *key, size_t len, uint64_t h) {
  if (!lex->nslots) return -1;
  size_t mask = lex->nslots - 1, i = (size_t)h & mask;
  const entry *all = lex->entries.items;
  for (int32_t e; (e = lex->slots[i]) >= 0; i = (i + 1) & mask)
    if (all[e].keylen == len && !memcmp(all[e].key, key, len)) return e;
  return -1;
}

static int32_t find_key(const vitae_lexicon *lex, const char *key) {
  return find_key_hashed(lex, key, strlen(key), hash_str(key));
}

/* A token lower-cased into out (LOWER_MAX bytes), as vitae_token_lower
 * writes it there; returns its length.  ASCII words, nearly all of them,
 * are lowered here without decoding. */
#define LOWER_MAX 128
static size_t lower_token(const char *text, const vitae_token *t, char *out) {
  size_t n = t->end - t->begin;
  /* (vitae_token_lower stops 5 bytes short of the buffer's end) */
  if (n + 5 < LOWER_MAX) {
    const unsigned char *p = (const unsigned char *)text + t->begin;
    size_t i = 0;
    for (; i < n && p[i] < 0x80; i++) out[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
    if (i == n) {
      out[n] = '\0';
      return n;
    }
  }
  vitae_token_lower(text, t, out, LOWER_MAX);
  return strlen(out);
}

/* A form written with capitals must meet the same capitals in the text. */
static int case_ok(const entry *e, const char *text, const vitae_token *tok) {
  if (!e->surface) return 1;
  vitae_token st[MAX_PHRASE + 1];
  size_t n = vitae_tokenize(e->surface, 0, strlen(e->surface), st, MAX_PHRASE + 1);
  if (n != e->m.ntokens) return 0;
  for (size_t i = 0; i < n; i++) {
    if (!(st[i].flags & VITAE_TOKF_ALLCAPS)) continue;
    size_t k = st[i].end - st[i].begin;
    if (tok[i].end - tok[i].begin != k || memcmp(text + tok[i].begin, e->surface + st[i].begin, k))
      return 0;
  }
  return 1;
}

size_t vitae_lexicon_lookup(const vitae_lexicon *lex, const char *text, const vitae_token *tok,
                            size_t ntok, vitae_lex_match *out, size_t max) {
  size_t found = 0, limit = ntok < lex->max_tokens ? ntok : lex->max_tokens;
  char key[MAX_KEY];
  size_t lens[MAX_PHRASE + 1];
  uint64_t hashes[MAX_PHRASE + 1]; /* of each length's key, hashed as it is built */
  if (!ntok || !limit) return 0;
  size_t w = lower_token(text, &tok[0], key);
  uint64_t h = vitae_strmap_hash(VITAE_STRMAP_HASH_INIT, key, w);
  /* the first word says how long a form may be (most words start none
   * longer than themselves) */
  int32_t one = find_key_hashed(lex, key, w, h);
  const entry *all = lex->entries.items;
  size_t most = one >= 0 ? all[one].most : 1;
  if (most < limit) limit = most;
  lens[1] = w;
  hashes[1] = h;
  /* build the key once, remembering where each length ends */
  for (size_t i = 1; i < limit; i++) {
    char low[LOWER_MAX];
    size_t k = lower_token(text, &tok[i], low);
    if (w + k + 2 >= sizeof key) {
      limit = i;
      break;
    }
    key[w++] = ' ';
    memcpy(key + w, low, k);
    h = vitae_strmap_hash(h, key + w - 1, k + 1);
    w += k;
    lens[i + 1] = w;
    hashes[i + 1] = h;
  }
  for (size_t n = limit; n >= 1 && found < max; n--)
    for (int32_t e = n == 1 ? one : find_key_hashed(lex, key, lens[n], hashes[n]); e >= 0 && found < max;
         e = all[e].next)
      if (all[e].m.kind != KIND_FIRST_WORD && case_ok(&all[e], text, tok)) out[found++] = all[e].m;
  return found;
}

vitae_lex_match vitae_lexicon_longest(const vitae_lexicon *lex, const char *text,
                                      const vitae_token *tok, size_t ntok, vitae_lex_kind kind) {
  vitae_lex_match m[32], none = {0, 0, 0};
  size_t n = vitae_lexicon_lookup(lex, text, tok, ntok, m, 32);
  for (size_t i = 0; i < n; i++)
    if (m[i].kind == kind) return m[i];
  return none;
}

unsigned vitae_lexicon_phrase_class(const vitae_lexicon *lex, const char *phrase) {
  char key[MAX_KEY];
  int caps;
  if (!make_key(phrase, key, sizeof key, &caps)) return 0;
  const entry *all = lex->entries.items;
  for (int32_t e = find_key(lex, key); e >= 0; e = all[e].next)
    if (all[e].m.kind == VITAE_LEX_WORD) return all[e].m.id;
  return 0;
}

unsigned vitae_lexicon_word_class(const vitae_lexicon *lex, const char *text, const vitae_token *tok) {
  char key[LOWER_MAX];
  size_t n = lower_token(text, tok, key);
  const entry *all = lex->entries.items;
  for (int32_t e = find_key_hashed(lex, key, n, vitae_strmap_hash(VITAE_STRMAP_HASH_INIT, key, n)); e >= 0;
       e = all[e].next)
    if (all[e].m.kind == VITAE_LEX_WORD) return all[e].m.id;
  return 0;
}

#define GETTER(name, type, field)                                                  \
  const type *vitae_lexicon_##name(const vitae_lexicon *lex, uint32_t id) {        \
    return id < lex->field.n ? &((const type *)lex->field.items)[id] : NULL;       \
  }
GETTER(country, vitae_lex_country, countries)
GETTER(place, vitae_lex_place, places)
GETTER(language, vitae_lex_language, languages)
GETTER(org, vitae_lex_org, orgs)
GETTER(title, vitae_lex_title, titles)
GETTER(kin, vitae_lex_kin, kin)

const char *vitae_lexicon_org_class(const vitae_lexicon *lex, uint32_t id) {
  return id < lex->org_classes.n ? ((const char *const *)lex->org_classes.items)[id] : "Organization";
}

void vitae_lexicon_each_month(const vitae_lexicon *lex, void (*add)(void *ctx, int month, const char *name),
                              void *ctx) {
  const month_name *m = lex->months.items;
  for (size_t i = 0; i < lex->months.n; i++) add(ctx, m[i].month, m[i].name);
}

size_t vitae_lexicon_abbreviations(const vitae_lexicon *lex, const char *const **out) {
  *out = lex->abbrevs.items;
  return lex->abbrevs.n;
}
