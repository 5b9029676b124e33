/* Unit tests for src/extract/date: formatting, validity, month tables,
 * single-date parsing and finding every date expression in a sentence.
 * The sentences are written for these tests in the style of the corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/date.h"

static vitae_months *months;

static int setup(void **state) {
  (void)state;
  return vitae_months_default(&months) == VITAE_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  vitae_months_free(months);
  return 0;
}

static vitae_date D(int y, int m, int d) {
  vitae_date x = {y, m, d};
  return x;
}

/* ---------- vitae_date ---------- */

static void expect_format(vitae_date d, const char *want, const char *type) {
  char buf[VITAE_DATE_FORMAT_MAX];
  size_t n = vitae_date_format(&d, buf, sizeof buf);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
  if (type) assert_string_equal(vitae_date_xsd_type(&d), type);
  else assert_null(vitae_date_xsd_type(&d));
}

static void test_format(void **state) {
  (void)state;
  expect_format(D(2019, 6, 12), "2019-06-12", "date");
  expect_format(D(2019, 6, 0), "2019-06", "gYearMonth");
  expect_format(D(2019, 0, 0), "2019", "gYear");
  expect_format(D(1000, 1, 1), "1000-01-01", "date");
  expect_format(D(812, 0, 0), "0812", "gYear");
  expect_format(D(2019, 13, 0), "", NULL);
  expect_format(D(2019, 0, 5), "", NULL);   /* a day without a month */
  expect_format(D(2019, 6, 31), "", NULL);  /* June has 30 days */
  expect_format(D(0, 6, 12), "", NULL);     /* year unknown */
  expect_format(D(10000, 1, 1), "", NULL);
  expect_format(D(2019, -1, 0), "", NULL);
  /* Too small a buffer gives "" and 0. */
  char small[8];
  vitae_date d = D(2019, 6, 12);
  assert_int_equal(vitae_date_format(&d, small, sizeof small), 0);
  assert_string_equal(small, "");
  assert_int_equal(vitae_date_format(&d, small, 0), 0);
  assert_int_equal(vitae_date_format(NULL, small, sizeof small), 0);
}

static void test_validity_and_leap_years(void **state) {
  (void)state;
  vitae_date d;
  d = D(2020, 2, 29);
  assert_true(vitae_date_valid(&d));
  d = D(2019, 2, 29);
  assert_false(vitae_date_valid(&d));
  d = D(2000, 2, 29);
  assert_true(vitae_date_valid(&d));
  d = D(1900, 2, 29);
  assert_false(vitae_date_valid(&d));
  d = D(2019, 4, 31);
  assert_false(vitae_date_valid(&d));
  d = D(2019, 12, 31);
  assert_true(vitae_date_valid(&d));
  assert_false(vitae_date_valid(NULL));
  assert_int_equal(vitae_date_days_in_month(2019, 2), 28);
  assert_int_equal(vitae_date_days_in_month(2024, 2), 29);
  assert_int_equal(vitae_date_days_in_month(2019, 9), 30);
  assert_int_equal(vitae_date_days_in_month(2019, 0), 0);
  assert_int_equal(vitae_date_days_in_month(2019, 13), 0);
}

static void test_compare(void **state) {
  (void)state;
  vitae_date a = D(2019, 0, 0), b = D(2019, 6, 0), c = D(2019, 6, 12), e = D(2019, 7, 0),
             f = D(2020, 1, 1);
  assert_true(vitae_date_compare(&a, &b) < 0);
  assert_true(vitae_date_compare(&b, &c) < 0);
  assert_true(vitae_date_compare(&c, &e) < 0);
  assert_true(vitae_date_compare(&e, &f) < 0);
  assert_true(vitae_date_compare(&f, &a) > 0);
  assert_int_equal(vitae_date_compare(&c, &c), 0);
}

/* ---------- month tables ---------- */

static void test_months_table(void **state) {
  (void)state;
  vitae_months *m = NULL;
  assert_int_equal(vitae_months_new(&m), VITAE_OK);
  /* Rows as in months.tsv: number<TAB>January|Jan.|Jan */
  assert_int_equal(vitae_months_add(m, 1, "January", 7), VITAE_OK);
  assert_int_equal(vitae_months_add(m, 1, "Jan.", 4), VITAE_OK);
  assert_int_equal(vitae_months_add(m, 1, "Jan", 3), VITAE_OK);
  assert_int_equal(vitae_months_add(m, 9, "Sept.", 5), VITAE_OK);
  assert_int_equal(vitae_months_add(m, 0, "Zero", 4), VITAE_ERR_USAGE);
  assert_int_equal(vitae_months_add(m, 13, "Undecember", 10), VITAE_ERR_USAGE);
  assert_int_equal(vitae_months_add(m, 5, "", 0), VITAE_ERR_USAGE);
  size_t n = 0;
  assert_int_equal(vitae_months_match(m, "January 2019", 12, &n), 1);
  assert_int_equal(n, 7);
  assert_int_equal(vitae_months_match(m, "Jan. 5", 6, &n), 1);
  assert_int_equal(n, 4); /* the longest name wins */
  assert_int_equal(vitae_months_match(m, "Jan 5", 5, &n), 1);
  assert_int_equal(n, 3);
  assert_int_equal(vitae_months_match(m, "Janet", 5, &n), 0); /* whole words only */
  assert_int_equal(n, 0);
  assert_int_equal(vitae_months_match(m, "january", 7, &n), 0); /* case-sensitive */
  assert_int_equal(vitae_months_match(m, "Sept.", 5, NULL), 9);
  assert_int_equal(vitae_months_match(m, "Jan", 2, NULL), 0); /* len is honoured */
  /* The table drives parsing: "Jan 2019" is a date with it, not without. */
  vitae_date d;
  assert_int_equal(vitae_date_parse("Jan 2019", 8, m, &d), VITAE_OK);
  assert_int_equal(d.month, 1);
  assert_int_equal(vitae_date_parse("Jan 2019", 8, months, &d), VITAE_ERR_SYNTAX);
  assert_int_equal(vitae_date_parse("March 2019", 10, m, &d), VITAE_ERR_SYNTAX);
  vitae_months_free(m);
  vitae_months_free(NULL);
  assert_int_equal(vitae_months_match(NULL, "May", 3, NULL), 0);
}

static void test_months_other_language(void **state) {
  (void)state;
  /* Nothing English is built into the parser. */
  vitae_months *m = NULL;
  assert_int_equal(vitae_months_new(&m), VITAE_OK);
  assert_int_equal(vitae_months_add(m, 5, "мая", strlen("мая")), VITAE_OK);
  vitae_date d;
  const char *s = "17 мая 1953";
  assert_int_equal(vitae_date_parse(s, strlen(s), m, &d), VITAE_OK);
  assert_int_equal(d.year, 1953);
  assert_int_equal(d.month, 5);
  assert_int_equal(d.day, 17);
  vitae_months_free(m);
}

/* ---------- vitae_date_parse ---------- */

static void expect_parse(const char *s, int y, int m, int d) {
  vitae_date out;
  vitae_status st = vitae_date_parse(s, strlen(s), months, &out);
  if (st != VITAE_OK) fail_msg("'%s' did not parse (%d)", s, st);
  if (out.year != y || out.month != m || out.day != d)
    fail_msg("'%s' -> %d-%d-%d, expected %d-%d-%d", s, out.year, out.month, out.day, y, m, d);
}

static void expect_no_parse(const char *s, vitae_status want) {
  vitae_date out;
  vitae_status st = vitae_date_parse(s, strlen(s), months, &out);
  if (st != want) fail_msg("'%s' gave status %d, expected %d", s, st, want);
}

static void test_parse_forms(void **state) {
  (void)state;
  expect_parse("17 May 1953", 1953, 5, 17);
  expect_parse("May 17, 1953", 1953, 5, 17);
  expect_parse("May 17 1953", 1953, 5, 17);
  expect_parse("17th of May 1953", 1953, 5, 17);
  expect_parse("17th May 1953", 1953, 5, 17);
  expect_parse("June 12th, 2019", 2019, 6, 12);
  expect_parse("1 January 2000", 2000, 1, 1);
  expect_parse("March 1992", 1992, 3, 0);
  expect_parse("March of 1992", 1992, 3, 0);
  expect_parse("1953", 1953, 0, 0);
  expect_parse("  1953 \n", 1953, 0, 0);
  expect_parse("Sept. 3, 2001", 2001, 9, 3);
  expect_parse("Dec. 2019", 2019, 12, 0);
  expect_parse("2019-06-12", 2019, 6, 12);
  expect_parse("29 February 2020", 2020, 2, 29);
  /* Qualified years give the year. */
  expect_parse("late 2019", 2019, 0, 0);
  expect_parse("early 1990", 1990, 0, 0);
  expect_parse("mid-1990", 1990, 0, 0);
  expect_parse("circa 1950", 1950, 0, 0);
  expect_parse("c. 1950", 1950, 0, 0);
  expect_parse("early March 1992", 1992, 3, 0);
}

static void test_parse_rejects(void **state) {
  (void)state;
  /* Decades give no date. */
  expect_no_parse("mid-1990s", VITAE_ERR_SYNTAX);
  expect_no_parse("the 1990s", VITAE_ERR_SYNTAX);
  expect_no_parse("1990s", VITAE_ERR_SYNTAX);
  expect_no_parse("1990's", VITAE_ERR_SYNTAX);
  /* Impossible dates. */
  expect_no_parse("29 February 2019", VITAE_ERR_INPUT);
  expect_no_parse("31 June 2019", VITAE_ERR_INPUT);
  expect_no_parse("February 30, 2020", VITAE_ERR_INPUT);
  expect_no_parse("2019-13-01", VITAE_ERR_INPUT);
  expect_no_parse("2019-02-30", VITAE_ERR_INPUT);
  /* Not dates, or not whole dates. */
  expect_no_parse("32 May 1953", VITAE_ERR_SYNTAX);
  expect_no_parse("0 May 1953", VITAE_ERR_SYNTAX);
  expect_no_parse("May", VITAE_ERR_SYNTAX);
  expect_no_parse("17 May", VITAE_ERR_SYNTAX);
  expect_no_parse("13.5%", VITAE_ERR_SYNTAX);
  expect_no_parse("$2019", VITAE_ERR_SYNTAX);
  expect_no_parse("999", VITAE_ERR_SYNTAX);
  expect_no_parse("2101", VITAE_ERR_SYNTAX);
  expect_no_parse("12345", VITAE_ERR_SYNTAX);
  expect_no_parse("2019th", VITAE_ERR_SYNTAX);
  expect_no_parse("1953 people", VITAE_ERR_SYNTAX);
  expect_no_parse("in 1953", VITAE_ERR_SYNTAX);
  expect_no_parse("before 1953", VITAE_ERR_SYNTAX);
  expect_no_parse("1953 1954", VITAE_ERR_SYNTAX);
  expect_no_parse("", VITAE_ERR_SYNTAX);
  expect_no_parse("may 1953", VITAE_ERR_SYNTAX); /* month names are case-sensitive */
  vitae_date d;
  assert_int_equal(vitae_date_parse(NULL, 0, months, &d), VITAE_ERR_USAGE);
}

/* ---------- vitae_date_find ---------- */

#define MAXM 16

typedef struct {
  const char *s;
  vitae_date_mention m[MAXM];
  size_t n;
} found;

static void find(found *f, const char *s) {
  f->s = s;
  f->n = vitae_date_find(s, strlen(s), months, f->m, MAXM);
}

static void dump(const found *f) {
  for (size_t i = 0; i < f->n && i < MAXM; i++) {
    const vitae_date_mention *m = &f->m[i];
    print_message("  [%zu] %s '%.*s' from %d-%d-%d to %d-%d-%d unit %d offset %d\n", i,
                  vitae_date_kind_name(m->kind), (int)(m->end - m->begin), f->s + m->begin,
                  m->from.year, m->from.month, m->from.day, m->to.year, m->to.month, m->to.day,
                  m->unit, m->offset);
  }
}

static void expect_count(const found *f, size_t n) {
  if (f->n != n) {
    dump(f);
    fail_msg("'%s': %zu mentions, expected %zu", f->s, f->n, n);
  }
}

static void expect_mention(const found *f, size_t i, vitae_date_kind kind, const char *span) {
  if (i >= f->n) {
    dump(f);
    fail_msg("'%s': no mention %zu", f->s, i);
  }
  const vitae_date_mention *m = &f->m[i];
  size_t n = strlen(span);
  if (m->kind != kind || m->end - m->begin != n || memcmp(f->s + m->begin, span, n) != 0) {
    dump(f);
    fail_msg("'%s' mention %zu: expected %s '%s'", f->s, i, vitae_date_kind_name(kind), span);
  }
}

static void expect_date(vitae_date got, int y, int m, int d) {
  if (got.year != y || got.month != m || got.day != d)
    fail_msg("date %d-%d-%d, expected %d-%d-%d", got.year, got.month, got.day, y, m, d);
}

/* One mention, the whole of it checked. */
static void one(const char *s, vitae_date_kind kind, const char *span, vitae_date from,
                vitae_date to) {
  found f;
  find(&f, s);
  expect_count(&f, 1);
  expect_mention(&f, 0, kind, span);
  expect_date(f.m[0].from, from.year, from.month, from.day);
  expect_date(f.m[0].to, to.year, to.month, to.day);
}

static const vitae_date NONE = {0, 0, 0};

static void test_find_points(void **state) {
  (void)state;
  one("He was appointed on 12 June 2019 by decree.", VITAE_DATE_POINT, "on 12 June 2019",
      D(2019, 6, 12), NONE);
  one("In 1992, she became a deputy minister.", VITAE_DATE_POINT, "In 1992", D(1992, 0, 0), NONE);
  one("She was born in Karaganda (born 3 April 1961).", VITAE_DATE_POINT, "3 April 1961",
      D(1961, 4, 3), NONE);
  one("The vote was held on November 20, 2022, in two rounds.", VITAE_DATE_POINT,
      "on November 20, 2022", D(2022, 11, 20), NONE);
  one("He arrived on the 12th of June 2019.", VITAE_DATE_POINT, "12th of June 2019",
      D(2019, 6, 12), NONE);
  one("In March 1992 he moved.", VITAE_DATE_POINT, "In March 1992", D(1992, 3, 0), NONE);
  one("The 2019 presidential election was early.", VITAE_DATE_POINT, "2019", D(2019, 0, 0), NONE);
  one("It entered into force on 2019-06-12.", VITAE_DATE_POINT, "on 2019-06-12", D(2019, 6, 12),
      NONE);
  one("She was elected during 2005 as a deputy.", VITAE_DATE_POINT, "during 2005",
      D(2005, 0, 0), NONE);
  one("The 1000th anniversary fell in 1000.", VITAE_DATE_POINT, "in 1000", D(1000, 0, 0), NONE);
}

static void test_find_modifiers(void **state) {
  (void)state;
  found f;
  find(&f, "In late 2019 he resigned, and by 2030 the plan ends.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_POINT, "In late 2019");
  assert_int_equal(f.m[0].from_mod, VITAE_DATE_MOD_LATE);
  expect_mention(&f, 1, VITAE_DATE_POINT, "by 2030");
  assert_int_equal(f.m[1].from_mod, VITAE_DATE_MOD_BY);
  find(&f, "In early 1990 and mid-2019 and circa 1950 and c. 1951 and autumn 2020.");
  expect_count(&f, 5);
  assert_int_equal(f.m[0].from_mod, VITAE_DATE_MOD_EARLY);
  expect_date(f.m[0].from, 1990, 0, 0);
  expect_mention(&f, 1, VITAE_DATE_POINT, "mid-2019");
  assert_int_equal(f.m[1].from_mod, VITAE_DATE_MOD_MID);
  assert_int_equal(f.m[2].from_mod, VITAE_DATE_MOD_CIRCA);
  expect_mention(&f, 3, VITAE_DATE_POINT, "c. 1951");
  assert_int_equal(f.m[3].from_mod, VITAE_DATE_MOD_CIRCA);
  expect_mention(&f, 4, VITAE_DATE_POINT, "autumn 2020");
  assert_int_equal(f.m[4].from_mod, VITAE_DATE_MOD_AUTUMN);
  find(&f, "It was dissolved at the end of 2016, before 1991 rules applied.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_POINT, "at the end of 2016");
  assert_int_equal(f.m[0].from_mod, VITAE_DATE_MOD_LATE);
  expect_mention(&f, 1, VITAE_DATE_POINT, "before 1991");
  assert_int_equal(f.m[1].from_mod, VITAE_DATE_MOD_BEFORE);
  find(&f, "In the spring of 1991 talks began.");
  expect_count(&f, 1);
  assert_int_equal(f.m[0].from_mod, VITAE_DATE_MOD_SPRING);
}

static void test_find_ranges(void **state) {
  (void)state;
  one("He held the post from 1999 to 2002.", VITAE_DATE_RANGE, "from 1999 to 2002",
      D(1999, 0, 0), D(2002, 0, 0));
  one("Prime Minister (1999–2002)", VITAE_DATE_RANGE, "1999–2002", D(1999, 0, 0), D(2002, 0, 0));
  one("Prime Minister 1999—2002", VITAE_DATE_RANGE, "1999—2002", D(1999, 0, 0), D(2002, 0, 0));
  one("Prime Minister 1999-2002", VITAE_DATE_RANGE, "1999-2002", D(1999, 0, 0), D(2002, 0, 0));
  one("Prime Minister 1999 – 2002", VITAE_DATE_RANGE, "1999 – 2002", D(1999, 0, 0),
      D(2002, 0, 0));
  one("His father (1923–1986) was a writer.", VITAE_DATE_RANGE, "1923–1986", D(1923, 0, 0),
      D(1986, 0, 0));
  one("She chaired it 2013 to 2019.", VITAE_DATE_RANGE, "2013 to 2019", D(2013, 0, 0),
      D(2019, 0, 0));
  one("He studied there between 1994 and 1999.", VITAE_DATE_RANGE, "between 1994 and 1999",
      D(1994, 0, 0), D(1999, 0, 0));
  one("He was envoy from March 1992 to 1994.", VITAE_DATE_RANGE, "from March 1992 to 1994",
      D(1992, 3, 0), D(1994, 0, 0));
  one("She served from 2007 until 2011.", VITAE_DATE_RANGE, "from 2007 until 2011",
      D(2007, 0, 0), D(2011, 0, 0));
  one("from 16 January 2006 to 22 January 2018", VITAE_DATE_RANGE,
      "from 16 January 2006 to 22 January 2018", D(2006, 1, 16), D(2018, 1, 22));
  one("In 1984–1985 he studied.", VITAE_DATE_RANGE, "In 1984–1985", D(1984, 0, 0),
      D(1985, 0, 0));
  one("He was minister 1994–99.", VITAE_DATE_RANGE, "1994–99", D(1994, 0, 0), D(1999, 0, 0));
  one("The season 2019–20 was short.", VITAE_DATE_RANGE, "2019–20", D(2019, 0, 0),
      D(2020, 0, 0));
  one("from early 1990 to late 1992", VITAE_DATE_RANGE, "from early 1990 to late 1992",
      D(1990, 0, 0), D(1992, 0, 0));
  found f;
  find(&f, "from early 1990 to late 1992");
  assert_int_equal(f.m[0].from_mod, VITAE_DATE_MOD_EARLY);
  assert_int_equal(f.m[0].to_mod, VITAE_DATE_MOD_LATE);
}

static void test_find_several_ranges(void **state) {
  (void)state;
  found f;
  find(&f, "She chaired the Senate from 2007 to 2011 and 2013 to 2019.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_RANGE, "from 2007 to 2011");
  expect_mention(&f, 1, VITAE_DATE_RANGE, "2013 to 2019");
  expect_date(f.m[1].to, 2019, 0, 0);
  find(&f, "Foreign Minister and State Secretary (1994–1999, 2002–2007)");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_RANGE, "1994–1999");
  expect_mention(&f, 1, VITAE_DATE_RANGE, "2002–2007");
  find(&f, "He was elected in 1992 and 1996.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_POINT, "in 1992");
  expect_mention(&f, 1, VITAE_DATE_POINT, "1996");
}

static void test_find_day_ranges(void **state) {
  (void)state;
  one("The summit took place on 12–13 June 2019 in the capital.", VITAE_DATE_RANGE,
      "on 12–13 June 2019", D(2019, 6, 12), D(2019, 6, 13));
  one("The summit took place June 12–13, 2019.", VITAE_DATE_RANGE, "June 12–13, 2019",
      D(2019, 6, 12), D(2019, 6, 13));
  one("The visit lasted from 21 June to 2 August 2018.", VITAE_DATE_RANGE,
      "from 21 June to 2 August 2018", D(2018, 6, 21), D(2018, 8, 2));
  one("The campaign ran March–June 2019.", VITAE_DATE_RANGE, "March–June 2019", D(2019, 3, 0),
      D(2019, 6, 0));
  /* A year borrowed backwards crosses the new year. */
  one("The winter session ran December–February 2019.", VITAE_DATE_RANGE,
      "December–February 2019", D(2018, 12, 0), D(2019, 2, 0));
  /* Day ranges must increase and fit the month. */
  found f;
  find(&f, "on 13–12 June 2019");
  assert_false(f.n >= 1 && f.m[0].kind == VITAE_DATE_RANGE);
  find(&f, "on 30–31 June 2019");
  assert_false(f.n >= 1 && f.m[0].kind == VITAE_DATE_RANGE);
}

static void test_find_open_ranges(void **state) {
  (void)state;
  one("He has been president since 2019.", VITAE_DATE_SINCE, "since 2019", D(2019, 0, 0), NONE);
  one("She has served since 12 June 2019.", VITAE_DATE_SINCE, "since 12 June 2019",
      D(2019, 6, 12), NONE);
  one("From 2002, he served as minister.", VITAE_DATE_SINCE, "From 2002", D(2002, 0, 0), NONE);
  one("Second presidency (2023–present)", VITAE_DATE_SINCE, "2023–present", D(2023, 0, 0), NONE);
  one("He led it from 1990 to the present day.", VITAE_DATE_SINCE, "from 1990", D(1990, 0, 0),
      NONE);
  one("The island was known as Ceylon until 1972.", VITAE_DATE_UNTIL, "until 1972", NONE,
      D(1972, 0, 0));
  one("He stayed till 2011.", VITAE_DATE_UNTIL, "till 2011", NONE, D(2011, 0, 0));
  one("He stayed up to 2011.", VITAE_DATE_UNTIL, "up to 2011", NONE, D(2011, 0, 0));
  one("It lasted until early 2022.", VITAE_DATE_UNTIL, "until early 2022", NONE, D(2022, 0, 0));
  found f;
  find(&f, "It lasted until early 2022.");
  assert_int_equal(f.m[0].to_mod, VITAE_DATE_MOD_EARLY);
  assert_int_equal(f.m[0].from_mod, VITAE_DATE_MOD_NONE);
}

static void test_find_relative_month(void **state) {
  (void)state;
  found f;
  find(&f, "In 1999 she became deputy prime minister, and in October of that year she was "
           "appointed prime minister.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_POINT, "In 1999");
  expect_mention(&f, 1, VITAE_DATE_RELATIVE_MONTH, "in October of that year");
  expect_date(f.m[1].from, 0, 10, 0);
  assert_int_equal(f.m[1].offset, 0);
  find(&f, "He won in June of the following year.");
  expect_count(&f, 1);
  expect_mention(&f, 0, VITAE_DATE_RELATIVE_MONTH, "in June of the following year");
  assert_int_equal(f.m[0].offset, 1);
  find(&f, "in September that year");
  expect_mention(&f, 0, VITAE_DATE_RELATIVE_MONTH, "in September that year");
  find(&f, "He returned on 2 September and left in May.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_RELATIVE_MONTH, "on 2 September");
  expect_date(f.m[0].from, 0, 9, 2);
  expect_mention(&f, 1, VITAE_DATE_RELATIVE_MONTH, "in May");
  expect_date(f.m[1].from, 0, 5, 0);
  /* 29 February is allowed without a year (a leap year may be meant). */
  find(&f, "on 29 February");
  expect_count(&f, 1);
  /* A month name without a cue may be a name, not a date. */
  find(&f, "Theresa May said so.");
  expect_count(&f, 0);
}

static void test_find_relative(void **state) {
  (void)state;
  static const struct {
    const char *s, *span;
    vitae_date_unit unit;
    int offset;
  } cases[] = {
      {"He declared the following day a day of mourning.", "the following day",
       VITAE_DATE_UNIT_DAY, 1},
      {"She resigned the next year.", "the next year", VITAE_DATE_UNIT_YEAR, 1},
      {"A year later he returned.", "A year later", VITAE_DATE_UNIT_YEAR, 1},
      {"Two days later the decree was signed.", "Two days later", VITAE_DATE_UNIT_DAY, 2},
      {"He was promoted 12 days later.", "12 days later", VITAE_DATE_UNIT_DAY, 12},
      {"That year the party split.", "That year", VITAE_DATE_UNIT_YEAR, 0},
      {"In the same year he married.", "the same year", VITAE_DATE_UNIT_YEAR, 0},
      {"He had left three years earlier.", "three years earlier", VITAE_DATE_UNIT_YEAR, -3},
      {"A decade later it was renamed.", "A decade later", VITAE_DATE_UNIT_YEAR, 10},
      {"He had visited the previous month.", "the previous month", VITAE_DATE_UNIT_MONTH, -1},
      {"Later that year he resigned.", "Later that year", VITAE_DATE_UNIT_YEAR, 0},
      {"A week later he left.", "A week later", VITAE_DATE_UNIT_WEEK, 1},
      {"The pope came that same month.", "that same month", VITAE_DATE_UNIT_MONTH, 0},
      {"He had arrived the day before.", "the day before", VITAE_DATE_UNIT_DAY, -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    found f;
    find(&f, cases[i].s);
    expect_count(&f, 1);
    expect_mention(&f, 0, VITAE_DATE_RELATIVE, cases[i].span);
    assert_int_equal(f.m[0].unit, cases[i].unit);
    assert_int_equal(f.m[0].offset, cases[i].offset);
  }
  /* A relative expression and an absolute date side by side. */
  found f;
  find(&f, "He declared the following day, 28 December 2019, a day of mourning.");
  expect_count(&f, 2);
  expect_mention(&f, 0, VITAE_DATE_RELATIVE, "the following day");
  expect_mention(&f, 1, VITAE_DATE_POINT, "28 December 2019");
  /* Not relative: no unit, or "the day before the vote" (anchored elsewhere). */
  find(&f, "The next government fell. The day before the vote he left.");
  expect_count(&f, 0);
  find(&f, "For two years he taught.");
  expect_count(&f, 0);
}

static void test_find_not_years(void **state) {
  (void)state;
  static const char *const cases[] = {
      "Growth reached 13.5% that quarter.",
      "The project cost $2019 in total.",
      "The fund holds €1999 and £1999.",
      "Some 2,000 people attended.",
      "The town had a population of 1953 in the census.",
      "A total of 2000 delegates came.",
      "About 2000 people protested.",
      "The plane, Flight 2100, crashed.",
      "He attended School No. 1953 as a boy.",
      "Resolution 1973 was adopted.",
      "Reforms of the 1990s and the mid-1990s.",
      "In the 1980's he taught.",
      "It was his 2019th speech.",
      "The index rose to 1953.5 points.",
      "The meeting ended at 20:15.",
      "Turnout was 1999% of the roll.",
      "A sum of 999 or 2101 or 12345 units.",
      "The 1953 votes were counted.",
      "A road of 2050 km was built.",
      "It weighs 1200 kg.",
      "They held a 1000 year anniversary.",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    found f;
    find(&f, cases[i]);
    expect_count(&f, 0);
  }
  /* After "in", a year wins over a following count word. */
  found f;
  find(&f, "In 2000 people voted for the first time.");
  expect_count(&f, 1);
  expect_mention(&f, 0, VITAE_DATE_POINT, "In 2000");
}

static void test_find_invalid_dates_skipped(void **state) {
  (void)state;
  found f;
  find(&f, "He was born on 31 June 2019 or on 30 February 2019.");
  expect_count(&f, 0);
  find(&f, "The decree of June 31, 2019 was void; in 2020 it was replaced.");
  expect_count(&f, 1);
  expect_mention(&f, 0, VITAE_DATE_POINT, "in 2020");
  find(&f, "It took place on 32 May 1953.");
  /* "32" is no day, so only "May 1953" remains. */
  expect_count(&f, 1);
  expect_mention(&f, 0, VITAE_DATE_POINT, "May 1953");
}

static void test_find_max_and_counts(void **state) {
  (void)state;
  const char *s = "In 1991, 1992, 1993, 1994 and 1995.";
  vitae_date_mention m[2];
  assert_int_equal(vitae_date_find(s, strlen(s), months, m, 2), 5);
  expect_date(m[0].from, 1991, 0, 0);
  expect_date(m[1].from, 1992, 0, 0);
  assert_int_equal(vitae_date_find(s, strlen(s), months, NULL, 0), 5);
  assert_int_equal(vitae_date_find(NULL, 0, months, m, 2), 0);
  assert_int_equal(vitae_date_find("", 0, months, m, 2), 0);
  /* A length shorter than the string is honoured. */
  assert_int_equal(vitae_date_find(s, 7, months, m, 2), 1);
  /* Without a month table, only numeric forms are found. */
  const char *t = "On 12 June 2019 and from 1999 to 2002.";
  assert_int_equal(vitae_date_find(t, strlen(t), NULL, m, 2), 2);
  expect_date(m[0].from, 2019, 0, 0);
}

static void test_kind_names(void **state) {
  (void)state;
  assert_string_equal(vitae_date_kind_name(VITAE_DATE_POINT), "point");
  assert_string_equal(vitae_date_kind_name(VITAE_DATE_RANGE), "range");
  assert_string_equal(vitae_date_kind_name(VITAE_DATE_SINCE), "since");
  assert_string_equal(vitae_date_kind_name(VITAE_DATE_UNTIL), "until");
  assert_string_equal(vitae_date_kind_name(VITAE_DATE_RELATIVE_MONTH), "relative-month");
  assert_string_equal(vitae_date_kind_name(VITAE_DATE_RELATIVE), "relative");
}

/* Random bytes and random date-like token soup: no crash, spans in range,
 * mentions in order and not overlapping. */
static void test_find_random_inputs(void **state) {
  (void)state;
  static const char *const toks[] = {"1999", "–", "-", "2002", "June", "12", "th", "of", " ",
                                     "from", "to", "since", "until", "between", "and", ",",
                                     "the", "following", "day", "year", "later", "mid", "s",
                                     "$", ".", "%", "May", "31", "\xE2", "\x80", "\xC0", "Jan.",
                                     "early", "that", "two", "(", ")", "present", "99", "0"};
  unsigned seed = 42;
  char buf[600];
  for (int round = 0; round < 3000; round++) {
    size_t len = 0;
    while (len < sizeof buf - 16) {
      seed = seed * 1103515245u + 12345u;
      if (round % 3 == 0) {
        buf[len++] = (char)(seed >> 16);
      } else {
        const char *t = toks[(seed >> 16) % (sizeof toks / sizeof *toks)];
        memcpy(buf + len, t, strlen(t));
        len += strlen(t);
        if ((seed >> 8) & 1) buf[len++] = ' ';
      }
    }
    vitae_date_mention m[64];
    size_t n = vitae_date_find(buf, len, months, m, 64);
    size_t prev = 0;
    for (size_t i = 0; i < n && i < 64; i++) {
      assert_true(m[i].begin < m[i].end);
      assert_true(m[i].end <= len);
      assert_true(m[i].begin >= prev);
      prev = m[i].end;
      if (m[i].from.year) assert_true(m[i].from.year >= 1000 && m[i].from.year <= 2100);
    }
    vitae_date d;
    vitae_date_parse(buf, len % 40, months, &d);
  }
}

static void expect_same_mentions(const char *buf, size_t len) {
  vitae_date_mention a[64], b[64];
  size_t na = vitae_date_find(buf, len, months, a, 64);
  size_t nb = vitae_date__find_every(buf, len, months, b, 64);
  assert_int_equal(na, nb);
  for (size_t i = 0; i < na && i < 64; i++) {
    assert_int_equal(a[i].kind, b[i].kind);
    assert_int_equal(a[i].begin, b[i].begin);
    assert_int_equal(a[i].end, b[i].end);
    assert_int_equal(vitae_date_compare(&a[i].from, &b[i].from), 0);
    assert_int_equal(vitae_date_compare(&a[i].to, &b[i].to), 0);
    assert_int_equal(a[i].from_mod, b[i].from_mod);
    assert_int_equal(a[i].to_mod, b[i].to_mod);
    assert_int_equal(a[i].unit, b[i].unit);
    assert_int_equal(a[i].offset, b[i].offset);
  }
}

/* The date finder tries its matchers only near a number, a month or a unit
 * word (date.c, ANCHOR_REACH); trying every token finds the same: the
 * longest cues and modifiers, in random soup of date words. */
static void test_find_skips_nothing(void **state) {
  (void)state;
  static const char *const toks[] = {
      "1999", "2002", "12", "31", "7", "99", "2019-06-12", "June", "May", "Sept.", "Jan.",
      "–", "-", ",", ".", "of", "the", "as", "up", "to", "until", "till", "through", "from",
      "since", "between", "and", "in", "on", "during", "at", "end", "beginning", "middle",
      "spring", "autumn", "early", "late", "mid", "c", "ca", "circa", "about", "before",
      "after", "by", "pre", "post", "that", "same", "following", "next", "previous", "later",
      "earlier", "afterwards", "a", "two", "twelve", "day", "days", "week", "month", "year",
      "years", "decade", "present", "now", "people", "votes", "Flight", "population", "he",
      "was", "elected", "President", "Kazakhstan", "(", ")", "th", "s"};
  unsigned seed = 7;
  char buf[400];
  for (int round = 0; round < 20000; round++) {
    size_t len = 0, words = 4 + round % 40;
    for (size_t w = 0; w < words && len < sizeof buf - 24; w++) {
      seed = seed * 1103515245u + 12345u;
      const char *t = toks[(seed >> 16) % (sizeof toks / sizeof *toks)];
      memcpy(buf + len, t, strlen(t));
      len += strlen(t);
      if ((seed >> 9) % 5) buf[len++] = ' ';
    }
    expect_same_mentions(buf, len);
  }
  static const char *const sentences[] = {
      "As of the end of March 2019 he was up to 12 times later the same year in office.",
      "From the beginning of 1999 to the middle of 2002, and later that year, c. 1950.",
      "In the autumn of that year, two years later, the following day; up until mid-2011.",
      "He served between 1994 and 1999 and again from 2002–2007, until the end of 2019."};
  for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++)
    expect_same_mentions(sentences[i], strlen(sentences[i]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_validity_and_leap_years),
      cmocka_unit_test(test_compare),
      cmocka_unit_test(test_months_table),
      cmocka_unit_test(test_months_other_language),
      cmocka_unit_test(test_parse_forms),
      cmocka_unit_test(test_parse_rejects),
      cmocka_unit_test(test_find_points),
      cmocka_unit_test(test_find_modifiers),
      cmocka_unit_test(test_find_ranges),
      cmocka_unit_test(test_find_several_ranges),
      cmocka_unit_test(test_find_day_ranges),
      cmocka_unit_test(test_find_open_ranges),
      cmocka_unit_test(test_find_relative_month),
      cmocka_unit_test(test_find_relative),
      cmocka_unit_test(test_find_not_years),
      cmocka_unit_test(test_find_invalid_dates_skipped),
      cmocka_unit_test(test_find_max_and_counts),
      cmocka_unit_test(test_kind_names),
      cmocka_unit_test(test_find_random_inputs),
      cmocka_unit_test(test_find_skips_nothing),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
