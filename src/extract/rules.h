/* A small pattern language for relation rules, kept in data files
 * (ontology/rules/ files) rather than in code.
 *
 * A sentence is seen as a sequence of items: mentions (a person, a date, an
 * office, ...) and the plain tokens between them.  A rule line is
 *
 *     RELATION  ELEMENT ELEMENT ...  [=> FLAG FLAG ...]
 *
 * with elements:
 *     word          a token, case-insensitive ("born", ",", "(", "'s")
 *     a|b|c         any one of these tokens
 *     @TYPE:slot    a mention of TYPE bound to slot; TYPE is PERSON, PRONOUN,
 *                   WHO (person or pronoun), COUNTRY, DEMONYM, PLACE, GPE
 *                   (place or country), ORG, OFFICE, DATE, LANG, KIN, TREATY,
 *                   or several joined by '|' (@ORG|PLACE:o); slots: s o
 *                   office date by place kin end
 *     X?            the element X is optional
 *     ...  ..N      skip up to 8 (or N) items, as few as possible, never
 *                   across ';' or ", and" (gaps longer than 8 may), nor over
 *                   a mention that could fill the slot next to the gap
 *     ~N            skip up to N plain words, no mention at all
 *     ^  $          the start / end of the sentence (first / last element)
 *
 * FLAGS after "=>" are free words handed to the relation's handler (e.g.
 * "acting", "end", "single": no expansion over coordinated names).  '#' starts a comment.  Ownership: a rule set owns its
 * strings; free it with vitae_rules_free(). */
#ifndef VITAE_EXTRACT_RULES_H
#define VITAE_EXTRACT_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "extract/token.h"

/* Item types: 0 is a plain token, the others are mentions. */
typedef enum vitae_item_type {
  VITAE_ITEM_TOKEN = 0,
  VITAE_ITEM_PERSON,
  VITAE_ITEM_PRONOUN,
  VITAE_ITEM_COUNTRY,
  VITAE_ITEM_DEMONYM,
  VITAE_ITEM_PLACE,
  VITAE_ITEM_ORG,
  VITAE_ITEM_OFFICE,
  VITAE_ITEM_DATE,
  VITAE_ITEM_LANG,
  VITAE_ITEM_KIN,
  VITAE_ITEM_TREATY,
  VITAE_ITEM_TYPES
} vitae_item_type;

typedef enum vitae_slot {
  VITAE_SLOT_S = 0,
  VITAE_SLOT_O,
  VITAE_SLOT_OFFICE,
  VITAE_SLOT_DATE,
  VITAE_SLOT_BY,
  VITAE_SLOT_PLACE,
  VITAE_SLOT_KIN,
  VITAE_SLOT_END, /* a second date: where a tenure ends */
  VITAE_SLOTS
} vitae_slot;

typedef struct vitae_item {
  uint8_t type;     /* vitae_item_type */
  uint32_t tok;     /* the first token (index in the sentence's tokens) */
  uint32_t ntok;    /* how many tokens */
  int32_t ref;      /* the mention, for mention items; -1 for tokens */
} vitae_item;

typedef struct vitae_rule_match {
  const char *relation; /* the rule's relation name */
  const char *flags;    /* the words after "=>", space-separated, or "" */
  long line;            /* the rule's line in its file, for tracing */
  int32_t slot[VITAE_SLOTS]; /* item index bound to each slot, -1 when unbound */
  size_t first, last;   /* the items the match spans, inclusive */
} vitae_rule_match;

typedef struct vitae_rule_set vitae_rule_set;

/* Parse rules from text; name is used in error messages ("FILE:LINE: ...").
 * The caller frees *out with vitae_rules_free(). */
vitae_status vitae_rules_parse(const char *text, size_t len, const char *name,
                               vitae_rule_set **out, vitae_error *err);
/* Read and parse a rules file. */
vitae_status vitae_rules_load(const char *path, vitae_rule_set **out, vitae_error *err);
void vitae_rules_free(vitae_rule_set *rules);
size_t vitae_rules_count(const vitae_rule_set *rules);

/* The lower-cased text of each token item is read from text via tok. */
typedef void (*vitae_rule_match_fn)(void *ctx, const vitae_rule_match *m);

/* Run every rule over the items of one sentence; calls fn for each match
 * (at most one match per rule per start item).  Bounded work: a rule gives
 * up on a sentence after a fixed number of steps. */
void vitae_rules_apply(const vitae_rule_set *rules, const vitae_item *items, size_t n,
                       const char *text, const vitae_token *tok, vitae_rule_match_fn fn,
                       void *ctx);

#endif
