/* The state of one document under extraction, shared by the stages of the
 * extractor (internal to src/extract/). */
#ifndef VITAE_EXTRACT_DOC_H
#define VITAE_EXTRACT_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract/date.h"
#include "extract/entity.h"
#include "extract/lexicon.h"
#include "extract/rules.h"
#include "extract/sentence.h"
#include "extract/text.h"
#include "extract/token.h"

struct vitae_extractor {
  vitae_lexicon *lex;
  vitae_rule_set *rules;
  vitae_months *months;
  vitae_sentence_abbrevs *abbrevs;
};

/* An office as one sentence names it; the office entity is made at the end,
 * when the holder's nationality can complete a title given without one. */
typedef struct vx_office {
  char title[200];   /* canonical title with modifiers: "Deputy Minister of Foreign Affairs" */
  char surface[200]; /* the words of the text */
  const char *scope; /* the title's scope from the lexicon */
  int32_t org;       /* organisation entity, or -1 */
  int32_t country;   /* jurisdiction the text gives, or -1 */
  int32_t to;        /* "Ambassador to X": a country or organisation entity, or -1 */
  int32_t context;   /* a foreign country the sentence names, for a bare title, or -1 */
  uint8_t acting, former;
  uint8_t home_ok;   /* a bare title of someone else may be of the subject's country */
  uint8_t org_in;    /* the body came after "in": "Leader of the Opposition in the Rajya Sabha" */
  uint8_t org_first; /* the body came first: "United Nations High Commissioner for Refugees" */
} vx_office;

/* Whether a title's scope is a body: "organization", or "organization-head"
 * (the body's head, whichever head title the text uses). */
static inline int vx_scope_is_org(const char *scope) {
  return scope && !strncmp(scope, "organization", 12) && (!scope[12] || scope[12] == '-');
}

typedef struct vx_mention {
  uint8_t type;   /* vitae_item_type */
  uint32_t tok;   /* first token */
  uint32_t ntok;
  int32_t entity; /* people, places, countries, organisations, languages, treaties */
  int32_t kin;    /* KIN: lexicon id */
  int32_t office; /* OFFICE: index into doc offices */
  int has_date;   /* DATE: the dates below are resolved */
  vitae_date from, to;
  uint8_t date_kind; /* vitae_date_kind */
} vx_mention;

typedef enum vx_rel {
  VX_BIRTH_DATE, VX_DEATH_DATE, VX_BIRTH_PLACE, VX_PARENT, VX_SPOUSE, VX_SIBLING,
  VX_RELATIVE, VX_EDUCATED_AT, VX_MEMBER_OF, VX_NATIONALITY, VX_SPEAKS, VX_POSITION,
  VX_SUCCEEDED, VX_MET, VX_VISITED, VX_SIGNED, VX_CONGRATULATED, VX_RELS
} vx_rel;

/* What a position fact says about a tenure. */
enum { VX_HELD = 0, VX_STARTED = 1, VX_ENDED = 2 };

typedef struct vx_fact {
  uint8_t rel;      /* vx_rel */
  uint8_t phase;    /* positions: VX_HELD, VX_STARTED, VX_ENDED */
  uint8_t acting;
  uint8_t dismissal; /* an ENDED position ended by dismissal */
  uint8_t clause_date; /* the date is the sentence's opening one, not the verb's own */
  int32_t s, o;      /* entities (o: -1 for dates and positions) */
  int32_t office;    /* positions, succession: index into offices, or -1 */
  int32_t by;        /* appointer or dismisser, or -1 */
  int32_t place;     /* meetings: where, or -1 */
  vitae_date start, end; /* year 0 when absent */
  uint32_t sentence;
  long rule_line;
} vx_fact;

#define VX_LEX_CACHE 12
#define VX_ORG_TITLES 8
/* Sentences longer than this many bytes are read in windows of it, so
 * that a text without full stops keeps memory bounded. */
#define VX_MAX_SENTENCE_BYTES 8192

typedef struct vx_sentence {
  size_t index;
  size_t begin, end;
  long heading;
  vitae_token *tok;
  size_t ntok, captok;
  vx_mention *men;
  size_t nmen, capmen;
  int32_t *tok_men; /* per token: the mention covering it, or -1 */
  /* per token, computed on first use (the lexicon is asked many times for
   * the same token while mentions are found): word classes + 1, and the
   * lexicon matches starting there */
  uint32_t *wc;
  uint8_t *nlex; /* matches + 1; 0 = not looked up yet */
  vitae_lex_match (*lex)[VX_LEX_CACHE];
  vitae_item *items;
  size_t nitems, capitems;
} vx_sentence;

typedef struct vx_doc {
  const struct vitae_extractor *ex;
  const vitae_lexicon *lex;
  const char *text; /* the document's NFC text */
  size_t size;
  vitae_entities ents;
  vx_office *offices;
  size_t noffices, capoffices;
  vx_fact *facts;
  size_t nfacts, capfacts;
  int32_t subject;      /* the person the document is about, or -1 */
  char subject_surname[128];
  int32_t home;         /* the subject's country: the default jurisdiction, or -1 */
  char subject_gender;  /* 'm', 'f' or 0 */
  int32_t last_person;  /* the person named last, for pronouns of the other gender */
  vitae_date last_date; /* the last absolute date read, for "that year" */
  size_t last_date_sentence; /* the sentence it was read in */
  int32_t last_office;      /* the office named last, for "the post" */
  int32_t last_treaty;      /* the treaty named last, for "the protocol" */
  /* the last offices named with their organisation, newest at
   * (norg_titles - 1) % VX_ORG_TITLES: a title named without its body
   * takes the body of the newest one it shares a word with */
  int32_t org_title_org[VX_ORG_TITLES];
  char org_title[VX_ORG_TITLES][200];
  size_t norg_titles;
  size_t last_office_sentence;
  vx_mention last_office_date; /* the date of that sentence (type 0 when none), for "appointed X to the post" */
  int32_t *heading_office; /* per heading: the office it names, or -1 */
  size_t nheadings;
  size_t nsentences;        /* sentence indexes >= this are headings */
  vx_sentence cur;
  int oom;              /* an allocation failed somewhere: the caller reports it */
  int trace;            /* VITAE_TRACE is set: sentences and rules are traced on stderr
                         * (asked once: getenv scans the environment) */
} vx_doc;

/* mention.c */
void vx_find_mentions(vx_doc *doc);
int32_t vx_person_entity(vx_doc *doc, const char *name);
/* Whether tokens [a, b) of the current sentence cross into another clause
 * (";", ", and"; with verbs, "and" before a past tense too). */
int vx_clause_break(const vx_doc *doc, size_t a, size_t b, int verbs);

/* relate.c */
void vx_relate_sentence(vx_doc *doc);
vx_fact *vx_add_fact(vx_doc *doc, vx_rel rel, int32_t s, int32_t o);

/* tenure.c: turns position facts into tenures with dates and succession */
typedef struct vx_tenure {
  int32_t holder;
  int32_t office;      /* office entity */
  vitae_date start, end;
  uint8_t acting;
  int32_t predecessor, successor, appointed_by, dismissed_by; /* entities or -1 */
  uint32_t *sentences; /* evidence */
  size_t nsentences, capsentences;
} vx_tenure;

typedef struct vx_tenures {
  vx_tenure *items;
  size_t n, cap;
} vx_tenures;

/* The office entity for an office mention (creating it); by is who
 * appointed the holder, or -1. */
int32_t vx_office_entity(vx_doc *doc, int32_t office, int32_t holder, int32_t by);
/* A new office of the document, all fields empty (org, country, to, context
 * -1); its index, or -1 (doc->oom set) when memory ran out. */
int32_t vx_new_office(vx_doc *doc);
void vx_build_tenures(vx_doc *doc, vx_tenures *out);
void vx_tenures_free(vx_tenures *t);

#endif
