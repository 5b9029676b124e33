#include <getopt.h>
#include <stdio.h>

#include "cli/cmd.h"
#include "infer/infer.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] drop (--graph IRI | --all)\n\n"
    "Remove one named graph (as loaded from one file), or every graph, then\n"
    "recompute the inferred graph, so that what the removed graph implied goes\n"
    "with it.  The inferred graph itself (" VITAE_INFERRED_GRAPH ")\n"
    "is not removed but recomputed from the others.\n\n"
    "  --graph IRI  the graph to remove (see 'vitae stats' for the list)\n"
    "  --all        remove everything in the store, inferences included\n";

/* A virtuoso: store: the graph (or every graph of vitae's catalog, the
 * inferred one included) is removed on the server. */
static int drop_virtuoso(vitae_cli *cli, const char *graph) {
  cli_remote r;
  int rc;
  if (cli_remote_open(cli, &r, &rc) != 0) return rc;
  vitae_error err;
  vitae_error_clear(&err);
  int derived = graph && vitae_infer_is_graph(graph);
  vitae_status st = VITAE_OK;
  if (!graph) {
    char **graphs = NULL;
    st = vitae_virtuoso_list_graphs(r.v, &graphs, &err);
    for (char **g = graphs; st == VITAE_OK && g && *g; g++) st = vitae_virtuoso_drop_graph(r.v, *g, &err);
    vitae_store_free_list(graphs);
  } else if (!derived) {
    st = vitae_virtuoso_drop_graph(r.v, graph, &err);
  }
  if (st != VITAE_OK) rc = cli_fail(&err);
  else if (!derived && !cli->quiet) fprintf(stderr, "dropped %s\n", graph ? graph : "every graph");
  if (st == VITAE_OK && graph) {
    if (derived && !cli->quiet)
      fputs("the inferred graph is derived from the others: recomputed, not dropped\n", stderr);
    rc = cli_remote_infer_report(cli, &r, rc);
  }
  cli_remote_close(&r);
  return rc;
}

int cmd_drop(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"graph", required_argument, NULL, 'g'},
                                       {"all", no_argument, NULL, 'a'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *graph = NULL;
  int all = 0, c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "g:ah", opts, NULL)) != -1) {
    switch (c) {
    case 'g':
      if ((c = cli_check_iri("drop", "--graph", optarg))) return c;
      graph = optarg;
      break;
    case 'a': all = 1; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("drop", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage_error("drop", "unexpected argument '%s'", argv[optind]);
  if (!graph == !all) return cli_usage_error("drop", "give exactly one of --graph IRI or --all");
  int rc;
  if (cli_is_virtuoso(cli)) return drop_virtuoso(cli, graph);
  vitae_store *store = cli_open_store(cli, VITAE_STORE_WRITE, &rc);
  if (!store) return rc;
  vitae_error err;
  vitae_error_clear(&err);
  int derived = graph && vitae_infer_is_graph(graph);
  vitae_status st = VITAE_OK;
  if (!derived) {
    st = all ? vitae_store_drop_all(store, &err) : vitae_store_drop_graph(store, graph, &err);
    if (st != VITAE_OK) {
      vitae_store_rollback(store); /* nothing of a failed drop is kept */
      vitae_store_close(store);
      return cli_fail(&err);
    }
    if (!cli->quiet) fprintf(stderr, "dropped %s\n", all ? "every graph" : graph);
  }
  rc = EXIT_OK;
  if (!all) {
    /* a failure to infer is reported, but the drop stays */
    vitae_infer_stats is;
    if (vitae_infer_update_stats(store, &is, &err) != VITAE_OK) {
      rc = cli_fail(&err);
    } else if (!cli->quiet) {
      if (derived)
        fputs("the inferred graph is derived from the others: recomputed, not dropped\n", stderr);
      vitae_infer_stats_print(&is, stderr);
    }
  }
  return cli_store_finish(store, rc);
}
