#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "query/query.h"
#include "query/remote.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] query [--format FMT] (FILE.rq | -e 'SPARQL' | -)\n\n"
    "Run a SPARQL query against the store.  The vocabulary's prefixes (vt:, rdf:,\n"
    "rdfs:, xsd:, owl:, skos:, prov:, schema:, org:, foaf:, wdt:) are declared\n"
    "already; a query may use them without PREFIX lines.  The default graph is\n"
    "the union of all named graphs; GRAPH ?g { ... } reaches each one.\n\n"
    "  -e, --execute SPARQL  the query text itself\n"
    "  --format FMT          SELECT/ASK: table (default on a terminal), tsv (default\n"
    "                        otherwise), csv, json, xml (W3C SPARQL results formats);\n"
    "                        CONSTRUCT: turtle (default), ntriples, nquads, trig, rdfxml\n\n"
    "Nothing is printed on standard output unless the query succeeds.\n";

int cmd_query(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"execute", required_argument, NULL, 'e'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *text = NULL, *format = NULL;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "e:f:h", opts, NULL)) != -1) {
    switch (c) {
    case 'e': text = optarg; break;
    case 'f': format = optarg; break;
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
  if (!text && !(text = owned = cli_read_file(argv[optind], &err))) return cli_fail(&err);
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
  vitae_status st = remote.v ? vitae_query_exec_virtuoso(remote.v, vitae_store_world(store), text, &r, &err)
                             : vitae_query_exec(store, text, &r, &err);
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
