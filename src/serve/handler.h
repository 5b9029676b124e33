/* vitae serve's request handler, apart from the HTTP library: one request
 * in (method, path, arguments, headers, body), one answer out (status,
 * headers, body).  server.c feeds it what libmicrohttpd parsed from a
 * socket; the fuzz harness (tests/fuzz/fuzz_http.c) feeds it bytes. */
#ifndef VITAE_SERVE_HANDLER_H
#define VITAE_SERVE_HANDLER_H

#include <stddef.h>

#include "core/error.h"
#include "serve/server.h"

typedef struct vitae_handler vitae_handler;

/* One request; everything is the caller's. */
typedef struct vitae_http_request {
  const char *method;         /* "GET", "POST", ... */
  const char *path;           /* the URL's path, percent-decoded: "/sparql" */
  const char *const *args;    /* the URL's arguments, decoded: name, value pairs
                               * (a value "" when none was given), then NULL */
  const char *const *headers; /* name, value pairs, then NULL */
  const char *body;           /* body_len bytes, then a NUL; NULL when none */
  size_t body_len;
  int body_too_large;         /* the body was over opt->max_body (and dropped) */
} vitae_http_request;

/* One answer.  The strings are owned by it: vitae_http_response_free. */
typedef struct vitae_http_response {
  unsigned status;
  char *body; /* NULL for no body */
  size_t body_len;
  char **headers; /* name, value pairs (Content-Type among them), then NULL */
} vitae_http_response;

/* A handler serving the store opt->store_spec as opt says (the store is
 * opened here: a missing one fails now).  opt must outlive the handler.
 * Free with vitae_handler_free. */
vitae_status vitae_handler_new(const vitae_server_options *opt, vitae_handler **out,
                               vitae_error *err);
void vitae_handler_free(vitae_handler *h);

/* The server's own "http://host:port", for the absolute IRIs of the
 * service description and VoID ("http://localhost" until set); set before
 * answering requests. */
void vitae_handler_set_origin(vitae_handler *h, const char *origin);

/* Answer a request.  Thread-safe: requests may be answered on several
 * threads at once.  Returns 0, or -1 when out of memory before an answer
 * could be made (*out is then empty). */
int vitae_handler_answer(vitae_handler *h, const vitae_http_request *rq,
                         vitae_http_response *out);
void vitae_http_response_free(vitae_http_response *r);

/* The value of a header of a request or an answer (names compare without
 * case), or NULL. */
const char *vitae_http_header(const char *const *pairs, const char *name);

/* Decode application/x-www-form-urlencoded text (a URL's query string or a
 * form body: name=value pairs joined by '&', '+' for a space, %XX escapes;
 * a malformed escape is kept as it is).  Calls field() with each decoded
 * name and value (NUL-terminated, valid during the call; value "" when the
 * pair has no '='; a name or value may hold a NUL byte from %00, hence the
 * lengths).  Returns 0, or -1 when out of memory. */
int vitae_http_parse_form(const char *text, size_t len,
                          void (*field)(void *ctx, const char *name, size_t name_len,
                                        const char *value, size_t value_len),
                          void *ctx);

#endif
