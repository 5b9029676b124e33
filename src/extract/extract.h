/* The extractor: an English biography in, RDF facts with provenance out.
 *
 *   reading (text.c) -> sentences (sentence.c) -> tokens (token.c) ->
 *   mentions (mention.c: dates, offices, people, places, organisations) ->
 *   relations (rules.c + relate.c: rule tables in ontology/rules/) ->
 *   tenures and succession (tenure.c) -> triples (emit.c)
 *
 * It knows nothing of librdf: triples go to a callback, so `vitae extract`
 * can stream, and the rules can be tested and fuzzed in plain C.  All its
 * knowledge of the world comes from data files under ontology/. */
#ifndef VITAE_EXTRACT_EXTRACT_H
#define VITAE_EXTRACT_EXTRACT_H

#include <stddef.h>

#include "core/error.h"
#include "extract/text.h"

typedef struct vitae_extractor vitae_extractor;

/* Load the lexicon and the rules from datadir (the directory holding
 * ontology/).  The caller frees *out with vitae_extractor_free(); one
 * extractor serves any number of documents. */
vitae_status vitae_extractor_new(const char *datadir, vitae_extractor **out, vitae_error *err);
void vitae_extractor_free(vitae_extractor *ex);

typedef enum vitae_term_kind { VITAE_TERM_IRI, VITAE_TERM_BLANK, VITAE_TERM_LITERAL } vitae_term_kind;

/* A term handed to the triple callback; the strings are borrowed for the
 * duration of the call. */
typedef struct vitae_term {
  vitae_term_kind kind;
  const char *value;    /* IRI, blank node label, or literal text */
  const char *datatype; /* literals: datatype IRI or NULL */
  const char *lang;     /* literals: language tag or NULL */
} vitae_term;

/* Receives each triple; returns 0 to go on, non-zero to stop (an error). */
typedef int (*vitae_triple_fn)(void *ctx, const vitae_term *s, const vitae_term *p,
                               const vitae_term *o);

typedef struct vitae_extract_options {
  const char *base;        /* IRI base, default VITAE_DEFAULT_BASE */
  const char *subject;     /* the person the text is about; NULL: from its title */
  const char *source_name; /* vt:sourceFile; NULL: the text's name */
} vitae_extract_options;

typedef struct vitae_extract_stats {
  size_t sentences, entities, facts, triples;
} vitae_extract_stats;

/* Extract one document.  stats may be NULL. */
vitae_status vitae_extract_document(const vitae_extractor *ex, const vitae_text *text,
                                    const vitae_extract_options *opt, vitae_triple_fn fn,
                                    void *ctx, vitae_extract_stats *stats, vitae_error *err);

#endif
