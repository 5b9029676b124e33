/* The request handler: a request's parameters, routing, and the answer
 * helpers the handlers (sparql.c, linked.c, web.c, update.c) use.  No
 * socket here: server.c is the HTTP side. */
#include "serve/handler.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/vocab.h"
#include "export/export.h"
#include "serve/internal.h"

/* ---- answers ---- */

enum MHD_Result vs_send(vs_request *rq, unsigned status, const char *type, char *body, size_t len,
                        const char *const *headers) {
  vitae_http_response *out = rq->out;
  /* CORS: any page may query this (read-only) endpoint, e.g. YASGUI */
  const char *const fixed[] = {"Access-Control-Allow-Origin", "*",
                               "Access-Control-Expose-Headers", "Vitae-Truncated, Content-Type",
                               "Vary", "Accept"};
  size_t nfixed = sizeof fixed / sizeof fixed[0], n = nfixed + (type ? 2 : 0);
  for (const char *const *h = headers; h && h[0]; h += 2) n += 2;
  vitae_http_response_free(out);
  out->status = status;
  out->body = body;
  out->body_len = body ? len : 0;
  if (!(out->headers = calloc(n + 1, sizeof *out->headers))) goto nomem;
  size_t k = 0;
  if (type && !(out->headers[k++] = strdup("Content-Type"))) goto nomem;
  if (type && !(out->headers[k++] = strdup(type))) goto nomem;
  for (size_t i = 0; i < nfixed; i++)
    if (!(out->headers[k++] = strdup(fixed[i]))) goto nomem;
  for (const char *const *h = headers; h && h[0]; h++)
    if (!(out->headers[k++] = strdup(h[0]))) goto nomem;
  rq->status = (int)status;
  return MHD_YES;
nomem:
  vitae_http_response_free(out);
  rq->failed = 1;
  return MHD_NO;
}

enum MHD_Result vs_send_text(vs_request *rq, unsigned status, const char *fmt, ...) {
  vitae_buf b = VITAE_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  char line[2048];
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  vitae_buf_puts(&b, line);
  vitae_buf_putc(&b, '\n');
  size_t len = b.len;
  char *body = b.failed ? NULL : vitae_buf_take(&b);
  vitae_buf_free(&b);
  const char *const allow[] = {"Allow", "GET, POST, OPTIONS", NULL};
  return vs_send(rq, status, "text/plain; charset=utf-8", body, body ? len : 0,
                 status == MHD_HTTP_METHOD_NOT_ALLOWED ? allow : NULL);
}

vitae_store *vs_take_store(vs_server *srv, vs_request *rq, enum MHD_Result *ok) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *store = vitae_pool_take(srv->pool, &err);
  if (!store)
    *ok = vs_send_text(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "the store cannot be read: %s",
                       err.message);
  return store;
}

unsigned vs_status_for(vitae_status st) {
  switch (st) {
  case VITAE_ERR_QUERY:
  case VITAE_ERR_SYNTAX:
  case VITAE_ERR_USAGE:
  case VITAE_ERR_UNSUPPORTED: return MHD_HTTP_BAD_REQUEST;
  case VITAE_ERR_TIMEOUT: return MHD_HTTP_SERVICE_UNAVAILABLE;
  case VITAE_ERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
  default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
  }
}

size_t vs_rdf_types(vs_rdf_type *out, size_t max) {
  static const vs_rdf_type all[] = {{"text/turtle", "turtle"},
                                    {"application/n-triples", "ntriples"},
                                    {"application/rdf+xml", "rdfxml"},
                                    /* HOOK(jsonld): offered as soon as the export module
                                     * knows the format "jsonld"; until then a request for
                                     * it alone gets 406 */
                                    {"application/ld+json", "jsonld"}};
  size_t n = 0;
  for (size_t i = 0; i < sizeof all / sizeof all[0] && n < max; i++) {
    vitae_rdf_format f;
    if (vitae_rdf_format_parse(all[i].format, &f) == 0) out[n++] = all[i];
  }
  return n;
}

const char *vitae_http_header(const char *const *pairs, const char *name) {
  for (const char *const *h = pairs; h && h[0] && h[1]; h += 2)
    if (!strcasecmp(h[0], name)) return h[1];
  return NULL;
}

const char *vs_header(const vs_request *rq, const char *name) {
  return vitae_http_header(rq->in->headers, name);
}

const char *vs_arg(const vs_request *rq, const char *name) {
  for (const char *const *a = rq->in->args; a && a[0] && a[1]; a += 2)
    if (!strcmp(a[0], name)) return a[1];
  return NULL;
}

const char *vs_accept(const vs_request *rq) { return vs_header(rq, "Accept"); }

void vs_put_html(vitae_buf *b, const char *s, size_t n) { vitae_buf_put_markup(b, s, n, 1); }

/* ---- a request's parameters ---- */

static int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* Decode [s, end) into b (reset first). */
static void form_decode(vitae_buf *b, const char *s, const char *end) {
  vitae_buf_reset(b);
  while (s < end) {
    int hi, lo;
    if (*s == '+') {
      vitae_buf_putc(b, ' ');
      s++;
    } else if (*s == '%' && end - s >= 3 && (hi = hex_digit(s[1])) >= 0 &&
               (lo = hex_digit(s[2])) >= 0) {
      vitae_buf_putc(b, (char)(hi * 16 + lo));
      s += 3;
    } else {
      vitae_buf_putc(b, *s++);
    }
  }
}

int vitae_http_parse_form(const char *text, size_t len,
                          void (*field)(void *ctx, const char *name, size_t name_len,
                                        const char *value, size_t value_len),
                          void *ctx) {
  vitae_buf name = VITAE_BUF_INIT, value = VITAE_BUF_INIT;
  const char *p = text, *end = text + len;
  int rc = 0;
  while (p < end && rc == 0) {
    const char *amp = memchr(p, '&', (size_t)(end - p));
    if (!amp) amp = end;
    const char *eq = memchr(p, '=', (size_t)(amp - p));
    if (amp > p) { /* "a&&b": no empty fields */
      form_decode(&name, p, eq ? eq : amp);
      form_decode(&value, eq ? eq + 1 : amp, amp);
      if (name.failed || value.failed) rc = -1;
      else field(ctx, vitae_buf_str(&name), name.len, vitae_buf_str(&value), value.len);
    }
    p = amp + 1;
  }
  vitae_buf_free(&name);
  vitae_buf_free(&value);
  return rc;
}

/* The SPARQL protocol's parameters, from the URL and a form body. */
static void put_param(vs_params *p, const char *key, const char *data, size_t size) {
  if (!strcmp(key, "query")) {
    p->nquery++;
    vitae_buf_reset(&p->query);
    vitae_buf_append(&p->query, data, size);
  } else if (!strcmp(key, "update")) {
    p->update++;
    vitae_buf_reset(&p->update_text);
    vitae_buf_append(&p->update_text, data, size);
  } else if (!strcmp(key, "default-graph-uri") || !strcmp(key, "named-graph-uri")) {
    int dflt = key[0] == 'd';
    vitae_buf *b = dflt ? &p->default_graphs : &p->named_graphs;
    if (dflt ? p->ndefault++ : p->nnamed++) vitae_buf_putc(b, '\0'); /* end the one before */
    vitae_buf_append(b, data, size);
  } else if (!strcmp(key, "format")) {
    vitae_buf_reset(&p->format);
    vitae_buf_append(&p->format, data, size);
  }
}

static void form_field(void *ctx, const char *name, size_t name_len, const char *value,
                       size_t value_len) {
  /* a name with a NUL byte is no parameter of ours */
  if (strlen(name) == name_len) put_param(ctx, name, value, value_len);
}

/* The media type of a Content-Type value, without parameters. */
static int content_type_is(const char *ct, const char *type) {
  if (!ct) return 0;
  size_t n = strlen(type);
  while (*ct == ' ') ct++;
  return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static void params_free(vs_params *p) {
  vitae_buf_free(&p->query);
  vitae_buf_free(&p->format);
  vitae_buf_free(&p->update_text);
  vitae_buf_free(&p->default_graphs);
  vitae_buf_free(&p->named_graphs);
}

/* ---- routing ---- */

static enum MHD_Result route(vs_server *srv, vs_request *rq) {
  const char *url = rq->in->path ? rq->in->path : "", *method = rq->method;
  if (!strcmp(method, "OPTIONS")) { /* CORS preflight */
    const char *const h[] = {"Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS",
                             "Access-Control-Allow-Headers", "Accept, Content-Type, Authorization",
                             "Access-Control-Max-Age", "86400",
                             "Allow", "GET, POST, OPTIONS", NULL};
    return vs_send(rq, MHD_HTTP_NO_CONTENT, NULL, NULL, 0, h);
  }
  if (rq->in->body_too_large)
    return vs_send_text(rq, MHD_HTTP_CONTENT_TOO_LARGE,
                        "request body over %zu bytes (the server's --max-body)",
                        srv->opt->max_body);
  if (!strcmp(url, "/sparql")) return vs_sparql(srv, rq);
  if (!strcmp(url, "/rdf-graph-store")) return vs_graph_store(srv, rq);
  int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  if (!get) {
    const char *const allow[] = {"Allow", "GET, OPTIONS", NULL};
    char *msg = strdup("only GET here (SPARQL queries go to /sparql)\n");
    return vs_send(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", msg,
                   msg ? strlen(msg) : 0, allow);
  }
  if (!strcmp(url, "/.well-known/void")) return vs_void(srv, rq);
  if (!strcmp(url, "/")) return vs_static(srv, rq, "index.html");
  if (!strncmp(url, "/static/", 8)) return vs_static(srv, rq, url + 8);
  if (!strncmp(url, "/api/", 5)) return vs_api(srv, rq, url + 5);
  return vs_linked_data(srv, rq, url[0] == '/' ? url + 1 : url);
}

int vitae_handler_answer(vitae_handler *h, const vitae_http_request *in,
                         vitae_http_response *out) {
  memset(out, 0, sizeof *out);
  vs_request rq;
  memset(&rq, 0, sizeof rq);
  rq.in = in;
  rq.out = out;
  rq.method = in->method ? in->method : "";
  rq.body = in->body ? in->body : "";
  rq.body_len = in->body ? in->body_len : 0;
  const char *ct = vs_header(&rq, "Content-Type");
  if (content_type_is(ct, "application/x-www-form-urlencoded")) rq.body_kind = VS_BODY_FORM;
  else if (content_type_is(ct, "application/sparql-query")) rq.body_kind = VS_BODY_QUERY;
  else if (content_type_is(ct, "application/sparql-update")) rq.body_kind = VS_BODY_UPDATE;
  else if (ct) rq.body_kind = VS_BODY_OTHER;
  for (const char *const *a = in->args; a && a[0] && a[1]; a += 2)
    put_param(&rq.params, a[0], a[1], strlen(a[1]));
  int nomem = 0;
  if (rq.body_kind == VS_BODY_FORM && !in->body_too_large)
    nomem = vitae_http_parse_form(rq.body, rq.body_len, form_field, &rq.params) != 0;
  if (nomem) vs_send_text(&rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  else route(h, &rq);
  params_free(&rq.params);
  if (rq.failed || !rq.status) {
    vitae_http_response_free(out);
    return -1;
  }
  return 0;
}

void vitae_http_response_free(vitae_http_response *r) {
  if (!r) return;
  free(r->body);
  for (char **h = r->headers; h && *h; h++) free(*h);
  free(r->headers);
  memset(r, 0, sizeof *r);
}

/* ---- the handler ---- */

vitae_status vitae_handler_new(const vitae_server_options *opt, vitae_handler **out,
                               vitae_error *err) {
  *out = NULL;
  vitae_handler *h = calloc(1, sizeof *h);
  if (!h) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  h->opt = opt;
  h->base = opt->base ? opt->base : VITAE_DEFAULT_BASE;
  snprintf(h->origin, sizeof h->origin, "http://localhost");
  vitae_status st = vitae_pool_new(opt->store_spec, &h->pool, err);
  if (st != VITAE_OK) {
    free(h);
    return st;
  }
  *out = h;
  return VITAE_OK;
}

void vitae_handler_set_origin(vitae_handler *h, const char *origin) {
  snprintf(h->origin, sizeof h->origin, "%s", origin);
}

void vitae_handler_free(vitae_handler *h) {
  if (!h) return;
  vitae_pool_free(h->pool);
  free(h);
}
