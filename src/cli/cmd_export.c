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
    "Usage: vitae [--store SPEC] export [--format FMT] [-o FILE] [--graph IRI] [--inferred]\n"
    "                                   [--align]\n\n"
    "Write the store (every named graph, or one) as RDF.  The output is\n"
    "deterministic: the same triples always give the same bytes (sorted, with\n"
    "the same prefixes declared), so exports diff cleanly.  Turtle, N-Triples,\n"
    "RDF/XML and dot hold no graph names: the graphs are merged and triples\n"
    "that several graphs share are written once.\n\n"
    "  --format FMT  turtle (default), ntriples, nquads, trig, rdfxml, jsonld\n"
    "                (JSON-LD 1.1, each named graph a {\"@id\", \"@graph\"} object)\n"
    "                or dot (Graphviz: entities labelled with their rdfs:label,\n"
    "                an edge per triple between two of them; `dot -Tsvg`)\n"
    "  -o FILE       write to FILE, replaced only once the export is complete\n"
    "                (default, or '-': standard output)\n"
    "  --graph IRI   export only this named graph (see 'vitae stats'); naming\n"
    "                the inferred graph exports it alone\n"
    "  --inferred    include the inferred graph (" VITAE_INFERRED_GRAPH "),\n"
    "                what the ontology implies; left out by default, so that an\n"
    "                export holds what was asserted\n"
    "  --align       add the aligned triples: what the exported triples say in\n"
    "                schema.org, W3C ORG, FOAF, PROV and Wikidata terms\n"
    "                (schema:birthDate, org:holds, wdt:P39, ...), from the\n"
    "                ontology's alignment axioms; in each named graph for\n"
    "                nquads, trig and jsonld, over the merged graphs otherwise\n";

int cmd_export(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                       {"output", required_argument, NULL, 'o'},
                                       {"graph", required_argument, NULL, 'g'},
                                       {"inferred", no_argument, NULL, 'i'},
                                       {"align", no_argument, NULL, 'a'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *format_name = "turtle", *output = NULL, *graph = NULL;
  int inferred = 0, align = 0, c;
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
    case 'a': align = 1; break;
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
  vitae_export_options eo = {graph, inferred ? NULL : no_inferred, align};
  if (st == VITAE_OK) st = vitae_export_store_options(store, &eo, format, o.f ? o.f : stdout, &err);
  vitae_status closed = cli_output_close(&o, st == VITAE_OK, &err);
  if (st == VITAE_OK) st = closed;
  vitae_store_close(store);
  if (st != VITAE_OK) return cli_fail(&err);
  return EXIT_OK;
}
