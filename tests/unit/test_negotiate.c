/* Unit tests for src/serve/negotiate.c: Accept parsing and the choice of a
 * media type (q-values, wildcards, specificity, malformed headers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "serve/negotiate.h"

static const char *const RESULTS[] = {"application/sparql-results+json",
                                      "application/sparql-results+xml", "text/csv",
                                      "text/tab-separated-values"};
#define N_RESULTS 4

static void test_missing_accepts_all(void **state) {
  assert_int_equal(vitae_negotiate(NULL, RESULTS, N_RESULTS), 0);
  assert_int_equal(vitae_negotiate("", RESULTS, N_RESULTS), 0);
  assert_int_equal(vitae_negotiate("  ", RESULTS, N_RESULTS), 0);
  assert_int_equal(vitae_negotiate("*/*", RESULTS, N_RESULTS), 0);
}

static void test_exact_and_case(void **state) {
  assert_int_equal(vitae_negotiate("text/csv", RESULTS, N_RESULTS), 2);
  assert_int_equal(vitae_negotiate("TEXT/Tab-Separated-Values", RESULTS, N_RESULTS), 3);
  assert_int_equal(vitae_negotiate("application/sparql-results+xml; charset=utf-8", RESULTS,
                                   N_RESULTS), 1);
}

static void test_qvalues(void **state) {
  assert_int_equal(vitae_negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULTS,
                                   N_RESULTS), 1);
  assert_int_equal(vitae_negotiate("text/csv;q=0.9, application/sparql-results+xml;q=0.2",
                                   RESULTS, N_RESULTS), 2);
  assert_int_equal(vitae_negotiate("text/csv ; Q=1.000", RESULTS, N_RESULTS), 2);
  /* q=0 means "not acceptable" */
  assert_int_equal(vitae_negotiate("text/csv;q=0", RESULTS, N_RESULTS), -1);
  assert_int_equal(vitae_negotiate("*/*;q=0.1, application/sparql-results+json;q=0", RESULTS,
                                   N_RESULTS), 1);
  int spec;
  assert_int_equal(vitae_accept_quality("text/*;q=0.25", "text/csv", &spec), 250);
  assert_int_equal(spec, 2);
}

static void test_specificity(void **state) {
  /* the most specific range decides, whatever its order */
  assert_int_equal(vitae_accept_quality("text/*;q=0.3, text/csv;q=0.8, */*;q=0.1", "text/csv",
                                        NULL), 800);
  assert_int_equal(vitae_accept_quality("text/*;q=0.3, text/csv;q=0.8, */*;q=0.1",
                                        "text/tab-separated-values", NULL), 300);
  assert_int_equal(vitae_accept_quality("text/*;q=0.3, text/csv;q=0.8, */*;q=0.1",
                                        "application/sparql-results+json", NULL), 100);
  /* equal quality: an exact match beats a wildcard */
  assert_int_equal(vitae_negotiate("*/*, text/csv", RESULTS, N_RESULTS), 2);
  /* a browser: text/html first, then any type at q=0.8 gives JSON (offered first) */
  assert_int_equal(vitae_negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                   RESULTS, N_RESULTS), 0);
}

static void test_unacceptable(void **state) {
  assert_int_equal(vitae_negotiate("image/png", RESULTS, N_RESULTS), -1);
  assert_int_equal(vitae_negotiate("text/html", RESULTS, N_RESULTS), -1);
  /* a type no range names is not acceptable */
  assert_int_equal(vitae_negotiate("application/*;q=0", RESULTS, N_RESULTS), -1);
}

static void test_malformed(void **state) {
  static const char *const bad[] = {",,,", ";;;", "text", "/csv", "text/", "*/csv;q=1",
                                    "text/csv;q=2", "text/csv;q=0.1234", "text/csv;q=abc",
                                    "text/csv;q=", "=;=,/", "\t,\t"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_int_equal(vitae_negotiate(bad[i], RESULTS, N_RESULTS), -1);
  /* a malformed range is skipped, the good one after it still counts */
  assert_int_equal(vitae_negotiate("text/csv;q=9, text/tab-separated-values", RESULTS, N_RESULTS),
                   3);
  /* very long, hostile input */
  static char big[100000];
  memset(big, ',', sizeof big - 1);
  memcpy(big + 5000, "text/csv", 8);
  assert_int_equal(vitae_negotiate(big, RESULTS, N_RESULTS), 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_missing_accepts_all), cmocka_unit_test(test_exact_and_case),
      cmocka_unit_test(test_qvalues),             cmocka_unit_test(test_specificity),
      cmocka_unit_test(test_unacceptable),        cmocka_unit_test(test_malformed)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
