#include "query/lex.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct lexer {
  const char *s;
  size_t i;
  long line, col;
} lexer;

static void advance(lexer *L, size_t n) {
  for (size_t k = 0; k < n && L->s[L->i]; k++) {
    unsigned char c = (unsigned char)L->s[L->i++];
    if (c == '\n') {
      L->line++;
      L->col = 1;
    } else if ((c & 0xC0) != 0x80) {
      L->col++;
    }
  }
}

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/* PN_CHARS_U and beyond: letters, '_', and any non-ASCII byte */
static int is_name_start(int c) { return is_alpha(c) || c == '_' || c >= 0x80; }
static int is_name_char(int c) { return is_name_start(c) || is_digit(c) || c == '-'; }

/* IRIREF: '<' ([^<>"{}|^`\]-[#x00-#x20])* '>' */
static size_t iri_len(const char *s) {
  size_t k = 1;
  for (;; k++) {
    unsigned char c = (unsigned char)s[k];
    if (c == '>') return k + 1;
    if (c <= 0x20 || strchr("<\"{}|^`\\", c)) return 0;
  }
}

static size_t string_len(const char *s) {
  char q = s[0];
  int triple = s[1] == q && s[2] == q;
  size_t k = triple ? 3 : 1;
  for (;;) {
    char c = s[k];
    if (!c) return 0;
    if (c == '\\') {
      if (!s[k + 1]) return 0;
      k += 2;
      continue;
    }
    if (!triple && (c == '\n' || c == '\r')) return 0;
    if (c == q) {
      if (!triple) return k + 1;
      if (s[k + 1] == q && s[k + 2] == q) {
        /* """a"""" : the closing quotes are the last three */
        size_t e = k + 3;
        while (s[e] == q) e++;
        return e;
      }
    }
    k++;
  }
}

static size_t number_len(const char *s) {
  size_t k = 0;
  if (s[k] == '+' || s[k] == '-') k++;
  size_t d0 = k;
  while (is_digit(s[k])) k++;
  int digits = k > d0;
  if (s[k] == '.' && is_digit(s[k + 1])) {
    k++;
    while (is_digit(s[k])) k++;
    digits = 1;
  } else if (digits && s[k] == '.' && (s[k + 1] == 'e' || s[k + 1] == 'E')) {
    size_t e = k + 2;
    if (s[e] == '+' || s[e] == '-') e++;
    if (is_digit(s[e])) k++;
  }
  if (!digits) return 0;
  if (s[k] == 'e' || s[k] == 'E') {
    size_t e = k + 1;
    if (s[e] == '+' || s[e] == '-') e++;
    if (is_digit(s[e])) {
      while (is_digit(s[e])) e++;
      k = e;
    }
  }
  return k;
}

/* The local part of a prefixed name (after the ':'), or a blank node label. */
static size_t local_len(const char *s) {
  size_t k = 0, last_ok = 0;
  for (;;) {
    unsigned char c = (unsigned char)s[k];
    if (is_name_char(c) || c == ':' || is_digit(c)) {
      k++;
      last_ok = k;
    } else if (c == '.') {
      k++;
    } else if (c == '%' && is_hex(s[k + 1]) && is_hex(s[k + 2])) {
      k += 3;
      last_ok = k;
    } else if (c == '\\' && s[k + 1] && strchr("_~.-!$&'()*+,;=/?#@%", s[k + 1])) {
      k += 2;
      last_ok = k;
    } else {
      break;
    }
  }
  return last_ok; /* never ends with '.' */
}

static const char *const PUNCT2[] = {"^^", "&&", "||", "!=", "<=", ">=", NULL};

static size_t next_token(lexer *L, vq_ttype *type) {
  const char *s = L->s + L->i;
  unsigned char c = (unsigned char)s[0];
  size_t n;
  if (c == '<' && (n = iri_len(s))) {
    *type = VQ_IRI;
    return n;
  }
  if (c == '"' || c == '\'') {
    n = string_len(s);
    *type = n ? VQ_STRING : VQ_BAD;
    return n ? n : strlen(s);
  }
  if (c == '?' || c == '$') {
    n = 1;
    while (is_name_start((unsigned char)s[n]) || is_digit((unsigned char)s[n])) n++;
    if (n > 1) {
      *type = VQ_VAR;
      return n;
    }
    *type = c == '?' ? VQ_PUNCT : VQ_BAD;
    return 1;
  }
  if (c == '_' && s[1] == ':') {
    n = local_len(s + 2);
    *type = n ? VQ_BNODE : VQ_BAD;
    return 2 + n;
  }
  if (c == '@' && is_alpha((unsigned char)s[1])) {
    n = 1;
    while (is_alpha((unsigned char)s[n])) n++;
    while (s[n] == '-' && (is_alpha((unsigned char)s[n + 1]) || is_digit((unsigned char)s[n + 1]))) {
      n++;
      while (is_alpha((unsigned char)s[n]) || is_digit((unsigned char)s[n])) n++;
    }
    *type = VQ_LANGTAG;
    return n;
  }
  if (is_digit(c) || ((c == '.' || c == '+' || c == '-') && (n = number_len(s)))) {
    n = number_len(s);
    if (n) {
      *type = VQ_NUMBER;
      return n;
    }
  }
  if (is_name_start(c) || c == ':') {
    /* a prefix (letters, digits, '_', '-', '.') followed by ':' makes a name */
    size_t p = 0;
    while (is_name_char((unsigned char)s[p]) || s[p] == '.') p++;
    while (p > 0 && s[p - 1] == '.') p--;
    if (s[p] == ':') {
      *type = VQ_PNAME;
      return p + 1 + local_len(s + p + 1);
    }
    n = 0;
    while (is_alpha((unsigned char)s[n]) || is_digit((unsigned char)s[n]) || s[n] == '_') n++;
    if (n) {
      *type = VQ_WORD;
      return n;
    }
    *type = VQ_BAD;
    return 1;
  }
  for (const char *const *p = PUNCT2; *p; p++)
    if (s[0] == (*p)[0] && s[1] == (*p)[1]) {
      *type = VQ_PUNCT;
      return 2;
    }
  if (strchr("{}()[].,;*+-/|^!=<>", c)) {
    *type = VQ_PUNCT;
    return 1;
  }
  *type = VQ_BAD;
  return 1;
}

int vq_lex(const char *text, vq_tokens *out) {
  lexer L = {text, 0, 1, 1};
  size_t cap = 64;
  out->text = text;
  out->n = 0;
  out->v = malloc(cap * sizeof *out->v);
  if (!out->v) return -1;
  for (;;) {
    /* whitespace and comments */
    for (;;) {
      char c = L.s[L.i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advance(&L, 1);
      } else if (c == '#') {
        while (L.s[L.i] && L.s[L.i] != '\n') advance(&L, 1);
      } else {
        break;
      }
    }
    if (out->n + 2 > cap) {
      cap *= 2;
      vq_token *more = realloc(out->v, cap * sizeof *more);
      if (!more) {
        vq_tokens_free(out);
        return -1;
      }
      out->v = more;
    }
    vq_token *t = &out->v[out->n];
    t->off = L.i;
    t->line = L.line;
    t->col = L.col;
    if (!L.s[L.i]) {
      t->type = VQ_EOF;
      t->len = 0;
      out->n++;
      return 0;
    }
    t->len = next_token(&L, &t->type);
    advance(&L, t->len);
    out->n++;
    if (t->type == VQ_BAD) {
      vq_token *e = &out->v[out->n++];
      e->type = VQ_EOF;
      e->off = L.i;
      e->len = 0;
      e->line = L.line;
      e->col = L.col;
      return 0;
    }
  }
}

void vq_tokens_free(vq_tokens *t) {
  free(t->v);
  t->v = NULL;
  t->n = 0;
}

int vq_is_word(const vq_tokens *t, size_t i, const char *w) {
  if (i >= t->n || t->v[i].type != VQ_WORD) return 0;
  size_t k = strlen(w);
  return t->v[i].len == k && !strncasecmp(t->text + t->v[i].off, w, k);
}

int vq_is_punct(const vq_tokens *t, size_t i, const char *p) {
  if (i >= t->n || t->v[i].type != VQ_PUNCT) return 0;
  size_t k = strlen(p);
  return t->v[i].len == k && !strncmp(t->text + t->v[i].off, p, k);
}
