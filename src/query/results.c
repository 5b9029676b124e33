/* Writers for query results: an aligned table for people, and the W3C
 * SPARQL 1.1 results formats (CSV, TSV, JSON, XML) for programs. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/vocab.h"
#include "export/export.h"
#include "query/query.h"

typedef enum { FMT_TABLE, FMT_CSV, FMT_TSV, FMT_JSON, FMT_XML } result_format;

static int parse_format(const char *name, result_format *out) {
  static const struct { const char *name; result_format f; } names[] = {
      {"table", FMT_TABLE}, {"csv", FMT_CSV}, {"tsv", FMT_TSV}, {"json", FMT_JSON},
      {"xml", FMT_XML}, {"srj", FMT_JSON}, {"srx", FMT_XML}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(name, names[i].name)) {
      *out = names[i].f;
      return 0;
    }
  return -1;
}

static const char *uri_str(librdf_node *n) {
  return (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
}
static const char *lit_str(librdf_node *n, size_t *len) {
  return (const char *)librdf_node_get_literal_value_as_counted_string(n, len);
}
static const char *blank_str(librdf_node *n) {
  return (const char *)librdf_node_get_blank_identifier(n);
}
static const char *lit_datatype(librdf_node *n) {
  librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
  return dt ? (const char *)librdf_uri_as_string(dt) : NULL;
}
static const char *lit_lang(librdf_node *n) {
  const char *l = librdf_node_get_literal_value_language(n);
  return l && *l ? l : NULL;
}

/* ---- escaping ---- */

static void put_escaped_string(vitae_buf *b, const char *s, size_t n, int json) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"': vitae_buf_puts(b, "\\\""); break;
    case '\\': vitae_buf_puts(b, "\\\\"); break;
    case '\n': vitae_buf_puts(b, "\\n"); break;
    case '\r': vitae_buf_puts(b, "\\r"); break;
    case '\t': vitae_buf_puts(b, "\\t"); break;
    default:
      if (c < 0x20 || c == 0x7f) vitae_buf_printf(b, json ? "\\u%04x" : "\\u%04X", c);
      else vitae_buf_putc(b, (char)c);
    }
  }
}

static void put_xml_escaped(vitae_buf *b, const char *s, size_t n) { vitae_buf_put_markup(b, s, n, 0); }

/* A term in Turtle/SPARQL syntax, as TSV wants it. */
static void put_turtle_term(vitae_buf *b, librdf_node *n) {
  if (librdf_node_is_resource(n)) {
    vitae_buf_printf(b, "<%s>", uri_str(n));
  } else if (librdf_node_is_blank(n)) {
    vitae_buf_printf(b, "_:%s", blank_str(n));
  } else {
    size_t len;
    const char *v = lit_str(n, &len);
    vitae_buf_putc(b, '"');
    put_escaped_string(b, v, len, 0);
    vitae_buf_putc(b, '"');
    if (lit_lang(n)) vitae_buf_printf(b, "@%s", lit_lang(n));
    else if (lit_datatype(n)) vitae_buf_printf(b, "^^<%s>", lit_datatype(n));
  }
}

/* The short form people read in a table: prefixed IRIs, bare literals. */
static void put_display_term(vitae_buf *b, librdf_node *n) {
  if (librdf_node_is_resource(n)) {
    const char *iri = uri_str(n);
    for (const vitae_prefix *p = VITAE_PREFIXES; p->prefix; p++) {
      size_t k = strlen(p->iri);
      if (!strncmp(iri, p->iri, k) && iri[k] && !strpbrk(iri + k, "/#?")) {
        vitae_buf_printf(b, "%s:%s", p->prefix, iri + k);
        return;
      }
    }
    vitae_buf_printf(b, "<%s>", iri);
  } else if (librdf_node_is_blank(n)) {
    vitae_buf_printf(b, "_:%s", blank_str(n));
  } else {
    size_t len;
    const char *v = lit_str(n, &len);
    for (size_t i = 0; i < len; i++) /* keep each row on one line */
      vitae_buf_putc(b, (v[i] == '\n' || v[i] == '\t' || v[i] == '\r') ? ' ' : v[i]);
    if (lit_lang(n)) vitae_buf_printf(b, "@%s", lit_lang(n));
  }
}

/* ---- the formats ---- */

static size_t display_width(const char *s) {
  size_t w = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) w++; /* count code points */
  return w;
}

static void write_table(vitae_result *r, vitae_buf *b) {
  size_t nc = vitae_result_columns(r), nr = vitae_result_rows(r);
  if (vitae_result_get_kind(r) == VITAE_RESULT_BOOLEAN) {
    vitae_buf_puts(b, vitae_result_boolean(r) ? "true\n" : "false\n");
    return;
  }
  char **cells = calloc(nr * nc + 1, sizeof *cells);
  size_t *width = calloc(nc + 1, sizeof *width);
  if (!cells || !width) goto out;
  for (size_t c = 0; c < nc; c++) width[c] = display_width(vitae_result_column_name(r, c));
  for (size_t i = 0; i < nr; i++)
    for (size_t c = 0; c < nc; c++) {
      vitae_buf cell = VITAE_BUF_INIT;
      librdf_node *n = vitae_result_cell(r, i, c);
      if (n) put_display_term(&cell, n);
      cells[i * nc + c] = vitae_buf_take(&cell);
      if (cells[i * nc + c] && display_width(cells[i * nc + c]) > width[c])
        width[c] = display_width(cells[i * nc + c]);
    }
  for (size_t c = 0; c < nc; c++)
    vitae_buf_printf(b, "%s%s%*s", c ? "  " : "", vitae_result_column_name(r, c),
                     c + 1 < nc ? (int)(width[c] - display_width(vitae_result_column_name(r, c))) : 0, "");
  vitae_buf_putc(b, '\n');
  for (size_t c = 0; c < nc; c++) {
    vitae_buf_puts(b, c ? "  " : "");
    for (size_t k = 0; k < width[c]; k++) vitae_buf_putc(b, '-');
  }
  vitae_buf_putc(b, '\n');
  for (size_t i = 0; i < nr; i++) {
    for (size_t c = 0; c < nc; c++) {
      const char *s = cells[i * nc + c] ? cells[i * nc + c] : "";
      vitae_buf_printf(b, "%s%s%*s", c ? "  " : "", s,
                       c + 1 < nc ? (int)(width[c] - display_width(s)) : 0, "");
    }
    vitae_buf_putc(b, '\n');
  }
  vitae_buf_printf(b, "(%zu row%s)\n", nr, nr == 1 ? "" : "s");
out:
  if (cells)
    for (size_t i = 0; i < nr * nc; i++) free(cells[i]);
  free(cells);
  free(width);
}

static void put_csv_field(vitae_buf *b, const char *s, size_t n) {
  int quote = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '"' || s[i] == ',' || s[i] == '\n' || s[i] == '\r') quote = 1;
  if (!quote) {
    vitae_buf_append(b, s, n);
    return;
  }
  vitae_buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') vitae_buf_putc(b, '"');
    vitae_buf_putc(b, s[i]);
  }
  vitae_buf_putc(b, '"');
}

static void write_csv(vitae_result *r, vitae_buf *b) {
  if (vitae_result_get_kind(r) == VITAE_RESULT_BOOLEAN) {
    vitae_buf_puts(b, vitae_result_boolean(r) ? "true\r\n" : "false\r\n");
    return;
  }
  size_t nc = vitae_result_columns(r);
  for (size_t c = 0; c < nc; c++) {
    if (c) vitae_buf_putc(b, ',');
    put_csv_field(b, vitae_result_column_name(r, c), strlen(vitae_result_column_name(r, c)));
  }
  vitae_buf_puts(b, "\r\n");
  for (size_t i = 0; i < vitae_result_rows(r); i++) {
    for (size_t c = 0; c < nc; c++) {
      if (c) vitae_buf_putc(b, ',');
      librdf_node *n = vitae_result_cell(r, i, c);
      if (!n) continue;
      if (librdf_node_is_resource(n)) {
        put_csv_field(b, uri_str(n), strlen(uri_str(n)));
      } else if (librdf_node_is_blank(n)) {
        vitae_buf cell = VITAE_BUF_INIT;
        vitae_buf_printf(&cell, "_:%s", blank_str(n));
        put_csv_field(b, vitae_buf_str(&cell), cell.len);
        vitae_buf_free(&cell);
      } else {
        size_t len;
        const char *v = lit_str(n, &len);
        put_csv_field(b, v, len);
      }
    }
    vitae_buf_puts(b, "\r\n");
  }
}

static void write_tsv(vitae_result *r, vitae_buf *b) {
  if (vitae_result_get_kind(r) == VITAE_RESULT_BOOLEAN) {
    vitae_buf_puts(b, vitae_result_boolean(r) ? "true\n" : "false\n");
    return;
  }
  size_t nc = vitae_result_columns(r);
  for (size_t c = 0; c < nc; c++) vitae_buf_printf(b, "%s?%s", c ? "\t" : "", vitae_result_column_name(r, c));
  vitae_buf_putc(b, '\n');
  for (size_t i = 0; i < vitae_result_rows(r); i++) {
    for (size_t c = 0; c < nc; c++) {
      if (c) vitae_buf_putc(b, '\t');
      librdf_node *n = vitae_result_cell(r, i, c);
      if (n) put_turtle_term(b, n);
    }
    vitae_buf_putc(b, '\n');
  }
}

static void put_json_string(vitae_buf *b, const char *s, size_t n) {
  vitae_buf_putc(b, '"');
  put_escaped_string(b, s, n, 1);
  vitae_buf_putc(b, '"');
}

static void write_json(vitae_result *r, vitae_buf *b) {
  if (vitae_result_get_kind(r) == VITAE_RESULT_BOOLEAN) {
    vitae_buf_printf(b, "{ \"head\": {}, \"boolean\": %s }\n", vitae_result_boolean(r) ? "true" : "false");
    return;
  }
  size_t nc = vitae_result_columns(r);
  vitae_buf_puts(b, "{\n  \"head\": { \"vars\": [");
  for (size_t c = 0; c < nc; c++) {
    vitae_buf_puts(b, c ? ", " : " ");
    put_json_string(b, vitae_result_column_name(r, c), strlen(vitae_result_column_name(r, c)));
  }
  vitae_buf_puts(b, nc ? " ] },\n" : "] },\n");
  vitae_buf_puts(b, "  \"results\": {\n    \"bindings\": [");
  for (size_t i = 0; i < vitae_result_rows(r); i++) {
    vitae_buf_puts(b, i ? ",\n      {" : "\n      {");
    int first = 1;
    for (size_t c = 0; c < nc; c++) {
      librdf_node *n = vitae_result_cell(r, i, c);
      if (!n) continue;
      vitae_buf_puts(b, first ? " " : ", ");
      first = 0;
      put_json_string(b, vitae_result_column_name(r, c), strlen(vitae_result_column_name(r, c)));
      if (librdf_node_is_resource(n)) {
        vitae_buf_puts(b, ": { \"type\": \"uri\", \"value\": ");
        put_json_string(b, uri_str(n), strlen(uri_str(n)));
      } else if (librdf_node_is_blank(n)) {
        vitae_buf_puts(b, ": { \"type\": \"bnode\", \"value\": ");
        put_json_string(b, blank_str(n), strlen(blank_str(n)));
      } else {
        size_t len;
        const char *v = lit_str(n, &len);
        vitae_buf_puts(b, ": { \"type\": \"literal\", \"value\": ");
        put_json_string(b, v, len);
        if (lit_lang(n)) {
          vitae_buf_puts(b, ", \"xml:lang\": ");
          put_json_string(b, lit_lang(n), strlen(lit_lang(n)));
        } else if (lit_datatype(n)) {
          vitae_buf_puts(b, ", \"datatype\": ");
          put_json_string(b, lit_datatype(n), strlen(lit_datatype(n)));
        }
      }
      vitae_buf_puts(b, " }");
    }
    vitae_buf_puts(b, " }");
  }
  vitae_buf_puts(b, vitae_result_rows(r) ? "\n    ]\n  }\n}\n" : "]\n  }\n}\n");
}

static void write_xml(vitae_result *r, vitae_buf *b) {
  vitae_buf_puts(b, "<?xml version=\"1.0\"?>\n"
                    "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n");
  if (vitae_result_get_kind(r) == VITAE_RESULT_BOOLEAN) {
    vitae_buf_printf(b, "  </head>\n  <boolean>%s</boolean>\n</sparql>\n",
                     vitae_result_boolean(r) ? "true" : "false");
    return;
  }
  size_t nc = vitae_result_columns(r);
  for (size_t c = 0; c < nc; c++) {
    vitae_buf_puts(b, "    <variable name=\"");
    put_xml_escaped(b, vitae_result_column_name(r, c), strlen(vitae_result_column_name(r, c)));
    vitae_buf_puts(b, "\"/>\n");
  }
  vitae_buf_puts(b, "  </head>\n  <results>\n");
  for (size_t i = 0; i < vitae_result_rows(r); i++) {
    vitae_buf_puts(b, "    <result>\n");
    for (size_t c = 0; c < nc; c++) {
      librdf_node *n = vitae_result_cell(r, i, c);
      if (!n) continue;
      vitae_buf_puts(b, "      <binding name=\"");
      put_xml_escaped(b, vitae_result_column_name(r, c), strlen(vitae_result_column_name(r, c)));
      vitae_buf_puts(b, "\">");
      if (librdf_node_is_resource(n)) {
        vitae_buf_puts(b, "<uri>");
        put_xml_escaped(b, uri_str(n), strlen(uri_str(n)));
        vitae_buf_puts(b, "</uri>");
      } else if (librdf_node_is_blank(n)) {
        vitae_buf_puts(b, "<bnode>");
        put_xml_escaped(b, blank_str(n), strlen(blank_str(n)));
        vitae_buf_puts(b, "</bnode>");
      } else {
        size_t len;
        const char *v = lit_str(n, &len);
        vitae_buf_puts(b, "<literal");
        if (lit_lang(n)) {
          vitae_buf_puts(b, " xml:lang=\"");
          put_xml_escaped(b, lit_lang(n), strlen(lit_lang(n)));
          vitae_buf_putc(b, '"');
        } else if (lit_datatype(n)) {
          vitae_buf_puts(b, " datatype=\"");
          put_xml_escaped(b, lit_datatype(n), strlen(lit_datatype(n)));
          vitae_buf_putc(b, '"');
        }
        vitae_buf_putc(b, '>');
        put_xml_escaped(b, v, len);
        vitae_buf_puts(b, "</literal>");
      }
      vitae_buf_puts(b, "</binding>\n");
    }
    vitae_buf_puts(b, "    </result>\n");
  }
  vitae_buf_puts(b, "  </results>\n</sparql>\n");
}

vitae_status vitae_result_write(vitae_result *r, raptor_world *world, const char *format,
                                FILE *out, vitae_error *err) {
  if (vitae_result_get_kind(r) == VITAE_RESULT_GRAPH) {
    vitae_rdf_format rf = VITAE_RDF_TURTLE;
    if (format && vitae_rdf_format_parse(format, &rf) != 0)
      return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                             "this query gives RDF: use --format turtle, ntriples or rdfxml, "
                             "not '%s'", format);
    raptor_statement **stmts;
    size_t n = vitae_result_statements(r, &stmts);
    return vitae_export_statements(world, stmts, n, rf, out, err);
  }
  result_format f = FMT_TABLE;
  if (format && parse_format(format, &f) != 0)
    return vitae_error_set(err, VITAE_ERR_USAGE, NULL, 0, 0,
                           "unknown result format '%s' (table, csv, tsv, json, xml)", format);
  vitae_buf b = VITAE_BUF_INIT;
  switch (f) {
  case FMT_TABLE: write_table(r, &b); break;
  case FMT_CSV: write_csv(r, &b); break;
  case FMT_TSV: write_tsv(r, &b); break;
  case FMT_JSON: write_json(r, &b); break;
  case FMT_XML: write_xml(r, &b); break;
  }
  size_t len = b.len;
  if (b.failed) {
    vitae_buf_free(&b);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory writing the results");
  }
  int bad = len && fwrite(b.data, 1, len, out) != len;
  if (fflush(out) != 0) bad = 1;
  vitae_buf_free(&b);
  if (bad) return vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the results");
  return VITAE_OK;
}
