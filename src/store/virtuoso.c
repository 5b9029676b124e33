/* A Virtuoso server as a vitae store, over HTTP with libcurl (see
 * virtuoso.h for why HTTP).  libcurl because it is the HTTP client every
 * distribution keeps patched, with digest authentication, keep-alive and
 * proxies done right; writing one would be more code to get wrong. */
#include "store/virtuoso.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "core/buf.h"

int vitae_virtuoso_is_spec(const char *spec) {
  return spec && !strncmp(spec, "virtuoso:", 9);
}

#if VITAE_USE_VIRTUOSO

#include <curl/curl.h>

#define SD_GRAPH "http://www.w3.org/ns/sparql-service-description#Graph"

/* A graph this handle wrote, with the text it sent (owned). */
typedef struct written {
  char *graph, *data;
  size_t len;
  struct written *next;
} written;

struct vitae_virtuoso {
  char name[600];     /* "virtuoso:HOST:PORT" */
  char base[600];     /* "http://HOST:PORT" */
  char *user, *password;
  CURL *curl;         /* one handle: keep-alive across requests */
  char **graphs;      /* the catalog, read once per process (NULL: not yet) */
  long max_rows;      /* X-SPARQL-MaxRows of the last answer: it was cut (0: not) */
  written *sent;      /* what this handle wrote, newest first */
};

/* ---- the spec ---- */

static vitae_status read_password(const char *path, char **out, vitae_error *err) {
  FILE *f = fopen(path, "r");
  if (!f)
    return vitae_error_set(err, VITAE_ERR_USAGE, path, 0, 0, "password-file: %s", strerror(errno));
  char line[1024];
  if (!fgets(line, sizeof line, f)) line[0] = '\0';
  fclose(f);
  line[strcspn(line, "\r\n")] = '\0';
  if (!(*out = strdup(line))) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return VITAE_OK;
}

static vitae_status parse_spec(vitae_virtuoso *v, const char *spec, vitae_error *err) {
  const char *p = spec + 9, *end = p + strcspn(p, ",");
  char host[256];
  long port = 8890;
  const char *colon = memchr(p, ']', (size_t)(end - p)); /* [::1]:8890 */
  colon = memchr(colon ? colon : p, ':', (size_t)(end - (colon ? colon : p)));
  size_t hl = (size_t)((colon ? colon : end) - p);
  if (hl == 0 || hl >= sizeof host)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                           "bad store spec '%s': give virtuoso:HOST:PORT", spec);
  memcpy(host, p, hl);
  host[hl] = '\0';
  if (colon) {
    char *e;
    port = strtol(colon + 1, &e, 10);
    if (e != end || port < 1 || port > 65535)
      return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                             "bad store spec '%s': the port must be a number from 1 to 65535", spec);
  }
  snprintf(v->name, sizeof v->name, "virtuoso:%s:%ld", host, port);
  snprintf(v->base, sizeof v->base, "http://%s:%ld", host, port);
  while (*end == ',') {
    p = end + 1;
    end = p + strcspn(p, ",");
    size_t n = (size_t)(end - p);
    char opt[1100];
    if (n >= sizeof opt) n = sizeof opt - 1;
    memcpy(opt, p, n);
    opt[n] = '\0';
    if (!strncmp(opt, "user=", 5) && opt[5]) {
      free(v->user);
      if (!(v->user = strdup(opt + 5))) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    } else if (!strncmp(opt, "password-file=", 14) && opt[14]) {
      free(v->password);
      v->password = NULL;
      if (read_password(opt + 14, &v->password, err) != VITAE_OK) return err->status;
    } else {
      return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                             "bad store spec '%s': unknown option '%s' (user=NAME, password-file=PATH)",
                             spec, opt);
    }
  }
  if (v->password && !v->user)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                           "bad store spec '%s': password-file= needs user=", spec);
  return VITAE_OK;
}

/* ---- HTTP ---- */

static size_t collect(char *data, size_t size, size_t n, void *userdata) {
  vitae_buf *b = userdata;
  return vitae_buf_append(b, data, size * n) == VITAE_OK ? size * n : 0;
}

typedef struct request {
  const char *method;       /* "GET", "POST", "PUT", "DELETE" */
  const char *path;         /* "/sparql?..." */
  const char *content_type; /* of body; NULL when none */
  const char *body;
  size_t body_len;
  const char *accept;
  int auth;                 /* digest-authenticate with the spec's account */
} request;

/* Virtuoso marks an answer it cut at ResultSetMaxRows with this header. */
static size_t on_header(char *data, size_t size, size_t n, void *userdata) {
  vitae_virtuoso *v = userdata;
  static const char name[] = "x-sparql-maxrows:";
  size_t len = size * n;
  if (len > sizeof name && !strncasecmp(data, name, sizeof name - 1))
    v->max_rows = strtol(data + sizeof name - 1, NULL, 10);
  return len;
}

/* Set up handle c for one request; *headers (the caller frees it with
 * curl_slist_free_all after the transfer) holds the header lines. */
static vitae_status prepare(vitae_virtuoso *v, CURL *c, const request *rq, vitae_buf *resp,
                            struct curl_slist **headers, vitae_error *err) {
  char url[8192];
  if ((size_t)snprintf(url, sizeof url, "%s%s", v->base, rq->path) >= sizeof url)
    return vitae_error_set(err, VITAE_ERR_USAGE, v->name, 0, 0, "request too long (an IRI of %zu bytes?)",
                           strlen(rq->path));
  struct curl_slist *h = NULL;
  char line[256];
  if (rq->accept) {
    snprintf(line, sizeof line, "Accept: %s", rq->accept);
    h = curl_slist_append(h, line);
  }
  if (rq->content_type) {
    snprintf(line, sizeof line, "Content-Type: %s", rq->content_type);
    h = curl_slist_append(h, line);
  }
  h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
  *headers = h;
  curl_easy_setopt(c, CURLOPT_URL, url); /* libcurl copies the strings it is given */
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, v);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "vitae/" PACKAGE_VERSION);
  if (rq->body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
  }
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
  if (!strcmp(rq->method, "GET")) curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  if (rq->auth && v->user) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_DIGEST);
    curl_easy_setopt(c, CURLOPT_USERNAME, v->user);
    curl_easy_setopt(c, CURLOPT_PASSWORD, v->password ? v->password : "");
  }
  return VITAE_OK;
}

static vitae_status transfer_error(vitae_virtuoso *v, CURLcode rc, const request *rq, vitae_error *err) {
  const char *what = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                             rc == CURLE_OPERATION_TIMEDOUT
                         ? "cannot connect" : "request failed";
  return vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0, "%s: %s (%s %s)", what,
                         curl_easy_strerror(rc), rq->method, rq->path);
}

/* Send one request; *code is the HTTP status.  Only transport failures are
 * errors here; the caller judges the status. */
static vitae_status http(vitae_virtuoso *v, const request *rq, vitae_buf *resp, long *code,
                         vitae_error *err) {
  CURL *c = v->curl;
  curl_easy_reset(c);
  struct curl_slist *h = NULL;
  v->max_rows = 0;
  if (prepare(v, c, rq, resp, &h, err) != VITAE_OK) return err->status;
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(h);
  if (rc != CURLE_OK) return transfer_error(v, rc, rq, err);
  if (resp->failed) return vitae_error_set(err, VITAE_ERR_NOMEM, v->name, 0, 0, "out of memory");
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
  return VITAE_OK;
}

/* The first line of Virtuoso's error page ("Virtuoso 37000 Error SP030: ..."). */
static void first_line(const vitae_buf *b, char *out, size_t n) {
  const char *s = vitae_buf_str(b);
  const char *xmp = strstr(s, "<xmp>"); /* the message inside an HTML error page */
  if (xmp) s = xmp + 5;
  while (*s == '\n' || *s == '\r' || *s == ' ') s++;
  size_t k = strcspn(s, xmp ? "<\r\n" : "\r\n");
  if (k >= n) k = n - 1;
  memcpy(out, s, k);
  out[k] = '\0';
}

static vitae_status http_status_error(vitae_virtuoso *v, long code, const vitae_buf *b,
                                      vitae_status status, const char *what, vitae_error *err) {
  char msg[600];
  first_line(b, msg, sizeof msg);
  if (code == 401 || code == 403)
    return vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0,
                           "%s: not allowed (HTTP %ld): %s", what,
                           code, v->user ? "check user= and password-file= (the account needs SPARQL_UPDATE)"
                                         : "writing needs an account: add ,user=NAME,password-file=PATH");
  return vitae_error_set(err, status, v->name, 0, 0, "%s: HTTP %ld: %s", what, code,
                         *msg ? msg : "(no message)");
}

/* Append key=urlencoded(value)&. */
static void form_add(vitae_virtuoso *v, vitae_buf *b, const char *key, const char *value) {
  char *e = curl_easy_escape(v->curl, value, 0);
  if (!e) {
    b->failed = 1;
    return;
  }
  if (b->len) vitae_buf_putc(b, '&');
  vitae_buf_printf(b, "%s=%s", key, e);
  curl_free(e);
}

/* POST a form to /sparql (or /sparql-auth): query or update text. */
static vitae_status sparql_form(vitae_virtuoso *v, const vitae_buf *form, int auth,
                                const char *accept, vitae_buf *resp, long *code, vitae_error *err) {
  if (form->failed) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  request rq = {"POST", auth ? "/sparql-auth" : "/sparql", "application/x-www-form-urlencoded",
                vitae_buf_str(form), form->len, accept, auth};
  return http(v, &rq, resp, code, err);
}

/* IRIs go into SPARQL text and URLs: refuse what would break out of <...>. */
static vitae_status check_iri(vitae_virtuoso *v, const char *iri, vitae_error *err) {
  for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
    if (*p <= 0x20 || strchr("<>\"{}|^`\\", *p))
      return vitae_error_set(err, VITAE_ERR_USAGE, v->name, 0, 0,
                             "graph IRI <%s> holds a character IRIs may not (0x%02x)", iri, *p);
  if (!*iri) return vitae_error_set(err, VITAE_ERR_USAGE, v->name, 0, 0, "empty graph IRI");
  return VITAE_OK;
}

/* A SPARQL update, authenticated. */
static vitae_status update(vitae_virtuoso *v, const char *text, const char *what, vitae_error *err) {
  vitae_buf form = VITAE_BUF_INIT, resp = VITAE_BUF_INIT;
  form_add(v, &form, "query", text);
  long code = 0;
  vitae_status st = sparql_form(v, &form, 1, "application/sparql-results+xml", &resp, &code, err);
  if (st == VITAE_OK && (code < 200 || code > 299))
    st = http_status_error(v, code, &resp, VITAE_ERR_STORE, what, err);
  vitae_buf_free(&form);
  vitae_buf_free(&resp);
  return st;
}

/* A SELECT whose answer is one column, read as CSV lines (quotes dropped;
 * the values are IRIs vitae checked or numbers). */
static vitae_status select_column(vitae_virtuoso *v, const char *text, char ***out, size_t *n,
                                  vitae_error *err) {
  vitae_buf form = VITAE_BUF_INIT, resp = VITAE_BUF_INIT;
  form_add(v, &form, "query", text);
  long code = 0;
  vitae_status st = sparql_form(v, &form, 0, "text/csv", &resp, &code, err);
  vitae_buf_free(&form);
  if (st == VITAE_OK && code != 200) st = http_status_error(v, code, &resp, VITAE_ERR_STORE, "query", err);
  size_t k = 0;
  char **list = NULL;
  if (st == VITAE_OK) {
    char *s = (char *)vitae_buf_str(&resp);
    size_t lines = 1;
    for (char *q = s; *q; q++) lines += *q == '\n';
    if (!(list = calloc(lines + 1, sizeof *list))) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    int header = 1;
    for (char *line = s; st == VITAE_OK && line && *line;) {
      char *next = strchr(line, '\n');
      if (next) *next++ = '\0';
      line[strcspn(line, "\r")] = '\0';
      if (header) header = 0;
      else if (*line) {
        size_t len = strlen(line);
        if (len >= 2 && line[0] == '"' && line[len - 1] == '"') {
          line[len - 1] = '\0';
          line++;
        }
        if (!(list[k++] = strdup(line))) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
      }
      line = next;
    }
  }
  vitae_buf_free(&resp);
  if (st != VITAE_OK) {
    for (size_t i = 0; list && i < k; i++) free(list[i]);
    free(list);
    return st;
  }
  *out = list;
  *n = k;
  return VITAE_OK;
}

static void free_list(char **list) {
  for (char **p = list; p && *p; p++) free(*p);
  free(list);
}

/* ---- what this handle wrote ---- */

static void forget_written(vitae_virtuoso *v, const char *graph) {
  for (written **w = &v->sent; *w; w = &(*w)->next)
    if (!strcmp((*w)->graph, graph)) {
      written *gone = *w;
      *w = gone->next;
      free(gone->graph);
      free(gone->data);
      free(gone);
      return;
    }
}

/* Keep a copy of what was sent (out of memory: nothing kept, which only
 * means reading it back later). */
static void remember_written(vitae_virtuoso *v, const char *graph, const char *data, size_t len) {
  forget_written(v, graph);
  written *w = calloc(1, sizeof *w);
  if (w && (w->graph = strdup(graph)) && (w->data = malloc(len + 1))) {
    memcpy(w->data, data, len);
    w->data[len] = '\0';
    w->len = len;
    w->next = v->sent;
    v->sent = w;
    return;
  }
  if (w) free(w->graph);
  free(w);
}

const char *vitae_virtuoso_written(const vitae_virtuoso *v, const char *graph, size_t *len) {
  for (const written *w = v->sent; w; w = w->next)
    if (!strcmp(w->graph, graph)) {
      *len = w->len;
      return w->data;
    }
  *len = 0;
  return NULL;
}

/* ---- open / close ---- */

vitae_status vitae_virtuoso_open(const char *spec, vitae_virtuoso **out, vitae_error *err) {
  *out = NULL;
  static int curl_ready;
  if (!curl_ready) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
      return vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0, "cannot start libcurl");
    curl_ready = 1;
  }
  vitae_virtuoso *v = calloc(1, sizeof *v);
  if (!v) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (parse_spec(v, spec, err) != VITAE_OK || !(v->curl = curl_easy_init())) {
    if (err->status == VITAE_OK) vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    vitae_virtuoso_free(v);
    return err->status;
  }
  /* an ASK on nothing: is this a SPARQL endpoint at all? */
  vitae_buf resp = VITAE_BUF_INIT;
  long code = 0;
  request rq = {"GET", "/sparql?query=ASK%7B%7D", NULL, NULL, 0, "application/sparql-results+xml", 0};
  vitae_status st = http(v, &rq, &resp, &code, err);
  if (st == VITAE_OK && code != 200)
    st = http_status_error(v, code, &resp, VITAE_ERR_STORE, "no SPARQL endpoint at /sparql", err);
  else if (st == VITAE_OK && !strstr(vitae_buf_str(&resp), "sparql-results"))
    st = vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0,
                         "/sparql does not answer like a SPARQL endpoint (is this Virtuoso's HTTP port?)");
  vitae_buf_free(&resp);
  if (st != VITAE_OK) {
    vitae_virtuoso_free(v);
    return st;
  }
  *out = v;
  return VITAE_OK;
}

void vitae_virtuoso_free(vitae_virtuoso *v) {
  if (!v) return;
  if (v->curl) curl_easy_cleanup(v->curl);
  if (v->password) memset(v->password, 0, strlen(v->password));
  free(v->password);
  free(v->user);
  free_list(v->graphs);
  while (v->sent) forget_written(v, v->sent->graph);
  free(v);
}

const char *vitae_virtuoso_name(const vitae_virtuoso *v) { return v->name; }
int vitae_virtuoso_can_write(const vitae_virtuoso *v) { return v->user != NULL; }

/* ---- the catalog ---- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static vitae_status load_catalog(vitae_virtuoso *v, vitae_error *err) {
  if (v->graphs) return VITAE_OK;
  char **list;
  size_t n;
  if (select_column(v, "SELECT DISTINCT ?g WHERE { GRAPH <" VITAE_VIRTUOSO_CATALOG "> { ?g a <" SD_GRAPH "> } }",
                    &list, &n, err) != VITAE_OK)
    return err->status;
  qsort(list, n, sizeof *list, cmp_str);
  v->graphs = list;
  return VITAE_OK;
}

static int catalog_has(const vitae_virtuoso *v, const char *g) {
  for (char **p = v->graphs; p && *p; p++)
    if (!strcmp(*p, g)) return 1;
  return 0;
}

/* Forget the cached catalog (it changed). */
static void catalog_changed(vitae_virtuoso *v) {
  free_list(v->graphs);
  v->graphs = NULL;
}

vitae_status vitae_virtuoso_list_graphs(vitae_virtuoso *v, char ***out, vitae_error *err) {
  *out = NULL;
  if (load_catalog(v, err) != VITAE_OK) return err->status;
  size_t n = 0;
  while (v->graphs[n]) n++;
  char **copy = calloc(n + 1, sizeof *copy);
  if (!copy) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; i < n; i++)
    if (!(copy[i] = strdup(v->graphs[i]))) {
      free_list(copy);
      return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
  *out = copy;
  return VITAE_OK;
}

static vitae_status need_account(vitae_virtuoso *v, vitae_error *err) {
  if (v->user) return VITAE_OK;
  return vitae_error_set(err, VITAE_ERR_USAGE, v->name, 0, 0,
                         "writing needs an account: add ,user=NAME,password-file=PATH to the store spec");
}

/* ---- graphs ---- */

static vitae_status gsp_path(vitae_virtuoso *v, const char *endpoint, const char *graph, char *out,
                             size_t n, vitae_error *err) {
  char *e = curl_easy_escape(v->curl, graph, 0);
  if (!e) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  int k = snprintf(out, n, "%s?graph-uri=%s", endpoint, e);
  curl_free(e);
  if (k < 0 || (size_t)k >= n)
    return vitae_error_set(err, VITAE_ERR_USAGE, v->name, 0, 0, "graph IRI too long");
  return VITAE_OK;
}

/* ---- bulk upload: one graph in chunks, over several connections ----
 *
 * Why: one Graph Store PUT of a large graph is parsed by a single server
 * thread, and Virtuoso 7.2 commits it in parts: a PUT cut short (client
 * killed, connection lost) left 670,740 of 1,000,000 triples in the graph,
 * and one 1M-triple PUT never finished (locks held, no CPU used).  So a
 * large graph goes in chunks of whole lines, several POSTs at a time, into
 * a graph vitae does not show yet: a new graph becomes visible when it
 * enters the catalog (vitae's queries range over the catalog's graphs
 * only); a graph that exists is filled under a staging IRI and swapped in
 * with one MOVE.  A failure removes what was sent and leaves the graph as
 * it was. */

#define STAGING_PREFIX "https://w3id.org/vitae/graph/staging/"
#define MAX_STREAMS 16

static long env_long(const char *name, long def, long lo, long hi) {
  const char *s = getenv(name);
  char *end;
  long n = s && *s ? strtol(s, &end, 10) : def;
  if (!s || !*s || *end || n < lo || n > hi) return def;
  return n;
}

typedef struct stream {
  CURL *c;
  vitae_buf resp;
  struct curl_slist *h;
  request rq;
  int busy;
} stream;

/* The end of the chunk that starts at off: about want bytes, whole lines. */
static size_t chunk_end(const char *data, size_t len, size_t off, size_t want) {
  if (len - off <= want) return len;
  const char *nl = memchr(data + off + want, '\n', len - off - want);
  return nl ? (size_t)(nl - data) + 1 : len;
}

/* POST data to graph (path: its GSP URL) in chunks, up to nstreams at a
 * time.  Every chunk is tried until one fails; the first failure is *err. */
static vitae_status post_chunks(vitae_virtuoso *v, const char *path, const char *data, size_t len,
                                size_t chunk, int nstreams, vitae_error *err) {
  CURLM *m = curl_multi_init();
  stream s[MAX_STREAMS];
  memset(s, 0, sizeof s);
  vitae_status st = m ? VITAE_OK : vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (int i = 0; i < nstreams && st == VITAE_OK; i++)
    if (!(s[i].c = curl_easy_init())) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  size_t off = 0;
  int active = 0;
  while (st == VITAE_OK || active) {
    /* start a chunk on every idle stream (none after a failure) */
    for (int i = 0; i < nstreams && st == VITAE_OK && off < len; i++) {
      if (s[i].busy) continue;
      size_t end = chunk_end(data, len, off, chunk);
      s[i].rq = (request){"POST", path, "application/n-triples", data + off, end - off, NULL, 1};
      vitae_buf_reset(&s[i].resp);
      curl_slist_free_all(s[i].h);
      s[i].h = NULL;
      if (prepare(v, s[i].c, &s[i].rq, &s[i].resp, &s[i].h, err) != VITAE_OK) {
        st = err->status;
        break;
      }
      curl_multi_add_handle(m, s[i].c);
      s[i].busy = 1;
      active++;
      off = end;
    }
    if (!active) break;
    int running = 0;
    if (curl_multi_perform(m, &running) != CURLM_OK) {
      if (st == VITAE_OK) st = vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0, "request failed (libcurl)");
      break;
    }
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(m, &left))) {
      if (msg->msg != CURLMSG_DONE) continue;
      int i = 0;
      while (i < nstreams && s[i].c != msg->easy_handle) i++;
      CURLcode rc = msg->data.result;
      curl_multi_remove_handle(m, s[i].c);
      s[i].busy = 0;
      active--;
      long code = 0;
      curl_easy_getinfo(s[i].c, CURLINFO_RESPONSE_CODE, &code);
      if (st != VITAE_OK) continue; /* the first failure is the one told */
      if (rc != CURLE_OK) st = transfer_error(v, rc, &s[i].rq, err);
      else if (code < 200 || code > 299) st = http_status_error(v, code, &s[i].resp, VITAE_ERR_STORE, "upload", err);
    }
    if (active && running) curl_multi_poll(m, NULL, 0, 1000, NULL);
  }
  for (int i = 0; i < nstreams; i++) {
    if (s[i].c) {
      if (s[i].busy) curl_multi_remove_handle(m, s[i].c);
      curl_easy_cleanup(s[i].c);
    }
    curl_slist_free_all(s[i].h);
    vitae_buf_free(&s[i].resp);
  }
  if (m) curl_multi_cleanup(m);
  return st;
}

/* One authenticated SPARQL update built from a format (IRIs vitae checked). */
static vitae_status updatef(vitae_virtuoso *v, const char *what, vitae_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static vitae_status updatef(vitae_virtuoso *v, const char *what, vitae_error *err, const char *fmt, ...) {
  char q[16384];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(q, sizeof q, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof q)
    return vitae_error_set(err, VITAE_ERR_USAGE, v->name, 0, 0, "graph IRI too long");
  return update(v, q, what, err);
}

static vitae_status catalog_add(vitae_virtuoso *v, const char *graph, vitae_error *err) {
  return updatef(v, "catalog", err, "INSERT DATA { GRAPH <%s> { <%s> a <%s> } }", VITAE_VIRTUOSO_CATALOG,
                 graph, SD_GRAPH);
}

/* Remove what a failed load sent; the first error stays the one told. */
static void clean_up(vitae_virtuoso *v, const char *graph) {
  vitae_error ignored;
  vitae_error_clear(&ignored);
  updatef(v, graph, &ignored, "DROP SILENT GRAPH <%s>", graph);
}

static int has_blank_node(const char *data, size_t len) {
  for (const char *p = data, *end = data + len; (p = memchr(p, '_', (size_t)(end - p))); p++)
    if (p + 1 < end && p[1] == ':') return 1;
  return 0;
}

/* A large graph, chunked (see above). */
static vitae_status put_chunked(vitae_virtuoso *v, const char *graph, int exists, const char *data,
                                size_t len, size_t chunk, int nstreams, vitae_error *err) {
  static unsigned serial;
  char target[7000], path[7100];
  if (exists) /* a name no other process picks */
    snprintf(target, sizeof target, STAGING_PREFIX "%ld-%ld-%u", (long)getpid(), (long)time(NULL), serial++);
  else
    snprintf(target, sizeof target, "%s", graph);
  if (gsp_path(v, "/sparql-graph-crud-auth", target, path, sizeof path, err) != VITAE_OK) return err->status;
  /* a new graph may hold what an earlier failed load left */
  if (updatef(v, graph, err, "DROP SILENT GRAPH <%s>", target) != VITAE_OK) return err->status;
  vitae_status st = post_chunks(v, path, data, len, chunk, nstreams, err);
  /* One MOVE: one transaction, so the old graph stays until the new one is
   * whole.  (With DEFINE sql:log-enable 3, row autocommit, Virtuoso 7.2
   * left a mix of both graphs.)  A large MOVE needs the server's
   * TransactionAfterImageLimit above its size (tools/virtuoso-local.sh). */
  if (st == VITAE_OK && exists)
    st = updatef(v, graph, err, "MOVE SILENT <%s> TO <%s>", target, graph);
  else if (st == VITAE_OK)
    st = catalog_add(v, graph, err);
  if (st != VITAE_OK) {
    clean_up(v, target);
    catalog_changed(v);
    char msg[sizeof err->message];
    snprintf(msg, sizeof msg, "%s", err->message);
    vitae_error_clear(err);
    return vitae_error_set(err, st, v->name, 0, 0, "%s; <%s> was left as it was", msg, graph);
  }
  catalog_changed(v);
  return VITAE_OK;
}

static vitae_status put_graph(vitae_virtuoso *v, const char *graph, const char *data, size_t len,
                              vitae_error *err) {
  if (need_account(v, err) != VITAE_OK || check_iri(v, graph, err) != VITAE_OK) return err->status;
  if (load_catalog(v, err) != VITAE_OK) return err->status;
  size_t chunk = (size_t)env_long("VITAE_VIRTUOSO_CHUNK_KB", 4096, 1, 1L << 20) * 1024;
  int nstreams = (int)env_long("VITAE_VIRTUOSO_STREAMS", 2, 1, MAX_STREAMS);
  /* Blank nodes must go in one request: Virtuoso gives _:b of two requests
   * two different nodes.  ("_:" inside a literal only costs speed.) */
  if (len > chunk && !has_blank_node(data, len))
    return put_chunked(v, graph, catalog_has(v, graph), data, len, chunk, nstreams, err);
  char path[7000];
  if (gsp_path(v, "/sparql-graph-crud-auth", graph, path, sizeof path, err) != VITAE_OK) return err->status;
  vitae_buf resp = VITAE_BUF_INIT;
  long code = 0;
  /* PUT replaces the graph: reloading a file leaves the same triples.  An
   * empty body would be refused; an empty graph is no graph. */
  vitae_status st;
  if (len == 0) {
    request rq = {"DELETE", path, NULL, NULL, 0, NULL, 1};
    st = http(v, &rq, &resp, &code, err);
    if (st == VITAE_OK && code == 404) code = 200;
  } else {
    request rq = {"PUT", path, "application/n-triples", data, len, NULL, 1};
    st = http(v, &rq, &resp, &code, err);
  }
  if (st == VITAE_OK && (code < 200 || code > 299))
    st = http_status_error(v, code, &resp, VITAE_ERR_STORE, graph, err);
  vitae_buf_free(&resp);
  if (st != VITAE_OK) return st;
  if (len == 0 || catalog_has(v, graph)) {
    if (len == 0 && catalog_has(v, graph)) return vitae_virtuoso_drop_graph(v, graph, err);
    return VITAE_OK;
  }
  st = catalog_add(v, graph, err);
  catalog_changed(v);
  return st;
}

vitae_status vitae_virtuoso_put_graph(vitae_virtuoso *v, const char *graph, const char *data,
                                      size_t len, vitae_error *err) {
  forget_written(v, graph);
  vitae_status st = put_graph(v, graph, data, len, err);
  if (st == VITAE_OK && len) remember_written(v, graph, data, len);
  return st;
}

vitae_status vitae_virtuoso_drop_graph(vitae_virtuoso *v, const char *graph, vitae_error *err) {
  forget_written(v, graph);
  if (need_account(v, err) != VITAE_OK || check_iri(v, graph, err) != VITAE_OK) return err->status;
  if (load_catalog(v, err) != VITAE_OK) return err->status;
  if (!catalog_has(v, graph))
    return vitae_error_set(err, VITAE_ERR_NOTFOUND, v->name, 0, 0, "no graph <%s> (see 'vitae stats')",
                           graph);
  /* CLEAR SILENT and the catalog entry in one update request */
  vitae_buf q = VITAE_BUF_INIT;
  vitae_buf_printf(&q, "CLEAR SILENT GRAPH <%s> ; DELETE DATA { GRAPH <%s> { <%s> a <%s> } }", graph,
                   VITAE_VIRTUOSO_CATALOG, graph, SD_GRAPH);
  vitae_status st = q.failed ? vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory")
                             : update(v, vitae_buf_str(&q), graph, err);
  vitae_buf_free(&q);
  catalog_changed(v);
  return st;
}

vitae_status vitae_virtuoso_get_graph(vitae_virtuoso *v, const char *graph, char **data, size_t *len,
                                      vitae_error *err) {
  *data = NULL;
  *len = 0;
  if (check_iri(v, graph, err) != VITAE_OK) return err->status;
  char path[7000];
  if (gsp_path(v, v->user ? "/sparql-graph-crud-auth" : "/sparql-graph-crud", graph, path,
               sizeof path, err) != VITAE_OK)
    return err->status;
  vitae_buf resp = VITAE_BUF_INIT;
  long code = 0;
  request rq = {"GET", path, NULL, NULL, 0, "application/n-triples", v->user != NULL};
  vitae_status st = http(v, &rq, &resp, &code, err);
  if (st == VITAE_OK && code == 404) vitae_buf_reset(&resp); /* an empty graph */
  else if (st == VITAE_OK && code != 200) st = http_status_error(v, code, &resp, VITAE_ERR_STORE, graph, err);
  if (st != VITAE_OK) {
    vitae_buf_free(&resp);
    return st;
  }
  *len = resp.len;
  if (!(*data = vitae_buf_take(&resp))) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return VITAE_OK;
}

vitae_status vitae_virtuoso_count(vitae_virtuoso *v, const char *graph, unsigned long *out,
                                  vitae_error *err) {
  *out = 0;
  if (check_iri(v, graph, err) != VITAE_OK) return err->status;
  char q[7000];
  snprintf(q, sizeof q, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }", graph);
  char **list;
  size_t n;
  if (select_column(v, q, &list, &n, err) != VITAE_OK) return err->status;
  if (n == 1) *out = strtoul(list[0], NULL, 10);
  free_list(list);
  return n == 1 ? VITAE_OK : vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0, "COUNT gave no number");
}

/* ---- SPARQL ---- */

vitae_status vitae_virtuoso_query(vitae_virtuoso *v, const char *query, const char *accept,
                                  char **body, size_t *len, vitae_error *err) {
  *body = NULL;
  *len = 0;
  if (load_catalog(v, err) != VITAE_OK) return err->status;
  vitae_buf form = VITAE_BUF_INIT, resp = VITAE_BUF_INIT;
  form_add(v, &form, "query", query);
  /* vitae's dataset: its graphs, as the default graph (their union) and as
   * named graphs.  With no graph at all, a graph that cannot exist keeps
   * Virtuoso from answering over everything it holds. */
  if (!v->graphs[0]) form_add(v, &form, "default-graph-uri", VITAE_VIRTUOSO_CATALOG "#none");
  for (char **g = v->graphs; *g; g++) form_add(v, &form, "default-graph-uri", *g);
  for (char **g = v->graphs; *g; g++) form_add(v, &form, "named-graph-uri", *g);
  long code = 0;
  vitae_status st = sparql_form(v, &form, 0, accept, &resp, &code, err);
  vitae_buf_free(&form);
  if (st == VITAE_OK && code != 200) {
    char msg[800];
    first_line(&resp, msg, sizeof msg);
    st = vitae_error_set(err, code == 400 ? VITAE_ERR_QUERY : VITAE_ERR_STORE, v->name, 0, 0,
                         "query failed (HTTP %ld): %s", code, *msg ? msg : "(no message)");
  } else if (st == VITAE_OK && v->max_rows > 0) {
    /* never a silently partial answer */
    st = vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0,
                         "the server cut the answer at %ld rows: raise ResultSetMaxRows in the "
                         "[SPARQL] section of virtuoso.ini, or add a LIMIT",
                         v->max_rows);
  }
  if (st != VITAE_OK) {
    vitae_buf_free(&resp);
    return st;
  }
  *len = resp.len;
  if (!(*body = vitae_buf_take(&resp))) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return VITAE_OK;
}

#else /* built without libcurl */

static vitae_status no_curl(vitae_error *err) {
  return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                         "this vitae was built without Virtuoso support (it needs libcurl; Debian: "
                         "libcurl4-openssl-dev, then ./configure again)");
}
vitae_status vitae_virtuoso_open(const char *spec, vitae_virtuoso **out, vitae_error *err) {
  *out = NULL;
  return no_curl(err);
}
void vitae_virtuoso_free(vitae_virtuoso *v) {}
const char *vitae_virtuoso_name(const vitae_virtuoso *v) { return "virtuoso"; }
int vitae_virtuoso_can_write(const vitae_virtuoso *v) { return 0; }
vitae_status vitae_virtuoso_put_graph(vitae_virtuoso *v, const char *g, const char *d, size_t n,
                                      vitae_error *err) { return no_curl(err); }
vitae_status vitae_virtuoso_drop_graph(vitae_virtuoso *v, const char *g, vitae_error *err) {
  return no_curl(err);
}
vitae_status vitae_virtuoso_get_graph(vitae_virtuoso *v, const char *g, char **d, size_t *n,
                                      vitae_error *err) { return no_curl(err); }
vitae_status vitae_virtuoso_list_graphs(vitae_virtuoso *v, char ***out, vitae_error *err) {
  return no_curl(err);
}
vitae_status vitae_virtuoso_query(vitae_virtuoso *v, const char *q, const char *a, char **b,
                                  size_t *n, vitae_error *err) { return no_curl(err); }
vitae_status vitae_virtuoso_count(vitae_virtuoso *v, const char *g, unsigned long *out,
                                  vitae_error *err) { return no_curl(err); }

#endif
