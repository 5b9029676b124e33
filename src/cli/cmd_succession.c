/* vitae succession OFFICE: the chain of holders of an office. */
#include <stdio.h>

#include "cli/cmd.h"
#include "core/vocab.h"
#include "trace/trace.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] succession [--format text|json] OFFICE\n\n"
    "Print the holders of an office in order of their tenures' start dates,\n"
    "with each term, how it began and ended as far as the data says (acting,\n"
    "appointed by, dismissed by), the predecessor and successor links (stated\n"
    "or inferred), and the sentences that state each tenure.  A person named\n"
    "only as a predecessor or successor, with no tenure of the office in the\n"
    "store, is listed beside the tenure that names them.\n\n"
    "OFFICE is compared with every rdfs:label and skos:altLabel of a vt:Office,\n"
    "ignoring case, accents and punctuation; a full IRI works too.\n\n"
    "  --format FMT   text (default) or json\n\n"
    "Exit codes: 0 ok, 1 no such office, ambiguous name or store error, 2 usage.\n";

static const char *const FORMATS[] = {"text", "json", NULL};

static vitae_status run(vitae_store *store, const char *iri, const cli_trace_args *a,
                        vitae_error *err) {
  vitae_trace_succession s;
  if (vitae_trace_succession_build(store, iri, &s, err) != VITAE_OK) return err->status;
  if (a->format == 1) vitae_trace_succession_write_json(&s, stdout);
  else vitae_trace_succession_write_text(&s, stdout);
  vitae_trace_succession_free(&s);
  return VITAE_OK;
}

int cmd_succession(vitae_cli *cli, int argc, char **argv) {
  static const cli_trace_cmd cmd = {"succession", USAGE, "office", VT_NS "Office", FORMATS, 0, run};
  return cli_trace_main(&cmd, cli, argc, argv);
}
