/* vitae network NAME: the people around a person. */
#include <stdio.h>

#include "cli/cmd.h"
#include "core/vocab.h"
#include "trace/trace.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] network [--depth N] [--format table|dot|json] NAME\n\n"
    "Print the people around a person and how they are tied: meetings (with\n"
    "date and place), family (spouse, parent, sibling, relative), appointments\n"
    "and dismissals, succession in an office, congratulations.  --depth N\n"
    "follows ties N steps out (default 1, at most 10): depth 2 adds the people\n"
    "met by the people he met.\n\n"
    "NAME is compared with every rdfs:label and skos:altLabel of a vt:Person,\n"
    "ignoring case, accents and punctuation; a full IRI works too.\n\n"
    "  --depth N      how many steps out (1..10)\n"
    "  --format FMT   table (default), dot (Graphviz: vitae network NAME\n"
    "                 --format dot | dot -Tsvg > net.svg) or json (with the\n"
    "                 evidence sentences of each tie)\n\n"
    "Exit codes: 0 ok, 1 no such person, ambiguous name or store error, 2 usage.\n";

static const char *const FORMATS[] = {"table", "dot", "json", NULL};

static vitae_status run(vitae_store *store, const char *iri, const cli_trace_args *a,
                        vitae_error *err) {
  vitae_trace_network n;
  if (vitae_trace_network_build(store, iri, a->depth, &n, err) != VITAE_OK) return err->status;
  if (a->format == 1) vitae_trace_network_write_dot(&n, stdout);
  else if (a->format == 2) vitae_trace_network_write_json(&n, stdout);
  else vitae_trace_network_write_table(&n, stdout);
  vitae_trace_network_free(&n);
  return VITAE_OK;
}

int cmd_network(vitae_cli *cli, int argc, char **argv) {
  static const cli_trace_cmd cmd = {"network", USAGE, "person", VT_NS "Person", FORMATS, 1, run};
  return cli_trace_main(&cmd, cli, argc, argv);
}
