/* The entities of a document: people, countries, places, organisations,
 * offices, languages and treaties, each with one label (the fullest English
 * form seen), alternative labels, a class, and a stable key from which its
 * IRI is made (<base><type>/<slug>), so the same name gives the same IRI in
 * every document and every run.
 *
 * Ownership: the registry owns every string; ids are indexes that stay
 * valid until vitae_entities_free(). */
#ifndef VITAE_EXTRACT_ENTITY_H
#define VITAE_EXTRACT_ENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "core/strmap.h"

typedef enum vitae_entity_type {
  VITAE_ENT_PERSON = 1,
  VITAE_ENT_COUNTRY,
  VITAE_ENT_PLACE,
  VITAE_ENT_ORG,
  VITAE_ENT_OFFICE,
  VITAE_ENT_LANGUAGE,
  VITAE_ENT_TREATY
} vitae_entity_type;

typedef struct vitae_alt_label {
  char *text;
  char lang[16]; /* "" for none */
} vitae_alt_label;

typedef struct vitae_entity {
  uint8_t type;     /* vitae_entity_type */
  char *label;      /* rdfs:label */
  char *key;        /* the name the IRI is made from */
  char *cls;        /* ontology class local name: "Person", "PoliticalParty", "City" */
  vitae_alt_label *alts;
  size_t nalts, capalts;
  int32_t jurisdiction; /* offices: a country entity, or -1 */
  int32_t organization; /* offices: an organisation entity, or -1 */
  char gender;          /* people: 'm', 'f' or 0 */
  int32_t same_as;      /* another entity this one turned out to be, or -1 */
  uint32_t mentions;    /* how often the text names it */
  int emitted;          /* whether anything refers to it in the output */
} vitae_entity;

typedef struct vitae_entities {
  vitae_entity *items;
  size_t n, cap;
  vitae_strmap by_key;   /* "<type>:<normalised key>" -> id */
  vitae_strmap by_alias; /* "<type>:<normalised label or alt>" -> id, or -2 when ambiguous */
} vitae_entities;

#define VITAE_ENTITIES_INIT {NULL, 0, 0, VITAE_STRMAP_INIT, VITAE_STRMAP_INIT}

/* The entity of this type and key, created when new (label = key, class
 * cls).  Returns its id, or -1 when out of memory. */
int32_t vitae_entities_get(vitae_entities *es, vitae_entity_type type, const char *key,
                           const char *cls);

/* Record another form of the name.  A longer English form (lang "") replaces
 * the label when prefer_longer is set, the old one becoming an altLabel.
 * Returns 0, or -1 when out of memory. */
int vitae_entities_add_name(vitae_entities *es, int32_t id, const char *name, const char *lang,
                            int prefer_longer);

/* Make name an alias that finds the entity (without adding an altLabel). */
int vitae_entities_add_alias(vitae_entities *es, int32_t id, const char *name);

/* The entity of this type whose label, altLabel or alias is name
 * (normalised); -1 when none, -2 when several. */
int32_t vitae_entities_find(const vitae_entities *es, vitae_entity_type type, const char *name);

/* from is the same as to ("born Ellen Eugenia Johnson"): to gets from's
 * names, and every name that found from finds to.  Returns 0 or -1. */
int vitae_entities_merge(vitae_entities *es, int32_t from, int32_t to);

/* The entity id follows same_as links to the one that stands for it. */
int32_t vitae_entities_resolve(const vitae_entities *es, int32_t id);

void vitae_entities_free(vitae_entities *es);

/* Fold a name for comparison: lower case, no accents, punctuation and runs
 * of spaces as one space.  Writes into out (size n); returns out. */
char *vitae_name_fold(const char *name, char *out, size_t n);

/* The IRI slug of a name: folded, spaces as '-' ("kassym-jomart-tokayev"). */
char *vitae_name_slug(const char *name, char *out, size_t n);

/* The path segment of a type: "person", "country", "place", "organization",
 * "office", "language", "treaty". */
const char *vitae_entity_type_path(vitae_entity_type type);

#endif
