/* HTTP content negotiation: choosing a media type for an Accept header
 * (RFC 9110, 12.5.1).  Pure string work, no HTTP library, so that it can be
 * tested on its own. */
#ifndef VITAE_SERVE_NEGOTIATE_H
#define VITAE_SERVE_NEGOTIATE_H

#include <stddef.h>

/* The quality (0..1000, as q times 1000) that an Accept header gives to the
 * media type `type` ("text/turtle"), and how specific the range that gave
 * it is (3 exact, 2 type/ wildcard, 1 the full wildcard, 0 no range
 * matched: quality 0).  A missing or empty header accepts everything
 * (quality 1000, specificity 1).  Parameters other than q are ignored;
 * a range with a malformed q is ignored; names compare case-insensitively.
 * Never reads past the header's terminating NUL, whatever it holds. */
int vitae_accept_quality(const char *accept, const char *type, int *specificity);

/* The best of n offered media types (the server's order of preference)
 * for an Accept header: the highest quality, then the most specific
 * range, then the earliest offered.  Returns its index, or -1 when none is
 * acceptable (HTTP 406). */
int vitae_negotiate(const char *accept, const char *const *offered, size_t n);

#endif
