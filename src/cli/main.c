/* vitae: biographies in, an RDF knowledge graph out.  This file only parses
 * the global options and dispatches to one cmd_*.c per command. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "config.h"

const vitae_cmd VITAE_COMMANDS[] = {
    {"extract", cmd_extract, "extract RDF facts from biographies (text files)"},
    {"demo", cmd_demo, "the main job: extract the bundled biography into the store"},
    {"load", cmd_load, "load RDF files into the store, one named graph each"},
    {"query", cmd_query, "run a SPARQL query against the store"},
    {"describe", cmd_describe, "an entity's facts, each with the sentence that states it"},
    {"timeline", cmd_timeline, "a person's tenures, meetings, visits, in date order"},
    {"succession", cmd_succession, "the holders of an office in order, how each began and ended"},
    {"network", cmd_network, "meetings, family, appointments around a person (table, dot, json)"},
    {"export", cmd_export, "write the store (or one graph) as RDF"},
    {"stats", cmd_stats, "count triples, graphs and entities per class"},
    {"drop", cmd_drop, "remove one named graph, or everything"},
    {"check", cmd_check, "verify the store on disk; --repair removes leftovers"},
    {"dump", cmd_dump, "write everything as N-Quads, a backup for restore"},
    {"restore", cmd_restore, "replace everything with a dump, at once"},
    {"serve", cmd_serve, "serve the store over HTTP: SPARQL endpoint, linked data"},
    {NULL, NULL, NULL}};

static void usage(FILE *out) {
  fputs("Usage: vitae [--store SPEC] [--quiet] [--wait] COMMAND [ARGS...]\n"
        "       vitae COMMAND --help | vitae --help | vitae --version\n\n"
        "Commands:\n",
        out);
  for (const vitae_cmd *c = VITAE_COMMANDS; c->name; c++)
    fprintf(out, "  %-10s %s\n", c->name, c->summary);
  fputs("\nGlobal options:\n"
        "  --store SPEC   the store: a directory (on-disk, created on first use),\n"
        "                 hashes:DIR, sqlite:DIR, memory:, or a Virtuoso server:\n"
        "                 virtuoso:HOST:PORT[,user=NAME,password-file=PATH];\n"
        "                 default $VITAE_STORE,\n"
        "                 else $XDG_DATA_HOME/vitae/store (~/.local/share/vitae/store)\n"
        "  --quiet        no progress or summaries on stderr\n"
        "  --wait         when another process is writing to the store, wait for it\n"
        "                 instead of failing (also VITAE_WAIT=1)\n\n"
        "Exit codes: 0 success, 1 error (input, store, query), 2 usage error.\n",
        out);
}

int main(int argc, char **argv) {
  setlocale(LC_CTYPE, "C.UTF-8");
  vitae_cli cli = {getenv("VITAE_STORE"), 0};
  if (cli.store_spec && !*cli.store_spec) cli.store_spec = NULL;
  const char *wait_env = getenv("VITAE_WAIT");
  vitae_store_set_wait(wait_env && *wait_env && strcmp(wait_env, "0") != 0);
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return EXIT_OK;
    } else if (!strcmp(a, "--version")) {
      printf("vitae %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      cli.quiet = 1;
    } else if (!strcmp(a, "--wait")) {
      vitae_store_set_wait(1);
    } else if (!strcmp(a, "--store")) {
      if (i + 1 >= argc) return cli_usage_error(NULL, "--store needs a SPEC");
      cli.store_spec = argv[++i];
      if (!*cli.store_spec) return cli_usage_error(NULL, "--store needs a SPEC, not ''");
    } else if (!strncmp(a, "--store=", 8)) {
      cli.store_spec = a + 8;
      if (!*cli.store_spec) return cli_usage_error(NULL, "--store needs a SPEC, not ''");
    } else {
      return cli_usage_error(NULL, "unknown option '%s'", a);
    }
  }
  if (i >= argc) {
    usage(stderr);
    return EXIT_USAGE;
  }
  for (const vitae_cmd *c = VITAE_COMMANDS; c->name; c++)
    if (!strcmp(c->name, argv[i])) return c->run(&cli, argc - i, argv + i);
  return cli_usage_error(NULL, "unknown command '%s'", argv[i]);
}
