/* The web page: the static files under <datadir>/web (GET / and
 * /static/NAME), and the small JSON endpoints under /api/ that the page
 * reads.  The JSON is what `vitae describe/timeline/network --format json`
 * print (src/trace), so the page and the CLI cannot disagree; a name typed
 * into the search box is only compared with labels, never put into SPARQL. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/datadir.h"
#include "serve/internal.h"
#include "trace/trace.h"

/* ---- static files ---- */

/* The files the page is made of: nothing else is served from web/. */
static const struct {
  const char *name, *type;
} STATIC_FILES[] = {{"index.html", "text/html; charset=utf-8"},
                    {"style.css", "text/css; charset=utf-8"},
                    {"common.js", "text/javascript; charset=utf-8"},
                    {"index.js", "text/javascript; charset=utf-8"},
                    {"entity.js", "text/javascript; charset=utf-8"}};

/* A whole (small) file into memory; NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *data = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&data, &n);
  char chunk[8192];
  size_t got;
  int ok = m != NULL;
  while (ok && (got = fread(chunk, 1, sizeof chunk, f)) > 0) ok = fwrite(chunk, 1, got, m) == got;
  if (ferror(f)) ok = 0;
  fclose(f);
  if (m && fclose(m) != 0) ok = 0;
  if (!ok) {
    free(data);
    return NULL;
  }
  *len = n;
  return data;
}

enum MHD_Result vs_static(vs_server *srv,  vs_request *rq,
                          const char *name) {
  (void)srv;
  for (size_t i = 0; i < sizeof STATIC_FILES / sizeof STATIC_FILES[0]; i++) {
    if (strcmp(name, STATIC_FILES[i].name)) continue;
    char rel[64], path[4096];
    snprintf(rel, sizeof rel, "web/%s", name);
    size_t len = 0;
    char *body = vitae_datadir_path(rel, path, sizeof path) ? read_file(path, &len) : NULL;
    if (!body)
      return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR,
                          "the web page's files are not installed (%s/web/%s; set "
                          "VITAE_DATADIR)",
                          vitae_datadir(), name);
    const char *const h[] = {MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache", NULL};
    return vs_send(rq, MHD_HTTP_OK, STATIC_FILES[i].type, body, len, h);
  }
  return vs_send_text(rq, MHD_HTTP_NOT_FOUND, "no such file");
}

/* ---- JSON helpers ---- */

static void put_json_string(vitae_buf *b, const char *s, size_t n) {
  vitae_buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"' || ch == '\\') vitae_buf_printf(b, "\\%c", ch);
    else if (ch == '\n') vitae_buf_puts(b, "\\n");
    else if (ch < 0x20 || ch == 0x7f) vitae_buf_printf(b, "\\u%04x", ch);
    else vitae_buf_putc(b, (char)ch);
  }
  vitae_buf_putc(b, '"');
}

static enum MHD_Result send_json_buf(vs_request *rq, vitae_buf *b) {
  if (b->failed) {
    vitae_buf_free(b);
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  }
  size_t len = b->len;
  char *body = vitae_buf_take(b);
  return vs_send(rq, MHD_HTTP_OK, "application/json", body, body ? len : 0, NULL);
}

/* ---- /api/queries: the showcase queries ---- */

/* The question a query file opens with: its first comment lines, up to
 * the one that ends with '?' (or all of the opening comment). */
static void put_question(vitae_buf *b, const char *text) {
  vitae_buf q = VITAE_BUF_INIT;
  const char *p = text;
  while (*p == '#') {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    const char *s = p + 1;
    size_t k = n - 1;
    while (k && (*s == ' ' || *s == '\t')) s++, k--;
    while (k && (s[k - 1] == ' ' || s[k - 1] == '\r')) k--;
    if (q.len && k) vitae_buf_putc(&q, ' ');
    vitae_buf_append(&q, s, k);
    if (k && s[k - 1] == '?') break;
    if (!eol) break;
    p = eol + 1;
  }
  put_json_string(b, q.len ? vitae_buf_str(&q) : "", q.len);
  vitae_buf_free(&q);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum MHD_Result api_queries(vs_request *rq) {
  char dir[4096];
  DIR *d = vitae_datadir_path("queries", dir, sizeof dir) ? opendir(dir) : NULL;
  if (!d)
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR,
                        "the showcase queries are not installed (%s/queries)", vitae_datadir());
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t k = strlen(e->d_name);
    if (k < 4 || strcmp(e->d_name + k - 3, ".rq") || e->d_name[0] == '.') continue;
    if (n == cap) {
      char **more = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof *names);
      if (!more) break;
      names = more;
    }
    if ((names[n] = strdup(e->d_name))) n++;
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, by_name);
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_puts(&b, "{\"queries\": [");
  size_t written = 0;
  for (size_t i = 0; i < n; i++) {
    char path[4096 + 300];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    size_t len = 0;
    char *text = read_file(path, &len);
    if (text && strlen(text) == len) {
      vitae_buf_puts(&b, written++ ? ",\n  {\"name\": " : "\n  {\"name\": ");
      put_json_string(&b, names[i], strlen(names[i]) - 3);
      vitae_buf_puts(&b, ", \"question\": ");
      put_question(&b, text);
      vitae_buf_puts(&b, ", \"query\": ");
      put_json_string(&b, text, len);
      vitae_buf_putc(&b, '}');
    }
    free(text);
    free(names[i]);
  }
  free(names);
  vitae_buf_puts(&b, "]}\n");
  return send_json_buf(rq, &b);
}

/* ---- /api/info, /api/search, /api/describe, /api/timeline, /api/network ---- */

static enum MHD_Result api_info(vs_server *srv,  vs_request *rq) {
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_puts(&b, "{\"base\": ");
  put_json_string(&b, srv->base, strlen(srv->base));
  vitae_buf_printf(&b, ", \"sparql\": \"/sparql\", \"updates\": %s}\n",
                   srv->opt->allow_update ? "true" : "false");
  return send_json_buf(rq, &b);
}

typedef enum { API_SEARCH, API_DESCRIBE, API_TIMELINE, API_NETWORK } api_kind;

/* Build what kind asks for and write it as JSON into f. */
static vitae_status build_json(vitae_store *store, api_kind kind, const char *key, int depth,
                               FILE *f, vitae_error *err) {
  vitae_status st;
  switch (kind) {
  case API_SEARCH: {
    vitae_trace_candidates cs;
    if ((st = vitae_trace_search(store, key, 30, &cs, err)) == VITAE_OK)
      vitae_trace_candidates_write_json(&cs, f);
    vitae_trace_candidates_free(&cs);
    return st;
  }
  case API_DESCRIBE: {
    vitae_trace_card card;
    if ((st = vitae_trace_card_build(store, key, &card, err)) == VITAE_OK) {
      vitae_trace_card_write_json(&card, f);
      vitae_trace_card_free(&card);
    }
    return st;
  }
  case API_TIMELINE: {
    vitae_trace_timeline t;
    if ((st = vitae_trace_timeline_build(store, key, &t, err)) == VITAE_OK) {
      vitae_trace_timeline_write_json(&t, f);
      vitae_trace_timeline_free(&t);
    }
    return st;
  }
  case API_NETWORK: {
    vitae_trace_network n;
    if ((st = vitae_trace_network_build(store, key, depth, &n, err)) == VITAE_OK) {
      vitae_trace_network_write_json(&n, f);
      vitae_trace_network_free(&n);
    }
    return st;
  }
  }
  return VITAE_ERR_USAGE;
}

static enum MHD_Result api_trace(vs_server *srv,  vs_request *rq,
                                 api_kind kind) {
  const char *key = vs_arg(rq, kind == API_SEARCH ? "q" : "iri");
  if (!key || !*key)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "give %s",
                        kind == API_SEARCH ? "q=TEXT" : "iri=IRI");
  int depth = 1;
  const char *ds = vs_arg(rq, "depth");
  if (ds && *ds) {
    char *end;
    long v = strtol(ds, &end, 10);
    if (*end || v < 1 || v > 3)
      return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "depth is 1, 2 or 3");
    depth = (int)v;
  }
  enum MHD_Result ok;
  vitae_store *store = vs_take_store(srv, rq, &ok);
  if (!store) return ok;
  vitae_error err;
  vitae_error_clear(&err);
  char *body = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&body, &len);
  vitae_status st = f ? build_json(store, kind, key, depth, f, &err)
                      : vitae_error_set(&err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (f && fclose(f) != 0 && st == VITAE_OK)
    st = vitae_error_set(&err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_pool_give(srv->pool, store);
  if (st != VITAE_OK) {
    free(body);
    return vs_send_text(rq, vs_status_for(st), "%s",
                        err.message[0] ? err.message : vitae_strerror(st));
  }
  return vs_send(rq, MHD_HTTP_OK, "application/json", body, len, NULL);
}

enum MHD_Result vs_api(vs_server *srv,  vs_request *rq,
                       const char *what) {
  if (!strcmp(what, "queries")) return api_queries(rq);
  if (!strcmp(what, "info")) return api_info(srv, rq);
  if (!strcmp(what, "search")) return api_trace(srv, rq, API_SEARCH);
  if (!strcmp(what, "describe")) return api_trace(srv, rq, API_DESCRIBE);
  if (!strcmp(what, "timeline")) return api_trace(srv, rq, API_TIMELINE);
  if (!strcmp(what, "network")) return api_trace(srv, rq, API_NETWORK);
  return vs_send_text(rq, MHD_HTTP_NOT_FOUND,
                      "no such API: /api/ has info, queries, search, describe, timeline, network");
}
