#include "core/strjoin.h"

#include <stdarg.h>
#include <string.h>

size_t vitae_str_join(char *out, size_t n, ...) {
  va_list ap;
  va_start(ap, n);
  size_t w = 0;
  const char *s;
  while ((s = va_arg(ap, const char *))) {
    size_t len = strlen(s);
    if (w + 1 < n) memcpy(out + w, s, len < n - 1 - w ? len : n - 1 - w);
    w += len;
  }
  va_end(ap);
  if (n) out[w < n ? w : n - 1] = '\0';
  return w;
}

const char *vitae_str_uint(char buf[24], unsigned long long v) {
  char *p = buf + 23;
  *p = '\0';
  do *--p = (char)('0' + v % 10);
  while ((v /= 10));
  return p;
}
