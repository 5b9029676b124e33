/* Unit tests for src/core: status names and exit codes, the error record,
 * the growable buffer, the string map and the data directory.
 * Every expected value is written by hand below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/datadir.h"
#include "core/error.h"
#include "core/status.h"
#include "core/strmap.h"

/* ---- status ---- */

static void test_strerror_every_status(void **state) {
  assert_string_equal(vitae_strerror(VITAE_OK), "success");
  assert_string_equal(vitae_strerror(VITAE_ERR_USAGE), "usage error");
  assert_string_equal(vitae_strerror(VITAE_ERR_IO), "input/output error");
  assert_string_equal(vitae_strerror(VITAE_ERR_SYNTAX), "syntax error");
  assert_string_equal(vitae_strerror(VITAE_ERR_STORE), "store error");
  assert_string_equal(vitae_strerror(VITAE_ERR_QUERY), "query error");
  assert_string_equal(vitae_strerror(VITAE_ERR_NOMEM), "out of memory");
  assert_string_equal(vitae_strerror(VITAE_ERR_UNSUPPORTED), "not supported");
  assert_string_equal(vitae_strerror(VITAE_ERR_NOTFOUND), "not found");
  assert_string_equal(vitae_strerror(VITAE_ERR_INPUT), "unusable input");
  /* a value outside the enum still gets a string, not NULL */
  assert_string_equal(vitae_strerror((vitae_status)999), "unknown error");
}

static void test_exit_codes(void **state) {
  assert_int_equal(vitae_status_exit_code(VITAE_OK), 0);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_USAGE), 2);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_IO), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_SYNTAX), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_STORE), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_QUERY), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_NOMEM), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_UNSUPPORTED), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_NOTFOUND), 1);
  assert_int_equal(vitae_status_exit_code(VITAE_ERR_INPUT), 1);
}

/* ---- error ---- */

/* What vitae_error_print writes, as a string (caller frees). */
static char *printed(const vitae_error *err) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_non_null(f);
  vitae_error_print(err, f);
  assert_int_equal(fclose(f), 0);
  assert_non_null(text);
  return text;
}

static void expect_printed(const vitae_error *err, const char *want) {
  char *got = printed(err);
  assert_string_equal(got, want);
  free(got);
}

static void test_error_clear(void **state) {
  vitae_error err;
  memset(&err, 0x55, sizeof err);
  vitae_error_clear(&err);
  assert_int_equal(err.status, VITAE_OK);
  assert_string_equal(err.file, "");
  assert_int_equal(err.line, 0);
  assert_int_equal(err.column, 0);
  assert_string_equal(err.message, "");
  vitae_error_clear(NULL); /* allowed */
  expect_printed(&err, ""); /* nothing to print when OK */
}

static void test_error_set_returns_status_and_records(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_error_set(&err, VITAE_ERR_SYNTAX, "in.ttl", 3, 7, "bad %s #%d", "token", 42),
                   VITAE_ERR_SYNTAX);
  assert_int_equal(err.status, VITAE_ERR_SYNTAX);
  assert_string_equal(err.file, "in.ttl");
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 7);
  assert_string_equal(err.message, "bad token #42");
  expect_printed(&err, "vitae: in.ttl:3:7: bad token #42\n");
  /* err == NULL: the status still comes back */
  assert_int_equal(vitae_error_set(NULL, VITAE_ERR_IO, "x", 1, 1, "ignored"), VITAE_ERR_IO);
}

static void test_error_keeps_first(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_IO, "first.txt", 1, 2, "root cause");
  assert_int_equal(vitae_error_set(&err, VITAE_ERR_STORE, "second.txt", 9, 9, "consequence"),
                   VITAE_ERR_STORE);
  assert_int_equal(err.status, VITAE_ERR_IO);
  assert_string_equal(err.file, "first.txt");
  assert_int_equal(err.line, 1);
  assert_int_equal(err.column, 2);
  assert_string_equal(err.message, "root cause");
  expect_printed(&err, "vitae: first.txt:1:2: root cause\n");
  /* after clearing, a new error is recorded */
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_QUERY, NULL, 0, 0, "again");
  assert_int_equal(err.status, VITAE_ERR_QUERY);
  assert_string_equal(err.file, "");
  expect_printed(&err, "vitae: again\n");
}

static void test_error_strips_newlines(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_SYNTAX, "a.ttl", 2, 0, "%s", "line one\nline two\r\n");
  assert_string_equal(err.message, "line one line two");
  assert_null(strchr(err.message, '\n'));
  expect_printed(&err, "vitae: a.ttl:2: line one line two\n");
}

static void test_error_print_omits_unknown_parts(void **state) {
  vitae_error err;
  /* file only */
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_IO, "/no/such", 0, 0, "No such file or directory");
  expect_printed(&err, "vitae: /no/such: No such file or directory\n");
  /* file and line, no column */
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_SYNTAX, "r.rules", 12, 0, "unknown slot 'x'");
  expect_printed(&err, "vitae: r.rules:12: unknown slot 'x'\n");
  /* a column without a line is not printed */
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_SYNTAX, "r.rules", 0, 5, "odd");
  expect_printed(&err, "vitae: r.rules: odd\n");
  /* no file: no location even with a line */
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_USAGE, NULL, 4, 2, "bad option");
  expect_printed(&err, "vitae: bad option\n");
  /* an empty message falls back to the status name */
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_NOTFOUND, "g", 0, 0, "%s", "");
  expect_printed(&err, "vitae: g: not found\n");
}

static void test_error_long_message_truncated(void **state) {
  char big[3000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  vitae_error err;
  vitae_error_clear(&err);
  vitae_error_set(&err, VITAE_ERR_INPUT, big, 1, 1, "%s", big);
  assert_int_equal(strlen(err.message), VITAE_ERROR_MESSAGE_MAX - 1);
  assert_int_equal(strlen(err.file), VITAE_ERROR_FILE_MAX - 1);
}

/* ---- buf ---- */

static void test_buf_empty(void **state) {
  vitae_buf b = VITAE_BUF_INIT;
  assert_null(b.data);
  assert_string_equal(vitae_buf_str(&b), "");
  char *p = vitae_buf_take(&b); /* never NULL: an empty string */
  assert_non_null(p);
  assert_string_equal(p, "");
  free(p);
  vitae_buf_free(&b);
  assert_null(b.data);
}

static void test_buf_append_printf_take(void **state) {
  vitae_buf b = VITAE_BUF_INIT;
  assert_int_equal(vitae_buf_append(&b, "abcdef", 3), VITAE_OK);
  assert_int_equal(vitae_buf_puts(&b, "-xyz"), VITAE_OK);
  assert_int_equal(vitae_buf_putc(&b, '!'), VITAE_OK);
  assert_int_equal(vitae_buf_printf(&b, "[%d|%s|%05.1f]", -7, "q", 2.5), VITAE_OK);
  assert_int_equal(vitae_buf_append(&b, "ignored", 0), VITAE_OK);
  assert_string_equal(vitae_buf_str(&b), "abc-xyz![-7|q|002.5]");
  assert_int_equal(b.len, 20);
  assert_true(b.cap > b.len);
  assert_int_equal(b.failed, 0);
  char *p = vitae_buf_take(&b);
  assert_string_equal(p, "abc-xyz![-7|q|002.5]");
  free(p);
  /* take leaves the buffer empty and reusable */
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, 0);
  assert_string_equal(vitae_buf_str(&b), "");
  vitae_buf_puts(&b, "again");
  assert_string_equal(vitae_buf_str(&b), "again");
  vitae_buf_free(&b);
}

static void test_buf_embedded_nul(void **state) {
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_append(&b, "a\0b", 3);
  assert_int_equal(b.len, 3);
  assert_memory_equal(b.data, "a\0b\0", 4);
  vitae_buf_free(&b);
}

static void test_buf_reset_keeps_capacity(void **state) {
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_puts(&b, "some text that is here");
  size_t cap = b.cap;
  char *data = b.data;
  vitae_buf_reset(&b);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, cap);
  assert_ptr_equal(b.data, data);
  assert_string_equal(vitae_buf_str(&b), "");
  vitae_buf_puts(&b, "new");
  assert_string_equal(vitae_buf_str(&b), "new");
  vitae_buf_free(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, 0);
  /* reset of a never-used buffer is harmless */
  vitae_buf_reset(&b);
  assert_string_equal(vitae_buf_str(&b), "");
}

static void test_buf_grows_past_many_kb(void **state) {
  vitae_buf b = VITAE_BUF_INIT;
  /* 20000 lines "line NNNNN\n" = 11 bytes each = 220000 bytes */
  for (int i = 0; i < 20000; i++) assert_int_equal(vitae_buf_printf(&b, "line %05d\n", i), VITAE_OK);
  assert_int_equal(b.len, 220000);
  assert_int_equal(strlen(vitae_buf_str(&b)), 220000);
  assert_true(b.cap >= 220001);
  assert_int_equal(b.failed, 0);
  assert_memory_equal(b.data, "line 00000\nline 00001\n", 22);
  assert_string_equal(b.data + 219989, "line 19999\n");
  assert_memory_equal(b.data + 11 * 12345, "line 12345\n", 11);
  /* one big append too */
  char big[70000];
  memset(big, 'z', sizeof big);
  assert_int_equal(vitae_buf_append(&b, big, sizeof big), VITAE_OK);
  assert_int_equal(b.len, 290000);
  assert_int_equal(b.data[289999], 'z');
  assert_int_equal(b.data[290000], '\0');
  assert_int_equal(b.failed, 0);
  vitae_buf_free(&b);
}

static void test_buf_reserve(void **state) {
  vitae_buf b = VITAE_BUF_INIT;
  assert_int_equal(vitae_buf_reserve(&b, 1000), VITAE_OK);
  assert_true(b.cap >= 1001);
  assert_int_equal(b.len, 0);
  /* an impossible size fails and marks the buffer */
  assert_int_equal(vitae_buf_reserve(&b, (size_t)-1), VITAE_ERR_NOMEM);
  assert_int_equal(b.failed, 1);
  vitae_buf_free(&b);
  assert_int_equal(b.failed, 0);
}

/* ---- strmap ---- */

static void test_strmap_basic(void **state) {
  vitae_strmap m = VITAE_STRMAP_INIT;
  assert_int_equal(vitae_strmap_get(&m, "absent", -5), -5); /* empty map */
  assert_int_equal(vitae_strmap_put(&m, "alpha", 1), 0);
  assert_int_equal(vitae_strmap_put(&m, "beta", 2), 0);
  assert_int_equal(vitae_strmap_put(&m, "", 3), 0); /* the empty key is a key */
  assert_int_equal(vitae_strmap_get(&m, "alpha", -1), 1);
  assert_int_equal(vitae_strmap_get(&m, "beta", -1), 2);
  assert_int_equal(vitae_strmap_get(&m, "", -1), 3);
  assert_int_equal(vitae_strmap_get(&m, "gamma", -1), -1);
  assert_int_equal(vitae_strmap_get(&m, "Alpha", 77), 77); /* case matters */
  assert_int_equal(m.n, 3);
  /* overwrite: same count, new value */
  assert_int_equal(vitae_strmap_put(&m, "alpha", -1234567890123LL), 0);
  assert_int_equal(m.n, 3);
  assert_true(vitae_strmap_get(&m, "alpha", 0) == -1234567890123LL);
  vitae_strmap_free(&m);
  assert_int_equal(m.n, 0);
  assert_int_equal(vitae_strmap_get(&m, "alpha", 9), 9);
}

static void test_strmap_copies_keys(void **state) {
  vitae_strmap m = VITAE_STRMAP_INIT;
  char key[8] = "temp";
  vitae_strmap_put(&m, key, 10);
  strcpy(key, "xxxx");
  assert_int_equal(vitae_strmap_get(&m, "temp", -1), 10);
  assert_int_equal(vitae_strmap_get(&m, "xxxx", -1), -1);
  vitae_strmap_free(&m);
}

static void test_strmap_many_keys(void **state) {
  vitae_strmap m = VITAE_STRMAP_INIT;
  char key[32];
  for (int i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "key-%d", i);
    assert_int_equal(vitae_strmap_put(&m, key, i * 3), 0);
  }
  assert_int_equal(m.n, 5000);
  assert_true(m.cap >= 10000); /* grew, load factor at most 1/2 */
  for (int i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "key-%d", i);
    assert_int_equal(vitae_strmap_get(&m, key, -1), i * 3);
  }
  assert_int_equal(vitae_strmap_get(&m, "key-5000", -1), -1);
  assert_int_equal(vitae_strmap_get(&m, "key-", -1), -1);
  /* overwrite every other key after growth */
  for (int i = 0; i < 5000; i += 2) {
    snprintf(key, sizeof key, "key-%d", i);
    vitae_strmap_put(&m, key, -i);
  }
  assert_int_equal(m.n, 5000);
  assert_int_equal(vitae_strmap_get(&m, "key-4998", 1), -4998);
  assert_int_equal(vitae_strmap_get(&m, "key-4999", 1), 4999 * 3);
  vitae_strmap_free(&m);
}

/* ---- datadir ---- */

static char *saved_datadir;

static int save_env(void **state) {
  const char *d = getenv("VITAE_DATADIR");
  saved_datadir = d ? strdup(d) : NULL;
  return 0;
}

static int restore_env(void **state) {
  if (saved_datadir) setenv("VITAE_DATADIR", saved_datadir, 1);
  else unsetenv("VITAE_DATADIR");
  free(saved_datadir);
  saved_datadir = NULL;
  return 0;
}

static void test_datadir_env(void **state) {
  setenv("VITAE_DATADIR", "/tmp/vitae-data-test", 1);
  assert_string_equal(vitae_datadir(), "/tmp/vitae-data-test");
  char out[64];
  assert_ptr_equal(vitae_datadir_path("ontology/vitae.ttl", out, sizeof out), out);
  assert_string_equal(out, "/tmp/vitae-data-test/ontology/vitae.ttl");
  /* an empty $VITAE_DATADIR is ignored */
  setenv("VITAE_DATADIR", "", 1);
  assert_string_not_equal(vitae_datadir(), "");
}

static void test_datadir_path_truncation(void **state) {
  setenv("VITAE_DATADIR", "/d", 1);
  /* "/d/abc" is 6 bytes: fits in 7, not in 6 */
  char out[16];
  assert_ptr_equal(vitae_datadir_path("abc", out, 7), out);
  assert_string_equal(out, "/d/abc");
  assert_null(vitae_datadir_path("abc", out, 6));
  assert_null(vitae_datadir_path("abc", out, 1));
  char longname[200];
  memset(longname, 'n', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  assert_null(vitae_datadir_path(longname, out, sizeof out));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strerror_every_status),
      cmocka_unit_test(test_exit_codes),
      cmocka_unit_test(test_error_clear),
      cmocka_unit_test(test_error_set_returns_status_and_records),
      cmocka_unit_test(test_error_keeps_first),
      cmocka_unit_test(test_error_strips_newlines),
      cmocka_unit_test(test_error_print_omits_unknown_parts),
      cmocka_unit_test(test_error_long_message_truncated),
      cmocka_unit_test(test_buf_empty),
      cmocka_unit_test(test_buf_append_printf_take),
      cmocka_unit_test(test_buf_embedded_nul),
      cmocka_unit_test(test_buf_reset_keeps_capacity),
      cmocka_unit_test(test_buf_grows_past_many_kb),
      cmocka_unit_test(test_buf_reserve),
      cmocka_unit_test(test_strmap_basic),
      cmocka_unit_test(test_strmap_copies_keys),
      cmocka_unit_test(test_strmap_many_keys),
      cmocka_unit_test_setup_teardown(test_datadir_env, save_env, restore_env),
      cmocka_unit_test_setup_teardown(test_datadir_path_truncation, save_env, restore_env),
  };
  return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
