/* The extractor's general knowledge, loaded at run time from the data files
 * under ontology/ (gazetteer/ *.tsv files, lexicon/words.tsv): countries and their
 * adjectives, places, languages, organisations and their name patterns,
 * office titles, kinship words, function words and modality cues.
 *
 * Every surface form is indexed by its lower-cased token sequence, so the
 * mention finder asks "what starts at this token?" and gets the longest
 * match.  Ownership: the lexicon owns all its strings; pointers it returns
 * live until vitae_lexicon_free(). */
#ifndef VITAE_EXTRACT_LEXICON_H
#define VITAE_EXTRACT_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "extract/token.h"

typedef enum vitae_lex_kind {
  VITAE_LEX_COUNTRY = 1, /* a country's name: id -> country */
  VITAE_LEX_DEMONYM,     /* an adjective: id -> country */
  VITAE_LEX_PLACE,       /* a city or region: id -> place */
  VITAE_LEX_LANGUAGE,    /* id -> language */
  VITAE_LEX_ORG,         /* a known organisation: id -> org */
  VITAE_LEX_TITLE,       /* an office title: id -> title */
  VITAE_LEX_KIN,         /* a kinship word: id -> kin */
  VITAE_LEX_ORG_HEAD,    /* a word ending an organisation's name ("University"): id -> class */
  VITAE_LEX_ORG_PREFIX,  /* words starting one ("Ministry of"): id -> class */
  VITAE_LEX_WORD         /* a word of lexicon/words.tsv: id -> word class bits */
} vitae_lex_kind;

/* Classes of lexicon/words.tsv (bits, a word may have several). */
enum {
  VITAE_WORD_FUNCTION = 1,     /* never part of a name, even capitalised */
  VITAE_WORD_NEGATION = 2,     /* "not", "never": no fact */
  VITAE_WORD_MODAL = 4,        /* "would", "proposed", "declined": no fact */
  VITAE_WORD_HONORIFIC = 8,    /* "Dame", "Sir", "Dr.": before a person's name */
  VITAE_WORD_PLACE_HEAD = 16,  /* "Region", "Province", "Hospital": ends a place name */
  VITAE_WORD_TREATY_HEAD = 32, /* "Treaty", "Agreement": makes a treaty name */
  VITAE_WORD_OFFICE_MOD = 64,  /* "Deputy", "First", "Vice": before a title */
  VITAE_WORD_ACTING = 128,     /* "acting", "interim" */
  VITAE_WORD_FORMER = 256,     /* "former", "then", "ex-" */
  VITAE_WORD_NAME_PARTICLE = 512, /* "van", "de", "bin": inside a person's name */
  VITAE_WORD_PRONOUN_MALE = 1024,
  VITAE_WORD_PRONOUN_FEMALE = 2048,
  VITAE_WORD_PLACE_PREP = 4096, /* "in", "at", "near": a place may follow */
  VITAE_WORD_COMMON = 8192,     /* an English word that is not also a proper noun */
  VITAE_WORD_GENERIC_TITLE = 16384, /* "Minister", "Secretary": no office without a complement */
  VITAE_WORD_PLACE_START = 32768,   /* "Mount", "Lake", "Port": begins a place's name */
  VITAE_WORD_THING_HEAD = 65536,    /* "Prize", "Programme", "War": names a thing, no person */
  VITAE_WORD_HEAD_TITLE = 131072,   /* "President", "Prime Minister": heads of state or government */
  VITAE_WORD_APPOINT_VERB = 262144, /* "appointed", "made": "X appointed Y OFFICE" puts Y in office */
  VITAE_WORD_PERSON_VERB = 524288,  /* "succeeding", "defeated": a person's name follows */
  VITAE_WORD_PAST_VERB = 1048576,   /* "made", "took": a past tense without -ed, begins a clause after "and" */
  VITAE_WORD_MEET_VERB = 2097152    /* "met", "received", "with": a person met follows */
};

typedef struct vitae_lex_country {
  const char *slug, *label;
  int former;
  int territory; /* a dependent territory: a place, not a sovereign state */
} vitae_lex_country;

typedef struct vitae_lex_place {
  const char *slug, *label;
  int country; /* index into countries, -1 when unknown */
  int region;  /* a region rather than a city */
} vitae_lex_place;

typedef struct vitae_lex_language {
  const char *slug, *label;
  const char *code; /* ISO 639-1 where there is one ("kk"), else 639-3 or "" */
} vitae_lex_language;

typedef struct vitae_lex_org {
  const char *slug, *label, *cls; /* cls: ontology class local name */
} vitae_lex_org;

typedef struct vitae_lex_title {
  const char *title;     /* as the table writes it: "Foreign Minister" */
  const char *canonical; /* "Minister of Foreign Affairs" */
  const char *scope;     /* country, organization, region, city, legislature, ... */
} vitae_lex_title;

typedef struct vitae_lex_kin {
  const char *word;     /* "father" */
  const char *relation; /* parent, child, spouse, sibling, relative */
  char gender;          /* 'm', 'f' or '?' */
} vitae_lex_kin;

typedef struct vitae_lex_match {
  uint8_t kind;     /* vitae_lex_kind */
  uint32_t id;      /* index into the kind's table, or class bits for WORD */
  size_t ntokens;   /* how many tokens the match covers */
} vitae_lex_match;

typedef struct vitae_lexicon vitae_lexicon;

/* Load every data file from datadir (the directory holding ontology/).
 * The caller frees *out with vitae_lexicon_free(). */
vitae_status vitae_lexicon_load(const char *datadir, vitae_lexicon **out, vitae_error *err);
void vitae_lexicon_free(vitae_lexicon *lex);

/* All entries whose surface form starts at tok[0], longest first; writes up
 * to max matches and returns how many were found.  Case: forms written in
 * capitals ("US", "UN") only match the same capitals; others ignore case. */
size_t vitae_lexicon_lookup(const vitae_lexicon *lex, const char *text, const vitae_token *tok,
                            size_t ntok, vitae_lex_match *out, size_t max);

/* The longest match of one kind at tok[0] (0 tokens when none). */
vitae_lex_match vitae_lexicon_longest(const vitae_lexicon *lex, const char *text,
                                      const vitae_token *tok, size_t ntok, vitae_lex_kind kind);

/* Word classes of a phrase of one or more words ("Prime Minister"): those
 * of an entry of lexicon/words.tsv equal to it, else 0. */
unsigned vitae_lexicon_phrase_class(const vitae_lexicon *lex, const char *phrase);

/* Word classes of a single token (0 when it is none of them). */
unsigned vitae_lexicon_word_class(const vitae_lexicon *lex, const char *text, const vitae_token *tok);

const vitae_lex_country *vitae_lexicon_country(const vitae_lexicon *lex, uint32_t id);
const vitae_lex_place *vitae_lexicon_place(const vitae_lexicon *lex, uint32_t id);
const vitae_lex_language *vitae_lexicon_language(const vitae_lexicon *lex, uint32_t id);
const vitae_lex_org *vitae_lexicon_org(const vitae_lexicon *lex, uint32_t id);
const vitae_lex_title *vitae_lexicon_title(const vitae_lexicon *lex, uint32_t id);
const vitae_lex_kin *vitae_lexicon_kin(const vitae_lexicon *lex, uint32_t id);
/* The ontology class of ORG_HEAD/ORG_PREFIX ids. */
const char *vitae_lexicon_org_class(const vitae_lexicon *lex, uint32_t id);
/* Month names for the date parser, as loaded from gazetteer/months.tsv:
 * calls add(ctx, number, name) for each. */
void vitae_lexicon_each_month(const vitae_lexicon *lex, void (*add)(void *ctx, int month, const char *name),
                              void *ctx);
/* Abbreviations for the sentence splitter (gazetteer/abbreviations.txt). */
size_t vitae_lexicon_abbreviations(const vitae_lexicon *lex, const char *const **out);

#endif
