#include "store/store.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A directory is a vitae store when it holds this file; it names the backend,
 * so that a plain path reopens with whatever backend created it. */
#define MARKER_NAME "vitae-store"
#define MARKER_MAGIC "vitae store format 1"
#define LOCK_NAME "lock"
#define STORAGE_NAME "vitae"

struct vitae_store {
  vitae_store_spec spec;
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;
  int lock_fd;              /* -1 for memory stores */
  vitae_error *capture;     /* where log messages go, or NULL */
  const char *capture_file; /* the file being read, for messages */
};

static const char *backend_name(vitae_store_backend b) {
  switch (b) {
  case VITAE_BACKEND_MEMORY: return "memory";
  case VITAE_BACKEND_HASHES: return "hashes";
  case VITAE_BACKEND_SQLITE: return "sqlite";
  }
  return "?";
}

vitae_status vitae_store_default_path(char *out, size_t n, vitae_error *err) {
  const char *xdg = getenv("XDG_DATA_HOME");
  int w;
  if (xdg && *xdg == '/') {
    w = snprintf(out, n, "%s/vitae/store", xdg);
  } else {
    const char *home = getenv("HOME");
    if (!home || !*home)
      return vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0,
                             "no --store given and neither XDG_DATA_HOME nor HOME is set");
    w = snprintf(out, n, "%s/.local/share/vitae/store", home);
  }
  if (w < 0 || (size_t)w >= n)
    return vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0, "the default store path is too long");
  return VITAE_OK;
}

vitae_status vitae_store_spec_parse(const char *spec, vitae_store_spec *out, vitae_error *err) {
  memset(out, 0, sizeof *out);
  out->backend = VITAE_BACKEND_HASHES;
  if (!spec || !*spec) return vitae_store_default_path(out->path, sizeof out->path, err);

  static const struct { const char *scheme; int known; vitae_store_backend b; } schemes[] = {
      {"memory:", 1, VITAE_BACKEND_MEMORY}, {"hashes:", 1, VITAE_BACKEND_HASHES},
      {"sqlite:", 1, VITAE_BACKEND_SQLITE}, {"postgresql:", 0, 0},
      {"mysql:", 0, 0},                     {"virtuoso:", 0, 0}};
  const char *path = spec;
  for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
    size_t k = strlen(schemes[i].scheme);
    if (strncmp(spec, schemes[i].scheme, k) != 0) continue;
    if (!schemes[i].known)
      return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "store '%s': the %.*s backend is not supported yet", spec,
                             (int)(k - 1), schemes[i].scheme);
    out->backend = schemes[i].b;
    path = spec + k;
    break;
  }
  if (out->backend == VITAE_BACKEND_MEMORY) {
    if (*path)
      return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                             "store '%s': memory: takes no path", spec);
    return VITAE_OK;
  }
  if (!*path)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "store '%s': no directory given", spec);
  if (strlen(path) >= sizeof out->path - 64)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "store path is too long");
  strcpy(out->path, path);
  return VITAE_OK;
}

/* ---- logging: librdf, raptor and rasqal all report through the world ---- */

static int log_handler(void *user_data, librdf_log_message *message) {
  vitae_store *store = user_data;
  int level = librdf_log_message_level(message);
  if (level < LIBRDF_LOG_ERROR) return 1; /* warnings are not failures */
  if (!store->capture) return 1;
  const char *text = librdf_log_message_message(message);
  raptor_locator *loc = librdf_log_message_locator(message);
  long line = 0, col = 0;
  if (loc) {
    line = raptor_locator_line(loc) > 0 ? raptor_locator_line(loc) : 0;
    col = raptor_locator_column(loc) > 0 ? raptor_locator_column(loc) : 0;
  }
  /* raptor's parse errors reach us tagged as coming from raptor */
  int facility = librdf_log_message_facility(message);
  vitae_status st = facility == LIBRDF_FROM_QUERY ? VITAE_ERR_QUERY
                    : (facility == LIBRDF_FROM_PARSER || facility == LIBRDF_FROM_RAPTOR) ? VITAE_ERR_SYNTAX
                                                                                          : VITAE_ERR_STORE;
  vitae_error_set(store->capture, st, store->capture_file, line, col, "%s",
                  text ? text : "unknown error");
  return 1;
}

void vitae_store_capture_errors(vitae_store *store, vitae_error *err, const char *file_name) {
  store->capture = err;
  store->capture_file = file_name;
}

/* ---- the store directory ---- */

static int dir_is_empty(const char *path) {
  DIR *d = opendir(path);
  if (!d) return 0;
  struct dirent *e;
  int empty = 1;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      empty = 0;
      break;
    }
  }
  closedir(d);
  return empty;
}

static int mkdir_p(const char *path) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp) return -1;
  for (char *p = tmp + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
    *p = '/';
  }
  if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
  return 0;
}

/* Reads the marker; returns 1 and sets *backend when the directory is a store. */
static int read_marker(const char *dir, vitae_store_backend *backend) {
  char path[4200], line[128], name[64];
  snprintf(path, sizeof path, "%s/" MARKER_NAME, dir);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  int ok = fgets(line, sizeof line, f) && strncmp(line, MARKER_MAGIC, strlen(MARKER_MAGIC)) == 0 &&
           fscanf(f, "backend %63s", name) == 1;
  fclose(f);
  if (!ok) return 0;
  if (!strcmp(name, "hashes")) *backend = VITAE_BACKEND_HASHES;
  else if (!strcmp(name, "sqlite")) *backend = VITAE_BACKEND_SQLITE;
  else return 0;
  return 1;
}

static int write_marker(const char *dir, vitae_store_backend backend) {
  char path[4200], tmp[4200];
  snprintf(path, sizeof path, "%s/" MARKER_NAME, dir);
  snprintf(tmp, sizeof tmp, "%s/" MARKER_NAME ".tmp", dir);
  FILE *f = fopen(tmp, "w");
  if (!f) return -1;
  fprintf(f, MARKER_MAGIC "\nbackend %s\n", backend_name(backend));
  int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

/* Prepare the directory; *fresh tells whether librdf must create its files. */
static vitae_status prepare_dir(vitae_store_spec *spec, vitae_store_mode mode, int *fresh,
                                vitae_error *err) {
  struct stat st;
  const char *dir = spec->path;
  *fresh = 0;
  if (stat(dir, &st) != 0) {
    if (errno != ENOENT)
      return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0, "cannot open store: %s",
                             strerror(errno));
    if (mode == VITAE_STORE_READ)
      return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                             "no store here yet (load something into it first)");
    if (mkdir_p(dir) != 0)
      return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0, "cannot create store: %s",
                             strerror(errno));
  } else if (!S_ISDIR(st.st_mode)) {
    return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                           "not a directory; a store is a directory");
  }
  vitae_store_backend found;
  if (read_marker(dir, &found)) {
    if (spec->backend != found) {
      /* A plain path takes the backend that created the store; an explicit
       * scheme that disagrees is refused rather than silently overridden. */
      return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                             "this store uses the %s backend, not %s", backend_name(found),
                             backend_name(spec->backend));
    }
    return VITAE_OK;
  }
  if (!dir_is_empty(dir))
    return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                           "not a vitae store (no '" MARKER_NAME
                           "' file) and not empty; refusing to touch it");
  if (mode == VITAE_STORE_READ)
    return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                           "no store here yet (load something into it first)");
  *fresh = 1;
  return VITAE_OK;
}

static vitae_status take_lock(vitae_store *s, vitae_store_mode mode, vitae_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/" LOCK_NAME, s->spec.path);
  int fd = open(path, (mode == VITAE_STORE_WRITE ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC, 0666);
  if (fd < 0 && mode == VITAE_STORE_READ && errno == ENOENT) return VITAE_OK; /* read-only media */
  if (fd < 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot lock store: %s",
                           strerror(errno));
  /* Writers exclude everyone; readers exclude writers.  Berkeley DB's hash
   * files are opened without an environment, so this lock is what keeps
   * two processes from corrupting them. */
  if (flock(fd, (mode == VITAE_STORE_WRITE ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    int e = errno;
    close(fd);
    if (e == EWOULDBLOCK)
      return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                             "the store is busy: another vitae process is %s it",
                             mode == VITAE_STORE_WRITE ? "using" : "writing to");
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot lock store: %s",
                           strerror(e));
  }
  s->lock_fd = fd;
  return VITAE_OK;
}

static vitae_status open_storage(vitae_store *s, int fresh, vitae_store_mode mode,
                                 vitae_error *err) {
  char opts[4400];
  const char *name = NULL;
  const char *factory = backend_name(s->spec.backend);
  char dbname[4200];
  switch (s->spec.backend) {
  case VITAE_BACKEND_MEMORY:
    snprintf(opts, sizeof opts, "contexts='yes'");
    break;
  case VITAE_BACKEND_HASHES:
    name = STORAGE_NAME;
    snprintf(opts, sizeof opts, "hash-type='bdb',dir='%s',contexts='yes',new='%s',write='%s'",
             s->spec.path, fresh ? "yes" : "no", mode == VITAE_STORE_WRITE ? "yes" : "no");
    break;
  case VITAE_BACKEND_SQLITE:
    snprintf(dbname, sizeof dbname, "%s/" STORAGE_NAME ".sqlite", s->spec.path);
    name = dbname;
    snprintf(opts, sizeof opts, "contexts='yes',new='%s',synchronous='normal'",
             fresh ? "yes" : "no");
    break;
  }
  if (strchr(s->spec.path, '\''))
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "a store path may not contain a quote (')");
  vitae_store_capture_errors(s, err, s->spec.path[0] ? s->spec.path : NULL);
  s->storage = librdf_new_storage(s->world, factory, name, opts);
  if (!s->storage) {
    vitae_error_set(err, VITAE_ERR_STORE, s->spec.path[0] ? s->spec.path : NULL, 0, 0,
                    "cannot open the %s storage%s", factory,
                    s->spec.backend == VITAE_BACKEND_SQLITE
                        ? " (is Debian's librdf-storage-sqlite installed?)"
                        : "");
    vitae_store_capture_errors(s, NULL, NULL);
    return VITAE_ERR_STORE;
  }
  s->model = librdf_new_model(s->world, s->storage, NULL);
  vitae_store_capture_errors(s, NULL, NULL);
  if (!s->model)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot open the model");
  if (fresh && write_marker(s->spec.path, s->spec.backend) != 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "cannot write the store marker: %s", strerror(errno));
  return VITAE_OK;
}

vitae_status vitae_store_open(const char *spec_text, vitae_store_mode mode, vitae_store **out,
                              vitae_error *err) {
  *out = NULL;
  vitae_store *s = calloc(1, sizeof *s);
  if (!s) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  s->lock_fd = -1;
  vitae_status st = vitae_store_spec_parse(spec_text, &s->spec, err);
  int fresh = 1;
  if (st == VITAE_OK && s->spec.backend != VITAE_BACKEND_MEMORY) {
    /* A plain path reopens with the backend recorded in the store. */
    vitae_store_backend found;
    int plain = spec_text && *spec_text && !strchr(spec_text, ':');
    if ((plain || !spec_text || !*spec_text) && read_marker(s->spec.path, &found))
      s->spec.backend = found;
    st = prepare_dir(&s->spec, mode, &fresh, err);
    if (st == VITAE_OK) st = take_lock(s, mode, err);
  }
  if (st == VITAE_OK) {
    s->world = librdf_new_world();
    if (!s->world) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (st == VITAE_OK) {
    librdf_world_open(s->world);
    librdf_world_set_logger(s->world, s, log_handler);
    st = open_storage(s, fresh, mode, err);
  }
  if (st != VITAE_OK) {
    vitae_store_close(s);
    return st;
  }
  *out = s;
  return VITAE_OK;
}

void vitae_store_close(vitae_store *s) {
  if (!s) return;
  if (s->model) {
    librdf_model_sync(s->model);
    librdf_free_model(s->model);
  }
  if (s->storage) librdf_free_storage(s->storage);
  if (s->world) librdf_free_world(s->world);
  if (s->lock_fd >= 0) close(s->lock_fd);
  free(s);
}

librdf_world *vitae_store_world(const vitae_store *s) { return s->world; }
librdf_model *vitae_store_model(const vitae_store *s) { return s->model; }
const vitae_store_spec *vitae_store_get_spec(const vitae_store *s) { return &s->spec; }

vitae_status vitae_store_sync(vitae_store *s, vitae_error *err) {
  if (librdf_model_sync(s->model) != 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot flush the store");
  return VITAE_OK;
}

/* ---- graphs ---- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void vitae_store_free_list(char **list) {
  if (!list) return;
  for (char **p = list; *p; p++) free(*p);
  free(list);
}

vitae_status vitae_store_list_graphs(vitae_store *s, char ***out, vitae_error *err) {
  *out = NULL;
  size_t n = 0, cap = 8;
  char **list = calloc(cap + 1, sizeof *list);
  if (!list) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  librdf_iterator *it = librdf_model_get_contexts(s->model);
  for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
    librdf_node *ctx = librdf_iterator_get_object(it); /* shared */
    if (!ctx || !librdf_node_is_resource(ctx)) continue;
    const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(ctx));
    if (n == cap) {
      char **more = realloc(list, (2 * cap + 1) * sizeof *list);
      if (!more) goto nomem;
      list = more;
      cap *= 2;
    }
    if (!(list[n] = strdup(iri))) goto nomem;
    list[++n] = NULL;
  }
  if (it) librdf_free_iterator(it);
  qsort(list, n, sizeof *list, cmp_str);
  /* Storage backends may list a context once per index entry: keep one. */
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    if (w && !strcmp(list[w - 1], list[i])) free(list[i]);
    else list[w++] = list[i];
  }
  list[w] = NULL;
  *out = list;
  return VITAE_OK;
nomem:
  if (it) librdf_free_iterator(it);
  vitae_store_free_list(list);
  return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

int vitae_store_has_graph(vitae_store *s, const char *graph_iri) {
  librdf_node *ctx = librdf_new_node_from_uri_string(s->world, (const unsigned char *)graph_iri);
  if (!ctx) return 0;
  int has = librdf_model_contains_context(s->model, ctx);
  librdf_free_node(ctx);
  return has;
}

vitae_status vitae_store_drop_graph(vitae_store *s, const char *graph_iri, vitae_error *err) {
  if (!vitae_store_has_graph(s, graph_iri))
    return vitae_error_set(err, VITAE_ERR_NOTFOUND, NULL, 0, 0, "no graph <%s> in the store",
                           graph_iri);
  librdf_node *ctx = librdf_new_node_from_uri_string(s->world, (const unsigned char *)graph_iri);
  if (!ctx) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  int rc = librdf_model_context_remove_statements(s->model, ctx);
  librdf_free_node(ctx);
  if (rc != 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "cannot remove graph <%s>", graph_iri);
  return vitae_store_sync(s, err);
}

vitae_status vitae_store_drop_all(vitae_store *s, vitae_error *err) {
  char **graphs;
  vitae_status st = vitae_store_list_graphs(s, &graphs, err);
  if (st != VITAE_OK) return st;
  for (char **g = graphs; *g && st == VITAE_OK; g++) st = vitae_store_drop_graph(s, *g, err);
  vitae_store_free_list(graphs);
  return st;
}

static vitae_status count_context(vitae_store *s, const char *iri, unsigned long *n,
                                  vitae_error *err) {
  librdf_node *ctx = librdf_new_node_from_uri_string(s->world, (const unsigned char *)iri);
  if (!ctx) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  librdf_stream *st = librdf_model_context_as_stream(s->model, ctx);
  librdf_free_node(ctx);
  if (!st) return VITAE_OK;
  for (; !librdf_stream_end(st); librdf_stream_next(st)) (*n)++;
  librdf_free_stream(st);
  return VITAE_OK;
}

vitae_status vitae_store_count(vitae_store *s, const char *graph_iri, unsigned long *out,
                               vitae_error *err) {
  *out = 0;
  if (graph_iri) return count_context(s, graph_iri, out, err);
  char **graphs;
  vitae_status st = vitae_store_list_graphs(s, &graphs, err);
  if (st != VITAE_OK) return st;
  for (char **g = graphs; *g && st == VITAE_OK; g++) st = count_context(s, *g, out, err);
  vitae_store_free_list(graphs);
  return st;
}
