/* Running SPARQL against a store, with results materialised so that an error
 * found while iterating is reported before anything is printed. */
#ifndef VITAE_QUERY_QUERY_H
#define VITAE_QUERY_QUERY_H

#include <stddef.h>
#include <stdio.h>
#include <librdf.h>

#include "core/error.h"
#include "store/store.h"

typedef enum vitae_result_kind {
  VITAE_RESULT_BINDINGS, /* SELECT */
  VITAE_RESULT_BOOLEAN,  /* ASK */
  VITAE_RESULT_GRAPH     /* CONSTRUCT, DESCRIBE */
} vitae_result_kind;

typedef struct vitae_result vitae_result;

/* Prepend the contract's prefixes that the query does not declare itself.
 * Returns a new string the caller frees, or NULL when out of memory.  The
 * prefixes go on the query's first line, so error line numbers still match
 * what the user wrote. */
char *vitae_query_with_prefixes(const char *sparql);

/* Run a query.  The caller frees *out with vitae_result_free().
 *
 * The engine is rasqal 0.9.33, which gives wrong answers to some valid
 * SPARQL; the query is analysed first (query/rewrite.c) and either
 * rewritten into a form rasqal answers right, completed after it runs
 * (aggregates, DESCRIBE, sub-SELECTs, column names), or refused with
 * VITAE_ERR_QUERY and a message that names the construct and its position
 * (property paths, EXISTS, MINUS, SERVICE, FROM, SPARQL Update...).
 * Setting VITAE_QUERY_DEBUG in the environment prints the queries rasqal
 * runs on stderr. */
vitae_status vitae_query_exec(vitae_store *store, const char *sparql, vitae_result **out,
                              vitae_error *err);

/* vitae_query_exec with a time limit in seconds (<= 0: none).  A query
 * still running then is stopped (its triple pattern matches end early) and
 * fails with VITAE_ERR_TIMEOUT, never with a partial answer.  The limit is
 * kept per thread, so runs on other threads (vitae serve) keep their own. */
vitae_status vitae_query_exec_timed(vitae_store *store, const char *sparql, double seconds,
                                    vitae_result **out, vitae_error *err);

/* vitae_query_exec_timed with a memory limit as well: max_memory bytes of
 * the process's resident memory (0: none).  A query that makes the process
 * grow past it is stopped like one past its time limit and fails with
 * VITAE_ERR_NOMEM and a message that says so (vitae query --max-memory). */
vitae_status vitae_query_exec_limited(vitae_store *store, const char *sparql, double seconds,
                                      size_t max_memory, vitae_result **out, vitae_error *err);

/* An RDF dataset given apart from the query text (the SPARQL 1.1
 * Protocol's default-graph-uri and named-graph-uri): the default graph is
 * the merge of the graphs named in default_graphs (none: an empty default
 * graph), the named graphs are those in named_graphs (none: no named
 * graph).  A graph IRI the store does not hold is an empty graph.  The
 * arrays and strings are the caller's. */
typedef struct vitae_query_dataset {
  const char *const *default_graphs;
  size_t ndefault;
  const char *const *named_graphs;
  size_t nnamed;
} vitae_query_dataset;

/* vitae_query_exec_timed over a dataset (NULL: the store's own, as
 * vitae_query_exec_timed).  The dataset replaces any FROM and FROM NAMED
 * in the query text (which are then accepted, not refused); DESCRIBE over
 * a dataset is refused (VITAE_ERR_UNSUPPORTED).  Like the time limit, the
 * dataset is kept per thread for the run. */
vitae_status vitae_query_exec_dataset(vitae_store *store, const char *sparql,
                                      const vitae_query_dataset *dataset, double seconds,
                                      vitae_result **out, vitae_error *err);

/* Half of the physical memory, the default memory limit of `vitae query`
 * (0 when unknown). */
size_t vitae_query_default_memory_limit(void);

void vitae_result_free(vitae_result *r);

/* Keep the first n rows (SELECT) or statements (CONSTRUCT/DESCRIBE) and
 * free the rest; returns how many there were before.  ASK is unchanged. */
size_t vitae_result_truncate(vitae_result *r, size_t n);

vitae_result_kind vitae_result_get_kind(const vitae_result *r);
/* SELECT: columns and rows; a cell is NULL when unbound.  Borrowed. */
size_t vitae_result_columns(const vitae_result *r);
const char *vitae_result_column_name(const vitae_result *r, size_t col);
size_t vitae_result_rows(const vitae_result *r);
librdf_node *vitae_result_cell(const vitae_result *r, size_t row, size_t col);
/* ASK */
int vitae_result_boolean(const vitae_result *r);
/* CONSTRUCT/DESCRIBE: the statements (borrowed). */
size_t vitae_result_statements(const vitae_result *r, raptor_statement ***out);

/* Write results.  SELECT/ASK formats: table, csv, tsv, json, xml (W3C SPARQL
 * results formats).  CONSTRUCT/DESCRIBE: turtle, ntriples (and the other
 * export formats).  NULL format: table for SELECT/ASK, turtle for graphs. */
vitae_status vitae_result_write(vitae_result *r, raptor_world *world, const char *format,
                                FILE *out, vitae_error *err);

#endif
