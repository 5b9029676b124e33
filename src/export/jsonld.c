/* The JSON-LD writer (see export.h for the document's shape).
 *
 * The items come sorted as for TriG, so a subject's statements are one run
 * and a predicate's objects one run inside it: a run becomes a node object,
 * in the same order as the Turtle export.  Before anything is written the
 * items are checked for what JSON-LD cannot say exactly (an IRI that a
 * processor would read as a compact IRI or as a relative one, text that is
 * not UTF-8), so a refused part leaves the output as it was. */
#include <stdlib.h>
#include <string.h>

#include "export/internal.h"

#define FLUSH_AT 65536

/* ---- checks ---- */

static int utf8_valid(const unsigned char *s, size_t n) {
  for (size_t i = 0, k; i < n; i += k)
    if (!(k = xp_utf8_seq(s + i, n - i))) return 0;
  return 1;
}

static int is_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* Whether an IRI can be written: compacted with a contract prefix, or in
 * full when it is absolute (scheme ':' ...) and its scheme is no prefix of
 * the context (a processor would expand "vt:x" with the context). */
static int iri_writable(raptor_uri *uri) {
  size_t n;
  const char *s = (const char *)raptor_uri_as_counted_string(uri, &n);
  if (xp_prefix_for(s, n)) return 1;
  if (!utf8_valid((const unsigned char *)s, n) || n == 0 || !is_alpha((unsigned char)s[0]))
    return 0;
  size_t k = 1;
  while (k < n && (is_alpha((unsigned char)s[k]) || (s[k] >= '0' && s[k] <= '9') ||
                   s[k] == '+' || s[k] == '-' || s[k] == '.'))
    k++;
  if (k == n || s[k] != ':') return 0;
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix; p++)
    if (strlen(p->prefix) == k && !strncmp(p->prefix, s, k)) return 0;
  return 1;
}

static const char *term_problem(const raptor_term *t) {
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    return iri_writable(t->value.uri) ? NULL : "an IRI that is not absolute or reads as a compact IRI";
  case RAPTOR_TERM_TYPE_BLANK: return NULL;
  case RAPTOR_TERM_TYPE_LITERAL:
    if (!utf8_valid(t->value.literal.string, t->value.literal.string_len) ||
        (t->value.literal.language &&
         !utf8_valid(t->value.literal.language, t->value.literal.language_len)))
      return "text that is not UTF-8";
    if (t->value.literal.datatype && !iri_writable(t->value.literal.datatype))
      return "a datatype IRI that is not absolute or reads as a compact IRI";
    return NULL;
  case RAPTOR_TERM_TYPE_UNKNOWN: break;
  }
  return "an unknown kind of term";
}

static vitae_status check_items(const xp_item *items, size_t n, vitae_error *err) {
  for (size_t i = 0; i < n; i = xp_next_distinct(items, n, i)) {
    const raptor_statement *s = items[i].st;
    const char *why = NULL;
    if (s->subject->type == RAPTOR_TERM_TYPE_LITERAL) why = "a literal subject";
    else if (s->predicate->type != RAPTOR_TERM_TYPE_URI) why = "a predicate that is not an IRI";
    else if (s->graph && s->graph->type == RAPTOR_TERM_TYPE_LITERAL) why = "a literal graph name";
    if (!why) why = term_problem(s->subject);
    if (!why) why = term_problem(s->predicate);
    if (!why) why = term_problem(s->object);
    if (!why && s->graph) why = term_problem(s->graph);
    if (why) {
      size_t len;
      const char *key = xp_key_field(items[i].key.ptr, 1, &len);
      return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "JSON-LD cannot write a triple of %.*s: it holds %s; use another "
                             "--format",
                             (int)(len > 200 ? 200 : len), key, why);
    }
  }
  return VITAE_OK;
}

/* ---- JSON forms ---- */

/* A JSON string: quote, backslash and C0 controls escaped, the rest (valid
 * UTF-8, checked before) as it is. */
static int put_json(vitae_buf *b, const char *s, size_t n) {
  if (!xp_puts(b, "\"")) return 0;
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char tmp[8];
    const char *e = NULL;
    switch (c) {
    case '"': e = "\\\""; break;
    case '\\': e = "\\\\"; break;
    case '\n': e = "\\n"; break;
    case '\r': e = "\\r"; break;
    case '\t': e = "\\t"; break;
    case '\b': e = "\\b"; break;
    case '\f': e = "\\f"; break;
    default:
      if (c < 0x20) {
        snprintf(tmp, sizeof tmp, "\\u%04x", c);
        e = tmp;
      }
    }
    if (!e) continue;
    if (!xp_put(b, s + run, i - run) || !xp_puts(b, e)) return 0;
    run = i + 1;
  }
  return xp_put(b, s + run, n - run) && xp_puts(b, "\"");
}

static int put_json_iri(vitae_buf *b, raptor_uri *uri) {
  size_t n;
  const char *s = (const char *)raptor_uri_as_counted_string(uri, &n);
  const vitae_prefix *p = xp_prefix_for(s, n);
  if (!p) return put_json(b, s, n);
  vitae_buf tmp = VITAE_BUF_INIT;
  size_t k = strlen(p->iri);
  int ok = xp_puts(&tmp, p->prefix) && xp_puts(&tmp, ":") && xp_put(&tmp, s + k, n - k) &&
           put_json(b, tmp.data, tmp.len);
  vitae_buf_free(&tmp);
  return ok;
}

/* A node reference as a string: a (compact) IRI or "_:label". */
static int put_ref(vitae_buf *b, const raptor_term *t) {
  if (t->type == RAPTOR_TERM_TYPE_URI) return put_json_iri(b, t->value.uri);
  /* clean labels ([A-Za-z0-9_]) need no escaping */
  return xp_puts(b, "\"_:") &&
         xp_put_label(b, t->value.blank.string, t->value.blank.string_len) && xp_puts(b, "\"");
}

/* An object: {"@id"} for nodes; a plain string for a literal with neither
 * datatype nor language; else a value object with "@language" or "@type"
 * (an explicit xsd:string too, so that it comes back as it was). */
static int put_value(vitae_buf *b, const raptor_term *t) {
  if (t->type != RAPTOR_TERM_TYPE_LITERAL)
    return xp_puts(b, "{\"@id\": ") && put_ref(b, t) && xp_puts(b, "}");
  const raptor_term_literal_value *l = &t->value.literal;
  const char *s = (const char *)l->string;
  int lang = l->language && l->language_len;
  if (!lang && !l->datatype) return put_json(b, s, l->string_len);
  if (!xp_puts(b, "{\"@value\": ") || !put_json(b, s, l->string_len)) return 0;
  if (lang)
    return xp_puts(b, ", \"@language\": ") &&
           put_json(b, (const char *)l->language, l->language_len) && xp_puts(b, "}");
  return xp_puts(b, ", \"@type\": ") && put_json_iri(b, l->datatype) && xp_puts(b, "}");
}

/* ---- node objects ---- */

static int put_indent(vitae_buf *b, int depth) {
  for (int i = 0; i < depth; i++)
    if (!xp_puts(b, "  ")) return 0;
  return 1;
}

enum { ALL, IRIS, NOT_IRIS }; /* which objects of a run to write */

static int wanted(const raptor_term *o, int which) {
  return which == ALL || (which == IRIS) == (o->type == RAPTOR_TERM_TYPE_URI);
}

/* The objects of the predicate run items[i..end) as a value or an array of
 * values; as_type: as "@type" strings. */
static int put_values(vitae_buf *b, const xp_item *items, size_t i, size_t end, int which,
                      int as_type, int depth) {
  size_t count = 0;
  for (size_t j = i; j < end; j = xp_next_distinct(items, end, j))
    count += wanted(items[j].st->object, which);
  int ok = count == 1 || xp_puts(b, "[");
  size_t k = 0;
  for (size_t j = i; j < end && ok; j = xp_next_distinct(items, end, j)) {
    const raptor_term *o = items[j].st->object;
    if (!wanted(o, which)) continue;
    if (count > 1) ok = xp_puts(b, k ? ",\n" : "\n") && put_indent(b, depth + 1);
    ok = ok && (as_type ? put_ref(b, o) : put_value(b, o));
    k++;
  }
  if (ok && count > 1) ok = xp_puts(b, "\n") && put_indent(b, depth) && xp_puts(b, "]");
  return ok;
}

static int put_key(vitae_buf *b, const char *key_json, const raptor_term *p, int depth) {
  return xp_puts(b, ",\n") && put_indent(b, depth) &&
         (key_json ? xp_puts(b, key_json) : put_json_iri(b, p->value.uri)) && xp_puts(b, ": ");
}

/* The node object of the subject run items[i..end): "@id", "@type" (the
 * IRI objects of rdf:type), then each predicate in key order (rdf:type
 * again for objects that are not IRIs). */
static int put_node(vitae_buf *b, const xp_item *items, size_t i, size_t end, int depth) {
  int ok = put_indent(b, depth) && xp_puts(b, "{\n") && put_indent(b, depth + 1) &&
           xp_puts(b, "\"@id\": ") && put_ref(b, items[i].st->subject);
  for (int pass = 0; pass < 2 && ok; pass++) {
    for (size_t j = i; j < end && ok;) {
      size_t k = j + 1;
      while (k < end && xp_same_field(&items[k], &items[j], 2)) k++;
      const raptor_term *p = items[j].st->predicate;
      int type = xp_is_rdf_type(p), iris = 0, others = 0;
      for (size_t m = j; m < k; m++) {
        if (items[m].st->object->type == RAPTOR_TERM_TYPE_URI) iris = 1;
        else others = 1;
      }
      if (pass == 0 && type && iris)
        ok = put_key(b, "\"@type\"", p, depth + 1) && put_values(b, items, j, k, IRIS, 1, depth + 1);
      else if (pass == 1 && type && others)
        ok = put_key(b, NULL, p, depth + 1) && put_values(b, items, j, k, NOT_IRIS, 0, depth + 1);
      else if (pass == 1 && !type)
        ok = put_key(b, NULL, p, depth + 1) && put_values(b, items, j, k, ALL, 0, depth + 1);
      j = k;
    }
  }
  return ok && xp_puts(b, "\n") && put_indent(b, depth) && xp_puts(b, "}");
}

/* The node objects of items[i..end) (one graph), separated by commas. */
static vitae_status put_nodes(vitae_buf *b, const xp_item *items, size_t i, size_t end, int depth,
                              int first, FILE *out, vitae_error *err) {
  for (size_t j = i; j < end;) {
    size_t k = j + 1;
    while (k < end && xp_same_field(&items[k], &items[j], 1)) k++;
    if (!xp_puts(b, first && j == i ? "\n" : ",\n") || !put_node(b, items, j, k, depth))
      return xp_nomem(err);
    if (b->len >= FLUSH_AT) {
      vitae_status st = xp_write_buf(b, out, err);
      if (st != VITAE_OK) return st;
    }
    j = k;
  }
  return VITAE_OK;
}

/* ---- the document ---- */

vitae_status xp_jsonld_begin(FILE *out, vitae_error *err) {
  vitae_buf b = VITAE_BUF_INIT;
  int ok = xp_puts(&b, "{\n  \"@context\": {");
  for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix && ok; p++)
    ok = xp_puts(&b, p == VITAE_PREFIXES ? "\n    " : ",\n    ") &&
         put_json(&b, p->prefix, strlen(p->prefix)) && xp_puts(&b, ": ") &&
         put_json(&b, p->iri, strlen(p->iri));
  ok = ok && xp_puts(&b, "\n  },\n  \"@graph\": [");
  vitae_status st = ok ? xp_write_buf(&b, out, err) : xp_nomem(err);
  vitae_buf_free(&b);
  return st;
}

vitae_status xp_jsonld_items(const xp_item *items, size_t n, int *begun, size_t *objects,
                             FILE *out, vitae_error *err) {
  vitae_status st = check_items(items, n, err);
  if (st == VITAE_OK && !*begun) {
    st = xp_jsonld_begin(out, err);
    *begun = st == VITAE_OK;
  }
  vitae_buf b = VITAE_BUF_INIT;
  for (size_t i = 0; i < n && st == VITAE_OK;) {
    size_t end = i + 1, glen;
    while (end < n && xp_same_field(&items[end], &items[i], 0)) end++;
    xp_key_field(items[i].key.ptr, 0, &glen);
    if (glen == 0) {
      /* the default graph: top-level node objects */
      st = put_nodes(&b, items, i, end, 2, *objects == 0, out, err);
      *objects += 1; /* at least one, which is all the commas need */
    } else {
      int ok = xp_puts(&b, *objects ? ",\n" : "\n") && put_indent(&b, 2) &&
               xp_puts(&b, "{\n") && put_indent(&b, 3) && xp_puts(&b, "\"@id\": ") &&
               put_ref(&b, items[i].st->graph) && xp_puts(&b, ",\n") && put_indent(&b, 3) &&
               xp_puts(&b, "\"@graph\": [");
      st = ok ? put_nodes(&b, items, i, end, 4, 1, out, err) : xp_nomem(err);
      if (st == VITAE_OK && !(xp_puts(&b, "\n") && put_indent(&b, 3) && xp_puts(&b, "]\n") &&
                              put_indent(&b, 2) && xp_puts(&b, "}")))
        st = xp_nomem(err);
      *objects += 1;
    }
    i = end;
  }
  if (st == VITAE_OK) st = xp_write_buf(&b, out, err);
  vitae_buf_free(&b);
  return st;
}

vitae_status xp_jsonld_end(size_t objects, FILE *out, vitae_error *err) {
  const char *end = objects ? "\n  ]\n}\n" : "]\n}\n";
  if (fputs(end, out) == EOF)
    return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the export");
  return VITAE_OK;
}
