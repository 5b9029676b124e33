/* vitae timeline NAME: a person's dated events in order. */
#include <stdio.h>

#include "cli/cmd.h"
#include "core/vocab.h"
#include "trace/trace.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] timeline [--format text|json] NAME\n\n"
    "Print one line per dated event of a person: birth and death, taking and\n"
    "leaving each office, meetings, visits and other dated facts, in date order\n"
    "(a year sorts before the months and days in it); undated events last.\n"
    "The json format adds each event's evidence sentences.\n\n"
    "NAME is compared with every rdfs:label and skos:altLabel of a vt:Person,\n"
    "ignoring case, accents and punctuation; a full IRI works too.\n\n"
    "  --format FMT   text (default) or json\n\n"
    "Exit codes: 0 ok, 1 no such person, ambiguous name or store error, 2 usage.\n";

static const char *const FORMATS[] = {"text", "json", NULL};

static vitae_status run(vitae_store *store, const char *iri, const cli_trace_args *a,
                        vitae_error *err) {
  vitae_trace_timeline t;
  if (vitae_trace_timeline_build(store, iri, &t, err) != VITAE_OK) return err->status;
  if (a->format == 1) vitae_trace_timeline_write_json(&t, stdout);
  else vitae_trace_timeline_write_text(&t, stdout);
  vitae_trace_timeline_free(&t);
  return VITAE_OK;
}

int cmd_timeline(vitae_cli *cli, int argc, char **argv) {
  static const cli_trace_cmd cmd = {"timeline", USAGE, "person", VT_NS "Person", FORMATS, 0, run};
  return cli_trace_main(&cmd, cli, argc, argv);
}
