/* The daemon: start and stop, and one request's life on a connection
 * (headers, body, the handler's answer queued, the log line), told to the
 * connection guard (guard.c) as it goes.  What is answered is handler.c's. */
#include "serve/server.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/buf.h"
#include "serve/guard.h"
#include "serve/handler.h"

/* ---- one connection's request ---- */

/* What a connection's request has so far: its start, for the log line,
 * and its body. */
typedef struct vs_conn {
  struct timespec start;
  char *method, *path; /* copies, for the log */
  int status;          /* the status sent; 0 before */
  vitae_buf body;      /* up to --max-body bytes */
  size_t body_bytes;
  int too_large;
} vs_conn;

typedef struct vs_server_state {
  vitae_handler *handler;
  const vitae_server_options *opt;
  vitae_guard *guard;
} vs_server_state;

/* The guard's entry for a connection (NULL when it has none). */
static vitae_guard_conn *guarded(struct MHD_Connection *c) {
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info ? info->socket_context : NULL;
}

/* Connections opened and closed, for the guard.  Both are called by
 * libmicrohttpd's listening thread: at the start before the connection's
 * thread exists, at the end after it has finished and before the socket is
 * closed, so the guard never shuts down a socket number reused since. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
  vs_server_state *srv = cls;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = info ? vitae_guard_open(srv->guard, info->connect_fd) : NULL;
  } else {
    vitae_guard_close(srv->guard, *socket_context);
    *socket_context = NULL;
  }
}

/* Collect a connection's headers or arguments as name, value pairs. */
typedef struct pairs {
  const char **v;
  size_t n, cap;
  int failed;
} pairs;

static enum MHD_Result add_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value) {
  pairs *p = cls;
  if (p->n + 3 > p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 32;
    const char **more = realloc(p->v, cap * sizeof *more);
    if (!more) {
      p->failed = 1;
      return MHD_NO;
    }
    p->v = more;
    p->cap = cap;
  }
  p->v[p->n++] = key ? key : "";
  p->v[p->n++] = value ? value : "";
  p->v[p->n] = NULL;
  return MHD_YES;
}

static vs_conn *conn_new(const char *method, const char *url) {
  vs_conn *rq = calloc(1, sizeof *rq);
  if (!rq) return NULL;
  clock_gettime(CLOCK_MONOTONIC, &rq->start);
  rq->method = strdup(method ? method : "?");
  rq->path = strdup(url ? url : "?");
  return rq;
}

static void conn_free(vs_conn *rq) {
  if (!rq) return;
  vitae_buf_free(&rq->body);
  free(rq->method);
  free(rq->path);
  free(rq);
}

/* Take a piece of the body, up to the cap; beyond it the rest is read and
 * dropped, and the answer is 413. */
static void take_body(const vitae_server_options *opt, vs_conn *rq, const char *data, size_t size) {
  rq->body_bytes += size;
  if (rq->too_large || rq->body_bytes > opt->max_body) {
    rq->too_large = 1;
    vitae_buf_free(&rq->body);
    return;
  }
  vitae_buf_append(&rq->body, data, size);
}

/* Hand the request to the handler and queue its answer. */
static enum MHD_Result answer(vs_server_state *srv, struct MHD_Connection *c, vs_conn *rq,
                              const char *url, const char *method) {
  vitae_guard_request_in(srv->guard, guarded(c)); /* no deadline while answered */
  pairs args = {NULL, 0, 0, 0}, headers = {NULL, 0, 0, 0};
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_pair, &args);
  MHD_get_connection_values(c, MHD_HEADER_KIND, add_pair, &headers);
  enum MHD_Result ok = MHD_NO;
  vitae_http_response out;
  memset(&out, 0, sizeof out);
  if (!args.failed && !headers.failed && !rq->body.failed) {
    vitae_http_request in = {method, url, args.v, headers.v,
                             rq->body.len ? vitae_buf_str(&rq->body) : NULL, rq->body.len,
                             rq->too_large};
    if (vitae_handler_answer(srv->handler, &in, &out) == 0) {
      struct MHD_Response *r =
          out.body ? MHD_create_response_from_buffer(out.body_len, out.body, MHD_RESPMEM_MUST_FREE)
                   : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
      if (r) {
        out.body = NULL; /* libmicrohttpd's now */
        for (char **h = out.headers; h && h[0] && h[1]; h += 2) MHD_add_response_header(r, h[0], h[1]);
        ok = MHD_queue_response(c, out.status, r);
        MHD_destroy_response(r);
        rq->status = (int)out.status;
      }
    }
  }
  vitae_http_response_free(&out);
  free(args.v);
  free(headers.v);
  return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  vs_server_state *srv = cls;
  vs_conn *rq = *con_cls;
  if (!rq) { /* headers only: set up, and refuse a declared oversize body at once */
    if (!(rq = *con_cls = conn_new(method, url))) return MHD_NO;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > srv->opt->max_body) {
      rq->too_large = 1;
      return answer(srv, c, rq, url, method);
    }
    return MHD_YES;
  }
  if (*upload_data_size) {
    take_body(srv->opt, rq, upload_data, *upload_data_size);
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (rq->status) return MHD_YES; /* answered already (413 on the headers) */
  return answer(srv, c, rq, url, method);
}

/* One line per request: method, path, status, milliseconds. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  vs_server_state *srv = cls;
  vs_conn *rq = *con_cls;
  vitae_guard_answered(srv->guard, guarded(c)); /* the next request's deadline starts */
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
  conn_free(rq);
  *con_cls = NULL;
  /* Give freed memory back: each connection thread allocates from its own
   * malloc arena, which otherwise keeps the peak of the largest answer it
   * ever built (an explosive query stopped at the time limit leaves a few
   * hundred MB), so the server's size would be the sum of its threads'
   * peaks. */
  malloc_trim(0);
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
  vs_server_state srv = {NULL, opt, NULL};
  const char *host = opt->bind ? opt->bind : "127.0.0.1";
  struct sockaddr_storage sa;
  int ipv6 = 0;
  vitae_status st = bind_address(host, opt->port, &sa, &ipv6, err);
  if (st != VITAE_OK) return st;
  if ((st = vitae_handler_new(opt, &srv.handler, err)) != VITAE_OK) return st;

  /* the server's threads inherit this mask: the signals reach only the
   * thread that waits for them below */
  sigset_t old;
  pthread_sigmask(SIG_BLOCK, signals, &old);
  if (!(srv.guard = vitae_guard_new(opt->request_timeout, opt->max_connections))) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    vitae_handler_free(srv.handler);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "cannot start the connection guard");
  }
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                   MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
  unsigned idle = opt->timeout > 0 && opt->timeout < 3600 ? (unsigned)opt->timeout + 30 : 60;
  /* The guard keeps the connections served to --max-connections, letting
   * up to twice as many in for a moment (guard.h); the library's own limit
   * leaves room beyond those for the ones the guard has shut down and the
   * library has not closed yet. */
  unsigned limit = 3 * opt->max_connections;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)opt->port, NULL, NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR,
      (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT, limit,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, opt->max_per_client, MHD_OPTION_CONNECTION_TIMEOUT, idle,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024, MHD_OPTION_NOTIFY_COMPLETED,
      on_completed, &srv, MHD_OPTION_NOTIFY_CONNECTION, on_connection, &srv, MHD_OPTION_END);
  if (!d) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    vitae_guard_free(srv.guard);
    vitae_handler_free(srv.handler);
    return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0,
                           "cannot listen on %s port %u (in use, or not allowed)", host, opt->port);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = info ? info->port : opt->port;
  char origin[300];
  snprintf(origin, sizeof origin, ipv6 ? "http://[%s]:%u" : "http://%s:%u", host, port);
  vitae_handler_set_origin(srv.handler, origin);
  fprintf(stderr, "vitae: listening on %s/ (SPARQL endpoint %s/sparql); stop with Ctrl-C\n",
          origin, origin);
  if (opt->allow_update)
    fprintf(stderr, "vitae: updates allowed (SPARQL Update at /sparql, Graph Store Protocol at "
                    "%s/rdf-graph-store) with the bearer token\n", origin);
  else
    fprintf(stderr, "vitae: read-only (no --allow-update)\n");
  fflush(stderr);

  sigset_t wait_mask = old;
  for (int i = 1; i < NSIG; i++)
    if (sigismember(signals, i) == 1) sigdelset(&wait_mask, i);
  while (!*stop) sigsuspend(&wait_mask);

  MHD_stop_daemon(d);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  vitae_guard_counts cuts = vitae_guard_get_counts(srv.guard);
  vitae_guard_free(srv.guard);
  vitae_handler_free(srv.handler);
  fprintf(stderr, "vitae: stopped; closed %lu connection(s) without a whole request in time, "
                  "%lu to free a slot\n", cuts.deadline_cuts, cuts.slot_cuts);
  return VITAE_OK;
}
