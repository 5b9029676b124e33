/* Fuzz harness for vitae serve's request handler (src/serve/handler.h):
 * the bytes are one HTTP request, written as HTTP writes it --
 *   METHOD URL\n            (a request line; "HTTP/1.1" after the URL is
 *   Name: value\n             ignored; \r\n works too)
 *   ...\n
 *   \n
 *   body (the rest)
 * -- and go to vitae_handler_answer() without a socket: the URL's path is
 * percent-decoded and its query string split into arguments as
 * libmicrohttpd does, the rest is the handler's (parameters, form bodies,
 * routing, content negotiation, SPARQL queries with datasets, linked data,
 * the web page's API, SPARQL Update and the Graph Store Protocol with the
 * token "fuzz-token-0123456789", which the seeds know).  The store is a
 * temporary on-disk store holding tests/fixtures/people.trig; writes change
 * it, as they would a served one.  Queries have a 2 s limit and answers
 * 1000 rows.  What is checked: an answer always comes (the handler fails
 * only when out of memory), with a status from 100 to 599, name/value
 * header pairs, and a Content-Type whenever there is a body.
 * Built with -DVITAE_LIBFUZZER it is a libFuzzer target (run.sh http 60);
 * without it, linked with replay.c, it is tests/fuzz/replay_http. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "serve/handler.h"
#include "store/load.h"
#include "store/store.h"
#include "tests/fuzz/replay.h"

#define TOKEN "fuzz-token-0123456789"

static char dir[64];
static vitae_server_options opt;
static vitae_handler *handler;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static void remove_store(void) {
  if (dir[0]) nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  vitae_error err;
  vitae_error_clear(&err);
  char trig[4096];
  fuzz_source_file(trig, sizeof trig, "tests/fixtures/people.trig");
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%.40s/fuzz-http.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  vitae_store *store = NULL;
  if (!mkdtemp(dir) || vitae_store_open(dir, VITAE_STORE_WRITE, &store, &err) != VITAE_OK ||
      vitae_load_file(store, trig, "trig", "https://example.org/test/", NULL, NULL, &err) !=
          VITAE_OK ||
      vitae_store_commit(store, &err) != VITAE_OK) {
    fprintf(stderr, "fuzz_http: cannot make the store in %s: ", dir);
    vitae_error_print(&err, stderr);
    exit(1);
  }
  vitae_store_close(store);
  atexit(remove_store);
  opt.store_spec = dir;
  opt.timeout = 2;
  opt.max_rows = 1000;
  opt.max_body = 1 << 16;
  opt.max_connections = 1;
  opt.base = "https://example.org/test/";
  opt.quiet = 1;
  opt.allow_update = 1;
  opt.token = TOKEN;
  vitae_store_set_wait(1);
  if (vitae_handler_new(&opt, &handler, &err) != VITAE_OK) {
    fprintf(stderr, "fuzz_http: cannot serve %s: ", dir);
    vitae_error_print(&err, stderr);
    exit(1);
  }
  vitae_handler_set_origin(handler, "http://127.0.0.1:8080");
  return 0;
}

/* name, value pairs, NULL-terminated, of strings this file owns. */
typedef struct pairs {
  char **v;
  size_t n, cap;
} pairs;

static void pairs_add(pairs *p, const char *name, size_t nlen, const char *value, size_t vlen) {
  if (p->n + 3 > p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 16;
    char **more = realloc(p->v, cap * sizeof *more);
    if (!more) abort();
    p->v = more;
    p->cap = cap;
  }
  /* strndup: a %00 ends the string, as libmicrohttpd's C strings end */
  if (!(p->v[p->n++] = strndup(name, nlen)) || !(p->v[p->n++] = strndup(value, vlen))) abort();
  p->v[p->n] = NULL;
}

static void pairs_free(pairs *p) {
  for (size_t i = 0; i < p->n; i++) free(p->v[i]);
  free(p->v);
}

static void add_arg(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen) {
  pairs_add(ctx, name, nlen, value, vlen);
}

static int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* The path percent-decoded (%XX only, as libmicrohttpd decodes a path; a
 * %00 is kept as it is, since the path is a C string). */
static char *decode_path(const char *s, size_t n) {
  char *out = malloc(n + 1), *o = out;
  if (!out) abort();
  for (size_t i = 0; i < n; i++) {
    int hi, lo;
    if (s[i] == '%' && i + 2 < n && (hi = hex_digit(s[i + 1])) >= 0 &&
        (lo = hex_digit(s[i + 2])) >= 0 && (hi | lo)) {
      *o++ = (char)(hi * 16 + lo);
      i += 2;
    } else {
      *o++ = s[i];
    }
  }
  *o = '\0';
  return out;
}

/* The end of the line starting at p (before "\r\n" or "\n"), and where the
 * next one starts. */
static const char *line_end(const char *p, const char *end, const char **next) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  *next = nl ? nl + 1 : end;
  const char *e = nl ? nl : end;
  if (e > p && e[-1] == '\r') e--;
  return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *p = (const char *)data, *end = p + size, *next;
  /* the request line: METHOD URL [VERSION] */
  const char *le = line_end(p, end, &next);
  const char *sp = memchr(p, ' ', (size_t)(le - p));
  if (!sp) return 0;
  char *method = strndup(p, (size_t)(sp - p));
  const char *url = sp + 1, *url_end = memchr(url, ' ', (size_t)(le - url));
  if (!url_end) url_end = le;
  const char *q = memchr(url, '?', (size_t)(url_end - url));
  char *path = decode_path(url, (size_t)((q ? q : url_end) - url));
  pairs args = {NULL, 0, 0}, headers = {NULL, 0, 0};
  if (q && vitae_http_parse_form(q + 1, (size_t)(url_end - q - 1), add_arg, &args) != 0) abort();
  /* headers, up to an empty line */
  for (p = next; p < end;) {
    le = line_end(p, end, &next);
    if (le == p) {
      p = next;
      break;
    }
    const char *colon = memchr(p, ':', (size_t)(le - p));
    if (colon) {
      const char *v = colon + 1;
      while (v < le && (*v == ' ' || *v == '\t')) v++;
      pairs_add(&headers, p, (size_t)(colon - p), v, (size_t)(le - v));
    }
    p = next;
  }
  size_t body_len = p < end ? (size_t)(end - p) : 0;
  char *body = malloc(body_len + 1); /* the handler's body ends with a NUL */
  if (!method || !body) abort();
  memcpy(body, p < end ? p : "", body_len);
  body[body_len] = '\0';
  vitae_http_request rq = {method, path, (const char *const *)args.v,
                           (const char *const *)headers.v, body_len ? body : NULL, body_len,
                           body_len > opt.max_body};
  vitae_http_response out;
  if (vitae_handler_answer(handler, &rq, &out) != 0) {
    fprintf(stderr, "fuzz_http: no answer (the handler failed)\n");
    abort();
  }
  if (out.status < 100 || out.status > 599) {
    fprintf(stderr, "fuzz_http: status %u\n", out.status);
    abort();
  }
  size_t nh = 0;
  while (out.headers && out.headers[nh]) nh++;
  if (nh % 2) {
    fprintf(stderr, "fuzz_http: a header without a value\n");
    abort();
  }
  if (out.body_len && !vitae_http_header((const char *const *)out.headers, "Content-Type")) {
    fprintf(stderr, "fuzz_http: a body without a Content-Type\n");
    abort();
  }
#ifndef VITAE_LIBFUZZER
  /* an error answer's message is its body's first line */
  int msg = out.status >= 400 && out.body ? (int)strcspn(out.body, "\n") : 0;
  snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "%s %.40s: %u, %zu bytes%s%.*s", method,
           path, out.status, out.body_len, msg ? ": " : "", msg > 60 ? 60 : msg,
           out.body ? out.body : "");
#endif
  vitae_http_response_free(&out);
  pairs_free(&args);
  pairs_free(&headers);
  free(body);
  free(path);
  free(method);
  return 0;
}

#ifndef VITAE_LIBFUZZER
void fuzz_replay_done(void) {
  vitae_handler_free(handler);
  remove_store();
  dir[0] = '\0';
}
#endif
