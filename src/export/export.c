/* Deterministic RDF writers (see export.h).
 *
 * Every statement gets a sort key made of the N-Triples forms of its graph,
 * subject, predicate and object joined by '\1'.  No term's N-Triples form
 * holds a byte below 0x20 (those are escaped), so comparing whole keys with
 * strcmp() orders by (graph, subject, predicate, object), puts the default
 * graph ("") first and IRIs ('<') before blank nodes ('_'), and equal keys
 * are exactly the duplicates.  The keys live in one arena so that a million
 * statements cost one allocation, not a million. */
#include "export/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/vocab.h"
#include "export/align.h"
#include "export/internal.h"
#include "export/ntcollect.h"

#define INDENT "    "


/* ---- formats ---- */

int vitae_rdf_format_parse(const char *name, vitae_rdf_format *out) {
  static const struct { const char *name; vitae_rdf_format f; } names[] = {
      {"turtle", VITAE_RDF_TURTLE}, {"ttl", VITAE_RDF_TURTLE}, {"ntriples", VITAE_RDF_NTRIPLES},
      {"nt", VITAE_RDF_NTRIPLES},   {"nquads", VITAE_RDF_NQUADS}, {"nq", VITAE_RDF_NQUADS},
      {"trig", VITAE_RDF_TRIG},     {"rdfxml", VITAE_RDF_RDFXML}, {"xml", VITAE_RDF_RDFXML},
      {"jsonld", VITAE_RDF_JSONLD}, {"json-ld", VITAE_RDF_JSONLD}, {"dot", VITAE_RDF_DOT}};
  if (!name) return -1;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (!strcmp(name, names[i].name)) {
      *out = names[i].f;
      return 0;
    }
  }
  return -1;
}

int vitae_rdf_format_has_graphs(vitae_rdf_format format) {
  return format == VITAE_RDF_NQUADS || format == VITAE_RDF_TRIG || format == VITAE_RDF_JSONLD;
}

int vitae_rdf_format_has_parts(vitae_rdf_format format) {
  return format != VITAE_RDF_RDFXML && format != VITAE_RDF_DOT;
}

const char *vitae_rdf_format_media_type(vitae_rdf_format format) {
  switch (format) {
  case VITAE_RDF_TURTLE: return "text/turtle";
  case VITAE_RDF_NTRIPLES: return "application/n-triples";
  case VITAE_RDF_NQUADS: return "application/n-quads";
  case VITAE_RDF_TRIG: return "application/trig";
  case VITAE_RDF_RDFXML: return "application/rdf+xml";
  case VITAE_RDF_JSONLD: return "application/ld+json";
  case VITAE_RDF_DOT: return "text/vnd.graphviz";
  }
  return "application/octet-stream";
}

/* ---- N-Triples term forms ---- */

static int is_alnum(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int xp_put(vitae_buf *b, const char *s, size_t n) {
  return vitae_buf_append(b, s, n) == VITAE_OK;
}
int xp_puts(vitae_buf *b, const char *s) { return vitae_buf_puts(b, s) == VITAE_OK; }

size_t xp_utf8_seq(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  size_t len;
  unsigned long cp;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) len = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) len = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) len = 4, cp = c & 0x07;
  else return 0;
  if (n < len) return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3f);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

/* Which bytes need an escape: bit 1 in a literal (controls, '"', '\\',
 * DEL), bit 2 in an IRI (controls, space, DEL and <>"{}|^`\\); bytes >=
 * 0x80 (UTF-8) always pass through.  A table, not a strchr() per byte:
 * that was a sixth of the time of `vitae extract --format ntriples`, whose
 * output is ten to twenty times its input. */
#define ESC_LIT(c) ((c) < 0x20 || (c) == '"' || (c) == '\\' || (c) == 0x7f)
#define ESC_IRI(c)                                                                        \
  ((c) <= 0x20 || (c) == 0x7f || (c) == '<' || (c) == '>' || (c) == '"' || (c) == '{' || \
   (c) == '}' || (c) == '|' || (c) == '^' || (c) == '`' || (c) == '\\')
#define ESC(c) ((c) < 0x80 ? (ESC_LIT(c) ? 1 : 0) | (ESC_IRI(c) ? 2 : 0) : 0)
#define ESC4(c) ESC(c), ESC((c) + 1), ESC((c) + 2), ESC((c) + 3)
#define ESC16(c) ESC4(c), ESC4((c) + 4), ESC4((c) + 8), ESC4((c) + 12)
#define ESC64(c) ESC16(c), ESC16((c) + 16), ESC16((c) + 32), ESC16((c) + 48)
static const unsigned char ESCAPE[256] = {ESC64(0), ESC64(64), ESC64(128), ESC64(192)};
#undef ESC64
#undef ESC16
#undef ESC4
#undef ESC
#undef ESC_IRI
#undef ESC_LIT

/* The escape of a byte that needs one (see above). */
static const char *escape_for(unsigned char c, int iri, char tmp[8]) {
  if (!iri) {
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
  }
  snprintf(tmp, 8, "\\u%04X", c);
  return tmp;
}

/* Append s[0..n) escaped; runs of plain bytes are copied in one go. */
static int put_escaped(vitae_buf *b, const unsigned char *s, size_t n, int iri) {
  const unsigned char bit = iri ? 2 : 1;
  size_t run = 0;
  char tmp[8];
  for (size_t i = 0;; i++) {
    while (i < n && !(ESCAPE[s[i]] & bit)) i++;
    if (i == n) break;
    if (!xp_put(b, (const char *)s + run, i - run) || !xp_puts(b, escape_for(s[i], iri, tmp))) return 0;
    run = i + 1;
  }
  return xp_put(b, (const char *)s + run, n - run);
}

/* The N-Triples form of the C string s (an IRI when iri, else a literal's
 * text): one pass finds its end and whether anything needs an escape (a
 * NUL needs one in either table), and a clean string is copied whole. */
static int put_nt_string(vitae_buf *b, const char *s, int iri) {
  const unsigned char *u = (const unsigned char *)s, bit = iri ? 2 : 1;
  size_t i = 0;
  while (!(ESCAPE[u[i]] & bit)) i++;
  if (u[i]) { /* something to escape: the general way */
    size_t n = i + strlen(s + i);
    return iri ? xp_put_nt_iri(b, s, n) : xp_put_nt_literal(b, s, n);
  }
  if (vitae_buf_reserve(b, i + 2) != VITAE_OK) return 0;
  char *w = b->data + b->len;
  w[0] = iri ? '<' : '"';
  memcpy(w + 1, s, i);
  w[i + 1] = iri ? '>' : '"';
  b->len += i + 2;
  b->data[b->len] = '\0';
  return 1;
}

int xp_put_nt_iri_z(vitae_buf *b, const char *s) { return put_nt_string(b, s, 1); }
int xp_put_nt_literal_z(vitae_buf *b, const char *s) { return put_nt_string(b, s, 0); }

int xp_put_nt_iri(vitae_buf *b, const char *s, size_t n) {
  return xp_puts(b, "<") && put_escaped(b, (const unsigned char *)s, n, 1) && xp_puts(b, ">");
}

static int put_iri(vitae_buf *b, raptor_uri *uri) {
  size_t n;
  const unsigned char *s = raptor_uri_as_counted_string(uri, &n);
  return xp_put_nt_iri(b, (const char *)s, n);
}

/* Blank node labels are written with [A-Za-z0-9_] only.  A label already of
 * that form (starting with a letter or '_', and not with "u_") is kept;
 * any other becomes "u_" then the label with each other byte as _HH.  The
 * two forms cannot meet and the encoding is reversible, so distinct labels
 * stay distinct and the same label always gives the same output. */
static int label_is_clean(const unsigned char *s, size_t n) {
  if (n == 0 || !(is_alnum(s[0]) || s[0] == '_') || (s[0] >= '0' && s[0] <= '9')) return 0;
  if (n >= 2 && s[0] == 'u' && s[1] == '_') return 0;
  for (size_t i = 0; i < n; i++)
    if (!is_alnum(s[i]) && s[i] != '_') return 0;
  return 1;
}

int xp_put_label(vitae_buf *b, const unsigned char *s, size_t n) {
  if (label_is_clean(s, n)) return xp_put(b, (const char *)s, n);
  if (!xp_puts(b, "u_")) return 0;
  for (size_t i = 0; i < n; i++) {
    int ok = is_alnum(s[i]) ? vitae_buf_putc(b, (char)s[i]) == VITAE_OK
                            : vitae_buf_printf(b, "_%02X", s[i]) == VITAE_OK;
    if (!ok) return 0;
  }
  return 1;
}

int xp_put_nt_literal(vitae_buf *b, const char *s, size_t n) {
  return xp_puts(b, "\"") && put_escaped(b, (const unsigned char *)s, n, 0) && xp_puts(b, "\"");
}

static int put_literal_body(vitae_buf *b, const raptor_term *t) {
  const raptor_term_literal_value *l = &t->value.literal;
  return xp_put_nt_literal(b, (const char *)l->string, l->string_len);
}

/* The N-Triples form of a term; NULL (the default graph) writes nothing. */
static int put_nt(vitae_buf *b, const raptor_term *t) {
  if (!t) return 1;
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI: return put_iri(b, t->value.uri);
  case RAPTOR_TERM_TYPE_BLANK:
    return xp_puts(b, "_:") && xp_put_label(b, t->value.blank.string, t->value.blank.string_len);
  case RAPTOR_TERM_TYPE_LITERAL:
    if (!put_literal_body(b, t)) return 0;
    if (t->value.literal.language && t->value.literal.language_len)
      return xp_puts(b, "@") && xp_put(b, (const char *)t->value.literal.language,
                                  t->value.literal.language_len);
    if (t->value.literal.datatype) return xp_puts(b, "^^") && put_iri(b, t->value.literal.datatype);
    return 1;
  case RAPTOR_TERM_TYPE_UNKNOWN: break;
  }
  return xp_puts(b, "<>"); /* not produced by raptor or librdf */
}

/* ---- Turtle term forms ---- */

/* A prefixed name's local part we are willing to write: simple enough that
 * every Turtle reader agrees on it (no escapes, no trailing dot). */
static int local_is_safe(const char *s, size_t n) {
  if (n == 0 || !(s[0] == '_' || (is_alnum((unsigned char)s[0]) && !(s[0] >= '0' && s[0] <= '9'))))
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!is_alnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-') return 0;
  return 1;
}

const vitae_prefix *xp_prefix_for(const char *s, size_t n) {
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix; p++) {
    size_t k = strlen(p->iri);
    if (n > k && !strncmp(s, p->iri, k) && local_is_safe(s + k, n - k)) return p;
  }
  return NULL;
}

/* The Turtle form of an IRI from its N-Triples form "<...>": a prefixed name
 * when a contract prefix fits.  The escaped form serves as well as the IRI
 * itself: no prefix holds a byte that needs an escape, and an escape ('\\')
 * makes a local part unsafe just as the byte it stands for does. */
static int put_ttl_iri_nt(vitae_buf *b, const char *nt, size_t n) {
  const vitae_prefix *p = n >= 2 ? xp_prefix_for(nt + 1, n - 2) : NULL;
  if (!p) return xp_put(b, nt, n);
  size_t k = strlen(p->iri);
  return xp_puts(b, p->prefix) && xp_puts(b, ":") && xp_put(b, nt + 1 + k, n - 2 - k);
}

int xp_is_rdf_type(const raptor_term *t) {
  return t->type == RAPTOR_TERM_TYPE_URI &&
         !strcmp((const char *)raptor_uri_as_string(t->value.uri), RDF_TYPE);
}

int xp_nt_is_rdf_type(const char *nt, size_t n) {
  static const char T[] = "<" RDF_TYPE ">";
  return n == sizeof T - 1 && !memcmp(nt, T, n);
}

/* The Turtle form of a term from its N-Triples form (a field of a key):
 * IRIs and datatypes as prefixed names where they can be; literals with a
 * language, blank nodes and other IRIs as they are.  A literal's closing
 * quote is its last '"' (a datatype IRI writes '"' as an escape). */
static int put_ttl_nt(vitae_buf *b, const char *nt, size_t n) {
  if (n && nt[0] == '<') return put_ttl_iri_nt(b, nt, n);
  if (n && nt[0] == '"') {
    const char *q = nt + n;
    while (q > nt + 1 && q[-1] != '"') q--;
    size_t body = (size_t)(q - nt);
    if (n - body > 3 && q[0] == '^' && q[1] == '^')
      return xp_put(b, nt, body + 2) && put_ttl_iri_nt(b, q + 2, n - body - 2);
  }
  return xp_put(b, nt, n);
}

/* ---- sort keys ---- */

/* The N-Triples forms of IRIs already written into the arena, by raptor_uri
 * (a statement holds its URIs, so a pointer means one IRI for the whole
 * sort): an extraction names each IRI about fifteen times, and IRIs are
 * nine tenths of its output.  Direct-mapped, a slot per hash, overwritten
 * on collision, so memory stays fixed whatever the number of statements. */
#define IRI_MEMO_SLOTS 1024 /* 24 KB: a bigger memo, freed per document, made malloc hand
                             * its pages back and fault them in again each time */
typedef struct iri_memo {
  const raptor_uri *uri[IRI_MEMO_SLOTS];
  size_t off[IRI_MEMO_SLOTS], len[IRI_MEMO_SLOTS];
} iri_memo;

static int put_nt_memo(vitae_buf *arena, const raptor_term *t, iri_memo *memo) {
  if (!memo || !t || t->type != RAPTOR_TERM_TYPE_URI) return put_nt(arena, t);
  const raptor_uri *u = t->value.uri;
  size_t slot = ((uintptr_t)u >> 4) * 11400714819323198485ull >> 54; /* top 10 bits */
  if (memo->uri[slot] == u) {
    size_t len = memo->len[slot];
    /* reserve first: the copy comes from the arena itself, which may move */
    if (vitae_buf_reserve(arena, len) != VITAE_OK) return 0;
    memcpy(arena->data + arena->len, arena->data + memo->off[slot], len);
    arena->len += len;
    arena->data[arena->len] = '\0';
    return 1;
  }
  size_t off = arena->len;
  if (!put_nt(arena, t)) return 0;
  memo->uri[slot] = u;
  memo->off[slot] = off;
  memo->len[slot] = arena->len - off;
  return 1;
}

static int put_key(vitae_buf *arena, const raptor_statement *s, int with_graph, iri_memo *memo) {
  return (!with_graph || put_nt_memo(arena, s->graph, memo)) && vitae_buf_putc(arena, KEY_SEP) == VITAE_OK &&
         put_nt_memo(arena, s->subject, memo) && vitae_buf_putc(arena, KEY_SEP) == VITAE_OK &&
         put_nt_memo(arena, s->predicate, memo) && vitae_buf_putc(arena, KEY_SEP) == VITAE_OK &&
         put_nt_memo(arena, s->object, memo) && xp_put(arena, "", 1); /* keeps the NUL */
}

static int cmp_item(const void *a, const void *b) {
  const xp_item *x = a, *y = b;
  int d = strcmp(x->key.ptr, y->key.ptr);
  if (d) return d;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Fill items (sorted, keys in arena) and reorder statements to match. */
vitae_status xp_sort_items(raptor_statement **statements, size_t n, int with_graph,
                               xp_item *items, vitae_buf *arena, vitae_error *err) {
  /* (without memory for the memo, every IRI is written afresh) */
  iri_memo *memo = n > 64 ? calloc(1, sizeof *memo) : NULL;
  for (size_t i = 0; i < n; i++) {
    items[i].st = statements[i];
    items[i].idx = i;
    items[i].key.off = arena->len;
    if (!put_key(arena, statements[i], with_graph, memo)) {
      free(memo);
      return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
  }
  free(memo);
  for (size_t i = 0; i < n; i++) items[i].key.ptr = arena->data + items[i].key.off;
  if (n) qsort(items, n, sizeof *items, cmp_item); /* items is NULL when n is 0 */
  for (size_t i = 0; i < n; i++) statements[i] = items[i].st;
  return VITAE_OK;
}

/* The i-th field (0 graph, 1 subject, 2 predicate, 3 object) of a key. */
const char *xp_key_field(const char *key, int i, size_t *len) {
  for (; i > 0; i--) key = strchr(key, KEY_SEP) + 1;
  const char *end = strchr(key, KEY_SEP);
  *len = end ? (size_t)(end - key) : strlen(key);
  return key;
}

int xp_same_field(const xp_item *a, const xp_item *b, int field) {
  size_t la, lb;
  const char *fa = xp_key_field(a->key.ptr, field, &la), *fb = xp_key_field(b->key.ptr, field, &lb);
  return la == lb && !memcmp(fa, fb, la);
}

/* Index of the next item after i that is not a duplicate of i. */
size_t xp_next_distinct(const xp_item *items, size_t n, size_t i) {
  size_t j = i + 1;
  while (j < n && !strcmp(items[j].key.ptr, items[i].key.ptr)) j++;
  return j;
}

/* ---- output ---- */

vitae_status xp_write_buf(vitae_buf *b, FILE *out, vitae_error *err) {
  if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
    return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the export");
  vitae_buf_reset(b);
  if (ferror(out)) return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the export");
  return VITAE_OK;
}

static vitae_status finish_output(FILE *out, vitae_error *err) {
  if (fflush(out) != 0 || ferror(out))
    return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the export");
  return VITAE_OK;
}

vitae_status xp_nomem(vitae_error *err) {
  return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* N-Triples and N-Quads: the key already holds each term's form. */
static vitae_status write_lines(const xp_item *items, size_t n, int quads, FILE *out,
                                vitae_error *err) {
  vitae_buf b = VITAE_BUF_INIT;
  vitae_status st = VITAE_OK;
  /* room for what is written at once (below), so that the buffer is not
   * grown by doubling for every document (when this fails, it grows) */
  if (n && vitae_buf_reserve(&b, 65536 + 4096) != VITAE_OK) b.failed = 0;
  for (size_t i = 0; i < n && st == VITAE_OK; i = xp_next_distinct(items, n, i)) {
    /* the key is "graph\1subject\1predicate\1object": copied whole, its two
     * separators becoming spaces (no term's form holds the separator) */
    const char *key = items[i].key.ptr, *spo = strchr(key, KEY_SEP) + 1;
    size_t glen = (size_t)(spo - 1 - key), len = strlen(spo);
    /* the whole line is written into the room reserved for it */
    if (vitae_buf_reserve(&b, len + glen + 4) != VITAE_OK) {
      st = xp_nomem(err);
      break;
    }
    char *w = b.data + b.len, *sep;
    memcpy(w, spo, len);
    for (int k = 0; k < 2 && (sep = memchr(w, KEY_SEP, len - (size_t)(w - (b.data + b.len)))); k++) {
      *sep = ' ';
      w = sep + 1;
    }
    b.len += len;
    if (quads && glen) {
      b.data[b.len++] = ' ';
      memcpy(b.data + b.len, key, glen);
      b.len += glen;
    }
    memcpy(b.data + b.len, " .\n", 4); /* (with the NUL) */
    b.len += 3;
    if (b.len >= 65536) st = xp_write_buf(&b, out, err);
  }
  if (st == VITAE_OK) st = xp_write_buf(&b, out, err);
  vitae_buf_free(&b);
  return st;
}

static int put_prefixes(vitae_buf *b) {
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix; p++)
    if (vitae_buf_printf(b, "@prefix %s: <%s> .\n", p->prefix, p->iri) != VITAE_OK) return 0;
  return 1;
}

/* The field of an item's key (0 graph, 1 subject, 2 predicate, 3 object). */
static const char *field_of(const xp_item *it, int field, size_t *len) {
  return xp_key_field(it->key.ptr, field, len);
}

static int is_type_item(const xp_item *it) {
  size_t n;
  const char *p = field_of(it, 2, &n);
  return xp_nt_is_rdf_type(p, n);
}

/* One predicate with its objects: "p o1, o2".  items[i..end) share the
 * subject; returns the index after the predicate's run. */
static size_t put_predicate(vitae_buf *b, const xp_item *items, size_t i, size_t end,
                            int *ok) {
  size_t n;
  const char *p = field_of(&items[i], 2, &n);
  *ok = (xp_nt_is_rdf_type(p, n) ? xp_puts(b, "a") : put_ttl_nt(b, p, n)) && xp_puts(b, " ");
  size_t j = i;
  for (; *ok && j < end && xp_same_field(&items[j], &items[i], 2); j = xp_next_distinct(items, end, j)) {
    const char *o = field_of(&items[j], 3, &n);
    *ok = (j == i || xp_puts(b, ", ")) && put_ttl_nt(b, o, n);
  }
  return j;
}

/* One subject block over items[i..end): "s a C ; p o, o ; q o ." with
 * rdf:type first.  Returns 0 when out of memory. */
static int put_block(vitae_buf *b, const xp_item *items, size_t i, size_t end,
                     const char *indent) {
  size_t n;
  const char *subj = field_of(&items[i], 1, &n);
  int ok = xp_puts(b, indent) && put_ttl_nt(b, subj, n), first = 1;
  /* Two passes over the run: rdf:type first, then the rest in key order. */
  for (int pass = 0; pass < 2 && ok; pass++) {
    for (size_t j = i; j < end && ok;) {
      if (is_type_item(&items[j]) != (pass == 0)) {
        j++;
        continue;
      }
      ok = first ? xp_puts(b, " ") : (xp_puts(b, " ;\n") && xp_puts(b, indent) && xp_puts(b, INDENT));
      first = 0;
      if (ok) j = put_predicate(b, items, j, end, &ok);
    }
  }
  return ok && xp_puts(b, " .\n");
}

/* Subject blocks for items[i..end) (one graph, or everything). */
static vitae_status write_blocks(const xp_item *items, size_t i, size_t end,
                                 const char *indent, vitae_buf *b, FILE *out, vitae_error *err) {
  vitae_status st = VITAE_OK;
  for (size_t j = i; j < end && st == VITAE_OK;) {
    size_t k = j + 1;
    while (k < end && xp_same_field(&items[k], &items[j], 1)) k++;
    if ((j > i && !xp_puts(b, "\n")) || !put_block(b, items, j, k, indent)) return xp_nomem(err);
    if (b->len >= 65536) st = xp_write_buf(b, out, err);
    j = k;
  }
  return st;
}

/* Turtle (one anonymous graph) and TriG (graph runs; the default graph
 * first, outside braces). */
static vitae_status write_turtle(const xp_item *items, size_t n, int trig, FILE *out,
                                 vitae_error *err) {
  vitae_buf b = VITAE_BUF_INIT;
  vitae_status st = put_prefixes(&b) ? VITAE_OK : xp_nomem(err);
  for (size_t i = 0; i < n && st == VITAE_OK;) {
    size_t end = i + 1, glen;
    while (end < n && (!trig || xp_same_field(&items[end], &items[i], 0))) end++;
    const char *g = xp_key_field(items[i].key.ptr, 0, &glen);
    int named = trig && glen > 0;
    if (!xp_puts(&b, "\n") || (named && (!xp_put(&b, g, glen) || !xp_puts(&b, " {\n")))) {
      st = xp_nomem(err);
      break;
    }
    st = write_blocks(items, i, end, named ? INDENT : "", &b, out, err);
    if (st == VITAE_OK && named && !xp_puts(&b, "}\n")) st = xp_nomem(err);
    i = end;
  }
  if (st == VITAE_OK) st = xp_write_buf(&b, out, err);
  vitae_buf_free(&b);
  return st;
}

/* ---- RDF/XML through raptor ---- */

/* A term the XML writer can use: blank labels made XML names. */
static raptor_term *xml_term(raptor_world *world, raptor_term *t, vitae_buf *tmp) {
  if (t->type != RAPTOR_TERM_TYPE_BLANK) return raptor_term_copy(t);
  vitae_buf_reset(tmp);
  if (!xp_put_label(tmp, t->value.blank.string, t->value.blank.string_len)) return NULL;
  return raptor_new_term_from_counted_blank(world, (const unsigned char *)vitae_buf_str(tmp),
                                            tmp->len);
}

static int serialize_one(raptor_world *world, raptor_serializer *ser, raptor_statement *s,
                         vitae_buf *tmp) {
  raptor_term *sub = xml_term(world, s->subject, tmp);
  raptor_term *obj = xml_term(world, s->object, tmp);
  raptor_statement *copy =
      raptor_new_statement_from_nodes(world, sub, raptor_term_copy(s->predicate), obj, NULL);
  if (!copy) return -1;
  int rc = (!copy->subject || !copy->predicate || !copy->object)
               ? -1
               : raptor_serializer_serialize_statement(ser, copy);
  raptor_free_statement(copy);
  return rc;
}

/* raptor's XML writer drops, with at most a log message and a success
 * return, what XML 1.0 cannot hold: C0 controls but tab, LF and CR; DEL;
 * U+FFFE and U+FFFF.  So such text is refused before anything is written. */
static int xml_safe(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = s[i];
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 0;
    if (c == 0xef && i + 2 < n && s[i + 1] == 0xbf && (s[i + 2] == 0xbe || s[i + 2] == 0xbf))
      return 0;
  }
  return 1;
}

/* Whether rdfxml-abbrev can write the predicate as an element name (it
 * silently skips the triple otherwise).  This mirrors raptor 2.0.15's
 * raptor_new_qname_from_resource(): a declared namespace followed by an
 * XML name, else the longest suffix that is an XML name, which must not be
 * the whole IRI. */
static int xml_splittable(raptor_uri *uri) {
  size_t n;
  const unsigned char *s = raptor_uri_as_counted_string(uri, &n);
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix; p++) {
    size_t k = strlen(p->iri);
    if (n > k && !memcmp(s, p->iri, k) && raptor_xml_name_check(s + k, n - k, 10)) return 1;
  }
  if (raptor_xml_name_check(s, n, 10)) return 0;
  for (size_t i = 1; i < n; i++)
    if (raptor_xml_name_check(s + i, n - i, 10)) return 1;
  return 0;
}

static int xml_term_ok(const raptor_term *t) {
  size_t n;
  const unsigned char *s;
  if (t->type == RAPTOR_TERM_TYPE_LITERAL) {
    if (!xml_safe(t->value.literal.string, t->value.literal.string_len)) return 0;
    if (!t->value.literal.datatype) return 1;
    s = raptor_uri_as_counted_string(t->value.literal.datatype, &n);
    return xml_safe(s, n);
  }
  if (t->type != RAPTOR_TERM_TYPE_URI) return 1;
  s = raptor_uri_as_counted_string(t->value.uri, &n);
  return xml_safe(s, n);
}

/* Refuse, before writing, what raptor would silently leave out. */
static vitae_status rdfxml_check(const xp_item *items, size_t n, vitae_error *err) {
  for (size_t i = 0; i < n; i = xp_next_distinct(items, n, i)) {
    const raptor_statement *s = items[i].st;
    if (s->predicate->type != RAPTOR_TERM_TYPE_URI)
      return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "RDF/XML cannot write a predicate that is not an IRI");
    if (!xml_splittable(s->predicate->value.uri))
      return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "RDF/XML cannot write predicate <%s>: it does not end in an XML "
                             "name; use another --format",
                             raptor_uri_as_string(s->predicate->value.uri));
    if (!xml_term_ok(s->subject) || !xml_term_ok(s->object))
      return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "RDF/XML cannot write a triple of %s: it holds a character XML "
                             "1.0 forbids; use another --format",
                             s->subject->type == RAPTOR_TERM_TYPE_URI
                                 ? (const char *)raptor_uri_as_string(s->subject->value.uri)
                                 : "(a blank node)");
  }
  return VITAE_OK;
}

static vitae_status write_rdfxml(raptor_world *world, const xp_item *items, size_t n,
                                 FILE *out, vitae_error *err) {
  vitae_status st = rdfxml_check(items, n, err);
  if (st != VITAE_OK) return st;
  raptor_serializer *ser = raptor_new_serializer(world, "rdfxml-abbrev");
  if (!ser) return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                                   "raptor has no rdfxml-abbrev serializer");
  int rc = 0;
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix && !rc; p++) {
    if (!strcmp(p->iri, RDF_NS)) continue; /* raptor declares rdf: itself, refuses it twice */
    raptor_uri *u = raptor_new_uri(world, (const unsigned char *)p->iri);
    rc = !u || raptor_serializer_set_namespace(ser, u, (const unsigned char *)p->prefix);
    if (u) raptor_free_uri(u);
  }
  if (!rc) rc = raptor_serializer_start_to_file_handle(ser, NULL, out);
  vitae_buf tmp = VITAE_BUF_INIT;
  for (size_t i = 0; i < n && !rc; i = xp_next_distinct(items, n, i))
    rc = serialize_one(world, ser, items[i].st, &tmp);
  if (!rc) rc = raptor_serializer_serialize_end(ser);
  raptor_free_serializer(ser);
  vitae_buf_free(&tmp);
  if (rc)
    return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0,
                           "cannot write RDF/XML (some predicate IRIs cannot be XML names?)");
  return finish_output(out, err);
}

/* ---- entry points ---- */

void vitae_export_writer_init(vitae_export_writer *w, raptor_world *world,
                              vitae_rdf_format format, FILE *out) {
  memset(w, 0, sizeof *w);
  w->world = world;
  w->format = format;
  w->out = out;
}

static vitae_status write_items(vitae_export_writer *w, const xp_item *items, size_t n,
                                vitae_error *err) {
  switch (w->format) {
  case VITAE_RDF_NTRIPLES: return write_lines(items, n, 0, w->out, err);
  case VITAE_RDF_NQUADS: return write_lines(items, n, 1, w->out, err);
  case VITAE_RDF_TURTLE: return write_turtle(items, n, 0, w->out, err);
  case VITAE_RDF_TRIG: return write_turtle(items, n, 1, w->out, err);
  case VITAE_RDF_RDFXML: return write_rdfxml(w->world, items, n, w->out, err);
  case VITAE_RDF_DOT: return xp_dot_write(items, n, w->out, err);
  case VITAE_RDF_JSONLD:
    /* the opening waits for the first part: a part may be refused first */
    return xp_jsonld_items(items, n, &w->begun, &w->objects, w->out, err);
  }
  return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0, "unknown export format");
}

static vitae_status check_parts(const vitae_export_writer *w, vitae_error *err) {
  if (w->parts && !vitae_rdf_format_has_parts(w->format))
    return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                           "%s cannot be written in parts; use another --format",
                           w->format == VITAE_RDF_DOT ? "Graphviz" : "RDF/XML");
  return VITAE_OK;
}

/* Write one part's sorted items. */
static vitae_status write_part(vitae_export_writer *w, const xp_item *items, size_t n,
                               vitae_error *err) {
  vitae_status st = write_items(w, items, n, err);
  if (st == VITAE_OK) {
    w->parts++;
    st = finish_output(w->out, err);
  }
  return st;
}

vitae_status vitae_export_writer_part(vitae_export_writer *w, raptor_statement **statements,
                                      size_t n, vitae_error *err) {
  vitae_status st = check_parts(w, err);
  if (st != VITAE_OK) return st;
  xp_item *items = n ? malloc(n * sizeof *items) : NULL;
  if (n && !items) return xp_nomem(err);
  vitae_buf arena = VITAE_BUF_INIT;
  st = xp_sort_items(statements, n, vitae_rdf_format_has_graphs(w->format), items, &arena, err);
  if (st == VITAE_OK) st = write_part(w, items, n, err);
  vitae_buf_free(&arena);
  free(items);
  return st;
}

int vitae_rdf_format_from_keys(vitae_rdf_format format) {
  return format == VITAE_RDF_NTRIPLES || format == VITAE_RDF_NQUADS || format == VITAE_RDF_TURTLE ||
         format == VITAE_RDF_TRIG;
}

vitae_status vitae_export_writer_part_nt(vitae_export_writer *w, const vitae_nt_collector *c,
                                         vitae_error *err) {
  if (!vitae_rdf_format_from_keys(w->format))
    return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                           "this format is not written from N-Triples forms");
  if (c->failed) return xp_nomem(err);
  size_t n = c->n;
  xp_item *items = n ? malloc(n * sizeof *items) : NULL;
  if (n && !items) return xp_nomem(err);
  for (size_t i = 0; i < n; i++) {
    items[i].st = NULL;
    items[i].key.ptr = c->keys.data + c->offs[i];
    items[i].idx = i;
  }
  if (n) qsort(items, n, sizeof *items, cmp_item);
  vitae_status st = write_part(w, items, n, err);
  free(items);
  return st;
}

vitae_status vitae_export_writer_finish(vitae_export_writer *w, vitae_error *err) {
  vitae_status st = VITAE_OK;
  if (w->format == VITAE_RDF_JSONLD) {
    if (!w->begun) st = xp_jsonld_begin(w->out, err);
    if (st == VITAE_OK) st = xp_jsonld_end(w->objects, w->out, err);
    w->begun = 0;
  } else if (w->format == VITAE_RDF_DOT && !w->parts) {
    st = xp_dot_write(NULL, 0, w->out, err); /* an empty graph is still a graph */
  }
  return st == VITAE_OK ? finish_output(w->out, err) : st;
}

vitae_status vitae_export_statements(raptor_world *world, raptor_statement **statements,
                                     size_t n, vitae_rdf_format format, FILE *out,
                                     vitae_error *err) {
  vitae_export_writer w;
  vitae_export_writer_init(&w, world, format, out);
  vitae_status st = vitae_export_writer_part(&w, statements, n, err);
  return st == VITAE_OK ? vitae_export_writer_finish(&w, err) : st;
}

vitae_status vitae_export_statements_mem(raptor_world *world, raptor_statement **statements,
                                         size_t n, vitae_rdf_format format, char **data,
                                         size_t *len, vitae_error *err) {
  *data = NULL;
  *len = 0;
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  if (!f) return xp_nomem(err);
  vitae_status st = vitae_export_statements(world, statements, n, format, f, err);
  if (fclose(f) != 0 && st == VITAE_OK) st = xp_nomem(err);
  if (st != VITAE_OK) {
    free(buf);
    return st;
  }
  *data = buf;
  *len = size;
  return VITAE_OK;
}

/* A growing array of owned statements. */
typedef struct stmt_list {
  raptor_statement **v;
  size_t n, cap;
} stmt_list;

static void stmt_list_free(stmt_list *l) {
  for (size_t i = 0; i < l->n; i++) raptor_free_statement(l->v[i]);
  free(l->v);
}

static int stmt_list_grow(stmt_list *l, size_t more) {
  if (l->n + more <= l->cap) return 1;
  size_t cap = l->cap ? l->cap : 4096;
  while (cap < l->n + more) cap *= 2;
  raptor_statement **v = realloc(l->v, cap * sizeof *v);
  if (!v) return 0;
  l->v = v;
  l->cap = cap;
  return 1;
}

/* Our own statement with the stream's terms (terms are reference counted
 * and never changed, but the stream reuses its statement object, so that
 * must not be shared) and the graph it came from. */
static int stmt_list_add(stmt_list *l, raptor_world *rw, const raptor_statement *s,
                         raptor_term *graph) {
  if (!stmt_list_grow(l, 1)) return 0;
  raptor_statement *c = raptor_new_statement_from_nodes(
      rw, raptor_term_copy(s->subject), raptor_term_copy(s->predicate),
      raptor_term_copy(s->object), graph ? raptor_term_copy(graph) : NULL);
  if (!c) return 0;
  l->v[l->n++] = c;
  return 1;
}

vitae_status vitae_export_stream(librdf_world *world, librdf_stream *stream,
                                 vitae_rdf_format format, FILE *out, vitae_error *err) {
  raptor_world *rw = librdf_world_get_raptor(world);
  stmt_list l = {0};
  vitae_status st = VITAE_OK;
  for (; stream && st == VITAE_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *s = librdf_stream_get_object(stream); /* shared */
    if (s && s->subject && s->predicate && s->object &&
        !stmt_list_add(&l, rw, s, librdf_stream_get_context2(stream)))
      st = xp_nomem(err);
  }
  if (st == VITAE_OK) st = vitae_export_statements(rw, l.v, l.n, format, out, err);
  stmt_list_free(&l);
  return st;
}

static vitae_status read_graph(vitae_store *store, const char *iri, stmt_list *l,
                               vitae_error *err) {
  librdf_world *w = vitae_store_world(store);
  raptor_world *rw = librdf_world_get_raptor(w);
  librdf_node *ctx = librdf_new_node_from_uri_string(w, (const unsigned char *)iri);
  if (!ctx) return xp_nomem(err);
  librdf_stream *stream = librdf_model_context_as_stream(vitae_store_model(store), ctx);
  vitae_status st = VITAE_OK;
  if (!stream)
    st = vitae_error_set(err, VITAE_ERR_STORE, NULL, 0, 0, "cannot read graph <%s>", iri);
  for (; st == VITAE_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *s = librdf_stream_get_object(stream); /* shared */
    if (s && !stmt_list_add(l, rw, s, ctx)) st = xp_nomem(err);
  }
  if (stream) librdf_free_stream(stream);
  librdf_free_node(ctx);
  return st;
}

static int excluded(const char *const *exclude, const char *iri) {
  for (; exclude && *exclude; exclude++)
    if (!strcmp(*exclude, iri)) return 1;
  return 0;
}

/* Append the aligned triples of l's statements to l (they own them). */
static vitae_status add_aligned(raptor_world *rw, stmt_list *l, int per_graph, vitae_error *err) {
  raptor_statement **aligned = NULL;
  size_t n = 0;
  vitae_status st = vitae_align_statements(rw, NULL, l->v, l->n, per_graph, &aligned, &n, err);
  if (st == VITAE_OK && !stmt_list_grow(l, n)) st = xp_nomem(err);
  if (st != VITAE_OK) {
    vitae_align_free(aligned, n);
    return st;
  }
  memcpy(l->v + l->n, aligned, n * sizeof *aligned);
  l->n += n;
  free(aligned); /* the array only: the statements are l's now */
  return VITAE_OK;
}

vitae_status vitae_export_store_options(vitae_store *store, const vitae_export_options *options,
                                        vitae_rdf_format format, FILE *out, vitae_error *err) {
  const char *graph_iri = options->graph_iri;
  if (graph_iri && !vitae_store_has_graph(store, graph_iri))
    return vitae_error_set(err, VITAE_ERR_NOTFOUND, NULL, 0, 0, "no graph <%s> in the store",
                           graph_iri);
  char **graphs = NULL;
  vitae_status st = graph_iri ? VITAE_OK : vitae_store_list_graphs(store, &graphs, err);
  stmt_list l = {0};
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(store));
  vitae_store_capture_errors(store, err, NULL);
  if (graph_iri && st == VITAE_OK) st = read_graph(store, graph_iri, &l, err);
  for (char **g = graphs; g && *g && st == VITAE_OK; g++)
    if (!excluded(options->exclude, *g)) st = read_graph(store, *g, &l, err);
  if (st == VITAE_OK && options->align)
    st = add_aligned(rw, &l, vitae_rdf_format_has_graphs(format), err);
  if (st == VITAE_OK && err && err->status != VITAE_OK) st = err->status;
  if (st == VITAE_OK) st = vitae_export_statements(rw, l.v, l.n, format, out, err);
  vitae_store_capture_errors(store, NULL, NULL);
  stmt_list_free(&l);
  vitae_store_free_list(graphs);
  return st;
}

vitae_status vitae_export_store(vitae_store *store, const char *graph_iri,
                                vitae_rdf_format format, FILE *out, vitae_error *err) {
  vitae_export_options o = {graph_iri, NULL, 0};
  return vitae_export_store_options(store, &o, format, out, err);
}

vitae_status vitae_export_store_except(vitae_store *store, const char *graph_iri,
                                       const char *const *exclude, vitae_rdf_format format,
                                       FILE *out, vitae_error *err) {
  vitae_export_options o = {graph_iri, exclude, 0};
  return vitae_export_store_options(store, &o, format, out, err);
}
