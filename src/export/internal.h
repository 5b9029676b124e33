/* What the writers of src/export share (not a public header): the sorted
 * statement items, the byte-buffer helpers and the IRI forms of export.c,
 * so that JSON-LD (jsonld.c) and Graphviz (dot.c) come out in the same
 * deterministic order as Turtle. */
#ifndef VITAE_EXPORT_INTERNAL_H
#define VITAE_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>
#include <raptor2.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/vocab.h"

#define KEY_SEP '\1'
#define RDF_TYPE RDF_NS "type"

/* A statement with its sort key: the N-Triples forms of graph, subject,
 * predicate and object joined by KEY_SEP (see export.c). */
typedef struct xp_item {
  raptor_statement *st;
  union {
    size_t off;      /* while the arena grows */
    const char *ptr; /* once it is final */
  } key;
  size_t idx; /* input position: breaks ties, so the order never depends on qsort */
} xp_item;

/* Fill items (sorted; keys in arena, which must outlive them) and reorder
 * statements to match.  with_graph: whether the graph is part of the key. */
vitae_status xp_sort_items(raptor_statement **statements, size_t n, int with_graph,
                           xp_item *items, vitae_buf *arena, vitae_error *err);
/* The i-th field (0 graph, 1 subject, 2 predicate, 3 object) of a key. */
const char *xp_key_field(const char *key, int i, size_t *len);
int xp_same_field(const xp_item *a, const xp_item *b, int field);
/* Index of the next item after i that is not a duplicate of i. */
size_t xp_next_distinct(const xp_item *items, size_t n, size_t i);

/* Appending; 1 on success, 0 when out of memory. */
int xp_put(vitae_buf *b, const char *s, size_t n);
int xp_puts(vitae_buf *b, const char *s);
/* The length of the well-formed UTF-8 sequence (no overlong forms, no
 * surrogates, nothing above U+10FFFF) at s[0..n), n > 0; 0 if there is none. */
size_t xp_utf8_seq(const unsigned char *s, size_t n);
/* A blank node label made of [A-Za-z0-9_] only, reversibly (export.c). */
int xp_put_label(vitae_buf *b, const unsigned char *s, size_t n);

/* The contract prefix under which the IRI s[0..n) has a local name every
 * reader agrees on, or NULL (then the IRI is written in full). */
const vitae_prefix *xp_prefix_for(const char *s, size_t n);
int xp_is_rdf_type(const raptor_term *t);
/* The same of a term's N-Triples form nt[0..n). */
int xp_nt_is_rdf_type(const char *nt, size_t n);
/* The N-Triples forms of an IRI ("<...>") and of a literal's quoted text
 * ("\"...\"", to which "@lang" or "^^<dt>" may follow), escaped. */
int xp_put_nt_iri(vitae_buf *b, const char *s, size_t n);
int xp_put_nt_literal(vitae_buf *b, const char *s, size_t n);
/* The same of NUL-terminated strings, faster when nothing needs an escape. */
int xp_put_nt_iri_z(vitae_buf *b, const char *s);
int xp_put_nt_literal_z(vitae_buf *b, const char *s);

/* Write b to out and empty it. */
vitae_status xp_write_buf(vitae_buf *b, FILE *out, vitae_error *err);
vitae_status xp_nomem(vitae_error *err);

/* The JSON-LD writer (jsonld.c): the opening of the document (@context and
 * the start of @graph), the top-level objects of sorted items (each named
 * graph as {"@id": g, "@graph": [...]}), and the end.  Items are checked
 * before anything is written; then the opening is written unless *begun,
 * which is set.  *objects counts the top-level objects written so far, to
 * separate them with commas. */
vitae_status xp_jsonld_begin(FILE *out, vitae_error *err);
vitae_status xp_jsonld_items(const xp_item *items, size_t n, int *begun, size_t *objects,
                             FILE *out, vitae_error *err);
vitae_status xp_jsonld_end(size_t objects, FILE *out, vitae_error *err);

/* The Graphviz writer (dot.c): one digraph of the sorted items. */
vitae_status xp_dot_write(const xp_item *items, size_t n, FILE *out, vitae_error *err);

#endif
