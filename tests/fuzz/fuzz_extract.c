/* Fuzz harness for the extractor: any bytes in, through vitae_text_from_bytes
 * (lenient) and vitae_extract_document, checking that every triple handed to
 * the callback has non-NULL, valid UTF-8 terms.
 *
 * Two builds from this one file:
 *  - with -DVITAE_LIBFUZZER (configure --enable-fuzzing CC=clang, then
 *    `make tests/fuzz/fuzz_extract`): a libFuzzer target; run it with
 *    tests/fuzz/run.sh extract SECONDS;
 *  - without it, linked with replay.c: tests/fuzz/replay_extract, a plain
 *    program that feeds each file named on the command line (directories:
 *    every file in them; no argument: tests/fuzz/corpus/extract) once and
 *    prints TAP, so `make check` replays the seed corpus and every crash
 *    ever found.
 *
 * The data directory (ontology/) is $VITAE_DATADIR, else the installed or
 * source tree's (vitae_datadir()). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/datadir.h"
#include "extract/extract.h"
#include "extract/text.h"
#include "tests/fuzz/replay.h"

static vitae_extractor *extractor;

typedef struct fuzz_count {
  size_t triples;
} fuzz_count;

static void check_string(const char *what, const char *s, int required) {
  if (!s) {
    if (!required) return;
    fprintf(stderr, "fuzz_extract: a triple's %s is NULL\n", what);
    abort();
  }
  size_t bad = 0;
  const char *why = NULL;
  if (!vitae_text_utf8_valid(s, strlen(s), &bad, &why)) {
    fprintf(stderr, "fuzz_extract: a triple's %s is not valid UTF-8 at byte %zu (%s)\n", what, bad,
            why ? why : "?");
    abort();
  }
}

static void check_term(const char *pos, const vitae_term *t) {
  char what[64];
  if (!t) {
    fprintf(stderr, "fuzz_extract: the %s term is NULL\n", pos);
    abort();
  }
  if (t->kind != VITAE_TERM_IRI && t->kind != VITAE_TERM_BLANK && t->kind != VITAE_TERM_LITERAL) {
    fprintf(stderr, "fuzz_extract: the %s term has kind %d\n", pos, (int)t->kind);
    abort();
  }
  snprintf(what, sizeof what, "%s value", pos);
  check_string(what, t->value, 1);
  if (t->kind != VITAE_TERM_LITERAL) {
    if (!*t->value) {
      fprintf(stderr, "fuzz_extract: the %s term is an empty IRI or blank node\n", pos);
      abort();
    }
    return;
  }
  snprintf(what, sizeof what, "%s datatype", pos);
  check_string(what, t->datatype, 0);
  snprintf(what, sizeof what, "%s language", pos);
  check_string(what, t->lang, 0);
}

static int count_triple(void *ctx, const vitae_term *s, const vitae_term *p, const vitae_term *o) {
  check_term("subject", s);
  check_term("predicate", p);
  check_term("object", o);
  if (s->kind == VITAE_TERM_LITERAL || p->kind != VITAE_TERM_IRI) {
    fprintf(stderr, "fuzz_extract: a literal subject or a non-IRI predicate\n");
    abort();
  }
  ((fuzz_count *)ctx)->triples++;
  return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  vitae_error err;
  vitae_error_clear(&err);
  if (vitae_extractor_new(vitae_datadir(), &extractor, &err) != VITAE_OK) {
    fprintf(stderr, "fuzz_extract: cannot load the extractor from %s: ", vitae_datadir());
    vitae_error_print(&err, stderr);
    exit(1);
  }
  return 0;
}

/* Runs one input; returns the number of triples, or -1 when the text was
 * refused (binary, empty) or the extraction failed with an error. */
static long run_one(const uint8_t *data, size_t size) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *text = NULL;
  if (vitae_text_from_bytes((const char *)data, size, 1, "fuzz", &text, &err) != VITAE_OK) {
    if (text) abort(); /* on failure *out must be NULL */
    return -1;
  }
  /* the text's contract: NUL-terminated, no other NUL, valid UTF-8 */
  const char *s = vitae_text_data(text);
  size_t n = vitae_text_size(text);
  if (s[n] != '\0' || memchr(s, '\0', n) || !vitae_text_utf8_valid(s, n, NULL, NULL)) abort();
  fuzz_count count = {0};
  vitae_extract_options opt = {NULL, NULL, NULL};
  vitae_extract_stats stats;
  vitae_error_clear(&err);
  vitae_status st = vitae_extract_document(extractor, text, &opt, count_triple, &count, &stats, &err);
  if (st == VITAE_OK && stats.triples != count.triples) {
    fprintf(stderr, "fuzz_extract: stats say %zu triples, the callback saw %zu\n", stats.triples,
            count.triples);
    abort();
  }
  vitae_text_free(text);
  return st == VITAE_OK ? (long)count.triples : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  long triples = run_one(data, size);
#ifndef VITAE_LIBFUZZER
  if (triples < 0) snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "refused or failed cleanly");
  else snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "%ld triples", triples);
#else
  (void)triples;
#endif
  return 0;
}

#ifndef VITAE_LIBFUZZER
void fuzz_replay_done(void) { vitae_extractor_free(extractor); }
#endif
