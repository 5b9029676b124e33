/* Writes, with --allow-update and the bearer token only: SPARQL Update at
 * /sparql (INSERT DATA, DELETE DATA, CLEAR GRAPH, DROP GRAPH, CREATE GRAPH;
 * not LOAD, not DELETE/INSERT WHERE) and the Graph Store Protocol at
 * /rdf-graph-store?graph=IRI (GET reads; PUT replaces, POST adds to,
 * DELETE removes a graph).  vitae's query layer runs no update, so the
 * update's data blocks are handed to raptor as TriG (the block with its
 * GRAPH keywords taken out is TriG), and nothing else of the text is
 * interpreted.  Every request is one write session of the store: all its
 * operations and the recomputed inferred graph are committed together, or
 * none is (the store's generations, src/store). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <strings.h>
#include <time.h>

#include "export/export.h"
#include "infer/infer.h"
#include "serve/internal.h"
#include "serve/negotiate.h"
#include "store/load.h"

/* ---- the token ---- */

/* 0 when the request may write; else the answer is sent (*ok). */
static int refuse_write(vs_server *srv,  vs_request *rq,
                        enum MHD_Result *ok) {
  if (!srv->opt->allow_update || !srv->opt->token) {
    *ok = vs_send_text(rq, MHD_HTTP_FORBIDDEN,
                       "this endpoint is read-only (the server was started without "
                       "--allow-update)");
    return 1;
  }
  const char *auth = vs_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);
  const char *tok = srv->opt->token;
  int match = 0;
  if (auth && !strncasecmp(auth, "Bearer ", 7)) {
    const char *given = auth + 7;
    while (*given == ' ') given++;
    size_t n = strlen(tok), m = strlen(given);
    /* compare every byte whatever differs first: the time says nothing */
    unsigned diff = (unsigned)(n ^ m);
    for (size_t i = 0; i < n; i++) diff |= (unsigned char)tok[i] ^ (unsigned char)given[i < m ? i : 0];
    match = diff == 0 && m > 0;
  }
  if (!match) {
    const char *const h[] = {MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"vitae\"", NULL};
    char *msg = strdup(auth ? "wrong token\n" : "writes need 'Authorization: Bearer TOKEN'\n");
    *ok = vs_send(rq, MHD_HTTP_UNAUTHORIZED, "text/plain; charset=utf-8", msg,
                  msg ? strlen(msg) : 0, h);
    return 1;
  }
  return 0;
}

/* ---- parsed statements ---- */

typedef struct quads {
  raptor_statement **v;
  size_t n, cap;
  int failed;
  raptor_world *rw;
  char bnode_prefix[48]; /* a fresh prefix for the request's blank nodes */
  int bnodes;            /* blank nodes seen */
} quads;

static raptor_term *own_term(quads *q, raptor_term *t) {
  if (!t) return NULL;
  if (t->type != RAPTOR_TERM_TYPE_BLANK) return raptor_term_copy(t);
  q->bnodes = 1;
  char id[600];
  snprintf(id, sizeof id, "%s%.500s", q->bnode_prefix, (const char *)t->value.blank.string);
  return raptor_new_term_from_blank(q->rw, (const unsigned char *)id);
}

static void quads_add(void *user_data, raptor_statement *s) {
  quads *q = user_data;
  if (q->failed) return;
  if (q->n == q->cap) {
    size_t cap = q->cap ? 2 * q->cap : 64;
    raptor_statement **more = realloc(q->v, cap * sizeof *more);
    if (!more) {
      q->failed = 1;
      return;
    }
    q->v = more;
    q->cap = cap;
  }
  raptor_statement *copy = raptor_new_statement_from_nodes(
      q->rw, own_term(q, s->subject), own_term(q, s->predicate), own_term(q, s->object),
      s->graph ? raptor_term_copy(s->graph) : NULL);
  if (!copy || !copy->subject || !copy->predicate || !copy->object) {
    if (copy) raptor_free_statement(copy);
    q->failed = 1;
    return;
  }
  q->v[q->n++] = copy;
}

static void quads_free(quads *q) {
  for (size_t i = 0; i < q->n; i++) raptor_free_statement(q->v[i]);
  free(q->v);
  memset(q, 0, sizeof *q);
}

static void quads_init(quads *q, raptor_world *rw) {
  memset(q, 0, sizeof *q);
  q->rw = rw;
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  snprintf(q->bnode_prefix, sizeof q->bnode_prefix, "u%lx%lx_", (unsigned long)now.tv_sec,
           (unsigned long)now.tv_nsec);
}

/* Parse data (syntax: a raptor parser name) into q, in the world of the
 * store w; the first error's message in err. */
static vitae_status parse_into(vitae_store *w, quads *q, const char *syntax, const char *data,
                               size_t len, const char *base, vitae_error *err) {
  raptor_parser *p = raptor_new_parser(q->rw, syntax);
  raptor_uri *u = raptor_new_uri(q->rw, (const unsigned char *)base);
  if (!p || !u) {
    if (p) raptor_free_parser(p);
    if (u) raptor_free_uri(u);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  vitae_store_capture_errors(w, err, NULL);
  raptor_parser_set_statement_handler(p, q, quads_add);
  int bad = raptor_parser_parse_start(p, u) != 0 ||
            raptor_parser_parse_chunk(p, (const unsigned char *)data, len, 1) != 0;
  vitae_store_capture_errors(w, NULL, NULL);
  raptor_free_parser(p);
  raptor_free_uri(u);
  if (err->status != VITAE_OK) {
    err->status = VITAE_ERR_SYNTAX; /* the client's data, not the store */
    return err->status;
  }
  if (bad) return vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "cannot parse the data");
  if (q->failed) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return VITAE_OK;
}

/* ---- SPARQL Update text ---- */

typedef enum { OP_INSERT, OP_DELETE, OP_CLEAR, OP_CREATE } op_kind;

typedef struct op {
  op_kind kind;
  quads data;     /* INSERT/DELETE: the quads */
  char *graph;    /* CLEAR/DROP/CREATE: the graph IRI */
  int silent;
} op;

typedef struct scanner {
  const char *p, *end;
  vitae_buf prologue; /* Turtle @prefix/@base lines for the data blocks */
  char *base;
} scanner;

static void skip_space(scanner *s) {
  for (;;) {
    while (s->p < s->end && strchr(" \t\r\n", *s->p)) s->p++;
    if (s->p < s->end && *s->p == '#') {
      while (s->p < s->end && *s->p != '\n') s->p++;
      continue;
    }
    return;
  }
}

static int keyword(scanner *s, const char *kw) {
  skip_space(s);
  size_t n = strlen(kw);
  if ((size_t)(s->end - s->p) < n || strncasecmp(s->p, kw, n)) return 0;
  const char *after = s->p + n;
  if (after < s->end && (isalnum((unsigned char)*after) || *after == '_' || *after == ':'))
    return 0;
  s->p = after;
  return 1;
}

/* <iri> into a new string (NULL when none is there). */
static char *iriref(scanner *s) {
  skip_space(s);
  if (s->p >= s->end || *s->p != '<') return NULL;
  const char *q = s->p + 1;
  while (q < s->end && *q != '>' && !strchr("<\"{}|^`\\ \t\r\n", *q)) q++;
  if (q >= s->end || *q != '>') return NULL;
  char *iri = strndup(s->p + 1, (size_t)(q - s->p - 1));
  s->p = q + 1;
  return iri;
}

/* The end of a string literal starting at p (its quote), or NULL. */
static const char *string_end(const char *p, const char *end) {
  char qc = *p;
  int longq = end - p >= 3 && p[1] == qc && p[2] == qc;
  p += longq ? 3 : 1;
  while (p < end) {
    if (*p == '\\') {
      p += 2;
      continue;
    }
    if (longq) {
      if (end - p >= 3 && p[0] == qc && p[1] == qc && p[2] == qc) return p + 3;
    } else {
      if (*p == qc) return p + 1;
      if (*p == '\n') return NULL;
    }
    p++;
  }
  return NULL;
}

/* A data block "{ ... }": its text as TriG (GRAPH keywords at the top
 * level left out) into out; s->p after the closing brace. */
static int data_block(scanner *s, vitae_buf *out, vitae_error *err) {
  skip_space(s);
  if (s->p >= s->end || *s->p != '{') {
    vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "expected '{' after DATA");
    return 0;
  }
  const char *p = s->p + 1;
  int depth = 0;
  while (p < s->end) {
    char ch = *p;
    if (ch == '"' || ch == '\'') {
      const char *e = string_end(p, s->end);
      if (!e) break;
      vitae_buf_append(out, p, (size_t)(e - p));
      p = e;
      continue;
    }
    if (ch == '<') { /* an IRI, or a '<' that raptor will complain about */
      const char *e = p + 1;
      while (e < s->end && *e != '>' && *e != '\n') e++;
      if (e < s->end && *e == '>') e++;
      vitae_buf_append(out, p, (size_t)(e - p));
      p = e;
      continue;
    }
    if (ch == '#') {
      while (p < s->end && *p != '\n') p++;
      continue;
    }
    if (ch == '{') depth++;
    if (ch == '}') {
      if (depth == 0) {
        s->p = p + 1;
        return 1;
      }
      depth--;
    }
    if (depth == 0 && (ch == 'G' || ch == 'g') && (size_t)(s->end - p) >= 5 &&
        !strncasecmp(p, "GRAPH", 5) && (p + 5 == s->end || !isalnum((unsigned char)p[5])) &&
        (p == s->p + 1 || !isalnum((unsigned char)p[-1]) )) {
      p += 5; /* TriG names a graph without the keyword */
      continue;
    }
    vitae_buf_putc(out, ch);
    p++;
  }
  vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "a data block without its closing '}'");
  return 0;
}

static void ops_free(op *ops, size_t n) {
  for (size_t i = 0; i < n; i++) {
    quads_free(&ops[i].data);
    free(ops[i].graph);
  }
  free(ops);
}

/* Parse the update request into operations. */
static vitae_status parse_update(vs_server *srv, vitae_store *w, const char *text, size_t len,
                                 op **out, size_t *nout, vitae_error *err) {
  raptor_world *rw = librdf_world_get_raptor(vitae_store_world(w));
  scanner s = {text, text + len, VITAE_BUF_INIT, NULL};
  op *ops = NULL;
  size_t n = 0;
  vitae_status st = VITAE_OK;
  for (;;) {
    /* the prologue: PREFIX and BASE, before any operation */
    for (;;) {
      if (keyword(&s, "PREFIX")) {
        skip_space(&s);
        const char *name = s.p;
        while (s.p < s.end && *s.p != ':' && !strchr(" \t\r\n", *s.p)) s.p++;
        size_t k = (size_t)(s.p - name);
        if (s.p >= s.end || *s.p != ':') {
          st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "PREFIX without 'name:'");
          break;
        }
        s.p++;
        char *iri = iriref(&s);
        if (!iri) {
          st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "PREFIX without <iri>");
          break;
        }
        vitae_buf_printf(&s.prologue, "@prefix %.*s: <%s> .\n", (int)k, name, iri);
        free(iri);
      } else if (keyword(&s, "BASE")) {
        char *iri = iriref(&s);
        if (!iri) {
          st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "BASE without <iri>");
          break;
        }
        vitae_buf_printf(&s.prologue, "@base <%s> .\n", iri);
        free(iri);
      } else {
        break;
      }
    }
    if (st != VITAE_OK) break;
    skip_space(&s);
    if (s.p >= s.end) break;
    op o;
    memset(&o, 0, sizeof o);
    int insert = 0;
    if ((insert = keyword(&s, "INSERT")) || keyword(&s, "DELETE")) {
      if (!keyword(&s, "DATA")) {
        st = vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "only INSERT DATA and DELETE DATA are supported (no WHERE)");
        break;
      }
      o.kind = insert ? OP_INSERT : OP_DELETE;
      vitae_buf trig = VITAE_BUF_INIT;
      vitae_buf_append(&trig, vitae_buf_str(&s.prologue), s.prologue.len);
      if (!data_block(&s, &trig, err)) {
        vitae_buf_free(&trig);
        st = err->status;
        break;
      }
      quads_init(&o.data, rw);
      st = trig.failed ? vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory")
                       : parse_into(w, &o.data, "trig", vitae_buf_str(&trig), trig.len, srv->base, err);
      vitae_buf_free(&trig);
      if (st == VITAE_OK && !insert && o.data.bnodes)
        st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0,
                             "DELETE DATA cannot name blank nodes");
      for (size_t i = 0; st == VITAE_OK && i < o.data.n; i++)
        if (!o.data.v[i]->graph)
          st = vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                               "put the triples in GRAPH <iri> { ... }: the default graph is "
                               "the union of the named graphs");
    } else if (keyword(&s, "CLEAR") || keyword(&s, "DROP")) {
      o.kind = OP_CLEAR;
      o.silent = keyword(&s, "SILENT");
      if (!keyword(&s, "GRAPH") || !(o.graph = iriref(&s)))
        st = vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                             "CLEAR and DROP take GRAPH <iri> (not DEFAULT, NAMED or ALL)");
    } else if (keyword(&s, "CREATE")) {
      o.kind = OP_CREATE;
      o.silent = keyword(&s, "SILENT");
      if (!keyword(&s, "GRAPH") || !(o.graph = iriref(&s)))
        st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "CREATE takes GRAPH <iri>");
    } else {
      st = vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                           "unsupported update operation near '%.30s' (INSERT DATA, DELETE "
                           "DATA, CLEAR GRAPH, DROP GRAPH, CREATE GRAPH)",
                           s.p);
    }
    op *more = st == VITAE_OK ? realloc(ops, (n + 1) * sizeof *ops) : NULL;
    if (!more) {
      if (st == VITAE_OK) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
      quads_free(&o.data);
      free(o.graph);
      break;
    }
    ops = more;
    ops[n++] = o;
    skip_space(&s);
    if (s.p < s.end && *s.p == ';') {
      s.p++;
      continue;
    }
    skip_space(&s);
    if (s.p < s.end)
      st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0,
                           "expected ';' between operations, near '%.30s'", s.p);
    break;
  }
  vitae_buf_free(&s.prologue);
  if (st == VITAE_OK && n == 0)
    st = vitae_error_set(err, VITAE_ERR_SYNTAX, NULL, 0, 0, "an empty update");
  if (st != VITAE_OK) {
    ops_free(ops, n);
    return st;
  }
  *out = ops;
  *nout = n;
  return VITAE_OK;
}

/* ---- applying ---- */

typedef struct counts {
  unsigned long inserted, deleted, cleared;
} counts;

static int is_inferred_graph(raptor_term *g) {
  return g && g->type == RAPTOR_TERM_TYPE_URI &&
         vitae_infer_is_graph((const char *)raptor_uri_as_string(g->value.uri));
}

/* Whether graph g holds the triple s. */
static int graph_has(librdf_model *model, raptor_term *g, raptor_statement *s) {
  librdf_stream *st = librdf_model_find_statements_in_context(model, s, g);
  int found = st && !librdf_stream_end(st);
  if (st) librdf_free_stream(st);
  return found;
}

/* Add or remove statements, each in its own graph. */
static vitae_status change(vitae_store *w, quads *q, int add, counts *n, vitae_error *err) {
  librdf_model *model = vitae_store_model(w);
  const char *failed = NULL;
  vitae_store_quiet_begin(w);
  for (size_t i = 0; i < q->n && !failed; i++) {
    raptor_statement *s = q->v[i];
    raptor_term *g = s->graph;
    s->graph = NULL;
    int present = graph_has(model, g, s);
    int rc = 0;
    if (add && !present) {
      if ((rc = librdf_model_context_add_statement(model, g, s)) == 0) n->inserted++;
    } else if (!add && present) {
      if ((rc = librdf_model_context_remove_statement(model, g, s)) == 0) n->deleted++;
    }
    s->graph = g;
    if (rc) failed = add ? "cannot add a triple" : "cannot remove a triple";
  }
  vitae_store_quiet_end(w);
  if (failed) return vitae_store_write_failed(w, err, NULL, failed);
  return VITAE_OK;
}

/* Open the store for writing, run fn, recompute the inferred graph,
 * commit; on any failure nothing is committed. */
typedef vitae_status (*write_fn)(vitae_store *w, void *arg, counts *n, vitae_error *err);

static vitae_status write_session(vs_server *srv, write_fn fn, void *arg, counts *n,
                                  vitae_error *err) {
  vitae_store *w = NULL;
  vitae_status st = vitae_store_open(srv->opt->store_spec, VITAE_STORE_WRITE, &w, err);
  if (st != VITAE_OK) return st;
  if ((st = vitae_store_begin(w, 0, err)) == VITAE_OK && (st = fn(w, arg, n, err)) == VITAE_OK &&
      (st = vitae_infer_update(w, err)) == VITAE_OK)
    st = vitae_store_commit(w, err);
  if (st != VITAE_OK) vitae_store_rollback(w);
  vitae_store_close(w);
  return st;
}

typedef struct update_req {
  vs_server *srv;
  const char *text;
  size_t len;
} update_req;

/* Parse the update with the writer's world, then apply it in order. */
static vitae_status run_ops(vitae_store *w, void *arg, counts *n, vitae_error *err) {
  update_req *u = arg;
  op *ops = NULL;
  size_t nops = 0;
  vitae_status st = parse_update(u->srv, w, u->text, u->len, &ops, &nops, err);
  for (size_t i = 0; st == VITAE_OK && i < nops; i++) {
    int bad = ops[i].graph && vitae_infer_is_graph(ops[i].graph);
    for (size_t j = 0; !bad && j < ops[i].data.n; j++) bad = is_inferred_graph(ops[i].data.v[j]->graph);
    if (bad)
      st = vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                           "the inferred graph is computed, not written");
  }
  for (size_t i = 0; st == VITAE_OK && i < nops; i++) {
    op *o = &ops[i];
    if (o->kind == OP_INSERT || o->kind == OP_DELETE) {
      st = change(w, &o->data, o->kind == OP_INSERT, n, err);
    } else if (o->kind == OP_CLEAR) {
      if (!vitae_store_has_graph(w, o->graph)) {
        if (!o->silent)
          st = vitae_error_set(err, VITAE_ERR_NOTFOUND, NULL, 0, 0, "no graph <%s>", o->graph);
      } else if ((st = vitae_store_drop_graph(w, o->graph, err)) == VITAE_OK) {
        n->cleared++;
      }
    }
  }
  ops_free(ops, nops);
  return st;
}

enum MHD_Result vs_update(vs_server *srv,  vs_request *rq,
                          const char *text, size_t len) {
  enum MHD_Result ok;
  if (refuse_write(srv, rq, &ok)) return ok;
  if (strlen(text) != len)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "the update contains a NUL byte");
  vitae_error err;
  vitae_error_clear(&err);
  counts n = {0, 0, 0};
  update_req u = {srv, text, len};
  vitae_status st = write_session(srv, run_ops, &u, &n, &err);
  if (st != VITAE_OK)
    return vs_send_text(rq, vs_status_for(st), "%s",
                        err.message[0] ? err.message : vitae_strerror(st));
  return vs_send_text(rq, MHD_HTTP_OK,
                      "updated: %lu triples inserted, %lu deleted, %lu graphs cleared",
                      n.inserted, n.deleted, n.cleared);
}

/* ---- Graph Store Protocol ---- */

static const char *body_syntax(vs_request *rq) {
  const char *ct = vs_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);
  static const char *const types[][2] = {{"text/turtle", "turtle"},
                                         {"application/x-turtle", "turtle"},
                                         {"application/n-triples", "ntriples"},
                                         {"text/plain", "ntriples"},
                                         {"application/rdf+xml", "rdfxml"}};
  if (!ct) return NULL;
  while (*ct == ' ') ct++;
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    size_t n = strlen(types[i][0]);
    if (!strncasecmp(ct, types[i][0], n) && (!ct[n] || ct[n] == ';' || ct[n] == ' '))
      return types[i][1];
  }
  return NULL;
}

typedef struct gsp_write {
  const char *method, *graph, *syntax;
  const char *body;
  size_t len;
  int existed;
} gsp_write;

static vitae_status run_gsp(vitae_store *w, void *arg, counts *n, vitae_error *err) {
  gsp_write *g = arg;
  g->existed = vitae_store_has_graph(w, g->graph);
  if (!strcmp(g->method, "DELETE")) {
    if (!g->existed)
      return vitae_error_set(err, VITAE_ERR_NOTFOUND, NULL, 0, 0, "no graph <%s>", g->graph);
    n->cleared++;
    return vitae_store_drop_graph(w, g->graph, err);
  }
  if (!strcmp(g->method, "PUT")) {
    vitae_load_result res;
    vitae_status st = vitae_load_buffer(w, g->body, g->len, g->syntax, g->graph, g->graph,
                                        g->graph, &res, err);
    n->inserted = res.triples;
    return st;
  }
  quads data; /* POST: the body's triples, added to the graph */
  quads_init(&data, librdf_world_get_raptor(vitae_store_world(w)));
  vitae_status st = parse_into(w, &data, g->syntax, g->body, g->len, g->graph, err);
  for (size_t i = 0; st == VITAE_OK && i < data.n; i++) {
    raptor_term *t = raptor_new_term_from_uri_string(data.rw, (const unsigned char *)g->graph);
    if (!t) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    else {
      if (data.v[i]->graph) raptor_free_term(data.v[i]->graph);
      data.v[i]->graph = t;
    }
  }
  if (st == VITAE_OK) st = change(w, &data, 1, n, err);
  quads_free(&data);
  return st;
}

static int iri_ok(const char *s) {
  if (!strstr(s, ":")) return 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= 0x20 || strchr("<>\"{}|^`\\", *p)) return 0;
  return 1;
}

static enum MHD_Result gsp_get(vs_server *srv,  vs_request *rq,
                               const char *graph) {
  vs_rdf_type types[8];
  size_t nt = vs_rdf_types(types, 8);
  const char *offered[8];
  for (size_t i = 0; i < nt; i++) offered[i] = types[i].media;
  int i = vitae_negotiate(vs_accept(rq), offered, nt);
  if (i < 0) return vs_send_text(rq, MHD_HTTP_NOT_ACCEPTABLE, "a graph is given as RDF");
  enum MHD_Result ok;
  vitae_store *store = vs_take_store(srv, rq, &ok);
  if (!store) return ok;
  vitae_error err;
  vitae_error_clear(&err);
  if (!vitae_store_has_graph(store, graph)) {
    vitae_pool_give(srv->pool, store);
    return vs_send_text(rq, MHD_HTTP_NOT_FOUND, "no graph <%.1000s>", graph);
  }
  vitae_rdf_format f;
  vitae_rdf_format_parse(types[i].format, &f);
  char *body = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&body, &len);
  vitae_status st = out ? vitae_export_store(store, graph, f, out, &err) : VITAE_ERR_NOMEM;
  if (out && fclose(out) != 0 && st == VITAE_OK) st = VITAE_ERR_NOMEM;
  vitae_pool_give(srv->pool, store);
  if (st != VITAE_OK) {
    free(body);
    return vs_send_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot write the graph");
  }
  const char *ct = !strcmp(types[i].format, "turtle") ? "text/turtle; charset=utf-8" : types[i].media;
  return vs_send(rq, MHD_HTTP_OK, ct, body, len, NULL);
}

enum MHD_Result vs_graph_store(vs_server *srv,  vs_request *rq) {
  const char *m = rq->method;
  int get = !strcmp(m, "GET") || !strcmp(m, "HEAD");
  if (!get && strcmp(m, "PUT") && strcmp(m, "POST") && strcmp(m, "DELETE")) {
    const char *const allow[] = {MHD_HTTP_HEADER_ALLOW, "GET, HEAD, PUT, POST, DELETE, OPTIONS", NULL};
    char *msg = strdup("the graph store takes GET, PUT, POST and DELETE\n");
    return vs_send(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", msg,
                   msg ? strlen(msg) : 0, allow);
  }
  const char *graph = vs_arg(rq, "graph");
  int dflt = vs_arg(rq, "default") != NULL;
  enum MHD_Result ok;
  if (!get && refuse_write(srv, rq, &ok)) return ok;
  if (dflt)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST,
                        "?default is not supported: the default graph is the union of the "
                        "named graphs; give ?graph=IRI");
  if (!graph || !iri_ok(graph))
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "give ?graph=IRI (an absolute IRI)");
  if (vitae_infer_is_graph(graph) && !get)
    return vs_send_text(rq, MHD_HTTP_BAD_REQUEST, "the inferred graph is computed, not written");
  if (get) return gsp_get(srv, rq, graph);

  gsp_write g = {m, graph, NULL, rq->body, rq->body_len, 0};
  if (strcmp(m, "DELETE")) {
    if (!(g.syntax = body_syntax(rq)))
      return vs_send_text(rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                          "send text/turtle, application/n-triples or application/rdf+xml");
  }
  vitae_error err;
  vitae_error_clear(&err);
  counts n = {0, 0, 0};
  vitae_status st = write_session(srv, run_gsp, &g, &n, &err);
  if (st != VITAE_OK)
    return vs_send_text(rq, vs_status_for(st), "%s",
                        err.message[0] ? err.message : vitae_strerror(st));
  if (!strcmp(m, "PUT") && !g.existed)
    return vs_send_text(rq, MHD_HTTP_CREATED, "created <%.1000s>: %lu triples", graph, n.inserted);
  if (!strcmp(m, "DELETE")) return vs_send(rq, MHD_HTTP_NO_CONTENT, NULL, NULL, 0, NULL);
  return vs_send_text(rq, MHD_HTTP_OK, "%s <%.1000s>: %lu triples%s", !strcmp(m, "PUT") ? "replaced" : "added to",
                      graph, n.inserted, !strcmp(m, "PUT") ? "" : " new");
}
