/* Fuzz harness for the name matcher (src/extract/entity.h): the input is a
 * script, one command per line, run against one entity registry:
 *   '0' (any byte whose value + 2 is 0 mod 5)  vitae_entities_get(type, rest)
 *   '1'  add the rest as another name of the last entity
 *   '2'  add the rest as an alias of the last entity
 *   '3'  vitae_entities_find(type, rest)
 *   '4'  merge the last entity into the one before
 * (the type is the second byte % 7 + 1).  Every line is also folded and
 * slugged.  What is checked:
 *  - vitae_name_fold() is NUL-terminated within its buffer, has no leading,
 *    trailing or double space, no upper-case ASCII, and is valid UTF-8 when
 *    the name is; folding a folded name changes nothing;
 *  - vitae_name_slug() has no space and is never empty;
 *  - get() of the same key gives the same id; a name just added finds its
 *    entity (or is ambiguous, -2) unless it folds to nothing;
 *  - resolve() ends on an entity that is its own.
 * Built with -DVITAE_LIBFUZZER it is a libFuzzer target (run.sh name 60);
 * without it, linked with replay.c, it is tests/fuzz/replay_name. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/entity.h"
#include "extract/text.h"
#include "tests/fuzz/replay.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static void die(const char *what, const char *name) {
  fprintf(stderr, "fuzz_name: %s (name \"%.200s\")\n", what, name);
  abort();
}

static void check_fold(const char *name) {
  char out[64], again[64], slug[64];
  memset(out, 'x', sizeof out);
  vitae_name_fold(name, out, sizeof out);
  if (!memchr(out, '\0', sizeof out)) die("the folded name is not terminated", name);
  size_t n = strlen(out);
  if (n && (out[0] == ' ' || out[n - 1] == ' ')) die("the folded name has an outer space", name);
  if (strstr(out, "  ")) die("the folded name has a double space", name);
  for (size_t i = 0; i < n; i++)
    if (out[i] >= 'A' && out[i] <= 'Z') die("the folded name has an upper-case letter", name);
  if (vitae_text_utf8_valid(name, strlen(name), NULL, NULL)) {
    if (!vitae_text_utf8_valid(out, n, NULL, NULL)) die("the folded name is not UTF-8", name);
    /* a name folded into a short buffer may end in the middle of a word, so
     * that folding it again is compared on a buffer with room to spare */
    char big[1024];
    vitae_name_fold(name, big, sizeof big);
    vitae_name_fold(big, again, sizeof again);
    if (strlen(big) < sizeof again - 8 && strcmp(big, again) != 0)
      die("folding a folded name changes it", name);
  }
  vitae_name_slug(name, slug, sizeof slug);
  if (strchr(slug, ' ')) die("the slug has a space", name);
  if (!*slug) die("the slug is empty", name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_cstring(data, size, 1 << 16);
  if (!text) return 0;
  vitae_entities es = VITAE_ENTITIES_INIT;
  int32_t last = -1, before = -1;
  size_t lines = 0;
  char *save = NULL;
  for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    lines++;
    size_t len = strlen(line);
    if (len < 2) continue;
    int op = ((unsigned char)line[0] + 2) % 5;
    vitae_entity_type type = (vitae_entity_type)((unsigned char)line[1] % 7 + 1);
    const char *name = line + 2;
    check_fold(name);
    char folded[1024];
    vitae_name_fold(name, folded, sizeof folded);
    switch (op) {
    case 0: {
      int32_t id = vitae_entities_get(&es, type, name, "Thing");
      if (id < 0) goto out;
      if (vitae_entities_get(&es, type, name, "Thing") != id) die("get gives another id", name);
      before = last;
      last = id;
      break;
    }
    case 1:
    case 2:
      if (last < 0) break;
      if ((op == 1 ? vitae_entities_add_name(&es, last, name, NULL, line[1] & 1)
                   : vitae_entities_add_alias(&es, last, name)) != 0)
        goto out;
      if (strlen(folded) > 0) {
        int32_t found = vitae_entities_find(&es, (vitae_entity_type)es.items[last].type, name);
        if (found != -2 && vitae_entities_resolve(&es, found) != vitae_entities_resolve(&es, last))
          die("a name just added finds another entity", name);
      }
      break;
    case 3: {
      int32_t found = vitae_entities_find(&es, type, name);
      if (found < -2 || found >= (int32_t)es.n) die("find gives no entity", name);
      break;
    }
    case 4:
      if (last >= 0 && before >= 0 && vitae_entities_merge(&es, last, before) != 0) goto out;
      break;
    }
    if (last >= 0) {
      int32_t r = vitae_entities_resolve(&es, last);
      if (r < 0 || (size_t)r >= es.n) die("resolve leaves the registry", name);
    }
  }
out:
#ifndef VITAE_LIBFUZZER
  snprintf(fuzz_replay_note, sizeof fuzz_replay_note, "%zu lines, %zu entities", lines, es.n);
#else
  (void)lines;
#endif
  vitae_entities_free(&es);
  free(text);
  return 0;
}

#ifndef VITAE_LIBFUZZER
void fuzz_replay_done(void) {}
#endif
