#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

void vitae_utf8_init(vitae_utf8 *u) {
  memset(u, 0, sizeof *u);
  u->lo = 0x80;
  u->hi = 0xBF;
  u->line = 1;
}

static int bad(vitae_utf8 *u, const char *what, unsigned b) {
  snprintf(u->why, sizeof u->why, "%s 0x%02X", what, b);
  return -1;
}

/* The ranges are those of the Unicode Standard, table 3-7: no overlong
 * forms, no surrogates, nothing past U+10FFFF. */
int vitae_utf8_step(vitae_utf8 *u, unsigned char b) {
  if (u->need) {
    if (b < u->lo || b > u->hi)
      return bad(u, "invalid UTF-8: a sequence cut short after its first byte", u->lead);
    u->need--;
    u->lo = 0x80;
    u->hi = 0xBF;
    return 0;
  }
  if (b == '\n') {
    u->line++;
    u->col = 0;
    return 0;
  }
  u->col++;
  if (b == 0) {
    snprintf(u->why, sizeof u->why, "a NUL byte");
    return -1;
  }
  if (b < 0x80) return 0;
  u->lead = b;
  if (b >= 0xC2 && b <= 0xDF) {
    u->need = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    u->need = 2;
    if (b == 0xE0) u->lo = 0xA0; /* overlong */
    if (b == 0xED) u->hi = 0x9F; /* surrogates */
  } else if (b >= 0xF0 && b <= 0xF4) {
    u->need = 3;
    if (b == 0xF0) u->lo = 0x90; /* overlong */
    if (b == 0xF4) u->hi = 0x8F; /* past U+10FFFF */
  } else {
    return bad(u, "invalid UTF-8: byte", b);
  }
  return 0;
}

int vitae_utf8_end(vitae_utf8 *u) {
  if (!u->need) return 0;
  snprintf(u->why, sizeof u->why, "the text ends inside a UTF-8 sequence");
  return -1;
}
