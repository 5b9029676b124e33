/* The libFuzzer entry points every harness in tests/fuzz defines, and what
 * the regression runner (replay.c) adds around them. */
#ifndef VITAE_TESTS_FUZZ_REPLAY_H
#define VITAE_TESTS_FUZZ_REPLAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (cut at a NUL byte, as the commands read text),
 * or NULL when it is longer than max or memory runs out; free() it. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size, size_t max) {
  char *text = size <= max ? malloc(size + 1) : NULL;
  if (text) {
    memcpy(text, data, size);
    text[size] = '\0';
  }
  return text;
}

/* A file of the source tree ($top_srcdir, else the configured one) into
 * buf: fixtures a harness loads at start. */
static inline void fuzz_source_file(char *buf, size_t n, const char *relative) {
  const char *top = getenv("top_srcdir");
  snprintf(buf, n, "%s/%s", top && *top ? top : VITAE_SRCDIR, relative);
}

/* Runner only: what the last input did, printed after its name (a harness
 * writes it when it is not built for libFuzzer). */
extern char fuzz_replay_note[128];
/* Runner only: called once after the last input, to free what
 * LLVMFuzzerInitialize made (so that leak checkers see no leftovers). */
void fuzz_replay_done(void);

#endif
