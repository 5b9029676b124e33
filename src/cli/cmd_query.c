#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/utf8.h"
#include "query/query.h"
#include "query/remote.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] query [--format FMT] [--timeout S] [--max-memory MB]\n"
    "                                  (FILE.rq | -e 'SPARQL' | -)\n\n"
    "Run a SPARQL query against the store.  The vocabulary's prefixes (vt:, rdf:,\n"
    "rdfs:, xsd:, owl:, skos:, prov:, schema:, org:, foaf:, wdt:) are declared\n"
    "already; a query may use them without PREFIX lines.  The default graph is\n"
    "the union of all named graphs; GRAPH ?g { ... } reaches each one.\n\n"
    "  -e, --execute SPARQL  the query text itself\n"
    "  --format FMT          SELECT/ASK: table (default on a terminal), tsv (default\n"
    "                        otherwise), csv, json, xml (W3C SPARQL results formats);\n"
    "                        CONSTRUCT: turtle (default), ntriples, nquads, trig, rdfxml\n"
    "  --timeout S           stop the query after S seconds (exit 1); default 0, no limit\n"
    "  --max-memory MB       stop the query when vitae grows past MB megabytes of\n"
    "                        memory (exit 1); default half of the physical memory,\n"
    "                        0 for no limit\n\n"
    "Nothing is printed on standard output unless the query succeeds.\n";

/* rasqal reads a C string (a NUL byte would end the query there, the rest
 * unread) and does not check UTF-8: both are refused with their place. */
static int check_text(const char *name, const char *s, size_t n, vitae_error *err) {
  vitae_utf8 u;
  vitae_utf8_init(&u);
  for (size_t i = 0; i < n; i++)
    if (vitae_utf8_step(&u, (unsigned char)s[i]) != 0) break;
  if (!u.why[0] && vitae_utf8_end(&u) == 0) return 0;
  vitae_error_set(err, VITAE_ERR_SYNTAX, name, u.line, u.col, "%s; a SPARQL query must be UTF-8 text",
                  u.why);
  return -1;
}

/* The query text of a file (or "-"), checked as check_text says. */
static char *read_query(const char *path, vitae_error *err) {
  size_t len = 0;
  char *text = cli_read_file(path, &len, err);
  if (text && check_text(path, text, len, err) != 0) {
    free(text);
    return NULL;
  }
  return text;
}

/* A number from 0 to max, all of the text; 0 on success. */
static int parse_number(const char *s, double max, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (!*s || *end || errno || !(v >= 0 && v <= max)) return -1;
  *out = v;
  return 0;
}

int cmd_query(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"execute", required_argument, NULL, 'e'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"timeout", required_argument, NULL, 't'},
                                       {"max-memory", required_argument, NULL, 'm'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *text = NULL, *format = NULL;
  double timeout = 0, max_mb = -1;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "e:f:h", opts, NULL)) != -1) {
    switch (c) {
    case 'e': text = optarg; break;
    case 'f': format = optarg; break;
    case 't':
      if (parse_number(optarg, 1e6, &timeout))
        return cli_usage_error("query", "--timeout needs a number of seconds, not '%s'", optarg);
      break;
    case 'm':
      if (parse_number(optarg, 1e9, &max_mb))
        return cli_usage_error("query", "--max-memory needs a number of megabytes, not '%s'", optarg);
      break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("query", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (!text && optind != argc - 1) return cli_usage_error("query", "give one FILE.rq or -e 'SPARQL'");
  if (text && optind != argc) return cli_usage_error("query", "give either FILE.rq or -e, not both");
  static const char *const formats[] = {"table", "csv", "tsv", "json", "xml", "srj", "srx",
                                        "turtle", "ttl", "ntriples", "nt", "nquads", "nq",
                                        "trig", "rdfxml", "xml", NULL};
  if (format) {
    int known = 0;
    for (const char *const *f = formats; *f; f++) known |= !strcmp(*f, format);
    if (!known) return cli_usage_error("query", "unknown --format '%s'", format);
  }
  vitae_error err;
  vitae_error_clear(&err);
  char *owned = NULL;
  if (!text && !(text = owned = read_query(argv[optind], &err))) return cli_fail(&err);
  if (!owned && check_text("-e", text, strlen(text), &err) != 0) return cli_fail(&err);
  int rc;
  /* on a virtuoso: store the query runs inside Virtuoso */
  cli_remote remote = {NULL, NULL};
  if (cli_is_virtuoso(cli) && cli_remote_open(cli, &remote, &rc) != 0) {
    free(owned);
    return rc;
  }
  vitae_store *store = remote.v ? remote.scratch : cli_open_store(cli, VITAE_STORE_READ, &rc);
  if (!store) {
    free(owned);
    return rc;
  }
  remote.scratch = NULL; /* store is closed below */
  vitae_result *r = NULL;
  size_t max_memory =
      max_mb < 0 ? vitae_query_default_memory_limit() : (size_t)(max_mb * 1024 * 1024);
  vitae_status st = remote.v ? vitae_query_exec_virtuoso(remote.v, vitae_store_world(store), text, &r, &err)
                             : vitae_query_exec_limited(store, text, timeout, max_memory, &r, &err);
  cli_remote_close(&remote);
  if (st == VITAE_OK) {
    const char *fmt = format;
    if (!fmt && vitae_result_get_kind(r) != VITAE_RESULT_GRAPH)
      fmt = isatty(STDOUT_FILENO) ? "table" : "tsv";
    st = vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(store)), fmt, stdout, &err);
  }
  vitae_result_free(r);
  vitae_store_close(store);
  free(owned);
  return st == VITAE_OK ? EXIT_OK : cli_fail(&err);
}
