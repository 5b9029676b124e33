/* Unit tests for src/export: the exact bytes each writer produces.
 * Expected texts are written by hand below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export/export.h"

#define VT "https://w3id.org/vitae/ns#"
#define XSD "http://www.w3.org/2001/XMLSchema#"
#define RDFT "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

/* The prefix lines every Turtle and TriG export starts with. */
#define PREFIXES                                                \
  "@prefix vt: <https://w3id.org/vitae/ns#> .\n"                \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"   \
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"        \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"           \
  "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"    \
  "@prefix prov: <http://www.w3.org/ns/prov#> .\n"              \
  "@prefix schema: <http://schema.org/> .\n"                    \
  "@prefix org: <http://www.w3.org/ns/org#> .\n"                \
  "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"              \
  "@prefix wdt: <http://www.wikidata.org/prop/direct/> .\n"

/* The opening of every JSON-LD export, up to the "@graph" array's '['. */
#define JSONLD_HEAD                                              \
  "{\n  \"@context\": {\n"                                        \
  "    \"vt\": \"https://w3id.org/vitae/ns#\",\n"                  \
  "    \"rdf\": \"http://www.w3.org/1999/02/22-rdf-syntax-ns#\",\n" \
  "    \"rdfs\": \"http://www.w3.org/2000/01/rdf-schema#\",\n"      \
  "    \"xsd\": \"http://www.w3.org/2001/XMLSchema#\",\n"           \
  "    \"owl\": \"http://www.w3.org/2002/07/owl#\",\n"              \
  "    \"skos\": \"http://www.w3.org/2004/02/skos/core#\",\n"       \
  "    \"prov\": \"http://www.w3.org/ns/prov#\",\n"                 \
  "    \"schema\": \"http://schema.org/\",\n"                       \
  "    \"org\": \"http://www.w3.org/ns/org#\",\n"                   \
  "    \"foaf\": \"http://xmlns.com/foaf/0.1/\",\n"                 \
  "    \"wdt\": \"http://www.wikidata.org/prop/direct/\"\n"         \
  "  },\n  \"@graph\": ["

#define DOT_HEAD                                                                  \
  "digraph vitae {\n"                                                             \
  "  graph [rankdir=LR, charset=\"UTF-8\"];\n"                                    \
  "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n"     \
  "  edge [fontname=\"Helvetica\", fontsize=9];\n"

static raptor_world *W;

static int setup(void **state) {
  W = raptor_new_world();
  return W && raptor_world_open(W) == 0 ? 0 : -1;
}

static int teardown(void **state) {
  raptor_free_world(W);
  return 0;
}

/* ---- building terms ---- */

static raptor_term *iri(const char *s) {
  return raptor_new_term_from_uri_string(W, (const unsigned char *)s);
}

static raptor_term *blank(const char *label) {
  return raptor_new_term_from_blank(W, (const unsigned char *)label);
}

/* A literal with an optional datatype IRI or language. */
static raptor_term *lit(const char *s, const char *datatype, const char *lang) {
  raptor_uri *dt = datatype ? raptor_new_uri(W, (const unsigned char *)datatype) : NULL;
  raptor_term *t =
      raptor_new_term_from_literal(W, (const unsigned char *)s, dt, (const unsigned char *)lang);
  if (dt) raptor_free_uri(dt);
  return t;
}

/* A statement owning its terms; g may be NULL (default graph). */
static raptor_statement *st(raptor_term *s, raptor_term *p, raptor_term *o, raptor_term *g) {
  raptor_statement *x = raptor_new_statement_from_nodes(W, s, p, o, g);
  assert_non_null(x);
  return x;
}

static void free_all(raptor_statement **v, size_t n) {
  for (size_t i = 0; i < n; i++) raptor_free_statement(v[i]);
}

/* Export to a string (caller frees). */
static char *export_text(raptor_statement **v, size_t n, vitae_rdf_format f) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_status s = vitae_export_statements(W, v, n, f, out, &err);
  fclose(out);
  if (s != VITAE_OK) fprintf(stderr, "export failed: %s\n", err.message);
  assert_int_equal(s, VITAE_OK);
  return text;
}

static void expect_export(raptor_statement **v, size_t n, vitae_rdf_format f,
                          const char *expected) {
  char *got = export_text(v, n, f);
  assert_string_equal(got, expected);
  free(got);
}

/* ---- formats ---- */

static void test_format_names(void **state) {
  vitae_rdf_format f;
  assert_int_equal(vitae_rdf_format_parse("turtle", &f), 0);
  assert_int_equal(f, VITAE_RDF_TURTLE);
  assert_int_equal(vitae_rdf_format_parse("ttl", &f), 0);
  assert_int_equal(f, VITAE_RDF_TURTLE);
  assert_int_equal(vitae_rdf_format_parse("nt", &f), 0);
  assert_int_equal(f, VITAE_RDF_NTRIPLES);
  assert_int_equal(vitae_rdf_format_parse("nquads", &f), 0);
  assert_int_equal(f, VITAE_RDF_NQUADS);
  assert_int_equal(vitae_rdf_format_parse("trig", &f), 0);
  assert_int_equal(f, VITAE_RDF_TRIG);
  assert_int_equal(vitae_rdf_format_parse("xml", &f), 0);
  assert_int_equal(f, VITAE_RDF_RDFXML);
  assert_int_equal(vitae_rdf_format_parse("json-ld", &f), 0);
  assert_int_equal(f, VITAE_RDF_JSONLD);
  assert_int_equal(vitae_rdf_format_parse("dot", &f), 0);
  assert_int_equal(f, VITAE_RDF_DOT);
  assert_int_equal(vitae_rdf_format_parse("json", &f), -1);
  assert_true(vitae_rdf_format_has_graphs(VITAE_RDF_JSONLD));
  assert_false(vitae_rdf_format_has_graphs(VITAE_RDF_DOT));
  assert_string_equal(vitae_rdf_format_media_type(VITAE_RDF_JSONLD), "application/ld+json");
  assert_int_equal(vitae_rdf_format_parse("", &f), -1);
  assert_true(vitae_rdf_format_has_graphs(VITAE_RDF_NQUADS));
  assert_true(vitae_rdf_format_has_graphs(VITAE_RDF_TRIG));
  assert_false(vitae_rdf_format_has_graphs(VITAE_RDF_TURTLE));
  assert_false(vitae_rdf_format_has_graphs(VITAE_RDF_NTRIPLES));
  assert_false(vitae_rdf_format_has_graphs(VITAE_RDF_RDFXML));
}

/* ---- escaping ---- */

/* Quotes, backslashes, \n \r \t, other controls (\u0001, DEL), and UTF-8
 * (Cyrillic, an astral character) written as is. */
#define TRICKY "a\"b\\c\nd\re\tf\001g\177h \xd2\x9a\xd0\xb0 \xf0\x9d\x84\x9e"
#define TRICKY_ESCAPED "a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007Fh \xd2\x9a\xd0\xb0 \xf0\x9d\x84\x9e"

static void test_ntriples_escaping(void **state) {
  raptor_statement *v[] = {st(iri("http://e/s"), iri(VT "note"), lit(TRICKY, NULL, NULL), NULL)};
  expect_export(v, 1, VITAE_RDF_NTRIPLES,
                "<http://e/s> <https://w3id.org/vitae/ns#note> \"" TRICKY_ESCAPED "\" .\n");
  free_all(v, 1);
}

static void test_turtle_escaping(void **state) {
  raptor_statement *v[] = {st(iri(VT "s"), iri(VT "note"), lit(TRICKY, NULL, "kk"), NULL)};
  expect_export(v, 1, VITAE_RDF_TURTLE, PREFIXES "\nvt:s vt:note \"" TRICKY_ESCAPED "\"@kk .\n");
  free_all(v, 1);
}

/* Characters IRIs may not hold raw are written as \u escapes. */
static void test_iri_escaping(void **state) {
  raptor_statement *v[] = {
      st(iri("http://e/a b"), iri(VT "p"), iri("http://e/\xd0\x90\xd0\xbb"), NULL)};
  expect_export(v, 1, VITAE_RDF_NTRIPLES,
                "<http://e/a\\u0020b> <https://w3id.org/vitae/ns#p> "
                "<http://e/\xd0\x90\xd0\xbb> .\n");
  free_all(v, 1);
}

/* ---- literals ---- */

static void test_typed_and_lang_literals(void **state) {
  raptor_statement *v[] = {
      st(iri("http://e/s"), iri(VT "born"), lit("1953-05-17", XSD "date", NULL), NULL),
      st(iri("http://e/s"), iri(VT "count"), lit("2", XSD "integer", NULL), NULL),
      st(iri("http://e/s"), iri(VT "label"), lit("Тоқаев", NULL, "kk"), NULL),
      st(iri("http://e/s"), iri(VT "label"), lit("x", "http://e/type", NULL), NULL)};
  expect_export(v, 4, VITAE_RDF_NTRIPLES,
                "<http://e/s> <https://w3id.org/vitae/ns#born> "
                "\"1953-05-17\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
                "<http://e/s> <https://w3id.org/vitae/ns#count> "
                "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                "<http://e/s> <https://w3id.org/vitae/ns#label> \"x\"^^<http://e/type> .\n"
                "<http://e/s> <https://w3id.org/vitae/ns#label> \"Тоқаев\"@kk .\n");
  expect_export(v, 4, VITAE_RDF_TURTLE,
                PREFIXES "\n"
                         "<http://e/s> vt:born \"1953-05-17\"^^xsd:date ;\n"
                         "    vt:count \"2\"^^xsd:integer ;\n"
                         "    vt:label \"x\"^^<http://e/type>, \"Тоқаев\"@kk .\n");
  free_all(v, 4);
}

/* ---- prefixed names ---- */

static void test_prefixed_names(void **state) {
  raptor_statement *v[] = {
      st(iri(VT "a"), iri(VT "p"), iri(VT "Safe_name-1"), NULL),
      st(iri(VT "a"), iri(VT "p"), iri(VT "1digit"), NULL),      /* starts with a digit */
      st(iri(VT "a"), iri(VT "p"), iri(VT "with.dot"), NULL),    /* '.' inside */
      st(iri(VT "a"), iri(VT "p"), iri(VT "trailing."), NULL),   /* ends with '.' */
      st(iri(VT "a"), iri(VT "p"), iri(VT ""), NULL),            /* empty local part */
      st(iri(VT "a"), iri(VT "p"), iri(VT "sl/ash"), NULL),      /* '/' */
      st(iri(VT "a"), iri(VT "p"), iri(VT "\xd0\x90"), NULL),    /* non-ASCII */
      st(iri(VT "a"), iri(VT "p"), iri("http://other/x"), NULL), /* no prefix */
      st(iri(VT "a"), iri(VT "p"), iri(RDFT), NULL),             /* rdf:type as an object */
      st(iri(VT "a"), iri(RDFT), iri("http://schema.org/Person"), NULL),
  };
  size_t n = sizeof v / sizeof v[0];
  expect_export(v, n, VITAE_RDF_TURTLE,
                PREFIXES "\n"
                         "vt:a a schema:Person ;\n"
                         "    vt:p <http://other/x>, rdf:type, "
                         "<https://w3id.org/vitae/ns#1digit>, <https://w3id.org/vitae/ns#>, "
                         "vt:Safe_name-1, "
                         "<https://w3id.org/vitae/ns#sl/ash>, "
                         "<https://w3id.org/vitae/ns#trailing.>, "
                         "<https://w3id.org/vitae/ns#with.dot>, "
                         "<https://w3id.org/vitae/ns#\xd0\x90> .\n");
  free_all(v, n);
}

/* ---- order and duplicates ---- */

/* Six statements; make(order) builds them in the given order. */
static void make(raptor_statement **v, const int *order) {
  raptor_statement *all[6] = {
      st(blank("x"), iri(VT "knows"), iri(VT "a"), NULL),
      st(iri(VT "b"), iri(VT "name"), lit("B", NULL, NULL), NULL),
      st(iri(VT "a"), iri(VT "name"), lit("A2", NULL, NULL), NULL),
      st(iri(VT "a"), iri(RDFT), iri(VT "Person"), NULL),
      st(iri(VT "a"), iri(VT "name"), lit("A", NULL, "en"), NULL),
      st(iri(VT "a"), iri(VT "age"), lit("42", XSD "integer", NULL), NULL)};
  for (int i = 0; i < 6; i++) v[i] = all[order[i]];
}

static void test_deterministic_order(void **state) {
  static const int fwd[6] = {0, 1, 2, 3, 4, 5}, rev[6] = {5, 3, 1, 4, 0, 2};
  static const vitae_rdf_format formats[] = {VITAE_RDF_TURTLE, VITAE_RDF_NTRIPLES,
                                             VITAE_RDF_NQUADS, VITAE_RDF_TRIG, VITAE_RDF_RDFXML};
  for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
    raptor_statement *a[6], *b[6];
    make(a, fwd);
    make(b, rev);
    char *ta = export_text(a, 6, formats[f]), *tb = export_text(b, 6, formats[f]);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    free_all(a, 6);
    free_all(b, 6);
  }
}

/* Subjects: IRIs sorted, then blank nodes; rdf:type first as 'a'. */
static void test_turtle_layout(void **state) {
  static const int order[6] = {4, 0, 3, 5, 1, 2};
  raptor_statement *v[6];
  make(v, order);
  expect_export(v, 6, VITAE_RDF_TURTLE,
                PREFIXES "\n"
                         "vt:a a vt:Person ;\n"
                         "    vt:age \"42\"^^xsd:integer ;\n"
                         "    vt:name \"A\"@en, \"A2\" .\n"
                         "\n"
                         "vt:b vt:name \"B\" .\n"
                         "\n"
                         "_:x vt:knows vt:a .\n");
  /* The array comes back sorted: subject vt:a first, the blank node last. */
  assert_int_equal(v[5]->subject->type, RAPTOR_TERM_TYPE_BLANK);
  free_all(v, 6);
}

static void test_duplicates(void **state) {
  raptor_statement *v[] = {st(iri("http://e/s"), iri(VT "p"), lit("o", NULL, NULL), NULL),
                           st(iri("http://e/s"), iri(VT "p"), lit("o", NULL, NULL), NULL),
                           st(iri("http://e/s"), iri(VT "p"), lit("o", NULL, "en"), NULL),
                           st(iri("http://e/s"), iri(VT "p"), lit("o", NULL, NULL), NULL)};
  expect_export(v, 4, VITAE_RDF_NTRIPLES,
                "<http://e/s> <https://w3id.org/vitae/ns#p> \"o\" .\n"
                "<http://e/s> <https://w3id.org/vitae/ns#p> \"o\"@en .\n");
  expect_export(v, 4, VITAE_RDF_TURTLE,
                PREFIXES "\n<http://e/s> vt:p \"o\", \"o\"@en .\n");
  free_all(v, 4);
}

/* ---- blank nodes ---- */

static void test_blank_labels(void **state) {
  raptor_statement *v[] = {
      st(blank("b1"), iri(VT "p"), blank("a-b"), NULL),     /* '-' is encoded */
      st(blank("_ok_9"), iri(VT "p"), blank("1x"), NULL),   /* digit first */
      st(blank("u_x"), iri(VT "p"), blank("a_2Db"), NULL)}; /* could clash: encoded */
  expect_export(v, 3, VITAE_RDF_NTRIPLES,
                "_:_ok_9 <https://w3id.org/vitae/ns#p> _:u_1x .\n"
                "_:b1 <https://w3id.org/vitae/ns#p> _:u_a_2Db .\n"
                "_:u_u_5Fx <https://w3id.org/vitae/ns#p> _:a_2Db .\n");
  free_all(v, 3);
}

static void test_blank_nodes_turtle(void **state) {
  raptor_statement *v[] = {st(iri(VT "a"), iri(VT "edu"), blank("e1"), NULL),
                           st(blank("e1"), iri(VT "org"), iri(VT "u"), NULL),
                           st(blank("e1"), iri(RDFT), iri(VT "Education"), NULL),
                           st(iri(VT "b"), iri(VT "edu"), blank("e1"), NULL)};
  expect_export(v, 4, VITAE_RDF_TURTLE,
                PREFIXES "\n"
                         "vt:a vt:edu _:e1 .\n"
                         "\n"
                         "vt:b vt:edu _:e1 .\n"
                         "\n"
                         "_:e1 a vt:Education ;\n"
                         "    vt:org vt:u .\n");
  free_all(v, 4);
}

/* ---- graphs ---- */

static void make_graphs(raptor_statement **v) {
  v[0] = st(iri(VT "a"), iri(VT "p"), iri(VT "b"), iri("http://g/2"));
  v[1] = st(iri(VT "a"), iri(VT "p"), iri(VT "b"), iri("http://g/1"));
  v[2] = st(iri(VT "c"), iri(VT "p"), lit("d", NULL, NULL), iri("http://g/1"));
  v[3] = st(iri(VT "z"), iri(VT "p"), iri(VT "b"), NULL);
}

static void test_nquads_graphs(void **state) {
  raptor_statement *v[4];
  make_graphs(v);
  expect_export(v, 4, VITAE_RDF_NQUADS,
                "<https://w3id.org/vitae/ns#z> <https://w3id.org/vitae/ns#p> "
                "<https://w3id.org/vitae/ns#b> .\n"
                "<https://w3id.org/vitae/ns#a> <https://w3id.org/vitae/ns#p> "
                "<https://w3id.org/vitae/ns#b> <http://g/1> .\n"
                "<https://w3id.org/vitae/ns#c> <https://w3id.org/vitae/ns#p> \"d\" <http://g/1> .\n"
                "<https://w3id.org/vitae/ns#a> <https://w3id.org/vitae/ns#p> "
                "<https://w3id.org/vitae/ns#b> <http://g/2> .\n");
  free_all(v, 4);
}

static void test_trig_graphs(void **state) {
  raptor_statement *v[4];
  make_graphs(v);
  expect_export(v, 4, VITAE_RDF_TRIG,
                PREFIXES "\n"
                         "vt:z vt:p vt:b .\n"
                         "\n"
                         "<http://g/1> {\n"
                         "    vt:a vt:p vt:b .\n"
                         "\n"
                         "    vt:c vt:p \"d\" .\n"
                         "}\n"
                         "\n"
                         "<http://g/2> {\n"
                         "    vt:a vt:p vt:b .\n"
                         "}\n");
  free_all(v, 4);
}

/* Without graphs, a triple in two graphs is written once. */
static void test_graphs_dropped(void **state) {
  raptor_statement *v[4];
  make_graphs(v);
  expect_export(v, 4, VITAE_RDF_NTRIPLES,
                "<https://w3id.org/vitae/ns#a> <https://w3id.org/vitae/ns#p> "
                "<https://w3id.org/vitae/ns#b> .\n"
                "<https://w3id.org/vitae/ns#c> <https://w3id.org/vitae/ns#p> \"d\" .\n"
                "<https://w3id.org/vitae/ns#z> <https://w3id.org/vitae/ns#p> "
                "<https://w3id.org/vitae/ns#b> .\n");
  expect_export(v, 4, VITAE_RDF_TURTLE,
                PREFIXES "\n"
                         "vt:a vt:p vt:b .\n"
                         "\n"
                         "vt:c vt:p \"d\" .\n"
                         "\n"
                         "vt:z vt:p vt:b .\n");
  free_all(v, 4);
}

/* ---- RDF/XML and edge cases ---- */

static void test_rdfxml(void **state) {
  raptor_statement *v[] = {st(iri(VT "a"), iri(VT "name"), lit("A & \"B\"", NULL, "en"), NULL),
                           st(iri(VT "a"), iri(VT "knows"), blank("a-b"), iri("http://g/1")),
                           st(iri(VT "a"), iri(VT "name"), lit("A & \"B\"", NULL, "en"), NULL)};
  expect_export(v, 3, VITAE_RDF_RDFXML,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<rdf:RDF xmlns:foaf=\"http://xmlns.com/foaf/0.1/\"\n"
                "   xmlns:org=\"http://www.w3.org/ns/org#\"\n"
                "   xmlns:owl=\"http://www.w3.org/2002/07/owl#\"\n"
                "   xmlns:prov=\"http://www.w3.org/ns/prov#\"\n"
                "   xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
                "   xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\"\n"
                "   xmlns:schema=\"http://schema.org/\"\n"
                "   xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\"\n"
                "   xmlns:vt=\"https://w3id.org/vitae/ns#\"\n"
                "   xmlns:wdt=\"http://www.wikidata.org/prop/direct/\"\n"
                "   xmlns:xsd=\"http://www.w3.org/2001/XMLSchema#\">\n"
                "  <rdf:Description rdf:about=\"https://w3id.org/vitae/ns#a\">\n"
                "    <vt:knows rdf:nodeID=\"u_a_2Db\"/>\n"
                "    <vt:name xml:lang=\"en\">A &amp; \"B\"</vt:name>\n"
                "  </rdf:Description>\n"
                "</rdf:RDF>\n");
  free_all(v, 3);
}

/* What raptor's RDF/XML writer would silently leave out is refused, and
 * nothing is written. */
static void expect_rdfxml_refused(raptor_statement *s) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_export_statements(W, &s, 1, VITAE_RDF_RDFXML, out, &err),
                   VITAE_ERR_UNSUPPORTED);
  fclose(out);
  assert_int_equal(len, 0);
  assert_non_null(strstr(err.message, "RDF/XML"));
  free(text);
  raptor_free_statement(s);
}

static void test_rdfxml_refuses(void **state) {
  expect_rdfxml_refused(st(iri("http://e/s"), iri("http://e/1"), lit("x", NULL, NULL), NULL));
  expect_rdfxml_refused(st(iri("http://e/s"), iri("http://e/p/"), lit("x", NULL, NULL), NULL));
  expect_rdfxml_refused(st(iri("http://e/s"), iri(VT "p"), lit("a\001b", NULL, NULL), NULL));
  expect_rdfxml_refused(st(iri("http://e/s"), iri(VT "p"), lit("a\177b", NULL, NULL), NULL));
  /* A predicate raptor can split: written. */
  raptor_statement *ok[] = {st(iri("http://e/s"), iri("urn:p"), lit("a\tb", NULL, NULL), NULL)};
  char *text = export_text(ok, 1, VITAE_RDF_RDFXML);
  assert_non_null(strstr(text, "<ns1:p xmlns:ns1=\"urn:\">a\tb</ns1:p>"));
  free(text);
  free_all(ok, 1);
}

static void test_empty(void **state) {
  expect_export(NULL, 0, VITAE_RDF_TURTLE, PREFIXES);
  expect_export(NULL, 0, VITAE_RDF_NQUADS, "");
  expect_export(NULL, 0, VITAE_RDF_JSONLD, JSONLD_HEAD "]\n}\n");
  expect_export(NULL, 0, VITAE_RDF_DOT, DOT_HEAD "}\n");
}

/* ---- JSON-LD and Graphviz ---- */

static void test_jsonld(void **state) {
  raptor_statement *v[] = {
      st(iri("http://e/s"), iri(VT "note"), lit(TRICKY, NULL, NULL), iri("http://e/g")),
      st(iri("http://e/s"), iri(RDFT), iri(VT "Person"), iri("http://e/g")),
      st(iri("http://e/s"), iri(RDFT), lit("t", NULL, NULL), iri("http://e/g")),
      st(blank("b1"), iri(VT "date"), lit("2019", XSD "gYear", NULL), NULL),
      st(blank("b1"), iri(VT "name"), lit("x", NULL, "kk"), NULL),
      st(blank("b1"), iri(VT "name"), lit("y", XSD "string", NULL), NULL),
      st(blank("b1"), iri("urn:p"), blank("b1"), NULL)};
  expect_export(v, 7, VITAE_RDF_JSONLD,
                JSONLD_HEAD "\n"
                "    {\n"
                "      \"@id\": \"_:b1\",\n"
                "      \"vt:date\": {\"@value\": \"2019\", \"@type\": \"xsd:gYear\"},\n"
                "      \"vt:name\": [\n"
                "        {\"@value\": \"x\", \"@language\": \"kk\"},\n"
                "        {\"@value\": \"y\", \"@type\": \"xsd:string\"}\n"
                "      ],\n"
                "      \"urn:p\": {\"@id\": \"_:b1\"}\n"
                "    },\n"
                "    {\n"
                "      \"@id\": \"http://e/g\",\n"
                "      \"@graph\": [\n"
                "        {\n"
                "          \"@id\": \"http://e/s\",\n"
                "          \"@type\": \"vt:Person\",\n"
                "          \"rdf:type\": \"t\",\n"
                "          \"vt:note\": \"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\177h \xd2\x9a\xd0\xb0 "
                "\xf0\x9d\x84\x9e\"\n"
                "        }\n"
                "      ]\n"
                "    }\n"
                "  ]\n"
                "}\n");
  free_all(v, 7);
}

/* What a JSON-LD processor would read otherwise is refused, with nothing
 * written: an IRI whose scheme is a context prefix, invalid UTF-8. */
static void test_jsonld_refuses(void **state) {
  raptor_statement *v[] = {st(iri("vt:x"), iri(VT "p"), lit("a", NULL, NULL), NULL),
                           st(iri("http://e/s"), iri(VT "p"), lit("\xff", NULL, NULL), NULL)};
  for (size_t i = 0; i < 2; i++) {
    char *text = NULL;
    size_t len = 0;
    vitae_error err;
    vitae_error_clear(&err);
    assert_int_equal(vitae_export_statements_mem(W, v + i, 1, VITAE_RDF_JSONLD, &text, &len, &err),
                     VITAE_ERR_UNSUPPORTED);
    assert_null(text);
    assert_non_null(strstr(err.message, "JSON-LD cannot write"));
  }
  free_all(v, 2);
}

/* Parts make one JSON-LD document; dot and RDF/XML refuse a second part. */
static void test_writer_parts(void **state) {
  raptor_statement *a[] = {st(iri(VT "a"), iri(VT "p"), iri(VT "b"), NULL)};
  raptor_statement *b[] = {st(iri(VT "c"), iri(VT "p"), iri(VT "d"), iri("http://e/g"))};
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  vitae_export_writer w;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_export_writer_init(&w, W, VITAE_RDF_JSONLD, out);
  assert_int_equal(vitae_export_writer_part(&w, a, 1, &err), VITAE_OK);
  assert_int_equal(vitae_export_writer_part(&w, b, 1, &err), VITAE_OK);
  assert_int_equal(vitae_export_writer_finish(&w, &err), VITAE_OK);
  fclose(out);
  assert_string_equal(text, JSONLD_HEAD "\n"
                            "    {\n      \"@id\": \"vt:a\",\n      \"vt:p\": {\"@id\": \"vt:b\"}\n    },\n"
                            "    {\n      \"@id\": \"http://e/g\",\n      \"@graph\": [\n"
                            "        {\n          \"@id\": \"vt:c\",\n"
                            "          \"vt:p\": {\"@id\": \"vt:d\"}\n        }\n      ]\n    }\n"
                            "  ]\n}\n");
  free(text);
  out = fopen("/dev/null", "w");
  vitae_export_writer_init(&w, W, VITAE_RDF_DOT, out);
  assert_int_equal(vitae_export_writer_part(&w, a, 1, &err), VITAE_OK);
  assert_int_equal(vitae_export_writer_part(&w, b, 1, &err), VITAE_ERR_UNSUPPORTED);
  fclose(out);
  free_all(a, 1);
  free_all(b, 1);
}

static void test_dot(void **state) {
  raptor_statement *v[] = {
      st(iri("http://e/s"), iri(VT "knows"), blank("b1"), NULL),
      st(iri("http://e/s"), iri("http://www.w3.org/2000/01/rdf-schema#label"),
         lit("S \"q\" a\\b\nc&d", NULL, "de"), NULL),
      st(iri("http://e/s"), iri("http://www.w3.org/2000/01/rdf-schema#label"), lit("S", NULL, "en"),
         NULL),
      st(iri("http://e/s"), iri(RDFT), iri(VT "Person"), NULL),
      st(blank("b1"), iri("http://www.w3.org/2000/01/rdf-schema#label"),
         lit("q\"\\\n&", NULL, NULL), NULL),
      st(blank("b1"), iri(VT "birthDate"), lit("2000", XSD "gYear", NULL), NULL)};
  expect_export(v, 6, VITAE_RDF_DOT,
                DOT_HEAD "  n0 [label=\"S\", tooltip=\"http://e/s\"];\n"
                "  n1 [label=\"q\\\"\\\\\\n&amp;\", style=\"rounded,dashed\"];\n"
                "  n0 -> n1 [label=\"vt:knows\"];\n"
                "}\n");
  free_all(v, 6);
}

/* A stream that cannot be written gives VITAE_ERR_IO, not silence. */
static void test_write_error(void **state) {
  raptor_statement *v[] = {st(iri(VT "a"), iri(VT "p"), iri(VT "b"), NULL)};
  static const vitae_rdf_format formats[] = {VITAE_RDF_TURTLE, VITAE_RDF_NTRIPLES,
                                             VITAE_RDF_NQUADS, VITAE_RDF_TRIG,
                                             VITAE_RDF_JSONLD, VITAE_RDF_DOT};
  for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
    FILE *ro = fopen("/dev/null", "r");
    assert_non_null(ro);
    vitae_error err;
    vitae_error_clear(&err);
    assert_int_equal(vitae_export_statements(W, v, 1, formats[f], ro, &err), VITAE_ERR_IO);
    assert_int_equal(err.status, VITAE_ERR_IO);
    assert_true(strlen(err.message) > 0);
    fclose(ro);
  }
  free_all(v, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format_names),
      cmocka_unit_test(test_ntriples_escaping),
      cmocka_unit_test(test_turtle_escaping),
      cmocka_unit_test(test_iri_escaping),
      cmocka_unit_test(test_typed_and_lang_literals),
      cmocka_unit_test(test_prefixed_names),
      cmocka_unit_test(test_deterministic_order),
      cmocka_unit_test(test_turtle_layout),
      cmocka_unit_test(test_duplicates),
      cmocka_unit_test(test_blank_labels),
      cmocka_unit_test(test_blank_nodes_turtle),
      cmocka_unit_test(test_nquads_graphs),
      cmocka_unit_test(test_trig_graphs),
      cmocka_unit_test(test_graphs_dropped),
      cmocka_unit_test(test_rdfxml),
      cmocka_unit_test(test_rdfxml_refuses),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_jsonld),
      cmocka_unit_test(test_jsonld_refuses),
      cmocka_unit_test(test_writer_parts),
      cmocka_unit_test(test_dot),
      cmocka_unit_test(test_write_error),
  };
  return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
