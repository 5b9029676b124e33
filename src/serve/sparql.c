/* The SPARQL 1.1 Protocol at /sparql (query operation only), and the
 * service description that GET /sparql without a query returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/query.h"
#include "serve/internal.h"
#include "serve/negotiate.h"

typedef struct result_type {
  const char *media;   /* offered */
  const char *format;  /* vitae_result_write's name */
  const char *reply;   /* the Content-Type sent */
} result_type;

/* SELECT/ASK, in the order preferred when the client accepts several;
 * the aliases that clients send (SPARQLWrapper's application/json) last. */
static const result_type RESULT_TYPES[] = {
    {"application/sparql-results+json", "json", "application/sparql-results+json"},
    {"application/sparql-results+xml", "xml", "application/sparql-results+xml"},
    {"text/csv", "csv", "text/csv; charset=utf-8"},
    {"text/tab-separated-values", "tsv", "text/tab-separated-values; charset=utf-8"},
    {"application/json", "json", "application/sparql-results+json"},
    {"application/xml", "xml", "application/sparql-results+xml"},
    {"text/xml", "xml", "application/sparql-results+xml"}};
#define N_RESULT_TYPES (sizeof RESULT_TYPES / sizeof RESULT_TYPES[0])

/* format=NAME, as a media type. */
static const char *format_media(const char *name) {
  static const char *const names[][2] = {
      {"json", "application/sparql-results+json"}, {"srj", "application/sparql-results+json"},
      {"xml", "application/sparql-results+xml"},   {"srx", "application/sparql-results+xml"},
      {"csv", "text/csv"},                          {"tsv", "text/tab-separated-values"},
      {"turtle", "text/turtle"},                    {"ttl", "text/turtle"},
      {"ntriples", "application/n-triples"},        {"nt", "application/n-triples"},
      {"rdfxml", "application/rdf+xml"},            {"jsonld", "application/ld+json"}};
  if (strchr(name, '/')) return name;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(names[i][0], name)) return names[i][1];
  return NULL;
}

/* Which result type the client takes for this kind of answer: the index in
 * RESULT_TYPES, or (graphs) in types; -1 when none (406). */
static int choose(const char *accept, vitae_result_kind kind, const vs_rdf_type *types, size_t nt) {
  const char *offered[16];
  size_t n = 0;
  if (kind == VITAE_RESULT_GRAPH)
    for (size_t i = 0; i < nt; i++) offered[n++] = types[i].media;
  else
    for (size_t i = 0; i < N_RESULT_TYPES; i++) offered[n++] = RESULT_TYPES[i].media;
  return vitae_negotiate(accept, offered, n);
}

static char *list_types(const vs_rdf_type *types, size_t nt) {
  vitae_buf b = VITAE_BUF_INIT;
  for (size_t i = 0; i < 4; i++) vitae_buf_printf(&b, "%s, ", RESULT_TYPES[i].media);
  for (size_t i = 0; i < nt; i++) vitae_buf_printf(&b, i + 1 < nt ? "%s, " : "%s", types[i].media);
  return vitae_buf_take(&b);
}

static enum MHD_Result not_acceptable(vs_request *rq,
                                      const vs_rdf_type *types, size_t nt, const char *what) {
  char *list = list_types(types, nt);
  enum MHD_Result ok = vs_send_text(rq, MHD_HTTP_NOT_ACCEPTABLE,
                                    "none of the accepted types can be given for %s; this "
                                    "endpoint writes: %s",
                                    what, list ? list : "?");
  free(list);
  return ok;
}

/* Write a result into memory and send it. */
static enum MHD_Result send_result(vs_server *srv,  vs_request *rq,
                                   vitae_store *store, vitae_result *r, const char *format,
                                   const char *type) {
  char truncated[96] = "";
  if (srv->opt->max_rows && vitae_result_get_kind(r) != VITAE_RESULT_BOOLEAN) {
    size_t had = vitae_result_truncate(r, srv->opt->max_rows);
    if (had > srv->opt->max_rows)
      snprintf(truncated, sizeof truncated, "%zu of %zu", srv->opt->max_rows, had);
  }
  char *body = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&body, &len);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_status st = f ? vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(store)),
                                           format, f, &err)
                      : VITAE_ERR_NOMEM;
  if (f && fclose(f) != 0 && st == VITAE_OK) st = VITAE_ERR_NOMEM;
  if (st != VITAE_OK) {
    free(body);
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot write the answer: %s",
                        err.message[0] ? err.message : vitae_strerror(st));
  }
  const char *const h[] = {"Vitae-Truncated", truncated, NULL};
  return vs_send(rq, MHD_HTTP_OK, type, body, len, truncated[0] ? h : NULL);
}

static enum MHD_Result service_description(vs_server *srv,  vs_request *rq);
static enum MHD_Result run_query(vs_server *srv,  vs_request *rq,
                                 const vitae_query_dataset *ds);

/* The graph IRIs of one dataset parameter, pointing into the request's
 * buffer (iris is malloc'ed; the strings are the buffer's). */
typedef struct graph_list {
  char **iris;
  size_t n;
} graph_list;

/* Split the n NUL-ended values in b; empty values are left out.  Non-zero
 * with the reason in why when a value is not an absolute IRI. */
static int graph_list_make(const vitae_buf *b, int n, graph_list *out, const char *param,
                           char *why, size_t whylen) {
  out->iris = NULL;
  out->n = 0;
  if (n <= 0) return 0;
  const char *s = vitae_buf_str(b), *end = s + b->len;
  size_t nuls = 0;
  for (const char *q = s; q < end; q++) nuls += *q == '\0';
  if (nuls != (size_t)n - 1) {
    snprintf(why, whylen, "%s: an IRI with a NUL byte", param);
    return -1;
  }
  if (!(out->iris = calloc((size_t)n, sizeof *out->iris))) {
    snprintf(why, whylen, "out of memory");
    return -1;
  }
  for (const char *v = s; v <= end; v += strlen(v) + 1) {
    if (!*v) continue;
    const char *colon = strchr(v, ':');
    int bad = !colon || colon == v;
    for (const char *q = v; !bad && *q; q++)
      bad = (unsigned char)*q <= 0x20 || strchr("<>\"{}|^`\\", *q);
    if (bad) {
      snprintf(why, whylen, "%s: '%.100s' is not an absolute IRI", param, v);
      free(out->iris);
      out->iris = NULL;
      return -1;
    }
    out->iris[out->n++] = (char *)v;
  }
  return 0;
}

enum MHD_Result vs_sparql(vs_server *srv,  vs_request *rq) {
  const char *m = rq->method;
  if (strcmp(m, "GET") && strcmp(m, "HEAD") && strcmp(m, "POST"))
    return vs_send_text(rq, MHD_HTTP_METHOD_NOT_ALLOWED,
                        "method %s not allowed: use GET or POST", m);
  vs_params *p = &rq->params;
  int post = !strcmp(m, "POST");
  if (rq->body_kind == VS_BODY_UPDATE || p->update) { /* SPARQL Update: POST only */
    if (!srv->opt->allow_update)
      return vs_send_text(rq, MHD_HTTP_FORBIDDEN,
                          "SPARQL Update is not allowed: this endpoint is read-only (no "
                          "--allow-update)");
    if (!post)
      return vs_send_text(rq, MHD_HTTP_METHOD_NOT_ALLOWED,
                          "an update is POSTed (application/sparql-update, or update= in a form)");
    if (p->nquery || p->update > 1 || (p->update && rq->body_kind == VS_BODY_UPDATE))
      return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "give one update, and no query");
    if (p->update_text.failed)
      return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    if (p->update)
      return vs_update(srv, rq, vitae_buf_str(&p->update_text), p->update_text.len);
    return vs_update(srv, rq, rq->body, rq->body_len);
  }
  if (post && rq->body_kind != VS_BODY_FORM && rq->body_kind != VS_BODY_QUERY)
    return vs_send_text(rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                        "POST a query as application/x-www-form-urlencoded (query=...) or as "
                        "application/sparql-query");
  if (post && rq->body_kind == VS_BODY_QUERY) {
    if (p->nquery)
      return vs_send_text(rq, MHD_HTTP_BAD_REQUEST,
                          "give the query either in the body or as query=, not both");
    p->nquery = 1;
    vitae_buf_reset(&p->query);
    vitae_buf_append(&p->query, rq->body, rq->body_len);
  }
  if (!p->nquery) {
    if (!post) return service_description(srv, rq);
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "no query: give query=...");
  }
  if (p->nquery > 1)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "more than one query= given");
  if (p->query.failed || p->format.failed)
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  if (strlen(vitae_buf_str(&p->query)) != p->query.len)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "the query contains a NUL byte");
  if (p->default_graphs.failed || p->named_graphs.failed)
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  graph_list dflt, named;
  char why[200];
  if (graph_list_make(&p->default_graphs, p->ndefault, &dflt, "default-graph-uri", why,
                      sizeof why) != 0)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "%s", why);
  if (graph_list_make(&p->named_graphs, p->nnamed, &named, "named-graph-uri", why,
                      sizeof why) != 0) {
    free(dflt.iris);
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "%s", why);
  }
  /* either parameter makes the dataset: the other one, absent, is empty */
  vitae_query_dataset ds = {(const char *const *)dflt.iris, dflt.n,
                            (const char *const *)named.iris, named.n};
  enum MHD_Result ok = run_query(srv, rq, dflt.n || named.n ? &ds : NULL);
  free(dflt.iris);
  free(named.iris);
  return ok;
}

static enum MHD_Result run_query(vs_server *srv,  vs_request *rq,
                                 const vitae_query_dataset *ds) {
  vs_params *p = &rq->params;
  const char *accept = vs_accept(rq);
  if (p->format.len) {
    if (!(accept = format_media(vitae_buf_str(&p->format))))
      return vs_send_text(rq, MHD_HTTP_BAD_REQUEST,
                          "unknown format '%.100s' (json, xml, csv, tsv, turtle, ntriples, "
                          "rdfxml, or a media type)",
                          vitae_buf_str(&p->format));
  }
  vs_rdf_type types[8];
  size_t nt = vs_rdf_types(types, 8);
  /* nothing acceptable whatever the query gives: no need to run it */
  if (choose(accept, VITAE_RESULT_BINDINGS, types, nt) < 0 &&
      choose(accept, VITAE_RESULT_GRAPH, types, nt) < 0)
    return not_acceptable(rq, types, nt, "any query");

  enum MHD_Result busy;
  vitae_store *store = vs_take_store(srv, rq, &busy);
  if (!store) return busy;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_result *r = NULL;
  vitae_status st = vitae_query_exec_dataset(store, vitae_buf_str(&p->query), ds,
                                             srv->opt->timeout, &r, &err);
  enum MHD_Result ok;
  if (st != VITAE_OK) {
    char where[64] = "";
    if (err.line) snprintf(where, sizeof where, "line %ld: ", err.line);
    if (err.line && err.column) snprintf(where, sizeof where, "line %ld, column %ld: ", err.line, err.column);
    ok = vs_send_text(rq, vs_status_for(st), "%s%s", where,
                      err.message[0] ? err.message : vitae_strerror(st));
  } else {
    vitae_result_kind kind = vitae_result_get_kind(r);
    int i = choose(accept, kind, types, nt);
    if (i < 0)
      ok = not_acceptable(rq, types, nt,
                          kind == VITAE_RESULT_GRAPH ? "an RDF graph" : "query results");
    else if (kind == VITAE_RESULT_GRAPH)
      ok = send_result(srv, rq, store, r, types[i].format, types[i].media);
    else
      ok = send_result(srv, rq, store, r, RESULT_TYPES[i].format, RESULT_TYPES[i].reply);
  }
  vitae_result_free(r);
  vitae_pool_give(srv->pool, store);
  return ok;
}

/* ---- the service description (SPARQL 1.1 Service Description) ---- */

static enum MHD_Result service_description(vs_server *srv,  vs_request *rq) {
  enum MHD_Result busy;
  vitae_store *store = vs_take_store(srv, rq, &busy);
  if (!store) return busy;
  vitae_error err;
  vitae_error_clear(&err);
  char **graphs = NULL;
  vitae_store_list_graphs(store, &graphs, &err);
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_printf(&b,
                   "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
                   "@prefix fmt: <http://www.w3.org/ns/formats/> .\n"
                   "@prefix void: <http://rdfs.org/ns/void#> .\n"
                   "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
                   "<%s/sparql> a sd:Service ;\n"
                   "  sd:endpoint <%s/sparql> ;\n"
                   "  sd:supportedLanguage sd:SPARQL11Query%s ;\n"
                   "  sd:feature sd:UnionDefaultGraph ;\n"
                   "  rdfs:comment \"default-graph-uri and named-graph-uri (SPARQL 1.1 "
                   "Protocol) give the dataset of a query, in place of FROM and FROM NAMED; "
                   "a graph the store does not hold is empty.\" ;\n"
                   "  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML,\n"
                   "    fmt:SPARQL_Results_CSV, fmt:SPARQL_Results_TSV, fmt:Turtle,\n"
                   "    fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD ;\n"
                   "  sd:defaultDataset [\n"
                   "    a sd:Dataset ;\n"
                   "    sd:defaultGraph [ a sd:Graph ] ;\n",
                   srv->origin, srv->origin,
                   srv->opt->allow_update ? ", sd:SPARQL11Update" : "");
  for (char **g = graphs; g && *g; g++)
    vitae_buf_printf(&b, "    sd:namedGraph [ a sd:NamedGraph ; sd:name <%s> ] ;\n", *g);
  vitae_buf_printf(&b, "    void:sparqlEndpoint <%s/sparql>\n  ] .\n", srv->origin);
  vitae_store_free_list(graphs);
  vitae_pool_give(srv->pool, store);
  enum MHD_Result ok = b.failed ? vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory")
                                : vs_send_rdf_doc(srv, rq, vitae_buf_str(&b), srv->origin);
  vitae_buf_free(&b);
  return ok;
}
