/* vitae describe NAME: an entity card with the evidence for each fact. */
#include <stdio.h>

#include "cli/cmd.h"
#include "trace/trace.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] describe [--format text|json] NAME\n\n"
    "Print what the store says about one entity: its types and names, then its\n"
    "facts by group (life, offices held with dates, family, education,\n"
    "memberships, meetings, visits, ...), each followed by the sentence it was\n"
    "read from, quoted, and the source document.  Ties that only the inferred\n"
    "graph holds are marked [inferred].\n\n"
    "NAME is compared with every rdfs:label and skos:altLabel, ignoring case,\n"
    "accents and punctuation; a full IRI or an IRI path (person/xyz) works too.\n"
    "An ambiguous NAME lists the candidates.\n\n"
    "  --format FMT   text (default) or json\n\n"
    "Exit codes: 0 ok, 1 no such entity, ambiguous name or store error, 2 usage.\n";

static const char *const FORMATS[] = {"text", "json", NULL};

static vitae_status run(vitae_store *store, const char *iri, const cli_trace_args *a,
                        vitae_error *err) {
  vitae_trace_card card;
  if (vitae_trace_card_build(store, iri, &card, err) != VITAE_OK) return err->status;
  if (a->format == 1) vitae_trace_card_write_json(&card, stdout);
  else vitae_trace_card_write_text(&card, stdout);
  vitae_trace_card_free(&card);
  return VITAE_OK;
}

int cmd_describe(vitae_cli *cli, int argc, char **argv) {
  static const cli_trace_cmd cmd = {"describe", USAGE, "entity", NULL, FORMATS, 0, run};
  return cli_trace_main(&cmd, cli, argc, argv);
}
