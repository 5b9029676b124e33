#include "query/query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/vocab.h"

struct vitae_result {
  vitae_result_kind kind;
  size_t ncols, nrows, cap_rows;
  char **columns;          /* ncols names, owned */
  librdf_node **cells;     /* nrows * ncols, owned, NULL when unbound */
  int boolean;
  raptor_statement **stmts; /* graph results, owned */
  size_t nstmts, cap_stmts;
};

/* ---- prefixes ---- */

/* Whether the query text declares PREFIX name: itself (case-insensitive
 * keyword; good enough for the prologue, which comes first). */
static int declares_prefix(const char *q, const char *name) {
  size_t k = strlen(name);
  for (const char *p = q; *p; p++) {
    if (strncasecmp(p, "prefix", 6) != 0) continue;
    if (p > q && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == ':')) continue;
    const char *s = p + 6;
    if (!isspace((unsigned char)*s)) continue;
    while (isspace((unsigned char)*s)) s++;
    if (!strncmp(s, name, k) && s[k] == ':') return 1;
  }
  return 0;
}

static size_t prefix_header(const char *sparql, vitae_buf *b) {
  for (const vitae_prefix *px = VITAE_PREFIXES; px->prefix; px++)
    if (!declares_prefix(sparql, px->prefix))
      vitae_buf_printf(b, "PREFIX %s: <%s> ", px->prefix, px->iri);
  return b->len;
}

char *vitae_query_with_prefixes(const char *sparql) {
  vitae_buf b = VITAE_BUF_INIT;
  prefix_header(sparql, &b);
  if (vitae_buf_puts(&b, sparql) != VITAE_OK) {
    vitae_buf_free(&b);
    return NULL;
  }
  return vitae_buf_take(&b);
}

/* ---- results ---- */

void vitae_result_free(vitae_result *r) {
  if (!r) return;
  for (size_t i = 0; i < r->ncols; i++) free(r->columns[i]);
  free(r->columns);
  for (size_t i = 0; i < r->nrows * r->ncols; i++)
    if (r->cells[i]) librdf_free_node(r->cells[i]);
  free(r->cells);
  for (size_t i = 0; i < r->nstmts; i++) raptor_free_statement(r->stmts[i]);
  free(r->stmts);
  free(r);
}

vitae_result_kind vitae_result_get_kind(const vitae_result *r) { return r->kind; }
size_t vitae_result_columns(const vitae_result *r) { return r->ncols; }
const char *vitae_result_column_name(const vitae_result *r, size_t col) { return r->columns[col]; }
size_t vitae_result_rows(const vitae_result *r) { return r->nrows; }
librdf_node *vitae_result_cell(const vitae_result *r, size_t row, size_t col) {
  return r->cells[row * r->ncols + col];
}
int vitae_result_boolean(const vitae_result *r) { return r->boolean; }
size_t vitae_result_statements(const vitae_result *r, raptor_statement ***out) {
  *out = r->stmts;
  return r->nstmts;
}

static vitae_status read_bindings(librdf_query_results *res, vitae_result *r) {
  int n = librdf_query_results_get_bindings_count(res);
  r->ncols = n > 0 ? (size_t)n : 0;
  r->columns = calloc(r->ncols + 1, sizeof *r->columns);
  if (!r->columns) return VITAE_ERR_NOMEM;
  for (size_t i = 0; i < r->ncols; i++) {
    const char *name = librdf_query_results_get_binding_name(res, (int)i);
    if (!(r->columns[i] = strdup(name ? name : ""))) return VITAE_ERR_NOMEM;
  }
  for (; !librdf_query_results_finished(res); librdf_query_results_next(res)) {
    if (r->nrows == r->cap_rows) {
      size_t cap = r->cap_rows ? 2 * r->cap_rows : 64;
      librdf_node **more = realloc(r->cells, cap * (r->ncols ? r->ncols : 1) * sizeof *more);
      if (!more) return VITAE_ERR_NOMEM;
      r->cells = more;
      r->cap_rows = cap;
    }
    for (size_t i = 0; i < r->ncols; i++)
      r->cells[r->nrows * r->ncols + i] = librdf_query_results_get_binding_value(res, (int)i);
    r->nrows++;
  }
  return VITAE_OK;
}

static vitae_status read_graph(librdf_query_results *res, vitae_result *r) {
  librdf_stream *st = librdf_query_results_as_stream(res);
  if (!st) return VITAE_OK; /* an empty graph */
  vitae_status status = VITAE_OK;
  for (; !librdf_stream_end(st); librdf_stream_next(st)) {
    librdf_statement *s = librdf_stream_get_object(st); /* shared */
    if (r->nstmts == r->cap_stmts) {
      size_t cap = r->cap_stmts ? 2 * r->cap_stmts : 64;
      raptor_statement **more = realloc(r->stmts, cap * sizeof *more);
      if (!more) {
        status = VITAE_ERR_NOMEM;
        break;
      }
      r->stmts = more;
      r->cap_stmts = cap;
    }
    raptor_statement *copy = raptor_statement_copy(s);
    if (!copy) {
      status = VITAE_ERR_NOMEM;
      break;
    }
    if (copy->graph) { /* CONSTRUCT builds a graph; drop any source context */
      raptor_free_term(copy->graph);
      copy->graph = NULL;
    }
    r->stmts[r->nstmts++] = copy;
  }
  librdf_free_stream(st);
  return status;
}

vitae_status vitae_query_exec(vitae_store *store, const char *sparql, vitae_result **out,
                              vitae_error *err) {
  *out = NULL;
  vitae_buf text = VITAE_BUF_INIT;
  size_t shift = prefix_header(sparql, &text);
  if (vitae_buf_puts(&text, sparql) != VITAE_OK) {
    vitae_buf_free(&text);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  librdf_world *world = vitae_store_world(store);
  vitae_error local;
  vitae_error_clear(&local);
  vitae_store_capture_errors(store, &local, "query");
  librdf_query *q = librdf_new_query(world, "sparql", NULL,
                                     (const unsigned char *)vitae_buf_str(&text), NULL);
  librdf_query_results *res = NULL;
  vitae_result *r = NULL;
  vitae_status st = VITAE_OK;
  if (!q || local.status != VITAE_OK) {
    st = VITAE_ERR_QUERY;
  } else if (!(res = librdf_model_query_execute(vitae_store_model(store), q)) ||
             local.status != VITAE_OK) {
    st = VITAE_ERR_QUERY;
  } else if (!(r = calloc(1, sizeof *r))) {
    st = VITAE_ERR_NOMEM;
  } else if (librdf_query_results_is_bindings(res)) {
    r->kind = VITAE_RESULT_BINDINGS;
    st = read_bindings(res, r);
  } else if (librdf_query_results_is_boolean(res)) {
    r->kind = VITAE_RESULT_BOOLEAN;
    r->boolean = librdf_query_results_get_boolean(res) > 0;
  } else if (librdf_query_results_is_graph(res)) {
    r->kind = VITAE_RESULT_GRAPH;
    st = read_graph(res, r);
  } else {
    st = VITAE_ERR_QUERY;
  }
  vitae_store_capture_errors(store, NULL, NULL);
  if (st == VITAE_OK && local.status != VITAE_OK) st = VITAE_ERR_QUERY;
  if (st != VITAE_OK) {
    if (local.status != VITAE_OK) {
      /* Report positions in the user's text: our prefixes sit on line 1. */
      long col = local.column;
      if (local.line == 1 && col > (long)shift) col -= (long)shift;
      vitae_error_set(err, local.status, "query", local.line, col, "%s", local.message);
    } else if (st == VITAE_ERR_NOMEM) {
      vitae_error_set(err, st, NULL, 0, 0, "out of memory");
    } else {
      vitae_error_set(err, VITAE_ERR_QUERY, "query", 0, 0,
                      "the query could not be %s", q ? "executed" : "parsed");
    }
    vitae_result_free(r);
    r = NULL;
  }
  if (res) librdf_free_query_results(res);
  if (q) librdf_free_query(q);
  vitae_buf_free(&text);
  *out = r;
  return st;
}
