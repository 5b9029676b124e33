/* A progress bar on stderr for long commands (load, extract over many
 * files): done/total, rate and time left, redrawn in place at most ten
 * times a second.  It draws only when stderr is a terminal and --quiet is
 * not given: piped or redirected, stderr carries nothing of it (messages
 * and summaries are unaffected). */
#ifndef VITAE_CLI_PROGRESS_H
#define VITAE_CLI_PROGRESS_H

#include <stdio.h>

#include "cli/cmd.h"

typedef struct cli_progress {
  int on;            /* drawing at all */
  int shown;         /* a bar is on the line now */
  const char *what;  /* "parsing", "storing", "extracting"... (borrowed) */
  const char *unit;  /* "MB", "triples", "files" (borrowed) */
  double scale;      /* done and total are divided by this for display */
  double total, done;
  double t0, last;   /* seconds: start of this phase, last drawing */
} cli_progress;

/* Decide whether to draw (stderr a terminal, not --quiet). */
void cli_progress_init(cli_progress *p, const vitae_cli *cli);

/* Start a phase of total units (0: unknown, no percentage or ETA). */
void cli_progress_phase(cli_progress *p, const char *what, const char *unit, double scale,
                        double total);

/* Record progress; redraws when enough time has passed (or force). */
void cli_progress_set(cli_progress *p, double done, int force);

/* Erase the bar, so that a message can be printed; the next update draws
 * it again. */
void cli_progress_clear(cli_progress *p);

#endif
