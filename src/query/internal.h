/* Private to src/query: the result record and the pieces of the pipeline
 * (lexer -> analysis/rewrite -> engine -> post-processing). */
#ifndef VITAE_QUERY_INTERNAL_H
#define VITAE_QUERY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <librdf.h>

#include "core/error.h"
#include "query/query.h"

struct vitae_result {
  vitae_result_kind kind;
  size_t ncols, nrows, cap_rows;
  char **columns;           /* ncols names, owned */
  librdf_node **cells;      /* nrows * ncols, owned, NULL when unbound */
  int boolean;
  raptor_statement **stmts; /* graph results, owned */
  size_t nstmts, cap_stmts;
};

/* ---- result building (query.c) ---- */
vitae_result *vq_result_new(vitae_result_kind kind);
/* Set the column names (copied); only before any row is added. */
vitae_status vq_result_set_columns(vitae_result *r, size_t n, const char *const *names);
/* Append a row of ncols cells; the result takes ownership of the nodes
 * (also on failure). */
vitae_status vq_result_add_row(vitae_result *r, librdf_node **cells);
/* Append a statement; the result takes ownership (also on failure). */
vitae_status vq_result_add_statement(vitae_result *r, raptor_statement *s);

/* ---- the engine (engine.c): rasqal with a triples source of our own ---- */

/* What the engine hands back besides the result. */
typedef struct vq_run_info {
  /* The projected variable names as rasqal parsed them (SELECT), owned;
   * NULL-terminated; NULL when not a SELECT. */
  char **projection;
} vq_run_info;

/* Run SPARQL text (already rewritten) against the store, or only parse it
 * (prepare_only: *out stays NULL).  Syntax and execution errors go to err
 * with rasqal's line and column (in text). */
vitae_status vq_engine_run(vitae_store *store, const char *text, int prepare_only,
                           vitae_result **out, vq_run_info *info, vitae_error *err);

/* Run a query through the whole pipeline (analysis, rewriting, engine,
 * post-processing).  text has `shift` characters of prefixes on line 1. */
vitae_status vq_exec_text(vitae_store *store, const char *text, size_t shift, int depth,
                          vitae_result **out, vitae_error *err);

/* The same, keeping the columns the rewriting introduced. */
vitae_status vq_exec_opts(vitae_store *store, const char *text, size_t shift, int depth,
                          int keep_hidden, vitae_result **out, vitae_error *err);

/* Whether a column name is one the rewriting introduced. */
int vq_is_hidden(const char *hidden, const char *name);

/* DESCRIBE (describe.c): the concise bounded descriptions of the resources
 * the plan names. */
struct vq_plan;
vitae_status vq_describe(vitae_store *store, const struct vq_plan *plan, size_t shift, int depth,
                         vitae_result **out, vitae_error *err);
void vq_run_info_free(vq_run_info *info);

/* The time limit of vitae_query_exec_timed (query.c), for the calling
 * thread: whether it has passed.  Cheap enough to call per match step (the
 * clock is read every 64 calls); once passed it stays passed for the run. */
int vq_deadline_passed(void);

/* The dataset of vitae_query_exec_dataset (dataset.c) for the calling
 * thread's run, or NULL: the store's own dataset. */
const vitae_query_dataset *vq_dataset(void);
int vq_dataset_active(void);
/* Whether iri is one of the n IRIs. */
int vq_dataset_has(const char *const *iris, size_t n, const char *iri);
/* The dataset's named graphs as a NULL-terminated list (freed with
 * vitae_store_free_list). */
vitae_status vq_dataset_named_graphs(char ***out, vitae_error *err);

/* A set of triples or nodes, each remembered by two independent 64-bit
 * hashes (engine.c).  The default graph is the union of the named graphs,
 * as a set: librdf's find_statements without a context returns a triple
 * once for each graph that holds it, so a match over it skips the triples
 * it has already given. */
#define VQ_SEEN_FEW 4
typedef struct vq_seen {
  uint64_t *keys; /* pairs; (0,0) marks an empty slot */
  size_t cap, n;  /* cap in pairs, a power of two */
  /* The first few pairs, before any table: most lookups of a bound subject
   * give one or two triples, and a table per lookup cost about 15 % of a
   * GROUP BY's CPU at 1M triples. */
  uint64_t few[2 * VQ_SEEN_FEW];
  size_t nfew;
} vq_seen;

/* Mix node n into the hash pair h (start from any fixed pair). */
void vq_hash_node(uint64_t h[2], librdf_node *n);
/* Remember a hash pair: 1 when it was there already, 0 added, -1 out of
 * memory.  Free set->keys when done. */
int vq_seen_add(vq_seen *set, const uint64_t h[2]);

/* Conversions between rasqal literals and librdf nodes. */
librdf_node *vq_literal_to_node(librdf_world *world, rasqal_literal *l);

#endif
