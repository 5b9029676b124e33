/* The daemon: start and stop, one request's life (headers, body, answer,
 * log line), routing, and the response helpers. */
#include "serve/server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/vocab.h"
#include "export/export.h"
#include "serve/internal.h"

/* ---- answers ---- */

enum MHD_Result vs_send(struct MHD_Connection *c, vs_request *rq, unsigned status,
                        const char *type, char *body, size_t len, const char *const *headers) {
  struct MHD_Response *r =
      body ? MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE)
           : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
  if (!r) {
    free(body);
    return MHD_NO;
  }
  if (type) MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  /* CORS: any page may query this (read-only) endpoint, e.g. YASGUI */
  MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
  MHD_add_response_header(r, "Access-Control-Expose-Headers", "Vitae-Truncated, Content-Type");
  MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept");
  for (const char *const *h = headers; h && h[0]; h += 2) MHD_add_response_header(r, h[0], h[1]);
  enum MHD_Result ok = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  rq->status = (int)status;
  return ok;
}

enum MHD_Result vs_send_text(struct MHD_Connection *c, vs_request *rq, unsigned status,
                             const char *fmt, ...) {
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
  const char *const allow[] = {MHD_HTTP_HEADER_ALLOW, "GET, POST, OPTIONS", NULL};
  return vs_send(c, rq, status, "text/plain; charset=utf-8", body, body ? len : 0,
                 status == MHD_HTTP_METHOD_NOT_ALLOWED ? allow : NULL);
}

vitae_store *vs_take_store(vs_server *srv, struct MHD_Connection *c, vs_request *rq,
                           enum MHD_Result *ok) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *store = vitae_pool_take(srv->pool, &err);
  if (!store)
    *ok = vs_send_text(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE, "the store cannot be read: %s",
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

const char *vs_accept(struct MHD_Connection *c) {
  return MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
}

void vs_put_html(vitae_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '&': vitae_buf_puts(b, "&amp;"); break;
    case '<': vitae_buf_puts(b, "&lt;"); break;
    case '>': vitae_buf_puts(b, "&gt;"); break;
    case '"': vitae_buf_puts(b, "&quot;"); break;
    case '\'': vitae_buf_puts(b, "&#39;"); break;
    default: vitae_buf_putc(b, s[i]);
    }
  }
}

/* ---- a request's life ---- */

/* Form fields (application/x-www-form-urlencoded POST, or the URL's
 * arguments), arriving in pieces: a piece at offset 0 starts a value. */
static void put_param(vs_params *p, const char *key, const char *data, uint64_t off, size_t size) {
  if (!key) return;
  if (!strcmp(key, "query")) {
    if (off == 0) {
      p->nquery++;
      vitae_buf_reset(&p->query);
    }
    vitae_buf_append(&p->query, data, size);
  } else if (!strcmp(key, "update")) {
    if (off == 0) {
      p->update++;
      vitae_buf_reset(&p->update_text);
    }
    vitae_buf_append(&p->update_text, data, size);
  } else if (!strcmp(key, "default-graph-uri") || !strcmp(key, "named-graph-uri")) {
    int dflt = key[0] == 'd';
    vitae_buf *b = dflt ? &p->default_graphs : &p->named_graphs;
    if (off == 0) { /* a new value: end the one before */
      if (dflt ? p->ndefault++ : p->nnamed++) vitae_buf_putc(b, '\0');
    }
    vitae_buf_append(b, data, size);
  } else if (!strcmp(key, "format")) {
    if (off == 0) vitae_buf_reset(&p->format);
    vitae_buf_append(&p->format, data, size);
  }
}

static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data, uint64_t off,
                                  size_t size) {
  vs_request *rq = cls;
  put_param(&rq->params, key, data ? data : "", off, data ? size : 0);
  return MHD_YES;
}

static enum MHD_Result url_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value) {
  vs_request *rq = cls;
  put_param(&rq->params, key, value ? value : "", 0, value ? strlen(value) : 0);
  return MHD_YES;
}

/* The media type of a Content-Type value, without parameters. */
static int content_type_is(const char *ct, const char *type) {
  if (!ct) return 0;
  size_t n = strlen(type);
  while (*ct == ' ') ct++;
  return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static vs_request *request_new(struct MHD_Connection *c, const char *method, const char *url) {
  vs_request *rq = calloc(1, sizeof *rq);
  if (!rq) return NULL;
  clock_gettime(CLOCK_MONOTONIC, &rq->start);
  rq->method = strdup(method ? method : "?");
  rq->path = strdup(url ? url : "?");
  const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  if (content_type_is(ct, "application/x-www-form-urlencoded")) rq->body_kind = VS_BODY_FORM;
  else if (content_type_is(ct, "application/sparql-query")) rq->body_kind = VS_BODY_QUERY;
  else if (content_type_is(ct, "application/sparql-update")) rq->body_kind = VS_BODY_UPDATE;
  else if (ct) rq->body_kind = VS_BODY_OTHER;
  if (rq->body_kind == VS_BODY_FORM) rq->form = MHD_create_post_processor(c, 8192, form_field, rq);
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, url_arg, rq);
  return rq;
}

static void request_free(vs_request *rq) {
  if (!rq) return;
  if (rq->form) MHD_destroy_post_processor(rq->form);
  vitae_buf_free(&rq->body);
  vitae_buf_free(&rq->params.query);
  vitae_buf_free(&rq->params.format);
  vitae_buf_free(&rq->params.update_text);
  vitae_buf_free(&rq->params.default_graphs);
  vitae_buf_free(&rq->params.named_graphs);
  free(rq->method);
  free(rq->path);
  free(rq);
}

/* Take a piece of the body, up to the cap; beyond it the rest is read and
 * dropped, and the answer is 413. */
static void take_body(vs_server *srv, vs_request *rq, const char *data, size_t size) {
  rq->body_bytes += size;
  if (rq->too_large || rq->body_bytes > srv->opt->max_body) {
    rq->too_large = 1;
    return;
  }
  if (rq->form) MHD_post_process(rq->form, data, size);
  else vitae_buf_append(&rq->body, data, size);
}

static enum MHD_Result route(vs_server *srv, struct MHD_Connection *c, vs_request *rq,
                             const char *url, const char *method) {
  if (!strcmp(method, "OPTIONS")) { /* CORS preflight */
    const char *const h[] = {"Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS",
                             "Access-Control-Allow-Headers", "Accept, Content-Type, Authorization",
                             "Access-Control-Max-Age", "86400",
                             MHD_HTTP_HEADER_ALLOW, "GET, POST, OPTIONS", NULL};
    return vs_send(c, rq, MHD_HTTP_NO_CONTENT, NULL, NULL, 0, h);
  }
  if (rq->too_large)
    return vs_send_text(c, rq, MHD_HTTP_CONTENT_TOO_LARGE,
                        "request body over %zu bytes (the server's --max-body)",
                        srv->opt->max_body);
  if (!strcmp(url, "/sparql")) return vs_sparql(srv, c, rq);
  if (!strcmp(url, "/rdf-graph-store")) return vs_graph_store(srv, c, rq);
  int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  if (!get) {
    const char *const allow[] = {MHD_HTTP_HEADER_ALLOW, "GET, OPTIONS", NULL};
    char *msg = strdup("only GET here (SPARQL queries go to /sparql)\n");
    return vs_send(c, rq, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", msg,
                   msg ? strlen(msg) : 0, allow);
  }
  if (!strcmp(url, "/.well-known/void")) return vs_void(srv, c, rq);
  if (!strcmp(url, "/")) return vs_static(srv, c, rq, "index.html");
  if (!strncmp(url, "/static/", 8)) return vs_static(srv, c, rq, url + 8);
  if (!strncmp(url, "/api/", 5)) return vs_api(srv, c, rq, url + 5);
  return vs_linked_data(srv, c, rq, url + 1);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  vs_server *srv = cls;
  vs_request *rq = *con_cls;
  if (!rq) { /* headers only: set up, and refuse a declared oversize body at once */
    if (!(rq = *con_cls = request_new(c, method, url))) return MHD_NO;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > srv->opt->max_body) {
      rq->too_large = 1;
      return route(srv, c, rq, url, method);
    }
    return MHD_YES;
  }
  if (*upload_data_size) {
    take_body(srv, rq, upload_data, *upload_data_size);
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (rq->status) return MHD_YES; /* answered already (413 on the headers) */
  return route(srv, c, rq, url, method);
}

/* One line per request: method, path, status, milliseconds. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  vs_server *srv = cls;
  vs_request *rq = *con_cls;
  if (!rq) return;
  if (!srv->opt->quiet) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - rq->start.tv_sec) * 1e3 +
                (double)(now.tv_nsec - rq->start.tv_nsec) / 1e6;
    /* the path comes from the client: no control characters into the log */
    char path[256];
    size_t n = 0;
    for (const char *p = rq->path; p && *p && n + 5 < sizeof path; p++) {
      unsigned char ch = (unsigned char)*p;
      if (ch < 0x20 || ch == 0x7f) n += (size_t)snprintf(path + n, sizeof path - n, "%%%02X", ch);
      else path[n++] = (char)ch;
    }
    path[n] = '\0';
    fprintf(stderr, "%s %s %d %.1f ms\n", rq->method, path, rq->status, ms);
  }
  request_free(rq);
  *con_cls = NULL;
}

/* ---- start and stop ---- */

static vitae_status bind_address(const char *host, unsigned port, struct sockaddr_storage *sa,
                                 int *ipv6, vitae_error *err) {
  struct addrinfo hints, *ai = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
  hints.ai_socktype = SOCK_STREAM;
  char service[16];
  snprintf(service, sizeof service, "%u", port);
  if (getaddrinfo(host, service, &hints, &ai) != 0 || !ai)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                           "--bind '%s' is not a numeric IPv4 or IPv6 address", host);
  memset(sa, 0, sizeof *sa);
  memcpy(sa, ai->ai_addr, ai->ai_addrlen);
  *ipv6 = ai->ai_family == AF_INET6;
  freeaddrinfo(ai);
  return VITAE_OK;
}

vitae_status vitae_server_run(const vitae_server_options *opt, const sigset_t *signals,
                              volatile sig_atomic_t *stop, vitae_error *err) {
  vs_server srv;
  memset(&srv, 0, sizeof srv);
  srv.opt = opt;
  srv.base = opt->base ? opt->base : VITAE_DEFAULT_BASE;
  const char *host = opt->bind ? opt->bind : "127.0.0.1";
  struct sockaddr_storage sa;
  int ipv6 = 0;
  vitae_status st = bind_address(host, opt->port, &sa, &ipv6, err);
  if (st != VITAE_OK) return st;
  if ((st = vitae_pool_new(opt->store_spec, &srv.pool, err)) != VITAE_OK) return st;

  /* the server's threads inherit this mask: the signals reach only the
   * thread that waits for them below */
  sigset_t old;
  pthread_sigmask(SIG_BLOCK, signals, &old);
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                   MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
  unsigned idle = opt->timeout > 0 && opt->timeout < 3600 ? (unsigned)opt->timeout + 30 : 60;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)opt->port, NULL, NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR,
      (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT, opt->max_connections,
      MHD_OPTION_CONNECTION_TIMEOUT, idle, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      (size_t)128 * 1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_END);
  if (!d) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    vitae_pool_free(srv.pool);
    return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0,
                           "cannot listen on %s port %u (in use, or not allowed)", host, opt->port);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = info ? info->port : opt->port;
  snprintf(srv.origin, sizeof srv.origin, ipv6 ? "http://[%s]:%u" : "http://%s:%u", host, port);
  fprintf(stderr, "vitae: listening on %s/ (SPARQL endpoint %s/sparql); stop with Ctrl-C\n",
          srv.origin, srv.origin);
  if (opt->allow_update)
    fprintf(stderr, "vitae: updates allowed (SPARQL Update at /sparql, Graph Store Protocol at "
                    "%s/rdf-graph-store) with the bearer token\n", srv.origin);
  else
    fprintf(stderr, "vitae: read-only (no --allow-update)\n");
  fflush(stderr);

  sigset_t wait_mask = old;
  for (int i = 1; i < NSIG; i++)
    if (sigismember(signals, i) == 1) sigdelset(&wait_mask, i);
  while (!*stop) sigsuspend(&wait_mask);

  MHD_stop_daemon(d);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  vitae_pool_free(srv.pool);
  fprintf(stderr, "vitae: stopped\n");
  return VITAE_OK;
}
