/* A tokenizer for SPARQL 1.1 query text.  It knows strings (all four quote
 * forms, with escapes), IRIs, prefixed names, variables, blank node labels,
 * numbers, language tags, keywords and operators, and skips whitespace and
 * comments, so that the analysis of a query never mistakes text inside a
 * string, an IRI or a comment for syntax. */
#ifndef VITAE_QUERY_LEX_H
#define VITAE_QUERY_LEX_H

#include <stddef.h>

typedef enum vq_ttype {
  VQ_EOF,
  VQ_IRI,     /* <...> */
  VQ_PNAME,   /* prefix:local, prefix:, :local */
  VQ_VAR,     /* ?x or $x */
  VQ_BNODE,   /* _:label */
  VQ_STRING,  /* "...", '...', """...""", '''...''' */
  VQ_NUMBER,  /* 1, -1.5, 2e3, +4 */
  VQ_LANGTAG, /* @en-GB */
  VQ_WORD,    /* a keyword, a built-in function name, true/false, a */
  VQ_PUNCT,   /* { } ( ) [ ] . , ; * + - / | ^ ! = != < > <= >= && || ^^ ? */
  VQ_BAD      /* something the lexer cannot read (an unterminated string...) */
} vq_ttype;

typedef struct vq_token {
  vq_ttype type;
  size_t off, len; /* in the text */
  long line, col;  /* 1-based; col counts characters */
} vq_token;

typedef struct vq_tokens {
  vq_token *v; /* ends with a VQ_EOF token */
  size_t n;    /* including the VQ_EOF token */
  const char *text;
} vq_tokens;

/* The longest language tag a node may have: raptor 2.0.15 keeps its length
 * in a byte, and a longer one overruns the buffer it copies it into.  Query
 * text with one is refused (rewrite.c), STRLANG gives an error for one, and
 * a literal with one converts to no node at all (engine.c). */
#define VQ_MAX_LANG_BYTES 255

/* Tokenize text.  Returns 0, or -1 when out of memory.  A VQ_BAD token
 * stops the list (it is followed by VQ_EOF). */
int vq_lex(const char *text, vq_tokens *out);
void vq_tokens_free(vq_tokens *t);

/* Whether token t is the word w (case-insensitive) or the operator w. */
int vq_is_word(const vq_tokens *t, size_t i, const char *w);
int vq_is_punct(const vq_tokens *t, size_t i, const char *p);

#endif
