/* A growable byte buffer, always NUL-terminated.  The buffer owns its data;
 * vitae_buf_take() hands it to the caller (free() it). */
#ifndef VITAE_CORE_BUF_H
#define VITAE_CORE_BUF_H

#include <stddef.h>
#include "core/status.h"

typedef struct vitae_buf {
  char *data; /* NULL until the first append */
  size_t len;
  size_t cap;
  int failed; /* set when an append ran out of memory: check once at the end */
} vitae_buf;

#define VITAE_BUF_INIT {NULL, 0, 0, 0}

vitae_status vitae_buf_reserve(vitae_buf *b, size_t extra);
vitae_status vitae_buf_append(vitae_buf *b, const char *data, size_t len);
vitae_status vitae_buf_puts(vitae_buf *b, const char *s);
vitae_status vitae_buf_putc(vitae_buf *b, char c);
/* Appends n bytes of s escaped for XML/HTML text and attribute values
 * (& < > "), and ' too when apos is set (HTML attributes in either quote).
 * Like the other appends, a failure leaves the buffer's failed flag set. */
void vitae_buf_put_markup(vitae_buf *b, const char *s, size_t n, int apos);
vitae_status vitae_buf_printf(vitae_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); valid until the next change. */
const char *vitae_buf_str(const vitae_buf *b);
void vitae_buf_reset(vitae_buf *b); /* length 0, keeps capacity */
void vitae_buf_free(vitae_buf *b);  /* releases the memory; b is reusable */
/* The data (caller frees), leaving b empty; never NULL unless out of memory. */
char *vitae_buf_take(vitae_buf *b);

#endif
