/* Paragraphs, headings and sentences of a document, as byte spans into its
 * vitae_text.  Later stages scope what they find by these: a date or an
 * office is read within a sentence, and a section heading ("Presidency",
 * "Chairman of the Senate (2007–2011, 2013–2019)", "2019") tells them
 * which part of a life a sentence is about.
 *
 * The rules (all general; no word of any particular text):
 *  - Paragraphs.  The genre (Wikipedia-style plain text) writes one
 *    paragraph per line, so every line break ends a paragraph, and blank
 *    lines are ignored.  Exception, for hard-wrapped text: a line starting
 *    with a lowercase letter continues the paragraph before it.
 *  - Headings.  A paragraph of one line, at most VITAE_HEADING_MAX_WORDS
 *    words and VITAE_HEADING_MAX_BYTES bytes, beginning with a letter that is
 *    not lowercase or with a digit, and not ending in sentence punctuation
 *    (. ! ? : ; , …, also before closing quotes, brackets and citation marks).  Section titles
 *    in the genre are short noun phrases ("Early life and education",
 *    "Director-General of the U.N. Office at Geneva", "2019"), while prose
 *    lines end in a full stop.  Words, not bytes, are the main limit because
 *    non-Latin scripts take two or three bytes a letter; the byte limit only
 *    guards against very long unpunctuated lines.  Lines starting with a
 *    list bullet (* - • ·) are never headings.  The document's first line is
 *    its title (level 0) when it has this shape; other headings are level 1
 *    (plain text does not say how sections nest).  Headings are not
 *    sentences.
 *  - Sentences end at . ! ? (with following closing quotes, brackets and
 *    citation marks such as "[12]" kept in the sentence) followed by
 *    whitespace and then an uppercase or caseless letter, a digit, an opening
 *    quote or an opening bracket, and at the end of a paragraph.  There is
 *    no break
 *      - inside a matched pair of parentheses or square brackets (an
 *        unmatched one is ignored, so a stray "(" cannot swallow the rest of
 *        a paragraph);
 *      - inside numbers ("13.5%", "3.2 million": no whitespace follows);
 *      - after an ellipsis ("..", "...");
 *      - after an abbreviation from the run-time table ("Dr.", "U.N."),
 *        after a single-letter initial ("John F. Kennedy", "J. R. R."), or
 *        after any dotted initialism of single letters ("U.S.S.R.", "p.m."),
 *    unless the next word is a common sentence starter (He, She, They,
 *    The, In, After, ... a fixed list in sentence.c).  So "the U.S. He moved"
 *    breaks, but "U.S. Secretary of State" and "at the U.N. Secretary" do
 *    not: the ambiguity is resolved by the word that follows, because
 *    pronouns, articles and prepositions almost never follow an
 *    abbreviation inside a sentence, while titles and names often do.
 *
 * Ownership: vitae_sentence_split() hands a new vitae_sentences to the
 * caller (vitae_sentences_free); the records returned by the accessors are
 * borrowed from it.  It keeps no pointer to the text or the table.
 * Linear time in the size of the text. */
#ifndef VITAE_EXTRACT_SENTENCE_H
#define VITAE_EXTRACT_SENTENCE_H

#include <stddef.h>

#include "core/error.h"
#include "core/status.h"
#include "extract/text.h"

#define VITAE_HEADING_MAX_WORDS 12
#define VITAE_HEADING_MAX_BYTES 160

/* ---------- abbreviations ---------- */

typedef struct vitae_sentence_abbrevs vitae_sentence_abbrevs;

/* A table of abbreviations after which a period does not end a sentence,
 * filled from n strings (list may be NULL when n is 0), e.g. the lines of
 * ontology/gazetteer/abbreviations.txt.  Entries are matched exactly
 * (case-sensitive) against the word ending in the period, without any
 * opening bracket or quote before it; a trailing '.' is added to entries
 * that lack one.  The caller owns the table (vitae_sentence_abbrevs_free). */
vitae_status vitae_sentence_abbrevs_new(const char *const *list, size_t n,
                                        vitae_sentence_abbrevs **out);
/* Adds one entry (copied).  Empty strings are ignored. */
vitae_status vitae_sentence_abbrevs_add(vitae_sentence_abbrevs *abbrevs, const char *s,
                                        size_t len);
/* 1 if s[0, len) is in the table (NULL table: never). */
int vitae_sentence_abbrevs_contains(const vitae_sentence_abbrevs *abbrevs, const char *s,
                                    size_t len);
/* Frees the table; NULL is a no-op. */
void vitae_sentence_abbrevs_free(vitae_sentence_abbrevs *abbrevs);

/* ---------- the split ---------- */

typedef struct vitae_sentence_span {
  size_t begin, end; /* bytes [begin, end) */
} vitae_sentence_span;

typedef struct vitae_sentence {
  size_t begin, end; /* bytes [begin, end) of the text, trimmed of whitespace */
  size_t paragraph;  /* 0-based index of its paragraph (headings count too) */
  long heading;      /* index of the last heading before it, or -1 */
} vitae_sentence;

typedef struct vitae_heading {
  size_t begin, end; /* bytes [begin, end) of the text, trimmed */
  size_t paragraph;  /* its paragraph index */
  int level;         /* 0 for the document title, 1 otherwise */
} vitae_heading;

typedef struct vitae_sentences vitae_sentences;

/* Splits text into paragraphs, headings and sentences (rules above).
 * abbrevs may be NULL (then only initials and dotted initialisms are
 * recognised).  On failure (out of memory) *out is NULL. */
vitae_status vitae_sentence_split(const vitae_text *text, const vitae_sentence_abbrevs *abbrevs,
                                  vitae_sentences **out, vitae_error *err);

size_t vitae_sentences_count(const vitae_sentences *s);
/* The i-th sentence in text order, or NULL when i is out of range. */
const vitae_sentence *vitae_sentences_get(const vitae_sentences *s, size_t i);
size_t vitae_sentences_heading_count(const vitae_sentences *s);
/* The h-th heading in text order, or NULL when h is out of range. */
const vitae_heading *vitae_sentences_heading(const vitae_sentences *s, size_t h);
size_t vitae_sentences_paragraph_count(const vitae_sentences *s);
/* The p-th paragraph's trimmed span, or NULL when p is out of range. */
const vitae_sentence_span *vitae_sentences_paragraph(const vitae_sentences *s, size_t p);
/* Frees the split; NULL is a no-op. */
void vitae_sentences_free(vitae_sentences *s);

/* ---------- citations ---------- */

/* Finds Wikipedia-style citation marks in s[0, len): "[12]", "[a]",
 * "[note 3]", "[citation needed]" -- a '[' followed by 1 to 40 ASCII
 * lowercase letters, digits and spaces, and ']'.  (Square brackets holding
 * anything else, such as IPA transcriptions, are not citations.)  Stores at
 * most max spans (relative to s) and returns how many there are in all. */
size_t vitae_sentence_citations(const char *s, size_t len, vitae_sentence_span *out, size_t max);

#endif
