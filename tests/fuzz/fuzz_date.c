/* Fuzz harness for the date parser (src/extract/date.h): the bytes are
 * handed to vitae_date_parse() as one date and to vitae_date_find() as a
 * sentence, with the English month names, and every answer is checked
 * against the header's contract:
 *  - a parsed date is valid and formats to "YYYY[-MM[-DD]]"; "YYYY" and
 *    "YYYY-MM-DD" (forms the parser reads) parse back to the same date;
 *  - the mentions are in order, without overlaps, inside the sentence, and
 *    their absolute dates (year given) are valid; vitae_date_find() counts
 *    the same mentions whatever room it is given.
 * Built with -DVITAE_LIBFUZZER it is a libFuzzer target (run.sh date 60);
 * without it, linked with replay.c, it is tests/fuzz/replay_date, which
 * replays tests/fuzz/corpus/date in `make check`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/date.h"
#include "tests/fuzz/replay.h"

static vitae_months *months;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  if (vitae_months_default(&months) != VITAE_OK) {
    fprintf(stderr, "fuzz_date: cannot make the month table\n");
    exit(1);
  }
  return 0;
}

static void die(const char *what, const uint8_t *data, size_t size) {
  fprintf(stderr, "fuzz_date: %s (input of %zu bytes: \"%.*s\")\n", what, size,
          (int)(size < 200 ? size : 200), (const char *)data);
  abort();
}

static void check_absolute(const vitae_date *d, const uint8_t *data, size_t size) {
  /* year 0: the text gave none, the context's is used; else a real date */
  if (d->year == 0) {
    if (d->month < 0 || d->month > 12 || d->day < 0 || d->day > 31)
      die("a mention without a year has a bad month or day", data, size);
    return;
  }
  if (!vitae_date_valid(d)) die("a mention holds an invalid date", data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  int parsed = 0;
  vitae_date d;
  vitae_status st = vitae_date_parse(s, size, months, &d);
  if (st == VITAE_OK) {
    parsed = 1;
    char buf[VITAE_DATE_FORMAT_MAX];
    if (!vitae_date_valid(&d)) die("vitae_date_parse gave an invalid date", data, size);
    size_t n = vitae_date_format(&d, buf, sizeof buf);
    if (n == 0 || n != strlen(buf) || (n != 4 && n != 7 && n != 10))
      die("a parsed date does not format", data, size);
    if (!vitae_date_xsd_type(&d)) die("a parsed date has no XSD type", data, size);
    vitae_date again;
    if (n != 7 && (vitae_date_parse(buf, n, months, &again) != VITAE_OK ||
                   vitae_date_compare(&d, &again) != 0))
      die("a formatted date does not parse back to itself", data, size);
  } else if (st != VITAE_ERR_INPUT && st != VITAE_ERR_SYNTAX) {
    die("vitae_date_parse returned an undocumented status", data, size);
  }

  vitae_date_mention m[16];
  size_t total = vitae_date_find(s, size, months, m, 16);
  if (vitae_date_find(s, size, months, NULL, 0) != total)
    die("vitae_date_find counts differently without room", data, size);
  size_t last_end = 0;
  for (size_t i = 0; i < total && i < 16; i++) {
    if (m[i].begin >= m[i].end || m[i].end > size || m[i].begin < last_end)
      die("a mention is empty, out of the sentence or overlaps the one before", data, size);
    last_end = m[i].end;
    if (!vitae_date_kind_name(m[i].kind)) die("a mention has an unknown kind", data, size);
    switch (m[i].kind) {
    case VITAE_DATE_POINT:
    case VITAE_DATE_SINCE:
    case VITAE_DATE_RELATIVE_MONTH: check_absolute(&m[i].from, data, size); break;
    case VITAE_DATE_RANGE:
      check_absolute(&m[i].from, data, size);
      check_absolute(&m[i].to, data, size);
      break;
    case VITAE_DATE_UNTIL: check_absolute(&m[i].to, data, size); break;
    case VITAE_DATE_RELATIVE:
      if (m[i].unit == VITAE_DATE_UNIT_NONE) die("a relative mention has no unit", data, size);
      break;
    }
  }
#ifndef VITAE_LIBFUZZER
  snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "%s, %zu mention%s",
           parsed ? "a date" : "not one date", total, total == 1 ? "" : "s");
#else
  (void)parsed;
#endif
  return 0;
}

#ifndef VITAE_LIBFUZZER
void fuzz_replay_done(void) { vitae_months_free(months); }
#endif
