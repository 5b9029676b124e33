/* Unit tests for src/trace on tests/fixtures/trace.trig, loaded into a
 * memory: store with its inferred graph: name resolution, the card, the
 * timeline, the succession chain, the network, date order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/datadir.h"
#include "infer/infer.h"
#include "store/load.h"
#include "trace/trace.h"

#define EX "https://example.org/trace/"
#define VT "https://w3id.org/vitae/ns#"

static vitae_store *S;

static int setup(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  char path[4096];
  if (!vitae_datadir_path("tests/fixtures/trace.trig", path, sizeof path)) return -1;
  if (vitae_store_open("memory:", VITAE_STORE_WRITE, &S, &err) != VITAE_OK ||
      vitae_load_file(S, path, NULL, NULL, NULL, NULL, &err) != VITAE_OK ||
      vitae_infer_update(S, &err) != VITAE_OK) {
    fprintf(stderr, "fixture: %s\n", err.message);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  vitae_store_close(S);
  return 0;
}

/* The candidates for name (class may be NULL), as "iri iri ..." (static). */
static const char *find(const char *name, const char *class_iri) {
  static char out[2048];
  vitae_error err;
  vitae_error_clear(&err);
  vitae_trace_candidates c;
  assert_int_equal(vitae_trace_find(S, name, class_iri, &c, &err), VITAE_OK);
  out[0] = '\0';
  for (size_t i = 0; i < c.n; i++) {
    if (i) strcat(out, " ");
    strncat(out, c.items[i].ref.iri + strlen(EX), sizeof out - strlen(out) - 2);
  }
  vitae_trace_candidates_free(&c);
  return out;
}

static void test_find(void **state) {
  (void)state;
  assert_string_equal(find("Alpha Émile Example", NULL), "alpha");
  assert_string_equal(find("ALPHA EMILE EXAMPLE", NULL), "alpha");     /* case, accent */
  assert_string_equal(find("alpha-émile  example.", NULL), "alpha");   /* punctuation */
  assert_string_equal(find("Example", NULL), "alpha omega");           /* an altLabel of two */
  assert_string_equal(find("Testland office", VT "Office"), "office pm");
  assert_string_equal(find("President of Testland", VT "Office"), "office");
  assert_string_equal(find("President of Testland", VT "Person"), "");  /* wrong class */
  assert_string_equal(find("Nobody Atall", NULL), "");
  assert_string_equal(find(EX "beta", NULL), "beta");                  /* a full IRI */
  assert_string_equal(find(EX "no-such-thing", NULL), "");
  assert_string_equal(find("trace/gamma", NULL), "gamma");             /* an IRI path */
  /* a label full of query syntax is just a label */
  assert_string_equal(find("Evil \"Quote\" \\ } Name\nLine", NULL), "evil");
  assert_string_equal(find("x\" } ; DROP ALL ; #", NULL), "");
  assert_string_equal(find("}}}", NULL), "");
  assert_string_equal(find("", NULL), "");
}

static void test_date_compare(void **state) {
  (void)state;
  assert_true(vitae_trace_date_compare("2019", "2019-03") < 0);
  assert_true(vitae_trace_date_compare("2019-03", "2019-03-20") < 0);
  assert_true(vitae_trace_date_compare("2019-03-20", "2019-04") < 0);
  assert_true(vitae_trace_date_compare("2019-12-31", "2020") < 0);
  assert_true(vitae_trace_date_compare("-0050", "0010") < 0);
  assert_true(vitae_trace_date_compare("12019", "2019") > 0);
  assert_int_equal(vitae_trace_date_compare("2019-06-12Z", "2019-06-12"), 0);
  assert_true(vitae_trace_date_compare("2019", NULL) < 0);
  assert_true(vitae_trace_date_compare("soon", "2019") > 0);
  assert_true(vitae_trace_date_compare("soon", NULL) < 0);
  assert_int_equal(vitae_trace_date_compare(NULL, NULL), 0);
}

static const vitae_trace_fact *fact(const vitae_trace_card *c, const char *relation,
                                    const char *object) {
  for (size_t i = 0; i < c->nfacts; i++) {
    const vitae_trace_fact *f = &c->facts[i];
    const char *o = f->nobjects ? f->objects[0].label : f->value ? f->value : "";
    if (!strcmp(f->relation, relation) && !strcmp(o, object)) return f;
  }
  fail_msg("no fact %s %s", relation, object);
  return NULL;
}

static void test_card(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_trace_card c;
  assert_int_equal(vitae_trace_card_build(S, EX "alpha", &c, &err), VITAE_OK);
  assert_string_equal(c.entity.label, "Alpha Émile Example");
  assert_int_equal(c.nalt, 1);
  const vitae_trace_fact *f = fact(&c, "spouse", "Spouse Sierra");
  assert_string_equal(f->group, "Family");
  assert_false(f->inferred);
  assert_int_equal(f->nevidence, 1);
  assert_string_equal(f->evidence[0].text, "Example married Spouse Sierra.");
  assert_string_equal(f->evidence[0].source, "testland.txt");
  f = fact(&c, "born", "1950-02-03");
  assert_string_equal(f->start, "1950-02-03");
  assert_int_equal(f->nevidence, 1);
  f = fact(&c, "met", "Zed Zulu");
  assert_int_equal(f->kind, VITAE_TRACE_MEETING);
  assert_string_equal(f->start, "1996-05-02");
  assert_string_equal(f->place, "Capital City");
  f = fact(&c, "office", "President of Testland");
  assert_string_equal(f->end, "1995-03-01");
  assert_non_null(strstr(f->notes, "appointed by Founder One"));
  assert_non_null(strstr(f->notes, "before Beta Bravo (inferred)"));
  /* an inferred tie is shown only where no asserted fact says it: the
   * spouse is not repeated as a vt:relative */
  for (size_t i = 0; i < c.nfacts; i++)
    if (!strcmp(c.facts[i].relation, "relative")) fail_msg("relative repeats a family tie");
  /* groups come in their fixed order */
  const char *order[] = {"Life", "Offices", "Family", "Meetings", "Visits", "Succession"};
  size_t k = 0;
  for (size_t i = 0; i < c.nfacts; i++) {
    while (k < 6 && strcmp(c.facts[i].group, order[k])) k++;
    if (k == 6) fail_msg("group %s out of order", c.facts[i].group);
  }
  vitae_trace_card_free(&c);
}

static void test_timeline(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_trace_timeline t;
  assert_int_equal(vitae_trace_timeline_build(S, EX "alpha", &t, &err), VITAE_OK);
  const char *want[] = {"born", "took office", "left office", "met", "visited", "met"};
  assert_int_equal(t.nevents, 6);
  for (size_t i = 0; i < t.nevents; i++) {
    assert_string_equal(t.events[i].what, want[i]);
    if (i + 1 < t.nevents) assert_true(vitae_trace_date_compare(t.events[i].date, t.events[i + 1].date) <= 0);
  }
  assert_null(t.events[5].date); /* the undated meeting comes last */
  vitae_trace_timeline_free(&t);
}

static void test_succession(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_trace_succession s;
  assert_int_equal(vitae_trace_succession_build(S, EX "office", &s, &err), VITAE_OK);
  assert_string_equal(s.office.label, "President of Testland");
  assert_int_equal(s.n, 4);
  const char *holders[] = {"Alpha Émile Example", "Beta Bravo", "Gamma Charlie", "Delta Dawn"};
  for (size_t i = 0; i < 4; i++) assert_string_equal(s.tenures[i].holder.label, holders[i]);
  assert_int_equal(s.tenures[0].nappointed_by, 1);
  assert_string_equal(s.tenures[0].appointed_by[0].label, "Founder One");
  assert_true(s.tenures[1].acting);
  assert_false(s.tenures[0].acting);
  assert_int_equal(s.tenures[1].ndismissed_by, 1);
  /* t2's predecessor is only implied by the dates: the inferred graph has it */
  assert_int_equal(s.tenures[1].npredecessors, 1);
  assert_string_equal(s.tenures[1].predecessors[0].label, "Alpha Émile Example");
  assert_non_null(strstr(s.tenures[1].links_inferred, "predecessor"));
  assert_string_equal(s.tenures[2].links_inferred, "");
  assert_null(s.tenures[3].tenure);
  assert_non_null(strstr(s.tenures[3].note, "successor of Gamma Charlie"));
  assert_int_equal(s.tenures[0].nevidence, 1);
  assert_non_null(strstr(s.tenures[0].evidence[0].text, "appointed President of Testland"));
  vitae_trace_succession_free(&s);
}

/* Whether the network has the tie "from relation to". */
static int has_tie(const vitae_trace_network *n, const char *from, const char *relation,
                   const char *to) {
  for (size_t i = 0; i < n->nedges; i++) {
    const vitae_trace_edge *e = &n->edges[i];
    if (!strcmp(e->relation, relation) && !strcmp(n->people[e->from].ref.iri, from) &&
        !strcmp(n->people[e->to].ref.iri, to))
      return 1;
  }
  return 0;
}

static void test_network(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_trace_network n;
  assert_int_equal(vitae_trace_network_build(S, EX "alpha", 1, &n, &err), VITAE_OK);
  assert_string_equal(n.people[0].ref.iri, EX "alpha");
  assert_true(has_tie(&n, EX "alpha", "met", EX "zed"));
  assert_true(has_tie(&n, EX "alpha", "spouse", EX "spouse"));
  assert_true(has_tie(&n, EX "alpha", "child of", EX "father"));
  assert_true(has_tie(&n, EX "founder", "appointed", EX "alpha"));
  assert_true(has_tie(&n, EX "alpha", "succeeded by", EX "beta"));
  assert_false(has_tie(&n, EX "beta", "succeeded by", EX "gamma")); /* two steps out */
  for (size_t i = 0; i < n.nedges; i++)
    if (!strcmp(n.edges[i].relation, "met") && n.edges[i].to < n.npeople &&
        !strcmp(n.people[n.edges[i].to].ref.iri, EX "zed")) {
      assert_string_equal(n.edges[i].date, "1996-05-02");
      assert_string_equal(n.edges[i].place, "Capital City");
      assert_int_equal(n.edges[i].nevidence, 1);
    }
  size_t one = n.npeople;
  vitae_trace_network_free(&n);
  assert_int_equal(vitae_trace_network_build(S, EX "alpha", 2, &n, &err), VITAE_OK);
  assert_true(has_tie(&n, EX "beta", "succeeded by", EX "gamma"));
  assert_true(has_tie(&n, EX "gamma", "dismissed", EX "beta"));
  assert_true(n.npeople > one);
  for (size_t i = 1; i < n.npeople; i++) assert_in_range(n.people[i].distance, 1, 2);
  vitae_trace_network_free(&n);
  assert_int_equal(vitae_trace_network_build(S, EX "alpha", 0, &n, &err), VITAE_ERR_USAGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_find),       cmocka_unit_test(test_date_compare),
      cmocka_unit_test(test_card),       cmocka_unit_test(test_timeline),
      cmocka_unit_test(test_succession), cmocka_unit_test(test_network),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
