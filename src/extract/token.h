/* Tokens of a sentence: words, numbers and punctuation with byte spans into
 * the document text.  Names keep their inner hyphens and apostrophes
 * ("Kassym-Jomart", "O'Brien"), abbreviations their dots ("U.S."), numbers
 * their separators ("2,000", "13.5"); a possessive "'s" is its own token. */
#ifndef VITAE_EXTRACT_TOKEN_H
#define VITAE_EXTRACT_TOKEN_H

#include <stddef.h>
#include <stdint.h>

typedef enum vitae_token_kind { VITAE_TOK_WORD, VITAE_TOK_NUMBER, VITAE_TOK_PUNCT } vitae_token_kind;

enum {
  VITAE_TOKF_CAP = 1,      /* starts with an upper-case letter */
  VITAE_TOKF_ALLCAPS = 2,  /* two or more letters, all upper case (UN, NATO) */
  VITAE_TOKF_ABBREV = 4,   /* letters with dots: "U.S.", "F." */
  VITAE_TOKF_POSS = 8,     /* the possessive "'s" or "’s" (or a lone "'" after s) */
  VITAE_TOKF_DASH = 16     /* a hyphen, en dash or em dash standing alone */
};

typedef struct vitae_token {
  uint32_t begin, end; /* bytes [begin, end) of the document text */
  uint8_t kind;        /* vitae_token_kind */
  uint8_t flags;       /* VITAE_TOKF_* */
} vitae_token;

/* Tokenize text[begin, end).  Writes at most max tokens to out and returns
 * how many there are in all (so a caller can grow out and call again). */
size_t vitae_tokenize(const char *text, size_t begin, size_t end, vitae_token *out, size_t max);

/* Whether the token's text equals word, ignoring ASCII case.  Always
 * inlined, so that the length of a literal word is known at compile time
 * and compared first (GCC otherwise kept out-of-line copies measuring it at
 * every call, over a million calls per MB of text); a word known only at
 * run time (from a list) is compared and measured in one pass instead. */
static inline char vitae_token__lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

__attribute__((always_inline))
static inline int vitae_token_is(const char *text, const vitae_token *t, const char *word) {
  size_t n = t->end - t->begin;
  if (__builtin_constant_p(__builtin_strlen(word)) && n != __builtin_strlen(word)) return 0;
  for (size_t i = 0; i < n; i++)
    if (!word[i] || vitae_token__lower(text[t->begin + i]) != vitae_token__lower(word[i])) return 0;
  return word[n] == '\0';
}

/* Copy the token's text lower-cased (ASCII and common Latin/Cyrillic
 * letters) into buf (size n, always NUL-terminated); returns buf. */
char *vitae_token_lower(const char *text, const vitae_token *t, char *buf, size_t n);

#endif
