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
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "core/buf.h"
#include "store/bulk.h"
#include "store/check.h"
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
  /* format 2: a new store starts with an empty generation 1 */
  assert_string_equal(slurp(marker), "vitae store format 2\nbackend hashes\ngeneration 1\n");

  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(s);
  /* closing committed the load as generation 2 */
  assert_string_equal(slurp(marker), "vitae store format 2\nbackend hashes\ngeneration 2\n");

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
  assert_string_equal(slurp(marker), "vitae store format 2\nbackend sqlite\ngeneration 1\n");
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
  char want[200];
  snprintf(want, sizeof want,
           "the store is busy: another vitae process (pid %ld) is writing to it; try again "
           "later, or use --wait",
           (long)getpid());
  assert_string_equal(err.message, want);

  /* readers are not kept out by the writer: they read the committed state */
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &b, &err), VITAE_OK);
  assert_non_null(b);
  vitae_store_close(b);
  b = NULL;

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

/* ---- generations: atomic writes on disk ---- */

static const char *TTL_OTHER =
    "@prefix ex: <http://example.org/> .\n"
    "ex:z ex:name \"Z\" .\n";

/* Open dir for reading and count one graph (or all). */
static unsigned long count_on_disk(const char *dir, const char *graph) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  if (vitae_store_open(dir, VITAE_STORE_READ, &s, &err) != VITAE_OK)
    fail_msg("open %s: %s", dir, err.message);
  unsigned long n = count(s, graph);
  vitae_store_close(s);
  return n;
}

static vitae_store *open_writer(const char *dir) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  if (vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err) != VITAE_OK)
    fail_msg("open %s for writing: %s", dir, err.message);
  return s;
}

static int gen_exists(const char *dir, unsigned long g) {
  char name[64], path[600];
  vitae_store_generation_name(g, name, sizeof name);
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return exists(path);
}

static unsigned long marker_generation(const char *dir) {
  vitae_store_marker m;
  assert_int_equal(vitae_store_read_marker(dir, &m, NULL, 0), 1);
  return m.generation;
}

static void test_generation_names(void **state) {
  char name[64];
  unsigned long g = 0;
  vitae_store_generation_name(7, name, sizeof name);
  assert_string_equal(name, "gen-000007");
  assert_true(vitae_store_parse_generation_name(name, &g));
  assert_int_equal(g, 7);
  assert_true(vitae_store_parse_generation_name("gen-12345678", &g));
  assert_int_equal(g, 12345678);
  assert_false(vitae_store_parse_generation_name("gen-", &g));
  assert_false(vitae_store_parse_generation_name("gen-0", &g));
  assert_false(vitae_store_parse_generation_name("gen-12x", &g));
  assert_false(vitae_store_parse_generation_name("gen-000001.new", &g));
  assert_false(vitae_store_parse_generation_name("lock", &g));
  assert_true(vitae_store_is_data_file("vitae-sp2o.db"));
  assert_true(vitae_store_is_data_file("vitae-contexts.db"));
  assert_true(vitae_store_is_data_file("vitae.sqlite"));
  assert_true(vitae_store_is_data_file("vitae.sqlite-journal"));
  assert_false(vitae_store_is_data_file("vitae-store"));
  assert_false(vitae_store_is_data_file("vitae-.db"));
  assert_false(vitae_store_is_data_file("other.db"));
}

/* Each write session becomes one new generation; the one it replaces goes. */
static void test_commit_makes_a_generation(void **state) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("gens"));
  vitae_store *s = open_writer(dir);
  assert_int_equal(vitae_store_generation(s), 1);
  assert_int_equal(vitae_store_working_generation(s), 0);
  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  /* the load works in generation 2; the store still says 1 */
  assert_int_equal(vitae_store_working_generation(s), 2);
  assert_true(gen_exists(dir, 2));
  assert_int_equal(marker_generation(dir), 1);
  assert_int_equal(count_on_disk(dir, EX "g"), 0); /* others do not see it yet */
  load_ok(s, TTL_OTHER, "turtle", EX "h", 1, 1);    /* same session, same generation */
  assert_int_equal(vitae_store_working_generation(s), 2);
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_commit(s, &err), VITAE_OK);
  assert_int_equal(marker_generation(dir), 2);
  assert_int_equal(vitae_store_generation(s), 2);
  assert_false(gen_exists(dir, 1));
  /* the store stays usable after a commit: it reads what it committed */
  assert_int_equal(count(s, EX "g"), 3);
  assert_int_equal(count(s, NULL), 4);
  vitae_store_close(s);
  assert_int_equal(count_on_disk(dir, NULL), 4);

  /* a session that writes nothing commits nothing */
  s = open_writer(dir);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_drop_graph(s, EX "none", &err), VITAE_ERR_NOTFOUND);
  vitae_store_close(s);
  assert_int_equal(marker_generation(dir), 2);
  assert_false(gen_exists(dir, 3));
  assert_int_equal(count_entries(dir), 3); /* vitae-store, lock, gen-000002 */

  /* drop_all on disk: a new, empty generation */
  s = open_writer(dir);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_drop_all(s, &err), VITAE_OK);
  assert_int_equal(count(s, NULL), 0);
  vitae_store_close(s);
  assert_int_equal(marker_generation(dir), 3);
  assert_int_equal(count_on_disk(dir, NULL), 0);
}

/* A reader keeps its snapshot while a writer commits, and keeps the old
 * generation from being removed until it closes. */
static void test_reader_keeps_its_snapshot(void **state) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("snap"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(w);
  assert_int_equal(marker_generation(dir), 2);

  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *r = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &r, &err), VITAE_OK);
  assert_int_equal(vitae_store_generation(r), 2);

  w = open_writer(dir);
  load_ok(w, TTL_OTHER, "turtle", EX "g", 1, 1);
  assert_int_equal(count(r, EX "g"), 3); /* uncommitted: invisible */
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_commit(w, &err), VITAE_OK);
  assert_int_equal(marker_generation(dir), 3);
  assert_int_equal(count(r, EX "g"), 3); /* committed: still the snapshot */
  assert_true(gen_exists(dir, 2));       /* held by the reader */
  assert_true(vitae_store_generation_in_use(in_tmp("snap/gen-000002")));
  assert_int_equal(count_on_disk(dir, EX "g"), 1); /* a new reader sees the new state */
  vitae_store_close(w);
  assert_true(gen_exists(dir, 2));

  /* check: an old generation in use is a note, not a problem */
  vitae_check_summary sum;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 0, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0);
  assert_int_equal(sum.warnings, 0);
  vitae_store_close(r);

  /* the reader is gone: now it is a leftover, and the next writer removes it */
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 0, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0);
  assert_int_equal(sum.warnings, 1);
  w = open_writer(dir);
  vitae_store_close(w);
  assert_false(gen_exists(dir, 2));
  assert_true(gen_exists(dir, 3));
}

static void test_rollback_and_failed_writes(void **state) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("rollback"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(w);

  w = open_writer(dir);
  load_ok(w, TTL_OTHER, "turtle", EX "g", 1, 1);
  assert_int_equal(count(w, EX "g"), 1); /* the writer sees its own writes */
  assert_true(gen_exists(dir, 3));
  vitae_store_rollback(w);
  assert_false(gen_exists(dir, 3));
  assert_int_equal(vitae_store_working_generation(w), 0);
  assert_int_equal(count(w, EX "g"), 3); /* back to the committed state */

  /* a failed write ends the session: rolled back, and later writes refused */
  load_ok(w, TTL_OTHER, "turtle", EX "h", 1, 1);
  vitae_error err;
  vitae_error_clear(&err);
  errno = ENOSPC;
  assert_int_equal(vitae_store_write_failed(w, &err, "x.nt", "cannot add a triple to the store"),
                   VITAE_ERR_STORE);
  assert_string_equal(err.message, "cannot add a triple to the store: No space left on device; "
                                   "nothing was stored (the store is unchanged)");
  assert_false(vitae_store_has_graph(w, EX "h"));
  vitae_error_clear(&err);
  vitae_load_result res;
  assert_int_equal(vitae_load_buffer(w, TTL_OTHER, strlen(TTL_OTHER), "turtle", "y", EX "y",
                                     NULL, &res, &err),
                   VITAE_ERR_STORE);
  assert_non_null(strstr(err.message, "an earlier write of this run failed"));
  vitae_store_close(w);
  assert_int_equal(marker_generation(dir), 2);
  assert_int_equal(count_on_disk(dir, NULL), 3);
  assert_int_equal(count_entries(dir), 3);
}

/* A writer killed at any point leaves the committed state: here, killed
 * after writing everything but before the commit. */
static void test_killed_writer_changes_nothing(void **state) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("killed"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(w);

  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    vitae_error err;
    vitae_error_clear(&err);
    vitae_store *s = NULL;
    if (vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err) != VITAE_OK) _exit(2);
    if (vitae_load_buffer(s, TTL_OTHER, strlen(TTL_OTHER), "turtle", "t", EX "g", NULL, NULL,
                          &err) != VITAE_OK)
      _exit(3);
    if (vitae_store_sync(s, &err) != VITAE_OK) _exit(4);
    raise(SIGKILL);
    _exit(5);
  }
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFSIGNALED(status));
  assert_int_equal(WTERMSIG(status), SIGKILL);

  assert_int_equal(count_on_disk(dir, EX "g"), 3);
  assert_true(gen_exists(dir, 3)); /* the partial generation */
  vitae_check_summary sum;
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 0, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0); /* the data is whole */
  assert_int_equal(sum.warnings, 2); /* the partial generation and its marker, reported */
  assert_int_equal(sum.triples, 3);
  assert_int_equal(sum.whole, 3);
  /* the lock died with the process: the next writer goes ahead, and first
   * removes the leftovers */
  w = open_writer(dir);
  assert_false(gen_exists(dir, 3));
  load_ok(w, TTL_OTHER, "turtle", EX "g", 1, 1);
  vitae_store_close(w);
  assert_int_equal(count_on_disk(dir, EX "g"), 1);
  assert_int_equal(marker_generation(dir), 3);
}

/* Past a file size limit (ulimit -f), a load fails with a clear message and
 * the store is unchanged. */
static void test_file_size_limit(void **state) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("fsize"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(w);
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    struct rlimit rl = {256 * 1024, 256 * 1024};
    setrlimit(RLIMIT_FSIZE, &rl);
    vitae_buf b = VITAE_BUF_INIT;
    for (int i = 0; i < 40000; i++)
      vitae_buf_printf(&b, "<http://example.org/s%d> <http://example.org/p> \"a literal long "
                           "enough to fill the pages quickly %d\" .\n", i, i);
    vitae_error err;
    vitae_error_clear(&err);
    vitae_store *s = NULL;
    vitae_status st = vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err);
    if (st == VITAE_OK)
      st = vitae_load_buffer(s, b.data, b.len, "ntriples", "big.nt", EX "big", NULL, NULL, &err);
    if (st == VITAE_OK) st = vitae_store_commit(s, &err);
    vitae_store_close(s);
    if (write(fds[1], err.message, strlen(err.message)) < 0) _exit(9);
    _exit(st == VITAE_OK ? 0 : 1);
  }
  close(fds[1]);
  char msg[1100] = "";
  ssize_t n = read(fds[0], msg, sizeof msg - 1);
  close(fds[0]);
  msg[n > 0 ? n : 0] = '\0';
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_not_equal(WEXITSTATUS(status), 0); /* 1, or valgrind's own code */
  print_message("# over the limit: %s\n", msg);
  assert_non_null(strstr(msg, "the store is unchanged"));
  assert_int_equal(count_on_disk(dir, NULL), 3);
  assert_int_equal(marker_generation(dir), 2);
  vitae_check_summary sum;
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 0, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0); /* the failed write cleaned up after itself */
}

/* ---- the direct writer (store/bulk.h) ---- */

#ifdef HAVE_DB_H
#include <db.h>

/* Every record of one BDB file in cursor order (keys in order, the
 * duplicates of a key in theirs), one "key value" line of hex each. */
static void file_records(const char *path, vitae_buf *out) {
  DB *db = NULL;
  assert_int_equal(db_create(&db, NULL, 0), 0);
  assert_int_equal(db->set_flags(db, DB_DUP), 0);
  if (db->open(db, NULL, path, NULL, DB_BTREE, DB_RDONLY, 0) != 0) fail_msg("cannot open %s", path);
  DBC *c = NULL;
  assert_int_equal(db->cursor(db, NULL, &c, 0), 0);
  DBT k, v;
  memset(&k, 0, sizeof k);
  memset(&v, 0, sizeof v);
  while (c->get(c, &k, &v, DB_NEXT) == 0) {
    for (u_int32_t i = 0; i < k.size; i++) vitae_buf_printf(out, "%02x", ((unsigned char *)k.data)[i]);
    vitae_buf_putc(out, ' ');
    for (u_int32_t i = 0; i < v.size; i++) vitae_buf_printf(out, "%02x", ((unsigned char *)v.data)[i]);
    vitae_buf_putc(out, '\n');
  }
  c->close(c);
  db->close(db, 0);
}

/* The same loads into two stores, one written directly (the default), one
 * through librdf (VITAE_BULK=0): each of the four files holds the same
 * records in the same order, after a first load and after a reload that
 * replaces a graph. */
static void test_direct_writes_are_librdf_records(void **state) {
  (void)state;
  static const char *TRIG =
      "@prefix ex: <http://example.org/> .\n"
      "ex:g1 { ex:a ex:p ex:b , ex:c , \"x\" , \"x\"@en , \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
      "        ex:a ex:q _:n . _:n ex:p ex:a . ex:b ex:p ex:a . ex:a ex:p ex:b . }\n"
      "ex:g2 { ex:a ex:p ex:b , ex:d . ex:z ex:p \"x\" . }\n";
  static const char *AGAIN =
      "@prefix ex: <http://example.org/> .\n"
      "ex:g1 { ex:a ex:p ex:e , ex:b . ex:y ex:q ex:a . }\n";
  const char *dirs[2] = {"direct", "librdf"};
  vitae_buf rec[2][4];
  const char *const *files = vitae_store_data_files(VITAE_BACKEND_HASHES);
  for (int w = 0; w < 2; w++) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s", in_tmp(dirs[w]));
    if (w) setenv("VITAE_BULK", "0", 1);
    vitae_store *s = open_writer(dir);
    load_ok(s, TRIG, "trig", EX "default", 11, 2);
    vitae_error err;
    vitae_error_clear(&err);
    assert_int_equal(vitae_store_commit(s, &err), VITAE_OK);
    load_ok(s, AGAIN, "trig", EX "default", 3, 1);
    vitae_store_close(s);
    unsetenv("VITAE_BULK");
    vitae_store_marker m;
    assert_int_equal(vitae_store_read_marker(dir, &m, NULL, 0), 1);
    char gen[64], path[700];
    vitae_store_generation_name(m.generation, gen, sizeof gen);
    for (int f = 0; f < 4; f++) {
      rec[w][f] = (vitae_buf)VITAE_BUF_INIT;
      snprintf(path, sizeof path, "%s/%s/%s", dir, gen, files[f]);
      file_records(path, &rec[w][f]);
      vitae_buf_putc(&rec[w][f], '\0');
    }
  }
  for (int f = 0; f < 4; f++) {
    assert_true(rec[0][f].len > 10);
    if (strcmp(rec[0][f].data, rec[1][f].data) != 0)
      fail_msg("%s differs:\n%s\n---\n%s", files[f], rec[0][f].data, rec[1][f].data);
    vitae_buf_free(&rec[0][f]);
    vitae_buf_free(&rec[1][f]);
  }
}

static int cmp_cstr(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Statements read back as "s p o g" lines, sorted and joined. */
static int line_of(void *user, raptor_statement *st) {
  vitae_buf *out = user;
  raptor_term *t[4] = {st->subject, st->predicate, st->object, st->graph};
  for (int i = 0; i < 4; i++) {
    unsigned char *str = raptor_term_to_string(t[i]);
    vitae_buf_printf(out, "%s%c", str ? (const char *)str : "?", i < 3 ? ' ' : '\n');
    raptor_free_memory(str);
  }
  return 0;
}

static char *sorted_lines(vitae_buf *b) {
  vitae_buf_putc(b, '\0');
  char *text = b->data, *lines[64], *save = NULL;
  size_t n = 0;
  for (char *l = strtok_r(text, "\n", &save); l && n < 64; l = strtok_r(NULL, "\n", &save))
    lines[n++] = l;
  qsort(lines, n, sizeof *lines, cmp_cstr);
  vitae_buf out = VITAE_BUF_INIT;
  for (size_t i = 0; i < n; i++) vitae_buf_printf(&out, "%s\n", lines[i]);
  vitae_buf_putc(&out, '\0');
  return out.data;
}

/* A session that started on empty files hands what it added to a reader
 * without reading the files (the same statements as the files give), once;
 * after a removal, or on files that were not empty, it says ENOENT. */
static void test_session_read(void **state) {
  (void)state;
  static const char *TRIG = "@prefix ex: <http://example.org/> .\n"
                            "ex:g1 { ex:a ex:p ex:b , \"x\"@en . _:n ex:p ex:a . }\n"
                            "ex:g2 { ex:a ex:p ex:b . ex:z ex:q ex:a . }\n";
  const char *dir = in_tmp("session");
  vitae_store *s = open_writer(dir);
  load_ok(s, TRIG, "trig", EX "default", 5, 2);
  vitae_error err;
  vitae_error_clear(&err);
  struct vitae_bulk *b = NULL;
  assert_int_equal(vitae_store_bulk(s, &b, &err), VITAE_OK);
  assert_non_null(b);
  raptor_term *g2 = raptor_new_term_from_uri_string(
      librdf_world_get_raptor(vitae_store_world(s)), (const unsigned char *)"http://example.org/g2");
  vitae_buf got = VITAE_BUF_INIT, files = VITAE_BUF_INIT;
  assert_int_equal(vitae_bulk_read_session(b, g2, line_of, &got), 0);
  assert_int_equal(vitae_bulk_read(b, NULL, g2, line_of, &files), 0);
  char *a = sorted_lines(&got), *f = sorted_lines(&files);
  assert_non_null(strstr(a, "<http://example.org/a> <http://example.org/p> \"x\"@en"));
  assert_null(strstr(a, "http://example.org/z")); /* g2 is skipped */
  assert_string_equal(a, f);
  free(a);
  free(f);
  vitae_buf_free(&got);
  vitae_buf_free(&files);
  /* once only */
  assert_int_equal(vitae_bulk_read_session(b, NULL, line_of, &got), ENOENT);
  vitae_buf_free(&got);
  raptor_free_term(g2);
  assert_int_equal(vitae_store_commit(s, &err), VITAE_OK);
  vitae_store_close(s);
  /* a session on a store that holds something reads the files */
  s = open_writer(dir);
  load_ok(s, "<http://example.org/c> <http://example.org/p> <http://example.org/d> .\n",
          "ntriples", EX "more", 1, 1);
  assert_int_equal(vitae_store_bulk(s, &b, &err), VITAE_OK);
  assert_int_equal(vitae_bulk_read_session(b, NULL, line_of, &got), ENOENT);
  vitae_buf_free(&got);
  vitae_store_close(s);
  /* nor after a removal (a reload replaces the graph it fills) */
  s = open_writer(in_tmp("session2"));
  load_ok(s, TRIG, "trig", EX "default", 5, 2);
  load_ok(s, TRIG, "trig", EX "default", 5, 2);
  assert_int_equal(vitae_store_bulk(s, &b, &err), VITAE_OK);
  assert_int_equal(vitae_bulk_read_session(b, NULL, line_of, &got), ENOENT);
  vitae_buf_free(&got);
  vitae_store_close(s);
}
#else
static void test_direct_writes_are_librdf_records(void **state) {
  (void)state;
  skip(); /* no Berkeley DB header: no direct writer */
}
static void test_session_read(void **state) {
  (void)state;
  skip();
}
#endif

/* Stores made before generations (format 1: the BDB files in the store
 * directory) are read as they are, and moved into a generation by the first
 * writer, without a copy. */
static void test_format1_is_read_then_migrated(void **state) {
  char dir[512], path[700], to[800];
  snprintf(dir, sizeof dir, "%s", in_tmp("old"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "g", 3, 1);
  vitae_store_close(w);
  /* turn it into a format-1 store by hand */
  snprintf(path, sizeof path, "%s/gen-000002", dir);
  const char *const *files = vitae_store_data_files(VITAE_BACKEND_HASHES);
  for (const char *const *f = files; *f; f++) {
    char from[800];
    snprintf(from, sizeof from, "%s/%s", path, *f);
    snprintf(to, sizeof to, "%s/%s", dir, *f);
    assert_int_equal(rename(from, to), 0);
  }
  assert_int_equal(rmdir(path), 0);
  snprintf(path, sizeof path, "%s/vitae-store", dir);
  FILE *m = fopen(path, "w");
  assert_non_null(m);
  fputs("vitae store format 1\nbackend hashes\n", m);
  fclose(m);
  snprintf(to, sizeof to, "%s/vitae-sp2o.db", dir);
  struct stat before;
  assert_int_equal(stat(to, &before), 0);

  assert_int_equal(count_on_disk(dir, EX "g"), 3);
  assert_string_equal(slurp(path), "vitae store format 1\nbackend hashes\n");
  vitae_check_summary sum;
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 0, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.format, 1);
  assert_int_equal(sum.problems, 0);
  assert_int_equal(sum.triples, 3);

  w = open_writer(dir);
  assert_string_equal(slurp(path), "vitae store format 2\nbackend hashes\ngeneration 1\n");
  assert_false(exists(to));
  snprintf(to, sizeof to, "%s/gen-000001/vitae-sp2o.db", dir);
  struct stat after;
  assert_int_equal(stat(to, &after), 0);
  assert_int_equal(after.st_ino, before.st_ino); /* moved by a link, not copied */
  assert_int_equal(count(w, EX "g"), 3);
  load_ok(w, TTL_OTHER, "turtle", EX "h", 1, 1);
  vitae_store_close(w);
  assert_int_equal(count_on_disk(dir, NULL), 4);
  assert_int_equal(marker_generation(dir), 2);
}

static void test_marker_errors(void **state) {
  char dir[512], path[700];
  snprintf(dir, sizeof dir, "%s", in_tmp("markers"));
  assert_int_equal(mkdir(dir, 0777), 0);
  snprintf(path, sizeof path, "%s/vitae-store", dir);
  vitae_store_marker m;
  char why[300];
  assert_int_equal(vitae_store_read_marker(dir, &m, why, sizeof why), 0);
  static const struct {
    const char *text, *why;
  } cases[] = {
      {"vitae store format 3\nbackend hashes\ngeneration 1\n",
       "the store has format 3; this vitae reads formats 1 to 2 (a newer vitae made it?)"},
      {"something else\n", "'vitae-store' is not a vitae store marker"},
      {"vitae store format 2\nbackend oracle\ngeneration 1\n",
       "'vitae-store' names an unknown backend 'oracle'"},
      {"vitae store format 2\nbackend hashes\n", "'vitae-store' names no generation"},
      {"vitae store format 2\ngeneration 4\n", "'vitae-store' names no backend"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(cases[i].text, f);
    fclose(f);
    assert_int_equal(vitae_store_read_marker(dir, &m, why, sizeof why), -1);
    assert_string_equal(why, cases[i].why);
    vitae_error err;
    vitae_error_clear(&err);
    vitae_store *s = NULL;
    assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err), VITAE_ERR_STORE);
    assert_string_equal(err.message, cases[i].why);
  }
  /* a marker naming a generation that is not there */
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("vitae store format 2\nbackend hashes\ngeneration 5\n", f);
  fclose(f);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &s, &err), VITAE_ERR_STORE);
  assert_string_equal(err.message, "the current generation gen-000005 cannot be opened (No such "
                                   "file or directory); the store is damaged: see 'vitae check'");
  vitae_check_summary sum;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 1, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 1);
}

/* Another writer: fail at once, or wait for it. */
static void test_wait_for_the_writer(void **state) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s", in_tmp("wait"));
  vitae_store *w = open_writer(dir);
  vitae_store_close(w);
  int ready[2];
  assert_int_equal(pipe(ready), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(ready[0]);
    vitae_error err;
    vitae_error_clear(&err);
    vitae_store *s = NULL;
    if (vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err) != VITAE_OK) _exit(2);
    if (vitae_load_buffer(s, TTL3, strlen(TTL3), "turtle", "t", EX "g", NULL, NULL, &err) !=
        VITAE_OK)
      _exit(3);
    if (write(ready[1], "x", 1) != 1) _exit(4);
    usleep(300000);
    vitae_store_close(s);
    _exit(0);
  }
  close(ready[1]);
  char c;
  assert_int_equal(read(ready[0], &c, 1), 1);
  close(ready[0]);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err), VITAE_ERR_STORE);
  assert_non_null(strstr(err.message, "is writing to it"));
  long holder = 0;
  assert_true(vitae_store_writer_active(dir, &holder));
  assert_int_equal(holder, pid);
  /* a reader is not blocked, and sees the state before the child's load */
  assert_int_equal(count_on_disk(dir, NULL), 0);
  vitae_store_set_wait(1);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_WRITE, &s, &err), VITAE_OK);
  vitae_store_set_wait(0);
  /* it waited for the child to commit */
  assert_int_equal(count(s, EX "g"), 3);
  vitae_store_close(s);
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
}

/* Restore: everything replaced at once, blank node labels kept; a bad file
 * changes nothing. */
static void test_restore_replaces_everything(void **state) {
  char dir[512], nq[600];
  snprintf(dir, sizeof dir, "%s", in_tmp("restore"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "old", 3, 1);
  vitae_store_close(w);
  snprintf(nq, sizeof nq, "%s", in_tmp("dump.nq"));
  FILE *f = fopen(nq, "w");
  assert_non_null(f);
  fputs("_:b1 <http://example.org/p> \"x\" <http://example.org/n1> .\n"
        "<http://example.org/s> <http://example.org/p> _:b1 <http://example.org/n1> .\n"
        "<http://example.org/s> <http://example.org/p> \"y\" <http://example.org/n2> .\n",
        f);
  fclose(f);
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_REPLACE, &s, &err), VITAE_OK);
  vitae_load_result res;
  assert_int_equal(vitae_load_restore(s, nq, NULL, &res, &err), VITAE_OK);
  assert_int_equal(res.triples, 3);
  assert_int_equal(res.graphs, 2);
  assert_string_equal(graph_list(s), EX "n1 " EX "n2");
  vitae_store_close(s);
  assert_int_equal(count_on_disk(dir, NULL), 3);
  /* the blank node keeps its label */
  s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_READ, &s, &err), VITAE_OK);
  librdf_node *b = librdf_new_node_from_blank_identifier(vitae_store_world(s),
                                                         (const unsigned char *)"b1");
  librdf_node *p =
      librdf_new_node_from_uri_string(vitae_store_world(s), (const unsigned char *)EX "p");
  librdf_node *t = librdf_model_get_target(vitae_store_model(s), b, p);
  assert_non_null(t);
  assert_string_equal((const char *)librdf_node_get_literal_value(t), "x");
  librdf_free_node(t);
  librdf_free_node(b);
  librdf_free_node(p);
  vitae_store_close(s);

  /* a file with an error: the store is as it was */
  f = fopen(nq, "w");
  assert_non_null(f);
  fputs("<http://example.org/s> <http://example.org/p> \"z\" <http://example.org/n3> .\nbad\n", f);
  fclose(f);
  vitae_error_clear(&err);
  s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_REPLACE, &s, &err), VITAE_OK);
  assert_int_equal(vitae_load_restore(s, nq, NULL, NULL, &err), VITAE_ERR_SYNTAX);
  vitae_store_close(s);
  assert_int_equal(count_on_disk(dir, NULL), 3);
  assert_int_equal(count_entries(dir), 3);
  /* REPLACE opened and closed with nothing written: nothing changes */
  s = NULL;
  assert_int_equal(vitae_store_open(dir, VITAE_STORE_REPLACE, &s, &err), VITAE_OK);
  vitae_store_close(s);
  assert_int_equal(count_on_disk(dir, NULL), 3);
}

static void report_count(void *user, vitae_check_level level, const char *message) {
  int *n = user;
  n[level]++;
}

static void test_check_finds_and_repairs(void **state) {
  char dir[512], path[700];
  snprintf(dir, sizeof dir, "%s", in_tmp("check"));
  vitae_store *w = open_writer(dir);
  load_ok(w, TTL3, "turtle", EX "g", 3, 1);
  load_ok(w, TTL_OTHER, "turtle", EX "h", 1, 1);
  vitae_store_close(w);
  vitae_check_summary sum;
  vitae_error err;
  vitae_error_clear(&err);
  int seen[4] = {0};
  assert_int_equal(vitae_store_check(dir, 0, report_count, seen, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0);
  assert_int_equal(sum.graphs, 2);
  assert_int_equal(sum.triples, 4);
  assert_int_equal(sum.whole, 4);
  assert_int_equal(sum.format, 2);
  assert_int_equal(sum.generation, 2);
  assert_int_equal(seen[VITAE_CHECK_PROBLEM], 0);

  /* leftovers: a partial generation, the next marker, an old generation, a
   * format-1 data file, and a file that is not vitae's */
  snprintf(path, sizeof path, "%s/gen-000007", dir);
  assert_int_equal(mkdir(path, 0777), 0);
  snprintf(path, sizeof path, "%s/gen-000007/vitae-sp2o.db", dir);
  fclose(fopen(path, "w"));
  snprintf(path, sizeof path, "%s/gen-000001", dir);
  assert_int_equal(mkdir(path, 0777), 0);
  snprintf(path, sizeof path, "%s/vitae-store.new", dir);
  fclose(fopen(path, "w"));
  snprintf(path, sizeof path, "%s/vitae-po2s.db", dir);
  fclose(fopen(path, "w"));
  snprintf(path, sizeof path, "%s/notes.txt", dir);
  fclose(fopen(path, "w"));
  memset(seen, 0, sizeof seen);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 0, report_count, seen, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0);
  assert_int_equal(sum.warnings, 4);
  assert_int_equal(seen[VITAE_CHECK_INFO], 1); /* notes.txt */
  memset(seen, 0, sizeof seen);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 1, report_count, seen, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0);
  assert_int_equal(sum.warnings, 0);
  assert_int_equal(sum.repaired, 4);
  assert_int_equal(seen[VITAE_CHECK_REPAIRED], 4);
  assert_true(exists(path)); /* notes.txt is left alone */
  assert_int_equal(count_entries(dir), 4);
  assert_int_equal(count_on_disk(dir, NULL), 4);

  /* damaged data: found, and not "repaired" by removing anything */
  snprintf(path, sizeof path, "%s/gen-000002/vitae-contexts.db", dir);
  FILE *f = fopen(path, "r+b");
  assert_non_null(f);
  char junk[4096];
  memset(junk, 0x5a, sizeof junk);
  fwrite(junk, 1, sizeof junk, f);
  fclose(f);
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_check(dir, 1, NULL, NULL, &sum, &err), VITAE_OK);
  assert_true(sum.problems >= 1);
  assert_int_equal(sum.repaired, 0);
  assert_true(gen_exists(dir, 2));
}

static void test_memory_sessions_are_noops(void **state) {
  vitae_store *s = open_memory();
  vitae_error err;
  vitae_error_clear(&err);
  assert_int_equal(vitae_store_begin(s, 0, &err), VITAE_OK);
  load_ok(s, TTL3, "turtle", EX "g", 3, 1);
  assert_int_equal(vitae_store_working_generation(s), 0);
  assert_int_equal(vitae_store_commit(s, &err), VITAE_OK);
  vitae_store_rollback(s); /* nothing to roll back: writes are immediate */
  assert_int_equal(count(s, EX "g"), 3);
  assert_int_equal(vitae_store_generation(s), 0);
  vitae_check_summary sum;
  assert_int_equal(vitae_store_check("memory:", 0, NULL, NULL, &sum, &err), VITAE_OK);
  assert_int_equal(sum.problems, 0);
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
      cmocka_unit_test(test_generation_names),
      cmocka_unit_test(test_commit_makes_a_generation),
      cmocka_unit_test(test_reader_keeps_its_snapshot),
      cmocka_unit_test(test_rollback_and_failed_writes),
      cmocka_unit_test(test_killed_writer_changes_nothing),
      cmocka_unit_test(test_file_size_limit),
      cmocka_unit_test(test_direct_writes_are_librdf_records),
      cmocka_unit_test(test_session_read),
      cmocka_unit_test(test_format1_is_read_then_migrated),
      cmocka_unit_test(test_marker_errors),
      cmocka_unit_test(test_wait_for_the_writer),
      cmocka_unit_test(test_restore_replaces_everything),
      cmocka_unit_test(test_check_finds_and_repairs),
      cmocka_unit_test(test_memory_sessions_are_noops),
      cmocka_unit_test(test_load_syntax),
      cmocka_unit_test(test_file_iri_absolute),
      cmocka_unit_test_setup_teardown(test_file_iri_relative, save_cwd, restore_cwd),
      cmocka_unit_test_setup_teardown(test_file_iri_relative_cwd_encoded, save_cwd, restore_cwd),
  };
  return cmocka_run_group_tests_name("store", tests, make_tmpdir, remove_tmpdir);
}
