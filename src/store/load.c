#include "store/load.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "store/bulk.h"

static vitae_load_progress_fn progress_fn;
static void *progress_user;

void vitae_load_set_progress(vitae_load_progress_fn fn, void *user) {
  progress_fn = fn;
  progress_user = user;
}

static void progress(int phase, double done, double total) {
  if (progress_fn) progress_fn(progress_user, phase, done, total);
}

static const struct {
  const char *format; /* --format word */
  const char *syntax; /* raptor parser name */
  const char *exts;   /* space-separated extensions */
} SYNTAXES[] = {
    {"turtle", "turtle", ".ttl .turtle"},
    {"ntriples", "ntriples", ".nt .ntriples"},
    {"nquads", "nquads", ".nq .nquads"},
    {"trig", "trig", ".trig"},
    {"rdfxml", "rdfxml", ".rdf .owl .xml .rdfxml"},
};

const char *vitae_load_syntax(const char *format, const char *path) {
  size_t n = sizeof SYNTAXES / sizeof SYNTAXES[0];
  if (format) {
    for (size_t i = 0; i < n; i++)
      if (!strcmp(format, SYNTAXES[i].format)) return SYNTAXES[i].syntax;
    return NULL;
  }
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (!dot || strchr(dot, '/')) return NULL;
  size_t len = strlen(dot);
  for (size_t i = 0; i < n; i++) {
    for (const char *e = SYNTAXES[i].exts; *e;) {
      size_t k = strcspn(e, " ");
      if (k == len && !strncasecmp(e, dot, k)) return SYNTAXES[i].syntax;
      e += k;
      while (*e == ' ') e++;
    }
  }
  return NULL;
}

int vitae_load_syntax_has_graphs(const char *syntax) {
  return syntax && (!strcmp(syntax, "trig") || !strcmp(syntax, "nquads"));
}

/* Percent-encode a path into b: unreserved characters and '/' stay. */
static int put_path(vitae_buf *b, const char *path) {
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    vitae_status st = ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                       strchr("-._~/", *p))
                          ? vitae_buf_putc(b, (char)*p)
                          : vitae_buf_printf(b, "%%%02X", *p);
    if (st != VITAE_OK) return 0;
  }
  return 1;
}

char *vitae_load_file_iri(const char *path) {
  vitae_buf b = VITAE_BUF_INIT;
  char cwd[4096];
  int ok = vitae_buf_puts(&b, "file://") == VITAE_OK;
  if (ok && path[0] != '/') {
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
    ok = put_path(&b, cwd);
    if (ok && (b.len == 0 || b.data[b.len - 1] != '/')) ok = vitae_buf_putc(&b, '/') == VITAE_OK;
  }
  if (ok) ok = put_path(&b, path);
  if (!ok) {
    vitae_buf_free(&b);
    return NULL;
  }
  return vitae_buf_take(&b);
}

/* ---- collecting a parse ---- */

typedef struct collector {
  raptor_world *rw;
  raptor_term *default_graph; /* owned */
  int keep_graphs;            /* the syntax names graphs */
  char bnode_prefix[16];      /* makes this load's blank nodes its own ("" for a restore) */
  raptor_statement **items;   /* owned copies */
  size_t n, cap;
  int failed; /* out of memory, or a term the store cannot hold (too_long) */
  unsigned long anon; /* blank nodes the parser named itself */
  raptor_parser *parser; /* for the line of a term that is too long */
  char too_long[160];    /* why a term cannot be stored, or "" */
  long too_long_line, too_long_col;
} collector;

/* What librdf's on-disk stores can hold: its node encoding keeps the length
 * of an IRI in 16 bits, and a longer IRI fails at the store.  Such terms are
 * refused with their line, before anything is written.  (Language tags are
 * measured before the parser: see lang_step.) */
#define VITAE_MAX_IRI_BYTES 65535

static const char *term_too_long(const raptor_term *t, size_t *len) {
  if (!t) return NULL;
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    raptor_uri_as_counted_string(t->value.uri, len);
    return *len > VITAE_MAX_IRI_BYTES ? "an IRI" : NULL;
  }
  if (t->type != RAPTOR_TERM_TYPE_LITERAL) return NULL;
  if (t->value.literal.datatype) {
    raptor_uri_as_counted_string(t->value.literal.datatype, len);
    if (*len > VITAE_MAX_IRI_BYTES) return "a datatype IRI";
  }
  return NULL;
}

static int check_lengths(collector *c, const raptor_statement *s) {
  const raptor_term *terms[4] = {s->subject, s->predicate, s->object, s->graph};
  for (int i = 0; i < 4; i++) {
    size_t len = 0;
    const char *what = term_too_long(terms[i], &len);
    if (!what) continue;
    raptor_locator *loc = c->parser ? raptor_parser_get_locator(c->parser) : NULL;
    c->too_long_line = loc && loc->line > 0 ? loc->line : 0;
    c->too_long_col = loc && loc->column > 0 ? loc->column : 0;
    snprintf(c->too_long, sizeof c->too_long,
             "%s of %zu bytes is longer than the store can hold (%d bytes at most)", what, len,
             VITAE_MAX_IRI_BYTES);
    c->failed = 1;
    return -1;
  }
  return 0;
}

/* A copy of a blank node with this load's prefix; other terms are copied. */
static raptor_term *own_term(collector *c, raptor_term *t) {
  if (!t) return NULL;
  if (t->type != RAPTOR_TERM_TYPE_BLANK) return raptor_term_copy(t);
  /* never cut: two long labels with the same beginning are two nodes */
  size_t len = strlen(c->bnode_prefix) + t->value.blank.string_len + 1;
  char *id = malloc(len);
  if (!id) return NULL;
  snprintf(id, len, "%s%s", c->bnode_prefix, (const char *)t->value.blank.string);
  raptor_term *copy = raptor_new_term_from_blank(c->rw, (const unsigned char *)id);
  free(id);
  return copy;
}

static void on_statement(void *user_data, raptor_statement *s) {
  collector *c = user_data;
  if (c->failed || check_lengths(c, s) != 0) return;
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 1024;
    raptor_statement **more = realloc(c->items, cap * sizeof *more);
    if (!more) {
      c->failed = 1;
      return;
    }
    c->items = more;
    c->cap = cap;
  }
  raptor_term *g = (c->keep_graphs && s->graph) ? own_term(c, s->graph) : raptor_term_copy(c->default_graph);
  raptor_statement *copy = raptor_new_statement_from_nodes(
      c->rw, own_term(c, s->subject), own_term(c, s->predicate), own_term(c, s->object), g);
  if (!copy || !copy->subject || !copy->predicate || !copy->object || !copy->graph) {
    if (copy) raptor_free_statement(copy);
    c->failed = 1;
    return;
  }
  c->items[c->n++] = copy;
}

static void collector_free(collector *c) {
  for (size_t i = 0; i < c->n; i++) raptor_free_statement(c->items[i]);
  free(c->items);
  if (c->default_graph) raptor_free_term(c->default_graph);
}

/* Order by graph, then triple: graphs become runs, duplicates neighbours. */
static int cmp_quad(const void *a, const void *b) {
  const raptor_statement *x = *(raptor_statement *const *)a, *y = *(raptor_statement *const *)b;
  int d = raptor_term_compare(x->graph, y->graph);
  if (d) return d;
  d = raptor_term_compare(x->subject, y->subject);
  if (d) return d;
  d = raptor_term_compare(x->predicate, y->predicate);
  if (d) return d;
  return raptor_term_compare(x->object, y->object);
}

static uint32_t fnv1a(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* The batch through the direct writer (sorted already): each graph it
 * fills emptied, then every distinct quad added at once. */
static vitae_status apply_bulk(vitae_store *store, vitae_bulk *bulk, collector *c,
                               vitae_load_result *res, const char *name, int everything,
                               vitae_error *err) {
  raptor_statement **keep = malloc((c->n ? c->n : 1) * sizeof *keep);
  if (!keep) return vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
  size_t n = 0;
  int rc = 0;
  const char *what = "cannot clear the graph before reloading it";
  progress(1, 0, (double)c->n);
  for (size_t i = 0; i < c->n && !rc; i++) {
    raptor_statement *s = c->items[i];
    if (i == 0 || raptor_term_compare(s->graph, c->items[i - 1]->graph) != 0) {
      if (!everything) rc = vitae_bulk_clear_graph(bulk, s->graph, NULL);
      res->graphs++;
    } else if (cmp_quad(&c->items[i - 1], &c->items[i]) == 0) {
      continue; /* the same triple twice in one graph */
    }
    keep[n++] = s;
  }
  if (!rc) {
    what = "cannot add a triple to the store";
    rc = vitae_bulk_add(bulk, keep, n);
  }
  free(keep);
  if (rc) {
    errno = rc;
    return vitae_store_write_failed(store, err, name, what);
  }
  res->triples = n;
  progress(1, (double)c->n, (double)c->n);
  return vitae_store_sync(store, err);
}

/* Replace each graph of the batch, then add its triples, in the store's
 * write session (everything = start from an empty store: a restore). */
static vitae_status apply(vitae_store *store, collector *c, vitae_load_result *res,
                          const char *name, int everything, vitae_error *err) {
  vitae_status st = vitae_store_begin(store, everything, err);
  if (st != VITAE_OK) return st;
  if (c->n) qsort(c->items, c->n, sizeof *c->items, cmp_quad); /* no items: NULL, which qsort may not take */
  vitae_bulk *bulk = NULL;
  if ((st = vitae_store_bulk(store, &bulk, err)) != VITAE_OK) return st;
  if (bulk) return apply_bulk(store, bulk, c, res, name, everything, err);
  librdf_model *model = vitae_store_model(store);
  const char *failed = NULL;
  vitae_store_quiet_begin(store);
  for (size_t i = 0; i < c->n && !failed; i++) {
    raptor_statement *s = c->items[i];
    if (i == 0 || raptor_term_compare(s->graph, c->items[i - 1]->graph) != 0) {
      if (!everything && librdf_model_context_remove_statements(model, s->graph) != 0) {
        failed = "cannot clear the graph before reloading it";
        break;
      }
      res->graphs++;
    } else if (cmp_quad(&c->items[i - 1], &c->items[i]) == 0) {
      continue; /* the same triple twice in one graph */
    }
    raptor_term *g = s->graph;
    s->graph = NULL;
    int rc = librdf_model_context_add_statement(model, g, s);
    s->graph = g;
    if (rc != 0) failed = "cannot add a triple to the store";
    else res->triples++;
    if ((i & 4095) == 0) progress(1, (double)i, (double)c->n);
  }
  if (!failed) progress(1, (double)c->n, (double)c->n);
  int e = errno;
  vitae_store_quiet_end(store);
  errno = e;
  if (failed) return vitae_store_write_failed(store, err, name, failed);
  return vitae_store_sync(store, err);
}

/* Raptor's Turtle and TriG parsers name anonymous blank nodes from the clock
 * and the process id; name them by a counter instead, so that loading the
 * same file always gives the same store (and the same export). */
static unsigned char *deterministic_bnodeid(void *user_data, unsigned char *user_bnodeid) {
  if (user_bnodeid) return user_bnodeid; /* keep the file's own labels */
  collector *c = user_data;
  char id[32];
  snprintf(id, sizeof id, "anon%lu", ++c->anon);
  return (unsigned char *)strdup(id);
}

vitae_status vitae_load_statements(vitae_store *store, raptor_statement **statements, size_t n,
                                   const char *graph_iri, vitae_load_result *result,
                                   vitae_error *err) {
  vitae_load_result local = {0, 0};
  if (!result) result = &local;
  result->triples = result->graphs = 0;
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(store));
  collector c = {0};
  c.rw = rw;
  c.default_graph = raptor_new_term_from_uri_string(rw, (const unsigned char *)graph_iri);
  vitae_status st = VITAE_OK;
  if (!c.default_graph) return vitae_error_set(err, VITAE_ERR_USAGE, graph_iri, 0, 0, "not an IRI");
  snprintf(c.bnode_prefix, sizeof c.bnode_prefix, "b%08x_", fnv1a(graph_iri));
  for (size_t i = 0; i < n && !c.failed; i++) {
    raptor_statement copy = *statements[i];
    copy.graph = NULL;
    on_statement(&c, &copy);
  }
  if (c.failed) st = vitae_error_set(err, VITAE_ERR_NOMEM, graph_iri, 0, 0, "out of memory");
  if (st == VITAE_OK) {
    if (c.n == 0) {
      /* an empty extraction still replaces what the graph held */
      st = vitae_store_begin(store, 0, err);
      if (st == VITAE_OK &&
          librdf_model_context_remove_statements(vitae_store_model(store), c.default_graph) != 0)
        st = vitae_store_write_failed(store, err, graph_iri, "cannot clear the graph");
      else if (st == VITAE_OK)
        st = vitae_store_sync(store, err);
    } else {
      st = apply(store, &c, result, graph_iri, 0, err);
    }
  }
  collector_free(&c);
  return st;
}

/* ---- the bytes before the parser ----
 * Turtle, TriG, N-Triples and N-Quads are UTF-8 by definition, and raptor
 * does not check: it stores invalid UTF-8 as it is and ends a literal at a
 * NUL byte without a word, so that what is stored is not what the file
 * says.  The bytes are checked as they are read (a sequence may straddle
 * two chunks), and a bad one stops the load with its line and column.
 * RDF/XML declares its own encoding and libxml2 checks it.
 *
 * Language tags are measured here too, in every syntax: raptor 2.0.15 keeps
 * a tag's length in a byte and copies a longer tag past the end of its
 * buffer while parsing, before a statement reaches us.  A tag is what
 * follows a closing quote and '@' (text syntaxes), or the value of an
 * xml:lang attribute (RDF/XML). */
#define VITAE_MAX_LANG_BYTES 255

typedef struct utf8_check {
  vitae_utf8 text;    /* the UTF-8 check, and the line and column */
  int xml;            /* RDF/XML: only language tags are checked */
  unsigned char prev; /* the byte before */
  unsigned match;     /* RDF/XML: how much of "lang=" was just read */
  unsigned char quote; /* RDF/XML: the quote of the xml:lang value being read */
  long tag;            /* -1, or the length of the language tag being read */
  long tag_line, tag_col;
} utf8_check;

static vitae_status lang_too_long(const utf8_check *u, const char *name, vitae_error *err) {
  return vitae_error_set(err, VITAE_ERR_INPUT, name, u->tag_line, u->tag_col,
                         "a language tag longer than %d bytes (the most the store can hold)",
                         VITAE_MAX_LANG_BYTES);
}

/* One byte through the language tag check; 0, or -1 for a tag too long. */
static int lang_step(utf8_check *u, unsigned char b) {
  int starts;
  if (u->xml) {
    if (u->tag >= 0) {
      if (b == u->quote || b == '<' || b == '>') u->tag = -1;
      else if (++u->tag > VITAE_MAX_LANG_BYTES) return -1;
      return 0;
    }
    static const char lang_eq[] = "lang=";
    if (u->match == 5) {
      u->match = 0;
      if (b == '"' || b == '\'') {
        u->quote = b;
        u->tag = 0;
        u->tag_line = u->text.line;
        u->tag_col = u->text.col;
        return 0;
      }
    }
    u->match = (unsigned char)lang_eq[u->match] == b ? u->match + 1 : b == 'l';
    return 0;
  }
  if (u->tag >= 0) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-') {
      if (++u->tag > VITAE_MAX_LANG_BYTES) return -1;
      return 0;
    }
    u->tag = -1;
  }
  starts = b == '@' && (u->prev == '"' || u->prev == '\'');
  u->prev = b;
  if (starts) {
    u->tag = 0;
    u->tag_line = u->text.line;
    u->tag_col = u->text.col;
  }
  return 0;
}

static vitae_status utf8_feed(utf8_check *u, const unsigned char *s, size_t n, int end,
                              const char *name, vitae_error *err) {
  for (size_t i = 0; i < n; i++) {
    unsigned char b = s[i];
    if (lang_step(u, b) != 0) return lang_too_long(u, name, err);
    if (u->xml) {
      if (b == '\n') u->text.line++, u->text.col = 0;
      else u->text.col++;
    } else if (vitae_utf8_step(&u->text, b) != 0) {
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, u->text.line, u->text.col,
                             "%s; RDF in this syntax must be UTF-8 text", u->text.why);
    }
  }
  if (end && !u->xml && vitae_utf8_end(&u->text) != 0)
    return vitae_error_set(err, VITAE_ERR_SYNTAX, name, u->text.line, u->text.col, "%s",
                           u->text.why);
  return VITAE_OK;
}

static void utf8_start(utf8_check *u, const char *syntax) {
  memset(u, 0, sizeof *u);
  vitae_utf8_init(&u->text);
  u->xml = !strcmp(syntax, "rdfxml");
  u->tag = -1;
}

typedef vitae_status (*feed_fn)(raptor_parser *p, raptor_uri *base, void *src, const char *name,
                                utf8_check *u, vitae_error *err);

static vitae_status load_common(vitae_store *store, const char *syntax, const char *name,
                                const char *graph_iri, const char *base_iri, feed_fn feed,
                                void *src, int everything, vitae_load_result *result,
                                vitae_error *err) {
  vitae_load_result local = {0, 0};
  if (!result) result = &local;
  result->triples = result->graphs = 0;
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(store));
  collector c = {0};
  c.rw = rw;
  c.keep_graphs = vitae_load_syntax_has_graphs(syntax);
  /* a restore keeps the labels of the dump, which are the store's own */
  if (!everything) snprintf(c.bnode_prefix, sizeof c.bnode_prefix, "b%08x_", fnv1a(graph_iri));
  c.default_graph = raptor_new_term_from_uri_string(rw, (const unsigned char *)graph_iri);
  raptor_parser *p = raptor_new_parser(rw, syntax);
  raptor_uri *base = raptor_new_uri(rw, (const unsigned char *)base_iri);
  vitae_status st = VITAE_OK;
  if (!c.default_graph || !p || !base) {
    st = vitae_error_set(err, p ? VITAE_ERR_NOMEM : VITAE_ERR_USAGE, name, 0, 0,
                         p ? "out of memory" : "unknown RDF syntax '%s'", syntax);
  } else {
    c.parser = p;
    raptor_parser_set_statement_handler(p, &c, on_statement);
    raptor_world_set_generate_bnodeid_handler(rw, &c, deterministic_bnodeid);
    utf8_check u;
    utf8_start(&u, syntax);
    vitae_store_capture_errors(store, err, name);
    st = feed(p, base, src, name, &u, err);
    vitae_store_capture_errors(store, NULL, NULL);
    raptor_world_set_generate_bnodeid_handler(rw, NULL, NULL);
    if (st == VITAE_OK && err->status != VITAE_OK) st = err->status;
    /* raptor's Turtle and TriG parsers (bison) give up past 10000 levels */
    if (st == VITAE_ERR_SYNTAX && !strcmp(err->message, "memory exhausted"))
      snprintf(err->message, sizeof err->message,
               "nested too deeply: more '(' and '[' open at once than the parser allows");
    if (st == VITAE_OK && c.too_long[0])
      st = vitae_error_set(err, VITAE_ERR_INPUT, name, c.too_long_line, c.too_long_col, "%s",
                           c.too_long);
    if (st == VITAE_OK && c.failed) st = vitae_error_set(err, VITAE_ERR_NOMEM, name, 0, 0, "out of memory");
    if (st == VITAE_OK) st = apply(store, &c, result, name, everything, err);
  }
  if (base) raptor_free_uri(base);
  if (p) raptor_free_parser(p);
  collector_free(&c);
  return st;
}

static vitae_status feed_stream(raptor_parser *p, raptor_uri *base, void *src, const char *name,
                                utf8_check *u, vitae_error *err) {
  FILE *f = src;
  unsigned char chunk[65536];
  struct stat sb;
  double total = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) ? (double)sb.st_size : 0, done = 0;
  if (raptor_parser_parse_start(p, base) != 0)
    return vitae_error_set(err, VITAE_ERR_SYNTAX, name, 0, 0, "cannot start the parser");
  for (;;) {
    size_t n = fread(chunk, 1, sizeof chunk, f);
    if (ferror(f))
      return vitae_error_set(err, VITAE_ERR_IO, name, 0, 0, "read error: %s", strerror(errno));
    int end = n < sizeof chunk && feof(f);
    if (utf8_feed(u, chunk, n, end, name, err) != VITAE_OK) return err->status;
    if (raptor_parser_parse_chunk(p, chunk, n, end) != 0 || err->status != VITAE_OK)
      return vitae_error_set(err, VITAE_ERR_SYNTAX, name, 0, 0, "syntax error");
    done += (double)n;
    progress(0, done, total);
    if (end) return VITAE_OK;
  }
}

typedef struct mem_src {
  const char *data;
  size_t len;
} mem_src;

static vitae_status feed_memory(raptor_parser *p, raptor_uri *base, void *src, const char *name,
                                utf8_check *u, vitae_error *err) {
  mem_src *m = src;
  if (utf8_feed(u, (const unsigned char *)m->data, m->len, 1, name, err) != VITAE_OK)
    return err->status;
  if (raptor_parser_parse_start(p, base) != 0 ||
      raptor_parser_parse_chunk(p, (const unsigned char *)m->data, m->len, 1) != 0 ||
      err->status != VITAE_OK)
    return vitae_error_set(err, VITAE_ERR_SYNTAX, name, 0, 0, "syntax error");
  return VITAE_OK;
}

static vitae_status load_file_(vitae_store *store, const char *path, const char *syntax,
                               const char *graph_iri, const char *base_iri, int everything,
                               vitae_load_result *result, vitae_error *err) {
  int is_stdin = !strcmp(path, "-");
  struct stat sb;
  if (!is_stdin) {
    if (stat(path, &sb) != 0)
      return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "%s", strerror(errno));
    if (S_ISDIR(sb.st_mode))
      return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "%s", strerror(EISDIR));
  }
  if (!syntax) syntax = vitae_load_syntax(NULL, path);
  if (!syntax)
    return vitae_error_set(err, VITAE_ERR_USAGE, path, 0, 0,
                           "cannot tell the RDF syntax from the file name; give --format");
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "%s", strerror(errno));
  char *file_iri = is_stdin ? strdup("urn:vitae:stdin") : vitae_load_file_iri(path);
  vitae_status st;
  if (!file_iri) {
    st = vitae_error_set(err, VITAE_ERR_NOMEM, path, 0, 0, "out of memory");
  } else {
    st = load_common(store, syntax, path, graph_iri ? graph_iri : file_iri,
                     base_iri ? base_iri : file_iri, feed_stream, f, everything, result, err);
  }
  free(file_iri);
  if (!is_stdin) fclose(f);
  return st;
}

vitae_status vitae_load_buffer(vitae_store *store, const char *data, size_t len,
                               const char *syntax, const char *name, const char *graph_iri,
                               const char *base_iri, vitae_load_result *result,
                               vitae_error *err) {
  mem_src m = {data, len};
  const char *g = graph_iri ? graph_iri : name;
  return load_common(store, syntax, name, g, base_iri ? base_iri : g, feed_memory, &m, 0, result,
                     err);
}

vitae_status vitae_load_file(vitae_store *store, const char *path, const char *syntax,
                             const char *graph_iri, const char *base_iri,
                             vitae_load_result *result, vitae_error *err) {
  return load_file_(store, path, syntax, graph_iri, base_iri, 0, result, err);
}

vitae_status vitae_load_restore(vitae_store *store, const char *path, const char *syntax,
                                vitae_load_result *result, vitae_error *err) {
  vitae_load_result local = {0, 0};
  if (!result) result = &local;
  result->triples = result->graphs = 0;
  if (!syntax) syntax = vitae_load_syntax(NULL, path);
  if (!syntax) syntax = "nquads";
  /* an empty file empties the store: apply() begins an empty generation */
  vitae_status st = load_file_(store, path, syntax, NULL, NULL, 1, result, err);
  if (st == VITAE_OK) st = vitae_store_commit(store, err);
  else vitae_store_rollback(store);
  return st;
}
