/* Writing librdf's hashes storage (Berkeley DB) directly, in key order.
 *
 * librdf's hashes storage with contexts keeps four BDB B-trees with
 * unsorted duplicates: sp2o, po2s and so2p (key: two terms of a triple;
 * value: the third and the graph) and contexts (key: the graph; value: the
 * triple).  librdf writes them one statement at a time, each put a search
 * from the root into a 256 KB cache: a load spends its time moving pages in
 * and out.  Here a batch of statements becomes, for each file in turn, its
 * (key, value) records sorted by key, written in that order through a handle
 * with a cache of its own; keys and values are made by librdf's own
 * encoders (librdf_statement_encode_parts2, librdf_node_encode), exactly as
 * librdf_storage_hashes_context_add_statement makes them, so the files are
 * the ones librdf would have written: librdf and rdfproc read them as their
 * own.  Duplicates of one key keep the order of the batch, as librdf's
 * appends would.
 *
 * Failures are reported, never swallowed: every put, delete, sync and close
 * is checked (librdf ignores what BDB's sync and close return, so that a
 * write that cannot reach the disk, e.g. past a file-size limit, would go
 * unnoticed at a flush).  The caller owns the atomicity: these files are a
 * working generation (store.h) that is thrown away when anything fails.
 *
 * Without Berkeley DB's header at build time (HAVE_DB_H) vitae_bulk_open()
 * fails with VITAE_ERR_UNSUPPORTED and callers use librdf. */
#ifndef VITAE_STORE_BULK_H
#define VITAE_STORE_BULK_H

#include <stddef.h>
#include <librdf.h>

#include "core/error.h"

typedef struct vitae_bulk vitae_bulk;

/* Open the files DIR/NAME-sp2o.db, -po2s.db, -so2p.db and -contexts.db
 * (created by librdf before: the storage must have been opened once) for
 * writing, each with a cache of cache_bytes (0: Berkeley DB's default).
 * Nothing else may have them open meanwhile.  *out is the caller's, closed
 * with vitae_bulk_close(). */
vitae_status vitae_bulk_open(librdf_world *world, const char *dir, const char *name,
                             size_t cache_bytes, vitae_bulk **out, vitae_error *err);

/* Flush every file and close it; 0, or an errno value (the first failure)
 * when something could not be written.  NULL is allowed (returns 0). */
int vitae_bulk_close(vitae_bulk *b);

/* Flush every file to the kernel; 0 or an errno value. */
int vitae_bulk_sync(vitae_bulk *b);

/* Add statements, each into the graph its own graph term names (which must
 * be an IRI), in this order: no duplicate check (as librdf's
 * context_add_statement).  An incomplete statement (a subject that is not an
 * IRI or blank node, a predicate that is not an IRI) is refused, as librdf
 * refuses it.  0, or an errno value (EINVAL for a refused statement). */
int vitae_bulk_add(vitae_bulk *b, raptor_statement *const *statements, size_t n);

/* Remove statements, each from the graph its graph term names: one stored
 * copy per statement given; statements not stored are skipped.  0 or an
 * errno value. */
int vitae_bulk_remove(vitae_bulk *b, raptor_statement *const *statements, size_t n);

/* Call fn for every statement of one graph (graph != NULL), or of every
 * graph but skip (graph == NULL; skip may be NULL), in the stored order.
 * The statement passed is borrowed for the call only: its graph term is
 * set.  fn returns 0 to go on, non-zero to stop (which is returned).
 * 0 at the end, or an errno value. */
typedef int (*vitae_bulk_fn)(void *user, raptor_statement *statement);
int vitae_bulk_read(vitae_bulk *b, raptor_term *graph, raptor_term *skip, vitae_bulk_fn fn,
                    void *user);

/* The same as vitae_bulk_read(b, NULL, skip, fn, user), without reading
 * the files, when they were empty at vitae_bulk_open() and nothing was
 * removed since: every statement added, in the order added.  ENOENT when
 * that is not so (read the files then).  Once only: later calls read the
 * files (and later statements are not kept).  A load into a fresh store
 * thus hands its statements to inference instead of decoding them again. */
int vitae_bulk_read_session(vitae_bulk *b, raptor_term *skip, vitae_bulk_fn fn, void *user);

/* A list of statements, e.g. gathered by a vitae_bulk_fn: each a copy
 * that shares the terms of the one added (counted references); the list
 * owns them.  Start it as {world, NULL, 0, 0}. */
typedef struct vitae_bulk_list {
  raptor_world *rw;
  raptor_statement **items;
  size_t n, cap;
} vitae_bulk_list;
/* 0, or ENOMEM. */
int vitae_bulk_list_add(vitae_bulk_list *list, const raptor_statement *statement);
void vitae_bulk_list_free(vitae_bulk_list *list);

/* Remove every statement of a graph; *removed (may be NULL) counts them.
 * 0 or an errno value. */
int vitae_bulk_clear_graph(vitae_bulk *b, raptor_term *graph, size_t *removed);

#endif
