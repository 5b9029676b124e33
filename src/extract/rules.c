#include "extract/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "extract/text.h"

#define MAX_ELEMENTS 32
#define MAX_ALTS 16
#define DEFAULT_GAP 8
#define STEP_LIMIT 20000

typedef enum { EL_WORD, EL_MENTION, EL_GAP, EL_START, EL_END } el_kind;

typedef struct element {
  uint8_t kind;
  uint8_t optional;
  uint8_t gap;            /* EL_GAP: the most items to skip */
  uint8_t plain;          /* EL_GAP written ~N: skips plain tokens only, no mention */
  int8_t slot;            /* EL_MENTION: the slot, or -1 */
  uint32_t types;         /* EL_MENTION: bit per vitae_item_type */
  const char *alts[MAX_ALTS]; /* EL_WORD: lower-case words */
  uint16_t alt_ids[MAX_ALTS]; /* their ids in the rule set's words */
  uint8_t nalts;
} element;

typedef struct rule {
  const char *relation, *flags;
  long line;
  element el[MAX_ELEMENTS];
  size_t n;
  /* words the rule cannot match without: for each required word element,
   * the ids of its alternatives (a sentence lacking them all is skipped) */
  uint16_t need[MAX_ELEMENTS][MAX_ALTS];
  uint8_t nneed_alts[MAX_ELEMENTS];
  size_t nneed;
  /* A quick first test of the same, and of the mentions: the bit (id % 64)
   * of every word required alone, and the types of each required mention
   * (a sentence without any of them cannot match).  It only ever skips a
   * rule that could not match, and most rules do not, in most sentences. */
  uint64_t need_bits;
  uint32_t need_types[MAX_ELEMENTS];
  uint8_t nneed_types;
} rule;

struct vitae_rule_set {
  rule *rules;
  size_t n, cap;
  char *text;          /* owned copy the rule strings point into */
  vitae_strmap words;  /* the matcher's own words, then every literal word of every rule -> id */
  size_t nwords;
  /* Which rules a sentence may need at all, as bitmaps over the rules
   * (nmask words each): row b (< 64) holds the rules that require one of
   * some word element's words, and one of them has id % 64 == b; row 64 + t
   * those that require a mention of type t (and no word); the last row
   * those that require neither.  A sentence tries only the rules of the
   * rows its words and mentions select, in rule order, so the full test
   * (applicable) runs on few of them. */
  uint64_t *index;
  size_t nmask;
};

#define ROW_TYPES 64
#define ROW_ALWAYS (ROW_TYPES + 32)
#define INDEX_ROWS (ROW_ALWAYS + 1)

/* The words the matcher itself tests, with the first ids: a sentence's
 * tokens are looked up once (read_words), and testing a token for a word
 * compares two ids instead of two strings. */
enum {
  W_POSS, W_SEMI, W_COMMA, W_OPEN, W_CLOSE, W_WHO, W_WHOM, W_WHICH, W_WHOSE, W_THE, W_A, W_AN,
  W_HIS, W_THEIR, W_AND, W_BUT, W_WHILE, W_WHEREAS, W_ALTHOUGH, W_WHERE, W_BECAME, W_BECOME, W_BUILTIN
};
static const char *const BUILTIN[W_BUILTIN] = {
    "'s", ";", ",", "(", ")", "who", "whom", "which", "whose", "the", "a", "an",
    "his", "their", "and", "but", "while", "whereas", "although", "where", "became", "become"};

/* The id of word, added when new; -1 when out of ids, -2 out of memory. */
static int64_t word_id(vitae_rule_set *rs, const char *word) {
  int64_t id = vitae_strmap_get(&rs->words, word, -1);
  if (id >= 0) return id;
  id = (int64_t)rs->nwords;
  if (id > 65535) return -1;
  if (vitae_strmap_put(&rs->words, word, id) != 0) return -2;
  rs->nwords++;
  return id;
}

static const struct { const char *name; uint32_t bits; } TYPES[] = {
    {"PERSON", 1u << VITAE_ITEM_PERSON},
    {"PRONOUN", 1u << VITAE_ITEM_PRONOUN},
    {"WHO", (1u << VITAE_ITEM_PERSON) | (1u << VITAE_ITEM_PRONOUN)},
    {"COUNTRY", 1u << VITAE_ITEM_COUNTRY},
    {"DEMONYM", 1u << VITAE_ITEM_DEMONYM},
    {"PLACE", 1u << VITAE_ITEM_PLACE},
    {"GPE", (1u << VITAE_ITEM_PLACE) | (1u << VITAE_ITEM_COUNTRY)},
    {"ORG", 1u << VITAE_ITEM_ORG},
    {"OFFICE", 1u << VITAE_ITEM_OFFICE},
    {"DATE", 1u << VITAE_ITEM_DATE},
    {"LANG", 1u << VITAE_ITEM_LANG},
    {"KIN", 1u << VITAE_ITEM_KIN},
    {"TREATY", 1u << VITAE_ITEM_TREATY},
    {"ANY", 0xFFFFFFFEu}};

static const char *const SLOTS[VITAE_SLOTS] = {"s", "o", "office", "date", "by", "place", "kin", "end"};

static vitae_status parse_element(char *w, element *e, const char *name, long line,
                                  vitae_error *err) {
  memset(e, 0, sizeof *e);
  e->slot = -1;
  size_t len = strlen(w);
  if (len > 1 && w[len - 1] == '?') {
    e->optional = 1;
    w[--len] = '\0';
  }
  if (!strcmp(w, "^")) { e->kind = EL_START; return VITAE_OK; }
  if (!strcmp(w, "$")) { e->kind = EL_END; return VITAE_OK; }
  if (!strcmp(w, "...")) { e->kind = EL_GAP; e->gap = DEFAULT_GAP; return VITAE_OK; }
  if (w[0] == '.' && w[1] == '.' && w[2] >= '0' && w[2] <= '9') {
    int g = atoi(w + 2);
    if (g < 0 || g > 60)
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "gap '%s' is too long", w);
    e->kind = EL_GAP;
    e->gap = (uint8_t)g;
    return VITAE_OK;
  }
  if (w[0] == '~' && w[1] >= '0' && w[1] <= '9') {
    int g = atoi(w + 1);
    if (g < 0 || g > 40)
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "gap '%s' is too long", w);
    e->kind = EL_GAP;
    e->gap = (uint8_t)g;
    e->plain = 1;
    return VITAE_OK;
  }
  if (w[0] == '@') {
    e->kind = EL_MENTION;
    char *colon = strchr(w, ':');
    if (colon) {
      *colon = '\0';
      int s = -1;
      for (int i = 0; i < VITAE_SLOTS; i++)
        if (!strcmp(SLOTS[i], colon + 1)) s = i;
      if (s < 0)
        return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "unknown slot '%s'", colon + 1);
      e->slot = (int8_t)s;
    }
    for (char *t = w + 1; t && *t;) {
      char *bar = strchr(t, '|');
      if (bar) *bar = '\0';
      size_t i = 0, k = sizeof TYPES / sizeof TYPES[0];
      for (; i < k && strcmp(TYPES[i].name, t); i++) {}
      if (i == k)
        return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "unknown mention type '%s'", t);
      e->types |= TYPES[i].bits;
      t = bar ? bar + 1 : NULL;
    }
    return VITAE_OK;
  }
  e->kind = EL_WORD;
  for (char *t = w; t && *t;) {
    char *bar = strchr(t, '|');
    if (bar) *bar = '\0';
    if (e->nalts == MAX_ALTS)
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "more than %d alternatives", MAX_ALTS);
    for (char *c = t; *c; c++)
      if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    e->alts[e->nalts++] = t;
    t = bar ? bar + 1 : NULL;
  }
  if (!e->nalts) return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "empty element");
  return VITAE_OK;
}

static vitae_status parse_line(vitae_rule_set *rs, char *p, const char *name, long line,
                               vitae_error *err) {
  char *hash = strchr(p, '#');
  if (hash && (hash == p || hash[-1] == ' ' || hash[-1] == '\t')) *hash = '\0';
  char *words[MAX_ELEMENTS + 40];
  size_t n = 0;
  for (char *t = strtok(p, " \t\r"); t; t = strtok(NULL, " \t\r")) {
    if (n == sizeof words / sizeof words[0])
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "rule too long");
    words[n++] = t;
  }
  if (n == 0) return VITAE_OK;
  if (n == 1) return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "a rule needs a pattern");
  if (rs->n == rs->cap) {
    size_t cap = rs->cap ? 2 * rs->cap : 64;
    rule *more = realloc(rs->rules, cap * sizeof *more);
    if (!more) return vitae_error_set(err, VITAE_ERR_NOMEM, name, line, 0, "out of memory");
    rs->rules = more;
    rs->cap = cap;
  }
  rule *r = &rs->rules[rs->n];
  memset(r, 0, sizeof *r);
  r->relation = words[0];
  r->flags = "";
  r->line = line;
  size_t i = 1;
  for (; i < n && strcmp(words[i], "=>"); i++) {
    if (r->n == MAX_ELEMENTS)
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "more than %d elements", MAX_ELEMENTS);
    vitae_status st = parse_element(words[i], &r->el[r->n], name, line, err);
    if (st != VITAE_OK) return st;
    if ((r->el[r->n].kind == EL_START && r->n != 0))
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "'^' must come first");
    if (r->n > 0 && r->el[r->n - 1].kind == EL_END)
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "'$' must come last");
    r->n++;
  }
  if (r->n == 0) return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, 0, "empty pattern");
  if (i < n) {
    /* re-join the flags: they are separate words in the line */
    char *start = words[i + 1 < n ? i + 1 : i];
    if (i + 1 < n) {
      for (size_t k = i + 1; k + 1 < n; k++) words[k][strlen(words[k])] = ' ';
      r->flags = start;
    }
  }
  rs->n++;
  return VITAE_OK;
}

/* Files each rule under one row of rs->index (see there): by the required
 * word element with the fewest words, preferring one without the matcher's
 * own words (",", "the": in nearly every sentence); else by the required
 * mention with the fewest types.  Returns 0, or -1 when out of memory. */
static int build_index(vitae_rule_set *rs) {
  rs->nmask = (rs->n + 63) / 64;
  rs->index = calloc(INDEX_ROWS * (rs->nmask ? rs->nmask : 1), sizeof *rs->index);
  if (!rs->index) return -1;
  for (size_t r = 0; r < rs->n; r++) {
    const rule *ru = &rs->rules[r];
    uint64_t bit = 1ull << (r % 64);
    size_t best = ru->nneed, best_cost = SIZE_MAX;
    for (size_t k = 0; k < ru->nneed; k++) {
      size_t cost = ru->nneed_alts[k];
      for (size_t a = 0; a < ru->nneed_alts[k]; a++)
        if (ru->need[k][a] < W_BUILTIN) cost += MAX_ALTS;
      if (cost < best_cost) {
        best = k;
        best_cost = cost;
      }
    }
    if (best < ru->nneed) {
      for (size_t a = 0; a < ru->nneed_alts[best]; a++)
        rs->index[(ru->need[best][a] % 64) * rs->nmask + r / 64] |= bit;
      continue;
    }
    best = ru->nneed_types;
    for (size_t k = 0; k < ru->nneed_types; k++)
      if (best == ru->nneed_types ||
          __builtin_popcount(ru->need_types[k]) < __builtin_popcount(ru->need_types[best]))
        best = k;
    if (best == ru->nneed_types) {
      rs->index[ROW_ALWAYS * rs->nmask + r / 64] |= bit;
      continue;
    }
    for (int t = 0; t < 32; t++)
      if (ru->need_types[best] & (1u << t)) rs->index[(ROW_TYPES + (size_t)t) * rs->nmask + r / 64] |= bit;
  }
  return 0;
}

vitae_status vitae_rules_parse(const char *text, size_t len, const char *name,
                               vitae_rule_set **out, vitae_error *err) {
  *out = NULL;
  vitae_rule_set *rs = calloc(1, sizeof *rs);
  if (!rs || !(rs->text = malloc(len + 1))) {
    free(rs);
    return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  }
  memcpy(rs->text, text, len);
  rs->text[len] = '\0';
  long line = 0;
  vitae_status st = VITAE_OK;
  for (char *p = rs->text; st == VITAE_OK && p < rs->text + len;) {
    char *nl = strchr(p, '\n');
    if (nl) *nl = '\0';
    line++;
    st = parse_line(rs, p, name, line, err);
    if (!nl) break;
    p = nl + 1;
  }
  for (size_t w = 0; st == VITAE_OK && w < W_BUILTIN; w++)
    if (word_id(rs, BUILTIN[w]) != (int64_t)w) st = vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  for (size_t r = 0; st == VITAE_OK && r < rs->n; r++) {
    rule *ru = &rs->rules[r];
    for (size_t e = 0; st == VITAE_OK && e < ru->n; e++) {
      element *el = &ru->el[e];
      if (el->kind == EL_MENTION && !el->optional) ru->need_types[ru->nneed_types++] = el->types;
      if (el->kind != EL_WORD) continue;
      for (size_t a = 0; a < el->nalts; a++) {
        int64_t id = word_id(rs, el->alts[a]);
        if (id < 0) {
          st = vitae_error_set(err, VITAE_ERR_NOMEM, name, ru->line, 0,
                               id == -2 ? "out of memory" : "too many rule words");
          break;
        }
        el->alt_ids[a] = (uint16_t)id;
        if (!el->optional) ru->need[ru->nneed][a] = (uint16_t)id;
      }
      if (!el->optional && el->nalts == 1) ru->need_bits |= 1ull << (el->alt_ids[0] % 64);
      if (!el->optional) ru->nneed_alts[ru->nneed++] = el->nalts;
    }
  }
  if (st == VITAE_OK && build_index(rs) != 0) st = vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  if (st != VITAE_OK) {
    vitae_rules_free(rs);
    return st;
  }
  *out = rs;
  return VITAE_OK;
}

vitae_status vitae_rules_load(const char *path, vitae_rule_set **out, vitae_error *err) {
  char *data;
  size_t len;
  vitae_status st = vitae_text__slurp(path, &data, &len, err);
  if (st != VITAE_OK) return st;
  st = vitae_rules_parse(data, len, path, out, err);
  free(data);
  return st;
}

void vitae_rules_free(vitae_rule_set *rs) {
  if (!rs) return;
  vitae_strmap_free(&rs->words);
  free(rs->index);
  free(rs->rules);
  free(rs->text);
  free(rs);
}

size_t vitae_rules_count(const vitae_rule_set *rs) { return rs->n; }

/* ---- matching ---- */

/* An item's word id when it is none of the words (-1) or was not looked up
 * (too long, or no memory for the ids: its text is compared instead). */
#define WID_NONE (-1)
#define WID_UNKNOWN (-2)

typedef struct matcher {
  const rule *r;
  const vitae_item *items;
  size_t n;
  const char *text;
  const vitae_token *tok;
  const int32_t *wid; /* per item: the id of its lower-cased text, WID_*; or NULL */
  vitae_rule_match m;
  long steps;
} matcher;

/* Whether the item is the word of this id (its text w): the possessive
 * "'s" is any possessive token, any other word its text ignoring case. */
__attribute__((always_inline))
static inline int word_is(const matcher *mt, const vitae_item *it, uint16_t id, const char *w) {
  if (it->type != VITAE_ITEM_TOKEN || it->ntok != 1) return 0;
  const vitae_token *t = &mt->tok[it->tok];
  if (id == W_POSS) return (t->flags & VITAE_TOKF_POSS) != 0;
  int32_t known = mt->wid ? mt->wid[it - mt->items] : WID_UNKNOWN;
  if (known != WID_UNKNOWN) return known == (int32_t)id;
  return vitae_token_is(mt->text, t, w);
}
#define WORD_IS(mt, it, W) word_is(mt, it, W, BUILTIN[W])

/* A clause boundary a gap does not cross: ";", and ", and" / ", but" /
 * ", while" / ", which" (a new clause, often with a new subject). */
static int is_barrier(const matcher *mt, size_t k) {
  const vitae_item *it = &mt->items[k];
  if (it->type != VITAE_ITEM_TOKEN) return 0;
  if (WORD_IS(mt, it, W_SEMI)) return 1;
  if (!WORD_IS(mt, it, W_COMMA) || k + 1 >= mt->n) return 0;
  static const uint16_t next[] = {W_AND, W_BUT, W_WHILE, W_WHEREAS, W_ALTHOUGH, W_WHICH, W_WHERE};
  for (size_t w = 0; w < sizeof next / sizeof next[0]; w++)
    if (WORD_IS(mt, &mt->items[k + 1], next[w])) return 1;
  return 0;
}

/* The item after a unit a gap skips whole: "( ... )" or ", who ... ,";
 * p itself when none starts at p. */
static size_t unit_end(const matcher *mt, size_t p) {
  if (p >= mt->n) return p;
  if (WORD_IS(mt, &mt->items[p], W_OPEN)) {
    int depth = 0;
    for (size_t q = p; q < mt->n && q < p + 60; q++) {
      if (WORD_IS(mt, &mt->items[q], W_OPEN)) depth++;
      else if (WORD_IS(mt, &mt->items[q], W_CLOSE) && --depth == 0) return q + 1;
    }
    return p;
  }
  if (WORD_IS(mt, &mt->items[p], W_COMMA) && p + 1 < mt->n &&
      (WORD_IS(mt, &mt->items[p + 1], W_WHO) || WORD_IS(mt, &mt->items[p + 1], W_WHOM) ||
       WORD_IS(mt, &mt->items[p + 1], W_WHICH) || WORD_IS(mt, &mt->items[p + 1], W_WHOSE))) {
    for (size_t q = p + 2; q < mt->n && q < p + 40; q++)
      if (WORD_IS(mt, &mt->items[q], W_COMMA)) return q + 1;
  }
  return p;
}

static int slot_taken(const matcher *mt, size_t item) {
  for (int s = 0; s < VITAE_SLOTS; s++)
    if (mt->m.slot[s] == (int32_t)item) return 1;
  return 0;
}

/* Match elements [e, r->n) against items [i, n); returns 1 on success with
 * mt->m.last set. */
static int match_from(matcher *mt, size_t e, size_t i) {
  if (++mt->steps > STEP_LIMIT) return 0;
  const rule *r = mt->r;
  if (e == r->n) {
    mt->m.last = i ? i - 1 : 0;
    return 1;
  }
  const element *el = &r->el[e];
  switch (el->kind) {
  case EL_START:
    return i == 0 && match_from(mt, e + 1, i);
  case EL_END:
    return i == mt->n && match_from(mt, e + 1, i);
  case EL_GAP: {
    /* Closest attachment: a gap after a mention never skips another
     * mention that could have filled it ("His son Timur (born ..." binds
     * Timur, not "His"); the same for a gap before a mention. */
    uint32_t before = e > 0 && r->el[e - 1].kind == EL_MENTION ? r->el[e - 1].types : 0;
    uint32_t after = e + 1 < r->n && r->el[e + 1].kind == EL_MENTION ? r->el[e + 1].types : 0;
    /* k counts skipped units; p is the item after them.  A parenthesis, or a
     * relative clause ", who ... ,", is skipped whole as one unit (the
     * parties stand outside it), and a gap never leaves a parenthesis it
     * started in. */
    size_t p = i;
    int next_word = e + 1 < r->n && r->el[e + 1].kind == EL_WORD;
    /* "Marisa, whom he married in 1974, died ...": a gap after the subject
     * of a relative clause ends with the clause */
    int relative = before && i >= 2 && (WORD_IS(mt, &mt->items[i - 2], W_WHOM) || WORD_IS(mt, &mt->items[i - 2], W_WHICH));
    for (size_t k = 0; k <= el->gap && p <= mt->n; k++) {
      /* "dismissed the government of X and made ...": a mention right
       * before "and" and a verb is the first verb's object, not the
       * second's subject */
      int object_and = k == 1 && before && next_word && p < mt->n && WORD_IS(mt, &mt->items[p], W_AND);
      if (k > 0) {
        const vitae_item *skipped = &mt->items[p];
        if (el->gap <= DEFAULT_GAP && is_barrier(mt, p)) break;
        if (WORD_IS(mt, skipped, W_CLOSE)) break;
        if (relative && WORD_IS(mt, skipped, W_COMMA)) break;
        size_t unit = el->plain ? 0 : unit_end(mt, p);
        if (unit > p) {
          p = unit;
        } else {
          if (skipped->type != VITAE_ITEM_TOKEN && (el->plain || ((before | after) & (1u << skipped->type)))) break;
          p++;
        }
      }
      if (!object_and && match_from(mt, e + 1, p)) return 1;
      if (p >= mt->n) break;
    }
    return 0;
  }
  case EL_WORD:
    if (i < mt->n) {
      for (size_t a = 0; a < el->nalts; a++)
        if (word_is(mt, &mt->items[i], el->alt_ids[a], el->alts[a])) {
          if (match_from(mt, e + 1, i + 1)) return 1;
          break;
        }
    }
    return el->optional && match_from(mt, e + 1, i);
  case EL_MENTION:
    /* "married to Tokayev's sister Karlyga": a possessor that ends the
     * pattern is not the party, the thing possessed is */
    if (i < mt->n && e + 1 == r->n && el->slot >= 0 && i + 1 < mt->n && WORD_IS(mt, &mt->items[i + 1], W_POSS))
      return el->optional && match_from(mt, e + 1, i);
    /* an article before a mention belongs to it: "at the University of
     * Waikato", "as a Deputy Foreign Minister" */
    if (i + 1 < mt->n && (WORD_IS(mt, &mt->items[i], W_THE) || WORD_IS(mt, &mt->items[i], W_A) ||
                          WORD_IS(mt, &mt->items[i], W_AN)) &&
        mt->items[i + 1].type != VITAE_ITEM_TOKEN && (el->types & (1u << mt->items[i + 1].type)))
      i++;
    /* so does a possessive before an office: "made Moro his Minister of Justice" */
    else if (i + 1 < mt->n && mt->items[i].type == VITAE_ITEM_PRONOUN &&
             mt->items[i + 1].type == VITAE_ITEM_OFFICE && (el->types & (1u << VITAE_ITEM_OFFICE)) &&
             !(el->types & (1u << VITAE_ITEM_PRONOUN)) &&
             /* (a pronoun is a mention, not a plain token: its text is compared) */
             (vitae_token_is(mt->text, &mt->tok[mt->items[i].tok], "his") ||
              vitae_token_is(mt->text, &mt->tok[mt->items[i].tok], "their") ||
              (vitae_token_is(mt->text, &mt->tok[mt->items[i].tok], "her") && i > 0 &&
               (WORD_IS(mt, &mt->items[i - 1], W_BECAME) || WORD_IS(mt, &mt->items[i - 1], W_BECOME)))))
      i++; /* not "her" after other verbs: "appointed her Minister" makes her the minister */
    if (i < mt->n && (el->types & (1u << mt->items[i].type)) && mt->items[i].type != VITAE_ITEM_TOKEN &&
        !slot_taken(mt, i)) {
      int32_t saved = el->slot >= 0 ? mt->m.slot[el->slot] : -1;
      if (el->slot >= 0) mt->m.slot[el->slot] = (int32_t)i;
      if (match_from(mt, e + 1, i + 1)) return 1;
      if (el->slot >= 0) mt->m.slot[el->slot] = saved;
    }
    return el->optional && match_from(mt, e + 1, i);
  }
  return 0;
}

/* Which rule words the sentence has, as a bitmap over word ids (*bits),
 * and each item's word id (*wid): one lookup per token.  Both NULL when
 * out of memory (then no rule is skipped and words are compared as text). */
typedef struct sentence_sig {
  uint64_t words; /* bit (id % 64) of each rule word present */
  uint32_t types; /* bit of each mention type present */
} sentence_sig;

static void read_words(const vitae_rule_set *rs, const vitae_item *items, size_t n, const char *text,
                       const vitae_token *tok, uint8_t **bits, int32_t **wid, sentence_sig *sig) {
  sig->words = 0;
  sig->types = 0;
  *wid = malloc((n ? n : 1) * sizeof **wid);
  *bits = calloc(rs->nwords / 8 + 1, 1);
  if (!*wid || !*bits) {
    free(*wid);
    free(*bits);
    *wid = NULL;
    *bits = NULL;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    (*wid)[i] = WID_NONE;
    if (items[i].type != VITAE_ITEM_TOKEN) {
      sig->types |= 1u << items[i].type;
      continue;
    }
    const vitae_token *t = &tok[items[i].tok];
    char w[64];
    size_t len = t->end - t->begin;
    int plain = len < sizeof w;
    for (size_t k = 0; plain && k < len; k++) {
      char c = text[t->begin + k];
      w[k] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
      if (!c) plain = 0; /* a NUL would end the word early */
    }
    int64_t id = WID_NONE;
    if (plain)
      id = vitae_strmap_get_hashed(&rs->words, w, len, vitae_strmap_hash(VITAE_STRMAP_HASH_INIT, w, len), WID_NONE);
    if (items[i].ntok == 1) (*wid)[i] = plain ? (int32_t)id : WID_UNKNOWN;
    /* the bitmap counts a possessive as "'s" whatever its apostrophe */
    if (t->flags & VITAE_TOKF_POSS) id = W_POSS;
    if (id >= 0) (*bits)[id / 8] |= (uint8_t)(1u << (id % 8));
    if (id >= 0) sig->words |= 1ull << (id % 64);
  }
}

static int applicable(const rule *r, const uint8_t *bits, const sentence_sig *sig) {
  if (r->need_bits & ~sig->words) return 0;
  for (size_t k = 0; k < r->nneed_types; k++)
    if (!(r->need_types[k] & sig->types)) return 0;
  for (size_t k = 0; k < r->nneed; k++) {
    int any = 0;
    for (size_t a = 0; a < r->nneed_alts[k] && !any; a++)
      any = (bits[r->need[k][a] / 8] >> (r->need[k][a] % 8)) & 1;
    if (!any) return 0;
  }
  return 1;
}

/* The first rule from r on that cand selects, or SIZE_MAX. */
static size_t next_rule(const uint64_t *cand, size_t nmask, size_t r) {
  for (size_t w = r / 64; w < nmask; w++) {
    uint64_t m = w == r / 64 ? cand[w] & (~0ull << (r % 64)) : cand[w];
    if (m) return w * 64 + (size_t)__builtin_ctzll(m);
  }
  return SIZE_MAX;
}

void vitae_rules_apply(const vitae_rule_set *rs, const vitae_item *items, size_t n,
                       const char *text, const vitae_token *tok, vitae_rule_match_fn fn,
                       void *ctx) {
  uint8_t *bits;
  int32_t *wid;
  sentence_sig sig;
  read_words(rs, items, n, text, tok, &bits, &wid, &sig);
  /* the rules the sentence's words and mentions select (all of them when
   * there was no memory for the words, or too many rules for the stack) */
  uint64_t cand[16];
  int all = !bits || rs->nmask > sizeof cand / sizeof cand[0];
  for (size_t w = 0; !all && w < rs->nmask; w++) {
    uint64_t m = rs->index[ROW_ALWAYS * rs->nmask + w];
    for (uint64_t b = sig.words; b; b &= b - 1) m |= rs->index[(size_t)__builtin_ctzll(b) * rs->nmask + w];
    for (uint32_t t = sig.types; t; t &= t - 1) m |= rs->index[(ROW_TYPES + (size_t)__builtin_ctz(t)) * rs->nmask + w];
    cand[w] = m;
  }
  for (size_t r = all ? 0 : next_rule(cand, rs->nmask, 0); r < rs->n;
       r = all ? r + 1 : next_rule(cand, rs->nmask, r + 1)) {
    if (bits && !applicable(&rs->rules[r], bits, &sig)) continue;
    matcher mt = {&rs->rules[r], items, n, text, tok, wid, {0}, 0};
    int anchored = rs->rules[r].el[0].kind == EL_START;
    const element *first = &rs->rules[r].el[0];
    for (size_t i = 0; i < (anchored ? 1 : n); i++) {
      /* a rule that starts with a required mention starts only at one */
      if (first->kind == EL_MENTION && !first->optional &&
          !(first->types & (1u << items[i].type)) &&
          !(i + 1 < n && items[i].type == VITAE_ITEM_TOKEN && (first->types & (1u << items[i + 1].type))))
        continue;
      for (int s = 0; s < VITAE_SLOTS; s++) mt.m.slot[s] = -1;
      mt.m.relation = rs->rules[r].relation;
      mt.m.flags = rs->rules[r].flags;
      mt.m.line = rs->rules[r].line;
      mt.m.first = i;
      if (match_from(&mt, 0, i)) fn(ctx, &mt.m);
      if (mt.steps > STEP_LIMIT) break;
    }
  }
  free(bits);
  free(wid);
}
