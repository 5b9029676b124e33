#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/progress.h"
#include "core/datadir.h"
#include "core/vocab.h"
#include "export/collect.h"
#include "export/export.h"
#include "extract/entity.h"
#include "extract/extract.h"
#include "infer/infer.h"
#include "store/load.h"
#include "store/mirror.h"

static const char USAGE[] =
    "Usage: vitae extract [OPTIONS] FILE...\n"
    "       vitae [--store SPEC] extract --load [OPTIONS] FILE...\n\n"
    "Read English biographies (UTF-8 text; '-' is standard input) and write\n"
    "the facts they state as RDF in the vitae vocabulary: people, offices held\n"
    "and when, family, education, memberships, meetings, visits, treaties;\n"
    "every fact traced to the sentence it was read from.  Each file is one\n"
    "document; the same person in several documents gets the same IRI.\n\n"
    "  -o FILE        write to FILE (default: standard output)\n"
    "  --format FMT   turtle (default), ntriples, nquads, trig or jsonld; with\n"
    "                 nquads, trig and jsonld each document is its own named\n"
    "                 graph (jsonld: one JSON-LD document for all the files)\n"
    "  --load         add the facts to the store instead, one named graph per\n"
    "                 document (replacing what that graph held), and recompute\n"
    "                 the inferred graph\n"
    "  --base IRI     base of the IRIs minted (default " VITAE_DEFAULT_BASE ")\n"
    "  --subject NAME the person the text is about (default: its title line)\n"
    "  --lenient      replace invalid UTF-8 with U+FFFD (with a warning)\n"
    "                 instead of refusing the file\n";

typedef struct extract_opts {
  const char *output, *format, *base, *subject;
  int load, lenient;
} extract_opts;

/* The IRI of a document's graph: the document node itself. */
static void document_iri(const char *base, const char *path, char *out, size_t n) {
  const char *name = strrchr(path, '/');
  name = name ? name + 1 : path;
  char tmp[512], slug[512];
  snprintf(tmp, sizeof tmp, "%s", strcmp(path, "-") ? name : "stdin");
  char *dot = strrchr(tmp, '.');
  if (dot && dot != tmp) *dot = '\0';
  vitae_name_slug(tmp, slug, sizeof slug);
  snprintf(out, n, "%sdocument/%s", base, slug);
}

/* Extract one file into the collector; warnings on stderr. */
static vitae_status extract_file(const vitae_extractor *ex, const char *path, const extract_opts *o,
                                 vitae_collector *c, vitae_cli *cli, cli_progress *bar,
                                 vitae_error *err) {
  vitae_text *text = NULL;
  vitae_status st = vitae_text_read_file(path, o->lenient, &text, err);
  cli_progress_clear(bar); /* warnings and the summary line go on a clean line */
  if (st == VITAE_ERR_INPUT && strstr(err->message, "empty")) {
    if (!cli->quiet) fprintf(stderr, "vitae: warning: %s: empty file, nothing extracted\n", path);
    vitae_error_clear(err);
    return VITAE_OK;
  }
  if (st != VITAE_OK) return st;
  if (vitae_text_replacements(text) && !cli->quiet)
    fprintf(stderr, "vitae: warning: %s: %zu invalid UTF-8 sequence(s) replaced by U+FFFD\n", path,
            vitae_text_replacements(text));
  vitae_extract_options eo = {o->base, o->subject, strcmp(path, "-") ? path : "<stdin>"};
  vitae_extract_stats stats;
  st = vitae_extract_document(ex, text, &eo, vitae_collector_add, c, &stats, err);
  if (c->failed) { /* the collector ran out of memory: say that, not "cannot write" */
    vitae_error_clear(err);
    st = vitae_error_set(err, VITAE_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  if (st == VITAE_OK && !cli->quiet)
    fprintf(stderr, "%s: %zu sentences, %zu entities, %zu facts, %zu triples\n", path, stats.sentences,
            stats.entities, stats.facts, stats.triples);
  vitae_text_free(text);
  return st;
}

static int run(vitae_cli *cli, const extract_opts *o, int nfiles, char **files) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_rdf_format fmt = VITAE_RDF_TURTLE;
  if (o->format && (vitae_rdf_format_parse(o->format, &fmt) != 0 || !vitae_rdf_format_has_parts(fmt)))
    return cli_usage_error("extract", "unknown --format '%s' (turtle, ntriples, nquads, trig, jsonld)",
                           o->format);
  int rc = EXIT_OK;
  vitae_store *store = NULL;
  raptor_world *rw = NULL;
  cli_remote remote = {NULL, NULL};
  if (o->load && cli_is_virtuoso(cli)) {
    /* a virtuoso: store: each document's graph goes to the server in one PUT */
    if (cli_remote_open(cli, &remote, &rc) != 0) return rc;
    store = remote.scratch; /* remote's own, closed with it */
    rw = librdf_world_get_raptor(vitae_store_world(store));
  } else if (o->load) {
    if (!(store = cli_open_store(cli, VITAE_STORE_WRITE, &rc))) return rc;
    rw = librdf_world_get_raptor(vitae_store_world(store));
  } else if (!(rw = raptor_new_world()) || raptor_world_open(rw) != 0) {
    fputs("vitae: cannot start raptor\n", stderr);
    return EXIT_ERROR;
  }
  vitae_extractor *ex = NULL;
  vitae_status st = vitae_extractor_new(vitae_datadir(), &ex, &err);
  cli_output out = {0};
  FILE *f = stdout;
  if (st == VITAE_OK && !o->load && o->output && strcmp(o->output, "-")) {
    st = cli_output_open(&out, o->output, &err);
    f = out.f;
  }
  vitae_collector c;
  vitae_collector_init(&c, rw);
  /* one document, written a part per file, as each is extracted */
  vitae_export_writer w;
  vitae_export_writer_init(&w, rw, fmt, f);
  const char *base = o->base ? o->base : VITAE_DEFAULT_BASE;
  int loaded = 0;
  cli_progress bar;
  cli_progress_init(&bar, cli);
  if (nfiles < 2) bar.on = 0; /* one file: its summary line is the progress */
  cli_progress_phase(&bar, "extracting", "files", 1, nfiles);
  /* One document at a time: memory is bounded by the largest document. */
  for (int i = 0; i < nfiles && st == VITAE_OK; i++) {
    char graph[1200];
    document_iri(base, files[i], graph, sizeof graph);
    vitae_error ferr;
    vitae_error_clear(&ferr);
    vitae_collector_reset(&c);
    vitae_status fst = vitae_collector_set_graph(&c, vitae_rdf_format_has_graphs(fmt) ? graph : NULL) == 0
                           ? VITAE_OK : VITAE_ERR_NOMEM;
    if (fst == VITAE_OK) fst = extract_file(ex, files[i], o, &c, cli, &bar, &ferr);
    if (fst == VITAE_OK && o->load) {
      vitae_load_result res;
      fst = remote.v ? vitae_mirror_put_statements(remote.v, c.items, c.n, graph, &ferr)
                     : vitae_load_statements(store, c.items, c.n, graph, &res, &ferr);
      if (fst == VITAE_OK) loaded++;
    } else if (fst == VITAE_OK) {
      fst = vitae_export_writer_part(&w, c.items, c.n, &ferr);
      if (fst != VITAE_OK && fst != VITAE_ERR_UNSUPPORTED) st = fst; /* the output is broken: stop */
    }
    if (fst != VITAE_OK) {
      /* a bad file is reported and the others go on; the exit code tells */
      cli_progress_clear(&bar);
      int code = cli_fail(&ferr);
      if (code > rc) rc = code;
    }
    cli_progress_set(&bar, i + 1, i + 1 == nfiles);
  }
  cli_progress_clear(&bar);
  vitae_collector_free(&c);
  if (!o->load && st == VITAE_OK) st = vitae_export_writer_finish(&w, &err);
  if (loaded && remote.v) {
    rc = cli_remote_infer_report(cli, &remote, rc);
  } else if (loaded) {
    /* a failure to infer is reported, but what was loaded stays */
    vitae_error ierr;
    vitae_error_clear(&ierr);
    vitae_infer_stats is;
    if (vitae_infer_update_stats(store, &is, &ierr) != VITAE_OK) {
      int code = cli_fail(&ierr);
      if (code > rc) rc = code;
    } else if (!cli->quiet) {
      vitae_infer_stats_print(&is, stderr);
    }
  }
  if (out.f) {
    vitae_status closed = cli_output_close(&out, st == VITAE_OK && rc == EXIT_OK, &err);
    if (st == VITAE_OK) st = closed;
  }
  if (st != VITAE_OK) {
    int code = cli_fail(&err);
    if (code > rc) rc = code;
  }
  vitae_extractor_free(ex);
  if (remote.v) cli_remote_close(&remote);
  else if (store) rc = cli_store_finish(store, rc);
  else raptor_free_world(rw);
  return rc;
}

int cmd_extract(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"base", required_argument, NULL, 'b'},
                                       {"subject", required_argument, NULL, 's'},
                                       {"load", no_argument, NULL, 'l'},
                                       {"lenient", no_argument, NULL, 'L'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  extract_opts o = {0};
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "o:f:b:s:h", opts, NULL)) != -1) {
    switch (c) {
    case 'o': o.output = optarg; break;
    case 'f': o.format = optarg; break;
    case 'b':
      if ((c = cli_check_iri("extract", "--base", optarg))) return c;
      o.base = optarg;
      break;
    case 's': o.subject = optarg; break;
    case 'l': o.load = 1; break;
    case 'L': o.lenient = 1; break;
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("extract", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc) return cli_usage_error("extract", "no FILE given");
  if (o.load && o.output) return cli_usage_error("extract", "--load stores the facts; -o writes them: choose one");
  if (o.subject && argc - optind > 1)
    return cli_usage_error("extract", "--subject names the person of one document; give one FILE");
  return run(cli, &o, argc - optind, argv + optind);
}
