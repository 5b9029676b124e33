#include "store/check.h"

#include <errno.h>
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MARKER_NAME "vitae-store"
#define MARKER_NEW MARKER_NAME ".new"
#define LOCK_NAME "lock"

/* ---- findings ---- */

typedef struct finding {
  vitae_check_level level;
  int fixable;    /* --repair removes or fixes it */
  char key[300];  /* what it is about, to match before and after a repair */
  char text[1200];
} finding;

typedef struct findings {
  finding *v;
  size_t n, cap;
  int oom;
} findings;

static void add(findings *f, vitae_check_level level, int fixable, const char *key,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add(findings *f, vitae_check_level level, int fixable, const char *key,
                const char *fmt, ...) {
  if (f->n == f->cap) {
    size_t cap = f->cap ? 2 * f->cap : 16;
    finding *more = realloc(f->v, cap * sizeof *more);
    if (!more) {
      f->oom = 1;
      return;
    }
    f->v = more;
    f->cap = cap;
  }
  finding *x = &f->v[f->n++];
  x->level = level;
  x->fixable = fixable;
  snprintf(x->key, sizeof x->key, "%s", key);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->text, sizeof x->text, fmt, ap);
  va_end(ap);
}

static const finding *find_key(const findings *f, const char *key) {
  for (size_t i = 0; i < f->n; i++)
    if (!strcmp(f->v[i].key, key)) return &f->v[i];
  return NULL;
}

/* ---- the layout ---- */

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **sorted_entries(const char *dir, size_t *count) {
  DIR *d = opendir(dir);
  if (!d) return NULL;
  size_t n = 0, cap = 16;
  char **v = malloc(cap * sizeof *v);
  struct dirent *e;
  while (v && (e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (n == cap) {
      char **more = realloc(v, 2 * cap * sizeof *v);
      if (!more) break;
      v = more;
      cap *= 2;
    }
    if (!(v[n] = strdup(e->d_name))) break;
    n++;
  }
  closedir(d);
  if (v) qsort(v, n, sizeof *v, cmp_name);
  *count = n;
  return v;
}

static void free_entries(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

/* The data files a directory must hold, each present and not empty. */
static void check_data_files(findings *f, const char *dir, const char *label,
                             vitae_store_backend backend, int *intact) {
  char path[4400];
  for (const char *const *p = vitae_store_data_files(backend); *p; p++) {
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, *p);
    if (stat(path, &st) != 0) {
      add(f, VITAE_CHECK_PROBLEM, 0, path, "%s lacks its data file %s (%s)", label, *p,
          strerror(errno));
      *intact = 0;
    } else if (!S_ISREG(st.st_mode) || st.st_size == 0) {
      add(f, VITAE_CHECK_PROBLEM, 0, path, "%s: its data file %s is %s", label, *p,
          S_ISREG(st.st_mode) ? "empty" : "not a file");
      *intact = 0;
    }
  }
}

/* Look at the directory without opening any data.  *intact tells whether
 * the current state looks complete (the data scan may still disagree). */
static int survey(const vitae_store_spec *spec, const char *spec_text, findings *f,
                  vitae_check_summary *sum, int *intact) {
  const char *dir = spec->path;
  struct stat st;
  *intact = 0;
  if (stat(dir, &st) != 0) {
    add(f, VITAE_CHECK_PROBLEM, 0, "dir", "no store here: %s", strerror(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    add(f, VITAE_CHECK_PROBLEM, 0, "dir", "not a directory; a store is a directory");
    return -1;
  }
  vitae_store_marker m;
  char why[300];
  int r = vitae_store_read_marker(dir, &m, why, sizeof why);
  if (r == 0) {
    add(f, VITAE_CHECK_PROBLEM, 0, "marker",
        "no '" MARKER_NAME "' marker: not a vitae store, or its creation was interrupted");
    return -1;
  }
  if (r < 0) {
    add(f, VITAE_CHECK_PROBLEM, 0, "marker", "the marker is damaged: %s", why);
    return -1;
  }
  sum->backend = m.backend;
  sum->format = m.format;
  sum->generation = m.generation;
  int explicit_scheme = spec_text && strchr(spec_text, ':');
  if (explicit_scheme && spec->backend != m.backend) {
    add(f, VITAE_CHECK_PROBLEM, 0, "backend", "this store uses the %s backend, not %s",
        vitae_store_backend_name(m.backend), vitae_store_backend_name(spec->backend));
    return -1;
  }
  long pid = 0;
  int writer = vitae_store_writer_active(dir, &pid);
  if (writer && pid > 0)
    add(f, VITAE_CHECK_INFO, 0, "writer",
        "a writer (pid %ld) is at work: what it writes becomes visible when it commits", pid);
  else if (writer)
    add(f, VITAE_CHECK_INFO, 0, "writer",
        "a writer is at work: what it writes becomes visible when it commits");

  char cur[128] = "";
  if (m.format >= 2) vitae_store_generation_name(m.generation, cur, sizeof cur);
  size_t n = 0;
  char **names = sorted_entries(dir, &n);
  if (!names) {
    add(f, VITAE_CHECK_PROBLEM, 0, "dir", "cannot list the store directory: %s", strerror(errno));
    return -1;
  }
  char path[4400];
  int found_current = 0;
  for (size_t i = 0; i < n; i++) {
    const char *e = names[i];
    unsigned long g;
    snprintf(path, sizeof path, "%s/%s", dir, e);
    if (!strcmp(e, MARKER_NAME) || !strcmp(e, LOCK_NAME)) continue;
    if (!strcmp(e, MARKER_NEW)) {
      if (!writer)
        add(f, VITAE_CHECK_WARNING, 1, e,
            "'%s' is left over from an interrupted write (never committed, not used)", e);
    } else if (vitae_store_parse_generation_name(e, &g)) {
      if (m.format < 2)
        add(f, VITAE_CHECK_WARNING, 1, e,
            "%s is left over from an interrupted move to format %d", e, VITAE_STORE_FORMAT);
      else if (g == m.generation)
        found_current = 1;
      else if (g > m.generation && writer)
        add(f, VITAE_CHECK_INFO, 0, e, "%s is being written (not committed yet)", e);
      else if (g > m.generation)
        add(f, VITAE_CHECK_WARNING, 1, e,
            "%s is a partial generation left by an interrupted write: never committed, "
            "the store does not use it; the next write or --repair removes it",
            e);
      else if (vitae_store_generation_in_use(path))
        add(f, VITAE_CHECK_INFO, 0, e, "%s is an older generation a reader still has open", e);
      else
        add(f, VITAE_CHECK_WARNING, 1, e, "%s is an older generation that was not removed", e);
    } else if (vitae_store_is_data_file(e)) {
      if (m.format >= 2)
        add(f, VITAE_CHECK_WARNING, 1, e,
            "%s is a format-1 data file left beside the generations by a migration", e);
    } else {
      add(f, VITAE_CHECK_INFO, 0, e, "'%s' is not vitae's (left alone)", e);
    }
  }
  free_entries(names, n);
  *intact = 1;
  if (m.format < 2) {
    add(f, VITAE_CHECK_INFO, 1, "format1",
        "format 1 (data files directly in the store directory); the next write, or --repair, "
        "moves them into a generation (format %d)",
        VITAE_STORE_FORMAT);
    check_data_files(f, dir, "the store", m.backend, intact);
  } else if (!found_current) {
    add(f, VITAE_CHECK_PROBLEM, 0, "current",
        "the current generation %s, named by the marker, is missing", cur);
    *intact = 0;
  } else {
    snprintf(path, sizeof path, "%s/%s", dir, cur);
    check_data_files(f, path, cur, m.backend, intact);
  }
  return 0;
}

/* ---- the data, read in a child process ---- */

#define TAG "@@ "
#define PROGRESS_EVERY 5000 /* statements read between two signs of life */

/* The child says how far it got, so that a reader stuck in a loop (Berkeley
 * DB can cycle forever through damaged pages) is told from a slow one. */
static void progress(FILE *out, unsigned long *n) {
  if (++*n % PROGRESS_EVERY == 0) fprintf(out, TAG "progress\n");
}

static void child_scan(const char *spec, FILE *out) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *s = NULL;
  if (vitae_store_open(spec, VITAE_STORE_READ, &s, &err) != VITAE_OK) {
    fprintf(out, TAG "open %s\n", err.message);
    return;
  }
  vitae_store_capture_errors(s, &err, NULL);
  char **graphs = NULL;
  if (vitae_store_list_graphs(s, &graphs, &err) != VITAE_OK) {
    fprintf(out, TAG "error cannot list the graphs: %s\n", err.message);
    vitae_store_close(s);
    return;
  }
  librdf_world *w = vitae_store_world(s);
  librdf_model *model = vitae_store_model(s);
  for (char **g = graphs; *g; g++) {
    librdf_node *ctx = librdf_new_node_from_uri_string(w, (const unsigned char *)*g);
    librdf_stream *st = ctx ? librdf_model_context_as_stream(model, ctx) : NULL;
    unsigned long n = 0, seen = 0;
    for (; st && !librdf_stream_end(st); librdf_stream_next(st)) {
      progress(out, &seen);
      if (librdf_stream_get_object(st)) n++;
    }
    if (st) librdf_free_stream(st);
    else fprintf(out, TAG "error cannot read graph <%s>\n", *g);
    if (ctx) librdf_free_node(ctx);
    fprintf(out, TAG "graph %lu %s\n", n, *g);
  }
  vitae_store_free_list(graphs);
  /* the whole model, end to end; a sample of it looked up again through the
   * other indexes (subject+object -> predicate, predicate+object -> subject) */
  unsigned long whole = 0, loose = 0, probed = 0, missing = 0, seen = 0;
  librdf_stream *st = librdf_model_as_stream(model);
  if (!st) fprintf(out, TAG "error cannot read the whole model\n");
  for (; st && !librdf_stream_end(st); librdf_stream_next(st)) {
    progress(out, &seen);
    librdf_statement *x = librdf_stream_get_object(st);
    if (!x) continue;
    whole++;
    if (!librdf_stream_get_context2(st)) loose++;
    if (whole % 997 != 1 || probed >= 200) continue;
    probed++;
    fprintf(out, TAG "progress\n");
    librdf_node *sn = librdf_statement_get_subject(x), *pn = librdf_statement_get_predicate(x),
                *on = librdf_statement_get_object(x);
    int seen_arc = 0, seen_src = 0;
    librdf_iterator *it = librdf_model_get_arcs(model, sn, on);
    for (long k = 0; it && !librdf_iterator_end(it) && k < 20000; librdf_iterator_next(it), k++) {
      librdf_node *a = librdf_iterator_get_object(it);
      if (a && librdf_node_equals(a, pn)) {
        seen_arc = 1;
        break;
      }
    }
    if (it) librdf_free_iterator(it);
    long k = 0;
    it = librdf_model_get_sources(model, pn, on);
    for (; it && !librdf_iterator_end(it) && k < 20000; librdf_iterator_next(it), k++) {
      librdf_node *a = librdf_iterator_get_object(it);
      if (a && librdf_node_equals(a, sn)) {
        seen_src = 1;
        break;
      }
    }
    if (it) librdf_free_iterator(it);
    if (!seen_src && k >= 20000) seen_src = 1; /* too many to look through: no verdict */
    if (!seen_arc || !seen_src) missing++;
  }
  if (st) librdf_free_stream(st);
  fprintf(out, TAG "whole %lu %lu %lu %lu\n", whole, loose, probed, missing);
  if (err.status != VITAE_OK) fprintf(out, TAG "error %s\n", err.message);
  vitae_store_capture_errors(s, NULL, NULL);
  vitae_store_close(s);
  fprintf(out, TAG "done\n");
}

static void scan(const char *spec, findings *f, vitae_check_summary *sum) {
  int fds[2];
  if (pipe(fds) != 0) {
    add(f, VITAE_CHECK_PROBLEM, 0, "scan", "cannot start the data scan: %s", strerror(errno));
    return;
  }
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    add(f, VITAE_CHECK_PROBLEM, 0, "scan", "cannot start the data scan: %s", strerror(errno));
    return;
  }
  if (pid == 0) {
    close(fds[0]);
    /* what Berkeley DB says about damaged files comes along too */
    dup2(fds[1], 2);
    FILE *out = fdopen(fds[1], "w");
    if (out) {
      setvbuf(out, NULL, _IOLBF, 0);
      child_scan(spec, out);
      fclose(out);
    }
    _exit(0);
  }
  close(fds[1]);
  /* a child that shows no sign of life for this long is stuck */
  const char *t = getenv("VITAE_CHECK_TIMEOUT");
  int idle_ms = (t && atoi(t) > 0 ? atoi(t) : 60) * 1000;
  char line[2400], noise[600] = "";
  size_t len = 0;
  int done = 0, hung = 0;
  unsigned long whole = 0, loose = 0, probed = 0, missing = 0, sum_graphs = 0, ngraphs = 0;
  int have_whole = 0;
  for (;;) {
    struct pollfd pfd = {fds[0], POLLIN, 0};
    int r = poll(&pfd, 1, idle_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      hung = 1;
      kill(pid, SIGKILL);
      break;
    }
    ssize_t got = read(fds[0], line + len, sizeof line - 1 - len);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    len += (size_t)got;
    line[len] = '\0';
    char *nl;
    while ((nl = strchr(line, '\n')) || len == sizeof line - 1) {
      if (!nl) nl = line + len - 1; /* a line too long: cut */
      *nl = '\0';
      if (strncmp(line, TAG, 3) != 0) {
        if (!noise[0] && line[0]) snprintf(noise, sizeof noise, "%.590s", line);
      } else {
        const char *p = line + 3;
        unsigned long n;
        int used = 0;
        if (!strncmp(p, "open ", 5)) {
          add(f, VITAE_CHECK_PROBLEM, 0, "open", "the store does not open: %s", p + 5);
        } else if (!strncmp(p, "error ", 6)) {
          add(f, VITAE_CHECK_PROBLEM, 0, "read", "reading the data failed: %s", p + 6);
        } else if (sscanf(p, "graph %lu %n", &n, &used) == 1 && used > 0) {
          ngraphs++;
          sum_graphs += n;
          if (n == 0)
            add(f, VITAE_CHECK_PROBLEM, 0, p + used,
                "graph <%s> is listed but no statement of it can be read", p + used);
        } else if (sscanf(p, "whole %lu %lu %lu %lu", &whole, &loose, &probed, &missing) == 4) {
          have_whole = 1;
        } else if (!strcmp(p, "done")) {
          done = 1;
        }
      }
      size_t used_len = (size_t)(nl - line) + 1;
      memmove(line, line + used_len, len - used_len + 1);
      len -= used_len;
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (hung) {
    add(f, VITAE_CHECK_PROBLEM, 0, "crash",
        "reading the data went round in circles for %d s without progress: the data files are "
        "damaged%s%s",
        idle_ms / 1000, noise[0] ? "; " : "", noise);
  } else if (WIFSIGNALED(status)) {
    add(f, VITAE_CHECK_PROBLEM, 0, "crash",
        "reading the data crashed the reader (%s): the data files are damaged%s%s",
        strsignal(WTERMSIG(status)), noise[0] ? "; " : "", noise);
  } else if (!done && !find_key(f, "open")) {
    add(f, VITAE_CHECK_PROBLEM, 0, "crash", "reading the data stopped half-way%s%s",
        noise[0] ? ": " : "", noise);
  } else if (noise[0] && !find_key(f, "open")) {
    add(f, VITAE_CHECK_PROBLEM, 0, "noise", "the storage reported: %s", noise);
  }
  sum->graphs = ngraphs;
  sum->triples = sum_graphs;
  sum->whole = whole;
  if (have_whole) {
    if (whole != sum_graphs)
      add(f, VITAE_CHECK_PROBLEM, 0, "counts",
          "the counts disagree: the graphs hold %lu statements, the whole model %lu", sum_graphs,
          whole);
    if (loose)
      add(f, VITAE_CHECK_PROBLEM, 0, "loose", "%lu statements are in no named graph", loose);
    if (missing)
      add(f, VITAE_CHECK_PROBLEM, 0, "index",
          "%lu of %lu statements looked up again were missing from an index", missing, probed);
  }
}

/* ---- the check ---- */

static void emit(const findings *f, vitae_check_fn report, void *user, vitae_check_summary *sum) {
  for (size_t i = 0; i < f->n; i++) {
    const finding *x = &f->v[i];
    if (x->level == VITAE_CHECK_PROBLEM) sum->problems++;
    if (x->level == VITAE_CHECK_WARNING) sum->warnings++;
    if (x->level == VITAE_CHECK_REPAIRED) sum->repaired++;
    if (report) report(user, x->level, x->text);
  }
}

vitae_status vitae_store_check(const char *spec_text, int repair, vitae_check_fn report,
                               void *user, vitae_check_summary *sum, vitae_error *err) {
  vitae_check_summary local;
  if (!sum) sum = &local;
  memset(sum, 0, sizeof *sum);
  vitae_store_spec spec;
  vitae_status st = vitae_store_spec_parse(spec_text, &spec, err);
  if (st != VITAE_OK) return st;
  sum->backend = spec.backend;
  findings f = {0};
  if (spec.backend == VITAE_BACKEND_MEMORY) {
    add(&f, VITAE_CHECK_INFO, 0, "memory", "memory: keeps nothing on disk; there is nothing to check");
    emit(&f, report, user, sum);
    free(f.v);
    return VITAE_OK;
  }
  /* a plain path takes the backend that the store records */
  vitae_store_marker m;
  if (!strchr(spec_text ? spec_text : "", ':') &&
      vitae_store_read_marker(spec.path, &m, NULL, 0) == 1)
    spec.backend = m.backend;
  int intact = 0;
  int surveyed = survey(&spec, spec_text, &f, sum, &intact) == 0;
  if (surveyed && intact) scan(spec_text, &f, sum);
  int data_ok = intact;
  for (size_t i = 0; i < f.n; i++)
    if (f.v[i].level == VITAE_CHECK_PROBLEM && !f.v[i].fixable) data_ok = 0;
  int fixable = 0;
  for (size_t i = 0; i < f.n; i++)
    if (f.v[i].fixable) fixable = 1;

  if (repair && fixable && !data_ok) {
    add(&f, VITAE_CHECK_INFO, 0, "norepair",
        "nothing was removed: while the current data is damaged, every older generation is kept "
        "(it may help a recovery); rebuild the store from a dump with 'vitae restore FILE.nq'");
  } else if (repair && fixable) {
    /* opening for writing removes leftovers and moves format 1 to format 2 */
    vitae_error werr;
    vitae_error_clear(&werr);
    vitae_store *s = NULL;
    char spec_fixed[4200];
    snprintf(spec_fixed, sizeof spec_fixed, "%s:%s", vitae_store_backend_name(spec.backend),
             spec.path);
    if (vitae_store_open(spec_fixed, VITAE_STORE_WRITE, &s, &werr) != VITAE_OK) {
      add(&f, VITAE_CHECK_PROBLEM, 0, "repair", "cannot repair: %s", werr.message);
    } else {
      vitae_store_close(s);
      findings after = {0};
      vitae_check_summary sum2;
      memset(&sum2, 0, sizeof sum2);
      int intact2;
      if (survey(&spec, spec_text, &after, &sum2, &intact2) == 0) {
        sum->format = sum2.format;
        sum->generation = sum2.generation;
        for (size_t i = 0; i < f.n; i++) {
          finding *x = &f.v[i];
          if (!x->fixable || find_key(&after, x->key)) continue;
          x->level = VITAE_CHECK_REPAIRED;
          char text[sizeof x->text];
          snprintf(text, sizeof text, "%s: %s", !strcmp(x->key, "format1") ? "moved" : "removed",
                   x->text);
          snprintf(x->text, sizeof x->text, "%s", text);
        }
      }
      free(after.v);
    }
  }
  if (surveyed && !data_ok)
    add(&f, VITAE_CHECK_INFO, 0, "recovery",
        "to recover: 'vitae restore BACKUP.nq' replaces everything with a dump (made by "
        "'vitae dump'); 'vitae dump' may still save what can be read");
  int oom = f.oom;
  emit(&f, report, user, sum);
  free(f.v);
  if (oom) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return VITAE_OK;
}
