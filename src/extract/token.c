#include "extract/token.h"

#include <string.h>
#include <utf8proc.h>

#include "extract/text.h"

/* Character classes by Unicode category, so Cyrillic, Kazakh and accented
 * Latin names tokenize like ASCII ones. */
static int is_letter(int32_t c) {
  if (c < 0) return 0;
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  utf8proc_category_t k = utf8proc_category(c);
  return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME; /* letters and marks */
}
static int is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static int is_upper(int32_t c) {
  if (c < 0) return 0;
  if (c < 128) return c >= 'A' && c <= 'Z';
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}
static int is_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x200B;
}
static int is_apostrophe(int32_t c) { return c == '\'' || c == 0x2019; }
static int is_dash(int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014; }

typedef struct cursor {
  const char *text;
  size_t pos, end;
} cursor;

static int32_t peek(const cursor *c, size_t at, size_t *len) {
  if (at >= c->end) {
    *len = 0;
    return -1;
  }
  unsigned char b = (unsigned char)c->text[at];
  if (b < 0x80) { /* ASCII: most of the text */
    *len = 1;
    return b;
  }
  int32_t cp;
  *len = vitae_text_decode(c->text + at, c->end - at, &cp);
  return cp;
}

/* ASCII classes for scan_word: 1 digit, 2 lower-case letter, 3 upper-case. */
#define ALNUM_CLASS(c) \
  ((c) >= '0' && (c) <= '9' ? 1 : (c) >= 'a' && (c) <= 'z' ? 2 : (c) >= 'A' && (c) <= 'Z' ? 3 : 0)
#define ALNUM4(c) ALNUM_CLASS(c), ALNUM_CLASS((c) + 1), ALNUM_CLASS((c) + 2), ALNUM_CLASS((c) + 3)
#define ALNUM16(c) ALNUM4(c), ALNUM4((c) + 4), ALNUM4((c) + 8), ALNUM4((c) + 12)
static const unsigned char ASCII_ALNUM[128] = {ALNUM16(0),  ALNUM16(16), ALNUM16(32), ALNUM16(48),
                                               ALNUM16(64), ALNUM16(80), ALNUM16(96), ALNUM16(112)};
#undef ALNUM16
#undef ALNUM4
#undef ALNUM_CLASS

/* A word: letters/digits with inner hyphens, apostrophes and dots. */
static size_t scan_word(const cursor *c, size_t at, uint8_t *flags) {
  size_t len, p = at, letters = 0, uppers = 0;
  int32_t first = peek(c, p, &len);
  int dotted = 1; /* "U.S.": single letters each followed by a dot */
  int hyphen = 0;  /* an inner '-' was taken in */
  size_t run = 0;
  for (;;) {
    /* a run of ASCII letters and digits, most of a word, without decoding
     * (the same counts as the general step below) */
    unsigned char b;
    while (p < c->end && (b = (unsigned char)c->text[p]) < 0x80 && ASCII_ALNUM[b]) {
      letters += ASCII_ALNUM[b] != 1;
      uppers += ASCII_ALNUM[b] == 3;
      run++;
      p++;
    }
    if (run > 1) dotted = 0;
    int32_t ch = peek(c, p, &len);
    /* (most words end at a space or a comma: nothing below takes them) */
    if (ch >= 0 && ch < 0x80 && ch != '-' && ch != '\'' && ch != '.') break;
    if (is_letter(ch) || is_digit(ch)) {
      if (is_letter(ch)) {
        letters++;
        if (is_upper(ch)) uppers++;
      }
      run++;
      if (run > 1) dotted = 0;
      p += len;
      continue;
    }
    size_t l2;
    int32_t next = peek(c, p + len, &l2);
    if ((is_dash(ch) && ch != 0x2013 && ch != 0x2014) || is_apostrophe(ch)) {
      /* inner hyphen or apostrophe, but not the possessive 's */
      if (is_apostrophe(ch) && (next == 's' || next == 'S')) {
        size_t l3;
        int32_t after = peek(c, p + len + l2, &l3);
        if (!is_letter(after) && !is_digit(after)) break;
      }
      if (is_letter(next) || is_digit(next)) {
        hyphen |= ch == '-';
        p += len;
        run = 0;
        dotted = 0;
        continue;
      }
      break;
    }
    if (ch == '.' && run == 1 && dotted && letters > 0) {
      /* an initial or a dotted abbreviation: keep the dot */
      p += len;
      run = 0;
      *flags |= VITAE_TOKF_ABBREV;
      if (is_letter(next)) {
        size_t l3;
        int32_t after = peek(c, p + l2, &l3);
        if (after == '.') continue; /* U.S. goes on */
      }
      break;
    }
    break;
  }
  if (is_upper(first)) *flags |= VITAE_TOKF_CAP;
  /* "al-Assad", "el-Sisi", "bin-Salman": a lower-case particle joined to a
   * capitalised name is part of a name */
  if (!is_upper(first) && hyphen) { /* (every particle ends in '-') */
    static const char *const particles[] = {"al-", "el-", "ad-", "as-", "ash-", "an-", "at-", "az-",
                                            "ibn-", "bin-", "bint-", "abu-", NULL};
    size_t hl;
    for (const char *const *q = particles; *q; q++) {
      size_t k = strlen(*q);
      if (p - at > k && !strncmp(c->text + at, *q, k) && is_upper(peek(c, at + k, &hl))) {
        *flags |= VITAE_TOKF_CAP;
        break;
      }
    }
  }
  if (letters >= 2 && uppers == letters) *flags |= VITAE_TOKF_ALLCAPS;
  return p - at;
}

/* A number: digits with inner "," or "." between digits. */
static size_t scan_number(const cursor *c, size_t at) {
  size_t len, p = at;
  for (;;) {
    int32_t ch = peek(c, p, &len);
    if (is_digit(ch)) {
      p += len;
      continue;
    }
    size_t l2;
    if ((ch == ',' || ch == '.') && is_digit(peek(c, p + len, &l2))) {
      p += len;
      continue;
    }
    break;
  }
  return p - at;
}

size_t vitae_tokenize(const char *text, size_t begin, size_t end, vitae_token *out, size_t max) {
  cursor c = {text, begin, end};
  size_t n = 0, p = begin, len;
  while (p < end) {
    int32_t ch = peek(&c, p, &len);
    if (is_space(ch) || ch < 0) {
      p += len ? len : 1;
      continue;
    }
    vitae_token t = {(uint32_t)p, 0, VITAE_TOK_PUNCT, 0};
    size_t l2;
    int32_t next = peek(&c, p + len, &l2);
    if (is_digit(ch)) {
      size_t k = scan_number(&c, p);
      /* "1990s", "12th": digits running into letters stay one word */
      size_t l3;
      if (is_letter(peek(&c, p + k, &l3))) {
        uint8_t f = 0;
        k += scan_word(&c, p + k, &f);
        t.kind = VITAE_TOK_WORD;
      } else {
        t.kind = VITAE_TOK_NUMBER;
      }
      t.end = (uint32_t)(p + k);
    } else if (is_letter(ch)) {
      t.kind = VITAE_TOK_WORD;
      t.end = (uint32_t)(p + scan_word(&c, p, &t.flags));
    } else if (is_apostrophe(ch) && (next == 's' || next == 'S')) {
      size_t l3;
      int32_t after = peek(&c, p + len + l2, &l3);
      if (!is_letter(after) && !is_digit(after)) {
        t.end = (uint32_t)(p + len + l2);
        t.flags |= VITAE_TOKF_POSS;
      } else {
        t.end = (uint32_t)(p + len);
      }
    } else {
      t.end = (uint32_t)(p + len);
      if (is_dash(ch)) t.flags |= VITAE_TOKF_DASH;
      /* a lone apostrophe after a plural ("the Ministers' meeting") */
      if (is_apostrophe(ch) && n > 0 && out && n <= max && p > begin &&
          (text[p - 1] == 's' || text[p - 1] == 'S') && !is_letter(next))
        t.flags |= VITAE_TOKF_POSS;
    }
    if (t.end <= t.begin) t.end = t.begin + 1; /* always progress */
    if (n < max) out[n] = t;
    n++;
    p = t.end;
  }
  return n;
}

char *vitae_token_lower(const char *text, const vitae_token *t, char *buf, size_t n) {
  size_t w = 0, p = t->begin;
  while (p < t->end && w + 5 < n) {
    unsigned char b = (unsigned char)text[p];
    if (b < 0x80) {
      buf[w++] = (char)(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      p++;
      continue;
    }
    int32_t cp;
    size_t len = vitae_text_decode(text + p, t->end - p, &cp);
    if (cp >= 0) {
      int32_t lo = utf8proc_tolower(cp);
      utf8proc_ssize_t k = utf8proc_encode_char(lo, (utf8proc_uint8_t *)buf + w);
      w += (size_t)(k > 0 ? k : 0);
    }
    p += len;
  }
  if (n) buf[w < n ? w : n - 1] = '\0';
  return buf;
}
