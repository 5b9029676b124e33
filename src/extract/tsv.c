/* Gazetteer TSV reader: the whole file is read once (gazetteers are small)
 * and rows are cut in place, so a row costs no allocation. */
#include "extract/tsv.h"

#include <stdlib.h>
#include <string.h>

#include "extract/text.h"

struct vitae_tsv {
  char *data; /* the file, NUL-terminated; rows are cut in place */
  size_t len;
  size_t pos; /* start of the next unread line */
  long line;  /* line number of the current row */
  size_t nfields;
  char *name;
  char **fields;
  size_t *lens;
  size_t count, cap;
  vitae_status sticky; /* a row error, repeated by later calls */
};

static vitae_status utf8_error(const vitae_tsv *t, size_t bad, const char *why,
                               vitae_error *err) {
  long line = 1, column = 1;
  for (size_t i = 0; i < bad; i++) {
    if (t->data[i] == '\n') { line++; column = 1; }
    else if (((unsigned char)t->data[i] & 0xC0) != 0x80) column++;
  }
  return vitae_error_set(err, VITAE_ERR_SYNTAX, t->name, line, column,
                         "invalid UTF-8 (%s, byte 0x%02X)", why,
                         (unsigned)(unsigned char)t->data[bad]);
}

static vitae_status check(vitae_tsv *t, vitae_error *err) {
  const char *nul = memchr(t->data, '\0', t->len);
  if (nul) {
    long line = 1;
    for (const char *p = t->data; p < nul; p++) line += *p == '\n';
    return vitae_error_set(err, VITAE_ERR_SYNTAX, t->name, line, 0, "NUL byte in a text table");
  }
  size_t bad;
  const char *why;
  if (!vitae_text_utf8_valid(t->data, t->len, &bad, &why)) return utf8_error(t, bad, why, err);
  if (t->len >= 3 && memcmp(t->data, "\xEF\xBB\xBF", 3) == 0) t->pos = 3;
  return VITAE_OK;
}

/* Takes ownership of data (malloc'd, NUL-terminated). */
static vitae_status open_owned(const char *name, char *data, size_t len, size_t nfields,
                               vitae_tsv **out, vitae_error *err) {
  vitae_tsv *t = calloc(1, sizeof *t);
  if (t) t->name = strdup(name ? name : "<table>");
  if (!t || !t->name) {
    free(data);
    vitae_tsv_close(t);
    return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  }
  t->data = data;
  t->len = len;
  t->nfields = nfields;
  vitae_status st = check(t, err);
  if (st != VITAE_OK) {
    vitae_tsv_close(t);
    return st;
  }
  *out = t;
  return VITAE_OK;
}

vitae_status vitae_tsv_open(const char *path, size_t nfields, vitae_tsv **out, vitae_error *err) {
  if (!out) return vitae_error_set(err, VITAE_ERR_USAGE, path, 0, 0, "no output reader");
  *out = NULL;
  char *data;
  size_t len;
  vitae_status st = vitae_text__slurp(path, &data, &len, err);
  if (st != VITAE_OK) return st;
  return open_owned(strcmp(path, "-") == 0 ? "<stdin>" : path, data, len, nfields, out, err);
}

vitae_status vitae_tsv_open_bytes(const char *name, const char *bytes, size_t len,
                                  size_t nfields, vitae_tsv **out, vitae_error *err) {
  if (!out) return vitae_error_set(err, VITAE_ERR_USAGE, name, 0, 0, "no output reader");
  *out = NULL;
  if (!bytes && len) return vitae_error_set(err, VITAE_ERR_USAGE, name, 0, 0, "no input bytes");
  char *data = malloc(len + 1);
  if (!data) return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  if (len) memcpy(data, bytes, len);
  data[len] = '\0';
  return open_owned(name, data, len, nfields, out, err);
}

static int skippable(const char *s, size_t n) {
  if (n && s[0] == '#') return 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
  return 1;
}

static vitae_status push_field(vitae_tsv *t, char *s, size_t n) {
  if (t->count == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 8;
    char **f = realloc(t->fields, cap * sizeof *f);
    if (!f) return VITAE_ERR_NOMEM;
    t->fields = f;
    size_t *l = realloc(t->lens, cap * sizeof *l);
    if (!l) return VITAE_ERR_NOMEM;
    t->lens = l;
    t->cap = cap;
  }
  s[n] = '\0';
  t->fields[t->count] = s;
  t->lens[t->count++] = n;
  return VITAE_OK;
}

/* Cuts line s[0, n) (no LF; CR already dropped) into fields in place. */
static vitae_status cut(vitae_tsv *t, char *s, size_t n) {
  t->count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && s[i] != '\t') continue;
    if (push_field(t, s + start, i - start) != VITAE_OK) return VITAE_ERR_NOMEM;
    start = i + 1;
  }
  return VITAE_OK;
}

vitae_status vitae_tsv_next_row(vitae_tsv *t, int *has_row, vitae_error *err) {
  if (!has_row || !t) return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0, "no TSV reader");
  *has_row = 0;
  if (t->sticky != VITAE_OK) return t->sticky;
  while (t->pos < t->len) {
    char *s = t->data + t->pos;
    char *nl = memchr(s, '\n', t->len - t->pos);
    size_t n = nl ? (size_t)(nl - s) : t->len - t->pos;
    t->pos += n + (nl ? 1 : 0);
    t->line++;
    if (n && s[n - 1] == '\r') n--;
    if (skippable(s, n)) continue;
    if (cut(t, s, n) != VITAE_OK)
      return t->sticky = vitae_error_set(err, VITAE_ERR_NOMEM, t->name, t->line, 0, "out of memory");
    if (t->nfields && t->count != t->nfields)
      return t->sticky = vitae_error_set(err, VITAE_ERR_SYNTAX, t->name, t->line, 0,
                                         "%zu field%s, expected %zu", t->count,
                                         t->count == 1 ? "" : "s", t->nfields);
    *has_row = 1;
    return VITAE_OK;
  }
  t->count = 0;
  return VITAE_OK;
}

size_t vitae_tsv_field_count(const vitae_tsv *t) { return t ? t->count : 0; }

const char *vitae_tsv_field(const vitae_tsv *t, size_t i, size_t *len) {
  if (!t || i >= t->count) {
    if (len) *len = 0;
    return NULL;
  }
  if (len) *len = t->lens[i];
  return t->fields[i];
}

long vitae_tsv_line(const vitae_tsv *t) { return t ? t->line : 0; }
const char *vitae_tsv_name(const vitae_tsv *t) { return t ? t->name : ""; }

void vitae_tsv_close(vitae_tsv *t) {
  if (!t) return;
  free(t->data);
  free(t->name);
  free(t->fields);
  free(t->lens);
  free(t);
}

size_t vitae_tsv_split(const char *field, size_t len, vitae_tsv_value *out, size_t max) {
  size_t count = 0, start = 0;
  if (!field) return 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && field[i] != '|') continue;
    size_t b = start, e = i;
    while (b < e && field[b] == ' ') b++;
    while (e > b && field[e - 1] == ' ') e--;
    if (e > b) {
      if (count < max && out) {
        out[count].s = field + b;
        out[count].len = e - b;
      }
      count++;
    }
    start = i + 1;
  }
  return count;
}
