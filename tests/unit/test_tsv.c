/* Unit tests for src/extract/tsv: the gazetteer TSV reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/tsv.h"

#define S(lit) lit, sizeof lit - 1

static vitae_tsv *open_str(const char *name, const char *data, size_t len, size_t nfields) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_tsv *t = NULL;
  if (vitae_tsv_open_bytes(name, data, len, nfields, &t, &err) != VITAE_OK)
    fail_msg("open failed: %s", err.message);
  return t;
}

/* Reads the next row, which must exist. */
static void next_ok(vitae_tsv *t) {
  vitae_error err;
  vitae_error_clear(&err);
  int has = 0;
  assert_int_equal(vitae_tsv_next_row(t, &has, &err), VITAE_OK);
  assert_int_equal(has, 1);
}

static void expect_end(vitae_tsv *t) {
  vitae_error err;
  vitae_error_clear(&err);
  int has = 1;
  assert_int_equal(vitae_tsv_next_row(t, &has, &err), VITAE_OK);
  assert_int_equal(has, 0);
  assert_int_equal(vitae_tsv_field_count(t), 0);
}

static void expect_field(vitae_tsv *t, size_t i, const char *want) {
  size_t len = 99;
  const char *f = vitae_tsv_field(t, i, &len);
  assert_non_null(f);
  assert_string_equal(f, want);
  assert_int_equal(len, strlen(want));
}

/* The printed error, as the user sees it. */
static void expect_printed(const vitae_error *err, const char *want) {
  char out[512];
  FILE *f = fmemopen(out, sizeof out, "w");
  assert_non_null(f);
  vitae_error_print(err, f);
  fclose(f);
  assert_string_equal(out, want);
}

static void test_rows_comments_blanks(void **state) {
  (void)state;
  vitae_tsv *t = open_str("months.tsv",
                          S("# number\tnames\n"
                            "\n"
                            "1\tJanuary|Jan.|Jan\n"
                            "   \n"
                            "#2\tcommented out\n"
                            "2\tFebruary|Feb.\n"),
                          2);
  assert_int_equal(vitae_tsv_line(t), 0);
  next_ok(t);
  assert_int_equal(vitae_tsv_line(t), 3);
  assert_int_equal(vitae_tsv_field_count(t), 2);
  expect_field(t, 0, "1");
  expect_field(t, 1, "January|Jan.|Jan");
  next_ok(t);
  assert_int_equal(vitae_tsv_line(t), 6);
  expect_field(t, 1, "February|Feb.");
  expect_end(t);
  expect_end(t); /* stays at the end */
  assert_string_equal(vitae_tsv_name(t), "months.tsv");
  vitae_tsv_close(t);
}

static void test_crlf_bom_last_line(void **state) {
  (void)state;
  vitae_tsv *t = open_str("x.tsv", S("\xEF\xBB\xBF" "a\tb\r\nc\td"), 2);
  next_ok(t);
  expect_field(t, 0, "a");
  expect_field(t, 1, "b"); /* CR dropped */
  next_ok(t);
  assert_int_equal(vitae_tsv_line(t), 2);
  expect_field(t, 0, "c");
  expect_field(t, 1, "d"); /* last line without LF */
  expect_end(t);
  vitae_tsv_close(t);
}

static void test_empty_fields(void **state) {
  (void)state;
  vitae_tsv *t = open_str("x.tsv", S("a\t\tc\n\t\tz\n"), 3);
  next_ok(t);
  expect_field(t, 0, "a");
  expect_field(t, 1, "");
  expect_field(t, 2, "c");
  next_ok(t);
  expect_field(t, 0, "");
  expect_field(t, 2, "z");
  size_t len = 7;
  assert_null(vitae_tsv_field(t, 3, &len));
  assert_int_equal(len, 0);
  assert_null(vitae_tsv_field(t, 3, NULL));
  vitae_tsv_close(t);
}

static void test_field_count_error(void **state) {
  (void)state;
  vitae_tsv *t = open_str("ontology/gazetteer/countries.tsv",
                          S("# code\tname\tdemonym\tcapital\tcontinent\tlanguage\n"
                            "KZ\tKazakhstan\tKazakh\tAstana\tAsia\tkk\n"
                            "\n"
                            "RU\tRussia\tRussian\tMoscow\tEurope\n"),
                          6);
  next_ok(t);
  vitae_error err;
  vitae_error_clear(&err);
  int has = 1;
  assert_int_equal(vitae_tsv_next_row(t, &has, &err), VITAE_ERR_SYNTAX);
  assert_int_equal(has, 0);
  assert_int_equal(err.line, 4);
  assert_string_equal(err.message, "5 fields, expected 6");
  expect_printed(&err, "vitae: ontology/gazetteer/countries.tsv:4: 5 fields, expected 6\n");
  /* The error is sticky. */
  vitae_error err2;
  vitae_error_clear(&err2);
  assert_int_equal(vitae_tsv_next_row(t, &has, &err2), VITAE_ERR_SYNTAX);
  vitae_tsv_close(t);
}

static void test_too_many_and_singular(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  int has;
  vitae_tsv *t = open_str("a.tsv", S("one\n"), 2);
  assert_int_equal(vitae_tsv_next_row(t, &has, &err), VITAE_ERR_SYNTAX);
  assert_string_equal(err.message, "1 field, expected 2");
  assert_int_equal(err.line, 1);
  vitae_tsv_close(t);
  vitae_error_clear(&err);
  t = open_str("b.tsv", S("a\tb\n\na\tb\tc\n"), 2);
  next_ok(t);
  assert_int_equal(vitae_tsv_next_row(t, &has, &err), VITAE_ERR_SYNTAX);
  assert_string_equal(err.message, "3 fields, expected 2");
  assert_int_equal(err.line, 3);
  /* A trailing TAB is an extra (empty) field. */
  vitae_tsv_close(t);
  vitae_error_clear(&err);
  t = open_str("c.tsv", S("a\tb\t\n"), 2);
  assert_int_equal(vitae_tsv_next_row(t, &has, &err), VITAE_ERR_SYNTAX);
  assert_string_equal(err.message, "3 fields, expected 2");
  vitae_tsv_close(t);
}

static void test_any_field_count(void **state) {
  (void)state;
  vitae_tsv *t = open_str("x.tsv", S("a\nb\tc\nd\te\tf\n"), 0);
  next_ok(t);
  assert_int_equal(vitae_tsv_field_count(t), 1);
  next_ok(t);
  assert_int_equal(vitae_tsv_field_count(t), 2);
  next_ok(t);
  assert_int_equal(vitae_tsv_field_count(t), 3);
  expect_field(t, 2, "f");
  expect_end(t);
  vitae_tsv_close(t);
}

static void test_many_fields(void **state) {
  (void)state;
  char line[512] = "";
  for (int i = 0; i < 40; i++) {
    char f[16];
    snprintf(f, sizeof f, "%sf%d", i ? "\t" : "", i);
    strcat(line, f);
  }
  strcat(line, "\n");
  vitae_tsv *t = open_str("wide.tsv", line, strlen(line), 40);
  next_ok(t);
  expect_field(t, 0, "f0");
  expect_field(t, 39, "f39");
  vitae_tsv_close(t);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_tsv *t = (vitae_tsv *)1;
  assert_int_equal(vitae_tsv_open_bytes("c.tsv", S("ok\tyes\nKZ\tQaza\xC0\xAFstan\n"), 2, &t, &err),
                   VITAE_ERR_SYNTAX);
  assert_null(t);
  assert_string_equal(err.file, "c.tsv");
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 8);
  assert_non_null(strstr(err.message, "invalid UTF-8"));
  assert_non_null(strstr(err.message, "overlong"));
  vitae_error_clear(&err);
  assert_int_equal(vitae_tsv_open_bytes("d.tsv", S("a\n\nb\xE2\x82"), 0, &t, &err),
                   VITAE_ERR_SYNTAX);
  assert_int_equal(err.line, 3);
}

static void test_nul_byte(void **state) {
  (void)state;
  vitae_error err;
  vitae_error_clear(&err);
  vitae_tsv *t = (vitae_tsv *)1;
  assert_int_equal(vitae_tsv_open_bytes("n.tsv", S("a\tb\nc\0\td\n"), 2, &t, &err),
                   VITAE_ERR_SYNTAX);
  assert_null(t);
  assert_int_equal(err.line, 2);
  assert_non_null(strstr(err.message, "NUL"));
}

static void test_split(void **state) {
  (void)state;
  vitae_tsv_value v[4];
  const char *f = "January|Jan.|Jan";
  assert_int_equal(vitae_tsv_split(f, strlen(f), v, 4), 3);
  assert_int_equal(v[0].len, 7);
  assert_memory_equal(v[0].s, "January", 7);
  assert_int_equal(v[1].len, 4);
  assert_memory_equal(v[1].s, "Jan.", 4);
  assert_int_equal(v[2].len, 3);
  assert_memory_equal(v[2].s, "Jan", 3);
  /* Trimmed, empty values dropped. */
  f = " U.S. || United States |";
  assert_int_equal(vitae_tsv_split(f, strlen(f), v, 4), 2);
  assert_int_equal(v[0].len, 4);
  assert_memory_equal(v[0].s, "U.S.", 4);
  assert_int_equal(v[1].len, 13);
  assert_memory_equal(v[1].s, "United States", 13);
  /* More values than room: the total is still returned. */
  f = "a|b|c|d|e|f";
  assert_int_equal(vitae_tsv_split(f, strlen(f), v, 2), 6);
  assert_memory_equal(v[1].s, "b", 1);
  assert_int_equal(vitae_tsv_split(f, strlen(f), NULL, 0), 6);
  assert_int_equal(vitae_tsv_split("", 0, v, 4), 0);
  assert_int_equal(vitae_tsv_split("|", 1, v, 4), 0);
  assert_int_equal(vitae_tsv_split(NULL, 0, v, 4), 0);
  /* A length shorter than the string is honoured. */
  assert_int_equal(vitae_tsv_split("ab|cd", 2, v, 4), 1);
  assert_int_equal(v[0].len, 2);
}

static void test_files(void **state) {
  (void)state;
  char path[] = "/tmp/vitae-tsv-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  const char data[] = "# a comment\n3\tMarch|Mar.\n";
  assert_int_equal(write(fd, data, sizeof data - 1), (ssize_t)(sizeof data - 1));
  close(fd);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_tsv *t = NULL;
  assert_int_equal(vitae_tsv_open(path, 2, &t, &err), VITAE_OK);
  next_ok(t);
  assert_int_equal(vitae_tsv_line(t), 2);
  expect_field(t, 1, "March|Mar.");
  expect_end(t);
  assert_string_equal(vitae_tsv_name(t), path);
  vitae_tsv_close(t);
  unlink(path);
  vitae_error_clear(&err);
  t = (vitae_tsv *)1;
  assert_int_equal(vitae_tsv_open(path, 2, &t, &err), VITAE_ERR_IO);
  assert_null(t);
  assert_string_equal(err.file, path);
  assert_string_equal(err.message, "No such file or directory");
}

static void test_null_safety(void **state) {
  (void)state;
  vitae_tsv_close(NULL);
  assert_int_equal(vitae_tsv_field_count(NULL), 0);
  assert_null(vitae_tsv_field(NULL, 0, NULL));
  assert_int_equal(vitae_tsv_line(NULL), 0);
  vitae_error err;
  vitae_error_clear(&err);
  int has;
  assert_int_equal(vitae_tsv_next_row(NULL, &has, &err), VITAE_ERR_USAGE);
  vitae_tsv *t = open_str("e.tsv", "", 0, 2);
  expect_end(t);
  vitae_tsv_close(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows_comments_blanks),
      cmocka_unit_test(test_crlf_bom_last_line),
      cmocka_unit_test(test_empty_fields),
      cmocka_unit_test(test_field_count_error),
      cmocka_unit_test(test_too_many_and_singular),
      cmocka_unit_test(test_any_field_count),
      cmocka_unit_test(test_many_fields),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_nul_byte),
      cmocka_unit_test(test_split),
      cmocka_unit_test(test_files),
      cmocka_unit_test(test_null_safety),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
