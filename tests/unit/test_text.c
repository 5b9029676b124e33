/* Unit tests for src/extract/text: UTF-8 validation with exact offsets,
 * lenient replacement, binary refusal, BOM/CR clean-up, NFC, code-point
 * offsets and file reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "extract/text.h"

/* ---------- helpers ---------- */

static vitae_text *make(const char *bytes, size_t len, int lenient) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = NULL;
  vitae_status st = vitae_text_from_bytes(bytes, len, lenient, "t.txt", &t, &err);
  if (st != VITAE_OK) fail_msg("unexpected failure: %s", err.message);
  assert_non_null(t);
  return t;
}

/* Builds a text and checks its data equals want. */
static void expect_text(const char *in, size_t len, const char *want, size_t want_len) {
  vitae_text *t = make(in, len, 0);
  assert_int_equal(vitae_text_size(t), want_len);
  assert_memory_equal(vitae_text_data(t), want, want_len);
  assert_int_equal(vitae_text_data(t)[want_len], '\0');
  vitae_text_free(t);
}

/* Strict mode must fail with VITAE_ERR_SYNTAX at byte `offset`, on `line`,
 * with `reason` in the message. */
static void expect_bad(const char *in, size_t len, size_t offset, long line, const char *reason) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = (vitae_text *)1;
  assert_int_equal(vitae_text_from_bytes(in, len, 0, "bad.txt", &t, &err), VITAE_ERR_SYNTAX);
  assert_null(t);
  char want[64];
  snprintf(want, sizeof want, "at byte offset %zu ", offset);
  if (!strstr(err.message, want)) fail_msg("message '%s' lacks '%s'", err.message, want);
  if (!strstr(err.message, reason)) fail_msg("message '%s' lacks '%s'", err.message, reason);
  assert_string_equal(err.file, "bad.txt");
  assert_int_equal(err.line, line);
}

/* Lenient mode: n replacements and the given output. */
static void expect_lenient(const char *in, size_t len, size_t n, const char *want) {
  vitae_text *t = make(in, len, 1);
  assert_int_equal(vitae_text_replacements(t), n);
  assert_string_equal(vitae_text_data(t), want);
  vitae_text_free(t);
}

#define S(lit) lit, sizeof lit - 1

/* ---------- valid input ---------- */

static void test_ascii_passes(void **state) {
  (void)state;
  expect_text(S("He was born in 1953.\nHe left."), S("He was born in 1953.\nHe left."));
  vitae_text *t = make(S("abc"), 0);
  assert_string_equal(vitae_text_name(t), "t.txt");
  assert_int_equal(vitae_text_replacements(t), 0);
  vitae_text_free(t);
}

static void test_multibyte_valid(void **state) {
  (void)state;
  /* 2-, 3- and 4-byte characters, and the extremes of each range. */
  expect_text(S("Қасым \xE2\x80\x93 \xF0\x9D\x84\x9E"), S("Қасым \xE2\x80\x93 \xF0\x9D\x84\x9E"));
  expect_text(S("\xC2\xA0\xDF\xBF"), S("\xC2\xA0\xDF\xBF"));
  expect_text(S("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"), S("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"));
  expect_text(S("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"), S("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));
}

static void test_bom_stripped(void **state) {
  (void)state;
  expect_text(S("\xEF\xBB\xBFTitle\n"), S("Title\n"));
  /* Only a leading BOM is removed; U+FEFF later is kept. */
  expect_text(S("a\xEF\xBB\xBF"), S("a\xEF\xBB\xBF"));
}

static void test_crlf_and_cr(void **state) {
  (void)state;
  expect_text(S("a\r\nb\r\n"), S("a\nb\n"));
  expect_text(S("a\rb\rc"), S("a\nb\nc"));
  expect_text(S("a\r\r\nb"), S("a\n\nb"));
  expect_text(S("\xEF\xBB\xBF" "a\r\n\r\n"), S("a\n\n"));
  expect_text(S("\r"), S("\n"));
}

static void test_nfc(void **state) {
  (void)state;
  expect_text(S("e\xCC\x81"), S("\xC3\xA9"));                    /* e + U+0301 -> é */
  expect_text(S("Cafe\xCC\x81 au lait"), S("Caf\xC3\xA9 au lait")); /* inside ASCII */
  expect_text(S("A\xCC\x8A"), S("\xC3\x85"));                    /* A + ring -> Å */
  expect_text(S("\xE2\x84\xAB"), S("\xC3\x85"));                 /* U+212B ANGSTROM SIGN -> Å */
  expect_text(S("\xE1\x84\x80\xE1\x85\xA1"), S("\xEA\xB0\x80")); /* Hangul jamo -> U+AC00 */
  /* Canonical ordering: dot above (230) after dot below (220). */
  expect_text(S("q\xCC\x87\xCC\xA3"), S("q\xCC\xA3\xCC\x87"));
  /* Already NFC: Kazakh Cyrillic, ў, untouched. */
  expect_text(S("Тоқаев Қасым-Жомарт"), S("Тоқаев Қасым-Жомарт"));
  /* A combining mark after CR LF composes with nothing before the LF. */
  expect_text(S("e\r\n\xCC\x81"), S("e\n\xCC\x81"));
}

/* The run-by-run normalisation must equal utf8proc's whole-string NFC. */
static void test_nfc_matches_whole_string(void **state) {
  (void)state;
  static const char *const pieces[] = {"e", "\xCC\x81", " ", "Қ", "\xE1\x84\x80", "\xE1\x85\xA1",
                                       "a", "\xCC\xA3", "\xCC\x87", "\xE2\x84\xAB", ".", "\n",
                                       "\xF0\x9D\x84\x9E", "o", "\xCC\x88", "\xC3\xA9"};
  unsigned seed = 12345;
  for (int round = 0; round < 200; round++) {
    char buf[512];
    size_t len = 0;
    for (int i = 0; i < 60; i++) {
      seed = seed * 1103515245u + 12345u;
      const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
      memcpy(buf + len, p, strlen(p));
      len += strlen(p);
    }
    buf[len] = '\0';
    utf8proc_uint8_t *whole = utf8proc_NFC((const utf8proc_uint8_t *)buf);
    assert_non_null(whole);
    vitae_text *t = make(buf, len, 0);
    assert_string_equal(vitae_text_data(t), (const char *)whole);
    vitae_text_free(t);
    free(whole);
  }
}

/* ---------- invalid input, strict ---------- */

static void test_invalid_continuation(void **state) {
  (void)state;
  expect_bad(S("abc\x80"), 3, 1, "unexpected continuation byte");
  expect_bad(S("\xBF"), 0, 1, "unexpected continuation byte");
  /* A valid 2-byte character followed by one continuation byte too many. */
  expect_bad(S("\xC3\xA9\xA9"), 2, 1, "unexpected continuation byte");
}

static void test_invalid_overlong(void **state) {
  (void)state;
  expect_bad(S("x\xC0\x80"), 1, 1, "overlong");         /* U+0000 in 2 bytes */
  expect_bad(S("xy\xC1\xBF"), 2, 1, "overlong");        /* U+007F in 2 bytes */
  expect_bad(S("ab\xE0\x80\xAF"), 2, 1, "overlong");    /* '/' in 3 bytes */
  expect_bad(S("\xE0\x9F\xBF"), 0, 1, "overlong");      /* U+07FF in 3 bytes */
  expect_bad(S("abcd\xF0\x80\x80\xAF"), 4, 1, "overlong"); /* '/' in 4 bytes */
  expect_bad(S("\xF0\x8F\xBF\xBF"), 0, 1, "overlong");  /* U+FFFF in 4 bytes */
}

static void test_invalid_surrogates(void **state) {
  (void)state;
  expect_bad(S("ok \xED\xA0\x80"), 3, 1, "surrogate");  /* U+D800 */
  expect_bad(S("\xED\xBF\xBF"), 0, 1, "surrogate");     /* U+DFFF */
  /* A CESU-8 style pair is two surrogates: the first is reported. */
  expect_bad(S("12\xED\xA0\xBD\xED\xB2\xA9"), 2, 1, "surrogate");
}

static void test_invalid_too_big(void **state) {
  (void)state;
  expect_bad(S("a\xF4\x90\x80\x80"), 1, 1, "above U+10FFFF"); /* U+110000 */
  expect_bad(S("\xF5\x80\x80\x80"), 0, 1, "above U+10FFFF");
  expect_bad(S("\xF7\xBF\xBF\xBF"), 0, 1, "above U+10FFFF");
  expect_bad(S("ab\xF8\x88\x80\x80\x80"), 2, 1, "never occurs");
  expect_bad(S("\xFE"), 0, 1, "never occurs");
  expect_bad(S("abc\xFF"), 3, 1, "never occurs");
}

static void test_invalid_truncated(void **state) {
  (void)state;
  expect_bad(S("\xE2\x82" "A"), 0, 1, "truncated");          /* € missing its last byte */
  expect_bad(S("abc\xC3" " d"), 3, 1, "truncated");
  expect_bad(S("x\xF0\x9D\x84" "y"), 1, 1, "truncated");     /* 𝄞 missing a byte */
  expect_bad(S("ab\xE2\x82"), 2, 1, "at end of input");
  expect_bad(S("ab\xF0\x9D\x84"), 2, 1, "at end of input");
  expect_bad(S("\xC3"), 0, 1, "at end of input");
}

static void test_invalid_position(void **state) {
  (void)state;
  /* Offsets count the bytes as given (the BOM included); lines count LF,
   * CRLF and CR alike. */
  expect_bad(S("line one\nline two\n\xC0\x80"), 18, 3, "overlong");
  expect_bad(S("\xEF\xBB\xBF" "ab\x80"), 5, 1, "continuation");
  expect_bad(S("a\r\nb\rc\n\xFF"), 7, 4, "never occurs");
  /* The first bad byte wins; the column counts code points. */
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t;
  assert_int_equal(vitae_text_from_bytes(S("x\nҚа\x80\xFF"), 0, "f", &t, &err), VITAE_ERR_SYNTAX);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 3);
  assert_non_null(strstr(err.message, "byte offset 6 "));
}

/* ---------- lenient ---------- */

static void test_lenient_replacements(void **state) {
  (void)state;
  expect_lenient(S("a\xC0\x80" "b"), 2, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  expect_lenient(S("\xE2\x82" "A"), 1, "\xEF\xBF\xBD" "A");
  expect_lenient(S("\xED\xA0\x80"), 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  expect_lenient(S("\xF4\x90\x80\x80"), 4,
                 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  expect_lenient(S("ok\xF0\x9D\x84"), 1, "ok\xEF\xBF\xBD");
  expect_lenient(S("\xFF\xFE" "x"), 2, "\xEF\xBF\xBD\xEF\xBF\xBD" "x");
  expect_lenient(S("clean"), 0, "clean");
  /* Replacement and CR handling together; a combining mark after U+FFFD. */
  expect_lenient(S("a\x80\r\nb\xCC\x81"), 1, "a\xEF\xBF\xBD\nb\xCC\x81");
}

/* ---------- binary and empty ---------- */

static void expect_refused(const char *in, size_t len, int lenient, vitae_status want,
                           const char *msg) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = (vitae_text *)1;
  assert_int_equal(vitae_text_from_bytes(in, len, lenient, "x.bin", &t, &err), want);
  assert_null(t);
  if (!strstr(err.message, msg)) fail_msg("message '%s' lacks '%s'", err.message, msg);
}

static void test_binary_refused(void **state) {
  (void)state;
  expect_refused(S("text\0more"), 0, VITAE_ERR_INPUT, "looks like a binary file");
  expect_refused(S("text\0more"), 1, VITAE_ERR_INPUT, "looks like a binary file");
  expect_refused(S("\x7F" "ELF\x02\x01\x01\x03\x04\x05\x06\x07\x08\x0E\x0F"), 1, VITAE_ERR_INPUT,
                 "looks like a binary file");
  /* C1 controls (U+0080..U+009F) count too. */
  expect_refused(S("\xC2\x80\xC2\x81\xC2\x82 ab"), 0, VITAE_ERR_INPUT, "binary");
  /* A stray control character in ordinary prose is accepted. */
  char prose[200];
  memset(prose, 'a', sizeof prose);
  prose[50] = '\x1B';
  vitae_text *t = make(prose, sizeof prose, 0);
  assert_int_equal(vitae_text_size(t), sizeof prose);
  vitae_text_free(t);
}

static void test_empty_refused(void **state) {
  (void)state;
  expect_refused("", 0, 0, VITAE_ERR_INPUT, "empty");
  expect_refused(S("\xEF\xBB\xBF"), 0, VITAE_ERR_INPUT, "empty");
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t;
  assert_int_equal(vitae_text_from_bytes(NULL, 3, 0, NULL, &t, &err), VITAE_ERR_USAGE);
}

/* ---------- code-point offsets ---------- */

static size_t naive_cp(const char *s, size_t off) {
  size_t n = 0;
  for (size_t i = 0; i < off; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

static void test_codepoint_offsets(void **state) {
  (void)state;
  /* "Қасым" is 5 code points in 10 bytes; 𝄞 is 1 in 4. */
  vitae_text *t = make(S("Қасым 𝄞 x"), 0);
  assert_int_equal(vitae_text_codepoint_offset(t, 0), 0);
  assert_int_equal(vitae_text_codepoint_offset(t, 2), 1);
  assert_int_equal(vitae_text_codepoint_offset(t, 10), 5);
  assert_int_equal(vitae_text_codepoint_offset(t, 11), 6);
  assert_int_equal(vitae_text_codepoint_offset(t, 15), 7); /* after 𝄞 */
  assert_int_equal(vitae_text_codepoint_offset(t, 17), 9); /* the end */
  assert_int_equal(vitae_text_codepoint_offset(t, 1000), 9); /* clamped */
  assert_int_equal(vitae_text_codepoint_offset(t, 1), 1);  /* inside Қ: counts it */
  vitae_text_free(t);
  assert_int_equal(vitae_text_codepoint_offset(NULL, 5), 0);
}

static void test_codepoint_offsets_long(void **state) {
  (void)state;
  /* Mixed widths across many checkpoint blocks; every offset is checked
   * against a plain count. */
  char buf[4096];
  size_t len = 0;
  static const char *const pieces[] = {"a", "Қ", "€", "𝄞", " ", "ő"};
  for (int i = 0; len < sizeof buf - 8; i++) {
    const char *p = pieces[(i * 7 + i / 3) % 6];
    memcpy(buf + len, p, strlen(p));
    len += strlen(p);
  }
  vitae_text *t = make(buf, len, 0);
  assert_int_equal(vitae_text_size(t), len);
  for (size_t off = 0; off <= len; off++)
    assert_int_equal(vitae_text_codepoint_offset(t, off), naive_cp(buf, off));
  vitae_text_free(t);
}

/* ---------- helpers exposed to other modules ---------- */

static void test_utf8_valid_and_decode(void **state) {
  (void)state;
  size_t bad = 99;
  const char *why = NULL;
  assert_true(vitae_text_utf8_valid(S("Тоқаев"), &bad, &why));
  assert_false(vitae_text_utf8_valid(S("ab\xED\xA0\x80"), &bad, &why));
  assert_int_equal(bad, 2);
  assert_non_null(strstr(why, "surrogate"));
  int32_t cp;
  assert_int_equal(vitae_text_decode(S("\xF0\x9D\x84\x9E"), &cp), 4);
  assert_int_equal(cp, 0x1D11E);
  assert_int_equal(vitae_text_decode(S("\xD2\x9A"), &cp), 2);
  assert_int_equal(cp, 0x49A); /* Қ */
  assert_int_equal(vitae_text_decode(S("\xC0\x80"), &cp), 1);
  assert_int_equal(cp, -1);
  assert_int_equal(vitae_text_decode(S("\xE2\x82"), &cp), 2); /* maximal subpart */
  assert_int_equal(cp, -1);
  assert_int_equal(vitae_text_decode("", 0, &cp), 1);
  assert_int_equal(cp, -1);
}

static void test_free_null(void **state) {
  (void)state;
  vitae_text_free(NULL);
  assert_string_equal(vitae_text_data(NULL), "");
  assert_int_equal(vitae_text_size(NULL), 0);
}

/* ---------- files ---------- */

static char tmpdir[64];

static int setup_dir(void **state) {
  (void)state;
  strcpy(tmpdir, "/tmp/vitae-text-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

static void test_read_file(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/bio.txt", tmpdir);
  write_file(path, S("\xEF\xBB\xBFName\r\nHe was born in 1953.\r\n"));
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = NULL;
  assert_int_equal(vitae_text_read_file(path, 0, &t, &err), VITAE_OK);
  assert_string_equal(vitae_text_data(t), "Name\nHe was born in 1953.\n");
  assert_string_equal(vitae_text_name(t), path);
  vitae_text_free(t);
}

static void expect_file_error(const char *path, const char *reason) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = (vitae_text *)1;
  assert_int_equal(vitae_text_read_file(path, 0, &t, &err), VITAE_ERR_IO);
  assert_null(t);
  assert_string_equal(err.file, path);
  assert_string_equal(err.message, reason);
  /* vitae_error_print gives "vitae: FILE: reason". */
  char out[512], want[512];
  FILE *f = fmemopen(out, sizeof out, "w");
  assert_non_null(f);
  vitae_error_print(&err, f);
  fclose(f);
  snprintf(want, sizeof want, "vitae: %s: %s\n", path, reason);
  assert_string_equal(out, want);
}

static void test_read_file_errors(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/missing.txt", tmpdir);
  expect_file_error(path, "No such file or directory");
  expect_file_error(tmpdir, "is a directory");
  snprintf(path, sizeof path, "%s/secret.txt", tmpdir);
  write_file(path, S("x"));
  assert_int_equal(chmod(path, 0), 0);
  if (geteuid() != 0) expect_file_error(path, "Permission denied"); /* root reads anyway */
  chmod(path, 0600);
  /* Invalid UTF-8 in a file names the file. */
  snprintf(path, sizeof path, "%s/bad.txt", tmpdir);
  write_file(path, S("ok\n\xC0\xAF"));
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t;
  assert_int_equal(vitae_text_read_file(path, 0, &t, &err), VITAE_ERR_SYNTAX);
  assert_string_equal(err.file, path);
  assert_int_equal(err.line, 2);
  vitae_error_clear(&err);
  assert_int_equal(vitae_text_read_file(path, 1, &t, &err), VITAE_OK);
  assert_int_equal(vitae_text_replacements(t), 2);
  vitae_text_free(t);
}

static void test_read_stdin(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/in.txt", tmpdir);
  write_file(path, S("from standard input\n"));
  int saved = dup(STDIN_FILENO);
  int fd = open(path, O_RDONLY);
  assert_true(saved >= 0 && fd >= 0);
  dup2(fd, STDIN_FILENO);
  close(fd);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = NULL;
  vitae_status st = vitae_text_read_file("-", 0, &t, &err);
  dup2(saved, STDIN_FILENO);
  close(saved);
  assert_int_equal(st, VITAE_OK);
  assert_string_equal(vitae_text_data(t), "from standard input\n");
  assert_string_equal(vitae_text_name(t), "<stdin>");
  vitae_text_free(t);
}

/* A large file with no newline at all (the full 100 MB case is exercised
 * outside the unit tests, where valgrind's slowness does not matter). */
static void test_read_large_single_line(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/big.txt", tmpdir);
  size_t len = 8u << 20;
  char *data = malloc(len);
  assert_non_null(data);
  for (size_t i = 0; i < len; i++) data[i] = "word Қ. "[i % 9];
  write_file(path, data, len);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_text *t = NULL;
  assert_int_equal(vitae_text_read_file(path, 0, &t, &err), VITAE_OK);
  assert_int_equal(vitae_text_size(t), len);
  assert_memory_equal(vitae_text_data(t), data, len);
  assert_int_equal(vitae_text_codepoint_offset(t, len), naive_cp(data, len));
  assert_int_equal(vitae_text_codepoint_offset(t, 9 * 1000), 8 * 1000);
  vitae_text_free(t);
  free(data);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ascii_passes),
      cmocka_unit_test(test_multibyte_valid),
      cmocka_unit_test(test_bom_stripped),
      cmocka_unit_test(test_crlf_and_cr),
      cmocka_unit_test(test_nfc),
      cmocka_unit_test(test_nfc_matches_whole_string),
      cmocka_unit_test(test_invalid_continuation),
      cmocka_unit_test(test_invalid_overlong),
      cmocka_unit_test(test_invalid_surrogates),
      cmocka_unit_test(test_invalid_too_big),
      cmocka_unit_test(test_invalid_truncated),
      cmocka_unit_test(test_invalid_position),
      cmocka_unit_test(test_lenient_replacements),
      cmocka_unit_test(test_binary_refused),
      cmocka_unit_test(test_empty_refused),
      cmocka_unit_test(test_codepoint_offsets),
      cmocka_unit_test(test_codepoint_offsets_long),
      cmocka_unit_test(test_utf8_valid_and_decode),
      cmocka_unit_test(test_free_null),
      cmocka_unit_test(test_read_file),
      cmocka_unit_test(test_read_file_errors),
      cmocka_unit_test(test_read_stdin),
      cmocka_unit_test(test_read_large_single_line),
  };
  return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
