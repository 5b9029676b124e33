/* Shared by describe, timeline, succession and network: finding the entity
 * a NAME means, and the --format option. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "trace/trace.h"

/* The name as given, with control characters escaped (it may hold a newline). */
static void put_name(const char *name) {
  fputc('\'', stderr);
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) fprintf(stderr, "\\x%02x", *p);
    else fputc(*p, stderr);
  }
  fputc('\'', stderr);
}

char *cli_trace_resolve(vitae_store *store, const char *name, const char *class_iri,
                        const char *what, int *exit_code) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_trace_candidates c;
  if (vitae_trace_find(store, name, class_iri, &c, &err) != VITAE_OK) {
    *exit_code = cli_fail(&err);
    return NULL;
  }
  char *iri = NULL;
  *exit_code = EXIT_ERROR;
  if (c.n == 0) {
    fprintf(stderr, "vitae: no %s named ", what);
    put_name(name);
    fputs(" in the store (labels and altLabels are compared ignoring case and accents;"
          " a full IRI works too)\n",
          stderr);
  } else if (c.n > 1) {
    fputs("vitae: ", stderr);
    put_name(name);
    fprintf(stderr, " is ambiguous: %zu candidates; give the full label or the IRI:\n", c.n);
    vitae_trace_candidates_write(&c, stderr);
  } else if (!(iri = strdup(c.items[0].ref.iri))) {
    fputs("vitae: out of memory\n", stderr);
  } else {
    *exit_code = EXIT_OK;
  }
  vitae_trace_candidates_free(&c);
  return iri;
}

int cli_trace_format(const char *cmd, const char *format, const char *const *allowed) {
  for (size_t i = 0; allowed[i]; i++)
    if (!strcmp(format, allowed[i])) return (int)i;
  return cli_usage_error(cmd, "unknown --format '%s'", format), -1;
}

int cli_finish_stdout(int rc) {
  if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
    fputs("vitae: cannot write the output\n", stderr);
    return EXIT_ERROR;
  }
  return rc;
}

/* --depth N: a whole number from 1 to VITAE_TRACE_MAX_DEPTH, else -1. */
static int parse_depth(const char *s) {
  char *end;
  long d = strtol(s, &end, 10);
  if (!*s || *end || d < 1 || d > VITAE_TRACE_MAX_DEPTH) return -1;
  return (int)d;
}

int cli_trace_main(const cli_trace_cmd *cmd, vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                       {"depth", required_argument, NULL, 'd'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  cli_trace_args a = {NULL, 0, 1};
  int c;
  optind = 0;
  opterr = 0;
  /* options may follow NAME (GNU order); a NAME starting with '-' goes after "--" */
  while ((c = getopt_long(argc, argv, "f:d:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if ((a.format = cli_trace_format(cmd->name, optarg, cmd->formats)) < 0) return EXIT_USAGE;
      break;
    case 'd':
      if (!cmd->takes_depth) return cli_usage_error(cmd->name, "unknown option '--depth'");
      if ((a.depth = parse_depth(optarg)) < 0)
        return cli_usage_error(cmd->name, "--depth takes a number from 1 to %d", VITAE_TRACE_MAX_DEPTH);
      break;
    case 'h': fputs(cmd->usage, stdout); return EXIT_OK;
    default: return cli_usage_error(cmd->name, "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind != argc - 1)
    return cli_usage_error(cmd->name, optind == argc ? "give one %s" : "give one %s (quote a name with spaces)",
                           cmd->what);
  a.name = argv[optind];
  int rc;
  vitae_store *store = cli_open_store(cli, VITAE_STORE_READ, &rc);
  if (!store) return rc;
  char *iri = cli_trace_resolve(store, a.name, cmd->class_iri, cmd->what, &rc);
  if (iri) {
    vitae_error err;
    vitae_error_clear(&err);
    rc = cmd->run(store, iri, &a, &err) == VITAE_OK ? cli_finish_stdout(EXIT_OK) : cli_fail(&err);
  }
  free(iri);
  vitae_store_close(store);
  return rc;
}
