/* The commands' side of a virtuoso: store (store/virtuoso.h): opening it,
 * reading it into memory for the commands that read with librdf, and
 * keeping its inferred graph up to date after writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cmd.h"
#include "core/datadir.h"
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

typedef struct infer_ctx {
  vitae_infer *inf;
  vitae_status st;
  vitae_error *err;
} infer_ctx;

static void add_to_engine(void *data, raptor_statement *s) {
  infer_ctx *c = data;
  if (c->st == VITAE_OK) c->st = vitae_infer_add(c->inf, s, c->err);
}

/* Recompute the inferred graph with src/infer's engine, as the embedded
 * store does: the asserted graphs stream from the server into the engine
 * (no copy into a store), and the result replaces <VITAE_INFERRED_GRAPH>
 * on the server in one PUT. */
vitae_status cli_remote_infer(cli_remote *r, vitae_infer_stats *is, vitae_error *err) {
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(r->scratch));
  vitae_infer *inf = NULL;
  char path[4096];
  double t0 = now();
  vitae_status st = vitae_infer_new(rw, &inf, err);
  if (st == VITAE_OK && !vitae_datadir_path("ontology/vitae.ttl", path, sizeof path))
    st = vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "inference: the data directory path is too long");
  if (st == VITAE_OK) st = vitae_infer_add_ontology_file(inf, path, err);
  /* Virtuoso answers queries itself: the copies into other vocabularies are
   * stored there, so that every pattern sees them (README, Inference) */
  if (st == VITAE_OK) vitae_infer_store_copies(inf, 1);
  infer_ctx c = {inf, VITAE_OK, err};
  if (st == VITAE_OK) st = vitae_mirror_read(r->v, rw, 0, add_to_engine, &c, &is->read, err);
  if (st == VITAE_OK) st = c.st;
  double t1 = now();
  if (st == VITAE_OK) st = vitae_infer_run(inf, err);
  double t2 = now();
  if (st == VITAE_OK) {
    raptor_statement **res;
    size_t n = vitae_infer_results(inf, &res);
    is->used = is->read;
    is->inferred = (unsigned long)n;
    is->rules = (unsigned long)vitae_infer_rule_count(inf);
    st = vitae_mirror_put_statements(r->v, res, n, VITAE_INFERRED_GRAPH, err);
  }
  is->read_seconds = t1 - t0;
  is->infer_seconds = t2 - t1;
  is->write_seconds = now() - t2;
  vitae_infer_free(inf);
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
