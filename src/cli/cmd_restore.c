#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cmd.h"
#include "store/load.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] restore [--format FMT] FILE\n\n"
    "Replace EVERYTHING in the store with the contents of FILE, normally a\n"
    "dump made by 'vitae dump'.  The file is parsed completely first; a file\n"
    "with an error changes nothing.  Then the store is replaced at once: after\n"
    "a crash it holds either what it held before or exactly the file.  The\n"
    "current contents are not even read, so this also rebuilds a store whose\n"
    "data files are damaged (see 'vitae check').  The store is created when\n"
    "it does not exist.  '-' reads standard input.\n\n"
    "  --format FMT  nquads (default), trig, or any syntax 'vitae load' reads\n"
    "                (triples outside a named graph go into the file's graph)\n";

int cmd_restore(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *format = NULL;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f': format = optarg; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("restore", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc) return cli_usage_error("restore", "no FILE given");
  if (argc - optind > 1) return cli_usage_error("restore", "give one FILE");
  const char *path = argv[optind];
  const char *syntax = NULL;
  if (format && !(syntax = vitae_load_syntax(format, NULL)))
    return cli_usage_error("restore", "unknown --format '%s'", format);
  if (!syntax) syntax = vitae_load_syntax(NULL, path);
  if (!syntax || (!format && !vitae_load_syntax_has_graphs(syntax)))
    syntax = "nquads"; /* a dump, whatever its name */
  vitae_error err;
  vitae_error_clear(&err);
  struct stat sb;
  if (strcmp(path, "-") != 0) {
    /* before the store is touched */
    int e = stat(path, &sb) != 0 ? errno : S_ISDIR(sb.st_mode) ? EISDIR : 0;
    if (e) {
      vitae_error_set(&err, VITAE_ERR_IO, path, 0, 0, "%s", strerror(e));
      return cli_fail(&err);
    }
  }
  int rc;
  vitae_store *store = cli_open_store(cli, VITAE_STORE_REPLACE, &rc);
  if (!store) return rc;
  vitae_load_result res;
  vitae_status st = vitae_load_restore(store, path, syntax, &res, &err);
  vitae_store_close(store);
  if (st != VITAE_OK) return cli_fail(&err);
  if (!cli->quiet)
    fprintf(stderr, "%s: restored %lu triples in %lu graph%s\n", path, res.triples, res.graphs,
            res.graphs == 1 ? "" : "s");
  return EXIT_OK;
}
