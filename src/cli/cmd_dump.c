#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "export/export.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] dump [-o FILE]\n\n"
    "Write everything in the store, every named graph with its name, as\n"
    "N-Quads: a backup that 'vitae restore FILE' turns back into the same store.\n"
    "The output is deterministic (sorted), so two dumps of the same store are\n"
    "the same bytes.  The dump reads a snapshot: a load running meanwhile is\n"
    "either all in it or not at all.\n\n"
    "  -o FILE  write to FILE, replaced only once the dump is complete and on\n"
    "           disk (default, or '-': standard output)\n";

int cmd_dump(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *output = NULL;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'o': output = optarg; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("dump", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage_error("dump", "unexpected argument '%s'", argv[optind]);
  if (output && !*output) return cli_usage_error("dump", "-o needs a FILE");
  int rc;
  vitae_store *store = cli_open_store(cli, VITAE_STORE_READ, &rc);
  if (!store) return rc;
  vitae_error err;
  vitae_error_clear(&err);
  cli_output o = {0};
  vitae_status st = VITAE_OK;
  if (output && strcmp(output, "-") != 0) st = cli_output_open(&o, output, &err);
  FILE *out = o.f ? o.f : stdout;
  if (st == VITAE_OK) st = vitae_export_store(store, NULL, VITAE_RDF_NQUADS, out, &err);
  if (st == VITAE_OK && !o.f && (fflush(stdout) != 0 || ferror(stdout)))
    st = vitae_error_set(&err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the dump");
  vitae_status closed = cli_output_close(&o, st == VITAE_OK, &err);
  if (st == VITAE_OK) st = closed;
  vitae_store_close(store);
  if (st != VITAE_OK) return cli_fail(&err);
  return EXIT_OK;
}
