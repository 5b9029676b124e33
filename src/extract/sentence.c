/* Paragraph, heading and sentence splitting; the rules are documented in
 * sentence.h.  One pass over the lines, and one pass (plus one backward
 * pass for bracket matching) over each paragraph: linear time, no
 * recursion, memory proportional to the number of spans found. */
#include "extract/sentence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Abbreviations longer than this are not looked up (and the backward scan
 * for the word before a period never goes further). */
#define ABBREV_MAX 64
#define CITATION_MAX 40

/* ---------- abbreviation table: a small open-addressing hash set ---------- */

struct vitae_sentence_abbrevs {
  char **slots; /* NUL-terminated entries, or NULL */
  size_t cap;   /* a power of two */
  size_t count;
};

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

static size_t find_slot(char **slots, size_t cap, const char *s, size_t n) {
  size_t i = (size_t)hash_bytes(s, n) & (cap - 1);
  while (slots[i] && !(strlen(slots[i]) == n && memcmp(slots[i], s, n) == 0))
    i = (i + 1) & (cap - 1);
  return i;
}

static vitae_status abbrevs_grow(vitae_sentence_abbrevs *a) {
  size_t cap = a->cap ? a->cap * 2 : 64;
  char **slots = calloc(cap, sizeof *slots);
  if (!slots) return VITAE_ERR_NOMEM;
  for (size_t i = 0; i < a->cap; i++)
    if (a->slots[i]) slots[find_slot(slots, cap, a->slots[i], strlen(a->slots[i]))] = a->slots[i];
  free(a->slots);
  a->slots = slots;
  a->cap = cap;
  return VITAE_OK;
}

vitae_status vitae_sentence_abbrevs_add(vitae_sentence_abbrevs *a, const char *s, size_t len) {
  if (!a || (!s && len)) return VITAE_ERR_USAGE;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
  if (!len || len >= ABBREV_MAX) return len ? VITAE_ERR_USAGE : VITAE_OK;
  int dot = s[len - 1] != '.';
  if ((a->count + 1) * 2 > a->cap && abbrevs_grow(a) != VITAE_OK) return VITAE_ERR_NOMEM;
  char *copy = malloc(len + 2);
  if (!copy) return VITAE_ERR_NOMEM;
  memcpy(copy, s, len);
  if (dot) copy[len++] = '.';
  copy[len] = '\0';
  size_t i = find_slot(a->slots, a->cap, copy, len);
  if (a->slots[i]) {
    free(copy);
    return VITAE_OK;
  }
  a->slots[i] = copy;
  a->count++;
  return VITAE_OK;
}

vitae_status vitae_sentence_abbrevs_new(const char *const *list, size_t n,
                                        vitae_sentence_abbrevs **out) {
  if (!out) return VITAE_ERR_USAGE;
  *out = NULL;
  vitae_sentence_abbrevs *a = calloc(1, sizeof *a);
  if (!a || abbrevs_grow(a) != VITAE_OK) {
    vitae_sentence_abbrevs_free(a);
    return VITAE_ERR_NOMEM;
  }
  for (size_t i = 0; list && i < n; i++) {
    if (!list[i]) continue;
    vitae_status st = vitae_sentence_abbrevs_add(a, list[i], strlen(list[i]));
    if (st == VITAE_ERR_NOMEM) {
      vitae_sentence_abbrevs_free(a);
      return st;
    }
  }
  *out = a;
  return VITAE_OK;
}

int vitae_sentence_abbrevs_contains(const vitae_sentence_abbrevs *a, const char *s, size_t len) {
  if (!a || !a->cap || !len || len >= ABBREV_MAX) return 0;
  return a->slots[find_slot(a->slots, a->cap, s, len)] != NULL;
}

void vitae_sentence_abbrevs_free(vitae_sentence_abbrevs *a) {
  if (!a) return;
  for (size_t i = 0; i < a->cap; i++) free(a->slots[i]);
  free(a->slots);
  free(a);
}

/* ---------- character classes ---------- */

/* Byte length of a whitespace character at s[i] (i < n), or 0. */
static size_t space_at(const char *s, size_t i, size_t n) {
  unsigned char b = (unsigned char)s[i];
  if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f') return 1;
  if (b < 0xC2 || i + 1 >= n) return 0;
  unsigned char c = (unsigned char)s[i + 1];
  if (b == 0xC2) return c == 0xA0 ? 2 : 0; /* NO-BREAK SPACE */
  if (i + 2 >= n) return 0;
  unsigned char d = (unsigned char)s[i + 2];
  if (b == 0xE2 && c == 0x80 && (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF)) return 3;
  if (b == 0xE2 && c == 0x81 && d == 0x9F) return 3;      /* U+205F */
  if (b == 0xE3 && c == 0x80 && d == 0x80) return 3;      /* U+3000 */
  if (b == 0xE1 && c == 0x9A && d == 0x80) return 3;      /* U+1680 */
  return 0;
}

/* Byte length of a whitespace character ending just before s[i], or 0. */
static size_t space_before(const char *s, size_t i, size_t lo) {
  for (size_t k = 1; k <= 3 && k <= i - lo; k++)
    if (space_at(s, i - k, i) == k) return k;
  return 0;
}

static void trim(const char *s, size_t *b, size_t *e) {
  size_t k;
  while (*b < *e && (k = space_at(s, *b, *e)) != 0) *b += k;
  while (*e > *b && (k = space_before(s, *e, *b)) != 0) *e -= k;
}

static utf8proc_category_t category_at(const char *s, size_t i, size_t n, size_t *len) {
  int32_t cp;
  size_t k = vitae_text_decode(s + i, n - i, &cp);
  if (len) *len = k;
  return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

static int is_letter_cat(utf8proc_category_t c) {
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Closing quotes that may follow a sentence's final punctuation. */
static size_t closing_quote_at(const char *s, size_t i, size_t n) {
  if (s[i] == '"' || s[i] == '\'') return 1;
  if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
      ((unsigned char)s[i + 2] == 0x9D || (unsigned char)s[i + 2] == 0x99))
    return 3; /* ” ’ */
  if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xBB) return 2; /* » */
  return 0;
}

/* Opening quotes and brackets that may start a sentence (or a heading). */
static size_t opening_at(const char *s, size_t i, size_t n) {
  if (s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == '[') return 1;
  if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
      ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x98))
    return 3; /* “ ‘ */
  if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xAB) return 2; /* « */
  return 0;
}

/* ---------- citations ---------- */

/* Length of a citation mark at s[i] ("[12]"), or 0. */
static size_t citation_at(const char *s, size_t i, size_t n) {
  if (s[i] != '[') return 0;
  size_t k = i + 1;
  while (k < n && k - i <= CITATION_MAX &&
         ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') || s[k] == ' '))
    k++;
  if (k == i + 1 || k >= n || s[k] != ']' || k - i > CITATION_MAX) return 0;
  return k + 1 - i;
}

size_t vitae_sentence_citations(const char *s, size_t len, vitae_sentence_span *out, size_t max) {
  size_t count = 0;
  for (size_t i = 0; s && i < len;) {
    size_t k = citation_at(s, i, len);
    if (!k) {
      i++;
      continue;
    }
    if (out && count < max) {
      out[count].begin = i;
      out[count].end = i + k;
    }
    count++;
    i += k;
  }
  return count;
}

/* ---------- the result ---------- */

struct vitae_sentences {
  vitae_sentence *sent;
  size_t nsent, capsent;
  vitae_heading *head;
  size_t nhead, caphead;
  vitae_sentence_span *para;
  size_t npara, cappara;
};

/* Makes room for one more element in *arr (element size size). */
static int grow(void **arr, size_t *cap, size_t count, size_t size) {
  if (count < *cap) return 1;
  size_t ncap = *cap ? *cap * 2 : 16;
  if (ncap > ((size_t)-1) / size) return 0;
  void *p = realloc(*arr, ncap * size);
  if (!p) return 0;
  *arr = p;
  *cap = ncap;
  return 1;
}

size_t vitae_sentences_count(const vitae_sentences *s) { return s ? s->nsent : 0; }
const vitae_sentence *vitae_sentences_get(const vitae_sentences *s, size_t i) {
  return s && i < s->nsent ? &s->sent[i] : NULL;
}
size_t vitae_sentences_heading_count(const vitae_sentences *s) { return s ? s->nhead : 0; }
const vitae_heading *vitae_sentences_heading(const vitae_sentences *s, size_t h) {
  return s && h < s->nhead ? &s->head[h] : NULL;
}
size_t vitae_sentences_paragraph_count(const vitae_sentences *s) { return s ? s->npara : 0; }
const vitae_sentence_span *vitae_sentences_paragraph(const vitae_sentences *s, size_t p) {
  return s && p < s->npara ? &s->para[p] : NULL;
}

void vitae_sentences_free(vitae_sentences *s) {
  if (!s) return;
  free(s->sent);
  free(s->head);
  free(s->para);
  free(s);
}

/* ---------- the splitter ---------- */

typedef struct {
  size_t *pos; /* positions of matched openers, ascending */
  size_t n, cap, cursor;
  int depth;
} brackets;

typedef struct {
  const char *s;
  size_t n;
  const vitae_sentence_abbrevs *abbrevs;
  vitae_sentences *out;
  long heading; /* current heading index, -1 before any */
  int nomem;
  brackets paren, square;
} splitter;

/* Finds which openers in s[b, e) have a matching closer: scanning backwards,
 * an opener is matched when a closer is pending.  Linear, no recursion. */
static void match_brackets(splitter *sp, brackets *br, size_t b, size_t e, char open,
                           char close) {
  size_t pending = 0;
  br->n = br->cursor = 0;
  br->depth = 0;
  if (e <= b || !memchr(sp->s + b, open, e - b)) return; /* (no pair without an opening one) */
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  const uint64_t o8 = ones * (unsigned char)open, c8 = ones * (unsigned char)close;
  for (size_t i = e; i > b; i--) {
    /* eight bytes at a time while they hold neither bracket */
    while (i >= b + 8) {
      uint64_t w;
      memcpy(&w, sp->s + i - 8, 8);
      uint64_t x = w ^ o8, y = w ^ c8;
      if (((x - ones) & ~x & high) || ((y - ones) & ~y & high)) break;
      i -= 8;
    }
    if (i == b) break;
    char c = sp->s[i - 1];
    if (c == close) pending++;
    else if (c == open && pending) {
      pending--;
      if (!grow((void **)&br->pos, &br->cap, br->n, sizeof *br->pos)) {
        sp->nomem = 1;
        return;
      }
      br->pos[br->n++] = i - 1;
    }
  }
  for (size_t i = 0; i < br->n / 2; i++) {
    size_t t = br->pos[i];
    br->pos[i] = br->pos[br->n - 1 - i];
    br->pos[br->n - 1 - i] = t;
  }
}

static void bracket_open(brackets *br, size_t i) {
  while (br->cursor < br->n && br->pos[br->cursor] < i) br->cursor++;
  if (br->cursor < br->n && br->pos[br->cursor] == i) {
    br->depth++;
    br->cursor++;
  }
}

static void emit_sentence(splitter *sp, size_t b, size_t e) {
  trim(sp->s, &b, &e);
  if (b >= e) return;
  vitae_sentences *o = sp->out;
  if (!grow((void **)&o->sent, &o->capsent, o->nsent, sizeof *o->sent)) {
    sp->nomem = 1;
    return;
  }
  vitae_sentence *x = &o->sent[o->nsent++];
  x->begin = b;
  x->end = e;
  x->paragraph = o->npara - 1;
  x->heading = sp->heading;
}

/* Words that start sentences and almost never follow an abbreviation
 * inside one: pronouns, articles, common sentence-initial prepositions and
 * adverbs.  See sentence.h for why this settles "the U.S. He ...". */
static const char *const starters[] = {
    "A", "According", "After", "Afterwards", "Also", "Although", "An", "As", "At", "Before",
    "But", "By", "Despite", "During", "Following", "For", "From", "He", "Her", "His", "However",
    "In", "It", "Its", "Later", "Meanwhile", "On", "Once", "She", "Shortly", "Since",
    "Subsequently", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus",
    "Today", "Under", "Upon", "We", "When", "While", "With"};

static int starter_word(const char *s, size_t i, size_t n) {
  size_t k = i;
  while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) k++;
  /* "A" in "J. A. Smith" is an initial, not the article; a word running on
   * into non-ASCII letters is a different word. */
  if (k < n && ((unsigned char)s[k] >= 0x80 || s[k] == '.')) return 0;
  for (size_t j = 0; j < sizeof starters / sizeof *starters; j++)
    if (strlen(starters[j]) == k - i && memcmp(starters[j], s + i, k - i) == 0) return 1;
  return 0;
}

/* Can a sentence start at s[i]? Uppercase or caseless letter, digit,
 * opening quote or bracket. */
static int sentence_start(const char *s, size_t i, size_t n) {
  if (s[i] >= '0' && s[i] <= '9') return 1;
  if (opening_at(s, i, n)) return 1;
  utf8proc_category_t c = category_at(s, i, n, NULL);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LO;
}

/* Is tok[0, n) (ending in '.') a run of single letters each followed by a
 * period ("U.S.", "p.m.", "F.")?  A lone letter must be uppercase. */
static int dotted_letters(const char *tok, size_t n) {
  size_t i = 0, letters = 0;
  int upper = 0;
  while (i < n) {
    size_t k;
    utf8proc_category_t c = category_at(tok, i, n, &k);
    if (!is_letter_cat(c) || i + k >= n || tok[i + k] != '.') return 0;
    upper = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
    letters++;
    i += k + 1;
  }
  return letters >= 2 || (letters == 1 && upper);
}

/* Is the word ending with the period at s[dot] an abbreviation or initial? */
static int abbreviation_before(const splitter *sp, size_t lo, size_t dot) {
  size_t b = dot;
  while (b > lo && !space_before(sp->s, b, lo)) {
    if (dot - b >= ABBREV_MAX) return 0;
    b--;
  }
  while (b < dot) { /* drop opening brackets and quotes */
    size_t k = opening_at(sp->s, b, dot);
    if (!k) break;
    b += k;
  }
  size_t n = dot + 1 - b;
  if (n < 2) return 0;
  return vitae_sentence_abbrevs_contains(sp->abbrevs, sp->s + b, n) ||
         dotted_letters(sp->s + b, n);
}

/* Skips what may follow final punctuation inside the same sentence:
 * closing brackets and quotes, and citation marks.  Updates the depths. */
static size_t skip_closers(splitter *sp, size_t k, size_t e, int *dp, int *ds) {
  for (;;) {
    if (k >= e) return k;
    size_t q;
    if (sp->s[k] == ')') {
      if (*dp > 0) (*dp)--;
      k++;
    } else if (sp->s[k] == ']') {
      if (*ds > 0) (*ds)--;
      k++;
    } else if ((q = closing_quote_at(sp->s, k, e)) != 0 || (q = citation_at(sp->s, k, e)) != 0) {
      k += q;
    } else {
      return k;
    }
  }
}

/* At final punctuation s[i]: decides whether the sentence ends, emits it if
 * so, and returns where scanning goes on. */
static size_t terminator(splitter *sp, size_t i, size_t e, size_t *sent_b) {
  const char *s = sp->s;
  size_t j = i;
  int periods = 1;
  while (j < e && (s[j] == '.' || s[j] == '!' || s[j] == '?')) periods &= s[j++] == '.';
  if (periods && j - i >= 2) return j; /* ellipsis */
  int dp = sp->paren.depth, ds = sp->square.depth;
  size_t k = skip_closers(sp, j, e, &dp, &ds);
  if (dp > 0 || ds > 0 || k >= e || !space_at(s, k, e)) return j;
  size_t next = k, w;
  while (next < e && (w = space_at(s, next, e)) != 0) next += w;
  if (next >= e || !sentence_start(s, next, e)) return j;
  if (s[i] == '.' && j - i == 1 && abbreviation_before(sp, *sent_b, i) &&
      !starter_word(s, next, e))
    return j;
  emit_sentence(sp, *sent_b, k);
  sp->paren.depth = dp;
  sp->square.depth = ds;
  *sent_b = next;
  return next;
}

static void split_paragraph(splitter *sp, size_t b, size_t e) {
  match_brackets(sp, &sp->paren, b, e, '(', ')');
  match_brackets(sp, &sp->square, b, e, '[', ']');
  /* the bytes the loop acts on: most bytes end nothing and open nothing */
  static const unsigned char acts[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, ['('] = 1,
                                          ['['] = 1, [')'] = 1, [']'] = 1};
  size_t sent_b = b, i = b;
  while (i < e && !sp->nomem) {
    while (i < e && !acts[(unsigned char)sp->s[i]]) i++;
    if (i == e) break;
    char c = sp->s[i];
    if (c == '.' || c == '!' || c == '?') {
      i = terminator(sp, i, e, &sent_b);
      continue;
    }
    if (c == '(') bracket_open(&sp->paren, i);
    else if (c == '[') bracket_open(&sp->square, i);
    else if (c == ')' && sp->paren.depth > 0) sp->paren.depth--;
    else if (c == ']' && sp->square.depth > 0) sp->square.depth--;
    i++;
  }
  emit_sentence(sp, sent_b, e);
}

/* ---------- paragraphs and headings ---------- */

/* Start of a citation mark ending just before s[e], or e if none. */
static size_t citation_before(const char *s, size_t b, size_t e) {
  if (e == b || s[e - 1] != ']') return e;
  for (size_t i = e - 1; i > b && e - i <= CITATION_MAX + 2; i--)
    if (s[i - 1] == '[') return citation_at(s, i - 1, e) == e - (i - 1) ? i - 1 : e;
  return e;
}

static int sentence_punct_end(const char *s, size_t b, size_t e) {
  size_t cb;
  while (e > b) { /* look through citations, closing brackets and quotes */
    if ((cb = citation_before(s, b, e)) < e) e = cb;
    else if (s[e - 1] == ')' || s[e - 1] == ']') e--;
    else if (e - b >= 3 && closing_quote_at(s, e - 3, e) == 3) e -= 3;
    else if (e - b >= 2 && closing_quote_at(s, e - 2, e) == 2) e -= 2;
    else if (closing_quote_at(s, e - 1, e) == 1) e--;
    else break;
  }
  if (e == b) return 0;
  char c = s[e - 1];
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',') return 1;
  return e - b >= 3 && memcmp(s + e - 3, "\xE2\x80\xA6", 3) == 0; /* … */
}

static int heading_shaped(const char *s, size_t b, size_t e) {
  if (e - b > VITAE_HEADING_MAX_BYTES || sentence_punct_end(s, b, e)) return 0;
  size_t words = 0, w;
  int in_word = 0;
  for (size_t i = b; i < e; i += w ? w : 1) {
    w = space_at(s, i, e);
    if (!w && !in_word) words++;
    in_word = !w;
  }
  if (words > VITAE_HEADING_MAX_WORDS) return 0;
  if (s[b] >= '0' && s[b] <= '9') return 1;
  if (s[b] == '(' || closing_quote_at(s, b, e) || opening_at(s, b, e) > 1) return 1;
  utf8proc_category_t c = category_at(s, b, e, NULL);
  return is_letter_cat(c) && c != UTF8PROC_CATEGORY_LL;
}

static int starts_lowercase(const char *s, size_t i, size_t n) {
  return category_at(s, i, n, NULL) == UTF8PROC_CATEGORY_LL;
}

static void close_paragraph(splitter *sp, size_t b, size_t e, size_t lines) {
  vitae_sentences *o = sp->out;
  if (!grow((void **)&o->para, &o->cappara, o->npara, sizeof *o->para)) {
    sp->nomem = 1;
    return;
  }
  o->para[o->npara].begin = b;
  o->para[o->npara++].end = e;
  if (lines != 1 || !heading_shaped(sp->s, b, e)) {
    split_paragraph(sp, b, e);
    return;
  }
  if (!grow((void **)&o->head, &o->caphead, o->nhead, sizeof *o->head)) {
    sp->nomem = 1;
    return;
  }
  vitae_heading *h = &o->head[o->nhead];
  h->begin = b;
  h->end = e;
  h->paragraph = o->npara - 1;
  h->level = o->npara == 1 ? 0 : 1; /* the first paragraph is the title */
  sp->heading = (long)o->nhead++;
}

static void split_lines(splitter *sp) {
  size_t pos = 0, pb = 0, pe = 0, lines = 0;
  while (pos < sp->n && !sp->nomem) {
    const char *nl = memchr(sp->s + pos, '\n', sp->n - pos);
    size_t le = nl ? (size_t)(nl - sp->s) : sp->n;
    size_t lb = pos;
    trim(sp->s, &lb, &le);
    if (lb == le) { /* a blank line ends the paragraph */
      if (lines) close_paragraph(sp, pb, pe, lines);
      lines = 0;
    } else if (lines && starts_lowercase(sp->s, lb, le)) {
      pe = le; /* a hard-wrapped continuation */
      lines++;
    } else {
      if (lines) close_paragraph(sp, pb, pe, lines);
      pb = lb;
      pe = le;
      lines = 1;
    }
    pos = nl ? (size_t)(nl - sp->s) + 1 : sp->n;
  }
  if (lines && !sp->nomem) close_paragraph(sp, pb, pe, lines);
}

vitae_status vitae_sentence_split(const vitae_text *text, const vitae_sentence_abbrevs *abbrevs,
                                  vitae_sentences **out, vitae_error *err) {
  if (!out || !text) return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "no text to split");
  *out = NULL;
  splitter sp;
  memset(&sp, 0, sizeof sp);
  sp.s = vitae_text_data(text);
  sp.n = vitae_text_size(text);
  sp.abbrevs = abbrevs;
  sp.heading = -1;
  sp.out = calloc(1, sizeof *sp.out);
  if (sp.out) split_lines(&sp);
  free(sp.paren.pos);
  free(sp.square.pos);
  if (!sp.out || sp.nomem) {
    vitae_sentences_free(sp.out);
    return vitae_error_set(err, VITAE_ERR_NOMEM, vitae_text_name(text), 0, 0, "out of memory");
  }
  *out = sp.out;
  return VITAE_OK;
}
