/* vitae_virtuoso: a Virtuoso server as a vitae store, over HTTP.
 *
 * Spec: virtuoso:HOST[:PORT][,user=NAME][,password-file=PATH]
 *   PORT is Virtuoso's HTTP port (default 8890).  Writes need an account
 *   with SPARQL_UPDATE rights (dba on a fresh database); they go to the
 *   digest-authenticated endpoints.  Without user=, only reading works.
 *   The password is read from the first line of PATH, never from the
 *   command line (where `ps` would show it).
 *
 * Why HTTP (libcurl) and not librdf's virtuoso storage (ODBC): librdf adds
 * one statement per round trip (1.5k triples/s), and its SPARQL pass-through
 * is broken in librdf 1.0.17.  Over HTTP a whole graph goes in one request
 * (Graph Store Protocol, /sparql-graph-crud-auth), and queries run inside
 * Virtuoso (/sparql; form POST: a direct application/sparql-query POST hangs
 * Virtuoso 7.2, openlink/virtuoso-opensource#842).
 *
 * Graphs: every named graph vitae writes is listed in a catalog graph
 * (VITAE_VIRTUOSO_CATALOG: <g> a sd:Graph), so that vitae's dataset is what
 * it loaded, not Virtuoso's system graphs nor other users' data on the
 * same server.  Queries get that dataset through the protocol's
 * default-graph-uri / named-graph-uri parameters. */
#ifndef VITAE_STORE_VIRTUOSO_H
#define VITAE_STORE_VIRTUOSO_H

#include <stddef.h>

#include "core/error.h"

#define VITAE_VIRTUOSO_CATALOG "https://w3id.org/vitae/graph/catalog"

typedef struct vitae_virtuoso vitae_virtuoso;

/* Whether a --store spec names a Virtuoso server. */
int vitae_virtuoso_is_spec(const char *spec);

/* Parse the spec, read the password file, check that the server answers.
 * The caller frees *out with vitae_virtuoso_free().  Errors name the
 * server: "virtuoso:127.0.0.1:8890: cannot connect: ...". */
vitae_status vitae_virtuoso_open(const char *spec, vitae_virtuoso **out, vitae_error *err);
void vitae_virtuoso_free(vitae_virtuoso *v);

/* "virtuoso:HOST:PORT", for messages and `vitae stats`. */
const char *vitae_virtuoso_name(const vitae_virtuoso *v);

/* Whether the spec gave an account (writes need one). */
int vitae_virtuoso_can_write(const vitae_virtuoso *v);

/* ---- graphs (Graph Store Protocol) ---- */

/* Replace graph_iri with the N-Triples in data (len bytes), in one request,
 * and list it in the catalog. */
vitae_status vitae_virtuoso_put_graph(vitae_virtuoso *v, const char *graph_iri, const char *data,
                                      size_t len, vitae_error *err);

/* Remove graph_iri and its catalog entry; VITAE_ERR_NOTFOUND when vitae's
 * catalog does not list it. */
vitae_status vitae_virtuoso_drop_graph(vitae_virtuoso *v, const char *graph_iri, vitae_error *err);

/* The graph as N-Triples: *data (NUL-terminated, caller frees), *len. */
vitae_status vitae_virtuoso_get_graph(vitae_virtuoso *v, const char *graph_iri, char **data,
                                      size_t *len, vitae_error *err);

/* The N-Triples this handle last wrote into graph_iri with put_graph
 * (borrowed: valid until the handle writes or drops that graph again, or is
 * freed), or NULL.  A load feeds its inference what it has just sent
 * instead of reading it back from the server. */
const char *vitae_virtuoso_written(const vitae_virtuoso *v, const char *graph_iri, size_t *len);

/* The graphs of the catalog, sorted; NULL-terminated, free with
 * vitae_store_free_list() (store.h) or free() each and the array. */
vitae_status vitae_virtuoso_list_graphs(vitae_virtuoso *v, char ***out, vitae_error *err);

/* ---- SPARQL ---- */

/* Run a query inside Virtuoso over vitae's dataset (every catalog graph as
 * default graph and as named graph).  accept is the media type asked for;
 * *body (NUL-terminated, caller frees) and *len receive the answer.
 * Virtuoso's error text becomes a VITAE_ERR_QUERY message. */
vitae_status vitae_virtuoso_query(vitae_virtuoso *v, const char *query, const char *accept,
                                  char **body, size_t *len, vitae_error *err);

/* The number of triples in one graph (a COUNT inside Virtuoso). */
vitae_status vitae_virtuoso_count(vitae_virtuoso *v, const char *graph_iri, unsigned long *out,
                                  vitae_error *err);

#endif
