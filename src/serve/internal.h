/* Private to src/serve: one request's state, the server's, and the helpers
 * the handlers (sparql.c, linked.c, web.c, update.c) use to answer.  The
 * status codes are libmicrohttpd's MHD_HTTP_* names, and a handler's
 * result its enum MHD_Result (MHD_NO: out of memory), but no handler
 * touches a connection. */
#ifndef VITAE_SERVE_INTERNAL_H
#define VITAE_SERVE_INTERNAL_H

#include <stddef.h>
#include <microhttpd.h>

#include "core/buf.h"
#include "serve/handler.h"
#include "serve/pool.h"
#include "serve/server.h"

/* The handler (handler.h): the server's options and store handles. */
struct vitae_handler {
  const vitae_server_options *opt;
  const char *base; /* the base IRI */
  vitae_pool *pool;
  char origin[300]; /* "http://127.0.0.1:8080", for absolute IRIs */
};
typedef struct vitae_handler vs_server;

/* The SPARQL protocol's parameters, from the URL and a form body. */
typedef struct vs_params {
  vitae_buf query;
  int nquery;             /* how many query= were given */
  int update;             /* how many update= were given */
  vitae_buf update_text;  /* the update= value */
  /* default-graph-uri and named-graph-uri values, each ended by a NUL,
   * and how many of each (empty values included) */
  vitae_buf default_graphs, named_graphs;
  int ndefault, nnamed;
  vitae_buf format;       /* the format= parameter */
} vs_params;

typedef enum { VS_BODY_NONE, VS_BODY_FORM, VS_BODY_QUERY, VS_BODY_UPDATE, VS_BODY_OTHER } vs_body_kind;

/* One request being answered (handler.c). */
typedef struct vs_request {
  const vitae_http_request *in;
  const char *method;
  vs_body_kind body_kind;
  const char *body; /* body_len bytes then a NUL (a form's is parsed into params) */
  size_t body_len;
  vs_params params;
  vitae_http_response *out; /* the answer, once sent */
  int status;               /* the status sent; 0 before */
  int failed;               /* out of memory while making the answer */
} vs_request;

/* Set the answer (the Content-Type type, the CORS headers, and headers: a
 * NULL-terminated list of name, value pairs, may be NULL).  body is
 * malloc'ed and taken (NULL: no body).  MHD_NO when out of memory. */
enum MHD_Result vs_send(vs_request *rq, unsigned status, const char *type, char *body, size_t len,
                        const char *const *headers);

/* A text/plain answer (errors: the message, one line). */
enum MHD_Result vs_send_text(vs_request *rq, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A store handle for this request (give it back with vitae_pool_give), or
 * NULL after answering 503 (*ok is then the result to return). */
vitae_store *vs_take_store(vs_server *srv, vs_request *rq, enum MHD_Result *ok);

/* The HTTP status for a failed query or store access. */
unsigned vs_status_for(vitae_status st);

/* A request header's value (NULL when absent), a URL argument's ("" when
 * given without a value, NULL when absent), and the Accept header's. */
const char *vs_header(const vs_request *rq, const char *name);
const char *vs_arg(const vs_request *rq, const char *name);
const char *vs_accept(const vs_request *rq);

/* Handlers, each answering one request completely. */
enum MHD_Result vs_sparql(vs_server *srv, vs_request *rq);
enum MHD_Result vs_linked_data(vs_server *srv, vs_request *rq,
                               const char *path);
enum MHD_Result vs_void(vs_server *srv, vs_request *rq);
/* web.c: the page's static files (name: "index.html", "style.css", ...)
 * and its JSON endpoints (what: "queries", "search", "timeline", ...). */
enum MHD_Result vs_static(vs_server *srv, vs_request *rq,
                          const char *name);
enum MHD_Result vs_api(vs_server *srv, vs_request *rq,
                       const char *what);
/* update.c: SPARQL Update at /sparql (text: the update request) and the
 * Graph Store Protocol at /rdf-graph-store; both check the token first. */
enum MHD_Result vs_update(vs_server *srv, vs_request *rq,
                          const char *text, size_t len);
enum MHD_Result vs_graph_store(vs_server *srv, vs_request *rq);

/* Send a Turtle document in the RDF format the client accepts (Turtle,
 * N-Triples, RDF/XML; 406 otherwise).  turtle is the caller's. */
enum MHD_Result vs_send_rdf_doc(vs_server *srv, vs_request *rq,
                                const char *turtle, const char *base_iri);

/* The RDF media types offered for graphs, with the export module's format
 * names; the count of them this build can write. */
typedef struct vs_rdf_type {
  const char *media, *format;
} vs_rdf_type;
size_t vs_rdf_types(vs_rdf_type *out, size_t max);

/* HTML escaping into b. */
void vs_put_html(vitae_buf *b, const char *s, size_t n);

#endif
