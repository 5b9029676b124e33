#include <getopt.h>
#include <stdio.h>

#include "cli/cmd.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] drop (--graph IRI | --all)\n\n"
    "Remove one named graph (as loaded from one file), or every graph.\n\n"
    "  --graph IRI  the graph to remove (see 'vitae stats' for the list)\n"
    "  --all        remove everything in the store\n";

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
    case 'g': graph = optarg; break;
    case 'a': all = 1; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("drop", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage_error("drop", "unexpected argument '%s'", argv[optind]);
  if (!graph == !all) return cli_usage_error("drop", "give exactly one of --graph IRI or --all");
  int rc;
  vitae_store *store = cli_open_store(cli, VITAE_STORE_WRITE, &rc);
  if (!store) return rc;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_status st = all ? vitae_store_drop_all(store, &err) : vitae_store_drop_graph(store, graph, &err);
  vitae_store_close(store);
  if (st != VITAE_OK) return cli_fail(&err);
  if (!cli->quiet) fprintf(stderr, "dropped %s\n", all ? "every graph" : graph);
  return EXIT_OK;
}
