/* The regression runner shared by the libFuzzer harnesses: linked with a
 * harness built without -DVITAE_LIBFUZZER, it feeds each file named on the
 * command line (directories: every regular file in them, in name order; no
 * argument: tests/fuzz/corpus/FUZZ_NAME in the source tree) once to
 * LLVMFuzzerTestOneInput and prints TAP, one line per file, so that
 * `make check` replays the seed corpus and every crash ever found.  A
 * crash, a sanitizer report or an abort() of the harness fails the test
 * program as a whole.
 *
 * Each input is copied into a buffer of exactly its size, so that
 * AddressSanitizer sees a read past the end.  A harness may describe what
 * an input did in fuzz_replay_note (printed after the file name). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "tests/fuzz/replay.h"

char fuzz_replay_note[128];

typedef struct replay {
  int n, failed;
} replay;

static void replay_file(replay *r, const char *path) {
  FILE *f = fopen(path, "rb");
  r->n++;
  if (!f) {
    printf("not ok %d - %s: cannot open\n", r->n, path);
    r->failed++;
    return;
  }
  size_t cap = 1 << 16, len = 0, got;
  uint8_t *buf = malloc(cap);
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  fclose(f);
  if (!buf) {
    printf("not ok %d - %s: out of memory\n", r->n, path);
    r->failed++;
    return;
  }
  uint8_t *exact = malloc(len ? len : 1);
  if (!exact) abort();
  memcpy(exact, buf, len);
  free(buf);
  fuzz_replay_note[0] = '\0';
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  if (fuzz_replay_note[0]) printf("ok %d - %s (%s)\n", r->n, path, fuzz_replay_note);
  else printf("ok %d - %s\n", r->n, path);
  fflush(stdout);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_path(replay *r, const char *path) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    r->failed++;
    printf("not ok %d - %s: no such file or directory\n", ++r->n, path);
    return;
  }
  if (!S_ISDIR(sb.st_mode)) {
    replay_file(r, path);
    return;
  }
  DIR *d = opendir(path);
  if (!d) {
    r->failed++;
    printf("not ok %d - %s: cannot open the directory\n", ++r->n, path);
    return;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      char **nn = realloc(names, cap * sizeof *names);
      if (!nn) abort();
      names = nn;
    }
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    if (!(names[n] = malloc(len))) abort();
    snprintf(names[n++], len, "%s/%s", path, e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name); /* the same order every run */
  for (size_t i = 0; i < n; i++) {
    if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode)) replay_file(r, names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  replay r = {0, 0};
  if (argc > 1) {
    for (int i = 1; i < argc; i++) replay_path(&r, argv[i]);
  } else {
    char dir[4096];
    const char *top = getenv("top_srcdir");
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", top && *top ? top : VITAE_SRCDIR,
             FUZZ_NAME);
    replay_path(&r, dir);
  }
  /* TAP: the plan comes last, as the count is known only at the end */
  printf("1..%d\n", r.n);
  fuzz_replay_done();
  return r.failed ? 1 : 0;
}
