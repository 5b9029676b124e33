/* Unit tests for src/extract/rules: parse errors with their locations, and
 * matching rules against hand-built item arrays (tokens from
 * vitae_tokenize, mention items placed by hand). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/rules.h"
#include "extract/token.h"

/* ---- helpers ---- */

static vitae_rule_set *parse_ok(const char *text) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_rule_set *rs = NULL;
  if (vitae_rules_parse(text, strlen(text), "test.rules", &rs, &err) != VITAE_OK)
    fail_msg("parse: %s:%ld: %s", err.file, err.line, err.message);
  assert_non_null(rs);
  return rs;
}

static void expect_parse_error(const char *text, long line, const char *message) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_rule_set *rs = (vitae_rule_set *)&err;
  assert_int_equal(vitae_rules_parse(text, strlen(text), "bad.rules", &rs, &err), VITAE_ERR_SYNTAX);
  assert_null(rs);
  assert_int_equal(err.status, VITAE_ERR_SYNTAX);
  assert_string_equal(err.file, "bad.rules");
  assert_int_equal(err.line, line);
  assert_string_equal(err.message, message);
}

/* A mention placed by hand over tokens [tok, tok + ntok). */
typedef struct mspec {
  uint32_t tok, ntok;
  uint8_t type;
} mspec;

typedef struct sentence {
  const char *text;
  vitae_token tok[512];
  size_t ntok;
  vitae_item items[512];
  size_t n;
} sentence;

/* Tokenize text and make one item per token, except where a mention covers
 * tokens (mentions in order, not overlapping). */
static void build(sentence *s, const char *text, const mspec *m, size_t nm) {
  s->text = text;
  s->ntok = vitae_tokenize(text, 0, strlen(text), s->tok, 512);
  assert_true(s->ntok <= 512);
  s->n = 0;
  size_t k = 0;
  for (uint32_t i = 0; i < s->ntok;) {
    vitae_item *it = &s->items[s->n++];
    if (k < nm && m[k].tok == i) {
      it->type = m[k].type;
      it->tok = i;
      it->ntok = m[k].ntok;
      it->ref = (int32_t)k;
      i += m[k].ntok;
      k++;
    } else {
      it->type = VITAE_ITEM_TOKEN;
      it->tok = i;
      it->ntok = 1;
      it->ref = -1;
      i++;
    }
  }
  assert_int_equal(k, nm);
}

typedef struct found {
  vitae_rule_match m[600];
  size_t n;
} found;

static void collect(void *ctx, const vitae_rule_match *m) {
  found *f = ctx;
  assert_true(f->n < 600);
  f->m[f->n++] = *m;
}

static void apply(const vitae_rule_set *rs, const sentence *s, found *f) {
  f->n = 0;
  vitae_rules_apply(rs, s->items, s->n, s->text, s->tok, collect, f);
}

/* Check one match: relation, span and the slots s and o (-1 = unbound). */
static void expect_match(const vitae_rule_match *m, const char *relation, size_t first, size_t last,
                         int32_t s, int32_t o) {
  assert_string_equal(m->relation, relation);
  assert_int_equal(m->first, first);
  assert_int_equal(m->last, last);
  assert_int_equal(m->slot[VITAE_SLOT_S], s);
  assert_int_equal(m->slot[VITAE_SLOT_O], o);
}

#define MS(...) ((const mspec[]){__VA_ARGS__}), (sizeof((const mspec[]){__VA_ARGS__}) / sizeof(mspec))

/* ---- parsing ---- */

static void test_parse_counts_and_comments(void **state) {
  vitae_rule_set *rs = parse_ok(
      "# relation rules\n"
      "\n"
      "born_in  @PERSON:s was born in @PLACE:o   # trailing comment\n"
      "   \t  \n"
      "office   @WHO:s became @OFFICE:office => start\n");
  assert_int_equal(vitae_rules_count(rs), 2);
  vitae_rules_free(rs);
  rs = parse_ok("");
  assert_int_equal(vitae_rules_count(rs), 0);
  vitae_rules_free(rs);
  vitae_rules_free(NULL);
}

static void test_parse_errors(void **state) {
  expect_parse_error("# c\nok a b\nrel @PERSON:x born\n", 3, "unknown slot 'x'");
  expect_parse_error("rel @ALIEN:s born\n", 1, "unknown mention type 'ALIEN'");
  expect_parse_error("ok a\n\nrel @PERSON|ROBOT:s born\n", 3, "unknown mention type 'ROBOT'");
  expect_parse_error("ok a\nrel born ^ @PERSON:s\n", 2, "'^' must come first");
  expect_parse_error("rel @PERSON:s ..61 @DATE:date\n", 1, "gap '..61' is too long");
  expect_parse_error("ok a\nok b\nok c\nrel => acting\n", 4, "empty pattern");
  expect_parse_error("lonely\n", 1, "a rule needs a pattern");
}

static void test_load_missing_file(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_rule_set *rs = NULL;
  assert_int_not_equal(vitae_rules_load("/nonexistent/dir/x.rules", &rs, &err), VITAE_OK);
  assert_null(rs);
  assert_string_equal(err.file, "/nonexistent/dir/x.rules");
}

/* ---- matching ---- */

static void test_literal_words_case_insensitive(void **state) {
  vitae_rule_set *rs = parse_ok("born_in @PERSON:s WAS born in @PLACE:o\n");
  sentence s;
  found f;
  /* items: [0 PERSON Tokayev] [1 was] [2 BORN] [3 in] [4 PLACE Moscow] [5 .] */
  build(&s, "Tokayev was BORN in Moscow.", MS({0, 1, VITAE_ITEM_PERSON}, {4, 1, VITAE_ITEM_PLACE}));
  assert_int_equal(s.n, 6);
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "born_in", 0, 4, 0, 4);
  assert_string_equal(f.m[0].flags, "");
  assert_int_equal(f.m[0].line, 1);
  for (int k = VITAE_SLOT_OFFICE; k < VITAE_SLOTS; k++) assert_int_equal(f.m[0].slot[k], -1);

  /* a different word: no match */
  build(&s, "Tokayev was raised in Moscow.", MS({0, 1, VITAE_ITEM_PERSON}, {4, 1, VITAE_ITEM_PLACE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  /* the place must be a PLACE mention, not a token */
  build(&s, "Tokayev was born in Moscow.", MS({0, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  vitae_rules_free(rs);
}

static void test_alternatives_and_optional(void **state) {
  vitae_rule_set *rs = parse_ok("office @PERSON:s became|was|SERVED as? @OFFICE:office\n");
  sentence s;
  found f;
  /* [0 PERSON] [1 served] [2 as] [3 OFFICE President] */
  build(&s, "Tokayev served as President", MS({0, 1, VITAE_ITEM_PERSON}, {3, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "office", 0, 3, 0, -1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_OFFICE], 3);

  /* the optional word absent */
  build(&s, "Tokayev became President", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "office", 0, 2, 0, -1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_OFFICE], 2);

  /* none of the alternatives */
  build(&s, "Tokayev left President", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);

  /* optional mention: the slot stays unbound when it is absent */
  vitae_rules_free(rs);
  rs = parse_ok("died @PERSON:s died in? @PLACE:place?\n");
  build(&s, "Smith died", MS({0, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "died", 0, 1, 0, -1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_PLACE], -1);
  build(&s, "Smith died in Paris", MS({0, 1, VITAE_ITEM_PERSON}, {3, 1, VITAE_ITEM_PLACE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "died", 0, 3, 0, -1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_PLACE], 3);
  vitae_rules_free(rs);
}

static void test_combined_types(void **state) {
  vitae_rule_set *rs = parse_ok("member @WHO:s joined @ORG|GPE:o\n");
  sentence s;
  found f;
  build(&s, "He joined NATO", MS({0, 1, VITAE_ITEM_PRONOUN}, {2, 1, VITAE_ITEM_ORG}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "member", 0, 2, 0, 2);
  build(&s, "Smith joined France", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_COUNTRY}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  build(&s, "Smith joined Moscow", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_PLACE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  /* a DATE is none of ORG, PLACE, COUNTRY */
  build(&s, "Smith joined 1990", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  vitae_rules_free(rs);
}

static void test_gaps(void **state) {
  vitae_rule_set *rs = parse_ok("near @PERSON:s ..2 @DATE:date\n");
  sentence s;
  found f;
  /* two items skipped: fits ..2 */
  build(&s, "Smith , then 1990", MS({0, 1, VITAE_ITEM_PERSON}, {3, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "near", 0, 3, 0, -1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_DATE], 3);
  /* three: too far */
  build(&s, "Smith , and then 1990", MS({0, 1, VITAE_ITEM_PERSON}, {4, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  /* zero is fine too */
  build(&s, "Smith 1990", MS({0, 1, VITAE_ITEM_PERSON}, {1, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  vitae_rules_free(rs);

  /* the default gap is 8 items */
  rs = parse_ok("far @PERSON:s ... @DATE:date\n");
  build(&s, "Smith a b c d e f g h 1990", MS({0, 1, VITAE_ITEM_PERSON}, {9, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_DATE], 9);
  build(&s, "Smith a b c d e f g h i 1990", MS({0, 1, VITAE_ITEM_PERSON}, {10, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  /* never across ';' */
  build(&s, "Smith left ; 1990", MS({0, 1, VITAE_ITEM_PERSON}, {3, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  /* ',' is no barrier */
  build(&s, "Smith left , 1990", MS({0, 1, VITAE_ITEM_PERSON}, {3, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  vitae_rules_free(rs);
}

static void test_gap_non_greedy(void **state) {
  vitae_rule_set *rs = parse_ok("r x ... in\n");
  sentence s;
  found f;
  /* [0 x] [1 a] [2 in] [3 b] [4 in]: the first "in" ends the match */
  build(&s, "x a in b in", NULL, 0);
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.m[0].first, 0);
  assert_int_equal(f.m[0].last, 2);
  vitae_rules_free(rs);
}

static void test_anchors(void **state) {
  vitae_rule_set *rs = parse_ok("start ^ @PERSON:s\nend @PERSON:s died $\n");
  sentence s;
  found f;
  /* [0 PERSON] [1 died] */
  build(&s, "Smith died", MS({0, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 2);
  expect_match(&f.m[0], "start", 0, 0, 0, -1);
  expect_match(&f.m[1], "end", 0, 1, 0, -1);
  /* [0 Then] [1 PERSON] [2 died] [3 young]: neither anchor holds */
  build(&s, "Then Smith died young", MS({1, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  /* '^' only tries the first item, even with a later PERSON */
  build(&s, "Smith met Jones", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "start", 0, 0, 0, -1);
  vitae_rules_free(rs);
}

static void test_flags(void **state) {
  vitae_rule_set *rs = parse_ok(
      "office @PERSON:s acting @OFFICE:office => acting start\n"
      "plain @PERSON:s @OFFICE:office\n"
      "one @PERSON:s was @OFFICE:office => end\n");
  sentence s;
  found f;
  build(&s, "Smith acting President", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_string_equal(f.m[0].relation, "office");
  assert_string_equal(f.m[0].flags, "acting start");
  assert_int_equal(f.m[0].line, 1);
  build(&s, "Smith President", MS({0, 1, VITAE_ITEM_PERSON}, {1, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_string_equal(f.m[0].relation, "plain");
  assert_string_equal(f.m[0].flags, "");
  assert_int_equal(f.m[0].line, 2);
  build(&s, "Smith was President", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_string_equal(f.m[0].flags, "end");
  assert_int_equal(f.m[0].line, 3);
  vitae_rules_free(rs);
}

static void test_possessive(void **state) {
  vitae_rule_set *rs = parse_ok("kin @PERSON:s 's @KIN:kin @PERSON:o\n");
  sentence s;
  found f;
  /* [0 PERSON Tokayev] [1 's] [2 KIN son] [3 PERSON Timur] */
  build(&s, "Tokayev's son Timur",
        MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_KIN}, {3, 1, VITAE_ITEM_PERSON}));
  assert_int_equal(s.n, 4);
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "kin", 0, 3, 0, 3);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_KIN], 2);
  /* the typographic apostrophe too */
  build(&s, "Tokayev\xE2\x80\x99s son Timur",
        MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_KIN}, {3, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  /* no possessive: no match */
  build(&s, "Tokayev , son Timur",
        MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_KIN}, {3, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  vitae_rules_free(rs);
}

static void test_closest_attachment(void **state) {
  vitae_rule_set *rs = parse_ok("born @PERSON:s ... born\n");
  sentence s;
  found f;
  /* [0 PERSON Ahmed] [1 met] [2 PERSON Timur] [3 ,] [4 born]: the gap after
   * @PERSON:s does not skip Timur, so only Timur is bound */
  build(&s, "Ahmed met Timur , born", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "born", 2, 4, 2, -1);
  /* another type of mention in the gap is skipped */
  build(&s, "Ahmed in Paris , born", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_PLACE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  expect_match(&f.m[0], "born", 0, 4, 0, -1);
  vitae_rules_free(rs);

  /* the same for a gap before a mention: it does not skip a DATE to reach
   * a later DATE */
  rs = parse_ok("born born ... @DATE:date $\n");
  build(&s, "born 1950 and 1951", MS({1, 1, VITAE_ITEM_DATE}, {3, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  build(&s, "born in 1951", MS({2, 1, VITAE_ITEM_DATE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_DATE], 2);
  vitae_rules_free(rs);
}

static void test_one_match_per_start(void **state) {
  vitae_rule_set *rs = parse_ok("r x ... y\n");
  sentence s;
  found f;
  /* [0 x] [1 y] [2 y]: from start 0 only the shortest match */
  build(&s, "x y y", NULL, 0);
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.m[0].first, 0);
  assert_int_equal(f.m[0].last, 1);
  /* [0 x] [1 y] [2 x] [3 y]: one from each start */
  build(&s, "x y x y", NULL, 0);
  apply(rs, &s, &f);
  assert_int_equal(f.n, 2);
  assert_int_equal(f.m[0].first, 0);
  assert_int_equal(f.m[0].last, 1);
  assert_int_equal(f.m[1].first, 2);
  assert_int_equal(f.m[1].last, 3);
  vitae_rules_free(rs);
}

static void test_multi_token_item_is_not_a_word(void **state) {
  /* a word element matches a one-token item only */
  vitae_rule_set *rs = parse_ok("r new\n");
  sentence s;
  found f;
  build(&s, "New York", MS({0, 2, VITAE_ITEM_PLACE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  build(&s, "New York", NULL, 0);
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  vitae_rules_free(rs);
}

static void test_pathological_rule_terminates(void **state) {
  /* ten default gaps: about 9^10 ways per start without a step limit */
  vitae_rule_set *rs = parse_ok(
      "slow a ... ... ... ... ... ... ... ... ... ... zzz\n"
      "fast a a\n");
  static char text[2 * 300 + 1];
  for (int i = 0; i < 300; i++) {
    text[2 * i] = 'a';
    text[2 * i + 1] = ' ';
  }
  text[599] = '\0';
  static sentence s;
  build(&s, text, NULL, 0);
  assert_int_equal(s.n, 300);
  static found f;
  clock_t t0 = clock();
  apply(rs, &s, &f);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  assert_true(secs < 20.0);
  /* the slow rule finds nothing; the next rule still runs in full */
  assert_int_equal(f.n, 299);
  for (size_t i = 0; i < f.n; i++) {
    assert_string_equal(f.m[i].relation, "fast");
    assert_int_equal(f.m[i].first, i);
    assert_int_equal(f.m[i].last, i + 1);
  }
  vitae_rules_free(rs);
}

/* ---- the later additions to the language ---- */

static void test_plain_gap_skips_no_mention(void **state) {
  vitae_rule_set *rs = parse_ok("r @PERSON:s ~3 became @OFFICE:office\n");
  sentence s;
  found f;
  /* [0 Ann] [1 quickly] [2 became] [3 OFFICE]: plain words may be skipped */
  build(&s, "Ann quickly became Mayor", MS({0, 1, VITAE_ITEM_PERSON}, {3, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  /* [0 Ann] [1 DATE] [2 became] [3 OFFICE]: a mention in the way stops ~N */
  build(&s, "Ann 1990 became Mayor", MS({0, 1, VITAE_ITEM_PERSON}, {1, 1, VITAE_ITEM_DATE}, {3, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  vitae_rules_free(rs);
}

static void test_parenthesis_skipped_whole(void **state) {
  vitae_rule_set *rs = parse_ok("r @PERSON:s ..3 is @OFFICE:office\n");
  sentence s;
  found f;
  /* "Tim ( married to Kay ) is Mayor": the parenthesis is one unit, and the
   * person inside it is not the one who "is" */
  build(&s, "Tim ( married to Kay ) is Mayor",
        MS({0, 1, VITAE_ITEM_PERSON}, {4, 1, VITAE_ITEM_PERSON}, {7, 1, VITAE_ITEM_OFFICE}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_S], 0);
  vitae_rules_free(rs);
}

static void test_article_and_possessive_guard(void **state) {
  vitae_rule_set *rs = parse_ok("r @PERSON:s studied at @ORG:o\nm @PERSON:s married @PERSON:o\n");
  sentence s;
  found f;
  /* "at the ORG": the article belongs to the mention */
  build(&s, "Ann studied at the College", MS({0, 1, VITAE_ITEM_PERSON}, {4, 1, VITAE_ITEM_ORG}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.m[0].slot[VITAE_SLOT_O], 4);
  /* "married Bob 's sister": a possessor ending the pattern is no party */
  build(&s, "Ann married Bob 's sister", MS({0, 1, VITAE_ITEM_PERSON}, {2, 1, VITAE_ITEM_PERSON}));
  apply(rs, &s, &f);
  assert_int_equal(f.n, 0);
  vitae_rules_free(rs);
}

static void test_end_anchor_must_be_last(void **state) {
  expect_parse_error("r @PERSON:s $ died\n", 1, "'$' must come last");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_counts_and_comments),
      cmocka_unit_test(test_parse_errors),
      cmocka_unit_test(test_load_missing_file),
      cmocka_unit_test(test_literal_words_case_insensitive),
      cmocka_unit_test(test_alternatives_and_optional),
      cmocka_unit_test(test_combined_types),
      cmocka_unit_test(test_gaps),
      cmocka_unit_test(test_plain_gap_skips_no_mention),
      cmocka_unit_test(test_parenthesis_skipped_whole),
      cmocka_unit_test(test_article_and_possessive_guard),
      cmocka_unit_test(test_end_anchor_must_be_last),
      cmocka_unit_test(test_gap_non_greedy),
      cmocka_unit_test(test_anchors),
      cmocka_unit_test(test_flags),
      cmocka_unit_test(test_possessive),
      cmocka_unit_test(test_closest_attachment),
      cmocka_unit_test(test_one_match_per_start),
      cmocka_unit_test(test_multi_token_item_is_not_a_word),
      cmocka_unit_test(test_pathological_rule_terminates),
  };
  return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
