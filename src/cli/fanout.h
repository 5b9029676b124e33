/* Work on a list of items in several processes, the results handed back in
 * the order of the items: `vitae extract -j N`.  Worker k of N takes items
 * k, k+N, k+2N...; what it makes of each (output bytes, messages, an exit
 * code) goes back through a pipe, and the parent takes the results in item
 * order, so the bytes are the same as in one process.  A worker that is
 * ahead waits on its pipe: memory stays one item per process. */
#ifndef VITAE_CLI_FANOUT_H
#define VITAE_CLI_FANOUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

/* In a worker: do item i, writing its output to out and its messages to
 * msg (both memory streams).  Returns the item's exit code (EXIT_OK or an
 * error's); sets *stop to end the whole run after this item. */
typedef int (*cli_fanout_work_fn)(void *ctx, size_t i, FILE *out, FILE *msg, int *stop);

/* In the parent, in item order: what work() made of item i.  Returns 0 to
 * go on, non-zero to stop the run (the output cannot be written). */
typedef int (*cli_fanout_take_fn)(void *ctx, size_t i, const char *out, size_t out_len,
                                  const char *msg, size_t msg_len, int code, int stop);

/* Run n items in jobs (>= 2) worker processes.  Returns VITAE_OK when every
 * item was taken (or the run was stopped by work or take); an error when a
 * process could not be started or a worker died. */
vitae_status cli_fanout_run(size_t n, int jobs, cli_fanout_work_fn work, cli_fanout_take_fn take,
                            void *ctx, vitae_error *err);

#endif
