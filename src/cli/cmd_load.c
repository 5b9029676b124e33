#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cmd.h"
#include "cli/progress.h"
#include "infer/infer.h"
#include "store/load.h"
#include "store/mirror.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] load [--format FMT] [--graph IRI] [--base IRI] FILE...\n\n"
    "Load RDF files into the store.  Each file goes into its own named graph\n"
    "(the file's IRI, or --graph IRI), replacing what that graph held, so that\n"
    "loading a file again leaves the same triples.  TriG and N-Quads files keep\n"
    "the graph names they carry.  A file is parsed completely before anything\n"
    "is stored: a file with an error adds nothing.  '-' reads standard input\n"
    "(give --format).  Then the inferred graph (what the ontology implies) is\n"
    "recomputed.\n\n"
    "  --format FMT  turtle, ntriples, nquads, trig or rdfxml (default: by extension:\n"
    "                .ttl .nt .nq .trig .rdf/.owl/.xml)\n"
    "  --graph IRI   the graph for triples the file does not place in one\n"
    "                (only with one FILE)\n"
    "  --base IRI    base IRI for relative IRIs (default: the file's IRI)\n";

/* The bar follows the load's phases (parsing bytes, then storing triples). */
static void on_progress(void *user, int phase, double done, double total) {
  cli_progress *p = user;
  if (phase == 0 && done == 0) return;
  if (!p->what || (phase == 1) != (p->unit[0] == 't')) {
    if (phase == 0) cli_progress_phase(p, "parsing", "MB", 1e6, total);
    else cli_progress_phase(p, "storing", "triples", 1, total);
  }
  cli_progress_set(p, done, 0);
}

int cmd_load(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                       {"graph", required_argument, NULL, 'g'},
                                       {"base", required_argument, NULL, 'b'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *format = NULL, *graph = NULL, *base = NULL;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "f:g:b:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f': format = optarg; break;
    case 'g':
      if ((c = cli_check_iri("load", "--graph", optarg))) return c;
      graph = optarg;
      break;
    case 'b':
      if ((c = cli_check_iri("load", "--base", optarg))) return c;
      base = optarg;
      break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("load", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc) return cli_usage_error("load", "no FILE given");
  if (graph && argc - optind > 1)
    return cli_usage_error("load", "--graph names one graph; give one FILE");
  const char *syntax = NULL;
  if (format && !(syntax = vitae_load_syntax(format, NULL)))
    return cli_usage_error("load", "unknown --format '%s'", format);
  for (int i = optind; i < argc; i++) {
    struct stat sb;
    int plain_file = stat(argv[i], &sb) == 0 && S_ISREG(sb.st_mode);
    if (!format && plain_file && !vitae_load_syntax(NULL, argv[i]))
      return cli_usage_error("load", "%s: cannot tell the RDF syntax from its name; give --format",
                             argv[i]);
    if (!format && !strcmp(argv[i], "-"))
      return cli_usage_error("load", "reading standard input needs --format");
  }
  int rc;
  /* a virtuoso: store: each file is parsed here and each of its graphs sent
   * in one PUT (store/mirror.h); scratch parses */
  cli_remote remote = {NULL, NULL};
  if (cli_is_virtuoso(cli) && cli_remote_open(cli, &remote, &rc) != 0) return rc;
  vitae_store *store = remote.v ? remote.scratch : cli_open_store(cli, VITAE_STORE_WRITE, &rc);
  if (!store) return rc;
  /* Each file is its own all-or-nothing unit: a bad file is reported and the
   * rest still load, and the exit code tells that something failed. */
  int loaded = 0;
  cli_progress bar;
  cli_progress_init(&bar, cli);
  if (bar.on) vitae_load_set_progress(on_progress, &bar);
  for (int i = optind; i < argc; i++) {
    vitae_error err;
    vitae_error_clear(&err);
    vitae_load_result res;
    const char *syn = syntax ? syntax : vitae_load_syntax(NULL, argv[i]);
    bar.what = NULL; /* a new file: its phases start over */
    vitae_status lst = remote.v ? vitae_mirror_load_file(remote.v, store, argv[i], syn, graph, base, &res, &err)
                                : vitae_load_file(store, argv[i], syn, graph, base, &res, &err);
    cli_progress_clear(&bar);
    if (lst != VITAE_OK) {
      int code = cli_fail(&err);
      if (code > rc) rc = code;
      continue;
    }
    loaded++;
    if (!cli->quiet)
      fprintf(stderr, "%s: %lu triples in %lu graph%s\n", argv[i], res.triples, res.graphs,
              res.graphs == 1 ? "" : "s");
  }
  vitae_load_set_progress(NULL, NULL);
  if (loaded && remote.v) {
    rc = cli_remote_infer_report(cli, &remote, rc);
  } else if (loaded) {
    /* a failure to infer is reported, but what was loaded stays */
    vitae_error err;
    vitae_error_clear(&err);
    vitae_infer_stats is;
    if (vitae_infer_update_stats(store, &is, &err) != VITAE_OK) {
      int code = cli_fail(&err);
      if (code > rc) rc = code;
    } else if (!cli->quiet) {
      vitae_infer_stats_print(&is, stderr);
    }
  }
  if (remote.v) {
    cli_remote_close(&remote); /* store is remote.scratch */
    return rc;
  }
  return cli_store_finish(store, rc);
}
