/* The IRIs of the vocabulary contract (../shared/contract/vocabulary.md) and
 * the prefixes every query may use and every export declares. */
#ifndef VITAE_CORE_VOCAB_H
#define VITAE_CORE_VOCAB_H

#define VT_NS "https://w3id.org/vitae/ns#"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define XSD_NS "http://www.w3.org/2001/XMLSchema#"
#define OWL_NS "http://www.w3.org/2002/07/owl#"
#define SKOS_NS "http://www.w3.org/2004/02/skos/core#"
#define PROV_NS "http://www.w3.org/ns/prov#"
#define SCHEMA_NS "http://schema.org/"
#define ORG_NS "http://www.w3.org/ns/org#"
#define FOAF_NS "http://xmlns.com/foaf/0.1/"
#define WDT_NS "http://www.wikidata.org/prop/direct/"

/* The default base of entity IRIs: <base>person/kassym-jomart-tokayev. */
#define VITAE_DEFAULT_BASE "https://w3id.org/vitae/"

/* The graph that holds what vitae infers (src/infer).  Queries see it in
 * the default graph and by its name (GRAPH <...inferred>), but GRAPH ?g
 * ranges over the asserted graphs only, so that counting or listing named
 * graphs gives what was loaded. */
#define VITAE_INFERRED_GRAPH "https://w3id.org/vitae/graph/inferred"

typedef struct vitae_prefix {
  const char *prefix; /* without the colon */
  const char *iri;
} vitae_prefix;

/* The contract's prefixes, in the order exports declare them; ends with {NULL,NULL}. */
static const vitae_prefix VITAE_PREFIXES[] = {
    {"vt", VT_NS},         {"rdf", RDF_NS},   {"rdfs", RDFS_NS}, {"xsd", XSD_NS},
    {"owl", OWL_NS},       {"skos", SKOS_NS}, {"prov", PROV_NS}, {"schema", SCHEMA_NS},
    {"org", ORG_NS},       {"foaf", FOAF_NS}, {"wdt", WDT_NS},   {NULL, NULL}};

#endif
