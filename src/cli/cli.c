#include "cli/cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fputs("vitae: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  if (cmd) fprintf(stderr, "Try 'vitae %s --help'.\n", cmd);
  else fputs("Try 'vitae --help'.\n", stderr);
  return EXIT_USAGE;
}

int cli_fail(const vitae_error *err) {
  vitae_error_print(err, stderr);
  return vitae_status_exit_code(err->status);
}

vitae_store *cli_open_store(vitae_cli *cli, vitae_store_mode mode, int *exit_code) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *store = NULL;
  if (vitae_store_open(cli->store_spec, mode, &store, &err) != VITAE_OK) {
    *exit_code = cli_fail(&err);
    return NULL;
  }
  *exit_code = EXIT_OK;
  return store;
}

int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--")) return 0;
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
  }
  return 0;
}
