/* Unit tests for src/extract/token: token spans, kinds and flags, written
 * out by hand for each input (byte offsets, UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "extract/token.h"

#define W VITAE_TOK_WORD
#define N VITAE_TOK_NUMBER
#define P VITAE_TOK_PUNCT
#define CAP VITAE_TOKF_CAP
#define ALLCAPS VITAE_TOKF_ALLCAPS
#define ABBREV VITAE_TOKF_ABBREV
#define POSS VITAE_TOKF_POSS
#define DASH VITAE_TOKF_DASH

typedef struct want {
  uint32_t begin, end;
  uint8_t kind, flags;
  const char *text; /* what text[begin, end) must be */
} want;

static void expect_tokens(const char *text, const want *w, size_t nw) {
  vitae_token tok[64];
  size_t n = vitae_tokenize(text, 0, strlen(text), tok, 64);
  if (n != nw) {
    for (size_t i = 0; i < n && i < 64; i++)
      print_message("  token %zu: [%u,%u) kind %u flags %u '%.*s'\n", i, tok[i].begin, tok[i].end,
                    tok[i].kind, tok[i].flags, (int)(tok[i].end - tok[i].begin), text + tok[i].begin);
    fail_msg("'%s': %zu tokens, expected %zu", text, n, nw);
  }
  for (size_t i = 0; i < n; i++) {
    if (tok[i].begin != w[i].begin || tok[i].end != w[i].end || tok[i].kind != w[i].kind ||
        tok[i].flags != w[i].flags)
      fail_msg("'%s' token %zu: [%u,%u) kind %u flags %u, expected [%u,%u) kind %u flags %u", text, i,
               tok[i].begin, tok[i].end, tok[i].kind, tok[i].flags, w[i].begin, w[i].end, w[i].kind,
               w[i].flags);
    size_t len = w[i].end - w[i].begin;
    assert_int_equal(strlen(w[i].text), len);
    assert_memory_equal(text + w[i].begin, w[i].text, len);
  }
}

#define EXPECT(text, ...)                                   \
  do {                                                      \
    static const want w_[] = {__VA_ARGS__};                 \
    expect_tokens(text, w_, sizeof w_ / sizeof w_[0]);      \
  } while (0)

static void test_abbreviation_and_title(void **state) {
  EXPECT("U.S. Secretary of State Mike Pompeo",
         {0, 4, W, CAP | ALLCAPS | ABBREV, "U.S."},
         {5, 14, W, CAP, "Secretary"},
         {15, 17, W, 0, "of"},
         {18, 23, W, CAP, "State"},
         {24, 28, W, CAP, "Mike"},
         {29, 35, W, CAP, "Pompeo"});
}

static void test_hyphenated_name_and_possessive(void **state) {
  EXPECT("Kassym-Jomart Tokayev's",
         {0, 13, W, CAP, "Kassym-Jomart"},
         {14, 21, W, CAP, "Tokayev"},
         {21, 23, P, POSS, "'s"});
  /* the typographic apostrophe U+2019 (3 bytes) works the same */
  EXPECT("Nazarbayev\xE2\x80\x99s daughter",
         {0, 10, W, CAP, "Nazarbayev"},
         {10, 14, P, POSS, "\xE2\x80\x99s"},
         {15, 23, W, 0, "daughter"});
  /* 's followed by more letters is inside the word, not a possessive */
  EXPECT("O'sullivan", {0, 10, W, CAP, "O'sullivan"});
  /* a lone apostrophe after a plural */
  EXPECT("the Ministers' meeting",
         {0, 3, W, 0, "the"},
         {4, 13, W, CAP, "Ministers"},
         {13, 14, P, POSS, "'"},
         {15, 22, W, 0, "meeting"});
}

static void test_numbers(void **state) {
  EXPECT("13.5%", {0, 4, N, 0, "13.5"}, {4, 5, P, 0, "%"});
  EXPECT("2,000 people", {0, 5, N, 0, "2,000"}, {6, 12, W, 0, "people"});
  EXPECT("1990s", {0, 5, W, 0, "1990s"});
  EXPECT("the 12th", {0, 3, W, 0, "the"}, {4, 8, W, 0, "12th"});
  /* a trailing comma or period is not part of the number */
  EXPECT("in 1992, then 2.", {0, 2, W, 0, "in"}, {3, 7, N, 0, "1992"}, {7, 8, P, 0, ","},
         {9, 13, W, 0, "then"}, {14, 15, N, 0, "2"}, {15, 16, P, 0, "."});
}

static void test_apostrophe_name(void **state) {
  EXPECT("O'Brien", {0, 7, W, CAP, "O'Brien"});
}

static void test_dashes(void **state) {
  /* U+2013 EN DASH is 3 bytes and a token of its own */
  EXPECT("in 1992\xE2\x80\x93" "1994",
         {0, 2, W, 0, "in"},
         {3, 7, N, 0, "1992"},
         {7, 10, P, DASH, "\xE2\x80\x93"},
         {10, 14, N, 0, "1994"});
  /* an em dash between words, and a spaced hyphen */
  EXPECT("Astana\xE2\x80\x94then - later",
         {0, 6, W, CAP, "Astana"},
         {6, 9, P, DASH, "\xE2\x80\x94"},
         {9, 13, W, 0, "then"},
         {14, 15, P, DASH, "-"},
         {16, 21, W, 0, "later"});
  /* an inner hyphen stays in the word */
  EXPECT("vice-president", {0, 14, W, 0, "vice-president"});
}

static void test_cyrillic(void **state) {
  /* Қасым-Жомарт: 5 + 6 two-byte letters and a hyphen = 23 bytes */
  EXPECT("\xD2\x9A\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC-\xD0\x96\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82",
         {0, 23, W, CAP,
          "\xD2\x9A\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC-\xD0\x96\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82"});
  /* Erdoğan: ğ is one two-byte letter */
  EXPECT("Erdo\xC4\x9F" "an.", {0, 8, W, CAP, "Erdo\xC4\x9F" "an"}, {8, 9, P, 0, "."});
}

static void test_allcaps(void **state) {
  EXPECT("NATO", {0, 4, W, CAP | ALLCAPS, "NATO"});
  EXPECT("the UN and a I", {0, 3, W, 0, "the"}, {4, 6, W, CAP | ALLCAPS, "UN"},
         {7, 10, W, 0, "and"}, {11, 12, W, 0, "a"}, {13, 14, W, CAP, "I"});
  /* Cyrillic capitals count too: СССР */
  EXPECT("\xD0\xA1\xD0\xA1\xD0\xA1\xD0\xA0", {0, 8, W, CAP | ALLCAPS, "\xD0\xA1\xD0\xA1\xD0\xA1\xD0\xA0"});
}

static void test_initials(void **state) {
  EXPECT("John F. Kennedy",
         {0, 4, W, CAP, "John"},
         {5, 7, W, CAP | ABBREV, "F."},
         {8, 15, W, CAP, "Kennedy"});
  /* a sentence-final period after a word is its own token */
  EXPECT("He left.", {0, 2, W, CAP, "He"}, {3, 7, W, 0, "left"}, {7, 8, P, 0, "."});
}

static void test_punctuation_and_spaces(void **state) {
  /* no-break space U+00A0 separates; brackets are tokens */
  EXPECT("(born\xC2\xA0" "1953)",
         {0, 1, P, 0, "("},
         {1, 5, W, 0, "born"},
         {7, 11, N, 0, "1953"},
         {11, 12, P, 0, ")"});
  vitae_token tok[4];
  assert_int_equal(vitae_tokenize("   \t\n ", 0, 6, tok, 4), 0);
  assert_int_equal(vitae_tokenize("", 0, 0, tok, 4), 0);
}

static void test_subrange(void **state) {
  /* offsets stay document offsets */
  const char *text = "Born. In 1992 he";
  vitae_token tok[8];
  size_t n = vitae_tokenize(text, 6, 13, tok, 8);
  assert_int_equal(n, 2);
  assert_int_equal(tok[0].begin, 6);
  assert_int_equal(tok[0].end, 8);
  assert_int_equal(tok[1].begin, 9);
  assert_int_equal(tok[1].end, 13);
  assert_int_equal(tok[1].kind, VITAE_TOK_NUMBER);
}

static void test_max_parameter(void **state) {
  const char *text = "U.S. Secretary of State Mike Pompeo";
  vitae_token tok[4];
  memset(tok, 0xAB, sizeof tok);
  assert_int_equal(vitae_tokenize(text, 0, strlen(text), tok, 2), 6);
  assert_int_equal(tok[0].begin, 0);
  assert_int_equal(tok[0].end, 4);
  assert_int_equal(tok[1].begin, 5);
  assert_int_equal(tok[1].end, 14);
  /* nothing past max is written */
  vitae_token untouched;
  memset(&untouched, 0xAB, sizeof untouched);
  assert_memory_equal(&tok[2], &untouched, sizeof untouched);
  assert_memory_equal(&tok[3], &untouched, sizeof untouched);
  /* counting only */
  assert_int_equal(vitae_tokenize(text, 0, strlen(text), NULL, 0), 6);
  /* counting works without an out array for any input */
  const char *pl = "the Ministers' meeting";
  assert_int_equal(vitae_tokenize(pl, 0, strlen(pl), NULL, 0), 4);
}

static void test_token_is(void **state) {
  const char *text = "U.S. Secretary of State";
  vitae_token tok[4];
  assert_int_equal(vitae_tokenize(text, 0, strlen(text), tok, 4), 4);
  assert_true(vitae_token_is(text, &tok[0], "u.s."));
  assert_true(vitae_token_is(text, &tok[0], "U.S."));
  assert_false(vitae_token_is(text, &tok[0], "us"));
  assert_true(vitae_token_is(text, &tok[1], "secretary"));
  assert_true(vitae_token_is(text, &tok[1], "SECRETARY"));
  assert_false(vitae_token_is(text, &tok[1], "secretar"));
  assert_false(vitae_token_is(text, &tok[1], "secretaryy"));
  assert_true(vitae_token_is(text, &tok[2], "of"));
  assert_false(vitae_token_is(text, &tok[2], "on"));
}

static void test_token_lower(void **state) {
  const char *text = "Kassym-Jomart \xD2\x9A\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC ERDO\xC4\x9E" "AN U.S.";
  vitae_token tok[8];
  assert_int_equal(vitae_tokenize(text, 0, strlen(text), tok, 8), 4);
  char buf[64];
  assert_ptr_equal(vitae_token_lower(text, &tok[0], buf, sizeof buf), buf);
  assert_string_equal(buf, "kassym-jomart");
  vitae_token_lower(text, &tok[1], buf, sizeof buf);
  assert_string_equal(buf, "\xD2\x9B\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC"); /* қасым */
  vitae_token_lower(text, &tok[2], buf, sizeof buf);
  assert_string_equal(buf, "erdo\xC4\x9F" "an"); /* Ğ -> ğ */
  vitae_token_lower(text, &tok[3], buf, sizeof buf);
  assert_string_equal(buf, "u.s.");
  /* a small buffer: a NUL-terminated prefix, never an overflow */
  char small[8];
  memset(small, 'X', sizeof small);
  vitae_token_lower(text, &tok[0], small, sizeof small);
  assert_true(strlen(small) < sizeof small);
  assert_memory_equal(small, "kassym-jomart", strlen(small));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_abbreviation_and_title),
      cmocka_unit_test(test_hyphenated_name_and_possessive),
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_apostrophe_name),
      cmocka_unit_test(test_dashes),
      cmocka_unit_test(test_cyrillic),
      cmocka_unit_test(test_allcaps),
      cmocka_unit_test(test_initials),
      cmocka_unit_test(test_punctuation_and_spaces),
      cmocka_unit_test(test_subrange),
      cmocka_unit_test(test_max_parameter),
      cmocka_unit_test(test_token_is),
      cmocka_unit_test(test_token_lower),
  };
  return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
