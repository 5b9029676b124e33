/* Tracing people and offices without SPARQL: what `vitae describe`,
 * `timeline`, `succession` and `network` print.
 *
 * Everything here reads the store through librdf's statement API
 * (find_statements, get_targets, get_sources), never through SPARQL text,
 * so a name given by the user is only ever compared with labels: quotes,
 * backslashes, newlines or braces in it are data.  The store's default
 * graph is the union of the asserted graphs and the inferred graph
 * (src/infer); inferred triples are used (succession links, inverse and
 * symmetric family ties) and marked as such, while evidence sentences
 * come from prov:wasDerivedFrom, which is only ever asserted.
 *
 * Ownership: each builder hands the caller one object (card, timeline,
 * succession, network, candidates) that owns every string and array it
 * points to; the matching _free() releases all of it.  Strings are UTF-8
 * as stored, never NULL unless documented. */
#ifndef VITAE_TRACE_TRACE_H
#define VITAE_TRACE_TRACE_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "store/store.h"

typedef struct vitae_trace_pool vitae_trace_pool; /* the memory of one result */

/* An entity: its IRI and its rdfs:label (the IRI when it has none). */
typedef struct vitae_trace_ref {
  const char *iri;
  const char *label;
} vitae_trace_ref;

/* A sentence that states a fact. */
typedef struct vitae_trace_evidence {
  const char *sentence; /* the vt:Sentence IRI */
  const char *text;     /* its vt:text; NULL when the store lacks it */
  const char *source;   /* the document's vt:sourceFile, else its IRI; NULL when unknown */
} vitae_trace_evidence;

/* ---- name resolution ---- */

typedef struct vitae_trace_candidate {
  vitae_trace_ref ref;
  const char *types;  /* the vt: classes, "Person, Office"; "" when none */
  int by_label;       /* matched by rdfs:label (else by skos:altLabel or IRI) */
} vitae_trace_candidate;

typedef struct vitae_trace_candidates {
  vitae_trace_candidate *items;
  size_t n;
  vitae_trace_pool *pool;
} vitae_trace_candidates;

/* The entities that NAME may mean, for class_iri (NULL = any class):
 *  - a full IRI (scheme:...) that is the subject of a triple;
 *  - an IRI path under the default base ("person/xyz"), or the end of an
 *    entity's IRI after a '/';
 *  - else every entity whose rdfs:label or skos:altLabel equals NAME
 *    folded (case, accents, punctuation: vitae_name_fold).  When exactly
 *    one of them matches by rdfs:label, it alone is returned.
 * n == 0: nothing matched; n > 1: ambiguous (sorted by label). */
vitae_status vitae_trace_find(vitae_store *store, const char *name, const char *class_iri,
                              vitae_trace_candidates *out, vitae_error *err);
void vitae_trace_candidates_free(vitae_trace_candidates *c);

/* Search: the entities whose rdfs:label or skos:altLabel contains text,
 * both folded (vitae_name_fold), for a search box; those whose label
 * starts with it first, then by label; at most max.  text is only compared
 * with stored strings.  Fewer than 2 folded characters find nothing. */
vitae_status vitae_trace_search(vitae_store *store, const char *text, size_t max,
                                vitae_trace_candidates *out, vitae_error *err);

/* ---- facts about one entity (describe) ---- */

typedef enum vitae_trace_kind {
  VITAE_TRACE_FACT,    /* a triple: (entity P object) or, incoming, (object P entity) */
  VITAE_TRACE_TENURE,  /* an office held (or, for an office, a holder) */
  VITAE_TRACE_MEETING, /* a vt:Meeting the entity took part in */
  VITAE_TRACE_VISIT    /* a vt:Visit the entity made (or, for a place, received) */
} vitae_trace_kind;

typedef struct vitae_trace_fact {
  vitae_trace_kind kind;
  const char *group;    /* "Life", "Offices", "Family", "Meetings", ... (static) */
  const char *relation; /* "spouse", "birthplace of", "office", "met", "visited" ... */
  const char *node;     /* the tenure, meeting or visit IRI; NULL for a triple */
  vitae_trace_ref *objects; /* the office, the people met, the destination, the object */
  size_t nobjects;
  const char *value;    /* a literal object (a date, a name); NULL otherwise */
  const char *start;    /* lexical date (vt:start, vt:date, a date value); NULL if none */
  const char *end;      /* vt:end; NULL if none */
  const char *place;    /* a meeting's vt:location (label); NULL if none */
  const char *notes;    /* "acting; appointed by X; after Y"; "" when none */
  int incoming;         /* the entity is the object of the triple */
  int inferred;         /* the triple is in the inferred graph only */
  vitae_trace_evidence *evidence;
  size_t nevidence;
} vitae_trace_fact;

typedef struct vitae_trace_card {
  vitae_trace_ref entity;
  const char **types; /* class IRIs, asserted and inferred */
  size_t ntypes;
  const char **alt_labels; /* skos:altLabel values ("text@lang" when tagged) */
  size_t nalt;
  vitae_trace_fact *facts; /* grouped: Life, Offices, ..., in a fixed order */
  size_t nfacts;
  vitae_trace_pool *pool;
} vitae_trace_card;

/* Collect what the store says about the entity iri. */
vitae_status vitae_trace_card_build(vitae_store *store, const char *iri, vitae_trace_card *out,
                                    vitae_error *err);
void vitae_trace_card_free(vitae_trace_card *card);

/* ---- timeline ---- */

typedef struct vitae_trace_event {
  const char *date; /* lexical; NULL for undated events (sorted last) */
  const char *what; /* "took office", "left office", "met", "visited", "born", ... */
  const vitae_trace_fact *fact; /* the fact it comes from (in the card) */
} vitae_trace_event;

typedef struct vitae_trace_timeline {
  vitae_trace_card card; /* owns the facts the events point to */
  vitae_trace_event *events;
  size_t nevents;
} vitae_trace_timeline;

/* The dated facts of the card as events, in date order (stable); the
 * events with no date come last. */
vitae_status vitae_trace_timeline_build(vitae_store *store, const char *iri,
                                        vitae_trace_timeline *out, vitae_error *err);
void vitae_trace_timeline_free(vitae_trace_timeline *t);

/* Compare two lexical dates (xsd:date, xsd:gYearMonth, xsd:gYear, a
 * leading '-' for years BC): by year, then month, then day, a missing part
 * sorting before any present one ("2019" < "2019-03" < "2019-03-20").
 * NULL or unparsable values sort after every date. */
int vitae_trace_date_compare(const char *a, const char *b);

/* ---- succession ---- */

typedef struct vitae_trace_tenure {
  vitae_trace_ref holder;
  const char *tenure;   /* the vt:Tenure IRI; NULL for a person named only as a
                           predecessor or successor, with no tenure of this office */
  const char *start, *end;
  int acting;
  vitae_trace_ref *appointed_by; size_t nappointed_by;
  vitae_trace_ref *dismissed_by; size_t ndismissed_by;
  vitae_trace_ref *predecessors; size_t npredecessors; /* vt:predecessor */
  vitae_trace_ref *successors; size_t nsuccessors;     /* vt:successor */
  const char *links_inferred; /* "predecessor", "successor", "predecessor, successor" or "" */
  const char *note;           /* for a tenure-less entry: how it is known; else "" */
  vitae_trace_evidence *evidence;
  size_t nevidence;
} vitae_trace_tenure;

typedef struct vitae_trace_succession {
  vitae_trace_ref office;
  vitae_trace_tenure *tenures; /* by start date; undated last; named-only
                                  predecessors just before their successor */
  size_t n;
  vitae_trace_pool *pool;
} vitae_trace_succession;

vitae_status vitae_trace_succession_build(vitae_store *store, const char *office_iri,
                                          vitae_trace_succession *out, vitae_error *err);
void vitae_trace_succession_free(vitae_trace_succession *s);

/* ---- network ---- */

typedef struct vitae_trace_person {
  vitae_trace_ref ref;
  int distance; /* hops from the centre (0 = the centre) */
} vitae_trace_person;

typedef struct vitae_trace_edge {
  size_t from, to;      /* indexes into people */
  const char *relation; /* met, spouse, sibling, relative, "child of",
                           appointed, dismissed, "succeeded by" (in office),
                           congratulated: "FROM relation TO" reads right */
  int directed;
  const char *date;     /* NULL when unknown */
  const char *place;    /* meetings: label of vt:location; NULL if none */
  const char *office;   /* appointments, succession: the office's label; else NULL */
  int inferred;
  vitae_trace_evidence *evidence;
  size_t nevidence;
} vitae_trace_edge;

typedef struct vitae_trace_network {
  int depth;
  vitae_trace_person *people; /* people[0] is the centre */
  size_t npeople;
  vitae_trace_edge *edges; /* by distance, relation, date */
  size_t nedges;
  vitae_trace_pool *pool;
} vitae_trace_network;

#define VITAE_TRACE_MAX_DEPTH 10

/* The people within depth hops (1..VITAE_TRACE_MAX_DEPTH) of iri, and the
 * ties between them that the walk followed. */
vitae_status vitae_trace_network_build(vitae_store *store, const char *iri, int depth,
                                       vitae_trace_network *out, vitae_error *err);
void vitae_trace_network_free(vitae_trace_network *n);

/* ---- output (write.c) ---- */

/* Plain text for a terminal: aligned columns, evidence indented and quoted. */
void vitae_trace_card_write_text(const vitae_trace_card *card, FILE *out);
void vitae_trace_timeline_write_text(const vitae_trace_timeline *t, FILE *out);
void vitae_trace_succession_write_text(const vitae_trace_succession *s, FILE *out);
void vitae_trace_network_write_table(const vitae_trace_network *n, FILE *out);
/* JSON (one object) and Graphviz. */
void vitae_trace_card_write_json(const vitae_trace_card *card, FILE *out);
void vitae_trace_timeline_write_json(const vitae_trace_timeline *t, FILE *out);
void vitae_trace_succession_write_json(const vitae_trace_succession *s, FILE *out);
void vitae_trace_network_write_json(const vitae_trace_network *n, FILE *out);
void vitae_trace_network_write_dot(const vitae_trace_network *n, FILE *out);
/* The candidates of an ambiguous name, one per line: label, IRI, types. */
void vitae_trace_candidates_write(const vitae_trace_candidates *c, FILE *out);
/* The same as JSON: {"results": [{"iri", "label", "types"}, ...]}. */
void vitae_trace_candidates_write_json(const vitae_trace_candidates *c, FILE *out);

#endif
