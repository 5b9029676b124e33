/* Fuzz harness for the query path (src/query): the bytes, as SPARQL text,
 * go through vitae_query_exec_limited() -- the prefixes, the tokenizer, the
 * analysis and rewriting, the sub-query and aggregate stages, rasqal and the
 * results -- against a memory: store with the data of tests/cli/sparql.sh
 * (tests/sparql/data.trig, from $top_srcdir or the configured source tree)
 * and two small graphs of its own.  Text
 * with a NUL byte is cut there (the CLI reads C strings).  Each run has a
 * time limit of 2 seconds, so an explosive query ends as a clean
 * VITAE_ERR_TIMEOUT rather than a libFuzzer timeout.  What is checked:
 * the call returns a documented status, an error has a message, a result
 * exists exactly when it succeeds, and it can be written in every format
 * of its kind (into /dev/null).
 * Built with -DVITAE_LIBFUZZER it is a libFuzzer target (run.sh query 60);
 * without it, linked with replay.c, it is tests/fuzz/replay_query. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "query/query.h"
#include "store/load.h"
#include "store/store.h"
#include "tests/fuzz/replay.h"

static vitae_store *store;
static FILE *devnull;

static const char DATA[] =
    "@prefix ex: <https://example.org/f/> .\n"
    "@prefix vt: <https://w3id.org/vitae/ns#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "ex:merkel a vt:Person ; vt:name \"Angela Merkel\"@en , \"Angela Dorothea Kasner\" ;\n"
    "  vt:birthDate \"1954-07-17\"^^xsd:date ; vt:age 70 ; vt:holds ex:t1 , ex:t2 .\n"
    "ex:t1 vt:office ex:chancellor ; vt:start \"2005-11-22\"^^xsd:date ; vt:end \"2021-12-08\"^^xsd:date .\n"
    "ex:t2 vt:office ex:minister ; vt:start \"1994\"^^xsd:gYear ; vt:score 1.5e3 .\n"
    "ex:annan a vt:Person ; vt:name \"Kofi Annan\" ; vt:knows [ vt:name \"a blank\" ] ;\n"
    "  vt:list ( 1 2 \"three\" ) ; vt:flag true .\n";
static const char DATA2[] =
    "<https://example.org/f/scholz> a <https://w3id.org/vitae/ns#Person> ;\n"
    "  <https://w3id.org/vitae/ns#succeeded> <https://example.org/f/merkel> ;\n"
    "  <https://w3id.org/vitae/ns#name> \"Olaf Scholz\"@de .\n";

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  vitae_error err;
  vitae_error_clear(&err);
  char trig[4096];
  fuzz_source_file(trig, sizeof trig, "tests/sparql/data.trig");
  if (vitae_store_open("memory:", VITAE_STORE_WRITE, &store, &err) != VITAE_OK ||
      vitae_load_file(store, trig, "trig", "https://example.org/f/g0", NULL, NULL, &err) !=
          VITAE_OK ||
      vitae_load_buffer(store, DATA, strlen(DATA), "turtle", "https://example.org/f/g1",
                        "https://example.org/f/g1", NULL, NULL, &err) != VITAE_OK ||
      vitae_load_buffer(store, DATA2, strlen(DATA2), "turtle", "https://example.org/f/g2",
                        "https://example.org/f/g2", NULL, NULL, &err) != VITAE_OK ||
      vitae_store_commit(store, &err) != VITAE_OK) {
    fprintf(stderr, "fuzz_query: cannot make the store: ");
    vitae_error_print(&err, stderr);
    exit(1);
  }
  if (!(devnull = fopen("/dev/null", "w"))) exit(1);
  return 0;
}

static const char *const BINDING_FORMATS[] = {"table", "csv", "tsv", "json", "xml", NULL};
static const char *const GRAPH_FORMATS[] = {"turtle", "ntriples", "nquads", "trig", "rdfxml", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_cstring(data, size, 1 << 16);
  if (!text) return 0;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_result *r = NULL;
  vitae_status st = vitae_query_exec_limited(store, text, 2.0, 0, &r, &err);
  if (st == VITAE_OK) {
    if (!r) {
      fprintf(stderr, "fuzz_query: success without a result\n");
      abort();
    }
    raptor_world *w = librdf_world_get_raptor(vitae_store_world(store));
    const char *const *fmts =
        vitae_result_get_kind(r) == VITAE_RESULT_GRAPH ? GRAPH_FORMATS : BINDING_FORMATS;
    for (const char *const *f = fmts; *f; f++) {
      vitae_error werr;
      vitae_error_clear(&werr);
      if (vitae_result_write(r, w, *f, devnull, &werr) != VITAE_OK && !werr.message[0]) {
        fprintf(stderr, "fuzz_query: writing as %s failed without a message\n", *f);
        abort();
      }
    }
  } else {
    if (r) {
      fprintf(stderr, "fuzz_query: a failure (%s) with a result\n", vitae_strerror(st));
      abort();
    }
    if (!err.message[0]) {
      fprintf(stderr, "fuzz_query: a failure (%s) without a message\n", vitae_strerror(st));
      abort();
    }
  }
#ifndef VITAE_LIBFUZZER
  if (st == VITAE_OK && vitae_result_get_kind(r) == VITAE_RESULT_BINDINGS)
    snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "%zu rows", vitae_result_rows(r));
  else if (st == VITAE_OK)
    snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "ok");
  else
    snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "%s: %.90s", vitae_strerror(st),
             err.message);
#endif
  vitae_result_free(r);
  free(text);
  return 0;
}

#ifndef VITAE_LIBFUZZER
void fuzz_replay_done(void) {
  vitae_store_close(store);
  fclose(devnull);
}
#endif
