/* Unit tests for src/store: store specs, opening and locking store
 * directories, named graphs, and loading RDF all-or-nothing.
 * On-disk stores live in mkdtemp() directories under /tmp, removed at the
 * end; everything else uses the memory: store. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/load.h"
#include "store/store.h"

#define EX "http://example.org/"

/* ---- helpers ---- */

static char tmpdir[256];

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  return remove(path);
}

static int make_tmpdir(void **state) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/vitae-test-store-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state) {
  return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* tmpdir + "/" + rel, in a static buffer (one at a time). */
static const char *in_tmp(const char *rel) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
  return path;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  static char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static size_t count_entries(const char *dir) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static vitae_store *open_memory(void) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  if (vitae_store_open("memory:", VITAE_STORE_WRITE, &s, &err) != VITAE_OK)
    fail_msg("memory store: %s", err.message);
  assert_non_null(s);
  return s;
}

static unsigned long count(vitae_store *s, const char *graph) {
  vitae_error err;
  vitae_error_clear(&err);
  unsigned long n = 999;
  assert_int_equal(vitae_store_count(s, graph, &n, &err), VITAE_OK);
  return n;
}

static void load_ok(vitae_store *s, const char *data, const char *syntax, const char *graph,
                    unsigned long triples, unsigned long graphs) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_load_result res = {77, 77};
  vitae_status st = vitae_load_buffer(s, data, strlen(data), syntax, "test-input", graph, NULL,
                                      &res, &err);
  if (st != VITAE_OK) fail_msg("load failed: %s (line %ld)", err.message, err.line);
  assert_int_equal(res.triples, triples);
  assert_int_equal(res.graphs, graphs);
}

/* The graph list joined by spaces (static buffer). */
static const char *graph_list(vitae_store *s) {
  static char out[1024];
  vitae_error err;
  vitae_error_clear(&err);
  char **list = NULL;
  assert_int_equal(vitae_store_list_graphs(s, &list, &err), VITAE_OK);
  assert_non_null(list);
  out[0] = '\0';
  for (char **p = list; *p; p++) {
    if (p != list) strcat(out, " ");
    strcat(out, *p);
  }
  vitae_store_free_list(list);
  return out;
}

static const char *TTL3 =
    "@prefix ex: <http://example.org/> .\n"
    "ex:a ex:knows ex:b .\n"
    "ex:a ex:name \"A\" .\n"
    "ex:b ex:name \"B\"@en .\n";

/* ---- specs ---- */

static void test_spec_plain_and_schemes(void **state) {
  vitae_store_spec sp;
  vitae_error err;

  vitae_error_clear(&err);
  assert_int_equal(vitae_store_spec_parse("/var/lib/x", &sp, &err), VITAE_OK);
  assert_int_equal(sp.backend, VITAE_BACKEND_HASHES);
  assert_string_equal(sp.path, "/var/lib/x");

  assert_int_equal(vitae_store_spec_parse("relative/dir", &sp, &err), VITAE_OK);
  assert_int_equal(sp.backend, VITAE_BACKEND_HASHES);
  assert_string_equal(sp.path, "relative/dir");

  assert_int_equal(vitae_store_spec_parse("hashes:/srv/h", &sp, &err), VITAE_OK);
  assert_int_equal(sp.backend, VITAE_BACKEND_HASHES);
  assert_string_equal(sp.path, "/srv/h");

  assert_int_equal(vitae_store_spec_parse("sqlite:/srv/q", &sp, &err), VITAE_OK);
  assert_int_equal(sp.backend, VITAE_BACKEND_SQLITE);
  assert_string_equal(sp.path, "/srv/q");

  assert_int_equal(vitae_store_spec_parse("memory:", &sp, &err), VITAE_OK);
  assert_int_equal(sp.backend, VITAE_BACKEND_MEMORY);
  assert_string_equal(sp.path, "");
  assert_int_equal(err.status, VITAE_OK);
}

static void test_spec_errors(void **state) {
  vitae_store_spec sp;
  vitae_error err;

  vitae_error_clear(&err);
  assert_int_equal(vitae_store_spec_parse("memory:/x", &sp, &err), VITAE_ERR_USAGE);
  assert_string_equal(err.message, "store 'memory:/x': memory: takes no path");

  vitae_error_clear(&err);
  assert_int_equal(vitae_store_spec_parse("postgresql://db.example/vitae", &sp, &err),
                   VITAE_ERR_UNSUPPORTED);
  assert_string_equal(err.message,
                      "store 'postgresql://db.example/vitae': the postgresql backend is not "
                      "supported yet");

  vitae_error_clear(&err);
  assert_int_equal(vitae_store_spec_parse("virtuoso:dsn", &sp, &err), VITAE_ERR_UNSUPPORTED);
  assert_string_equal(err.message, "store 'virtuoso:dsn': the virtuoso backend is not supported yet");

  vitae_error_clear(&err);
  assert_int_equal(vitae_store_spec_parse("hashes:", &sp, &err), VITAE_ERR_USAGE);
  assert_string_equal(err.message, "store 'hashes:': no directory given");

  char big[5000];
  memset(big, 'p', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_spec_parse(big, &sp, &err), VITAE_ERR_USAGE);
  assert_string_equal(err.message, "store path is too long");
}

static char *saved_xdg, *saved_home;

static int save_env(void **state) {
  const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
  saved_xdg = x ? strdup(x) : NULL;
  saved_home = h ? strdup(h) : NULL;
  return 0;
}

static int restore_env(void **state) {
  if (saved_xdg) setenv("XDG_DATA_HOME", saved_xdg, 1);
  else unsetenv("XDG_DATA_HOME");
  if (saved_home) setenv("HOME", saved_home, 1);
  else unsetenv("HOME");
  free(saved_xdg);
  free(saved_home);
  saved_xdg = saved_home = NULL;
  return 0;
}

static void test_spec_default_location(void **state) {
  vitae_store_spec sp;
  vitae_error err;
  vitae_error_clear(&err);
  setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
  setenv("HOME", "/home/nobody", 1);
  assert_int_equal(vitae_store_spec_parse("", &sp, &err), VITAE_OK);
  assert_int_equal(sp.backend, VITAE_BACKEND_HASHES);
  assert_string_equal(sp.path, "/tmp/xdg-test/vitae/store");
  assert_int_equal(vitae_store_spec_parse(NULL, &sp, &err), VITAE_OK);
  assert_string_equal(sp.path, "/tmp/xdg-test/vitae/store");

  /* a relative XDG_DATA_HOME is ignored (XDG spec): HOME is used */
  setenv("XDG_DATA_HOME", "relative", 1);
  assert_int_equal(vitae_store_spec_parse("", &sp, &err), VITAE_OK);
  assert_string_equal(sp.path, "/home/nobody/.local/share/vitae/store");
  unsetenv("XDG_DATA_HOME");
  assert_int_equal(vitae_store_spec_parse("", &sp, &err), VITAE_OK);
  assert_string_equal(sp.path, "/home/nobody/.local/share/vitae/store");

  /* neither: an error */
  unsetenv("HOME");
  assert_int_equal(vitae_store_spec_parse("", &sp, &err), VITAE_ERR_STORE);
  assert_int_equal(err.status, VITAE_ERR_STORE);
}

/* ---- opening store directories ---- */

static void test_open_read_missing_fails_and_creates_nothing(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = (vitae_store *)&err; /* must be reset to NULL */
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("missing/store"));
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &s, &err), VITAE_ERR_STORE);
  assert_null(s);
  assert_string_equal(err.file, dir);
  assert_string_equal(err.message, "no store here yet (load something into it first)");
  assert_false(exists(dir));
  assert_false(exists(in_tmp("missing")));
}

static void test_open_read_empty_dir_fails(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("empty"));
  assert_int_equal(mkdir(dir, 0777), 0);
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &s, &err), VITAE_ERR_STORE);
  assert_null(s);
  assert_int_equal(count_entries(dir), 0); /* no marker, no lock */
}

static void test_open_write_creates_store(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("new/nested/store"));
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err), VITAE_OK);
  assert_non_null(s);
  assert_int_equal(vitae_store_get_spec(s)->backend, VITAE_BACKEND_HASHES);
  assert_string_equal(vitae_store_get_spec(s)->path, dir);
  assert_non_null(vitae_store_world(s));
  assert_non_null(vitae_store_model(s));
  char marker[600];
  snprintf(marker, sizeof marker, "%s/vitae-store", dir);
  assert_true(exists(marker));
  assert_string_equal(slurp(marker), "vitae store format 1\nbackend hashes\n");

  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(s);

  /* reopen for reading: the triples are still there */
  s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &s, &err), VITAE_OK);
  assert_int_equal(count(s, EX "g"), 3);
  assert_string_equal(graph_list(s), EX "g");
  vitae_store_close(s);

  /* an explicit scheme that disagrees with the marker is refused */
  char spec[600];
  snprintf(spec, sizeof spec, "sqlite:%s", dir);
  s = NULL;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_open(spec, VITAE_STORE_READ, &s, &err), VITAE_ERR_STORE);
  assert_null(s);
  assert_string_equal(err.message, "this store uses the hashes backend, not sqlite");
}

static void test_open_sqlite_backend(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  char dir[512], spec[600];
  snprintf(dir, sizeof dir, "%s", in_tmp("sq"));
  snprintf(spec, sizeof spec, "sqlite:%s", dir);
  vitae_status st = vitae_store_open(spec, VITAE_STORE_WRITE, &s, &err);
  if (st != VITAE_OK) {
    /* librdf-storage-sqlite is an optional Debian package: without it
     * there is nothing to test (skip() would read as a failure in TAP) */
    print_message("# sqlite storage unavailable: %s\n", err.message);
    assert_null(s);
    return;
  }
  char marker[600];
  snprintf(marker, sizeof marker, "%s/vitae-store", dir);
  assert_string_equal(slurp(marker), "vitae store format 1\nbackend sqlite\n");
  load_ok(s, TTL3, "turtle", EX "sq", 3, 1);
  vitae_store_close(s);
  /* a plain path reopens with the recorded backend */
  s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &s, &err), VITAE_OK);
  assert_int_equal(vitae_store_get_spec(s)->backend, VITAE_BACKEND_SQLITE);
  assert_int_equal(count(s, EX "sq"), 3);
  vitae_store_close(s);
}

static void test_open_refuses_foreign_dir(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  char dir[512], file[600];
  snprintf(dir, sizeof dir, "%s", in_tmp("foreign"));
  assert_int_equal(mkdir(dir, 0777), 0);
  snprintf(file, sizeof file, "%s/precious.txt", dir);
  FILE *f = fopen(file, "w");
  assert_non_null(f);
  fputs("do not touch\n", f);
  fclose(f);

  vitae_store *s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err), VITAE_ERR_STORE);
  assert_null(s);
  assert_string_equal(err.file, dir);
  assert_string_equal(err.message,
                      "not a vitae store (no 'vitae-store' file) and not empty; refusing to touch it");
  assert_string_equal(slurp(file), "do not touch\n");
  assert_int_equal(count_entries(dir), 1);
}

static void test_open_refuses_plain_file(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  char file[512];
  snprintf(file, sizeof file, "%s", in_tmp("afile"));
  FILE *f = fopen(file, "w");
  assert_non_null(f);
  fclose(f);
  vitae_store *s = NULL;
  assert_int_equal(vitae_store_open(file, VITAE_STORE_WRITE, &s, &err), VITAE_ERR_STORE);
  assert_string_equal(err.message, "not a directory; a store is a directory");
}

static void test_second_writer_is_busy(void **state) {
  vitae_error err;
  vitae_error_clear(&err);
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("locked"));
  vitae_store *a = NULL, *b = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &a, &err), VITAE_OK);

  /* flock() locks belong to open file descriptions: a second open in the
   * same process conflicts like another process would */
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &b, &err), VITAE_ERR_STORE);
  assert_null(b);
  assert_non_null(strstr(err.message, "busy"));
  assert_string_equal(err.message, "the store is busy: another vitae process is using it");

  /* a reader is kept out by the writer too */
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &b, &err), VITAE_ERR_STORE);
  assert_null(b);
  assert_string_equal(err.message, "the store is busy: another vitae process is writing to it");

  /* once the writer is gone, the store opens again */
  vitae_store_close(a);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &b, &err), VITAE_OK);
  vitae_store_close(b);

  /* two readers share */
  a = b = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &a, &err), VITAE_OK);
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &b, &err), VITAE_OK);
  vitae_store_close(a);
  vitae_store_close(b);
}

static void test_memory_open_and_close_null(void **state) {
  vitae_store *s = open_memory();
  assert_int_equal(vitae_store_get_spec(s)->backend, VITAE_BACKEND_MEMORY);
  assert_string_equal(graph_list(s), "");
  assert_int_equal(count(s, NULL), 0);
  vitae_store_close(s);
  vitae_store_close(NULL);
}

/* ---- loading and graphs ---- */

static void test_load_count_list_has(void **state) {
  vitae_store *s = open_memory();
  load_ok(s, TTL3, "turtle", EX "g2", 3, 1);
  load_ok(s, "<http://example.org/x> <http://example.org/p> \"1\" .\n", "ntriples", EX "g1", 1, 1);
  assert_int_equal(count(s, EX "g2"), 3);
  assert_int_equal(count(s, EX "g1"), 1);
  assert_int_equal(count(s, NULL), 4);
  assert_int_equal(count(s, EX "nope"), 0);
  assert_string_equal(graph_list(s), EX "g1 " EX "g2");
  assert_true(vitae_store_has_graph(s, EX "g1"));
  assert_true(vitae_store_has_graph(s, EX "g2"));
  assert_false(vitae_store_has_graph(s, EX "g3"));
  vitae_store_close(s);
}

static void test_reload_replaces(void **state) {
  vitae_store *s = open_memory();
  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  assert_int_equal(count(s, EX "g"), 3);
  /* a smaller version replaces, not merges */
  load_ok(s, "<http://example.org/only> <http://example.org/p> <http://example.org/o> .\n", "turtle",
          EX "g", 1, 1);
  assert_int_equal(count(s, EX "g"), 1);
  /* the same triple twice in one input counts once */
  load_ok(s,
          "<http://example.org/s> <http://example.org/p> \"v\" .\n"
          "<http://example.org/s> <http://example.org/p> \"v\" .\n",
          "ntriples", EX "g", 1, 1);
  assert_int_equal(count(s, EX "g"), 1);
  vitae_store_close(s);
}

static void test_syntax_error_loads_nothing(void **state) {
  vitae_store *s = open_memory();
  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  const char *bad =
      "@prefix ex: <http://example.org/> .\n"
      "ex:c ex:name \"C\" .\n"
      "ex:c ex:name %% .\n"
      "ex:d ex:name \"D\" .\n";
  vitae_error err;
  vitae_error_clear(&err);
  vitae_load_result res = {5, 5};
  vitae_status st =
      vitae_load_buffer(s, bad, strlen(bad), "turtle", "bad.ttl", EX "g", NULL, &res, &err);
  assert_int_equal(st, VITAE_ERR_SYNTAX);
  assert_int_not_equal(err.status, VITAE_OK); /* see test_syntax_error_record_status */
  assert_string_equal(err.file, "bad.ttl");
  assert_int_equal(err.line, 3);
  assert_string_equal(err.message, "syntax error at '%'");
  assert_int_equal(res.triples, 0);
  /* the graph still has exactly what it had */
  assert_int_equal(count(s, EX "g"), 3);
  assert_string_equal(graph_list(s), EX "g");

  /* into a new graph: nothing appears */
  vitae_error_clear(&err);
  st = vitae_load_buffer(s, bad, strlen(bad), "turtle", "bad.ttl", EX "new", NULL, NULL, &err);
  assert_int_equal(st, VITAE_ERR_SYNTAX);
  assert_false(vitae_store_has_graph(s, EX "new"));
  assert_int_equal(count(s, NULL), 3);
  vitae_store_close(s);
}

/* Regression: raptor's parse errors reach the librdf logger with facility
 * LIBRDF_FROM_RAPTOR, and were once recorded as VITAE_ERR_STORE while
 * vitae_load_buffer() returned VITAE_ERR_SYNTAX. */
static void test_syntax_error_record_status(void **state) {
  vitae_store *s = open_memory();
  const char *bad = "<http://example.org/s> <http://example.org/p> %% .\n";
  vitae_error err;
  vitae_error_clear(&err);
  vitae_status st =
      vitae_load_buffer(s, bad, strlen(bad), "turtle", "bad.ttl", EX "g", NULL, NULL, &err);
  vitae_store_close(s);
  assert_int_equal(st, VITAE_ERR_SYNTAX);
  assert_int_equal(err.status, VITAE_ERR_SYNTAX);
}

static void test_unknown_syntax(void **state) {
  vitae_store *s = open_memory();
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_load_buffer(s, TTL3, strlen(TTL3), "klingon", "x", EX "g", NULL, NULL, &err),
                   VITAE_ERR_USAGE);
  assert_string_equal(err.message, "unknown RDF syntax 'klingon'");
  assert_int_equal(count(s, NULL), 0);
  vitae_store_close(s);
}

static void test_nquads_keep_graphs(void **state) {
  vitae_store *s = open_memory();
  const char *nq =
      "<http://example.org/s> <http://example.org/p> <http://example.org/o1> <http://example.org/q1> .\n"
      "<http://example.org/s> <http://example.org/p> <http://example.org/o2> <http://example.org/q2> .\n"
      "<http://example.org/s> <http://example.org/p> <http://example.org/o3> <http://example.org/q2> .\n"
      "<http://example.org/s> <http://example.org/p> <http://example.org/o4> .\n";
  load_ok(s, nq, "nquads", EX "dflt", 4, 3);
  assert_string_equal(graph_list(s), EX "dflt " EX "q1 " EX "q2");
  assert_int_equal(count(s, EX "q1"), 1);
  assert_int_equal(count(s, EX "q2"), 2);
  assert_int_equal(count(s, EX "dflt"), 1);

  /* TriG too */
  const char *trig =
      "@prefix ex: <http://example.org/> .\n"
      "ex:t1 { ex:a ex:p ex:b . ex:a ex:p ex:c . }\n"
      "{ ex:d ex:p ex:e . }\n";
  load_ok(s, trig, "trig", EX "dflt", 3, 2);
  assert_int_equal(count(s, EX "t1"), 2);
  assert_int_equal(count(s, EX "dflt"), 1); /* replaced: o4 gone, d p e there */
  assert_int_equal(count(s, EX "q2"), 2);   /* untouched */
  vitae_store_close(s);
}

static void test_load_statements_replaces(void **state) {
  vitae_store *s = open_memory();
  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(s));
  raptor_statement *v[2];
  v[0] = raptor_new_statement_from_nodes(
      rw, raptor_new_term_from_uri_string(rw, (const unsigned char *)EX "s"),
      raptor_new_term_from_uri_string(rw, (const unsigned char *)EX "p"),
      raptor_new_term_from_literal(rw, (const unsigned char *)"one", NULL, NULL),
      /* its own graph is ignored */
      raptor_new_term_from_uri_string(rw, (const unsigned char *)EX "elsewhere"));
  v[1] = raptor_new_statement_from_nodes(
      rw, raptor_new_term_from_blank(rw, (const unsigned char *)"x"),
      raptor_new_term_from_uri_string(rw, (const unsigned char *)EX "p"),
      raptor_new_term_from_literal(rw, (const unsigned char *)"two", NULL, NULL), NULL);
  assert_non_null(v[0]);
  assert_non_null(v[1]);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_load_result res = {0, 0};
  assert_int_equal(vitae_load_statements(s, v, 2, EX "g", &res, &err), VITAE_OK);
  assert_int_equal(res.triples, 2);
  assert_int_equal(res.graphs, 1);
  assert_int_equal(count(s, EX "g"), 2);
  assert_false(vitae_store_has_graph(s, EX "elsewhere"));
  assert_string_equal(graph_list(s), EX "g");
  /* the statements are still the caller's, intact */
  assert_string_equal((const char *)v[0]->object->value.literal.string, "one");
  raptor_free_statement(v[0]);
  raptor_free_statement(v[1]);

  /* no statements: the graph is emptied */
  assert_int_equal(vitae_load_statements(s, NULL, 0, EX "g", &res, &err), VITAE_OK);
  assert_int_equal(res.triples, 0);
  assert_int_equal(count(s, EX "g"), 0);
  assert_false(vitae_store_has_graph(s, EX "g"));
  vitae_store_close(s);
}

static void test_drop_graph_and_all(void **state) {
  vitae_store *s = open_memory();
  load_ok(s, TTL3, "turtle", EX "a", 3, 1);
  load_ok(s, TTL3, "turtle", EX "b", 3, 1);
  load_ok(s, TTL3, "turtle", EX "c", 3, 1);
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_drop_graph(s, EX "b", &err), VITAE_OK);
  assert_false(vitae_store_has_graph(s, EX "b"));
  assert_string_equal(graph_list(s), EX "a " EX "c");
  assert_int_equal(count(s, NULL), 6);

  assert_int_equal(vitae_store_drop_graph(s, EX "b", &err), VITAE_ERR_NOTFOUND);
  assert_string_equal(err.message, "no graph <http://example.org/b> in the store");

  vitae_error_clear(&err);
  assert_int_equal(vitae_store_drop_all(s, &err), VITAE_OK);
  assert_string_equal(graph_list(s), "");
  assert_int_equal(count(s, NULL), 0);
  /* dropping everything from an empty store is fine */
  assert_int_equal(vitae_store_drop_all(s, &err), VITAE_OK);
  vitae_store_close(s);
}

static void test_load_file(void **state) {
  char path[512];
  snprintf(path, sizeof path, "%s", in_tmp("a b.ttl"));
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("<rel> <http://example.org/p> <#frag> .\n", f);
  fclose(f);

  vitae_store *s = open_memory();
  vitae_error err;
  vitae_error_clear(&err);
  vitae_load_result res = {0, 0};
  assert_int_equal(vitae_load_file(s, path, NULL, NULL, NULL, &res, &err), VITAE_OK);
  assert_int_equal(res.triples, 1);
  char iri[600];
  snprintf(iri, sizeof iri, "file://%s/a%%20b.ttl", tmpdir);
  assert_string_equal(graph_list(s), iri);

  /* relative IRIs resolve against the file's IRI */
  char q[700];
  librdf_world *w = vitae_store_world(s);
  char subj[600];
  snprintf(subj, sizeof subj, "file://%s/rel", tmpdir);
  snprintf(q, sizeof q, "%s#frag", iri);
  librdf_node *sn = librdf_new_node_from_uri_string(w, (const unsigned char *)subj);
  librdf_node *pn = librdf_new_node_from_uri_string(w, (const unsigned char *)EX "p");
  librdf_node *on = librdf_new_node_from_uri_string(w, (const unsigned char *)q);
  librdf_statement *st = librdf_new_statement_from_nodes(w, sn, pn, on);
  assert_true(librdf_model_contains_statement(vitae_store_model(s), st));
  librdf_free_statement(st);

  /* a missing file and a directory are I/O errors naming the file */
  vitae_error_clear(&err);
  assert_int_equal(vitae_load_file(s, in_tmp("none.ttl"), NULL, NULL, NULL, NULL, &err), VITAE_ERR_IO);
  assert_string_equal(err.message, "No such file or directory");
  assert_string_equal(err.file, in_tmp("none.ttl"));
  vitae_error_clear(&err);
  assert_int_equal(vitae_load_file(s, tmpdir, "turtle", NULL, NULL, NULL, &err), VITAE_ERR_IO);
  /* an extension nobody knows needs --format */
  snprintf(path, sizeof path, "%s", in_tmp("data.txt"));
  f = fopen(path, "w");
  assert_non_null(f);
  fclose(f);
  vitae_error_clear(&err);
  assert_int_equal(vitae_load_file(s, path, NULL, NULL, NULL, NULL, &err), VITAE_ERR_USAGE);
  vitae_store_close(s);
}

/* ---- syntaxes and file IRIs ---- */

static void test_load_syntax(void **state) {
  /* by format word */
  assert_string_equal(vitae_load_syntax("turtle", NULL), "turtle");
  assert_string_equal(vitae_load_syntax("ntriples", "x.ttl"), "ntriples"); /* the word wins */
  assert_string_equal(vitae_load_syntax("nquads", NULL), "nquads");
  assert_string_equal(vitae_load_syntax("trig", NULL), "trig");
  assert_string_equal(vitae_load_syntax("rdfxml", NULL), "rdfxml");
  assert_null(vitae_load_syntax("ttl", NULL));
  assert_null(vitae_load_syntax("json-ld", "x.ttl"));
  /* by extension */
  assert_string_equal(vitae_load_syntax(NULL, "a/b/people.ttl"), "turtle");
  assert_string_equal(vitae_load_syntax(NULL, "x.turtle"), "turtle");
  assert_string_equal(vitae_load_syntax(NULL, "X.TTL"), "turtle");
  assert_string_equal(vitae_load_syntax(NULL, "x.nt"), "ntriples");
  assert_string_equal(vitae_load_syntax(NULL, "x.nq"), "nquads");
  assert_string_equal(vitae_load_syntax(NULL, "x.trig"), "trig");
  assert_string_equal(vitae_load_syntax(NULL, "x.rdf"), "rdfxml");
  assert_string_equal(vitae_load_syntax(NULL, "vitae.owl"), "rdfxml");
  assert_string_equal(vitae_load_syntax(NULL, "x.xml"), "rdfxml");
  assert_null(vitae_load_syntax(NULL, "x.txt"));
  assert_null(vitae_load_syntax(NULL, "noext"));
  assert_null(vitae_load_syntax(NULL, "dir.ttl/file"));
  assert_null(vitae_load_syntax(NULL, "x.ttlx"));
  assert_null(vitae_load_syntax(NULL, NULL));

  assert_true(vitae_load_syntax_has_graphs("trig"));
  assert_true(vitae_load_syntax_has_graphs("nquads"));
  assert_false(vitae_load_syntax_has_graphs("turtle"));
  assert_false(vitae_load_syntax_has_graphs("ntriples"));
  assert_false(vitae_load_syntax_has_graphs(NULL));
}

static void test_file_iri_absolute(void **state) {
  char *iri = vitae_load_file_iri("/data/my file.ttl");
  assert_string_equal(iri, "file:///data/my%20file.ttl");
  free(iri);
  iri = vitae_load_file_iri("/data/Erdo\xC4\x9F" "an/\xD0\x9A.ttl"); /* Erdoğan/К.ttl */
  assert_string_equal(iri, "file:///data/Erdo%C4%9Fan/%D0%9A.ttl");
  free(iri);
  iri = vitae_load_file_iri("/a/b-c_d.e~f/100%#?x");
  assert_string_equal(iri, "file:///a/b-c_d.e~f/100%25%23%3Fx");
  free(iri);
}

static char saved_cwd[4096];

static int save_cwd(void **state) { return getcwd(saved_cwd, sizeof saved_cwd) ? 0 : -1; }
static int restore_cwd(void **state) { return chdir(saved_cwd); }

static void test_file_iri_relative(void **state) {
  assert_int_equal(chdir(tmpdir), 0);
  char *iri = vitae_load_file_iri("sub dir/x.ttl");
  char want[600];
  snprintf(want, sizeof want, "file://%s/sub%%20dir/x.ttl", tmpdir);
  assert_string_equal(iri, want);
  free(iri);
  /* from the root directory: no doubled slash */
  assert_int_equal(chdir("/"), 0);
  iri = vitae_load_file_iri("tmp/x.ttl");
  assert_string_equal(iri, "file:///tmp/x.ttl");
  free(iri);
}

/* Regression: for a relative path the working directory was once copied
 * into the IRI unencoded ("file:///tmp/<dir>/with space é/x.ttl"). */
static void test_file_iri_relative_cwd_encoded(void **state) {
  char dir[600];
  snprintf(dir, sizeof dir, "%s/with space \xc3\xa9", tmpdir);
  assert_int_equal(mkdir(dir, 0777), 0);
  assert_int_equal(chdir(dir), 0);
  char *iri = vitae_load_file_iri("x.ttl");
  char want[700];
  snprintf(want, sizeof want, "file://%s/with%%20space%%20%%C3%%A9/x.ttl", tmpdir);
  assert_string_equal(iri, want);
  free(iri);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spec_plain_and_schemes),
      cmocka_unit_test(test_spec_errors),
      cmocka_unit_test_setup_teardown(test_spec_default_location, save_env, restore_env),
      cmocka_unit_test(test_open_read_missing_fails_and_creates_nothing),
      cmocka_unit_test(test_open_read_empty_dir_fails),
      cmocka_unit_test(test_open_write_creates_store),
      cmocka_unit_test(test_open_sqlite_backend),
      cmocka_unit_test(test_open_refuses_foreign_dir),
      cmocka_unit_test(test_open_refuses_plain_file),
      cmocka_unit_test(test_second_writer_is_busy),
      cmocka_unit_test(test_memory_open_and_close_null),
      cmocka_unit_test(test_load_count_list_has),
      cmocka_unit_test(test_reload_replaces),
      cmocka_unit_test(test_syntax_error_loads_nothing),
      cmocka_unit_test(test_syntax_error_record_status),
      cmocka_unit_test(test_unknown_syntax),
      cmocka_unit_test(test_nquads_keep_graphs),
      cmocka_unit_test(test_load_statements_replaces),
      cmocka_unit_test(test_drop_graph_and_all),
      cmocka_unit_test(test_load_file),
      cmocka_unit_test(test_load_syntax),
      cmocka_unit_test(test_file_iri_absolute),
      cmocka_unit_test_setup_teardown(test_file_iri_relative, save_cwd, restore_cwd),
      cmocka_unit_test_setup_teardown(test_file_iri_relative_cwd_encoded, save_cwd, restore_cwd),
  };
  return cmocka_run_group_tests_name("store", tests, make_tmpdir, remove_tmpdir);
}
