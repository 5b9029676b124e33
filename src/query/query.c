#include "query/query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/vocab.h"
#include "query/internal.h"
#include "query/lex.h"
#include "query/rewrite.h"

#include "core/strmap.h"

/* ---- prefixes ---- */

/* Whether the query text declares PREFIX name: itself (case-insensitive
 * keyword; good enough for the prologue, which comes first). */
static int declares_prefix(const char *q, const char *name) {
  size_t k = strlen(name);
  for (const char *p = q; *p; p++) {
    if (strncasecmp(p, "prefix", 6) != 0) continue;
    if (p > q && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == ':')) continue;
    const char *s = p + 6;
    if (!isspace((unsigned char)*s)) continue;
    while (isspace((unsigned char)*s)) s++;
    if (!strncmp(s, name, k) && s[k] == ':') return 1;
  }
  return 0;
}

static size_t prefix_header(const char *sparql, vitae_buf *b) {
  for (const vitae_prefix *px = VITAE_PREFIXES; px->prefix; px++)
    if (!declares_prefix(sparql, px->prefix))
      vitae_buf_printf(b, "PREFIX %s: <%s> ", px->prefix, px->iri);
  return b->len;
}

char *vitae_query_with_prefixes(const char *sparql) {
  vitae_buf b = VITAE_BUF_INIT;
  prefix_header(sparql, &b);
  if (vitae_buf_puts(&b, sparql) != VITAE_OK) {
    vitae_buf_free(&b);
    return NULL;
  }
  return vitae_buf_take(&b);
}

/* ---- results ---- */

void vitae_result_free(vitae_result *r) {
  if (!r) return;
  for (size_t i = 0; i < r->ncols; i++) free(r->columns[i]);
  free(r->columns);
  for (size_t i = 0; i < r->nrows * r->ncols; i++)
    if (r->cells[i]) librdf_free_node(r->cells[i]);
  free(r->cells);
  for (size_t i = 0; i < r->nstmts; i++) raptor_free_statement(r->stmts[i]);
  free(r->stmts);
  free(r);
}

size_t vitae_result_truncate(vitae_result *r, size_t n) {
  if (r->kind == VITAE_RESULT_BINDINGS) {
    size_t had = r->nrows;
    for (size_t i = n * r->ncols; i < had * r->ncols; i++)
      if (r->cells[i]) librdf_free_node(r->cells[i]);
    if (n < had) r->nrows = n;
    return had;
  }
  size_t had = r->nstmts;
  for (size_t i = n; i < had; i++) raptor_free_statement(r->stmts[i]);
  if (n < had) r->nstmts = n;
  return had;
}

vitae_result_kind vitae_result_get_kind(const vitae_result *r) { return r->kind; }
size_t vitae_result_columns(const vitae_result *r) { return r->ncols; }
const char *vitae_result_column_name(const vitae_result *r, size_t col) { return r->columns[col]; }
size_t vitae_result_rows(const vitae_result *r) { return r->nrows; }
librdf_node *vitae_result_cell(const vitae_result *r, size_t row, size_t col) {
  return r->cells[row * r->ncols + col];
}
int vitae_result_boolean(const vitae_result *r) { return r->boolean; }
size_t vitae_result_statements(const vitae_result *r, raptor_statement ***out) {
  *out = r->stmts;
  return r->nstmts;
}

vitae_result *vq_result_new(vitae_result_kind kind) {
  vitae_result *r = calloc(1, sizeof *r);
  if (r) r->kind = kind;
  return r;
}

vitae_status vq_result_set_columns(vitae_result *r, size_t n, const char *const *names) {
  char **cols = calloc(n + 1, sizeof *cols);
  if (!cols) return VITAE_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    if (!(cols[i] = strdup(names[i] ? names[i] : ""))) {
      for (size_t k = 0; k < i; k++) free(cols[k]);
      free(cols);
      return VITAE_ERR_NOMEM;
    }
  for (size_t i = 0; i < r->ncols; i++) free(r->columns[i]);
  free(r->columns);
  r->columns = cols;
  r->ncols = n;
  return VITAE_OK;
}

vitae_status vq_result_add_row(vitae_result *r, librdf_node **cells) {
  if (r->nrows == r->cap_rows) {
    size_t cap = r->cap_rows ? 2 * r->cap_rows : 64;
    librdf_node **more = realloc(r->cells, cap * (r->ncols ? r->ncols : 1) * sizeof *more);
    if (!more) {
      for (size_t i = 0; i < r->ncols; i++)
        if (cells[i]) librdf_free_node(cells[i]);
      return VITAE_ERR_NOMEM;
    }
    r->cells = more;
    r->cap_rows = cap;
  }
  for (size_t i = 0; i < r->ncols; i++) r->cells[r->nrows * r->ncols + i] = cells[i];
  r->nrows++;
  return VITAE_OK;
}

vitae_status vq_result_add_statement(vitae_result *r, raptor_statement *s) {
  if (r->nstmts == r->cap_stmts) {
    size_t cap = r->cap_stmts ? 2 * r->cap_stmts : 64;
    raptor_statement **more = realloc(r->stmts, cap * sizeof *more);
    if (!more) {
      raptor_free_statement(s);
      return VITAE_ERR_NOMEM;
    }
    r->stmts = more;
    r->cap_stmts = cap;
  }
  r->stmts[r->nstmts++] = s;
  return VITAE_OK;
}

int vq_is_hidden(const char *hidden, const char *name) {
  size_t k = strlen(hidden);
  return hidden[0] && !strncmp(name, hidden, k);
}

/* Copy a plan's error into err, moving line-1 columns into the user's text. */
static vitae_status report(const vitae_error *local, size_t shift, vitae_error *err) {
  long col = local->column;
  if (local->line == 1 && col > (long)shift) col -= (long)shift;
  return vitae_error_set(err, local->status, local->file[0] ? local->file : NULL, local->line, col,
                         "%s", local->message);
}

/* Drop the columns the rewriting added (SELECT * shows them). */
static vitae_status drop_hidden(vitae_result *r, const char *hidden) {
  size_t keep = 0;
  for (size_t c = 0; c < r->ncols; c++) keep += !vq_is_hidden(hidden, r->columns[c]);
  if (keep == r->ncols) return VITAE_OK;
  char *mask = calloc(r->ncols + 1, 1);
  if (!mask) return VITAE_ERR_NOMEM;
  for (size_t c = 0; c < r->ncols; c++) mask[c] = !vq_is_hidden(hidden, r->columns[c]);
  for (size_t i = 0; i < r->nrows; i++) {
    size_t k = 0;
    for (size_t c = 0; c < r->ncols; c++) {
      librdf_node *n = r->cells[i * r->ncols + c];
      if (mask[c]) r->cells[i * keep + k++] = n;
      else if (n) librdf_free_node(n);
    }
  }
  size_t k = 0;
  for (size_t c = 0; c < r->ncols; c++) {
    if (mask[c]) r->columns[k++] = r->columns[c];
    else free(r->columns[c]);
  }
  r->ncols = keep;
  free(mask);
  return VITAE_OK;
}

/* GROUP_CONCAT with a separator: the engine joined percent-encoded items
 * with spaces; decode them and join them with the separator. */
static vitae_status decode_concat(vitae_store *store, vitae_result *r, const vq_plan *plan) {
  librdf_world *w = vitae_store_world(store);
  for (size_t g = 0; g < plan->nconcat; g++) {
    size_t col = r->ncols;
    for (size_t c = 0; c < r->ncols; c++)
      if (!strcmp(r->columns[c], plan->concat[g].var)) col = c;
    if (col == r->ncols) continue;
    for (size_t i = 0; i < r->nrows; i++) {
      librdf_node **cell = &r->cells[i * r->ncols + col];
      if (!*cell || !librdf_node_is_literal(*cell)) continue;
      size_t len, outlen;
      const char *v = (const char *)librdf_node_get_literal_value_as_counted_string(*cell, &len);
      char *dec = vq_concat_decode(v, len, plan->concat[g].sep, &outlen);
      if (!dec) return VITAE_ERR_NOMEM;
      librdf_node *n = librdf_new_node_from_typed_counted_literal(w, (const unsigned char *)dec,
                                                                   outlen, NULL, 0, NULL);
      free(dec);
      if (!n) return VITAE_ERR_NOMEM;
      librdf_free_node(*cell);
      *cell = n;
    }
  }
  return VITAE_OK;
}

/* A term as SPARQL text for a VALUES block; -1 when it has no such form
 * (a blank node, an IRI with characters an IRI reference cannot hold). */
static int put_sparql_term(vitae_buf *b, librdf_node *n) {
  if (!n) {
    vitae_buf_puts(b, "UNDEF");
    return 0;
  }
  if (librdf_node_is_blank(n)) return -1;
  if (librdf_node_is_resource(n)) {
    const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
    for (const char *c = iri; *c; c++)
      if ((unsigned char)*c <= 0x20 || strchr("<>\"{}|^`\\", *c)) return -1;
    vitae_buf_printf(b, "<%s>", iri);
    return 0;
  }
  size_t len;
  const char *v = (const char *)librdf_node_get_literal_value_as_counted_string(n, &len);
  vitae_buf_putc(b, '"');
  for (size_t i = 0; i < len; i++) {
    switch (v[i]) {
    case '"': vitae_buf_puts(b, "\\\""); break;
    case '\\': vitae_buf_puts(b, "\\\\"); break;
    case '\n': vitae_buf_puts(b, "\\n"); break;
    case '\r': vitae_buf_puts(b, "\\r"); break;
    case '\t': vitae_buf_puts(b, "\\t"); break;
    default: vitae_buf_putc(b, v[i]);
    }
  }
  vitae_buf_putc(b, '"');
  const char *lang = librdf_node_get_literal_value_language(n);
  librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
  if (lang && *lang) vitae_buf_printf(b, "@%s", lang);
  else if (dt) vitae_buf_printf(b, "^^<%s>", (const char *)librdf_uri_as_string(dt));
  return 0;
}

#define MAX_SUB_ROWS 200000

/* Evaluate the outermost sub-SELECTs on their own, and make the plan again
 * with each replaced by its answer as a VALUES block. */
static vitae_status materialise_subqueries(vitae_store *store, const char *text, size_t shift,
                                           int depth, const char *const *graphs, vq_plan *plan,
                                           vitae_error *err) {
  if (!plan->nsubs) return VITAE_OK;
  size_t n = plan->nsubs;
  char **values = calloc(n + 1, sizeof *values);
  if (!values) return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  vitae_status st = VITAE_OK;
  for (size_t k = 0; k < n && st == VITAE_OK; k++) {
    vitae_result *r = NULL;
    st = vq_exec_text(store, plan->subs[k], shift, depth + 1, &r, err);
    if (st != VITAE_OK) break;
    long line = plan->sub_line ? plan->sub_line[k] : 0, col = plan->sub_col ? plan->sub_col[k] : 0;
    if (r->nrows > MAX_SUB_ROWS) {
      st = vitae_error_set(err, VITAE_ERR_QUERY, "query", line, col,
                           "a sub-SELECT has more than %d solutions; vitae evaluates sub-SELECTs "
                           "on their own and does not run larger ones", MAX_SUB_ROWS);
    }
    vitae_buf b = VITAE_BUF_INIT;
    vitae_buf_puts(&b, "VALUES (");
    for (size_t c = 0; c < r->ncols; c++) vitae_buf_printf(&b, " ?%s", r->columns[c]);
    vitae_buf_puts(&b, " ) {");
    for (size_t i = 0; i < r->nrows && st == VITAE_OK; i++) {
      vitae_buf_puts(&b, " (");
      for (size_t c = 0; c < r->ncols; c++) {
        vitae_buf_putc(&b, ' ');
        if (put_sparql_term(&b, r->cells[i * r->ncols + c]) != 0)
          st = vitae_error_set(err, VITAE_ERR_QUERY, "query", line, col,
                               "a sub-SELECT whose answer holds blank nodes is not supported: "
                               "vitae evaluates sub-SELECTs on their own and passes their answer "
                               "on as VALUES, which cannot hold blank nodes");
      }
      vitae_buf_puts(&b, " )");
    }
    vitae_buf_puts(&b, " }");
    vitae_result_free(r);
    if (b.failed && st == VITAE_OK) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    values[k] = vitae_buf_take(&b);
  }
  if (st == VITAE_OK) {
    /* the query again, with each sub-SELECT's text replaced by its answer
     * (analysed afresh, so that VALUES gets its own care) */
    vitae_buf t = VITAE_BUF_INIT;
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
      vitae_buf_append(&t, text + at, plan->sub_off[k] - at);
      vitae_buf_puts(&t, values[k]);
      /* keep the line breaks of the sub-SELECT */
      for (size_t c = plan->sub_off[k]; c < plan->sub_end[k]; c++)
        if (text[c] == '\n') vitae_buf_putc(&t, '\n');
      at = plan->sub_end[k];
    }
    vitae_buf_puts(&t, text + at);
    vq_plan_free(plan);
    vitae_error local;
    vitae_error_clear(&local);
    st = vq_plan_make(vitae_buf_str(&t), shift, NULL, graphs, plan, &local);
    vitae_buf_free(&t);
    if (st != VITAE_OK)
      vitae_error_set(err, local.status == VITAE_OK ? VITAE_ERR_QUERY : local.status, "query",
                      local.line, local.column, "%s", local.message[0] ? local.message : "internal error");
  }
  for (size_t k = 0; k < n; k++) free(values[k]);
  free(values);
  return st;
}


/* ---- aggregate queries in two stages (see rewrite.c) ---- */

static void put_node_key(vitae_buf *b, librdf_node *n) {
  if (!n) {
    vitae_buf_puts(b, "U|");
  } else if (librdf_node_is_resource(n)) {
    vitae_buf_printf(b, "I%s|", (const char *)librdf_uri_as_string(librdf_node_get_uri(n)));
  } else if (librdf_node_is_blank(n)) {
    vitae_buf_printf(b, "B%s|", (const char *)librdf_node_get_blank_identifier(n));
  } else {
    size_t len;
    const char *v = (const char *)librdf_node_get_literal_value_as_counted_string(n, &len);
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    vitae_buf_printf(b, "L%zu:", len);
    vitae_buf_append(b, v, len);
    vitae_buf_printf(b, "@%s^%s|", lang ? lang : "", dt ? (const char *)librdf_uri_as_string(dt) : "");
  }
}

typedef struct agg_groups {
  size_t nkeys, ncols, n, cap;
  librdf_node **keys; /* n * nkeys */
  librdf_node **vals; /* n * ncols */
  vitae_strmap index;
} agg_groups;

static long group_of(agg_groups *G, librdf_node **key) {
  vitae_buf k = VITAE_BUF_INIT;
  for (size_t i = 0; i < G->nkeys; i++) put_node_key(&k, key[i]);
  vitae_buf_puts(&k, "");
  long g = (long)vitae_strmap_get(&G->index, vitae_buf_str(&k), 0) - 1;
  if (g < 0) {
    if (G->n == G->cap) {
      size_t cap = G->cap ? 2 * G->cap : 16;
      librdf_node **nk = realloc(G->keys, cap * (G->nkeys ? G->nkeys : 1) * sizeof *nk);
      if (nk) G->keys = nk;
      librdf_node **nv = realloc(G->vals, cap * (G->ncols ? G->ncols : 1) * sizeof *nv);
      if (nv) G->vals = nv;
      if (!nk || !nv) {
        vitae_buf_free(&k);
        return -1;
      }
      G->cap = cap;
    }
    g = (long)G->n++;
    for (size_t i = 0; i < G->nkeys; i++)
      G->keys[(size_t)g * G->nkeys + i] = key[i] ? librdf_new_node_from_node(key[i]) : NULL;
    for (size_t j = 0; j < G->ncols; j++) G->vals[(size_t)g * G->ncols + j] = NULL;
    if (vitae_strmap_put(&G->index, vitae_buf_str(&k), g + 1) != 0) g = -1;
  }
  vitae_buf_free(&k);
  return g;
}

static void free_groups(agg_groups *G) {
  for (size_t i = 0; i < G->n * G->nkeys; i++)
    if (G->keys[i]) librdf_free_node(G->keys[i]);
  for (size_t i = 0; i < G->n * G->ncols; i++)
    if (G->vals[i]) librdf_free_node(G->vals[i]);
  free(G->keys);
  free(G->vals);
  vitae_strmap_free(&G->index);
}

/* The stand-in for an unbound group key (see rewrite.c). */
static int is_unbound_mark(librdf_node *n) {
  return n && librdf_node_is_resource(n) &&
         !strcmp((const char *)librdf_uri_as_string(librdf_node_get_uri(n)), "urn:x-vitae:unbound");
}

/* text with its first `mark` character replaced by with */
static char *splice(const char *text, char mark, const char *with) {
  const char *p = strchr(text, mark);
  if (!p) return strdup(text);
  vitae_buf b = VITAE_BUF_INIT;
  vitae_buf_append(&b, text, (size_t)(p - text));
  vitae_buf_puts(&b, with);
  vitae_buf_puts(&b, p + 1);
  return vitae_buf_take(&b);
}

static vitae_status run_aggregate(vitae_store *store, const vq_plan *plan, size_t shift, int depth,
                                  vitae_result **out, vitae_error *err) {
  librdf_world *w = vitae_store_world(store);
  agg_groups G;
  memset(&G, 0, sizeof G);
  char *keynames[64];
  size_t nk = 0;
  for (const char *p = plan->keys; p && *p && nk < 64;) {
    while (*p == ' ') p++;
    if (!*p) break;
    const char *q = p;
    while (*q && *q != ' ') q++;
    keynames[nk++] = strndup(p + 1, (size_t)(q - p - 1));
    p = q;
  }
  G.nkeys = nk;
  G.ncols = plan->nagg_cols;
  vitae_status st = VITAE_OK;
  vitae_error local;
  librdf_node *zero = NULL, *empty = NULL, **keybuf = calloc(nk + 1, sizeof *keybuf);
  if (!keybuf) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  /* the distinct values of 'd' columns: (group, value) pairs */
  size_t *dgroup = NULL, nd = 0, capd = 0, *dcol = NULL;
  vitae_strmap dseen = VITAE_STRMAP_INIT;
  librdf_node **dval = NULL;
  /* stage 1: one query per aggregate; with GROUP BY, the COUNT(*) column
   * first: its groups with solutions are the groups */
  size_t first = plan->nagg_cols;
  for (size_t j = 0; j < plan->nagg_cols; j++)
    if (plan->agg_cols[j].kind == 'n') first = j;
  for (size_t step = 0; step < plan->nagg_cols + (first < plan->nagg_cols) && st == VITAE_OK; step++) {
    size_t j = first < plan->nagg_cols ? (step == 0 ? first : step - 1) : step;
    if (first < plan->nagg_cols && step > 0 && j == first) continue;
    const vq_agg_col *col = &plan->agg_cols[j];
    if (!col->expr) continue;
    vitae_buf sel = VITAE_BUF_INIT, grp = VITAE_BUF_INIT;
    if (col->kind == 'd') {
      vitae_buf_printf(&sel, "?%sv", plan->hidden);
      vitae_buf_printf(&grp, "%s(%s AS ?%sv)", plan->grouped ? "" : "GROUP BY ", col->expr, plan->hidden);
    } else {
      vitae_buf_printf(&sel, "(%s AS ?%sv)", col->expr, plan->hidden);
      vitae_buf_puts(&grp, "");
    }
    char *t1 = splice(plan->text, '\x01', vitae_buf_str(&sel));
    char *text = t1 ? splice(t1, '\x04', vitae_buf_str(&grp)) : NULL;
    free(t1);
    vitae_buf_free(&sel);
    vitae_buf_free(&grp);
    vitae_result *r = NULL;
    vitae_error_clear(&local);
    if (getenv("VITAE_QUERY_DEBUG") && text) fprintf(stderr, "vitae: aggregate query (keys%s): %s\n", plan->keys ? plan->keys : "", text);
    st = text ? vq_engine_run(store, text, 0, &r, NULL, &local) : VITAE_ERR_NOMEM;
    free(text);
    if (st != VITAE_OK) {
      report(&local, shift, err);
      break;
    }
    for (size_t i = 0; i < r->nrows && st == VITAE_OK; i++) {
      for (size_t k = 0; k < nk; k++) {
        keybuf[k] = k < r->ncols ? r->cells[i * r->ncols + k] : NULL;
        if (is_unbound_mark(keybuf[k])) keybuf[k] = NULL;
      }
      if (first < plan->nagg_cols && j == first) {
        librdf_node *cnt = nk < r->ncols ? r->cells[i * r->ncols + nk] : NULL;
        if (!cnt || !strcmp((const char *)librdf_node_get_literal_value(cnt), "0")) continue;
      } else if (first < plan->nagg_cols) {
        vitae_buf kb = VITAE_BUF_INIT;
        for (size_t k = 0; k < nk; k++) put_node_key(&kb, keybuf[k]);
        vitae_buf_puts(&kb, "");
        int known = vitae_strmap_get(&G.index, vitae_buf_str(&kb), 0) != 0;
        vitae_buf_free(&kb);
        if (!known) continue;
      }
      long g = group_of(&G, keybuf);
      if (g < 0) {
        st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
        break;
      }
      librdf_node **v = &r->cells[i * r->ncols + nk];
      if (nk < r->ncols && *v && col->kind == 'd' && is_unbound_mark(*v)) {
        continue;
      } else if (nk < r->ncols && *v && col->kind == 'd') {
        /* distinct per group (rasqal's GROUP BY does not always merge) */
        vitae_buf dk = VITAE_BUF_INIT;
        vitae_buf_printf(&dk, "%zu|%ld|", j, g);
        put_node_key(&dk, *v);
        vitae_buf_puts(&dk, "");
        int dup = vitae_strmap_get(&dseen, vitae_buf_str(&dk), 0) != 0;
        if (!dup) vitae_strmap_put(&dseen, vitae_buf_str(&dk), 1);
        vitae_buf_free(&dk);
        if (dup) continue;
        if (nd == capd) {
          capd = capd ? 2 * capd : 64;
          size_t *ng = realloc(dgroup, capd * sizeof *ng), *nc = realloc(dcol, capd * sizeof *nc);
          librdf_node **nv = realloc(dval, capd * sizeof *nv);
          if (ng) dgroup = ng;
          if (nc) dcol = nc;
          if (nv) dval = nv;
          if (!ng || !nc || !nv) {
            st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
            break;
          }
        }
        dgroup[nd] = (size_t)g;
        dcol[nd] = j;
        dval[nd++] = *v;
        *v = NULL;
      } else if (nk < r->ncols && *v) {
        G.vals[(size_t)g * G.ncols + j] = *v;
        *v = NULL;
      }
    }
    vitae_result_free(r);
  }
  /* without GROUP BY there is one group, even over no solutions */
  if (st == VITAE_OK && nk == 0 && G.n == 0 && group_of(&G, keybuf) < 0)
    st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  /* the columns computed from distinct values */
  for (size_t j = 0; j < plan->nagg_cols && st == VITAE_OK; j++) {
    const vq_agg_col *col = &plan->agg_cols[j];
    if (col->expr) continue;
    if (col->kind == 'c' || col->kind == 'g') {
      for (size_t g = 0; g < G.n && st == VITAE_OK; g++) {
        size_t count = 0;
        vitae_buf b = VITAE_BUF_INIT;
        for (size_t k = 0; k < nd; k++) {
          if (dgroup[k] != g || dcol[k] != col->src) continue;
          librdf_node *n = dval[k];
          if (col->kind == 'c') {
            count++;
          } else if (!librdf_node_is_blank(n)) { /* STR(blank node) is an error */
            size_t len;
            const char *str = librdf_node_is_resource(n)
                                  ? (const char *)librdf_uri_as_counted_string(librdf_node_get_uri(n), &len)
                                  : (const char *)librdf_node_get_literal_value_as_counted_string(n, &len);
            if (count++) vitae_buf_puts(&b, col->sep ? col->sep : " ");
            vitae_buf_append(&b, str, len);
          }
        }
        librdf_node *n;
        if (col->kind == 'c') {
          char num[32];
          snprintf(num, sizeof num, "%zu", count);
          librdf_uri *xint = librdf_new_uri(w, (const unsigned char *)"http://www.w3.org/2001/XMLSchema#integer");
          n = xint ? librdf_new_node_from_typed_literal(w, (const unsigned char *)num, NULL, xint) : NULL;
          if (xint) librdf_free_uri(xint);
        } else {
          n = librdf_new_node_from_typed_counted_literal(w, (const unsigned char *)(b.data ? b.data : ""),
                                                         b.len, NULL, 0, NULL);
        }
        vitae_buf_free(&b);
        if (!n) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
        else G.vals[g * G.ncols + j] = n;
      }
    } else if (col->kind == 's') {
      /* SUM of the distinct values, by the engine over them as VALUES */
      vitae_buf q = VITAE_BUF_INIT;
      vitae_buf_printf(&q, "SELECT ?g (SUM(?x) AS ?v) WHERE { VALUES (?g ?x) {");
      int any = 0;
      for (size_t k = 0; k < nd; k++) {
        if (dcol[k] != col->src || librdf_node_is_blank(dval[k])) continue;
        vitae_buf_printf(&q, " (%zu ", dgroup[k]);
        if (put_sparql_term(&q, dval[k]) != 0) vitae_buf_puts(&q, "UNDEF");
        vitae_buf_puts(&q, ")");
        any = 1;
      }
      vitae_buf_puts(&q, " } } GROUP BY ?g");
      vitae_result *r = NULL;
      /* through the whole pipeline: rasqal's aggregates do not see VALUES */
      if (any) st = vq_exec_text(store, vitae_buf_str(&q), 0, depth + 1, &r, err);
      vitae_buf_free(&q);
      if (st != VITAE_OK) break;
      for (size_t i = 0; r && i < r->nrows; i++) {
        librdf_node *gn = r->cells[i * r->ncols], **v = &r->cells[i * r->ncols + 1];
        if (!gn || !librdf_node_is_literal(gn) || !*v) continue;
        size_t g = (size_t)strtoul((const char *)librdf_node_get_literal_value(gn), NULL, 10);
        if (g < G.n) {
          G.vals[g * G.ncols + j] = *v;
          *v = NULL;
        }
      }
      vitae_result_free(r);
    }
  }
  if (st == VITAE_OK) {
    librdf_uri *xint = librdf_new_uri(w, (const unsigned char *)"http://www.w3.org/2001/XMLSchema#integer");
    zero = xint ? librdf_new_node_from_typed_literal(w, (const unsigned char *)"0", NULL, xint) : NULL;
    if (xint) librdf_free_uri(xint);
    empty = librdf_new_node_from_typed_literal(w, (const unsigned char *)"", NULL, NULL);
    if (!zero || !empty) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  for (size_t g = 0; g < G.n && st == VITAE_OK; g++)
    for (size_t j = 0; j < G.ncols && st == VITAE_OK; j++) {
      librdf_node **v = &G.vals[g * G.ncols + j];
      const vq_agg_col *c = &plan->agg_cols[j];
      if (c->kind == 'c' && !*v) *v = librdf_new_node_from_node(zero);
      if (c->kind == 'g' && !*v) *v = librdf_new_node_from_node(empty);
      if (c->kind == 'g' && c->sep && *v && librdf_node_is_literal(*v)) {
        size_t len, outlen;
        const char *s = (const char *)librdf_node_get_literal_value_as_counted_string(*v, &len);
        char *dec = vq_concat_decode(s, len, c->sep, &outlen);
        librdf_node *n = dec ? librdf_new_node_from_typed_counted_literal(
                                   w, (const unsigned char *)dec, outlen, NULL, 0, NULL)
                             : NULL;
        free(dec);
        if (!n) st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
        else {
          librdf_free_node(*v);
          *v = n;
        }
      }
      if (c->kind == 'm' && !*v && !strncmp(c->expr, "M", 1)) {
        /* MIN or MAX unbound although the group has values: values rasqal
         * cannot compare (IRIs, blank nodes, mixed kinds) */
        for (size_t k = 0; k < G.ncols; k++) {
          const vq_agg_col *cc = &plan->agg_cols[k];
          librdf_node *n = G.vals[g * G.ncols + k];
          if (cc->kind == 'c' && !strncmp(cc->var, c->var, strlen(c->var) - 1) && n &&
              strcmp((const char *)librdf_node_get_literal_value(n), "0"))
            st = vitae_error_set(err, VITAE_ERR_QUERY, "query", 0, 0,
                                 "MIN and MAX of IRIs, blank nodes or values of different kinds are "
                                 "not supported by this SPARQL engine (rasqal 0.9.33): it cannot "
                                 "compare them");
        }
      }
    }
  /* stage 2 over VALUES */
  vitae_buf v = VITAE_BUF_INIT;
  int has_blank_key = 0;
  if (st == VITAE_OK) {
    vitae_buf_puts(&v, "VALUES (");
    for (size_t k = 0; k < nk; k++) vitae_buf_printf(&v, " ?%s", keynames[k]);
    for (size_t j = 0; j < G.ncols; j++)
      if (plan->agg_cols[j].kind != 'd' && plan->agg_cols[j].kind != 'n')
        vitae_buf_printf(&v, " ?%s", plan->agg_cols[j].var);
    if (!plan->distinct) vitae_buf_printf(&v, " ?%sgi", plan->hidden);
    vitae_buf_puts(&v, " ) {");
    for (size_t g = 0; g < G.n && st == VITAE_OK; g++) {
      vitae_buf_puts(&v, " (");
      for (size_t k = 0; k < nk; k++) {
        librdf_node *n = G.keys[g * nk + k];
        vitae_buf_putc(&v, ' ');
        if (n && librdf_node_is_blank(n)) {
          has_blank_key = 1;
          vitae_buf_puts(&v, "UNDEF");
        } else if (put_sparql_term(&v, n) != 0) {
          st = vitae_error_set(err, VITAE_ERR_QUERY, "query", 0, 0,
                               "a group key holds an IRI that cannot be written in SPARQL");
        }
      }
      for (size_t j = 0; j < G.ncols; j++) {
        if (plan->agg_cols[j].kind == 'd' || plan->agg_cols[j].kind == 'n') continue;
        vitae_buf_putc(&v, ' ');
        if (put_sparql_term(&v, G.vals[g * G.ncols + j]) != 0)
          st = vitae_error_set(err, VITAE_ERR_QUERY, "query", 0, 0,
                               "an aggregate whose value is a blank node (SAMPLE, MIN, MAX) is not "
                               "supported");
      }
      if (!plan->distinct) vitae_buf_printf(&v, " %zu", g);
      vitae_buf_puts(&v, " )");
    }
    vitae_buf_puts(&v, " }");
    if (has_blank_key && plan->distinct)
      st = vitae_error_set(err, VITAE_ERR_QUERY, "query", 0, 0,
                           "SELECT DISTINCT with groups keyed by blank nodes is not supported");
  }
  vitae_result *r2 = NULL;
  if (st == VITAE_OK) {
    char *text2 = splice(plan->stage2, '\x02', vitae_buf_str(&v));
    st = text2 ? vq_exec_opts(store, text2, shift, depth + 1, 1, &r2, err)
               : vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
    free(text2);
  }
  vitae_buf_free(&v);
  /* blank-node keys go back in by the group index */
  if (st == VITAE_OK && !plan->distinct) {
    size_t gi = r2->ncols;
    char name[64];
    snprintf(name, sizeof name, "%sgi", plan->hidden);
    for (size_t c = 0; c < r2->ncols; c++)
      if (!strcmp(r2->columns[c], name)) gi = c;
    for (size_t i = 0; gi < r2->ncols && i < r2->nrows; i++) {
      librdf_node *gn = r2->cells[i * r2->ncols + gi];
      if (!gn || !librdf_node_is_literal(gn)) continue;
      size_t g = (size_t)strtoul((const char *)librdf_node_get_literal_value(gn), NULL, 10);
      if (g >= G.n) continue;
      for (size_t c = 0; c < r2->ncols; c++)
        for (size_t k = 0; k < nk; k++) {
          librdf_node *key = G.keys[g * nk + k];
          if (key && librdf_node_is_blank(key) && !strcmp(r2->columns[c], keynames[k]) &&
              !r2->cells[i * r2->ncols + c])
            r2->cells[i * r2->ncols + c] = librdf_new_node_from_node(key);
        }
    }
  }
  if (st == VITAE_OK) st = drop_hidden(r2, plan->hidden);
  if (st != VITAE_OK) {
    vitae_result_free(r2);
    r2 = NULL;
  }
  if (zero) librdf_free_node(zero);
  if (empty) librdf_free_node(empty);
  free(keybuf);
  for (size_t k = 0; k < nd; k++)
    if (dval[k]) librdf_free_node(dval[k]);
  free(dval);
  vitae_strmap_free(&dseen);
  free(dgroup);
  free(dcol);
  for (size_t k = 0; k < nk; k++) free(keynames[k]);
  free_groups(&G);
  *out = r2;
  return st;
}

vitae_status vq_exec_opts(vitae_store *store, const char *text, size_t shift, int depth,
                          int keep_hidden, vitae_result **out, vitae_error *err) {
  *out = NULL;
  if (depth > 16)
    return vitae_error_set(err, VITAE_ERR_QUERY, "query", 0, 0, "sub-SELECTs nested too deeply");
  vq_plan plan;
  vitae_error local;
  vitae_error_clear(&local);
  char **graphs = NULL;
  vitae_status st = vq_dataset_active() ? vq_dataset_named_graphs(&graphs, err)
                                        : vitae_store_list_graphs(store, &graphs, err);
  if (st != VITAE_OK) return st;
  /* GRAPH ?g ranges over the asserted graphs (see VITAE_INFERRED_GRAPH) */
  for (size_t i = 0, j = 0;; i++) {
    if (graphs[i] && strcmp(graphs[i], VITAE_INFERRED_GRAPH) == 0) {
      free(graphs[i]);
      continue;
    }
    graphs[j++] = graphs[i];
    if (!graphs[i]) break;
  }
  st = vq_plan_make(text, shift, NULL, (const char *const *)graphs, &plan, &local);
  if (st != VITAE_OK) vitae_store_free_list(graphs);
  if (st == VITAE_ERR_SYNTAX) {
    /* Not SPARQL this analysis understands: rasqal's own message is the
     * better one when rasqal rejects it too; if rasqal accepts it, it is
     * refused anyway, since its answer could not be checked. */
    vitae_error engine;
    vitae_error_clear(&engine);
    vitae_result *none = NULL;
    if (vq_engine_run(store, text, 1, &none, NULL, &engine) != VITAE_OK) return report(&engine, shift, err);
    if (local.status == VITAE_OK)
      vitae_error_set(&local, VITAE_ERR_QUERY, "query", 0, 0, "vitae cannot analyse this query");
    local.status = VITAE_ERR_QUERY;
    return vitae_error_set(err, VITAE_ERR_QUERY, local.file, local.line, local.column, "%s",
                           local.message);
  }
  if (st != VITAE_OK) return vitae_error_set(err, local.status, local.file[0] ? local.file : NULL,
                                             local.line, local.column, "%s", local.message);
  st = materialise_subqueries(store, text, shift, depth, (const char *const *)graphs, &plan, err);
  vitae_store_free_list(graphs);
  graphs = NULL;
  if (st != VITAE_OK) {
    vq_plan_free(&plan);
    return st;
  }
  if (plan.form == VQ_FORM_DESCRIBE && vq_dataset_active()) {
    /* the descriptions are read from the whole store, not the dataset */
    vq_plan_free(&plan);
    return vitae_error_set(err, VITAE_ERR_UNSUPPORTED, NULL, 0, 0,
                           "DESCRIBE over a dataset given apart from the query "
                           "(default-graph-uri, named-graph-uri) is not supported; use "
                           "CONSTRUCT");
  }
  if (plan.form == VQ_FORM_DESCRIBE) {
    st = vq_describe(store, &plan, shift, depth, out, err);
    vq_plan_free(&plan);
    return st;
  }
  if (plan.stage2) {
    st = run_aggregate(store, &plan, shift, depth, out, err);
    vq_plan_free(&plan);
    return st;
  }
  vq_run_info info = {NULL};
  vitae_result *r = NULL;
  if (getenv("VITAE_QUERY_DEBUG")) fprintf(stderr, "vitae: query as run: %s\n", plan.text);
  st = vq_engine_run(store, plan.text, 0, &r, &info, &local);
  if (st != VITAE_OK) {
    /* Report the error in the user's own text when it has one there. */
    vitae_error orig;
    vitae_error_clear(&orig);
    vitae_result *none = NULL;
    if (st != VITAE_ERR_NOMEM && strcmp(plan.text, text) &&
        vq_engine_run(store, text, 1, &none, NULL, &orig) != VITAE_OK)
      report(&orig, shift, err);
    else
      report(&local, shift, err);
    vq_run_info_free(&info);
    vq_plan_free(&plan);
    return st;
  }
  if (r->kind == VITAE_RESULT_BINDINGS) {
    /* No solutions: the engine reports no columns; the projection has them. */
    if (r->ncols == 0 && info.projection) {
      size_t n = 0;
      while (info.projection[n]) n++;
      st = vq_result_set_columns(r, n, (const char *const *)info.projection);
    }
    if (st == VITAE_OK && r->nrows == 0 && plan.empty_text) {
      vitae_result *e = NULL;
      vitae_error_clear(&local);
      st = vq_engine_run(store, plan.empty_text, 0, &e, NULL, &local);
      if (st != VITAE_OK) report(&local, shift, err);
      else if (e->ncols == r->ncols || r->ncols == 0) {
        vitae_result_free(r);
        r = e;
        if (r->ncols == 0 && info.projection) {
          size_t n = 0;
          while (info.projection[n]) n++;
          st = vq_result_set_columns(r, n, (const char *const *)info.projection);
        }
      } else {
        vitae_result_free(e);
      }
    }
    if (st == VITAE_OK) st = decode_concat(store, r, &plan);
    if (st == VITAE_OK && !keep_hidden) st = drop_hidden(r, plan.hidden);
    if (st == VITAE_ERR_NOMEM) vitae_error_set(err, st, NULL, 0, 0, "out of memory");
  }
  vq_run_info_free(&info);
  vq_plan_free(&plan);
  if (st != VITAE_OK) {
    vitae_result_free(r);
    r = NULL;
  }
  *out = r;
  return st;
}

vitae_status vitae_query_exec(vitae_store *store, const char *sparql, vitae_result **out,
                              vitae_error *err) {
  *out = NULL;
  vitae_buf text = VITAE_BUF_INIT;
  /* rasqal 0.9.33 takes BASE only before any PREFIX: a BASE on the first
   * line keeps its place before ours */
  size_t base_end = 0;
  vq_tokens toks;
  if (vq_lex(sparql, &toks) == 0) {
    if (toks.n > 2 && vq_is_word(&toks, 0, "BASE") && toks.v[1].type == VQ_IRI && toks.v[1].line == 1)
      base_end = toks.v[1].off + toks.v[1].len;
    vq_tokens_free(&toks);
  }
  vitae_buf_append(&text, sparql, base_end);
  if (base_end) vitae_buf_putc(&text, ' ');
  size_t shift = prefix_header(sparql, &text) - base_end;
  if (vitae_buf_puts(&text, sparql + base_end) != VITAE_OK) {
    vitae_buf_free(&text);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  vitae_status st = vq_exec_text(store, vitae_buf_str(&text), shift, 0, out, err);
  vitae_buf_free(&text);
  return st;
}

/* ---- time and memory limits ---- */

/* Per thread: the server runs queries on several threads at once, each
 * with its own limit, and the engine's match callbacks have no other way
 * to reach it.  The memory limit is the process's resident set, read from
 * /proc/self/statm every 1024 steps: an explosive query (a cross product
 * over the whole store, sorted) grows inside rasqal as well as in our
 * results, and the resident set sees both. */
static _Thread_local struct {
  int active, expired, over_memory, timed;
  unsigned tick;
  struct timespec at;
  size_t max_rss;
} deadline;

static size_t resident_bytes(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, rss = 0;
  int got = fscanf(f, "%lu %lu", &size, &rss);
  fclose(f);
  long page = sysconf(_SC_PAGESIZE);
  return got == 2 && page > 0 ? (size_t)rss * (size_t)page : 0;
}

size_t vitae_query_default_memory_limit(void) {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return (size_t)pages / 2 * (size_t)page;
}

int vq_deadline_passed(void) {
  if (!deadline.active) return 0;
  if (deadline.expired) return 1;
  ++deadline.tick;
  if (deadline.max_rss && (deadline.tick & 1023u) == 0 && resident_bytes() > deadline.max_rss) {
    deadline.over_memory = 1;
    return deadline.expired = 1;
  }
  if (!deadline.timed || (deadline.tick & 63u) != 0) return 0;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > deadline.at.tv_sec ||
      (now.tv_sec == deadline.at.tv_sec && now.tv_nsec >= deadline.at.tv_nsec))
    deadline.expired = 1;
  return deadline.expired;
}

vitae_status vitae_query_exec_timed(vitae_store *store, const char *sparql, double seconds,
                                    vitae_result **out, vitae_error *err) {
  return vitae_query_exec_limited(store, sparql, seconds, 0, out, err);
}

vitae_status vitae_query_exec_limited(vitae_store *store, const char *sparql, double seconds,
                                      size_t max_memory, vitae_result **out, vitae_error *err) {
  if (seconds <= 0 && !max_memory) return vitae_query_exec(store, sparql, out, err);
  if (seconds > 1e6) seconds = 1e6;
  deadline.timed = seconds > 0;
  if (deadline.timed) {
    clock_gettime(CLOCK_MONOTONIC, &deadline.at);
    time_t whole = (time_t)seconds;
    long nsec = deadline.at.tv_nsec + (long)((seconds - (double)whole) * 1e9);
    deadline.at.tv_sec += whole + nsec / 1000000000L;
    deadline.at.tv_nsec = nsec % 1000000000L;
  }
  deadline.max_rss = max_memory;
  deadline.active = 1;
  deadline.expired = 0;
  deadline.over_memory = 0;
  deadline.tick = 0;
  vitae_error local;
  vitae_error_clear(&local);
  vitae_status st = vitae_query_exec(store, sparql, out, &local);
  /* a stopped run may still have produced something from what it saw:
   * that is a partial answer, never given out */
  if (deadline.expired) {
    vitae_result_free(*out);
    *out = NULL;
    if (deadline.over_memory)
      st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0,
                           "the query was stopped when the process grew past %zu MB (the memory "
                           "limit); add a LIMIT or make the patterns more selective",
                           max_memory >> 20);
    else
      st = vitae_error_set(err, VITAE_ERR_TIMEOUT, NULL, 0, 0,
                           "the query was stopped after %g seconds (the time limit)", seconds);
  } else if (st != VITAE_OK) {
    vitae_error_set(err, local.status, local.file[0] ? local.file : NULL, local.line,
                    local.column, "%s", local.message);
  }
  deadline.active = 0;
  return st;
}

vitae_status vq_exec_text(vitae_store *store, const char *text, size_t shift, int depth,
                          vitae_result **out, vitae_error *err) {
  return vq_exec_opts(store, text, shift, depth, 0, out, err);
}
