/* Unit tests for src/extract/sentence: paragraphs, headings, sentences and
 * citations.  The sentences are written for these tests in the style of
 * the corpus; none is copied from it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/sentence.h"

static const char *const abbrev_list[] = {"U.S.", "U.N.", "Dr.", "St.", "Jr.", "No.", "Mr.",
                                          "Gen.", "Jan.", "e.g.", "Mrs.", "Prof", "etc."};

typedef struct {
  vitae_text *text;
  vitae_sentence_abbrevs *abbrevs;
  vitae_sentences *split;
} fixture;

static void split(fixture *f, const char *doc) {
  vitae_error err;
  vitae_error_clear(&err);
  if (vitae_text_from_bytes(doc, strlen(doc), 0, "doc", &f->text, &err) != VITAE_OK)
    fail_msg("text: %s", err.message);
  assert_int_equal(vitae_sentence_abbrevs_new(abbrev_list, sizeof abbrev_list / sizeof *abbrev_list,
                                              &f->abbrevs),
                   VITAE_OK);
  assert_int_equal(vitae_sentence_split(f->text, f->abbrevs, &f->split, &err), VITAE_OK);
}

static void done(fixture *f) {
  vitae_sentences_free(f->split);
  vitae_sentence_abbrevs_free(f->abbrevs);
  vitae_text_free(f->text);
}

/* The i-th sentence as a string (static buffer). */
static const char *sent(const fixture *f, size_t i) {
  static char buf[2048];
  const vitae_sentence *s = vitae_sentences_get(f->split, i);
  if (!s) return "(none)";
  size_t n = s->end - s->begin;
  if (n >= sizeof buf) n = sizeof buf - 1;
  memcpy(buf, vitae_text_data(f->text) + s->begin, n);
  buf[n] = '\0';
  return buf;
}

static const char *heading(const fixture *f, size_t h) {
  static char buf[512];
  const vitae_heading *x = vitae_sentences_heading(f->split, h);
  if (!x) return "(none)";
  size_t n = x->end - x->begin;
  if (n >= sizeof buf) n = sizeof buf - 1;
  memcpy(buf, vitae_text_data(f->text) + x->begin, n);
  buf[n] = '\0';
  return buf;
}

/* Splits doc and checks the sentences are exactly want[0..n). */
static void expect_sentences(const char *doc, const char *const *want, size_t n) {
  fixture f;
  split(&f, doc);
  for (size_t i = 0; i < n && i < vitae_sentences_count(f.split); i++)
    assert_string_equal(sent(&f, i), want[i]);
  if (vitae_sentences_count(f.split) != n) {
    for (size_t i = 0; i < vitae_sentences_count(f.split); i++)
      print_message("  got [%zu] %s\n", i, sent(&f, i));
    fail_msg("%zu sentences, expected %zu", vitae_sentences_count(f.split), n);
  }
  done(&f);
}

#define EXPECT(doc, ...)                                                 \
  do {                                                                   \
    static const char *const want_[] = {__VA_ARGS__};                    \
    expect_sentences(doc, want_, sizeof want_ / sizeof *want_);          \
  } while (0)

/* ---------- sentence boundaries ---------- */

static void test_simple(void **state) {
  (void)state;
  EXPECT("He was born in a village near the capital. He studied law.",
         "He was born in a village near the capital.", "He studied law.");
  EXPECT("Was it a coup? Nobody knows! The army denied it.", "Was it a coup?", "Nobody knows!",
         "The army denied it.");
  EXPECT("  Leading and trailing spaces are trimmed.   ", "Leading and trailing spaces are trimmed.");
  EXPECT("There is no final punctuation at the end of this rather long paragraph of text",
         "There is no final punctuation at the end of this rather long paragraph of text");
  /* A short line without final punctuation is a heading, not a sentence. */
  EXPECT("Title\nShort line\nA sentence.", "A sentence.");
}

static void test_abbreviation_then_title(void **state) {
  (void)state;
  EXPECT("He met U.S. Secretary of State Mike Pompeo in Astana. They discussed trade.",
         "He met U.S. Secretary of State Mike Pompeo in Astana.", "They discussed trade.");
  EXPECT("She worked at the U.N. Secretary-General's office for four years.",
         "She worked at the U.N. Secretary-General's office for four years.");
  EXPECT("He was received at the U.N. Secretary General's residence.",
         "He was received at the U.N. Secretary General's residence.");
  EXPECT("He was treated by Dr. Ivanov and met Gen. Petrov. Both were retired.",
         "He was treated by Dr. Ivanov and met Gen. Petrov.", "Both were retired.");
  EXPECT("He attended Moscow School No. 17 and later St. Petersburg University.",
         "He attended Moscow School No. 17 and later St. Petersburg University.");
  EXPECT("Martin Luther King Jr. Day is a holiday.", "Martin Luther King Jr. Day is a holiday.");
}

static void test_abbreviation_ambiguity(void **state) {
  (void)state;
  /* The documented rule: break after an abbreviation only when a common
   * sentence starter follows. */
  EXPECT("He was born in the U.S. He moved to Canada in 1990.", "He was born in the U.S.",
         "He moved to Canada in 1990.");
  EXPECT("The talks took place at the U.N. The next round was in Vienna.",
         "The talks took place at the U.N.", "The next round was in Vienna.");
  EXPECT("He studied in the U.S. In 1985 he returned.", "He studied in the U.S.",
         "In 1985 he returned.");
  EXPECT("He admired the U.S. Constitution.", "He admired the U.S. Constitution.");
  /* Dotted initialisms not in the table behave the same way. */
  EXPECT("He moved to the U.S.S.R. Central Committee staff. They promoted him.",
         "He moved to the U.S.S.R. Central Committee staff.", "They promoted him.");
  EXPECT("She left for the U.K. After that she taught.", "She left for the U.K.",
         "After that she taught.");
}

static void test_initials(void **state) {
  (void)state;
  EXPECT("He admired John F. Kennedy. He read J. R. R. Tolkien as a boy.",
         "He admired John F. Kennedy.", "He read J. R. R. Tolkien as a boy.");
  EXPECT("The treaty was signed by Harry S. Truman and Joseph V. Stalin.",
         "The treaty was signed by Harry S. Truman and Joseph V. Stalin.");
  /* An initial followed by "A." is still an initial. */
  EXPECT("The paper was by J. A. Smith.", "The paper was by J. A. Smith.");
  /* Cyrillic initials are letters too. */
  EXPECT("Автор — Н. А. Сергеев. Он был президентом.", "Автор — Н. А. Сергеев.",
         "Он был президентом.");
}

static void test_numbers(void **state) {
  (void)state;
  EXPECT("Growth reached 13.5% in 2019. Inflation fell to 4.2 percent.",
         "Growth reached 13.5% in 2019.", "Inflation fell to 4.2 percent.");
  EXPECT("The city has 3.2 million inhabitants. It is the largest.",
         "The city has 3.2 million inhabitants.", "It is the largest.");
  EXPECT("He won 81.31% of the vote in 2022. 2023 was quieter.",
         "He won 81.31% of the vote in 2022.", "2023 was quieter.");
  EXPECT("The budget was $1.5 billion.", "The budget was $1.5 billion.");
}

static void test_ellipsis(void **state) {
  (void)state;
  EXPECT("He said he would return... Then he left.", "He said he would return... Then he left.");
  EXPECT("Wait.. What?", "Wait.. What?");
}

static void test_parentheses(void **state) {
  (void)state;
  EXPECT("He was born in Almaty (then Alma-Ata. The city was renamed later.) and grew up there. "
         "He left in 1970.",
         "He was born in Almaty (then Alma-Ata. The city was renamed later.) and grew up there.",
         "He left in 1970.");
  EXPECT("Tokmak is small. (It lies east of the capital.) He was born there.",
         "Tokmak is small.", "(It lies east of the capital.)", "He was born there.");
  /* An unmatched bracket does not swallow the rest of the paragraph. */
  EXPECT("He wrote (a book. He left. She stayed.", "He wrote (a book.", "He left.", "She stayed.");
  EXPECT("Stray closer) here. Next one.", "Stray closer) here.", "Next one.");
}

static void test_quotes(void **state) {
  (void)state;
  EXPECT("He said \"We will win.\" The crowd cheered.", "He said \"We will win.\"",
         "The crowd cheered.");
  EXPECT("She called it \xE2\x80\x9C" "a reset.\xE2\x80\x9D Others disagreed.",
         "She called it \xE2\x80\x9C" "a reset.\xE2\x80\x9D", "Others disagreed.");
  EXPECT("He resigned. \"It is over,\" he said.", "He resigned.", "\"It is over,\" he said.");
  EXPECT("He asked \"why?\" and left.", "He asked \"why?\" and left.");
}

static void test_citations_kept(void **state) {
  (void)state;
  EXPECT("He was elected in 1992.[12] He resigned in 1994.[13][14] Few noticed.[citation needed]",
         "He was elected in 1992.[12]", "He resigned in 1994.[13][14]",
         "Few noticed.[citation needed]");
  EXPECT("He was re-elected.[a] (He had no rival.) It was 2005.",
         "He was re-elected.[a]", "(He had no rival.)", "It was 2005.");
}

static void test_lowercase_no_break(void **state) {
  (void)state;
  EXPECT("He studied at the univ. of Leeds. He left.", "He studied at the univ. of Leeds.",
         "He left.");
  EXPECT("The website example.com. Was popular.", "The website example.com.", "Was popular.");
}

static void test_unicode_spaces_and_letters(void **state) {
  (void)state;
  EXPECT("He left.\xC2\xA0Then he returned.", "He left.", "Then he returned.");
  EXPECT("Он родился в 1953 году. Он учился в Москве.", "Он родился в 1953 году.",
         "Он учился в Москве.");
  EXPECT("Hän syntyi. Äiti oli opettaja.", "Hän syntyi.", "Äiti oli opettaja.");
}

/* ---------- paragraphs and headings ---------- */

static const char doc1[] =
    "Aliya Dossanova\n"
    "Aliya Dossanova (born 3 April 1961) is a diplomat. She is married.\n"
    "\n"
    "\n"
    "Early life and education\n"
    "She was born in Shymkent. She studied law.\n"
    "Foreign Minister and State Secretary (1994–1999, 2002–2007)\n"
    "She served twice.\n"
    "Director-General of the U.N. Office at Geneva\n"
    "She moved to Geneva in 2011.\n"
    "2019\n"
    "In June, she returned.\n";

static void test_headings(void **state) {
  (void)state;
  fixture f;
  split(&f, doc1);
  assert_int_equal(vitae_sentences_heading_count(f.split), 5);
  assert_string_equal(heading(&f, 0), "Aliya Dossanova");
  assert_string_equal(heading(&f, 1), "Early life and education");
  assert_string_equal(heading(&f, 2), "Foreign Minister and State Secretary (1994–1999, 2002–2007)");
  assert_string_equal(heading(&f, 3), "Director-General of the U.N. Office at Geneva");
  assert_string_equal(heading(&f, 4), "2019");
  assert_int_equal(vitae_sentences_heading(f.split, 0)->level, 0);
  for (size_t h = 1; h < 5; h++) assert_int_equal(vitae_sentences_heading(f.split, h)->level, 1);
  assert_null(vitae_sentences_heading(f.split, 5));

  static const char *const want[] = {
      "Aliya Dossanova (born 3 April 1961) is a diplomat.", "She is married.",
      "She was born in Shymkent.", "She studied law.", "She served twice.",
      "She moved to Geneva in 2011.", "In June, she returned."};
  static const long heads[] = {0, 0, 1, 1, 2, 3, 4};
  static const size_t paras[] = {1, 1, 3, 3, 5, 7, 9};
  assert_int_equal(vitae_sentences_count(f.split), 7);
  for (size_t i = 0; i < 7; i++) {
    assert_string_equal(sent(&f, i), want[i]);
    assert_int_equal(vitae_sentences_get(f.split, i)->heading, heads[i]);
    assert_int_equal(vitae_sentences_get(f.split, i)->paragraph, paras[i]);
  }
  assert_null(vitae_sentences_get(f.split, 7));
  /* 10 paragraphs: 5 headings and 5 text paragraphs; blank lines are none. */
  assert_int_equal(vitae_sentences_paragraph_count(f.split), 10);
  const vitae_sentence_span *p = vitae_sentences_paragraph(f.split, 4);
  assert_non_null(p);
  assert_memory_equal(vitae_text_data(f.text) + p->begin, "Foreign Minister", 16);
  assert_int_equal(vitae_sentences_heading(f.split, 2)->paragraph, 4);
  assert_null(vitae_sentences_paragraph(f.split, 10));
  done(&f);
}

static void test_not_headings(void **state) {
  (void)state;
  fixture f;
  split(&f, "Title\n"
            "He retired.\n"                                      /* final period */
            "His awards include:\n"                              /* a lead-in */
            "* Order of the Golden Eagle\n"                      /* a list item */
            "- Medal of Honour\n"                                /* a list item */
            "Dossanova speaks Kazakh Russian English and Chinese and also some French as well\n"
            "Short line, with a comma,\n"
            "quoted \"Nothing\"\n");                             /* lowercase start */
  assert_int_equal(vitae_sentences_heading_count(f.split), 1);
  assert_string_equal(heading(&f, 0), "Title");
  /* The lowercase line continues the previous paragraph. */
  assert_int_equal(vitae_sentences_count(f.split), 6);
  assert_string_equal(sent(&f, 5), "Short line, with a comma,\nquoted \"Nothing\"");
  for (size_t i = 0; i < 6; i++) assert_int_equal(vitae_sentences_get(f.split, i)->heading, 0);
  done(&f);
}

static void test_no_title(void **state) {
  (void)state;
  fixture f;
  split(&f, "He was a diplomat. He retired in 2001.\nPersonal life\nHe married twice.\n");
  assert_int_equal(vitae_sentences_heading_count(f.split), 1);
  assert_string_equal(heading(&f, 0), "Personal life");
  assert_int_equal(vitae_sentences_heading(f.split, 0)->level, 1);
  assert_int_equal(vitae_sentences_get(f.split, 0)->heading, -1);
  assert_int_equal(vitae_sentences_get(f.split, 1)->heading, -1);
  assert_int_equal(vitae_sentences_get(f.split, 2)->heading, 0);
  done(&f);
}

static void test_heading_limits(void **state) {
  (void)state;
  fixture f;
  /* 12 words is a heading, 13 is not. */
  split(&f, "Title\n"
            "One two three four five six seven eight nine ten eleven twelve\n"
            "One two three four five six seven eight nine ten eleven twelve thirteen\n");
  assert_int_equal(vitae_sentences_heading_count(f.split), 2);
  assert_int_equal(vitae_sentences_count(f.split), 1);
  assert_string_equal(sent(&f, 0),
                      "One two three four five six seven eight nine ten eleven twelve thirteen");
  assert_int_equal(vitae_sentences_get(f.split, 0)->heading, 1);
  done(&f);
}

static void test_hard_wrapped(void **state) {
  (void)state;
  fixture f;
  split(&f, "He was born in\nthe city of Almaty. He left\nfor Moscow in 1970.\n");
  assert_int_equal(vitae_sentences_paragraph_count(f.split), 1);
  assert_int_equal(vitae_sentences_count(f.split), 2);
  assert_string_equal(sent(&f, 0), "He was born in\nthe city of Almaty.");
  assert_string_equal(sent(&f, 1), "He left\nfor Moscow in 1970.");
  assert_int_equal(vitae_sentences_heading_count(f.split), 0);
  done(&f);
}

static void test_blank_and_crlf(void **state) {
  (void)state;
  fixture f;
  split(&f, "Title\r\n\r\n   \r\nFirst para. Still first.\r\n\r\nSecond para.\r\n");
  assert_int_equal(vitae_sentences_count(f.split), 3);
  assert_int_equal(vitae_sentences_get(f.split, 0)->paragraph, 1);
  assert_int_equal(vitae_sentences_get(f.split, 1)->paragraph, 1);
  assert_int_equal(vitae_sentences_get(f.split, 2)->paragraph, 2);
  assert_string_equal(sent(&f, 2), "Second para.");
  done(&f);
  split(&f, " \n\t\n");
  assert_int_equal(vitae_sentences_count(f.split), 0);
  assert_int_equal(vitae_sentences_heading_count(f.split), 0);
  assert_int_equal(vitae_sentences_paragraph_count(f.split), 0);
  done(&f);
}

static void test_spans_are_byte_offsets(void **state) {
  (void)state;
  fixture f;
  split(&f, "Қасым\nОн родился. He left.\n");
  const vitae_sentence *s = vitae_sentences_get(f.split, 1);
  assert_non_null(s);
  /* "Қасым\n" is 11 bytes; "Он родился. " is 21 bytes and 12 code points. */
  assert_int_equal(vitae_sentences_get(f.split, 0)->begin, 11);
  assert_int_equal(s->begin, 11 + 21);
  assert_int_equal(s->end, 11 + 21 + 8);
  assert_int_equal(vitae_text_codepoint_offset(f.text, s->begin), 6 + 12);
  done(&f);
}

/* ---------- abbreviations table ---------- */

static void test_abbrevs_table(void **state) {
  (void)state;
  vitae_sentence_abbrevs *a = NULL;
  static const char *const list[] = {"Dr.", "Prof", NULL, "", "U.S."};
  assert_int_equal(vitae_sentence_abbrevs_new(list, 5, &a), VITAE_OK);
  assert_true(vitae_sentence_abbrevs_contains(a, "Dr.", 3));
  assert_true(vitae_sentence_abbrevs_contains(a, "Prof.", 5)); /* '.' added */
  assert_false(vitae_sentence_abbrevs_contains(a, "Prof", 4));
  assert_false(vitae_sentence_abbrevs_contains(a, "dr.", 3)); /* case-sensitive */
  assert_true(vitae_sentence_abbrevs_contains(a, "U.S.", 4));
  assert_false(vitae_sentence_abbrevs_contains(a, "U.S", 3));
  /* Growth past the initial table size; duplicates are harmless. */
  for (int i = 0; i < 300; i++) {
    char buf[16];
    int n = snprintf(buf, sizeof buf, "Ab%d.", i);
    assert_int_equal(vitae_sentence_abbrevs_add(a, buf, (size_t)n), VITAE_OK);
    assert_int_equal(vitae_sentence_abbrevs_add(a, buf, (size_t)n), VITAE_OK);
  }
  assert_true(vitae_sentence_abbrevs_contains(a, "Ab299.", 6));
  assert_true(vitae_sentence_abbrevs_contains(a, "Dr.", 3));
  assert_false(vitae_sentence_abbrevs_contains(a, "Ab300.", 6));
  assert_int_equal(vitae_sentence_abbrevs_add(a, "Mrs.\r", 5), VITAE_OK); /* a CRLF line */
  assert_true(vitae_sentence_abbrevs_contains(a, "Mrs.", 4));
  vitae_sentence_abbrevs_free(a);
  vitae_sentence_abbrevs_free(NULL);
  assert_false(vitae_sentence_abbrevs_contains(NULL, "Dr.", 3));
}

static void test_abbrevs_from_table_matter(void **state) {
  (void)state;
  /* Without a table, "Dr." ends a sentence before a capital; with one, not. */
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t;
  const char *doc = "He met Dr. Ivanov there.";
  assert_int_equal(vitae_text_from_bytes(doc, strlen(doc), 0, "d", &t, &err), VITAE_OK);
  vitae_sentences *s;
  assert_int_equal(vitae_sentence_split(t, NULL, &s, &err), VITAE_OK);
  assert_int_equal(vitae_sentences_count(s), 2);
  vitae_sentences_free(s);
  vitae_sentence_abbrevs *a;
  static const char *const list[] = {"Dr."};
  assert_int_equal(vitae_sentence_abbrevs_new(list, 1, &a), VITAE_OK);
  assert_int_equal(vitae_sentence_split(t, a, &s, &err), VITAE_OK);
  assert_int_equal(vitae_sentences_count(s), 1);
  vitae_sentences_free(s);
  vitae_sentence_abbrevs_free(a);
  vitae_text_free(t);
}

/* ---------- citations ---------- */

static void test_citation_helper(void **state) {
  (void)state;
  const char *s = "He won.[12][a] Later[citation needed] he [qɑˈsəm] left [Note 1] [].";
  vitae_sentence_span c[8];
  size_t n = vitae_sentence_citations(s, strlen(s), c, 8);
  assert_int_equal(n, 3);
  assert_int_equal(c[0].begin, 7);
  assert_int_equal(c[0].end, 11);
  assert_int_equal(c[1].begin, 11);
  assert_int_equal(c[1].end, 14);
  assert_memory_equal(s + c[2].begin, "[citation needed]", c[2].end - c[2].begin);
  assert_int_equal(vitae_sentence_citations(s, strlen(s), c, 1), 3);
  assert_int_equal(vitae_sentence_citations(s, strlen(s), NULL, 0), 3);
  assert_int_equal(vitae_sentence_citations("[1", 2, c, 8), 0);
  assert_int_equal(vitae_sentence_citations(NULL, 0, c, 8), 0);
  /* Longer than 40 characters: not a citation. */
  const char *longer = "[aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa a]";
  assert_int_equal(vitae_sentence_citations(longer, strlen(longer), c, 8), 0);
}

/* ---------- robustness ---------- */

static void test_pathological_inputs(void **state) {
  (void)state;
  /* Deep brackets, long runs of periods and initials: must finish quickly
   * (linear) and give sane spans. */
  size_t len = 200000;
  char *doc = malloc(len + 1);
  assert_non_null(doc);
  static const char *const pats[] = {"(", "a. B", "...", "[1]", ")", " ", "U.", "\n", "x"};
  for (size_t p = 0; p < 9; p++) {
    for (size_t i = 0; i < len; i++) {
      const char *pat = pats[(p + i / 7) % 9 == 0 ? p : (p + i) % 9];
      doc[i] = pat[i % strlen(pat)];
    }
    doc[len] = '\0';
    fixture f;
    split(&f, doc);
    size_t prev_end = 0;
    for (size_t i = 0; i < vitae_sentences_count(f.split); i++) {
      const vitae_sentence *s = vitae_sentences_get(f.split, i);
      assert_true(s->begin < s->end);
      assert_true(s->begin >= prev_end);
      assert_true(s->end <= vitae_text_size(f.text));
      prev_end = s->end;
    }
    done(&f);
  }
  free(doc);
}

static void test_free_null(void **state) {
  (void)state;
  vitae_sentences_free(NULL);
  assert_int_equal(vitae_sentences_count(NULL), 0);
  assert_null(vitae_sentences_get(NULL, 0));
  vitae_error err;
  vitae_error_clear(&err);
  vitae_sentences *s;
  assert_int_equal(vitae_sentence_split(NULL, NULL, &s, &err), VITAE_ERR_USAGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_simple),
      cmocka_unit_test(test_abbreviation_then_title),
      cmocka_unit_test(test_abbreviation_ambiguity),
      cmocka_unit_test(test_initials),
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_ellipsis),
      cmocka_unit_test(test_parentheses),
      cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_citations_kept),
      cmocka_unit_test(test_lowercase_no_break),
      cmocka_unit_test(test_unicode_spaces_and_letters),
      cmocka_unit_test(test_headings),
      cmocka_unit_test(test_not_headings),
      cmocka_unit_test(test_no_title),
      cmocka_unit_test(test_heading_limits),
      cmocka_unit_test(test_hard_wrapped),
      cmocka_unit_test(test_blank_and_crlf),
      cmocka_unit_test(test_spans_are_byte_offsets),
      cmocka_unit_test(test_abbrevs_table),
      cmocka_unit_test(test_abbrevs_from_table_matter),
      cmocka_unit_test(test_citation_helper),
      cmocka_unit_test(test_pathological_inputs),
      cmocka_unit_test(test_free_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
