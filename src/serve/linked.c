/* Linked data: GET /<path> describes <base><path> (its concise bounded
 * description, in the RDF format asked for, or an HTML page for browsers),
 * /.well-known/void describes the dataset.  The HTML page is the facts as
 * a table (readable without JavaScript), with the places where the web
 * page's entity.js draws the timeline and the network. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "export/export.h"
#include "query/query.h"
#include "serve/internal.h"
#include "serve/negotiate.h"

/* ---- RDF documents ---- */

typedef struct collected {
  raptor_statement **v;
  size_t n, cap;
  int failed;
} collected;

static void collect_statement(void *user_data, raptor_statement *s) {
  collected *c = user_data;
  if (c->failed) return;
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 64;
    raptor_statement **more = realloc(c->v, cap * sizeof *more);
    if (!more) {
      c->failed = 1;
      return;
    }
    c->v = more;
    c->cap = cap;
  }
  if (!(c->v[c->n] = raptor_statement_copy(s))) c->failed = 1;
  else c->n++;
}

/* Turtle (ours, well-formed) into another format, via raptor's parser. */
static vitae_status convert_turtle(raptor_world *world, const char *turtle, const char *base,
                                   const char *format, char **out, size_t *len) {
  vitae_rdf_format rf;
  if (vitae_rdf_format_parse(format, &rf) != 0) return VITAE_ERR_UNSUPPORTED;
  collected c = {NULL, 0, 0, 0};
  raptor_parser *p = raptor_new_parser(world, "turtle");
  raptor_uri *u = raptor_new_uri(world, (const unsigned char *)base);
  vitae_status st = VITAE_ERR_NOMEM;
  if (p && u) {
    raptor_parser_set_statement_handler(p, &c, collect_statement);
    if (raptor_parser_parse_start(p, u) == 0 &&
        raptor_parser_parse_chunk(p, (const unsigned char *)turtle, strlen(turtle), 1) == 0 &&
        !c.failed)
      st = VITAE_OK;
  }
  if (p) raptor_free_parser(p);
  if (u) raptor_free_uri(u);
  FILE *f = st == VITAE_OK ? open_memstream(out, len) : NULL;
  if (st == VITAE_OK && !f) st = VITAE_ERR_NOMEM;
  if (f) {
    vitae_error err;
    vitae_error_clear(&err);
    st = vitae_export_statements(world, c.v, c.n, rf, f, &err);
    if (fclose(f) != 0 && st == VITAE_OK) st = VITAE_ERR_NOMEM;
    if (st != VITAE_OK) {
      free(*out);
      *out = NULL;
    }
  }
  for (size_t i = 0; i < c.n; i++) raptor_free_statement(c.v[i]);
  free(c.v);
  return st;
}

enum MHD_Result vs_send_rdf_doc(vs_server *srv,  vs_request *rq,
                                const char *turtle, const char *base_iri) {
  vs_rdf_type types[8];
  size_t nt = vs_rdf_types(types, 8);
  const char *offered[8];
  for (size_t i = 0; i < nt; i++) offered[i] = types[i].media;
  int i = vitae_negotiate(vs_accept(rq), offered, nt);
  if (i < 0)
    return vs_send_text(rq, MHD_HTTP_NOT_ACCEPTABLE,
                        "this document is RDF: text/turtle, application/n-triples, "
                        "application/rdf+xml or application/ld+json");
  if (!strcmp(types[i].format, "turtle")) {
    char *body = strdup(turtle);
    return vs_send(rq, MHD_HTTP_OK, "text/turtle; charset=utf-8", body, body ? strlen(body) : 0,
                   NULL);
  }
  enum MHD_Result busy;
  vitae_store *store = vs_take_store(srv, rq, &busy);
  if (!store) return busy;
  char *body = NULL;
  size_t len = 0;
  vitae_status st = convert_turtle(librdf_world_get_raptor(vitae_store_world(store)), turtle,
                                   base_iri, types[i].format, &body, &len);
  vitae_pool_give(srv->pool, store);
  if (st != VITAE_OK)
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot write %s", types[i].media);
  return vs_send(rq, MHD_HTTP_OK, types[i].media, body, len, NULL);
}

/* ---- VoID ---- */

enum MHD_Result vs_void(vs_server *srv,  vs_request *rq) {
  enum MHD_Result busy;
  vitae_store *store = vs_take_store(srv, rq, &busy);
  if (!store) return busy;
  vitae_error err;
  vitae_error_clear(&err);
  unsigned long triples = 0;
  char **graphs = NULL;
  vitae_store_count(store, NULL, &triples, &err);
  vitae_store_list_graphs(store, &graphs, &err);
  vitae_pool_give(srv->pool, store);
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_printf(&b,
                   "@prefix void: <http://rdfs.org/ns/void#> .\n"
                   "@prefix dcterms: <http://purl.org/dc/terms/> .\n\n"
                   "<%s/.well-known/void#dataset> a void:Dataset ;\n"
                   "  dcterms:title \"vitae knowledge graph\" ;\n"
                   "  void:sparqlEndpoint <%s/sparql> ;\n"
                   "  void:uriSpace \"%s\" ;\n"
                   "  void:vocabulary <%s> ;\n"
                   "  void:feature <http://www.w3.org/ns/formats/Turtle>,\n"
                   "    <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/RDF_XML>,\n"
                   "    <http://www.w3.org/ns/formats/JSON-LD> ;\n"
                   "  void:triples %lu",
                   srv->origin, srv->origin, srv->base, VT_NS, triples);
  for (char **g = graphs; g && *g; g++)
    vitae_buf_printf(&b, " ;\n  void:subset [ a void:Dataset ; dcterms:source <%s> ]", *g);
  vitae_buf_puts(&b, " .\n");
  vitae_store_free_list(graphs);
  enum MHD_Result ok = b.failed ? vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory")
                                : vs_send_rdf_doc(srv, rq, vitae_buf_str(&b), srv->origin);
  vitae_buf_free(&b);
  return ok;
}

/* ---- entities ---- */

/* Characters an IRIREF cannot hold: such a path names no entity, and it
 * must not reach the SPARQL text. */
static int iri_safe(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= 0x20 || strchr("<>\"{}|^`\\", *p)) return 0;
  return 1;
}

static char *run_describe(vs_server *srv, vitae_store *store, const char *iri, vitae_result **out,
                          vitae_error *err) {
  vitae_buf q = VITAE_BUF_INIT;
  vitae_buf_printf(&q, "DESCRIBE <%s>", iri);
  char *text = vitae_buf_take(&q);
  if (!text || vitae_query_exec_timed(store, text, srv->opt->timeout, out, err) != VITAE_OK) *out = NULL;
  return text;
}

/* The compact form of an IRI: a contract prefix, or <iri>. */
static void put_iri_short(vitae_buf *b, const char *iri) {
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix; p++) {
    size_t n = strlen(p->iri);
    if (!strncmp(iri, p->iri, n) && iri[n]) {
      vitae_buf_printf(b, "%s:", p->prefix);
      vs_put_html(b, iri + n, strlen(iri + n));
      return;
    }
  }
  vs_put_html(b, iri, strlen(iri));
}

/* A term as HTML: entities under the base link to their page here. */
static void put_term(vs_server *srv, vitae_buf *b, librdf_node *n, librdf_node *label) {
  if (!n) return;
  if (librdf_node_is_resource(n)) {
    const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
    size_t bl = strlen(srv->base);
    int local = !strncmp(iri, srv->base, bl);
    vitae_buf_puts(b, "<a href=\"");
    if (local) vitae_buf_putc(b, '/');
    vs_put_html(b, local ? iri + bl : iri, strlen(local ? iri + bl : iri));
    vitae_buf_puts(b, "\">");
    if (label && librdf_node_is_literal(label)) {
      size_t len;
      const char *v = (const char *)librdf_node_get_literal_value_as_counted_string(label, &len);
      vs_put_html(b, v, len);
    } else {
      put_iri_short(b, iri);
    }
    vitae_buf_puts(b, "</a>");
  } else if (librdf_node_is_literal(n)) {
    size_t len;
    const char *v = (const char *)librdf_node_get_literal_value_as_counted_string(n, &len);
    vs_put_html(b, v, len);
    const char *lang = librdf_node_get_literal_value_language(n);
    if (lang && *lang) vitae_buf_printf(b, " <small>@%s</small>", lang);
  } else {
    vitae_buf_puts(b, "<i>(blank node)</i>");
  }
}

/* Rows of a SELECT about the entity, or NULL (the page leaves the part out). */
static vitae_result *select_about(vs_server *srv, vitae_store *store, const char *head,
                                  const char *iri, const char *tail) {
  vitae_buf q = VITAE_BUF_INIT;
  vitae_buf_printf(&q, "%s<%s>%s", head, iri, tail);
  vitae_result *r = NULL;
  vitae_error err;
  vitae_error_clear(&err);
  if (!q.failed) vitae_query_exec_timed(store, vitae_buf_str(&q), srv->opt->timeout, &r, &err);
  vitae_buf_free(&q);
  return r;
}

static void put_rows(vs_server *srv, vitae_buf *b, vitae_result *r, int a, int bcol, int label) {
  for (size_t i = 0; r && i < vitae_result_rows(r); i++) {
    vitae_buf_puts(b, "<tr><td>");
    put_term(srv, b, vitae_result_cell(r, i, (size_t)a), NULL);
    vitae_buf_puts(b, "</td><td>");
    put_term(srv, b, vitae_result_cell(r, i, (size_t)bcol),
             label >= 0 ? vitae_result_cell(r, i, (size_t)label) : NULL);
    vitae_buf_puts(b, "</td></tr>\n");
  }
}

static char *entity_page(vs_server *srv, vitae_store *store, const char *iri) {
  vitae_result *out = select_about(srv, store,
      "SELECT ?p ?o ?l WHERE { ", iri, " ?p ?o OPTIONAL { ?o rdfs:label ?l } } ORDER BY ?p ?o");
  vitae_result *in = select_about(srv, store,
      "SELECT ?p ?s ?l WHERE { ?s ?p ", iri,
      " OPTIONAL { ?s rdfs:label ?l } } ORDER BY ?p ?s LIMIT 1000");
  vitae_result *ev = select_about(srv, store,
      "SELECT ?p ?o ?text WHERE { ?st rdf:subject ", iri,
      " ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sen . ?sen vt:text ?text } "
      "ORDER BY ?p ?o");
  vitae_result *own = select_about(srv, store,
      "SELECT ?text WHERE { ", iri, " prov:wasDerivedFrom ?sen . ?sen vt:text ?text }");
  vitae_buf b = VITAE_BUF_INIT;
  const char *title = iri;
  size_t tlen = strlen(iri);
  for (size_t i = 0; out && i < vitae_result_rows(out); i++) {
    librdf_node *p = vitae_result_cell(out, i, 0), *o = vitae_result_cell(out, i, 1);
    if (p && o && librdf_node_is_literal(o) &&
        !strcmp((const char *)librdf_uri_as_string(librdf_node_get_uri(p)), RDFS_NS "label")) {
      title = (const char *)librdf_node_get_literal_value_as_counted_string(o, &tlen);
      break;
    }
  }
  vitae_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width\"><title>");
  vs_put_html(&b, title, tlen);
  vitae_buf_puts(&b, " – vitae</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                     "<script src=\"/static/common.js\" defer></script>\n"
                     "<script src=\"/static/entity.js\" defer></script>\n</head><body>\n"
                     "<header><a class=\"home\" href=\"/\">vitae</a>"
                     "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">"
                     "<input type=\"search\" name=\"q\" placeholder=\"Find a person, office, "
                     "place…\" autocomplete=\"off\" aria-label=\"search\"><ul class=\"hits\">"
                     "</ul></form></header>\n<main id=\"entity\" data-iri=\"");
  vs_put_html(&b, iri, strlen(iri));
  vitae_buf_puts(&b, "\">\n<h1>");
  vs_put_html(&b, title, tlen);
  vitae_buf_puts(&b, "</h1>\n<p><code>");
  vs_put_html(&b, iri, strlen(iri));
  vitae_buf_puts(&b, "</code></p>\n"
                     "<section id=\"timeline\" hidden><h2>Timeline</h2><div class=\"chart\"></div>"
                     "<ol class=\"evidence\"></ol></section>\n"
                     "<section id=\"network\" hidden><h2>Network</h2><div class=\"chart\"></div>"
                     "<ol class=\"evidence\"></ol></section>\n"
                     "<h2>Facts</h2>\n<table>\n");
  put_rows(srv, &b, out, 0, 1, 2);
  vitae_buf_puts(&b, "</table>\n<h2>Referred to by</h2>\n<table>\n");
  put_rows(srv, &b, in, 0, 1, 2);
  vitae_buf_puts(&b, "</table>\n<h2>Evidence</h2>\n<ul>\n");
  for (size_t i = 0; ev && i < vitae_result_rows(ev); i++) {
    vitae_buf_puts(&b, "<li>");
    put_term(srv, &b, vitae_result_cell(ev, i, 0), NULL);
    vitae_buf_puts(&b, " ");
    put_term(srv, &b, vitae_result_cell(ev, i, 1), NULL);
    vitae_buf_puts(&b, ": <q>");
    put_term(srv, &b, vitae_result_cell(ev, i, 2), NULL);
    vitae_buf_puts(&b, "</q></li>\n");
  }
  for (size_t i = 0; own && i < vitae_result_rows(own); i++) {
    vitae_buf_puts(&b, "<li><q>");
    put_term(srv, &b, vitae_result_cell(own, i, 0), NULL);
    vitae_buf_puts(&b, "</q></li>\n");
  }
  vitae_buf_puts(&b, "</ul>\n</main>\n</body></html>\n");
  vitae_result_free(out);
  vitae_result_free(in);
  vitae_result_free(ev);
  vitae_result_free(own);
  if (b.failed) {
    vitae_buf_free(&b);
    return NULL;
  }
  return vitae_buf_take(&b);
}

enum MHD_Result vs_linked_data(vs_server *srv,  vs_request *rq,
                               const char *path) {
  if (!*path || !iri_safe(path))
    return vs_send_text(rq, MHD_HTTP_NOT_FOUND, "no such resource");
  vs_rdf_type types[8];
  size_t nt = vs_rdf_types(types, 7);
  const char *offered[8];
  for (size_t i = 0; i < nt; i++) offered[i] = types[i].media;
  offered[nt] = "text/html";
  int choice = vitae_negotiate(vs_accept(rq), offered, nt + 1);
  if (choice < 0)
    return vs_send_text(rq, MHD_HTTP_NOT_ACCEPTABLE,
                        "an entity is given as text/turtle, application/n-triples, "
                        "application/rdf+xml, application/ld+json or text/html");
  vitae_buf ib = VITAE_BUF_INIT;
  vitae_buf_printf(&ib, "%s%s", srv->base, path);
  if (ib.failed) return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  enum MHD_Result ok;
  vitae_store *store = vs_take_store(srv, rq, &ok);
  if (!store) {
    vitae_buf_free(&ib);
    return ok;
  }
  vitae_error err;
  vitae_error_clear(&err);
  const char *iri = vitae_buf_str(&ib);
  vitae_result *r = NULL;
  free(run_describe(srv, store, iri, &r, &err));
  raptor_statement **stmts;
  if (!r) {
    ok = vs_send_text(rq, vs_status_for(err.status), "%s", err.message);
  } else if (vitae_result_statements(r, &stmts) == 0) {
    ok = vs_send_text(rq, MHD_HTTP_NOT_FOUND, "nothing is known about <%.1000s>", iri);
  } else if ((size_t)choice == nt) {
    char *page = entity_page(srv, store, iri);
    ok = page ? vs_send(rq, MHD_HTTP_OK, "text/html; charset=utf-8", page, strlen(page), NULL)
              : vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  } else {
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    vitae_status st = f ? vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(store)),
                                             types[choice].format, f, &err)
                        : VITAE_ERR_NOMEM;
    if (f && fclose(f) != 0) st = VITAE_ERR_NOMEM;
    if (st == VITAE_OK) {
      const char *ct = !strcmp(types[choice].format, "turtle") ? "text/turtle; charset=utf-8"
                                                                : types[choice].media;
      ok = vs_send(rq, MHD_HTTP_OK, ct, body, len, NULL);
    } else {
      free(body);
      ok = vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot write the description");
    }
  }
  vitae_result_free(r);
  vitae_pool_give(srv->pool, store);
  vitae_buf_free(&ib);
  return ok;
}
