/* copy_file_range() and FICLONE are Linux's; everything falls back to
 * read()/write() elsewhere. */
#define _GNU_SOURCE 1
#include "store/store.h"
#include "store/bdb.h"
#include "store/bulk.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#endif

/* A directory is a vitae store when it holds this file; it names the
 * format, the backend (so that a plain path reopens with whatever backend
 * created it) and, from format 2 on, the current generation. */
#define MARKER_NAME "vitae-store"
#define MARKER_NEW MARKER_NAME ".new" /* the next marker, renamed over it */
#define MARKER_MAGIC "vitae store format "
#define LOCK_NAME "lock"
#define STORAGE_NAME "vitae"
#define GEN_PREFIX "gen-"

struct vitae_store {
  vitae_store_spec spec;
  vitae_store_mode mode;
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;
  int lock_fd;              /* the writer lock (DIR/lock), or a format-1 reader's; -1 */
  int gen_fd;               /* a reader's shared lock on its generation; -1 */
  int format;               /* on disk: 1 or 2; 0 for memory */
  unsigned long gen;        /* the committed generation open (format 2) */
  unsigned long work;       /* the working generation of a session, 0 when none */
  int dirty;                /* the session wrote something */
  int work_empty;           /* the working generation was begun empty, and is */
  int failed;               /* a write failed: the session is over */
  int quiet_saved;          /* stderr while BDB's messages are held back; -1 */
  int quiet_fd;             /* where they go meanwhile; -1 */
  vitae_error *capture;     /* where log messages go, or NULL */
  const char *capture_file; /* the file being read, for messages */
  void *cache;              /* vitae_store_cache_set(); freed with the model */
  void (*cache_free)(void *);
  vitae_bulk *bulk;         /* direct writer of the working generation (bulk.h), or NULL */
  int bulk_lost;            /* errno of a failed flush of the direct writer; 0 */
};

static int wait_for_lock;

void vitae_store_set_wait(int wait) { wait_for_lock = wait; }

const char *vitae_store_backend_name(vitae_store_backend b) {
  switch (b) {
  case VITAE_BACKEND_MEMORY: return "memory";
  case VITAE_BACKEND_HASHES: return "hashes";
  case VITAE_BACKEND_SQLITE: return "sqlite";
  }
  return "?";
}

#define backend_name vitae_store_backend_name

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

/* ---- crash points, for tests ----
 * VITAE_CRASH_POINT=NAME kills the process (SIGKILL, as a crash would) when
 * it reaches the point NAME, so that tests can crash it at the moments that
 * matter rather than at random ones: begin-copied (the working generation is
 * a full copy, nothing written yet), commit-synced (written and fsynced, the
 * marker not replaced yet), commit-renamed (the marker replaced, the
 * directory not fsynced and the old generation not removed yet),
 * migrate-linked (format 1: the files linked into generation 1, the marker
 * not replaced yet). */
static void crash_point(const char *name) {
  const char *p = getenv("VITAE_CRASH_POINT");
  if (p && !strcmp(p, name)) raise(SIGKILL);
}

/* ---- Berkeley DB's own messages ---- */

void vitae_store_quiet_begin(vitae_store *s) {
  if (s->quiet_saved >= 0 || s->spec.backend == VITAE_BACKEND_MEMORY) return;
  fflush(stderr);
  int fd = -1;
#ifdef MFD_CLOEXEC
  fd = memfd_create("vitae-bdb-messages", MFD_CLOEXEC);
#endif
  if (fd < 0) fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  int saved = fd >= 0 ? dup(2) : -1;
  if (saved < 0 || dup2(fd, 2) < 0) {
    if (fd >= 0) close(fd);
    if (saved >= 0) close(saved);
    return;
  }
  s->quiet_saved = saved;
  s->quiet_fd = fd;
}

void vitae_store_quiet_end(vitae_store *s) {
  if (s->quiet_saved < 0) return;
  fflush(stderr);
  dup2(s->quiet_saved, 2);
  close(s->quiet_saved);
  s->quiet_saved = -1;
  /* pass on what was not Berkeley DB's */
  FILE *f = lseek(s->quiet_fd, 0, SEEK_SET) == 0 ? fdopen(s->quiet_fd, "r") : NULL;
  if (f) {
    char line[2048];
    while (fgets(line, sizeof line, f))
      if (strncmp(line, "BDB", 3) != 0) fputs(line, stderr);
    fclose(f);
  } else {
    close(s->quiet_fd);
  }
  s->quiet_fd = -1;
}

/* ---- small file-system helpers ---- */

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

static int fsync_path(const char *path, int directory) {
  int fd = open(path, (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return -1;
  int rc = fsync(fd);
  int e = errno;
  close(fd);
  errno = e;
  /* some file systems cannot fsync a directory; that is no failure */
  if (rc != 0 && directory && (errno == EINVAL || errno == EROFS)) rc = 0;
  return rc;
}

/* The names in a directory but "." and "..", NULL-terminated; NULL on error. */
static char **list_dir(const char *path) {
  DIR *d = opendir(path);
  if (!d) return NULL;
  size_t n = 0, cap = 16;
  char **v = malloc((cap + 1) * sizeof *v);
  struct dirent *e;
  while (v && (e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (n == cap) {
      char **more = realloc(v, (2 * cap + 1) * sizeof *v);
      if (!more) break;
      v = more;
      cap *= 2;
    }
    if (!(v[n] = strdup(e->d_name))) break;
    n++;
  }
  int e2 = errno;
  closedir(d);
  if (v) v[n] = NULL;
  errno = e2;
  return v;
}

static void free_names(char **v) {
  if (!v) return;
  for (char **p = v; *p; p++) free(*p);
  free(v);
}

/* fsync every regular file in dir, then dir itself. */
static int fsync_dir_files(const char *dir) {
  char **names = list_dir(dir);
  if (!names) return -1;
  int rc = 0;
  char path[4400];
  for (char **p = names; *p && rc == 0; p++) {
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, *p);
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) rc = fsync_path(path, 0);
  }
  int e = errno;
  free_names(names);
  errno = e;
  return rc == 0 ? fsync_path(dir, 1) : rc;
}

/* Copy one file: a reflink when the file system shares blocks (btrfs, XFS),
 * else copy_file_range() (in the kernel, no user-space buffer), else
 * read()/write(). */
static int copy_file(const char *from, const char *to) {
  int in = open(from, O_RDONLY | O_CLOEXEC);
  if (in < 0) return -1;
  struct stat st;
  if (fstat(in, &st) != 0) {
    int e = errno;
    close(in);
    errno = e;
    return -1;
  }
  int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 0777);
  if (out < 0) {
    int e = errno;
    close(in);
    errno = e;
    return -1;
  }
  int rc = -1;
#ifdef FICLONE
  if (ioctl(out, FICLONE, in) == 0) rc = 0;
#endif
  off_t done = 0;
#ifdef __linux__
  while (rc != 0) {
    ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      /* not supported here (old kernel, other file systems): plain copy */
      if (done == 0 && (errno == ENOSYS || errno == EXDEV || errno == EINVAL ||
                        errno == EOPNOTSUPP || errno == EBADF))
        break;
      goto out;
    }
    if (n == 0) rc = 0;
    done += n;
  }
#endif
  if (rc != 0) {
    char buf[1 << 16];
    for (;;) {
      ssize_t n = read(in, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) goto out;
      if (n == 0) break;
      for (ssize_t off = 0; off < n;) {
        ssize_t w = write(out, buf + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) goto out;
        off += w;
      }
    }
    rc = 0;
  }
out:;
  int e = errno;
  close(in);
  if (close(out) != 0 && rc == 0) {
    rc = -1;
    e = errno;
  }
  if (rc != 0) unlink(to);
  errno = e;
  return rc;
}

/* Remove a flat directory (a generation holds only files). */
static int remove_flat_dir(const char *dir) {
  char **names = list_dir(dir);
  if (!names) return errno == ENOENT ? 0 : -1;
  char path[4400];
  int rc = 0;
  for (char **p = names; *p; p++) {
    snprintf(path, sizeof path, "%s/%s", dir, *p);
    if (unlink(path) != 0 && errno != ENOENT) rc = -1;
  }
  free_names(names);
  if (rmdir(dir) != 0 && errno != ENOENT) rc = -1;
  return rc;
}

/* ---- names and the marker ---- */

void vitae_store_generation_name(unsigned long g, char *out, size_t n) {
  snprintf(out, n, GEN_PREFIX "%06lu", g);
}

int vitae_store_parse_generation_name(const char *name, unsigned long *g) {
  size_t k = strlen(GEN_PREFIX);
  if (strncmp(name, GEN_PREFIX, k) != 0 || !name[k]) return 0;
  unsigned long v = 0;
  for (const char *p = name + k; *p; p++) {
    if (*p < '0' || *p > '9' || v > (~0UL - 9) / 10) return 0;
    v = v * 10 + (unsigned long)(*p - '0');
  }
  if (v == 0) return 0;
  *g = v;
  return 1;
}

static void gen_path(char *out, size_t n, const char *dir, unsigned long g) {
  char name[64];
  vitae_store_generation_name(g, name, sizeof name);
  snprintf(out, n, "%s/%s", dir, name);
}

int vitae_store_is_data_file(const char *name) {
  size_t k = strlen(STORAGE_NAME);
  if (strncmp(name, STORAGE_NAME, k) != 0) return 0;
  if (name[k] == '-') {
    size_t n = strlen(name);
    return n > k + 4 && !strcmp(name + n - 3, ".db");
  }
  return !strncmp(name + k, ".sqlite", 7); /* with its -journal, -wal, -shm */
}

const char *const *vitae_store_data_files(vitae_store_backend b) {
  static const char *const hashes[] = {STORAGE_NAME "-sp2o.db", STORAGE_NAME "-po2s.db",
                                       STORAGE_NAME "-so2p.db", STORAGE_NAME "-contexts.db",
                                       NULL};
  static const char *const sqlite[] = {STORAGE_NAME ".sqlite", NULL};
  static const char *const none[] = {NULL};
  return b == VITAE_BACKEND_HASHES ? hashes : b == VITAE_BACKEND_SQLITE ? sqlite : none;
}

int vitae_store_read_marker(const char *dir, vitae_store_marker *m, char *why, size_t n) {
  char path[4200], text[512];
  memset(m, 0, sizeof *m);
  if (why && n) why[0] = '\0';
  snprintf(path, sizeof path, "%s/" MARKER_NAME, dir);
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT || errno == ENOTDIR) return 0;
    if (why) snprintf(why, n, "cannot read '" MARKER_NAME "': %s", strerror(errno));
    return -1;
  }
  size_t len = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[len] = '\0';
  char name[64] = "";
  int format = 0;
  size_t k = strlen(MARKER_MAGIC);
  if (strncmp(text, MARKER_MAGIC, k) != 0 || sscanf(text + k, "%d", &format) != 1) {
    if (why) snprintf(why, n, "'" MARKER_NAME "' is not a vitae store marker");
    return -1;
  }
  if (format < 1 || format > VITAE_STORE_FORMAT) {
    if (why)
      snprintf(why, n, "the store has format %d; this vitae reads formats 1 to %d (a newer vitae made it?)",
               format, VITAE_STORE_FORMAT);
    return -1;
  }
  const char *b = strstr(text, "\nbackend ");
  if (!b || sscanf(b + 9, "%63s", name) != 1) {
    if (why) snprintf(why, n, "'" MARKER_NAME "' names no backend");
    return -1;
  }
  if (!strcmp(name, "hashes")) m->backend = VITAE_BACKEND_HASHES;
  else if (!strcmp(name, "sqlite")) m->backend = VITAE_BACKEND_SQLITE;
  else {
    if (why) snprintf(why, n, "'" MARKER_NAME "' names an unknown backend '%s'", name);
    return -1;
  }
  m->format = format;
  if (format >= 2) {
    const char *g = strstr(text, "\ngeneration ");
    unsigned long v = 0;
    if (!g || sscanf(g + 12, "%lu", &v) != 1 || v == 0) {
      if (why) snprintf(why, n, "'" MARKER_NAME "' names no generation");
      return -1;
    }
    m->generation = v;
  }
  return 1;
}

/* Write DIR/NAME with the marker's text, fsynced. */
static int write_marker_file(const char *dir, const char *name, const vitae_store_marker *m) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fprintf(f, MARKER_MAGIC "%d\nbackend %s\n", m->format, backend_name(m->backend));
  if (m->format >= 2) fprintf(f, "generation %lu\n", m->generation);
  int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
  int e = errno;
  bad |= fclose(f) != 0;
  if (bad) {
    unlink(path);
    errno = e ? e : EIO;
    return -1;
  }
  return 0;
}

/* Replace the marker atomically: write MARKER_NEW, rename it, fsync DIR. */
static int write_marker(const char *dir, const vitae_store_marker *m) {
  char tmp[4200], path[4200];
  snprintf(tmp, sizeof tmp, "%s/" MARKER_NEW, dir);
  snprintf(path, sizeof path, "%s/" MARKER_NAME, dir);
  if (write_marker_file(dir, MARKER_NEW, m) != 0) return -1;
  if (rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    errno = e;
    return -1;
  }
  return fsync_path(dir, 1);
}

/* ---- locks ---- */

int vitae_store_writer_active(const char *dir, long *pid) {
  char path[4200];
  snprintf(path, sizeof path, "%s/" LOCK_NAME, dir);
  if (pid) *pid = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  int busy = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  if (busy && pid) {
    char buf[32] = "";
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n > 0) {
      buf[n] = '\0';
      *pid = strtol(buf, NULL, 10);
      if (*pid > 0 && kill((pid_t)*pid, 0) != 0 && errno == ESRCH) *pid = 0;
    }
  }
  close(fd);
  return busy;
}

int vitae_store_generation_in_use(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return 0;
  int busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return busy;
}

static vitae_status busy_error(const char *dir, int fd, vitae_error *err) {
  char buf[32] = "";
  ssize_t n = fd >= 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
  long pid = 0;
  if (n > 0) {
    buf[n] = '\0';
    pid = strtol(buf, NULL, 10);
  }
  /* the lock file keeps the pid of the last vitae writer; another program
   * (flock(1)) may hold the lock now */
  if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH) pid = 0;
  if (pid > 0)
    return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                           "the store is busy: another vitae process (pid %ld) is writing to "
                           "it; try again later, or use --wait",
                           pid);
  return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                         "the store is busy: another vitae process is writing to it; try again "
                         "later, or use --wait");
}

/* The writer lock: exclusive, held until close.  The holder's pid is written
 * into the lock file, for the message the next writer gets. */
static vitae_status take_write_lock(vitae_store *s, vitae_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/" LOCK_NAME, s->spec.path);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM))
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "the store is read-only (%s); nothing was changed", strerror(errno));
  if (fd < 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot lock store: %s",
                           strerror(errno));
  while (flock(fd, LOCK_EX | (wait_for_lock ? 0 : LOCK_NB)) != 0) {
    if (errno == EINTR) continue;
    int e = errno;
    vitae_status st = e == EWOULDBLOCK ? busy_error(s->spec.path, fd, err)
                                       : vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                                                         "cannot lock store: %s", strerror(e));
    close(fd);
    return st;
  }
  char pid[32];
  int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
  if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) == n) {
    /* only informative: a full disk must not stop a writer that frees space */
  }
  s->lock_fd = fd;
  return VITAE_OK;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

/* A format-1 store has no generations: its readers exclude writers, as
 * before.  A writer moves the store to format 2 as soon as it holds the
 * lock, so a busy lock is retried while the marker is watched.
 * Returns 0 when locked (or there is no lock file: read-only media), 1 when
 * the store is in format 2 now, -1 on error. */
static int take_format1_read_lock(vitae_store *s, vitae_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/" LOCK_NAME, s->spec.path);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return 0;
  if (fd < 0) {
    vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot lock store: %s",
                    strerror(errno));
    return -1;
  }
  for (int i = 0;; i++) {
    if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
      s->lock_fd = fd;
      return 0;
    }
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot lock store: %s",
                      strerror(errno));
      close(fd);
      return -1;
    }
    vitae_store_marker m;
    if (vitae_store_read_marker(s->spec.path, &m, NULL, 0) == 1 && m.format >= 2) {
      close(fd);
      return 1;
    }
    if (!wait_for_lock && i >= 20) {
      busy_error(s->spec.path, fd, err);
      close(fd);
      return -1;
    }
    sleep_ms(50);
  }
}

/* ---- the store directory ---- */

/* Whether every entry of dir is something an interrupted creation of a
 * store leaves behind (the lock, a generation, the next marker). */
static int only_creation_leftovers(const char *dir) {
  char **names = list_dir(dir);
  if (!names) return 0;
  int ok = 1;
  unsigned long g;
  for (char **p = names; *p && ok; p++)
    ok = !strcmp(*p, LOCK_NAME) || !strcmp(*p, MARKER_NEW) ||
         vitae_store_parse_generation_name(*p, &g);
  free_names(names);
  return ok;
}

/* Prepare the directory; *fresh tells whether there is no store yet. */
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
  vitae_store_marker found;
  char why[300];
  int r = vitae_store_read_marker(dir, &found, why, sizeof why);
  if (r < 0) return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0, "%s", why);
  if (r > 0) {
    if (spec->backend != found.backend) {
      /* A plain path takes the backend that created the store; an explicit
       * scheme that disagrees is refused rather than silently overridden. */
      return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                             "this store uses the %s backend, not %s", backend_name(found.backend),
                             backend_name(spec->backend));
    }
    return VITAE_OK;
  }
  if (!dir_is_empty(dir) && !(mode != VITAE_STORE_READ && only_creation_leftovers(dir)))
    return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                           "not a vitae store (no '" MARKER_NAME
                           "' file) and not empty; refusing to touch it");
  if (mode == VITAE_STORE_READ)
    return vitae_error_set(err, VITAE_ERR_STORE, dir, 0, 0,
                           "no store here yet (load something into it first)");
  *fresh = 1;
  return VITAE_OK;
}

/* ---- librdf storages ---- */

static void drop_cache(vitae_store *s) {
  if (s->cache && s->cache_free) s->cache_free(s->cache);
  s->cache = NULL;
  s->cache_free = NULL;
}

static void close_storage(vitae_store *s) {
  drop_cache(s); /* it describes this model's contents */
  /* only error paths and rollbacks get here with the direct writer open:
   * what it fails to flush is thrown away with the working generation */
  if (s->bulk) vitae_bulk_close(s->bulk);
  s->bulk = NULL;
  if (s->model) librdf_free_model(s->model);
  if (s->storage) librdf_free_storage(s->storage);
  s->model = NULL;
  s->storage = NULL;
}

/* The BDB cache of each file a writer opens (bdb.h): 16 MB measured best
 * for loads of 100k to 1M triples (4 files: 64 MB in all; larger caches
 * were slower at 1M, their flush at close dominating).  Off unless
 * VITAE_BDB_CACHE_MB asks for it: with it, a load under a file-size limit
 * (tests/unit/test_store: test_file_size_limit) was seen to commit
 * although its writes could not all reach the disk. */
static size_t bdb_write_cache(void) {
  const char *e = getenv("VITAE_BDB_CACHE_MB");
  long mb = e && *e ? strtol(e, NULL, 10) : 0;
  return mb > 0 && mb < 4096 ? (size_t)mb << 20 : 0;
}

/* Open the backend's files in directory gdir ("" for memory). */
static vitae_status open_storage_at(vitae_store *s, const char *gdir, int fresh, int writable,
                                    vitae_error *err) {
  char opts[4400];
  const char *name = NULL;
  const char *factory = backend_name(s->spec.backend);
  char dbname[4200];
  if (strchr(gdir, '\''))
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "a store path may not contain a quote (')");
  switch (s->spec.backend) {
  case VITAE_BACKEND_MEMORY:
    snprintf(opts, sizeof opts, "contexts='yes'");
    break;
  case VITAE_BACKEND_HASHES:
    name = STORAGE_NAME;
    snprintf(opts, sizeof opts, "hash-type='bdb',dir='%s',contexts='yes',new='%s',write='%s'",
             gdir, fresh ? "yes" : "no", writable ? "yes" : "no");
    break;
  case VITAE_BACKEND_SQLITE:
    snprintf(dbname, sizeof dbname, "%s/" STORAGE_NAME ".sqlite", gdir);
    name = dbname;
    /* A working generation needs no fsync per statement: it is fsynced
     * whole before it is committed, and thrown away after a crash. */
    snprintf(opts, sizeof opts, "contexts='yes',new='%s',synchronous='%s'",
             fresh ? "yes" : "no", writable && s->format >= 2 ? "off" : "normal");
    break;
  }
  vitae_error *saved = s->capture;
  const char *saved_file = s->capture_file;
  vitae_store_capture_errors(s, err, s->spec.path[0] ? s->spec.path : NULL);
  vitae_bdb_set_cache(writable ? bdb_write_cache() : 0);
  s->storage = librdf_new_storage(s->world, factory, name, opts);
  if (!s->storage) {
    vitae_bdb_set_cache(0);
    vitae_error_set(err, VITAE_ERR_STORE, s->spec.path[0] ? s->spec.path : NULL, 0, 0,
                    "cannot open the %s storage%s", factory,
                    s->spec.backend == VITAE_BACKEND_SQLITE
                        ? " (is Debian's librdf-storage-sqlite installed?)"
                        : "");
    vitae_store_capture_errors(s, saved, saved_file);
    return VITAE_ERR_STORE;
  }
  s->model = librdf_new_model(s->world, s->storage, NULL); /* opens the files */
  vitae_bdb_set_cache(0);
  vitae_store_capture_errors(s, saved, saved_file);
  if (!s->model) {
    close_storage(s);
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot open the model");
  }
  return VITAE_OK;
}

/* Open the committed state for reading. */
static vitae_status open_current(vitae_store *s, vitae_error *err) {
  if (s->format == 1) return open_storage_at(s, s->spec.path, 0, 0, err);
  char g[4200];
  gen_path(g, sizeof g, s->spec.path, s->gen);
  return open_storage_at(s, g, 0, 0, err);
}

/* ---- the direct writer of the hashes storage (bulk.h) ---- */

/* Its cache per file: its writes are checked up to the last flush (bulk.h),
 * so unlike librdf's handles it can hold many dirty pages.  VITAE_BDB_CACHE_MB
 * sets it as for librdf's handles. */
#define BULK_CACHE_MB 8

static size_t bulk_cache(void) {
  size_t set = bdb_write_cache();
  return set ? set : (size_t)BULK_CACHE_MB << 20;
}

vitae_status vitae_store_bulk(vitae_store *s, vitae_bulk **out, vitae_error *err) {
  *out = NULL;
  const char *off = getenv("VITAE_BULK");
  if (s->spec.backend != VITAE_BACKEND_HASHES || !s->work || (off && !strcmp(off, "0")))
    return VITAE_OK;
  if (s->bulk) {
    *out = s->bulk;
    return VITAE_OK;
  }
  /* librdf's handles go first: two handles of one file without a BDB
   * environment would each cache pages the other does not see */
  char g[4200];
  gen_path(g, sizeof g, s->spec.path, s->work);
  vitae_store_quiet_begin(s);
  int synced = !s->model || librdf_model_sync(s->model) == 0;
  int e = errno;
  close_storage(s);
  vitae_store_quiet_end(s);
  errno = e;
  if (!synced) return vitae_store_write_failed(s, err, s->spec.path, "cannot flush the store");
  vitae_error why;
  vitae_error_clear(&why);
  if (vitae_bulk_open(s->world, g, STORAGE_NAME, bulk_cache(), &s->bulk, &why) != VITAE_OK) {
    if (why.status == VITAE_ERR_UNSUPPORTED)
      return open_storage_at(s, g, 0, 1, err); /* librdf writes instead */
    return vitae_store_write_failed(s, err, s->spec.path, "cannot open the store for writing");
  }
  *out = s->bulk;
  return VITAE_OK;
}

/* Back to librdf's handles after direct writes (a reader of the working
 * generation needs them).  A failure to flush is remembered: the session
 * then cannot commit. */
static void reopen_model(vitae_store *s) {
  if (!s->bulk) return;
  int rc = vitae_bulk_close(s->bulk);
  s->bulk = NULL;
  if (rc && !s->bulk_lost) s->bulk_lost = rc;
  char g[4200];
  gen_path(g, sizeof g, s->spec.path, s->work);
  vitae_error ignored;
  vitae_error_clear(&ignored);
  if (open_storage_at(s, g, 0, 1, &ignored) != VITAE_OK && !s->bulk_lost) s->bulk_lost = EIO;
}

/* ---- generations ---- */

/* Remove a generation (or other stray) directory unless a reader holds it. */
static int remove_generation_dir(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? 0 : -1;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return 1; /* in use: the next writer removes it */
  }
  int rc = remove_flat_dir(path);
  close(fd);
  return rc;
}

/* With the writer lock held: remove every generation but keep (0: all),
 * the next marker of an interrupted commit, and format-1 data files that a
 * migration left behind.  Failures only leave garbage for later. */
static void clean_stale(vitae_store *s, unsigned long keep) {
  char **names = list_dir(s->spec.path);
  if (!names) return;
  char path[4400];
  unsigned long g;
  for (char **p = names; *p; p++) {
    snprintf(path, sizeof path, "%s/%s", s->spec.path, *p);
    if (vitae_store_parse_generation_name(*p, &g)) {
      if (g != keep) remove_generation_dir(path);
    } else if (!strcmp(*p, MARKER_NEW)) {
      unlink(path);
    } else if (keep && vitae_store_is_data_file(*p)) {
      unlink(path);
    }
  }
  free_names(names);
}

/* A new, empty generation 1 for a store that has none yet. */
static vitae_status create_store(vitae_store *s, vitae_error *err) {
  char g[4200];
  clean_stale(s, 0);
  gen_path(g, sizeof g, s->spec.path, 1);
  if (mkdir(g, 0777) != 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot create store: %s",
                           strerror(errno));
  s->format = 2;
  vitae_status st = open_storage_at(s, g, 1, 1, err);
  if (st == VITAE_OK && librdf_model_sync(s->model) != 0)
    st = vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot create store");
  close_storage(s);
  vitae_store_marker m = {VITAE_STORE_FORMAT, s->spec.backend, 1};
  if (st == VITAE_OK && (fsync_dir_files(g) != 0 || write_marker(s->spec.path, &m) != 0))
    st = vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                         "cannot write the store marker: %s", strerror(errno));
  if (st != VITAE_OK) {
    remove_flat_dir(g);
    return st;
  }
  s->gen = 1;
  return VITAE_OK;
}

/* Format 1 -> 2: hard-link the data files into generation 1 (a copy where
 * links are refused), commit the new marker, then remove the old names.
 * A crash before the marker leaves format 1 as it was; after it, the old
 * names are removed by the next writer. */
static vitae_status migrate_format1(vitae_store *s, vitae_error *err) {
  char g[4200], from[4400], to[4400];
  clean_stale(s, 0);
  gen_path(g, sizeof g, s->spec.path, 1);
  if (mkdir(g, 0777) != 0)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "cannot move the store to format %d: %s", VITAE_STORE_FORMAT,
                           strerror(errno));
  char **names = list_dir(s->spec.path);
  int rc = names ? 0 : -1;
  for (char **p = names; p && *p && rc == 0; p++) {
    if (!vitae_store_is_data_file(*p)) continue;
    snprintf(from, sizeof from, "%s/%s", s->spec.path, *p);
    snprintf(to, sizeof to, "%s/%s", g, *p);
    if (link(from, to) != 0) rc = copy_file(from, to);
  }
  vitae_store_marker m = {VITAE_STORE_FORMAT, s->spec.backend, 1};
  if (rc == 0) rc = fsync_dir_files(g);
  if (rc == 0) crash_point("migrate-linked");
  if (rc == 0) rc = write_marker(s->spec.path, &m);
  if (rc != 0) {
    vitae_status st = vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                                      "cannot move the store to format %d: %s; it is unchanged",
                                      VITAE_STORE_FORMAT, strerror(errno));
    free_names(names);
    remove_flat_dir(g);
    return st;
  }
  for (char **p = names; *p; p++) {
    if (!vitae_store_is_data_file(*p)) continue;
    snprintf(from, sizeof from, "%s/%s", s->spec.path, *p);
    unlink(from);
  }
  free_names(names);
  fsync_path(s->spec.path, 1);
  s->format = 2;
  s->gen = 1;
  return VITAE_OK;
}

/* A reader's view of a format-2 store: the generation the marker names,
 * held with a shared lock so that no writer removes it meanwhile.  The
 * marker is read again once the lock is held: when it moved on, a writer
 * may be removing this generation, so start over. */
static vitae_status open_for_reading(vitae_store *s, vitae_error *err) {
  char why[300], g[4200];
  for (int tries = 0;; tries++) {
    vitae_store_marker m;
    int r = vitae_store_read_marker(s->spec.path, &m, why, sizeof why);
    if (r < 0) return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "%s", why);
    if (r == 0)
      return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                             "no store here yet (load something into it first)");
    s->format = m.format;
    if (m.format == 1) {
      int locked = take_format1_read_lock(s, err);
      if (locked < 0) return err ? err->status : VITAE_ERR_STORE;
      if (locked > 0) continue;
      /* a writer may have moved it to format 2 while we waited */
      if (vitae_store_read_marker(s->spec.path, &m, why, sizeof why) == 1 && m.format == 1)
        return open_current(s, err);
      if (s->lock_fd >= 0) close(s->lock_fd);
      s->lock_fd = -1;
      continue;
    }
    gen_path(g, sizeof g, s->spec.path, m.generation);
    int fd = open(g, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int e = errno;
    if (fd >= 0) {
      while (flock(fd, LOCK_SH) != 0 && errno == EINTR) {
      }
    }
    vitae_store_marker again;
    int moved = vitae_store_read_marker(s->spec.path, &again, why, sizeof why) != 1 ||
                again.format != 2 || again.generation != m.generation;
    if (fd >= 0 && !moved) {
      s->gen_fd = fd;
      s->gen = m.generation;
      return open_current(s, err);
    }
    if (fd >= 0) close(fd);
    if (!moved || tries >= 1000)
      return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                             "the current generation %s cannot be opened (%s); the store is "
                             "damaged: see 'vitae check'",
                             g + strlen(s->spec.path) + 1, strerror(e));
    if (tries > 10) sleep_ms(1);
  }
}

/* A writer's view: the writer lock, then the store brought to format 2,
 * leftovers removed, and the current generation open read-only until the
 * first write (REPLACE: not opened at all). */
static vitae_status open_for_writing(vitae_store *s, int fresh, vitae_error *err) {
  vitae_status st = take_write_lock(s, err);
  if (st != VITAE_OK) return st;
  vitae_store_marker m;
  char why[300];
  /* the marker may have changed while we waited for the lock */
  int r = vitae_store_read_marker(s->spec.path, &m, why, sizeof why);
  if (r < 0) return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "%s", why);
  if (r == 0 && !fresh && !only_creation_leftovers(s->spec.path))
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "the store marker '" MARKER_NAME "' has gone; see 'vitae check'");
  signal(SIGXFSZ, SIG_IGN); /* past a file size limit, write() fails with EFBIG instead */
  if (r == 0) {
    st = create_store(s, err);
  } else if (m.format == 1) {
    s->format = 1;
    st = migrate_format1(s, err);
  } else {
    s->format = 2;
    s->gen = m.generation;
  }
  if (st != VITAE_OK) return st;
  clean_stale(s, s->gen);
  if (s->mode == VITAE_STORE_REPLACE) return vitae_store_begin(s, 1, err);
  return open_current(s, err);
}

vitae_status vitae_store_begin(vitae_store *s, int empty, vitae_error *err) {
  if (s->spec.backend == VITAE_BACKEND_MEMORY) {
    if (!empty) return VITAE_OK;
    close_storage(s);
    return open_storage_at(s, "", 1, 1, err);
  }
  if (s->mode == VITAE_STORE_READ)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "the store was opened for reading only");
  if (s->failed)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                           "an earlier write of this run failed, so nothing more is written (the "
                           "store is unchanged)");
  if (s->work && (!empty || (s->work_empty && !s->dirty))) return VITAE_OK;
  char cur[4200], next[4200];
  gen_path(cur, sizeof cur, s->spec.path, s->gen);
  close_storage(s);
  if (s->work) {
    gen_path(next, sizeof next, s->spec.path, s->work);
    remove_flat_dir(next);
    s->work = 0;
  }
  unsigned long g = s->gen + 1;
  gen_path(next, sizeof next, s->spec.path, g);
  remove_flat_dir(next); /* a stray of a crash; nobody reads it */
  const char *step = "create";
  int rc = mkdir(next, 0777);
  if (rc == 0 && !empty) {
    step = "copy";
    char **names = list_dir(cur);
    char from[4400], to[4400];
    rc = names ? 0 : -1;
    for (char **p = names; p && *p && rc == 0; p++) {
      snprintf(from, sizeof from, "%s/%s", cur, *p);
      snprintf(to, sizeof to, "%s/%s", next, *p);
      rc = copy_file(from, to);
    }
    int e = errno;
    free_names(names);
    errno = e;
  }
  vitae_store_marker m = {VITAE_STORE_FORMAT, s->spec.backend, g};
  if (rc == 0) {
    step = "prepare";
    rc = write_marker_file(s->spec.path, MARKER_NEW, &m);
  }
  if (rc == 0) crash_point("begin-copied");
  vitae_status st = VITAE_OK;
  if (rc != 0) {
    st = vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                         "cannot %s a new generation of the store: %s; the store is unchanged",
                         step, strerror(errno));
  } else {
    st = open_storage_at(s, next, empty, 1, err);
  }
  if (st == VITAE_OK && s->spec.backend == VITAE_BACKEND_SQLITE &&
      librdf_model_transaction_start(s->model) != 0)
    st = vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0,
                         "cannot start an sqlite transaction");
  if (st != VITAE_OK) {
    close_storage(s);
    remove_flat_dir(next);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/" MARKER_NEW, s->spec.path);
    unlink(tmp);
    vitae_error ignored;
    vitae_error_clear(&ignored);
    if (s->mode != VITAE_STORE_REPLACE) open_current(s, &ignored);
    return st;
  }
  s->work = g;
  s->dirty = 0;
  s->work_empty = empty;
  return VITAE_OK;
}

void vitae_store_rollback(vitae_store *s) {
  if (!s || s->spec.backend == VITAE_BACKEND_MEMORY || !s->work) return;
  char g[4200], tmp[4200];
  int quiet = s->quiet_saved < 0;
  if (quiet) vitae_store_quiet_begin(s);
  if (s->spec.backend == VITAE_BACKEND_SQLITE && s->model)
    librdf_model_transaction_rollback(s->model);
  close_storage(s);
  if (quiet) vitae_store_quiet_end(s);
  gen_path(g, sizeof g, s->spec.path, s->work);
  remove_flat_dir(g);
  snprintf(tmp, sizeof tmp, "%s/" MARKER_NEW, s->spec.path);
  unlink(tmp);
  s->work = 0;
  s->dirty = 0;
  s->bulk_lost = 0;
  vitae_error ignored;
  vitae_error_clear(&ignored);
  open_current(s, &ignored);
}

vitae_status vitae_store_write_failed(vitae_store *s, vitae_error *err, const char *file,
                                      const char *what) {
  int e = errno;
  int disk = s->spec.backend != VITAE_BACKEND_MEMORY;
  if (disk) {
    vitae_store_rollback(s);
    s->failed = 1;
  }
  const char *reason = (e == ENOSPC || e == EFBIG || e == EDQUOT || e == EIO || e == EROFS ||
                        e == EACCES || e == ENOMEM)
                           ? strerror(e)
                           : NULL;
  return vitae_error_set(err, VITAE_ERR_STORE, file ? file : s->spec.path, 0, 0, "%s%s%s%s", what,
                         reason ? ": " : "", reason ? reason : "",
                         disk ? "; nothing was stored (the store is unchanged)" : "");
}

static vitae_status commit_(vitae_store *s, int reopen, vitae_error *err) {
  if (s->spec.backend == VITAE_BACKEND_MEMORY) return s->model ? vitae_store_sync(s, err) : VITAE_OK;
  if (!s->work) return VITAE_OK;
  if (!s->dirty) {
    vitae_store_rollback(s); /* nothing written: nothing to publish */
    return VITAE_OK;
  }
  char g[4200], tmp[4200], path[4200];
  gen_path(g, sizeof g, s->spec.path, s->work);
  if (s->spec.backend == VITAE_BACKEND_SQLITE && librdf_model_transaction_commit(s->model) != 0)
    return vitae_store_write_failed(s, err, s->spec.path, "cannot commit the sqlite transaction");
  vitae_store_quiet_begin(s);
  int synced = 1, e = 0;
  if (s->bulk) {
    e = vitae_bulk_close(s->bulk); /* the last of its writes reach the files here */
    s->bulk = NULL;
    synced = e == 0;
  }
  if (synced && s->bulk_lost) {
    synced = 0;
    e = s->bulk_lost;
  }
  if (synced && s->model) {
    synced = librdf_model_sync(s->model) == 0;
    e = errno;
  }
  if (synced) close_storage(s);
  vitae_store_quiet_end(s);
  errno = e;
  if (!synced) return vitae_store_write_failed(s, err, s->spec.path, "cannot flush the store");
  snprintf(tmp, sizeof tmp, "%s/" MARKER_NEW, s->spec.path);
  snprintf(path, sizeof path, "%s/" MARKER_NAME, s->spec.path);
  int rc = fsync_dir_files(g);
  if (rc == 0) crash_point("commit-synced");
  if (rc == 0) rc = rename(tmp, path);
  if (rc == 0) crash_point("commit-renamed");
  if (rc == 0) rc = fsync_path(s->spec.path, 1);
  if (rc != 0) {
    /* s->work is still set: the rollback removes the working generation (after
     * a failed fsync of the directory, the rename may or may not be on disk:
     * the old marker is put back, so that both agree with the rollback) */
    if (access(tmp, F_OK) != 0) {
      vitae_store_marker old = {VITAE_STORE_FORMAT, s->spec.backend, s->gen};
      write_marker(s->spec.path, &old);
    }
    return vitae_store_write_failed(s, err, s->spec.path, "cannot commit the store");
  }
  unsigned long old = s->gen;
  s->gen = s->work;
  s->work = 0;
  s->dirty = 0;
  if (s->mode == VITAE_STORE_REPLACE) s->mode = VITAE_STORE_WRITE;
  if (old) {
    gen_path(g, sizeof g, s->spec.path, old);
    remove_generation_dir(g);
  }
  if (reopen) return open_current(s, err);
  return VITAE_OK;
}

vitae_status vitae_store_commit(vitae_store *s, vitae_error *err) { return commit_(s, 1, err); }

unsigned long vitae_store_generation(const vitae_store *s) { return s->gen; }
unsigned long vitae_store_working_generation(const vitae_store *s) { return s->work; }

vitae_status vitae_store_open(const char *spec_text, vitae_store_mode mode, vitae_store **out,
                              vitae_error *err) {
  *out = NULL;
  vitae_store *s = calloc(1, sizeof *s);
  if (!s) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  s->lock_fd = s->gen_fd = s->quiet_saved = s->quiet_fd = -1;
  s->mode = mode;
  vitae_status st = vitae_store_spec_parse(spec_text, &s->spec, err);
  int fresh = 1;
  if (st == VITAE_OK && s->spec.backend != VITAE_BACKEND_MEMORY) {
    /* A plain path reopens with the backend recorded in the store. */
    vitae_store_marker found;
    int plain = spec_text && *spec_text && !strchr(spec_text, ':');
    if ((plain || !spec_text || !*spec_text) &&
        vitae_store_read_marker(s->spec.path, &found, NULL, 0) == 1)
      s->spec.backend = found.backend;
    st = prepare_dir(&s->spec, mode, &fresh, err);
  }
  if (st == VITAE_OK) {
    s->world = librdf_new_world();
    if (!s->world) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (st == VITAE_OK) {
    librdf_world_open(s->world);
    librdf_world_set_logger(s->world, s, log_handler);
    if (s->spec.backend == VITAE_BACKEND_MEMORY) st = open_storage_at(s, "", 1, 1, err);
    else if (mode == VITAE_STORE_READ) st = open_for_reading(s, err);
    else st = open_for_writing(s, fresh, err);
  }
  if (st != VITAE_OK) {
    s->work = 0; /* a failed open has nothing to commit */
    vitae_store_close(s);
    return st;
  }
  *out = s;
  return VITAE_OK;
}

void vitae_store_close(vitae_store *s) {
  if (!s) return;
  if (s->work) {
    vitae_error err;
    vitae_error_clear(&err);
    if (commit_(s, 0, &err) != VITAE_OK) vitae_error_print(&err, stderr);
  }
  if (s->model && s->spec.backend == VITAE_BACKEND_MEMORY) librdf_model_sync(s->model);
  close_storage(s);
  if (s->world) librdf_free_world(s->world);
  if (s->gen_fd >= 0) close(s->gen_fd);
  if (s->lock_fd >= 0) {
    /* the writer is done: its pid no longer names the holder */
    if (s->mode != VITAE_STORE_READ && ftruncate(s->lock_fd, 0) != 0) {
    }
    close(s->lock_fd);
  }
  free(s);
}

void *vitae_store_cache_get(const vitae_store *s) {
  return s->mode == VITAE_STORE_READ ? s->cache : NULL;
}

int vitae_store_cache_set(vitae_store *s, void *data, void (*free_fn)(void *)) {
  drop_cache(s);
  if (s->mode != VITAE_STORE_READ || !s->model) {
    if (data && free_fn) free_fn(data);
    return -1;
  }
  s->cache = data;
  s->cache_free = free_fn;
  return 0;
}

librdf_world *vitae_store_world(const vitae_store *s) { return s->world; }
librdf_model *vitae_store_model(vitae_store *s) {
  reopen_model(s);
  return s->model;
}
const vitae_store_spec *vitae_store_get_spec(const vitae_store *s) { return &s->spec; }

vitae_status vitae_store_sync(vitae_store *s, vitae_error *err) {
  if (s->bulk) {
    /* its writes are flushed, and checked, when the commit closes it: a
     * flush now would fsync the files (DB->sync does) once more for nothing */
    if (s->work) s->dirty = 1;
    return VITAE_OK;
  }
  if (!s->model)
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "the store is not open");
  int quiet = s->work && s->quiet_saved < 0;
  if (quiet) vitae_store_quiet_begin(s);
  int rc = librdf_model_sync(s->model);
  int e = errno;
  if (quiet) vitae_store_quiet_end(s);
  errno = e;
  if (rc != 0) {
    if (s->work) return vitae_store_write_failed(s, err, s->spec.path, "cannot flush the store");
    return vitae_error_set(err, VITAE_ERR_STORE, s->spec.path, 0, 0, "cannot flush the store");
  }
  if (s->work) s->dirty = 1;
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
  librdf_iterator *it = librdf_model_get_contexts(vitae_store_model(s));
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
  int has = librdf_model_contains_context(vitae_store_model(s), ctx);
  librdf_free_node(ctx);
  return has;
}

vitae_status vitae_store_drop_graph(vitae_store *s, const char *graph_iri, vitae_error *err) {
  if (!vitae_store_has_graph(s, graph_iri))
    return vitae_error_set(err, VITAE_ERR_NOTFOUND, NULL, 0, 0, "no graph <%s> in the store",
                           graph_iri);
  vitae_status st = vitae_store_begin(s, 0, err);
  if (st != VITAE_OK) return st;
  librdf_node *ctx = librdf_new_node_from_uri_string(s->world, (const unsigned char *)graph_iri);
  if (!ctx) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_store_quiet_begin(s);
  int rc = librdf_model_context_remove_statements(vitae_store_model(s), ctx);
  int e = errno;
  vitae_store_quiet_end(s);
  errno = e;
  librdf_free_node(ctx);
  if (rc != 0) {
    char what[600];
    snprintf(what, sizeof what, "cannot remove graph <%.500s>", graph_iri);
    return vitae_store_write_failed(s, err, s->spec.path, what);
  }
  return vitae_store_sync(s, err);
}

vitae_status vitae_store_drop_all(vitae_store *s, vitae_error *err) {
  if (s->spec.backend != VITAE_BACKEND_MEMORY) {
    /* on disk, a new empty generation replaces everything at once */
    vitae_status st = vitae_store_begin(s, 1, err);
    return st == VITAE_OK ? vitae_store_sync(s, err) : st;
  }
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
  librdf_stream *st = librdf_model_context_as_stream(vitae_store_model(s), ctx);
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
