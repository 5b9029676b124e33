/* Analysis and rewriting of SPARQL text before rasqal 0.9.33 sees it.
 *
 * The query is read with a real tokenizer (query/lex.h) and a recursive
 * descent over the SPARQL 1.1 grammar.  Constructs rasqal cannot run are
 * refused with an error at their position; constructs it gets wrong are
 * rewritten into equivalent ones it gets right, or marked for
 * post-processing of the results (see query.c). */
#ifndef VITAE_QUERY_REWRITE_H
#define VITAE_QUERY_REWRITE_H

#include <stddef.h>

#include "core/error.h"

typedef enum vq_form { VQ_FORM_SELECT, VQ_FORM_ASK, VQ_FORM_CONSTRUCT, VQ_FORM_DESCRIBE } vq_form;

/* A result column holding GROUP_CONCAT(...; separator=S) that the engine
 * computed with its own separator over percent-encoded items. */
typedef struct vq_concat_col {
  char *var;
  char *sep; /* the separator, unescaped (UTF-8) */
} vq_concat_col;

/* One aggregate value, computed by its own query (see rewrite.c). */
typedef struct vq_agg_col {
  char *expr;   /* the aggregate expression for stage 1; NULL: computed
                 * by query.c from the 'd' column src */
  char kind;    /* 'c' count, 's' sum, 'm' min/max/sample, 'g' group_concat,
                 * 'd' the distinct values of an argument (group key in stage 1),
                 * 'n' the solutions per group (queries with GROUP BY) */
  size_t src;   /* for a computed column: its 'd' column */
  char var[48]; /* its variable in stage 2 */
  char *sep;    /* GROUP_CONCAT: the separator to decode with, or NULL */
} vq_agg_col;

typedef struct vq_plan {
  vq_form form;
  /* The text for rasqal (for DESCRIBE: a SELECT DISTINCT of the described
   * variables, or NULL when only IRIs are described). */
  char *text;
  /* The prefix of the variables the rewriting introduces: results drop
   * columns whose names start with it. */
  char hidden[24];
  /* SELECT that aggregates without GROUP BY: the same query over no
   * solutions, to run when the engine returns no row (it must give one). */
  char *empty_text;
  vq_concat_col *concat;
  size_t nconcat;
  /* The outermost sub-SELECTs as queries of their own, in order: their
   * answers go back to vq_plan_make() as VALUES blocks that replace them. */
  char **subs;
  size_t nsubs;
  long *sub_line, *sub_col; /* their positions in the user's text */
  size_t *sub_off, *sub_end; /* their text: [off, end) */
  /* An aggregate query, in two stages: text is the stage-1 template
   * (\x01 marks where each column's aggregate goes), stage2 the final query
   * (\x02 marks where the VALUES block goes); keys the group variables
   * (" ?a ?b"); distinct: stage 2 has DISTINCT (no group index column). */
  vq_agg_col *agg_cols;
  size_t nagg_cols;
  char *stage2;
  char *keys;
  int distinct;
  int grouped; /* the query has GROUP BY (stage 1 templates: \x04 extends it) */
  /* DESCRIBE: a SELECT giving the described IRIs (one column each), or NULL. */
  char *describe_iris;
} vq_plan;

/* Analyse and rewrite text (the user's query behind `shift` characters of
 * prefix declarations on line 1; error columns on line 1 are corrected by
 * it).  sub_values, when not NULL, has plan->nsubs VALUES clauses (the
 * answers of the sub-SELECTs, from a first pass).  graphs: the IRIs of the store's named graphs (NULL-terminated).
 * Returns VITAE_OK; VITAE_ERR_QUERY with err set for a refused
 * construct; VITAE_ERR_SYNTAX (err not set) when the text is not SPARQL
 * this analysis understands, for the caller to let rasqal report. */
vitae_status vq_plan_make(const char *text, size_t shift, const char *const *sub_values,
                          const char *const *graphs, vq_plan *plan, vitae_error *err);
void vq_plan_free(vq_plan *plan);

/* Decode what the GROUP_CONCAT rewrite produced: space-separated
 * percent-encoded items, joined again with sep.  Returns a new string. */
char *vq_concat_decode(const char *encoded, size_t len, const char *sep, size_t *out_len);

#endif
