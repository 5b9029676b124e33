/* SPARQL inside Virtuoso: see remote.h. */
#include "query/remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/vocab.h"
#include "query/internal.h"
#include "query/lex.h"
#include "store/store.h"

/* The query form, after the PREFIX and BASE declarations; -1 when the text
 * is not one of the four query forms. */
static int query_kind(const char *text, vitae_result_kind *kind, char *word, size_t n) {
  vq_tokens t;
  if (vq_lex(text, &t) != 0) return -1;
  size_t i = 0;
  for (;;) {
    if (vq_is_word(&t, i, "PREFIX")) i += 3;
    else if (vq_is_word(&t, i, "BASE")) i += 2;
    else break;
    if (i >= t.n) i = t.n - 1;
  }
  int rc = 0;
  if (vq_is_word(&t, i, "SELECT")) *kind = VITAE_RESULT_BINDINGS;
  else if (vq_is_word(&t, i, "ASK")) *kind = VITAE_RESULT_BOOLEAN;
  else if (vq_is_word(&t, i, "CONSTRUCT") || vq_is_word(&t, i, "DESCRIBE")) *kind = VITAE_RESULT_GRAPH;
  else rc = -1;
  size_t len = t.v[i].len < n - 1 ? t.v[i].len : n - 1;
  memcpy(word, text + t.v[i].off, len);
  word[len] = '\0';
  vq_tokens_free(&t);
  return rc;
}

/* The variable names of an SRX head, for an answer with no rows (rasqal's
 * reader learns them from the first row).  Names are [A-Za-z0-9_]: no
 * XML escapes to undo.  *n = 0 when none; the caller frees the array. */
static char **head_variables(const char *body, size_t *n) {
  *n = 0;
  const char *end = strstr(body, "</head>");
  size_t cap = 0;
  for (const char *p = body; end && (p = strstr(p, "<variable name=\"")) && p < end;) {
    p += 16;
    cap++;
  }
  char **names = calloc(cap + 1, sizeof *names);
  if (!names) return NULL;
  for (const char *p = body; end && (p = strstr(p, "<variable name=\"")) && p < end;) {
    p += 16;
    size_t k = strcspn(p, "\"");
    if (!(names[*n] = strndup(p, k))) break;
    (*n)++;
  }
  return names;
}

/* SELECT (and Virtuoso's ASK, which may come as one binding __ASK_RETVAL):
 * SPARQL XML results read by rasqal's reader. */
static vitae_status read_bindings(librdf_world *world, const char *body, size_t len,
                                  vitae_result *r, vitae_error *err) {
  rasqal_world *qw = librdf_world_get_rasqal(world);
  raptor_world *rw = librdf_world_get_raptor(world);
  rasqal_query_results *res = rasqal_new_query_results2(qw, NULL, RASQAL_QUERY_RESULTS_BINDINGS);
  rasqal_query_results_formatter *fmt = rasqal_new_query_results_formatter(qw, "xml", NULL, NULL);
  raptor_iostream *in = raptor_new_iostream_from_string(rw, (void *)body, len);
  raptor_uri *base = raptor_new_uri(rw, (const unsigned char *)"http://localhost/");
  vitae_status st = VITAE_OK;
  if (!res || !fmt || !in || !base || rasqal_query_results_formatter_read(qw, in, fmt, res, base) != 0) {
    st = vitae_error_set(err, VITAE_ERR_QUERY, NULL, 0, 0, "cannot read Virtuoso's answer");
    goto done;
  }
  int ncols = rasqal_query_results_get_bindings_count(res);
  if (ncols < 0) ncols = 0;
  if (ncols == 0) { /* no rows: the names are in the head */
    size_t nh = 0;
    char **head = head_variables(body, &nh);
    if (!head) {
      st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
      goto done;
    }
    st = vq_result_set_columns(r, nh, (const char *const *)head);
    for (size_t i = 0; i < nh; i++) free(head[i]);
    free(head);
    if (st != VITAE_OK) vitae_error_set(err, st, NULL, 0, 0, "out of memory");
    goto done;
  }
  const char **names = calloc((size_t)ncols + 1, sizeof *names);
  if (!names) {
    st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    goto done;
  }
  for (int i = 0; i < ncols; i++)
    names[i] = (const char *)rasqal_query_results_get_binding_name(res, i);
  st = vq_result_set_columns(r, (size_t)ncols, names);
  free(names);
  while (st == VITAE_OK && !rasqal_query_results_finished(res)) {
    librdf_node **row = calloc((size_t)ncols + 1, sizeof *row);
    if (!row) {
      st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
      break;
    }
    for (int i = 0; i < ncols; i++)
      row[i] = vq_literal_to_node(world, rasqal_query_results_get_binding_value(res, i));
    st = vq_result_add_row(r, row);
    free(row);
    if (st != VITAE_OK) vitae_error_set(err, st, NULL, 0, 0, "out of memory");
    rasqal_query_results_next(res);
  }
done:
  if (base) raptor_free_uri(base);
  if (in) raptor_free_iostream(in);
  if (fmt) rasqal_free_query_results_formatter(fmt);
  if (res) rasqal_free_query_results(res);
  return st;
}

static vitae_status read_boolean(librdf_world *world, const char *body, size_t len,
                                 vitae_result *r, vitae_error *err) {
  if (strstr(body, "<boolean>")) {
    r->boolean = strstr(body, "<boolean>true") != NULL;
    return VITAE_OK;
  }
  /* Virtuoso 7.2 answers ASK over a given dataset as a SELECT of one
   * variable, __ASK_RETVAL: one row holding 1 when true, none when false */
  vitae_result *tmp = vq_result_new(VITAE_RESULT_BINDINGS);
  if (!tmp) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_status st = read_bindings(world, body, len, tmp, err);
  if (st == VITAE_OK) {
    r->boolean = 0;
    for (size_t i = 0; i < tmp->nrows && tmp->ncols; i++) {
      librdf_node *n = tmp->cells[i * tmp->ncols];
      const char *s = n && librdf_node_is_literal(n) ? (const char *)librdf_node_get_literal_value(n) : NULL;
      if (s && strcmp(s, "0") && strcmp(s, "false")) r->boolean = 1;
    }
  }
  vitae_result_free(tmp);
  return st;
}

typedef struct graph_ctx {
  vitae_result *r;
  vitae_status st;
} graph_ctx;

static void on_statement(void *data, raptor_statement *s) {
  graph_ctx *c = data;
  if (c->st != VITAE_OK) return;
  raptor_statement *copy = raptor_statement_copy(s);
  c->st = copy ? vq_result_add_statement(c->r, copy) : VITAE_ERR_NOMEM;
}

static vitae_status read_graph(librdf_world *world, const char *body, size_t len, vitae_result *r,
                               vitae_error *err) {
  raptor_world *rw = librdf_world_get_raptor(world);
  raptor_parser *p = raptor_new_parser(rw, "ntriples");
  raptor_uri *base = raptor_new_uri(rw, (const unsigned char *)"http://localhost/");
  graph_ctx c = {r, VITAE_OK};
  vitae_status st = VITAE_OK;
  if (!p || !base) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (st == VITAE_OK) {
    raptor_parser_set_statement_handler(p, &c, on_statement);
    if (raptor_parser_parse_start(p, base) != 0 ||
        raptor_parser_parse_chunk(p, (const unsigned char *)body, len, 1) != 0)
      st = vitae_error_set(err, VITAE_ERR_QUERY, NULL, 0, 0, "cannot read Virtuoso's N-Triples answer");
    else if (c.st != VITAE_OK)
      st = vitae_error_set(err, c.st, NULL, 0, 0, "out of memory");
  }
  if (p) raptor_free_parser(p);
  if (base) raptor_free_uri(base);
  return st;
}

/* ---- open closures ----
 * The inferred graph holds the edges of a transitive property whose
 * closure inference leaves open, and the marker "P a owl:TransitiveProperty"
 * (infer.h); vitae's own engine follows P's chains (closure.h), and inside
 * Virtuoso the property path P+ does: each such P in a triple pattern's
 * predicate position is given a '+'. */

/* The marked properties' IRIs, NULL-terminated (the caller frees them);
 * NULL on failure (err set). */
static char **closure_props(vitae_virtuoso *v, librdf_world *world, vitae_error *err) {
  static const char *ASK_MARKERS =
      "SELECT DISTINCT ?p WHERE { ?p <" RDF_NS "type> <" OWL_NS "TransitiveProperty> }";
  char *body = NULL;
  size_t len = 0;
  vitae_result *r = vq_result_new(VITAE_RESULT_BINDINGS);
  vitae_status st = r ? vitae_virtuoso_query(v, ASK_MARKERS, "application/sparql-results+xml", &body,
                                             &len, err)
                      : vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (st == VITAE_OK) st = read_bindings(world, body, len, r, err);
  free(body);
  char **props = st == VITAE_OK ? calloc(r->nrows + 1, sizeof *props) : NULL;
  for (size_t i = 0, n = 0; props && i < r->nrows; i++) {
    librdf_node *p = r->ncols ? r->cells[i * r->ncols] : NULL;
    if (!p || !librdf_node_is_resource(p)) continue;
    if (!(props[n++] = strdup((const char *)librdf_uri_as_string(librdf_node_get_uri(p))))) {
      vitae_store_free_list(props);
      props = NULL;
    }
  }
  if (st == VITAE_OK && !props) vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_result_free(r);
  return props;
}

static int is_subject_end(const vq_tokens *t, size_t i) {
  vq_ttype ty = t->v[i].type;
  return ty == VQ_IRI || ty == VQ_PNAME || ty == VQ_VAR || ty == VQ_BNODE || vq_is_punct(t, i, "]");
}

/* Whether token i stands where a triple pattern's predicate does: after
 * ';' or '[', or after a subject that begins a pattern. */
static int at_verb(const vq_tokens *t, size_t i) {
  if (i == 0) return 0;
  if (vq_is_punct(t, i - 1, ";") || vq_is_punct(t, i - 1, "[")) return 1;
  if (!is_subject_end(t, i - 1) || i < 2) return 0;
  size_t b = i - 2;
  return vq_is_punct(t, b, "{") || vq_is_punct(t, b, ".") || vq_is_punct(t, b, "}") ||
         vq_is_punct(t, b, ")") || vq_is_punct(t, b, "[");
}

/* The IRI token i names (an IRI, or a prefixed name declared in the text)
 * into out; 0 when it names none. */
static int token_iri(const vq_tokens *t, size_t i, char *out, size_t n) {
  const vq_token *k = &t->v[i];
  const char *s = t->text + k->off;
  if (k->type == VQ_IRI) {
    snprintf(out, n, "%.*s", (int)(k->len - 2), s + 1);
    return 1;
  }
  if (k->type != VQ_PNAME) return 0;
  const char *c = memchr(s, ':', k->len);
  size_t colon = c ? (size_t)(c - s) : k->len;
  for (size_t d = 0; d + 2 < t->n; d++) {
    const vq_token *pn = &t->v[d + 1], *iri = &t->v[d + 2];
    if (!vq_is_word(t, d, "PREFIX") || pn->type != VQ_PNAME || iri->type != VQ_IRI ||
        pn->len != colon + 1 || memcmp(t->text + pn->off, s, colon + 1) != 0)
      continue;
    snprintf(out, n, "%.*s%.*s", (int)(iri->len - 2), t->text + iri->off + 1,
             (int)(k->len - colon - 1), s + colon + 1);
    return 1;
  }
  return 0;
}

/* text with '+' after each marked property in a predicate position; a new
 * string, or NULL when out of memory. */
static char *follow_closures(const char *text, char *const *props) {
  vq_tokens t;
  if (vq_lex(text, &t) != 0) return NULL;
  vitae_buf out = VITAE_BUF_INIT;
  size_t done = 0;
  char iri[2048];
  for (size_t i = 0; i + 1 < t.n; i++) {
    if (!at_verb(&t, i) || !token_iri(&t, i, iri, sizeof iri)) continue;
    int marked = 0;
    for (char *const *p = props; *p && !marked; p++) marked = !strcmp(*p, iri);
    if (!marked || vq_is_punct(&t, i + 1, "+") || vq_is_punct(&t, i + 1, "*") ||
        vq_is_punct(&t, i + 1, "?") || vq_is_punct(&t, i + 1, "/") || vq_is_punct(&t, i + 1, "|"))
      continue;
    size_t end = t.v[i].off + t.v[i].len;
    vitae_buf_append(&out, text + done, end - done);
    vitae_buf_putc(&out, '+');
    done = end;
  }
  vitae_buf_puts(&out, text + done);
  vq_tokens_free(&t);
  if (out.failed) {
    vitae_buf_free(&out);
    return NULL;
  }
  return vitae_buf_take(&out);
}

vitae_status vitae_query_exec_virtuoso(vitae_virtuoso *v, librdf_world *world, const char *sparql,
                                       vitae_result **out, vitae_error *err) {
  *out = NULL;
  vitae_result_kind kind;
  char word[64];
  if (query_kind(sparql, &kind, word, sizeof word) != 0)
    return vitae_error_set(err, VITAE_ERR_QUERY, NULL, 0, 0,
                           "'%s': only SELECT, ASK, CONSTRUCT and DESCRIBE queries run here "
                           "(no SPARQL Update, no Virtuoso DEFINE)",
                           *word ? word : "(empty query)");
  char **props = closure_props(v, world, err);
  if (!props) return err && err->status != VITAE_OK ? err->status : VITAE_ERR_NOMEM;
  char *plain = vitae_query_with_prefixes(sparql);
  char *text = plain ? follow_closures(plain, props) : NULL;
  free(plain);
  vitae_store_free_list(props);
  vitae_result *r = text ? vq_result_new(kind) : NULL;
  if (!r) {
    free(text);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  char *body = NULL;
  size_t len = 0;
  const char *accept = kind == VITAE_RESULT_GRAPH ? "application/n-triples" : "application/sparql-results+xml";
  vitae_status st = vitae_virtuoso_query(v, text, accept, &body, &len, err);
  free(text);
  if (st != VITAE_OK && err && strstr(err->message, "transitive start not given")) {
    vitae_error_clear(err); /* the first error set would win */
    st = vitae_error_set(err, VITAE_ERR_QUERY, NULL, 0, 0,
                         "Virtuoso follows a transitive property (such as "
                         "vt:succeededTransitively or vt:locatedIn) only from a bound end: give "
                         "the subject or the object, or a pattern before it that binds one");
  }
  if (st == VITAE_OK) {
    if (kind == VITAE_RESULT_BINDINGS) st = read_bindings(world, body, len, r, err);
    else if (kind == VITAE_RESULT_BOOLEAN) st = read_boolean(world, body, len, r, err);
    else st = read_graph(world, body, len, r, err);
  }
  free(body);
  if (st != VITAE_OK) {
    vitae_result_free(r);
    return st;
  }
  *out = r;
  return VITAE_OK;
}
