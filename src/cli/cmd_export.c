#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "export/export.h"
#include "infer/infer.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] export [--format FMT] [-o FILE] [--graph IRI] [--inferred]\n\n"
    "Write the store (every named graph, or one) as RDF.  The output is\n"
    "deterministic: the same triples always give the same bytes (sorted, with\n"
    "the same prefixes declared), so exports diff cleanly.  Turtle, N-Triples\n"
    "and RDF/XML hold no graph names: the graphs are merged and triples that\n"
    "several graphs share are written once.\n\n"
    "  --format FMT  turtle (default), ntriples, nquads, trig or rdfxml\n"
    "  -o FILE       write to FILE, replaced only once the export is complete\n"
    "                (default, or '-': standard output)\n"
    "  --graph IRI   export only this named graph (see 'vitae stats'); naming\n"
    "                the inferred graph exports it alone\n"
    "  --inferred    include the inferred graph (" VITAE_INFERRED_GRAPH "),\n"
    "                what the ontology implies; left out by default, so that an\n"
    "                export holds what was asserted\n";

int cmd_export(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                       {"output", required_argument, NULL, 'o'},
                                       {"graph", required_argument, NULL, 'g'},
                                       {"inferred", no_argument, NULL, 'i'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *format_name = "turtle", *output = NULL, *graph = NULL;
  int inferred = 0, c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "f:o:g:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f': format_name = optarg; break;
    case 'o': output = optarg; break;
    case 'g':
      if ((c = cli_check_iri("export", "--graph", optarg))) return c;
      graph = optarg;
      break;
    case 'i': inferred = 1; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("export", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
  vitae_rdf_format format;
  if (vitae_rdf_format_parse(format_name, &format) != 0)
    return cli_usage_error("export", "unknown --format '%s'", format_name);
  if (output && !*output) return cli_usage_error("export", "-o needs a FILE");
  /* the inferred graph only when asked for, by --inferred or by name */
  static const char *const no_inferred[] = {VITAE_INFERRED_GRAPH, NULL};
  int rc;
  vitae_store *store = cli_open_store(cli, VITAE_STORE_READ, &rc);
  if (!store) return rc;
  vitae_error err;
  vitae_error_clear(&err);
  cli_output o = {0};
  vitae_status st = VITAE_OK;
  if (output && strcmp(output, "-") != 0) st = cli_output_open(&o, output, &err);
  if (st == VITAE_OK)
    st = vitae_export_store_except(store, graph, inferred ? NULL : no_inferred, format,
                                   o.f ? o.f : stdout, &err);
  vitae_status closed = cli_output_close(&o, st == VITAE_OK, &err);
  if (st == VITAE_OK) st = closed;
  vitae_store_close(store);
  if (st != VITAE_OK) return cli_fail(&err);
  return EXIT_OK;
}
