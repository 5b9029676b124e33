/* Joining strings into a fixed buffer without printf's format machinery:
 * the extractor builds IRIs and keys by the hundred thousand, and
 * snprintf() was a tenth of its time. */
#ifndef VITAE_CORE_STRJOIN_H
#define VITAE_CORE_STRJOIN_H

#include <stddef.h>

/* What snprintf(out, n, "%s%s...", ...) writes for the strings given,
 * which end with a NULL: truncated to n - 1 bytes, always NUL-terminated
 * (when n > 0).  Returns the length the whole would have. */
size_t vitae_str_join(char *out, size_t n, ...) __attribute__((sentinel));

/* The decimal form of v ("%llu"), written at the end of buf; returns where
 * it starts. */
const char *vitae_str_uint(char buf[24], unsigned long long v);

#endif
