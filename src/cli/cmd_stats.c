#include <stdio.h>
#include "cli/cmd.h"
/* placeholder until the module lands */
int cmd_stats(vitae_cli *cli, int argc, char **argv) {
  (void)cli; (void)argc; (void)argv;
  fputs("vitae: stats: not built yet\n", stderr);
  return EXIT_ERROR;
}
