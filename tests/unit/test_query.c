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

#include "query/query.h"
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

  /* No rows.  librdf 1.0.17/rasqal 0.9.33 report 0 bindings for a SELECT
   * without solutions, so the column names are lost (the W3C formats would
   * still list ?p in the header); only the row count is checked here. */
  r = run("SELECT ?p WHERE { ?p a vt:Treaty }");
  assert_int_equal(vitae_result_get_kind(r), VITAE_RESULT_BINDINGS);
  assert_int_equal(vitae_result_rows(r), 0);
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
  };
  return cmocka_run_group_tests_name("query", tests, setup, teardown);
}
