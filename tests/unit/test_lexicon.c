/* Unit tests for src/extract/lexicon: a tiny data directory is written
 * under /tmp with every file vitae_lexicon_load reads, a few rows each;
 * lookups are then checked against those rows. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract/lexicon.h"
#include "extract/token.h"

/* ---- the data directory ---- */

enum {
  F_COUNTRIES, F_PLACES, F_LANGUAGES, F_ORGS_KNOWN, F_ORG_PATTERNS, F_OFFICES, F_KINSHIP,
  F_MONTHS, F_ABBREVIATIONS, F_WORDS, F_COMMON, NFILES
};

static const char *const FILE_NAMES[NFILES] = {
    "ontology/gazetteer/countries.tsv",
    "ontology/gazetteer/places.tsv",
    "ontology/gazetteer/languages.tsv",
    "ontology/gazetteer/organizations-known.tsv",
    "ontology/gazetteer/organizations.tsv",
    "ontology/gazetteer/offices.tsv",
    "ontology/gazetteer/kinship.tsv",
    "ontology/gazetteer/months.tsv",
    "ontology/gazetteer/abbreviations.txt",
    "ontology/lexicon/words.tsv",
    "ontology/lexicon/common-words.txt",
};

static const char *const DEFAULT_DATA[NFILES] = {
    /* countries: slug label kind alpha2 names adjectives */
    "# countries for the unit tests\n"
    "new-zealand\tNew Zealand\tcountry\tNZ\tAotearoa\tNew Zealander|Kiwi\n"
    "united-states\tUnited States\tcountry\tUS\tUS|USA|United States of America\tAmerican\n"
    "kazakhstan\tKazakhstan\tcountry\tKZ\tRepublic of Kazakhstan\tKazakh|Kazakhstani\n"
    "soviet-union\tSoviet Union\tformer\tSU\tUSSR|U.S.S.R.\tSoviet\n"
    "aruba\tAruba\tterritory\tAW\t\tAruban\n",
    /* places: slug label kind country names */
    "new-york\tNew York\tcity\tunited-states\tNew York City|NYC\n"
    "astana\tAstana\tcity\tkazakhstan\tNur-Sultan|Akmola\n"
    "abai-region\tAbai Region\tregion\tkazakhstan\tAbai Oblast\n"
    "atlantis\tAtlantis\tcity\tnowhere\t\n",
    /* languages: slug label iso639 names */
    "kazakh\tKazakh\tkk\tKazakh language|Qazaq\n"
    "russian\tRussian\tru\tRussian language\n",
    /* known organisations: slug label class names */
    "nato\tNorth Atlantic Treaty Organization\tInternationalOrganization\tNATO\n"
    "united-nations\tUnited Nations\tInternationalOrganization\tUN|U.N.\n",
    /* organisation patterns: pattern class [names] */
    "Ministry of *\tMinistry\tMinistry for *|* Ministry\n"
    "* University\tUniversity\tUniversity of *\n"
    "* Party\tPoliticalParty\n",
    /* offices: title canonical scope names */
    "Foreign Minister\tMinister of Foreign Affairs\tcountry\tforeign minister|FM\n"
    "President\tPresident\tcountry\thead of state\n",
    /* kinship: word relation gender names */
    "father\tparent\tmale\tfathers|dad\n"
    "wife\tspouse\tfemale\twives\n"
    "cousin\trelative\t\tcousins\n",
    /* months */
    "1\tJanuary|Jan.|Jan\n"
    "5\tMay\n"
    "12\tDecember|Dec.\n",
    /* abbreviations */
    "# after these a period does not end a sentence\n"
    "Mr.\n"
    "Dr.\n"
    "Gen.\n",
    /* words: word classes */
    "the\tfunction\n"
    "not\tnegation\n"
    "acting\tacting\n"
    "acting\toffice-mod\n"
    "in\tplace-prep|function\n"
    "he\the\n"
    "she\tshe\n"
    "van\tparticle\n",
    /* common words (no trailing newline on purpose) */
    "new\n"
    "acting\n"
    "state",
};

static char base[256]; /* the group's temporary directory */

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  return remove(path);
}

static void write_file(const char *dir, const char *rel, const char *data) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(data, f);
  assert_int_equal(fclose(f), 0);
}

/* Writes a data directory dir (under base) with the default files, except
 * file `which` which gets `data` instead (NULL data: the file is left out).
 * Returns the directory's path (static). */
static const char *make_datadir(const char *name, int which, const char *data) {
  static char dir[512];
  char sub[600];
  snprintf(dir, sizeof dir, "%s/%s", base, name);
  assert_int_equal(mkdir(dir, 0777), 0);
  snprintf(sub, sizeof sub, "%s/ontology", dir);
  assert_int_equal(mkdir(sub, 0777), 0);
  snprintf(sub, sizeof sub, "%s/ontology/gazetteer", dir);
  assert_int_equal(mkdir(sub, 0777), 0);
  snprintf(sub, sizeof sub, "%s/ontology/lexicon", dir);
  assert_int_equal(mkdir(sub, 0777), 0);
  for (int i = 0; i < NFILES; i++) {
    if (i == which && !data) continue;
    write_file(dir, FILE_NAMES[i], i == which ? data : DEFAULT_DATA[i]);
  }
  return dir;
}

static vitae_lexicon *LEX;

static int setup(void **state) {
  snprintf(base, sizeof base, "/tmp/vitae-test-lexicon-XXXXXX");
  if (!mkdtemp(base)) return -1;
  const char *dir = make_datadir("good", -1, NULL);
  vitae_error err;
  vitae_error_clear(&err);
  if (vitae_lexicon_load(dir, &LEX, &err) != VITAE_OK) {
    fprintf(stderr, "lexicon: %s:%ld: %s\n", err.file, err.line, err.message);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  vitae_lexicon_free(LEX);
  return nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- lookups ---- */

typedef struct looked {
  vitae_token tok[32];
  size_t ntok;
  vitae_lex_match m[16];
  size_t n;
} looked;

static void lookup(looked *l, const char *text) {
  l->ntok = vitae_tokenize(text, 0, strlen(text), l->tok, 32);
  assert_true(l->ntok > 0 && l->ntok <= 32);
  l->n = vitae_lexicon_lookup(LEX, text, l->tok, l->ntok, l->m, 16);
}

static void expect_m(const vitae_lex_match *m, int kind, uint32_t id, size_t ntokens) {
  assert_int_equal(m->kind, kind);
  assert_int_equal(m->id, id);
  assert_int_equal(m->ntokens, ntokens);
}

static vitae_lex_match longest(const char *text, vitae_lex_kind kind) {
  vitae_token tok[32];
  size_t n = vitae_tokenize(text, 0, strlen(text), tok, 32);
  return vitae_lexicon_longest(LEX, text, tok, n, kind);
}

static unsigned word_class(const char *word) {
  vitae_token tok[2];
  assert_int_equal(vitae_tokenize(word, 0, strlen(word), tok, 2), 1);
  return vitae_lexicon_word_class(LEX, word, &tok[0]);
}

static void test_longest_match_first(void **state) {
  looked l;
  lookup(&l, "New Zealand is far");
  assert_int_equal(l.n, 2);
  expect_m(&l.m[0], VITAE_LEX_COUNTRY, 0, 2); /* New Zealand */
  expect_m(&l.m[1], VITAE_LEX_WORD, VITAE_WORD_COMMON, 1); /* new */

  lookup(&l, "New York City Council");
  assert_int_equal(l.n, 3);
  expect_m(&l.m[0], VITAE_LEX_PLACE, 0, 3);
  expect_m(&l.m[1], VITAE_LEX_PLACE, 0, 2);
  expect_m(&l.m[2], VITAE_LEX_WORD, VITAE_WORD_COMMON, 1);

  /* max limits what is written, longest first */
  lookup(&l, "New York City");
  assert_int_equal(l.ntok, 3);
  vitae_lex_match one[1];
  assert_int_equal(vitae_lexicon_lookup(LEX, "New York City", l.tok, 3, one, 1), 1);
  expect_m(&one[0], VITAE_LEX_PLACE, 0, 3);

  /* a phrase cut short by ntok */
  assert_int_equal(vitae_lexicon_lookup(LEX, "New York City", l.tok, 1, l.m, 16), 1);
  expect_m(&l.m[0], VITAE_LEX_WORD, VITAE_WORD_COMMON, 1);

  vitae_lex_match m = longest("New Zealand", VITAE_LEX_COUNTRY);
  expect_m(&m, VITAE_LEX_COUNTRY, 0, 2);
  m = longest("New Zealand", VITAE_LEX_PLACE);
  assert_int_equal(m.ntokens, 0);
  assert_int_equal(m.kind, 0);

  lookup(&l, "Zebras");
  assert_int_equal(l.n, 0);
}

static void test_case_of_capital_forms(void **state) {
  looked l;
  lookup(&l, "US troops");
  assert_int_equal(l.n, 1);
  expect_m(&l.m[0], VITAE_LEX_COUNTRY, 1, 1);
  /* "us" and "Us" are not the US */
  lookup(&l, "us");
  assert_int_equal(l.n, 0);
  lookup(&l, "Us");
  assert_int_equal(l.n, 0);
  lookup(&l, "UN");
  assert_int_equal(l.n, 1);
  expect_m(&l.m[0], VITAE_LEX_ORG, 1, 1);
  lookup(&l, "un");
  assert_int_equal(l.n, 0);
  lookup(&l, "U.S.S.R.");
  assert_int_equal(l.n, 1);
  expect_m(&l.m[0], VITAE_LEX_COUNTRY, 3, 1);
  lookup(&l, "FM");
  assert_int_equal(l.n, 1);
  expect_m(&l.m[0], VITAE_LEX_TITLE, 0, 1);
  lookup(&l, "fm");
  assert_int_equal(l.n, 0);
  /* forms without capitals ignore case either way */
  lookup(&l, "new zealand");
  expect_m(&l.m[0], VITAE_LEX_COUNTRY, 0, 2);
  lookup(&l, "NEW ZEALAND");
  expect_m(&l.m[0], VITAE_LEX_COUNTRY, 0, 2);
  lookup(&l, "united states of america");
  expect_m(&l.m[0], VITAE_LEX_COUNTRY, 1, 4);
}

static void test_countries_and_demonyms(void **state) {
  looked l;
  lookup(&l, "American");
  assert_int_equal(l.n, 1);
  expect_m(&l.m[0], VITAE_LEX_DEMONYM, 1, 1);
  lookup(&l, "New Zealander");
  assert_int_equal(l.n, 2);
  expect_m(&l.m[0], VITAE_LEX_DEMONYM, 0, 2);
  expect_m(&l.m[1], VITAE_LEX_WORD, VITAE_WORD_COMMON, 1);
  /* Kazakh is an adjective and a language */
  lookup(&l, "Kazakh");
  assert_int_equal(l.n, 2);
  vitae_lex_match m = longest("Kazakh", VITAE_LEX_DEMONYM);
  expect_m(&m, VITAE_LEX_DEMONYM, 2, 1);
  m = longest("Kazakh", VITAE_LEX_LANGUAGE);
  expect_m(&m, VITAE_LEX_LANGUAGE, 0, 1);
  m = longest("Republic of Kazakhstan", VITAE_LEX_COUNTRY);
  expect_m(&m, VITAE_LEX_COUNTRY, 2, 3);

  const vitae_lex_country *c = vitae_lexicon_country(LEX, 2);
  assert_non_null(c);
  assert_string_equal(c->slug, "kazakhstan");
  assert_string_equal(c->label, "Kazakhstan");
  assert_int_equal(c->former, 0);
  assert_int_equal(c->territory, 0);
  c = vitae_lexicon_country(LEX, 3);
  assert_string_equal(c->slug, "soviet-union");
  assert_int_equal(c->former, 1);
  c = vitae_lexicon_country(LEX, 4);
  assert_string_equal(c->label, "Aruba");
  assert_int_equal(c->territory, 1);
  assert_null(vitae_lexicon_country(LEX, 5));
}

static void test_places_languages_orgs_titles_kin(void **state) {
  const vitae_lex_place *p = vitae_lexicon_place(LEX, 0);
  assert_string_equal(p->slug, "new-york");
  assert_string_equal(p->label, "New York");
  assert_int_equal(p->country, 1); /* united-states */
  assert_int_equal(p->region, 0);
  p = vitae_lexicon_place(LEX, 2);
  assert_string_equal(p->slug, "abai-region");
  assert_int_equal(p->country, 2);
  assert_int_equal(p->region, 1);
  assert_int_equal(vitae_lexicon_place(LEX, 3)->country, -1); /* unknown country slug */
  assert_null(vitae_lexicon_place(LEX, 4));
  vitae_lex_match m = longest("Nur-Sultan", VITAE_LEX_PLACE);
  expect_m(&m, VITAE_LEX_PLACE, 1, 1);

  const vitae_lex_language *lang = vitae_lexicon_language(LEX, 1);
  assert_string_equal(lang->slug, "russian");
  assert_string_equal(lang->code, "ru");
  m = longest("Kazakh language", VITAE_LEX_LANGUAGE);
  expect_m(&m, VITAE_LEX_LANGUAGE, 0, 2);

  const vitae_lex_org *o = vitae_lexicon_org(LEX, 0);
  assert_string_equal(o->slug, "nato");
  assert_string_equal(o->label, "North Atlantic Treaty Organization");
  assert_string_equal(o->cls, "InternationalOrganization");
  m = longest("NATO summit", VITAE_LEX_ORG);
  expect_m(&m, VITAE_LEX_ORG, 0, 1);
  m = longest("North Atlantic Treaty Organization", VITAE_LEX_ORG);
  expect_m(&m, VITAE_LEX_ORG, 0, 4);

  const vitae_lex_title *t = vitae_lexicon_title(LEX, 0);
  assert_string_equal(t->title, "Foreign Minister");
  assert_string_equal(t->canonical, "Minister of Foreign Affairs");
  assert_string_equal(t->scope, "country");
  m = longest("Minister of Foreign Affairs of Kazakhstan", VITAE_LEX_TITLE);
  expect_m(&m, VITAE_LEX_TITLE, 0, 4);
  m = longest("foreign minister", VITAE_LEX_TITLE);
  expect_m(&m, VITAE_LEX_TITLE, 0, 2);
  m = longest("head of state", VITAE_LEX_TITLE);
  expect_m(&m, VITAE_LEX_TITLE, 1, 3);

  const vitae_lex_kin *k = vitae_lexicon_kin(LEX, 0);
  assert_string_equal(k->word, "father");
  assert_string_equal(k->relation, "parent");
  assert_int_equal(k->gender, 'm');
  assert_int_equal(vitae_lexicon_kin(LEX, 1)->gender, 'f');
  assert_int_equal(vitae_lexicon_kin(LEX, 2)->gender, '?');
  m = longest("Dad", VITAE_LEX_KIN);
  expect_m(&m, VITAE_LEX_KIN, 0, 1);
  m = longest("wives", VITAE_LEX_KIN);
  expect_m(&m, VITAE_LEX_KIN, 1, 1);
}

static void test_word_classes_combine(void **state) {
  /* listed under two classes in two rows, and a common word too */
  assert_int_equal(word_class("acting"),
                   VITAE_WORD_ACTING | VITAE_WORD_OFFICE_MOD | VITAE_WORD_COMMON);
  /* two classes in one row */
  assert_int_equal(word_class("in"), VITAE_WORD_PLACE_PREP | VITAE_WORD_FUNCTION);
  assert_int_equal(word_class("The"), VITAE_WORD_FUNCTION);
  assert_int_equal(word_class("not"), VITAE_WORD_NEGATION);
  assert_int_equal(word_class("He"), VITAE_WORD_PRONOUN_MALE);
  assert_int_equal(word_class("she"), VITAE_WORD_PRONOUN_FEMALE);
  assert_int_equal(word_class("van"), VITAE_WORD_NAME_PARTICLE);
  assert_int_equal(word_class("state"), VITAE_WORD_COMMON); /* the last line, no newline */
  assert_int_equal(word_class("zebra"), 0);
  /* a country is no word class */
  assert_int_equal(word_class("Aruba"), 0);
}

static void test_org_patterns(void **state) {
  /* "* University": University heads an organisation name */
  looked l;
  lookup(&l, "University");
  assert_int_equal(l.n, 1);
  expect_m(&l.m[0], VITAE_LEX_ORG_HEAD, 1, 1);
  assert_string_equal(vitae_lexicon_org_class(LEX, 1), "University");
  /* "University of *" */
  lookup(&l, "University of Oxford");
  assert_int_equal(l.n, 2);
  expect_m(&l.m[0], VITAE_LEX_ORG_PREFIX, 1, 2);
  expect_m(&l.m[1], VITAE_LEX_ORG_HEAD, 1, 1);
  /* "Ministry of *" starts one; "* Ministry" ends one */
  lookup(&l, "Ministry of Defence");
  assert_int_equal(l.n, 2);
  expect_m(&l.m[0], VITAE_LEX_ORG_PREFIX, 0, 2);
  expect_m(&l.m[1], VITAE_LEX_ORG_HEAD, 0, 1);
  assert_string_equal(vitae_lexicon_org_class(LEX, 0), "Ministry");
  vitae_lex_match m = longest("Ministry for Culture", VITAE_LEX_ORG_PREFIX);
  expect_m(&m, VITAE_LEX_ORG_PREFIX, 0, 2);
  /* a two-field row */
  m = longest("Party", VITAE_LEX_ORG_HEAD);
  expect_m(&m, VITAE_LEX_ORG_HEAD, 2, 1);
  assert_string_equal(vitae_lexicon_org_class(LEX, 2), "PoliticalParty");
  /* an unknown class id falls back to the base class */
  assert_string_equal(vitae_lexicon_org_class(LEX, 99), "Organization");
}

typedef struct months_seen {
  int month[16];
  char name[16][16];
  size_t n;
} months_seen;

static void add_month(void *ctx, int month, const char *name) {
  months_seen *s = ctx;
  assert_true(s->n < 16);
  s->month[s->n] = month;
  snprintf(s->name[s->n], sizeof s->name[0], "%s", name);
  s->n++;
}

static void test_months(void **state) {
  months_seen s = {{0}, {{0}}, 0};
  vitae_lexicon_each_month(LEX, add_month, &s);
  assert_int_equal(s.n, 6);
  static const struct { int month; const char *name; } want[] = {
      {1, "January"}, {1, "Jan."}, {1, "Jan"}, {5, "May"}, {12, "December"}, {12, "Dec."}};
  for (size_t i = 0; i < 6; i++) {
    assert_int_equal(s.month[i], want[i].month);
    assert_string_equal(s.name[i], want[i].name);
  }
}

static void test_abbreviations(void **state) {
  const char *const *list = NULL;
  assert_int_equal(vitae_lexicon_abbreviations(LEX, &list), 3);
  assert_non_null(list);
  assert_string_equal(list[0], "Mr.");
  assert_string_equal(list[1], "Dr.");
  assert_string_equal(list[2], "Gen.");
}

/* ---- errors ---- */

static void expect_load_error(const char *name, int which, const char *data, vitae_status status,
                              long line, const char *message) {
  const char *dir = make_datadir(name, which, data);
  char path[700];
  snprintf(path, sizeof path, "%s/%s", dir, FILE_NAMES[which]);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_lexicon *lex = (vitae_lexicon *)&err;
  assert_int_equal(vitae_lexicon_load(dir, &lex, &err), status);
  assert_null(lex);
  assert_int_equal(err.status, status);
  assert_string_equal(err.file, path);
  assert_int_equal(err.line, line);
  assert_string_equal(err.message, message);
}

static void test_malformed_rows(void **state) {
  expect_load_error("bad-countries", F_COUNTRIES,
                    "# header\n"
                    "new-zealand\tNew Zealand\tcountry\tNZ\tAotearoa\tNew Zealander\n"
                    "broken\tBroken\tcountry\tBR\tno adjectives\n",
                    VITAE_ERR_SYNTAX, 3, "5 fields, expected 6");
  expect_load_error("bad-kinship", F_KINSHIP,
                    "father\tparent\tmale\tdad\n"
                    "\n"
                    "mother\tparent\tfemale\tmum\textra\n",
                    VITAE_ERR_SYNTAX, 3, "5 fields, expected 4");
  expect_load_error("bad-abbrev", F_ABBREVIATIONS, "Mr.\nDr.\tDoctor\n", VITAE_ERR_SYNTAX, 2,
                    "2 fields, expected 1");
  expect_load_error("bad-patterns", F_ORG_PATTERNS, "* University\tUniversity\n* Party\n",
                    VITAE_ERR_SYNTAX, 2, "1 fields, expected 2 or 3");
  expect_load_error("bad-words", F_WORDS, "the\tfunction\nrun\tverb\n", VITAE_ERR_SYNTAX, 2,
                    "unknown word class 'verb'");
  expect_load_error("bad-months", F_MONTHS, "1\tJanuary\n13\tSmarch\n", VITAE_ERR_SYNTAX, 2,
                    "month number must be 1 to 12");
  /* CRLF line ends are fine, and the line count stays right */
  expect_load_error("crlf", F_PLACES,
                    "astana\tAstana\tcity\tkazakhstan\tAkmola\r\n"
                    "\r\n"
                    "bad\tBad\tcity\r\n",
                    VITAE_ERR_SYNTAX, 3, "3 fields, expected 5");
}

static void test_invalid_utf8(void **state) {
  expect_load_error("bad-utf8", F_LANGUAGES, "kazakh\tKaz\xC0\xAF" "akh\tkk\t\n", VITAE_ERR_SYNTAX, 0,
                    "invalid UTF-8 at byte 10 (overlong encoding)");
}

static void test_missing_file(void **state) {
  const char *dir = make_datadir("no-common", F_COMMON, NULL);
  char path[700];
  snprintf(path, sizeof path, "%s/ontology/lexicon/common-words.txt", dir);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_lexicon *lex = NULL;
  assert_int_equal(vitae_lexicon_load(dir, &lex, &err), VITAE_ERR_IO);
  assert_null(lex);
  assert_string_equal(err.file, path);
  assert_string_equal(err.message, "No such file or directory");

  /* a data directory that does not exist names the first file */
  vitae_error_clear(&err);
  assert_int_equal(vitae_lexicon_load("/nonexistent-vitae-dir", &lex, &err), VITAE_ERR_IO);
  assert_string_equal(err.file, "/nonexistent-vitae-dir/ontology/gazetteer/countries.tsv");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_longest_match_first),
      cmocka_unit_test(test_case_of_capital_forms),
      cmocka_unit_test(test_countries_and_demonyms),
      cmocka_unit_test(test_places_languages_orgs_titles_kin),
      cmocka_unit_test(test_word_classes_combine),
      cmocka_unit_test(test_org_patterns),
      cmocka_unit_test(test_months),
      cmocka_unit_test(test_abbreviations),
      cmocka_unit_test(test_malformed_rows),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_missing_file),
  };
  return cmocka_run_group_tests_name("lexicon", tests, setup, teardown);
}
