#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "store/check.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] check [--repair]\n\n"
    "Verify the store: its marker and current generation, that nothing is left\n"
    "over from an interrupted write, and its data: every named graph is listed\n"
    "and counted, every statement of every graph and of the whole model is\n"
    "read, and the counts agree.  Prints what is wrong and exits 1, or a short\n"
    "summary and exits 0.  Leftovers that the store does not use (a partial\n"
    "generation from an interrupted write, an old generation) are warnings:\n"
    "they do not fail the check, and the next write removes them.\n\n"
    "  --repair  fix what can be fixed: remove partial or old generations and\n"
    "            other leftovers, move a format-1 store to format 2.  Damaged\n"
    "            data files cannot be fixed: rebuild the store from a dump with\n"
    "            'vitae restore BACKUP.nq' (see 'vitae dump').\n";

static void report(void *user, vitae_check_level level, const char *message) {
  static const char *const tags[] = {"note", "warning", "problem", "repaired"};
  vitae_cli *cli = user;
  if (level == VITAE_CHECK_INFO && cli->quiet) return;
  fprintf(level == VITAE_CHECK_PROBLEM ? stderr : stdout, "%s: %s\n", tags[level], message);
}

int cmd_check(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"repair", no_argument, NULL, 'r'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  int repair = 0, c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'r': repair = 1; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("check", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage_error("check", "unexpected argument '%s'", argv[optind]);
  if (cli_is_virtuoso(cli))
    return cli_usage_error("check", "check verifies an on-disk store; a Virtuoso server keeps its own");
  vitae_error err;
  vitae_error_clear(&err);
  vitae_check_summary sum;
  if (vitae_store_check(cli->store_spec, repair, report, cli, &sum, &err) != VITAE_OK)
    return cli_fail(&err);
  vitae_store_spec spec;
  vitae_error_clear(&err);
  if (vitae_store_spec_parse(cli->store_spec, &spec, &err) != VITAE_OK) return cli_fail(&err);
  printf("store       %s (%s", spec.path[0] ? spec.path : "memory:",
         vitae_store_backend_name(sum.backend));
  if (sum.format) printf(", format %d", sum.format);
  if (sum.generation) printf(", generation %lu", sum.generation);
  printf(")\n");
  printf("graphs      %lu\n", sum.graphs);
  printf("triples     %lu\n", sum.triples);
  if (sum.problems) {
    fprintf(stderr, "vitae: check: %u problem%s found%s\n", sum.problems,
            sum.problems == 1 ? "" : "s", repair ? " that --repair could not fix" : "");
    return EXIT_ERROR;
  }
  printf("check       ok%s", sum.repaired ? " (after repairs)" : "");
  if (sum.warnings) printf(", %u warning%s", sum.warnings, sum.warnings == 1 ? "" : "s");
  printf("\n");
  return EXIT_OK;
}
