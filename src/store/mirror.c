/* Bulk paths between files, memory and Virtuoso: see mirror.h. */
#include "store/mirror.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/vocab.h"

/* ---- statements -> N-Triples, one buffer per graph ---- */

typedef struct graph_text {
  char *iri;
  vitae_buf nt;
  unsigned long triples;
} graph_text;

typedef struct parse_ctx {
  const char *default_graph;
  graph_text *graphs;
  size_t n, cap;
  int failed; /* out of memory */
} parse_ctx;

static void put_term(vitae_buf *b, raptor_term *t) {
  size_t len;
  unsigned char *s = raptor_term_to_counted_string(t, &len);
  if (!s) {
    b->failed = 1;
    return;
  }
  vitae_buf_append(b, (const char *)s, len);
  raptor_free_memory(s);
}

static graph_text *graph_for(parse_ctx *c, const char *iri) {
  for (size_t i = c->n; i > 0; i--) /* the last one is the likely one */
    if (!strcmp(c->graphs[i - 1].iri, iri)) return &c->graphs[i - 1];
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 4;
    graph_text *g = realloc(c->graphs, cap * sizeof *g);
    if (!g) return NULL;
    c->graphs = g;
    c->cap = cap;
  }
  graph_text *g = &c->graphs[c->n];
  memset(g, 0, sizeof *g);
  if (!(g->iri = strdup(iri))) return NULL;
  c->n++;
  return g;
}

static void add_statement(parse_ctx *c, const raptor_statement *s, const char *graph) {
  if (!graph && s->graph && s->graph->type == RAPTOR_TERM_TYPE_URI)
    graph = (const char *)raptor_uri_as_string(s->graph->value.uri);
  graph_text *g = graph_for(c, graph ? graph : c->default_graph);
  if (!g) {
    c->failed = 1;
    return;
  }
  put_term(&g->nt, s->subject);
  vitae_buf_putc(&g->nt, ' ');
  put_term(&g->nt, s->predicate);
  vitae_buf_putc(&g->nt, ' ');
  put_term(&g->nt, s->object);
  vitae_buf_puts(&g->nt, " .\n");
  g->triples++;
  if (g->nt.failed) c->failed = 1;
}

static void on_statement(void *data, raptor_statement *s) { add_statement(data, s, NULL); }

static void free_ctx(parse_ctx *c) {
  for (size_t i = 0; i < c->n; i++) {
    free(c->graphs[i].iri);
    vitae_buf_free(&c->graphs[i].nt);
  }
  free(c->graphs);
}

/* PUT every graph of the parse. */
static vitae_status put_all(vitae_virtuoso *v, parse_ctx *c, vitae_load_result *result,
                            vitae_error *err) {
  for (size_t i = 0; i < c->n; i++) {
    graph_text *g = &c->graphs[i];
    if (vitae_virtuoso_put_graph(v, g->iri, vitae_buf_str(&g->nt), g->nt.len, err) != VITAE_OK)
      return err->status;
    if (result) {
      result->triples += g->triples;
      result->graphs++;
    }
  }
  return VITAE_OK;
}

vitae_status vitae_mirror_put_statements(vitae_virtuoso *v, raptor_statement **statements, size_t n,
                                         const char *graph_iri, vitae_error *err) {
  parse_ctx c = {graph_iri, NULL, 0, 0, 0};
  if (!graph_for(&c, graph_iri)) c.failed = 1;
  for (size_t i = 0; i < n && !c.failed; i++) add_statement(&c, statements[i], graph_iri);
  vitae_status st = c.failed ? vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory")
                             : put_all(v, &c, NULL, err);
  free_ctx(&c);
  return st;
}

vitae_status vitae_mirror_load_file(vitae_virtuoso *v, vitae_store *scratch, const char *path,
                                    const char *syntax, const char *graph_iri,
                                    const char *base_iri, vitae_load_result *result,
                                    vitae_error *err) {
  if (result) result->triples = result->graphs = 0;
  int is_stdin = !strcmp(path, "-");
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "%s", strerror(errno));
  char *file_iri = vitae_load_file_iri(is_stdin ? "stdin" : path);
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(scratch));
  raptor_uri *base = file_iri ? raptor_new_uri(rw, (const unsigned char *)(base_iri ? base_iri : file_iri)) : NULL;
  raptor_parser *p = raptor_new_parser(rw, syntax);
  parse_ctx c = {graph_iri ? graph_iri : file_iri, NULL, 0, 0, 0};
  vitae_status st = VITAE_OK;
  if (!file_iri || !base || !p) {
    st = vitae_error_set(err, p || !file_iri ? VITAE_ERR_NOMEM : VITAE_ERR_USAGE, path, 0, 0,
                         p || !file_iri ? "out of memory" : "unknown syntax");
  } else {
    raptor_parser_set_statement_handler(p, &c, on_statement);
    vitae_store_capture_errors(scratch, err, path);
    int rc = raptor_parser_parse_file_stream(p, f, NULL, base);
    vitae_store_capture_errors(scratch, NULL, NULL);
    if (err->status != VITAE_OK) st = err->status;
    else if (rc != 0) st = vitae_error_set(err, VITAE_ERR_SYNTAX, path, 0, 0, "cannot parse as %s", syntax);
    else if (c.failed) st = vitae_error_set(err, VITAE_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  if (!is_stdin) fclose(f);
  if (p) raptor_free_parser(p);
  if (base) raptor_free_uri(base);
  /* only a file that parsed completely touches the server */
  if (st == VITAE_OK) {
    if (c.n == 0 && !graph_for(&c, c.default_graph)) /* an empty file empties its graph */
      st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    else st = put_all(v, &c, result, err);
  }
  free_ctx(&c);
  free(file_iri);
  return st;
}

/* ---- server -> memory ---- */

/* A server that caps its answers (ResultSetMaxRows) sends fewer triples
 * than the graph holds: say so, never cut silently. */
static vitae_status check_complete(vitae_virtuoso *v, const char *graph, unsigned long got,
                                   vitae_error *err) {
  unsigned long count = 0;
  if (vitae_virtuoso_count(v, graph, &count, err) != VITAE_OK) return err->status;
  if (got >= count) return VITAE_OK;
  return vitae_error_set(err, VITAE_ERR_STORE, vitae_virtuoso_name(v), 0, 0,
                         "<%s> holds %lu triples but the server sent %lu: raise "
                         "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini",
                         graph, count, got);
}

typedef struct read_ctx {
  vitae_mirror_fn fn;
  void *ctx;
  unsigned long n;
} read_ctx;

static void on_read(void *data, raptor_statement *s) {
  read_ctx *r = data;
  r->n++;
  r->fn(r->ctx, s);
}

static vitae_status parse_nt(raptor_world *world, const char *graph, const char *data, size_t len,
                             read_ctx *r, vitae_error *err) {
  raptor_parser *p = raptor_new_parser(world, "ntriples");
  raptor_uri *base = raptor_new_uri(world, (const unsigned char *)graph);
  vitae_status st = VITAE_OK;
  if (!p || !base) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  else {
    raptor_parser_set_statement_handler(p, r, on_read);
    if (raptor_parser_parse_start(p, base) != 0 ||
        raptor_parser_parse_chunk(p, (const unsigned char *)data, len, 1) != 0)
      st = vitae_error_set(err, VITAE_ERR_STORE, graph, 0, 0, "the server sent N-Triples that do not parse");
  }
  if (p) raptor_free_parser(p);
  if (base) raptor_free_uri(base);
  return st;
}

/* What to do with one graph's N-Triples; *n: the triples taken. */
typedef vitae_status (*graph_fn)(void *ctx, const char *graph, const char *data, size_t len,
                                 unsigned long *n, vitae_error *err);

/* Fetch each of vitae's graphs in turn and hand it to fn. */
static vitae_status each_graph(vitae_virtuoso *v, int with_inferred, graph_fn fn, void *ctx,
                               unsigned long *triples, vitae_error *err) {
  if (triples) *triples = 0;
  char **graphs = NULL;
  if (vitae_virtuoso_list_graphs(v, &graphs, err) != VITAE_OK) return err->status;
  vitae_status st = VITAE_OK;
  for (char **g = graphs; *g && st == VITAE_OK; g++) {
    if (!with_inferred && !strcmp(*g, VITAE_INFERRED_GRAPH)) continue;
    char *data = NULL;
    size_t len = 0;
    unsigned long n = 0;
    const char *sent = vitae_virtuoso_written(v, *g, &len);
    if (sent) { /* this process has just written it: no need to read it back */
      st = fn(ctx, *g, sent, len, &n, err);
      if (triples) *triples += n;
      continue;
    }
    st = vitae_virtuoso_get_graph(v, *g, &data, &len, err);
    if (st == VITAE_OK && len) st = fn(ctx, *g, data, len, &n, err);
    free(data);
    if (st == VITAE_OK) st = check_complete(v, *g, n, err);
    if (triples) *triples += n;
  }
  vitae_store_free_list(graphs);
  return st;
}

typedef struct stream_ctx {
  raptor_world *world;
  vitae_mirror_fn fn;
  void *ctx;
} stream_ctx;

static vitae_status stream_graph(void *data, const char *graph, const char *text, size_t len,
                                 unsigned long *n, vitae_error *err) {
  stream_ctx *c = data;
  read_ctx r = {c->fn, c->ctx, 0};
  vitae_status st = parse_nt(c->world, graph, text, len, &r, err);
  *n = r.n;
  return st;
}

vitae_status vitae_mirror_read(vitae_virtuoso *v, raptor_world *world, int with_inferred,
                               vitae_mirror_fn fn, void *ctx, unsigned long *triples,
                               vitae_error *err) {
  stream_ctx c = {world, fn, ctx};
  return each_graph(v, with_inferred, stream_graph, &c, triples, err);
}

static vitae_status store_graph(void *data, const char *graph, const char *text, size_t len,
                                unsigned long *n, vitae_error *err) {
  vitae_load_result res = {0, 0};
  vitae_status st = vitae_load_buffer(data, text, len, "ntriples", graph, graph, graph, &res, err);
  *n = res.triples;
  return st;
}

vitae_status vitae_mirror_snapshot(vitae_virtuoso *v, vitae_store *store, int with_inferred,
                                   unsigned long *triples, vitae_error *err) {
  return each_graph(v, with_inferred, store_graph, store, triples, err);
}
