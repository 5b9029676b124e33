/* The commands' side of a virtuoso: store (store/virtuoso.h): opening it,
 * reading it into memory for the commands that read with librdf, and
 * keeping its inferred graph up to date after writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cmd.h"
#include "export/export.h"
#include "infer/infer.h"
#include "store/mirror.h"

int cli_is_virtuoso(const vitae_cli *cli) { return vitae_virtuoso_is_spec(cli->store_spec); }

int cli_remote_open(vitae_cli *cli, cli_remote *r, int *exit_code) {
  vitae_error err;
  vitae_error_clear(&err);
  r->v = NULL;
  r->scratch = NULL;
  if (vitae_virtuoso_open(cli->store_spec, &r->v, &err) != VITAE_OK ||
      vitae_store_open("memory:", VITAE_STORE_WRITE, &r->scratch, &err) != VITAE_OK) {
    cli_remote_close(r);
    *exit_code = cli_fail(&err);
    return -1;
  }
  *exit_code = EXIT_OK;
  return 0;
}

void cli_remote_close(cli_remote *r) {
  vitae_virtuoso_free(r->v);
  vitae_store_close(r->scratch);
  r->v = NULL;
  r->scratch = NULL;
}

/* A virtuoso: store opened by cli_open_store(): reading commands get a
 * copy in memory, with the inferred graph, as the embedded store has it. */
vitae_store *cli_open_virtuoso_copy(vitae_cli *cli, vitae_store_mode mode, int *exit_code) {
  if (mode != VITAE_STORE_READ) {
    *exit_code = cli_usage_error(NULL, "this command does not work on a Virtuoso store (load, extract "
                                       "--load, query, export, stats, drop, describe, timeline, "
                                       "succession, network and dump do)");
    return NULL;
  }
  cli_remote r;
  if (cli_remote_open(cli, &r, exit_code) != 0) return NULL;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *copy = r.scratch;
  r.scratch = NULL;
  if (vitae_mirror_snapshot(r.v, copy, 1, NULL, &err) != VITAE_OK) {
    *exit_code = cli_fail(&err);
    vitae_store_close(copy);
    copy = NULL;
  }
  cli_remote_close(&r);
  return copy;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The inferred graph as N-Triples, from a memory store that computed it. */
static vitae_status inferred_text(vitae_store *mem, char **data, size_t *len, vitae_error *err) {
  *data = NULL;
  *len = 0;
  if (!vitae_store_has_graph(mem, VITAE_INFERRED_GRAPH)) return VITAE_OK;
  FILE *f = open_memstream(data, len);
  if (!f) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_status st = vitae_export_store(mem, VITAE_INFERRED_GRAPH, VITAE_RDF_NTRIPLES, f, err);
  if (fclose(f) != 0 && st == VITAE_OK) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return st;
}

/* Recompute the inferred graph with src/infer, as the embedded store does:
 * the asserted graphs are read back into memory, the same rules run there,
 * and the result replaces <VITAE_INFERRED_GRAPH> on the server in one PUT. */
vitae_status cli_remote_infer(cli_remote *r, vitae_infer_stats *is, vitae_error *err) {
  vitae_store *mem = NULL;
  double t0 = now();
  vitae_status st = vitae_store_open("memory:", VITAE_STORE_WRITE, &mem, err);
  if (st == VITAE_OK) st = vitae_mirror_snapshot(r->v, mem, 0, NULL, err);
  double t1 = now();
  if (st == VITAE_OK) st = vitae_infer_update_stats(mem, is, err);
  char *data = NULL;
  size_t len = 0;
  double t2 = now();
  if (st == VITAE_OK) st = inferred_text(mem, &data, &len, err);
  if (st == VITAE_OK) st = vitae_virtuoso_put_graph(r->v, VITAE_INFERRED_GRAPH, data, len, err);
  if (st == VITAE_OK) {
    is->read_seconds += t1 - t0; /* fetching from the server */
    is->write_seconds = now() - t2;
  }
  free(data);
  vitae_store_close(mem);
  return st;
}

int cli_remote_infer_report(vitae_cli *cli, cli_remote *r, int rc) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_infer_stats is;
  memset(&is, 0, sizeof is);
  if (cli_remote_infer(r, &is, &err) != VITAE_OK) {
    int code = cli_fail(&err);
    return code > rc ? code : rc;
  }
  if (!cli->quiet) vitae_infer_stats_print(&is, stderr);
  return rc;
}
