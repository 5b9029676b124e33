#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/datadir.h"
#include "core/vocab.h"
#include "export/collect.h"
#include "extract/extract.h"
#include "query/query.h"
#include "store/load.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] demo [FILE]\n\n"
    "The main job: extract the bundled biography (triples/tokayev.txt), or\n"
    "FILE, load its facts and the vitae ontology into the store, and print\n"
    "what was found: the people, offices, meetings and visits, with answers\n"
    "to a few questions asked in SPARQL.\n";

/* Questions asked of the store after loading, in plain words and SPARQL. */
static const struct {
  const char *question;
  const char *sparql;
} QUESTIONS[] = {
    {"What is in the graph?",
     "SELECT ?class (COUNT(DISTINCT ?e) AS ?entities) WHERE { GRAPH ?g { ?e a ?class } "
     "FILTER(?class IN (vt:Person, vt:Country, vt:Place, vt:Organization, vt:Office, vt:Tenure, "
     "vt:Meeting, vt:Visit, vt:Treaty, vt:Language)) } GROUP BY ?class ORDER BY DESC(?entities)"},
    {"Which offices did the subject hold, and when?",
     "SELECT ?office ?start ?end WHERE { ?doc schema:about ?p . ?t vt:holder ?p ; vt:office ?o . "
     "?o rdfs:label ?office OPTIONAL { ?t vt:start ?start } OPTIONAL { ?t vt:end ?end } } "
     "ORDER BY ?start ?office"},
    {"Whom did the subject meet, and when?",
     "SELECT DISTINCT ?met ?date WHERE { ?doc schema:about ?p . ?m a vt:Meeting ; vt:participant ?p , ?q . "
     "FILTER(?q != ?p) ?q rdfs:label ?met OPTIONAL { ?m vt:date ?date } } ORDER BY ?date ?met"},
    {"Where did the subject travel?",
     "SELECT DISTINCT ?place ?date WHERE { ?doc schema:about ?p . ?v a vt:Visit ; vt:visitor ?p ; "
     "vt:destination ?d . ?d rdfs:label ?place OPTIONAL { ?v vt:date ?date } } ORDER BY ?date ?place"},
    {"Who is family?",
     "SELECT ?relation ?name WHERE { ?doc schema:about ?p . { ?p vt:parent ?k BIND(\"parent\" AS ?relation) } "
     "UNION { ?k vt:parent ?p BIND(\"child\" AS ?relation) } UNION { ?p vt:spouse ?k BIND(\"spouse\" AS ?relation) } "
     "UNION { ?p vt:sibling ?k BIND(\"sibling\" AS ?relation) } UNION { ?p vt:relative ?k BIND(\"relative\" AS ?relation) } "
     "?k rdfs:label ?name } ORDER BY ?relation ?name"},
    {"Which sentence says when the subject was born?",
     "SELECT ?born ?sentence WHERE { ?doc schema:about ?p . ?p vt:birthDate ?born . "
     "?st rdf:subject ?p ; rdf:predicate vt:birthDate ; prov:wasDerivedFrom ?s . ?s vt:text ?sentence }"},
};

static int ask(vitae_store *store, const char *question, const char *sparql) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_result *r = NULL;
  printf("\n== %s\n", question);
  if (vitae_query_exec(store, sparql, &r, &err) != VITAE_OK ||
      vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(store)), "table", stdout, &err) != VITAE_OK) {
    vitae_result_free(r);
    return cli_fail(&err);
  }
  vitae_result_free(r);
  return EXIT_OK;
}

int cmd_demo(vitae_cli *cli, int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(USAGE, stdout);
    return EXIT_OK;
  }
  if (argc > 2) return cli_usage_error("demo", "give at most one FILE");
  char bundled[4096], onto[4096];
  const char *file = argc == 2 ? argv[1] : vitae_datadir_path("triples/tokayev.txt", bundled, sizeof bundled);
  if (!file || !vitae_datadir_path("ontology/vitae.ttl", onto, sizeof onto))
    return cli_usage_error("demo", "the data directory path is too long");
  vitae_error err;
  vitae_error_clear(&err);
  int rc;
  vitae_store *store = cli_open_store(cli, VITAE_STORE_WRITE, &rc);
  if (!store) return rc;
  vitae_extractor *ex = NULL;
  vitae_text *text = NULL;
  vitae_collector c;
  vitae_collector_init(&c, librdf_world_get_raptor(vitae_store_world(store)));
  vitae_extract_stats stats = {0};
  vitae_load_result res = {0, 0}, ores = {0, 0};
  char graph[1200];
  const char *name = strrchr(file, '/');
  name = name ? name + 1 : file;
  char slug[512];
  snprintf(slug, sizeof slug, "%s", name);
  char *dot = strrchr(slug, '.');
  if (dot && dot != slug) *dot = '\0';
  snprintf(graph, sizeof graph, VITAE_DEFAULT_BASE "document/%s", slug);
  vitae_status st = vitae_extractor_new(vitae_datadir(), &ex, &err);
  if (st == VITAE_OK) st = vitae_text_read_file(file, 0, &text, &err);
  if (st == VITAE_OK) {
    vitae_extract_options eo = {NULL, NULL, name};
    st = vitae_extract_document(ex, text, &eo, vitae_collector_add, &c, &stats, &err);
  }
  if (st == VITAE_OK) st = vitae_load_statements(store, c.items, c.n, graph, &res, &err);
  if (st == VITAE_OK) st = vitae_load_file(store, onto, "turtle", VT_NS, NULL, &ores, &err);
  if (st == VITAE_OK) {
    printf("vitae demo: %s\n", file);
    printf("  %zu sentences read, %zu entities, %zu facts; %lu triples stored in <%s>\n",
           stats.sentences, stats.entities, stats.facts, res.triples, graph);
    printf("  the ontology (%lu triples) is in <%s>\n", ores.triples, VT_NS);
    const vitae_store_spec *spec = vitae_store_get_spec(store);
    printf("  store: %s\n", spec->path[0] ? spec->path : "memory:");
    for (size_t i = 0; i < sizeof QUESTIONS / sizeof QUESTIONS[0] && rc == EXIT_OK; i++)
      rc = ask(store, QUESTIONS[i].question, QUESTIONS[i].sparql);
    printf("\nAsk your own: vitae query -e 'SELECT ?p ?l WHERE { ?p a vt:Person ; rdfs:label ?l }'\n");
  } else {
    rc = cli_fail(&err);
  }
  vitae_collector_free(&c);
  vitae_text_free(text);
  vitae_extractor_free(ex);
  return cli_store_finish(store, rc);
}
