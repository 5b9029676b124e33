#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/vocab.h"
#include "infer/infer.h"
#include "query/query.h"
#include "query/remote.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] stats\n\n"
    "Print the number of asserted triples, the named graphs with their sizes,\n"
    "the size of the inferred graph (counted apart: not in the first two), and\n"
    "the number of entities of each vt: class.\n";

static const char CLASSES[] =
    "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c";

/* remote: the server, or NULL for the embedded store */
static int print_classes(vitae_store *store, vitae_virtuoso *remote, vitae_error *err) {
  vitae_result *r;
  if ((remote ? vitae_query_exec_virtuoso(remote, vitae_store_world(store), CLASSES, &r, err)
              : vitae_query_exec(store, CLASSES, &r, err)) != VITAE_OK)
    return -1;
  printf("entities\n");
  size_t k = strlen(VT_NS);
  for (size_t i = 0; i < vitae_result_rows(r); i++) {
    librdf_node *c = vitae_result_cell(r, i, 0), *n = vitae_result_cell(r, i, 1);
    if (!c || !n || !librdf_node_is_resource(c)) continue;
    const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(c));
    if (strncmp(iri, VT_NS, k) != 0) continue;
    printf("  vt:%-22s %s\n", iri + k, (const char *)librdf_node_get_literal_value(n));
  }
  vitae_result_free(r);
  return 0;
}

int cmd_stats(vitae_cli *cli, int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(USAGE, stdout);
    return EXIT_OK;
  }
  if (argc > 1) return cli_usage_error("stats", "unexpected argument '%s'", argv[1]);
  int rc;
  /* on a virtuoso: store everything is counted inside Virtuoso */
  cli_remote remote = {NULL, NULL};
  if (cli_is_virtuoso(cli) && cli_remote_open(cli, &remote, &rc) != 0) return rc;
  vitae_store *store = remote.v ? remote.scratch : cli_open_store(cli, VITAE_STORE_READ, &rc);
  if (!store) return rc;
  remote.scratch = NULL;
  vitae_error err;
  vitae_error_clear(&err);
  char **graphs = NULL;
  unsigned long total = 0;
  vitae_status st = remote.v ? vitae_virtuoso_list_graphs(remote.v, &graphs, &err)
                             : vitae_store_list_graphs(store, &graphs, &err);
  if (st == VITAE_OK) {
    /* the inferred graph is counted apart from the asserted ones */
    size_t ng = 0;
    for (char **g = graphs; *g; g++) {
      if (vitae_infer_is_graph(*g)) free(*g);
      else graphs[ng++] = *g;
    }
    graphs[ng] = NULL;
    unsigned long *counts = ng ? calloc(ng, sizeof *counts) : NULL;
    unsigned long inferred = 0;
    for (size_t i = 0; st == VITAE_OK && i < ng; i++) {
      st = remote.v ? vitae_virtuoso_count(remote.v, graphs[i], &counts[i], &err)
                    : vitae_store_count(store, graphs[i], &counts[i], &err);
      total += counts[i];
    }
    if (st == VITAE_OK)
      st = remote.v ? vitae_virtuoso_count(remote.v, VITAE_INFERRED_GRAPH, &inferred, &err)
                    : vitae_store_count(store, VITAE_INFERRED_GRAPH, &inferred, &err);
    if (st == VITAE_OK) {
      const vitae_store_spec *spec = vitae_store_get_spec(store);
      static const char *const names[] = {"memory", "hashes", "sqlite"};
      if (remote.v) printf("store     %s (virtuoso)\n", vitae_virtuoso_name(remote.v));
      else printf("store     %s (%s)\n", spec->path[0] ? spec->path : "memory:", names[spec->backend]);
      printf("triples   %lu\n", total);
      printf("graphs    %zu\n", ng);
      for (size_t i = 0; i < ng; i++) printf("  %10lu  <%s>\n", counts[i], graphs[i]);
      printf("inferred  %lu  <%s>\n", inferred, VITAE_INFERRED_GRAPH);
      if (print_classes(store, remote.v, &err) != 0) st = err.status;
    }
    free(counts);
  }
  vitae_store_free_list(graphs);
  cli_remote_close(&remote);
  vitae_store_close(store);
  return st == VITAE_OK ? EXIT_OK : cli_fail(&err);
}
