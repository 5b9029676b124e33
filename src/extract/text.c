/* Document text: UTF-8 validation, binary refusal, BOM/CR clean-up, NFC,
 * and byte -> code-point offsets.  See text.h for the contract. */
#include "extract/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/buf.h"

/* One checkpoint of code-point counts every CHECK_STEP bytes: lookups count
 * at most CHECK_STEP - 1 bytes, and the table costs size/8 bytes. */
#define CHECK_STEP 64

struct vitae_text {
  char *data;
  size_t size;
  char *name;
  size_t replacements;
  size_t *checkpoints; /* checkpoints[k] = code points in data[0, k*CHECK_STEP) */
  size_t ncheckpoints;
};

/* ---------- UTF-8 validation ---------- */

typedef enum {
  U8_OK,
  U8_CONTINUATION, /* 80..BF where a character should start */
  U8_OVERLONG,     /* C0, C1, E0 80..9F, F0 80..8F */
  U8_SURROGATE,    /* ED A0..BF: U+D800..U+DFFF */
  U8_TOO_BIG,      /* F4 90..BF, F5..F7: above U+10FFFF */
  U8_BAD_BYTE,     /* F8..FF never occur */
  U8_TRUNCATED,    /* a lead byte not followed by enough continuation bytes */
  U8_TRUNCATED_END /* ... because the input ends */
} u8_class;

static const char *u8_reason(u8_class c) {
  switch (c) {
  case U8_OK: return "valid";
  case U8_CONTINUATION: return "unexpected continuation byte";
  case U8_OVERLONG: return "overlong encoding";
  case U8_SURROGATE: return "encoded surrogate (U+D800..U+DFFF)";
  case U8_TOO_BIG: return "code point above U+10FFFF";
  case U8_BAD_BYTE: return "byte that never occurs in UTF-8";
  case U8_TRUNCATED: return "truncated multi-byte sequence";
  case U8_TRUNCATED_END: return "truncated multi-byte sequence at end of input";
  }
  return "invalid";
}

/* The allowed range of the second byte after each lead byte (Unicode
 * Table 3-7); checking it first is what rejects overlongs, surrogates and
 * values above U+10FFFF without decoding. */
static int u8_second_range(unsigned char lead, unsigned char *lo, unsigned char *hi,
                           u8_class *bad) {
  *lo = 0x80;
  *hi = 0xBF;
  *bad = U8_TRUNCATED;
  if (lead == 0xE0) { *lo = 0xA0; *bad = U8_OVERLONG; }
  else if (lead == 0xED) { *hi = 0x9F; *bad = U8_SURROGATE; }
  else if (lead == 0xF0) { *lo = 0x90; *bad = U8_OVERLONG; }
  else if (lead == 0xF4) { *hi = 0x8F; *bad = U8_TOO_BIG; }
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

static u8_class u8_lead_class(unsigned char b) {
  if (b >= 0x80 && b <= 0xBF) return U8_CONTINUATION;
  if (b == 0xC0 || b == 0xC1) return U8_OVERLONG;
  if (b >= 0xF5 && b <= 0xF7) return U8_TOO_BIG;
  return U8_BAD_BYTE;
}

/* Classifies the sequence at s[0, n) (n > 0).  Returns the length of the
 * valid character, or of the maximal ill-formed subpart (>= 1). */
static size_t u8_step(const unsigned char *s, size_t n, u8_class *cls) {
  if (s[0] < 0x80) { *cls = U8_OK; return 1; }
  unsigned char lo, hi;
  u8_class bad;
  int need = u8_second_range(s[0], &lo, &hi, &bad);
  if (!need) { *cls = u8_lead_class(s[0]); return 1; }
  if (n < 2) { *cls = U8_TRUNCATED_END; return 1; }
  if (s[1] < lo || s[1] > hi) {
    *cls = (s[1] >= 0x80 && s[1] <= 0xBF) ? bad : U8_TRUNCATED;
    return 1;
  }
  for (int i = 2; i < need; i++) {
    if ((size_t)i >= n) { *cls = U8_TRUNCATED_END; return (size_t)i; }
    if ((s[i] & 0xC0) != 0x80) { *cls = U8_TRUNCATED; return (size_t)i; }
  }
  *cls = U8_OK;
  return (size_t)need;
}

/* ---------- eight bytes at a time ----------
 * Prose is nearly all ASCII: the per-byte loops below first pass over whole
 * 8-byte words that need nothing of them (the tests are exact: a word is
 * passed over only when none of its bytes would have been acted on). */

#define ONES8 0x0101010101010101ull
#define HIGH8 0x8080808080808080ull

static inline uint64_t load8(const unsigned char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}
static inline int ascii8(uint64_t w) { return !(w & HIGH8); }
/* whether some byte of w (all ASCII) is below c (c <= 0x80), or equals c */
static inline int has_below8(uint64_t w, unsigned char c) { return ((w - ONES8 * c) & ~w & HIGH8) != 0; }
static inline int has_byte8(uint64_t w, unsigned char c) { return has_below8(w ^ (ONES8 * c), 1); }

int vitae_text_utf8_valid(const char *s, size_t len, size_t *bad_offset, const char **why) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    if (i + 8 <= len && ascii8(load8(u + i))) { i += 8; continue; }
    if (u[i] < 0x80) { i++; continue; }
    u8_class cls;
    size_t n = u8_step(u + i, len - i, &cls);
    if (cls != U8_OK) {
      if (bad_offset) *bad_offset = i;
      if (why) *why = u8_reason(cls);
      return 0;
    }
    i += n;
  }
  return 1;
}

size_t vitae_text_decode(const char *s, size_t len, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (!len) { *cp = -1; return 1; }
  u8_class cls;
  size_t n = u8_step(u, len, &cls);
  if (cls != U8_OK) { *cp = -1; return n; }
  int32_t v;
  if (n == 1) v = u[0];
  else if (n == 2) v = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
  else if (n == 3) v = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  else v = ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
  *cp = v;
  return n;
}

/* ---------- binary refusal ---------- */

static int is_control_byte(const unsigned char *u, size_t i, size_t len) {
  unsigned char b = u[i];
  if (b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r') return 0;
  if (b < 0x20 || b == 0x7F) return 1;
  /* C1 controls U+0080..U+009F are C2 80..C2 9F. */
  return b == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F;
}

/* A text file has no NUL and few control characters; one in 20 bytes is far
 * above what pasted prose ever holds and far below what binaries hold. */
static vitae_status refuse_binary(const char *bytes, size_t len, const char *name,
                                  vitae_error *err) {
  const unsigned char *u = (const unsigned char *)bytes;
  const void *nul = len ? memchr(bytes, '\0', len) : NULL;
  if (nul)
    return vitae_error_set(err, VITAE_ERR_INPUT, name, 0, 0,
                           "looks like a binary file (NUL byte at byte offset %zu)",
                           (size_t)((const char *)nul - bytes));
  size_t controls = 0, i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w = load8(u + i);
    if (ascii8(w) && !has_below8(w, 0x20) && !has_byte8(w, 0x7F)) continue; /* printable ASCII */
    for (size_t k = i; k < i + 8; k++) controls += (size_t)is_control_byte(u, k, len);
  }
  for (; i < len; i++) controls += (size_t)is_control_byte(u, i, len);
  if (controls > len / 20)
    return vitae_error_set(err, VITAE_ERR_INPUT, name, 0, 0,
                           "looks like a binary file (%zu control character%s in %zu bytes)",
                           controls, controls == 1 ? "" : "s", len);
  return VITAE_OK;
}

/* ---------- clean-up: validate, replace, CR -> LF ---------- */

/* Line and column (in code points, 1-based) of byte offset off. */
static void locate(const char *s, size_t off, long *line, long *column) {
  long l = 1, c = 1;
  for (size_t i = 0; i < off; i++) {
    unsigned char b = (unsigned char)s[i];
    if (b == '\n' || (b == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
      l++;
      c = 1;
    } else if ((b & 0xC0) != 0x80) {
      c++;
    }
  }
  *line = l;
  *column = c;
}

static vitae_status bad_utf8(const char *bytes, size_t off, u8_class cls, const char *name,
                             vitae_error *err) {
  long line, column;
  locate(bytes, off, &line, &column);
  return vitae_error_set(err, VITAE_ERR_SYNTAX, name, line, column,
                         "invalid UTF-8 at byte offset %zu (line %ld): %s (byte 0x%02X)", off, line,
                         u8_reason(cls), (unsigned)(unsigned char)bytes[off]);
}

/* Reserves exactly n more bytes (vitae_buf would round up to a power of two,
 * which doubles the peak memory on a 100 MB file). */
static vitae_status reserve_exact(vitae_buf *b, size_t n) {
  if (b->data || n == (size_t)-1) return vitae_buf_reserve(b, n);
  b->data = malloc(n + 1);
  if (!b->data) return VITAE_ERR_NOMEM;
  b->cap = n + 1;
  b->len = 0;
  b->data[0] = '\0';
  return VITAE_OK;
}

/* Validates bytes[start, len); strict mode fails on the first bad sequence.
 * *dirty says whether a copy is needed (a CR, or a sequence to replace). */
static vitae_status precheck(const char *bytes, size_t start, size_t len, int lenient,
                             const char *name, int *dirty, vitae_error *err) {
  const unsigned char *u = (const unsigned char *)bytes;
  *dirty = 0;
  for (size_t i = start; i < len;) {
    if (i + 8 <= len) {
      uint64_t w = load8(u + i);
      if (ascii8(w) && !has_byte8(w, '\r')) {
        i += 8;
        continue;
      }
    }
    if (u[i] < 0x80) {
      *dirty |= u[i] == '\r';
      i++;
      continue;
    }
    u8_class cls;
    size_t n = u8_step(u + i, len - i, &cls);
    if (cls != U8_OK && !lenient) return bad_utf8(bytes, i, cls, name, err);
    *dirty |= cls != U8_OK;
    i += n;
  }
  return VITAE_OK;
}

/* Copies bytes[start, len) into out, turning CRLF/CR into LF and bad
 * sequences into U+FFFD (precheck has already refused them when strict). */
static vitae_status clean(const char *bytes, size_t start, size_t len, vitae_buf *out,
                          size_t *replaced) {
  const unsigned char *u = (const unsigned char *)bytes;
  if (reserve_exact(out, len - start) != VITAE_OK) return VITAE_ERR_NOMEM;
  size_t i = start, run = start; /* [run, i) is pending verbatim text */
  while (i < len) {
    if (u[i] < 0x80 && u[i] != '\r') { i++; continue; }
    u8_class cls = U8_OK;
    size_t n = u[i] == '\r' ? 1 : u8_step(u + i, len - i, &cls);
    if (u[i] != '\r' && cls == U8_OK) { i += n; continue; }
    if (vitae_buf_append(out, bytes + run, i - run) != VITAE_OK) return VITAE_ERR_NOMEM;
    if (u[i] == '\r') {
      if (vitae_buf_putc(out, '\n') != VITAE_OK) return VITAE_ERR_NOMEM;
      if (i + 1 < len && u[i + 1] == '\n') n = 2;
    } else {
      if (vitae_buf_append(out, "\xEF\xBF\xBD", 3) != VITAE_OK) return VITAE_ERR_NOMEM;
      (*replaced)++;
    }
    i += n;
    run = i;
  }
  return vitae_buf_append(out, bytes + run, i - run);
}

/* ---------- NFC ---------- */

/* Appends the NFC form of the valid UTF-8 s[0, n). */
static vitae_status nfc_append(const char *s, size_t n, vitae_buf *out) {
  utf8proc_uint8_t *mapped = NULL;
  utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
                                    UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  if (m < 0) {
    free(mapped);
    return m == UTF8PROC_ERROR_NOMEM ? VITAE_ERR_NOMEM : VITAE_ERR_SYNTAX;
  }
  vitae_status st = vitae_buf_append(out, (const char *)mapped, (size_t)m);
  free(mapped);
  return st;
}

/* NFC, run by run.  ASCII characters are starters that never compose with
 * what precedes them, so the text can be cut just before any ASCII byte
 * without changing the result.  Each non-ASCII run is normalised together
 * with the ASCII character before it (which may be a base, as in "e" +
 * U+0301); ASCII runs are copied as they are.  This keeps utf8proc's
 * 4-bytes-per-code-point work buffer proportional to the longest non-ASCII
 * run rather than to the file. */
static vitae_status nfc(const char *s, size_t n, vitae_buf *out) {
  if (reserve_exact(out, n) != VITAE_OK) return VITAE_ERR_NOMEM;
  size_t i = 0, copied = 0;
  while (i < n) {
    if (i + 8 <= n && ascii8(load8((const unsigned char *)s + i))) { i += 8; continue; }
    if ((unsigned char)s[i] < 0x80) { i++; continue; }
    size_t start = i > copied ? i - 1 : i; /* include the ASCII base, if any */
    size_t end = i;
    while (end < n && (unsigned char)s[end] >= 0x80) end++;
    if (vitae_buf_append(out, s + copied, start - copied) != VITAE_OK) return VITAE_ERR_NOMEM;
    vitae_status st = nfc_append(s + start, end - start, out);
    if (st != VITAE_OK) return st;
    copied = i = end;
  }
  return vitae_buf_append(out, s + copied, n - copied);
}

/* ---------- code-point checkpoints ---------- */

static vitae_status build_checkpoints(vitae_text *t) {
  t->ncheckpoints = t->size / CHECK_STEP + 1;
  t->checkpoints = malloc(t->ncheckpoints * sizeof *t->checkpoints);
  if (!t->checkpoints) return VITAE_ERR_NOMEM;
  size_t count = 0;
  const unsigned char *u = (const unsigned char *)t->data;
  for (size_t i = 0; i < t->size;) {
    if (i % CHECK_STEP == 0) t->checkpoints[i / CHECK_STEP] = count;
    if (i % 8 == 0 && i + 8 <= t->size) { /* (CHECK_STEP is a multiple of 8) */
      uint64_t w = load8(u + i);
      count += 8 - (size_t)__builtin_popcountll(w & ~(w << 1) & HIGH8); /* bytes 10xxxxxx continue */
      i += 8;
      continue;
    }
    count += (u[i] & 0xC0) != 0x80;
    i++;
  }
  if (t->size % CHECK_STEP == 0) t->checkpoints[t->size / CHECK_STEP] = count;
  return VITAE_OK;
}

size_t vitae_text_codepoint_offset(const vitae_text *t, size_t off) {
  if (!t) return 0;
  if (off > t->size) off = t->size;
  size_t k = off / CHECK_STEP;
  size_t count = t->checkpoints[k];
  for (size_t i = k * CHECK_STEP; i < off; i++)
    count += ((unsigned char)t->data[i] & 0xC0) != 0x80;
  return count;
}

/* ---------- construction ---------- */

static vitae_status finish(vitae_text *t, const char *bytes, size_t len, int lenient,
                           vitae_error *err) {
  size_t start = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  if (start == len)
    return vitae_error_set(err, VITAE_ERR_INPUT, t->name, 0, 0, "empty input");
  int dirty;
  vitae_status st = precheck(bytes, start, len, lenient, t->name, &dirty, err);
  if (st != VITAE_OK) return st;
  vitae_buf cleaned = VITAE_BUF_INIT, normal = VITAE_BUF_INIT;
  const char *src = bytes + start;
  size_t n = len - start;
  if (dirty) {
    st = clean(bytes, start, len, &cleaned, &t->replacements);
    src = cleaned.data;
    n = cleaned.len;
  }
  if (st == VITAE_OK) st = nfc(src, n, &normal);
  vitae_buf_free(&cleaned);
  if (st != VITAE_OK) {
    vitae_buf_free(&normal);
    return vitae_error_set(err, st, t->name, 0, 0, "%s",
                           st == VITAE_ERR_NOMEM ? "out of memory" : "Unicode normalisation failed");
  }
  t->size = normal.len;
  t->data = vitae_buf_take(&normal);
  if (!t->data || build_checkpoints(t) != VITAE_OK)
    return vitae_error_set(err, VITAE_ERR_NOMEM, t->name, 0, 0, "out of memory");
  return VITAE_OK;
}

vitae_status vitae_text_from_bytes(const char *bytes, size_t len, int lenient, const char *name,
                                   vitae_text **out, vitae_error *err) {
  if (!out) return vitae_error_set(err, VITAE_ERR_USAGE, name, 0, 0, "no output text");
  *out = NULL;
  if (!bytes && len) return vitae_error_set(err, VITAE_ERR_USAGE, name, 0, 0, "no input bytes");
  if (!name) name = "<input>";
  vitae_status st = refuse_binary(bytes, len, name, err);
  if (st != VITAE_OK) return st;
  vitae_text *t = calloc(1, sizeof *t);
  if (t) t->name = strdup(name);
  if (!t || !t->name) {
    vitae_text_free(t);
    return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  }
  st = finish(t, bytes ? bytes : "", len, lenient, err);
  if (st != VITAE_OK) {
    vitae_text_free(t);
    return st;
  }
  *out = t;
  return VITAE_OK;
}

/* ---------- files ---------- */

static vitae_status read_fd(int fd, const char *name, size_t hint, char **out, size_t *len,
                            vitae_error *err) {
  vitae_buf b = VITAE_BUF_INIT;
  if (reserve_exact(&b, hint ? hint : 65536) != VITAE_OK)
    return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  for (;;) {
    if (b.cap - b.len < 2 && vitae_buf_reserve(&b, b.cap) != VITAE_OK) {
      vitae_buf_free(&b);
      return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
    }
    size_t room = b.cap - b.len - 1;
    if (room > VITAE_TEXT_MAX_BYTES + 1 - b.len) room = VITAE_TEXT_MAX_BYTES + 1 - b.len;
    ssize_t n = read(fd, b.data + b.len, room);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      vitae_buf_free(&b);
      return vitae_error_set(err, VITAE_ERR_IO, name, 0, 0, "%s", strerror(e));
    }
    if (n == 0) break;
    b.len += (size_t)n;
    if (b.len > VITAE_TEXT_MAX_BYTES) { /* /dev/zero, a runaway pipe */
      vitae_buf_free(&b);
      return vitae_error_set(err, VITAE_ERR_INPUT, name, 0, 0, "file too large (over %u MiB)",
                             (unsigned)(VITAE_TEXT_MAX_BYTES >> 20));
    }
  }
  b.data[b.len] = '\0';
  *len = b.len;
  *out = b.data;
  return VITAE_OK;
}

vitae_status vitae_text__slurp(const char *path, char **out, size_t *len, vitae_error *err) {
  *out = NULL;
  *len = 0;
  if (!path) return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "no file name");
  int is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return vitae_error_set(err, VITAE_ERR_IO, name, 0, 0, "%s", strerror(errno));
  struct stat sb;
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    if (!is_stdin) close(fd);
    return vitae_error_set(err, VITAE_ERR_IO, name, 0, 0, "%s", strerror(e));
  }
  if (S_ISDIR(sb.st_mode)) {
    if (!is_stdin) close(fd);
    return vitae_error_set(err, VITAE_ERR_IO, name, 0, 0, "is a directory");
  }
  /* Size the buffer from fstat for regular files (one allocation even for a
   * 100 MB file); pipes grow by doubling. */
  if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > VITAE_TEXT_MAX_BYTES) {
    if (!is_stdin) close(fd);
    return vitae_error_set(err, VITAE_ERR_INPUT, name, 0, 0, "file too large (over %u MiB)",
                           (unsigned)(VITAE_TEXT_MAX_BYTES >> 20));
  }
  size_t hint = S_ISREG(sb.st_mode) && sb.st_size > 0 ? (size_t)sb.st_size + 1 : 0;
  vitae_status st = read_fd(fd, name, hint, out, len, err);
  if (!is_stdin) close(fd);
  return st;
}

vitae_status vitae_text_read_file(const char *path, int lenient, vitae_text **out,
                                  vitae_error *err) {
  if (out) *out = NULL;
  char *raw;
  size_t len;
  vitae_status st = vitae_text__slurp(path, &raw, &len, err);
  if (st != VITAE_OK) return st;
  st = vitae_text_from_bytes(raw, len, lenient, strcmp(path, "-") == 0 ? "<stdin>" : path, out,
                             err);
  free(raw);
  return st;
}

/* ---------- accessors ---------- */

const char *vitae_text_data(const vitae_text *t) { return t && t->data ? t->data : ""; }
size_t vitae_text_size(const vitae_text *t) { return t ? t->size : 0; }
const char *vitae_text_name(const vitae_text *t) { return t ? t->name : ""; }
size_t vitae_text_replacements(const vitae_text *t) { return t ? t->replacements : 0; }

void vitae_text_free(vitae_text *t) {
  if (!t) return;
  free(t->data);
  free(t->name);
  free(t->checkpoints);
  free(t);
}
