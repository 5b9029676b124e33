/* Checking that bytes are UTF-8 text without NUL bytes, one byte at a time,
 * so that a file read in chunks (a sequence may straddle two) is checked as
 * it is read, with the line and column of the first bad character.  Used
 * where text goes to a library that does not check: raptor (RDF files) and
 * rasqal (SPARQL queries). */
#ifndef VITAE_CORE_UTF8_H
#define VITAE_CORE_UTF8_H

typedef struct vitae_utf8 {
  int need;             /* continuation bytes still expected */
  unsigned char lo, hi; /* the range of the next continuation byte */
  unsigned char lead;   /* the first byte of the sequence being read */
  long line, col;       /* of the character being read: 1-based; col counts characters */
  char why[80];         /* after a failure: what is wrong, one line */
} vitae_utf8;

void vitae_utf8_init(vitae_utf8 *u);
/* Reads one byte: 0, or -1 when it makes the text invalid (u->why, u->line,
 * u->col say what and where; the state is then undefined). */
int vitae_utf8_step(vitae_utf8 *u, unsigned char b);
/* At the end of the text: 0, or -1 when it ends inside a sequence. */
int vitae_utf8_end(vitae_utf8 *u);

#endif
