/* vitae serve: the store over HTTP.  A SPARQL 1.1 Protocol endpoint at
 * /sparql, linked-data descriptions of the entities at their paths under
 * the base IRI, a VoID description at /.well-known/void, and the web page
 * (GET /, /static/, /api/).  Read-only unless allow_update: then SPARQL
 * Update (INSERT DATA, DELETE DATA, CLEAR/DROP GRAPH) and the Graph Store
 * Protocol's writes, for requests that bear the token.
 * Built on libmicrohttpd (thread per connection): a slow query holds only
 * its own connection's thread, and is stopped at the time limit; a slow
 * client is closed at the request deadline, or sooner when its slot is
 * needed (guard.h). */
#ifndef VITAE_SERVE_SERVER_H
#define VITAE_SERVE_SERVER_H

#include <signal.h>
#include <stddef.h>

#include "core/error.h"

typedef struct vitae_server_options {
  const char *store_spec;   /* NULL: the default store */
  const char *bind;         /* numeric address; "127.0.0.1" by default */
  unsigned port;            /* 0: any free port (printed at start) */
  double timeout;           /* seconds per query; <= 0 none */
  size_t max_rows;          /* rows (or triples) per answer; 0 none */
  size_t max_body;          /* request body bytes; larger ones get 413 */
  unsigned max_connections; /* connections served at once */
  const char *base;         /* the base IRI served; NULL: VITAE_DEFAULT_BASE */
  int quiet;                /* no request log */
  int allow_update;         /* accept writes (with the token) */
  const char *token;        /* the bearer token writes need; with allow_update */
  double request_timeout;   /* seconds to receive a whole request; <= 0 none */
  unsigned max_per_client;  /* connections from one client address; 0 any */
} vitae_server_options;

/* Start the server, print where it listens on stderr, and serve until
 * *stop becomes non-zero (set by a signal handler; the signals that set it
 * must be in `signals`, which are blocked in every server thread and
 * waited for here).  Returns when stopped, after closing every connection. */
vitae_status vitae_server_run(const vitae_server_options *opt, const sigset_t *signals,
                              volatile sig_atomic_t *stop, vitae_error *err);

#endif
