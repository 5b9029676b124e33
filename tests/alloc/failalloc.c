/* Allocation wrappers for the failing-allocator test (tests/alloc/failalloc.sh).
 *
 * tests/alloc/vitae-failalloc is vitae linked with -Wl,--wrap=malloc (and
 * calloc, realloc, strdup, strndup, utf8proc_map): every allocation made by
 * vitae's own code -- not the libraries' internal ones, which are theirs to
 * handle -- goes through a counter here.
 *   VITAE_FAIL_ALLOC=N        the Nth allocation (from 1) fails, as if memory
 *                             ran out; 0 or unset: none fails
 *   VITAE_ALLOC_COUNT=FILE    at exit, the number of allocations made is
 *                             written to FILE (how far N has to go)
 * Only the Nth fails, not every one after it: each test run checks one
 * failure path, and what follows it (cleanup, messages) runs normally.
 * utf8proc_map allocates inside libutf8proc, but its failure is reported to
 * our code (UTF8PROC_ERROR_NOMEM), so it is counted as one of ours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
utf8proc_ssize_t __real_utf8proc_map(const utf8proc_uint8_t *s, utf8proc_ssize_t len,
                                     utf8proc_uint8_t **out, utf8proc_option_t options);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
utf8proc_ssize_t __wrap_utf8proc_map(const utf8proc_uint8_t *s, utf8proc_ssize_t len,
                                     utf8proc_uint8_t **out, utf8proc_option_t options);

static unsigned long fail_at, count;
static int started;

static void report_count(void) {
  const char *path = getenv("VITAE_ALLOC_COUNT");
  FILE *f = path && *path ? fopen(path, "w") : NULL;
  if (f) {
    fprintf(f, "%lu\n", count);
    fclose(f);
  }
}

/* Where the chosen allocation fails: `break failalloc_failing` in gdb shows
 * who made it. */
__attribute__((noinline)) int failalloc_failing(void);
__attribute__((noinline)) int failalloc_failing(void) {
  __asm__ volatile("");
  return 1;
}

/* Counts one allocation; 1 when it is the one to fail. */
static int fail_this_one(void) {
  if (!started) {
    started = 1;
    const char *s = getenv("VITAE_FAIL_ALLOC");
    fail_at = s ? strtoul(s, NULL, 10) : 0;
    atexit(report_count);
  }
  return ++count == fail_at ? failalloc_failing() : 0;
}

void *__wrap_malloc(size_t n) { return fail_this_one() ? NULL : __real_malloc(n); }

void *__wrap_calloc(size_t k, size_t n) { return fail_this_one() ? NULL : __real_calloc(k, n); }

/* A failed realloc leaves the block as it was, as the real one does. */
void *__wrap_realloc(void *p, size_t n) { return fail_this_one() ? NULL : __real_realloc(p, n); }

char *__wrap_strdup(const char *s) { return fail_this_one() ? NULL : __real_strdup(s); }

char *__wrap_strndup(const char *s, size_t n) {
  return fail_this_one() ? NULL : __real_strndup(s, n);
}

utf8proc_ssize_t __wrap_utf8proc_map(const utf8proc_uint8_t *s, utf8proc_ssize_t len,
                                     utf8proc_uint8_t **out, utf8proc_option_t options) {
  if (fail_this_one()) {
    *out = NULL;
    return UTF8PROC_ERROR_NOMEM;
  }
  return __real_utf8proc_map(s, len, out, options);
}
