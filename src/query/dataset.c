/* Queries over a dataset given apart from their text (the SPARQL 1.1
 * Protocol's default-graph-uri and named-graph-uri).  The query pipeline
 * runs the engine several times per query (aggregates, sub-SELECTs), and
 * the engine's match callbacks have no other way to reach the dataset, so
 * it is kept per thread for the run, like the time limit. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "query/internal.h"
#include "query/lex.h"

static _Thread_local const vitae_query_dataset *current;

const vitae_query_dataset *vq_dataset(void) { return current; }

int vq_dataset_active(void) { return current != NULL; }

int vq_dataset_has(const char *const *iris, size_t n, const char *iri) {
  for (size_t i = 0; i < n; i++)
    if (iris[i] && !strcmp(iris[i], iri)) return 1;
  return 0;
}

vitae_status vq_dataset_named_graphs(char ***out, vitae_error *err) {
  const vitae_query_dataset *ds = current;
  size_t n = ds ? ds->nnamed : 0;
  char **list = calloc(n + 1, sizeof *list);
  for (size_t i = 0; list && i < n; i++) {
    if (!(list[i] = strdup(ds->named_graphs[i]))) {
      vitae_store_free_list(list);
      list = NULL;
    }
  }
  *out = list;
  return list ? VITAE_OK : vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* The query with its FROM and FROM NAMED clauses blanked out (spaces in
 * their place, so that error positions still match the user's text):
 * the dataset given replaces them.  A new string, or NULL (out of memory).
 * FROM is a keyword nowhere else in SPARQL, and the lexer leaves strings,
 * IRIs and comments whole. */
static char *without_from(const char *sparql) {
  char *text = strdup(sparql);
  vq_tokens t;
  if (!text || vq_lex(sparql, &t) != 0) {
    free(text);
    return NULL;
  }
  for (size_t i = 0; i + 1 < t.n; i++) {
    if (!vq_is_word(&t, i, "FROM")) continue;
    size_t last = i + (vq_is_word(&t, i + 1, "NAMED") ? 1 : 0);
    if (t.v[last + 1].type == VQ_IRI || t.v[last + 1].type == VQ_PNAME) last++;
    else continue; /* not a dataset clause: the analysis reports it */
    memset(text + t.v[i].off, ' ', t.v[last].off + t.v[last].len - t.v[i].off);
    i = last;
  }
  vq_tokens_free(&t);
  return text;
}

vitae_status vitae_query_exec_dataset(vitae_store *store, const char *sparql,
                                      const vitae_query_dataset *dataset, double seconds,
                                      vitae_result **out, vitae_error *err) {
  if (!dataset) return vitae_query_exec_timed(store, sparql, seconds, out, err);
  *out = NULL;
  char *text = without_from(sparql);
  if (!text) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  current = dataset;
  vitae_status st = vitae_query_exec_timed(store, text, seconds, out, err);
  current = NULL;
  free(text);
  return st;
}
