/* Unit tests for src/query: the contract prefixes, running SPARQL on a small
 * memory store, and the exact bytes of each results format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/lex.h"
#include "query/query.h"
#include "query/rewrite.h"
#include "store/load.h"
#include "store/store.h"

#define EX "http://example.org/"
#define XSD_INTEGER "http://www.w3.org/2001/XMLSchema#integer"

/* The header vitae_query_with_prefixes puts before a query that declares none. */
#define ALL_PREFIXES                                         \
  "PREFIX vt: <https://w3id.org/vitae/ns#> "                 \
  "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> " \
  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "    \
  "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "         \
  "PREFIX owl: <http://www.w3.org/2002/07/owl#> "            \
  "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "     \
  "PREFIX prov: <http://www.w3.org/ns/prov#> "               \
  "PREFIX schema: <http://schema.org/> "                     \
  "PREFIX org: <http://www.w3.org/ns/org#> "                 \
  "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "               \
  "PREFIX wdt: <http://www.wikidata.org/prop/direct/> "

/* The data every query runs on: two people, one with a birth date. */
static const char *DATA =
    "@prefix ex: <http://example.org/> .\n"
    "@prefix vt: <https://w3id.org/vitae/ns#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "ex:a a vt:Person ; ex:name \"Alice\"@en ; ex:knows ex:b ;\n"
    "  ex:born \"1950-01-02\"^^xsd:date .\n"
    "ex:b ex:name \"Bob\" .\n"
    /* the row the writers print: quotes, comma, markup, tab and newline */
    "ex:x ex:label \"Say \\\"hi\\\", a<b & c\\tnow\\nok\"@en ; ex:num 42 .\n";

static const char *WRITE_QUERY =
    "PREFIX ex: <http://example.org/>\n"
    "SELECT ?iri ?label ?num ?none WHERE {\n"
    "  ?iri ex:label ?label ; ex:num ?num .\n"
    "  OPTIONAL { ?iri ex:missing ?none }\n"
    "}\n";

static vitae_store *S;

static int setup(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  if (vitae_store_open("memory:", VITAE_STORE_WRITE, &S, &err) != VITAE_OK) return -1;
  if (vitae_load_buffer(S, DATA, strlen(DATA), "turtle", EX "g", EX "g", NULL, NULL, &err) !=
      VITAE_OK) {
    fprintf(stderr, "load: %s\n", err.message);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  vitae_store_close(S);
  return 0;
}

static vitae_result *run(const char *sparql) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_result *r = NULL;
  if (vitae_query_exec(S, sparql, &r, &err) != VITAE_OK)
    fail_msg("query failed: %s (line %ld)", err.message, err.line);
  assert_non_null(r);
  return r;
}

/* Results written in a format, as a string (caller frees). */
static char *written(vitae_result *r, const char *format) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_non_null(f);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_status st = vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(S)), format, f, &err);
  assert_int_equal(fclose(f), 0);
  if (st != VITAE_OK) fail_msg("write %s: %s", format ? format : "(default)", err.message);
  return text;
}

static void expect_written(vitae_result *r, const char *format, const char *want) {
  char *got = written(r, format);
  assert_string_equal(got, want);
  free(got);
}

static const char *node_text(librdf_node *n) {
  if (librdf_node_is_resource(n)) return (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
  if (librdf_node_is_literal(n)) return (const char *)librdf_node_get_literal_value(n);
  return (const char *)librdf_node_get_blank_identifier(n);
}

/* ---- prefixes ---- */

static void test_prefixes_all_added(void **state) {
  char *q = vitae_query_with_prefixes("SELECT * WHERE { ?s ?p ?o }");
  assert_string_equal(q, ALL_PREFIXES "SELECT * WHERE { ?s ?p ?o }");
  assert_null(strchr(q, '\n')); /* all on the first line */
  free(q);
}

static void test_prefixes_declared_not_repeated(void **state) {
  const char *user =
      "PREFIX vt: <http://other.example/vt#>\n"
      "prefix  foaf: <http://other.example/foaf#>\n"
      "PREFIX vtx: <http://other.example/x#>\n"
      "SELECT ?xprefix WHERE { ?s vt:p ?xprefix }";
  char *q = vitae_query_with_prefixes(user);
  const char *want_header =
      "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
      "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
      "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
      "PREFIX prov: <http://www.w3.org/ns/prov#> "
      "PREFIX schema: <http://schema.org/> "
      "PREFIX org: <http://www.w3.org/ns/org#> "
      "PREFIX wdt: <http://www.wikidata.org/prop/direct/> ";
  size_t k = strlen(want_header);
  assert_memory_equal(q, want_header, k);
  assert_string_equal(q + k, user);
  free(q);

  /* a query that declares every contract prefix is left alone */
  char *full = vitae_query_with_prefixes(ALL_PREFIXES "ASK {}");
  char *again = vitae_query_with_prefixes(full);
  assert_string_equal(again, full);
  free(full);
  free(again);
}

/* ---- running queries ---- */

static void test_select_rows_columns_cells(void **state) {
  vitae_result *r = run(
      "PREFIX ex: <http://example.org/>\n"
      "SELECT ?s ?name ?born WHERE {\n"
      "  ?s ex:name ?name OPTIONAL { ?s ex:born ?born }\n"
      "} ORDER BY ?s");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_BINDINGS);
  assert_int_equal(vitae_result_columns(r), 3);
  assert_string_equal(vitae_result_column_name(r, 0), "s");
  assert_string_equal(vitae_result_column_name(r, 1), "name");
  assert_string_equal(vitae_result_column_name(r, 2), "born");
  assert_int_equal(vitae_result_rows(r), 2);

  librdf_node *n = vitae_result_cell(r, 0, 0);
  assert_non_null(n);
  assert_true(librdf_node_is_resource(n));
  assert_string_equal(node_text(n), EX "a");
  n = vitae_result_cell(r, 0, 1);
  assert_true(librdf_node_is_literal(n));
  assert_string_equal(node_text(n), "Alice");
  assert_string_equal(librdf_node_get_literal_value_language(n), "en");
  n = vitae_result_cell(r, 0, 2);
  assert_string_equal(node_text(n), "1950-01-02");
  assert_string_equal((const char *)librdf_uri_as_string(librdf_node_get_literal_value_datatype_uri(n)),
                      "http://www.w3.org/2001/XMLSchema#date");

  assert_string_equal(node_text(vitae_result_cell(r, 1, 0)), EX "b");
  assert_string_equal(node_text(vitae_result_cell(r, 1, 1)), "Bob");
  assert_null(vitae_result_cell(r, 1, 2)); /* unbound */
  vitae_result_free(r);
}

static void test_select_contract_prefix_and_no_rows(void **state) {
  /* vt: is available without declaring it */
  vitae_result *r = run("SELECT ?p WHERE { ?p a vt:Person }");
  assert_int_equal(vitae_result_rows(r), 1);
  assert_string_equal(node_text(vitae_result_cell(r, 0, 0)), EX "a");
  vitae_result_free(r);

  /* No rows: the column names still come from the projection (rasqal
   * 0.9.33 reports 0 bindings for a SELECT without solutions). */
  r = run("SELECT ?p WHERE { ?p a vt:Treaty }");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_BINDINGS);
  assert_int_equal(vitae_result_rows(r), 0);
  assert_int_equal(vitae_result_columns(r), 1);
  assert_string_equal(vitae_result_column_name(r, 0), "p");
  expect_written(r, "csv", "p\r\n");
  char *t = written(r, "table");
  size_t len = strlen(t);
  assert_true(len >= 9);
  assert_string_equal(t + len - 9, "(0 rows)\n");
  free(t);
  vitae_result_free(r);
}

static void test_ask(void **state) {
  vitae_result *r = run("ASK { <http://example.org/a> <http://example.org/knows> <http://example.org/b> }");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_BOOLEAN);
  assert_int_equal(vitae_result_boolean(r), 1);
  expect_written(r, NULL, "true\n");
  expect_written(r, "csv", "true\r\n");
  expect_written(r, "json", "{ \"head\": {}, \"boolean\": true }\n");
  expect_written(r, "xml",
                 "<?xml version=\"1.0\"?>\n"
                 "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
                 "  <head>\n"
                 "  </head>\n"
                 "  <boolean>true</boolean>\n"
                 "</sparql>\n");
  vitae_result_free(r);

  r = run("ASK { <http://example.org/b> <http://example.org/knows> <http://example.org/a> }");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_BOOLEAN);
  assert_int_equal(vitae_result_boolean(r), 0);
  expect_written(r, "table", "false\n");
  expect_written(r, "tsv", "false\n");
  expect_written(r, "json", "{ \"head\": {}, \"boolean\": false }\n");
  vitae_result_free(r);
}

static void test_construct(void **state) {
  vitae_result *r = run(
      "PREFIX ex: <http://example.org/>\n"
      "CONSTRUCT { ?s rdfs:label ?n } WHERE { ?s ex:name ?n }");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_GRAPH);
  raptor_statement **v = NULL;
  assert_int_equal(vitae_result_statements(r, &v), 2);
  assert_non_null(v);
  for (size_t i = 0; i < 2; i++) {
    assert_null(v[i]->graph);
    assert_string_equal((const char *)raptor_uri_as_string(v[i]->predicate->value.uri),
                        "http://www.w3.org/2000/01/rdf-schema#label");
  }
  /* RDF formats only */
  vitae_error err;
  vitae_error_clear(&err);
  FILE *devnull = fopen("/dev/null", "w");
  assert_non_null(devnull);
  assert_int_equal(vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(S)), "csv",
                                      devnull, &err),
                   VITAE_ERR_USAGE);
  fclose(devnull);
  vitae_result_free(r);

  r = run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(false) }");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_GRAPH);
  assert_int_equal(vitae_result_statements(r, &v), 0);
  vitae_result_free(r);
}

static void test_syntax_error(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_result *r = (vitae_result *)&err;
  vitae_status st = vitae_query_exec(S,
                                     "SELECT ?s\n"
                                     "WHERE {\n"
                                     "  ?s ?p ?o ) \n"
                                     "}\n",
                                     &r, &err);
  assert_int_equal(st, VITAE_ERR_QUERY);
  assert_null(r);
  assert_int_equal(err.status, VITAE_ERR_QUERY);
  assert_string_equal(err.file, "query");
  assert_int_equal(err.line, 3); /* the user's line: the prefixes add none */
  assert_true(err.message[0] != '\0');
}

static void test_syntax_error_line_one(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_result *r = NULL;
  assert_int_equal(vitae_query_exec(S, "SELECT ?s WHERE { ?s ?p }}", &r, &err), VITAE_ERR_QUERY);
  assert_null(r);
  assert_int_equal(err.status, VITAE_ERR_QUERY);
  assert_int_equal(err.line, 1);
}

/* ---- writers ---- */

static void test_write_csv(void **state) {
  vitae_result *r = run(WRITE_QUERY);
  assert_int_equal(vitae_result_rows(r), 1);
  assert_null(vitae_result_cell(r, 0, 3));
  expect_written(r, "csv",
                 "iri,label,num,none\r\n"
                 "http://example.org/x,\"Say \"\"hi\"\", a<b & c\tnow\nok\",42,\r\n");
  vitae_result_free(r);
}

static void test_write_tsv(void **state) {
  vitae_result *r = run(WRITE_QUERY);
  expect_written(r, "tsv",
                 "?iri\t?label\t?num\t?none\n"
                 "<http://example.org/x>\t\"Say \\\"hi\\\", a<b & c\\tnow\\nok\"@en\t"
                 "\"42\"^^<" XSD_INTEGER ">\t\n");
  vitae_result_free(r);
}

static void test_write_json(void **state) {
  vitae_result *r = run(WRITE_QUERY);
  const char *want =
      "{\n"
      "  \"head\": { \"vars\": [ \"iri\", \"label\", \"num\", \"none\" ] },\n"
      "  \"results\": {\n"
      "    \"bindings\": [\n"
      "      { \"iri\": { \"type\": \"uri\", \"value\": \"http://example.org/x\" }, "
      "\"label\": { \"type\": \"literal\", \"value\": \"Say \\\"hi\\\", a<b & c\\tnow\\nok\", "
      "\"xml:lang\": \"en\" }, "
      "\"num\": { \"type\": \"literal\", \"value\": \"42\", \"datatype\": \"" XSD_INTEGER "\" } }\n"
      "    ]\n"
      "  }\n"
      "}\n";
  expect_written(r, "json", want);
  expect_written(r, "srj", want);
  vitae_result_free(r);
}

static void test_write_xml(void **state) {
  vitae_result *r = run(WRITE_QUERY);
  const char *want =
      "<?xml version=\"1.0\"?>\n"
      "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
      "  <head>\n"
      "    <variable name=\"iri\"/>\n"
      "    <variable name=\"label\"/>\n"
      "    <variable name=\"num\"/>\n"
      "    <variable name=\"none\"/>\n"
      "  </head>\n"
      "  <results>\n"
      "    <result>\n"
      "      <binding name=\"iri\"><uri>http://example.org/x</uri></binding>\n"
      "      <binding name=\"label\"><literal xml:lang=\"en\">Say &quot;hi&quot;, a&lt;b &amp; c\tnow\nok</literal></binding>\n"
      "      <binding name=\"num\"><literal datatype=\"" XSD_INTEGER "\">42</literal></binding>\n"
      "    </result>\n"
      "  </results>\n"
      "</sparql>\n";
  expect_written(r, "xml", want);
  expect_written(r, "srx", want);
  vitae_result_free(r);
}

static void test_write_table(void **state) {
  vitae_result *r = run(WRITE_QUERY);
  char *t = written(r, NULL);
  assert_non_null(strstr(t, "(1 row)\n"));
  assert_null(strstr(t, "rows)"));
  /* the literal stays on one line: tab and newline shown as spaces */
  assert_non_null(strstr(t, "Say \"hi\", a<b & c now ok@en"));
  free(t);
  vitae_result_free(r);

  /* exact layout: columns padded to the widest cell, two spaces apart */
  r = run("PREFIX ex: <http://example.org/>\n"
          "SELECT ?s ?n WHERE { ?s ex:name ?n } ORDER BY ?n");
  expect_written(r, "table",
                 "s                       n\n"
                 "----------------------  --------\n"
                 "<http://example.org/a>  Alice@en\n"
                 "<http://example.org/b>  Bob\n"
                 "(2 rows)\n");
  vitae_result_free(r);

  /* contract IRIs are shown with their prefix */
  r = run("SELECT ?t WHERE { <http://example.org/a> a ?t }");
  expect_written(r, "table", "t\n---------\nvt:Person\n(1 row)\n");
  vitae_result_free(r);
}

static void test_write_unknown_format(void **state) {
  vitae_result *r = run(WRITE_QUERY);
  vitae_error err;
  vitae_error_clear(&err);
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_int_equal(vitae_result_write(r, librdf_world_get_raptor(vitae_store_world(S)), "yaml", f, &err),
                   VITAE_ERR_USAGE);
  fclose(f);
  assert_int_equal(len, 0); /* nothing written */
  assert_string_equal(err.message, "unknown result format 'yaml' (table, csv, tsv, json, xml)");
  free(text);
  vitae_result_free(r);
}


/* ---- the discrepancies of rasqal 0.9.33 ---- */

/* The data, in a graph of its own (ex: vocabulary only). */
static const char *MEETINGS =
    "@prefix ex: <http://example.org/> .\n"
    "ex:m1 a ex:Meeting ; ex:participant ex:p1 , ex:p2 ; ex:date \"2001\" .\n"
    "ex:m2 a ex:Meeting ; ex:participant ex:p1 , ex:p3 .\n"
    "ex:v1 a ex:Visit ; ex:visitor ex:p1 ; ex:date \"2005\" .\n";

static void load_meetings(void) {
  static int done;
  if (done) return;
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_load_buffer(S, MEETINGS, strlen(MEETINGS), "turtle", EX "meetings",
                                     EX "meetings", NULL, NULL, &err),
                   VITAE_OK);
  /* the same triple in a second graph: the default graph holds it once */
  const char *twice = "<http://example.org/m1> a <http://example.org/Meeting> .\n";
  assert_int_equal(vitae_load_buffer(S, twice, strlen(twice), "turtle", EX "again", EX "again", NULL,
                                     NULL, &err),
                   VITAE_OK);
  done = 1;
}

/* Whether some row has these cells (NULL: unbound; strings compared with
 * the node's IRI or literal value). */
static int has_row(vitae_result *r, const char *const *want) {
  for (size_t i = 0; i < vitae_result_rows(r); i++) {
    size_t c = 0;
    for (; c < vitae_result_columns(r); c++) {
      librdf_node *n = vitae_result_cell(r, i, c);
      if (!want[c] ? n != NULL : (!n || strcmp(node_text(n), want[c]))) break;
    }
    if (c == vitae_result_columns(r)) return 1;
  }
  return 0;
}

static void test_optional_no_spurious_row(void **state) {
  load_meetings();
  static const char *const orders[] = {
      "SELECT ?m ?q ?d WHERE { ?m a ex:Meeting ; ex:participant ?q . OPTIONAL { ?m ex:date ?d } }",
      "SELECT ?m ?q ?d WHERE { { ?m a ex:Meeting ; ex:participant ?q } OPTIONAL { ?m ex:date ?d } }",
      "SELECT ?m ?q ?d WHERE { ?m ex:participant ?q ; a ex:Meeting . OPTIONAL { ?m ex:date ?d } }",
      "SELECT ?m ?q ?d WHERE { ?m a ex:Meeting ; ex:participant ?q . OPTIONAL { ?m ex:date ?d } "
      "FILTER(?q != ex:p9) }",
  };
  for (size_t k = 0; k < sizeof orders / sizeof orders[0]; k++) {
    char q[512];
    snprintf(q, sizeof q, "PREFIX ex: <http://example.org/> %s", orders[k]);
    vitae_result *r = run(q);
    assert_int_equal(vitae_result_rows(r), 4);
    assert_true(has_row(r, (const char *const[]){EX "m1", EX "p1", "2001"}));
    assert_true(has_row(r, (const char *const[]){EX "m1", EX "p2", "2001"}));
    assert_true(has_row(r, (const char *const[]){EX "m2", EX "p1", NULL}));
    assert_true(has_row(r, (const char *const[]){EX "m2", EX "p3", NULL}));
    assert_false(has_row(r, (const char *const[]){EX "v1", EX "p2", "2005"}));
    vitae_result_free(r);
  }
}

/* A BIND in one UNION branch leaves its variable set when the next branch
 * runs: the next branch's triple pattern still binds it itself. */
static void test_union_after_bind(void **state) {
  load_meetings();
  static const char *const shapes[] = {
      "SELECT ?m ?d WHERE { { ?m a ex:Visit BIND(\"x\" AS ?d) } UNION { ?m ex:date ?d } }",
      "SELECT ?m ?d WHERE { { ?m ex:date ?d } UNION { ?m a ex:Visit BIND(\"x\" AS ?d) } "
      "UNION { ?m ex:date ?d } }",
  };
  for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
    char q[512];
    snprintf(q, sizeof q, "PREFIX ex: <http://example.org/> %s", shapes[k]);
    vitae_result *r = run(q);
    assert_int_equal(vitae_result_rows(r), k == 0 ? 3 : 5);
    assert_true(has_row(r, (const char *const[]){EX "v1", "x"}));
    assert_true(has_row(r, (const char *const[]){EX "m1", "2001"}));
    assert_true(has_row(r, (const char *const[]){EX "v1", "2005"}));
    vitae_result_free(r);
  }
}

static void test_default_graph_is_a_set(void **state) {
  load_meetings();
  vitae_result *r = run("SELECT (COUNT(*) AS ?n) WHERE { ?m a <http://example.org/Meeting> }");
  assert_int_equal(vitae_result_rows(r), 1);
  assert_string_equal(node_text(vitae_result_cell(r, 0, 0)), "2");
  vitae_result_free(r);
}

static void test_aggregates(void **state) {
  load_meetings();
  /* over no solution: one row */
  vitae_result *r = run("SELECT (COUNT(*) AS ?n) (SUM(?x) AS ?s) (MAX(?x) AS ?m) "
                        "WHERE { ?x a <http://example.org/Nothing> }");
  assert_int_equal(vitae_result_rows(r), 1);
  assert_int_equal(vitae_result_columns(r), 3);
  assert_string_equal(node_text(vitae_result_cell(r, 0, 0)), "0");
  assert_string_equal(node_text(vitae_result_cell(r, 0, 1)), "0");
  assert_null(vitae_result_cell(r, 0, 2));
  vitae_result_free(r);
  /* COUNT of an unbound variable, two COUNTs with DISTINCT, the separator */
  r = run("PREFIX ex: <http://example.org/> "
          "SELECT (COUNT(?d) AS ?dated) (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(?q) AS ?rows) "
          "(GROUP_CONCAT(DISTINCT ?d; separator=\"|\") AS ?dates) "
          "WHERE { ?m a ex:Meeting ; ex:participant ?q OPTIONAL { ?m ex:date ?d } }");
  assert_int_equal(vitae_result_rows(r), 1);
  assert_string_equal(node_text(vitae_result_cell(r, 0, 0)), "2");
  assert_string_equal(node_text(vitae_result_cell(r, 0, 1)), "2");
  assert_string_equal(node_text(vitae_result_cell(r, 0, 2)), "4");
  assert_string_equal(node_text(vitae_result_cell(r, 0, 3)), "2001");
  vitae_result_free(r);
  r = run("PREFIX ex: <http://example.org/> "
          "SELECT ?m (GROUP_CONCAT(?q; separator=\" + \") AS ?who) WHERE { ?m ex:participant ?q "
          "FILTER(?m = ex:m2) } GROUP BY ?m");
  assert_int_equal(vitae_result_rows(r), 1);
  const char *who = node_text(vitae_result_cell(r, 0, 1));
  assert_true(!strcmp(who, EX "p1 + " EX "p3") || !strcmp(who, EX "p3 + " EX "p1"));
  vitae_result_free(r);
}

static void test_rewritten_functions(void **state) {
  /* VALUES with one variable; STR inside CONCAT; YEAR of an xsd:date */
  vitae_result *r = run("PREFIX ex: <http://example.org/> "
                        "SELECT ?s ?y (CONCAT(\"<\", STR(?s), \">\") AS ?c) WHERE { "
                        "VALUES ?s { ex:a ex:b } OPTIONAL { ?s ex:born ?d BIND(YEAR(?d) AS ?y) } }");
  assert_int_equal(vitae_result_rows(r), 2);
  assert_true(has_row(r, (const char *const[]){EX "a", "1950", "<" EX "a>"}));
  assert_true(has_row(r, (const char *const[]){EX "b", NULL, "<" EX "b>"}));
  vitae_result_free(r);
  /* a BIND whose expression fails keeps the row */
  r = run("PREFIX ex: <http://example.org/> "
          "SELECT ?s ?n WHERE { ?s ex:name ?x OPTIONAL { ?s ex:born ?d } BIND(YEAR(?d) + 1 AS ?n) }");
  assert_int_equal(vitae_result_rows(r), 2);
  vitae_result_free(r);
}

static void test_describe(void **state) {
  vitae_result *r = run("DESCRIBE <http://example.org/a>");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_GRAPH);
  raptor_statement **v;
  size_t n = vitae_result_statements(r, &v);
  assert_int_equal(n, 4); /* type, name, knows, born */
  for (size_t i = 0; i < n; i++)
    assert_string_equal((const char *)raptor_uri_as_string(v[i]->subject->value.uri), EX "a");
  vitae_result_free(r);
}

static vitae_status refused(const char *sparql, vitae_error *err) {
  vitae_error_clear(err);
  vitae_result *r = NULL;
  vitae_status st = vitae_query_exec(S, sparql, &r, err);
  assert_null(r);
  return st;
}

static void test_refusals(void **state) {
  vitae_error err;
  assert_int_equal(refused("SELECT ?x WHERE {\n  ?a vt:partOf+ ?x }", &err), VITAE_ERR_QUERY);
  assert_non_null(strstr(err.message, "property paths are not supported"));
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 15); /* the '+' */
  assert_int_equal(refused("INSERT DATA { <a:b> <a:c> <a:d> }", &err), VITAE_ERR_QUERY);
  assert_non_null(strstr(err.message, "SPARQL Update (INSERT)"));
  assert_int_equal(err.line, 1);
  assert_int_equal(err.column, 1);
  assert_int_equal(refused("SELECT * WHERE { ?s ?p ?o MINUS { ?s a ?t } }", &err), VITAE_ERR_QUERY);
  assert_non_null(strstr(err.message, "MINUS"));
  assert_int_equal(refused("SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s a ?t } }", &err),
                   VITAE_ERR_QUERY);
  assert_non_null(strstr(err.message, "EXISTS"));
  /* path characters in strings, IRIs and comments are not paths */
  vitae_result *r = run("SELECT ?s WHERE { # vt:a/vt:b+ ^x\n ?s ?p \"a/b|c+\" "
                        "FILTER(?s != <http://x/a+b>) }");
  assert_int_equal(vitae_result_rows(r), 0);
  vitae_result_free(r);
}

/* ---- the tokenizer and the helpers ---- */

static void test_lexer(void **state) {
  const char *text = "SELECT ?x WHERE { <http://a/b#c> ex:p \"a \\\" b\"@en , '''x\ny''' ; "
                     "ex:q -1.5e3 } # comment { \"\n";
  vq_tokens t;
  assert_int_equal(vq_lex(text, &t), 0);
  static const vq_ttype want[] = {VQ_WORD,  VQ_VAR,    VQ_WORD,    VQ_PUNCT, VQ_IRI,
                                  VQ_PNAME, VQ_STRING, VQ_LANGTAG, VQ_PUNCT, VQ_STRING,
                                  VQ_PUNCT, VQ_PNAME,  VQ_NUMBER,  VQ_PUNCT, VQ_EOF};
  assert_int_equal(t.n, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < t.n; i++) assert_int_equal(t.v[i].type, want[i]);
  assert_true(vq_is_word(&t, 0, "select"));
  assert_int_equal(t.v[11].line, 2); /* after the long string's newline */
  vq_tokens_free(&t);
}

static void test_concat_decode(void **state) {
  size_t n;
  char *s = vq_concat_decode("a%20b % c%7C", strlen("a%20b % c%7C"), ", ", &n);
  assert_string_equal(s, "a b, , c|");
  assert_int_equal(n, strlen("a b, , c|"));
  free(s);
  s = vq_concat_decode("", 0, "|", &n);
  assert_string_equal(s, "");
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prefixes_all_added),
      cmocka_unit_test(test_prefixes_declared_not_repeated),
      cmocka_unit_test(test_select_rows_columns_cells),
      cmocka_unit_test(test_select_contract_prefix_and_no_rows),
      cmocka_unit_test(test_ask),
      cmocka_unit_test(test_construct),
      cmocka_unit_test(test_syntax_error),
      cmocka_unit_test(test_syntax_error_line_one),
      cmocka_unit_test(test_write_csv),
      cmocka_unit_test(test_write_tsv),
      cmocka_unit_test(test_write_json),
      cmocka_unit_test(test_write_xml),
      cmocka_unit_test(test_write_table),
      cmocka_unit_test(test_write_unknown_format),
      cmocka_unit_test(test_optional_no_spurious_row),
      cmocka_unit_test(test_union_after_bind),
      cmocka_unit_test(test_default_graph_is_a_set),
      cmocka_unit_test(test_aggregates),
      cmocka_unit_test(test_rewritten_functions),
      cmocka_unit_test(test_describe),
      cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_lexer),
      cmocka_unit_test(test_concat_decode),
  };
  return cmocka_run_group_tests_name("query", tests, setup, teardown);
}
