/* Date parsing and finding; the rules are documented in date.h.
 *
 * The sentence is cut into tokens (words, numbers, month names, dashes,
 * punctuation) by a lexer that keeps a window of the next WINDOW tokens and
 * the two before it.  Each pattern looks at most a dozen tokens ahead, so
 * finding is linear in the sentence and needs no allocation. */
#include "extract/date.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/text.h"

/* ======================= dates ======================= */

int vitae_date_days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month != 2) return days[month - 1];
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return 28 + leap;
}

int vitae_date_valid(const vitae_date *d) {
  if (!d || d->year < 1 || d->year > 9999 || d->month < 0 || d->month > 12 || d->day < 0)
    return 0;
  if (d->day == 0) return 1;
  return d->month > 0 && d->day <= vitae_date_days_in_month(d->year, d->month);
}

size_t vitae_date_format(const vitae_date *d, char *buf, size_t n) {
  if (!buf || !n) return 0;
  buf[0] = '\0';
  if (!vitae_date_valid(d)) return 0;
  /* "%04d-%02d-%02d" by hand (a valid date's fields are in range): this
   * runs for every date written */
  char tmp[11];
  int y = d->year;
  size_t w = 4;
  tmp[0] = (char)('0' + y / 1000), tmp[1] = (char)('0' + y / 100 % 10);
  tmp[2] = (char)('0' + y / 10 % 10), tmp[3] = (char)('0' + y % 10);
  if (d->month) {
    tmp[4] = '-', tmp[5] = (char)('0' + d->month / 10), tmp[6] = (char)('0' + d->month % 10);
    w = 7;
  }
  if (d->month && d->day) {
    tmp[7] = '-', tmp[8] = (char)('0' + d->day / 10), tmp[9] = (char)('0' + d->day % 10);
    w = 10;
  }
  if (w >= n) return 0;
  memcpy(buf, tmp, w);
  buf[w] = '\0';
  return w;
}

const char *vitae_date_xsd_type(const vitae_date *d) {
  if (!vitae_date_valid(d)) return NULL;
  return d->day ? "date" : d->month ? "gYearMonth" : "gYear";
}

static int cmp_int(int a, int b) { return (a > b) - (a < b); }

int vitae_date_compare(const vitae_date *a, const vitae_date *b) {
  int c = cmp_int(a->year, b->year);
  if (!c) c = cmp_int(a->month, b->month);
  if (!c) c = cmp_int(a->day, b->day);
  return c;
}

const char *vitae_date_kind_name(vitae_date_kind kind) {
  switch (kind) {
  case VITAE_DATE_POINT: return "point";
  case VITAE_DATE_RANGE: return "range";
  case VITAE_DATE_SINCE: return "since";
  case VITAE_DATE_UNTIL: return "until";
  case VITAE_DATE_RELATIVE_MONTH: return "relative-month";
  case VITAE_DATE_RELATIVE: return "relative";
  }
  return "unknown";
}

/* ======================= month names ======================= */

typedef struct {
  char *name;
  size_t len;
  int number;
} month_name;

struct vitae_months {
  month_name *names;
  size_t n, cap;
  unsigned char first[256]; /* bytes some name starts with: most words start none */
  /* bit (second byte) of row (first byte): the first two bytes of some
   * name, all bits for a one-byte name; rules out "Minister", "After" */
  uint64_t pair[256][4];
};

vitae_status vitae_months_new(vitae_months **out) {
  if (!out) return VITAE_ERR_USAGE;
  *out = calloc(1, sizeof **out);
  return *out ? VITAE_OK : VITAE_ERR_NOMEM;
}

vitae_status vitae_months_add(vitae_months *m, int number, const char *name, size_t len) {
  if (!m || !name || !len || number < 1 || number > 12) return VITAE_ERR_USAGE;
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 32;
    month_name *p = realloc(m->names, cap * sizeof *p);
    if (!p) return VITAE_ERR_NOMEM;
    m->names = p;
    m->cap = cap;
  }
  char *copy = malloc(len + 1);
  if (!copy) return VITAE_ERR_NOMEM;
  memcpy(copy, name, len);
  copy[len] = '\0';
  m->names[m->n].name = copy;
  m->names[m->n].len = len;
  m->names[m->n++].number = number;
  unsigned char a = (unsigned char)name[0];
  m->first[a] = 1;
  if (len == 1)
    memset(m->pair[a], 0xFF, sizeof m->pair[a]);
  else
    m->pair[a][(unsigned char)name[1] >> 6] |= 1ull << ((unsigned char)name[1] & 63);
  return VITAE_OK;
}

vitae_status vitae_months_default(vitae_months **out) {
  static const char *const names[12] = {
      "January|Jan.",      "February|Feb.", "March|Mar.",    "April|Apr.",
      "May",               "June|Jun.",     "July|Jul.",     "August|Aug.",
      "September|Sept.|Sep.", "October|Oct.", "November|Nov.", "December|Dec."};
  vitae_status st = vitae_months_new(out);
  for (int i = 0; i < 12 && st == VITAE_OK; i++) {
    const char *p = names[i];
    while (st == VITAE_OK && *p) {
      size_t n = strcspn(p, "|");
      st = vitae_months_add(*out, i + 1, p, n);
      p += n + (p[n] == '|');
    }
  }
  if (st != VITAE_OK && out) {
    vitae_months_free(*out);
    *out = NULL;
  }
  return st;
}

void vitae_months_free(vitae_months *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n; i++) free(m->names[i].name);
  free(m->names);
  free(m);
}

/* Does a letter or digit start at s[i]?  (A word must not run on after a
 * month name: "Mayor" is not "May".) */
static int wordish_at(const char *s, size_t i, size_t n) {
  if (i >= n) return 0;
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  int32_t cp;
  vitae_text_decode(s + i, n - i, &cp);
  if (cp < 0) return 0;
  utf8proc_category_t cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND;
}

int vitae_months_match(const vitae_months *m, const char *s, size_t len, size_t *matched) {
  int best = 0;
  size_t best_len = 0;
  if (m && s && len &&
      (!m->first[(unsigned char)s[0]] ||
       (len >= 2 && !(m->pair[(unsigned char)s[0]][(unsigned char)s[1] >> 6] >> ((unsigned char)s[1] & 63) & 1)))) {
    if (matched) *matched = 0;
    return 0;
  }
  for (size_t i = 0; m && s && i < m->n; i++) {
    const month_name *e = &m->names[i];
    if (e->len > len || e->len <= best_len || e->name[0] != s[0] || memcmp(s, e->name, e->len) != 0) continue;
    if (e->name[e->len - 1] != '.' && wordish_at(s, e->len, len)) continue;
    best = e->number;
    best_len = e->len;
  }
  if (matched) *matched = best_len;
  return best;
}

/* ======================= lexer ======================= */

typedef enum { T_END, T_WORD, T_NUM, T_MONTH, T_DASH, T_COMMA, T_PERIOD, T_OTHER } tok_type;

enum {
  F_ORDINAL = 1,  /* "12th" */
  F_NOTPLAIN = 2, /* "$2019", "13.5", "2,000", "5km", "20%": neither a year nor a day */
  F_DECADE = 4,   /* "1990s", "1990's" */
  F_SPACED = 8,   /* whitespace precedes the token */
  F_ANCHOR = 16   /* a number, a month name or a unit word ("year"): see ANCHOR_REACH */
};

typedef struct {
  tok_type type;
  size_t b, e;
  int value;  /* T_NUM: the number (capped at 99999); T_MONTH: 1..12 */
  int digits; /* T_NUM: how many digits */
  int flags;
} tok;

#define WINDOW 24
#define RING 32 /* a power of two >= WINDOW */

/* Every date mention has a number, a month name or a word of unit_names
 * among its first ANCHOR_REACH tokens: a cue takes at most 2 tokens ("as
 * of", cue_at) and a modifier at most 3 ("the end of", modifier_at) before
 * the date phrase, which starts with a number or a month; a relative
 * expression names its unit by its 4th token ("later the same year",
 * relative_word).  So positions whose next ANCHOR_REACH tokens hold none
 * are passed over without trying the matchers, which was most of the
 * date finder's time.  test_date (test_find_skips_nothing) compares with
 * trying every token. */
#define ANCHOR_REACH 6

/* (unit_word's quick test knows their lengths, 3 to 7, and first letters) */
static const char *const unit_names[] = {"day",   "days",  "week",   "weeks",   "month",
                                         "months", "year", "years", "decade", "decades", NULL};


typedef struct {
  const char *s;
  size_t n, pos;
  const vitae_months *months;
  /* the window: a ring, token k places after the current one in
   * win[(head + k) % RING] (cheaper than moving the tokens along at every step) */
  tok win[RING];
  size_t head;
  tok hist[2];     /* hist[0] just before the current token, hist[1] before that */
  tok end;
} lexer;

static int ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static utf8proc_category_t cat_at(const char *s, size_t i, size_t n, size_t *len) {
  int32_t cp;
  size_t k = vitae_text_decode(s + i, n - i, &cp);
  if (len) *len = k;
  return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

/* Letters and combining marks make words. */
static size_t letter_len(const char *s, size_t i, size_t n) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) return (size_t)ascii_alpha(c);
  size_t k;
  utf8proc_category_t cat = cat_at(s, i, n, &k);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ? k : 0;
}

static size_t space_len(const char *s, size_t i, size_t n) {
  unsigned char c = (unsigned char)s[i];
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c < 0x80) return 0;
  size_t k;
  utf8proc_category_t cat = cat_at(s, i, n, &k);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
                 cat == UTF8PROC_CATEGORY_ZP
             ? k
             : 0;
}

/* Hyphen, hyphen-minus, figure/en/em dash, minus sign. */
static size_t dash_len(const char *s, size_t i, size_t n) {
  if (s[i] == '-') return 1;
  if (i + 2 >= n || (unsigned char)s[i] != 0xE2) return 0;
  unsigned char b = (unsigned char)s[i + 1], c = (unsigned char)s[i + 2];
  if (b == 0x80 && c >= 0x90 && c <= 0x94) return 3;
  return b == 0x88 && c == 0x92 ? 3 : 0;
}

/* Is the character ending just before s[i] a currency sign, '#' or '№'? */
static int money_before(const char *s, size_t i) {
  if (!i) return 0;
  if (s[i - 1] == '$' || s[i - 1] == '#') return 1;
  size_t b = i - 1;
  while (b > 0 && i - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
  int32_t cp;
  if (vitae_text_decode(s + b, i - b, &cp) != i - b || cp < 0) return 0;
  return cp == 0x2116 || utf8proc_category(cp) == UTF8PROC_CATEGORY_SC;
}

static int suffix_is(const char *s, size_t i, size_t n, const char *suf) {
  size_t k = strlen(suf);
  if (i + k > n) return 0;
  for (size_t j = 0; j < k; j++)
    if ((s[i + j] | 0x20) != suf[j]) return 0;
  return !wordish_at(s, i + k, n);
}

/* What follows the digits of a number: decimals, %, decades, ordinals. */
static size_t number_suffix(const char *s, size_t i, size_t n, tok *t) {
  if (i >= n) return i;
  char c = s[i];
  if (c == '%') t->flags |= F_NOTPLAIN;
  if ((c == '.' || c == ',' || c == ':') && i + 1 < n && ascii_digit((unsigned char)s[i + 1]))
    t->flags |= F_NOTPLAIN;
  int round = t->digits == 4 && t->value % 10 == 0;
  if (round && suffix_is(s, i, n, "s")) {
    t->flags |= F_DECADE;
    return i + 1;
  }
  if (round && suffix_is(s, i, n, "'s")) {
    t->flags |= F_DECADE;
    return i + 2;
  }
  if (suffix_is(s, i, n, "st") || suffix_is(s, i, n, "nd") || suffix_is(s, i, n, "rd") ||
      suffix_is(s, i, n, "th")) {
    t->flags |= F_ORDINAL;
    return i + 2;
  }
  size_t k;
  if (letter_len(s, i, n)) t->flags |= F_NOTPLAIN;
  while (i < n && (k = letter_len(s, i, n)) != 0) i += k;
  return i;
}

static void lex_number(lexer *L, size_t i, tok *t) {
  const char *s = L->s;
  long v = 0;
  t->type = T_NUM;
  while (i < L->n && ascii_digit((unsigned char)s[i])) {
    if (v < 100000) v = v * 10 + (s[i] - '0');
    t->digits++;
    i++;
  }
  t->value = v > 99999 ? 99999 : (int)v;
  size_t b = t->b;
  if (money_before(s, b) || (b > 0 && ascii_alpha((unsigned char)s[b - 1])) ||
      (b > 1 && (s[b - 1] == '.' || s[b - 1] == ',') && ascii_digit((unsigned char)s[b - 2])))
    t->flags |= F_NOTPLAIN;
  t->e = number_suffix(s, i, L->n, t);
}

static void lex_word(lexer *L, size_t i, tok *t) {
  size_t ml, k;
  int month = vitae_months_match(L->months, L->s + i, L->n - i, &ml);
  if (month) {
    t->type = T_MONTH;
    t->value = month;
    t->e = i + ml;
    return;
  }
  t->type = T_WORD;
  for (;;) {
    while (i < L->n && ascii_alpha((unsigned char)L->s[i])) i++; /* (most words) */
    if (i >= L->n || (unsigned char)L->s[i] < 0x80 || (k = letter_len(L->s, i, L->n)) == 0) break;
    i += k;
  }
  t->e = i;
}

/* Whether s[0, n) is one of unit_names, ignoring ASCII case (as word_is). */
static int unit_word(const char *s, size_t n) {
  /* (their lengths and first letters rule out most words at once) */
  if (n < 3 || n > 7) return 0;
  char c = (char)(s[0] | 0x20);
  if (c != 'd' && c != 'w' && c != 'm' && c != 'y') return 0;
  for (int i = 0; unit_names[i]; i++) {
    const char *w = unit_names[i];
    size_t k = 0;
    while (k < n && w[k] && (s[k] | 0x20) == w[k]) k++;
    if (k == n && !w[k]) return 1;
  }
  return 0;
}

static void lex_one(lexer *L, tok *t) {
  memset(t, 0, sizeof *t);
  size_t k, i = L->pos;
  while (i < L->n && (k = space_len(L->s, i, L->n)) != 0) i += k;
  if (i > L->pos) t->flags |= F_SPACED;
  t->b = i;
  if (i >= L->n) {
    t->type = T_END;
    t->e = L->pos = L->n;
    return;
  }
  unsigned char c = (unsigned char)L->s[i];
  if (ascii_digit(c)) lex_number(L, i, t);
  else if (letter_len(L->s, i, L->n)) lex_word(L, i, t);
  else if ((k = dash_len(L->s, i, L->n)) != 0) { t->type = T_DASH; t->value = c == '-'; t->e = i + k; }
  else if (c == ',') { t->type = T_COMMA; t->e = i + 1; }
  else if (c == '.') { t->type = T_PERIOD; t->e = i + 1; }
  else {
    int32_t cp;
    t->type = T_OTHER;
    t->e = i + vitae_text_decode(L->s + i, L->n - i, &cp);
  }
  L->pos = t->e;
  if (t->type == T_NUM || t->type == T_MONTH || (t->type == T_WORD && unit_word(L->s + t->b, t->e - t->b)))
    t->flags |= F_ANCHOR;
}

static void lex_init(lexer *L, const char *s, size_t n, const vitae_months *months) {
  memset(L, 0, sizeof *L);
  L->s = s;
  L->n = n;
  L->months = months;
  L->end.type = T_END;
  L->end.b = L->end.e = n;
  L->hist[0] = L->hist[1] = L->end;
  L->hist[0].b = L->hist[0].e = L->hist[1].b = L->hist[1].e = 0;
  for (size_t k = 0; k < WINDOW; k++) lex_one(L, &L->win[k]);
}

static tok *slot(lexer *L, size_t k) { return &L->win[(L->head + k) % RING]; }

static void lex_advance(lexer *L, size_t m) {
  if (m > WINDOW) m = WINDOW;
  if (m == 0) return;
  L->hist[1] = m >= 2 ? *slot(L, m - 2) : L->hist[0];
  L->hist[0] = *slot(L, m - 1);
  L->head = (L->head + m) % RING;
  for (size_t k = WINDOW - m; k < WINDOW; k++) lex_one(L, slot(L, k));
}

/* The token k places after the current one (END beyond the window). */
static const tok *T(const lexer *L, size_t k) { return k < WINDOW ? &L->win[(L->head + k) % RING] : &L->end; }

/* The token `back` places before token k (END before the sentence). */
static const tok *before(const lexer *L, size_t k, size_t back) {
  if (back <= k) return T(L, k - back);
  size_t h = back - k - 1;
  return h < 2 ? &L->hist[h] : &L->end;
}

/* Case-insensitive (ASCII) comparison of a word token with w. */
/* Inlined: called millions of times, mostly with a literal whose length
 * the compiler knows, so most words are told apart by their length. */
__attribute__((always_inline)) static inline int word_is(const lexer *L, const tok *t, const char *w) {
  if (t->type != T_WORD) return 0;
  size_t n = t->e - t->b;
  if (n != strlen(w)) return 0;
  for (size_t i = 0; i < n; i++)
    if ((L->s[t->b + i] | 0x20) != w[i]) return 0;
  return 1;
}

/* Index + 1 of the first word of list (NULL-terminated) matching t, or 0. */
static int word_in(const lexer *L, const tok *t, const char *const *list) {
  if (t->type != T_WORD) return 0;
  const char *s = L->s + t->b;
  size_t n = t->e - t->b;
  char c = (char)(s[0] | 0x20); /* the first letter rules out most of the list */
  for (int i = 0; list[i]; i++) {
    const char *w = list[i];
    if (w[0] != c) continue;
    /* word_is without measuring w first */
    size_t k = 1;
    while (k < n && w[k] && (s[k] | 0x20) == w[k]) k++;
    if (k == n && !w[n]) return i + 1;
  }
  return 0;
}

/* ======================= what is a year, what is a day ======================= */

/* Count and measure words: a number right before one is a quantity. */
static const char *const unit_words[] = {
    "people", "persons", "residents", "inhabitants", "citizens", "votes", "voters", "seats",
    "members", "troops", "soldiers", "officers", "men", "women", "children", "students",
    "delegates", "deputies", "employees", "workers", "deaths", "casualties", "victims", "cases",
    "participants", "protesters", "refugees", "prisoners", "km", "kilometres", "kilometers",
    "miles", "metres", "meters", "m", "ft", "feet", "kg", "tonnes", "tons", "hectares", "acres",
    "dollars", "euros", "pounds", "rubles", "roubles", "tenge", "yuan", "yen", "usd", "eur",
    "times", "copies", "units", "signatures", "pages", "words", "hours", "minutes", "seconds",
    "days", "weeks", "months", "year", "years", "million", "billion", "thousand", "hundred", "percent",
    "per", "mw", "gw", "kw", "barrels", "cars", "vehicles", "aircraft", "ships", "companies",
    "schools", "jobs", "bc", "bce", NULL};

/* After these a year reading wins even before a unit word ("In 2000 people..."). */
static const char *const strong_cues[] = {"in", "since", "until", "till", "from", "during", NULL};

/* Labels followed by an identifying number, not a year. */
static const char *const label_words[] = {
    "flight", "no", "nos", "number", "route", "resolution", "article", "room", "page", "pages",
    "p", "pp", "model", "code", "volume", "vol", "chapter", "section", "item", "highway",
    "platform", "bus", "train", "track", "opus", "op", "serial", "channel", "episode", "art",
    "fig", "figure", "table", "form", "decree", "order", "law", "act", NULL};

/* Quantity nouns: "population of 1953", "a total of 2000". */
static const char *const quantity_nouns[] = {
    "population", "total", "crowd", "sum", "budget", "majority", "margin", "height",
    "altitude", "elevation", "area", "distance", "length", "depth", "capacity", "debt",
    "salary", "price", "cost", "fine", "score", "turnout", "income", "revenue", "output",
    "value", "number", "amount", "maximum", "minimum", "average", "estimate", "count", "peak",
    "force", "army", "staff", "membership", "circulation", "audience", NULL};

static int plain_number(const tok *t) {
  return t->type == T_NUM && !(t->flags & (F_NOTPLAIN | F_DECADE | F_ORDINAL));
}

static int is_year(const lexer *L, size_t k) {
  const tok *t = T(L, k);
  if (!plain_number(t) || t->digits != 4 || t->value < 1000 || t->value > 2100) return 0;
  const tok *p1 = before(L, k, 1), *p2 = before(L, k, 2);
  if (word_in(L, T(L, k + 1), unit_words) && !word_in(L, p1, strong_cues)) return 0;
  if (word_in(L, p1, label_words)) return 0;
  if (p1->type == T_PERIOD && word_in(L, p2, label_words)) return 0;
  if (word_is(L, p1, "of") && word_in(L, p2, quantity_nouns)) return 0;
  return 1;
}

static int is_day(const lexer *L, size_t k) {
  const tok *t = T(L, k);
  if (t->type != T_NUM || (t->flags & (F_NOTPLAIN | F_DECADE)) || t->digits > 2) return 0;
  if (t->value < 1 || t->value > 31) return 0;
  return !word_in(L, T(L, k + 1), unit_words);
}

/* Two tokens touching, as in "2019-06-12" or "mid-1990". */
static int adjacent(const tok *a, const tok *b) { return a->e == b->b; }

/* ======================= date phrases ======================= */

typedef struct {
  vitae_date d;
  size_t next;    /* the token after the phrase */
  int month_only; /* just a month name: needs a cue or a partner to count */
  int invalid;    /* well-formed but impossible ("31 June 2019") */
} phrase;

/* A day that does not exist in its month makes the phrase invalid; without
 * a year, 29 February is allowed (a leap year may be meant). */
static void check_day(phrase *p) {
  int dim = vitae_date_days_in_month(p->d.year ? p->d.year : 2000, p->d.month);
  if (p->d.day > dim) p->invalid = 1;
}

/* An optional [","] YEAR at j; sets the year and returns the next index. */
static size_t opt_year(const lexer *L, size_t j, vitae_date *d) {
  if (is_year(L, j)) {
    d->year = T(L, j)->value;
    return j + 1;
  }
  if (T(L, j)->type == T_COMMA && is_year(L, j + 1)) {
    d->year = T(L, j + 1)->value;
    return j + 2;
  }
  return j;
}

/* 2019-06-12 (ISO 8601, as written in some infoboxes). */
static int parse_iso(const lexer *L, size_t k, phrase *p) {
  const tok *y = T(L, k), *d1 = T(L, k + 1), *m = T(L, k + 2), *d2 = T(L, k + 3), *d = T(L, k + 4);
  if (!plain_number(y) || y->digits != 4 || d1->type != T_DASH || !d1->value ||
      m->type != T_NUM || m->digits != 2 || d2->type != T_DASH || !d2->value ||
      d->type != T_NUM || d->digits != 2 || !adjacent(y, d1) || !adjacent(d1, m) ||
      !adjacent(m, d2) || !adjacent(d2, d) || (d->flags & F_NOTPLAIN))
    return 0;
  p->d.year = y->value;
  p->d.month = m->value;
  p->d.day = d->value;
  p->next = k + 5;
  p->invalid = !vitae_date_valid(&p->d) || !p->d.month || !p->d.day || y->value < 1000;
  return 1;
}

/* DAY ["of"] MONTH [[","] YEAR]: "17 May 1953", "17th of May 1953". */
static int parse_day_first(const lexer *L, size_t k, phrase *p) {
  if (!is_day(L, k)) return 0;
  size_t j = k + 1;
  if (word_is(L, T(L, j), "of")) j++;
  if (T(L, j)->type != T_MONTH) return 0;
  p->d.day = T(L, k)->value;
  p->d.month = T(L, j)->value;
  p->next = opt_year(L, j + 1, &p->d);
  check_day(p);
  return 1;
}

/* MONTH [DAY] [[","|"of"] YEAR]: "May 17, 1953", "March 1992", "May". */
static int parse_month_first(const lexer *L, size_t k, phrase *p) {
  if (T(L, k)->type != T_MONTH) return 0;
  p->d.month = T(L, k)->value;
  size_t j = k + 1;
  if (is_day(L, j) && !is_year(L, j)) {
    p->d.day = T(L, j)->value;
    p->next = opt_year(L, j + 1, &p->d);
    check_day(p);
    return 1;
  }
  if (word_is(L, T(L, j), "of") && is_year(L, j + 1)) j++;
  p->next = opt_year(L, j, &p->d);
  if (p->next == j) p->next = k + 1;
  p->month_only = p->d.year == 0;
  return 1;
}

static int parse_phrase(const lexer *L, size_t k, phrase *p) {
  memset(p, 0, sizeof *p);
  if (parse_iso(L, k, p) || parse_day_first(L, k, p) || parse_month_first(L, k, p)) return 1;
  if (!is_year(L, k)) return 0;
  p->d.year = T(L, k)->value;
  p->next = k + 1;
  return 1;
}

/* ======================= cues, modifiers, separators ======================= */

typedef enum { CUE_NONE, CUE_POINT, CUE_FROM, CUE_SINCE, CUE_UNTIL, CUE_BETWEEN } cue;

static size_t cue_at(const lexer *L, size_t k, cue *c) {
  static const char *const point[] = {"in", "on", "during", "at", NULL};
  static const char *const until[] = {"until", "till", "til", "through", NULL};
  const tok *t = T(L, k);
  *c = CUE_NONE;
  if (word_in(L, t, point)) *c = CUE_POINT;
  else if (word_is(L, t, "from")) *c = CUE_FROM;
  else if (word_is(L, t, "since")) *c = CUE_SINCE;
  else if (word_in(L, t, until)) *c = CUE_UNTIL;
  else if (word_is(L, t, "between")) *c = CUE_BETWEEN;
  else if (word_is(L, t, "as") && word_is(L, T(L, k + 1), "of")) { *c = CUE_POINT; return k + 2; }
  else if (word_is(L, t, "up") && (word_is(L, T(L, k + 1), "to") || word_is(L, T(L, k + 1), "until"))) {
    *c = CUE_UNTIL;
    return k + 2;
  }
  return *c == CUE_NONE ? k : k + 1;
}

/* "the end of", "the beginning of", ... ; returns the index after, or k. */
static size_t part_of(const lexer *L, size_t k, vitae_date_modifier *mod) {
  static const char *const parts[] = {"end", "beginning", "start", "middle", "spring", "summer",
                                      "autumn", "fall", "winter", NULL};
  static const vitae_date_modifier mods[] = {VITAE_DATE_MOD_LATE,   VITAE_DATE_MOD_EARLY,
                                             VITAE_DATE_MOD_EARLY,  VITAE_DATE_MOD_MID,
                                             VITAE_DATE_MOD_SPRING, VITAE_DATE_MOD_SUMMER,
                                             VITAE_DATE_MOD_AUTUMN, VITAE_DATE_MOD_AUTUMN,
                                             VITAE_DATE_MOD_WINTER};
  size_t j = k + (size_t)word_is(L, T(L, k), "the");
  int w = word_in(L, T(L, j), parts);
  if (!w) return k;
  *mod = mods[w - 1];
  j++;
  if (word_is(L, T(L, j), "of")) return j + 1;
  return w >= 5 ? j : k; /* "autumn 2020" needs no "of"; "end 2020" does */
}

static size_t modifier_at(const lexer *L, size_t k, vitae_date_modifier *mod) {
  static const char *const circa[] = {"circa", "around", "about", "approximately", NULL};
  const tok *t = T(L, k), *u = T(L, k + 1);
  *mod = VITAE_DATE_MOD_NONE;
  if (word_is(L, t, "early")) { *mod = VITAE_DATE_MOD_EARLY; return k + 1; }
  if (word_is(L, t, "late")) { *mod = VITAE_DATE_MOD_LATE; return k + 1; }
  if (word_is(L, t, "mid")) { *mod = VITAE_DATE_MOD_MID; return k + 1 + (u->type == T_DASH); }
  if (word_in(L, t, circa)) { *mod = VITAE_DATE_MOD_CIRCA; return k + 1; }
  if ((word_is(L, t, "c") || word_is(L, t, "ca")) && u->type == T_PERIOD) {
    *mod = VITAE_DATE_MOD_CIRCA;
    return k + 2;
  }
  if (word_is(L, t, "before")) { *mod = VITAE_DATE_MOD_BEFORE; return k + 1; }
  if (word_is(L, t, "after")) { *mod = VITAE_DATE_MOD_AFTER; return k + 1; }
  if (word_is(L, t, "by")) { *mod = VITAE_DATE_MOD_BY; return k + 1; }
  if (word_is(L, t, "pre") && u->type == T_DASH) { *mod = VITAE_DATE_MOD_BEFORE; return k + 2; }
  if (word_is(L, t, "post") && u->type == T_DASH) { *mod = VITAE_DATE_MOD_AFTER; return k + 2; }
  return part_of(L, k, mod);
}

/* A range separator at j: a dash, to/until/till/through, or "and" after
 * "between".  Returns its length in tokens. */
static size_t separator_at(const lexer *L, size_t j, cue c) {
  static const char *const words[] = {"to", "until", "till", "through", "thru", NULL};
  const tok *t = T(L, j);
  if (t->type == T_DASH || word_in(L, t, words)) return 1;
  return c == CUE_BETWEEN && word_is(L, t, "and") ? 1 : 0;
}

/* ======================= relative expressions ======================= */

/* The unit named by token k, with the factor it brings (a decade = 10 years). */
static vitae_date_unit unit_at(const lexer *L, size_t k, int *factor) {
  static const vitae_date_unit units[] = {VITAE_DATE_UNIT_DAY,   VITAE_DATE_UNIT_WEEK,
                                          VITAE_DATE_UNIT_MONTH, VITAE_DATE_UNIT_YEAR,
                                          VITAE_DATE_UNIT_YEAR};
  int w = word_in(L, T(L, k), unit_names);
  *factor = w >= 9 ? 10 : 1;
  return w ? units[(w - 1) / 2] : VITAE_DATE_UNIT_NONE;
}

/* "a", "two", ..., "20": how many units; 0 if not a count. */
static int count_at(const lexer *L, size_t k) {
  static const char *const words[] = {"a", "an", "one", "two", "three", "four", "five", "six",
                                      "seven", "eight", "nine", "ten", "eleven", "twelve", NULL};
  const tok *t = T(L, k);
  if (plain_number(t) && t->digits <= 3) return t->value;
  int w = word_in(L, t, words);
  return w <= 2 ? (w ? 1 : 0) : w - 2;
}

/* [the] following|next|subsequent|previous|preceding|same UNIT, or
 * that UNIT, or later|earlier that|the same UNIT: returns the index after. */
static size_t relative_word(const lexer *L, size_t k, int *offset) {
  static const char *const rel[] = {"following", "next", "subsequent", "previous", "preceding",
                                    "same", NULL};
  static const int offsets[] = {1, 1, 1, -1, -1, 0};
  size_t j = k;
  if (word_is(L, T(L, j), "later") || word_is(L, T(L, j), "earlier")) {
    j++;
    if (word_is(L, T(L, j), "that")) { *offset = 0; return j + 1; }
    if (word_is(L, T(L, j), "the") && word_is(L, T(L, j + 1), "same")) { *offset = 0; return j + 2; }
    return k;
  }
  if (word_is(L, T(L, j), "that")) { /* "that year", "that same month" */
    *offset = 0;
    return j + 1 + (size_t)word_is(L, T(L, j + 1), "same");
  }
  j += (size_t)word_is(L, T(L, j), "the");
  int w = word_in(L, T(L, j), rel);
  if (!w) return k;
  *offset = offsets[w - 1];
  return j + 1;
}

static size_t finish_relative(const lexer *L, size_t k, size_t last, vitae_date_unit unit,
                              int offset, vitae_date_mention *m) {
  m->kind = VITAE_DATE_RELATIVE;
  m->begin = T(L, k)->b;
  m->end = T(L, last)->e;
  m->unit = unit;
  m->offset = offset;
  return last + 1;
}

static size_t match_relative(const lexer *L, vitae_date_mention *m) {
  int offset = 0, factor = 1;
  size_t j = relative_word(L, 0, &offset);
  vitae_date_unit unit;
  if (j > 0 && (unit = unit_at(L, j, &factor)) != VITAE_DATE_UNIT_NONE && factor == 1 &&
      !word_is(L, T(L, j), "days") && !word_is(L, T(L, j), "weeks") &&
      !word_is(L, T(L, j), "months") && !word_is(L, T(L, j), "years"))
    return finish_relative(L, 0, j, unit, offset, m);
  /* N UNITS later|earlier|afterwards */
  int n = count_at(L, 0);
  if (n > 0 && (unit = unit_at(L, 1, &factor)) != VITAE_DATE_UNIT_NONE) {
    static const char *const after[] = {"later", "afterwards", "afterward", NULL};
    if (word_in(L, T(L, 2), after)) return finish_relative(L, 0, 2, unit, n * factor, m);
    if (word_is(L, T(L, 2), "earlier")) return finish_relative(L, 0, 2, unit, -n * factor, m);
  }
  /* the UNIT after|before, at the end of a clause */
  if (word_is(L, T(L, 0), "the") && (unit = unit_at(L, 1, &factor)) != VITAE_DATE_UNIT_NONE &&
      factor == 1 && (word_is(L, T(L, 2), "after") || word_is(L, T(L, 2), "before"))) {
    tok_type next = T(L, 3)->type;
    if (next != T_WORD && next != T_NUM && next != T_MONTH)
      return finish_relative(L, 0, 2, unit, word_is(L, T(L, 2), "after") ? 1 : -1, m);
  }
  return 0;
}

/* After a month without a year: "of that year", "of the following year",
 * "that year"; returns the index after it (or j) and sets *offset. */
static size_t year_suffix(const lexer *L, size_t j, int *offset) {
  size_t k = j + (size_t)word_is(L, T(L, j), "of");
  if (word_is(L, T(L, k), "later") || word_is(L, T(L, k), "earlier")) return j;
  size_t e = relative_word(L, k, offset);
  if (e == k || !word_is(L, T(L, e), "year")) return j;
  return e + 1;
}

/* ======================= ranges ======================= */

/* Fills in a missing year from the other end ("March–June 2019",
 * "from March 1992 to June") and checks the order. */
static int fix_range(vitae_date *a, vitae_date *b) {
  if (!a->year && b->year) {
    a->year = b->year;
    if (a->month && b->month && (a->month > b->month || (a->month == b->month && a->day > b->day)))
      a->year--;
  } else if (a->year && !b->year) {
    if (!b->month) return 0;
    b->year = a->year;
    if (a->month && (b->month < a->month || (b->month == a->month && b->day < a->day))) b->year++;
  }
  if (a->day > vitae_date_days_in_month(a->year ? a->year : 2000, a->month)) return 0;
  if (b->day > vitae_date_days_in_month(b->year ? b->year : 2000, b->month)) return 0;
  return vitae_date_compare(a, b) < 0;
}

/* "12–13 June 2019" and "June 12–13, 2019". */
static size_t match_day_range(const lexer *L, size_t k, vitae_date *a, vitae_date *b) {
  size_t next;
  memset(a, 0, sizeof *a);
  if (is_day(L, k) && T(L, k + 1)->type == T_DASH && is_day(L, k + 2) &&
      T(L, k + 3)->type == T_MONTH) {
    a->day = T(L, k)->value;
    a->month = T(L, k + 3)->value;
    b->day = T(L, k + 2)->value;
    next = k + 4;
  } else if (T(L, k)->type == T_MONTH && is_day(L, k + 1) && T(L, k + 2)->type == T_DASH &&
             is_day(L, k + 3)) {
    a->month = T(L, k)->value;
    a->day = T(L, k + 1)->value;
    b->day = T(L, k + 3)->value;
    next = k + 4;
  } else {
    return 0;
  }
  next = opt_year(L, next, a);
  b->year = a->year;
  b->month = a->month;
  int dim = vitae_date_days_in_month(a->year ? a->year : 2000, a->month);
  return a->day < b->day && b->day <= dim ? next : 0;
}

/* A two-digit end year after a dash: "1994–99", "2019–20". */
static int short_year(const lexer *L, size_t j, const phrase *p, vitae_date *b) {
  const tok *d = T(L, j), *t = T(L, j + 1);
  if (d->type != T_DASH || !plain_number(t) || t->digits != 2 || p->d.month || !p->d.year)
    return 0;
  if (!adjacent(d, t) || wordish_at(L->s, t->e, L->n)) return 0;
  memset(b, 0, sizeof *b);
  b->year = p->d.year / 100 * 100 + t->value;
  return b->year > p->d.year;
}

/* ======================= the matcher ======================= */

typedef struct {
  cue cue;
  size_t start; /* token index where the mention starts */
  vitae_date_modifier mod;
  size_t k; /* the date phrase's first token */
} head;

static size_t emit(const lexer *L, const head *h, size_t last, vitae_date_mention *m) {
  m->begin = T(L, h->start)->b;
  m->end = T(L, last)->e;
  return last + 1;
}

static size_t finish_range(const lexer *L, const head *h, vitae_date a, vitae_date b,
                           vitae_date_modifier to_mod, size_t last, vitae_date_mention *m) {
  m->kind = VITAE_DATE_RANGE;
  m->from = a;
  m->to = b;
  m->from_mod = h->mod;
  m->to_mod = to_mod;
  return emit(L, h, last, m);
}

/* After the first date of a possible range, at token j. */
static size_t match_range(const lexer *L, const head *h, const phrase *p, size_t j,
                          vitae_date_mention *m) {
  static const char *const now[] = {"present", "now", "today", "date", NULL};
  size_t sep = separator_at(L, j, h->cue);
  if (!sep) return 0;
  if (word_in(L, T(L, j + 1), now) && (T(L, j)->type == T_DASH || word_is(L, T(L, j), "to"))) {
    m->kind = VITAE_DATE_SINCE;
    m->from = p->d;
    m->from_mod = h->mod;
    return emit(L, h, j + 1, m);
  }
  vitae_date b;
  if (short_year(L, j, p, &b)) return finish_range(L, h, p->d, b, VITAE_DATE_MOD_NONE, j + 1, m);
  vitae_date_modifier mod2;
  size_t k2 = modifier_at(L, j + sep, &mod2);
  phrase q;
  if (!parse_phrase(L, k2, &q) || q.invalid) return 0;
  vitae_date a = p->d;
  b = q.d;
  if (!fix_range(&a, &b)) return 0;
  return finish_range(L, h, a, b, mod2, q.next - 1, m);
}

static size_t match_single(const lexer *L, head *h, const phrase *p, vitae_date_mention *m) {
  size_t last = p->next - 1;
  m->from = p->d;
  m->from_mod = h->mod;
  if (!p->d.year) {
    size_t e = year_suffix(L, p->next, &m->offset);
    if (e > p->next) last = e - 1;
    else if (p->month_only && h->cue == CUE_NONE) return 0; /* "May" may be a name */
  }
  switch (h->cue) {
  case CUE_FROM:
  case CUE_SINCE: m->kind = VITAE_DATE_SINCE; break;
  case CUE_UNTIL:
    m->kind = VITAE_DATE_UNTIL;
    m->to = m->from;
    m->to_mod = m->from_mod;
    memset(&m->from, 0, sizeof m->from);
    m->from_mod = VITAE_DATE_MOD_NONE;
    break;
  case CUE_BETWEEN: h->start = h->k; /* "between" without "and": just the date */
  /* fall through */
  default: m->kind = p->d.year ? VITAE_DATE_POINT : VITAE_DATE_RELATIVE_MONTH;
  }
  return emit(L, h, last, m);
}

/* Returns the tokens used (0: nothing here); *found says whether m holds a
 * mention (an impossible date is used up without one). */
static size_t match_dated(const lexer *L, vitae_date_mention *m, int *found) {
  head h = {CUE_NONE, 0, VITAE_DATE_MOD_NONE, 0};
  size_t k = cue_at(L, 0, &h.cue);
  h.k = modifier_at(L, k, &h.mod);
  vitae_date a, b;
  size_t next = match_day_range(L, h.k, &a, &b);
  *found = 1;
  if (next) return finish_range(L, &h, a, b, VITAE_DATE_MOD_NONE, next - 1, m);
  phrase p;
  if (!parse_phrase(L, h.k, &p)) return 0;
  if (p.invalid) {
    *found = 0;
    return p.next;
  }
  size_t used = match_range(L, &h, &p, p.next, m);
  if (used) return used;
  if (h.cue == CUE_BETWEEN) h.start = h.k;
  memset(m, 0, sizeof *m);
  return match_single(L, &h, &p, m);
}

/* every: try the matchers at every token (for the tests), not only near
 * an anchor (ANCHOR_REACH). */
static size_t date_find(const char *sentence, size_t len, const vitae_months *months,
                        vitae_date_mention *out, size_t max, int every) {
  if (!sentence) return 0;
  lexer L;
  lex_init(&L, sentence, len, months);
  size_t count = 0;
  while (T(&L, 0)->type != T_END) {
    if (!every) {
      size_t a = 0;
      while (a < WINDOW && T(&L, a)->type != T_END && !(T(&L, a)->flags & F_ANCHOR)) a++;
      if (a >= ANCHOR_REACH) { /* no match can start at 0 .. a - ANCHOR_REACH */
        lex_advance(&L, a - ANCHOR_REACH + 1);
        continue;
      }
    }
    vitae_date_mention m;
    memset(&m, 0, sizeof m);
    int found = 1;
    size_t used = match_relative(&L, &m);
    if (!used) used = match_dated(&L, &m, &found);
    if (used && found) {
      if (out && count < max) out[count] = m;
      count++;
    }
    lex_advance(&L, used ? used : 1);
  }
  return count;
}

size_t vitae_date_find(const char *sentence, size_t len, const vitae_months *months,
                       vitae_date_mention *out, size_t max) {
  return date_find(sentence, len, months, out, max, 0);
}

size_t vitae_date__find_every(const char *sentence, size_t len, const vitae_months *months,
                              vitae_date_mention *out, size_t max) {
  return date_find(sentence, len, months, out, max, 1);
}

/* ======================= one date ======================= */

vitae_status vitae_date_parse(const char *s, size_t len, const vitae_months *months,
                              vitae_date *out) {
  if (!s || !out) return VITAE_ERR_USAGE;
  memset(out, 0, sizeof *out);
  lexer L;
  lex_init(&L, s, len, months);
  vitae_date_modifier mod;
  size_t k = modifier_at(&L, 0, &mod);
  if (mod != VITAE_DATE_MOD_NONE && mod != VITAE_DATE_MOD_EARLY && mod != VITAE_DATE_MOD_MID &&
      mod != VITAE_DATE_MOD_LATE && mod != VITAE_DATE_MOD_CIRCA)
    return VITAE_ERR_SYNTAX;
  phrase p;
  if (!parse_phrase(&L, k, &p) || T(&L, p.next)->type != T_END) return VITAE_ERR_SYNTAX;
  if (p.invalid) return VITAE_ERR_INPUT;
  if (!p.d.year) return VITAE_ERR_SYNTAX;
  *out = p.d;
  return VITAE_OK;
}
