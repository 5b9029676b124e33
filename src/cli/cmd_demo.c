#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/datadir.h"
#include "core/vocab.h"
#include "export/collect.h"
#include "extract/extract.h"
#include "infer/infer.h"
#include "query/query.h"
#include "store/load.h"

static const char USAGE[] =
    "Usage: vitae [--store SPEC] demo [FILE]\n\n"
    "The main job: extract the bundled biography (triples/tokayev.txt), or\n"
    "FILE, load its facts and the vitae ontology into the store, and print\n"
    "what was found, with the answers to a few questions asked in SPARQL: the\n"
    "last ones are showcase queries read from the data directory's queries/\n"
    "(see 'Showcase queries' in the README).\n";

/* Questions asked of the store after loading, in plain words and SPARQL. */
static const struct {
  const char *question;
  const char *sparql;
} QUESTIONS[] = {
    {"What is in the graph?",
     "SELECT ?class (COUNT(DISTINCT ?e) AS ?entities) WHERE { GRAPH ?g { ?e a ?class } "
     "FILTER(?class IN (vt:Person, vt:Country, vt:Place, vt:Organization, vt:Office, vt:Tenure, "
     "vt:Meeting, vt:Visit, vt:Treaty, vt:Language)) } GROUP BY ?class ORDER BY DESC(?entities)"},
    {"Which sentence says when the subject was born?",
     "SELECT ?born ?sentence WHERE { ?doc schema:about ?p . ?p vt:birthDate ?born . "
     "?st rdf:subject ?p ; rdf:predicate vt:birthDate ; prov:wasDerivedFrom ?s . ?s vt:text ?sentence }"},
};

/* Showcase queries (queries/NAME.rq in the data directory) whose answers
 * end the demo; each file opens with its question as a comment. */
static const char *const SHOWCASE[] = {
    "offices-held", "office-holders", "leaders-met", "countries-visited", "family",
};

/* The question a showcase file opens with: its leading comment lines up to
 * the first '?', joined, in out. */
static void question_of(const char *text, char *out, size_t n) {
  size_t k = 0;
  const char *line = text;
  out[0] = '\0';
  while (*line == '#' && k + 1 < n) {
    const char *p = line + 1, *eol = strchr(p, '\n');
    if (!eol) eol = p + strlen(p);
    while (p < eol && *p == ' ') p++;
    if (k && k + 1 < n) out[k++] = ' ';
    for (; p < eol && k + 1 < n; p++) {
      out[k++] = *p;
      if (*p == '?') {
        out[k] = '\0';
        return;
      }
    }
    out[k] = '\0';
    line = *eol ? eol + 1 : eol;
  }
}

static int ask(vitae_store *store, const char *question, const char *sparql);

static int ask_showcase(vitae_store *store, const char *name) {
  char rel[256], path[4096], question[512];
  vitae_error err;
  vitae_error_clear(&err);
  snprintf(rel, sizeof rel, "queries/%s.rq", name);
  if (!vitae_datadir_path(rel, path, sizeof path)) return cli_usage_error("demo", "the data directory path is too long");
  char *text = cli_read_file(path, NULL, &err);
  if (!text) return cli_fail(&err);
  question_of(text, question, sizeof question);
  char title[800];
  snprintf(title, sizeof title, "%s  [%s]", question[0] ? question : name, rel);
  int rc = ask(store, title, text);
  free(text);
  return rc;
}

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
  /* what the ontology implies (the closures the showcase queries read) */
  vitae_infer_stats is = {0};
  if (st == VITAE_OK) st = vitae_infer_update_stats(store, &is, &err);
  if (st == VITAE_OK) {
    printf("vitae demo: %s\n", file);
    printf("  %zu sentences read, %zu entities, %zu facts; %lu triples stored in <%s>\n",
           stats.sentences, stats.entities, stats.facts, res.triples, graph);
    printf("  the ontology (%lu triples) is in <%s>\n", ores.triples, VT_NS);
    printf("  ");
    vitae_infer_stats_print(&is, stdout);
    const vitae_store_spec *spec = vitae_store_get_spec(store);
    printf("  store: %s\n", spec->path[0] ? spec->path : "memory:");
    for (size_t i = 0; i < sizeof QUESTIONS / sizeof QUESTIONS[0] && rc == EXIT_OK; i++)
      rc = ask(store, QUESTIONS[i].question, QUESTIONS[i].sparql);
    if (rc == EXIT_OK) printf("\nShowcase questions (run any with: vitae query %s/queries/NAME.rq)\n", vitae_datadir());
    for (size_t i = 0; i < sizeof SHOWCASE / sizeof SHOWCASE[0] && rc == EXIT_OK; i++)
      rc = ask_showcase(store, SHOWCASE[i]);
    printf("\nAsk your own: vitae query -e 'SELECT ?p ?l WHERE { ?p a vt:Person ; rdfs:label ?l }'\n");
  } else {
    rc = cli_fail(&err);
  }
  vitae_collector_free(&c);
  vitae_text_free(text);
  vitae_extractor_free(ex);
  return cli_store_finish(store, rc);
}
