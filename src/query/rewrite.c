/* See rewrite.h.  The analysis is a recursive descent over the tokens that
 * copies the source text to the output as it goes, replacing the pieces it
 * rewrites.  Whitespace (and so line numbers) is kept: a replaced span is
 * followed by as many newlines as it held, and text moved elsewhere (a BIND
 * hoisted to the end of a group) is written on one line. */
#include "query/rewrite.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "query/lex.h"

#define XSD "http://www.w3.org/2001/XMLSchema#"
/* An expression whose value is an error.  (An unbound variable will not
 * do in a FILTER: rasqal 0.9.33 turns a FILTER in a nested group that
 * mentions a variable the group does not bind into FALSE as a whole.) */
#define ERR "<" XSD "integer>(\"\")"
/* Stands for "unbound" in a group key (query.c maps it back). */
#define UNBOUND_IRI "urn:x-vitae:unbound"

/* ---- the emitter ---- */

typedef struct shared {
  const vq_tokens *t;
  const char *src;
  size_t shift;
  vitae_error *err;
  int failed;   /* a construct was refused: err is set */
  int confused; /* the text is not SPARQL this analysis understands */
  unsigned hid; /* hidden variables made so far */
  vq_plan *plan;
  const char *const *sub_values; /* the outermost sub-SELECTs' answers as VALUES, or NULL */
  size_t nsubs;       /* outermost sub-SELECTs so far */
  int graph_depth;    /* GRAPH patterns entered */
  int empty_top;      /* writing the outer query's answer over no solutions */
  size_t form_tok;    /* the query form keyword: the prologue ends there */
  int top_empty_case; /* the outer SELECT aggregates without GROUP BY */
  int no_text;        /* DESCRIBE of IRIs only: no query for the engine */
  size_t confused_tok;
  const char *const *graphs; /* the store's named graphs */
  int no_decompose;   /* keep aggregates in place (the answer over no solutions) */
  vitae_buf subs;     /* the outermost sub-SELECTs as queries, NUL-separated */
  vitae_buf subpos;   /* ... their positions, "LINE COL", NUL-separated */
} shared;

typedef struct em {
  shared *S;
  vitae_buf *out;
  size_t done; /* source offset copied so far */
  int flat;    /* text for elsewhere: gaps between tokens become one space */
} em;

static const vq_token *T(const em *e, size_t i) {
  return &e->S->t->v[i < e->S->t->n ? i : e->S->t->n - 1];
}
static size_t tok_end(const em *e, size_t i) { return T(e, i)->off + T(e, i)->len; }
static int is_word(const em *e, size_t i, const char *w) { return vq_is_word(e->S->t, i, w); }
static int is_punct(const em *e, size_t i, const char *p) { return vq_is_punct(e->S->t, i, p); }
static int is_type(const em *e, size_t i, vq_ttype ty) { return T(e, i)->type == ty; }

static int stopped(const em *e) { return e->S->failed || e->S->confused; }

static void confused(em *e, size_t i) {
  if (e->S->confused || e->S->failed) return;
  e->S->confused = 1;
  e->S->confused_tok = i;
}

static void refuse(em *e, size_t i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void refuse(em *e, size_t i, const char *fmt, ...) {
  if (e->S->failed) return;
  e->S->failed = 1;
  const vq_token *t = T(e, i);
  long col = t->col;
  if (t->line == 1) col -= (long)e->S->shift;
  char msg[VITAE_ERROR_MESSAGE_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  vitae_error_set(e->S->err, VITAE_ERR_QUERY, "query", t->line, col > 0 ? col : 1, "%s", msg);
}

static void put(em *e, const char *s) { vitae_buf_puts(e->out, s); }
static void putn(em *e, const char *s, size_t n) { vitae_buf_append(e->out, s, n); }

/* Index of the first token that ends after offset off. */
static size_t token_at(const em *e, size_t off) {
  size_t lo = 0, hi = e->S->t->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (tok_end(e, mid) <= off) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static void copy_to(em *e, size_t off) {
  if (off <= e->done) return;
  if (!e->flat) {
    putn(e, e->S->src + e->done, off - e->done);
  } else {
    size_t pos = e->done, k = token_at(e, pos);
    while (pos < off) {
      if (k < e->S->t->n && T(e, k)->off <= pos && T(e, k)->type != VQ_EOF) {
        size_t end = tok_end(e, k) < off ? tok_end(e, k) : off;
        putn(e, e->S->src + pos, end - pos);
        pos = end;
        k++;
      } else {
        size_t next = (k < e->S->t->n && T(e, k)->off < off) ? T(e, k)->off : off;
        if (next > pos) put(e, " ");
        pos = next;
      }
    }
  }
  e->done = off;
}

/* Skip source text, keeping its line breaks. */
static void skip_to(em *e, size_t off) {
  if (off <= e->done) return;
  if (!e->flat)
    for (size_t k = e->done; k < off; k++)
      if (e->S->src[k] == '\n') put(e, "\n");
  e->done = off;
}

static void replace_range(em *e, size_t from, size_t to, const char *with) {
  copy_to(e, from);
  put(e, with);
  skip_to(e, to);
}

/* Insert text at offset pos of the output. */
static void insert_at(vitae_buf *b, size_t pos, const char *s, size_t n) {
  if (!n) return;
  if (vitae_buf_reserve(b, n) != VITAE_OK) return;
  memmove(b->data + pos + n, b->data + pos, b->len - pos + 1);
  memcpy(b->data + pos, s, n);
  b->len += n;
}

/* The token closing the bracket opened at i (any of ( [ {), or the EOF
 * token when unbalanced. */
static size_t match_close(em *e, size_t i) {
  int depth = 0;
  for (size_t k = i; k < e->S->t->n; k++) {
    if (is_punct(e, k, "(") || is_punct(e, k, "[") || is_punct(e, k, "{")) depth++;
    else if (is_punct(e, k, ")") || is_punct(e, k, "]") || is_punct(e, k, "}")) {
      if (--depth == 0) return k;
      if (depth < 0) break;
    }
  }
  confused(e, i);
  return e->S->t->n - 1;
}

static void new_hidden(em *e, char *out, size_t n) {
  snprintf(out, n, "%s%u", e->S->plan->hidden, ++e->S->hid);
}

/* ---- terms ---- */

/* The end (exclusive) of the RDF term starting at i, or i when none. */
static size_t term_end(em *e, size_t i) {
  const vq_token *t = T(e, i);
  switch (t->type) {
  case VQ_VAR: case VQ_IRI: case VQ_PNAME: case VQ_BNODE: case VQ_NUMBER: return i + 1;
  case VQ_STRING:
    if (is_type(e, i + 1, VQ_LANGTAG)) return i + 2;
    if (is_punct(e, i + 1, "^^") && (is_type(e, i + 2, VQ_IRI) || is_type(e, i + 2, VQ_PNAME)))
      return i + 3;
    return i + 1;
  case VQ_WORD:
    if (is_word(e, i, "true") || is_word(e, i, "false")) return i + 1;
    return i;
  case VQ_PUNCT:
    if (is_punct(e, i, "[") && is_punct(e, i + 1, "]")) return i + 2; /* ANON */
    if (is_punct(e, i, "(") && is_punct(e, i + 1, ")")) return i + 2; /* NIL */
    return i;
  default: return i;
  }
}

/* Whether tokens [a, b) are one constant or variable (maybe in brackets):
 * a value the engine holds, not one it computes. */
static int simple_arg(em *e, size_t a, size_t b) {
  while (b > a + 2 && is_punct(e, a, "(") && is_punct(e, b - 1, ")") && match_close(e, a) == b - 1) {
    a++;
    b--;
  }
  if (is_type(e, a, VQ_PUNCT)) return 0;
  return term_end(e, a) == b;
}

/* ---- expressions ---- */

/* A set of variable names (without '?'). */
typedef vitae_strmap varset;

typedef struct ectx {
  vitae_buf *hoist;   /* BINDs for computed arguments go here; NULL: not possible */
  const varset *scope, *scope2; /* variables in scope (NULL: all): others are unbound */
  const char *where;  /* for messages: "in a HAVING condition" */
  int empty;          /* aggregates become their value over no solutions */
  int gc_ok;          /* may be one whole GROUP_CONCAT with a separator */
  const char *as_var; /* the variable it is projected as */
  size_t as_len;
} ectx;

static void expr(em *e, size_t a, size_t b, ectx *cx);

/* Split the arguments of the call whose '(' is at open and ')' at close:
 * starts of the arguments in args[0..n), ends in ends[]. */
static size_t split_args(em *e, size_t open, size_t close, size_t *args, size_t *ends, size_t max) {
  size_t n = 0, start = open + 1;
  int depth = 0;
  if (close == open + 1) return 0;
  for (size_t k = open + 1; k < close; k++) {
    if (is_punct(e, k, "(") || is_punct(e, k, "[") || is_punct(e, k, "{")) depth++;
    else if (is_punct(e, k, ")") || is_punct(e, k, "]") || is_punct(e, k, "}")) depth--;
    else if (depth == 0 && (is_punct(e, k, ",") || is_punct(e, k, ";"))) {
      if (n < max) {
        args[n] = start;
        ends[n] = k;
      }
      n++;
      start = k + 1;
    }
  }
  if (n < max) {
    args[n] = start;
    ends[n] = close;
  }
  return n + 1;
}

/* Tokens [a, b) rewritten into a one-line string (caller frees). */
static char *flat_text(em *e, size_t a, size_t b, ectx *cx) {
  vitae_buf tmp = VITAE_BUF_INIT;
  em sub = {e->S, &tmp, T(e, a)->off, 1};
  if (b > a) {
    expr(&sub, a, b, cx);
    copy_to(&sub, tok_end(e, b - 1));
  }
  vitae_buf_puts(&tmp, "");
  return vitae_buf_take(&tmp);
}

/* CONCAT, STRBEFORE and STRAFTER free a computed argument before they read
 * its string (rasqal 0.9.33), so their arguments must be constants or
 * variables: a computed one is bound to a new variable first. */
static void call_concat(em *e, size_t name, size_t close, ectx *cx) {
  size_t args[64], ends[64];
  size_t n = split_args(e, name + 1, close, args, ends, 64);
  if (n > 64) {
    refuse(e, name, "too many arguments");
    return;
  }
  for (size_t k = 0; k < n && !stopped(e); k++) {
    if (args[k] >= ends[k]) continue;
    if (simple_arg(e, args[k], ends[k])) {
      expr(e, args[k], ends[k], cx);
      continue;
    }
    if (!cx->hoist) {
      refuse(e, args[k],
             "%.*s of a computed value %s is not supported: this SPARQL engine (rasqal 0.9.33) "
             "returns garbage for it; compute the value in a subquery or with BIND first",
             (int)T(e, name)->len, e->S->src + T(e, name)->off, cx->where);
      return;
    }
    char *text = flat_text(e, args[k], ends[k], cx);
    char var[64];
    new_hidden(e, var, sizeof var);
    vitae_buf_printf(cx->hoist, " BIND(COALESCE(%s, ?%su) AS ?%s) ", text ? text : "",
                     e->S->plan->hidden, var);
    free(text);
    char ref[80];
    snprintf(ref, sizeof ref, "?%s", var);
    replace_range(e, T(e, args[k])->off, tok_end(e, ends[k] - 1), ref);
  }
}

/* YEAR, MONTH and DAY are unbound for xsd:date values (rasqal 0.9.33):
 * those are read from the lexical form, "YYYY-MM-DD" with an optional
 * time zone ("Z", "+hh:mm" or "-hh:mm"). */
static void call_date_part(em *e, size_t name, size_t close, ectx *cx) {
  char *x = flat_text(e, name + 2, close, cx);
  if (!x) return;
  const char *fn = is_word(e, name, "YEAR") ? "YEAR" : is_word(e, name, "MONTH") ? "MONTH" : "DAY";
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf n = VITAE_BUF_INIT, c = VITAE_BUF_INIT;
  vitae_buf_printf(&n, "STRLEN(STR(%s))", x);
  vitae_buf_printf(&c, "(%s - IF(STRENDS(STR(%s), \"Z\"), 1, IF(SUBSTR(STR(%s), %s - 2, 1) = \":\", 6, 0)))",
                   vitae_buf_str(&n), x, x, vitae_buf_str(&n));
  vitae_buf_printf(&b, "IF(sameTerm(DATATYPE(%s), <" XSD "date>), <" XSD "integer>(", x);
  if (!strcmp(fn, "DAY"))
    vitae_buf_printf(&b, "SUBSTR(STR(%s), %s - 1, 2)", x, vitae_buf_str(&c));
  else if (!strcmp(fn, "MONTH"))
    vitae_buf_printf(&b, "SUBSTR(STR(%s), %s - 4, 2)", x, vitae_buf_str(&c));
  else
    vitae_buf_printf(&b, "SUBSTR(STR(%s), 1, %s - 6)", x, vitae_buf_str(&c));
  vitae_buf_printf(&b, "), %s(%s))", fn, x);
  replace_range(e, T(e, name)->off, tok_end(e, close), vitae_buf_str(&b));
  vitae_buf_free(&b);
  vitae_buf_free(&n);
  vitae_buf_free(&c);
  free(x);
}

/* STRLANG(x, l): raptor keeps a language tag's length in a byte, and a
 * longer tag made at run time overruns the buffer it is copied into (in
 * rasqal's CONSTRUCT as in our results).  No valid BCP 47 tag is that long,
 * so a longer one is an expression error, as an invalid tag should be. */
static void call_args(em *e, size_t open, size_t close, ectx *cx);
static void call_strlang(em *e, size_t name, size_t close, ectx *cx) {
  size_t args[3], ends[3];
  if (split_args(e, name + 1, close, args, ends, 3) != 2) {
    call_args(e, name + 1, close, cx);
    return;
  }
  char *x = flat_text(e, args[0], ends[0], cx);
  char *l = x ? flat_text(e, args[1], ends[1], cx) : NULL;
  if (l) {
    vitae_buf b = VITAE_BUF_INIT;
    vitae_buf_printf(&b, "STRLANG(%s, IF(STRLEN(STR(%s)) <= %d, %s, " ERR "))", x, l,
                     VQ_MAX_LANG_BYTES, l);
    replace_range(e, T(e, name)->off, tok_end(e, close), vitae_buf_str(&b));
    vitae_buf_free(&b);
  }
  free(x);
  free(l);
}

/* ---- strings ---- */

/* The value of a SPARQL string token (quotes removed, escapes decoded). */
static char *string_value(const char *s, size_t len) {
  size_t q = (len >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
  const char *p = s + q, *end = s + len - q;
  char *out = malloc(len + 1), *o = out;
  if (!out) return NULL;
  while (p < end) {
    if (*p != '\\') {
      *o++ = *p++;
      continue;
    }
    p++;
    char c = *p++;
    switch (c) {
    case 't': *o++ = '\t'; break;
    case 'n': *o++ = '\n'; break;
    case 'r': *o++ = '\r'; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'u': case 'U': {
      int nd = c == 'u' ? 4 : 8;
      unsigned long cp = 0;
      for (int k = 0; k < nd && p < end; k++, p++) {
        char h = *p;
        cp = cp * 16 + (unsigned long)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
      }
      if (cp < 0x80) *o++ = (char)cp;
      else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      }
      break;
    }
    default: *o++ = c;
    }
  }
  *o = '\0';
  return out;
}

/* A SPARQL string token for a value. */
static void put_string_token(vitae_buf *b, const char *v) {
  vitae_buf_putc(b, '"');
  for (; *v; v++) {
    switch (*v) {
    case '"': vitae_buf_puts(b, "\\\""); break;
    case '\\': vitae_buf_puts(b, "\\\\"); break;
    case '\n': vitae_buf_puts(b, "\\n"); break;
    case '\r': vitae_buf_puts(b, "\\r"); break;
    case '\t': vitae_buf_puts(b, "\\t"); break;
    default: vitae_buf_putc(b, *v);
    }
  }
  vitae_buf_putc(b, '"');
}

/* ---- regular expressions ---- */

/* rasqal 0.9.33 (as built here) matches with POSIX extended regular
 * expressions, not the XPath syntax SPARQL specifies.  The common XPath
 * escapes are translated; what has no POSIX form is refused.  Returns NULL
 * with *why set when the pattern cannot be translated. */
static char *xpath_to_posix(const char *p, int dotall, int for_replace, const char **why) {
  vitae_buf b = VITAE_BUF_INIT;
  int in_class = 0;
  *why = NULL;
  for (size_t i = 0; p[i]; i++) {
    char c = p[i];
    if (in_class) {
      if (c == '\\') {
        char d = p[++i];
        switch (d) {
        case 'd': vitae_buf_puts(&b, "0-9"); break;
        case 's': vitae_buf_puts(&b, " \t\n\r"); break;
        case 'w': vitae_buf_puts(&b, "[:alnum:]_"); break;
        case 'n': vitae_buf_putc(&b, '\n'); break;
        case 't': vitae_buf_putc(&b, '\t'); break;
        case 'r': vitae_buf_putc(&b, '\r'); break;
        case '\\': vitae_buf_puts(&b, "\\"); break;
        case '-': case ']': case '[': case '^':
          *why = "an escaped '-', '[', ']' or '^' inside [...]";
          break;
        case '\0': *why = "a pattern ending with '\\'"; break;
        default:
          if (strchr(".*+?(){}|$/", d)) vitae_buf_putc(&b, d);
          else *why = "an escape inside [...] that POSIX regular expressions lack";
        }
        if (*why) break;
        continue;
      }
      if (c == '[' ) {
        *why = "nested or subtracted character classes";
        break;
      }
      if (c == ']') in_class = 0;
      vitae_buf_putc(&b, c);
      continue;
    }
    if (c == '[') {
      in_class = 1;
      vitae_buf_putc(&b, c);
      if (p[i + 1] == '^') vitae_buf_putc(&b, p[++i]);
      if (p[i + 1] == ']') vitae_buf_putc(&b, p[++i]);
      continue;
    }
    if (c == '\\') {
      char d = p[++i];
      switch (d) {
      case 'd': vitae_buf_puts(&b, "[0-9]"); break;
      case 'D': vitae_buf_puts(&b, "[^0-9]"); break;
      case 's': vitae_buf_puts(&b, "[ \t\n\r]"); break;
      case 'S': vitae_buf_puts(&b, "[^ \t\n\r]"); break;
      case 'w': vitae_buf_puts(&b, "[[:alnum:]_]"); break;
      case 'W': vitae_buf_puts(&b, "[^[:alnum:]_]"); break;
      case 'n': vitae_buf_putc(&b, '\n'); break;
      case 't': vitae_buf_putc(&b, '\t'); break;
      case 'r': vitae_buf_putc(&b, '\r'); break;
      case '\0': *why = "a pattern ending with '\\'"; break;
      default:
        if (strchr("\\.*+?()[]{}|^$-/", d)) {
          vitae_buf_putc(&b, '\\');
          vitae_buf_putc(&b, d);
        } else if (d >= '1' && d <= '9') {
          *why = "back-references";
        } else {
          *why = "an escape (such as \\p{...} or \\i) that POSIX regular expressions lack";
        }
      }
      if (*why) break;
      continue;
    }
    if ((c == '*' || c == '+' || c == '?' || c == '}') && p[i + 1] == '?') {
      if (for_replace) {
        *why = "non-greedy quantifiers in REPLACE";
        break;
      }
      vitae_buf_putc(&b, c); /* greediness does not change whether it matches */
      i++;
      continue;
    }
    if (c == '(' && p[i + 1] == '?') {
      *why = "(?...) groups";
      break;
    }
    if (c == '.' && !dotall) {
      vitae_buf_puts(&b, "[^\n]");
      continue;
    }
    vitae_buf_putc(&b, c);
  }
  if (!*why && in_class) *why = "an unclosed '['";
  if (*why) {
    vitae_buf_free(&b);
    return NULL;
  }
  vitae_buf_puts(&b, "");
  return vitae_buf_take(&b);
}

static void call_regex(em *e, size_t name, size_t close, ectx *cx) {
  int replace = is_word(e, name, "REPLACE");
  size_t args[5], ends[5];
  size_t n = split_args(e, name + 1, close, args, ends, 5);
  size_t want = replace ? 3 : 2;
  if (n < want || n > want + 1) {
    confused(e, name);
    return;
  }
  expr(e, args[0], ends[0], cx);
  size_t pat = args[1];
  if (!(ends[1] == pat + 1 && is_type(e, pat, VQ_STRING))) {
    refuse(e, pat, "%s with a pattern that is not a constant string is not supported "
                   "(the pattern must be translated for this SPARQL engine)", replace ? "REPLACE" : "REGEX");
    return;
  }
  char *flags = NULL;
  if (n == want + 1) {
    size_t f = args[want];
    if (!(ends[want] == f + 1 && is_type(e, f, VQ_STRING))) {
      refuse(e, f, "%s with flags that are not a constant string is not supported",
             replace ? "REPLACE" : "REGEX");
      return;
    }
    flags = string_value(e->S->src + T(e, f)->off, T(e, f)->len);
    for (const char *c = flags; c && *c; c++)
      if (!strchr("is", *c)) {
        refuse(e, f, "the regular expression flag '%c' is not supported by this SPARQL engine "
                     "(rasqal 0.9.33); only \"i\" and \"s\" are", *c);
        free(flags);
        return;
      }
  }
  if (replace) {
    size_t r = args[2];
    if (!(ends[2] == r + 1 && is_type(e, r, VQ_STRING))) {
      refuse(e, r, "REPLACE with a replacement that is not a constant string is not supported");
      free(flags);
      return;
    }
    char *rv = string_value(e->S->src + T(e, r)->off, T(e, r)->len);
    if (rv && (strchr(rv, '$') || strchr(rv, '\\'))) {
      refuse(e, r, "REPLACE with $n group references (or '\\' or '$') in the replacement is not "
                   "supported: this SPARQL engine (rasqal 0.9.33) gets them wrong");
      free(rv);
      free(flags);
      return;
    }
    free(rv);
  }
  char *pv = string_value(e->S->src + T(e, pat)->off, T(e, pat)->len);
  const char *why = NULL;
  char *posix = pv ? xpath_to_posix(pv, flags && strchr(flags, 's'), replace, &why) : NULL;
  if (!posix) {
    refuse(e, pat, "this regular expression uses %s, which this SPARQL engine (rasqal 0.9.33, "
                   "POSIX regular expressions) cannot match as SPARQL specifies",
           why ? why : "something");
  } else {
    vitae_buf tok = VITAE_BUF_INIT;
    put_string_token(&tok, posix);
    replace_range(e, T(e, pat)->off, tok_end(e, pat), vitae_buf_str(&tok));
    vitae_buf_free(&tok);
  }
  free(pv);
  free(posix);
  free(flags);
  if (!replace || stopped(e)) return;
  /* REPLACE drops the language tag of its result: put it back. */
  (void)cx;
}

/* ---- aggregates ---- */

static int is_aggregate_name(const em *e, size_t i) {
  static const char *const names[] = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", NULL};
  for (const char *const *n = names; *n; n++)
    if (is_word(e, i, *n)) return 1;
  return 0;
}

/* rasqal 0.9.33 takes two aggregates for one when they differ only in
 * their variables or in DISTINCT (it compares variables by their values,
 * all unbound when it looks): COUNT(?a) and COUNT(?b) give the same number.
 * Each aggregate's argument gets a constant of its own, which changes
 * nothing else: IF(sameTerm(x, x) && k, x, x) is x when x is bound and an
 * error (skipped) when it is not.  (The constant sits where rasqal's
 * comparison reaches it: variables compare equal, so it must come second in
 * an && after them, and not be folded away as a constant expression.) */
static void put_unique(vitae_buf *b, const char *x, unsigned k) {
  vitae_buf_printf(b, "IF(sameTerm(%s, %s) && %u, %s, " ERR ")", x, x, k, x);
}

/* The constant of an aggregate: from its text (words in capitals), so that
 * the same aggregate written again (in HAVING, ORDER BY) gets the same one,
 * as rasqal needs to match them. */
static unsigned aggregate_key(em *e, size_t name, size_t close) {
  uint32_t h = 2166136261u;
  for (size_t k = name; k <= close; k++) {
    const vq_token *t = T(e, k);
    for (size_t c = 0; c < t->len; c++) {
      unsigned char ch = (unsigned char)e->S->src[t->off + c];
      if (t->type == VQ_WORD && ch >= 'a' && ch <= 'z') ch = (unsigned char)(ch - 'a' + 'A');
      h = (h ^ ch) * 16777619u;
    }
    h = (h ^ ' ') * 16777619u;
  }
  return (h % 100000000u) * 4u + 1000u;
}

static void call_aggregate(em *e, size_t name, size_t close, ectx *cx) {
  if (cx->empty) {
    const char *v = "0";
    char unbound[64];
    if (is_word(e, name, "GROUP_CONCAT")) v = "\"\"";
    else if (is_word(e, name, "MIN") || is_word(e, name, "MAX") || is_word(e, name, "SAMPLE")) {
      snprintf(unbound, sizeof unbound, "?%su", e->S->plan->hidden);
      v = unbound;
    }
    replace_range(e, T(e, name)->off, tok_end(e, close), v);
    return;
  }
  size_t a = name + 2;
  unsigned key = aggregate_key(e, name, close);
  int distinct = is_word(e, a, "DISTINCT");
  if (distinct) a++;
  if (is_word(e, name, "COUNT") && is_punct(e, a, "*") && a + 1 == close) return;
  if (is_word(e, name, "GROUP_CONCAT")) {
    /* GROUP_CONCAT(DISTINCT? expr (; SEPARATOR = "s")?) */
    size_t end = close, sep_tok = 0;
    for (size_t k = a; k < close; k++)
      if (is_punct(e, k, ";") && is_word(e, k + 1, "SEPARATOR") && is_punct(e, k + 2, "=") &&
          is_type(e, k + 3, VQ_STRING) && k + 4 == close) {
        end = k;
        sep_tok = k + 3;
      }
    char *sep = sep_tok ? string_value(e->S->src + T(e, sep_tok)->off, T(e, sep_tok)->len)
                        : strdup(" ");
    if (!sep) return;
    if (!strcmp(sep, " ") && (!cx->gc_ok || distinct)) {
      /* the engine's own separator: left to it */
      free(sep);
      char *x = flat_text(e, a, end, cx);
      vitae_buf b = VITAE_BUF_INIT;
      put_unique(&b, x ? x : "", key);
      replace_range(e, T(e, a)->off, tok_end(e, end - 1), vitae_buf_str(&b));
      vitae_buf_free(&b);
      free(x);
      return;
    }
    if (!cx->gc_ok || distinct) {
      refuse(e, sep_tok,
             "GROUP_CONCAT with a separator other than \" \" is supported only as a whole projected "
             "expression of the outer SELECT, without DISTINCT, as in "
             "(GROUP_CONCAT(?x; separator=\", \") AS ?list): this SPARQL engine (rasqal 0.9.33) "
             "ignores the separator");
      free(sep);
      return;
    }
    /* The items are percent-encoded, so that the engine's separator (a
     * space) can be told from them; query.c decodes and joins them. */
    char *x = flat_text(e, a, end, cx);
    vitae_buf b = VITAE_BUF_INIT;
    /* An empty item would vanish (rasqal adds the separator only after a
     * non-empty buffer): it is written as a lone "%", which encoding never
     * makes. */
    vitae_buf item = VITAE_BUF_INIT;
    vitae_buf_printf(&item, "IF(STRLEN(STR(%s)) = 0, \"%%\", ENCODE_FOR_URI(STR(%s)))", x ? x : "",
                     x ? x : "");
    put_unique(&b, vitae_buf_str(&item), key);
    vitae_buf_free(&item);
    replace_range(e, T(e, a)->off, tok_end(e, close - 1), vitae_buf_str(&b));
    vitae_buf_free(&b);
    free(x);
    vq_plan *plan = e->S->plan;
    vq_concat_col *more = realloc(plan->concat, (plan->nconcat + 1) * sizeof *more);
    if (more) {
      plan->concat = more;
      more[plan->nconcat].var = strndup(cx->as_var, cx->as_len);
      more[plan->nconcat].sep = sep;
      plan->nconcat++;
    } else {
      free(sep);
    }
    return;
  }
  if (is_word(e, name, "MIN") || is_word(e, name, "MAX") || is_word(e, name, "SAMPLE")) {
    char *x = flat_text(e, a, close, cx);
    vitae_buf b = VITAE_BUF_INIT;
    put_unique(&b, x ? x : "", key);
    replace_range(e, T(e, a)->off, tok_end(e, close - 1), vitae_buf_str(&b));
    vitae_buf_free(&b);
    free(x);
    return;
  }
  /* COUNT(x), SUM(x), AVG(x): rasqal 0.9.33 counts the solutions where x is
   * unbound (COUNT, and AVG's divisor) and gives an unbound SUM over no
   * values.  IF(sameTerm(x, x), x, x) turns "unbound" into an error, which
   * aggregates skip. */
  char *x = flat_text(e, a, close, cx);
  if (!x) return;
  const char *d = distinct ? "DISTINCT " : "";
  vitae_buf b = VITAE_BUF_INIT, u1 = VITAE_BUF_INIT, u2 = VITAE_BUF_INIT, u3 = VITAE_BUF_INIT;
  put_unique(&u1, x, key);
  put_unique(&u2, x, key + 1);
  put_unique(&u3, x, key + 2);
  if (is_word(e, name, "COUNT"))
    vitae_buf_printf(&b, "COUNT(%s%s)", d, vitae_buf_str(&u1));
  else if (is_word(e, name, "SUM"))
    vitae_buf_printf(&b, "IF(COUNT(%s%s) = 0, 0, SUM(%s%s))", d, vitae_buf_str(&u1), d,
                     vitae_buf_str(&u2));
  else
    vitae_buf_printf(&b, "IF(COUNT(%s%s) = 0, 0, SUM(%s%s) / COUNT(%s%s))", d, vitae_buf_str(&u1), d,
                     vitae_buf_str(&u2), d, vitae_buf_str(&u3));
  vitae_buf_free(&u1);
  vitae_buf_free(&u2);
  vitae_buf_free(&u3);
  replace_range(e, T(e, name)->off, tok_end(e, close), vitae_buf_str(&b));
  vitae_buf_free(&b);
  free(x);
}

/* ---- comparisons ---- */

/* rasqal 0.9.33 compares values of different kinds instead of raising the
 * type error SPARQL specifies: "a"@en < "b" and <iri> < "b" are true, 1 <
 * "2" compares strings, and "abc"^^xsd:string < "b" is false; isNumeric(true)
 * is true.  A comparison is therefore written out by the kinds of its
 * operands, with the engine comparing only values of one kind:
 *   numbers with numbers; strings (simple or xsd:string) by STR(); booleans,
 *   xsd:dateTime and xsd:date with their own kind;
 *   otherwise = and != fall back to RDF term equality (same term: equal;
 *   two different literals: a type error; else not equal), and <, >, <=
 *   and >= are a type error.
 * A type error is an unbound variable: the FILTER fails, a SELECT
 * expression is unbound. */
static void put_num(vitae_buf *b, const char *x) {
  vitae_buf_printf(b, "IF(COALESCE(sameTerm(DATATYPE(%s), <" XSD "boolean>), false), false, isNumeric(%s))",
                   x, x);
}
static void put_str(vitae_buf *b, const char *x) {
  vitae_buf_printf(b, "COALESCE(sameTerm(DATATYPE(%s), <" XSD "string>), false)", x);
}

static void put_compare(em *e, vitae_buf *b, const char *op, const char *x, const char *y) {
  int eq = !strcmp(op, "="), ne = !strcmp(op, "!=");
  vitae_buf_puts(b, "IF(");
  put_num(b, x);
  vitae_buf_puts(b, " && ");
  put_num(b, y);
  vitae_buf_printf(b, ", (%s) %s (%s), IF(", x, op, y);
  put_str(b, x);
  vitae_buf_puts(b, " && ");
  put_str(b, y);
  vitae_buf_printf(b, ", STR(%s) %s STR(%s), IF(COALESCE(sameTerm(DATATYPE(%s), DATATYPE(%s)) && "
                      "(sameTerm(DATATYPE(%s), <" XSD "boolean>) || sameTerm(DATATYPE(%s), <" XSD
                      "dateTime>) || sameTerm(DATATYPE(%s), <" XSD "date>)), false), (%s) %s (%s), ",
                   x, op, y, x, y, x, x, x, x, op, y);
  if (eq || ne)
    vitae_buf_printf(b, "IF(sameTerm(%s, %s), %s, IF(isLiteral(%s) && isLiteral(%s), " ERR ", %s))",
                     x, y, eq ? "true" : "false", x, y, eq ? "false" : "true");
  else
    vitae_buf_puts(b, ERR);
  vitae_buf_puts(b, ")))");
}

static void expr(em *e, size_t a, size_t b, ectx *cx);
static void scan(em *e, size_t a, size_t b, ectx *cx);

static void relational(em *e, size_t a, size_t r, size_t b, ectx *cx) {
  int in = is_word(e, r, "IN"), not_in = is_word(e, r, "NOT");
  if (r == a || (!in && !not_in && r + 1 >= b)) {
    confused(e, r);
    return;
  }
  char *x = flat_text(e, a, r, cx);
  vitae_buf out = VITAE_BUF_INIT;
  if (in || not_in) {
    size_t open = r + (not_in ? 2 : 1);
    if (!is_punct(e, open, "(") || match_close(e, open) != b - 1) {
      confused(e, r);
      free(x);
      return;
    }
    size_t args[256], ends[256];
    size_t n = split_args(e, open, b - 1, args, ends, 256);
    if (n > 256) {
      refuse(e, r, "IN lists longer than 256 values are not supported");
      free(x);
      return;
    }
    vitae_buf_puts(&out, "(");
    if (!n) vitae_buf_puts(&out, not_in ? "true" : "false");
    for (size_t k = 0; k < n && !stopped(e); k++) {
      char *y = flat_text(e, args[k], ends[k], cx);
      if (k) vitae_buf_puts(&out, not_in ? " && " : " || ");
      put_compare(e, &out, not_in ? "!=" : "=", x, y ? y : "");
      free(y);
    }
    vitae_buf_puts(&out, ")");
  } else {
    char op[3] = {0};
    memcpy(op, e->S->src + T(e, r)->off, T(e, r)->len < 2 ? T(e, r)->len : 2);
    char *y = flat_text(e, r + 1, b, cx);
    int eq = !strcmp(op, "="), ne = !strcmp(op, "!=");
    int iri_x = r == a + 1 && (is_type(e, a, VQ_IRI) || is_type(e, a, VQ_PNAME));
    int iri_y = b == r + 2 && (is_type(e, r + 1, VQ_IRI) || is_type(e, r + 1, VQ_PNAME));
    int num_x = r == a + 1 && is_type(e, a, VQ_NUMBER);
    int num_y = b == r + 2 && is_type(e, r + 1, VQ_NUMBER);
    if ((eq || ne) && (iri_x || iri_y)) {
      /* against an IRI, = is exactly sameTerm */
      vitae_buf_printf(&out, "%ssameTerm(%s, %s)", ne ? "!" : "", x, y ? y : "");
    } else if (num_x || num_y) {
      /* against a number: only numbers compare */
      const char *other = num_y ? x : (y ? y : "");
      vitae_buf_puts(&out, "IF(");
      put_num(&out, other);
      vitae_buf_printf(&out, ", (%s) %s (%s), ", x, op, y ? y : "");
      if (eq || ne) vitae_buf_printf(&out, "IF(isLiteral(%s), " ERR ", %s))", other, eq ? "false" : "true");
      else vitae_buf_puts(&out, ERR ")");
    } else {
      put_compare(e, &out, op, x, y ? y : "");
    }
    free(y);
  }
  free(x);
  if (!stopped(e)) replace_range(e, T(e, a)->off, tok_end(e, b - 1), vitae_buf_str(&out));
  vitae_buf_free(&out);
}

static int is_relop(const em *e, size_t k) {
  return is_punct(e, k, "=") || is_punct(e, k, "!=") || is_punct(e, k, "<") || is_punct(e, k, ">") ||
         is_punct(e, k, "<=") || is_punct(e, k, ">=") || is_word(e, k, "IN") ||
         (is_word(e, k, "NOT") && is_word(e, k + 1, "IN"));
}

/* A stretch between && and || at one level: a comparison, or not. */
static void segment(em *e, size_t a, size_t b, ectx *cx) {
  int depth = 0;
  for (size_t k = a; k < b; k++) {
    if (is_punct(e, k, "(") || is_punct(e, k, "[") || is_punct(e, k, "{")) depth++;
    else if (is_punct(e, k, ")") || is_punct(e, k, "]") || is_punct(e, k, "}")) depth--;
    else if (depth == 0 && is_relop(e, k)) {
      relational(e, a, k, b, cx);
      return;
    }
  }
  scan(e, a, b, cx);
}

static void expr(em *e, size_t a, size_t b, ectx *cx) {
  int depth = 0;
  size_t start = a;
  for (size_t k = a; k < b && !stopped(e); k++) {
    if (is_punct(e, k, "(") || is_punct(e, k, "[") || is_punct(e, k, "{")) depth++;
    else if (is_punct(e, k, ")") || is_punct(e, k, "]") || is_punct(e, k, "}")) depth--;
    else if (depth == 0 && (is_punct(e, k, "&&") || is_punct(e, k, "||"))) {
      if (k > start) segment(e, start, k, cx);
      start = k + 1;
    }
  }
  if (b > start && !stopped(e)) segment(e, start, b, cx);
}

/* The arguments of a call, each an expression. */
static void call_args(em *e, size_t open, size_t close, ectx *cx) {
  size_t args[64], ends[64];
  size_t n = split_args(e, open, close, args, ends, 64);
  if (n > 64) {
    expr(e, open + 1, close, cx);
    return;
  }
  for (size_t k = 0; k < n && !stopped(e); k++) expr(e, args[k], ends[k], cx);
}

static int in_set(const varset *v, const char *name, size_t len) {
  char key[256];
  if (len >= sizeof key) return 1;
  memcpy(key, name, len);
  key[len] = '\0';
  return vitae_strmap_get(v, key, 0) != 0;
}

static void set_add(varset *v, const char *name, size_t len) {
  char key[256];
  if (len >= sizeof key) return;
  memcpy(key, name, len);
  key[len] = '\0';
  vitae_strmap_put(v, key, 1);
}

static void scan(em *e, size_t a, size_t b, ectx *cx) {
  for (size_t k = a; k < b && !stopped(e); k++) {
    if (is_type(e, k, VQ_VAR) && cx->scope) {
      /* A variable the expression's scope does not bind is unbound there,
       * whatever an enclosing pattern bound it to (rasqal evaluates
       * nested patterns with the outer bindings in place). */
      const char *name = e->S->src + T(e, k)->off + 1;
      size_t len = T(e, k)->len - 1;
      if (!in_set(cx->scope, name, len) && !(cx->scope2 && in_set(cx->scope2, name, len)))
        replace_range(e, T(e, k)->off, tok_end(e, k), ERR);
      continue;
    }
    if (is_word(e, k, "BOUND") && is_punct(e, k + 1, "(") && is_type(e, k + 2, VQ_VAR) &&
        is_punct(e, k + 3, ")") && cx->scope) {
      const char *name = e->S->src + T(e, k + 2)->off + 1;
      size_t len = T(e, k + 2)->len - 1;
      if (!in_set(cx->scope, name, len) && !(cx->scope2 && in_set(cx->scope2, name, len)))
        replace_range(e, T(e, k)->off, tok_end(e, k + 3), "false");
      k += 3;
      continue;
    }
    if (is_word(e, k, "EXISTS") || (is_word(e, k, "NOT") && is_word(e, k + 1, "EXISTS"))) {
      refuse(e, k, "FILTER EXISTS and NOT EXISTS are not supported by this SPARQL engine "
                   "(rasqal 0.9.33); use OPTIONAL { ... } with FILTER(BOUND(?v)) or "
                   "FILTER(!BOUND(?v)) instead");
      return;
    }
    if (is_punct(e, k, "{")) {
      confused(e, k);
      return;
    }
    if (is_punct(e, k, "(")) {
      size_t close = match_close(e, k);
      if (stopped(e) || close >= b) {
        confused(e, k);
        return;
      }
      expr(e, k + 1, close, cx);
      k = close;
      continue;
    }
    int call = (is_type(e, k, VQ_WORD) || is_type(e, k, VQ_IRI) || is_type(e, k, VQ_PNAME)) &&
               is_punct(e, k + 1, "(");
    if (!call) continue;
    size_t close = match_close(e, k + 1);
    if (stopped(e)) return;
    if (close >= b) {
      confused(e, k);
      return;
    }
    if (is_word(e, k, "CONCAT") || is_word(e, k, "STRBEFORE") || is_word(e, k, "STRAFTER")) {
      call_concat(e, k, close, cx);
    } else if (is_word(e, k, "YEAR") || is_word(e, k, "MONTH") || is_word(e, k, "DAY")) {
      call_date_part(e, k, close, cx);
    } else if (is_word(e, k, "REGEX") || is_word(e, k, "REPLACE")) {
      call_regex(e, k, close, cx);
    } else if (is_word(e, k, "STRLANG")) {
      call_strlang(e, k, close, cx);
    } else if (is_aggregate_name(e, k)) {
      call_aggregate(e, k, close, cx);
    } else if (is_word(e, k, "isNumeric")) {
      char *x = flat_text(e, k + 2, close, cx);
      vitae_buf out = VITAE_BUF_INIT;
      vitae_buf_puts(&out, "(");
      put_num(&out, x ? x : "");
      vitae_buf_puts(&out, ")");
      replace_range(e, T(e, k)->off, tok_end(e, close), vitae_buf_str(&out));
      vitae_buf_free(&out);
      free(x);
    } else {
      call_args(e, k + 1, close, cx);
    }
    k = close;
  }
}

/* ---- graph patterns ---- */

static size_t group(em *e, size_t i, size_t *close_out, const vitae_strmap *out, const vitae_strmap *left);
static size_t select_query(em *e, size_t i, int top);
static void add_sub(em *e, size_t first, size_t last);

typedef struct gctx {
  vitae_buf pending;   /* BINDs for the end of the group */
  varset out;          /* variables rasqal may have bound before the group */
  varset all;          /* variables the whole group can bind */
  varset maybe;        /* ... the elements so far can bind */
  varset certain;      /* ... the elements so far bind in every solution */
  const varset *scope, *scope2; /* for FILTERs: the group's, and an OPTIONAL's left side */
} gctx;

static int path_op(em *e, size_t i) {
  return is_punct(e, i, "/") || is_punct(e, i, "|") || is_punct(e, i, "*") || is_punct(e, i, "+") ||
         is_punct(e, i, "?") || is_punct(e, i, "^") || is_punct(e, i, "!");
}

static void refuse_path(em *e, size_t i) {
  refuse(e, i, "property paths are not supported by this SPARQL engine (rasqal 0.9.33): write one "
               "triple pattern per step with a variable between the steps; for a transitive chain "
               "use a transitive property such as vt:succeededTransitively or vt:locatedIn, whose "
               "chains vitae follows");
}

static size_t graph_node(em *e, size_t i);

/* A property list up to '.', '}', ']' or the next graph pattern keyword. */
static size_t property_list(em *e, size_t i) {
  while (!stopped(e)) {
    /* verb */
    if (is_type(e, i, VQ_VAR)) {
      i++;
    } else if (is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME) || is_word(e, i, "a")) {
      i++;
      if (path_op(e, i)) {
        refuse_path(e, i);
        return i;
      }
    } else if (is_punct(e, i, "^") || is_punct(e, i, "!") || is_punct(e, i, "(")) {
      refuse_path(e, i);
      return i;
    } else {
      confused(e, i);
      return i;
    }
    /* objects */
    for (;;) {
      size_t j = graph_node(e, i);
      if (j == i) {
        confused(e, i);
        return i;
      }
      i = j;
      if (!is_punct(e, i, ",")) break;
      i++;
    }
    if (!is_punct(e, i, ";")) return i;
    while (is_punct(e, i, ";")) i++;
    if (is_punct(e, i, ".") || is_punct(e, i, "}") || is_punct(e, i, "]")) return i;
  }
  return i;
}

/* A term, a blank node property list or a collection; returns i when none. */
static size_t graph_node(em *e, size_t i) {
  if (is_punct(e, i, "[") && !is_punct(e, i + 1, "]")) {
    size_t close = match_close(e, i);
    size_t j = property_list(e, i + 1);
    if (!stopped(e) && j != close) confused(e, j);
    return close + 1;
  }
  if (is_punct(e, i, "(") && !is_punct(e, i + 1, ")")) {
    size_t close = match_close(e, i);
    size_t j = i + 1;
    while (!stopped(e) && j < close) {
      size_t k = graph_node(e, j);
      if (k == j) {
        confused(e, j);
        break;
      }
      j = k;
    }
    return close + 1;
  }
  return term_end(e, i);
}

static size_t triples(em *e, size_t i) {
  size_t j = graph_node(e, i);
  if (j == i) {
    confused(e, i);
    return i;
  }
  int bnode_subject = is_punct(e, i, "[") || is_punct(e, i, "(");
  if (bnode_subject && (is_punct(e, j, ".") || is_punct(e, j, "}"))) return j;
  return property_list(e, j);
}

/* VALUES.  rasqal 0.9.33 gives wrong rows for the one-variable form
 * VALUES ?x { a b }, and its VALUES binds no variable for expressions:
 * a FILTER, BIND or SELECT expression sees VALUES variables as unbound.
 * Inside a group, when no pattern before binds its variables, VALUES is
 * written as a UNION of BINDs (the same solutions); otherwise (and after
 * the WHERE clause) in the bracketed form, where it joins correctly.
 * bound: the variables bound before (NULL: rewrite to brackets only). */
static size_t values_block(em *e, size_t i, const varset *out, const varset *maybe) {
  /* i: after VALUES */
  size_t vars[64], nvars = 0, body;
  if (is_type(e, i, VQ_VAR)) {
    vars[nvars++] = i;
    body = i + 1;
  } else if (is_punct(e, i, "(")) {
    size_t close = match_close(e, i);
    for (size_t k = i + 1; k < close; k++) {
      if (!is_type(e, k, VQ_VAR) || nvars == 64) {
        confused(e, k);
        return k;
      }
      vars[nvars++] = k;
    }
    body = close + 1;
  } else {
    confused(e, i);
    return i;
  }
  if (!is_punct(e, body, "{")) {
    confused(e, body);
    return body;
  }
  size_t end = match_close(e, body);
  if (stopped(e)) return end;
  /* the rows: term token ranges, (0,0) for UNDEF */
  size_t cap = 64, n = 0;
  size_t *cells = malloc(cap * 2 * sizeof *cells);
  if (!cells) return end + 1;
  int one = is_type(e, i, VQ_VAR);
  for (size_t k = body + 1; k < end && !stopped(e);) {
    size_t rowend = end;
    if (!one) {
      if (!is_punct(e, k, "(")) {
        confused(e, k);
        break;
      }
      rowend = match_close(e, k);
      k++;
    }
    size_t got = 0;
    while (k < rowend && !stopped(e) && (one ? got < 1 : 1)) {
      size_t t = is_word(e, k, "UNDEF") ? k + 1 : term_end(e, k);
      if (t == k || is_type(e, k, VQ_VAR) || is_type(e, k, VQ_BNODE)) {
        confused(e, k);
        break;
      }
      if (n + 1 >= cap) {
        cap *= 2;
        size_t *more = realloc(cells, cap * 2 * sizeof *more);
        if (!more) break;
        cells = more;
      }
      cells[2 * n] = is_word(e, k, "UNDEF") ? 0 : k;
      cells[2 * n + 1] = is_word(e, k, "UNDEF") ? 0 : t;
      n++;
      got++;
      k = t;
    }
    if (!one) {
      if (got != nvars) confused(e, k);
      k = rowend + 1;
    }
  }
  int bound = 0;
  for (size_t v = 0; v < nvars; v++) {
    const char *name = e->S->src + T(e, vars[v])->off + 1;
    size_t len = T(e, vars[v])->len - 1;
    if ((out && in_set(out, name, len)) || (maybe && in_set(maybe, name, len))) bound = 1;
  }
  if (!stopped(e)) {
    vitae_buf o = VITAE_BUF_INIT;
    size_t rows = nvars ? n / nvars : 0;
    if (out && !bound) {
      if (!rows) vitae_buf_puts(&o, "{ FILTER(false) }");
      else vitae_buf_puts(&o, "{");
      for (size_t r = 0; r < rows; r++) {
        vitae_buf_puts(&o, r ? " UNION {" : " {");
        for (size_t v = 0; v < nvars; v++) {
          size_t a = cells[2 * (r * nvars + v)], b = cells[2 * (r * nvars + v) + 1];
          if (!b) continue;
          vitae_buf_puts(&o, " BIND(");
          vitae_buf_append(&o, e->S->src + T(e, a)->off, tok_end(e, b - 1) - T(e, a)->off);
          vitae_buf_puts(&o, " AS ");
          vitae_buf_append(&o, e->S->src + T(e, vars[v])->off, T(e, vars[v])->len);
          vitae_buf_puts(&o, ")");
        }
        vitae_buf_puts(&o, " }");
      }
      if (rows) vitae_buf_puts(&o, " }");
    } else {
      vitae_buf_puts(&o, "VALUES (");
      for (size_t v = 0; v < nvars; v++) {
        vitae_buf_putc(&o, ' ');
        vitae_buf_append(&o, e->S->src + T(e, vars[v])->off, T(e, vars[v])->len);
      }
      vitae_buf_puts(&o, " ) {");
      for (size_t r = 0; r < rows; r++) {
        vitae_buf_puts(&o, " (");
        for (size_t v = 0; v < nvars; v++) {
          size_t a = cells[2 * (r * nvars + v)], b = cells[2 * (r * nvars + v) + 1];
          vitae_buf_putc(&o, ' ');
          if (!b) vitae_buf_puts(&o, "UNDEF");
          else vitae_buf_append(&o, e->S->src + T(e, a)->off, tok_end(e, b - 1) - T(e, a)->off);
        }
        vitae_buf_puts(&o, " )");
      }
      vitae_buf_puts(&o, " }");
    }
    replace_range(e, T(e, i - 1)->off, tok_end(e, end), vitae_buf_str(&o));
    vitae_buf_free(&o);
  }
  free(cells);
  return end + 1;
}

static size_t filter(em *e, size_t i, gctx *g) {
  /* i: after FILTER */
  if (is_word(e, i, "EXISTS") || (is_word(e, i, "NOT") && is_word(e, i + 1, "EXISTS"))) {
    refuse(e, i, "FILTER EXISTS and NOT EXISTS are not supported by this SPARQL engine "
                 "(rasqal 0.9.33); use OPTIONAL { ... } with FILTER(BOUND(?v)) or "
                 "FILTER(!BOUND(?v)) instead");
    return i;
  }
  ectx cx = {&g->pending, g->scope, g->scope2, "in a FILTER", 0, 0, NULL, 0};
  if (is_punct(e, i, "(")) {
    size_t close = match_close(e, i);
    expr(e, i + 1, close, &cx);
    return close + 1;
  }
  if ((is_type(e, i, VQ_WORD) || is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME)) &&
      is_punct(e, i + 1, "(")) {
    size_t close = match_close(e, i + 1);
    expr(e, i, close + 1, &cx);
    return close + 1;
  }
  confused(e, i);
  return i;
}

/* The top-level AS in the bracket opened at open and closed at close. */
static size_t find_as(em *e, size_t open, size_t close) {
  int depth = 0;
  size_t as = 0;
  for (size_t k = open + 1; k < close; k++) {
    if (is_punct(e, k, "(") || is_punct(e, k, "[") || is_punct(e, k, "{")) depth++;
    else if (is_punct(e, k, ")") || is_punct(e, k, "]") || is_punct(e, k, "}")) depth--;
    else if (depth == 0 && is_word(e, k, "AS")) as = k;
  }
  return as;
}

/* BIND(e AS ?v).  rasqal 0.9.33 drops the solution when e is an error;
 * SPARQL keeps it with ?v unbound: e becomes COALESCE(e, ?unbound). */
static size_t bind(em *e, size_t i, const varset *scope, const varset *out) {
  /* i: at BIND */
  if (!is_punct(e, i + 1, "(")) {
    confused(e, i);
    return i;
  }
  size_t close = match_close(e, i + 1);
  size_t as = find_as(e, i + 1, close);
  if (!as || !is_type(e, as + 1, VQ_VAR) || as + 2 != close) {
    confused(e, i);
    return i;
  }
  const char *v = e->S->src + T(e, as + 1)->off + 1;
  size_t vlen = T(e, as + 1)->len - 1;
  if (in_set(out, v, vlen)) {
    refuse(e, as + 1, "BIND to ?%.*s inside a group, when a pattern before the group binds ?%.*s "
                      "too, is not supported: this SPARQL engine (rasqal 0.9.33) would overwrite "
                      "the outer value; use another variable and compare them with a FILTER",
           (int)vlen, v, (int)vlen, v);
    return close + 1;
  }
  copy_to(e, T(e, i)->off);
  size_t mark = e->out->len;
  vitae_buf hoist = VITAE_BUF_INIT;
  ectx cx = {&hoist, scope, NULL, "in a BIND", 0, 0, NULL, 0};
  copy_to(e, T(e, i + 2)->off);
  put(e, "COALESCE(");
  expr(e, i + 2, as, &cx);
  copy_to(e, tok_end(e, as - 1));
  vitae_buf_printf(e->out, ", ?%su)", e->S->plan->hidden);
  if (hoist.len) insert_at(e->out, mark, hoist.data, hoist.len);
  vitae_buf_free(&hoist);
  return close + 1;
}

static void set_union(varset *dst, const varset *src) {
  if (!src) return;
  for (size_t k = 0; k < src->cap; k++)
    if (src->keys[k]) vitae_strmap_put(dst, src->keys[k], 1);
}

static void add_var_tok(em *e, size_t k, varset *v) {
  set_add(v, e->S->src + T(e, k)->off + 1, T(e, k)->len - 1);
}

/* The variables the group body [a, b) can bind: those of its triple
 * patterns, VALUES, GRAPH, BIND targets and sub-SELECT projections, at any
 * depth; not those only in FILTERs or BIND expressions. */
static void collect_vars(em *e, size_t a, size_t b, varset *v) {
  for (size_t k = a; k < b && !stopped(e); k++) {
    if (is_word(e, k, "FILTER")) {
      size_t j = k + 1;
      if (is_punct(e, j, "(")) k = match_close(e, j);
      else if (is_punct(e, j + 1, "(")) k = match_close(e, j + 1);
      continue;
    }
    if (is_word(e, k, "BIND") && is_punct(e, k + 1, "(")) {
      size_t c = match_close(e, k + 1), as = find_as(e, k + 1, c);
      if (as && is_type(e, as + 1, VQ_VAR)) add_var_tok(e, as + 1, v);
      k = c;
      continue;
    }
    if (is_punct(e, k, "{") && is_word(e, k + 1, "SELECT")) {
      size_t c = match_close(e, k);
      for (size_t m = k + 2; m < c; m++) {
        if (is_word(e, m, "WHERE") || is_punct(e, m, "{")) break;
        if (is_punct(e, m, "*")) {
          for (size_t x = k; x < c; x++)
            if (is_type(e, x, VQ_VAR)) add_var_tok(e, x, v);
          break;
        }
        if (is_punct(e, m, "(")) {
          size_t pc = match_close(e, m), as = find_as(e, m, pc);
          if (as && is_type(e, as + 1, VQ_VAR)) add_var_tok(e, as + 1, v);
          m = pc;
        } else if (is_type(e, m, VQ_VAR)) {
          add_var_tok(e, m, v);
        }
      }
      k = c;
      continue;
    }
    if (is_type(e, k, VQ_VAR)) add_var_tok(e, k, v);
  }
}

static void gctx_free(gctx *g) {
  vitae_buf_free(&g->pending);
  vitae_strmap_free(&g->out);
  vitae_strmap_free(&g->all);
  vitae_strmap_free(&g->maybe);
  vitae_strmap_free(&g->certain);
}

/* A group.  out: the variables rasqal may have bound before it (it
 * evaluates nested patterns inside the enclosing loops); left: for an
 * OPTIONAL's group, the variables of its left side, which its FILTERs may
 * see. */
static size_t group(em *e, size_t i, size_t *close_out, const varset *out, const varset *left) {
  if (!is_punct(e, i, "{")) {
    confused(e, i);
    return i;
  }
  size_t open = i, close = match_close(e, i);
  i++;
  if (is_word(e, i, "SELECT")) {
    /* A sub-SELECT is evaluated on its own (query.c), as SPARQL specifies
     * (bottom-up), and its answer put in its place as VALUES: rasqal 0.9.33
     * evaluates it once, with the outer pattern's first bindings in place. */
    if (e->S->graph_depth) {
      refuse(e, i, "a sub-SELECT inside GRAPH is not supported: move the GRAPH pattern into "
                   "the sub-SELECT's WHERE clause");
      return close + 1;
    }
    size_t ordinal = e->S->nsubs++;
    if (e->S->sub_values) replace_range(e, T(e, i)->off, tok_end(e, close - 1), e->S->sub_values[ordinal]);
    else add_sub(e, i, close - 1);
    if (close_out) {
      copy_to(e, T(e, close)->off);
      *close_out = e->out->len;
    }
    return close + 1;
  }
  gctx g;
  memset(&g, 0, sizeof g);
  set_union(&g.out, out);
  collect_vars(e, open + 1, close, &g.all);
  g.scope = &g.all;
  g.scope2 = left;
  varset union_out = VITAE_STRMAP_INIT; /* the out of the first branch of a UNION */
  int in_union = 0;
  while (!stopped(e) && !is_punct(e, i, "}")) {
    size_t k = i;
    if (is_type(e, i, VQ_EOF)) {
      confused(e, i);
      break;
    }
    if (is_punct(e, i, "{")) {
      varset child = VITAE_STRMAP_INIT;
      if (!in_union) {
        vitae_strmap_free(&union_out);
        memset(&union_out, 0, sizeof union_out);
        set_union(&union_out, &g.out);
        set_union(&union_out, &g.maybe);
      }
      set_union(&child, &union_out);
      i = group(e, i, NULL, &child, NULL);
      vitae_strmap_free(&child);
      collect_vars(e, k, i, &g.maybe);
      in_union = is_word(e, i, "UNION");
      continue;
    } else if (is_word(e, i, "UNION")) {
      i++;
      if (!is_punct(e, i, "{")) confused(e, i);
      continue;
    } else if (is_word(e, i, "OPTIONAL")) {
      size_t gclose = match_close(e, i + 1);
      varset inner = VITAE_STRMAP_INIT, child = VITAE_STRMAP_INIT;
      collect_vars(e, i + 2, gclose, &inner);
      for (size_t x = 0; x < inner.cap && !stopped(e); x++) {
        const char *v = inner.keys[x];
        if (v && vitae_strmap_get(&g.out, v, 0) && !vitae_strmap_get(&g.certain, v, 0))
          refuse(e, i, "this OPTIONAL uses ?%s, which a pattern outside its enclosing group binds "
                       "while the group's own patterns before the OPTIONAL do not: this SPARQL "
                       "engine (rasqal 0.9.33) evaluates such a nested OPTIONAL with the outer "
                       "value in place, unlike SPARQL; bind ?%s in the group before the OPTIONAL, "
                       "or move the OPTIONAL out of the group", v, v);
      }
      vitae_strmap_free(&inner);
      set_union(&child, &g.out);
      set_union(&child, &g.maybe);
      if (!stopped(e)) i = group(e, i + 1, NULL, &child, &g.maybe);
      vitae_strmap_free(&child);
      collect_vars(e, k, i, &g.maybe);
    } else if (is_word(e, i, "MINUS")) {
      refuse(e, i, "MINUS is not supported by this SPARQL engine (rasqal 0.9.33 fails to run it); "
                   "use OPTIONAL { ... } with FILTER(!BOUND(?v)) instead");
    } else if (is_word(e, i, "GRAPH")) {
      i++;
      if (!(is_type(e, i, VQ_VAR) || is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME))) confused(e, i);
      if (is_type(e, i, VQ_VAR) && is_punct(e, i + 1, "{") && is_punct(e, i + 2, "}")) {
        /* GRAPH ?g {} gives one graph only (rasqal 0.9.33); it is the list
         * of the named graphs. */
        vitae_buf o = VITAE_BUF_INIT;
        vitae_buf_puts(&o, "VALUES (");
        vitae_buf_append(&o, e->S->src + T(e, i)->off, T(e, i)->len);
        vitae_buf_puts(&o, ") {");
        for (const char *const *gr = e->S->graphs; gr && *gr; gr++) vitae_buf_printf(&o, " (<%s>)", *gr);
        vitae_buf_puts(&o, " }");
        replace_range(e, T(e, i - 1)->off, tok_end(e, i + 2), vitae_buf_str(&o));
        vitae_buf_free(&o);
        add_var_tok(e, i, &g.maybe);
        i += 3;
      } else {
        varset child = VITAE_STRMAP_INIT;
        set_union(&child, &g.out);
        set_union(&child, &g.maybe);
        if (is_type(e, i, VQ_VAR)) add_var_tok(e, i, &child);
        e->S->graph_depth++;
        i = group(e, i + 1, NULL, &child, NULL);
        e->S->graph_depth--;
        vitae_strmap_free(&child);
        collect_vars(e, k, i, &g.maybe);
      }
    } else if (is_word(e, i, "SERVICE")) {
      refuse(e, i, "SERVICE (federated query) is not supported: vitae answers from its own store only");
    } else if (is_word(e, i, "FILTER")) {
      i = filter(e, i + 1, &g);
    } else if (is_word(e, i, "BIND")) {
      i = bind(e, i, &g.maybe, &g.out);
      collect_vars(e, k, i, &g.maybe);
    } else if (is_word(e, i, "VALUES")) {
      i = values_block(e, i + 1, &g.out, &g.maybe);
      collect_vars(e, k, i, &g.maybe);
    } else if (is_punct(e, i, ".")) {
      i++;
    } else {
      size_t j = triples(e, i);
      if (j == i) confused(e, i);
      i = j;
      collect_vars(e, k, i, &g.maybe);
      collect_vars(e, k, i, &g.certain);
    }
    in_union = 0;
  }
  if (!stopped(e)) {
    copy_to(e, T(e, i)->off);
    if (g.pending.len) put(e, vitae_buf_str(&g.pending));
    if (close_out) *close_out = e->out->len;
  }
  vitae_strmap_free(&union_out);
  gctx_free(&g);
  return i + 1;
}

/* Writes "{}" for a group (and keeps its line breaks). */
static size_t empty_group(em *e, size_t i, size_t *close_out) {
  size_t close = match_close(e, i);
  copy_to(e, tok_end(e, i));
  skip_to(e, T(e, close)->off);
  if (close_out) *close_out = e->out->len;
  return close + 1;
}

/* ---- queries ---- */

typedef struct level {
  int top, aggregate, grouped, empty;
  vitae_buf pending; /* BINDs for the end of the WHERE group */
  size_t where_close;
  int has_where;
} level;

/* Whether the SELECT at i aggregates and whether it has GROUP BY: looks at
 * its clauses outside braces. */
static void prescan(em *e, size_t i, level *L) {
  int depth = 0;
  for (size_t k = i + 1; k < e->S->t->n; k++) {
    if (is_punct(e, k, "{")) depth++;
    else if (is_punct(e, k, "}")) {
      if (depth == 0) break;
      depth--;
    } else if (depth == 0) {
      if (is_word(e, k, "GROUP") && is_word(e, k + 1, "BY")) L->aggregate = L->grouped = 1;
      else if (is_aggregate_name(e, k) && is_punct(e, k + 1, "(")) L->aggregate = 1;
    }
  }
}

static size_t dataset(em *e, size_t i) {
  if (is_word(e, i, "FROM"))
    refuse(e, i, "FROM and FROM NAMED are not supported: the default graph is the union of all "
                 "named graphs; use GRAPH <iri> { ... } to read one graph");
  return i;
}

static size_t condition(em *e, size_t i, ectx *cx) {
  if (is_punct(e, i, "(")) {
    size_t close = match_close(e, i);
    size_t as = find_as(e, i, close);
    expr(e, i + 1, as ? as : close, cx);
    return close + 1;
  }
  if ((is_type(e, i, VQ_WORD) || is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME)) &&
      is_punct(e, i + 1, "(")) {
    size_t close = match_close(e, i + 1);
    expr(e, i, close + 1, cx);
    return close + 1;
  }
  if (is_type(e, i, VQ_VAR)) return i + 1;
  return i;
}

static size_t modifiers(em *e, size_t i, level *L) {
  for (;;) {
    if (stopped(e)) return i;
    if (is_word(e, i, "GROUP") && is_word(e, i + 1, "BY")) {
      i += 2;
      ectx cx = {&L->pending, NULL, NULL, "in GROUP BY", L->empty, 0, NULL, 0};
      for (size_t j; (j = condition(e, i, &cx)) != i && !stopped(e);) i = j;
    } else if (is_word(e, i, "HAVING")) {
      i++;
      ectx cx = {NULL, NULL, NULL, "in a HAVING condition", L->empty, 0, NULL, 0};
      for (size_t j; (j = condition(e, i, &cx)) != i && !stopped(e);) i = j;
    } else if (is_word(e, i, "ORDER") && is_word(e, i + 1, "BY")) {
      i += 2;
      ectx cx = {L->aggregate ? NULL : &L->pending, NULL, NULL, "in ORDER BY of an aggregate query",
                 L->empty, 0, NULL, 0};
      for (;;) {
        size_t j = i;
        if (is_word(e, j, "DESC") && is_punct(e, j + 1, "(")) {
          /* rasqal 0.9.33 sorts unbound values first under DESC; SPARQL puts
           * them last (they are the lowest): sort on "is bound" first. */
          size_t close = match_close(e, j + 1);
          if (stopped(e)) break;
          char *x = flat_text(e, j + 2, close, &cx);
          vitae_buf o = VITAE_BUF_INIT;
          vitae_buf_printf(&o, "DESC(COALESCE(IF(sameTerm(%s, %s), 1, 1), 0)) DESC(%s)", x, x, x);
          replace_range(e, T(e, j)->off, tok_end(e, close), vitae_buf_str(&o));
          vitae_buf_free(&o);
          free(x);
          i = close + 1;
          continue;
        }
        if (is_word(e, j, "ASC")) j++;
        size_t k = condition(e, j, &cx);
        if (k == j || stopped(e)) break;
        i = k;
      }
    } else if ((is_word(e, i, "LIMIT") || is_word(e, i, "OFFSET")) && is_type(e, i + 1, VQ_NUMBER)) {
      i += 2;
    } else {
      return i;
    }
  }
}


/* ---- aggregate queries ----
 *
 * rasqal 0.9.33 gets aggregates wrong in many ways: COUNT(?x) counts the
 * solutions where ?x is unbound, AVG divides by them too, SUM over no value
 * is unbound, two aggregates that differ only in their variables are taken
 * for one, DISTINCT in one aggregate leaks into or out of another, MIN/MAX
 * of IRIs are unbound, a query without GROUP BY gives no row over no
 * solutions, GROUP_CONCAT ignores its separator.  So an aggregate query is
 * evaluated in two stages:
 *   1. each aggregate on its own, one query per aggregate (and COUNTs for
 *      SUM, AVG, MIN and MAX): SELECT <group keys> (AGG AS ?v) WHERE ...
 *      GROUP BY ...; query.c joins their answers on the group keys;
 *   2. the projection, HAVING (as FILTER), ORDER BY, DISTINCT, LIMIT and
 *      OFFSET over those values, given as VALUES, with each aggregate
 *      replaced by its value. */

typedef struct aggs {
  vitae_buf *hoist;  /* BINDs for the stage-1 WHERE clause */
  vitae_strmap seen; /* normalised aggregate text -> index + 1 */
  size_t n;          /* aggregates */
} aggs;

static void add_column(em *e, const char *expr_text, char kind, size_t index, const char *sep) {
  vq_plan *p0 = e->S->plan;
  size_t src = 0; /* a computed column's 'd' column: the last one */
  for (size_t k = 0; k < p0->nagg_cols; k++)
    if (p0->agg_cols[k].kind == 'd') src = k;
  vq_plan *plan = e->S->plan;
  vq_agg_col *more = realloc(plan->agg_cols, (plan->nagg_cols + 1) * sizeof *more);
  if (!more) return;
  plan->agg_cols = more;
  vq_agg_col *c = &more[plan->nagg_cols++];
  memset(c, 0, sizeof *c);
  c->expr = expr_text ? strdup(expr_text) : NULL;
  c->kind = kind;
  c->src = src;
  snprintf(c->var, sizeof c->var, "%sa%zu%c", plan->hidden, index, kind);
  c->sep = sep ? strdup(sep) : NULL;
}

/* An aggregate call in stage 2 becomes its value (or a formula over its
 * values); stage 1 gets the queries. */
static void collect_aggregate(em *e, size_t name, size_t close, aggs *A, vitae_buf *out) {
  const char *H = e->S->plan->hidden;
  /* the same aggregate written again is the same value */
  vitae_buf norm = VITAE_BUF_INIT;
  for (size_t k = name; k <= close; k++) {
    const vq_token *t = T(e, k);
    for (size_t c = 0; c < t->len; c++) {
      char ch = e->S->src[t->off + c];
      vitae_buf_putc(&norm, t->type == VQ_WORD && ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch);
    }
    vitae_buf_putc(&norm, ' ');
  }
  size_t idx = (size_t)vitae_strmap_get(&A->seen, vitae_buf_str(&norm), 0);
  int fresh = idx == 0;
  if (fresh) {
    idx = ++A->n;
    vitae_strmap_put(&A->seen, vitae_buf_str(&norm), (int64_t)idx);
  }
  vitae_buf_free(&norm);
  char fn[16];
  const vq_token *nt = T(e, name);
  snprintf(fn, sizeof fn, "%.*s", (int)(nt->len < 15 ? nt->len : 15), e->S->src + nt->off);
  for (char *c = fn; *c; c++)
    if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 32);
  /* stage 2 */
  if (!strcmp(fn, "SUM"))
    vitae_buf_printf(out, "IF(?%sa%zuc = 0, 0, ?%sa%zus)", H, idx, H, idx);
  else if (!strcmp(fn, "AVG"))
    vitae_buf_printf(out, "IF(?%sa%zuc = 0, 0, ?%sa%zus / ?%sa%zuc)", H, idx, H, idx, H, idx);
  else if (!strcmp(fn, "COUNT"))
    vitae_buf_printf(out, "?%sa%zuc", H, idx);
  else if (!strcmp(fn, "GROUP_CONCAT"))
    vitae_buf_printf(out, "?%sa%zug", H, idx);
  else
    vitae_buf_printf(out, "?%sa%zum", H, idx);
  if (!fresh) return;
  /* stage 1 */
  size_t a = name + 2, end = close;
  int distinct = is_word(e, a, "DISTINCT");
  if (distinct) a++;
  const char *d = distinct ? "DISTINCT " : "";
  ectx cx = {A->hoist, NULL, NULL, "in an aggregate", 0, 0, NULL, 0};
  if (!strcmp(fn, "COUNT") && is_punct(e, a, "*") && a + 1 == close) {
    vitae_buf t = VITAE_BUF_INIT;
    vitae_buf_printf(&t, "COUNT(%s*)", d);
    add_column(e, vitae_buf_str(&t), 'c', idx, NULL);
    vitae_buf_free(&t);
    return;
  }
  char *sep = NULL;
  if (!strcmp(fn, "GROUP_CONCAT")) {
    for (size_t k = a; k < close; k++)
      if (is_punct(e, k, ";") && is_word(e, k + 1, "SEPARATOR") && is_punct(e, k + 2, "=") &&
          is_type(e, k + 3, VQ_STRING) && k + 4 == close) {
        end = k;
        sep = string_value(e->S->src + T(e, k + 3)->off, T(e, k + 3)->len);
      }
    if (!sep) sep = strdup(" ");
  }
  if (distinct && !strcmp(fn, "COUNT") && is_punct(e, a, "*")) {
    refuse(e, name, "COUNT(DISTINCT *) is not supported by this SPARQL engine (rasqal 0.9.33)");
    free(sep);
    return;
  }
  char *x = flat_text(e, a, end, &cx);
  if (!x) {
    free(sep);
    return;
  }
  vitae_buf t = VITAE_BUF_INIT, c = VITAE_BUF_INIT;
  /* x unbound is an error, which aggregates skip (rasqal counts unbound) */
  vitae_buf_printf(&c, "COUNT(%sIF(sameTerm(%s, %s), %s, " ERR "))", d, x, x, x);
  if (distinct && (!strcmp(fn, "COUNT") || !strcmp(fn, "SUM") || !strcmp(fn, "AVG") ||
                   !strcmp(fn, "GROUP_CONCAT"))) {
    /* DISTINCT is unreliable in rasqal 0.9.33: the distinct values come
     * from GROUP BY (keys..., x), and query.c counts, sums or joins them */
    vitae_buf_printf(&t, "COALESCE(IF(sameTerm(%s, %s), %s, " ERR "), <" UNBOUND_IRI ">)", x, x, x);
    add_column(e, vitae_buf_str(&t), 'd', idx, NULL);
    if (!strcmp(fn, "GROUP_CONCAT")) {
      add_column(e, NULL, 'g', idx, sep);
    } else {
      if (strcmp(fn, "COUNT")) add_column(e, NULL, 's', idx, NULL);
      add_column(e, NULL, 'c', idx, NULL);
    }
  } else if (!strcmp(fn, "COUNT")) {
    add_column(e, vitae_buf_str(&c), 'c', idx, NULL);
  } else if (!strcmp(fn, "SUM") || !strcmp(fn, "AVG")) {
    vitae_buf_printf(&t, "SUM(%s%s)", d, x);
    add_column(e, vitae_buf_str(&t), 's', idx, NULL);
    add_column(e, vitae_buf_str(&c), 'c', idx, NULL);
  } else if (!strcmp(fn, "MIN") || !strcmp(fn, "MAX")) {
    vitae_buf_printf(&t, "%s(%s)", fn, x);
    add_column(e, vitae_buf_str(&t), 'm', idx, NULL);
    add_column(e, vitae_buf_str(&c), 'c', idx, NULL);
  } else if (!strcmp(fn, "SAMPLE")) {
    vitae_buf_printf(&t, "SAMPLE(%s)", x);
    add_column(e, vitae_buf_str(&t), 'm', idx, NULL);
  } else {
    /* items percent-encoded, so that the engine's spaces tell them apart;
     * an empty item is a lone "%" (rasqal drops empty first items) */
    vitae_buf_printf(&t, "GROUP_CONCAT(IF(STRLEN(STR(%s)) = 0, \"%%\", ENCODE_FOR_URI(STR(%s))))", x, x);
    add_column(e, vitae_buf_str(&t), 'g', idx, sep);
  }
  vitae_buf_free(&t);
  vitae_buf_free(&c);
  free(x);
  free(sep);
}

/* Tokens [a, b) for stage 2, one line, with the aggregate calls replaced;
 * nothing else is rewritten (stage 2 goes through the whole analysis). */
static void stage2_text(em *e, size_t a, size_t b, aggs *A, vitae_buf *out) {
  for (size_t k = a; k < b && !stopped(e); k++) {
    if (k > a) vitae_buf_putc(out, ' ');
    if (is_aggregate_name(e, k) && is_punct(e, k + 1, "(")) {
      size_t close = match_close(e, k + 1);
      collect_aggregate(e, k, close, A, out);
      k = close;
      continue;
    }
    if (is_type(e, k, VQ_EOF)) break;
    vitae_buf_append(out, e->S->src + T(e, k)->off, T(e, k)->len);
  }
}

static size_t aggregate_query(em *e, size_t i, level *L) {
  shared *S = e->S;
  vq_plan *plan = S->plan;
  aggs A;
  memset(&A, 0, sizeof A);
  A.hoist = &L->pending;
  vitae_buf s2 = VITAE_BUF_INIT, keys = VITAE_BUF_INIT, skeys = VITAE_BUF_INIT, having = VITAE_BUF_INIT;
  size_t sel = i;
  vitae_buf_append(&s2, S->src, T(e, S->form_tok)->off);
  vitae_buf_puts(&s2, "SELECT ");
  i++;
  int distinct = 0;
  if (is_word(e, i, "DISTINCT") || is_word(e, i, "REDUCED")) {
    distinct = 1;
    vitae_buf_append(&s2, S->src + T(e, i)->off, T(e, i)->len);
    vitae_buf_putc(&s2, ' ');
    i++;
  }
  size_t proj = i;
  if (is_punct(e, i, "*")) {
    confused(e, i);
    goto out;
  }
  for (;;) {
    if (is_type(e, i, VQ_VAR)) {
      i++;
    } else if (is_punct(e, i, "(")) {
      i = match_close(e, i) + 1;
    } else {
      break;
    }
  }
  stage2_text(e, proj, i, &A, &s2);
  if (!distinct) vitae_buf_printf(&s2, " ?%sgi", plan->hidden);
  vitae_buf_puts(&s2, " WHERE { \x02");
  size_t proj_end = i;
  i = dataset(e, i);
  if (stopped(e)) goto out;
  if (is_word(e, i, "WHERE")) i++;
  /* stage 1: the projection becomes the keys and one aggregate */
  copy_to(e, T(e, sel)->off);
  put(e, "SELECT ");
  size_t keys_at = e->out->len;
  put(e, "\x01 ");
  skip_to(e, T(e, proj_end)->off);
  i = group(e, i, &L->where_close, NULL, NULL);
  if (stopped(e)) goto out;
  /* GROUP BY stays in stage 1; its variables are the keys */
  if (is_word(e, i, "GROUP") && is_word(e, i + 1, "BY")) {
    plan->grouped = 1;
    /* the groups: rasqal 0.9.33 gives one group, with unbound keys and a
     * COUNT(*) of 1, over no solution: a variable bound in every real
     * solution tells them apart */
    {
      vitae_buf z = VITAE_BUF_INIT;
      vitae_buf_printf(&L->pending, " BIND(1 AS ?%sz) ", plan->hidden);
      vitae_buf_printf(&z, "COUNT(IF(sameTerm(?%sz, ?%sz), ?%sz, " ERR "))", plan->hidden, plan->hidden,
                       plan->hidden);
      add_column(e, vitae_buf_str(&z), 'n', 0, NULL);
      vitae_buf_free(&z);
    }
    size_t gb = i;
    i += 2;
    ectx cx = {&L->pending, NULL, NULL, "in GROUP BY", 0, 0, NULL, 0};
    unsigned nkey = 0;
    for (;;) {
      /* rasqal 0.9.33 merges groups whose keys are unbound: each key is
       * bound, to a stand-in for "unbound" when it is not (query.c maps it
       * back), and grouped on under a variable of its own */
      char *x = NULL;
      size_t name = 0;
      if (is_type(e, i, VQ_VAR)) {
        name = i;
        x = strndup(S->src + T(e, i)->off, T(e, i)->len);
        i++;
      } else if (is_punct(e, i, "(")) {
        size_t close = match_close(e, i), as = find_as(e, i, close);
        if (!as || !is_type(e, as + 1, VQ_VAR)) {
          refuse(e, i, "GROUP BY an expression without AS ?name is not supported: name it, as in "
                       "GROUP BY (STR(?x) AS ?s)");
          goto out;
        }
        name = as + 1;
        x = flat_text(e, i + 1, as, &cx);
        i = close + 1;
      } else if ((is_type(e, i, VQ_WORD) || is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME)) &&
                 is_punct(e, i + 1, "(") && !is_word(e, i, "HAVING")) {
        refuse(e, i, "GROUP BY an expression without AS ?name is not supported: name it, as in "
                     "GROUP BY (STR(?x) AS ?s)");
        goto out;
      } else {
        break;
      }
      nkey++;
      vitae_buf_putc(&keys, ' ');
      vitae_buf_append(&keys, S->src + T(e, name)->off, T(e, name)->len);
      vitae_buf_printf(&skeys, " ?%sk%u", plan->hidden, nkey);
      vitae_buf_printf(&L->pending, " BIND(COALESCE(%s, <" UNBOUND_IRI ">) AS ?%sk%u) ", x ? x : "",
                       plan->hidden, nkey);
      free(x);
      if (stopped(e)) goto out;
    }
    copy_to(e, T(e, gb)->off);
    put(e, "GROUP BY");
    put(e, vitae_buf_str(&skeys));
    skip_to(e, T(e, i)->off);
  }
  copy_to(e, T(e, i)->off);
  put(e, " \x04 ");
  insert_at(e->out, keys_at, skeys.data ? skeys.data : "", skeys.len);
  if (skeys.len) insert_at(e->out, keys_at + skeys.len, " ", 1);
  L->where_close += skeys.len + (skeys.len ? 1 : 0); /* it moved with them */
  /* HAVING, ORDER BY, LIMIT, OFFSET: stage 2 */
  size_t mods = i;
  for (;;) {
    if (is_word(e, i, "HAVING")) {
      i++;
      for (;;) {
        size_t start = i;
        if (is_punct(e, i, "(")) i = match_close(e, i) + 1;
        else if ((is_type(e, i, VQ_WORD) || is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME)) &&
                 is_punct(e, i + 1, "("))
          i = match_close(e, i + 1) + 1;
        else break;
        vitae_buf_puts(&having, " FILTER(");
        stage2_text(e, start, i, &A, &having);
        vitae_buf_puts(&having, ")");
      }
    } else if (is_word(e, i, "ORDER") && is_word(e, i + 1, "BY")) {
      size_t start = i;
      i += 2;
      for (;;) {
        size_t j = i;
        if (is_word(e, j, "ASC") || is_word(e, j, "DESC")) j++;
        if (is_type(e, j, VQ_VAR)) i = j + 1;
        else if (is_punct(e, j, "(")) i = match_close(e, j) + 1;
        else if ((is_type(e, j, VQ_WORD) || is_type(e, j, VQ_IRI) || is_type(e, j, VQ_PNAME)) &&
                 is_punct(e, j + 1, "("))
          i = match_close(e, j + 1) + 1;
        else break;
      }
      vitae_buf_putc(&having, 0x03); /* ORDER BY goes after the group */
      stage2_text(e, start, i, &A, &having);
    } else if ((is_word(e, i, "LIMIT") || is_word(e, i, "OFFSET")) && is_type(e, i + 1, VQ_NUMBER)) {
      vitae_buf_putc(&having, 0x03);
      stage2_text(e, i, i + 2, &A, &having);
      i += 2;
    } else {
      break;
    }
    if (stopped(e)) goto out;
  }
  copy_to(e, T(e, mods)->off);
  skip_to(e, T(e, i)->off);
  /* stage 2: FILTERs inside the group, ORDER BY and the rest after it */
  {
    const char *h = vitae_buf_str(&having);
    const char *mark = strchr(h, 0x03);
    size_t filters = mark ? (size_t)(mark - h) : strlen(h);
    vitae_buf_append(&s2, h, filters);
    vitae_buf_puts(&s2, " }");
    for (const char *p = mark; p && *p; p++)
      vitae_buf_putc(&s2, *p == 0x03 ? ' ' : *p);
  }
  vitae_buf_puts(&s2, "");
  plan->stage2 = vitae_buf_take(&s2);
  vitae_buf_puts(&keys, "");
  plan->keys = vitae_buf_take(&keys);
  plan->distinct = distinct;
out:
  vitae_buf_free(&s2);
  vitae_buf_free(&keys);
  vitae_buf_free(&skeys);
  vitae_buf_free(&having);
  vitae_strmap_free(&A.seen);
  return i;
}

/* A sub-SELECT as a query of its own: the prologue and its text. */
static void add_sub(em *e, size_t first, size_t last) {
  shared *S = e->S;
  vitae_buf *b = &S->subs;
  vitae_buf_append(b, S->src, T(e, S->form_tok)->off);
  vitae_buf_append(b, S->src + T(e, first)->off, tok_end(e, last) - T(e, first)->off);
  vitae_buf_append(b, "", 1); /* NUL-separated */
  const vq_token *t = T(e, first);
  long col = t->col - (t->line == 1 ? (long)S->shift : 0);
  vitae_buf_printf(&S->subpos, "%ld %ld %zu %zu", t->line, col > 0 ? col : 1, t->off, tok_end(e, last));
  vitae_buf_append(&S->subpos, "", 1);
}

/* The outer SELECT (sub-SELECTs are queries of their own: see group()). */
static size_t select_query(em *e, size_t i, int top) {
  level L = {top, 0, 0, 0, VITAE_BUF_INIT, 0, 0};
  prescan(e, i, &L);
  if (top && L.aggregate && !L.grouped) e->S->top_empty_case = 1;
  if (top) L.empty = e->S->empty_top;
  if (top && L.aggregate && !e->S->no_decompose) {
    i = aggregate_query(e, i, &L);
    goto out_pending;
  }
  i++; /* SELECT */
  if (is_word(e, i, "DISTINCT") || is_word(e, i, "REDUCED")) i++;
  if (is_punct(e, i, "*")) {
    i++;
  } else {
    int any = 0;
    for (;;) {
      if (is_type(e, i, VQ_VAR)) {
        i++;
      } else if (is_punct(e, i, "(")) {
        size_t close = match_close(e, i);
        size_t as = find_as(e, i, close);
        if (!as || !is_type(e, as + 1, VQ_VAR) || as + 2 != close) {
          confused(e, i);
          break;
        }
        int whole_gc = is_word(e, i + 1, "GROUP_CONCAT") && is_punct(e, i + 2, "(") &&
                       match_close(e, i + 2) == as - 1;
        ectx cx = {L.aggregate ? NULL : &L.pending, NULL, NULL,
                   "in a SELECT expression of an aggregate query", L.empty, top && whole_gc, e->S->src + T(e, as + 1)->off + 1,
                   T(e, as + 1)->len - 1};
        expr(e, i + 1, as, &cx);
        i = close + 1;
      } else {
        break;
      }
      any = 1;
      if (stopped(e)) return i;
    }
    if (!any) confused(e, i);
  }
  if (top) i = dataset(e, i);
  if (stopped(e)) return i;
  if (is_word(e, i, "WHERE")) i++;
  i = L.empty ? empty_group(e, i, &L.where_close) : group(e, i, &L.where_close, NULL, NULL);
  if (stopped(e)) goto out;
  i = modifiers(e, i, &L);
  if (!top && is_word(e, i, "VALUES")) i = values_block(e, i + 1, NULL, NULL);
out_pending:
  if (L.pending.len && !stopped(e)) insert_at(e->out, L.where_close, L.pending.data, L.pending.len);
out:
  vitae_buf_free(&L.pending);
  return i;
}

static const char *const UPDATE_WORDS[] = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP",
                                           "COPY", "MOVE", "ADD", "WITH", NULL};

static void query(em *e) {
  shared *S = e->S;
  vq_plan *plan = S->plan;
  size_t i = 0;
  for (;;) {
    if (is_word(e, i, "BASE") && is_type(e, i + 1, VQ_IRI)) i += 2;
    else if (is_word(e, i, "PREFIX") && is_type(e, i + 1, VQ_PNAME) && is_type(e, i + 2, VQ_IRI)) i += 3;
    else break;
  }
  S->form_tok = i;
  for (const char *const *w = UPDATE_WORDS; *w; w++)
    if (is_word(e, i, *w)) {
      refuse(e, i, "SPARQL Update (%s) is not supported: vitae changes its data only through "
                   "'vitae load', 'vitae extract' and 'vitae drop'", *w);
      return;
    }
  level L = {1, 0, 0, 0, VITAE_BUF_INIT, 0, 0};
  if (is_word(e, i, "SELECT")) {
    plan->form = VQ_FORM_SELECT;
    i = select_query(e, i, 1);
  } else if (is_word(e, i, "ASK") || is_word(e, i, "CONSTRUCT")) {
    plan->form = is_word(e, i, "ASK") ? VQ_FORM_ASK : VQ_FORM_CONSTRUCT;
    i++;
    int short_form = 0;
    if (plan->form == VQ_FORM_CONSTRUCT) {
      if (is_punct(e, i, "{")) {
        /* the template: triples only */
        size_t close = match_close(e, i);
        size_t j = i + 1;
        while (!stopped(e) && j < close) {
          if (is_punct(e, j, ".")) {
            j++;
            continue;
          }
          size_t k = triples(e, j);
          if (k == j) {
            confused(e, j);
            break;
          }
          j = k;
        }
        i = close + 1;
      } else {
        short_form = 1;
      }
    }
    i = dataset(e, i);
    if (is_word(e, i, "WHERE")) i++;
    else if (short_form) confused(e, i);
    if (!stopped(e)) i = group(e, i, &L.where_close, NULL, NULL);
    if (!stopped(e)) i = modifiers(e, i, &L);
    if (L.pending.len && !stopped(e)) insert_at(e->out, L.where_close, L.pending.data, L.pending.len);
  } else if (is_word(e, i, "DESCRIBE")) {
    plan->form = VQ_FORM_DESCRIBE;
    size_t d = i++;
    vitae_buf vars = VITAE_BUF_INIT, iris = VITAE_BUF_INIT;
    int star = 0;
    if (is_punct(e, i, "*")) {
      star = 1;
      i++;
    } else {
      while (is_type(e, i, VQ_VAR) || is_type(e, i, VQ_IRI) || is_type(e, i, VQ_PNAME)) {
        const vq_token *t = T(e, i);
        if (t->type == VQ_VAR) {
          vitae_buf_puts(&vars, " ");
          vitae_buf_append(&vars, S->src + t->off, t->len);
        } else {
          vitae_buf_puts(&iris, " (");
          vitae_buf_append(&iris, S->src + t->off, t->len);
          vitae_buf_printf(&iris, " AS ?d%u)", ++S->hid);
        }
        i++;
      }
      if (!vars.len && !iris.len) confused(e, i);
    }
    if (iris.len) {
      vitae_buf q = VITAE_BUF_INIT;
      vitae_buf_append(&q, S->src, T(e, d)->off);
      vitae_buf_printf(&q, "SELECT%s WHERE {}", vitae_buf_str(&iris));
      plan->describe_iris = vitae_buf_take(&q);
    }
    vitae_buf_free(&iris);
    copy_to(e, T(e, d)->off);
    put(e, "SELECT DISTINCT");
    put(e, star ? " *" : vitae_buf_str(&vars));
    skip_to(e, T(e, i)->off);
    put(e, " ");
    i = dataset(e, i);
    int has_where = 0;
    if (is_word(e, i, "WHERE")) {
      i++;
      has_where = 1;
    }
    if (is_punct(e, i, "{")) {
      has_where = 1;
      if (!stopped(e)) i = group(e, i, &L.where_close, NULL, NULL);
      if (!stopped(e)) i = modifiers(e, i, &L);
      if (L.pending.len && !stopped(e)) insert_at(e->out, L.where_close, L.pending.data, L.pending.len);
    } else if (has_where) {
      confused(e, i);
    }
    if (!vars.len && !star) S->no_text = 1;
    else if (!has_where) confused(e, i);
    vitae_buf_free(&vars);
  } else {
    confused(e, i);
  }
  vitae_buf_free(&L.pending);
  if (stopped(e)) return;
  if (is_word(e, i, "VALUES")) {
    if (S->empty_top) {
      size_t end = values_block(e, i + 1, NULL, NULL);
      copy_to(e, T(e, i)->off);
      skip_to(e, T(e, end)->off);
      i = end;
    } else {
      i = values_block(e, i + 1, NULL, NULL);
    }
  }
  if (!stopped(e) && !is_type(e, i, VQ_EOF)) confused(e, i);
}

/* ---- the driver ---- */

void vq_plan_free(vq_plan *plan) {
  if (!plan) return;
  free(plan->text);
  free(plan->empty_text);
  for (size_t i = 0; i < plan->nconcat; i++) {
    free(plan->concat[i].var);
    free(plan->concat[i].sep);
  }
  free(plan->concat);
  for (size_t i = 0; i < plan->nsubs; i++) free(plan->subs[i]);
  free(plan->subs);
  free(plan->sub_line);
  free(plan->sub_col);
  free(plan->sub_off);
  free(plan->sub_end);
  free(plan->describe_iris);
  for (size_t i = 0; i < plan->nagg_cols; i++) {
    free(plan->agg_cols[i].expr);
    free(plan->agg_cols[i].sep);
  }
  free(plan->agg_cols);
  free(plan->stage2);
  free(plan->keys);
  memset(plan, 0, sizeof *plan);
}

static int hidden_clash(const vq_tokens *t, const char *prefix) {
  size_t k = strlen(prefix);
  for (size_t i = 0; i < t->n; i++)
    if (t->v[i].type == VQ_VAR && t->v[i].len > k && !strncmp(t->text + t->v[i].off + 1, prefix, k))
      return 1;
  return 0;
}

static vitae_status run_pass(const vq_tokens *toks, const char *text, size_t shift,
                             const char *const *sub_values, int empty_top,
                             const char *const *graphs, vq_plan *plan, shared *S, char **out_text,
                             vitae_error *err) {
  memset(S, 0, sizeof *S);
  S->graphs = graphs;
  S->t = toks;
  S->src = text;
  S->shift = shift;
  S->err = err;
  S->plan = plan;
  S->sub_values = sub_values;
  S->empty_top = empty_top;
  vitae_buf out = VITAE_BUF_INIT;
  em e = {S, &out, 0, 0};
  query(&e);
  copy_to(&e, strlen(text));
  if (out.failed && !S->failed) {
    vitae_buf_free(&out);
    vitae_buf_free(&S->subs);
    vitae_buf_free(&S->subpos);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  if (S->confused && !S->failed) {
    const vq_token *t = &toks->v[S->confused_tok < toks->n ? S->confused_tok : toks->n - 1];
    long col = t->col - (t->line == 1 ? (long)shift : 0);
    vitae_error_set(err, VITAE_ERR_SYNTAX, "query", t->line, col > 0 ? col : 1,
                    "vitae's query analysis does not understand the query here, so it does not "
                    "run it (its answer could be wrong)");
  }
  if (S->failed || S->confused) {
    vitae_buf_free(&out);
    vitae_buf_free(&S->subs);
    vitae_buf_free(&S->subpos);
    return S->failed ? VITAE_ERR_QUERY : VITAE_ERR_SYNTAX;
  }
  vitae_buf_puts(&out, "");
  *out_text = vitae_buf_take(&out);
  return VITAE_OK;
}

vitae_status vq_plan_make(const char *text, size_t shift, const char *const *sub_values,
                          const char *const *graphs, vq_plan *plan, vitae_error *err) {
  memset(plan, 0, sizeof *plan);
  vq_tokens toks;
  if (vq_lex(text, &toks) != 0) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; i < toks.n; i++) {
    if (toks.v[i].type == VQ_BAD) {
      vq_tokens_free(&toks);
      return VITAE_ERR_SYNTAX;
    }
    /* raptor keeps a language tag's length in a byte: a longer tag would
     * overrun its buffer (see VQ_MAX_LANG_BYTES) */
    if (toks.v[i].type == VQ_LANGTAG && toks.v[i].len - 1 > VQ_MAX_LANG_BYTES) {
      const vq_token *t = &toks.v[i];
      long col = t->line == 1 ? t->col - (long)shift : t->col;
      vitae_error_set(err, VITAE_ERR_QUERY, "query", t->line, col > 0 ? col : 1,
                      "a language tag of %zu bytes; the store takes %d at most", t->len - 1,
                      VQ_MAX_LANG_BYTES);
      vq_tokens_free(&toks);
      return VITAE_ERR_QUERY;
    }
  }
  strcpy(plan->hidden, "__vq");
  while (hidden_clash(&toks, plan->hidden) && strlen(plan->hidden) < sizeof plan->hidden - 2)
    strcat(plan->hidden, "x");
  shared S;
  char *main_text = NULL;
  vitae_status st = run_pass(&toks, text, shift, sub_values, 0, graphs, plan, &S, &main_text, err);
  if (st != VITAE_OK) {
    vq_tokens_free(&toks);
    vq_plan_free(plan);
    return st;
  }
  int no_text = S.no_text, top_empty_case = S.top_empty_case;
  /* the outermost sub-SELECTs, to evaluate on their own */
  if (S.subs.len) {
    size_t n = 0;
    for (size_t k = 0; k < S.subs.len; k++) n += S.subs.data[k] == '\0';
    plan->subs = calloc(n + 1, sizeof *plan->subs);
    plan->sub_line = calloc(n + 1, sizeof *plan->sub_line);
    plan->sub_col = calloc(n + 1, sizeof *plan->sub_col);
    plan->sub_off = calloc(n + 1, sizeof *plan->sub_off);
    plan->sub_end = calloc(n + 1, sizeof *plan->sub_end);
    if (plan->subs && plan->sub_line && plan->sub_col && plan->sub_off && plan->sub_end) {
      for (size_t k = 0; k < S.subs.len; k += strlen(S.subs.data + k) + 1)
        plan->subs[plan->nsubs++] = strdup(S.subs.data + k);
      size_t j = 0;
      for (size_t k = 0; k < S.subpos.len && j < n; k += strlen(S.subpos.data + k) + 1, j++)
        sscanf(S.subpos.data + k, "%ld %ld %zu %zu", &plan->sub_line[j], &plan->sub_col[j],
               &plan->sub_off[j], &plan->sub_end[j]);
    }
  }
  vitae_buf_free(&S.subs);
  vitae_buf_free(&S.subpos);
  if (no_text) free(main_text);
  else plan->text = main_text;
  if (plan->form == VQ_FORM_SELECT && top_empty_case && !plan->stage2) {
    vq_plan scratch;
    memset(&scratch, 0, sizeof scratch);
    strcpy(scratch.hidden, plan->hidden);
    st = run_pass(&toks, text, shift, sub_values, 1, graphs, &scratch, &S, &plan->empty_text, err);
    vitae_buf_free(&S.subs);
    vitae_buf_free(&S.subpos);
    vq_plan_free(&scratch);
  }
  vq_tokens_free(&toks);
  if (st != VITAE_OK) vq_plan_free(plan);
  return st;
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *vq_concat_decode(const char *enc, size_t len, const char *sep, size_t *out_len) {
  vitae_buf b = VITAE_BUF_INIT;
  size_t seplen = strlen(sep);
  int first = 1;
  size_t i = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && enc[j] != ' ') j++;
    if (!first) vitae_buf_append(&b, sep, seplen);
    first = 0;
    if (!(j == i + 1 && enc[i] == '%')) /* a lone "%" is the empty string */
      for (size_t k = i; k < j; k++) {
        if (enc[k] == '%' && k + 2 < j && hexval(enc[k + 1]) >= 0 && hexval(enc[k + 2]) >= 0) {
          vitae_buf_putc(&b, (char)(hexval(enc[k + 1]) * 16 + hexval(enc[k + 2])));
          k += 2;
        } else {
          vitae_buf_putc(&b, enc[k]);
        }
      }
    i = j + 1;
  }
  vitae_buf_puts(&b, "");
  if (out_len) *out_len = b.len;
  return vitae_buf_take(&b);
}
