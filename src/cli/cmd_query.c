#include <stdio.h>
#include "cli/cmd.h"
/* placeholder until the module lands */
int cmd_query(vitae_cli *cli, int argc, char **argv) {
  (void)cli; (void)argc; (void)argv;
  fputs("vitae: query: not built yet\n", stderr);
  return EXIT_ERROR;
}
