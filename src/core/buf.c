#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

vitae_status vitae_buf_reserve(vitae_buf *b, size_t extra) {
  if (extra > (size_t)-1 / 2 - b->len) {
    b->failed = 1;
    return VITAE_ERR_NOMEM;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return VITAE_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    b->failed = 1;
    return VITAE_ERR_NOMEM;
  }
  b->data = p;
  b->cap = cap;
  return VITAE_OK;
}

vitae_status vitae_buf_append(vitae_buf *b, const char *data, size_t len) {
  if (vitae_buf_reserve(b, len) != VITAE_OK) return VITAE_ERR_NOMEM;
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return VITAE_OK;
}

vitae_status vitae_buf_puts(vitae_buf *b, const char *s) {
  return vitae_buf_append(b, s, strlen(s));
}

vitae_status vitae_buf_putc(vitae_buf *b, char c) {
  return vitae_buf_append(b, &c, 1);
}

vitae_status vitae_buf_printf(vitae_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = 1;
    return VITAE_ERR_USAGE;
  }
  if (vitae_buf_reserve(b, (size_t)n) != VITAE_OK) return VITAE_ERR_NOMEM;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return VITAE_OK;
}

const char *vitae_buf_str(const vitae_buf *b) { return b->data ? b->data : ""; }

void vitae_buf_reset(vitae_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void vitae_buf_free(vitae_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->failed = 0;
}

char *vitae_buf_take(vitae_buf *b) {
  char *p = b->data;
  if (!p) p = calloc(1, 1);
  b->data = NULL;
  b->len = b->cap = 0;
  b->failed = 0;
  return p;
}

void vitae_buf_put_markup(vitae_buf *b, const char *s, size_t n, int apos) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '&': vitae_buf_puts(b, "&amp;"); break;
    case '<': vitae_buf_puts(b, "&lt;"); break;
    case '>': vitae_buf_puts(b, "&gt;"); break;
    case '"': vitae_buf_puts(b, "&quot;"); break;
    case '\'': if (apos) vitae_buf_puts(b, "&#39;"); else vitae_buf_putc(b, s[i]); break;
    default: vitae_buf_putc(b, s[i]);
    }
  }
}
