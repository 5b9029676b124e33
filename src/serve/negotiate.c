/* Content negotiation on Accept: parsed in place, with no allocation, since
 * the header comes from an untrusted client. */
#include "serve/negotiate.h"

#include <string.h>
#include <strings.h>

static int is_space(char c) { return c == ' ' || c == '\t'; }

static const char *skip_space(const char *p, const char *end) {
  while (p < end && is_space(*p)) p++;
  return p;
}

/* Trim [*b, *e) of spaces on both sides. */
static void trim(const char **b, const char **e) {
  while (*b < *e && is_space(**b)) (*b)++;
  while (*e > *b && is_space((*e)[-1])) (*e)--;
}

/* "1", "1.0", "0.5", "0.125" -> 0..1000; -1 when malformed (RFC 9110 qvalue). */
static int parse_qvalue(const char *p, const char *end) {
  if (p >= end || (*p != '0' && *p != '1')) return -1;
  int whole = *p++ - '0', frac = 0, digits = 0;
  if (p < end) {
    if (*p++ != '.') return -1;
    for (; p < end && digits < 3; p++, digits++) {
      if (*p < '0' || *p > '9') return -1;
      frac = frac * 10 + (*p - '0');
    }
    if (p != end) return -1;
  }
  for (; digits < 3; digits++) frac *= 10;
  if (whole == 1 && frac != 0) return -1;
  return whole * 1000 + frac;
}

/* One media range [b, e) ("type/sub;p=v;q=0.5"): how it matches type
 * (0 none, 1..3 as in the header) and its quality (-1 when malformed). */
static int match_range(const char *b, const char *e, const char *type, int *quality) {
  const char *semi = memchr(b, ';', (size_t)(e - b));
  const char *name_end = semi ? semi : e;
  const char *nb = b, *ne = name_end;
  trim(&nb, &ne);
  *quality = 1000;
  /* parameters: only q counts */
  for (const char *p = semi; p && p < e;) {
    const char *pb = p + 1;
    const char *next = memchr(pb, ';', (size_t)(e - pb));
    const char *pe = next ? next : e;
    const char *eq = memchr(pb, '=', (size_t)(pe - pb));
    if (eq) {
      const char *kb = pb, *ke = eq, *vb = eq + 1, *ve = pe;
      trim(&kb, &ke);
      trim(&vb, &ve);
      if (ke - kb == 1 && (*kb == 'q' || *kb == 'Q')) *quality = parse_qvalue(vb, ve);
    }
    p = next;
  }
  if (*quality < 0) return 0;
  const char *slash = memchr(nb, '/', (size_t)(ne - nb));
  if (!slash || slash == nb || slash + 1 == ne) return 0;
  size_t tlen = strlen(type);
  const char *tslash = strchr(type, '/');
  size_t tmain = tslash ? (size_t)(tslash - type) : tlen;
  size_t rmain = (size_t)(slash - nb), rsub = (size_t)(ne - slash - 1);
  if (rmain == 1 && *nb == '*') return rsub == 1 && slash[1] == '*' ? 1 : 0;
  if (rmain != tmain || strncasecmp(nb, type, rmain) != 0) return 0;
  if (rsub == 1 && slash[1] == '*') return 2;
  if (!tslash || strlen(tslash + 1) != rsub || strncasecmp(slash + 1, tslash + 1, rsub) != 0)
    return 0;
  return 3;
}

int vitae_accept_quality(const char *accept, const char *type, int *specificity) {
  int best_spec = 0, best_q = 0;
  const char *p = accept ? accept : "";
  const char *end = p + strlen(p);
  if (skip_space(p, end) == end) {
    if (specificity) *specificity = 1;
    return 1000;
  }
  while (p < end) {
    const char *comma = memchr(p, ',', (size_t)(end - p));
    const char *e = comma ? comma : end;
    int q;
    int spec = match_range(p, e, type, &q);
    /* the most specific matching range decides (RFC 9110, 12.5.1) */
    if (spec > best_spec) {
      best_spec = spec;
      best_q = q;
    }
    p = comma ? comma + 1 : end;
  }
  if (specificity) *specificity = best_q > 0 ? best_spec : 0;
  return best_spec ? best_q : 0;
}

int vitae_negotiate(const char *accept, const char *const *offered, size_t n) {
  int best = -1, best_q = 0, best_spec = 0;
  for (size_t i = 0; i < n; i++) {
    int spec;
    int q = vitae_accept_quality(accept, offered[i], &spec);
    if (q > best_q || (q == best_q && q > 0 && spec > best_spec)) {
      best = (int)i;
      best_q = q;
      best_spec = spec;
    }
  }
  return best;
}
