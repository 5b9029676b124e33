/* vitae serve: option parsing and signals; the server is src/serve. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "config.h"
#if VITAE_USE_SERVER
#include "serve/server.h"
#endif

static const char USAGE[] =
    "Usage: vitae [--store SPEC] serve [--port 8080] [--bind 127.0.0.1] [--timeout 30]\n"
    "                                  [--max-rows 100000] [--max-body 1048576]\n"
    "                                  [--max-connections 64] [--request-timeout 10]\n"
    "                                  [--max-connections-per-client 0] [--base IRI]\n"
    "                                  [--allow-update --token-file FILE]\n\n"
    "Serve the store over HTTP, read-only unless --allow-update:\n"
    "  /                   the web page: showcase queries, search, entity pages\n"
    "                      with a timeline and a network (files in DATADIR/web)\n"
    "  /sparql             SPARQL 1.1 Protocol (GET ?query=, POST form or\n"
    "                      application/sparql-query; default-graph-uri= and\n"
    "                      named-graph-uri= give the dataset); GET without a query\n"
    "                      gives the service description\n"
    "  /<path>             the description of <BASE><path>: Turtle, N-Triples,\n"
    "                      RDF/XML, JSON-LD or an HTML page, by Accept\n"
    "  /.well-known/void   the VoID description of the dataset\n"
    "  /rdf-graph-store    Graph Store Protocol: GET ?graph=IRI reads a graph;\n"
    "                      with --allow-update, PUT replaces, POST adds to and\n"
    "                      DELETE removes it\n"
    "  /api/...            the JSON the web page reads (search, timeline, network)\n\n"
    "  --port N            TCP port (0: any free port; the URL is printed on stderr)\n"
    "  --bind ADDR         numeric address to listen on (default 127.0.0.1: this\n"
    "                      machine only; 0.0.0.0 or :: for every interface)\n"
    "  --timeout S         stop a query after S seconds (503); 0 for no limit\n"
    "  --max-rows N        answer at most N rows or triples; a longer answer is cut\n"
    "                      and says so in the header 'Vitae-Truncated: N of TOTAL'\n"
    "  --max-body BYTES    refuse larger request bodies (413)\n"
    "  --max-connections N connections served at once; a new one is let in all the\n"
    "                      same (up to twice as many), and those that have waited\n"
    "                      longest (1 s at least) for a whole request, a slow\n"
    "                      client's or an idle keep-alive one, are closed to make room\n"
    "  --request-timeout S close a connection that has not sent a whole request\n"
    "                      (headers and body) S seconds after it was opened or\n"
    "                      its last answer sent (slow clients); 0 for no limit\n"
    "  --max-connections-per-client N\n"
    "                      connections from one client address at once (0: any;\n"
    "                      behind a proxy every client has the proxy's address)\n"
    "  --base IRI          the base of the entity IRIs (default " "https://w3id.org/vitae/" ")\n"
    "  --allow-update      accept SPARQL Update (INSERT DATA, DELETE DATA, CLEAR GRAPH,\n"
    "                      DROP GRAPH) and Graph Store writes from requests with\n"
    "                      'Authorization: Bearer TOKEN'; each is committed whole,\n"
    "                      with the inferred graph recomputed\n"
    "  --token-file FILE   the TOKEN: the file's content (trailing white space\n"
    "                      dropped); needed with --allow-update\n\n"
    "One line per request on stderr: method, path, status, milliseconds (not with\n"
    "--quiet).  SIGINT or SIGTERM stops the server (exit 0).\n";

#if VITAE_USE_SERVER
static volatile sig_atomic_t stop_requested;
static void on_signal(int sig) { stop_requested = 1; }

static int parse_number(const char *opt, const char *s, double lo, double hi, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || !(v >= lo && v <= hi))
    return cli_usage_error("serve", "%s wants a number from %g to %g, not '%s'", opt, lo, hi, s);
  *out = v;
  return EXIT_OK;
}
#endif

int cmd_serve(vitae_cli *cli, int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(USAGE, stdout);
    return EXIT_OK;
  }
#if !VITAE_USE_SERVER
  (void)cli;
  fputs("vitae: this vitae was built without the server (configure --enable-server needs "
        "libmicrohttpd)\n",
        stderr);
  return EXIT_ERROR;
#else
  static const struct option opts[] = {{"port", required_argument, NULL, 'p'},
                                       {"bind", required_argument, NULL, 'b'},
                                       {"timeout", required_argument, NULL, 't'},
                                       {"max-rows", required_argument, NULL, 'r'},
                                       {"max-body", required_argument, NULL, 'B'},
                                       {"max-connections", required_argument, NULL, 'c'},
                                       {"request-timeout", required_argument, NULL, 'R'},
                                       {"max-connections-per-client", required_argument, NULL, 'P'},
                                       {"base", required_argument, NULL, 'i'},
                                       {"allow-update", no_argument, NULL, 'u'},
                                       {"token-file", required_argument, NULL, 'T'},
                                       {NULL, 0, NULL, 0}};
  vitae_server_options o = {cli->store_spec, "127.0.0.1", 8080, 30, 100000, 1 << 20, 64,
                            NULL, cli->quiet, 0, NULL, 10, 0};
  const char *token_file = NULL;
  double v;
  int c, rc;
  if (cli_is_virtuoso(cli))
    return cli_usage_error("serve", "a Virtuoso store is served by Virtuoso itself: its /sparql endpoint");
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'p':
      if ((rc = parse_number("--port", optarg, 0, 65535, &v))) return rc;
      o.port = (unsigned)v;
      break;
    case 'b': o.bind = optarg; break;
    case 't':
      if ((rc = parse_number("--timeout", optarg, 0, 86400, &v))) return rc;
      o.timeout = v;
      break;
    case 'r':
      if ((rc = parse_number("--max-rows", optarg, 0, 1e12, &v))) return rc;
      o.max_rows = (size_t)v;
      break;
    case 'B':
      if ((rc = parse_number("--max-body", optarg, 0, 1e9, &v))) return rc;
      o.max_body = (size_t)v;
      break;
    case 'c':
      if ((rc = parse_number("--max-connections", optarg, 1, 10000, &v))) return rc;
      o.max_connections = (unsigned)v;
      break;
    case 'R':
      if ((rc = parse_number("--request-timeout", optarg, 0, 86400, &v))) return rc;
      o.request_timeout = v;
      break;
    case 'P':
      if ((rc = parse_number("--max-connections-per-client", optarg, 0, 10000, &v))) return rc;
      o.max_per_client = (unsigned)v;
      break;
    case 'i': o.base = optarg; break;
    case 'u': o.allow_update = 1; break;
    case 'T': token_file = optarg; break;
    default: return cli_usage_error("serve", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind != argc) return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
  if (o.base && (strpbrk(o.base, "<>\"{}|^`\\ ") || !strstr(o.base, "://")))
    return cli_usage_error("serve", "--base wants an absolute IRI");
  if (o.allow_update && !token_file)
    return cli_usage_error("serve", "--allow-update needs --token-file FILE (the bearer token)");
  if (token_file && !o.allow_update)
    return cli_usage_error("serve", "--token-file is for --allow-update");
  char token[1024];
  if (token_file) {
    FILE *f = fopen(token_file, "r");
    if (!f) {
      fprintf(stderr, "vitae: %s: %s\n", token_file, strerror(errno));
      return EXIT_ERROR;
    }
    size_t n = fread(token, 1, sizeof token - 1, f);
    int big = n == sizeof token - 1 && fgetc(f) != EOF;
    fclose(f);
    token[n] = '\0';
    while (n && strchr(" \t\r\n", token[n - 1])) token[--n] = '\0';
    if (big || n < 8 || strlen(token) != n || strpbrk(token, "\r\n")) {
      fprintf(stderr, "vitae: %s: the token must be one line of 8 to 1000 characters\n",
              token_file);
      return EXIT_ERROR;
    }
    o.token = token;
    vitae_store_set_wait(1); /* concurrent writes wait for each other */
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* a client that goes away is not our death */

  vitae_error err;
  vitae_error_clear(&err);
  if (vitae_server_run(&o, &signals, &stop_requested, &err) != VITAE_OK) return cli_fail(&err);
  return EXIT_OK;
#endif
}
