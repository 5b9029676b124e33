/* A Virtuoso server as a vitae store, over HTTP with libcurl (see
 * virtuoso.h for why HTTP).  libcurl because it is the HTTP client every
 * distribution keeps patched, with digest authentication, keep-alive and
 * proxies done right; writing one would be more code to get wrong. */
#include "store/virtuoso.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "core/buf.h"

int vitae_virtuoso_is_spec(const char *spec) {
  return spec && !strncmp(spec, "virtuoso:", 9);
}

#if VITAE_USE_VIRTUOSO

#include <curl/curl.h>

#define SD_GRAPH "http://www.w3.org/ns/sparql-service-description#Graph"

struct vitae_virtuoso {
  char name[600];     /* "virtuoso:HOST:PORT" */
  char base[600];     /* "http://HOST:PORT" */
  char *user, *password;
  CURL *curl;         /* one handle: keep-alive across requests */
  char **graphs;      /* the catalog, read once per process (NULL: not yet) */
  long max_rows;      /* X-SPARQL-MaxRows of the last answer: it was cut (0: not) */
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

/* Send one request; *code is the HTTP status.  Only transport failures are
 * errors here; the caller judges the status. */
static vitae_status http(vitae_virtuoso *v, const request *rq, vitae_buf *resp, long *code,
                         vitae_error *err) {
  CURL *c = v->curl;
  curl_easy_reset(c);
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
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
  v->max_rows = 0;
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
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(h);
  if (rc != CURLE_OK) {
    const char *what = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                               rc == CURLE_OPERATION_TIMEDOUT
                           ? "cannot connect" : "request failed";
    return vitae_error_set(err, VITAE_ERR_STORE, v->name, 0, 0, "%s: %s (%s %s)", what,
                           curl_easy_strerror(rc), rq->method, rq->path);
  }
  if (resp->failed) return vitae_error_set(err, VITAE_ERR_NOMEM, v->name, 0, 0, "out of memory");
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
  return VITAE_OK;
}

/* The first line of Virtuoso's error page ("Virtuoso 37000 Error SP030: ..."). */
static void first_line(const vitae_buf *b, char *out, size_t n) {
  const char *s = vitae_buf_str(b);
  while (*s == '\n' || *s == '\r' || *s == ' ') s++;
  size_t k = strcspn(s, "\r\n");
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

vitae_status vitae_virtuoso_put_graph(vitae_virtuoso *v, const char *graph, const char *data,
                                      size_t len, vitae_error *err) {
  if (need_account(v, err) != VITAE_OK || check_iri(v, graph, err) != VITAE_OK) return err->status;
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
  if (load_catalog(v, err) != VITAE_OK) return err->status;
  if (len == 0 || catalog_has(v, graph)) {
    if (len == 0 && catalog_has(v, graph)) return vitae_virtuoso_drop_graph(v, graph, err);
    return VITAE_OK;
  }
  vitae_buf q = VITAE_BUF_INIT;
  vitae_buf_printf(&q, "INSERT DATA { GRAPH <%s> { <%s> a <%s> } }", VITAE_VIRTUOSO_CATALOG, graph,
                   SD_GRAPH);
  st = q.failed ? vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory")
                : update(v, vitae_buf_str(&q), "catalog", err);
  vitae_buf_free(&q);
  catalog_changed(v);
  return st;
}

vitae_status vitae_virtuoso_drop_graph(vitae_virtuoso *v, const char *graph, vitae_error *err) {
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
