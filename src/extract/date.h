/* Dates as biographies write them, at the precision the text gives: a day
 * ("17 May 1953", "May 17, 1953", "17th of May 1953", "2019-06-12"), a
 * month ("March 1992") or a year ("1953", "late 2019"), alone or in ranges
 * ("from 1999 to 2002", "1999–2002", "12–13 June 2019", "between 1994 and
 * 1999"), open ranges ("since 2019", "until 2011", "2023–present") and
 * expressions relative to an earlier date ("the following day", "two years
 * later", "in October of that year").
 *
 * Month names come from a run-time table (ontology/gazetteer/months.tsv),
 * never from the parser; vitae_months_default() offers the English names
 * for tests and fuzzers.
 *
 * What counts as a year: a number of exactly four digits from 1000 to 2100
 * that stands alone -- not after a currency sign, '#' or a letter, not part
 * of a larger number ("2,000", "13.5", "20:15"), not followed by '%', a
 * letter ("1990s", "5km", "2019th"), or a unit or count word ("2000
 * people", "1953 votes", "2019 km"; except right after in/since/until/
 * from/during), not after a label word ("Flight 2100", "No. 1953",
 * "Resolution 1973"), and not after a quantity noun and "of" ("population
 * of 1953", "a total of 2000").  Decades ("the 1990s", "mid-1990s") give no
 * date at all: they are skipped.
 *
 * Ownership: the caller owns vitae_months tables (vitae_months_free) and
 * all buffers; nothing here keeps a pointer to the caller's text.  No
 * function allocates except the vitae_months ones; none recurses. */
#ifndef VITAE_EXTRACT_DATE_H
#define VITAE_EXTRACT_DATE_H

#include <stddef.h>

#include "core/status.h"

/* A calendar date at some precision: month and day are 0 when the text
 * does not give them.  year 0 means "unknown, take it from context" and
 * only occurs in mentions (see vitae_date_mention). */
typedef struct vitae_date {
  int year, month, day;
} vitae_date;

/* Room for the longest vitae_date_format() output, "YYYY-MM-DD" + NUL. */
#define VITAE_DATE_FORMAT_MAX 11

/* Days in month (1-12) of year (Gregorian leap rule); 0 for a bad month. */
int vitae_date_days_in_month(int year, int month);
/* 1 if d is a date at one of the three precisions: year 1..9999, month
 * 0..12, day 0..days_in_month, and no day without a month. */
int vitae_date_valid(const vitae_date *d);
/* Writes "2019-06-12" (xsd:date), "2019-06" (xsd:gYearMonth) or "2019"
 * (xsd:gYear) into buf[0, n) and returns its length; returns 0 (and writes
 * "" when n > 0) for an invalid date or a buffer that is too small. */
size_t vitae_date_format(const vitae_date *d, char *buf, size_t n);
/* "date", "gYearMonth" or "gYear" (the XSD datatype local name matching
 * vitae_date_format), or NULL for an invalid date. */
const char *vitae_date_xsd_type(const vitae_date *d);
/* Orders by year, then month, then day, an absent part (0) sorting first:
 * 2019 < 2019-06 < 2019-06-12 < 2019-07.  Returns <0, 0 or >0. */
int vitae_date_compare(const vitae_date *a, const vitae_date *b);

/* ---------- month names ---------- */

typedef struct vitae_months vitae_months;

/* A new, empty table (caller frees with vitae_months_free). */
vitae_status vitae_months_new(vitae_months **out);
/* Adds a name (copied; matched case-sensitively, as a whole word unless it
 * ends in '.') for month number 1..12.  VITAE_ERR_USAGE for a bad number or
 * an empty name. */
vitae_status vitae_months_add(vitae_months *months, int number, const char *name, size_t len);
/* A new table with the English names: January..December, the short forms
 * with a period (Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov.
 * Dec.) and Sept. */
vitae_status vitae_months_default(vitae_months **out);
/* The month named at the start of s[0, len) (the longest name that
 * matches), or 0; *matched (may be NULL) gets the name's length. */
int vitae_months_match(const vitae_months *months, const char *s, size_t len, size_t *matched);
/* Frees the table; NULL is a no-op. */
void vitae_months_free(vitae_months *months);

/* ---------- one date ---------- */

/* Parses s[0, len) (surrounding whitespace allowed) as one date: "17 May
 * 1953", "17th of May 1953", "May 17, 1953", "March 1992", "1953",
 * "2019-06-12", optionally after early/mid/late/circa ("late 2019" ->
 * 2019).  Returns VITAE_OK with *out set, VITAE_ERR_INPUT for a date that
 * does not exist ("29 February 2019"), VITAE_ERR_SYNTAX for anything else
 * (including decades such as "mid-1990s" and dates without a year). */
vitae_status vitae_date_parse(const char *s, size_t len, const vitae_months *months,
                              vitae_date *out);

/* ---------- every date in a sentence ---------- */

typedef enum vitae_date_kind {
  VITAE_DATE_POINT,          /* "on 12 June 2019", "in 1992": from */
  VITAE_DATE_RANGE,          /* "from 1999 to 2002", "1999–2002": from, to */
  VITAE_DATE_SINCE,          /* open end: "since 2019", "from 2002", "2023–present": from */
  VITAE_DATE_UNTIL,          /* open start: "until 2011", "till", "up to": to */
  VITAE_DATE_RELATIVE_MONTH, /* a month (and day) whose year is the context's year plus
                              * offset: "in October of that year", "on 2 September" */
  VITAE_DATE_RELATIVE        /* offset units from the last absolute date: "the following
                              * day" (DAY, +1), "two years later" (YEAR, +2), "that
                              * year" (YEAR, 0), "the previous month" (MONTH, -1) */
} vitae_date_kind;

typedef enum vitae_date_unit {
  VITAE_DATE_UNIT_NONE,
  VITAE_DATE_UNIT_DAY,
  VITAE_DATE_UNIT_WEEK,
  VITAE_DATE_UNIT_MONTH,
  VITAE_DATE_UNIT_YEAR /* "a decade later" is YEAR, +10 */
} vitae_date_unit;

/* A word qualifying a date: "early 1990", "mid-2019", "late 2019", "circa
 * 1950", "before 1991", "after 2000", "by 2005", "autumn 2020". */
typedef enum vitae_date_modifier {
  VITAE_DATE_MOD_NONE,
  VITAE_DATE_MOD_EARLY,
  VITAE_DATE_MOD_MID,
  VITAE_DATE_MOD_LATE,
  VITAE_DATE_MOD_CIRCA,
  VITAE_DATE_MOD_BEFORE,
  VITAE_DATE_MOD_AFTER,
  VITAE_DATE_MOD_BY,
  VITAE_DATE_MOD_SPRING,
  VITAE_DATE_MOD_SUMMER,
  VITAE_DATE_MOD_AUTUMN,
  VITAE_DATE_MOD_WINTER
} vitae_date_modifier;

typedef struct vitae_date_mention {
  vitae_date_kind kind;
  size_t begin, end; /* bytes [begin, end) of the sentence, including the
                      * introducing word ("on", "in", "from", "since", "between") */
  vitae_date from;   /* POINT, RANGE, SINCE, RELATIVE_MONTH */
  vitae_date to;     /* RANGE, UNTIL */
  vitae_date_modifier from_mod, to_mod;
  vitae_date_unit unit; /* RELATIVE */
  /* RELATIVE: units from the last absolute date.  For any date above whose
   * year is 0 (the text gave no year: RELATIVE_MONTH, or "from March to
   * June"), the year to use is the context's year plus offset. */
  int offset;
} vitae_date_mention;

/* Finds every date expression in sentence[0, len), left to right, without
 * overlaps.  Stores at most max mentions in out (NULL when max is 0) and
 * returns how many there are in all.  Impossible dates ("31 June 2019") are
 * skipped.  Linear in len; safe on any bytes. */
size_t vitae_date_find(const char *sentence, size_t len, const vitae_months *months,
                       vitae_date_mention *out, size_t max);

/* The same, trying the matchers at every token instead of only near a
 * number, month or unit word: for tests that the shortcut loses nothing. */
size_t vitae_date__find_every(const char *sentence, size_t len, const vitae_months *months,
                              vitae_date_mention *out, size_t max);

/* "point", "range", "since", "until", "relative-month", "relative". */
const char *vitae_date_kind_name(vitae_date_kind kind);

#endif
