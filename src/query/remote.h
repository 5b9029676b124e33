/* Running SPARQL inside a Virtuoso server (store/virtuoso.h).
 *
 * The query goes to Virtuoso as written (with the contract's prefixes
 * added), so property paths, NOT EXISTS, MINUS, sub-SELECTs and aggregates
 * run natively there; none of the rewriting or refusals that rasqal needs
 * (query.h) apply.  The answer comes back as SPARQL XML results (SELECT,
 * ASK) or N-Triples (CONSTRUCT, DESCRIBE) and becomes a vitae_result, so
 * that every output format of the embedded store is written the same way.
 * Only the four query forms are accepted: an update or a Virtuoso DEFINE
 * is refused before anything is sent. */
#ifndef VITAE_QUERY_REMOTE_H
#define VITAE_QUERY_REMOTE_H

#include <librdf.h>

#include "core/error.h"
#include "query/query.h"
#include "store/virtuoso.h"

/* Run sparql on the server; world makes the result's nodes.  The caller
 * frees *out with vitae_result_free(). */
vitae_status vitae_query_exec_virtuoso(vitae_virtuoso *v, librdf_world *world, const char *sparql,
                                       vitae_result **out, vitae_error *err);

#endif
